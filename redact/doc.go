// Package redact finds secrets and personal data in bytes and replaces
// them, in one pass, leaving every other byte as it was.
//
// # Quick start
//
//	r := redact.Default()
//	clean := r.Bytes(line)   // line itself, with no allocation, when nothing is found
//	out, err := r.JSON(body) // structure-aware, output stays valid JSON
//	w := r.NewWriter(dst)    // streaming, same output for any chunking
//
// A [Redactor] is immutable and safe for concurrent use. Build one with
// [New] and options ([WithKnownSecrets], [WithEnvSecrets],
// [WithFingerprint], [EnableRules], [WithCustomRule] …); to change the
// configuration, build a new one and swap it atomically.
//
// # How a byte travels
//
//  1. Anchors. Every rule declares literal anchors: vendor prefixes
//     ("ghp_", "xoxb-"), key nouns ("pass", "token", "key"), "bearer",
//     "eyj", "-----begin ", "@", and digit anchors: seven digits in
//     a row, a digit pair, separator and four digits ("55-2671",
//     "1111 1111"), or a plus and a digit. Every card, phone, SSN and IBAN
//     has one; dates, times and addresses do not.
//  2. Automaton. All anchors go into one dense Aho-Corasick DFA over byte
//     classes: upper- and lower-case letters share a class (matching is
//     ASCII case-insensitive without a lower-cased copy) and all digits
//     share one (so "0000" matches any four digits). The hot loop is one
//     table load and one comparison per byte; large inputs are walked in
//     four interleaved lanes (an automaton state depends only on the last
//     few bytes, so a lane started early from the root is in step), which
//     hides the latency of those dependent loads.
//  3. Validators. A hit runs only its rule's validator, on a window of at
//     most the rule's look-back and look-ahead around the anchor, clipped
//     to the anchor's line (private-key blocks, and YAML block scalars and
//     name/value pairs under secret keys, reach forward over lines). No
//     rule ever scans the whole input, and nothing backtracks: cost is
//     linear in the input.
//  4. Merge. Overlapping spans merge into one (see Overlaps).
//  5. Replace. Each merged span becomes "[REDACTED:rule-id]", or the text
//     of the chosen style ([WithFixedText], [WithPartial],
//     [WithFingerprint]). Our own placeholders are never redacted again,
//     so redaction is idempotent.
//
// # Overlaps
//
// Spans that overlap (not merely touch) merge into one span covering both.
// The merged span is named after the span of the highest precedence:
//
//	known secret > custom rule > vendor token > private key > other generic
//	shapes (bearer, JWT, URL credentials …) > keyed secret > IBAN > card >
//	SSN > phone, e-mail, IP
//
// then the earlier start, then the longer span, then the rule ID. The order
// is total, so the result never depends on the order in which spans are
// found.
//
// # Streaming
//
// [Redactor.NewWriter] returns a [Writer] whose output equals Bytes of
// everything written, for every way of splitting the input into writes. A
// validator is only called once its whole window has arrived, and the
// window is the same whether the input came at once or in pieces. Bytes are
// released as soon as no match can include them: at once for complete lines
// (unless a private-key block is open), otherwise after a margin of the
// longest anchor plus the longest look-back (a few hundred bytes). Memory
// is bounded by the largest window: private-key blocks are capped at 64 KiB
// (past the cap, everything that still looks like key material is redacted:
// fail closed), so a Writer holds about 100 KiB at most, whatever the
// stream size.
//
// # What is not redacted
//
// Placeholders (${VAR}, {{ .x }}, <token>, ***, REDACTED, xxxxxxxx),
// documented example keys (AKIAIOSFODNN7EXAMPLE), UUIDs, hashes, timestamps,
// versions, ids and counters, Luhn-invalid digit runs, public keys and
// certificates, and keys that are about secrets rather than secrets
// (token_type, max_tokens, password_updated_at, secret_name, key_id,
// public_key). Nor are words about a secret in its place: "password:
// required", {"token":"expired"} (a validation error), "Invalid token:
// expired" (prose; in running text a weak word is a value only when
// another pair follows it, as in "with password: shadow, user: admin").
// IP addresses are opt-in ([EnableRules]("ipv4", "ipv6")).
package redact
