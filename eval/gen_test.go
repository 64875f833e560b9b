// Package eval is an outsider's held-out check of the redact command: a
// seeded generator of a few thousand cases in ~70 families (secrets in many
// syntaxes and contexts, personal data, look-alike negatives), piped through
// the built command as one stdin→stdout filter and scored per family.
//
// It is written from the public specification (README, doc comments, the
// rule catalog), not from the implementation: values are computed here
// (GitHub CRC32 checksums, Luhn, IBAN mod-97, SSN and NANP ranges), and the
// surrounding context imitates real logs.
package eval

import (
	"encoding/base64"
	"fmt"
	"hash/crc32"
	"math/big"
	"math/rand/v2"
	"strings"
)

// Kind tells whether a case carries something that must disappear.
type Kind int

const (
	// Positive cases hold secrets or PII that must be removed.
	Positive Kind = iota
	// Negative cases must come out byte-identical.
	Negative
)

func (k Kind) String() string {
	if k == Positive {
		return "pos"
	}
	return "neg"
}

// Case is one generated input: a line (or, for private-key blocks, a few
// lines) and the exact substrings that must be gone from the output.
type Case struct {
	Family  string
	Label   string   // sub-variant (vendor, syntax …), for reports
	Text    string   // no trailing newline
	Secrets []string // substrings that must not survive (positives)
	MayDrop []string // words that may legitimately go with a secret (e.g. "Bearer", a URL user name)
}

// Family is a named generator of cases.
type Family struct {
	Name string
	Kind Kind
	// Group is the rule family the owners would look at first.
	Group string
	// Asserted is false for families whose expected result is debatable
	// under the specification; they are scored and printed but not
	// counted in the overall rates.
	Asserted bool
	N        int
	Gen      func(g *gen) Case
}

// gen wraps the seeded random source with value generators.
type gen struct{ r *rand.Rand }

func newGen(seed uint64) *gen { return &gen{rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))} }

const (
	digits    = "0123456789"
	lowerHex  = "0123456789abcdef"
	upperHex  = "0123456789ABCDEF"
	lower     = "abcdefghijklmnopqrstuvwxyz"
	upper     = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	letters   = upper + lower
	base62Set = digits + upper + lower
	urlSafe   = base62Set + "-_"
	b64Set    = base62Set + "+/"
	upperNum  = upper + digits
	lowerNum  = lower + digits
)

func (g *gen) intn(n int) int           { return g.r.IntN(n) }
func (g *gen) between(a, b int) int     { return a + g.r.IntN(b-a+1) }
func (g *gen) chance(p float64) bool    { return g.r.Float64() < p }
func (g *gen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }

func (g *gen) chars(set string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = set[g.r.IntN(len(set))]
	}
	return string(b)
}

// mixed draws n characters from set but guarantees at least one upper-case
// letter, one lower-case letter and one digit when n >= 3 and the set has
// them, like real random tokens of that length almost always do.
func (g *gen) mixed(set string, n int) string {
	for {
		s := g.chars(set, n)
		if n < 12 || (strings.ContainsAny(s, upper) || !strings.ContainsAny(set, upper)) &&
			(strings.ContainsAny(s, lower) || !strings.ContainsAny(set, lower)) &&
			(strings.ContainsAny(s, digits) || !strings.ContainsAny(set, digits)) {
			return s
		}
	}
}

func (g *gen) b62(n int) string    { return g.mixed(base62Set, n) }
func (g *gen) hex(n int) string    { return g.chars(lowerHex, n) }
func (g *gen) urlTok(n int) string { return g.mixed(urlSafe, n) }

func (g *gen) bytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.r.IntN(256))
	}
	return b
}

func (g *gen) b64(n int) string { return base64.StdEncoding.EncodeToString(g.bytes(n)) }

