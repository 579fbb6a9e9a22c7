#!/usr/bin/env bash
# Benchmark of the cross-record rules: `xianjie scan` with the whole standard pack over 5,000,000
# synthetic cases of which about 2 % continue a series of cases of one party (xianjie-synth
# --repeat 0.02: repeat offenders, split cases, several agencies), as CSV.
#
#   bench/cross.sh                          build (Release) if needed, generate data if needed, time, report
#   ROWS=1000000 REPEAT=0.05 bench/cross.sh  another data set (regenerated when a parameter or the generator changes)
#   RUNS=3 BUILD_DIR=build-rel bench/cross.sh
#
# The scan runs RUNS times (default 1) under `/usr/bin/time`; the best elapsed time is reported with
# the user and system CPU time and peak RSS of that run. User CPU time is the figure to compare on
# a shared machine: it moves less than elapsed time when other work competes for the cores. One
# more run (not timed) counts the findings of the cross-record rules and checks the history
# findings against the generator's truth (--history-truth). Data goes to bench/work/cross/
# (git-ignored).
set -euo pipefail
export LC_ALL=C  # byte-wise sort, comm and awk over UTF-8 case ids

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
WORK=$ROOT/bench/work/cross
ROWS=${ROWS:-5000000}
SEED=${SEED:-20261123}
REPEAT=${REPEAT:-0.02}
RUNS=${RUNS:-1}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
GOAL_S=${GOAL_S:-10}
# Exit codes of `xianjie scan` that mean "scan completed" (1 may mean "findings reported").
SCAN_OK_CODES=${SCAN_OK_CODES:-"0 1"}

log() { printf '%s\n' "$*" >&2; }
die() { log "bench: $*"; exit 1; }

