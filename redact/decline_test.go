package redact

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// declinePieces are JSON strings (and one number) around the anchors with
// decline tests ("://", Bearer, Basic, vendor prefixes): declined at a
// glance, or not because of an '@', a credential, a token body or an
// escape later in the string.
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

// TestDropDeclinedChangesNothing checks that skipping the strings whose
// anchors are all declined (dropDeclined) gives exactly what visiting
// them gives, for JSON and JSONUnchecked, on documents that mix declined
// anchors with ones that are not.
func TestDropDeclinedChangesNothing(t *testing.T) {
	with := Default()
	without, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if !with.m.declines {
		t.Fatal("the default catalog has decline tests; this test needs them")
	}
	without.m.declines = false // dropDeclined is then a no-op
	rng := rand.New(rand.NewPCG(7, 9))
	changed := 0
	for range 300 {
		doc := randomDeclineDoc(rng)
		want, werr := without.JSON(doc)
		got, gerr := with.JSON(doc)
		if !bytes.Equal(got, want) || (werr == nil) != (gerr == nil) {
			t.Fatalf("JSON differs with dropDeclined\n in: %s\ngot: %s\nwant: %s", doc, got, want)
		}
		if u, wu := with.JSONUnchecked(doc), without.JSONUnchecked(doc); !bytes.Equal(u, wu) || !bytes.Equal(u, want) {
			t.Fatalf("JSONUnchecked differs with dropDeclined\n in: %s\ngot: %s\nwant: %s", doc, u, wu)
		}
		if !bytes.Equal(got, doc) {
			changed++
		}
	}
	if changed == 0 {
		t.Fatal("no document had anything redacted: the pieces test nothing")
	}
}

// TestDropDeclinedDrops checks that the hits it is for are dropped: a
// REST object's URL and a "token_type":"Bearer" leave no hit to visit.
func TestDropDeclinedDrops(t *testing.T) {
	r := Default()
	doc := []byte(`{"url":"https://api.example.com/v1/items/7","token_type":"Bearer","auth":"Bearer 9f8e7d6c5b4a39281706f5e4","db":"postgres://u:Xk29vLq7pZ@db/app"}`)
	hits, sts := r.m.hitEnds(doc, nil, nil, new([lanes][]hitRec))
	kept := r.m.dropDeclined(doc, hits, sts)
	var words []string
	for _, h := range kept {
		words = append(words, string(doc[max(0, int(h)-6):h]))
	}
	got := strings.Join(words, "|")
	for _, w := range []string{"token", "Bearer"} {
		if !strings.Contains(got, w) {
			t.Errorf("kept hits %q: missing %q", got, w)
		}
	}
	if strings.Count(got, "Bearer") != 1 || strings.Count(got, "://") != 1 {
		t.Errorf("kept hits %q: want one Bearer (with a credential) and one :// (with an '@')", got)
	}
}

// TestDropDeclinedKeepsSecretKeys checks that a secret key named like an
// anchor with a decline test ("sk", "bearer", "cio") is still a secret key:
// a key name's anchor belongs to the keyed rule, which has no decline test,
// so its hit stays and the key is read.
func TestDropDeclinedKeepsSecretKeys(t *testing.T) {
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
