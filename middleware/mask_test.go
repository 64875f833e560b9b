package middleware

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// collect is a bodyFilter that keeps what it is given.
type collect struct {
	bytes.Buffer
	closed bool
}

func (c *collect) Flush() error { return nil }
func (c *collect) Close() error { c.closed = true; return nil }

// TestMaskValuesChunking: every chunking gives the one-shot result, and
// every form of every value goes.
func TestMaskValuesChunking(t *testing.T) {
	hidden := []hiddenValue{
		{value: "SplxlOBeZQQYbYS6WxSbIA", raw: "SplxlOBeZQQYbYS6WxSbIA", repl: "[A]"},
		{value: "ST-1&2<3>", raw: "ST-1%262%3C3%3E", repl: "[B]"},
		{value: "abc", raw: "abc", repl: "[C]"},
	}
	in := "x SplxlOBeZQQYbYS6WxSbIA y ST-1%262%3C3%3E ST-1&amp;2&lt;3&gt; ST-1&2<3> abc SplxlOBeZQQYbYS6WxSbI"
	want := "x [A] y [B] [B] [B] abc SplxlOBeZQQYbYS6WxSbI" // "abc" is too short to mask
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		var c collect
		m := newMaskValues(&c, hidden)
		for rest := in; rest != ""; {
			n := 1 + rng.IntN(len(rest))
			if round == 0 {
				n = len(rest)
			}
			if _, err := m.Write([]byte(rest[:n])); err != nil {
				t.Fatal(err)
			}
			rest = rest[n:]
		}
		if err := m.Close(); err != nil || !c.closed {
			t.Fatal("not closed", err)
		}
		if got := c.String(); got != want {
			t.Fatalf("round %d:\n got %q\nwant %q", round, got, want)
		}
	}
	if newMaskValues(&collect{}, []hiddenValue{{value: "short", raw: "short", repl: "x"}}) != nil {
		t.Error("a mask for values too short to mask")
	}
}
