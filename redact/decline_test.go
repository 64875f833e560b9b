package redact

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// declinePieces are JSON strings and numbers for dropHits to judge, used
// as keys and as values: anchors with decline tests ("://", Bearer,
// Basic, vendor prefixes), declined at a glance or not (an '@', a
// credential, a token body or an escape later in the string); and keys
// that are inert ("max_tokens") or not (secret, code, escaped, holding a
// secret themselves, naming a secret for a name/value pair).
var declinePieces = []string{
	`"https://api.example.com/v1/items/7"`,
	`"https://deploy:Xk29vLq7pZ@git.example.com/repo.git"`,
	`"https://api.example.com/?contact=ops@example.com"`,
	`"https:\/\/svc:Tr0ub4dor99@db.internal\/x"`,
	`"https://svc:Tr0ub4dor99\u0040db.internal/x"`,
	`"redis://:9fKq2LmZ7xW@cache:6379/0"`,
	`"Bearer"`,
	`"Bearer eyJzdWIiOiIxMjM0NTY3ODkwIn0x9fKq2LmZ7xWpR"`,
	`"Bearer 9f8e7d6c5b4a39281706f5e4"`,
	`"BearerAuth"`,
	`"Basic"`,
	`"Basic dXNlcjpodW50ZXIyaHVudGVyMg=="`,
	`"token_type"`,
	`"see https://docs.example.com and Bearer 9f8e7d6c5b4a39281706f5e4"`,
	`"https://a.example.com/ then https://u:Passw0rd77@b.example.com"`,
	`"password"`,
	`"task design path update precious risk"`,
	`"SK0123456789abcdef0123456789abcdef"`,
	`"sid SKb0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5 ok"`,
	`"cio7Hq2LmZ9xWpR4tKv8NbC3jYd6FsGa1Ue"`,
	`"SK"`,
	`"xoxb-%2B"`,
	`"xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"`,
	`"max_tokens"`,
	`"prompt_tokens"`,
	`"pin"`,
	`"otp_code"`,
	`"4821"`,
	`123456`,
	`"api_key"`,
	`"p\u0061ssword"`,
	`"ops@example.com"`,
	`"sk_live_4eC39HqLyjWDarjtT1zdp7dc"`,
	`"secret_name"`,
	`"DB_PASSWORD"`,
	`"value"`,
	`"name"`,
	`"token type"`,
	`"+1 415 555 0134"`,
	`4111111111111111`,
}

func randomDeclineDoc(rng *rand.Rand) []byte {
	var b strings.Builder
	b.WriteString(`{"items":[`)
	for i := range 20 + rng.IntN(40) {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"id":`)
		b.WriteString(strings.Repeat("1", 1+rng.IntN(3)))
		for range 1 + rng.IntN(4) {
			k := declinePieces[rng.IntN(len(declinePieces))]
			if k[0] != '"' {
				k = `"n"`
			}
			b.WriteString(",")
			b.WriteString(k)
			b.WriteString(":")
			b.WriteString(declinePieces[rng.IntN(len(declinePieces))])
		}
		b.WriteString(`}`)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// TestDropHitsChangesNothing checks that skipping the hits dropHits drops
// gives exactly what visiting them gives, for JSON and JSONUnchecked, on
// documents that mix such hits with ones that matter.
func TestDropHitsChangesNothing(t *testing.T) {
	with := Default()
	without, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if !with.m.declines {
		t.Fatal("the default catalog has decline tests; this test needs them")
	}
	without.keepAllHits = true
	rng := rand.New(rand.NewPCG(7, 9))
	changed := 0
	for range 300 {
		doc := randomDeclineDoc(rng)
		want, werr := without.JSON(doc)
		got, gerr := with.JSON(doc)
		if !bytes.Equal(got, want) || (werr == nil) != (gerr == nil) {
			t.Fatalf("JSON differs with dropHits\n in: %s\ngot: %s\nwant: %s", doc, got, want)
		}
		if u, wu := with.JSONUnchecked(doc), without.JSONUnchecked(doc); !bytes.Equal(u, wu) || !bytes.Equal(u, want) {
			t.Fatalf("JSONUnchecked differs with dropHits\n in: %s\ngot: %s\nwant: %s", doc, u, wu)
		}
		if !bytes.Equal(got, doc) {
			changed++
		}
	}
	if changed == 0 {
		t.Fatal("no document had anything redacted: the pieces test nothing")
	}
}

// TestDropHitsDrops checks that the hits it is for are dropped: a REST
// object's URL and an OAuth "token_type":"Bearer" leave no hit to visit.
func TestDropHitsDrops(t *testing.T) {
	r := Default()
	doc := []byte(`{"url":"https://api.example.com/v1/items/7","token_type":"Bearer","auth":"Bearer 9f8e7d6c5b4a39281706f5e4","db":"postgres://u:Xk29vLq7pZ@db/app"}`)
	j := r.newJSONWalker(doc, nil)
	defer j.release()
	j.hits, j.hitSts = r.m.hitEnds(doc, j.hits, j.hitSts[:0], &j.lanes)
	j.dropHits()
	kept := j.hits
	clean := len(`{"url":"https://api.example.com/v1/items/7","token_type":"Bearer",`)
	if len(kept) == 0 || int(kept[0]) <= clean {
		t.Errorf("kept hits %v: want none in the first %d bytes (a URL with no '@', an inert key, a bare Bearer)", kept, clean)
	}
	var words []string
	for _, h := range kept {
		words = append(words, string(doc[max(0, int(h)-6):h]))
	}
	got := strings.Join(words, "|")
	if !strings.Contains(got, "Bearer") || !strings.Contains(got, "://") {
		t.Errorf("kept hits %q: want the Bearer with a credential and the :// with an '@'", got)
	}
}

// TestDropHitsKeepsSecretKeys checks that a secret key named like an
// anchor with a decline test ("sk", "bearer", "cio") is still a secret key:
// a key name's anchor belongs to the keyed rule, which has no decline test,
// so its hit stays and the key is read.
func TestDropHitsKeepsSecretKeys(t *testing.T) {
	r, err := New(WithSecretKeys("sk", "bearer", "basic", "url", "cio", "pat"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(`{"data":[`)
	for i := range 20 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"sk":"v4lue9876","bearer":"v4lue9876","basic":"v4lue9876","url":"https://x.example/y","cio":"v4lue9876","pat":"v4lue9876"}`)
	}
	b.WriteString(`]}`)
	doc := []byte(b.String())
	out, err := r.JSON(doc)
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][]byte{"JSON": out, "JSONUnchecked": r.JSONUnchecked(doc)} {
		if bytes.Contains(got, []byte("v4lue")) || bytes.Contains(got, []byte("x.example")) {
			t.Errorf("%s kept a secret key's value: %.200s", name, got)
		}
	}
}

