package examples_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sync/atomic"

	"github.com/aegisagent/redactor/redact"
)

// The default Redactor: built-in rules for tokens, keys, credentials in
// URLs and personal data. Everything it does not recognise, including
// ids, hashes and timestamps, stays byte for byte.
func Example_default() {
	r := redact.Default()
	fmt.Println(r.String("charge 4242 4242 4242 4242 for jane.doe@example.com, call +1 415 555 2671"))
	fmt.Println(r.String("git clone https://ci:hunter2hunter2@git.example.com/app.git -H 'Authorization: Bearer 8f14e45fceea167a5a36dedd4bea2543'"))
	fmt.Println(r.String("order INV-2026-00042 shipped 2026-11-28T09:14:03Z trace=4bf92f3577b34da6a3ce929d0e0e4736"))

	// Find reports where and what, never the secret itself.
	for _, f := range r.Find([]byte("STRIPE_KEY=sk_live_51HxQz2KjR8vLmNpQ7sT4uVwXyZ ssn 123-45-6789")) {
		fmt.Println(f)
	}
	// Output:
	// charge [REDACTED:card] for [REDACTED:email], call [REDACTED:phone]
	// git clone https://ci:[REDACTED:url-credentials]@git.example.com/app.git -H 'Authorization: Bearer [REDACTED:bearer-token]'
	// order INV-2026-00042 shipped 2026-11-28T09:14:03Z trace=4bf92f3577b34da6a3ce929d0e0e4736
	// stripe-key(secret)[11:46]
	// ssn(pii)[51:62]
}

// A rule of your own: literal keywords wake it up, a regular expression
// run near them finds the secret, and an optional validator confirms it.
func Example_customRule() {
	r, err := redact.New(redact.WithCustomRule(redact.CustomRule{
		ID:       "acme-token",
		Keywords: []string{"acme_live_", "acme_test_"},
		Pattern:  `\bacme_(?:live|test)_[A-Za-z0-9]{20}\b`,
	}))
	if err != nil {
		panic(err)
	}
	fmt.Println(r.String("retrying with token acme_live_Q2w3E4r5T6y7U8i9O0p1 (attempt 2)"))
	fmt.Println(r.String("acme_live_ is the prefix of production tokens")) // no token: untouched
	// Built-in rules still run next to it.
	fmt.Println(r.String("owner bob@example.com key acme_test_Zx81kLmQ02pR77abCd3F"))
	// Output:
	// retrying with token [REDACTED:acme-token] (attempt 2)
	// acme_live_ is the prefix of production tokens
	// owner [REDACTED:email] key [REDACTED:acme-token]
}

// Known secrets from the environment, and their rotation. A Redactor is
// immutable: when the secret changes, build a new one and swap it in with
// an atomic.Pointer. Requests in flight finish with the old one; every
// later Load sees the new one, and no lock is taken on the hot path.
func Example_envSecretsRotation() {
	// Normally set by the platform. WithEnvSecrets() with no names reads
	// redact.EnvSecretNames and every *_DB_PASSWORD variable.
	os.Setenv("PAYMENTS_DB_PASSWORD", "Pg-pay-7Hq2-v1")

	var current atomic.Pointer[redact.Redactor]
	reload := func(extra ...string) {
		r, err := redact.New(redact.WithEnvSecrets(), redact.WithKnownSecrets(extra...))
		if err != nil {
			panic(err) // keep serving with the old one in a real service
		}
		current.Store(r)
	}
	reload()
	logf := func(s string) { fmt.Println(current.Load().String(s)) }

	logf("auth failed for password Pg-pay-7Hq2-v1")
	// Known secrets are caught in their encoded forms too: here inside a
	// Basic header (base64 of "payments:Pg-pay-7Hq2-v1") and URL-escaped.
	logf("Authorization: Basic cGF5bWVudHM6UGctcGF5LTdIcTItdjE= url=/hook?p=Pg-pay-7Hq2-v1")

	// Rotation: the platform sets the new value; keep masking the old one
	// while connections opened with it may still log it.
	os.Setenv("PAYMENTS_DB_PASSWORD", "Pg-pay-Zr41-v2")
	reload("Pg-pay-7Hq2-v1")
	logf("old Pg-pay-7Hq2-v1 new Pg-pay-Zr41-v2")
	// Output:
	// auth failed for password [REDACTED:known-secret]
	// Authorization: Basic [REDACTED:known-secret] url=/hook?p=[REDACTED:known-secret]
	// old [REDACTED:known-secret] new [REDACTED:known-secret]
}

