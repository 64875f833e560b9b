package redact

import (
	"bytes"
	"hash/crc32"
	"strings"
)

// Vendor tokens: self-identifying credentials that start with a fixed
// prefix. One table-driven validator serves them all: it checks the exact
// (case-sensitive) prefix, the body's alphabet and length, word boundaries
// on both sides, an optional checksum or shape check, and that the body is
// not a placeholder.

// tokenSpec is one token format.
type tokenSpec struct {
	prefixes []string // exact, case-sensitive
	alpha    string   // body alphabet, as ranges: "A-Za-z0-9_-"
	min, max int      // body length
	check    func(body []byte) bool
	set      [256]bool
}

// vendor is one catalog entry.
type vendor struct {
	id, desc, example string
	spec              tokenSpec
}

func (t *tokenSpec) init() {
	a := t.alpha
	for i := 0; i < len(a); i++ {
		if i+2 < len(a) && a[i+1] == '-' {
			for c := int(a[i]); c <= int(a[i+2]); c++ {
				t.set[c] = true
			}
			i += 2
			continue
		}
		t.set[a[i]] = true
	}
}

// vendors is the table of token formats. Lengths are those the vendors
// document or issue; where a vendor has changed lengths over time the range
// covers both.
var vendors = []vendor{
	{"github-token", "GitHub classic token (personal, OAuth, user-to-server, server-to-server, refresh) with a valid CRC32 checksum", "ghp_ + 36 base62",
		tokenSpec{prefixes: []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}, alpha: "A-Za-z0-9", min: 36, max: 36, check: githubChecksum}},
	{"github-fine-grained-pat", "GitHub fine-grained personal access token", "github_pat_ + 82 chars",
		tokenSpec{prefixes: []string{"github_pat_"}, alpha: "A-Za-z0-9_", min: 70, max: 100}},
	{"gitlab-token", "GitLab personal, deploy, runner, trigger, OAuth, feed and agent tokens", "glpat- + 20+ chars",
		tokenSpec{prefixes: []string{"glpat-", "gldt-", "glrt-", "glcbt-", "glptt-", "gloas-", "glimt-", "glsoat-", "glffct-", "glagent-", "GR1348941"}, alpha: "A-Za-z0-9_.-", min: 20, max: 128}},
	{"google-api-key", "Google API key", "AIza + 35 chars",
		tokenSpec{prefixes: []string{"AIza"}, alpha: "A-Za-z0-9_-", min: 35, max: 35}},
	{"google-oauth-client-secret", "Google OAuth client secret", "GOCSPX- + 28 chars",
		tokenSpec{prefixes: []string{"GOCSPX-"}, alpha: "A-Za-z0-9_-", min: 28, max: 28}},
	{"google-oauth-access-token", "Google OAuth access token", "ya29. + token",
		tokenSpec{prefixes: []string{"ya29."}, alpha: "A-Za-z0-9_.-", min: 20, max: 2048}},
	{"slack-token", "Slack bot, user, app, configuration and legacy tokens", "xoxb-…, xoxp-…, xapp-…",
		tokenSpec{prefixes: []string{"xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-", "xoxe.xoxp-", "xoxe.xoxb-", "xapp-"}, alpha: "A-Za-z0-9-", min: 10, max: 255, check: hasDigit}},
	{"stripe-key", "Stripe secret and restricted keys (live and test) and webhook secrets", "sk_live_ + 24+ chars",
		tokenSpec{prefixes: []string{"sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_"}, alpha: "A-Za-z0-9", min: 20, max: 255}},
	{"openai-key", "OpenAI project, service-account, admin and legacy API keys", "sk-proj-…",
		tokenSpec{prefixes: []string{"sk-proj-", "sk-svcacct-", "sk-admin-", "sk-None-"}, alpha: "A-Za-z0-9_-", min: 20, max: 300}},
	{"openai-legacy-key", "OpenAI legacy API key (sk- + 48 chars with the T3BlbkFJ marker)", "sk- + 48 chars",
		tokenSpec{prefixes: []string{"sk-"}, alpha: "A-Za-z0-9", min: 48, max: 48, check: func(b []byte) bool { return bytes.Contains(b, []byte("T3BlbkFJ")) }}},
	{"anthropic-key", "Anthropic API, admin and OAuth keys", "sk-ant-api03-…",
		tokenSpec{prefixes: []string{"sk-ant-"}, alpha: "A-Za-z0-9_-", min: 32, max: 300}},
	{"openrouter-key", "OpenRouter API key", "sk-or-v1- + 64 hex",
		tokenSpec{prefixes: []string{"sk-or-v1-"}, alpha: "a-f0-9", min: 64, max: 64}},
	{"groq-key", "Groq API key", "gsk_ + 52 chars",
		tokenSpec{prefixes: []string{"gsk_"}, alpha: "A-Za-z0-9", min: 40, max: 64}},
	{"huggingface-token", "Hugging Face user and organization tokens", "hf_ + 34 chars",
		tokenSpec{prefixes: []string{"hf_", "api_org_"}, alpha: "A-Za-z0-9", min: 30, max: 40, check: mixedCase}},
	{"npm-token", "npm access token", "npm_ + 36 base62",
		tokenSpec{prefixes: []string{"npm_"}, alpha: "A-Za-z0-9", min: 36, max: 36}},
	{"pypi-token", "PyPI upload token", "pypi-AgEIcHlwaS5vcmc…",
		tokenSpec{prefixes: []string{"pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"}, alpha: "A-Za-z0-9_-", min: 50, max: 512}},
	{"sendgrid-key", "SendGrid API key", "SG. + 22 + . + 43 chars",
		tokenSpec{prefixes: []string{"SG."}, alpha: "A-Za-z0-9_.-", min: 66, max: 66, check: func(b []byte) bool { return b[22] == '.' }}},
	{"twilio-api-key", "Twilio API key SID", "SK + 32 hex",
		tokenSpec{prefixes: []string{"SK"}, alpha: "a-f0-9", min: 32, max: 32}},
	{"shopify-token", "Shopify access, custom-app, private-app tokens and shared secrets", "shpat_ + 32 hex",
		tokenSpec{prefixes: []string{"shpat_", "shpca_", "shppa_", "shpss_"}, alpha: "a-fA-F0-9", min: 32, max: 32}},
	{"dockerhub-token", "Docker Hub personal and organization access tokens", "dckr_pat_ + 27 chars",
		tokenSpec{prefixes: []string{"dckr_pat_", "dckr_oat_"}, alpha: "A-Za-z0-9_-", min: 24, max: 64}},
	{"digitalocean-token", "DigitalOcean personal, OAuth and refresh tokens", "dop_v1_ + 64 hex",
		tokenSpec{prefixes: []string{"dop_v1_", "doo_v1_", "dor_v1_"}, alpha: "a-f0-9", min: 64, max: 64}},
	{"acp-key", "the platform's own SDK key", "acp_ + base62",
		tokenSpec{prefixes: []string{"acp_"}, alpha: "A-Za-z0-9", min: 16, max: 128}},
	{"mailgun-key", "Mailgun API key", "key- + 32 hex",
		tokenSpec{prefixes: []string{"key-"}, alpha: "a-f0-9", min: 32, max: 32}},
	{"square-token", "Square access token and OAuth secret", "sq0atp- + 22 chars",
		tokenSpec{prefixes: []string{"sq0atp-", "sq0csp-"}, alpha: "A-Za-z0-9_-", min: 22, max: 60}},
	{"facebook-token", "Facebook / Meta access token (also Square EAAA tokens)", "EAA + 60+ chars",
		tokenSpec{prefixes: []string{"EAA"}, alpha: "A-Za-z0-9_-", min: 60, max: 400, check: hasDigit}},
	{"atlassian-token", "Atlassian API token", "ATATT3 + 180+ chars",
		tokenSpec{prefixes: []string{"ATATT3", "ATCTT3"}, alpha: "A-Za-z0-9_=-", min: 50, max: 400}},
	{"linear-key", "Linear API key", "lin_api_ + 40 chars",
		tokenSpec{prefixes: []string{"lin_api_"}, alpha: "A-Za-z0-9", min: 40, max: 40}},
	{"notion-token", "Notion integration token", "ntn_ + 46 chars",
		tokenSpec{prefixes: []string{"ntn_"}, alpha: "A-Za-z0-9", min: 40, max: 50}},
	{"postman-key", "Postman API key", "PMAK- + 24 hex - 34 hex",
		tokenSpec{prefixes: []string{"PMAK-"}, alpha: "a-f0-9-", min: 59, max: 59}},
	{"heroku-key", "Heroku API key", "HRKU- + 60 chars",
		tokenSpec{prefixes: []string{"HRKU-"}, alpha: "A-Za-z0-9_-", min: 40, max: 80}},
	{"supabase-key", "Supabase personal access token and secret key", "sbp_ + 40 hex",
		tokenSpec{prefixes: []string{"sbp_", "sb_secret_"}, alpha: "A-Za-z0-9_-", min: 30, max: 80}},
	{"doppler-token", "Doppler personal, service, service-account, CLI and SCIM tokens", "dp.pt. + 43 chars",
		tokenSpec{prefixes: []string{"dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."}, alpha: "A-Za-z0-9_.-", min: 40, max: 80}},
	{"vault-token", "HashiCorp Vault service, batch and recovery tokens", "hvs. + 24+ chars",
		tokenSpec{prefixes: []string{"hvs.", "hvb.", "hvr."}, alpha: "A-Za-z0-9_-", min: 24, max: 300}},
	{"grafana-token", "Grafana Cloud and service-account tokens", "glsa_ + 32 + _ + 8 hex",
		tokenSpec{prefixes: []string{"glsa_", "glc_"}, alpha: "A-Za-z0-9_=+/", min: 32, max: 400}},
	{"newrelic-key", "New Relic user and insights keys", "NRAK- + 27 chars",
		tokenSpec{prefixes: []string{"NRAK-", "NRII-"}, alpha: "A-Za-z0-9_-", min: 27, max: 40}},
	{"sentry-token", "Sentry organization and user auth tokens", "sntrys_ + token",
		tokenSpec{prefixes: []string{"sntrys_", "sntryu_"}, alpha: "A-Za-z0-9_=+/", min: 30, max: 300}},
	{"planetscale-token", "PlanetScale service tokens, passwords and OAuth tokens", "pscale_tkn_ + 43 chars",
		tokenSpec{prefixes: []string{"pscale_tkn_", "pscale_pw_", "pscale_oauth_"}, alpha: "A-Za-z0-9_.-", min: 32, max: 64}},
	{"databricks-token", "Databricks personal access token", "dapi + 32 hex",
		tokenSpec{prefixes: []string{"dapi"}, alpha: "a-f0-9", min: 32, max: 32}},
	{"pulumi-token", "Pulumi access token", "pul- + 40 hex",
		tokenSpec{prefixes: []string{"pul-"}, alpha: "a-f0-9", min: 40, max: 40}},
	{"replicate-token", "Replicate API token", "r8_ + 37 chars",
		tokenSpec{prefixes: []string{"r8_"}, alpha: "A-Za-z0-9", min: 37, max: 40}},
	{"perplexity-key", "Perplexity API key", "pplx- + 48 chars",
		tokenSpec{prefixes: []string{"pplx-"}, alpha: "A-Za-z0-9", min: 40, max: 64}},
	{"xai-key", "xAI API key", "xai- + 80 chars",
		tokenSpec{prefixes: []string{"xai-"}, alpha: "A-Za-z0-9", min: 70, max: 90}},
	{"age-secret-key", "age encryption secret key", "AGE-SECRET-KEY-1 + 58 chars",
		tokenSpec{prefixes: []string{"AGE-SECRET-KEY-1"}, alpha: "0-9A-Z", min: 58, max: 58}},
	{"shippo-token", "Shippo live and test tokens", "shippo_live_ + 40 hex",
		tokenSpec{prefixes: []string{"shippo_live_", "shippo_test_"}, alpha: "a-f0-9", min: 40, max: 40}},
	{"dynatrace-token", "Dynatrace API token", "dt0c01. + 24 + . + 64 chars",
		tokenSpec{prefixes: []string{"dt0c01."}, alpha: "A-Z0-9.", min: 89, max: 89}},
	{"alibaba-access-key-id", "Alibaba Cloud AccessKey ID", "LTAI + 20 chars",
		tokenSpec{prefixes: []string{"LTAI"}, alpha: "A-Za-z0-9", min: 12, max: 20, check: hasDigit}},
	{"tailscale-key", "Tailscale auth, API and OAuth client keys", "tskey-auth-…",
		tokenSpec{prefixes: []string{"tskey-"}, alpha: "A-Za-z0-9-", min: 20, max: 120, check: hasDigit}},
	{"rubygems-key", "RubyGems API key", "rubygems_ + 48 hex",
		tokenSpec{prefixes: []string{"rubygems_"}, alpha: "a-f0-9", min: 48, max: 48}},
	{"clojars-token", "Clojars deploy token", "CLOJARS_ + 60 chars",
		tokenSpec{prefixes: []string{"CLOJARS_"}, alpha: "a-z0-9", min: 60, max: 60}},
	{"figma-token", "Figma personal access token", "figd_ + 40 chars",
		tokenSpec{prefixes: []string{"figd_"}, alpha: "A-Za-z0-9_-", min: 36, max: 60}},
	{"langsmith-key", "LangSmith personal and service keys", "lsv2_pt_ + 32 hex + _ + 10 hex",
		tokenSpec{prefixes: []string{"lsv2_pt_", "lsv2_sk_"}, alpha: "a-f0-9_", min: 43, max: 43}},
	{"buildkite-token", "Buildkite user access token", "bkua_ + 40 hex",
		tokenSpec{prefixes: []string{"bkua_"}, alpha: "a-f0-9", min: 40, max: 40}},
	{"flyio-token", "Fly.io access token", "fo1_ + 43 chars",
		tokenSpec{prefixes: []string{"fo1_"}, alpha: "A-Za-z0-9_-", min: 40, max: 50}},
	{"infracost-key", "Infracost API key", "ico- + 32 chars",
		tokenSpec{prefixes: []string{"ico-"}, alpha: "A-Za-z0-9", min: 32, max: 32}},
	{"typeform-token", "Typeform personal access token", "tfp_ + 44 chars",
		tokenSpec{prefixes: []string{"tfp_"}, alpha: "A-Za-z0-9_-", min: 40, max: 64}},
	{"frameio-token", "Frame.io developer token", "fio-u- + 64 chars",
		tokenSpec{prefixes: []string{"fio-u-"}, alpha: "A-Za-z0-9_=-", min: 64, max: 64}},
	{"onepassword-token", "1Password service-account token", "ops_eyJ…",
		tokenSpec{prefixes: []string{"ops_eyJ"}, alpha: "A-Za-z0-9+/=_-", min: 100, max: 2048}},
	{"brevo-key", "Brevo (Sendinblue) API key", "xkeysib- + 64 hex + - + 16 chars",
		tokenSpec{prefixes: []string{"xkeysib-", "xsmtpsib-"}, alpha: "A-Za-z0-9-", min: 81, max: 81}},
	{"mapbox-secret-token", "Mapbox secret access token", "sk.eyJ…",
		tokenSpec{prefixes: []string{"sk.eyJ"}, alpha: "A-Za-z0-9_.-", min: 50, max: 400}},
	{"jfrog-token", "JFrog API key and reference token", "AKCp + 69 chars",
		tokenSpec{prefixes: []string{"AKCp", "cmVmdGtuOjAxOj"}, alpha: "A-Za-z0-9", min: 50, max: 120}},
	{"contentful-token", "Contentful personal access token", "CFPAT- + 43 chars",
		tokenSpec{prefixes: []string{"CFPAT-"}, alpha: "A-Za-z0-9_-", min: 43, max: 43}},
	{"netlify-token", "Netlify personal access token", "nfp_ + 36 chars",
		tokenSpec{prefixes: []string{"nfp_"}, alpha: "A-Za-z0-9", min: 36, max: 40}},
	{"render-key", "Render API key", "rnd_ + 32 chars",
		tokenSpec{prefixes: []string{"rnd_"}, alpha: "A-Za-z0-9", min: 32, max: 32}},
	{"prefect-key", "Prefect API key", "pnu_ + 36 chars",
		tokenSpec{prefixes: []string{"pnu_"}, alpha: "A-Za-z0-9", min: 36, max: 36}},
	{"circleci-token", "CircleCI personal API token", "CCIPAT_ + 22 + _ + 40 hex",
		tokenSpec{prefixes: []string{"CCIPAT_"}, alpha: "A-Za-z0-9_", min: 60, max: 64}},
	{"nuget-key", "NuGet API key", "oy2 + 43 chars",
		tokenSpec{prefixes: []string{"oy2"}, alpha: "a-z0-9", min: 43, max: 43}},
	{"scalingo-token", "Scalingo API token", "tk-us- + 48 chars",
		tokenSpec{prefixes: []string{"tk-us-"}, alpha: "A-Za-z0-9_-", min: 48, max: 48}},
	{"aws-access-key-id", "AWS access key ID (long-term and temporary); a 40-character secret access key on the same line is redacted with it", "AKIA + 16 chars",
		tokenSpec{prefixes: []string{"AKIA", "ASIA", "ABIA", "ACCA"}, alpha: "A-Z2-7", min: 16, max: 16}},
}

