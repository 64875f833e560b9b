package eval

import (
	"fmt"
	"strings"
)

// Vendor tokens, placed where the key does not give them away: prose, a
// neutral field, a scanner finding, a config value, a command line.

// tokenContext embeds a vendor token in a random realistic line.
func (g *gen) tokenContext(tok string) (string, []string) {
	var inner string
	switch g.intn(14) {
	case 13: // a scanner's NDJSON finding: the key says nothing
		return fmt.Sprintf(`{"level":"warn","rule":"leak","match":"%s","file":"%s","line":%d}`, tok, g.pick("config/app.yaml", ".env"), g.between(1, 300)), []string{tok}
	case 12:
		inner = fmt.Sprintf("git clone https://%s@github.com/acme/%s.git", tok, g.pick("api", "infra"))
	case 0:
		inner = fmt.Sprintf("%s rotated key %s for %s", g.pick("ops:", "note:", ""), g.punct(tok), g.prog())
	case 1:
		inner = fmt.Sprintf("value=%s source=%s", tok, g.pick("env", "vault", "config.yaml"))
	case 2:
		inner = fmt.Sprintf("found credential %s in %s line %d", g.punct(tok), g.pick("config/app.yaml", ".env.production", "deploy.sh", "README.md"), g.between(1, 400))
	case 3:
		inner = fmt.Sprintf(`client init ok using %s, region=%s`, tok, g.pick("us-east-1", "eu-central-1"))
	case 4:
		inner = fmt.Sprintf("args=[\"--%s\" \"%s\" \"--retries\" \"3\"]", g.pick("auth", "key", "login", "with"), tok)
	case 5:
		inner = fmt.Sprintf("cmd: deploy --target prod --cred %s --yes", tok)
	case 6:
		inner = fmt.Sprintf("Hey, can you check why %s stopped working? thanks", tok)
	case 7:
		inner = fmt.Sprintf("key: %s", tok)
	case 8:
		inner = fmt.Sprintf("%s,%s,%s,active", g.pick("ci-bot", "deploy", "alice"), tok, g.stamp().date())
	case 9:
		inner = fmt.Sprintf("error: request rejected for %s: 401 Unauthorized", g.punct(tok))
	case 10:
		inner = fmt.Sprintf("env[%d]=%s", g.between(0, 40), tok)
	default:
		inner = tok
	}
	return g.frame(inner, []string{tok})
}

func vendorFamily(name string, n int, mk func(g *gen) (label, tok string)) Family {
	return Family{Name: name, Kind: Positive, Group: "vendor", Asserted: true, N: n, Gen: func(g *gen) Case {
		label, tok := mk(g)
		line, s := g.tokenContext(tok)
		return Case{Label: label, Text: line, Secrets: s}
	}}
}

