package errwrap

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"

	"github.com/aegisagent/redactor/redact"
)

// Facts is what an Adapter reads from one library's error type: typed
// fields only. Class and the schema names may reach clients (the latter
// only with WithSchemaNames); Message, Detail, Hint and Where go only to
// the operator view, redacted.
type Facts struct {
	// Class, when set, wins over the class derived from SQLState/MySQLNumber.
	Class Class
	// SQLState is the five-character SQLSTATE, when the library has one.
	SQLState string
	// MySQLNumber is the MySQL/MariaDB server error number, or 0.
	MySQLNumber int
	// Schema names: metadata that says something about the database's
	// layout (CWE-209), so clients see them only with WithSchemaNames.
	Schema, Table, Column, Constraint, DataType string
	// Operator-only text, which may hold row values and input.
	Severity, Message, Detail, Hint, Where string
	// Violations of a validation error.
	Violations []Violation
}

func (f *Facts) logAttrs(r *redact.Redactor) []slog.Attr {
	var a []slog.Attr
	add := func(k, v string) {
		if v != "" {
			a = append(a, slog.String(k, v))
		}
	}
	add("sqlstate", f.SQLState)
	if f.MySQLNumber != 0 {
		a = append(a, slog.Int("mysql_number", f.MySQLNumber))
	}
	add("severity", f.Severity)
	add("db_message", maskText(r, f.Message, true))
	add("detail", maskText(r, f.Detail, true))
	add("hint", maskText(r, f.Hint, true))
	add("where", maskText(r, f.Where, true))
	add("schema", f.Schema)
	add("table", f.Table)
	add("column", f.Column)
	add("constraint", f.Constraint)
	add("data_type", f.DataType)
	return a
}

// An Adapter recognises one library's error type and reads its typed
// fields. Adapters for pgx, lib/pq, go-sql-driver/mysql and
// go-playground/validator live in subpackages, so that importing errwrap
// alone links none of those libraries; see the package documentation.
type Adapter interface {
	// Adapt reports the facts of err (usually found with errors.As), or
	// false when err holds no error this adapter knows.
	Adapt(err error) (Facts, bool)
}

var (
	registryMu sync.RWMutex
	registry   []Adapter
)

// Register adds adapters that every Wrap consults, after those passed with
// WithAdapters. The driver subpackages call it from init, so a blank import
// (import _ ".../errwrap/pgxerr") is enough, the way database/sql drivers
// register themselves.
func Register(a ...Adapter) {
	registryMu.Lock()
	registry = append(registry, a...)
	registryMu.Unlock()
}

// Option configures Wrap, New and Write.
type Option func(*config)

type config struct {
	red         *redact.Redactor
	schemaNames bool
	adapters    []Adapter
	typeBase    string
	requestID   func(*http.Request) string
	log         *slog.Logger
}

// WithRedactor sets the redactor of the operator view (LogValue) and of
// URL paths; the default is redact.Default().
func WithRedactor(r *redact.Redactor) Option { return func(c *config) { c.red = r } }

// WithSchemaNames lets clients see constraint, table and column names of
// database errors. They are off by default: they describe the schema
// (CWE-209), though some APIs want "constraint users_email_key" to tell
// which field conflicted.
func WithSchemaNames() Option { return func(c *config) { c.schemaNames = true } }

// WithAdapters consults these adapters before the registered ones.
func WithAdapters(a ...Adapter) Option {
	return func(c *config) { c.adapters = append(c.adapters, a...) }
}

// WithTypeBase sets the prefix of the problem "type" member; the class is
// appended. The default "urn:redactor:error:" needs no web page; a base
// like "https://api.example.com/problems/" points clients at docs.
func WithTypeBase(base string) Option { return func(c *config) { c.typeBase = base } }

// WithRequestID replaces how Write finds the request id for "instance"
// (default: chi's middleware.GetReqID, then a well-formed X-Request-Id).
func WithRequestID(f func(*http.Request) string) Option {
	return func(c *config) { c.requestID = f }
}

// WithLogger makes Write (and so Handle) log every error it sends, with
// the *Error's redacted operator view (see Error.LogValue) and the
// instance: at Error level for a 5xx, at Info for a client error. The
// client sees the class and status; the log keeps the story, never a
// secret. Without it, log the returned error yourself.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.log = l } }

func newConfig(opts []Option) *config {
	c := &config{typeBase: "urn:redactor:error:"}
	for _, o := range opts {
		o(c)
	}
	if c.red == nil {
		c.red = redact.Default()
	}
	if c.requestID == nil {
		c.requestID = defaultRequestID
	}
	return c
}

// Wrap classifies err and returns a client-safe *Error wrapping it, or nil
// for nil. An *Error passed in is returned as it is. Errors nobody knows
// become ClassInternal with no text of their own.
func Wrap(err error, opts ...Option) error {
	if err == nil {
		return nil
	}
	return wrap(err, newConfig(opts))
}

