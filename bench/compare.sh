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
# loop with bash's time (median wall of RUNS, mean CPU). Peak RSS via
# /usr/bin/time -v when present (apt-get install -y time). Every row shows
# wall time and CPU time (user+sys): on a shared machine under load, compare
# the CPU columns.
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

# timing CMD FILE RUNS: prints "wall cpu", the median wall time and the mean
# user+system CPU time (seconds) of CMD < FILE > /dev/null. CPU time is what
# the process itself used: on a shared machine under load it stays close to
# the idle-machine cost while wall time absorbs the waits for a CPU.
timing() {
	local cmd=$1 file=$2 runs=$3
	if command -v hyperfine >/dev/null; then
		hyperfine --style none --warmup 1 --runs "$runs" \
			--export-csv "$work/hf.csv" "$cmd < $file > /dev/null" >/dev/null 2>&1
		# command,mean,stddev,median,user,system,min,max
		awk -F, 'NR==2 { print $4, $5 + $6 }' "$work/hf.csv"
	else
		local i TIMEFORMAT='%R %U %S'
		for ((i = 0; i < runs; i++)); do
			{ time sh -c "$cmd < $file > /dev/null"; } 2>&1
		done | sort -n | awk '{ w[NR] = $1; c += $2 + $3 } END { print w[int((NR + 1) / 2)], c / NR }'
	fi
}

size() { stat -c %s "$1"; }

declare -A mbs cmbs
row() { # name cmd file runs
	local name=$1 cmd=$2 file=$3 runs=$4 w c bytes
	read -r w c < <(timing "$cmd" "$file" "$runs")
	bytes=$(size "$file")
	mbs[$name]=$(awk -v b="$bytes" -v s="$w" 'BEGIN { printf "%.1f", b / s / 1e6 }')
	cmbs[$name]=$(awk -v b="$bytes" -v s="$c" 'BEGIN { printf "%.1f", b / s / 1e6 }')
	printf '| %s | %s | %.1f | %.3f | %s | %.3f | %s |\n' "$name" "$(basename "$file")" \
		"$(awk -v b="$bytes" 'BEGIN { print b / 1048576 }')" "$w" "${mbs[$name]}" "$c" "${cmbs[$name]}"
}

echo "# timing (runs: $RUNS, naive: $NAIVE_RUNS; $(command -v hyperfine >/dev/null && hyperfine --version || echo 'bash time loop'))" >&2
echo
echo "$(go version), $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo '| command | input | MiB | wall s (median) | MB/s (wall) | CPU s (user+sys) | MB/s (CPU) |'
echo '|---|---|---:|---:|---:|---:|---:|'
for kind in clean dirty; do
	row "copyfilter/$kind" "$work/copyfilter" "$work/$kind.log" "$RUNS"
	row "redact/$kind" "$work/redact" "$work/$kind.log" "$RUNS"
	row "redact --json-lines=false/$kind" "$work/redact --json-lines=false" "$work/$kind.log" "$RUNS"
	row "naivefilter/$kind" "$work/naivefilter" "$work/$kind-small.log" "$NAIVE_RUNS"
done

echo
echo '| ratio (wall / CPU time) | clean | dirty |'
echo '|---|---:|---:|'
ratio() { # a b: a / b with 3 significant digits
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3g", a / b }'
}
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f%%", 100 * a / b }'; }
both() { # fn name-a name-b kind
	echo "$($1 "${mbs[$2/$4]}" "${mbs[$3/$4]}") / $($1 "${cmbs[$2/$4]}" "${cmbs[$3/$4]}")"
}
echo "| redact / naivefilter throughput (target ≥ 100×) | $(both ratio redact naivefilter clean)× | $(both ratio redact naivefilter dirty)× |"
echo "| redact / copyfilter throughput (target ≥ 5%) | $(both pct redact copyfilter clean) | $(both pct redact copyfilter dirty) |"
scaled() { awk -v m="$1" -v n="$SIZE_MIB" 'BEGIN { printf "%.0f", n * 1048576 / m / 1e6 }'; }
echo "| naivefilter on ${SIZE_MIB} MiB, scaled from ${NAIVE_MIB} MiB (s) | $(scaled "${mbs[naivefilter/clean]}") / $(scaled "${cmbs[naivefilter/clean]}") | $(scaled "${mbs[naivefilter/dirty]}") / $(scaled "${cmbs[naivefilter/dirty]}") |"

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