func vendorFamilies() []Family {
	return []Family{
		vendorFamily("github-classic", 60, func(g *gen) (string, string) {
			p := g.pick("ghp_", "gho_", "ghu_", "ghs_", "ghr_")
			return p, g.githubClassic(p)
		}),
		vendorFamily("github-fine-grained", 40, func(g *gen) (string, string) {
			return "github_pat_", "github_pat_" + g.b62(22) + "_" + g.b62(59)
		}),
		vendorFamily("gitlab", 40, func(g *gen) (string, string) {
			p := g.pick("glpat-", "glpat-", "gldt-", "glrt-", "glcbt-")
			return p, p + g.urlTok(20)
		}),
		vendorFamily("aws-access-key-id", 50, func(g *gen) (string, string) {
			id := g.awsKeyID()
			return id[:4], id
		}),
		{Name: "aws-secret-in-context", Kind: Positive, Group: "vendor", Asserted: true, N: 50, Gen: func(g *gen) Case {
			id, sec := g.awsKeyID(), g.awsSecret()
			switch g.intn(4) {
			case 0: // ~/.aws/credentials
				return Case{Label: "credentials-file", Text: "aws_secret_access_key = " + sec, Secrets: []string{sec}}
			case 1: // credentials CSV downloaded from the console
				return Case{Label: "console-csv", Text: id + "," + sec, Secrets: []string{id, sec}}
			case 2:
				line, s := g.around(fmt.Sprintf("AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s", id, sec), id, sec)
				return Case{Label: "env-pair", Text: line, Secrets: s}
			default:
				line, s := g.around(fmt.Sprintf("credentials loaded: access_key_id=%s secret=%s", id, sec), id, sec)
				return Case{Label: "log-pair", Text: line, Secrets: s}
			}
		}},
		vendorFamily("google-api-key", 40, func(g *gen) (string, string) {
			return "AIza", "AIza" + g.urlTok(35)
		}),
		vendorFamily("slack", 50, func(g *gen) (string, string) {
			switch g.intn(3) {
			case 0:
				return "xoxb", fmt.Sprintf("xoxb-%s-%s-%s", g.chars(digits, g.between(10, 13)), g.chars(digits, g.between(10, 13)), g.b62(24))
			case 1:
				return "xoxp", fmt.Sprintf("xoxp-%s-%s-%s-%s", g.chars(digits, 12), g.chars(digits, 12), g.chars(digits, 13), g.hex(32))
			default:
				return "xapp", fmt.Sprintf("xapp-1-A%s-%s-%s", g.chars(upperNum, 10), g.chars(digits, 13), g.hex(64))
			}
		}),
		vendorFamily("stripe", 50, func(g *gen) (string, string) {
			p := g.pick("sk_live_", "sk_test_", "rk_live_", "rk_test_")
			n := 24
			if g.chance(0.5) {
				n = 99
			}
			return p, p + g.b62(n)
		}),
		vendorFamily("openai", 50, func(g *gen) (string, string) {
			switch g.intn(3) {
			case 0:
				return "sk-legacy", "sk-" + g.b62(20) + "T3BlbkFJ" + g.b62(20)
			case 1:
				return "sk-proj-", "sk-proj-" + g.urlTok(74) + "T3BlbkFJ" + g.urlTok(74)
			default:
				return "sk-svcacct-", "sk-svcacct-" + g.urlTok(74) + "T3BlbkFJ" + g.urlTok(74)
			}
		}),
		vendorFamily("anthropic", 40, func(g *gen) (string, string) {
			p := g.pick("sk-ant-api03-", "sk-ant-api03-", "sk-ant-admin01-")
			return p, p + g.urlTok(93) + "AA"
		}),
		vendorFamily("groq", 30, func(g *gen) (string, string) { return "gsk_", "gsk_" + g.b62(52) }),
		vendorFamily("huggingface", 40, func(g *gen) (string, string) {
			p := g.pick("hf_", "hf_", "api_org_")
			return p, p + g.mixed(letters, 34)
		}),
		vendorFamily("npm", 30, func(g *gen) (string, string) { return "npm_", "npm_" + g.b62(36) }),
		vendorFamily("pypi", 30, func(g *gen) (string, string) {
			return "pypi-", "pypi-AgEIcHlwaS5vcmc" + g.urlTok(g.between(140, 200))
		}),
		vendorFamily("sendgrid", 30, func(g *gen) (string, string) { return "SG.", "SG." + g.urlTok(22) + "." + g.urlTok(43) }),
		vendorFamily("twilio", 30, func(g *gen) (string, string) { return "SK", "SK" + g.hex(32) }),
		vendorFamily("shopify", 30, func(g *gen) (string, string) {
			p := g.pick("shpat_", "shpca_", "shppa_", "shpss_")
			return p, p + g.hex(32)
		}),
		vendorFamily("dockerhub", 30, func(g *gen) (string, string) {
			p := g.pick("dckr_pat_", "dckr_pat_", "dckr_oat_")
			return p, p + g.urlTok(27)
		}),
		vendorFamily("digitalocean", 30, func(g *gen) (string, string) {
			p := g.pick("dop_v1_", "doo_v1_", "dor_v1_")
			return p, p + g.hex(64)
		}),
		vendorFamily("acp-sdk-key", 40, func(g *gen) (string, string) {
			return "acp_", "acp_" + g.b62(g.between(32, 48))
		}),
		{Name: "bcrypt-hash", Kind: Positive, Group: "vendor", Asserted: true, N: 40, Gen: func(g *gen) Case {
			h := fmt.Sprintf("$%s$%02d$%s", g.pick("2b", "2a", "2y"), g.between(10, 14), g.chars(base62Set+"./", 53))
			var line string
			switch g.intn(4) {
			case 0:
				line = g.pick("alice", "admin", "deploy") + ":" + h // htpasswd
			case 1:
				line = fmt.Sprintf("%d,%s,%s,%s", g.between(1, 99999), g.pick("alice", "bob", "carol"), h, g.stamp().date()) // CSV dump
			case 2:
				line = fmt.Sprintf("INSERT INTO users (id, login, password_hash) VALUES (%d, '%s', '%s');", g.between(1, 9999), g.pick("alice", "bob"), h)
			default:
				line, _ = g.around("user created hash=" + h)
			}
			return Case{Label: h[:4], Text: line, Secrets: []string{h}}
		}},
		vendorFamily("vendor-catalog-more", 120, func(g *gen) (string, string) {
			vs := moreVendors()
			v := vs[g.intn(len(vs))]
			return v.name, v.mk(g)
		}),
	}
}

type vendorGen struct {
	name string
	mk   func(g *gen) string
}

