package redact

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"
)

// JSONUnchecked is JSON for a document the caller already expects to be
// valid JSON, such as a response body its handler declared as
// application/json. On valid JSON it returns exactly what JSON returns.
// It is faster because it parses only the tokens in which an anchor ends
// (see MayMatch), found from one automaton pass and the parity of the
// quotes before them, instead of walking the whole document: most API
// JSON has anchors ("Bearer", "@", "max_tokens") in a few tokens and
// none in the rest.
//
// A string with an escape is visited too, decoded and checked whole, as
// an escape can hide an anchor ("\u0070assword").
//
// What it does not do is check the parts of the document between those
// tokens. Where the bytes around an anchor that a rule may act on, or an
// escape, are not valid JSON, it returns what JSON returns, the text
// redaction for invalid input. Invalid JSON elsewhere goes unreported:
// the output is then the input with the redactions a valid document
// would get. (An anchor no rule acts on is one whose rule declines it at
// a glance, as a bare "Bearer", or one in a key that is neither secret
// nor changed, as "max_tokens": see dropHits.) Every
// anchor is still looked at, by the same rules, so this changes what is
// reported, not what is caught; use JSON to validate.
func (r *Redactor) JSONUnchecked(b []byte) []byte {
	if out, ok := r.jsonUnchecked(b, nil); ok {
		return out
	}
	out, _ := r.json(b, nil)
	return out
}

// jsonUnchecked is JSONUnchecked, calling fn (if not nil) for every
// replaced span. ok is false when the caller must run json instead: a
// document under minHitMap bytes, an anchor that holds a quote, or invalid
// JSON at a token with an anchor or an escape.
func (r *Redactor) jsonUnchecked(b []byte, fn func(Finding)) (out []byte, ok bool) {
	if len(b) < minHitMap || len(b) >= 1<<31 || r.spanAnchor {
		return nil, false // a small document: the walk costs less than the set-up
	}
	first, _ := r.m.skipClean(b)
	slash := bytes.IndexByte(b, '\\')
	if first == len(b) && slash < 0 {
		return b, true // no anchor anywhere: nothing to parse
	}
	if bytes.Count(b, []byte{'{'})+bytes.Count(b, []byte{'['}) > maxJSONDepth && jsonDepth(b) > maxJSONDepth {
		return nil, false // JSON rejects such nesting; so must this
	}
	j := r.newJSONWalker(b, fn)
	defer j.release()
	if first < len(b) {
		// No anchor ends before first, so none starts before from: the
		// automaton started there at the root finds every one.
		from := max(0, first-r.m.maxLen+1)
		j.hits, j.hitSts = r.m.hitEnds(b[from:], j.hits, j.hitSts[:0], &j.lanes)
		for i := range j.hits {
			j.hits[i] += int32(from)
		}
	}
	if first < len(b) {
		j.slash = slash // in a document with an escape, hits are judged on their lines
		j.dropHits()    // before the escapes' hits, which have no state
	}
	if slash >= 0 {
		// An escape can hide an anchor ("\u0070assword"), so a string
		// with a backslash is visited as if an anchor ended in it, and
		// decoded whole; and an escaped quote delimits nothing.
		j.listEscapes(slash)
		j.mergeEscapes()
	}
	j.useHits = true
	if !j.sparse() {
		return nil, false
	}
	if j.out == nil {
		return b, true
	}
	return append(j.out, b[j.copied:]...), true
}

