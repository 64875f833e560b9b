package eval

import (
	"encoding/base64"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// The generator is checked on its own, so that a failure of the held-out
// test is never a bug in the values we computed.

func TestCheckDigitsOnKnownValues(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
		got  bool
	}{
		{"Luhn 4111111111111111", true, luhnOK("4111111111111111")},
		{"Luhn 4111111111111112", false, luhnOK("4111111111111112")},
		{"Luhn 79927398713", true, luhnOK("79927398713")},
		{"IBAN GB82WEST12345698765432", true, ibanOK("GB82WEST12345698765432")},
		{"IBAN DE89370400440532013000", true, ibanOK("DE89370400440532013000")},
		{"IBAN DE88370400440532013000", false, ibanOK("DE88370400440532013000")},
	} {
		if tc.got != tc.ok {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.ok)
		}
	}
}

func TestGeneratedValuesAreValid(t *testing.T) {
	g := newGen(1)
	for i := 0; i < 500; i++ {
		if tok := g.githubClassic("ghp_"); !githubChecksumOK(tok) || len(tok) != 40 {
			t.Fatalf("github token %q: bad checksum or length", tok)
		}
		if tok := g.githubBadChecksum("ghp_"); githubChecksumOK(tok) {
			t.Fatalf("bad-checksum token %q validates", tok)
		}
		is, num := g.card()
		if !luhnOK(num) || len(num) != is.length {
			t.Fatalf("card %q (%s): Luhn or length wrong", num, is.name)
		}
		if ib := g.iban(); !ibanOK(ib) {
			t.Fatalf("IBAN %q fails mod-97", ib)
		}
		a, b, c := g.ssn()
		if a == "000" || a == "666" || a >= "900" || b == "00" || c == "0000" {
			t.Fatalf("SSN %s-%s-%s out of range", a, b, c)
		}
		area, ex, _ := g.nanp()
		if area[0] < '2' || ex[0] < '2' || ex[1:] == "11" {
			t.Fatalf("NANP %s-%s invalid", area, ex)
		}
		parts := strings.Split(g.jwt(), ".")
		hdr, err := base64.RawURLEncoding.DecodeString(parts[0])
		var h map[string]any
		if len(parts) != 3 || err != nil || json.Unmarshal(hdr, &h) != nil || h["alg"] == nil {
			t.Fatalf("JWT header %q has no alg", hdr)
		}
	}
}

func TestGenerationIsDeterministic(t *testing.T) {
	_, a, err := generate(7)
	if err != nil {
		t.Fatal(err)
	}
	_, b, err := generate(7)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed, different cases")
	}
	fams, _, _ := generate(7)
	counts := map[string]int{}
	for _, c := range a {
		counts[c.Family]++
	}
	for _, f := range fams {
		if counts[f.Name] != f.N {
			t.Errorf("family %s: %d distinct cases, want %d", f.Name, counts[f.Name], f.N)
		}
	}
	if len(a) < 3000 {
		t.Errorf("only %d cases", len(a))
	}
}
