#!/usr/bin/env bash
# Benchmark: `xianjie scan` over 1,000,000 synthetic cases, as CSV and as SQLite, against the same
# five-offense screening written as plain SQL (bench/screening.sql) in the sqlite3 shell.
#
#   bench/run.sh                 build (Release) if needed, generate data if needed, time, report
#   ROWS=200000 bench/run.sh     a smaller data set (regenerated when ROWS, SEED or the generator change)
#   RUNS=5 BUILD_DIR=build-rel bench/run.sh
#
# Each command runs RUNS times under `/usr/bin/time -f '%e %M'`; the best (lowest) elapsed time is
# reported with the peak RSS of that run. Data goes to bench/work/ (git-ignored).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
WORK=$ROOT/bench/work
ROWS=${ROWS:-1000000}
SEED=${SEED:-20261123}
RUNS=${RUNS:-3}
# The rules of the five offenses that bench/screening.sql also screens (issue 2's rule set); the
# whole standard pack is timed as well.
FIVE=${FIVE:-MKT-01,MKT-16-TOB,RES-01,WLD-01,TAX-01}
# Exit codes of `xianjie scan` that mean "scan completed" (1 may mean "findings reported").
SCAN_OK_CODES=${SCAN_OK_CODES:-"0 1"}

log() { printf '%s\n' "$*" >&2; }
die() { log "bench: $*"; exit 1; }

# --- dependencies (a fresh Debian 12 has none of them) ---------------------------------------
ensure_packages() {
  local missing=()
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  [[ -x /usr/bin/time ]] || missing+=(time)
  command -v cmake >/dev/null || missing+=(cmake)
  command -v c++ >/dev/null || missing+=(build-essential)
  command -v pkg-config >/dev/null || missing+=(pkg-config)
  local pkg
  for pkg in libfmt-dev libyaml-cpp-dev libcli11-dev libsqlite3-dev catch2 libre2-dev libxlsxwriter-dev; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || die "missing packages (${missing[*]}); install them or run as root"
    sudo=(sudo)
  fi
  log "bench: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
}

# --- build -----------------------------------------------------------------------------------
build() {
  local type=""
  [[ -f $BUILD_DIR/CMakeCache.txt ]] &&
    type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt")
  if [[ $type != Release ]]; then
    log "bench: configuring $BUILD_DIR as Release${type:+ (was $type)}"
    cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >"$WORK/configure.log" 2>&1 ||
      die "cmake configure failed (see bench/work/configure.log)"
  fi
  local jobs
  jobs=$(nproc 2>/dev/null || echo 2)
  # A tree that is being edited may not build for a moment; a binary from an earlier build is then
  # used, with a warning, rather than giving up.
  if ! cmake --build "$BUILD_DIR" -j "$jobs" --target xianjie-synth >"$WORK/build-synth.log" 2>&1; then
    [[ -x $BUILD_DIR/bin/xianjie-synth ]] ||
      die "building xianjie-synth failed (see bench/work/build-synth.log)"
    log "bench: building xianjie-synth failed (see bench/work/build-synth.log); using the existing binary"
  fi
  # The CLI may not exist yet, or may not build while it is being written: time what exists.
  if ! cmake --build "$BUILD_DIR" -j "$jobs" --target xianjie >"$WORK/build-xianjie.log" 2>&1; then
    if [[ -x $BUILD_DIR/bin/xianjie ]]; then
      log "bench: building xianjie failed (see bench/work/build-xianjie.log); timing the existing binary"
    else
      log "bench: xianjie did not build (see bench/work/build-xianjie.log); its timings are skipped"
    fi
  fi
}

