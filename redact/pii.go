package redact

import (
	"bytes"
	"net/netip"
	"unsafe"
)

// Personal data: e-mail addresses, and the digit-shaped kinds (payment
// cards, phone numbers, US SSNs, IBANs) that the automaton finds through
// its "any four digits" and "+digit" anchors and validates by checksum,
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
			anchors: []string{"@", "%40"}, back: 72, fwd: 256, validate: validateEmail},
		{id: "card", kind: PII, prio: prioPII + 2,
			desc: "payment card number: issuer prefix, length and Luhn checksum; plain, spaced or dashed; the Partial style keeps the last 4 digits", example: "4111 1111 1111 1111"},
		{id: "ssn", kind: PII, prio: prioPII + 1,
			desc: "US Social Security number, dashed or spaced (plain 9 digits only next to \"SSN\"); invalid areas, groups and serials rejected", example: "123-45-6789"},
		{id: "phone", kind: PII, prio: prioPII,
			desc: "phone number: E.164 (+country …) and North-American formats; plain digit runs only next to a word like phone, tel or mobile", example: "+1 415 555 2671, (415) 555-2671"},
		{id: "iban", kind: PII, prio: prioPII + 3,
			desc: "IBAN: country code, per-country length and mod-97 check digits, plain or in groups of 4", example: "DE89 3704 0044 0532 0130 00"},
		{id: digitsTriggerID, kind: PII, hidden: true,
			anchors: digitAnchors, back: 64, fwd: 64, validate: validateDigits},
		{id: "ipv4", kind: PII, prio: prioPII, optIn: true,
			desc: "IPv4 address (opt-in: operators usually need them)", example: "203.0.113.7",
			anchors: []string{"0.0"}, back: 16, fwd: 16, validate: validateIPv4},
		{id: "ipv6", kind: PII, prio: prioPII, optIn: true,
			desc: "IPv6 address (opt-in)", example: "2001:db8::7",
			anchors: []string{"::", "0:0"}, back: 48, fwd: 48, validate: validateIPv6},
	}
}

func emailLocal(b byte) bool {
	return isAlnum(b) || b == '.' || b == '_' || b == '%' || b == '+' || b == '-'
}

func validateEmail(s *scanner, w []byte, a, e int) {
	ls := a
	for ls > 0 && emailLocal(w[ls-1]) {
		ls--
	}
	for ls < a && (w[ls] == '.' || w[ls] == '-' || w[ls] == '+') {
		ls++
	}
	if ls == a || a-ls > 64 || w[a-1] == '.' {
		return
	}
	if w[a] == '@' && inURLUserinfo(w, ls) {
		return // scheme://user:pass@host: the '@' ends credentials, not a mailbox
	}
	// Domain: two or more labels, a letters-only TLD.
	d := e
	labels := 0
	var tld []byte
	for {
		st := d
		for d < len(w) && (isAlnum(w[d]) || w[d] == '-') {
			d++
		}
		if d == st || w[st] == '-' || w[d-1] == '-' || d-st > 63 {
			return
		}
		labels++
		tld = w[st:d]
		if d+1 < len(w) && w[d] == '.' && isAlnum(w[d+1]) {
			d++
			continue
		}
		break
	}
	if labels < 2 || len(tld) < 2 || len(tld) > 24 {
		return
	}
	if !bytes.HasPrefix(tld, []byte("xn--")) {
		for _, c := range tld {
			if !isLetter(c) {
				return
			}
		}
	}
	if d < len(w) && isWord(w[d]) {
		return
	}
	if equalFold(w[ls:a], "git") {
		return // git@github.com:org/repo is an SSH remote, not a person
	}
	s.add(ls, d, 0, d-a)
}

// inURLUserinfo reports whether position i is in the user-info part of a
// URL: "://" comes before it in the same token with no '/' after it.
func inURLUserinfo(w []byte, i int) bool {
	for j := i - 1; j >= 2 && i-j < 256; j-- {
		switch c := w[j]; {
		case c == '/' && w[j-1] == '/' && w[j-2] == ':':
			return true
		case c == '/' || urlStop(c):
			return false
		}
	}
	return false
}

// Digit-shaped PII.

func regionSep(b byte) bool {
	return b == ' ' || b == '-' || b == '.' || b == '(' || b == ')'
}

