#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds release and runs the benchmark (docs/performance.md). Extra arguments go to run.py,
# e.g. bench/run.sh --sizes 1000,10000 --runs 5
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake --preset release -DDCEXIT_BUILD_BENCH=ON >/dev/null
cmake --build --preset release >/dev/null
exec python3 bench/run.py "$@"
