package middleware_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/textproto"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	chimw "github.com/go-chi/chi/v5/middleware"

	"github.com/aegisagent/redactor/middleware"
	"github.com/aegisagent/redactor/redact"
)

// TestAllowRoute: a token endpoint may return its access token; the same
// body elsewhere, and every other secret in it, is still filtered.
func TestAllowRoute(t *testing.T) {
	tokenBody := `{"access_token":"` + jwt + `","token_type":"Bearer","refresh_token":"` + stripe + `","user":{"email":"` + email + `"}}`
	mux := chi.NewRouter()
	mux.Use(middleware.OutputFilter(redact.Default(),
		middleware.AllowRoute("POST", "/auth/token", "$.access_token"),
		middleware.AllowRoute("GET", "/debug/raw")))
	serve := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, tokenBody)
	}
	mux.Post("/auth/token", serve)
	mux.Get("/auth/token", serve)
	mux.Get("/debug/raw", serve)
	mux.Get("/users/{id}/token", serve)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	for _, tc := range []struct {
		method, path   string
		keepAccess     bool
		keepEverything bool
	}{
		{"POST", "/auth/token", true, false},
		{"GET", "/auth/token", false, false},
		{"GET", "/debug/raw", true, true},
		{"GET", "/users/7/token", false, false},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			_, got := get(t, srv.Client(), tc.method, srv.URL+tc.path)
			if !json.Valid(got) {
				t.Fatalf("invalid JSON: %s", got)
			}
			var doc struct {
				Access  string `json:"access_token"`
				Type    string `json:"token_type"`
				Refresh string `json:"refresh_token"`
				User    struct{ Email string }
			}
			if err := json.Unmarshal(got, &doc); err != nil {
				t.Fatal(err)
			}
			if (doc.Access == jwt) != tc.keepAccess {
				t.Errorf("access_token = %q, kept should be %v", doc.Access, tc.keepAccess)
			}
			if (doc.Refresh == stripe) != tc.keepEverything || (doc.User.Email == email) != tc.keepEverything {
				t.Errorf("refresh_token %q, email %q: kept should be %v", doc.Refresh, doc.User.Email, tc.keepEverything)
			}
			if doc.Type != "Bearer" {
				t.Errorf("token_type changed to %q", doc.Type)
			}
		})
	}
}

// TestAllowPathsNested: wildcard and nested paths, and a path that is
// absent, leave the rest redacted as usual.
func TestAllowPathsNested(t *testing.T) {
	r := redact.Default()
	body := `{"keys":[{"api_key":"` + stripe + `","owner":"` + email + `"},{"api_key":"` + awsKey + `"}],"password":"` + password + `"}`
	h := middleware.OutputFilter(r, middleware.AllowRoute("*", "/keys", "$.keys[*].api_key", "$.missing"))(
		http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, body)
		}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/keys", nil))
	want := `{"keys":[{"api_key":"` + stripe + `","owner":"[REDACTED:email]"},{"api_key":"` + awsKey + `"}],"password":"[REDACTED:keyed-secret]"}`
	if rec.Body.String() != want {
		t.Fatalf("got  %s\nwant %s", rec.Body.String(), want)
	}
}

// TestInvalidJSONFallsBackToText: a body labelled JSON that is not JSON
// is redacted as text (what Redactor.JSON returns for it), not passed.
func TestInvalidJSONFallsBackToText(t *testing.T) {
	r := redact.Default()
	body := "oops: not json, key " + awsKey + "\n"
	h := middleware.OutputFilter(r)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 200 || rec.Body.String() != string(r.Bytes([]byte(body))) {
		t.Fatalf("%d %q", rec.Code, rec.Body.String())
	}
}

