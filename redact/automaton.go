package redact

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"sync"
)

// This file holds the anchor automaton: one dense Aho-Corasick DFA over the
// literal anchors of every enabled rule. See docs in doc.go ("How a byte
// travels") for the overall pipeline.
//
// Design choices, and why:
//
//   - Byte classes. Every byte is first mapped to a class; the transition
//     table is indexed by (state, class). Upper- and lower-case ASCII letters
//     share a class, which makes matching ASCII case-insensitive at zero cost
//     (no lower-cased copy of the input is ever made). All ten digits share a
//     class too, so an anchor written "0000" means "any four digits": that is
//     how digit-shaped PII is found in the same pass as the literal anchors.
//     Bytes that occur in no anchor share class 0, which keeps the table
//     narrow (about 40 classes for the default catalog).
//   - Premultiplied state ids. A state id is its row offset in the table, so
//     the hot loop is one load per byte: st = trans[st+class[b]].
//   - Match states last. States with outputs are numbered after all other
//     states, from a power of two on, so "is this a match state?" is one
//     comparison (st >= matchMin) instead of a flag test, and "is any of
//     four lanes in a match state?" is one comparison of their bitwise OR.
//   - All overlapping outputs. A state's output list contains every anchor
//     that ends there, including those reached through failure links, so no
//     anchor can hide another ("token" inside "access_token" still fires).
//   - State survives between calls, so a stream can be fed in any chunking.

// anchorOut is one anchor that ends at a match state.
type anchorOut struct {
	rule *rule // the rule to run
	n    int   // anchor length in bytes
}

// machine is the compiled automaton.
type machine struct {
	class    [256]uint8
	stride   uint32        // number of classes
	recip    uint64        // ceil(2^32 / stride), see outputs
	trans    []uint32      // premultiplied transitions
	hitTrans []uint32      // trans, with a run of digits one hit (see buildMachine); for hitEnds
	matchMin uint32        // first match state id, a power of two
	outs     [][]anchorOut // outputs of match state (id-matchMin)/stride
	maxLen   int           // longest anchor
	stFlags  []uint8       // by match state, as outs: stDeclOnly, stDigits

	rows8   [7][16]byte // class, as classRows splits it (for classify8x)
	rows8ok bool        // classRows could split class

	// escInert, by letter: the short JSON escapes (of shortEscapes: \n
	// \r \t \b \f \/) that stand for a byte no anchor holds: see
	// jsonWalker.listEscapes.
	escInert [256]bool
	// inertHigh: no anchor holds a byte from 0x80 on, so a \u escape of
	// a code point from U+0080 on (its UTF-8 bytes, or U+FFFD for a lone
	// surrogate) stands for bytes no anchor holds (see inertUnicode).
	inertHigh bool
	// fits, by class: the neighbours with which an anchor holds a byte
	// of the class (see fitsNoAnchor in jsonsparse.go).
	fits []classFit

	ptrOnce sync.Once // builds ptr (see ptrTrans, lanes8_amd64.go)
	ptr     []uint64
}

// classFit records where the anchors hold the bytes of one class: an
// anchor of that byte alone; the classes that follow it in an anchor it
// starts (next), that precede it in one it ends (prev), and the pairs
// around it inside one (mid, by before*classes+after). A byte whose
// decoded neighbours fit none of them lies in no anchor.
type classFit struct {
	alone      bool
	next, prev [4]uint64
	mid        []uint64
}

// add records the byte a[k] of the anchor a, whose classes number n.
func (f *classFit) add(a string, k int, class *[256]uint8, n int) {
	switch {
	case len(a) == 1:
		f.alone = true
	case k == 0:
		c := class[a[1]]
		f.next[c>>6] |= 1 << (c & 63)
	case k == len(a)-1:
		c := class[a[k-1]]
		f.prev[c>>6] |= 1 << (c & 63)
	default:
		if f.mid == nil {
			f.mid = make([]uint64, (n*n+63)/64)
		}
		i := int(class[a[k-1]])*n + int(class[a[k+1]])
		f.mid[i>>6] |= 1 << (i & 63)
	}
}

// Flags of a match state, for the JSON walkers' hit filter (dropHits).
const (
	stDeclOnly   = 1 << iota // every output has a decline test
	stDigits                 // some output is a digit rule's
	stDigitsOnly             // every output is a digit rule's
	stKeyed                  // some output is the keyed rule's
)

// stateFlags returns the flags of match state st.
func (m *machine) stateFlags(st uint32) uint8 {
	return m.stFlags[m.matchIndex(st)]
}