# --- data ------------------------------------------------------------------------------------
generate() {
  # The generator's own checksum is part of the parameters: a changed generator makes new data.
  local params
  params="rows=$ROWS seed=$SEED synth=$(sha1sum <"$BUILD_DIR/bin/xianjie-synth" | cut -c1-12)"
  if [[ -s $WORK/cases.csv && -s $WORK/cases.db && -s $WORK/truth.csv && $(cat "$WORK/params" 2>/dev/null) == "$params" ]]; then
    log "bench: using existing data in bench/work ($params)"
    return
  fi
  log "bench: generating $ROWS rows (seed $SEED) into bench/work"
  rm -f "$WORK"/cases.csv "$WORK"/cases.db "$WORK"/truth.csv "$WORK"/params "$WORK"/*.tmp
  # Written under temporary names, so an interrupted run is not mistaken for data.
  "$BUILD_DIR/bin/xianjie-synth" --rows "$ROWS" --seed "$SEED" --csv "$WORK/cases.csv.tmp" \
    --sqlite "$WORK/cases.db.tmp" --truth "$WORK/truth.csv.tmp"
  mv "$WORK/cases.csv.tmp" "$WORK/cases.csv"
  mv "$WORK/cases.db.tmp" "$WORK/cases.db"
  mv "$WORK/truth.csv.tmp" "$WORK/truth.csv"
  echo "$params" >"$WORK/params"
}

# --- timing ----------------------------------------------------------------------------------
# time_best LABEL OK_CODES CMD...: runs CMD $RUNS times; sets BEST_S, BEST_KIB and leaves the
# stdout of the best run in $WORK/<label>.out and its stderr in $WORK/<label>.err.
time_best() {
  local label=$1 ok_codes=$2
  shift 2
  BEST_S="" BEST_KIB=""
  local i status elapsed kib
  for ((i = 1; i <= RUNS; i++)); do
    status=0
    /usr/bin/time -f '%e %M' -o "$WORK/$label.time" "$@" >"$WORK/$label.run.out" 2>"$WORK/$label.run.err" || status=$?
    if [[ " $ok_codes " != *" $status "* ]]; then
      log "bench: $label failed with exit code $status:"
      tail -n 20 "$WORK/$label.run.err" >&2
      return 1
    fi
    # The last line holds the figures (time prints a note above it when the command fails).
    read -r elapsed kib < <(tail -n 1 "$WORK/$label.time")
    if [[ -z $BEST_S ]] || awk -v a="$elapsed" -v b="$BEST_S" 'BEGIN { exit !(a < b) }'; then
      BEST_S=$elapsed BEST_KIB=$kib
      mv "$WORK/$label.run.out" "$WORK/$label.out"
      mv "$WORK/$label.run.err" "$WORK/$label.err"
    fi
  done
  rm -f "$WORK/$label.run.out" "$WORK/$label.run.err" "$WORK/$label.time"
}

# report LABEL ELAPSED KIB
report() {
  awk -v label="$1" -v s="$2" -v kib="$3" -v rows="$ROWS" 'BEGIN {
    rate = s > 0 ? rows / s : 0
    printf "%-30s %8.2f s  %12.0f records/s  %8.1f MiB peak\n", label, s, rate, kib / 1024
  }'
}

main() {
  mkdir -p "$WORK"
  cd "$ROOT"
  ensure_packages
  build
  generate

  local xianjie=$BUILD_DIR/bin/xianjie
  local cpu
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
  echo "xianjie benchmark: $ROWS cases (seed $SEED), best of $RUNS"
  echo "machine: ${cpu:-unknown CPU}, $(nproc) CPUs; $(sqlite3 --version | cut -d' ' -f1-2 | sed 's/^/sqlite3 /')"
  echo "data: $(du -h "$WORK/cases.csv" | cut -f1) CSV, $(du -h "$WORK/cases.db" | cut -f1) SQLite; truth: $(($(wc -l <"$WORK/truth.csv") - 1)) cases cross a threshold"
  echo

  local csv_s="" db_s=""
  if [[ -x $xianjie ]]; then
    if time_best scan_csv "$SCAN_OK_CODES" "$xianjie" scan "$WORK/cases.csv" --select "$FIVE" --format jsonl --out /dev/null --quiet; then
      csv_s=$BEST_S
      report "xianjie CSV, 5 offenses" "$BEST_S" "$BEST_KIB"
    fi
    if time_best scan_db "$SCAN_OK_CODES" "$xianjie" scan "$WORK/cases.db" --select "$FIVE" --format jsonl --out /dev/null --quiet; then
      db_s=$BEST_S
      report "xianjie SQLite, 5 offenses" "$BEST_S" "$BEST_KIB"
    fi
    local rules
    rules=$("$xianjie" rules list 2>/dev/null | tail -n 1 | tr -dc '0-9')
    if time_best scan_csv_all "$SCAN_OK_CODES" "$xianjie" scan "$WORK/cases.csv" --format jsonl --out /dev/null --quiet; then
      report "xianjie CSV, all ${rules} rules" "$BEST_S" "$BEST_KIB"
    fi
    if time_best scan_db_all "$SCAN_OK_CODES" "$xianjie" scan "$WORK/cases.db" --format jsonl --out /dev/null --quiet; then
      report "xianjie SQLite, all ${rules} rules" "$BEST_S" "$BEST_KIB"
    fi
  else
    echo "xianjie scan: skipped ($xianjie does not exist yet)"
  fi

  time_best sql "0" sqlite3 -readonly -batch -separator , "$WORK/cases.db" ".read \"$ROOT/bench/screening.sql\"" ||
    die "the SQL baseline failed"
  local sql_s=$BEST_S
  report "sqlite3 plain SQL" "$BEST_S" "$BEST_KIB"

  local truth summary any
  truth=$(($(wc -l <"$WORK/truth.csv") - 1))
  # sql.out: one line per offense, "id,cases,not transferred".
  summary=$(awk -F, '{ printf "%s%s %s", sep, $1, $2; sep = ", "; n += $2; open += $3 }
                     END { printf "; any %d (not transferred: %d)", n, open }' "$WORK/sql.out")
  any=$(awk -F, '{ n += $2 } END { print n + 0 }' "$WORK/sql.out")
  echo
  echo "plain SQL matches: $summary; ground truth $truth"
  [[ $any == "$truth" ]] || echo "note: the SQL baseline does not agree with the ground truth"

  if [[ -n $db_s ]]; then
    awk -v x="$db_s" -v q="$sql_s" 'BEGIN {
      if (q > 0) printf "ratio: xianjie (SQLite, 5 offenses) / plain SQL = %.2f× the time\n", x / q }'
  fi
  if [[ -n $csv_s ]]; then
    awk -v x="$csv_s" -v q="$sql_s" 'BEGIN {
      if (q > 0) printf "ratio: xianjie (CSV, 5 offenses) / plain SQL = %.2f× the time\n", x / q }'
  fi
}

main "$@"
