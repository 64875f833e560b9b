package errwrap

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/aegisagent/redactor/redact"
)

// operatorText is the original error's text for logs: the text of every
// known value-echoing error in the chain is replaced by a rendering from
// its typed fields without the value, then maskText runs over the whole.
func operatorText(r *redact.Redactor, err error, db bool) string {
	text, ok := errorText(err)
	if !ok {
		return panickedText
	}
	walk(err, func(e error) {
		safe, ok := safeInputText(r, e)
		if !ok {
			return
		}
		if raw, _ := errorText(e); raw != "" {
			text = strings.ReplaceAll(text, raw, safe)
		}
	})
	return maskText(r, text, db)
}

// panickedText stands for the text of an error whose Error method panics.
const panickedText = "(the error's Error method panicked)"

// walk visits err and every error it wraps, depth first, with a bound so a
// cyclic or huge tree cannot hang a log call.
func walk(err error, fn func(error)) {
	budget := 64
	var visit func(error)
	visit = func(e error) {
		if e == nil || budget == 0 {
			return
		}
		budget--
		fn(e)
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			visit(u.Unwrap())
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				visit(x)
			}
		}
	}
	visit(err)
}

func safeInputText(r *redact.Redactor, e error) (string, bool) {
	switch t := e.(type) {
	case *strconv.NumError:
		return "strconv." + t.Func + ": parsing " + maskOne(r, t.Num) + ": " + t.Err.Error(), true
	case *json.UnmarshalTypeError:
		kind, _, _ := strings.Cut(t.Value, " ") // "number 123" → "number"
		typ := "?"
		if t.Type != nil {
			typ = t.Type.String()
		}
		return "json: cannot unmarshal " + kind + " into field " + t.Field + " of type " + typ, true
	case *time.ParseError:
		return "time: cannot parse " + maskOne(r, t.Value) + " as " + strconv.Quote(t.Layout), true
	}
	return "", false
}

// maskText is the operator view of free text: URLs sanitised, the core
// redactor run, then the value parts of known message shapes replaced
// whole. The database shapes (db) are applied only to text that came from
// a database server: in arbitrary text, "=(" or ': "' mean nothing, and
// masking there would be over-redaction (measured on the loghub corpus).
func maskText(r *redact.Redactor, s string, db bool) string {
	if s == "" {
		return s
	}
	s = sanitizeURLsInText(r, s)
	s = r.String(s)
	if db {
		for _, sh := range dbShapes {
			s = maskShape(r, s, sh)
		}
	}
	for _, sh := range goShapes {
		s = maskShape(r, s, sh)
	}
	return maskValidatorKeys(s)
}

// validatorLine marks go-playground/validator's message for one field:
// "Key: 'T.headers[authorization]' Error:Field validation for
// 'headers[authorization]' failed on the 'max' tag".
const validatorLine = "' Error:Field validation for '"

// maskValidatorKeys replaces the map keys in validator messages with "*",
// as applyFacts does in field paths: a key is the client's input.
func maskValidatorKeys(s string) string {
	if !strings.Contains(s, validatorLine) {
		return s
	}
	lines := strings.Split(s, "\n")
	for n, line := range lines {
		if strings.Contains(line, validatorLine) {
			lines[n] = maskBracketKeys(line, "'.[")
		}
	}
	return strings.Join(lines, "\n")
}

// maskBracketKeys replaces what is between brackets in s with "*", unless
// it is a list index (digits) or one of our replacements. A key runs to
// the "]" that ends s or comes before one of the bytes in enders, so a
// key holding "]" is masked whole.
func maskBracketKeys(s, enders string) string {
	if strings.IndexByte(s, '[') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		o := strings.IndexByte(s[i:], '[')
		if o < 0 {
			b.WriteString(s[i:])
			break
		}
		o += i
		b.WriteString(s[i : o+1])
		c := o + 1
		for c < len(s) && !(s[c] == ']' && (c+1 == len(s) || strings.IndexByte(enders, s[c+1]) >= 0)) {
			c++
		}
		key := s[o+1 : c]
		if key != "" && strings.Trim(key, "0123456789") == "" || strings.HasPrefix(key, "REDACTED") {
			b.WriteString(key)
		} else {
			b.WriteByte('*')
		}
		i = c
	}
	return b.String()
}

// A shape is a known place where a database or library message quotes a
// value: the text that opens it, and how to find where it closes on the
// same line (the value may itself contain the closing character, so the
// last occurrence on the line, or a fixed suffix, is used).
type shape struct {
	open   string
	suffix string // closing text; "" means the last close byte on the line
	close  byte
	list   bool // a comma-separated tuple: mask each member
	eol    bool // the value runs from the first ": " after open to the end of the line
	orEOL  bool // with no close anywhere, the value runs to the end of its line
}

