package redact

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// declinePieces are JSON strings and numbers for dropHits to judge, used
// as keys and as values: anchors with decline tests ("://", Bearer,
// Basic, vendor prefixes), declined at a glance or not (an '@', a
// credential, a token body or an escape later in the string); and keys
// that are inert ("max_tokens") or not (secret, code, escaped, holding a
// secret themselves, naming a secret for a name/value pair).
var declinePieces = []string{
	`"https://api.example.com/v1/items/7"`,
	`"https://deploy:Xk29vLq7pZ@git.example.com/repo.git"`,
	`"https://api.example.com/?contact=ops@example.com"`,
	`"https:\/\/svc:Tr0ub4dor99@db.internal\/x"`,
	`"https://svc:Tr0ub4dor99\u0040db.internal/x"`,
	`"redis://:9fKq2LmZ7xW@cache:6379/0"`,
	`"Bearer"`,
	`"Bearer eyJzdWIiOiIxMjM0NTY3ODkwIn0x9fKq2LmZ7xWpR"`,
	`"Bearer 9f8e7d6c5b4a39281706f5e4"`,
	`"BearerAuth"`,
	`"Basic"`,
	`"Basic dXNlcjpodW50ZXIyaHVudGVyMg=="`,
	`"token_type"`,
	`"see https://docs.example.com and Bearer 9f8e7d6c5b4a39281706f5e4"`,
	`"https://a.example.com/ then https://u:Passw0rd77@b.example.com"`,
	`"password"`,
	`"task design path update precious risk"`,
	`"SK0123456789abcdef0123456789abcdef"`,
	`"sid SKb0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5 ok"`,
	`"cio7Hq2LmZ9xWpR4tKv8NbC3jYd6FsGa1Ue"`,
	`"SK"`,
	`"xoxb-%2B"`,
	`"xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"`,
	`"max_tokens"`,
	`"prompt_tokens"`,
	`"pin"`,
	`"otp_code"`,
	`"4821"`,
	`123456`,
	`"api_key"`,
	`"p\u0061ssword"`,
	`"ops@example.com"`,
	`"sk_live_4eC39HqLyjWDarjtT1zdp7dc"`,
	`"secret_name"`,
	`"DB_PASSWORD"`,
	`"value"`,
	`"name"`,
	`"token type"`,
	`"+1 415 555 0134"`,
	`4111111111111111`,
	// Strings longer than a decline test's look (maxDeclineScan): prose
	// whose anchors all decline, then the same with a secret at its end,
	// with an escape and a token after it, with escaped quotes.
	`"` + longProse + `"`,
	`"` + longProse + ` password: hunter2xyz"`,
	`"` + longProse + `\n Bearer 9f8e7d6c5b4a39281706f5e4 ` + longProse + `"`,
	`"` + longProse + ` said \"the token\" ` + longProse + `"`,
	`"+1+(415 555-2671"`, `"+1+ 415 555 2671"`, `"glc_\/q8ZrT2vLm9XwPk4Jd7NbY3sHf6GcQ1eRt5UoVi0A"`,
	`"sntryu_\\\/9ead170faee33cbfac21378b2d9d"`,
	`"` + jwtExample + `"`, `"x` + jwtExample + `"`, `"a.` + jwtExample + `"`, `"\n` + jwtExample + `"`,
	`"EyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.c2ln"`,
	// Digit runs that declineDigits passes by (ids, Unix times) or must
	// not (an SSN's nine digits, a North American number, a national
	// number, a card), as numbers, in strings and under phone, SSN and id
	// keys.
	`1296269`,
	`-1296269`,
	`1733000037`,
	`1296269.5`,
	`[1296269, 1733000037]`,
	`"1296269"`,
	`"ref 1296269, id:1733000037"`,
	`"phone"`,
	`"ssn"`,
	`"user_id"`,
	`4155552671`,
	`14155552671`,
	`"0296269"`,
	`123456789`,
	`"DE1296269"`,
	`"+1296269"`,
	`"(415)1296269"`,
	`"+1 1296269"`,
	`"tel: 02071838750, 1296269"`,
	`"1296269-1733000037"`,
	`"%201733000037"`,
	`{"created_at":"2026-12-05T13:13:56.223739121Z","phone":"2026-12-05T13:13:56.223739121Z"}`,
	`{"tel":"+1.4155552671Z","at":"56.2237391Z 4155552671"}`,
	`{"at":"2026-12-05T13:13:56.223739121+01:00","tel":"13:56.2237391 415.555.2671","phone":"x:56.2237391"}`,
	`{"a":"13:56.)4111111111111111","b":"2026-12-05T13:13:56.2237391)415-555-2671"}`,
	`1733000037123`,
	`"ssn 078051120"`,
	// Strings of digits alone, judged under their key (inertDigitStringAt).
	`"4155552671"`,
	`"14155552671"`,
	`"078051120"`,
	`"02071838750"`,
	`"4111111111111111"`,
	`"1733000037123"`,
	`"123456789"`,
	`"1111111111111"`,
	`"tel"`,
	`"phones"`,
	`"resourceVersion"`,
}

