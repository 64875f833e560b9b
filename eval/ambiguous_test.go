package eval

import (
	"fmt"
	"strings"
)

// Families whose expected result is debatable under the specification.
// They are generated, scored and printed, but not counted in the asserted
// rates; the report explains each.

func ambiguousFamilies() []Family {
	return []Family{
		// "key" alone is not a listed secret noun, yet SECRET_KEY,
		// signing_key and Azure's AccountKey are secrets in practice.
		{Name: "info-keyed-bare-key", Kind: Positive, Group: "keyed", N: 40, Gen: func(g *gen) Case {
			v := g.tokenValue()
			switch g.intn(3) {
			case 0:
				k := render(g.pickWords([]string{"secret", "key"}, []string{"signing", "key"}, []string{"encryption", "key"}, []string{"master", "key"}), g.pick3(0, 1, 2))
				line, s := g.around(k+"="+v, v)
				return Case{Label: k, Text: line, Secrets: s}
			case 1:
				v = g.b64(64)
				return Case{Label: "AccountKey", Text: fmt.Sprintf("DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=%s;EndpointSuffix=core.windows.net", v), Secrets: []string{v}}
			default:
				line, s := g.around(fmt.Sprintf(`SECRET_KEY = "%s"`, v), v)
				return Case{Label: "django", Text: line, Secrets: s}
			}
		}},
		// A secret noun as the value of a key attribute (.NET appSettings),
		// and a secret key whose value is a whole object (AWS STS output):
		// redacting the whole object is consistent with "the values of
		// secret keys are replaced whatever their type", but loses fields
		// such as Expiration.
		{Name: "info-indirect-and-object-values", Kind: Positive, Group: "keyed", N: 30, Gen: func(g *gen) Case {
			if g.chance(0.5) {
				v := g.password()
				line, s := g.around(fmt.Sprintf(`<add key="Smtp%s" value="%s" />`, g.pick("Password", "Secret"), v), v)
				return Case{Label: "appSettings", Text: line, Secrets: s}
			}
			id, sec, tok := g.awsKeyID(), g.awsSecret(), g.b64(g.between(200, 300))
			line := fmt.Sprintf(`{"Credentials":{"AccessKeyId":"%s","SecretAccessKey":"%s","SessionToken":"%s","Expiration":"%s"}}`, id, sec, tok, g.stamp().isoSec())
			return Case{Label: "sts-json", Text: line, Secrets: []string{id, sec, tok}}
		}},
		// Syntaxes the specification does not list: Ruby/PHP hashes (Rails
		// "Parameters:" lines), .netrc and SQL with space-separated values.
		{Name: "info-unlisted-syntaxes", Kind: Positive, Group: "keyed", N: 30, Gen: func(g *gen) Case {
			v := g.password()
			var inner, label string
			switch g.intn(4) {
			case 0:
				label = "rails-params"
				inner = fmt.Sprintf(`Parameters: {"utf8"=>"✓", "user"=>{"email"=>"%s", "password"=>"%s"}, "commit"=>"Sign in"}`, g.pick("a.k", "bob"), v)
			case 1:
				label = "php-array"
				inner = fmt.Sprintf(`array ( 'host' => 'db', 'password' => '%s', )`, v)
			case 2:
				label = "netrc"
				inner = "machine api.acme-corp.com login deploy password " + v
			default:
				label = "sql"
				inner = fmt.Sprintf("ALTER USER app WITH PASSWORD '%s';", v)
			}
			line, s := g.around(inner, v)
			return Case{Label: label, Text: line, Secrets: s}
		}},
		// Space-separated command-line flags: the catalog says "--flag
		// syntax" without saying whether "--password VALUE" counts.
		{Name: "info-flag-space", Kind: Positive, Group: "keyed", N: 30, Gen: func(g *gen) Case {
			v := g.password()
			var inner string
			switch g.intn(3) {
			case 0:
				inner = "exec: pg_dump --host db --password " + v + " orders"
			case 1:
				inner = "mysql -u root -p" + v + " -h 127.0.0.1 shop"
			default:
				inner = "vault login -method=userpass username=ops password " + v
			}
			line, s := g.around(inner, v)
			return Case{Label: "flag-space", Text: line, Secrets: s}
		}},
		// Look-alikes where a reasonable reader could go either way.
		{Name: "info-ambiguous-negatives", Kind: Negative, Group: "misc", N: 40, Gen: func(g *gen) Case {
			lbl, inner := func() (string, string) {
				switch g.intn(8) {
				case 7:
					return "mysql-using-password", "java.sql.SQLException: Access denied for user 'app'@'10.0.4.12' (using password: YES)"
				case 0:
					return "retina-asset", "GET /static/icons/logo@2x.png 200"
				case 1:
					return "git-remote", "remote: git@github.com:acme/api.git"
				case 2:
					return "ssh-url", "fetching ssh://git@github.com/acme/api.git"
				case 3:
					return "json-null", `{"user":"svc-ci","password":null,"status":"disabled"}`
				case 4:
					return "aws-example-secret", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
				case 5:
					a, b, c := g.ssn()
					return "ssn-shaped-ticket", fmt.Sprintf("ticket %s-%s-%s escalated", a, b, c)
				default:
					return "user-at-url", "https://user@bitbucket.org/acme/repo.git"
				}
			}()
			if strings.HasPrefix(inner, "{") {
				return Case{Label: lbl, Text: inner}
			}
			line, _ := g.around(inner)
			return Case{Label: lbl, Text: line}
		}},
	}
}
