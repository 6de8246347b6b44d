#!/usr/bin/env bash
# Benchmarks auditlint on generated corpora of 1,000 and 10,000 reports.
#
#   Benchmarks/bench.sh [--runs N] [--sizes "1000 10000"] [--seed S] [--bin PATH]
#
# Builds release into .build-bench (skipped with --bin), writes the corpora to
# ${BENCH_DIR:-/tmp/auditlint-bench} (never into the repository), and prints per size:
# wall time, reports/s, MB/s, peak RSS and the ratio to `wc -l` over the same files,
# each the median of N runs; then the median time of one small file, start-up included.
# The machine is often shared, so run it more than once and compare medians.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
runs=3
sizes="1000 10000"
seed=1
bin=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --sizes) sizes=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --bin) bin=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
out=${BENCH_DIR:-/tmp/auditlint-bench}
mkdir -p "$out"

if [ -z "$bin" ]; then
    (cd "$here" && swift build -c release --scratch-path .build-bench >&2)
    bin="$here/.build-bench/release/auditlint"
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# Prints "seconds peak_kb" of one command (stdout discarded), via GNU time when present.
measure() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null 2>&1 || true
        tail -1 "$out/time.txt"   # GNU time writes "Command exited with non-zero status" first
    else
        python3 - "$@" <<'EOF'
import resource, subprocess, sys, time
t = time.monotonic()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(f"{time.monotonic() - t:.3f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
EOF
    fi
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "swift: $(swift --version 2>/dev/null | head -1)"
echo "binary: $bin"
printf '\n%-7s %-8s %-9s %-9s %-8s %-9s %-8s %-7s\n' files MB wall_s reports/s MB/s peakRSS wc_s ratio
for n in $sizes; do
    corpus="$out/corpus-$n-seed$seed"
    if [ ! -f "$corpus/manifest.tsv" ]; then
        rm -rf "$corpus"
        python3 "$here/Benchmarks/make_corpus.py" "$n" "$corpus" --seed "$seed"
    fi
    find "$corpus" -type f ! -name manifest.tsv -print0 > "$out/files-$n"
    mb=$(xargs -0 cat < "$out/files-$n" | wc -c | awk '{printf "%.1f", $1/1048576}')
    # Warm the page cache so both tools read from memory.
    xargs -0 cat < "$out/files-$n" > /dev/null
    walls=(); rss=(); wcs=()
    for _ in $(seq "$runs"); do
        read -r w r < <(measure "$bin" --no-config --format json "$corpus")
        walls+=("$w"); rss+=("$r")
        read -r w _ < <(measure sh -c "xargs -0 wc -l < '$out/files-$n'")
        wcs+=("$w")
    done
    wall=$(printf '%s\n' "${walls[@]}" | median)
    peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
    wc=$(printf '%s\n' "${wcs[@]}" | median)
    awk -v n="$n" -v mb="$mb" -v w="$wall" -v p="$peak" -v c="$wc" 'BEGIN {
        printf "%-7d %-8s %-9.2f %-9.0f %-8.2f %-9s %-8.2f %-7s\n", n, mb, w, n / w, mb / w, sprintf("%.0fMB", p / 1024), c,
               (c > 0 ? sprintf("%.0fx", w / c) : "n/a") }'
done

small="$here/Examples/seeds/000_3870ed54750f2314.txt"
ones=()
for _ in $(seq 9); do read -r w _ < <(measure "$bin" --no-config "$small"); ones+=("$w"); done
echo
echo "one small file ($(wc -c < "$small") bytes, start-up included), median of 9: $(printf '%s\n' "${ones[@]}" | median) s"
