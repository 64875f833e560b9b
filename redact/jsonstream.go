package redact

import (
	"fmt"
	"hash"
	"io"
)

// DefaultJSONStringLimit is the longest string or number, in bytes between
// its quotes as they arrive (escapes not decoded), that a [JSONWriter]
// holds to redact it; see [JSONWriter.SetStringLimit]. It bounds the
// writer's memory: a token has to be complete before it can be redacted,
// since a secret or a secret key may end in its last byte.
const DefaultJSONStringLimit = 1 << 20

// tooLongID names the placeholder of a string or number longer than the
// limit.
const tooLongID = "too-long"

// jsonOutChunk is how much output a JSONWriter gathers before writing it
// through in the middle of a Write.
const jsonOutChunk = 32 << 10

// jsonKeepCap is the buffer capacity a JSONWriter keeps between writes;
// larger buffers, grown for a long string, are released.
const jsonKeepCap = 64 << 10

// JSONWriter redacts a stream of JSON text structurally, as [Redactor.JSON]
// does, while the bytes arrive. Create one with [Redactor.NewJSONWriter].
//
// The input is zero or more JSON values separated by whitespace (one
// document, or NDJSON). For every way of splitting it into writes, the
// output is byte for byte the concatenation of [Redactor.JSON] of each
// value, with the whitespace between values as it was, provided no string
// or number is longer than the limit (see SetStringLimit).
//
// Memory does not grow with the stream: structure, whitespace and
// finished values are written through at the end of each Write (or every
// 32 KiB within one). What a JSONWriter holds is the token being read (a
// string or number, at most the limit), the stack of open containers (at
// most 1000, the nesting limit of JSON) and output not yet written. The
// value of a secret key is replaced whole, whatever its type (null, true
// and false excepted, as in JSON): an object or
// array under "password" is skipped as it streams, never buffered, and its
// placeholder is written when it closes.
//
// A string or number longer than the limit cannot be redacted in place
// without holding it, so it fails closed: it is replaced whole by the
// placeholder "[REDACTED:too-long]" (the fixed text with [WithFixedText]),
// which keeps the output valid JSON. An object key longer than the limit
// is replaced the same way, and its value is then treated as secret.
//
// Input that is not JSON, nesting deeper than 1000, or values not separated
// by whitespace make Write return an error wrapping [ErrInvalidJSON] that
// names the byte offset but never input bytes. Values completed before the
// error point have been written; nothing from the error point on is, and
// every later Write, Flush and Close returns the same error. Close reports
// a value left incomplete at the end of the stream the same way.
//
// A JSONWriter is not safe for concurrent use.
type JSONWriter struct {
	r     *Redactor
	w     io.Writer
	limit int

	state    jsonState
	stack    []byte // open containers: '{' or '['
	skipping bool   // inside a container that is the value of a secret key
	skipBase int    // len(stack) once that container is closed
	secret   bool   // the next value belongs to a secret key
	keyed    bool   // the next value has the key in bufs.key (see jsonKey)
	pairName bool   // the member just read names a secret: a "value" key next is a secret key (see pairSecretName)

	// Arrays read under a key, whose elements are read under it too (see
	// jsonWalker.array): each frame's array is stack[depth-1], and its
	// key's tail is arrKeys[start:] up to the next frame's start.
	arrFrames []arrFrame
	arrKeys   []byte

	// The token being read (string, number or literal).
	// tok is its bytes so far, quotes included, not kept when skipping. A
	// string that opens and closes within one write without escapes is
	// read from the write instead (wholeString).
	tok       []byte
	isKey     bool // the string is an object key
	tokSecret bool // the token is the value of a secret key
	numKey    numberKeyMemo
	codeKey   int   // the kind of code key the key just read is (see codeKey)
	tokCode   int   // the token is the value of a code key of this kind: secret if a code
	tokKeyed  bool  // the token is the value of the key in bufs.key
	tooLong   bool  // the token passed the limit; tok is then empty
	tokMax    int   // the limit plus the token's opening quote
	esc       bool  // the string has escapes
	escPend   bool  // a backslash was read, its escape letter not yet
	hexLeft   uint8 // hex digits still due in a \u escape
	num       numState
	lit       []byte // the literal being matched
	litPos    int

	mac     hash.Hash // fingerprint of a skipped secret container
	macFrom int       // where that container starts in the current chunk

	bufs   jsonBufs
	held   heldScanner // serves the tokens of one Write
	keyArr [64]byte    // bufs.key's first buffer: most keys fit
	out    []byte
	off    int64 // input bytes consumed before the current chunk
	err    error
	closed bool
}