func wrap(err error, c *config) *Error {
	if already, ok := err.(*Error); ok {
		return already
	}
	var inner *Error
	if errors.As(err, &inner) {
		// Wrapped again ("get user: %w"): the inner classification
		// stands (an *Error's Timeout method must not make it a network
		// error); the log gets the whole chain.
		e := *inner
		e.orig = err
		return &e
	}
	text, ok := errorText(err)
	if !ok {
		// Its Error method panics (a typed nil): nothing of it is known
		// or shown.
		return &Error{orig: err, red: c.red, class: ClassInternal, status: ClassInternal.Status()}
	}
	e := &Error{orig: err, red: c.red, class: ClassInternal}
	if f, ok := adapt(err, c); ok {
		e.applyFacts(f, c)
	} else if !classifyBuiltin(e, err, text, c) {
		e.class = ClassInternal
	}
	var to interface{ Timeout() bool }
	if errors.As(err, &to) && to.Timeout() {
		e.timeout = true
	}
	var tmp interface{ Temporary() bool }
	if errors.As(err, &tmp) && tmp.Temporary() {
		e.temporary = true
	}
	if e.status == 0 {
		e.status = e.class.Status()
	}
	return e
}

func adapt(err error, c *config) (Facts, bool) {
	for _, a := range c.adapters {
		if f, ok := a.Adapt(err); ok {
			return f, true
		}
	}
	registryMu.RLock()
	defer registryMu.RUnlock()
	for _, a := range registry {
		if f, ok := a.Adapt(err); ok {
			return f, true
		}
	}
	return Facts{}, false
}

func (e *Error) applyFacts(f Facts, c *config) {
	e.facts = &f
	e.db = f.SQLState != "" || f.MySQLNumber != 0
	switch {
	case f.Class != "":
		e.class = f.Class
	case f.MySQLNumber != 0:
		e.class = ClassForMySQL(f.MySQLNumber, f.SQLState)
	case f.SQLState != "":
		e.class = ClassForSQLState(f.SQLState)
	case len(f.Violations) > 0:
		e.class = ClassValidationFailed
	default:
		e.class = ClassInternal
	}
	e.violations = f.Violations
	for i := range e.violations {
		// A map key in a path (secrets[<key>]) is the client's input.
		e.violations[i].Field = maskBracketKeys(e.violations[i].Field, ".[")
	}
	var fe *fieldError
	if len(e.violations) > 0 && errors.As(e.orig, &fe) {
		for i := range e.violations {
			e.violations[i].Field = joinPath(fe.path, e.violations[i].Field)
		}
	}
	if c.schemaNames && (f.Constraint != "" || f.Table != "" || f.Column != "") {
		e.schema = &schemaNames{Constraint: f.Constraint, Table: f.Table, Column: f.Column}
	}
}

// sqlStater is satisfied by pgconn.PgError and lib/pq's *Error, so their
// class is known even when no adapter is imported.
type sqlStater interface{ SQLState() string }

// classifyBuiltin recognises standard-library errors and drivers through
// interfaces, and by text (err.Error(), computed once by wrap). It
// reports false when it does not know err.
func classifyBuiltin(e *Error, err error, text string, c *config) bool {
	var ss sqlStater
	if errors.As(err, &ss) {
		if code := ss.SQLState(); len(code) == 5 {
			e.class = ClassForSQLState(code)
			e.db = true
			return true
		}
	}
	if classifyHTTP(e, err, c) || classifyInput(e, err, text) {
		return true
	}
	if looksLikeMySQL(text) {
		// A MySQL error without the mysqlerr adapter: the class stays
		// internal, but its message still gets the database masks.
		e.db = true
		return false
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		e.class = ClassNotFound
	case errors.Is(err, sql.ErrTxDone):
		e.class = ClassTxDone
	case errors.Is(err, sql.ErrConnDone), errors.Is(err, driver.ErrBadConn):
		e.class = ClassConnectionException
	case isScanError(text):
		e.class = ClassScanError
	case errors.Is(err, context.DeadlineExceeded):
		e.class = ClassTimeout
	case errors.Is(err, context.Canceled):
		e.class = ClassCanceled
	default:
		return false
	}
	return true
}

// errorText is err.Error(), and false if that panics: an error type whose
// method dereferences a nil receiver must not take the wrapper down.
func errorText(err error) (s string, ok bool) {
	defer func() {
		if recover() != nil {
			s, ok = "", false
		}
	}()
	return err.Error(), true
}

// looksLikeMySQL recognises go-sql-driver/mysql's "Error 1062 (23000): …"
// or "Error 1062: …" anywhere in an error's text.
func looksLikeMySQL(s string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], "Error ")
		if j < 0 {
			return false
		}
		k := i + j + len("Error ")
		n := 0
		for k+n < len(s) && s[k+n] >= '0' && s[k+n] <= '9' {
			n++
		}
		if n >= 4 && k+n+1 < len(s) && (s[k+n] == ':' || s[k+n] == ' ' && s[k+n+1] == '(') {
			return true
		}
		i = k
	}
}

// isScanError recognises database/sql conversion errors by the fixed
// prefixes in their text s; they are plain fmt errors whose text quotes
// the value, so they are classified without echoing anything.
func isScanError(s string) bool {
	for _, p := range [...]string{"sql: Scan error on column", "converting driver.Value type", "unsupported Scan, storing driver.Value type", "converting NULL to "} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}
