#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian packages dcexit needs, if any is missing: with apt-get when run as root,
# otherwise it prints the exact command to run and fails.
# Usage: scripts/deps.sh build|test
set -euo pipefail

build_packages=(cmake ninja-build g++ pkg-config libcli11-dev libyaml-cpp-dev libboost-graph-dev libfmt-dev libexpected-dev libgraphviz-dev coinor-libcbc-dev libsimdjson-dev libzip-dev libexpat1-dev)
test_packages=(catch2 nlohmann-json3-dev clang-14 libclang-rt-14-dev clang-format-14 clang-tidy-14 graphviz chromium python3-openpyxl)

case "${1:-build}" in
  build) wanted=("${build_packages[@]}" catch2 nlohmann-json3-dev) ;;
  test) wanted=("${build_packages[@]}" "${test_packages[@]}") ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac

missing=()
for package in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "dcexit: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "dcexit: missing Debian packages; install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
