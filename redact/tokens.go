package redact

import (
	"bytes"
	"hash/crc32"
	"strings"
)

// Vendor tokens: self-identifying credentials that start with a fixed
// prefix. One table-driven validator serves them all: it checks the exact
// (case-sensitive) prefix, the body's alphabet and length, word boundaries
// on both sides, an optional shape check (checksum, separators, digits),
// and that the body is not a placeholder. A few formats whose fixed part is
// not at the start (AWS key pairs, GitHub's stateless installation tokens,
// Terraform Cloud tokens) have their own validator.
//
// Lengths and alphabets are those the vendors document or issue. Where a
// vendor has issued several lengths over time, the range covers all of
// them; where a format carries a checksum (GitHub), it is verified, so
// random look-alikes are told apart from tokens.

// tokenSpec is one token format.
type tokenSpec struct {
	prefixes []string // exact, case-sensitive; each is also an anchor
	alpha    string   // body alphabet, as ranges: "A-Za-z0-9_-"
	min, max int      // body length
	// check, when set, is a further test of the body; p is the prefix
	// that matched.
	check func(p string, body []byte) bool
	set   [256]bool
}

// vendor is one catalog entry. An ID may appear on several entries when a
// vendor's tokens come in formats that differ in alphabet or length.
type vendor struct {
	id, desc, example string
	spec              tokenSpec
	// validate replaces the table-driven validator; fwd then bounds its
	// look-ahead and back its look-back, and anchors, when set, replace
	// the prefixes as anchors (for formats whose fixed part is inside).
	validate  func(s *scanner, w []byte, a, e int)
	back, fwd int
	anchors   []string
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

// Alphabets.
const (
	b62      = "A-Za-z0-9"
	b64u     = "A-Za-z0-9_-"
	b64std   = "A-Za-z0-9+/="
	hexLower = "a-f0-9"
	hexAny   = "a-fA-F0-9"
)

// vendors is the table of token formats.
var vendors = []vendor{
	// Source hosting and CI.
	{id: "github-token", desc: "GitHub classic token (personal, OAuth, user-to-server, server-to-server, refresh) with a valid CRC32 checksum, and stateless installation tokens (ghs_<app id>_<JWT>)", example: "ghp_ + 30 base62 + 6 checksum",
		spec:     tokenSpec{prefixes: []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}, alpha: b62, min: 36, max: 36},
		validate: validateGitHub, back: escBack, fwd: 4096},
	{id: "github-fine-grained-pat", desc: "GitHub fine-grained personal access token", example: "github_pat_ + 22 + _ + 59",
		spec: tokenSpec{prefixes: []string{"github_pat_"}, alpha: "A-Za-z0-9_", min: 76, max: 90, check: sepAt('_', 22)}},
	{id: "gitlab-token", desc: "GitLab personal, project, group, deploy, runner, CI job, trigger, OAuth, feed, incoming-mail, agent, SCIM and feature-flag tokens, legacy and routable", example: "glpat- + 20 chars, or glpat-<payload>.01.<crc>",
		spec: tokenSpec{prefixes: []string{"glpat-", "gldt-", "glrt-", "glcbt-", "glptt-", "gloas-", "glimt-", "glsoat-", "glffct-", "glagent-", "glft-", "GR1348941"}, alpha: "A-Za-z0-9_.-", min: 20, max: 320}},
	{id: "circleci-token", desc: "CircleCI personal API token", example: "CCIPAT_ + 22 + _ + 40 hex",
		spec: tokenSpec{prefixes: []string{"CCIPAT_"}, alpha: "A-Za-z0-9_", min: 63, max: 63, check: sepAt('_', 22)}},
	{id: "buildkite-token", desc: "Buildkite user access token", example: "bkua_ + 40 hex",
		spec: tokenSpec{prefixes: []string{"bkua_"}, alpha: hexLower, min: 40, max: 40}},
	{id: "sonarqube-token", desc: "SonarQube user, project and global analysis tokens", example: "squ_ + 40 hex",
		spec: tokenSpec{prefixes: []string{"squ_", "sqp_", "sqa_"}, alpha: hexLower, min: 40, max: 40}},
	{id: "sourcegraph-token", desc: "Sourcegraph access token", example: "sgp_ + 16 hex + _ + 40 hex",
		spec: tokenSpec{prefixes: []string{"sgp_"}, alpha: "a-z0-9_", min: 40, max: 57, check: sourcegraphShape}},

	// Clouds and platforms.
	{id: "aws-access-key-id", desc: "AWS access key ID (long-term and temporary); a 40-character secret access key on the same line is redacted with it", example: "AKIA + 16 chars",
		spec:     tokenSpec{prefixes: []string{"AKIA", "ASIA", "ABIA", "ACCA"}, alpha: "A-Z2-7", min: 16, max: 16},
		validate: validateAWSKeyID, back: escBack, fwd: 256},
	{id: "aws-session-token", desc: "AWS STS session token", example: "IQoJb3JpZ2luX2Vj…",
		spec: tokenSpec{prefixes: []string{"IQoJb3JpZ2luX2Vj", "FwoGZXIvYXdz", "FQoGZXIvYXdz"}, alpha: b64std, min: 100, max: 4096}},
	{id: "google-api-key", desc: "Google API key (Maps, Firebase, Gemini …): AIza + 35 characters, and the AQ. keys issued since 2026", example: "AIza + 35 chars",
		spec: tokenSpec{prefixes: []string{"AIza"}, alpha: b64u, min: 35, max: 35}},
	{id: "google-api-key", desc: "Google API key (Maps, Firebase, Gemini …)", example: "AQ. + 50 chars",
		spec: tokenSpec{prefixes: []string{"AQ."}, alpha: "A-Za-z0-9_.-", min: 40, max: 80, check: randomish}},
	{id: "google-oauth-client-secret", desc: "Google OAuth client secret", example: "GOCSPX- + 28 chars",
		spec: tokenSpec{prefixes: []string{"GOCSPX-"}, alpha: b64u, min: 28, max: 28}},
	{id: "google-oauth-token", desc: "Google OAuth access and refresh tokens", example: "ya29.… / 1//0…",
		spec: tokenSpec{prefixes: []string{"ya29.", "1//0"}, alpha: "A-Za-z0-9_.-", min: 20, max: 2048, check: randomish}},
	{id: "azure-devops-pat", desc: "Azure DevOps personal access token (84-character format with the AZDO signature)", example: "76 chars + AZDO + 4 chars",
		validate: validateAzureDevOps, back: 76 + escBack, fwd: 6, anchors: []string{"azdo"}},
	{id: "alibaba-access-key-id", desc: "Alibaba Cloud AccessKey ID", example: "LTAI + 20 chars",
		spec: tokenSpec{prefixes: []string{"LTAI"}, alpha: b62, min: 12, max: 20, check: randomish}},
	{id: "tencent-secret-id", desc: "Tencent Cloud SecretId", example: "AKID + 32 chars",
		spec: tokenSpec{prefixes: []string{"AKID"}, alpha: b62, min: 32, max: 32, check: randomish}},
	{id: "digitalocean-token", desc: "DigitalOcean personal, OAuth and refresh tokens", example: "dop_v1_ + 64 hex",
		spec: tokenSpec{prefixes: []string{"dop_v1_", "doo_v1_", "dor_v1_"}, alpha: hexLower, min: 64, max: 64}},
	{id: "heroku-key", desc: "Heroku API key", example: "HRKU-AA + 58 chars",
		spec: tokenSpec{prefixes: []string{"HRKU-"}, alpha: b64u, min: 60, max: 60, check: startsWith("AA")}},
	{id: "flyio-token", desc: "Fly.io access tokens (fo1_) and macaroon tokens (fm2_, fm1a_, fm1r_)", example: "fo1_ + 43 chars",
		spec: tokenSpec{prefixes: []string{"fo1_"}, alpha: b64u, min: 43, max: 43}},
	{id: "flyio-token", desc: "Fly.io macaroon token", example: "fm2_ + base64",
		spec: tokenSpec{prefixes: []string{"fm2_", "fm1a_", "fm1r_"}, alpha: b64std, min: 100, max: 4096}},
	{id: "vercel-token", desc: "Vercel personal, integration and app tokens and API keys", example: "vcp_ + 56 chars",
		spec: tokenSpec{prefixes: []string{"vcp_", "vci_", "vca_", "vcr_", "vck_"}, alpha: b64u, min: 50, max: 64, check: randomish}},
	{id: "netlify-token", desc: "Netlify personal access token", example: "nfp_ + 36 chars",
		spec: tokenSpec{prefixes: []string{"nfp_"}, alpha: b62, min: 36, max: 40}},
	{id: "render-key", desc: "Render API key", example: "rnd_ + 32 chars",
		spec: tokenSpec{prefixes: []string{"rnd_"}, alpha: b62, min: 32, max: 32}},
	{id: "cloudflare-origin-ca-key", desc: "Cloudflare Origin CA key", example: "v1.0- + 24 hex + - + 146 hex",
		spec: tokenSpec{prefixes: []string{"v1.0-"}, alpha: "a-f0-9-", min: 171, max: 171, check: sepAt('-', 24)}},
	{id: "cloudflare-token", desc: "Cloudflare account and user API tokens, Global API Key and Access service-token secret (the prefixed format of 2026)", example: "cfat_ + 40 chars + checksum",
		spec: tokenSpec{prefixes: []string{"cfat_", "cfut_", "cfk_", "cfast_"}, alpha: b62, min: 44, max: 56, check: randomish}},
	{id: "openshift-token", desc: "OpenShift user and service-account token", example: "sha256~ + 43 chars",
		spec: tokenSpec{prefixes: []string{"sha256~"}, alpha: b64u, min: 43, max: 43}},
	{id: "tailscale-key", desc: "Tailscale auth, API, OAuth client, SCIM and webhook keys", example: "tskey-auth-…",
		spec: tokenSpec{prefixes: []string{"tskey-"}, alpha: "A-Za-z0-9-", min: 20, max: 120, check: randomish}},
	{id: "vault-token", desc: "HashiCorp Vault service, batch and recovery tokens", example: "hvs. + 24+ chars",
		spec: tokenSpec{prefixes: []string{"hvs.", "hvb.", "hvr."}, alpha: b64u, min: 24, max: 300}},
	{id: "terraform-token", desc: "HCP Terraform (Terraform Cloud) user, team and organization API token", example: "14 chars.atlasv1.67 chars",
		validate: validateTerraform, back: 14 + escBack, fwd: 71, anchors: []string{".atlasv1."}},
	{id: "pulumi-token", desc: "Pulumi access token", example: "pul- + 40 hex",
		spec: tokenSpec{prefixes: []string{"pul-"}, alpha: hexLower, min: 40, max: 40}},
	{id: "doppler-token", desc: "Doppler personal, service, service-account, CLI, SCIM and audit tokens", example: "dp.pt. + 43 chars",
		spec: tokenSpec{prefixes: []string{"dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."}, alpha: "A-Za-z0-9_.-", min: 40, max: 80}},
	{id: "onepassword-token", desc: "1Password service-account token", example: "ops_eyJ…",
		spec: tokenSpec{prefixes: []string{"ops_eyJ"}, alpha: "A-Za-z0-9+/=_-", min: 100, max: 2048}},
	{id: "onepassword-secret-key", desc: "1Password account Secret Key", example: "A3-XXXXXX-XXXXXXXXXXX-XXXXX-XXXXX-XXXXX",
		spec: tokenSpec{prefixes: []string{"A3-"}, alpha: "A-Z0-9-", min: 36, max: 37, check: onePasswordShape}},
	{id: "age-secret-key", desc: "age encryption secret key", example: "AGE-SECRET-KEY-1 + 58 chars",
		spec: tokenSpec{prefixes: []string{"AGE-SECRET-KEY-1"}, alpha: "0-9A-Z", min: 58, max: 58}},
	{id: "harness-token", desc: "Harness personal and service-account tokens", example: "pat.<22>.<24>.<20>",
		spec: tokenSpec{prefixes: []string{"pat.", "sat."}, alpha: "A-Za-z0-9_.-", min: 68, max: 68, check: harnessShape}},

	// AI.
	{id: "openai-key", desc: "OpenAI project, service-account, admin and unscoped API keys", example: "sk-proj-…",
		spec: tokenSpec{prefixes: []string{"sk-proj-", "sk-svcacct-", "sk-admin-", "sk-None-"}, alpha: b64u, min: 40, max: 300, check: randomish}},
	{id: "openai-legacy-key", desc: "OpenAI legacy API key (sk- + 48 chars with the T3BlbkFJ marker)", example: "sk- + 48 chars",
		spec: tokenSpec{prefixes: []string{"sk-"}, alpha: b62, min: 48, max: 48, check: func(_ string, b []byte) bool { return bytes.Contains(b, []byte("T3BlbkFJ")) }}},
	{id: "sk-api-key", desc: "API key in the sk- + 32 to 64 alphanumerics form of OpenAI-compatible providers (DeepSeek, Moonshot, Stability, DashScope …)", example: "sk- + 32 hex",
		spec: tokenSpec{prefixes: []string{"sk-"}, alpha: b62, min: 32, max: 64, check: digitAndLetter}},
	{id: "anthropic-key", desc: "Anthropic API, admin and OAuth keys (and later versions of the sk-ant-<kind><nn>- form)", example: "sk-ant-api03- + 93 chars + AA",
		spec: tokenSpec{prefixes: []string{"sk-ant-api03-", "sk-ant-admin01-", "sk-ant-oat01-", "sk-ant-ort01-"}, alpha: b64u, min: 95, max: 95, check: anthropicShape}},
	{id: "anthropic-key", desc: "Anthropic key of a later version", example: "sk-ant-<kind><nn>- + 95 chars",
		spec: tokenSpec{prefixes: []string{"sk-ant-"}, alpha: b64u, min: 86, max: 130, check: anthropicOther}},
	{id: "openrouter-key", desc: "OpenRouter API key", example: "sk-or-v1- + 64 hex",
		spec: tokenSpec{prefixes: []string{"sk-or-v1-"}, alpha: hexLower, min: 64, max: 64}},
	{id: "groq-key", desc: "Groq API key", example: "gsk_ + 52 chars",
		spec: tokenSpec{prefixes: []string{"gsk_"}, alpha: b62, min: 48, max: 56}},
	{id: "xai-key", desc: "xAI API key", example: "xai- + 80 chars",
		spec: tokenSpec{prefixes: []string{"xai-"}, alpha: b62, min: 70, max: 90}},
	{id: "perplexity-key", desc: "Perplexity API key", example: "pplx- + 48 chars",
		spec: tokenSpec{prefixes: []string{"pplx-"}, alpha: b62, min: 40, max: 56}},
	{id: "huggingface-token", desc: "Hugging Face user and organization tokens", example: "hf_ + 34 chars",
		spec: tokenSpec{prefixes: []string{"hf_", "api_org_"}, alpha: b62, min: 30, max: 40, check: func(_ string, b []byte) bool { return mixedCase(b) }}},
	{id: "replicate-token", desc: "Replicate API token", example: "r8_ + 37 chars",
		spec: tokenSpec{prefixes: []string{"r8_"}, alpha: b62, min: 32, max: 44}},
	{id: "cerebras-key", desc: "Cerebras API key", example: "csk- + 48 chars",
		spec: tokenSpec{prefixes: []string{"csk-"}, alpha: b62, min: 32, max: 64, check: digitAndLetter}},
	{id: "elevenlabs-key", desc: "ElevenLabs API key", example: "sk_ + 48 hex",
		spec: tokenSpec{prefixes: []string{"sk_"}, alpha: hexLower, min: 48, max: 48, check: digitAndLetter}},
	{id: "pinecone-key", desc: "Pinecone API key", example: "pcsk_ + id + _ + 63 chars",
		spec: tokenSpec{prefixes: []string{"pcsk_"}, alpha: "A-Za-z0-9_", min: 45, max: 100, check: pineconeShape}},
	{id: "langsmith-key", desc: "LangSmith personal and service keys", example: "lsv2_pt_ + 32 hex + _ + 10 hex",
		spec: tokenSpec{prefixes: []string{"lsv2_pt_", "lsv2_sk_"}, alpha: "a-f0-9_", min: 43, max: 43, check: sepAt('_', 32)}},
	{id: "langfuse-key", desc: "Langfuse secret key", example: "sk-lf- + UUID",
		spec: tokenSpec{prefixes: []string{"sk-lf-"}, alpha: "a-f0-9-", min: 36, max: 36, check: uuidShape}},

	// Messaging and e-mail.
	{id: "slack-token", desc: "Slack bot, user, app, configuration, refresh, client and legacy tokens, and the d session cookie (xoxd-)", example: "xoxb-…, xoxp-…, xapp-…",
		spec: tokenSpec{prefixes: []string{"xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxo-", "xoxc-", "xoxe-", "xoxe.xoxp-", "xoxe.xoxb-", "xapp-"}, alpha: "A-Za-z0-9-", min: 10, max: 255, check: hasDigitB}},
	{id: "slack-token", desc: "Slack session cookie (d)", example: "xoxd- + URL-encoded base64",
		spec: tokenSpec{prefixes: []string{"xoxd-"}, alpha: "A-Za-z0-9%+/=_-", min: 40, max: 512, check: hasDigitB}},
	{id: "sendgrid-key", desc: "SendGrid API key", example: "SG. + 22 + . + 43 chars",
		spec: tokenSpec{prefixes: []string{"SG."}, alpha: "A-Za-z0-9_.-", min: 66, max: 66, check: func(_ string, b []byte) bool { return b[22] == '.' && bytes.IndexByte(b[23:], '.') < 0 }}},
	{id: "twilio-api-key", desc: "Twilio API key SID", example: "SK + 32 hex",
		spec: tokenSpec{prefixes: []string{"SK"}, alpha: hexAny, min: 32, max: 32, check: hasDigitB}},
	{id: "mailgun-key", desc: "Mailgun API key", example: "key- + 32 hex",
		spec: tokenSpec{prefixes: []string{"key-"}, alpha: hexLower, min: 32, max: 32, check: digitAndLetter}},
	{id: "brevo-key", desc: "Brevo (Sendinblue) API and SMTP keys", example: "xkeysib- + 64 hex + - + 16 chars",
		spec: tokenSpec{prefixes: []string{"xkeysib-", "xsmtpsib-"}, alpha: "A-Za-z0-9-", min: 81, max: 81, check: sepAt('-', 64)}},
	{id: "resend-key", desc: "Resend API key", example: "re_ + 8 + _ + 24 chars",
		spec: tokenSpec{prefixes: []string{"re_"}, alpha: "A-Za-z0-9_", min: 33, max: 48, check: resendShape}},

	// Payments and commerce.
	{id: "stripe-key", desc: "Stripe secret and restricted keys (live and test) and webhook signing secrets", example: "sk_live_ + 24 to 247 chars",
		spec: tokenSpec{prefixes: []string{"sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_"}, alpha: b62, min: 20, max: 247, check: randomish}},
	{id: "square-token", desc: "Square access token and OAuth secret", example: "sq0atp- + 22 chars",
		spec: tokenSpec{prefixes: []string{"sq0atp-", "sq0csp-"}, alpha: b64u, min: 22, max: 60}},
	{id: "shopify-token", desc: "Shopify access, custom-app, private-app tokens and shared secrets", example: "shpat_ + 32 hex",
		spec: tokenSpec{prefixes: []string{"shpat_", "shpca_", "shppa_", "shpss_"}, alpha: hexAny, min: 32, max: 32}},
	{id: "braintree-token", desc: "Braintree (PayPal) access token", example: "access_token$production$ + 16 + $ + 32 hex",
		spec: tokenSpec{prefixes: []string{"access_token$production$", "access_token$sandbox$"}, alpha: "a-z0-9$", min: 49, max: 49, check: sepAt('$', 16)}},
	{id: "plaid-token", desc: "Plaid access token", example: "access-production- + UUID",
		spec: tokenSpec{prefixes: []string{"access-production-", "access-development-", "access-sandbox-"}, alpha: "a-f0-9-", min: 36, max: 36, check: uuidShape}},
	{id: "flutterwave-key", desc: "Flutterwave secret key", example: "FLWSECK- + 32 hex + -X",
		spec: tokenSpec{prefixes: []string{"FLWSECK-", "FLWSECK_TEST-"}, alpha: "a-h0-9X-", min: 34, max: 34, check: func(_ string, b []byte) bool { return string(b[32:]) == "-X" }}},
	{id: "shippo-token", desc: "Shippo live and test tokens", example: "shippo_live_ + 40 hex",
		spec: tokenSpec{prefixes: []string{"shippo_live_", "shippo_test_"}, alpha: hexAny, min: 40, max: 40}},
	{id: "easypost-key", desc: "EasyPost production and test API keys", example: "EZAK + 54 chars",
		spec: tokenSpec{prefixes: []string{"EZAK", "EZTK"}, alpha: b62, min: 54, max: 54}},
	{id: "duffel-token", desc: "Duffel live and test access tokens", example: "duffel_live_ + 43 chars",
		spec: tokenSpec{prefixes: []string{"duffel_live_", "duffel_test_"}, alpha: "A-Za-z0-9_=-", min: 43, max: 43}},

	// Package registries.
	{id: "npm-token", desc: "npm access token", example: "npm_ + 36 base62",
		spec: tokenSpec{prefixes: []string{"npm_"}, alpha: b62, min: 36, max: 36}},
	{id: "pypi-token", desc: "PyPI and TestPyPI upload token", example: "pypi-AgEIcHlwaS5vcmc…",
		spec: tokenSpec{prefixes: []string{"pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"}, alpha: b64u, min: 50, max: 1100}},
	{id: "rubygems-key", desc: "RubyGems API key", example: "rubygems_ + 48 hex",
		spec: tokenSpec{prefixes: []string{"rubygems_"}, alpha: hexLower, min: 48, max: 48}},
	{id: "nuget-key", desc: "NuGet API key", example: "oy2 + 43 chars",
		spec: tokenSpec{prefixes: []string{"oy2"}, alpha: "a-z0-9", min: 43, max: 43}},
	{id: "clojars-token", desc: "Clojars deploy token", example: "CLOJARS_ + 60 chars",
		spec: tokenSpec{prefixes: []string{"CLOJARS_"}, alpha: "a-z0-9", min: 60, max: 60}},
	{id: "crates-io-token", desc: "crates.io API token", example: "cio + 32 chars",
		spec: tokenSpec{prefixes: []string{"cio"}, alpha: b62, min: 32, max: 32, check: randomish}},
	{id: "dockerhub-token", desc: "Docker Hub personal and organization access tokens", example: "dckr_pat_ + 27 chars",
		spec: tokenSpec{prefixes: []string{"dckr_pat_", "dckr_oat_"}, alpha: b64u, min: 24, max: 40}},
	{id: "jfrog-token", desc: "JFrog Artifactory API key and reference token", example: "AKCp + 69 chars",
		spec: tokenSpec{prefixes: []string{"AKCp", "cmVmdGtuOjAxOj"}, alpha: b62, min: 50, max: 69, check: jfrogLen}},

	// Productivity, data and observability.
	{id: "linear-key", desc: "Linear API key", example: "lin_api_ + 40 chars",
		spec: tokenSpec{prefixes: []string{"lin_api_"}, alpha: b62, min: 40, max: 40}},
	{id: "notion-token", desc: "Notion integration token", example: "ntn_ + 11 digits + 35 chars",
		spec: tokenSpec{prefixes: []string{"ntn_", "secret_"}, alpha: b62, min: 40, max: 50, check: notionShape}},
	{id: "airtable-pat", desc: "Airtable personal access token", example: "pat + 14 + . + 64 hex",
		spec: tokenSpec{prefixes: []string{"pat"}, alpha: "A-Za-z0-9.", min: 79, max: 79, check: airtableShape}},
	{id: "hubspot-token", desc: "HubSpot private-app access token", example: "pat-na1- + UUID",
		spec: tokenSpec{prefixes: []string{"pat-na1-", "pat-na2-", "pat-eu1-", "pat-ap1-"}, alpha: "a-f0-9-", min: 36, max: 36, check: uuidShape}},
	{id: "figma-token", desc: "Figma personal access token", example: "figd_ + 40 chars",
		spec: tokenSpec{prefixes: []string{"figd_"}, alpha: b64u, min: 36, max: 60}},
	{id: "typeform-token", desc: "Typeform personal access token", example: "tfp_ + 44 to 59 chars",
		spec: tokenSpec{prefixes: []string{"tfp_"}, alpha: "A-Za-z0-9_.=-", min: 40, max: 64}},
	{id: "postman-key", desc: "Postman API key", example: "PMAK- + 24 hex - 34 hex",
		spec: tokenSpec{prefixes: []string{"PMAK-"}, alpha: "a-f0-9-", min: 59, max: 59, check: sepAt('-', 24)}},
	{id: "contentful-token", desc: "Contentful personal access token", example: "CFPAT- + 43 chars",
		spec: tokenSpec{prefixes: []string{"CFPAT-"}, alpha: b64u, min: 43, max: 43}},
	{id: "frameio-token", desc: "Frame.io developer token", example: "fio-u- + 64 chars",
		spec: tokenSpec{prefixes: []string{"fio-u-"}, alpha: "A-Za-z0-9_=-", min: 64, max: 64}},
	{id: "readme-key", desc: "ReadMe API key", example: "rdme_ + 70 chars",
		spec: tokenSpec{prefixes: []string{"rdme_"}, alpha: "a-z0-9", min: 70, max: 70}},
	{id: "adobe-client-secret", desc: "Adobe OAuth client secret", example: "p8e- + 32 chars",
		spec: tokenSpec{prefixes: []string{"p8e-"}, alpha: b62, min: 32, max: 32, check: randomish}},
	{id: "dropbox-token", desc: "Dropbox short-lived access token", example: "sl. + 135+ chars",
		spec: tokenSpec{prefixes: []string{"sl."}, alpha: "A-Za-z0-9_=.-", min: 130, max: 2048, check: randomish}},
	{id: "atlassian-token", desc: "Atlassian (Jira, Confluence, Bitbucket) API token", example: "ATATT3 + 186 chars",
		spec: tokenSpec{prefixes: []string{"ATATT3", "ATCTT3"}, alpha: "A-Za-z0-9_=-", min: 150, max: 250}},
	{id: "facebook-token", desc: "Facebook / Meta access token (also Square EAAA tokens)", example: "EAA + 60+ chars",
		spec: tokenSpec{prefixes: []string{"EAA"}, alpha: b62, min: 60, max: 400, check: randomish}},
	{id: "mapbox-secret-token", desc: "Mapbox secret access token", example: "sk.eyJ…",
		spec: tokenSpec{prefixes: []string{"sk.eyJ"}, alpha: "A-Za-z0-9_.-", min: 50, max: 400}},
	{id: "supabase-key", desc: "Supabase personal access token and secret key", example: "sbp_ + 40 hex",
		spec: tokenSpec{prefixes: []string{"sbp_", "sb_secret_"}, alpha: b64u, min: 30, max: 80, check: supabaseShape}},
	{id: "planetscale-token", desc: "PlanetScale service tokens, passwords and OAuth tokens", example: "pscale_tkn_ + 43 chars",
		spec: tokenSpec{prefixes: []string{"pscale_tkn_", "pscale_pw_", "pscale_oauth_"}, alpha: "A-Za-z0-9_.=-", min: 32, max: 64}},
	{id: "databricks-token", desc: "Databricks personal access token", example: "dapi + 32 hex",
		spec: tokenSpec{prefixes: []string{"dapi"}, alpha: hexLower, min: 32, max: 32, check: digitAndLetter}},
	{id: "grafana-token", desc: "Grafana Cloud and service-account tokens and API keys", example: "glsa_ + 32 + _ + 8 hex",
		spec: tokenSpec{prefixes: []string{"glsa_"}, alpha: "A-Za-z0-9_", min: 32, max: 64}},
	{id: "grafana-token", desc: "Grafana Cloud access policy token", example: "glc_ + base64",
		spec: tokenSpec{prefixes: []string{"glc_"}, alpha: "A-Za-z0-9_=+/", min: 32, max: 400}},
	{id: "grafana-token", desc: "Grafana API key", example: "eyJrIjoi…",
		spec: tokenSpec{prefixes: []string{"eyJrIjoi"}, alpha: "A-Za-z0-9=", min: 60, max: 400}},
	{id: "newrelic-key", desc: "New Relic user and insights keys", example: "NRAK- + 27 chars",
		spec: tokenSpec{prefixes: []string{"NRAK-", "NRII-"}, alpha: b64u, min: 27, max: 40}},
	{id: "sentry-token", desc: "Sentry organization and user auth tokens", example: "sntrys_ + token",
		spec: tokenSpec{prefixes: []string{"sntrys_", "sntryu_"}, alpha: "A-Za-z0-9_=+/", min: 30, max: 300}},
	{id: "dynatrace-token", desc: "Dynatrace API token", example: "dt0c01. + 24 + . + 64 chars",
		spec: tokenSpec{prefixes: []string{"dt0c01."}, alpha: "A-Z0-9.", min: 89, max: 89, check: sepAt('.', 24)}},
	{id: "infracost-key", desc: "Infracost API key", example: "ico- + 32 chars",
		spec: tokenSpec{prefixes: []string{"ico-"}, alpha: b62, min: 32, max: 32}},
	{id: "prefect-key", desc: "Prefect API key", example: "pnu_ + 36 chars",
		spec: tokenSpec{prefixes: []string{"pnu_"}, alpha: b62, min: 36, max: 36}},
	{id: "scalingo-token", desc: "Scalingo API token", example: "tk-us- + 48 chars",
		spec: tokenSpec{prefixes: []string{"tk-us-"}, alpha: b64u, min: 48, max: 48}},

	// The platform's own.
	{id: "acp-key", desc: "the platform's own SDK key", example: "acp_ + base62",
		spec: tokenSpec{prefixes: []string{"acp_"}, alpha: b62, min: 16, max: 128, check: randomish}},
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
		r := &rule{
			id: v.id, kind: Secret, desc: v.desc, example: v.example,
			back: escBack, fwd: v.spec.max + 1 + maxPlaceholderLen, prio: prioVendor, // see placeholderAt
			tok: &v.spec, validate: validateToken,
		}
		for _, p := range v.spec.prefixes {
			r.anchors = append(r.anchors, strings.ToLower(p))
		}
		if v.validate != nil {
			r.validate, r.back, r.fwd = v.validate, v.back, v.fwd+maxPlaceholderLen
		} else if v.spec.min > 0 {
			r.decline = declineToken(&v.spec)
		}
		if v.anchors != nil {
			r.anchors = v.anchors
		}
		out = append(out, r)
	}
	return out
}

