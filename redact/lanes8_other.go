//go:build !amd64 || purego

package redact

// have8 and vbmi are false: the eight-lane walk needs amd64 (see
// lanes8_amd64.go).
var have8, vbmi = false, false

// skipClean8 leaves the whole input to the four-lane walk.
func (m *machine) skipClean8(d []byte) (int, uint32, bool) { return 0, root, false }

// hitEnds8 leaves the whole input to the four-lane walk.
func (m *machine) hitEnds8(d []byte, dst []int32, sts []uint32, lane *[hitLanes][]laneHit) (int, uint32, []int32, []uint32) {
	return 0, root, dst, sts
}

// lanes8Len is 0: every lane is the four-lane walk's.
func (m *machine) lanes8Len(n int) int { return 0 }

// runLanes8 is never called (lanes8Len is 0).
func (s *scanner) runLanes8(d []byte, i int, st uint32, L int) (int, uint32, bool) {
	panic("redact: no eight-lane walk in this build")
}
