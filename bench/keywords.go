package bench

import "math/rand/v2"

// Keywords are the 60 lower-case anchors handed to the Aho-Corasick
// libraries: roughly the literal anchors a secret scanner needs (vendor
// prefixes, key nouns, schemes, "://" and "@"). They have 17 distinct
// first bytes, most of them common letters, so first-byte skipping does
// not help.
var Keywords = []string{
	"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "akia", "asia",
	"xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xapp-", "sk_live_", "rk_live_",
	"sk_test_", "acp_", "aiza", "glpat-", "sk-proj-", "sk-ant-", "npm_", "pypi-",
	"shpat_", "hf_", "dop_v1_", "sq0atp-", "xai-", "eyj", "-----begin", "bearer",
	`"basic `, "authorization", "x-api-key", "api_key", "api-key", "apikey",
	"access_token", "refresh_token", "id_token", "client_secret", "secret",
	"password", "passwd", "pwd", "token", "private_key", "aws_secret_access_key",
	"accountkey=", "sharedaccesssignature", "sig=", "set-cookie", "cookie",
	"credential", "://", "@", "session", "auth", "passphrase",
}

// KeywordBytes returns Keywords as byte slices.
func KeywordBytes() [][]byte {
	b := make([][]byte, len(Keywords))
	for i, k := range Keywords {
		b[i] = []byte(k)
	}
	return b
}

// DFA64 is a dense 64-state automaton with random transitions: one
// dependent table load per input byte and nothing else. It is the speed
// limit of any byte-at-a-time automaton on this machine (the table, 16 KiB,
// stays in L1).
type DFA64 [64][256]uint8

// NewDFA64 returns a DFA64 with seeded random transitions.
func NewDFA64(seed uint64) *DFA64 {
	r := rand.New(rand.NewPCG(seed, seed+1))
	d := new(DFA64)
	for s := range d {
		for c := range d[s] {
			d[s][c] = uint8(r.IntN(64))
		}
	}
	return d
}

// Run feeds b through the automaton from state 0 and returns the final
// state, so the loop cannot be optimised away.
func (d *DFA64) Run(b []byte) uint8 {
	s := uint8(0)
	for _, c := range b {
		s = d[s&63][c]
	}
	return s
}
