#!/usr/bin/env bash
# Command-level throughput of the redact CLI next to two baselines, in one run:
#   copyfilter   plain copy filter (stdin -> 256 KiB buffer -> stdout)
#   naivefilter  the hand-written regexp-list filter (bench.NaiveLine per line)
#   redact       ../cmd/redact, default flags, and with --json-lines=false
# on SIZE_MIB of generated realistic logs (clean, and dirty: 1% of lines
# carry a secret). The naive filter runs at about 1 MB/s, so it is timed on
# the first NAIVE_MIB of the same logs (the generator is a stream: the small
# file is a prefix of the large one) and its throughput is compared; the
# 256 MiB time shown for it is that throughput scaled, not measured.
#
# Usage: bench/compare.sh            (from anywhere)
#        SIZE_MIB=64 RUNS=3 bench/compare.sh
# Uses hyperfine when installed (apt-get install -y hyperfine), otherwise a
# date +%s%N loop (median of RUNS). Peak RSS via /usr/bin/time -v when present
# (apt-get install -y time).
set -euo pipefail

SIZE_MIB=${SIZE_MIB:-256}
NAIVE_MIB=${NAIVE_MIB:-4}
RUNS=${RUNS:-5}
NAIVE_RUNS=${NAIVE_RUNS:-3}

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/redact-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "# building" >&2
(cd "$here/.." && go build -o "$work/redact" ./cmd/redact)
(cd "$here" && go build -o "$work/naivefilter" ./cmd/naivefilter &&
	go build -o "$work/copyfilter" ./cmd/copyfilter &&
	go build -o "$work/genlog" ./cmd/genlog)

echo "# generating ${SIZE_MIB} MiB clean and dirty logs, ${NAIVE_MIB} MiB slices" >&2
"$work/genlog" -size "${SIZE_MIB}MiB" >"$work/clean.log"
"$work/genlog" -size "${SIZE_MIB}MiB" -dirty 100 >"$work/dirty.log"
"$work/genlog" -size "${NAIVE_MIB}MiB" >"$work/clean-small.log"
"$work/genlog" -size "${NAIVE_MIB}MiB" -dirty 100 >"$work/dirty-small.log"

# seconds CMD FILE RUNS: median wall time of CMD < FILE > /dev/null.
seconds() {
	local cmd=$1 file=$2 runs=$3
	if command -v hyperfine >/dev/null; then
		hyperfine --style none --warmup 1 --runs "$runs" \
			--export-csv "$work/hf.csv" "$cmd < $file > /dev/null" >/dev/null 2>&1
		# command,mean,stddev,median,user,system,min,max
		awk -F, 'NR==2 { print $4 }' "$work/hf.csv"
	else
		local t=() i s e
		for ((i = 0; i < runs; i++)); do
			s=$(date +%s%N)
			sh -c "$cmd < $file > /dev/null"
			e=$(date +%s%N)
			t+=($(((e - s) / 1000)))
		done
		printf '%s\n' "${t[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.6f\n", a[int((NR + 1) / 2)] / 1e6 }'
	fi
}

size() { stat -c %s "$1"; }

declare -A mbs
row() { # name cmd file runs [scaled-note]
	local name=$1 cmd=$2 file=$3 runs=$4 s bytes
	s=$(seconds "$cmd" "$file" "$runs")
	bytes=$(size "$file")
	mbs[$name]=$(awk -v b="$bytes" -v s="$s" 'BEGIN { printf "%.1f", b / s / 1e6 }')
	printf '| %s | %s | %.1f | %.3f | %s |\n' "$name" "$(basename "$file")" "$(awk -v b="$bytes" 'BEGIN { print b / 1048576 }')" "$s" "${mbs[$name]}"
}

echo "# timing (runs: $RUNS, naive: $NAIVE_RUNS; $(command -v hyperfine >/dev/null && hyperfine --version || echo 'date loop'))" >&2
echo
echo "$(go version), $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo
echo '| command | input | MiB | median s | MB/s |'
echo '|---|---|---:|---:|---:|'
for kind in clean dirty; do
	row "copyfilter/$kind" "$work/copyfilter" "$work/$kind.log" "$RUNS"
	row "redact/$kind" "$work/redact" "$work/$kind.log" "$RUNS"
	row "redact --json-lines=false/$kind" "$work/redact --json-lines=false" "$work/$kind.log" "$RUNS"
	row "naivefilter/$kind" "$work/naivefilter" "$work/$kind-small.log" "$NAIVE_RUNS"
done

echo
echo '| ratio | clean | dirty |'
echo '|---|---:|---:|'
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3g", a / b }'; }
echo "| redact / naivefilter (throughput; target ≥ 100×) | $(ratio "${mbs[redact/clean]}" "${mbs[naivefilter/clean]}")× | $(ratio "${mbs[redact/dirty]}" "${mbs[naivefilter/dirty]}")× |"
echo "| redact / copyfilter (throughput; target ≥ 5%) | $(awk -v a="${mbs[redact/clean]}" -v b="${mbs[copyfilter/clean]}" 'BEGIN { printf "%.1f%%", 100 * a / b }') | $(awk -v a="${mbs[redact/dirty]}" -v b="${mbs[copyfilter/dirty]}" 'BEGIN { printf "%.1f%%", 100 * a / b }') |"
echo "| naivefilter on ${SIZE_MIB} MiB, scaled from ${NAIVE_MIB} MiB (s) | $(awk -v m="${mbs[naivefilter/clean]}" -v n="$SIZE_MIB" 'BEGIN { printf "%.0f", n * 1048576 / m / 1e6 }') | $(awk -v m="${mbs[naivefilter/dirty]}" -v n="$SIZE_MIB" 'BEGIN { printf "%.0f", n * 1048576 / m / 1e6 }') |"

# Findings: the clean logs must give none; the dirty ones one per secret line.
findings() { "$work/redact" --check "$1" 2>&1 >/dev/null | grep -c ':' || true; }
echo
echo "| redact --check | clean | dirty |"
echo '|---|---:|---:|'
echo "| findings on ${SIZE_MIB} MiB (secret lines in dirty: $(awk 'NR % 100 == 50' "$work/dirty.log" | wc -l)) | $(findings "$work/clean.log") | $(findings "$work/dirty.log") |"

if [ -x /usr/bin/time ]; then
	rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); printf "%.1f", $2 / 1024 }'; }
	echo
	echo "| peak RSS (MiB, /usr/bin/time -v) | clean | dirty |"
	echo '|---|---:|---:|'
	echo "| redact < ${SIZE_MIB} MiB | $(rss "$work/redact" <"$work/clean.log") | $(rss "$work/redact" <"$work/dirty.log") |"
	echo "| copyfilter < ${SIZE_MIB} MiB | $(rss "$work/copyfilter" <"$work/clean.log") | $(rss "$work/copyfilter" <"$work/dirty.log") |"
else
	echo
	echo "(no /usr/bin/time: apt-get install -y time for peak RSS)"
fi
