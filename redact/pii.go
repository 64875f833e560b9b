package redact

import (
	"bytes"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"unsafe"
)

// Personal data: e-mail addresses, and the digit-shaped kinds (payment
// cards, phone numbers, US SSNs, IBANs) that the automaton finds through
// its digit anchors (see digitAnchors) and validates by checksum,
// shape and context. IP addresses are opt-in.

const (
	digitsTriggerID = "digits"
	ibanMaxLen      = 34
)

// piiRules returns the PII rules. card, phone, ssn and iban have no anchors
// of their own: the hidden digits trigger serves whichever are enabled.
func piiRules() []*rule {
	return []*rule{
		{id: "email", kind: PII, prio: prioPII,
			desc: "e-mail address (also %40-encoded); the Partial style keeps the domain", example: "alice@example.com",
			anchors: []string{"@", "%40"}, back: 72 + maxUserinfo, fwd: 256, validate: validateEmail},
		{id: "card", kind: PII, prio: prioPII + 2,
			desc: "payment card number: issuer prefix, length and Luhn checksum; plain, spaced or dashed; the Partial style keeps the last 4 digits", example: "4111 1111 1111 1111"},
		{id: "ssn", kind: PII, prio: prioPII + 1,
			desc: "US Social Security number, dashed or spaced (plain 9 digits only next to \"SSN\"); invalid areas, groups and serials rejected", example: "123-45-6789"},
		{id: "phone", kind: PII, prio: prioPII,
			desc: "phone number: E.164 (+country …) and North-American formats; plain digit runs only next to a word like phone, tel or mobile", example: "+1 415 555 2671, (415) 555-2671"},
		{id: "iban", kind: PII, prio: prioPII + 3,
			desc: "IBAN: country code, per-country length and mod-97 check digits, plain or in groups of 4", example: "DE89 3704 0044 0532 0130 00"},
		{id: digitsTriggerID, kind: PII, hidden: true,
			anchors: digitAnchors, back: digitsBack, fwd: digitsFwd, validate: validateDigits, decline: declineDigits},
		{id: "ipv4", kind: PII, prio: prioPII, optIn: true,
			desc: "IPv4 address (opt-in: operators usually need them)", example: "203.0.113.7",
			anchors: []string{"0.0"}, back: 16, fwd: 16, validate: validateIPv4},
		{id: "ipv6", kind: PII, prio: prioPII, optIn: true,
			desc: "IPv6 address (opt-in)", example: "2001:db8::7",
			anchors: []string{"::", "0:0"}, back: 48, fwd: 48, validate: validateIPv6},
	}
}

// E-mail addresses.

// emailLocal reports whether b may appear in the local part of an address.
func emailLocal(b byte) bool {
	return isAlnum(b) || b == '.' || b == '_' || b == '%' || b == '+' || b == '-' || b == '\''
}

// utf8Letter2 reports whether b0 b1 is a two-byte UTF-8 sequence of a
// letter-like character (U+00C0 to U+07FF, less × and ÷): accented Latin,
// Greek, Cyrillic, Hebrew, Arabic. Internationalised addresses use them.
// Three-byte scripts (CJK) are left out: such text is written without
// spaces, right against the address, and would be swallowed with it.
func utf8Letter2(b0, b1 byte) bool {
	return b0 >= 0xC3 && b0 <= 0xDF && b1&0xC0 == 0x80 && !(b0 == 0xC3 && (b1 == 0x97 || b1 == 0xB7))
}

func isHexDigit(b byte) bool { return is(b, cHexLow) || b-'A' < 6 }

func unhex(b byte) byte {
	switch {
	case isDigit(b):
		return b - '0'
	case b >= 'a':
		return b - 'a' + 10
	}
	return b - 'A' + 10
}

func validateEmail(s *scanner, w []byte, a, e int) {
	if w[a] == '%' && string(w[a:e]) != "%40" {
		return // the anchor matches any digits: "see%20example.com" has no '@'
	}
	if s.r.url != nil {
		p, ok := 0, false
		if w[a] == '@' {
			p, ok = bareUserinfo(w, a, e)
		} else {
			p, ok = encodedUserinfo(w, a)
		}
		if ok {
			// user:pass@host: a password, not a mailbox.
			if !isPlaceholder(w[p:a]) {
				rl := s.cur
				s.cur = s.r.url
				s.add(p, a, 0, 0)
				s.cur = rl
			}
			return
		}
	}
	ls := emailLocalStart(w, a)
	if ls == a || a-ls > 64 || w[a-1] == '.' {
		return
	}
	run := ls // the run the local part was cut from ("-marie.977")
	for run > 0 && emailLocal(w[run-1]) {
		run--
	}
	if afterPlaceholder(w, run) {
		// Glued to a word we replaced: the first pass read that word as
		// the start of this local part, too long for one, and kept it.
		return
	}
	if w[a] == '@' && inURLUserinfo(w, ls) && !atFollows(w, e) {
		return // scheme://user@host: the '@' ends a user name, not a mailbox
	}
	d := emailDomainEnd(w, e)
	if d < 0 || equalFold(w[ls:a], "git") {
		return // git@github.com:org/repo is an SSH remote, not a person
	}
	if sshTarget(w, ls) {
		return // ssh deploy@bastion.internal: a login on a host, not a mailbox
	}
	if d+1 < len(w) && (w[d] == '.' || w[d] == '-') && placeholderAt(w, d+1) {
		return // the domain went on into a value redacted before: a second pass must not see a new one
	}
	s.add(ls, d, 0, d-a)
}

// sshCommands take user@host as their target.
var sshCommands = newFoldSet([]string{"ssh", "autossh", "mosh", "sftp"})

// sshTarget reports whether the address starting at ls is the target of
// an ssh command on its line: "ssh deploy@host", "sshpass -p … ssh -i
// k.pem -p 2222 ubuntu@host". Going back from the address, only flags and
// their arguments may stand between it and the command.
func sshTarget(w []byte, ls int) bool {
	if ls == 0 || w[ls-1] != ' ' {
		return false
	}
	end := ls - 1
	prevFlagArg := false // the word after this one was a flag's argument
	for n := 0; n < 8 && end > 0; n++ {
		for end > 0 && w[end-1] == ' ' {
			end--
		}
		start := end
		for start > 0 && w[start-1] != ' ' && w[start-1] != '\n' {
			start--
		}
		if start == end {
			return false
		}
		word := w[start:end]
		switch {
		case sshCommands.has(word):
			return true
		case word[0] == '-':
			prevFlagArg = false
		case !prevFlagArg && start > 0 && w[start-1] == ' ':
			// An argument of the flag before it ("-i k.pem"): go on.
			prevFlagArg = true
		default:
			return false
		}
		if start == 0 || w[start-1] == '\n' {
			return false
		}
		end = start
	}
	return false
}

// emailLocalStart returns the start of the local part that ends at a.
func emailLocalStart(w []byte, a int) int {
	ls := a
	for ls > 0 && a-ls <= 64 {
		if emailLocal(w[ls-1]) {
			ls--
		} else if ls >= 2 && utf8Letter2(w[ls-2], w[ls-1]) {
			ls -= 2
		} else {
			break
		}
	}
	if a-ls > 64 {
		return a // longer than any local part: a token or an id before an '@'
	}
	if ls > 0 && w[ls-1] != '%' {
		ls = afterEsc(w, ls, a) // "\nbob@…", ESC "[32mbob@…": the escape is not the address's
	}
	// A percent-encoded byte that is not part of an address (the "%3A" of
	// an encoded "mailto:", a "%3D" or "%20") ends what comes before it.
	for i := ls; i+2 < a; i++ {
		if w[i] == '%' && isHexDigit(w[i+1]) && isHexDigit(w[i+2]) && !emailLocal(unhex(w[i+1])<<4|unhex(w[i+2])) {
			ls = i + 3
		} else if i+4 < a && w[i] == '%' && w[i+1] == '2' && w[i+2] == '5' && isHexDigit(w[i+3]) && isHexDigit(w[i+4]) && !emailLocal(unhex(w[i+3])<<4|unhex(w[i+4])) {
			ls = i + 5 // encoded twice: "%2522"
		}
	}
	for ls < a && (w[ls] == '.' || w[ls] == '-' || w[ls] == '+' || w[ls] == '\'') {
		ls++
	}
	return ls
}

