package redact

import "bytes"

// Character classes shared by validators, as one 256-entry table of bit
// sets so that each test is a load and a mask.

const (
	cDigit        = 1 << iota // 0-9
	cUpper                    // A-Z
	cLower                    // a-z
	cHexLow                   // 0-9 a-f
	cKey                      // characters of a key name: alnum _ - .
	cB64                      // standard base64 alphabet (no padding)
	cB64URL                   // URL-safe base64 alphabet (no padding)
	cSpace                    // space, tab, CR, LF, FF, VT
	cURLStop                  // cannot be in a URL as written in text (see urlStop)
	cAuthorityEnd             // ends a URL's authority: a cURLStop byte or / ? #
	cNumber                   // may be in a JSON number: 0-9 - + . e E
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
		switch b {
		case ' ', '\t', '\r', '\n', '"', '\'', '`', '<', '>', '\\', '{', '}', '|', '^':
			v |= cURLStop | cAuthorityEnd
		case '/', '?', '#':
			v |= cAuthorityEnd
		}
		if isDigit(b) || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E' {
			v |= cNumber
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

// runBackEsc is runBack that stops where an escape sequence ends (see
// escBefore): the start of a word glued to "%22" or "\\n".
func runBackEsc(w []byte, i int, cl uint16) int {
	return afterEsc(w, runBack(w, i, cl), i)
}

// afterEsc returns where a run w[st:i] of letters, digits and word bytes
// really starts: after the escape sequence that straddles st, if any. Every
// escape starts with a byte no such run holds ('%', '\\', ESC), its
// parameters end before a letter or digit ('[', ';'), and a run of digits
// stops at the 'u' or 'x' of "\\u0022", "\\x20"; only after such a byte is
// anything decoded.
func afterEsc(w []byte, st, i int) int {
	if st == 0 {
		return st
	}
	switch w[st-1] {
	case '%', '\\':
	case '[':
		if st < 2 || w[st-2] != 0x1b {
			return st
		}
	case ';':
		if bytes.IndexByte(w[max(0, st-escBack):st], 0x1b) < 0 {
			return st
		}
	case 'u', 'U', 'x':
		if st < 2 || w[st-2] != '\\' {
			return st // 0x1234, not \x12
		}
	default:
		return st
	}
	for p := min(i, st+escBack); p > st; p-- {
		if n := escBefore(w, p); n > 0 && p-n < st {
			return p
		}
	}
	return st
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

// boundaryBefore reports whether a word may start at i: i is the window
// start, the byte before i is not an identifier byte, or an escape
// sequence ends at i (see escBefore).
func boundaryBefore(w []byte, i int) bool {
	return i == 0 || !isWord(w[i-1]) || escBefore(w, i) > 0
}

// alnumBefore reports whether the byte before i is a letter or digit that
// belongs to the text, not to an escape sequence ending at i: the left
// boundary test of token shapes.
func alnumBefore(w []byte, i int) bool {
	return i > 0 && isAlnum(w[i-1]) && escBefore(w, i) == 0
}

// escBack is the look-back a rule needs to see an escape sequence before
// its anchor (the longest escBefore recognises).
const escBack = 24

func isHex(b byte) bool { return isDigit(b) || b|0x20-'a' < 6 }

// escBefore returns the length of the escape sequence that ends exactly at
// i, or 0. Text escaped for JSON, a shell, a URL or a terminal puts a
// separator before a value as an escape whose last byte is often a letter
// or digit ("\n", "%22", "\u0022", ESC "[36m"), so a value glued to it
// still starts a word:
//
//   - a backslash escape \n \t \r \b \f \v \" \' \\ \/, \uXXXX and \xXX,
//     after any number of backslashes: \\n is the \n of JSON encoded
//     twice (a JSON document in a JSON string), which is far more common
//     in logs than a path segment glued to a token (C:\\nsk_live_…); also
//     the octal \042;
//   - a percent code %XX (two hex digits), or %25XX (encoded twice);
//   - an ANSI CSI sequence: ESC '[', digits, ';' and ':' (truecolour
//     ESC[38;2;255;255;255m included), a final byte @ to ~.
//
// It looks at most escBack bytes back.
func escBefore(w []byte, i int) int {
	if i < 2 || i > len(w) {
		return 0
	}
	c := w[i-1]
	if c >= '@' && c <= '~' {
		j := i - 2
		for j >= 0 && i-j < escBack && (isDigit(w[j]) || w[j] == ';' || w[j] == ':' || w[j] == '?') {
			j--
		}
		if j >= 1 && w[j] == '[' && w[j-1] == 0x1b {
			return i - j + 1
		}
	}
	if i >= 5 && w[i-5] == '%' && w[i-4] == '2' && w[i-3] == '5' && isHex(w[i-2]) && isHex(c) {
		return 5 // %2522: a percent code encoded twice
	}
	if i >= 3 && w[i-3] == '%' && isHex(w[i-2]) && isHex(c) {
		return 3
	}
	if i >= 6 && w[i-6] == '\\' && (w[i-5] == 'u' || w[i-5] == 'U') && isHex(w[i-4]) && isHex(w[i-3]) && isHex(w[i-2]) && isHex(c) {
		return 6
	}
	if i >= 4 && w[i-4] == '\\' && (w[i-3] == 'x' && isHex(w[i-2]) && isHex(c) || w[i-3]-'0' < 4 && w[i-2]-'0' < 8 && c-'0' < 8) {
		return 4 // \x22, or the octal \042 of C and shells
	}
	if w[i-2] == '\\' {
		switch c {
		case 'n', 't', 'r', 'b', 'f', 'v', '"', '\'', '\\', '/':
			return 2
		}
	}
	return 0
}

// ansiAt returns the length of the ANSI CSI sequence (a colour code:
// ESC '[', digits and ';', a final byte @ to ~) that starts at i, or 0.
func ansiAt(w []byte, i int) int {
	if i+2 >= len(w) || w[i] != 0x1b || w[i+1] != '[' {
		return 0
	}
	j := i + 2
	for j < len(w) && j-i < escBack && (isDigit(w[j]) || w[j] == ';' || w[j] == ':' || w[j] == '?') {
		j++
	}
	if j < len(w) && w[j] >= '@' && w[j] <= '~' {
		return j + 1 - i
	}
	return 0
}

// escapesBack skips back over the escape sequences that end at i (at most
// four: "%22%3A%22", "\\u0022:\\u0022" less the colon) and returns where
// they start: what stands before a value once its encoding is read as the
// separators it encodes.
func escapesBack(w []byte, i int) int {
	for k := 0; k < 4; k++ {
		n := escBefore(w, i)
		if n == 0 {
			break
		}
		i -= n
	}
	return i
}

// pctCode reports whether a percent code %XX starts at i.
func pctCode(w []byte, i int) bool {
	return i+2 < len(w) && w[i] == '%' && isHex(w[i+1]) && isHex(w[i+2])
}

// wordBefore returns the run of letters that ends where the blanks before
// i start ("the key" at the 'k' gives "the"); empty if there is none.
func wordBefore(w []byte, i int) []byte {
	e := i
	for e > 0 && w[e-1] == ' ' {
		e--
	}
	st := e
	for st > 0 && isLetter(w[st-1]) {
		st--
	}
	return w[st:e]
}
