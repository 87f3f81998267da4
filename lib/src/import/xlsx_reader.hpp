// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Reading one sheet of an Office Open XML workbook (.xlsx) into the same table a CSV gives, with
// Debian's libzip and expat, within stated limits against hostile archives (docs/security.md).
#pragma once

#include "import/csv_reader.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dcexit {

class DiagnosticSink;

// What one workbook may ask of the reader. Every entry's bytes are counted as they are
// inflated, whatever its header claims, so a zip bomb stops at the first limit it crosses.
struct XlsxLimits {
  std::size_t max_entry_bytes = 256U << 20U;   // one inflated part (a sheet, the strings)
  std::size_t max_total_bytes = 512U << 20U;   // all parts read from one workbook
  std::size_t max_shared_strings = 4'000'000;  // entries of the shared-string table
  std::size_t max_shared_bytes = 128U << 20U;  // their text, all together
  std::size_t max_depth = 64;                  // nested XML elements
  CsvLimits cells;                             // rows, columns, cells, field bytes
};

// The names of the workbook's sheets, in order; nullopt (with a diagnostic) when it is not a
// workbook dcexit can read.
std::optional<std::vector<std::string>> xlsx_sheet_names(std::string_view file,
                                                         std::string_view bytes,
                                                         DiagnosticSink& sink,
                                                         const XlsxLimits& limits = {});

// The sheet named `sheet` (the first when empty) as a table: the first row that is not blank
// is the header; shared and inline strings, numbers (shortest form), booleans (TRUE, FALSE),
// dates and times by their cell style (1900 and 1904 date systems) as YYYY-MM-DD or
// YYYY-MM-DD HH:MM:SS; missing cells of sparse rows are empty; rows after the last filled one
// are not read. A field's line is its row number and its column its column number (A = 1).
std::optional<CsvTable> read_xlsx(std::string_view file, std::string_view bytes,
                                  std::string_view sheet, DiagnosticSink& sink,
                                  const XlsxLimits& limits = {});

// "A", "Z", "AA" for columns 1, 26, 27.
std::string column_letters(std::size_t column);

}  // namespace dcexit
