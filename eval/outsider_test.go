package eval

// An outside QA pass: ~75 families (about 60 asserted) of realistic log and config formats the
// team's own eval does not generate (access logs with query strings,
// kubectl/docker/terraform output, exceptions with URLs, language debug
// dumps, dotfiles, connection strings, OAuth responses, cookies with
// attributes, PEM in YAML, national phone formats …) and look-alike
// negatives (trace ids, digests, dates, sizes, schemas, code that mentions
// secrets, masked values …).
//
// Reuses the case/score helpers of heldout_test.go; the families are new.
// Run:
//
//	go test ./eval -run TestOutsiderFamilies -v
//
// REDACT_OUTSIDER_DUMP=FILE (default /tmp/outsider-failures.txt) receives
// the table and every failure in full; REDACT_OUTSIDER_SEED draws another
// sample.

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

const outsiderSeed = 77031

// ---- small helpers ----

func oc(label, text string, secrets ...string) Case {
	return Case{Label: label, Text: text, Secrets: secrets}
}

func (c Case) may(words ...string) Case {
	c.MayDrop = append(c.MayDrop, words...)
	return c
}

func opos(name, group string, n int, asserted bool, f func(g *gen) Case) Family {
	return Family{Name: "out-" + name, Kind: Positive, Group: group, Asserted: asserted, N: n, Gen: f}
}

func oneg(name, group string, n int, asserted bool, f func(g *gen) (string, string)) Family {
	return Family{Name: "out-" + name, Kind: Negative, Group: group, Asserted: asserted, N: n, Gen: func(g *gen) Case {
		l, t := f(g)
		return Case{Label: l, Text: t}
	}}
}

// urlVal is a credential that can sit unescaped in a URL.
func (g *gen) urlVal() string {
	switch g.intn(4) {
	case 0:
		return g.hex(g.pick3(32, 40, 64))
	case 1:
		return g.b62(g.between(24, 44))
	case 2:
		return g.uuid()
	default:
		return g.urlTok(g.between(30, 50))
	}
}

// urlPw is a password made only of URL-safe characters.
func (g *gen) urlPw() string {
	return g.chars(letters, 1) + g.mixed(base62Set, g.between(9, 17)) + g.pick("", "!", "-", "_", ".", "~")
}

// pctEscape percent-encodes the characters a userinfo or form value cannot
// carry raw.
func pctEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if strings.IndexByte(base62Set+"-_.~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// symPw is a password with the characters that end values in naive
// parsers: spaces, quotes, semicolons, commas, ampersands, equals.
func (g *gen) symPw() string {
	w := g.pick("Summer", "Orchid", "Falcon", "Copper", "Velvet")
	return w + g.pick(";", ",", "&", "=", " ", "$", "#", "'", ":", "/", "\\") + g.b62(g.between(6, 10)) + g.pick("!", ";", "=", "&&", "%", "@")
}

func (g *gen) passphrase() string {
	ws := []string{"correct", "horse", "battery", "staple", "violet", "anchor", "meadow", "quartz", "lantern", "pepper", "glacier", "orbit"}
	n := g.between(3, 5)
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, ws[g.intn(len(ws))])
	}
	return strings.Join(out, g.pick(" ", " ", "-")) + fmt.Sprint(g.between(1, 99))
}

func (g *gen) nginxTime() string {
	t := g.stamp()
	return fmt.Sprintf("%02d/%s/%04d:%s +0000", t.d, months[t.mo-1], t.y, t.clock())
}

func (g *gen) ip() string {
	return fmt.Sprintf("%d.%d.%d.%d", g.pick3(10, 172, 192), g.intn(256), g.intn(256), g.between(1, 254))
}

func (g *gen) ua() string {
	return g.pick("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
		"python-requests/2.31.0", "curl/8.4.0", "Go-http-client/1.1", "okhttp/4.12.0", "kube-probe/1.29")
}

func (g *gen) email2() string {
	local := g.pick("alice", "bob.smith", "c.okafor", "dmitri_k", "eva-marie", "f.nguyen", "grace.hopper", "h", "ines.garcia", "j.o.doe", "kate99", "liwei")
	switch g.intn(6) {
	case 0:
		local += "+" + g.pick("billing", "shop", "github", "2026", "a.b")
	case 1:
		local = strings.ToUpper(local)
	case 2:
		local += "." + fmt.Sprint(g.between(1, 999))
	}
	dom := g.pick("mail.eu.acme-corp.com", "students.uni-heidelberg.de", "example-mail.co.uk", "sub.domain.fabrikam.io",
		"gmail.com", "xn--bcher-kva.ch", "my-company.photography", "dept.state.gov", "a.b.c.d.example.org", "hey.com")
	return local + "@" + dom
}

func (g *gen) luhnCard(prefix string, n int) string {
	body := prefix + g.chars(digits, n-len(prefix)-1)
	return body + string(luhnDigit(body))
}

func (g *gen) luhnBad(n int) string {
	for {
		s := g.chars("123456789", 1) + g.chars(digits, n-1)
		if !luhnOK(s) {
			return s
		}
	}
}

// pemKeyLines returns a private key block (label, all lines, body lines).
func (g *gen) pemKeyLines() ([]string, []string) {
	_, lines, body := g.privateKeyBlock()
	return lines, body
}

func indent(lines []string, pfx string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = pfx + l
	}
	return out
}

// ---- positive families ----

