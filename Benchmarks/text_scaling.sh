#!/usr/bin/env bash
# Times the text readers on inputs doubled from 1,000 to 128,000 units, one column per shape
# (see make_text_scaling.py), to show that the time grows linearly: each doubling should about
# double the time (the ratio column), never quadruple it.
#
#   Benchmarks/text_scaling.sh [--bin PATH] [--max N]
#
# Times `auditlint --no-config --format json FILE` (read, recognise, check) of a release build
# (default .build/release/auditlint) in CPU seconds. Inputs go to ${BENCH_DIR:-/tmp/auditlint-text-scaling}.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin="$here/.build/release/auditlint"
max=128000
while [ $# -gt 0 ]; do
    case "$1" in
        --bin) bin=$2; shift 2 ;;
        --max) max=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
out=${BENCH_DIR:-/tmp/auditlint-text-scaling}
mkdir -p "$out"
seed=$(ls "$here"/Examples/seeds/000_*.txt)
shapes="tabs narrative headings paragraphs sheet webstream"

printf "| units |"; for s in $shapes; do printf " %s s |" "$s"; done; printf "\n|---:|"; for s in $shapes; do printf "%s" "---:|"; done; printf "\n"
declare -A last
n=1000
while [ "$n" -le "$max" ]; do
    python3 "$here/Benchmarks/make_text_scaling.py" "$out" "$seed" "$n"
    printf "| %s |" "$n"
    for s in $shapes; do
        f="$out/$s-$n.txt"
        # CPU time (user + system), not wall time: the machine is shared, and CPU seconds
        # do not depend on what else runs.
        /usr/bin/time -o "$out/cpu.txt" -f "%U %S" timeout 600 "$bin" --no-config --format json "$f" > /dev/null 2>&1 || true
        t=$(tail -n 1 "$out/cpu.txt" | awk '{print $1 + $2}')
        ratio=""
        if [ -n "${last[$s]:-}" ] && [ "$(echo "${last[$s]} > 0" | bc)" = 1 ]; then ratio=$(printf " (×%.1f)" "$(echo "$t / ${last[$s]}" | bc -l)"); fi
        printf " %.3f%s |" "$t" "$ratio"
        last[$s]=$t
    done
    printf "\n"
    n=$((n * 2))
done