// jsonState is what a JSONWriter expects next.
type jsonState uint8

const (
	jsTop        jsonState = iota // between top-level values: whitespace or a value
	jsTopAfter                    // right after a top-level value: whitespace or the end
	jsValue                       // a value, after ':' or after ',' in an array
	jsArrayFirst                  // after '[': a value or ']'
	jsObjFirst                    // after '{': a key or '}'
	jsKey                         // after ',' in an object: a key
	jsColon                       // after a key: ':'
	jsAfter                       // after a value in a container: ',' or its closing bracket
	jsString                      // inside a string
	jsNumber                      // inside a number
	jsLiteral                     // inside true, false or null
)

// numState is where a number is in the JSON number grammar.
type numState uint8

const (
	numMinus numState = iota // "-": a digit is due
	numZero                  // "0" or "-0": '.', 'e' or the end
	numInt                   // integer digits
	numDot                   // ".": a digit is due
	numFrac                  // fraction digits
	numE                     // "e": a sign or digit is due
	numESign                 // "e+": a digit is due
	numExp                   // exponent digits
)

var (
	litTrue  = []byte("true")
	litFalse = []byte("false")
	litNull  = []byte("null")
)

// strStop marks the bytes that end a fast run inside a string: the quote,
// the backslash and control characters.
var strStop = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// NewJSONWriter returns a JSONWriter that writes the structural redaction
// of the JSON stream written to it to w: the same bytes as [Redactor.JSON]
// of each value, however the input is split, with memory bounded by the
// longest string rather than the stream (see [JSONWriter]). Use it to
// filter application/json or NDJSON response bodies without buffering
// them. Close must be called at the end of the stream, to write a final
// top-level number and to learn whether the stream ended inside a value;
// it does not close w.
func (r *Redactor) NewJSONWriter(w io.Writer) *JSONWriter {
	jw := &JSONWriter{r: r, w: w, limit: DefaultJSONStringLimit, skipBase: -1, out: getStreamBuf()}
	jw.bufs.key = jw.keyArr[:0]
	return jw
}

// SetStringLimit sets the longest string or number, in input bytes, that
// jw holds to redact (DefaultJSONStringLimit unless set; n <= 0 restores
// the default). Longer ones are replaced whole by a placeholder. A server
// that streams large base64 payloads in JSON raises it, at the cost of
// that much memory per writer, and up to a few times that while a string
// is rewritten. Call it before the first Write.
func (jw *JSONWriter) SetStringLimit(n int) {
	if n <= 0 {
		n = DefaultJSONStringLimit
	}
	jw.limit = n
}

// Write redacts p into the underlying writer. It returns len(p), or the
// number of bytes read before the error point with an error wrapping
// ErrInvalidJSON, or the error of the underlying writer.
func (jw *JSONWriter) Write(p []byte) (int, error) {
	if jw.closed {
		return 0, ErrClosed
	}
	if jw.err != nil {
		return 0, jw.err
	}
	if jw.out == nil {
		jw.out = make([]byte, 0, min(len(p)+len(p)/8+64, jsonOutChunk+4096))
	}
	n, err := jw.feed(p)
	jw.off += int64(n)
	if werr := jw.writeOut(); err == nil {
		err = werr
	}
	jw.release()
	if err != nil {
		jw.err = err
		return n, err
	}
	return len(p), nil
}

// WriteString is Write for strings.
func (jw *JSONWriter) WriteString(s string) (int, error) { return jw.Write([]byte(s)) }

