package middleware_test

import (
	"bytes"
	"flag"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/aegisagent/redactor/middleware"
	"github.com/aegisagent/redactor/redact"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden runs each testdata input through the filter in many random
// chunkings; every chunking must give the reviewed output in
// testdata/*.golden. Run with -update to rewrite them after a reviewed
// change.
func TestGolden(t *testing.T) {
	for _, tc := range []struct{ file, ctype string }{
		{"events.sse", "text/event-stream"},
		{"records.ndjson", "application/x-ndjson"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			var first []byte
			for seed := uint64(0); seed < 20; seed++ {
				h := middleware.OutputFilter(redact.Default())(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
					w.Header().Set("Content-Type", tc.ctype)
					writeChunks(t, w, rand.New(rand.NewPCG(seed, 3)), in)
				}))
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
				got := rec.Body.Bytes()
				assertNoSecret(t, got)
				if seed == 0 {
					first = got
				} else if !bytes.Equal(got, first) {
					t.Fatalf("seed %d: output depends on the chunking", seed)
				}
			}
			golden := filepath.Join("testdata", tc.file+".golden")
			if *update {
				if err := os.WriteFile(golden, first, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, want) {
				t.Fatalf("output differs from %s:\n%s", golden, first)
			}
		})
	}
}
