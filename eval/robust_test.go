package eval

import (
	"fmt"
	"strings"
)

// Robustness: Windows line ends, long lines, and keys that merely contain
// a secret noun.

func robustnessFamilies() []Family {
	return []Family{
		{Name: "crlf-positives", Kind: Positive, Group: "keyed", Asserted: true, N: 40, Gen: func(g *gen) Case {
			var inner string
			var secret string
			switch g.intn(3) {
			case 0:
				k, v := g.secretKey(0, 1), g.secretValue()
				inner, secret = k+"="+v, v
			case 1:
				secret = g.githubClassic("ghp_")
				inner = "token found: " + secret
			default:
				secret = g.email()
				inner = "contact " + secret
			}
			line, s := g.around(inner, secret)
			return Case{Label: "crlf", Text: line + "\r", Secrets: s}
		}},
		{Name: "neg-crlf", Kind: Negative, Group: "frames", Asserted: true, N: 30, Gen: func(g *gen) Case {
			line, _ := g.around(g.pick("request completed", "max_tokens=4096 token_type=Bearer", "request_id="+g.uuid(), "ok"))
			return Case{Label: "crlf", Text: line + "\r"}
		}},
		{Name: "long-lines", Kind: Positive, Group: "keyed", Asserted: true, N: 30, Gen: func(g *gen) Case {
			// a secret after kilobytes of ordinary fields, e.g. a big JSON
			// log event or a stack trace joined on one line
			var b strings.Builder
			n := g.between(2000, 9000)
			for i := 0; b.Len() < n; i++ {
				fmt.Fprintf(&b, "item%d=%s ", i, g.pick("ok", "pending", g.uuid(), fmt.Sprint(g.between(1, 99999))))
			}
			var secret, inner string
			switch g.intn(3) {
			case 0:
				secret = g.secretValue()
				inner = "password=" + secret
			case 1:
				secret = g.awsKeyID()
				inner = "key " + secret
			default:
				_, secret = g.card()
				inner = "card " + secret
			}
			line, s := g.frame(b.String()+inner+" done "+b.String()[:g.between(10, 500)], []string{secret})
			return Case{Label: "long", Text: line, Secrets: s}
		}},
		{Name: "neg-long-lines", Kind: Negative, Group: "frames", Asserted: true, N: 20, Gen: func(g *gen) Case {
			var b strings.Builder
			n := g.between(2000, 9000)
			for i := 0; b.Len() < n; i++ {
				fmt.Fprintf(&b, "item%d=%s ", i, g.pick("ok", "pending", g.uuid(), fmt.Sprint(g.between(1, 99999)), g.hex(40)))
			}
			line, _ := g.frame(strings.TrimSpace(b.String()), nil)
			return Case{Label: "long", Text: line}
		}},
		neg("neg-key-word-boundaries", "keyed", 60, func(g *gen) (string, string) {
			kv := g.pick(
				"passwordless=true",
				"password_strength=weak",
				"secretary=Jane Doe",
				"tokenizer=cl100k_base",
				"author=alice",
				"authority=login.acme-corp.com",
				"keyboard_layout=us",
				"cookies_enabled=true",
				"credential_provider=env",
				"key=uploads/2024/05/17/report.pdf",
				"cache_key=user:42:profile",
				"idempotency_key="+g.uuid(),
				"partition_key=tenant-"+fmt.Sprint(g.between(1, 999)),
				"primary_key=order_id",
				"ssh_key_fingerprint=SHA256:"+g.chars(b64Set, 43),
				"auth_method=oauth2",
				"secrets_count=3",
				"tokens_per_second=42.7",
				"passphrase_set=false",
				"api_version=2024-05-01",
				`valueFrom: {secretKeyRef: {name: db-creds, key: password}}`,
				"secretName: tls-"+g.prog(),
				`password=""`,
				`"password": ""`,
				"password_hash_algo=argon2id",
				"token_url=https://oauth2.googleapis.com/token",
			)
			return kv, g.negLine(kv)
		}),
	}
}
