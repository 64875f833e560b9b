package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/aegisagent/redactor/redact"
)

func runCLI(t *testing.T, stdin string, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

const sampleSecrets = `password=hunter2hunter2 user=bob
{"level":"info","msg":"login","password":12345,"token_type":"Bearer","nested":{"api_key":["a","b"]}}
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oA7GAuF0WEJzoAoGCCqGSM49
AwEHoUQDQgAEhQ0a3PrtW1ZzfwUNpBvxwmZQkNWnkoq5gV8oxAJsvfMRfYrbpSTx
-----END EC PRIVATE KEY-----
{"after":"the key","email":"carol@example.org"}
clean line 2026-11-28T10:00:00Z status=200 trace=4bf92f3577b34da6a3ce929d0e0e4736
`

func TestFilterRedactsAndKeepsTheRest(t *testing.T) {
	code, out, errs := runCLI(t, sampleSecrets, nil)
	if code != exitOK || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, leak := range []string{"hunter2hunter2", "12345", `"a","b"`, "MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oA7GAuF0WEJzoAoGCCqGSM49", "AwEHoUQDQgAEhQ0a3PrtW1ZzfwUNpBvxwmZQkNWnkoq5gV8oxAJsvfMRfYrbpSTx", "carol@example.org"} {
		if strings.Contains(out, leak) {
			t.Errorf("output leaks %q:\n%s", leak, out)
		}
	}
	lines := strings.Split(out, "\n")
	if !json.Valid([]byte(lines[1])) || !strings.Contains(lines[1], `"token_type":"Bearer"`) {
		t.Errorf("NDJSON line not redacted structurally: %s", lines[1])
	}
	if !strings.Contains(lines[1], `"password":"[REDACTED:keyed-secret]"`) || !strings.Contains(lines[1], `"api_key":"[REDACTED:keyed-secret]"`) {
		t.Errorf("secret keys of any type not replaced: %s", lines[1])
	}
	if lines[2] != "-----BEGIN EC PRIVATE KEY-----" || lines[4] != "-----END EC PRIVATE KEY-----" {
		t.Errorf("PEM markers changed: %q", lines[2:5])
	}
	if lines[6] != "clean line 2026-11-28T10:00:00Z status=200 trace=4bf92f3577b34da6a3ce929d0e0e4736" {
		t.Errorf("clean line changed: %q", lines[6])
	}
	if len(lines) != 8 || lines[7] != "" {
		t.Errorf("line structure changed: %d lines", len(lines))
	}
}

func TestFilterWithoutJSONLinesStillRedacts(t *testing.T) {
	code, out, _ := runCLI(t, sampleSecrets, nil, "--json-lines=false")
	if code != exitOK || strings.Contains(out, "hunter2hunter2") || strings.Contains(out, "carol@example.org") {
		t.Fatalf("exit %d, output %s", code, out)
	}
}

var findingLine = regexp.MustCompile(`^(<stdin>|[^:]+):(\d+):(\d+) ([a-z0-9-]+)$`)

func TestCheckReportsPositionsNotSecrets(t *testing.T) {
	code, out, errs := runCLI(t, sampleSecrets, nil, "--check")
	if code != exitFound {
		t.Fatalf("exit %d, want %d", code, exitFound)
	}
	if out != "" {
		t.Errorf("--check wrote to stdout: %q", out)
	}
	got := strings.Split(strings.TrimSpace(errs), "\n")
	for _, l := range got {
		if !findingLine.MatchString(l) {
			t.Errorf("bad finding line %q", l)
		}
		if strings.Contains(l, "hunter2") {
			t.Errorf("finding line leaks the secret: %q", l)
		}
	}
	if got[0] != "<stdin>:1:10 keyed-secret" {
		t.Errorf("first finding = %q, want <stdin>:1:10 keyed-secret", got[0])
	}
	// The key body starts on the line after BEGIN; the markers stay.
	if !strings.Contains(errs, "<stdin>:4:1 private-key") {
		t.Errorf("PEM body not reported at 4:1: %s", errs)
	}
}

func TestCheckCleanInputExitsZero(t *testing.T) {
	code, out, errs := runCLI(t, "all quiet 2026-11-28 id=42\n", nil, "--check")
	if code != exitOK || out != "" || errs != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestCheckJSONReport(t *testing.T) {
	dir := t.TempDir()
	dirty := filepath.Join(dir, "dirty.log")
	clean := filepath.Join(dir, "clean.log")
	os.WriteFile(dirty, []byte("ok\nsecret=abcdef123456\n"), 0o600)
	os.WriteFile(clean, []byte("ok\n"), 0o600)
	code, out, _ := runCLI(t, "", nil, "--check", "--format", "json", dirty, clean)
	if code != exitFound {
		t.Fatalf("exit %d", code)
	}
	var doc struct {
		Files []struct {
			File     string `json:"file"`
			Findings []struct {
				Line, Column int
				Rule, Kind   string
			} `json:"findings"`
		} `json:"files"`
		Findings int  `json:"findings"`
		Clean    bool `json:"clean"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, out)
	}
	if doc.Findings != 1 || doc.Clean || len(doc.Files) != 2 || len(doc.Files[0].Findings) != 1 || len(doc.Files[1].Findings) != 0 {
		t.Fatalf("report = %+v", doc)
	}
	f := doc.Files[0].Findings[0]
	if f.Line != 2 || f.Column != 8 || f.Rule != "keyed-secret" || f.Kind != "secret" {
		t.Errorf("finding = %+v", f)
	}
	if strings.Contains(out, "abcdef123456") {
		t.Error("JSON report leaks the secret")
	}
}

func TestRulesListing(t *testing.T) {
	code, out, _ := runCLI(t, "", nil, "--rules", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var rows []struct {
		ID, Kind, Description, Example string
		OptIn                          bool `json:"opt_in"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	secrets, optIn := 0, map[string]bool{}
	for _, r := range rows {
		if r.Kind == "secret" {
			secrets++
		}
		if r.OptIn {
			optIn[r.ID] = true
		}
		if r.Description == "" || r.Example == "" {
			t.Errorf("rule %s lacks a description or example", r.ID)
		}
	}
	if secrets < 40 {
		t.Errorf("%d secret rules, want at least 40", secrets)
	}
	if !optIn["ipv4"] || !optIn["ipv6"] || optIn["email"] {
		t.Errorf("opt-in set = %v", optIn)
	}
	code, out, _ = runCLI(t, "", nil, "--rules")
	if code != exitOK || !strings.Contains(out, "github-token") {
		t.Errorf("text listing: exit %d\n%s", code, out)
	}
}

func TestStyles(t *testing.T) {
	in := "token=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 card 4111 1111 1111 1111\n"
	_, out, _ := runCLI(t, in, nil, "--style", "partial")
	if !strings.Contains(out, "ghp_[REDACTED:github-token]") || !strings.Contains(out, "[REDACTED:card]1111") {
		t.Errorf("partial: %s", out)
	}
	_, out, _ = runCLI(t, in, nil, "--style", "fixed", "--text", "******")
	if out != "token=****** card ******\n" {
		t.Errorf("fixed: %q", out)
	}
	code, _, errs := runCLI(t, in, nil, "--style", "fingerprint")
	if code != exitUsage || !strings.Contains(errs, "REDACT_FINGERPRINT_KEY") {
		t.Errorf("fingerprint without key: exit %d, %s", code, errs)
	}
	env := map[string]string{"FPKEY": "a-long-enough-test-key-0123456789"}
	_, out1, _ := runCLI(t, in, env, "--style", "fingerprint", "--fingerprint-key-env", "FPKEY")
	_, out2, _ := runCLI(t, in, env, "--style", "fingerprint", "--fingerprint-key-env", "FPKEY")
	if out1 != out2 || !regexp.MustCompile(`\[REDACTED:github-token:[0-9a-f]{8}\]`).MatchString(out1) {
		t.Errorf("fingerprint output %q / %q", out1, out2)
	}
}

func TestUsageAndIOErrors(t *testing.T) {
	if code, _, _ := runCLI(t, "", nil, "--no-such-flag"); code != exitUsage {
		t.Errorf("unknown flag: exit %d", code)
	}
	if code, _, _ := runCLI(t, "", nil, "--format", "xml", "--rules"); code != exitUsage {
		t.Errorf("bad format: exit %d", code)
	}
	if code, _, errs := runCLI(t, "", nil, "--enable", "no-such-rule"); code != exitUsage || !strings.Contains(errs, "no-such-rule") {
		t.Errorf("unknown rule: exit %d %s", code, errs)
	}
	dir := t.TempDir()
	ok := filepath.Join(dir, "ok.log")
	os.WriteFile(ok, []byte("password=abcdefgh1\n"), 0o600)
	code, out, errs := runCLI(t, "", nil, filepath.Join(dir, "missing.log"), ok)
	if code != exitIOError || !strings.Contains(errs, "missing.log") {
		t.Errorf("missing file: exit %d, %s", code, errs)
	}
	if out != "password=[REDACTED:keyed-secret]\n" {
		t.Errorf("the readable file was not filtered after the error: %q", out)
	}
}

func TestEnvSecrets(t *testing.T) {
	t.Setenv("ORDERS_DB_PASSWORD", "Zq9-orders-pw-77")
	t.Setenv("MY_VENDOR_KEY", "vk_1234567890abcdef")
	in := "connecting with Zq9-orders-pw-77 and vk_1234567890abcdef\n"
	_, out, _ := runCLI(t, in, nil, "--env-secrets", "--env-secret", "MY_VENDOR_KEY")
	if strings.Contains(out, "Zq9-orders-pw-77") || strings.Contains(out, "vk_1234567890abcdef") {
		t.Errorf("env secrets not masked: %s", out)
	}
}

// The filter's output does not depend on how reads split the input, JSON
// lines included.
func TestFilterReadSizesDoNotMatter(t *testing.T) {
	var in strings.Builder
	for i := 0; i < 30; i++ {
		in.WriteString(sampleSecrets)
		in.WriteString(`{"unterminated": "password=abcdefg123` + "\n")
		in.WriteString(strings.Repeat("x", i*37) + " token=Zx81kLmQ02pR77ab\n")
	}
	in.WriteString(`{"last":"line without newline","password":"p4ssw0rd-x"}`)
	r := redactDefaultForTest()
	var want bytes.Buffer
	if err := filterOne(r, strings.NewReader(in.String()), &want, true, nil); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(want.String(), "hunter2hunter2") || strings.Contains(want.String(), "Zx81kLmQ02pR77ab") || strings.Contains(want.String(), "p4ssw0rd-x") {
		t.Fatal("whole-read output leaks")
	}
	for _, mk := range []func(io.Reader) io.Reader{iotest.OneByteReader, iotest.HalfReader, iotest.DataErrReader,
		func(r io.Reader) io.Reader { return &chunkReader{r: r, n: 7} }, func(r io.Reader) io.Reader { return &chunkReader{r: r, n: 4093} }} {
		var got bytes.Buffer
		if err := filterOne(r, mk(strings.NewReader(in.String())), &got, true, nil); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("output depends on read sizes:\n got %q\nwant %q", got.String(), want.String())
		}
	}
}

type chunkReader struct {
	r io.Reader
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(p) > c.n {
		p = p[:c.n]
	}
	return c.r.Read(p)
}

func redactDefaultForTest() *redact.Redactor { return redact.Default() }

// --stats counts each redaction once, whichever path (JSON line, text, a
// line that looked like JSON but was not) took it, and whatever the read
// sizes; it prints rule names and counts, never values.
func TestStats(t *testing.T) {
	in := "password=hunter2hunter2 bob@example.com\n" +
		`{"token":"abcdefgh12345678","mail":"al@example.org"}` + "\n" +
		`{"broken": "c@example.com"` + "\n" +
		"nothing here\n"
	want := map[string]int{"keyed-secret": 2, "email": 3}
	for _, size := range []int{1, 5, 64, 1 << 20} {
		st := newStats()
		var out bytes.Buffer
		if err := filterOne(redact.Default(), &chunkReader{r: strings.NewReader(in), n: size}, &out, true, st.fn()); err != nil {
			t.Fatal(err)
		}
		if len(st.counts) != len(want) || st.counts["keyed-secret"] != 2 || st.counts["email"] != 3 {
			t.Errorf("reads of %d: counts %v, want %v", size, st.counts, want)
		}
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"--stats"}, strings.NewReader(in), &stdout, &stderr, func(string) string { return "" })
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, stderr.String())
	}
	wantErr := "redact: 5 redactions, 2 rules\n  3  email\n  2  keyed-secret\n"
	if stderr.String() != wantErr {
		t.Errorf("stderr = %q, want %q", stderr.String(), wantErr)
	}
	stderr.Reset()
	if code := run([]string{"--check", "--stats"}, strings.NewReader(in), &stdout, &stderr, func(string) string { return "" }); code != exitFound {
		t.Errorf("--check --stats exit %d, want %d", code, exitFound)
	}
	if !strings.HasSuffix(stderr.String(), wantErr) {
		t.Errorf("--check --stats stderr = %q, want suffix %q", stderr.String(), wantErr)
	}
	for _, secret := range []string{"hunter2", "bob@", "abcdefgh1234", "al@example"} {
		if strings.Contains(stderr.String(), secret) {
			t.Errorf("stats leak %q", secret)
		}
	}
}

// Progress is written only past a delay and is cleared at the end; it
// never reaches stdout.
func TestProgressClearsItsLine(t *testing.T) {
	var stderr bytes.Buffer
	p := &progress{w: &stderr}
	r := p.wrap(strings.NewReader(strings.Repeat("x", 100)), "in.log")
	p.start = p.start.Add(-time.Second) // as if the input had run for a second
	p.last = p.start
	if _, err := io.Copy(io.Discard, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr.String(), "redact: in.log") {
		t.Fatalf("no progress line: %q", stderr.String())
	}
	p.done()
	if !strings.HasSuffix(stderr.String(), "\r\033[K") {
		t.Errorf("progress line not cleared: %q", stderr.String())
	}
}
