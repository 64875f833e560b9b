package redact

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// The vendor catalog is tested from the formats up: each row below states a
// vendor's real token shapes as templates, independently of the table in
// tokens.go. Tokens are generated from the templates with a seeded RNG,
// placed in the contexts where tokens leak (env files, JSON, headers, URLs,
// prose, quotes, the end of a sentence), and the redacted output is
// compared byte for byte. Near misses are derived from the same templates:
// a character more or less, the prefix in the wrong case, the prefix glued
// to a word, a placeholder body, and for GitHub a wrong checksum.
//
// Template syntax: literal text, and {class:n} or {class:n-m} for n (to m)
// random characters of a class:
//
//	d digits          h lower hex      H upper hex    x hex, both cases
//	a lower alnum     A upper alnum    n base62       l lower letters
//	L letters         u base64url      b base64       B base32 (A-Z2-7)
//	c bech32 (upper)
//
// and {gh} (30 base62 + their CRC32 checksum, as GitHub writes it),
// {uuid} (a lower-case UUID), {jwt} (a JWT: header, payload, signature).
type vendorCase struct {
	id      string
	formats []string // current and older formats of real tokens
	// fixed: every format has one exact length, so one character more or
	// less is not a token.
	fixed bool
	// neg are further near misses of this vendor that must stay as they
	// are.
	neg []string
	// noGlue lists formats (by index) where a glued prefix still leaves a
	// real token behind (xoxe.xoxp- holds xoxp-).
	noGlue []int
}

