package redact

import (
	"bytes"
	"sync/atomic"
)

// Hits the JSON walkers need not visit. Both walkers (json and
// jsonUnchecked) get the ends of all anchors from one automaton pass
// (hitEnds) and visit the tokens they lie in. Two kinds of hit lead a
// visit to nothing, and dropHits removes them first:
//
//   - declined: every anchor ending there belongs to a rule whose decline
//     test rules it out on the rest of its string (a vendor prefix too short,
//     "Bearer" alone, "sk" in "task"); see machine.declinedBefore. A
//     run of digits is judged on its own bytes, in a number or a string
//     (declineDigits: an id, a Unix time). A secret noun's root in prose
//     ("monkey", "shipping") is judged so only in a plain value, not in a
//     key or a pair's name (plainValue).
//   - inert keys: the hit lies in an object key that is neither secret nor
//     a code key and in whose text no rule finds anything ("max_tokens",
//     "prompt_tokens", "token_type"). A key is read as secret only through
//     a hit in it, so without its hits it is read exactly as an inert key
//     is; its values still know their key (the walkers read it back).
//     Verdicts are remembered per Redactor (inertKeys): an API's responses
//     repeat the same few keys, and a verdict depends on the key's bytes
//     and the Redactor's configuration only.
//
// A hit in a string with an escape is judged on its decoded line
// (escapedLines), for JSONUnchecked only: the walk of JSON decodes such a
// string whole anyway. One in a string whose bounds are unclear (an
// escaped quote) is kept.

// inertKeys remembers whether object keys are inert (see dropHits), in a
// direct-mapped table (see memoSlot): a key that collides with another is
// judged again. It is safe for concurrent use: each slot holds an
// immutable verdict.
type inertKeys struct {
	slots [inertKeySlots]atomic.Pointer[keyVerdict]
}

const (
	inertKeySlots  = 1024
	inertKeyMaxLen = 64 // longer keys are judged every time
)

type keyVerdict struct {
	key   string
	inert bool
}

