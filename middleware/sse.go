package middleware

import (
	"bytes"
	"io"

	"github.com/aegisagent/redactor/redact"
)

// sseFilter redacts a text/event-stream one event at a time. An event ends
// at a blank line; it is held until then (at most WithMaxEvent bytes),
// redacted, written and flushed, so each event reaches the client as soon
// as it is complete. The data of an event (its data lines joined by
// newlines) goes through the JSON redaction, which falls back to text
// redaction when the data is not JSON. The other lines (comments, id,
// event, unknown fields) go through the text patterns together, as one
// text, so a secret spread over several of them is caught too; see
// redactOther.
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
		if end > s.f.cfg.maxEvent {
			return 0, ErrTooLarge // the same limit however the event arrives
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
	other := s.redactOther(ev, lines)
	out := s.out[:0]
	pieces := bytes.Split(red, []byte{'\n'})
	di := 0
	for k, ln := range lines {
		if !ln.data {
			if repl, ok := other[k]; ok {
				out = append(out, repl...)
			} else {
				out = append(out, ev[ln.start:ln.next]...)
			}
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

// redactOther redacts the event's lines other than data lines (comments,
// id, event, retry, unknown fields) as one text: their bytes in order, each
// with its terminator, so that a secret spread over several of them (a
// private key written as comment lines) is seen whole, as it would be on
// one line. The blank line that ends the event is left out, so a match can
// never remove the end of the event.
//
// It returns nil when nothing was redacted, so those lines go out exactly
// as they came; otherwise, for each non-data line k, what replaces it
// (possibly nothing, when a match merged it into a later line). A line
// whose terminator a match swallowed is merged with the lines up to the
// next terminator that survived; the merged line goes where the last of
// them was, with that line's own terminator, and data lines that sat
// between them come before it. Each data line is then still followed by
// the start of a non-empty line, as before, so a CR ending one cannot
// pair with an LF after it and the line structure stays the same. Moving
// a comment or field relative to data lines changes nothing about the
// event: only the order among data lines, and among same-named fields,
// matters.
func (s *sseFilter) redactOther(ev []byte, lines []sseLine) map[int][]byte {
	var text []byte
	type seg struct {
		k         int // index in lines
		term, end int // where its terminator starts and ends in text
	}
	var segs []seg
	for k, ln := range lines {
		if ln.data || ln.start == ln.end {
			continue
		}
		text = append(text, ev[ln.start:ln.next]...)
		segs = append(segs, seg{k: k, term: len(text) - (ln.next - ln.end), end: len(text)})
	}
	if len(text) == 0 {
		return nil
	}
	type span struct{ start, end int }
	var spans []span
	red := s.f.r.BytesFunc(text, func(f redact.Finding) { spans = append(spans, span{f.Start, f.End}) })
	if len(spans) == 0 {
		return nil
	}
	// A terminator survives when a byte of it lies outside every match.
	// The surviving ones split red into lines, in order, as long as no
	// replacement holds a line break of its own (replacement texts may
	// not hold control characters; the fallback covers it anyway).
	survives := func(a, b int) bool {
		for i := a; i < b; i++ {
			in := false
			for _, sp := range spans {
				if sp.start <= i && i < sp.end {
					in = true
					break
				}
			}
			if !in {
				return true
			}
		}
		return false
	}
	out := make(map[int][]byte, len(segs))
	rest := red
	for n, sg := range segs {
		out[sg.k] = nil
		term := text[sg.term:sg.end]
		if len(term) > 0 && survives(sg.term, sg.end) {
			i := bytes.IndexAny(rest, "\r\n")
			if i < 0 {
				return otherFallback(red, lines, segs[len(segs)-1].k)
			}
			j := i + 1
			if rest[i] == '\r' && j < len(rest) && rest[j] == '\n' {
				j++
			}
			// The line's own terminator, whole, even if a match took a
			// part of it.
			out[sg.k] = append(rest[:i:i], term...)
			rest = rest[j:]
			continue
		}
		if n == len(segs)-1 {
			// The last line's terminator went into a match (or it had
			// none, at the end of the stream): what is left of red is
			// its line; it keeps the terminator it had.
			if bytes.ContainsAny(rest, "\r\n") {
				return otherFallback(red, lines, sg.k)
			}
			out[sg.k], rest = append(rest[:len(rest):len(rest)], term...), nil
		}
	}
	if len(rest) > 0 {
		return otherFallback(red, lines, segs[len(segs)-1].k)
	}
	return out
}

// otherFallback is redactOther's answer when it cannot map the redacted
// text back line by line: all of it at line k, the last non-data line, and
// nothing at the other non-data lines, so nothing unredacted goes out;
// only where those lines sit among the data lines changes. The text gets a
// line break at its end if it has none, or ends in a CR that an LF after
// it would pair with, so the line after it keeps its own line.
func otherFallback(red []byte, lines []sseLine, k int) map[int][]byte {
	if n := len(red); n == 0 || red[n-1] != '\n' {
		red = append(red[:n:n], '\n')
	}
	out := make(map[int][]byte, len(lines))
	for i, ln := range lines {
		if !ln.data && ln.start < ln.end {
			out[i] = nil
		}
	}
	out[k] = red
	return out
}

func isLastData(lines []sseLine, k int) bool {
	for _, ln := range lines[k+1:] {
		if ln.data {
			return false
		}
	}
	return true
}