var vendorCases = []vendorCase{
	{id: "github-token", fixed: true, formats: []string{"ghp_{gh}", "gho_{gh}", "ghu_{gh}", "ghs_{gh}", "ghr_{gh}"},
		neg: []string{"ghp_{n:36}", "ghp_{n:30}000000", "ghx_{gh}", "ghp-{gh}"}},
	{id: "github-token", formats: []string{"ghs_{d:6}_{jwt}", "ghs_{d:7}_{jwt}"},
		neg: []string{"ghs_{d:6}_eyJ{u:30}", "ghs_{d:6}-{jwt}", "ghs_abc_{jwt}"}},
	{id: "github-fine-grained-pat", formats: []string{"github_pat_{n:22}_{n:59}"},
		neg: []string{"github_pat_{n:82}", "github_pat_{n:21}_{n:60}"}},
	{id: "gitlab-token", formats: []string{
		"glpat-{u:20}", "glpat-{u:27-40}.01.{a:9}", "glpat-{u:27}.{a:9}", "gldt-{u:20}", "glrt-{u:20}",
		"glrt-t1_{u:27}.{a:9}", "glcbt-{n:1-5}_{u:20}", "glptt-{h:40}", "gloas-{u:64}", "glimt-{u:25}",
		"glsoat-{u:20}", "glffct-{u:20}", "glagent-{u:50}", "glft-{u:20}", "GR1348941{u:20}"},
		neg: []string{"glpat-{u:19}", "glpat-{u:321}", "GLPAT-{u:20}"}},
	{id: "circleci-token", fixed: true, formats: []string{"CCIPAT_{n:22}_{h:40}"}},
	{id: "buildkite-token", fixed: true, formats: []string{"bkua_{h:40}"}},
	{id: "sonarqube-token", fixed: true, formats: []string{"squ_{h:40}", "sqp_{h:40}", "sqa_{h:40}"}},
	{id: "sourcegraph-token", formats: []string{"sgp_{h:40}", "sgp_{h:16}_{h:40}", "sgp_local_{h:40}"},
		neg: []string{"sgp_{h:41}", "sgp_{h:16}_{h:39}", "sgp_{h:39}"}},

	{id: "aws-access-key-id", fixed: true, formats: []string{"AKIA{B:16}", "ASIA{B:16}", "ABIA{B:16}", "ACCA{B:16}"},
		neg: []string{"AKIA{B:15}1", "AKIA{A:15}8"}},
	{id: "aws-session-token", formats: []string{"IQoJb3JpZ2luX2Vj{b:300-600}", "FwoGZXIvYXdz{b:200-400}"},
		neg: []string{"IQoJb3JpZ2luX2Vj{b:60}"}},
	{id: "google-api-key", fixed: true, formats: []string{"AIza{u:35}"}},
	{id: "google-api-key", formats: []string{"AQ.{u:50}", "AQ.Ab8R{u:46}"}, neg: []string{"AQ.{u:30}", "AQ.{l:50}"}},
	{id: "google-oauth-client-secret", fixed: true, formats: []string{"GOCSPX-{u:28}"}},
	{id: "google-oauth-token", formats: []string{"ya29.a0{u:150-220}", "1//0{u:99}", "1//04{u:100}"},
		neg: []string{"ya29.{u:10}", "2//0{u:99}"}},
	{id: "azure-devops-pat", fixed: true, formats: []string{"{n:76}AZDO{n:4}", "{n:75}AZDO{n:5}"}, neg: []string{"{n:74}AZDO{n:6}", "{n:77}AZDO{n:3}", "{n:76}AZDO{n:5}", "{n:76}azdo{n:4}"}},
	{id: "alibaba-access-key-id", formats: []string{"LTAI{n:20}", "LTAI{n:12}"}, neg: []string{"LTAI{n:11}", "LTAI{n:21}"}},
	{id: "tencent-secret-id", fixed: true, formats: []string{"AKID{n:32}"}},
	{id: "digitalocean-token", fixed: true, formats: []string{"dop_v1_{h:64}", "doo_v1_{h:64}", "dor_v1_{h:64}"}},
	{id: "heroku-key", fixed: true, formats: []string{"HRKU-AA{u:58}"}, neg: []string{"HRKU-{u:60}"}},
	{id: "flyio-token", fixed: true, formats: []string{"fo1_{u:43}"}},
	{id: "flyio-token", formats: []string{"fm2_{b:300-500}", "fm1r_{b:150}"}, neg: []string{"fm2_{b:60}"}},
	{id: "vercel-token", formats: []string{"vcp_{u:56}", "vci_{u:56}", "vca_{u:56}", "vcr_{u:56}", "vck_{u:56}"},
		neg: []string{"vcp_{u:49}", "vcp_{u:65}"}},
	{id: "netlify-token", formats: []string{"nfp_{n:36}", "nfp_{n:40}"}, neg: []string{"nfp_{n:35}", "nfp_{n:41}"}},
	{id: "render-key", fixed: true, formats: []string{"rnd_{n:32}"}},
	{id: "cloudflare-origin-ca-key", fixed: true, formats: []string{"v1.0-{h:24}-{h:146}"}, neg: []string{"v1.0-{h:171}"}},
	{id: "cloudflare-token", formats: []string{"cfat_{n:48}", "cfut_{n:48}", "cfk_{n:48}", "cfast_{n:48}"}, neg: []string{"cfat_{n:43}", "cfat_{n:57}", "cfat_{l:48}"}},
	{id: "openshift-token", fixed: true, formats: []string{"sha256~{u:43}"}},
	{id: "tailscale-key", formats: []string{"tskey-auth-{n:11}CNTRL-{n:33}", "tskey-api-{n:11}CNTRL-{n:33}", "tskey-client-{n:11}CNTRL-{n:33}"},
		neg: []string{"tskey-{n:5}", "tskey-auth-key"}},
	{id: "vault-token", formats: []string{"hvs.{u:90-110}", "hvs.{u:24}", "hvb.AAAAAQ{u:150}", "hvr.{u:30}"},
		neg: []string{"hvs.{u:23}", "hvs.{u:301}"}},
	{id: "terraform-token", formats: []string{"{n:14}.atlasv1.{u:67}"},
		neg: []string{"{n:13}.atlasv1.{u:67}", "{n:14}.atlasv1.{u:59}", "{n:14}.atlasv1.{u:71}", "{n:14}.ATLASV1.{u:67}"}},
	{id: "pulumi-token", fixed: true, formats: []string{"pul-{h:40}"}},
	{id: "doppler-token", formats: []string{"dp.pt.{n:43}", "dp.st.dev.{n:40}", "dp.sa.{n:43}", "dp.ct.{n:43}", "dp.scim.{n:43}", "dp.audit.{n:43}"},
		neg: []string{"dp.pt.{n:39}", "dp.xx.{n:43}"}},
	{id: "onepassword-token", formats: []string{"ops_eyJ{b:300-700}"}, neg: []string{"ops_eyJ{b:90}"}},
	{id: "onepassword-secret-key", fixed: true, formats: []string{"A3-{A:6}-{A:11}-{A:5}-{A:5}-{A:5}", "A3-{A:6}-{A:6}-{A:5}-{A:5}-{A:5}-{A:5}"},
		neg: []string{"A3-{A:6}-{A:10}-{A:6}-{A:5}-{A:5}"}},
	{id: "age-secret-key", fixed: true, formats: []string{"AGE-SECRET-KEY-1{c:58}"}},
	{id: "harness-token", fixed: true, formats: []string{"pat.{u:22}.{n:24}.{n:20}", "sat.{u:22}.{n:24}.{n:20}"},
		neg: []string{"pat.{u:22}.{n:44}"}},

	{id: "openai-key", formats: []string{"sk-proj-{u:74}T3BlbkFJ{u:74}", "sk-proj-{u:58}T3BlbkFJ{u:58}", "sk-proj-{n:20}T3BlbkFJ{n:20}",
		"sk-svcacct-{u:74}T3BlbkFJ{u:74}", "sk-admin-{u:58}T3BlbkFJ{u:58}", "sk-None-{u:74}T3BlbkFJ{u:74}"},
		neg: []string{"sk-proj-{n:30}", "SK-PROJ-{u:74}T3BlbkFJ{u:74}"}},
	// One character more or less is a key of the generic sk- form.
	{id: "openai-legacy-key", formats: []string{"sk-{n:20}T3BlbkFJ{n:20}"}, neg: []string{"sk-{n:20}T3BlbkFJ{n:37}"}},
	{id: "sk-api-key", formats: []string{"sk-{h:32}", "sk-{n:48}", "sk-{a:48}"}, neg: []string{"sk-{h:31}", "sk-{n:65}", "sk-{l:40}", "sk-{d:40}"}},
	{id: "anthropic-key", fixed: true, formats: []string{"sk-ant-api03-{u:93}AA", "sk-ant-admin01-{u:93}AA", "sk-ant-oat01-{u:95}", "sk-ant-ort01-{u:95}"},
		neg: []string{"sk-ant-api03-{u:93}{L:2}B", "sk-ant-api3-{u:93}AA"}},
	{id: "anthropic-key", formats: []string{"sk-ant-api04-{u:93}AA", "sk-ant-sid01-{u:95}"}, neg: []string{"sk-ant-{u:40}"}},
	{id: "openrouter-key", fixed: true, formats: []string{"sk-or-v1-{h:64}"}},
	{id: "groq-key", formats: []string{"gsk_{n:52}"}},
	{id: "xai-key", formats: []string{"xai-{n:80}"}},
	{id: "perplexity-key", formats: []string{"pplx-{n:48}"}},
	{id: "huggingface-token", formats: []string{"hf_{L:34}", "hf_{n:34}", "api_org_{L:34}"}, neg: []string{"hf_{l:34}"}},
	{id: "replicate-token", formats: []string{"r8_{n:37}"}},
	{id: "cerebras-key", formats: []string{"csk-{n:48}", "csk-{a:48}"}, neg: []string{"csk-{n:31}", "csk-{l:48}"}},
	{id: "elevenlabs-key", fixed: true, formats: []string{"sk_{h:48}"}},
	{id: "pinecone-key", formats: []string{"pcsk_{n:5}_{n:63}", "pcsk_{n:6}_{n:63}"}, neg: []string{"pcsk_{n:69}", "pcsk_{n:5}_{n:30}"}},
	{id: "langsmith-key", fixed: true, formats: []string{"lsv2_pt_{h:32}_{h:10}", "lsv2_sk_{h:32}_{h:10}"}},
	{id: "langfuse-key", fixed: true, formats: []string{"sk-lf-{uuid}"}, neg: []string{"sk-lf-{h:36}"}},

	{id: "slack-token", formats: []string{"xoxb-{d:12}-{d:13}-{n:24}", "xoxb-{d:10}-{n:24}", "xoxp-{d:12}-{d:12}-{d:13}-{h:32}",
		"xapp-1-A{A:10}-{d:13}-{h:64}", "xoxe.xoxp-1-{A:163}", "xoxe.xoxb-1-{A:150}", "xoxe-1-{A:146}",
		"xoxa-2-{d:12}-{n:40}", "xoxr-{d:12}-{n:40}", "xoxs-{d:12}-{d:12}-{d:12}-{h:64}", "xoxc-{d:12}-{d:12}-{d:13}-{h:64}",
		"xoxo-{d:12}-{d:12}-{d:12}-{h:32}"},
		neg:    []string{"xoxb-{l:20}", "xoxb-{d:4}", "xoxq-{d:12}-{d:13}-{n:24}"},
		noGlue: []int{4, 5}},
	{id: "slack-token", formats: []string{"xoxd-{n:60}%2F{n:30}%3D%3D"}, neg: []string{"xoxd-{l:60}"}},
	{id: "sendgrid-key", fixed: true, formats: []string{"SG.{u:22}.{u:43}"}, neg: []string{"SG.{u:66}", "SG.{u:21}.{u:44}"}},
	{id: "twilio-api-key", fixed: true, formats: []string{"SK{h:32}"}, neg: []string{"SK{l:32}", "Sk{h:32}"}},
	{id: "mailgun-key", fixed: true, formats: []string{"key-{h:32}"}},
	{id: "brevo-key", fixed: true, formats: []string{"xkeysib-{h:64}-{n:16}", "xsmtpsib-{h:64}-{n:16}"}},
	{id: "resend-key", formats: []string{"re_{n:8}_{n:24}", "re_{n:8}_{n:32}"}, neg: []string{"re_{n:33}", "re_{n:8}_{n:23}", "re_try_{l:30}"}},

	{id: "stripe-key", formats: []string{"sk_live_{n:24}", "sk_live_{n:99}", "sk_test_{n:24}", "rk_live_{n:24}", "rk_test_{n:99}", "whsec_{n:32}"},
		neg: []string{"sk_live_{n:19}", "sk_live_{n:248}", "sk_prod_{n:24}", "pk_live_{n:24}"}},
	{id: "square-token", formats: []string{"sq0atp-{u:22}", "sq0csp-{u:43}"}, neg: []string{"sq0atp-{u:21}", "sq1atp-{u:22}"}},
	{id: "shopify-token", fixed: true, formats: []string{"shpat_{h:32}", "shpca_{x:32}", "shppa_{h:32}", "shpss_{h:32}"}},
	{id: "braintree-token", fixed: true, formats: []string{"access_token$production${a:16}${h:32}", "access_token$sandbox${a:16}${h:32}"}},
	{id: "plaid-token", fixed: true, formats: []string{"access-production-{uuid}", "access-development-{uuid}", "access-sandbox-{uuid}"},
		neg: []string{"access-production-{h:36}"}},
	{id: "flutterwave-key", fixed: true, formats: []string{"FLWSECK-{h:32}-X", "FLWSECK_TEST-{h:32}-X"}, neg: []string{"FLWSECK-{h:32}-Y"}},
	{id: "shippo-token", fixed: true, formats: []string{"shippo_live_{h:40}", "shippo_test_{h:40}"}},
	{id: "easypost-key", fixed: true, formats: []string{"EZAK{n:54}", "EZTK{n:54}"}},
	{id: "duffel-token", fixed: true, formats: []string{"duffel_live_{u:43}", "duffel_test_{u:43}"}},

	{id: "npm-token", fixed: true, formats: []string{"npm_{n:36}"}},
	{id: "pypi-token", formats: []string{"pypi-AgEIcHlwaS5vcmc{u:150-200}", "pypi-AgENdGVzdC5weXBpLm9yZw{u:150}"},
		neg: []string{"pypi-AgEIcHlwaS5vcmc{u:40}", "pypi-{u:150}"}},
	{id: "rubygems-key", fixed: true, formats: []string{"rubygems_{h:48}"}},
	{id: "nuget-key", fixed: true, formats: []string{"oy2{a:43}"}},
	{id: "clojars-token", fixed: true, formats: []string{"CLOJARS_{a:60}"}},
	{id: "crates-io-token", fixed: true, formats: []string{"cio{n:32}"}},
	{id: "dockerhub-token", formats: []string{"dckr_pat_{u:27}", "dckr_oat_{u:32}", "dckr_oat_{u:27}"}},
	{id: "jfrog-token", fixed: true, formats: []string{"AKCp{n:69}", "cmVmdGtuOjAxOj{n:50}"}, neg: []string{"AKCp{n:50}"}},

	{id: "linear-key", fixed: true, formats: []string{"lin_api_{n:40}"}},
	{id: "notion-token", formats: []string{"ntn_{d:11}{n:35}", "ntn_{n:46}", "secret_{n:43}"}, neg: []string{"ntn_{d:46}"}},
	{id: "airtable-pat", fixed: true, formats: []string{"pat{n:14}.{h:64}"}, neg: []string{"pat{n:79}", "path.{h:64}"}},
	{id: "hubspot-token", fixed: true, formats: []string{"pat-na1-{uuid}", "pat-eu1-{uuid}"}, neg: []string{"pat-na1-{h:36}"}},
	{id: "figma-token", formats: []string{"figd_{u:40}"}, neg: []string{"figd_{u:35}"}},
	{id: "typeform-token", formats: []string{"tfp_{u:44}", "tfp_{n:20}_{n:38}"}, neg: []string{"tfp_{u:39}"}},
	{id: "postman-key", fixed: true, formats: []string{"PMAK-{h:24}-{h:34}"}, neg: []string{"PMAK-{h:59}"}},
	{id: "contentful-token", fixed: true, formats: []string{"CFPAT-{u:43}"}},
	{id: "frameio-token", fixed: true, formats: []string{"fio-u-{u:64}"}},
	{id: "readme-key", fixed: true, formats: []string{"rdme_{a:70}"}},
	{id: "adobe-client-secret", fixed: true, formats: []string{"p8e-{n:32}"}},
	{id: "dropbox-token", formats: []string{"sl.{u:135}", "sl.u.{u:400-1000}"}, neg: []string{"sl.{u:100}"}},
	{id: "atlassian-token", formats: []string{"ATATT3xFfGF0{u:171}={H:8}", "ATCTT3xFfGN0{u:171}={H:8}"}},
	{id: "facebook-token", formats: []string{"EAAB{n:150-200}", "EAAG{n:60}", "EAAM{n:190}"}, neg: []string{"EAAB{n:40}"}},
	{id: "mapbox-secret-token", formats: []string{"sk.eyJ1Ijoi{u:30}.{u:22}", "sk.eyJ1Ijoi{u:60}.{u:22}"}, neg: []string{"sk.eyJ{u:20}"}},
	{id: "supabase-key", formats: []string{"sbp_{h:40}", "sb_secret_{u:31}"}, neg: []string{"sbp_{n:40}", "sbp_{h:39}"}},
	{id: "planetscale-token", formats: []string{"pscale_tkn_{u:43}", "pscale_pw_{u:43}", "pscale_oauth_{u:32}"}, neg: []string{"pscale_tkn_{u:31}"}},
	{id: "databricks-token", fixed: true, formats: []string{"dapi{h:32}"}},
	{id: "grafana-token", formats: []string{"glsa_{n:32}_{h:8}", "glc_{b:100-160}"}, neg: []string{"glsa_{n:20}"}},
	{id: "grafana-token", formats: []string{"eyJrIjoi{n:70-100}"}, neg: []string{"eyJrIjoi{n:40}"}},
	{id: "newrelic-key", formats: []string{"NRAK-{A:27}", "NRII-{u:32}"}, neg: []string{"NRAK-{A:26}"}},
	{id: "sentry-token", formats: []string{"sntryu_{h:64}", "sntrys_eyJpYXQiO{b:100}_{b:43}"}, neg: []string{"sntryu_{h:20}"}},
	{id: "dynatrace-token", fixed: true, formats: []string{"dt0c01.{A:24}.{A:64}"}, neg: []string{"dt0c01.{A:89}"}},
	{id: "infracost-key", fixed: true, formats: []string{"ico-{n:32}"}},
	{id: "prefect-key", fixed: true, formats: []string{"pnu_{n:36}"}},
	{id: "scalingo-token", fixed: true, formats: []string{"tk-us-{u:48}"}},
	{id: "acp-key", formats: []string{"acp_{n:32}", "acp_{n:48}"}, neg: []string{"acp_{n:15}", "acp_{l:32}"}},
}