func outsiderPositive() []Family {
	return []Family{
		opos("access-log-query", "keyed", 50, true, func(g *gen) Case {
			k := g.pick("api_key", "apikey", "access_token", "token", "client_secret", "auth_token", "api-key", "private_token", "X-Amz-Security-Token", "password", "apiKey", "session_token")
			v := g.urlVal()
			path := fmt.Sprintf("/v%d/%s?%s=%s&page=%d", g.between(1, 3), g.pick("export", "items", "reports/daily", "hooks/incoming"), k, v, g.between(1, 40))
			if g.chance(0.4) {
				path = fmt.Sprintf("/%s?format=%s&%s=%s", g.pick("download", "feed.xml", "callback"), g.pick("csv", "json"), k, v)
			}
			switch g.intn(5) {
			case 0:
				return oc("nginx", fmt.Sprintf(`%s - - [%s] "GET %s HTTP/1.1" %d %d "-" "%s"`, g.ip(), g.nginxTime(), path, g.pick3(200, 401, 302), g.between(100, 90000), g.ua()), v)
			case 1:
				t := g.stamp()
				return oc("envoy", fmt.Sprintf(`[%s] "GET %s HTTP/2" %d - 0 %d %d %d "%s" "%s" "%s" "api.acme-corp.com" "10.0.3.4:8080"`, t.iso(), path, g.pick3(200, 403, 503), g.between(10, 9000), g.between(1, 900), g.between(1, 900), g.ip(), g.ua(), g.uuid()), v)
			case 2:
				return oc("haproxy", fmt.Sprintf(`%s %2d %s lb1 haproxy[%d]: %s:%d [%s] fe_https~ be_api/api%d 0/0/1/%d/%d %d %d - - ---- 12/12/0/0/0 0/0 "GET %s HTTP/1.1"`,
					months[g.intn(12)], g.between(1, 28), g.stamp().clock(), g.pid(), g.ip(), g.between(1024, 65000), g.nginxTime(), g.between(1, 4), g.between(1, 90), g.between(1, 99), g.pick3(200, 401, 500), g.between(100, 9000), path), v)
			case 3:
				t := g.stamp()
				return oc("alb", fmt.Sprintf(`https %s app/prod-alb/%s %s:%d 10.0.2.15:80 0.000 0.00%d 0.000 200 200 34 %d "GET https://api.acme-corp.com:443%s HTTP/1.1" "%s" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2`,
					t.iso(), g.hex(16), g.ip(), g.between(1024, 65000), g.intn(10), g.between(100, 9000), path, g.ua()), v)
			default:
				return oc("apache-referer", fmt.Sprintf(`%s - - [%s] "GET /assets/app.js HTTP/1.1" 200 %d "https://app.acme-corp.com%s" "%s"`, g.ip(), g.nginxTime(), g.between(100, 90000), path, g.ua()), v)
			}
		}),
		opos("kubectl-output", "keyed", 40, true, func(g *gen) Case {
			v := g.password()
			switch g.intn(4) {
			case 0:
				k := g.pick("DB_PASSWORD", "REDIS_PASSWORD", "API_TOKEN", "STRIPE_SECRET_KEY", "JWT_SECRET", "SMTP_PASS"+"WORD")
				return oc("describe-env", strings.Join([]string{
					"    Environment:",
					"      DB_HOST:        postgres.prod.svc.cluster.local",
					fmt.Sprintf("      %-14s  %s", k+":", v),
					"      LOG_LEVEL:      info",
					"    Mounts:",
					"      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-" + g.chars(lowerNum, 5) + " (ro)",
				}, "\n"), v)
			case 1:
				enc := base64.StdEncoding.EncodeToString([]byte(v))
				return oc("secret-yaml", strings.Join([]string{
					"apiVersion: v1",
					"data:",
					"  " + g.pick("password", "api-key", "token", "client-secret") + ": " + enc,
					"  username: " + base64.StdEncoding.EncodeToString([]byte(g.pick("admin", "app", "svc-ci"))),
					"kind: Secret",
					"metadata:",
					"  name: db-credentials",
					"type: Opaque",
				}, "\n"), enc)
			case 2:
				k := g.pick("password", "api-token", "db_password", "secret")
				return oc("from-literal", fmt.Sprintf("+ kubectl create secret generic app-creds --from-literal=username=admin --from-literal=%s=%s -n prod", k, v), v)
			default:
				k := g.pick("DATABASE_PASSWORD", "API_KEY", "AUTH_TOKEN")
				return oc("set-env", fmt.Sprintf("$ kubectl set env deployment/api %s=%s LOG_LEVEL=debug", k, v), v)
			}
		}),
		opos("docker-env", "keyed", 40, true, func(g *gen) Case {
			v := g.password()
			k := g.pick("POSTGRES_PASSWORD", "MYSQL_ROOT_PASSWORD", "RABBITMQ_DEFAULT_PASS"+"WORD", "API_KEY", "GITHUB_TOKEN", "MINIO_SECRET_KEY", "AWS_SECRET_ACCESS_KEY")
			if k == "MINIO_SECRET_KEY" {
				k = "MINIO_ROOT_PASSWORD"
			}
			switch g.intn(4) {
			case 0:
				return oc("inspect-json-line", fmt.Sprintf(`{"Id":"%s","Config":{"Hostname":"%s","Env":["PATH=/usr/local/sbin:/usr/local/bin","%s=%s","PGDATA=/var/lib/postgresql/data"],"Image":"postgres:16"}}`, g.hex(64), g.hex(12), k, v), v)
			case 1:
				return oc("inspect-pretty", strings.Join([]string{
					`            "Env": [`,
					`                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin",`,
					fmt.Sprintf(`                "%s=%s",`, k, v),
					`                "LANG=C.UTF-8"`,
					`            ],`,
				}, "\n"), v)
			case 2:
				return oc("docker-run", fmt.Sprintf(`+ docker run -d --name db -e %s=%s -e "TZ=UTC" -p 5432:5432 postgres:16-alpine`, k, v), v)
			default:
				return oc("compose-list", strings.Join([]string{
					"    environment:",
					"      - TZ=UTC",
					"      - " + k + "=" + v,
					"    ports:",
					`      - "5432:5432"`,
				}, "\n"), v)
			}
		}),
		opos("terraform-plan", "keyed", 40, true, func(g *gen) Case {
			v := g.password()
			switch g.intn(5) {
			case 0:
				return oc("create", strings.Join([]string{
					"  # aws_db_instance.main will be created",
					`  + resource "aws_db_instance" "main" {`,
					`      + allocated_storage = 20`,
					`      + engine            = "postgres"`,
					fmt.Sprintf(`      + %s = "%s"`, g.pick("password         ", "master_password  "), v),
					`      + username          = "app"`,
					`    }`,
				}, "\n"), v)
			case 1:
				v2 := g.password()
				return oc("update", fmt.Sprintf(`      ~ api_token = "%s" -> "%s"`, v, v2), v, v2)
			case 2:
				return oc("map-key", fmt.Sprintf(`          + "DB_PASSWORD" = "%s"`, v), v)
			case 3:
				return oc("var-flag", fmt.Sprintf(`$ terraform apply -auto-approve -var 'db_password=%s' -var 'region=eu-west-1'`, v), v)
			default:
				return oc("tf-var-env", fmt.Sprintf("export TF_VAR_admin_password=%s", v), v)
			}
		}),
		opos("ci-logs", "keyed", 40, true, func(g *gen) Case {
			t := g.stamp()
			ts := fmt.Sprintf("%sT%s.%07dZ ", t.date(), t.clock(), g.intn(10000000))
			switch g.intn(5) {
			case 0:
				tok := g.githubClassic("ghp_")
				return oc("actions-curl", ts+fmt.Sprintf(`[command]/usr/bin/curl -sS -H "Authorization: token %s" https://api.github.com/repos/acme/api/releases`, tok), tok).may("token")
			case 1:
				v := g.tokenValue()
				k := g.pick("NPM_TOKEN", "SONAR_TOKEN", "DOCKER_PASSWORD", "SLACK_WEBHOOK_SECRET", "CODECOV_TOKEN")
				return oc("actions-env", strings.Join([]string{ts + "##[group]Run make release", ts + "  make release", ts + "  shell: /usr/bin/bash -e {0}", ts + "  env:", ts + "    " + k + ": " + v, ts + "    GOFLAGS: -mod=readonly", ts + "##[endgroup]"}, "\n"), v)
			case 2:
				v := g.password()
				return oc("gitlab-export", fmt.Sprintf(`$ export DEPLOY_PASSWORD="%s"`, v), v)
			case 3:
				v := g.urlPw()
				return oc("jenkins-wrap", fmt.Sprintf("[Pipeline] sh\n+ curl -fsS -X POST https://deploy.acme-corp.com/api/trigger?job=api&token=%s\n[Pipeline] }", v), v)
			default:
				tok := "glpat-" + g.urlTok(20)
				return oc("gitlab-header", fmt.Sprintf(`$ curl --header "PRIVATE-TOKEN: %s" "https://gitlab.acme-corp.com/api/v4/projects/%d/pipelines"`, tok, g.between(1, 9999)), tok)
			}
		}),
		opos("db-conn-strings", "keyed", 50, true, func(g *gen) Case {
			v := g.urlPw()
			host := g.pick("db.prod.internal", "sql01.corp.local", "acme.database.windows.net", "10.0.4.12")
			switch g.intn(7) {
			case 0:
				return oc("jdbc-pg-query", fmt.Sprintf("jdbc:postgresql://%s:5432/orders?user=app&password=%s&sslmode=require", host, v), v)
			case 1:
				return oc("jdbc-sqlserver", fmt.Sprintf("jdbc:sqlserver://%s:1433;databaseName=shop;user=sa;password=%s;encrypt=true;trustServerCertificate=false", host, v), v)
			case 2:
				return oc("odbc", fmt.Sprintf("Driver={ODBC Driver 18 for SQL Server};Server=tcp:%s,1433;Database=shop;Uid=app;Pwd=%s;Encrypt=yes;Connection Timeout=30;", host, v), v)
			case 3:
				return oc("adonet", fmt.Sprintf(`connection failed: "Server=%s;Database=shop;User Id=sa;Password=%s;TrustServerCertificate=True"`, host, v), v)
			case 4:
				return oc("npgsql", fmt.Sprintf("Host=%s;Port=5432;Username=app;Password=%s;Database=orders;Pooling=true", host, v), v)
			case 5:
				return oc("libpq-conninfo", fmt.Sprintf(`psql "host=%s port=5432 dbname=orders user=app password=%s sslmode=verify-full"`, host, v), v)
			default:
				return oc("jdbc-mysql-userinfo", fmt.Sprintf("HikariPool-1 - Starting... url=jdbc:mysql://app:%s@%s:3306/shop?useSSL=true", v, host), v).may("app")
			}
		}),
		opos("exceptions-with-urls", "keyed", 40, true, func(g *gen) Case {
			v := g.urlVal()
			pw := g.urlPw()
			switch g.intn(5) {
			case 0:
				return oc("spring", fmt.Sprintf("org.springframework.web.client.HttpClientErrorException$Unauthorized: 401 Unauthorized: [no body] for \"https://api.acme-corp.com/v2/charges?api_key=%s\"\n\tat org.springframework.web.client.HttpClientErrorException.create(HttpClientErrorException.java:106)\n\tat com.acme.billing.Client.charge(Client.java:%d)", v, g.between(40, 300)), v)
			case 1:
				return oc("java-amqp", fmt.Sprintf("Caused by: java.net.ConnectException: Connection refused (amqp://guest:%s@rabbit.prod:5672/orders)\n\t... 23 common frames omitted", pw), pw).may("guest")
			case 2:
				return oc("python-requests", fmt.Sprintf("Traceback (most recent call last):\n  File \"/app/sync.py\", line %d, in fetch\n    r.raise_for_status()\nrequests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://api.acme-corp.com/v1/items?access_token=%s&limit=100", g.between(10, 300), v), v)
			case 3:
				return oc("urllib3", fmt.Sprintf("urllib3.exceptions.MaxRetryError: HTTPSConnectionPool(host='api.acme-corp.com', port=443): Max retries exceeded with url: /v1/export?token=%s (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f3a2c>: Failed to establish a new connection'))", v), v)
			default:
				return oc("node-mongo", fmt.Sprintf("MongoServerSelectionError: connection <monitor> to mongodb+srv://app:%s@cluster0.ab1cd.mongodb.net/shop?retryWrites=true&w=majority closed\n    at Timeout._onTimeout (/app/node_modules/mongodb/lib/sdam/topology.js:278:38)", pw), pw).may("app")
			}
		}),
		opos("python-repr", "keyed", 40, true, func(g *gen) Case {
			v := g.password()
			switch g.intn(6) {
			case 0:
				return oc("locals", fmt.Sprintf("    username = 'svc-ci'\n    password = '%s'\n    retries = 3", v), v)
			case 1:
				return oc("kwargs", fmt.Sprintf("call(kwargs={'api_key': '%s', 'timeout': 30, 'verify': True})", v), v)
			case 2:
				return oc("headers-dict", fmt.Sprintf("DEBUG:urllib3:send headers={'User-Agent': 'python-requests/2.31.0', 'Authorization': 'Bearer %s', 'Accept': '*/*'}", v), v).may("Bearer")
			case 3:
				return oc("pydantic", fmt.Sprintf("Settings(db_host='db.internal', db_password='%s', debug=False, workers=4)", v), v)
			case 4:
				return oc("argparse", fmt.Sprintf("Namespace(verbose=True, token='%s', output='report.csv')", v), v)
			default:
				return oc("celery", fmt.Sprintf("Task sync.push[%s] received: args=() kwargs={'client_secret': '%s', 'tenant': 'acme'}", g.uuid(), v), v)
			}
		}),
		opos("ruby-php-dumps", "keyed", 40, true, func(g *gen) Case {
			v := g.password()
			switch g.intn(5) {
			case 0:
				csrf := g.b64(48)
				return oc("rails-params", fmt.Sprintf(`Started POST "/users/sign_in" for 10.0.0.7 at 2026-11-28 10:01:02 +0000`+"\n"+`  Parameters: {"authenticity_token"=>"%s", "user"=>{"email"=>"ops", "password"=>"%s", "remember_me"=>"0"}, "commit"=>"Log in"}`, csrf, v), csrf, v)
			case 1:
				return oc("ruby-sym-hash", fmt.Sprintf(`{:host=>"db", :username=>"app", :password=>"%s", :pool=>5}`, v), v)
			case 2:
				return oc("php-print_r", fmt.Sprintf("Array\n(\n    [host] => db.internal\n    [api_key] => %s\n    [timeout] => 30\n)", v), v)
			case 3:
				return oc("php-var_export", fmt.Sprintf("array (\n  'driver' => 'mysql',\n  'password' => '%s',\n  'charset' => 'utf8mb4',\n)", v), v)
			default:
				csrf := g.b62(64)
				return oc("django-querydict", fmt.Sprintf("POST: <QueryDict: {'csrfmiddlewaretoken': ['%s'], 'username': ['bob'], 'password': ['%s']}>", csrf, v), csrf, v)
			}
		}),
		opos("go-rust-debug", "keyed", 40, true, func(g *gen) Case {
			v := g.password()
			switch g.intn(5) {
			case 0:
				return oc("go-%+v", fmt.Sprintf("config loaded: {Host:db.internal Port:5432 User:app Password:%s SSLMode:require}", v), v)
			case 1:
				return oc("go-%#v", fmt.Sprintf(`opts=&redis.Options{Addr:"redis:6379", Password:"%s", DB:0}`, v), v)
			case 2:
				return oc("go-map", fmt.Sprintf("params map[client_id:web client_secret:%s grant_type:client_credentials]", v), v)
			case 3:
				return oc("rust-debug", fmt.Sprintf(`DbConfig { host: "db.internal", port: 5432, password: "%s", pool_size: 10 }`, v), v)
			default:
				id := g.awsKeyID()
				return oc("rust-pretty", fmt.Sprintf("Credentials {\n    access_key_id: \"%s\",\n    secret_access_key: \"%s\",\n    region: \"eu-west-1\",\n}", id, v), id, v)
			}
		}),
		opos("csv-pii", "pii", 30, true, func(g *gen) Case {
			e := g.email2()
			a, ex, l := g.nanp()
			ph := fmt.Sprintf("+1%s%s%s", a, ex, l)
			if g.chance(0.5) {
				ph = fmt.Sprintf("(%s) %s-%s", a, ex, l)
			}
			_, card := g.card()
			rows := []string{"id,name,email,phone,card,created_at",
				fmt.Sprintf("%d,%s,%s,%s,%s,%s", g.between(1, 99999), g.pick("Alice Smith", "Bob Jones", "Eva Novak"), e, ph, card, g.stamp().isoSec())}
			return oc("csv", strings.Join(rows, "\n"), e, ph, card)
		}),
		opos("xml-soap", "keyed", 40, true, func(g *gen) Case {
			v := g.password()
			switch g.intn(7) {
			case 5:
				return oc("cdata", fmt.Sprintf("<config><db><user>app</user><password><![CDATA[%s]]></password></db></config>", v), v)
			case 6:
				return oc("ns-attr-element", fmt.Sprintf(`<ns2:ApiToken xmlns:ns2="urn:acme:auth:v1" encoding="plain">%s</ns2:ApiToken>`, v), v)
			case 0:
				return oc("wsse", fmt.Sprintf(`<soapenv:Header><wsse:Security><wsse:UsernameToken><wsse:Username>svc-billing</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">%s</wsse:Password></wsse:UsernameToken></wsse:Security></soapenv:Header>`, v), v)
			case 1:
				return oc("element", fmt.Sprintf("<credentials><user>app</user><apiKey>%s</apiKey><region>eu</region></credentials>", v), v)
			case 2:
				return oc("attr", fmt.Sprintf(`<datasource name="orders" user="app" password="%s" url="jdbc:postgresql://db/orders"/>`, v), v)
			case 3:
				return oc("connstr-attr", fmt.Sprintf(`<add name="Shop" connectionString="Server=sql01;Database=shop;User Id=sa;Password=%s;" providerName="System.Data.SqlClient" />`, v), v)
			default:
				return oc("maven-settings", fmt.Sprintf("<server>\n  <id>nexus-releases</id>\n  <username>deploy</username>\n  <password>%s</password>\n</server>", v), v)
			}
		}),
		opos("graphql", "keyed", 30, true, func(g *gen) Case {
			v := g.password()
			switch g.intn(3) {
			case 0:
				e := g.email2()
				return oc("variables", fmt.Sprintf(`{"operationName":"Login","variables":{"email":"%s","password":"%s"},"query":"mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { user { id } } }"}`, e, v), e, v)
			case 1:
				return oc("inline-arg", fmt.Sprintf(`{"query":"mutation { createToken(username: \"deploy\", password: \"%s\") { expiresAt } }"}`, jsonEsc(v)), jsonEsc(v))
			default:
				tok := g.urlTok(g.between(40, 60))
				return oc("response", fmt.Sprintf(`{"data":{"login":{"accessToken":"%s","expiresIn":3600,"user":{"id":"%d"}}}}`, tok, g.between(1, 99999)), tok)
			}
		}),
		opos("dotfiles", "keyed", 40, true, func(g *gen) Case {
			switch g.intn(6) {
			case 0:
				tok := "npm_" + g.b62(36)
				return oc("npmrc", "//registry.npmjs.org/:_authToken="+tok+"\nalways-auth=true", tok)
			case 1:
				v := base64.StdEncoding.EncodeToString([]byte(g.password()))
				return oc("npmrc-password", "//nexus.acme-corp.com/repository/npm/:_password="+v+"\n//nexus.acme-corp.com/repository/npm/:username=deploy", v)
			case 2:
				v := "pypi-AgEIcHlwaS5vcmc" + g.urlTok(g.between(60, 120))
				return oc("pypirc", "[pypi]\nusername = __token__\npassword = "+v, v)
			case 3:
				v := g.urlPw()
				return oc("git-credentials", fmt.Sprintf("https://%s:%s@github.com", g.pick("bob", "ci-bot", "x-access-token"), v), v).may("bob", "ci", "bot", "access", "token")
			case 4:
				v := g.password()
				return oc("my.cnf", "[client]\nuser=root\npassword="+v+"\nhost=127.0.0.1", v)
			default:
				v := g.awsSecret()
				id := g.awsKeyID()
				return oc("boto", "[Credentials]\naws_access_key_id = "+id+"\naws_secret_access_key = "+v, id, v)
			}
		}),
		opos("kubeconfig-helm", "keyed", 30, true, func(g *gen) Case {
			switch g.intn(4) {
			case 0:
				v := g.chars(lowerNum, 6) + "." + g.chars(lowerNum, 16)
				return oc("bootstrap-token", "users:\n- name: kubelet-bootstrap\n  user:\n    token: "+v, v)
			case 1:
				v := g.password()
				return oc("basic-user", "- name: admin\n  user:\n    username: admin\n    password: "+v, v)
			case 2:
				v := g.password()
				return oc("helm-set", fmt.Sprintf("$ helm upgrade --install pg bitnami/postgresql --set auth.postgresPassword=%s --set primary.persistence.size=20Gi", v), v)
			default:
				v := g.urlTok(40)
				return oc("helm-set-string", fmt.Sprintf("helm install api ./chart --set-string secrets.apiKey=%s,replicaCount=3", v), v)
			}
		}),
		opos("url-creds-exotic", "generic", 50, true, func(g *gen) Case {
			pw := g.urlPw()
			enc := false
			if g.chance(0.3) {
				pw = pctEscape(g.password())
				enc = true
			}
			user := g.pick("deploy", "app", "admin", "svc")
			var u string
			switch g.intn(11) {
			case 10:
				if !enc {
					line := fmt.Sprintf("squid: using upstream proxy=%s:%s@proxy.corp.example:3128 for CONNECT", user, pw)
					return oc("schemeless-proxy", line, pw).may(user)
				}
				u = fmt.Sprintf("https://%s:%s@proxy.corp.example:3128", user, pw)
			case 0:
				u = fmt.Sprintf("sftp://%s:%s@files.acme-corp.com:22/upload/in", user, pw)
			case 1:
				u = fmt.Sprintf("redis://:%s@redis-master.prod:6379/0", pw)
			case 2:
				u = fmt.Sprintf("rediss://default:%s@cache.acme-corp.com:6380", pw)
			case 3:
				u = fmt.Sprintf("mongodb://%s:%s@mongo-0:27017,mongo-1:27017,mongo-2:27017/?replicaSet=rs0&authSource=admin", user, pw)
			case 4:
				u = fmt.Sprintf("postgres://%s:%s@[2001:db8::12]:5432/orders", user, pw)
			case 5:
				u = fmt.Sprintf("socks5://%s:%s@proxy.corp:1080", user, pw)
			case 6:
				u = fmt.Sprintf("amqps://%s:%s@b-1.mq.eu-west-1.amazonaws.com:5671", user, pw)
			case 7:
				u = fmt.Sprintf("ftp://%s:%s@ftp.acme-corp.com/pub", user, pw)
			case 8:
				u = fmt.Sprintf("smtp://%s:%s@smtp.mailgun.org:587", user, pw)
			default:
				u = fmt.Sprintf("nats://%s:%s@nats.prod:4222", user, pw)
			}
			inner := g.pick("connecting to ", "dial ", "HTTPS_PROXY="+"", "url=", "backend: ") + u
			lbl := "plain"
			if enc {
				lbl = "pct-encoded"
			}
			line, s := g.around(inner, pw)
			return oc(lbl, line, s...).may("default", user)
		}),
		opos("vendor-ops-tokens", "vendor", 60, true, func(g *gen) Case {
			var lbl, tok string
			switch g.intn(16) {
			case 0:
				lbl, tok = "newrelic", "NRAK-"+g.chars(upperNum, 27)
			case 1:
				lbl, tok = "heroku", "HRKU-AA"+g.urlTok(58)
			case 2:
				lbl, tok = "vercel", "vcp_"+g.b62(56)
			case 3:
				lbl, tok = "netlify", "nfp_"+g.b62(36)
			case 4:
				lbl, tok = "digitalocean", "dop_v1_"+g.hex(64)
			case 5:
				lbl, tok = "dockerhub", "dckr_pat_"+g.urlTok(27)
			case 6:
				lbl, tok = "mailgun", "key-"+g.hex(32)
			case 7:
				lbl, tok = "databricks", "dapi"+g.hex(32)
			case 8:
				lbl, tok = "postman", "PMAK-"+g.hex(24)+"-"+g.hex(34)
			case 9:
				lbl, tok = "linear", "lin_api_"+g.b62(40)
			case 10:
				lbl, tok = "vault", "hvs."+g.urlTok(g.between(24, 90))
			case 11:
				lbl, tok = "pulumi", "pul-"+g.hex(40)
			case 12:
				lbl, tok = "grafana", "glsa_"+g.b62(32)+"_"+g.hex(8)
			case 13:
				lbl, tok = "doppler", "dp.pt."+g.b62(43)
			case 14:
				lbl, tok = "supabase", "sbp_"+g.hex(40)
			default:
				lbl, tok = "stripe-rk", g.pick("rk_live_", "rk_test_", "sk_live_")+g.b62(g.between(24, 99))
			}
			var inner string
			switch g.intn(6) {
			case 0:
				inner = fmt.Sprintf(`["--header", "X-Client: cli", "--with", "%s"]`, tok)
			case 1:
				inner = fmt.Sprintf(`const client = new Client("%s"); // TODO move to vault`, tok)
			case 2:
				inner = fmt.Sprintf("rotated=%s expires=%s owner=platform", tok, g.stamp().date())
			case 3:
				inner = fmt.Sprintf(`{"items":[{"id":%d,"value":"%s","scope":"deploy"}]}`, g.between(1, 999), tok)
			case 4:
				inner = fmt.Sprintf("https://hooks.acme-corp.com/relay/%s/notify", tok)
			default:
				inner = fmt.Sprintf("| %-12s | %s | active |", lbl, tok)
			}
			return oc(lbl, inner, tok)
		}),
		opos("cloud-conn-strings", "keyed", 40, true, func(g *gen) Case {
			switch g.intn(4) {
			case 0:
				v := g.b64(32)
				return oc("servicebus", fmt.Sprintf("Endpoint=sb://acme-prod.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=%s;EntityPath=orders", v), v)
			case 1:
				id := g.awsKeyID()
				st := "IQoJb3JpZ2luX2VjE" + g.urlTok(g.between(200, 300))
				q := url.Values{}
				q.Set("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
				q.Set("X-Amz-Credential", id+"/20261128/us-east-1/s3/aws4_request")
				q.Set("X-Amz-Date", "20261128T102049Z")
				q.Set("X-Amz-Expires", "3600")
				q.Set("X-Amz-Security-Token", st)
				q.Set("X-Amz-SignedHeaders", "host")
				u := "https://acme-exports.s3.amazonaws.com/reports/2026-11.csv?" + q.Encode()
				return oc("s3-presigned", "GET "+u+" 200", id, url.QueryEscape(st)).may("2F20261128", "2Fus", "east", "2Fs3", "2Faws4", "request")
			case 2:
				v := "AIza" + g.urlTok(35)
				return oc("google-key-query", fmt.Sprintf("GET https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key=%s 200 OK", v), v)
			default:
				v := g.b64(32)
				return oc("eventhub-env", fmt.Sprintf(`EVENTHUB_CONNECTION="Endpoint=sb://telemetry.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=%s"`, v), v)
			}
		}),
		opos("gcp-service-account", "keyed", 25, true, func(g *gen) Case {
			lines, body := g.pemKeyLines()
			for strings.Contains(lines[0], "ENCRYPTED") || strings.Contains(lines[0], "OPENSSH") {
				lines, body = g.pemKeyLines()
			}
			esc := strings.Join(lines, `\n`) + `\n`
			proj := g.pick("acme-prod", "billing-42", "data-eng-1")
			email := fmt.Sprintf("%s@%s.iam.gserviceaccount.com", g.pick("deployer", "ci", "exporter"), proj)
			kid := g.hex(40)
			secrets := append([]string{}, body...)
			if g.chance(0.5) {
				return oc("one-line", fmt.Sprintf(`{"type":"service_account","project_id":"%s","private_key_id":"%s","private_key":"%s","client_email":"%s","client_id":"%d","token_uri":"https://oauth2.googleapis.com/token"}`, proj, kid, esc, email, g.between(100000000, 999999999)), secrets...).may(email).may(pemMayDrop(lines)...)
			}
			return oc("pretty", strings.Join([]string{"{", `  "type": "service_account",`, `  "project_id": "` + proj + `",`, `  "private_key_id": "` + kid + `",`, `  "private_key": "` + esc + `",`, `  "client_email": "` + email + `",`, `  "token_uri": "https://oauth2.googleapis.com/token"`, "}"}, "\n"), secrets...).may(email).may(pemMayDrop(lines)...)
		}),
		opos("oauth-responses", "keyed", 40, true, func(g *gen) Case {
			at := g.urlTok(g.between(30, 60))
			rt := g.urlTok(g.between(30, 60))
			switch g.intn(4) {
			case 0:
				return oc("json", fmt.Sprintf(`{"access_token":"%s","token_type":"Bearer","expires_in":3599,"refresh_token":"%s","scope":"openid profile email"}`, at, rt), at, rt)
			case 1:
				return oc("form", fmt.Sprintf("response body: access_token=%s&token_type=bearer&expires_in=3600&refresh_token=%s&scope=repo", at, rt), at, rt)
			case 2:
				j := g.jwt()
				return oc("python", fmt.Sprintf("token response: {'access_token': '%s', 'token_type': 'Bearer', 'expires_in': 3600, 'id_token': '%s'}", at, j), at, j)
			default:
				return oc("fragment", fmt.Sprintf("redirect to https://app.acme-corp.com/callback#access_token=%s&token_type=Bearer&expires_in=3600&state=%s", at, g.hex(16)), at)
			}
		}),
		opos("cookies", "keyed", 40, true, func(g *gen) Case {
			return g.cookieCase(true)
		}),
		// Bearer/Basic credentials are caught by their scheme whatever the
		// key: HAR files, Postman collections, header arrays.
		opos("auth-in-header-arrays", "generic", 40, true, func(g *gen) Case {
			v := g.tokenValue()
			if strings.ContainsAny(v, "+/=") || g.chance(0.3) {
				v = g.urlTok(g.between(30, 60))
			}
			scheme := "Bearer "
			if g.chance(0.3) {
				scheme = "Basic "
				v = base64.StdEncoding.EncodeToString([]byte(g.pick("admin", "ci") + ":" + g.password()))
			}
			switch g.intn(4) {
			case 0:
				return oc("har", fmt.Sprintf(`{"request":{"method":"GET","url":"https://api.acme-corp.com/v1/me","headers":[{"name":"Accept","value":"*/*"},{"name":"authorization","value":"%s%s"}]}}`, scheme, v), v).may("Bearer", "Basic")
			case 1:
				return oc("postman", fmt.Sprintf(`{"header":[{"key":"Authorization","value":"%s%s","type":"text"}],"url":{"raw":"{{baseUrl}}/orders"}}`, scheme, v), v).may("Bearer", "Basic")
			case 2:
				return oc("grpc-metadata", fmt.Sprintf(`grpc: metadata=map[:authority:[api.acme-corp.com] authorization:[%s%s] user-agent:[grpc-go/1.60.1]]`, scheme, v), v).may("Bearer", "Basic")
			default:
				return oc("ws-headers", fmt.Sprintf(`ws upgrade headers=[["Host","rt.acme-corp.com"],["Authorization","%s%s"],["Sec-WebSocket-Version","13"]]`, scheme, v), v).may("Bearer", "Basic")
			}
		}),
		opos("pem-yaml-heredoc", "generic", 30, true, func(g *gen) Case {
			lines, body := g.pemKeyLines()
			switch g.intn(3) {
			case 0:
				pre := []string{"tls:", "  crt: " + g.b64(40), "  key: |"}
				all := append(pre, indent(lines, "    ")...)
				all = append(all, "  enabled: true")
				return oc("yaml-block", strings.Join(all, "\n"), body...).may(pemMayDrop(lines)...)
			case 1:
				pre := []string{"stringData:", "  ssh-privatekey: |-"}
				all := append(pre, indent(lines, "    ")...)
				all = append(all, "type: kubernetes.io/ssh-auth")
				return oc("k8s-stringdata", strings.Join(all, "\n"), body...).may(pemMayDrop(lines)...)
			default:
				pre := []string{`resource "tls_private_key" "deploy" {`, `  private_key_pem = <<EOT`}
				all := append(pre, lines...)
				all = append(all, "EOT", "}")
				return oc("tf-heredoc", strings.Join(all, "\n"), body...).may(pemMayDrop(lines)...)
			}
		}),
		// a private key printed line by line through a logger that prefixes
		// every line (Actions timestamps, compose, kubectl --prefix, syslog,
		// klog, comment/quote markers), or as a Python list of lines
		opos("pem-line-prefixes", "generic", 40, true, func(g *gen) Case {
			lines, body := g.pemKeyLines()
			t := g.stamp()
			var pfx func(i int) string
			switch g.intn(8) {
			case 0:
				pfx = func(i int) string { return fmt.Sprintf("%sT%s.%07dZ ", t.date(), t.clock(), 1000000+i*137) }
			case 1:
				pfx = func(int) string { return "api-1  | " }
			case 2:
				pfx = func(int) string { return "[pod/api-7d9f8b6c5-x2k9p/api] " }
			case 3:
				pfx = func(int) string {
					return fmt.Sprintf("%s %2d %s web01 app[%d]: ", months[t.mo-1], t.d, t.clock(), 4321)
				}
			case 4:
				pfx = func(int) string { return g.pick("# ", "// ", "> ") }
				p := pfx(0)
				pfx = func(int) string { return p }
			case 5:
				pfx = func(int) string { return fmt.Sprintf("E%02d%02d %s.123456       1 tls.go:88] ", t.mo, t.d, t.clock()) }
			case 6:
				pfx = func(int) string { return "remote: " }
			default:
				q := make([]string, len(lines))
				for i, l := range lines {
					q[i] = "'" + l + "'"
				}
				return oc("python-list", "key_lines = ["+strings.Join(q, ", ")+"]", body...).may(pemMayDrop(lines)...)
			}
			out := make([]string, len(lines))
			for i, l := range lines {
				out[i] = pfx(i) + l
			}
			return oc("prefixed", strings.Join(out, "\n"), body...).may(pemMayDrop(lines)...)
		}),
		opos("urlencoded-forms", "keyed", 40, true, func(g *gen) Case {
			pw := g.password()
			enc := url.QueryEscape(pw)
			switch g.intn(7) {
			case 4:
				v := g.urlVal()
				return oc("encoded-redirect", fmt.Sprintf("GET /login?redirect_uri=https%%3A%%2F%%2Fapp.acme-corp.com%%2Fcallback%%3F%s%%3D%s%%26state%%3D%s HTTP/1.1", g.pick("token", "access_token", "api_key"), v, g.hex(8)), v)
			case 5:
				return oc("double-encoded-body", fmt.Sprintf("audit: raw_body=username%%3Dbob%%26password%%3D%s%%26remember%%3D1", url.QueryEscape(enc)), url.QueryEscape(enc))
			case 6:
				v := g.urlPw()
				return oc("json-escaped-url", fmt.Sprintf(`php: {"dsn":"mysql:\/\/app:%s@db.internal:3306\/shop"} rejected`, v), v).may("app")
			case 0:
				return oc("grant-password", fmt.Sprintf("POST /oauth/token body=grant_type=password&username=%s&password=%s&client_id=web", url.QueryEscape("ops@acme-corp.com"), enc), enc).may("ops", "40acme", "corp", "com")
			case 1:
				return oc("rails-nested-encoded", fmt.Sprintf("body: utf8=%%E2%%9C%%93&user%%5Bemail%%5D=bob&user%%5Bpassword%%5D=%s&commit=Sign+in", enc), enc)
			case 2:
				return oc("rails-nested", fmt.Sprintf("form: user[login]=bob&user[password]=%s&user[remember_me]=1", enc), enc)
			default:
				cs := g.urlTok(40)
				return oc("client-secret", fmt.Sprintf("request_body=client_id=%s&client_secret=%s&grant_type=client_credentials&scope=api%%3Aread", g.hex(16), cs), cs)
			}
		}),
		opos("curl-commands", "keyed", 40, true, func(g *gen) Case {
			switch g.intn(5) {
			case 0:
				b := base64.StdEncoding.EncodeToString([]byte(g.pick("admin", "deploy", "api") + ":" + g.password()))
				return oc("basic-header", fmt.Sprintf(`curl -s -H "Authorization: Basic %s" https://jenkins.acme-corp.com/api/json`, b), b).may("Basic")
			case 1:
				v := g.tokenValue()
				return oc("x-api-key", fmt.Sprintf(`curl -X POST https://api.acme-corp.com/v1/jobs -H 'Content-Type: application/json' -H 'X-Api-Key: %s' -d '{"name":"sync"}'`, v), v)
			case 2:
				v := g.password()
				return oc("json-body", fmt.Sprintf(`curl -X POST https://auth.acme-corp.com/login -d '{"username":"ops","password":"%s"}'`, v), v)
			case 3:
				v := g.urlPw()
				return oc("data-urlencode", fmt.Sprintf(`curl https://api.acme-corp.com/token --data-urlencode "client_secret=%s" --data-urlencode "grant_type=client_credentials"`, v), v)
			default:
				v := g.urlPw()
				return oc("wget", fmt.Sprintf("wget --user=deploy --password=%s https://repo.acme-corp.com/artifacts/app-1.4.2.tar.gz", v), v)
			}
		}),
		opos("custom-auth-headers", "keyed", 50, true, func(g *gen) Case {
			h := g.pick("X-API-Key", "X-Auth-Token", "X-Vault-Token", "X-Shopify-Access-Token", "Private-Token", "X-Goog-Api-Key",
				"DD-API-KEY", "X-Postmark-Server-Token", "X-Figma-Token", "X-Api-Secret", "Proxy-Authorization", "X-Access-Token", "Api-Token", "X-CSRF-Token", "X-Amz-Security-Token")
			v := g.tokenValue()
			var text string
			switch g.intn(4) {
			case 0:
				text = fmt.Sprintf("> %s: %s", h, v)
			case 1:
				text = fmt.Sprintf(`{"start_time":"%s","method":"GET","path":"/v1/me","request_headers":{"user-agent":"curl/8.4.0","%s":"%s"},"response_code":200}`, g.stamp().iso(), strings.ToLower(h), v)
			case 2:
				text = fmt.Sprintf(`requests.get(url, headers={"%s": "%s", "Accept": "application/json"})`, h, v)
			default:
				text = fmt.Sprintf(`outbound request headers: %s=%s; Accept=application/json; X-Request-Id=%s`, h, v, g.uuid())
			}
			return oc(h, text, v).may("Basic", "Bearer")
		}),
		opos("phone-intl", "pii", 50, true, func(g *gen) Case {
			var ph string
			switch g.intn(9) {
			case 0:
				ph = fmt.Sprintf("+44 20 7%03d %04d", g.intn(1000), g.intn(10000))
			case 1:
				ph = fmt.Sprintf("+49 30 %d%04d", g.between(100, 999), g.intn(10000))
			case 2:
				ph = fmt.Sprintf("+33 1 %02d %02d %02d %02d", g.between(10, 99), g.intn(100), g.intn(100), g.intn(100))
			case 3:
				ph = fmt.Sprintf("+81 3-%04d-%04d", g.between(1000, 9999), g.intn(10000))
			case 4:
				ph = fmt.Sprintf("+61 2 %04d %04d", g.between(1000, 9999), g.intn(10000))
			case 5:
				ph = fmt.Sprintf("+91 %05d %05d", g.between(70000, 99999), g.intn(100000))
			case 6:
				a, e, l := g.nanp()
				ph = fmt.Sprintf("+1 (%s) %s-%s", a, e, l)
			case 7:
				a, e, l := g.nanp()
				ph = fmt.Sprintf("%s.%s.%s", a, e, l)
			default:
				a, e, l := g.nanp()
				ph = fmt.Sprintf("1-%s-%s-%s", a, e, l)
			}
			var text string
			switch g.intn(5) {
			case 0:
				text = fmt.Sprintf(`{"customer":{"name":"Eva","phone":"%s","tier":"gold"}}`, ph)
			case 1:
				text = fmt.Sprintf("SMS delivery failed to %s: carrier rejected", ph)
			case 2:
				text = fmt.Sprintf("<Contact><Phone>%s</Phone><City>Lyon</City></Contact>", ph)
			case 3:
				text = fmt.Sprintf("callback_number=%s agent=%d", strings.ReplaceAll(ph, " ", ""), g.between(100, 999))
				ph = strings.ReplaceAll(ph, " ", "")
			default:
				text = fmt.Sprintf("Tel: %s (mobile)", ph)
			}
			// the country code and digit groups are all secret; cut the
			// whole formatted number
			return oc("phone", text, ph)
		}),
		opos("email-variants", "pii", 50, true, func(g *gen) Case {
			e := g.email2()
			var text string
			switch g.intn(7) {
			case 0:
				text = fmt.Sprintf(`To: "Ops Team" <%s>, cc: nobody`, e)
			case 1:
				text = fmt.Sprintf("bounce: 550 5.1.1 <%s>: Recipient address rejected", e)
			case 2:
				text = fmt.Sprintf("user %s.", e)
			case 3:
				text = fmt.Sprintf(`<Customer email="%s" id="%d"/>`, e, g.between(1, 99999))
			case 4:
				text = fmt.Sprintf("reset requested (%s) from 10.2.3.4", e)
			case 5:
				text = fmt.Sprintf("login_hint=%s;prompt=consent", e)
			default:
				text = fmt.Sprintf("Author: %s <%s>", g.pick("Grace Hopper", "Li Wei"), e)
			}
			return oc("email", text, e)
		}),
		opos("card-contexts", "pii", 40, true, func(g *gen) Case {
			is, num := g.card()
			shown := num
			switch g.intn(3) {
			case 1:
				shown = groupDigits(num, is.grouped, " ")
			case 2:
				shown = groupDigits(num, is.grouped, "-")
			}
			var text string
			switch g.intn(5) {
			case 0:
				text = fmt.Sprintf(`{"order":%d,"payment":{"pan":%s,"exp":"12/28"}}`, g.between(1000, 99999), num)
				shown = num
			case 1:
				text = fmt.Sprintf("<CardNumber>%s</CardNumber><ExpiryDate>2028-12</ExpiryDate>", shown)
			case 2:
				text = fmt.Sprintf("POST /pay?cc=%s&amount=19.99", num)
				shown = num
			case 3:
				text = fmt.Sprintf("customer read card over phone: %s exp 09/27", shown)
			default:
				text = fmt.Sprintf("%s,%s,%s,EUR", g.stamp().date(), shown, g.pick("19.99", "250.00"))
			}
			return oc(is.name, text, shown)
		}),
		opos("ssn-forms", "pii", 30, true, func(g *gen) Case {
			a, b, c := g.ssn()
			s := a + "-" + b + "-" + c
			var text string
			switch g.intn(5) {
			case 0:
				text = fmt.Sprintf(`{"applicant":{"name":"Bob","ssn":"%s","dob":"1984-03-12"}}`, s)
			case 1:
				text = fmt.Sprintf("Social Security Number: %s", s)
			case 2:
				text = fmt.Sprintf("<SSN>%s</SSN>", s)
			case 3:
				text = fmt.Sprintf("form field tax_id=%s validated", s)
			default:
				text = fmt.Sprintf("W-2 employee SSN# %s wages 54000", s)
			}
			return oc("ssn", text, s)
		}),
		opos("iban-contexts", "pii", 30, true, func(g *gen) Case {
			ib := g.iban()
			shown := ib
			var text string
			switch g.intn(4) {
			case 0:
				text = fmt.Sprintf("<CdtrAcct><Id><IBAN>%s</IBAN></Id></CdtrAcct>", ib)
			case 1:
				shown = groupIBAN(ib)
				text = fmt.Sprintf("Bitte überweisen Sie an %s (Kontoinhaber: Acme GmbH)", shown)
			case 2:
				text = fmt.Sprintf(`{"beneficiary":{"iban":"%s","bic":"DEUTDEFF"}}`, ib)
			default:
				text = fmt.Sprintf("payout to iban:%s failed", ib)
			}
			return oc("iban", text, shown)
		}),
		opos("passphrases-special", "keyed", 40, true, func(g *gen) Case {
			if g.chance(0.5) {
				v := g.passphrase()
				switch g.intn(3) {
				case 0:
					return oc("logfmt-quoted", fmt.Sprintf(`level=info msg="unlock" passphrase="%s" vault=prod`, v), v)
				case 1:
					return oc("json", fmt.Sprintf(`{"event":"keystore.open","passphrase":"%s","ok":true}`, v), v)
				default:
					return oc("yaml-quoted", fmt.Sprintf(`gpg_passphrase: "%s"`, v), v)
				}
			}
			v := g.symPw()
			switch g.intn(3) {
			case 0:
				return oc("json-sym", fmt.Sprintf(`{"user":"ops","password":"%s","remember":false}`, jsonEsc(v)), jsonEsc(v))
			case 1:
				q := strings.ReplaceAll(v, `"`, `\"`)
				return oc("dq-sym", fmt.Sprintf(`DB_PASSWORD="%s" DB_USER=app`, q), q)
			default:
				if strings.Contains(v, "'") {
					v = strings.ReplaceAll(v, "'", "")
				}
				return oc("sq-sym", fmt.Sprintf(`settings: password='%s' host=db`, v), v)
			}
		}),
		opos("jvm-flags-systemd", "keyed", 40, true, func(g *gen) Case {
			v := g.password()
			switch g.intn(6) {
			case 4:
				return oc("sysprop-api-key", fmt.Sprintf("java -D%s=%s -Dlogging.level.root=INFO -jar /app/app.jar", g.pick("api.key", "stripe.api.key", "apiKey", "app.secret", "auth.token"), v), v)
			case 5:
				k := g.pick("password", "api_key", "token", "client_secret", "passphrase")
				return oc("bracket-key", fmt.Sprintf("$_POST: config[%s]=%s&config[host]=db", k, url.QueryEscape(v)), url.QueryEscape(v))
			case 0:
				return oc("sysprop", fmt.Sprintf("root 1234 0.3 /usr/bin/java -Xmx2g -Dspring.datasource.password=%s -Dserver.port=8080 -jar app.jar", v), v)
			case 1:
				return oc("keystore", fmt.Sprintf("-Djavax.net.ssl.keyStorePassword=%s -Djavax.net.ssl.keyStore=/etc/ssl/app.jks", v), v)
			case 2:
				return oc("systemd", fmt.Sprintf(`Environment="DB_PASSWORD=%s" "LOG_LEVEL=info"`, v), v)
			default:
				return oc("long-flag", fmt.Sprintf("exec /app/server --listen=:8080 --db-password=%s --workers=4", v), v)
			}
		}),
		// "api key in every spelling": two words with a space, as form
		// labels, spreadsheet headers and support tickets write them.
		opos("spaced-key-names", "keyed", 40, true, func(g *gen) Case {
			v := g.secretValue()
			k := g.pick("API Key", "Api key", "API key", "api key", "DB Password", "Secret Access Key", "Personal Access Token", "Client Secret", "Admin Password", "Auth Token")
			switch g.intn(5) {
			case 0:
				return oc("colon", fmt.Sprintf("%s: %s", k, v), v)
			case 1:
				return oc("equals", fmt.Sprintf("%s = %s", k, v), v)
			case 2:
				return oc("quoted-text", fmt.Sprintf(`    "%s": "%s",`, k, jsonEsc(v)), jsonEsc(v))
			case 3:
				return oc("python-dict", fmt.Sprintf(`row={'Name': 'prod', '%s': '%s', 'Created': '2026-11-28'}`, k, strings.ReplaceAll(v, "'", "")), strings.ReplaceAll(v, "'", ""))
			default:
				return oc("ticket", fmt.Sprintf("Jira SUP-%d: customer pasted their %s: %s (please rotate)", g.between(100, 9999), k, v), v)
			}
		}),
		opos("yaml-block-scalars", "keyed", 30, true, func(g *gen) Case {
			v := g.secretValue()
			k := g.pick("password", "apiKey", "client_secret", "token", "rootPassword")
			ind := g.pick("|", "|-", ">", ">-")
			return oc(ind, strings.Join([]string{"auth:", "  username: admin", "  " + k + ": " + ind, "    " + v, "  enabled: true"}, "\n"), v)
		}),
		// A value right after an escape sequence or a percent-encoding that
		// ends in a letter or digit (\n, \t, \u0022, %22, %20, %3D, +):
		// JSON-escaped text inside non-JSON lines, URL-encoded bodies.
		opos("values-after-escapes", "generic", 60, true, func(g *gen) Case {
			var v, lbl string
			switch g.intn(11) {
			case 0:
				lbl, v = "github", g.githubClassic(g.pick("ghp_", "gho_", "ghs_"))
			case 1:
				lbl, v = "aws", g.awsKeyID()
			case 2:
				lbl, v = "stripe", "sk_live_"+g.b62(g.between(24, 99))
			case 3:
				lbl, v = "jwt", g.jwt()
			case 4:
				lbl, v = "google", "AIza"+g.urlTok(35)
			case 5:
				_, v = g.card()
				lbl = "card"
			case 6:
				a, e, l := g.nanp()
				lbl, v = "phone", "+1"+a+e+l
			case 7:
				a, b, c := g.ssn()
				lbl, v = "ssn", a+"-"+b+"-"+c
			case 8:
				lbl, v = "iban", g.iban()
			case 9:
				lbl, v = "glpat", "glpat-"+g.urlTok(20)
			default:
				lbl, v = "slack", fmt.Sprintf("xoxb-%d-%d-%s", g.between(1000000000, 9999999999), g.between(1000000000000, 9999999999999), g.b62(24))
			}
			switch g.intn(7) {
			case 0:
				return oc(lbl+"/\\n", fmt.Sprintf(`level=warn msg="user pasted:\n%s\nin support chat" ticket=%d`, v, g.between(1000, 99999)), v)
			case 1:
				return oc(lbl+"/%22", fmt.Sprintf("GET /search?q=%%22%s%%22&page=%d HTTP/1.1", v, g.between(1, 9)), v)
			case 2:
				return oc(lbl+"/%20", fmt.Sprintf("GET /notes?text=see%%20%s%%20today HTTP/1.1", v), v)
			case 3:
				return oc(lbl+"/%3A", fmt.Sprintf("body=%%7B%%22note%%22%%3A%%22%s%%22%%7D", v), v)
			case 4:
				return oc(lbl+"/\\u0022", fmt.Sprintf(`WARN c.a.Webhook - payload="{\u0022value\u0022:\u0022%s\u0022}"`, v), v)
			case 5:
				return oc(lbl+"/\\t", fmt.Sprintf(`row="%s\t%s\tactive"`, g.pick("alice", "bob"), v), v)
			default:
				return oc(lbl+"/+", fmt.Sprintf("POST /contact body=name=Eva&message=my+details+%s+thanks", v), v)
			}
		}),
		// colour codes from TTY loggers (logrus/zap dev consoles, docker
		// compose, GitHub Actions keep them): ESC[..m glued to keys and values
		opos("ansi-colored-logs", "generic", 40, true, func(g *gen) Case {
			const esc = "\x1b["
			col := func(s string) string { return esc + g.pick("36", "31", "33", "1", "32", "0;36") + "m" + s + esc + "0m" }
			switch g.intn(5) {
			case 0:
				v := g.password()
				return oc("logrus-key", fmt.Sprintf("%sINFO%s[0042] login attempt %s=%s %s=bob", esc+"36m", esc+"0m", col(g.pick("password", "api_key", "token", "client_secret")), v, col("user")), v)
			case 1:
				t := g.githubClassic("ghp_")
				return oc("colored-token", fmt.Sprintf("api-1  | %s using token %s", col("WARN"), col(t)), t)
			case 2:
				_, c := g.card()
				return oc("colored-card", fmt.Sprintf("%s charge declined for card %s", col("ERROR"), col(c)), c)
			case 3:
				e := g.email2()
				a, b, c := g.ssn()
				return oc("colored-pii", fmt.Sprintf("%s applicant=%s ssn=%s", col("DEBUG"), col(e), col(a+"-"+b+"-"+c)), e, a+"-"+b+"-"+c)
			default:
				v := g.tokenValue()
				return oc("zap-console", fmt.Sprintf("%s\t%s\tauth/client.go:88\trefresh ok\t{\"%s\": \"%s\"}", g.stamp().iso(), col("info"), g.pick("access_token", "refresh_token"), v), v)
			}
		}),
		// a phone or SSN stored as a JSON number under a telling key (the
		// text path catches "phone: 4158675309")
		// Not yet: the JSON key as the context of digit PII in its value
		// (built on a branch, held back because the streaming JSONWriter
		// must learn it too, to stay equal to JSON()). Information until then.
		opos("info-pii-json-keyed-digits", "pii", 30, false, func(g *gen) Case {
			a, e, l := g.nanp()
			switch g.intn(3) {
			case 0:
				v := a + e + l
				if g.chance(0.5) {
					return oc("phone10-string", fmt.Sprintf(`{"customer":{"id":%d,"phone":"%s","tier":"gold"}}`, g.between(1, 99999), v), v)
				}
				return oc("phone10", fmt.Sprintf(`{"customer":{"id":%d,"phone":%s,"tier":"gold"}}`, g.between(1, 99999), v), v)
			case 1:
				v := "1" + a + e + l
				return oc("phone11", fmt.Sprintf(`{"contact":{"mobile":%s,"country":"US"}}`, v), v)
			default:
				x, y, z := g.ssn()
				v := x + y + z
				return oc("ssn9", fmt.Sprintf(`{"applicant":{"ssn":%s,"state":"CA"}}`, v), v)
			}
		}),
		opos("nested-config-files", "keyed", 30, true, func(g *gen) Case {
			v := g.password()
			switch g.intn(5) {
			case 4:
				return oc("makefile", fmt.Sprintf("%s %s %s", g.pick("API_KEY", "DB_PASSWORD", "REGISTRY_TOKEN"), g.pick("?=", "+=", "?=", "::="), v), v)
			case 0:
				return oc("spring-yaml", "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/app\n    username: app\n    password: "+v+"\n  jpa:\n    open-in-view: false", v)
			case 1:
				return oc("toml", "[database]\nhost = \"db.internal\"\npassword = \""+v+"\"\nmax_connections = 20", v)
			case 2:
				return oc("properties", "spring.mail.host=smtp.acme-corp.com\nspring.mail.password="+v+"\nspring.mail.port=587", v)
			default:
				return oc("ansible", "all:\n  vars:\n    ansible_user: deploy\n    ansible_become_password: "+v+"\n    ansible_port: 22", v)
			}
		}),
	}
}

// ---- informational positives (the spec does not clearly cover them) ----

func outsiderInfo() []Family {
	return []Family{
		// private keys that are not PEM blocks, and a PEM block cut short
		// by a log line limit.
		opos("info-private-key-formats", "generic", 20, false, func(g *gen) Case {
			switch g.intn(3) {
			case 0:
				priv := base64.StdEncoding.EncodeToString(g.bytes(48))
				return oc("putty", strings.Join([]string{"PuTTY-User-Key-File-3: ssh-ed25519", "Encryption: none", "Comment: eddsa-key-20261128", "Public-Lines: 2",
					base64.StdEncoding.EncodeToString(g.bytes(48)), base64.StdEncoding.EncodeToString(g.bytes(3)), "Private-Lines: 1", priv, "Private-MAC: " + g.hex(64)}, "\n"), priv)
			case 1:
				d := base64.RawURLEncoding.EncodeToString(g.bytes(32))
				return oc("jwk-d", fmt.Sprintf(`{"kty":"EC","crv":"P-256","kid":"%s","x":"%s","y":"%s","d":"%s"}`, g.hex(8), base64.RawURLEncoding.EncodeToString(g.bytes(32)), base64.RawURLEncoding.EncodeToString(g.bytes(32)), d), d)
			default:
				lines, body := g.pemKeyLines()
				cut := lines[:len(lines)-1-g.between(1, 2)]
				var sec []string
				for _, b := range body {
					for _, l := range cut {
						if l == b {
							sec = append(sec, b)
						}
					}
				}
				if len(sec) == 0 {
					sec = body[:1]
					cut = append(cut, body[0])
				}
				return oc("truncated", strings.Join(cut, "\n")+"\n... (truncated, 4096 bytes)", sec...).may(pemMayDrop(lines)...)
			}
		}),
		// non-bcrypt password hashes (crypt(3), argon2, apr1, LDAP SSHA,
		// Django pbkdf2)
		opos("info-password-hashes", "generic", 20, false, func(g *gen) Case {
			var h string
			switch g.intn(5) {
			case 0:
				h = "$6$rounds=5000$" + g.b62(8) + "$" + g.mixed(base62Set+"./", 86)
				return oc("sha512crypt", "root:"+h+":19000:0:99999:7:::", h)
			case 1:
				h = "$argon2id$v=19$m=65536,t=3,p=4$" + base64.RawStdEncoding.EncodeToString(g.bytes(16)) + "$" + base64.RawStdEncoding.EncodeToString(g.bytes(32))
			case 2:
				h = "$apr1$" + g.b62(8) + "$" + g.mixed(base62Set+"./", 22)
				return oc("htpasswd", "deploy:"+h, h)
			case 3:
				h = "{SSHA}" + base64.StdEncoding.EncodeToString(g.bytes(24))
				return oc("ldap", "userPassword: "+h, h)
			default:
				h = "pbkdf2_sha256$600000$" + g.b62(22) + "$" + base64.StdEncoding.EncodeToString(g.bytes(32))
			}
			return oc("hash", fmt.Sprintf(`UPDATE auth_user SET pass_hash='%s' WHERE id=%d`, h, g.between(1, 9999)), h)
		}),
		// credential formats outside the listed vendors
		opos("info-vendor-unlisted", "vendor", 20, false, func(g *gen) Case {
			var t string
			switch g.intn(4) {
			case 0:
				t = "AAAA" + g.urlTok(7) + ":APA91b" + g.urlTok(134)
			case 1:
				t = base64.RawURLEncoding.EncodeToString([]byte(fmt.Sprint(g.between(100000000000000000, 999999999999999999)))) + "." + g.urlTok(6) + "." + g.urlTok(38)
			case 2:
				t = g.hex(36) + "NRAL"
			default:
				t = "ATBB" + g.b62(28) + g.chars(upperHex, 8)
			}
			return oc("unlisted", "configured credential "+t+" for notifications", t)
		}),
		// keys whose last word is not a secret noun but which hold one
		opos("info-suffixed-secret-keys", "keyed", 20, false, func(g *gen) Case {
			v := g.password()
			k := g.pick("password_confirmation", "PASSWORD_PROD", "DB_PASSWORD_NEW", "token_value", "secret_value", "apiKeyLive", "bindpw", "pass_word")
			return oc(k, fmt.Sprintf("%s=%s user=ops", k, v), v)
		}),
		// a pretty-printed JSON value on the line after its key; a flag and
		// its value as separate array items
		opos("info-split-key-value", "keyed", 15, false, func(g *gen) Case {
			v := g.password()
			if g.chance(0.5) {
				return oc("json-next-line", "{\n  \"auth\": {\n    \"apiKey\":\n      \""+jsonEsc(v)+"\"\n  }\n}", jsonEsc(v))
			}
			return oc("argv-array", fmt.Sprintf(`{"argv":["/usr/bin/app","--password","%s","--verbose"]}`, jsonEsc(v)), jsonEsc(v))
		}),
		// a line that starts "password: X" is read as YAML (value to the end
		// of the line), so trailing prose goes with the value
		opos("info-colon-value-then-prose", "keyed", 15, false, func(g *gen) Case {
			v := g.password()
			return oc("line-start", fmt.Sprintf("%s: %s %s", g.pick("Password", "password", "Token", "api_key"), v, g.pick("(set by admin)", "for user bob", "- please change it", "(attempt 2/5)", "took 12ms")), v)
		}),
		// column tables (vault kv get, CLI "Key Value" output)
		opos("info-whitespace-tables", "keyed", 15, false, func(g *gen) Case {
			v := g.password()
			k := g.pick("password", "api_key", "token", "client_secret")
			switch g.intn(3) {
			case 0:
				return oc("markdown", fmt.Sprintf("| %s | %s | prod |", k, v), v)
			case 1:
				return oc("nginx-apache", fmt.Sprintf("%s %s %s;", g.pick("proxy_set_header X-Api-Key", "SetEnv DB_PASSWORD", "fastcgi_param DB_PASSWORD", "env API_TOKEN"), v, ""), v)
			}
			return oc("vault-kv", fmt.Sprintf("====== Data ======\nKey         Value\n---         -----\n%-12s%s\nusername    admin", k, v), v)
		}),
		opos("info-dockerfile-env-space", "keyed", 15, false, func(g *gen) Case {
			v := g.password()
			return oc("ENV k v", fmt.Sprintf("Step 7/12 : ENV %s %s", g.pick("API_KEY", "DB_PASSWORD", "NPM_TOKEN"), v), v)
		}),
		// name/value indirection: the secret noun is the VALUE of a "name"
		// field and the secret sits in the sibling "value".
		opos("info-name-value-pairs", "keyed", 30, false, func(g *gen) Case {
			v := g.password()
			k := g.pick("DB_PASSWORD", "API_KEY", "STRIPE_SECRET_KEY", "GITHUB_TOKEN")
			switch g.intn(4) {
			case 0:
				return oc("k8s-env", "        env:\n        - name: "+k+"\n          value: "+v+"\n        - name: LOG_LEVEL\n          value: info", v)
			case 1:
				return oc("ecs-json", fmt.Sprintf(`{"containerDefinitions":[{"name":"api","environment":[{"name":"%s","value":"%s"},{"name":"TZ","value":"UTC"}]}]}`, k, v), v)
			case 2:
				return oc("har-header", fmt.Sprintf(`{"headers":[{"name":"Accept","value":"*/*"},{"name":"Authorization","value":"Bearer %s"}]}`, v), v).may("Bearer")
			default:
				return oc("spring-xml", fmt.Sprintf(`<property name="password" value="%s"/>`, v), v)
			}
		}),
		opos("info-commands-and-files", "keyed", 40, false, func(g *gen) Case {
			v := g.urlPw()
			switch g.intn(9) {
			case 0:
				return oc("redis-auth", "127.0.0.1:6379> AUTH default "+v, v)
			case 1:
				return oc("redis-cli-a", "$ redis-cli -h cache.prod -a "+v+" --no-auth-warning ping", v)
			case 2:
				return oc("curl-u", fmt.Sprintf("curl -u admin:%s https://jenkins.acme-corp.com/job/api/build", v), v)
			case 3:
				return oc("docker-login-p", fmt.Sprintf("+ docker login -u ci -p %s registry.acme-corp.com", v), v)
			case 4:
				return oc("requirepass", "requirepass "+v, v)
			case 5:
				return oc("pgpass", "db.prod.internal:5432:orders:app:"+v, v)
			case 6:
				b := base64.StdEncoding.EncodeToString([]byte("ci:" + v))
				return oc("docker-config-auth", fmt.Sprintf(`{"auths":{"registry.acme-corp.com":{"auth":"%s"}},"credsStore":"desktop"}`, b), b)
			case 7:
				return oc("oracle-thin", fmt.Sprintf("jdbc:oracle:thin:app/%s@//db.prod:1521/ORCL", v), v)
			default:
				sig := url.QueryEscape(g.b64(32))
				return oc("azure-sas-sig", fmt.Sprintf("https://acme.blob.core.windows.net/exports/a.csv?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-12-01T00:00:00Z&spr=https&sig=%s", sig), sig)
			}
		}),
		opos("info-cookie-attributes-kept", "keyed", 30, false, func(g *gen) Case {
			return g.cookieCase(false)
		}),
		opos("info-csv-secret-columns", "keyed", 20, false, func(g *gen) Case {
			v := g.tokenValue()
			return oc("csv", fmt.Sprintf("name,api_token,created\n%s,%s,%s", g.pick("ci-bot", "deploy", "grafana"), v, g.stamp().date()), v)
		}),
		opos("info-national-phones", "pii", 30, false, func(g *gen) Case {
			var ph string
			switch g.intn(5) {
			case 0:
				ph = fmt.Sprintf("020 7%03d %04d", g.intn(1000), g.intn(10000))
			case 1:
				ph = fmt.Sprintf("030 %d%04d", g.between(100, 999), g.intn(10000))
			case 2:
				ph = fmt.Sprintf("01 %02d %02d %02d %02d", g.between(10, 99), g.intn(100), g.intn(100), g.intn(100))
			case 3:
				ph = fmt.Sprintf("03-%04d-%04d", g.between(1000, 9999), g.intn(10000))
			default:
				ph = fmt.Sprintf("07%03d %06d", g.between(100, 999), g.intn(1000000))
			}
			return oc("national", fmt.Sprintf(`{"contact":{"phone":"%s"}}`, ph), ph)
		}),
		opos("info-encoded-private-keys", "generic", 20, false, func(g *gen) Case {
			lines, _ := g.pemKeyLines()
			enc := base64.StdEncoding.EncodeToString([]byte(strings.Join(lines, "\n") + "\n"))
			return oc("kubeconfig-client-key-data", "    client-key-data: "+enc, enc)
		}),
	}
}

// ---- negatives ----

func outsiderNegative() []Family {
	return []Family{
		oneg("neg-access-logs", "misc", 40, true, func(g *gen) (string, string) {
			path := fmt.Sprintf("/v1/%s?page=%d&sort=%s&per_page=%d&token_type=bearer&expires_in=3600", g.pick("orders", "items", "search"), g.between(1, 99), g.pick("desc", "created_at"), g.pick3(20, 50, 100))
			if g.chance(0.5) {
				path = fmt.Sprintf("/api/orders/%s/items?include=sku,price&since=%d", g.uuid(), g.between(1700000000000, 1760000000000))
			}
			return "access", fmt.Sprintf(`%s - - [%s] "GET %s HTTP/1.1" %d %d "https://app.acme-corp.com/dashboard?tab=billing" "%s" rt=%d.%03d uct="0.001" uht="0.%03d"`,
				g.ip(), g.nginxTime(), path, g.pick3(200, 304, 404), g.between(100, 900000), g.ua(), g.intn(3), g.intn(1000), g.intn(1000))
		}),
		oneg("neg-k8s-docker-ids", "misc", 40, true, func(g *gen) (string, string) {
			switch g.intn(5) {
			case 0:
				return "event", fmt.Sprintf("%dm  Normal  Pulled  pod/api-%s-%s  Successfully pulled image \"ghcr.io/acme/api@sha256:%s\" in %d.%03ds (%d.%03ds including waiting). Image size: %d bytes.",
					g.between(1, 59), g.chars(lowerNum[:0]+"bcdfghjklmnpqrstvwxz2456789", 10), g.chars("bcdfghjklmnpqrstvwxz2456789", 5), g.hex(64), g.intn(20), g.intn(1000), g.intn(30), g.intn(1000), g.between(10000000, 900000000))
			case 1:
				return "uid", fmt.Sprintf("metadata: {name: api-%s, namespace: prod, uid: %s, resourceVersion: \"%d\", generation: %d}", g.chars(lowerNum, 5), g.uuid(), g.between(100000, 99999999), g.between(1, 40))
			case 2:
				return "docker-ps", fmt.Sprintf("%s   ghcr.io/acme/worker:1.%d.%d   \"/entrypoint.sh run\"   %d hours ago   Up %d hours   0.0.0.0:%d->8080/tcp   worker_%d", g.hex(12), g.intn(20), g.intn(30), g.between(2, 40), g.between(1, 40), g.between(8000, 9999), g.between(1, 9))
			case 3:
				return "containerd", fmt.Sprintf(`level=info msg="CreateContainer within sandbox \"%s\" for &ContainerMetadata{Name:api,Attempt:%d,} returns container id \"%s\""`, g.hex(64), g.intn(5), g.hex(64))
			default:
				return "layers", fmt.Sprintf("%s: Pull complete\nDigest: sha256:%s\nStatus: Downloaded newer image for nginx:1.27-alpine", g.hex(12), g.hex(64))
			}
		}),
		oneg("neg-dates-durations-sizes", "misc", 50, true, func(g *gen) (string, string) {
			t := g.stamp()
			switch g.intn(8) {
			case 0:
				return "rfc1123", fmt.Sprintf("Last-Modified: %s, %02d %s %04d %s GMT", g.pick("Mon", "Tue", "Sat"), t.d, months[t.mo-1], t.y, t.clock())
			case 1:
				return "micro", fmt.Sprintf("%s %s.%06d UTC [%d] LOG:  duration: %d.%03d ms  statement: SELECT 1", t.date(), t.clock(), g.intn(1000000), g.pid(), g.intn(5000), g.intn(1000))
			case 2:
				return "basic-iso", fmt.Sprintf("X-Amz-Date: %04d%02d%02dT%02d%02d%02dZ", t.y, t.mo, t.d, t.h, t.mi, t.s)
			case 3:
				return "go-duration", fmt.Sprintf("request completed in %dh%dm%d.%09ds (timeout %ds)", g.intn(3), g.intn(60), g.intn(60), g.intn(1000000000), g.pick3(30, 60, 300))
			case 4:
				return "sizes", fmt.Sprintf("disk usage: %d.%dGiB of %dGiB (%d bytes free, %d inodes)", g.intn(900), g.intn(10), g.pick3(1024, 2048, 512), g.between(1000000000, 9999999999), g.between(1000000, 99999999))
			case 5:
				return "iso-duration", fmt.Sprintf("retention=P%dD window=PT%dM next_run=%s", g.between(1, 400), g.between(1, 59), t.isoSec())
			case 6:
				return "us-date", fmt.Sprintf("Invoice date %02d/%02d/%04d due %02d/%02d/%04d", t.mo, t.d, t.y, t.mo, t.d, t.y+1)
			default:
				return "ports", fmt.Sprintf("listening on 0.0.0.0:%d, admin on 127.0.0.1:%d, metrics on :%d", g.between(1024, 65535), g.between(1024, 65535), g.between(1024, 65535))
			}
		}),
		oneg("neg-isbn-coords-mac", "misc", 40, true, func(g *gen) (string, string) {
			switch g.intn(5) {
			case 0:
				return "isbn", fmt.Sprintf("ISBN 978-%d-%02d-%06d-%d added to cart", g.between(0, 1), g.between(10, 99), g.intn(1000000), g.intn(10))
			case 1:
				return "coords", fmt.Sprintf("geo=%d.%06d,%d.%06d accuracy=%dm", g.between(-80, 80), g.intn(1000000), g.between(-170, 170), g.intn(1000000), g.between(3, 90))
			case 2:
				return "mac", fmt.Sprintf("DHCPACK on %s to %s (%s) via eth0", g.ip(), strings.ToLower(fmt.Sprintf("%s:%s:%s:%s:%s:%s", g.chars(upperHex, 2), g.chars(upperHex, 2), g.chars(upperHex, 2), g.chars(upperHex, 2), g.chars(upperHex, 2), g.chars(upperHex, 2))), g.pick("laptop-42", "printer"))
			case 3:
				return "gtin", fmt.Sprintf("sku=%s gtin=%s qty=%d", strings.ToUpper(g.chars(lower, 3))+"-"+g.chars(digits, 5), g.luhnBad(13), g.between(1, 9))
			default:
				return "ean-tracking", fmt.Sprintf("shipment 1Z%s%s%s status=in_transit", g.chars(upperNum, 6), g.chars(digits, 2), g.chars(digits, 8))
			}
		}),
		oneg("neg-prose-secret-words", "keyed", 40, true, func(g *gen) (string, string) {
			return "prose", g.pick(
				"Your password must contain at least 12 characters and one symbol.",
				"The access token expired; the client will request a new one.",
				"Rotating secrets is handled by the nightly job, see RUNBOOK.md.",
				"rate limiter: token bucket refilled with 40 tokens (capacity 100)",
				"User clicked 'Forgot password?' on the sign-in page",
				"Secret Santa signup closes on Friday!",
				"The API key header is missing from the request.",
				"Password reset email queued for delivery",
				"LLM usage: prompt tokens 1532, completion tokens 211, total tokens 1743",
				"warning: credential helper 'osxkeychain' not found, falling back to store",
				"refusing to log the authorization header value",
				"cookie consent banner dismissed by user",
				"Private key permissions are too open (0644); expected 0600",
				"passwordless login enabled for tenant acme",
				fmt.Sprintf("tokenizer loaded: vocab size %d, merges %d", g.between(30000, 200000), g.between(10000, 90000)),
				"hint: set the GITHUB_TOKEN environment variable to raise rate limits",
			)
		}),
		// well-known lines printed by common tools
		oneg("neg-cli-output", "keyed", 30, true, func(g *gen) (string, string) {
			t := g.stamp()
			pre := g.pick("", t.date()+"T"+t.clock()+fmt.Sprintf(".%07dZ ", g.intn(10000000)), "+ ", "#12 0.431 ")
			return "cli", pre + g.pick(
				"WARNING! Using --password via the CLI is insecure. Use --password-stdin.",
				"Flag --token has been deprecated, use --auth-token instead",
				fmt.Sprintf("Flag --%s has been deprecated, %s", g.pick("password", "api-key", "client-secret"), g.pick("use --password-file instead", "will be removed in v2")),
				"      --api-key string        API key for the service (env: API_KEY)",
				"  -t, --token string          Bearer token used for authentication",
				"  --password=PASSWORD   database password",
				"  -p, --password TEXT  The password to use.",
				"usage: deploy [-h] [--token TOKEN] [--env ENV]",
				"mysql: [Warning] Using a password on the command line interface can be insecure.",
				"rotated 3 secrets: db-password, api-key, jwt-signing-key",
				"Error: required flag(s) \"token\" not set",
				"error: unknown flag: --pasword",
			)
		}),
		oneg("neg-code-references", "keyed", 40, true, func(g *gen) (string, string) {
			return "code", g.pick(
				`password = os.getenv("DB_PASSWORD")`,
				`token := r.Header.Get("Authorization")`,
				`const apiKey = process.env.API_KEY;`,
				`secret = config["secret"]`,
				`api_key=settings.API_KEY`,
				`password: ${{ secrets.DB_PASSWORD }}`,
				`self.password = password`,
				`if token == "" { return errMissingToken }`,
				`client_secret: !vault prod/oauth#client_secret`,
				`DB_PASSWORD=$(cat /run/secrets/db_password)`,
				`password: "{{ vault_db_password }}"`,
				`export API_TOKEN="$API_TOKEN_PROD"`,
				`api_key = ENV.fetch("STRIPE_API_KEY")`,
				`String password = System.getenv("DB_PASSWORD");`,
				`token: !Ref ApiTokenParameter`,
				`password = <%= ENV['DB_PASSWORD'] %>`,
				`secret_key_base: <%= Rails.application.credentials.secret_key_base %>`,
				`"password": "#{ENV.fetch('PG_PASSWORD')}"`,
				`api_key = args.api_key`,
				`let token = await getToken();`,
				`token = request.headers["Authorization"]`,
				`password := os.Getenv("PASSWORD")`,
				`password = secrets.token_urlsafe(32)`,
				`const password = req.body.password;`,
				`$password = $_POST['password'];`,
				`token = self._get_token()`,
			)
		}),
		oneg("neg-json-schema", "keyed", 30, true, func(g *gen) (string, string) {
			return "schema", g.pick(
				`{"name":"token","in":"query","required":true,"schema":{"type":"string"},"description":"The access token issued by /oauth/token"}`,
				`{"field":"password","error":"too_short","min":12}`,
				`{"valueFrom":{"secretKeyRef":{"name":"api-secrets","key":"api-key"}}}`,
				`{"type":"object","required":["password","api_key"],"additionalProperties":false}`,
			)
		}),
		// The spec: "values of secret-named keys at any depth are replaced
		// whatever their type", so an object under a secret key is replaced
		// whole even when it only describes the secret (a schema, a feature
		// object). Kept as information: it is over-redaction by design.
		oneg("info-neg-objects-under-secret-keys", "keyed", 30, false, func(g *gen) (string, string) {
			return "object", g.pick(
				`{"type":"object","properties":{"password":{"type":"string","minLength":12,"writeOnly":true},"email":{"type":"string","format":"email"}},"required":["password"]}`,
				`{"components":{"securitySchemes":{"apiKey":{"type":"apiKey","in":"header","name":"X-API-Key"},"bearerAuth":{"type":"http","scheme":"bearer","bearerFormat":"JWT"}}}}`,
				`{"secret":{"name":"db-credentials","key":"password","optional":false}}`,
				`{"credentials":{"type":"service_principal","source":"env"}}`,
				`{"password":{"required":true,"hidden":true,"label":"Password"}}`,
				`{"password":{"enabled":false,"min_length":12}}`,
				`{"providers":{"credentials":{"enabled":true}}}`,
				`{"mfa":{"token":{"required":true,"length":6}}}`,
			)
		}),
		oneg("neg-masked-values", "keyed", 40, true, func(g *gen) (string, string) {
			return "masked", g.pick(
				"password=********", `"password":"[FILTERED]"`, "token=***REDACTED***", "secret: <redacted>",
				"api_key=(sensitive value)", `"client_secret":"<hidden>"`, "password=", `"password":""`,
				"Authorization: Bearer <token>", "card=************4242", "api_key=****************************abcd",
				`DB_PASSWORD="${DB_PASSWORD}"`, "token: ~", `"access_token":null`, "password=xxxxxxxxxxxx",
				"password=[MASKED]", "X-Api-Key: {{api_key}}", "secret=%s", "password=<PASSWORD>", "token=$TOKEN",
				"password: !!null", `"apiKey": "YOUR_API_KEY"`, "Authorization: Basic [REDACTED]",
				`SecretStr('**********')`, `passwd=***`,
			)
		}),
		// JSON booleans under secret nouns are flags; they carry no secret.
		oneg("neg-json-flags", "keyed", 20, true, func(g *gen) (string, string) {
			return "flags", g.pick(
				`{"auth":{"password":false,"publickey":true}}`,
				`{"features":{"token":false,"sso":true}}`,
				`{"login_methods":{"password":true,"oidc":false,"passkey":true}}`,
				`{"event":"policy.updated","secret":false,"public":true}`,
				fmt.Sprintf(`{"user":%d,"password":true,"otp":false}`, g.between(1, 99999)),
			)
		}),
		// public SSH keys under a key named for keys
		oneg("neg-ssh-public-keys-keyed", "generic", 20, true, func(g *gen) (string, string) {
			k := g.sshPublicKey() + " " + g.pick("deploy@ci", "bob@laptop", "ansible")
			switch g.intn(4) {
			case 0:
				return "yaml", "ssh_key: " + k
			case 1:
				return "json", fmt.Sprintf(`{"name":"ci","deployKey":"%s","read_only":true}`, k)
			case 2:
				return "env", "SSH_KEY=" + k
			default:
				return "tf", fmt.Sprintf(`      + public_key = "%s"`, k)
			}
		}),
		oneg("neg-terraform-clean", "keyed", 30, true, func(g *gen) (string, string) {
			return "tf", g.pick(
				`      ~ password = (sensitive value)`,
				`      + master_password = (sensitive value)`,
				`      + token_ttl       = 3600`,
				fmt.Sprintf(`      + secret_arn      = "arn:aws:secretsmanager:us-east-1:%d:secret:prod/db-%s"`, g.between(100000000000, 999999999999), g.b62(6)),
				fmt.Sprintf(`      + kms_key_id      = "arn:aws:kms:eu-west-1:%d:key/%s"`, g.between(100000000000, 999999999999), g.uuid()),
				`      + password_policy = "strict"`,
				`      + secret_name     = "prod/api/stripe"`,
				`      ~ api_key_id      = "`+g.hex(16)+`" -> (known after apply)`,
				`Plan: 3 to add, 1 to change, 0 to destroy.`,
				`      + access_key      = (known after apply)`,
				`  # random_password.db will be created`,
			)
		}),
		oneg("neg-trace-ids", "misc", 40, true, func(g *gen) (string, string) {
			switch g.intn(5) {
			case 0:
				return "traceparent", fmt.Sprintf("traceparent: 00-%s-%s-01", g.hex(32), g.hex(16))
			case 1:
				return "amzn", fmt.Sprintf("X-Amzn-Trace-Id: Root=1-%s-%s;Parent=%s;Sampled=1", g.hex(8), g.hex(24), g.hex(16))
			case 2:
				return "b3", fmt.Sprintf("b3=%s-%s-1 x-b3-spanid=%s", g.hex(32), g.hex(16), g.hex(16))
			case 3:
				return "dd", fmt.Sprintf(`{"dd.trace_id":"%s","dd.span_id":"%s","msg":"ok"}`, g.luhnBad(19), g.luhnBad(19))
			default:
				return "sentry", fmt.Sprintf("sentry-trace: %s-%s-1 baggage=sentry-environment=production,sentry-release=api%%40%d.%d.%d", g.hex(32), g.hex(16), g.intn(5), g.intn(30), g.intn(20))
			}
		}),
		oneg("neg-versions-builds", "misc", 40, true, func(g *gen) (string, string) {
			switch g.intn(6) {
			case 0:
				return "go-pseudo", fmt.Sprintf("go: downloading github.com/acme/lib v0.0.0-%04d%02d%02d%02d%02d%02d-%s", g.between(2019, 2026), g.between(1, 12), g.between(1, 28), g.intn(24), g.intn(60), g.intn(60), g.hex(12))
			case 1:
				return "semver-build", fmt.Sprintf("version=%d.%d.%d-rc.%d+build.%d.%s", g.intn(5), g.intn(30), g.intn(20), g.between(1, 9), g.between(1000, 99999), g.hex(7))
			case 2:
				return "chrome-ua", fmt.Sprintf(`"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.%d.%d Safari/537.36"`, g.between(110, 131), g.between(5000, 6999), g.between(10, 250))
			case 3:
				return "win-build", fmt.Sprintf("OS: Microsoft Windows 10.0.%d.%d, .NET %d.0.%d", g.between(19041, 26100), g.between(1000, 4999), g.between(6, 9), g.between(1, 20))
			case 4:
				return "ci-build", fmt.Sprintf("Build #%d (%d.%d) finished: SUCCESS, artifact app-%d.%d.%d-%d.jar", g.between(1000, 99999), g.between(20240101, 20261231), g.between(1, 9), g.intn(5), g.intn(30), g.intn(20), g.between(100000, 999999))
			default:
				return "npm-integrity", fmt.Sprintf(`"integrity": "sha512-%s"`, g.b64(64))
			}
		}),
		oneg("neg-numeric-ids", "pii", 50, true, func(g *gen) (string, string) {
			switch g.intn(8) {
			case 0:
				return "aws-account", fmt.Sprintf("assumed role arn:aws:iam::%d:role/deploy-%s", g.between(100000000000, 999999999999), g.pick("prod", "ci"))
			case 1:
				return "epoch-s", fmt.Sprintf(`{"created":%d,"updated":%d}`, g.between(1600000000, 1790000000), g.between(1600000000, 1790000000))
			case 2:
				return "epoch-ns", fmt.Sprintf("ts=%d%09d level=info", g.between(1600000000, 1790000000), g.intn(1000000000))
			case 3:
				return "order", fmt.Sprintf("Order ORD-%d-%04d-%d shipped, invoice INV/%d/%06d", g.between(2020, 2026), g.intn(10000), g.between(1000, 9999), g.between(2020, 2026), g.intn(1000000))
			case 4:
				return "slack-ts", fmt.Sprintf("message ts=%d.%06d channel=C%s", g.between(1600000000, 1790000000), g.intn(1000000), g.chars(upperNum, 10))
			case 5:
				return "snowflake", fmt.Sprintf("discord message id %s in guild %s", g.luhnBad(19), g.luhnBad(18))
			case 6:
				return "counters", fmt.Sprintf("rx_bytes=%d tx_bytes=%d rx_packets=%d dropped=%d", g.between(1000000000, 9999999999), g.between(1000000000, 9999999999), g.between(1000000, 99999999), g.intn(100))
			default:
				return "pid-port", fmt.Sprintf("worker pid=%d port=%d fd=%d rss=%dKB", g.pid(), g.between(1024, 65535), g.between(3, 1000), g.between(10000, 9999999))
			}
		}),
		oneg("neg-public-material", "generic", 30, true, func(g *gen) (string, string) {
			switch g.intn(5) {
			case 0:
				return "jwks", fmt.Sprintf(`{"keys":[{"kty":"RSA","use":"sig","kid":"%s","alg":"RS256","n":"%s","e":"AQAB"}]}`, g.hex(16), base64.RawURLEncoding.EncodeToString(g.bytes(256)))
			case 1:
				return "hostkey-fp", fmt.Sprintf("ED25519 key fingerprint is SHA256:%s.", base64.RawStdEncoding.EncodeToString(g.bytes(32)))
			case 2:
				var parts []string
				for i := 0; i < 32; i++ {
					parts = append(parts, g.chars(upperHex, 2))
				}
				return "cert-fp", "SHA256 Fingerprint=" + strings.Join(parts, ":")
			case 3:
				cert := base64.StdEncoding.EncodeToString([]byte("-----BEGIN CERTIFICATE-----\n" + g.b64(300) + "\n-----END CERTIFICATE-----\n"))
				return "ca-data", "    certificate-authority-data: " + cert
			default:
				return "authorized-key", g.sshPublicKey() + " deploy@ci-runner-" + fmt.Sprint(g.between(1, 9))
			}
		}),
		oneg("neg-base64-data", "generic", 30, true, func(g *gen) (string, string) {
			switch g.intn(4) {
			case 0:
				return "data-uri", fmt.Sprintf(`<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA%s">`, g.b64(60))
			case 1:
				b, _ := json.Marshal(map[string]any{"page": g.between(1, 99), "sort": "created_at", "dir": "desc"})
				return "cursor-json", "next_cursor=" + base64.StdEncoding.EncodeToString(b)
			case 2:
				return "etag", fmt.Sprintf(`ETag: W/"%x-%s"`, g.between(100, 99999), base64.RawStdEncoding.EncodeToString(g.bytes(20)))
			default:
				return "content-md5", "Content-MD5: " + base64.StdEncoding.EncodeToString(g.bytes(16))
			}
		}),
		oneg("neg-keys-about-secrets-2", "keyed", 40, true, func(g *gen) (string, string) {
			return "about", g.pick(
				"password_file=/run/secrets/db_password",
				"private_key_path=/etc/ssl/private/server.key",
				"token_url=https://login.acme-corp.com/oauth2/token",
				fmt.Sprintf("tokens_per_second=%d.%d", g.between(1, 99), g.intn(10)),
				"secretRef: db-credentials",
				"secretName: tls-acme-prod",
				"passwordless: true",
				fmt.Sprintf("api_key_id=%s", g.hex(16)),
				fmt.Sprintf("token_expires_at=%s", g.stamp().isoSec()),
				fmt.Sprintf(`{"password_last_changed":"%s","password_expires_in_days":%d}`, g.stamp().date(), g.between(1, 90)),
				"credential_process = /usr/local/bin/aws-vault export --format=json prod",
				"secret_version=7 secret_provider=vault",
				fmt.Sprintf("max_output_tokens=%d", g.pick3(1024, 4096, 8192)),
				"AuthorizationType: AWS_IAM",
				"cookie_domain=.acme-corp.com cookie_secure=true cookie_max_age=86400",
				fmt.Sprintf("public_key_fingerprint=%s", g.hex(40)),
				"token_endpoint_auth_method=client_secret_basic",
				"password_hash_algorithm=argon2id",
			)
		}),
		// kubectl describe secret prints sizes, not values
		oneg("info-neg-describe-secret", "keyed", 10, false, func(g *gen) (string, string) {
			return "describe", fmt.Sprintf("Data\n====\npassword:  %d bytes\nusername:  %d bytes", g.between(8, 40), g.between(3, 12))
		}),
		// words that read as placeholders to a human
		oneg("info-neg-placeholder-words", "keyed", 20, false, func(g *gen) (string, string) {
			return "placeholder", g.pick("token: REPLACE_ME", "client_secret=CLIENT_SECRET", "password: PASSWORD", "password=changeme", "secret=SECRET",
				"api_key: your-api-key-here", "password: ${DB_PASSWORD:-changeme}", "Authorization: Basic dXNlcm5hbWU6cGFzc3dvcmQ=", "credentials: see 1Password vault \"Prod\"",
				"Message-ID: <CAF=yB8ZH1x2Qk@mail.gmail.com>", "token: TODO", "password=<your password>",
				"Using secret: prod/db (version 7)", "Found 2 credentials: github.com, gitlab.com", "password: required", "kubectl describe: SKU 415-867-5309-XL")
		}),
		oneg("info-neg-luhn-valid-ids", "pii", 20, false, func(g *gen) (string, string) {
			return "dd-trace", fmt.Sprintf(`{"dd.trace_id":"%s","msg":"ok"}`, g.luhnCard(g.pick("4", "5", "6"), 16))
		}),
	}
}

func outsiderFamilies() []Family {
	var fs []Family
	fs = append(fs, outsiderPositive()...)
	fs = append(fs, outsiderInfo()...)
	fs = append(fs, outsiderNegative()...)
	return fs
}

func outsiderGenerate(seed uint64) ([]Family, []Case, error) {
	fams := outsiderFamilies()
	var cases []Case
	names := map[string]bool{}
	for fi, f := range fams {
		if names[f.Name] {
			return nil, nil, fmt.Errorf("duplicate family %q", f.Name)
		}
		names[f.Name] = true
		g := newGen(seed + uint64(fi)*104729)
		seen := map[string]bool{}
		for tries := 0; len(seen) < f.N && tries < 20*f.N; tries++ {
			c := f.Gen(g)
			if seen[c.Text] {
				continue
			}
			seen[c.Text] = true
			c.Family = f.Name
			if err := checkCase(f, c); err != nil {
				return nil, nil, err
			}
			cases = append(cases, c)
		}
	}
	return fams, cases, nil
}

// TestOutsiderFamilies pipes every outsider case through the built command
// in one run and fails only if an overall asserted rate drops below 99%.
func TestOutsiderFamilies(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	seed := uint64(outsiderSeed)
	if v := os.Getenv("REDACT_OUTSIDER_SEED"); v != "" {
		if seed, err = strconv.ParseUint(v, 10, 64); err != nil {
			t.Fatalf("REDACT_OUTSIDER_SEED: %v", err)
		}
	}
	fams, cases, err := outsiderGenerate(seed)
	if err != nil {
		t.Fatalf("generator: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "redact")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, goBin, "build", "-o", bin, "./cmd/redact")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	order, input := buildInput(seed, cases)
	var stdout, stderr bytes.Buffer
	run := exec.CommandContext(ctx, bin)
	run.Stdin = bytes.NewReader(input)
	run.Stdout, run.Stderr = &stdout, &stderr
	if err := run.Run(); err != nil {
		t.Fatalf("redact: %v\nstderr: %s", err, stderr.String())
	}
	checkIdempotent(ctx, t, bin, stdout.Bytes())
	outs, err := splitOutput(order, stdout.Bytes())
	if err != nil {
		t.Fatalf("cannot align output: %v", err)
	}
	byName := map[string]Family{}
	stats := map[string]*famStats{}
	for _, f := range fams {
		byName[f.Name] = f
		stats[f.Name] = &famStats{fam: f}
	}
	var pos, caught, kept, negN, same int
	for i, c := range order {
		f := byName[c.Family]
		r := score(c, f.Kind, outs[i])
		s := stats[c.Family]
		s.n++
		var bad bool
		if f.Kind == Positive {
			if r.Caught {
				s.caught++
			}
			if r.Kept {
				s.kept++
			}
			bad = !r.Caught || !r.Kept
		} else {
			if r.Same {
				s.same++
			}
			bad = !r.Same
		}
		if bad {
			s.fail++
			s.failures = append(s.failures, r)
		}
		if !f.Asserted {
			continue
		}
		if f.Kind == Positive {
			pos++
			if r.Caught {
				caught++
			}
			if r.Kept {
				kept++
			}
		} else {
			negN++
			if r.Same {
				same++
			}
		}
	}
	var tb strings.Builder
	fmt.Fprintf(&tb, "outsider seed %d: %d cases in %d families\n", seed, len(order), len(fams))
	fmt.Fprintf(&tb, "%-36s %-8s %-4s %5s %8s %8s %8s\n", "family", "group", "kind", "n", "caught", "context", "same")
	for _, f := range fams {
		s := stats[f.Name]
		name := f.Name
		if !f.Asserted {
			name += " (info)"
		}
		if f.Kind == Positive {
			fmt.Fprintf(&tb, "%-36s %-8s %-4s %5d %8s %8s\n", name, f.Group, f.Kind, s.n, pct(s.caught, s.n), pct(s.kept, s.n))
		} else {
			fmt.Fprintf(&tb, "%-36s %-8s %-4s %5d %8s %8s %8s\n", name, f.Group, f.Kind, s.n, "", "", pct(s.same, s.n))
		}
	}
	fmt.Fprintf(&tb, "OVERALL (asserted): caught %s of %d positives, context kept %s, negatives identical %s of %d\n",
		pct(caught, pos), pos, pct(kept, pos), pct(same, negN), negN)
	t.Log("\n" + tb.String())
	path := os.Getenv("REDACT_OUTSIDER_DUMP")
	if path == "" {
		path = "/tmp/outsider-failures.txt"
	}
	if err := os.WriteFile(path, []byte(tb.String()+"\n"+dumpFailures(fams, stats)), 0o644); err != nil {
		t.Logf("writing dump: %v", err)
	}
	rate := func(a, b int) float64 {
		if b == 0 {
			return 1
		}
		return float64(a) / float64(b)
	}
	if rate(caught, pos) < minRate || rate(kept, pos) < minRate || rate(same, negN) < minRate {
		t.Errorf("outsider rates below %.0f%%: caught %s, context %s, negatives %s (failures in %s)",
			100*minRate, pct(caught, pos), pct(kept, pos), pct(same, negN), path)
	}
}

// cookieCase: a session cookie in Set-Cookie / Cookie / curl. With lenient,
// the attributes and the neighbouring cookies may go with the value (the
// whole header value is "the cookie"); without, they must survive.
func (g *gen) cookieCase(lenient bool) Case {
	v := g.urlTok(g.between(24, 64))
	name := g.pick("session", "sessionid", "_gh_sess", "connect.sid", "JSESSIONID", "laravel_session", "__Secure-next-auth.session-token", "sid")
	attrs := []string{"Path", "Domain", "acme", "corp", "com", "Expires", "Wed", "Oct", "2026", "GMT", "Max", "Age", "86400", "HttpOnly", "Secure", "SameSite", "Lax",
		"path", "expires", "Sat", "Nov", "secure", "httponly", "samesite", "strict", "_ga", "GA1", "theme", "dark", "lang", "en", "US"}
	var c Case
	switch g.intn(3) {
	case 0:
		c = oc("set-cookie", fmt.Sprintf("Set-Cookie: %s=%s; Path=/; Domain=.acme-corp.com; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Max-Age=86400; HttpOnly; Secure; SameSite=Lax", name, v), v)
	case 1:
		c = oc("curl-v", fmt.Sprintf("< set-cookie: %s=%s; path=/; expires=Sat, 28-Nov-2026 10:20:49 GMT; secure; httponly; samesite=strict", name, v), v)
	default:
		ga := fmt.Sprintf("%d.%d", g.between(100000000, 999999999), g.between(1600000000, 1760000000))
		c = oc("cookie-multi", fmt.Sprintf("Cookie: _ga=GA1.2.%s; theme=dark; %s=%s; lang=en-US", ga, name, v), v)
		attrs = append(attrs, strings.Split(ga, ".")...)
	}
	c = c.may(name)
	c = c.may(strings.FieldsFunc(name, func(r rune) bool { return r == '.' || r == '-' || r == '_' })...)
	if lenient {
		c = c.may(attrs...)
	}
	return c
}
