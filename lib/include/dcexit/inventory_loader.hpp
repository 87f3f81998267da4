// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <dcexit/inventory.hpp>
#include <dcexit/yaml_stream.hpp>

#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace dcexit {

class DiagnosticSink;

inline constexpr std::string_view k_schema_version = "dcexit/v1";

// The keys the loader knows in one part of the format, e.g. "applications.technology".
struct KeySection {
  std::string_view path;
  std::span<const std::string_view> keys;
};
std::span<const KeySection> inventory_key_sections();

// The work a load did, counted (tests bound it by the input's size instead of by a clock).
struct LoadWork {
  YamlWork yaml;                       // parser events and alias expansion, every file
  std::uint64_t hint_comparisons = 0;  // "did you mean" edit distances computed
};

// Builds one estate from files handed to it one at a time, so that only one file's text and
// one list item's YAML are held at once. Unit tests feed it strings.
class InventoryBuilder {
public:
  explicit InventoryBuilder(std::string label, DiagnosticSink& sink, YamlLimits limits = {});
  ~InventoryBuilder();
  InventoryBuilder(const InventoryBuilder&) = delete;
  InventoryBuilder& operator=(const InventoryBuilder&) = delete;

  // Reads one file of the estate; `name` is how diagnostics refer to it.
  void add_file(std::string name, std::string_view content);
  // Resolves references, sorts everything by id and runs the cross-file checks.
  Inventory finish();
  [[nodiscard]] const LoadWork& work() const;

private:
  class Impl;
  std::unique_ptr<Impl> m_impl;
};

// The outcome of loading one PATH.
struct LoadResult {
  Inventory inventory;
  bool unreadable = false;  // a file or directory could not be read (exit code 2)
  LoadWork work;
};

// Loads the estate at `path`: a YAML file, a directory of them (recursively), or "-" for
// standard input. Every problem goes to `sink`; the inventory is usable only without errors.
LoadResult load_inventory(const std::string& path, DiagnosticSink& sink,
                          const YamlLimits& limits = {});

}  // namespace dcexit
