package middleware

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/andybalholm/brotli"
)

// chunkReader returns its chunks one per Read, as the feed hands over one
// handler Write at a time.
type chunkReader struct{ chunks [][]byte }

func (c *chunkReader) Read(p []byte) (int, error) {
	for len(c.chunks) > 0 && len(c.chunks[0]) == 0 {
		c.chunks = c.chunks[1:]
	}
	if len(c.chunks) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.chunks[0])
	c.chunks[0] = c.chunks[0][n:]
	return n, nil
}

// split cuts b at the given offsets (ascending).
func split(b []byte, at ...int) [][]byte {
	var out [][]byte
	prev := 0
	for _, a := range at {
		out = append(out, b[prev:a])
		prev = a
	}
	return append(out, b[prev:])
}

func bytewise(b []byte) [][]byte {
	out := make([][]byte, len(b))
	for i := range b {
		out[i] = b[i : i+1]
	}
	return out
}

// TestBrotliChunking pins that a br body decodes the same however it is
// cut into writes, and that bytes after the end of the stream fail
// however they are cut: brotli.Reader's false "excessive input" after a
// fragmented last read must not turn into either a 502 for a valid body
// or an accepted body with trailing bytes.
func TestBrotliChunking(t *testing.T) {
	for seed := range uint64(8) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) { testBrotliChunking(t, seed) })
	}
}

func testBrotliChunking(t *testing.T, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	words := []string{"alpha", "beta", "gamma", "delta", "token", "id", "=", ":", "\n", "  ", "{", "}", "\"x\""}
	var plain []byte
	for len(plain) < 16<<10 {
		plain = append(plain, words[rng.IntN(len(words))]...)
		if rng.IntN(5) == 0 {
			plain = fmt.Appendf(plain, "%x", rng.Uint64())
		}
	}
	var zb bytes.Buffer
	zw := brotli.NewWriterLevel(&zb, 4)
	_, _ = zw.Write(plain)
	_ = zw.Close()
	z := zb.Bytes()

	run := func(chunks [][]byte) ([]byte, error) {
		var out bytes.Buffer
		err := decode("br", &chunkReader{chunks: chunks}, &out)
		return out.Bytes(), err
	}
	check := func(name string, chunks [][]byte) {
		t.Helper()
		got, err := run(chunks)
		if err != nil || !bytes.Equal(got, plain) {
			t.Errorf("%s: err %v, %d of %d bytes right", name, err, len(got), len(plain))
		}
	}
	check("one write", [][]byte{z})
	check("bytewise", bytewise(z))
	// The false error needs the stream's last bytes split: cut only there.
	for a := len(z) - 64; a < len(z); a++ {
		check(fmt.Sprintf("split at %d", a), split(z, a))
	}
	for a := len(z) - 12; a < len(z); a++ {
		for b := a + 1; b < len(z); b++ {
			check(fmt.Sprintf("split at %d,%d", a, b), split(z, a, b))
		}
	}

	for _, junk := range []string{"x", "\x00", "trailing junk"} {
		zj := append(append([]byte(nil), z...), junk...)
		cases := map[string][][]byte{"one write": {zj}, "bytewise": bytewise(zj)}
		for a := len(z) - 12; a < len(zj); a++ {
			cases[fmt.Sprintf("split at %d", a)] = split(zj, a)
			for b := a + 1; b < len(zj); b++ {
				cases[fmt.Sprintf("split at %d,%d", a, b)] = split(zj, a, b)
			}
		}
		for name, chunks := range cases {
			if _, err := run(chunks); err == nil {
				t.Errorf("%q after the stream, %s: accepted", junk, name)
			}
		}
	}
}
