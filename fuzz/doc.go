// Package fuzz holds the fuzz targets of the redactor core (package
// redact). It has no code of its own: the targets live in fuzz_test.go and
// use only redact's exported API, so they check what a caller can rely on,
// and their seed corpora live in testdata/fuzz/<Target>/.
//
// `go test ./fuzz` runs every target on its seeds (quick, part of CI);
// `go test -run '^$' -fuzz '^FuzzBytes$' -fuzztime 3m ./fuzz` fuzzes one
// target. .ci/run fuzzes each target for $FUZZTIME (15s by default).
package fuzz