// dropHits removes from j.hits (the ends of the anchors in the document,
// in increasing order; j.hitSts holds the match state at each) the ones
// whose visit would find nothing: declined anchors and inert keys.
//
// A hit is judged by the string around it, taken as the bytes between
// the quotes before and after it with no backslash between (in a
// document with one, which JSONUnchecked tells by j.slash, by its line
// instead: see escapedLines): in valid JSON that is the string it lies
// in (no escape, so no escaped quote),
// as an anchor that can be declined or lie in a key holds a letter and
// no quote, and outside strings valid JSON has only numbers, literals and
// punctuation. In a document that is not JSON, the bytes judged are those
// every rule's validator would stop at too (a quote ends a URL's
// authority, a scheme's credential and a token's body), so a dropped hit
// hides no finding; it may hide that the document is not JSON, which
// jsonUnchecked then does not report (see JSONUnchecked).
func (j *jsonWalker) dropHits() {
	r, b := j.r, j.in
	if r.keepAllHits {
		return
	}
	out := j.hits[:0]
	inertEnd := -1 // hits up to here lie in an inert key already judged
	runEnd := -1   // digit anchors up to here lie in a run already declined
	plainQ := -1   // the string that ends at this quote is a plain value
	mixedQ := -1   // the string that ends at this quote is not (see plainValue)
	ends := stringEnds{last: -1, esc: -1}
	lines := escapedLines{q: -1}
	ns := numberScan{esc: -1, open: -1}
	for i, h := range j.hits {
		e := int(h)
		if e <= inertEnd {
			continue
		}
		st := j.hitSts[i]
		flags := r.m.stateFlags(st)
		if flags&stDigitsOnly != 0 {
			// A number's or a string's run of digits (an id, a Unix
			// time). declineDigits reads the bytes around the run
			// itself, which in or out of a string are the ones the
			// digit rules read, and gives every anchor ending in the run
			// the same answer.
			if e <= runEnd {
				continue
			}
			if declineDigits(b, e) && (j.slash < 0 || !j.escapeNear(e)) {
				for runEnd = e; runEnd < len(b) && isDigit(b[runEnd]); runEnd++ {
				}
				continue
			}
			if end := j.inertNumberAt(e, &ns); end > 0 {
				runEnd = end // every anchor in the number
				continue
			}
			if end := j.inertDigitStringAt(e, &ns); end > 0 {
				runEnd = end // every anchor in the string
				continue
			}
		} else if flags&(stDeclOnly|stKeyed) == stDeclOnly|stKeyed {
			// A secret noun's root lies in a key as often as in a value.
			last := ends.last // the end of the value last judged
			if j.slash >= 0 {
				last = lines.q
			}
			q := last // the hit lies in that value
			if e > last {
				q = bytes.IndexByte(b[e:min(len(b), e+inertKeyMaxLen+1)], '"')
				if q >= 0 {
					q += e
					if c := j.ws(q + 1); c < len(b) && b[c] == ':' {
						// A key: read through its hit, unless it is inert.
						if end := j.inertKeyEnding(e, q, st); end > 0 {
							inertEnd = end
							continue
						}
						out = append(out, h)
						continue
					}
				}
				if j.slash < 0 {
					q = ends.at(b, e)
				}
			}
			tok, te := b[:max(q, 0)], e
			if j.slash >= 0 {
				// The document has an escape: the hit is judged on its
				// line, if its string's escapes allow (see escapedLines).
				q, tok, te = lines.at(j, e, st)
			}
			if q >= 0 && r.m.declinedBefore(tok, te, st) {
				if q != plainQ && q != mixedQ {
					if j.plainValue(e, q, st) {
						plainQ = q // the next hit in this string needs no second look
					} else {
						mixedQ = q
					}
				}
				if q == plainQ {
					continue
				}
			}
			out = append(out, h)
			continue
		} else if flags&stDeclOnly != 0 {
			var q, te int
			var tok []byte
			if j.slash >= 0 {
				q, tok, te = lines.at(j, e, st) // see the keyed case above
			} else {
				if q, te = ends.last, e; e > ends.last {
					q = ends.at(b, e)
				}
				tok = b[:max(q, 0)]
			}
			if q >= 0 && r.m.declinedBefore(tok, te, st) {
				continue
			}
		}
		// A digit run is a number's or a value's far more often than a
		// key's: not worth the look.
		if flags&stDigits == 0 {
			if end := j.inertKeyAt(e, st); end > 0 {
				inertEnd = end
				continue
			}
		}
		out = append(out, h)
	}
	j.hits = out
}

// stringEnds finds, for dropHits, the end of the string in which a hit
// lies, each string's once: a 16 KiB string of prose holds hundreds of
// hits, which must not each search to its end.
type stringEnds struct {
	// The end (stringEnd) of the last hit's string. A later hit before it
	// lies in the same string, with no quote or backslash between: its
	// string end is the same, without a search.
	last int
	// A hit before esc lies where stringEnd finds a backslash or no
	// quote: a string with an escape (which escapes visits anyway) or no
	// end.
	esc int
}

// at returns stringEnd(b, e) for a hit after s.last, remembering it.
func (s *stringEnds) at(b []byte, e int) int {
	if e <= s.esc {
		return -1
	}
	q := stringEnd(b, e)
	if q < 0 {
		s.esc = len(b)
		if i := bytes.IndexByte(b[e:], '"'); i >= 0 {
			s.esc = e + i
		}
		return -1
	}
	s.last = q
	return q
}

// escapedLines judges, for dropHits, the hits in a string with an
// escape. The decline tests read raw bytes, which an escape would show
// them wrong ("\npassword hunter2" reads as "npassword"); but a visit
// decodes the string and runs the rules line by line, each window
// clipped to its line. So a hit is judged on its line: a run of the raw
// string with no backslash, from the string's start or an escaped line
// feed to the string's end or an escaped line feed (with the carriage
// return of a "\r\n" before it, as the decoded line ends with it). That
// run is exactly the decoded line, and a decline test is exact for any
// window of its token, the line. A hit whose line holds another escape
// (\t, \u0041, \") is kept, and so is every hit in a string with an
// escaped quote. Each string's quotes are found once, and each run once,
// so the work stays linear in the document.
type escapedLines struct {
	p, q       int  // the string last looked at: its quotes; q -1 before the first
	ok         bool // its quotes are found and it holds no escaped quote
	start, end int  // the run last found in it, b[start:end]
	line       bool // that run is a whole decoded line
	tok        []byte
	cr         []byte // a line that ends with a carriage return, copied with it
}

