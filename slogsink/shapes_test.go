package slogsink_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aegisagent/redactor/redact"
	"github.com/aegisagent/redactor/slogsink"
)

// Shapes a value takes that print differently in each sink: wrapper types
// whose printed form looks like a placeholder, errors that print fields or
// their own JSON, nested marshalers, cycles, and digits whose key is what
// makes them PII.

// secretBox hides its value in an unexported field: JSONHandler prints {},
// fmt prints {value}, which looks like a "{token}" placeholder.
type secretBox struct{ v string }

// apiError prints a clean message, but its fields hold the secret, and
// JSONHandler prints the fields of an error inside a struct.
type apiError struct {
	Code   int
	Detail string
}

func (e *apiError) Error() string { return "api error" }

// jsonError marshals itself: JSONHandler prints that, not Error().
type jsonError struct{ tok string }

func (jsonError) Error() string { return "unauthorized" }
func (e jsonError) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{"token": e.tok})
}

// maskedCred masks itself as text, but fmt (TextHandler, for a value
// inside a struct) does not know MarshalText and prints the fields.
type maskedCred struct{ User, Token string }

func (c maskedCred) MarshalText() ([]byte, error) { return []byte(c.User + ":***"), nil }

// envSecret is a zero value whose String reads the secret.
type envSecret struct{ _ int }

func (envSecret) String() string { return password }

func TestValueShapes(t *testing.T) {
	cases := []struct {
		name   string
		log    func(l *slog.Logger)
		secret string
		keep   string // a clean fragment of the JSON output
	}{
		{"wrapper under a secret key", func(l *slog.Logger) {
			l.Info("m", "api_key", secretBox{stripeKey}, "id", "x1")
		}, stripeKey, `"id":"x1"`},
		{"wrapper in With", func(l *slog.Logger) {
			l.With("token", secretBox{awsKey}).Info("m", "id", "x1")
		}, awsKey, `"id":"x1"`},
		{"wrapper field under a secret name", func(l *slog.Logger) {
			l.Info("m", "cfg", struct {
				Host   string
				APIKey secretBox
			}{"db1", secretBox{stripeKey}})
		}, stripeKey, `"Host":"db1"`},
		{"list that prints like a mask", func(l *slog.Logger) {
			l.Info("m", "password", []string{"HUNTERTWOXYZ"}, "id", "x1")
		}, "HUNTERTWOXYZ", `"id":"x1"`},
		{"zero value whose String is the secret", func(l *slog.Logger) {
			l.Info("m", "password", envSecret{}, "id", "x1")
		}, password, `"id":"x1"`},
		{"error field in a struct", func(l *slog.Logger) {
			l.Info("m", "r", struct{ Err error }{&apiError{401, stripeKey}})
		}, stripeKey, `"m"`},
		{"errors in a map", func(l *slog.Logger) {
			l.Info("m", "r", map[string]error{"a": &apiError{401, awsKey}})
		}, awsKey, `"m"`},
		{"error that marshals itself", func(l *slog.Logger) {
			l.Error("m", "err", jsonError{stripeKey})
		}, stripeKey, `"m"`},
		{"nested text marshaler", func(l *slog.Logger) {
			l.Info("m", "req", struct{ Cred maskedCred }{maskedCred{"bob", stripeKey}})
		}, stripeKey, `"m"`},
		{"password starting with $", func(l *slog.Logger) {
			l.Info("m", "password", "$uperSecret2024", "id", "x1")
		}, "$uperSecret2024", `"id":"x1"`},
		{"ssn by its key", func(l *slog.Logger) {
			l.Info("m", "ssn", "123456789", "order", "123456789")
		}, `"ssn":"123456789"`, `"order":"123456789"`},
		{"ssn field by its JSON name", func(l *slog.Logger) {
			l.Info("m", "u", struct {
				SSN string `json:"ssn"`
			}{"123456789"})
		}, "123456789", `"m"`},
		{"ssn in a map", func(l *slog.Logger) {
			l.Info("m", "u", map[string]string{"ssn": "123456789"})
		}, "123456789", `"m"`},
		{"pin and otp by their keys", func(l *slog.Logger) {
			l.Info("m", "pin", "4821", "otp", 592014, "port", 5432)
		}, "4821", `"port":5432`},
		{"a registry's auth by its key", func(l *slog.Logger) {
			l.Info("pull", "auth", "dXNlcjpwNHNzdzByZFNlY3JldA==", "method", "trust")
		}, "dXNlcjpwNHNzdzByZFNlY3JldA", `"method":"trust"`},
		{"otp as an integer", func(l *slog.Logger) {
			l.Info("m", "otp", 592014, "port", 5432)
		}, "592014", `"port":5432`},
		{"phone by its key", func(l *slog.Logger) {
			l.Info("m", "phone", "4158675309", "pid", 4158)
		}, "4158675309", `"pid":4158`},
	}
	for _, tc := range cases {
		inSinks(t, tc.name, tc.log, func(t *testing.T, sinkName, out string) {
			if strings.Contains(out, tc.secret) {
				t.Errorf("%q reached the sink:\n%s", tc.secret, out)
			}
			if sinkName == "json" && !strings.Contains(out, tc.keep) {
				t.Errorf("clean fragment %s missing from\n%s", tc.keep, out)
			}
		})
	}
}

