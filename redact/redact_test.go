package redact

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

// A few rows per family; the per-rule tables live next to each rule's
// tests. Each row reads as a spec: input, and the redacted output.
var smokeRows = []struct{ name, in, want string }{
	{"kv password", "password=hunter2 user=bob", "password=[REDACTED:keyed-secret] user=bob"},
	{"env dump", "DB_PASSWORD=s3cr3t!", "DB_PASSWORD=[REDACTED:keyed-secret]"},
	{"quoted export", `export API_KEY="abcd1234efgh"`, `export API_KEY="[REDACTED:keyed-secret]"`},
	{"key about a secret", `{"token_type":"Bearer","max_tokens":100,"key_id":"k1"}`, `{"token_type":"Bearer","max_tokens":100,"key_id":"k1"}`},
	{"bearer header", "Authorization: Bearer 9f8e7d6c5b4a39281706", "Authorization: Bearer [REDACTED:bearer-token]"},
	{"prose", "the token expired, reset your password", "the token expired, reset your password"},
	{"url creds", "postgres://app:s3cret@db:5432/app", "postgres://app:[REDACTED:url-credentials]@db:5432/app"},
	{"email", "contact alice@example.com now", "contact [REDACTED:email] now"},
	{"card", "card 4111 1111 1111 1111 ok", "card [REDACTED:card] ok"},
	{"luhn invalid", "card 4111 1111 1111 1112 ok", "card 4111 1111 1111 1112 ok"},
	{"timestamp", "2026-11-28 03:26:49,123 took 1732761600123 ms", "2026-11-28 03:26:49,123 took 1732761600123 ms"},
	{"aws example key", "AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"},
}

