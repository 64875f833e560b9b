package middleware_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aegisagent/redactor/middleware"
	"github.com/aegisagent/redactor/redact"
)

// TestSSEOtherLines pins how a secret spread over several non-data lines
// of one event comes out: redacted as one text, line breaks outside the
// match and every other byte kept, data lines where they were, the same
// for every chunking.
func TestSSEOtherLines(t *testing.T) {
	pem := advPEM
	const ph = "[REDACTED:private-key]"
	for _, tc := range []struct {
		name, in, want string
	}{
		{"PEM in comments", ": " + strings.ReplaceAll(pem, "\n", "\n: ") + "\ndata: x\n\n",
			": -----BEGIN RSA PRIVATE KEY-----\n: " + ph + "\n: " + ph + "\n: -----END RSA PRIVATE KEY-----\ndata: x\n\n"},
		{"PEM in comments, CRLF, around a data line",
			": ping\r\n: " + strings.ReplaceAll(pem, "\n", "\r\n: ") + "\r\nid: 7\r\n\r\n",
			": ping\r\n: -----BEGIN RSA PRIVATE KEY-----\r\n: " + ph + "\r\n: " + ph + "\r\n: -----END RSA PRIVATE KEY-----\r\nid: 7\r\n\r\n"},
		{"data line inside the key", ": " + strings.Replace(strings.ReplaceAll(pem, "\n", "\n: "), "\n", "\ndata: y\n", 1) + "\nevent: e\n\n",
			": -----BEGIN RSA PRIVATE KEY-----\ndata: y\n: " + ph + "\n: " + ph + "\n: -----END RSA PRIVATE KEY-----\nevent: e\n\n"},
		{"PEM in an unknown field, unterminated", "log: " + strings.ReplaceAll(pem, "\n", "\nlog: "),
			"log: -----BEGIN RSA PRIVATE KEY-----\nlog: " + ph + "\nlog: " + ph + "\nlog: -----END RSA PRIVATE KEY-----"},
		// A bare PEM is one match over its body lines and the line break
		// between them: they become one line, where the last one was, after
		// the data line that sat between them.
		{"bare PEM lines, a data line inside", strings.Replace(pem, advPEMBody1+"\n", advPEMBody1+"\ndata: y\n", 1) + "\nid: 1\n\n",
			"-----BEGIN RSA PRIVATE KEY-----\ndata: y\n" + ph + "\n-----END RSA PRIVATE KEY-----\nid: 1\n\n"},
		// A CR-only data line inside the match, then the event's end: the
		// merged line must keep the CR away from the blank line's LF.
		{"CR data line inside a bare PEM", strings.Replace(pem, advPEMBody1+"\n", advPEMBody1+"\ndata: y\r", 1) + "\n\n",
			"-----BEGIN RSA PRIVATE KEY-----\ndata: y\r" + ph + "\n-----END RSA PRIVATE KEY-----\n\n"},
		{"clean lines stay byte for byte", ":\r\nevent:  a \r\nretry: 10\r\nx\r\ndata\r\n\r\n", ":\r\nevent:  a \r\nretry: 10\r\nx\r\ndata\r\n\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := redact.Default()
			for _, step := range []int{len(tc.in), 1, 2, 3, 7} {
				h := middleware.OutputFilter(r)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
					w.Header().Set("Content-Type", "text/event-stream")
					for i := 0; i < len(tc.in); i += step {
						_, _ = io.WriteString(w, tc.in[i:min(i+step, len(tc.in))])
					}
				}))
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
				if got := rec.Body.String(); got != tc.want {
					t.Fatalf("writes of %d: got  %q\nwant %q", step, got, tc.want)
				}
			}
		})
	}
}