// at returns the string end, the line and the anchor's end in it on
// which the hit ending at e (in match state st) is judged, or -1.
func (l *escapedLines) at(j *jsonWalker, e int, st uint32) (int, []byte, int) {
	b := j.in
	a := e - j.r.m.outputs(st)[0].n // outputs are longest first
	if a < 0 || bytes.IndexByte(b[a:e], '\\') >= 0 {
		return -1, nil, 0
	}
	if e > l.q {
		l.newString(b, a, e)
	}
	if !l.ok {
		return -1, nil, 0
	}
	if a < l.start {
		return -1, nil, 0 // it starts at the letter of the escape before the run (runs go forward)
	}
	if e > l.end {
		l.run(b, a, e)
	}
	if !l.line {
		return -1, nil, 0
	}
	return l.q, l.tok, e - l.start
}

// newString finds the quotes of the string in which the anchor [a, e)
// lies: the first quote after it that no backslash escapes, and the last
// before it. A string with an escaped quote is not judged (ok false).
func (l *escapedLines) newString(b []byte, a, e int) {
	l.start, l.end, l.line = 0, -1, false
	q, escaped := stringEndAfter(b, e)
	l.q, l.ok = q, q < len(b) && !escaped
	if l.ok {
		l.p = bytes.LastIndexByte(b[:a], '"')
		l.ok = l.p >= 0 && !escapedQuote(b, l.p)
	}
}

// run finds the run of the current string, with no backslash, that holds
// the anchor [a, e), and whether it is a whole decoded line.
func (l *escapedLines) run(b []byte, a, e int) {
	lo := max(l.p+1, l.end) // the last run ended at a backslash, or none was found
	l.start, l.line = l.p+1, true
	if x := bytes.LastIndexByte(b[lo:a], '\\'); x >= 0 {
		x += lo
		n := 1 // the run of backslashes that ends at x
		for x-n > l.p && b[x-n] == '\\' {
			n++
		}
		l.start, l.line = x+2, n%2 == 1 && x+1 < a && b[x+1] == 'n'
	}
	l.end = l.q
	if y := bytes.IndexByte(b[e:l.q], '\\'); y >= 0 {
		l.end = e + y
		l.line = l.line && l.end+1 < l.q && (b[l.end+1] == 'n' ||
			b[l.end+1] == 'r' && l.end+3 < l.q && b[l.end+2] == '\\' && b[l.end+3] == 'n')
	}
	l.tok = b[l.start:l.end]
	if l.line && l.end < l.q && b[l.end+1] == 'r' {
		// The decoded line ends with the carriage return.
		l.cr = append(append(l.cr[:0], l.tok...), '\r')
		l.tok = l.cr
	}
}

// escapeNear reports a backslash near the digit anchor ending at e, within
// what declineDigits reads: there the raw bytes may not be the decoded
// ones, and the hit is kept.
func (j *jsonWalker) escapeNear(e int) bool {
	b := j.in
	return bytes.IndexByte(b[max(0, e-96):min(len(b), e+64)], '\\') >= 0
}

// numberScan is what dropHits knows, from one digit hit in a JSON number
// to the next, for inertNumberAt.
type numberScan struct {
	esc      int // the document has a backslash: 1; none: 0; not looked yet: -1
	qpos, qn int // qn quotes in in[:qpos]
	// The array of numbers last judged: the opening bracket of the
	// outermost array that holds it through arrays only, whose key its
	// numbers are read under (-1: none); where its last number judged
	// ends, and how deep in arrays that number lies (1: an element of the
	// outermost); and the key.
	open, end, depth int
	key              []byte

	heads              [4]keyHead // the keys numbers were last read under
	headLast, headNext uint8      // the head found last; the one replaced next
}

