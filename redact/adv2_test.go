package redact_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/aegisagent/redactor/redact"
)

// adv2 secrets: the text planted and the core that must never survive.
var adv2Secrets = []struct{ text, core string }{
	{"AKIAQ3EGRTYUIOPLKJHG", "Q3EGRTYUIOPLKJHG"},
	{"sk_live_4eC39HqLyjWDarjtT1zdp7dc", "4eC39HqLyjWDarjtT1zdp7dc"},
	{"password=Hunter2Secret!x", "Hunter2Secret!x"},
	{"api_key: q8Zr4Lm2Vx9Kp1Tw", "q8Zr4Lm2Vx9Kp1Tw"},
	{"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"},
	{"https://user:pa55w0rdXyz@example.com/x", "pa55w0rdXyz"},
	{"AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", "9tSrke72PouQMnMX"},
	{"glpat-xY7zQ2mN4pR8sT1vW3kL", "xY7zQ2mN4pR8sT1vW3kL"},
	{"4111111111111111", "4111111111111111"},
	{"alice@example.org", "alice@example.org"},
}

var adv2Fill = []string{"hello", " ", "ok", "é", "😀", "\"", "\\", "/", "\n", "\t", "x=1", " and ", "\x00", "日本", "\x7f"}

// escapeRand encodes s as JSON string content, escaping characters at random.
func escapeRand(rng *rand.Rand, s string) string {
	var b strings.Builder
	for _, c := range s {
		must := c == '"' || c == '\\' || c < 0x20
		if !must && rng.Intn(4) != 0 {
			b.WriteRune(c)
			continue
		}
		switch {
		case c == '/' && rng.Intn(2) == 0:
			b.WriteString(`\/`)
		case c == '"':
			b.WriteString(`\"`)
		case c == '\\':
			b.WriteString(`\\`)
		case c == '\n' && rng.Intn(2) == 0:
			b.WriteString(`\n`)
		case c > 0xffff:
			r1, r2 := utf16.EncodeRune(c)
			fmt.Fprintf(&b, `\u%04x\u%04X`, r1, r2)
		default:
			fmt.Fprintf(&b, `\u%04x`, c)
		}
	}
	return b.String()
}

// tokStrings returns every string token (keys included, duplicates kept).
func tokStrings(b []byte) []string {
	d := json.NewDecoder(bytes.NewReader(b))
	var out []string
	for {
		tk, err := d.Token()
		if err != nil {
			return out
		}
		if s, ok := tk.(string); ok {
			out = append(out, s)
		}
	}
}

