package errwrap

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/aegisagent/redactor/redact"
)

// maskedQueryValue replaces every query value of a sanitised URL.
const maskedQueryValue = "[REDACTED]"

// ResponseError is the error for an upstream response with a non-2xx
// status, which net/http does not treat as an error. Build it with
// FromResponse; its URL is already sanitised, so even its own Error is
// safe.
type ResponseError struct {
	// StatusCode is the upstream status.
	StatusCode int
	// Method is the request method.
	Method string
	// URL is the request URL, sanitised like every URL errwrap keeps.
	URL string
}

// Error says which upstream answered what.
func (r *ResponseError) Error() string {
	return "upstream " + r.Method + " " + r.URL + " returned status " + strconv.Itoa(r.StatusCode)
}

// FromResponse returns a client-safe error for a non-2xx upstream response
// (class upstream_status, HTTP 502), or nil for 1xx–3xx. It does not read
// or close the body: the caller decides what to log of it.
func FromResponse(resp *http.Response, opts ...Option) error {
	if resp == nil || resp.StatusCode < 400 {
		return nil
	}
	c := newConfig(opts)
	re := &ResponseError{StatusCode: resp.StatusCode}
	if resp.Request != nil {
		re.Method = resp.Request.Method
		if resp.Request.URL != nil {
			re.URL = sanitizeURL(c.red, resp.Request.URL)
		}
	}
	return wrap(re, c)
}

// classifyHTTP handles *url.Error (outermost wins: that is the URL the
// caller asked for; nested ones are sanitised in the operator text),
// ResponseError, net errors and http.MaxBytesError.
func classifyHTTP(e *Error, err error, c *config) bool {
	var re *ResponseError
	if errors.As(err, &re) {
		e.class = ClassUpstreamStatus
		e.upstream = re.StatusCode
		e.url = re.URL
		return true
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		e.class = ClassBodyTooLarge
		return true
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		e.op = ue.Op
		e.url = sanitizeURLString(c.red, ue.URL)
		var op *net.OpError
		var dns *net.DNSError
		switch {
		case ue.Timeout():
			e.class = ClassUpstreamTimeout
		case errors.As(err, &op) && (op.Op == "dial" || op.Op == "proxyconnect"), errors.As(err, &dns):
			e.class = ClassUpstreamUnavailable
		default:
			e.class = ClassUpstreamError
		}
		return true
	}
	var ne net.Error
	// context.DeadlineExceeded is itself a net.Error; alone it is our own
	// deadline, not an upstream's (classifyBuiltin makes it ClassTimeout).
	if errors.As(err, &ne) && !errors.Is(err, context.DeadlineExceeded) {
		var op *net.OpError
		switch {
		case ne.Timeout():
			e.class = ClassUpstreamTimeout
		case errors.As(err, &op) && op.Op == "dial":
			// A dial with no HTTP request around it: a database or cache
			// driver (lib/pq, go-sql-driver/mysql) that could not connect,
			// as pgx reports with SQLSTATE 08xxx.
			e.class = ClassConnectionException
		default:
			e.class = ClassUpstreamUnavailable
		}
		return true
	}
	return false
}

// sanitizeURLString is sanitizeURL for a URL held as text (url.Error.URL,
// a URL inside an error message). It splits by hand rather than with
// url.Parse, so a URL the parser rejects is still cleaned, not dropped.
func sanitizeURLString(r *redact.Redactor, raw string) string {
	var b strings.Builder
	rest := raw
	if i := strings.Index(rest, "://"); i >= 0 {
		b.WriteString(rest[:i+3])
		rest = rest[i+3:]
		end := strings.IndexAny(rest, "/?#")
		if end < 0 {
			end = len(rest)
		}
		host := rest[:end]
		if at := strings.LastIndexByte(host, '@'); at >= 0 {
			host = host[at+1:] // user-info dropped
		} else if c := portColon(host); c >= 0 && !allDigits(host[c+1:]) {
			// "user:pa/ss@host", "user:pa#ss@host": a password with a
			// '/', '?' or '#' the caller did not escape (the URL did not
			// parse). What follows the ':' is no port: up to the next
			// '@' it is user information; with no '@' at all, only the
			// name before the ':' is kept.
			if at := strings.IndexByte(rest[end:], '@'); at >= 0 {
				rest = rest[end+at+1:]
				end = strings.IndexAny(rest, "/?#")
				if end < 0 {
					end = len(rest)
				}
				host = rest[:end]
			} else {
				host = host[:c]
			}
		}
		b.WriteString(host)
		rest = rest[end:]
	}
	rest, _, _ = strings.Cut(rest, "#") // fragment dropped
	path, query, hasQuery := strings.Cut(rest, "?")
	b.WriteString(r.String(path))
	if hasQuery {
		b.WriteByte('?')
		writeMaskedQuery(&b, r, query)
	}
	return b.String()
}

