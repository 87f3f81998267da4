// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: the loader's core, for load_inventory and for tests and fuzzers that feed it strings.
#pragma once

#include "base/yaml_stream.hpp"

#include <dcexit/load.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dcexit {

// Builds one estate from files handed to it one at a time, so that only one file's text and
// one list item's YAML are held at once.
class InventoryBuilder {
 public:
  explicit InventoryBuilder(std::string label, DiagnosticSink& sink, YamlLimits limits = {});
  ~InventoryBuilder();
  InventoryBuilder(const InventoryBuilder&) = delete;
  InventoryBuilder& operator=(const InventoryBuilder&) = delete;

  // `--set PATH=VALUE` options, applied to every file read after (docs/programme.md).
  void set_overrides(const std::vector<std::string>& options);
  // Reads one file of the estate; `name` is how diagnostics refer to it.
  void add_file(std::string name, std::string_view content);
  // Resolves references, sorts everything by id and runs the cross-file checks.
  Inventory finish();
  [[nodiscard]] const LoadWork& work() const;

 private:
  class Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace dcexit