// validateDigits analyses the run of digits and separators around a
// four-digit (or +digit) anchor once, and tries the IBAN, card, SSN and
// phone shapes on it.
func validateDigits(s *scanner, w []byte, a, e int) {
	if s.winOff+a < s.digitEnd {
		return
	}
	d := &s.r.digits
	floor := max(0, s.digitEnd-s.winOff)
	if d.iban != nil {
		if st, end := findIBAN(w, a, floor); end > 0 {
			s.cur = d.iban
			s.add(st, end, 0, 0)
			s.digitEnd = s.winOff + end
			return
		}
	}
	// Region: digits and single or double separators; '+' only first.
	rs, seps := a, 0
	if w[a] == '+' {
		rs = a
	} else {
		for rs > floor {
			c := w[rs-1]
			if isDigit(c) {
				rs--
				seps = 0
				continue
			}
			if c == '+' {
				rs--
				break
			}
			if regionSep(c) && seps < 2 {
				rs--
				seps++
				continue
			}
			break
		}
	}
	re, seps := e, 0
	for re < len(w) {
		c := w[re]
		if isDigit(c) {
			re++
			seps = 0
			continue
		}
		if regionSep(c) && c != '(' && seps < 2 || c == '(' && seps < 1 {
			re++
			seps++
			continue
		}
		break
	}
	s.digitEnd = s.winOff + re
	if re == len(w) && re-a >= 48 || rs == 0 && a >= 48 || re-rs > 60 {
		return // longer than any PII number, or cut by the window
	}
	// Trim separators at the ends (a '(' or '+' may open the region).
	for rs < re && regionSep(w[rs]) && w[rs] != '(' {
		rs++
	}
	for re > rs && regionSep(w[re-1]) {
		re--
	}
	if re <= rs {
		return
	}
	// The region must stand alone: no identifier or number glued to it.
	if rs > 0 {
		p := w[rs-1]
		if isWord(p) || p == '@' || p == '$' {
			return
		}
		if (p == '-' || p == '.') && rs > 1 && isWord(w[rs-2]) {
			return
		}
	}
	if re < len(w) && (isWord(w[re]) || w[re] == '@' || w[re] == '%') {
		return
	}
	if re < len(w)-1 && (w[re] == '.' || w[re] == ',') && isDigit(w[re+1]) {
		return
	}
	analyseRegion(s, w, rs, re)
}

// digitGroup is one run of digits in a region, with the separator bytes
// that precede it.
type digitGroup struct {
	s, e int // digits w[s:e]
	sep  []byte
}

func analyseRegion(s *scanner, w []byte, rs, re int) {
	var gbuf [16]digitGroup
	groups := gbuf[:0]
	i := rs
	for i < re {
		st := i
		for i < re && !isDigit(w[i]) {
			i++
		}
		sep := w[st:i]
		ds := i
		for i < re && isDigit(w[i]) {
			i++
		}
		if len(groups) == cap(gbuf) {
			return
		}
		groups = append(groups, digitGroup{s: ds, e: i, sep: sep})
	}
	d := &s.r.digits
	for i := 0; i < len(groups); {
		if i > 0 && bytes.IndexByte(groups[i].sep, ' ') < 0 {
			i++
			continue
		}
		matched := false
		for j := len(groups) - 1; j >= i; j-- {
			if j < len(groups)-1 && bytes.IndexByte(groups[j+1].sep, ' ') < 0 && !bytes.Equal(groups[j+1].sep, []byte("(")) {
				continue
			}
			r, keepR := classifyDigits(s, w, groups[i:j+1], i == 0 && rs < groups[0].s)
			if r == nil {
				continue
			}
			start := groups[i].s
			if lead := groups[i].sep; len(lead) > 0 {
				switch lead[len(lead)-1] {
				case '+', '(':
					start--
				}
			}
			end := groups[j].e
			if r == d.phone && end < len(w) && w[end] == ')' {
				end++
			}
			s.cur = r
			s.add(start, end, 0, keepR)
			matched = true
			i = j + 1
			break
		}
		if !matched {
			i++
		}
	}
}