func randomDeclineDoc(rng *rand.Rand) []byte {
	var b strings.Builder
	b.WriteString(`{"items":[`)
	for i := range 20 + rng.IntN(40) {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"id":`)
		b.WriteString(strings.Repeat("1", 1+rng.IntN(3)))
		for range 1 + rng.IntN(4) {
			k := declinePieces[rng.IntN(len(declinePieces))]
			if k[0] != '"' {
				k = `"n"`
			}
			b.WriteString(",")
			b.WriteString(k)
			b.WriteString(":")
			b.WriteString(declinePieces[rng.IntN(len(declinePieces))])
		}
		b.WriteString(`}`)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// jwtExample is a JSON Web Token of the shape validateJWT takes.
const jwtExample = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"

// longProse is 1.3 KiB of prose whose anchors (pass, key, design, token,
// secret, auth) all decline.
var longProse = strings.Repeat("the passage about keyboard design and the token budget, so the monkey can pass; secrets of the author. ", 13)

// TestDropHitsChangesNothing checks that skipping the hits dropHits drops
// gives exactly what visiting them gives, for JSON and JSONUnchecked, on
// documents that mix such hits with ones that matter.
func TestDropHitsChangesNothing(t *testing.T) {
	with, without := visitOracle(t)
	if !slices.ContainsFunc(with.rules, func(r *rule) bool { return r.decline != nil }) {
		t.Fatal("the default catalog has decline tests; this test needs them")
	}
	rng := rand.New(rand.NewPCG(7, 9))
	changed := 0
	for range 300 {
		doc := randomDeclineDoc(rng)
		want, werr := without.JSON(doc)
		got, gerr := with.JSON(doc)
		if !bytes.Equal(got, want) || (werr == nil) != (gerr == nil) {
			t.Fatalf("JSON differs with dropHits\n in: %s\ngot: %s\nwant: %s", doc, got, want)
		}
		if u, wu := with.JSONUnchecked(doc), without.JSONUnchecked(doc); !bytes.Equal(u, wu) || !bytes.Equal(u, want) {
			t.Fatalf("JSONUnchecked differs with dropHits\n in: %s\ngot: %s\nwant: %s", doc, u, wu)
		}
		if !bytes.Equal(got, doc) {
			changed++
		}
	}
	if changed == 0 {
		t.Fatal("no document had anything redacted: the pieces test nothing")
	}
}

// TestDeclineDigitsFindsNothing checks declineDigits against the digits
// rules themselves: wherever it declines a digit anchor in random text
// (digit runs of every length around ids, Unix times and phone numbers,
// glued to letters, signs, separators, escapes, IBAN heads and phone or
// SSN words), the validator run alone at that anchor, under any JSON key,
// finds nothing, and Find reports no card, SSN, phone number or IBAN over
// its run.
func TestDeclineDigitsFindsNothing(t *testing.T) {
	r := Default()
	pii := map[string]bool{"card": true, "ssn": true, "phone": true, "iban": true}
	runs := []string{"1296269", "12962690", "1733000037", "4155552671", "14155552671", "24155552671",
		"0296269", "02071838750", "129626901234", "078051120", "536294817", "4111111111111111", "89370400440532013000", "1733000037123", "555",
		"7", "12", "3456", "223739121", "56.223739121", "4111111111111111.5"}
	glue := []string{"", "", " ", "  ", "   ", ":", ", ", "{", "[", "]", "}", "\"", "\n", "\t", "+", "-", ".",
		"(", ")", "%", "%2B", "\\u", "\x1b[", ";", "x", "DE", "GB82 WEST ", "@", "$", "phone ", "tel: ",
		"ssn ", "SSN: ", "id=", "user_id:", "[REDACTED:phone:", "+1 ",
		"abc", "_", "f", "x%2b", "x%2B", "%2b", `\n`, `\u00`, "\x1b[1m", "\x1b[31;1m", "(", "-x", "é", "a.", "b-", "DEab", "415 555 ",
		"d+", "D2+", "X+", "GB+", "+ ", "+(", "+-", "/+", "++",
		// An RFC 3339 time's fraction and what may follow or lead it.
		"T13:13:56.", "2026-12-05T13:13:", "Z", "Z\"", "s", "ms", "_", ".", "..", "-.", ". ", "DE.", "DE89.", "X.", "+1.", "(0).", "tel: +44.",
		"13:", "T1:", "tel:", "phone:", "x:", "+01:00", "-05:00", "-05", ".5", "\""}
	keyNames := []string{"", "phone", "ssn", "tel", "id", "iban"}
	rng := rand.New(rand.NewPCG(3, 5))
	declined, found := 0, 0
	// Texts each guard of declineDigits is needed for.
	fixed := []string{
		"MT84MALT011000012345MTLCAST001S", // an IBAN with letters after its digits
		"abc1296269 415 555 2671",         // glued on the left, a phone number after a space
		"(415) 555-2671 1296269abc",       // glued on the right, a phone number before it
		"\\u0002071838750 phone",          // an escape's digits
		"tel: %2b4155552671",              // an encoded '+'
		"ref 1296269",                     // a plain run after a word
		"SSN: 536294817",                  // nine digits
		"2026-12-05T13:13:56.223739121Z",  // a time's fraction glued to its zone
		"phone 415.555.2671Z",             // glued on the right, a candidate had the glue been a space
		"GB82WEST12345698765432.2237391Z", // an IBAN glued to a region's first group
		"13:56.223739121+01:00",           // a time's fraction before its offset
		"tel:56.2237391",                  // a phone word, no digit, before the colon
		"13:56.2237391 415 555 2671",      // a space further on in the region
		"13:415.555.2671",                 // a first group of three: a North American number
		// A candidate starts after a ')' too (an outside review).
		"13:56.)4111111111111111",
		"13:56.2237391)4111111111111111",
		"2026-12-05T13:13:56.2237391)415-555-2671",
		"13:56.2237391)4111111111111111Z", // glued: no candidate ends before a space
		"13:56.2237391-415-555-2671 ",     // no space, a phone number's groups further on
	}
	for n := range 20000 + len(fixed) {
		var b strings.Builder
		if n < len(fixed) {
			b.WriteString(fixed[n])
		} else {
			for range 1 + rng.IntN(4) {
				b.WriteString(glue[rng.IntN(len(glue))])
				b.WriteString(runs[rng.IntN(len(runs))])
			}
			b.WriteString(glue[rng.IntN(len(glue))])
		}
		w := []byte(b.String())
		fs := r.Find(w)
		for _, f := range fs {
			if pii[f.Rule] {
				found++
			}
		}
		st := uint32(root)
		for e := 1; e <= len(w); e++ {
			st = r.m.trans[st+uint32(r.m.class[w[e-1]])]
			if st < r.m.matchMin || !slices.ContainsFunc(r.m.outputs(st), func(o anchorOut) bool { return o.rule.digits }) {
				continue
			}
			if !declineDigits(w, e) {
				continue
			}
			declined++
			// The decline test's contract: the validator, run alone at
			// this anchor (nothing analysed before it), under any JSON
			// key, finds nothing.
			for _, o := range r.m.outputs(st) {
				if !o.rule.digits {
					continue
				}
				s := r.getScanner()
				s.data, s.eof = w, true
				s.key = jsonKey{name: []byte(keyNames[rng.IntN(len(keyNames))])}
				s.call(o, e, len(w))
				if len(s.found) > 0 {
					f := s.found[0]
					t.Fatalf("declineDigits declined %q at %d, but the validator finds %s %q there", w, e, f.rule.id, w[f.start:f.end])
				}
				r.doneScanner(s, nil)
			}
			ds, de := e, e
			for ds > 0 && isDigit(w[ds-1]) {
				ds--
			}
			for de < len(w) && isDigit(w[de]) {
				de++
			}
			for _, f := range fs {
				if pii[f.Rule] && f.Start < de && f.End > ds {
					t.Fatalf("declineDigits declined %q at %d, but Find reports %s over %q", w, e, f.Rule, w[f.Start:f.End])
				}
			}
		}
	}
	if declined < 1000 || found < 1000 {
		t.Fatalf("declined %d anchors, found %d digit findings: the texts test too little", declined, found)
	}
}

// visitOracle returns the default Redactor and one that visits every hit
// and declines nothing (keepAllHits), whose output the hit filters must
// reproduce.
func visitOracle(t *testing.T) (with, without *Redactor) {
	t.Helper()
	without, err := New()
	if err != nil {
		t.Fatal(err)
	}
	without.keepAllHits = true
	return Default(), without
}

// writePieces writes in to w in random pieces of 1 to most bytes, then
// closes it.
func writePieces(t *testing.T, w io.WriteCloser, in []byte, rng *rand.Rand, most int) {
	t.Helper()
	for len(in) > 0 {
		n := min(len(in), 1+rng.IntN(most))
		if _, err := w.Write(in[:n]); err != nil {
			t.Fatal(err)
		}
		in = in[n:]
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// sameAsVisiting fails t unless JSON, JSONUnchecked and the JSONWriter
// (written in random chunks) give the valid JSON document doc the bytes
// that visiting every hit gives. It returns those bytes.
func sameAsVisiting(t *testing.T, with, without *Redactor, doc []byte, rng *rand.Rand) []byte {
	t.Helper()
	want, err := without.JSON(doc)
	if err != nil {
		t.Fatalf("not JSON (%v): %s", err, doc)
	}
	if got, _ := with.JSON(doc); !bytes.Equal(got, want) {
		t.Fatalf("JSON differs\n in: %s\ngot: %s\nwant: %s", doc, got, want)
	}
	if got := with.JSONUnchecked(doc); !bytes.Equal(got, want) {
		t.Fatalf("JSONUnchecked differs\n in: %s\ngot: %s\nwant: %s", doc, got, want)
	}
	var buf bytes.Buffer
	writePieces(t, with.NewJSONWriter(&buf), doc, rng, 40)
	if !bytes.Equal(buf.Bytes(), want) {
		t.Fatalf("JSONWriter differs\n in: %s\ngot: %s\nwant: %s", doc, buf.Bytes(), want)
	}
	return want
}

// TestDeclineKeyedChangesNothing checks declineKeyed (and plainValue)
// the way TestDropHitsChangesNothing checks dropHits: JSON documents whose
// strings are random prose around secret nouns' roots ("monkey",
// "shipping", "design"), spaced keys ("password v", "ENV API_KEY v", "set
// -gx TOKEN v", table columns), k=v pairs, and name/value pairs, come out
// the same with every hit visited and nothing declined.
func TestDeclineKeyedChangesNothing(t *testing.T) {
	with, without := visitOracle(t)
	rng := rand.New(rand.NewPCG(11, 13))
	words := []string{"monkey", "design", "shipping", "passenger", "tokenizer", "cookies", "secretary", "password",
		"passwd", "passphrase", "requirepass", "masterauth", "api_key", "pin", "otp", "token", "Signal", "typing",
		"footprint", "set", "ENV", "-gx", "--password", "-Dapi.key", "user[password]", "export", "|", "Xk29vLq7pZ",
		"hunter2", "v", "4821", "<wsse:Password", "${DB_PASSWORD:-x}", "DB_PASSWORD", "apiKey", "requirepass"}
	seps := []string{" ", " ", " ", "  ", "=", ": ", ":", `\t`, ",", ".", "-", " = ", "]=", "%3D", "%5D=", `\u001b[0m=`, "?=", "'", "`", `\"`, ">", " | ", "(", ")", `\n`, "&", `\\`}
	keys := []string{"description", "name", "value", "key", "field", "note", "password", "title", "api_key"}
	// Members where a declined-looking hit still matters: each guard of
	// declineKeyed and plainValue is needed by one of them.
	fixed := []string{
		`"note":"set -gx token Xk29vLq7pZ"`,
		`"note":"fish: set -gx API_KEY Xk29vLq7pZ"`,
		`"note":"password Xk29vLq7pZ"`,
		`"note":"token     Xk29vLq7pZ"`,
		`"note":"| token | Xk29vLq7pZ |"`,
		`"note":"ENV API_KEY Xk29vLq7pZ"`,
		`"note":"requirepass Xk29vLq7pZ"`,
		`"note":"--password Xk29vLq7pZ"`,
		`"note":"Note, password Xk29vLq7pZ"`,
		`"note":"(password Xk29vLq7pZ)"`,
		`"name":"DB_PASSWORD","value":"Xk29vLq7pZ"`,
		`"key":"api_token","value":"Xk29vLq7pZ"`,
		`"field":"monkey_secret","val":"Xk29vLq7pZ"`,
		`"api_key":"Xk29vLq7pZ"`,
		`"client_secret":["Xk29vLq7pZ"]`,
	}
	for _, m := range fixed {
		doc := []byte(`{"a":[{"id":1,` + m + `,"b":2}],"pad":"` + strings.Repeat("x", minHitMap) + `"}`)
		if want := sameAsVisiting(t, with, without, doc, rng); bytes.Contains(want, []byte("Xk29vLq7pZ")) {
			t.Errorf("%s: the secret is kept even when every hit is visited: %s", m, want)
		}
	}
	changed := 0
	for range 400 {
		var b strings.Builder
		b.WriteString(`{"items":[`)
		for i := range 10 + rng.IntN(20) {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`{"id":1`)
			for range 1 + rng.IntN(3) {
				b.WriteString(`,"` + keys[rng.IntN(len(keys))] + `":`)
				if rng.IntN(5) == 0 {
					b.WriteString(`["`)
				} else {
					b.WriteString(`"`)
				}
				for range 1 + rng.IntN(5) {
					b.WriteString(words[rng.IntN(len(words))])
					if rng.IntN(4) > 0 {
						b.WriteString(seps[rng.IntN(len(seps))])
					}
				}
				b.WriteString(`"`)
				if s := b.String(); strings.LastIndex(s, `["`) > strings.LastIndex(s, `":`) {
					b.WriteString(`]`)
				}
			}
			b.WriteString(`}`)
		}
		b.WriteString(`]}`)
		doc := []byte(b.String())
		if !bytes.Equal(sameAsVisiting(t, with, without, doc, rng), doc) {
			changed++
		}
	}
	if changed < 100 {
		t.Fatalf("only %d documents had anything redacted: the texts test too little", changed)
	}
}

