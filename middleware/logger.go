package middleware

import (
	"log/slog"
	"net/http"
	"strings"

	"github.com/aegisagent/redactor/redact"
	"github.com/felixge/httpsnoop"
)

// credentialHeaders are request headers whose whole value is a credential.
// They are logged only as present, with the value replaced (an
// Authorization scheme such as "Bearer" is kept, it says how the client
// authenticated without saying as whom).
var credentialHeaders = []string{
	"Authorization", "Proxy-Authorization", "X-Api-Key", "X-Auth-Token",
	"X-Access-Token", "X-Csrf-Token", "X-Xsrf-Token",
}

// RequestLogger returns a middleware that writes one access-log record per
// request to logger, at Info level (5xx at Error): method, URL, status,
// bytes written, duration, remote address, user agent and referer. The URL
// and referer go through RedactURL (query values under secret-named keys
// and URL passwords replaced whole, the rest through r's patterns);
// credential headers (Authorization, X-Api-Key, …) appear with their
// values replaced, and cookies with their names only. chi's own logger
// prints the full URL, so "?token=…" ends up in the logs; this one does
// not.
func RequestLogger(logger *slog.Logger, r *redact.Redactor) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			m := httpsnoop.CaptureMetrics(next, w, req)
			level := slog.LevelInfo
			if m.Code >= 500 {
				level = slog.LevelError
			}
			attrs := make([]slog.Attr, 0, 12)
			attrs = append(attrs,
				slog.String("method", req.Method),
				slog.String("url", RedactURL(r, req.URL.String())),
				slog.String("proto", req.Proto),
				slog.Int("status", m.Code),
				slog.Int64("bytes", m.Written),
				slog.Duration("duration", m.Duration),
				slog.String("remote", r.String(req.RemoteAddr)),
			)
			if ua := req.UserAgent(); ua != "" {
				attrs = append(attrs, slog.String("user_agent", r.String(ua)))
			}
			if ref := req.Referer(); ref != "" {
				attrs = append(attrs, slog.String("referer", RedactURL(r, ref)))
			}
			for _, name := range credentialHeaders {
				if v := req.Header.Get(name); v != "" {
					attrs = append(attrs, slog.String(strings.ToLower(name), credential(r, v)))
				}
			}
			if cs := req.Cookies(); len(cs) > 0 {
				names := make([]string, len(cs))
				for i, c := range cs {
					names[i] = r.String(c.Name)
				}
				attrs = append(attrs, slog.String("cookies", strings.Join(names, ",")))
			}
			logger.LogAttrs(req.Context(), level, "http request", attrs...)
		})
	}
}

// credential replaces a credential header value, keeping a leading
// scheme word ("Bearer", "Basic").
func credential(r *redact.Redactor, v string) string {
	scheme, rest, ok := strings.Cut(strings.TrimSpace(v), " ")
	if !ok || len(scheme) > 16 || strings.ContainsAny(scheme, "=:") {
		scheme, rest = "", strings.TrimSpace(v)
	}
	s, changed := r.SecretValue(rest)
	if !changed {
		s = r.String(rest)
	}
	if scheme != "" {
		return scheme + " " + s
	}
	return s
}