func TestSmoke(t *testing.T) {
	r := Default()
	for _, tc := range smokeRows {
		t.Run(tc.name, func(t *testing.T) {
			if got := r.String(tc.in); got != tc.want {
				t.Errorf("String(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestCleanInputIsReturnedAsIs(t *testing.T) {
	r := Default()
	in := []byte("2026-11-28T03:26:49Z INFO GET /api/v1/orders/8841 status=200 dur=12ms trace=4bf92f3577b34da6a3ce929d0e0e4736\n")
	out := r.Bytes(in)
	if &out[0] != &in[0] || len(out) != len(in) {
		t.Fatal("Bytes did not return its input when nothing was found")
	}
	if n := testing.AllocsPerRun(100, func() { r.Bytes(in) }); n != 0 {
		t.Errorf("Bytes on a clean line: %v allocs, want 0", n)
	}
	s := string(in)
	if n := testing.AllocsPerRun(100, func() { r.String(s) }); n != 0 {
		t.Errorf("String on a clean line: %v allocs, want 0", n)
	}
}

// streamOf writes in through a Writer split at the given offsets.
func streamOf(t *testing.T, r *Redactor, in []byte, cuts ...int) []byte {
	t.Helper()
	var out bytes.Buffer
	w := r.NewWriter(&out)
	prev := 0
	for _, c := range cuts {
		if _, err := w.Write(in[prev:c]); err != nil {
			t.Fatal(err)
		}
		prev = c
	}
	if _, err := w.Write(in[prev:]); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestStreamEqualsOneShotAtEverySplit(t *testing.T) {
	r := Default()
	in, err := readTestdata("mixed.log")
	if err != nil {
		t.Fatal(err)
	}
	want := r.Bytes(in)
	if bytes.Equal(want, in) {
		t.Fatal("test input has nothing to redact")
	}
	for c := 0; c <= len(in); c++ {
		if got := streamOf(t, r, in, c); !bytes.Equal(got, want) {
			t.Fatalf("split at %d: stream differs from one-shot\n got %q\nwant %q", c, got, want)
		}
	}
	// Byte by byte, and two cuts at every pair of nearby offsets.
	var cuts []int
	for c := 1; c < len(in); c++ {
		cuts = append(cuts, c)
	}
	if got := streamOf(t, r, in, cuts...); !bytes.Equal(got, want) {
		t.Fatalf("byte-by-byte stream differs\n got %q\nwant %q", got, want)
	}
}

func TestFindingNeverPrintsTheSecret(t *testing.T) {
	r := Default()
	secret := "hunter2hunter2"
	fs := r.Find([]byte("password=" + secret))
	if len(fs) != 1 {
		t.Fatalf("Find: got %v", fs)
	}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("found", "f", fs[0])
	for _, s := range []string{fmt.Sprintf("%v", fs[0]), fmt.Sprintf("%+v", fs[0]), fmt.Sprintf("%#v", fs[0]), fmt.Sprint(fs), buf.String()} {
		if strings.Contains(s, secret) {
			t.Errorf("finding printed the secret: %s", s)
		}
		if !strings.Contains(s, "keyed-secret") {
			t.Errorf("finding output lacks the rule id: %s", s)
		}
	}
	if fs[0].Start != 9 || fs[0].End != 9+len(secret) || fs[0].Line != 1 || fs[0].Column != 10 {
		t.Errorf("finding span: %+v", fs[0])
	}
}

func TestIdempotent(t *testing.T) {
	in, err := readTestdata("mixed.log")
	if err != nil {
		t.Fatal(err)
	}
	for _, opt := range []Option{WithPlaceholder(), WithPartial(), WithFixedText("••••••"), WithFingerprint([]byte("0123456789abcdef0123"))} {
		r, err := New(opt)
		if err != nil {
			t.Fatal(err)
		}
		once := r.Bytes(in)
		if twice := r.Bytes(once); !bytes.Equal(once, twice) {
			t.Errorf("not idempotent:\nonce  %q\ntwice %q", once, twice)
		}
	}
}

// TestIdempotentGlued: secrets glued to each other, where the first
// pass's replacement ends up glued to what it kept. The second pass must
// read the replacement as the word it replaced.
func TestIdempotentGlued(t *testing.T) {
	for _, c := range []struct {
		in   string
		gone []string // must not survive the first pass
	}{
		// The Docker token's run goes on into the GitHub token, too long
		// for it; the GitHub token stands alone after '-'.
		{"dckr_oat_n0essynCQTnCWsaaSpY-48LJ6YU-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", []string{"ghp_44QW"}},
		{"dp.pt.NJBsS8e11NBtIKCM9XlXRP6A5rk29QA7HCAfNw8SiuC.xoxb-4568437271-0974600042-gLCBppbA4ezcFnjRhxVXg1Nh", []string{"gLCBppbA4ez"}},
		// An address whose local part runs back into a token: more than
		// 64 bytes, not an address.
		{"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xeva-marie.977@dept.state.gov", []string{"kmSgHvB7"}},
		// A bcrypt hash glued after a token: both go.
		{"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$2a$12$0o4MohZdKpqz/q3rT0Odud1XT.pBAGYHqfJxidUV4bfOj7Jr/xBHC", []string{"hf_eqs", "0o4MohZdKpqz"}},
		// A hash whose last character is '.', then a token: its run goes
		// on into the token.
		{"$2b$12$o/xsohu6bDewRH3q1P9kymaXpvKsmGkIkh4/0XQIq8ubB5G5ikdd.xoxb-2256136464-6889635670856-MKFMDIEg2hvzSVBbHfgv4ndL", []string{"MKFMDIEg2hvz"}},
		// Digits after "word+": a lead glued to a digit (semver-like),
		// read the same after the word's replacement.
		{"dop_v1_148bcbbef8e10ac4b00dc260c9d908c463594a168b737e1a1af831bb020f25b7+535-29-2923", []string{"148bcbbef8e1"}},
		{"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+375095323268273", []string{"toGCOjXt95"}},
		{"+1 (213) 620-9632+(408) 985-0131", []string{"620-9632"}},
		{"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-4579 8690 9114 6044", []string{"TRjDwaa4Nw"}},
		// A number after a closing parenthesis stands alone, as after a
		// space: "us12)" does not hide the card.
		{"de25d77024470108b4845c6295daa2b1-us12)3528 7830 1860 6234", []string{"3528 7830", "de25d770"}},
		// A fingerprint of digits is not a phone number under a phone key.
		{`{"phone":"+81 3-4515-9072"}`, []string{"4515"}},
		{"phone: +81 3-4515-9072", []string{"4515"}},
		// An address's domain going on into a token.
		{"hiro+gh@fastmail.fm.glpat-dctZN86GbLreOVWFhd0l", []string{"dctZN86Gb"}},
	} {
		// Not with a fixed text: text that looks like it ("**" in
		// Markdown) must not keep a secret on the first pass, so a fixed
		// text glued to a kept word is read as text (see
		// TestNearPlaceholderLooks).
		for _, opt := range []Option{WithPlaceholder(), WithFingerprint([]byte("0123456789abcdef0123"))} {
			r, err := New(opt)
			if err != nil {
				t.Fatal(err)
			}
			for _, in := range []string{c.in, "k=" + c.in, `{"v":"` + c.in + `"}`} {
				once := r.String(in)
				if twice := r.String(once); twice != once {
					t.Errorf("not idempotent:\n in    %q\n once  %q\n twice %q", in, once, twice)
				}
				for _, g := range c.gone {
					if strings.Contains(once, g) {
						t.Errorf("%q survived: %q", g, once)
					}
				}
			}
		}
	}
}

// TestNearPlaceholderLooks: text next to a secret that looks like one of
// our replacements, or starts like one, does not keep the secret: only a
// whole placeholder stands for a replaced word.
func TestNearPlaceholderLooks(t *testing.T) {
	const ghp = "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"
	const bcrypt = "$2b$12$o/xsohu6bDewRH3q1P9kymaXpvKsmGkIkh4/0XQIq8ubB5G5ikdd" // one short of a hash
	fixed, _ := New(WithFixedText("***"))
	for _, c := range []struct {
		r      *Redactor
		in     string
		secret string
	}{
		{Default(), `{"m":"token ` + ghp + `["}`, ghp},
		{Default(), "see " + ghp + "[x] end", ghp},
		{Default(), "h " + bcrypt + "W[", "0o4Mo"},
		{Default(), "h " + bcrypt + ".[", bcrypt[8:20]},
		{fixed, "see **" + ghp + "** end", ghp},
		{fixed, "***" + ghp + "*** end", ghp},
		{fixed, "***hiro+news@acme-corp.com*** end", "hiro+news"},
		{fixed, "card ending ***4111111111111111", "4111111111111111"},
		{fixed, "***123-45-6789***", "123-45-6789"},
	} {
		if out := c.r.String(c.in); strings.Contains(out, c.secret) {
			t.Errorf("%q -> %q", c.in, out)
		}
	}
}

func TestJSONStaysValid(t *testing.T) {
	r := Default()
	in := []byte(`{"user":{"password":12345,"api_key":{"a":1},"email":"bob@example.com"},"token_type":"Bearer","items":[{"secret":"x"},{"card":4111111111111111}],"msg":"pw \u0070assword=hunter2"}`)
	out, err := r.JSON(in)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(out) {
		t.Fatalf("output is not valid JSON: %s", out)
	}
	for _, leak := range []string{"12345", "bob@example.com", `"x"`, "4111111111111111", "hunter2"} {
		if bytes.Contains(out, []byte(leak)) {
			t.Errorf("JSON output leaks %q: %s", leak, out)
		}
	}
	if !bytes.Contains(out, []byte(`"token_type":"Bearer"`)) {
		t.Errorf("JSON output changed a non-secret: %s", out)
	}
}

func TestConcurrentUse(t *testing.T) {
	r := Default()
	in, err := readTestdata("mixed.log")
	if err != nil {
		t.Fatal(err)
	}
	want := r.Bytes(in)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				if got := r.Bytes(in); !bytes.Equal(got, want) {
					t.Error("concurrent Bytes differs")
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestLanedScanMatchesPlainScan checks the four-lane block scan (taken by
// large one-shot inputs) against the plain loop (taken by small writes).
func TestLanedScanMatchesPlainScan(t *testing.T) {
	r := Default()
	base, err := readTestdata("mixed.log")
	if err != nil {
		t.Fatal(err)
	}
	// Vary the alignment of every secret against the 2 KiB blocks.
	var in []byte
	for i := 0; len(in) < 300<<10; i++ {
		in = append(in, bytes.Repeat([]byte{'.'}, i%97)...)
		in = append(in, base...)
	}
	want := r.Bytes(in)
	var cuts []int
	for c := 7; c < len(in); c += 7 {
		cuts = append(cuts, c)
	}
	if got := streamOf(t, r, in, cuts...); !bytes.Equal(got, want) {
		t.Fatal("laned one-shot scan and 7-byte-write stream differ")
	}
	if bytes.Count(want, []byte("[REDACTED:")) < 1000 {
		t.Fatalf("only %d redactions in the test input", bytes.Count(want, []byte("[REDACTED:")))
	}
}

// A stream must not hold a whole private-key window (64 KiB) once the
// block's END line has arrived.
func TestStreamReleasesPEMBlockAtEND(t *testing.T) {
	var out bytes.Buffer
	w := Default().NewWriter(&out)
	block := "key:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\nnext line\n"
	if _, err := w.Write([]byte(block)); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if !strings.Contains(got, "-----END PRIVATE KEY-----") || strings.Contains(got, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC") {
		t.Fatalf("before Close the writer released %q", got)
	}
	w.Close()
}

func TestSecretValue(t *testing.T) {
	fp, err := New(WithFingerprint([]byte("0123456789abcdef0123")))
	if err != nil {
		t.Fatal(err)
	}
	partial, _ := New(WithPartial())
	allow, _ := New(WithAllowValues("not-a-secret-value"))
	off, _ := New(DisableRules("keyed-secret"))
	for _, tc := range []struct {
		name string
		r    *Redactor
		in   string
		want string
		ok   bool
	}{
		{"plain", Default(), "hunter2hunter2", "[REDACTED:keyed-secret]", true},
		{"empty", Default(), "", "", false},
		{"placeholder", Default(), "<token>", "<token>", false},
		{"own placeholder", Default(), "[REDACTED:keyed-secret]", "[REDACTED:keyed-secret]", false},
		{"partial keeps nothing", partial, "ghp_abcdefabcdef", "[REDACTED:keyed-secret]", true},
		{"allowlisted", allow, "not-a-secret-value", "not-a-secret-value", false},
		{"rule disabled", off, "hunter2hunter2", "hunter2hunter2", false},
	} {
		got, ok := tc.r.SecretValue(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s: SecretValue(%q) = %q, %v; want %q, %v", tc.name, tc.in, got, ok, tc.want, tc.ok)
		}
	}
	got, ok := fp.SecretValue("hunter2hunter2")
	if !ok || !strings.HasPrefix(got, "[REDACTED:keyed-secret:") || len(got) != len("[REDACTED:keyed-secret:12345678]") {
		t.Errorf("fingerprint: got %q, %v", got, ok)
	}
	if again, _ := fp.SecretValue("hunter2hunter2"); again != got {
		t.Errorf("fingerprint not stable: %q vs %q", again, got)
	}
}

// Our placeholders written URL-encoded (as a redacted URL's query carries
// them) are placeholders too: redacting such a line again changes nothing.
func TestEncodedPlaceholdersAreNotRedactedAgain(t *testing.T) {
	for _, in := range []string{
		"GET /cb?state=abc&token=%5BREDACTED%3Akeyed-secret%5D&email=%5BREDACTED%3Aemail%5D&page=2",
		"Location: https://app.example.com/cb?access_token=%5bREDACTED%3akeyed-secret%5d",
	} {
		if got := Default().String(in); got != in {
			t.Errorf("String(%q) = %q, want it unchanged", in, got)
		}
	}
}