// sparse redacts the tokens of j.in in which an anchor ends, as the walk
// of value would, without walking the rest. It reports false at the first
// token that is not valid JSON in its place, having then changed nothing
// the caller keeps.
//
// A string is exactly the bytes between an odd-numbered quote and the
// next one, not counting escaped quotes (see escapes), so a byte lies
// inside a string when an odd number of quotes precede it. Anchors hold no quote, so an
// anchor lies inside one string or outside all of them. Every rewrite the
// walk makes is triggered by an anchor in the token rewritten or, for the
// value of a secret key, in its key; so the tokens with an anchor are all
// that need a look, in input order, along with the keys of their values.
func (j *jsonWalker) sparse() bool {
	in := j.in
	q := quoteCounter{in: in, escQ: j.escQ}
	j.lastComma, j.sparseBudget, j.lastKeyEnd = -1, 2*len(in)+1024, -1
	done := 0 // in[:done] is accounted for: later hits inside it are skipped
	j.renamed, j.renamedBuf = j.renamed[:0], j.renamedBuf[:0]
	for _, h := range j.hits {
		p := int(h) - 1 // the anchor's last byte
		if p < done {
			continue
		}
		inString, open := q.at(p)
		if !inString {
			s, e, ok := j.numberAt(p)
			if !ok {
				return false
			}
			name, ok := j.valueKey(s, e)
			if !ok {
				return false
			}
			j.redactNumber(s, e, jsonKey{name: name, num: true})
			done = e
			continue
		}
		s := open
		e, esc, err := j.str(s)
		if err != nil {
			return false
		}
		q.skipTo(e)
		done = e
		prev, next := j.back(s-1), j.ws(e)
		if next < len(in) && in[next] == ':' {
			if !j.keyContext(prev) || !j.startsValue(next+1) {
				return false
			}
			secretKey, name := j.objectKey(s, e, esc)
			secretKey = secretKey || j.codeValueAt(name, j.ws(next+1))
			if len(name) > 0 && &name[0] != &in[s+1] {
				// Redacted ("password=[REDACTED:…]") or escaped: its
				// values read it as written out, decoded, as in the walk.
				at := len(j.renamedBuf)
				j.renamed = append(j.renamed, renamedKey{end: e, at: at})
				j.renamedBuf = append(j.renamedBuf, name...)
				name = j.renamedBuf[at:] // name may be in a buffer reused next
			}
			if !secretKey {
				j.lastKeyEnd, j.lastKey = e, name // its value most often has an anchor too
				continue
			}
			ve, ok := j.secretValueAt(next + 1)
			if !ok {
				return false
			}
			q.skipTo(ve)
			done = ve
			continue
		}
		name, ok := j.valueKey(s, e)
		if !ok {
			return false
		}
		j.redactValue(s, e, esc, jsonKey{name: name})
		content, cesc := in[s+1:e-1], esc
		if j.valueChanged {
			content, cesc = j.scratch, false // as written out, decoded, as the walk reads it
		}
		// Only an object member names a pair, not an array element read
		// under its array's key.
		if pb := j.back(s - 1); pb >= 0 && in[pb] == ':' && j.r.pairSecretName(name, content, cesc, &j.tmp) {
			// {"name":"DB_PASSWORD","value":…}: the next member's value
			// is a secret if its key is "value" (whose own text holds no
			// anchor, so no hit would bring us there).
			if ve, ok := j.pairValue(e); !ok {
				return false
			} else if ve > 0 {
				q.skipTo(ve)
				done = ve
			}
		}
	}
	return true
}

// pairValue redacts, as the walk does, the member after the name of a
// name/value pair that ends at e, if its key is a pair value ("value"):
// it returns the end of that member's value (0 if there is no such
// member), or false if the bytes there are not JSON.
func (j *jsonWalker) pairValue(e int) (int, bool) {
	in := j.in
	c := j.ws(e)
	if c == len(in) || in[c] != ',' {
		return 0, true
	}
	ks := j.ws(c + 1)
	if ks == len(in) || in[ks] != '"' {
		return 0, false
	}
	ke, esc, err := j.str(ks)
	if err != nil || esc {
		return 0, false // an escaped key ("v\u0061lue"): let JSON decode it
	}
	colon := j.ws(ke)
	if colon == len(in) || in[colon] != ':' {
		return 0, false
	}
	if !pairValueSet.has(in[ks+1 : ke-1]) {
		return 0, true // another member, untouched: its hits come in their turn
	}
	// The walk reads this key as any other (objectKey) before its value;
	// a pair value has no built-in anchor, but a user's may rewrite it.
	_, name := j.objectKey(ks, ke, false)
	if len(name) > 0 && &name[0] != &in[ks+1] {
		return 0, false // rewritten: let JSON decide
	}
	return j.secretValueAt(colon + 1)
}

