package middleware

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/felixge/httpsnoop"
)

// The writer a handler sees (filter.outer). It must have exactly the
// optional interfaces of the writer it wraps, so that a handler's type
// assertions see through the filter what they would see without it.
// httpsnoop.Wrap does that for any writer, with a generated type per
// combination; it allocates its state and a closure per hook, about twenty
// objects a response. net/http's own writers come in two fixed sets, so
// for them the filter carries a wrapper of that set in itself (h1Writer,
// h2Writer) and allocates nothing; any other writer (a recorder, another
// middleware's wrapper) goes through httpsnoop. Both route every method
// to the same filter methods, so they behave alike.

// The optional interfaces httpsnoop.Wrap mirrors, as a bit set.
const (
	hasFlusher = 1 << iota
	hasFlushError
	hasCloseNotifier
	hasHijacker
	hasReaderFrom
	hasDeadlines
	hasFullDuplex
	hasPusher
	hasStringWriter
)

type (
	flushErrorer interface{ FlushError() error }
	deadliner    interface {
		SetReadDeadline(time.Time) error
		SetWriteDeadline(time.Time) error
	}
	fullDuplexEnabler interface{ EnableFullDuplex() error }
	// closeNotifier is http.CloseNotifier, which is deprecated but still
	// mirrored: a handler may assert it.
	closeNotifier interface{ CloseNotify() <-chan bool }
)

// optionals returns the set of optional interfaces w has.
func optionals(w http.ResponseWriter) int {
	m := 0
	if _, ok := w.(http.Flusher); ok {
		m |= hasFlusher
	}
	if _, ok := w.(flushErrorer); ok {
		m |= hasFlushError
	}
	if _, ok := w.(closeNotifier); ok {
		m |= hasCloseNotifier
	}
	if _, ok := w.(http.Hijacker); ok {
		m |= hasHijacker
	}
	if _, ok := w.(io.ReaderFrom); ok {
		m |= hasReaderFrom
	}
	if _, ok := w.(deadliner); ok {
		m |= hasDeadlines
	}
	if _, ok := w.(fullDuplexEnabler); ok {
		m |= hasFullDuplex
	}
	if _, ok := w.(http.Pusher); ok {
		m |= hasPusher
	}
	if _, ok := w.(io.StringWriter); ok {
		m |= hasStringWriter
	}
	return m
}

// The sets of net/http's HTTP/1 and HTTP/2 writers, read off the wrappers
// themselves, so that a wrapper is used only for a writer with exactly
// its methods.
var (
	h1Set = optionals(&h1Writer{})
	h2Set = optionals(&h2Writer{})
)

// wrap returns the writer the handler sees.
func (f *filter) wrap(w http.ResponseWriter) http.ResponseWriter {
	switch optionals(w) {
	case h1Set:
		f.h1.writer.f = f
		return &f.h1
	case h2Set:
		f.h2.writer.f = f
		return &f.h2
	}
	return httpsnoop.Wrap(w, f.hooks())
}

// writer holds the methods every net/http writer has.
type writer struct{ f *filter }

func (w *writer) Unwrap() http.ResponseWriter        { return w.f.w }
func (w *writer) Header() http.Header                { return w.f.w.Header() }
func (w *writer) WriteHeader(code int)               { w.f.writeHeader(code) }
func (w *writer) Write(p []byte) (int, error)        { return w.f.write(p) }
func (w *writer) WriteString(s string) (int, error)  { return w.f.write([]byte(s)) }
func (w *writer) Flush()                             { _ = w.f.flush() }
func (w *writer) FlushError() error                  { return w.f.flush() }
func (w *writer) SetReadDeadline(t time.Time) error  { return w.f.w.(deadliner).SetReadDeadline(t) }
func (w *writer) SetWriteDeadline(t time.Time) error { return w.f.w.(deadliner).SetWriteDeadline(t) }
func (w *writer) EnableFullDuplex() error            { return w.f.w.(fullDuplexEnabler).EnableFullDuplex() }
func (w *writer) CloseNotify() <-chan bool           { return w.f.w.(closeNotifier).CloseNotify() }

// h1Writer has the methods of net/http's HTTP/1 writer.
type h1Writer struct{ writer }

func (w *h1Writer) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return w.f.hijack(w.f.w.(http.Hijacker).Hijack)
}

func (w *h1Writer) ReadFrom(src io.Reader) (int64, error) {
	return w.f.readFrom(w.f.w.(io.ReaderFrom).ReadFrom, src)
}

// h2Writer has the methods of net/http's HTTP/2 writer.
type h2Writer struct{ writer }

func (w *h2Writer) Push(target string, opts *http.PushOptions) error {
	return w.f.w.(http.Pusher).Push(target, opts)
}
