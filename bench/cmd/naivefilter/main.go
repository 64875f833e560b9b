// Command naivefilter is the "hand-written regexp-list filter" baseline: it
// copies standard input to standard output, applying the naive redactor's
// regexps (bench.NaiveLine) one after another to every line. It is what a
// team writes without a redaction library, and runs at about 1 MB/s.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/aegisagent/redactor/bench"
)

func main() {
	in := bufio.NewReaderSize(os.Stdin, 256<<10)
	out := bufio.NewWriterSize(os.Stdout, 256<<10)
	for {
		line, err := in.ReadBytes('\n')
		if len(line) > 0 {
			if _, werr := out.Write(bench.NaivePerLine(nil, line)); werr != nil {
				fail(werr)
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fail(err)
		}
	}
	if err := out.Flush(); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "naivefilter:", err)
	os.Exit(3)
}
