#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The whole benchmark in one command (docs/performance.md): speed and memory of validate, assess
# and plan beside yaml-cpp's bare parse on generated estates (1k, 10k, 100k apps; five shapes)
# and the real ones (GOV.UK, Debian), then plan quality and the exact optimum on small estates.
# About 30 minutes on 2 cores. Arguments go to run.py (e.g. --sizes 1000,10000 --runs 1).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake --preset release -DDCEXIT_BUILD_BENCH=ON >/dev/null
cmake --build --preset release >/dev/null
mkdir -p bench/out
python3 bench/convert_real.py govuk bench/out/govuk.yaml
python3 bench/convert_real.py debian bench/out/debian.yaml
echo "## Speed and memory"
python3 bench/run.py --shapes mixed,chain,hub,cycle,shared --commands validate,assess,plan \
  --missed-sizes 10000,100000 --files bench/out/govuk.yaml,bench/out/debian.yaml "$@"
echo
echo "## Import"
python3 bench/import_bench.py
echo
echo "## Plan quality"
python3 bench/quality.py --sizes 1000,5000 --seeds 4
if command -v glpsol >/dev/null; then
  echo
  echo "## Against the exact optimum"
  python3 bench/exact.py --seeds 40 --time-limit 20 | tail -4
else
  echo "glpsol not found (Debian package glpk-utils): no exact comparison"
fi
