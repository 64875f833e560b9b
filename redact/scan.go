package redact

import (
	"bytes"
	"slices"
	"sync"
	"unsafe"
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

	laneHits *[lanes][laneLen]laneHit // runLanes' buffer, kept across calls
	lane8    [hitLanes][]laneHit      // runLanes8's hits by lane, kept across calls

	found     []span
	coverFrom int     // found[:coverFrom] end before every number still to judge (see wordRedacted)
	gbuf      []group // groups of found, reused by one-shot calls

	keyMemo [32]keyMemo // see classifyKey

	// A private-key block to walk on from contAt, past its window (see
	// pemcap.go); contRule nil: none.
	contRule *rule
	contAt   int

	// A JSON value scanned on its own: the object key it is read under
	// (the digit rules read "key":value context through it, see
	// digitRegion.ctx), and whether a digit rule looked for context where
	// the key would count.
	key     jsonKey
	keyRead bool

	// Set for the duration of one validator call.
	cur    *rule
	winOff int
}

func (s *scanner) reset(r *Redactor) {
	if s.r != r {
		s.keyMemo = [32]keyMemo{} // another Redactor's key policy
	}
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
	s.found, s.coverFrom = s.found[:0], 0
	s.cur = nil
	s.contRule = nil
	s.key, s.keyRead = jsonKey{}, false
}

