package redact

import (
	"encoding/base64"
	"strings"
	"testing"
)

func stdB64(s string) string    { return base64.StdEncoding.EncodeToString([]byte(s)) }
func rawURLB64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// Test JWTs, built from readable JSON so the rows say what they hold.
var (
	testJWT      = rawURLB64(`{"alg":"HS256","typ":"JWT"}`) + "." + rawURLB64(`{"sub":"u-1","exp":1890000000}`) + ".Q3Jv_bWtVx-8mTz1nHs0pLkqEeYwR4aDfGiJoUcZb9s"
	testJWTNone  = rawURLB64(`{"alg":"none"}`) + "." + rawURLB64(`{"sub":"u-1"}`) + "."
	testJWE      = rawURLB64(`{"alg":"RSA-OAEP","enc":"A256GCM"}`) + "." + rawURLB64("wrapped content key, 32 bytes") + "." + rawURLB64("iv-12-bytes!") + "." + rawURLB64("ciphertext of the claims, any length") + "." + rawURLB64("16-byte tag ....")
	testNoAlgJWT = rawURLB64(`{"typ":"JWT","kid":"k1"}`) + "." + rawURLB64(`{"sub":"u-1"}`) + ".c2lnbmF0dXJlLWJ5dGVz"
)

const testPEMBody = "MIIEowIBAAKCAQEA3vX9n2Yq8Lw4Jt0cRk1mZpH7sUe5bDfQa6Tg\nc2V0dGVyLWtleS1ub3QtcmVhbC1qdXN0LXRlc3QtZGF0YS1mb3I=\n"

func pemBlock(label, body string) string {
	return "-----BEGIN " + label + "-----\n" + body + "-----END " + label + "-----"
}

// prefixLines puts pfx before every line of s.
func prefixLines(pfx, s string) string {
	return pfx + strings.ReplaceAll(s, "\n", "\n"+pfx)
}

func pemBlockRedacted(label string) string {
	return "-----BEGIN " + label + "-----\n[REDACTED:private-key]\n-----END " + label + "-----"
}

var bearerRows = []kvRow{
	{"header", "Authorization: Bearer 9f8e7d6c5b4a39281706", "Authorization: Bearer [REDACTED:bearer-token]"},
	{"lower case", "authorization: bearer 9f8e7d6c5b4a39281706", "authorization: bearer [REDACTED:bearer-token]"},
	{"curl", `curl -H "Authorization: Bearer ab12.cd34-ef56_gh78" https://x`, `curl -H "Authorization: Bearer [REDACTED:bearer-token]" https://x`},
	{"in prose", "retrying with Bearer 9f8e7d6c5b4a39281706 after 401", "retrying with Bearer [REDACTED:bearer-token] after 401"},
	{"token68 padding", "Authorization: Bearer YWJjZGVmZ2hpams=", "Authorization: Bearer [REDACTED:bearer-token]"},
	{"token68 padding in quotes", `h="Authorization: Bearer YWJjZGVmZ2hpams="`, `h="Authorization: Bearer [REDACTED:bearer-token]"`},
	{"sentence end", "sent Bearer 9f8e7d6c5b4a39281706.", "sent Bearer [REDACTED:bearer-token]."},
	{"JWT bearer", "Authorization: Bearer " + testJWT, "Authorization: Bearer [REDACTED:bearer-token]"},
	// Near misses.
	{"prose bearer token", "use a bearer token for this API", "use a bearer token for this API"},
	{"prose bearer authentication", "Bearer authentication is required", "Bearer authentication is required"},
	{"WWW-Authenticate realm", `WWW-Authenticate: Bearer realm="api"`, `WWW-Authenticate: Bearer realm="api"`},
	{"WWW-Authenticate params", `WWW-Authenticate: Bearer realm="example", error="invalid_token", error_description="The access token expired"`, `WWW-Authenticate: Bearer realm="example", error="invalid_token", error_description="The access token expired"`},
	{"WWW-Authenticate authorization_uri", `WWW-Authenticate: Bearer authorization_uri="https://login.example.com/common", resource_metadata="https://x/.well-known"`, `WWW-Authenticate: Bearer authorization_uri="https://login.example.com/common", resource_metadata="https://x/.well-known"`},
	{"placeholder var", "Authorization: Bearer ${TOKEN}", "Authorization: Bearer ${TOKEN}"},
	{"placeholder shell", "Authorization: Bearer $TOKEN", "Authorization: Bearer $TOKEN"},
	{"placeholder angle", "Authorization: Bearer <token>", "Authorization: Bearer <token>"},
	{"placeholder your", "Authorization: Bearer YOUR_ACCESS_TOKEN", "Authorization: Bearer YOUR_ACCESS_TOKEN"},
	{"placeholder x", "Authorization: Bearer xxxxxxxxxxxxxxxx", "Authorization: Bearer xxxxxxxxxxxxxxxx"},
	{"placeholder stars", "Authorization: Bearer ****************", "Authorization: Bearer ****************"},
	{"already redacted", "Authorization: Bearer [REDACTED:bearer-token]", "Authorization: Bearer [REDACTED:bearer-token]"},
	{"word before", "Xbearer 9f8e7d6c5b4a39281706", "Xbearer 9f8e7d6c5b4a39281706"},
	{"no space", "Bearer:9f8e7d6c5b4a39281706", "Bearer:9f8e7d6c5b4a39281706"},
	{"token_type", `{"token_type":"Bearer","expires_in":3600}`, `{"token_type":"Bearer","expires_in":3600}`},
	{"logfmt token_type", "token_type=Bearer expires_in=3600 max_tokens=1024", "token_type=Bearer expires_in=3600 max_tokens=1024"},
	{"auth-param without quotes", "WWW-Authenticate: Bearer error=invalid_token", "WWW-Authenticate: Bearer error=invalid_token"},
}

var basicRows = []kvRow{
	{"header", "Authorization: Basic dXNlcjpwYXNz", "Authorization: Basic [REDACTED:basic-auth]"},
	{"symbols", "Authorization: Basic " + stdB64("admin:s3cr3t!@#"), "Authorization: Basic [REDACTED:basic-auth]"},
	{"no padding", "Authorization: Basic " + strings.TrimRight(stdB64("admin:pw"), "="), "Authorization: Basic [REDACTED:basic-auth]"},
	{"empty password", "Authorization: Basic " + stdB64("token123:"), "Authorization: Basic [REDACTED:basic-auth]"},
	{"in quotes", `-H 'Authorization: Basic ` + stdB64("bob:hunter2") + `'`, `-H 'Authorization: Basic [REDACTED:basic-auth]'`},
	{"utf-8 password", "Basic " + stdB64("jörg:pässwörd"), "Basic [REDACTED:basic-auth]"},
	// The run goes on into an address (found by FuzzBytes): no base64, so
	// kept, and a second pass must not find it glued to the placeholder.
	{"run into an address", "00 BAsiC X000X000Om0=0%400.AA", "00 BAsiC X000X000Om0=[REDACTED:email]"},
	{"run into an address after a full stop", "BAsiC X000X000Om0=.0%400.AA", "BAsiC X000X000Om0=.[REDACTED:email]"},
	// Near misses: no colon, not base64, prose.
	{"no colon", "Basic " + stdB64("foobarbaz"), "Basic " + stdB64("foobarbaz")},
	{"binary", "Basic AAECAwQFBgc6CAkK", "Basic AAECAwQFBgc6CAkK"},
	{"prose", "Basic authentication failed for user bob", "Basic authentication failed for user bob"},
	{"prose short", "Basic auth is disabled", "Basic auth is disabled"},
	{"word before", "IsBasic " + stdB64("user:pass"), "IsBasic " + stdB64("user:pass")},
	{"placeholder", "Authorization: Basic <credentials>", "Authorization: Basic <credentials>"},
}

