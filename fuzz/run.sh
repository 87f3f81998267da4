#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets with clang 14 (ASan + UBSan) and runs each for SECONDS (default 20),
# seeded from the examples, inventories, golden cases and profiles. A crash, leak, timeout or
# broken plan invariant fails the run and leaves its input in build/fuzz/artifacts/.
# Usage: fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_inventory fuzz_profile fuzz_pipeline)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "${targets[@]}" >/dev/null

out=build/fuzz
mkdir -p "$out/artifacts"
for target in "${targets[@]}"; do
  corpus="$out/corpus/$target"
  mkdir -p "$corpus"
  if [ "$target" = fuzz_profile ]; then
    cp -n profiles/*.yaml tests/cli/profile-*.yaml "$corpus"/ 2>/dev/null || true
  else
    cp -n examples/*.yaml inventories/*.yaml tests/golden/validate/*.yaml "$corpus"/ 2>/dev/null || true
    for f in examples/directory-estate/*.yaml examples/directory-estate/applications/*.yaml; do
      cp -n "$f" "$corpus/dir-$(basename "$f")" 2>/dev/null || true
    done
  fi
  max_len=16384
  [ "$target" = fuzz_pipeline ] && max_len=4096
  echo "== $target: ${seconds}s"
  "$out/fuzz/$target" "$corpus" -dict=fuzz/inventory.dict -max_total_time="$seconds" \
    -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$out/artifacts/$target-" 2>&1 | grep -E "^#|stat::|ERROR|SUMMARY|Done" | tail -12
done
