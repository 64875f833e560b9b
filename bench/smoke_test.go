package bench

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aegisagent/redactor/redact"
)

func lines(b []byte) [][]byte { return bytes.SplitAfter(b, []byte("\n")) }

func TestInputsAreDeterministicAndSized(t *testing.T) {
	tests := []struct {
		name     string
		gen      func() []byte
		min, max int
	}{
		{"clean4M", Clean4M, 4 << 20, 4<<20 + 4096},
		{"dirty4M", Dirty4M, 4 << 20, 4<<20 + 4096},
		{"json16K", JSON16K, 16000, 17000},
		{"line200", func() []byte { return Line200 }, 200, 200},
		{"line200dirty", func() []byte { return Line200Dirty }, 200, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := tt.gen(), tt.gen()
			if !bytes.Equal(a, b) {
				t.Fatal("two generations differ")
			}
			if len(a) < tt.min || len(a) > tt.max {
				t.Fatalf("size %d, want %d..%d", len(a), tt.min, tt.max)
			}
			if a[len(a)-1] != '\n' && tt.name != "json16K" {
				t.Fatal("does not end in a newline")
			}
		})
	}
}

func TestDirtyDiffersFromCleanOnlyOnSecretLines(t *testing.T) {
	c, d := lines(Clean4M()), lines(Dirty4M())
	n := min(len(c), len(d)) - 1 // the last line of each may be cut differently
	for i := range n {
		secret := (i+1)%DirtyEvery == DirtyEvery/2
		if same := bytes.Equal(c[i], d[i]); same == secret {
			t.Fatalf("line %d: secret line %v, but equal to the clean line %v:\n%s", i+1, secret, same, d[i])
		}
	}
	if got := n / DirtyEvery; got < 190 {
		t.Fatalf("only %d secret lines", got)
	}
}

func TestJSON16KIsValidJSON(t *testing.T) {
	if !json.Valid(JSON16K()) {
		t.Fatal("json16K is not valid JSON")
	}
}

// Every secret kind of the dirty inputs is a real secret: our redactor and
// the naive one both redact it.
func TestSecretLinesAreRedactedByBoth(t *testing.T) {
	r := redact.Default()
	g := NewGen(7, 0)
	for _, k := range SecretKinds {
		t.Run(k.Name, func(t *testing.T) {
			for range 3 {
				line := k.Line(g, nil)
				if out := r.Bytes(line); !bytes.Contains(out, []byte("[REDACTED:")) {
					t.Errorf("ours left it:\n%s", out)
				}
				if out := NaiveLine(line); !bytes.Contains(out, []byte("[REDACTED]")) {
					t.Errorf("naive left it:\n%s", out)
				}
			}
		})
	}
}

func TestLine200DirtyTokenRemovedByBoth(t *testing.T) {
	const tok = "Zm9v4Rk2bq8NcX1wL0pQe7Ts3YhJ5dGa9uMi6KvE"
	if !bytes.Contains(Line200Dirty, []byte(tok)) {
		t.Fatal("test token not in line200dirty")
	}
	for name, out := range map[string][]byte{
		"ours":  redact.Default().Bytes(Line200Dirty),
		"naive": NaivePerLine(nil, Line200Dirty),
	} {
		if bytes.Contains(out, []byte(tok)) || !bytes.Contains(out, []byte("https://api.vendor.example/v1/sync")) {
			t.Errorf("%s: token kept or URL lost:\n%s", name, out)
		}
	}
}

// The clean inputs hold no secret and no PII: our redactor must return
// them unchanged (a finding here is either a generator bug or an
// over-redaction in the core).
func TestCleanInputsHaveNoFindings(t *testing.T) {
	r := redact.Default()
	for name, in := range map[string][]byte{"clean4M": Clean4M(), "line200": Line200} {
		if fs := r.Find(in); len(fs) != 0 {
			f := fs[0]
			t.Errorf("%s: %d findings, first %s at %d: %q", name, len(fs), f.Rule, f.Start, in[f.Start:f.End])
		}
	}
}

func TestNaivePerLineKeepsLines(t *testing.T) {
	in := Prefix(Dirty4M(), 64<<10)
	out := NaivePerLine(nil, in)
	if got, want := bytes.Count(out, []byte("\n")), bytes.Count(in, []byte("\n")); got != want {
		t.Fatalf("%d lines out, %d in", got, want)
	}
	if bytes.Equal(in, out) {
		t.Fatal("naive redacted nothing in 64 KiB of dirty logs")
	}
}

func TestPrefixEndsAtLineEnd(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"ab\ncd\nef\n", 7, "ab\ncd\n"},
		{"ab\ncd\nef\n", 6, "ab\ncd\n"},
		{"ab\ncd\nef\n", 100, "ab\ncd\nef\n"},
		{"abcdef\n", 3, ""},
	}
	for _, tt := range tests {
		if got := string(Prefix([]byte(tt.in), tt.n)); got != tt.want {
			t.Errorf("Prefix(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

// Each Aho-Corasick scanner finds the keywords: on the dirty line the
// case-sensitive ones see "://" (and "authorization"/"bearer" only when
// case-insensitive), and on clean logs every one has work to do.
func TestScannersFindKeywords(t *testing.T) {
	clean := Prefix(Clean4M(), 64<<10)
	for _, s := range Scanners() {
		if s.Scan(Line200Dirty) == 0 {
			t.Errorf("%s: no hit on line200dirty", s.Name)
		}
		if s.Scan(clean) == 0 {
			t.Errorf("%s: no hit on 64 KiB of clean logs", s.Name)
		}
		if s.Scan([]byte(strings.Repeat("x", 300))) != 0 {
			t.Errorf("%s: hit on a run of x", s.Name)
		}
	}
}

func TestDFA64IsDeterministic(t *testing.T) {
	a, b := NewDFA64(1), NewDFA64(1)
	if *a != *b || a.Run(Line200) != b.Run(Line200) {
		t.Fatal("same seed, different automaton")
	}
	if *a == *NewDFA64(2) {
		t.Fatal("different seeds, same automaton")
	}
}