var jwtRows = []kvRow{
	{"bare", "jwt=" + testJWT, "jwt=[REDACTED:jwt]"},
	{"in prose", "got " + testJWT + " from idp", "got [REDACTED:jwt] from idp"},
	{"alg none, empty signature", "t " + testJWTNone + " x", "t [REDACTED:jwt] x"},
	{"JWE five parts", "enc " + testJWE + " end", "enc [REDACTED:jwt] end"},
	{"query id_token", "cb?id_token=" + testJWT + "&state=af0ifjsldkj", "cb?id_token=[REDACTED:jwt]&state=af0ifjsldkj"},
	{"JSON", `{"access_token":"` + testJWT + `","token_type":"Bearer"}`, `{"access_token":"[REDACTED:jwt]","token_type":"Bearer"}`},
	{"after a JSON \\n", `msg="pasted:\n` + testJWT + `\nin chat"`, `msg="pasted:\n[REDACTED:jwt]\nin chat"`},
	{"after \\u0022", `{\u0022t\u0022:\u0022` + testJWT + `\u0022}`, `{\u0022t\u0022:\u0022[REDACTED:jwt]\u0022}`},
	{"after %22", "q=%22" + testJWT + "%22&p=1", "q=%22[REDACTED:jwt]%22&p=1"},
	{"after %3A%22", "body=%7B%22t%22%3A%22" + testJWT + "%22%7D", "body=%7B%22t%22%3A%22[REDACTED:jwt]%22%7D"},
	{"after a colour code", "token \x1b[36m" + testJWT + "\x1b[0m", "token \x1b[36m[REDACTED:jwt]\x1b[0m"},
	// Near misses.
	{"after \\\\n (JSON in a JSON string)", `{"body":"{\"msg\":\"a\\n` + testJWT + `\"}"}`, `{"body":"{\"msg\":\"a\\n[REDACTED:jwt]\"}"}`},
	{"after %2522 (encoded twice)", "q=%2522" + testJWT + "%2522", "q=%2522[REDACTED:jwt]%2522"},
	{"eyJ after a percent sign that is no code", "50%x" + testJWT, "50%x" + testJWT},
	{"header without alg", "t " + testNoAlgJWT, "t " + testNoAlgJWT},
	{"header only", "t " + rawURLB64(`{"alg":"HS256"}`) + " x", "t " + rawURLB64(`{"alg":"HS256"}`) + " x"},
	{"header and dot", "t " + rawURLB64(`{"alg":"HS256"}`) + ". x", "t " + rawURLB64(`{"alg":"HS256"}`) + ". x"},
	{"base64 JSON not a JWT", "data=" + rawURLB64(`{"a":1,"b":[1,2,3]}`), "data=" + rawURLB64(`{"a":1,"b":[1,2,3]}`)},
	{"eyJ inside a word", "xeyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc", "xeyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc"},
	{"prose", "eyJ is how base64 JSON starts", "eyJ is how base64 JSON starts"},
}

