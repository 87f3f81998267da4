// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
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

// One record: a line of the sheet, or several when a quoted field holds line breaks.
struct CsvRecord {
  std::vector<CsvField> fields;
  std::uint32_t line = 0;
};

struct CsvTable {
  std::vector<CsvField> header;  // the first record that is not blank
  std::vector<CsvRecord> rows;   // every later record that is not blank
  std::size_t blank_rows = 0;    // records whose fields are all empty or blank, skipped
  char delimiter = ',';
  std::deque<std::string> owned_text;  // fields whose text differs from the file's bytes
};

struct CsvLimits {
  std::size_t max_field_bytes = 1U << 20U;
};

// Reads a CSV sheet (RFC 4180, and the usual departures from it): a UTF-8 byte-order mark,
// CRLF, LF or CR line ends, quoted fields holding delimiters, quotes ("") and line breaks,
// blanks before an opening quote, rows shorter than the header, and a delimiter of ',', ';' or
// tab found from the header line. Problems go to `sink` against `file`; nullopt when the text
// cannot be read as CSV at all (wrong encoding, a spreadsheet workbook, an unclosed quote).
// The table's fields refer to `content`, which must outlive it.
std::optional<CsvTable> read_csv(std::string_view file, std::string_view content,
                                 DiagnosticSink& sink, const CsvLimits& limits = {});

// A header name reduced for matching: lower case, '*' dropped, every run of characters other
// than letters and digits as one space, trimmed ("*Memory (In MB)" -> "memory in mb").
std::string normalise_header(std::string_view name);

}  // namespace dcexit
