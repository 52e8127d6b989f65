#!/usr/bin/env bash
# Side-by-side load timing: Backbone against DuckDB, Polars, pandas, two Swift CSV
# libraries and `cat` (the page-cache ceiling), on generated indicator CSVs.
#
# Usage: Benchmarks/scripts/compare.sh [--suite load|canonical|analysis-basic|analysis-trend]
#                                      [--sizes 1M,10M] [--runs 5] [--pandas-10m]
#                                      [--no-swift-peers] [--import-baseline]
#                                      [--tools LIST] [--no-build] [--wait-idle SECS]
#
# Suites (default load):
#   load            reading the file into typed columns: backbone inspect --table-only
#                   against DuckDB, Polars, pandas, SwiftCSV, CSV.swift and cat.
#   canonical       Backbone alone: inspect --table-only (the reference), inspect (layout,
#                   canonical observations, summary), convert --canonical -o /dev/null,
#                   and convert -o /dev/null (the raw table written back).
#   analysis-basic  per series n, first, last, mean, min, max, OLS slope, percent change:
#                   backbone analyze --methods basic --format summary against DuckDB
#                   (GROUP BY with regr_slope) and Polars group_by
#                   (Benchmarks/scripts/peers/series_basic.py).
#   analysis-trend  the same plus Mann-Kendall and Sen's slope: backbone analyze against
#                   a NumPy vectorisation and pandas + pymannkendall (1M rows and below
#                   unless --pandas-10m) (Benchmarks/scripts/peers/series_trend.py).
#   The analysis suites check that every tool found the same series and the same sums of
#   OLS slopes (and Sen's slopes, Mann-Kendall S) to 1e-9 relative.
#
# What it does, re-runnable at any point:
#   1. Benchmarks/.venv (python3 -m venv) with duckdb, polars, pandas, if missing.
#   2. Benchmarks/data/indicators_<SIZE>.csv via generate_indicators.py, if missing.
#   3. swift build -c release of Backbone ($ROOT) and of Benchmarks/Peers.
#   4. Per size: warm the page cache (cat once), then RUNS rounds; every round runs
#      every tool once (round-robin, starting tool rotated each round) so machine
#      noise hits all tools alike. Wall clock and peak RSS come from
#      /usr/bin/time -f '%e %M'; the table's wall time is the higher-resolution
#      bash $EPOCHREALTIME around the same command (GNU time's %e has 10 ms steps).
#   5. A Markdown table per size on stdout, and every raw run in
#      Benchmarks/results/compare-<date>.csv.
#
# Tools: backbone (`backbone inspect FILE --quiet`, skipped with a warning if it
# does not build or the command fails), duckdb (threads=2, CREATE TABLE AS
# read_csv), polars (POLARS_MAX_THREADS=2, pl.read_csv), pandas (pd.read_csv;
# sizes up to 1M rows unless --pandas-10m), swiftcsv and csvswift (Benchmarks/Peers;
# sizes up to 1M rows only, they are slow), cat (FILE > /dev/null).
#
# --tools LIST       only these tools (comma list of the names above, plus
#                    duckdb-import, polars-import, pandas-import)
# --import-baseline  also time a bare `import` of each Python library
# --no-build         use the existing release binaries
# --wait-idle SECS   before each run, wait (up to SECS) until the rest of the
#                    machine uses under 15% of a core; for shared machines
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
BENCH=$(cd -- "$SCRIPT_DIR/.." && pwd)
ROOT=$(cd -- "$BENCH/.." && pwd)
VENV=$BENCH/.venv
DATA=$BENCH/data
RESULTS=$BENCH/results
PEERS=$BENCH/Peers
GENERATOR=$SCRIPT_DIR/generate_indicators.py
GNU_TIME=/usr/bin/time

