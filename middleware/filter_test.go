package middleware_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"
	"github.com/klauspost/compress/zstd"

	"github.com/aegisagent/redactor/middleware"
	"github.com/aegisagent/redactor/redact"
)

func encode(t *testing.T, coding string, b []byte) []byte {
	var buf bytes.Buffer
	var w io.WriteCloser
	switch coding {
	case "":
		return b
	case "gzip":
		w = gzip.NewWriter(&buf)
	case "deflate":
		w = zlib.NewWriter(&buf)
	case "br":
		w = brotli.NewWriter(&buf)
	case "zstd":
		zw, err := zstd.NewWriter(&buf)
		if err != nil {
			t.Fatal(err)
		}
		w = zw
	}
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decode(t *testing.T, coding string, b []byte) []byte {
	var rd io.Reader
	var err error
	switch coding {
	case "":
		return b
	case "gzip":
		rd, err = gzip.NewReader(bytes.NewReader(b))
	case "deflate":
		rd, err = zlib.NewReader(bytes.NewReader(b))
	case "br":
		rd = brotli.NewReader(bytes.NewReader(b))
	case "zstd":
		var zr *zstd.Decoder
		zr, err = zstd.NewReader(bytes.NewReader(b))
		rd = zr
	}
	if err != nil {
		t.Fatalf("client decoding %s: %v", coding, err)
	}
	out, err := io.ReadAll(rd)
	if err != nil {
		t.Fatalf("client decoding %s: %v", coding, err)
	}
	return out
}

// sseBody makes events with one data line each, JSON or text, and the
// expected redaction of each event.
func sseBody(r *redact.Redactor, rng *rand.Rand, n int) (body, want []byte) {
	var b, w bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		var data []byte
		if rng.IntN(2) == 0 {
			data = bytes.ReplaceAll(jsonBody(rng, 200), []byte("\n"), nil)
		} else {
			data = bytes.TrimRight(textBody(rng, 60), "\n")
			data = bytes.ReplaceAll(data, []byte("\n"), []byte(" | "))
		}
		red, _ := r.JSON(data)
		fmt.Fprintf(&b, "id: %d\nevent: update\ndata: %s\n\n", i, data)
		fmt.Fprintf(&w, "id: %d\nevent: update\ndata: %s\n\n", i, red)
	}
	return b.Bytes(), w.Bytes()
}