// secretValueAt replaces the value of a secret key, which starts at the
// first byte at or after i that is not whitespace, whole, whatever its
// type: what lies inside is parsed (and so checked) but not rewritten. It
// returns the value's end, or false if the bytes there are not JSON.
func (j *jsonWalker) secretValueAt(i int) (int, bool) {
	vs := j.ws(i)
	ve, err := j.value(vs, 0, true, nil)
	if err != nil || !j.closesValue(ve) {
		return 0, false
	}
	j.redactSecretValue(vs, ve)
	return ve, true
}

// valueKey checks that the value in[s:e] stands where a value may (see
// valueContext) and returns the key it is read under (see keyOf).
func (j *jsonWalker) valueKey(s, e int) ([]byte, bool) {
	prev, ok := j.valueContext(s, e)
	if !ok {
		return nil, false
	}
	return j.keyOf(prev)
}

// keyOf returns the key, as the walk reads it (see jsonKey), of a value
// whose preceding byte is at prev: after ':' the string before it (see
// keyBefore); inside an array, the array's own key ({"phone":[…]}, see
// jsonWalker.array); none at the top level. ok is false when the bytes
// there are not JSON.
func (j *jsonWalker) keyOf(prev int) ([]byte, bool) {
	if prev < 0 {
		return nil, true
	}
	open := prev
	switch j.in[prev] {
	case ':':
		return j.keyBefore(prev)
	case '[':
	case ',':
		// After a comma a value is an array element (in an object a key
		// comes next): {"phone","4155552671"} is not JSON, and its number
		// must not lose the key that makes it a phone.
		if !j.afterValue(prev) {
			return nil, false
		}
		if open = j.containerOf(prev); open < 0 || j.in[open] != '[' {
			return nil, false
		}
	default:
		return nil, false
	}
	return j.keyOf(j.back(open - 1)) // the array's place: a key, or an outer array
}

// valueContext checks that the value in[s:e] stands where a value may:
// after a colon, an opening bracket or a comma (or at the start), and
// before a comma or a closing bracket (or at the end). It returns where
// the byte before it is (-1 at the start).
func (j *jsonWalker) valueContext(s, e int) (int, bool) {
	prev := j.back(s - 1)
	if prev >= 0 {
		switch j.in[prev] {
		case ':', '[':
		case ',': // an array element: keyOf checks that it is in one
		default:
			return 0, false
		}
	}
	return prev, j.closesValue(e)
}

// keyContext reports whether a key whose preceding byte is at prev stands
// where a key may: after '{', or after a comma that follows a value. That
// the comma is inside an object is not checked (it would cost a look-back
// per key): a key in an array ([1,"phone":4155552671]) is not JSON, but
// its value is still read under it, so nothing is lost.
func (j *jsonWalker) keyContext(prev int) bool {
	if prev < 0 {
		return false
	}
	switch j.in[prev] {
	case '{':
		return true
	case ',':
		return j.afterValue(prev)
	}
	return false
}

// afterValue reports whether the comma at c follows what may end a value
// (not a bracket that opens, another comma or a colon: [,4155552671]).
func (j *jsonWalker) afterValue(c int) bool {
	b := j.back(c - 1)
	if b < 0 {
		return false
	}
	switch j.in[b] {
	case '[', '{', ',', ':':
		return false
	}
	return true
}

// closesValue reports whether a value ending at e is followed by what
// may follow a value: a comma and the start of a token, a closing
// bracket, or the end.
func (j *jsonWalker) closesValue(e int) bool {
	next := j.ws(e)
	if next == len(j.in) {
		return true
	}
	switch j.in[next] {
	case ',':
		// ["password=", hunter2]: what follows the comma is a token.
		return j.startsValue(next + 1)
	case '}', ']':
		return true
	}
	return false
}

// startsValue reports whether the first byte at or after i that is not
// whitespace may start a JSON value or key.
func (j *jsonWalker) startsValue(i int) bool {
	i = j.ws(i)
	if i == len(j.in) {
		return false
	}
	switch c := j.in[i]; {
	case c == '"', c == '{', c == '[', c == '-', isDigit(c), c == 't', c == 'f', c == 'n':
		return true
	}
	return false
}

