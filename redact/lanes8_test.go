package redact

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// laneInput returns n random bytes that hold anchors of m (in random
// case), runs of digits, JSON punctuation and arbitrary bytes, so that
// lanes start and stop inside anchors, digit runs and UTF-8.
func laneInput(rng *rand.Rand, m *Redactor, n int, density float64) []byte {
	var anchors []string
	for _, r := range m.rules {
		anchors = append(anchors, r.anchors...)
	}
	b := make([]byte, 0, n+64)
	for len(b) < n {
		switch x := rng.Float64(); {
		case x < density:
			a := []byte(anchors[rng.IntN(len(anchors))])
			for i, c := range a {
				if c >= 'a' && c <= 'z' && rng.IntN(2) == 0 {
					a[i] = c - 'a' + 'A'
				}
			}
			b = append(b, a...)
		case x < density+0.05:
			for range 1 + rng.IntN(20) {
				b = append(b, byte('0'+rng.IntN(10)))
			}
		case x < density+0.1:
			const punct = `"{}[]:, -._/@+`
			b = append(b, punct[rng.IntN(len(punct))])
		case x < density+0.12:
			b = append(b, byte(rng.IntN(256)))
		default:
			b = append(b, "etaoinshrdlu cmfwyp"[rng.IntN(19)])
		}
	}
	return b[:n]
}

// fullWalk walks d from the root a byte at a time, with trans (the
// scanner's table) or hitTrans: the states after each byte.
func fullWalk(m *machine, tab []uint32, d []byte) []uint32 {
	sts := make([]uint32, len(d))
	st := uint32(root)
	for i, c := range d {
		st = tab[st+uint32(m.class[c])]
		sts[i] = st
	}
	return sts
}

// walkMode is one of the walks this CPU can run: the four-lane walk, or
// the eight-lane walk with AVX2's or AVX-512's classify.
type walkMode struct {
	name         string
	lanes8, vbmi bool
}

// walkModes lists the walks this CPU can run, the four-lane walk first.
func walkModes() []walkMode {
	modes := []walkMode{{"lanes4", false, false}}
	if have8 {
		modes = append(modes, walkMode{"lanes8-avx2", true, false})
	}
	if vbmi {
		modes = append(modes, walkMode{"lanes8-avx512", true, true})
	}
	return modes
}

// setWalk makes mode the walk every scan runs, and returns the function
// that puts this CPU's own walk back.
func setWalk(mode walkMode) (restore func()) {
	saved8, savedVBMI := have8, vbmi
	have8, vbmi = mode.lanes8, mode.vbmi
	return func() { have8, vbmi = saved8, savedVBMI }
}

// withLanes8 runs fn under every walk this CPU can run, naming the run.
func withLanes8(t *testing.T, fn func(t *testing.T)) {
	t.Helper()
	if !have8 {
		t.Log("this CPU has no AVX2: only the four-lane walk is tested")
	}
	for _, mode := range walkModes() {
		restore := setWalk(mode)
		t.Run(mode.name, fn)
		restore()
	}
}

// TestSkipCleanContract checks skipClean's contract on random inputs of
// every size around the lane block thresholds: no anchor ends before the
// index it returns, the state it returns is the automaton's there, and it
// returns len(d) exactly when no anchor ends in d.
func TestSkipCleanContract(t *testing.T) {
	r := Default()
	m := r.m
	withLanes8(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 2))
		sizes := []int{0, 1, 63, 64, 895, 896, 897, 1023, 4096, 8191, 8192, 8193, 16 << 10, 16<<10 + 96, 40 << 10}
		for range 300 {
			sizes = append(sizes, rng.IntN(48<<10))
		}
		for k, n := range sizes {
			// Mostly clean inputs, with an anchor late or none at all,
			// so that the walk crosses many lanes first.
			d := laneInput(rng, r, n, []float64{0, 0.0005, 0.01}[k%3])
			if k%3 == 0 {
				// Clean JSON, every byte walked: anchor bytes, no anchor.
				d = cleanListing(n + 64)[:n]
			}
			if k%5 == 4 && n > 0 {
				// An anchor planted across a lane or block edge.
				a := "token"
				at := max(0, min(n-len(a), []int{n / 8, n/8 - 2, n / 4, n/2 + 1, n - len(a), 8192 - 2, 1024 - 3}[rng.IntN(7)]))
				copy(d[at:], a)
			}
			if k%7 == 6 && n >= 8*minLaneLen {
				// The longest anchor across a lane edge, its last byte
				// in the next lane: only a lane that starts in the
				// right state finds it.
				var long string
				for _, r := range r.rules {
					for _, a := range r.anchors {
						if len(a) > len(long) {
							long = a
						}
					}
				}
				L := min(n/8, laneLen) &^ 63
				at := (1+rng.IntN(7))*L - len(long) + 1
				copy(d[at:], long)
			}
			sts := fullWalk(m, m.trans, d)
			first := slices.IndexFunc(sts, func(s uint32) bool { return s >= m.matchMin })
			i, st := m.skipClean(d)
			switch {
			case first < 0 && i != len(d):
				t.Fatalf("size %d, no anchor: skipClean = %d, want %d", n, i, len(d))
			case first >= 0 && i > first:
				t.Fatalf("size %d: skipClean = %d, past the first anchor's end at %d", n, i, first+1)
			case i > 0 && st != sts[i-1], i == 0 && st != root:
				t.Fatalf("size %d: skipClean = %d with state %d, want %d", n, i, st, sts[max(0, i-1)])
			}
		}
	})
}