// Flush writes through everything complete so far (Write already does)
// and calls the underlying writer's Flush method, if it has one
// (http.Flusher, bufio.Writer). A string or number not yet complete stays
// held: its end decides how it is redacted, and a top-level number may
// still go on.
func (jw *JSONWriter) Flush() error {
	if jw.closed {
		return ErrClosed
	}
	if jw.err != nil {
		return jw.err
	}
	if err := jw.writeOut(); err != nil {
		return err
	}
	switch f := jw.w.(type) {
	case interface{ Flush() error }:
		return f.Flush()
	case interface{ Flush() }:
		f.Flush()
	}
	return nil
}

// Close ends the stream: it writes a final top-level number and returns an
// error wrapping ErrInvalidJSON if the stream ends inside a value (an
// open string, container or literal, or a key without its value). It does
// not close the underlying writer. Close is idempotent.
func (jw *JSONWriter) Close() error {
	if jw.closed {
		return jw.err
	}
	jw.closed = true
	if jw.err == nil {
		err := jw.end()
		if werr := jw.writeOut(); err == nil {
			err = werr
		}
		jw.err = err
	}
	putStreamBuf(jw.out)
	jw.held.put(jw.r)
	jw.tok, jw.out, jw.stack, jw.bufs = nil, nil, nil, jsonBufs{}
	return jw.err
}

// end checks that the stream stops between values.
func (jw *JSONWriter) end() error {
	if jw.state == jsNumber {
		if !jw.num.canEnd() {
			return jw.errorf(0, "invalid number")
		}
		jw.endNumber()
		jw.endValue()
	}
	if jw.state != jsTop && jw.state != jsTopAfter {
		return jw.errorf(0, "unexpected end of input")
	}
	return nil
}

// errorf returns an ErrInvalidJSON error at offset i of the current chunk.
// It never quotes input: the input may be a secret.
func (jw *JSONWriter) errorf(i int, msg string) error {
	return fmt.Errorf("%w at byte %d: %s", ErrInvalidJSON, jw.off+int64(i), msg)
}

// writeOut writes the pending output through.
func (jw *JSONWriter) writeOut() error {
	if len(jw.out) == 0 {
		return nil
	}
	_, err := jw.w.Write(jw.out)
	jw.out = jw.out[:0]
	if err != nil {
		jw.err = err
	}
	return err
}

// isCode reports a code key's value that is a code (see codeNouns):
// digits are the value's content, tok the whole token.
func (jw *JSONWriter) isCode(digits, tok []byte) bool {
	return codeValue(digits, jw.tokCode) && !jw.r.jsonSecretKept(tok)
}

// release drops buffers grown for a long token once they are not in use,
// so an idle writer holds little.
func (jw *JSONWriter) release() {
	jw.held.put(jw.r)
	if cap(jw.out) > 2*jsonKeepCap { // a full chunk plus one token may pass jsonKeepCap
		jw.out = nil
	}
	if cap(jw.tok) > jsonKeepCap && jw.state != jsString && jw.state != jsNumber {
		jw.tok = nil
	}
	if cap(jw.bufs.tmp)+cap(jw.bufs.scratch)+cap(jw.bufs.enc) > jsonKeepCap {
		jw.bufs = jsonBufs{key: jw.bufs.key}
	}
	// The key is held until its value ends.
	if cap(jw.bufs.key) > jsonKeepCap && !jw.keyed && !(jw.tokKeyed && (jw.state == jsString || jw.state == jsNumber)) {
		jw.bufs.key = jw.keyArr[:0]
	}
}

