package bench

import (
	"bytes"
	"regexp"
)

// naiveRule is one rule of the naive redactor: a Go regexp and the
// ReplaceAll template for its matches.
type naiveRule struct {
	name string
	re   *regexp.Regexp
	repl []byte
}

const red = "[REDACTED]"

// naiveRules is the hand-written regexp list a team would write without a
// dedicated library: one regexp per secret shape, applied one after another.
// It is deliberately honest, not a straw man: rules with a literal prefix
// are written so Go's regexp can skip ahead with a literal search, and
// keyed rules keep the key. It has no checksums and no context, so it
// over-redacts (any 13–19 digit run is a "card") and misses what it has no
// rule for.
var naiveRules = []naiveRule{
	{"private-key", regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----`), []byte(red)},
	{"bearer", regexp.MustCompile(`(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]{8,}`), []byte("${1}" + red)},
	{"basic", regexp.MustCompile(`(?i)\b(basic\s+)[A-Za-z0-9+/]{8,}={0,2}`), []byte("${1}" + red)},
	{"jwt", regexp.MustCompile(`eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`), []byte(red)},
	{"aws-key-id", regexp.MustCompile(`\b(?:AKIA|ASIA)[A-Z2-7]{16}\b`), []byte(red)},
	{"aws-secret", regexp.MustCompile(`(?i)(aws_?secret_?access_?key["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{40}`), []byte("${1}" + red)},
	{"github", regexp.MustCompile(`\bgh[pousr]_[A-Za-z0-9]{36}\b`), []byte(red)},
	{"github-pat", regexp.MustCompile(`\bgithub_pat_[A-Za-z0-9_]{82}\b`), []byte(red)},
	{"slack", regexp.MustCompile(`\bxox[abposr]-[A-Za-z0-9-]{10,}`), []byte(red)},
	{"slack-webhook", regexp.MustCompile(`https://hooks\.slack\.com/services/[A-Za-z0-9/]+`), []byte(red)},
	{"stripe", regexp.MustCompile(`\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}`), []byte(red)},
	{"google", regexp.MustCompile(`\bAIza[A-Za-z0-9_-]{35}`), []byte(red)},
	{"openai", regexp.MustCompile(`\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}`), []byte(red)},
	{"acp", regexp.MustCompile(`\bacp_[A-Za-z0-9]{16,}`), []byte(red)},
	{"url-credentials", regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]+:)[^@\s/]+@`), []byte("${1}" + red + "@")},
	{"quoted-secret", regexp.MustCompile(`(?i)("(?:password|passwd|secret|token|api_?key|access_?token|refresh_?token|client_?secret)"\s*:\s*")[^"]*"`), []byte("${1}" + red + `"`)},
	{"keyed-secret", regexp.MustCompile(`(?i)\b((?:password|passwd|pwd|secret|token|api_?key|apikey|access_?token|refresh_?token|client_?secret)\s*[=:]\s*)[^\s&,;"']+`), []byte("${1}" + red)},
	{"x-api-key", regexp.MustCompile(`(?i)(x-api-key:\s*)\S+`), []byte("${1}" + red)},
	{"cookie", regexp.MustCompile(`(?i)((?:set-)?cookie:\s*)[^\r\n]+`), []byte("${1}" + red)},
	{"email", regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`), []byte(red)},
	{"card", regexp.MustCompile(`\b(?:\d[ -]?){12,18}\d\b`), []byte(red)},
	{"ssn", regexp.MustCompile(`\b\d{3}-\d{2}-\d{4}\b`), []byte(red)},
	{"phone-intl", regexp.MustCompile(`\+\d{1,3}[ .-]?\(?\d{1,4}\)?[ .-]?\d{3,4}[ .-]?\d{3,4}`), []byte(red)},
	{"phone-us", regexp.MustCompile(`\(\d{3}\)\s?\d{3}-\d{4}`), []byte(red)},
	{"iban", regexp.MustCompile(`\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b`), []byte(red)},
}

// NaiveLine redacts one line (or any text) with every naive rule in turn,
// each a ReplaceAll over the previous rule's output.
func NaiveLine(b []byte) []byte {
	for i := range naiveRules {
		r := &naiveRules[i]
		b = r.re.ReplaceAll(b, r.repl)
	}
	return b
}

// NaivePerLine appends the naive redaction of in, line by line, to dst.
// This is what a hand-written log filter does.
func NaivePerLine(dst, in []byte) []byte {
	for len(in) > 0 {
		i := bytes.IndexByte(in, '\n')
		line := in
		if i >= 0 {
			line, in = in[:i], in[i+1:]
		} else {
			in = nil
		}
		dst = append(dst, NaiveLine(line)...)
		if i >= 0 {
			dst = append(dst, '\n')
		}
	}
	return dst
}