// containerOf returns where the bracket that opens the container holding
// the comma at c is, or -1 at the top level or when the look-backs of
// this document have read more than their budget (the caller then falls
// back to the walk, so that the total stays linear). Every quote read
// going back that is not escaped opens or closes a string.
//
// Successive elements of one container are the common case: the last
// comma resolved is remembered, and a look-back that reaches it at the
// same depth stops there.
func (j *jsonWalker) containerOf(c int) int {
	if c == j.lastComma {
		return j.lastOpen
	}
	in := j.in
	depth, inString := 0, false
	for i := c - 1; i >= 0; i-- {
		if j.sparseBudget--; j.sparseBudget < 0 {
			return -1
		}
		if i == j.lastComma && depth == 0 && !inString {
			j.lastComma = c
			return j.lastOpen
		}
		switch in[i] {
		case '"':
			if !j.hasEsc || !escapedQuote(in, i) {
				inString = !inString
			}
		case ']', '}':
			if !inString {
				depth++
			}
		case '[', '{':
			if inString {
				continue
			}
			if depth == 0 {
				j.lastComma, j.lastOpen = c, i
				return i
			}
			depth--
		}
	}
	return -1
}

// keyBefore returns the object key of a value after the colon at prev, as
// the walk reads it: the string before the colon, or the same key as
// written out if it was redacted here (j.renamed). ok is false when what
// precedes the colon is not a key.
func (j *jsonWalker) keyBefore(prev int) (key []byte, ok bool) {
	kq := j.back(prev - 1) // the key's closing quote
	if kq+1 == j.lastKeyEnd {
		return j.lastKey, true // the key just redacted here, checked then
	}
	if kq < 0 || j.in[kq] != '"' {
		return nil, false
	}
	ks := bytes.LastIndexByte(j.in[:kq], '"')
	if j.hasEsc {
		ks = lastQuote(j.in, kq)
	}
	if ks < 0 || hasControl(j.in[ks+1:kq]) {
		return nil, false
	}
	if !j.keyContext(j.back(ks - 1)) {
		return nil, false
	}
	if len(j.renamed) > 0 {
		if n, found := slices.BinarySearchFunc(j.renamed, kq+1, func(r renamedKey, end int) int { return r.end - end }); found {
			end := len(j.renamedBuf)
			if n+1 < len(j.renamed) {
				end = j.renamed[n+1].at
			}
			return j.renamedBuf[j.renamed[n].at:end], true
		}
	}
	if j.hasEsc && bytes.IndexByte(j.in[ks+1:kq], '\\') >= 0 {
		// An escaped key is read decoded. One that sparse visited (it has
		// a backslash, so it was) is in renamed; anything else is not a
		// key sparse understands: let JSON decide.
		return nil, false
	}
	return j.in[ks+1 : kq], true
}

// renamedKey is a key that sparse redacted: it ends at end, and reads as
// written out from renamedBuf[at:] up to the next one's at.
type renamedKey struct{ end, at int }

// back returns the index of the last byte of in[:i+1] that is not JSON
// whitespace, or -1.
func (j *jsonWalker) back(i int) int {
	for ; i >= 0; i-- {
		if j.in[i] > ' ' {
			return i // the common case, one comparison
		}
		switch j.in[i] {
		case ' ', '\t', '\n', '\r':
		default:
			return i
		}
	}
	return -1
}

// numberAt returns the bounds of the number token around in[p], a byte
// outside every string; ok is false if in[p] is not inside a valid number.
func (j *jsonWalker) numberAt(p int) (s, e int, ok bool) {
	in := j.in
	s = p + 1
	for s > 0 && isNumberByte(in[s-1]) {
		s--
	}
	if s > p {
		return 0, 0, false // in[p] itself is no number byte
	}
	e, err := j.number(s)
	if err != nil || e <= p || (e < len(in) && isNumberByte(in[e])) {
		return 0, 0, false
	}
	return s, e, true
}

func isNumberByte(c byte) bool { return ctab[c]&cNumber != 0 }

// hasControl reports a byte below 0x20, which JSON strings may not hold raw.
func hasControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 {
			return true
		}
	}
	return false
}

