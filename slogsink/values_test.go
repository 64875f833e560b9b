package slogsink_test

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
)

// Planted secrets: each is caught by the default Redactor, by its key or
// by its shape. Tests assert none of them reaches a sink.
const (
	password  = "Tr0ub4dor-and-3-horses"
	jwt       = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
	awsKey    = "AKIAZ7Q3XK5JD2LMNP4T"
	stripeKey = "sk_live_51HxQz2KjR8vLmNpQ7sT4uVwXyZ"
	dsnPass   = "Xk9mP2qLwZv7"
	dsn       = "postgres://svc:" + dsnPass + "@10.0.0.5:5432/orders"
	email     = "bob.smith@example.com"
	card      = "4111 1111 1111 1111"
	apiKeyInt = 918273645
	cardInt   = 5500000000000004
)

var planted = []string{password, jwt, awsKey, stripeKey, dsnPass, email, card, "918273645", "5500000000000004"}

// credentials is a LogValuer that hides nothing itself: the handler must.
type credentials struct{ user, pass string }

func (c credentials) LogValue() slog.Value {
	return slog.GroupValue(slog.String("user", c.user), slog.String("password", c.pass))
}

// lazyDSN is a LogValuer resolving to a string with credentials.
type lazyDSN struct{}

func (lazyDSN) LogValue() slog.Value { return slog.StringValue(dsn) }

// endpoint is a Stringer whose text carries credentials.
type endpoint struct{ host string }

func (e endpoint) String() string { return "postgres://svc:" + dsnPass + "@" + e.host + "/orders" }

// opaque has only unexported fields; TextHandler prints them with %+v.
type opaque struct {
	name     string
	password string
}

// signupRequest is the struct a handler logs by mistake.
type signupRequest struct {
	User     string `json:"user"`
	Email    string `json:"email"`
	Password string `json:"password"`
	Pin      int    `json:"pin" redact:"true"`
	Referrer string `json:"referrer"`
	internal string
}

type account struct {
	ID     int
	Owner  *signupRequest
	Tokens []string
}

// node can form a cycle.
type node struct {
	Name     string
	Password string
	Next     *node
}

// recursive is a LogValuer whose value contains itself.
type recursive struct{}

func (r recursive) LogValue() slog.Value {
	return slog.GroupValue(slog.String("password", password), slog.Any("again", r))
}

// verbose formats itself: TextHandler prints %+v.
type verbose struct{}

func (verbose) Format(f fmt.State, _ rune) { fmt.Fprint(f, "conn "+dsn) }

// apiToken is a named string type: slog.Any keeps it as KindAny.
type apiToken string

// textID has MarshalText, which both built-in handlers print.
type textID struct{ v string }

func (t textID) MarshalText() ([]byte, error) { return []byte(t.v), nil }

// jsonBlob has MarshalJSON with a secret-named key inside.
type jsonBlob struct{}

func (jsonBlob) MarshalJSON() ([]byte, error) {
	return []byte(`{"service":"billing","client_secret":"` + password + `"}`), nil
}

// plantCase logs through l; the handler under test must keep every planted
// secret out of the output and keep keep, a fragment of clean output, as is.
type plantCase struct {
	name string
	log  func(l *slog.Logger)
	keep []string // JSON fragments that must be in the output unchanged
}

