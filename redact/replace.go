package redact

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
)

// style selects what a redacted span becomes.
type style uint8

const (
	stylePlaceholder style = iota // [REDACTED:rule-id]
	styleFixed                    // a fixed text
	stylePartial                  // vendor prefix / last digits kept around the placeholder
	styleFingerprint              // [REDACTED:rule-id:8 hex of HMAC-SHA256]
)

// replacer renders replacements. It is part of the immutable Redactor.
type replacer struct {
	style style
	text  string // styleFixed
	key   []byte // styleFingerprint
}

// placeholderPrefix starts every placeholder this package writes.
const placeholderPrefix = "[REDACTED"

// append writes the replacement of the group whose bytes are orig and whose
// winning span is w; lead and trail are the bytes of orig before and after
// w (other spans merged into the group).
func (p *replacer) append(dst []byte, w *span, orig []byte, lead, trail int) []byte {
	switch p.style {
	case styleFixed:
		return append(dst, p.text...)
	case stylePartial:
		keepL, keepR := 0, 0
		if lead == 0 {
			keepL = w.keepL
		}
		if trail == 0 {
			keepR = w.keepR
		}
		dst = append(dst, orig[:keepL]...)
		dst = appendPlaceholder(dst, w.rule.id)
		return append(dst, orig[len(orig)-keepR:]...)
	case styleFingerprint:
		mac := p.newMAC()
		mac.Write(orig)
		return appendFingerprint(dst, w.rule.id, mac)
	}
	return appendPlaceholder(dst, w.rule.id)
}

// newMAC returns the keyed hash of the fingerprint style.
func (p *replacer) newMAC() hash.Hash { return hmac.New(sha256.New, p.key) }

// appendFingerprint appends the fingerprint placeholder of rule id for the
// bytes mac has been fed (the JSONWriter feeds a streamed value piece by
// piece).
func appendFingerprint(dst []byte, id string, mac hash.Hash) []byte {
	var sum [sha256.Size]byte
	var hx [8]byte
	hex.Encode(hx[:], mac.Sum(sum[:0])[:4])
	dst = append(dst, placeholderPrefix...)
	dst = append(dst, ':')
	dst = append(dst, id...)
	dst = append(dst, ':')
	dst = append(dst, hx[:]...)
	return append(dst, ']')
}

func appendPlaceholder(dst []byte, id string) []byte {
	dst = append(dst, placeholderPrefix...)
	dst = append(dst, ':')
	dst = append(dst, id...)
	return append(dst, ']')
}

// encodedPlaceholder reports one of our placeholders written URL-encoded
// ("%5BREDACTED%3Akeyed-secret%5D", as a URL's query value carries it), so
// that redacting it again changes nothing.
func encodedPlaceholder(v []byte) bool {
	const p = "%5BREDACTED"
	return len(v) >= len(p) && equalFold(v[:len(p)], "%5bredacted")
}
