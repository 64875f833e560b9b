package redact

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// uncheckedDocs are valid documents on which JSONUnchecked must give what
// JSON gives: every spec row, alone and nested in larger documents (so a
// row's tokens stand in every position: first member, later member, array
// element, deep inside), and realistic bodies.
func uncheckedDocs() []string {
	var docs []string
	for _, row := range jsonRows {
		in := row.in
		docs = append(docs, in,
			`{"pad":"`+strings.Repeat("x", 300)+`","row":`+strings.TrimSpace(in)+`}`,
			`[`+in+`,`+in+`, {"a":[`+in+`]}]`,
			` {"k":1,"v": `+in+` , "max_tokens":4158675309,"token_type":"Bearer"}`)
	}
	// The first anchor at every offset: the automaton pass starts a little
	// before where the clean-prefix scan stopped, which depends on it.
	for pad := range 300 {
		docs = append(docs, strings.Repeat(" ", pad)+`{"a":"x","token_type":"Bearer","u":"https://u:pw@h/x","n":4111111111111111}`)
	}
	docs = append(docs, string(jsonBody16K()), `{"data":[`+strings.Repeat(`{"id":4158675309,"url":"https://example.com/a","token_type":"Bearer","max_tokens":256,"n":-1.5e+10},`, 100)+`{}]}`)
	docs = append(docs,
		`{"password":"hunter2","x":{"password":{"a":[1,{"b":"alice@example.com"}]}},"y":"bob@example.com"}`,
		`{"Authorization":"Bearer abc.def","Cookie":["a=1","b=2"],"api_key":null,"secret":true}`,
		`{"phone":"4155552671","ssn":123456789,"id":4155552671,"phones":[4155552671],"card":"4111 1111 1111 1111"}`,
		`{"password=hunter2":1,"password=hunter3":"x"}`,
		`{"a" : "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ" , "b" : [ "ghp_abcdefghijklmnopqrstuvwxyz0123456789" ] }`,
		`{"msg":"`+streamKnown+`","n":"postgres://app:s3cret@db:5432/x"}`,
		`"Bearer abcdefghijklmnop"`, `4111111111111111`, `[4111111111111111, "x"]`, `{"e":1e+05,"f":12.3456}`,
		"{\"k\":\n\"Bearer abcdefghijklmnop\"\n}",
	)
	return docs
}

// sparsePad makes a document long enough for the sparse path (shorter
// ones are walked whole).
var sparsePad = strings.Repeat(" ", minHitMap)

func TestJSONUncheckedMatchesJSON(t *testing.T) {
	rs := map[string]*Redactor{"default": Default(), "known": jsonRedactor(t), "partial": jsonRedactor(t, WithPartial()), "fixed": jsonRedactor(t, WithFixedText("***"))}
	for name, r := range rs {
		for _, doc := range uncheckedDocs() {
			in := []byte(sparsePad + doc)
			if !json.Valid(in) {
				t.Fatalf("test document is not valid JSON: %q", doc)
			}
			want, err := r.JSON(in)
			if err != nil {
				t.Fatalf("%s: JSON(%q): %v", name, doc, err)
			}
			if got := r.JSONUnchecked(in); !bytes.Equal(got, want) {
				t.Errorf("%s: JSONUnchecked(%q)\n got  %q\n want %q", name, doc, got, want)
			}
		}
	}
}

