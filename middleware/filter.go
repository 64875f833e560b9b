package middleware

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/aegisagent/redactor/redact"
	"github.com/felixge/httpsnoop"
	"github.com/go-chi/chi/v5"
)

// Errors the filter reports (to handlers, as Write errors, and to the
// observer). None of them carries response bytes.
var (
	// ErrFailedClosed is returned by writes after the filter gave up on a
	// response; the client got a 502 or an aborted transfer instead.
	ErrFailedClosed = errors.New("middleware: response withheld: redaction failed")
	// ErrTooLarge means a JSON document or NDJSON line exceeded
	// WithMaxJSON, or an event exceeded WithMaxEvent.
	ErrTooLarge = errors.New("middleware: body part exceeds the redaction window")
	// ErrUnknownEncoding means the Content-Encoding is not one the filter
	// can decode (gzip, deflate, br, zstd or identity).
	ErrUnknownEncoding = errors.New("middleware: unsupported Content-Encoding")
	// ErrRange means a 206 response of a filtered type was refused (see
	// WithRangePassThrough).
	ErrRange = errors.New("middleware: partial content cannot be redacted")
	// ErrShortBody means the handler declared a Content-Length and wrote
	// less. The filter sends the body without that header, so instead of
	// letting the client take what came for the whole, it fails the
	// response as net/http would (a 502 before the headers, an aborted
	// transfer after).
	ErrShortBody = errors.New("middleware: body shorter than its declared Content-Length")
	// ErrUpgradeDenied is returned by Hijack when the upgrade policy does
	// not allow it (see WithUpgrade).
	ErrUpgradeDenied = errors.New("middleware: connection hijack denied by the output filter")
)

// OutputFilter returns a middleware that redacts every response body and a
// few response headers with r before they leave. See the package
// documentation for what each content type gets and how it fails closed.
func OutputFilter(r *redact.Redactor, opts ...Option) func(http.Handler) http.Handler {
	cfg := defaultConfig()
	for _, o := range opts {
		o(cfg)
	}
	cfg.urlHeaders = canonicalNames(cfg.urlHeaders)
	cfg.textHeaders = canonicalNames(cfg.textHeaders)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			f := &filter{cfg: cfg, r: r, w: w, req: req, declared: -1}
			f.outer = f.wrap(w)
			defer f.cleanup()
			next.ServeHTTP(f.outer, req)
			f.finish()
		})
	}
}

// bodyFilter is one content-type path: it redacts what is written and
// writes the result to the next stage. Write emits every byte that can no
// longer be part of a match; Flush is a network flush, not a boundary, so
// it releases nothing that Write did not; Close emits the rest.
type bodyFilter interface {
	Write(p []byte) (int, error)
	Flush() error
	Close() error
}

type filter struct {
	cfg   *config
	r     *redact.Redactor
	w     http.ResponseWriter // the inner writer
	outer http.ResponseWriter // what the handler sees
	req   *http.Request

	declared   int64 // the handler's Content-Length, -1 if none (see ErrShortBody)
	written    int64 // body bytes the handler wrote, on a filtered path
	decided    bool  // the status and the body path are chosen
	headerSent bool  // w.WriteHeader was called
	status     int
	mode       string
	allow      []jsonPath // JSON paths exempt on this route
	buffered   bool       // the body path holds the whole body (JSON)
	bodyDone   bool       // the whole body is known (the last write is under way)
	discard    bool       // HEAD of a filtered type: handler bytes go nowhere
	head       [4]byte    // the body's first bytes, see compressedLooking
	headN      int
	// The headers as decided: net/http ignores header changes after
	// WriteHeader or the first Write, but this filter sends its headers
	// later, so it restores them before sending (see frozenHeader).
	snap http.Header

	body bodyFilter // nil when the body passes as it is
	// hidden are the values the URL headers lost whole (a Location's
	// "code"); the body masks them too (see maskValues).
	hidden []hiddenValue
	dec    *decoder // nil for identity
	enc    encoder  // nil when not re-encoding
	count  *counter // nil unless counts are wanted
	sink   sink

	err      error // why the filter failed closed
	abort    bool  // headers were out when it failed: abort at the end
	hijacked bool
	closed   bool

	// The wrapper the handler sees, for net/http's writers (see wrap).
	h1 h1Writer
	h2 h2Writer
}

