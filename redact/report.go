package redact

// Reporting what was redacted, for counters and metrics. The callbacks get
// a Finding, which names the rule and the span but never holds the
// secret, so it is safe to log or count however the caller likes.

// BytesFunc is Bytes that also calls fn, in order, for every span it
// replaces; Start and End index b (Line and Column are not set). fn must
// not retain b. Like Bytes it returns b itself, allocating nothing, when
// nothing is found.
func (r *Redactor) BytesFunc(b []byte, fn func(Finding)) []byte {
	out, changed := r.appendRedacted(nil, b, fn)
	if !changed {
		return b
	}
	return out
}

// OnRedact makes the Writer call fn for every span it replaces, as the
// replacement is written: Start and End count from the first byte written
// to the Writer (Line and Column are not set). Call it before the first
// Write; fn runs on the writing goroutine.
func (sw *Writer) OnRedact(fn func(Finding)) { sw.onRedact = fn }

// JSONFunc is JSON that also calls fn, in order, for every value or span
// it replaces. Start and End index b; a span found inside a string with
// escapes is reported as the whole string token, whose decoded offsets do
// not map back to b.
func (r *Redactor) JSONFunc(b []byte, fn func(Finding)) ([]byte, error) { return r.json(b, fn) }
