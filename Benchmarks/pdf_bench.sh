#!/usr/bin/env bash
# Times `pdftotext -bbox-layout` alone against `auditlint dump` (which runs it and rebuilds the
# tables) over the text-layer PDFs of the shared corpus, with a release build. The goal: the whole
# read costs at most pdftotext's own time + 50 %.
#
#   Benchmarks/pdf_bench.sh [--runs N] [--corpus DIR] [--bin PATH]
#
# Prints per file the median of N runs of each (sequential, one file at a time) and the totals.
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
    (cd "$here" && swift build -c release --scratch-path .build-bench >/dev/null)
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

total_p=0; total_a=0; files=0
printf '%-48s %6s %10s %10s %7s\n' file pages pdftotext auditlint ratio
for f in $(find "$corpus" -name '*.pdf' | sort); do
    # Scans have no text layer: nothing to rebuild, so they say nothing about the reader's cost.
    [ -s "$f.txt" ] && [ "$(tr -d '[:space:]\f' < "$f.txt" | wc -c)" -gt 100 ] || continue
    pages=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
    p=$(median pdftotext -bbox-layout "$f" -)
    a=$(median "$bin" dump "$f")
    printf '%-48s %6s %10.3f %10.3f %7.2f\n' "$(basename "$f")" "${pages:-?}" "$p" "$a" "$(echo "$a / $p" | bc -l)"
    total_p=$(echo "$total_p + $p" | bc -l); total_a=$(echo "$total_a + $a" | bc -l); files=$((files + 1))
done
printf '%-48s %6s %10.3f %10.3f %7.2f\n' "total ($files files)" "" "$total_p" "$total_a" "$(echo "$total_a / $total_p" | bc -l)"
