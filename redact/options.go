package redact

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Option configures a Redactor built by [New].
type Option func(*config) error

type config struct {
	enable, disable  map[string]bool
	repl             replacer
	known            []string
	custom           []*rule
	allowValues      []string
	allowPatterns    []allowPattern
	secretKeys       []string
	secretKeyAnchors []string
	safeKeys         []string
}

type allowPattern struct{ re *regexp.Regexp }

func newConfig() *config {
	return &config{enable: map[string]bool{}, disable: map[string]bool{}}
}

// EnableRules turns on opt-in rules (such as "ipv4" and "ipv6") by ID.
func EnableRules(ids ...string) Option {
	return func(c *config) error {
		for _, id := range ids {
			c.enable[id] = true
		}
		return nil
	}
}

// DisableRules turns off rules by ID.
func DisableRules(ids ...string) Option {
	return func(c *config) error {
		for _, id := range ids {
			c.disable[id] = true
		}
		return nil
	}
}

// WithPlaceholder selects the default replacement: "[REDACTED:rule-id]".
func WithPlaceholder() Option {
	return func(c *config) error { c.repl = replacer{style: stylePlaceholder}; return nil }
}

// WithFixedText replaces every span with text, e.g. "••••••". The text must
// be valid UTF-8 without control characters, quotes or backslashes, so it
// never breaks the JSON, logfmt or header it lands in; it must not be empty.
// Redacting output that already contains the text leaves it alone.
func WithFixedText(text string) Option {
	return func(c *config) error {
		if text == "" || !utf8.ValidString(text) || strings.ContainsAny(text, "\"'\\`") {
			return errors.New("redact: fixed text must be non-empty UTF-8 without quotes or backslashes")
		}
		for _, r := range text {
			if r < 0x20 || r == 0x7f {
				return errors.New("redact: fixed text must not contain control characters")
			}
		}
		c.repl = replacer{style: styleFixed, text: text}
		return nil
	}
}

// WithPartial keeps the harmless part of some spans next to the
// placeholder: a vendor prefix ("ghp_[REDACTED:github-token]"), the last
// four digits of a card ("[REDACTED:card]1111"), the domain of an e-mail
// address. Rules without such a part get the plain placeholder.
func WithPartial() Option {
	return func(c *config) error { c.repl = replacer{style: stylePartial}; return nil }
}

// WithFingerprint replaces each span with "[REDACTED:rule-id:xxxxxxxx]",
// where xxxxxxxx is the first 4 bytes, in hex, of HMAC-SHA256(key, span).
// Equal values get equal fingerprints, so operators can correlate log lines
// without seeing the values. The key must be at least 16 bytes: an unkeyed
// or weakly keyed hash of a phone number or card is brute-forced in
// seconds.
func WithFingerprint(key []byte) Option {
	return func(c *config) error {
		if len(key) < 16 {
			return errors.New("redact: fingerprint key must be at least 16 bytes")
		}
		c.repl = replacer{style: styleFingerprint, key: append([]byte(nil), key...)}
		return nil
	}
}

// WithAllowValues lists exact values that are never redacted, whatever rule
// matches them (for example a public test key that appears in fixtures).
func WithAllowValues(values ...string) Option {
	return func(c *config) error {
		c.allowValues = append(c.allowValues, values...)
		return nil
	}
}

// WithAllowPatterns lists regular expressions; a span whose whole text
// matches one of them is never redacted.
func WithAllowPatterns(patterns ...string) Option {
	return func(c *config) error {
		for _, p := range patterns {
			re, err := regexp.Compile(`^(?:` + p + `)$`)
			if err != nil {
				return fmt.Errorf("redact: allow pattern: %w", err)
			}
			c.allowPatterns = append(c.allowPatterns, allowPattern{re})
		}
		return nil
	}
}

// WithSecretKeys adds key names whose values are always redacted, in
// addition to the built-in secret nouns. A name matches a key equal to it or
// a key whose last word it is, ignoring case and the separators _ - . (so
// "pin" matches "PIN", "card_pin" and "cardPin").
func WithSecretKeys(names ...string) Option {
	return func(c *config) error {
		for _, n := range names {
			k := normalizeKey(n)
			if len(k) < 2 {
				return fmt.Errorf("redact: secret key name %q is too short", n)
			}
			c.secretKeys = append(c.secretKeys, k)
			// The automaton anchor is the name's last word, which any
			// spelling of the key ends with (otp_seed, otpSeed, OTP-SEED).
			var buf [12][2]int
			words := keyWords([]byte(n), buf[:0])
			if len(words) == 0 {
				return fmt.Errorf("redact: secret key name %q has no letters or digits", n)
			}
			last := words[len(words)-1]
			c.secretKeyAnchors = append(c.secretKeyAnchors, strings.ToLower(n[last[0]:last[1]]))
		}
		return nil
	}
}

// WithSafeKeys lists key names whose values are never redacted by key (the
// patterns still run on them), overriding the built-in nouns. Names compare
// as in WithSecretKeys, but against the whole key.
func WithSafeKeys(names ...string) Option {
	return func(c *config) error {
		for _, n := range names {
			c.safeKeys = append(c.safeKeys, normalizeKey(n))
		}
		return nil
	}
}