var pemRows = []kvRow{
	{"encrypted, folded onto one line with spaces", `{"tls.key": "-----BEGIN RSA PRIVATE KEY----- Proc-Type: 4,ENCRYPTED DEK-Info: AES-128-CBC,B8FD3CE1B2C55AD6F3E072F0A9FAE2E2  MIICXQIBAIC8WobFLSnzuLrwex5BQ0cXwGjjtY7GdWsHC9nhhoZsc05JTQ2zIkEn fLyS1KJ9W4ZRXojvI9lkguJh4dIJF7Ts91iawFEsIlHF2lY0EmE7Jflk06pJNqcJ -----END RSA PRIVATE KEY-----"}`,
		`{"tls.key": "-----BEGIN RSA PRIVATE KEY----- [REDACTED:private-key] -----END RSA PRIVATE KEY-----"}`},
	{"RSA", pemBlock("RSA PRIVATE KEY", testPEMBody), pemBlockRedacted("RSA PRIVATE KEY")},
	{"EC", pemBlock("EC PRIVATE KEY", testPEMBody), pemBlockRedacted("EC PRIVATE KEY")},
	{"DSA", pemBlock("DSA PRIVATE KEY", testPEMBody), pemBlockRedacted("DSA PRIVATE KEY")},
	{"OPENSSH", pemBlock("OPENSSH PRIVATE KEY", testPEMBody), pemBlockRedacted("OPENSSH PRIVATE KEY")},
	{"PKCS#8", pemBlock("PRIVATE KEY", testPEMBody), pemBlockRedacted("PRIVATE KEY")},
	{"PKCS#8 encrypted", pemBlock("ENCRYPTED PRIVATE KEY", testPEMBody), pemBlockRedacted("ENCRYPTED PRIVATE KEY")},
	{"legacy encrypted headers", pemBlock("RSA PRIVATE KEY", "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\n"+testPEMBody), pemBlockRedacted("RSA PRIVATE KEY")},
	{"PGP", pemBlock("PGP PRIVATE KEY BLOCK", "Version: GnuPG v2\n\nlQOYBF0Tt8wBCADNb3jyYhJ8mK1uQ2eX\n=a1Bc\n"), pemBlockRedacted("PGP PRIVATE KEY BLOCK")},
	{"CRLF", strings.ReplaceAll(pemBlock("PRIVATE KEY", testPEMBody), "\n", "\r\n"), strings.ReplaceAll(pemBlockRedacted("PRIVATE KEY"), "\n", "\r\n")},
	{"surrounding lines kept", "key loaded:\n" + pemBlock("EC PRIVATE KEY", testPEMBody) + "\ndone", "key loaded:\n" + pemBlockRedacted("EC PRIVATE KEY") + "\ndone"},
	{"JSON escaped newlines", `{"key":"` + strings.ReplaceAll(pemBlock("PRIVATE KEY", testPEMBody), "\n", `\n`) + `\n"}`,
		`{"key":"-----BEGIN PRIVATE KEY-----\n[REDACTED:private-key]\n-----END PRIVATE KEY-----\n"}`},
	{"JSON escaped CRLF", `"` + strings.ReplaceAll(pemBlock("RSA PRIVATE KEY", testPEMBody), "\n", `\r\n`) + `"`,
		`"-----BEGIN RSA PRIVATE KEY-----\r\n[REDACTED:private-key]\r\n-----END RSA PRIVATE KEY-----"`},
	{"env one line", `PRIVATE_KEY="` + strings.ReplaceAll(pemBlock("PRIVATE KEY", testPEMBody), "\n", `\n`) + `"`,
		`PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\n[REDACTED:private-key]\n-----END PRIVATE KEY-----"`},
	{"two keys", pemBlock("RSA PRIVATE KEY", testPEMBody) + "\n" + pemBlock("EC PRIVATE KEY", testPEMBody), pemBlockRedacted("RSA PRIVATE KEY") + "\n" + pemBlockRedacted("EC PRIVATE KEY")},
	{"no END: fail closed", "-----BEGIN PRIVATE KEY-----\n" + testPEMBody, "-----BEGIN PRIVATE KEY-----\n[REDACTED:private-key]\n"},
	{"no END, then a log line", "-----BEGIN PRIVATE KEY-----\n" + testPEMBody + "2026-11-28 INFO next", "-----BEGIN PRIVATE KEY-----\n[REDACTED:private-key]\n2026-11-28 INFO next"},
	{"YAML block", "key: |\n  " + strings.ReplaceAll(pemBlock("RSA PRIVATE KEY", testPEMBody), "\n", "\n  ") + "\nnext: 1", "key: |\n  " + strings.ReplaceAll(pemBlockRedacted("RSA PRIVATE KEY"), "\n", "\n  ") + "\nnext: 1"},
	{"lines folded to spaces", strings.ReplaceAll(pemBlock("PRIVATE KEY", testPEMBody), "\n", " "), "-----BEGIN PRIVATE KEY----- [REDACTED:private-key] -----END PRIVATE KEY-----"},
	{"folded, no END", "-----BEGIN PRIVATE KEY----- " + strings.ReplaceAll(testPEMBody, "\n", " "), "-----BEGIN PRIVATE KEY----- [REDACTED:private-key] "},
	{"after a log prefix", "ERROR bad key: " + pemBlock("EC PRIVATE KEY", testPEMBody) + "\nINFO ok", "ERROR bad key: " + pemBlockRedacted("EC PRIVATE KEY") + "\nINFO ok"},
	{"JSON two levels deep", `{"log":"{\"k\":\"-----BEGIN PRIVATE KEY-----\\nMIIEowIBAAKCAQEA3vX9n2Yq8Lw4\\n-----END PRIVATE KEY-----\"}"}`,
		`{"log":"{\"k\":\"-----BEGIN PRIVATE KEY-----\\n[REDACTED:private-key]\\n-----END PRIVATE KEY-----\"}"}`},
	{"cut inside a JSON string", `{"k":"-----BEGIN PRIVATE KEY-----\nMIIEowIBAAKCAQEA3vX9n2Yq8Lw4Jt0cRk1mZpH7sUe5bDfQa6Tg\nc2V0dGVy", "level":"info"}`,
		`{"k":"-----BEGIN PRIVATE KEY-----\n[REDACTED:private-key]", "level":"info"}`},
	{"cut, then a JSON line end", "-----BEGIN PRIVATE KEY-----\n" + testPEMBody + `", "level":"info"}`, "-----BEGIN PRIVATE KEY-----\n[REDACTED:private-key]\n" + `", "level":"info"}`},
	// A prefix on every line (log timestamps, container names, comment
	// markers): the prefix of the BEGIN line, or one of its shape, opens
	// each line; each body line is redacted, the prefixes stay.
	{"docker compose prefix", prefixLines("api-1  | ", pemBlock("RSA PRIVATE KEY", testPEMBody)), prefixLines("api-1  | ", "-----BEGIN RSA PRIVATE KEY-----\n[REDACTED:private-key]\n[REDACTED:private-key]\n-----END RSA PRIVATE KEY-----")},
	{"comment prefix", prefixLines("# ", pemBlock("PRIVATE KEY", testPEMBody)), prefixLines("# ", "-----BEGIN PRIVATE KEY-----\n[REDACTED:private-key]\n[REDACTED:private-key]\n-----END PRIVATE KEY-----")},
	{"CI timestamps that tick", "2026-11-28T10:00:00.1000137Z -----BEGIN EC PRIVATE KEY-----\n2026-11-28T10:00:00.1000274Z MIIEowIBAAKCAQEA3vX9n2Yq8Lw4Jt0cRk1mZpH7sUe5bDfQa6Tg\n2026-11-28T10:00:01.1000411Z -----END EC PRIVATE KEY-----\n2026-11-28T10:00:01.2000000Z done",
		"2026-11-28T10:00:00.1000137Z -----BEGIN EC PRIVATE KEY-----\n2026-11-28T10:00:00.1000274Z [REDACTED:private-key]\n2026-11-28T10:00:01.1000411Z -----END EC PRIVATE KEY-----\n2026-11-28T10:00:01.2000000Z done"},
	{"prefix cut to the body lines' column", "2026-11-28T10:00:00.1000137Z tls: loaded key -----BEGIN EC PRIVATE KEY-----\n2026-11-28T10:00:00.1000274Z MIIEowIBAAKCAQEA3vX9n2Yq8Lw4Jt0cRk1mZpH7sUe5bDfQa6Tg\n2026-11-28T10:00:01.1000411Z -----END EC PRIVATE KEY-----",
		"2026-11-28T10:00:00.1000137Z tls: loaded key -----BEGIN EC PRIVATE KEY-----\n2026-11-28T10:00:00.1000274Z [REDACTED:private-key]\n2026-11-28T10:00:01.1000411Z -----END EC PRIVATE KEY-----"},
	{"klog prefix", prefixLines("E1128 10:00:00.123456       1 tls.go:88] ", pemBlock("PRIVATE KEY", testPEMBody)), prefixLines("E1128 10:00:00.123456       1 tls.go:88] ", pemBlockRedacted("PRIVATE KEY")[:27]+"\n[REDACTED:private-key]\n[REDACTED:private-key]\n-----END PRIVATE KEY-----")},
	{"line numbers that grow", "9:-----BEGIN PRIVATE KEY-----\n10:MIIEowIBAAKCAQEA3vX9n2Yq8Lw4Jt0cRk1mZpH7sUe5bDfQa6Tg\n11:-----END PRIVATE KEY-----",
		"9:-----BEGIN PRIVATE KEY-----\n10:[REDACTED:private-key]\n11:-----END PRIVATE KEY-----"},
	{"cat -n", "     9\t-----BEGIN PRIVATE KEY-----\n    10\tMIIEowIBAAKCAQEA3vX9n2Yq8Lw4Jt0cRk1mZpH7sUe5bDfQa6Tg\n    11\t-----END PRIVATE KEY-----",
		"     9\t-----BEGIN PRIVATE KEY-----\n    10\t[REDACTED:private-key]\n    11\t-----END PRIVATE KEY-----"},
	{"prefixed, legacy headers", prefixLines("remote: ", pemBlock("RSA PRIVATE KEY", "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\n"+testPEMBody)),
		prefixLines("remote: ", "-----BEGIN RSA PRIVATE KEY-----\n[REDACTED:private-key]\n[REDACTED:private-key]\n\n[REDACTED:private-key]\n[REDACTED:private-key]\n-----END RSA PRIVATE KEY-----")},
	{"list of lines", `key_lines = ['-----BEGIN PRIVATE KEY-----', 'MIIEowIBAAKCAQEA3vX9n2Yq8Lw4Jt0cRk1mZpH7sUe5bDfQa6Tg', 'c2V0dGVy', '-----END PRIVATE KEY-----']`,
		`key_lines = ['-----BEGIN PRIVATE KEY-----', '[REDACTED:private-key]', '[REDACTED:private-key]', '-----END PRIVATE KEY-----']`},
	{"JSON array of lines", "[\"-----BEGIN PRIVATE KEY-----\",\n  \"MIIEowIBAAKCAQEA3vX9n2Yq8Lw4Jt0cRk1mZpH7sUe5bDfQa6Tg\",\n  \"-----END PRIVATE KEY-----\"]",
		"[\"-----BEGIN PRIVATE KEY-----\",\n  \"[REDACTED:private-key]\",\n  \"-----END PRIVATE KEY-----\"]"},
	// A whole PEM key encoded once more (kubeconfig, Kubernetes Secrets).
	{"base64-encoded PEM key", "    client-key-data: LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVFSUhuUkQ1U0VQSWw3aTA2Z1VQT1k3U3JuMkxQNHZsTVNLT094NWljekFFbXR2UlpybHJONzFmd0gKLS0tLS1FTkQgRUMgUFJJVkFURSBLRVktLS0tLQo=\n    kind: Config", "    client-key-data: [REDACTED:private-key]\n    kind: Config"},
	{"base64-encoded PEM key in JSON", `{"data":{"tls.key":"LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVFSUhuUkQ1U0VQSWw3aTA2Z1VQT1k3U3JuMkxQNHZsTVNLT094NWljekFFbXR2UlpybHJONzFmd0gKLS0tLS1FTkQgRUMgUFJJVkFURSBLRVktLS0tLQo="}}`, `{"data":{"tls.key":"[REDACTED:private-key]"}}`},
	// PuTTY key files: the private lines go, the public lines and MAC stay.
	{"PuTTY key file", "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key-20261128\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIDk3d3nQjWvW0RtPz2E6oBqrW1NnP3q7cMzVf5Yy\nCd3w\nPrivate-Lines: 2\nAAAAIHh9uShRac32HvS3m5B9g6JRg5YCtPmKmLSBkUHx5G1lQ+ePVdS7rfXApRk\nH29g11==\nPrivate-MAC: 18d32ad58d0d6d8da270de0447f916b337047e0d8290935989e281a190c8dd8a",
		"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key-20261128\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIDk3d3nQjWvW0RtPz2E6oBqrW1NnP3q7cMzVf5Yy\nCd3w\nPrivate-Lines: 2\n[REDACTED:private-key]\n[REDACTED:private-key]\nPrivate-MAC: 18d32ad58d0d6d8da270de0447f916b337047e0d8290935989e281a190c8dd8a"},
	{"string literals joined with +", "const key = \"-----BEGIN RSA PRIVATE KEY-----\\n\" +\n\t\"MIIEowIBAAKCAQEA3vX9n2Yq8Lw4Jt0cRk1mZpH7sUe5bDfQa6Tg\\n\" +\n\t\"c2V0dGVy\\n\" +\n\t\"-----END RSA PRIVATE KEY-----\\n\"",
		"const key = \"-----BEGIN RSA PRIVATE KEY-----\\n\" +\n\t\"[REDACTED:private-key]\\n\" +\n\t\"[REDACTED:private-key]\\n\" +\n\t\"-----END RSA PRIVATE KEY-----\\n\""},
	{"adjacent string literals", "key = ('-----BEGIN PRIVATE KEY-----\\n'\n       'MIIEowIBAAKCAQEA3vX9n2Yq8Lw4Jt0cRk1mZpH7sUe5bDfQa6Tg\\n'\n       '-----END PRIVATE KEY-----\\n')",
		"key = ('-----BEGIN PRIVATE KEY-----\\n'\n       '[REDACTED:private-key]\\n'\n       '-----END PRIVATE KEY-----\\n')"},
	// Near misses: public material stays.
	{"JSON members after BEGIN", `{"a":"-----BEGIN PRIVATE KEY-----","b":"MIIE","c":1}`, `{"a":"-----BEGIN PRIVATE KEY-----","b":"MIIE","c":1}`},
	{"base64-encoded certificate", "client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMyakNDQWNLZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFTTVJBd0RnWURWUVFERXdkcmRXSmwKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=", "client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMyakNDQWNLZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFTTVJBd0RnWURWUVFERXdkcmRXSmwKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo="},
	{"Private-Lines in prose", "Private-Lines: 2 lines follow, see the docs", "Private-Lines: 2 lines follow, see the docs"},
	{"prefixed CERTIFICATE", prefixLines("api-1  | ", pemBlock("CERTIFICATE", testPEMBody)), prefixLines("api-1  | ", pemBlock("CERTIFICATE", testPEMBody))},
	{"prefixed prose", "# -----BEGIN PRIVATE KEY-----\n# goes here, see the docs\n# MIIE", "# -----BEGIN PRIVATE KEY-----\n# goes here, see the docs\n# MIIE"},
	{"list of words", `want = ['-----BEGIN PRIVATE KEY-----', 'header', 'MIIE']`, `want = ['-----BEGIN PRIVATE KEY-----', 'header', 'MIIE']`},
	{"PUBLIC KEY", pemBlock("PUBLIC KEY", testPEMBody), pemBlock("PUBLIC KEY", testPEMBody)},
	{"RSA PUBLIC KEY", pemBlock("RSA PUBLIC KEY", testPEMBody), pemBlock("RSA PUBLIC KEY", testPEMBody)},
	{"CERTIFICATE", pemBlock("CERTIFICATE", testPEMBody), pemBlock("CERTIFICATE", testPEMBody)},
	{"CERTIFICATE REQUEST", pemBlock("CERTIFICATE REQUEST", testPEMBody), pemBlock("CERTIFICATE REQUEST", testPEMBody)},
	{"PGP PUBLIC KEY BLOCK", pemBlock("PGP PUBLIC KEY BLOCK", testPEMBody), pemBlock("PGP PUBLIC KEY BLOCK", testPEMBody)},
	{"PGP SIGNATURE", pemBlock("PGP SIGNATURE", testPEMBody), pemBlock("PGP SIGNATURE", testPEMBody)},
	{"empty body", "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----", "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----"},
	{"prose", "expected -----BEGIN PRIVATE KEY----- header", "expected -----BEGIN PRIVATE KEY----- header"},
	{"prose, many words", "expected -----BEGIN PRIVATE KEY----- header but got something else entirely in this file", "expected -----BEGIN PRIVATE KEY----- header but got something else entirely in this file"},
	{"prose, END later", "see -----BEGIN PRIVATE KEY----- in docs\nand -----END PRIVATE KEY----- too", "see -----BEGIN PRIVATE KEY----- in docs\nand -----END PRIVATE KEY----- too"},
	{"cert then key", pemBlock("CERTIFICATE", testPEMBody) + "\n" + pemBlock("PRIVATE KEY", testPEMBody), pemBlock("CERTIFICATE", testPEMBody) + "\n" + pemBlockRedacted("PRIVATE KEY")},
}

