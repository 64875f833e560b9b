package redact

import (
	"bytes"
	"errors"
	"io"
	"sync"
)

// ErrClosed is returned by writes to a closed Writer.
var ErrClosed = errors.New("redact: write to closed Writer")

// writeChunk bounds how much of one Write is buffered at a time, so a huge
// Write does not grow the buffer.
const writeChunk = 32 << 10

// Writer redacts a stream. Its output is byte-identical to [Redactor.Bytes]
// of everything written, however the writes split the input (a Flush is
// the one exception, see there).
//
// Bytes pass through as soon as no match can include them: a complete line
// is released at once, unless a private-key block is open; otherwise at
// most the longest anchor plus the longest look-back of any rule (a few
// hundred bytes) is held. Memory is bounded by the largest rule window,
// about 100 KiB in all (a private-key block may take 64 KiB), never by the
// stream size.
type Writer struct {
	r       *Redactor
	w       io.Writer
	s       scanner
	buf     []byte // original bytes from absolute offset s.off
	emitted int    // output written up to this absolute offset
	out     []byte
	gs      []group
	err     error
	closed  bool

	onRedact func(Finding) // see OnRedact

	// Finding mode (FindReader): report instead of replacing.
	report    func(Finding) error
	line      int // newlines in [0, counted)
	lineStart int // offset just after the last newline before counted
	counted   int
}

// NewWriter returns a Writer (as an io.WriteCloser) that writes the
// redaction of everything written to it to w. Close must be called to
// flush the tail; it does not close w. The concrete type is *Writer, whose
// Flush method ends a segment (for event streams).
func (r *Redactor) NewWriter(w io.Writer) io.WriteCloser {
	sw := &Writer{r: r, w: w, buf: getStreamBuf(), out: getStreamBuf()}
	sw.s.reset(r)
	return sw
}

// FindReader reads rd to the end and calls fn with every finding, in
// order, without replacing anything; Start and End count from the first
// byte read, and Line and Column are set. Memory is bounded as for a
// Writer. It stops at the first error from rd or fn.
func (r *Redactor) FindReader(rd io.Reader, fn func(Finding) error) error {
	sw := &Writer{r: r, report: fn}
	sw.s.reset(r)
	if _, err := io.CopyBuffer(sw, rd, make([]byte, writeChunk)); err != nil {
		return err
	}
	return sw.Close()
}

// Write redacts p into the underlying writer. It returns len(p) unless an
// earlier or current write to the underlying writer failed.
func (sw *Writer) Write(p []byte) (int, error) {
	if sw.closed {
		return 0, ErrClosed
	}
	if sw.err != nil {
		return 0, sw.err
	}
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), writeChunk)
		sw.buf = append(sw.buf, p[:k]...)
		p = p[k:]
		sw.s.data = sw.buf
		sw.s.run()
		if err := sw.emit(); err != nil {
			return 0, err
		}
		sw.compact()
	}
	return n, nil
}

// WriteString is Write for strings.
func (sw *Writer) WriteString(s string) (int, error) { return sw.Write([]byte(s)) }

// Flush ends a segment: everything written so far is redacted as if the
// stream ended here and written through, and matching starts afresh after
// it (no match spans a Flush). If the underlying writer has a Flush method
// (http.Flusher, bufio.Writer), it is called. Use it at event boundaries,
// such as the blank line that ends a server-sent event.
func (sw *Writer) Flush() error {
	if sw.closed {
		return ErrClosed
	}
	if err := sw.finish(); err != nil {
		return err
	}
	end := sw.s.off + len(sw.buf)
	sw.s.eof = false
	sw.s.seg, sw.s.next, sw.s.digitEnd = end, end, end
	sw.s.state, sw.s.paused = root, false
	sw.compact()
	switch f := sw.w.(type) {
	case interface{ Flush() error }:
		return f.Flush()
	case interface{ Flush() }:
		f.Flush()
	}
	return nil
}

