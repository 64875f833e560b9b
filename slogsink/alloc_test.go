package slogsink_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/aegisagent/redactor/redact"
	"github.com/aegisagent/redactor/slogsink"
)

// countingHandler counts records and keeps nothing, so that allocations
// measured through it are the redacting handler's own.
type countingHandler struct{ n int }

func (h *countingHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *countingHandler) Handle(context.Context, slog.Record) error {
	h.n++
	return nil
}
func (h *countingHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *countingHandler) WithGroup(string) slog.Handler      { return h }

// A clean record of strings, ints, times, durations and groups of them
// costs no allocation in the redacting handler, whatever the sink.
func TestHandleCleanRecordDoesNotAllocate(t *testing.T) {
	sinks := map[string]slog.Handler{"counting": &countingHandler{}}
	if !raceEnabled {
		// slog's handlers pool their buffers, which the race detector
		// drops at random.
		sinks["json"] = slog.NewJSONHandler(io.Discard, nil)
	}
	for name, sink := range sinks {
		t.Run(name, func(t *testing.T) {
			// Dotted skip keys make the handler build group paths; that
			// must not cost an allocation either.
			h := slogsink.NewHandler(sink, redact.Default(), slogsink.WithSkipKeys("client.trace_id")).WithGroup("req")
			ctx := context.Background()
			now := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
			rec := slog.NewRecord(now, slog.LevelInfo, "request served", 0)
			rec.AddAttrs(
				slog.String("method", "GET"),
				slog.String("path", "/api/v1/orders/42"),
				slog.Int("status", 200),
				slog.Duration("elapsed", 1500*time.Microsecond),
				slog.Time("started", now),
				slog.Group("client", slog.String("ua", "curl/8.5.0"), slog.Int64("bytes", 5120)),
			)
			if !raceEnabled {
				// Integers of 12 digits or more are scanned from a pooled
				// buffer, which the race detector drops at random.
				rec.AddAttrs(slog.Int64("at_ms", 1732790400128), slog.Uint64("trace", 1732790400123456793))
			}
			bare := testing.AllocsPerRun(200, func() { _ = sink.Handle(ctx, rec) })
			got := testing.AllocsPerRun(200, func() {
				if err := h.Handle(ctx, rec); err != nil {
					t.Fatal(err)
				}
			})
			if got != bare {
				t.Errorf("Handle of a clean record: %v allocs, the sink alone %v", got, bare)
			}
		})
	}
}
