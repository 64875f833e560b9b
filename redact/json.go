package redact

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"math/bits"
	"slices"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// ErrInvalidJSON is wrapped by the error JSON returns for input that is not
// one valid JSON value.
var ErrInvalidJSON = errors.New("redact: invalid JSON")

// maxJSONDepth bounds nesting; deeper documents are rejected (and then
// redacted as text, see JSON).
const maxJSONDepth = 1000

// JSON redacts one JSON document structurally:
//
//   - the value of every secret key (see [Redactor.IsSecretKey]) at any
//     depth is replaced by a placeholder string, whatever its type: a
//     string, a number, an object or an array (null, true, false, "" and
//     placeholders are left alone: they carry no secret, though text
//     after a placeholder still goes through the pattern rules);
//   - in a name/value pair, {"name":"DB_PASSWORD","value":"…"} (also
//     "key", "ParameterKey"…), the member right after a name that is a
//     secret key holds a secret, as if its key were that name;
//   - every other string, object key included, goes through the pattern
//     rules after its escapes (\uXXXX, \n, …) are decoded, and is
//     re-encoded if anything was replaced;
//   - numbers go through the digit rules (a card number stored as a
//     number becomes a placeholder string);
//   - the digit rules read a value's object key as the text before it, as
//     Bytes reads `"phone":"4155552671"`: {"phone":4155552671} and
//     {"ssn":"123456789"} are redacted, {"id":4155552671} is not; the
//     elements of an array are read under the array's key
//     ({"phone":[4155552671]});
//   - everything else (structure, whitespace, untouched strings) is copied
//     byte for byte, so the output is valid JSON.
//
// When nothing is replaced JSON returns b itself. If b is not valid JSON it
// returns the text redaction of b (as Bytes does) and an error wrapping
// ErrInvalidJSON: the bytes are still safe to emit, but not JSON.
func (r *Redactor) JSON(b []byte) ([]byte, error) { return r.json(b, nil) }

// json is JSON, calling fn (if not nil) for every replaced span.
func (r *Redactor) json(b []byte, fn func(Finding)) ([]byte, error) {
	j := r.newJSONWalker(b, fn)
	defer j.release()
	if len(b) >= minHitMap && len(b) < 1<<31 {
		j.hits, j.hitSts = r.m.hitEnds(b, j.hits, j.hitSts[:0], &j.lanes)
		j.dropHits()
		j.useHits = true
	}
	i, err := j.value(j.ws(0), 0, false, nil)
	if err == nil {
		if i = j.ws(i); i != len(b) {
			err = j.errorf(i, "data after the top-level value")
		}
	}
	if err != nil {
		return r.BytesFunc(b, fn), err
	}
	if j.out == nil {
		return b, nil
	}
	return append(j.out, b[j.copied:]...), nil
}

// newJSONWalker returns a walker over b from the pool, its buffers and
// token memo kept from an earlier use; release returns it.
func (r *Redactor) newJSONWalker(b []byte, fn func(Finding)) *jsonWalker {
	j, _ := jsonScratch.Get().(*jsonWalker)
	if j == nil {
		j = &jsonWalker{}
	}
	// Field by field: a composite literal would copy the 2 KiB token memo
	// twice, which costs more than a small document's whole redaction.
	j.r, j.in, j.fn, j.out, j.copied = r, b, fn, nil, 0
	j.jsonBufs = jsonBufs{tmp: j.tmp[:0], rawAt: j.rawAt[:0], scratch: j.scratch[:0], enc: j.enc[:0], key: j.key[:0]}
	j.useHits, j.hits, j.hi = false, j.hits[:0], 0
	j.escQ, j.hasEsc, j.slash = j.escQ[:0], false, -1
	j.inertN, j.inertNext = 0, 0
	if j.keyOwner != r {
		j.tokens = tokenMemo{}
		j.numKey = numberKeyMemo{}
		j.keyOwner = r
	}
	return j
}

func (j *jsonWalker) release() {
	j.held.put(j.r)
	j.r, j.in, j.out, j.fn = nil, nil, nil, nil
	if cap(j.tmp)+cap(j.scratch)+cap(j.enc)+cap(j.key)+4*(cap(j.hits)+cap(j.rawAt)+cap(j.escQ)+cap(j.escHits)+cap(j.merged)) <= 1<<20 {
		jsonScratch.Put(j)
	}
}

type jsonWalker struct {
	r      *Redactor
	fn     func(Finding) // reports replaced spans; may be nil
	in     []byte
	out    []byte // nil until the first change
	copied int    // in[:copied] is accounted for in out
	jsonBufs

	// held serves every token of one document; it goes back to the
	// Redactor's pool on release.
	held heldScanner

	// valueChanged: the last string value redactValue saw was rewritten,
	// its decoded redacted content is in scratch.
	valueChanged bool

	// Where anchors end in the whole input (useHits): a string, number or
	// key with no anchor inside needs no further look.
	useHits bool
	hits    []int32
	hi      int // hits[:hi] end before the token being looked at
	lanes   [hitLanes][]laneHit
	hitSts  []uint32 // the match state at each of hits, for dropHits

	// JSONUnchecked on a document with backslashes: the escaped quotes,
	// and a hit at each run of backslashes (see escapes).
	escQ, escHits, merged []int32
	hasEsc                bool
	slash                 int // for dropHits: the first backslash of a document JSONUnchecked reads, or -1

	// JSONUnchecked's look-backs for a comma's container (containerOf):
	// the last comma resolved and its container's opening bracket, and
	// the bytes the look-backs may still read.
	lastComma, lastOpen, sparseBudget int
	renamed                           []renamedKey // keys JSONUnchecked redacted, in input order
	renamedBuf                        []byte       // their text as written out
	lastKeyEnd                        int          // the last key JSONUnchecked looked at ends here…
	lastKey                           []byte       // … and reads so (see keyBefore)

	// Keys and enum-like values repeat (every object of an array has the
	// same keys, and "status":"active" or "token_type":"Bearer" a hundred
	// times): what each unescaped token with an anchor in it, that
	// redaction left unchanged, was found to be under keyOwner's rules
	// (tokenKey, tokenSecretKey, tokenCleanValue bits).
	tokens   tokenMemo
	numKey   numberKeyMemo
	keyOwner *Redactor

	// The last inert keys dropHits judged in this document, as bounds in
	// in (see inertKeyEnding).
	inertSeen         [4][2]int32
	inertN, inertNext uint8
}