const phURL = "[REDACTED:url-credentials]"

var urlCredRows = []kvRow{
	// The rule's anchor is the '@': it looks back for the "://".
	{"long password, '@' far from the scheme", "amqp://svc:" + strings.Repeat("Zq9", 150) + "@mq.internal:5672/",
		"amqp://svc:" + phURL + "@mq.internal:5672/"},
	{"two '@' in the user information", "https://bob:p@ss@host.example.com/x", "https://bob:" + phURL + "@host.example.com/x"},
	// A "://" inside the password: the scheme's is further back.
	{"password starting with //", "DATABASE_URL=postgres://app://Zm9vYmFy@db:5432/app", "DATABASE_URL=postgres://app:" + phURL + "@db:5432/app"},
	{"password holding ://", "x https://u:a://b@h.example.com/ y", "x https://u:" + phURL + "@h.example.com/ y"},
	{"password holding a user:pass of its own", "https://u:p://x:y@h.example.com", "https://u:" + phURL + "@h.example.com"},
	{"'@' in the path, no credential", "https://host.example.com/users/@alice/feed", "https://host.example.com/users/@alice/feed"},
	{"a link, then a URL with one", "see https://docs.example.com/a and redis://:Tk8vQ2mZ@cache:6379",
		"see https://docs.example.com/a and redis://:" + phURL + "@cache:6379"},
	{"a URL, then a mailbox", "https://docs.example.com/a?ref=x bob:hunter2 mail bob@example.com",
		"https://docs.example.com/a?ref=x bob:hunter2 mail [REDACTED:email]"},
	{"JSON-escaped slashes", `{"dsn":"mysql:\/\/app:B8GVEuCNd9Dh@db.internal:3306\/shop"}`, `{"dsn":"mysql:\/\/app:` + phURL + `@db.internal:3306\/shop"}`},
	{"JSON-escaped slashes, no password", `{"u":"https:\/\/alice@example.com\/x"}`, `{"u":"https:\/\/alice@example.com\/x"}`},
	{"postgres", "postgres://app:s3cret@db:5432/app", "postgres://app:" + phURL + "@db:5432/app"},
	{"postgresql", "postgresql://app:s3cret@db.internal/app?sslmode=require", "postgresql://app:" + phURL + "@db.internal/app?sslmode=require"},
	{"mysql", "mysql://root:pw123@localhost:3306/shop", "mysql://root:" + phURL + "@localhost:3306/shop"},
	{"redis token only", "redis://:a1b2c3d4@cache:6379/0", "redis://:" + phURL + "@cache:6379/0"},
	{"redis default user", "redis://default:a1b2c3d4@cache:6379", "redis://default:" + phURL + "@cache:6379"},
	{"rediss", "rediss://:a1b2c3d4@cache.example.com:6380", "rediss://:" + phURL + "@cache.example.com:6380"},
	{"amqp", "amqp://guest:guest@rabbit:5672/", "amqp://guest:" + phURL + "@rabbit:5672/"},
	{"amqps", "amqps://svc:Zx81kLmQ@mq.example.com/vhost", "amqps://svc:" + phURL + "@mq.example.com/vhost"},
	{"mongodb hosts", "mongodb://u:p4ss@h1:27017,h2:27017/db?replicaSet=rs0", "mongodb://u:" + phURL + "@h1:27017,h2:27017/db?replicaSet=rs0"},
	{"mongodb+srv", "mongodb+srv://u:p4ss@cluster0.ab1cd.mongodb.net/db", "mongodb+srv://u:" + phURL + "@cluster0.ab1cd.mongodb.net/db"},
	{"https", "https://bob:hunter2@example.com/path?q=1", "https://bob:" + phURL + "@example.com/path?q=1"},
	{"ftp", "ftp://anon:pw@ftp.example.com/pub", "ftp://anon:" + phURL + "@ftp.example.com/pub"},
	{"smtp", "smtp://mailer:pw-987@smtp.example.com:587", "smtp://mailer:" + phURL + "@smtp.example.com:587"},
	{"ldap", "ldap://cn=admin,dc=example,dc=org:pw@ldap.example.org", "ldap://cn=admin,dc=example,dc=org:" + phURL + "@ldap.example.org"},
	{"jdbc", "jdbc:postgresql://app:s3cret@db:5432/app", "jdbc:postgresql://app:" + phURL + "@db:5432/app"},
	{"sqlserver", "sqlserver://sa:Str0ng!@db:1433?database=app", "sqlserver://sa:" + phURL + "@db:1433?database=app"},
	{"password with @", "postgres://app:p@ss@w0rd@db/app", "postgres://app:" + phURL + "@db/app"},
	{"password with /", "postgres://app:pa/ss+wd==@db/app", "postgres://app:" + phURL + "@db/app"},
	{"password with :", "postgres://app:pa:ss@db/app", "postgres://app:" + phURL + "@db/app"},
	// ' is allowed in user information; ^ { } | ` < > are not, but written.
	{"password with '", "dsn=postgres://app:83oE'2DPX7QPi4s@db.internal:5432/app", "dsn=postgres://app:" + phURL + "@db.internal:5432/app"},
	{"password with ^, dotless host", "postgres://app:^cuEgImfddRQuW3km@db:5432/app", "postgres://app:" + phURL + "@db:5432/app"},
	{"password with ^, dotted host", "postgres://app:Xy7^kLm9Qr2Tz@db.internal:5432/app", "postgres://app:" + phURL + "@db.internal:5432/app"},
	{"password with <", "dsn=mysql://root:hH5U<xOcKrE760R@mysql-01:3306/shop", "dsn=mysql://root:" + phURL + "@mysql-01:3306/shop"},
	{"password with { } |", "redis://:p{a}ss|w0rd@cache:6379", "redis://:" + phURL + "@cache:6379"},
	{"URL in quotes, then a mailbox", "url='http://x','bob@y.com'", "url='http://x','[REDACTED:email]'"},
	{"password %-escaped", "postgres://app:p%40ss%2Fw%3A@db/app", "postgres://app:" + phURL + "@db/app"},
	{"in JSON", `{"dsn":"postgres://app:s3cret@db/app"}`, `{"dsn":"postgres://app:` + phURL + `@db/app"}`},
	{"in env", "DATABASE_URL=postgres://app:s3cret@db/app", "DATABASE_URL=postgres://app:" + phURL + "@db/app"},
	{"in quotes", `url='https://u:pw@example.com'`, `url='https://u:` + phURL + `@example.com'`},
	{"two URLs", "a=redis://:t0k@c1 b=redis://:t0k2@c2", "a=redis://:" + phURL + "@c1 b=redis://:" + phURL + "@c2"},
	{"JSON-escaped slashes", `{"dsn":"mysql:\/\/app:s3cret@db.internal:3306\/shop"}`, `{"dsn":"mysql:\/\/app:` + phURL + `@db.internal:3306\/shop"}`},
	// No scheme: user:password@host after '=', ':', a blank or a quote,
	// when the host has a dot or a port. User and host stay.
	{"no scheme, proxy with port", "proxy=app:G51QEb7zeT9gtQ~@proxy.corp.example:3128 for CONNECT", "proxy=app:" + phURL + "@proxy.corp.example:3128 for CONNECT"},
	{"no scheme, password ends in '.'", "upstream deploy:oo3doOY4VO8lvO4g5.@proxy.corp:3128", "upstream deploy:" + phURL + "@proxy.corp:3128"},
	{"no scheme, dotted host, quoted", `HTTPS_PROXY="svc:s3cr3t!@proxy.internal"`, `HTTPS_PROXY="svc:` + phURL + `@proxy.internal"`},
	{"no scheme, port, mail-like user", "user:hunter2@proxy:3128", "user:" + phURL + "@proxy:3128"},
	{"percent-encoded URL as a query value", "next=postgres%3A%2F%2Fapp%3As3cretPw9%40db.internal%3A5432%2Fshop", "next=postgres%3A%2F%2Fapp%3A" + phURL + "%40db.internal%3A5432%2Fshop"},
	// Near misses.
	{"percent-encoded URL, e-mail in its query", "u=https%3A%2F%2Fexample.com%2Fa%3Ab%3Femail%3Dbob%40example.com", "u=https%3A%2F%2Fexample.com%2Fa%3Ab%3Femail%3D[REDACTED:email]"},
	{"no scheme, mail key before an address", "mailto:bob@example.com user:alice@corp.com", "mailto:[REDACTED:email] user:[REDACTED:email]"},
	{"no scheme, compound mail key", "smtp_user:alice@corp.com notify-email:bob@example.org", "smtp_user:[REDACTED:email] notify-email:[REDACTED:email]"},
	{"no scheme, host without dot or port", "cache=app:pw42@redis now", "cache=app:pw42@redis now"},
	{"no scheme, thread name with a user and a host", "WARN [LeaseRenewer:hdfs@nn-1:9000] renewed", "WARN [LeaseRenewer:hdfs@nn-1:9000] renewed"},
	{"no scheme, image digest", "image=nginx:1.25@sha256:0123456789abcdef", "image=nginx:1.25@sha256:0123456789abcdef"},
	{"no scheme, number before the colon", "t=10:03 a@b", "t=10:03 a@b"},
	{"no scheme, placeholder", "proxy=app:****@proxy.corp:3128", "proxy=app:****@proxy.corp:3128"},
	{"user only", "https://user@example.com/path", "https://user@example.com/path"},
	{"ssh user and port", "ssh://git@github.com:22/org/repo.git", "ssh://git@github.com:22/org/repo.git"},
	{"port only", "https://example.com:8443/path", "https://example.com:8443/path"},
	{"port then @ in path", "https://example.com:8443/@scope/pkg", "https://example.com:8443/@scope/pkg"},
	{"port then @ in query", "https://example.com:8443?ref=a@b", "https://example.com:8443?ref=a@b"},
	{"e-mail in query", "https://example.com/unsubscribe?email=bob@example.com", "https://example.com/unsubscribe?email=[REDACTED:email]"},
	{"colon in query then @", "https://example.com?x=a:b@c", "https://example.com?x=a:b@c"},
	{"colon in path then @", "https://example.com/a:b@c", "https://example.com/a:b@c"},
	{"IPv6 host, @ in query", "http://[::1]:8080/?q=a@b", "http://[::1]:8080/?q=a@b"},
	{"medium path", "https://medium.com/@user/post-1", "https://medium.com/@user/post-1"},
	{"placeholder var", "postgres://app:${DB_PASS}@db/app", "postgres://app:${DB_PASS}@db/app"},
	{"placeholder stars", "postgres://app:****@db/app", "postgres://app:****@db/app"},
	{"placeholder escaped stars", "postgres://app:%2A%2A%2A%2A@db/app", "postgres://app:%2A%2A%2A%2A@db/app"},
	{"placeholder angle", "postgres://app:<password>@db/app", "postgres://app:<password>@db/app"},
	{"empty password", "redis://:@cache:6379", "redis://:@cache:6379"},
	{"no scheme", "://user:pw@host", "://user:pw@host"},
	{"already redacted", "postgres://app:" + phURL + "@db/app", "postgres://app:" + phURL + "@db/app"},
}

