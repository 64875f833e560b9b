package errwrap_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
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

// WithLogger: Write logs what it sends, the operator view redacted, at
// Error for a 5xx and Info for a client error, with the instance.
func TestWriteLogger(t *testing.T) {
	c := newCanaries(t)
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	h := errwrap.New(errwrap.WithLogger(logger)).Handle(func(w http.ResponseWriter, r *http.Request) error {
		if r.URL.Path == "/missing" {
			return fmt.Errorf("user %s: %w", c.Email, sql.ErrNoRows)
		}
		return &url.Error{Op: "Get", URL: "https://pay.example.com/v1/charge?token=" + c.Token, Err: errors.New("dial tcp: connection refused")}
	})
	for _, tc := range []struct {
		path, level string
		status      int
	}{{"/missing", "INFO", 404}, {"/charge", "ERROR", 502}} {
		buf.Reset()
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", tc.path, nil)
		req.Header.Set("X-Request-Id", "req-42")
		h.ServeHTTP(rec, req)
		if rec.Code != tc.status {
			t.Fatalf("%s: status %d, want %d", tc.path, rec.Code, tc.status)
		}
		var rec1 struct {
			Level, Msg, Instance string
			Error                struct {
				Status int `json:"status"`
			}
		}
		if err := json.Unmarshal(buf.Bytes(), &rec1); err != nil {
			t.Fatalf("%s: one JSON log record expected, got %q (%v)", tc.path, buf.String(), err)
		}
		if rec1.Level != tc.level || rec1.Instance != "req-42" || rec1.Error.Status != tc.status {
			t.Errorf("%s: logged %+v, want level %s, instance req-42, status %d", tc.path, rec1, tc.level, tc.status)
		}
		if s := buf.String(); strings.Contains(s, c.Token) || strings.Contains(s, c.Email) {
			t.Errorf("%s: the log holds a secret: %s", tc.path, s)
		}
	}
}

// A 5xx with no request id does not ask the client to quote one.
func TestServerDetailWithoutInstance(t *testing.T) {
	for _, id := range []string{"", "req-7"} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/x", nil)
		if id != "" {
			req.Header.Set("X-Request-Id", id)
		}
		errwrap.Write(rec, req, errors.New("boom"))
		var p errwrap.Problem
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		if mentions := strings.Contains(p.Detail, "instance"); mentions != (id != "") || p.Instance != id {
			t.Errorf("request id %q: detail %q, instance %q", id, p.Detail, p.Instance)
		}
	}
}
