package redact

import "unsafe"

// hitLanes is how many lanes hitEnds may walk at once: eight with the
// eight-lane walk (lanes8_amd64.go), else four.
const hitLanes = 8

// hitEnds appends to dst the index just past every anchor that ends in d
// (every byte at which the automaton, started at the root, is in a match
// state), in increasing order, and to sts the match state at each; but a
// run of digits is one hit, at its seventh digit (hitTrans). It walks d
// in four lanes like the scanner
// (see runLanes), so the structural JSON walker can afford to scan a whole
// document once and then skip every string and number with no anchor in
// it, instead of running the automaton again on each.
func (m *machine) hitEnds(d []byte, dst []int32, sts []uint32, lane *[hitLanes][]laneHit) ([]int32, []uint32) {
	i, st, dst, sts := m.hitEnds8(d, dst, sts, lane)
	mm, cls := m.matchMin, &m.class
	tp := unsafe.Pointer(unsafe.SliceData(m.hitTrans)) // a run of digits is one hit
	step := func(st uint32, b byte) uint32 {
		return *(*uint32)(unsafe.Add(tp, uintptr(st+uint32(cls[b]))*4))
	}
	lead := m.maxLen
	if lead <= maxLanedAnchor {
		minLane := max(minLaneLen, 4*lead)
		for n := (len(d) - i) / lanes; n >= minLane; n = (len(d) - i) / lanes {
			L := min(n, laneLen)
			q := d[i : i+lanes*L]
			s0 := st
			s1, s2, s3 := m.lateLanes(q, L)
			for k := range lanes {
				lane[k] = lane[k][:0]
			}
			p := unsafe.Pointer(unsafe.SliceData(q))
			for k := uintptr(0); k < uintptr(L); {
				k, s0, s1, s2, s3 = walkLanes(p, k, uintptr(L), tp, cls, mm, s0, s1, s2, s3)
				if s0|s1|s2|s3 < mm {
					break
				}
				kk := int(k)
				if s0 >= mm {
					lane[0] = append(lane[0], laneHit{i + kk, s0})
				}
				if s1 >= mm {
					lane[1] = append(lane[1], laneHit{i + L + kk, s1})
				}
				if s2 >= mm {
					lane[2] = append(lane[2], laneHit{i + 2*L + kk, s2})
				}
				if s3 >= mm {
					lane[3] = append(lane[3], laneHit{i + 3*L + kk, s3})
				}
			}
			for k := range lanes {
				for _, h := range lane[k] {
					dst, sts = append(dst, int32(h.pos)), append(sts, h.st)
				}
			}
			i += lanes * L
			st = s3
		}
	}
	for ; i < len(d); i++ {
		st = step(st, d[i])
		if st >= mm {
			dst, sts = append(dst, int32(i+1)), append(sts, st)
		}
	}
	return dst, sts
}

// skipClean returns how much of d can be skipped from the root without
// missing an anchor, and the automaton state there: len(d) when no anchor
// ends in d, otherwise the start of the lane block (or the byte) where the
// first one ends. It is hitEnds' walk, stopping at the first lane that
// lands in a match state: the clean-input fast path of every entry point,
// about four times the speed of a plain walk (see runLanes). It must stay
// free of allocations.
func (m *machine) skipClean(d []byte) (int, uint32) {
	i, st, hit := m.skipClean8(d)
	if hit {
		return i, st
	}
	mm, cls := m.matchMin, &m.class
	tp := unsafe.Pointer(unsafe.SliceData(m.trans))
	step := func(st uint32, b byte) uint32 {
		return *(*uint32)(unsafe.Add(tp, uintptr(st+uint32(cls[b]))*4))
	}
	lead := m.maxLen
	if lead <= maxLanedAnchor {
		minLane := max(minLaneLen, 4*lead)
		for n := (len(d) - i) / lanes; n >= minLane; n = (len(d) - i) / lanes {
			L := min(n, laneLen)
			q := d[i : i+lanes*L]
			s0 := st
			s1, s2, s3 := m.lateLanes(q, L)
			_, s0, s1, s2, s3 = walkLanes(unsafe.Pointer(unsafe.SliceData(q)), 0, uintptr(L), tp, cls, mm, s0, s1, s2, s3)
			if s0|s1|s2|s3 >= mm {
				return i, st
			}
			i += lanes * L
			st = s3
		}
	}
	for ; i < len(d); i++ {
		next := step(st, d[i])
		if next >= mm {
			return i, st
		}
		st = next
	}
	return i, st
}

// lateLanes returns the states in which lanes 1 to 3 of the block q (four
// lanes of L bytes) start: each walks the last maxLen bytes of the lane
// before it from the root, which puts it in the state a walk from the
// start of the input would have there (an Aho-Corasick state depends only
// on the last maxLen bytes). Matches on the way are the previous lane's to
// report.
func (m *machine) lateLanes(q []byte, L int) (s1, s2, s3 uint32) {
	cls := &m.class
	tp := unsafe.Pointer(unsafe.SliceData(m.trans))
	step := func(st uint32, b byte) uint32 {
		return *(*uint32)(unsafe.Add(tp, uintptr(st+uint32(cls[b]))*4))
	}
	lead := m.maxLen
	for _, b := range q[L-lead : L] {
		s1 = step(s1, b)
	}
	for _, b := range q[2*L-lead : 2*L] {
		s2 = step(s2, b)
	}
	for _, b := range q[3*L-lead : 3*L] {
		s3 = step(s3, b)
	}
	return s1, s2, s3
}
