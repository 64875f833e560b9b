package errwrap

import (
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
)

// fieldError attaches a field path to an input error that has none of its
// own (strconv, time) or a path relative to a body (encoding/json).
type fieldError struct {
	path string
	err  error
}

func (f *fieldError) Error() string { return f.path + ": " + f.err.Error() }
func (f *fieldError) Unwrap() error { return f.err }

// Field says where err came from, e.g. Field("query.limit", err) for a
// strconv error or Field("body", err) for a JSON decode error, so the
// client sees "query.limit: invalid_number" instead of a bare class. The
// returned error is not itself safe; pass it to Wrap or Write.
func Field(path string, err error) error {
	if err == nil {
		return nil
	}
	return &fieldError{path: path, err: err}
}

func joinPath(prefix, p string) string {
	switch {
	case prefix == "":
		return p
	case p == "":
		return prefix
	}
	return prefix + "." + p
}

// classifyInput maps decode and parse errors, whose standard texts quote
// the input, to a class and a field path without the value. text is
// err.Error().
func classifyInput(e *Error, err error, text string) bool {
	var prefix string
	var fe *fieldError
	if errors.As(err, &fe) {
		prefix = fe.path
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var ne *strconv.NumError
	var pe *time.ParseError
	switch {
	case errors.As(err, &se):
		e.class = ClassMalformedBody
		if prefix != "" {
			e.violations = []Violation{{Field: prefix, Class: "malformed_json"}}
		}
	case errors.As(err, &te):
		e.class = ClassInvalidInput
		e.violations = []Violation{{Field: joinPath(prefix, te.Field), Class: "invalid_type"}}
	case errors.As(err, &ne):
		e.class = ClassInvalidInput
		class := "invalid_number"
		if errors.Is(ne.Err, strconv.ErrRange) {
			class = "out_of_range"
		}
		e.violations = []Violation{{Field: prefix, Class: class}}
	case errors.As(err, &pe):
		e.class = ClassInvalidInput
		e.violations = []Violation{{Field: prefix, Class: "invalid_format"}}
	case strings.Contains(text, jsonStringTag):
		// A ",string" field given a string that is not a number: the text
		// quotes it ("trying to unmarshal \"…\" into int").
		e.class = ClassInvalidInput
		e.violations = []Violation{{Field: prefix, Class: "invalid_type"}}
	case errors.Is(err, io.ErrUnexpectedEOF):
		// json.Decoder on a body cut short ({"password": "…): malformed,
		// as a syntax error is. A database or HTTP client that lost its
		// connection says so through its own types, matched before.
		e.class = ClassMalformedBody
		if prefix != "" {
			e.violations = []Violation{{Field: prefix, Class: "malformed_json"}}
		}
	case strings.Contains(text, jsonUnknownField):
		// json.Decoder.DisallowUnknownFields: a plain error whose text
		// quotes the unknown key, which is input like any value.
		e.class = ClassInvalidInput
		e.violations = []Violation{{Field: prefix, Class: "unknown_field"}}
	default:
		return false
	}
	return true
}

const (
	jsonUnknownField = `json: unknown field "`
	jsonStringTag    = `json: invalid use of ,string struct tag, trying to unmarshal "`
)