// dbShapes are where PostgreSQL and MySQL/MariaDB messages quote row
// values or input. A Key detail's closing is found by its known suffix
// first, as values may contain ") ".
var dbShapes = []shape{
	{open: ")=(", suffix: ") already exists", list: true},          // PG 23505: Key (email)=(alice@example.com) already exists.
	{open: ")=(", suffix: ") is not present in table", list: true}, // PG 23503
	{open: ")=(", suffix: ") is still referenced from", list: true},
	{open: ")=(", suffix: ") conflicts with existing key", list: true}, // PG 23P01 exclusion
	{open: ")=(", close: ')', list: true},                              // other Key (…)=(…) details
	{open: "Failing row contains (", close: ')', list: true},           // PG not-null/check detail
	{open: "Duplicate entry '", suffix: "' for key"},                   // MySQL 1062
	{open: "value: '", suffix: "' for column"},                         // MySQL 1366/1292: Incorrect integer value: 'x' for column
	{open: "value: '", close: '\''},                                    // Truncated incorrect DOUBLE value: 'x'
	{open: "value \"", suffix: "\" is out of range"},                   // PG 22003: value "99999999999" is out of range for type integer
	{open: "Token \"", suffix: "\" is invalid"},                        // PG 22P02 json detail: Token "x" is invalid.
	{open: " = '", close: '\''},                                        // PG Where: unnamed portal parameter $1 = 'x' (log_parameter_max_length_on_error)
	{open: "JSON data, line ", eol: true},                              // PG json Where: JSON data, line 1: {"a": x…
	{open: ": \"", close: '"'},                                         // PG 22P02: invalid input syntax for type integer: "x"
	{open: "at or near \"", close: '"', orEOL: true},                   // PG 42601: syntax error at or near "'hunter2'"
	{open: "column \"", suffix: "\" does not exist"},                   // PG 42703: a string literal in double quotes is a column
	{open: "near '", suffix: "' at line"},                              // MySQL 1064: ... to use near 'x' at line 1
	{open: "Unknown column '", suffix: "' in "},                        // MySQL 1054
	{open: "out of range in '", close: '\''},                           // MySQL 1690: ... value is out of range in '(…'x')'
}

// goShapes are where Go libraries quote a value in an error's text.
var goShapes = []shape{
	{open: "(\"", suffix: "\") to a"},                     // database/sql: converting driver.Value type string ("x") to a int
	{open: "parsing \"", suffix: "\": "},                  // strconv text embedded in other errors
	{open: "unable to encode ", suffix: " into "},         // pgx: unable to encode %#v into binary format
	{open: jsonUnknownField, close: '"'},                  // json: unknown field "x"
	{open: "couldn't convert \"", suffix: "\" into type"}, // database/sql: sql/driver: couldn't convert "x" into type bool
	{open: "trying to unmarshal \"", suffix: "\" into "},  // json ,string tag
	{open: "invalid port \"", suffix: "\" after host"},    // net/url: a password with '/' read as a port
}

func maskShape(r *redact.Redactor, s string, sh shape) string {
	var b strings.Builder
	i := 0
	for {
		j := strings.Index(s[i:], sh.open)
		if j < 0 {
			break
		}
		start := i + j + len(sh.open)
		lineEnd := strings.IndexByte(s[start:], '\n')
		if lineEnd < 0 {
			lineEnd = len(s)
		} else {
			lineEnd += start
		}
		var end int
		if sh.eol {
			k := strings.Index(s[start:lineEnd], ": ")
			if k < 0 { // nor for any later open on this line
				b.WriteString(s[i:lineEnd])
				i = lineEnd
				continue
			}
			b.WriteString(s[i : start+k+2])
			b.WriteString(maskOne(r, s[start+k+2:lineEnd]))
			i = lineEnd
			continue
		}
		if sh.suffix != "" {
			end = strings.LastIndex(s[start:lineEnd], sh.suffix)
		} else {
			end = strings.LastIndexByte(s[start:lineEnd], sh.close)
		}
		if end < 0 && lineEnd < len(s) {
			// The value holds a newline ('line1\nsecret'): its close is
			// on a later line. Masking runs to the first close there,
			// so no line of it stays.
			if sh.suffix != "" {
				end = strings.Index(s[lineEnd:], sh.suffix)
			} else {
				end = strings.IndexByte(s[lineEnd:], sh.close)
			}
			if end >= 0 {
				end += lineEnd - start
			}
		}
		if end < 0 && sh.orEOL {
			// Not closed at all (an unterminated quote in the SQL): the
			// value runs to the end of its line.
			b.WriteString(s[i:start])
			b.WriteString(maskOne(r, s[start:lineEnd]))
			i = lineEnd
			continue
		}
		if end < 0 {
			// No close from here on, so none for a later open on this
			// line either: skip the line, keeping time linear. (Another
			// shape with the same open may close it.)
			b.WriteString(s[i:lineEnd])
			i = lineEnd
			continue
		}
		end += start
		b.WriteString(s[i:start])
		if sh.list {
			b.WriteString(maskList(r, s[start:end]))
		} else {
			b.WriteString(maskOne(r, s[start:end]))
		}
		i = end
	}
	if i == 0 {
		return s
	}
	b.WriteString(s[i:])
	return b.String()
}

// maskList masks each member of a tuple of row values, keeping NULLs and
// members the core redactor already replaced, so an operator sees
// "Key (email)=([REDACTED:email])" and counts columns.
func maskList(r *redact.Redactor, v string) string {
	parts := strings.Split(v, ", ")
	for i, p := range parts {
		parts[i] = maskOne(r, p)
	}
	return strings.Join(parts, ", ")
}

// maskedValue stands for a value the redactor's SecretValue declined to
// replace (it looked like a placeholder, was allowlisted, or the
// keyed-secret rule is off): row data and rejected input are masked even
// then, failing closed.
const maskedValue = "[REDACTED:value]"

// maskOne replaces one value whole, in the redactor's style, unless it is
// empty, NULL, or already one of our replacements.
func maskOne(r *redact.Redactor, v string) string {
	if v == "" || v == "null" || v == "NULL" || v == "..." { // "..." is Postgres's own elision
		return v
	}
	if out, ok := r.SecretValue(v); ok {
		return out
	}
	if strings.HasPrefix(v, "[REDACTED") && strings.HasSuffix(v, "]") && !strings.Contains(v[1:], "[") {
		return v
	}
	return maskedValue
}
