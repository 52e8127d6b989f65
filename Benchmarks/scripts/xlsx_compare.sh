#!/usr/bin/env bash
# XLSX: one data sheet of 1M rows, Backbone's XLSX wrapper (libxlsxwriter) against Python's
# XlsxWriter, both in constant-memory mode, side by side.
#
# Usage: Benchmarks/scripts/xlsx_compare.sh [--rows N] [--runs R] [--memory-rows LIST] [--with-naive]
#                                           [--no-build]
#
#   --rows N            rows of Benchmarks/data/indicators_1M.csv to write (default 1000000)
#   --runs R            timed rounds (default 3); each round runs both tools, the starting
#                       tool alternating, so machine noise hits both alike
#   --memory-rows LIST  also run each tool once per row count in LIST (default
#                       250000,500000,1000000) to show how peak memory grows with rows
#   --with-naive        also time xlsx_peer.py --naive (all records in a list, generic write())
#   --no-build          use the existing release build of xlsx-write
#
# What it does:
#   1. Benchmarks/.venv (python3 -m venv) with xlsxwriter, if missing.
#   2. Benchmarks/data/indicators_1M.csv via generate_indicators.py, if missing (the first 1M
#      rows of the 10M-row benchmark file: the generator's output for N rows is a prefix of
#      its output for more).
#   3. swift build -c release --package-path Benchmarks --product xlsx-write.
#   4. Warms the page cache, checks once that both tools write the same sheet XML, then times
#      the rounds with /usr/bin/time -f '%e %M' (wall seconds, peak RSS in kB).
#   5. Prints a Markdown table of medians, and keeps every run in
#      Benchmarks/data/xlsx-runs-<date>.csv.
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
BENCH=$(cd -- "$SCRIPT_DIR/.." && pwd)
VENV=$BENCH/.venv
DATA=$BENCH/data
CSV=$DATA/indicators_1M.csv
GNU_TIME=/usr/bin/time

ROWS=1000000
RUNS=3
MEMORY_ROWS=250000,500000,1000000
BUILD=1
TOOLS="backbone xlsxwriter"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --rows) ROWS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --memory-rows) MEMORY_ROWS=$2; shift 2 ;;
    --with-naive) TOOLS="backbone xlsxwriter xlsxwriter-naive"; shift ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
done
[[ $ROWS =~ ^[1-9][0-9]*$ && $ROWS -le 1000000 ]] || die "--rows must be 1..1000000"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
[[ -x $GNU_TIME ]] || die "GNU time not found at $GNU_TIME (apt-get install time)"

PY=$VENV/bin/python
if [[ ! -x $PY ]]; then
  log "creating virtual environment $VENV"
  python3 -m venv "$VENV" || die "python3 -m venv failed"
fi
if ! "$PY" -c 'import xlsxwriter' 2>/dev/null; then
  log "installing xlsxwriter into $VENV"
  "$PY" -m pip install --quiet xlsxwriter || die "pip install xlsxwriter failed"
fi
mkdir -p "$DATA"
if [[ ! -s $CSV ]]; then
  log "generating $CSV"
  "$PY" "$SCRIPT_DIR/generate_indicators.py" --rows 1M --out "$CSV" >&2
fi
if [[ $BUILD -eq 1 ]]; then
  log "building xlsx-write (release)"
  swift build -c release --package-path "$BENCH" --product xlsx-write >&2
fi
SWIFT_BIN=$(swift build -c release --package-path "$BENCH" --show-bin-path)/xlsx-write
[[ -x $SWIFT_BIN ]] || die "$SWIFT_BIN is missing; run without --no-build"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/xlsx-compare.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
RAW=$DATA/xlsx-runs-$(date +%Y%m%d-%H%M%S).csv
echo "tool,rows,round,wall_s,peak_kb,detail" > "$RAW"

command_for() {  # tool rows out
  case $1 in
    backbone) echo "$SWIFT_BIN $CSV $3 --rows $2" ;;
    xlsxwriter) echo "$PY $SCRIPT_DIR/xlsx_peer.py $CSV $3 --rows $2" ;;
    xlsxwriter-naive) echo "$PY $SCRIPT_DIR/xlsx_peer.py $CSV $3 --rows $2 --naive" ;;
  esac
}

