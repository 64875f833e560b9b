package redact

import (
	"bytes"
	"encoding/base64"
	"slices"
	"strings"
	"unicode/utf8"
)

// Generic credential shapes: authorization schemes, JWTs, private-key
// blocks, credentials inside URLs and DSNs, password hashes and webhook
// URLs.

func genericRules() []*rule {
	return []*rule{
		{id: "bearer-token", kind: Secret, prio: prioGeneric,
			desc: "credential after the Bearer scheme (Authorization headers, curl -H, logs)", example: "Bearer eyJhbGci… / Bearer 9f8e7d…",
			anchors: []string{"bearer"}, back: escBack, fwd: 4096, validate: validateBearer, decline: declineScheme},
		{id: "basic-auth", kind: Secret, prio: prioGeneric,
			desc: "base64 user:password after the Basic scheme", example: "Basic dXNlcjpwYXNz",
			anchors: []string{"basic"}, back: escBack, fwd: 1024, validate: validateBasic, decline: declineScheme},
		{id: "jwt", kind: Secret, prio: prioGeneric,
			desc: "JSON Web Token (or JWE) whose header decodes to a JSON object with \"alg\"", example: "eyJhbGciOi….eyJzdWIiOi….sig",
			anchors: []string{"eyj"}, back: escBack, fwd: 16384, validate: validateJWT, decline: declineJWT},
		{id: pemRuleID, kind: Secret, prio: prioGeneric + 5, multiline: true,
			desc:    "body of a PEM private key block of any type (RSA, EC, DSA, OPENSSH, ENCRYPTED, PKCS#8, PGP), also with escaped newlines, a prefix on every line (log timestamps, '# ') or as a list of its lines; the BEGIN/END lines stay. Also a whole PEM private key base64-encoded (kubeconfig client-key-data: LS0tLS1CRUdJTi…) and the private lines of a PuTTY key file. Blocks are capped at 64 KiB: past the cap everything that still looks like key material is redacted",
			example: "-----BEGIN OPENSSH PRIVATE KEY-----\\n…\\n-----END OPENSSH PRIVATE KEY-----",
			anchors: []string{"-----begin ", encodedBegin, "private-lin"}, back: pemBack, fwd: pemCap, validate: validatePEM},
		{id: "url-credentials", kind: Secret, prio: prioGeneric,
			desc: "password in scheme://user:password@host for any scheme (postgres, mysql, redis ://:token@, amqp, mongodb+srv, https, …)", example: "postgres://app:s3cret@db:5432/app",
			anchors: []string{"@"}, back: maxScheme + len(`:\/\/`) + maxAuthority, fwd: maxAuthority, validate: validateURLCredentials},
		{id: "dsn-credentials", kind: Secret, prio: prioGeneric,
			desc: "password in a Go MySQL DSN user:password@tcp(host)/db", example: "root:s3cret@tcp(127.0.0.1:3306)/app",
			anchors: []string{"@tcp(", "@tcp6(", "@unix("}, back: 256, fwd: 1, validate: validateDSN},
		{id: "cli-password", kind: Secret, prio: prioGeneric,
			desc: "password given on a command line: mysql/mariadb -p<pw>, sshpass -p <pw>, redis-cli -a <pw>, curl -u user:<pw>, docker/podman/helm login -p <pw>, mongo/mongosh -p <pw>, sqlcmd -P <pw>, ldapsearch -w <pw>, zip -P <pw>, keytool -storepass <pw>, smbclient -U user%<pw>, rabbitmqctl add_user <user> <pw>, htpasswd -b <file> <user> <pw>, az login -p <pw>", example: "mysql -u root -pS3cret -h db",
			anchors: cliAnchors(), back: 1, fwd: 1024, validate: validateCLIPassword},
		{id: "argon2-hash", kind: Secret, prio: prioGeneric,
			desc: "Argon2 password hash in PHC string form (argon2id, argon2i, argon2d)", example: "$argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>",
			anchors: []string{"$argon2"}, back: 1, fwd: 512 + maxPlaceholderLen, validate: validateArgon2},
		{id: "bcrypt-hash", kind: Secret, prio: prioGeneric,
			desc: "bcrypt password hash", example: "$2b$12$ + 53 chars",
			anchors: []string{"$2a$", "$2b$", "$2y$", "$2x$"}, back: 1, fwd: 60 + maxPlaceholderLen, validate: validateBcrypt},
		{id: "slack-webhook", kind: Secret, prio: prioVendor,
			desc: "Slack incoming-webhook URL path", example: "https://hooks.slack.com/services/T…/B…/…",
			anchors: []string{"hooks.slack.com/services/", "hooks.slack.com/workflows/", "hooks.slack.com/triggers/"}, back: 0, fwd: 200, validate: validateWebhookPath},
		{id: "discord-webhook", kind: Secret, prio: prioVendor,
			desc: "Discord webhook URL token", example: "https://discord.com/api/webhooks/123/…",
			anchors: []string{"discord.com/api/webhooks/", "discordapp.com/api/webhooks/"}, back: 0, fwd: 200, validate: validateWebhookPath},
		{id: "telegram-bot-token", kind: Secret, prio: prioVendor,
			desc: "Telegram bot token", example: "123456789:AA + 33 chars",
			anchors: []string{":aa"}, back: 14, fwd: 40, validate: validateTelegram},
		{id: "azure-ad-client-secret", kind: Secret, prio: prioVendor,
			desc: "Microsoft Entra ID (Azure AD) client secret", example: "abc8Q~ + 34 chars",
			anchors: []string{"0q~"}, back: 4, fwd: 40, validate: validateAzureSecret},
		{id: "mailchimp-key", kind: Secret, prio: prioVendor,
			desc: "Mailchimp API key", example: "32 hex + -us12",
			anchors: []string{"-us0"}, back: 33, fwd: 3, validate: validateMailchimp},
	}
}