SUITE=load
SIZES=1M,10M
RUNS=5
PANDAS_BIG=0
SWIFT_PEERS=1
IMPORT_BASELINE=0
ONLY_TOOLS=""
BUILD=1
WAIT_IDLE=0
SMALL_LIMIT=1000000   # pandas (by default) and the Swift peers run only up to this many rows

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --suite) [[ $# -ge 2 ]] || die "--suite needs a value"; SUITE=$2; shift 2 ;;
    --suite=*) SUITE=${1#*=}; shift ;;
    --sizes) [[ $# -ge 2 ]] || die "--sizes needs a value"; SIZES=$2; shift 2 ;;
    --sizes=*) SIZES=${1#*=}; shift ;;
    --runs) [[ $# -ge 2 ]] || die "--runs needs a value"; RUNS=$2; shift 2 ;;
    --runs=*) RUNS=${1#*=}; shift ;;
    --pandas-10m) PANDAS_BIG=1; shift ;;
    --no-swift-peers) SWIFT_PEERS=0; shift ;;
    --import-baseline) IMPORT_BASELINE=1; shift ;;
    --tools) [[ $# -ge 2 ]] || die "--tools needs a value"; ONLY_TOOLS=$2; shift 2 ;;
    --tools=*) ONLY_TOOLS=${1#*=}; shift ;;
    --no-build) BUILD=0; shift ;;
    --wait-idle) [[ $# -ge 2 ]] || die "--wait-idle needs a value"; WAIT_IDLE=$2; shift 2 ;;
    --wait-idle=*) WAIT_IDLE=${1#*=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
done
case $SUITE in load|canonical|analysis-basic|analysis-trend) ;; *) die "unknown suite '$SUITE'" ;; esac
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, got '$RUNS'"
[[ $WAIT_IDLE =~ ^[0-9]+$ ]] || die "--wait-idle must be a number of seconds, got '$WAIT_IDLE'"

# "1M" -> 1000000, "250K" -> 250000, "5000" -> 5000
size_rows() {
  local s=${1^^}
  case $s in
    *K) s=${s%K}; [[ $s =~ ^[0-9]+$ ]] && echo $((s * 1000)) ;;
    *M) s=${s%M}; [[ $s =~ ^[0-9]+$ ]] && echo $((s * 1000000)) ;;
    *) [[ $s =~ ^[0-9]+$ ]] && echo "$s" ;;
  esac
}

# Is TOOL selected by --tools (all are, without it)?
wanted() { [[ -z $ONLY_TOOLS || ,$ONLY_TOOLS, == *,$1,* ]]; }

