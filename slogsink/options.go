package slogsink

import (
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Option configures a handler built by [NewHandler] or [Middleware]. The
// replacement style (placeholder, fixed text, partial, fingerprint) is not
// an option here: it belongs to the [redact.Redactor] passed in, so that
// logs, API responses and errors of one service all look the same.
type Option func(*config)

// FailurePolicy says what happens to a record when redacting one of its
// values fails: a String, Error, MarshalText, MarshalJSON or LogValue method
// panics, or a value cannot be walked. Either way nothing unredacted leaves:
// the choice is only between losing the value and losing the record.
type FailurePolicy uint8

const (
	// ReplaceFailed logs the record with the failing attribute's value
	// replaced by [FailedText]. It is the default: an operator would rather
	// see that a log line happened, minus one value, than see nothing.
	ReplaceFailed FailurePolicy = iota
	// DropFailed drops the whole record (Handle returns nil without calling
	// the wrapped handler). A failure in an attribute added with
	// Logger.With drops every record logged through that logger.
	DropFailed
)

// String names the policy, for configuration dumps and test names.
func (p FailurePolicy) String() string {
	switch p {
	case ReplaceFailed:
		return "replace"
	case DropFailed:
		return "drop"
	}
	return "FailurePolicy(" + strconv.Itoa(int(p)) + ")"
}

// FailedText replaces a value whose redaction failed. It is deliberately
// not in any Redactor's style: the value was not recognised as a secret,
// it could not be examined at all.
const FailedText = "[REDACTED:redaction-failed]"

// RuleFailed is the rule name reported (see [WithReport]) for each value
// replaced by [FailedText].
const RuleFailed = "redaction-failed"

// RuleKeyedSecret is the rule name reported for a value replaced because its
// key, field name or tag marks it secret. It matches the core's rule of the
// same name.
const RuleKeyedSecret = "keyed-secret"

type config struct {
	secretKeys []string        // normalised extra secret names
	skipKeys   map[string]bool // exact keys or dotted paths never touched
	skipPaths  bool            // some skip key has a dot: build paths
	report     func(rule string, n int)
	policy     FailurePolicy
	keys       keyCache // shared by the handlers derived with With and WithGroup
}

// WithSecretKeys adds attribute keys (and struct field or map key names)
// whose values are always replaced, on top of the Redactor's own secret
// keys. A name matches a key equal to it or whose last word it is,
// ignoring case and the separators _ - . (so "pin" matches "PIN",
// "card_pin", "cardPin" and "user.pin"), the same rule as
// [redact.WithSecretKeys]. Use it when one service has its own secret
// names and the shared Redactor should not learn them.
func WithSecretKeys(names ...string) Option {
	return func(c *config) {
		for _, n := range names {
			if n := normalise(n); n != "" {
				c.secretKeys = append(c.secretKeys, n)
			}
		}
	}
}

// WithSkipKeys lists attribute keys whose values are passed on untouched:
// neither replaced by key nor scanned by the patterns. A name with a dot is
// compared with the attribute's full group path ("http.request_id"),
// one without a dot with the bare key, both exactly. It is an escape hatch
// for values known to be safe that the patterns would mangle (a trace ID
// that looks like a token); every skipped key is a hole in the net, so
// keep the list short.
func WithSkipKeys(names ...string) Option {
	return func(c *config) {
		if c.skipKeys == nil {
			c.skipKeys = make(map[string]bool, len(names))
		}
		for _, n := range names {
			c.skipKeys[n] = true
			if strings.Contains(n, ".") {
				c.skipPaths = true
			}
		}
	}
}

// WithReport registers fn to be told, after each record (and after each
// Logger.With), how many values each rule redacted: fn(ruleID, n) once per
// rule, in rule order. It never receives the values. Besides the core's
// rule IDs it may name [RuleFailed] and "too-deep" (a value nested past
// the walk's bound, replaced whole). Finding the rule
// names costs a second scan of each redacted string, so records with
// nothing redacted cost nothing more. fn runs on the logging goroutine and
// must be safe for concurrent use; [Counter.Report] is.
func WithReport(fn func(ruleID string, n int)) Option {
	return func(c *config) { c.report = fn }
}

// WithFailurePolicy chooses what happens to a record whose redaction fails;
// see [FailurePolicy]. The default is [ReplaceFailed].
func WithFailurePolicy(p FailurePolicy) Option {
	return func(c *config) { c.policy = p }
}

// Counter totals redactions per rule across all records, for a metrics
// endpoint or a test. Register it with WithReport(c.Report). The zero
// Counter is ready to use and safe for concurrent use.
type Counter struct {
	mu sync.Mutex
	m  map[string]int64
}

// Report adds n to the count of ruleID. Its signature fits [WithReport].
func (c *Counter) Report(ruleID string, n int) {
	c.mu.Lock()
	if c.m == nil {
		c.m = make(map[string]int64)
	}
	c.m[ruleID] += int64(n)
	c.mu.Unlock()
}

// Counts returns a copy of the totals so far, keyed by rule ID.
func (c *Counter) Counts() map[string]int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int64, len(c.m))
	for k, v := range c.m {
		out[k] = v
	}
	return out
}

// normalise lower-cases name and drops the separators _ - . so that names
// compare the way the core compares secret keys.
func normalise(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '_' || c == '-' || c == '.':
		case 'A' <= c && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// extraSecret reports whether key matches one of the names added with
// WithSecretKeys: the whole key, its last dotted or slashed segment, or its
// last word (split at separators and at lower-to-upper case changes)
// equals a name once normalised. It does not allocate.
func (c *config) extraSecret(key string) bool {
	if len(c.secretKeys) == 0 {
		return false
	}
	// Last path segment.
	seg := key
	if i := strings.LastIndexAny(seg, "./"); i >= 0 && i+1 < len(seg) {
		seg = seg[i+1:]
	}
	// Last word of the segment.
	end := len(seg)
	for end > 0 && isSep(seg[end-1]) {
		end--
	}
	start := end
	for start > 0 {
		c := seg[start-1]
		if isSep(c) {
			break
		}
		if start < end && isUpper(seg[start]) && !isUpper(c) {
			break // "cardPin": stop before "P"
		}
		if start+1 < end && isUpper(c) && isUpper(seg[start]) && isLower(seg[start+1]) {
			break // "APIKey": stop before "K"
		}
		start--
	}
	word := seg[start:end]
	return slices.ContainsFunc(c.secretKeys, func(n string) bool {
		return normEqual(key, n) || normEqual(seg, n) || normEqual(word, n)
	})
}

// normEqual reports whether s, normalised, equals the normalised name n.
func normEqual(s, n string) bool {
	j := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isSep(c) {
			continue
		}
		if isUpper(c) {
			c += 'a' - 'A'
		}
		if j >= len(n) || n[j] != c {
			return false
		}
		j++
	}
	return j == len(n)
}

func isSep(c byte) bool   { return c == '_' || c == '-' || c == '.' || c == ' ' }
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