// A cycle of pointers holds nothing, but following it never ends: the
// handler must stop, not overflow its stack.
func TestPointerCycle(t *testing.T) {
	var x any
	x = &x
	var buf bytes.Buffer
	l := slog.New(slogsink.NewHandler(jsonSink(&buf), redact.Default()))
	l.Info("m", "x", x, "after", "ok")
	l.Info("m", "password", x, "after", "ok")
	if n := strings.Count(buf.String(), `"after":"ok"`); n != 2 {
		t.Fatalf("want two records, got:\n%s", buf.String())
	}
}

// ledger is rebuilt as a group when a field is redacted; the group must
// leave out what encoding/json leaves out, as the struct would print.
type ledger struct {
	ID      int       `json:"id"`
	Note    string    `json:"note,omitempty"`
	Tags    []string  `json:",omitempty"`
	Parent  *ledger   `json:"parent,omitempty"`
	Since   time.Time `json:"since,omitzero"`
	Owner   stamp     `json:"owner,omitzero"`
	Hidden  string    `json:"-"`
	APIKey  string    `json:"api_key"`
	Visible string    `json:"visible,omitempty"`
}

// stamp is zero by its IsZero method, not by its fields.
type stamp struct{ By string }

func (s stamp) IsZero() bool { return s.By == "" || s.By == "nobody" }

func TestRebuiltStructLeavesOutLikeJSON(t *testing.T) {
	a := ledger{ID: 7, Owner: stamp{By: "nobody"}, Hidden: "h", APIKey: stripeKey, Visible: "yes"}
	var buf bytes.Buffer
	slog.New(slogsink.NewHandler(slog.NewJSONHandler(&buf, nil), redact.Default())).Info("m", "acct", a)
	var rec struct{ Acct map[string]any }
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, buf.String())
	}
	if strings.Contains(buf.String(), stripeKey) {
		t.Fatalf("secret leaked: %s", buf.String())
	}
	want := []string{"api_key", "id", "visible"}
	var got []string
	for k := range rec.Acct {
		got = append(got, k)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("keys %v, want %v (as encoding/json prints the struct): %s", got, want, buf.String())
	}
	// Set, the same fields are printed.
	a.Note, a.Tags, a.Parent, a.Since, a.Owner = "n", []string{"t"}, &ledger{ID: 1}, time.Unix(1, 0), stamp{By: "ann"}
	buf.Reset()
	slog.New(slogsink.NewHandler(slog.NewJSONHandler(&buf, nil), redact.Default())).Info("m", "acct", a)
	for _, k := range []string{`"note":"n"`, `"Tags":["t"]`, `"parent":{`, `"since":`, `"owner":{`} {
		if !strings.Contains(buf.String(), k) {
			t.Errorf("missing %s: %s", k, buf.String())
		}
	}
}