// TestSSEShapes: multi-line data, CRLF line ends and comments are kept
// byte for byte when clean, and redacted when not.
func TestSSEShapes(t *testing.T) {
	r := redact.Default()
	for _, tc := range []struct{ name, in, want string }{
		{"clean, CRLF, comment", ": ping\r\nevent: tick\r\ndata: {\"n\":1}\r\n\r\n", ": ping\r\nevent: tick\r\ndata: {\"n\":1}\r\n\r\n"},
		{"multi-line JSON data", "data: {\"password\":\n" + "data:  \"" + password + "\"}\n\n", "data: {\"password\":\n" + "data:  \"[REDACTED:keyed-secret]\"}\n\n"},
		{"text data", "data: Authorization: Bearer " + bearer + "\n\n", "data: Authorization: Bearer [REDACTED:bearer-token]\n\n"},
		{"secret in id field", "id: " + awsKey + "\ndata: x\n\n", "id: [REDACTED:aws-access-key-id]\ndata: x\n\n"},
		{"unterminated last event", "data: key " + awsKey, "data: key [REDACTED:aws-access-key-id]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := middleware.OutputFilter(r)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "text/event-stream")
				for i := 0; i < len(tc.in); i++ { // byte by byte: the worst chunking
					_, _ = io.WriteString(w, tc.in[i:i+1])
				}
			}))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
			if rec.Body.String() != tc.want {
				t.Fatalf("got  %q\nwant %q", rec.Body.String(), tc.want)
			}
		})
	}
}

// TestHijackPolicy: a hijacked connection leaves the filter's path, so it
// is refused unless the policy allows it.
func TestHijackPolicy(t *testing.T) {
	for _, tc := range []struct {
		name    string
		opts    []middleware.Option
		upgrade string
		allowed bool
	}{
		{"denied by default", nil, "websocket", false},
		{"allowed", []middleware.Option{middleware.WithUpgrade(middleware.UpgradeAllow)}, "", true},
		{"listed protocol", []middleware.Option{middleware.WithUpgrade(middleware.UpgradeProtocols, "websocket")}, "websocket", true},
		{"unlisted protocol", []middleware.Option{middleware.WithUpgrade(middleware.UpgradeProtocols, "websocket")}, "h2c", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var hijackErr error
			h := middleware.OutputFilter(redact.Default(), tc.opts...)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				conn, rw, err := http.NewResponseController(w).Hijack()
				hijackErr = err
				if err != nil {
					http.Error(w, "no upgrade", http.StatusBadRequest)
					return
				}
				defer conn.Close()
				_, _ = rw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\nraw " + awsKey)
				_ = rw.Flush()
			}))
			conn := rawConn(t, h)
			req := "GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: " + tc.upgrade + "\r\n\r\n"
			if _, err := io.WriteString(conn, req); err != nil {
				t.Fatal(err)
			}
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			if tc.allowed {
				if resp.StatusCode != 101 || hijackErr != nil {
					t.Fatalf("status %d, hijack error %v", resp.StatusCode, hijackErr)
				}
				return
			}
			if resp.StatusCode != 400 || !errors.Is(hijackErr, middleware.ErrUpgradeDenied) {
				t.Fatalf("status %d, hijack error %v", resp.StatusCode, hijackErr)
			}
		})
	}
}

// TestInterfacesMirrored: the wrapper has exactly the optional interfaces
// of the writer it wraps, so handlers detect what is really there.
func TestInterfacesMirrored(t *testing.T) {
	var flusher, hijacker, readerFrom bool
	h := middleware.OutputFilter(redact.Default())(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, flusher = w.(http.Flusher)
		_, hijacker = w.(http.Hijacker)
		_, readerFrom = w.(io.ReaderFrom)
	}))
	// A bare writer: none of them.
	h.ServeHTTP(bareWriter{httptest.NewRecorder()}, httptest.NewRequest("GET", "/", nil))
	if flusher || hijacker || readerFrom {
		t.Fatalf("bare writer: flusher %v hijacker %v readerFrom %v", flusher, hijacker, readerFrom)
	}
	// The HTTP/1.1 server's writer: all three.
	srv := httptest.NewServer(h)
	defer srv.Close()
	get(t, srv.Client(), "GET", srv.URL)
	if !flusher || !hijacker || !readerFrom {
		t.Fatalf("server writer: flusher %v hijacker %v readerFrom %v", flusher, hijacker, readerFrom)
	}
}

type bareWriter struct{ w http.ResponseWriter }

func (b bareWriter) Header() http.Header         { return b.w.Header() }
func (b bareWriter) Write(p []byte) (int, error) { return b.w.Write(p) }
func (b bareWriter) WriteHeader(code int)        { b.w.WriteHeader(code) }

