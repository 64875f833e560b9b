package redact

import (
	"bytes"
	"sync"
	"unsafe"
)

// Redactor finds and replaces secrets and personal data. It is immutable
// once built and safe for concurrent use by any number of goroutines. To
// change its configuration (say a known secret rotates), build a new one and
// swap it in, for example with an [sync/atomic.Pointer].
type Redactor struct {
	rules []*rule
	m     *machine

	maxBack      int // longest look-back of any rule
	multiline    bool
	spanAnchor   bool // an anchor may span JSON tokens (see jsonUnchecked)
	maxMultiLen  int  // longest anchor of a multi-line rule
	maxMultiBack int  // longest look-back of a multi-line rule

	repl replacer

	allowValues   map[string]struct{}
	allowPatterns []allowPattern
	placeholders  [][]byte // extra texts treated as already redacted

	keys   keyPolicy
	keyed  *rule // the keyed-secret rule, nil when disabled
	url    *rule // the url-credentials rule, nil when disabled
	on     map[*rule]struct{}
	digits digitRules // the enabled digit-shaped PII rules

	pool sync.Pool // *scanner

	inertKeys *inertKeys // which object keys are inert (see dropHits)

	// numbersDigitsOnly: no enabled rule but the digits trigger has an
	// anchor made of the bytes of a JSON number (see numberInert).
	numbersDigitsOnly bool
	keepAllHits       bool // tests: visit every hit and decline nothing, to compare with dropHits and declinedAll
}

// digitRules are the rules the digits trigger serves; nil when disabled.
type digitRules struct{ card, phone, ssn, iban *rule }

var defaultRedactor = sync.OnceValue(func() *Redactor {
	r, err := New()
	if err != nil {
		panic("redact: the built-in catalog does not compile: " + err.Error())
	}
	return r
})

// Default returns the Redactor with the built-in catalog and the default
// policy: every default-on rule, the "[REDACTED:rule-id]" placeholder. It is
// built once and shared.
func Default() *Redactor { return defaultRedactor() }

// New builds a Redactor from the built-in catalog adjusted by opts.
func New(opts ...Option) (*Redactor, error) {
	c := newConfig()
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(c); err != nil {
			return nil, err
		}
	}
	return c.build()
}

// enabled reports whether rule x is part of this Redactor.
func (r *Redactor) enabled(x *rule) bool {
	_, ok := r.on[x]
	return ok
}

func (r *Redactor) getScanner() *scanner {
	s, _ := r.pool.Get().(*scanner)
	if s == nil {
		s = &scanner{}
	}
	s.reset(r)
	return s
}

// heldScanner is a scanner kept for the tokens of one document or one
// Write (see scanKeyed): from the Redactor's pool on first use, back to
// it on put.
type heldScanner struct{ s *scanner }

func (h *heldScanner) get(r *Redactor) *scanner {
	if h.s == nil {
		h.s = r.getScanner()
	}
	return h.s
}

func (h *heldScanner) put(r *Redactor) {
	if h.s != nil {
		r.putScanner(h.s)
		h.s = nil
	}
}

// doneScanner gives back a scanner from scanKeyed: to the pool unless it
// is the caller's held one.
func (r *Redactor) doneScanner(s, held *scanner) {
	if s != held {
		r.putScanner(s)
	}
}

func (r *Redactor) putScanner(s *scanner) {
	if cap(s.found) > 1024 {
		s.found = nil
	}
	if cap(s.gbuf) > 1024 {
		s.gbuf = nil
	}
	s.data, s.key = nil, jsonKey{}
	r.pool.Put(s)
}

// scanAll runs a one-shot scan of b and returns the scanner holding its
// spans, or nil when no anchor occurs in b at all (the common clean case,
// which then costs one pass of the automaton and nothing else).
func (r *Redactor) scanAll(b []byte) *scanner { return r.scanKeyed(b, jsonKey{}, nil) }

