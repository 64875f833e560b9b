package redact

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// Tests of the personal-data rules: e-mail, card, SSN, phone, IBAN and the
// opt-in IP rules. Rows read as specs: input, and the exact redacted output.

type piiRow struct{ name, in, want string }

// checkRows runs every row one-shot, streamed one byte at a time, again on
// its own output (nothing more may change), and embedded between other
// lines (the rules are line-local, so neighbours must not change the
// answer).
func checkRows(t *testing.T, r *Redactor, rows []piiRow) {
	t.Helper()
	for _, tc := range rows {
		t.Run(tc.name, func(t *testing.T) {
			if got := r.String(tc.in); got != tc.want {
				t.Fatalf("\n  in %q\n got %q\nwant %q", tc.in, got, tc.want)
			}
			in := []byte(tc.in)
			cuts := make([]int, 0, len(in))
			for c := 1; c < len(in); c++ {
				cuts = append(cuts, c)
			}
			if got := string(streamOf(t, r, in, cuts...)); got != tc.want {
				t.Errorf("byte-by-byte stream\n  in %q\n got %q\nwant %q", tc.in, got, tc.want)
			}
			if again := r.String(tc.want); again != tc.want {
				t.Errorf("not idempotent\nonce  %q\ntwice %q", tc.want, again)
			}
			const pre, post = "2026-11-28 03:26:49 INFO 1234 5678\n", "\n4111 1111 1111 1112 end"
			if got := r.String(pre + tc.in + post); got != pre+tc.want+post {
				t.Errorf("between other lines\n  in %q\n got %q\nwant %q", pre+tc.in+post, got, pre+tc.want+post)
			}
		})
	}
}

// unchanged turns inputs into rows that must come out byte-identical.
func unchanged(ins ...string) []piiRow {
	rows := make([]piiRow, len(ins))
	for i, in := range ins {
		rows[i] = piiRow{in, in, in}
	}
	return rows
}

// luhnComplete appends the Luhn check digit to payload.
func luhnComplete(payload string) string {
	sum, dbl := 0, true
	for i := len(payload) - 1; i >= 0; i-- {
		v := int(payload[i] - '0')
		if dbl {
			if v *= 2; v > 9 {
				v -= 9
			}
		}
		sum += v
		dbl = !dbl
	}
	return payload + string(rune('0'+(10-sum%10)%10))
}

// cardOf returns a Luhn-valid number of n digits starting with prefix.
func cardOf(prefix string, n int) string {
	b := []byte(prefix)
	for i := 0; len(b) < n-1; i++ {
		b = append(b, byte('0'+(i*7+3)%10))
	}
	return luhnComplete(string(b))
}

// breakLuhn changes the last digit, which makes the Luhn check fail.
func breakLuhn(s string) string {
	last := s[len(s)-1]
	return s[:len(s)-1] + string(rune('0'+(last-'0'+1)%10))
}

// grouped writes digits in groups of the given sizes joined by sep.
func grouped(digits, sep string, sizes ...int) string {
	var parts []string
	for _, n := range sizes {
		parts = append(parts, digits[:n])
		digits = digits[n:]
	}
	if digits != "" {
		panic("grouped: sizes do not cover the digits")
	}
	return strings.Join(parts, sep)
}

// cardGroups is how card numbers of each length are printed.
func cardGroups(n int) []int {
	switch n {
	case 13:
		return []int{4, 4, 4, 1}
	case 14:
		return []int{4, 6, 4}
	case 15:
		return []int{4, 6, 5}
	case 19:
		return []int{4, 4, 4, 4, 3}
	}
	return []int{4, 4, 4, 4}
}

// ibanOf returns the IBAN of country and bban with correct check digits
// (ISO 13616: bban + country + "00" as a number, 98 minus it mod 97).
func ibanOf(country, bban string) string {
	rem := 0
	for _, c := range bban + country + "00" {
		if c >= '0' && c <= '9' {
			rem = (rem*10 + int(c-'0')) % 97
		} else {
			rem = (rem*100 + int(c-'A'+10)) % 97
		}
	}
	return fmt.Sprintf("%s%02d%s", country, 98-rem, bban)
}

// by4 prints an IBAN in groups of four, as on paper.
func by4(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:min(i+4, len(s))])
	}
	return b.String()
}

