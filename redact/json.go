package redact

import (
	"errors"
	"fmt"
	"strconv"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// ErrInvalidJSON is wrapped by the error JSON returns for input that is not
// one valid JSON value.
var ErrInvalidJSON = errors.New("redact: invalid JSON")

// maxJSONDepth bounds nesting; deeper documents are rejected (and then
// redacted as text, see JSON).
const maxJSONDepth = 1000

// JSON redacts one JSON document structurally:
//
//   - the value of every secret key (see [Redactor.IsSecretKey]) at any
//     depth is replaced by a placeholder string, whatever its type (null,
//     "" and placeholders are left alone);
//   - every other string, object key included, goes through the pattern
//     rules after its escapes (\uXXXX, \n, …) are decoded, and is
//     re-encoded if anything was replaced;
//   - numbers go through the digit rules (a card number stored as a
//     number becomes a placeholder string);
//   - everything else (structure, whitespace, untouched strings) is copied
//     byte for byte, so the output is valid JSON.
//
// When nothing is replaced JSON returns b itself. If b is not valid JSON it
// returns the text redaction of b (as Bytes does) and an error wrapping
// ErrInvalidJSON: the bytes are still safe to emit, but not JSON.
func (r *Redactor) JSON(b []byte) ([]byte, error) { return r.json(b, nil) }

// json is JSON, calling fn (if not nil) for every replaced span.
func (r *Redactor) json(b []byte, fn func(Finding)) ([]byte, error) {
	j, _ := jsonScratch.Get().(*jsonWalker)
	if j == nil {
		j = &jsonWalker{}
	}
	*j = jsonWalker{r: r, in: b, fn: fn, tmp: j.tmp[:0], scratch: j.scratch[:0], enc: j.enc[:0]}
	defer func() {
		j.r, j.in, j.out, j.fn, j.key = nil, nil, nil, nil, nil
		if cap(j.tmp)+cap(j.scratch)+cap(j.enc) <= 1<<20 {
			jsonScratch.Put(j)
		}
	}()
	i, err := j.value(j.ws(0), 0, false)
	if err == nil {
		if i = j.ws(i); i != len(b) {
			err = j.errorf(i, "data after the top-level value")
		}
	}
	if err != nil {
		return r.BytesFunc(b, fn), err
	}
	if j.out == nil {
		return b, nil
	}
	return append(j.out, b[j.copied:]...), nil
}

type jsonWalker struct {
	r      *Redactor
	fn     func(Finding) // reports replaced spans; may be nil
	in     []byte
	out    []byte // nil until the first change
	copied int    // in[:copied] is accounted for in out
	tmp    []byte // decoded key or string
	key    []byte // the raw key whose value is walked: context for digit PII
	// Reused output buffers for one rewritten string.
	scratch, enc []byte
}

var jsonScratch sync.Pool // *jsonWalker, for its buffers

func (j *jsonWalker) errorf(i int, format string, args ...any) error {
	return fmt.Errorf("%w at byte %d: %s", ErrInvalidJSON, i, fmt.Sprintf(format, args...))
}

// replace substitutes in[s:e] with repl in the output.
func (j *jsonWalker) replace(s, e int, repl []byte) {
	if j.out == nil {
		j.out = make([]byte, 0, len(j.in)+64)
	}
	j.out = append(j.out, j.in[j.copied:s]...)
	j.out = append(j.out, repl...)
	j.copied = e
}

func (j *jsonWalker) ws(i int) int {
	for i < len(j.in) {
		switch j.in[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// value parses the value at i and returns its end. Inside a secret value
// (secret set) nothing is rewritten: the caller replaces the whole value.
func (j *jsonWalker) value(i, depth int, secret bool) (int, error) {
	if i >= len(j.in) {
		return i, j.errorf(i, "unexpected end of input")
	}
	switch c := j.in[i]; {
	case c == '{':
		return j.object(i, depth+1, secret)
	case c == '[':
		return j.array(i, depth+1, secret)
	case c == '"':
		end, esc, err := j.str(i)
		if err == nil && !secret {
			j.redactString(i, end, esc)
		}
		return end, err
	case c == '-' || isDigit(c):
		end, err := j.number(i)
		if err == nil && !secret {
			j.redactNumber(i, end)
		}
		return end, err
	case c == 't':
		return j.lit(i, "true")
	case c == 'f':
		return j.lit(i, "false")
	case c == 'n':
		return j.lit(i, "null")
	default:
		return i, j.errorf(i, "unexpected byte %q", c)
	}
}

func (j *jsonWalker) lit(i int, w string) (int, error) {
	if len(j.in)-i < len(w) || string(j.in[i:i+len(w)]) != w {
		return i, j.errorf(i, "invalid literal")
	}
	return i + len(w), nil
}

func (j *jsonWalker) object(i, depth int, secret bool) (int, error) {
	if depth > maxJSONDepth {
		return i, j.errorf(i, "nesting deeper than %d", maxJSONDepth)
	}
	i = j.ws(i + 1)
	if i < len(j.in) && j.in[i] == '}' {
		return i + 1, nil
	}
	for {
		j.key = nil
		if i >= len(j.in) || j.in[i] != '"' {
			return i, j.errorf(i, "expected a string key")
		}
		ks := i
		ke, esc, err := j.str(i)
		if err != nil {
			return ke, err
		}
		secretKey := false
		if !secret {
			key := j.in[ks+1 : ke-1]
			if esc {
				j.tmp = unescapeJSON(j.tmp[:0], key)
				key = j.tmp
			}
			if j.redactString(ks, ke, esc) {
				// Classify the key as it is written out: "password=x"
				// becomes "password=[REDACTED:keyed-secret]", whose last
				// word is a secret noun, and a second pass must not
				// redact more than the first.
				key = j.scratch
			}
			secretKey = j.r.isSecretKey(trimKey(key))
		}
		i = j.ws(ke)
		if i >= len(j.in) || j.in[i] != ':' {
			return i, j.errorf(i, "expected ':'")
		}
		vs := j.ws(i + 1)
		j.key = j.in[ks+1 : ke-1]
		ve, err := j.value(vs, depth, secret || secretKey)
		if err != nil {
			return ve, err
		}
		if secretKey && !secret {
			j.redactSecretValue(vs, ve)
		}
		i = j.ws(ve)
		if i >= len(j.in) {
			return i, j.errorf(i, "unexpected end of object")
		}
		switch j.in[i] {
		case ',':
			i = j.ws(i + 1)
		case '}':
			return i + 1, nil
		default:
			return i, j.errorf(i, "expected ',' or '}'")
		}
	}
}

func (j *jsonWalker) array(i, depth int, secret bool) (int, error) {
	if depth > maxJSONDepth {
		return i, j.errorf(i, "nesting deeper than %d", maxJSONDepth)
	}
	i = j.ws(i + 1)
	if i < len(j.in) && j.in[i] == ']' {
		return i + 1, nil
	}
	key := j.key // the elements of a list are values of its key
	for {
		j.key = key
		e, err := j.value(i, depth, secret)
		if err != nil {
			return e, err
		}
		i = j.ws(e)
		if i >= len(j.in) {
			return i, j.errorf(i, "unexpected end of array")
		}
		switch j.in[i] {
		case ',':
			i = j.ws(i + 1)
		case ']':
			return i + 1, nil
		default:
			return i, j.errorf(i, "expected ',' or ']'")
		}
	}
}

// str validates the string starting at the quote at i and returns the
// index after its closing quote and whether it has escapes.
func (j *jsonWalker) str(i int) (int, bool, error) {
	esc := false
	in := j.in
	for k := i + 1; k < len(in); k++ {
		switch c := in[k]; {
		case c == '"':
			return k + 1, esc, nil
		case c == '\\':
			esc = true
			if k+1 >= len(in) {
				return k, esc, j.errorf(k, "unterminated escape")
			}
			switch in[k+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				k++
			case 'u':
				if k+5 >= len(in) {
					return k, esc, j.errorf(k, "short \\u escape")
				}
				for _, h := range in[k+2 : k+6] {
					if !is(h, cHexLow) && !(h >= 'A' && h <= 'F') {
						return k, esc, j.errorf(k, "bad \\u escape")
					}
				}
				k += 5
			default:
				return k, esc, j.errorf(k, "bad escape")
			}
		case c < 0x20:
			return k, esc, j.errorf(k, "control character in string")
		}
	}
	return len(in), esc, j.errorf(i, "unterminated string")
}

func (j *jsonWalker) number(i int) (int, error) {
	in := j.in
	k := i
	if in[k] == '-' {
		k++
	}
	switch {
	case k < len(in) && in[k] == '0':
		k++
	case k < len(in) && in[k] >= '1' && in[k] <= '9':
		for k < len(in) && isDigit(in[k]) {
			k++
		}
	default:
		return k, j.errorf(k, "invalid number")
	}
	if k < len(in) && in[k] == '.' {
		k++
		if k >= len(in) || !isDigit(in[k]) {
			return k, j.errorf(k, "invalid number")
		}
		for k < len(in) && isDigit(in[k]) {
			k++
		}
	}
	if k < len(in) && (in[k] == 'e' || in[k] == 'E') {
		k++
		if k < len(in) && (in[k] == '+' || in[k] == '-') {
			k++
		}
		if k >= len(in) || !isDigit(in[k]) {
			return k, j.errorf(k, "invalid number")
		}
		for k < len(in) && isDigit(in[k]) {
			k++
		}
	}
	return k, nil
}

// redactString runs the pattern rules on the string token in[s:e]. When it
// replaces something it returns true, with the decoded redacted content in
// j.scratch.
func (j *jsonWalker) redactString(s, e int, esc bool) bool {
	content := j.in[s+1 : e-1]
	if !esc {
		if i, _ := j.r.m.firstMatch(content, root); i < 0 {
			return false // no anchor: nothing to do (most strings)
		}
		// Placeholders and fixed texts are JSON-safe, and so are original
		// bytes kept by the Partial style: rewrite in place, straight into
		// the output.
		if out, changed := j.r.appendRedactedKeyed(j.scratch[:0], content, j.key, j.shifted(s+1, -1)); changed {
			j.scratch = out
			j.replace(s+1, e-1, out)
			return true
		}
		return false
	}
	j.tmp = unescapeJSON(j.tmp[:0], content)
	if out, changed := j.r.appendRedactedKeyed(j.scratch[:0], j.tmp, j.key, j.shifted(s, e)); changed {
		j.scratch = out
		j.enc = appendJSONString(j.enc[:0], out)
		j.replace(s, e, j.enc)
		return true
	}
	return false
}

// shifted adapts j.fn to spans found in a piece of the input: offsets
// move by base, or, when end >= 0 (a decoded string, whose offsets do not
// map back), every span becomes [base, end).
func (j *jsonWalker) shifted(base, end int) func(Finding) {
	if j.fn == nil {
		return nil
	}
	return func(f Finding) {
		if end >= 0 {
			f.Start, f.End = base, end
		} else {
			f.Start, f.End = f.Start+base, f.End+base
		}
		j.fn(f)
	}
}

// redactNumber runs the digit rules on a number; a number with a finding
// becomes a string.
func (j *jsonWalker) redactNumber(s, e int) {
	out, changed := j.r.appendRedactedKeyed(nil, j.in[s:e], j.key, j.shifted(s, -1))
	if changed {
		j.replace(s, e, appendJSONString(nil, out))
	}
}

// redactSecretValue replaces the value in[s:e] of a secret key.
func (j *jsonWalker) redactSecretValue(s, e int) {
	v := j.in[s:e]
	switch {
	case string(v) == "null", string(v) == `""`:
		return
	case v[0] == '"':
		content := v[1 : len(v)-1]
		if isPlaceholder(content) || j.r.isOwnPlaceholder(content) {
			return
		}
	}
	sp := span{start: s, end: e, rule: j.r.keyed}
	if j.fn != nil {
		j.fn(Finding{Rule: sp.rule.id, Kind: sp.rule.kind, Start: s, End: e})
	}
	repl := j.r.repl.append(nil, &sp, v, 0, 0)
	if j.r.repl.style == stylePartial {
		repl = appendPlaceholder(nil, j.r.keyed.id) // never keep raw JSON bytes
	}
	j.replace(s, e, appendJSONString(nil, repl))
}

// isOwnPlaceholder reports text this Redactor writes as a replacement.
func (r *Redactor) isOwnPlaceholder(v []byte) bool {
	for _, p := range r.placeholders {
		if string(v) == string(p) {
			return true
		}
	}
	return false
}

// trimKey drops the sigils some JSON keys carry ("-flag", "$ref", "@type").
func trimKey(k []byte) []byte {
	for len(k) > 0 && (k[0] == '-' || k[0] == '$' || k[0] == '@' || k[0] == ' ') {
		k = k[1:]
	}
	return k
}

// unescapeJSON appends the decoded content of a JSON string (without its
// quotes) to dst. The input has been validated.
func unescapeJSON(dst, s []byte) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			dst = append(dst, c)
			continue
		}
		i++
		switch s[i] {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			v, _ := strconv.ParseUint(string(s[i+1:i+5]), 16, 32)
			i += 4
			r := rune(v)
			if utf16.IsSurrogate(r) {
				if i+6 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
					v2, _ := strconv.ParseUint(string(s[i+3:i+7]), 16, 32)
					if r2 := utf16.DecodeRune(r, rune(v2)); r2 != utf8.RuneError {
						dst = utf8.AppendRune(dst, r2)
						i += 6
						continue
					}
				}
				r = utf8.RuneError
			}
			dst = utf8.AppendRune(dst, r)
		default: // " \ /
			dst = append(dst, s[i])
		}
	}
	return dst
}

// appendJSONString appends s as a quoted JSON string.
func appendJSONString(dst, s []byte) []byte {
	const hexd = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				dst = append(dst, '\\', c)
			case c == '\n':
				dst = append(dst, '\\', 'n')
			case c == '\r':
				dst = append(dst, '\\', 'r')
			case c == '\t':
				dst = append(dst, '\\', 't')
			case c < 0x20 || c == 0x7f:
				dst = append(dst, '\\', 'u', '0', '0', hexd[c>>4], hexd[c&0xf])
			default:
				dst = append(dst, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && n == 1 {
			dst = append(dst, `\ufffd`...)
		} else {
			dst = append(dst, s[i:i+n]...)
		}
		i += n
	}
	return append(dst, '"')
}