// TestBodies is the main contract: whatever the content type, encoding,
// protocol and chunking, the client gets exactly what the core produces
// for the whole body — no planted secret, valid JSON, every other byte
// unchanged.
func TestBodies(t *testing.T) {
	r := redact.Default()
	type gen func(rng *rand.Rand) (body, want []byte)
	text := func(rng *rand.Rand) ([]byte, []byte) { b := textBody(rng, 40<<10); return b, r.Bytes(b) }
	doc := func(rng *rand.Rand) ([]byte, []byte) {
		b := jsonBody(rng, 40<<10)
		w, err := r.JSON(b)
		if err != nil {
			panic(err)
		}
		return b, w
	}
	ndjson := func(rng *rand.Rand) ([]byte, []byte) {
		var b, w bytes.Buffer
		for b.Len() < 30<<10 {
			line := bytes.ReplaceAll(jsonBody(rng, 300), []byte("\n"), nil)
			red, _ := r.JSON(line)
			b.Write(line)
			b.WriteByte('\n')
			w.Write(red)
			w.WriteByte('\n')
		}
		return b.Bytes(), w.Bytes()
	}
	sse := func(rng *rand.Rand) ([]byte, []byte) { return sseBody(r, rng, 30<<10) }
	// An LLM gateway's embeddings: floats with seven-digit runs, which the
	// core passes by, with numbers that are PII among them (a card, a
	// phone number under its key, a card after an exponent's '+').
	numbers := func(rng *rand.Rand) ([]byte, []byte) {
		var b bytes.Buffer
		b.WriteString(`{"data":[`)
		for i := 0; b.Len() < 40<<10; i++ {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"index":%d,"embedding":[`, i)
			for k := range 40 {
				if k > 0 {
					b.WriteString(",")
				}
				switch rng.IntN(200) {
				case 0:
					b.WriteString("4111111111111111")
				case 1:
					b.WriteString("1e+4111111111111111")
				default:
					b.WriteString(strconv.FormatFloat(rng.Float64()-0.5, 'g', -1, 64))
				}
			}
			fmt.Fprintf(&b, `],"phone":4155552671,"id":%d}`, 1296269+i)
		}
		b.WriteString("]}")
		w, err := r.JSON(b.Bytes())
		if err != nil {
			panic(err)
		}
		return b.Bytes(), w
	}
	cases := []struct {
		name, ctype, coding string
		gen                 gen
		isJSON              bool
	}{
		{"text", "text/plain; charset=utf-8", "", text, false},
		{"no content type", "", "", text, false},
		{"xml as text", "application/xml", "", text, false},
		{"json", "application/json", "", doc, true},
		{"problem+json", "application/problem+json", "", doc, true},
		{"ndjson", "application/x-ndjson", "", ndjson, false},
		{"sse", "text/event-stream", "", sse, false},
		{"gzip text", "text/plain", "gzip", text, false},
		{"gzip json", "application/json", "gzip", doc, true},
		{"numbers json", "application/json", "", numbers, true},
		{"gzip numbers json", "application/json", "gzip", numbers, true},
		{"deflate text", "text/plain", "deflate", text, false},
		{"br json", "application/json", "br", doc, true},
		{"zstd text", "text/plain", "zstd", text, false},
		{"gzip sse", "text/event-stream", "gzip", sse, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := middleware.OutputFilter(r)(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
				seed, _ := strconv.ParseUint(req.URL.Query().Get("seed"), 10, 64)
				rng := rand.New(rand.NewPCG(seed, 7))
				body, _ := tc.gen(rng)
				if tc.ctype != "" {
					w.Header().Set("Content-Type", tc.ctype)
				}
				if tc.coding != "" {
					w.Header().Set("Content-Encoding", tc.coding)
				}
				writeChunks(t, w, rng, encode(t, tc.coding, body))
			}))
			protocols(t, h, func(t *testing.T, srv *httptest.Server, c *http.Client) {
				for seed := uint64(1); seed <= 3; seed++ {
					resp, raw := get(t, c, "GET", srv.URL+"/?seed="+strconv.FormatUint(seed, 10))
					if resp.StatusCode != 200 {
						t.Fatalf("status %d: %s", resp.StatusCode, raw)
					}
					if ce := resp.Header.Get("Content-Encoding"); ce != tc.coding {
						t.Fatalf("Content-Encoding %q, want %q", ce, tc.coding)
					}
					got := decode(t, tc.coding, raw)
					_, want := tc.gen(rand.New(rand.NewPCG(seed, 7)))
					assertNoSecret(t, got)
					if bytes.Contains(got, []byte("4111111111111111")) || bytes.Contains(got, []byte("4155552671")) {
						t.Fatalf("seed %d: a card or phone number reached the client", seed)
					}
					if !bytes.Equal(got, want) {
						t.Fatalf("seed %d: body differs from the one-shot redaction\n got: %.300q\nwant: %.300q", seed, got, want)
					}
					if tc.isJSON && !json.Valid(got) {
						t.Fatalf("seed %d: invalid JSON", seed)
					}
				}
			})
		})
	}
}

// TestBinaryPassesUntouched: binary types are not filtered unless
// configured, and then they are.
func TestBinaryPassesUntouched(t *testing.T) {
	body := []byte("\x89PNG\r\n\x1a\n key " + awsKey + " \x00\x01")
	for _, tc := range []struct {
		name  string
		opts  []middleware.Option
		ctype string
		want  bool // body unchanged
	}{
		{"png", nil, "image/png", true},
		{"octet-stream", nil, "application/octet-stream", true},
		{"grpc", nil, "application/grpc+proto", true},
		{"svg is text", nil, "image/svg+xml", false},
		{"octet-stream configured as text", []middleware.Option{middleware.WithFilterTypes("application/octet-stream")}, "application/octet-stream", false},
		{"own binary type", []middleware.Option{middleware.WithPassThroughTypes("application/x-mine")}, "application/x-mine", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := middleware.OutputFilter(redact.Default(), tc.opts...)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", tc.ctype)
				w.Header().Set("Content-Length", strconv.Itoa(len(body)))
				_, _ = io.Copy(w, bytes.NewReader(body))
			}))
			srv := httptest.NewServer(h)
			defer srv.Close()
			_, got := get(t, srv.Client(), "GET", srv.URL)
			if bytes.Equal(got, body) != tc.want {
				t.Fatalf("unchanged=%v, want %v: %q", !tc.want, tc.want, got)
			}
		})
	}
}

// TestFlushReachesClient: a ResponseController flush (and every SSE event
// boundary) reaches the client while the handler is still running.
func TestFlushReachesClient(t *testing.T) {
	for _, tc := range []struct {
		name, ctype, first, second string
		flush                      bool
	}{
		{"sse event boundary", "text/event-stream", "data: {\"password\":\"" + password + "\"}\n\n", "data: bye\n\n", false},
		{"text line and Flush", "text/plain", "Authorization: Bearer " + bearer + "\n", "done\n", true},
		{"gzip text and Flush", "text/plain", "aws key " + awsKey + " ok\n", "done\n", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gz := strings.HasPrefix(tc.name, "gzip")
			release := make(chan struct{})
			h := middleware.OutputFilter(redact.Default())(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", tc.ctype)
				var out io.Writer = w
				var zw *gzip.Writer
				if gz {
					w.Header().Set("Content-Encoding", "gzip")
					zw = gzip.NewWriter(w)
					out = zw
				}
				_, _ = io.WriteString(out, tc.first)
				if zw != nil {
					_ = zw.Flush()
				}
				if tc.flush {
					if err := http.NewResponseController(w).Flush(); err != nil {
						t.Errorf("flush: %v", err)
					}
				}
				select {
				case <-release:
				case <-time.After(10 * time.Second):
					t.Error("client never saw the first part")
				}
				_, _ = io.WriteString(out, tc.second)
				if zw != nil {
					_ = zw.Close()
				}
			}))
			protocols(t, h, func(t *testing.T, srv *httptest.Server, c *http.Client) {
				resp, err := c.Get(srv.URL)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				var rd io.Reader = resp.Body
				if gz {
					zr, err := gzip.NewReader(resp.Body)
					if err != nil {
						t.Fatal(err)
					}
					rd = zr
				}
				br := bufio.NewReader(rd)
				line, err := br.ReadString('\n')
				if err != nil {
					t.Fatal(err)
				}
				want := strings.SplitAfter(string(redact.Default().Bytes([]byte(tc.first))), "\n")[0]
				if tc.ctype == "text/event-stream" {
					out, _ := redact.Default().JSON([]byte(strings.TrimSuffix(strings.TrimPrefix(tc.first, "data: "), "\n\n")))
					want = "data: " + string(out) + "\n"
				}
				if line != want {
					t.Fatalf("first line %q, want %q", line, want)
				}
				close(release)
				rest, err := io.ReadAll(br)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.HasSuffix(string(rest), tc.second) {
					t.Fatalf("rest %q", rest)
				}
				release = make(chan struct{})
			})
		})
	}
}

// TestSplitAtEveryOffset: a secret written across two writes, at every
// split point, with a network flush between them, is still caught.
func TestSplitAtEveryOffset(t *testing.T) {
	r := redact.Default()
	body := "user=bob Authorization: Bearer " + bearer + " key " + awsKey + " end"
	want := string(r.Bytes([]byte(body)))
	var split int
	h := middleware.OutputFilter(r)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, body[:split])
		_ = http.NewResponseController(w).Flush()
		_, _ = io.WriteString(w, body[split:])
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	for split = 0; split <= len(body); split++ {
		_, got := get(t, srv.Client(), "GET", srv.URL)
		if string(got) != want {
			t.Fatalf("split at %d: got %q, want %q", split, got, want)
		}
	}
}

// TestHeaders covers the header rules: stale Content-Length, strong
// validators, bodiless statuses, HEAD, ranges and secret-bearing headers.
func TestHeaders(t *testing.T) {
	r := redact.Default()
	const etag = `"v1-abc"`
	type want struct {
		status   int
		etag     string
		body     string
		noHeader []string
		header   map[string]string
	}
	secretText := "key " + awsKey + "\n"
	cleanJSON := `{"ok":true,"n":1}`
	secretJSON := `{"password":"` + password + `"}`
	cases := []struct {
		name    string
		method  string
		opts    []middleware.Option
		handler func(w http.ResponseWriter)
		want    want
	}{
		{"streamed text: length dropped, etag weakened, digest dropped", "GET", nil, func(w http.ResponseWriter) {
			w.Header().Set("Content-Length", strconv.Itoa(len(secretText)))
			w.Header().Set("ETag", etag)
			w.Header().Set("Content-MD5", "deadbeef")
			w.Header().Set("Accept-Ranges", "bytes")
			_, _ = io.WriteString(w, secretText)
		}, want{status: 200, etag: "W/" + etag, body: string(r.Bytes([]byte(secretText))), noHeader: []string{"Content-Md5", "Accept-Ranges"}}},
		{"clean json keeps strong etag and exact length", "GET", nil, func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("ETag", etag)
			_, _ = io.WriteString(w, cleanJSON)
		}, want{status: 200, etag: etag, body: cleanJSON, header: map[string]string{"Content-Length": strconv.Itoa(len(cleanJSON))}}},
		{"changed json: weak etag, recomputed length", "GET", nil, func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", strconv.Itoa(len(secretJSON)))
			w.Header().Set("ETag", etag)
			_, _ = io.WriteString(w, secretJSON)
		}, want{status: 200, etag: "W/" + etag, body: `{"password":"[REDACTED:keyed-secret]"}`,
			header: map[string]string{"Content-Length": strconv.Itoa(len(`{"password":"[REDACTED:keyed-secret]"}`))}}},
		{"WriteHeader twice: first wins", "GET", nil, func(w http.ResponseWriter) {
			w.WriteHeader(201)
			w.WriteHeader(500)
			_, _ = io.WriteString(w, "ok")
		}, want{status: 201, body: "ok"}},
		{"204 has no body processing", "GET", nil, func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(204)
		}, want{status: 204}},
		{"304 keeps a weakened validator", "GET", nil, func(w http.ResponseWriter) {
			w.Header().Set("ETag", etag)
			w.WriteHeader(304)
		}, want{status: 304, etag: "W/" + etag}},
		{"HEAD writes are eaten", "HEAD", nil, func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/plain")
			_, _ = io.WriteString(w, secretText)
		}, want{status: 200}},
		{"206 refused by default", "GET", nil, func(w http.ResponseWriter) {
			w.Header().Set("Content-Range", "bytes 0-3/100")
			w.WriteHeader(206)
			_, _ = io.WriteString(w, "key ")
		}, want{status: 502, noHeader: []string{"Content-Range"}}},
		{"206 passes with WithRangePassThrough", "GET", []middleware.Option{middleware.WithRangePassThrough()}, func(w http.ResponseWriter) {
			w.Header().Set("Content-Range", "bytes 0-3/100")
			w.WriteHeader(206)
			_, _ = io.WriteString(w, "abcd")
		}, want{status: 206, body: "abcd"}},
		{"Location with a token", "GET", nil, func(w http.ResponseWriter) {
			w.Header().Set("Location", "/callback?state=xyz&access_token="+stripe)
			w.WriteHeader(302)
		}, want{status: 302, header: map[string]string{"Location": "/callback?state=xyz&access_token=" + "%5BREDACTED%3Akeyed-secret%5D"}}},
		{"Set-Cookie left alone by default", "GET", nil, func(w http.ResponseWriter) {
			w.Header().Set("Set-Cookie", "sid=abcdef0123456789; HttpOnly")
		}, want{status: 200, header: map[string]string{"Set-Cookie": "sid=abcdef0123456789; HttpOnly"}}},
		{"Set-Cookie redacted when configured", "GET", []middleware.Option{middleware.WithSetCookie()}, func(w http.ResponseWriter) {
			w.Header().Set("Set-Cookie", "sid=abcdef0123456789; HttpOnly")
		}, want{status: 200, header: map[string]string{"Set-Cookie": "sid=[REDACTED:keyed-secret]; HttpOnly"}}},
		{"unknown encoding fails closed", "GET", nil, func(w http.ResponseWriter) {
			w.Header().Set("Content-Encoding", "compress")
			_, _ = io.WriteString(w, secretText)
		}, want{status: 502, noHeader: []string{"Content-Encoding"}}},
		{"stacked encodings fail closed", "GET", nil, func(w http.ResponseWriter) {
			w.Header().Set("Content-Encoding", "gzip, br")
			_, _ = io.WriteString(w, secretText)
		}, want{status: 502}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := middleware.OutputFilter(r, tc.opts...)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { tc.handler(w) }))
			protocols(t, h, func(t *testing.T, srv *httptest.Server, c *http.Client) {
				c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
				resp, body := get(t, c, tc.method, srv.URL)
				if resp.StatusCode != tc.want.status {
					t.Fatalf("status %d, want %d", resp.StatusCode, tc.want.status)
				}
				if got := resp.Header.Get("Etag"); got != tc.want.etag {
					t.Errorf("ETag %q, want %q", got, tc.want.etag)
				}
				if tc.want.status == 502 {
					assertNoSecret(t, body)
					if strings.Contains(string(body), "key") {
						t.Errorf("502 body carries response bytes: %q", body)
					}
				} else if string(body) != tc.want.body {
					t.Errorf("body %q, want %q", body, tc.want.body)
				}
				for _, k := range tc.want.noHeader {
					if v := resp.Header.Get(k); v != "" {
						t.Errorf("header %s = %q, want none", k, v)
					}
				}
				for k, v := range tc.want.header {
					if got := resp.Header.Get(k); got != v {
						t.Errorf("header %s = %q, want %q", k, got, v)
					}
				}
				if resp.ContentLength >= 0 && int(resp.ContentLength) != len(body) && tc.method != "HEAD" {
					t.Errorf("Content-Length %d for a %d-byte body", resp.ContentLength, len(body))
				}
			})
		})
	}
}

// TestFailClosed: when redaction cannot proceed, the client gets a 502
// if nothing was sent yet, or an aborted transfer — never raw bytes.
func TestFailClosed(t *testing.T) {
	r := redact.Default()
	big := "data: " + strings.Repeat("x", 2000) + " key " + awsKey + "\n"
	cases := []struct {
		name    string
		opts    []middleware.Option
		handler func(w http.ResponseWriter)
		status  int // 0: the transfer must be aborted
	}{
		{"corrupt gzip before headers", nil, func(w http.ResponseWriter) {
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = io.WriteString(w, "this is not gzip key "+awsKey)
		}, 502},
		// The decoded line is held with the headers (see holdMax), so the
		// missing trailer still gets a clean 502; past the hold, or after
		// a Flush, the same failure aborts.
		{"truncated gzip", nil, func(w http.ResponseWriter) {
			w.Header().Set("Content-Encoding", "gzip")
			z := encode(t, "gzip", []byte("key "+awsKey+"\n"))
			_, _ = w.Write(z[:len(z)-6])
		}, 502},
		{"truncated gzip after a flush", nil, func(w http.ResponseWriter) {
			w.Header().Set("Content-Encoding", "gzip")
			z := encode(t, "gzip", []byte("line one\nkey "+awsKey+"\n"))
			_, _ = w.Write(z[:len(z)-6])
			_ = http.NewResponseController(w).Flush()
		}, 0},
		{"corrupt gzip, bad checksum", nil, func(w http.ResponseWriter) {
			w.Header().Set("Content-Encoding", "gzip")
			z := encode(t, "gzip", []byte("key "+awsKey+"\n"))
			z[len(z)-8] ^= 0xff // the CRC-32 of the trailer
			_, _ = w.Write(z)
		}, 502},
		{"json over the cap before headers", []middleware.Option{middleware.WithMaxJSON(100)}, func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"note":"`+strings.Repeat("y", 200)+`","password":"`+password+`"}`)
		}, 502},
		{"sse event over the cap mid-stream", []middleware.Option{middleware.WithMaxEvent(1000)}, func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/event-stream")
			_, _ = io.WriteString(w, "data: hello\n\n") // sent and flushed
			for i := 0; i < len(big); i += 100 {
				_, _ = io.WriteString(w, big[i:min(i+100, len(big))])
			}
			_, _ = io.WriteString(w, "\n")
		}, 0},
		// A body shorter than its declared length is not passed off as
		// whole once the filter has dropped the length.
		{"short body, buffered JSON", nil, func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", "1000")
			_, _ = io.WriteString(w, `{"a":1}`)
		}, 502},
		{"short body, streamed text", nil, func(w http.ResponseWriter) {
			w.Header().Set("Content-Length", "100000")
			_, _ = io.WriteString(w, strings.Repeat("line of text\n", 1000))
			_ = http.NewResponseController(w).Flush()
		}, 0},
		// The caps hold however the unit arrives: here in one write.
		{"sse event over the cap in one write", []middleware.Option{middleware.WithMaxEvent(1000)}, func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/event-stream")
			_, _ = io.WriteString(w, "data: "+big+"\n\n")
		}, 502},
		{"ndjson line over the cap in one write", []middleware.Option{middleware.WithMaxJSON(1000)}, func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/x-ndjson")
			_, _ = io.WriteString(w, `{"note":"`+big+`"}`+"\n")
		}, 502},
		{"gzip garbage after headers", nil, func(w http.ResponseWriter) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Type", "text/plain")
			zw := gzip.NewWriter(w)
			_, _ = io.WriteString(zw, "hello\n")
			_ = zw.Flush()
			_ = http.NewResponseController(w).Flush()
			_, _ = io.WriteString(w, "\xff\xff garbage key "+awsKey)
		}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			reps := make(chan middleware.Report, 4)
			opts := append([]middleware.Option{middleware.WithObserver(func(r middleware.Report) { reps <- r })}, tc.opts...)
			h := middleware.OutputFilter(r, opts...)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { tc.handler(w) }))
			protocols(t, h, func(t *testing.T, srv *httptest.Server, c *http.Client) {
				defer func() {
					select {
					case rep := <-reps:
						if rep.Err == nil {
							t.Error("the observer did not see the failure")
						}
					case <-time.After(10 * time.Second):
						t.Error("no report")
					}
				}()
				resp, err := c.Get(srv.URL)
				if err != nil {
					if tc.status == 0 {
						return // aborted before the headers reached the client
					}
					t.Fatal(err)
				}
				defer resp.Body.Close()
				body, readErr := io.ReadAll(resp.Body)
				if resp.Header.Get("Content-Encoding") == "gzip" {
					zr, err := gzip.NewReader(bytes.NewReader(body))
					if err == nil {
						body, _ = io.ReadAll(zr)
					}
				}
				assertNoSecret(t, body)
				if bytes.Contains(body, []byte("garbage")) || bytes.Contains(body, []byte("xxxxxxxxxx")) {
					t.Fatalf("raw bytes reached the client: %.100q", body)
				}
				if tc.status != 0 {
					if resp.StatusCode != tc.status || readErr != nil {
						t.Fatalf("status %d (read error %v), want %d", resp.StatusCode, readErr, tc.status)
					}
				} else if readErr == nil {
					t.Fatalf("transfer completed (%d bytes), want it aborted", len(body))
				}
			})
		})
	}
}

// TestWriteAfterFailure: the handler learns that its writes go nowhere.
func TestWriteAfterFailure(t *testing.T) {
	var werr error
	h := middleware.OutputFilter(redact.Default(), middleware.WithMaxJSON(10))(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"a":"0123456789"}`)
		_, werr = io.WriteString(w, "more")
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 502 || !errors.Is(werr, middleware.ErrFailedClosed) {
		t.Fatalf("code %d, write error %v", rec.Code, werr)
	}
}
