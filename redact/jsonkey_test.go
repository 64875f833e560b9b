package redact

import (
	"strings"
	"testing"
)

// jsonKeyRows: the object key is the context of the digit rules on its
// value, as it is for the same text in Bytes (see jsonKey).
var jsonKeyRows = []jsonRow{
	// Keyed digit PII: redacted, a number becoming a placeholder string.
	{"phone string", `{"phone":"4155552671"}`, `{"phone":"[REDACTED:phone]"}`},
	{"phone number", `{"phone":4155552671}`, `{"phone":"[REDACTED:phone]"}`},
	{"ssn string", `{"ssn":"123456789"}`, `{"ssn":"[REDACTED:ssn]"}`},
	{"ssn number", `{"ssn":123456789}`, `{"ssn":"[REDACTED:ssn]"}`},
	{"ssn spaced", `{"ssn":"123 45 6789"}`, `{"ssn":"[REDACTED:ssn]"}`},
	{"social_security_number", `{"social_security_number":"123456789"}`, `{"social_security_number":"[REDACTED:ssn]"}`},
	{"mobile_number E.164", `{"mobile_number":"+1 415 555 2671"}`, `{"mobile_number":"[REDACTED:phone]"}`},
	{"tel NANP", `{"tel":"(415) 555-2671"}`, `{"tel":"[REDACTED:phone]"}`},
	{"camelCase key", `{"homePhone":"4155552671","workTel":4155552671}`, `{"homePhone":"[REDACTED:phone]","workTel":"[REDACTED:phone]"}`},
	{"national number", `{"phone":"020 7946 0958"}`, `{"phone":"[REDACTED:phone]"}`},
	{"space before the value", `{"phone" : " 4155552671"}`, `{"phone" : " [REDACTED:phone]"}`},
	{"escaped key", `{"p\u0068one":"4155552671"}`, `{"p\u0068one":"[REDACTED:phone]"}`},
	{"escaped value", `{"phone":"\u0034155552671"}`, `{"phone":"[REDACTED:phone]"}`},
	{"nested", `{"user":{"contact":{"phone":4155552671}}}`, `{"user":{"contact":{"phone":"[REDACTED:phone]"}}}`},
	{"repeated value under another key", `{"id":"4155552671","phone":"4155552671","order":"4155552671"}`,
		`{"id":"4155552671","phone":"[REDACTED:phone]","order":"4155552671"}`},
	// Look-alikes under keys that are not context: kept.
	{"id", `{"id":4155552671}`, `{"id":4155552671}`},
	{"order_id", `{"order_id":"123456789"}`, `{"order_id":"123456789"}`},
	{"timestamp", `{"timestamp":1732800000,"ts":"1732800000"}`, `{"timestamp":1732800000,"ts":"1732800000"}`},
	{"max_tokens", `{"max_tokens":4096}`, `{"max_tokens":4096}`},
	{"uuid", `{"uuid":"123e4567-e89b-12d3-a456-426614174000"}`, `{"uuid":"123e4567-e89b-12d3-a456-426614174000"}`},
	{"hash", `{"sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}`,
		`{"sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}`},
	{"phone id", `{"phone_id":4155552671,"contact_id":"4155552671"}`, `{"phone_id":4155552671,"contact_id":"4155552671"}`},
	{"key word goes on", `{"telemetry":4155552671,"phonetic":"4155552671","phonesx":4155552671}`, `{"telemetry":4155552671,"phonetic":"4155552671","phonesx":4155552671}`},
	{"plural key", `{"phones":["4155552671"],"PHONES":4155552671,"ssns":[123456789],"phonesList":[4155552671]}`,
		`{"phones":["[REDACTED:phone]"],"PHONES":"[REDACTED:phone]","ssns":["[REDACTED:ssn]"],"phonesList":["[REDACTED:phone]"]}`},
	{"plural count", `{"phones_total":4155552671,"phones_count":4155552671}`, `{"phones_total":4155552671,"phones_count":4155552671}`},
	{"key of the object, not of the value", `{"phone":{"id":4155552671}}`, `{"phone":{"id":4155552671}}`},
	// An array's elements are read under the array's key.
	{"array elements", `{"phone":[4155552671,"4155552672",{"id":4155552673},[4155552674]],"ids":[4155552675]}`,
		`{"phone":["[REDACTED:phone]","[REDACTED:phone]",{"id":4155552673},["[REDACTED:phone]"]],"ids":[4155552675]}`},
	{"array under a key without context", `{"x":[4155552671],"y":[[4155552671]]}`, `{"x":[4155552671],"y":[[4155552671]]}`},
	{"array after an object in the array", `{"ssn":[{"password":"x"},123456789]}`, `{"ssn":[{"password":"[REDACTED:keyed-secret]"},"[REDACTED:ssn]"]}`},
	{"negative number", `{"phone":-4155552671}`, `{"phone":"-[REDACTED:phone]"}`},
	{"digits far into the value", `{"phone":"` + strings.Repeat("x ", 20) + `4155552671"}`, `{"phone":"` + strings.Repeat("x ", 20) + `4155552671"}`},
	{"after a newline in the value", `{"phone":"x\n4155552671"}`, `{"phone":"x\n4155552671"}`},
	// Text before the digits is read after the key, as Bytes reads the
	// document, within keyReach of the value's start.
	{"after other text in the value", `{"phone":"n/a - 4155552671","ssn":"- 123456789"}`, `{"phone":"n/a - [REDACTED:phone]","ssn":"- [REDACTED:ssn]"}`},
	{"after a word", `{"phone":"home 4155552671","mobile":"*** 4155552671"}`, `{"phone":"home [REDACTED:phone]","mobile":"*** [REDACTED:phone]"}`},
	{"after text, in an array", `{"phones":["home 4155552671","work (415) 555-2672"]}`, `{"phones":["home [REDACTED:phone]","work [REDACTED:phone]"]}`},
	{"after text, under a key without context", `{"id":"x 4155552671","note":"call at 4155552671"}`, `{"id":"x 4155552671","note":"call at [REDACTED:phone]"}`},
	// A second pass redacts nothing more.
	{"second number after the first", `{"phone":"4155552671 4155552672"}`, `{"phone":"[REDACTED:phone] 4155552672"}`},
	// The key's own number stands between "phone" and the value, as
	// digits would in Bytes, which gives the same.
	{"key redacted itself", `{"phone 4155552671":4155552671}`, `{"phone [REDACTED:phone]":4155552671}`},
	{"card under an id key stays redacted", `{"order_id":"4111111111111111"}`, `{"order_id":"[REDACTED:card]"}`},
}

