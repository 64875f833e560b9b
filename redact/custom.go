package redact

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// CustomRule describes a rule of your own: literal keywords that wake it
// up, and a regular expression that finds the secret near them.
type CustomRule struct {
	// ID names the rule in placeholders and findings: lower-case letters,
	// digits and dashes, and not the ID of a built-in rule.
	ID string
	// Kind is Secret (the default) or PII.
	Kind Kind
	// Keywords are literal strings, matched ignoring ASCII case, at least
	// one of which occurs in or next to every secret (a prefix such as
	// "myco_", or a key name). They go into the one automaton pass.
	Keywords []string
	// Pattern is an RE2 regular expression run on the keyword's line
	// (within Before bytes before and After bytes after the keyword). A
	// match that contains the keyword is a finding: its capture group
	// named "secret", else its first group, else the whole match is
	// redacted.
	Pattern string
	// Validate, if set, must return true for the secret bytes to be
	// redacted (a checksum, say). It must not keep or modify them.
	Validate func(secret []byte) bool
	// Before and After bound the window around the keyword; 0 means 64 and
	// 256 bytes.
	Before, After int
}

// WithCustomRule adds a rule. Custom rules take precedence over built-in
// token, generic, key and PII rules on overlapping spans, and yield only to
// known secrets.
func WithCustomRule(cr CustomRule) Option {
	return func(c *config) error {
		if cr.ID == "" || strings.Trim(cr.ID, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			return fmt.Errorf("redact: custom rule ID %q must be lower-case letters, digits and dashes", cr.ID)
		}
		for _, x := range builtinRules() {
			if x.id == cr.ID {
				return fmt.Errorf("redact: custom rule ID %q is a built-in rule", cr.ID)
			}
		}
		if len(cr.Keywords) == 0 {
			return errors.New("redact: custom rule " + cr.ID + " needs at least one keyword")
		}
		if cr.Pattern == "" {
			return errors.New("redact: custom rule " + cr.ID + " needs a pattern")
		}
		re, err := regexp.Compile(cr.Pattern)
		if err != nil {
			return fmt.Errorf("redact: custom rule %s: %w", cr.ID, err)
		}
		grp := 0
		if i := re.SubexpIndex("secret"); i > 0 {
			grp = i
		} else if re.NumSubexp() > 0 {
			grp = 1
		}
		kind := cr.Kind
		if kind == 0 {
			kind = Secret
		}
		if kind != Secret && kind != PII {
			return fmt.Errorf("redact: custom rule %s: unknown kind %d", cr.ID, kind)
		}
		before, after := cr.Before, cr.After
		if before <= 0 {
			before = 64
		}
		if after <= 0 {
			after = 256
		}
		var anchors []string
		for _, k := range cr.Keywords {
			if k == "" || strings.ContainsAny(k, "\r\n") {
				return fmt.Errorf("redact: custom rule %s: keywords must be non-empty and single-line", cr.ID)
			}
			anchors = append(anchors, strings.ToLower(k))
		}
		c.custom = append(c.custom, &rule{
			id: cr.ID, kind: kind, prio: prioCustom,
			desc: "custom rule", example: cr.Pattern,
			anchors: anchors, back: before, fwd: after,
			re: re, reGrp: grp, check: cr.Validate, validate: validateCustom,
		})
		return nil
	}
}

func validateCustom(s *scanner, w []byte, a, e int) {
	r := s.cur
	for _, m := range r.re.FindAllSubmatchIndex(w, -1) {
		if m[0] > a || m[1] < e {
			continue // the match must contain the keyword
		}
		st, end := m[2*r.reGrp], m[2*r.reGrp+1]
		if st < 0 || end <= st {
			continue
		}
		if r.check != nil && !r.check(w[st:end]) {
			continue
		}
		s.add(st, end, 0, 0)
	}
}
