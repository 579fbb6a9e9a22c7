#!/usr/bin/env bash
# The whole test suite: install what is missing, build Release and run every test (unit, rule
# examples, golden diagnostics, end-to-end CLI), then build with AddressSanitizer and
# UndefinedBehaviorSanitizer and run every test again.
set -euo pipefail
cd "$(dirname "$0")/.."
# chromium renders the html report in tests/cli/test_report_html.cpp (the test is skipped, with a
# warning, where it is absent); fonts-wqy-microhei gives its screenshot Chinese glyphs. On the CI
# machine: 26 packages, about 118 MiB to download, 400 MiB installed (more where the X libraries
# are missing too). Only the first run pays; later runs find them installed.
scripts/deps.sh chromium fonts-wqy-microhei
jobs="$(nproc 2>/dev/null || echo 2)"

echo "== Release build and tests" >&2
scripts/build.sh release
(cd build && ctest --output-on-failure -j "$jobs")

echo "== AddressSanitizer + UndefinedBehaviorSanitizer build and tests" >&2
scripts/build.sh asan
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --output-on-failure -j "$jobs")
