package redact_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync/atomic"

	"github.com/aegisagent/redactor/redact"
)

func Example() {
	r := redact.Default()
	fmt.Println(r.String("GET /login?user=bob&password=hunter2 from alice@example.com"))
	fmt.Println(r.String("2026-11-28T10:00:00Z status=200 trace=4bf92f3577b34da6a3ce929d0e0e4736"))
	// Output:
	// GET /login?user=bob&password=[REDACTED:keyed-secret] from [REDACTED:email]
	// 2026-11-28T10:00:00Z status=200 trace=4bf92f3577b34da6a3ce929d0e0e4736
}

func ExampleRedactor_Find() {
	r := redact.Default()
	for _, f := range r.Find([]byte("Authorization: Bearer 9f8e7d6c5b4a39281706\ncard 4111 1111 1111 1111")) {
		fmt.Println(f) // offsets and rule only: a Finding never holds the secret
	}
	// Output:
	// bearer-token(secret)[22:42]
	// card(pii)[48:67]
}

func ExampleRedactor_JSON() {
	r := redact.Default()
	out, err := r.JSON([]byte(`{"user":{"email":"bob@example.com","password":12345},"token_type":"Bearer","max_tokens":512}`))
	fmt.Println(string(out), err)
	// Output:
	// {"user":{"email":"[REDACTED:email]","password":"[REDACTED:keyed-secret]"},"token_type":"Bearer","max_tokens":512} <nil>
}

// A response body its handler labelled application/json: only the tokens
// that hold an anchor ("Bearer", "://", "password") are parsed, and the
// result is what JSON gives. Invalid JSON next to an anchor gets the text
// redaction, as JSON would return it.
func ExampleRedactor_JSONUnchecked() {
	r := redact.Default()
	body := []byte(`{"items":[{"id":1,"url":"https://app:s3cret@db.example.com/x"},{"id":2,"url":"https://example.com/2"}],"token_type":"Bearer"}`)
	fmt.Println(string(r.JSONUnchecked(body)))
	fmt.Println(string(r.JSONUnchecked([]byte(`{'password': 'hunter2'}`))))
	// Output:
	// {"items":[{"id":1,"url":"https://app:[REDACTED:url-credentials]@db.example.com/x"},{"id":2,"url":"https://example.com/2"}],"token_type":"Bearer"}
	// {'password': '[REDACTED:keyed-secret]'}
}

func ExampleRedactor_NewWriter() {
	r := redact.Default()
	w := r.NewWriter(os.Stdout)
	// The secret arrives split across writes; the output is the same as
	// for one write.
	fmt.Fprint(w, "dsn=postgres://app:s3c")
	fmt.Fprint(w, "ret@db:5432/app\n")
	w.Close()
	// Output:
	// dsn=postgres://app:[REDACTED:url-credentials]@db:5432/app
}

func ExampleWithFingerprint() {
	r, err := redact.New(redact.WithFingerprint([]byte("load-me-from-a-secret-store-0001")))
	if err != nil {
		panic(err)
	}
	// Equal values get equal fingerprints, so log lines can be correlated.
	fmt.Println(r.String("user=carol@example.org"))
	fmt.Println(r.String("retry user=carol@example.org"))
	// Output:
	// user=[REDACTED:email:28c99bcb]
	// retry user=[REDACTED:email:28c99bcb]
}

func ExampleWithPartial() {
	r, _ := redact.New(redact.WithPartial())
	fmt.Println(r.String("card 4111-1111-1111-1111 mail bob@example.com"))
	// Output:
	// card [REDACTED:card]1111 mail [REDACTED:email]@example.com
}

func ExampleWithCustomRule() {
	r, err := redact.New(redact.WithCustomRule(redact.CustomRule{
		ID:       "employee-id",
		Kind:     redact.PII,
		Keywords: []string{"emp-"},
		Pattern:  `\bemp-([0-9]{6})\b`,
	}))
	if err != nil {
		panic(err)
	}
	fmt.Println(r.String("approved by emp-004211"))
	// Output:
	// approved by emp-[REDACTED:employee-id]
}

