package redact

import (
	"bytes"
	"slices"
	"strings"
	"unsafe"
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
//
// The validator runs on every anchor hit, so it tests the cheapest thing
// first: a separator (= : => := a closing quote, XML >, or a space after a
// --flag) must follow the key, which ends most hits within a few bytes.
// Then the syntax around the pair sets how sure we are that it is one:
//
//   - strict: a quoted key, =, :=, =>, XML, --flag, or "key:" opening a
//     line or following { , ; ( [ | — the value is redacted unless it is
//     a placeholder or a stop word ("null", "required");
//   - field: "key: value" opening a quoted string ("Authorization: …" in
//     curl -H) — the value must also look like a credential;
//   - prose: "word key: value" — the value must look like a strong
//     credential ("Invalid token: expired" stays).
//
// Keys also come bracketed (user[password]=, user%5Bpassword%5D=, PHP's
// [api_key] =>), as Makefile assignments (?= += ::=), as XML elements with
// attributes or CDATA text, as directive arguments (ENV, fastcgi_param,
// SetEnv), as table columns, and as several words ("API Key: v",
// "Client Secret": "v"; unquoted only with a strong value). A Terraform
// change "old" -> "new" loses both values. Not values: code (the key's own
// name, args.api_key, process.env.API_KEY), --flag metavars (PASSWORD,
// TEXT), names of secrets in prose (db-password), OpenSSH public keys.
// YAML block scalars and two-line name/value pairs are in yamlblock.go.
//
// Header keys (Authorization, Cookie) take the whole header value unless a
// token scheme (Bearer, Basic, Token …) precedes one token; the scheme word
// stays visible.

const keyedRuleID = "keyed-secret"

// keyAnchors are the roots of every secret noun; each hit runs the keyed
// validator, which rejects most hits in a few bytes (no separator follows).
var keyAnchors = []string{"pass", "pwd", "secret", "token", "key", "credential", "creds", "auth", "authoriz", "cookie", "sig", "pin", "otp", "masterauth", "cvv", "cvc", "csc"}

// codeNouns name a short numeric secret, a PIN or a one-time password, as
// a key's last word (also "pin_code", "otpCode"). Such a key is secret
// only for a value of 4 to 12 digits (see codeValue): "pin": 17 is a pin
// number, "otp": "sms" a channel, "otp": {"length": 6} a setting.
var codeNouns = []string{"pin", "otp", "totp", "hotp"}

// cardCodeNouns name a payment card's security code (CVV, CVC, CSC) as a
// key's last word ("cvv", "card_cvc", "cvv2"). Such a key is secret only
// for a value of 3 or 4 digits: "cvv": "required" is a validation
// message, "cvv_length": 3 a setting.
var cardCodeNouns = []string{"cvv", "cvc", "csc", "cvv2", "cvc2"}

// Kinds of code key (see codeKey).
const (
	notCode  = iota
	pinCode  // a code noun: 4 to 12 digits
	cardCode // a card code noun: 3 or 4 digits
	authCode // "auth" as the last word: the base64 of user:password
)

// codeKey returns the kind of code key k is: named by a code noun (also
// "pin_code", "otpCode"), by a card code noun, by "auth" (a Docker or npm
// registry's "auth", "_auth", "basic_auth"), or neither (notCode). An
// "auth" key hides only the base64 of user:password: "auth": "none",
// "auth=trust" or "auth_method": "scram-sha-256" are settings.
func codeKey(k []byte) int {
	var buf [12][2]int
	words := keyWords(k, buf[:0])
	n := len(words)
	if n == 0 {
		return notCode
	}
	last := k[words[n-1][0]:words[n-1][1]]
	switch {
	case inFold(last, codeNouns) ||
		n >= 2 && equalFold(last, "code") && inFold(k[words[n-2][0]:words[n-2][1]], codeNouns):
		return pinCode
	case inFold(last, cardCodeNouns) ||
		n >= 2 && isDigits(last) && len(last) == 1 && inFold(k[words[n-2][0]:words[n-2][1]], cardCodeNouns):
		return cardCode // also "cvv_2", "CVV2" read as two words
	case equalFold(last, "auth"):
		return authCode
	}
	return notCode
}

// isCodeKey reports a key named by a code noun or a card code noun.
func isCodeKey(k []byte) bool { return codeKey(k) != notCode }

// codeValue reports a value that a code key of the kind kind hides: 4 to
// 12 digits under a code noun, 3 or 4 under a card code noun, the base64
// of user:password (8 bytes or more) under "auth".
func codeValue(v []byte, kind int) bool {
	switch kind {
	case pinCode:
		return len(v) >= 4 && len(v) <= 12 && isDigits(v)
	case cardCode:
		return len(v) >= 3 && len(v) <= 4 && isDigits(v)
	case authCode:
		return len(v) >= 8 && basicCredential(v)
	}
	return false
}

// keyQualifiers make "key" a secret noun when they are the word before it:
// api_key, private_key, x-api-key, secretKey … but not public_key, key_id,
// cache_key.
var keyQualifiers = []string{
	"api", "private", "access", "secret", "signing", "sign", "encryption", "encrypt", "enc",
	"master", "client", "account", "app", "auth", "license", "licence", "shared", "hmac",
	"consumer", "storage", "service", "session", "root", "jwt", "webhook", "ssh", "gpg", "pgp",
	"deploy", "admin", "subscription", "sas", "function",
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
	"requirepass", "masterauth", // Redis configuration
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
// A confirmation field holds the same password (password_confirmation,
// password_repeat), and an environment suffix names which one
// (PASSWORD_PROD, apiKeyLive).
var transparentWords = []string{"previous", "prev", "old", "new", "current", "next", "b64", "base64", "hex", "raw", "value", "val", "encoded", "plain", "plaintext", "enc", "base",
	"confirmation", "confirm", "repeat", "repeated", "again", "retype",
	"prod", "production", "dev", "development", "staging", "stage", "test", "live", "sandbox", "qa", "uat", "local", "primary", "secondary", "backup"}

// predicateWords start keys that name a flag about a secret, not the
// secret: has_password, is_secret, requirePassword.
var predicateWords = []string{"is", "has", "have", "use", "uses", "require", "requires", "required", "needs", "show", "hide", "allow", "skip", "no", "should", "must", "can", "did", "was"}

// headerNouns are keys whose value is a whole header value with spaces in
// it ("Authorization: Bearer x", "Cookie: a=1; b=2").
var headerNouns = []string{"authorization", "cookie"}

// authSchemes precede the credential in an Authorization value; the scheme
// itself is kept. A scheme with params takes a list of parameters (Digest
// username="…", response="…"), so the whole rest of the header is the
// credential; the others take one token.
var authSchemes = []struct {
	name   string
	params bool
}{
	{"bearer", false}, {"basic", false}, {"token", false}, {"bot", false}, {"apikey", false},
	{"api-key", false}, {"key", false}, {"negotiate", false}, {"ntlm", false}, {"sso-key", false},
	{"ssws", false}, {"dpop", false}, {"digest", true}, {"oauth", true}, {"aws4-hmac-sha256", true},
	{"hmac", true}, {"signature", true}, {"sharedkey", false}, {"sharedkeylite", false},
}

// maxKeyLen is the longest key considered.
const maxKeyLen = 128

// keyPolicy holds the per-Redactor additions to the key rules.
type keyPolicy struct {
	extra   []string        // normalized extra secret names
	anchors []string        // the last word of each extra name, lower case
	safe    map[string]bool // normalized keys never secret by name
	ids     []string        // rule IDs that look like secret keys, never secret
}

func newKeyPolicy(extra, anchors, safe []string) keyPolicy {
	p := keyPolicy{extra: extra, anchors: anchors}
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
	c.anchors = append(c.anchors, p.anchors...)
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
// dotted or slashed path is judged by its last segment's words. It is
// false for every key when the "keyed-secret" rule is disabled. It does
// not allocate.
func (r *Redactor) IsSecretKey(key string) bool {
	if r.keyed == nil {
		return false
	}
	k := unsafe.Slice(unsafe.StringData(key), len(key)) // read only
	return r.isSecretKey(trimKeyQuotes(k))
}

// isSecretKey classifies a key, first asking the automaton whether it
// holds a secret noun at all: most keys do not, and the walk over a short
// key costs a few nanoseconds where classifying it costs a word split.
func (r *Redactor) isSecretKey(k []byte) bool {
	if r.keyed == nil || !r.hasKeyNoun(k) {
		return false
	}
	sec, _ := r.keys.classify(k)
	return sec
}

// hasKeyNoun reports whether an anchor of the keyed rule occurs in k.
func (r *Redactor) hasKeyNoun(k []byte) bool {
	m := r.m
	st := uint32(root)
	for _, c := range k {
		st = m.trans[st+uint32(m.class[c])]
		if st >= m.matchMin {
			for _, o := range m.outputs(st) {
				if o.rule == r.keyed {
					return true
				}
			}
		}
	}
	return false
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

// foldSet is a set of lower-case ASCII words, looked up ignoring case
// without allocating: one map probe instead of a walk over a list.
type foldSet struct {
	m      map[string]struct{}
	maxLen int
	lens   uint64    // bit n: some word is n bytes long
	firsts [4]uint64 // bit c: some word starts with byte c (folded)
}

func newFoldSet(lists ...[]string) foldSet {
	f := foldSet{m: map[string]struct{}{}}
	for _, l := range lists {
		for _, w := range l {
			if len(w) > 32 {
				panic("redact: foldSet word longer than 32 bytes: " + w)
			}
			f.m[w] = struct{}{}
			f.maxLen = max(f.maxLen, len(w))
			if w != "" {
				f.lens |= 1 << len(w)
				c := lower(w[0])
				f.firsts[c>>6] |= 1 << (c & 63)
			}
		}
	}
	return f
}

// has reports whether b, folded to lower case, is in the set.
func (f foldSet) has(b []byte) bool {
	if len(b) == 0 || len(b) > f.maxLen || f.lens&(1<<len(b)) == 0 {
		return false
	}
	// Most words asked about are not in the set: their length or first
	// letter says so without hashing.
	if c := lower(b[0]); f.firsts[c>>6]&(1<<(c&63)) == 0 {
		return false
	}
	var buf [32]byte
	for i, c := range b {
		buf[i] = lower(c)
	}
	_, ok := f.m[string(buf[:len(b)])]
	return ok
}

var (
	predicateSet   = newFoldSet(predicateWords)
	transparentSet = newFoldSet(transparentWords)
	qualifierSet   = newFoldSet(keyQualifiers)
	tokenNotSet    = newFoldSet(tokenNotSecret)
	secretNounSet  = newFoldSet(secretNouns)
	headerNounSet  = newFoldSet(headerNouns)
	stopwordSet    = newFoldSet(valueStopwords)
	strongNounSet  = newFoldSet(strongNouns)
)

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
	return p.classifyWords(k)
}

// ruleIDKey reports whether k is, ignoring case, the ID of one of the
// Redactor's rules that classifyWords takes for a secret key.
func (p keyPolicy) ruleIDKey(k []byte) bool {
	for _, id := range p.ids {
		if len(id) == len(k) && equalFold(k, id) {
			return true
		}
	}
	return false
}

// withRuleIDs records the IDs among ids that look like secret keys
// (keyed-secret, slack-token, url-credentials …), so that a count keyed by
// one ("keyed-secret=3") is told apart from a secret.
func (p keyPolicy) withRuleIDs(ids []string) keyPolicy {
	p.ids = nil
	for _, id := range ids {
		if sec, _ := p.classifyWords([]byte(id)); sec && !slices.Contains(p.ids, id) {
			p.ids = append(p.ids, id)
		}
	}
	return p
}

func (p keyPolicy) classifyWords(k []byte) (secret, header bool) {
	if len(k) == 0 || len(k) > maxKeyLen {
		return false, false
	}
	var buf [12][2]int
	words := keyWords(k, buf[:0])
	if len(words) == 0 {
		return false, false
	}
	if p.safe != nil || len(p.extra) > 0 {
		var nb [maxKeyLen]byte
		n := nb[:0]
		for _, c := range k {
			if c != '_' && c != '-' && c != '.' && c != ' ' {
				n = append(n, lower(c))
			}
		}
		if p.safe[string(n)] {
			return false, false
		}
		lastw := k[words[len(words)-1][0]:words[len(words)-1][1]]
		for _, x := range p.extra {
			if string(n) == x || equalFold(lastw, x) {
				return true, false
			}
		}
	}
	// A predicate names a flag about a secret: has_password, isSecret.
	if len(words) > 1 && predicateSet.has(k[words[0][0]:words[0][1]]) {
		return false, false
	}
	// Drop trailing digits and transparent words (api_key_2,
	// SECRET_PREVIOUS, token_b64: "b64" is split at its digits).
	for n := len(words); n > 1; n = len(words) {
		last := words[n-1]
		if n > 2 && words[n-2][1] == last[0] && transparentSet.has(k[words[n-2][0]:last[1]]) {
			words = words[:n-2]
			continue
		}
		if w := k[last[0]:last[1]]; isDigits(w) || transparentSet.has(w) {
			words = words[:n-1]
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
		return prev != nil && qualifierSet.has(prev), false
	case equalFold(last, "word") && prev != nil && equalFold(prev, "pass"):
		return true, false // pass_word
	case equalFold(last, "token"):
		return prev == nil || !tokenNotSet.has(prev), false
	case secretNounSet.has(last):
		return true, headerNounSet.has(last)
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
		return !tokenNotSet.has(last[:len(last)-5]), false
	}
	return false, false
}

// Separators after a key, as seen by the cheap first test.
const (
	sepNone  = iota
	sepSpace // only spaces: "--password value"
	sepColon // ":" (maybe after a quote and spaces)
	sepOther // "=", "=>", ":=" or XML ">"
	sepPair  // a quoted name then ",": {"name":"DB_PASSWORD","value":"…"}
)

// separatorAfter reports which separator follows a key ending at i: a
// closing quote (or \" inside a JSON string) and spaces may come before
// "=" or ":". It reads a few bytes and allocates nothing.
func separatorAfter(w []byte, i int) int {
	if i >= len(w) {
		return sepNone
	}
	space, quote := false, false
	switch w[i] {
	case '=', '>':
		return sepOther
	case ':':
		return sepColon
	case '"', '\'', '`':
		i++
		quote = true
	case '\\': // \" inside a JSON string, \\\" two levels deep
		for i < len(w) && w[i] == '\\' {
			i++
		}
		if i >= len(w) || (w[i] != '"' && w[i] != '\'') {
			return sepNone
		}
		i++
		quote = true
	case ' ', '\t':
		space = true
	case ']', '%': // a bracketed key: user[password]=, [api_key] =>, user%5Bpassword%5D=
		if w[i] == '%' && !hasPrefixFold(w, i, "%5d") {
			return sepNone
		}
		j := skipBlanks(w, closeBracket(w, i))
		if j < len(w) && w[j] == '=' {
			return sepOther
		}
		return sepNone
	default:
		return sepNone
	}
	if quote && i < len(w) && w[i] == ']' {
		i++ // a subscript: env["API_KEY"] = …
	}
	j := i
	for j < len(w) && (w[j] == ' ' || w[j] == '\t') {
		j++
	}
	switch {
	case j >= len(w):
		return sepNone
	case w[j] == '=':
		return sepOther
	case w[j] == ':':
		return sepColon
	case (w[j] == '?' || w[j] == '+') && j+1 < len(w) && w[j+1] == '=':
		return sepOther // Makefile: KEY ?= v, KEY += v
	case !quote:
		if space {
			return sepSpace
		}
	case w[j] == ',', w[j] == '>' && j == i, j > i && isLetter(w[j]):
		// {"name":"<key>","value":…}, key="<key>">…, name="<key>" value=…
		return sepPair
	}
	return sepNone
}

// closeBracket returns the index after the "]" or "%5D" that closes a
// bracketed key at i, or i if there is none.
func closeBracket(w []byte, i int) int {
	switch {
	case i < len(w) && w[i] == ']':
		return i + 1
	case hasPrefixFold(w, i, "%5d"):
		return i + 3
	}
	return i
}

// openBracket reports whether the key at ks is opened by "[", "[:" (a
// Ruby symbol) or "%5B".
func openBracket(w []byte, ks int) bool {
	if ks >= 2 && w[ks-1] == ':' && w[ks-2] == '[' {
		return true
	}
	return ks >= 1 && w[ks-1] == '[' || ks >= 3 && hasPrefixFold(w, ks-3, "%5b")
}

// validateKeyed is the validator of the secret-key rule. The anchor [a, e)
// is a secret-noun root somewhere inside a key.
func validateKeyed(s *scanner, w []byte, a, e int) {
	ke := runFwd(w[:min(len(w), e+maxKeyLen)], e, cKey)
	if ke == e+maxKeyLen {
		return // no key is that long: an identifier or a run of key bytes
	}
	for ke > e && (w[ke-1] == '.' || w[ke-1] == '-') {
		ke-- // sentence punctuation, not part of the key
	}
	// What may close a key before its separator: a colour code (logrus:
	// ESC[36mpassword ESC[0m=…) and the closing bracket of a subscript
	// (user[password]=…, user%5Bpassword%5D=…).
	se := ke + ansiAt(w, ke)
	closer := 0
	if se < len(w) && w[se] == ']' {
		closer = 1
	} else if hasPrefixFold(w, se, "%5d") {
		closer = 3
	}
	se += closer
	// Cheapest test first: something must follow that separates a key
	// from a value. Prose and identifiers stop here.
	sep := separatorAfter(w, se)
	enc := false
	if sep == sepNone {
		if _, _, _, enc = encodedPair(w, se); !enc {
			return
		}
		sep = sepOther
	}
	// The key starts after an escape glued to it: "\npassword=",
	// "%3Ftoken%3D", ESC "[32mtoken".
	ks := runBackEsc(w, a, cKey)
	if afterPlaceholder(w, ks) {
		// "[REDACTED:bcrypt-hash]-Token: v": the first pass read the key
		// on into the value it replaced, a word that names no secret.
		return
	}
	for ks < a && (w[ks] == '.' || w[ks] == '-') {
		ks++ // "--password", "-p": flag dashes are not part of the key
	}
	if closer == 1 && !(ks >= 1 && w[ks-1] == '[' || ks >= 2 && w[ks-1] == ':' && w[ks-2] == '[') ||
		closer == 3 && (ks < 3 || !hasPrefixFold(w, ks-3, "%5b")) {
		return // a bracket that closes no subscript of this key
	}
	switch {
	case ks >= 1 && w[ks-1] == '%' && a-ks >= 2 && hasPrefixFold(w, ks, "5b"):
		ks += 2 // user%5Bpassword%5D=
	case ks >= 1 && w[ks-1] == '-' && w[ks] == 'D' && ks+1 < a && isLower(w[ks+1]) && (ks == 1 || isSpace(w[ks-2])):
		ks++ // a Java system property: -Dapi.key=…
	}
	// A key of several words: "API Key: v", "Client Secret": "v".
	multi, multiQuoted, oks := false, false, ks
	if (sep == sepColon || sep == sepOther) && ks >= 2 && w[ks-1] == ' ' && isAlnum(w[ks-2]) {
		if sks, quoted := s.spacedKeyStart(w, ks, ke); sks < ks {
			// Unquoted, the words only help a last word that is not a
			// secret by itself ("API Key"); "pw password=v" stays as it was.
			if sec, _ := s.classifyKey(w[ks:ke]); quoted || !sec && !isCodeKey(w[ks:ke]) {
				ks, multi, multiQuoted = sks, true, quoted
			}
		}
	}
	if sep == sepSpace && xmlOpen(w, ks) >= 0 {
		xmlAttrs(s, w, ks, ke) // <wsse:Password Type="…">v</wsse:Password>
		return
	}
	flag := ks >= 1 && w[ks-1] == '-' && (ks == 1 || w[ks-2] == '-' || w[ks-2] == ' ' || w[ks-2] == '\t')
	if flag && (ks == 1 || w[ks-2] != '-') && gluedShortFlag(w[ks:ke]) {
		return // mysql -pS3cretPass99 db: the password glued to -p (cli-password's), not a flag named after it
	}
	spaced := sep == sepSpace && !flag
	if spaced && !spacedKey(w, ks, ke) {
		return
	}
	if sep == sepColon && ks >= 1 && (w[ks-1] == ':' || w[ks-1] == '/') {
		return // a segment of a value (arn:aws:…:secret:name, /etc/passwd:), not a key
	}
	if bytes.HasSuffix(w[:ks], []byte(placeholderPrefix+":")) {
		return // the rule ID inside one of our placeholders
	}
	if ks >= 1 && (w[ks-1] == '"' || w[ks-1] == '\'') && (se >= len(w) || w[se] != w[ks-1]) && labelEnds(w, se, w[ks-1]) {
		return // prompt("Password: "): a label that ends its string, not a pair
	}
	key := w[ks:ke]
	sec, header := s.classifyKey(key)
	code := notCode
	if !sec {
		code = codeKey(key)
	}
	// A bare "key" names an API key as a URL query parameter
	// (?key=AIza…, &key=…): judged below by its value's shape.
	queryKey := !sec && code == notCode && equalFold(key, "key") && ks >= 1 && (w[ks-1] == '?' || w[ks-1] == '&' || w[ks-1] == '#' || w[ks-1] == ';') && se < len(w) && w[se] == '='
	if !sec && code == notCode && !queryKey {
		return
	}
	if ks >= 2 && w[ks-2] == '$' && w[ks-1] == '{' {
		shellDefault(s, w, se) // ${DB_PASSWORD:-default}
		return
	}
	if sep == sepPair && code != notCode {
		return
	}
	if sep == sepPair {
		if start, end := namedPairValue(w, ks, ke); end > start && !s.r.notSecretValue(w[start:end]) {
			s.add(start, end, 0, 0)
		}
		return
	}
	var kv keyValue
	ok := false
	if enc {
		kv.start, kv.end, kv.quoted, _ = encodedPair(w, se)
		kv.level, ok = levelStrict, kv.end > kv.start
	} else {
		kv, ok = parseKeyValue(w, ks, se, flag || spaced, header)
	}
	if !ok || kv.objectFollows {
		return
	}
	if kv.array {
		redactStrings(s, w, kv.start)
		return
	}
	if !kv.quoted && kv.first > kv.start && isDigits(w[kv.start:min(kv.end, kv.first)]) && hasPrefixFold(w, kv.first, " bytes") {
		return // kubectl describe secret: "password:  23 bytes"
	}
	if spaced && !kv.quoted && kv.first > kv.start && kv.first < kv.end {
		kv.end = kv.first // one word: "password p4ss w0rd" is not a YAML value
	}
	v := w[kv.start:kv.end]
	if code != notCode && !codeValue(v, code) {
		return // "pin=GPIO17", "otp: sms": not a code
	}
	if queryKey && !credentialLike(v) {
		return // ?key=name, &key=id: a lookup key
	}
	first := v // the first word of a plain value
	if kv.first > kv.start && kv.first < kv.end {
		first = w[kv.start:kv.first]
	}
	if multi && !multiQuoted && !strongValue(first) {
		return // "Reset your password: click the link": a sentence, not a key
	}
	if spaced && !kv.quoted && !strongValue(v) && !(credentialLike(v) && hasDigit(v) && hasSymbol(v)) && !redisDirective(w, ks, ke) && !netrcPassword(w, ks, key) {
		return // "password reset", "password for root": prose
	}
	switch {
	case spaced:
	case kv.quoted || kv.level == levelStrict:
	case kv.level == levelField:
		// "key: value" opening a quoted string: a message unless the value
		// looks like a credential.
		if !credentialLike(v) {
			return
		}
	default:
		// "word key: value" in running text: prose unless the value looks
		// like a credential, and for the weak nouns (token, key, cookie …)
		// like a strong one.
		if !credentialLike(v) || !strongNoun(key) && !strongValue(v) {
			// "connecting with password: shadow, user: admin": a weak
			// word, but one of a list of pairs, so a value all the same.
			if !strongNoun(key) || kv.first > kv.start && kv.first < kv.end || !pairFollows(w, kv.end) || faultBefore(w, ks) {
				return
			}
		}
	}
	if s.r.notSecretValue(v) || len(first) < len(v) && s.r.notSecretValue(first) || paramRef(v, w[oks:ke]) {
		return
	}
	if !kv.quoted && (s.codeRef(v, w[oks:ke]) || flag && metavar(v)) {
		return // api_key = args.api_key, --password=PASSWORD, --token TEXT
	}
	if !kv.quoted && kv.level < levelStrict && (namesSecret(s.r, v) || plainName(v)) {
		return // "rotated 3 secrets: db-password, api-key", "Using secret: prod/db": names, not values
	}
	if sshPublicKey(w[kv.start:]) {
		return // ssh_key: ssh-ed25519 AAAA…: a public key
	}
	if header && inSchemes(v) {
		return // "Authorization: Bearer" with no credential
	}
	if sep == sepColon && !kv.quoted && yamlIndicator(first) {
		return // "password: |" (a block on the next lines), "password: !vault"
	}
	if lastWordIs(key, "sig", "signature") && len(v) < 8 {
		return // sig=1, signature=none: too short to be a signature
	}
	if (equalFold(key, "pwd") || equalFold(key, "oldpwd")) && (v[0] == '/' || v[0] == '~') {
		return // the shell's working directory, not a password
	}
	if len(v) <= 9 && isDigits(v) && s.r.keys.ruleIDKey(key) {
		return // "keyed-secret=3": a count of redactions per rule, keyed by our own rule ID
	}
	if len(v) <= 5 && isDigits(v) && (equalFold(key, "pass") || lastWordIs(key, "secrets", "cookies", "credentials", "creds", "keys")) {
		return // "pass=12 fail=0", "cookies: 3": a count
	}
	if hasPrefixFold(v, 0, "-----begin ") && bytes.Contains(v[:min(len(v), 64)], []byte("PRIVATE KEY")) && s.r.hasRule(pemRuleID) {
		return // the private-key rule redacts the body and keeps the armor
	}
	if !kv.quoted && runsIntoPlaceholder(w, kv.end) {
		// "otp_code=998877\[REDACTED:card]": the first pass read the value
		// on into what it replaced (998877\6530…), which is no code.
		return
	}
	s.add(kv.start, kv.end, 0, 0)
	if kv.quoted && kv.end < len(w) {
		// A plan's change: ~ password = "old" -> "new". The new value is
		// as secret as the old one.
		j := skipBlanks(w, kv.end+1)
		if j+1 < len(w) && w[j] == '-' && w[j+1] == '>' {
			if start, end := quotedAt(w, skipBlanks(w, j+2)); end > start && !s.r.notSecretValue(w[start:end]) {
				s.add(start, end, 0, 0)
			}
		}
	}
}

// labelEnds reports whether the separator at i (':' or '=', after blanks)
// is followed, after blanks, by the quote q that opened the key's string:
// the string ends there ("Password: ", 'Token:'), so the key is a label
// and what follows the quote is not its value.
func labelEnds(w []byte, i int, q byte) bool {
	i = skipBlanks(w, i)
	if i >= len(w) || w[i] != ':' && w[i] != '=' {
		return false
	}
	i = skipBlanks(w, i+1)
	return i < len(w) && w[i] == q
}

// shellDefault redacts the default of a shell parameter expansion whose
// name is a secret key, ${DB_PASSWORD:-default} (also :=, :?, :+ and
// their forms without ':'), when there is one that is a value; the name
// at i is followed by the operator.
func shellDefault(s *scanner, w []byte, i int) {
	if i < len(w) && w[i] == ':' {
		i++
	}
	if i >= len(w) || w[i] != '-' && w[i] != '=' && w[i] != '?' && w[i] != '+' {
		return
	}
	i++
	end := bytes.IndexByte(w[i:], '}')
	if end <= 0 {
		return
	}
	v := w[i : i+end]
	if v[0] == '$' || s.r.notSecretValue(v) || bytes.ContainsAny(v, " \t") {
		return // another variable, a placeholder or a message
	}
	s.add(i, i+end, 0, 0)
}

// spacedKeyStart finds the start of a key of several words separated by
// single spaces that ends at ke, whose last word starts at ks: a quoted
// name ("Client Secret": …, 'Auth Token': …, quoted reports it), a name
// that starts a field ("API Key: …" at the line start or after { , |), or
// in prose the qualifier of "key" ("their API key: …"). It returns ks if
// there is none.
func (s *scanner) spacedKeyStart(w []byte, ks, ke int) (int, bool) {
	field, qual := ks, ks
	p := ks
	for n := 0; n < 3 && p >= 2 && w[p-1] == ' ' && isAlnum(w[p-2]); n++ {
		q := runBack(w, p-1, cAlnum)
		if p-1-q > 24 || q > 0 && !isSpace(w[q-1]) && strings.IndexByte("\"'{,;([|", w[q-1]) < 0 {
			break // a long word, or the tail of a value: path=/v1/session key=…
		}
		p = q
		if p >= 1 && (w[p-1] == '"' || w[p-1] == '\'') && ke < len(w) && w[ke] == w[p-1] {
			return p, true
		}
		if n == 0 {
			qual = p
		}
		if keyStartsField(w, p) {
			field = p
		}
	}
	if field < ks {
		return field, false
	}
	if sec, _ := s.classifyKey(w[ks:ke]); !sec && qual < ks && separatorAfter(w, ke) == sepColon && lastWordIs(w[ks:ke], "key", "keys") {
		return qual, false
	}
	return ks, false
}

// codeRef reports an unquoted value that is code rather than a literal:
// the key's own name (self.password = password, --password=PASSWORD), or
// a dotted path of identifiers that ends in a secret name (args.api_key,
// process.env.API_KEY, req.body.password).
func (s *scanner) codeRef(v, key []byte) bool {
	if sameName(v, key) {
		return true
	}
	if d := bytes.LastIndexByte(key, '.'); d >= 0 && sameName(v, key[d+1:]) {
		return true
	}
	d := bytes.LastIndexByte(v, '.')
	if d <= 0 || d == len(v)-1 {
		return false
	}
	for _, seg := range bytes.Split(v, []byte(".")) {
		if len(seg) == 0 || isDigit(seg[0]) || !allWordBytes(bytes.TrimPrefix(seg, []byte("$"))) {
			return false
		}
	}
	if f := bytes.IndexByte(v, '.'); terraformRoots.has(v[:f]) {
		return true // var.db_password, random_password.db.result: Terraform references
	}
	sec, _ := s.classifyKey(v[d+1:])
	return sec
}

// terraformRoots start a Terraform reference expression.
var terraformRoots = newFoldSet([]string{"var", "local", "data", "module", "random_password", "random_string", "random_id"})

// sameName reports whether a and b are the same name written in any case
// and with any of the separators _ - . (apiKey, API_KEY, api-key).
func sameName(a, b []byte) bool {
	i, j := 0, 0
	for {
		for i < len(a) && (a[i] == '_' || a[i] == '-' || a[i] == '.') {
			i++
		}
		for j < len(b) && (b[j] == '_' || b[j] == '-' || b[j] == '.') {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if lower(a[i]) != lower(b[j]) {
			return false
		}
		i++
		j++
	}
}

// metavar reports the placeholder of a --flag in help text: one upper-case
// word (--password TEXT, --token STRING).
func metavar(v []byte) bool {
	if len(v) < 3 || len(v) > 16 {
		return false
	}
	for _, c := range v {
		if !isUpper(c) && c != '_' {
			return false
		}
	}
	return true
}

// namesSecret reports a value that is itself the name of a secret, of two
// words or more (db-password, jwt_signing_key): a list of names in prose.
func namesSecret(r *Redactor, v []byte) bool {
	sep := false
	for _, c := range v {
		switch {
		case c == '-' || c == '_':
			sep = true
		case !isLetter(c):
			return false
		}
	}
	if !sep {
		return false
	}
	sec, _ := r.keys.classify(v)
	return sec
}

// plainName reports a lower-case name or path without digits (github.com,
// prod/db, team-vault): in running text, a name rather than a credential.
func plainName(v []byte) bool {
	sep := false
	for _, c := range v {
		switch {
		case c == '.' || c == '/':
			sep = true
		case c == '-' || c == '_' || isLower(c):
		default:
			return false
		}
	}
	return sep
}

// sshKeyTypes start an OpenSSH public key ("ssh-ed25519 AAAA… comment").
var sshKeyTypes = []string{
	"ssh-ed25519 ", "ssh-rsa ", "ssh-dss ", "ecdsa-sha2-nistp256 ", "ecdsa-sha2-nistp384 ",
	"ecdsa-sha2-nistp521 ", "sk-ssh-ed25519@openssh.com ", "sk-ecdsa-sha2-nistp256@openssh.com ",
}

// sshPublicKey reports whether b starts with an OpenSSH public key: a key
// type, a space and the base64 body (which starts "AAAA"). Public, not a
// secret, whatever its key is called.
func sshPublicKey(b []byte) bool {
	for _, t := range sshKeyTypes {
		if bytes.HasPrefix(b, []byte(t)) {
			return bytes.HasPrefix(b[len(t):], []byte("AAAA"))
		}
	}
	return false
}

// escQuoteAt returns the length of an escaped quote at i: "%22" or "%27"
// (URL encoding), "\\u0022" or "\\u0027" (JSON written by an encoder that
// escapes quotes), or 0.
func escQuoteAt(w []byte, i int) int {
	switch {
	case hasPrefixFold(w, i, "%22"), hasPrefixFold(w, i, "%27"):
		return 3
	case hasPrefixFold(w, i, `\u0022`), hasPrefixFold(w, i, `\u0027`):
		return 6
	}
	return 0
}

// encodedPair reads the separator and value after a key ending at i when
// the pair is written with escapes, and reports whether it is one: an
// encoded '=' (a query nested in a URL parameter:
// "callback%3Ftoken%3DV%26state%3D1"), an encoded quote then "%3A" or
// "%3D" (a JSON body in a form field: "%22password%22%3A%22V%22"), or a
// \u0022 quote then ':' or '=' ("\u0022password\u0022:\u0022V\u0022").
// A value in escaped quotes ends at the next one; a plain value at an
// encoded '&', space, quote or line break ("%26", "%20", "%22", "%0A" …),
// since its own '&' would be "%2526", or at a byte that ends any plain
// value.
func encodedPair(w []byte, i int) (start, end int, quoted, ok bool) {
	q := escQuoteAt(w, i)
	i += q
	dbl := 0 // 2 when the pair is encoded twice: "password%253DV%2526x"
	switch {
	case hasPrefixFold(w, i, "%3d"), q > 0 && hasPrefixFold(w, i, "%3a"):
		i += 3
	case q == 0 && hasPrefixFold(w, i, "%253d"):
		i += 5
		dbl = 2
	case q == 6 && i < len(w) && (w[i] == ':' || w[i] == '='):
		i++
	default:
		return 0, 0, false, false
	}
	for {
		if i = skipBlanks(w, i); hasPrefixFold(w, i, "%20") {
			i += 3
			continue
		}
		break
	}
	vq := escQuoteAt(w, i)
	start = i + vq
	if vq == 0 && start < len(w) && (w[start] == '{' || w[start] == '[') {
		return start, start, false, true // an object or a list, not a value
	}
	for end = start; end < len(w); end++ {
		c := w[end]
		if vq > 0 {
			if (c == '%' || c == '\\') && escQuoteAt(w, end) == vq {
				break
			}
			continue
		}
		if c == '%' && end+2+dbl < len(w) && (dbl == 0 || w[end+1] == '2' && w[end+2] == '5') {
			x := [2]byte{w[end+1+dbl], lower(w[end+2+dbl])}
			if x[0] == '0' || x[0] == '2' && (x[1] == '0' || x[1] == '2' || x[1] == '6' || x[1] == '7') {
				break
			}
			continue
		}
		if valueStops[c] && c != ',' && c != ';' && c != ')' && c != ']' && c != '}' && c != '(' && c != '[' && c != '{' {
			break
		}
	}
	return start, end, vq > 0, true
}

// spacedKey reports whether the key w[ks:ke], followed by a space, may take
// the next word as its value: a bare password noun, as in .netrc
// ("machine h login u password p"), "vault login … password p" or SQL
// ("WITH PASSWORD 'p'"). The value must then be quoted or look like a
// credential (see validateKeyed).
func spacedKey(w []byte, ks, ke int) bool {
	if ke+1 >= len(w) {
		return false
	}
	switch {
	case lineStartKey(w, ks) && (w[ke] == '\t' || w[ke+1] == ' '):
		return true // a table column: "token       v" (vault kv get)
	case ks >= 2 && w[ks-1] == ' ' && w[ks-2] == '|' && w[ke+1] == '|':
		return true // a Markdown table row: "| token | v |"
	case ks >= 2 && w[ks-1] == ' ' && directiveSet.has(w[runBack(w, ks-1, cKey):ks-1]):
		return true // ENV API_KEY v (Dockerfile), fastcgi_param DB_PASSWORD v; (nginx)
	case ks >= 2 && w[ks-1] == ' ' && fishSet(w, ks-1):
		return true // set -gx DB_PASSWORD v (fish)
	}
	if ks > 0 && !isSpace(w[ks-1]) && w[ks-1] != '(' {
		return false
	}
	k := w[ks:ke]
	if !equalFold(k, "password") && !equalFold(k, "passwd") && !equalFold(k, "passphrase") && !redisDirective(w, ks, ke) {
		return false
	}
	// Exactly one space, then a value.
	return ke+1 < len(w) && w[ke] == ' ' && !isSpace(w[ke+1])
}

// directiveSet are configuration directives whose arguments are a name
// and its value: Dockerfile ENV, nginx env/fastcgi_param/proxy_set_header,
// Apache SetEnv, aws configure set.
var directiveSet = newFoldSet([]string{"env", "setenv", "setx", "set", "fastcgi_param", "uwsgi_param", "scgi_param", "proxy_set_header", "add_header", "grpc_set_header"})

// fishSet reports whether the blank at i follows fish's "set" with an
// export or scope flag (set -gx, set -x, set -Ux): its arguments are a
// name and its value.
func fishSet(w []byte, i int) bool {
	fs := runBack(w, i, cKey)
	flag := w[fs:i]
	if len(flag) < 2 || flag[0] != '-' || fs < 4 || w[fs-1] != ' ' {
		return false
	}
	for _, c := range flag[1:] {
		if c != 'g' && c != 'x' && c != 'U' && c != 'u' && c != 'l' {
			return false
		}
	}
	cs := fs - 1
	return cs >= 3 && equalFold(w[cs-3:cs], "set") && (cs == 3 || w[cs-4] == ' ' || w[cs-4] == ';' || w[cs-4] == '\t')
}

// redisDirective reports Redis's requirepass and masterauth at the start
// of a line: a configuration directive whose argument is the password.
func redisDirective(w []byte, ks, ke int) bool {
	k := w[ks:ke]
	return (equalFold(k, "requirepass") || equalFold(k, "masterauth")) && lineStartKey(w, ks)
}

func hasSymbol(v []byte) bool {
	for _, c := range v {
		if c > ' ' && c < 0x7f && !isAlnum(c) {
			return true
		}
	}
	return false
}

// Field names of name/value pairs: {"name":"DB_PASSWORD","value":"…"}
// (Kubernetes and Docker env), {"ParameterKey":"DbPassword",
// "ParameterValue":"…"} (CloudFormation), <add key="ApiKey" value="…"/>
// (.NET appSettings), <entry key="password">…</entry> (Java properties).
var (
	pairNameSet  = newFoldSet([]string{"name", "key", "parameterkey", "parametername", "variable", "var", "envname", "field"})
	pairValueSet = newFoldSet([]string{"value", "val", "parametervalue"})
)

// namedPairValue finds the value that belongs to the quoted secret name
// w[ks:ke] when name and value sit in separate places:
//
//	"name": "<key>", "value": <value>     JSON name/value pairs
//	name="<key>" value="<value>"          XML attributes
//	key="<key>">value</                   XML element text
//	set("<key>", "<value>")               call arguments
//
// It returns the bounds of the value, or end <= start if there is none.
func namedPairValue(w []byte, ks, ke int) (start, end int) {
	if ks < 1 {
		return 0, 0
	}
	// The quote around the key, escaped or not.
	qs := ks - 1
	for qs > 0 && w[qs-1] == '\\' {
		qs--
	}
	q := w[qs:ks]
	if !bytes.HasPrefix(w[ke:], q) {
		return 0, 0
	}
	after := skipBlanks(w, ke+len(q))
	b := qs
	for b > 0 && (w[b-1] == ' ' || w[b-1] == '\t') {
		b--
	}
	if b == 0 {
		return 0, 0
	}
	switch w[b-1] {
	case '(': // set("<key>", "<value>")
		if after >= len(w) || w[after] != ',' {
			return 0, 0
		}
		return quotedAt(w, skipBlanks(w, after+1))
	case ':': // "name": "<key>", "value": …
		i := b - 1
		for i > 0 && (w[i-1] == ' ' || w[i-1] == '\t') {
			i--
		}
		if !bytes.HasSuffix(w[:i], q) {
			return 0, 0
		}
		i -= len(q)
		n := runBack(w, i, cAlnum)
		if !pairNameSet.has(w[n:i]) || !bytes.HasSuffix(w[:n], q) {
			return 0, 0
		}
		if after >= len(w) || w[after] != ',' {
			return 0, 0
		}
		j := skipBlanks(w, after+1)
		if !bytes.HasPrefix(w[j:], q) {
			return 0, 0
		}
		j += len(q)
		f := runFwd(w, j, cAlnum)
		if !pairValueSet.has(w[j:f]) || !bytes.HasPrefix(w[f:], q) {
			return 0, 0
		}
		j = skipBlanks(w, f+len(q))
		if j >= len(w) || w[j] != ':' {
			return 0, 0
		}
		j = skipBlanks(w, j+1)
		if j >= len(w) {
			return 0, 0
		}
		if start, end = quotedAt(w, j); end > start {
			return start, end
		}
		return j, plainEnd(w, j, 0)
	case '=': // name="<key>" value="<value>", key="<key>">value</
		i := b - 1
		for i > 0 && (w[i-1] == ' ' || w[i-1] == '\t') {
			i--
		}
		n := runBack(w, i, cAlnum)
		if !pairNameSet.has(w[n:i]) || n == 0 || !isSpace(w[n-1]) {
			return 0, 0
		}
		if after < len(w) && w[after] == '>' {
			j := after + 1
			k := bytes.IndexByte(w[j:], '<')
			if k <= 0 || j+k+1 >= len(w) || w[j+k+1] != '/' {
				return 0, 0
			}
			return j, j + k
		}
		f := runFwd(w, after, cAlnum)
		if !pairValueSet.has(w[after:f]) {
			return 0, 0
		}
		j := skipBlanks(w, f)
		if j >= len(w) || w[j] != '=' {
			return 0, 0
		}
		return quotedAt(w, skipBlanks(w, j+1))
	}
	return 0, 0
}

// skipBlanks skips spaces and tabs from i.
func skipBlanks(w []byte, i int) int {
	for i < len(w) && (w[i] == ' ' || w[i] == '\t') {
		i++
	}
	return i
}

// quotedAt returns the content of the quoted string opening at i, or
// end <= start if none opens there. An unterminated string runs to the
// window end (fail closed).
func quotedAt(w []byte, i int) (start, end int) {
	if i >= len(w) {
		return 0, 0
	}
	vq := quoteAt(w, i)
	if vq == "" {
		return 0, 0
	}
	start = i + len(vq)
	end = closingQuote(w, start, vq)
	if end < 0 {
		end = trimRightSpace(w, start, len(w))
	}
	return start, end
}

// redactStrings redacts the content of every quoted string in the list
// that opens at w[i] == '[', up to its closing ']'.
func redactStrings(s *scanner, w []byte, i int) {
	i++
	for {
		for i < len(w) && (w[i] == ' ' || w[i] == '\t') {
			i++
		}
		if i >= len(w) {
			return
		}
		q := quoteAt(w, i)
		if q == "" {
			return
		}
		start := i + len(q)
		end := closingQuote(w, start, q)
		if end < 0 {
			end = trimRightSpace(w, start, len(w)) // unterminated: fail closed
		}
		if v := w[start:end]; end > start && !s.r.notSecretValue(v) {
			s.add(start, end, 0, 0)
		}
		if end >= len(w) {
			return
		}
		i = end + len(q)
		for i < len(w) && (w[i] == ' ' || w[i] == '\t') {
			i++
		}
		if i >= len(w) || w[i] != ',' {
			return
		}
		i++
	}
}

// paramRef reports a query parameter standing for the value: "?", ":1",
// "$1", ":password" or "@password" after the key password.
func paramRef(v, key []byte) bool {
	if len(v) == 1 && v[0] == '?' {
		return true
	}
	if len(v) < 2 || (v[0] != ':' && v[0] != '@' && v[0] != '$') {
		return false
	}
	return isDigits(v[1:]) || bytes.EqualFold(v[1:], key)
}

// inSchemes reports whether v is only an authorization scheme word.
func inSchemes(v []byte) bool {
	for _, sc := range authSchemes {
		if equalFold(v, sc.name) {
			return true
		}
	}
	return false
}

// yamlIndicator reports a YAML block indicator (| |- > >+ …) or a tag
// (!vault, !Ref): the value is elsewhere.
func yamlIndicator(v []byte) bool {
	switch {
	case len(v) == 0:
		return false
	case v[0] == '|' || v[0] == '>':
		return len(v) == 1 || (len(v) <= 3 && bytes.IndexFunc(v[1:], func(r rune) bool { return r != '-' && r != '+' && (r < '0' || r > '9') }) < 0)
	case v[0] == '!':
		for _, c := range v[1:] {
			if !isLetter(c) && c != '!' {
				return false
			}
		}
		return len(v) > 1
	}
	return false
}

// hasRule reports whether the rule id runs in r.
func (r *Redactor) hasRule(id string) bool {
	for _, x := range r.rules {
		if x.id == id {
			return true
		}
	}
	return false
}

// lastWordIs reports whether the last word of key k is one of nouns.
func lastWordIs(k []byte, nouns ...string) bool {
	var buf [12][2]int
	words := keyWords(k, buf[:0])
	if len(words) == 0 {
		return false
	}
	return inFold(k[words[len(words)-1][0]:words[len(words)-1][1]], nouns)
}

// How sure the syntax around a key/value pair is.
const (
	levelProse  = iota // "word key: value" in running text
	levelField         // "key: value" opening a quoted string
	levelStrict        // quoted key, =, :=, =>, XML, --flag, "key:" at a line start or after a delimiter
)

// keyValue is the value found after a key.
type keyValue struct {
	start, end    int
	first         int  // end of the first word of a plain value
	array         bool // a list of quoted strings starts at start: ["a", "b"]
	quoted        bool // the value was in quotes or an XML element
	level         int  // levelProse, levelField or levelStrict
	objectFollows bool // the value is an identifier followed by { ( or [ (an object dump)
}

// parseKeyValue reads the separator and value after the key w[ks:ke].
func parseKeyValue(w []byte, ks, ke int, flag, header bool) (kv keyValue, ok bool) {
	i := ke
	// An opening quote before the key.
	var q string
	if ks >= 1 && (w[ks-1] == '"' || w[ks-1] == '\'' || w[ks-1] == '`') {
		qs := ks - 1
		for qs > 0 && w[qs-1] == '\\' {
			qs-- // an escaped quote: \" inside a JSON string
		}
		q = string(w[qs:ks])
	}
	quotedKey := false
	enclosing := "" // the key opens a quoted string: "Authorization: …"
	if q != "" {
		if bytes.HasPrefix(w[i:], []byte(q)) {
			quotedKey = true
			i += len(q)
			if i < len(w) && w[i] == ']' {
				i++ // env["API_KEY"] = …
			}
		} else {
			enclosing = q
		}
	}
	if q == "" && openBracket(w, ks) {
		i = closeBracket(w, i) // user[password]=, [api_key] =>
	}
	if !quotedKey && i < len(w) && w[i] == '>' {
		if lt := xmlOpen(w, ks); lt >= 0 {
			return xmlValue(w, lt, i+1)
		}
	}
	j := i
	for j < len(w) && (w[j] == ' ' || w[j] == '\t') {
		j++
	}
	level := levelProse
	if quotedKey {
		level = levelStrict
	}
	colon := false
	switch {
	case j < len(w) && w[j] == '=':
		if j+1 < len(w) && w[j+1] == '=' {
			return kv, false // a comparison
		}
		i = j + 1
		if i < len(w) && w[i] == '>' {
			i++ // =>
		}
		level = levelStrict
	case j+1 < len(w) && (w[j] == '?' || w[j] == '+') && w[j+1] == '=' && lineStartKey(w, ks):
		i = j + 2 // Makefile: KEY ?= v, KEY += v
		level = levelStrict
	case j+2 < len(w) && w[j] == ':' && w[j+1] == ':' && w[j+2] == '=' && lineStartKey(w, ks):
		i = j + 3 // Makefile: KEY ::= v
		level = levelStrict
	case j < len(w) && w[j] == ':':
		if j+1 < len(w) && w[j+1] == ':' {
			return kv, false // Type::member
		}
		i = j + 1
		colon = true
		switch {
		case i < len(w) && w[i] == '=':
			i++ // :=
			level = levelStrict
		case level == levelStrict:
		case keyStartsField(w, ks):
			level = levelStrict
		case enclosing != "":
			level = levelField
		case header && cookiePair(w, i):
			// "request header Cookie: sid=…; theme=dark" in running
			// text: the cookie list, and no further.
			kv.start = skipBlanks(w, i)
			kv.end = cookieListEnd(w, kv.start)
			kv.level = levelStrict
			return kv, true
		}
	case flag && j > i && j < len(w) && w[j] != '-' && (bytes.IndexByte([]byte("|&;<>"), w[j]) < 0 || w[j] == '|' && ks >= 2 && w[ks-2] == '|'):
		i = j // --password value (not another flag, not a shell operator: "--password | tee")
		if w[j] == '|' {
			i = j + 1 // | token | value |
		}
		level = levelStrict
	default:
		return kv, false
	}
	for i < len(w) && (w[i] == ' ' || w[i] == '\t') {
		i++
	}
	for {
		if n := ansiAt(w, i); n > 0 {
			i = skipBlanks(w, i+n) // a colour code before the value: password=ESC[33mV
		} else if i+1 < len(w) && w[i] == '\\' && w[i+1] == 't' {
			i = skipBlanks(w, i+2) // an escaped tab in a JSON string: "password:\tV"
		} else {
			break
		}
	}
	if i >= len(w) {
		return kv, false
	}
	kv.level = level
	if w[i] == '[' && colon && w[i-1] == ':' {
		// Go's %v of a map[string][]string (an http.Header):
		// map[Authorization:[Bearer x] X-Auth-Token:[t0k3n]].
		if vs, _ := skipScheme(w, i+1, len(w)); bytes.HasPrefix(w[vs:], []byte(placeholderPrefix)) {
			return kv, false // already redacted
		}
		if k := bytes.IndexByte(w[i+1:], ']'); k > 0 && bytes.IndexByte(w[i+1:i+1+k], '[') < 0 {
			start, end := i+1, i+1+k
			start, _ = skipScheme(w, start, end)
			kv.start, kv.end, kv.quoted, kv.level = start, end, true, levelStrict
			return kv, end > start
		}
	}
	if w[i] == '[' && level == levelStrict {
		k := i + 1
		for k < len(w) && (w[k] == ' ' || w[k] == '\t') {
			k++
		}
		if k < len(w) && quoteAt(w, k) != "" {
			kv.array, kv.start, kv.end = true, i, i+1
			return kv, true
		}
	}
	// Quoted value (with a Python string prefix: f"…", r'…', b"…").
	if p := stringPrefix(w, i); p > 0 {
		i += p
	}
	if vq := quoteAt(w, i); vq != "" {
		start := i + len(vq)
		end := closingQuote(w, start, vq)
		kv.quoted = true
		if end < 0 {
			end = trimRightSpace(w, start, len(w)) // unterminated: fail closed to the line end
		}
		start, _ = skipScheme(w, start, end)
		kv.start, kv.end = start, end
		return kv, end > start
	}
	start, params := skipScheme(w, i, len(w))
	end := start
	if header && !quotedKey && (colon && level > levelProse || enclosing != "") && (start == i || params) {
		// A whole header value (Cookie, or Authorization without a
		// token68 scheme): to the end of the line or enclosing string.
		end = len(w)
		if enclosing != "" {
			if k := bytes.Index(w[start:], []byte(enclosing)); k >= 0 {
				end = start + k
			}
		}
		end = trimRightSpace(w, start, end)
	} else {
		stop := byte(0)
		if enclosing != "" {
			stop = enclosing[len(enclosing)-1]
		}
		end = plainEnd(w, start, stop)
		if end < len(w) && (w[end] == '{' || w[end] == '(' || w[end] == '[') {
			kv.objectFollows = true
		}
		kv.first = end
		// A YAML or INI line ("password: two words", "secret = a b"): the
		// plain value runs on to the line end.
		// Not after an auth scheme (a token68 is one word), nor after a
		// first word that is a whole credential by itself: in
		// "TOKEN: <uuid> took 213ms" the rest is the message.
		if level == levelStrict && !quotedKey && (colon || j > ke) && lineStartKey(w, ks) &&
			start == i && !(end-start >= 8 && strongValue(w[start:end])) {
			end = extendPlain(w, end)
		}
	}
	kv.start, kv.end = start, end
	return kv, end > start
}

// lineStartKey reports whether the key at ks opens its line (after
// indentation or a YAML "- ").
func lineStartKey(w []byte, ks int) bool {
	i := ks
	for i > 0 && (w[i-1] == ' ' || w[i-1] == '\t') {
		i--
	}
	if i > 0 && w[i-1] == '-' {
		i--
		for i > 0 && (w[i-1] == ' ' || w[i-1] == '\t') {
			i--
		}
	}
	return i == 0
}

// extendPlain extends a plain (unquoted) value that ends at end over the
// rest of the line, without a trailing " # comment", unless the rest looks
// like more fields ("=", ": ", ", ", "; ", quotes), which it then leaves.
func extendPlain(w []byte, end int) int {
	if end >= len(w) || (w[end] != ' ' && w[end] != '\t') {
		return end
	}
	rest := len(w)
	for k := end; k < len(w); k++ {
		c := w[k]
		switch {
		case c == '#' && isSpace(w[k-1]):
			rest = k
		case (c == '(' || c == '-' && k+1 < len(w) && isSpace(w[k+1])) && isSpace(w[k-1]):
			rest = k // a remark: "v (set by admin)", "v - please change it"
		case c == '=' || c == '"' || c == '\'' || c == '`':
			return end
		case (c == ':' || c == ',' || c == ';') && (k+1 == len(w) || isSpace(w[k+1])):
			return end
		}
		if rest < len(w) {
			break
		}
	}
	return trimRightSpace(w, end, rest)
}

// stringPrefix returns the length of a Python string prefix (f r b u rb
// br fr rf, any case) that opens a quoted string at i, or 0.
func stringPrefix(w []byte, i int) int {
	n := 0
	for n < 2 && i+n < len(w) && strings.IndexByte("fFrRbBuU", w[i+n]) >= 0 {
		n++
	}
	if n > 0 && i+n < len(w) && (w[i+n] == '"' || w[i+n] == '\'') {
		return n
	}
	return 0
}

// innerStop reports whether the stop byte w[i], which follows a value
// byte, is a character of the value: a quote or backtick, a backslash
// that starts no JSON escape, or a closing bracket, each followed by a
// letter or digit ("Xy7'kLm9", "back\\slash", "Xy7)kL", "Tdq7<Uez"); or an opening
// bracket with no closing one on the rest of the line ("Xy7(kLm9Qr2Tz",
// where "getPass()", "Config{a=1}" and "Token{a64f992 Record{…}}" are
// code or an object dump).
func innerStop(w []byte, i int) bool {
	if i+1 >= len(w) || !isAlnum(w[i+1]) || !isAlnum(w[i-1]) {
		return false
	}
	switch c := w[i]; c {
	case '<':
		k := i + 1
		for k < len(w) && isLetter(w[k]) {
			k++
		}
		return !(k < len(w) && (w[k] == '>' || w[k] == '/')) // not a tag: "abc<br/>"
	case '\'', '`', ')', ']', '}', '>':
		return true
	case '\\':
		return !strings.ContainsRune("ntrbfu", rune(w[i+1]))
	case '(', '[', '{':
		close := c + 1 // ')' follows '('
		if c != '(' {
			close = c + 2 // ']' and '}' are two after '[' and '{'
		}
		for k := i + 1; k < len(w) && w[k] != '\n'; k++ {
			if w[k] == close {
				return false
			}
		}
		return true
	}
	return false
}

// plainEnd returns the end of an unquoted value that starts at i. The
// separators & , ; end it only where they separate fields: before
// another "name=" or "name:", before a space or stop byte, or the end
// ("x=1&y=2", "a=1, b=2", "Password=x;"). Inside a value they stay:
// "Tr0ub4dor&3".
//
// A quote, a backslash or a bracket ends it only where it can be syntax:
// glued between two characters of a value it is one more password
// character ("Xy7'kLm9", "back\\slash9", "Xy7(kLm9" with no ')' after),
// see innerStop.
func plainEnd(w []byte, i int, enclosing byte) int {
	start := i
	for ; i < len(w); i++ {
		c := w[i]
		if !valueStops[c] && (c != enclosing || c == 0) {
			continue
		}
		if c != enclosing && i > start && innerStop(w, i) {
			continue
		}
		if c != '&' && c != ',' && c != ';' {
			return i
		}
		j := i + 1
		if j >= len(w) || valueStops[w[j]] || c == '&' && hasPrefixFold(w, j, "amp;") {
			return i
		}
		k := runFwd(w[:min(len(w), j+64)], j, cKey)
		if k > j && k < len(w) && (w[k] == '=' || w[k] == ':' || w[k] == '[') {
			return i
		}
	}
	return i
}

// xmlOpen returns the offset of the '<' of the XML start tag whose name is
// the key at ks ("<password>" or "<ns:password>"), or -1.
func xmlOpen(w []byte, ks int) int {
	switch {
	case ks < 1:
		return -1
	case w[ks-1] == '<':
		return ks - 1
	case w[ks-1] != ':':
		return -1
	}
	p := runBack(w, ks-1, cAlnum)
	if p < ks-1 && p >= 1 && w[p-1] == '<' {
		return p - 1
	}
	return -1
}

// xmlAttrs handles a secret-named XML element with attributes:
// <wsse:Password Type="…">v</wsse:Password>. The key ends at ke, before a
// space; the start tag must close on the line with '>' (not "/>").
func xmlAttrs(s *scanner, w []byte, ks, ke int) {
	lt := xmlOpen(w, ks)
	i := ke
	for i < len(w) && w[i] != '>' && w[i] != '<' {
		if w[i] == '"' || w[i] == '\'' {
			k := bytes.IndexByte(w[i+1:], w[i])
			if k < 0 {
				return
			}
			i += k + 1
		}
		i++
	}
	if i >= len(w) || w[i] != '>' || w[i-1] == '/' {
		return
	}
	if sec, _ := s.classifyKey(w[ks:ke]); !sec {
		return
	}
	kv, ok := xmlValue(w, lt, i+1)
	if ok && !s.r.notSecretValue(w[kv.start:kv.end]) {
		s.add(kv.start, kv.end, 0, 0)
	}
}

// xmlValue reads the text of the element whose start tag opens at lt and
// ends at i: up to the next '<' (text cannot hold one), which must start
// the closing tag. Without any '<' on the line the value runs to the first
// byte that ends an unquoted value, but only when the tag stands on its own
// (at the line start or after a space or tag): in
// "postgres://u:<password>@db" it is a placeholder, not an element.
func xmlValue(w []byte, lt, i int) (kv keyValue, ok bool) {
	kv.quoted, kv.level = true, levelStrict
	if i >= len(w) || isSpace(w[i]) {
		return kv, false
	}
	if bytes.HasPrefix(w[i:], []byte("<![CDATA[")) {
		i += len("<![CDATA[")
		end := bytes.Index(w[i:], []byte("]]>"))
		if end < 0 {
			end = trimRightSpace(w, i, len(w)) - i // unterminated: fail closed
		}
		kv.start, kv.end = i, i+end
		return kv, end > 0
	}
	end := bytes.IndexByte(w[i:], '<')
	if end >= 0 {
		end += i
		if end+1 >= len(w) || w[end+1] != '/' {
			return kv, false // a child element or stray '<': not a text value
		}
	} else {
		if lt > 0 && !isSpace(w[lt-1]) && w[lt-1] != '>' {
			return kv, false
		}
		for k := i; k < len(w) && !isSpace(w[k]); k++ {
			if placeholderAt(w, k) {
				// "<password>v(dsn=…[REDACTED:…]": what the first pass
				// replaced, glued to the value, may have held the '<'
				// of a child element, which made this no text value.
				return kv, false
			}
		}
		end = i
		for end < len(w) && !valueStop(w[end], 0) {
			end++
		}
	}
	kv.start, kv.end = i, trimRightSpace(w, i, end)
	return kv, kv.end > kv.start
}

// keyStartsField reports whether the key at ks starts a field, which makes
// "k: v" structural: at the line start (after indentation or a YAML "- "),
// or after a delimiter such as { , ; ( [ |.
func keyStartsField(w []byte, ks int) bool {
	i := ks
	for {
		for i > 0 && (w[i-1] == ' ' || w[i-1] == '\t') {
			i--
		}
		n := escBefore(w, i)
		if n == 0 {
			break
		}
		switch w[i-1] {
		case 'n', 't', 'r':
			return true // "\npassword: …" in an escaped string: a new line or column
		}
		if w[i-n] != 0x1b {
			break
		}
		i -= n // a colour code before the key
	}
	if i == 0 {
		return true
	}
	switch w[i-1] {
	case '{', ',', ';', '(', '[', '|', '\r':
		return true
	case '-':
		return i-1 == 0 || w[i-2] == ' ' || w[i-2] == '\t'
	case '>', '<': // curl -v: "> Authorization: …", "< Set-Cookie: …"
		return i-1 == 0 && i < ks
	}
	return headerName(w[ks:])
}

// headerName reports whether w starts with an HTTP header name written in
// header case, two or more capitalised words joined by dashes
// (X-Amz-Security-Token, Proxy-Authorization), followed by a colon:
// "k: v" with such a key is a header line wherever it sits.
func headerName(w []byte) bool {
	words := 0
	for i := 0; i < len(w); {
		if !isUpper(w[i]) {
			return false
		}
		j := i + 1
		for j < len(w) && (isLower(w[j]) || isDigit(w[j]) || isUpper(w[j]) && j+1 < len(w) && !isLower(w[j+1])) {
			j++
		}
		words++
		switch {
		case j < len(w) && w[j] == '-':
			i = j + 1
		case j < len(w) && w[j] == ':':
			return words >= 2
		default:
			return false
		}
	}
	return false
}

// quoteAt returns the opening quote at w[i]: a quote, or a quote escaped
// by one or more backslashes (\" inside a JSON string); "" if none.
func quoteAt(w []byte, i int) string {
	if escQuoteAt(w, i) == 6 {
		return string(w[i : i+6]) // \u0022: a quote escaped by a JSON encoder
	}
	j := i
	for j < len(w) && w[j] == '\\' {
		j++
	}
	if j < len(w) && (w[j] == '"' || w[j] == '\'' || (w[j] == '`' && j == i)) {
		return string(w[i : j+1])
	}
	return ""
}

// closingQuote finds the quote q closing a string that starts at i,
// skipping backslash escapes; -1 if the window ends first.
func closingQuote(w []byte, i int, q string) int {
	if len(q) > 1 { // \" inside an outer JSON string: ends at the next \"
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

// valueStops are the bytes that end an unquoted value.
var valueStops = func() (t [256]bool) {
	for _, b := range []byte(" \t\r\n&,;\"'`<>)]}\\{([\x1b") {
		t[b] = true
	}
	return t
}()

// valueStop reports whether b ends an unquoted value.
func valueStop(b, enclosing byte) bool {
	return valueStops[b] || b == enclosing && b != 0
}

func trimRightSpace(w []byte, start, end int) int {
	for end > start && isSpace(w[end-1]) {
		end--
	}
	return end
}

// skipScheme skips an authorization scheme word ("Bearer ", "Basic ") at
// the start of a value, so the scheme stays visible. params reports a
// scheme whose credentials are a list of parameters (Digest, AWS4-HMAC-…)
// rather than one token.
func skipScheme(w []byte, start, end int) (i int, params bool) {
	for _, sc := range authSchemes {
		n := len(sc.name)
		if end-start > n+1 && hasPrefixFold(w, start, sc.name) && (w[start+n] == ' ' || w[start+n] == '\t') {
			i := start + n
			for i < end && (w[i] == ' ' || w[i] == '\t') {
				i++
			}
			return i, sc.params
		}
	}
	return start, false
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

// pairFollows reports another "key: value" or "key=value" right after a
// value that ends at e, past a comma, semicolon or blanks: the value is
// one of a list of pairs ("password: shadow, user: admin", "password:
// qwerty host: db1"), not a word of a sentence.
func pairFollows(w []byte, e int) bool {
	if e >= len(w) || (w[e] != ',' && w[e] != ';' && w[e] != ' ') {
		return false
	}
	i := e + 1
	for i < len(w) && w[i] == ' ' {
		i++
	}
	ks := i
	i = runFwd(w, i, cKey)
	if i == ks || !isLetter(w[ks]) {
		return false
	}
	for i < len(w) && w[i] == ' ' {
		i++
	}
	if i+1 >= len(w) || (w[i] != ':' && w[i] != '=') {
		return false
	}
	return w[i+1] != ' ' || i+2 < len(w) && w[i+2] != ' ' && w[i+2] != '\n'
}

// gluedShortFlag reports a single-dash "flag" that is the option letter p
// with a value glued to it: a capital or a digit follows the p
// ("-pS3cretPass99", "-pMyPassword1"), which a flag name has not.
func gluedShortFlag(k []byte) bool {
	return len(k) > 2 && k[0] == 'p' && (isUpper(k[1]) || hasDigit(k[1:]))
}

// netrcPassword reports the password of a .netrc entry: "password" right
// after "login <name>" ("machine h login bob password hunter@home"), where
// the value is one whatever it looks like. (Split over lines, the entry
// is judged like any other "password v": the window is the line.)
func netrcPassword(w []byte, ks int, key []byte) bool {
	if string(key) != "password" {
		return false
	}
	i := ks
	for i > 0 && isSpace(w[i-1]) {
		i--
	}
	j := i
	for j > 0 && !isSpace(w[j-1]) {
		j--
	}
	if j == i {
		return false
	}
	for j > 0 && isSpace(w[j-1]) {
		j--
	}
	return j >= 5 && string(w[j-5:j]) == "login" && (j == 5 || isSpace(w[j-6]))
}

// faultWords, before a key, make its "value" a reason or an instruction:
// "Invalid password: mismatch, code: 401", "Reset your password: click
// here: …".
var faultWords = []string{"invalid", "incorrect", "wrong", "bad", "missing", "expired", "weak", "empty", "failed", "rejected", "unknown", "reset", "forgot", "forgotten",
	"your", "enter", "change", "confirm", "type", "provide"}

// faultBefore reports a fault word right before the key at ks.
func faultBefore(w []byte, ks int) bool { return inFold(wordBefore(w, ks), faultWords) }

// strongNouns are unambiguous even in running text.
var strongNouns = []string{"password", "passwd", "passphrase", "pwd", "passcode", "secret", "secrets", "credential", "credentials"}

// strongNoun reports keys whose last word is unambiguous even in running
// text: password, passphrase, secret, credentials, api key.
func strongNoun(k []byte) bool {
	var buf [12][2]int
	words := keyWords(k, buf[:0])
	if len(words) == 0 {
		return false
	}
	last := k[words[len(words)-1][0]:words[len(words)-1][1]]
	if strongNounSet.has(last) {
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
// letters and digits, and not a path, URL, host, version, class name or
// address (com.apple.xpc.activity/4505, /var/run, v1.2.3, a@b). Base64
// with '/' and '+' inside qualifies.
func strongValue(v []byte) bool {
	if len(v) < 8 || v[0] == '/' || v[0] == '.' || v[0] == '~' || address(v) || bytes.Contains(v, []byte("://")) {
		return false
	}
	// Mixed case and a password symbol: a typed password ("TBIQn!.PAzwm",
	// "m!x?ed.Up-9CoY"), whatever its dots.
	if bytes.ContainsAny(v, "!?#%^&*+=~") && bytes.IndexFunc(v, isUpperRune) >= 0 && bytes.IndexFunc(v, isLowerRune) >= 0 {
		return true
	}
	// A dot between letters makes a dotted name, not a credential.
	for i := 1; i+1 < len(v); i++ {
		if v[i] == '.' && isLetter(v[i-1]) && isLetter(v[i+1]) {
			return false
		}
	}
	return hasDigit(v) && bytes.IndexFunc(v, func(r rune) bool { return r < 128 && isLetter(byte(r)) }) >= 0
}

func isUpperRune(r rune) bool { return r < 128 && isUpper(byte(r)) }
func isLowerRune(r rune) bool { return r < 128 && isLower(byte(r)) }

// address reports an '@' between a name and a host name with a dot
// (bob@example.com, git@github.com:org/repo): an address, where an '@'
// elsewhere ("S3cur370@@", "Zx9#kL@2024wA") is one more password symbol.
func address(v []byte) bool {
	at := bytes.IndexByte(v, '@')
	if at <= 0 || !isWord(v[at-1]) {
		return false
	}
	host := at + 1
	end := host
	for end < len(v) && (isWord(v[end]) || v[end] == '.' || v[end] == '-') {
		end++
	}
	dot := bytes.IndexByte(v[host:end], '.')
	return dot > 0 && dot < end-host-1
}

// cookiePair reports a cookie list after the colon at w[i-1]: a cookie
// name, '=' and a value ("sid=abc; theme=dark").
func cookiePair(w []byte, i int) bool {
	for i < len(w) && w[i] == ' ' {
		i++
	}
	n := i
	for n < len(w) && (isWord(w[n]) || w[n] == '.' || w[n] == '-') {
		n++
	}
	return n > i && n+1 < len(w) && w[n] == '=' && w[n+1] != ' ' && w[n+1] != '='
}

// cookieListEnd returns the end of the cookie list "n=v; n2=v2" at i.
func cookieListEnd(w []byte, i int) int {
	end := i
	for {
		j := i
		for j < len(w) && (isWord(w[j]) || w[j] == '.' || w[j] == '-') {
			j++
		}
		if j == i || j >= len(w) || w[j] != '=' {
			return end
		}
		j++
		for j < len(w) && w[j] > ' ' && w[j] < 0x7f && w[j] != ';' && w[j] != ',' && w[j] != '"' && w[j] != '\\' {
			j++
		}
		end = j
		if j+1 < len(w) && w[j] == ';' {
			i = skipBlanks(w, j+1)
			continue
		}
		return end
	}
}

// valueStopwords are values that are words about a secret, not a secret:
// "password: required", "token=null": the status words, and prose.
var valueStopwords = append(slices.Clone(statusWordList), []string{
	"null", "nil", "none", "true", "false", "undefined", "not", "yes", "no", "ok", "weak", "strong",
	"too", "is", "was", "has", "must", "should", "will", "for", "of", "to", "and", "the", "a", "an",
	"from", "with", "in", "on", "at", "na", "tbd", "todo", "string", "str", "int", "bool", "boolean",
	"object", "array", "number", "on", "off", "ignored", "skipped", "hash", "~", "see", "via",
	"instead", "or", "if", "when", "as", "by", "are", "be", "been", "await", "new", "active",
	"inactive", "unknown", "denied", "granted",
}...)

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
	if v[0] == '@' && len(v) > 1 && (v[1] == '/' || v[1] == '.' || v[1] == '~') {
		return true // @/run/secrets/pw: read from a file (curl, CLIs)
	}
	if bytes.Contains(v, []byte("EXAMPLE")) || bytes.Contains(v, []byte("xxxxxx")) || bytes.Contains(v, []byte("XXXXXX")) {
		return true // documented example keys, ghp_xxxx… templates
	}
	for _, p := range r.placeholders {
		if bytes.HasPrefix(v, p) {
			return true
		}
	}
	if r.repl.style == stylePartial && keptPrefixPlaceholder(v) {
		return true
	}
	if i := bytes.Index(v, []byte(placeholderPrefix+":")); i > 0 && bytes.IndexByte(v[:i], ' ') >= 0 {
		// Words and then one of our placeholders ("0 [REDACTED:ipv6]"):
		// an earlier pass left those words out of the value on purpose
		// (a value it took would have covered the rest too), so a second
		// pass must not take them now (idempotence).
		return true
	}
	if n := len(v); n > 1 && (v[n-1] == '!' || v[n-1] == '?') && stopwordSet.has(v[:n-1]) {
		return true // a type: $password: String!, password?: string
	}
	return stopwordSet.has(v)
}

// keptPrefixPlaceholder reports a value that the Partial style wrote: a
// short kept prefix, then one of our placeholders ("ghp_[REDACTED:github-token]",
// "AKIA[REDACTED:aws-access-key-id]"). Without this a second pass would
// replace it again as the value of a secret key. Only the Partial style
// writes such values, so only it trusts them.
func keptPrefixPlaceholder(v []byte) bool {
	i := bytes.Index(v, []byte(placeholderPrefix+":"))
	if i <= 0 || i > 16 || v[len(v)-1] != ']' || bytes.IndexByte(v[i:], ' ') >= 0 {
		return false
	}
	for _, c := range v[:i] {
		if !isWord(c) && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

// maxMaskLen bounds the masked forms ("sk-...abcd", "ab***cd") that
// isPlaceholder recognises.
const maxMaskLen = 64

// isPlaceholder reports the shapes that stand for a value rather than being
// one.
func isPlaceholder(v []byte) bool {
	if bytes.HasPrefix(v, []byte(placeholderPrefix)) || encodedPlaceholder(v) {
		return true
	}
	switch {
	case bytes.HasPrefix(v, []byte("op://")):
		return true // a 1Password secret reference: op://vault/item/field
	case bytes.HasPrefix(v, []byte("${")), bytes.HasPrefix(v, []byte("{{")), bytes.HasPrefix(v, []byte("$(")),
		bytes.HasPrefix(v, []byte("%(")), bytes.HasPrefix(v, []byte("#{")), bytes.HasPrefix(v, []byte("<%")):
		return true
	case v[0] == '<' && v[len(v)-1] == '>':
		return true
	case v[0] == '$' && allWordBytes(v[1:]) && !(hasDigit(v) && bytes.IndexFunc(v, isUpperRune) >= 0 && bytes.IndexFunc(v, isLowerRune) >= 0):
		// A shell or PHP variable reference: $DB_PASSWORD, $password,
		// $dbPassword; but "$uperSecret2024", mixing both cases and
		// digits, is a password that starts with '$'.
		return true
	case len(v) > 2 && v[0] == '{' && v[len(v)-1] == '}' && allWordBytes(v[1:len(v)-1]):
		return true // a format field or path parameter: {token}
	case len(v) > 2 && v[0] == '%' && v[len(v)-1] == '%' && allWordBytes(v[1:len(v)-1]):
		return true
	}
	// Masked or elided: "ab***cd", "sk-...abcd", "•••", "…". A mask is
	// short; a long value with "..." in it is still a value.
	for i := 0; i+2 < min(len(v), maxMaskLen); i++ {
		switch v[i] {
		case '*', '.':
			if v[i+1] == v[i] && v[i+2] == v[i] {
				return true
			}
		case 0xe2: // U+2022 • and U+2026 …
			if v[i+1] == 0x80 && (v[i+2] == 0xa2 || v[i+2] == 0xa6) {
				return true
			}
		}
	}
	if v[0] == '%' && len(v) <= 3 && isLetter(v[len(v)-1]) {
		return true // a format verb: %s, %v, %+v
	}
	if len(v) > 2 && v[0] == '[' && v[len(v)-1] == ']' && bracketWord(v[1:len(v)-1]) {
		return true // [FILTERED], [HIDDEN], [masked]
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
			if !same && !xs {
				break
			}
		}
		if same || (xs && bytes.ContainsAny(v, "xX")) {
			return true
		}
	}
	return false
}

// bracketWord reports the inside of a bracketed mask: one upper-case word
// ([FILTERED], [SECRET]) or a stop word ([hidden]).
func bracketWord(b []byte) bool {
	upper := true
	for _, c := range b {
		if !isLetter(c) && c != '_' && c != '-' && c != ' ' {
			return false
		}
		if isLower(c) {
			upper = false
		}
	}
	return upper || stopwordSet.has(b)
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
		desc:     "value of a key whose last word is a secret noun (password, secret, token, api key, private/access key, credentials, authorization, cookie; and, for a value of 4 to 12 digits only, PIN and OTP; of 3 or 4 digits only, a card's CVV, CVC or CSC; for the base64 of user:password only, a registry's auth) in k=v, k: v, JSON, YAML (also block scalars), env, query, form[field], header, XML, --flag, directive and name/value-pair syntax",
		example:  `password=hunter2, "api_key": "…", Authorization: Bearer …`,
		anchors:  keyAnchors,
		back:     128,
		fwd:      4096,
		prio:     prioKeyed,
		validate: validateKeyed,
		decline:  declineKeyed,
	}
}

// maxDeclinedWord is the longest word declineKeyed reads back over: the
// keyed rule's window reaches 128 bytes back from its anchor, so such a
// word lies in every window whole, as the validator reads it.
const maxDeclinedWord = 64

// declineKeyed is the decline test of validateKeyed, for its most common
// hit: a secret noun's root inside a word of prose ("monkey", "design",
// "shipping", "passenger"). It retraces the validator's first steps and
// declines where they return: the word is followed by no separator, or by
// a blank after which spacedKey reads no spaced key (a plain word or
// punctuation and a blank before it, a '(', or the string's start). It
// reads the word and what follows it; and before the word only the '(',
// the blank and the word or punctuation before, or the quote that opens
// its string, which it then reads as the validator reads the start of
// that string's content, at least as willingly (so it never declines
// more). Every keyed anchor is made of key bytes, so the word run back
// from e starts where the validator's runs back from the anchor's start.
//
// A hit in a JSON object key, or in the name of a name/value pair, must be
// visited even so: the walkers read the key through it. dropHits checks
// that the string is neither (see jsonWalker.plainValue).
func declineKeyed(w []byte, e int) bool {
	ke := runFwd(w[:min(len(w), e+maxKeyLen)], e, cKey)
	if ke == e+maxKeyLen {
		return true
	}
	for ke > e && (w[ke-1] == '.' || w[ke-1] == '-') {
		ke--
	}
	if ke < len(w) && (w[ke] == 0x1b || w[ke] == ']' || w[ke] == '%') {
		return false // an ANSI colour or a subscript may close the key
	}
	switch separatorAfter(w, ke) {
	case sepNone:
		_, _, _, enc := encodedPair(w, ke)
		return !enc
	case sepSpace:
	default:
		return false
	}
	ks := runBack(w, e, cKey)
	if e-ks > maxDeclinedWord {
		return false // the validator's window may start inside the word
	}
	if w[ks] == '.' || w[ks] == '-' {
		return false // flag dashes: "--password value"
	}
	switch {
	case ks == 0 || w[ks-1] == '"':
		return !spacedKey(w[ks:], 0, ke-ks)
	case w[ks-1] == '(' || ks >= 2 && w[ks-1] == ' ' && isAlnum(w[ks-2]):
		if w[runBack(w, ks-1, cKey)] == '-' {
			return false // fishSet reads a flag before the blank or the '(': "set -gx NAME value"
		}
		return !spacedKey(w, ks, ke)
	case ks >= 2 && w[ks-1] == ' ' && strings.IndexByte(",;.)!?", w[ks-2]) >= 0:
		// After punctuation and a blank, no line start, table, directive
		// or flag can be read: only the word itself counts.
		return !spacedKey(w, ks, ke)
	}
	return false
}

// keyMemo remembers one key's classification for a scanner: keys repeat
// (every record of a JSON log, every object of a body has the same ones),
// and classifying a key word by word costs tens of nanoseconds.
type keyMemo struct {
	k           [24]byte
	n           uint8 // len of the key; 0: empty slot
	sec, header bool
}

// classifyKey is s.r.keys.classify, remembered per scanner in a small
// direct-mapped table (the classification depends on the key bytes and
// the Redactor only).
func (s *scanner) classifyKey(k []byte) (sec, header bool) {
	if len(k) == 0 || len(k) > len(keyMemo{}.k) {
		return s.r.keys.classify(k)
	}
	m := &s.keyMemo[memoSlot(k, len(s.keyMemo))]
	if int(m.n) == len(k) && string(m.k[:m.n]) == string(k) {
		return m.sec, m.header
	}
	sec, header = s.r.keys.classify(k)
	copy(m.k[:], k)
	m.n, m.sec, m.header = uint8(len(k)), sec, header
	return sec, header
}

// memoSlot picks the slot of the non-empty byte string k in a
// direct-mapped table of n slots (classifyKey's and the JSON walker's
// tokenMemo): length, ends and middle, which tell apart the keys and
// values of one document cheaply; collisions only cost a recompute.
func memoSlot(k []byte, n int) int {
	return int((uint(len(k))*31 + uint(k[0])*7 + uint(k[len(k)-1])*3 + uint(k[len(k)/2])) % uint(n))
}
