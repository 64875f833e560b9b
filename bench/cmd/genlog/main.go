// Command genlog writes deterministic realistic logs to standard output:
// the same generator as the benchmark inputs, at any size.
//
//	genlog -size 256MiB > clean.log
//	genlog -size 64MiB -dirty 100 > dirty.log   # 1% of lines carry a secret
//	genlog -input json16K > body.json           # one named benchmark input
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/aegisagent/redactor/bench"
)

func main() {
	size := flag.String("size", "4MiB", "bytes to write (suffix KiB, MiB or GiB); whole lines, so slightly more")
	seed := flag.Uint64("seed", bench.Seed, "generator seed")
	dirty := flag.Int("dirty", 0, "every Nth line carries a secret or PII (0: clean)")
	input := flag.String("input", "", "write one named benchmark input instead: clean4M, dirty4M, json16K, line200, line200dirty")
	flag.Parse()

	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	if *input != "" {
		in, ok := bench.Inputs()[*input]
		if !ok {
			fmt.Fprintf(os.Stderr, "genlog: unknown input %q\n", *input)
			os.Exit(2)
		}
		out.Write(in)
	} else {
		n, err := parseSize(*size)
		if err != nil {
			fmt.Fprintln(os.Stderr, "genlog:", err)
			os.Exit(2)
		}
		g := bench.NewGen(*seed, *dirty)
		var buf []byte
		for written := int64(0); written < n; {
			buf = g.Line(buf[:0])
			out.Write(buf)
			written += int64(len(buf))
		}
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "genlog:", err)
		os.Exit(3)
	}
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	for suf, m := range map[string]int64{"KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30} {
		if strings.HasSuffix(s, suf) {
			s, mult = strings.TrimSuffix(s, suf), m
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad -size %q", s)
	}
	return n * mult, nil
}