// quoteCounter answers "is in[p] inside a string?" for increasing p,
// counting the quotes between one question and the next, less the
// escaped ones.
type quoteCounter struct {
	in   []byte
	pos  int     // quotes in in[:pos] are counted
	odd  bool    // an odd number of them
	escQ []int32 // where the escaped quotes are, which delimit nothing (see escapes)
	ei   int     // escQ[:ei] are before pos
}

var quoteByte = []byte{'"'}

// at reports whether in[p] (not a quote) is inside a string, and where
// that string's opening quote is.
func (q *quoteCounter) at(p int) (inString bool, open int) {
	// bytes.Count is vectorised in the runtime: several times the speed
	// of counting eight bytes at a time in Go over the short stretches
	// between hits.
	n := bytes.Count(q.in[q.pos:p], quoteByte)
	for q.ei < len(q.escQ) && int(q.escQ[q.ei]) < p {
		if int(q.escQ[q.ei]) >= q.pos {
			n--
		}
		q.ei++
	}
	if n&1 == 1 {
		q.odd = !q.odd
	}
	q.pos = p
	if !q.odd {
		return false, -1
	}
	if len(q.escQ) == 0 {
		return true, bytes.LastIndexByte(q.in[:p], '"')
	}
	return true, lastQuote(q.in, p)
}

// skipTo moves the count to e, just past a closing quote: no string is
// open there.
func (q *quoteCounter) skipTo(e int) {
	q.pos, q.odd = e, false
}

// lastQuote returns the last quote in in[:p] that is not escaped, or -1.
func lastQuote(in []byte, p int) int {
	k := bytes.LastIndexByte(in[:p], '"')
	for k >= 0 && escapedQuote(in, k) {
		k = bytes.LastIndexByte(in[:k], '"')
	}
	return k
}

// escapedQuote reports whether the quote at in[k] follows an odd run of
// backslashes: inside a string, it is text.
func escapedQuote(in []byte, k int) bool {
	n := 0
	for k-n > 0 && in[k-n-1] == '\\' {
		n++
	}
	return n&1 == 1
}

// shortEscapes are the letters, after one backslash, of the JSON escapes
// that stand for one byte other than a quote or a backslash.
const shortEscapes = "nrtbf/"

// listEscapes prepares a document with backslashes, the first at slash:
// it lists the escaped quotes (for quoteCounter) and, in j.escHits, a hit
// at every run of backslashes whose string sparse must visit, decode and
// check whole, as the walk would: every run that may hide an anchor
// ("\u0070assword", and \" and \\, which the quote count and
// decline tests read otherwise). An escape that stands for bytes no
// anchor holds cannot hide one: a short escape (\n, \t) in
// machine.escInert (\/ is not one, as webhook URLs are anchors), or
// a \uXXXX escape that machine.inertUnicode takes ("\u0026", "\u00e9").
// Then every anchor of the decoded string lies between two escapes,
// verbatim in the raw bytes, and ends at a hit already listed. A string
// whose escapes are all such and in which no hit survived dropHits then
// needs no visit: an LLM's answer or a Markdown text with its \n, a URL
// with encoding/json's "\u0026" (dropHits judged the hits of
// such a string on their decoded lines, see escapedLines). Such an
// escape in a string where a hit survived, or in a key, counts as
// before, so that the string is visited whole and decoded; and an
// escaped key is recorded, as sparse needs. It runs after dropHits, on
// the hits that survived; mergeEscapes adds its hits to them.
func (j *jsonWalker) listEscapes(slash int) {
	in := j.in
	j.hasEsc = true
	j.escQ, j.escHits = j.escQ[:0], j.escHits[:0]
	str := escString{end: -1} // the string of the escapes last looked at
	m := j.r.m
	for i := slash; i >= 0; {
		r := i
		for r < len(in) && in[r] == '\\' {
			r++
		}
		short := 0 // the length of an inert escape after its backslash
		if r-i == 1 {
			short = m.inertEscape(in[r:])
			if short == 0 && r < len(in) && (in[r] == '/' || in[r] == 'u') {
				// PHP's "https:\/\/…", encoding/json's "\u003e": an escape
				// that stands for a byte some anchor holds, which no
				// anchor of its decoded string holds here: its
				// neighbours fit none (the common case), or a walk of
				// the decoded string finds none.
				if c, n, ok := m.escapeByte(in[r:]); ok && (m.fitsNoAnchor(in, i, r+n, c) || j.hidesNoAnchor(&str, i)) {
					short = n
				}
			}
		}
		if short == 0 || j.mustVisit(&str, i) {
			j.escHits = append(j.escHits, int32(i)+1)
		}
		if (r-i)&1 == 1 && r < len(in) && in[r] == '"' {
			j.escQ = append(j.escQ, int32(r))
		}
		// The next backslash: escapes come close together in text that
		// is not English ("Jos\u00e9 Mu\u00f1oz"), where a search costs
		// more than the few bytes it would pass.
		if i = nextBackslash(in, r+max(short, 1)); i >= len(in) {
			break
		}
	}
}

