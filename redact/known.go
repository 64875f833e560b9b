package redact

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"
)

// Known secret values: exact values the service holds (signing keys, DB
// passwords, vendor keys), masked wherever they appear, in raw form and in
// the encodings that carry them into logs and responses.

const knownSecretID = "known-secret"

// minKnownLen is the shortest value masked: shorter values ("admin",
// "1234") would match ordinary text everywhere.
const minKnownLen = 8

// EnvSecretNames is the platform's secret inventory, read by
// [WithEnvSecrets] when it is given no names. Any variable whose name ends
// in _DB_PASSWORD is read too, and of REDIS_URL only the AUTH part (the
// URL's password, or its user name when there is no password).
var EnvSecretNames = []string{
	"JWT_SECRET_KEY", "INTERNAL_SECRET", "INTERNAL_SECRET_PREVIOUS",
	"RECEIPT_SIGNING_PRIVATE_KEY", "ROOT_SIGNING_PRIVATE_KEY",
	"REDIS_URL", "GROQ_API_KEY", "SHODAN_API_KEY", "ABUSEIPDB_API_KEY",
}

// WithKnownSecrets masks these exact values (each at least 8 bytes) and
// their encoded forms: base64 in the standard and URL alphabets at all
// three byte alignments (so "user:<secret>" in a Basic header is caught
// too), URL query and path escaping, JSON string escaping, and lower- and
// upper-case hex. A multi-line value is also masked line by line. Matches
// are case-sensitive and need no word boundary: a known secret is masked
// wherever it occurs.
func WithKnownSecrets(values ...string) Option {
	return func(c *config) error {
		for _, v := range values {
			if len(v) < minKnownLen {
				return fmt.Errorf("redact: known secret of %d bytes is shorter than %d bytes", len(v), minKnownLen)
			}
			c.known = append(c.known, v)
		}
		return nil
	}
}

// WithEnvSecrets masks the values of these environment variables as
// [WithKnownSecrets] does, read once when the Redactor is built. With no
// names it reads [EnvSecretNames] and every *_DB_PASSWORD variable. Unset
// variables and values shorter than 8 bytes are skipped (a short value
// would match ordinary text); REDIS_URL contributes only its AUTH part.
func WithEnvSecrets(names ...string) Option {
	return func(c *config) error {
		if len(names) == 0 {
			names = append([]string(nil), EnvSecretNames...)
			for _, kv := range os.Environ() {
				if k, _, ok := strings.Cut(kv, "="); ok && strings.HasSuffix(k, "_DB_PASSWORD") {
					names = append(names, k)
				}
			}
		}
		for _, n := range names {
			v := os.Getenv(n)
			if strings.HasSuffix(n, "_URL") && strings.Contains(v, "://") {
				v = urlAuth(v)
			}
			if len(v) >= minKnownLen {
				c.known = append(c.known, v)
			}
		}
		return nil
	}
}

// urlAuth returns the AUTH part of a URL such as redis://:token@host.
func urlAuth(v string) string {
	u, err := url.Parse(v)
	if err != nil || u.User == nil {
		return ""
	}
	if p, ok := u.User.Password(); ok && p != "" {
		return p
	}
	return u.User.Username()
}

// knownVariant is one encoded form of a known secret.
type knownVariant struct {
	lit string
	b64 bool
}

func knownVariants(v string) []knownVariant {
	seen := map[string]bool{}
	var out []knownVariant
	addV := func(s string, b64 bool) {
		if len(s) < minKnownLen || seen[s] || strings.IndexByte(s, '\n') >= 0 {
			return
		}
		seen[s] = true
		out = append(out, knownVariant{s, b64})
	}
	if strings.IndexByte(v, '\n') < 0 {
		addV(v, false)
	} else {
		for _, line := range strings.Split(v, "\n") {
			line = strings.TrimRight(line, "\r")
			if strings.HasPrefix(line, "-----") {
				continue // a PEM BEGIN/END line is not secret
			}
			addV(line, false)
		}
	}
	b := []byte(v)
	for shift := 0; shift < 3; shift++ {
		in := append(make([]byte, shift), b...)
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
			full := enc.EncodeToString(in)
			// Characters that depend only on the secret's bits.
			from := (8*shift + 5) / 6
			to := (8 * (shift + len(b))) / 6
			addV(full[from:to], true)
		}
	}
	addV(hex.EncodeToString(b), false)
	addV(strings.ToUpper(hex.EncodeToString(b)), false)
	addV(url.QueryEscape(v), false)
	addV(url.PathEscape(v), false)
	var jb bytes.Buffer
	je := json.NewEncoder(&jb)
	je.SetEscapeHTML(false)
	if je.Encode(v) == nil {
		js := strings.TrimSuffix(jb.String(), "\n")
		addV(js[1:len(js)-1], false)
	}
	jh, _ := json.Marshal(v) // with HTML escaping (\u003c …), as encoding/json writes by default
	addV(string(jh[1:len(jh)-1]), false)
	return out
}

func knownSecretRules(values []string) ([]*rule, error) {
	var lits []knownVariant
	seen := map[string]bool{}
	for _, v := range values {
		for _, kv := range knownVariants(v) {
			if !seen[kv.lit] {
				seen[kv.lit] = true
				lits = append(lits, kv)
			}
		}
	}
	sort.Slice(lits, func(i, j int) bool { return lits[i].lit < lits[j].lit })
	out := make([]*rule, 0, len(lits))
	for _, kv := range lits {
		out = append(out, &rule{
			id: knownSecretID, kind: Secret, prio: prioKnown,
			desc:    "a value configured with WithKnownSecrets or WithEnvSecrets, raw or base64, hex, URL or JSON encoded",
			example: "(configured values)",
			anchors: []string{kv.lit}, lit: kv.lit, b64: kv.b64,
			back: 256, fwd: 256, validate: validateKnown,
		})
	}
	return out, nil
}

func validateKnown(s *scanner, w []byte, a, e int) {
	if string(w[a:e]) != s.cur.lit {
		return
	}
	st, end := a, e
	if s.cur.b64 {
		// The characters around the core mix secret bits with their
		// neighbours': take the whole base64 run.
		cl := uint16(cB64 | cB64URL)
		st = runBack(w, a, cl)
		end = runFwd(w, e, cl)
		for end < len(w) && w[end] == '=' {
			end++
		}
	}
	s.add(st, end, 0, 0)
}
