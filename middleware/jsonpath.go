package middleware

import (
	"encoding/json"
	"strconv"
	"strings"
)

// jsonPath is a parsed "$.a.b[*].c[0]": a key, or an array index (-1 for
// any index).
type jsonPath []pathSeg

type pathSeg struct {
	key   string
	index int // -2: a key segment; -1: [*]; else the index
}

// parseJSONPath parses the small JSONPath subset AllowRoute accepts:
// "$", then ".key", "['key']", "[n]" or "[*]" segments. A path it cannot
// parse matches nothing (so nothing is allowed by mistake).
func parseJSONPath(p string) jsonPath {
	path := jsonPath{}
	s, ok := strings.CutPrefix(p, "$")
	if !ok {
		return jsonPath{{key: "\x00invalid", index: -2}}
	}
	for s != "" {
		switch s[0] {
		case '.':
			s = s[1:]
			end := strings.IndexAny(s, ".[")
			if end < 0 {
				end = len(s)
			}
			path = append(path, pathSeg{key: s[:end], index: -2})
			s = s[end:]
		case '[':
			end := strings.IndexByte(s, ']')
			if end < 0 {
				return jsonPath{{key: "\x00invalid", index: -2}}
			}
			in := s[1:end]
			s = s[end+1:]
			switch {
			case in == "*":
				path = append(path, pathSeg{index: -1})
			case len(in) >= 2 && (in[0] == '\'' || in[0] == '"') && in[len(in)-1] == in[0]:
				path = append(path, pathSeg{key: in[1 : len(in)-1], index: -2})
			default:
				n, err := strconv.Atoi(in)
				if err != nil || n < 0 {
					return jsonPath{{key: "\x00invalid", index: -2}}
				}
				path = append(path, pathSeg{index: n})
			}
		default:
			return jsonPath{{key: "\x00invalid", index: -2}}
		}
	}
	return path
}

// findPaths returns the byte spans of the values at any of paths, in
// document order (outermost only). It returns nil for invalid JSON.
func findPaths(doc []byte, paths []jsonPath) [][2]int {
	w := pathWalker{in: doc, paths: paths}
	i, ok := w.value(w.ws(0), 0)
	if !ok || w.ws(i) != len(doc) {
		return nil
	}
	return w.spans
}

type pathElem struct {
	key   string
	index int // -2 for keys
}

type pathWalker struct {
	in    []byte
	paths []jsonPath
	stack []pathElem
	spans [][2]int
}

func (w *pathWalker) matches() bool {
	for _, p := range w.paths {
		if len(p) != len(w.stack) {
			continue
		}
		ok := true
		for i, seg := range p {
			el := w.stack[i]
			switch {
			case seg.index == -2:
				ok = el.index == -2 && el.key == seg.key
			case seg.index == -1:
				ok = el.index >= 0
			default:
				ok = el.index == seg.index
			}
			if !ok {
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func (w *pathWalker) ws(i int) int {
	for i < len(w.in) && (w.in[i] == ' ' || w.in[i] == '\t' || w.in[i] == '\n' || w.in[i] == '\r') {
		i++
	}
	return i
}

func (w *pathWalker) value(i, depth int) (int, bool) {
	if i >= len(w.in) || depth > 1000 {
		return i, false
	}
	start := i
	var end int
	var ok bool
	switch c := w.in[i]; {
	case c == '{':
		end, ok = w.object(i, depth)
	case c == '[':
		end, ok = w.array(i, depth)
	case c == '"':
		end, _, ok = w.str(i)
	default:
		end = i
		for end < len(w.in) && strings.IndexByte("-+.eE0123456789truefalsn", w.in[end]) >= 0 {
			end++
		}
		ok = end > i && json.Valid(w.in[i:end])
	}
	if ok && len(w.stack) > 0 && w.matches() {
		w.spans = append(w.spans, [2]int{start, end})
	}
	return end, ok
}

func (w *pathWalker) str(i int) (end int, esc, ok bool) {
	for j := i + 1; j < len(w.in); j++ {
		switch w.in[j] {
		case '\\':
			esc = true
			j++
		case '"':
			return j + 1, esc, true
		}
	}
	return len(w.in), esc, false
}

func (w *pathWalker) object(i, depth int) (int, bool) {
	i = w.ws(i + 1)
	if i < len(w.in) && w.in[i] == '}' {
		return i + 1, true
	}
	for {
		if i >= len(w.in) || w.in[i] != '"' {
			return i, false
		}
		end, esc, ok := w.str(i)
		if !ok {
			return end, false
		}
		key := string(w.in[i+1 : end-1])
		if esc {
			if json.Unmarshal(w.in[i:end], &key) != nil {
				return end, false
			}
		}
		i = w.ws(end)
		if i >= len(w.in) || w.in[i] != ':' {
			return i, false
		}
		w.stack = append(w.stack, pathElem{key: key, index: -2})
		i, ok = w.value(w.ws(i+1), depth+1)
		w.stack = w.stack[:len(w.stack)-1]
		if !ok {
			return i, false
		}
		i = w.ws(i)
		if i < len(w.in) && w.in[i] == ',' {
			i = w.ws(i + 1)
			continue
		}
		if i < len(w.in) && w.in[i] == '}' {
			return i + 1, true
		}
		return i, false
	}
}

func (w *pathWalker) array(i, depth int) (int, bool) {
	i = w.ws(i + 1)
	if i < len(w.in) && w.in[i] == ']' {
		return i + 1, true
	}
	for n := 0; ; n++ {
		w.stack = append(w.stack, pathElem{index: n})
		var ok bool
		i, ok = w.value(i, depth+1)
		w.stack = w.stack[:len(w.stack)-1]
		if !ok {
			return i, false
		}
		i = w.ws(i)
		if i < len(w.in) && w.in[i] == ',' {
			i = w.ws(i + 1)
			continue
		}
		if i < len(w.in) && w.in[i] == ']' {
			return i + 1, true
		}
		return i, false
	}
}