// declineToken is the decline test of a table-driven token format:
// tokenAt reads the body from the anchor's end, as a run of the
// alphabet's bytes (or %-escapes of them), and needs min of those bytes;
// so fewer bytes left, or a first byte that can start no body and no
// escape of one ("sk" in "task design", "pat" in "path"), leave it
// nothing. So does a prefix
// glued on its left to a letter or digit (alnumBefore, which tokenAt
// reads first), and an anchor that is no prefix as written: "Sk" or "sk"
// in a base64 blob or a hash.
func declineToken(t *tokenSpec) func(b []byte, e int) bool {
	return func(b []byte, e int) bool {
		if len(b)-e < t.min || !t.set[b[e]] && escapedTokenChar(t, b, e) == 0 && b[e] != '%' {
			return true // (an escape tokenAt reads as a body byte: "\/", "%2F")
		}
		for _, p := range t.prefixes {
			if a := e - len(p); a >= 0 && string(b[a:e]) == p && !alnumBefore(b, a) {
				return false
			}
		}
		return true
	}
}

// tokenAt checks the token of spec t starting at the anchor [a, e) and
// returns its end, or -1.
//
// A token glued to one of our placeholders is taken as glued to the word
// that was replaced, which the first pass saw as part of this token's
// run: "dckr_oat_…-ghp_…" keeps its Docker token (the run is too long), so
// "dckr_oat_…-[REDACTED:…]" must keep it too.
func tokenAt(t *tokenSpec, w []byte, a, e int) int {
	if alnumBefore(w, a) {
		return -1
	}
	// The anchor matched ignoring case (and any digit for a digit); the
	// prefix must match exactly.
	p := ""
	for _, q := range t.prefixes {
		if len(q) == e-a && string(w[a:e]) == q {
			p = q
			break
		}
	}
	if p == "" {
		return -1
	}
	end := e
	for end < len(w) {
		if t.set[w[end]] && w[end] != '%' {
			end++
		} else if n := escapedTokenChar(t, w, end); n > 0 {
			end += n
		} else {
			break
		}
	}
	if placeholderAt(w, end) {
		return -1
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
	if t.check != nil && !t.check(p, body) {
		return -1
	}
	if tokenPlaceholder(body) || documentedExample(w[a:end]) {
		return -1
	}
	return end
}

// escapedTokenChar returns the length of an escaped body character at i:
// "\/" (JSON may escape '/') and %2B, %2F, %3D (URL encoding of + / =),
// when the alphabet has the character. Without this a base64 token in a
// JSON string or a URL query would be cut at the escape and leak its rest.
// Other percent codes ("%22", "%20", "%26") end a token, even one whose
// alphabet has '%' (URL-encoded base64 holds only these three).
func escapedTokenChar(t *tokenSpec, w []byte, i int) int {
	switch w[i] {
	case '\\':
		if i+1 < len(w) && w[i+1] == '/' && t.set['/'] {
			return 2
		}
	case '%':
		if i+2 < len(w) {
			var c byte
			switch {
			case w[i+1] == '2' && (w[i+2] == 'B' || w[i+2] == 'b'):
				c = '+'
			case w[i+1] == '2' && (w[i+2] == 'F' || w[i+2] == 'f'):
				c = '/'
			case w[i+1] == '3' && (w[i+2] == 'D' || w[i+2] == 'd'):
				c = '='
			}
			if c != 0 && t.set[c] {
				return 3
			}
		}
	}
	return 0
}

func validateToken(s *scanner, w []byte, a, e int) {
	if end := tokenAt(s.cur.tok, w, a, e); end > 0 {
		s.add(a, end, e-a, 0)
	}
}

// validateGitHub accepts a classic token whose checksum is right, and a
// stateless installation token: ghs_, the app ID, '_', and a JWT (three
// base64url segments, the first a JSON header).
func validateGitHub(s *scanner, w []byte, a, e int) {
	if end := tokenAt(s.cur.tok, w, a, e); end > 0 {
		if githubChecksum(w[e:end]) {
			s.add(a, end, e-a, 0)
		}
		return
	}
	if alnumBefore(w, a) || !bytes.HasPrefix(w[a:e], []byte("gh")) || w[e-1] != '_' {
		return
	}
	i := runFwd(w, e, cDigit)
	if i == e || i+4 > len(w) || w[i] != '_' || string(w[i+1:i+4]) != "eyJ" {
		return
	}
	end, dots := i+1, 0
	for end < len(w) {
		c := w[end]
		if c == '.' {
			if dots == 2 || end+1 >= len(w) || !b64url(w[end+1]) {
				break
			}
			dots++
		} else if !b64url(c) {
			break
		}
		end++
	}
	if dots != 2 || end-i < 40 || (end < len(w) && isAlnum(w[end])) || moreSegments(w, end) {
		return
	}
	s.add(a, end, e-a, 0)
}

// validateAWSKeyID finds an access key ID and, on the rest of its line, a
// secret access key: the first run of exactly 40 base64 characters with
// both letters and digits.
func validateAWSKeyID(s *scanner, w []byte, a, e int) {
	end := tokenAt(s.cur.tok, w, a, e)
	if end < 0 {
		return
	}
	s.add(a, end, e-a, 0)
	if !s.r.enabled(awsSecretRule) {
		return
	}
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

// validateTerraform finds <14 alphanumerics>.atlasv1.<60-70 chars> around
// the ".atlasv1." anchor.
func validateTerraform(s *scanner, w []byte, a, e int) {
	if string(w[a:e]) != ".atlasv1." {
		return
	}
	st := runBackEsc(w, a, cAlnum)
	if a-st != 14 || (st > 0 && (!boundaryBefore(w, st) || w[st-1] == '.' || w[st-1] == '-')) {
		return
	}
	end := e
	for end < len(w) && (is(w[end], cB64URL) || w[end] == '=') {
		end++
	}
	if n := end - e; n < 60 || n > 70 || moreSegments(w, end) {
		return
	}
	if !randomish("", w[st:a]) || tokenPlaceholder(w[e:end]) {
		return
	}
	s.add(st, end, 0, 0)
}

// moreSegments reports a '.' at i that continues a dotted token rather
// than ending a sentence.
func moreSegments(w []byte, i int) bool {
	return i+1 < len(w) && w[i] == '.' && b64url(w[i+1])
}

// validateAzureDevOps finds the 84-character Azure DevOps PAT (issued since
// July 2024): alphanumerics with the fixed signature "AZDO" at positions
// 76-80 (read either as 0- or as 1-based, so 76 or 75 characters before
// it).
func validateAzureDevOps(s *scanner, w []byte, a, e int) {
	if string(w[a:e]) != "AZDO" {
		return
	}
	st := runBackEsc(w, a, cAlnum)
	end := runFwd(w, e, cAlnum)
	if end-st != 84 || (a-st != 76 && a-st != 75) || !boundaryBefore(w, st) || (end < len(w) && isWord(w[end])) {
		return
	}
	if !randomish("", w[st:a]) || tokenPlaceholder(w[st:a]) {
		return
	}
	s.add(st, end, 0, 0)
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

// documentedExamples are published example credentials that match a real
// format: vendors' documentation and quick-starts show them, so they are
// not secrets.
var documentedExamples = map[string]bool{
	"sk_test_4eC39HqLyjWDarjtT1zdp7dc": true, // Stripe API reference
	"sk_test_BQokikJOvBiI2HlWgH4olfQ2": true, // Stripe docs, older
}

func documentedExample(tok []byte) bool { return documentedExamples[string(tok)] }

func hasDigit(b []byte) bool {
	for _, c := range b {
		if isDigit(c) {
			return true
		}
	}
	return false
}

func hasLetter(b []byte) bool {
	for _, c := range b {
		if isLetter(c) {
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

// Body checks.

func hasDigitB(_ string, b []byte) bool      { return hasDigit(b) }
func digitAndLetter(_ string, b []byte) bool { return hasDigit(b) && hasLetter(b) }

// randomish rejects words and placeholders but not random strings: it
// wants letters and digits, or both letter cases. (Requiring digits alone
// would miss a few percent of real short tokens, which can lack any.)
func randomish(_ string, b []byte) bool { return (hasDigit(b) && hasLetter(b)) || mixedCase(b) }
func startsWith(s string) func(string, []byte) bool {
	return func(_ string, b []byte) bool { return bytes.HasPrefix(b, []byte(s)) }
}

// sepAt requires the separator c at position i of the body and nowhere
// else.
func sepAt(c byte, i int) func(string, []byte) bool {
	return func(_ string, b []byte) bool {
		return len(b) > i && b[i] == c && bytes.IndexByte(b[:i], c) < 0 && bytes.IndexByte(b[i+1:], c) < 0
	}
}

// uuidShape reports an 8-4-4-4-12 UUID.
func uuidShape(_ string, b []byte) bool {
	if len(b) != 36 {
		return false
	}
	for i, c := range b {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
		} else if c == '-' {
			return false
		}
	}
	return true
}

// anthropicShape: API and admin keys end in "AA".
func anthropicShape(p string, b []byte) bool {
	if p == "sk-ant-api03-" || p == "sk-ant-admin01-" {
		return bytes.HasSuffix(b, []byte("AA"))
	}
	return true
}

// anthropicOther accepts sk-ant-<kind><version>- + about 95 characters for
// kinds and versions not listed in the table's first Anthropic entry.
func anthropicOther(_ string, b []byte) bool {
	i := 0
	for i < len(b) && isLower(b[i]) {
		i++
	}
	j := i
	for j < len(b) && isDigit(b[j]) {
		j++
	}
	if i == 0 || j-i != 2 || j >= len(b) || b[j] != '-' {
		return false
	}
	switch string(b[:j]) {
	case "api03", "admin01", "oat01", "ort01":
		return false // the first entry decides
	}
	rest := len(b) - j - 1
	return rest >= 80 && rest <= 120
}

func jfrogLen(p string, b []byte) bool {
	if p == "AKCp" {
		return len(b) == 69
	}
	return len(b) == 50
}

// notionShape: ntn_ + 11 digits + 35 alphanumerics, or the older
// secret_ + 43 alphanumerics.
func notionShape(p string, b []byte) bool {
	if p == "secret_" {
		return len(b) == 43 && randomish(p, b)
	}
	// ntn_: 11 digits and 35 alphanumerics as issued; other generators and
	// older integrations vary, so any random-looking 40-50 will do.
	return len(b) >= 40 && len(b) <= 50 && randomish(p, b)
}

// airtableShape: 14 alphanumerics, '.', 64 lower-case hex.
func airtableShape(_ string, b []byte) bool {
	if b[14] != '.' || !randomish("", b[:14]) {
		return false
	}
	for _, c := range b[15:] {
		if !is(c, cHexLow) {
			return false
		}
	}
	return true
}

// harnessShape: <22>.<24>.<20>.
func harnessShape(_ string, b []byte) bool {
	if b[22] != '.' || b[47] != '.' || bytes.Count(b, []byte(".")) != 2 {
		return false
	}
	return randomish("", b[23:47])
}

// pineconeShape: a key ID of 4 to 8 alphanumerics, '_', 40+ alphanumerics.
func pineconeShape(_ string, b []byte) bool {
	i := bytes.IndexByte(b, '_')
	return i >= 4 && i <= 8 && bytes.IndexByte(b[i+1:], '_') < 0 && len(b)-i-1 >= 40 && randomish("", b[i+1:])
}

// resendShape: 8 alphanumerics, '_', 24 or more alphanumerics.
func resendShape(_ string, b []byte) bool {
	return b[8] == '_' && bytes.IndexByte(b[:8], '_') < 0 && bytes.IndexByte(b[9:], '_') < 0 && randomish("", b)
}

// sourcegraphShape: 40 hex, 16 hex + '_' + 40 hex, or "local_" + 40 hex.
func sourcegraphShape(_ string, b []byte) bool {
	hex := func(x []byte) bool {
		for _, c := range x {
			if !is(c, cHexLow) {
				return false
			}
		}
		return true
	}
	switch len(b) {
	case 40:
		return hex(b)
	case 46:
		return string(b[:6]) == "local_" && hex(b[6:])
	case 57:
		return b[16] == '_' && hex(b[:16]) && hex(b[17:])
	}
	return false
}

// supabaseShape: sbp_ + 40 hex, or sb_secret_ + 30 to 60 characters.
func supabaseShape(p string, b []byte) bool {
	if p == "sbp_" {
		if len(b) != 40 {
			return false
		}
		for _, c := range b {
			if !is(c, cHexLow) {
				return false
			}
		}
		return true
	}
	return randomish(p, b)
}

// onePasswordShape: XXXXXX-XXXXXXXXXXX-XXXXX-XXXXX-XXXXX, where the
// second group may also be XXXXXX-XXXXX (the account ID split).
func onePasswordShape(_ string, b []byte) bool {
	var groups []int
	n := 0
	for _, c := range b {
		if c == '-' {
			groups = append(groups, n)
			n = 0
			continue
		}
		n++
	}
	groups = append(groups, n)
	var want []int
	switch len(groups) {
	case 5:
		want = []int{6, 11, 5, 5, 5}
	case 6:
		want = []int{6, 6, 5, 5, 5, 5}
	default:
		return false
	}
	for i := range want {
		if groups[i] != want[i] {
			return false
		}
	}
	return hasDigit(b)
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
	return string(body[30:]) == string(enc[:])
}