// run scans as far as the available data allows. It stops early when an
// anchor's window needs bytes that have not arrived yet; the next call
// resumes there.
func (s *scanner) run() {
	if s.contRule != nil {
		s.runCont() // if it still waits, safe() holds the bytes back
	}
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
	end := len(d)
	if s.eof && s.key.lastAnchor > 0 {
		end = min(end, s.key.lastAnchor) // no anchor ends after it
	}
	if s.m.maxLen <= maxLanedAnchor {
		// Lanes as long as laneLen while there is data for them, then
		// shorter ones (down to minLaneLen) for the tail: small inputs,
		// such as one log line, get the overlap too.
		for L := s.m.lanes8Len(end - i); L > 0; L = s.m.lanes8Len(end - i) {
			var ok bool
			if i, st, ok = s.runLanes8(d, i, st, L); !ok {
				return
			}
		}
		minLane := max(minLaneLen, 4*s.m.maxLen)
		for n := (end - i) / lanes; n >= minLane; n = (end - i) / lanes {
			var ok bool
			if i, st, ok = s.runLanes(d, i, st, min(n, laneLen)); !ok {
				return
			}
		}
	}
	for i < end {
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

// Laned scanning. Each transition depends on the previous one, so a
// single automaton walk is bound by load latency (about 430 MB/s here).
// runLanes walks the four quarters of a block at once: the first from the
// current state, the others from the root, started maxLen bytes early. An
// Aho-Corasick state depends only on the last maxLen bytes, so each late
// walk is in the right state when it reaches its quarter, and the four
// chains of loads overlap. Hits are collected and then processed in input
// order, so validators see exactly what the plain loop would show them.
const (
	lanes          = 4
	laneLen        = 1024
	minLaneLen     = 64
	maxLanedAnchor = 256
)

// laneHitPool recycles runLanes' buffers (64 KiB each) for scanners that
// are not pooled themselves: a Writer gives its buffer back on Close, so a
// server with a Writer per response does not allocate one per response.
var laneHitPool sync.Pool // *[lanes][laneLen]laneHit

type laneHit struct {
	pos int // index just past the anchor, in d
	st  uint32
}

// runLanes scans d[i:i+lanes*L] from state st in lanes of L bytes. It
// returns the index and state to continue from, and false if the scan
// paused.
//
// The inner loop is the hottest code in the package, so it reads the input
// and the transition table through unsafe pointers: the compiler cannot
// prove the indexes in range and its bounds checks (plus the register
// spills they cause) doubled the instructions per byte. Both are in range
// by construction: the block d[i:i+lanes*L] is checked once below, and a
// state id plus a class is always inside trans (ids are premultiplied row
// offsets, classes are < stride; see buildMachine).
func (s *scanner) runLanes(d []byte, i int, st uint32, L int) (int, uint32, bool) {
	mm, cls := s.m.matchMin, &s.m.class
	if s.laneHits == nil {
		s.laneHits, _ = laneHitPool.Get().(*[lanes][laneLen]laneHit)
		if s.laneHits == nil {
			s.laneHits = new([lanes][laneLen]laneHit) // a lane cannot hit more often than once a byte
		}
	}
	hits := s.laneHits
	var n [lanes]int
	lead := s.m.maxLen
	q := d[i : i+lanes*L] // bounds of everything read below
	if L < lead || L > laneLen {
		panic("redact: bad lane length")
	}
	tp := unsafe.Pointer(unsafe.SliceData(s.m.trans))
	// Lane k covers q[k*L : (k+1)*L]; the late walks catch up first.
	s0 := st
	s1, s2, s3 := s.m.lateLanes(q, L)
	p := unsafe.Pointer(unsafe.SliceData(q))
	l1 := uintptr(L)
	for k := uintptr(0); k < l1; {
		// The tight loop runs until some lane lands in a match state;
		// recording the hit is kept out of it so that its registers stay
		// put.
		k, s0, s1, s2, s3 = walkLanes(p, k, l1, tp, cls, mm, s0, s1, s2, s3)
		if s0|s1|s2|s3 < mm {
			break
		}
		kk := int(k) // just past the anchor in each lane
		if s0 >= mm {
			hits[0][n[0]] = laneHit{i + kk, s0}
			n[0]++
		}
		if s1 >= mm {
			hits[1][n[1]] = laneHit{i + L + kk, s1}
			n[1]++
		}
		if s2 >= mm {
			hits[2][n[2]] = laneHit{i + 2*L + kk, s2}
			n[2]++
		}
		if s3 >= mm {
			hits[3][n[3]] = laneHit{i + 3*L + kk, s3}
			n[3]++
		}
	}
	for lane := range lanes {
		for _, h := range hits[lane][:n[lane]] {
			if !s.hit(h) {
				return 0, 0, false
			}
		}
	}
	return i + lanes*L, s3, true
}

// walkLanes advances the four lane states from offset k of each lane until
// one of them lands in a match state (k is then just past that byte) or the
// lanes end (k == l). Lane j reads p[j*l+k]. It is a function of its own so
// that its dozen live values all stay in registers.
func walkLanes(p unsafe.Pointer, k, l uintptr, tp unsafe.Pointer, cls *[256]uint8, mm uint32, s0, s1, s2, s3 uint32) (uintptr, uint32, uint32, uint32, uint32) {
	for k < l {
		at := unsafe.Add(p, k)
		s0 = *(*uint32)(unsafe.Add(tp, uintptr(s0+uint32(cls[*(*byte)(at)]))*4))
		at = unsafe.Add(at, l)
		s1 = *(*uint32)(unsafe.Add(tp, uintptr(s1+uint32(cls[*(*byte)(at)]))*4))
		at = unsafe.Add(at, l)
		s2 = *(*uint32)(unsafe.Add(tp, uintptr(s2+uint32(cls[*(*byte)(at)]))*4))
		at = unsafe.Add(at, l)
		s3 = *(*uint32)(unsafe.Add(tp, uintptr(s3+uint32(cls[*(*byte)(at)]))*4))
		k++
		if s0|s1|s2|s3 >= mm { // mm is a power of two: some state is >= mm
			break
		}
	}
	return k, s0, s1, s2, s3
}

// hit processes one collected hit; false means the scan paused there.
func (s *scanner) hit(h laneHit) bool {
	s.state, s.next = h.st, s.off+h.pos
	if !s.process(h.st, s.off+h.pos) {
		s.paused = true
		return false
	}
	return true
}

// process runs the validators of every anchor ending at end (absolute) in
// state st. It returns false, having run none of them, when one of their
// windows is not yet complete.
func (s *scanner) process(st uint32, end int) bool {
	outs := s.m.outputs(st)
	if len(outs) == 1 && outs[0].rule.digits && end-outs[0].n < s.digitEnd {
		return true // the common case inside a run of digits: already analysed
	}
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
	if r.settled != nil && r.settled(s.data[end-s.off:]) {
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
	// The line start: the last newline before a (multi-line rules, too,
	// look back only on the anchor's line).
	if a > s.nlScan {
		// Forward, with IndexByte (vectorised; LastIndexByte is a plain
		// loop), one call per line.
		from := max(s.nlScan, s.off)
		seg := s.data[from-s.off : a-s.off]
		for k := 0; ; {
			i := bytes.IndexByte(seg[k:], '\n')
			if i < 0 {
				break
			}
			k += i + 1
			s.lastNL = from + k - 1
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
	if r.multiline {
		return lo, hi
	}
	// The line end: the first newline at or after end.
	if !(s.fwdFrom <= end && (s.fwdNL >= end || s.fwdNL < 0 && s.fwdTo >= hi)) {
		from := end
		if s.fwdNL < 0 && s.fwdFrom <= end && end <= s.fwdTo {
			// [end, fwdTo) is known to hold no newline: look on from
			// there only, or a long line costs every anchor on it a
			// search of the rule's whole reach.
			from = s.fwdTo
		} else {
			s.fwdFrom = end
		}
		s.fwdTo, s.fwdNL = hi, -1
		if i := bytes.IndexByte(s.data[from-s.off:hi-s.off], '\n'); i >= 0 {
			s.fwdNL = from + i
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
	w := s.data[lo-s.off : hi-s.off]
	if o.rule.decline != nil && !o.rule.digits && !s.r.keepAllHits && o.rule.decline(w, end-lo) {
		// The rule's decline test, exact for any window of a token, on
		// this window taken as the token: the validator would find
		// nothing in it. A word of prose ("monkey", "task", "sk" in
		// base64) costs a few comparisons, not a validation. Not the
		// digits trigger's: its validator leaves state behind even when
		// it finds nothing (digitEnd, where the next region may start),
		// and its runs cost one analysis each already.
		return
	}
	s.cur, s.winOff = o.rule, lo
	o.rule.validate(s, w, a-lo, end-lo)
	s.cur = nil
	if s.contRule != nil {
		s.runCont()
	}
}

// add records a span [start, end) of the current window for the current
// rule, keeping keepL and keepR bytes visible in the Partial style.
func (s *scanner) add(start, end, keepL, keepR int) {
	if start >= end {
		return
	}
	text := s.data[s.winOff+start-s.off : s.winOff+end-s.off]
	if bytes.HasPrefix(text, []byte(placeholderPrefix)) || encodedPlaceholder(text) || s.r.allowed(text) {
		return // our own placeholder, or allowlisted
	}
	if placeholderWithin(text) || startsInPlaceholder(s.data[s.winOff-s.off:s.winOff+end-s.off], start) {
		// A span that holds one of our placeholders whole, or starts
		// inside one ("[REDACTED:card],app:…@tcp(" read as user
		// "[REDACTED" and password "card],app:…"), is a second pass
		// reading our replacement as part of a secret: the first pass saw
		// other bytes there and found no such span (idempotence). Both
		// look only from the rule's window start to the span's end, which
		// are the same however the input arrives.
		return
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
	if s.contRule != nil {
		safe = min(safe, s.contAt)
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
	s.coverFrom = 0 // the order wordRedacted keeps is gone
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