// escapeByte returns the byte that the escape whose letter starts esc
// stands for (0x80 for a code point from U+0080 on, when no anchor holds
// a byte from 0x80 on: each of its bytes is of class 0, as 0x80 is) and
// its length after the backslash; ok is false for no escape, or a code
// point from U+0080 on when an anchor holds a high byte.
func (m *machine) escapeByte(esc []byte) (c byte, n int, ok bool) {
	if len(esc) == 0 {
		return 0, 0, false
	}
	switch e := esc[0]; e {
	case 'u':
		if len(esc) < 5 {
			return 0, 0, false
		}
		h0, h1, h2, h3 := hexValue[esc[1]], hexValue[esc[2]], hexValue[esc[3]], hexValue[esc[4]]
		if (h0|h1|h2|h3)&0x10 != 0 {
			return 0, 0, false
		}
		if c = h2<<4 | h3; h0|h1 != 0 || c >= 0x80 {
			return 0x80, 5, m.inertHigh
		}
		return c, 5, true
	case '"', '\\', '/':
		return e, 1, true
	}
	c = shortEscapeByte(esc[0])
	return c, 1, c != 0
}

// fitsNoAnchor reports that the byte c, which the escape from the
// backslash at i to end stands for, lies in no anchor where it stands: no
// anchor holds a byte of c's class with the bytes around it (see
// classFit). The byte after is in[end], or the one the escape there
// stands for. The byte before is in[i-1], raw, even when an escape ends
// there: an anchor that holds c after another escape's byte holds that
// escape's byte too, and the first escape of an anchor is judged right
// (before it, the anchor's bytes are raw; after it, decoded), so the
// string is visited all the same. A quote around the string is of class
// 0, so it fits nothing.
func (m *machine) fitsNoAnchor(in []byte, i, end int, c byte) bool {
	pb := in[i-1]
	var nb byte
	if end < len(in) {
		nb = in[end]
		if nb == '\\' {
			ok := true
			if end+1 < len(in) && in[end+1] != '\\' {
				nb, _, ok = m.escapeByte(in[end+1:])
			}
			if !ok {
				return false
			}
		}
	}
	return !m.fit(c, pb, nb)
}

// fit reports whether some anchor holds a byte of c's class right after a
// byte of pb's and right before one of nb's, or starts or ends with it
// next to one of those (see classFit).
func (m *machine) fit(c, pb, nb byte) bool {
	cc := m.class[c]
	if cc == 0 {
		return false
	}
	f := &m.fits[cc]
	P, N := uint(m.class[pb]), uint(m.class[nb])
	if f.alone || f.next[N>>6]&(1<<(N&63)) != 0 || f.prev[P>>6]&(1<<(P&63)) != 0 {
		return true
	}
	k := P*uint(m.stride) + N
	return f.mid != nil && f.mid[k>>6]&(1<<(k&63)) != 0
}

// escString is what listEscapes learns of the string its escapes lie in,
// each thing once per string, as it is first needed: its quotes, whether
// it must be visited all the same (mustVisit) and whether its escapes
// hide an anchor (hidesNoAnchor).
type escString struct {
	start, end   int  // its quotes (start -2 until needed); end -1 before the first string
	visit, hides int8 // mustVisit's and hidesNoAnchor's answers: 0 not asked yet, 1 no, 2 yes
}

