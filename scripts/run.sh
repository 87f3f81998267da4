#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# README command 1: install what is missing, build, and run the main job on the Harrow estate.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake --preset release -DDCEXIT_BUILD_TESTS=OFF >/dev/null
cmake --build --preset release
build/release/app/dcexit validate inventories/harrow.yaml