IFS=, read -r -a SIZE_LIST <<<"$SIZES"
[[ ${#SIZE_LIST[@]} -gt 0 ]] || die "--sizes is empty"
for s in "${SIZE_LIST[@]}"; do
  [[ -n $(size_rows "$s") ]] || die "bad size '$s' (use e.g. 1M, 10M, 500K)"
done

[[ -x $GNU_TIME ]] || die "GNU time not found at $GNU_TIME (apt-get install time)"
command -v python3 >/dev/null || die "python3 not found"
command -v swift >/dev/null || die "swift not found on PATH"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/backbone-compare.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# --- 1. Python environment ---------------------------------------------------
PY=$VENV/bin/python
if [[ ! -x $PY ]]; then
  log "creating virtual environment $VENV"
  python3 -m venv "$VENV" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
fi
if ! "$PY" -c 'import duckdb, polars, pandas' 2>/dev/null; then
  log "installing duckdb, polars, pandas into $VENV"
  "$PY" -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
  "$PY" -m pip install --quiet duckdb polars pandas || die "pip install duckdb polars pandas failed"
fi
if [[ $SUITE == analysis-trend ]] && ! "$PY" -c 'import numpy, pymannkendall' 2>/dev/null; then
  log "installing numpy, pymannkendall into $VENV"
  "$PY" -m pip install --quiet numpy pymannkendall || die "pip install numpy pymannkendall failed"
fi
PY_VERSIONS=$("$PY" -c 'import sys, duckdb, polars, pandas; print("python %s, duckdb %s, polars %s, pandas %s" % (sys.version.split()[0], duckdb.__version__, polars.__version__, pandas.__version__))')
[[ $SUITE == analysis-trend ]] && PY_VERSIONS+=$("$PY" -c 'import numpy, importlib.metadata as m; print(", numpy %s, pymannkendall %s" % (numpy.__version__, m.version("pymannkendall")))')
PEER_SCRIPTS=$SCRIPT_DIR/peers

# --- 2. Data -----------------------------------------------------------------
mkdir -p "$DATA" "$RESULTS"
for s in "${SIZE_LIST[@]}"; do
  f=$DATA/indicators_${s^^}.csv
  if [[ ! -s $f ]]; then
    log "generating $f ($(size_rows "$s") rows)"
    "$PY" "$GENERATOR" --rows "$(size_rows "$s")" --out "$f" >&2 || die "generator failed for $s"
  fi
done

# --- 3. Builds ----------------------------------------------------------------
BACKBONE=""
BB_BUILT=""
BB_BIN=$ROOT/.build/release/backbone
if [[ $SUITE != load ]] || wanted backbone; then
  bb_ok=1
  if [[ $BUILD == 1 ]]; then
    log "building Backbone (release): swift build -c release --package-path $ROOT"
    if ! swift build -c release --package-path "$ROOT" >"$WORK/build-backbone.log" 2>&1; then
      warn "Backbone release build failed; backbone is skipped (an older binary is not timed). Last lines of the build log:"
      tail -n 15 "$WORK/build-backbone.log" >&2
      bb_ok=0
    fi
  fi
  if [[ $bb_ok == 1 && ! -x $BB_BIN ]]; then
    warn "no Backbone binary at $BB_BIN; backbone is skipped"
  elif [[ $bb_ok == 1 ]]; then
    # Time a private copy, so a rebuild of $ROOT during the rounds cannot swap the
    # binary between runs (the Swift runtime is found through the absolute rpath).
    mkdir -p "$WORK/bin"
    cp "$BB_BIN" "$WORK/bin/backbone"
    BB_BUILT=$(date -r "$BB_BIN" '+%Y-%m-%d %H:%M:%S')
    # Probe the command on a small sample before timing it.
    head -n 1001 "$DATA/indicators_${SIZE_LIST[0]^^}.csv" >"$WORK/probe.csv"
    if "$WORK/bin/backbone" inspect "$WORK/probe.csv" --quiet >"$WORK/probe.out" 2>&1; then
      BACKBONE=$WORK/bin/backbone
    else
      warn "'backbone inspect FILE --quiet' failed on a 1,000-row sample; backbone is skipped:"
      tail -n 5 "$WORK/probe.out" >&2
    fi
  fi
fi

PEERS_BIN=""
if [[ $SWIFT_PEERS == 1 ]] && { wanted swiftcsv || wanted csvswift; }; then
  need_peers=0
  for s in "${SIZE_LIST[@]}"; do (($(size_rows "$s") <= SMALL_LIMIT)) && need_peers=1; done
  if [[ $need_peers == 1 ]]; then
    peers_ok=1
    if [[ $BUILD == 1 ]]; then
      log "building Swift peers (release): swift build -c release --package-path $PEERS"
      if ! swift build -c release --package-path "$PEERS" >"$WORK/build-peers.log" 2>&1; then
        warn "Swift peers build failed; swiftcsv and csvswift are skipped. Last lines:"
        tail -n 15 "$WORK/build-peers.log" >&2
        peers_ok=0
      fi
    fi
    pb=$PEERS/.build/release
    if [[ $peers_ok == 0 ]]; then
      :
    elif [[ -x $pb/swiftcsv-peer && -x $pb/csvswift-peer ]]; then
      mkdir -p "$WORK/peers"
      cp "$pb/swiftcsv-peer" "$pb/csvswift-peer" "$WORK/peers/"
      PEERS_BIN=$WORK/peers
    else
      warn "Swift peer binaries missing under $pb; swiftcsv and csvswift are skipped"
    fi
  fi
fi

# --- 4. Timing -----------------------------------------------------------------
# One tool run: runs the command under GNU time; prints "wall_s gnu_e_s maxrss_kb status".
DUCKDB_PY='import sys, duckdb
q = chr(39)
path = q + sys.argv[1].replace(q, q + q) + q
con = duckdb.connect()
con.execute("SET threads=2")
con.execute("CREATE TABLE t AS SELECT * FROM read_csv(" + path + ")")
print(con.execute("SELECT count(*) FROM t").fetchone()[0])'
POLARS_PY='import sys, polars as pl
df = pl.read_csv(sys.argv[1])
print(df.height)'
PANDAS_PY='import sys, pandas as pd
df = pd.read_csv(sys.argv[1])
print(len(df))'

run_tool() { # TOOL FILE OUT ERR
  local tool=$1 file=$2 out=$3 err=$4 tf=$WORK/time.out t0 t1 status=0
  local -a cmd
  case $tool in
    backbone) cmd=("$BACKBONE" inspect "$file" --quiet --table-only) ;;
    backbone-inspect) cmd=("$BACKBONE" inspect "$file" --quiet) ;;
    backbone-canonical) cmd=("$BACKBONE" convert "$file" --canonical -o /dev/null --format csv --quiet) ;;
    backbone-convert) cmd=("$BACKBONE" convert "$file" -o /dev/null --format csv --quiet) ;;
    backbone-basic) cmd=("$BACKBONE" analyze "$file" --methods basic --format summary --verbose) ;;
    backbone-trend) cmd=("$BACKBONE" analyze "$file" --format summary --verbose) ;;
    duckdb-basic) cmd=("$PY" "$PEER_SCRIPTS/series_basic.py" duckdb "$file") ;;
    polars-basic) cmd=(env POLARS_MAX_THREADS=2 "$PY" "$PEER_SCRIPTS/series_basic.py" polars "$file") ;;
    numpy-trend) cmd=("$PY" "$PEER_SCRIPTS/series_trend.py" numpy "$file") ;;
    pandas-trend) cmd=("$PY" "$PEER_SCRIPTS/series_trend.py" pandas "$file") ;;
    duckdb) cmd=("$PY" -c "$DUCKDB_PY" "$file") ;;
    polars) cmd=(env POLARS_MAX_THREADS=2 "$PY" -c "$POLARS_PY" "$file") ;;
    pandas) cmd=("$PY" -c "$PANDAS_PY" "$file") ;;
    swiftcsv) cmd=("$PEERS_BIN/swiftcsv-peer" "$file") ;;
    csvswift) cmd=("$PEERS_BIN/csvswift-peer" "$file") ;;
    cat) cmd=(cat "$file") ; out=/dev/null ;;
    duckdb-import) cmd=("$PY" -c 'import duckdb; duckdb.connect()') ;;
    polars-import) cmd=(env POLARS_MAX_THREADS=2 "$PY" -c 'import polars') ;;
    pandas-import) cmd=("$PY" -c 'import pandas') ;;
    *) die "internal: unknown tool $tool" ;;
  esac
  local b0 b1
  b0=$(cpu_busy_ticks)
  t0=$EPOCHREALTIME
  "$GNU_TIME" -f '%e %M %U %S' -o "$tf" -- "${cmd[@]}" >"$out" 2>"$err" || status=$?
  t1=$EPOCHREALTIME
  b1=$(cpu_busy_ticks)
  local e="" rss="" us="" ss=""
  read -r e rss us ss < <(tail -n 1 "$tf" 2>/dev/null) || true
  # GNU time writes "Command exited with non-zero status N" before the numbers.
  [[ $e =~ ^[0-9.]+$ ]] || e=NA
  [[ $rss =~ ^[0-9]+$ ]] || rss=NA
  [[ $us =~ ^[0-9.]+$ ]] || us=NA
  [[ $ss =~ ^[0-9.]+$ ]] || ss=NA
  # other_cpu_s: CPU time the whole machine spent during the run (/proc/stat) minus the
  # tool's own user+sys. Near 0 on a quiet machine; seconds mean the run shared the
  # cores with other work (a build, another benchmark) and its time is suspect.
  awk -v a="$t0" -v b="$t1" -v e="$e" -v m="$rss" -v u="$us" -v y="$ss" -v s="$status" \
    -v b0="$b0" -v b1="$b1" -v hz="$CLK_TCK" 'BEGIN {
      o = "NA"
      if (u != "NA" && y != "NA") { o = (b1 - b0) / hz - u - y; if (o < 0) o = 0; o = sprintf("%.2f", o) }
      printf "%.4f %s %s %s %s %s %s\n", b - a, e, m, u, y, o, s }'
}

