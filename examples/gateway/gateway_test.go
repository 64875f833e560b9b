package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// testKey is the partner API key of the test gateway.
const testKey = "pk_demo_9c1f4e7a2b6d8e3f5a7c"

// planted lists every secret the upstream, the database and the client
// put into play. None may reach a response body or a log line.
var planted = []string{
	plantedCard, "4242424242424242", plantedEmail, plantedPhone, plantedBearer, plantedUserKey,
	plantedStripe, plantedSlack, plantedDBPass, plantedAWSKeyID,
	"alice@example.com", testKey, "tk-55aa66bb77cc",
}

// request is one request of README.md.
type request struct {
	name     string // golden file: testdata/<name>.golden
	path     string
	header   map[string]string
	status   int
	ctype    string
	encoding string // Content-Encoding of the response
	logHas   []string
}

var requests = []request{
	{name: "users", path: "/users/42", status: 200, ctype: "application/json"},
	{name: "users", path: "/users/42?token=tk-55aa66bb77cc", status: 200, ctype: "application/json",
		logHas: []string{`"url":"/users/42?token=%5BREDACTED%3Akeyed-secret%5D"`}},
	{name: "events", path: "/events", status: 200, ctype: "text/event-stream",
		logHas: []string{`"redactions":{"stripe-key":1}`}},
	{name: "report", path: "/report", header: map[string]string{"Accept-Encoding": "gzip"},
		status: 200, ctype: "text/plain; charset=utf-8", encoding: "gzip",
		logHas: []string{`"redactions":{"aws-access-key-id":1,"slack-token":1,"url-credentials":1}`}},
	{name: "orders-dup", path: "/orders/dup", header: map[string]string{"X-Request-Id": "req-7f3a"},
		status: 409, ctype: "application/problem+json",
		logHas: []string{`"sqlstate":"23505"`, `"detail":"Key (email)=([REDACTED:email]) already exists."`}},
	{name: "proxy", path: "/proxy", header: map[string]string{"X-Request-Id": "req-7f3b"},
		status: 504, ctype: "application/problem+json",
		logHas: []string{`"error_type":"upstream_timeout"`, `api_key=[REDACTED:known-secret]`}},
}

// syncBuffer is a log destination safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestGateway(t *testing.T) {
	dsn := os.Getenv("REDACTOR_TEST_POSTGRES")
	var logs syncBuffer
	g, err := newGateway(config{PostgresDSN: dsn, UpstreamKey: testKey, Log: &logs})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if dsn != "" && !g.pgReady {
		t.Fatalf("REDACTOR_TEST_POSTGRES is set but the server is unreachable:\n%s", logs.String())
	}
	t.Logf("postgres: %v", g.pgReady)

	// done is signalled when the whole chain, access log included, has
	// returned: the log lines of one request are all written before the
	// next request starts, so the log's order is fixed.
	done := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() { done <- struct{}{} }()
		g.handler.ServeHTTP(w, r)
	}))
	defer srv.Close()
	// DisableCompression: the test asks for gzip itself and checks that
	// the body really comes compressed.
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}

	for _, rq := range requests {
		req, err := http.NewRequest("GET", srv.URL+rq.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range rq.header {
			req.Header.Set(k, v)
		}
		before := len(logs.String())
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", rq.path, err)
		}
		raw, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatalf("GET %s: reading body: %v", rq.path, err)
		}
		<-done

		if resp.StatusCode != rq.status {
			t.Errorf("GET %s: status %d, want %d", rq.path, resp.StatusCode, rq.status)
		}
		if ct := resp.Header.Get("Content-Type"); ct != rq.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", rq.path, ct, rq.ctype)
		}
		if ce := resp.Header.Get("Content-Encoding"); ce != rq.encoding {
			t.Errorf("GET %s: Content-Encoding %q, want %q", rq.path, ce, rq.encoding)
		}
		body := raw
		if rq.encoding == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(raw))
			if err != nil {
				t.Fatalf("GET %s: %v", rq.path, err)
			}
			if body, err = io.ReadAll(zr); err != nil {
				t.Fatalf("GET %s: gunzip: %v", rq.path, err)
			}
		}
		noPlanted(t, "GET "+rq.path+" body", string(body))
		golden(t, rq.name, body)

		logged := logs.String()[before:]
		for _, want := range rq.logHas {
			if !strings.Contains(logged, want) {
				t.Errorf("GET %s: log lacks %s; log:\n%s", rq.path, want, logged)
			}
		}
	}

	srv.Close()
	noPlanted(t, "log", logs.String())
	if !g.pgReady {
		// With a real server the temporary table's schema (pg_temp_N)
		// varies; the recorded error does not.
		golden(t, "log", []byte(logs.String()))
	}
}

func noPlanted(t *testing.T, where, s string) {
	t.Helper()
	for _, secret := range planted {
		if strings.Contains(s, secret) {
			t.Errorf("%s leaks %q:\n%s", where, secret, s)
		}
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./examples/gateway -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden (go test ./examples/gateway -update rewrites it)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// TestREADME keeps README.md honest: every golden body and every line of
// the golden log (with curl's user agent) appears in it verbatim. Run
// after TestGateway's -update, then paste what changed.
func TestREADME(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"log"}
	for _, rq := range requests {
		names = append(names, rq.name)
	}
	for _, name := range names {
		want, err := os.ReadFile(filepath.Join("testdata", name+".golden"))
		if err != nil {
			t.Fatal(err)
		}
		chunks := []string{strings.TrimSpace(string(want))}
		if name == "log" {
			chunks = strings.Split(chunks[0], "\n")
		}
		for _, c := range chunks {
			c = strings.ReplaceAll(c, `"user_agent":"Go-http-client/1.1"`, `"user_agent":"curl/7.88.1"`)
			if !bytes.Contains(readme, []byte(c)) {
				t.Errorf("README.md lacks the output of testdata/%s.golden:\n%s", name, c)
			}
		}
	}
}

// TestEventsStream checks that events are not held back by the proxy or
// the filter: the first arrives while the upstream is still sleeping
// between the later ones (3 gaps of 20 ms).
func TestEventsStream(t *testing.T) {
	var logs syncBuffer
	g, err := newGateway(config{UpstreamKey: testKey, Log: &logs})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	srv := httptest.NewServer(g.handler)
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	br := bufio.NewReader(resp.Body)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			t.Fatalf("first event: %v", err)
		}
		if line == "\n" {
			break
		}
	}
	first := time.Now()
	if _, err := io.ReadAll(br); err != nil {
		t.Fatal(err)
	}
	if wait := time.Since(first); wait < 40*time.Millisecond {
		t.Errorf("the rest came %v after the first event; the stream was buffered", wait)
	}
}
