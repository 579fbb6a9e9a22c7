#!/usr/bin/env bash
# The main job on the bundled sample: install what is missing, build, and scan data/sample/cases.csv
# with the standard rule pack, printing the referral candidates (移送线索).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh release
build/bin/xianjie scan data/sample/cases.csv --rejects build/sample-rejects.csv "$@"