// contexts are the places tokens leak into; %s is the token.
var tokenContexts = []string{
	"%s",
	"SERVICE_TOKEN=%s\n",
	"export VENDOR_KEY='%s'",
	`{"credential":"%s","retry":3}`,
	"Authorization: Bearer %s\r\n",
	"GET /v1/hooks?api_key=%s&page=2 HTTP/1.1",
	"2026-03-01T10:22:33Z WARN rotated key %s for tenant 42",
	"the value (%s) was found in the build log",
	"leaked in chat: %s.",
	"  password: \"%s\"",
	"<secret>%s</secret>",
	// after an escape sequence whose last byte is a letter or digit
	`level=warn msg="user pasted:\n%s\nin support chat"`,
	`row="bob\t%s\tactive"`,
	`payload="{\u0022value\u0022:\u0022%s\u0022}"`,
	"GET /search?q=%22%s%22&page=2 HTTP/1.1",
	"GET /notes?text=see%20%s%20today HTTP/1.1",
	"body=%7B%22note%22%3A%22%s%22%7D",
	"q=%2522%s%2522&page=1",
	"token \x1b[38;2;255;255;255m%s\x1b[0m",
	`printf '\042%s\042'`,
	`{"body":"{\"note\":\"pasted:\\n%s\\nend\"}"}`,
	"api-1  | \x1b[33mWARN\x1b[0m using token \x1b[0;36m%s\x1b[0m",
}

