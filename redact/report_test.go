package redact

import (
	"bytes"
	"slices"
	"testing"
)

// BytesFunc and a Writer's OnRedact report the same spans as Find, for
// every chunking of the input.
func TestReportMatchesFind(t *testing.T) {
	in := []byte("user=bob@example.com password=hunter2hunter2\n" +
		"Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl\n" +
		"card 4111 1111 1111 1111 and nothing else\nclean line 2026-11-28T10:00:00Z\n")
	r := Default()
	var want []Finding
	for _, f := range r.Find(in) {
		f.Line, f.Column = 0, 0
		want = append(want, f)
	}
	if len(want) < 4 {
		t.Fatalf("Find found %d spans, want at least 4", len(want))
	}
	var got []Finding
	out := r.BytesFunc(in, func(f Finding) { got = append(got, f) })
	if !slices.Equal(got, want) {
		t.Errorf("BytesFunc reported %v, want %v", got, want)
	}
	if !bytes.Equal(out, r.Bytes(in)) {
		t.Errorf("BytesFunc output differs from Bytes")
	}
	for _, size := range []int{1, 2, 7, 64, len(in)} {
		got = got[:0]
		var buf bytes.Buffer
		w := r.NewWriter(&buf).(*Writer)
		w.OnRedact(func(f Finding) { got = append(got, f) })
		for i := 0; i < len(in); i += size {
			if _, err := w.Write(in[i:min(len(in), i+size)]); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("writes of %d: OnRedact reported %v, want %v", size, got, want)
		}
		if !bytes.Equal(buf.Bytes(), out) {
			t.Errorf("writes of %d: output differs from Bytes", size)
		}
	}
	// Clean input: no call, no allocation.
	clean := []byte("nothing to see here, version 1.2.3, id 550e8400-e29b-41d4-a716-446655440000\n")
	calls := 0
	if allocs := testing.AllocsPerRun(100, func() { r.BytesFunc(clean, func(Finding) { calls++ }) }); allocs != 0 || calls != 0 {
		t.Errorf("clean input: %v allocs, %d calls; want 0, 0", allocs, calls)
	}
}

func TestJSONFuncSpans(t *testing.T) {
	in := []byte(`{"password":{"a":1},"note":"mail bob@example.com","esc":"x\u0040y bob@example.com","phone":4155552671,"ok":"fine"}`)
	var got []string
	out, err := Default().JSONFunc(in, func(f Finding) { got = append(got, f.Rule+" "+string(in[f.Start:f.End])) })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`keyed-secret {"a":1}`,
		`email bob@example.com`,
		`email bob@example.com`, // in an escaped string: the escaped bytes it came from
	}
	if len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
		t.Errorf("JSONFunc reported %q, want prefix %q", got, want)
	}
	plain, _ := Default().JSON(in)
	if !bytes.Equal(out, plain) {
		t.Errorf("JSONFunc output %s differs from JSON %s", out, plain)
	}
}