// TestJSONKeyContext checks JSON, a JSONWriter in one write and byte by
// byte, and that Bytes of the same text agrees on what is redacted.
func TestJSONKeyContext(t *testing.T) {
	r := Default()
	for _, c := range jsonKeyRows {
		t.Run(c.name, func(t *testing.T) {
			in := []byte(c.in)
			got, err := r.JSON(in)
			if err != nil {
				t.Fatalf("JSON: %v", err)
			}
			if string(got) != c.want {
				t.Errorf("JSON:\n got %s\nwant %s", got, c.want)
			}
			for style, r := range jwRedactors(t) {
				once, _ := r.JSON(in)
				if twice, err := r.JSON(once); err != nil || string(twice) != string(once) {
					t.Errorf("%s: not idempotent: %s -> %s (%v)", style, once, twice, err)
				}
				if w, err := jwStream(r, in, everyByte(len(in))); err != nil || string(w) != string(once) {
					t.Errorf("%s: JSONWriter byte by byte %s (%v), JSON %s", style, w, err, once)
				}
			}
			one, err := jwStream(r, in, nil)
			if err != nil || string(one) != c.want {
				t.Errorf("JSONWriter, one write:\n got %s (%v)\nwant %s", one, err, c.want)
			}
			bytewise, err := jwStream(r, in, everyByte(len(in)))
			if err != nil || string(bytewise) != c.want {
				t.Errorf("JSONWriter, byte by byte:\n got %s (%v)\nwant %s", bytewise, err, c.want)
			}
		})
	}
}

// TestJSONKeyContextMatchesText: for `"key":value` digit PII, JSON redacts
// whatever Bytes redacts in the same text.
func TestJSONKeyContextMatchesText(t *testing.T) {
	r := Default()
	for _, key := range []string{"phone", "tel", "mobile", "mobile_number", "cell", "fax", "contact", "ssn", "SSN", "homePhone", "phone_number", "id", "order_id", "count"} {
		for _, v := range []string{"4155552671", "14155552671", "123456789", "123 45 6789", "0207946095", "415 555 2671", "5552671"} {
			docs := []string{`{"` + key + `":"` + v + `"}`}
			for _, before := range []string{"home ", "n/a - ", "*** ", "tel. ", "x: ", "[REDACTED:phone] "} {
				docs = append(docs, `{"`+key+`":"`+before+v+`"}`)
			}
			if v[0] != '0' {
				docs = append(docs, `{"`+key+`":`+strings.ReplaceAll(v, " ", "")+`}`)
			}
			for _, doc := range docs {
				text := r.Bytes([]byte(doc))
				js, err := r.JSON([]byte(doc))
				if err != nil {
					t.Fatal(err)
				}
				if textHit, jsonHit := strings.Contains(string(text), "[REDACTED:"), strings.Contains(string(js), "[REDACTED:"); textHit && !jsonHit {
					t.Errorf("%s: Bytes %s, JSON %s", doc, text, js)
				}
			}
		}
	}
}

// TestJSONKeyContextAllocs: a clean document under context keys stays
// free of allocations.
func TestJSONKeyContextAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocations differ under the race detector")
	}
	r := Default()
	doc := []byte(`{"phone":"n/a","tel":1234,"id":4155552671,"order_id":"123456789","\u0070hone":"none","ssn":"000000000"}`)
	r.JSON(doc)
	if n := testing.AllocsPerRun(100, func() { r.JSON(doc) }); n != 0 {
		t.Errorf("JSON allocates %v times on a clean document", n)
	}
}

// everyByte returns the cuts of an input of n bytes into single bytes.
func everyByte(n int) []int {
	cuts := make([]int, 0, n)
	for i := 1; i < n; i++ {
		cuts = append(cuts, i)
	}
	return cuts
}