const phDSN = "[REDACTED:dsn-credentials]"

var dsnRows = []kvRow{
	{"tcp", "root:s3cret@tcp(127.0.0.1:3306)/app?parseTime=true", "root:" + phDSN + "@tcp(127.0.0.1:3306)/app?parseTime=true"},
	{"after =", "dsn=app:pw-42@tcp(db:3306)/shop", "dsn=app:" + phDSN + "@tcp(db:3306)/shop"},
	{"quoted", `"app:pw-42@tcp(db:3306)/shop"`, `"app:` + phDSN + `@tcp(db:3306)/shop"`},
	{"tcp6", "app:pw-42@tcp6([::1]:3306)/shop", "app:" + phDSN + "@tcp6([::1]:3306)/shop"},
	{"unix socket", "app:pw-42@unix(/var/run/mysqld/mysqld.sock)/shop", "app:" + phDSN + "@unix(/var/run/mysqld/mysqld.sock)/shop"},
	{"password with @", "app:p@ss@tcp(db)/shop", "app:" + phDSN + "@tcp(db)/shop"},
	{"password with :", "app:p:ss@tcp(db)/shop", "app:" + phDSN + "@tcp(db)/shop"},
	{"password with ^ and /", "opening root:Vn^fD/d5N@tcp(mysql:3306)/app", "opening root:" + phDSN + "@tcp(mysql:3306)/app"},
	{"URL form left to the URL rule", "mysql://root:pw42@tcp(db:3306)/app", "mysql://root:" + phURL + "@tcp(db:3306)/app"},
	// Near misses.
	{"no password", "root@tcp(127.0.0.1:3306)/app", "root@tcp(127.0.0.1:3306)/app"},
	{"empty password", "root:@tcp(127.0.0.1:3306)/app", "root:@tcp(127.0.0.1:3306)/app"},
	{"placeholder", "root:${PASS}@tcp(db)/app", "root:${PASS}@tcp(db)/app"},
	{"time before", "12:30:01 root@tcp(db)/app", "12:30:01 root@tcp(db)/app"},
}

