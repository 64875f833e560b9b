package redact

import (
	"bytes"
	"slices"
)

// scanner runs the automaton over a buffer, calls validators at anchor hits
// and collects spans. One code path serves one-shot calls (the whole input,
// eof set) and streams (a sliding buffer, eof set by Close): a validator is
// only ever called once its whole window is available, and the window is the
// same however the input arrived, so both give the same spans.
//
// Offsets in the scanner are absolute: they count from the first byte of the
// stream. data[0] sits at absolute offset off.
type scanner struct {
	r *Redactor
	m *machine

	data []byte
	off  int
	eof  bool

	seg    int    // start of the current segment (0, or the last Flush)
	state  uint32 // automaton state after byte next-1
	next   int    // next byte to feed
	paused bool   // outputs of state at next are not processed yet

	digitEnd int // digit-shaped PII analysed up to here

	// Line caches for window clipping, so that finding an anchor's line
	// costs amortised O(1) instead of a search of the whole look-back:
	// lastNL is the last newline before nlScan (-1: none); the first
	// newline at or after fwdFrom is fwdNL, or there is none before fwdTo
	// (fwdNL -1).
	lastNL, nlScan        int
	fwdFrom, fwdNL, fwdTo int

	found []span

	// Set for the duration of one validator call.
	cur    *rule
	winOff int
}

func (s *scanner) reset(r *Redactor) {
	s.r = r
	s.m = r.m
	s.data = nil
	s.off = 0
	s.eof = false
	s.seg = 0
	s.state = root
	s.next = 0
	s.paused = false
	s.digitEnd = 0
	s.lastNL, s.nlScan = -1, 0
	s.fwdFrom, s.fwdNL, s.fwdTo = 0, -1, 0
	s.found = s.found[:0]
	s.cur = nil
}

// run scans as far as the available data allows. It stops early when an
// anchor's window needs bytes that have not arrived yet; the next call
// resumes there.
func (s *scanner) run() {
	if s.paused {
		if !s.process(s.state, s.next) {
			return
		}
		s.paused = false
	}
	d, off := s.data, s.off
	trans, mm, cls := s.m.trans, s.m.matchMin, &s.m.class
	st := s.state
	i := s.next - off
	if s.m.maxLen <= maxPairedAnchor {
		for len(d)-i >= 2*pairBlock {
			var ok bool
			if i, st, ok = s.runPair(d, i, st); !ok {
				return
			}
		}
	}
	for i < len(d) {
		st = trans[st+uint32(cls[d[i]])]
		i++
		if st >= mm {
			s.state, s.next = st, off+i
			if !s.process(st, off+i) {
				s.paused = true
				return
			}
		}
	}
	s.state, s.next = st, off+len(d)
}

// Paired scanning. Each transition depends on the previous one, so a
// single automaton walk is bound by load latency (about 430 MB/s here).
// runPair walks two halves of a block at once: the first from the current
// state, the second from the root, started maxLen bytes early. An
// Aho-Corasick state only depends on the last maxLen bytes, so the second
// walk is in the right state when it reaches its half, and the two chains
// of loads overlap. Hits are collected and then processed in input order,
// so validators see exactly what the plain loop would show them.
const (
	pairBlock       = 2048
	maxPairedAnchor = 256
	maxPairHits     = 128
)

type pairHit struct {
	pos int // index just past the anchor, in d
	st  uint32
}

// runPair scans d[i:i+2*pairBlock] from state st. It returns the index and
// state to continue from, and false if the scan paused.
func (s *scanner) runPair(d []byte, i int, st uint32) (int, uint32, bool) {
	trans, mm, cls := s.m.trans, s.m.matchMin, &s.m.class
	var hits [2][maxPairHits]pairHit
	na, nb := 0, 0
	mid := i + pairBlock
	lead := s.m.maxLen
	a, b := st, uint32(root)
	pa, pb := i, mid-lead
	for k := 0; k < lead; k++ { // the second walk catches up
		b = trans[b+uint32(cls[d[pb]])]
		pb++
	}
	for pa < mid {
		a = trans[a+uint32(cls[d[pa]])]
		b = trans[b+uint32(cls[d[pb]])]
		pa++
		pb++
		if a >= mm {
			if na == maxPairHits {
				return s.pairFallback(d, i, st)
			}
			hits[0][na] = pairHit{pa, a}
			na++
		}
		if b >= mm {
			if nb == maxPairHits {
				return s.pairFallback(d, i, st)
			}
			hits[1][nb] = pairHit{pb, b}
			nb++
		}
	}
	for pb < mid+pairBlock {
		b = trans[b+uint32(cls[d[pb]])]
		pb++
		if b >= mm {
			if nb == maxPairHits {
				return s.pairFallback(d, i, st)
			}
			hits[1][nb] = pairHit{pb, b}
			nb++
		}
	}
	for _, h := range hits[0][:na] {
		if !s.hit(h) {
			return 0, 0, false
		}
	}
	for _, h := range hits[1][:nb] {
		if !s.hit(h) {
			return 0, 0, false
		}
	}
	return mid + pairBlock, b, true
}

// hit processes one collected hit; false means the scan paused there.
func (s *scanner) hit(h pairHit) bool {
	s.state, s.next = h.st, s.off+h.pos
	if !s.process(h.st, s.off+h.pos) {
		s.paused = true
		return false
	}
	return true
}