// TestObserverAndCountHeader: counts per rule reach the hook and the
// header (buffered JSON) or trailer (streamed text); values never do.
func TestObserverAndCountHeader(t *testing.T) {
	var mu sync.Mutex
	var reports []middleware.Report
	mux := chi.NewRouter()
	mux.Use(middleware.OutputFilter(redact.Default(),
		middleware.WithCountHeader("X-Redactions"),
		middleware.WithObserver(func(r middleware.Report) { mu.Lock(); reports = append(reports, r); mu.Unlock() })))
	mux.Get("/doc/{id}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"password":"`+password+`","note":"mail `+email+` and `+email+`"}`)
	})
	mux.Get("/log", func(w http.ResponseWriter, _ *http.Request) {
		for _, s := range []string{"key " + awsKey + "\n", "Authorization: Bear", "er " + bearer + "\n"} {
			_, _ = io.WriteString(w, s)
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	resp, _ := get(t, srv.Client(), "GET", srv.URL+"/doc/42")
	if got := resp.Header.Get("X-Redactions"); got != "3" {
		t.Errorf("JSON count header %q, want 3", got)
	}
	resp, _ = get(t, srv.Client(), "GET", srv.URL+"/log")
	if got := resp.Trailer.Get("X-Redactions"); got != "2" {
		t.Errorf("text count trailer %q, want 2", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(reports) != 2 {
		t.Fatalf("%d reports", len(reports))
	}
	if r := reports[0]; r.Route != "/doc/{id}" || r.Mode != "json" || r.Counts["keyed-secret"] != 1 || r.Counts["email"] != 2 {
		t.Errorf("report %+v", r)
	}
	if r := reports[1]; r.Mode != "text" || r.Counts["aws-access-key-id"] != 1 || r.Counts["bearer-token"] != 1 {
		t.Errorf("report %+v", r)
	}
}

// TestRequestLogger: the access log never holds query secrets, auth
// headers, cookie values or URL passwords; everything else is kept.
func TestRequestLogger(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	h := middleware.RequestLogger(logger, redact.Default())(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(201)
		_, _ = io.WriteString(w, "ok")
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+"/cb?state=abc&token="+stripe+"&email="+email+"&page=2", nil)
	req.Header.Set("Authorization", "Bearer "+bearer)
	req.Header.Set("X-Api-Key", awsKey)
	req.Header.Set("Cookie", "sid="+password+"; theme=dark")
	req.Header.Set("Referer", "https://bob:"+password+"@example.org/x?access_token="+jwt)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	line := buf.Bytes()
	assertNoSecret(t, line)
	var rec map[string]any
	if err := json.Unmarshal(line, &rec); err != nil {
		t.Fatalf("%v: %s", err, line)
	}
	for k, want := range map[string]any{
		"url":           "/cb?state=abc&token=%5BREDACTED%3Akeyed-secret%5D&email=%5BREDACTED%3Aemail%5D&page=2",
		"status":        float64(201),
		"bytes":         float64(2),
		"authorization": "Bearer [REDACTED:keyed-secret]",
		"x-api-key":     "[REDACTED:keyed-secret]",
		"cookies":       "sid,theme",
		"referer":       "https://bob:%5BREDACTED%3Akeyed-secret%5D@example.org/x?access_token=%5BREDACTED%3Akeyed-secret%5D",
	} {
		if rec[k] != want {
			t.Errorf("%s = %v, want %v", k, rec[k], want)
		}
	}
	if !strings.Contains(string(line), `"method":"GET"`) {
		t.Errorf("no method: %s", line)
	}
}

// TestReadFromFiltered: io.Copy into the response uses the wrapper's
// ReadFrom, which filters; only a pass-through body may use the inner
// writer's ReadFrom.
func TestReadFromFiltered(t *testing.T) {
	r := redact.Default()
	body := "Authorization: Bearer " + bearer + "\nkey " + awsKey + "\n"
	for _, tc := range []struct{ ctype, want string }{
		{"text/plain", string(r.Bytes([]byte(body)))},
		{"application/octet-stream", body},
	} {
		t.Run(tc.ctype, func(t *testing.T) {
			var hasReadFrom bool
			h := middleware.OutputFilter(r)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", tc.ctype)
				_, hasReadFrom = w.(io.ReaderFrom)
				if _, err := io.Copy(w, onlyReader{strings.NewReader(body)}); err != nil {
					t.Error(err)
				}
			}))
			srv := httptest.NewServer(h)
			defer srv.Close()
			_, got := get(t, srv.Client(), "GET", srv.URL)
			if !hasReadFrom {
				t.Fatal("the HTTP/1.1 writer's ReadFrom is hidden")
			}
			if string(got) != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestIdentity: WithIdentity sends a compressed body decoded.
func TestIdentity(t *testing.T) {
	r := redact.Default()
	body := []byte("key " + awsKey + "\nplain line\n")
	h := middleware.OutputFilter(r, middleware.WithIdentity())(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(encode(t, "gzip", body))
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	c := srv.Client()
	c.Transport.(*http.Transport).DisableCompression = true
	resp, got := get(t, c, "GET", srv.URL)
	if ce := resp.Header.Get("Content-Encoding"); ce != "" || string(got) != string(r.Bytes(body)) {
		t.Fatalf("Content-Encoding %q, body %q", ce, got)
	}
}

// TestWithChiCompress: the filter works on either side of chi's
// Compress. Inside it (Compress registered first, the documented
// placement) it sees plain bytes; outside it decodes and re-encodes.
func TestWithChiCompress(t *testing.T) {
	r := redact.Default()
	body := strings.Repeat("user bob fetched the report\n", 50) + "key " + awsKey + "\nAuthorization: Bearer " + bearer + "\n"
	for _, tc := range []struct {
		name  string
		chain []func(http.Handler) http.Handler
	}{
		{"filter inside Compress", []func(http.Handler) http.Handler{chimw.Compress(5), middleware.OutputFilter(r)}},
		{"filter outside Compress", []func(http.Handler) http.Handler{middleware.OutputFilter(r), chimw.Compress(5)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mux := chi.NewRouter()
			mux.Use(tc.chain...)
			mux.Get("/", func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "text/plain")
				for _, line := range strings.SplitAfter(body, "\n") {
					_, _ = io.WriteString(w, line)
				}
			})
			srv := httptest.NewServer(mux)
			defer srv.Close()
			c := srv.Client()
			c.Transport.(*http.Transport).DisableCompression = true
			resp, raw := get(t, c, "GET", srv.URL, "Accept-Encoding", "gzip")
			if resp.Header.Get("Content-Encoding") != "gzip" {
				t.Fatalf("Content-Encoding %q", resp.Header.Get("Content-Encoding"))
			}
			got := decode(t, "gzip", raw)
			if string(got) != string(r.Bytes([]byte(body))) {
				t.Fatalf("got %q", got)
			}
		})
	}
}

// TestEarlyHints: a 103 passes through ahead of the final response, its
// headers redacted whatever the case of their keys (set through the map,
// "link" is sent as is), and the final status is still the handler's.
func TestEarlyHints(t *testing.T) {
	h := middleware.OutputFilter(redact.Default())(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Link", "</app.css>; rel=preload")
		w.Header()["link"] = []string{"</x?token=" + stripe + ">; rel=preload"}
		w.WriteHeader(http.StatusEarlyHints)
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, "made\n")
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	var hints []int
	var hinted string
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
		Got1xxResponse: func(code int, hdr textproto.MIMEHeader) error {
			hints, hinted = append(hints, code), fmt.Sprint(hdr)
			return nil
		},
	}))
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if len(hints) != 1 || hints[0] != 103 || resp.StatusCode != 201 || string(body) != "made\n" {
		t.Fatalf("hints %v, status %d, body %q", hints, resp.StatusCode, body)
	}
	if strings.Contains(hinted, stripe) || !strings.Contains(hinted, "app.css") || !strings.Contains(hinted, "REDACTED") {
		t.Errorf("103 headers: %s", hinted)
	}
}

// TestContentTypesDisagree: with two Content-Type values a client may use
// either, so a binary one does not let the body through unfiltered.
func TestContentTypesDisagree(t *testing.T) {
	for _, types := range [][]string{{"image/png", "text/plain"}, {"application/octet-stream", "application/json"}} {
		h := middleware.OutputFilter(redact.Default())(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			for _, ct := range types {
				w.Header().Add("Content-Type", ct)
			}
			_, _ = io.WriteString(w, `{"k":"`+stripe+`"}`)
		}))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		if strings.Contains(rec.Body.String(), stripe) {
			t.Errorf("%v: body %q", types, rec.Body.String())
		}
	}
}

