package redact

import "bytes"

// YAML block scalars under a secret key:
//
//	password: |
//	  Tr0ub4dor&3
//	token: >-
//	  9f2Kx…
//
// The value is on the lines after the key, which the line-clipped keyed
// rule cannot see (it leaves "password: |" alone). This rule is anchored
// on the block indicator (": |", ": >"), which is rare in other text; its
// window reaches back only to the anchor's line start (to read the key)
// and forward over the next lines, up to yamlBlockCap bytes (as large as
// a private-key window, so a Writer's memory bound is unchanged; it holds
// that much only while a block is open). A block that runs past the
// window is redacted to the window's end; lines past the cap are not read.
//
// The block is every line after the key line that is blank or indented at
// least as deeply as its first non-blank line, which must be indented
// deeper than the key. The span runs from the first byte of content to
// the end of the last non-blank line, so the YAML stays valid.

// yamlBlockCap bounds the block read after the indicator.
const yamlBlockCap = 64 << 10

func yamlBlockRule() *rule {
	return &rule{
		id:        keyedRuleID,
		kind:      Secret,
		hidden:    true, // part of keyed-secret: listed, enabled and disabled with it
		anchors:   []string{": |", ": >"},
		back:      maxKeyLen,
		fwd:       yamlBlockCap,
		multiline: true,
		lineBack:  true,
		prio:      prioKeyed,
		settled:   yamlBlockSettled,
		validate:  validateYAMLBlock,
	}
}

// blockHeader reports whether h, the rest of the line after ": |" or
// ": >", completes a block indicator: an optional chomping (- +) and
// indentation digit, then only spaces and maybe a comment.
func blockHeader(h []byte) bool {
	i := 0
	for i < len(h) && i < 2 && (h[i] == '-' || h[i] == '+' || isDigit(h[i])) {
		i++
	}
	if i < len(h) && h[i] != ' ' && h[i] != '\t' && h[i] != '\r' {
		return false
	}
	for i < len(h) && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r') {
		i++
	}
	return i == len(h) || h[i] == '#' && isSpace(h[i-1])
}

// lineIndent returns the indentation of the line at i and whether the line
// has content; blank lines (spaces, '\r') have none.
func lineIndent(w []byte, i int) (n int, content bool) {
	for i+n < len(w) && w[i+n] == ' ' {
		n++
	}
	if i+n >= len(w) || w[i+n] == '\n' || w[i+n] == '\r' && (i+n+1 >= len(w) || w[i+n+1] == '\n') {
		return n, false
	}
	return n, true
}

// yamlBlockSettled: the answer is known once the indicator's line has
// ended and is not a block header, or once a non-blank line less indented
// than the block's first line has begun.
func yamlBlockSettled(after []byte) bool {
	nl := bytes.IndexByte(after, '\n')
	if nl < 0 {
		return false
	}
	if !blockHeader(after[:nl]) {
		return true
	}
	first := -1
	for i := nl + 1; i < len(after); {
		n, content := lineIndent(after, i)
		end := bytes.IndexByte(after[i:], '\n')
		if !content && end < 0 {
			return false // a blank line so far: its indent is not known yet
		}
		if content {
			if first < 0 {
				first = n
			} else if n < first {
				return true
			}
		}
		if end < 0 {
			return false
		}
		i += end + 1
	}
	return false
}