// root is the start state (always id 0).
const root = 0

type trieNode struct {
	next map[uint8]int
	fail int
	outs []anchorOut
}

// buildMachine compiles the anchors of rules. Anchors are lower-case ASCII
// (or arbitrary bytes for known secrets); letters match either case and
// digits match any digit.
func buildMachine(rules []*rule) (*machine, error) {
	m := &machine{}
	// Class assignment: 0 for "other", then one per distinct folded byte.
	var used [256]bool
	for _, r := range rules {
		for _, a := range r.anchors {
			if a == "" {
				return nil, fmt.Errorf("redact: rule %q has an empty anchor", r.id)
			}
			for i := 0; i < len(a); i++ {
				used[fold(a[i])] = true
			}
		}
	}
	next := uint8(1)
	var foldedClass [256]uint8
	for b := 0; b < 256; b++ {
		if used[b] {
			if next == 255 {
				return nil, fmt.Errorf("redact: too many distinct anchor bytes")
			}
			foldedClass[b] = next
			next++
		}
	}
	for b := 0; b < 256; b++ {
		m.class[b] = foldedClass[fold(byte(b))]
	}
	m.rows8, m.rows8ok = classRows(&m.class)
	for _, c := range []byte(shortEscapes) {
		if m.class[unescapeJSON(nil, []byte{'\\', c})[0]] == 0 {
			m.escInert[c] = true
		}
	}
	m.inertHigh = true
	for c := 0x80; c < 0x100; c++ {
		m.inertHigh = m.inertHigh && m.class[c] == 0
	}
	m.fits = make([]classFit, next)
	for _, r := range rules {
		for _, a := range r.anchors {
			for k := range len(a) {
				m.fits[m.class[a[k]]].add(a, k, &m.class, int(next))
			}
		}
	}
	m.stride = uint32(next)
	// Exact for every k*stride with k*stride < 2^32, which the uint32 state
	// ids guarantee: k*stride*ceil(2^32/stride) = k*2^32 + k*e, e < stride.
	m.recip = (1<<32 + uint64(m.stride) - 1) / uint64(m.stride)

	// Trie over class sequences.
	nodes := []trieNode{{next: map[uint8]int{}}}
	for _, r := range rules {
		for _, a := range r.anchors {
			cur := 0
			for i := 0; i < len(a); i++ {
				c := m.class[a[i]]
				nx, ok := nodes[cur].next[c]
				if !ok {
					nodes = append(nodes, trieNode{next: map[uint8]int{}})
					nx = len(nodes) - 1
					nodes[cur].next[c] = nx
				}
				cur = nx
			}
			if !hasOut(nodes[cur].outs, r, len(a)) {
				nodes[cur].outs = append(nodes[cur].outs, anchorOut{rule: r, n: len(a)})
			}
			if len(a) > m.maxLen {
				m.maxLen = len(a)
			}
		}
	}

	// Breadth-first failure links; outputs inherit along them.
	order := make([]int, 0, len(nodes))
	queue := []int{}
	for _, c := range sortedKeys(nodes[0].next) {
		n := nodes[0].next[c]
		nodes[n].fail = 0
		queue = append(queue, n)
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		order = append(order, n)
		for _, c := range sortedKeys(nodes[n].next) {
			child := nodes[n].next[c]
			f := nodes[n].fail
			for {
				if g, ok := nodes[f].next[c]; ok {
					nodes[child].fail = g
					break
				}
				if f == 0 {
					nodes[child].fail = 0
					break
				}
				f = nodes[f].fail
			}
			for _, o := range nodes[nodes[child].fail].outs {
				if !hasOut(nodes[child].outs, o.rule, o.n) {
					nodes[child].outs = append(nodes[child].outs, o)
				}
			}
			queue = append(queue, child)
		}
	}

	// Number states: root first, then non-match states, then match states.
	ids := make([]uint32, len(nodes))
	var plain, match, digitRuns []int
	plain = append(plain, 0)
	for _, n := range order {
		if len(nodes[n].outs) == 0 {
			plain = append(plain, n)
		} else {
			match = append(match, n)
			if !slices.ContainsFunc(nodes[n].outs, func(o anchorOut) bool { return !o.rule.digits }) {
				digitRuns = append(digitRuns, n)
			}
		}
	}
	// A twin row for each match state of the digits trigger alone, after
	// the plain states (see "Runs of digits" below).
	twinAt := len(plain)
	nPlain := len(plain) + len(digitRuns)
	// Match states start at a power of two, so that "any of these states
	// is a match" is one test of their bitwise OR (see walkLanes). The
	// rows between the last plain state and matchMin are never used.
	m.matchMin = uint32(1)
	for m.matchMin < uint32(nPlain)*m.stride {
		m.matchMin <<= 1
	}
	for i, n := range plain {
		ids[n] = uint32(i) * m.stride
	}
	for i, n := range match {
		ids[n] = m.matchMin + uint32(i)*m.stride
	}
	if uint64(m.matchMin)+uint64(len(match)+1)*uint64(m.stride) >= 1<<32 {
		return nil, fmt.Errorf("redact: too many anchors")
	}
	m.trans = make([]uint32, int(m.matchMin)+len(match)*int(m.stride))
	m.outs = make([][]anchorOut, len(match))
	// Dense transitions: delta(n, c) = goto(n, c) or delta(fail(n), c).
	// Computed in BFS order so the failure state's row is already complete.
	row := func(n int) []uint32 {
		off := ids[n]
		return m.trans[off : off+m.stride]
	}
	for c := uint32(0); c < m.stride; c++ {
		if nx, ok := nodes[0].next[uint8(c)]; ok {
			row(0)[c] = ids[nx]
		} else {
			row(0)[c] = ids[0]
		}
	}
	for _, n := range order {
		r, fr := row(n), row(nodes[n].fail)
		for c := uint32(0); c < m.stride; c++ {
			if nx, ok := nodes[n].next[uint8(c)]; ok {
				r[c] = ids[nx]
			} else {
				r[c] = fr[c]
			}
		}
	}
	// Runs of digits, in the JSON walkers' hit map (hitTrans): a run of
	// seven digits is the digits trigger's anchor, and so is every digit
	// after it in the same run, as the anchor's state loops on digits. To
	// tell which tokens to visit, the first hit of a run is enough (a
	// visit scans the token with trans, every hit included): a float's 17
	// digits were 11 hits, each a lane exit. In hitTrans such a state's
	// digits go instead to a twin that is no match state but has its row
	// otherwise, and loops on digits: a run hits once. (The twin and the
	// state behave the same on every byte but a digit, where both go to
	// the twin; so a walk that starts in either, as lateLanes may with
	// trans, goes on the same.) The scanner keeps trans, where the twin
	// is unreachable: its digits trigger resumes a region cut by its
	// window at the run's later hits (validateDigits).
	m.hitTrans = m.trans
	digit := m.class['0']
	for i, n := range digitRuns {
		id := ids[n]
		if m.trans[id+uint32(digit)] != id {
			continue // the run goes on to a longer anchor (a known secret)
		}
		if &m.hitTrans[0] == &m.trans[0] {
			m.hitTrans = slices.Clone(m.trans)
		}
		twin := uint32(twinAt+i) * m.stride
		copy(m.trans[twin:twin+m.stride], m.trans[id:id+m.stride])
		copy(m.hitTrans[twin:twin+m.stride], m.trans[id:id+m.stride])
		m.hitTrans[twin+uint32(digit)] = twin
		m.hitTrans[id+uint32(digit)] = twin
	}
	for i, n := range match {
		outs := nodes[n].outs
		// Longest anchor first: deterministic order for validators.
		sort.SliceStable(outs, func(a, b int) bool { return outs[a].n > outs[b].n })
		m.outs[i] = outs
	}
	m.stFlags = make([]uint8, len(match))
	for i, outs := range m.outs {
		if !slices.ContainsFunc(outs, func(o anchorOut) bool { return o.rule.decline == nil }) {
			m.stFlags[i] |= stDeclOnly
		}
		if slices.ContainsFunc(outs, func(o anchorOut) bool { return o.rule.digits }) {
			m.stFlags[i] |= stDigits
		}
		if !slices.ContainsFunc(outs, func(o anchorOut) bool { return !o.rule.digits }) {
			m.stFlags[i] |= stDigitsOnly
		}
		if slices.ContainsFunc(outs, func(o anchorOut) bool { return o.rule.id == keyedRuleID }) {
			m.stFlags[i] |= stKeyed
		}
	}
	return m, nil
}

