//go:build amd64 && !purego

package redact

import "unsafe"

// An eight-lane walk for CPUs with AVX-512 VBMI (lanes8_amd64.s).
//
// The four-lane walk (walkLanes) reads three values per byte: the byte,
// its class and the next state. On a current x86 core that is its limit:
// three loads a cycle, so about one cycle a byte, however many lanes run.
// This walk takes the class load out of the loop: classify8 maps 64 bytes
// to their classes in a few vector instructions (VPERMI2B looks up 128
// table entries at once), a chunk of each lane at a time, and walk8 then
// reads a class and a state per byte, for eight lanes whose chains of
// dependent loads overlap. It measured about 1.7 times the speed of the
// four-lane walk on clean input (BenchmarkSkipClean).
//
// Everything else is as in the four-lane walk: each lane starts in the
// state a walk from the start of the input would have there, found by
// walking the last maxLen bytes of the lane before it from the root, and
// the walk stops at the first byte after which some lane is in a match
// state. The purego build tag leaves only the four-lane walk.

// chunk8 is how many bytes of each lane classify8 classifies at a time:
// eight lanes' classes (1 KiB) stay on the stack.
const chunk8 = 128

// have8 reports whether this CPU and OS run the eight-lane walk: AVX2,
// with the vector state enabled by the OS. vbmi reports AVX-512 F, BW
// and VBMI as well, for classify8; without them classify8x classifies.
var have8, vbmi = detect8()

func detect8() (avx2, vbmi bool) {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false, false
	}
	if _, _, c, _ := cpuid(1, 0); c&(1<<27) == 0 {
		return false, false // no OSXSAVE: XGETBV is not available
	}
	xcr0, _ := xgetbv0()
	_, b, c, _ := cpuid(7, 0)
	// XCR0: SSE and AVX state; then opmask, upper ZMM0-15 and ZMM16-31.
	avx2 = xcr0&0x6 == 0x6 && b&(1<<5) != 0
	const f, bw, vbmi1 = 1 << 16, 1 << 30, 1 << 1
	vbmi = avx2 && xcr0&0xE6 == 0xE6 && b&f != 0 && b&bw != 0 && c&vbmi1 != 0
	return avx2, vbmi
}

func cpuid(leaf, sub uint32) (a, b, c, d uint32)

func xgetbv0() (a, d uint32)

// classify8 writes the classes of src[j*stride : j*stride+n] to
// dst[j*chunk8:], for the eight lanes j. n is 64 or chunk8.
//
//go:noescape
func classify8(dst *[8 * chunk8]byte, src *byte, stride, n uintptr, cls *[256]uint8)

// classify8x is classify8 with AVX2, for CPUs without VBMI: rows is the
// class table as classRows splits it, six 16-byte lookups a vector.
//
//go:noescape
func classify8x(dst *[8 * chunk8]byte, src *byte, stride, n uintptr, rows *[7][16]byte)

// classes8 runs whichever of classify8 and classify8x this CPU has.
func (m *machine) classes8(dst *[8 * chunk8]byte, src *byte, stride, n uintptr) {
	if vbmi {
		classify8(dst, src, stride, n, &m.class)
	} else {
		classify8x(dst, src, stride, n, &m.rows8)
	}
}

// walk8 walks the eight lanes of classes buf[j*chunk8+k : j*chunk8+n]
// from the states st through the transition table at tp, all of them,
// past any match state, and stores the states back into st: the
// catch-up of lateLanes8, which wants only where the lanes end.
//
//go:noescape
func walk8(buf *[8 * chunk8]byte, k, n uintptr, tp *uint32, st *[8]uint32)

// walk8p is walk8 over the table ptrTrans returns, for skipClean8: each
// lane's state is the address of its row there, so the step is one load
// with no add before it, a cycle off each lane's chain of loads. It walks
// all of the lanes' classes buf[j*chunk8+k : j*chunk8+n] with no test on
// the way: in that table a match state's row leads only back to itself,
// so a lane that met one ends in it, which skipClean8 tests once a chunk.
// That takes the eight compares and branches out of every step.
//
//go:noescape
func walk8p(buf *[8 * chunk8]byte, k, n uintptr, st *[8]uintptr)

// ptrTrans returns trans with every entry, a state id, replaced by the
// address of that state's row in the returned table itself (see
// walk8p), except in match states' rows, whose every entry is the
// row's own address; and it returns the address of the first match
// state's row. It is built on first use: 8 bytes an entry (about 620 KB
// for the default catalog). The addresses stay valid: the Go heap does
// not move objects, and the machine keeps the table.
func (m *machine) ptrTrans() ([]uint64, uintptr) {
	m.ptrOnce.Do(func() {
		pt := make([]uint64, len(m.trans))
		base := uint64(uintptr(unsafe.Pointer(&pt[0])))
		for i, st := range m.trans {
			if i >= int(m.matchMin) {
				st = uint32(i) - uint32(i-int(m.matchMin))%m.stride // the row's own state
			}
			pt[i] = base + uint64(st)*8
		}
		m.ptr = pt
	})
	return m.ptr, uintptr(unsafe.Pointer(&m.ptr[0])) + uintptr(m.matchMin)*8
}

// hits8 is how many hits walk8h holds (hits8 in lanes8_amd64.s too).
const hits8 = 64

// hit8 is one hit of walk8h: the match state, and the offset just past the
// byte in lane's chunk.
type hit8 struct {
	st   uint32
	k    uint16
	lane uint16
}

// walk8h is walk8 recording matches: after each byte, every lane in a
// match state appends a hit8 to hits. It stops when
// the lanes end or fewer than eight hits are free, and returns the offset
// just past the last byte walked and the number of hits.
//
//go:noescape
func walk8h(buf *[8 * chunk8]byte, k, n uintptr, tp *uint32, st *[8]uint32, mm uint32, hits *[hits8]hit8) (end, nhits uintptr)