func (c *config) build() (*Redactor, error) {
	r := &Redactor{repl: c.repl}
	known := map[string]bool{}
	for _, x := range builtinRules() {
		known[x.id] = true
	}
	for _, x := range c.custom {
		known[x.id] = true
	}
	for id := range c.enable {
		if !known[id] {
			return nil, fmt.Errorf("redact: EnableRules: unknown rule %q", id)
		}
	}
	for id := range c.disable {
		if !known[id] && id != knownSecretID {
			return nil, fmt.Errorf("redact: DisableRules: unknown rule %q", id)
		}
	}
	r.keys = newKeyPolicy(c.secretKeys, c.secretKeyAnchors, c.safeKeys)
	var trigger *rule
	builtin := map[*rule]bool{}
	for _, x := range builtinRules() {
		builtin[x] = true
	}
	for _, x := range builtinRules() {
		if x.id == digitsTriggerID {
			trigger = x
			continue
		}
		if c.disable[x.id] || (x.optIn && !c.enable[x.id]) {
			continue
		}
		if x.id == keyedRuleID && !x.hidden && len(c.secretKeys) > 0 {
			x = r.keys.extend(x)
		}
		switch x.id {
		case keyedRuleID:
			if !x.hidden {
				r.keyed = x
			}
		case "url-credentials":
			r.url = x
		case "card":
			r.digits.card = x
		case "phone":
			r.digits.phone = x
		case "ssn":
			r.digits.ssn = x
		case "iban":
			r.digits.iban = x
		}
		r.rules = append(r.rules, x)
	}
	if r.digits != (digitRules{}) {
		r.rules = append(r.rules, trigger)
	}
	for _, x := range c.custom {
		if !c.disable[x.id] {
			r.rules = append(r.rules, x)
		}
	}
	if !c.disable[knownSecretID] {
		ks, err := knownSecretRules(c.known)
		if err != nil {
			return nil, err
		}
		r.rules = append(r.rules, ks...)
	}
	if len(c.allowValues) > 0 {
		r.allowValues = make(map[string]struct{}, len(c.allowValues))
		for _, v := range c.allowValues {
			r.allowValues[v] = struct{}{}
		}
	}
	r.allowPatterns = c.allowPatterns
	if c.repl.style == styleFixed {
		r.placeholders = append(r.placeholders, []byte(c.repl.text))
	}
	for _, x := range r.rules {
		for _, a := range x.anchors {
			if strings.IndexByte(a, '\n') >= 0 {
				return nil, fmt.Errorf("redact: rule %q: anchors must not contain a newline", x.id)
			}
		}
		for _, a := range x.anchors {
			r.spanAnchor = r.spanAnchor || mayCrossJSONTokens(a, builtin[x])
		}
		r.maxBack = max(r.maxBack, x.back)
		if x.multiline {
			r.multiline = true
			// Look-back is clipped to the anchor's line (see window), so
			// maxBack covers it; maxMultiBack stays 0.
			for _, a := range x.anchors {
				r.maxMultiLen = max(r.maxMultiLen, len(a))
			}
		}
	}
	ids := []string{knownSecretID}
	for _, x := range builtinRules() {
		ids = append(ids, x.id)
	}
	for _, x := range r.rules {
		ids = append(ids, x.id)
	}
	r.keys = r.keys.withRuleIDs(ids)
	r.on = make(map[*rule]struct{}, len(r.rules))
	for _, x := range r.rules {
		r.on[x] = struct{}{}
	}
	m, err := buildMachine(r.rules)
	if err != nil {
		return nil, err
	}
	r.m = m
	r.inertKeys = new(inertKeys)
	r.numbersDigitsOnly = !slices.ContainsFunc(r.rules, func(x *rule) bool {
		return !x.digits && slices.ContainsFunc(x.anchors, func(a string) bool {
			return strings.Trim(a, "0123456789+-.eE") == ""
		})
	})
	return r, nil
}

// allowed reports whether an allowlist exempts the span text b.
func (r *Redactor) allowed(b []byte) bool {
	if r.allowValues != nil {
		if _, ok := r.allowValues[string(b)]; ok {
			return true
		}
	}
	for _, p := range r.allowPatterns {
		if p.re.Match(b) {
			return true
		}
	}
	return false
}

// mayCrossJSONTokens reports an anchor that could match across JSON tokens
// in a document with no backslash, which JSONUnchecked's token-by-token
// look cannot handle: one with a quote, or a user's anchor (a known secret,
// a custom keyword) with JSON punctuation ("1234,5678"; two tokens are
// never separated by whitespace alone). The built-in anchors with ':'
// (": |", ":aa") can only match outside a string where the JSON is
// invalid, which that look catches.
func mayCrossJSONTokens(a string, builtin bool) bool {
	if builtin {
		return strings.IndexByte(a, '"') >= 0
	}
	return strings.ContainsAny(a, "\",:[]{}")
}
