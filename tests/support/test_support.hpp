// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <dcexit/diagnostic.hpp>
#include <dcexit/inventory.hpp>
#include <dcexit/load.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dcexit::test {

// Paths given by the build, so tests never depend on the working directory.
std::filesystem::path source_dir();
std::filesystem::path shared_dir();

// Every diagnostic in `sink`, sorted, as `FILE:LINE:COLUMN: severity: message [code]` lines.
std::vector<std::string> lines(DiagnosticSink& sink);
// `diagnostics` in their order, as `FILE:LINE:COLUMN: severity: message [code]` lines.
std::vector<std::string> lines(const std::vector<Diagnostic>& diagnostics);

// An estate read from in-memory files, with its sorted diagnostics.
struct Loaded {
  Inventory inventory;
  DiagnosticSink diagnostics;
  LoadWork work;

  // The diagnostics as `FILE:LINE:COLUMN: severity: message [code]` lines.
  [[nodiscard]] std::vector<std::string> lines() const;
  [[nodiscard]] bool has_code(std::string_view code) const;
};

struct SourceFile {
  std::string name;
  std::string content;
};

Loaded load_files(const std::vector<SourceFile>& files);
Loaded load_text(std::string_view yaml, std::string name = "test.yaml");

// A valid file header with schema, estate and one site, for building small test estates.
std::string header(std::string_view extra_policy = {});

std::string read_file(const std::filesystem::path& path);

}  // namespace dcexit::test
