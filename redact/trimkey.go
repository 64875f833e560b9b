package redact

// trimKeyQuotes drops the quotes, sigils and blanks that may surround a key
// ("-password", "$TOKEN", "'secret'"). It is what bytes.Trim(k,
// "\"'`-$@ \t") returns, without building a cutset on every call: it runs
// on every attribute key of every log record (slogsink), where that cost
// was a third of IsSecretKey.
func trimKeyQuotes(k []byte) []byte {
	for len(k) > 0 && isKeyTrim(k[0]) {
		k = k[1:]
	}
	for len(k) > 0 && isKeyTrim(k[len(k)-1]) {
		k = k[:len(k)-1]
	}
	return k
}

func isKeyTrim(c byte) bool {
	switch c {
	case '"', '\'', '`', '-', '$', '@', ' ', '\t':
		return true
	}
	return false
}