func adv2JSONDoc(rng *rand.Rand) (string, []string) {
	keys := []string{"note", "msg", "u", "id", "phone", "count", "ts", "data"}
	var cores []string
	var b strings.Builder
	b.WriteString("{")
	n := 1 + rng.Intn(4)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"` + escapeRand(rng, keys[rng.Intn(len(keys))]) + `":`)
		var v strings.Builder
		for k := rng.Intn(4); k > 0; k-- {
			v.WriteString(adv2Fill[rng.Intn(len(adv2Fill))])
		}
		if rng.Intn(3) != 0 {
			s := adv2Secrets[rng.Intn(len(adv2Secrets))]
			v.WriteString(s.text)
			cores = append(cores, s.core)
		}
		for k := rng.Intn(4); k > 0; k-- {
			v.WriteString(adv2Fill[rng.Intn(len(adv2Fill))])
		}
		arr := rng.Intn(2) == 0
		if arr {
			b.WriteString("[")
		}
		b.WriteString(`"` + escapeRand(rng, v.String()) + `"`)
		if arr {
			b.WriteString("]")
		}
	}
	b.WriteString("}")
	return b.String(), cores
}

func jsonWriterChunks(rng *rand.Rand, r *redact.Redactor, in []byte) ([]byte, error) {
	var out bytes.Buffer
	jw := r.NewJSONWriter(&out)
	for p := in; len(p) > 0; {
		n := 1 + rng.Intn(len(p))
		if rng.Intn(3) == 0 {
			n = 1
		}
		if _, err := jw.Write(p[:n]); err != nil {
			return out.Bytes(), err
		}
		p = p[n:]
	}
	err := jw.Close()
	return out.Bytes(), err
}

// TestAdv2JSONEscapedSecrets: random documents whose strings carry planted
// secrets with random escapes; nothing leaks, output valid, stable,
// JSON()==JSONWriter.
func TestAdv2JSONEscapedSecrets(t *testing.T) {
	adv2JSONLoop(t, redact.Default(), 2)
}

func TestAdv2JSONEscapedSecretsPartial(t *testing.T) {
	r, err := redact.New(redact.WithPartial())
	if err != nil {
		t.Fatal(err)
	}
	adv2JSONLoop(t, r, 5)
}

func TestAdv2JSONEscapedSecretsFixed(t *testing.T) {
	r, err := redact.New(redact.WithFixedText("*** é <x>"))
	if err != nil {
		t.Fatal(err)
	}
	adv2JSONLoop(t, r, 6)
}

func TestAdv2JSONEscapedSecretsFingerprint(t *testing.T) {
	r, err := redact.New(redact.WithFingerprint([]byte("k3y-k3y-k3y-k3y-k3y-k3y-k3y-k3y!")))
	if err != nil {
		t.Fatal(err)
	}
	adv2JSONLoop(t, r, 8)
}

func adv2JSONLoop(t *testing.T, r *redact.Redactor, seed int64) {
	rng := rand.New(rand.NewSource(seed))
	deadline := time.Now().Add(time.Second)
	fails := 0
	for it := 0; time.Now().Before(deadline) && fails < 8; it++ {
		doc, cores := adv2JSONDoc(rng)
		if !json.Valid([]byte(doc)) {
			t.Fatalf("generator made invalid JSON %q", doc)
		}
		out, err := r.JSON([]byte(doc))
		fail := func(f string, a ...any) {
			fails++
			t.Errorf("in %s\nout %s\n"+f, append([]any{doc, out}, a...)...)
		}
		if err != nil {
			fail("err %v", err)
			continue
		}
		if !json.Valid(out) {
			fail("output is not valid JSON")
			continue
		}
		strs := tokStrings(out)
		all := string(out) + "\x00" + strings.Join(strs, "\x00")
		// Oracle: a core counts only if Bytes on the decoded input string
		// removes it (filler glued to a secret can legitimately defeat a rule).
		instrs := tokStrings([]byte(doc))
		var textOut []string
		for _, s := range instrs {
			textOut = append(textOut, string(r.Bytes([]byte(s))))
		}
		textAll := strings.Join(textOut, "\x00")
		for _, c := range cores {
			if strings.Contains(textAll, c) {
				continue
			}
			if strings.Contains(all, c) {
				fail("secret core %q survives", c)
			}
		}
		if again, _ := r.JSON(out); !bytes.Equal(again, out) {
			fail("not idempotent: %s", again)
		}
		if w, err := jsonWriterChunks(rng, r, []byte(doc)); err != nil || !bytes.Equal(w, out) {
			fail("JSONWriter differs (err %v): %s", err, w)
		}
		var spans []redact.Finding
		fo, _ := r.JSONFunc([]byte(doc), func(f redact.Finding) { spans = append(spans, f) })
		if !bytes.Equal(fo, out) {
			fail("JSONFunc output differs")
		}
		for _, f := range spans {
			if f.Start < 0 || f.End > len(doc) || f.Start >= f.End {
				fail("bad span %+v", f)
			}
		}
	}
}

// Specific hand-written escape edge cases.
func TestAdv2JSONEscapeEdges(t *testing.T) {
	r := redact.Default()
	cases := []struct{ in, core string }{
		{`{"k":"\u0041KIAQ3EGRTYUIOPLKJHG"}`, "Q3EGRTYUIOPLKJHG"},
		{`{"k":"AKIAQ3EGRTYUIOPLKJH\u0047"}`, "Q3EGRTYUIOPLKJH"},
		{`{"k":"AKIAQ3EGRTYUIOPLKJH\u0047\ud83d\ude00"}`, "Q3EGRTYUIOPLKJH"},
		{`{"k":"\ud83d\ude00AKIAQ3EGRTYUIOPLKJHG\ud83d"}`, "Q3EGRTYUIOPLKJHG"},
		{`{"k":"\ud800AKIAQ3EGRTYUIOPLKJHG\udc00"}`, "Q3EGRTYUIOPLKJHG"},
		{`{"k":"\ud800\u0041KIAQ3EGRTYUIOPLKJHG"}`, "Q3EGRTYUIOPLKJHG"},
		{`{"k":"\u0000AKIAQ3EGRTYUIOPLKJHG\u0000"}`, "Q3EGRTYUIOPLKJHG"},
		{`{"k":"https:\/\/user:pa55w0rdXy\u007a@example.com"}`, "pa55w0rdXy"},
		{`{"k":"password=\"Hunter2Secret!x\""}`, "Hunter2Secret!x"},
		{`{"k":"password=Hunter2Secret!\u0078\"tail"}`, "Hunter2Secret!"},
		{`{"k":"\u0070assword=Hunter2Secret!x"}`, "Hunter2Secret!x"},
		{`{"k":"pass\u0077ord: Hunter2Secret!x\\n"}`, "Hunter2Secret!x"},
		{`{"pass\u0077ord":"Hunter2Secret!x"}`, "Hunter2Secret!x"},
		{`{"k":"a\nb\u0000api_key: q8Zr4Lm2Vx9Kp1Tw\u00e9"}`, "q8Zr4Lm2Vx9Kp1Tw"},
		{`{"k":"4111\u00201111\u00201111\u00201111"}`, "1111 1111"},
		{`{"phone":"415\u0035552671"}`, "55552671"},
		{`{"ph\u006fne":"4155552671"}`, "4155552671"},
	}
	for _, c := range cases {
		out, err := r.JSON([]byte(c.in))
		if err != nil || !json.Valid(out) {
			t.Errorf("%s -> %s (err %v, valid %v)", c.in, out, err, json.Valid(out))
			continue
		}
		strs := tokStrings(out)
		if strings.Contains(string(out)+strings.Join(strs, "\x00"), c.core) {
			t.Errorf("leak %q: %s -> %s", c.core, c.in, out)
		}
		if again, _ := r.JSON(out); !bytes.Equal(again, out) {
			t.Errorf("not idempotent: %s -> %s -> %s", c.in, out, again)
		}
		rng := rand.New(rand.NewSource(int64(len(c.in))))
		for k := 0; k < 20; k++ {
			if w, err := jsonWriterChunks(rng, r, []byte(c.in)); err != nil || !bytes.Equal(w, out) {
				t.Errorf("JSONWriter differs: %s -> JSON %s, writer %s (%v)", c.in, out, w, err)
				break
			}
		}
	}
}

// Digit PII under JSON keys: other keys must not be over-redacted, and
// JSON, JSONWriter and a second pass must agree.
func TestAdv2JSONDigitKeys(t *testing.T) {
	r := redact.Default()
	keep := []string{
		`{"id":"4155552671"}`, `{"id":4155552671}`, `{"ts":1732800000}`, `{"count":4155552671}`,
		`{"order_id":"4155552671"}`, `{"timestamp":"4155552671"}`, `{"user_id":4155552671}`,
		`{"phone_count":4155552671}`, `{"items":[4155552671,4155552672]}`, `{"zip":"94105"}`,
		`{"phone":{"id":4155552671}}`, `{"phone":[1,2,3]}`, `{"phones_total":4155552671}`,
		`{"version":"4155552671"}`, `{"bytes":4155552671}`, `{"size":"4155552671"}`,
	}
	for _, in := range keep {
		out, _ := r.JSON([]byte(in))
		if !bytes.Equal(out, []byte(in)) {
			t.Errorf("over-redaction: %s -> %s", in, out)
		}
	}
	red := []string{
		`{"phone":"4155552671"}`, `{"phone":4155552671}`, `{"mobile":"4155552671"}`, `{"phone":["4155552671"]}`,
		`{"phone_number":"(415) 555-2671"}`, `{"Phone":"4155552671"}`, `{"a":{"phone":4155552671}}`,
		`{"ssn":"123456789"}`, `{"phone":"4155552671","id":"4155552671"}`,
		`{"phone":-4155552671}`, `{"phone":4155552671.0}`, `{"phone":4.155552671e9}`, `{"phone":14155552671}`,
		`{"phone":"+1\u0020415\u0020555\u00202671"}`, `{"phone" : 4155552671 , "ssn":123456789}`,
		`{"phone":"4155552671[REDACTED:phone]"}`, `{"phone":"[REDACTED:phone]4155552671"}`, `[{"phone":4155552671},{"phone":"4155552671"}]`,
	}
	for _, in := range red {
		out, err := r.JSON([]byte(in))
		if err != nil || !json.Valid(out) {
			t.Errorf("%s -> %s %v", in, out, err)
		}
		t.Logf("%s -> %s", in, out)
		if again, _ := r.JSON(out); !bytes.Equal(again, out) {
			t.Errorf("not idempotent: %s -> %s -> %s", in, out, again)
		}
		rng := rand.New(rand.NewSource(7))
		for k := 0; k < 20; k++ {
			if w, err := jsonWriterChunks(rng, r, []byte(in)); err != nil || !bytes.Equal(w, out) {
				t.Errorf("JSONWriter differs: %s -> JSON %s, writer %s (%v)", in, out, w, err)
				break
			}
		}
	}
}

func writerBytewise(r *redact.Redactor, in []byte) []byte {
	var out bytes.Buffer
	w := r.NewWriter(&out)
	for i := range in {
		w.Write(in[i : i+1])
	}
	w.Close()
	return out.Bytes()
}

var adv2TextSecrets = []struct{ text, core string }{
	{"AKIAQ3EGRTYUIOPLKJHG", "Q3EGRTYUIOPLKJHG"},
	{"password=Hunter2Secret!x", "Hunter2Secret!x"},
	{"api_key: q8Zr4Lm2Vx9Kp1Tw", "q8Zr4Lm2Vx9Kp1Tw"},
	{"https://user:pa55w0rdXyz@example.com/x", "pa55w0rdXyz"},
	{"client_secret: |\n  Zq8Wm3Rt7Yp2Lk5Vx9\n", "Zq8Wm3Rt7Yp2Lk5Vx9"},
	{"db_password: >-\n    Mn4Bv7Cx2Zl9Kj6Hg3\n", "Mn4Bv7Cx2Zl9Kj6Hg3"},
	{"-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx7Qp3Lm9Vt2Wz8Rk5Yh4Nj6Bc1Df0Gs\n-----END RSA PRIVATE KEY-----\n", "MIIEowIBAAKCAQEAx7Qp3Lm9Vt2Wz8Rk5Yh4Nj6Bc1Df0Gs"},
	{"Authorization: Bearer Tk9Qw2Er5Ty8Ui1Op4As7Df", "Tk9Qw2Er5Ty8Ui1Op4As7Df"},
	{"4111 1111 1111 1111", "1111 1111 1111"},
	{"123-45-6789", "123-45-6789"},
	{"export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYzz9Kq1Lm3Np", "wJalrXUtnFEMIK7MDENGbPxRfiCYzz9Kq1Lm3Np"},
}

// TestAdv2BytesVsWriterEdges plants secrets at offsets around lane/block
// edges in clean filler of sizes around 64*4, 256, 1024, 4096.
func TestAdv2BytesVsWriterEdges(t *testing.T) {
	r := redact.Default()
	rng := rand.New(rand.NewSource(3))
	sizes := []int{28, 29, 63, 64, 100, 255, 256, 257, 1023, 1024, 1025, 1052, 2048, 3072, 4095, 4096, 4097, 4124, 5000}
	fillers := []string{"a", " ", "x", ".", "\n"}
	deadline := time.Now().Add(2 * time.Second)
	fails := 0
	for _, sz := range sizes {
		for _, s := range adv2TextSecrets {
			for _, off := range []int{-1, 0, 1, -len(s.text), -len(s.text) + 1, 27, 28, 29, -28, -29} {
				if time.Now().After(deadline) || fails > 10 {
					return
				}
				f := fillers[rng.Intn(len(fillers))]
				pos := sz + off
				if pos < 0 {
					continue
				}
				base := strings.Repeat(f, pos)
				// newline before the secret for line-anchored rules
				in := []byte(base + "\n" + s.text + "\n" + strings.Repeat(f, rng.Intn(40)))
				got := r.Bytes(in)
				if strings.Contains(string(got), s.core) {
					fails++
					t.Errorf("Bytes leaks %q at size %d off %d filler %q: ...%q", s.core, sz, off, f, tail(got))
				}
				if w := writerBytewise(r, in); !bytes.Equal(w, got) {
					fails++
					t.Errorf("Bytes != Writer at size %d off %d filler %q secret %q\nBytes  ...%q\nWriter ...%q", sz, off, f, s.text, tail(got), tail(w))
				}
				if !r.MayMatch(in) {
					fails++
					t.Errorf("MayMatch false with %q at %d", s.text, pos)
				}
			}
		}
	}
}

func tail(b []byte) []byte {
	if len(b) > 120 {
		return b[len(b)-120:]
	}
	return b
}

// Random texts: Bytes == byte-wise Writer, nothing leaks.
func TestAdv2BytesVsWriterRandom(t *testing.T) {
	r := redact.Default()
	rng := rand.New(rand.NewSource(4))
	words := []string{"the ", "status ok ", "\n", "  ", "key: ", "value ", "é", "-", "=", ": ", "token ", "secret\n", "#", "\t", "a", "0", "1234 "}
	deadline := time.Now().Add(2 * time.Second)
	fails := 0
	for time.Now().Before(deadline) && fails < 6 {
		var b strings.Builder
		target := rng.Intn(5000)
		var cores []string
		for b.Len() < target {
			if rng.Intn(60) == 0 {
				s := adv2TextSecrets[rng.Intn(len(adv2TextSecrets))]
				b.WriteString("\n" + s.text + "\n")
				cores = append(cores, s.core)
			} else {
				b.WriteString(words[rng.Intn(len(words))])
			}
		}
		in := []byte(b.String())
		got := r.Bytes(in)
		for _, c := range cores {
			if strings.Contains(string(got), c) {
				fails++
				t.Errorf("Bytes leaks %q in %q", c, in)
			}
		}
		if w := writerBytewise(r, in); !bytes.Equal(w, got) {
			fails++
			i := 0
			for i < len(w) && i < len(got) && w[i] == got[i] {
				i++
			}
			lo := max(0, i-80)
			t.Errorf("Bytes != Writer (len %d) at %d\nBytes  %q\nWriter %q", len(in), i, got[lo:min(len(got), i+80)], w[lo:min(len(w), i+80)])
		}
	}
}

// Every offset from 0 to 1100 and around 4096, for rules whose match
// starts well before the anchor or spans lines.
func TestAdv2BytesVsWriterAllOffsets(t *testing.T) {
	r := redact.Default()
	secrets := []struct{ text, core string }{
		{"my_application_database_password   =    Hunter2Secret!x", "Hunter2Secret!x"},
		{"\"Authorization\": \"Bearer Tk9Qw2Er5Ty8Ui1Op4As7Df\"", "Tk9Qw2Er5Ty8Ui1Op4As7Df"},
		{"client_secret: |\n  Zq8Wm3Rt7Yp2Lk5Vx9\n  Ab3Cd4Ef5Gh6Ij7Kl8\n", "Ab3Cd4Ef5Gh6Ij7Kl8"},
		{"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"},
		{"name: DB_PASSWORD\nvalue: Qw3Er4Ty5Ui6Op7As8\n", "Qw3Er4Ty5Ui6Op7As8"},
		{"<password>Hunter2Secret!x</password>", "Hunter2Secret!x"},
		{"--password Hunter2Secret!x", "Hunter2Secret!x"},
	}
	fails := 0
	deadline := time.Now().Add(2 * time.Second)
	for _, s := range secrets {
		if !strings.Contains(string(r.Bytes([]byte("\n"+s.text+"\n"))), s.core) {
			// only secrets the rules catch standalone
		} else {
			t.Logf("not caught standalone: %q", s.text)
			continue
		}
		offs := []int{}
		for o := 0; o <= 1100; o++ {
			offs = append(offs, o)
		}
		for o := 4000; o <= 4200; o++ {
			offs = append(offs, o)
		}
		for _, o := range offs {
			if fails > 10 || time.Now().After(deadline) {
				return
			}
			in := []byte(strings.Repeat("z", o) + "\n" + s.text + "tail\n")
			got := r.Bytes(in)
			if strings.Contains(string(got), s.core) {
				fails++
				t.Errorf("Bytes leaks %q at offset %d: ...%q", s.core, o, tail(got))
			}
			if o%7 == 0 || o > 1000 {
				if w := writerBytewise(r, in); !bytes.Equal(w, got) {
					fails++
					t.Errorf("Bytes != Writer at offset %d (%q)\nBytes  ...%q\nWriter ...%q", o, s.text, tail(got), tail(w))
				}
			}
		}
	}
}

// JSONFunc spans on escaped strings cover whole escapes and decode to the
// text a rule matched (the decoded span must hold the planted core).
func TestAdv2JSONFuncSpans(t *testing.T) {
	r := redact.Default()
	rng := rand.New(rand.NewSource(11))
	deadline := time.Now().Add(time.Second)
	fails := 0
	for time.Now().Before(deadline) && fails < 5 {
		s := adv2Secrets[rng.Intn(len(adv2Secrets))]
		doc := `{"a":"` + escapeRand(rng, "x "+s.text+" y") + `"}`
		var spans []redact.Finding
		r.JSONFunc([]byte(doc), func(f redact.Finding) { spans = append(spans, f) })
		covered := false
		for _, f := range spans {
			var dec string
			if f.Start < 0 || f.End > len(doc) || json.Unmarshal([]byte(`"`+doc[f.Start:f.End]+`"`), &dec) != nil {
				fails++
				t.Errorf("span %+v of %s is not whole escapes: %q", f, doc, doc[max(0, f.Start):min(len(doc), f.End)])
				continue
			}
			if strings.Contains(dec, s.core) {
				covered = true
			}
		}
		if !covered {
			fails++
			t.Errorf("no span covers %q in %s: %+v", s.core, doc, spans)
		}
	}
}