// inertNumberAt returns the end of the JSON number in which the digit
// anchor ending at e lies, if a visit would find nothing in it: the
// number is read under a key (or none) that the walkers would read as it
// is written, and numberInert says its digits are nothing under that
// key. Otherwise it returns 0. An embedding's 1,536 floats, coordinates
// and scores each hold a seven-digit run, which is an anchor; visiting
// each cost more than the rest of the document.
//
// It decides only where sparse would find the same number and key and
// check the same bytes: in a document with no escaped quote (so a quote
// count tells strings from the rest, see numberScan.plain), a number
// outside every string, standing where a value may, after a key (checked
// as keyBefore does) or in an array of numbers (or of such arrays: coordinates, time
// series) that stands after a key or at the top level. The array is
// found by looking back over numbers, commas, brackets and whitespace to
// its '[' (rootArray, at most maxNumberLook bytes), once per array: later
// numbers of the same array need only the bytes since the last.
func (j *jsonWalker) inertNumberAt(e int, ns *numberScan) int {
	b, r := j.in, j.r
	if !ns.plain(j) {
		return 0
	}
	back := b[max(0, e-maxNumberLook-1):e]
	i := len(back)
	for i > 0 && isNumberByte(back[i-1]) {
		i--
	}
	s := e - len(back) + i
	if s == 0 || !isNumberByte(b[s]) || s < ns.qpos || b[s-1] == '"' {
		return 0 // no number; or the digits of a string (inertDigitStringAt)
	}
	t, plus, intDigits, ok := scanNumber(b, s)
	if !ok || t < e || t < len(b) && isNumberByte(b[t]) || !shapeInert(plus, intDigits, b[s:t]) {
		return 0
	}
	// The next number of the array last judged: only numbers, commas and
	// whitespace since it, so no quote either.
	depth, same := 0, false
	if ns.open >= 0 && ns.end <= s {
		depth, same = sameArray(b[ns.end:s], ns.depth)
	}
	if !same {
		ns.qn += bytes.Count(b[ns.qpos:s], quoteByte)
	}
	ns.qpos = s
	if ns.qn%2 != 0 || !j.closesValue(t) {
		return 0 // in a string, or not where a value ends
	}
	prev := j.back(s - 1)
	var key []byte
	switch {
	case prev < 0:
		// A top-level number: no key.
	case b[prev] == ':':
		// Most numbers follow a key a recent number followed too: its
		// head's bytes hold the verdict (see keyHead).
		h := ns.head(j, prev)
		if h == nil {
			var ok bool
			if key, ok = j.plainKeyBefore(prev); !ok {
				return 0
			}
			if h = ns.newHead(j, prev, key); h == nil {
				break // a head too long to keep: ask the memo
			}
		}
		if h.ctx.of(j, h.key, b[s] == '-') {
			return 0
		}
		return t
	case b[prev] == ',' && !j.afterValue(prev):
		return 0
	case b[prev] == ',' || b[prev] == '[':
		if !same {
			var open int
			if open, depth = j.rootArray(s); open < 0 {
				return 0
			}
			ns.open, ns.key = open, nil
			if kp := j.back(open - 1); kp >= 0 {
				var ok bool
				if ns.key, ok = j.plainKeyBefore(kp); !ok {
					ns.open = -1
					return 0
				}
			}
		}
		ns.end, ns.depth = t, depth
		key = ns.key
	default:
		return 0
	}
	if j.numKey.context(r, key, b[s] == '-') {
		return 0 // numberInert, its shape judged above
	}
	if ns.end == t {
		// In an array of numbers: the numbers after this one are judged
		// here too, each as it would be on its own hit, so that their
		// hits cost no set-up each (an embedding's floats).
		t, ns.depth = j.inertNumbersAfter(t, key, depth)
		ns.end = t
	}
	return t
}