func TestEmail(t *testing.T) {
	const R = "[REDACTED:email]"
	rows := []piiRow{
		{"bare", "alice@example.com", R},
		{"prose", "please write to alice@example.com today", "please write to " + R + " today"},
		{"sentence end", "write to alice@example.com.", "write to " + R + "."},
		{"list", "alice@example.com, bob@example.org;carol@example.net", R + ", " + R + ";" + R},
		{"plus tag", "sent to alice+newsletter@example.com", "sent to " + R},
		{"dots digits underscores", "bob.smith_1987@mail.example.org", R},
		{"hyphenated subdomains", "ops@eu-west-1.mail.corp.example.co.uk ok", R + " ok"},
		{"long TLD", "hello@studio.photography", R},
		{"upper case", "Alice.Smith@Example.COM", R},
		{"punycode TLD", "ivan@example.xn--p1ai", R},
		{"punycode domain", "info@xn--mnchen-3ya.de", R},
		{"UTF-8 domain", "anna@bücher.de", R},
		{"UTF-8 local part", "write josé@example.com now", "write " + R + " now"},
		{"UTF-8 local and TLD", "иван@пример.рф", R},
		{"CJK text around", "请联系alice@example.com谢谢", "请联系" + R + "谢谢"},
		{"apostrophe in local part", "o'brien@example.ie", R},
		{"percent-encoded at", "/unsubscribe?u=alice%40example.com&list=7", "/unsubscribe?u=" + R + "&list=7"},
		{"percent-encoded upper", "u=Alice%40Example.com", "u=" + R},
		{"percent-encoded plus tag", "u=alice%2Bnews%40example.com", "u=" + R},
		{"encoded mailto", "next=mailto%3Aalice%40example.com", "next=mailto%3A" + R},
		{"mailto link", `<a href="mailto:alice@example.com">`, `<a href="mailto:` + R + `">`},
		{"angle brackets", "From: Alice <alice@example.com>", "From: Alice <" + R + ">"},
		{"JSON value", `{"email":"alice@example.com","id":7}`, `{"email":"` + R + `","id":7}`},
		{"single quotes", "user='alice@example.com'", "user='" + R + "'"},
		{"CSV", "7,alice@example.com,admin", "7," + R + ",admin"},
		{"parentheses", "(alice@example.com)", "(" + R + ")"},
		{"brackets", "[alice@example.com]", "[" + R + "]"},
		{"logfmt", "level=info user=alice@example.com msg=ok", "level=info user=" + R + " msg=ok"},
		{"path segment", "GET /users/alice@example.com/profile", "GET /users/" + R + "/profile"},
		{"trailing hyphens", "alice@example.com-- end", R + "-- end"},
		{"underscore after", "backup_alice@example.com_2024.csv", R + "_2024.csv"},
		{"e-mail as URL user name", "https://jane.doe%40example.com@dav.example.net/principal/", "https://" + R + "@dav.example.net/principal/"},
		{"e-mail as URL user name with a password", "https://jane.doe%40example.com:hunter2@dav.example.net/",
			"https://" + R + ":[REDACTED:url-credentials]@dav.example.net/"},
		{"raw e-mail as URL user name", "https://jane@example.com@dav.example.net/", "https://" + R + "@dav.example.net/"},
		{"numeric local part", "13800138000@example.cn", R},
		{"query right after the host", "https://example.com?to=alice@example.com", "https://example.com?to=" + R},
		{"fragment right after the host", "https://example.com#alice@example.com", "https://example.com#" + R},
		// An escape before the address is not part of its local part.
		{"after a JSON \\n", `msg="from:\nalice@example.com\nend"`, `msg="from:\n` + R + `\nend"`},
		{"after a JSON \\t", `row="7\talice@example.com"`, `row="7\t` + R + `"`},
		{"after \\u0022", `{\u0022to\u0022:\u0022alice@example.com\u0022}`, `{\u0022to\u0022:\u0022` + R + `\u0022}`},
		{"colour code", "user=\x1b[32malice@example.com\x1b[0m ok", "user=\x1b[32m" + R + "\x1b[0m ok"},
		{"colour code with params", "user=\x1b[0;36malice@example.com\x1b[0m", "user=\x1b[0;36m" + R + "\x1b[0m"},
		{"after \\\\n (JSON in a JSON string)", `{"b":"{\"to\":\"x\\nalice@example.com\"}"}`, `{"b":"{\"to\":\"x\\n` + R + `\"}"}`},
	}
	checkRows(t, Default(), rows)
	checkRows(t, Default(), unchanged(
		"o.a.z.s.NIOServerCnxnFactory@774 - Accepted socket",
		"java.lang.Object@1b6d3586 finished",
		"ssh admin@10.0.0.1",
		"GET /notes?text=see%20example.com%20today (a percent code, not %40)",
		"q=see%20hvr.zz_2t7rPhn_Mn297b",
		"ssh admin@10.0.0.1:22",
		"ssh deploy@bastion.internal",
		"ssh -i k.pem -p 2222 ubuntu@ec2-3-80-1-2.compute-1.amazonaws.com",
		"sshpass -p [REDACTED:cli-password] ssh deploy@pg-replica-2.prod.local",
		"git clone git@github.com:org/repo.git",
		"GIT@gitlab.example.com:group/project.git",
		"ssh://git@github.com/org/repo",
		"https://user@example.com/path",
		"npm i lodash@4.17.21 left-pad@1.3.0",
		"npm i @types/node@20.11.5",
		"installed pkg@1.0.0-beta.rc",
		"fetched pkg@1.2.3.tgz",
		"image=nginx@sha256:0b970013351304af46f322da1263516b188318682b2ab1091862497591189ff1",
		"GET /img/logo@2x.png 200",
		"Started openvpn@server.service",
		"@Override public void run()",
		"follow @alice for updates",
		"root@localhost",
		"alice.@example.com",
		"a@b.c1",
		"meet @ 5pm",
		"user@host",
	))
}

// testCards are public test numbers of every issuer, and numbers built with
// a valid Luhn digit for the ranges without a well-known one.
var testCards = []struct{ issuer, number string }{
	{"visa", "4111111111111111"},
	{"visa", "4012888888881881"},
	{"visa", "4242424242424242"},
	{"visa 13 digits", "4222222222222"},
	{"visa 19 digits", cardOf("4", 19)},
	{"mastercard", "5555555555554444"},
	{"mastercard", "5105105105105100"},
	{"mastercard 2-series", "2223003122003222"},
	{"mastercard 2720", cardOf("2720", 16)},
	{"amex", "378282246310005"},
	{"amex", "371449635398431"},
	{"amex 34", cardOf("34", 15)},
	{"discover", "6011111111111117"},
	{"discover", "6011000990139424"},
	{"discover 644", cardOf("644", 16)},
	{"discover 65", cardOf("65", 16)},
	{"discover 19 digits", cardOf("6011", 19)},
	{"discover 622126", cardOf("622126", 16)},
	{"diners 14 digits", "30569309025904"},
	{"diners 38", "38520000023237"},
	{"diners 36", "36227206271667"},
	{"diners 16 digits", "3056930009020004"},
	{"jcb", "3530111333300000"},
	{"jcb", "3566002020360505"},
	{"unionpay", "6200000000000005"},
	{"unionpay 19 digits", "6205500000000000004"},
	{"maestro", "6759649826438453"},
	{"maestro 50", cardOf("5018", 16)},
	{"maestro 13 digits", cardOf("6304", 13)},
	{"mir", cardOf("2200", 16)},
}