// TestDeclaredLength: a body of exactly its declared length passes (the
// length is recomputed or dropped); bytes past it are refused, as
// net/http refuses them.
func TestDeclaredLength(t *testing.T) {
	for _, ct := range []string{"text/plain", "application/json"} {
		var werr error
		h := middleware.OutputFilter(redact.Default())(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", ct)
			w.Header().Set("Content-Length", "7")
			_, _ = io.WriteString(w, `{"a":1}`)
			_, werr = io.WriteString(w, "extra")
		}))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		if rec.Code != 200 || rec.Body.String() != `{"a":1}` || !errors.Is(werr, http.ErrContentLength) {
			t.Errorf("%s: %d %q, write past the length: %v", ct, rec.Code, rec.Body.String(), werr)
		}
	}
}

// TestRedirectBody: the body http.Redirect writes repeats the Location;
// what the header loses (an OAuth code, a ticket) the body loses too,
// however the body is written.
func TestRedirectBody(t *testing.T) {
	const code = "SplxlOBeZQQYbYS6WxSbIA"
	for _, tc := range []struct {
		name    string
		handler func(w http.ResponseWriter, r *http.Request)
	}{
		{"http.Redirect", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/cb?code="+code+"&state=xyz", http.StatusFound)
		}},
		{"byte by byte, escaped", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Location", "/cb?ticket=ST-"+code)
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusSeeOther)
			body := "see /cb?ticket=ST-" + code + " or " + url.QueryEscape("ST-"+code) + "\n"
			for i := range len(body) {
				_, _ = io.WriteString(w, body[i:i+1])
			}
		}},
	} {
		h := middleware.OutputFilter(redact.Default())(http.HandlerFunc(tc.handler))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/login", nil))
		body := rec.Body.String()
		if strings.Contains(body, code) || strings.Contains(rec.Header().Get("Location"), code) || !strings.Contains(body, "REDACTED") {
			t.Errorf("%s: Location %q, body %q", tc.name, rec.Header().Get("Location"), body)
		}
	}
	// As the Location wrote it, whatever its escaping.
	h0 := middleware.OutputFilter(redact.Default())(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Location", "/cb?code=4%2F0AX4XfWj-ab%20cd%2Bef")
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusFound)
		_, _ = io.WriteString(w, `<a href="/cb?code=4%2F0AX4XfWj-ab%20cd%2Bef">Found</a>`)
	}))
	rec0 := httptest.NewRecorder()
	h0.ServeHTTP(rec0, httptest.NewRequest("GET", "/", nil))
	if strings.Contains(rec0.Body.String(), "0AX4XfWj") {
		t.Errorf("escaped as written: body %q", rec0.Body.String())
	}
	// Only a redirect's text body, and only whole words: a JSON body
	// stays JSON, other text stays as it was, a stream does not wait.
	for _, tc := range []struct {
		ct, body string
		status   int
	}{
		{"application/json", `{"order":12345678,"total":9912345678}`, http.StatusFound},
		{"text/plain", "abcdefghij 9912345678 12345678x", http.StatusFound},
		{"text/plain", "code 12345678 here", http.StatusOK},
	} {
		h := middleware.OutputFilter(redact.Default())(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Location", "/cb?code=12345678&state=abcdefgh")
			w.Header().Set("Content-Location", "/cb?code=abcdefgh")
			w.Header().Set("Content-Type", tc.ct)
			w.WriteHeader(tc.status)
			_, _ = io.WriteString(w, tc.body)
		}))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		if rec.Body.String() != tc.body {
			t.Errorf("%s %d: body %q, want it unchanged", tc.ct, tc.status, rec.Body.String())
		}
	}
	// A value too short to mask safely is left to the patterns.
	h := middleware.OutputFilter(redact.Default())(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/cb?code=42", http.StatusFound)
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if !strings.Contains(rec.Body.String(), "Found") {
		t.Errorf("body %q", rec.Body.String())
	}
}

