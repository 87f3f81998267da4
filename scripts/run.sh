#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# README command 1: install what is missing, build, and plan the Harrow estate into out/harrow.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake --preset release -DDCEXIT_BUILD_TESTS=OFF >/dev/null
cmake --build --preset release
build/release/app/dcexit validate inventories/harrow.yaml
build/release/app/dcexit plan inventories/harrow.yaml --out out/harrow
echo "dcexit: the plan is in out/harrow (report.html to read, plan.json for tools)"
