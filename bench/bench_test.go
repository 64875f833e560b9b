package bench

import (
	"bytes"
	"io"
	"sync"
	"testing"

	"github.com/aegisagent/redactor/redact"
)

// sink keeps results alive so no benchmarked call is optimised away.
var sink int

// naiveSlice bounds the input of the naive regexp redactor: it runs at
// about 1 MB/s whatever the size, so on the 4 MiB inputs it runs on their
// first 512 KiB of whole lines (op=naive512K; compare MB/s, not sec/op).
const naiveSlice = 512 << 10

type input struct {
	name string
	data []byte
}

// order is the order of inputs in the output; corpus comes last when
// REDACT_CORPUS is set.
var order = []string{"clean4M", "dirty4M", "json16K", "line200", "line200dirty", "corpus"}

var benchInputs = sync.OnceValue(func() []input {
	m := Inputs()
	var ins []input
	for _, n := range order {
		if d, ok := m[n]; ok {
			ins = append(ins, input{n, d})
		}
	}
	return ins
})

type benchOp struct {
	name string
	// on reports whether the op runs on this input (nil: every input).
	on func(in string, size int) bool
	// setup returns the function timed per iteration and the bytes it
	// processes (for b.SetBytes).
	setup func(data []byte) (func(), int)
}

func onlyJSON(in string, _ int) bool { return in == "json16K" }
func small(_ string, size int) bool  { return size <= naiveSlice }
func large(_ string, size int) bool  { return size > naiveSlice }

// newRedactor builds a Redactor or panics (benchmark setup only).
func newRedactor(opts ...redact.Option) *redact.Redactor {
	r, err := redact.New(opts...)
	if err != nil {
		panic(err)
	}
	return r
}

// onlyRule returns the option that disables every rule but keep.
func onlyRule(keep string) redact.Option {
	var off []string
	for _, ri := range redact.Rules() {
		if ri.ID != keep && !ri.OptIn {
			off = append(off, ri.ID)
		}
	}
	return redact.DisableRules(off...)
}

func benchOps() []benchOp {
	r := redact.Default()
	// Attribution (not targets): the default catalog without the
	// digit-shaped PII rules, whose "0000" anchor fires on every run of
	// four digits; and a catalog of one vendor rule (five anchors that
	// clean logs never contain), which leaves our automaton's scan loop
	// and the per-call overhead: a floor for the core on this input.
	noDigits := newRedactor(redact.DisableRules("card", "phone", "ssn", "iban"))
	oneRule := newRedactor(onlyRule("github-token"))
	dfa := NewDFA64(Seed)
	ops := []benchOp{
		// Ours.
		{name: "redact", setup: func(d []byte) (func(), int) {
			return func() { sink += len(r.Bytes(d)) }, len(d)
		}},
		{name: "redact-nodigitpii", setup: func(d []byte) (func(), int) {
			return func() { sink += len(noDigits.Bytes(d)) }, len(d)
		}},
		{name: "redact-1rule", setup: func(d []byte) (func(), int) {
			return func() { sink += len(oneRule.Bytes(d)) }, len(d)
		}},
		{name: "writer4K", setup: func(d []byte) (func(), int) {
			return func() {
				w := r.NewWriter(io.Discard)
				for p := d; len(p) > 0; {
					k := min(len(p), 4096)
					if _, err := w.Write(p[:k]); err != nil {
						panic(err)
					}
					p = p[k:]
				}
				if err := w.Close(); err != nil {
					panic(err)
				}
			}, len(d)
		}},
		{name: "json", on: onlyJSON, setup: func(d []byte) (func(), int) {
			return func() {
				out, err := r.JSON(d)
				if err != nil {
					panic(err)
				}
				sink += len(out)
			}, len(d)
		}},
		{name: "find", setup: func(d []byte) (func(), int) {
			return func() { sink += len(r.Find(d)) }, len(d)
		}},
		// Physical limits.
		{name: "copy", setup: func(d []byte) (func(), int) {
			dst := make([]byte, len(d))
			return func() { sink += copy(dst, d) }, len(d)
		}},
		{name: "indexbyte", setup: func(d []byte) (func(), int) {
			return func() { sink += bytes.IndexByte(d, 0x01) }, len(d)
		}},
		{name: "dfa64", setup: func(d []byte) (func(), int) {
			return func() { sink += int(dfa.Run(d)) }, len(d)
		}},
		// The naive regexp-list redactor, per line.
		{name: "naive", on: small, setup: func(d []byte) (func(), int) {
			buf := make([]byte, 0, 2*len(d))
			return func() { sink += len(NaivePerLine(buf[:0], d)) }, len(d)
		}},
		{name: "naive512K", on: large, setup: func(d []byte) (func(), int) {
			p := Prefix(d, naiveSlice)
			buf := make([]byte, 0, 2*len(p))
			return func() { sink += len(NaivePerLine(buf[:0], p)) }, len(p)
		}},
	}
	// Aho-Corasick libraries scanning for the keywords alone.
	for _, s := range Scanners() {
		ops = append(ops, benchOp{name: s.Name, setup: func(d []byte) (func(), int) {
			return func() { sink += s.Scan(d) }, len(d)
		}})
	}
	return ops
}

// BenchmarkScan runs every operation on every input in one run, as
// BenchmarkScan/in=<input>/op=<op>, so ratios between rows are measured
// under the same conditions. Compare with benchstat, e.g.
// `benchstat -col /op -row /in out.txt`.
//
// Besides sec/op (wall time) every row reports cpu-ns/op: the process's
// user+system CPU time per op. The benchmarks are single-goroutine, so on
// an idle machine the two agree (cpu-ns/op is slightly higher when the GC
// works in parallel); on a shared machine under load, wall time absorbs
// the time the benchmark waited for a CPU and cpu-ns/op does not.
func BenchmarkScan(b *testing.B) {
	ops := benchOps()
	for _, in := range benchInputs() {
		b.Run("in="+in.name, func(b *testing.B) {
			for _, op := range ops {
				if op.on != nil && !op.on(in.name, len(in.data)) {
					continue
				}
				b.Run("op="+op.name, func(b *testing.B) {
					f, n := op.setup(in.data)
					b.SetBytes(int64(n))
					b.ReportAllocs()
					c0, ok := cpuTime()
					for b.Loop() {
						f()
					}
					if c1, ok1 := cpuTime(); ok && ok1 {
						b.ReportMetric(float64(c1-c0)/float64(b.N), "cpu-ns/op")
					}
				})
			}
		})
	}
}
