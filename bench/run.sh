#!/usr/bin/env bash
# One full benchmark run: every op on every input, COUNT (default 10)
# rounds, raw output in bench/out.txt, summary by benchstat.
#   bench/run.sh                                  # synthetic inputs
#   REDACT_CORPUS=/path/to/logs bench/run.sh      # plus every *.log there
#   benchstat bench/results/first-snapshot.txt bench/out.txt   # old vs new
# The test binary is built once and run COUNT times with -count=1, so the
# samples of all ops interleave in time: on a shared, noisy machine a burst
# of load then spreads over every row instead of skewing one (go test
# -count=10 would run the 10 samples of each op back to back).
set -euo pipefail
cd "$(dirname "$0")"
command -v benchstat >/dev/null || PATH=$PATH:$(go env GOPATH)/bin
command -v benchstat >/dev/null || go install golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
bin=$(mktemp -d)/bench.test
trap 'rm -rf "$(dirname "$bin")"' EXIT
go test -c -o "$bin" .
: >out.txt
for ((i = 1; i <= ${COUNT:-10}; i++)); do
	echo "# round $i of ${COUNT:-10}" >&2
	"$bin" -test.run '^$' -test.bench . -test.benchmem -test.count=1 -test.timeout 2h | tee -a out.txt
done
benchstat out.txt
echo
go run ./cmd/benchsummary out.txt
