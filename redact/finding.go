package redact

import (
	"fmt"
	"log/slog"
	"strconv"
)

// Kind says what a rule protects: a credential, or data about a person.
type Kind uint8

const (
	// Secret is a credential: a password, token, key or signed blob that
	// grants access to something.
	Secret Kind = iota + 1
	// PII is personal data: an e-mail address, card, phone or
	// identity number.
	PII
)

// String returns "secret" or "pii".
func (k Kind) String() string {
	switch k {
	case Secret:
		return "secret"
	case PII:
		return "pii"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Finding is one span that a [Redactor] would replace. It holds offsets,
// never the bytes, so printing or logging a Finding cannot leak what it
// points at.
type Finding struct {
	// Rule is the ID of the rule that won the span (see "Overlaps" in the
	// package documentation).
	Rule string
	// Kind is the winning rule's kind.
	Kind Kind
	// Start and End delimit the span: input[Start:End]. In a stream they
	// count from the first byte written.
	Start, End int
	// Line and Column (1-based; the column counts bytes) locate Start.
	// They are set by Find and FindReader.
	Line, Column int
}

// String formats the finding as "rule-id(kind)[start:end]".
func (f Finding) String() string {
	return f.Rule + "(" + f.Kind.String() + ")[" + strconv.Itoa(f.Start) + ":" + strconv.Itoa(f.End) + "]"
}

// GoString makes %#v print the same offsets-only form as String.
func (f Finding) GoString() string {
	return fmt.Sprintf("redact.Finding{Rule:%q, Kind:%s, Start:%d, End:%d, Line:%d, Column:%d}", f.Rule, f.Kind, f.Start, f.End, f.Line, f.Column)
}

// LogValue renders the finding as a group of rule, kind, start and end.
func (f Finding) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("rule", f.Rule),
		slog.String("kind", f.Kind.String()),
		slog.Int("start", f.Start),
		slog.Int("end", f.End),
		slog.Int("line", f.Line),
		slog.Int("column", f.Column),
	)
}

// span is a finding while the scanner still works on it.
type span struct {
	start, end   int
	rule         *rule
	keepL, keepR int // bytes kept at either end in the Partial style
}

// group is a set of overlapping spans merged into one replacement.
type group struct {
	start, end int
	win        *span // the span whose rule names the group
}

// better reports whether a should name a merged group instead of b.
// Precedence: higher rule priority, then the earlier start, then the longer
// span, then the rule ID. The order is total, so merging never depends on
// the order in which spans were found.
func better(a, b *span) bool {
	if a.rule.prio != b.rule.prio {
		return a.rule.prio > b.rule.prio
	}
	if a.start != b.start {
		return a.start < b.start
	}
	if a.end != b.end {
		return a.end > b.end
	}
	return a.rule.id < b.rule.id
}