# Busy jiffies of all CPUs since boot (user nice system irq softirq steal).
cpu_busy_ticks() {
  local _ u n sy id io irq sirq st _rest
  read -r _ u n sy id io irq sirq st _rest </proc/stat
  echo $((u + n + sy + irq + sirq + st))
}
CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)

# Wait until the machine is quiet: under 15% of one core busy over one second.
wait_idle() {
  local waited=0 b0 b1
  while ((waited < WAIT_IDLE)); do
    b0=$(cpu_busy_ticks)
    sleep 1
    b1=$(cpu_busy_ticks)
    (((b1 - b0) * 100 < 15 * CLK_TCK)) && return 0
    waited=$((waited + 1))
  done
  ((WAIT_IDLE == 0)) || warn "machine still busy after ${WAIT_IDLE}s of waiting; running anyway"
}

# Row count each tool printed, for a sanity check against the generated size.
printed_rows() {
  sed -n 's/^rows=\([0-9]*\).*/\1/p; /^[0-9][0-9]*$/p' "$1" | tail -n 1
}

STAMP=$(date +%Y%m%d-%H%M%S)
CSV_OUT=$RESULTS/compare-$STAMP.csv
echo "timestamp,size,rows,file_bytes,round,tool,wall_s,gnu_time_s,max_rss_kb,user_s,sys_s,other_cpu_s,exit_status" >"$CSV_OUT"

