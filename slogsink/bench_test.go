package slogsink_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/aegisagent/redactor/redact"
	"github.com/aegisagent/redactor/slogsink"
)

// BenchmarkHandle prices each kind of record the package doc lists: every
// case runs through the bare JSON handler (the baseline) and through
// slogsink in front of it, in the same run.
func BenchmarkHandle(b *testing.B) {
	now := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	type user struct {
		Name  string `json:"name"`
		Email string `json:"email"`
		Role  string `json:"role"`
	}
	cases := []struct {
		name  string
		attrs []slog.Attr
	}{
		{"clean5", []slog.Attr{slog.String("method", "GET"), slog.String("path", "/api/v1/orders/42"),
			slog.Int("status", 200), slog.Duration("elapsed", 1500*time.Microsecond), slog.Time("at", now)}},
		{"secretKey", []slog.Attr{slog.String("method", "GET"), slog.String("password", password)}},
		{"pattern", []slog.Attr{slog.String("method", "GET"), slog.String("auth", "Bearer "+jwt)}},
		{"errorClean", []slog.Attr{slog.Any("err", errors.New("order 42 not found"))}},
		{"logValuer", []slog.Attr{slog.Any("lv", credentialsClean{})}},
		{"structClean", []slog.Attr{slog.Any("user", user{"alice", "none", "admin"})}},
		{"structDirty", []slog.Attr{slog.Any("user", user{"alice", email, "admin"})}},
	}
	ctx := context.Background()
	r := redact.Default()
	for _, c := range cases {
		rec := slog.NewRecord(now, slog.LevelInfo, "request served", 0)
		rec.AddAttrs(c.attrs...)
		bare := slog.NewJSONHandler(io.Discard, nil)
		for _, h := range []struct {
			name string
			h    slog.Handler
		}{{"bare", bare}, {"slogsink", slogsink.NewHandler(bare, r)}} {
			b.Run(c.name+"/"+h.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := h.h.Handle(ctx, rec); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
