package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/aegisagent/redactor/redact"
)

// Exit codes.
const (
	exitOK       = 0
	exitFound    = 1
	exitUsage    = 2
	exitIOError  = 3
	maxJSONLine  = 1 << 20 // longer lines are redacted as text
	readBufSize  = 256 << 10
	writeBufSize = 256 << 10
)

type options struct {
	check     bool
	rules     bool
	format    string
	style     string
	text      string
	keyEnv    string
	enable    string
	disable   string
	envAll    bool
	envNames  multiFlag
	jsonLines bool
	stats     bool
	progress  bool
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	var o options
	fs := flag.NewFlagSet("redact", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&o.check, "check", false, "report findings as FILE:LINE:COL rule-id on stderr and exit 1 if any; change nothing")
	fs.BoolVar(&o.rules, "rules", false, "list the rule catalog and exit")
	fs.StringVar(&o.format, "format", "text", "report format for --check and --rules: text or json")
	fs.StringVar(&o.style, "style", "placeholder", "replacement: placeholder ([REDACTED:rule]), fixed (--text), partial (keep vendor prefix / last 4), fingerprint (keyed HMAC)")
	fs.StringVar(&o.text, "text", "[REDACTED]", "replacement text for --style fixed")
	fs.StringVar(&o.keyEnv, "fingerprint-key-env", "REDACT_FINGERPRINT_KEY", "environment variable holding the key for --style fingerprint (never pass keys as flags)")
	fs.StringVar(&o.enable, "enable", "", "comma-separated opt-in rules to enable (e.g. ipv4,ipv6)")
	fs.StringVar(&o.disable, "disable", "", "comma-separated rules to disable")
	fs.BoolVar(&o.envAll, "env-secrets", false, "mask the values of the platform's secret environment variables (see --help)")
	fs.Var(&o.envNames, "env-secret", "mask the value of this environment variable (repeatable)")
	fs.BoolVar(&o.jsonLines, "json-lines", true, "redact lines that are JSON objects structurally")
	fs.BoolVar(&o.stats, "stats", false, "print the number of redactions per rule on stderr at the end")
	fs.BoolVar(&o.progress, "progress", isTerminal(stderr), "show progress on stderr (default: when stderr is a terminal)")
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: redact [flags] [FILE...]
       redact --check [flags] [FILE...]
       redact --rules [--format json]

Filters FILEs (or standard input, also as "-") to standard output with every
secret and piece of personal data replaced. Exit status: 0 ok/clean,
1 findings (--check), 2 usage error, 3 unreadable input or unwritable output.

`)
		fs.PrintDefaults()
		fmt.Fprintf(stderr, "\n--env-secrets reads %s and every *_DB_PASSWORD.\n", strings.Join(redact.EnvSecretNames, ", "))
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if o.format != "text" && o.format != "json" {
		fmt.Fprintf(stderr, "redact: --format must be text or json, not %q\n", o.format)
		return exitUsage
	}
	if o.rules {
		return listRules(stdout, o.format)
	}
	r, err := buildRedactor(o, getenv)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	var st *stats
	if o.stats {
		st = newStats()
		defer st.print(stderr)
	}
	var pr *progress
	if o.progress {
		pr = &progress{w: stderr}
	}
	if o.check {
		return check(r, files, o.format, stdin, stdout, stderr, st, pr)
	}
	return filter(r, files, o.jsonLines, stdin, stdout, stderr, st, pr)
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func buildRedactor(o options, getenv func(string) string) (*redact.Redactor, error) {
	var opts []redact.Option
	switch o.style {
	case "placeholder":
	case "fixed":
		opts = append(opts, redact.WithFixedText(o.text))
	case "partial":
		opts = append(opts, redact.WithPartial())
	case "fingerprint":
		key := getenv(o.keyEnv)
		if key == "" {
			return nil, fmt.Errorf("redact: --style fingerprint needs a key in the environment variable %s", o.keyEnv)
		}
		opts = append(opts, redact.WithFingerprint([]byte(key)))
	default:
		return nil, fmt.Errorf("redact: unknown --style %q (placeholder, fixed, partial, fingerprint)", o.style)
	}
	if ids := splitList(o.enable); len(ids) > 0 {
		opts = append(opts, redact.EnableRules(ids...))
	}
	if ids := splitList(o.disable); len(ids) > 0 {
		opts = append(opts, redact.DisableRules(ids...))
	}
	if o.envAll {
		opts = append(opts, redact.WithEnvSecrets())
	}
	if len(o.envNames) > 0 {
		opts = append(opts, redact.WithEnvSecrets(o.envNames...))
	}
	if len(opts) == 0 {
		return redact.Default(), nil
	}
	return redact.New(opts...)
}

func listRules(stdout io.Writer, format string) int {
	rules := redact.Rules()
	if format == "json" {
		type row struct {
			ID          string `json:"id"`
			Kind        string `json:"kind"`
			Description string `json:"description"`
			Example     string `json:"example"`
			OptIn       bool   `json:"opt_in"`
		}
		rows := make([]row, len(rules))
		for i, x := range rules {
			rows[i] = row{x.ID, x.Kind.String(), x.Description, x.Example, x.OptIn}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if enc.Encode(rows) != nil {
			return exitIOError
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tDEFAULT\tMATCHES\tEXAMPLE SHAPE")
	for _, x := range rules {
		def := "on"
		if x.OptIn {
			def = "opt-in"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", x.ID, x.Kind, def, x.Description, x.Example)
	}
	if tw.Flush() != nil {
		return exitIOError
	}
	return exitOK
}

func openInput(name string, stdin io.Reader) (io.ReadCloser, string, error) {
	if name == "-" {
		return io.NopCloser(stdin), "<stdin>", nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, name, err
	}
	return f, name, nil
}

// filter redacts every file to stdout.
func filter(r *redact.Redactor, files []string, jsonLines bool, stdin io.Reader, stdout, stderr io.Writer, st *stats, pr *progress) int {
	bw := bufio.NewWriterSize(stdout, writeBufSize)
	status := exitOK
	for _, name := range files {
		in, display, err := openInput(name, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "redact: %v\n", err)
			status = exitIOError
			continue
		}
		err = filterOne(r, pr.wrap(in, display), bw, jsonLines, st.fn())
		pr.done()
		in.Close()
		if err != nil {
			var we *writeError
			if errors.As(err, &we) {
				fmt.Fprintf(stderr, "redact: writing output: %v\n", we.err)
				return exitIOError
			}
			fmt.Fprintf(stderr, "redact: reading %s: %v\n", display, err)
			status = exitIOError
		}
	}
	if err := bw.Flush(); err != nil {
		fmt.Fprintf(stderr, "redact: writing output: %v\n", err)
		return exitIOError
	}
	return status
}

type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }

// errWriter tags errors of the output so they are told apart from read
// errors.
type errWriter struct{ w io.Writer }

func (e errWriter) Write(p []byte) (int, error) {
	n, err := e.w.Write(p)
	if err != nil {
		return n, &writeError{err}
	}
	return n, nil
}

// filterOne streams one input. Whole lines up to 1 MiB that start with
// '{' and parse as JSON take the structural path; all other bytes go through
// one text Writer in large writes, which is flushed before each JSON line so
// the output keeps the input's order.
func filterOne(r *redact.Redactor, in io.Reader, out io.Writer, jsonLines bool, count func(redact.Finding)) error {
	ew := errWriter{out}
	tw := r.NewWriter(ew).(*redact.Writer)
	tw.OnRedact(count)
	buf := make([]byte, readBufSize)
	if !jsonLines {
		if _, err := io.CopyBuffer(tw, in, buf); err != nil {
			tw.Close()
			return err
		}
		return tw.Close()
	}
	f := lineFilter{r: r, tw: tw, out: ew, atStart: true, count: count}
	if count != nil {
		f.collect = func(x redact.Finding) { f.pending = append(f.pending, x) }
	}
	for {
		n, err := in.Read(buf)
		if n > 0 {
			if werr := f.feed(buf[:n]); werr != nil {
				return werr
			}
		}
		if err == io.EOF {
			if werr := f.flushCarry(); werr != nil {
				return werr
			}
			return tw.Close()
		}
		if err != nil {
			f.flushCarry()
			tw.Close()
			return err
		}
	}
}

// lineFilter splits a stream into text, written through the text Writer in
// large pieces, and lines that start with '{', tried as JSON.
type lineFilter struct {
	r       *redact.Redactor
	tw      *redact.Writer
	out     io.Writer
	atStart bool                 // the next byte starts a line
	carry   []byte               // an unfinished line that starts with '{'
	count   func(redact.Finding) // --stats, or nil

	// A JSON line's findings are counted only when the line takes the
	// JSON path; a line that fails to parse is counted as text.
	collect func(redact.Finding)
	pending []redact.Finding
}

func (f *lineFilter) feed(data []byte) error {
	if len(f.carry) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			f.carry = append(f.carry, data...)
			if len(f.carry) > maxJSONLine {
				return f.flushCarry() // too long for the JSON path
			}
			return nil
		}
		f.carry = append(f.carry, data[:i+1]...)
		if err := f.line(f.carry); err != nil {
			return err
		}
		f.carry = f.carry[:0]
		data = data[i+1:]
		f.atStart = true
	}
	pos := 0 // data[:pos] is written
	ls := 0  // the next line start to look at
	if !f.atStart {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			_, err := f.tw.Write(data)
			return err
		}
		ls = i + 1
	}
	for ls < len(data) {
		if data[ls] != '{' {
			i := bytes.Index(data[ls:], []byte("\n{"))
			if i < 0 {
				break
			}
			ls += i + 1
		}
		le := bytes.IndexByte(data[ls:], '\n')
		if le < 0 {
			// Keep the unfinished line until its end arrives.
			if _, err := f.tw.Write(data[pos:ls]); err != nil {
				return err
			}
			f.carry = append(f.carry[:0], data[ls:]...)
			f.atStart = false
			return nil
		}
		le += ls + 1
		if ok, err := f.tryJSON(data[pos:ls], data[ls:le]); err != nil {
			return err
		} else if ok {
			pos = le
		}
		ls = le
	}
	if _, err := f.tw.Write(data[pos:]); err != nil {
		return err
	}
	f.atStart = len(data) > 0 && data[len(data)-1] == '\n'
	return nil
}

// line handles a complete carried line.
func (f *lineFilter) line(l []byte) error {
	ok, err := f.tryJSON(nil, l)
	if err != nil || ok {
		return err
	}
	_, err = f.tw.Write(l)
	return err
}

// tryJSON writes text before a JSON line, then the line redacted
// structurally. It returns false, writing nothing, when the line is not a
// JSON object.
func (f *lineFilter) tryJSON(before, l []byte) (bool, error) {
	if !looksJSONObject(l) {
		return false, nil
	}
	body := bytes.TrimRight(l, "\r\n")
	f.pending = f.pending[:0]
	red, err := f.r.JSONFunc(body, f.collect)
	if err != nil {
		return false, nil
	}
	for _, x := range f.pending {
		f.count(x)
	}
	if _, err := f.tw.Write(before); err != nil {
		return false, err
	}
	if err := f.tw.Flush(); err != nil {
		return false, err
	}
	if _, err := f.out.Write(red); err != nil {
		return false, err
	}
	_, err = f.out.Write(l[len(body):])
	return true, err
}

// flushCarry writes a carried line as text.
func (f *lineFilter) flushCarry() error {
	if len(f.carry) == 0 {
		return nil
	}
	_, err := f.tw.Write(f.carry)
	f.carry = f.carry[:0]
	f.atStart = false
	return err
}

func looksJSONObject(line []byte) bool {
	t := bytes.TrimSpace(line)
	return len(t) >= 2 && t[0] == '{' && t[len(t)-1] == '}'
}

type fileReport struct {
	File     string          `json:"file"`
	Findings []findingReport `json:"findings"`
	Error    string          `json:"error,omitempty"`
}

type findingReport struct {
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Rule   string `json:"rule"`
	Kind   string `json:"kind"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

// check reports findings without changing anything.
func check(r *redact.Redactor, files []string, format string, stdin io.Reader, stdout, stderr io.Writer, st *stats, pr *progress) int {
	status := exitOK
	var reports []fileReport
	total := 0
	for _, name := range files {
		rep := fileReport{File: name, Findings: []findingReport{}}
		in, display, err := openInput(name, stdin)
		if err == nil {
			rep.File = display
			err = r.FindReader(pr.wrap(in, display), func(f redact.Finding) error {
				total++
				st.add(f)
				if format == "json" {
					rep.Findings = append(rep.Findings, findingReport{f.Line, f.Column, f.Rule, f.Kind.String(), f.Start, f.End})
					return nil
				}
				_, werr := fmt.Fprintf(stderr, "%s:%d:%d %s\n", display, f.Line, f.Column, f.Rule)
				return werr
			})
			pr.done()
			in.Close()
		}
		if err != nil {
			fmt.Fprintf(stderr, "redact: %v\n", err)
			rep.Error = err.Error()
			status = exitIOError
		}
		reports = append(reports, rep)
	}
	if format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		doc := struct {
			Files    []fileReport `json:"files"`
			Findings int          `json:"findings"`
			Clean    bool         `json:"clean"`
		}{reports, total, total == 0 && status == exitOK}
		if enc.Encode(doc) != nil {
			return exitIOError
		}
	}
	if status != exitOK {
		return status
	}
	if total > 0 {
		return exitFound
	}
	return exitOK
}
