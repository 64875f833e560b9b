package errwrap_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aegisagent/redactor/errwrap"
)

func TestHTTPClientErrors(t *testing.T) {
	c := newCanaries(t)
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer slow.Close()
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "upstream says no to "+r.URL.RawQuery, http.StatusServiceUnavailable)
	}))
	defer failing.Close()
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://127.0.0.1:1/next?token="+url.QueryEscape(c.Token), http.StatusFound)
	}))
	defer redirect.Close()
	// A closed listener: connection refused on a port we owned a moment ago.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String()
	ln.Close()

	query := "/v1/users?token=" + url.QueryEscape(c.Token) + "&email=" + url.QueryEscape(c.Email) + "&" + url.QueryEscape(c.Password) + "#frag-" + c.Password
	hostOf := func(s string) string { u, _ := url.Parse(s); return u.Host }
	tests := []struct {
		name        string
		do          func() (*http.Response, error)
		class       errwrap.Class
		status      int
		wantURL     string
		timeout     bool
		deadlineErr bool
	}{
		{
			name: "connection refused",
			do: func() (*http.Response, error) {
				resp, err := http.Get(refused + query)
				return resp, err
			},
			class: errwrap.ClassUpstreamUnavailable, status: 502,
			wantURL: "http://" + hostOf(refused) + "/v1/users?token=[REDACTED]&email=[REDACTED]&[REDACTED]",
		},
		{
			name: "client timeout",
			do: func() (*http.Response, error) {
				cl := &http.Client{Timeout: 50 * time.Millisecond}
				resp, err := cl.Get(slow.URL + query)
				return resp, err
			},
			class: errwrap.ClassUpstreamTimeout, status: 504, timeout: true,
			wantURL: slow.URL + "/v1/users?token=[REDACTED]&email=[REDACTED]&[REDACTED]",
		},
		{
			name: "context deadline",
			do: func() (*http.Response, error) {
				ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
				defer cancel()
				req, _ := http.NewRequestWithContext(ctx, "GET", slow.URL+query, nil)
				resp, err := http.DefaultClient.Do(req)
				return resp, err
			},
			class: errwrap.ClassUpstreamTimeout, status: 504, timeout: true, deadlineErr: true,
			wantURL: slow.URL + "/v1/users?token=[REDACTED]&email=[REDACTED]&[REDACTED]",
		},
		{
			name: "user-info dropped",
			do: func() (*http.Response, error) {
				u := strings.Replace(refused, "http://", "http://admin:"+c.Password+"@", 1)
				resp, err := http.Get(u + "/login?api_key=" + c.Token)
				return resp, err
			},
			class: errwrap.ClassUpstreamUnavailable, status: 502,
			wantURL: "http://" + hostOf(refused) + "/login?api_key=[REDACTED]",
		},
		{
			name: "redirect to a failing URL",
			do: func() (*http.Response, error) {
				resp, err := http.Get(redirect.URL + "/start")
				return resp, err
			},
			class: errwrap.ClassUpstreamUnavailable, status: 502,
			wantURL: "http://127.0.0.1:1/next?token=[REDACTED]",
		},
		{
			name: "nested url.Error wrapped with %w",
			do: func() (*http.Response, error) {
				_, inner := http.Get(refused + query)
				outer := &url.Error{Op: "Post", URL: "https://api.example.com/hook?sig=" + c.Token, Err: inner}
				return nil, fmt.Errorf("notify %s: %w", c.Email, outer)
			},
			class: errwrap.ClassUpstreamUnavailable, status: 502,
			wantURL: "https://api.example.com/hook?sig=[REDACTED]",
		},
		{
			name: "non-2xx response",
			do: func() (*http.Response, error) {
				resp, err := http.Get(failing.URL + query)
				if err != nil {
					return nil, err
				}
				resp.Body.Close()
				return resp, errwrap.FromResponse(resp)
			},
			class: errwrap.ClassUpstreamStatus, status: 502,
			wantURL: failing.URL + "/v1/users?token=[REDACTED]&email=[REDACTED]&[REDACTED]",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, orig := tc.do()
			if orig == nil {
				t.Fatal("no error")
			}
			err := errwrap.Wrap(orig)
			var we *errwrap.Error
			if !errors.As(err, &we) {
				t.Fatalf("Wrap returned %T", err)
			}
			if we.Class() != tc.class || we.Status() != tc.status {
				t.Errorf("class, status = %s, %d; want %s, %d (original %v)", we.Class(), we.Status(), tc.class, tc.status, orig)
			}
			if we.URL() != tc.wantURL {
				t.Errorf("URL = %q, want %q", we.URL(), tc.wantURL)
			}
			if we.Timeout() != tc.timeout {
				t.Errorf("Timeout() = %v, want %v", we.Timeout(), tc.timeout)
			}
			var ne net.Error
			if tc.timeout && !(errors.As(err, &ne) && ne.Timeout()) {
				t.Error("the wrapped error no longer satisfies net.Error with Timeout")
			}
			if tc.deadlineErr && !errors.Is(err, context.DeadlineExceeded) {
				t.Error("errors.Is(err, context.DeadlineExceeded) = false through Wrap")
			}
			if !strings.Contains(err.Error(), tc.wantURL) {
				t.Errorf("Error() = %q lacks the sanitised URL", err.Error())
			}
			log := assertNoCanary(t, err, append(c.all(), "frag-")...)
			if !strings.Contains(log, "[REDACTED]") {
				t.Errorf("operator log shows no masked query: %s", log)
			}
			if testing.Verbose() {
				t.Logf("original: %v\nclient: %v\nlog: %s", orig, err, log)
			}
		})
	}
}

func TestFromResponseIgnoresSuccess(t *testing.T) {
	for _, code := range []int{200, 204, 304} {
		resp := &http.Response{StatusCode: code, Request: httptest.NewRequest("GET", "/x?token=abc", nil)}
		if err := errwrap.FromResponse(resp); err != nil {
			t.Errorf("FromResponse(%d) = %v, want nil", code, err)
		}
	}
	resp := &http.Response{StatusCode: 404, Request: httptest.NewRequest("GET", "http://api.example.com/x?token=abc", nil)}
	var we *errwrap.Error
	if err := errwrap.FromResponse(resp); !errors.As(err, &we) || we.UpstreamStatus() != 404 || we.Status() != 502 {
		t.Errorf("FromResponse(404) = %v; want upstream 404, status 502", err)
	}
}