// TestHeldStartAndHijack: what a handler writes before it hijacks the
// connection goes first, status line included, as without the filter.
func TestHeldStartAndHijack(t *testing.T) {
	h := middleware.OutputFilter(redact.Default(), middleware.WithUpgrade(middleware.UpgradeAllow))(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "before hijack\n")
		conn, rw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		_, _ = rw.WriteString("raw after hijack\n")
		_ = rw.Flush()
	}))
	conn := rawConn(t, h)
	_, _ = io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	got, _ := io.ReadAll(conn)
	if !strings.HasPrefix(string(got), "HTTP/1.1 200 OK") || !strings.Contains(string(got), "raw after hijack") {
		t.Errorf("got %q", got)
	}
}

// rawConn serves h and returns a TCP connection to it, for exchanges a
// client would not make (an upgrade, a read until the server closes).
func rawConn(t *testing.T, h http.Handler) net.Conn {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// TestLateTrailer: a declared trailer set after a small body is sent as
// a trailer, not also as a header.
func TestLateTrailer(t *testing.T) {
	h := middleware.OutputFilter(redact.Default())(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Trailer", "X-Checksum")
		_, _ = io.WriteString(w, "hello body\n")
		w.Header().Set("X-Checksum", "abc123")
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("X-Checksum") != "" || resp.Trailer.Get("X-Checksum") != "abc123" {
		t.Errorf("header %q, trailer %q", resp.Header.Get("X-Checksum"), resp.Trailer.Get("X-Checksum"))
	}
}

// TestLocationUserinfoParses: a redacted Location with user information
// is still a URL a client can follow.
func TestLocationUserinfoParses(t *testing.T) {
	for _, loc := range []string{
		"https://app_user:S3cr3tPassw0rd@example.com/p",
		"https://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@github.com/x.git",
	} {
		h := middleware.OutputFilter(redact.Default())(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Location", loc)
			w.WriteHeader(http.StatusFound)
		}))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		got := rec.Header().Get("Location")
		u, err := url.Parse(got)
		if err != nil || strings.Contains(got, "S3cr3t") || strings.Contains(got, "ghp_") || u.Host != strings.SplitN(strings.SplitN(loc, "@", 2)[1], "/", 2)[0] {
			t.Errorf("Location %q -> %q (%v)", loc, got, err)
		}
	}
}

