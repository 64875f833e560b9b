package eval

import (
	"fmt"
	"net/url"
	"strings"
)

// Secret-keyed values: the key's last word is a secret noun.

// secretKeyWords are keys as word lists; render spells them in a style.
var secretKeyWords = [][]string{
	{"password"}, {"passwd"}, {"pwd"}, {"passphrase"}, {"secret"}, {"client", "secret"},
	{"token"}, {"access", "token"}, {"refresh", "token"}, {"id", "token"}, {"auth", "token"},
	{"csrf", "token"}, {"api", "key"}, {"apikey"}, {"private", "key"}, {"access", "key"},
	{"credential"}, {"credentials"}, {"db", "password"}, {"smtp", "password"}, {"session", "token"},
	{"app", "secret"}, {"webhook", "secret"}, {"secret", "access", "key"}, {"mysql", "root", "password"},
	{"redis", "password"}, {"jwt", "secret"}, {"oauth", "token"}, {"bearer", "token"},
	{"admin", "passphrase"}, {"user", "pwd"}, {"x", "api", "key"}, {"stripe", "api", "key"},
	{"aws", "secret", "access", "key"}, {"client", "credentials"}, {"github", "token"},
	{"slack", "bot", "token"}, {"api", "token"}, {"ldap", "bind", "password"}, {"keystore", "passphrase"},
}

