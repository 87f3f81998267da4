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
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_inventory fuzz_profile fuzz_pipeline fuzz_import fuzz_prices fuzz_xlsx)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "${targets[@]}" >/dev/null

out=build/fuzz
mkdir -p "$out/artifacts"
for target in "${targets[@]}"; do
  corpus="$out/corpus/$target"
  mkdir -p "$corpus"
  if [ "$target" = fuzz_profile ]; then
    cp -n profiles/*.yaml tests/cli/profile-*.yaml "$corpus"/ 2>/dev/null || true
  elif [ "$target" = fuzz_prices ]; then
    cp -n tests/fixtures/prices/*.json tests/fixtures/prices/*.csv "$corpus"/ 2>/dev/null || true
  elif [ "$target" = fuzz_xlsx ]; then
    # Even first byte: a whole workbook; odd: a sheet's XML (see fuzz_xlsx.cpp).
    for f in tests/fixtures/import/*.xlsx; do { printf '\000'; cat "$f"; } > "$corpus/seed-book-$(basename "$f")"; done
    printf '\003<row r="1"><c r="A1" t="inlineStr"><is><t>VM</t></is></c><c r="B1"><v>4</v></c></row><row r="3"><c r="B3" s="1"><v>1</v></c></row>' > "$corpus/seed-sheet"
    printf '\001<sst><si><t>VM</t></si><si><r><t>A</t></r><r><t>pp</t></r></si><si><t>db01</t></si></sst>' > "$corpus/seed-strings"
  elif [ "$target" = fuzz_import ]; then
    # The first byte picks the format, in the order of k_import_formats (importer.hpp).
    seed() { [ -f "$2" ] && { printf "\\$(printf '%03o' "$1")"; head -c 12000 "$2"; } > "$corpus/seed-$1-$(basename "$2")" || true; }
    shared=../shared/real-data/inventories
    for f in "$shared"/kubev2v-rvtools/*_vInfo.csv "$shared"/kubev2v-rvtools/*_vHost.csv; do seed 0 "$f"; done
    for f in tests/fixtures/import/apps.csv tests/fixtures/import/servers.csv tests/fixtures/import/dependencies.csv tests/fixtures/import/broken.csv; do seed 1 "$f"; done
    for f in "$shared"/konveyor/*.csv; do seed 2 "$f"; done
    for f in "$shared"/aws-cmf/*.csv; do seed 3 "$f"; done
    seed 4 tests/fixtures/import/aws-mh.csv
    seed 5 tests/fixtures/import/azure-migrate.csv
    seed 6 "$shared"/cast-highlight/cast_highlight_analysisResults.csv
    seed 7 tests/fixtures/import/catalog-info.yaml
  else
    cp -n examples/*.yaml inventories/*.yaml tests/golden/validate/*.yaml "$corpus"/ 2>/dev/null || true
    cp -n tests/fixtures/govuk/carrenza.yaml "$corpus"/ 2>/dev/null || true
    for f in examples/directory-estate/*.yaml examples/directory-estate/applications/*.yaml; do
      cp -n "$f" "$corpus/dir-$(basename "$f")" 2>/dev/null || true
    done
  fi
  max_len=16384
  [ "$target" = fuzz_pipeline ] && max_len=4096
  dict=fuzz/inventory.dict
  [ "$target" = fuzz_import ] && dict=fuzz/import.dict
  echo "== $target: ${seconds}s"
  "$out/fuzz/$target" "$corpus" -dict="$dict" -max_total_time="$seconds" \
    -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$out/artifacts/$target-" 2>&1 | grep -E "^#|stat::|ERROR|SUMMARY|Done" | tail -12
done
