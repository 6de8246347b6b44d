#!/usr/bin/env bash
# Times `pdftotext -bbox-layout` alone against auditlint reading the same PDF, over the text-layer
# PDFs of the shared corpus, with a release build. The goal: reading a PDF costs at most
# pdftotext's own time + 50 %.
#
#   Benchmarks/pdf_bench.sh [--runs N] [--corpus DIR] [--bin PATH]
#
# Two ways of reading are timed: `lint` = `auditlint --no-config --format json FILE`, what a user
# pays to get a PDF's findings (the goal is judged on this one), and `dump` = `auditlint dump
# FILE`, which also encodes the whole model as JSON. Prints per file the median of N runs of each
# (sequential, one file at a time), the totals, and the load average before and after.
# Without --bin it builds the README's release build (`--static-swift-stdlib`) into .build-bench.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
runs=3
corpus="$here/../shared/corpus"
bin=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --corpus) corpus=$2; shift 2 ;;
        --bin) bin=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
command -v pdftotext >/dev/null || { echo "pdftotext (poppler-utils) is not installed" >&2; exit 2; }
if [ -z "$bin" ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
    (cd "$here" && swift build -c release --static-swift-stdlib --product auditlint --scratch-path .build-bench >/dev/null)
    bin="$here/.build-bench/release/auditlint"
fi

# Median wall time in seconds of `runs` runs of a command.
median() {
    local times=()
    for _ in $(seq "$runs"); do
        local s e
        s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
        times+=("$(echo "$e - $s" | bc -l)")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
total_p=0; total_l=0; total_d=0; files=0
printf '%-48s %6s %10s %10s %7s %10s %7s\n' file pages pdftotext lint ratio dump ratio
for f in $(find "$corpus" -name '*.pdf' | sort); do
    # Scans have no text layer: nothing to rebuild, so they say nothing about the reader's cost.
    [ -s "$f.txt" ] && [ "$(tr -d '[:space:]\f' < "$f.txt" | wc -c)" -gt 100 ] || continue
    pages=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
    p=$(median pdftotext -bbox-layout "$f" -)
    l=$(median "$bin" --no-config --format json "$f")
    d=$(median "$bin" dump "$f")
    printf '%-48s %6s %10.3f %10.3f %7.2f %10.3f %7.2f\n' "$(basename "$f")" "${pages:-?}" "$p" "$l" "$(echo "$l / $p" | bc -l)" "$d" "$(echo "$d / $p" | bc -l)"
    total_p=$(echo "$total_p + $p" | bc -l); total_l=$(echo "$total_l + $l" | bc -l); total_d=$(echo "$total_d + $d" | bc -l); files=$((files + 1))
done
printf '%-48s %6s %10.3f %10.3f %7.2f %10.3f %7.2f\n' "total ($files files)" "" "$total_p" "$total_l" "$(echo "$total_l / $total_p" | bc -l)" "$total_d" "$(echo "$total_d / $total_p" | bc -l)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
