package redact

import (
	"bytes"
	"slices"
	"strings"
)

// Secret-keyed values: "password=…", "api_key: …", `"token":"…"`,
// "Authorization: Bearer …", "<password>…</password>". The key decides,
// whatever the value looks like.
//
// A key is secret when its LAST word is a secret noun. Words are split on
// _ - . and camelCase, and matched ignoring case. So access_token,
// refreshToken, DB_PASSWORD, X-Api-Key and client_secret are secret, while
// token_type, max_tokens, password_updated_at, secret_name, key_id and
// public_key (keys about secrets) are not.

const keyedRuleID = "keyed-secret"

// keyAnchors are the roots of every secret noun; each hit runs the keyed
// validator, which rejects most hits in a few bytes (no separator follows).
var keyAnchors = []string{"pass", "pwd", "secret", "token", "key", "credential", "creds", "authoriz", "cookie", "sig"}

// keyQualifiers make "key" a secret noun when they are the word before it:
// api_key, private_key, x-api-key, secretKey … but not public_key, key_id,
// cache_key.
var keyQualifiers = []string{
	"api", "private", "access", "secret", "signing", "sign", "encryption", "encrypt", "enc",
	"master", "client", "account", "app", "auth", "license", "licence", "shared", "hmac",
	"consumer", "storage", "service", "session", "root", "jwt", "webhook", "ssh", "gpg", "pgp",
	"deploy", "admin", "subscription", "primary", "secondary", "sas", "host", "function",
	"partner", "merchant", "server", "crypto", "cipher", "aes", "kms", "decryption", "decrypt",
	"integration", "management", "user", "personal", "project", "org", "bot", "sdk", "mac",
}

// gluedKeySuffixes are nouns that make a one-word key secret even when glued
// to a prefix without a separator: dbpassword, clientsecret, apikey.
var gluedKeySuffixes = []string{
	"password", "passwd", "passphrase", "secret", "credentials", "credential",
	"apikey", "accesskey", "secretkey", "privatekey", "authkey", "signingkey", "masterkey",
	"encryptionkey", "apitoken", "authtoken", "accesstoken", "refreshtoken", "bearertoken",
	"sessiontoken", "securitytoken", "idtoken", "csrftoken", "xsrftoken", "bottoken",
}

// nouns that are secret as a whole last word.
var secretNouns = []string{
	"password", "passwd", "passphrase", "pass", "pwd", "passcode",
	"secret", "secrets", "credential", "credentials", "creds",
	"token", "authorization", "cookie", "cookies", "signature", "sig",
}

// tokenNotSecret are words before "token" that make it a cursor or a
// counter, not a credential: next_page_token, continuation_token.
var tokenNotSecret = []string{
	"page", "next", "nextpage", "continuation", "continue", "sync", "cancellation", "cancel",
	"pagination", "resume", "cursor", "max", "min", "num", "total", "input", "output",
	"prompt", "completion", "lexer", "parse", "parser", "end", "start", "window", "appwindow",
}

// transparentWords may follow a secret noun without hiding it:
// INTERNAL_SECRET_PREVIOUS, password_new, api_key_b64.
var transparentWords = []string{"previous", "prev", "old", "new", "current", "next", "b64", "base64", "hex", "raw", "value", "val", "encoded", "plain", "plaintext", "enc"}

// headerNouns are keys whose value is a whole header value with spaces in
// it ("Authorization: Bearer x", "Cookie: a=1; b=2").
var headerNouns = []string{"authorization", "cookie", "cookies"}

// authSchemes precede the credential in an Authorization value; the scheme
// itself is kept.
var authSchemes = []string{"bearer", "basic", "token", "bot", "apikey", "api-key", "key", "digest", "negotiate", "ntlm", "sso-key", "ssws", "oauth", "aws4-hmac-sha256", "hmac", "dpop"}

// keyPolicy holds the per-Redactor additions to the key rules.
type keyPolicy struct {
	extra []string        // normalized extra secret names
	safe  map[string]bool // normalized keys never secret by name
}

func newKeyPolicy(extra, safe []string) keyPolicy {
	p := keyPolicy{extra: extra}
	if len(safe) > 0 {
		p.safe = map[string]bool{}
		for _, s := range safe {
			p.safe[s] = true
		}
	}
	return p
}

// extend returns a copy of the keyed rule whose anchors also cover the
// extra key names.
func (p keyPolicy) extend(x *rule) *rule {
	c := *x
	c.anchors = slices.Clone(x.anchors)
	for _, k := range p.extra {
		c.anchors = append(c.anchors, k)
	}
	return &c
}