// emailDomainEnd reads the domain of an address starting at d and returns
// its end, or -1 when it is not one: two or more labels, a TLD of letters
// (or punycode, or non-ASCII letters), and not a package version, an image
// density suffix or a file name.
func emailDomainEnd(w []byte, d int) int {
	first := d
	labels, firstLen := 0, 0
	var tld []byte
	for {
		st := d
		for d < len(w) {
			if isAlnum(w[d]) || w[d] == '-' {
				d++
			} else if d+1 < len(w) && utf8Letter2(w[d], w[d+1]) {
				d += 2
			} else {
				break
			}
		}
		last := !(d+1 < len(w) && w[d] == '.' && (isAlnum(w[d+1]) || d+2 < len(w) && utf8Letter2(w[d+1], w[d+2])))
		if last {
			for d > st && w[d-1] == '-' {
				d-- // "alice@example.com--": the hyphens are not the TLD's
			}
		}
		if d == st || w[st] == '-' || w[d-1] == '-' || d-st > 63 {
			return -1
		}
		labels++
		if labels == 1 {
			firstLen = d - st
		}
		tld = w[st:d]
		if last {
			break
		}
		d++
	}
	if labels < 2 || len(tld) < 2 || len(tld) > 24 || !tldShape(tld) {
		return -1
	}
	fl := w[first : first+firstLen]
	switch {
	case isDigits(fl) && isDigit(w[first+firstLen+1]):
		return -1 // pkg@1.2.3-beta.rc, pkg@1.2.3.tgz: a version
	case len(fl) >= 2 && (fl[len(fl)-1] == 'x' || fl[len(fl)-1] == 'X') && isDigits(fl[:len(fl)-1]):
		return -1 // logo@2x.png: an image density
	case inFold(tld, notTLDs):
		return -1 // openvpn@server.service, sprite@large.png: a file or unit name
	}
	return d
}

// tldShape reports whether a top-level label looks like one: ASCII
// letters, punycode ("xn--p1ai") or non-ASCII letters ("рф").
func tldShape(t []byte) bool {
	if hasPrefixFold(t, 0, "xn--") {
		return true
	}
	ascii, other := 0, 0
	for _, c := range t {
		switch {
		case isLetter(c):
			ascii++
		case c >= 0x80:
			other++
		default:
			return false
		}
	}
	return ascii == 0 || other == 0
}

// notTLDs are file extensions and systemd unit types that are not
// delegated top-level domains, so "name@host.<ext>" is a file or a unit.
var notTLDs = []string{
	"png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp", "tif", "tiff", "js", "mjs", "cjs", "jsx",
	"tsx", "css", "scss", "map", "json", "html", "htm", "txt", "log", "yaml", "yml", "xml", "toml",
	"ini", "cfg", "conf", "java", "class", "jar", "war", "tar", "gz", "tgz", "xz", "zst", "exe", "dll",
	"pdf", "csv", "tmp", "bak", "pem", "crt", "lock", "wasm", "php",
	"service", "socket", "target", "timer", "mount", "automount", "slice", "scope", "swap", "device", "path",
}