// inertNumbersAfter returns the end of the last of the numbers that follow
// the inert number ending at t, depth arrays deep in its outermost array
// (see numberScan), one after the other, that are inert under that
// array's key too (as inertNumberAt judges them: a whole number, where a
// value ends, numberInert), and how deep that one lies; t and depth if
// the next one is not. Only numbers, commas, brackets of arrays inside
// the outermost one and whitespace lie between them, so no quote. The
// key's context is asked once per sign, not once per number.
func (j *jsonWalker) inertNumbersAfter(t int, key []byte, depth int) (int, int) {
	b := j.in
	var ctx signContext
	end, endDepth := t, depth
	for i := t; ; {
		// After a number or a ']': a ']' that closes an inner array, or a
		// comma, then as many '[' as open, then the next number.
		c := j.ws(i)
		for c < len(b) && b[c] == ']' && depth > 1 {
			depth--
			c = j.ws(c + 1)
		}
		if c >= len(b) || b[c] != ',' {
			return end, endDepth
		}
		s := j.ws(c + 1)
		for s < len(b) && b[s] == '[' {
			depth++
			s = j.ws(s + 1)
		}
		if s >= len(b) || !isNumberByte(b[s]) {
			return end, endDepth
		}
		u, plus, intDigits, ok := scanNumber(b, s)
		if !ok || !shapeInert(plus, intDigits, b[s:u]) {
			return end, endDepth
		}
		// What follows must end the value (closesValue), which the next
		// element or a bracket right after it does, as in most arrays.
		if !(u+1 < len(b) && (b[u] == ']' || b[u] == ',' && (isDigit(b[u+1]) || b[u+1] == '-' || b[u+1] == '['))) && !j.closesValue(u) {
			return end, endDepth
		}
		if ctx.of(j, key, b[s] == '-') {
			return end, endDepth
		}
		end, endDepth = u, depth
		i = u
	}
}

// keyHead is a plain key that numbers were read under, known by its
// head: the bytes from the '{' or ',' before the key through the colon
// after it (`,"score":`, with any whitespace between). A number after
// the same bytes is read under the same key, as plainKeyBefore would
// find it: the same quotes, the same bytes between, the same byte before
// the key, and (for a ',') a value before the comma, which head checks.
// Records repeat their keys, and finding the key cost more than the rest
// of a number's judging.
type keyHead struct {
	raw [keyHeadMax]byte
	n   uint8
	ctx signContext // the key's
	key []byte      // the key in the document where the head was first seen
}

// keyHeadMax bounds the heads kept; a longer one is judged each time.
const keyHeadMax = 40

// signContext keeps numberKeyContext for one key by sign (1: minus),
// where a run of numbers under that key asks it again and again: 0 not
// asked yet, 1 none, 2 a context.
type signContext [2]int8

// of returns numberKeyContext for key (neg: with a minus sign), which is
// the key c keeps answers for, asking the memo once per sign.
func (c *signContext) of(j *jsonWalker, key []byte, neg bool) bool {
	i := 0
	if neg {
		i = 1
	}
	if c[i] == 0 {
		c[i] = 1
		if j.numKey.context(j.r, key, neg) {
			c[i] = 2
		}
	}
	return c[i] == 2
}

// head returns the head kept that ends at the colon at prev, or nil.
func (ns *numberScan) head(j *jsonWalker, prev int) *keyHead {
	b := j.in
	for k := range ns.heads {
		h := &ns.heads[(int(ns.headLast)+k)%len(ns.heads)]
		n := int(h.n)
		if n == 0 || n > prev+1 || string(b[prev+1-n:prev+1]) != string(h.raw[:n]) {
			continue
		}
		if h.raw[0] == ',' && !j.afterValue(prev+1-n) {
			return nil
		}
		ns.headLast = uint8((int(ns.headLast) + k) % len(ns.heads))
		return h
	}
	return nil
}

