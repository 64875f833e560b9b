package errwrap_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/aegisagent/redactor/errwrap"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/jackc/pgx/v5/pgconn"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// timeoutErr is a net.Error that timed out, as the transport returns.
type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

func pgUnique(email string) error {
	return fmt.Errorf("insert user: %w", &pgconn.PgError{
		Severity: "ERROR", Code: "23505",
		Message:        `duplicate key value violates unique constraint "users_email_key"`,
		Detail:         "Key (email)=(" + email + ") already exists.",
		TableName:      "users",
		ConstraintName: "users_email_key",
	})
}

// TestWriteGolden pins the problem+json body per class: the exact bytes a
// client receives.
func TestWriteGolden(t *testing.T) {
	const email = "alice@example.com"
	tests := []struct {
		golden string
		err    error
		status int
		opts   []errwrap.Option
	}{
		{"problem_unique.json", pgUnique(email), 409, nil},
		{"problem_unique_schema.json", pgUnique(email), 409, []errwrap.Option{errwrap.WithSchemaNames(), errwrap.WithTypeBase("https://api.example.com/problems/")}},
		{"problem_not_found.json", fmt.Errorf("user %s: %w", email, sql.ErrNoRows), 404, nil},
		{"problem_upstream_timeout.json", &url.Error{Op: "Get", URL: "https://pay.example.com/v1/charge?token=sk_live_abc#x", Err: timeoutErr{}}, 504, nil},
		{"problem_input.json", errwrap.Field("query.limit", atoiErr("10; DROP TABLE users")), 400, nil},
		{"problem_internal.json", errors.New("open /etc/app/" + email + ".key: permission denied"), 500, nil},
	}
	for _, tc := range tests {
		t.Run(tc.golden, func(t *testing.T) {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest("POST", "/users", nil)
			req.Header.Set("X-Request-Id", "req-0001")
			errwrap.Write(rec, req, tc.err, tc.opts...)
			if rec.Code != tc.status {
				t.Errorf("status = %d, want %d", rec.Code, tc.status)
			}
			for k, v := range map[string]string{"Content-Type": "application/problem+json", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"} {
				if got := rec.Header().Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if b := rec.Body.String(); strings.Contains(b, email) || strings.Contains(b, "sk_live") || strings.Contains(b, "DROP") {
				t.Errorf("body echoes a value: %s", rec.Body)
			}
			golden(t, tc.golden, rec.Body.Bytes())
		})
	}
}

func atoiErr(s string) error {
	_, err := strconv.Atoi(s)
	return err
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\ngot:  %s\nwant: %s", name, got, want)
	}
}

func TestWriteRequestID(t *testing.T) {
	tests := []struct {
		name   string
		header string
		chi    bool
		want   string
	}{
		{"header", "abc-123", false, "abc-123"},
		{"chi request id wins", "abc-123", true, "chi-"},
		{"header with a quote is dropped", `x"y`, false, ""},
		{"header holding a secret is dropped", newCanaries(t).Token, false, ""},
		{"overlong header is dropped", strings.Repeat("a", 200), false, ""},
		{"none", "", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var h http.Handler = errwrap.Handle(func(w http.ResponseWriter, r *http.Request) error {
				return sql.ErrNoRows
			})
			if tc.chi {
				r := chi.NewRouter()
				r.Use(func(next http.Handler) http.Handler {
					return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						ctx := context.WithValue(r.Context(), middleware.RequestIDKey, "chi-7f3a")
						next.ServeHTTP(w, r.WithContext(ctx))
					})
				})
				r.Get("/x", h.ServeHTTP)
				h = r
			}
			rec := httptest.NewRecorder()
			req := httptest.NewRequest("GET", "/x", nil)
			if tc.header != "" {
				req.Header.Set("X-Request-Id", tc.header)
			}
			h.ServeHTTP(rec, req)
			var p errwrap.Problem
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
				t.Fatalf("body is not JSON: %v: %s", err, rec.Body)
			}
			if tc.want == "" && p.Instance != "" || tc.want != "" && !strings.HasPrefix(p.Instance, tc.want) {
				t.Errorf("instance = %q, want prefix %q", p.Instance, tc.want)
			}
			if p.Status != 404 || p.ErrorType != errwrap.ClassNotFound {
				t.Errorf("problem = %+v", p)
			}
		})
	}
}
