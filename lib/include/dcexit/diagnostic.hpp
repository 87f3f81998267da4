// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dcexit {

// Every diagnostic code dcexit emits, and its name in output (`[unknown-key]`); each is
// described in docs/inventory.md (those only `dcexit import` emits in docs/import.md, those of
// the commands themselves in docs/planning.md and docs/reports.md).
enum class Code : std::uint8_t {
  alias_limit,
  bad_date,
  bad_id,
  bad_merge,
  bad_value,
  complex_key,
  conflicting_value,
  csv_syntax,
  custom_tag,
  dependency_cycle,
  duplicate_estate,
  duplicate_id,
  duplicate_key,
  duplicate_policy,
  duplicate_reference,
  duplicate_value,
  empty_file,
  encoding,
  extra_field,
  internal_error,
  invalid_utf8,
  missing_column,
  missing_estate,
  missing_key,
  missing_schema,
  missing_value,
  multiple_documents,
  nesting_too_deep,
  nul_byte,
  out_of_range,
  plan_too_long,
  retained_shared_server,
  self_dependency,
  skipped_entry,
  tab_indent,
  too_many_diagnostics,
  unknown_key,
  unknown_reference,
  unknown_schema,
  unreadable,
  unsupported_file,
  unused_server,
  value_too_long,
  wrong_type,
  yaml_syntax,
  usage,
  output,
  interrupted,
  ignored_key,
  replacement_cycle,
  deadline_missed,
  site_blocked,
  mixed_cutover,
  service_gone_early,
  long_split,
  permanent_split,
  pilot_route,
  bad_progress,
  history,
  bad_prices,
  unpriced,
  low_confidence,
};

inline constexpr std::array<std::pair<Code, std::string_view>, 62> k_codes = {{
    {Code::alias_limit, "alias-limit"},
    {Code::bad_date, "bad-date"},
    {Code::bad_id, "bad-id"},
    {Code::bad_merge, "bad-merge"},
    {Code::bad_value, "bad-value"},
    {Code::complex_key, "complex-key"},
    {Code::conflicting_value, "conflicting-value"},
    {Code::csv_syntax, "csv-syntax"},
    {Code::custom_tag, "custom-tag"},
    {Code::dependency_cycle, "dependency-cycle"},
    {Code::duplicate_estate, "duplicate-estate"},
    {Code::duplicate_id, "duplicate-id"},
    {Code::duplicate_key, "duplicate-key"},
    {Code::duplicate_policy, "duplicate-policy"},
    {Code::duplicate_reference, "duplicate-reference"},
    {Code::duplicate_value, "duplicate-value"},
    {Code::empty_file, "empty-file"},
    {Code::encoding, "encoding"},
    {Code::extra_field, "extra-field"},
    {Code::internal_error, "internal-error"},
    {Code::invalid_utf8, "invalid-utf8"},
    {Code::missing_column, "missing-column"},
    {Code::missing_estate, "missing-estate"},
    {Code::missing_key, "missing-key"},
    {Code::missing_schema, "missing-schema"},
    {Code::missing_value, "missing-value"},
    {Code::multiple_documents, "multiple-documents"},
    {Code::nesting_too_deep, "nesting-too-deep"},
    {Code::nul_byte, "nul-byte"},
    {Code::out_of_range, "out-of-range"},
    {Code::plan_too_long, "plan-too-long"},
    {Code::retained_shared_server, "retained-shared-server"},
    {Code::self_dependency, "self-dependency"},
    {Code::skipped_entry, "skipped-entry"},
    {Code::tab_indent, "tab-indent"},
    {Code::too_many_diagnostics, "too-many-diagnostics"},
    {Code::unknown_key, "unknown-key"},
    {Code::unknown_reference, "unknown-reference"},
    {Code::unknown_schema, "unknown-schema"},
    {Code::unreadable, "unreadable"},
    {Code::unsupported_file, "unsupported-file"},
    {Code::unused_server, "unused-server"},
    {Code::value_too_long, "value-too-long"},
    {Code::wrong_type, "wrong-type"},
    {Code::yaml_syntax, "yaml-syntax"},
    {Code::usage, "usage"},
    {Code::output, "output"},
    {Code::interrupted, "interrupted"},
    {Code::ignored_key, "ignored-key"},
    {Code::replacement_cycle, "replacement-cycle"},
    {Code::deadline_missed, "deadline-missed"},
    {Code::site_blocked, "site-blocked"},
    {Code::mixed_cutover, "mixed-cutover"},
    {Code::service_gone_early, "service-gone-early"},
    {Code::long_split, "long-split"},
    {Code::permanent_split, "permanent-split"},
    {Code::pilot_route, "pilot-route"},
    {Code::bad_progress, "bad-progress"},
    {Code::history, "history"},
    {Code::bad_prices, "bad-prices"},
    {Code::unpriced, "unpriced"},
    {Code::low_confidence, "low-confidence"},
}};
std::string_view to_string(Code code);

