package examples_test

import (
	"compress/gzip"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/go-chi/chi/v5"

	"github.com/aegisagent/redactor/middleware"
	"github.com/aegisagent/redactor/redact"
)

// The output filter on a chi router: every response body is redacted as
// it streams, by content type. JSON stays valid JSON, and a body the
// handler (or an upstream) compressed is decoded, redacted and
// re-encoded with the same coding.
func Example_outputFilter() {
	r := chi.NewRouter()
	r.Use(middleware.OutputFilter(redact.Default(), middleware.WithCountHeader("X-Redactions")))
	r.Get("/users/{id}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":42,"email":"jane.doe@example.com","card":"4242 4242 4242 4242","token_type":"Bearer"}`)
	})
	r.Get("/report", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		io.WriteString(zw, "source: postgres://report:Rpt-s3cret-99@db.internal:5432/reports\nrows: 1834\n")
		zw.Close()
	})

	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest("GET", "/users/42", nil))
	fmt.Println(rec.Body.String())
	fmt.Println("redactions:", rec.Header().Get("X-Redactions"))

	rec = httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest("GET", "/report", nil))
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(zr)
	fmt.Print(rec.Header().Get("Content-Encoding"), ": ", string(body))
	// Output:
	// {"id":42,"email":"[REDACTED:email]","card":"[REDACTED:card]","token_type":"Bearer"}
	// redactions: 2
	// gzip: source: postgres://report:[REDACTED:url-credentials]@db.internal:5432/reports
	// rows: 1834
}

// The access log: RequestLogger writes one record per request with query
// values under secret keys, URL passwords and credential headers replaced.
// Register it outside the output filter so that it sees the final status
// and byte count.
func Example_requestLogger() {
	logger := slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == "duration" || a.Key == "remote" { // vary from run to run
				return slog.Attr{}
			}
			return noTime(groups, a)
		},
	}))
	red := redact.Default()
	r := chi.NewRouter()
	r.Use(middleware.RequestLogger(logger, red))
	r.Use(middleware.OutputFilter(red))
	r.Get("/callback", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})

	req := httptest.NewRequest("GET", "/callback?state=af0ifjsldkj&token=tk-55aa66bb77cc&email=jane.doe@example.com", nil)
	req.Header.Set("X-Api-Key", "ak_live_7Hq2Lm9Kp4Wn7Vb3Jh")
	r.ServeHTTP(httptest.NewRecorder(), req)
	// Output:
	// {"level":"INFO","msg":"http request","method":"GET","url":"/callback?state=af0ifjsldkj&token=%5BREDACTED%3Akeyed-secret%5D&email=%5BREDACTED%3Aemail%5D","proto":"HTTP/1.1","status":204,"bytes":0,"x-api-key":"[REDACTED:keyed-secret]"}
}