// TestSSEChunkingInvariant: random event streams with mixed line endings
// (LF, CRLF, CR) give the same output for every chunking as for one write.
func TestSSEChunkingInvariant(t *testing.T) {
	r := redact.Default()
	run := func(in []byte, seed uint64, whole bool) []byte {
		h := middleware.OutputFilter(r)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/event-stream")
			if whole {
				_, _ = w.Write(in)
				return
			}
			writeChunks(t, w, rand.New(rand.NewPCG(seed, 9)), in)
		}))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		return rec.Body.Bytes()
	}
	for seed := uint64(0); seed < 30; seed++ {
		rng := rand.New(rand.NewPCG(seed, 5))
		var in bytes.Buffer
		for i := 0; i < 20; i++ {
			eol := []string{"\n", "\r\n", "\r"}[rng.IntN(3)]
			in.WriteString("id: " + strings.Repeat("7", 1+rng.IntN(3)) + eol)
			for k := rng.IntN(3); k >= 0; k-- {
				switch rng.IntN(3) {
				case 0:
					in.WriteString(`data: {"password":"` + password + `","n":1}` + eol)
				case 1:
					in.WriteString("data: key " + awsKey + eol)
				default:
					in.WriteString("data: plain words" + eol)
				}
			}
			in.WriteString(eol)
		}
		want := run(in.Bytes(), seed, true)
		assertNoSecret(t, want)
		if got := run(in.Bytes(), seed, false); !bytes.Equal(got, want) {
			t.Fatalf("seed %d: chunked output differs\n got %q\nwant %q", seed, got, want)
		}
	}
}

// TestRedactURLCredentialParams: parameters that are credentials only in a
// URL (an OAuth callback's code, a CAS ticket, a session id) are replaced;
// their look-alikes and ordinary parameters are kept.
func TestRedactURLCredentialParams(t *testing.T) {
	r := redact.Default()
	for _, tc := range []struct{ in, want string }{
		{"/oauth/callback?code=4%2F0AfJohXk2vQ9rT&state=xyz",
			"/oauth/callback?code=%5BREDACTED%3Akeyed-secret%5D&state=xyz"},
		{"/cas/login?service=https%3A%2F%2Fapp&ticket=ST-12345-abcdefghij",
			"/cas/login?service=https%3A%2F%2Fapp&ticket=%5BREDACTED%3Akeyed-secret%5D"},
		{"/app;x?JSESSIONID=9F3A2B77C1D0&page=2",
			"/app;x?JSESSIONID=%5BREDACTED%3Akeyed-secret%5D&page=2"},
		{"/v?otp=482913&Code=abc", "/v?otp=%5BREDACTED%3Akeyed-secret%5D&Code=%5BREDACTED%3Akeyed-secret%5D"},
		{"/errors?error_code=404&zip_code=94107&page=2", "/errors?error_code=404&zip_code=94107&page=2"},
		{"/search?q=code&sort=session", "/search?q=code&sort=session"},
	} {
		if got := middleware.RedactURL(r, tc.in); got != tc.want {
			t.Errorf("RedactURL(%q)\n got  %q\n want %q", tc.in, got, tc.want)
		}
	}
}