[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (Debian: apt-get install time)"
command -v cmake >/dev/null || die "cmake is missing (bench/run.sh installs the build dependencies)"

build() {
  local type=""
  [[ -f $BUILD_DIR/CMakeCache.txt ]] &&
    type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt")
  if [[ $type != Release ]]; then
    log "bench: configuring $BUILD_DIR as Release${type:+ (was $type)}"
    cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >"$WORK/configure.log" 2>&1 ||
      die "cmake configure failed (see bench/work/cross/configure.log)"
  fi
  # A tree that is being edited may not build for a moment: an earlier binary is then used.
  local target
  for target in xianjie-synth xianjie; do
    if ! cmake --build "$BUILD_DIR" -j "$JOBS" --target "$target" >"$WORK/build-$target.log" 2>&1; then
      [[ -x $BUILD_DIR/bin/$target ]] || die "building $target failed (see bench/work/cross/build-$target.log)"
      log "bench: building $target failed (see bench/work/cross/build-$target.log); using the existing binary"
    fi
  done
}

generate() {
  # The generator's own checksum is part of the parameters: a changed generator makes new data.
  local params
  params="rows=$ROWS seed=$SEED repeat=$REPEAT synth=$(sha1sum <"$BUILD_DIR/bin/xianjie-synth" | cut -c1-12)"
  if [[ -s $WORK/cases.csv && -s $WORK/history.csv && $(cat "$WORK/params" 2>/dev/null) == "$params" ]]; then
    log "bench: using existing data in bench/work/cross ($params)"
    return
  fi
  log "bench: generating $ROWS rows (seed $SEED, --repeat $REPEAT) into bench/work/cross"
  rm -f "$WORK"/cases.csv "$WORK"/history.csv "$WORK"/params "$WORK"/*.tmp
  # Written under temporary names, so an interrupted run is not mistaken for data.
  "$BUILD_DIR/bin/xianjie-synth" --rows "$ROWS" --seed "$SEED" --repeat "$REPEAT" --csv "$WORK/cases.csv.tmp" \
    --history-truth "$WORK/history.csv.tmp" 2>"$WORK/generate.log" || die "xianjie-synth failed (see bench/work/cross/generate.log)"
  mv "$WORK/cases.csv.tmp" "$WORK/cases.csv"
  mv "$WORK/history.csv.tmp" "$WORK/history.csv"
  echo "$params" >"$WORK/params"
}

# The case ids a history rule flags in a jsonl report on standard input: findings of HIST-TOB /
# HIST-MIN, and threshold findings that a history finding joined ("另据规则 HIST-…"). Writes
# "<case_id>,<rule>" lines (the finding's own case_id is the first in its line), and the last line
# of the report, the summary, to the file $1.
history_flags() {
  awk -v summary="$1" '
    { last = $0 }
    END { print last > summary }
    /"type":"finding"/ {
      if (!match($0, /"case_id":"[^"]*"/)) next
      id = substr($0, RSTART + 11, RLENGTH - 12)
      if (index($0, "\"rule_id\":\"HIST-TOB\"") || index($0, "另据规则 HIST-TOB")) print id ",HIST-TOB"
      if (index($0, "\"rule_id\":\"HIST-MIN\"") || index($0, "另据规则 HIST-MIN")) print id ",HIST-MIN"
    }'
}

main() {
  mkdir -p "$WORK"
  cd "$ROOT"
  build
  generate
  local xianjie=$BUILD_DIR/bin/xianjie
  [[ -x $xianjie ]] || die "$xianjie does not exist"

  local cpu
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
  echo "xianjie cross-record benchmark: $ROWS cases (seed $SEED, --repeat $REPEAT), whole standard pack, CSV"
  echo "machine: ${cpu:-unknown CPU}, $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "data: $(du -h "$WORK/cases.csv" | cut -f1) CSV; $(grep -o '重复当事人.*' "$WORK/generate.log" 2>/dev/null || echo '')"
  echo

  # Timed runs.
  local i status best="" user="" sys="" kib="" e u s m
  for ((i = 1; i <= RUNS; i++)); do
    status=0
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/scan.time" "$xianjie" scan "$WORK/cases.csv" -f jsonl --out /dev/null \
      --quiet 2>"$WORK/scan.err" || status=$?
    [[ " $SCAN_OK_CODES " == *" $status "* ]] || { tail -n 20 "$WORK/scan.err" >&2; die "xianjie scan failed ($status)"; }
    read -r e u s m < <(tail -n 1 "$WORK/scan.time")
    if [[ -z $best ]] || awk -v a="$e" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$e user=$u sys=$s kib=$m
    fi
  done
  awk -v s="$best" -v u="$user" -v y="$sys" -v kib="$kib" -v rows="$ROWS" -v runs="$RUNS" -v goal="$GOAL_S" 'BEGIN {
    printf "xianjie scan, CSV, whole pack (best of %d): %.2f s elapsed, %.0f records/s, user CPU %.2f s, system %.2f s, peak RSS %.0f MiB\n",
      runs, s, (s > 0 ? rows / s : 0), u, y, kib / 1024
    printf "goal %s rows in under %s s: %s\n", rows, goal, (s < goal ? "reached" : "not reached")
  }'

  # One more run for the counts (its output is read, not written to disk).
  local counts="$WORK/flags.csv"
  status=0
  "$xianjie" scan "$WORK/cases.csv" -f jsonl --quiet 2>"$WORK/count.err" | history_flags "$WORK/summary.json" |
    sort -u >"$counts" || status=$?
  [[ " $SCAN_OK_CODES " == *" $status "* ]] || die "the counting run failed ($status; see bench/work/cross/count.err)"
  local rule n line=""
  for rule in HIST-TOB HIST-MIN SPLIT-TOB SPLIT-RES-01 SPLIT-MKT-01 MULTI-TOB MULTI-MKT-01; do
    n=$(grep -o "\"$rule\":[0-9]*" "$WORK/summary.json" | head -n 1 | cut -d: -f2)
    line+="${line:+, }$rule ${n:-0}"
  done
  echo "findings: $line"
  local joined truth missed extra
  joined=$(grep -c '' "$counts" || true)
  # Truth: cases not transferred (xianjie reports transferred ones only with --include-transferred).
  awk -F, 'NR > 1 && $3 == "0" { print $1 "," $2 }' "$WORK/history.csv" | sort -u >"$WORK/truth.sorted"
  truth=$(grep -c '' "$WORK/truth.sorted" || true)
  missed=$(comm -23 "$WORK/truth.sorted" "$counts" | grep -c '' || true)
  extra=$(comm -13 "$WORK/truth.sorted" "$counts" | grep -c '' || true)
  echo "history candidates (HIST-TOB/HIST-MIN findings and threshold findings they joined): $joined; truth $truth; missed $missed, not in truth $extra"
}

main "$@"
