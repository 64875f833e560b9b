package redact

// Private-key blocks longer than the rule's window (pemCap). The validator
// sees at most pemCap bytes after BEGIN; when the key material runs on to
// the window's end, the block is walked on from where the material was cut,
// in a fresh window of the same size, and so on until the material stops.
// Each step adds a span that starts where the previous one ended: the spans
// touch without overlapping, so each becomes its own placeholder and is
// written out as soon as the next step has started. The Writer holds about
// one window, a stream gives the one-shot answer, and whatever its size a
// block keeps none of its body ("fail closed").

// continuePEM asks the scanner to walk the block on from last, the end of
// the key material found in the window w of the current validator call.
func (s *scanner) continuePEM(last int) {
	s.contRule, s.contAt = s.cur, s.winOff+last
}

// runCont runs the pending continuation of a private-key block, and the ones
// it asks for, as long as their windows are complete. It returns false when
// one is still waiting for bytes.
func (s *scanner) runCont() bool {
	for s.contRule != nil {
		r, at := s.contRule, s.contAt
		avail := s.off + len(s.data)
		if !s.eof && !s.ready(r, at, avail) {
			return false
		}
		s.contRule = nil
		w := s.data[at-s.off : min(avail, at+r.fwd)-s.off]
		s.cur, s.winOff = r, at
		first, last, _, _, cut := walkPEMBody(w, 0, true)
		if first >= 0 {
			s.add(first, last, 0, 0)
			if cut && len(w) == r.fwd {
				s.continuePEM(last)
			}
		}
		s.cur = nil
	}
	return true
}
