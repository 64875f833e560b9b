package redact

// Release writes through everything held that no future match can reach,
// without ending a segment: unlike Flush, the output stays equal to Bytes
// of everything written, whatever is written next. It is meant for
// network flushes (an HTTP handler's Flush), which are not boundaries a
// secret respects.
//
// Write already releases every byte that is safe by the margins (see
// Writer); Release adds the one case the margins cannot see: input that
// ends with a newline while no anchor is partly matched, no window is
// waiting for bytes and no multi-line rule can look back. The held tail is
// then complete, so it is redacted and written. Otherwise Release writes
// nothing and leaves the tail held (safe, just later). Release does not
// flush the underlying writer: the caller decides when to.
func (sw *Writer) Release() error {
	if sw.closed {
		return ErrClosed
	}
	if sw.err != nil {
		return sw.err
	}
	s := &sw.s
	end := s.off + len(sw.buf)
	if end > sw.emitted && sw.report == nil && sw.buf[len(sw.buf)-1] == '\n' &&
		s.state == root && !s.paused && s.next == end &&
		(!sw.r.multiline || sw.r.maxMultiBack == 0) {
		// At this point ending the segment changes no match: every future
		// anchor starts at or after end, line windows never reach back
		// past a newline, and multi-line windows do not reach back at all.
		if err := sw.finish(); err != nil {
			return err
		}
		s.eof = false
		s.seg, s.next, s.digitEnd = end, end, end
		sw.compact()
	}
	return nil
}
