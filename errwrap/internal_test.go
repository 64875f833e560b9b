package errwrap

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aegisagent/redactor/redact"
)

func TestSanitizeURL(t *testing.T) {
	r := redact.Default()
	tests := []struct{ in, want string }{
		{"https://api.example.com/v1/items", "https://api.example.com/v1/items"},
		{"https://api.example.com/v1/items?page=2&token=abc", "https://api.example.com/v1/items?page=[REDACTED]&token=[REDACTED]"},
		{"https://user:pw@db.example.com:8443/x?k=v#frag", "https://db.example.com:8443/x?k=[REDACTED]"},
		{"https://example.com/cb?ghp_secretvalue", "https://example.com/cb?[REDACTED]"},
		{"https://example.com/x?a=1&&b=", "https://example.com/x?a=[REDACTED]&&b=[REDACTED]"},
		{"https://example.com/x?", "https://example.com/x?"},
		{"http://[::1]:80/p%20q?x=%zz", "http://[::1]:80/p%20q?x=[REDACTED]"},
		{"::not a url", "::not a url"},
		{"https://u:p@h.example/%zz?token=x#f", "https://h.example/%zz?token=[REDACTED]"},
		{"akka.tcp://system@host-7:55904", "akka.tcp://host-7:55904"},
		{"/relative/path?q=1", "/relative/path?q=[REDACTED]"},
		// A password with '/', '?' or '#' that was not escaped: the URL
		// does not parse, and its user information must still go.
		{"https://svc:Pw-x7k2-hunter2/x@api.example.com/v1?token=t", "https://api.example.com/v1?token=[REDACTED]"},
		{"https://svc:Pw-x7k2#hunter2@api.example.com/v1", "https://api.example.com/v1"},
		{"https://svc:Pw?x@api.example.com/", "https://api.example.com/"},
		{"https://svc:Pw-x7k2/hunter2", "https://svc/hunter2"},
		{"https://h.example:8443/u/@bob", "https://h.example:8443/u/@bob"},
	}
	for _, tc := range tests {
		if got := sanitizeURLString(r, tc.in); got != tc.want {
			t.Errorf("sanitizeURLString(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSanitizeURLsInText(t *testing.T) {
	r := redact.Default()
	tests := []struct{ in, want string }{
		{"no url here", "no url here"},
		{`Get "https://h.example/p?token=x": EOF`, `Get "https://h.example/p?token=[REDACTED]": EOF`},
		{"a http://a.example/?k=1 and ftp://b.example/f?p=2.", "a http://a.example/?k=[REDACTED] and ftp://b.example/f?p=[REDACTED]."},
		{"file system [hdfs://nn-41:9000]", "file system [hdfs://nn-41:9000]"},
		{"(see https://h.example/doc), then", "(see https://h.example/doc), then"},
		{"GET https://h.example/x?ids=1,2,secret3 done", "GET https://h.example/x?ids=[REDACTED] done"},
		{"dial http://[::1]:8080/p?q=1: refused", "dial http://[::1]:8080/p?q=[REDACTED]: refused"},
		{"weird ://nohost?x=1", "weird ://nohost?x=1"},
	}
	for _, tc := range tests {
		if got := sanitizeURLsInText(r, tc.in); got != tc.want {
			t.Errorf("sanitizeURLsInText(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestMaskText(t *testing.T) {
	r := redact.Default()
	tests := []struct {
		name, in, want string
		db             bool
	}{
		{"pg unique, PII-shaped", "Key (email)=(alice@example.com) already exists.", "Key (email)=([REDACTED:email]) already exists.", true},
		{"pg unique, plain value", "Key (username)=(alice) already exists.", "Key (username)=([REDACTED:keyed-secret]) already exists.", true},
		{"pg composite key", "Key (org_id, name)=(42, alice) already exists.", "Key (org_id, name)=([REDACTED:keyed-secret], [REDACTED:keyed-secret]) already exists.", true},
		{"pg value with parens", "Key (note)=(a) b (c) already exists.", "Key (note)=([REDACTED:keyed-secret]) already exists.", true},
		{"pg failing row keeps nulls", "Failing row contains (7, null, bob).", "Failing row contains ([REDACTED:keyed-secret], null, [REDACTED:keyed-secret]).", true},
		{"pg invalid input", `invalid input syntax for type integer: "abc"`, `invalid input syntax for type integer: "[REDACTED:keyed-secret]"`, true},
		{"pg out of range", `value "99999999999" is out of range for type integer`, `value "[REDACTED:value]" is out of range for type integer`, true},
		{"pg json where", "JSON data, line 1: {\"a\": hun...\nnext", "JSON data, line 1: [REDACTED:value]\nnext", true},
		{"pg portal parameter", "unnamed portal parameter $1 = 'hunter2'", "unnamed portal parameter $1 = '[REDACTED:keyed-secret]'", true},
		{"pg portal parameter elided", "unnamed portal parameter $1 = '...'", "unnamed portal parameter $1 = '...'", true},
		{"pg json token", `Token "hunter2" is invalid.`, `Token "[REDACTED:keyed-secret]" is invalid.`, true},
		{"mysql duplicate", "Duplicate entry 'bob' for key 'users.name'", "Duplicate entry '[REDACTED:keyed-secret]' for key 'users.name'", true},
		{"mysql duplicate with quote in value", "Duplicate entry 'o'brien' for key 'name'", "Duplicate entry '[REDACTED:keyed-secret]' for key 'name'", true},
		{"mysql incorrect value", "Incorrect integer value: 'abc' for column `t`.`n` at row 1", "Incorrect integer value: '[REDACTED:keyed-secret]' for column `t`.`n` at row 1", true},
		{"mysql truncated", "Truncated incorrect DOUBLE value: 'x1'", "Truncated incorrect DOUBLE value: '[REDACTED:keyed-secret]'", true},
		{"database/sql convert", `converting driver.Value type string ("abc") to a int: invalid syntax`, `converting driver.Value type string ("[REDACTED:keyed-secret]") to a int: invalid syntax`, false},
		{"pgx encode", `unable to encode "abc" into binary format for int4 (OID 23)`, `unable to encode [REDACTED:keyed-secret] into binary format for int4 (OID 23)`, false},
		{"no shape left alone", `relation "users" does not exist`, `relation "users" does not exist`, true},
		{"pg value over lines", "Key (plain)=(line1\nSECRET\nline3) already exists.", "Key (plain)=([REDACTED:keyed-secret]) already exists.", true},
		{"pg parameter over lines", "unnamed portal parameter $1 = 'line1\nSECRET'", "unnamed portal parameter $1 = '[REDACTED:keyed-secret]'", true},
		{"mysql duplicate over lines", "Duplicate entry 'line1\nSECRET' for key 'plain'", "Duplicate entry '[REDACTED:keyed-secret]' for key 'plain'", true},
		{"pg syntax error literal", `syntax error at or near "'Pw-x7k2-hunter2'"`, `syntax error at or near "[REDACTED:keyed-secret]"`, true},
		{"pg unterminated literal", `unterminated quoted string at or near "'Pw-x7k2-hunter2`, `unterminated quoted string at or near "[REDACTED:keyed-secret]`, true},
		{"pg literal read as a column", `column "Pw-x7k2-hunter2" does not exist`, `column "[REDACTED:keyed-secret]" does not exist`, true},
		{"mysql syntax near", "You have an error in your SQL syntax; check the manual for the right syntax to use near 'zqsecret' at line 1", "You have an error in your SQL syntax; check the manual for the right syntax to use near '[REDACTED:keyed-secret]' at line 1", true},
		{"mysql unknown column", "Unknown column 'zqsecret' in 'field list'", "Unknown column '[REDACTED:keyed-secret]' in 'field list'", true},
		{"mysql out of range in", "BIGINT UNSIGNED value is out of range in '(1 - char_length('zqsecret'))'", "BIGINT UNSIGNED value is out of range in '[REDACTED:keyed-secret]'", true},
		{"database/sql bool convert", `sql/driver: couldn't convert "zqplain" into type bool`, `sql/driver: couldn't convert "[REDACTED:keyed-secret]" into type bool`, false},
		{"json string tag", `json: invalid use of ,string struct tag, trying to unmarshal "Pw-x7k2" into int`, `json: invalid use of ,string struct tag, trying to unmarshal "[REDACTED:keyed-secret]" into int`, false},
		{"url invalid port", `parse "https://svc:Pw-x7k2/x@h": invalid port ":Pw-x7k2" after host`, `parse "https://h": invalid port "[REDACTED:keyed-secret]" after host`, false},
		{"validator map keys", "Key: 'T.secrets[zqsecret9]' Error:Field validation for 'secrets[zqsecret9]' failed on the 'alpha' tag\nKey: 'T.tags[0]' Error:Field validation for 'tags[0]' failed on the 'alpha' tag",
			"Key: 'T.secrets[*]' Error:Field validation for 'secrets[*]' failed on the 'alpha' tag\nKey: 'T.tags[0]' Error:Field validation for 'tags[0]' failed on the 'alpha' tag", false},
		{"each line on its own", "Key (a)=(x) y\nKey (b)=(z) w", "Key (a)=([REDACTED:keyed-secret]) y\nKey (b)=([REDACTED:keyed-secret]) w", true},
		{"unclosed shape", "Key (a)=(x", "Key (a)=(x", true},
		{"empty", "", "", false},
		{"db shapes ignored outside db text", `opts=(null) when=x from=(null)/(null) (m #1)`, `opts=(null) when=x from=(null)/(null) (m #1)`, false},
		{"quoted value ignored outside db text", `fetch ended for URL: "https://h.example/a"`, `fetch ended for URL: "https://h.example/a"`, false},
		{"go shapes apply everywhere", `parsing "abc": invalid syntax`, `parsing "[REDACTED:keyed-secret]": invalid syntax`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := maskText(r, tc.in, tc.db); got != tc.want {
				t.Errorf("maskText(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestMaskOneFailsClosed(t *testing.T) {
	noKeyed, err := redact.New(redact.DisableRules("keyed-secret"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		r        *redact.Redactor
		in, want string
	}{
		{redact.Default(), "hunter2", "[REDACTED:keyed-secret]"},
		{redact.Default(), "[REDACTED:email]", "[REDACTED:email]"},
		{redact.Default(), "null", "null"},
		{redact.Default(), "99999999999999999999", maskedValue},
		{noKeyed, "hunter2", maskedValue},
		{redact.Default(), "[REDACTED:email] and more", maskedValue},
	}
	for _, tc := range tests {
		if got := maskOne(tc.r, tc.in); got != tc.want {
			t.Errorf("maskOne(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestClassTables(t *testing.T) {
	sqlstate := []struct {
		code string
		want Class
	}{
		{"23505", ClassUniqueViolation}, {"23502", ClassNotNullViolation}, {"23503", ClassForeignKeyViolation},
		{"23514", ClassCheckViolation}, {"23P01", ClassIntegrityConstraintViolation}, {"22P02", ClassInvalidTextRepresentation},
		{"22001", ClassStringDataRightTruncation}, {"22012", ClassDataException}, {"40001", ClassSerializationFailure},
		{"40P01", ClassDeadlockDetected}, {"57014", ClassQueryCanceled}, {"08006", ClassConnectionException},
		{"42P01", ClassSyntaxOrAccess}, {"42501", ClassSyntaxOrAccess}, {"53300", ClassInsufficientResources},
		{"XX000", ClassDatabaseError}, {"", ClassDatabaseError}, {"2350", ClassDatabaseError},
	}
	for _, tc := range sqlstate {
		if got := ClassForSQLState(tc.code); got != tc.want {
			t.Errorf("ClassForSQLState(%q) = %s, want %s", tc.code, got, tc.want)
		}
	}
	mysql := []struct {
		n     int
		state string
		want  Class
	}{
		{1062, "23000", ClassUniqueViolation}, {1048, "23000", ClassNotNullViolation}, {1452, "23000", ClassForeignKeyViolation},
		{1451, "23000", ClassForeignKeyViolation}, {1366, "22007", ClassInvalidTextRepresentation}, {1292, "22007", ClassInvalidTextRepresentation},
		{1406, "22001", ClassStringDataRightTruncation}, {1213, "40001", ClassDeadlockDetected}, {1205, "HY000", ClassLockTimeout},
		{9999, "23000", ClassIntegrityConstraintViolation}, {9999, "", ClassDatabaseError},
	}
	for _, tc := range mysql {
		if got := ClassForMySQL(tc.n, tc.state); got != tc.want {
			t.Errorf("ClassForMySQL(%d, %q) = %s, want %s", tc.n, tc.state, got, tc.want)
		}
	}
	statuses := map[Class]int{
		ClassUniqueViolation: 409, ClassNotFound: 404, ClassValidationFailed: 422, ClassInvalidInput: 400,
		ClassUpstreamTimeout: 504, ClassUpstreamStatus: 502, ClassInternal: 500, Class("no_such_class"): 500,
	}
	for c, want := range statuses {
		if got := c.Status(); got != want {
			t.Errorf("%s.Status() = %d, want %d", c, got, want)
		}
	}
	for c, in := range classes {
		if in.status == 0 || in.title == "" || in.message == "" {
			t.Errorf("class %s has an incomplete table row: %+v", c, in)
		}
	}
}

func TestUnknownErrorIsInternalWithoutText(t *testing.T) {
	orig := errors.New("open /srv/keys/alice@example.com.pem: permission denied")
	err := Wrap(orig)
	want := "internal: the server could not complete the request"
	for _, verb := range []string{"%v", "%s", "%+v", "%q", "%#v", "%x", "%d"} {
		got := fmt.Sprintf(verb, err)
		if got == "" || strings.Contains(got, "alice") || strings.Contains(got, "/srv") {
			t.Errorf("%s = %q", verb, got)
		}
	}
	if err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
	if got := fmt.Sprintf("%#v", err); got != `&errwrap.Error{Class:"internal", Status:500}` {
		t.Errorf("%%#v = %s", got)
	}
	if !errors.Is(err, orig) {
		t.Error("errors.Is lost the original")
	}
	if Wrap(nil) != nil {
		t.Error("Wrap(nil) != nil")
	}
	if Wrap(err) != err {
		t.Error("wrapping an *Error again should return it unchanged")
	}
}

// dbTextError stands for a MySQL error seen without the mysqlerr adapter.
type dbTextError string

func (e dbTextError) Error() string { return string(e) }

func TestMySQLTextWithoutAdapterIsMasked(t *testing.T) {
	err := Wrap(fmt.Errorf("insert: %w", dbTextError("Error 1062 (23000): Duplicate entry 'alice' for key 'users.name'")))
	var we *Error
	if !errors.As(err, &we) || we.Class() != ClassInternal {
		t.Fatalf("Wrap = %v", err)
	}
	got := operatorText(we.red, we.orig, we.db)
	want := "insert: Error 1062 (23000): Duplicate entry '[REDACTED:keyed-secret]' for key 'users.name'"
	if got != want {
		t.Errorf("operator text = %q, want %q", got, want)
	}
	for _, s := range []string{"Error 1062: x", "x Error 1205 (HY000): y"} {
		if !looksLikeMySQL(s) {
			t.Errorf("looksLikeMySQL(%q) = false", s)
		}
	}
	for _, s := range []string{"Error 12: x", "Error: 1062", "no error", "Error 1062"} {
		if looksLikeMySQL(s) {
			t.Errorf("looksLikeMySQL(%q) = true", s)
		}
	}
}

// Without an adapter, a driver error is classified through its SQLState
// method (pgconn.PgError and pq.Error both have one) and its text still
// gets the database masks.
func TestSQLStateWithoutAdapter(t *testing.T) {
	orig := &dbLikeError{"22P02", `ERROR: invalid input syntax for type integer: "hunter2" (SQLSTATE 22P02)`}
	err := Wrap(orig)
	var we *Error
	if !errors.As(err, &we) || we.Class() != ClassInvalidTextRepresentation || we.Status() != 422 {
		t.Fatalf("Wrap = %v", err)
	}
	if we.facts != nil {
		t.Fatal("an adapter claimed a test double")
	}
	got := operatorText(we.red, we.orig, we.db)
	if want := `ERROR: invalid input syntax for type integer: "[REDACTED:keyed-secret]" (SQLSTATE 22P02)`; got != want {
		t.Errorf("operator text = %q, want %q", got, want)
	}
}

// stubAdapter claims errors carrying a marker, to show WithAdapters runs
// before the registered adapters and the built-in rules.
type stubAdapter struct{ marker error }

func (s stubAdapter) Adapt(err error) (Facts, bool) {
	if errors.Is(err, s.marker) {
		return Facts{SQLState: "40001", Detail: "Key (id)=(7) conflicts with existing key"}, true
	}
	return Facts{}, false
}

func TestOptions(t *testing.T) {
	marker := errors.New("marker")
	known, err := redact.New(redact.WithKnownSecrets("s3cr3t-value"))
	if err != nil {
		t.Fatal(err)
	}
	orig := fmt.Errorf("%w: %w with s3cr3t-value", marker, errors.New("inner"))
	e := wrap(orig, newConfig([]Option{WithAdapters(stubAdapter{marker}), WithRedactor(known)}))
	if e.Class() != ClassSerializationFailure || e.Status() != 503 {
		t.Errorf("class, status = %s, %d; the explicit adapter was not used", e.Class(), e.Status())
	}
	cause := operatorText(e.red, e.orig, e.db)
	if strings.Contains(cause, "s3cr3t-value") || !strings.Contains(cause, "[REDACTED:") {
		t.Errorf("WithRedactor not used for the operator view: %q", cause)
	}
	if got := maskText(e.red, e.facts.Detail, true); got != "Key (id)=([REDACTED:keyed-secret]) conflicts with existing key" {
		t.Errorf("detail = %q", got)
	}
}

func TestStandardErrorClasses(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want Class
	}{
		{"deadline", fmt.Errorf("query: %w", context.DeadlineExceeded), ClassTimeout},
		{"canceled", fmt.Errorf("query: %w", context.Canceled), ClassCanceled},
		{"no rows", fmt.Errorf("get: %w", sql.ErrNoRows), ClassNotFound},
		{"tx done", sql.ErrTxDone, ClassTxDone},
		{"conn done", sql.ErrConnDone, ClassConnectionException},
		{"bad conn", driver.ErrBadConn, ClassConnectionException},
		// A dial with no HTTP request around it is a driver's (lib/pq,
		// go-sql-driver/mysql, a cache client); through net/http it is
		// an upstream's (see httpclient_test.go).
		{"dial", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}, ClassConnectionException},
		{"dial through a proxy", &url.Error{Op: "Get", URL: "http://x/", Err: &net.OpError{Op: "proxyconnect", Net: "tcp", Err: errors.New("connection refused")}}, ClassUpstreamUnavailable},
		{"rewrapped", fmt.Errorf("get user: %w", Wrap(sql.ErrNoRows)), ClassNotFound},
		{"rewrapped deadline", fmt.Errorf("get user: %w", Wrap(fmt.Errorf("q: %w", context.DeadlineExceeded))), ClassTimeout},
		{"body cut short", fmt.Errorf("decode: %w", io.ErrUnexpectedEOF), ClassMalformedBody},
		{"string tag", errors.New(`json: invalid use of ,string struct tag, trying to unmarshal "x" into int`), ClassInvalidInput},
		{"scan", errors.New(`sql: Scan error on column index 0, name "n": converting driver.Value type string ("x") to a int: invalid syntax`), ClassScanError},
		{"max bytes", &http.MaxBytesError{Limit: 10}, ClassBodyTooLarge},
		{"plain", errors.New("boom"), ClassInternal},
	}
	for _, tc := range tests {
		if got := wrap(tc.err, newConfig(nil)).Class(); got != tc.want {
			t.Errorf("%s: class = %s, want %s", tc.name, got, tc.want)
		}
	}
}

// A URL that does not parse still loses its user information in every
// client-visible form of the error.
func TestUnparsedURLUserinfo(t *testing.T) {
	for _, raw := range []string{
		"https://svc:Pw-x7k2-hunter2/x@api.example.com/v1?token=t",
		"https://svc:Pw-x7k2#hunter2@api.example.com/v1",
	} {
		_, perr := url.Parse(raw)
		if perr == nil {
			t.Fatalf("%s parsed", raw)
		}
		e := Wrap(fmt.Errorf("call: %w", perr)).(*Error)
		b, _ := json.Marshal(e)
		for _, out := range []string{e.Error(), fmt.Sprintf("%v|%+v|%#v|%q|%s", e, e, e, e, e), string(b), e.URL()} {
			if strings.Contains(out, "Pw-x7k2") || strings.Contains(out, "hunter2") {
				t.Errorf("%s: the password is in %q", raw, out)
			}
		}
	}
}

type nilDeref struct{ msg string }

func (e *nilDeref) Error() string { return e.msg }

// A typed nil whose Error dereferences its receiver is an error nobody
// knows: internal, and no panic, in any form.
func TestTypedNilError(t *testing.T) {
	var p *nilDeref
	e := Wrap(p).(*Error)
	if e.Class() != ClassInternal {
		t.Errorf("class %s", e.Class())
	}
	_ = e.Error()
	_ = fmt.Sprintf("%v %+v", e, e)
	if got := operatorText(e.red, e.orig, e.db); got != panickedText {
		t.Errorf("operator text %q", got)
	}
}