// classifyDigits decides what the groups g (one candidate) are: a card, an
// SSN, a phone number, or nothing. first says whether g starts the region
// (so its lead separator, like "+" or "(", belongs to it).
func classifyDigits(s *scanner, w []byte, g []digitGroup, first bool) (*rule, int) {
	d := &s.r.digits
	var digits [24]byte
	nd := 0
	for _, x := range g {
		if nd+(x.e-x.s) > len(digits) {
			return nil, 0
		}
		nd += copy(digits[nd:], w[x.s:x.e])
	}
	D := digits[:nd]
	lead := byte(0)
	if l := g[0].sep; len(l) > 0 {
		lead = l[len(l)-1]
	}
	if lead != '+' && lead != '(' {
		lead = 0
	}
	start := g[0].s
	if lead != 0 {
		start--
	}
	n := len(g)
	sizes := func(want ...int) bool {
		if len(want) != n {
			return false
		}
		for i, x := range g {
			if x.e-x.s != want[i] {
				return false
			}
		}
		return true
	}
	sepIs := func(i int, opts ...string) bool { // separator before group i
		for _, o := range opts {
			if string(g[i].sep) == o {
				return true
			}
		}
		return false
	}
	sameSeps := func(opts ...string) bool {
		for i := 1; i < n; i++ {
			if !sepIs(i, opts...) || string(g[i].sep) != string(g[1].sep) {
				return false
			}
		}
		return true
	}
	idCtx := n == 1 && idContext(w, start)

	// Payment card.
	if d.card != nil && lead == 0 && nd >= 13 && nd <= 19 && !idCtx {
		shape := n == 1
		if n > 1 && sameSeps(" ", "-") {
			shape = true
			for i := 0; i < n-1; i++ {
				if g[i].e-g[i].s != 4 {
					shape = false
				}
			}
			if l := g[n-1].e - g[n-1].s; l < 1 || l > 4 {
				shape = false
			}
			if sizes(4, 6, 5) || sizes(4, 6, 4) {
				shape = true
			}
		}
		if shape && cardIssuer(D) && luhn(D) && !allSame(D) {
			keep := 0
			if g[n-1].e-g[n-1].s >= 4 {
				keep = 4
			}
			return d.card, keep
		}
	}
	// US Social Security number.
	if d.ssn != nil && lead == 0 && nd == 9 && ssnValid(D) {
		if sizes(3, 2, 4) && sameSeps("-", " ") && (sepIs(1, "-") || context(w, start, ssnWords)) {
			return d.ssn, 0
		}
		if n == 1 && context(w, start, ssnWords) {
			return d.ssn, 0
		}
	}
	if d.phone == nil || allSame(D) || idCtx {
		return nil, 0
	}
	// Phone: E.164 with a leading +.
	if lead == '+' && first {
		if D[0] == '0' || nd < 8 || nd > 15 {
			return nil, 0
		}
		for i := 1; i < n; i++ {
			if !sepIs(i, " ", "-", ".", "(", ")", " (", ") ", ")-") {
				return nil, 0
			}
		}
		if n > 1 && g[0].e-g[0].s > 4 {
			return nil, 0
		}
		if D[0] == '1' && (nd != 11 || !nanpValid(D[1:])) {
			return nil, 0
		}
		return d.phone, 0
	}
	// North American: (415) 555-2671, 415-555-2671, 415.555.2671, 1-800-555-0199.
	nanp := false
	switch {
	case sizes(3, 3, 4) && nanpValid(D):
		switch {
		case lead == '(' && first:
			nanp = sepIs(1, ")", ") ", ")-") && sepIs(2, "-", " ", ".")
		case lead == 0:
			nanp = sepIs(1, "-", ".", " ") && sepIs(2, "-", ".", " ") &&
				(string(g[1].sep) == string(g[2].sep) || sepIs(1, " ") && sepIs(2, "-"))
		}
	case sizes(1, 3, 3, 4) && D[0] == '1' && nanpValid(D[1:]) && lead == 0:
		nanp = (sepIs(1, "-", " ", ".") || sepIs(1, " (", "(")) && sepIs(2, "-", " ", ".", ") ", ")") && sepIs(3, "-", " ", ".")
	case n == 1 && (nd == 10 && nanpValid(D) || nd == 11 && D[0] == '1' && nanpValid(D[1:])) && lead == 0:
		nanp = context(w, start, phoneWords)
	}
	if nanp {
		return d.phone, 0
	}
	// Anything else phone-shaped needs a phone word next to it.
	if lead == 0 && nd >= 7 && nd <= 13 && context(w, start, phoneWords) {
		for i := 1; i < n; i++ {
			if !sepIs(i, " ", "-", ".") {
				return nil, 0
			}
		}
		if n > 1 || D[0] == '0' {
			return d.phone, 0
		}
	}
	return nil, 0
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
	phoneWords = []string{"phone", "tel", "mobile", "cell", "fax", "sms", "call", "whatsapp", "contact", "msisdn", "ph:", "ph."}
	ssnWords   = []string{"ssn", "social security", "soc sec", "ss#", "ss no", "taxpayer"}
	idWords    = []string{"id", "ids", "uuid", "guid", "span", "trace", "ts", "timestamp", "time", "seq", "sequence",
		"offset", "nonce", "blk", "block", "order", "invoice", "ref", "reference", "build", "pid", "tid", "port",
		"count", "size", "bytes", "length", "epoch", "version", "ver", "txn", "transaction", "request", "req",
		"job", "task", "tracking", "hash", "checksum", "crc", "ns", "ms", "us", "duration", "elapsed", "total",
		"sum", "max", "min", "inode", "pos", "position", "line", "counter", "number"}
)

