#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# README command 2: install what is missing, build, and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
cmake --preset release -DDCEXIT_BUILD_TESTS=ON >/dev/null
cmake --build --preset release
ctest --preset release --parallel "$(nproc)"
