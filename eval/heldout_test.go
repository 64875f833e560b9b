package eval

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The held-out style check: build ./cmd/redact, pipe every case through it
// as one stdin, score per family.

const (
	defaultSeed = 20240517
	minRate     = 0.99
	beginMarker = "=== eval multi-line case begin ==="
	endMarker   = "=== eval multi-line case end ==="
)

func allFamilies() []Family {
	var fs []Family
	fs = append(fs, keyedFamilies()...)
	fs = append(fs, vendorFamilies()...)
	fs = append(fs, webhookFamily())
	fs = append(fs, genericFamilies()...)
	fs = append(fs, piiFamilies()...)
	fs = append(fs, negativeFamilies()...)
	fs = append(fs, robustnessFamilies()...)
	fs = append(fs, ambiguousFamilies()...)
	return fs
}

// generate returns the cases of every family, deterministic for a seed.
func generate(seed uint64) ([]Family, []Case, error) {
	fams := allFamilies()
	var cases []Case
	names := map[string]bool{}
	for fi, f := range fams {
		if names[f.Name] {
			return nil, nil, fmt.Errorf("duplicate family %q", f.Name)
		}
		names[f.Name] = true
		g := newGen(seed + uint64(fi)*7919)
		seen := map[string]bool{}
		for tries := 0; len(seen) < f.N && tries < 20*f.N; tries++ {
			c := f.Gen(g)
			if seen[c.Text] {
				continue
			}
			seen[c.Text] = true
			c.Family = f.Name
			if err := checkCase(f, c); err != nil {
				return nil, nil, err
			}
			cases = append(cases, c)
		}
	}
	return fams, cases, nil
}

// checkCase rejects generator bugs before anything is blamed on the
// redactor.
func checkCase(f Family, c Case) error {
	// a trailing CR (Windows line ends) is allowed, nothing else
	if c.Text == "" || strings.ContainsAny(strings.TrimSuffix(c.Text, "\r"), "\r") || strings.HasSuffix(c.Text, "\n") {
		return fmt.Errorf("%s: malformed text %q", f.Name, c.Text)
	}
	if strings.Contains(c.Text, beginMarker) || strings.Contains(c.Text, endMarker) {
		return fmt.Errorf("%s: text contains a marker", f.Name)
	}
	if f.Kind == Negative {
		if len(c.Secrets) != 0 {
			return fmt.Errorf("%s: negative with secrets", f.Name)
		}
		return nil
	}
	if len(c.Secrets) == 0 {
		return fmt.Errorf("%s: positive without secrets: %q", f.Name, c.Text)
	}
	for _, s := range c.Secrets {
		if s == "" || !strings.Contains(c.Text, s) {
			return fmt.Errorf("%s: secret %q not in %q", f.Name, s, c.Text)
		}
	}
	return nil
}

func multiLine(c Case) bool { return strings.Contains(c.Text, "\n") }

// buildInput shuffles the cases (seeded) and writes them one per line;
// multi-line cases are fenced by marker lines so the output can be cut
// back into cases whatever the redactor does to line counts inside them.
func buildInput(seed uint64, cases []Case) ([]Case, []byte) {
	g := newGen(seed ^ 0xabcdef)
	order := make([]Case, len(cases))
	copy(order, cases)
	g.r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	var b bytes.Buffer
	for _, c := range order {
		if multiLine(c) {
			b.WriteString(beginMarker + "\n" + c.Text + "\n" + endMarker + "\n")
		} else {
			b.WriteString(c.Text + "\n")
		}
	}
	return order, b.Bytes()
}