func hasOut(outs []anchorOut, r *rule, n int) bool {
	for _, o := range outs {
		if o.rule == r && o.n == n {
			return true
		}
	}
	return false
}

func sortedKeys(m map[uint8]int) []uint8 {
	ks := make([]uint8, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i] < ks[j] })
	return ks
}

// fold maps a byte to its class representative: ASCII upper case to lower
// case, every digit to '0'.
func fold(b byte) byte {
	switch {
	case b >= 'A' && b <= 'Z':
		return b + ('a' - 'A')
	case b >= '0' && b <= '9':
		return '0'
	}
	return b
}

// matchIndex is the index of match state st in outs and stFlags.
func (m *machine) matchIndex(st uint32) uint32 {
	// st-matchMin is a multiple of stride: multiplying by the rounded-up
	// reciprocal divides exactly, without a hardware division.
	return uint32(uint64(st-m.matchMin) * m.recip >> 32)
}

// outputs returns the anchors that end in match state st.
func (m *machine) outputs(st uint32) []anchorOut { return m.outs[m.matchIndex(st)] }

// firstMatch feeds b from state st and returns the index just past the
// first byte that lands in a match state, and that state; or -1 and the
// final state when no anchor ends in b.
func (m *machine) firstMatch(b []byte, st uint32) (int, uint32) {
	trans, mm := m.trans, m.matchMin
	cls := &m.class
	for i := 0; i < len(b); i++ {
		st = trans[st+uint32(cls[b[i]])]
		if st >= mm {
			return i + 1, st
		}
	}
	return -1, st
}