// maxCachedValue is the longest token remembered.
const maxCachedValue = 32

// tokenMemo is a small direct-mapped table of tokens (up to
// maxCachedValue bytes) and what is known of them: one compare where a
// map lookup hashed the whole token.
type tokenMemo [64]struct {
	k    [maxCachedValue]byte
	n    uint8 // len of the token; 0: empty slot
	bits uint8
}

// slot returns where raw lives in the table, and whether it is there.
func (t *tokenMemo) slot(raw []byte) (int, bool) {
	if len(raw) == 0 || len(raw) > maxCachedValue {
		return -1, false
	}
	h := memoSlot(raw, len(t))
	e := &t[h]
	return h, int(e.n) == len(raw) && string(e.k[:e.n]) == string(raw)
}

// get returns the bits known of raw (0: nothing).
func (t *tokenMemo) get(raw []byte) uint8 {
	if i, ok := t.slot(raw); ok {
		return t[i].bits
	}
	return 0
}

// Bits of jsonWalker.tokens.
const (
	tokenKey        = 1 << iota // seen as a key, unchanged
	tokenSecretKey              // ... and it is a secret key
	tokenCleanValue             // seen as a string value, unchanged
)

// minHitMap is the smallest input scanned once up front; below it each
// token is scanned on its own.
const minHitMap = 256

// mayMatch reports whether an anchor may lie inside in[s:e]: false only
// when the up-front scan found none ending there. Calls come in input
// order.
func (j *jsonWalker) mayMatch(s, e int) bool {
	if !j.useHits {
		return true
	}
	for j.hi < len(j.hits) && int(j.hits[j.hi]) <= s {
		j.hi++
	}
	return j.hi < len(j.hits) && int(j.hits[j.hi]) <= e
}

// jsonBufs are the reused buffers for rewriting one string, shared by JSON
// and the JSONWriter.
type jsonBufs struct {
	tmp   []byte  // decoded key or string
	rawAt []int32 // where in the escaped string each byte of tmp comes from
	// Output buffers for one rewritten string.
	scratch, enc []byte
	key          []byte // the decoded key of the value being read (see jsonKey)
}

var jsonScratch sync.Pool // *jsonWalker, for its buffers

func (j *jsonWalker) errorf(i int, format string, args ...any) error {
	return fmt.Errorf("%w at byte %d: %s", ErrInvalidJSON, i, fmt.Sprintf(format, args...))
}

// replace substitutes in[s:e] with repl in the output.
func (j *jsonWalker) replace(s, e int, repl []byte) {
	if j.out == nil {
		j.out = make([]byte, 0, len(j.in)+64)
	}
	j.out = append(j.out, j.in[j.copied:s]...)
	j.out = append(j.out, repl...)
	j.copied = e
}