// newHead keeps the head of the plain key key, which plainKeyBefore found
// before the colon at prev, and returns it; nil if it is too long.
func (ns *numberScan) newHead(j *jsonWalker, prev int, key []byte) *keyHead {
	kq := j.back(prev - 1)          // the key's closing quote
	hs := j.back(kq - len(key) - 2) // the '{' or ',' before its opening one
	if hs < 0 || prev+1-hs > keyHeadMax {
		return nil
	}
	h := &ns.heads[ns.headNext]
	ns.headLast, ns.headNext = ns.headNext, (ns.headNext+1)%uint8(len(ns.heads))
	*h = keyHead{n: uint8(prev + 1 - hs), key: key}
	copy(h.raw[:], j.in[hs:prev+1])
	return h
}

// plain reports whether numbers and digit strings may be judged at all:
// no enabled rule but the digits trigger has an anchor of number bytes,
// hits are not all kept, and the document holds no escaped quote (so a
// quote count tells strings from the rest; a backslash before a quote
// that closes a string, "C:\\", counts as one too). Other escapes ("\n",
// "\u0026") lie in strings, which these judge only by their quotes, and
// plainKeyBefore takes no key with a backslash.
func (ns *numberScan) plain(j *jsonWalker) bool {
	if !j.r.numbersDigitsOnly || j.r.keepAllHits {
		return false
	}
	if ns.esc < 0 {
		ns.esc = 0
		if slash := bytes.IndexByte(j.in, '\\'); slash >= 0 && bytes.Contains(j.in[slash:], escapedQuoteBytes) {
			ns.esc = 1
		}
	}
	return ns.esc == 0
}

// escapedQuoteBytes is a backslash before a quote.
var escapedQuoteBytes = []byte(`\"`)

// inertDigitStringAt returns the end of the run of digits in which the
// digit anchor ending at e lies, if the run is a whole string value under
// a key, `"resourceVersion":"123456789"`, in which a visit would find
// nothing; otherwise 0. A string of ids, versions or amounts is as common
// as a number, and declineDigits passes by only the runs that are no card,
// SSN or North American number whatever their context.
//
// The string is its digits alone, so validateDigits reads one group: a
// card when cardIssuer, luhn and allSame say so (13 to 19 digits: kept
// here), and otherwise an SSN or phone number only with a phone or SSN
// word as its context, which for a value starting at its digits is the
// key (keyInReach), as valueKeyContext reads it. The card test is the one
// a plain integer gets (shapeInert). It decides only where sparse reads
// the same key: as inertNumberAt, in a document with no escaped quote
// (numberScan.plain), where the string stands after a key
// (plainKeyBefore) and closes a value.
func (j *jsonWalker) inertDigitStringAt(e int, ns *numberScan) int {
	b := j.in
	if !ns.plain(j) {
		return 0
	}
	ds, de := e, e
	for ds > 0 && e-ds <= candMaxDigits && isDigit(b[ds-1]) {
		ds--
	}
	for de < len(b) && de-ds <= candMaxDigits && isDigit(b[de]) {
		de++
	}
	if ds == 0 || b[ds-1] != '"' || de == len(b) || b[de] != '"' || de-ds > candMaxDigits || ds < ns.qpos {
		return 0
	}
	if !shapeInert(false, de-ds, b[ds:de]) {
		return 0 // a card may be
	}
	ns.qn += bytes.Count(b[ns.qpos:ds], quoteByte)
	ns.qpos = ds
	if ns.qn%2 == 0 || !j.closesValue(de+1) {
		return 0 // the quote before the digits closes a string, or no value ends after them
	}
	prev := j.back(ds - 2)
	if prev < 0 || b[prev] != ':' {
		return 0
	}
	key, ok := j.plainKeyBefore(prev)
	if !ok || j.numKey.valueContext(j.r, key, ctxString) {
		return 0
	}
	return de
}

// maxNumberLook bounds inertNumberAt's look-backs, so that its work per
// hit stays bounded.
const maxNumberLook = 256