// Rotation: a Redactor is immutable, so when a known secret changes, build
// a new one and swap it in atomically. Goroutines that loaded the old one
// finish with it; new calls use the new one.
func ExampleWithKnownSecrets_rotation() {
	var current atomic.Pointer[redact.Redactor]
	build := func(secrets ...string) {
		r, err := redact.New(redact.WithKnownSecrets(secrets...))
		if err != nil {
			panic(err)
		}
		current.Store(r)
	}

	build("signing-key-v1-0c7d1e")
	fmt.Println(current.Load().String("sig=signing-key-v1-0c7d1e"))

	// Rotate: keep masking the previous key while it may still appear.
	build("signing-key-v2-9a4b22", "signing-key-v1-0c7d1e")
	line := "old signing-key-v1-0c7d1e new signing-key-v2-9a4b22 b64 " + "c2lnbmluZy1rZXktdjItOWE0YjIy"
	fmt.Println(strings.Count(current.Load().String(line), "[REDACTED:known-secret]"))
	// Output:
	// sig=[REDACTED:known-secret]
	// 3
}

func ExampleWithEnvSecrets() {
	os.Setenv("ORDERS_DB_PASSWORD", "Pg-orders-7Hq2") // normally set by the platform
	r, err := redact.New(redact.WithEnvSecrets())     // the inventory: *_DB_PASSWORD, JWT_SECRET_KEY, …
	if err != nil {
		panic(err)
	}
	fmt.Println(r.String("connect failed: password authentication for Pg-orders-7Hq2"))
	// Output:
	// connect failed: password authentication for [REDACTED:known-secret]
}

// A value the caller already knows is secret (a log attribute named
// "password") is replaced whole, without scanning it.
func ExampleRedactor_SecretValue() {
	r := redact.Default()
	fmt.Println(r.SecretValue("hunter2-correct-horse"))
	fmt.Println(r.SecretValue("${DB_PASSWORD}"))
	// Output:
	// [REDACTED:keyed-secret] true
	// ${DB_PASSWORD} false
}

// A struct or list under a secret key is replaced whatever its printed
// form looks like; SecretValue would keep "[HUNTERTWO]" as a mask.
func ExampleRedactor_SecretText() {
	r := redact.Default()
	fmt.Println(r.SecretText(fmt.Sprint([]string{"HUNTERTWO"})))
	fmt.Println(r.SecretValue(fmt.Sprint([]string{"HUNTERTWO"})))
	// Output:
	// [REDACTED:keyed-secret]
	// [HUNTERTWO] false
}

// A value logged or posted under a key gets the key's context, as it
// would inside JSON: nine digits are an SSN under "ssn", a PIN under "pin"
// is hidden whole, and the same digits under "order" are left alone.
func ExampleRedactor_KeyedString() {
	r := redact.Default()
	fmt.Println(r.KeyedString("ssn", "123456789"))
	fmt.Println(r.KeyedString("pin", "4821"))
	fmt.Println(r.KeyedString("order", "123456789"))
	// Output:
	// [REDACTED:ssn]
	// [REDACTED:keyed-secret]
	// 123456789
}

// Counting redactions per rule, for metrics: the callback sees the rule and
// the span, never the secret.
func ExampleRedactor_BytesFunc() {
	counts := map[string]int{}
	out := redact.Default().BytesFunc([]byte("password=hunter2hunter2 mail bob@example.com"), func(f redact.Finding) {
		counts[f.Rule]++
	})
	fmt.Println(string(out))
	fmt.Println(counts)
	// Output:
	// password=[REDACTED:keyed-secret] mail [REDACTED:email]
	// map[email:1 keyed-secret:1]
}

// MayMatch is the cheap first look for code that buffers or parses: when it
// is false, nothing can be redacted, so the input can be sent as it is. For
// JSON the input must also have no backslash, since JSON decodes escapes
// before matching.
func ExampleRedactor_MayMatch() {
	r := redact.Default()
	for _, body := range []string{
		`{"id":7,"name":"item 7","created_at":"2026-11-28T10:00:00Z"}`,
		`{"id":8,"token_type":"Bearer"}`, // anchors ("token", "bearer"), though nothing is secret
	} {
		b := []byte(body)
		if !bytes.Contains(b, []byte{'\\'}) && !r.MayMatch(b) {
			fmt.Println("send as is:", body)
			continue
		}
		out, _ := r.JSON(b)
		fmt.Println("redacted:  ", string(out))
	}
	// Output:
	// send as is: {"id":7,"name":"item 7","created_at":"2026-11-28T10:00:00Z"}
	// redacted:   {"id":8,"token_type":"Bearer"}
}