// inURLUserinfo reports whether position i is in the user-info part of a
// URL: "://" comes before it in the same token with no '/', '?' or '#'
// after it.
func inURLUserinfo(w []byte, i int) bool {
	soft := false // a soft byte (see softUserinfo) was passed: only a password's bytes may come before it
	for j := i - 1; j >= 2 && i-j < maxUserinfo; j-- {
		switch c := w[j]; {
		case c == '/' && w[j-1] == '/' && w[j-2] == ':':
			return true
		case c == '/' && j >= 4 && string(w[j-4:j]) == `:\/\`:
			return true // JSON-escaped "://"
		case c == '/' || c == '?' || c == '#':
			return false
		case softUserinfo(c):
			soft = true
		case urlStop(c), soft && !passwordByte(c) && c != ':':
			return false
		}
	}
	return false
}

// bareUserinfo reports whether the '@' at a (e just after it) ends the
// user info of an authority written without a scheme, as proxy settings
// and connection strings often are (proxy=user:pass@proxy.corp.com:3128,
// "deploy:pass@db.internal"), and returns the start of the password. The
// user name starts a token (after a blank, '=', ':', a quote or the line
// start) with a letter; the password is URL userinfo bytes; the host has a
// dot, or a port and a password that is not one lower-case word (Hadoop's
// [LeaseRenewer:hdfs@nn-1:9000] names a thread), and ends the token. A mail
// key before the address ("mailto:bob@example.com", "user:alice@corp.com")
// makes it an e-mail address, unless a port follows, which no address has.
func bareUserinfo(w []byte, a, e int) (int, bool) {
	p := a
	for p > 0 && a-p <= 128 && passwordByte(w[p-1]) {
		p--
	}
	if p == a || p == 0 || w[p-1] != ':' {
		return 0, false
	}
	c := p - 1
	u := c
	for u > 0 && c-u <= 64 && (isAlnum(w[u-1]) || w[u-1] == '.' || w[u-1] == '_' || w[u-1] == '-' || w[u-1] == '%' || w[u-1] == '~') {
		u--
	}
	if u == c || !(isLetter(w[u]) || w[u] == '_') || u > 0 && !strings.ContainsRune(" \t=:\"'`", rune(w[u-1])) {
		return 0, false
	}
	h, dot := e, false
	for h < len(w) && (isAlnum(w[h]) || w[h] == '-' || w[h] == '.' && h > e && h+1 < len(w) && isAlnum(w[h+1])) {
		dot = dot || w[h] == '.'
		h++
	}
	if h == e {
		return 0, false
	}
	port := false
	if h < len(w) && w[h] == ':' {
		if j := runFwd(w, h+1, cDigit); j > h+1 && j-h-1 <= 5 {
			port, h = true, j
		}
	}
	last := u // the user's last word: "notify_email", "smtp.user"
	for k := u; k < c; k++ {
		if w[k] == '_' || w[k] == '-' || w[k] == '.' {
			last = k + 1
		}
	}
	if !port && (!dot || inFold(w[u:c], mailKeys) || inFold(w[last:c], mailKeys)) {
		return 0, false
	}
	if !dot && isLowerWord(w[p:a]) {
		return 0, false // [LeaseRenewer:hdfs@nn-1:9000]: a thread named after a user and a host
	}
	if h < len(w) && (isWord(w[h]) || w[h] == '@' || w[h] == ':') {
		return 0, false
	}
	return p, true
}

// isLowerWord reports whether b is only lower-case ASCII letters.
func isLowerWord(b []byte) bool {
	for _, c := range b {
		if !isLower(c) {
			return false
		}
	}
	return true
}

// encodedUserinfo reports whether the "%40" at a ends the user info of a
// percent-encoded URL (next=postgres%3A%2F%2Fapp%3Apw%40db%2Fshop, a URL
// passed as a query value), and returns the start of the password: the
// bytes after the first "%3A" that follows "scheme%3A%2F%2Fuser".
func encodedUserinfo(w []byte, a int) (int, bool) {
	st := a
	for st > 0 && a-st <= maxUserinfo && passwordByte(w[st-1]) {
		st--
	}
	up := bytes.ToUpper(w[st:a]) // only on "%40" hits; at most maxUserinfo bytes
	// "<scheme>%3A%2F%2F" before the user info.
	sep := []byte("%3A%2F%2F")
	i := bytes.LastIndex(up, sep)
	if i <= 0 || !isAlnum(up[i-1]) {
		return 0, false
	}
	auth := up[i+len(sep):]
	c := bytes.Index(auth, []byte("%3A"))
	if c <= 0 || c+3 >= len(auth) {
		return 0, false // no user, or no password
	}
	for _, x := range []string{"%2F", "%3F", "%23"} {
		if bytes.Contains(auth, []byte(x)) {
			return 0, false // a path, query or fragment: past the authority
		}
	}
	return st + i + len(sep) + c + 3, true
}

// passwordByte reports the bytes of a password in URL userinfo (RFC 3986
// unreserved, percent escapes, and the sub-delimiters that do not also
// separate fields in logs: no ',', ';', '&', quotes or parentheses).
func passwordByte(b byte) bool {
	return isAlnum(b) || strings.IndexByte("-._~%!*+=$", b) >= 0
}

// mailKeys are keys whose value is an e-mail address: "key:addr@host" is
// one, not user:password@host.
var mailKeys = []string{"mailto", "mail", "email", "e-mail", "from", "to", "cc", "bcc", "sender", "recipient",
	"rcpt", "reply-to", "user", "username", "login", "contact", "owner", "author", "by", "address", "addr", "account", "uid", "id"}

// maxUserinfo bounds the search for the "://" before a user name; the
// e-mail window reaches back that far too, so a long token used as the user
// name (https://<token>=x@github.com) is seen whole.
const maxUserinfo = 256

// atFollows reports whether another '@' follows i in the same URL
// authority: then the user name itself is an e-mail address
// (https://alice@example.com@host/).
func atFollows(w []byte, i int) bool {
	for j := i; j < len(w) && j-i < 256; j++ {
		switch c := w[j]; {
		case c == '@':
			return true
		case c == '/' || c == '?' || c == '#' || urlStop(c):
			return false
		}
	}
	return false
}

// Digit-shaped PII: cards, SSNs, phone numbers and IBANs.
//
// The digits trigger fires on the digit anchors (seven digits in a row, a
// digit pair, a separator and four digits, or '+' before a digit; see
// digitAnchors). The first hit in a run of digits analyses the whole region around
// it, once: the digit groups and the short separators between them. Later
// hits inside the region return at the first comparison (digitEnd).
//
// A candidate is a sequence of groups that starts at the region start or
// after a separator with a space, and ends at the region end or before
// one: "4111 1111 1111 1111 12/29" holds the card "4111 1111 1111 1111".
// Each candidate is checked, cheapest test first, against the card, SSN
// and phone shapes; the longest match from a start wins.

const (
	digitsBack, digitsFwd = 64, 64 // window of the digits trigger

	candMaxBytes  = 48 // longest candidate, separators included ("+44 (0)20 7946 0958")
	candMaxDigits = 19 // longest card; phones have at most 15 digits
	candMinDigits = 7  // shortest: a local number next to "phone"
)

// declineDigits is the decline test of the digits trigger: the anchor
// ending at e lies in a run of digits from which validateDigits can make
// no candidate, whatever its context. It is how a JSON document's ids,
// Unix times and hex digests (1296269, 1733000037, "9b71d224…") are
// passed by without a visit. The run is the region validateDigits
// analyses, alone, when no separator stands next to it; then one of:
//
//   - glued on the right to a letter or '_', with no upper-case letter
//     on its left (an IBAN's country code): gluedR leaves no candidate
//     (a '+' before it leads none);
//   - glued on the left to a lower-case letter or '_' that ends no escape
//     sequence ("\n", "%2b", an ANSI colour), nor starts one whose
//     digits the run holds ("\u0002…"): gluedL leaves no start;
//   - standing alone between JSON punctuation, quotes or line breaks
//     (past at most a few spaces), 7 to 12 digits long: match tries the
//     run only through maybe, which turns it down before any context is
//     read unless nd is 9 or at least 13 (an SSN, a card), its first
//     digit c is '0' (a national number), nd is 10 and c at least '2',
//     or nd is 11 and c is '1' (North American numbers).
//
// And the "+0" anchor is declined when its region, from the '+' on,
// holds fewer than candMinDigits digits: '+' is a base64 digit, and a
// blob has one before a digit every few hundred bytes.
//
// A run longer than 32 digits is left to the validator, so the test
// reads at most a few dozen bytes.
func declineDigits(b []byte, e int) bool {
	const maxRun, maxAlone, maxSpaces = 32, 12, 4
	if e >= 2 && b[e-2] == '+' {
		// The "+0" anchor, the only one that ends one digit after a '+'.
		// validateDigits reads its region from the '+' on and needs
		// candMinDigits digits in it: "D2+7d6Z" in a base64 blob. (Its
		// IBAN branch finds none either: findIBAN wants an IBAN that
		// reaches past the '+', which no IBAN holds.)
		nd := 1
		for k, seps := e, 0; k < len(b) && nd < candMinDigits; k++ {
			switch c := b[k]; {
			case isDigit(c):
				nd, seps = nd+1, 0
			case regionSep(c) && seps < 2:
				seps++
			default:
				return true
			}
		}
		return nd < candMinDigits
	}
	back := b[max(0, e-maxRun-1):e]
	i := len(back)
	for i > 0 && isDigit(back[i-1]) {
		i--
	}
	ds := e - len(back) + i
	de := e
	for de < len(b) && de-ds <= maxRun && isDigit(b[de]) {
		de++
	}
	if ds > 0 && b[ds-1] != ' ' && regionSep(b[ds-1]) {
		// A float's fraction, a date: no case below holds, but an RFC
		// 3339 time's fraction may be declined ("13:56.223739121Z").
		return de-ds <= maxRun && sepRegionDeclined(b, ds, de)
	}
	nd := de - ds
	if nd < candMinDigits || nd > maxRun {
		return false
	}
	left, right := byte(' '), byte(' ') // the ends of b: no glue, no context
	if ds > 0 {
		left = b[ds-1]
	}
	if de < len(b) {
		right = b[de]
	}
	single := !regionSep(right) || de == len(b)
	switch {
	case isLetter(right) || right == '_':
		if ds == 0 || !regionSep(left) && !isUpper(left) {
			return true
		}
	case single && ds > 0 && (isLower(left) || left == '_') && escBefore(b, ds) == 0 && afterEsc(b, ds, de) == ds:
		return true
	}
	if nd > maxAlone || nd == 9 {
		return false
	}
	switch c := b[ds]; {
	case c == '0', nd == 10 && c >= '2', nd == 11 && c == '1':
		return false
	}
	l := ds
	for l > 0 && ds-l < maxSpaces && b[l-1] == ' ' {
		l--
	}
	if l > 0 {
		switch b[l-1] {
		case ':', ',', '{', '"', '\n', '\r', '\t':
		case '[':
			if l > 1 && b[l-2] == 0x1b {
				return false // an ANSI escape's parameters ("ESC[1234567m")
			}
		default:
			return false
		}
	}
	r := de
	for r < len(b) && r-de < maxSpaces && b[r] == ' ' {
		r++
	}
	if r < len(b) {
		switch b[r] {
		case ',', '}', ']', '"', '\n', '\r', '\t':
		default:
			return false
		}
	}
	return true
}

// sepRegionDeclined reports that the digits run b[ds:de], which a
// separator other than a space precedes, lies in a region from which
// validateDigits makes no candidate, whatever its context. The region is
// read as validateDigits reads it (digits, at most two separators in a
// row, a '+' that opens it), at most 32 bytes each way, and holds no
// space (a candidate may start after one, or end before one). Then either
//
//   - the run is glued on the right to a letter or '_' (gluedR leaves no
//     candidate), and no upper-case letter before the region starts an
//     IBAN that findIBAN would read on; or
//   - the region starts with the two digits of a time of day's seconds,
//     a colon and a digit before them and a '.' after, and holds no ')'
//     (after which a candidate may start too, see apart): a candidate
//     from the seconds is no card (its first separator is '.'), no SSN
//     or North American number (a first group of two), and any other
//     shape needs a phone or SSN word before it, which the digit before
//     the colon hides (context stops at digits).
//
// These are RFC 3339 times' fractions: encoding/json writes a time.Time
// with nanoseconds ("2026-12-05T13:13:56.223739121Z", "…56.223739121+01:00"),
// other stacks with microseconds, and each holds a digit anchor.
func sepRegionDeclined(b []byte, ds, de int) bool {
	const maxLook = 32
	glued := de < len(b) && (isLetter(b[de]) || b[de] == '_')
	if !glued {
		for re, seps := de, 0; re < len(b); re++ {
			c := b[re]
			if isDigit(c) {
				seps = 0
				continue
			}
			if !regionSep(c) || seps == 2 {
				break
			}
			if c == ' ' || c == ')' || re-de > maxLook {
				return false // a candidate may start after it (apart)
			}
			seps++
		}
	}
	rs := ds
	for seps := 0; rs > 0; rs-- {
		if ds-rs > maxLook {
			return false
		}
		c := b[rs-1]
		switch {
		case isDigit(c):
			seps = 0
			continue
		case c == ' ', c == ')' && !glued:
			return false
		case c == '+':
			return glued && (rs == 1 || !isUpper(b[rs-2]))
		case regionSep(c) && seps < 2:
			seps++
			continue
		}
		break
	}
	if glued {
		return rs == 0 || !isUpper(b[rs-1])
	}
	return rs >= 2 && b[rs-1] == ':' && isDigit(b[rs-2]) && rs+2 < len(b) &&
		isDigit(b[rs]) && isDigit(b[rs+1]) && b[rs+2] == '.'
}

func regionSep(b byte) bool {
	return b == ' ' || b == '-' || b == '.' || b == '(' || b == ')'
}

// digitGroup is one run of digits, w[s:e], in a region.
type digitGroup struct{ s, e int }

// digitRegion is the run of digit groups around one anchor.
type digitRegion struct {
	s      *scanner
	w      []byte
	g      []digitGroup
	lead   byte // '+' (or "%2B") or '(' right before g[0], else 0
	leadAt int  // where the region starts, lead included

	// The context before the region start, computed on first use: known
	// says which bits of val are computed.
	known, val uint8
}

const (
	ctxPhone = 1 << iota // a phone word before the region
	ctxSSN               // an SSN word before the region
	ctxID                // the region is the value of an id-like key in the text
	ctxKeyID             // ... or of an id-like JSON object key (see jsonKey)
)

// jsonKey is the object key a JSON value is read under, when the value is
// scanned on its own (Redactor.JSON, JSONWriter). Text such as
// `"phone":"4155552671"` holds the context words of the digit rules before
// the digits; the structural walkers see the value without it. So the
// digit rules read a region near the start of the value (see keyInReach)
// as if `"name":` (the key, its closing quote, the colon and, for a
// string, the opening quote) came before the value: the key gives the
// value the phone and SSN context, and the id veto, that Bytes gives the
// same text ({"phone":"home 4155552671"} too). Cards keep the value's own
// id test only: a card number under "order_id" stays redacted, as before.
// The look-back itself stops where it stops in text: at digits, and at
// a placeholder, which stands for them ("[REDACTED:phone] 4155552672"
// keeps its second number on every pass).
type jsonKey struct {
	name []byte // the decoded key (for an array element, the array's); empty: none (a top-level value)
	num  bool   // the value is a number: no opening quote

	// firstAnchor and lastAnchor, when > 0, say where the value's first
	// and last anchors end (the JSON walker knows it from its hit map):
	// the automaton starts just before the first and stops at the last;
	// validators still see the whole value.
	firstAnchor, lastAnchor int
}

// Key look-back bounds: context reaches at most keyReach bytes back, so a
// region further into the value cannot see the key, and at most
// keyTail bytes of the key are read.
const keyReach, keyTail = 32, 64

// keyInReach reports whether a JSON value's key counts as the context of
// a region at w[at]: w starts the value (winOff 0: one-shot scans count
// from there) and the region is within keyReach of its start. In a
// string, the text before the region is read after the key, as Bytes
// reads it in the document ({"phone":"home 4155552671"}); before a
// number's digits only its sign may come ({"phone":-4155552671}).
func (r *digitRegion) keyInReach(at int) bool {
	if r.s.winOff != 0 || at > keyReach {
		return false
	}
	if r.s.key.num {
		return at == 0 || at == 1 && r.w[0] == '-'
	}
	return true
}

// withKey returns the look-back text of the region at the start of a value
// read under k, in buf: the tail of the key, `":"` (`":` for a number) and
// the value up to the region, v; and where the region starts in it.
func (k jsonKey) withKey(buf, v []byte) ([]byte, int) {
	name := k.name[max(0, len(k.name)-keyTail):]
	buf = append(buf, name...)
	buf = append(buf, '"', ':')
	if !k.num {
		buf = append(buf, '"')
	}
	buf = append(buf, v...)
	return buf, len(buf)
}

// validateDigits finds the region around a digits anchor, looks for an
// IBAN when an upper-case letter precedes it, and otherwise tries the card,
// SSN and phone shapes on the candidates of the region.
func validateDigits(s *scanner, w []byte, a, e int) {
	if s.winOff+a < s.digitEnd || insidePlaceholder(w, a) {
		return // the digits of a fingerprint ("[REDACTED:phone:08128989]") are ours
	}
	floor := max(0, s.digitEnd-s.winOff)
	// The region: digits and single or double separators. A '+' only
	// opens it.
	rs, nd := a, e-a
	if w[a] == '+' {
		nd = 1
	} else {
		for seps := 0; rs > floor; {
			c := w[rs-1]
			if isDigit(c) {
				rs--
				seps = 0
				nd++
				continue
			}
			if c == '+' {
				rs--
				break
			}
			if !regionSep(c) || seps == 2 {
				break
			}
			rs--
			seps++
		}
	}
	re := e
	for seps := 0; re < len(w); re++ {
		c := w[re]
		if isDigit(c) {
			seps = 0
			nd++
			continue
		}
		if !regionSep(c) || seps == 2 {
			break
		}
		seps++
	}
	// A region that starts with the digits of an escape ("%20", "\u0022"
	// before "4111…") starts after it.
	if p := afterEsc(w, rs, re); p > rs {
		for _, c := range w[rs:p] {
			if isDigit(c) {
				nd--
			}
		}
		rs = p
	}
	s.digitEnd = s.winOff + re

	d := &s.r.digits
	if d.iban != nil && rs > 0 && isUpper(w[rs-1]) {
		// An IBAN: a country code right before the digits (DE89…), or a
		// group of letters (GB82 WEST 1234…, NL91ABNA0417…).
		if st, end := findIBAN(w, a, floor); end > 0 {
			s.cur = d.iban
			s.add(st, end, 0, 0)
			if end < len(w) && regionSep(w[end]) {
				end++ // so the next region does not start after a digit (see leftCut)
			}
			s.digitEnd = s.winOff + end
			return
		}
	}
	if ibanShaped(w, rs) {
		return // a country code and check digits: an IBAN that failed its checksum, not a card
	}
	if nd < candMinDigits {
		return
	}
	// The first group is only the tail of a number when the window cut it
	// (leftCut) or when an earlier hit skipped the head of a run too long
	// for any candidate (a digit on each side of floor); it cannot start a
	// candidate. A region that starts at floor with a '+' or a separator
	// is a region of its own ("210200000+ 078-05-1121"). When the window cuts the region on the right, its last
	// group, or what follows it, is unknown.
	leftCut := rs == 0 && a >= digitsBack || rs == floor && floor > 0 && isDigit(w[floor-1]) && isDigit(w[rs])
	rightCut := re == len(w) && len(w)-e >= digitsFwd

	ds := rs
	for !isDigit(w[ds]) {
		ds++
	}
	de := re
	for !isDigit(w[de-1]) {
		de--
	}
	lead, leadAt := byte(0), ds
	if ds > rs && (w[ds-1] == '+' || w[ds-1] == '(') {
		lead, leadAt = w[ds-1], ds-1
	} else if ds == rs && ds-3 >= floor && w[ds-3] == '%' && w[ds-2] == '2' && w[ds-1]|0x20 == 'b' {
		lead, leadAt = '+', ds-3 // "%2B": a URL-encoded '+'
	}
	// In a form body a '+' after a word is an encoded space, not the
	// lead of an international number ("my+details+4111…").
	// After one of our replacements the '+' stays a lead, glued to the
	// replacement (see gluedL): the first pass kept these digits, so the
	// word before them ended in a digit ("…b7+535-29-2923", read as
	// "1.0.0+4111…"), or they were no match after a letter either.
	if lead == '+' && w[leadAt] == '+' && leadAt > 0 && isLetter(w[leadAt-1]) && escBefore(w, leadAt) == 0 {
		lead, leadAt = 0, ds
	}
	// A number must stand alone: no identifier, amount or path glued to
	// it. When the region's first (or last) group is glued, that group is
	// part of the identifier and no candidate may start (or end) there; the
	// groups after (before) a space still stand alone: "trace 4bf9…a3432
	// 4111 1111 1111 1111" holds a card. An escape sequence before it
	// ("\t", "%22", ESC "[33m") or a percent code after it ("%22", "%0A")
	// is a separator, not glue.
	gluedL, gluedR := false, false
	if leadAt > 0 && !leftCut {
		p := w[leadAt-1]
		gluedL = isWord(p) && escBefore(w, leadAt) == 0 || p == '@' || p == '$' || afterPlaceholder(w, leadAt) ||
			(p == '-' || p == '.') && leadAt > 1 && (isWord(w[leadAt-2]) || afterPlaceholder(w, leadAt-1)) || // blk_-1608…, v1.2…
			p == '+' && afterPlaceholder(w, leadAt-1) // "…9632+(408) …": one region on the first pass
	}
	if !rightCut && de < len(w) && (isWord(w[de]) || w[de] == '@' || w[de] == '%' && !pctCode(w, de)) {
		gluedR = true
	}
	if ibanHeadBefore(w, leadAt) {
		return // the digits of an IBAN that failed its checksum: not a card either
	}

	var buf [24]digitGroup
	g := buf[:0]
	open, stop := rightCut, de
	for i := ds; i < de; {
		st := i
		for i < de && isDigit(w[i]) {
			i++
		}
		if len(g) == cap(buf) {
			open, stop = true, st
			break
		}
		g = append(g, digitGroup{st, i})
		for i < de && !isDigit(w[i]) {
			i++
		}
	}
	// Where a later hit resumes when this one leaves the rest of the
	// region to it: a group start, with its '(' or the region's lead.
	resume := func(at int) {
		if at == ds {
			at = leadAt
		} else if w[at-1] == '(' {
			at--
		}
		s.digitEnd = s.winOff + at
	}
	tooLong := false
	if rightCut && stop == de {
		last := g[len(g)-1]
		stop, g = last.s, g[:len(g)-1]
		tooLong = last.e-last.s > candMaxDigits
	}
	if gluedR {
		// Candidates end before the last space; none when there is none.
		k := len(g) - 1
		for k > 0 && bytes.IndexByte(w[g[k-1].e:g[k].s], ' ') < 0 {
			k--
		}
		g = g[:k]
	}
	r := digitRegion{s: s, w: w, g: g, lead: lead, leadAt: leadAt}
	i := 0
	if leftCut || gluedL {
		i = r.nextStart(1)
	}
	for i < len(g) {
		if open && g[i].s+candMaxBytes > stop {
			resume(g[i].s) // candidates from here may reach past what is known
			return
		}
		// Every start is tried, even inside a match: "200 555 4111 1111
		// 1111 1111" holds a NANP-shaped "200 555 4111" and a card; both
		// are reported and merge (fail closed).
		r.match(i, open, stop)
		i = r.nextStart(i + 1)
	}
	switch {
	case tooLong:
		// The last group is part of no candidate: skip the rest of it
		// (the next region starts mid-run, see leftCut).
		s.digitEnd = s.winOff + len(w)
	case open:
		resume(stop)
	}
}

// ibanShaped reports a region that starts like a grouped IBAN: two
// upper-case letters standing alone, glued to two digits, then a separator
// ("ES65 4320 6242 …").
func ibanShaped(w []byte, rs int) bool {
	return rs >= 2 && isUpper(w[rs-1]) && isUpper(w[rs-2]) && (rs == 2 || !isAlnum(w[rs-3])) &&
		rs+2 < len(w) && isDigit(w[rs]) && isDigit(w[rs+1]) && regionSep(w[rs+2])
}

// ibanHeadBefore reports whether the start of an IBAN written in groups
// of four ends just before i: a country code and check digits, then
// groups of four letters or digits ("IE23 XHWH " before "5735 2796 …").
func ibanHeadBefore(w []byte, i int) bool {
	for j := i; j >= 5 && w[j-1] == ' '; j -= 5 {
		g := w[j-5 : j-1]
		if j-5 > 0 && isAlnum(w[j-6]) {
			return false
		}
		if isUpper(g[0]) && isUpper(g[1]) && isDigit(g[2]) && isDigit(g[3]) {
			return j-5 == 0 || !isAlnum(w[j-6])
		}
		for _, c := range g {
			if !isUpper(c) && !isDigit(c) {
				return false
			}
		}
		if j-5 == 0 || w[j-6] != ' ' {
			return false
		}
	}
	return false
}

// nextStart returns the first group from i on that may start a candidate:
// one after a separator with a space.
func (r *digitRegion) nextStart(i int) int {
	for ; i < len(r.g); i++ {
		if i == 0 || apart(r.w[r.g[i-1].e:r.g[i].s]) {
			return i
		}
	}
	return i
}

// apart reports whether the separator sep between two groups of a region
// keeps them apart, so that a number may end before it and another start
// after it: a space, or a closing parenthesis ("us12)3528 7830 1860
// 6234"). Starts and ends use the same test, or a second pass, which sees
// a placeholder where the first pass ended a number, would differ.
func apart(sep []byte) bool {
	return bytes.IndexByte(sep, ' ') >= 0 || sep[len(sep)-1] == ')'
}

// match tries the candidates starting at group i, longest first, and
// reports the first that matches.
func (r *digitRegion) match(i int, open bool, stop int) {
	g, w := r.g, r.w
	jmax, nd := i-1, 0
	var nds [24]int
	for j := i; j < len(g) && g[j].e-g[i].s <= candMaxBytes; j++ {
		nd += g[j].e - g[j].s
		if nd > candMaxDigits {
			break
		}
		nds[j] = nd
		jmax = j
	}
	for j := jmax; j >= i; j-- {
		if nds[j] < candMinDigits {
			return
		}
		next := len(w)
		switch {
		case j+1 < len(g):
			next = g[j+1].s
		case open:
			next = stop
		}
		if next < len(w) && !apart(w[g[j].e:next]) {
			continue // glued to the next group: not where a number ends
		}
		if !r.maybe(i, j, nds[j]) {
			continue
		}
		if rl, start, keep := r.classify(i, j, nds[j]); rl != nil {
			r.s.cur = rl
			r.s.add(start, g[j].e, 0, keep)
			return
		}
	}
}

// maybe is a cheap first test of groups i..j (nd digits): false when
// they cannot be a card, an SSN or a phone number whatever their digits.
func (r *digitRegion) maybe(i, j, nd int) bool {
	switch {
	case nd >= 13 || nd == 9:
		return true // a card, an SSN, a long phone number
	case i == 0 && r.lead == '+':
		return nd >= 8 // E.164
	case j-i == 2 && nd == 10, j-i == 3 && nd == 11:
		return true // North American shapes
	case i == j:
		// One run of digits is a phone number only after a phone word,
		// and only if North American or national (leading 0).
		c := r.w[r.g[i].s]
		if !(nd == 10 && c >= '2' || nd == 11 && c == '1' || c == '0') {
			return false
		}
	}
	return r.ctx(i, ctxPhone) // the rest is a phone number after a phone word
}

// ctx reports a context bit for a candidate starting at group i. Only the
// region start has a context: before any later group come digits.
func (r *digitRegion) ctx(i int, bit uint8) bool {
	if i != 0 {
		return false
	}
	if r.known&bit == 0 {
		r.known |= bit
		w, at := r.w, r.leadAt
		var buf [keyTail + 3 + keyReach]byte
		if bit != ctxID && r.keyInReach(at) {
			// Where a JSON value's key, if any, counts. Whether this point
			// is reached depends on the value alone, so a value that never
			// gets here redacts the same under any key.
			r.s.keyRead = true
			if len(r.s.key.name) > 0 {
				w, at = r.s.key.withKey(buf[:0], w[:at])
			}
		}
		var ok bool
		switch bit {
		case ctxPhone:
			ok = context(w, at, phoneWords, phoneFirst, r.s.r.placeholders)
		case ctxSSN:
			ok = context(w, at, ssnWords, ssnFirst, r.s.r.placeholders)
		case ctxID, ctxKeyID:
			ok = idContext(w, at) && !(len(w) > 0 && &w[0] == &r.w[0] && r.s.wordRedacted(w, at))
		}
		if ok {
			r.val |= bit
		}
	}
	return r.val&bit != 0
}

// cand is one candidate: groups of digits in w.
type cand struct {
	w []byte
	g []digitGroup
}

func (c cand) size(k int) int { return c.g[k].e - c.g[k].s }

// sep returns the separator before group k ≥ 1.
func (c cand) sep(k int) []byte { return c.w[c.g[k-1].e:c.g[k].s] }

// sepIs reports whether the separator before group k is one of opts.
func (c cand) sepIs(k int, opts ...string) bool {
	s := c.sep(k)
	for _, o := range opts {
		if string(s) == o {
			return true
		}
	}
	return false
}

// classify decides what groups i..j (nd digits) are: a card, an SSN, a
// phone number or nothing. It returns the rule, the start of the span and
// the bytes the Partial style keeps at its end.
func (r *digitRegion) classify(i, j, nd int) (*rule, int, int) {
	d := &r.s.r.digits
	c := cand{r.w, r.g[i : j+1]}
	n := len(c.g)
	lead := byte(0)
	if i == 0 {
		lead = r.lead
	} else if r.w[c.g[0].s-1] == '(' {
		lead = '('
	}
	var buf [candMaxDigits]byte
	D := buf[:0]
	for _, x := range c.g {
		D = append(D, r.w[x.s:x.e]...)
	}
	start := c.g[0].s

	// Payment card: 13 to 19 digits, plain or in groups of four (Amex and
	// Diners 4-6-5 and 4-6-4), issuer prefix and length, Luhn.
	if d.card != nil && lead != '+' && nd >= 13 && cardShape(c) &&
		cardIssuer(D) && luhn(D) && !allSame(D) && !(n == 1 && r.ctx(i, ctxID)) {
		keep := 0
		if c.size(n-1) >= 4 {
			keep = 4
		}
		return d.card, start, keep
	}
	// US Social Security number: 3-2-4 dashed, or spaced or plain after
	// an SSN word.
	if d.ssn != nil && lead != '+' && nd == 9 && ssnValid(D) {
		if n == 3 && c.size(0) == 3 && c.size(1) == 2 && bytes.Equal(c.sep(1), c.sep(2)) &&
			(c.sepIs(1, "-") || c.sepIs(1, " ") && r.ctx(i, ctxSSN)) {
			return d.ssn, start, 0
		}
		if n == 1 && r.ctx(i, ctxSSN) {
			return d.ssn, start, 0
		}
	}
	if d.phone == nil || allSame(D) {
		return nil, 0, 0
	}
	// A single run of digits after an id-like key is an id, not a phone.
	notID := func() bool { return n > 1 || !r.ctx(i, ctxKeyID) }
	if lead == '+' {
		// "(+44) 20 7946 0958": a '(' before the '+' may close in the number.
		open := r.leadAt > 0 && r.w[r.leadAt-1] == '('
		// No id check here: a '+' number after "user_id=" is a phone
		// number used as an id, and still personal data.
		switch e164(c, D, open) {
		case 1:
			return d.phone, r.leadAt, 0
		case 2:
			return d.phone, r.leadAt - 1, 0
		}
		return nil, 0, 0
	}
	// North American: (415) 555-2671, 415-555-2671, 415.555.2671,
	// 415 555 2671, 1-800-555-0199, 1 (800) 555-0199.
	switch {
	case n == 3 && c.size(0) == 3 && c.size(1) == 3 && nanpValid(D):
		if lead == '(' && c.sepIs(1, ")", ") ", ")-") && c.sepIs(2, "-", " ", ".") {
			return d.phone, start - 1, 0
		}
		if c.sepIs(1, "-", ".", " ") && (bytes.Equal(c.sep(1), c.sep(2)) || c.sepIs(1, " ") && c.sepIs(2, "-")) {
			return d.phone, start, 0
		}
	case n == 4 && c.size(0) == 1 && c.size(1) == 3 && c.size(2) == 3 && D[0] == '1' && nanpValid(D[1:]):
		if c.sepIs(1, "(", " (") && c.sepIs(2, ")", ") ") && c.sepIs(3, "-", " ", ".") ||
			c.sepIs(1, "-", " ", ".") && c.sepIs(2, "-", " ", ".") && c.sepIs(3, "-", " ", ".") {
			return d.phone, start, 0
		}
	case n == 1 && (nd == 10 && nanpValid(D) || nd == 11 && D[0] == '1' && nanpValid(D[1:])):
		if r.ctx(i, ctxPhone) && notID() {
			return d.phone, start, 0
		}
	}
	// Other shapes (national numbers, local numbers) need a phone word.
	if nd <= 13 && (n > 1 || D[0] == '0') && !dateShape(c, D) && r.ctx(i, ctxPhone) && notID() {
		for k := 1; k < n; k++ {
			if !c.sepIs(k, " ", "-", ".") {
				return nil, 0, 0
			}
		}
		return d.phone, start, 0
	}
	return nil, 0, 0
}

// cardShape: one run of digits, or groups of four with one kind of
// separator and a last group of 1 to 4, or 4-6-5 / 4-6-4.
func cardShape(c cand) bool {
	n := len(c.g)
	if n == 1 {
		return true
	}
	if !c.sepIs(1, " ", "-") {
		return false
	}
	for k := 2; k < n; k++ {
		if !bytes.Equal(c.sep(k), c.sep(1)) {
			return false
		}
	}
	if n == 3 && c.size(0) == 4 && c.size(1) == 6 && (c.size(2) == 5 || c.size(2) == 4) {
		return true
	}
	for k := 0; k < n-1; k++ {
		if c.size(k) != 4 {
			return false
		}
	}
	return c.size(n-1) <= 4
}

// e164 checks an international number written after a '+': 8 to 15
// digits, an assigned country calling code, and (for +1) a valid North
// American number. open says a '(' comes right before the '+'. It returns
// 0 when the number is not one, 1 when it is, and 2 when it is and the
// '(' before the '+' is closed inside it.
func e164(c cand, D []byte, open bool) int {
	n, nd := len(c.g), len(D)
	if nd < 8 || nd > 15 || D[0] == '0' {
		return 0
	}
	cc := callingCodeLen(D)
	if cc == 0 || n > 1 && (c.size(0) > 4 || c.size(0) < cc) {
		return 0
	}
	parens, closedOpen := 0, false
	for k := 1; k < n; k++ {
		switch {
		case c.sepIs(k, " ", "-", "."):
		case c.sepIs(k, "(", " ("):
			parens++
		case c.sepIs(k, ")", ") ", ")-", ")."):
			parens--
		default:
			return 0
		}
		if parens < 0 && open && !closedOpen {
			parens, closedOpen = 0, true
		}
		if parens < 0 || parens > 1 {
			return 0
		}
	}
	if parens != 0 {
		return 0
	}
	switch {
	case D[0] == '1' && (nd != 11 || !nanpValid(D[1:])), D[0] == '7' && nd != 11:
		return 0
	case closedOpen:
		return 2
	}
	return 1
}

// dateShape reports a date: 2026-11-28, 2026.11.28, 28-11-2026, 28.11.2026.
func dateShape(c cand, D []byte) bool {
	n := len(c.g)
	year := func(d []byte) bool { return d[0] == '1' && d[1] == '9' || d[0] == '2' && d[1] == '0' }
	if n >= 2 && c.size(0) == 4 && c.size(1) <= 2 && year(D) && c.sepIs(1, "-", ".") {
		return true
	}
	return n >= 3 && c.size(0) <= 2 && c.size(1) <= 2 && c.size(2) == 4 && year(D[c.size(0)+c.size(1):]) &&
		bytes.Equal(c.sep(1), c.sep(2)) && c.sepIs(1, "-", ".")
}

// callingCodes marks the assigned ITU-T E.164 country calling codes of two
// and three digits; 1 and 7 are the one-digit codes.
var callingCodes = func() (t [1000]bool) {
	const list = "20 27 30-34 36 39 40 41 43-49 51-58 60-66 81 82 84 86 90-95 98 " +
		"211-213 216 218 220-258 260-269 290 291 297-299 350-359 370-383 385-387 389 420 421 423 " +
		"500-509 590-599 670 672-683 685-692 800 808 850 852 853 855 856 870 880-883 886 888 " +
		"960-968 970-977 979 992-996 998"
	for _, f := range strings.Fields(list) {
		lo, hi, _ := strings.Cut(f, "-")
		if hi == "" {
			hi = lo
		}
		a, _ := strconv.Atoi(lo)
		b, _ := strconv.Atoi(hi)
		for c := a; c <= b; c++ {
			t[c] = true
		}
	}
	return t
}()

// callingCodeLen returns the length of the country calling code that
// starts D, or 0 when none is assigned.
func callingCodeLen(D []byte) int {
	switch {
	case D[0] == '1' || D[0] == '7':
		return 1
	case callingCodes[prefixNum(D, 2)]:
		return 2
	case callingCodes[prefixNum(D, 3)]:
		return 3
	}
	return 0
}

func allSame(d []byte) bool {
	for _, c := range d {
		if c != d[0] {
			return false
		}
	}
	return true
}

func luhn(d []byte) bool {
	sum, dbl := 0, false
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if dbl {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		dbl = !dbl
	}
	return sum%10 == 0
}

func prefixNum(d []byte, n int) int {
	v := 0
	for i := 0; i < n && i < len(d); i++ {
		v = v*10 + int(d[i]-'0')
	}
	return v
}

// cardIssuer checks the issuer identification number against the length.
func cardIssuer(d []byte) bool {
	if d[0] < '2' || d[0] > '6' {
		return false // no issuer's prefix starts so: a Unix time in milliseconds
	}
	l := len(d)
	p1, p2, p3, p4, p6 := prefixNum(d, 1), prefixNum(d, 2), prefixNum(d, 3), prefixNum(d, 4), prefixNum(d, 6)
	switch {
	case p1 == 4:
		return l == 13 || l == 16 || l == 19 // Visa
	case p2 >= 51 && p2 <= 55, p4 >= 2221 && p4 <= 2720:
		return l == 16 // Mastercard
	case p2 == 34 || p2 == 37:
		return l == 15 // American Express
	case p4 == 6011, p3 >= 644 && p3 <= 649, p2 == 65, p6 >= 622126 && p6 <= 622925:
		return l >= 16 && l <= 19 // Discover
	case p4 >= 3528 && p4 <= 3589:
		return l >= 16 && l <= 19 // JCB
	case p3 >= 300 && p3 <= 305, p2 == 36, p2 == 38, p2 == 39:
		return l >= 14 && l <= 19 // Diners Club
	case p2 == 62:
		return l >= 16 && l <= 19 // UnionPay
	case p4 >= 2200 && p4 <= 2204:
		return l >= 16 && l <= 19 // Mir
	case p2 == 50, p2 >= 56 && p2 <= 58, p2 == 63, p2 == 67:
		return l >= 13 && l <= 19 // Maestro
	}
	return false
}

// ssnValid rejects numbers the SSA never issues: area 000, 666 or 9xx,
// group 00, serial 0000.
func ssnValid(d []byte) bool {
	area, grp, ser := prefixNum(d, 3), prefixNum(d[3:], 2), prefixNum(d[5:], 4)
	return area != 0 && area != 666 && area < 900 && grp != 0 && ser != 0
}

// nanpValid checks a 10-digit North American number: area and exchange
// codes start with 2-9 and are not N11 service codes.
func nanpValid(d []byte) bool {
	if len(d) != 10 || d[0] < '2' || d[3] < '2' {
		return false
	}
	if d[1] == '1' && d[2] == '1' || d[4] == '1' && d[5] == '1' {
		return false
	}
	return true
}

var (
	phoneWords = []string{"phone", "telephone", "tel", "mobile", "mob", "cell", "cellphone", "fax", "sms",
		"call", "whatsapp", "contact", "msisdn", "landline", "ph"}
	ssnWords = []string{"ssn", "social security", "soc sec", "ss#", "ss no", "taxpayer"}
	idWords  = []string{"id", "ids", "uuid", "guid", "span", "trace", "ts", "timestamp", "time", "seq", "sequence",
		"offset", "nonce", "blk", "block", "order", "invoice", "ref", "reference", "build", "pid", "tid", "port",
		"count", "size", "bytes", "length", "epoch", "version", "ver", "txn", "transaction", "request", "req",
		"job", "task", "tracking", "hash", "checksum", "crc", "ns", "ms", "us", "duration", "elapsed", "total",
		"sum", "max", "min", "inode", "pos", "position", "line", "counter", "number", "num", "no", "nr"}
)

// firstLetters returns the set of the first letters of words, for context.
func firstLetters(words []string) (set uint32) {
	for _, x := range words {
		set |= 1 << (x[0] - 'a')
	}
	return set
}

var phoneFirst, ssnFirst = firstLetters(phoneWords), firstLetters(ssnWords)

// context reports whether one of words (lower case, starting with a
// letter of the set first) is a whole word
// shortly before start on the same line, with no digits between it and
// start ("phone: 4155552671", "SSN 123456789", "homePhone=…"). A word
// starts after a non-letter or at a camelCase hump, and ends before a
// non-letter or a hump: "tel" is in "Tel:" and "telNo", not in
// "telemetry"; "call" is not in "calls". own are the Redactor's other
// replacement texts (a fixed text such as "***"), which stop the look-back
// as "[REDACTED:…]" does.
func context(w []byte, start int, words []string, first uint32, own [][]byte) bool {
	start = escapesBack(w, start) // "phone%3D…", "phone=" ESC "[33m…"
	lo := max(0, start-32)
	for i := start - 1; i >= lo; i-- {
		c := w[i]
		if c == '\n' || isDigit(c) || afterReplacement(w, i+1, own) {
			break // context does not reach past other digits, nor past the placeholder that replaced them
		}
		if !isLetter(c) || first&(1<<(lower(c)-'a')) == 0 ||
			i > 0 && isLetter(w[i-1]) && !(isLower(w[i-1]) && isUpper(c)) {
			continue
		}
		for _, x := range words {
			end := i + len(x)
			if end > start || start-end > 20 || !hasWordsFold(w, i, x) {
				continue
			}
			if end < len(w) && (isLower(w[end]) || isUpper(w[end]) && isUpper(w[end-1])) && !plural(w, end, x) {
				continue // the word goes on: "telemetry", "calls", "TELEMETRY"
			}
			if i > 0 && w[i-1] == ':' && bytes.HasSuffix(w[:i-1], []byte(placeholderPrefix)) {
				continue // "[REDACTED:phone]" is our placeholder, not a context
			}
			return true
		}
	}
	return false
}

// pluralWords are the context words whose plural is context too
// ("phones": [4155552671]); "calls", "cells" or "contacts" are as often
// counts.
var pluralWords = []string{"phone", "telephone", "mobile", "cellphone", "msisdn", "landline", "ssn"}

// plural reports whether w[end] is the 's' that ends the plural of the
// context word x: the word stops right after it.
func plural(w []byte, end int, x string) bool {
	var next byte
	if end+1 < len(w) {
		next = w[end+1]
	}
	switch w[end] {
	case 's': // "phones", "phonesList"
		return !isLower(next) && slices.Contains(pluralWords, x)
	case 'S': // "PHONES"
		return !isLetter(next) && slices.Contains(pluralWords, x)
	}
	return false
}

// hasWordsFold is hasPrefixFold for context words, where a space between
// two words also matches '_' or '-': "social_security_number",
// "soc-sec-no" are keys for "social security", "soc sec".
func hasWordsFold(w []byte, i int, x string) bool {
	if len(w)-i < len(x) {
		return false
	}
	for k := 0; k < len(x); k++ {
		c := w[i+k]
		if x[k] == ' ' {
			if c != ' ' && c != '_' && c != '-' {
				return false
			}
		} else if lower(c) != x[k] {
			return false
		}
	}
	return true
}

// idWordEnd returns where the word idContext reads before the number at
// start ends: back over the separators of a key and its value (= : space
// quote # ') and the escapes among them ("span_id%3D…", "id=\u0022…").
func idWordEnd(w []byte, start int) int {
	start = escapesBack(w, start)
	i := start
	for i > 0 && start-i < 4 && (w[i-1] == '=' || w[i-1] == ':' || w[i-1] == ' ' || w[i-1] == '"' || w[i-1] == '#' || w[i-1] == '\'') {
		i--
	}
	return escapesBack(w, i)
}

// wordRedacted reports whether the word idContext reads before the number
// at start in the window w lies in a span already found: a secret's value
// ending in "id" (password=000000id 4111…) names nothing, and once
// replaced it would not be there on a second pass either.
//
// The numbers of one scan are judged in increasing order, so a span that
// ends before this word ends before every later one: it is moved to the
// front of found, out of the look (found's order is free until groups
// sorts it), and each span is passed over once however many numbers
// follow.
func (s *scanner) wordRedacted(w []byte, start int) bool {
	we := idWordEnd(w, start)
	if we == 0 {
		return false
	}
	at := s.winOff + we - 1
	for k := s.coverFrom; k < len(s.found); k++ {
		sp := s.found[k]
		if sp.end <= at {
			s.found[k], s.found[s.coverFrom] = s.found[s.coverFrom], sp
			s.coverFrom++
			continue
		}
		if sp.start <= at {
			return true
		}
	}
	return false
}

// idContext reports whether the number at start is the value of an
// identifier-like key ("span_id=…", "order 123…", "ts:"): such numbers are
// ids and counters, not cards or phones.
func idContext(w []byte, start int) bool {
	we := idWordEnd(w, start)
	i := we
	for i > 0 && (isAlnum(w[i-1]) || w[i-1] == '_' || w[i-1] == '-' || w[i-1] == '.') {
		i--
	}
	i = afterEsc(w, i, we)
	var buf [8][2]int
	words := keyWords(w[i:we], buf[:0])
	if len(words) == 0 {
		return false
	}
	last := w[i+words[len(words)-1][0] : i+words[len(words)-1][1]]
	if !inFold(last, idWords) {
		return false
	}
	if !inFold(last, numberWords) {
		return true
	}
	// "card_number", "cc_number", "Phone number:": a number of a card or a
	// phone is the thing itself, not an id.
	for _, x := range words[:len(words)-1] {
		if inFold(w[i+x[0]:i+x[1]], piiNouns) {
			return false
		}
	}
	if len(words) == 1 {
		if prev := wordBefore(w, i); len(prev) > 0 && inFold(prev, piiNouns) {
			return false
		}
	}
	return true
}

var (
	numberWords = []string{"number", "num", "no", "nr"}
	piiNouns    = []string{"card", "cc", "pan", "credit", "debit", "phone", "telephone", "tel", "mobile", "cell", "fax", "contact", "ssn", "social", "account", "iban"}
)

// IBAN.

var ibanLengths = map[[2]byte]int{
	{'A', 'D'}: 24, {'A', 'E'}: 23, {'A', 'L'}: 28, {'A', 'T'}: 20, {'A', 'Z'}: 28, {'B', 'A'}: 20,
	{'B', 'E'}: 16, {'B', 'G'}: 22, {'B', 'H'}: 22, {'B', 'R'}: 29, {'B', 'Y'}: 28, {'C', 'H'}: 21,
	{'C', 'R'}: 22, {'C', 'Y'}: 28, {'C', 'Z'}: 24, {'D', 'E'}: 22, {'D', 'K'}: 18, {'D', 'O'}: 28,
	{'E', 'E'}: 20, {'E', 'G'}: 29, {'E', 'S'}: 24, {'F', 'I'}: 18, {'F', 'O'}: 18, {'F', 'R'}: 27,
	{'G', 'B'}: 22, {'G', 'E'}: 22, {'G', 'I'}: 23, {'G', 'L'}: 18, {'G', 'R'}: 27, {'G', 'T'}: 28,
	{'H', 'R'}: 21, {'H', 'U'}: 28, {'I', 'E'}: 22, {'I', 'L'}: 23, {'I', 'Q'}: 23, {'I', 'S'}: 26,
	{'I', 'T'}: 27, {'J', 'O'}: 30, {'K', 'W'}: 30, {'K', 'Z'}: 20, {'L', 'B'}: 28, {'L', 'C'}: 32,
	{'L', 'I'}: 21, {'L', 'T'}: 20, {'L', 'U'}: 20, {'L', 'V'}: 21, {'L', 'Y'}: 25, {'M', 'C'}: 27,
	{'M', 'D'}: 24, {'M', 'E'}: 22, {'M', 'K'}: 19, {'M', 'R'}: 27, {'M', 'T'}: 31, {'M', 'U'}: 30,
	{'N', 'L'}: 18, {'N', 'O'}: 15, {'P', 'K'}: 24, {'P', 'L'}: 28, {'P', 'S'}: 29, {'P', 'T'}: 25,
	{'Q', 'A'}: 29, {'R', 'O'}: 24, {'R', 'S'}: 22, {'S', 'A'}: 24, {'S', 'C'}: 31, {'S', 'D'}: 18,
	{'S', 'E'}: 24, {'S', 'I'}: 19, {'S', 'K'}: 24, {'S', 'M'}: 27, {'S', 'T'}: 25, {'S', 'V'}: 28,
	{'T', 'L'}: 23, {'T', 'N'}: 24, {'T', 'R'}: 26, {'U', 'A'}: 29, {'V', 'A'}: 22, {'V', 'G'}: 24,
	{'X', 'K'}: 20,
}

// ibanLen is ibanLengths as a table indexed by the two letters.
var ibanLen = func() (t [26][26]uint8) {
	for cc, n := range ibanLengths {
		t[cc[0]-'A'][cc[1]-'A'] = uint8(n)
	}
	return t
}()

// findIBAN looks for an IBAN that starts at most 40 bytes before the digit
// anchor at a (and not before floor) and contains it.
func findIBAN(w []byte, a, floor int) (int, int) {
	for i := max(floor, a-40); i+4 <= len(w) && i <= a; i++ {
		if !isUpper(w[i]) || !isUpper(w[i+1]) || !isDigit(w[i+2]) || !isDigit(w[i+3]) || alnumBefore(w, i) {
			continue
		}
		n := int(ibanLen[w[i]-'A'][w[i+1]-'A'])
		if n == 0 {
			continue
		}
		if end := ibanEnd(w, i, n); end > a {
			return i, end
		}
	}
	return -1, -1
}

// ibanEnd reads an IBAN of n characters at i (plain, or in space-separated
// groups of four) and returns its end if the length and mod-97 check hold.
func ibanEnd(w []byte, i, n int) int {
	var chars [ibanMaxLen]byte
	k, j := 0, i
	for j < len(w) && k < n {
		c := w[j]
		switch {
		case isDigit(c) || isUpper(c):
			chars[k] = c
			k++
			j++
		case c == ' ' && k%4 == 0 && k > 0 && j+1 < len(w) && (isDigit(w[j+1]) || isUpper(w[j+1])):
			j++
		default:
			return -1
		}
	}
	if k != n || (j < len(w) && isAlnum(w[j])) {
		return -1
	}
	// Rearranged: chars[4:] + chars[:4], letters as 10..35, mod 97 == 1.
	rem := 0
	for x := 0; x < n; x++ {
		c := chars[(x+4)%n]
		if isDigit(c) {
			rem = (rem*10 + int(c-'0')) % 97
		} else {
			rem = (rem*100 + int(c-'A'+10)) % 97
		}
	}
	if rem != 1 {
		return -1
	}
	return j
}

// IP addresses (opt-in).

func validateIPv4(s *scanner, w []byte, a, e int) {
	st := a
	for st > 0 && (isDigit(w[st-1]) || w[st-1] == '.') {
		st--
	}
	end := e
	for end < len(w) && (isDigit(w[end]) || w[end] == '.') {
		end++
	}
	rawSt, rawEnd := st, end
	for st < end && w[st] == '.' {
		st++
	}
	for end > st && w[end-1] == '.' {
		end--
	}
	// Glued to a placeholder through a dot ("10.0.0.1.[REDACTED:…]"): the
	// first pass read a longer run there, and declined it.
	if st > 0 && isWord(w[st-1]) || end < len(w) && isWord(w[end]) || s.gluedToPlaceholder(w, st, end) || s.gluedToPlaceholder(w, rawSt, rawEnd) {
		return
	}
	addr, err := netip.ParseAddr(unsafe.String(unsafe.SliceData(w[st:end]), end-st))
	if err != nil || !addr.Is4() {
		return
	}
	s.add(st, end, 0, 0)
}

func ipv6Char(b byte) bool { return is(b, cHexLow) || (b >= 'A' && b <= 'F') || b == ':' || b == '.' }

// afterPlaceholder reports whether w[:i] ends with one of our placeholders:
// what follows was glued to a redacted value ("[REDACTED:jwt]::0"), and the
// first pass saw it as part of that value, so a second pass must not find
// something new there (idempotence).
// gluedToPlaceholder reports a candidate w[st:end] that touches one of
// our replacements: the replacement stands for what it replaced, and a
// candidate glued to that ("a::X0@0.AA": "a::" then an e-mail) was not one
// on the first pass, so it is not one on the second.
func (s *scanner) gluedToPlaceholder(w []byte, st, end int) bool {
	if afterReplacement(w, st, s.r.placeholders) || bytes.HasPrefix(w[end:], []byte(placeholderPrefix)) {
		return true
	}
	for _, p := range s.r.placeholders {
		if len(p) > 0 && bytes.HasPrefix(w[end:], p) {
			return true
		}
	}
	return false
}

// runsIntoPlaceholder reports whether the word that goes on from w[i]
// reaches one of our placeholders within a few bytes, with no blank and
// no separator of pairs (& ; , = |) between: a value that ends there was,
// on the first pass, part of a longer word. Only a whole placeholder
// counts, and no fixed text, so that a first pass never keeps a secret
// for text that merely looks like ours.
func runsIntoPlaceholder(w []byte, i int) bool {
	for k := i; k < len(w) && k-i <= 8 && !isSpace(w[k]); k++ {
		switch w[k] {
		case '&', ';', ',', '=', '|':
			return false
		}
		if placeholderAt(w, k) {
			return true
		}
	}
	return false
}

// placeholderWithin reports whether b holds one of our placeholders whole.
func placeholderWithin(b []byte) bool {
	for i := 0; ; {
		k := bytes.Index(b[i:], []byte(placeholderPrefix))
		if k < 0 {
			return false
		}
		if placeholderAt(b, i+k) {
			return true
		}
		i += k + 1
	}
}

// startsInPlaceholder reports whether b[i] lies inside one of our
// placeholders, whole within b, after its "[".
func startsInPlaceholder(b []byte, i int) bool {
	k := placeholderOpen(b, i)
	return k >= 0 && placeholderAt(b, k)
}

// afterReplacement reports whether w[:i] ends with one of our
// replacements: a placeholder, or one of own (a fixed text such as "***").
func afterReplacement(w []byte, i int, own [][]byte) bool {
	if afterPlaceholder(w, i) {
		return true
	}
	for _, p := range own {
		if len(p) > 0 && i > 0 && w[i-1] == p[len(p)-1] && bytes.HasSuffix(w[:i], p) {
			return true
		}
	}
	return false
}

// placeholderAt reports whether one of our placeholders starts at w[i]:
// "[REDACTED", kind (and fingerprint) characters, then "]". Only a whole
// one counts, so that text which merely starts like one (a "[" at the end
// of a window, Markdown's "**") never keeps a secret on a first pass. It
// is the mirror of afterPlaceholder, for validators that look forward;
// a rule that uses it reads maxPlaceholderLen bytes past its match.
func placeholderAt(w []byte, i int) bool {
	if i >= len(w) || w[i] != '[' || !bytes.HasPrefix(w[i:], []byte(placeholderPrefix)) {
		return false
	}
	for j := i + len(placeholderPrefix); j < len(w) && j < i+maxPlaceholderLen; j++ {
		if w[j] == ']' {
			return true
		}
		if !placeholderByte(w[j]) {
			return false
		}
	}
	return false
}

// placeholderByte reports a byte that may stand between "[REDACTED" and
// the closing "]": a rule ID's, a fingerprint's, or a separator.
func placeholderByte(c byte) bool {
	return isAlnum(c) || c == ':' || c == '-' || c == '_' || c == '.'
}

// insidePlaceholder reports whether w[i] is inside one of our
// placeholders, after its "[REDACTED".
func insidePlaceholder(w []byte, i int) bool {
	k := placeholderOpen(w, i)
	return k >= 0 && bytes.HasPrefix(w[k:i], []byte(placeholderPrefix))
}

// placeholderOpen returns the index of the '[' that only placeholder
// bytes, at most maxPlaceholderLen of them, separate from w[i]: where a
// placeholder that w[i] lies in would open. Otherwise -1.
func placeholderOpen(w []byte, i int) int {
	j := i
	for j > 0 && i-j < maxPlaceholderLen && placeholderByte(w[j-1]) {
		j--
	}
	if j > 0 && w[j-1] == '[' {
		return j - 1
	}
	return -1
}

// maxPlaceholderLen bounds a placeholder: "[REDACTED:", a rule ID, a
// fingerprint, "]".
const maxPlaceholderLen = 96

func afterPlaceholder(w []byte, i int) bool {
	if i == 0 || w[i-1] != ']' {
		return false
	}
	p := bytes.LastIndex(w[max(0, i-128):i], []byte(placeholderPrefix))
	return p >= 0 && bytes.IndexByte(w[max(0, i-128)+p:i], ']') == i-1-(max(0, i-128)+p)
}

func validateIPv6(s *scanner, w []byte, a, e int) {
	st := a
	for st > 0 && ipv6Char(w[st-1]) {
		st--
	}
	end := e
	for end < len(w) && ipv6Char(w[end]) {
		end++
	}
	rawEnd := end
	for end > st && w[end-1] == '.' {
		end--
	}
	// "a::.[REDACTED:…]": the first pass read "a::.0…" there, and declined it.
	if st > 0 && isWord(w[st-1]) || end < len(w) && isWord(w[end]) || end-st < 3 || s.gluedToPlaceholder(w, st, end) || s.gluedToPlaceholder(w, st, rawEnd) {
		return
	}
	addr, err := netip.ParseAddr(unsafe.String(unsafe.SliceData(w[st:end]), end-st))
	if err != nil || !addr.Is6() {
		return
	}
	s.add(st, end, 0, 0)
}