// optionalSet names the optional interfaces of w that the filter mirrors.
func optionalSet(w http.ResponseWriter) []string {
	var set []string
	for _, c := range []struct {
		name string
		has  bool
	}{
		{"Flusher", is[http.Flusher](w)},
		{"FlushError", is[interface{ FlushError() error }](w)},
		{"CloseNotify", is[interface{ CloseNotify() <-chan bool }](w)},
		{"Hijacker", is[http.Hijacker](w)},
		{"ReaderFrom", is[io.ReaderFrom](w)},
		{"Deadlines", is[interface {
			SetReadDeadline(time.Time) error
			SetWriteDeadline(time.Time) error
		}](w)},
		{"FullDuplex", is[interface{ EnableFullDuplex() error }](w)},
		{"Pusher", is[http.Pusher](w)},
		{"StringWriter", is[io.StringWriter](w)},
	} {
		if c.has {
			set = append(set, c.name)
		}
	}
	return set
}

func is[T any](w http.ResponseWriter) bool { _, ok := w.(T); return ok }

// flushOnly has Flush and nothing else optional: a set no net/http writer
// has, so the filter's general wrapper serves it.
type flushOnly struct{ http.ResponseWriter }

func (f flushOnly) Flush() {}

// TestInterfacesMirroredExactly compares the whole set of optional
// interfaces on both sides of the filter: net/http's HTTP/1.1 and HTTP/2
// writers (which the filter wraps without httpsnoop), a recorder and two
// made-up writers (which it wraps with httpsnoop). Through each, a secret
// written with Write, WriteString and io.Copy is redacted, a flush through
// http.ResponseController works, and Unwrap returns the inner writer.
func TestInterfacesMirroredExactly(t *testing.T) {
	var inner, outer []string
	var unwrapped bool
	handler := func(w http.ResponseWriter, _ *http.Request) {
		outer = optionalSet(w)
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("a " + awsKey + "\n"))
		_, _ = io.WriteString(w, "b password="+password+"\n")
		_, _ = io.Copy(w, onlyReader{strings.NewReader("c Bearer " + bearer + "\n")})
		if err := http.NewResponseController(w).Flush(); err != nil && is[http.Flusher](w) {
			t.Errorf("flush: %v", err)
		}
	}
	var innerW http.ResponseWriter
	h := func(w http.ResponseWriter, r *http.Request) {
		inner, innerW = optionalSet(w), w
		middleware.OutputFilter(redact.Default())(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			u, ok := w.(interface{ Unwrap() http.ResponseWriter })
			unwrapped = ok && u.Unwrap() == innerW
			handler(w, r)
		})).ServeHTTP(w, r)
	}
	check := func(t *testing.T, body string) {
		t.Helper()
		if !slices.Equal(inner, outer) {
			t.Errorf("inner writer has %v, the filter's %v", inner, outer)
		}
		if !unwrapped {
			t.Error("Unwrap does not return the inner writer")
		}
		for _, s := range []string{awsKey, password, bearer} {
			if strings.Contains(body, s) {
				t.Errorf("a secret got through: %q", body)
			}
		}
		if strings.Count(body, "\n") != 3 {
			t.Errorf("body %q: want three lines", body)
		}
	}
	protocols(t, http.HandlerFunc(h), func(t *testing.T, srv *httptest.Server, c *http.Client) {
		_, body := get(t, c, "GET", srv.URL)
		check(t, string(body))
		if len(inner) < 7 {
			t.Errorf("net/http's writer has only %v", inner)
		}
	})
	for name, w := range map[string]func(http.ResponseWriter) http.ResponseWriter{
		"recorder":   func(w http.ResponseWriter) http.ResponseWriter { return w },
		"bare":       func(w http.ResponseWriter) http.ResponseWriter { return bareWriter{w} },
		"flush only": func(w http.ResponseWriter) http.ResponseWriter { return flushOnly{bareWriter{w}} },
	} {
		t.Run(name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h(w(rec), httptest.NewRequest("GET", "/", nil))
			check(t, rec.Body.String())
		})
	}
}
