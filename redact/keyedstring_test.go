package redact

import (
	"encoding/json"
	"testing"
)

// TestKeyedStringMatchesJSON checks that a value redacted with its key
// comes out as the same string value inside a JSON object does: the key
// is the value's context on both faces.
func TestKeyedStringMatchesJSON(t *testing.T) {
	keys := []string{"ssn", "SSN", "social_security_number", "phone", "phoneNumber", "mobile", "tel", "fax",
		"pin", "PIN", "otp", "otp_code", "totp", "cvv", "card_cvc", "CVV2", "card", "card_number", "cc", "iban", "account",
		"order", "order_id", "id", "count", "ts", "user", "name", "note", "auth", "_auth", "basic_auth", "author", ""}
	values := []string{"123456789", "123-45-6789", "4155552671", "(415) 555-2671", "+14155552671",
		"4821", "592014", "123", "12", "4111111111111111", "4111 1111 1111 1111", "home 4155552671",
		"DE89370400440532013000", "2026-11-28", "u_829331", "1733000037", "hello", "user@example.com",
		"password=hunter2hunter2", "dXNlcjpwNHNzdzByZFNlY3JldA==", "dGVzdGluZzEyMw==", "trust"}
	r := Default()
	for _, k := range keys {
		if r.IsSecretKey(k) {
			t.Fatalf("%q is a secret key: not what this test is about", k)
		}
		for _, v := range values {
			doc, _ := json.Marshal(map[string]string{k: v})
			out, err := r.JSON(doc)
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]string
			if err := json.Unmarshal(out, &m); err != nil {
				t.Fatalf("JSON(%s) = %s: %v", doc, out, err)
			}
			if got := r.KeyedString(k, v); got != m[k] {
				t.Errorf("KeyedString(%q, %q) = %q, JSON gives %q", k, v, got, m[k])
			}
		}
	}
	// The key is context, not a target: a clean value comes back as the
	// same string, with no allocation.
	v := "order 123456789 shipped"
	if got := r.KeyedString("order", v); got != v {
		t.Errorf("KeyedString changed a clean value: %q", got)
	}
	if n := testing.AllocsPerRun(100, func() { _ = r.KeyedString("order", v) }); n != 0 {
		t.Errorf("KeyedString of a clean value allocates %v times", n)
	}
}
