//go:build amd64 && !purego

package redact

import (
	"math/rand/v2"
	"testing"
	"unsafe"
)

// TestClassRows: a table where a byte below 0x20 or from 0x80 has a class
// of its own is refused, and then the eight-lane walk is left to CPUs
// with VBMI.
func TestClassRows(t *testing.T) {
	for _, b := range []byte{0, '\t', 0x1F, 0x80, 0xC3, 0xFF} {
		var cls [256]uint8
		cls['a'], cls[b] = 1, 2
		if _, ok := classRows(&cls); ok {
			t.Fatalf("classRows split a table where %#x has a class of its own", b)
		}
	}
	var cls [256]uint8
	cls['a'], cls[0xC3] = 1, 2
	m := &machine{class: cls, maxLen: 8}
	m.rows8, m.rows8ok = classRows(&m.class)
	defer setWalk(walkMode{"lanes8-avx2", true, false})()
	if L := m.lanes8Len(64 << 10); L != 0 {
		t.Fatalf("lanes8Len = %d without VBMI for a table classify8x cannot read, want 0", L)
	}
	vbmi = true
	if L := m.lanes8Len(64 << 10); L != laneLen {
		t.Fatalf("lanes8Len = %d with VBMI, want %d", L, laneLen)
	}
}

// TestLanes8Kernels checks the assembly kernels against the table lookups
// they replace.
func TestLanes8Kernels(t *testing.T) {
	if !have8 {
		t.Skip("this CPU has no AVX2: the kernels cannot run")
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
		checkClasses := func(name string, cls *[256]uint8) {
			t.Helper()
			for j := range 8 {
				for k := range n {
					if got, want := buf[j*chunk8+k], cls[src[j*stride+k]]; got != want {
						t.Fatalf("%s: lane %d byte %d (%#x): class %d, want %d", name, j, k, src[j*stride+k], got, want)
					}
				}
			}
		}
		if vbmi {
			buf = [8 * chunk8]byte{}
			classify8(&buf, &src[0], uintptr(stride), uintptr(n), &m.class)
			checkClasses("classify8", &m.class)
		}
		// classify8x with a random table of its kind: any classes for
		// 0x20-0x7F, one for the rest.
		var cls [256]uint8
		other := uint8(rng.IntN(256))
		for b := range cls {
			cls[b] = other
			if b >= 0x20 && b < 0x80 {
				cls[b] = uint8(rng.IntN(256))
			}
		}
		rows, ok := classRows(&cls)
		if !ok {
			t.Fatal("classRows: a table with one class from 0x80 was refused")
		}
		buf = [8 * chunk8]byte{}
		classify8x(&buf, &src[0], uintptr(stride), uintptr(n), &rows)
		checkClasses("classify8x (random table)", &cls)
		buf = [8 * chunk8]byte{}
		classify8x(&buf, &src[0], uintptr(stride), uintptr(n), &m.rows8)
		checkClasses("classify8x", &m.class)
		// walk8 from random states must end where a byte-at-a-time walk
		// of the eight lanes does, through any match state.
		var st, want [8]uint32
		for j := range st {
			st[j] = fullWalk(m, m.trans, laneInput(rng, Default(), 1+rng.IntN(30), 0.3))[0]
			if st[j] >= m.matchMin {
				st[j] = root
			}
		}
		k0 := rng.IntN(n)
		want = st
		for k := k0; k < n; k++ {
			for j := range want {
				want[j] = m.trans[want[j]+uint32(buf[j*chunk8+k])]
			}
		}
		got := st
		if walk8(&buf, uintptr(k0), uintptr(n), &m.trans[0], &got); got != want {
			t.Fatalf("walk8 from %d: ended in %v, want %v", k0, got, want)
		}
		// walk8p, over rows' addresses, walks to the end, and a lane that
		// meets a match state stays in it.
		pt, _ := m.ptrTrans()
		base := uintptr(unsafe.Pointer(&pt[0]))
		var p [8]uintptr
		for j := range p {
			p[j] = base + uintptr(st[j])*8
		}
		walk8p(&buf, uintptr(k0), uintptr(n), &p)
		want = st
		for j := range want {
			for k := k0; k < n && want[j] < m.matchMin; k++ {
				want[j] = m.trans[want[j]+uint32(buf[j*chunk8+k])]
			}
			if got[j] = uint32((p[j] - base) / 8); got[j] != want[j] {
				t.Fatalf("walk8p from %d: lane %d ended in %d, want %d", k0, j, got[j], want[j])
			}
		}
	}
}
