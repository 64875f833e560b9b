package errwrap_test

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aegisagent/redactor/errwrap"
)

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// canaries are planted values, fresh for every run so a pass cannot come
// from a value that happens to be absent.
type canaries struct {
	Email, Token, Password string
}

func newCanaries(t testing.TB) canaries {
	t.Helper()
	var raw [30]byte
	rand.Read(raw[:])
	body := make([]byte, 30, 36)
	for i, b := range raw {
		body[i] = base62[int(b)%62]
	}
	sum := crc32.ChecksumIEEE(body)
	var enc [6]byte
	for i := 5; i >= 0; i-- {
		enc[i] = base62[sum%62]
		sum /= 62
	}
	body = append(body, enc[:]...)
	suffix := strings.ToLower(string(body[:8]))
	return canaries{
		Email:    "canary." + suffix + "@example.com",
		Token:    "ghp_" + string(body),
		Password: "Pw-" + suffix + "-hunter2",
	}
}

func (c canaries) all() []string { return []string{c.Email, c.Token, c.Password} }

// clientForms renders every client-facing form of a wrapped error: Error,
// each fmt verb, json.Marshal and the problem response body.
func clientForms(t testing.TB, err error) map[string]string {
	t.Helper()
	forms := map[string]string{"Error()": err.Error()}
	for _, verb := range []string{"%v", "%+v", "%#v", "%q", "%s", "%x"} {
		forms[verb] = fmt.Sprintf(verb, err)
	}
	js, jerr := json.Marshal(err)
	if jerr != nil {
		t.Fatalf("json.Marshal: %v", jerr)
	}
	forms["json"] = string(js)
	rec := httptest.NewRecorder()
	errwrap.Write(rec, httptest.NewRequest("POST", "/users", nil), err)
	forms["problem"] = rec.Body.String()
	return forms
}

// operatorLog is the slog JSON line for err logged as an attribute.
func operatorLog(err error) string {
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Error("request failed", "err", err)
	return buf.String()
}

// assertNoCanary fails if any planted value appears in any client form or,
// raw, in the operator log. It returns the log for further checks.
func assertNoCanary(t *testing.T, wrapped error, planted ...string) string {
	t.Helper()
	for name, s := range clientForms(t, wrapped) {
		for _, p := range planted {
			if p != "" && strings.Contains(s, p) {
				t.Errorf("%s leaks planted %q: %s", name, p, s)
			}
		}
	}
	log := operatorLog(wrapped)
	for _, p := range planted {
		if p != "" && strings.Contains(log, p) {
			t.Errorf("operator log leaks planted %q: %s", p, log)
		}
	}
	return log
}
