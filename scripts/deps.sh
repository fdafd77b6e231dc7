#!/usr/bin/env bash
# Installs the Debian packages Traction builds with, when any is missing.
# Usage: scripts/deps.sh [--bench]   (--bench adds the load-testing tools)
set -euo pipefail

packages=(cmake ninja-build g++ pkg-config
          libboost1.81-dev libboost-json1.81-dev libsqlitecpp-dev libsqlite3-dev
          libfmt-dev catch2 libssl-dev curl)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(libbenchmark-dev wrk nghttp2-client linux-perf)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing: ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