// moreVendors are further formats documented in the rule catalog
// (`redact --rules`), generated from the vendors' published shapes.
func moreVendors() []vendorGen {
	return []vendorGen{
		{"mailgun", func(g *gen) string { return "key-" + g.hex(32) }},
		{"vault", func(g *gen) string { return "hvs." + g.b62(g.between(24, 90)) }},
		{"postman", func(g *gen) string { return "PMAK-" + g.hex(24) + "-" + g.hex(34) }},
		{"linear", func(g *gen) string { return "lin_api_" + g.b62(40) }},
		{"notion", func(g *gen) string { return "ntn_" + g.b62(46) }},
		{"heroku", func(g *gen) string { return "HRKU-AA" + g.urlTok(58) }},
		{"supabase", func(g *gen) string { return "sbp_" + g.hex(40) }},
		{"doppler", func(g *gen) string { return g.pick("dp.pt.", "dp.st.", "dp.sa.") + g.b62(43) }},
		{"grafana", func(g *gen) string { return "glsa_" + g.b62(32) + "_" + g.hex(8) }},
		{"newrelic", func(g *gen) string { return "NRAK-" + g.chars(upperNum, 27) }},
		{"planetscale", func(g *gen) string { return "pscale_tkn_" + g.urlTok(43) }},
		{"databricks", func(g *gen) string { return "dapi" + g.hex(32) }},
		{"pulumi", func(g *gen) string { return "pul-" + g.hex(40) }},
		{"replicate", func(g *gen) string { return "r8_" + g.b62(37) }},
		{"perplexity", func(g *gen) string { return "pplx-" + g.b62(48) }},
		{"xai", func(g *gen) string { return "xai-" + g.b62(80) }},
		{"age", func(g *gen) string { return "AGE-SECRET-KEY-1" + g.chars("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58) }},
		{"telegram", func(g *gen) string { return fmt.Sprint(g.between(100000000, 8999999999)) + ":AA" + g.urlTok(33) }},
		{"google-oauth-secret", func(g *gen) string { return "GOCSPX-" + g.urlTok(28) }},
		{"google-oauth-access", func(g *gen) string { return "ya29." + g.urlTok(g.between(120, 200)) }},
		{"openrouter", func(g *gen) string { return "sk-or-v1-" + g.hex(64) }},
		{"square", func(g *gen) string { return g.pick("sq0atp-"+g.urlTok(22), "sq0csp-"+g.urlTok(43)) }},
		{"figma", func(g *gen) string { return "figd_" + g.urlTok(40) }},
		{"tailscale", func(g *gen) string { return "tskey-auth-k" + g.b62(10) + "CNTRL-" + g.b62(33) }},
		{"rubygems", func(g *gen) string { return "rubygems_" + g.hex(48) }},
		{"azure-ad-client-secret", func(g *gen) string {
			return g.chars(base62Set, 3) + g.chars(digits, 1) + "Q~" + g.mixed(base62Set+"_~.-", 34)
		}},
		{"mailchimp", func(g *gen) string { return g.hex(32) + "-us" + fmt.Sprint(g.between(1, 21)) }},
		{"dynatrace", func(g *gen) string { return "dt0c01." + g.chars(upperNum, 24) + "." + g.chars(upperNum, 64) }},
		{"alibaba", func(g *gen) string { return "LTAI" + g.b62(20) }},
		{"langsmith", func(g *gen) string { return g.pick("lsv2_pt_", "lsv2_sk_") + g.hex(32) + "_" + g.hex(10) }},
		{"brevo", func(g *gen) string { return "xkeysib-" + g.hex(64) + "-" + g.b62(16) }},
		{"buildkite", func(g *gen) string { return "bkua_" + g.hex(40) }},
		{"flyio", func(g *gen) string { return "fo1_" + g.urlTok(43) }},
		{"contentful", func(g *gen) string { return "CFPAT-" + g.urlTok(43) }},
		{"netlify", func(g *gen) string { return "nfp_" + g.b62(36) }},
		{"render", func(g *gen) string { return "rnd_" + g.b62(32) }},
		{"prefect", func(g *gen) string { return "pnu_" + g.b62(36) }},
		{"circleci", func(g *gen) string { return "CCIPAT_" + g.b62(22) + "_" + g.hex(40) }},
		{"shippo", func(g *gen) string { return g.pick("shippo_live_", "shippo_test_") + g.hex(40) }},
		{"atlassian", func(g *gen) string { return "ATATT3" + g.urlTok(180) + "=" + strings.ToUpper(g.hex(8)) }},
		{"frameio", func(g *gen) string { return "fio-u-" + g.urlTok(64) }},
		{"scalingo", func(g *gen) string { return "tk-us-" + g.urlTok(48) }},
	}
}

// webhookFamily: secret path segments of chat webhooks.
func webhookFamily() Family {
	return Family{Name: "chat-webhooks", Kind: Positive, Group: "vendor", Asserted: true, N: 30, Gen: func(g *gen) Case {
		var u, sec, label string
		var may []string
		if g.chance(0.5) {
			t, b := "T"+g.chars(upperNum, 10), "B"+g.chars(upperNum, 10)
			sec = g.b62(24)
			u = "https://hooks.slack.com/services/" + t + "/" + b + "/" + sec
			label, may = "slack-webhook", []string{t, b}
		} else {
			id := g.chars(digits, 19)
			sec = g.urlTok(68)
			u = "https://discord.com/api/webhooks/" + id + "/" + sec
			label, may = "discord-webhook", []string{id}
		}
		line, s := g.around(g.pick("notify url=", "POST ", "webhook: ", "posting alert to ")+u, sec)
		return Case{Label: label, Text: line, Secrets: s, MayDrop: may}
	}}
}
