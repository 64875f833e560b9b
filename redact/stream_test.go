package redact

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The Writer's contract, tested from the outside in: for every input below
// and every way of cutting it into writes, the stream's output is
// Bytes(input). The inputs cover every rule family, the shapes that stress a
// stream (multi-line blocks, CRLF, no final newline, lines longer than any
// window) and clean text full of near misses.

// streamKnown is the known secret planted in the table.
const streamKnown = "s3cr3t-Known-Value-42"

// streamRedactor is Default plus a known secret and the opt-in IP rules, so
// that every family has a rule switched on.
func streamRedactor(t testing.TB, opts ...Option) *Redactor {
	t.Helper()
	r, err := New(append([]Option{WithKnownSecrets(streamKnown), EnableRules("ipv4", "ipv6")}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// bigPEMBody returns base64 lines (64 characters and a newline, as PEM
// writes them) totalling at least n bytes; each line is distinct, so a
// leaked line can be told apart.
func bigPEMBody(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "MIIJQwIBADANBgkqhkiG9w0BAQEFAASCCS0wggkpAgEAAoICAQDl%012d\n", i)
	}
	return b.String()
}

// longLine is a clean line with near misses along it and no newline,
// longer than a Write's chunk (32 KiB) and every window but the private-key
// one; under -race, where it is slow to stream every way, only longer than
// the release margin and the scanner's lanes.
var longLine = strings.Repeat("GET /api/v1/items?page=2&sort=desc status=200 took=12ms user=bob token_type=Bearer ", map[bool]int{false: 400, true: 60}[raceEnabled])

var streamCases = []struct {
	name  string
	in    string
	rules []string // rule IDs Find reports, in order: the row cannot pass vacuously
}{
	{"vendor tokens", "GITHUB_TOKEN=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\naws AKIAZ7QF4H2JK5L6M3NP in prose\n",
		[]string{"github-token", "aws-access-key-id"}},
	{"JWT", "2026-11-28T03:26:53Z INFO done jwt=" + testJWT + " ok\n", []string{"jwt"}},
	{"bearer and basic", "Authorization: Bearer 9f8e7d6c5b4a39281706\nAuthorization: Basic dXNlcjpwYXNz\n",
		[]string{"bearer-token", "basic-auth"}},
	{"PEM block", "key loaded:\n" + pemBlock("RSA PRIVATE KEY", testPEMBody) + "\ndone\n", []string{"private-key"}},
	{"PEM block CRLF", strings.ReplaceAll("key:\n"+pemBlock("EC PRIVATE KEY", testPEMBody)+"\nnext\n", "\n", "\r\n"), []string{"private-key"}},
	{"PEM block in JSON", `{"key":"` + strings.ReplaceAll(pemBlock("PRIVATE KEY", testPEMBody), "\n", `\n`) + `"}`, []string{"private-key"}},
	{"PEM without END", "-----BEGIN PRIVATE KEY-----\n" + testPEMBody + "2026-11-28 INFO next", []string{"private-key"}},
	{"URL credentials", "dsn=postgres://orders:Pg-s3cret-42@db.internal:5432/orders\nredis://:tok3n-abc@cache:6379\n",
		[]string{"url-credentials", "url-credentials"}},
	{"keyed secrets in every syntax", strings.Join([]string{
		"password=hunter2", `{"api_key":"Zx81kLmQ02pR77ab"}`, "  client_secret: abc123def", "X-Auth-Token: a1b2c3d4e5",
		"<password>hunter 2</password>", "mysql --password=hunter2 --host db", `export DB_PASSWORD="s3cr3t!"`,
		"GET /login?user=bob&password=hunter2&next=%2F", "Server=db;User Id=sa;Password=Str0ng!Pass;",
	}, "\n"), slices.Repeat([]string{"keyed-secret"}, 9)},
	{"cards, phones, SSN, IBAN", "card 4111 1111 1111 1111 phone +1 415 555 2671\nssn 123-45-6789 iban " + ibanOf("DE", "370400440532013000") + "\n",
		[]string{"card", "phone", "ssn", "iban"}},
	{"e-mails and IPs", "from alice@example.com to bob.smith+tag@mail.example.org via 10.1.2.3 and 2001:db8::1\n",
		[]string{"email", "email", "ipv4", "ipv6"}},
	{"known secret raw and encoded", "sig " + streamKnown + " b64 " + stdB64(streamKnown) + " hex " + fmt.Sprintf("%x", streamKnown) + "\n",
		[]string{"known-secret", "known-secret", "known-secret"}},
	{"clean text with near misses", strings.Join([]string{
		"the token expired, reset your password",
		`{"token_type":"Bearer","max_tokens":100,"key_id":"k1"}`,
		"Failed password for invalid user admin from port 22 ssh2",
		"2026-11-28 03:26:49,123 took 1732761600123 ms version 1.22.3",
		"card 4111 1111 1111 1112 ok", "use a bearer token for this API",
		"Authorization: Bearer ${TOKEN}", "AKIAIOSFODNN7EXAMPLE",
		"expected -----BEGIN PRIVATE KEY----- header", pemBlock("CERTIFICATE", testPEMBody),
		"trace=4bf92f3577b34da6a3ce929d0e0e4736 id=550e8400-e29b-41d4-a716-446655440000",
	}, "\n") + "\n", nil},
	{"CRLF lines", "user: bob\r\npassword: hunter2\r\nemail: alice@example.com\r\n", []string{"keyed-secret", "email"}},
	{"no trailing newline", "login ok\npassword=hunter2", []string{"keyed-secret"}},
	{"long clean line, no newline", longLine, nil},
	{"secret at the end of a long line", longLine + "password=hunter2 " + longLine, []string{"keyed-secret"}},
	{"mixed log", func() string { b, _ := readTestdata("mixed.log"); return string(b) }(),
		[]string{"keyed-secret", "bearer-token", "url-credentials", "email", "keyed-secret", "card", "phone", "ssn", "github-token", "private-key", "jwt"}},
}

// rulesOf lists the rule IDs Find reports for in.
func rulesOf(r *Redactor, in []byte) []string {
	var ids []string
	for _, f := range r.Find(in) {
		ids = append(ids, f.Rule)
	}
	return ids
}

// streamChunks writes in through a Writer in pieces of the given sizes (the
// last piece takes the rest) and returns what reached the underlying writer.
func streamChunks(t testing.TB, r *Redactor, in []byte, sizes []int) []byte {
	t.Helper()
	var out bytes.Buffer
	w := r.NewWriter(&out)
	for _, n := range sizes {
		n = min(n, len(in))
		if _, err := w.Write(in[:n]); err != nil {
			t.Fatal(err)
		}
		in = in[n:]
	}
	if _, err := w.Write(in); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// randomSizes cuts n bytes into random pieces, mostly small, some large.
func randomSizes(rng *rand.Rand, n int) []int {
	var sizes []int
	for n > 0 {
		k := 1 + rng.IntN(16)
		if rng.IntN(8) == 0 {
			k = 1 + rng.IntN(4096)
		}
		k = min(k, n)
		sizes = append(sizes, k)
		n -= k
	}
	return sizes
}

// splitPoints returns every offset of in when it is short. Of a long input
// it returns the offsets near the edges, near every finding's ends and near
// every line end (where a stream's decisions change), and a stride between.
func splitPoints(r *Redactor, in []byte) []int {
	if len(in) <= 4096 {
		cuts := make([]int, len(in)+1)
		for i := range cuts {
			cuts[i] = i
		}
		return cuts
	}
	seen := make(map[int]bool)
	var cuts []int
	near := 40
	around := func(at int) {
		for c := max(0, at-near); c <= min(len(in), at+near); c++ {
			if !seen[c] {
				seen[c] = true
				cuts = append(cuts, c)
			}
		}
	}
	around(0)
	around(len(in))
	for _, f := range r.Find(in) {
		around(f.Start)
		around(f.End)
	}
	for i, c := range in {
		if c == '\n' {
			around(i)
		}
	}
	near = 2
	for c := 0; c < len(in); c += 1009 {
		around(c)
	}
	slices.Sort(cuts)
	return cuts
}

func TestStreamEqualsBytesForEveryChunking(t *testing.T) {
	styles := []struct {
		name string
		opt  Option
	}{
		{"placeholder", WithPlaceholder()},
		{"partial", WithPartial()},
		{"fingerprint", WithFingerprint([]byte("0123456789abcdef0123"))},
		{"fixed", WithFixedText("••••••")},
	}
	for _, st := range styles {
		r := streamRedactor(t, st.opt)
		for _, tc := range streamCases {
			t.Run(st.name+"/"+tc.name, func(t *testing.T) {
				in := []byte(tc.in)
				if st.name == "placeholder" {
					if got := rulesOf(r, in); !slices.Equal(got, tc.rules) {
						t.Fatalf("Find: got rules %q, want %q", got, tc.rules)
					}
				}
				want := r.Bytes(in)
				if (len(tc.rules) == 0) != bytes.Equal(want, in) {
					t.Fatalf("Bytes changed the input: %v, want %v", !bytes.Equal(want, in), len(tc.rules) > 0)
				}
				cuts := splitPoints(r, in)
				if st.name != "placeholder" {
					// The other styles share the code path: a sample.
					cuts = slices.DeleteFunc(cuts, func(c int) bool { return c%7 != 0 })
				}
				for _, c := range cuts {
					if got := streamOf(t, r, in, c); !bytes.Equal(got, want) {
						t.Fatalf("split at %d: stream differs\n got %q\nwant %q", c, got, want)
					}
				}
				ones := make([]int, len(in))
				for i := range ones {
					ones[i] = 1
				}
				if got := streamChunks(t, r, in, ones); !bytes.Equal(got, want) {
					t.Fatalf("1-byte writes: stream differs\n got %q\nwant %q", got, want)
				}
				rng := rand.New(rand.NewPCG(uint64(len(in)), 42))
				chunkings := 20
				if testing.Short() || raceEnabled {
					chunkings = 5
				}
				for k := 0; k < chunkings; k++ {
					sizes := randomSizes(rng, len(in))
					if got := streamChunks(t, r, in, sizes); !bytes.Equal(got, want) {
						t.Fatalf("chunking %v: stream differs\n got %q\nwant %q", sizes, got, want)
					}
				}
			})
		}
	}
}

// A private-key block bigger than the 64 KiB cap must still come out
// without any of its key material, however it is written, and the Writer
// must not hold the whole block.
func TestStreamPEMBlockOverCapFailsClosed(t *testing.T) {
	r := Default()
	body := bigPEMBody(100 << 10)
	// The body becomes one placeholder per window it spans (with the line
	// break, real, escaped or folded, where a window ended).
	const ph = `(\[REDACTED:private-key\](\s|\\n)*)*\[REDACTED:private-key\]`
	for _, tc := range []struct{ name, in, want string }{
		{"with END", "start\n-----BEGIN PRIVATE KEY-----\n" + body + "-----END PRIVATE KEY-----\nafter\n",
			`^start\n-----BEGIN PRIVATE KEY-----\n` + ph + `\n-----END PRIVATE KEY-----\nafter\n$`},
		{"without END", "start\n-----BEGIN PRIVATE KEY-----\n" + body + "2026-11-28 INFO after\n",
			`^start\n-----BEGIN PRIVATE KEY-----\n` + ph + `\n2026-11-28 INFO after\n$`},
		{"three caps long", "-----BEGIN RSA PRIVATE KEY-----\n" + bigPEMBody(200<<10) + "-----END RSA PRIVATE KEY-----",
			`^-----BEGIN RSA PRIVATE KEY-----\n` + ph + `\n-----END RSA PRIVATE KEY-----$`},
		{"escaped in JSON", `{"key":"-----BEGIN PRIVATE KEY-----\n` + strings.ReplaceAll(body, "\n", `\n`) + `-----END PRIVATE KEY-----"}`,
			`^\{"key":"-----BEGIN PRIVATE KEY-----\\n` + ph + `\\n-----END PRIVATE KEY-----"\}$`},
		{"folded onto one line", "k: -----BEGIN PRIVATE KEY----- " + strings.ReplaceAll(body, "\n", " ") + "-----END PRIVATE KEY----- ok",
			`^k: -----BEGIN PRIVATE KEY----- ` + ph + ` -----END PRIVATE KEY----- ok$`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := []byte(tc.in)
			want := r.Bytes(in)
			if !regexp.MustCompile(tc.want).Match(want) {
				t.Fatalf("Bytes gives %q … %q, want %s", want[:min(len(want), 80)], want[max(0, len(want)-80):], tc.want)
			}
			if got := r.Find(in); len(got) == 0 || got[0].Rule != "private-key" {
				t.Fatalf("Find: %v", got)
			}
			// Cuts around the BEGIN line, the cap and the END line, and a
			// sample elsewhere.
			var cuts []int
			near, stride := 16, 2053
			if testing.Short() || raceEnabled {
				near, stride = 4, 8191
			}
			begin := bytes.Index(in, []byte("-----BEGIN"))
			for _, at := range []int{begin, begin + len("-----BEGIN ") + pemCap, bytes.LastIndex(in, []byte("-----END"))} {
				for c := max(0, at-near); c < min(len(in), at+near); c++ {
					cuts = append(cuts, c)
				}
			}
			for c := 0; c < len(in); c += stride {
				cuts = append(cuts, c)
			}
			for _, c := range cuts {
				if got := streamOf(t, r, in, c); !bytes.Equal(got, want) {
					t.Fatalf("split at %d: stream differs from Bytes", c)
				}
			}
			rng := rand.New(rand.NewPCG(7, 7))
			for k := 0; k < 5; k++ {
				if got := streamChunks(t, r, in, randomSizes(rng, len(in))); !bytes.Equal(got, want) {
					t.Fatal("random chunking: stream differs from Bytes")
				}
			}
			var out bytes.Buffer
			w := r.NewWriter(&out).(*Writer)
			held := 0
			for p := in; len(p) > 0; p = p[min(len(p), 1000):] {
				if _, err := w.Write(p[:min(len(p), 1000)]); err != nil {
					t.Fatal(err)
				}
				held = max(held, len(w.buf))
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if held > 128<<10 {
				t.Errorf("the Writer held %d bytes of a %d-byte block", held, len(in))
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Error("1000-byte writes: stream differs from Bytes")
			}
		})
	}
}

func TestStreamWriteStringMatchesWrite(t *testing.T) {
	r := streamRedactor(t)
	for _, tc := range streamCases {
		var out bytes.Buffer
		w := r.NewWriter(&out).(*Writer)
		for s := tc.in; len(s) > 0; s = s[min(len(s), 7):] {
			if _, err := w.WriteString(s[:min(len(s), 7)]); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if want := r.Bytes([]byte(tc.in)); !bytes.Equal(out.Bytes(), want) {
			t.Errorf("%s: WriteString stream differs\n got %q\nwant %q", tc.name, out.Bytes(), want)
		}
	}
}

// flushRecorder records what had been written when Flush was called.
type flushRecorder struct {
	bytes.Buffer
	atFlush []string
}

func (f *flushRecorder) Flush() error { f.atFlush = append(f.atFlush, f.String()); return nil }

// Flush promises: what was written before it is redacted as if the stream
// ended there and reaches the underlying writer, which is then flushed;
// matching starts afresh after it. So writing a, Flush, b, Close gives
// Bytes(a) + Bytes(b), for every cut.
func TestStreamFlushEndsASegment(t *testing.T) {
	r := streamRedactor(t)
	for _, tc := range streamCases {
		in := []byte(tc.in)
		t.Run(tc.name, func(t *testing.T) {
			for _, c := range splitPoints(r, in) {
				a, b := in[:c], in[c:]
				var out flushRecorder
				w := r.NewWriter(&out).(*Writer)
				if _, err := w.Write(a); err != nil {
					t.Fatal(err)
				}
				if err := w.Flush(); err != nil {
					t.Fatal(err)
				}
				if _, err := w.Write(b); err != nil {
					t.Fatal(err)
				}
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
				wantA := string(r.Bytes(a))
				want := wantA + string(r.Bytes(b))
				if out.String() != want {
					t.Fatalf("Flush at %d:\n got %q\nwant %q", c, out.String(), want)
				}
				if len(out.atFlush) != 1 || out.atFlush[0] != wantA {
					t.Fatalf("Flush at %d: underlying writer flushed with %q, want %q", c, out.atFlush, wantA)
				}
			}
		})
	}
}

// "no match spans a Flush": a key and its value in different segments are
// two unrelated texts.
func TestStreamFlushSplitsAMatch(t *testing.T) {
	var out bytes.Buffer
	w := Default().NewWriter(&out).(*Writer)
	io.WriteString(w, "password=")
	w.Flush()
	io.WriteString(w, "hunter2 password=hunter2\n")
	w.Close()
	if want := "password=hunter2 password=[REDACTED:keyed-secret]\n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

func TestStreamFlushCallsUnderlyingFlush(t *testing.T) {
	var dst bytes.Buffer
	bw := bufio.NewWriterSize(&dst, 4096)
	w := Default().NewWriter(bw).(*Writer)
	io.WriteString(w, "event: token\ndata: password=hunter2\n\n")
	if dst.Len() != 0 {
		t.Fatalf("bufio passed %q on before any Flush", dst.String())
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := "event: token\ndata: password=[REDACTED:keyed-secret]\n\n"; dst.String() != want {
		t.Errorf("after Flush the destination holds %q, want %q", dst.String(), want)
	}
}

func TestStreamCloseIsIdempotent(t *testing.T) {
	var out bytes.Buffer
	w := Default().NewWriter(&out)
	io.WriteString(w, "password=hunter2")
	for i := 0; i < 3; i++ {
		if err := w.Close(); err != nil {
			t.Fatalf("Close #%d: %v", i+1, err)
		}
	}
	if want := "password=[REDACTED:keyed-secret]"; out.String() != want {
		t.Errorf("after three Closes: %q, want %q", out.String(), want)
	}
}

func TestStreamUseAfterClose(t *testing.T) {
	var out bytes.Buffer
	w := Default().NewWriter(&out).(*Writer)
	w.Close()
	if n, err := w.Write([]byte("password=hunter2\n")); n != 0 || !errors.Is(err, ErrClosed) {
		t.Errorf("Write after Close: %d, %v; want 0, ErrClosed", n, err)
	}
	if n, err := w.WriteString("x"); n != 0 || !errors.Is(err, ErrClosed) {
		t.Errorf("WriteString after Close: %d, %v; want 0, ErrClosed", n, err)
	}
	if err := w.Flush(); !errors.Is(err, ErrClosed) {
		t.Errorf("Flush after Close: %v; want ErrClosed", err)
	}
	if out.Len() != 0 {
		t.Errorf("a closed Writer wrote %q", out.String())
	}
}

// failWriter accepts limit bytes, then fails every write.
type failWriter struct {
	got   []byte
	limit int
}

var errDisk = errors.New("disk full")

func (f *failWriter) Write(p []byte) (int, error) {
	if len(f.got)+len(p) > f.limit {
		return 0, errDisk
	}
	f.got = append(f.got, p...)
	return len(p), nil
}

// An error of the underlying writer comes back from the Write (or the
// Close) that hit it and from every call after; no error of ours carries
// the secret, and nothing unredacted reached the writer before it failed.
func TestStreamUnderlyingErrorPropagates(t *testing.T) {
	r := streamRedactor(t)
	const secret = "hunter2hunter2"
	in := []byte(strings.Repeat("GET /v1/items status=200 user=bob\n", 40) + "password=" + secret + "\n" + streamKnown + "\n")
	for limit := 0; limit < 200; limit += 37 {
		for _, size := range []int{1, 13, len(in)} {
			fw := &failWriter{limit: limit}
			w := r.NewWriter(fw)
			var werr error
			for p := in; len(p) > 0 && werr == nil; p = p[min(len(p), size):] {
				_, werr = w.Write(p[:min(len(p), size)])
			}
			cerr := w.Close()
			if !errors.Is(werr, errDisk) && !errors.Is(cerr, errDisk) {
				t.Fatalf("limit %d, writes of %d: Write error %v, Close error %v; want the writer's error", limit, size, werr, cerr)
			}
			if werr != nil && !errors.Is(cerr, errDisk) {
				t.Errorf("limit %d: Close after a failed Write returned %v", limit, cerr)
			}
			if _, err := w.Write([]byte("x")); err == nil {
				t.Errorf("limit %d: Write after the failure succeeded", limit)
			}
			for _, err := range []error{werr, cerr} {
				if err != nil && (strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), streamKnown)) {
					t.Errorf("error carries the secret: %v", err)
				}
			}
			if bytes.Contains(fw.got, []byte(secret)) || bytes.Contains(fw.got, []byte(streamKnown)) {
				t.Errorf("limit %d: the writer received the secret before failing", limit)
			}
			if !bytes.HasPrefix(r.Bytes(in), fw.got) {
				t.Errorf("limit %d: what was written is not a prefix of Bytes", limit)
			}
		}
	}
}

// realisticLog returns about n bytes of log lines, some with secrets, as
// the filter sees them in production: a unit of 20 lines (mixed.log, then
// clean lines) repeated, so the redacted size of any prefix is in
// proportion to its length, within one unit.
func realisticLog(n int) []byte {
	base, err := readTestdata("mixed.log")
	if err != nil {
		panic(err)
	}
	clean := []byte("2026-11-28T03:26:49.120Z INFO gateway request method=GET path=/v1/orders/8841 status=200 dur=12ms trace=4bf92f3577b34da6a3ce929d0e0e4736\n")
	var b bytes.Buffer
	b.Grow(n + len(base))
	for b.Len() < n {
		b.Write(base)
		for range 20 - bytes.Count(base, []byte("\n")) {
			b.Write(clean)
		}
	}
	return b.Bytes()
}

// countWriter counts what reaches it.
type countWriter struct{ n int }

func (c *countWriter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }

// Streaming a large log keeps the Writer's buffer bounded, whatever the
// write size, and output flows as input arrives: after N MiB written, the
// redaction of all but the last MiB has come out.
func TestStreamMemoryIsBounded(t *testing.T) {
	total := 64 << 20
	if testing.Short() || raceEnabled {
		total = 8 << 20
	}
	in := realisticLog(total)
	// Output is shorter than input by what the placeholders save: this
	// fraction of every unit.
	want := Default().Bytes(in)
	ratio := float64(len(want)) / float64(len(in))
	for _, size := range []int{4 << 10, 1 << 20, len(in)} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			var out countWriter
			w := Default().NewWriter(&out).(*Writer)
			held := 0
			for p, written := in, 0; len(p) > 0; {
				k := min(len(p), size)
				if _, err := w.Write(p[:k]); err != nil {
					t.Fatal(err)
				}
				p, written = p[k:], written+k
				held = max(held, cap(w.buf))
				if due := int(float64(written-1<<20) * ratio); out.n < due {
					t.Fatalf("after %d bytes written only %d came out, want at least %d", written, out.n, due)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if out.n != len(want) {
				t.Errorf("stream wrote %d bytes, Bytes gives %d", out.n, len(want))
			}
			if held > 128<<10 {
				t.Errorf("the Writer's buffer grew to %d bytes for a %d-byte stream", held, len(in))
			}
		})
	}
}

// A clean line costs no allocation in Bytes, String or a Writer, also when
// it holds anchors that the validators then reject.
func TestCleanLinesDoNotAllocate(t *testing.T) {
	r := Default()
	for _, line := range []string{
		"2026-11-28T03:26:49Z INFO GET /api/v1/orders/8841 status=200 dur=12ms\n",
		"the token expired, reset your password for user bob\n",
		`{"token_type":"Bearer","max_tokens":100,"key_id":"k1"}` + "\n",
		"card 4111 1111 1111 1112 ok version 1.22.3 took 1732761600123 ms\n",
	} {
		b := []byte(line)
		if got := r.Bytes(b); &got[0] != &b[0] {
			t.Fatalf("%q is not clean", line)
		}
		if n := testing.AllocsPerRun(100, func() { r.Bytes(b) }); n != 0 {
			t.Errorf("Bytes(%q): %v allocs, want 0", line, n)
		}
		if n := testing.AllocsPerRun(100, func() { r.String(line) }); n != 0 {
			t.Errorf("String(%q): %v allocs, want 0", line, n)
		}
		w := r.NewWriter(io.Discard)
		w.Write(b) // warm the buffers
		if n := testing.AllocsPerRun(100, func() { w.Write(b) }); n != 0 {
			t.Errorf("Writer.Write(%q): %v allocs, want 0", line, n)
		}
	}
}

// A YAML block scalar under a secret key, short and past the rule's
// window: the stream gives the one-shot answer for any chunking, and the
// block's content within the window is redacted.
func TestStreamYAMLBlockScalar(t *testing.T) {
	r := Default()
	line := "    Zx81kLmQ02pR77abYn1ebr1uyOF4OlYmFs27HomNf3c=\n"
	for _, n := range []int{1, 3, (yamlBlockCap + 4096) / len(line)} {
		in := []byte("auth:\n  password: |\n" + strings.Repeat(line, n) + "  enabled: true\n")
		want := r.Bytes(in)
		if !bytes.HasPrefix(want, []byte("auth:\n  password: |\n    [REDACTED:keyed-secret]")) {
			t.Fatalf("%d lines: Bytes gives %q", n, want[:min(len(want), 80)])
		}
		if n < 10 && !bytes.HasSuffix(want, []byte("[REDACTED:keyed-secret]\n  enabled: true\n")) {
			t.Fatalf("%d lines: Bytes gives %q", n, want)
		}
		rng := rand.New(rand.NewPCG(uint64(n), 9))
		for k := 0; k < 5; k++ {
			if got := streamChunks(t, r, in, randomSizes(rng, len(in))); !bytes.Equal(got, want) {
				t.Fatalf("%d lines: random chunking: stream differs from Bytes", n)
			}
		}
		for c := 0; c < len(in); c += 1 + len(in)/97 {
			if got := streamOf(t, r, in, c); !bytes.Equal(got, want) {
				t.Fatalf("%d lines: split at %d: stream differs from Bytes", n, c)
			}
		}
	}
}
