#!/usr/bin/env bash
# XLSX (b): the per-series summary of the 10M-row benchmark file behind a 20-row summary sheet,
# Backbone's XLSX wrapper (libxlsxwriter) against Python's XlsxWriter, both in constant-memory
# mode, side by side.
#
# Usage: Benchmarks/scripts/xlsx_summary_compare.sh [--runs R] [--no-build]
#
#   --runs R      timed rounds (default 3); each round runs both tools, the starting tool
#                 alternating, so machine noise hits both alike
#   --no-build    use the existing release build of xlsx-summary
#
# What it does:
#   1. Benchmarks/.venv (python3 -m venv) with xlsxwriter, if missing.
#   2. Benchmarks/data/indicators_10M.csv via generate_indicators.py, if missing, and from it
#      Benchmarks/data/series_summary_10M.csv via series_summary.py (one row per series,
#      12 columns), if missing. Neither is timed: both tools start from the summary CSV.
#   3. swift build -c release --package-path Benchmarks --product xlsx-summary.
#   4. Warms the page cache, checks once that both tools write the same sheet XML (both
#      sheets, whole file), then times the rounds with /usr/bin/time -f '%e %M' (wall seconds,
#      peak RSS in kB).
#   5. Prints a Markdown table of medians, and keeps every run in
#      Benchmarks/data/xlsx-summary-runs-<date>.csv.
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
BENCH=$(cd -- "$SCRIPT_DIR/.." && pwd)
VENV=$BENCH/.venv
DATA=$BENCH/data
SOURCE=$DATA/indicators_10M.csv
CSV=$DATA/series_summary_10M.csv
GNU_TIME=/usr/bin/time

RUNS=3
BUILD=1
TOOLS="backbone xlsxwriter"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
done
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
if [[ ! -s $SOURCE ]]; then
  log "generating $SOURCE"
  "$PY" "$SCRIPT_DIR/generate_indicators.py" --rows 10M --out "$SOURCE" >&2
fi
if [[ ! -s $CSV ]]; then
  log "summarising $SOURCE per series into $CSV"
  "$PY" "$SCRIPT_DIR/series_summary.py" "$SOURCE" "$CSV"
fi
if [[ $BUILD -eq 1 ]]; then
  log "building xlsx-summary (release)"
  swift build -c release --package-path "$BENCH" --product xlsx-summary >&2
fi
SWIFT_BIN=$(swift build -c release --package-path "$BENCH" --show-bin-path)/xlsx-summary
[[ -x $SWIFT_BIN ]] || die "$SWIFT_BIN is missing; run without --no-build"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/xlsx-summary-compare.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
RAW=$DATA/xlsx-summary-runs-$(date +%Y%m%d-%H%M%S).csv
echo "tool,round,wall_s,peak_kb,detail" > "$RAW"

command_for() {  # tool out
  case $1 in
    backbone) echo "$SWIFT_BIN $CSV $2" ;;
    xlsxwriter) echo "$PY $SCRIPT_DIR/xlsx_summary_peer.py $CSV $2" ;;
  esac
}

run_one() {  # tool round -> "wall peak"
  local out=$WORK/$1.xlsx
  # shellcheck disable=SC2046
  $GNU_TIME -f '%e %M' -o "$WORK/time" $(command_for "$1" "$out") 2> "$WORK/detail"
  local measured detail
  measured=$(tail -1 "$WORK/time")
  detail=$(grep -v '^Command' "$WORK/detail" | tail -1 | tr ',' ';')
  echo "$1,$2,${measured% *},${measured#* },$detail" >> "$RAW"
  echo "$measured"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
cat "$CSV" > /dev/null
SERIES=$(($(wc -l < "$CSV") - 1))
log "checking that both tools write the same sheets ($SERIES series)"
SAME="identical sheet XML"
a=""
for tool in $TOOLS; do
  # shellcheck disable=SC2046
  $(command_for $tool "$WORK/check-$tool.xlsx") 2>/dev/null
  b=$( (unzip -p "$WORK/check-$tool.xlsx" xl/worksheets/sheet1.xml; unzip -p "$WORK/check-$tool.xlsx" xl/worksheets/sheet2.xml) | md5sum)
  [[ -z $a || $a == "$b" ]] || SAME="sheet XML differs"
  a=$b
done
rm -f "$WORK"/check-*.xlsx
log "$SAME"

declare -A WALL PEAK
for ((round = 1; round <= RUNS; round++)); do
  if ((round % 2)); then order=$TOOLS; else order=$(echo "$TOOLS" | tr ' ' '\n' | tac | xargs); fi
  for tool in $order; do
    log "round $round/$RUNS: $tool"
    read -r wall peak < <(run_one "$tool" "$round")
    WALL[$tool]+="$wall "
    PEAK[$tool]+="$peak "
  done
done

echo
echo "Series rows: $SERIES (12 columns) + a 20-row Summary sheet; rounds: $RUNS; $SAME; $(nproc) cores;" \
  "load average before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)"
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
echo
echo "Raw runs: $RAW"