func TestCard(t *testing.T) {
	const R = "[REDACTED:card]"
	var rows, near []piiRow
	for _, c := range testCards {
		g := cardGroups(len(c.number))
		for _, f := range []struct{ name, s string }{
			{"plain", c.number},
			{"spaced", grouped(c.number, " ", g...)},
			{"dashed", grouped(c.number, "-", g...)},
		} {
			rows = append(rows, piiRow{c.issuer + " " + f.name, "paid with " + f.s + " today", "paid with " + R + " today"})
		}
		bad := breakLuhn(c.number)
		near = append(near, piiRow{c.issuer + " luhn-invalid", "paid with " + bad + " today", "paid with " + bad + " today"})
	}
	rows = append(rows,
		piiRow{"JSON string", `{"pan":"4111111111111111","exp":"12/29"}`, `{"pan":"` + R + `","exp":"12/29"}`},
		piiRow{"JSON number", `{"card":5555555555554444}`, `{"card":` + R + `}`},
		piiRow{"query string", "/pay?cc=4111111111111111&exp=1229", "/pay?cc=" + R + "&exp=1229"},
		piiRow{"CSV", "7,4111111111111111,alice", "7," + R + ",alice"},
		piiRow{"expiry after", "card 4111 1111 1111 1111 12/29", "card " + R + " 12/29"},
		piiRow{"two spaced cards", "4111 1111 1111 1111 5555 5555 5555 4444", R + " " + R},
		piiRow{"two plain cards", "4111111111111111 5555555555554444", R + " " + R},
		piiRow{"after a NANP-shaped prefix", "200 555 4111 1111 1111 1111", R},
		piiRow{"in parentheses", "(4111 1111 1111 1111)", "(" + R + ")"},
		piiRow{"URL path", "GET /v1/cards/4111111111111111 404", "GET /v1/cards/" + R + " 404"},
		piiRow{"long run of cards", "cards: 4111111111111111 5555555555554444 378282246310005 6011111111111117 3530111333300000",
			"cards: " + R + " " + R + " " + R + " " + R + " " + R},
		piiRow{"after many numbers", "n: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 4111111111111111",
			"n: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 " + R},
	)
	checkRows(t, Default(), rows)
	checkRows(t, Default(), near)
	checkRows(t, Default(), unchanged(
		"unknown issuer "+cardOf("9", 16),
		"unknown issuer "+cardOf("1", 16),
		"amex prefix, visa length "+cardOf("37", 16),
		"visa prefix, 17 digits "+cardOf("4", 17),
		"mastercard prefix, 19 digits "+cardOf("51", 19),
		"all zeros 0000 0000 0000 0000",
		"epoch ms 1732761600123",
		"glued x4111111111111111",
		"glued 4111111111111111abc",
		"order_id=4111111111111111",
		"trace_id: 4111111111111111",
		"invoice #4111111111111111",
		"request 5555555555554444 done",
		"amount=4111111111111111.25",
		"ratio 0.4111111111111111",
		"23 digits 41111111111111111111111",
		"uuid 41111111-1111-1111-1111-111111111111",
		"blk_-4111111111111111 and blk_4111111111111111",
		"version 4111.1111.1111.1111",
		"mixed groups 4111 11111 111 1111",
	))
}

func TestSSN(t *testing.T) {
	const R = "[REDACTED:ssn]"
	checkRows(t, Default(), []piiRow{
		{"dashed", "ssn 123-45-6789", "ssn " + R},
		{"dashed bare", "applicant 078-05-1121 verified", "applicant " + R + " verified"},
		{"dashed JSON", `{"ssn":"123-45-6789"}`, `{"ssn":"` + R + `"}`},
		{"dashed CSV", "alice,123-45-6789,NY", "alice," + R + ",NY"},
		{"spaced with context", "social security number: 123 45 6789", "social security number: " + R},
		{"plain with context", "SSN: 123456789", "SSN: " + R},
		{"plain JSON with context", `{"ssn":123456789}`, `{"ssn":` + R + `}`},
		{"snake_case key", "social_security_number=219099999", "social_security_number=" + R},
		{"kebab-case key", "soc-sec-no: 219099999", "soc-sec-no: " + R},
		{"taxpayer", "taxpayer 123 45 6789", "taxpayer " + R},
		{"line end", "ssn=772-01-0001", "ssn=" + R},
		{"plain with context through %3D", "q=ssn%3D123456789", "q=ssn%3D" + R},
		// A region that starts at the '+' after another's digits is no
		// tail of them (leftCut): the SSN after it is one.
		{"after a plus that ends a run", "ref 210200000+ 078-05-1121 x", "ref 210200000+ " + R + " x"},
	})
	checkRows(t, Default(), unchanged(
		"ssn 000-12-3456",
		"ssn 666-12-3456",
		"ssn 900-12-3456",
		"ssn 999-12-3456",
		"ssn 123-00-4567",
		"ssn 123-45-0000",
		"spaced without context 123 45 6789",
		"plain without context 123456789",
		"too long 123-45-67890",
		"too long 1123-45-6789",
		"suffix 123-45-6789-01",
		"part 123.45.6789",
	))
}