// tokenGen expands templates.
type tokenGen struct{ r *rand.Rand }

const (
	clsDigit  = "0123456789"
	clsLower  = "abcdefghijklmnopqrstuvwxyz"
	clsUpper  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	clsBase62 = clsDigit + clsUpper + clsLower
)

var tokenClasses = map[string]string{
	"d": clsDigit,
	"h": "0123456789abcdef",
	"H": "0123456789ABCDEF",
	"x": "0123456789abcdefABCDEF",
	"a": clsLower + clsDigit,
	"A": clsUpper + clsDigit,
	"n": clsBase62,
	"l": clsLower,
	"L": clsUpper + clsLower,
	"u": clsBase62 + "_-",
	"b": clsBase62 + "+/",
	"B": clsUpper + "234567",
	"c": "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
}

// piece is one part of a template: literal text, or random characters.
type piece struct {
	lit      string
	class    string // characters to draw from; "" for literals
	min, max int
	special  string // gh, uuid, jwt
}

func parseTemplate(t testing.TB, tpl string) []piece {
	t.Helper()
	var ps []piece
	for tpl != "" {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			ps = append(ps, piece{lit: tpl})
			break
		}
		if i > 0 {
			ps = append(ps, piece{lit: tpl[:i]})
		}
		j := strings.IndexByte(tpl[i:], '}')
		if j < 0 {
			t.Fatalf("template %q: unclosed {", tpl)
		}
		spec := tpl[i+1 : i+j]
		tpl = tpl[i+j+1:]
		switch spec {
		case "gh", "uuid", "jwt":
			ps = append(ps, piece{special: spec})
			continue
		}
		cls, n, ok := strings.Cut(spec, ":")
		chars := tokenClasses[cls]
		if !ok || chars == "" {
			t.Fatalf("template spec {%s}: unknown class", spec)
		}
		lo, hi, _ := strings.Cut(n, "-")
		mn, err1 := strconv.Atoi(lo)
		mx := mn
		var err2 error
		if hi != "" {
			mx, err2 = strconv.Atoi(hi)
		}
		if err1 != nil || err2 != nil || mx < mn {
			t.Fatalf("template spec {%s}: bad length", spec)
		}
		ps = append(ps, piece{class: chars, min: mn, max: mx})
	}
	return ps
}

