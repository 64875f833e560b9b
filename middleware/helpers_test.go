package middleware_test

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
)

// Planted secrets: each is redacted by redact.Default() in the contexts
// the generators put it in.
const (
	awsKey   = "AKIAQ3EGRUDXVXSKJY7M"
	stripe   = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"
	jwt      = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
	bearer   = "9f8e7d6c5b4a39281706"
	email    = "alice@example.com"
	password = "hunter2-Quiet-Lake"
)

var planted = []string{awsKey, stripe, jwt, bearer, email, password}

// assertNoSecret fails if any planted secret (or a 12-byte piece of it)
// reached the client.
func assertNoSecret(t *testing.T, got []byte) {
	t.Helper()
	for _, s := range planted {
		for i := 0; i+12 <= len(s); i += 6 {
			if bytes.Contains(got, []byte(s[i:i+12])) {
				t.Fatalf("secret piece %q of a planted secret reached the client", s[i:i+12])
			}
		}
	}
}

var filler = []string{
	"GET /api/v1/items 200 12ms", "cache miss for shard 7", "user bob opened the dashboard",
	"version 2.14.3 build 4bf92f3577b34da6", "retrying in 250ms", "trace=0af7651916cd43dd8448eb211c80319c",
	"queue depth 42", "the quick brown fox jumps over the lazy dog",
}

// textBody makes a log-like body of about n bytes with secrets planted.
func textBody(rng *rand.Rand, n int) []byte {
	var b bytes.Buffer
	for b.Len() < n {
		switch rng.IntN(8) {
		case 0:
			fmt.Fprintf(&b, "aws key %s in use\n", awsKey)
		case 1:
			fmt.Fprintf(&b, "Authorization: Bearer %s\n", bearer)
		case 2:
			fmt.Fprintf(&b, "billing via %s ok\n", stripe)
		case 3:
			fmt.Fprintf(&b, "mail to %s sent\n", email)
		default:
			b.WriteString(filler[rng.IntN(len(filler))])
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

// jsonBody makes a JSON document of about n bytes with secrets planted in
// secret-named keys and in free text.
func jsonBody(rng *rand.Rand, n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"items":[`)
	for i := 0; b.Len() < n; i++ {
		if i > 0 {
			b.WriteString(",\n ")
		}
		switch rng.IntN(6) {
		case 0:
			fmt.Fprintf(&b, `{"id":%d,"password":%q,"token_type":"Bearer"}`, i, password)
		case 1:
			fmt.Fprintf(&b, `{"id":%d,"note":"key %s leaked","max_tokens":512}`, i, awsKey)
		case 2:
			fmt.Fprintf(&b, `{"id":%d,"owner":{"email":%q,"api_key":%q}}`, i, email, stripe)
		case 3:
			fmt.Fprintf(&b, `{"id":%d,"session":"%s"}`, i, jwt)
		default:
			fmt.Fprintf(&b, `{"id":%d,"note":%q,"ok":true,"n":null}`, i, filler[rng.IntN(len(filler))])
		}
	}
	b.WriteString("]}")
	return b.Bytes()
}

// writeChunks writes body in random pieces through every byte path a
// handler has: Write, io.WriteString and io.Copy (ReadFrom), with random
// flushes through http.ResponseController.
func writeChunks(t *testing.T, w http.ResponseWriter, rng *rand.Rand, body []byte) {
	rc := http.NewResponseController(w)
	for len(body) > 0 {
		n := min(len(body), 1+rng.IntN(300))
		chunk := body[:n]
		body = body[n:]
		var err error
		switch rng.IntN(3) {
		case 0:
			_, err = w.Write(chunk)
		case 1:
			if sw, ok := w.(io.StringWriter); ok {
				_, err = sw.WriteString(string(chunk)) // the WriteString path
			} else {
				_, err = w.Write(chunk)
			}
		case 2:
			// onlyReader hides bytes.Reader's WriteTo, so io.Copy takes
			// the writer's ReadFrom (where it has one).
			_, err = io.Copy(w, onlyReader{bytes.NewReader(chunk)})
		}
		if err != nil {
			t.Errorf("handler write: %v", err)
			return
		}
		if rng.IntN(10) == 0 {
			if err := rc.Flush(); err != nil {
				t.Errorf("flush: %v", err)
				return
			}
		}
	}
}

type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

// protocols runs fn over HTTP/1.1 and over HTTP/2 (TLS).
func protocols(t *testing.T, h http.Handler, fn func(t *testing.T, srv *httptest.Server, c *http.Client)) {
	for _, proto := range []string{"HTTP/1.1", "HTTP/2"} {
		t.Run(proto, func(t *testing.T) {
			srv := httptest.NewUnstartedServer(h)
			if proto == "HTTP/2" {
				srv.EnableHTTP2 = true
				srv.StartTLS()
			} else {
				srv.Start()
			}
			defer srv.Close()
			c := srv.Client()
			c.Transport.(*http.Transport).DisableCompression = true
			fn(t, srv, c)
		})
	}
}

func get(t *testing.T, c *http.Client, method, url string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading body: %v", err)
	}
	return resp, body
}