// declinedAll reports whether every anchor that ends in b, walking from
// the root at from (no anchor may start before it) up to to (none ends
// after it), belongs only to rules whose decline test rules it out (see
// rule.decline): then no validator would find anything in b, whatever
// its window. It is true when no anchor ends in b at all.
func (m *machine) declinedAll(b []byte, from, to int) bool {
	trans, mm := m.trans, m.matchMin
	cls := &m.class
	st := uint32(root)
	for i := from; i < to; i++ {
		st = trans[st+uint32(cls[b[i]])]
		if st >= mm {
			for _, o := range m.outputs(st) {
				if o.rule.decline == nil || !o.rule.decline(b, i+1) {
					return false
				}
			}
		}
	}
	return true
}

// maxDeclineScan bounds the strings whose anchors redactJSONString judges
// by their decline tests: the test reads the string once per anchor,
// quadratic in its length. A longer string is visited by the scanner,
// whose windows are bounded.
const maxDeclineScan = 1024

// stringEnd returns the index of the first quote at or after e in b, if
// no backslash comes before it; otherwise (or with no quote) -1. In valid
// JSON, that quote ends the string in which e lies, if any. (An anchor
// with a decline test, "bearer", lies in a string in valid JSON;
// elsewhere the document is invalid there, which JSONUnchecked need not
// report.) It reads to the quote, so its callers ask once per string (see
// stringEnds).
func stringEnd(b []byte, e int) int {
	q := bytes.IndexByte(b[e:], '"')
	if q < 0 {
		return -1
	}
	if q < 16 {
		// Most hits are a few bytes from their string's end (a key, a
		// word): a loop costs less there than a call.
		for _, c := range b[e : e+q] {
			if c == '\\' {
				return -1
			}
		}
	} else if bytes.IndexByte(b[e:e+q], '\\') >= 0 {
		return -1 // an escape: the string is visited
	}
	return e + q
}

// declinedBefore reports whether every anchor that ends at e in tok, in
// match state st, is declined by its rule (see dropHits), judged on tok,
// which ends where the string the anchor lies in ends (see stringEnd).
// Every output of st must have a decline test (stDeclOnly).
func (m *machine) declinedBefore(tok []byte, e int, st uint32) bool {
	for _, o := range m.outputs(st) {
		if !o.rule.decline(tok, e) {
			return false
		}
	}
	return true
}

// classRows splits a class table for a lookup by 16-byte shuffles
// (classify8x). The bytes below 0x20 and from 0x80 must share one class
// (ok is false otherwise: an anchor with a control or non-ASCII byte):
// rows[6] holds it. Of the table's rows of 16 bytes from 0x20 to 0x7F,
// rows[0] is the first and rows[h] the XOR of row h and the row before,
// so the XOR of rows[0..h] is row h.
func classRows(cls *[256]uint8) (rows [7][16]byte, ok bool) {
	for b := range 256 {
		if (b < 0x20 || b >= 0x80) && cls[b] != cls[0] {
			return rows, false
		}
	}
	for h := range 6 {
		for i := range 16 {
			rows[h][i] = cls[0x20+16*h+i]
			if h > 0 {
				rows[h][i] ^= cls[0x10+16*h+i]
			}
		}
	}
	for i := range 16 {
		rows[6][i] = cls[0]
	}
	return rows, true
}