// FuzzDropHits checks dropHits against visiting every hit: JSON gives the
// same bytes either way on any input, and JSONUnchecked on valid JSON. Its seeds run with the package's tests; fuzz it with
// go test ./redact -run '^$' -fuzz FuzzDropHits.
func FuzzDropHits(f *testing.F) {
	// Small seeds: the fuzzer mutates them into documents of its own.
	for _, p := range declinePieces {
		f.Add([]byte(`{"k":` + p + `,` + p + `:1,"max_tokens":[` + p + `]}`))
	}
	f.Add([]byte(`{"a":"x"y", "max_tokens": 1, "b":"sk_live_4eC39HqLyjWDarjtT1zdp7dc"}`))
	f.Add([]byte(`{"password_hint=": hunter2, "max_tokens": 2}`))
	with := Default()
	without, err := New()
	if err != nil {
		f.Fatal(err)
	}
	without.keepAllHits = true
	f.Fuzz(func(t *testing.T, doc []byte) {
		// Pad past minHitMap, so that the hit map is used.
		doc = append(bytes.Repeat([]byte{' '}, minHitMap), doc...)
		want, werr := without.JSON(doc)
		got, gerr := with.JSON(doc)
		if !bytes.Equal(got, want) || (werr == nil) != (gerr == nil) {
			t.Fatalf("JSON differs with dropHits\n in: %q\ngot: %q\nwant: %q", doc, got, want)
		}
		// On a document that is not JSON, a dropped hit may hide that
		// it is not (see JSONUnchecked): only valid ones must agree.
		if werr != nil {
			return
		}
		if u, wu := with.JSONUnchecked(doc), without.JSONUnchecked(doc); !bytes.Equal(u, wu) {
			t.Fatalf("JSONUnchecked differs with dropHits\n in: %q\ngot: %q\nwant: %q", doc, u, wu)
		}
	})
}

// BenchmarkJSONDegenerate runs JSON and JSONUnchecked on one long string
// (and a key's value) made of one anchor-bearing unit repeated, at two
// sizes: MB/s must not fall with size. Many hits in one string were once
// quadratic here (the string's start looked up again for each, a
// decline test reading to the string's end for each).
func BenchmarkJSONDegenerate(b *testing.B) {
	r := Default()
	for _, unit := range []string{"://", "Bearer ", "https://x/ ", "max_tokens ", "sk "} {
		for _, n := range []int{16 << 10, 256 << 10} {
			body := strings.Repeat(unit, n/len(unit))
			doc := []byte(`{"k":"` + body + `","token_type":"` + body + `"}`)
			name := strings.NewReplacer(" ", "_", "/", "s", ":", "c").Replace(unit)
			b.Run(fmt.Sprintf("%s/%dK", name, n>>10), func(b *testing.B) {
				b.SetBytes(int64(len(doc)))
				for b.Loop() {
					r.JSONUnchecked(doc)
					_, _ = r.JSON(doc)
				}
			})
		}
	}
}