// context reports whether one of words (lower case) starts a word shortly
// before start on the same line, with no digits between it and start
// ("phone: 4155552671", "SSN 123456789").
func context(w []byte, start int, words []string) bool {
	lo := max(0, start-32)
	for i := start - 1; i >= lo; i-- {
		c := w[i]
		if c == '\n' || isDigit(c) {
			break
		}
		if i > 0 && isLetter(w[i-1]) {
			continue
		}
		for _, x := range words {
			if hasPrefixFold(w, i, x) && start-(i+len(x)) <= 20 {
				return true
			}
		}
	}
	return false
}

// idContext reports whether the number at start is the value of an
// identifier-like key ("span_id=…", "order 123…", "ts:"): such numbers are
// ids and counters, not cards or phones.
func idContext(w []byte, start int) bool {
	i := start
	for i > 0 && start-i < 4 && (w[i-1] == '=' || w[i-1] == ':' || w[i-1] == ' ' || w[i-1] == '"' || w[i-1] == '#' || w[i-1] == '\'') {
		i--
	}
	we := i
	for i > 0 && isAlnum(w[i-1]) {
		i--
	}
	if i == we {
		return false
	}
	var buf [8][2]int
	words := keyWords(w[i:we], buf[:0])
	last := words[len(words)-1]
	return inFold(w[i+last[0]:i+last[1]], idWords)
}

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

// findIBAN looks for an IBAN that starts at most 40 bytes before the digit
// anchor at a (and not before floor) and contains it.
func findIBAN(w []byte, a, floor int) (int, int) {
	for i := max(floor, a-40); i+4 <= len(w) && i <= a; i++ {
		if !isUpper(w[i]) || !isUpper(w[i+1]) || !isDigit(w[i+2]) || !isDigit(w[i+3]) || (i > 0 && isAlnum(w[i-1])) {
			continue
		}
		n, ok := ibanLengths[[2]byte{w[i], w[i+1]}]
		if !ok {
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
	for st < end && w[st] == '.' {
		st++
	}
	for end > st && w[end-1] == '.' {
		end--
	}
	if st > 0 && isWord(w[st-1]) || end < len(w) && isWord(w[end]) {
		return
	}
	addr, err := netip.ParseAddr(unsafe.String(unsafe.SliceData(w[st:end]), end-st))
	if err != nil || !addr.Is4() {
		return
	}
	s.add(st, end, 0, 0)
}

func ipv6Char(b byte) bool { return is(b, cHexLow) || (b >= 'A' && b <= 'F') || b == ':' || b == '.' }

func validateIPv6(s *scanner, w []byte, a, e int) {
	st := a
	for st > 0 && ipv6Char(w[st-1]) {
		st--
	}
	end := e
	for end < len(w) && ipv6Char(w[end]) {
		end++
	}
	for end > st && w[end-1] == '.' {
		end--
	}
	if st > 0 && isWord(w[st-1]) || end < len(w) && isWord(w[end]) || end-st < 3 {
		return
	}
	addr, err := netip.ParseAddr(unsafe.String(unsafe.SliceData(w[st:end]), end-st))
	if err != nil || !addr.Is6() {
		return
	}
	s.add(st, end, 0, 0)
}
