package middleware

import (
	"bytes"
	"html"
	"net/url"
)

// maskValues replaces, in the body, the values that the header redaction
// took out of a URL header (see redactURL): an OAuth "code", a "ticket" or
// a session id is a credential in a Location, but to the body's patterns
// it is a word, and http.Redirect writes the same URL into the body
// ("<a href=\"/cb?code=…\">Found</a>."). Each value is matched as written,
// query-escaped and HTML-escaped, across writes: a tail as long as the
// longest form, minus one byte, is held until the next write or Close.
type maskValues struct {
	next bodyFilter
	olds [][]byte // the forms to find
	news [][]byte // what replaces each
	max  int      // the longest form
	tail []byte   // held: it may start a form
	out  []byte
}

// newMaskValues returns next behind a mask of values, each replaced by
// the matching entry of repls; nil when no value is long enough to mask
// without hitting ordinary words (see minMaskLen).
func newMaskValues(next bodyFilter, values, repls []string) *maskValues {
	m := &maskValues{next: next}
	for i, v := range values {
		if len(v) < minMaskLen {
			continue
		}
		for _, form := range []string{v, url.QueryEscape(v), html.EscapeString(v)} {
			if containsForm(m.olds, form) {
				continue
			}
			m.olds = append(m.olds, []byte(form))
			m.news = append(m.news, []byte(repls[i]))
			m.max = max(m.max, len(form))
		}
	}
	if len(m.olds) == 0 {
		return nil
	}
	return m
}

// minMaskLen is the shortest value masked in a body: shorter ones ("1",
// "en") would replace ordinary text; the credentials these parameters
// carry are longer.
const minMaskLen = 6

func containsForm(forms [][]byte, f string) bool {
	for _, x := range forms {
		if string(x) == f {
			return true
		}
	}
	return false
}

func (m *maskValues) Write(p []byte) (int, error) {
	buf := append(m.tail, p...)
	m.out = m.out[:0]
	i := 0
	for {
		at, k := -1, -1
		for j, o := range m.olds {
			if n := bytes.Index(buf[i:], o); n >= 0 && (at < 0 || n < at || n == at && len(o) > len(m.olds[k])) {
				at, k = n, j
			}
		}
		if at < 0 {
			break
		}
		m.out = append(m.out, buf[i:i+at]...)
		m.out = append(m.out, m.news[k]...)
		i += at + len(m.olds[k])
	}
	keep := min(len(buf)-i, m.max-1)
	m.out = append(m.out, buf[i:len(buf)-keep]...)
	m.tail = append(m.tail[:0:0], buf[len(buf)-keep:]...)
	if _, err := m.next.Write(m.out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush keeps the tail: it may be the start of a value.
func (m *maskValues) Flush() error { return m.next.Flush() }

func (m *maskValues) Close() error {
	if len(m.tail) > 0 {
		if _, err := m.next.Write(m.tail); err != nil {
			return err
		}
		m.tail = nil
	}
	return m.next.Close()
}