var awsSecretRule = &rule{
	id: "aws-secret-access-key", kind: Secret, prio: prioVendor,
	desc:    "AWS secret access key (40 base64 characters) on the same line as an access key ID, or under an aws_secret_access_key key",
	example: "AKIA… wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
}

func vendorRules() []*rule {
	out := make([]*rule, 0, len(vendors))
	for i := range vendors {
		v := &vendors[i]
		v.spec.init()
		var anchors []string
		for _, p := range v.spec.prefixes {
			anchors = append(anchors, strings.ToLower(p))
		}
		r := &rule{
			id: v.id, kind: Secret, desc: v.desc, example: v.example,
			anchors: anchors, back: 1, fwd: v.spec.max + 1, prio: prioVendor,
			tok: &v.spec, validate: validateToken,
		}
		if v.id == "aws-access-key-id" {
			r.fwd = 256
			r.validate = validateAWSKeyID
		}
		out = append(out, r)
	}
	return out
}

// tokenAt checks the token of spec t starting at the anchor [a, e) and
// returns its end, or -1.
func tokenAt(t *tokenSpec, w []byte, a, e int) int {
	if a > 0 && isAlnum(w[a-1]) {
		return -1
	}
	n := e - a
	ok := false
	for _, p := range t.prefixes {
		if len(p) == n && string(w[a:e]) == p {
			ok = true
			break
		}
	}
	if !ok {
		return -1
	}
	end := e
	for end < len(w) && t.set[w[end]] {
		end++
	}
	// A sentence's full stop is not part of the token.
	for end > e && w[end-1] == '.' {
		end--
	}
	body := w[e:end]
	if len(body) < t.min || len(body) > t.max {
		return -1
	}
	if end < len(w) && isAlnum(w[end]) {
		return -1
	}
	if t.check != nil && !t.check(body) {
		return -1
	}
	if tokenPlaceholder(body) {
		return -1
	}
	return end
}