func (f *filter) hooks() httpsnoop.Hooks {
	return httpsnoop.Hooks{
		WriteHeader: func(httpsnoop.WriteHeaderFunc) httpsnoop.WriteHeaderFunc { return f.writeHeader },
		Write:       func(httpsnoop.WriteFunc) httpsnoop.WriteFunc { return f.write },
		WriteString: func(httpsnoop.WriteStringFunc) httpsnoop.WriteStringFunc {
			return func(s string) (int, error) { return f.write([]byte(s)) }
		},
		ReadFrom: func(inner httpsnoop.ReadFromFunc) httpsnoop.ReadFromFunc {
			return func(src io.Reader) (int64, error) { return f.readFrom(inner, src) }
		},
		Flush: func(httpsnoop.FlushFunc) httpsnoop.FlushFunc {
			return func() { _ = f.flush() }
		},
		FlushError: func(httpsnoop.FlushErrorFunc) httpsnoop.FlushErrorFunc { return f.flush },
		Hijack: func(inner httpsnoop.HijackFunc) httpsnoop.HijackFunc {
			return func() (net.Conn, *bufio.ReadWriter, error) { return f.hijack(inner) }
		},
	}
}

// writeHeader records the status and chooses the body path. 1xx codes
// other than 101 pass straight through; later calls are ignored, as
// net/http does (without its warning).
func (f *filter) writeHeader(code int) {
	if f.decided || f.hijacked {
		return
	}
	if code >= 100 && code < 200 && code != http.StatusSwitchingProtocols {
		canonicalize(f.w.Header()) // "link" set through the map is still a Link
		f.redactHeaders(f.w.Header())
		f.w.WriteHeader(code)
		return
	}
	f.decide(code)
}

func (f *filter) write(p []byte) (int, error) {
	if !f.decided {
		f.decide(http.StatusOK)
	}
	switch {
	case f.err != nil || f.closed:
		return 0, ErrFailedClosed
	case f.discard:
		return len(p), nil // HEAD: net/http would drop them, but count them into a stale Content-Length
	case f.body == nil:
		f.sendHeader()
		return f.w.Write(p)
	case f.declared >= 0 && f.written+int64(len(p)) > f.declared:
		return 0, http.ErrContentLength // as net/http refuses bytes past it
	case f.dec != nil:
		f.written += int64(len(p))
		if err := f.dec.feed.write(p); err != nil {
			f.fail(err)
			return 0, ErrFailedClosed
		}
	default:
		f.written += int64(len(p))
		if f.headN < len(f.head) {
			f.headN += copy(f.head[f.headN:], p)
			if compressedLooking(f.head[:f.headN]) {
				f.fail(ErrUnknownEncoding)
				return 0, ErrFailedClosed
			}
		}
		if _, err := f.body.Write(p); err != nil {
			f.fail(err)
			return 0, ErrFailedClosed
		}
	}
	return len(p), nil
}

// compressedLooking reports a body declared as identity that starts with
// the magic number of gzip or zstd: a handler that set Content-Encoding
// too late (after WriteHeader, which net/http ignores) or not at all. The
// patterns cannot see into it and a client may still decode it, so it
// fails closed like an unknown encoding. (Brotli has no magic number.)
func compressedLooking(b []byte) bool {
	return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b ||
		len(b) >= 4 && b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f && b[3] == 0xfd
}

// readFrom copies src through the filter. Only an unfiltered body may use
// the inner writer's ReadFrom (sendfile); a filtered one must pass every
// byte through write.
func (f *filter) readFrom(inner httpsnoop.ReadFromFunc, src io.Reader) (int64, error) {
	if !f.decided {
		f.decide(http.StatusOK)
	}
	if f.body == nil && !f.discard && f.err == nil && !f.closed {
		f.sendHeader()
		return inner(src)
	}
	bp := copyBufs.Get().(*[]byte)
	defer copyBufs.Put(bp)
	return io.CopyBuffer(writerFunc(f.write), src, *bp)
}

var copyBufs = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

type writerFunc func([]byte) (int, error)

func (fn writerFunc) Write(p []byte) (int, error) { return fn(p) }

// flush releases what the body path can safely release (Write already
// did), pushes it through the encoder and flushes the inner writer.
func (f *filter) flush() error {
	if !f.decided {
		f.decide(http.StatusOK)
	}
	if f.err != nil || f.closed {
		return ErrFailedClosed
	}
	if f.body != nil {
		if err := f.body.Flush(); err != nil {
			f.fail(err)
			return ErrFailedClosed
		}
	}
	return f.flushDown()
}