func (g *gen) uuid() string {
	h := g.hex(32)
	v := []byte(h)
	v[12] = '4'
	v[16] = "89ab"[g.intn(4)]
	h = string(v)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// password returns a human-chosen-looking or generated password without
// quotes, spaces, backslashes, commas, semicolons, ampersands or dollar
// signs (so it stays one token in every unquoted syntax), never starting
// with a symbol.
func (g *gen) password() string {
	switch g.intn(4) {
	case 0: // word + digits + symbol
		w := g.pick("Summer", "Winter", "Dragon", "Falcon", "Orchid", "Velvet", "Copper", "Maple", "Harbor", "Nimbus")
		return w + fmt.Sprint(g.between(10, 9999)) + g.pick("!", "#", "@", "?", "%", ".", "+")
	case 1:
		return g.chars(letters, 1) + g.mixed(base62Set+"!@#%^-_+.~?", g.between(11, 23))
	case 2:
		return g.pick("Tr0ub4dor", "P4ssw0rd", "Qwerty", "Letme1n", "S3cur3") + g.chars(digits, 2) + g.pick("!", "#", "_x", "@@", "~")
	default:
		return g.b62(g.between(12, 20))
	}
}

// tokenValue is an opaque API credential: hex, base62, base64 or a UUID.
func (g *gen) tokenValue() string {
	switch g.intn(5) {
	case 0:
		return g.hex(g.pick3(32, 40, 64))
	case 1:
		return g.b62(g.between(24, 48))
	case 2:
		return g.b64(g.between(18, 36))
	case 3:
		return g.uuid()
	default:
		return g.urlTok(g.between(30, 60))
	}
}

func (g *gen) pick3(a, b, c int) int { return []int{a, b, c}[g.intn(3)] }

// secretValue is a value for a secret-keyed field.
func (g *gen) secretValue() string {
	if g.chance(0.45) {
		return g.password()
	}
	return g.tokenValue()
}

// ---- vendor formats ----

const base62Alpha = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

func base62Pad(v uint32, width int) string {
	b := make([]byte, width)
	for i := width - 1; i >= 0; i-- {
		b[i] = base62Alpha[v%62]
		v /= 62
	}
	return string(b)
}

// githubClassic returns prefix + 30 random base62 + 6-char base62 CRC32 of
// the random part, the checksum GitHub's 2021 token format carries.
func (g *gen) githubClassic(prefix string) string {
	body := g.b62(30)
	return prefix + body + base62Pad(crc32.ChecksumIEEE([]byte(body)), 6)
}

// githubBadChecksum is the same shape with a checksum that does not match.
func (g *gen) githubBadChecksum(prefix string) string {
	body := g.b62(30)
	good := base62Pad(crc32.ChecksumIEEE([]byte(body)), 6)
	for {
		bad := g.chars(base62Set, 6)
		if bad != good {
			return prefix + body + bad
		}
	}
}

func githubChecksumOK(tok string) bool {
	i := strings.IndexByte(tok, '_')
	if i < 0 || len(tok)-i-1 != 36 {
		return false
	}
	body := tok[i+1 : len(tok)-6]
	return base62Pad(crc32.ChecksumIEEE([]byte(body)), 6) == tok[len(tok)-6:]
}

// awsKeyID is AKIA/ASIA + 16 base32 characters.
func (g *gen) awsKeyID() string {
	return g.pick("AKIA", "AKIA", "ASIA") + g.chars(upper+"234567", 16)
}

func (g *gen) awsSecret() string { return g.mixed(b64Set, 40) }

func b64url(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// jwt returns a signed-looking JWT with a header that has "alg".
func (g *gen) jwt() string {
	var hdr string
	switch g.intn(4) {
	case 0:
		hdr = `{"alg":"HS256","typ":"JWT"}`
	case 1:
		hdr = fmt.Sprintf(`{"alg":"RS256","kid":"%s","typ":"JWT"}`, g.hex(16))
	case 2:
		hdr = `{"typ":"JWT","alg":"ES256"}`
	default:
		hdr = fmt.Sprintf(`{"kid":"%s","alg":"RS256"}`, g.b62(20))
	}
	iat := g.between(1700000000, 1760000000)
	payload := fmt.Sprintf(`{"sub":"%d","iss":"https://auth.%s/","aud":"%s","iat":%d,"exp":%d,"scope":"%s"}`,
		g.between(1000, 99999999), g.pick("acme-corp.com", "login.fabrikam.io", "id.contoso.net"),
		g.pick("api", "web", "mobile"), iat, iat+3600, g.pick("read write", "openid profile email", "orders:read"))
	sigLen := 43
	if strings.Contains(hdr, "RS256") {
		sigLen = 342
	} else if strings.Contains(hdr, "ES256") {
		sigLen = 86
	}
	return b64url(hdr) + "." + b64url(payload) + "." + g.urlTok(sigLen)
}

// ---- PII ----

func luhnDigit(partial string) byte {
	sum := 0
	double := true // the check digit is appended to the right
	for i := len(partial) - 1; i >= 0; i-- {
		d := int(partial[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return byte('0' + (10-sum%10)%10)
}

func luhnOK(num string) bool {
	if len(num) < 2 {
		return false
	}
	return luhnDigit(num[:len(num)-1]) == num[len(num)-1]
}

type cardIssuer struct {
	name    string
	prefix  func(g *gen) string
	length  int
	grouped []int // spaced/dashed layout
}

var cardIssuers = []cardIssuer{
	{"visa", func(g *gen) string { return "4" }, 16, []int{4, 4, 4, 4}},
	{"mastercard", func(g *gen) string { return fmt.Sprint(g.between(51, 55)) }, 16, []int{4, 4, 4, 4}},
	{"mastercard2", func(g *gen) string { return fmt.Sprint(g.between(2221, 2720)) }, 16, []int{4, 4, 4, 4}},
	{"amex", func(g *gen) string { return g.pick("34", "37") }, 15, []int{4, 6, 5}},
	{"discover", func(g *gen) string { return g.pick("6011", "65", fmt.Sprint(g.between(644, 649))) }, 16, []int{4, 4, 4, 4}},
	{"jcb", func(g *gen) string { return fmt.Sprint(g.between(3528, 3589)) }, 16, []int{4, 4, 4, 4}},
	{"diners", func(g *gen) string { return g.pick("36", fmt.Sprint(g.between(300, 305))) }, 14, []int{4, 6, 4}},
}

// card returns a Luhn-valid number of a real issuer range.
func (g *gen) card() (cardIssuer, string) {
	is := cardIssuers[g.intn(len(cardIssuers))]
	p := is.prefix(g)
	body := p + g.chars(digits, is.length-len(p)-1)
	return is, body + string(luhnDigit(body))
}

func groupDigits(num string, groups []int, sep string) string {
	var parts []string
	i := 0
	for _, n := range groups {
		parts = append(parts, num[i:i+n])
		i += n
	}
	return strings.Join(parts, sep)
}

// ssn returns a valid-range US SSN (area 001-899 without 666, group 01-99,
// serial 0001-9999) as its three parts.
func (g *gen) ssn() (string, string, string) {
	area := g.between(1, 899)
	for area == 666 {
		area = g.between(1, 899)
	}
	return fmt.Sprintf("%03d", area), fmt.Sprintf("%02d", g.between(1, 99)), fmt.Sprintf("%04d", g.between(1, 9999))
}

var nanpAreas = []string{"201", "202", "206", "212", "213", "214", "303", "305", "312", "404", "408", "415", "416", "503", "512", "514", "602", "604", "617", "646", "702", "713", "718", "773", "804", "858", "917", "919", "971", "978"}

// nanp returns a valid North-American number: area, exchange (NXX, not N11,
// not 555) and line.
func (g *gen) nanp() (string, string, string) {
	area := nanpAreas[g.intn(len(nanpAreas))]
	var ex string
	for {
		ex = fmt.Sprintf("%d%d%d", g.between(2, 9), g.intn(10), g.intn(10))
		if ex[1:] != "11" && ex != "555" {
			break
		}
	}
	return area, ex, g.chars(digits, 4)
}

type ibanSpec struct {
	cc   string
	bban string // n digit, a upper letter, c upper alnum
}

var ibanSpecs = []ibanSpec{
	{"DE", "nnnnnnnnnnnnnnnnnn"},
	{"GB", "aaaannnnnnnnnnnnnn"},
	{"FR", "nnnnnnnnnnnnnnnnnnnnnnn"},
	{"NL", "aaaannnnnnnnnn"},
	{"ES", "nnnnnnnnnnnnnnnnnnnn"},
	{"IT", "annnnnnnnnncccccccccccc"},
	{"CH", "nnnnnnnnnnnnnnnnn"},
	{"BE", "nnnnnnnnnnnn"},
	{"AT", "nnnnnnnnnnnnnnnn"},
	{"PL", "nnnnnnnnnnnnnnnnnnnnnnnn"},
	{"SE", "nnnnnnnnnnnnnnnnnnnn"},
	{"NO", "nnnnnnnnnnn"},
	{"DK", "nnnnnnnnnnnnnn"},
	{"IE", "aaaannnnnnnnnnnnnn"},
	{"PT", "nnnnnnnnnnnnnnnnnnnnn"},
}

func ibanMod97(s string) int {
	// move the first four characters to the end, letters to numbers
	r := s[4:] + s[:4]
	var sb strings.Builder
	for _, c := range r {
		if c >= 'A' && c <= 'Z' {
			sb.WriteString(fmt.Sprint(int(c-'A') + 10))
		} else {
			sb.WriteRune(c)
		}
	}
	n, _ := new(big.Int).SetString(sb.String(), 10)
	return int(new(big.Int).Mod(n, big.NewInt(97)).Int64())
}

func ibanOK(s string) bool { return ibanMod97(s) == 1 }

// iban returns a valid IBAN (compact) for a random country.
func (g *gen) iban() string {
	sp := ibanSpecs[g.intn(len(ibanSpecs))]
	var b strings.Builder
	for _, c := range sp.bban {
		switch c {
		case 'n':
			b.WriteByte(digits[g.intn(10)])
		case 'a':
			b.WriteByte(upper[g.intn(26)])
		default:
			b.WriteByte(upperNum[g.intn(36)])
		}
	}
	bban := b.String()
	m := ibanMod97(sp.cc + "00" + bban)
	return fmt.Sprintf("%s%02d%s", sp.cc, 98-m, bban)
}

func groupIBAN(s string) string {
	var parts []string
	for i := 0; i < len(s); i += 4 {
		parts = append(parts, s[i:min(i+4, len(s))])
	}
	return strings.Join(parts, " ")
}

// ---- PEM ----

func wrap(s string, width int) []string {
	var out []string
	for len(s) > width {
		out = append(out, s[:width])
		s = s[width:]
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

// pemBody returns base64 lines for a DER structure of about n bytes that
// starts with the given header bytes, wrapped at width.
func (g *gen) pemBody(header []byte, n, width int) []string {
	der := append(append([]byte{}, header...), g.bytes(n-len(header))...)
	return wrap(base64.StdEncoding.EncodeToString(der), width)
}

type pemKind struct {
	label  string
	header []byte
	size   [2]int
	width  int
	extra  []string // header lines after BEGIN (traditional encryption)
}

func (g *gen) privateKeyBlock() (label string, lines []string, body []string) {
	kinds := []pemKind{
		{"RSA PRIVATE KEY", []byte{0x30, 0x82, 0x04, 0xa4, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00}, [2]int{600, 1190}, 64, nil},
		{"RSA PRIVATE KEY", []byte{0x30, 0x82, 0x02, 0x5d, 0x02, 0x01, 0x00}, [2]int{600, 610}, 64,
			[]string{"Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-128-CBC," + strings.ToUpper(g.hex(32)), ""}},
		{"EC PRIVATE KEY", []byte{0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20}, [2]int{121, 121}, 64, nil},
		{"PRIVATE KEY", []byte{0x30, 0x82, 0x04, 0xbe, 0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09}, [2]int{630, 1218}, 64, nil},
		{"PRIVATE KEY", []byte{0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70}, [2]int{48, 48}, 64, nil},
		{"ENCRYPTED PRIVATE KEY", []byte{0x30, 0x82, 0x05, 0x2c, 0x30, 0x56, 0x06, 0x09}, [2]int{700, 1328}, 64, nil},
		{"OPENSSH PRIVATE KEY", []byte("openssh-key-v1\x00\x00\x00\x00\x04none\x00\x00\x00\x04none"), [2]int{390, 420}, 70, nil},
		{"DSA PRIVATE KEY", []byte{0x30, 0x82, 0x01, 0xbb, 0x02, 0x01, 0x00}, [2]int{443, 443}, 64, nil},
	}
	k := kinds[g.intn(len(kinds))]
	body = g.pemBody(k.header, g.between(k.size[0], k.size[1]), k.width)
	lines = append(lines, "-----BEGIN "+k.label+"-----")
	lines = append(lines, k.extra...)
	lines = append(lines, body...)
	lines = append(lines, "-----END "+k.label+"-----")
	return k.label, lines, body
}

func (g *gen) publicBlock() []string {
	label := g.pick("PUBLIC KEY", "CERTIFICATE", "CERTIFICATE", "RSA PUBLIC KEY", "CERTIFICATE REQUEST")
	hdr := []byte{0x30, 0x82, 0x01, 0x22, 0x30, 0x0d, 0x06, 0x09}
	n := g.between(200, 290)
	if strings.HasPrefix(label, "CERT") {
		hdr = []byte{0x30, 0x82, 0x03, 0x5e, 0x30, 0x82, 0x02, 0x46, 0xa0, 0x03}
		n = g.between(500, 870)
	}
	lines := []string{"-----BEGIN " + label + "-----"}
	lines = append(lines, g.pemBody(hdr, n, 64)...)
	return append(lines, "-----END "+label+"-----")
}

// sshPublicKey returns an authorized_keys style public key.
func (g *gen) sshPublicKey() string {
	switch g.intn(3) {
	case 0:
		return "ssh-ed25519 " + base64.StdEncoding.EncodeToString(append([]byte("\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20"), g.bytes(32)...))
	case 1:
		return "ssh-rsa " + base64.StdEncoding.EncodeToString(append([]byte("\x00\x00\x00\x07ssh-rsa\x00\x00\x00\x03\x01\x00\x01\x00\x00\x01\x01\x00"), g.bytes(256)...))
	default:
		return "ecdsa-sha2-nistp256 " + base64.StdEncoding.EncodeToString(append([]byte("\x00\x00\x00\x13ecdsa-sha2-nistp256\x00\x00\x00\x08nistp256\x00\x00\x00\x41\x04"), g.bytes(64)...))
	}
}
