package eval

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// Look-alike negatives: everything here must come out byte-identical.

func neg(name, group string, n int, f func(g *gen) (label, line string)) Family {
	return Family{Name: name, Kind: Negative, Group: group, Asserted: true, N: n, Gen: func(g *gen) Case {
		label, line := f(g)
		return Case{Label: label, Text: line}
	}}
}

func (g *gen) negLine(inner string) string {
	line, _ := g.around(inner)
	return line
}

func negativeFamilies() []Family {
	return []Family{
		neg("neg-keys-about-secrets", "keyed", 70, func(g *gen) (string, string) {
			type kv struct {
				k []string
				v func() string
			}
			ts := func() string { return g.stamp().isoSec() }
			kvs := []kv{
				{[]string{"token", "type"}, func() string { return g.pick("Bearer", "bearer", "mac", "N_A") }},
				{[]string{"max", "tokens"}, func() string { return fmt.Sprint(g.pick3(256, 4096, 8192)) }},
				{[]string{"tokens", "used"}, func() string { return fmt.Sprint(g.between(10, 99999)) }},
				{[]string{"prompt", "tokens"}, func() string { return fmt.Sprint(g.between(10, 99999)) }},
				{[]string{"completion", "tokens"}, func() string { return fmt.Sprint(g.between(10, 9999)) }},
				{[]string{"total", "tokens"}, func() string { return fmt.Sprint(g.between(10, 99999)) }},
				{[]string{"max", "completion", "tokens"}, func() string { return fmt.Sprint(g.pick3(512, 1024, 16384)) }},
				{[]string{"password", "updated", "at"}, ts},
				{[]string{"password", "changed", "at"}, ts},
				{[]string{"token", "expires", "at"}, ts},
				{[]string{"secret", "name"}, func() string {
					return g.pick("prod/db-credentials", "billing-api", "tls-cert-2024", "projects/acme/secrets/stripe")
				}},
				{[]string{"secret", "version"}, func() string { return fmt.Sprint(g.between(1, 40)) }},
				{[]string{"key", "id"}, func() string { return g.pick(g.uuid(), g.hex(16), "kid-"+g.stamp().date(), "mrk-"+g.hex(32)) }},
				{[]string{"api", "key", "id"}, func() string { return g.uuid() }},
				{[]string{"credential", "id"}, func() string { return g.uuid() }},
				{[]string{"public", "key"}, func() string {
					return g.pick("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE"+g.chars(b64Set, 86)+"==", "ed25519:"+base64.StdEncoding.EncodeToString(g.bytes(32)))
				}},
				{[]string{"token", "count"}, func() string { return fmt.Sprint(g.between(1, 5000)) }},
				{[]string{"password", "min", "length"}, func() string { return fmt.Sprint(g.between(8, 16)) }},
				{[]string{"token", "ttl"}, func() string { return fmt.Sprint(g.pick3(300, 3600, 86400)) }},
				{[]string{"secret", "arn"}, func() string {
					return fmt.Sprintf("arn:aws:secretsmanager:us-east-1:%s:secret:prod/db-%s", g.chars(digits, 12), g.b62(6))
				}},
				{[]string{"token", "endpoint"}, func() string { return "https://oauth2.googleapis.com/token" }},
				{[]string{"cookie", "name"}, func() string { return g.pick("session", "sid", "csrftoken") }},
				{[]string{"password", "policy"}, func() string { return g.pick("strict", "default", "nist-800-63b") }},
			}
			x := kvs[g.intn(len(kvs))]
			k := render(x.k, []int{0, 1, 2, 5}[g.intn(4)])
			v := x.v()
			var inner string
			switch g.intn(4) {
			case 0:
				inner = k + "=" + v
			case 1:
				inner = k + ": " + v
			case 2:
				inner = fmt.Sprintf(`{"%s":"%s","status":"ok"}`, k, v)
			default:
				inner = fmt.Sprintf(`%s="%s"`, k, v)
			}
			return k, g.negLine(inner)
		}),
		neg("neg-placeholders", "keyed", 60, func(g *gen) (string, string) {
			k := g.secretKey(0, 1, 2)
			ph := g.pick("${"+strings.ToUpper(render(secretKeyWords[g.intn(len(secretKeyWords))], 0))+"}",
				"{{ .Values."+render(secretKeyWords[g.intn(len(secretKeyWords))], 2)+" }}",
				"${{ secrets."+strings.ToUpper(render(secretKeyWords[g.intn(len(secretKeyWords))], 0))+" }}",
				"<your-api-key>", "<API_KEY>", "<token>", "<password>",
				"***", "********", "REDACTED", "[REDACTED]", "xxxxxxxx", "XXXXXXXXXXXXXXXX", "xxxx-xxxx-xxxx")
			var inner string
			switch g.intn(5) {
			case 0:
				inner = k + "=" + ph
			case 1:
				inner = k + ": " + ph
			case 2:
				inner = fmt.Sprintf(`{"%s":"%s"}`, k, ph)
			case 3:
				inner = k + `="` + ph + `"`
			default:
				inner = "  " + k + ": '" + ph + "'"
			}
			return ph, g.negLine(inner)
		}),
		neg("neg-prose", "keyed", 60, func(g *gen) (string, string) {
			s := g.pick(
				"the access token expired after 3600 seconds",
				"Please reset your password using the link we sent",
				"Invalid API key provided; check your dashboard settings",
				"password reset requested for account 42",
				"Token refresh failed: upstream timeout",
				"Rotating secrets for service billing",
				"Cookie consent banner dismissed by user",
				"credentials are loaded from the instance metadata service",
				"authorization failed for user bob: missing scope repo",
				"your session token will be refreshed automatically",
				"Secret Manager quota exceeded for project acme-prod",
				"private key permissions are too open (0644), ignoring",
				"api key rotation is scheduled for next Monday",
				"user changed their password from a new device",
				"No credentials found in environment, falling back to profile default",
				"the refresh token was revoked by the administrator",
				"Passphrase prompt cancelled by user",
				"csrf token mismatch on form submit, asking user to retry",
				"expected Bearer token but got none",
				"missing Bearer token in Authorization header",
				"Authorization header must look like Bearer <token>",
				"401: bearer token expired, please log in again",
			)
			return "prose", g.negLine(s)
		}),
		neg("neg-github-bad-checksum", "vendor", 50, func(g *gen) (string, string) {
			p := g.pick("ghp_", "gho_", "ghu_", "ghs_", "ghr_")
			tok := g.githubBadChecksum(p)
			var inner string
			switch g.intn(4) {
			case 0:
				inner = "ref=" + tok
			case 1:
				inner = "matched pattern but failed checksum: " + tok
			case 2:
				inner = fmt.Sprintf("fixture %s", g.punct(tok))
			default:
				inner = "id " + tok + " not found"
			}
			return p, g.negLine(inner)
		}),
		neg("neg-aws-documented-example", "vendor", 30, func(g *gen) (string, string) {
			id := g.pick("AKIAIOSFODNN7EXAMPLE", "AKIAI44QH8DHBEXAMPLE")
			var inner string
			switch g.intn(4) {
			case 0:
				inner = "aws_access_key_id = " + id
			case 1:
				inner = "using example credentials " + id + " from the docs"
			case 2:
				inner = fmt.Sprintf(`{"AccessKeyId":"%s","Region":"us-west-2"}`, id)
			default:
				inner = "AWS_ACCESS_KEY_ID=" + id
			}
			return id, g.negLine(inner)
		}),
		neg("neg-prefix-lookalikes", "vendor", 60, func(g *gen) (string, string) {
			s := g.pick(
				"npm_config_cache=/home/runner/.npm",
				"npm_package_version=4.12.0",
				"npm_lifecycle_event=build",
				"from huggingface_hub import hf_hub_download",
				"calling hf_hub_download(repo_id=\"bert-base-uncased\")",
				"pip install scikit-learn==1.4.2 sk-video",
				"tokens start with xoxb- for bots and xoxp- for users",
				"Stripe secret keys look like sk_live_... and must stay server-side",
				"GitHub tokens use the ghp_ prefix since 2021",
				"keys beginning with AKIA are long-term, ASIA temporary",
				"task-runner-7 finished in 12s",
				"desk-top-3 reconnected",
				"set SG.enabled=true in application.properties",
				"glpat-style tokens are rotated monthly",
				"column dop_v1_migrated added",
				"file gsk_backup_2024.tar.gz uploaded",
				"acp_config.yaml reloaded",
				"hf_transfer enabled for faster downloads",
				"AIza prefix denotes a Google API key",
				"sk-learn pipeline fitted in 4.2s",
				"rk_live_mode=false",
				"bcrypt cost factor set to 12 ($2b$ variant)",
				"dckr_pat_ tokens can be scoped read-only",
			)
			return "lookalike", g.negLine(s)
		}),
		neg("neg-jwt-lookalikes", "generic", 40, func(g *gen) (string, string) {
			// base64 JSON that is not a JWT: pagination cursors, state blobs
			var js string
			switch g.intn(4) {
			case 0:
				js = fmt.Sprintf(`{"page":%d,"size":50}`, g.between(2, 99))
			case 1:
				js = fmt.Sprintf(`{"after":"%s","sort":"created_at"}`, g.uuid())
			case 2:
				js = fmt.Sprintf(`{"returnTo":"/orders/%d","nonce":"%s"}`, g.between(1, 99999), g.hex(8))
			default:
				js = fmt.Sprintf(`{"v":1,"offset":%d}`, g.between(0, 100000))
			}
			enc := base64.RawURLEncoding.EncodeToString([]byte(js))
			var inner string
			switch g.intn(3) {
			case 0:
				inner = "GET /v1/orders?cursor=" + enc + "&limit=50"
			case 1:
				inner = "next_cursor=" + enc
			default:
				inner = fmt.Sprintf(`{"next":"%s","count":50}`, enc)
			}
			return "cursor", g.negLine(inner)
		}),
		{Name: "neg-public-keys-certs", Kind: Negative, Group: "generic", Asserted: true, N: 40, Gen: func(g *gen) Case {
			if g.chance(0.5) {
				lines := g.publicBlock()
				out := append([]string{fmt.Sprintf("%s INFO  loaded %s from /etc/ssl/%s.pem:", g.stamp().iso(), strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(lines[0], "-----BEGIN "), "-----")), g.prog())}, lines...)
				return Case{Label: "pem-public", Text: strings.Join(out, "\n")}
			}
			pk := g.sshPublicKey() + " " + g.pick("deploy@ci-runner", "alice@laptop", "root@bastion")
			var inner string
			switch g.intn(3) {
			case 0:
				inner = pk
			case 1:
				inner = "added authorized key: " + pk
			default:
				inner = "public_key=\"" + pk + "\""
			}
			return Case{Label: "ssh-public", Text: g.negLine(inner)}
		}},
		neg("neg-base64-text", "generic", 40, func(g *gen) (string, string) {
			txt := g.pick("hello world, this is a test message", "The quick brown fox jumps over the lazy dog",
				`{"event":"signup","plan":"pro","seats":5}`, "order confirmed, shipping tomorrow morning",
				"<html><body>Maintenance tonight</body></html>", "Lorem ipsum dolor sit amet, consectetur adipiscing elit")
			enc := base64.StdEncoding.EncodeToString([]byte(txt))
			var inner string
			switch g.intn(3) {
			case 0:
				inner = "payload=" + enc
			case 1:
				inner = fmt.Sprintf(`{"data":"%s","encoding":"base64"}`, enc)
			default:
				inner = "message body (b64): " + enc
			}
			return "b64", g.negLine(inner)
		}),
		neg("neg-urls-without-credentials", "generic", 40, func(g *gen) (string, string) {
			u := g.pick(
				"https://api.acme-corp.com/v1/orders?page=2&sort=desc",
				"postgres://db.internal:5432/orders?sslmode=require",
				"redis://cache-01:6379/0",
				"http://localhost:8080/healthz",
				"amqp://rabbit:5672/%2F",
				"mongodb://mongo-0:27017,mongo-1:27017/app?replicaSet=rs0",
				"https://docs.acme-corp.com/guide#section-3",
				"s3://acme-backups/2024/05/17/db.sql.gz",
				"postgres://${DB_USER}:${DB_PASSWORD}@db:5432/app",
				"https://github.com/acme/api/commit/"+g.hex(40),
			)
			return "url", g.negLine(g.pick("url=", "connecting to ", "fetch ", "endpoint: ") + u)
		}),
		neg("neg-uuid-hash", "digits", 60, func(g *gen) (string, string) {
			var inner string
			switch g.intn(9) {
			case 0:
				inner = "request_id=" + g.uuid()
			case 1:
				inner = "commit " + g.hex(40)
			case 2:
				inner = "sha256:" + g.hex(64)
			case 3:
				inner = fmt.Sprintf(`ETag: "%s"`, g.hex(32))
			case 4:
				inner = "image ghcr.io/acme/api@sha256:" + g.hex(64)
			case 5:
				inner = fmt.Sprintf("md5=%s size=%d", g.hex(32), g.between(100, 9999999))
			case 6:
				inner = fmt.Sprintf("Merge %s into %s", g.hex(7), g.hex(7))
			case 7:
				inner = fmt.Sprintf("integrity sha512-%s", base64.StdEncoding.EncodeToString(g.bytes(64)))
			default:
				inner = fmt.Sprintf(`{"trace_id":"%s","span_id":"%s","parent":"%s"}`, g.hex(32), g.hex(16), g.uuid())
			}
			return "id", g.negLine(inner)
		}),
		neg("neg-timestamps-versions", "digits", 60, func(g *gen) (string, string) {
			t := g.stamp()
			epoch := g.between(1600000000, 1790000000)
			var inner string
			switch g.intn(10) {
			case 0:
				inner = fmt.Sprintf("ts=%d", epoch)
			case 1:
				inner = fmt.Sprintf("ts_ms=%d%03d", epoch, g.intn(1000))
			case 2:
				inner = fmt.Sprintf(`{"created":%d%03d,"updated":%d%03d}`, epoch, g.intn(1000), epoch+g.between(1, 999), g.intn(1000))
			case 3:
				inner = fmt.Sprintf("started_at=%s+05:30", t.date()+"T"+t.clock())
			case 4:
				inner = fmt.Sprintf("version=%d.%d.%d build=%s%02d%02d.%d", g.between(0, 9), g.between(0, 40), g.between(0, 99), fmt.Sprint(t.y), t.mo, t.d, g.between(1, 9))
			case 5:
				inner = fmt.Sprintf("go%d.%d.%d linux/amd64 kernel 6.%d.%d-%d-generic", 1, g.between(18, 26), g.between(0, 9), g.between(1, 11), g.between(0, 60), g.between(10, 200))
			case 6:
				inner = fmt.Sprintf("date=%02d/%02d/%d %s", t.mo, t.d, t.y, t.clock())
			case 7:
				inner = fmt.Sprintf("upgraded openssl 3.0.%d -> 3.0.%d (%s)", g.between(1, 12), g.between(13, 15), t.date())
			case 8:
				inner = fmt.Sprintf("elapsed=%d.%06ds uptime=%ds", g.between(0, 99), g.intn(1000000), g.between(1000, 9999999))
			default:
				inner = fmt.Sprintf("nanotime=%d%09d", epoch, g.intn(1000000000))
			}
			return "time", g.negLine(inner)
		}),
		neg("neg-ids-counters", "digits", 60, func(g *gen) (string, string) {
			// ids that happen to have phone/card/ssn lengths
			a, e, l := g.nanp()
			var inner string
			switch g.intn(10) {
			case 0:
				inner = "order_id=" + a + e + l
			case 1:
				inner = fmt.Sprintf("invoice INV-%d-%06d total=%d.%02d", g.between(2020, 2026), g.between(1, 999999), g.between(1, 9999), g.intn(100))
			case 2:
				inner = fmt.Sprintf("order #%d shipped", g.between(1000000000, 9999999999))
			case 3:
				inner = fmt.Sprintf("bytes_in=%s%s%s bytes_out=%d", a, e, l, g.between(1000, 99999999))
			case 4:
				inner = fmt.Sprintf("account_id=%s", g.chars(digits, 12))
			case 5:
				inner = fmt.Sprintf("pid=%d tid=%d fd=%d", g.pid(), g.pid(), g.between(3, 1024))
			case 6:
				inner = fmt.Sprintf("tracking number %s%s", g.pick("1Z", "94"), g.chars(digits, 16))
			case 7:
				inner = fmt.Sprintf(`{"user_id":%s,"seq":%d}`, a+e+l, g.between(1, 999999))
			case 8:
				inner = fmt.Sprintf("offset=%d partition=%d", g.between(100000000, 9999999999), g.between(0, 63))
			default:
				inner = fmt.Sprintf("ticket OPS-%d moved to done", g.between(100, 99999))
			}
			return "id", g.negLine(inner)
		}),
		neg("neg-card-lookalikes", "digits", 50, func(g *gen) (string, string) {
			is, num := g.card()
			label := "luhn-invalid"
			// break the check digit
			last := num[len(num)-1]
			bad := byte('0' + (int(last-'0')+1+g.intn(8))%10)
			num = num[:len(num)-1] + string(bad)
			if g.chance(0.3) {
				// Luhn-valid but no issuer starts with 9 or 0
				label = "no-issuer"
				body := g.pick("9", "0") + g.chars(digits, 14)
				num = body + string(luhnDigit(body))
			} else if g.chance(0.4) {
				num = groupDigits(num, is.grouped, g.pick(" ", "-"))
			}
			inner := g.pick("ref=", "reference number ", "serial: ", "batch=") + num
			return label, g.negLine(inner)
		}),
		neg("neg-ssn-invalid", "digits", 40, func(g *gen) (string, string) {
			a, b, c := g.ssn()
			switch g.intn(5) {
			case 0:
				a = "000"
			case 1:
				a = "666"
			case 2:
				a = fmt.Sprint(g.between(900, 999))
			case 3:
				b = "00"
			default:
				c = "0000"
			}
			s := a + "-" + b + "-" + c
			return "invalid", g.negLine(g.pick("ssn=", "SSN: ", "ssn ") + s)
		}),
		neg("neg-iban-invalid", "digits", 40, func(g *gen) (string, string) {
			ib := g.iban()
			ck := (int(ib[2]-'0')*10 + int(ib[3]-'0') + g.between(1, 90)) % 97
			if ck < 2 {
				ck += 2
			}
			bad := fmt.Sprintf("%s%02d%s", ib[:2], ck, ib[4:])
			if ibanOK(bad) {
				bad = fmt.Sprintf("%s%02d%s", ib[:2], (ck+1)%97, ib[4:])
			}
			if g.chance(0.4) {
				bad = groupIBAN(bad)
			}
			return "bad-check", g.negLine(g.pick("iban=", "IBAN: ", "account ") + bad)
		}),
		neg("neg-ip-mac", "digits", 40, func(g *gen) (string, string) {
			ip := fmt.Sprintf("%d.%d.%d.%d", g.between(1, 223), g.intn(256), g.intn(256), g.between(1, 254))
			var inner string
			switch g.intn(5) {
			case 0:
				inner = "client=" + ip
			case 1:
				inner = fmt.Sprintf("%s - - connection from %s port %d", ip, ip, g.between(1024, 65535))
			case 2:
				inner = fmt.Sprintf("src=2001:db8:%x::%x dst=%s", g.intn(65536), g.intn(65536), ip)
			case 3:
				inner = fmt.Sprintf("hwaddr %02x:%02x:%02x:%02x:%02x:%02x", g.intn(256), g.intn(256), g.intn(256), g.intn(256), g.intn(256), g.intn(256))
			default:
				inner = fmt.Sprintf("allow %s/%d", ip, g.pick3(8, 16, 24))
			}
			return "ip", g.negLine(inner)
		}),
		neg("neg-email-lookalikes", "pii", 40, func(g *gen) (string, string) {
			s := g.pick(
				"npm install @acme/ui@4.2.1 --save",
				"brew install python@3.12",
				"nvm use node@20.11.1",
				"pulled ghcr.io/acme/api@sha256:"+g.hex(64),
				"cc @alice and @bob-k for review",
				"decorator @Transactional applied to OrderService",
				"price 3 @ 4.99 each",
				"deploy@ci-runner: exit 0",
				"@scope/pkg@^1.0.0 resolved to 1.4.0",
			)
			return "lookalike", g.negLine(s)
		}),
		neg("neg-phone-lookalikes", "pii", 40, func(g *gen) (string, string) {
			t := g.stamp()
			s := g.pick(
				fmt.Sprintf("%s %s +0000", t.date(), t.clock()),
				fmt.Sprintf("[%02d/%s/%d:%s +0200]", t.d, months[t.mo-1], t.y, t.clock()),
				fmt.Sprintf("latency p99=+%d.%dms vs baseline", g.between(1, 99), g.intn(10)),
				fmt.Sprintf("score changed +%d (%d total)", g.between(1, 40), g.between(100, 99999)),
				fmt.Sprintf("HTTP/1.1 %d %d", g.pick3(200, 404, 500), g.between(100, 99999)),
				fmt.Sprintf("range bytes=%d-%d", g.between(0, 999999), g.between(1000000, 9999999)),
				fmt.Sprintf("lat=%d.%06d lon=-%d.%06d", g.between(10, 60), g.intn(1000000), g.between(10, 120), g.intn(1000000)),
				fmt.Sprintf("build %d.%d.%d.%d", g.between(1, 20), g.between(0, 99), g.between(100, 999), g.between(1000, 9999)),
				fmt.Sprintf("disk %d/%d blocks used", g.between(1000000, 9999999), g.between(10000000, 99999999)),
			)
			return "lookalike", g.negLine(s)
		}),
		neg("neg-json-lines", "json", 50, func(g *gen) (string, string) {
			// clean NDJSON the structural path must pass through byte for byte
			t := g.stamp()
			sep, colon := ",", ":"
			if g.chance(0.4) {
				sep, colon = ", ", ": "
			}
			f := func(k, v string) string { return `"` + k + `"` + colon + v }
			fields := []string{f("ts", `"`+t.iso()+`"`), f("level", `"info"`)}
			switch g.intn(5) {
			case 0:
				fields = append(fields, f("msg", `"caf\u00e9 order \u2014 ok"`), f("city", `"M\u00fcnchen"`))
			case 1:
				fields = append(fields, f("path", `"\/v1\/orders\/`+fmt.Sprint(g.between(1, 9999))+`"`), f("latency", fmt.Sprintf("%d.%d0", g.between(1, 99), g.intn(10))))
			case 2:
				fields = append(fields, f("model", `"gpt-4o"`), f("max_tokens", "4096"), f("token_type", `"Bearer"`), f("usage", "{"+f("prompt_tokens", fmt.Sprint(g.between(1, 9000)))+sep+f("total_tokens", fmt.Sprint(g.between(9000, 20000)))+"}"))
			case 3:
				fields = append(fields, f("ratio", "1e-3"), f("big", "12345678901234567890"), f("ok", "true"), f("none", "null"))
			default:
				fields = append(fields, f("html", `"<b>Tom &amp; Jerry</b>"`), f("tags", `["a","b"]`), f("empty", "{}"))
			}
			return "json", "{" + strings.Join(fields, sep) + "}"
		}),
		neg("neg-frames-only", "frames", 60, func(g *gen) (string, string) {
			line, _ := g.frame(g.prefixField()+g.pick("request completed", "cache miss for key user:42", "scheduled job ran", "health check ok", "connection closed by peer")+g.suffix(), nil)
			return "frame", line
		}),
		neg("neg-http-dump-clean", "frames", 40, func(g *gen) (string, string) {
			s := g.pick(
				"Content-Type: application/json; charset=utf-8",
				"X-Request-Id: "+g.uuid(),
				"Cache-Control: no-cache, no-store, max-age=0",
				"User-Agent: Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36",
				"Accept-Encoding: gzip, deflate, br",
				fmt.Sprintf("Content-Length: %d", g.between(10, 999999)),
				"WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\"",
				"Access-Control-Allow-Headers: Authorization, Content-Type, X-Api-Key",
				fmt.Sprintf("Date: Wed, %02d Oct 2025 07:28:00 GMT", g.between(1, 28)),
				fmt.Sprintf("ETag: W/\"%s\"", g.hex(16)),
			)
			if g.chance(0.5) {
				s = g.pick("> ", "< ") + s
			}
			return "header", s
		}),
	}
}
