// Command redact removes secrets and personal data from logs and other
// text. It filters files (or standard input) to standard output, streaming
// with bounded memory, or checks them without changing anything.
//
// Usage:
//
//	redact [flags] [FILE...]          filter FILEs (or stdin) to stdout
//	redact --check [flags] [FILE...]  report findings, change nothing
//	redact --rules                    list the rule catalog
//
// Lines that are JSON objects (NDJSON logs) are redacted structurally: the
// values of secret keys are replaced whatever their type and the line stays
// valid JSON. Everything else goes through the streaming text redactor, so
// a secret split across lines (a private-key block) is still caught.
//
// Exit status: 0 on success (and, with --check, when nothing was found);
// 1 when --check found something; 2 for a usage error; 3 when an input
// could not be read or the output could not be written.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}