// TestNumbersChangeNothing checks inertNumberAt and numberInert (in the
// walkers and the JSONWriter) the way TestDropHitsChangesNothing checks
// dropHits: documents of numbers of
// every shape (ids, Unix times, floats with long fractions, exponents,
// cards, North American and national phone numbers, SSNs) under keys that
// give them a context or not, in objects, arrays, nested arrays and at
// the top level, and under keys that redaction rewrites, come out the
// same with every number scanned.
func TestNumbersChangeNothing(t *testing.T) {
	with, without := visitOracle(t)
	nums := []string{"1296269", "-1296269", "1733000037", "4155552671", "14155552671", "536294817", "4111111111111111",
		"-4111111111111111", "4111111111111111.5", "0.0831896", "-0.05577448485921505", "37.774929", "-122.419416",
		"1.5e-1234567", "2.5E+12345678", "0.4111111111111111", "20.71838750", "0.2071838750", "12345678901234567890", "7",
		"1e+4111111111111111", "0.5E+5555555555554444", "1e-4111111111111111",
		// Plain integers of 13 digits or more: Unix times in milliseconds,
		// cards of each issuer and length, the same off by one, one
		// digit repeated, too long for a card.
		"1733000000123", "-1733000000123", "1733000000123456", "4222222222222", "378282246310005", "6011111111111117",
		"5555555555554444", "30569309025904", "4111111111111112", "1111111111111111", "-5555555555554444",
		"12345678901234567890", "98765432109876543210987"}
	keys := []string{"phone", "phones", "tel", "mobile", "ssn", "contact", "fax_number", "user_id", "embedding", "lat",
		"values", "max_tokens", "password=hunter2", "callback", "telemetry", "Phone Number", "x", "id", "card", "created",
		"lng", "score", "resourceVersion", "phone" + strings.Repeat("_", 18),
		// Escaped keys, read decoded: a phone and an SSN key in disguise.
		`pho\u006ee`, `ss\u006e`, `tel\n`, `x\u0026y`}
	rng := rand.New(rand.NewPCG(21, 23))
	num := func() string {
		if rng.IntN(4) == 0 {
			return longInteger(rng)
		}
		return nums[rng.IntN(len(nums))]
	}
	var value func(depth int) string
	value = func(depth int) string {
		switch k := rng.IntN(7); {
		case k < 3 || depth > 2:
			return num()
		case k == 3:
			var b strings.Builder
			b.WriteString("[")
			for i := range 1 + rng.IntN(6) {
				if i > 0 {
					b.WriteString([]string{",", ", ", ",\n  "}[rng.IntN(3)])
				}
				b.WriteString(value(depth + 1))
			}
			return b.String() + "]"
		case k == 4 && rng.IntN(2) == 0:
			return `"` + num() + `"` // digits alone in a string (inertDigitStringAt)
		case k == 4:
			return `"` + num() + " " + num() + `"`
		case k == 5:
			// Between the numbers of a record (inertMembersAfter): strings
			// that hold a digit anchor or not, literals.
			return []string{`"+14155552671"`, `"tel 415-555-2671"`, `"call 555 1234"`, `"v1.2.3"`, `"ok"`, `"x+1"`,
				`"1234"`, `"123"`, "true", "false", "null", `"SSN 078-05-1120"`,
				// Escapes: the numbers around are judged unless a quote is
				// escaped (or a backslash ends a string).
				`"a\nb"`, `"x\u0026y\u00e9"`, `"C:\\"`, `"say \"4155552671\""`, `"\", 4155552671, \""`}[rng.IntN(17)]
		default:
			var b strings.Builder
			b.WriteString("{")
			for i := range 1 + rng.IntN(4) {
				if i > 0 {
					b.WriteString(",")
				}
				b.WriteString(`"` + keys[rng.IntN(len(keys))] + `":` + []string{"", " "}[rng.IntN(2)] + value(depth+1))
			}
			return b.String() + "}"
		}
	}
	// An array of arrays of numbers (coordinates, a time series), one to
	// three deep, under a key or at the top level: read under the
	// outermost array's key.
	nested := func() string {
		broken := rng.IntN(4) == 0 // brackets that need not balance
		var b strings.Builder
		b.WriteString("[")
		for i := range 20 + rng.IntN(20) {
			if i > 0 {
				b.WriteString([]string{",", ", ", ",\n"}[rng.IntN(3)])
			}
			open, closing := 1+rng.IntN(2), 0
			if closing = open; broken {
				closing = 1 + rng.IntN(2)
			}
			b.WriteString(strings.Repeat("[", open))
			b.WriteString(num() + "," + num())
			b.WriteString(strings.Repeat("]", closing))
		}
		return b.String()
	}
	// A string of digits in an array, after a string that a key could be
	// taken for: it is read under the array's key.
	for _, d := range []string{`{"phones":[1,"ok","4155552671"]}`, `{"ssn":[null,"ok","078051120"]}`} {
		doc := []byte(`{"pad":"` + strings.Repeat("x", minHitMap) + `","d":` + d + `}`)
		if bytes.Equal(sameAsVisiting(t, with, without, doc, rng), doc) {
			t.Fatalf("nothing redacted in %s", doc)
		}
	}
	// A key head seen before (keyHead) in a place where no key may
	// stand: a comma after '['. Text redaction, which such a document
	// gets, reads "tel" before the number.
	// And a key whose context depends on the sign (its word ends 20 bytes
	// before a positive number's digits, 21 before a negative one's).
	k := `"phone` + strings.Repeat("_", 18) + `"`
	for _, d := range []string{`"a":1,"x":0.1234567,"tel":[,"x":4155552671]`, `"o":{"x":0.1234567},"tel":[,"x":4155552671]`,
		`"a":{` + k + `:-0.1234567},"b":{` + k + `:4155552671}`} {
		doc := []byte(`{"pad":"` + strings.Repeat("x", minHitMap) + `",` + d + `}`)
		got, want := with.JSONUnchecked(doc), without.JSONUnchecked(doc)
		if !bytes.Equal(got, want) || bytes.Contains(want, []byte("4155552671")) {
			t.Fatalf("JSONUnchecked on %s\ngot:  %s\nwant: %s (with no phone number)", d, got, want)
		}
	}
	changed, invalid := 0, 0
	for n := range 600 {
		var doc []byte
		switch {
		case n >= 400:
			arr := nested() + "]"
			if n%3 == 0 {
				doc = []byte(arr)
			} else {
				doc = []byte(`{"pad":"` + strings.Repeat("x", minHitMap) + `","` + keys[rng.IntN(len(keys))] + `":` + arr + "}")
			}
		case rng.IntN(4) == 0:
			doc = []byte("[" + value(1) + "," + strings.Repeat(num()+",", 40) + num() + "]")
		default:
			var b strings.Builder
			b.WriteString(`{"pad":"` + strings.Repeat("x", minHitMap) + `"`)
			for range 2 + rng.IntN(8) {
				b.WriteString(`,"` + keys[rng.IntN(len(keys))] + `":` + value(0))
			}
			doc = []byte(b.String() + "}")
		}
		if _, err := without.JSON(doc); err != nil {
			// Not JSON: the hits dropped must still change nothing.
			if got, want := with.JSONUnchecked(doc), without.JSONUnchecked(doc); !bytes.Equal(got, want) {
				t.Fatalf("JSONUnchecked differs on invalid JSON\n in: %s\ngot: %s\nwant: %s", doc, got, want)
			}
			invalid++
			continue
		}
		if !bytes.Equal(sameAsVisiting(t, with, without, doc, rng), doc) {
			changed++
		}
	}
	if changed < 100 {
		t.Fatalf("only %d documents had anything redacted: the numbers test too little", changed)
	}
	if invalid < 20 || invalid > 100 {
		t.Fatalf("%d of 200 nested documents are not JSON: the brackets test too little", invalid)
	}
}

