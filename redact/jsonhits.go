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
//     test rules it out on the rest of its string (a URL with no '@',
//     "Bearer" alone, "sk" in "task"); see machine.declinedInString.
//   - inert keys: the hit lies in an object key that is neither secret nor
//     a code key and in whose text no rule finds anything ("max_tokens",
//     "prompt_tokens", "token_type"). A key is read as secret only through
//     a hit in it, so without its hits it is read exactly as an inert key
//     is; its values still know their key (the walkers read it back).
//     Verdicts are remembered per Redactor (inertKeys): an API's responses
//     repeat the same few keys, and a verdict depends on the key's bytes
//     and the Redactor's configuration only.
//
// A string with an escape is never judged here (the walkers decode it
// whole anyway), nor one whose bounds are unclear.

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
// whose visit would find nothing: declined anchors and inert keys. With
// parity, only hits in a string by the parity of the quotes before them
// (escaped ones, j.escQ, not counted) are dropped, as sparse reads
// strings that way.
func (j *jsonWalker) dropHits(parity bool) {
	r, b := j.r, j.in
	if r.keepAllHits {
		return
	}
	q := quoteCounter{in: b, escQ: j.escQ}
	j.lastComma, j.sparseBudget, j.lastKeyEnd = -1, 2*len(b)+1024, -1 // for valueKey, as sparse sets them
	out := j.hits[:0]
	inertEnd := -1                 // hits up to here lie in an inert key already judged
	placeOpen, placeOK := -1, false // inPlace's verdict on the string opening there
	for i, h := range j.hits {
		e := int(h)
		if e <= inertEnd {
			continue
		}
		open := -1
		if parity {
			var in bool
			if in, open = q.at(e - 1); !in {
				out = append(out, h)
				continue
			}
		}
		st := j.hitSts[i]
		flags := r.m.stateFlags(st)
		if flags&stDeclOnly != 0 && r.m.declinedInString(b, e, st) {
			if !parity {
				continue
			}
			if open != placeOpen {
				placeOpen, placeOK = open, j.inPlace(open, e)
			}
			if placeOK {
				continue
			}
		}
		// A digit run is a number's or a value's far more often than a
		// key's: not worth the look.
		if flags&stDigits == 0 {
			if end := j.inertKeyAt(e, st, open); end > 0 {
				inertEnd = end
				continue
			}
		}
		out = append(out, h)
	}
	j.hits = out
}

// inPlace reports whether the string that opens at s and holds the byte
// before e stands where sparse would accept it, as a key or a value: a
// dropped hit must not hide bytes that are not JSON (jsonUnchecked then
// gives the document to JSON).
func (j *jsonWalker) inPlace(s, e int) bool {
	q := bytes.IndexByte(j.in[e:min(len(j.in), e+maxDeclineScan)], '"')
	if q < 0 || e+q-s > maxDeclineScan {
		return false // bounded work per hit: a long string is visited
	}
	end := e + q + 1
	if hasControl(j.in[s+1 : end-1]) {
		return false // not a JSON string: sparse's str says so
	}
	if c := j.ws(end); c < len(j.in) && j.in[c] == ':' {
		return j.keyContext(j.back(s-1)) && j.startsValue(c+1)
	}
	_, ok := j.valueKey(s, end)
	return ok
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
func (j *jsonWalker) inertKeyAt(e int, st uint32, open int) int {
	b := j.in
	q := bytes.IndexByte(b[e:min(len(b), e+inertKeyMaxLen+1)], '"') // bounded work per hit
	if q < 0 {
		return 0
	}
	q += e
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
	if open >= 0 && p != open || !j.keyContext(j.back(p-1)) {
		return 0 // with open (the string's quote by parity), the anchor must lie after it
	}
	key := b[p+1 : q]
	if len(key) > inertKeyMaxLen || bytes.IndexByte(key, '\\') >= 0 || hasControl(key) {
		return 0
	}
	if !j.r.inertKey(key) {
		return 0
	}
	return q
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
