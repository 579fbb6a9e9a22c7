#!/usr/bin/env bash
# Runs every libFuzzer target of tests/fuzz for a fixed time: scripts/fuzz.sh [SECONDS_PER_TARGET]
# (default 60). Builds build-fuzz/ with clang and XIANJIE_FUZZ=ON, installing libFuzzer's runtime
# when clang lacks it (it is not needed by the normal suite, so scripts/deps.sh does not install
# it). Each target starts from its committed seeds (tests/fuzz/corpus/<target>/) and the inputs
# kept from earlier crashes (tests/fuzz/regressions/<target>/); what it discovers goes to
# build-fuzz/corpus/<target>/, never into the source tree. Any crash, timeout, out-of-memory or leak
# input is copied to tests/fuzz/regressions/<target>/, where the normal suite replays it
# (tests/unit/test_fuzz_regressions.cpp). Exit status: 0 when no target found anything, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
  echo "用法: scripts/fuzz.sh [每个目标的秒数，默认 60]" >&2
  exit 2
fi
targets=(fuzz_csv fuzz_values fuzz_condition fuzz_rules)
cxx="${CXX_FUZZ:-clang++}"

if ! command -v "$cxx" >/dev/null; then
  echo "找不到 $cxx：模糊测试需要 clang（apt-get install clang）" >&2
  exit 2
fi

# libFuzzer's runtime ships separately from clang on Debian (libclang-rt-<major>-dev).
runtime_dir="$("$cxx" -print-runtime-dir)"
if ! ls "$runtime_dir"/libclang_rt.fuzzer*.a >/dev/null 2>&1; then
  major="$("$cxx" -dumpversion | cut -d. -f1)"
  package="libclang-rt-${major}-dev"
  echo "clang 缺少 libFuzzer 运行库，安装 $package" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$package" >/dev/null
fi

echo "== 构建 build-fuzz（$cxx，XIANJIE_FUZZ=ON）" >&2
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DXIANJIE_FUZZ=ON -DXIANJIE_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc 2>/dev/null || echo 2)" --target "${targets[@]}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

found=0
summary=()
for target in "${targets[@]}"; do
  seeds="tests/fuzz/corpus/$target"
  kept="tests/fuzz/regressions/$target"
  work="build-fuzz/corpus/$target"
  artifacts="build-fuzz/artifacts/$target"
  log="build-fuzz/logs/$target.log"
  mkdir -p "$work" "$artifacts" "$(dirname "$log")"
  rm -f "$artifacts"/*
  dirs=("$work" "$seeds")
  [ -d "$kept" ] && dirs+=("$kept")

  echo "== $target：运行 ${seconds} 秒（日志 $log）" >&2
  status=0
  "build-fuzz/bin/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -use_value_profile=1 -print_final_stats=1 -artifact_prefix="$artifacts/" "${dirs[@]}" >"$log" 2>&1 || status=$?

  # The last status line ("#123456 DONE cov: 1234 ft: 5678 corp: …") and the final statistics.
  last="$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)"
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)"
  line="$target: ${execs:-?} 次执行，${rate:-?} 次/秒；${last:-（无状态行）}"

  shopt -s nullglob
  crashes=("$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/oom-* "$artifacts"/leak-*)
  shopt -u nullglob
  if ((${#crashes[@]})); then
    found=1
    mkdir -p "$kept"
    for f in "${crashes[@]}"; do
      cp "$f" "$kept/"
      echo "!! $target 发现问题：$(basename "$f") 已保存到 $kept/（日志 $log；复现：build-fuzz/bin/$target $kept/$(basename "$f")）" >&2
    done
    grep -m 1 -E 'ERROR: (AddressSanitizer|UndefinedBehaviorSanitizer|libFuzzer|LeakSanitizer)|runtime error|invariant broken' "$log" >&2 || true
    line+="  —— 发现 ${#crashes[@]} 个问题输入"
  elif [ "$status" -ne 0 ]; then
    found=1
    echo "!! $target 异常退出（状态 $status），没有留下输入；见 $log" >&2
    line+="  —— 异常退出（状态 $status）"
  fi
  summary+=("$line")
done

echo "== 小结" >&2
printf '%s\n' "${summary[@]}" >&2
if [ "$found" -ne 0 ]; then
  echo "有目标发现了问题：输入已保存到 tests/fuzz/regressions/，修复前普通测试中的回放会失败。" >&2
fi
exit "$found"
