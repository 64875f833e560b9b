package errwrap

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/aegisagent/redactor/redact"
)

// Error is an error that is safe to show a client. Every client-facing form
// — Error, every fmt verb, MarshalJSON — is built only from the class, its
// fixed message, field paths, statuses, a sanitised URL and (when enabled)
// schema names; no text of the original error is copied into it. The
// original stays reachable through Unwrap for errors.Is and errors.As, and
// LogValue gives operators the whole story with values redacted.
type Error struct {
	class      Class
	status     int
	violations []Violation
	url        string // sanitised: scheme://host/path?key=[REDACTED]
	op         string // url.Error Op ("Get", "Post"): a method name, no data
	upstream   int    // upstream HTTP status, 0 when none
	timeout    bool
	temporary  bool
	schema     *schemaNames // only when WithSchemaNames
	facts      *Facts       // operator view of an adapter's typed fields
	db         bool         // the original came from a database server: mask its message shapes
	orig       error
	red        *redact.Redactor
}

type schemaNames struct {
	Constraint string `json:"constraint,omitempty"`
	Table      string `json:"table,omitempty"`
	Column     string `json:"column,omitempty"`
}

// Violation is one failing field of a request: where, and what kind of
// failure. It never carries the rejected value.
type Violation struct {
	// Field is the path of the field, e.g. "body.user.email".
	Field string `json:"field,omitempty"`
	// Class is the kind of failure, e.g. "required", "invalid_format".
	Class string `json:"class"`
	// Rule is the validation rule that failed (validator tag), for the
	// operator view only.
	Rule string `json:"-"`
	// Param is the rule's parameter ("8" for min=8), for the operator
	// view only, and dropped for secret-named fields.
	Param string `json:"-"`
}

// Class is the error's class, e.g. ClassUniqueViolation.
func (e *Error) Class() Class { return e.class }

// Status is the HTTP status a response for this error carries.
func (e *Error) Status() int { return e.status }

// Violations lists the failing fields of a validation or input error (a
// copy: callers may not change the error).
func (e *Error) Violations() []Violation { return append([]Violation(nil), e.violations...) }

// URL is the sanitised downstream URL of an HTTP-client error, or "".
func (e *Error) URL() string { return e.url }

// UpstreamStatus is the status code an upstream service answered with, or
// 0 when there was no response.
func (e *Error) UpstreamStatus() int { return e.upstream }

// Timeout reports whether the original error was a timeout, so code that
// retries on net.Error timeouts keeps working after wrapping.
func (e *Error) Timeout() bool { return e.timeout }

// Temporary reports what the original error's Temporary method said; kept
// for callers of the (deprecated) net.Error interface.
func (e *Error) Temporary() bool { return e.temporary }

// Unwrap returns the original error, for errors.Is and errors.As. Its text
// is not safe to show a client.
func (e *Error) Unwrap() error { return e.orig }

// Error is the client-safe text: the class and its generic message, plus
// field paths, the sanitised URL or schema names where they apply.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.class))
	b.WriteString(": ")
	b.WriteString(e.class.Message())
	if len(e.violations) > 0 {
		b.WriteString(": ")
		for i, v := range e.violations {
			if i > 0 {
				b.WriteString("; ")
			}
			if v.Field != "" {
				b.WriteString(v.Field)
				b.WriteString(": ")
			}
			b.WriteString(v.Class)
		}
	}
	if e.upstream != 0 {
		b.WriteString(" (status ")
		b.WriteString(strconv.Itoa(e.upstream))
		b.WriteString(")")
	}
	if e.url != "" {
		b.WriteString(" (")
		if e.op != "" {
			b.WriteString(e.op)
			b.WriteString(" ")
		}
		b.WriteString(e.url)
		b.WriteString(")")
	}
	if s := e.schema; s != nil {
		for _, kv := range [...][2]string{{"constraint", s.Constraint}, {"table", s.Table}, {"column", s.Column}} {
			if kv[1] != "" {
				b.WriteString(" (")
				b.WriteString(kv[0])
				b.WriteString(" ")
				b.WriteString(kv[1])
				b.WriteString(")")
			}
		}
	}
	return b.String()
}

// Format makes every fmt verb safe. %#v would otherwise print the struct's
// fields, original error included; %+v adds the status. Every other verb
// formats the safe text.
func (e *Error) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		fmt.Fprintf(f, "&errwrap.Error{Class:%q, Status:%d}", string(e.class), e.status)
	case verb == 'v' && f.Flag('+'):
		fmt.Fprintf(f, "%s [status %d]", e.Error(), e.status)
	case verb == 'q':
		f.Write([]byte(strconv.Quote(e.Error())))
	default:
		f.Write([]byte(e.Error()))
	}
}

// jsonError is the client JSON form.
type jsonError struct {
	ErrorType      Class       `json:"error_type"`
	Status         int         `json:"status"`
	Message        string      `json:"message"`
	Errors         []Violation `json:"errors,omitempty"`
	URL            string      `json:"url,omitempty"`
	UpstreamStatus int         `json:"upstream_status,omitempty"`
	*schemaNames
}

// MarshalJSON renders the client-safe form: error_type, status, message,
// and errors/url/upstream_status/schema names when they apply. Without it,
// encoding/json would print nothing useful (no exported fields) — and a
// driver error marshalled directly prints its Detail.
func (e *Error) MarshalJSON() ([]byte, error) {
	return json.Marshal(jsonError{
		ErrorType:      e.class,
		Status:         e.status,
		Message:        e.class.Message(),
		Errors:         e.violations,
		URL:            e.url,
		UpstreamStatus: e.upstream,
		schemaNames:    e.schema,
	})
}

// LogValue is the operator view (CWE-532): the client fields plus the
// original error's text and the driver's typed fields, every value passed
// through the redactor, and value parts of known database messages
// (Key (col)=(value), Duplicate entry '…', Failing row contains (…))
// replaced whole, since row data is data whatever its shape.
func (e *Error) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("error_type", string(e.class)),
		slog.Int("status", e.status),
	}
	if e.url != "" {
		attrs = append(attrs, slog.String("url", e.url))
	}
	if e.op != "" {
		attrs = append(attrs, slog.String("op", e.op))
	}
	if e.upstream != 0 {
		attrs = append(attrs, slog.Int("upstream_status", e.upstream))
	}
	if e.timeout {
		attrs = append(attrs, slog.Bool("timeout", true))
	}
	if f := e.facts; f != nil {
		attrs = append(attrs, f.logAttrs(e.red)...)
	}
	for i, v := range e.violations {
		fa := []slog.Attr{slog.String("field", v.Field), slog.String("class", v.Class)}
		if v.Rule != "" {
			fa = append(fa, slog.String("rule", v.Rule))
		}
		if v.Param != "" {
			fa = append(fa, slog.String("param", e.red.String(v.Param)))
		}
		attrs = append(attrs, slog.Attr{Key: "error_" + strconv.Itoa(i), Value: slog.GroupValue(fa...)})
	}
	if e.orig != nil {
		attrs = append(attrs, slog.String("cause", operatorText(e.red, e.orig, e.db)))
	}
	return slog.GroupValue(attrs...)
}
