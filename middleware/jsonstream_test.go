package middleware_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aegisagent/redactor/middleware"
	"github.com/aegisagent/redactor/redact"
)

// A JSON document larger than the buffering threshold streams: the client
// gets exactly Redactor.JSON of the whole document, valid JSON, no
// Content-Length, and no planted secret.
func TestLargeJSONStreams(t *testing.T) {
	r := redact.Default()
	body := jsonBody(rand.New(rand.NewPCG(7, 7)), 2<<20)
	want, err := r.JSON(body)
	if err != nil {
		t.Fatal(err)
	}
	h := middleware.OutputFilter(r)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		for b := body; len(b) > 0; {
			n := min(len(b), 7000)
			if _, err := w.Write(b[:n]); err != nil {
				return
			}
			b = b[n:]
		}
	}))
	protocols(t, h, func(t *testing.T, srv *httptest.Server, c *http.Client) {
		resp, got := get(t, c, "GET", srv.URL)
		if resp.ContentLength != -1 {
			t.Errorf("Content-Length %d on a streamed JSON body", resp.ContentLength)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("streamed JSON differs from Redactor.JSON (%d vs %d bytes)", len(got), len(want))
		}
		if !json.Valid(got) {
			t.Fatal("not valid JSON")
		}
		assertNoSecret(t, got)
	})
}

// A handler that flushes a JSON document gets its complete values to the
// client at once, before the document ends.
func TestFlushedJSONReachesClient(t *testing.T) {
	r := redact.Default()
	release := make(chan struct{})
	h := middleware.OutputFilter(r)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"events":[{"n":1,"password":"`+password+`"},`+"\n")
		http.NewResponseController(w).Flush()
		select {
		case <-release:
		case <-time.After(10 * time.Second):
		}
		io.WriteString(w, `{"n":2,"mail":"`+email+`"}]}`)
	}))
	protocols(t, h, func(t *testing.T, srv *httptest.Server, c *http.Client) {
		resp, err := c.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		br := bufio.NewReader(resp.Body)
		first, err := br.ReadString('\n') // arrives while the handler waits
		if err != nil {
			t.Fatal(err)
		}
		if want := `{"events":[{"n":1,"password":"[REDACTED:keyed-secret]"},` + "\n"; first != want {
			t.Errorf("first flush = %q, want %q", first, want)
		}
		release <- struct{}{}
		rest, _ := io.ReadAll(br)
		all := first + string(rest)
		if !json.Valid([]byte(all)) || strings.Contains(all, email) || strings.Contains(all, password) {
			t.Errorf("body %q: want valid JSON without the planted values", all)
		}
	})
}

// A large body labelled JSON that is not JSON cannot fall back to text once
// it streams: the response is aborted, and what reached the client holds
// no secret.
func TestLargeInvalidJSONFailsClosed(t *testing.T) {
	r := redact.Default()
	text := []byte(strings.Repeat("plain text line, not JSON at all\n", 10000) + "password=" + password + "\n")
	h := middleware.OutputFilter(r)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(text)
	}))
	protocols(t, h, func(t *testing.T, srv *httptest.Server, c *http.Client) {
		resp, err := c.Get(srv.URL)
		if err != nil {
			return // refused outright: closed
		}
		defer resp.Body.Close()
		got, err := io.ReadAll(resp.Body)
		if err == nil && resp.StatusCode == http.StatusOK {
			t.Errorf("an invalid streamed JSON body completed normally (%d bytes)", len(got))
		}
		assertNoSecret(t, got)
	})
}