func writeMaskedQuery(b *strings.Builder, r *redact.Redactor, query string) {
	for i, part := range strings.Split(query, "&") {
		if i > 0 {
			b.WriteByte('&')
		}
		k, _, hasEq := strings.Cut(part, "=")
		if !hasEq {
			if part != "" {
				b.WriteString(maskedQueryValue)
			}
			continue
		}
		b.WriteString(r.String(k))
		b.WriteByte('=')
		b.WriteString(maskedQueryValue)
	}
}

// sanitizeURL keeps scheme, host and path (the path through the
// redactor, as paths can hold tokens: webhook URLs, /bot<token>/), keeps
// query keys with values masked, and drops user-info and fragment. A
// query part without "=" is masked whole: it is a value, not a key.
func sanitizeURL(r *redact.Redactor, u *url.URL) string {
	var b strings.Builder
	if u.Scheme != "" {
		b.WriteString(u.Scheme)
		b.WriteString("://")
	}
	b.WriteString(u.Host)
	if u.Opaque != "" {
		b.WriteString(r.String(u.Opaque))
	} else {
		b.WriteString(r.String(u.EscapedPath()))
	}
	if u.RawQuery != "" || u.ForceQuery {
		b.WriteByte('?')
		writeMaskedQuery(&b, r, u.RawQuery)
	}
	return b.String()
}

// sanitizeURLsInText rewrites every scheme://… run in free text (an error
// chain's message) the way sanitizeURL does, so a URL deep in a wrapped
// error's text is cleaned too.
func sanitizeURLsInText(r *redact.Redactor, s string) string {
	if !strings.Contains(s, "://") {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "://")
		if j < 0 {
			break
		}
		j += i
		start := j
		for start > last && isSchemeByte(s[start-1]) {
			start--
		}
		end := j + 3
		if end < len(s) && s[end] == '[' { // IPv6 literal host
			if k := strings.IndexByte(s[end:], ']'); k > 0 {
				end += k + 1
			}
		}
		inQuery := false
		for end < len(s) && !isHardStop(s[end]) && (inQuery || !isSoftStop(s[end])) {
			inQuery = inQuery || s[end] == '?'
			end++
		}
		for end > j+3 && strings.IndexByte(".,;:!", s[end-1]) >= 0 { // sentence punctuation
			end--
		}
		if start == j { // no scheme: not a URL
			i = j + 3
			continue
		}
		b.WriteString(s[last:start])
		b.WriteString(sanitizeURLString(r, s[start:end]))
		last, i = end, end
	}
	b.WriteString(s[last:])
	return b.String()
}

// portColon returns the index of the ':' that would start host's port
// (after an IPv6 literal's ']'), or -1.
func portColon(host string) int {
	from := 0
	if strings.HasPrefix(host, "[") {
		k := strings.IndexByte(host, ']')
		if k < 0 {
			return -1
		}
		from = k + 1
	}
	if c := strings.IndexByte(host[from:], ':'); c >= 0 {
		return from + c
	}
	return -1
}

// allDigits reports whether s is empty or only ASCII digits (a port).
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isSchemeByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'
}

// isHardStop ends a URL in text anywhere: whitespace, quotes, angle
// brackets.
func isHardStop(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '"', '\'', '`', '<', '>':
		return true
	}
	return false
}

// isSoftStop ends a URL before its query ("[hdfs://host:9000]",
// "(see https://x/y)"), but not inside it, where a comma or bracket may be
// part of a value that must be masked whole.
func isSoftStop(c byte) bool {
	switch c {
	case '(', ')', '[', ']', '{', '}', ',':
		return true
	}
	return false
}