// validateYAMLBlock redacts the block scalar of a secret key. The anchor
// ": |" or ": >" starts at a.
func validateYAMLBlock(s *scanner, w []byte, a, e int) {
	nl := bytes.IndexByte(w[e:], '\n')
	if nl < 0 || !blockHeader(w[e:e+nl]) {
		return
	}
	// The key: plain or quoted, opening its line (after indentation or "- ").
	ke, ks := a, a
	if ke > 0 && (w[ke-1] == '"' || w[ke-1] == '\'') {
		q := w[ke-1]
		ks = runBack(w, ke-1, cKey)
		if ks < 1 || w[ks-1] != q {
			return
		}
		ke--
		if !lineStartKey(w, ks-1) {
			return
		}
	} else {
		ks = runBack(w, ke, cKey)
		if !lineStartKey(w, ks) {
			return
		}
	}
	if ks == ke {
		return
	}
	if sec, _ := s.r.keys.classify(w[ks:ke]); !sec {
		return
	}
	keyCol := ks
	if ke < a {
		keyCol-- // the opening quote
	}
	// The block.
	first := -1
	start, end := -1, -1
	i := e + nl + 1
	for i < len(w) {
		n, content := lineIndent(w, i)
		lineEnd := len(w)
		if k := bytes.IndexByte(w[i:], '\n'); k >= 0 {
			lineEnd = i + k
		}
		if content {
			if first < 0 {
				if n <= keyCol {
					return // an empty block: the next key follows
				}
				first, start = n, i+n
			} else if n < first {
				break
			}
			end = trimRightSpace(w, i+n, lineEnd)
		}
		i = lineEnd + 1
	}
	if start < 0 {
		return
	}
	if i >= len(w) && len(w)-e == yamlBlockCap {
		end = trimRightSpace(w, start, len(w)) // cut by the window: fail closed
	}
	v := w[start:end]
	if hasPrefixFold(v, 0, "-----begin ") && s.r.hasRule(pemRuleID) {
		return // a PEM block: the private-key rule keeps the armor lines
	}
	if bytes.IndexByte(v, '\n') < 0 && s.r.notSecretValue(v) || sshPublicKey(v) {
		return // password: |\n  ${DB_PASSWORD}; deploy_key: |\n  ssh-ed25519 AAAA…
	}
	s.add(start, end, 0, 0)
}

// YAML name/value pairs split over two lines, as in Kubernetes env lists:
//
//	- name: DB_PASSWORD
//	  value: s3cret
//
// Anchored on "name: ", which opens the pair; the window runs forward over
// the next line only (and back to the anchor's line start, to check that
// "name" opens it). The value line must be "value:" at the same column.

const namePairFwd = 1024

func yamlNamePairRule() *rule {
	return &rule{
		id:        keyedRuleID,
		kind:      Secret,
		hidden:    true,
		anchors:   []string{"name: "},
		back:      maxKeyLen,
		fwd:       namePairFwd,
		multiline: true,
		lineBack:  true,
		prio:      prioKeyed,
		settled:   twoLines,
		validate:  validateYAMLNamePair,
	}
}

// twoLines: the pair is known once the line after the anchor's has ended.
func twoLines(after []byte) bool {
	nl := bytes.IndexByte(after, '\n')
	return nl >= 0 && bytes.IndexByte(after[nl+1:], '\n') >= 0
}

func validateYAMLNamePair(s *scanner, w []byte, a, e int) {
	if a > 0 && isWord(w[a-1]) || !lineStartKey(w, a) {
		return // username: …, or not a key at the line start
	}
	ks := e
	var q byte
	if ks < len(w) && (w[ks] == '"' || w[ks] == '\'') {
		q = w[ks]
		ks++
	}
	ke := runFwd(w[:min(len(w), ks+maxKeyLen)], ks, cKey)
	i := ke
	if q != 0 {
		if i >= len(w) || w[i] != q {
			return
		}
		i++
	}
	nl := bytes.IndexByte(w[i:], '\n')
	if nl < 0 || len(bytes.TrimSpace(w[i:i+nl])) > 0 || ke == ks {
		return // more on the line, or no next line
	}
	if sec, _ := s.r.keys.classify(w[ks:ke]); !sec {
		return
	}
	// The next line: "value:" at the column of "name".
	lineStart := a
	for lineStart > 0 && w[lineStart-1] != '\n' {
		lineStart--
	}
	j := i + nl + 1
	n, _ := lineIndent(w, j)
	if n != a-lineStart || !bytes.HasPrefix(w[j+n:], []byte("value:")) {
		return
	}
	j = skipBlanks(w, j+n+len("value:"))
	end := len(w)
	if k := bytes.IndexByte(w[j:], '\n'); k >= 0 {
		end = j + k
	}
	start := j
	if st, en := quotedAt(w, j); en > st {
		start, end = st, en
	} else {
		end = trimRightSpace(w, start, end)
		if k := bytes.Index(w[start:end], []byte(" #")); k >= 0 {
			end = trimRightSpace(w, start, start+k)
		}
	}
	if end <= start || s.r.notSecretValue(w[start:end]) || yamlIndicator(w[start:end]) || sshPublicKey(w[start:end]) {
		return
	}
	s.add(start, end, 0, 0)
}
