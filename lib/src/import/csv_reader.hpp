// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dcexit {

class DiagnosticSink;

// One field, unquoted, and where it starts (1-based line and column, in characters). The text
// is a view of the file's content or of the table's own storage: it lives as long as both.
struct CsvField {
  std::string_view text;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// One record: a line of the sheet, or several when a quoted field holds line breaks. Its
// fields are a view of the table's storage.
struct CsvRecord {
  std::span<const CsvField> fields;
  std::uint32_t line = 0;
};

// Fields view text in the file's bytes or in `owned_text`: a table moves (the deque keeps its
// strings in place) but cannot be copied, as a copy's views would point into the original.
struct CsvTable {
  CsvTable() = default;
  CsvTable(const CsvTable&) = delete;
  CsvTable& operator=(const CsvTable&) = delete;
  CsvTable(CsvTable&&) = default;
  CsvTable& operator=(CsvTable&&) = default;
  ~CsvTable() = default;

  std::vector<CsvField> header;  // the first record that is not blank
  std::vector<CsvRecord> rows;   // every later record that is not blank
  std::size_t blank_rows = 0;    // records whose fields are all empty or blank, skipped
  char delimiter = ',';
  std::vector<CsvField> fields;        // every row's fields, one after the other
  std::deque<std::string> owned_text;  // fields whose text differs from the file's bytes
};

// What a sheet may hold: a spreadsheet's own limits and a cap on cells, so that memory stays
// within a stated bound (docs/security.md): 24 bytes a field and 24 a row, so at most 24 times
// the file's size and never more than about 500 MB, whatever the file.
struct CsvLimits {
  std::size_t max_field_bytes = 1U << 20U;
  std::size_t max_columns = 16'384;    // fields in one row (a spreadsheet's column limit)
  std::size_t max_rows = 1'048'576;    // rows that are not blank (a spreadsheet's row limit)
  std::size_t max_cells = 20'000'000;  // fields in all rows (RVTools' vInfo of 100k VMs: 9M)
};

// Reads a CSV sheet (RFC 4180, and the usual departures from it): a UTF-8 byte-order mark,
// CRLF, LF or CR line ends, quoted fields holding delimiters, quotes ("") and line breaks,
// blanks before an opening quote, rows shorter than the header, and a delimiter of ',', ';' or
// tab found from the header line. Problems go to `sink` against `file`; nullopt when the text
// cannot be read as CSV at all (wrong encoding, a spreadsheet workbook, an unclosed quote).
// The table's fields refer to `content`, which must outlive it.
std::optional<CsvTable> read_csv(std::string_view file, std::string_view content,
                                 DiagnosticSink& sink, const CsvLimits& limits = {});

// Reports to `sink` what keeps `content` from being read as text at all: a workbook (.xlsx,
// .xls), UTF-16, a NUL byte or invalid UTF-8, each with what to do. False when there is one.
bool check_csv_encoding(std::string_view file, std::string_view content, DiagnosticSink& sink);

// A header name reduced for matching: lower case, '*' dropped, every run of characters other
// than letters and digits as one space, trimmed ("*Memory (In MB)" -> "memory in mb").
std::string normalise_header(std::string_view name);

}  // namespace dcexit
