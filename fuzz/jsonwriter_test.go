package fuzz

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/aegisagent/redactor/redact"
)

// jwSeeds cover the shapes JSONWriter treats specially: secret keys with
// every kind of value, escapes and surrogates, numbers, NDJSON.
var jwSeeds = []string{
	`{"password":"hunter2","user":"bob"}`,
	`{"api_key":{"a":[1,2,{"b":"c"}]},"token_type":"Bearer","max_tokens":512}`,
	`{"\u0070assword":12345,"secret":true,"token":null,"cookie":""}`,
	`{"msg":"\ud83d\ude00 bob@example.com \ud800 \"q\" \\ \/ \b\f\n\r\t"}`,
	`[0,-0,1.5e+10,-2E-3,4111111111111111,"4111 1111 1111 1111"]`,
	`{"dsn":"postgres://app:s3cret@db/app","auth":"Bearer abc.def.ghi"}`,
	"{\"a\":1}\n[2]\r\n\"x\" 3 true\n",
	`"password=hunter2"`,
	`[[[[{"password":[[[]]]}]]]]`,
	`{"env":[{"name":"DB_PASSWORD","value":"s3cret"},{"name":"DB_PASSWORD=x","value":1},{"key":["api_key"],"value":"x"}]}`,
	`{"phones":[4155552671,["415-555-2672"],{"id":4155552673}],"phone":-4155552671,"password=hunter2":{"a":1}}`,
	`{"password":"*** password=hunter2","token":"[REDACTED:keyed-secret] Bearer abcdefghijklmnop1234"}`,
}

// jwCuts splits size bytes into pieces whose lengths come from seed, so
// the fuzzer explores chunkings as well as inputs.
func jwCuts(size int, seed uint64) []int {
	rng := rand.New(rand.NewPCG(seed, seed>>32))
	var cuts []int
	maxPiece := 1 + int(seed%17)
	for off := rng.IntN(maxPiece + 1); off < size; off += 1 + rng.IntN(maxPiece) {
		cuts = append(cuts, off)
	}
	return cuts
}

func jwRun(r *redact.Redactor, in []byte, cuts []int) ([]byte, error) {
	var out bytes.Buffer
	w := r.NewJSONWriter(&out)
	prev := 0
	for _, c := range append(cuts, len(in)) {
		if _, err := w.Write(in[prev:c]); err != nil {
			return out.Bytes(), err
		}
		prev = c
	}
	err := w.Close()
	return out.Bytes(), err
}

var jwRedactors = func() []*redact.Redactor {
	fp, err := redact.New(redact.WithFingerprint([]byte("fuzz-fingerprint-key")))
	if err != nil {
		panic(err)
	}
	return []*redact.Redactor{redact.Default(), fp}
}()

// FuzzJSONWriter: for valid JSON, streaming in fuzz-chosen pieces gives
// exactly JSON()'s output, and that output is valid JSON.
func FuzzJSONWriter(f *testing.F) {
	for k, s := range jwSeeds {
		if json.Valid([]byte(s)) {
			f.Add([]byte(s), uint64(k))
		}
	}
	f.Fuzz(func(t *testing.T, in []byte, seed uint64) {
		if !json.Valid(in) {
			return
		}
		r := jwRedactors[seed%uint64(len(jwRedactors))]
		want, jerr := r.JSON(in)
		got, err := jwRun(r, in, jwCuts(len(in), seed))
		if jerr != nil { // valid but nested deeper than JSON accepts
			if !errors.Is(err, redact.ErrInvalidJSON) {
				t.Fatalf("JSON fails (%v) but JSONWriter gives %v", jerr, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("JSONWriter fails on valid JSON: %v", err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("streamed output differs from JSON:\n got %q\nwant %q", got, want)
		}
		if !json.Valid(got) {
			t.Fatalf("output is not valid JSON: %q", got)
		}
		// The same value twice as NDJSON: each redacted alone, the
		// newline kept.
		nd := append(append(append([]byte(nil), in...), '\n'), in...)
		got, err = jwRun(r, nd, jwCuts(len(nd), seed>>7))
		want = append(append(append([]byte(nil), want...), '\n'), want...)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("NDJSON: err %v\n got %q\nwant %q", err, got, want)
		}
	})
}

// FuzzJSONWriterAnyInput: on any bytes, in any pieces, JSONWriter neither
// panics nor accepts what is not a whitespace-separated sequence of JSON
// values; what it accepts comes out as the same number of valid values.
func FuzzJSONWriterAnyInput(f *testing.F) {
	for k, s := range jwSeeds {
		f.Add([]byte(s), uint64(k))
	}
	f.Add([]byte(`{"a":1}{"b":2}`), uint64(1))
	f.Add([]byte(`{"password":"x\qy"}`), uint64(2))
	f.Fuzz(func(t *testing.T, in []byte, seed uint64) {
		got, err := jwRun(redact.Default(), in, jwCuts(len(in), seed))
		if err != nil {
			if !errors.Is(err, redact.ErrInvalidJSON) {
				t.Fatalf("error %v does not wrap ErrInvalidJSON", err)
			}
			return
		}
		nIn, errIn := jwCount(in)
		nOut, errOut := jwCount(got)
		if errIn != nil || errOut != nil || nIn != nOut {
			t.Fatalf("accepted %q (%d values, %v) and wrote %q (%d values, %v)", in, nIn, errIn, got, nOut, errOut)
		}
	})
}

// jwCount decodes a stream of JSON values and counts them.
func jwCount(b []byte) (int, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	n := 0
	for {
		var v json.RawMessage
		if err := dec.Decode(&v); err == io.EOF {
			return n, nil
		} else if err != nil {
			return n, err
		}
		n++
	}
}
