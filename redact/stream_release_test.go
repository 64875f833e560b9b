package redact

import (
	"bytes"
	"math/rand/v2"
	"os"
	"testing"
)

// TestReleaseKeepsOutput: Release after any write changes nothing in the
// output — it equals Bytes of the whole input for every chunking — and
// after a write that ends a line with no anchor pending, nothing is held.
func TestReleaseKeepsOutput(t *testing.T) {
	mixed, err := os.ReadFile("testdata/mixed.log")
	if err != nil {
		t.Fatal(err)
	}
	inputs := map[string][]byte{
		"mixed.log":            mixed,
		"pem":                  []byte("before\n" + pemBlock("RSA PRIVATE KEY", testPEMBody) + "\nafter\n"),
		"secret at a line end": []byte("Authorization: Bearer 9f8e7d6c5b4a39281706\nkey AKIAQ3EGRUDXVXSKJY7M\n"),
	}
	r := Default()
	for name, in := range inputs {
		want := r.Bytes(in)
		for seed := uint64(0); seed < 50; seed++ {
			rng := rand.New(rand.NewPCG(seed, 1))
			var out bytes.Buffer
			w := r.NewWriter(&out).(*Writer)
			for rest := in; len(rest) > 0; {
				n := min(len(rest), 1+rng.IntN(64))
				if rng.IntN(2) == 0 { // end chunks at line ends half the time
					if i := bytes.IndexByte(rest[:n], '\n'); i >= 0 {
						n = i + 1
					}
				}
				if _, err := w.Write(rest[:n]); err != nil {
					t.Fatal(err)
				}
				rest = rest[n:]
				if err := w.Release(); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Fatalf("%s, seed %d: output differs from Bytes", name, seed)
			}
		}
	}
}

func TestReleaseWritesCompleteLines(t *testing.T) {
	r := Default()
	for _, tc := range []struct{ in, want string }{
		{"done\n", "done\n"},
		{"Authorization: Bearer 9f8e7d6c5b4a39281706\n", "Authorization: Bearer [REDACTED:bearer-token]\n"},
		{"no newline yet", ""},                    // a token may continue
		{"-----BEGIN RSA PRIVATE KEY-----\n", ""}, // a block is open
	} {
		var out bytes.Buffer
		w := r.NewWriter(&out).(*Writer)
		_, _ = w.Write([]byte(tc.in))
		if err := w.Release(); err != nil {
			t.Fatal(err)
		}
		if out.String() != tc.want {
			t.Errorf("%q: released %q, want %q", tc.in, out.String(), tc.want)
		}
	}
}
