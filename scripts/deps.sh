#!/usr/bin/env bash
# Installs the Debian 12 packages xianjie needs to build and test — only those that are missing, so
# a second run costs a few dpkg queries. Run as root (or with sudo available). Extra package names
# given as arguments are installed the same way (scripts/test.sh passes the browser test's).
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config
  libcli11-dev libyaml-cpp-dev libsqlite3-dev libfmt-dev libre2-dev libxlsxwriter-dev catch2
  sqlite3 time unzip
)
PACKAGES+=("$@")  # optional extras named by the caller, e.g. scripts/test.sh: the browser test's

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "安装缺少的软件包: ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
