package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/aegisagent/redactor/redact"
)

// stats counts redactions per rule for --stats. A nil *stats counts
// nothing, so callers need no checks.
type stats struct{ counts map[string]int }

func newStats() *stats { return &stats{counts: map[string]int{}} }

func (s *stats) add(f redact.Finding) {
	if s != nil {
		s.counts[f.Rule]++
	}
}

// fn returns the counting callback, or nil (no reporting cost at all).
func (s *stats) fn() func(redact.Finding) {
	if s == nil {
		return nil
	}
	return s.add
}

// print writes the summary: the total, then one line per rule, most
// frequent first. Rule names and numbers only, never values.
func (s *stats) print(w io.Writer) {
	total := 0
	ids := make([]string, 0, len(s.counts))
	for id, n := range s.counts {
		ids = append(ids, id)
		total += n
	}
	slices.SortFunc(ids, func(a, b string) int {
		if s.counts[a] != s.counts[b] {
			return s.counts[b] - s.counts[a]
		}
		if a < b {
			return -1
		}
		return 1
	})
	fmt.Fprintf(w, "redact: %d redactions, %d rules\n", total, len(ids))
	width := len(fmt.Sprint(total))
	for _, id := range ids {
		fmt.Fprintf(w, "  %*d  %s\n", width, s.counts[id], id)
	}
}

// progress shows how far the current input has got, on one line of
// stderr that is rewritten at most a few times a second and cleared at the
// end. A nil *progress shows nothing.
type progress struct {
	w     io.Writer
	name  string
	size  int64 // -1: unknown (a pipe)
	read  int64
	start time.Time
	last  time.Time
	shown bool
}

// progressAfter is how long an input runs before progress is shown, so
// small files never flash a line.
const progressAfter = 500 * time.Millisecond

func (p *progress) wrap(r io.Reader, name string) io.Reader {
	if p == nil {
		return r
	}
	p.name, p.size, p.read, p.shown = name, -1, 0, false
	p.start = time.Now()
	p.last = p.start
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			p.size = fi.Size()
		}
	}
	return &progressReader{r: r, p: p}
}

func (p *progress) update(n int) {
	p.read += int64(n)
	now := time.Now()
	if now.Sub(p.last) < 250*time.Millisecond || now.Sub(p.start) < progressAfter {
		return
	}
	p.last = now
	p.shown = true
	mib := float64(p.read) / (1 << 20)
	rate := mib / now.Sub(p.start).Seconds()
	if p.size > 0 {
		fmt.Fprintf(p.w, "\rredact: %s %3.0f%%  %.0f/%.0f MiB  %.0f MiB/s\033[K", p.name, 100*float64(p.read)/float64(p.size), mib, float64(p.size)/(1<<20), rate)
	} else {
		fmt.Fprintf(p.w, "\rredact: %s  %.0f MiB  %.0f MiB/s\033[K", p.name, mib, rate)
	}
}

// done clears the progress line, if one was shown.
func (p *progress) done() {
	if p != nil && p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}

type progressReader struct {
	r io.Reader
	p *progress
}

func (pr *progressReader) Read(b []byte) (int, error) {
	n, err := pr.r.Read(b)
	pr.p.update(n)
	return n, err
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