// splitOutput maps the output back to the cases.
func splitOutput(order []Case, out []byte) ([]string, error) {
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	res := make([]string, len(order))
	i := 0
	for ci, c := range order {
		if !multiLine(c) {
			if i >= len(lines) {
				return nil, fmt.Errorf("output ended at case %d of %d", ci, len(order))
			}
			if lines[i] == beginMarker || lines[i] == endMarker {
				return nil, fmt.Errorf("output out of step at line %d (case %d, %s): got a marker for %q", i+1, ci, c.Family, c.Text)
			}
			res[ci] = lines[i]
			i++
			continue
		}
		if i >= len(lines) || lines[i] != beginMarker {
			got := "<eof>"
			if i < len(lines) {
				got = lines[i]
			}
			return nil, fmt.Errorf("output out of step at line %d (case %d, %s): want begin marker, got %q", i+1, ci, c.Family, got)
		}
		j := i + 1
		for j < len(lines) && lines[j] != endMarker {
			j++
		}
		if j == len(lines) {
			return nil, fmt.Errorf("multi-line case %d (%s): end marker missing from output", ci, c.Family)
		}
		res[ci] = strings.Join(lines[i+1:j], "\n")
		i = j + 1
	}
	if i != len(lines) {
		return nil, fmt.Errorf("output has %d extra lines", len(lines)-i)
	}
	return res, nil
}

var (
	wordRE        = regexp.MustCompile(`[A-Za-z0-9]+`)
	placeholderRE = regexp.MustCompile(`\[REDACTED(?::[^\]\s]*)?\]`)
)

// contextWords are the words of at least three characters left when the
// secrets are cut out, minus the ones allowed to go with a secret.
func contextWords(c Case) map[string]int {
	t := unescapeNewlines(cutSecrets(c))
	drop := map[string]bool{}
	for _, d := range c.MayDrop {
		for _, w := range wordRE.FindAllString(d, -1) {
			drop[w] = true
		}
	}
	m := map[string]int{}
	for _, w := range wordRE.FindAllString(t, -1) {
		if len(w) >= 3 && !drop[w] {
			m[w]++
		}
	}
	return m
}

// unescapeNewlines turns the two characters \n (escaped newlines in JSON
// strings and one-line PEM) into a space so they do not glue words.
func unescapeNewlines(s string) string { return strings.ReplaceAll(s, `\n`, " ") }

func wordCounts(s string) map[string]int {
	m := map[string]int{}
	for _, w := range wordRE.FindAllString(unescapeNewlines(placeholderRE.ReplaceAllString(s, " ")), -1) {
		m[w]++
	}
	return m
}

// cutSecrets is the text with every secret replaced by a space.
func cutSecrets(c Case) string {
	t := c.Text
	for _, s := range c.Secrets {
		t = strings.ReplaceAll(t, s, " ")
	}
	return t
}

// leak reports the first secret (or a large piece of one) still present. A
// piece counts only if the output holds it more often than the rest of the
// input does (a domain name may legitimately appear elsewhere on the line).
func leak(c Case, out string) (string, bool) {
	rest := cutSecrets(c)
	for _, s := range c.Secrets {
		if strings.Contains(out, s) {
			return "secret left: " + s, true
		}
		k := max(8, (len(s)+1)/2)
		if len(s) <= k {
			continue
		}
		for i := 0; i+k <= len(s); i++ {
			if p := s[i : i+k]; strings.Count(out, p) > strings.Count(rest, p) {
				return fmt.Sprintf("%d-char piece left: %s (of %s)", k, s[i:i+k], s), true
			}
		}
	}
	return "", false
}

// Result is the verdict on one case.
type Result struct {
	Case    Case
	Out     string
	Caught  bool     // positives
	Kept    bool     // positives: context words survive
	Same    bool     // negatives: byte-identical
	Why     string   // what went wrong
	Missing []string // context words lost
}

func score(c Case, kind Kind, out string) Result {
	r := Result{Case: c, Out: out}
	if kind == Negative {
		r.Same = out == c.Text
		if !r.Same {
			r.Why = "changed"
		}
		return r
	}
	why, leaked := leak(c, out)
	r.Caught = !leaked
	r.Why = why
	have := wordCounts(out)
	for w, n := range contextWords(c) {
		if have[w] < n {
			r.Missing = append(r.Missing, w)
		}
	}
	sort.Strings(r.Missing)
	r.Kept = len(r.Missing) == 0
	return r
}

