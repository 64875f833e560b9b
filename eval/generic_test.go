package eval

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
)

// Generic shapes: Bearer/Basic credentials, JWTs, private-key blocks and
// credentials inside URLs.

func genericFamilies() []Family {
	return []Family{
		{Name: "bearer", Kind: Positive, Group: "generic", Asserted: true, N: 50, Gen: func(g *gen) Case {
			var tok string
			if g.chance(0.3) {
				tok = g.jwt()
			} else {
				tok = g.tokenValue()
			}
			b := g.pick("Bearer", "Bearer", "bearer", "BEARER")
			var inner string
			switch g.intn(5) {
			case 0:
				inner = "Authorization: " + b + " " + tok
			case 1:
				inner = fmt.Sprintf(`curl -sS -X POST -H 'Authorization: %s %s' -H 'Content-Type: application/json' https://api.acme-corp.com/v1/jobs`, b, tok)
			case 2:
				inner = fmt.Sprintf("sending request with token %s %s to upstream", b, tok)
			case 3:
				inner = fmt.Sprintf("outbound headers=\"Authorization: %s %s Accept: */*\"", b, tok)
			default:
				inner = fmt.Sprintf("auth header %q rejected", b+" "+tok)
			}
			line, s := g.around(inner, tok)
			return Case{Label: "bearer", Text: line, Secrets: s, MayDrop: []string{b}}
		}},
		{Name: "basic-auth", Kind: Positive, Group: "generic", Asserted: true, N: 40, Gen: func(g *gen) Case {
			cred := base64.StdEncoding.EncodeToString([]byte(g.pick("admin", "deploy", "api", "alice") + ":" + g.password()))
			b := g.pick("Basic", "basic")
			var inner string
			switch g.intn(3) {
			case 0:
				inner = "Authorization: " + b + " " + cred
			case 1:
				inner = fmt.Sprintf(`curl -H "Authorization: %s %s" https://registry.acme-corp.com/v2/_catalog`, b, cred)
			default:
				inner = fmt.Sprintf("proxy auth %s %s accepted for upstream", b, cred)
			}
			line, s := g.around(inner, cred)
			return Case{Label: "basic", Text: line, Secrets: s, MayDrop: []string{b}}
		}},
		{Name: "jwt", Kind: Positive, Group: "generic", Asserted: true, N: 50, Gen: func(g *gen) Case {
			tok := g.jwt()
			var inner string
			switch g.intn(5) {
			case 0:
				inner = "session " + g.punct(tok) + " issued"
			case 1:
				inner = "jwt=" + tok
			case 2:
				inner = fmt.Sprintf("GET /callback#state=%s&jwt_assertion=%s", g.hex(16), tok)
			case 3:
				inner = fmt.Sprintf("failed to verify %s: token is expired", tok)
			default:
				inner = tok
			}
			line, s := g.around(inner, tok)
			return Case{Label: "jwt", Text: line, Secrets: s}
		}},
		{Name: "url-credentials", Kind: Positive, Group: "generic", Asserted: true, N: 70, Gen: func(g *gen) Case {
			user := g.pick("app", "orders", "admin", "postgres", "root", "svc_billing", "deploy")
			pass := g.urlPassword()
			host := g.pick("db.internal", "10.0.4.12", "pg-primary.prod.svc.cluster.local", "rabbit", "cache-01")
			var u, label string
			var may []string
			switch g.intn(10) {
			case 0:
				label, u = "postgres", fmt.Sprintf("postgres://%s:%s@%s:5432/%s?sslmode=require", user, pass, host, g.pick("orders", "app"))
			case 1:
				label, u = "postgresql", fmt.Sprintf("postgresql://%s:%s@%s/app", user, pass, host)
			case 2:
				label, u = "mysql", fmt.Sprintf("mysql://%s:%s@%s:3306/shop", user, pass, host)
			case 3:
				label, u = "redis-token", fmt.Sprintf("redis://:%s@%s:6379/0", pass, host)
				user = ""
			case 4:
				label, u = "rediss", fmt.Sprintf("rediss://default:%s@%s:6380", pass, host)
				user = "default"
			case 5:
				label, u = "amqp", fmt.Sprintf("%s://%s:%s@%s:5672/%s", g.pick("amqp", "amqps"), user, pass, host, g.pick("vhost", "%2F"))
			case 6:
				label, u = "mongodb+srv", fmt.Sprintf("mongodb+srv://%s:%s@cluster0.%s.mongodb.net/app?retryWrites=true&w=majority", user, pass, g.chars(lowerNum, 5))
			case 7:
				label, u = "mongodb", fmt.Sprintf("mongodb://%s:%s@mongo-0:27017,mongo-1:27017/app?replicaSet=rs0", user, pass)
			case 8:
				label, u = "https", fmt.Sprintf("https://%s:%s@%s/%s.git", g.pick("x-access-token", "oauth2", "gitlab-ci-token", "ci"), pass, g.pick("github.com/acme", "gitlab.com/acme/infra", "git.acme-corp.com/team"), g.pick("api", "deploy-tools"))
				user = ""
				may = []string{"access", "oauth2", "gitlab", "token"}
			default:
				label, u = g.pick("ftp", "smtp", "nats", "sqlserver"), fmt.Sprintf("%s://%s:%s@%s:%d", g.pick("ftp", "smtp", "nats", "sqlserver"), user, pass, host, g.pick3(21, 587, 4222))
			}
			if user != "" {
				may = append(may, user)
			}
			var inner string
			switch g.intn(4) {
			case 0:
				inner = g.pick("dsn=", "url=", "DATABASE_URL=", "broker_url: ") + u
			case 1:
				inner = fmt.Sprintf("connecting to %s failed: connection refused", u)
			case 2:
				inner = fmt.Sprintf(`"%s"`, u)
			default:
				inner = "git clone " + u
			}
			line, s := g.around(inner, pass)
			return Case{Label: label, Text: line, Secrets: s, MayDrop: may}
		}},
		{Name: "dsn-go-mysql", Kind: Positive, Group: "generic", Asserted: true, N: 20, Gen: func(g *gen) Case {
			pass := g.password()
			dsn := fmt.Sprintf("%s:%s@tcp(%s:3306)/%s?parseTime=true", g.pick("root", "app"), pass, g.pick("127.0.0.1", "mysql", "db.internal"), g.pick("orders", "app"))
			line, s := g.around(g.pick("dsn=", "opening ", "mysql dsn: ")+dsn, pass)
			return Case{Label: "go-mysql", Text: line, Secrets: s, MayDrop: []string{"root", "app"}}
		}},
		{Name: "pem-private-key", Kind: Positive, Group: "generic", Asserted: true, N: 40, Gen: func(g *gen) Case {
			label, lines, body := g.privateKeyBlock()
			t := g.stamp()
			indent := ""
			var out []string
			switch g.intn(4) {
			case 0:
				out = append(out, fmt.Sprintf("%s ERROR failed to parse signing key from /etc/%s/key.pem:", t.iso(), g.prog()))
			case 1:
				out = append(out, "tls:", "  private_key: |")
				indent = "    "
			case 2:
				out = append(out, fmt.Sprintf("%s DEBUG config dump follows", t.iso()))
			default:
				out = append(out, "$ cat ~/.ssh/id_deploy")
			}
			for _, l := range lines {
				out = append(out, indent+l)
			}
			out = append(out, fmt.Sprintf("%s INFO  %s", t.iso(), g.pick("falling back to KMS", "key loaded", "retrying in 5s")))
			return Case{Label: label, Text: strings.Join(out, "\n"), Secrets: body, MayDrop: pemMayDrop(lines)}
		}},
		{Name: "pem-escaped-one-line", Kind: Positive, Group: "generic", Asserted: true, N: 30, Gen: func(g *gen) Case {
			label, lines, body := g.privateKeyBlock()
			esc := strings.Join(lines, `\n`) + `\n`
			if g.chance(0.25) { // newlines lost: a CI variable or env var pasted on one line
				esc = strings.Join(lines, " ")
			}
			var line string
			switch g.intn(3) {
			case 0: // GCP service-account JSON
				line = fmt.Sprintf(`{"type":"service_account","project_id":"acme-prod","private_key_id":"%s","private_key":"%s","client_email":"ci@acme-prod.iam.gserviceaccount.com"}`, g.hex(40), esc)
			case 1:
				line = fmt.Sprintf(`%s ERROR parse error in "%s" near offset %d`, g.stamp().iso(), esc, g.between(10, 900))
			default:
				line = fmt.Sprintf(`secret data: {"tls.key": "%s"}`, esc)
			}
			var may []string
			if strings.Contains(line, "client_email") {
				// the service-account address is an e-mail address: it may go too
				may = []string{"acme", "prod", "iam", "gserviceaccount", "com"}
			}
			return Case{Label: label, Text: line, Secrets: body, MayDrop: append(may, pemMayDrop(lines)...)}
		}},
	}
}

// pemMayDrop: the BEGIN/END lines and the encryption headers inside a
// private-key block (Proc-Type, DEK-Info with its IV) may be redacted with
// the body; only the body is asserted.
func pemMayDrop(lines []string) []string {
	return lines
}

// urlPassword is a password as it may legally appear in URL userinfo (RFC
// 3986: unreserved, sub-delims and percent-encoded characters).
func (g *gen) urlPassword() string {
	p := g.chars(letters, 1) + g.mixed(base62Set+"-._~!*+=", g.between(9, 20))
	if g.chance(0.3) {
		i := g.intn(len(p))
		p = p[:i] + url.QueryEscape(g.pick("@", ":", "/", "#", "?", "%")) + p[i:]
	}
	return p
}
