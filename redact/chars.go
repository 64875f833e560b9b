package redact

// Character classes shared by validators, as one 256-entry table of bit
// sets so that each test is a load and a mask.

const (
	cDigit  = 1 << iota // 0-9
	cUpper              // A-Z
	cLower              // a-z
	cHexLow             // 0-9 a-f
	cKey                // characters of a key name: alnum _ - .
	cB64                // standard base64 alphabet (no padding)
	cB64URL             // URL-safe base64 alphabet (no padding)
	cSpace              // space, tab, CR, LF, FF, VT
)

const cAlnum = cDigit | cUpper | cLower

var ctab = func() (t [256]uint16) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		var v uint16
		switch {
		case b >= '0' && b <= '9':
			v |= cDigit | cHexLow | cKey | cB64 | cB64URL
		case b >= 'A' && b <= 'Z':
			v |= cUpper | cKey | cB64 | cB64URL
		case b >= 'a' && b <= 'z':
			v |= cLower | cKey | cB64 | cB64URL
			if b <= 'f' {
				v |= cHexLow
			}
		}
		switch b {
		case '_':
			v |= cKey | cB64URL
		case '-':
			v |= cKey | cB64URL
		case '.':
			v |= cKey
		case '+', '/':
			v |= cB64
		case ' ', '\t', '\r', '\n', '\f', '\v':
			v |= cSpace
		}
		t[c] = v
	}
	return t
}()

func is(b byte, class uint16) bool { return ctab[b]&class != 0 }

func isDigit(b byte) bool { return b-'0' < 10 }
func isAlnum(b byte) bool { return ctab[b]&cAlnum != 0 }
func isUpper(b byte) bool { return b-'A' < 26 }
func isLower(b byte) bool { return b-'a' < 26 }
func isLetter(b byte) bool {
	return ctab[b]&(cUpper|cLower) != 0
}
func isSpace(b byte) bool { return ctab[b]&cSpace != 0 }

// isWord reports whether b continues an identifier: alnum or underscore.
func isWord(b byte) bool { return ctab[b]&cAlnum != 0 || b == '_' }

// lower folds an ASCII letter to lower case.
func lower(b byte) byte {
	if isUpper(b) {
		return b + 'a' - 'A'
	}
	return b
}

// span helpers over a window w.

// runFwd returns the end of the run of bytes of class cl starting at i.
func runFwd(w []byte, i int, cl uint16) int {
	for i < len(w) && ctab[w[i]]&cl != 0 {
		i++
	}
	return i
}

// runBack returns the start of the run of bytes of class cl ending at i
// (exclusive).
func runBack(w []byte, i int, cl uint16) int {
	for i > 0 && ctab[w[i-1]]&cl != 0 {
		i--
	}
	return i
}

// hasPrefixFold reports whether w[i:] starts with the lower-case ASCII
// string p, ignoring case.
func hasPrefixFold(w []byte, i int, p string) bool {
	if len(w)-i < len(p) {
		return false
	}
	for j := 0; j < len(p); j++ {
		if lower(w[i+j]) != p[j] {
			return false
		}
	}
	return true
}

// equalFold reports whether b equals the lower-case ASCII string p,
// ignoring case.
func equalFold(b []byte, p string) bool {
	return len(b) == len(p) && hasPrefixFold(b, 0, p)
}

// boundaryBefore reports whether the byte before i is not an identifier
// byte (or i is the window start).
func boundaryBefore(w []byte, i int) bool { return i == 0 || !isWord(w[i-1]) }
