package redact

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// jsonRow is one spec of Redactor.JSON: a document and what it becomes.
type jsonRow struct{ name, in, want string }

var jsonRows = []jsonRow{
	// The value of a secret key, whatever its type, at any depth.
	{"string", `{"password":"hunter2"}`, `{"password":"[REDACTED:keyed-secret]"}`},
	{"number", `{"password":12345}`, `{"password":"[REDACTED:keyed-secret]"}`},
	{"bool: a flag, not a secret", `{"secret":true,"password":false}`, `{"secret":true,"password":false}`},
	// A PIN or a one-time password: secret when it is 4 to 12 digits.
	{"codes", `{"pin":"4821","otp":123456,"card_pin":"1357","otpCode":"998877","totp":" 123456"}`,
		`{"pin":"[REDACTED:keyed-secret]","otp":"[REDACTED:keyed-secret]","card_pin":"[REDACTED:keyed-secret]","otpCode":"[REDACTED:keyed-secret]","totp":" 123456"}`},
	{"card codes", `{"cvv":"123","cvc":4821,"card":{"CVV2":"987","csc":"0042"}}`,
		`{"cvv":"[REDACTED:keyed-secret]","cvc":"[REDACTED:keyed-secret]","card":{"CVV2":"[REDACTED:keyed-secret]","csc":"[REDACTED:keyed-secret]"}}`},
	{"not card codes", `{"cvv":"required","cvc":12,"cvv_length":3,"csc":12345,"cvv":"1234567"}`,
		`{"cvv":"required","cvc":12,"cvv_length":3,"csc":12345,"cvv":"1234567"}`},
	{"not codes", `{"pin":17,"gpio_pin":"GPIO17","otp":"sms","otp_settings":{"length":6},"pin_count":4821,"otp2":{"pin":"A0"},"pin_hash":"12345678901234","pin":-1234,"otp":1234.5}`,
		`{"pin":17,"gpio_pin":"GPIO17","otp":"sms","otp_settings":{"length":6},"pin_count":4821,"otp2":{"pin":"A0"},"pin_hash":"12345678901234","pin":-1234,"otp":1234.5}`},
	{"code under an escaped key", `{"p\u0069n":"4821"}`, `{"p\u0069n":"[REDACTED:keyed-secret]"}`},
	// A registry's "auth" (Docker's config.json, npm): the base64 of
	// user:password, and nothing else under that name.
	{"registry auth", `{"auths":{"https://index.docker.io/v1/":{"auth":"dXNlcjpwNHNzdzByZFNlY3JldA=="}},"basic_auth":"Ym9iOmh1bnRlcjJ4"}`,
		`{"auths":{"https://index.docker.io/v1/":{"auth":"[REDACTED:keyed-secret]"}},"basic_auth":"[REDACTED:keyed-secret]"}`},
	{"not registry auth", `{"auth":"none","auth":"dGVzdGluZzEyMw==","auth_method":"md5","author":"Jane Roe","oauth":"dXNlcjpwNHNzdzByZFNlY3JldA==","auth":true,"auth":"YTpi"}`,
		`{"auth":"none","auth":"dGVzdGluZzEyMw==","auth_method":"md5","author":"Jane Roe","oauth":"dXNlcjpwNHNzdzByZFNlY3JldA==","auth":true,"auth":"YTpi"}`},
	{"object", `{"api_key":{"a":1,"b":[2]}}`, `{"api_key":"[REDACTED:keyed-secret]"}`},
	{"array", `{"api_keys":["k-1a2b3c","k-4d5e6f"]}`, `{"api_keys":"[REDACTED:keyed-secret]"}`},
	{"secret key inside a secret value", `{"password" : {"nested":{"password":"x"}}}`, `{"password" : "[REDACTED:keyed-secret]"}`},
	{"deep", `{"a":{"b":[{"c":{"client_secret":"x"}}]}}`, `{"a":{"b":[{"c":{"client_secret":"[REDACTED:keyed-secret]"}}]}}`},
	{"header names", `{"headers":{"Authorization":"Bearer abc.def","Cookie":["a=1","b=2"]}}`, `{"headers":{"Authorization":"[REDACTED:keyed-secret]","Cookie":"[REDACTED:keyed-secret]"}}`},
	{"duplicate keys", `{"password":"a","password":"b"}`, `{"password":"[REDACTED:keyed-secret]","password":"[REDACTED:keyed-secret]"}`},
	{"field/val pair", `{"field":"api_token","val":"n2PVR1uw%u!OBPQrqj"}`, `{"field":"api_token","val":"[REDACTED:keyed-secret]"}`},
	{"field in a validation error", `{"errors":[{"field":"password","message":"too short"}]}`, `{"errors":[{"field":"password","message":"too short"}]}`},
	{"status words", `{"errors":{"password":"required","token":"Expired","api_key":"missing"},"secret":"requirement"}`, `{"errors":{"password":"required","token":"Expired","api_key":"missing"},"secret":"[REDACTED:keyed-secret]"}`},
	{"null written as a string", `{"secret":"null","token":"None","password":"nil","api_key":"undefined","pwd":"nullable"}`, `{"secret":"null","token":"None","password":"nil","api_key":"undefined","pwd":"[REDACTED:keyed-secret]"}`},
	{"escaped quote in the value", `{"password":"\"quoted\\"}`, `{"password":"[REDACTED:keyed-secret]"}`},
	// Name/value pairs (Kubernetes, Docker, CloudFormation): the member
	// right after a name that is a secret key holds the secret.
	{"name/value pair", `{"env":[{"name":"DB_PASSWORD","value":"s3cret"},{"name":"LOG_LEVEL","value":"debug"}]}`,
		`{"env":[{"name":"DB_PASSWORD","value":"[REDACTED:keyed-secret]"},{"name":"LOG_LEVEL","value":"debug"}]}`},
	{"name/value pair, any value type", `{"name":"api_key","value":12345} `, `{"name":"api_key","value":"[REDACTED:keyed-secret]"} `},
	{"name/value pair, CloudFormation", `{"ParameterKey":"DbPassword", "ParameterValue" : {"a":1}}`, `{"ParameterKey":"DbPassword", "ParameterValue" : "[REDACTED:keyed-secret]"}`},
	{"name/value pair, escaped name", `{"name":"DB_PASS\u0057ORD","value":"s3cret"}`, `{"name":"DB_PASS\u0057ORD","value":"[REDACTED:keyed-secret]"}`},
	{"name/value pair, placeholder", `{"name":"DB_PASSWORD","value":"${DB_PASSWORD}"}`, `{"name":"DB_PASSWORD","value":"${DB_PASSWORD}"}`},
	{"name/value pair, not adjacent", `{"name":"DB_PASSWORD","other":1,"value":"x"}`, `{"name":"DB_PASSWORD","other":1,"value":"x"}`},
	{"name/value pair, value first (not read)", `{"value":"x","name":"DB_PASSWORD"}`, `{"value":"x","name":"DB_PASSWORD"}`},
	{"name/value pair, a name about a secret", `{"name":"password_updated_at","value":"2026-01-01"}`, `{"name":"password_updated_at","value":"2026-01-01"}`},
	{"name/value pair, across objects", `[{"name":"DB_PASSWORD"},{"value":"x"}]`, `[{"name":"DB_PASSWORD"},{"value":"x"}]`},
	{"name/value pair words in an array", `{"key":["api_key","value"],"value":"x","name":["DB_PASSWORD"]}`,
		`{"key":["api_key","value"],"value":"x","name":["DB_PASSWORD"]}`},
	// Found by the second review: a rewritten key after a pair's name
	// (JSONUnchecked rewrote it twice and panicked), and a name that only
	// names a secret once redacted (a second pass redacted more).
	{"name/value pair, then a rewritten key", `{"name":"DB_PASSWORD","token=abc":"x"}`,
		`{"name":"DB_PASSWORD","token=[REDACTED:keyed-secret]":"[REDACTED:keyed-secret]"}`},
	{"name/value pair, name read as written out", `{"name":"DB_PASSWORD=x","value":"v4lue"}`,
		`{"name":"DB_PASSWORD=[REDACTED:keyed-secret]","value":"[REDACTED:keyed-secret]"}`},
	// A placeholder under a secret key stays, but what follows it is read.
	{"placeholder then a secret", `{"password":"*** password=hunter2","token":"[REDACTED:keyed-secret] Bearer abcdefghijklmnop1234"}`,
		`{"password":"*** password=[REDACTED:keyed-secret]","token":"[REDACTED:keyed-secret] Bearer [REDACTED:bearer-token]"}`},
	// Nothing to hide.
	{"null", `{"password":null}`, `{"password":null}`},
	{"empty", `{"password":""}`, `{"password":""}`},
	{"placeholder", `{"password":"${DB_PASSWORD}"}`, `{"password":"${DB_PASSWORD}"}`},
	{"already redacted", `{"password":"[REDACTED:keyed-secret]"}`, `{"password":"[REDACTED:keyed-secret]"}`},
	{"keys about secrets", `{"token_type":"Bearer","max_tokens":100,"key_id":"k1","password_updated_at":"2026-01-01","secret_name":"db"}`,
		`{"token_type":"Bearer","max_tokens":100,"key_id":"k1","password_updated_at":"2026-01-01","secret_name":"db"}`},
	// Escapes.
	{`\u escaped key`, `{"\u0070assword":"hunter2"}`, `{"\u0070assword":"[REDACTED:keyed-secret]"}`},
	{`\u escaped secret in a value, escape kept`, `{"msg":"\u0070assword=hunter2"}`, `{"msg":"\u0070assword=[REDACTED:keyed-secret]"}`},
	{`\u escaped known secret`, `{"m":"s3cr3t\u002dKnown-Value-42"}`, `{"m":"[REDACTED:known-secret]"}`},
	{`\/ kept when nothing is found`, `{"url":"https:\/\/example.com\/x"}`, `{"url":"https:\/\/example.com\/x"}`},
	{`\/ decoded before matching, escapes kept`, `{"url":"https:\/\/app:s3cret@db\/x"}`, `{"url":"https:\/\/app:[REDACTED:url-credentials]@db\/x"}`},
	{"surrogate pair kept", `{"msg":"smile \uD83D\uDE00 password=hunter2"}`, `{"msg":"smile \uD83D\uDE00 password=[REDACTED:keyed-secret]"}`},
	{"secret spelled with escapes is replaced whole", `{"k":"id AKIA\u0051\u0033EGRUDXVXSKJY7M \u00e9"}`, `{"k":"id [REDACTED:aws-access-key-id] \u00e9"}`},
	{"control characters stay escaped", `{"x":"\u0000 password=hunter2\t\n"}`, `{"x":"\u0000 password=[REDACTED:keyed-secret]\t\n"}`},
	{"surrogate pair untouched", `{"msg":"smile \uD83D\uDE00"}`, `{"msg":"smile \uD83D\uDE00"}`},
	// Patterns inside strings and numbers.
	{"e-mail", `{"m":"mail alice@example.com now"}`, `{"m":"mail [REDACTED:email] now"}`},
	{"card in a string", `{"msg":"card 4111 1111 1111 1111"}`, `{"msg":"card [REDACTED:card]"}`},
	{"card as a number", `{"n":4111111111111111}`, `{"n":"[REDACTED:card]"}`},
	{"Luhn-invalid number", `{"n":4111111111111112}`, `{"n":4111111111111112}`},
	{"JWT in a string", `{"id_token":"x","t":"` + testJWT + `"}`, `{"id_token":"[REDACTED:keyed-secret]","t":"[REDACTED:jwt]"}`},
	{"PEM in a string", `{"k":"` + strings.ReplaceAll(pemBlock("PRIVATE KEY", testPEMBody), "\n", `\n`) + `"}`,
		`{"k":"-----BEGIN PRIVATE KEY-----\n[REDACTED:private-key]\n-----END PRIVATE KEY-----"}`},
	{"id-like key", `{"id":4158675309,"order_id":"4158675309","phone_id":4158675309}`, `{"id":4158675309,"order_id":"4158675309","phone_id":4158675309}`},
	{"other keys", `{"count":4158675309,"ts":"219099999","x":[{"phone":1},4158675309]}`, `{"count":4158675309,"ts":"219099999","x":[{"phone":1},4158675309]}`},
	{"key words go on", `{"telemetry":4158675309,"phones_total":4158675309}`, `{"telemetry":4158675309,"phones_total":4158675309}`},
	{"not a phone under a phone key", `{"phone":1234}`, `{"phone":1234}`},
	{"key not a context of later lines", `{"phone":"call\n4158675309"}`, `{"phone":"call\n4158675309"}`},
	// A key is classified as it is written out, so a second pass agrees.
	{"secret in an object key", `{"password=hunter2":1}`, `{"password=[REDACTED:keyed-secret]":"[REDACTED:keyed-secret]"}`},
	{"numbers kept exactly", `{"a":1.0e+10,"b":-0.000,"c":12345678901234567890123,"d":1E-7,"e":0}`, `{"a":1.0e+10,"b":-0.000,"c":12345678901234567890123,"d":1E-7,"e":0}`},
	// Top-level values and whitespace.
	{"top-level string", `"password=hunter2"`, `"password=[REDACTED:keyed-secret]"`},
	{"top-level number", ` 123 `, ` 123 `},
	{"top-level true", `true`, `true`},
	{"top-level null", "\n null\n", "\n null\n"},
	{"top-level array", `[{"password":"x"},"alice@example.com",4111111111111111]`, `[{"password":"[REDACTED:keyed-secret]"},"[REDACTED:email]","[REDACTED:card]"]`},
	{"whitespace kept", "{ \"password\" :\n\t\"x\" ,\r\n \"a\" : [ 1 , 2 ] }\n", "{ \"password\" :\n\t\"[REDACTED:keyed-secret]\" ,\r\n \"a\" : [ 1 , 2 ] }\n"},
}

