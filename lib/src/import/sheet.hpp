// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: a CSV sheet as the importers see it: columns found by name, typed values with
// diagnostics, and a record of which columns no importer asked for.
#pragma once

#include "import/csv_reader.hpp"

#include <dcexit/diagnostic.hpp>
#include <dcexit/import.hpp>

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace dcexit::detail {

using Column = std::optional<std::size_t>;

// A column holding a quantity, and the factor that turns its unit into GB (10^9 bytes).
struct QuantityColumn {
  Column column;
  double to_gb = 1;
};

class Sheet {
 public:
  // `table` read from `file` ("FILE" for CSV, "FILE[SHEET]" for a workbook's sheet, whose
  // columns are then given as letters); `renames` maps normalised source headers to the names
  // importers ask for. Check `ok()` before use.
  Sheet(std::string file, ImportFormat format, std::optional<CsvTable> table, bool spreadsheet,
        DiagnosticSink& sink, std::span<const std::pair<std::string, std::string>> renames = {});

  [[nodiscard]] bool ok() const { return m_table.has_value(); }
  [[nodiscard]] const std::string& file() const { return m_file; }
  [[nodiscard]] ImportFormat format() const { return m_format; }
  [[nodiscard]] const std::vector<CsvRecord>& rows() const { return m_table->rows; }
  [[nodiscard]] std::size_t blank_rows() const { return m_table->blank_rows; }
  [[nodiscard]] bool has(std::string_view name) const;
  // Reads columns named `prefix` + a name (normalised: "server os name") under the name alone,
  // unless the sheet has that name too: Migration Hub's exports write `Server.OS.Name`.
  void drop_prefix(std::string_view prefix);
  // Reads a column named `from` (normalised) under `to`, for each pair, unless the sheet has
  // `to` too: RVTools' -DBColumnNames headers (`vInfoVMName` for `VM`).
  void alias(std::span<const std::pair<std::string_view, std::string_view>> names);
  // Reads MB, KB, GB and TB in headers as MiB, KiB, GiB and TiB: RVTools before 3.10 heads its
  // MiB columns `MB`.
  void binary_units() { m_binary_units = true; }

  // The first column whose normalised header is one of `names` (see normalise_header).
  Column column(std::initializer_list<std::string_view> names);
  // The same, or an error naming `display` (the header as the format writes it).
  Column require(std::initializer_list<std::string_view> names, std::string_view display);
  // A column named `base` plus a unit ("memory mib", "memory in mb"), or `base` alone in
  // `bare_unit`; units: kb kib mb mib gb gib tb tib.
  QuantityColumn quantity(std::initializer_list<std::string_view> bases,
                          std::string_view bare_unit);

  // The field trimmed of blanks; empty when the column or the field is absent.
  [[nodiscard]] std::string text(const CsvRecord& row, Column column) const;
  [[nodiscard]] SourceLocation at(const CsvRecord& row, Column column = std::nullopt) const;
  // The header row's first cell.
  [[nodiscard]] SourceLocation head() const {
    return location(m_table->header.empty() ? 1 : m_table->header.front().line, 1);
  }
  // A number in [min, max]; nullopt when empty or "N/A", after an error when it is not one.
  std::optional<double> number(const CsvRecord& row, Column column, double min, double max);
  std::optional<double> gigabytes(const CsvRecord& row, const QuantityColumn& quantity);
  // A percentage ("37", "37%", "37.5 %") as a fraction 0..1.
  std::optional<double> fraction(const CsvRecord& row, Column column);
  // Errors for a row with more non-empty fields than the header has columns.
  bool check_width(const CsvRecord& row);

  void error(const SourceLocation& where, Code code, std::string message);
  void warning(const SourceLocation& where, Code code, std::string message);
  [[nodiscard]] std::string header_name(Column column) const;

  // "; the header looks like --from X" when the columns fit another format better, once.
  std::string format_hint();

  // The headers of columns no importer asked for that hold a value in some row.
  [[nodiscard]] std::vector<std::string> unmapped_columns() const;

  // A column --map renamed: the option's source header and target, and the column.
  struct Rename {
    std::string from;
    std::string to;
    std::size_t column = 0;
  };
  [[nodiscard]] const std::vector<Rename>& renames() const { return m_renames; }
  [[nodiscard]] bool used(std::size_t column) const { return m_used[column]; }
  // Every name the reader asked for (normalised), for a did-you-mean.
  [[nodiscard]] const std::set<std::string, std::less<>>& asked() const { return m_asked; }

 private:
  // `value` (the field's text, or part of it) as a number; errors name the field's column.
  std::optional<double> parse_number(const CsvRecord& row, Column column, const std::string& value,
                                     double min, double max);

  [[nodiscard]] SourceLocation location(std::uint32_t line, std::uint32_t column) const {
    return {m_file, line, column, m_spreadsheet};
  }

  std::string m_file;
  ImportFormat m_format;
  bool m_spreadsheet = false;
  bool m_hinted = false;
  bool m_binary_units = false;
  DiagnosticSink& m_sink;
  std::optional<CsvTable> m_table;
  std::vector<std::string> m_names;  // normalised, after renames
  std::vector<bool> m_used;
  std::vector<Rename> m_renames;
  std::set<std::string, std::less<>> m_asked;  // once each: readers ask row by row
};

// The sheets of `source` to import: the file itself when it is CSV; a workbook's sheet named by
// `source.sheet`, or the format's own (see ImportSource). Empty after a diagnostic when the
// workbook cannot be read.
std::vector<Sheet> open_sheets(const ImportSource& source, DiagnosticSink& sink,
                               std::span<const std::pair<std::string, std::string>> renames = {});

// The format of a workbook (.xlsx), from its sheets' names and headers, if one fits. What stops
// a header from being read (a DOCTYPE, nesting past the limit, no sheet at all) is reported to
// `sink`, so that the user sees that and not "cannot tell the format".
std::optional<ImportFormat> detect_workbook_format(std::string_view file, std::string_view bytes,
                                                   DiagnosticSink& sink);
inline std::optional<ImportFormat> detect_workbook_format(std::string_view file,
                                                          std::string_view bytes) {
  DiagnosticSink ignored;
  return detect_workbook_format(file, bytes, ignored);
}

// The format whose columns `names` (normalised headers) are, if one fits.
std::optional<ImportFormat> format_of_header(std::span<const std::string> names);

// Items of a `;`-separated (or `separator`) list, trimmed, empty ones dropped.
std::vector<std::string> split_list(std::string_view text, char separator = ';');

class ImportedEstate;
// After a sheet is read: each --map rename it applied is counted as used, and one whose target
// its reader never asked for is an error naming the columns it reads.
void check_renames(const Sheet& sheet, ImportedEstate& estate);

// The summary line and the unmapped-columns note of one imported sheet.
void note_sheet(ImportedEstate& estate, const Sheet& sheet, std::string_view what);

}  // namespace dcexit::detail