// pemRuleID is the ID of the private-key rule.
const pemRuleID = "private-key"

// pemCap bounds a private-key block. The largest common keys (RSA 8192,
// encrypted, OpenSSH with comments) are under 8 KiB.
const pemCap = 64 << 10

func tokenChar(b byte) bool {
	return is(b, cAlnum) || b == '.' || b == '_' || b == '~' || b == '+' || b == '/' || b == '-' || b == '='
}

// schemeCredential finds the credential after an auth scheme word ending at
// e: one or more spaces, then a run of token68 characters.
func schemeCredential(w []byte, a, e int) (start, end int) {
	if !boundaryBefore(w, a) || e >= len(w) || (w[e] != ' ' && w[e] != '\t') {
		return -1, -1
	}
	start = e
	for start < len(w) && (w[start] == ' ' || w[start] == '\t') {
		start++
	}
	end = start
	for end < len(w) && tokenChar(w[end]) {
		end++
	}
	for end > start && (w[end-1] == '.' || w[end-1] == ',') {
		end--
	}
	return start, end
}

// runEnd returns where the run of token bytes that schemeCredential
// trimmed to end really ended: past the full stops and commas it left
// out. A placeholder there is glued to the run ("Basic X000X000Om0=.[RE…"),
// which on the first pass went on into what it replaced (".0%400.AA").
func runEnd(w []byte, end int) int {
	for end < len(w) && (w[end] == '.' || w[end] == ',') {
		end++
	}
	return end
}

// declineScheme is the decline test of the scheme rules (Bearer, Basic):
// schemeCredential needs a space or tab right after the scheme word and a
// credential of at least 8 bytes after that, so a token that ends sooner
// ("token_type":"Bearer") or goes on otherwise ("BearerAuth") has none.
func declineScheme(b []byte, e int) bool {
	return len(b)-e < 9 || (b[e] != ' ' && b[e] != '\t')
}

func validateBearer(s *scanner, w []byte, a, e int) {
	start, end := schemeCredential(w, a, e)
	if start < 0 || end-start < 8 {
		return
	}
	v := w[start:end]
	if authParam(w, start, end) || !credentialLike(v) || isPlaceholder(v) || tokenPlaceholder(v) {
		return
	}
	if placeholderAt(w, runEnd(w, end)) {
		// Glued to a value redacted before ("Bearer x=[REDACTED:…]"): the
		// run went on into it, so what is left is no credential of its
		// own, and a second pass must not find one (idempotence).
		return
	}
	s.add(start, end, 0, 0)
}

