//go:build race

package redact

// raceEnabled: the race detector slows the scanner about tenfold, and the
// Writer runs in one goroutine, so the large stream tests shrink to their
// -short sizes under -race (the behaviour checked stays the same).
const raceEnabled = true