// pairFallback scans a block with too many hits one byte at a time.
func (s *scanner) pairFallback(d []byte, i int, st uint32) (int, uint32, bool) {
	trans, mm, cls := s.m.trans, s.m.matchMin, &s.m.class
	end := i + 2*pairBlock
	for i < end {
		st = trans[st+uint32(cls[d[i]])]
		i++
		if st >= mm {
			if !s.hit(pairHit{i, st}) {
				return 0, 0, false
			}
		}
	}
	return i, st, true
}

// process runs the validators of every anchor ending at end (absolute) in
// state st. It returns false, having run none of them, when one of their
// windows is not yet complete.
func (s *scanner) process(st uint32, end int) bool {
	outs := s.m.outputs(st)
	avail := s.off + len(s.data)
	if !s.eof {
		for _, o := range outs {
			if !s.ready(o.rule, end, avail) {
				return false
			}
		}
	}
	for _, o := range outs {
		s.call(o, end, avail)
	}
	return true
}

// ready reports whether the window of rule r for an anchor ending at end is
// complete: fwd bytes have arrived, or (line rules) the line has ended.
func (s *scanner) ready(r *rule, end, avail int) bool {
	if end+r.fwd <= avail {
		return true
	}
	if r.multiline {
		return false
	}
	return bytes.IndexByte(s.data[end-s.off:], '\n') >= 0
}

// window returns the absolute bounds of the window of rule r for the anchor
// [a, end).
func (s *scanner) window(r *rule, a, end, avail int) (lo, hi int) {
	lo = max(s.seg, a-r.back)
	hi = min(avail, end+r.fwd)
	if r.multiline {
		return lo, hi
	}
	// The line start: the last newline before a.
	if a > s.nlScan {
		from := max(s.nlScan, s.off)
		if i := bytes.LastIndexByte(s.data[from-s.off:a-s.off], '\n'); i >= 0 {
			s.lastNL = from + i
		}
		s.nlScan = a
	}
	if s.lastNL < a {
		if s.lastNL >= lo {
			lo = s.lastNL + 1
		}
	} else if i := bytes.LastIndexByte(s.data[lo-s.off:a-s.off], '\n'); i >= 0 {
		lo += i + 1
	}
	// The line end: the first newline at or after end.
	if !(s.fwdFrom <= end && (s.fwdNL >= end || s.fwdNL < 0 && s.fwdTo >= hi)) {
		s.fwdFrom, s.fwdTo, s.fwdNL = end, hi, -1
		if i := bytes.IndexByte(s.data[end-s.off:hi-s.off], '\n'); i >= 0 {
			s.fwdNL = end + i
		}
	}
	if s.fwdNL >= 0 && s.fwdNL < hi {
		hi = s.fwdNL
	}
	return lo, hi
}

func (s *scanner) call(o anchorOut, end, avail int) {
	a := end - o.n
	if a < s.seg || o.rule.digits && a < s.digitEnd {
		return // before a Flush, or digits already analysed
	}
	lo, hi := s.window(o.rule, a, end, avail)
	s.cur, s.winOff = o.rule, lo
	o.rule.validate(s, s.data[lo-s.off:hi-s.off], a-lo, end-lo)
	s.cur = nil
}

// add records a span [start, end) of the current window for the current
// rule, keeping keepL and keepR bytes visible in the Partial style.
func (s *scanner) add(start, end, keepL, keepR int) {
	if start >= end {
		return
	}
	text := s.data[s.winOff+start-s.off : s.winOff+end-s.off]
	if bytes.HasPrefix(text, []byte(placeholderPrefix)) || s.r.allowed(text) {
		return // our own placeholder, or allowlisted
	}
	if keepL+keepR >= end-start {
		keepL, keepR = 0, 0
	}
	s.found = append(s.found, span{
		start: s.winOff + start, end: s.winOff + end,
		rule: s.cur, keepL: keepL, keepR: keepR,
	})
}

// safe returns the absolute offset before which no future span can start:
// bytes before it that are not in a pending group may be emitted.
func (s *scanner) safe() int {
	if s.eof {
		return s.off + len(s.data)
	}
	m := s.r
	next := s.next
	// A line rule's future anchor starts after the last newline already
	// scanned, and its window never reaches back past that line.
	line := next + 1 - m.m.maxLen - m.maxBack
	if i := bytes.LastIndexByte(s.data[max(s.seg, line)-s.off:next-s.off], '\n'); i >= 0 {
		line = max(s.seg, line) + i + 1
	}
	safe := line
	// A multi-line rule's future anchor may already be partly scanned.
	if m.multiline {
		safe = min(safe, next+1-m.maxMultiLen-m.maxMultiBack)
	}
	if s.paused {
		avail := s.off + len(s.data)
		for _, o := range s.m.outputs(s.state) {
			lo, _ := s.window(o.rule, next-o.n, next, avail)
			safe = min(safe, lo)
		}
	}
	return max(safe, s.seg)
}

// groups merges the pending spans into non-overlapping groups, in order.
// It reuses dst.
func (s *scanner) groups(dst []group) []group {
	dst = dst[:0]
	if len(s.found) == 0 {
		return dst
	}
	slices.SortFunc(s.found, func(a, b span) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	for i := range s.found {
		sp := &s.found[i]
		if n := len(dst); n > 0 && sp.start < dst[n-1].end {
			g := &dst[n-1]
			g.end = max(g.end, sp.end)
			if better(sp, g.win) {
				g.win = sp
			}
			continue
		}
		dst = append(dst, group{start: sp.start, end: sp.end, win: sp})
	}
	return dst
}
