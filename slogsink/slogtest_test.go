package slogsink_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"testing"
	"testing/slogtest"

	"github.com/aegisagent/redactor/redact"
	"github.com/aegisagent/redactor/slogsink"
	slogmulti "github.com/samber/slog-multi"
)

// The conformance suite of log/slog must pass with the redacting handler in
// front of each built-in handler, directly and through slog-multi.
func TestSlogtest(t *testing.T) {
	r := redact.Default()
	wraps := map[string]func(slog.Handler) slog.Handler{
		"NewHandler": func(h slog.Handler) slog.Handler { return slogsink.NewHandler(h, r) },
		"Middleware": func(h slog.Handler) slog.Handler { return slogmulti.Pipe(slogsink.Middleware(r)).Handler(h) },
	}
	for name, wrap := range wraps {
		t.Run(name+"/JSON", func(t *testing.T) {
			var buf bytes.Buffer
			slogtest.Run(t, func(*testing.T) slog.Handler {
				buf.Reset()
				return wrap(slog.NewJSONHandler(&buf, nil))
			}, func(t *testing.T) map[string]any {
				return parseJSON(t, buf.Bytes())
			})
		})
		t.Run(name+"/Text", func(t *testing.T) {
			var buf bytes.Buffer
			slogtest.Run(t, func(*testing.T) slog.Handler {
				buf.Reset()
				return wrap(slog.NewTextHandler(&buf, nil))
			}, func(t *testing.T) map[string]any {
				return parseText(t, buf.Bytes())
			})
		})
	}
}

func parseJSON(t *testing.T, b []byte) map[string]any {
	t.Helper()
	m := map[string]any{}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, b)
	}
	return m
}

// parseText turns one line of TextHandler output into the nested map
// slogtest wants: dotted keys become nested maps. The values used by the
// suite hold no spaces or quotes.
func parseText(t *testing.T, b []byte) map[string]any {
	t.Helper()
	m := map[string]any{}
	for _, field := range bytes.Fields(bytes.TrimSpace(b)) {
		k, v, ok := bytes.Cut(field, []byte{'='})
		if !ok {
			t.Fatalf("field %q has no '=' in %q", field, b)
		}
		keys := bytes.Split(k, []byte{'.'})
		cur := m
		for _, key := range keys[:len(keys)-1] {
			next, ok := cur[string(key)].(map[string]any)
			if !ok {
				next = map[string]any{}
				cur[string(key)] = next
			}
			cur = next
		}
		cur[string(keys[len(keys)-1])] = string(v)
	}
	return m
}