func validateToken(s *scanner, w []byte, a, e int) {
	if end := tokenAt(s.cur.tok, w, a, e); end > 0 {
		s.add(a, end, e-a, 0)
	}
}

// validateAWSKeyID finds an access key ID and, on the rest of its line, a
// secret access key: the first run of exactly 40 base64 characters with
// both letters and digits.
func validateAWSKeyID(s *scanner, w []byte, a, e int) {
	end := tokenAt(s.cur.tok, w, a, e)
	if end < 0 || bytes.Contains(w[a:end], []byte("EXAMPLE")) {
		return
	}
	s.add(a, end, e-a, 0)
	for i := end; i < len(w); {
		if !is(w[i], cB64) {
			i++
			continue
		}
		j := runFwd(w, i, cB64)
		if j-i == 40 && (j == len(w) || w[j] != '=') && hasDigit(w[i:j]) && mixedCase(w[i:j]) && !tokenPlaceholder(w[i:j]) {
			cur := s.cur
			s.cur = awsSecretRule
			s.add(i, j, 0, 0)
			s.cur = cur
			return
		}
		i = j
	}
}

// tokenPlaceholder reports token bodies that are documentation, not
// credentials: EXAMPLE markers, runs of x or 0, one repeated character.
func tokenPlaceholder(b []byte) bool {
	if bytes.Contains(b, []byte("EXAMPLE")) || bytes.Contains(b, []byte("example")) ||
		bytes.Contains(b, []byte("xxxxxx")) || bytes.Contains(b, []byte("XXXXXX")) ||
		bytes.Contains(b, []byte("000000000")) || bytes.Contains(b, []byte("123456789")) {
		return true
	}
	var seen [256]bool
	distinct := 0
	for _, c := range b {
		if !seen[c] {
			seen[c] = true
			distinct++
		}
	}
	return distinct < 5 && len(b) >= 8
}

func hasDigit(b []byte) bool {
	for _, c := range b {
		if isDigit(c) {
			return true
		}
	}
	return false
}

func mixedCase(b []byte) bool {
	up, lo := false, false
	for _, c := range b {
		up = up || isUpper(c)
		lo = lo || isLower(c)
	}
	return up && lo
}

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// githubChecksum verifies a classic GitHub token body: 30 random base62
// characters followed by the CRC32 (IEEE) of those 30, written as 6 base62
// digits.
func githubChecksum(body []byte) bool {
	if len(body) != 36 {
		return false
	}
	sum := crc32.ChecksumIEEE(body[:30])
	var enc [6]byte
	for i := 5; i >= 0; i-- {
		enc[i] = base62[sum%62]
		sum /= 62
	}
	return sum == 0 && string(body[30:]) == string(enc[:])
}
