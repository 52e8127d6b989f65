#!/bin/sh
# The SIGKILL test of `backbone run` with many seeds (CI runs 20): each seed kills a run of a
# job at a random moment and checks that every output is the previous one or the killed run's,
# whole, that a mix happens only past the point of no return and is completed by the next run,
# and that the next run succeeds.
#
#   scripts/kill-test.sh [SEEDS]     (default 500; builds the tests first)
set -eu
cd "$(dirname "$0")/.."
swift build --build-tests >&2
BACKBONE_KILL_SEEDS=${1:-500} swift test --skip-build --filter sigkillAtRandomMomentsLeavesOldOrNewOutputs 2>&1 |
  grep -E '^sigkill:|✘|Test run'