func TestPhone(t *testing.T) {
	const R = "[REDACTED:phone]"
	var rows []piiRow
	for _, p := range []string{
		"+44 20 7946 0958",    // UK, London
		"+44 7700 900123",     // UK, mobile
		"+44 (0)20 7946 0958", // UK, trunk zero shown
		"+442079460958",       // UK, E.164
		"+49 30 12345678",     // Germany, Berlin
		"+49 151 23456789",    // Germany, mobile
		"+49 (0)30 1234567",   // Germany, trunk zero shown
		"+49-30-1234-5678",    // Germany, dashed
		"+33 1 23 45 67 89",   // France, 2-digit groups
		"+33 6 12 34 56 78",   // France, mobile
		"+33.1.23.45.67.89",   // France, dotted
		"+91 98765 43210",     // India
		"+91-98765-43210",     // India, dashed
		"+81 3-1234-5678",     // Japan, Tokyo
		"+81 90-1234-5678",    // Japan, mobile
		"+61 2 9374 4000",     // Australia
		"+7 495 123-45-67",    // Russia
		"+86 138 0013 8000",   // China, mobile
		"+55 11 91234-5678",   // Brazil
		"+353 1 234 5678",     // Ireland
		"+1 415 555 2671",     // NANP, E.164 spaced
		"+1-415-555-2671",     // NANP, E.164 dashed
		"+1.415.555.2671",     // NANP, E.164 dotted
		"+1 (415) 555-2671",   // NANP, E.164 with area code in parentheses
		"+14155552671",        // NANP, E.164
		"(415) 555-2671",      // NANP
		"(415)555-2671",       // NANP, no space
		"415-555-2671",        // NANP, dashed
		"415.555.2671",        // NANP, dotted
		"415 555 2671",        // NANP, spaced
		"1-800-555-0199",      // NANP, toll free with 1
		"1 (800) 555-0199",    // NANP, 1 and parentheses
		"1.800.555.0199",      // NANP, dotted with 1
		"1 800 555 0199",      // NANP, spaced with 1
	} {
		rows = append(rows,
			piiRow{p, "call " + p + " now", "call " + R + " now"},
			piiRow{p + " at line start", p + " was busy", R + " was busy"},
		)
	}
	rows = append(rows,
		piiRow{"context plain NANP", "phone: 4155552671", "phone: " + R},
		// the context word reads through escaped separators
		piiRow{"context through %3D", "q=phone%3D4155552671%26x%3D1", "q=phone%3D" + R + "%26x%3D1"},
		piiRow{"context through encoded JSON", "body=%7B%22phone%22%3A%224155552671%22%7D", "body=%7B%22phone%22%3A%22" + R + "%22%7D"},
		piiRow{"context through a colour code", "phone=\x1b[33m4155552671\x1b[0m", "phone=\x1b[33m" + R + "\x1b[0m"},
		piiRow{"context through a JSON \\t", `msg="phone:\t4155552671"`, `msg="phone:\t` + R + `"`},
		piiRow{"context plain NANP with 1", "tel=14155552671", "tel=" + R},
		piiRow{"context national UK mobile", "mobile 07700900123", "mobile " + R},
		piiRow{"context national DE", "Tel: 030 12345678", "Tel: " + R},
		piiRow{"context national UK", "fax 020 7946 0958", "fax " + R},
		piiRow{"context 7 digits", "phone: 555-2671", "phone: " + R},
		piiRow{"camelCase key", "homePhone=4155552671", "homePhone=" + R},
		piiRow{"telephone", "telephone 4155552671", "telephone " + R},
		piiRow{"tel URI", "tel:+14155552671", "tel:" + R},
		piiRow{"E.164 as an id", "user_id=+14155552671", "user_id=" + R},
		piiRow{"tel URI dashed", "<a href=\"tel:+1-415-555-2671\">", "<a href=\"tel:" + R + "\">"},
		piiRow{"JSON string", `{"phone":"+14155552671"}`, `{"phone":"` + R + `"}`},
		piiRow{"JSON number", `{"phone":4155552671}`, `{"phone":` + R + `}`},
		piiRow{"query string", "/sms?to=+14155552671&body=hi", "/sms?to=" + R + "&body=hi"},
		piiRow{"query string encoded plus", "/sms?to=%2B14155552671&body=hi", "/sms?to=" + R + "&body=hi"},
		piiRow{"CSV", "alice,+442079460958,London", "alice," + R + ",London"},
		piiRow{"in parentheses", "(+44 20 7946 0958)", "(" + R + ")"},
		piiRow{"country code in parentheses", "call (+44) 20 7946 0958", "call " + R},
		piiRow{"country code in parentheses, NANP", "(+1) 415-555-2671", R},
		piiRow{"country and area code in parentheses", "(+44 20) 7946 0958", R},
		piiRow{"NANP in parentheses", "(415-555-2671)", "(" + R + ")"},
		piiRow{"brackets", "[+44 20 7946 0958]", "[" + R + "]"},
		piiRow{"extension", "Phone: (415) 555-2671 ext. 123", "Phone: " + R + " ext. 123"},
		piiRow{"two numbers", "call 415-555-2671, 415-555-2672.", "call " + R + ", " + R + "."},
		piiRow{"after a timestamp", "2026-11-28 03:26:49 call (415) 555-2671", "2026-11-28 03:26:49 call " + R},
		piiRow{"our placeholder is no context", "0000000000000000000 (200) 200 0000 000000001", "0000000000000000000 " + R + " 000000001"},
	)
	checkRows(t, Default(), rows)
	checkRows(t, Default(), unchanged(
		"2026-11-28T03:26:49+01:00",
		"2026-11-28 03:26:49 +0000",
		"[28/Nov/2026:03:26:49 +0000]",
		"Thu, 28 Nov 2026 03:26:49 +0100",
		"20261128T032649+0100",
		"03:26:49+1100 ok",
		"ts 1732761600123",
		"epoch 1732761600",
		"NANP area 1xx +1 123 456 7890",
		"NANP exchange 1xx +1 415 155 2671",
		"N11 area +1 911 555 2671",
		"123-456-7890",
		"(555) 123-4567",
		"plain 10 digits without context 4155552671",
		"+0 12 34 56 78",
		"short +44 20",
		"too long +4420794609581234",
		"diff +1234 -567",
		"counter +12345678",
		"unassigned country code +281 234 5678",
		"unassigned country code +8 1234 5678",
		"request 4155552671",
		"pid=4155552671",
		"call_id=4155552671",
		"callback took 01234567 us",
		"telemetry batch 01234567",
		"phone last updated 2026-11-28",
		"calls 2026-11-28 03:26:49",
		"ports 8080 8443 9090 9443",
		"build 10.0.19041.1",
		"pi 3.1415926535",
		"took 415-555-2671ms",
		"f(4155552671)",
		"v415-555-2671",
		"+44 20) 7946 (0958",
	))
}

// testIBANs are account numbers (BBAN) of 34 countries with the length of
// the whole IBAN; the check digits are computed by ibanOf.
var testIBANs = []struct {
	country string
	length  int
	bban    string
}{
	{"DE", 22, "370400440532013000"},
	{"AT", 20, "1904300234573201"},
	{"BE", 16, "539007547034"},
	{"CH", 21, "00762011623852957"},
	{"CZ", 24, "08000000192000145399"},
	{"DK", 18, "00400440116243"},
	{"ES", 24, "21000418450200051332"},
	{"FI", 18, "12345600000785"},
	{"FR", 27, "20041010050500013M02606"},
	{"GB", 22, "WEST12345698765432"},
	{"GR", 27, "01101250000000012300695"},
	{"HR", 21, "10010051863000160"},
	{"HU", 28, "117730161111101800000000"},
	{"IE", 22, "AIBK93115212345678"},
	{"IT", 27, "X0542811101000000123456"},
	{"LU", 20, "0019400644750000"},
	{"NL", 18, "ABNA0417164300"},
	{"NO", 15, "86011117947"},
	{"PL", 28, "109010140000071219812874"},
	{"PT", 25, "000201231234567890154"},
	{"RO", 24, "AAAA1B31007593840000"},
	{"SE", 24, "50000000058398257466"},
	{"SI", 19, "263300012039086"},
	{"SK", 24, "12000000198742637541"},
	{"TR", 26, "0006100519786457841326"},
	{"BR", 29, "00360305000010009795493P1"},
	{"SA", 24, "80000000608010167519"},
	{"AE", 23, "0331234567890123456"},
	{"IL", 23, "0108000000099999999"},
	{"MT", 31, "MALT011000012345MTLCAST001S"},
	{"LC", 32, "HEMM000100010012001200023015"},
	{"EE", 20, "2200221020145685"},
	{"LT", 20, "1000011101001000"},
	{"BG", 22, "BNBG96611020345678"},
}