// Fingerprints: equal values get equal tags, so an operator can follow one
// customer through the logs without ever seeing the address. The key is a
// secret of its own (at least 16 bytes); keep it in a secret store.
func Example_fingerprint() {
	r, err := redact.New(redact.WithFingerprint([]byte("fp-key-from-the-secret-store-01")))
	if err != nil {
		panic(err)
	}
	fmt.Println(r.String("login ok user=alice@example.com"))
	fmt.Println(r.String("password reset user=bob@example.com"))
	fmt.Println(r.String("login failed user=alice@example.com"))
	// Output:
	// login ok user=[REDACTED:email:16f0585a]
	// password reset user=[REDACTED:email:0ebd11d3]
	// login failed user=[REDACTED:email:16f0585a]
}

// JSON: structure-aware redaction. Values under secret keys are replaced
// whole (whatever their type), strings are scanned, keys that are about
// secrets rather than secrets stay, and the output is valid JSON.
func Example_json() {
	r := redact.Default()
	out, err := r.JSON([]byte(`{"user":{"id":42,"email":"jane.doe@example.com","password":1234,` +
		`"cards":[{"number":"4242424242424242","exp":"12/29"}]},` +
		`"oauth":{"access_token":"at-1f2e3d4c5b6a","token_type":"Bearer","expires_in":3600},` +
		`"note":"call me on +1 415 555 2671"}`))
	fmt.Println(string(out), err)

	// Not JSON: the text patterns still run, and the error says so.
	out, err = r.JSON([]byte(`{"password": "hunter2hunter2", oops`))
	fmt.Println(string(out), errors.Is(err, redact.ErrInvalidJSON))
	// Output:
	// {"user":{"id":42,"email":"[REDACTED:email]","password":"[REDACTED:keyed-secret]","cards":[{"number":"[REDACTED:card]","exp":"12/29"}]},"oauth":{"access_token":"[REDACTED:keyed-secret]","token_type":"Bearer","expires_in":3600},"note":"call me on [REDACTED:phone]"} <nil>
	// {"password": "[REDACTED:keyed-secret]", oops true
}

// Streaming: a Writer in front of any io.Writer (a file, a socket, a
// child's stdout). The output is the same however the input is cut into
// writes, even when a secret straddles two of them. Close flushes the tail.
func Example_streaming() {
	input := "dsn=postgres://app:s3cret-Pw-42@db.internal:5432/app\n" +
		"Authorization: Bearer 8f14e45fceea167a5a36dedd4bea2543\n" +
		"export done rows=1834\n"

	r := redact.Default()
	var out bytes.Buffer
	w := r.NewWriter(&out)
	for chunk := []byte(input); len(chunk) > 0; {
		n := min(7, len(chunk)) // 7-byte writes: every secret is cut up
		if _, err := w.Write(chunk[:n]); err != nil {
			panic(err)
		}
		chunk = chunk[n:]
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	fmt.Print(out.String())
	fmt.Println("same as one call:", bytes.Equal(out.Bytes(), r.Bytes([]byte(input))))
	// Output:
	// dsn=postgres://app:[REDACTED:url-credentials]@db.internal:5432/app
	// Authorization: Bearer [REDACTED:bearer-token]
	// export done rows=1834
	// same as one call: true
}