// BenchmarkSkipClean compares the eight-lane walk with the four-lane one
// (the baseline, lanes8=false) on clean input, where the walk is all the
// work: a 16 KiB JSON API body, and 1 MiB of such bodies.
func BenchmarkSkipClean(b *testing.B) {
	m := Default().m
	body := cleanListing(16 << 10)
	big := bytes.Repeat(append(body, '\n'), 64)
	for _, c := range []struct {
		name string
		d    []byte
	}{{"json16k", body}, {"json1m", big}} {
		if i, _ := m.skipClean(c.d); i != len(c.d) {
			b.Fatalf("the %s body has an anchor at %d", c.name, i)
		}
		for _, mode := range walkModes() {
			b.Run(fmt.Sprintf("body=%s/walk=%s", c.name, mode.name), func(b *testing.B) {
				defer setWalk(mode)()
				b.SetBytes(int64(len(c.d)))
				for b.Loop() {
					m.skipClean(c.d)
				}
			})
		}
	}
}

// cleanListing is an API-like JSON list of n bytes with no anchor: ids,
// UUIDs, timestamps, names (the middleware benchmarks' "plain" body).
func cleanListing(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"data":[`)
	for i := 0; b.Len() < n-2; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":%d,"uuid":"6f1c2b7e-%04x-4c1d-9a2e-5b0c3d4e5f60","created_at":"2026-11-%02dT10:%02d:00Z",`+
			`"name":"item %d","status":"active","tags":["alpha","beta"],"kind":"catalog","limit":%d,"price":%d.99}`,
			i, i, 1+i%28, i%60, i, 256+i, 10+i%90)
	}
	b.WriteString("]}")
	return b.Bytes()
}

// TestHitEndsLanes checks that hitEnds gives the same hits and states
// with the eight-lane walk as with the four-lane one, and that both match
// a walk of hitTrans a byte at a time, on random inputs dense with
// anchors and runs of digits, which cross every lane edge.
func TestHitEndsLanes(t *testing.T) {
	r := Default()
	m := r.m
	rng := rand.New(rand.NewPCG(3, 4))
	modes := walkModes()
	var lanes [hitLanes][]laneHit
	for k := range 300 {
		n := rng.IntN(40 << 10)
		if k%4 == 0 {
			n = []int{896, 897, 8 << 10, 16<<10 + 96, 24 << 10}[k/4%5]
		}
		d := laneInput(rng, r, n, []float64{0.001, 0.02, 0.2}[k%3])
		var want []int32
		for i, st := range fullWalk(m, m.hitTrans, d) {
			if st >= m.matchMin {
				want = append(want, int32(i+1))
			}
		}
		got := make([][]int32, len(modes))
		gotSts := make([][]uint32, len(modes))
		for v, mode := range modes {
			restore := setWalk(mode)
			got[v], gotSts[v] = m.hitEnds(d, nil, nil, &lanes)
			restore()
		}
		if !slices.Equal(got[0], want) {
			t.Fatalf("size %d: four lanes: %d hits, want %d", n, len(got[0]), len(want))
		}
		for v := 1; v < len(modes); v++ {
			if !slices.Equal(got[v], got[0]) || !slices.Equal(gotSts[v], gotSts[0]) {
				t.Fatalf("size %d: %s: %d hits, four lanes %d (or other states)", n, modes[v].name, len(got[v]), len(got[0]))
			}
		}
	}
}

// TestScanLanes checks that the scanner finds the same with eight lanes as
// with four: Bytes, and a Writer fed in random pieces, on random inputs
// dense with anchors and digits, and on real logs when they are present.
func TestScanLanes(t *testing.T) {
	modes := walkModes()
	if len(modes) == 1 {
		t.Skip("this CPU has no AVX2: there is one walk only")
	}
	r := Default()
	rng := rand.New(rand.NewPCG(7, 8))
	var inputs [][]byte
	for k := range 120 {
		inputs = append(inputs, laneInput(rng, r, rng.IntN(24<<10), []float64{0.002, 0.02, 0.1}[k%3]))
	}
	if files, _ := filepath.Glob("/work/shared/corpus/loghub/*.log"); len(files) > 0 {
		for _, f := range files[:min(len(files), 6)] {
			d, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, d)
		}
	}
	for _, d := range inputs {
		out := make([][]byte, len(modes))
		for v, mode := range modes {
			restore := setWalk(mode)
			out[v] = r.Bytes(d)
			var cuts []int
			for c := 1 + rng.IntN(20000); c < len(d); c += 1 + rng.IntN(20000) {
				cuts = append(cuts, c)
			}
			stream := streamOf(t, r, d, cuts...)
			restore()
			if !bytes.Equal(stream, out[v]) {
				t.Fatalf("%s: the Writer differs from Bytes on %d bytes", mode.name, len(d))
			}
			if !bytes.Equal(out[v], out[0]) {
				t.Fatalf("%s differs from four lanes on %d bytes", mode.name, len(d))
			}
		}
	}
}

// TestDigitsEnd checks the eight-at-a-time digit run against runFwd,
// with the bytes next to '0' and '9' and high bytes around the runs.
func TestDigitsEnd(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	alphabet := []byte("0123456789/:.eE+-\x00\x7f\x80\xb9\xba\xc6\xff")
	for range 20000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			if rng.IntN(4) == 0 {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			} else {
				b[i] = byte('0' + rng.IntN(10))
			}
		}
		k := 0
		if len(b) > 0 {
			k = rng.IntN(len(b) + 1)
		}
		if got, want := digitsEnd(b, k), runFwd(b, k, cDigit); got != want {
			t.Fatalf("digitsEnd(%q, %d) = %d, want %d", b, k, got, want)
		}
	}
}