// A note points at something worth a look (a critical app without recovery objectives) that the
// contract does not ask for: it never fails a command, not even under --strict.
enum class Severity : std::uint8_t { warning, error, note };

// A position in an input file; `line` and `column` are 1-based, 0 means "whole file". In a
// spreadsheet (`file` is then "FILE[SHEET]") `line` is the row and `column_letter` says that the
// column is printed as the spreadsheet names it (A = 1, AA = 27): "f.xlsx[vInfo]:3:C".
struct SourceLocation {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  bool column_letter = false;
};

// The column as it is printed: a number, or the spreadsheet's letters.
std::string column_text(const SourceLocation& where);

// One problem found in an input, with a stable machine-readable `code` (see docs/inventory.md).
struct Diagnostic {
  SourceLocation where;
  Severity severity = Severity::error;
  Code code = Code::internal_error;
  std::string message;

  // Field by field: brace-initialising the nested strings trips a GCC 12 -Wmaybe-uninitialized
  // false positive.
  static Diagnostic make(Severity severity, SourceLocation where, Code code, std::string message);
};

// Collects every diagnostic of a run so that they can be printed at once, sorted.
class DiagnosticSink {
 public:
  // At most `limit` diagnostics are kept; the rest are counted and summarised in one more.
  static constexpr std::size_t k_default_limit = 1000;
  explicit DiagnosticSink(std::size_t limit = k_default_limit) : m_limit(limit) {}

  void error(SourceLocation where, Code code, std::string message);
  void warning(SourceLocation where, Code code, std::string message);
  void note(SourceLocation where, Code code, std::string message);
  void add(Diagnostic diagnostic);

  // Turns every warning into an error (`--strict`).
  void promote_warnings();

  // Sorts by file, line, column, then severity, code and message; drops exact repeats.
  // If diagnostics were dropped over the limit, one error saying how many is added first.
  void sort();

  [[nodiscard]] const std::vector<Diagnostic>& all() const { return m_diagnostics; }
  // The problems found, those dropped over the limit included, and not the line that says how
  // many were dropped.
  [[nodiscard]] std::size_t error_count() const;
  [[nodiscard]] std::size_t warning_count() const;
  [[nodiscard]] std::size_t note_count() const;
  [[nodiscard]] bool has_errors() const { return error_count() > 0; }

 private:
  std::vector<Diagnostic> m_diagnostics;
  std::size_t m_limit;
  [[nodiscard]] std::size_t count(Severity severity) const;
  std::size_t m_dropped = 0;         // not yet summarised (sort() adds the line)
  std::size_t m_dropped_by[3] = {};  // dropped ones by severity, summarised or not
  SourceLocation m_first_dropped;
};

enum class DiagnosticFormat : std::uint8_t { text, json, github };

// `FILE:LINE:COLUMN: error: MESSAGE [code]`, one per line; `dcexit: error: MESSAGE [code]` for a
// diagnostic about the command rather than a file (no file). Control characters are escaped.
std::string format_text(const Diagnostic& diagnostic);
// The diagnostics of `items` whose code is `code` (or, with `matching` false, is not), in order.
std::vector<Diagnostic> with_code(const std::vector<Diagnostic>& items, Code code,
                                  bool matching = true);
// A JSON array of objects with keys file, line, column, severity, code, message.
std::string format_json(const std::vector<Diagnostic>& diagnostics);
// GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=code::message`.
std::string format_github(const Diagnostic& diagnostic);

std::string_view to_string(Severity severity);

// `text` safe to print on a terminal or in a CI log: control characters (C0, DEL, C1 and the
// Unicode line and paragraph separators) become `\xHH` / `\uHHHH`, malformed UTF-8 bytes `\xHH`.
// Nothing a user wrote can then move the cursor, start a new log line or forge an annotation.
std::string printable(std::string_view text);

// printable() for text written to a terminal a line at a time: line feeds are kept.
std::string terminal_text(std::string_view text);

}  // namespace dcexit
