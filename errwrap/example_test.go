package errwrap_test

import (
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"

	"github.com/aegisagent/redactor/errwrap"
	"github.com/jackc/pgx/v5/pgconn"
)

// A unique violation from Postgres: the client sees the class and a fixed
// sentence, never the row value the server put in Detail.
func ExampleWrap() {
	orig := fmt.Errorf("create user: %w", &pgconn.PgError{
		Severity: "ERROR", Code: "23505",
		Message:        `duplicate key value violates unique constraint "users_email_key"`,
		Detail:         "Key (email)=(alice@example.com) already exists.",
		ConstraintName: "users_email_key",
	})
	err := errwrap.Wrap(orig)
	fmt.Println(err)
	fmt.Printf("%#v\n", err)

	var pe *pgconn.PgError
	fmt.Println(errors.As(err, &pe), pe.Code) // the service still reaches the original
	// Output:
	// unique_violation: the request conflicts with an existing record
	// &errwrap.Error{Class:"unique_violation", Status:409}
	// true 23505
}

// A *url.Error keeps scheme, host, path and query keys; values, user-info
// and fragment go.
func ExampleWrap_httpClient() {
	orig := &url.Error{Op: "Get", URL: "https://bot:pw@api.example.com/v1/send?chat=42&token=123:abc#top", Err: errors.New("EOF")}
	fmt.Println(errwrap.Wrap(orig))
	// Output:
	// upstream_error: an upstream request failed (Get https://api.example.com/v1/send?chat=[REDACTED]&token=[REDACTED])
}

// Write sends RFC 9457 problem details with the request id as instance.
func ExampleWrite() {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/users/7", nil)
	req.Header.Set("X-Request-Id", "req-42")

	errwrap.Write(rec, req, fmt.Errorf("load user 7: %w", sql.ErrNoRows))

	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	fmt.Print(rec.Body.String())
	// Output:
	// 404 application/problem+json
	// {"type":"urn:redactor:error:not_found","title":"Not Found","status":404,"detail":"the requested record does not exist","instance":"req-42","error_type":"not_found"}
}

// LogValue gives operators the whole story, with every value redacted: the
// e-mail by the core redactor's rule, the plain username because it sits
// where Postgres quotes row data.
func ExampleError_LogValue() {
	err := errwrap.Wrap(&pgconn.PgError{
		Severity: "ERROR", Code: "23505",
		Message:        `duplicate key value violates unique constraint "users_email_username_key"`,
		Detail:         "Key (email, username)=(alice@example.com, alice) already exists.",
		ConstraintName: "users_email_username_key",
	})
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{}
			}
			return a
		},
	}))
	logger.Error("create user", "err", err)
	// Output:
	// level=ERROR msg="create user" err.error_type=unique_violation err.status=409 err.sqlstate=23505 err.severity=ERROR err.db_message="duplicate key value violates unique constraint \"users_email_username_key\"" err.detail="Key (email, username)=([REDACTED:email], [REDACTED:keyed-secret]) already exists." err.constraint=users_email_username_key err.cause="ERROR: duplicate key value violates unique constraint \"users_email_username_key\" (SQLSTATE 23505)"
}

// Handle with WithLogger: the handler returns its error, the client gets a
// problem response, and the log gets the redacted story with the instance.
func ExampleWithLogger() {
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{}
			}
			return a
		},
	}))
	h := errwrap.New(errwrap.WithLogger(logger)).Handle(func(w http.ResponseWriter, r *http.Request) error {
		return fmt.Errorf("load user alice@example.com: %w", sql.ErrNoRows)
	})
	req := httptest.NewRequest("GET", "/users/7", nil)
	req.Header.Set("X-Request-Id", "req-42")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	fmt.Print(rec.Code, " ", rec.Body.String())
	// Output:
	// level=INFO msg="request failed" error.error_type=not_found error.status=404 error.cause="load user [REDACTED:email]: sql: no rows in result set" instance=req-42
	// 404 {"type":"urn:redactor:error:not_found","title":"Not Found","status":404,"detail":"the requested record does not exist","instance":"req-42","error_type":"not_found"}
}