// retained is the memory jw holds in buffers, for tests of the bound.
func (jw *JSONWriter) retained() int {
	return cap(jw.tok) + cap(jw.out) + cap(jw.stack) + cap(jw.bufs.tmp) + cap(jw.bufs.scratch) + cap(jw.bufs.enc) + cap(jw.bufs.key)
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// feed runs p through the state machine. It returns how many bytes were
// consumed: len(p), or the error point.
func (jw *JSONWriter) feed(p []byte) (int, error) {
	i := 0
	for i < len(p) {
		if len(jw.out) >= jsonOutChunk {
			if err := jw.writeOut(); err != nil {
				return i, err
			}
		}
		var err error
		switch jw.state {
		case jsString:
			i, err = jw.stringBytes(p, i)
		case jsNumber:
			i, err = jw.numberBytes(p, i)
		case jsLiteral:
			if p[i] != jw.lit[jw.litPos] {
				return i, jw.errorf(i, "invalid literal")
			}
			i++
			if jw.litPos++; jw.litPos == len(jw.lit) {
				jw.endLiteral()
				jw.endValue()
			}
		default:
			i, err = jw.structure(p, i)
		}
		if err != nil {
			return i, err
		}
	}
	if jw.skipping && jw.mac != nil {
		jw.mac.Write(p[jw.macFrom:])
		jw.macFrom = 0
	}
	return len(p), nil
}

// structure reads whitespace and structural bytes at p[i].
func (jw *JSONWriter) structure(p []byte, i int) (int, error) {
	c := p[i]
	if isJSONSpace(c) {
		j := i + 1
		for j < len(p) && isJSONSpace(p[j]) {
			j++
		}
		if !jw.skipping {
			jw.out = append(jw.out, p[i:j]...)
		}
		if jw.state == jsTopAfter {
			jw.state = jsTop
		}
		return j, nil
	}
	switch jw.state {
	case jsTop, jsValue:
		return jw.startValue(p, i)
	case jsArrayFirst:
		if c == ']' {
			return jw.closeContainer(p, i)
		}
		return jw.startValue(p, i)
	case jsObjFirst, jsKey:
		if c == '"' {
			jw.startString(true, false)
			return jw.wholeString(p, i), nil
		}
		if c == '}' && jw.state == jsObjFirst {
			return jw.closeContainer(p, i)
		}
		return i, jw.errorf(i, "expected a string key")
	case jsColon:
		if c != ':' {
			return i, jw.errorf(i, "expected ':'")
		}
		if !jw.skipping {
			jw.out = append(jw.out, ':')
		}
		jw.state = jsValue
		return i + 1, nil
	case jsAfter:
		top := jw.stack[len(jw.stack)-1]
		switch {
		case c == ',':
			if !jw.skipping {
				jw.out = append(jw.out, ',')
			}
			if top == '{' {
				jw.state = jsKey
			} else {
				jw.state = jsValue
			}
			return i + 1, nil
		case c == '}' && top == '{', c == ']' && top == '[':
			return jw.closeContainer(p, i)
		case top == '{':
			return i, jw.errorf(i, "expected ',' or '}'")
		default:
			return i, jw.errorf(i, "expected ',' or ']'")
		}
	default: // jsTopAfter
		return i, jw.errorf(i, "top-level values must be separated by whitespace")
	}
}

// arrFrame is an array read under a key (see JSONWriter.arrFrames).
type arrFrame struct{ depth, start int }

// startValue starts the value whose first byte is p[i].
func (jw *JSONWriter) startValue(p []byte, i int) (int, error) {
	c := p[i]
	if n := len(jw.arrFrames); n > 0 && !jw.keyed && jw.arrFrames[n-1].depth == len(jw.stack) {
		// An element of an array read under a key: read under it too.
		jw.bufs.key = append(jw.bufs.key[:0], jw.arrKeys[jw.arrFrames[n-1].start:]...)
		jw.keyed = true
	}
	secret := jw.secret && !jw.skipping
	keyed := jw.keyed && !secret && !jw.skipping
	code := jw.codeKey
	if secret || jw.skipping {
		code = notCode
	}
	jw.secret, jw.keyed, jw.codeKey = false, false, notCode
	switch {
	case c == '{' || c == '[':
		if len(jw.stack) >= maxJSONDepth {
			return i, jw.errorf(i, "nesting too deep")
		}
		jw.stack = append(jw.stack, c)
		if c == '[' && keyed {
			k := jw.bufs.key
			jw.arrFrames = append(jw.arrFrames, arrFrame{depth: len(jw.stack), start: len(jw.arrKeys)})
			jw.arrKeys = append(jw.arrKeys, k[max(0, len(k)-keyTail):]...)
		}
		switch {
		case secret:
			jw.skipping, jw.skipBase = true, len(jw.stack)-1
			if jw.r.repl.style == styleFingerprint {
				if jw.mac == nil {
					jw.mac = jw.r.repl.newMAC()
				}
				jw.mac.Reset()
				jw.macFrom = i
			}
		case !jw.skipping:
			jw.out = append(jw.out, c)
		}
		if c == '{' {
			jw.state = jsObjFirst
		} else {
			jw.state = jsArrayFirst
		}
	case c == '"':
		jw.startString(false, secret)
		jw.tokKeyed, jw.tokCode = keyed, code
		return jw.wholeString(p, i), nil
	case c == '-' || isDigit(c):
		jw.state, jw.tokSecret, jw.tooLong, jw.tokMax = jsNumber, secret, false, jw.limit
		jw.tokKeyed, jw.tokCode = keyed, code
		switch {
		case c == '-':
			jw.num = numMinus
		case c == '0':
			jw.num = numZero
		default:
			jw.num = numInt
		}
		if !jw.skipping {
			jw.tok = append(jw.tok[:0], c)
		}
	case c == 't' || c == 'f' || c == 'n':
		jw.state, jw.tokSecret, jw.litPos = jsLiteral, secret, 1
		switch c {
		case 't':
			jw.lit = litTrue
		case 'f':
			jw.lit = litFalse
		default:
			jw.lit = litNull
		}
	default:
		return i, jw.errorf(i, "expected a value")
	}
	return i + 1, nil
}

func (jw *JSONWriter) startString(key, secret bool) {
	jw.state, jw.isKey, jw.tokSecret = jsString, key, secret
	jw.tooLong, jw.esc, jw.escPend, jw.hexLeft = false, false, false, 0
	jw.tokMax = jw.limit + 1
	if !jw.skipping {
		jw.tok = append(jw.tok[:0], '"')
	}
}

// wholeString is the fast path for a string that opens at p[i] and closes
// in p without escapes (most strings): it is redacted straight from p,
// without being copied into the token buffer. Otherwise it returns i+1,
// where the string state machine takes over.
func (jw *JSONWriter) wholeString(p []byte, i int) int {
	j := i + 1
	for j < len(p) && !strStop[p[j]] {
		j++
	}
	if j == len(p) || p[j] != '"' || j-i-1 > jw.limit {
		return i + 1
	}
	jw.endString(p[i : j+1])
	return j + 1
}

// closeContainer reads the closing bracket p[i] of the innermost container.
func (jw *JSONWriter) closeContainer(p []byte, i int) (int, error) {
	jw.stack = jw.stack[:len(jw.stack)-1]
	jw.pairName = false
	if n := len(jw.arrFrames); n > 0 && jw.arrFrames[n-1].depth > len(jw.stack) {
		jw.arrKeys = jw.arrKeys[:jw.arrFrames[n-1].start]
		jw.arrFrames = jw.arrFrames[:n-1]
	}
	switch {
	case jw.skipping && len(jw.stack) == jw.skipBase:
		jw.skipping, jw.skipBase = false, -1
		if jw.mac != nil {
			jw.mac.Write(p[jw.macFrom : i+1])
			jw.out = jw.r.appendJSONSecret(jw.out, nil, jw.mac)
		} else {
			jw.out = jw.r.appendJSONSecret(jw.out, nil, nil)
		}
	case !jw.skipping:
		jw.out = append(jw.out, p[i])
	}
	jw.endValue()
	return i + 1, nil
}

// endValue sets the state after a complete value.
func (jw *JSONWriter) endValue() {
	if len(jw.stack) == 0 {
		jw.state = jsTopAfter
	} else {
		jw.state = jsAfter
	}
}

// hold appends b to the token unless skipping or past the limit.
func (jw *JSONWriter) hold(b []byte) {
	if jw.skipping || jw.tooLong {
		return
	}
	if len(jw.tok)+len(b) > jw.tokMax {
		jw.tooLong = true
		jw.tok = jw.tok[:0]
		return
	}
	jw.tok = append(jw.tok, b...)
}

// stringBytes reads string bytes from p[i].
func (jw *JSONWriter) stringBytes(p []byte, i int) (int, error) {
	for i < len(p) {
		if jw.escPend || jw.hexLeft > 0 {
			c := p[i]
			if jw.escPend {
				switch c {
				case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				case 'u':
					jw.hexLeft = 4
				default:
					return i, jw.errorf(i, "bad escape")
				}
				jw.escPend = false
			} else {
				if !is(c, cHexLow) && !(c >= 'A' && c <= 'F') {
					return i, jw.errorf(i, "bad \\u escape")
				}
				jw.hexLeft--
			}
			jw.hold(p[i : i+1])
			i++
			continue
		}
		j := i
		for j < len(p) && !strStop[p[j]] {
			j++
		}
		jw.hold(p[i:j])
		if j == len(p) {
			return j, nil
		}
		switch p[j] {
		case '"':
			if !jw.skipping && !jw.tooLong {
				jw.tok = append(jw.tok, '"') // not counted against the limit
			}
			jw.endString(jw.tok)
			return j + 1, nil
		case '\\':
			jw.esc, jw.escPend = true, true
			jw.hold(p[j : j+1])
			i = j + 1
		default:
			return j, jw.errorf(j, "control character in string")
		}
	}
	return i, nil
}

// endString redacts the string just closed, whose token (quotes included)
// is tok.
func (jw *JSONWriter) endString(tok []byte) {
	key := jw.isKey
	pairName := jw.pairName
	jw.pairName = false
	switch {
	case jw.skipping:
	case jw.tooLong:
		jw.out = jw.appendTooLong(jw.out)
		jw.secret = key // fail closed: a key we cannot read may be secret
		jw.keyed = false
	case !key && !jw.esc && jw.isCode(tok[1:len(tok)-1], tok):
		jw.out = jw.r.appendJSONSecret(jw.out, tok, nil)
	case jw.tokSecret:
		if !jw.r.jsonSecretKept(tok) {
			jw.out = jw.r.appendJSONSecret(jw.out, tok, nil)
		} else if repl, ok, _ := jw.r.redactJSONString(&jw.bufs, tok[1:len(tok)-1], jsonKey{}, jw.esc, nil, jw.held.get(jw.r)); ok {
			// A placeholder stays, but text after it goes through the
			// rules, as in JSON.
			jw.out = append(jw.out, '"')
			jw.out = append(jw.out, repl...)
			jw.out = append(jw.out, '"')
		} else {
			jw.out = append(jw.out, tok...)
		}
	default:
		content := tok[1 : len(tok)-1]
		if key {
			// The context of the value's digit rules (see jsonKey).
			if jw.esc {
				jw.bufs.key = unescapeJSON(jw.bufs.key[:0], content)
			} else {
				jw.bufs.key = append(jw.bufs.key[:0], content...)
			}
			jw.keyed = true
		}
		pairValue := key && pairName && pairValueSet.has(jw.bufs.key)
		if !jw.esc {
			if i, _ := jw.r.m.firstMatch(content, root); i < 0 {
				// No anchor: neither redacted nor a secret key (most
				// strings; JSON's walker decides the same way).
				jw.secret = pairValue
				jw.out = append(jw.out, tok...)
				break
			}
		}
		var k jsonKey
		if !key && jw.tokKeyed {
			k.name = jw.bufs.key
		}
		repl, ok, _ := jw.r.redactJSONString(&jw.bufs, content, k, jw.esc, nil, jw.held.get(jw.r))
		if !key && jw.tokKeyed && len(jw.stack) > 0 && jw.stack[len(jw.stack)-1] == '{' {
			// An object member (not an array element) may name a pair's
			// secret, read as written out, as in JSON.
			if ok {
				jw.pairName = jw.r.pairSecretName(jw.bufs.key, jw.bufs.scratch, false, &jw.bufs.tmp)
			} else {
				jw.pairName = jw.r.pairSecretName(jw.bufs.key, content, jw.esc, &jw.bufs.tmp)
			}
		}
		if key {
			if ok {
				// The key is read as written out, as in JSON: its
				// context, and whether it is a secret key
				// ("password=[REDACTED:keyed-secret]" is).
				jw.bufs.key = append(jw.bufs.key[:0], jw.bufs.scratch...)
			}
			jw.secret = pairValue || jw.r.isSecretKey(trimKey(jw.bufs.key))
			jw.codeKey = notCode
			if !jw.secret {
				jw.codeKey = codeKey(trimKey(jw.bufs.key))
			}
		}
		switch {
		case !ok:
			jw.out = append(jw.out, tok...)
		default:
			jw.out = append(jw.out, '"')
			jw.out = append(jw.out, repl...)
			jw.out = append(jw.out, '"')
		}
	}
	if key {
		jw.state = jsColon
	} else {
		jw.endValue()
	}
}

// appendTooLong appends the replacement of a token past the limit.
func (jw *JSONWriter) appendTooLong(dst []byte) []byte {
	if jw.r.repl.style == styleFixed {
		return appendJSONString(dst, []byte(jw.r.repl.text))
	}
	var buf [32]byte
	return appendJSONString(dst, appendPlaceholder(buf[:0], tooLongID))
}

// canEnd reports whether a number may end in state n.
func (n numState) canEnd() bool {
	return n == numZero || n == numInt || n == numFrac || n == numExp
}

// numberBytes reads number bytes from p[i]; at the first byte that is not
// part of the number, it ends the number and leaves that byte unread.
func (jw *JSONWriter) numberBytes(p []byte, i int) (int, error) {
	for i < len(p) {
		c := p[i]
		switch jw.num {
		case numInt, numFrac, numExp:
			j := i
			for j < len(p) && isDigit(p[j]) {
				j++
			}
			if j > i {
				jw.hold(p[i:j])
				i = j
				continue
			}
			switch {
			case c == '.' && jw.num == numInt:
				jw.num = numDot
			case (c == 'e' || c == 'E') && jw.num != numExp:
				jw.num = numE
			default:
				jw.endNumber()
				jw.endValue()
				return i, nil
			}
		case numZero:
			switch {
			case c == '.':
				jw.num = numDot
			case c == 'e' || c == 'E':
				jw.num = numE
			default:
				jw.endNumber()
				jw.endValue()
				return i, nil
			}
		case numMinus:
			switch {
			case c == '0':
				jw.num = numZero
			case c >= '1' && c <= '9':
				jw.num = numInt
			default:
				return i, jw.errorf(i, "invalid number")
			}
		case numDot, numESign:
			if !isDigit(c) {
				return i, jw.errorf(i, "invalid number")
			}
			if jw.num == numDot {
				jw.num = numFrac
			} else {
				jw.num = numExp
			}
		case numE:
			switch {
			case c == '+' || c == '-':
				jw.num = numESign
			case isDigit(c):
				jw.num = numExp
			default:
				return i, jw.errorf(i, "invalid number")
			}
		}
		jw.hold(p[i : i+1])
		i++
	}
	return i, nil
}

// endNumber redacts the number just ended.
func (jw *JSONWriter) endNumber() {
	switch {
	case jw.skipping:
	case jw.tooLong:
		jw.out = jw.appendTooLong(jw.out)
	case jw.tokSecret, jw.isCode(jw.tok, jw.tok):
		jw.out = jw.r.appendJSONSecret(jw.out, jw.tok, nil)
	default:
		var k jsonKey
		if jw.tokKeyed {
			k = jsonKey{name: jw.bufs.key, num: true}
		}
		if jw.r.numberInert(jw.tok, k.name, &jw.numKey) {
			jw.out = append(jw.out, jw.tok...) // see jsonWalker.numberInert: a float, an id
			return
		}
		out, changed, _ := jw.r.appendRedactedKey(jw.bufs.scratch[:0], jw.tok, k, nil, jw.held.get(jw.r))
		if changed {
			jw.bufs.scratch = out
			jw.out = appendJSONString(jw.out, out)
		} else {
			jw.out = append(jw.out, jw.tok...)
		}
	}
}

// endLiteral writes the literal just matched.
func (jw *JSONWriter) endLiteral() {
	switch {
	case jw.skipping:
	default: // true, false and null carry no secret, even under a secret key
		jw.out = append(jw.out, jw.lit...)
	}
}