func (g tokenGen) str(class string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = class[g.r.IntN(len(class))]
	}
	return string(b)
}

// githubBody returns 30 random base62 characters and their checksum.
func (g tokenGen) githubBody() string {
	r := g.str(clsBase62, 30)
	sum := crc32.ChecksumIEEE([]byte(r))
	var c [6]byte
	for i := 5; i >= 0; i-- {
		c[i] = clsBase62[sum%62]
		sum /= 62
	}
	return r + string(c[:])
}

func (g tokenGen) special(s string) string {
	switch s {
	case "gh":
		return g.githubBody()
	case "uuid":
		h := tokenClasses["h"]
		return g.str(h, 8) + "-" + g.str(h, 4) + "-" + g.str(h, 4) + "-" + g.str(h, 4) + "-" + g.str(h, 12)
	case "jwt":
		// {"alg":"RS256","typ":"JWT"}, a payload, a signature.
		return "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJ" + g.str(tokenClasses["u"], 200+g.r.IntN(150)) + "." + g.str(tokenClasses["u"], 342)
	}
	panic(s)
}

// expand generates one token; lenDelta adds (or, negative, removes)
// characters at the end of the last random piece.
func (g tokenGen) expand(ps []piece, lenDelta int) string {
	var sb strings.Builder
	last := -1
	for i, p := range ps {
		if p.class != "" || p.special != "" {
			last = i
		}
	}
	for i, p := range ps {
		switch {
		case p.special != "":
			x := g.special(p.special)
			if i == last && lenDelta < 0 {
				x = x[:len(x)+lenDelta]
			} else if i == last && lenDelta > 0 {
				x += g.str("abcdef", lenDelta)
			}
			sb.WriteString(x)
		case p.class != "":
			n := p.min + g.r.IntN(p.max-p.min+1)
			if i == last {
				n += lenDelta
			}
			sb.WriteString(g.str(p.class, n))
		default:
			sb.WriteString(p.lit)
		}
	}
	return sb.String()
}

// placeholder fills every random piece with x, or 0 where x is not in the
// class: the shape of a token, the content of documentation.
func placeholder(ps []piece) string {
	var sb strings.Builder
	for _, p := range ps {
		switch {
		case p.special == "gh":
			sb.WriteString(strings.Repeat("x", 36))
		case p.special != "":
			return ""
		case p.class != "":
			c := "x"
			if !strings.Contains(p.class, "x") {
				c = "0"
			}
			sb.WriteString(strings.Repeat(c, p.min))
		default:
			sb.WriteString(p.lit)
		}
	}
	return sb.String()
}

