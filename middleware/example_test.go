package middleware_test

import (
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

func ExampleOutputFilter() {
	r := chi.NewRouter()
	r.Use(middleware.OutputFilter(redact.Default()))
	r.Get("/me", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"user":"bob","email":"bob@example.com","password":"hunter2","token_type":"Bearer"}`)
	})

	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest("GET", "/me", nil))
	fmt.Println(rec.Body.String())
	// Output:
	// {"user":"bob","email":"[REDACTED:email]","password":"[REDACTED:keyed-secret]","token_type":"Bearer"}
}

func ExampleOutputFilter_stream() {
	h := middleware.OutputFilter(redact.Default())(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		// The credential is split across writes and a flush; it is
		// still caught.
		io.WriteString(w, "GET /export Authorization: Bear")
		http.NewResponseController(w).Flush()
		io.WriteString(w, "er 9f8e7d6c5b4a39281706\nexport done\n")
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	fmt.Print(rec.Body.String())
	// Output:
	// GET /export Authorization: Bearer [REDACTED:bearer-token]
	// export done
}

func ExampleAllowRoute() {
	r := chi.NewRouter()
	r.Use(middleware.OutputFilter(redact.Default(),
		// The token endpoint exists to hand out this one credential.
		middleware.AllowRoute("POST", "/auth/token", "$.access_token")))
	r.Post("/auth/token", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"access_token":"at-1f2e3d4c5b6a","refresh_token":"rt-9a8b7c6d5e4f"}`)
	})

	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest("POST", "/auth/token", nil))
	fmt.Println(rec.Body.String())
	// Output:
	// {"access_token":"at-1f2e3d4c5b6a","refresh_token":"[REDACTED:keyed-secret]"}
}

func ExampleRequestLogger() {
	// Drop the time and duration so the example's output is stable.
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == "duration" || a.Key == "remote" {
				return slog.Attr{}
			}
			return a
		},
	}))
	h := middleware.RequestLogger(logger, redact.Default())(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	req := httptest.NewRequest("GET", "/callback?state=af0ifjsldkj&code=Splx10BeZQQYbYS6WxSbIA&token=tk-55aa66bb77cc", nil)
	req.Header.Set("Authorization", "Bearer 9f8e7d6c5b4a39281706")
	h.ServeHTTP(httptest.NewRecorder(), req)
	// Output:
	// level=INFO msg="http request" method=GET url="/callback?state=af0ifjsldkj&code=%5BREDACTED%3Akeyed-secret%5D&token=%5BREDACTED%3Akeyed-secret%5D" proto=HTTP/1.1 status=204 bytes=0 authorization="Bearer [REDACTED:keyed-secret]"
}

func ExampleRedactURL() {
	r := redact.Default()
	fmt.Println(middleware.RedactURL(r, "https://app:s3cret-pw@api.example.com/v1/export?format=csv&api_key=abc123def456#frag"))
	fmt.Println(middleware.RedactURL(r, "/search?q=shoes&page=2"))
	// Output:
	// https://app:%5BREDACTED%3Akeyed-secret%5D@api.example.com/v1/export?format=csv&api_key=%5BREDACTED%3Akeyed-secret%5D#frag
	// /search?q=shoes&page=2
}