// scanKeyed is scanAll for a JSON value b read under the object key k (see
// jsonKey). held, if not nil, is a scanner the caller keeps for a whole
// document: it is reset and used instead of one from the pool, which
// costs more than the scan of a short token (a JSON number, a URL). The
// caller gives the result back with doneScanner.
func (r *Redactor) scanKeyed(b []byte, k jsonKey, held *scanner) *scanner {
	var i int
	var st uint32
	if k.firstAnchor > 0 {
		// No anchor ends before firstAnchor, so none starts before i:
		// from the root there, the automaton finds every one.
		i, st = max(0, k.firstAnchor-r.m.maxLen), root
	} else if i, st = r.m.skipClean(b); i == len(b) {
		return nil
	}
	s := held
	if s != nil {
		s.reset(r)
	} else {
		s = r.getScanner()
	}
	s.data, s.eof, s.key = b, true, k
	s.state, s.next = st, i // b[:i] holds no anchor: start where one may end
	s.run()
	return s
}

// MayMatch reports whether some rule's anchor occurs in b. When it returns
// false no rule can match anywhere in b: Bytes returns b unchanged and a
// Writer passes it through. So does JSON if b also has no backslash (JSON
// decodes escaped strings before matching, and "\u0070assword" hides its
// anchor from MayMatch); JSON may still report b as invalid. It
// runs the automaton alone, in lanes, and stops at the first anchor, so a
// caller that buffers or parses (a JSON response, a log record) can check
// first and skip that work for clean input. A true result says nothing
// about whether anything will be redacted: validators decide that.
func (r *Redactor) MayMatch(b []byte) bool {
	i, _ := r.m.skipClean(b)
	return i < len(b)
}

// Bytes returns b with every finding replaced. When nothing is found it
// returns b itself and allocates nothing; otherwise it returns a new slice
// and leaves b unchanged.
func (r *Redactor) Bytes(b []byte) []byte {
	out, changed := r.redactNamed(b, nil)
	if !changed {
		return b
	}
	return out
}

// appendRedacted appends the redaction of b to dst, calling fn (if not nil)
// for each replaced span. When nothing is found it returns dst unchanged and
// false.
func (r *Redactor) appendRedacted(dst, b []byte, fn func(Finding)) ([]byte, bool) {
	out, changed, _ := r.appendRedactedKey(dst, b, jsonKey{}, fn, nil)
	return out, changed
}

// appendRedactedKey is appendRedacted for a JSON value b read under the
// object key k. keyRead reports that a digit rule looked for context where
// a key would count: only then may the result depend on k. held is as for
// scanKeyed.
func (r *Redactor) appendRedactedKey(dst, b []byte, k jsonKey, fn func(Finding), held *scanner) (out []byte, changed, keyRead bool) {
	s := r.scanKeyed(b, k, held)
	if s == nil {
		return dst, false, false
	}
	defer r.doneScanner(s, held)
	if len(s.found) == 0 {
		return dst, false, s.keyRead
	}
	groups := s.groups(s.gbuf)
	s.gbuf = groups
	if dst == nil {
		dst = make([]byte, 0, len(b)+len(groups)*16)
	}
	prev := 0
	for _, g := range groups {
		if fn != nil {
			fn(Finding{Rule: g.win.rule.id, Kind: g.win.rule.kind, Start: g.start, End: g.end})
		}
		dst = append(dst, b[prev:g.start]...)
		dst = r.repl.append(dst, g.win, b[g.start:g.end], g.win.start-g.start, g.end-g.win.end)
		prev = g.end
	}
	return append(dst, b[prev:]...), true, s.keyRead
}

// String is Bytes for strings: it returns s itself, allocating nothing, when
// nothing is found.
func (r *Redactor) String(s string) string {
	if s == "" {
		return s
	}
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	out := r.Bytes(b)
	if len(out) == len(b) && unsafe.SliceData(out) == unsafe.SliceData(b) {
		return s
	}
	return string(out)
}