// longInteger returns a random plain integer of 12 to 20 digits that
// starts like a card of some issuer (or like a Unix time in milliseconds,
// or like nothing), half of them with a Luhn check digit.
func longInteger(rng *rand.Rand) string {
	prefixes := []string{"4", "51", "55", "2221", "34", "37", "6011", "65", "644", "3528", "36", "300", "62", "2200",
		"50", "67", "17", "9", "1"}
	n := 12 + rng.IntN(9)
	d := []byte(prefixes[rng.IntN(len(prefixes))])
	for len(d) < n {
		d = append(d, byte('0'+rng.IntN(10)))
	}
	if rng.IntN(2) == 0 {
		for c := byte('0'); c <= '9'; c++ {
			if d[n-1] = c; luhn(d) {
				break
			}
		}
	}
	if rng.IntN(8) == 0 {
		return "-" + string(d)
	}
	return string(d)
}

// TestDigitRunsResume checks the text path around long runs of digits:
// a region cut by the digits trigger's window resumes at the run's later
// hits, which the scanner's automaton keeps (only the JSON hit map makes
// a run one hit). An outside review found these kept when both did.
func TestDigitRunsResume(t *testing.T) {
	r := Default()
	for _, c := range []struct{ in, secret string }{
		{"4111111111111111 " + strings.Repeat("9", 71), "4111111111111111"},
		{"tel: (415) 555-2671 " + strings.Repeat("8", 80), "555-2671"},
		{"SSN 078-05-1120 " + strings.Repeat("9", 80), "078-05-1120"},
		{strings.Repeat("1 ", 24) + "4111111111111111", "4111111111111111"},
		{`{"note":"4111111111111111 ` + strings.Repeat("9", 80) + `","pad":"` + strings.Repeat("x", minHitMap) + `"}`, "4111111111111111"},
		{`{"x":1e+4111111111111111,"pad":"` + strings.Repeat("x", minHitMap) + `"}`, "4111111111111111"},
	} {
		in := []byte(c.in)
		outs := map[string][]byte{"Bytes": r.Bytes(in)}
		var buf bytes.Buffer
		w := r.NewWriter(&buf)
		for rest := in; len(rest) > 0; rest = rest[min(len(rest), 7):] {
			_, _ = w.Write(rest[:min(len(rest), 7)])
		}
		_ = w.Close()
		outs["Writer"] = buf.Bytes()
		if in[0] == '{' {
			outs["JSON"], _ = r.JSON(in)
			outs["JSONUnchecked"] = r.JSONUnchecked(in)
			var jb bytes.Buffer
			jw := r.NewJSONWriter(&jb)
			_, _ = jw.Write(in)
			_ = jw.Close()
			outs["JSONWriter"] = jb.Bytes()
		}
		for name, out := range outs {
			if bytes.Contains(out, []byte(c.secret)) {
				t.Errorf("%s keeps %s:\n in:  %.100q\n out: %.100q", name, c.secret, in, out)
			}
		}
	}
}