func title(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

// render spells words in one of the styles keys take in the wild.
func render(words []string, style int) string {
	switch style {
	case 0: // snake
		return strings.Join(words, "_")
	case 1: // SCREAMING_SNAKE
		return strings.ToUpper(strings.Join(words, "_"))
	case 2: // camelCase
		s := words[0]
		for _, w := range words[1:] {
			s += title(w)
		}
		return s
	case 3: // PascalCase
		s := ""
		for _, w := range words {
			s += title(w)
		}
		return s
	case 4: // kebab
		return strings.Join(words, "-")
	case 5: // dotted
		return strings.Join(words, ".")
	default: // Header-Case
		t := make([]string, len(words))
		for i, w := range words {
			t[i] = title(w)
		}
		return strings.Join(t, "-")
	}
}

func (g *gen) secretKey(styles ...int) string {
	w := secretKeyWords[g.intn(len(secretKeyWords))]
	if len(styles) == 0 {
		return render(w, g.intn(7))
	}
	return render(w, styles[g.intn(len(styles))])
}

func (g *gen) kvCase(fam, label, line string, secret string, mayDrop ...string) Case {
	return Case{Family: fam, Label: label, Text: line, Secrets: []string{secret}, MayDrop: mayDrop}
}

func keyedFamilies() []Family {
	return []Family{
		{Name: "keyed-kv-equals", Kind: Positive, Group: "keyed", Asserted: true, N: 60, Gen: func(g *gen) Case {
			k, v := g.secretKey(0, 1, 2, 3, 4, 5), g.secretValue()
			switch g.intn(5) {
			case 0: // INI / properties style
				line, s := g.around(k+" = "+v, v)
				return g.kvCase("", k, line, s[0])
			case 1: // two secrets on one line
				k2, v2 := g.secretKey(0, 2), g.secretValue()
				line, s := g.around(fmt.Sprintf("%s=%s user=%s %s=%s", k, v, g.pick("alice", "svc-ci"), k2, v2), v, v2)
				return Case{Label: k + "+" + k2, Text: line, Secrets: s}
			}
			line, s := g.around(k+"="+v, v)
			return g.kvCase("", k, line, s[0])
		}},
		{Name: "keyed-kv-colon", Kind: Positive, Group: "keyed", Asserted: true, N: 50, Gen: func(g *gen) Case {
			k, v := g.secretKey(0, 1, 2, 3, 6), g.secretValue()
			inner := k + ": " + v
			if g.chance(0.2) {
				inner = k + ":" + v
			}
			line, s := g.around(inner, v)
			return g.kvCase("", k, line, s[0])
		}},
		{Name: "keyed-json-line", Kind: Positive, Group: "keyed", Asserted: true, N: 60, Gen: func(g *gen) Case {
			// a whole NDJSON line (the command's structural path)
			k, v := g.secretKey(0, 2, 3, 1), g.secretValue()
			t := g.stamp()
			sep, colon := ",", ":"
			if g.chance(0.35) { // Python json.dumps default separators
				sep, colon = ", ", ": "
			}
			f := func(k, v string) string { return `"` + k + `"` + colon + v }
			q := func(s string) string { return `"` + s + `"` }
			var fields []string
			fields = append(fields, f("ts", q(t.iso())), f("level", q(strings.ToLower(g.level()))))
			kv := f(k, q(v))
			switch g.intn(4) {
			case 0:
				kv = f("auth", "{"+f("user", q(g.pick("alice", "svc-ci")))+sep+f(k, q(v))+"}")
			case 1:
				kv = f("config", "{"+f("host", q("db.internal"))+sep+f("port", "5432")+sep+f(k, q(v))+sep+f("pool", "10")+"}")
			}
			fields = append(fields, f("msg", q(g.pick("login attempt", "request", "outbound call", "config dump"))), kv)
			if g.chance(0.6) {
				fields = append(fields, f("status", fmt.Sprint(g.pick3(200, 401, 403))), f("latency_ms", fmt.Sprint(g.between(1, 900))))
			}
			return g.kvCase("", k, "{"+strings.Join(fields, sep)+"}", v)
		}},
		{Name: "keyed-json-embedded", Kind: Positive, Group: "keyed", Asserted: true, N: 50, Gen: func(g *gen) Case {
			// JSON inside a text log line (request bodies, error dumps)
			k, v := g.secretKey(0, 2, 1), g.secretValue()
			sp := g.pick("", " ")
			body := fmt.Sprintf(`{"username":%s"%s",%s"%s":%s"%s",%s"remember":%strue}`, sp, g.pick("alice", "bob.k", "svc-ci"), sp, k, sp, v, sp, sp)
			line, s := g.around(g.pick("request body: ", "payload=", "POST /v1/login body=", "upstream returned ")+body, v)
			return g.kvCase("", k, line, s[0])
		}},
		{Name: "keyed-quoted", Kind: Positive, Group: "keyed", Asserted: true, N: 60, Gen: func(g *gen) Case {
			k, v := g.secretKey(0, 1, 2, 3, 4, 5), g.secretValue()
			if g.chance(0.25) { // passphrases with spaces only exist quoted
				v = g.pick("correct horse ", "blue monday ", "tea for two ", "open sesame ") + g.pick("battery staple", "at noon 42", "and biscuits!", "please 7")
			}
			var inner string
			switch g.intn(5) {
			case 0:
				inner = k + `="` + v + `"`
			case 1:
				inner = k + `='` + v + `'`
			case 2:
				inner = fmt.Sprintf(`{'user': '%s', '%s': '%s'}`, g.pick("alice", "deploy"), k, v) // Python dict repr
			case 3:
				inner = k + `: "` + v + `"`
			default:
				inner = k + ` = "` + v + `"` // TOML / HCL
			}
			line, s := g.around(inner, v)
			return g.kvCase("", k, line, s[0])
		}},
		{Name: "keyed-query-string", Kind: Positive, Group: "keyed", Asserted: true, N: 60, Gen: func(g *gen) Case {
			k := g.secretKey(0, 2, 4, 1)
			raw := g.secretValue()
			v := url.QueryEscape(raw)
			q := fmt.Sprintf("page=%d&%s=%s&lang=en", g.between(1, 9), k, v)
			if g.chance(0.15) { // OAuth implicit flow: the token travels in the fragment
				k = "access_token"
				return g.kvCase("", k, g.negLine(fmt.Sprintf("redirect to https://app.acme-corp.com/callback#access_token=%s&token_type=Bearer&expires_in=3600&state=%s", v, g.hex(12))), v)
			}
			if g.chance(0.4) {
				q = k + "=" + v
			} else if g.chance(0.3) {
				q = fmt.Sprintf("user=bob&%s=%s", k, v)
			}
			path := g.pick("/v1/items", "/oauth/callback", "/api/export", "/login", "/hooks/deploy")
			t := g.stamp()
			var line string
			switch g.intn(3) {
			case 0: // nginx combined
				line = fmt.Sprintf(`10.0.%d.%d - - [%02d/%s/%d:%s +0000] "GET %s?%s HTTP/1.1" %d %d "-" "%s"`,
					g.intn(255), g.between(1, 254), t.d, months[t.mo-1], t.y, t.clock(), path, q, g.pick3(200, 302, 401), g.between(100, 90000),
					g.pick("curl/8.4.0", "Mozilla/5.0 (X11; Linux x86_64)", "python-requests/2.31.0", "Go-http-client/1.1"))
			case 1:
				line, _ = g.around(fmt.Sprintf("%s url=https://%s%s?%s", g.pick("GET", "upstream retry", "fetch"), g.pick("api.acme-corp.com", "partner.fabrikam.io", "hooks.internal:8443"), path, q))
			default:
				line, _ = g.frame(fmt.Sprintf(`"%s %s?%s" status=%d`, g.pick("GET", "POST"), path, q, g.pick3(200, 401, 500)), nil)
			}
			return g.kvCase("", k, line, v)
		}},
		{Name: "keyed-form-body", Kind: Positive, Group: "keyed", Asserted: true, N: 40, Gen: func(g *gen) Case {
			v := url.QueryEscape(g.secretValue())
			var body, k string
			switch g.intn(4) {
			case 0:
				k = "password"
				body = fmt.Sprintf("grant_type=password&username=%s&password=%s&scope=openid", g.pick("alice", "bob%40corp"), v)
			case 1:
				k = "client_secret"
				body = fmt.Sprintf("grant_type=client_credentials&client_id=%s&client_secret=%s", g.hex(20), v)
			case 2:
				k = "refresh_token"
				body = fmt.Sprintf("grant_type=refresh_token&refresh_token=%s&client_id=web", v)
			default:
				k = g.secretKey(0)
				body = fmt.Sprintf("action=update&%s=%s&confirm=1", k, v)
			}
			line, s := g.around(g.pick("body=", "form: ", "POST /oauth/token ", "data=")+body, v)
			return g.kvCase("", k, line, s[0])
		}},
		{Name: "keyed-env-dump", Kind: Positive, Group: "keyed", Asserted: true, N: 50, Gen: func(g *gen) Case {
			k := render(g.pickWords(
				[]string{"db", "password"}, []string{"postgres", "password"}, []string{"aws", "secret", "access", "key"},
				[]string{"github", "token"}, []string{"npm", "token"}, []string{"slack", "webhook", "secret"},
				[]string{"smtp", "password"}, []string{"api", "key"}, []string{"openai", "api", "key"},
				[]string{"redis", "password"}, []string{"jwt", "secret"}, []string{"session", "secret"},
				[]string{"vault", "token"}, []string{"sentry", "auth", "token"}, []string{"mysql", "root", "password"},
			), 1)
			v := g.secretValue()
			var line string
			switch g.intn(5) {
			case 0:
				line = k + "=" + v
			case 1:
				line = "export " + k + "=" + v
			case 2:
				line = "export " + k + `="` + v + `"`
			case 3:
				line = fmt.Sprintf("declare -x %s=\"%s\"", k, v)
			default:
				line = fmt.Sprintf("  %s=%s", k, v) // indented `env` output inside a log
			}
			return g.kvCase("", k, line, v)
		}},
		{Name: "keyed-yaml", Kind: Positive, Group: "keyed", Asserted: true, N: 50, Gen: func(g *gen) Case {
			k, v := g.secretKey(0, 2, 4), g.secretValue()
			indent := strings.Repeat(" ", g.pick3(0, 2, 4)+g.intn(2)*2)
			var line string
			switch g.intn(4) {
			case 0:
				line = indent + k + ": " + v
			case 1:
				line = indent + k + `: "` + v + `"`
			case 2:
				line = indent + k + ": '" + v + "'"
			default:
				line = indent + "- " + k + ": " + v
			}
			if g.chance(0.2) {
				line += "  # rotated " + g.stamp().date()
			}
			return g.kvCase("", k, line, v)
		}},
		{Name: "keyed-go-header-map", Kind: Positive, Group: "keyed", Asserted: true, N: 30, Gen: func(g *gen) Case {
			// log.Printf("%v", req.Header) — common in Go services
			v := g.tokenValue()
			var hdr string
			var may []string
			switch g.intn(4) {
			case 0:
				hdr = g.pick("X-Api-Key", "X-Auth-Token", "X-Vault-Token", "Private-Token") + ": " + v
			case 1:
				hdr = "Authorization: " + v
			case 2:
				s := g.pick("Bearer", "Token", "ApiKey")
				hdr, may = "Authorization: "+s+" "+v, []string{s}
			default:
				hdr = "Cookie: session=" + v + "; theme=dark"
				may = []string{"session", "theme", "dark"}
			}
			return Case{Label: strings.SplitN(hdr, ":", 2)[0], Text: g.goHeaderMap(hdr), Secrets: []string{v}, MayDrop: may}
		}},
		{Name: "keyed-http-header", Kind: Positive, Group: "keyed", Asserted: true, N: 60, Gen: func(g *gen) Case {
			v := g.tokenValue()
			var hdr string
			var may []string
			label := ""
			switch g.intn(8) {
			case 0:
				label = "x-api-key"
				hdr = g.pick("X-Api-Key", "x-api-key", "X-API-Key", "Api-Key", "X-API-KEY") + ": " + v
			case 1:
				label = "x-auth-token"
				hdr = g.pick("X-Auth-Token", "X-Access-Token", "X-CSRF-Token", "X-Vault-Token", "PRIVATE-TOKEN") + ": " + v
			case 2:
				label = "cookie"
				hdr = fmt.Sprintf("Cookie: %s=%s; theme=dark; lang=en", g.pick("session", "sid", "JSESSIONID", "_gh_sess", "connect.sid"), v)
				may = []string{"session", "sid", "JSESSIONID", "_gh_sess", "connect", "theme", "dark", "lang"}
			case 3:
				label = "set-cookie"
				hdr = fmt.Sprintf("Set-Cookie: %s=%s; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly; Secure", g.pick("session", "sid", "auth"), v)
				may = []string{"session", "sid", "auth", "Path", "Expires", "Wed", "Oct", "2026", "07", "28", "00", "GMT", "HttpOnly", "Secure"}
			case 4:
				label = "authorization-token"
				s := g.pick("Token", "token", "Bearer", "bearer", "ApiKey", "SSWS")
				hdr = g.pick("Authorization", "authorization", "Proxy-Authorization") + ": " + s + " " + v
				may = []string{s}
			case 5:
				label = "authorization-raw"
				hdr = g.pick("Authorization", "authorization") + ": " + v
			case 6:
				label = "sigv4"
				id, sig := g.awsKeyID(), g.hex(64)
				hdr = fmt.Sprintf("Authorization: AWS4-HMAC-SHA256 Credential=%s/%s/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=%s", id, g.stamp().date(), sig)
				v = sig
				may = []string{id, "AWS4", "HMAC", "SHA256", "Credential", "us", "east", "aws4_request", "request", "SignedHeaders", "host", "amz", "content", "sha256", "date", "Signature"}
				return Case{Label: label, Text: g.headerLine(hdr), Secrets: []string{id, sig}, MayDrop: append(may, wordRE.FindAllString(hdr[strings.Index(hdr, "/")+1:strings.Index(hdr, ", Signed")], -1)...)}
			default:
				label = "x-amz-security-token"
				v = g.b64(g.between(120, 240))
				hdr = "X-Amz-Security-Token: " + v
			}
			return Case{Label: label, Text: g.headerLine(hdr), Secrets: []string{v}, MayDrop: may}
		}},
		{Name: "keyed-camel-dotted", Kind: Positive, Group: "keyed", Asserted: true, N: 50, Gen: func(g *gen) Case {
			var k string
			switch g.intn(3) {
			case 0:
				k = g.secretKey(2, 3)
			case 1:
				k = g.pick("spring.datasource.", "db.", "app.auth.", "smtp.", "kafka.sasl.jaas.", "management.") + g.pick("password", "secret", "token", "apiKey", "api-key", "credentials")
			default:
				k = g.secretKey(4, 5)
			}
			v := g.secretValue()
			var inner string
			switch g.intn(3) {
			case 0:
				inner = k + "=" + v
			case 1:
				inner = k + ": " + v
			default:
				inner = `"` + k + `": "` + v + `"`
			}
			line, s := g.around(inner, v)
			return g.kvCase("", k, line, s[0])
		}},
		{Name: "keyed-xml-flags", Kind: Positive, Group: "keyed", Asserted: true, N: 40, Gen: func(g *gen) Case {
			k, v := g.secretKey(0, 2, 4), g.secretValue()
			var inner string
			switch g.intn(3) {
			case 0:
				inner = "<" + k + ">" + v + "</" + k + ">"
			case 1:
				inner = fmt.Sprintf("exec: /usr/bin/%s --%s=%s --verbose", g.prog(), render(secretKeyWords[g.intn(len(secretKeyWords))], 4), v)
			default:
				inner = fmt.Sprintf("java -Xmx512m -Dspring.datasource.password=%s -jar app.jar", v)
			}
			line, s := g.around(inner, v)
			return g.kvCase("", k, line, s[0])
		}},
		{Name: "keyed-authorization", Kind: Positive, Group: "keyed", Asserted: true, N: 40, Gen: func(g *gen) Case {
			v := g.tokenValue()
			scheme := g.pick("Bearer", "Bearer", "bearer", "Token")
			var inner string
			switch g.intn(4) {
			case 0:
				inner = "authorization=\"" + scheme + " " + v + "\""
			case 1:
				inner = fmt.Sprintf(`headers={'Authorization': '%s %s', 'Accept': 'application/json'}`, scheme, v)
			case 2:
				inner = fmt.Sprintf(`"headers":{"authorization":"%s %s","user-agent":"okhttp/4.12.0"}`, scheme, v)
			default:
				inner = fmt.Sprintf(`curl -s -H "Authorization: %s %s" https://api.acme-corp.com/v2/me`, scheme, v)
			}
			line, s := g.around(inner, v)
			return Case{Label: "authorization", Text: line, Secrets: s, MayDrop: []string{scheme}}
		}},
		{Name: "keyed-special-values", Kind: Positive, Group: "keyed", Asserted: true, N: 40, Gen: func(g *gen) Case {
			// passwords with symbols, '=' padding, colons and at-signs
			k := g.secretKey(0, 1, 2)
			v := g.pick("p@ss:w0rd!", "Zx9#kL@2024", "a=b=c==", "S3cr3t/+x==", "hunter2:again", "pa%ss^word~", "m!x?ed.Up-9") + g.chars(base62Set, g.between(3, 8))
			if g.chance(0.3) {
				v = g.b64(g.between(16, 40)) // padded base64 (often ends in '=')
			}
			var inner string
			switch g.intn(3) {
			case 0:
				inner = k + "=" + v
			case 1:
				inner = k + ": " + v
			default:
				inner = k + `="` + v + `"`
			}
			line, s := g.around(inner, v)
			return g.kvCase("", k, line, s[0])
		}},
	}
}

func (g *gen) pickWords(ws ...[]string) []string { return ws[g.intn(len(ws))] }

// headerLine puts an HTTP header where logs show them.
func (g *gen) headerLine(hdr string) string {
	switch g.intn(3) {
	case 0:
		return hdr
	case 1:
		return g.pick("> ", "< ") + hdr // curl -v
	default:
		line, _ := g.frame(g.pick("request header ", "outbound ", "")+hdr, nil)
		return line
	}
}

// goHeaderMap renders headers the way Go's %v prints an http.Header.
func (g *gen) goHeaderMap(hdr string) string {
	name, val, _ := strings.Cut(hdr, ": ")
	return fmt.Sprintf(`%s DEBUG outbound request headers=map[Accept:[application/json] %s:[%s] User-Agent:[Go-http-client/1.1]]`, g.stamp().iso(), name, val)
}