// enter makes s the string in which the backslash at i lies, if it is not
// yet: in valid JSON, the one that the unescaped quotes around i delimit.
func (s *escString) enter(in []byte, i int) {
	if i > s.end {
		end, _ := stringEndAfter(in, i)
		*s = escString{start: -2, end: end}
	}
}

// opening returns the string's opening quote (-1 if none), the last
// quote before i that no backslash escapes.
func (s *escString) opening(in []byte, i int) int {
	if s.start == -2 {
		s.start = bytes.LastIndexByte(in[:i], '"')
		for s.start >= 0 && escapedQuote(in, s.start) {
			s.start = bytes.LastIndexByte(in[:s.start], '"')
		}
	}
	return s.start
}

// mustVisit reports whether the string of the inert escape at i must be
// visited all the same: a hit that dropHits kept ends in it, or it is a
// key (its values are read under it decoded, and sparse wants every
// escaped key recorded).
func (j *jsonWalker) mustVisit(s *escString, i int) bool {
	in := j.in
	s.enter(in, i)
	if s.visit == 0 {
		visit := s.end < len(in) && j.ws(s.end+1) < len(in) && in[j.ws(s.end+1)] == ':'
		if !visit && len(j.hits) > 0 {
			k, _ := slices.BinarySearch(j.hits, int32(s.opening(in, i)+2)) // an anchor's last byte after the quote
			visit = k < len(j.hits) && int(j.hits[k]) <= s.end
		}
		s.visit = 1
		if visit {
			s.visit = 2
		}
	}
	return s.visit == 2
}

// hidesNoAnchor reports whether no anchor of the decoded text of the
// string in which the backslash at i lies holds a byte that an escape
// stands for: then every anchor of it lies between escapes, verbatim in
// the raw bytes, as for an inert escape. It walks the automaton over the
// string as decoded, one byte per escape (a code point from U+0080 on is
// one byte of class 0 when no anchor holds a byte from 0x80 on, as all of
// its UTF-8 bytes are: a byte of class 0 leads every state back to the
// root), and remembers where the last escape's byte was: an anchor that
// ends later and reaches back to it holds it. It takes only a string of
// at most maxHiddenCheck bytes whose escapes are all valid (a visit
// reports the others), and walks each string once.
func (j *jsonWalker) hidesNoAnchor(s *escString, i int) bool {
	in := j.in
	s.enter(in, i)
	if s.hides == 0 {
		s.hides = 2
		if j.decodedHoldsNoEscape(s.opening(in, i), s.end) {
			s.hides = 1
		}
	}
	return s.hides == 1
}

// decodedHoldsNoEscape is hidesNoAnchor's walk of the string between the
// quotes at start and end.
func (j *jsonWalker) decodedHoldsNoEscape(start, end int) bool {
	in, m := j.in, j.r.m
	if start < 0 || end >= len(in) || end-start > maxHiddenCheck {
		return false
	}
	st, p, lastEsc := uint32(root), -1, -1 // p: the decoded byte last fed
	for k := start + 1; k < end; p++ {
		c := in[k]
		if c != '\\' {
			k++
		} else {
			var n int
			var ok bool
			if c, n, ok = m.escapeByte(in[k+1 : end]); !ok {
				return false // no escape, or a high byte an anchor holds
			}
			k += 1 + n
			lastEsc = p + 1
		}
		if st = m.trans[st+uint32(m.class[c])]; st >= m.matchMin && lastEsc >= 0 {
			for _, o := range m.outputs(st) {
				if lastEsc > p+1-o.n {
					return false // the anchor ending here holds the escape's byte
				}
			}
		}
	}
	return true
}

// shortEscapeByte returns the byte the escape \e stands for, one of
// \b \f \n \r \t, or 0.
func shortEscapeByte(e byte) byte {
	switch e {
	case 'b':
		return '\b'
	case 'f':
		return '\f'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	}
	return 0
}

// maxHiddenCheck bounds the strings hidesNoAnchor decodes: a longer one is
// visited, which costs about as much.
const maxHiddenCheck = 1024

