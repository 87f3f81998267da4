#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The style CI enforces: every C++ file as clang-format 14 writes it (.clang-format), and no
# clang-tidy finding on lib/ and app/ (.clang-tidy), read from the clang preset's compile commands.
# Usage: scripts/check_style.sh [format|tidy|all]   (default all)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
if [ "$what" = format ] || [ "$what" = all ]; then
  git ls-files '*.cpp' '*.hpp' | xargs clang-format-14 --dry-run --Werror
  echo "dcexit: clang-format: every file is formatted"
fi
if [ "$what" = tidy ] || [ "$what" = all ]; then
  test -f build/clang/compile_commands.json || cmake --preset clang -DDCEXIT_BUILD_BENCH=OFF >/dev/null
  cmake --build --preset clang --target dcexit_lib dcexit >/dev/null  # generated sources
  git ls-files 'lib/src/*.cpp' 'app/*.cpp' |
    xargs -P "$(nproc)" -n 4 clang-tidy-14 -p build/clang --quiet 2>/dev/null |
    tee build/clang/tidy.log
  if grep -q "error:\|warning:" build/clang/tidy.log; then
    echo "dcexit: clang-tidy found the problems above" >&2
    exit 1
  fi
  echo "dcexit: clang-tidy: no finding"
fi
