package bench

import (
	bobu "github.com/BobuSumisu/aho-corasick"
	cloudflare "github.com/cloudflare/ahocorasick"
	coregx "github.com/coregx/ahocorasick"
	petar "github.com/petar-dambovaliev/aho-corasick"
)

// Scanner is one Aho-Corasick library scanning for Keywords. Scan returns a
// number derived from every hit (so no work can be skipped): the number of
// distinct keywords for cloudflare, whose Match reports no positions, and
// the summed match lengths for the others.
type Scanner struct {
	Name string
	// CaseInsensitive is true when the library matches "Bearer" for
	// "bearer"; the others match the lower-case keywords byte for byte.
	CaseInsensitive bool
	Scan            func([]byte) int
}

// Scanners builds one Scanner per library. The matchers are not safe for
// concurrent use (cloudflare's Match mutates the matcher).
func Scanners() []Scanner {
	kw := KeywordBytes()

	cf := cloudflare.NewMatcher(kw)

	cg, err := coregx.NewBuilder().AddPatterns(kw).Build()
	if err != nil {
		panic(err)
	}

	bs := bobu.NewTrieBuilder().AddPatterns(kw).Build()

	pb := petar.NewAhoCorasickBuilder(petar.Opts{
		AsciiCaseInsensitive: true,
		MatchKind:            petar.LeftMostLongestMatch,
		DFA:                  true,
	})
	pt := pb.BuildByte(kw)

	return []Scanner{
		{Name: "ac-cloudflare-match", Scan: func(b []byte) int { return len(cf.Match(b)) }},
		{Name: "ac-coregx-findall", Scan: func(b []byte) int {
			n := 0
			for _, m := range cg.FindAll(b, -1) {
				n += m.End - m.Start
			}
			return n
		}},
		{Name: "ac-bobusumisu-walk", Scan: func(b []byte) int {
			n := 0
			bs.Walk(b, func(end, l, pattern int64) bool {
				n += int(l)
				return true
			})
			return n
		}},
		{Name: "ac-petar-iterbyte-ci", CaseInsensitive: true, Scan: func(b []byte) int {
			n := 0
			it := pt.IterByte(b)
			for m := it.Next(); m != nil; m = it.Next() {
				n += m.End() - m.Start()
			}
			return n
		}},
	}
}