SWIFT_VERSION=$(swift --version 2>/dev/null | head -n 1)
BB_REV=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "no commit")
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)

echo "# Backbone load comparison ($(date '+%Y-%m-%d %H:%M'))"
echo
echo "- machine: ${CPU:-unknown CPU}, $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB"
echo "- $SWIFT_VERSION; Backbone at $BB_REV${BB_BUILT:+ (binary built $BB_BUILT)}; $PY_VERSIONS"
echo "- rounds per size: $RUNS, tools interleaved round-robin after one warm-up cat of the file"
echo

for s in "${SIZE_LIST[@]}"; do
  S=${s^^}
  rows=$(size_rows "$s")
  file=$DATA/indicators_$S.csv
  bytes=$(stat -c %s "$file")

  tools=()
  case $SUITE in
    load)
      [[ -n $BACKBONE ]] && tools+=(backbone)
      tools+=(duckdb polars)
      ((rows <= SMALL_LIMIT || PANDAS_BIG)) && tools+=(pandas)
      if [[ -n $PEERS_BIN ]] && ((rows <= SMALL_LIMIT)); then tools+=(swiftcsv csvswift); fi
      tools+=(cat)
      ((IMPORT_BASELINE)) && tools+=(duckdb-import polars-import pandas-import) ;;
    canonical) [[ -n $BACKBONE ]] && tools+=(backbone backbone-inspect backbone-canonical backbone-convert) ;;
    analysis-basic)
      [[ -n $BACKBONE ]] && tools+=(backbone-basic)
      tools+=(duckdb-basic polars-basic) ;;
    analysis-trend)
      [[ -n $BACKBONE ]] && tools+=(backbone-trend)
      tools+=(numpy-trend)
      ((rows <= SMALL_LIMIT || PANDAS_BIG)) && tools+=(pandas-trend) ;;
  esac
  if [[ -n $ONLY_TOOLS ]]; then
    kept=()
    for t in "${tools[@]}"; do [[ ,$ONLY_TOOLS, == *,$t,* ]] && kept+=("$t"); done
    tools=("${kept[@]}")
  fi
  [[ ${#tools[@]} -gt 0 ]] || { warn "no tools selected for $S"; continue; }

  log "$S: $file ($rows rows, $bytes bytes); tools: ${tools[*]}; $RUNS rounds"
  cat "$file" >/dev/null # warm the page cache

  declare -A dead=()
  n=${#tools[@]}
  for ((r = 1; r <= RUNS; r++)); do
    for ((k = 0; k < n; k++)); do
      t=${tools[$(((k + r - 1) % n))]}
      [[ -n ${dead[$t]:-} ]] && continue
      ((WAIT_IDLE == 0)) || wait_idle
      res=$(run_tool "$t" "$file" "$WORK/$t.out" "$WORK/$t.err")
      read -r wall e rss us ss other status <<<"$res"
      echo "$(date +%FT%T),$S,$rows,$bytes,$r,$t,$wall,$e,$rss,$us,$ss,$other,$status" >>"$CSV_OUT"
      if [[ $status != 0 ]]; then
        warn "$t failed on $S (exit $status); skipping it for the remaining rounds. stderr:"
        tail -n 5 "$WORK/$t.err" >&2
        dead[$t]=1
        continue
      fi
      printf '    round %d/%d  %-14s %8.3f s  %7s MB  cpu %6s s  other cpu %5s s\n' "$r" "$RUNS" "$t" \
        "$wall" "$([[ $rss == NA ]] && echo NA || echo $((rss / 1024)))" \
        "$(awk -v u="$us" -v y="$ss" 'BEGIN { if (u == "NA" || y == "NA") print "NA"; else printf "%.2f", u + y }')" \
        "$other" >&2
      if ((r == 1)) && [[ $SUITE == analysis-* ]]; then
        # The checksums line: series count and slope sums, from stdout or --verbose stderr.
        sums=$(grep -ho 'series=[0-9]* ols_count=.*' "$WORK/$t.out" "$WORK/$t.err" | tail -n 1)
        echo "$S $t $sums" >>"$WORK/checksums.txt"
      elif ((r == 1)) && [[ $SUITE == load && $t != backbone && $t != cat && $t != *-import ]]; then
        got=$(printed_rows "$WORK/$t.out")
        [[ $got == "$rows" ]] || warn "$t reported ${got:-no} rows on $S, expected $rows"
      fi
    done
  done
  unset dead

  echo "## $S rows ($(numfmt --to=iec --suffix=B "$bytes"), $rows rows, $(awk -v b="$bytes" -v r="$rows" 'BEGIN{printf "%.1f", b/r}') bytes/row)"
  echo
  python3 - "$CSV_OUT" "$S" "${tools[@]}" <<'PY'
import csv, statistics, sys

path, size, order = sys.argv[1], sys.argv[2], sys.argv[3:]
runs = {}
for row in csv.DictReader(open(path, newline="")):
    if row["size"] != size:
        continue
    r = runs.setdefault(row["tool"], {"wall": [], "rss": [], "cpu": [], "other": [], "failed": 0})
    if row["exit_status"] != "0":
        r["failed"] += 1
        continue
    r["wall"].append(float(row["wall_s"]))
    if row["max_rss_kb"] != "NA":
        r["rss"].append(int(row["max_rss_kb"]) / 1024.0)
    if "NA" not in (row["user_s"], row["sys_s"]):
        r["cpu"].append(float(row["user_s"]) + float(row["sys_s"]))
    if row["other_cpu_s"] != "NA":
        r["other"].append(float(row["other_cpu_s"]))

med = {t: statistics.median(v["wall"]) for t, v in runs.items() if v["wall"]}
ref = order[0] if order and order[0].startswith("backbone") else "backbone"
bb = med.get(ref)
print("| tool | runs | median wall s | min s | max s | median peak RSS MB | wall / " + ref + " "
      "| median CPU s | max other CPU s |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for t in order:
    v = runs.get(t)
    if not v or not v["wall"]:
        print("| %s | 0 | failed | | | | | | |" % t)
        continue
    w = v["wall"]
    rss = "%.0f" % statistics.median(v["rss"]) if v["rss"] else "NA"
    ratio = "%.2f" % (med[t] / bb) if bb else "n/a"
    note = " (%d failed)" % v["failed"] if v["failed"] else ""
    cpu = "%.2f" % statistics.median(v["cpu"]) if v["cpu"] else "NA"
    other = "%.2f" % max(v["other"]) if v["other"] else "NA"
    print("| %s | %d%s | %.3f | %.3f | %.3f | %s | %s | %s | %s |"
          % (t, len(w), note, med[t], min(w), max(w), rss, ratio, cpu, other))
print()
peers = {t: m for t, m in med.items() if not t.startswith("backbone") and t != "cat" and not t.endswith("-import")}
if bb and peers:
    fastest = min(peers, key=peers.get)
    print("%s / fastest peer (%s): %.2f" % (ref, fastest, bb / peers[fastest]))
elif not bb and "backbone" in order:
    print("backbone: not measured (see warnings)")
if "cat" in med and bb:
    print("backbone / cat (page-cache read ceiling): %.1f" % (bb / med["cat"]))
print()
PY
  if [[ -s $WORK/checksums.txt ]]; then
    echo "Checksums (first round; every tool must find the same series and sums to 1e-9 relative):"
    echo
    grep "^$S " "$WORK/checksums.txt" | python3 -c '
import sys
rows = [l.split() for l in sys.stdin if l.strip()]
vals = {r[1]: dict(kv.split("=") for kv in r[2:]) for r in rows}
for t, v in vals.items():
    print("    %-16s %s" % (t, " ".join("%s=%s" % kv for kv in v.items())))
ref = next(iter(vals.values()), {})
ok = True
for t, v in vals.items():
    for k in ("series", "ols_count", "sen_count", "mk_s_sum"):
        if k in v and k in ref and v[k] != ref[k] and not (k == "sen_count" and "0" in (v[k], ref[k])):
            ok = False; print("    MISMATCH %s %s: %s vs %s" % (t, k, v[k], ref[k]))
    for k in ("ols_sum", "sen_sum"):
        if k in v and k in ref and float(ref[k]) != 0 and float(v[k]) != 0:
            rel = abs(float(v[k]) - float(ref[k])) / abs(float(ref[k]))
            if rel > 1e-9:
                ok = False; print("    MISMATCH %s %s: relative difference %.2e" % (t, k, rel))
print("    agreement: %s" % ("all tools agree" if ok else "DISAGREEMENT, see above"))
print()'
  fi
done

cat <<EOF
Notes:
- wall = elapsed time of the whole process (bash \$EPOCHREALTIME around it), median of the rounds.
- Peak RSS is GNU time's %M (max resident set size). For duckdb, polars and pandas it
  includes the Python interpreter and the library import (add --import-baseline to
  time a bare import of each); their wall time includes interpreter start-up and import.
- swiftcsv and csvswift run on files up to 1M rows only; swiftcsv keeps every row as
  [String], csvswift streams rows and keeps none.
- CPU s = the tool's user+sys time (above wall time means it used both cores).
  other CPU s = CPU time the rest of the machine used during a run (/proc/stat minus
  the tool's own); more than a few tenths means the run shared the 2 cores with other
  work and its wall time is inflated: rerun on a quiet machine.
- raw runs: $CSV_OUT
EOF
