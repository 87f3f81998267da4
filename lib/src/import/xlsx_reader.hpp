// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Reading one sheet of an Office Open XML workbook (.xlsx) into the same table a CSV gives, with
// Debian's libzip and expat, within stated limits against hostile archives (docs/security.md).
#pragma once

#include "import/csv_reader.hpp"

#include <cstddef>
#include <memory>
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
  // A sheet's cells' text, all together, each shared string counted every time a cell refers
  // to it (a small sheet can refer a million times to one large string).
  std::size_t max_sheet_text_bytes = 256U << 20U;
  CsvLimits cells;  // rows, columns, cells, field bytes
};

// A workbook opened for reading sheets: the archive, its sheet names, shared strings and date
// styles are read once; each sheet when asked for. Diagnostics go to `sink`, at "FILE:1:1".
// `file`, `bytes` and `sink` must outlive the workbook (it reads `bytes` in place).
class XlsxWorkbook {
 public:
  XlsxWorkbook(std::string_view file, std::string_view bytes, DiagnosticSink& sink,
               const XlsxLimits& limits = {});
  XlsxWorkbook(const XlsxWorkbook&) = delete;
  XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;
  ~XlsxWorkbook();

  // False when it is not a workbook dcexit can read (after a diagnostic).
  [[nodiscard]] bool ok() const;
  // The sheets' names, in the workbook's order.
  [[nodiscard]] const std::vector<std::string>& sheet_names() const;
  // The sheet named `name` (ignoring case) as a table: the first row that is not blank is the
  // header; shared and inline strings, numbers (shortest form), booleans (TRUE, FALSE), dates
  // and times by their cell style (1900 and 1904 date systems) as YYYY-MM-DD or
  // YYYY-MM-DD HH:MM:SS; missing cells of sparse rows are empty; rows after the last filled one
  // are not read. A field's line is its row number and its column its column number (A = 1).
  // nullopt after a diagnostic (no such sheet, a broken part, a limit crossed). With
  // `max_rows`, only the first that many filled rows are read (1: the header), and the part is
  // inflated no further than they need.
  std::optional<CsvTable> sheet(std::string_view name, std::size_t max_rows = 0);
  // The bytes inflated so far, all parts together (what the limits count).
  [[nodiscard]] std::size_t inflated_bytes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// True when `bytes` start as a ZIP archive does (an .xlsx is one).
bool is_zip_archive(std::string_view bytes);

}  // namespace dcexit
