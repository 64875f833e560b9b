// Package errwrap turns errors into errors that are safe to show a client,
// while the original stays available to the service and, redacted, to its
// logs.
//
// Errors are the most common leak path: a Postgres unique violation's
// Detail quotes the duplicate row value, MySQL puts it in the message, pgx
// encode errors print arguments, *url.Error carries the full URL with its
// query, strconv and encoding/json errors echo the input, validators keep
// the rejected value. Wrap builds the client error from typed fields only
// (an allowlist), never by scrubbing the original's text.
//
// # Quick start
//
//	import (
//		"github.com/aegisagent/redactor/errwrap"
//		_ "github.com/aegisagent/redactor/errwrap/pgxerr" // the driver you use
//	)
//
//	if err := store.CreateUser(ctx, u); err != nil {
//		slog.Error("create user", "err", errwrap.Wrap(err)) // operator view, redacted
//		errwrap.Write(w, r, err)                          // RFC 9457 problem+json
//		return
//	}
//
// With chi, errwrap.Handle turns a handler that returns an error into an
// http.HandlerFunc: r.Get("/users/{id}", errwrap.Handle(getUser)). Build
// it from errwrap.New(errwrap.WithLogger(logger)) and every error it
// sends is also logged, redacted, with its instance.
//
// # Two views of one error
//
// The client view — Error, every fmt verb (%v %+v %#v %q %s …),
// MarshalJSON and the problem body — holds only the class, its fixed
// message, field paths, statuses, a sanitised URL and, with
// WithSchemaNames, constraint/table/column names. The operator view,
// LogValue (log/slog calls it), adds the original text and the driver's
// Detail, Hint and Where, with URLs sanitised, every value passed through
// the core redactor (redact.Default or WithRedactor), and the value parts
// of known database messages replaced whole even when they do not look
// secret, since row data is data (CWE-532):
//
//	Key (email, username)=([REDACTED:email], [REDACTED:keyed-secret]) already exists.
//	Duplicate entry '[REDACTED:keyed-secret]' for key 'users.name'
//	Failing row contains ([REDACTED:keyed-secret], null, …).
//
// Unwrap returns the original, so errors.Is and errors.As keep working for
// the service's own handling; its text is not safe to send.
//
// # Drivers stay out of your binary
//
// The root package imports no driver. Postgres errors from pgx and lib/pq
// are classified through their SQLState method, an interface both satisfy,
// so the class is right with no adapter at all. Typed fields the root
// cannot read without importing the driver — schema names, Detail for the
// logs, MySQL's error Number — come from adapter subpackages, each
// importing only its own library:
//
//	errwrap/pgxerr        github.com/jackc/pgx/v5 (*pgconn.PgError)
//	errwrap/pqerr         github.com/lib/pq (*pq.Error)
//	errwrap/mysqlerr      github.com/go-sql-driver/mysql (*mysql.MySQLError)
//	errwrap/validatorerr  github.com/go-playground/validator/v10
//
// Importing one (a blank import is enough) registers it, the way
// database/sql drivers register; WithAdapters passes one explicitly
// instead. The importer's choice is which adapters to import; the go.mod of
// this module lists every driver because tests use them, but go list -deps
// of errwrap shows none (TestRootPackageLinksNoDriver pins this). MySQL
// errors need mysqlerr to be classified (they have no SQLState method);
// without it they are ClassInternal: safe, just not specific.
//
// # Classes and statuses
//
//	class                          status  from
//	not_found                      404     sql.ErrNoRows, pgx.ErrNoRows
//	unique_violation               409     23505; MySQL 1062, 1586, 1169
//	foreign_key_violation          409     23503; MySQL 1451, 1452, 1216, 1217
//	integrity_constraint_violation 409     other 23xxx
//	not_null_violation             422     23502; MySQL 1048, 1364
//	check_violation                422     23514; MySQL 3819, MariaDB 4025
//	invalid_text_representation    422     22P02, 22007, 22008; MySQL 1366, 1292, 1265, 1367
//	string_data_right_truncation   422     22001; MySQL 1406
//	numeric_value_out_of_range     422     22003; MySQL 1264, 1690
//	data_exception                 422     other 22xxx
//	serialization_failure          503     40001, other 40xxx
//	deadlock_detected              503     40P01; MySQL 1213
//	lock_timeout                   503     55P03; MySQL 1205
//	query_canceled                 504     57014; MySQL 1317, 1969, 3024
//	connection_exception           503     08xxx, 57xxx; MySQL 1040, 2002, 2003, 2006, 2013; sql.ErrConnDone, driver.ErrBadConn; a dial *net.OpError outside any *url.Error (a driver's)
//	insufficient_resources         503     53xxx
//	syntax_or_access               500     42xxx, 28xxx; MySQL 1044, 1045, 1054, 1064, 1142, 1146
//	database_error                 500     any other SQLSTATE
//	tx_done                        500     sql.ErrTxDone
//	scan_error                     500     database/sql Scan/convert errors (matched by fixed prefix)
//	timeout                        504     context.DeadlineExceeded
//	canceled                       499     context.Canceled
//	upstream_timeout               504     *url.Error or net.Error with Timeout()
//	upstream_unavailable           502     *url.Error from a failed dial, proxy connection or DNS lookup; other net.Errors
//	upstream_error                 502     any other *url.Error
//	upstream_status                502     FromResponse: upstream answered 4xx/5xx
//	validation_failed              422     validator.ValidationErrors (validatorerr)
//	invalid_input                  400     json.UnmarshalTypeError, json unknown field or ,string tag, strconv.NumError, time.ParseError
//	malformed_body                 400     json.SyntaxError, io.ErrUnexpectedEOF (a body cut short)
//	body_too_large                 413     http.MaxBytesError
//	internal                       500     everything else, with no text of its own
//
// An *Error wrapped again (fmt.Errorf("get user: %w", err)) keeps its
// class.
//
// Validation and input errors list their fields as {field, class}, e.g.
// "body.user.email: invalid_format"; a map key in a path is client input
// and shows as "*" (secrets[*]). The field path comes from validator's
// Namespace (register a tag-name func for JSON names), the json error's
// Field, or errwrap.Field, which also prefixes the others. No value is
// ever echoed; for fields whose last word is a secret noun (password,
// token, api_key …) even the rule's parameter is kept out of the logs.
//
// # HTTP-client errors
//
// The URL of a *url.Error (the outermost one; nested ones are cleaned in
// the log text) keeps scheme, host and path — the path through the core
// redactor, since paths can hold tokens — and its query keys with values
// replaced by [REDACTED]; user-info and fragment are dropped. Timeout and
// Temporary report what the original said. A non-2xx response is not an
// error in net/http; FromResponse makes one with the same URL treatment.
//
// # Problem responses
//
// Write renders RFC 9457 application/problem+json: type (WithTypeBase plus
// the class, default "urn:redactor:error:<class>"), title, status, detail
// (the class's generic sentence; for every 5xx the same sentence),
// instance (chi's request id, else X-Request-Id, kept only when short,
// of URL-safe characters and free of anything the redactor finds),
// error_type, and errors[] for field failures. The response is marked
// Cache-Control: no-store and X-Content-Type-Options: nosniff.
package errwrap