// The sparse path decides alone only where it can: a backslash, or
// invalid JSON in a token with an anchor, sends the document to JSON,
// whose answer (the text redaction, for invalid input) is returned.
func TestJSONUncheckedFallsBack(t *testing.T) {
	r := jsonRedactor(t)
	for _, in := range []string{
		`{"a":1} \ {"b":"password=hunter2"}`, // a backslash outside every string
		`{"a\x":"password=hunter2"}`,         // an escape JSON does not know
		`{"password":hunter2}`,               // a secret key's value is not JSON
		`{"password" "hunter2"}`,             // no colon
		`{"a":"password=hunter2" "b":1}`,     // no comma after a value with an anchor
		`{"a" 4111111111111111}`,             // nor before one
		`{"a":x 4111111111111111}`,           // a number after a word (glued to it, no rule acts on it: see declineDigits)
		`{"a":"alice@example.com` + "\x01" + `"}`,
		`{"a":"alice@example.com`,             // unterminated
		`{"a":1}` + ` password=hunter2`,       // an anchor outside every string
		`{"a":1, "x" "password" : "hunter2"}`, // the key's context is not JSON
		`[1 : "alice@example.com"]`,           // a colon after no key
		`{"password":{"a":[1,2}}`,             // a secret object that does not close
		`{"password":"hunter2" x}`,            // nor a secret string
		`{"n":+4111111111111111}`,             // not a number
		`{"n":4111111111111111.}`,             // nor this
		// Found by the adversarial review: a comma where a colon should be,
		// or misplaced, must not cost a number the key that makes it a phone.
		`{"phone","4155552671"}`,
		`{"phone":,4155552671}`,
		`{"a":1,"phone" , 4155552671}`,
		`{"phone":"x",4155552671}`,
		`{"phone":[4155552671,]}`,
		`{"phone":[,4155552671]}`,
		// A key or value whose neighbour after the comma is no token.
		`["password=", hunter2]`,
		`{"a":1,"password=","hunter2"}`,
		`{"a":"password=hunter2", }`,
		`{"password_hint=": hunter2}`,
	} {
		in = sparsePad + in
		want, jerr := r.JSON([]byte(in))
		if _, ok := r.jsonUnchecked([]byte(in), nil); ok {
			t.Errorf("jsonUnchecked(%q) decided alone, want a fallback to JSON (err %v)", in, jerr)
		}
		if got := r.JSONUnchecked([]byte(in)); !bytes.Equal(got, want) {
			t.Errorf("JSONUnchecked(%q) = %q, want JSON's %q", in, got, want)
		}
	}
	// Anchors that may match across tokens: a quote in any anchor, JSON
	// punctuation in a user's (JSON misses [1234,5678] too, but the text
	// redaction of an invalid [1234,5678,] must not be lost).
	for _, known := range []string{`a"b-known-secret`, "1234,5678", ":12345678", "k[e]y{s}-known"} {
		r, err := New(WithKnownSecrets(known))
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := r.jsonUnchecked([]byte(sparsePad+`{"a":"x@example.com"}`), nil); ok {
			t.Errorf("known secret %q did not send the document to JSON", known)
		}
	}
	spaced, err := New(WithKnownSecrets("s3cr3t value 42"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := spaced.jsonUnchecked([]byte(sparsePad+`{"a":"x@example.com"}`), nil); !ok {
		t.Error("a known secret with a space disabled the sparse path")
	}
	// Deeper than JSON's limit: JSON's answer, the text redaction.
	deep := strings.Repeat("[", maxJSONDepth) + `{"phone":4155552671}` + strings.Repeat("]", maxJSONDepth)
	want, _ := r.JSON([]byte(deep))
	if got := r.JSONUnchecked([]byte(deep)); !bytes.Equal(got, want) {
		t.Errorf("nesting past the limit: got %.80q, want JSON's %.80q", got[maxJSONDepth:], want[maxJSONDepth:])
	}
}

// Invalid JSON away from every anchor is not looked at: the document
// comes back with the redactions a valid one would get, and nothing the
// text redaction catches gets through.
func TestJSONUncheckedInvalidElsewhere(t *testing.T) {
	r := Default()
	for _, tc := range []struct{ in, want string }{
		{`{"a":1,,, "b":"alice@example.com"}`, `{"a":1,,, "b":"[REDACTED:email]"}`},
		{`{"a":tru, "password":"hunter2"}`, `{"a":tru, "password":"[REDACTED:keyed-secret]"}`},
		{`{"phone":[4155552671,"x":1]}`, `{"phone":["[REDACTED:phone]","x":1]}`},
		// A key in an array: not JSON, but its value is read under it.
		{`[1,"phone":4155552671]`, `[1,"phone":"[REDACTED:phone]"]`},
		{`{"a":1, x: "y", "password" : "hunter2"}`, `{"a":1, x: "y", "password" : "[REDACTED:keyed-secret]"}`},
		{`no anchor here {`, `no anchor here {`},
		{``, ``},
	} {
		tc.in, tc.want = sparsePad+tc.in, sparsePad+tc.want
		if got := r.JSONUnchecked([]byte(tc.in)); string(got) != tc.want {
			t.Errorf("JSONUnchecked(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// The inputs JSON rejects: whatever path is taken, a secret the text
	// redaction removes is removed.
	const secret = "hunter2hunter2"
	for _, in := range []string{
		`{"password":"` + secret + `"`,
		`{"password":"` + secret + `"} trailing`,
		`{"a":"password=` + secret + `" "b"}`,
		`{"password":"` + secret + `",}`,
		`[1,2 {"token":"` + secret + `"}`,
		`{"a":1 "password":"` + secret + `"}`,
	} {
		in = sparsePad + in
		if text := r.Bytes([]byte(in)); bytes.Contains(text, []byte(secret)) {
			t.Fatalf("test input %q: the text redaction keeps the secret", in)
		}
		if got := r.JSONUnchecked([]byte(in)); bytes.Contains(got, []byte(secret)) {
			t.Errorf("JSONUnchecked(%q) = %q: the secret got through", in, got)
		}
	}
}

// TestJSONUncheckedEscapes: a document with backslashes is decided
// alone, every string with an escape decoded and checked as JSON does:
// an escape may hide an anchor, and an escaped quote delimits nothing.
func TestJSONUncheckedEscapes(t *testing.T) {
	r := Default()
	for _, in := range []string{
		`{"\u0070assword":"hunter2"}`,
		`{"msg":"a \"quoted\" password=hunter2"}`,
		`{"msg":"a \"quoted\" word","password":"hunter2"}`,
		`{"path":"C:\\Users\\x","note":"call 4155552671","k":"\\"}`,
		`{"q":"\\\"","card":4111111111111111}`,
		`{"url":"https://a.example/?x=1\u0026token=abc123def456ghi","e":"bob\u0040example.com"}`,
		`{"p\u0068one":"4155552671","phone":"home\n4155552671"}`,
		`{"name":"DB_P\u0041SSWORD","value":"s3cret-value"}`,
		`{"name":"DB_PASSWORD","v\u0061lue":"s3cret-value"}`,
		`[{"a":"\"password=hunter2\""},{"\"":"\"","b":[4155552671,"x\ty"]}]`,
		`{"html":"\u003ca href=\"https://x.example/\"\u003eok\u003c/a\u003e","id":1234567}`,
	} {
		in = sparsePad + in
		want, err := r.JSON([]byte(in))
		if err != nil {
			t.Fatalf("JSON(%q): %v", in, err)
		}
		got, ok := r.jsonUnchecked([]byte(in), nil)
		if !ok {
			// A pair value's escaped key goes to JSON by design.
			if !bytes.Contains([]byte(in), []byte(`v\u0061lue`)) {
				t.Errorf("jsonUnchecked(%q) fell back", in)
			}
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("jsonUnchecked(%q)\n = %q\nwant %q", in, got, want)
		}
	}
}

func TestQuoteCounter(t *testing.T) {
	in := []byte(`{"a":"x","bb":"yyyyyyyyyyyyyyyy","c":[1,"z"]}` + strings.Repeat(` `, 20) + `"tail"`)
	inside := false
	open := -1
	var want []string
	for i, c := range in {
		if c == '"' {
			inside = !inside
			if inside {
				open = i
			}
			continue
		}
		want = append(want, fmt.Sprint(inside, open*btoi(inside)))
	}
	// Ask at every non-quote byte, in order, as sparse does.
	q := quoteCounter{in: in}
	var got []string
	for i, c := range in {
		if c == '"' {
			continue
		}
		s, o := q.at(i)
		got = append(got, fmt.Sprint(s, o*btoi(s)))
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("quoteCounter:\n got  %v\n want %v", got, want)
	}
}

// The same against a plain count on long inputs, asked at random
// increasing points, short and long stretches alike.
func TestQuoteCounterLong(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for round := range 50 {
		in := make([]byte, 1+rng.IntN(9000))
		for i := range in {
			in[i] = "\"ab \x00\xa2"[rng.IntN(6)]
		}
		q := quoteCounter{in: in}
		odd, open := false, -1
		k := 0
		for p := rng.IntN(64); p < len(in); p += 1 + rng.IntN(3000) {
			for ; k < p; k++ {
				if in[k] == '"' {
					odd = !odd
					open = k
				}
			}
			if in[p] == '"' {
				continue
			}
			gotIn, gotOpen := q.at(p)
			if gotIn != odd || (odd && gotOpen != open) {
				t.Fatalf("round %d: at(%d) = %v, %d; want %v, %d", round, p, gotIn, gotOpen, odd, open)
			}
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestShortEscapes checks listEscapes: a string whose escapes are all
// short (\n, \t, \/) and that holds no anchor is not visited, and every
// string that holds one is visited whole, so that its anchors are judged
// on the decoded text: JSONUnchecked gives what JSON gives, on secrets
// glued to escapes on either side, in strings long and short.
func TestShortEscapes(t *testing.T) {
	r := Default()
	if got := inertLetters(r.m); got != "nrtbf" {
		t.Fatalf("inert escapes %q, want nrtbf (\\/ is no such escape: webhook anchors hold '/')", got)
	}
	for known, want := range map[string]string{"k9.Zq7mW2pLx4vR8": "nrtbf", "Zq7mW2pLx4\tx9Kd": "nrbf"} {
		kr, err := New(WithKnownSecrets(known))
		if err != nil {
			t.Fatal(err)
		}
		if got := inertLetters(kr.m); got != want {
			t.Errorf("known secret %q: inert escapes %q, want %q", known, got, want)
		}
	}
	// A known secret with a byte from 0x80 on: a \u escape of a code
	// point from U+0080 on may hide it.
	for known, want := range map[string]int{"k9.Zq7mW2pLx4vR8": 5, "Zq7mW2pLx4ü9Kd": 0} {
		kr, err := New(WithKnownSecrets(known))
		if err != nil {
			t.Fatal(err)
		}
		if got := kr.m.inertEscape([]byte("u00fc")); got != want {
			t.Errorf("known secret %q: inertEscape(u00fc) = %d, want %d", known, got, want)
		}
	}

	// Which escapes count as hits.
	for _, c := range []struct {
		doc  string
		hits int
	}{
		{`{"a":"line one\nline two\r\n\ttab\b\f"}`, 0},
		{`{"a":"a \/ slash"}`, 0},                                // '/' is in anchors, but in none of this string's
		{`{"a":"line one\npassword hunter2xyz"}`, 1},             // a hit in the string: visited whole
		{`{"a":"no anchor \u0041 here"}`, 0},                     // \u may hide one, but hides none here
		{`{"a":"https:\/\/hooks.slack.com\/services\/T000"}`, 2}, // it does here, after "com" and "services" (hidesNoAnchor)
		{`{"a":"key\u0022: \u003e x"}`, 2},
		{`{"a":"a \"quoted\" word"}`, 2},                         // escaped quotes count
		{`{"a":"back\\slash"}`, 1},                               // and so do escaped backslashes
		{`{"a":"x\ny","b":"password=hunter2xyz","c":"z\tw"}`, 0}, // the hit is in another string
		{`{"line\none":"Bearer 9f8e7d6c5b4a39281706f5e4"}`, 1},   // a key: read decoded by its value
		{`{"phone\n":4155552671}`, 1},
		// \u escapes of bytes no anchor holds: '&' and '<' as
		// encoding/json writes them, text as Python writes it.
		{`{"a":"?a=1\u0026b=2 \u003cp\u003c Jos\u00e9 \u00E9 \ud83d\ude00 \ud83d"}`, 0},
		{`{"a":"x \u003e y"}`, 0},               // '>' is in an anchor (": >"), not here
		{`{"a":"\u0070assword hunter2xyz"}`, 1}, // 'p' is
		{`{"a":"x\n\u0070assword hunter2xyz"}`, 1},
		{`{"a":"\u00e9\u0070assword hunter2xyz"}`, 1},
	} {
		doc := []byte(sparsePad + c.doc)
		j := r.newJSONWalker(doc, nil)
		first, _ := r.m.skipClean(doc)
		if first < len(doc) {
			j.hits, j.hitSts = r.m.hitEnds(doc, j.hits, j.hitSts[:0], &j.lanes)
		}
		j.listEscapes(bytes.IndexByte(doc, '\\'))
		if len(j.escHits) != c.hits {
			t.Errorf("%s: %d escape hits, want %d", c.doc, len(j.escHits), c.hits)
		}
		j.release()
		if _, ok := r.jsonUnchecked(doc, nil); !ok {
			t.Errorf("%s: JSONUnchecked hands the document to JSON", c.doc)
		}
	}

	_, without := visitOracle(t)
	// Strings hidesNoAnchor must not decode: escapes that are no JSON
	// escape, and a string longer than it reads.
	for _, doc := range []string{`{"a":"\/ \u00"}`, `{"a":"\/ \x"}`, `{"a":"\u003e \u12G4"}`, `{"a":"\/` + strings.Repeat("x", maxHiddenCheck) + `"}`} {
		doc := []byte(sparsePad + doc)
		if got, want := r.JSONUnchecked(doc), without.JSONUnchecked(doc); !bytes.Equal(got, want) {
			t.Errorf("%s: JSONUnchecked gives %s, want %s", doc[len(sparsePad):], got[len(sparsePad):], want[len(sparsePad):])
		}
	}
	// Anchors whose bytes are escapes, each next to another escape's:
	// fitsNoAnchor reads the byte after an escape decoded.
	for _, doc := range []string{`{"a":"https:\/\/\u0068\u006f\u006f\u006b\u0073.slack.com\/services\/T024BE7LD\/B024BE7LH\/bZk1Qm2Wn3Xp4Yr5Ts6Uv7Aa"}`,
		`{"a":"tok \u0031\u002f\u002f\u0030` + strings.Repeat("AhZ31ZxN2XkL9pQ7rT5vY8wC3dF6gH0jK4mN7pQ2sV5xZ8aB1cE4fH7iK0lO3", 2) + `"}`} {
		doc := []byte(sparsePad + doc)
		got, want := r.JSONUnchecked(doc), without.JSONUnchecked(doc)
		if !bytes.Equal(got, want) || !bytes.Contains(want, []byte("[REDACTED")) {
			t.Errorf("%s: JSONUnchecked gives %s, want %s (redacted)", doc[len(sparsePad):], got[len(sparsePad):], want[len(sparsePad):])
		}
	}
	// Hits in a string with escapes are judged on their lines: prose
	// whose anchors all decline, with line feeds (and CR LF) between, is
	// no visit at all; a tab in the line keeps its hits.
	for _, c := range []struct {
		doc  string
		kept bool
	}{
		{`{"a":"the passage about keyboard design\nand the token budget\r\nso the monkey can pass\n\n"}`, false},
		{`{"a":"the passage about keyboard design\tand the token budget"}`, true},
		{`{"a":"the \u0070assage about keyboard design"}`, true},
		{`{"a":"the passage about \"keyboard\" design"}`, true},
		{`{"a":"see Bearer\tAbCdEfGhIjKlMnOpQrSt12"}`, true}, // the tab is the scheme's blank
		{`{"a":"Bearer\nabcdefghijklmnopqrst"}`, false},      // a line feed is none
		{`{"a":"x\npassword hunter2xyz"}`, true},
	} {
		doc := []byte(sparsePad + c.doc)
		j := r.newJSONWalker(doc, nil)
		j.hits, j.hitSts = r.m.hitEnds(doc, j.hits, j.hitSts[:0], &j.lanes)
		j.slash = bytes.IndexByte(doc, '\\')
		j.dropHits()
		if kept := len(j.hits) > 0; kept != c.kept {
			t.Errorf("%s: hits kept %v, want %v", c.doc, kept, c.kept)
		}
		j.release()
		if want, _ := without.JSON(doc); !bytes.Equal(r.JSONUnchecked(doc), want) {
			t.Errorf("%s: JSONUnchecked gives %s", c.doc, r.JSONUnchecked(doc)[len(sparsePad):])
		}
	}

	// Secrets next to escapes, decoded and raw: the same as visiting every
	// hit.
	secrets := []string{"password hunter2xyz", "password: s3cr3tP4ss", "Bearer 9f8e7d6c5b4a39281706f5e4", "4111111111111111",
		"api_key=Zx81kLmQ02pR77ab", "https:\\/\\/svc:Tr0ub4dor99@db.internal\\/x", "ops@example.com", "tel: 415-555-2671",
		"ghp_abcdefghijklmnopqrstuvwxyz0123456789", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "SSN 078-05-1120",
		"design and token budget", "the passage about keys", "monkey", "max_tokens", "author",
		// Keys and values apart, so that an escape stands between them
		// ("password\thunter2xyz", "Bearer\t9f8e…").
		"password", "token", "api_key", "secret", "Bearer", "Basic", "pin", "ssn", "tel", "hunter2xyz",
		"Zx81kLmQ02pR77ab", "9f8e7d6c5b4a39281706f5e4", "dXNlcjpodW50ZXIyaHVudGVyMg==", "4155552671", "078-05-1120",
		"sk_live_", "4eC39HqLyjWDarjtT1zdp7dc", "AbCdEfGhIjKlMnOpQrSt12"}
	escapes := []string{`\n`, `\r\n`, `\t`, `\/`, `\b`, `\f`, `\n\n`, " ", `\u0020`, `\"`, `\\`, "",
		`\u0026`, `\u003c`, `\u003e`, `\u00e9`, `\ud83d\ude00`, `\ud83d`, `\u0070`, `\u003A`, `\u0022`, `\u005c`, `\n\u0070`, `\u00e9\u0070`}
	rng := rand.New(rand.NewPCG(11, 13))
	for range 6000 {
		var b strings.Builder
		b.WriteString(`{"id":1,"content":"`)
		for range 1 + rng.IntN(8) {
			b.WriteString(escapes[rng.IntN(len(escapes))])
			if rng.IntN(3) == 0 {
				b.WriteString(longProse[:rng.IntN(len(longProse))])
			} else {
				b.WriteString(secrets[rng.IntN(len(secrets))])
			}
		}
		b.WriteString(escapes[rng.IntN(len(escapes))])
		b.WriteString(`","other":"a\nb","n":[1.5,2]}`)
		doc := []byte(sparsePad + b.String())
		want, err := without.JSON(doc)
		if err != nil {
			t.Fatalf("not JSON (%v): %s", err, doc)
		}
		if got := r.JSONUnchecked(doc); !bytes.Equal(got, want) {
			t.Fatalf("JSONUnchecked differs\n in: %s\ngot: %s\nwant: %s", doc[len(sparsePad):], got[min(len(got), len(sparsePad)):], want[len(sparsePad):])
		}
	}
}

// TestUnescapeJSON checks the decoder of JSON string contents against
// encoding/json on random strings of plain runs and every kind of escape
// (surrogate pairs, lone surrogates, escaped quotes and backslashes), and
// unescapeJSONAt's map from each decoded byte back to the escape it came
// from.
func TestUnescapeJSON(t *testing.T) {
	pieces := []string{"plain text ", "é", `\n`, `\r\n`, `\t`, `\/`, `\b`, `\f`, `\"`, `\\`, `\u0041`, `\u00e9`,
		`\ud83d\ude00`, `\ud83d`, `\ude00x`, `\u20AC`, "password", "x"}
	rng := rand.New(rand.NewPCG(17, 19))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		raw := []byte(b.String())
		var want string
		if err := json.Unmarshal([]byte(`"`+b.String()+`"`), &want); err != nil {
			t.Fatalf("%q: %v", raw, err)
		}
		if got := unescapeJSON(nil, raw); string(got) != want {
			t.Fatalf("unescapeJSON(%q) = %q, want %q", raw, got, want)
		}
		dec, at := unescapeJSONAt(nil, nil, raw)
		if string(dec) != want || len(at) != len(dec)+1 || int(at[len(dec)]) != len(raw) {
			t.Fatalf("unescapeJSONAt(%q) = %q, %v", raw, dec, at)
		}
		for i := range dec {
			start := int(at[i])
			if i > 0 && at[i] < at[i-1] || start >= len(raw) || raw[start] != dec[i] && raw[start] != '\\' {
				t.Fatalf("unescapeJSONAt(%q): byte %d (%q) maps to %d", raw, i, dec[i], start)
			}
		}
	}
}

// inertLetters returns the letters of shortEscapes whose escape m takes
// as inert (machine.escInert), in order.
func inertLetters(m *machine) string {
	var b strings.Builder
	for _, c := range []byte(shortEscapes) {
		if m.escInert[c] {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// TestNextBackslash checks nextBackslash against bytes.IndexByte at every
// start of random bytes rich in backslashes and bytes next to '\\' (0x5b,
// 0x5d, 0xdc) that a byte-wise trick could mistake for one.
func TestNextBackslash(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 31))
	alphabet := []byte{'\\', 'a', 0x5b, 0x5d, 0xdc, 0x00, 0xff, '"', 'u'}
	for range 2000 {
		in := make([]byte, rng.IntN(80))
		for i := range in {
			if rng.IntN(6) == 0 {
				in[i] = alphabet[rng.IntN(len(alphabet))]
			} else {
				in[i] = alphabet[1+rng.IntN(len(alphabet)-1)]
			}
		}
		for k := 0; k <= len(in); k++ {
			want := len(in)
			if n := bytes.IndexByte(in[k:], '\\'); n >= 0 {
				want = k + n
			}
			if got := nextBackslash(in, k); got != want {
				t.Fatalf("nextBackslash(%q, %d) = %d, want %d", in, k, got, want)
			}
		}
	}
}