var plantCases = []plantCase{
	{"message built with Sprintf", func(l *slog.Logger) {
		l.Info(fmt.Sprintf("connecting to %s as %s", dsn, email), "attempt", 3)
	}, []string{`"attempt":3`}},
	{"card number as an integer", func(l *slog.Logger) {
		l.Info("charge", "card_number", cardInt, "amount_cents", 129900, "at_ms", int64(1732790400128))
	}, []string{`"amount_cents":129900`, `"at_ms":1732790400128`}},
	{"string attrs with token shapes", func(l *slog.Logger) {
		l.Info("call", "auth", "Bearer "+jwt, "aws", awsKey, "card", card, "route", "/v1/charge")
	}, []string{`"route":"/v1/charge"`}},
	{"secret keys of every kind", func(l *slog.Logger) {
		l.Info("cfg", "password", password, "apiKey", apiKeyInt, "X-Api-Key", stripeKey,
			"client_secret", slog.GroupValue(slog.String("v", password)), "token_type", "access", "max_tokens", 4096)
	}, []string{`"token_type":"access"`, `"max_tokens":4096`}},
	{"secret key in nested groups", func(l *slog.Logger) {
		l.Info("req", slog.Group("http", slog.Group("headers",
			slog.String("Authorization", "Basic "+password), slog.String("Accept", "application/json"))))
	}, []string{`"Accept":"application/json"`}},
	{"dotted group path", func(l *slog.Logger) {
		l.Info("db", slog.Group("db", slog.String("host", "10.0.0.5"), slog.String("password", password)))
	}, []string{`"host":"10.0.0.5"`}},
	{"With attrs", func(l *slog.Logger) {
		l.With("token", stripeKey, "service", "billing").Info("started")
	}, []string{`"service":"billing"`}},
	{"With inside WithGroup", func(l *slog.Logger) {
		l.WithGroup("db").With("password", password, "pool", 8).WithGroup("q").Info("slow", "sql", "select 1", "dsn", dsn)
	}, []string{`"pool":8`, `"sql":"select 1"`}},
	{"LogValuer resolving to a group", func(l *slog.Logger) {
		l.Info("auth", "login", credentials{"alice", password})
	}, []string{`"user":"alice"`}},
	{"LogValuer inside a group and in With", func(l *slog.Logger) {
		l.With("conn", lazyDSN{}).Info("x", slog.Group("g", slog.Any("dsn", lazyDSN{}), slog.Int("n", 1)))
	}, []string{`"n":1`}},
	{"errors", func(l *slog.Logger) {
		err := fmt.Errorf("query orders: %w", errors.New("dial "+dsn+": connection refused"))
		l.Error("failed", "err", err, "retry", true)
	}, []string{`"retry":true`}},
	{"Stringer", func(l *slog.Logger) {
		l.Info("connect", "endpoint", endpoint{"db.internal"})
	}, nil},
	{"byte slice", func(l *slog.Logger) {
		l.Info("body", "raw", []byte(`{"jwt":"`+jwt+`"}`), "clean", []byte("ok"))
	}, []string{`"clean":"b2s="`}},
	{"map with secret keys and values", func(l *slog.Logger) {
		l.Info("env", "env", map[string]any{"DB_PASSWORD": password, "NOTE": "mail " + email, "PORT": 5432})
	}, []string{`"PORT":5432`}},
	{"map with a secret in a key", func(l *slog.Logger) {
		l.Info("seen", "seen_by", map[string]int{stripeKey: 1, "anonymous": 2})
	}, nil},
	{"struct by value, pointer, nested, in a slice", func(l *slog.Logger) {
		req := signupRequest{User: "alice", Email: email, Password: password, Pin: 4321, Referrer: "ads", internal: awsKey}
		l.Info("signup", "req", req, "acct", &account{ID: 7, Owner: &req, Tokens: []string{jwt, "none"}},
			"batch", []signupRequest{req})
	}, []string{`"user":"alice"`, `"referrer":"ads"`, `"ID":7`}},
	{"struct with unexported secret", func(l *slog.Logger) {
		l.Info("opaque", "o", opaque{name: "x", password: password})
	}, nil},
	{"fmt.Formatter and a pointer under a secret key", func(l *slog.Logger) {
		pw := password
		l.Info("f", "v", verbose{}, "password", &pw)
	}, nil},
	{"named string type", func(l *slog.Logger) {
		l.Info("tok", "t", apiToken(stripeKey))
	}, nil},
	{"TextMarshaler and MarshalJSON", func(l *slog.Logger) {
		l.Info("m", "id", textID{awsKey}, "blob", jsonBlob{})
	}, nil},
	{"cycle", func(l *slog.Logger) {
		n := &node{Name: "a", Password: password}
		n.Next = n
		l.Info("cycle", "n", n)
	}, nil},
	{"LogValuer containing itself", func(l *slog.Logger) {
		l.Info("loop", "r", recursive{}, "after", "ok")
	}, []string{`"after":"ok"`}},
}

// leaked returns the planted secrets found in out.
func leaked(out string) []string {
	var found []string
	for _, s := range planted {
		if strings.Contains(out, s) {
			found = append(found, s)
		}
	}
	return found
}