func TestIBAN(t *testing.T) {
	const R = "[REDACTED:iban]"
	var rows, near []piiRow
	for _, x := range testIBANs {
		iban := ibanOf(x.country, x.bban)
		if len(iban) != x.length {
			t.Fatalf("test data: %s IBAN %q has %d characters, want %d", x.country, iban, len(iban), x.length)
		}
		rows = append(rows,
			piiRow{x.country + " plain", "transfer to " + iban + " today", "transfer to " + R + " today"},
			piiRow{x.country + " grouped", "IBAN: " + by4(iban), "IBAN: " + R},
			piiRow{x.country + " JSON", `{"iban":"` + iban + `"}`, `{"iban":"` + R + `"}`},
		)
		cd := iban[2:4]
		wrong := fmt.Sprintf("%02d", (int(cd[0]-'0')*10+int(cd[1]-'0'))%97+1)
		for _, bad := range []struct{ name, s string }{
			{"wrong check digits", iban[:2] + wrong + iban[4:]},
			{"changed digit", iban[:len(iban)-1] + string(rune('0'+(iban[len(iban)-1]-'0'+1)%10))},
			{"one character short", iban[:len(iban)-1]},
			{"one character long", iban + "0"},
			{"glued to a word", "X" + iban},
		} {
			if strings.Contains(bad.name, "changed") && !isDigit(iban[len(iban)-1]) {
				continue
			}
			near = append(near, piiRow{x.country + " " + bad.name, "transfer to " + bad.s + " today", "transfer to " + bad.s + " today"})
		}
	}
	rows = append(rows,
		piiRow{"two in a row", "from " + ibanOf("DE", "370400440532013000") + " to " + by4(ibanOf("NL", "ABNA0417164300")) + ".",
			"from " + R + " to " + R + "."},
		piiRow{"CSV", "alice," + ibanOf("FR", "20041010050500013M02606") + ",EUR", "alice," + R + ",EUR"},
		piiRow{"after digits", "2026-11-28 " + ibanOf("GB", "WEST12345698765432"), "2026-11-28 " + R},
		piiRow{"card right after", ibanOf("DE", "370400440532013000") + " 4111111111111111", R + " [REDACTED:card]"},
		piiRow{"grouped, card right after", by4(ibanOf("DE", "370400440532013000")) + " 4111 1111 1111 1111", R + " [REDACTED:card]"},
		piiRow{"phone right after", ibanOf("GB", "WEST12345698765432") + " (415) 555-2671", R + " [REDACTED:phone]"},
	)
	checkRows(t, Default(), rows)
	checkRows(t, Default(), near)
	checkRows(t, Default(), unchanged(
		"unknown country XX89370400440532013000",
		"lower case de89370400440532013000",
		"grouped by three DE8 937 040 044 053 201 300 0",
		"check digits 00 DE00370400440532013000",
	))
}

// TestPIIInContext puts one value of each kind in the places values appear
// in logs, JSON, query strings and prose.
func TestPIIInContext(t *testing.T) {
	values := []struct{ v, want string }{
		{"alice@example.com", "[REDACTED:email]"},
		{"4111111111111111", "[REDACTED:card]"},
		{"4111 1111 1111 1111", "[REDACTED:card]"},
		{"3782-822463-10005", "[REDACTED:card]"},
		{"+14155552671", "[REDACTED:phone]"},
		{"+44 20 7946 0958", "[REDACTED:phone]"},
		{"(415) 555-2671", "[REDACTED:phone]"},
		{"415-555-2671", "[REDACTED:phone]"},
		{"123-45-6789", "[REDACTED:ssn]"},
		{ibanOf("DE", "370400440532013000"), "[REDACTED:iban]"},
		{by4(ibanOf("GB", "WEST12345698765432")), "[REDACTED:iban]"},
	}
	templates := []string{
		"%s", "x %s", "%s x", "\t%s\t", "k=%s", "k: %s", `{"v":"%s"}`, `["%s",1]`,
		"?v=%s&w=1", "a,%s,b", "(%s)", "[%s]", "<%s>", "'%s'", `"%s"`, "%s.", "%s,", "%s;",
		"%s:", "%s!", "%s | next", "see: %s)", "«%s»",
		// After or before a token glued to digits: the glued group is part
		// of the token, the value after (before) the space stands alone.
		"trace 4bf92f3577b34da6a3ce929d0e0e4736 %s", "id=ab3432 %s", "v1.2.3 %s", "%s 7ab", "x1 %s 2y",
		// after and before escape sequences: JSON, URL and form encoding,
		// terminal colours
		`msg="pasted:\n%s\nin chat"`, `row="bob\t%s\tactive"`, `{\u0022v\u0022:\u0022%s\u0022}`,
		"q=%%22%s%%22&page=6", "text=see%%20%s%%20today", "body=%%7B%%22note%%22%%3A%%22%s%%22%%7D",
		"my+details+%s+thanks", "card \x1b[33m%s\x1b[0m", "ssn=\x1b[0;36m%s\x1b[0m",
		`{"b":"{\"v\":\"x\\n%s\\ny\"}"}`, "q=%%2522%s%%2522",
		"v=\x1b[38;2;255;255;255m%s\x1b[0m", `echo $'\042%s\042'`,
	}
	var rows []piiRow
	for _, v := range values {
		for _, tpl := range templates {
			if strings.HasPrefix(tpl, "my+") && strings.Contains(v.v, "@") {
				continue // '+' may tag a local part: "my+details+alice@…" stays ambiguous
			}
			rows = append(rows, piiRow{fmt.Sprintf(tpl, v.v), fmt.Sprintf(tpl, v.v), fmt.Sprintf(tpl, v.want)})
		}
	}
	checkRows(t, Default(), rows)
}