func (j *jsonWalker) ws(i int) int {
	for i < len(j.in) {
		if j.in[i] > ' ' {
			return i // the common case, one comparison
		}
		switch j.in[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// value parses the value at i and returns its end. Inside a secret value
// (secret set) nothing is rewritten: the caller replaces the whole value.
// key is the decoded object key of the value (for an array element, the
// array's), nil for a top-level value: the digit rules read it as context
// (see jsonKey).
func (j *jsonWalker) value(i, depth int, secret bool, key []byte) (int, error) {
	if i >= len(j.in) {
		return i, j.errorf(i, "unexpected end of input")
	}
	switch c := j.in[i]; {
	case c == '{':
		return j.object(i, depth+1, secret)
	case c == '[':
		return j.array(i, depth+1, secret, key)
	case c == '"':
		end, esc, err := j.str(i)
		if err == nil && !secret {
			j.redactValue(i, end, esc, jsonKey{name: key})
		}
		return end, err
	case c == '-' || isDigit(c):
		end, err := j.number(i)
		if err == nil && !secret {
			j.redactNumber(i, end, jsonKey{name: key, num: true})
		}
		return end, err
	case c == 't':
		return j.lit(i, "true")
	case c == 'f':
		return j.lit(i, "false")
	case c == 'n':
		return j.lit(i, "null")
	default:
		return i, j.errorf(i, "unexpected byte %q", c)
	}
}

func (j *jsonWalker) lit(i int, w string) (int, error) {
	if len(j.in)-i < len(w) || string(j.in[i:i+len(w)]) != w {
		return i, j.errorf(i, "invalid literal")
	}
	return i + len(w), nil
}

func (j *jsonWalker) object(i, depth int, secret bool) (int, error) {
	if depth > maxJSONDepth {
		return i, j.errorf(i, "nesting deeper than %d", maxJSONDepth)
	}
	i = j.ws(i + 1)
	if i < len(j.in) && j.in[i] == '}' {
		return i + 1, nil
	}
	pairName := false // the member before named a secret: {"name":"DB_PASSWORD","value":…}
	for {
		if i >= len(j.in) || j.in[i] != '"' {
			return i, j.errorf(i, "expected a string key")
		}
		ks := i
		ke, esc, err := j.str(i)
		if err != nil {
			return ke, err
		}
		secretKey, name := false, j.in[ks+1:ke-1]
		if !secret {
			secretKey, name = j.objectKey(ks, ke, esc)
			secretKey = secretKey || pairName && pairValueSet.has(name)
		}
		pairName = false
		i = j.ws(ke)
		if i >= len(j.in) || j.in[i] != ':' {
			return i, j.errorf(i, "expected ':'")
		}
		vs := j.ws(i + 1)
		if !secret && !secretKey && j.codeValueAt(name, vs) {
			secretKey = true // {"pin":"4821"}, {"otp":123456}
		}
		ve, err := j.value(vs, depth, secret || secretKey, name)
		if err != nil {
			return ve, err
		}
		switch {
		case secretKey && !secret:
			j.redactSecretValue(vs, ve)
		case !secret && j.in[vs] == '"':
			pairName = j.namesSecret(name, vs, ve)
		}
		i = j.ws(ve)
		if i >= len(j.in) {
			return i, j.errorf(i, "unexpected end of object")
		}
		switch j.in[i] {
		case ',':
			i = j.ws(i + 1)
		case '}':
			return i + 1, nil
		default:
			return i, j.errorf(i, "expected ',' or '}'")
		}
	}
}

// namesSecret reports whether the string value in[vs:ve] of the object
// key name makes its member the name of a name/value pair that holds a
// secret (see pairSecretName). Only a value with an anchor in it can name
// a secret key, so that is looked at first.
func (j *jsonWalker) namesSecret(name []byte, vs, ve int) bool {
	if !isPairName(name) {
		return false // most members: nothing more to read
	}
	if j.valueChanged {
		// Read as written out ("DB_PASSWORD=[REDACTED:…]"), as keys are:
		// a second pass must find the same pair.
		return j.r.namesSecretKey(j.scratch, false, &j.tmp)
	}
	content := j.in[vs+1 : ve-1]
	esc := bytes.IndexByte(content, '\\') >= 0
	if !esc && !j.mayMatch(vs+1, ve-1) {
		return false
	}
	return j.r.namesSecretKey(content, esc, &j.tmp)
}

// isPairName reports a key that may name a name/value pair (see
// pairNameSet): its first letter settles most keys without the set lookup.
func isPairName(key []byte) bool {
	if len(key) == 0 {
		return false
	}
	switch lower(key[0]) { // name, key, parameter…, variable, var, envname, field
	case 'n', 'k', 'p', 'v', 'e', 'f':
		return pairNameSet.has(key)
	}
	return false
}

// pairSecretName reports the name member of a name/value pair naming a
// secret, {"name":"DB_PASSWORD","value":"…"} (Kubernetes and Docker env;
// also "key", "ParameterKey", … see pairNameSet): key is a pair name and
// the string content (escaped if esc, decoded into *tmp) is a secret key.
// The member right after it, if its key is a pair value ("value"), then
// holds a secret, as the text rule reads the same bytes.
func (r *Redactor) pairSecretName(key, content []byte, esc bool, tmp *[]byte) bool {
	return isPairName(key) && r.namesSecretKey(content, esc, tmp)
}

// namesSecretKey reports whether the string content of a pair's name
// (escaped if esc, decoded into *tmp) is a secret key.
func (r *Redactor) namesSecretKey(content []byte, esc bool, tmp *[]byte) bool {
	if esc {
		*tmp = unescapeJSON((*tmp)[:0], content)
		content = *tmp
	}
	return r.isSecretKey(trimKey(content))
}

// objectKey redacts the object key in[ks:ke] (a string token, esc: it has
// escapes) and reports whether it is a secret key, and the key as written
// out, for the digit rules on its value (see jsonKey).
func (j *jsonWalker) objectKey(ks, ke int, esc bool) (secretKey bool, name []byte) {
	raw := j.in[ks+1 : ke-1]
	name = raw
	if !esc && !j.mayMatch(ks+1, ke-1) {
		return false, name // a key with no anchor in it is neither redacted nor a secret key
	}
	if t := j.tokens.get(raw); t&tokenKey != 0 && !esc {
		return t&tokenSecretKey != 0, name // a key seen before, unchanged then
	}
	key := raw
	if esc {
		j.tmp = unescapeJSON(j.tmp[:0], key)
		key = j.tmp
	}
	changed, _ := j.redactString(ks, ke, esc, jsonKey{})
	if changed {
		// Classify the key as it is written out: "password=x"
		// becomes "password=[REDACTED:keyed-secret]", whose last
		// word is a secret noun, and a second pass must not
		// redact more than the first.
		key = j.scratch
	}
	secretKey = (esc || j.mayMatch(ks+1, ke-1)) && j.r.isSecretKey(trimKey(key))
	if esc || changed {
		// Read as written out, too: a second pass sees the same context.
		j.key = append(j.key[:0], key...)
		name = j.key
	}
	if !esc && !changed {
		t := uint8(tokenKey)
		if secretKey {
			t |= tokenSecretKey
		}
		j.remember(raw, t)
	}
	return secretKey, name
}

// array parses the array at i. Its elements are read under the array's
// own key, if it has one ({"phone":[4155552671]} is a list of phones).
func (j *jsonWalker) array(i, depth int, secret bool, key []byte) (int, error) {
	if depth > maxJSONDepth {
		return i, j.errorf(i, "nesting deeper than %d", maxJSONDepth)
	}
	i = j.ws(i + 1)
	if i < len(j.in) && j.in[i] == ']' {
		return i + 1, nil
	}
	var tail [keyTail]byte
	if len(key) > 0 && len(j.key) > 0 && &key[0] == &j.key[0] {
		// j.key is rewritten by the keys of objects in the array: keep
		// the part the digit rules read (see jsonKey.withKey).
		key = tail[:copy(tail[:], key[max(0, len(key)-keyTail):])]
	}
	for {
		e, err := j.value(i, depth, secret, key)
		if err != nil {
			return e, err
		}
		i = j.ws(e)
		if i >= len(j.in) {
			return i, j.errorf(i, "unexpected end of array")
		}
		switch j.in[i] {
		case ',':
			i = j.ws(i + 1)
		case ']':
			return i + 1, nil
		default:
			return i, j.errorf(i, "expected ',' or ']'")
		}
	}
}

// str validates the string starting at the quote at i and returns the
// index after its closing quote and whether it has escapes.
func (j *jsonWalker) str(i int) (int, bool, error) {
	esc := false
	in := j.in
	k := i + 1
	for ; k < len(in); k++ {
		// Eight bytes at a time: jump to the first quote, backslash or
		// control byte (most strings are plain up to their closing quote).
		for k+8 <= len(in) {
			m := specialJSONBytes(binary.LittleEndian.Uint64(in[k:]))
			if m != 0 {
				k += bits.TrailingZeros64(m) >> 3
				break
			}
			k += 8
		}
		if k >= len(in) {
			break
		}
		switch c := in[k]; {
		case c == '"':
			return k + 1, esc, nil
		case c == '\\':
			esc = true
			if k+1 >= len(in) {
				return k, esc, j.errorf(k, "unterminated escape")
			}
			switch in[k+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				k++
			case 'u':
				if k+5 >= len(in) {
					return k, esc, j.errorf(k, "short \\u escape")
				}
				for _, h := range in[k+2 : k+6] {
					if !is(h, cHexLow) && !(h >= 'A' && h <= 'F') {
						return k, esc, j.errorf(k, "bad \\u escape")
					}
				}
				k += 5
			default:
				return k, esc, j.errorf(k, "bad escape")
			}
		case c < 0x20:
			return k, esc, j.errorf(k, "control character in string")
		}
	}
	return len(in), esc, j.errorf(i, "unterminated string")
}

func (j *jsonWalker) number(i int) (int, error) {
	end, _, _, ok := scanNumber(j.in, i)
	if !ok {
		return end, j.errorf(end, "invalid number")
	}
	return end, nil
}

// scanNumber reads the JSON number that starts at i in in. It returns the
// index just past it, whether its exponent's sign is a '+', and how many
// digits it has if it is an integer with no fraction and no exponent
// (otherwise -1). If the bytes break the grammar, ok is false and end is
// where.
func scanNumber(in []byte, i int) (end int, plus bool, intDigits int, ok bool) {
	k := i
	if in[k] == '-' {
		k++
	}
	digits := k
	switch {
	case k < len(in) && in[k] == '0':
		k++
	case k < len(in) && in[k] >= '1' && in[k] <= '9':
		k = digitsEnd(in, k+1)
	default:
		return k, false, -1, false
	}
	intDigits = k - digits
	if k < len(in) && in[k] == '.' {
		k++
		if k >= len(in) || !isDigit(in[k]) {
			return k, false, -1, false
		}
		k = digitsEnd(in, k+1)
		intDigits = -1
	}
	if k < len(in) && (in[k] == 'e' || in[k] == 'E') {
		k++
		if k < len(in) && (in[k] == '+' || in[k] == '-') {
			plus = in[k] == '+'
			k++
		}
		if k >= len(in) || !isDigit(in[k]) {
			return k, plus, -1, false
		}
		k = digitsEnd(in, k+1)
		intDigits = -1
	}
	return k, plus, intDigits, true
}

// digitsEnd returns the end of the run of ASCII digits that starts at k
// in b: runFwd(b, k, cDigit), eight bytes at a time, for the numbers of
// large arrays (scanNumber, inertNumbersAfter). In each word, a byte
// below '0' borrows and one above '9' carries into its high bit, and
// neither reaches a lower byte, so the lowest high bit set is the first
// byte that is not a digit.
func digitsEnd(b []byte, k int) int {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	for k+8 <= len(b) {
		x := binary.LittleEndian.Uint64(b[k:])
		if m := ((x + ones*0x46) | (x - ones*'0')) & highs; m != 0 {
			return k + bits.TrailingZeros64(m)/8
		}
		k += 8
	}
	for k < len(b) && isDigit(b[k]) {
		k++
	}
	return k
}

// specialJSONBytes returns, for the eight bytes of x in little-endian
// order, a mask whose lowest set bit is the high bit of the first byte that
// is '"', '\\' or a control byte (< 0x20), or 0 when there is none: the
// classic has-zero-byte test on x XOR each delimiter, and on x minus 0x20
// for the control bytes. Bits above the lowest may be false alarms (a
// borrow runs on past a real hit), so only the lowest is meaningful.
func specialJSONBytes(x uint64) uint64 {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	quote := x ^ (ones * '"')
	bslash := x ^ (ones * '\\')
	found := (quote - ones) &^ quote
	found |= (bslash - ones) &^ bslash
	found |= (x - ones*0x20) &^ x
	return found & highs
}

// redactValue runs the pattern rules on the string value in[s:e] of key
// k, remembering short unescaped values that have an anchor but stay as
// they are whatever their key, so that their repeats cost one lookup.
func (j *jsonWalker) redactValue(s, e int, esc bool, k jsonKey) {
	j.valueChanged = false
	if esc || !j.mayMatch(s+1, e-1) {
		j.valueChanged, _ = j.redactString(s, e, esc, k)
		return
	}
	raw := j.in[s+1 : e-1]
	if len(raw) > maxCachedValue {
		j.valueChanged, _ = j.redactString(s, e, esc, k)
		return
	}
	if j.tokens.get(raw)&tokenCleanValue != 0 {
		return
	}
	changed, keyRead := j.redactString(s, e, esc, k)
	if !changed && !keyRead {
		j.remember(raw, tokenCleanValue)
	}
	j.valueChanged = changed
}

// remember adds bits to what is known of the unescaped token raw.
func (j *jsonWalker) remember(raw []byte, bits uint8) {
	i, ok := j.tokens.slot(raw)
	switch {
	case i < 0:
	case ok:
		j.tokens[i].bits |= bits
	default: // a new token takes the slot
		e := &j.tokens[i]
		e.n = uint8(copy(e.k[:], raw))
		e.bits = bits
	}
}

// redactString runs the pattern rules on the string token in[s:e], read
// under key k. When it replaces something it returns true, with the decoded
// redacted content in j.scratch. keyRead reports that the result may
// depend on k (see appendRedactedKey).
func (j *jsonWalker) redactString(s, e int, esc bool, k jsonKey) (changed, keyRead bool) {
	if !esc && !j.mayMatch(s+1, e-1) {
		return false, false
	}
	if !esc && j.useHits {
		// The last anchor in the content ends at hits[h-1], or in the run
		// of digits it starts: the rules' automaton stops there (a URL's
		// '@' is near its start).
		h := j.hi
		for h < len(j.hits) && int(j.hits[h]) <= e-1 {
			h++
		}
		last := int(j.hits[h-1])
		// The hit map makes a run of digits one hit (see hitEnds); the
		// scanner's automaton ends an anchor at each of its later digits
		// too, where the digits trigger resumes a region its window cut.
		for last < e-1 && isDigit(j.in[last]) {
			last++
		}
		k.firstAnchor, k.lastAnchor = int(j.hits[j.hi])-(s+1), last-(s+1)
	}
	repl, ok, keyRead := j.r.redactJSONString(&j.jsonBufs, j.in[s+1:e-1], k, esc, j.shifted(s+1), j.held.get(j.r))
	if !ok {
		return false, keyRead
	}
	j.replace(s+1, e-1, repl)
	return true, keyRead
}

// shifted adapts j.fn to spans found in a piece of the input that starts
// at base (escaped strings report escaped offsets too).
func (j *jsonWalker) shifted(base int) func(Finding) {
	if j.fn == nil {
		return nil
	}
	return func(f Finding) {
		f.Start, f.End = f.Start+base, f.End+base
		j.fn(f)
	}
}

// redactJSONString runs the pattern rules on content, the text between the
// quotes of a valid JSON string token (esc: it has escapes) read under the
// key k (none for a key), reporting each replaced span to fn (if not nil).
// ok is false when nothing is replaced. Otherwise repl (in b's buffers)
// replaces the content, which keeps its escapes outside the replaced
// spans; b.scratch holds the decoded redacted content. keyRead reports
// that the result may depend on k. held is as for scanKeyed.
func (r *Redactor) redactJSONString(b *jsonBufs, content []byte, k jsonKey, esc bool, fn func(Finding), held *scanner) (repl []byte, ok, keyRead bool) {
	if !esc {
		// No anchor (most strings), or only anchors that their rules
		// rule out at a glance (a bare "Bearer"): nothing to do.
		from, to := 0, len(content)
		if k.firstAnchor > 0 {
			// The anchors end in [firstAnchor, lastAnchor] (see jsonKey).
			from, to = max(0, k.firstAnchor-r.m.maxLen), k.lastAnchor
		}
		if len(content) <= maxDeclineScan && !r.keepAllHits && r.m.declinedAll(content, from, to) {
			return nil, false, false
		}
		// Placeholders and fixed texts are JSON-safe, and so are original
		// bytes kept by the Partial style: rewrite in place.
		out, changed, keyRead := r.appendRedactedKey(b.scratch[:0], content, k, fn, held)
		if !changed {
			return nil, false, keyRead
		}
		b.scratch = out
		return out, true, keyRead
	}
	b.tmp = unescapeJSON(b.tmp[:0], content)
	s := r.scanKeyed(b.tmp, k, held)
	if s == nil {
		return nil, false, false
	}
	defer r.doneScanner(s, held)
	if len(s.found) == 0 {
		return nil, false, s.keyRead
	}
	// Where each decoded byte came from, needed only now (enc is free
	// until the rewrite below).
	b.enc, b.rawAt = unescapeJSONAt(b.enc[:0], b.rawAt[:0], content)
	// The rules run on the decoded text; each replaced span is mapped back
	// to the escaped bytes it came from (widened to whole escapes), and
	// only those are rewritten: the rest of the string keeps its escapes
	// byte for byte ("\/", "\u00e9" stay as they were).
	groups := s.groups(s.gbuf)
	s.gbuf = groups
	out, enc := b.scratch[:0], b.enc[:0]
	prev, prevRaw := 0, 0
	for _, g := range groups {
		rs, re := rawSpan(b.rawAt, g.start, g.end)
		if fn != nil {
			fn(Finding{Rule: g.win.rule.id, Kind: g.win.rule.kind, Start: rs, End: re})
		}
		out = append(out, b.tmp[prev:g.start]...)
		n := len(out)
		out = r.repl.append(out, g.win, b.tmp[g.start:g.end], g.win.start-g.start, g.end-g.win.end)
		enc = append(enc, content[prevRaw:rs]...)
		enc = appendJSONContent(enc, out[n:])
		prev, prevRaw = g.end, re
	}
	b.scratch = append(out, b.tmp[prev:]...)
	b.enc = append(enc, content[prevRaw:]...)
	return b.enc, true, s.keyRead
}

// rawSpan maps the decoded span [start, end) of a string back to the
// escaped bytes it came from, widened to whole escapes: rawAt[i] is where
// decoded byte i's character starts in the escaped string, and
// rawAt[len] its end.
func rawSpan(rawAt []int32, start, end int) (int, int) {
	rs := int(rawAt[start])
	last := len(rawAt) - 1
	for end < last && end > 0 && rawAt[end] == rawAt[end-1] {
		end++ // end falls inside one escape's bytes: take all of them
	}
	return rs, int(rawAt[end])
}

// redactNumber runs the digit rules on a number read under key k; a number
// with a finding becomes a string.
func (j *jsonWalker) redactNumber(s, e int, k jsonKey) {
	if !j.mayMatch(s, e) || j.numberInert(j.in[s:e], k.name) {
		return
	}
	out, changed, _ := j.r.appendRedactedKey(nil, j.in[s:e], k, j.shifted(s), j.held.get(j.r))
	if changed {
		j.replace(s, e, appendJSONString(nil, out))
	}
}

// numberInert reports that the digit rules surely find nothing in the
// JSON number num read under the key name, without running them: an
// API's floats (an embedding's 1,536 of them, coordinates, scores) and
// ids would each cost a scanner's set-up and a region's analysis.
//
// In a number token, only the digits trigger can match (no other enabled
// rule has an anchor made of number bytes: numbersDigitsOnly), and the
// digit rules can find only
//
//   - a card, in a plain integer of 13 digits or more: cardShape takes
//     no '.' between groups, and a group glued to '.' or 'e' ends no
//     single-group candidate;
//   - an SSN or a phone number, only with an SSN or phone word as
//     context, which for a number is its key alone (keyInReach: only a
//     sign may come before its digits), as ctx reads it: so the key's
//     context is judged once, as ctx would, and kept (numberKeyMemo).
//
// No IBAN (no letter before the digits), no E.164 number, no
// placeholder. A number with a '+' (only an exponent's) is scanned: the
// '+' after a letter reads as a blank there, so a card may follow it.
func (j *jsonWalker) numberInert(num, name []byte) bool {
	return j.r.numberInert(num, name, &j.numKey)
}

// numberInert is jsonWalker.numberInert with the memo m, for the
// JSONWriter too.
func (r *Redactor) numberInert(num, name []byte, m *numberKeyMemo) bool {
	if !r.numbersDigitsOnly || r.keepAllHits {
		return false
	}
	neg, ok := numberShape(num)
	return ok && !m.context(r, name, neg)
}

// numberShape reports whether the JSON number num holds nothing the digit
// rules take without context (see numberInert, shapeInert), and whether
// it has a minus sign. Bytes that are no whole number are not inert.
func numberShape(num []byte) (neg, ok bool) {
	end, plus, intDigits, valid := scanNumber(num, 0)
	return num[0] == '-', valid && end == len(num) && shapeInert(plus, intDigits, num)
}

// shapeInert reports, from what scanNumber read of the number num, that
// the digit rules take nothing in it without context: no '+' (an
// exponent's '+' after its 'e' reads as a blank, as in a form body
// "my+details+4111…", so a card may follow: "1e+4111…"), and no plain
// integer of 13 digits or more that may be a card. A card is one group of
// 13 to 19 digits here (classify), so an integer of that length is
// inert when cardIssuer, luhn or allSame rejects it: a Unix time in
// milliseconds (1733000000123) is no card, and no phone or SSN either,
// which have at most 13 digits and then a leading 0 that a JSON integer
// cannot have (see digitRegion.classify). A longer integer is scanned: a
// window may cut it (see digitRegion).
func shapeInert(plus bool, intDigits int, num []byte) bool {
	if plus {
		return false
	}
	if intDigits < 13 {
		return true
	}
	if intDigits > candMaxDigits {
		return false
	}
	d := num[len(num)-intDigits:]
	return !cardIssuer(d) || !luhn(d) || allSame(d)
}

// numberKeyMemo keeps the answers of numberKeyContext and of plain for the
// last numberMemoKeys keys asked about. The numbers of one array share a
// key, and those of an object's members cycle through a few ("score",
// "lat", "lng"), for which a memo of one key missed every time and each
// number cost a context look of about half a microsecond.
type numberKeyMemo struct {
	keys [numberMemoKeys]numberKeyEntry
	last uint8 // the entry found last: a key's plain and context come in pairs
	next uint8 // the entry replaced next, round robin
}

// numberMemoKeys is how many keys a numberKeyMemo keeps: more than the
// numeric members of most objects, few enough to search in a few
// comparisons of lengths.
const numberMemoKeys = 8

// An entry holds a whole key for plain.
const _ = uint(keyTail - inertKeyMaxLen)

// numberKeyEntry is a numberKeyMemo's answers for one key, known by the
// part of it that ctx reads (keyTail bytes, the whole key when plain may
// be asked: inertKeyMaxLen is no more than keyTail).
type numberKeyEntry struct {
	key [keyTail]byte
	n   uint8 // the length of key plus one; 0 for an unused entry

	plainSet, safe bool    // plain's answer
	set, ctx       [3]bool // valueKeyContext's: a number, a negative one, a string
}

// entry returns the entry for the key tail tail, a fresh one if none has
// it.
func (m *numberKeyMemo) entry(tail []byte) *numberKeyEntry {
	if e := &m.keys[m.last%numberMemoKeys]; int(e.n) == len(tail)+1 && string(e.key[:len(tail)]) == string(tail) {
		return e
	}
	for i := range m.keys {
		if e := &m.keys[i]; int(e.n) == len(tail)+1 && string(e.key[:len(tail)]) == string(tail) {
			m.last = uint8(i)
			return e
		}
	}
	m.last = m.next
	m.next = (m.next + 1) % numberMemoKeys
	e := &m.keys[m.last]
	*e = numberKeyEntry{n: uint8(len(tail)) + 1}
	copy(e.key[:], tail)
	return e
}

// plain reports whether the object key key (raw, no escape) is read by
// its values as it is written: it holds no anchor, or it is inert (see
// inertKey); either way no rule rewrites it.
func (m *numberKeyMemo) plain(r *Redactor, key []byte) bool {
	if len(key) > inertKeyMaxLen {
		return false
	}
	e := m.entry(key)
	if !e.plainSet {
		e.plainSet, e.safe = true, !r.MayMatch(key) || r.inertKey(key)
	}
	return e.safe
}

// context returns numberKeyContext(r, name, neg), from the memo when it
// has the answer.
func (m *numberKeyMemo) context(r *Redactor, name []byte, neg bool) bool {
	if neg {
		return m.valueContext(r, name, ctxNegative)
	}
	return m.valueContext(r, name, ctxNumber)
}

// The values valueKeyContext tells apart: their digits come after
// different bytes.
const (
	ctxNumber   = iota // `"key":4155552671`
	ctxNegative        // `"key":-4155552671`
	ctxString          // `"key":"4155552671"`
)

// valueContext returns valueKeyContext(r, name, kind), from the memo
// when it has the answer.
func (m *numberKeyMemo) valueContext(r *Redactor, name []byte, kind int) bool {
	e := m.entry(name[max(0, len(name)-keyTail):])
	if !e.set[kind] {
		e.set[kind], e.ctx[kind] = true, valueKeyContext(r, name, kind)
	}
	return e.ctx[kind]
}

// numberKeyContext reports whether the key name gives a number read under
// it (neg: with a minus sign) a phone or SSN context, as digitRegion.ctx
// reads it: the key's tail, `":`, the sign, then the digits.
func numberKeyContext(r *Redactor, name []byte, neg bool) bool {
	if neg {
		return valueKeyContext(r, name, ctxNegative)
	}
	return valueKeyContext(r, name, ctxNumber)
}

// valueKeyContext reports whether the key name gives a value of the kind
// read under it (a number, a negative one, or a string whose digits start
// it) a phone or SSN context, as digitRegion.ctx reads it through
// jsonKey.withKey.
func valueKeyContext(r *Redactor, name []byte, kind int) bool {
	if len(name) == 0 {
		return false // ctx reads the token alone: no word before its digits
	}
	var buf [keyTail + 3]byte
	var prefix []byte
	if kind == ctxNegative {
		prefix = []byte("-")
	}
	w, at := jsonKey{name: name, num: kind != ctxString}.withKey(buf[:0], prefix)
	return context(w, at, phoneWords, phoneFirst, r.placeholders) || context(w, at, ssnWords, ssnFirst, r.placeholders)
}

// codeValueAt reports whether the value at i is a code (digits, as a
// string with no escape or as a number, or a string of base64, see
// codeValue) under a code key (see codeKey): then it is secret.
func (j *jsonWalker) codeValueAt(key []byte, i int) bool {
	in := j.in
	if i >= len(in) {
		return false
	}
	// The value's shape first: it settles most members in a few bytes.
	quoted := in[i] == '"'
	s := i
	if quoted {
		s++
	}
	e := s
	for e < len(in) && isDigit(in[e]) {
		e++
	}
	if quoted && e < len(in) && in[e] != '"' {
		// Not digits: perhaps an "auth" key's base64 of user:password
		// (8 bytes at least, see codeValue).
		for e < len(in) && (is(in[e], cB64) || in[e] == '=') {
			e++
		}
		if e-s < 8 {
			return false
		}
	}
	ended := e == len(in) && !quoted || e < len(in) && (quoted && in[e] == '"' || !quoted && !isNumberByte(in[e]))
	return ended && codeValue(in[s:e], codeKey(trimKey(key)))
}

// redactSecretValue replaces the value in[s:e] of a secret key.
func (j *jsonWalker) redactSecretValue(s, e int) {
	v := j.in[s:e]
	if j.r.jsonSecretKept(v) {
		if v[0] == '"' {
			// A placeholder ("${DB_PASSWORD}", "***") stands for the
			// value, but text after it may not: "*** password=hunter2"
			// still goes through the rules, like any string.
			j.redactString(s, e, bytes.IndexByte(v, '\\') >= 0, jsonKey{})
		}
		return
	}
	if j.fn != nil {
		j.fn(Finding{Rule: j.r.keyed.id, Kind: j.r.keyed.kind, Start: s, End: e})
	}
	j.replace(s, e, j.r.appendJSONSecret(nil, v, nil))
}

// nullWords are the spellings of "no value" a serializer writes as a
// string.
var nullWords = newFoldSet([]string{"null", "nil", "none", "undefined"})

// statusWordList, as the whole value of a secret key, say something
// about the secret instead of being it: a validation error's
// {"password":"required"}, a settings dump's {"token":"expired"}. JSON
// keeps them (statusWords); text keeps them too, among the prose words of
// valueStopwords.
var statusWordList = []string{
	"required", "invalid", "expired", "missing", "incorrect", "wrong", "changed", "updated", "reset",
	"set", "unset", "redacted", "masked", "hidden", "removed", "omitted", "provided", "present",
	"absent", "sensitive", "filtered", "protected", "enabled", "disabled", "valid", "empty", "n/a",
	"hashed", "encrypted", "revoked", "pending", "rotated",
}

// statusWords is the set of statusWordList.
var statusWords = newFoldSet(statusWordList)

// jsonSecretKept reports a secret key's value v (a valid JSON value) that
// stays as it is: null, true and false (a flag such as "password": true
// says whether there is one, it carries none), "", placeholders
// ("${DB_PASSWORD}", "<token>", "***"), a null written as a string
// (nullWords), a word about the secret (statusWords) and this Redactor's
// own replacements.
func (r *Redactor) jsonSecretKept(v []byte) bool {
	switch {
	case string(v) == "null", string(v) == `""`, string(v) == "true", string(v) == "false":
		return true
	case v[0] == '"':
		content := v[1 : len(v)-1]
		// As text keeps password=null.
		return isPlaceholder(content) || nullWords.has(content) || statusWords.has(content) || r.isOwnPlaceholder(content) || sshPublicKey(content)
	}
	return false
}

// appendJSONSecret appends the replacement of v, the value of a secret key,
// as a quoted JSON string. With the fingerprint style, mac, when not nil,
// has already been fed all of v (a streamed value; v is then not read).
func (r *Redactor) appendJSONSecret(dst, v []byte, mac hash.Hash) []byte {
	var buf [64]byte
	var repl []byte
	switch {
	case r.repl.style == stylePartial:
		repl = appendPlaceholder(buf[:0], r.keyed.id) // never keep raw JSON bytes
	case mac != nil:
		repl = appendFingerprint(buf[:0], r.keyed.id, mac)
	default:
		sp := span{start: 0, end: len(v), rule: r.keyed}
		repl = r.repl.append(buf[:0], &sp, v, 0, 0)
	}
	return appendJSONString(dst, repl)
}

// isOwnPlaceholder reports text this Redactor writes as a replacement.
func (r *Redactor) isOwnPlaceholder(v []byte) bool {
	for _, p := range r.placeholders {
		if string(v) == string(p) {
			return true
		}
	}
	return false
}

// trimKey drops the sigils some JSON keys carry ("-flag", "$ref", "@type").
func trimKey(k []byte) []byte {
	for len(k) > 0 && (k[0] == '-' || k[0] == '$' || k[0] == '@' || k[0] == ' ') {
		k = k[1:]
	}
	return k
}

// unescapeJSON appends the decoded content of a JSON string (without its
// quotes) to dst. The input has been validated.
func unescapeJSON(dst, s []byte) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			// A run of bytes that stand for themselves, copied at once.
			n := bytes.IndexByte(s[i:], '\\')
			if n < 0 {
				return append(dst, s[i:]...)
			}
			dst = append(dst, s[i:i+n]...)
			i += n
		}
		i++
		switch s[i] {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			v := hex4(s[i+1 : i+5])
			i += 4
			r := rune(v)
			if utf16.IsSurrogate(r) {
				if i+6 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
					v2 := hex4(s[i+3 : i+7])
					if r2 := utf16.DecodeRune(r, rune(v2)); r2 != utf8.RuneError {
						dst = utf8.AppendRune(dst, r2)
						i += 6
						continue
					}
				}
				r = utf8.RuneError
			}
			dst = utf8.AppendRune(dst, r)
		default: // " \ /
			dst = append(dst, s[i])
		}
	}
	return dst
}