// authParam reports whether w[start:end] is the name=value start of an
// auth parameter (WWW-Authenticate: Bearer realm="api", error="…") rather
// than a token68 credential, in which '=' is only trailing padding.
func authParam(w []byte, start, end int) bool {
	k := bytes.IndexByte(w[start:end], '=')
	if k <= 0 {
		return false
	}
	pad := start + k
	for pad < end && w[pad] == '=' {
		pad++
	}
	if pad < end {
		return true // "=" inside the run: name=value
	}
	if end >= len(w) || w[end] != '"' {
		return false
	}
	for _, c := range w[start : start+k] { // name="value"
		if !isLower(c) && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

// basicCredential reports whether v is the base64 (padded or not) of
// user:password in printable UTF-8: a Basic credential, or a Docker or
// npm registry's "auth".
func basicCredential(v []byte) bool {
	var buf [768]byte
	if len(v) > 1024 {
		return false
	}
	n, err := base64.StdEncoding.Decode(buf[:], v)
	if err != nil {
		n, err = base64.RawStdEncoding.Decode(buf[:], bytes.TrimRight(v, "="))
		if err != nil {
			return false
		}
	}
	d := buf[:n]
	if bytes.IndexByte(d, ':') < 0 || !utf8.Valid(d) {
		return false
	}
	for _, c := range d {
		if c < 0x20 || c == 0x7f {
			return false
		}
	}
	return true
}

func validateBasic(s *scanner, w []byte, a, e int) {
	start, end := schemeCredential(w, a, e)
	if start < 0 || end-start < 8 {
		return
	}
	if !basicCredential(w[start:end]) {
		return
	}
	if placeholderAt(w, runEnd(w, end)) {
		// "Basic X000X000Om0=[REDACTED:email]": the first pass read the
		// run on into the address ("Om0=0%400.AA"), which is no base64,
		// and kept it; a second pass must not find a credential there.
		return
	}
	s.add(start, end, 0, 0)
}

func b64url(b byte) bool { return is(b, cB64URL) }

// declineJWT is the decline test of the JWT rule (see rule.decline):
// validateJWT finds nothing for an anchor glued on its left to a
// base64url byte or a dot (with no escape between), nor for one that is
// not "ey" as written, whose header decodes to no '{': the "EyJ", "eYj"
// and "xeyJ" of a base64 blob.
func declineJWT(b []byte, e int) bool {
	a := e - len("eyj")
	return b[a] != 'e' || b[a+1] != 'y' || a > 0 && (b64url(b[a-1]) || b[a-1] == '.') && escBefore(b, a) == 0
}

func validateJWT(s *scanner, w []byte, a, e int) {
	if a > 0 && (b64url(w[a-1]) || w[a-1] == '.') && escBefore(w, a) == 0 {
		return
	}
	h := runFwd(w, a, cB64URL)
	if h-a < 10 || h >= len(w) || w[h] != '.' {
		return
	}
	// Decode at most the first 256 characters of the header.
	hdr := w[a:h]
	if len(hdr) > 256 {
		hdr = hdr[:256]
	}
	if len(hdr)%4 == 1 {
		hdr = hdr[:len(hdr)-1]
	}
	var buf [192]byte
	n, err := base64.RawURLEncoding.Decode(buf[:], hdr)
	if err != nil && n == 0 {
		return
	}
	d := buf[:n]
	if len(d) == 0 || d[0] != '{' || !bytes.Contains(d, []byte(`"alg"`)) {
		return
	}
	// payload and signature, and for a JWE two more segments.
	end := h
	for seg := 0; seg < 4 && end < len(w) && w[end] == '.'; seg++ {
		nx := runFwd(w, end+1, cB64URL)
		if seg == 0 && nx == end+1 {
			return // a JWT needs a payload
		}
		end = nx
	}
	s.add(a, end, 0, 0)
}

func validatePEM(s *scanner, w []byte, a, e int) {
	switch w[a] {
	case 'L', 'l':
		validateEncodedPEM(s, w, a, e)
		return
	case 'P', 'p':
		validatePuTTY(s, w, a, e)
		return
	}
	// -----BEGIN <LABEL>-----
	le := bytes.Index(w[e:min(len(w), e+64)], []byte("-----"))
	if le < 0 {
		return
	}
	label := w[e : e+le]
	if !privateLabel(label) {
		return
	}
	if validateQuotedPEM(s, w, e+le+5) {
		return
	}
	lines, pFound, pb64 := prefixedPEM(w, a, e+le+5)
	prefixed := len(lines) > 0 && (pFound || pb64 >= 32)
	if prefixed && pFound {
		for _, l := range lines {
			s.add(l[0], l[1], 0, 0)
		}
		return
	}
	first, last, b64n, found, cut := walkPEMBody(w, e+le+5, false)
	if prefixed && (first < 0 || !found && b64n <= pb64) {
		// No END either way: the walk that saw more key material.
		for _, l := range lines {
			s.add(l[0], l[1], 0, 0)
		}
		return
	}
	if first < 0 {
		return
	}
	if !found && b64n < 32 {
		return // no END and too little to be a key: prose about a key
	}
	s.add(first, last, 0, 0)
	if cut && len(w)-e == s.cur.fwd {
		s.continuePEM(last) // the block runs past the cap: see pemcap.go
	}
}

// privateLabel reports whether a PEM label names a private key.
func privateLabel(label []byte) bool {
	return bytes.HasSuffix(label, []byte("PRIVATE KEY")) || bytes.HasSuffix(label, []byte("PRIVATE KEY BLOCK"))
}

// encodedBegin is the head of "-----BEGIN" base64-encoded from the start of
// a string (the anchor is matched without case; the validator checks it
// exactly). Multi-line anchors are kept to 11 bytes: a stream holds back
// one byte less than the longest, and a PEM END line must not wait.
const encodedBegin = "ls0tls1crud"

// validateEncodedPEM redacts a whole PEM private key that was base64
// encoded once more, as kubeconfig client-key-data and Kubernetes Secret
// data hold them: a base64 run that starts with "LS0tLS1CRUdJTi" and whose
// head decodes to "-----BEGIN <…> PRIVATE KEY-----". An encoded
// certificate or public key stays.
func validateEncodedPEM(s *scanner, w []byte, a, e int) {
	if a > 0 && (is(w[a-1], cB64) || w[a-1] == '=') || !bytes.HasPrefix(w[a:], []byte("LS0tLS1CRUdJTi")) {
		return
	}
	end := e
	for end < len(w) && (is(w[end], cB64) || w[end] == '=') {
		end++
	}
	var buf [72]byte
	n := min(end-a, 96) &^ 3
	m, _ := base64.StdEncoding.Decode(buf[:], w[a:a+n]) // a bad tail leaves a good head
	head := buf[:m]
	if !bytes.HasPrefix(head, []byte("-----BEGIN ")) {
		return
	}
	le := bytes.Index(head[11:], []byte("-----"))
	if le < 0 || !privateLabel(head[11:11+le]) {
		return
	}
	s.add(a, end, 0, 0)
}

// validatePuTTY redacts the private lines of a PuTTY key file (.ppk,
// versions 2 and 3): "Private-Lines: N" and the N base64 lines after it.
// The header, the public lines and the MAC stay.
func validatePuTTY(s *scanner, w []byte, a, e int) {
	if !bytes.HasPrefix(w[a:], []byte("Private-Lines:")) || a > 0 && !isSpace(w[a-1]) {
		return
	}
	i := a + len("Private-Lines:")
	for i < len(w) && w[i] == ' ' {
		i++
	}
	j := runFwd(w, i, cDigit)
	if j == i || j-i > 3 {
		return
	}
	n := 0
	for _, c := range w[i:j] {
		n = n*10 + int(c-'0')
	}
	if j < len(w) && w[j] == '\r' {
		j++
	}
	if j >= len(w) || w[j] != '\n' {
		return
	}
	p := j + 1
	for k := 0; k < n && p < len(w); k++ {
		r := p
		for r < len(w) && (is(w[r], cB64) || w[r] == '=') {
			r++
		}
		if r == p || r < len(w) && w[r] != '\n' && w[r] != '\r' {
			return
		}
		s.add(p, r, 0, 0)
		p = r
		if p < len(w) && w[p] == '\r' {
			p++
		}
		p++
	}
}

// pemBack is how far the private-key rule looks back on the BEGIN line for
// a per-line prefix (a log timestamp, "api-1  | ", "# ", "remote: " …).
const pemBack = 200

// prefixedPEM walks a block printed with a prefix on every line: a log or
// CI timestamp, a container name, a syslog or klog header, a line number, a
// comment or quote marker. The prefix comes from the BEGIN line: what
// precedes BEGIN (w[:a]: the window reaches back to the line start), cut to
// where the first body line stops having the same shape (see
// matchPrefixShape); the cut falls after a byte that base64 does not use (a
// blank, '|', ']', ':'), so a bare body line never passes for a prefix.
// Each later line must start with a prefix of that shape and hold only key
// material, an armor header or nothing, until the END line. It returns the body lines (content only, so the
// prefixes stay), whether END was reached and the base64 byte count.
func prefixedPEM(w []byte, a, armor int) (lines [][2]int, found bool, b64n int) {
	pfx := w[:a]
	if a == 0 || a >= pemBack || len(bytes.TrimSpace(pfx)) == 0 {
		return nil, false, 0
	}
	p := armor
	for p < len(w) && (w[p] == ' ' || w[p] == '\t' || w[p] == '\r') {
		p++
	}
	if p >= len(w) || w[p] != '\n' {
		return nil, false, 0
	}
	p++
	cut, _, _ := matchPrefixShape(w[p:], pfx)
	pfx = pfx[:cut]
	if len(bytes.TrimSpace(pfx)) == 0 {
		return nil, false, 0
	}
	for p < len(w) {
		n, m, _ := matchPrefixShape(w[p:], pfx)
		if n < len(pfx) {
			break
		}
		q := p + m
		for q < len(w) && (w[q] == ' ' || w[q] == '\t') {
			q++
		}
		if bytes.HasPrefix(w[q:], []byte("-----END")) {
			found = true
			break
		}
		eol := len(w)
		if i := bytes.IndexByte(w[q:], '\n'); i >= 0 {
			eol = q + i
		}
		end := trimRightSpace(w, q, eol)
		if h := pemHeaderEnd(w, q); h > q {
			lines = append(lines, [2]int{q, h})
		} else {
			r := q
			for r < end && (is(w[r], cB64) || w[r] == '=') {
				r++
			}
			if r < end {
				break // not key material: the block (or the log) went on
			}
			if r > q {
				lines = append(lines, [2]int{q, r})
				b64n += r - q
			}
		}
		p = eol + 1
	}
	return lines, found, b64n
}

// matchPrefixShape compares line b with prefix pfx by shape: a run of
// letters and digits matches a run of any length (timestamps tick, line
// numbers grow: "9:" and "10:"), a run of blanks a run of blanks
// ("     9\t", "    10\t"), and any other byte itself. It returns how much
// of pfx matched, cut after its last blank or other byte that base64 does
// not use, and the matching length of b; full reports that all of pfx
// matched.
func matchPrefixShape(b, pfx []byte) (n, m int, full bool) {
	i, j := 0, 0
	for i < len(pfx) {
		c := pfx[i]
		switch {
		case isAlnum(c) || c == ' ' || c == '\t':
			run := isAlnum
			if !isAlnum(c) {
				run = func(x byte) bool { return x == ' ' || x == '\t' }
			}
			i2, j2 := i, j
			for i2 < len(pfx) && run(pfx[i2]) {
				i2++
			}
			for j2 < len(b) && run(b[j2]) {
				j2++
			}
			if j2 == j {
				return n, m, false
			}
			i, j = i2, j2
		case j < len(b) && b[j] == c:
			i, j = i+1, j+1
		default:
			return n, m, false
		}
		if c := pfx[i-1]; !is(c, cB64) && c != '=' {
			n, m = i, j
		}
	}
	return n, m, true
}

// validateQuotedPEM handles a block printed as a list of its lines
// (Python ['-----BEGIN …', 'MIIE…', …], a JSON array of strings) or as
// string literals joined in source code ("-----BEGIN …-----\n" +
// "MIIE…\n" + …, adjacent literals): BEGIN's string closes right after the
// armor (and an escaped line break), and each later string holds one line,
// with or without an escaped line break at its end. Strings are separated
// by ',' or '+' or only by blanks. Each string's content becomes a span,
// so quotes, separators and escapes stay.
func validateQuotedPEM(s *scanner, w []byte, armor int) bool {
	p := skipEscapedBreak(w, armor)
	if p >= len(w) || w[p] != '\'' && w[p] != '"' {
		return false
	}
	quote := w[p]
	type elem struct{ start, end int }
	var elems []elem
	b64n, found := 0, false
	for {
		// At the closing quote of a string: a separator and the next.
		j := skipSpace(w, p+1)
		if j < len(w) && (w[j] == ',' || w[j] == '+') {
			j = skipSpace(w, j+1)
		} else if j == p+1 {
			break // neither a separator nor a blank
		}
		if j >= len(w) || w[j] != quote {
			break
		}
		j++
		if bytes.HasPrefix(w[j:], []byte("-----END")) {
			found = true
			break
		}
		k := bytes.IndexByte(w[j:], quote)
		if k < 0 {
			break
		}
		k += j
		ce := k // the content, less an escaped line break at its end
		for _, br := range []string{`\r\n`, `\n`} {
			if bytes.HasSuffix(w[j:k], []byte(br)) {
				ce = k - len(br)
				break
			}
		}
		if h := pemHeaderEnd(w, j); h == ce {
			elems = append(elems, elem{j, ce})
		} else {
			r := j
			for r < ce && (is(w[r], cB64) || w[r] == '=') {
				r++
			}
			if r < ce {
				break
			}
			if r > j {
				elems = append(elems, elem{j, ce})
				b64n += ce - j
			}
		}
		p = k
	}
	if len(elems) == 0 || !found && b64n < 32 {
		return false
	}
	for _, e := range elems {
		s.add(e.start, e.end, 0, 0)
	}
	return true
}

// skipEscapedBreak skips one escaped line break ("\n" or "\r\n") at i.
func skipEscapedBreak(w []byte, i int) int {
	for _, br := range []string{`\r\n`, `\n`} {
		if bytes.HasPrefix(w[i:], []byte(br)) {
			return i + len(br)
		}
	}
	return i
}

// skipSpace skips whitespace (line breaks included) from i.
func skipSpace(w []byte, i int) int {
	for i < len(w) && isSpace(w[i]) {
		i++
	}
	return i
}

// walkPEMBody walks a private-key body from body, line by line: lines are
// separated by real or escaped (JSON "\n") line breaks, or by spaces where
// a tool folded the lines. A line is base64 (with = padding) or an armor
// header (Proc-Type, DEK-Info, Version …). The walk stops at the END line
// or at the first thing that is not key material, so a stray BEGIN in prose
// never reaches into the lines after it. It returns the key material
// [first, last) (first -1: none), how many base64 bytes it holds, whether
// the END line was reached, and whether the walk ran into the end of w with
// key material still going (cut). With cont set, body is where an earlier
// window cut the material, so the first run is a line's tail, however short.
func walkPEMBody(w []byte, body int, cont bool) (first, last, b64n int, found, cut bool) {
	first, last = -1, -1
	p := body
	header := false
	for p < len(w) {
		q, spacesOnly := skipPEMBreaks(w, p)
		if q > p && spacesOnly && last >= 0 && !header && last-lineStartOf(w, first, last) < 16 && !(cont && lineStartOf(w, first, last) == body) {
			break // words separated by spaces: prose, not folded lines
		}
		header = false
		if bytes.HasPrefix(w[q:], []byte("-----END")) {
			found = true
			break
		}
		if q > p || q == body {
			// At the start of a line.
			if h := pemHeaderEnd(w, q); h > q {
				if first < 0 {
					first = q
				}
				last, p, header = h, h, true
				continue
			}
		}
		r := q
		for r < len(w) && (is(w[r], cB64) || w[r] == '=') {
			r++
		}
		if r == q {
			cut = q == len(w) && first >= 0
			break
		}
		if r < len(w) && len(bytes.TrimLeft(w[r:], "\\")) == 0 {
			// An escaped line break cut by the end of w.
			if first < 0 {
				first = q
			}
			last, p = r, len(w)
			b64n += r - q
			break
		}
		if r < len(w) && !isPEMBreak(w, r) && !bytes.HasPrefix(w[r:], []byte("-----END")) {
			// The run ends in something else. A key cut at the end of a
			// string ("…\nc2V0", ") keeps its last run; otherwise only a
			// long run is key material (not "2026" of "2026-11-28").
			if r-q >= 16 || first >= 0 && (w[r] == '"' || w[r] == '\'' || w[r] == '\\') {
				if first < 0 {
					first = q
				}
				last = r
				b64n += r - q
			}
			break
		}
		if first < 0 {
			first = q
		}
		last, p = r, r
		b64n += r - q
	}
	if p >= len(w) && first >= 0 {
		cut = true
	}
	return first, last, b64n, found, cut
}

// lineStartOf returns the start of the run of base64 bytes that ends at
// last (not before first).
func lineStartOf(w []byte, first, last int) int {
	i := last
	for i > first && (is(w[i-1], cB64) || w[i-1] == '=') {
		i--
	}
	return i
}

// isPEMBreak reports whether a line break (real, escaped or folded to a
// space) starts at i.
func isPEMBreak(w []byte, i int) bool {
	q, _ := skipPEMBreaks(w, i)
	return q > i
}

// skipPEMBreaks skips whitespace and escaped line breaks ("\n", "\r\n",
// "\\n") from i. spacesOnly reports that only spaces and tabs were skipped.
func skipPEMBreaks(w []byte, i int) (int, bool) {
	spacesOnly := true
	for i < len(w) {
		switch c := w[i]; {
		case c == ' ' || c == '\t':
			i++
		case isSpace(c):
			i++
			spacesOnly = false
		case c == '\\':
			j := i
			for j < len(w) && w[j] == '\\' {
				j++
			}
			if j < len(w) && (w[j] == 'n' || w[j] == 'r') {
				i = j + 1
				spacesOnly = false
				continue
			}
			return i, spacesOnly
		default:
			return i, spacesOnly
		}
	}
	return i, spacesOnly
}

// pemHeaders are the armor headers that may open a PEM or PGP body.
var pemHeaders = []string{"proc-type:", "dek-info:", "version:", "comment:", "hash:", "charset:", "messageid:"}

// pemHeaderEnd returns the end of the armor header line starting at i (up
// to the next real or escaped line break), or i if there is none.
func pemHeaderEnd(w []byte, i int) int {
	for k, h := range pemHeaders {
		if hasPrefixFold(w, i, h) {
			j := i + len(h)
			if k < 2 {
				// Proc-Type and DEK-Info values are one token
				// ("4,ENCRYPTED", "AES-128-CBC,<hex>"): stop after it, so a
				// block folded onto one line with spaces keeps its body.
				for j < len(w) && w[j] == ' ' {
					j++
				}
				for j < len(w) && !isSpace(w[j]) && w[j] != '\\' && w[j] != '"' {
					j++
				}
				return j
			}
			for j < len(w) && w[j] != '\n' && w[j] != '\r' && w[j] != '\\' && w[j] != '"' {
				j++
			}
			return trimRightSpace(w, i, j)
		}
	}
	return i
}

// The bounds of validateURLCredentials' look: a scheme's length, and an
// authority's (from the end of "://" to the end of its last '@').
const (
	maxScheme    = 32
	maxAuthority = 512
)

// softUserinfo reports bytes that end a URL in running text but that
// people put in passwords all the same: ' (allowed in RFC 3986 user
// information), and ^ { } | ` < > (not allowed, but written).
func softUserinfo(c byte) bool { return strings.IndexByte("'^{}|`<>", c) >= 0 }

// userinfoGoesOn reports whether the soft byte at i (see softUserinfo)
// lies in a password: "user:" comes before it (from e), and an '@' after
// it with only password characters between.
func userinfoGoesOn(w []byte, e, i int) bool {
	if bytes.IndexByte(w[e:i], ':') < 0 {
		return false
	}
	for k := i + 1; k < len(w); k++ {
		c := w[k]
		switch {
		case c == '@':
			return true
		case isAlnum(c) || softUserinfo(c) || strings.IndexByte("-_.~!$&*+%:", c) >= 0:
		default:
			return false
		}
	}
	return false
}

// validateURLCredentials redacts the password in scheme://user:pass@host,
// also JSON-escaped (scheme:\/\/user:pass@host: the escaped path stops
// the authority at its '\\'). Schemeless user:pass@host is found from the
// '@' too, by the e-mail rule (see bareUserinfo).
//
// Its anchor is the '@' (at a), not the "://": every password it finds
// ends at an '@', while most URLs have none (an API's links to itself),
// and "://" was the most frequent anchor in JSON responses. It looks back
// for every "://" whose authority may reach the '@' (schemeBefore) and
// reads the authority forward from each, as it would from that anchor:
// every '@' of an authority finds the same passwords. Each, not only the
// nearest: a password may hold "://" itself, or start with "//" after
// the user's ':' (postgres://app://Zm9v…@db), and then the nearest is
// inside the password and finds nothing, or only its tail.
func validateURLCredentials(s *scanner, w []byte, a, e int) {
	for to := a; ; {
		sep := schemeBefore(w, a, to)
		if sep < 0 {
			return
		}
		urlCredentialsAfter(s, w, sep)
		to = sep
	}
}

// schemeBefore returns the index of the nearest "://" (or JSON-escaped
// `:\/\/`) before to whose authority may run on to the '@' at a: within
// maxAuthority bytes of a, with no byte between that no URL holds (a
// blank, a quote; a password's soft bytes and '/' pass). Otherwise -1.
func schemeBefore(w []byte, a, to int) int {
	for j := to - 1; j >= 2 && a-j <= maxAuthority+len(`:\/\/`); j-- {
		c := w[j]
		switch {
		case c == '/' && w[j-1] == '/' && w[j-2] == ':':
			return j - 2
		case c == '/' && j >= 4 && string(w[j-4:j+1]) == `:\/\/`:
			return j - 4
		case c == '\\' && j+1 < a && w[j+1] == '/':
			// An escaped slash: a JSON-escaped URL's.
		case urlStop(c) && !softUserinfo(c):
			return -1
		}
	}
	return -1
}

// urlCredentialsAfter is validateURLCredentials for the scheme separator
// ("://" or `:\/\/`) at a.
func urlCredentialsAfter(s *scanner, w []byte, a int) {
	e := a + len("://")
	if w[a+1] == '\\' {
		e = a + len(`:\/\/`)
	}
	// A scheme: letters, digits, + - . starting with a letter.
	sc := a
	for sc > 0 && (isAlnum(w[sc-1]) || w[sc-1] == '+' || w[sc-1] == '-' || w[sc-1] == '.') {
		sc--
	}
	if sc == a || !isLetter(w[sc]) {
		return
	}
	// The authority ends at / ? # or anything that cannot be in a URL.
	end := e
	at := -1
	for end < len(w) {
		c := w[end]
		if ctab[c]&cAuthorityEnd != 0 {
			if at >= 0 || !softUserinfo(c) || !userinfoGoesOn(w, e, end) {
				break
			}
		}
		if c == '@' {
			at = end
		}
		end++
	}
	if at < 0 {
		// A password with an unescaped '/': user:pa/ss@host. Before the
		// '/' there must be "user:" and no port, IPv6 literal or query.
		if end >= len(w) || w[end] != '/' {
			return
		}
		colon := bytes.IndexByte(w[e:end], ':')
		if colon < 0 || bytes.IndexByte(w[e:e+colon], '[') >= 0 || isDigits(w[e+colon+1:end]) {
			return
		}
		for j := end; j < len(w) && !urlStop(w[j]) && w[j] != '?' && w[j] != '#'; j++ {
			if w[j] == '@' {
				at = j
				break
			}
		}
		if at < 0 {
			return
		}
	}
	// A user name we redacted before ("[REDACTED:email]") holds a ':'
	// that is not the password separator.
	ui := e
	if bytes.HasPrefix(w[e:at], []byte(placeholderPrefix)) {
		if k := bytes.IndexByte(w[e:at], ']'); k >= 0 {
			ui = e + k + 1
		}
	}
	colon := bytes.IndexByte(w[ui:at], ':')
	if colon < 0 {
		return
	}
	p := ui + colon + 1
	if p >= at || isPlaceholder(w[p:at]) || bytes.HasPrefix(w[p:at], []byte("%2A%2A")) {
		return
	}
	s.add(p, at, 0, 0)
}

// urlStop reports a byte that cannot be part of a URL written in text.
func urlStop(c byte) bool { return ctab[c]&cURLStop != 0 }

// validateDSN redacts the password of user:password@tcp(…).
func validateDSN(s *scanner, w []byte, a, e int) {
	st := a
	// Back to the start of the DSN. A password may hold any byte but '@'
	// (root:Vn^fDd5N@tcp…), so only blanks, quotes and "=" end it.
	for st > 0 && !isSpace(w[st-1]) && !strings.ContainsRune("\"'`=<>", rune(w[st-1])) {
		st--
	}
	if bytes.Contains(w[st:a], []byte("://")) || bytes.Contains(w[st:a], []byte(`:\/\/`)) {
		return // scheme://user:pass@tcp(…): the URL rule has it
	}
	colon := bytes.IndexByte(w[st:a], ':')
	if colon < 0 {
		return
	}
	p := st + colon + 1
	if p >= a || isPlaceholder(w[p:a]) {
		return
	}
	s.add(p, a, 0, 0)
}

// validateArgon2 redacts a PHC-form Argon2 hash whole:
// $argon2{id,i,d}$[v=N$]m=N,t=N,p=N$<salt>$<hash>, salt and hash in
// unpadded base64 (the hash at least 16 bytes of it). The parameters stay
// visible: they are no secret, and say what the hash is.
func validateArgon2(s *scanner, w []byte, a, e int) {
	i := e
	for _, v := range []string{"id$", "i$", "d$"} {
		if bytes.HasPrefix(w[i:], []byte(v)) {
			i += len(v)
			break
		}
	}
	if i == e {
		return
	}
	segs := 0
	start := i
	for j := i; ; j++ {
		if j < len(w) && (isAlnum(w[j]) || strings.IndexByte("+/=,.", w[j]) >= 0) {
			continue
		}
		if j == start {
			return
		}
		segs++
		if j >= len(w) || w[j] != '$' {
			// The last segment is the hash.
			if segs < 3 || j-start < 16 || j < len(w) && placeholderAt(w, j) {
				return
			}
			s.add(a, j, i-a, 0)
			return
		}
		start = j + 1
	}
}

func validateBcrypt(s *scanner, w []byte, a, e int) {
	// A word glued before it does not make it less of a hash: nothing
	// else has this shape ("hf_…$2a$12$…" holds a token and a hash). A
	// '$' does: "$$2a$…" is a hash escaped for a compose file, in which
	// every '$' doubles, so the shape below would not hold anyway.
	if a > 0 && w[a-1] == '$' {
		return
	}
	// $2b$ NN $ 53 chars
	if e+3 > len(w) || !isDigit(w[e]) || !isDigit(w[e+1]) || w[e+2] != '$' {
		return
	}
	// Then exactly 53 characters of its alphabet. A '.' or '/' after
	// them ends the hash ("…ikdd.xoxb-…": a hash, then a sentence's stop
	// or a path); a letter or digit, or one of our placeholders glued
	// there (which stands for one), makes it something else.
	i := e + 3
	j := i
	for j < len(w) && j-i < 53 && (isAlnum(w[j]) || w[j] == '.' || w[j] == '/') {
		j++
	}
	if j-i != 53 || j < len(w) && (isAlnum(w[j]) || placeholderAt(w, j)) {
		return
	}
	s.add(a, j, e-a+3, 0)
}

// validateWebhookPath redacts the path after a webhook URL prefix.
func validateWebhookPath(s *scanner, w []byte, a, e int) {
	j := e
	for j < len(w) && (isWord(w[j]) || w[j] == '/' || w[j] == '-') {
		j++
	}
	if j-e < 20 || tokenPlaceholder(w[e:j]) {
		return
	}
	s.add(e, j, 0, 0)
}

func validateTelegram(s *scanner, w []byte, a, e int) {
	// 8-10 digits, ':', "AA", 33 characters.
	d := runBack(w, a, cDigit)
	if a-d < 8 || a-d > 10 {
		return
	}
	if d > 0 && isWord(w[d-1]) {
		// The Bot API URL glues the token to "bot": /bot123456789:AA…/getMe.
		if d < 3 || !equalFold(w[d-3:d], "bot") || (d > 3 && isWord(w[d-4])) {
			return
		}
	}
	j := a + 1
	for j < len(w) && (isAlnum(w[j]) || w[j] == '_' || w[j] == '-') {
		j++
	}
	if j-(a+1) != 35 || string(w[a+1:a+3]) != "AA" {
		return
	}
	s.add(d, j, 0, 0)
}

func validateAzureSecret(s *scanner, w []byte, a, e int) {
	// 3 chars, a digit (the anchor's first byte), "Q~", 31-34 chars.
	st := a - 3
	if st < 0 || w[e-2] != 'Q' {
		return
	}
	for i := st; i < a; i++ {
		if !(isAlnum(w[i]) || w[i] == '_' || w[i] == '~' || w[i] == '.' || w[i] == '-') {
			return
		}
	}
	if st > 0 && (isAlnum(w[st-1]) || w[st-1] == '_' || w[st-1] == '~' || w[st-1] == '.' || w[st-1] == '-') {
		return
	}
	j := e
	for j < len(w) && (isAlnum(w[j]) || w[j] == '_' || w[j] == '~' || w[j] == '.' || w[j] == '-') {
		j++
	}
	if n := j - e; n < 31 || n > 34 {
		return
	}
	s.add(st, j, 0, 0)
}

func validateMailchimp(s *scanner, w []byte, a, e int) {
	h := runBack(w, a, cHexLow)
	if a-h != 32 || (h > 0 && isWord(w[h-1])) {
		return
	}
	j := e
	for j < len(w) && j < e+1 && isDigit(w[j]) {
		j++
	}
	if j < len(w) && isAlnum(w[j]) {
		return
	}
	s.add(h, j, 0, 0)
}

// validateCLIPassword finds the password argument of a few commands that
// take one on the command line. The command word must stand alone; the
// flags are read up to the end of the command (a newline, ';', '|', '&').
// cliTool is how one command takes a password on its command line.
type cliTool struct {
	names    []string // the command; with letters after it too when prefix (mysqldump)
	prefix   bool
	subs     []string // one of these subcommands must come first (docker login)
	glued    []string // flags with the value glued on (-pS3cret)
	spaced   []string // flags whose value is the next word
	userpass byte     // the value is user<sep>password: the separator
	nth      int      // or the nth word after it is the password (rabbitmqctl add_user u p)
	file     bool     // the value may name a file instead (az login -p cert.pem): a path is kept
}

// (Not 7z -p: a digit matches any digit in an anchor, and "0Z" ends
// every UTC timestamp.)
var cliTools = []cliTool{
	{names: []string{"mysql", "mariadb"}, prefix: true, glued: []string{"-p"}},
	{names: []string{"sshpass"}, glued: []string{"-p"}, spaced: []string{"-p"}},
	{names: []string{"redis-cli"}, spaced: []string{"-a"}},
	{names: []string{"curl"}, glued: []string{"-u"}, spaced: []string{"-u", "--user"}, userpass: ':'},
	{names: []string{"docker", "podman", "nerdctl", "buildah", "skopeo", "helm", "oras"}, subs: []string{"login"}, spaced: []string{"-p"}},
	{names: []string{"mongo"}, prefix: true, spaced: []string{"-p"}},
	{names: []string{"sqlcmd", "bcp", "osql"}, glued: []string{"-P"}, spaced: []string{"-P"}},
	{names: []string{"ldap"}, prefix: true, glued: []string{"-w"}, spaced: []string{"-w"}},
	{names: []string{"zip", "unzip"}, spaced: []string{"-P"}},
	{names: []string{"keytool"}, spaced: []string{"-storepass", "-keypass", "-srcstorepass", "-deststorepass", "-srckeypass", "-destkeypass"}},
	{names: []string{"smbclient"}, glued: []string{"-U"}, spaced: []string{"-U", "--user"}, userpass: '%'},
	{names: []string{"rabbitmqctl"}, subs: []string{"add_user", "change_password"}, nth: 2},
	{names: []string{"htpasswd"}, subs: []string{"-b"}, nth: 3},
	{names: []string{"az login"}, spaced: []string{"-p", "--password"}, file: true},
}

// cliAnchors returns the command names of cliTools (each names one tool).
func cliAnchors() []string {
	var out []string
	for _, t := range cliTools {
		out = append(out, t.names...)
	}
	return out
}

func validateCLIPassword(s *scanner, w []byte, a, e int) {
	if !boundaryBefore(w, a) {
		return
	}
	cmd := w[a:e]
	end := e
	for end < len(w) && isLetter(w[end]) || end < len(w) && w[end] == '-' && end+1 < len(w) && isLetter(w[end+1]) {
		end++ // mysqldump, mysql-client, mongosh, ldapsearch
	}
	if end < len(w) && !isSpace(w[end]) && w[end] != '"' && w[end] != '\'' {
		return
	}
	for ti := range cliTools {
		t := &cliTools[ti]
		for _, n := range t.names {
			if equalFold(cmd, n) && (t.prefix || end == e) {
				cliArgs(s, w, end, t)
				return
			}
		}
	}
}

// cliArgs reads the arguments of a command of tool t from i to the end of
// the command (; | & or the window's end) and redacts its password.
func cliArgs(s *scanner, w []byte, i int, t *cliTool) {
	prevFlag, seenSub, nth := false, len(t.subs) == 0, 0
	for i < len(w) {
		for i < len(w) && (w[i] == ' ' || w[i] == '\t') {
			i++
		}
		if i >= len(w) || w[i] == ';' || w[i] == '|' || w[i] == '&' {
			return // the end of the command (a newline is not: a continued line goes on)
		}
		if q := w[i]; q == '"' || q == '\'' {
			k := bytes.IndexByte(w[i+1:], q)
			if k < 0 {
				return
			}
			if seenSub && t.nth > 0 && nth+1 == t.nth {
				cliSecret(s, w, i+1, i+1+k, t)
				return
			}
			if prevFlag {
				cliSecret(s, w, i+1, i+1+k, t)
				prevFlag = false
			}
			nth++
			i += k + 2
			continue
		}
		j := i
		for j < len(w) && !isSpace(w[j]) && w[j] != '"' && w[j] != '\'' && w[j] != ';' && w[j] != '|' && w[j] != '&' {
			j++
		}
		tok := w[i:j]
		switch {
		case !seenSub:
			seenSub = slices.Contains(t.subs, string(tok))
		case prevFlag:
			cliSecret(s, w, i, j, t) // and read on: keytool takes two
			prevFlag = false
		case t.nth > 0 && len(tok) > 0 && tok[0] == '-':
			// a flag among the positional arguments: htpasswd -b -c f u p
		case t.nth > 0:
			if nth++; nth == t.nth {
				cliSecret(s, w, i, j, t)
				return
			}
		case slices.Contains(t.spaced, string(tok)):
			prevFlag = true
		case gluedFlag(t.glued, tok) != "":
			cliSecret(s, w, i+len(gluedFlag(t.glued, tok)), j, t)
		case slices.Contains(t.glued, string(tok)) && j < len(w) && (w[j] == '\'' || w[j] == '"'):
			// -p'pa ss', -p"pa ss": the value glued to the flag, quoted.
			if k := bytes.IndexByte(w[j+1:], w[j]); k > 0 {
				cliSecret(s, w, j+1, j+1+k, t)
			}
			return
		}
		if j == i {
			j++
		}
		i = j
	}
}

// gluedFlag returns the flag of glued that tok starts with, followed by
// a value, or "".
func gluedFlag(glued []string, tok []byte) string {
	for _, g := range glued {
		if len(tok) > len(g) && string(tok[:len(g)]) == g {
			return g
		}
	}
	return ""
}

// pathLike reports a value that names a file: a path with a directory
// ("~/", "./", "../", or "/" with a second "/") or a certificate's or
// key's file name (sp.pem).
func pathLike(v []byte) bool {
	switch {
	case hasPrefixFold(v, 0, "~/"), hasPrefixFold(v, 0, "./"), hasPrefixFold(v, 0, "../"):
		return true
	case len(v) > 1 && v[0] == '/' && bytes.IndexByte(v[1:], '/') > 0:
		return true
	}
	for _, ext := range []string{".pem", ".pfx", ".p12", ".crt", ".cer", ".key"} {
		if len(v) > len(ext) && equalFold(v[len(v)-len(ext):], ext) {
			return true
		}
	}
	return false
}

// cliSecret redacts w[i:j], the password argument of tool t, or for
// user<sep>password (t.userpass is the separator) the part after it; a
// path is kept where t's password may name a file instead.
func cliSecret(s *scanner, w []byte, i, j int, t *cliTool) {
	if t.file && pathLike(w[i:j]) {
		return
	}
	if userpass := t.userpass; userpass != 0 {
		c := bytes.IndexByte(w[i:j], userpass)
		if c < 0 {
			return
		}
		i += c + 1
	}
	if i < j && !isPlaceholder(w[i:j]) {
		s.add(i, j, 0, 0)
	}
}
