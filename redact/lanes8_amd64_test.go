//go:build amd64 && !purego

package redact

import (
	"math/rand/v2"
	"testing"
	"unsafe"
)

// TestLanes8Kernels checks the assembly kernels against the table lookups
// they replace.
func TestLanes8Kernels(t *testing.T) {
	if !have8 {
		t.Skip("this CPU has no AVX-512 VBMI: the kernels cannot run")
	}
	m := Default().m
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		stride := 64 + rng.IntN(2000)
		n := []int{64, chunk8}[rng.IntN(2)]
		stride = max(stride, n)
		src := make([]byte, 7*stride+n)
		for i := range src {
			src[i] = byte(rng.IntN(256))
		}
		var buf [8 * chunk8]byte
		classify8(&buf, &src[0], uintptr(stride), uintptr(n), &m.class)
		for j := range 8 {
			for k := range n {
				if got, want := buf[j*chunk8+k], m.class[src[j*stride+k]]; got != want {
					t.Fatalf("classify8: lane %d byte %d (%#x): class %d, want %d", j, k, src[j*stride+k], got, want)
				}
			}
		}
		// walk8 from random states must stop where a byte-at-a-time walk
		// of the eight lanes first meets a match state.
		var st, want [8]uint32
		for j := range st {
			st[j] = fullWalk(m, m.trans, laneInput(rng, Default(), 1+rng.IntN(30), 0.3))[0]
			if st[j] >= m.matchMin {
				st[j] = root
			}
		}
		k0 := rng.IntN(n)
		want = st
		stop := n
	walk:
		for k := k0; k < n; k++ {
			for j := range want {
				want[j] = m.trans[want[j]+uint32(buf[j*chunk8+k])]
			}
			for j := range want {
				if want[j] >= m.matchMin {
					stop = k + 1
					break walk
				}
			}
		}
		got := st
		if at := walk8(&buf, uintptr(k0), uintptr(n), &m.trans[0], &got, m.matchMin); int(at) != stop || got != want {
			t.Fatalf("walk8 from %d: stopped at %d with %v, want %d with %v", k0, at, got, stop, want)
		}
		// walk8p, over rows' addresses, must stop at the same byte in the
		// same states.
		pt, mm := m.ptrTrans()
		base := uintptr(unsafe.Pointer(&pt[0]))
		var p [8]uintptr
		for j := range p {
			p[j] = base + uintptr(st[j])*8
		}
		at := walk8p(&buf, uintptr(k0), uintptr(n), &p, mm)
		for j := range p {
			got[j] = uint32((p[j] - base) / 8)
		}
		if int(at) != stop || got != want {
			t.Fatalf("walk8p from %d: stopped at %d with %v, want %d with %v", k0, at, got, stop, want)
		}
	}
}