// KeyedString is String for the value of a key in a record that is not
// JSON text: a log attribute, a form field, a member already decoded.
// Digit-shaped PII reads the key as its context, as JSON does for
// {"ssn":"123456789"}: nine digits are an SSN under "ssn" and a number
// elsewhere. A code key's code ("pin", "otp_code": 4 to 12 digits; "cvv": 3 or 4) is
// replaced whole. A secret key's value is not: see IsSecretKey and
// SecretValue. It returns s itself, allocating nothing, when nothing is
// found.
func (r *Redactor) KeyedString(key, s string) string {
	if s == "" {
		return s
	}
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	k := unsafe.Slice(unsafe.StringData(key), len(key))
	if r.keyed != nil && codeValue(b, codeKey(k)) {
		out, _ := r.SecretValue(s)
		return out
	}
	out, changed := r.redactNamed(b, k)
	if !changed {
		return s
	}
	return string(out)
}

// redactNamed is Bytes for a value read under the key name (nil: none),
// into a new slice. With no anchor, the common case, it returns at once
// after one automaton walk; otherwise the scan starts where that walk
// found the first anchor, not at 0 again.
func (r *Redactor) redactNamed(b, name []byte) ([]byte, bool) {
	i, _ := r.m.skipClean(b)
	if i == len(b) {
		return nil, false
	}
	out, changed, _ := r.appendRedactedKey(nil, b, jsonKey{name: name, firstAnchor: i + 1}, nil, nil)
	return out, changed
}

// Find reports what Bytes would replace, without replacing it: one Finding
// per replaced span, in order. Overlapping detections are already merged
// (see "Overlaps" in the package documentation).
func (r *Redactor) Find(b []byte) []Finding {
	s := r.scanAll(b)
	if s == nil {
		return nil
	}
	defer r.putScanner(s)
	if len(s.found) == 0 {
		return nil
	}
	groups := s.groups(s.gbuf)
	s.gbuf = groups
	out := make([]Finding, len(groups))
	line, lineStart, counted := 1, 0, 0
	for i, g := range groups {
		seg := b[counted:g.start]
		if n := bytes.Count(seg, []byte{'\n'}); n > 0 {
			line += n
			lineStart = counted + bytes.LastIndexByte(seg, '\n') + 1
		}
		counted = g.start
		out[i] = Finding{Rule: g.win.rule.id, Kind: g.win.rule.kind, Start: g.start, End: g.end, Line: line, Column: g.start - lineStart + 1}
	}
	return out
}

// SecretValue returns what a value stored under a secret key becomes: the
// whole value replaced in this Redactor's style (rule "keyed-secret"), and
// true. Callers that already know a value is secret — a log attribute named
// "password", a struct field tagged as secret — use it instead of scanning
// the value. An empty value, a placeholder ("${DB_PASSWORD}", "<token>",
// "***"), a replacement this Redactor wrote or an allowlisted value is
// returned unchanged with false, as is every value when the keyed-secret
// rule is disabled.
//
// With the partial style nothing of the value is kept: a secret key says
// nothing about which prefix is safe to show.
func (r *Redactor) SecretValue(v string) (string, bool) {
	if v == "" || r.keyed == nil {
		return v, false
	}
	b := unsafe.Slice(unsafe.StringData(v), len(v)) // read only
	if isPlaceholder(b) || r.isOwnPlaceholder(b) || r.allowed(b) {
		return v, false
	}
	return r.secretReplacement(b), true
}

// SecretText is SecretValue for a caller that must replace v whatever it
// looks like: the printed form of a struct, a list or a wrapper type under
// a secret key, which only resembles a placeholder ("{sk_live_…}" is a
// struct's braces around a key, "[HUNTERTWO]" a list's brackets). Only an
// empty v is kept; with the keyed-secret rule disabled v is returned as it
// is.
func (r *Redactor) SecretText(v string) string {
	if v == "" || r.keyed == nil {
		return v
	}
	return r.secretReplacement(unsafe.Slice(unsafe.StringData(v), len(v)))
}

// secretReplacement is what the secret value b becomes.
func (r *Redactor) secretReplacement(b []byte) string {
	sp := span{start: 0, end: len(b), rule: r.keyed}
	var buf [64]byte
	var out []byte
	if r.repl.style == stylePartial {
		out = appendPlaceholder(buf[:0], r.keyed.id)
	} else {
		out = r.repl.append(buf[:0], &sp, b, 0, 0)
	}
	return string(out)
}
