package middleware

import (
	"bytes"
	"io"
)

// sseFilter redacts a text/event-stream one event at a time. An event ends
// at a blank line; it is held until then (at most WithMaxEvent bytes),
// redacted, written and flushed, so each event reaches the client as soon
// as it is complete. The data of an event (its data lines joined by
// newlines) goes through the JSON redaction, which falls back to text
// redaction when the data is not JSON; other fields go through the text
// patterns.
type sseFilter struct {
	f    *filter
	w    io.Writer
	buf  []byte
	scan int // buf[:scan] holds no complete event
	out  []byte
}

func (s *sseFilter) Write(p []byte) (int, error) {
	s.buf = append(s.buf, p...)
	wrote := false
	for {
		end := eventEnd(s.buf, s.scan)
		if end < 0 {
			break
		}
		if err := s.emit(s.buf[:end]); err != nil {
			return 0, err
		}
		wrote = true
		s.buf = s.buf[:copy(s.buf, s.buf[end:])]
		s.scan = 0
	}
	if len(s.buf) > s.f.cfg.maxEvent {
		return 0, ErrTooLarge
	}
	// Resume the search at the start of the last (incomplete) line.
	s.scan = lastLineStart(s.buf)
	if wrote {
		if err := s.f.flushDown(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

func (s *sseFilter) Flush() error { return nil }

func (s *sseFilter) Close() error {
	if len(s.buf) == 0 {
		return nil
	}
	err := s.emit(s.buf)
	s.buf = nil
	return err
}

// eventEnd returns the end of the first complete event in b (just after
// the blank line that ends it), searching lines from from, or -1. A CR at
// the very end is not yet a line end: an LF may follow.
func eventEnd(b []byte, from int) int {
	i := from
	lineStart := from
	for i < len(b) {
		c := b[i]
		if c != '\n' && c != '\r' {
			i++
			continue
		}
		next := i + 1
		if c == '\r' {
			if next == len(b) {
				return -1
			}
			if b[next] == '\n' {
				next++
			}
		}
		if i == lineStart {
			return next // an empty line
		}
		lineStart, i = next, next
	}
	return -1
}

// lastLineStart returns where the last line of b starts (b has no
// complete event).
func lastLineStart(b []byte) int {
	i := bytes.LastIndexAny(b, "\r\n")
	if i < 0 {
		return 0
	}
	if b[i] == '\r' && i == len(b)-1 {
		// A lone trailing CR may still become CRLF: rescan from the line
		// it ends.
		j := bytes.LastIndexAny(b[:i], "\r\n")
		return j + 1
	}
	return i + 1
}

type sseLine struct {
	start, end, next int // content b[start:end], terminator b[end:next]
	data             bool
	value            int // where the data value starts
}

// emit redacts one event and writes it.
func (s *sseFilter) emit(ev []byte) error {
	var lines []sseLine
	var payload []byte
	ndata := 0
	for i := 0; i < len(ev); {
		j := i
		for j < len(ev) && ev[j] != '\n' && ev[j] != '\r' {
			j++
		}
		next := j
		if next < len(ev) {
			if ev[next] == '\r' && next+1 < len(ev) && ev[next+1] == '\n' {
				next++
			}
			next++
		}
		ln := sseLine{start: i, end: j, next: next}
		content := ev[i:j]
		if bytes.HasPrefix(content, []byte("data")) && (len(content) == 4 || content[4] == ':') {
			ln.data, ln.value = true, i+4
			if len(content) > 4 {
				ln.value++
				if len(content) > 5 && content[5] == ' ' {
					ln.value++
				}
			}
			if ndata > 0 {
				payload = append(payload, '\n')
			}
			payload = append(payload, ev[ln.value:j]...)
			ndata++
		}
		lines = append(lines, ln)
		i = next
	}
	var red []byte
	if ndata > 0 {
		red = s.f.redactJSON(payload)
	}
	dataChanged := ndata > 0 && !bytes.Equal(red, payload)
	out := s.out[:0]
	pieces := bytes.Split(red, []byte{'\n'})
	di := 0
	for k, ln := range lines {
		if !ln.data {
			out = append(out, s.f.r.Bytes(ev[ln.start:ln.end])...)
			out = append(out, ev[ln.end:ln.next]...)
			continue
		}
		if !dataChanged {
			out = append(out, ev[ln.start:ln.next]...)
			continue
		}
		if di < len(pieces) {
			out = append(out, ev[ln.start:ln.value]...)
			out = append(out, pieces[di]...)
			out = append(out, ev[ln.end:ln.next]...)
			di++
		}
		if di < len(pieces) && isLastData(lines, k) {
			// Redaction joined fewer lines than it split; give each extra
			// piece a data line of its own.
			for ; di < len(pieces); di++ {
				out = append(out, "data: "...)
				out = append(out, pieces[di]...)
				out = append(out, '\n')
			}
		}
	}
	s.out = out
	_, err := s.w.Write(out)
	return err
}

func isLastData(lines []sseLine, k int) bool {
	for _, ln := range lines[k+1:] {
		if ln.data {
			return false
		}
	}
	return true
}
