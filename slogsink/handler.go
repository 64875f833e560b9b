package slogsink

import (
	"context"
	"log/slog"
	"strings"

	"github.com/aegisagent/redactor/redact"
	slogmulti "github.com/samber/slog-multi"
)

// NewHandler returns a slog.Handler that redacts every record, and every
// attribute added with Logger.With, before passing it to next. next can be
// any handler: slog.JSONHandler, slog.TextHandler, a third-party sink, a
// fan-out. Enabled is next's own, so levels are unchanged. A nil r means
// [redact.Default]. It panics if next is nil, as a handler that drops all
// logs silently would be worse than a crash at start-up.
func NewHandler(next slog.Handler, r *redact.Redactor, opts ...Option) slog.Handler {
	if next == nil {
		panic("slogsink: NewHandler with a nil next handler")
	}
	if r == nil {
		r = redact.Default()
	}
	c := &config{}
	for _, o := range opts {
		o(c)
	}
	return &handler{next: next, r: r, c: c}
}

// Middleware returns the handler of [NewHandler] as a samber/slog-multi
// middleware, for pipelines such as
//
//	slogmulti.Pipe(slogsink.Middleware(r)).Handler(slogmulti.Fanout(a, b))
//
// Unlike a middleware built with slogmulti.NewHandleInlineMiddleware, it
// also sees attributes added with Logger.With (samber/slog-multi#24): it
// implements WithAttrs itself and redacts them there.
func Middleware(r *redact.Redactor, opts ...Option) slogmulti.Middleware {
	return func(next slog.Handler) slog.Handler {
		return NewHandler(next, r, opts...)
	}
}

// handler is the redacting slog.Handler. It is immutable: WithAttrs and
// WithGroup return new handlers.
type handler struct {
	next slog.Handler
	r    *redact.Redactor
	c    *config
	// path is the dotted path of the open groups ("db.conn"), kept only
	// for WithSkipKeys names with dots.
	path string
	// poisoned is set under DropFailed when an attribute added with
	// WithAttrs could not be redacted: every record is dropped.
	poisoned bool
}

// Enabled reports whether next handles records of level: redaction never
// changes which records are logged.
func (h *handler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.next.Enabled(ctx, level)
}

// Handle redacts the message and the attributes of rec and passes the
// result to next. A record with nothing to redact is passed on as it is,
// without copying it.
func (h *handler) Handle(ctx context.Context, rec slog.Record) error {
	if h.poisoned {
		return nil
	}
	p := pass{h: h, path: h.path}
	msg := p.message(rec.Message)
	// First pass: find the first attribute that changes, without copying
	// anything.
	first, i := -1, 0
	p.quiet = true
	rec.Attrs(func(a slog.Attr) bool {
		if p.dirty(&a) {
			first = i
			return false
		}
		i++
		return true
	})
	if first < 0 && msg == rec.Message {
		p.flush()
		return h.next.Handle(ctx, rec)
	}
	// The first pass counted nothing; the second one counts, so that every
	// value is counted once. Without a report to feed, the first pass's
	// redaction of the first dirty attribute is reused as it is.
	p.quiet = false
	reuse := p.hasFirst && h.c.report == nil
	out := slog.NewRecord(rec.Time, rec.Level, msg, rec.PC)
	if first >= 0 {
		i = 0
		rec.Attrs(func(a slog.Attr) bool {
			switch {
			case i == first && reuse:
				a = p.first
			case i >= first:
				a, _ = p.attr(a)
			}
			out.AddAttrs(a)
			i++
			return true
		})
	} else {
		rec.Attrs(func(a slog.Attr) bool {
			out.AddAttrs(a)
			return true
		})
	}
	if p.failed && h.c.policy == DropFailed {
		p.flush()
		return nil
	}
	p.flush()
	return h.next.Handle(ctx, out)
}

// WithAttrs redacts attrs once, now, and returns a handler wrapping
// next.WithAttrs of the result. Doing it here rather than in Handle is what
// makes Logger.With safe: handlers that pre-format With attributes never
// show them to Handle again. attrs is not modified (another handler of a
// fan-out may hold the same slice).
func (h *handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return h
	}
	p := pass{h: h, path: h.path}
	out, _ := p.attrs(attrs)
	p.flush()
	h2 := *h
	h2.next = h.next.WithAttrs(out)
	h2.poisoned = h.poisoned || (p.failed && h.c.policy == DropFailed)
	return &h2
}

// WithGroup returns a handler whose attributes are qualified by name. The
// open groups are tracked so that WithSkipKeys paths are judged on the full
// path. An empty name returns h, as slog requires.
func (h *handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	h2 := *h
	h2.next = h.next.WithGroup(name)
	if h.c.skipPaths {
		h2.path = joinPath(h.path, name)
	}
	return &h2
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	var b strings.Builder
	b.Grow(len(path) + 1 + len(key))
	b.WriteString(path)
	b.WriteByte('.')
	b.WriteString(key)
	return b.String()
}