// rootArray returns the opening bracket of the array whose key the number
// at s, an array element, is read under (see keyOf): the outermost of the
// arrays that hold it one inside another, which stands after a key or at
// the top level; and how deep in it s lies (1: an element of it). It
// looks back at most maxNumberLook bytes, over numbers, commas,
// whitespace and the brackets of arrays before s, and returns -1 if it
// meets anything else.
func (j *jsonWalker) rootArray(s int) (open, depth int) {
	b := j.in
	skip := 0 // arrays before s being looked back over
	for i := s - 1; i >= 0 && s-i <= maxNumberLook; i-- {
		switch c := b[i]; {
		case isNumberByte(c) || c == ',' || isJSONSpace(c):
		case c == ']':
			skip++
		case c == '[' && skip > 0:
			skip--
		case c == '[':
			depth++
			switch p := j.back(i - 1); {
			case p < 0 || b[p] == ':':
				return i, depth
			case b[p] != ',' && b[p] != '[':
				return -1, 0
			}
		default:
			return -1, 0
		}
	}
	return -1, 0
}

// sameArray reports whether the bytes b, between a number depth arrays
// deep in its outermost array and a later number, lie within that array:
// numbers, commas, whitespace, and brackets that never close it. It
// returns how deep the later number lies.
func sameArray(b []byte, depth int) (int, bool) {
	for _, c := range b {
		switch {
		case c == '[':
			depth++
		case c == ']':
			if depth--; depth < 1 {
				return 0, false
			}
		case !isNumberByte(c) && c != ',' && !isJSONSpace(c):
			return 0, false
		}
	}
	return depth, true
}

// plainKeyBefore returns the object key that ends just before the colon
// at prev, as keyBefore reads it in a document with no backslash, if the
// walkers read the value under it as written: a key with no anchor, or an
// inert one (see inertKey), is never rewritten. ok is false otherwise, or
// when the key does not stand where keyBefore wants one.
func (j *jsonWalker) plainKeyBefore(prev int) (key []byte, ok bool) {
	ks, kq, ok := j.keyQuotes(prev)
	if !ok {
		return nil, false
	}
	key = j.in[ks+1 : kq]
	if !plainKeyBytes(key) || !j.keyContext(j.back(ks-1)) {
		return nil, false // a key with an escape is read decoded
	}
	if !j.numKey.plain(j.r, key) {
		return nil, false
	}
	return key, true
}

// plainValue reports whether the string in which the anchors ending at e
// (in match state st) lie, and which ends at the quote q, is a plain
// value: an array element, or the value of an object member whose key
// names no name/value pair. A
// keyed-rule hit elsewhere is kept even when its rule declines it, as a
// walker reads the string through it: an object key (is it a secret
// key?) or a pair's name ({"name":"DB_PASSWORD","value":…}).
func (j *jsonWalker) plainValue(e, q int, st uint32) bool {
	b := j.in
	if c := j.ws(q + 1); c == len(b) || b[c] != ',' && b[c] != '}' && b[c] != ']' {
		return false // a key, or not JSON
	}
	// The string's opening quote, however far: dropHits asks once per
	// string (plainQ, mixedQ), so the looks back stay linear. (An escaped
	// quote found first leaves a backslash before it: false. A string
	// with one is visited whole anyway, see listEscapes.)
	a := e - j.r.m.outputs(st)[0].n // outputs are longest first
	p := bytes.LastIndexByte(b[:a], '"')
	if p < 0 {
		return false
	}
	pb := j.back(p - 1)
	switch {
	case pb < 0:
		return false
	case b[pb] == ',' || b[pb] == '[':
		return true // an array element names no pair (or the string is a key, ruled out above)
	case b[pb] != ':':
		return false
	}
	ks, kq, ok := j.keyQuotes(pb)
	if !ok {
		return false
	}
	key := b[ks+1 : kq]
	return bytes.IndexByte(key, '\\') < 0 && !isPairName(key)
}

