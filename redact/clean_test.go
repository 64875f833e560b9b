package redact

import (
	"bytes"
	"strings"
	"testing"
)

// TestMayMatch checks the clean-input fast path at every lane edge: a
// filler no anchor occurs in, with one secret planted at offsets around the
// lane and block boundaries of skipClean (multiples of 64 and 1024 bytes,
// quarters of a block), must be found by MayMatch, Bytes, JSON and a Writer
// alike, and the filler alone must pass through all of them unchanged.
func TestMayMatch(t *testing.T) {
	r := Default()
	const secret = "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"
	line := "2026-11-28 INFO request handled in twelve ms by the east region\n"
	for _, size := range []int{0, 1, 63, 64, 255, 256, 1023, 1024, 4095, 4096, 4097, 5000, 16 << 10, 70000} {
		filler := []byte(strings.Repeat(line, size/len(line)+1)[:size])
		if r.MayMatch(filler) {
			t.Fatalf("MayMatch(%d bytes of clean filler) = true", size)
		}
		if out := r.Bytes(filler); !bytes.Equal(out, filler) {
			t.Fatalf("Bytes changed %d bytes of clean filler", size)
		}
		var offsets []int
		for _, edge := range []int{0, 64, 256, 1024, 2048, 3072, 4096, 8192, 16384, size / 4, size / 2, 3 * size / 4, size} {
			for _, d := range []int{-len(secret) - 1, -len(secret), -20, -4, -1, 0, 1, 3} {
				if o := edge + d; o >= 0 && o <= size {
					offsets = append(offsets, o)
				}
			}
		}
		for _, o := range offsets {
			in := make([]byte, 0, size+len(secret)+2)
			in = append(in, filler[:o]...)
			in = append(in, ' ')
			in = append(in, secret...)
			in = append(in, ' ')
			in = append(in, filler[o:]...)
			if !r.MayMatch(in) {
				t.Fatalf("size %d offset %d: MayMatch missed the token", size, o)
			}
			out := r.Bytes(in)
			if bytes.Contains(out, []byte(secret[4:])) {
				t.Fatalf("size %d offset %d: Bytes left the token", size, o)
			}
			var w bytes.Buffer
			sw := r.NewWriter(&w)
			_, _ = sw.Write(in)
			_ = sw.Close()
			if !bytes.Equal(w.Bytes(), out) {
				t.Fatalf("size %d offset %d: Writer and Bytes differ", size, o)
			}
		}
	}
}

// TestMayMatchAllocs holds the fast path to zero allocations.
func TestMayMatchAllocs(t *testing.T) {
	r := Default()
	in := []byte(strings.Repeat("a clean line of text with nothing in it\n", 200))
	if n := testing.AllocsPerRun(50, func() { r.MayMatch(in) }); n != 0 {
		t.Fatalf("MayMatch allocates %v times per call", n)
	}
}
