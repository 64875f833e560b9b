package middleware_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/textproto"
	"strings"
	"testing"

	"github.com/aegisagent/redactor/middleware"
	"github.com/aegisagent/redactor/redact"
)

const adv2AWS = "AKIAQ3EGRTYUIOPLKJHG"

func adv2Serve(t *testing.T, h http.Handler) (*http.Response, string) {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// Declared trailers arrive as trailers, redacted.
func TestAdv2MWTrailer(t *testing.T) {
	h := middleware.OutputFilter(redact.Default())(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Trailer", "X-Checksum, X-Key")
		w.WriteHeader(200)
		io.WriteString(w, "hello "+adv2AWS+"\n")
		w.Header().Set("X-Checksum", "abc123")
		w.Header().Set("X-Key", adv2AWS)
		w.Header().Set(http.TrailerPrefix+"X-Late", "key "+adv2AWS)
	}))
	resp, body := adv2Serve(t, h)
	if strings.Contains(body, adv2AWS) {
		t.Errorf("body leak %q", body)
	}
	if got := resp.Trailer.Get("X-Checksum"); got != "abc123" {
		t.Errorf("trailer X-Checksum = %q, want abc123 (trailers %v, headers %v)", got, resp.Trailer, resp.Header)
	}
	for k, vs := range resp.Trailer {
		for _, v := range vs {
			if strings.Contains(v, "Q3EGRTYUIOPLKJHG") {
				t.Errorf("trailer leak %s: %q", k, v)
			}
		}
	}
	if resp.Trailer.Get("X-Key") == "" || resp.Trailer.Get("X-Late") == "" {
		t.Errorf("trailers missing: %v", resp.Trailer)
	}
}

// Count header trailer arrives with a number.
func TestAdv2MWCountTrailer(t *testing.T) {
	h := middleware.OutputFilter(redact.Default(), middleware.WithCountHeader("X-Redactions"))(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "a "+adv2AWS+" b\n")
		http.NewResponseController(w).Flush()
		io.WriteString(w, "c "+adv2AWS+" d\n")
	}))
	resp, body := adv2Serve(t, h)
	if strings.Contains(body, adv2AWS) {
		t.Errorf("body leak %q", body)
	}
	if got := resp.Trailer.Get("X-Redactions") + resp.Header.Get("X-Redactions"); got != "2" {
		t.Errorf("count = %q, want 2 (trailer %v header %v)", got, resp.Trailer, resp.Header)
	}
}

// 103 Early Hints then a final 200 with different headers.
func TestAdv2MWEarlyHints(t *testing.T) {
	h := middleware.OutputFilter(redact.Default())(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Add("Link", "</style.css>; rel=preload; as=style")
		w.WriteHeader(http.StatusEarlyHints)
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("X-After-Hints", "yes")
		w.WriteHeader(200)
		io.WriteString(w, "ok "+adv2AWS)
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	var hints []int
	req, _ := http.NewRequest("GET", srv.URL, nil)
	resp, err := http.DefaultClient.Do(req.WithContext(withHints(req, &hints)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || resp.Header.Get("X-After-Hints") != "yes" || resp.Header.Get("Link") == "" {
		t.Errorf("final: %d %v", resp.StatusCode, resp.Header)
	}
	if len(hints) != 1 || hints[0] != 103 {
		t.Errorf("hints %v", hints)
	}
	if strings.Contains(string(b), adv2AWS) {
		t.Errorf("leak %q", b)
	}
}

// Headers set by the handler before WriteHeader on the header map it got
// (possibly an outer middleware's) must be sent; headers set after must not.
func TestAdv2MWHeadersAroundWriteHeader(t *testing.T) {
	inner := middleware.OutputFilter(redact.Default())(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Before", "1")
		w.WriteHeader(201)
		w.Header().Set("X-After", "2")
		w.Header().Set("Location", "/x?token="+adv2AWS)
		io.WriteString(w, `{"k":"`+adv2AWS+`"}`)
	}))
	outer := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Outer", "o")
		inner.ServeHTTP(w, r)
	})
	resp, body := adv2Serve(t, outer)
	if resp.StatusCode != 201 || resp.Header.Get("X-Before") != "1" || resp.Header.Get("X-Outer") != "o" {
		t.Errorf("headers %d %v", resp.StatusCode, resp.Header)
	}
	if resp.Header.Get("X-After") != "" || strings.Contains(resp.Header.Get("Location"), adv2AWS) {
		t.Errorf("late header sent: %v", resp.Header)
	}
	if strings.Contains(body, adv2AWS) || resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("body %q headers %v", body, resp.Header)
	}
}

var _ = bufio.NewReader
var _ textproto.MIMEHeader

func withHints(req *http.Request, hints *[]int) context.Context {
	return httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
		Got1xxResponse: func(code int, _ textproto.MIMEHeader) error { *hints = append(*hints, code); return nil },
	})
}