run_one() {  # tool rows round -> "wall peak"
  local out=$WORK/$1.xlsx
  # shellcheck disable=SC2046
  $GNU_TIME -f '%e %M' -o "$WORK/time" $(command_for "$1" "$2" "$out") 2> "$WORK/detail"
  local measured detail
  measured=$(tail -1 "$WORK/time")
  detail=$(grep -v '^Command' "$WORK/detail" | tail -1 | tr ',' ';')
  echo "$1,$2,$3,${measured% *},${measured#* },$detail" >> "$RAW"
  echo "$measured"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
cat "$CSV" > /dev/null
log "checking that both tools write the same sheet (10,000 rows)"
SAME="identical sheet XML"
a=""
for tool in $TOOLS; do
  # shellcheck disable=SC2046
  $(command_for $tool 10000 "$WORK/check-$tool.xlsx") 2>/dev/null
  b=$(unzip -p "$WORK/check-$tool.xlsx" xl/worksheets/sheet1.xml | md5sum)
  [[ -z $a || $a == "$b" ]] || SAME="sheet XML differs"
  a=$b
done
log "$SAME"

declare -A WALL PEAK
for ((round = 1; round <= RUNS; round++)); do
  if ((round % 2)); then order=$TOOLS; else order=$(echo "$TOOLS" | tr ' ' '\n' | tac | xargs); fi
  for tool in $order; do
    log "round $round/$RUNS: $tool, $ROWS rows"
    read -r wall peak < <(run_one "$tool" "$ROWS" "$round")
    WALL[$tool]+="$wall "
    PEAK[$tool]+="$peak "
  done
done

echo
echo "Rows: $ROWS; rounds: $RUNS; $SAME; $(nproc) cores; load average before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| tool | median wall (s) | median peak RSS (MB) | runs (s) |"
echo "|---|---:|---:|---|"
for tool in $TOOLS; do
  w=$(echo "${WALL[$tool]}" | tr ' ' '\n' | grep . | median)
  p=$(echo "${PEAK[$tool]}" | tr ' ' '\n' | grep . | median)
  printf '| %s | %.2f | %.0f | %s |\n' "$tool" "$w" "$(echo "$p / 1024" | bc -l)" "$(echo "${WALL[$tool]}" | xargs)"
done
bw=$(echo "${WALL[backbone]}" | tr ' ' '\n' | grep . | median)
xw=$(echo "${WALL[xlsxwriter]}" | tr ' ' '\n' | grep . | median)
printf '\nXlsxWriter / Backbone wall time: %.1f×\n' "$(echo "$xw / $bw" | bc -l)"
if [[ $TOOLS == *naive* ]]; then
  nw=$(echo "${WALL[xlsxwriter-naive]}" | tr ' ' '\n' | grep . | median)
  printf 'XlsxWriter (naive script) / Backbone wall time: %.1f×\n' "$(echo "$nw / $bw" | bc -l)"
fi

if [[ -n $MEMORY_ROWS ]]; then
  echo
  # xlsx-write always reads the whole 1M-row CSV into a table; --rows limits only the writing.
  echo "| rows written | backbone peak RSS (MB) | backbone RSS after reading the CSV (MB) | backbone writer's share (MB) | xlsxwriter peak RSS (MB) |"
  echo "|---:|---:|---:|---:|---:|"
  for n in ${MEMORY_ROWS//,/ }; do
    read -r _ bpeak < <(run_one backbone "$n" memory)
    read -r _ xpeak < <(run_one xlsxwriter "$n" memory)
    table=$(grep "^backbone,$n,memory" "$RAW" | tail -1 | grep -o 'rss_after_read_kb=[0-9]*' | cut -d= -f2)
    printf '| %d | %.0f | %.0f | %.0f | %.0f |\n' "$n" "$(echo "$bpeak / 1024" | bc -l)" "$(echo "${table:-0} / 1024" | bc -l)" \
      "$(echo "($bpeak - ${table:-0}) / 1024" | bc -l)" "$(echo "$xpeak / 1024" | bc -l)"
  done
fi
echo
echo "Raw runs: $RAW"
