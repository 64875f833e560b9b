package middleware

import (
	"bytes"
	"html"
	"net/url"
	"slices"
)

// maskValues replaces, in the body, the values that the header redaction
// took out of a URL header (see redactURL): an OAuth "code", a "ticket" or
// a session id is a credential in a Location, but to the body's patterns
// it is a word, and http.Redirect writes the same URL into the body
// ("<a href=\"/cb?code=…\">Found</a>."). Each value is matched decoded
// and as the header wrote it, each also query-escaped and HTML-escaped,
// as a word of its own, across writes: a tail as long as the longest
// form is held until the next write or Close. It runs on redirects'
// text bodies only (see decide).
type maskValues struct {
	dst  bodyFilter // where the masked body goes
	at   []int      // per form, its next occurrence (see process)
	olds [][]byte   // the forms to find
	news [][]byte   // what replaces each
	max  int        // the longest form
	tail []byte     // held: it may start a form
	out  []byte
}

// newMaskValues returns dst behind a mask of the hidden values, each form
// of each (decoded and as written) replaced by its replacement; nil when
// no value is long enough to mask without hitting ordinary words (see
// minMaskLen).
func newMaskValues(dst bodyFilter, hidden []hiddenValue) *maskValues {
	m := &maskValues{dst: dst}
	for _, hv := range hidden {
		for _, v := range []string{hv.value, hv.raw} {
			if len(v) < minMaskLen {
				continue
			}
			for _, form := range []string{v, url.QueryEscape(v), html.EscapeString(v)} {
				if slices.ContainsFunc(m.olds, func(o []byte) bool { return string(o) == form }) {
					continue
				}
				m.olds = append(m.olds, []byte(form))
				m.news = append(m.news, []byte(hv.repl))
				m.max = max(m.max, len(form))
			}
		}
	}
	if len(m.olds) == 0 {
		return nil
	}
	return m
}

// minMaskLen is the shortest value masked in a body: shorter ones
// ("123456", "en") would replace ordinary text; the credentials these
// parameters carry are longer. A form matches only as a word of its own.
const minMaskLen = 8

func (m *maskValues) Write(p []byte) (int, error) {
	if err := m.process(append(m.tail, p...), false); err != nil {
		return 0, err
	}
	return len(p), nil
}

// process masks buf and writes it on, but for a tail that may still start
// a form, unless eof: the data ends with buf.
func (m *maskValues) process(buf []byte, eof bool) error {
	m.out = m.out[:0]
	// next[j] is where form j next occurs at or after i (-1: nowhere), so
	// each form is searched once per match of its own, not once per
	// match of any: linear in the write.
	if cap(m.at) < len(m.olds) {
		m.at = make([]int, len(m.olds))
	}
	next := m.at[:len(m.olds)]
	for j, o := range m.olds {
		next[j] = find(buf, 0, o, eof)
	}
	i := 0
	for {
		k := -1
		for j, at := range next {
			if at >= 0 && (k < 0 || at < next[k] || at == next[k] && len(m.olds[j]) > len(m.olds[k])) {
				k = j
			}
		}
		if k < 0 {
			break
		}
		at := next[k]
		m.out = append(m.out, buf[i:at]...)
		m.out = append(m.out, m.news[k]...)
		i = at + len(m.olds[k])
		for j := range next {
			if next[j] >= 0 && next[j] < i {
				next[j] = find(buf, i, m.olds[j], eof)
			}
		}
	}
	keep := 0
	if !eof {
		keep = min(len(buf)-i, m.max) // a form may start here: what follows it decides
	}
	m.out = append(m.out, buf[i:len(buf)-keep]...)
	m.tail = append(m.tail[:0:0], buf[len(buf)-keep:]...)
	_, err := m.dst.Write(m.out)
	return err
}

// find returns where o next occurs in buf at or after i as a word of its
// own (no letter or digit glued on either side), or -1. Unless eof, the
// end of buf is no boundary: more may follow.
func find(buf []byte, i int, o []byte, eof bool) int {
	for i <= len(buf)-len(o) {
		n := bytes.Index(buf[i:], o)
		if n < 0 {
			return -1
		}
		at, end := i+n, i+n+len(o)
		if (at == 0 || !isWordByte(buf[at-1])) && (end == len(buf) && eof || end < len(buf) && !isWordByte(buf[end])) {
			return at
		}
		i = at + 1
	}
	return -1
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// Flush keeps the tail: it may be the start of a value.
func (m *maskValues) Flush() error { return m.dst.Flush() }

func (m *maskValues) Close() error {
	if len(m.tail) > 0 {
		if err := m.process(m.tail, true); err != nil {
			return err
		}
		m.tail = nil
	}
	return m.dst.Close()
}