// nextBackslash returns the index of the first backslash in in from k on,
// or len(in). It reads the first 32 bytes eight at a time: escapes come
// close together in text that is not English ("Jos\u00e9 Mu\u00f1oz"),
// where a search costs more than the bytes it passes.
func nextBackslash(in []byte, k int) int {
	const lsb, msb = 0x0101010101010101, 0x8080808080808080
	for end := min(len(in), k+32); k+8 <= end; k += 8 {
		x := binary.LittleEndian.Uint64(in[k:]) ^ (lsb * '\\')
		if m := (x - lsb) &^ x & msb; m != 0 {
			return k + bits.TrailingZeros64(m)>>3 // the lowest zero byte is exact
		}
	}
	if k >= len(in) {
		return len(in)
	}
	if n := bytes.IndexByte(in[k:], '\\'); n >= 0 {
		return k + n
	}
	return len(in)
}

// inertEscape returns the length of the escape whose letter starts esc,
// after its backslash, if it stands for bytes no anchor holds: 1 for a
// short escape in escInert, 5 for a \uXXXX escape that inertUnicode
// takes; 0 for any other.
func (m *machine) inertEscape(esc []byte) int {
	switch {
	case len(esc) == 0:
		return 0
	case esc[0] == 'u':
		if m.inertUnicode(esc) {
			return 5
		}
	case m.escInert[esc[0]]:
		return 1
	}
	return 0
}

// inertUnicode reports whether the escape whose letter starts u is a
// \uXXXX escape that stands for bytes no anchor holds, as a short escape
// in escInert does: an ASCII byte of class 0 ("\u0026", which
// encoding/json writes for '&', "\u003c" for '<'), or a code point from
// U+0080 on when no anchor holds a byte from 0x80 on (machine.inertHigh:
// "Jos\u00e9", "\ud83d\ude00", as Python writes text by default). Every
// decoding of such an escape, a surrogate paired or alone, gives bytes
// from 0x80 on.
func (m *machine) inertUnicode(u []byte) bool {
	if len(u) == 0 || u[0] != 'u' {
		return false
	}
	c, _, ok := m.escapeByte(u) // 0x80 for U+0080 on, of class 0 when inertHigh
	return ok && m.class[c] == 0
}

// hexValue maps a hex digit to its value and every other byte to 0x10.
var hexValue = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= '0' && c <= '9':
			t[c] = uint8(c - '0')
		case c >= 'a' && c <= 'f':
			t[c] = uint8(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			t[c] = uint8(c - 'A' + 10)
		default:
			t[c] = 0x10
		}
	}
	return t
}()

// stringEndAfter returns the first quote after in[i] that no backslash
// escapes, or len(in) if none: in valid JSON, the end of the string in
// which a backslash at i lies; and whether it passed an escaped quote on
// the way.
func stringEndAfter(in []byte, i int) (end int, escaped bool) {
	for k := i; k < len(in); k++ {
		n := bytes.IndexByte(in[k:], '"')
		if n < 0 {
			break
		}
		if k += n; !escapedQuote(in, k) {
			return k, escaped
		}
		escaped = true
	}
	return len(in), escaped
}

// mergeEscapes adds the hits listEscapes listed to j.hits, in order.
func (j *jsonWalker) mergeEscapes() {
	// Merge the two sorted lists of hits; the old list's buffer serves the
	// next document's merge.
	merged := j.merged[:0]
	a, b := j.hits, j.escHits
	for len(a) > 0 && len(b) > 0 {
		if a[0] <= b[0] {
			merged, a = append(merged, a[0]), a[1:]
		} else {
			merged, b = append(merged, b[0]), b[1:]
		}
	}
	j.merged = j.hits[:0]
	j.hits = append(append(merged, a...), b...)
}

// jsonDepth returns the deepest nesting of brackets outside strings in b.
func jsonDepth(b []byte) int {
	depth, deepest, inString, escaped := 0, 0, false, false
	for _, c := range b {
		if escaped {
			escaped = false
			continue
		}
		switch c {
		case '\\':
			escaped = inString
		case '"':
			inString = !inString
		case '{', '[':
			if !inString {
				depth++
				deepest = max(deepest, depth)
			}
		case '}', ']':
			if !inString {
				depth--
			}
		}
	}
	return deepest
}
