#!/usr/bin/env bash
# Runs the fuzz target (built by fuzz/run.sh) on the given inputs and prints, for each, the
# input as hex and the broken invariant or sanitizer report, or "passes".
#
#   fuzz/repro.sh fuzz/out/crash-*
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
for f in "$@"; do
  echo "=== $f ($(stat -c %s "$f") bytes)"
  xxd -l 512 "$f"
  report="$(SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="detect_leaks=1" timeout 60 "$HERE/build/fuzz-reader" "$f" 2>&1 \
    | grep -A6 -E 'Fatal error|ERROR: AddressSanitizer|ERROR: LeakSanitizer|ERROR: libFuzzer: timeout' \
    | grep -vE '^ +#[0-9]|ERROR: libFuzzer: deadly signal|^--$' | cut -c1-600)"
  echo "${report:-passes}"
done