// normalizeKey lower-cases a key and drops the separators _ - . and spaces.
func normalizeKey(k string) string {
	var b strings.Builder
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch c {
		case '_', '-', '.', ' ':
			continue
		}
		b.WriteByte(lower(c))
	}
	return b.String()
}

// IsSecretKey reports whether a value stored under key must be redacted
// whatever it looks like: the key's last word is a secret noun (or a name
// added with [WithSecretKeys]) and the key is not listed in
// [WithSafeKeys]. Leading "-", "$", "@" and quotes are ignored, and a
// dotted or slashed path is judged by its last segment's words.
func (r *Redactor) IsSecretKey(key string) bool {
	k := []byte(key)
	k = bytes.Trim(k, "\"'`-$@ \t")
	sec, _ := r.keys.classify(k)
	return sec
}

// IsSecretKey is Default().IsSecretKey.
func IsSecretKey(key string) bool { return Default().IsSecretKey(key) }

// keyWords splits a key into words on non-alphanumeric bytes and at
// camelCase, letter/digit and ACRONYMWord boundaries. It appends [start,
// end) pairs to dst.
func keyWords(k []byte, dst [][2]int) [][2]int {
	start := -1
	for i := 0; i <= len(k); i++ {
		if i == len(k) || !isAlnum(k[i]) {
			if start >= 0 {
				dst = append(dst, [2]int{start, i})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		p, c := k[i-1], k[i]
		split := false
		switch {
		case isLower(p) && isUpper(c):
			split = true
		case isDigit(p) != isDigit(c):
			split = true
		case isUpper(p) && isUpper(c) && i+1 < len(k) && isLower(k[i+1]):
			split = true // "APIKey" -> "API", "Key"
		}
		if split {
			dst = append(dst, [2]int{start, i})
			start = i
		}
	}
	return dst
}

func inFold(w []byte, list []string) bool {
	for _, s := range list {
		if equalFold(w, s) {
			return true
		}
	}
	return false
}

func isDigits(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// classify reports whether key k is a secret key and whether its value is a
// whole header value (Authorization, Cookie).
func (p keyPolicy) classify(k []byte) (secret, header bool) {
	if len(k) == 0 || len(k) > 128 {
		return false, false
	}
	var buf [12][2]int
	words := keyWords(k, buf[:0])
	if len(words) == 0 {
		return false, false
	}
	if p.safe != nil || len(p.extra) > 0 {
		n := normalizeKey(string(k))
		if p.safe[n] {
			return false, false
		}
		lastw := k[words[len(words)-1][0]:words[len(words)-1][1]]
		for _, x := range p.extra {
			if n == x || equalFold(lastw, x) {
				return true, false
			}
		}
	}
	// Drop trailing digits and transparent words (api_key_2, SECRET_PREVIOUS).
	for len(words) > 1 {
		w := k[words[len(words)-1][0]:words[len(words)-1][1]]
		if isDigits(w) || inFold(w, transparentWords) {
			words = words[:len(words)-1]
			continue
		}
		break
	}
	last := k[words[len(words)-1][0]:words[len(words)-1][1]]
	var prev []byte
	if len(words) > 1 {
		prev = k[words[len(words)-2][0]:words[len(words)-2][1]]
	}
	switch {
	case equalFold(last, "key") || equalFold(last, "keys"):
		return prev != nil && inFold(prev, keyQualifiers), false
	case equalFold(last, "token"):
		return prev == nil || !inFold(prev, tokenNotSecret), false
	case inFold(last, secretNouns):
		return true, inFold(last, headerNouns)
	}
	// One glued word: dbpassword, clientSecret written clientsecret, apikey.
	for _, suf := range gluedKeySuffixes {
		if len(last) > len(suf) && equalFold(last[len(last)-len(suf):], suf) {
			return true, false
		}
		if equalFold(last, suf) {
			return true, false
		}
	}
	if len(last) > 5 && equalFold(last[len(last)-5:], "token") {
		return !inFold(last[:len(last)-5], tokenNotSecret), false
	}
	return false, false
}

// validateKeyed is the validator of the secret-key rule. The anchor [a, e)
// is a secret-noun root somewhere inside a key.
func validateKeyed(s *scanner, w []byte, a, e int) {
	ke := runFwd(w, e, cKey)
	for ke > e && (w[ke-1] == '.' || w[ke-1] == '-') {
		ke-- // sentence punctuation, not part of the key
	}
	if ke >= len(w) {
		return
	}
	// Cheapest test first: something must follow that could separate a
	// key from a value.
	switch w[ke] {
	case '=', ':', '"', '\'', '`', ' ', '\t', '>', '\\':
	default:
		return
	}
	ks := runBack(w, a, cKey)
	for ks < a && (w[ks] == '.' || w[ks] == '-') {
		ks++ // "--password", "-p": flag dashes are not part of the key
	}
	if bytes.HasSuffix(w[:ks], []byte(placeholderPrefix+":")) {
		return // the rule ID inside one of our placeholders
	}
	flag := ks >= 2 && w[ks-1] == '-' && w[ks-2] == '-'
	sec, header := s.r.keys.classify(w[ks:ke])
	if !sec {
		return
	}
	kv, ok := parseKeyValue(w, ks, ke, flag, header)
	if !ok {
		return
	}
	lastWordSig := false
	{
		var buf [12][2]int
		words := keyWords(w[ks:ke], buf[:0])
		if n := len(words); n > 0 {
			lw := w[ks+words[n-1][0] : ks+words[n-1][1]]
			lastWordSig = equalFold(lw, "sig") || equalFold(lw, "signature")
		}
	}
	v := w[kv.start:kv.end]
	if lastWordSig && len(v) < 8 {
		return
	}
	if !kv.quoted && !kv.structural {
		// "word key: value" in running text: prose unless the value looks
		// like a credential, and for the weak nouns (token, key, cookie …)
		// like a strong one.
		if !credentialLike(v) || !strongNoun(w[ks:ke]) && !strongValue(v) {
			return
		}
	}
	if s.r.notSecretValue(v) {
		return
	}
	if kv.objectFollows {
		return
	}
	if w[ks] != '$' && (equalFold(w[ks:ke], "pwd") || equalFold(w[ks:ke], "oldpwd")) && (v[0] == '/' || v[0] == '~') {
		return // the shell's working directory, not a password
	}
	s.add(kv.start, kv.end, 0, 0)
}

// keyValue is the value found after a key.
type keyValue struct {
	start, end    int
	quoted        bool // the value was in quotes
	structural    bool // the syntax is unambiguous (quoted key, line start, after a delimiter, =)
	objectFollows bool // the value is an identifier followed by { ( or [ (an object dump)
}

// parseKeyValue reads the separator and value after the key w[ks:ke].
func parseKeyValue(w []byte, ks, ke int, flag, header bool) (kv keyValue, ok bool) {
	i := ke
	// An opening quote before the key.
	var q string
	switch {
	case ks >= 2 && w[ks-1] == '"' && w[ks-2] == '\\':
		q = `\"`
	case ks >= 1 && (w[ks-1] == '"' || w[ks-1] == '\'' || w[ks-1] == '`'):
		q = string(w[ks-1 : ks])
	}
	quotedKey := false
	enclosing := byte(0) // the key sits at the start of a quoted string
	if q != "" {
		if bytes.HasPrefix(w[i:], []byte(q)) {
			quotedKey = true
			i += len(q)
		} else {
			enclosing = q[len(q)-1]
		}
	}
	xml := ks >= 1 && w[ks-1] == '<' && i < len(w) && w[i] == '>'
	j := i
	for j < len(w) && (w[j] == ' ' || w[j] == '\t') {
		j++
	}
	structural := quotedKey
	switch {
	case xml:
		i++
		structural = true
	case j < len(w) && w[j] == '=':
		if j+1 < len(w) && w[j+1] == '=' {
			return kv, false // a comparison
		}
		i = j + 1
		if i < len(w) && w[i] == '>' {
			i++ // =>
		}
		structural = true
	case j < len(w) && w[j] == ':':
		if j+1 < len(w) && w[j+1] == ':' {
			return kv, false // Type::member
		}
		i = j + 1
		if i < len(w) && w[i] == '=' {
			i++ // :=
			structural = true
		}
		if !structural {
			structural = keyStartsField(w, ks)
		}
	case flag && j > i && j < len(w) && w[j] != '-':
		i = j // --password value
		structural = true
	default:
		return kv, false
	}
	if !xml {
		for i < len(w) && (w[i] == ' ' || w[i] == '\t') {
			i++
		}
	}
	if i >= len(w) {
		return kv, false
	}
	kv.structural = structural
	if xml {
		end := bytes.IndexByte(w[i:], '<')
		if end < 0 {
			end = len(w) - i
		}
		kv.start, kv.end = i, trimRightSpace(w, i, i+end)
		kv.quoted = true
		return kv, kv.end > kv.start
	}
	// Quoted value.
	if vq := quoteAt(w, i); vq != "" {
		start := i + len(vq)
		end := closingQuote(w, start, vq)
		kv.quoted = true
		if end < 0 {
			end = trimRightSpace(w, start, len(w)) // unterminated: fail closed to the line end
		}
		start = skipScheme(w, start, end)
		kv.start, kv.end = start, end
		return kv, end > start
	}
	start := i
	start = skipScheme(w, start, len(w))
	end := start
	if header && start == i {
		// A whole header value: to the end of the line or enclosing quote.
		end = len(w)
		if enclosing != 0 {
			if k := bytes.IndexByte(w[start:], enclosing); k >= 0 {
				end = start + k
			}
		}
		end = trimRightSpace(w, start, end)
	} else {
		for end < len(w) && !valueStop(w[end], enclosing) {
			end++
		}
		if end < len(w) && start == end {
			return kv, false
		}
		if end < len(w) && (w[end] == '{' || w[end] == '(' || w[end] == '[') {
			kv.objectFollows = true
		}
	}
	kv.start, kv.end = start, end
	return kv, end > start
}

// keyStartsField reports whether the key at ks starts a field, which makes
// "k: v" structural: at the line start (after indentation or a YAML "- "),
// or after a delimiter such as { , ; ( [ |.
func keyStartsField(w []byte, ks int) bool {
	i := ks
	for i > 0 && (w[i-1] == ' ' || w[i-1] == '\t') {
		i--
	}
	if i == 0 {
		return true
	}
	switch w[i-1] {
	case '{', ',', ';', '(', '[', '|', '\r':
		return true
	case '-':
		return i-1 == 0 || w[i-2] == ' ' || w[i-2] == '\t'
	}
	return false
}

func quoteAt(w []byte, i int) string {
	switch {
	case w[i] == '"' || w[i] == '\'' || w[i] == '`':
		return string(w[i : i+1])
	case w[i] == '\\' && i+1 < len(w) && (w[i+1] == '"' || w[i+1] == '\''):
		return string(w[i : i+2])
	}
	return ""
}

// closingQuote finds the quote q closing a string that starts at i,
// skipping backslash escapes; -1 if the window ends first.
func closingQuote(w []byte, i int, q string) int {
	if len(q) == 2 { // \" inside an outer JSON string: ends at the next \"
		k := bytes.Index(w[i:], []byte(q))
		if k < 0 {
			return -1
		}
		return i + k
	}
	c := q[0]
	for ; i < len(w); i++ {
		switch w[i] {
		case '\\':
			i++
		case c:
			return i
		}
	}
	return -1
}

// valueStop reports whether b ends an unquoted value.
func valueStop(b, enclosing byte) bool {
	switch b {
	case ' ', '\t', '\r', '\n', '&', ',', ';', '"', '\'', '`', '<', '>', ')', ']', '}', '\\', '{', '(', '[':
		return true
	}
	return b == enclosing && b != 0
}

func trimRightSpace(w []byte, start, end int) int {
	for end > start && isSpace(w[end-1]) {
		end--
	}
	return end
}

// skipScheme skips an authorization scheme word ("Bearer ", "Basic ") at
// the start of a value, so the scheme stays visible.
func skipScheme(w []byte, start, end int) int {
	for _, sc := range authSchemes {
		n := len(sc)
		if end-start > n+1 && hasPrefixFold(w, start, sc) && (w[start+n] == ' ' || w[start+n] == '\t') {
			i := start + n
			for i < end && (w[i] == ' ' || w[i] == '\t') {
				i++
			}
			return i
		}
	}
	return start
}

// credentialLike is the test for an unquoted value after "key:" in running
// text ("Invalid token: expired" is prose; "token: 9f2Kx…" is not): the
// value must have a digit, a symbol or inner capitals, or be long.
func credentialLike(v []byte) bool {
	if len(v) >= 20 {
		return true
	}
	if len(v) < 6 {
		return false
	}
	for i, c := range v {
		switch {
		case isDigit(c):
			return true
		case isUpper(c) && i > 0:
			return true
		case !isLetter(c):
			return true
		}
	}
	return false
}

// strongNoun reports keys whose last word is unambiguous even in running
// text: password, passphrase, secret, credentials, api key.
func strongNoun(k []byte) bool {
	var buf [12][2]int
	words := keyWords(k, buf[:0])
	if len(words) == 0 {
		return false
	}
	last := k[words[len(words)-1][0]:words[len(words)-1][1]]
	if inFold(last, []string{"password", "passwd", "passphrase", "pwd", "passcode", "secret", "secrets", "credential", "credentials"}) {
		return true
	}
	for _, suf := range gluedKeySuffixes {
		if len(last) >= len(suf) && equalFold(last[len(last)-len(suf):], suf) && !strings.HasSuffix(suf, "token") {
			return true
		}
	}
	if (equalFold(last, "key") || equalFold(last, "keys")) && len(words) > 1 {
		return true
	}
	return false
}

// strongValue is the shape of a random credential: at least 8 bytes,
// letters and digits, and no '.' or '/' (which make paths, hosts, versions
// and class names).
func strongValue(v []byte) bool {
	if len(v) < 8 || bytes.IndexByte(v, '.') >= 0 || bytes.IndexByte(v, '/') >= 0 || bytes.IndexByte(v, '@') >= 0 {
		return false
	}
	return hasDigit(v) && bytes.IndexFunc(v, func(r rune) bool { return r < 128 && isLetter(byte(r)) }) >= 0
}

// valueStopwords are values that are words about a secret, not a secret:
// "password: required", "token=null".
var valueStopwords = []string{
	"null", "nil", "none", "true", "false", "undefined", "empty", "required", "invalid",
	"expired", "missing", "incorrect", "wrong", "changed", "updated", "reset", "set", "unset",
	"not", "yes", "no", "ok", "redacted", "masked", "hidden", "removed", "omitted", "provided",
	"present", "absent", "weak", "strong", "too", "is", "was", "has", "must", "should", "will",
	"for", "of", "to", "and", "the", "a", "an", "from", "with", "in", "on", "at", "n/a", "na",
	"tbd", "todo", "string", "str", "int", "bool", "boolean",
	"object", "array", "number", "sensitive", "filtered", "protected", "enabled", "disabled",
	"on", "off", "valid", "ignored", "skipped", "hash", "hashed", "encrypted",
}

// notSecretValue reports values that are placeholders or words, never
// secrets: ${VAR}, {{ .x }}, <token>, ***, REDACTED, xxxxxxxx, our own
// placeholders, "null".
func (r *Redactor) notSecretValue(v []byte) bool {
	if len(v) == 0 {
		return true
	}
	if isPlaceholder(v) {
		return true
	}
	for _, p := range r.placeholders {
		if bytes.HasPrefix(v, p) {
			return true
		}
	}
	return inFold(v, valueStopwords)
}

// isPlaceholder reports the shapes that stand for a value rather than being
// one.
func isPlaceholder(v []byte) bool {
	if bytes.HasPrefix(v, []byte(placeholderPrefix)) {
		return true
	}
	switch {
	case bytes.HasPrefix(v, []byte("${")), bytes.HasPrefix(v, []byte("{{")), bytes.HasPrefix(v, []byte("$(")),
		bytes.HasPrefix(v, []byte("%(")), bytes.HasPrefix(v, []byte("#{")), bytes.HasPrefix(v, []byte("<%")):
		return true
	case v[0] == '<' && v[len(v)-1] == '>':
		return true
	case v[0] == '$' && allWordBytes(v[1:]):
		return true // a shell variable reference
	case len(v) > 2 && v[0] == '%' && v[len(v)-1] == '%' && allWordBytes(v[1:len(v)-1]):
		return true
	}
	if bytes.Contains(v, []byte("***")) || bytes.Contains(v, []byte("•")) || bytes.Contains(v, []byte("…")) {
		return true
	}
	if hasPrefixFold(v, 0, "redacted") || hasPrefixFold(v, 0, "<redacted") || hasPrefixFold(v, 0, "your_") ||
		hasPrefixFold(v, 0, "your-") || hasPrefixFold(v, 0, "your ") || hasPrefixFold(v, 0, "placeholder") {
		return true
	}
	// One repeated character, or only x/X and separators: "xxxx", "****", "XXXX-XXXX".
	if len(v) >= 3 {
		same, xs := true, true
		for _, c := range v {
			if c != v[0] {
				same = false
			}
			if c != 'x' && c != 'X' && c != '-' && c != '_' && c != '.' {
				xs = false
			}
		}
		if same || (xs && bytes.IndexAny(v, "xX") >= 0) {
			return true
		}
	}
	return false
}

func allWordBytes(b []byte) bool {
	for _, c := range b {
		if !isWord(c) {
			return false
		}
	}
	return len(b) > 0
}

func keyedRule() *rule {
	return &rule{
		id:       keyedRuleID,
		kind:     Secret,
		desc:     "value of a key whose last word is a secret noun (password, secret, token, api key, private/access key, credentials, authorization, cookie) in k=v, k: v, JSON, YAML, env, query, header, XML and --flag syntax",
		example:  `password=hunter2, "api_key": "…", Authorization: Bearer …`,
		anchors:  keyAnchors,
		back:     128,
		fwd:      4096,
		prio:     prioKeyed,
		validate: validateKeyed,
	}
}
