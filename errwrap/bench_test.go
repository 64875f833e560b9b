package errwrap

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aegisagent/redactor/redact"
)

// dbLikeError has a SQLState, like pgconn.PgError and pq.Error, without
// importing a driver into the root package's tests.
type dbLikeError struct{ code, msg string }

func (e *dbLikeError) Error() string    { return e.msg }
func (e *dbLikeError) SQLState() string { return e.code }

var benchErrors = []struct {
	name string
	err  error
}{
	{"unknown", errors.New("open /srv/keys/alice@example.com.pem: permission denied")},
	{"sqlstate", fmt.Errorf("insert: %w", &dbLikeError{"23505", `ERROR: duplicate key value violates unique constraint "users_email_key" (SQLSTATE 23505)`})},
	{"url", fmt.Errorf("call: %w", &url.Error{Op: "Get", URL: "https://api.example.com/v1/x?token=abc&page=2", Err: io.ErrUnexpectedEOF})},
	{"no-rows", fmt.Errorf("load: %w", sql.ErrNoRows)},
}

// BenchmarkWrap: the baseline is fmt.Errorf("%w"), what a service pays
// today to add context to an error.
func BenchmarkWrap(b *testing.B) {
	for _, be := range benchErrors {
		b.Run(be.name+"/baseline-fmt-errorf", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = fmt.Errorf("ctx: %w", be.err)
			}
		})
		b.Run(be.name+"/wrap", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = Wrap(be.err)
			}
		})
	}
}

// BenchmarkLog: the baseline logs the raw error (unsafe) with the same
// JSON handler; wrap-and-log is what a safe service does instead.
func BenchmarkLog(b *testing.B) {
	logger := slog.New(slog.NewJSONHandler(io.Discard, nil))
	for _, be := range benchErrors {
		b.Run(be.name+"/baseline-raw", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				logger.Error("failed", "err", be.err)
			}
		})
		b.Run(be.name+"/wrapped", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				logger.Error("failed", "err", Wrap(be.err))
			}
		})
	}
}

// BenchmarkWrite: the baseline is http.Error with the raw text (unsafe).
func BenchmarkWrite(b *testing.B) {
	req := httptest.NewRequest("GET", "/x", nil)
	req.Header.Set("X-Request-Id", "req-1")
	err := benchErrors[1].err
	b.Run("baseline-http-error", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			http500(httptest.NewRecorder(), err)
		}
	})
	b.Run("write", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Write(httptest.NewRecorder(), req, err)
		}
	})
}

func http500(w *httptest.ResponseRecorder, err error) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(500)
	io.WriteString(w, err.Error())
}

// corpusLines reads the shared loghub corpus, or skips: the corpus is
// measured against, never copied into the repository.
func corpusLines(b *testing.B) ([]string, int) {
	dir := os.Getenv("REDACTOR_CORPUS")
	if dir == "" {
		dir = "/work/shared/corpus/loghub"
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.log"))
	if len(files) == 0 {
		b.Skipf("no corpus in %s; set REDACTOR_CORPUS to a directory of *.log files", dir)
	}
	var lines []string
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		n += len(data)
		lines = append(lines, strings.Split(string(data), "\n")...)
	}
	return lines, n
}

// BenchmarkOperatorTextCorpus treats every real log line as the text of an
// unknown error and measures the operator view against the core redactor
// alone (the baseline), and reports how many lines errwrap's own masks
// (URL query values, database value shapes) change beyond the core: on
// clean logs those are over-redactions.
func BenchmarkOperatorTextCorpus(b *testing.B) {
	lines, size := corpusLines(b)
	r := redact.Default()
	b.Run("baseline-core-only", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, l := range lines {
				_ = r.String(l)
			}
		}
	})
	b.Run("masktext", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, l := range lines {
				_ = maskText(r, l, false)
			}
		}
		changed := 0
		for _, l := range lines {
			if maskText(r, l, false) != r.String(l) {
				changed++
			}
		}
		b.ReportMetric(float64(changed), "lines-changed-beyond-core")
		b.ReportMetric(float64(len(lines)), "lines")
	})
}

// BenchmarkMaskTextAdversarial: a line full of openings with no closing
// must cost linear time; ns/op should grow 16x from 64 KiB to 1 MiB, not
// 256x.
func BenchmarkMaskTextAdversarial(b *testing.B) {
	r := redact.Default()
	for _, size := range []int{64 << 10, 1 << 20} {
		line := strings.Repeat(")=(x", size/4)
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(line)))
			for b.Loop() {
				_ = maskText(r, line, true)
			}
		})
	}
}
