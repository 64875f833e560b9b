package middleware

import (
	"bytes"
	"io"
	"sync"

	"github.com/aegisagent/redactor/redact"
)

// docBufs recycles JSON document buffers (up to 1 MiB each), so a busy
// JSON API does not allocate a body-sized buffer per response.
var docBufs sync.Pool // *[]byte

// newJSONFilter is the one place that chooses how application/json bodies
// are redacted. A document is first buffered: one that ends within
// jsonStreamAfter bytes (most API responses) is redacted whole with
// Redactor.JSON, gets an exact Content-Length, keeps its validators when
// nothing changed, and falls back to the text redaction if it is not JSON
// after all. A larger one, or one the handler flushes before its end, is
// streamed through the core's JSONWriter from then on, so memory stays
// bounded by the longest string, not the body; a stream that turns out not
// to be JSON is then aborted (fail closed). Routes with allowed JSON paths
// are always buffered (up to WithMaxJSON): the paths are matched on the
// whole document.
func newJSONFilter(f *filter, w io.Writer) bodyFilter {
	return &jsonDoc{f: f, w: w}
}

// jsonStreamAfter is how much of a JSON document is buffered before it is
// streamed instead.
const jsonStreamAfter = 256 << 10

// jsonDoc buffers one JSON document, or streams it once it is large.
type jsonDoc struct {
	f      *filter
	w      io.Writer
	buf    []byte
	stream *redact.JSONWriter // set once the document streams
}

func (j *jsonDoc) Write(p []byte) (int, error) {
	if j.stream != nil {
		return j.stream.Write(p)
	}
	if len(j.buf)+len(p) > jsonStreamAfter && len(j.f.allow) == 0 {
		if err := j.startStream(); err != nil {
			return 0, err
		}
		return j.stream.Write(p)
	}
	if len(j.buf)+len(p) > j.f.cfg.maxJSON {
		return 0, ErrTooLarge
	}
	if j.buf == nil {
		if bp, ok := docBufs.Get().(*[]byte); ok {
			j.buf = (*bp)[:0]
		} else {
			j.buf = make([]byte, 0, max(len(p), 16<<10))
		}
	}
	j.buf = append(j.buf, p...)
	return len(p), nil
}

// startStream switches to streaming: the headers are those of a streamed
// body (no length, weak validators), and what was buffered goes first.
func (j *jsonDoc) startStream() error {
	j.f.buffered = false
	if !j.f.headerSent {
		j.f.edit(weakenValidators)
	}
	j.stream = j.f.r.NewJSONWriter(j.w)
	buf := j.buf
	j.buf = nil
	_, err := j.stream.Write(buf)
	if cap(buf) <= 1<<20 {
		docBufs.Put(&buf)
	}
	return err
}

// Flush streams from here on (a flushing handler wants its bytes out) and
// releases every complete value; without it no byte of a document would be
// safe before its end. With allowed JSON paths it releases nothing.
func (j *jsonDoc) Flush() error {
	if j.stream == nil {
		if len(j.f.allow) > 0 || len(j.buf) == 0 {
			return nil
		}
		if err := j.startStream(); err != nil {
			return err
		}
	}
	return j.stream.Flush()
}

func (j *jsonDoc) Close() error {
	if j.stream != nil {
		return j.stream.Close()
	}
	if len(j.buf) == 0 {
		return nil
	}
	out := j.f.redactJSON(j.buf)
	j.f.beforeBuffered(!sameBytes(out, j.buf), out)
	_, err := j.w.Write(out)
	// out may be buf itself (nothing replaced); the write above is done
	// with it, so the buffer can be reused.
	if buf := j.buf; cap(buf) <= 1<<20 {
		docBufs.Put(&buf)
	}
	j.buf = nil
	return err
}

func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0] || bytes.Equal(a, b))
}

// redactJSON redacts one document, leaving the values at the route's
// allowed JSON paths as they were. The allowed values are set aside as
// null (which redaction leaves alone), the rest is redacted, and the
// values are put back at the same paths. If the paths cannot be matched
// again, the whole document is redacted: allowing is best effort,
// redacting is not.
//
// A handler that labels its body JSON means it to be JSON, so the
// document is redacted with JSONUnchecked: only the tokens where an
// anchor ends are parsed (and checked), and a document with no anchor and
// no escape is sent as it is.
func (f *filter) redactJSON(doc []byte) []byte {
	if len(f.allow) == 0 {
		return f.r.JSONUnchecked(doc)
	}
	if bytes.IndexByte(doc, '\\') < 0 && !f.r.MayMatch(doc) {
		// No rule can match, and no escape can hide an anchor from
		// MayMatch (JSON decodes strings before matching): the document
		// stays as it is, valid or not, so it need not be parsed.
		return doc
	}
	spans := findPaths(doc, f.allow)
	if len(spans) == 0 {
		out, _ := f.r.JSON(doc)
		return out
	}
	masked := make([]byte, 0, len(doc))
	last := 0
	for _, s := range spans {
		masked = append(masked, doc[last:s[0]]...)
		masked = append(masked, "null"...)
		last = s[1]
	}
	masked = append(masked, doc[last:]...)
	red, err := f.r.JSON(masked)
	if err != nil {
		out, _ := f.r.JSON(doc)
		return out
	}
	spans2 := findPaths(red, f.allow)
	if len(spans2) != len(spans) {
		out, _ := f.r.JSON(doc)
		return out
	}
	out := make([]byte, 0, len(red)+len(doc)-len(masked))
	last = 0
	for i, s := range spans2 {
		out = append(out, red[last:s[0]]...)
		out = append(out, doc[spans[i][0]:spans[i][1]]...)
		last = s[1]
	}
	return append(out, red[last:]...)
}

// ndjsonFilter redacts newline-delimited JSON one line at a time, so it
// streams; each line is held only until its newline (at most WithMaxJSON).
type ndjsonFilter struct {
	f    *filter
	w    io.Writer
	line []byte
}

func (n *ndjsonFilter) Write(p []byte) (int, error) {
	total := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			if len(n.line)+len(p) > n.f.cfg.maxJSON {
				return 0, ErrTooLarge
			}
			n.line = append(n.line, p...)
			break
		}
		if len(n.line)+i+1 > n.f.cfg.maxJSON {
			return 0, ErrTooLarge // the same limit however the line arrives
		}
		var err error
		if len(n.line) == 0 {
			err = n.emit(p[:i+1]) // whole line in this write: no copy
		} else {
			n.line = append(n.line, p[:i+1]...)
			err = n.emit(n.line)
			n.line = n.line[:0]
		}
		if err != nil {
			return 0, err
		}
		p = p[i+1:]
	}
	return total, nil
}

// emit writes one line (with its terminator, if any).
func (n *ndjsonFilter) emit(line []byte) error {
	body := bytes.TrimRight(line, "\r\n")
	if len(bytes.TrimSpace(body)) == 0 {
		_, err := n.w.Write(line)
		return err
	}
	out := n.f.redactJSON(body)
	if _, err := n.w.Write(out); err != nil {
		return err
	}
	_, err := n.w.Write(line[len(body):])
	return err
}

func (n *ndjsonFilter) Flush() error { return nil }

func (n *ndjsonFilter) Close() error {
	if len(n.line) == 0 {
		return nil
	}
	err := n.emit(n.line)
	n.line = nil
	return err
}
