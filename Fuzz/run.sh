#!/usr/bin/env bash
# Builds the libFuzzer binary (Core + Checks + Fuzz/FuzzTargets.swift, with ASan) and runs one target.
#
#   Fuzz/run.sh TARGET RUNS [libFuzzer options...]
#   Fuzz/run.sh all RUNS        every target in turn
#
# TARGET: tab markdown pdf web json docx xlsx docx-xml xlsx-xml pdf-bbox html pipeline paragraph-cells
# web-stream inner-pipes sheet-line mixed (see Fuzz/FuzzTargets.swift).
# The corpus lives in $FUZZ_WORK/TARGET/corpus (default /tmp/auditlint-fuzz), seeded from the
# example reports, the Office fixtures and Fuzz/seeds/; crash/timeout/OOM inputs go to
# $FUZZ_WORK/TARGET/artifacts/. Exits non-zero when the build fails or libFuzzer finds anything.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

targets="tab markdown pdf web json docx xlsx docx-xml xlsx-xml pdf-bbox html pipeline paragraph-cells web-stream inner-pipes sheet-line mixed"
if [ $# -lt 2 ]; then echo "usage: Fuzz/run.sh TARGET|all RUNS [libFuzzer options...]  (TARGET: $targets)" >&2; exit 2; fi
target=$1; runs=$2; shift 2
if [ "$target" = all ]; then
  for t in $targets; do "$0" "$t" "$runs" "$@"; done
  exit 0
fi
case " $targets " in *" $target "*) ;; *) echo "unknown target $target (one of: $targets)" >&2; exit 2;; esac

build=${FUZZ_BUILD:-.build-fuzz/libfuzzer}
work=${FUZZ_WORK:-/tmp/auditlint-fuzz}
# FUZZ_SANITIZE: "fuzzer,address" (default) or "fuzzer" alone, several times faster on the
# pure-Swift text readers where ASan has little to add.
sanitize=${FUZZ_SANITIZE:-fuzzer,address}
# FUZZ_OPT: -O (default) for long runs; CI uses -Onone, which builds faster.
opt=${FUZZ_OPT:--O}
bin="$build/auditlint-fuzz-${sanitize//,/-}${opt}"
# FUZZ_SRC: a checkout whose Sources/ to build (default: this one), e.g. a snapshot of a commit.
src=${FUZZ_SRC:-.}
sources=$(find "$src/Sources/Core" "$src/Sources/Checks" -name '*.swift' | sort)

# Rebuild when the sources, the target file or the sanitizers changed (a content hash, since
# checkout times say nothing). -sanitize=fuzzer must work: there is no fallback, so a toolchain
# without libFuzzer fails here loudly instead of passing silently.
stamp=$( (echo "$sanitize $opt"; cat $sources Fuzz/FuzzTargets.swift) | sha256sum | cut -c1-16)
if [ ! -x "$bin" ] || [ "$(cat "$bin.stamp" 2>/dev/null)" != "$stamp" ]; then
  mkdir -p "$build"
  echo "== building $bin (-sanitize=$sanitize)" >&2
  # One module: the Checks sources' "import Core" then names their own module and is ignored.
  swiftc -sanitize="$sanitize" -parse-as-library "$opt" -swift-version 5 -module-name Core \
    -I "$src/Sources/CZlib" -lz -suppress-warnings \
    $sources Fuzz/FuzzTargets.swift -o "$bin.tmp"
  mv "$bin.tmp" "$bin"
  echo "$stamp" > "$bin.stamp"
fi

dir="$work/$target"
mkdir -p "$dir/corpus" "$dir/seeds" "$dir/artifacts"
seeds="$dir/seeds"
rm -f "$seeds"/*
add() { for f in "$@"; do [ -f "$f" ] && cp "$f" "$seeds/$(basename "$f")"; done; return 0; }
chunks() { # small slices of the text seeds: realistic structure at a size libFuzzer mutates fast
  for f in Examples/seeds/*.txt Examples/webtext/*.txt; do
    split -l 12 -d -a 3 "$f" "$seeds/$(basename "$f" .txt)-s"
    split -l 60 -d -a 3 "$f" "$seeds/$(basename "$f" .txt)-m"
  done
}
case "$target" in
  # Whole seeds are up to 97 KB and mutate slowly; the slices carry the same layouts.
  tab|markdown|pdf|web) add Fuzz/seeds/text/*; chunks; maxlen=65536 ;;
  paragraph-cells|web-stream|inner-pipes|sheet-line|mixed)
    add Fuzz/seeds/text/* Tests/CoreTests/Fixtures/layouts/*.txt; chunks; maxlen=65536 ;;
  pipeline) add Examples/webtext/*.txt Examples/office/* Fuzz/seeds/text/* Fuzz/seeds/json/*; chunks; maxlen=262144 ;;
  json) add Fuzz/seeds/json/*; maxlen=262144 ;;
  docx) add Examples/office/*.docx Tests/CoreTests/Fixtures/*.docx Fuzz/seeds/docx/*; maxlen=262144 ;;
  xlsx) add Examples/office/*.xlsx Tests/CoreTests/Fixtures/*.xlsx Fuzz/seeds/xlsx/*; maxlen=262144 ;;
  docx-xml) add Fuzz/seeds/docx-xml/* Fuzz/regressions/docx-xml-*; maxlen=262144 ;;
  xlsx-xml) add Fuzz/seeds/xlsx-xml/* Fuzz/regressions/xlsx-xml-*; maxlen=262144 ;;
  pdf-bbox) add Fuzz/seeds/pdf-bbox/*; maxlen=262144 ;;
  # The saved-page fixtures (LibreOffice exports, GB2312 CMS pages) and small pages, one feature each.
  html) add Tests/ChecksTests/Fixtures/html/*.html Fuzz/seeds/html/* Fuzz/regressions/html-*; maxlen=131072 ;;
esac

# The Office targets mutate with encodings, BOMs, PIs and DTD tokens (Fuzz/dict/office-xml.dict).
dict=()
case "$target" in docx|xlsx|docx-xml|xlsx-xml|pipeline) dict=(-dict="$PWD/Fuzz/dict/office-xml.dict") ;; esac

echo "== fuzz $target: $runs runs, max_len $maxlen, corpus $dir/corpus" >&2
# Stack traces for every malloc make ASan several times slower and only help leak reports.
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0:detect_leaks=0}
log="$dir/last-run.log"
set +e
AUDITLINT_FUZZ_TARGET=$target SWIFT_BACKTRACE=enable=no "$bin" "$dir/corpus" "$seeds" \
  -runs="$runs" -max_len="$maxlen" -timeout=20 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
  -artifact_prefix="$dir/artifacts/" -detect_leaks=0 -print_final_stats=1 "${dict[@]}" "$@" 2>&1 | tee "$log" | grep -vE '^(#[0-9]+[[:space:]]+(NEW|REDUCE|pulse)|")'
status=${PIPESTATUS[0]}
set -e
# A run that executed nothing (no libFuzzer statistics) is a failure too, never a silent pass.
executed=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -n 1)
rate=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+).*/\1/p' "$log" | tail -n 1)
echo "== fuzz $target: exit $status, ${executed:-0} executions, ${rate:-0} exec/s" >&2
if [ "$status" -ne 0 ]; then echo "fuzz $target FAILED: see $log and $dir/artifacts/" >&2; exit 1; fi
if [ "${executed:-0}" -eq 0 ]; then echo "fuzz $target ran nothing" >&2; exit 1; fi