// keyQuotes returns where the quotes of the object key that ends just
// before the colon at colon are: the closing one, kq, with only
// whitespace between, and the last quote before it, ks, looked for at
// most inertKeyMaxLen bytes back. ok is false when there are none.
func (j *jsonWalker) keyQuotes(colon int) (ks, kq int, ok bool) {
	b := j.in
	kq = j.back(colon - 1)
	if kq < 0 || b[kq] != '"' {
		return 0, 0, false
	}
	lo := max(0, kq-inertKeyMaxLen-1)
	ks = bytes.LastIndexByte(b[lo:kq], '"')
	if ks < 0 {
		return 0, 0, false
	}
	return lo + ks, kq, true
}

// inertKeyAt returns the index of the closing quote of the inert object
// key in which every anchor ending at e (in match state st) lies, or 0
// when they do not all lie in one, or it is not inert. The key is the
// string from the last quote before the longest anchor to the first
// quote after e, with no backslash or control byte in it, and it must
// stand where sparse checks that a key stands: after '{' or a value and
// ',', and before ':' and the start of a value. (In valid JSON those
// quotes are a string's, as no escape lies between them. A hit in no
// string makes the document invalid there, which jsonUnchecked need not
// report, and json checks every byte anyway.)
func (j *jsonWalker) inertKeyAt(e int, st uint32) int {
	b := j.in
	q := bytes.IndexByte(b[e:min(len(b), e+inertKeyMaxLen+1)], '"') // bounded work per hit
	if q < 0 {
		return 0
	}
	return j.inertKeyEnding(e, e+q, st)
}

// inertKeyEnding is inertKeyAt when the first quote after e is known to
// be at q.
func (j *jsonWalker) inertKeyEnding(e, q int, st uint32) int {
	b := j.in
	if q-e > inertKeyMaxLen {
		return 0
	}
	colon := j.ws(q + 1)
	if colon == len(b) || b[colon] != ':' || !j.startsValue(colon+1) {
		return 0 // most often a value: followed by ',' or '}'
	}
	a := e - j.r.m.outputs(st)[0].n // outputs are longest first
	lo := max(0, a-inertKeyMaxLen-1)
	p := bytes.LastIndexByte(b[lo:a], '"')
	if p < 0 {
		return 0
	}
	p += lo
	if !j.keyContext(j.back(p - 1)) {
		return 0
	}
	key := b[p+1 : q]
	for _, k := range j.inertSeen[:j.inertN] {
		if int(k[1]-k[0]) == len(key) && string(b[k[0]:k[1]]) == string(key) {
			return q // a key this document already showed inert
		}
	}
	if len(key) > inertKeyMaxLen || !plainKeyBytes(key) {
		return 0
	}
	if !j.r.inertKey(key) {
		return 0
	}
	// Remember it: an array's objects repeat their keys, a few at a time
	// ("token_type", "max_tokens"), and a compare costs less than the
	// verdict table's hash.
	j.inertSeen[j.inertNext%uint8(len(j.inertSeen))] = [2]int32{int32(p + 1), int32(q)}
	j.inertNext++
	j.inertN = min(j.inertN+1, uint8(len(j.inertSeen)))
	return q
}

// plainKeyBytes reports a key with no backslash (no escape) and no
// control byte (which JSON forbids in a string): one loop where a search
// and a loop cost more on a short key.
func plainKeyBytes(key []byte) bool {
	for _, c := range key {
		if c < 0x20 || c == '\\' {
			return false
		}
	}
	return true
}

// inertKey reports whether the object key key (its raw bytes, with no
// escape) is inert: objectKey finds nothing in it and reads it as no
// secret key, and it is no code key ("pin"), whose value codeValueAt
// reads through its hit.
func (r *Redactor) inertKey(key []byte) bool {
	if len(key) == 0 {
		return false
	}
	slot := &r.inertKeys.slots[memoSlot(key, inertKeySlots)]
	if v := slot.Load(); v != nil && v.key == string(key) {
		return v.inert
	}
	k := trimKey(key)
	inert := !r.isSecretKey(k) && !isCodeKey(k)
	if inert {
		_, changed, _ := r.appendRedactedKey(nil, key, jsonKey{}, nil, nil)
		inert = !changed
	}
	slot.Store(&keyVerdict{key: string(key), inert: inert})
	return inert
}
