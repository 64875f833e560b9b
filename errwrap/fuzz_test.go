package errwrap

import (
	"strings"
	"testing"

	"github.com/aegisagent/redactor/redact"
)

// FuzzDetailValueNeverSurvives: whatever a Postgres Key detail or MySQL
// duplicate entry quotes, the operator view does not contain it (values
// too short to be told apart from the surrounding text are exempt), and
// masking never panics on arbitrary text.
func FuzzDetailValueNeverSurvives(f *testing.F) {
	for _, s := range []string{"alice", "a) b (c", "x, y", "o'brien", "ghp_abc", "[REDACTED:email]", "null", ") already exists"} {
		f.Add(s)
	}
	r := redact.Default()
	f.Fuzz(func(t *testing.T, v string) {
		if strings.ContainsAny(v, "\n\r") || len(v) < 6 || strings.Contains(v, "REDACTED") || strings.Contains(v, ", ") {
			_ = maskText(r, "Key (c)=("+v+") already exists.", true) // must not panic
			_ = sanitizeURLsInText(r, v)
			return
		}
		for _, tmpl := range []string{
			"Key (c)=(%s) already exists.",
			"Failing row contains (%s).",
			"Duplicate entry '%s' for key 'k'",
			"Incorrect integer value: '%s' for column `t`.`n` at row 1",
			`invalid input syntax for type integer: "%s"`,
		} {
			if strings.Contains(tmpl, v) || strings.Contains("[REDACTED:keyed-secret]", v) {
				continue // the value is part of the fixed text
			}
			in := strings.Replace(tmpl, "%s", v, 1)
			if out := maskText(r, in, true); strings.Contains(out, v) {
				t.Errorf("maskText(%q) = %q keeps the value", in, out)
			}
		}
	})
}