// unescapeJSONAt is unescapeJSON that also records, in at, where in s each
// appended byte's character starts (and, last, len(s)).
func unescapeJSONAt(dst []byte, at []int32, s []byte) ([]byte, []int32) {
	for i := 0; i < len(s); {
		if s[i] != '\\' {
			// A run of bytes that stand for themselves, copied at once (a
			// call per byte cost a Markdown text's visit a third of its time).
			n := bytes.IndexByte(s[i:], '\\')
			if n < 0 {
				n = len(s) - i
			}
			dst = append(dst, s[i:i+n]...)
			at = slices.Grow(at, n)
			for k := i; k < i+n; k++ {
				at = append(at, int32(k)) // no growth: a store
			}
			i += n
			continue
		}
		j := i + 2
		if s[i+1] == 'u' {
			j = i + 6
			if j+6 <= len(s) && s[j] == '\\' && s[j+1] == 'u' {
				// A surrogate pair decodes as one rune, when unescapeJSON
				// takes it as one: a lone high surrogate before a pair is
				// its own replacement character.
				if r := hex4(s[i+2 : i+6]); utf16.IsSurrogate(r) && utf16.DecodeRune(r, hex4(s[j+2:j+6])) != utf8.RuneError {
					j += 6
				}
			}
		}
		n := len(dst)
		dst = unescapeJSON(dst, s[i:j])
		for range len(dst) - n {
			at = append(at, int32(i))
		}
		i = j
	}
	return dst, append(at, int32(len(s)))
}

// hex4 decodes four hex digits (already validated by the walker).
func hex4(h []byte) rune {
	var v rune
	for _, c := range h[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		default:
			c -= 'A' - 10
		}
		v = v<<4 | rune(c)
	}
	return v
}

// appendJSONString appends s as a quoted JSON string.
func appendJSONString(dst, s []byte) []byte {
	dst = append(dst, '"')
	dst = appendJSONContent(dst, s)
	return append(dst, '"')
}

// appendJSONContent appends s escaped as the content of a JSON string.
func appendJSONContent(dst, s []byte) []byte {
	const hexd = "0123456789abcdef"
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				dst = append(dst, '\\', c)
			case c == '\n':
				dst = append(dst, '\\', 'n')
			case c == '\r':
				dst = append(dst, '\\', 'r')
			case c == '\t':
				dst = append(dst, '\\', 't')
			case c < 0x20 || c == 0x7f:
				dst = append(dst, '\\', 'u', '0', '0', hexd[c>>4], hexd[c&0xf])
			default:
				dst = append(dst, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && n == 1 {
			dst = append(dst, `\ufffd`...)
		} else {
			dst = append(dst, s[i:i+n]...)
		}
		i += n
	}
	return dst
}
