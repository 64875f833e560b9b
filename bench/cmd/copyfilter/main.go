// Command copyfilter is the "plain copy filter" baseline: it copies
// standard input to standard output through a 256 KiB user-space buffer,
// as any filter that reads, transforms and writes must (the reader and
// writer are wrapped so io.Copy cannot hand the copy to the kernel with
// splice or copy_file_range).
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	buf := make([]byte, 256<<10)
	src := struct{ io.Reader }{os.Stdin}
	dst := struct{ io.Writer }{os.Stdout}
	if _, err := io.CopyBuffer(dst, src, buf); err != nil {
		fmt.Fprintln(os.Stderr, "copyfilter:", err)
		os.Exit(3)
	}
}