// TestDigitRunHitsOnce checks the automaton's digit-run twin: a run of
// digits is one hit, at its seventh digit, however long; the anchors of a
// separator after it still end where they do.
func TestDigitRunHitsOnce(t *testing.T) {
	r := Default()
	for _, c := range []struct {
		in   string
		want []int32
	}{
		{"x 12345678901234567890 y", []int32{9}},
		{"0.05577448485921505,-0.03351638629746602", []int32{9, 30}},
		{"12345678-1234", []int32{7, 13}}, // "00-0000" ends at the last digit
		{"123456 7", nil},
	} {
		var lanes [hitLanes][]laneHit
		got, _ := r.m.hitEnds([]byte(c.in), nil, nil, &lanes)
		if !slices.Equal(got, c.want) {
			t.Errorf("hitEnds(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestDropHitsDrops checks that the hits it is for are dropped, or never
// made: a REST object's URL (no '@', so no anchor) and an OAuth
// "token_type":"Bearer" leave no hit to visit.
func TestDropHitsDrops(t *testing.T) {
	r := Default()
	doc := []byte(`{"url":"https://api.example.com/v1/items/7","token_type":"Bearer","auth":"Bearer 9f8e7d6c5b4a39281706f5e4","db":"postgres://u:Xk29vLq7pZ@db/app"}`)
	j := r.newJSONWalker(doc, nil)
	defer j.release()
	j.hits, j.hitSts = r.m.hitEnds(doc, j.hits, j.hitSts[:0], &j.lanes)
	j.dropHits()
	kept := j.hits
	clean := len(`{"url":"https://api.example.com/v1/items/7","token_type":"Bearer",`)
	if len(kept) == 0 || int(kept[0]) <= clean {
		t.Errorf("kept hits %v: want none in the first %d bytes (a URL with no '@', an inert key, a bare Bearer)", kept, clean)
	}
	var words []string
	for _, h := range kept {
		words = append(words, string(doc[max(0, int(h)-6):h]))
	}
	got := strings.Join(words, "|")
	if !strings.Contains(got, "Bearer") || !strings.Contains(got, "Lq7pZ@") {
		t.Errorf("kept hits %q: want the Bearer with a credential and the URL's '@'", got)
	}
}

// TestDropHitsKeepsSecretKeys checks that a secret key named like an
// anchor with a decline test ("sk", "bearer", "cio") is still a secret key:
// a key name's anchor belongs to the keyed rule, which has no decline test,
// so its hit stays and the key is read.
func TestDropHitsKeepsSecretKeys(t *testing.T) {
	r, err := New(WithSecretKeys("sk", "bearer", "basic", "url", "cio", "pat"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(`{"data":[`)
	for i := range 20 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"sk":"v4lue9876","bearer":"v4lue9876","basic":"v4lue9876","url":"https://x.example/y","cio":"v4lue9876","pat":"v4lue9876"}`)
	}
	b.WriteString(`]}`)
	doc := []byte(b.String())
	out, err := r.JSON(doc)
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][]byte{"JSON": out, "JSONUnchecked": r.JSONUnchecked(doc)} {
		if bytes.Contains(got, []byte("v4lue")) || bytes.Contains(got, []byte("x.example")) {
			t.Errorf("%s kept a secret key's value: %.200s", name, got)
		}
	}
}

// FuzzDropHits checks dropHits against visiting every hit: JSON gives the
// same bytes either way on any input, and JSONUnchecked on valid JSON. Its seeds run with the package's tests; fuzz it with
// go test ./redact -run '^$' -fuzz FuzzDropHits.
func FuzzDropHits(f *testing.F) {
	// Small seeds: the fuzzer mutates them into documents of its own.
	for _, p := range declinePieces {
		f.Add([]byte(`{"k":` + p + `,` + p + `:1,"max_tokens":[` + p + `]}`))
	}
	f.Add([]byte(`{"a":"x"y", "max_tokens": 1, "b":"sk_live_4eC39HqLyjWDarjtT1zdp7dc"}`))
	f.Add([]byte(`{"password_hint=": hunter2, "max_tokens": 2}`))
	// Numbers: an embedding's floats, a phone under its key, a card after
	// an exponent's '+', numbers in a nested array and in a string.
	f.Add([]byte(`{"embedding":[-0.05577448485921505,0.0331638629746602,1e+4111111111111111],"phone":4155552671}`))
	f.Add([]byte(`[[0.1234567,2.7182818],{"phones":[14155552671]},"0.1234567, 4111111111111111"]`))
	with := Default()
	without, err := New()
	if err != nil {
		f.Fatal(err)
	}
	without.keepAllHits = true
	f.Fuzz(func(t *testing.T, doc []byte) {
		// Pad past minHitMap, so that the hit map is used.
		doc = append(bytes.Repeat([]byte{' '}, minHitMap), doc...)
		want, werr := without.JSON(doc)
		got, gerr := with.JSON(doc)
		if !bytes.Equal(got, want) || (werr == nil) != (gerr == nil) {
			t.Fatalf("JSON differs with dropHits\n in: %q\ngot: %q\nwant: %q", doc, got, want)
		}
		// On a document that is not JSON, a dropped hit may hide that
		// it is not (see JSONUnchecked): only valid ones must agree.
		if werr != nil {
			return
		}
		if u, wu := with.JSONUnchecked(doc), without.JSONUnchecked(doc); !bytes.Equal(u, wu) {
			t.Fatalf("JSONUnchecked differs with dropHits\n in: %q\ngot: %q\nwant: %q", doc, u, wu)
		}
	})
}

// BenchmarkJSONDegenerate runs JSON and JSONUnchecked on one long string
// (and a key's value) made of one anchor-bearing unit repeated, at two
// sizes: MB/s must not fall with size. Many hits in one string were once
// quadratic here (the string's start looked up again for each, a
// decline test reading to the string's end for each).
func BenchmarkJSONDegenerate(b *testing.B) {
	r := Default()
	for _, unit := range []string{"://", "Bearer ", "https://x/ ", "max_tokens ", "sk ", "monkey ", "1296269,", "0.05577448485921505,"} {
		for _, n := range []int{16 << 10, 256 << 10} {
			body := strings.Repeat(unit, n/len(unit))
			doc := []byte(`{"k":"` + body + `","token_type":"` + body + `"}`)
			name := strings.NewReplacer(" ", "_", "/", "s", ":", "c").Replace(unit)
			b.Run(fmt.Sprintf("%s/%dK", name, n>>10), func(b *testing.B) {
				b.SetBytes(int64(len(doc)))
				for b.Loop() {
					r.JSONUnchecked(doc)
					_, _ = r.JSON(doc)
				}
			})
		}
	}
}

// TestInertNumbersAfter checks the run of an array's numbers judged after
// its first inert one: it stops at a number the digit rules may take (a
// card, a '+', a sign the key gives a phone context), and at a number
// that does not end a value, as a visit of each would.
func TestInertNumbersAfter(t *testing.T) {
	with, without := visitOracle(t)
	rng := rand.New(rand.NewPCG(31, 37))
	pad := `"pad":"` + strings.Repeat("x", minHitMap) + `",`
	for _, doc := range []string{
		`{` + pad + `"embedding":[0.1234567,0.2345678,4111111111111111,0.3456789]}`,
		`{` + pad + `"embedding":[0.1234567, 0.2345678, 1e+4111111111111111]}`,
		`{` + pad + `"phone":[-0.05577448485921505,-0.0557744848592150,4155552671]}`,
		`{` + pad + `"phones":[-0.05577448485921505, 14155552671, 3]}`,
		`{` + pad + `"ssn":[-0.05577448485921505,536294817]}`,
		`{` + pad + `"v":[[0.1234567,0.2345678],[4111111111111111]]}`,
	} {
		out := sameAsVisiting(t, with, without, []byte(doc), rng)
		if bytes.Equal(out, []byte(doc)) {
			t.Errorf("nothing redacted in %s", doc)
		}
	}
	// Not JSON: a number that ends no value. Visiting each hit finds the
	// document invalid at the second number; the run must not pass it.
	for _, doc := range []string{
		`[` + strings.Repeat("0.1234567,", 20) + `0.2345678 4111111111111111]`,
		`[` + strings.Repeat("0.1234567,", 20) + `0.2345678:"4111111111111111"]`,
	} {
		if got, want := with.JSONUnchecked([]byte(doc)), without.JSONUnchecked([]byte(doc)); !bytes.Equal(got, want) {
			t.Errorf("JSONUnchecked(%s)\n= %s\nwant %s", doc, got, want)
		}
	}
}

// TestNumberKeyMemo checks the memo of the numbers' keys: for keys asked
// in any order, more of them than it keeps, long ones that share their
// last keyTail bytes, it answers what numberKeyContext and a fresh plain
// answer; and a cycle through as many keys as it keeps ("score", "lat",
// "lng") is answered from memory the second time round.
func TestNumberKeyMemo(t *testing.T) {
	r := Default()
	long := strings.Repeat("x", 70)
	keys := []string{"phone", "tel", "ssn", "score", "lat", "lng", "id", "user_id", "max_tokens", "api_key", "password",
		"", "Phone Number", long + "phone", "y" + long + "phone", long + "lat", "fax", "mobile_number", "x"}
	var m numberKeyMemo
	rng := rand.New(rand.NewPCG(5, 8))
	for range 5000 {
		key := []byte(keys[rng.IntN(len(keys))])
		neg := rng.IntN(2) == 0
		if got, want := m.context(r, key, neg), numberKeyContext(r, key, neg); got != want {
			t.Fatalf("context(%q, neg %v) = %v, want %v", key, neg, got, want)
		}
		want := len(key) <= inertKeyMaxLen && (!r.MayMatch(key) || r.inertKey(key))
		if got := m.plain(r, key); got != want {
			t.Fatalf("plain(%q) = %v, want %v", key, got, want)
		}
	}
	m = numberKeyMemo{}
	cycle := keys[:numberMemoKeys]
	for range 2 {
		for _, k := range cycle {
			m.plain(r, []byte(k))
			m.context(r, []byte(k), false)
		}
	}
	// One entry per key, in order, none replaced in the second round.
	for i, k := range cycle {
		if e := &m.keys[i]; string(e.key[:e.n-1]) != k || !e.plainSet || !e.set[0] {
			t.Fatalf("entry %d holds %q (plain %v, context %v), want %q with both", i, e.key[:e.n-1], e.plainSet, e.set[0], k)
		}
	}
}

// TestDeclineTokenChangesNothing checks declineToken the way
// TestDropHitsChangesNothing checks dropHits: a token of every vendor
// format with a decline test (made as TestVendorTokensInContext makes them), glued on either side to letters, digits, punctuation, escapes
// and placeholders, in its own case and upper-cased, alone or inside a
// base64 blob, comes out of JSON, JSONUnchecked and the JSONWriter the
// same with every hit visited; and the tokens standing alone are found.
func TestDeclineTokenChangesNothing(t *testing.T) {
	with, without := visitOracle(t)
	declines := map[string]bool{}
	for _, r := range with.rules {
		if r.tok != nil && r.decline != nil {
			declines[r.id] = true
		}
	}
	g := tokenGen{rand.New(rand.NewPCG(3, 4))}
	var examples []string
	for _, vc := range vendorCases {
		for _, f := range vc.formats {
			if declines[vc.id] {
				examples = append(examples, g.expand(parseTemplate(t, f), 0))
			}
		}
	}
	if len(examples) < 40 {
		t.Fatalf("only %d vendor tokens with a decline test", len(examples))
	}
	glue := []string{"", "", " ", "x", "A", "9", "_", "-", ".", "/", "+", "=", ":", `\n`, `\t`, `\u0041`, `\u0020`, "%2B",
		"%20", `\"`, "[REDACTED]", "token=", "Bearer "}
	rng := rand.New(rand.NewPCG(23, 29))
	blob := func(n int) string {
		const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
		var b strings.Builder
		for range n {
			b.WriteByte(b64[rng.IntN(64)])
		}
		return b.String()
	}
	for _, ex := range examples {
		doc := []byte(`{"pad":"` + strings.Repeat("x", minHitMap) + `","v":"` + ex + `"}`)
		if out := sameAsVisiting(t, with, without, doc, rng); bytes.Contains(out, []byte(ex)) {
			t.Errorf("token %q is not found on its own", ex)
		}
	}
	for range 3000 {
		ex := examples[rng.IntN(len(examples))]
		if rng.IntN(4) == 0 {
			ex = strings.ToUpper(ex[:len(ex)/2]) + ex[len(ex)/2:]
		}
		var b strings.Builder
		b.WriteString(`{"pad":"` + strings.Repeat("x", minHitMap) + `","data":"`)
		if rng.IntN(3) == 0 {
			b.WriteString(blob(rng.IntN(200)))
		}
		b.WriteString(glue[rng.IntN(len(glue))] + ex + glue[rng.IntN(len(glue))])
		if rng.IntN(3) == 0 {
			b.WriteString(blob(rng.IntN(200)))
		}
		b.WriteString(`"}`)
		sameAsVisiting(t, with, without, []byte(b.String()), rng)
	}
	// Blobs alone: their "sk", "SK", "+7" are declined.
	for range 200 {
		sameAsVisiting(t, with, without, []byte(`{"pad":"`+strings.Repeat("x", minHitMap)+`","data":"`+blob(4000)+`"}`), rng)
	}
}

// TestScannerDeclinesChangeNothing checks the decline tests where the
// scanner asks them (scanner.call, on the validator's own window), the
// way the tests above check them in JSON: random lines of secret nouns'
// roots in prose and as keys, spaced keys, flags, vendor tokens glued or
// not, Bearer and Basic credentials, digit runs and phone numbers, base64,
// with every separator, come out of Bytes and of a Writer fed in random
// pieces the same as with every hit validated.
func TestScannerDeclinesChangeNothing(t *testing.T) {
	with, without := visitOracle(t)
	rng := rand.New(rand.NewPCG(31, 37))
	g := tokenGen{rand.New(rand.NewPCG(5, 6))}
	words := []string{"monkey", "design", "shipping", "passenger", "tokenizer", "cookies", "secretary", "password",
		"passwd", "passphrase", "requirepass", "masterauth", "api_key", "pin", "otp", "token", "Signal", "typing",
		"author", "task", "ask", "set", "ENV", "-gx", "--password", "-p", "-Dapi.key", "export", "|", "Xk29vLq7pZ",
		"hunter2", "v", "4821", "Bearer", "bearer", "Basic", "dXNlcjpodW50ZXIyaHVudGVyMg==", "eyJhbGciOiJIUzI1NiJ9",
		"4155552671", "+1", "415-555-2671", "4111111111111111", "078-05-1120", "1296269", "D2+7d6Z5", "+7", "x+12",
		"sk", "SK", "pat", "ghp", "xoxb", "AKIA", "DE89", "GB82", jwtExample, "x" + jwtExample, "." + jwtExample,
		"E" + jwtExample[1:], `\n` + jwtExample, "%20" + jwtExample}
	for _, vc := range vendorCases[:min(len(vendorCases), 40)] {
		words = append(words, g.expand(parseTemplate(t, vc.formats[0]), 0))
	}
	seps := []string{" ", " ", " ", "  ", "=", ": ", ":", "\t", ",", ".", "-", " = ", "\n", "\r\n", "'", "\"", "`", "(",
		")", "&", "?", "/", "+", "%20", "\\n", "", "", "_", "| "}
	// Lines where a declined-looking hit still matters (see
	// TestDeclineKeyedChangesNothing), alone and after other text.
	fixed := []string{"set -gx token Xk29vLq7pZ", "fish: set -gx API_KEY Xk29vLq7pZ", "password Xk29vLq7pZ",
		"token     Xk29vLq7pZ", "| token | Xk29vLq7pZ |", "ENV API_KEY Xk29vLq7pZ", "requirepass Xk29vLq7pZ",
		"--password Xk29vLq7pZ", "Note, password Xk29vLq7pZ", "(password Xk29vLq7pZ)", "Authorization: Bearer Xk29vLq7pZ0123",
		"tel +1 415 555 2671", "call +14155552671 now",
		// An outside review's finds: a token body that starts with an
		// escaped slash, which tokenAt reads; digit regions after a '+'
		// where the validator's state (digitEnd) decides.
		`glc_\/q8ZrT2vLm9XwPk4Jd7NbY3sHf6GcQ1eRt5UoVi0A`, `sntryu_\/9ead170faee33cbfac21378b2d9d`,
		"+1+ 415 555 2671", "+1+(415) 555-2671", "+4+ 4111 1111 1111 1111", "+5+)078-05-1120",
		"ab1234567+(415) 555-2671", "_1733001+(415 555-2671"}
	changed := 0
	for n := range 3000 + 2*len(fixed) {
		var b strings.Builder
		if n < 2*len(fixed) {
			if n%2 == 1 {
				b.WriteString("some words first\n")
			}
			b.WriteString(fixed[n/2])
		}
		for range rng.IntN(12) * min(1, n/(2*len(fixed))) {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteString(seps[rng.IntN(len(seps))])
		}
		in := []byte(b.String())
		if n < 2*len(fixed) && bytes.Contains(without.Bytes(in), []byte("Xk29vLq7pZ")) {
			t.Errorf("%q: the secret is kept even when every hit is validated", in)
		}
		if n < 2*len(fixed) && strings.Contains(fixed[n/2], `\/`) && bytes.Contains(with.Bytes(in), []byte(fixed[n/2][8:])) {
			t.Errorf("%q: the token is kept", in)
		}
		want := without.Bytes(in)
		if got := with.Bytes(in); !bytes.Equal(got, want) {
			t.Fatalf("Bytes differs with declines\n in: %q\ngot: %q\nwant: %q", in, got, want)
		}
		var buf bytes.Buffer
		writePieces(t, with.NewWriter(&buf), in, rng, 16)
		if !bytes.Equal(buf.Bytes(), want) {
			t.Fatalf("Writer differs with declines\n in: %q\ngot: %q\nwant: %q", in, buf.Bytes(), want)
		}
		if !bytes.Equal(want, in) {
			changed++
		}
	}
	if changed < 1000 {
		t.Fatalf("only %d lines had anything redacted: the words test too little", changed)
	}
}
