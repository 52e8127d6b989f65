#!/usr/bin/env bash
# Instructions per call of the Statistics kernels, SIMD (the library) against scalar (the copies
# in Benchmarks/Benchmarks/StatisticsBenchmarkSupport), counted by callgrind.
#
# Why: package-benchmark's `.instructions` metric reads hardware counters through
# perf_event_open, which fails (ENOENT) on virtual machines that expose no PMU. Callgrind
# counts executed instructions (Ir) exactly and deterministically, at the cost of running
# 20-100 times slower.
#
# Usage: Benchmarks/scripts/statistics_instructions.sh [--quick]
#   --quick  skip Mann-Kendall at n = 100,000 (each call there runs for minutes under callgrind)
#
# Method: for each size n the driver is run once with 0 calls (input generation and process
# start-up only) and, per kernel and version, with CALLS calls; instructions per call =
# (Ir(CALLS) - Ir(0)) / CALLS. Prints a Markdown table on stdout.
set -euo pipefail

QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v valgrind >/dev/null || { echo "error: valgrind is not installed" >&2; exit 69; }

swift build -c release --package-path "$HERE" --product StatisticsInstructionCounts >&2
DRIVER="$HERE/.build/release/StatisticsInstructionCounts"

# Ir of one run of the driver.
ir() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$DRIVER" "$@" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

declare -A BASE
row() {  # row KERNEL N CALLS
  local kernel=$1 n=$2 calls=$3
  [[ -n "${BASE[$n]:-}" ]] || BASE[$n]=$(ir "$kernel" simd "$n" 0)
  local simd scalar
  simd=$(( ($(ir "$kernel" simd "$n" "$calls") - BASE[$n]) / calls ))
  scalar=$(( ($(ir "$kernel" scalar "$n" "$calls") - BASE[$n]) / calls ))
  awk -v k="$kernel" -v n="$n" -v a="$simd" -v b="$scalar" \
    'BEGIN { printf "| %s | %s | %.0f | %.0f | %.2f |\n", k, n, a, b, b / a }'
}

echo "| kernel | n | SIMD instructions/call | scalar instructions/call | scalar ÷ SIMD |"
echo "|---|---:|---:|---:|---:|"
for n in 16 1000 100000; do
  case $n in 16) c=1000 ;; 1000) c=100 ;; *) c=10 ;; esac
  row descriptive $n $c
  row ols $n $c
done
row mannkendall 16 1000
row mannkendall 1000 10
[[ $QUICK == 1 ]] || row mannkendall 100000 1
row sen 16 1000
row sen 1000 10
row sen 10000 1