// Close redacts and writes what is still held. It does not close the
// underlying writer. Close is idempotent.
func (sw *Writer) Close() error {
	if sw.closed {
		return sw.err
	}
	err := sw.finish()
	sw.closed = true
	if sw.s.laneHits != nil {
		laneHitPool.Put(sw.s.laneHits)
		sw.s.laneHits = nil
	}
	putStreamBuf(sw.buf)
	putStreamBuf(sw.out)
	sw.buf, sw.out = nil, nil
	return err
}

// streamBufs recycles the buffers of closed Writers (up to maxPooledBuf
// each): a server that redacts every response through a Writer would
// otherwise allocate two body-sized buffers per response.
var streamBufs sync.Pool // *[]byte

const maxPooledBuf = 256 << 10

func getStreamBuf() []byte {
	if p, ok := streamBufs.Get().(*[]byte); ok {
		return (*p)[:0]
	}
	return nil
}

func putStreamBuf(b []byte) {
	if b != nil && cap(b) <= maxPooledBuf {
		b = b[:0]
		streamBufs.Put(&b)
	}
}

func (sw *Writer) finish() error {
	if sw.err != nil {
		return sw.err
	}
	sw.s.data = sw.buf
	sw.s.eof = true
	sw.s.run()
	return sw.emit()
}

// emit writes every byte that no future match can touch.
func (sw *Writer) emit() error {
	s := &sw.s
	safe := s.safe()
	sw.gs = s.groups(sw.gs)
	out := sw.out[:0]
	orig := func(from, to int) []byte { return sw.buf[from-s.off : to-s.off] }
	limit := safe
	for _, g := range sw.gs {
		if g.end > safe {
			limit = min(limit, g.start)
			break
		}
		start := max(g.start, sw.emitted) // never true unless safe() is wrong
		if sw.report != nil {
			if err := sw.reportFinding(g); err != nil {
				sw.err = err
				return err
			}
		} else {
			if sw.onRedact != nil {
				sw.onRedact(Finding{Rule: g.win.rule.id, Kind: g.win.rule.kind, Start: g.start, End: g.end})
			}
			out = append(out, orig(sw.emitted, start)...)
			out = sw.r.repl.append(out, g.win, orig(start, g.end), g.win.start-start, g.end-g.win.end)
		}
		sw.emitted = g.end
	}
	if limit > sw.emitted {
		if sw.report == nil {
			out = append(out, orig(sw.emitted, limit)...)
		}
		sw.emitted = limit
	}
	// Drop the spans now written.
	k := 0
	for _, sp := range s.found {
		if sp.end > sw.emitted {
			s.found[k] = sp
			k++
		}
	}
	s.found, s.coverFrom = s.found[:k], 0
	sw.out = out[:0]
	if len(out) > 0 && sw.w != nil {
		if _, err := sw.w.Write(out); err != nil {
			sw.err = err
			return err
		}
	}
	return nil
}

func (sw *Writer) reportFinding(g group) error {
	sw.countLines(g.start)
	return sw.report(Finding{
		Rule: g.win.rule.id, Kind: g.win.rule.kind, Start: g.start, End: g.end,
		Line: sw.line + 1, Column: g.start - sw.lineStart + 1,
	})
}

// countLines advances the line count to offset to (absolute).
func (sw *Writer) countLines(to int) {
	if to <= sw.counted {
		return
	}
	seg := sw.buf[sw.counted-sw.s.off : to-sw.s.off]
	if n := bytes.Count(seg, []byte{'\n'}); n > 0 {
		sw.line += n
		sw.lineStart = sw.counted + bytes.LastIndexByte(seg, '\n') + 1
	}
	sw.counted = to
}

// compact drops bytes that are written and can no longer be read by a
// validator.
func (sw *Writer) compact() {
	s := &sw.s
	keep := sw.emitted
	keep = min(keep, max(s.seg, s.next-sw.r.m.maxLen-sw.r.maxBack))
	if sw.report != nil {
		sw.countLines(keep)
	}
	drop := keep - s.off
	if drop <= 0 || drop < len(sw.buf)/2 && drop < writeChunk {
		return
	}
	n := copy(sw.buf, sw.buf[drop:])
	sw.buf = sw.buf[:n]
	s.off = keep
	s.data = sw.buf
}
