// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Any bytes as an import source: the first byte picks the format, the rest is the file. Traps
// when an import succeeds with an error reported, fails without one, or reports `internal-error`
// (it wrote an inventory the loader rejects).
#include <dcexit/diagnostic.hpp>
#include <dcexit/import.hpp>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  constexpr auto k_formats = std::size(dcexit::k_import_formats);
  dcexit::ImportSource source;
  source.format = dcexit::k_import_formats[data[0] % k_formats].second;
  source.name = "fuzz";
  source.content.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  (void)dcexit::detect_import_format(source.content);
  dcexit::ImportOptions options;
  options.today = dcexit::Date::from_civil(2026, 11, 24);
  dcexit::DiagnosticSink sink;
  const auto result = dcexit::import_estate({&source, 1}, options, sink);
  if (result.has_value() == sink.has_errors()) {
    __builtin_trap();
  }
  for (const dcexit::Diagnostic& d : sink.all()) {
    if (to_string(d.code) == "internal-error") {
      __builtin_trap();
    }
  }
  return 0;
}
