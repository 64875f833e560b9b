package errwrap

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/go-chi/chi/v5/middleware"
)

// Problem is the RFC 9457 problem-details body Write sends. Every member
// comes from the class table, the status, a validated request id and
// field paths: none echoes the request or the original error.
type Problem struct {
	// Type is a stable URI per class: the type base plus the class.
	Type string `json:"type"`
	// Title is the class's short title.
	Title string `json:"title"`
	// Status is the HTTP status.
	Status int `json:"status"`
	// Detail is the class's generic message; for 5xx always the same
	// sentence, so server failures all look alike (OWASP error handling).
	Detail string `json:"detail"`
	// Instance is the request id, so support can find the log line.
	Instance string `json:"instance,omitempty"`
	// ErrorType is the class, for clients that switch on a plain word.
	ErrorType Class `json:"error_type"`
	// Errors lists failing fields of validation and input errors.
	Errors []Violation `json:"errors,omitempty"`
	// Constraint, Table and Column name the schema objects of a database
	// error, only with WithSchemaNames.
	Constraint string `json:"constraint,omitempty"`
	Table      string `json:"table,omitempty"`
	Column     string `json:"column,omitempty"`
}

// errNil stands in when Write is handed a nil error: a handler bug, shown
// as a plain 500.
var errNil = errors.New("errwrap: Write called with a nil error")

// The detail of every 5xx: it says nothing of the cause, and points at the
// instance only when there is one.
const (
	serverDetail   = "the server could not complete the request; quote the instance when reporting it"
	serverDetailNo = "the server could not complete the request"
)

// problem builds the RFC 9457 body for e and a request id.
func (e *Error) problem(typeBase, requestID string) Problem {
	p := Problem{
		Type:      typeBase + string(e.class),
		Title:     e.class.Title(),
		Status:    e.status,
		Detail:    e.class.Message(),
		Instance:  requestID,
		ErrorType: e.class,
		Errors:    e.violations,
	}
	if e.status >= 500 {
		p.Detail = serverDetail
		if requestID == "" {
			p.Detail = serverDetailNo
		}
	}
	if s := e.schema; s != nil {
		p.Constraint, p.Table, p.Column = s.Constraint, s.Table, s.Column
	}
	return p
}

// Wrapper holds options once, for services that write many errors.
type Wrapper struct{ c *config }

// New returns a Wrapper with these options.
func New(opts ...Option) *Wrapper { return &Wrapper{c: newConfig(opts)} }

// Wrap is the package Wrap with the Wrapper's options.
func (w *Wrapper) Wrap(err error) error {
	if err == nil {
		return nil
	}
	return wrap(err, w.c)
}

// Write is the package Write with the Wrapper's options.
func (w *Wrapper) Write(rw http.ResponseWriter, r *http.Request, err error) {
	write(rw, r, err, w.c)
}

// Handle adapts a handler that returns an error into an http.HandlerFunc
// (what chi's router.Get and friends take): a non-nil error is written
// with Write.
func (w *Wrapper) Handle(h func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		if err := h(rw, r); err != nil {
			w.Write(rw, r, err)
		}
	}
}

// Write wraps err and sends it as an RFC 9457 application/problem+json
// response: a stable type per class, the class's status, a generic detail
// (always generic for 5xx) and instance set to the request id. The
// response is marked no-store and nosniff. Log the error separately (the
// *Error's LogValue) to keep the details.
func Write(w http.ResponseWriter, r *http.Request, err error, opts ...Option) {
	write(w, r, err, newConfig(opts))
}

// Handle is Wrapper.Handle with default options.
func Handle(h func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	return New().Handle(h)
}

func write(w http.ResponseWriter, r *http.Request, err error, c *config) {
	if err == nil {
		err = errNil
	}
	e := wrap(err, c)
	id := ""
	if r != nil {
		id = c.requestID(r)
		if !safeID(id) || len(c.red.Find([]byte(id))) > 0 {
			id = ""
		}
	}
	body, mErr := json.Marshal(e.problem(c.typeBase, id))
	if mErr != nil { // cannot happen: every member is a string, int or Violation
		body = []byte(`{"type":"` + c.typeBase + `internal","title":"Internal Server Error","status":500}`)
	}
	h := w.Header()
	h.Del("Content-Length")
	h.Set("Content-Type", "application/problem+json")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(e.status)
	w.Write(append(body, '\n'))
	if c.log != nil {
		ctx := context.Background()
		if r != nil {
			ctx = r.Context()
		}
		level := slog.LevelInfo // the client's mistake: worth a record, not an alert
		if e.status >= 500 {
			level = slog.LevelError
		}
		c.log.LogAttrs(ctx, level, "request failed", slog.Any("error", e), slog.String("instance", id))
	}
}

// defaultRequestID takes chi's request id (middleware.RequestID), else an
// X-Request-Id header. Both can come from the client, so write keeps only
// short ids of safe characters in which the redactor finds nothing:
// instance must not become an echo channel.
func defaultRequestID(r *http.Request) string {
	id := middleware.GetReqID(r.Context())
	if id == "" {
		id = r.Header.Get("X-Request-Id")
	}
	return id
}

func safeID(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':' || c == '/') {
			return false
		}
	}
	return true
}
