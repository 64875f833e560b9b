#!/usr/bin/env bash
# One full benchmark run: every op on every input, -count=10 (COUNT to
# change), raw output in bench/out.txt, summary by benchstat.
#   bench/run.sh                                  # synthetic inputs
#   REDACT_CORPUS=/path/to/logs bench/run.sh      # plus every *.log there
#   benchstat bench/results/first-snapshot.txt bench/out.txt   # old vs new
set -euo pipefail
cd "$(dirname "$0")"
command -v benchstat >/dev/null || go install golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
PATH=$PATH:$(go env GOPATH)/bin
go test -run '^$' -bench . -benchmem -count="${COUNT:-10}" -timeout 2h | tee out.txt
benchstat out.txt
