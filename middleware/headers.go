package middleware

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/aegisagent/redactor/redact"
)

type kind int

const (
	kindText kind = iota
	kindJSON
	kindNDJSON
	kindSSE
	kindBinary
)

// bodyKind returns the body path for h's Content-Type. Several values that
// disagree get the text path: a client may use any of them (browsers take
// the last), and text filters any bytes.
func (f *filter) bodyKind(h http.Header) kind {
	vs := h.Values("Content-Type")
	if len(vs) == 0 {
		return f.kind("")
	}
	k := f.kind(vs[0])
	for _, v := range vs[1:] {
		if f.kind(v) != k {
			return kindText
		}
	}
	return k
}

// kind maps a Content-Type to a body path. A missing or unknown type is
// text: only the types listed as binary pass untouched.
func (f *filter) kind(contentType string) kind {
	mt, _, _ := strings.Cut(contentType, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	switch {
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		return kindJSON
	case mt == "application/x-ndjson" || mt == "application/ndjson" ||
		mt == "application/jsonl" || mt == "application/x-jsonlines" || mt == "application/jsonlines":
		return kindNDJSON
	case mt == "text/event-stream":
		return kindSSE
	case strings.HasSuffix(mt, "+xml"):
		return kindText
	}
	if matchType(f.cfg.filterTypes, mt) {
		return kindText
	}
	if matchType(f.cfg.passTypes, mt) {
		return kindBinary
	}
	return kindText
}

func matchType(list []string, mt string) bool {
	for _, t := range list {
		if p, ok := strings.CutSuffix(t, "*"); ok {
			if strings.HasPrefix(mt, p) {
				return true
			}
		} else if mt == t {
			return true
		}
	}
	return false
}

// redactHeaders redacts the configured response headers in place.
func (f *filter) redactHeaders(h http.Header) {
	for _, name := range f.cfg.urlHeaders {
		vs := h[name] // canonical (see OutputFilter)
		for i, v := range vs {
			vs[i] = redactURL(f.r, v, &f.hidden)
		}
	}
	for _, name := range f.cfg.textHeaders {
		vs := h[name]
		for i, v := range vs {
			vs[i] = f.r.String(v)
		}
	}
	if f.cfg.setCookie {
		vs := h["Set-Cookie"]
		for i, v := range vs {
			pair, attrs, _ := strings.Cut(v, ";")
			name, val, ok := strings.Cut(pair, "=")
			if !ok {
				continue
			}
			if s, changed := f.r.SecretValue(val); changed {
				vs[i] = name + "=" + s
				if attrs != "" {
					vs[i] += ";" + attrs
				}
			}
		}
	}
}

// RedactURL redacts a URL (absolute, relative, or a header value such as
// Refresh's "5; url=...") for logs and headers: the password of the user
// information and the value of every query parameter whose name is secret
// (see redact.Redactor.IsSecretKey) or names a credential only URLs carry
// (an OAuth "code", a CAS "ticket", "otp", a session id such as
// "JSESSIONID") are replaced whole, every other part
// goes through r's patterns. Bytes that need no change are kept as they
// are, including the order and escaping of parameters.
func RedactURL(r *redact.Redactor, s string) string { return redactURL(r, s, nil) }

// hiddenValue is a value redactURL replaced whole, decoded and as
// written, and its replacement.
type hiddenValue struct{ value, raw, repl string }

// redactURL is RedactURL; it appends to hidden (if not nil) the values it
// replaced whole, which the body may repeat (see maskValues).
func redactURL(r *redact.Redactor, s string, hidden *[]hiddenValue) string {
	if s == "" {
		return s
	}
	rest, frag, hasFrag := strings.Cut(s, "#")
	base, query, hasQuery := strings.Cut(rest, "?")
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(redactUserinfo(r, base, hidden))
	if hasQuery {
		b.WriteByte('?')
		b.WriteString(redactQuery(r, query, hidden))
	}
	if hasFrag {
		b.WriteByte('#')
		// Fragments often carry OAuth implicit-flow tokens in query form.
		b.WriteString(redactQuery(r, frag, hidden))
	}
	return b.String()
}

func redactUserinfo(r *redact.Redactor, base string, hidden *[]hiddenValue) string {
	i := strings.Index(base, "://")
	if i >= 0 {
		auth := base[i+3:]
		if j := strings.IndexAny(auth, "/"); j >= 0 {
			auth = auth[:j]
		}
		if at := strings.LastIndexByte(auth, '@'); at >= 0 {
			// A replacement is escaped as the user information must be
			// ("[", ":" and "]" are not allowed there): a client still
			// parses the URL.
			user, pass, hasPass := strings.Cut(auth[:at], ":")
			if red := r.String(user); red != user {
				user = url.QueryEscape(red)
			}
			if hasPass {
				if s, ok := r.SecretValue(pass); ok {
					hide(hidden, pass, pass, s)
					pass = url.QueryEscape(s)
				}
				return base[:i+3] + user + ":" + pass + r.String(base[i+3+at:])
			}
			return base[:i+3] + user + r.String(base[i+3+at:])
		}
	}
	return r.String(base)
}

// hide records value (decoded, and raw as written) and its replacement s
// in hidden, if not nil.
func hide(hidden *[]hiddenValue, value, raw, s string) {
	if hidden != nil {
		*hidden = append(*hidden, hiddenValue{value, raw, s})
	}
}

func redactQuery(r *redact.Redactor, q string, hidden *[]hiddenValue) string {
	var b strings.Builder
	for i, part := range strings.Split(q, "&") {
		if i > 0 {
			b.WriteByte('&')
		}
		k, v, hasV := strings.Cut(part, "=")
		if !hasV {
			b.WriteString(r.String(part))
			continue
		}
		key, err := url.QueryUnescape(k)
		if err != nil {
			key = k
		}
		b.WriteString(r.String(k))
		b.WriteByte('=')
		val, err := url.QueryUnescape(v)
		if err != nil {
			val = v
		}
		if r.IsSecretKey(key) || urlCredentialParam(key) {
			if s, ok := r.SecretValue(val); ok {
				hide(hidden, val, v, s)
				b.WriteString(url.QueryEscape(s))
				continue
			}
			b.WriteString(v)
			continue
		}
		if red := r.String(val); red != val {
			b.WriteString(url.QueryEscape(red))
		} else {
			b.WriteString(r.String(v)) // escaped form, in case escaping hid a match
		}
	}
	return b.String()
}

// urlCredentialParams are query parameters that carry a credential in a
// URL, though their names are too common elsewhere for the core to treat
// them as secret keys ("code" is an error code in a JSON body, a one-time
// OAuth authorization code in a callback URL): OAuth and OIDC codes and
// assertions, CAS tickets, SAML messages, one-time passwords, and session
// ids carried in the URL.
var urlCredentialParams = map[string]bool{
	"code": true, "code_verifier": true, "assertion": true, "jwt": true,
	"otp": true, "ticket": true, "samlresponse": true, "samlrequest": true,
	"session": true, "sessionid": true, "session_id": true, "sid": true,
	"phpsessid": true, "jsessionid": true, "login_hint_token": true,
	"magic_link": true, "reset_token": true, "invite_token": true,
}

func urlCredentialParam(key string) bool {
	return urlCredentialParams[strings.ToLower(key)]
}

// canonicalize merges header keys not in canonical form ("content-encoding"
// set through the map) into their canonical keys, so that every check
// below sees them: net/http sends such keys as they are, and a client
// reads them case-insensitively.
func canonicalize(h http.Header) {
	for k, vs := range h {
		if c := http.CanonicalHeaderKey(k); c != k {
			delete(h, k)
			h[c] = append(h[c], vs...)
		}
	}
}

// trailerNames returns the trailers declared in h's Trailer header.
func trailerNames(h http.Header) map[string]bool {
	vs := h["Trailer"]
	if len(vs) == 0 {
		return nil
	}
	names := make(map[string]bool)
	for _, v := range vs {
		for _, n := range strings.Split(v, ",") {
			if n = strings.TrimSpace(n); n != "" {
				names[http.CanonicalHeaderKey(n)] = true
			}
		}
	}
	return names
}

// isTrailer reports whether header key k is a trailer: declared, or set
// with net/http's TrailerPrefix.
func isTrailer(k string, declared map[string]bool) bool {
	return strings.HasPrefix(k, http.TrailerPrefix) || len(declared) > 0 && declared[http.CanonicalHeaderKey(k)]
}

// redactTrailers redacts trailer values in place: a trailer under a secret
// name is replaced whole, any other through r's patterns.
func (f *filter) redactTrailers(h http.Header, declared map[string]bool) {
	for k, vs := range h {
		if !isTrailer(k, declared) {
			continue
		}
		name := strings.TrimPrefix(k, http.TrailerPrefix)
		for i, v := range vs {
			if f.r.IsSecretKey(name) {
				if s, changed := f.r.SecretValue(v); changed {
					vs[i] = s
					continue
				}
			}
			vs[i] = f.r.String(v)
		}
	}
}

// canonicalNames returns a copy of names in canonical header form, so that
// each response looks them up in its header map as they are.
func canonicalNames(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = http.CanonicalHeaderKey(n)
	}
	return out
}
