// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: `--set PATH=VALUE` options, applied to the YAML tree as it is read, so that the
// value is checked by the same readers as the file's own (contract programme.md section 3).
#pragma once

#include "base/yaml_stream.hpp"

#include <dcexit/diagnostic.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace dcexit::detail {

struct Override {
  std::uint32_t number = 0;  // 1-based among the options: the line of its diagnostics
  std::string path;          // "policy.wave.max_apps"
  std::string value;         // read as a plain YAML scalar
  bool applied = false;
};

// The options as overrides; a malformed one (no '=', an empty path) is reported and dropped.
std::vector<Override> parse_overrides(const std::vector<std::string>& options,
                                      DiagnosticSink& sink);

// Applies to `node` every override whose path starts with top-level key `top`: `node` is its
// value, or (`item`) one item of the top-level list `top`, matched by its `id`.
void apply_overrides(std::vector<Override>& overrides, std::string_view top, YamlNode& node,
                     bool item, DiagnosticSink& sink);

// A node for the value of top-level key `top` that no file gave, built from the overrides that
// name it (an empty mapping when none does).
YamlNode synthesised_section(std::string_view top);

// Errors for the overrides nothing took: an id no item has (`hint(list, id)` suggests one).
void report_unapplied(const std::vector<Override>& overrides, DiagnosticSink& sink,
                      const std::function<std::string(std::string_view, std::string_view)>& hint);

}  // namespace dcexit::detail