type famStats struct {
	fam                         Family
	n, caught, kept, same, fail int
	failures                    []Result
}

func (s *famStats) rate() float64 {
	if s.n == 0 {
		return 1
	}
	return 1 - float64(s.fail)/float64(s.n)
}

func pct(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(a)/float64(b))
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + fmt.Sprintf("…(+%d bytes)", len(s)-n)
}

// checkIdempotent runs the filter again on its own output, which must
// come back unchanged: a second pass redacts nothing more (our
// placeholders are never taken for input, nor stand where context was).
func checkIdempotent(ctx context.Context, t *testing.T, bin string, once []byte) {
	t.Helper()
	run := exec.CommandContext(ctx, bin)
	run.Stdin = bytes.NewReader(once)
	twice, err := run.Output()
	if err != nil {
		t.Fatalf("redact, second pass: %v", err)
	}
	if bytes.Equal(once, twice) {
		return
	}
	l1, l2 := bytes.Split(once, []byte("\n")), bytes.Split(twice, []byte("\n"))
	for i := range min(len(l1), len(l2)) {
		if !bytes.Equal(l1[i], l2[i]) {
			t.Errorf("not idempotent at output line %d:\n once  %q\n twice %q", i+1, l1[i], l2[i])
			return
		}
	}
	t.Errorf("not idempotent: %d lines once, %d twice", len(l1), len(l2))
}

func seedFromEnv(t *testing.T) uint64 {
	if v := os.Getenv("REDACT_EVAL_SEED"); v != "" {
		s, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("REDACT_EVAL_SEED: %v", err)
		}
		return s
	}
	return defaultSeed
}