// TestPIIAnywhereInLongLines hides values among small numbers and words,
// at random places of long lines (longer than the digits window), and
// checks that no digit of them is left: no run of four digits survives
// (the fillers have at most three), and no '@'. The fillers that are
// words come out unchanged. Streams split at random give the same output.
func TestPIIAnywhereInLongLines(t *testing.T) {
	values := []string{
		"4111111111111111", "4111 1111 1111 1111", "5555-5555-5555-4444", "3782 822463 10005", "4222 2222 2222 2",
		"+44 20 7946 0958", "+14155552671", "+33 1 23 45 67 89", "(415) 555-2671", "415-555-2671", "1-800-555-0199",
		"123-45-6789", ibanOf("DE", "370400440532013000"), by4(ibanOf("GB", "WEST12345698765432")),
		"alice@example.com",
	}
	words := []string{"ok", "to", "x", "at", "GET", "done"}
	rng := rand.New(rand.NewPCG(7, 11))
	r := Default()
	for n := 0; n < 300; n++ {
		var b strings.Builder
		var kept []string
		for k := 20 + rng.IntN(60); k > 0; k-- {
			if b.Len() > 0 {
				b.WriteString([]string{" ", " ", " ", ", ", " - "}[rng.IntN(5)])
			}
			switch x := rng.IntN(10); {
			case x == 0:
				b.WriteString(values[rng.IntN(len(values))])
			case x < 3:
				w := words[rng.IntN(len(words))]
				b.WriteString(w)
				kept = append(kept, w)
			default:
				fmt.Fprint(&b, rng.IntN([]int{10, 100, 1000}[rng.IntN(3)]))
			}
		}
		in := b.String()
		out := r.String(in)
		leak := false
		for i, run := 0, 0; i < len(out); i++ {
			if run = 0; isDigit(out[i]) {
				for run = 1; i+run < len(out) && isDigit(out[i+run]); run++ {
				}
				leak = leak || run >= 4
				i += run - 1
			}
		}
		if leak || strings.Contains(out, "@") {
			t.Errorf("a value is left:\n  in %s\n out %s", in, out)
		}
		for _, w := range kept {
			if !strings.Contains(out, w) {
				t.Errorf("word %q was redacted:\n  in %s\n out %s", w, in, out)
			}
		}
		cuts := []int{rng.IntN(len(in) + 1), rng.IntN(len(in) + 1), rng.IntN(len(in) + 1)}
		slices.Sort(cuts)
		if got := string(streamOf(t, r, []byte(in), cuts...)); got != out {
			t.Errorf("stream split at %v differs:\n  in %s\n got %s\nwant %s", cuts, in, got, out)
		}
	}
}

// TestPIINegatives lists what must come out byte-identical: the shapes of
// logs that look like numbers or addresses but are not personal data.
func TestPIINegatives(t *testing.T) {
	rows := unchanged(
		"uuid=123e4567-e89b-12d3-a456-426614174000",
		"id 12345678-1234-1234-1234-123456789012",
		"commit 4bf92f3577b34da6a3ce929d0e0e47364bf92f35",
		"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		"md5 1234567890123456789012345678901234",
		"2026-11-28T03:26:49.120Z INFO started",
		"2026-11-28 03:26:49,123 WARN",
		"Nov 28 03:26:49 host sshd[24512]: ok",
		"081109 203615 148 INFO dfs.DataNode",
		"ts=1732761600123 epoch=1732761600",
		"20261128032649 took 1234567 ms",
		"I1128 03:26:49.120123   12345 reconciler.go:224]",
		"version 1.2.3, 10.15.7, v2.6.5-1.358, Chrome/120.0.6099.71",
		"order 4155552671 invoice INV-2026-000123 ref #98765432101",
		"Luhn-invalid 4111111111111112 5555555555554445",
		"iban=IE23 XHWH 5735 2796 3328 53 (checksum fails; its Luhn-valid tail is no card)",
		"IBAN: ES65 4320 6242 3818 6859 9688 (attempt 5/5: the checksum fails, the Luhn-valid groups are no card)",
		"git clone https://"+strings.Repeat("aZ09-", 38)+"=62B07CD6@github.com/acme/api.git (a long user name, no mailbox)",
		"client 203.0.113.7:51234 connected to 10.0.0.1",
		"listen [2001:db8::7]:443 and ::1",
		"received block blk_-1608999687919862906 of size 67108864",
		"trace 4bf92f3577b34da6a3ce929d0e0e4736 4111111111111112 id=ab3432",
		"build v1.2.3 1234567 x1 7654321 9y",
		"blk_4111111111111111",
		"port 51234 bytes 1234567890 took 4155552671ns",
		"elapsed=12.123456s duration 00:00:12.345",
		"o.a.z.s.NIOServerCnxnFactory@774",
		"com.example.Cache@1b6d3586",
		"ssh user@10.0.0.1",
		"git@github.com:org/repo",
		"npm pkg@1.2.3",
		"nginx@sha256:0b970013351304af46f322da1263516b188318682b2ab1091862497591189ff1",
		"mac 00:1a:2b:3c:4d:5e",
		"total 1 048 576 bytes",
		"2026-11-28 1234 5678 9012 3456",
		// a letter glued to the digits is no escape: a percent sign
		// without two hex digits, a word or a version before '+'
		"rate=50%x4111111111111111",
		"semver 1.0.0+4111111111111111",
		// an id key before escaped separators: the number is an id
		"q=trace_id%3D5677899480257134",
		"x%22span_id%22%3A%225677899480257134%22",
		"span_id=\x1b[33m5677899480257134\x1b[0m",
		`{\u0022dd.trace_id\u0022:\u00225677899480257134\u0022}`,
	)
	checkRows(t, Default(), rows)
}

func TestPIIPartialStyle(t *testing.T) {
	r, err := New(WithPartial())
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, r, []piiRow{
		{"card plain keeps last 4", "card 4111111111111111", "card [REDACTED:card]1111"},
		{"card spaced keeps last 4", "card 5555 5555 5555 4444.", "card [REDACTED:card]4444."},
		{"amex keeps last 4", "3782 822463 10005", "[REDACTED:card]0005"},
		{"short last group keeps nothing", "4222 2222 2222 2", "[REDACTED:card]"},
		{"email keeps domain", "to alice@example.com", "to [REDACTED:email]@example.com"},
		{"encoded email keeps domain", "u=alice%40example.com", "u=[REDACTED:email]%40example.com"},
		{"phone redacted whole", "+1 415 555 2671", "[REDACTED:phone]"},
		{"ssn redacted whole", "123-45-6789", "[REDACTED:ssn]"},
		{"iban redacted whole", "DE89 3704 0044 0532 0130 00", "[REDACTED:iban]"},
		// A vendor token as the value of a secret key keeps its prefix, and
		// a second pass does not take "ghp_[REDACTED:…]" for a new value.
		{"token under a secret key keeps its prefix once", "Authorization: \t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", "Authorization: \tghp_[REDACTED:github-token]"},
		{"AWS key under a secret key", "api_key=AKIAZ7QF4H2JK5L6M3NP", "api_key=AKIA[REDACTED:aws-access-key-id]"},
	})
}

