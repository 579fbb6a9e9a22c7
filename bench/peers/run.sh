#!/usr/bin/env bash
# xianjie against the tools an analyst or developer would use instead, on the same generated data:
#   - the sqlite3 shell with hand-written SQL on the SQLite export (bench/peers/sqlite.sql),
#   - DuckDB (@duckdb/node-api) with hand-written SQL on the CSV itself (bench/peers/duckdb.sql),
#   - json-rules-engine and GoRules ZEN (@gorules/zen-engine) evaluating the same rules over the
#     CSV records, parsed by a Node script (bench/peers/engines.mjs, lib.mjs).
# The rule set: 20 threshold rules and the history rules HIST-TOB and HIST-MIN (README.md).
#
#   bash bench/peers/run.sh                       1,000,000 rows, best of 3 (the rule engines: 1 run)
#   ROWS=200000 RUNS=1 bash bench/peers/run.sh
#   BUILD_DIR=build-peers ENGINE_RUNS=2 bash bench/peers/run.sh
#   PEERS="duckdb sqlite3" bash bench/peers/run.sh   only some peers (xianjie always runs)
#
# Every tool must flag exactly the (case_id, rule) pairs that `xianjie scan` flags on the CSV; the
# differences are printed and the script exits 1 if any tool disagrees. Timings: /usr/bin/time
# (elapsed, peak RSS, user and system CPU); the run with the lowest elapsed time is reported. Data
# and outputs go to bench/work/peers/ (git-ignored), generated once per ROWS/SEED/REPEAT/generator.
# Nothing here is part of xianjie's build, tests or CI; the npm packages go to bench/peers/node_modules.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PEERS_DIR=$ROOT/bench/peers
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
[[ $BUILD_DIR == /* ]] || BUILD_DIR=$ROOT/$BUILD_DIR
WORK=$ROOT/bench/work/peers
ROWS=${ROWS:-1000000}
SEED=${SEED:-20261123}
# Share of rows that continue a repeat offender's series (xianjie-synth --repeat), so that the
# history rules have something to find; ignored by a generator without --repeat.
REPEAT=${REPEAT:-0.01}
RUNS=${RUNS:-3}
ENGINE_RUNS=${ENGINE_RUNS:-1}
JOBS=${JOBS:-2}
PEERS=${PEERS:-"sqlite3 duckdb zen jre"}
SCAN_OK_CODES=${SCAN_OK_CODES:-"0 1"}
# --select: an id also selects the ids that continue it after a dash (MKT-01 → MKT-01-TOB-FAKE,
# RES-01 → RES-01-SPECIAL, WLD-01 → WLD-01-SEED and WLD-01-METHOD, RES-02 → RES-02-SPECIAL,
# MKT-18 → MKT-18-MEANS): these 14 ids are the 20 threshold rules.
THRESHOLD_SELECT=MKT-01,MKT-16-TOB,MKT-08-149,MKT-09-149,MKT-16-FOOD,MKT-18,RES-01,RES-02,WLD-01,TAX-01,TAX-02,TAX-03,TAX-04,TAX-06-SALE
SELECT=$THRESHOLD_SELECT,HIST-TOB,HIST-MIN
EXPECTED_RULES=22

log() { printf '%s\n' "$*" >&2; }
die() { log "peers: $*"; exit 1; }

# --- tools -------------------------------------------------------------------------------------
ensure_tools() {
  local missing=()
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  [[ -x /usr/bin/time ]] || missing+=(time)
  if ((${#missing[@]})); then
    local sudo=()
    ((EUID == 0)) || sudo=(sudo)
    log "peers: installing ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  command -v node >/dev/null || die "node is required (Node.js 18 or later)"
  command -v npm >/dev/null || die "npm is required"
  # The versions pinned in package-lock.json, installed once (again when the lock file changes).
  local stamp=$PEERS_DIR/node_modules/.lock-sha
  local want
  want=$(sha1sum <"$PEERS_DIR/package-lock.json" | cut -c1-40)
  if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    log "peers: npm ci in bench/peers"
    # npm ci refuses a lock file written where npm leaves out other platforms' optional native
    # packages; npm install --no-save then installs the locked versions without touching it.
    (cd "$PEERS_DIR" && { npm ci --no-audit --no-fund --loglevel=error >&2 2>/dev/null ||
      npm install --no-save --no-audit --no-fund --loglevel=error >&2; })
    echo "$want" >"$stamp"
  fi
}

# --- build (as bench/run.sh: Release; an existing binary is used if the tree does not build) ----
build() {
  local type=""
  [[ -f $BUILD_DIR/CMakeCache.txt ]] && type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt")
  if [[ $type != Release ]]; then
    log "peers: configuring $BUILD_DIR as Release"
    cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >"$WORK/configure.log" 2>&1 ||
      die "cmake configure failed (see $WORK/configure.log)"
  fi
  local target
  for target in xianjie-synth xianjie; do
    if ! cmake --build "$BUILD_DIR" -j "$JOBS" --target "$target" >"$WORK/build-$target.log" 2>&1; then
      [[ -x $BUILD_DIR/bin/$target ]] || die "building $target failed (see $WORK/build-$target.log)"
      log "peers: building $target failed (see $WORK/build-$target.log); using the existing binary"
    fi
  done
}

# --- data --------------------------------------------------------------------------------------
REPEAT_USED=0
generate() {
  local synth=$BUILD_DIR/bin/xianjie-synth extra=() params
  if "$synth" --help 2>/dev/null | grep -q -- '--repeat'; then
    REPEAT_USED=1
    extra=(--repeat "$REPEAT" --history-truth "$WORK/history_truth.csv.tmp")
  else
    log "peers: this xianjie-synth has no --repeat: there are no repeat offenders, the history rules find nothing"
  fi
  params="rows=$ROWS seed=$SEED repeat=$((REPEAT_USED)):$REPEAT synth=$(sha1sum <"$synth" | cut -c1-12)"
  if [[ -s $WORK/cases.csv && -s $WORK/cases.db && $(cat "$WORK/params" 2>/dev/null) == "$params" ]]; then
    log "peers: using existing data in bench/work/peers ($params)"
    return
  fi
  log "peers: generating $ROWS rows (seed $SEED${extra:+, repeat $REPEAT}) into bench/work/peers"
  rm -f "$WORK"/cases.csv "$WORK"/cases.db "$WORK"/truth.csv "$WORK"/history_truth.csv "$WORK"/params "$WORK"/*.tmp
  "$synth" --rows "$ROWS" --seed "$SEED" --csv "$WORK/cases.csv.tmp" --sqlite "$WORK/cases.db.tmp" \
    --truth "$WORK/truth.csv.tmp" "${extra[@]}" --quiet
  mv "$WORK/cases.csv.tmp" "$WORK/cases.csv"
  mv "$WORK/cases.db.tmp" "$WORK/cases.db"
  mv "$WORK/truth.csv.tmp" "$WORK/truth.csv"
  [[ -f $WORK/history_truth.csv.tmp ]] && mv "$WORK/history_truth.csv.tmp" "$WORK/history_truth.csv"
  echo "$params" >"$WORK/params"
}

# --- timing ------------------------------------------------------------------------------------
# time_best LABEL RUNS OK_CODES CMD...: sets BEST_S BEST_KIB BEST_CPU (user+sys of that run) and
# leaves the best run's stdout in $WORK/LABEL.stdout.
declare -A T_S T_KIB T_CPU
time_best() {
  local label=$1 runs=$2 ok=$3
  shift 3
  local i status e k u s best="" bk="" bc=""
  for ((i = 1; i <= runs; i++)); do
    status=0
    /usr/bin/time -f '%e %M %U %S' -o "$WORK/$label.time" "$@" >"$WORK/$label.run.out" 2>"$WORK/$label.err" || status=$?
    if [[ " $ok " != *" $status "* ]]; then
      log "peers: $label failed with exit code $status:"
      tail -n 20 "$WORK/$label.err" >&2
      return 1
    fi
    read -r e k u s < <(tail -n 1 "$WORK/$label.time")
    if [[ -z $best ]] || awk -v a="$e" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$e bk=$k bc=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
      mv "$WORK/$label.run.out" "$WORK/$label.stdout"
    fi
    log "peers: $label run $i: ${e}s, $((k / 1024)) MiB, ${u}+${s} s CPU"
  done
  rm -f "$WORK/$label.run.out" "$WORK/$label.time"
  T_S[$label]=$best T_KIB[$label]=$bk T_CPU[$label]=$bc
}

# sorted unique pairs of a tool: $WORK/LABEL.pairs
finish_pairs() {
  local label=$1 src=$2
  LC_ALL=C sort -u "$src" >"$WORK/$label.pairs"
}

main() {
  mkdir -p "$WORK"
  cd "$ROOT"
  ensure_tools
  build
  generate

  local xianjie=$BUILD_DIR/bin/xianjie
  local nrules
  nrules=$("$xianjie" scan "$ROOT/data/sample/cases.csv" --select "$SELECT" -f jsonl -o /dev/null 2>&1 | sed -n 's/.*个输入，\([0-9]*\) 条规则.*/\1/p' | head -n 1 || true)
  [[ $nrules == "$EXPECTED_RULES" ]] || die "--select $SELECT loads ${nrules:-?} rules, not $EXPECTED_RULES: the rule pack changed; update bench/peers"

  local cpu
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
  echo "xianjie vs peers: $ROWS cases (seed $SEED$( ((REPEAT_USED)) && echo ", repeat $REPEAT")), $EXPECTED_RULES rules; best of $RUNS (rule engines: $ENGINE_RUNS)"
  echo "machine: ${cpu:-unknown CPU}, $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; node $(node --version), $(sqlite3 --version | cut -d' ' -f1 | sed 's/^/sqlite3 /'), DuckDB $(node -p "require('$PEERS_DIR/node_modules/@duckdb/node-api/package.json').version"), json-rules-engine $(node -p "require('$PEERS_DIR/node_modules/json-rules-engine/package.json').version"), zen-engine $(node -p "require('$PEERS_DIR/node_modules/@gorules/zen-engine/package.json').version")"
  echo "data: $(du -h "$WORK/cases.csv" | cut -f1) CSV, $(du -h "$WORK/cases.db" | cut -f1) SQLite"
  echo

  # --- xianjie -----------------------------------------------------------------------------------
  time_best xianjie_csv "$RUNS" "$SCAN_OK_CODES" "$xianjie" scan "$WORK/cases.csv" --select "$SELECT" -f jsonl -o "$WORK/xianjie_csv.jsonl" -q
  node "$PEERS_DIR/pairs.mjs" "$WORK/xianjie_csv.jsonl" "$WORK/xianjie_csv.tsv"
  finish_pairs xianjie_csv "$WORK/xianjie_csv.tsv"
  time_best xianjie_csv20 "$RUNS" "$SCAN_OK_CODES" "$xianjie" scan "$WORK/cases.csv" --select "$THRESHOLD_SELECT" -f jsonl -o "$WORK/xianjie_csv20.jsonl" -q
  node "$PEERS_DIR/pairs.mjs" "$WORK/xianjie_csv20.jsonl" "$WORK/xianjie_csv20.tsv"
  finish_pairs xianjie_csv20 "$WORK/xianjie_csv20.tsv"
  time_best xianjie_db "$RUNS" "$SCAN_OK_CODES" "$xianjie" scan "$WORK/cases.db" --select "$SELECT" -f jsonl -o "$WORK/xianjie_db.jsonl" -q
  node "$PEERS_DIR/pairs.mjs" "$WORK/xianjie_db.jsonl" "$WORK/xianjie_db.tsv"
  finish_pairs xianjie_db "$WORK/xianjie_db.tsv"

  # --- peers ---------------------------------------------------------------------------------------
  local peer ran=()
  for peer in $PEERS; do
    case $peer in
      sqlite3) time_best sqlite3 "$RUNS" 0 sqlite3 -readonly -batch "$WORK/cases.db" ".read '$PEERS_DIR/sqlite.sql'" &&
                 finish_pairs sqlite3 "$WORK/sqlite3.stdout" && ran+=(sqlite3) ;;
      duckdb) time_best duckdb "$RUNS" 0 node "$PEERS_DIR/duckdb.mjs" "$WORK/cases.csv" "$WORK/duckdb.tsv" &&
                finish_pairs duckdb "$WORK/duckdb.tsv" && ran+=(duckdb) ;;
      zen|jre) time_best "$peer" "$ENGINE_RUNS" 0 node "$PEERS_DIR/engines.mjs" "$peer" "$WORK/cases.csv" "$WORK/$peer.tsv" &&
                 finish_pairs "$peer" "$WORK/$peer.tsv" && ran+=("$peer") ;;
      *) die "unknown peer '$peer' (sqlite3 duckdb zen jre)" ;;
    esac
  done

  # --- agreement -----------------------------------------------------------------------------------
  local ref=$WORK/xianjie_csv.pairs fail=0 label
  echo "findings of xianjie (CSV, $EXPECTED_RULES rules), by rule:"
  cut -f2 "$ref" | sort | uniq -c | awk '{ printf "  %-16s %7d\n", $2, $1 }'
  echo "  total            $(printf '%7d' "$(wc -l <"$ref")") (case, rule) pairs"
  echo
  echo "agreement with xianjie on the CSV (the same (case_id, rule) pairs):"
  grep -v $'\tHIST-' "$ref" >"$WORK/xianjie_csv.threshold.pairs" || true
  for label in xianjie_db xianjie_csv20 "${ran[@]}"; do
    local want=$ref
    [[ $label == xianjie_csv20 ]] && want=$WORK/xianjie_csv.threshold.pairs
    local only_x only_t
    only_x=$(LC_ALL=C comm -23 "$want" "$WORK/$label.pairs" | wc -l)
    only_t=$(LC_ALL=C comm -13 "$want" "$WORK/$label.pairs" | wc -l)
    if ((only_x == 0 && only_t == 0)); then
      printf '  %-14s agrees: %d pairs\n' "$label" "$(wc -l <"$WORK/$label.pairs")"
    else
      fail=1
      printf '  %-14s DISAGREES: %d pairs only in xianjie, %d only in %s\n' "$label" "$only_x" "$only_t" "$label"
      LC_ALL=C comm -23 "$want" "$WORK/$label.pairs" | head -n 20 | sed 's/^/      only in xianjie: /'
      LC_ALL=C comm -13 "$want" "$WORK/$label.pairs" | head -n 20 | sed "s/^/      only in $label: /"
    fi
  done

  # The generator's ground truth (not transferred: xianjie leaves transferred cases out by default).
  awk -F, 'NR > 1 && $3 == 0 { n = split($2, ids, ";"); for (i = 1; i <= n; i++) print $1 "\t" ids[i] }' "$WORK/truth.csv" |
    LC_ALL=C sort -u >"$WORK/truth.pairs"
  awk -F'\t' '$2 !~ /^HIST-/ { split($2, p, "-"); print $1 "\t" p[1] "-" p[2] }' "$ref" | LC_ALL=C sort -u >"$WORK/xianjie_offense.pairs"
  printf '  %-14s %d of %d (case, offense) pairs of the generator'"'"'s truth (not transferred) found, %d found beyond it\n' "truth" \
    "$(LC_ALL=C comm -12 "$WORK/truth.pairs" "$WORK/xianjie_offense.pairs" | wc -l)" "$(wc -l <"$WORK/truth.pairs")" \
    "$(LC_ALL=C comm -13 "$WORK/truth.pairs" "$WORK/xianjie_offense.pairs" | wc -l)"
  if [[ -f $WORK/history_truth.csv ]]; then
    awk -F, 'NR > 1 && $3 == 0 { print $1 "\t" $2 }' "$WORK/history_truth.csv" | LC_ALL=C sort -u >"$WORK/history_truth.pairs"
    grep $'\tHIST-' "$ref" >"$WORK/xianjie_hist.pairs" || true
    printf '  %-14s %d of %d history candidates of the generator'"'"'s truth (not transferred) found, %d found beyond it\n' "history truth" \
      "$(LC_ALL=C comm -12 "$WORK/history_truth.pairs" "$WORK/xianjie_hist.pairs" | wc -l)" "$(wc -l <"$WORK/history_truth.pairs")" \
      "$(LC_ALL=C comm -13 "$WORK/history_truth.pairs" "$WORK/xianjie_hist.pairs" | wc -l)"
  fi
  echo

  # --- figures -------------------------------------------------------------------------------------
  echo "| tool | input | rules | time | records/s | peak RSS | user+sys CPU | xianjie is |"
  echo "|---|---|---|---|---|---|---|---|"
  row() {  # LABEL NAME INPUT RULES BASELINE-LABEL
    awk -v name="$2" -v input="$3" -v rules="$4" -v s="${T_S[$1]}" -v kib="${T_KIB[$1]}" -v cpu="${T_CPU[$1]}" \
        -v base="${5:+${T_S[$5]}}" -v rows="$ROWS" 'BEGIN {
      rate = s > 0 ? rows / s : 0
      cmp = "—"
      if (base != "" && base > 0) cmp = s >= base ? sprintf("%.1f× faster", s / base) : sprintf("%.1f× slower", base / s)
      printf "| %s | %s | %s | %.2f s | %s | %.0f MiB | %.2f s | %s |\n", name, input, rules, s, \
        (rate >= 1e6 ? sprintf("%.2f M", rate / 1e6) : sprintf("%.0f k", rate / 1e3)), kib / 1024, cpu, cmp }'
  }
  row xianjie_csv "xianjie scan" CSV 22 ""
  row xianjie_csv20 "xianjie scan" CSV "20 (threshold only)" ""
  row xianjie_db "xianjie scan" SQLite 22 ""
  local p
  for p in "${ran[@]}"; do
    case $p in
      sqlite3) row sqlite3 "sqlite3 shell, sqlite.sql" SQLite 22 xianjie_db ;;
      duckdb) row duckdb "DuckDB, duckdb.sql" CSV 22 xianjie_csv ;;
      zen) row zen "GoRules ZEN (engines.mjs)" CSV 22 xianjie_csv ;;
      jre) row jre "json-rules-engine (engines.mjs)" CSV 22 xianjie_csv ;;
    esac
  done
  echo
  echo "(\"xianjie is\": against xianjie on the same input with the same 22 rules, by elapsed time.)"

  # --- goals ---------------------------------------------------------------------------------------
  echo
  echo "goals:"
  if [[ -n ${T_S[duckdb]:-} ]]; then
    awk -v x="${T_S[xianjie_csv]}" -v d="${T_S[duckdb]}" -v xk="${T_KIB[xianjie_csv]}" -v dk="${T_KIB[duckdb]}" 'BEGIN {
      speed = d / x
      if (speed >= 3) printf "  at least 3× faster than DuckDB on the CSV: met (%.1f×)\n", speed
      else printf "  at least 3× faster than DuckDB on the CSV: MISSED: %.2f× (xianjie would need %.2f s instead of %.2f s, %.0f%% less time)\n", speed, d / 3, x, 100 * (1 - d / 3 / x)
      share = xk / dk
      if (share <= 0.25) printf "  at most a quarter of DuckDB'"'"'s peak memory: met (%.0f MiB = %.0f%% of %.0f MiB)\n", xk / 1024, 100 * share, dk / 1024
      else printf "  at most a quarter of DuckDB'"'"'s peak memory: MISSED: %.0f MiB = %.0f%% of %.0f MiB (%.0f MiB over the quarter)\n", xk / 1024, 100 * share, dk / 1024, (xk - dk / 4) / 1024 }'
  else
    echo "  DuckDB goals: DuckDB was not run"
  fi
  awk -v s="${T_S[xianjie_csv20]}" -v rows="$ROWS" 'BEGIN {
    rate = rows / s
    if (rate >= 3e6) printf "  at least 3,000,000 records/s for single-record rules on CSV: met (%.2f M records/s)\n", rate / 1e6
    else printf "  at least 3,000,000 records/s for single-record rules on CSV: MISSED: %.2f M records/s, %.1f× short (%.2f s instead of at most %.2f s)\n", rate / 1e6, 3e6 / rate, s, rows / 3e6 }'

  if ((fail)); then
    echo
    echo "!!! AGREEMENT CHECK FAILED: at least one tool does not flag the same (case_id, rule) pairs as xianjie (see above; outputs in bench/work/peers/) !!!"
    exit 1
  fi
}

main "$@"
