package middleware

import (
	"net/http"
	"strings"
)

// Option configures OutputFilter. Options are applied in order; a later
// option overrides an earlier one that sets the same thing.
type Option func(*config)

// UpgradePolicy says what happens when a handler hijacks the connection
// (websockets, HTTP/1.1 Upgrade, CONNECT). A hijacked connection is out of
// the filter's path: whatever the handler writes on it is not redacted, so
// hijacking is refused unless it is allowed here.
type UpgradePolicy int

const (
	// UpgradeDeny refuses every Hijack with ErrUpgradeDenied (the default:
	// nothing leaves unfiltered unless configured).
	UpgradeDeny UpgradePolicy = iota
	// UpgradeAllow lets every Hijack through, unfiltered.
	UpgradeAllow
	// UpgradeProtocols lets a Hijack through only when the request's
	// Upgrade header names one of the protocols given to WithUpgrade.
	UpgradeProtocols
)

// Report describes one filtered response to the hook set by WithObserver.
// It never holds a redacted value: only rule IDs and counts.
type Report struct {
	// Method is the request method.
	Method string
	// Route is the route pattern (chi's RoutePattern, else the
	// http.ServeMux pattern), or the redacted URL path when there is none.
	Route string
	// Status is the status code the handler chose (502 when the filter
	// failed closed before the headers were sent).
	Status int
	// Mode is how the body was handled: "text", "json", "ndjson", "sse",
	// "pass" (binary, bodiless or allowed route), or "hijacked".
	Mode string
	// Counts holds the number of placeholders written per rule ID. It is
	// nil when nothing was redacted.
	Counts map[string]int
	// Err is why the filter failed closed, or nil. Its text never
	// contains response bytes.
	Err error
}

type route struct {
	method, pattern string
	paths           []jsonPath // nil: the whole response is allowed
}

type config struct {
	maxJSON, maxEvent int
	filterTypes       []string
	passTypes         []string
	urlHeaders        []string
	textHeaders       []string
	setCookie         bool
	upgrade           UpgradePolicy
	protocols         []string
	routes            []route
	rangePass         bool
	identity          bool
	observer          func(Report)
	countHeader       string
}

func defaultConfig() *config {
	return &config{
		maxJSON:     8 << 20,
		maxEvent:    1 << 20,
		passTypes:   append([]string(nil), defaultPassTypes...),
		urlHeaders:  []string{"Location", "Content-Location", "Refresh"},
		textHeaders: []string{"Link", "Www-Authenticate", "X-Debug", "Warning"},
	}
}

// defaultPassTypes are media types whose bodies are not text: redacting
// them as text could corrupt them and would find nothing meaningful. A
// trailing "*" matches any suffix. Types ending in "+json" or "+xml" are
// always filtered, whatever their top-level type (image/svg+xml is text).
var defaultPassTypes = []string{
	"image/*", "audio/*", "video/*", "font/*",
	"application/octet-stream", "application/grpc*", "application/pdf",
	"application/zip", "application/gzip", "application/x-gzip",
	"application/zstd", "application/x-tar", "application/wasm",
	"application/protobuf", "application/x-protobuf",
	"application/vnd.google.protobuf", "application/x-7z-compressed",
}

// WithMaxJSON sets the largest JSON document the filter buffers on a route
// with allowed JSON paths, and the largest NDJSON line; a larger one fails
// closed. The default is 8 MiB. Other JSON documents stream once they pass
// 256 KiB, with memory bounded by their longest string.
func WithMaxJSON(n int) Option { return func(c *config) { c.maxJSON = n } }

// WithMaxEvent sets the largest server-sent event the filter holds; a
// larger one fails closed. The default is 1 MiB.
func WithMaxEvent(n int) Option { return func(c *config) { c.maxEvent = n } }

// WithFilterTypes lists media types that are filtered as text even though
// they are binary by default (for example "application/octet-stream" when
// a service sends logs with it). A trailing "*" matches any suffix.
func WithFilterTypes(types ...string) Option {
	return func(c *config) { c.filterTypes = append(c.filterTypes, lower(types)...) }
}

// WithPassThroughTypes adds media types whose bodies pass untouched, for
// binary formats of your own. A trailing "*" matches any suffix. Use it
// sparingly: a body that passes is not redacted at all.
func WithPassThroughTypes(types ...string) Option {
	return func(c *config) { c.passTypes = append(c.passTypes, lower(types)...) }
}

// WithHeaders replaces the list of response headers whose values are
// redacted. urlHeaders hold URLs (query values under secret-named keys and
// URL passwords are replaced whole, the rest goes through the patterns);
// textHeaders go through the patterns only. The defaults are Location,
// Content-Location and Refresh, and Link, WWW-Authenticate, X-Debug and
// Warning: a redirect to "/cb?token=..." is the classic leak.
func WithHeaders(urlHeaders, textHeaders []string) Option {
	return func(c *config) { c.urlHeaders, c.textHeaders = urlHeaders, textHeaders }
}

// WithSetCookie redacts the values of Set-Cookie headers. It is off by
// default because a session cookie is meant to reach the client; turn it
// on for routes that must never set one (an API behind a gateway that
// manages sessions itself).
func WithSetCookie() Option { return func(c *config) { c.setCookie = true } }

// WithUpgrade sets the hijack policy (see UpgradePolicy); protocols are the
// Upgrade tokens allowed under UpgradeProtocols, compared ignoring case
// ("websocket").
func WithUpgrade(p UpgradePolicy, protocols ...string) Option {
	return func(c *config) { c.upgrade, c.protocols = p, protocols }
}

// AllowRoute exempts a route that legitimately returns a credential. The
// route matches when the method is equal (or "*") and pattern equals the
// chi route pattern, the http.ServeMux pattern or the URL path. With JSON
// paths ("$.access_token", "$.data[*].key"), only the values at those
// paths are left as they are and everything else is still filtered; with
// none, the whole response passes unfiltered.
func AllowRoute(method, pattern string, paths ...string) Option {
	return func(c *config) {
		rt := route{method: method, pattern: pattern}
		for _, p := range paths {
			rt.paths = append(rt.paths, parseJSONPath(p))
		}
		c.routes = append(c.routes, rt)
	}
}

// WithRangePassThrough sends 206 Partial Content responses unfiltered. By
// default a 206 of a filtered type fails closed with 502: a byte range
// cannot be redacted correctly (a secret may start before it), and
// rewriting it would break the range arithmetic. The filter also removes
// Accept-Ranges from the responses it rewrites, so clients do not ask.
func WithRangePassThrough() Option { return func(c *config) { c.rangePass = true } }

// WithIdentity sends compressed responses decoded (Content-Encoding
// removed) instead of re-encoding them. It saves the encoder's CPU when a
// compression middleware outside the filter compresses anyway.
func WithIdentity() Option { return func(c *config) { c.identity = true } }

// WithObserver calls fn once per response, after it is complete, with the
// number of redactions per rule. fn runs on the handler's goroutine and
// must be quick and safe for concurrent use.
func WithObserver(fn func(Report)) Option { return func(c *config) { c.observer = fn } }

// WithCountHeader adds a response header (or, when the body streams, an
// HTTP trailer) with the number of redactions, for debugging gateways.
// Counts are found by reading the placeholders in what the filter wrote
// (no second scan), so they are exact for the placeholder, partial and
// fingerprint styles, zero with redact.WithFixedText, and include any
// placeholder the upstream body already carried.
func WithCountHeader(name string) Option {
	return func(c *config) { c.countHeader = http.CanonicalHeaderKey(name) }
}

func lower(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = strings.ToLower(v)
	}
	return out
}