// TestHeldOutStyle pipes every generated case through the built command
// and asserts the outsiders' three rates: secrets and PII caught, negatives
// byte-identical and context kept, each at least 99% over the asserted
// families. Set REDACT_EVAL_SEED to draw another sample and
// REDACT_EVAL_DUMP=FILE to write every failure in full.
func TestHeldOutStyle(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH: cannot build ./cmd/redact")
	}
	seed := seedFromEnv(t)
	fams, cases, err := generate(seed)
	if err != nil {
		t.Fatalf("generator: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "redact")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, goBin, "build", "-o", bin, "./cmd/redact")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/redact: %v\n%s", err, out)
	}

	order, input := buildInput(seed, cases)
	var stdout, stderr bytes.Buffer
	run := exec.CommandContext(ctx, bin)
	run.Stdin = bytes.NewReader(input)
	run.Stdout, run.Stderr = &stdout, &stderr
	start := time.Now()
	if err := run.Run(); err != nil {
		t.Fatalf("redact: %v\nstderr: %s", err, stderr.String())
	}
	elapsed := time.Since(start)
	checkIdempotent(ctx, t, bin, stdout.Bytes())
	outs, err := splitOutput(order, stdout.Bytes())
	if err != nil {
		t.Fatalf("cannot align output with input: %v", err)
	}

	kindOf := map[string]Family{}
	stats := map[string]*famStats{}
	for _, f := range fams {
		kindOf[f.Name] = f
		stats[f.Name] = &famStats{fam: f}
	}
	var pos, posCaught, posKept, negN, negSame int
	for i, c := range order {
		f := kindOf[c.Family]
		r := score(c, f.Kind, outs[i])
		s := stats[c.Family]
		s.n++
		bad := false
		if f.Kind == Positive {
			if r.Caught {
				s.caught++
			}
			if r.Kept {
				s.kept++
			}
			bad = !r.Caught || !r.Kept
		} else {
			if r.Same {
				s.same++
			}
			bad = !r.Same
		}
		if bad {
			s.fail++
			s.failures = append(s.failures, r)
		}
		if !f.Asserted {
			continue
		}
		if f.Kind == Positive {
			pos++
			if r.Caught {
				posCaught++
			}
			if r.Kept {
				posKept++
			}
		} else {
			negN++
			if r.Same {
				negSame++
			}
		}
	}

	var tb strings.Builder
	fmt.Fprintf(&tb, "seed %d: %d cases in %d families, %d input bytes, filtered in %v\n", seed, len(order), len(fams), len(input), elapsed.Round(time.Millisecond))
	fmt.Fprintf(&tb, "%-40s %-8s %-4s %5s %8s %8s %8s\n", "family", "group", "kind", "n", "caught", "context", "same")
	for _, f := range fams {
		s := stats[f.Name]
		name := f.Name
		if !f.Asserted {
			name += " (info)"
		}
		if f.Kind == Positive {
			fmt.Fprintf(&tb, "%-40s %-8s %-4s %5d %8s %8s %8s\n", name, f.Group, f.Kind, s.n, pct(s.caught, s.n), pct(s.kept, s.n), "")
		} else {
			fmt.Fprintf(&tb, "%-40s %-8s %-4s %5d %8s %8s %8s\n", name, f.Group, f.Kind, s.n, "", "", pct(s.same, s.n))
		}
	}
	fmt.Fprintf(&tb, "OVERALL (asserted): caught %s of %d positives, context kept %s, negatives identical %s of %d\n",
		pct(posCaught, pos), pos, pct(posKept, pos), pct(negSame, negN), negN)
	t.Log("\n" + tb.String())

	if path := os.Getenv("REDACT_EVAL_DUMP"); path != "" {
		if err := os.WriteFile(path, []byte(tb.String()+"\n"+dumpFailures(fams, stats)), 0o644); err != nil {
			t.Errorf("writing dump: %v", err)
		}
	}

	rate := func(a, b int) float64 {
		if b == 0 {
			return 1
		}
		return float64(a) / float64(b)
	}
	var short []string
	if r := rate(posCaught, pos); r < minRate {
		short = append(short, fmt.Sprintf("caught %.2f%%", 100*r))
	}
	if r := rate(posKept, pos); r < minRate {
		short = append(short, fmt.Sprintf("context kept %.2f%%", 100*r))
	}
	if r := rate(negSame, negN); r < minRate {
		short = append(short, fmt.Sprintf("negatives identical %.2f%%", 100*r))
	}
	if len(short) == 0 {
		return
	}
	// worst asserted families first, three examples each
	var worst []*famStats
	for _, f := range fams {
		if s := stats[f.Name]; f.Asserted && s.fail > 0 {
			worst = append(worst, s)
		}
	}
	sort.SliceStable(worst, func(i, j int) bool { return worst[i].rate() < worst[j].rate() })
	var eb strings.Builder
	fmt.Fprintf(&eb, "below %.0f%%: %s\n", 100*minRate, strings.Join(short, ", "))
	for _, s := range worst[:min(len(worst), 15)] {
		fmt.Fprintf(&eb, "\n%s (%s): %d of %d failing\n", s.fam.Name, s.fam.Group, s.fail, s.n)
		for _, r := range s.failures[:min(3, len(s.failures))] {
			writeFailure(&eb, r, 300)
		}
	}
	t.Error(eb.String())
}

func writeFailure(b *strings.Builder, r Result, width int) {
	why := r.Why
	if len(r.Missing) > 0 {
		if why != "" {
			why += "; "
		}
		why += "context lost: " + strings.Join(r.Missing, " ")
	}
	fmt.Fprintf(b, "  [%s] %s\n    in:  %s\n    out: %s\n", r.Case.Label, why, clip(r.Case.Text, width), clip(r.Out, width))
}

func dumpFailures(fams []Family, stats map[string]*famStats) string {
	var b strings.Builder
	for _, f := range fams {
		s := stats[f.Name]
		if len(s.failures) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n## %s (%s, %s, asserted=%v): %d of %d failing\n", f.Name, f.Group, f.Kind, f.Asserted, s.fail, s.n)
		for _, r := range s.failures {
			writeFailure(&b, r, 4000)
		}
	}
	return b.String()
}
