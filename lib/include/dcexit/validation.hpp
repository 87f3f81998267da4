// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <dcexit/diagnostic.hpp>
#include <dcexit/inventory.hpp>

#include <string>

namespace dcexit {

struct ValidationOptions {
  bool strict = false;  // warnings count as errors
};

// What `dcexit validate` reports for one estate.
struct ValidationReport {
  std::string label;
  DiagnosticSink diagnostics;  // sorted
  bool unreadable = false;
  std::size_t sites = 0;
  std::size_t servers = 0;
  std::size_t applications = 0;

  // 0 valid, 1 invalid, 2 unreadable.
  [[nodiscard]] int exit_code() const;
  // One line: `PATH: valid|invalid: N sites, N servers, N applications; N errors, N warnings`.
  [[nodiscard]] std::string summary() const;
};

// Loads the estate at `path` and reports on it.
ValidationReport validate_estate(const std::string& path, const ValidationOptions& options);

}  // namespace dcexit
