#!/usr/bin/env bash
# What assessing a results chain adds to `backbone analyze` on the same data.
#
# Usage: Benchmarks/scripts/chain_overhead.sh [--size 1M] [--steps 50] [--runs 5] [--no-build]
#
#   1. Benchmarks/data/indicators_<SIZE>.csv via generate_indicators.py, if missing.
#   2. Benchmarks/data/chain_<STEPS>.yaml via generate_chain.py (every benchmark indicator
#      declared in the chain, so no definitions directory is needed).
#   3. swift build -c release (unless --no-build).
#   4. RUNS rounds, each running, from an empty directory (no ./indicators):
#        analyze: backbone analyze DATA --quiet --format csv > /dev/null
#        chain:   backbone chain CHAIN DATA --verbose --format json > /dev/null
#      alternately (the first tool alternating by round). Wall times by bash $EPOCHREALTIME;
#      `chain --verbose` also prints the time of the assessment itself.
#   5. The medians, and the assessment's share of the analyze time.
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
BENCH=$(cd -- "$SCRIPT_DIR/.." && pwd)
ROOT=$(cd -- "$BENCH/.." && pwd)
SIZE=1M
STEPS=50
RUNS=5
BUILD=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --size) SIZE=$2; shift 2 ;;
    --steps) STEPS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done

DATA=$BENCH/data/indicators_$SIZE.csv
CHAIN=$BENCH/data/chain_$STEPS.yaml
mkdir -p "$BENCH/data"
[[ -f $DATA ]] || python3 "$SCRIPT_DIR/generate_indicators.py" --rows "$SIZE" --out "$DATA"
python3 "$SCRIPT_DIR/generate_chain.py" --steps "$STEPS" --out "$CHAIN" >&2
if [[ $BUILD == 1 ]]; then (cd "$ROOT" && swift build -c release >&2); fi
BIN=$ROOT/.build/release/backbone

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

now() { echo "$EPOCHREALTIME"; }
elapsed() { python3 -c "print(f'{$2 - $1:.3f}')"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

analyze_times=()
chain_times=()
assess_times=()
run_analyze() {
  local t0 t1
  t0=$(now); "$BIN" analyze "$DATA" --quiet --format csv > /dev/null; t1=$(now)
  analyze_times+=("$(elapsed "$t0" "$t1")")
}
run_chain() {
  local t0 t1 log
  t0=$(now); log=$("$BIN" chain "$CHAIN" "$DATA" --verbose --format json 2>&1 > /dev/null); t1=$(now)
  chain_times+=("$(elapsed "$t0" "$t1")")
  assess_times+=("$(printf '%s\n' "$log" | sed -n 's/^assessed .* in \([0-9.]*\) s$/\1/p')")
}
for ((r = 1; r <= RUNS; r++)); do
  if ((r % 2)); then run_analyze; run_chain; else run_chain; run_analyze; fi
  echo "round $r: analyze ${analyze_times[-1]} s, chain ${chain_times[-1]} s (assessment ${assess_times[-1]} s)" >&2
done

A=$(median "${analyze_times[@]}")
C=$(median "${chain_times[@]}")
S=$(median "${assess_times[@]}")
echo "| data | chain | analyze (median of $RUNS) | chain (median) | assessment alone (median) | assessment / analyze |"
echo "|---|---|---:|---:|---:|---:|"
echo "| indicators_$SIZE.csv | $STEPS steps | $A s | $C s | $S s | $(python3 -c "print(f'{100 * $S / $A:.2f} %')") |"
