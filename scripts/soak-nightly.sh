#!/bin/sh
# Soak test of the nightly job (not run by CI): runs examples/nightly.yaml N times (default
# 1,000) in a scratch copy, over inputs that change every night, and checks the outputs and the
# run history after each run and at the end.
#
#   scripts/soak-nightly.sh [N] [KILL_EVERY]
#
# Every night Peru's 2022 value is revised (so every report changes and "what changed" lists a
# revision); every 7th night a new year is published for Bangladesh; every 10th night a broken
# record is appended (the run must fail with 65 and leave the previous outputs byte for byte,
# and the next night repairs the file); every KILL_EVERY-th night (default 25) the run is killed
# with SIGKILL after a random delay, and the next run must succeed. At the end the history must
# hold exactly one record per run, with the right statuses, and `backbone diff` must work.
# Prints one summary line and exits non-zero at the first failed check.
set -eu
N=${1:-1000}
KILL_EVERY=${2:-25}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BACKBONE=${BACKBONE:-$ROOT/.build/debug/backbone}
[ -x "$BACKBONE" ] || { echo "build first: swift build (or set BACKBONE)" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/backbone-soak.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/examples" "$WORK/fixtures/chains"
cp "$ROOT/examples/nightly.yaml" "$WORK/examples/"
cp -r "$ROOT/indicators" "$ROOT/templates" "$WORK/"
cp "$ROOT/fixtures/chains/healthy-weight.csv" "$WORK/fixtures/chains/"
ORIGINAL="$WORK/original.csv"
cp "$ROOT/fixtures/owid-child-mortality-3-countries.csv" "$ORIGINAL"
DATA="$WORK/fixtures/owid-child-mortality-3-countries.csv"
JOB="$WORK/examples/nightly.yaml"
OUT="$WORK/examples/reports"

fail() { echo "soak: night $1: $2" >&2; exit 1; }

good=0 bad=0 killed=0 extra_years=0
i=1
while [ "$i" -le "$N" ]; do
  # Tonight's data: Peru 2022 revised; one more Bangladesh year every 7th night.
  value=$(awk -v i="$i" 'BEGIN { printf "%.3f", 1.5 + (i % 97) / 1000 }')
  shortest=$(echo "$value" | sed 's/0*$//; s/\.$//')
  [ $((i % 7)) -eq 0 ] && extra_years=$((extra_years + 1))
  sed "s/^Peru,PER,2022,.*/Peru,PER,2022,$value/" "$ORIGINAL" > "$DATA"
  y=1
  while [ "$y" -le "$extra_years" ]; do
    echo "Bangladesh,BGD,$((2022 + y)),$(awk -v y="$y" 'BEGIN { printf "%.3f", 2.9 - y / 1000 }')" >> "$DATA"
    y=$((y + 1))
  done

  if [ $((i % 10)) -eq 0 ]; then
    # A broken record: 65, and the previous outputs stay as they were.
    echo "Peru,PER,2099,1.0,unexpected" >> "$DATA"
    cp -r "$OUT" "$WORK/before"
    set +e; "$BACKBONE" run "$JOB" --quiet 2> "$WORK/err"; status=$?; set -e
    [ "$status" -eq 65 ] || fail "$i" "bad input gave exit $status, expected 65: $(cat "$WORK/err")"
    diff -r "$WORK/before" "$OUT" > /dev/null || fail "$i" "a failed run changed the outputs"
    rm -rf "$WORK/before"
    bad=$((bad + 1))
  elif [ $((i % KILL_EVERY)) -eq 0 ]; then
    # SIGKILL after a random delay of 0-150 ms; the next night must succeed.
    delay=$(awk -v i="$i" 'BEGIN { srand(i); printf "%.3f", rand() * 0.15 }')
    "$BACKBONE" run "$JOB" --quiet 2>/dev/null &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    killed=$((killed + 1))
  else
    set +e; "$BACKBONE" run "$JOB" --quiet 2> "$WORK/err"; status=$?; set -e
    [ "$status" -eq 0 ] || fail "$i" "exit $status: $(cat "$WORK/err")"
    # --quiet prints nothing on success, except the warnings about a run killed the night
    # before (cron should mail those).
    if grep -v 'warning \[nightly\] .*interrupted run\|warning \[nightly\] run [0-9]* was interrupted' "$WORK/err" | grep -q .; then
      fail "$i" "--quiet printed on success: $(cat "$WORK/err")"
    fi
    # The key results carry tonight's Peru value; the JSON parses; no temporary file is left.
    grep -q "^Under-five mortality rate,PER,,2022,$shortest," "$OUT/nightly-key-results.csv" \
      || fail "$i" "the key results do not show Peru 2022 = $value"
    python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$OUT/nightly.json" || fail "$i" "nightly.json is not JSON"
    if ls -a "$OUT" | grep -q '\.tmp-'; then fail "$i" "temporary files left in $OUT"; fi
    good=$((good + 1))
  fi
  i=$((i + 1))
done

# The history: one record per run that got as far as recording itself; statuses as expected.
"$BACKBONE" history "$JOB" --json > "$WORK/history.json"
python3 - "$WORK/history.json" "$good" "$bad" "$killed" <<'EOF'
import json, sys
runs = json.load(open(sys.argv[1]))["runs"]
good, bad, killed = map(int, sys.argv[2:5])
status = {}
for r in runs:
    status[r["status"]] = status.get(r["status"], 0) + 1
# A killed run is recorded as interrupted if it had begun, or as succeeded if it finished first.
assert status.get("failed", 0) == bad, status
assert good <= status.get("succeeded", 0) <= good + killed, status
assert status.get("interrupted", 0) <= killed, status
assert status.get("running", 0) == 0, status
assert len(runs) >= good + bad, (len(runs), good, bad)
for r in runs:
    states = [o["state"] for o in r["outputs"]]
    if r["status"] == "succeeded":
        assert states == ["written"] * 3, (r["id"], states)
    if r["status"] == "failed":
        assert all(s == "abandoned" for s in states), (r["id"], states)
ids = [r["id"] for r in runs]
assert ids == sorted(ids) and len(set(ids)) == len(ids)
print(f"soak: {len(runs)} runs recorded: {status}")
EOF
"$BACKBONE" diff "$JOB" > "$WORK/diff.txt"
grep -q "PER): 2022 revised from" "$WORK/diff.txt" || { echo "soak: diff does not show the revision" >&2; cat "$WORK/diff.txt" >&2; exit 1; }
echo "soak: $N nights: $good good, $bad bad input (65, outputs kept), $killed killed (next night succeeded); history and outputs checked"