// flushDown flushes the encoder and the inner writer.
func (f *filter) flushDown() error {
	if f.enc != nil {
		if err := f.enc.Flush(); err != nil {
			return err
		}
	}
	f.sendHeader()
	return http.NewResponseController(f.w).Flush()
}

func (f *filter) hijack(inner httpsnoop.HijackFunc) (net.Conn, *bufio.ReadWriter, error) {
	allowed := f.cfg.upgrade == UpgradeAllow
	if f.cfg.upgrade == UpgradeProtocols {
		for _, tok := range strings.Split(f.req.Header.Get("Upgrade"), ",") {
			tok = strings.TrimSpace(tok)
			if i := strings.IndexByte(tok, '/'); i >= 0 {
				tok = tok[:i]
			}
			for _, p := range f.cfg.protocols {
				if tok != "" && strings.EqualFold(tok, p) {
					allowed = true
				}
			}
		}
	}
	if !allowed {
		return nil, nil, ErrUpgradeDenied
	}
	if f.decided && !f.headerSent && f.err == nil {
		f.sendHeader() // what the handler wrote before goes first, as without the filter
	}
	conn, rw, err := inner()
	if err == nil {
		f.hijacked, f.mode = true, "hijacked"
		f.stopDecoder()
	}
	return conn, rw, err
}

// decide chooses the body path from the status, method and headers, and
// fixes the headers that the rewrite makes stale. Headers are sent lazily,
// with the first output byte or flush, so that a failure before that can
// still become a clean 502.
func (f *filter) decide(code int) {
	f.decided, f.status, f.mode = true, code, "pass"
	f.sink = sink{f: f}
	h := f.w.Header()
	canonicalize(h)
	f.redactHeaders(h)
	defer func() { f.snap = h.Clone() }()

	paths, allowed := f.route()
	if allowed && paths == nil {
		return
	}
	f.allow = paths
	if !bodyAllowed(code) || f.req.Method == http.MethodHead {
		// No body will be written; keep HEAD and 304 headers consistent
		// with what the matching GET would get.
		if kind := f.bodyKind(h); kind != kindBinary {
			weakenValidators(h)
			h.Del("Accept-Ranges")
			if f.req.Method == http.MethodHead {
				h.Del("Content-Length") // the GET's body would stream
				f.discard = true
			}
		}
		return
	}
	kind := f.bodyKind(h)
	if kind == kindBinary {
		return
	}
	if code == http.StatusPartialContent || h.Get("Content-Range") != "" {
		if !f.cfg.rangePass {
			f.fail(ErrRange)
		}
		return
	}
	coding, ok := parseCoding(strings.Join(h.Values("Content-Encoding"), ","))
	if !ok {
		f.fail(ErrUnknownEncoding)
		return
	}
	f.declared = -1
	if cl := h.Get("Content-Length"); cl != "" {
		if n, err := strconv.ParseInt(cl, 10, 64); err == nil && n >= 0 {
			f.declared = n
		}
	}
	h.Del("Content-Length")
	h.Del("Accept-Ranges")
	f.buffered = kind == kindJSON
	if !f.buffered {
		weakenValidators(h)
	}

	var out io.Writer = &f.sink
	if coding != "" {
		if f.cfg.identity {
			h.Del("Content-Encoding")
		} else {
			f.enc = newEncoder(coding, out)
			out = f.enc
		}
	}
	if f.cfg.observer != nil || f.cfg.countHeader != "" {
		f.count = &counter{w: out}
		out = f.count
		if f.cfg.countHeader != "" && !f.buffered {
			h.Add("Trailer", f.cfg.countHeader)
		}
	}
	switch kind {
	case kindJSON:
		f.mode, f.body = "json", newJSONFilter(f, out)
	case kindNDJSON:
		f.mode, f.body = "ndjson", &ndjsonFilter{f: f, w: out}
	case kindSSE:
		f.mode, f.body = "sse", &sseFilter{f: f, w: out}
	default:
		f.mode, f.body = "text", textFilter{f.r.NewWriter(out).(*redact.Writer)}
	}
	if len(f.hidden) > 0 && code >= 300 && code < 400 && kind == kindText {
		// A redirect's body repeats its Location (http.Redirect writes
		// it as a link): mask there what the header lost. Other bodies
		// are left to the patterns: a JSON body must stay JSON, and a
		// stream must not wait on the mask's tail.
		if m := newMaskValues(f.body, f.hidden); m != nil {
			f.body = m
		}
	}
	if coding != "" {
		f.dec = startDecoder(coding, f.body)
	}
}

