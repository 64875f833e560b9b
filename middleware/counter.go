package middleware

import (
	"bytes"
	"io"
)

var marker = []byte("[REDACTED:")

// maxRuleID bounds how far after a marker the counter looks for the end
// of a rule ID; a longer run is not one of our placeholders.
const maxRuleID = 64

// counter passes bytes through and counts the placeholders in them, per
// rule ID. It reads what the filter wrote, so it counts without a second
// scan of the body; a placeholder split across writes is counted once.
type counter struct {
	w      io.Writer
	counts map[string]int
	carry  []byte // a marker (or its start) cut by the end of a write
}

func (c *counter) Write(p []byte) (int, error) {
	data := p
	if len(c.carry) > 0 {
		data = append(append([]byte(nil), c.carry...), p...)
		c.carry = c.carry[:0]
	}
	c.scan(data)
	return c.w.Write(p)
}

func (c *counter) scan(b []byte) {
	for {
		i := bytes.Index(b, marker)
		if i < 0 {
			// Keep a tail that may be the start of a marker.
			k := max(0, len(b)-len(marker)+1)
			if j := bytes.LastIndexByte(b[k:], '['); j >= 0 {
				c.carry = append(c.carry[:0], b[k+j:]...)
			}
			return
		}
		id := b[i+len(marker):]
		n := 0
		for n < len(id) && n <= maxRuleID && isIDByte(id[n]) {
			n++
		}
		switch {
		case n == len(id) && n <= maxRuleID:
			c.carry = append(c.carry[:0], b[i:]...) // cut: wait for more
			return
		case n > 0 && n < len(id) && (id[n] == ']' || id[n] == ':'):
			if c.counts == nil {
				c.counts = map[string]int{}
			}
			c.counts[string(id[:n])]++
		}
		b = id[n:]
	}
}

func isIDByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
}

func (c *counter) total() int {
	n := 0
	for _, v := range c.counts {
		n += v
	}
	return n
}