var testBcrypt = "$2b$12$" + "R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"

var miscRows = []kvRow{
	{"argon2id under a key", "password: $argon2id$v=19$m=65536,t=3,p=4$UIUXxjpr5hSxXDPa$vOkCS8RXUKSZwxw8bfUNCmc9z+/hNtV1BJ1caX0pMNL", "password: [REDACTED:argon2-hash]"},
	{"argon2i in text", "hash=$argon2i$v=19$m=4096,t=3,p=1$c29tZXNhbHQ$iWh06vD8Fy27wf9npn6FXWiCX4K6pW6Ue1Bnzz07Z8A ok", "hash=[REDACTED:argon2-hash] ok"},
	{"argon2 named in prose", "see $argon2id$ docs", "see $argon2id$ docs"},
	{"bcrypt", "hash=" + testBcrypt, "hash=[REDACTED:bcrypt-hash]"},
	{"bcrypt 2a", "h " + strings.Replace(testBcrypt, "2b", "2a", 1) + " ok", "h [REDACTED:bcrypt-hash] ok"},
	{"bcrypt 2y", strings.Replace(testBcrypt, "2b", "2y", 1), "[REDACTED:bcrypt-hash]"},
	{"bcrypt short", "h " + testBcrypt[:len(testBcrypt)-1], "h " + testBcrypt[:len(testBcrypt)-1]},
	{"bcrypt long", "h " + testBcrypt + "x", "h " + testBcrypt + "x"},
	{"bcrypt ends a sentence", "hash is " + testBcrypt + ".", "hash is [REDACTED:bcrypt-hash]."},
	{"bcrypt glued after a word", "hf_x" + testBcrypt + " ok", "hf_x[REDACTED:bcrypt-hash] ok"},
	{"bcrypt bad cost", "h $2b$1x$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW", "h $2b$1x$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"},
	{"bcrypt money", "price $2a$ each", "price $2a$ each"},

	{"slack webhook", "https://hooks.slack.com/services/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", "https://hooks.slack.com/services/[REDACTED:slack-webhook]"},
	{"slack workflow", "url=https://hooks.slack.com/workflows/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", "url=https://hooks.slack.com/workflows/[REDACTED:slack-webhook]"},
	{"slack docs placeholder", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"},
	{"slack no path", "see https://hooks.slack.com/services/ for setup", "see https://hooks.slack.com/services/ for setup"},
	{"discord webhook", "https://discord.com/api/webhooks/112233445566778899/aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY2zA4bC6dE8fG0hJ2kL4mN6pQ8rS0tU2vW4x", "https://discord.com/api/webhooks/[REDACTED:discord-webhook]"},
	{"discordapp webhook", "https://discordapp.com/api/webhooks/112233445566778899/aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY2zA4bC6dE8fG0hJ2kL4mN6pQ8rS0tU2vW4x?wait=true", "https://discordapp.com/api/webhooks/[REDACTED:discord-webhook]?wait=true"},
	{"discord docs", "https://discord.com/api/webhooks/{webhook.id}/{webhook.token}", "https://discord.com/api/webhooks/{webhook.id}/{webhook.token}"},

	{"telegram", "token 1234567890:AAHf3kL9mN2pQ4rS6tU8vW0xY2zA4bC6dE8 ok", "token [REDACTED:telegram-bot-token] ok"},
	{"telegram in bot API URL", "https://api.telegram.org/bot1234567890:AAHf3kL9mN2pQ4rS6tU8vW0xY2zA4bC6dE8/getMe", "https://api.telegram.org/bot[REDACTED:telegram-bot-token]/getMe"},
	{"telegram 8 digits", "12345678:AAHf3kL9mN2pQ4rS6tU8vW0xY2zA4bC6dE8", "[REDACTED:telegram-bot-token]"},
	{"telegram too short", "1234567890:AAHf3kL9mN2pQ4rS6tU8vW0xY2zA4bC6dE", "1234567890:AAHf3kL9mN2pQ4rS6tU8vW0xY2zA4bC6dE"},
	{"telegram 7 digits", "1234567:AAHf3kL9mN2pQ4rS6tU8vW0xY2zA4bC6dE8", "1234567:AAHf3kL9mN2pQ4rS6tU8vW0xY2zA4bC6dE8"},
	{"telegram lower aa", "1234567890:aaHf3kL9mN2pQ4rS6tU8vW0xY2zA4bC6dE8", "1234567890:aaHf3kL9mN2pQ4rS6tU8vW0xY2zA4bC6dE8"},
	{"time :AA", "at 12:AA", "at 12:AA"},

	{"azure ad secret", "client_id=x secret_value: abc8Q~dEfGhIjKlMnOpQrStUvWxYz0123456789.", "client_id=x secret_value: [REDACTED:azure-ad-client-secret]"},
	{"azure ad secret bare", "s Zx_7Q~aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY2z e", "s [REDACTED:azure-ad-client-secret] e"},
	{"azure lower q", "s Zx_7q~aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY2z e", "s Zx_7q~aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY2z e"},
	{"azure too short", "s Zx_7Q~aB3dE5fG7hJ9kL1mN2pQ4rS6tU8 e", "s Zx_7Q~aB3dE5fG7hJ9kL1mN2pQ4rS6tU8 e"},
	{"azure too long", "s Zx_7Q~aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY2zA4bC6 e", "s Zx_7Q~aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY2zA4bC6 e"},

	{"mailchimp", "mc 0123456789abcdef0123456789abcdef-us12 ok", "mc [REDACTED:mailchimp-key] ok"},
	{"mailchimp one digit dc", "key: 9f8e7d6c5b4a39281706f5e4d3c2b1a0-us6", "key: [REDACTED:mailchimp-key]"},
	{"mailchimp 31 hex", "mc 123456789abcdef0123456789abcdef-us12 ok", "mc 123456789abcdef0123456789abcdef-us12 ok"},
	{"mailchimp upper hex", "mc 0123456789ABCDEF0123456789ABCDEF-us12 ok", "mc 0123456789ABCDEF0123456789ABCDEF-us12 ok"},
	{"mailchimp trailing letters", "mc 0123456789abcdef0123456789abcdef-us12x ok", "mc 0123456789abcdef0123456789abcdef-us12x ok"},
	{"md5 then region", "etag 9f8e7d6c5b4a39281706f5e4d3c2b1a0-us-east-1", "etag 9f8e7d6c5b4a39281706f5e4d3c2b1a0-us-east-1"},
}

func TestBearer(t *testing.T)         { checkKVRows(t, Default(), bearerRows) }
func TestBasicAuth(t *testing.T)      { checkKVRows(t, Default(), basicRows) }
func TestJWT(t *testing.T)            { checkKVRows(t, Default(), jwtRows) }
func TestPrivateKey(t *testing.T)     { checkKVRows(t, Default(), pemRows) }
func TestURLCredentials(t *testing.T) { checkKVRows(t, Default(), urlCredRows) }

// TestURLCredentialsJSONEscaped: in JSON, escaped slashes decode first, so
// a password that starts with "\/\/" is found as one that starts with "//".
func TestURLCredentialsJSONEscaped(t *testing.T) {
	in := `{"url":"https:\/\/u:\/\/p4ssw0rd@h.example.com"}`
	want := `{"url":"https:\/\/u:` + phURL + `@h.example.com"}`
	for name, f := range map[string]func([]byte) ([]byte, error){
		"JSON":          Default().JSON,
		"JSONUnchecked": func(b []byte) ([]byte, error) { return Default().JSONUnchecked(b), nil },
	} {
		if got, err := f([]byte(in)); err != nil || string(got) != want {
			t.Errorf("%s(%s) = %s, %v; want %s", name, in, got, err, want)
		}
	}
}

// gluedRows: a secret glued to another rule's key or value. The first pass
// reads them as one run and replaces part of it; the second pass must not
// read the placeholder as part of a new secret, or read what is left of
// the run, cut short by the placeholder, as one (idempotence).
var gluedRows = []kvRow{
	// A span that starts inside a placeholder: "[REDACTED" as a user,
	// "card]%3Droot" as a password.
	{"dsn after a card", "2720307418529636%3Droot:${PASS}@tcp(db)/app", "[REDACTED:card]%3Droot:${PASS}@tcp(db)/app"},
	{"dsn after a token", "sent Bearer 9f8e7d6c5b4a39281706.:root:@tcp(127.0.0.1:3306)/app", "sent Bearer [REDACTED:bearer-token].:[REDACTED:dsn-credentials]@tcp(127.0.0.1:3306)/app"},
	{"curl user after a keyed value", "curl -s https://x -u bob/password=ab", "curl -s https://x -u bob/password=" + phKeyed},
	// A span that holds a placeholder: the password read from an
	// earlier "://" takes in the one redacted after the nearer.
	{"url after a url", "curl -b x -H 'Cookie: a=1; b=2' https://x.postgres://app:^cuEgImfddRQuW3km@db:5432/app",
		"curl -b x -H 'Cookie: " + phKeyed + "' https://x.postgres://app:" + phURL + "@db:5432/app"},
	// A key glued after a placeholder: the first pass read one longer word.
	{"key after a hash", "hash=$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW-Token: Winter7134. (set ",
		"hash=[REDACTED:bcrypt-hash]-Token: Winter7134. (set "},
	// A value that runs into a placeholder: the first pass read a longer
	// value, no code.
	{"code before a card", `otp_code=998877\6530741852963078`, `otp_code=998877\[REDACTED:card]`},
	{"card code before a card", "CVC: 4821)2223003122003222", "CVC: 4821)[REDACTED:card]"},
	// An XML value whose '<' was inside what the first pass replaced.
	{"xml value before a url", "<password>hunter2(dsn=mysql://root:hH5U<xOcKrE760R@mysql-01:3306/shop",
		"<password>hunter2(dsn=mysql://root:" + phURL + "@mysql-01:3306/shop"},
}

func TestGluedToReplacement(t *testing.T) { checkKVRows(t, Default(), gluedRows) }

// TestGluedGuardsKeepFirstPass: the guards behind gluedRows decline only
// where one of our placeholders stands whole and glued, so a first pass
// still redacts next to text that only looks like ours: a placeholder
// of another tool after a separator, or a fixed text (which is also
// Markdown's "***").
func TestGluedGuardsKeepFirstPass(t *testing.T) {
	checkKVRows(t, Default(), []kvRow{
		{"keyed value, & then a placeholder", "password=s3cret!Pass&key=[REDACTED]", "password=" + phKeyed + "&key=[REDACTED]"},
		{"keyed value, comma then a placeholder", "password=s3cret!Pass,[REDACTED]", "password=" + phKeyed + ",[REDACTED]"},
		{"api key, & then a placeholder", "api_key=AbCdEf0123456789xyzQ&s=[REDACTED]", "api_key=" + phKeyed + "&s=[REDACTED]"},
		{"keyed value, [REDACTED not closed", "password=s3cret!Pass[REDACTED", "password=" + phKeyed},
		{"xml value, a placeholder after a blank", "<password>Hunter2Pass user=[REDACTED]", "<password>" + phKeyed + " user=[REDACTED]"},
		{"xml value, truncated", "<password>Hunter2Pass (truncated) [REDACTED:email]", "<password>" + phKeyed + " (truncated) [REDACTED:email]"},
	})
	fixed, err := New(WithFixedText("***"))
	if err != nil {
		t.Fatal(err)
	}
	checkKVRows(t, fixed, []kvRow{
		{"fixed: & then the text", "password=s3cret!Pass&token=***", "password=***&token=***"},
		{"fixed: comma then the text", "pin=482193,otp=***", "pin=***,otp=***"},
		{"fixed: the text before the key", "***password=Hunter2Pass", "***password=***"},
		{"fixed: the text glued to Basic", "Authorization: Basic dXNlcjpwYXNzd29yZA==***", "Authorization: Basic ******"},
		{"fixed: card code, paren, the text", "CVC: 4821)***", "CVC: ***)***"},
	})
}
func TestDSNCredentials(t *testing.T) { checkKVRows(t, Default(), dsnRows) }
func TestGenericMisc(t *testing.T)    { checkKVRows(t, Default(), miscRows) }

// FuzzKeyedAndGeneric checks the invariants every input must keep, seeded
// with every kvRow of the keyed and generic tables: redaction is idempotent,
// and a stream cut anywhere gives the one-shot answer.
func FuzzKeyedAndGeneric(f *testing.F) {
	for _, rows := range [][]kvRow{keyedSyntaxRows, keyedNounRows, keyedHeaderRows, keyedPlaceholderRows, keyedNegativeRows,
		bearerRows, basicRows, jwtRows, pemRows, urlCredRows, dsnRows, miscRows, gluedRows, registryAuthRows} {
		for _, r := range rows {
			f.Add(r.in, uint16(len(r.in)/2))
		}
	}
	r := Default()
	f.Fuzz(func(t *testing.T, in string, cut uint16) {
		once := r.Bytes([]byte(in))
		if twice := r.Bytes(once); string(twice) != string(once) {
			t.Fatalf("not idempotent:\n in    %q\n once  %q\n twice %q", in, once, twice)
		}
		c := int(cut) % (len(in) + 1)
		if s := streamOf(t, r, []byte(in), c); string(s) != string(once) {
			t.Fatalf("stream cut at %d differs:\n in     %q\n stream %q\n once   %q", c, in, s, once)
		}
	})
}

const phCLI = "[REDACTED:cli-password]"

var cliPasswordRows = []kvRow{
	{"mysql glued -p", "mysql -u root -prLIq9DPG+X1?FsAGeQYH -h 127.0.0.1 shop", "mysql -u root -p" + phCLI + " -h 127.0.0.1 shop"},
	{"mysqldump", "mysqldump -uroot -pS3cret db > x.sql", "mysqldump -uroot -p" + phCLI + " db > x.sql"},
	{"mariadb", "mariadb --host=db -pW1nter!", "mariadb --host=db -p" + phCLI},
	{"docker login", "docker login -u ci -p lfXeZE7LOqg1 registry.example.com", "docker login -u ci -p " + phCLI + " registry.example.com"},
	{"helm registry login", "helm registry login r.example.com -u ci -p lfXeZE7LOqg1", "helm registry login r.example.com -u ci -p " + phCLI},
	{"docker run -p is a port", "docker run -p 8080:80 nginx", "docker run -p 8080:80 nginx"},
	{"sshpass glued", "sshpass -piqejTW01ij5z4Wjc ssh h", "sshpass -p" + phCLI + " ssh h"},
	{"mongosh", "mongosh -u admin -p Xk29vLq7pZ", "mongosh -u admin -p " + phCLI},
	{"mongodb URL is not mongo", "mongodb://h:27017/db -p 5", "mongodb://h:27017/db -p 5"},
	{"sqlcmd", "sqlcmd -U sa -P Str0ngPa55 -S db", "sqlcmd -U sa -P " + phCLI + " -S db"},
	{"ldapsearch", "ldapsearch -x -D cn=admin -w Xk29vLq7pZ -b dc=x", "ldapsearch -x -D cn=admin -w " + phCLI + " -b dc=x"},
	{"zip", "zip -P Xk29vLq7pZ out.zip f", "zip -P " + phCLI + " out.zip f"},
	{"keytool, two passwords", "keytool -importkeystore -srcstorepass Xk29vLq7pZ -deststorepass Yk29vLq7pZ", "keytool -importkeystore -srcstorepass " + phCLI + " -deststorepass " + phCLI},
	{"smbclient", "smbclient //srv/share -U admin%Xk29vLq7pZ", "smbclient //srv/share -U admin%" + phCLI},
	{"rabbitmqctl add_user", "rabbitmqctl add_user admin Xk29vLq7pZ", "rabbitmqctl add_user admin " + phCLI},
	{"htpasswd -b", "htpasswd -b .htpasswd admin Xk29vLq7pZ", "htpasswd -b .htpasswd admin " + phCLI},
	{"htpasswd -b, a flag after", "htpasswd -b -c .htpasswd admin Xk29vLq7pZ", "htpasswd -b -c .htpasswd admin " + phCLI},
	{"sshpass quoted", "sshpass -p 'Xy9!pass' ssh deploy@host", "sshpass -p '" + phCLI + "' ssh deploy@host"},
	{"sshpass plain", "sshpass -p Xy9pass ssh deploy@host", "sshpass -p " + phCLI + " ssh deploy@host"},
	{"redis-cli -a", "redis-cli -h cache -a r3d1sPass ping", "redis-cli -h cache -a " + phCLI + " ping"},
	{"curl -u", "curl -u admin:Adm1nPw https://x", "curl -u admin:" + phCLI + " https://x"},
	{"az login -p", "az login -u admin@contoso.com -p Sup3rS3cret!Pass", "az login -u [REDACTED:email] -p " + phCLI},
	{"az login service principal", "az login --service-principal -u 0f3c5a2e -p 'Sup3r S3cret' --tenant t", "az login --service-principal -u 0f3c5a2e -p '" + phCLI + "' --tenant t"},
	{"AZ LOGIN --password", "AZ LOGIN --username ops --password Sup3rS3cret", "AZ LOGIN --username ops --password " + phCLI},
	{"az login, a password that starts like a path", "az login -u admin -p ~Xy9pass!Q", "az login -u admin -p " + phCLI},
	{"az login, a password that starts with a slash", "az login -u admin -p /Xy9pass!Q", "az login -u admin -p " + phCLI},
	{"curl --user quoted", `curl --user "admin:Adm1n Pw" https://x`, `curl --user "admin:` + phCLI + `" https://x`},
	{"mysqldump -p quoted", "mysqldump -uesha -p'TT cP#VI6%g' --single-transaction app > dump.sql", "mysqldump -uesha -p'" + phCLI + "' --single-transaction app > dump.sql"},
	{"mysql -p double-quoted", `mysql -ugwen -p"y7WPbAwe" -e 'show databases'`, `mysql -ugwen -p"` + phCLI + `" -e 'show databases'`},
	// Near misses.
	{"mysql prompts for -p", "mysql -u root -p -h db", "mysql -u root -p -h db"},
	{"mysql -p empty quotes", "mysql -u root -p'' -h db", "mysql -u root -p'' -h db"},
	{"mysql -P is the port", "mysql -P3306 -h db", "mysql -P3306 -h db"},
	{"curl -u without password", "curl -s https://x -u bob", "curl -s https://x -u bob"},
	{"az login with a certificate", "az login --service-principal -u 0f3c5a2e -p ~/certs/sp.pem --tenant t", "az login --service-principal -u 0f3c5a2e -p ~/certs/sp.pem --tenant t"},
	{"az login certificate file", "az login --service-principal -u 0f3c5a2e -p sp-cert.PEM --tenant t", "az login --service-principal -u 0f3c5a2e -p sp-cert.PEM --tenant t"},
	{"az login quoted certificate path", "az login --service-principal -u 0f3c5a2e -p '~/certs/sp.pem' --tenant t", "az login --service-principal -u 0f3c5a2e -p '~/certs/sp.pem' --tenant t"},
	{"az login absolute certificate path", "az login --service-principal -u 0f3c5a2e -p /etc/az/sp --tenant t", "az login --service-principal -u 0f3c5a2e -p /etc/az/sp --tenant t"},
	{"az in prose", "the baz login -p flag", "the baz login -p flag"},
	{"az account", "az account set -p x", "az account set -p x"},
	{"mysql in prose", "error in mysql: -probe failed", "error in mysql: -probe failed"},
	{"next command", "mysql -u root; echo -ppp", "mysql -u root; echo -ppp"},
	{"placeholder", "mysql -u root -p$MYSQL_PWD", "mysql -u root -p$MYSQL_PWD"},
}

func TestCLIPasswords(t *testing.T) { checkKVRows(t, Default(), cliPasswordRows) }
