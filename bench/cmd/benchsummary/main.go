// Command benchsummary turns the output of BenchmarkScan (any number of
// rounds) into the markdown tables of bench/README.md: throughput per op
// and input from CPU time and from wall time, allocations, and the targets
// of the performance notes with the measured ratio next to each.
//
//	go run ./cmd/benchsummary out.txt
//
// Every figure is the median over the rounds. Throughput "CPU" is bytes per
// op divided by the process's CPU time per op (cpu-ns/op), which stays
// close to the idle-machine cost on a loaded shared machine; "wall" is the
// usual MB/s of go test.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

type sample struct {
	ns, cpu, mbs, bop, allocs float64
}

type stats struct {
	ns, cpu, mbs, bop, allocs, bytes float64
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

var (
	inputOrder = []string{"clean4M", "dirty4M", "json16K", "line200", "line200dirty", "corpus"}
	opOrder    = []string{"redact", "redact-nodigitpii", "redact-1rule", "writer4K", "json", "find", "copy", "indexbyte", "dfa64", "naive", "naive512K",
		"ac-cloudflare-match", "ac-coregx-findall", "ac-bobusumisu-walk", "ac-petar-iterbyte-ci"}
)

func main() {
	var r io.Reader = os.Stdin
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "benchsummary:", err)
			os.Exit(1)
		}
		defer f.Close()
		r = f
	}
	raw := map[[2]string][]sample{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "BenchmarkScan/") {
			continue
		}
		name := f[0][:strings.LastIndexByte(f[0], '-')] // drop -GOMAXPROCS
		parts := strings.Split(name, "/")
		if len(parts) != 3 {
			continue
		}
		key := [2]string{strings.TrimPrefix(parts[1], "in="), strings.TrimPrefix(parts[2], "op=")}
		var s sample
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			switch f[i+1] {
			case "ns/op":
				s.ns = v
			case "cpu-ns/op":
				s.cpu = v
			case "MB/s":
				s.mbs = v
			case "B/op":
				s.bop = v
			case "allocs/op":
				s.allocs = v
			}
		}
		raw[key] = append(raw[key], s)
	}
	st := map[[2]string]stats{}
	rounds := 0
	for k, ss := range raw {
		var ns, cpu, mbs, bop, al, by []float64
		for _, s := range ss {
			ns, cpu, mbs, bop, al = append(ns, s.ns), append(cpu, s.cpu), append(mbs, s.mbs), append(bop, s.bop), append(al, s.allocs)
			by = append(by, s.mbs*s.ns/1e3) // MB/s × ns/op = bytes per op × 1e3
		}
		st[k] = stats{median(ns), median(cpu), median(mbs), median(bop), median(al), median(by)}
		rounds = max(rounds, len(ss))
	}
	var ins []string
	for _, in := range inputOrder {
		for k := range st {
			if k[0] == in && !slices.Contains(ins, in) {
				ins = append(ins, in)
			}
		}
	}

	fmt.Printf("Medians of %d rounds.\n\n", rounds)
	table := func(title string, cell func(s stats) string) {
		fmt.Printf("| %s |", title)
		for _, in := range ins {
			fmt.Printf(" %s |", in)
		}
		fmt.Print("\n|---|")
		for range ins {
			fmt.Print("---:|")
		}
		fmt.Println()
		for _, op := range opOrder {
			any := false
			line := "| " + op + " |"
			for _, in := range ins {
				s, ok := st[[2]string{in, op}]
				if !ok {
					line += " – |"
					continue
				}
				any = true
				line += " " + cell(s) + " |"
			}
			if any {
				fmt.Println(line)
			}
		}
		fmt.Println()
	}
	cpuMBs := func(s stats) float64 { return s.bytes / s.cpu * 1e3 }
	table("MB/s from CPU time", func(s stats) string { return fmtMBs(cpuMBs(s)) })
	table("CPU time per op", func(s stats) string { return fmtDur(s.cpu) })
	table("MB/s from wall time", func(s stats) string { return fmtMBs(s.mbs) })
	table("allocs/op (B/op)", func(s stats) string { return fmt.Sprintf("%g (%s)", s.allocs, fmtBytes(s.bop)) })

	// Targets (bench notes, "Recommended benchmark targets"), on CPU time.
	get := func(in, op string) (stats, bool) { s, ok := st[[2]string{in, op}]; return s, ok }
	cpu := func(in, op string) float64 { s, _ := get(in, op); return s.cpu }
	tput := func(in, op string) float64 { s, _ := get(in, op); return cpuMBs(s) }
	type target struct {
		id, what  string
		val       float64
		unit      string
		threshold float64
		stretch   float64
		lowerOK   bool // true: value must be ≤ threshold
	}
	var ts []target
	add := func(t target, needs ...[2]string) {
		for _, n := range needs {
			if _, ok := get(n[0], n[1]); !ok {
				return
			}
		}
		ts = append(ts, t)
	}
	k := func(in, op string) [2]string { return [2]string{in, op} }
	add(target{"T1", "time(redact, clean4M) / time(dfa64)", cpu("clean4M", "redact") / cpu("clean4M", "dfa64"), "×", 2.0, 1.3, true},
		k("clean4M", "redact"), k("clean4M", "dfa64"))
	add(target{"T2", "time(redact, clean4M) / time(cloudflare Match)", cpu("clean4M", "redact") / cpu("clean4M", "ac-cloudflare-match"), "×", 1.5, 1.0, true},
		k("clean4M", "redact"), k("clean4M", "ac-cloudflare-match"))
	add(target{"T3", "throughput(redact) / throughput(naive per line), clean4M", tput("clean4M", "redact") / tput("clean4M", "naive512K"), "×", 150, 250, false},
		k("clean4M", "redact"), k("clean4M", "naive512K"))
	add(target{"T3", "same, dirty4M", tput("dirty4M", "redact") / tput("dirty4M", "naive512K"), "×", 150, 250, false},
		k("dirty4M", "redact"), k("dirty4M", "naive512K"))
	add(target{"T4", "time(redact, clean4M) / time(IndexByte)", cpu("clean4M", "redact") / cpu("clean4M", "indexbyte"), "×", 150, 100, true},
		k("clean4M", "redact"), k("clean4M", "indexbyte"))
	add(target{"T4", "time(redact, clean4M) / time(copy)", cpu("clean4M", "redact") / cpu("clean4M", "copy"), "×", 65, 45, true},
		k("clean4M", "redact"), k("clean4M", "copy"))
	add(target{"T5", "throughput(redact, dirty4M) / throughput(redact, clean4M)", tput("dirty4M", "redact") / tput("clean4M", "redact"), "", 0.85, 0.95, false},
		k("dirty4M", "redact"), k("clean4M", "redact"))
	for _, a := range []struct {
		in, op string
		max    float64
	}{{"clean4M", "redact", 0}, {"line200", "redact", 0}, {"dirty4M", "redact", 3}, {"line200dirty", "redact", 1}, {"json16K", "redact", 2}, {"json16K", "json", 2}} {
		s, _ := get(a.in, a.op)
		add(target{"T6", fmt.Sprintf("allocs/op, %s on %s", a.op, a.in), s.allocs, "", a.max, 0, true}, k(a.in, a.op))
	}
	add(target{"T7", "time(redact, line200) / time(cloudflare Match, line200)", cpu("line200", "redact") / cpu("line200", "ac-cloudflare-match"), "×", 1.5, 1.0, true},
		k("line200", "redact"), k("line200", "ac-cloudflare-match"))
	add(target{"T7", "same, line200dirty", cpu("line200dirty", "redact") / cpu("line200dirty", "ac-cloudflare-match"), "×", 3.0, 2.0, true},
		k("line200dirty", "redact"), k("line200dirty", "ac-cloudflare-match"))
	add(target{"T8", "time(naive, line200) / time(redact, line200)", cpu("line200", "naive") / cpu("line200", "redact"), "×", 100, 300, false},
		k("line200", "redact"), k("line200", "naive"))
	add(target{"T9", "time(JSON, json16K) / time(cloudflare Match, json16K)", cpu("json16K", "json") / cpu("json16K", "ac-cloudflare-match"), "×", 2.0, 1.3, true},
		k("json16K", "json"), k("json16K", "ac-cloudflare-match"))
	add(target{"T10", "throughput(writer4K) / throughput(redact), clean4M", tput("clean4M", "writer4K") / tput("clean4M", "redact"), "", 0.8, 0.95, false},
		k("clean4M", "writer4K"), k("clean4M", "redact"))

	fmt.Println("| # | measure (CPU time) | value | threshold | stretch | status |")
	fmt.Println("|---|---|---:|---:|---:|---|")
	for _, t := range ts {
		ok := t.val >= t.threshold
		okS := t.val >= t.stretch
		rel := "≥"
		if t.lowerOK {
			ok, okS, rel = t.val <= t.threshold, t.val <= t.stretch, "≤"
		}
		status := "miss"
		switch {
		case ok && okS && t.id != "T6":
			status = "stretch met"
		case ok:
			status = "met"
		}
		stretch := fmt.Sprintf("%s %g%s", rel, t.stretch, t.unit)
		if t.id == "T6" {
			stretch = "0 with caller dst"
		}
		fmt.Printf("| %s | %s | %.3g%s | %s %g%s | %s | %s |\n", t.id, t.what, t.val, t.unit, rel, t.threshold, t.unit, stretch, status)
	}
}

func fmtMBs(v float64) string {
	switch {
	case v >= 1000:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.0f", v)
	default:
		return fmt.Sprintf("%.2f", v)
	}
}

func fmtDur(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.2f µs", ns/1e3)
	default:
		return fmt.Sprintf("%.0f ns", ns)
	}
}

func fmtBytes(b float64) string {
	switch {
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", b/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f KiB", b/(1<<10))
	default:
		return fmt.Sprintf("%.0f B", b)
	}
}
