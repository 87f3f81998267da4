// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Any bytes as one inventory file: the loader must end in diagnostics, never a crash or a hang.
#include "load/inventory_builder.hpp"

#include <dcexit/diagnostic.hpp>
#include <dcexit/load.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  dcexit::DiagnosticSink sink;
  dcexit::InventoryBuilder builder("fuzz", sink);
  builder.add_file("fuzz.yaml", std::string_view(reinterpret_cast<const char*>(data), size));
  const dcexit::Inventory inventory = builder.finish();
  sink.sort();
  for (const dcexit::Diagnostic& d : sink.all()) {
    (void)dcexit::format_text(d);
    (void)dcexit::format_github(d);
  }
  (void)dcexit::format_json(sink.all());
  return 0;
}