func TestIPOptIn(t *testing.T) {
	in := "client 203.0.113.7 via [2001:db8::7]:443"
	if got := Default().String(in); got != in {
		t.Fatalf("IPs are redacted by default: %q", got)
	}
	r, err := New(EnableRules("ipv4", "ipv6"))
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, r, []piiRow{
		{"v4", "client 203.0.113.7 connected", "client [REDACTED:ipv4] connected"},
		{"v4 with port", "dial 10.0.0.1:8080", "dial [REDACTED:ipv4]:8080"},
		{"v4 CIDR", "allow 192.168.0.0/16", "allow [REDACTED:ipv4]/16"},
		{"v4 user", "ssh user@10.0.0.1", "ssh user@[REDACTED:ipv4]"},
		{"v4 JSON", `{"ip":"198.51.100.23"}`, `{"ip":"[REDACTED:ipv4]"}`},
		{"v4 sentence end", "from 198.51.100.23.", "from [REDACTED:ipv4]."},
		{"v6", "addr 2001:db8::7 up", "addr [REDACTED:ipv6] up"},
		{"v6 full", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "[REDACTED:ipv6]"},
		{"v6 brackets and port", "[2001:db8::7]:443", "[[REDACTED:ipv6]]:443"},
		{"v6 loopback", "listen ::1", "listen [REDACTED:ipv6]"},
		{"v6 zone", "fe80::1%eth0", "[REDACTED:ipv6]%eth0"},
		{"v6 mapped v4", "::ffff:192.0.2.128", "[REDACTED:ipv6]"},
	})
	// Idempotence: what followed a redacted value was part of it on the
	// first pass; a second pass finds no address there.
	for _, in := range []string{"eyJhbGci00.0::0", "token=abc::1"} {
		once := r.String(in)
		if twice := r.String(once); twice != once {
			t.Errorf("not idempotent: %q -> %q -> %q", in, once, twice)
		}
	}
	checkRows(t, r, unchanged(
		"2026-11-28T03:26:49.120Z",
		"03:26:49",
		"version 10.0.19041.1",
		"OID 1.3.6.1.4.1.2021",
		"999.1.1.1",
		"v1.2.3.4",
		"std::vector<int>",
		"Foo::Bar",
		"mac 00:1a:2b:3c:4d:5e",
		"uuid 123e4567-e89b-12d3-a456-426614174000",
	))
}

// digitHeavyLog generates n bytes of realistic log lines dense in the digit
// shapes that wake the digits trigger but are not PII: timestamps, epoch
// milliseconds, HDFS block ids, ports, byte counts, durations, versions,
// hex ids and IPs, with a PII line every hundred lines.
func digitHeavyLog(n int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	hex := func(k int) string {
		const h = "0123456789abcdef"
		b := make([]byte, k)
		for i := range b {
			b[i] = h[rng.IntN(16)]
		}
		return string(b)
	}
	ip := func() string {
		return fmt.Sprintf("10.%d.%d.%d", rng.IntN(256), rng.IntN(256), rng.IntN(256))
	}
	ts := func() string {
		return fmt.Sprintf("2026-11-%02dT%02d:%02d:%02d.%03dZ", 1+rng.IntN(28), rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(1000))
	}
	pii := digitHeavyPII
	var b bytes.Buffer
	for line := 0; b.Len() < n; line++ {
		switch line % 100 {
		case 99:
			fmt.Fprintf(&b, "%s INFO %s\n", ts(), pii[rng.IntN(len(pii))].in)
			continue
		}
		switch rng.IntN(9) {
		case 0:
			fmt.Fprintf(&b, "%s INFO http method=GET path=/v1/orders/%d status=200 dur=%dms bytes=%d trace=%s span=%s remote=%s:%d\n",
				ts(), rng.IntN(100000), rng.IntN(5000), rng.IntN(1<<30), hex(32), hex(16), ip(), 1024+rng.IntN(60000))
		case 1:
			fmt.Fprintf(&b, "Nov %2d %02d:%02d:%02d host-%d sshd[%d]: Accepted publickey for deploy from %s port %d ssh2\n",
				1+rng.IntN(28), rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(99), rng.IntN(65536), ip(), 1024+rng.IntN(60000))
		case 2:
			fmt.Fprintf(&b, "0811%02d %06d %d INFO dfs.DataNode$PacketResponder: PacketResponder %d for block blk_%d terminating\n",
				1+rng.IntN(28), rng.IntN(240000), rng.IntN(2000), rng.IntN(3), rng.Int64()-rng.Int64())
		case 3:
			fmt.Fprintf(&b, `{"ts":%d,"level":"info","msg":"order created","order_id":%d,"amount":%d,"user_id":"%s-%s-%s-%s-%s","latency_ms":%d}`+"\n",
				1732761600000+rng.Int64N(1e10), rng.Int64N(1e12), rng.IntN(100000), hex(8), hex(4), hex(4), hex(4), hex(12), rng.IntN(900))
		case 4:
			fmt.Fprintf(&b, "2026-11-28 03:26:49,%03d WARN [pool-3-thread-%d] o.a.z.s.NIOServerCnxn@%d - Closed socket connection for client /%s:%d which had sessionid 0x%s\n",
				rng.IntN(1000), rng.IntN(16), rng.IntN(1000), ip(), 1024+rng.IntN(60000), hex(15))
		case 5:
			fmt.Fprintf(&b, "I1128 %02d:%02d:%02d.%06d   %d reconciler.go:%d] \"Reconcile\" pod=\"default/web-%s\" image=\"nginx@sha256:%s\" version=\"v1.%d.%d\"\n",
				rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(1000000), rng.IntN(99999), rng.IntN(900), hex(10), hex(64), rng.IntN(40), rng.IntN(20))
		case 6:
			fmt.Fprintf(&b, "%s - - [28/Nov/2026:%02d:%02d:%02d +0000] \"GET /api/v2/items?page=%d&limit=50 HTTP/1.1\" %d %d \"-\" \"Mozilla/5.0 Chrome/120.0.%d.%d\" 0.%03d\n",
				ip(), rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(100), 200+rng.IntN(300), rng.IntN(1<<20), rng.IntN(9999), rng.IntN(999), rng.IntN(1000))
		case 7:
			fmt.Fprintf(&b, "metric=disk_io_bytes value=%d ts=%d host=db-%d inode=%d offset=%d elapsed=%d.%06ds\n",
				rng.Int64N(1e12), 1732761600+rng.IntN(1e7), rng.IntN(9), rng.IntN(1e8), rng.Int64N(1e13), rng.IntN(100), rng.IntN(1e6))
		case 8:
			fmt.Fprintf(&b, "%d %d %d %s job %d finished: %d records, %d bytes in %d ms (%d/%d)\n",
				1732761600000+rng.Int64N(1e10), rng.IntN(99999), rng.IntN(9999), ts(), rng.IntN(1e6), rng.IntN(1e7), rng.Int64N(1e11), rng.IntN(1e6), rng.IntN(1000), 1000)
		}
	}
	return b.Bytes()
}

