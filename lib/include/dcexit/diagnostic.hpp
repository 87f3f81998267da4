// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dcexit {

// Every diagnostic code dcexit emits; each is described in docs/inventory.md (those only
// `dcexit import` emits, in docs/import.md).
inline constexpr std::string_view k_diagnostic_codes[] = {
    "alias-limit",       "bad-date",          "bad-id",            "bad-merge",
    "bad-value",         "complex-key",       "conflicting-value", "csv-syntax",
    "custom-tag",        "dependency-cycle",  "duplicate-estate",  "duplicate-id",
    "duplicate-key",     "duplicate-policy",  "duplicate-reference", "duplicate-value",
    "empty-file",        "encoding",          "extra-field",       "internal-error",
    "invalid-utf8",      "missing-column",    "missing-estate",    "missing-key",
    "missing-schema",    "missing-value",     "multiple-documents", "nesting-too-deep",
    "nul-byte",          "out-of-range",      "plan-too-long",      "retained-shared-server", "self-dependency",  "skipped-entry",
    "tab-indent",        "too-many-diagnostics", "unknown-key",    "unknown-reference",
    "unknown-schema",    "unreadable",        "unsupported-file",  "unused-server",
    "value-too-long",    "wrong-type",        "yaml-syntax"};

enum class Severity : std::uint8_t { warning, error };

// A position in an input file; `line` and `column` are 1-based, 0 means "whole file".
struct SourceLocation {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// One problem found in an input, with a stable machine-readable `code` (see docs/inventory.md).
struct Diagnostic {
  SourceLocation where;
  Severity severity = Severity::error;
  std::string code;
  std::string message;

  // Field by field: brace-initialising the nested strings trips a GCC 12 -Wmaybe-uninitialized
  // false positive.
  static Diagnostic make(Severity severity, SourceLocation where, std::string_view code, std::string message);
};

// Collects every diagnostic of a run so that they can be printed at once, sorted.
class DiagnosticSink {
public:
  // At most `limit` diagnostics are kept; the rest are counted and summarised in one more.
  static constexpr std::size_t k_default_limit = 1000;
  explicit DiagnosticSink(std::size_t limit = k_default_limit) : m_limit(limit) {}

  void error(SourceLocation where, std::string_view code, std::string message);
  void warning(SourceLocation where, std::string_view code, std::string message);
  void add(Diagnostic diagnostic);

  // Turns every warning into an error (`--strict`).
  void promote_warnings();

  // Sorts by file, line, column, then severity, code and message; drops exact repeats.
  // If diagnostics were dropped over the limit, one error saying how many is added first.
  void sort();

  [[nodiscard]] const std::vector<Diagnostic>& all() const { return m_diagnostics; }
  [[nodiscard]] std::size_t error_count() const;
  [[nodiscard]] std::size_t warning_count() const;
  [[nodiscard]] bool has_errors() const { return error_count() > 0; }

private:
  std::vector<Diagnostic> m_diagnostics;
  std::size_t m_limit;
  std::size_t m_dropped = 0;
  bool m_dropped_error = false;
  SourceLocation m_first_dropped;
};

enum class DiagnosticFormat : std::uint8_t { text, json, github };

// `FILE:LINE:COLUMN: error: MESSAGE [code]`, one per line.
std::string format_text(const Diagnostic& diagnostic);
// A JSON array of objects with keys file, line, column, severity, code, message.
std::string format_json(const std::vector<Diagnostic>& diagnostics);
// GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=code::message`.
std::string format_github(const Diagnostic& diagnostic);

std::string_view to_string(Severity severity);

}  // namespace dcexit