func jsonRedactor(t testing.TB, opts ...Option) *Redactor {
	t.Helper()
	r, err := New(append([]Option{WithKnownSecrets(streamKnown)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestJSON(t *testing.T) {
	r := jsonRedactor(t)
	for _, tc := range jsonRows {
		t.Run(tc.name, func(t *testing.T) {
			in := []byte(tc.in)
			if !json.Valid(in) {
				t.Fatalf("test input is not valid JSON: %s", in)
			}
			got, err := r.JSON(in)
			if err != nil {
				t.Fatalf("JSON(%s): %v", in, err)
			}
			if string(got) != tc.want {
				t.Fatalf("JSON(%s)\n got %s\nwant %s", in, got, tc.want)
			}
			if !json.Valid(got) {
				t.Fatalf("output is not valid JSON: %s", got)
			}
			if tc.in == tc.want && &got[0] != &in[0] {
				t.Error("nothing was replaced, but JSON did not return its input")
			}
			if again, err := r.JSON(got); err != nil || !bytes.Equal(again, got) {
				t.Errorf("not idempotent: %s -> %s (%v)", got, again, err)
			}
		})
	}
}

// Every replacement style writes valid JSON and hides the same values.
func TestJSONStylesStayValid(t *testing.T) {
	for _, opt := range []Option{WithPartial(), WithFixedText("••••••"), WithFingerprint([]byte("0123456789abcdef0123"))} {
		r := jsonRedactor(t, opt)
		for _, tc := range jsonRows {
			got, err := r.JSON([]byte(tc.in))
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if !json.Valid(got) {
				t.Errorf("%s: output is not valid JSON: %s", tc.name, got)
			}
			for _, secret := range []string{"hunter2", "12345", "k-1a2b3c", "abc.def", "s3cret", "alice@", "4111111111111111", "Known-Value"} {
				if strings.Contains(tc.in, secret) && !strings.Contains(tc.want, secret) && strings.Contains(string(got), secret) {
					t.Errorf("%s: %q survives: %s", tc.name, secret, got)
				}
			}
		}
	}
}

// Input that is not one JSON value comes back redacted as text, with an
// error that says where the syntax broke but never quotes the input.
func TestJSONInvalid(t *testing.T) {
	r := jsonRedactor(t)
	const secret = "hunter2hunter2"
	for _, in := range []string{
		`{"password":"` + secret + `"`,
		`{"password":` + secret + `}`,
		`{"password":"` + secret + `"} trailing`,
		`{"a":"` + secret + "\x01" + `"}`,
		`{"a":"password=` + secret + `\q"}`,
		`{"password":"` + secret + `",}`,
		`{'password':'` + secret + `'}`,
		`password=` + secret,
		``,
		`{"a":1 "password":"` + secret + `"}`,
		`[1,2`,
		`{"n":01}`,
		`{"n":1.}`,
		`{"x":"\ud83d` + secret + `\u12"}`,
	} {
		got, err := r.JSON([]byte(in))
		if !errors.Is(err, ErrInvalidJSON) {
			t.Errorf("JSON(%q): error %v, want ErrInvalidJSON", in, err)
			continue
		}
		if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "hunter") {
			t.Errorf("JSON(%q): the error quotes the input: %v", in, err)
		}
		if want := r.Bytes([]byte(in)); !bytes.Equal(got, want) {
			t.Errorf("JSON(%q) = %q, want the text redaction %q", in, got, want)
		}
	}
}

// Nesting is bounded: a document deeper than maxJSONDepth is rejected (and
// redacted as text) instead of recursing without limit, so no input can
// exhaust the stack; up to the limit the walk is structural.
func TestJSONDeepNesting(t *testing.T) {
	r := Default()
	nest := func(depth int, inner string) []byte {
		return []byte(strings.Repeat(`[`, depth-1) + inner + strings.Repeat(`]`, depth-1))
	}
	// At the limit: the secret value is replaced structurally.
	in := nest(maxJSONDepth, `{"secret":1}`)
	got, err := r.JSON(in)
	if err != nil {
		t.Fatalf("depth %d: %v", maxJSONDepth, err)
	}
	if want := nest(maxJSONDepth, `{"secret":"[REDACTED:keyed-secret]"}`); !bytes.Equal(got, want) {
		t.Fatalf("depth %d: secret not replaced structurally", maxJSONDepth)
	}
	for _, depth := range []int{maxJSONDepth + 1, 10000, 1 << 20} {
		in := nest(depth, `{"password":"hunter2"}`)
		got, err := r.JSON(in)
		if !errors.Is(err, ErrInvalidJSON) || !strings.Contains(err.Error(), "nesting") {
			t.Fatalf("depth %d: error %v, want a nesting error", depth, err)
		}
		if !bytes.Equal(got, r.Bytes(in)) || bytes.Contains(got, []byte("hunter2")) {
			t.Fatalf("depth %d: not the text redaction", depth)
		}
	}
	// Objects too, and unbalanced openers.
	deepObj := []byte(strings.Repeat(`{"a":`, 10000) + `"password=hunter2"` + strings.Repeat(`}`, 10000))
	if got, err := r.JSON(deepObj); !errors.Is(err, ErrInvalidJSON) || bytes.Contains(got, []byte("hunter2")) {
		t.Fatalf("deep objects: %v", err)
	}
	if _, err := r.JSON(bytes.Repeat([]byte(`[`), 1<<20)); !errors.Is(err, ErrInvalidJSON) {
		t.Fatalf("a million openers: %v", err)
	}
}

// Clean documents cost nothing but the walk: JSON returns its input.
func TestJSONCleanDocumentIsReturnedAsIs(t *testing.T) {
	r := Default()
	in := []byte(`{"id":8841,"status":"shipped","items":[{"sku":"A-1","qty":2,"price":19.99}],"token_type":"Bearer","expires_in":3600,"trace":"4bf92f3577b34da6a3ce929d0e0e4736"}`)
	got, err := r.JSON(in)
	if err != nil || &got[0] != &in[0] || len(got) != len(in) {
		t.Fatalf("JSON did not return its clean input: %s, %v", got, err)
	}
}

// The string scanner's eight-bytes-at-a-time path agrees with the JSON
// spec for every byte value at every offset: a control byte, a quote or a
// backslash anywhere in a long string is seen.
func TestJSONStringScanEveryByte(t *testing.T) {
	r := Default()
	for c := 0; c < 256; c++ {
		for at := 0; at < 17; at++ {
			body := []byte(`"abcdefghijklmnopq"`)
			body[1+at] = byte(c)
			_, err := r.JSON(body)
			if valid := json.Valid(body); valid != (err == nil) {
				t.Fatalf("byte %#x at %d: json.Valid %v, JSON error %v", c, at, valid, err)
			}
		}
	}
}