// digitHeavyPII are the messages with personal data in digitHeavyLog, and
// their redaction.
var digitHeavyPII = []struct{ in, want string }{
	{"user signup email=alice.smith+news@example.co.uk phone=+44 20 7946 0958",
		"user signup email=[REDACTED:email] phone=[REDACTED:phone]"},
	{"payment ok card=4111 1111 1111 1111 amount=1999 currency=EUR",
		"payment ok card=[REDACTED:card] amount=1999 currency=EUR"},
	{"kyc check ssn=123-45-6789 iban=DE89 3704 0044 0532 0130 00",
		"kyc check ssn=[REDACTED:ssn] iban=[REDACTED:iban]"},
	{"callback requested tel (415) 555-2671 by customer",
		"callback requested tel [REDACTED:phone] by customer"},
}

// TestDigitHeavyLogKeepsNonPII checks the benchmark input line by line:
// every line with personal data changes, every other line (timestamps,
// epoch ms, block ids, ports, byte counts, versions, hex ids, IPs) comes
// out as it went in.
func TestDigitHeavyLogKeepsNonPII(t *testing.T) {
	r := Default()
	npii := 0
	for i, line := range bytes.Split(digitHeavyLog(256<<10), []byte("\n")) {
		want := line
		for _, p := range digitHeavyPII {
			if m, ok := bytes.CutSuffix(line, []byte(p.in)); ok {
				want = append(m[:len(m):len(m)], p.want...)
				npii++
			}
		}
		if out := r.Bytes(line); !bytes.Equal(out, want) {
			t.Errorf("line %d:\n  in %s\n got %s\nwant %s", i+1, line, out, want)
		}
	}
	if npii == 0 {
		t.Error("the generated log has no PII line")
	}
}

// BenchmarkDigitHeavyLog measures a log dense in digits; the run without
// the digit rules shows what the digits trigger costs.
func BenchmarkDigitHeavyLog(b *testing.B) {
	in := digitHeavyLog(1 << 20)
	noDigits, err := New(DisableRules("card", "ssn", "phone", "iban"))
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		r    *Redactor
	}{{"default", Default()}, {"without-digit-rules", noDigits}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				bc.r.Bytes(in)
			}
		})
	}
}

// FuzzPIIStream checks, on any input, that the PII rules do not panic,
// that a stream split anywhere gives the one-shot answer, and that
// redacting twice changes nothing more.
func FuzzPIIStream(f *testing.F) {
	for _, s := range []string{
		"card 4111 1111 1111 1111 12/29",
		"+44 (0)20 7946 0958, (415) 555-2671 and 1 (800) 555-0199",
		"n: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 4111111111111111",
		"4111111111111111111111111111111111111111111111111111111111111111111111111111111 4111111111111111",
		"IBAN: GB82 WEST 1234 5698 7654 32, DE89370400440532013000",
		"ssn=123-45-6789 SSN: 123456789 phone=%2B14155552671",
		"u=alice%40example.com, jane@example.com@dav иван@пример.рф",
		"(+44) 20 7946 0958 ((415) 555-2671) blk_-1608999687919862906",
	} {
		f.Add(s, uint16(len(s)/2))
	}
	r := Default()
	f.Fuzz(func(t *testing.T, s string, cut uint16) {
		in := []byte(s)
		want := r.Bytes(in)
		c := int(cut) % (len(in) + 1)
		if got := streamOf(t, r, in, c); !bytes.Equal(got, want) {
			t.Fatalf("split at %d: stream differs\n  in %q\n got %q\nwant %q", c, in, got, want)
		}
		if twice := r.Bytes(want); !bytes.Equal(twice, want) {
			t.Fatalf("not idempotent\n  in %q\nonce %q\ntwice %q", in, want, twice)
		}
	})
}

// Rows found by the outsider-style evaluation (eval/).
func TestPIIEvalRegressions(t *testing.T) {
	rows := []struct{ in, want string }{
		// A vendor token used as a URL user name: the host is not a mailbox.
		{"git clone https://xapp-1-ASFX8DB6IOO-0539171439248-e760822525333e92465d9542794e5aaa752c4fb60d42b902378ee80d2e95c5c4@github.com/acme/api.git",
			"git clone https://[REDACTED:slack-token]@github.com/acme/api.git"},
		// A "number" of a card or phone is the thing, not an id.
		{`x {"card_number":"6011310150741764","exp":"08/29"}`, `x {"card_number":"[REDACTED:card]","exp":"08/29"}`},
		{"cc_number=30039653624611 trace_id=e006e1bf", "cc_number=[REDACTED:card] trace_id=e006e1bf"},
		{"msg=x Phone number: 9193864705 (attempt 1/5)", "msg=x Phone number: [REDACTED:phone] (attempt 1/5)"},
		// ... while other numbers keep their id reading.
		{"order_number=4111111111111111", "order_number=4111111111111111"},
		{"order no 4111111111111111", "order no 4111111111111111"},
	}
	for _, tc := range rows {
		if got := Default().String(tc.in); got != tc.want {
			t.Errorf("String(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// TestGlueAfterPlaceholder: digits glued to a redacted value stay glued on
// a second pass (our placeholder counts as the word it replaced), so
// redaction is idempotent.
func TestGlueAfterPlaceholder(t *testing.T) {
	r := Default()
	for _, in := range []string{"0@000.AA+200000000", "0@0.AA.GB82WEST12345698765432", "ph 00000001 00000001", "pass:0 0::", "BeArer 000token=00", "+200 0000 0000 0000.+810000000", "bob@example.com+14155552671", "x bob@example.com4155552671"} {
		once := r.String(in)
		if twice := r.String(once); twice != once {
			t.Errorf("%q: once %q, twice %q", in, once, twice)
		}
	}
}
