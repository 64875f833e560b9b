//go:build race

package slogsink_test

// raceEnabled: the race detector makes sync.Pool drop items at random, so
// handlers that pool buffers (slog's own) allocate now and then.
const raceEnabled = true
