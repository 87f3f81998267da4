// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Any bytes as a scoring profile.
#include <dcexit/assess.hpp>
#include <dcexit/diagnostic.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  dcexit::DiagnosticSink sink;
  (void)dcexit::load_profile("fuzz.yaml",
                             std::string_view(reinterpret_cast<const char*>(data), size), sink);
  return 0;
}