// route reports whether the request matches an AllowRoute, and its paths.
func (f *filter) route() ([]jsonPath, bool) {
	if len(f.cfg.routes) == 0 {
		return nil, false
	}
	pattern := f.routePattern()
	for _, rt := range f.cfg.routes {
		if rt.method != "*" && !strings.EqualFold(rt.method, f.req.Method) {
			continue
		}
		if rt.pattern == pattern || rt.pattern == f.req.URL.Path {
			if rt.paths == nil {
				return nil, true
			}
			return rt.paths, true
		}
	}
	return nil, false
}

func (f *filter) routePattern() string {
	if rc := chi.RouteContext(f.req.Context()); rc != nil {
		if p := rc.RoutePattern(); p != "" {
			return p
		}
	}
	if p := f.req.Pattern; p != "" {
		if _, path, ok := strings.Cut(p, " "); ok {
			return path
		}
		return p
	}
	return ""
}

// sendHeader sends the status line and headers, once.
func (f *filter) sendHeader() {
	if f.headerSent {
		return
	}
	h, declared := f.frozenHeader()
	f.sendFrozen(h, declared)
}

// sendFrozen is sendHeader for headers already reset by frozenHeader.
func (f *filter) sendFrozen(h http.Header, declared map[string]bool) {
	if f.body != nil && !f.bodyDone {
		// Out before the body is complete (a flush): the body may still
		// change, so no validator or length may claim it.
		weakenValidators(h)
		h.Del("Content-Length")
	}
	// A declared trailer set after the headers were frozen is a trailer:
	// net/http sends what the header map holds at WriteHeader as headers,
	// and reads trailers from it after the handler returns.
	var late http.Header
	for k := range declared {
		if _, ok := f.snap[k]; !ok && h[k] != nil {
			if late == nil {
				late = http.Header{}
			}
			late[k] = h[k]
			delete(h, k)
		}
	}
	f.headerSent = true
	f.w.WriteHeader(f.status)
	for k, v := range late {
		h[k] = v
	}
	if held := f.sink.hold; len(held) > 0 {
		f.sink.hold = nil
		_, _ = f.w.Write(held) // a write error shows again on the next write or flush
	}
}

// frozenHeader returns the inner writer's header map reset to the decided
// headers, with the filter's own later edits, so that what the handler
// changed after WriteHeader (a Content-Encoding, a Location with a token)
// is dropped as net/http would drop it. Trailers are the exception: they
// are set after the body by design, and keep their values, redacted here
// because net/http also sends a declared trailer that already has a value
// as a header (finish redacts the values set after this).
//
// It also returns the trailers the decided headers declare (nil if none).
func (f *filter) frozenHeader() (http.Header, map[string]bool) {
	h := f.w.Header()
	if f.snap == nil {
		return h, nil
	}
	declared := trailerNames(f.snap)
	for k := range h {
		if _, ok := f.snap[k]; !ok && !isTrailer(k, declared) {
			delete(h, k)
		}
	}
	for k, v := range f.snap {
		if !isTrailer(k, declared) {
			h[k] = v
		}
	}
	f.redactTrailers(h, declared)
	return h, declared
}

// edit is frozenHeader for the filter's own changes: they apply to the
// decided headers and become part of them.
func (f *filter) edit(fn func(h http.Header)) {
	h, _ := f.frozenHeader()
	fn(h)
	if f.snap != nil {
		f.snap = h.Clone()
	}
}

// beforeBuffered is called by a buffering body path just before it writes
// the whole redacted body: while the headers are still unsent it can set
// an exact Content-Length and keep validators when nothing changed.
func (f *filter) beforeBuffered(changed bool, out []byte) {
	f.bodyDone = true
	if f.headerSent {
		return
	}
	h, declared := f.frozenHeader()
	if changed {
		weakenValidators(h)
	}
	if f.enc == nil {
		h.Set("Content-Length", strconv.Itoa(len(out)))
	}
	if f.cfg.countHeader != "" {
		c := counter{}
		c.scan(out)
		h.Set(f.cfg.countHeader, strconv.Itoa(c.total()))
	}
	// The whole body follows at once and nothing can fail it any more
	// (a decoder has already been closed): send the headers now, as they
	// are, rather than record them for a later send.
	f.sendFrozen(h, declared)
}