// lanes8Len returns the lane length for eight lanes over the next n bytes,
// or 0 when the rest is the four-lane walk's: no AVX2, a class table
// classify8x cannot read on a CPU without VBMI, an anchor longer than a
// lane's catch-up chunk (64 bytes), or lanes too short to be worth their
// catch-up. Lanes are whole 64-byte chunks, at most laneLen.
func (m *machine) lanes8Len(n int) int {
	L := min(n/8, laneLen) &^ 63
	if !have8 || !vbmi && !m.rows8ok || m.maxLen > 64 || L < max(minLaneLen, 4*m.maxLen) {
		return 0
	}
	return L
}

// skipClean8 is skipClean's walk in eight lanes of up to laneLen bytes,
// for as long as eight lanes of 64 bytes or more remain. If an anchor
// ends in some block of lanes, it returns the start of that block, the
// state there and true; otherwise where the walk stopped, the state
// there and false, for the four-lane walk to go on from.
func (m *machine) skipClean8(d []byte) (int, uint32, bool) {
	if m.lanes8Len(len(d)) == 0 {
		return 0, root, false
	}
	var buf [8 * chunk8]byte
	var s [8]uint32
	var p [8]uintptr
	pt, mm := m.ptrTrans()
	base := uintptr(unsafe.Pointer(&pt[0]))
	st := uint32(root)
	i := 0
	for {
		L := m.lanes8Len(len(d) - i)
		if L == 0 {
			return i, st, false
		}
		m.lateLanes8(&buf, d[i:i+8*L], L, &s)
		s[0] = st
		for j, sj := range s {
			p[j] = base + uintptr(sj)*8
		}
		for k := 0; k < L; k += chunk8 {
			n := min(chunk8, L-k)
			m.classes8(&buf, &d[i+k], uintptr(L), uintptr(n))
			walk8p(&buf, 0, uintptr(n), &p)
			if max(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]) >= mm {
				return i, st, true
			}
		}
		i += 8 * L
		st = uint32((p[7] - base) / 8)
	}
}

// hitEnds8 is hitEnds' walk in eight lanes, as skipClean8 is skipClean's:
// it appends the hits of every block of eight lanes to dst and sts, and
// returns where it stopped and the state there, for the four-lane walk to
// go on from. The lanes walk hitTrans; their catch-up walks trans, as
// lateLanes does.
func (m *machine) hitEnds8(d []byte, dst []int32, sts []uint32, lane *[hitLanes][]laneHit) (int, uint32, []int32, []uint32) {
	st := uint32(root)
	i := 0
	for {
		L := m.lanes8Len(len(d) - i)
		if L == 0 {
			return i, st, dst, sts
		}
		st = m.hitLanes8(d[i:i+8*L], i, L, st, m.hitTrans, lane)
		for j := range lane {
			for _, h := range lane[j] {
				dst, sts = append(dst, int32(h.pos)), append(sts, h.st)
			}
		}
		i += 8 * L
	}
}

// hitLanes8 walks the block q (eight lanes of L bytes, at off in the
// input) from state st through the table tab, and sets lane[j] to the hits
// of lane j in order, each as its index in the input just past the anchor
// and the match state there. It returns the state at the block's end. Its
// hits are those of hitEnds8 (tab hitTrans) and of the scanner's
// runLanes8 (tab trans).
func (m *machine) hitLanes8(q []byte, off, L int, st uint32, tab []uint32, lane *[hitLanes][]laneHit) uint32 {
	var buf [8 * chunk8]byte
	var s [8]uint32
	var hits [hits8]hit8
	m.lateLanes8(&buf, q, L, &s)
	s[0] = st
	for j := range lane {
		lane[j] = lane[j][:0]
	}
	for k := 0; k < L; k += chunk8 {
		n := uintptr(min(chunk8, L-k))
		m.classes8(&buf, &q[k], uintptr(L), n)
		for at := uintptr(0); at < n; {
			var nh uintptr
			at, nh = walk8h(&buf, at, n, &tab[0], &s, m.matchMin, &hits)
			for _, h := range hits[:nh] {
				lane[h.lane] = append(lane[h.lane], laneHit{off + int(h.lane)*L + k + int(h.k), h.st})
			}
		}
	}
	return s[7]
}

// lateLanes8 sets s[1:8] to the states in which lanes 1 to 7 of the block
// q (eight lanes of L bytes) start, as lateLanes does for four: each walks
// the last maxLen bytes of the lane before it from the root, here all
// seven at once, through classify8 and walk8. A match on the way is the
// previous lane's to report.
func (m *machine) lateLanes8(buf *[8 * chunk8]byte, q []byte, L int, s *[8]uint32) {
	m.classes8(buf, &q[L-64], uintptr(L), 64)
	*s = [8]uint32{}
	walk8(buf, uintptr(64-m.maxLen), 64, &m.trans[0], s)
	copy(s[1:], s[:7])
}

// runLanes8 is runLanes in eight lanes of L bytes (see lanes8Len), with
// the hits recorded per lane by hitLanes8 and then processed in input
// order. It returns the index and state to continue from, and false if
// the scan paused.
func (s *scanner) runLanes8(d []byte, i int, st uint32, L int) (int, uint32, bool) {
	st = s.m.hitLanes8(d[i:i+8*L], i, L, st, s.m.trans, &s.lane8)
	for j := range s.lane8 {
		for _, h := range s.lane8[j] {
			if !s.hit(h) {
				return 0, 0, false
			}
		}
	}
	return i + 8*L, st, true
}