// prefixOf returns the literal text a template starts with.
func prefixOf(ps []piece) string {
	if len(ps) > 0 && ps[0].lit != "" {
		return ps[0].lit
	}
	return ""
}

func swapCase(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case isUpper(c):
			b[i] = c + 'a' - 'A'
		case isLower(c):
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func fill(ctx, tok string) string { return strings.Replace(ctx, "%s", tok, 1) }

// rounds is how many tokens each format generates.
const rounds = 6

func TestVendorTokensInContext(t *testing.T) {
	r := Default()
	g := tokenGen{rand.New(rand.NewPCG(1, 2))}
	for _, vc := range vendorCases {
		for _, f := range vc.formats {
			ps := parseTemplate(t, f)
			for i := 0; i < rounds; i++ {
				tok := g.expand(ps, 0)
				for _, ctx := range tokenContexts {
					in := fill(ctx, tok)
					want := fill(ctx, "[REDACTED:"+vc.id+"]")
					if got := r.String(in); got != want {
						t.Errorf("%s, format %s:\n in   %q\n got  %q\n want %q", vc.id, f, in, got, want)
					}
				}
			}
		}
	}
}

// neutralContexts hold a near miss where no other rule looks: nothing in
// them is a secret key, a scheme or a URL.
var neutralContexts = []string{
	"%s",
	"value %s seen",
	"(%s)",
	"\"%s\",",
	"ends with %s.",
}

func TestVendorNearMissesStay(t *testing.T) {
	r := Default()
	g := tokenGen{rand.New(rand.NewPCG(3, 4))}
	check := func(id, what, tok string) {
		t.Helper()
		for _, ctx := range neutralContexts {
			in := fill(ctx, tok)
			if got := r.String(in); got != in {
				t.Errorf("%s, %s: changed\n in  %q\n got %q", id, what, in, got)
			}
		}
	}
	for _, vc := range vendorCases {
		for fi, f := range vc.formats {
			ps := parseTemplate(t, f)
			p := prefixOf(ps)
			for i := 0; i < rounds; i++ {
				if vc.fixed {
					check(vc.id, "one character short: "+f, g.expand(ps, -1))
					check(vc.id, "one character long: "+f, g.expand(ps, +1))
				}
				tok := g.expand(ps, 0)
				if !containsInt(vc.noGlue, fi) {
					check(vc.id, "glued to a word: "+f, "x"+tok)
					check(vc.id, "glued to a word: "+f, "9"+tok)
					check(vc.id, "glued to an incomplete percent code: "+f, "%2x"+tok)
				}
				if p != "" && swapCase(p) != p {
					check(vc.id, "prefix in the wrong case: "+f, swapCase(p)+tok[len(p):])
				}
			}
			if ph := placeholder(ps); ph != "" {
				check(vc.id, "placeholder: "+f, ph)
			}
		}
		for _, f := range vc.neg {
			ps := parseTemplate(t, f)
			for i := 0; i < rounds; i++ {
				check(vc.id, "near miss "+f, g.expand(ps, 0))
			}
		}
	}
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// TestVendorPartialKeepsPrefix: WithPartial shows which vendor's token
// leaked, never any of its secret part.
func TestVendorPartialKeepsPrefix(t *testing.T) {
	r, err := New(WithPartial())
	if err != nil {
		t.Fatal(err)
	}
	g := tokenGen{rand.New(rand.NewPCG(5, 6))}
	for _, vc := range vendorCases {
		for _, f := range vc.formats {
			ps := parseTemplate(t, f)
			tok := g.expand(ps, 0)
			keep := prefixOf(ps)
			switch vc.id {
			case "terraform-token", "azure-devops-pat":
				keep = "" // the fixed part is inside the token
			case "anthropic-key":
				if ps[0].lit != "sk-ant-api03-" && ps[0].lit != "sk-ant-admin01-" && ps[0].lit != "sk-ant-oat01-" && ps[0].lit != "sk-ant-ort01-" {
					keep = "sk-ant-" // a version the table does not list
				}
			case "github-token":
				keep = keep[:4] // ghs_ of ghs_<app id>_<JWT>
			case "dropbox-token":
				keep = "sl."
			case "atlassian-token":
				keep = keep[:6]
			case "mapbox-secret-token":
				keep = "sk.eyJ"
			case "sentry-token":
				keep = keep[:7]
			case "openai-key", "slack-token", "gitlab-token", "sourcegraph-token", "vault-token", "facebook-token", "tailscale-key", "doppler-token", "google-oauth-token", "google-api-key", "aws-session-token", "onepassword-token", "grafana-token", "heroku-key":
				keep = partialPrefix(keep)
			}
			in := "token " + tok + " end"
			want := "token " + keep + "[REDACTED:" + vc.id + "] end"
			got := r.String(in)
			if got != want {
				t.Errorf("%s, format %s:\n got  %q\n want %q", vc.id, f, got, want)
			}
			if again := r.String(got); again != got {
				t.Errorf("%s: partial output redacted again: %q", vc.id, again)
			}
		}
	}
}

// partialPrefix maps a template's literal start to the prefix the rule
// keeps, for templates whose literal start runs past the prefix.
func partialPrefix(lit string) string {
	for _, p := range []string{"xoxe.xoxp-", "xoxe.xoxb-", "sk-proj-", "tskey-", "dp.st.", "ya29.", "1//0", "AQ.", "IQoJb3JpZ2luX2Vj", "FwoGZXIvYXdz", "ops_eyJ", "eyJrIjoi", "HRKU-", "xoxa-", "xoxe-", "xapp-", "xoxs-", "xoxb-", "glrt-", "sgp_", "hvb.", "EAA"} {
		if strings.HasPrefix(lit, p) {
			return p
		}
	}
	return lit
}

func TestGitHubChecksum(t *testing.T) {
	g := tokenGen{rand.New(rand.NewPCG(7, 8))}
	for i := 0; i < 200; i++ {
		body := g.githubBody()
		if !githubChecksum([]byte(body)) {
			t.Fatalf("valid body %q rejected", body)
		}
		// Change one character of the random part or of the checksum.
		b := []byte(body)
		j := g.r.IntN(36)
		c := b[j]
		for b[j] == c {
			b[j] = clsBase62[g.r.IntN(62)]
		}
		if githubChecksum(b) {
			t.Fatalf("body %q with character %d changed passed the checksum", b, j)
		}
	}
	// A checksum with leading zeros is written in full.
	for i := 0; ; i++ {
		body := g.githubBody()
		if body[30] == '0' {
			if !githubChecksum([]byte(body)) {
				t.Fatalf("body %q with a leading-zero checksum rejected", body)
			}
			break
		}
		if i > 100000 {
			t.Fatal("no checksum with a leading zero generated")
		}
	}
}

// TestDocumentedExamplesStay: example keys from vendors' documentation and
// placeholders people paste are not secrets and stay byte-identical.
func TestDocumentedExamplesStay(t *testing.T) {
	r := Default()
	for _, in := range []string{
		"aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
		"AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
		"AWS_ACCESS_KEY_ID=AKIAI44QH8DHBEXAMPLE",
		"e.g. ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
		"use ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX here",
		"stripe: sk_live_EXAMPLE4eC39HqLyjWDarjtT1zdp7dc",
		"curl -u sk_test_4eC39HqLyjWDarjtT1zdp7dc: https://api.stripe.com/v1/charges",
		"sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
		"xoxb-000000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx",
		"xoxb-your-bot-token",
		"SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
		"hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
		"glpat-xxxxxxxxxxxxxxxxxxxx",
		"AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
		"npm_000000000000000000000000000000000000",
		"sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxAA",
	} {
		if got := r.String(in); got != in {
			t.Errorf("changed %q\n got %q", in, got)
		}
	}
}

// TestVendorTokensEscaped: a base64 token keeps going through a JSON "\/"
// or a URL-encoded + / =, so its tail is not left behind.
func TestVendorTokensEscaped(t *testing.T) {
	r := Default()
	for _, tc := range []struct{ name, in, want string }{
		{"json escaped slash",
			`{"SessionToken":"IQoJb3JpZ2luX2VjEJr\/\/\/\/\/\/\/\/\/\/wEaCXVzLWVhc3QtMSJHMEUCIQDx8kR3\/Qm0Zk1v2pKc7nB9eY4tL6sW0aH3jU5gX1fN2dCIQ+xyz","n":1}`,
			`{"SessionToken":"[REDACTED:aws-session-token]","n":1}`},
		{"url encoded plus and slash",
			"GET /api?auth=glc_eyJvIjoiMTIzNDU2NyIsIm4iOiJzdGFjay0xMjM0NTYtaW50ZWdyYXRpb24tdGVzdCIsImsiOiJhYmMxMjMi%2BLCJtIjp7InIiOiJ1cyJ9fQ%3D%3D&x=1",
			"GET /api?auth=[REDACTED:grafana-token]&x=1"},
		{"glsa_ ends at a path slash (its alphabet has no '/')",
			"POST https://hooks.acme-corp.com/relay/glsa_k9Tq2mXv7Lp4Rz8Wc1Yb6Nd3Hf5Gj0Sa_0a1b2c3d/notify",
			"POST https://hooks.acme-corp.com/relay/[REDACTED:grafana-token]/notify"},
		{"url encoded space ends the token",
			"q=glsa_k9Tq2mXv7Lp4Rz8Wc1Yb6Nd3Hf5Gj0Sa_0a1b2c3d%20next",
			"q=[REDACTED:grafana-token]%20next"},
	} {
		if got := r.String(tc.in); got != tc.want {
			t.Errorf("%s:\n got  %q\n want %q", tc.name, got, tc.want)
		}
	}
}

// TestAWSSecretOnTheKeyLine: the secret access key that travels with an
// access key ID is redacted with it, under its own rule.
func TestAWSSecretOnTheKeyLine(t *testing.T) {
	r := Default()
	g := tokenGen{rand.New(rand.NewPCG(9, 10))}
	for i := 0; i < 20; i++ {
		id := "AKIA" + g.str(tokenClasses["B"], 16)
		secret := g.str(clsBase62+"+/", 38) + "a1"
		for _, tc := range []struct{ in, want string }{
			{id + " " + secret, "[REDACTED:aws-access-key-id] [REDACTED:aws-secret-access-key]"},
			{id + ":" + secret + "\n", "[REDACTED:aws-access-key-id]:[REDACTED:aws-secret-access-key]\n"},
			{`{"AccessKeyId":"` + id + `","SecretAccessKey":"` + secret + `"}`, `{"AccessKeyId":"[REDACTED:aws-access-key-id]","SecretAccessKey":"[REDACTED:aws-secret-access-key]"}`},
		} {
			if got := r.String(tc.in); got != tc.want {
				t.Errorf("\n in   %q\n got  %q\n want %q", tc.in, got, tc.want)
			}
		}
	}
	// A git SHA on the key's line is not a secret key.
	in := "AKIA" + g.str(tokenClasses["B"], 16) + " commit " + g.str(tokenClasses["h"], 40)
	want := "[REDACTED:aws-access-key-id]" + in[20:]
	if got := r.String(in); got != want {
		t.Errorf("\n got  %q\n want %q", got, want)
	}
}

// TestVendorTokensStreamed: a Writer split anywhere gives what Bytes gives.
func TestVendorTokensStreamed(t *testing.T) {
	r := Default()
	g := tokenGen{rand.New(rand.NewPCG(11, 12))}
	var in bytes.Buffer
	for _, vc := range vendorCases {
		for _, f := range vc.formats {
			fmt.Fprintf(&in, "%s %s\n", vc.id, fill(tokenContexts[g.r.IntN(len(tokenContexts))], g.expand(parseTemplate(t, f), 0)))
		}
	}
	want := r.Bytes(in.Bytes())
	for i := 0; i < 40; i++ {
		var cuts []int
		for c := g.r.IntN(300) + 1; c < in.Len(); c += g.r.IntN(300) + 1 {
			cuts = append(cuts, c)
		}
		if got := streamOf(t, r, in.Bytes(), cuts...); !bytes.Equal(got, want) {
			t.Fatalf("cuts %v: stream differs from one-shot", cuts)
		}
	}
}

// TestEveryVendorRuleIsTested keeps the table above complete: every vendor
// rule of the catalog has cases here.
func TestEveryVendorRuleIsTested(t *testing.T) {
	tested := map[string]bool{}
	for _, vc := range vendorCases {
		tested[vc.id] = true
	}
	ids := map[string]bool{}
	for _, v := range vendors {
		ids[v.id] = true
		if !tested[v.id] {
			t.Errorf("vendor rule %q has no test cases", v.id)
		}
	}
	for id := range tested {
		if !ids[id] {
			t.Errorf("test cases for %q, which is not a vendor rule", id)
		}
	}
	if len(ids) < 60 {
		t.Errorf("%d vendor rules, want at least 60", len(ids))
	}
}

// Every vendor entry's example and description are filled in: they are what
// `redact --rules` prints.
func TestVendorEntriesDescribed(t *testing.T) {
	for _, v := range vendors {
		if v.desc == "" || v.example == "" {
			t.Errorf("%s: missing description or example", v.id)
		}
		for _, p := range v.spec.prefixes {
			if p == "" || strings.ContainsAny(p, " \n") {
				t.Errorf("%s: bad prefix %q", v.id, p)
			}
		}
	}
}

// shortAnchorText is prose and log text full of the short anchors (sk, eaa,
// dapi, oy2, pat, key-, cio, re_, sl., A3-) in words and identifiers.
var shortAnchorText = []byte(strings.Repeat("2026-03-01 task=disk-check path=/var/lib/data pattern=re_try key-value "+
	"ask skip SKU-1234 dapi_version=2 oy2k sl.no A3-B cio mask_pat=1 patch sk_test_mode precious area_code=41 ", 200))

func TestShortAnchorsLeaveProse(t *testing.T) {
	if got := Default().Bytes(shortAnchorText); !bytes.Equal(got, shortAnchorText) {
		t.Errorf("prose with short anchors changed:\n%.300s", got)
	}
}

// BenchmarkShortAnchors measures text dense in short anchors that are
// rejected in the validator's first bytes.
func BenchmarkShortAnchors(b *testing.B) {
	r := Default()
	b.SetBytes(int64(len(shortAnchorText)))
	for b.Loop() {
		r.Bytes(shortAnchorText)
	}
}

// BenchmarkVendorTokens measures lines that each carry a token.
func BenchmarkVendorTokens(b *testing.B) {
	r := Default()
	g := tokenGen{rand.New(rand.NewPCG(13, 14))}
	var in bytes.Buffer
	for _, vc := range vendorCases {
		for _, f := range vc.formats {
			ps := parseTemplate(b, f)
			fmt.Fprintf(&in, "2026-03-01T10:22:33Z INFO request ok token=%s user=bob\n", g.expand(ps, 0))
		}
	}
	b.SetBytes(int64(in.Len()))
	for b.Loop() {
		r.Bytes(in.Bytes())
	}
}

func TestAWSSecretKeyRuleIsListedAndCanBeDisabled(t *testing.T) {
	listed := false
	for _, ri := range Rules() {
		listed = listed || ri.ID == "aws-secret-access-key"
	}
	if !listed {
		t.Error("aws-secret-access-key is not in Rules()")
	}
	line := "AKIAZ2M3N4P5Q6R7S2T3 wJalrXUtnFEMI/K7MDENG/bPxRfiCYzXAMPLEKEY"
	if got, want := Default().String(line), "[REDACTED:aws-access-key-id] [REDACTED:aws-secret-access-key]"; got != want {
		t.Errorf("default: %q, want %q", got, want)
	}
	r, err := New(DisableRules("aws-secret-access-key"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.String(line), "[REDACTED:aws-access-key-id] wJalrXUtnFEMI/K7MDENG/bPxRfiCYzXAMPLEKEY"; got != want {
		t.Errorf("disabled: %q, want %q", got, want)
	}
}