// fail gives up on the response: a clean 502 if nothing was sent yet,
// otherwise the response is aborted when the handler returns.
func (f *filter) fail(err error) {
	if f.err != nil {
		return
	}
	f.err = err
	f.stopDecoder()
	if f.headerSent {
		f.abort = true
		return
	}
	f.sink.hold = nil // never sent: the 502 replaces it
	h := f.w.Header()
	for k := range h {
		delete(h, k)
	}
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	f.headerSent = true
	f.w.WriteHeader(http.StatusBadGateway)
	_, _ = io.WriteString(f.w, "502 Bad Gateway: the response could not be filtered\n")
}

// finish runs after the handler returned: it drains the decoder, closes
// the body path and the encoder, reports, and aborts a response that
// failed after its headers were sent.
func (f *filter) finish() {
	if f.hijacked {
		f.report()
		return
	}
	if !f.decided {
		f.decide(http.StatusOK)
	}
	f.bodyDone = true // the handler returned: what close writes is the end
	if f.err == nil && f.body != nil && f.declared > f.written {
		f.fail(ErrShortBody)
	}
	if f.err == nil {
		if err := f.close(); err != nil {
			f.fail(err)
		}
	}
	f.closed = true
	if f.err == nil {
		if f.count != nil && f.cfg.countHeader != "" && !f.buffered {
			f.edit(func(h http.Header) { h.Set(f.cfg.countHeader, strconv.Itoa(f.count.total())) })
		}
		f.sendHeader()
		// Trailers set after the headers went out are redacted too.
		f.redactTrailers(f.w.Header(), trailerNames(f.w.Header()))
	}
	f.report()
	if f.abort {
		panic(http.ErrAbortHandler)
	}
}

func (f *filter) close() error {
	if f.dec != nil {
		if err := f.dec.feed.close(); err != nil {
			return err
		}
	}
	if f.body != nil {
		if err := f.body.Close(); err != nil {
			return err
		}
	}
	if f.enc != nil {
		if err := f.enc.Close(); err != nil {
			return err
		}
	}
	return nil
}

// cleanup stops a decoder goroutine left running when the handler panics.
func (f *filter) cleanup() { f.stopDecoder() }

func (f *filter) stopDecoder() {
	if f.dec != nil {
		f.dec.feed.stop()
	}
}

func (f *filter) report() {
	if f.cfg.observer == nil {
		return
	}
	rep := Report{Method: f.req.Method, Route: f.routePattern(), Status: f.status, Mode: f.mode, Err: f.err}
	if rep.Route == "" {
		rep.Route = f.r.String(f.req.URL.Path)
	}
	if f.err != nil && !f.abort {
		rep.Status = http.StatusBadGateway
	}
	if f.count != nil {
		rep.Counts = f.count.counts
	}
	f.cfg.observer(rep)
}

// sink is the end of a filtered body path: the inner writer. It holds the
// first holdMax bytes of output back, with the headers, until there is
// more, a Flush, or the handler returns. net/http buffers as much before
// it sends anything, so a client sees no difference; but a failure found
// early in the body (a corrupt gzip stream written in one piece) still
// becomes a clean 502, where committing the status with the first
// decoded line would leave only an abort.
type sink struct {
	f    *filter
	hold []byte
}

// holdMax is what the sink holds before the headers go.
const holdMax = 4 << 10

func (s *sink) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if !s.f.headerSent && len(s.hold)+len(p) <= holdMax {
		s.hold = append(s.hold, p...)
		return len(p), nil
	}
	s.f.sendHeader() // with what was held
	return s.f.w.Write(p)
}

func bodyAllowed(code int) bool {
	return !(code >= 100 && code < 200 || code == http.StatusNoContent || code == http.StatusNotModified)
}

// weakenValidators marks a strong ETag weak and drops digests of the
// original bytes, which no longer describe the body.
func weakenValidators(h http.Header) {
	if et := h.Get("Etag"); et != "" && !strings.HasPrefix(et, "W/") {
		h.Set("Etag", "W/"+et)
	}
	for _, k := range []string{"Content-Md5", "Digest", "Content-Digest", "Repr-Digest"} {
		h.Del(k)
	}
}

type textFilter struct{ w *redact.Writer }

func (t textFilter) Write(p []byte) (int, error) { return t.w.Write(p) }

// Flush uses Release, not redact.Writer.Flush: the latter ends a segment,
// and a network flush is not a boundary a secret respects (a secret
// written across it must still be caught). Release writes the held tail
// only when it ends a line with nothing pending, which is when a streamed
// log line should reach the client.
func (t textFilter) Flush() error { return t.w.Release() }
func (t textFilter) Close() error { return t.w.Close() }
