package examples_test

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/aegisagent/redactor/errwrap"
	_ "github.com/aegisagent/redactor/errwrap/pgxerr" // schema names and Detail of *pgconn.PgError
)

// Error wrapping: one database error, three audiences. The client gets an
// RFC 9457 problem with the class and a fixed sentence (errwrap.Write);
// the operator's log gets the whole story with the row data redacted (the
// wrapped error's LogValue); the service's own code still reaches the
// driver's error with errors.As.
func Example_errorWrapping() {
	// What PostgreSQL sends for a second insert of the same e-mail.
	dbErr := fmt.Errorf("create customer: %w", &pgconn.PgError{
		Severity: "ERROR", Code: "23505",
		Message:        `duplicate key value violates unique constraint "customers_email_key"`,
		Detail:         "Key (email)=(alice@example.com) already exists.",
		TableName:      "customers",
		ConstraintName: "customers_email_key",
	})
	wrapped := errwrap.Wrap(dbErr)
	fmt.Println(wrapped) // every fmt verb prints the client's view

	// The client's view.
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "/customers", nil)
	req.Header.Set("X-Request-Id", "req-7f3a")
	errwrap.Write(rec, req, dbErr)
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Cache-Control"))
	fmt.Print(rec.Body.String())

	// The operator's view.
	logger := slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: noTime}))
	logger.Error("create customer", "err", wrapped)

	// The service's view.
	var pe *pgconn.PgError
	if errors.As(wrapped, &pe) && pe.Code == "23505" {
		fmt.Println("service: duplicate on", pe.ConstraintName)
	}
	// Output:
	// unique_violation: the request conflicts with an existing record
	// 409 application/problem+json no-store
	// {"type":"urn:redactor:error:unique_violation","title":"Conflict","status":409,"detail":"the request conflicts with an existing record","instance":"req-7f3a","error_type":"unique_violation"}
	// {"level":"ERROR","msg":"create customer","err":{"error_type":"unique_violation","status":409,"sqlstate":"23505","severity":"ERROR","db_message":"duplicate key value violates unique constraint \"customers_email_key\"","detail":"Key (email)=([REDACTED:email]) already exists.","table":"customers","constraint":"customers_email_key","cause":"create customer: ERROR: duplicate key value violates unique constraint \"customers_email_key\" (SQLSTATE 23505)"}}
	// service: duplicate on customers_email_key
}
