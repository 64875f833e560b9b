package redact

import (
	"bytes"
	"regexp"
	"sync"
)

// rule is one detector: literal anchors that wake it up, a window it may
// read around an anchor, and a validator that decides what to redact.
//
// Validators are pure functions of the window they are given (plus the
// scanner's ordered state), which is what makes a stream split anywhere give
// the same answer as one call on the whole input.
type rule struct {
	id      string
	kind    Kind
	desc    string // what it matches, for `redact --rules`
	example string // an example shape (never a live secret)
	anchors []string

	// back and fwd bound the window: at most back bytes before the anchor
	// and fwd bytes after it, clipped to the anchor's line: the start
	// always, the end unless multiline is set.
	back, fwd int
	multiline bool
	lineBack  bool // multi-line forward only: the look-back stops at the anchor's line start

	optIn  bool // off unless enabled by name
	hidden bool // internal trigger, not listed
	digits bool // the digits trigger: skipped inside analysed digits

	// settled, if set, reports that the validator's answer for an anchor
	// can no longer change, given the bytes after the anchor seen so far,
	// so a stream need not wait for the whole window (a private-key block
	// whose END line has arrived).
	settled func(after []byte) bool
	prio    int // precedence when spans overlap (higher wins)

	validate func(s *scanner, w []byte, a, e int)
	// decline, if set, reports that validate surely finds nothing for
	// the anchor ending at e in b, in any window of b around it (so it
	// may only look at what every such window holds, or at what lies
	// after e: a window reaches at least its anchor's end). A caller
	// holding a whole short token (a JSON string) uses it to skip the
	// scanner when every anchor in the token is declined, and the JSON
	// walkers to skip visiting such a string at all (dropHits).
	decline func(b []byte, e int) bool

	// Per-rule data for table-driven validators.
	lit   string         // known secrets: the exact variant
	b64   bool           // known secrets: extend over the base64 run
	tok   *tokenSpec     // vendor tokens
	re    *regexp.Regexp // custom rules
	reGrp int            // custom rules: capture group holding the secret
	check func([]byte) bool
}

// Precedence bands (see "Overlaps" in doc.go).
const (
	prioPII     = 10
	prioKeyed   = 20
	prioGeneric = 30
	prioVendor  = 40
	prioCustom  = 45
	prioKnown   = 50
)

// RuleInfo describes a rule of the catalog, for listings and docs.
type RuleInfo struct {
	ID          string // stable identifier, used in placeholders
	Kind        Kind
	Description string // what the rule matches
	Example     string // the shape it matches (not a real secret)
	OptIn       bool   // off by default; enable with [EnableRules]
}

// Rules returns the built-in catalog, default rules and opt-in rules alike,
// in a stable order.
func Rules() []RuleInfo {
	seen := map[string]bool{}
	var out []RuleInfo
	for _, r := range builtinRules() {
		if seen[r.id] || r.hidden {
			continue
		}
		seen[r.id] = true
		out = append(out, RuleInfo{ID: r.id, Kind: r.kind, Description: r.desc, Example: r.example, OptIn: r.optIn})
	}
	return out
}

// Rules returns the rules this Redactor runs, including custom rules and
// (once) the known-secret rule.
func (r *Redactor) Rules() []RuleInfo {
	seen := map[string]bool{}
	var out []RuleInfo
	for _, x := range r.rules {
		if seen[x.id] || x.hidden {
			continue
		}
		seen[x.id] = true
		out = append(out, RuleInfo{ID: x.id, Kind: x.kind, Description: x.desc, Example: x.example, OptIn: x.optIn})
	}
	return out
}

// builtinRules returns every built-in rule, in catalog order. The rules
// are built once and shared by every Redactor.
var builtinRules = sync.OnceValue(func() []*rule {
	var rs []*rule
	rs = append(rs, keyedRule(), yamlBlockRule(), yamlNamePairRule())
	rs = append(rs, vendorRules()...)
	rs = append(rs, awsSecretRule) // anchored by aws-access-key-id and keyed-secret
	rs = append(rs, genericRules()...)
	rs = append(rs, piiRules()...)
	for _, r := range rs {
		r.digits = r.id == digitsTriggerID
		if r.id == "private-key" {
			r.settled = pemSettled
		}
	}
	return rs
})

// pemSettled: a private-key block's span ends at its first END marker.
func pemSettled(after []byte) bool { return bytes.Contains(after, []byte("-----END")) }

// digitAnchors wake the digit-shaped PII rules. Every card, SSN and IBAN,
// and every phone number of the shapes the phone rule accepts (E.164 after
// a '+', North American, national numbers with a group of four) contains
// one of them: seven digits in a row, a group of at least two
// digits then a space, dash or dot and four digits ("415-555-2671",
// "4111 1111", "123-45-6789", "DE89 3704"), or a plus and a digit (E.164).
// Dates, times, versions and addresses (2026-11-28, 03:26:49, 10.0.0.1)
// contain none, so they never reach a validator.
var digitAnchors = []string{"0000000", "00-0000", "00.0000", "00 0000", "+0"}
