// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "import/csv_reader.hpp"

#include "base/text.hpp"

#include <dcexit/diagnostic.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <deque>

namespace dcexit {

namespace {

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}
bool is_line_end(char c) {
  return c == '\n' || c == '\r';
}

// Walks the text byte by byte, keeping the line and the column in characters.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : m_text(text) {}

  [[nodiscard]] bool done() const { return m_pos >= m_text.size(); }
  [[nodiscard]] char peek(std::size_t ahead = 0) const {
    return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
  }
  [[nodiscard]] std::size_t pos() const { return m_pos; }
  [[nodiscard]] std::uint32_t line() const { return m_line; }
  [[nodiscard]] std::uint32_t column() const { return m_column; }

  void advance() {
    const char c = m_text[m_pos++];
    if (c == '\n' || (c == '\r' && peek() != '\n')) {
      ++m_line;
      m_column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U && c != '\r') {
      ++m_column;  // continuation bytes of a UTF-8 character do not count
    }
  }
  // Consumes one line end (CRLF, LF or CR) if there is one.
  void skip_line_end() {
    if (peek() == '\r') {
      advance();
    }
    if (peek() == '\n') {
      advance();
    }
  }

 private:
  std::string_view m_text;
  std::size_t m_pos = 0;
  std::uint32_t m_line = 1;
  std::uint32_t m_column = 1;
};

// The delimiter used by the first line: the most frequent of , ; and tab outside quotes.
char detect_delimiter(std::string_view text) {
  std::array<std::size_t, 3> counts{};
  constexpr std::array k_candidates = {',', ';', '\t'};
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && is_line_end(c)) {
      break;
    } else if (!quoted) {
      for (std::size_t i = 0; i < k_candidates.size(); ++i) {
        counts[i] += c == k_candidates[i] ? 1U : 0U;
      }
    }
  }
  const auto best = std::max_element(counts.begin(), counts.end());
  return *best == 0 ? ',' : k_candidates[static_cast<std::size_t>(best - counts.begin())];
}

// Position of byte `offset` as line and column, for encoding errors found before parsing.
std::pair<std::uint32_t, std::uint32_t> position_of(std::string_view text, std::size_t offset) {
  Cursor cursor(text);
  while (cursor.pos() < offset) {
    cursor.advance();
  }
  return {cursor.line(), cursor.column()};
}

}  // namespace

bool check_csv_encoding(std::string_view file, std::string_view text, DiagnosticSink& sink) {
  const auto whole_file = [&](Code code, std::string message) {
    sink.error({std::string(file), 1, 1}, code, std::move(message));
    return false;
  };
  if (text.starts_with("PK\x03\x04")) {
    return whole_file(Code::unsupported_file,
                      "this is a ZIP archive, most likely an Excel workbook (.xlsx); save the "
                      "sheet as CSV UTF-8 and import that");
  }
  if (text.starts_with("\xD0\xCF\x11\xE0")) {
    return whole_file(Code::unsupported_file,
                      "this is a legacy Excel workbook (.xls); save the sheet as CSV UTF-8 and "
                      "import that");
  }
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    return whole_file(Code::encoding, "the file is UTF-16; save it as CSV UTF-8");
  }
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    const auto [line, column] = position_of(text, nul);
    sink.error({std::string(file), line, column}, Code::nul_byte,
               "NUL byte in the file; is it UTF-16 or binary? dcexit reads CSV as UTF-8 text");
    return false;
  }
  if (const auto bad = find_invalid_utf8(text)) {
    const auto [line, column] = position_of(text, *bad);
    sink.error({std::string(file), line, column}, Code::invalid_utf8,
               fmt::format("invalid UTF-8 byte 0x{:02X}; save the sheet as CSV UTF-8 (text in "
                           "a Windows code page is not read)",
                           static_cast<unsigned char>(text[*bad])));
    return false;
  }
  return true;
}

namespace {

bool is_blank_record(std::span<const CsvField> fields) {
  return std::all_of(fields.begin(), fields.end(), [](const CsvField& f) {
    return std::all_of(f.text.begin(), f.text.end(),
                       [](char c) { return is_blank(c) || is_line_end(c); });
  });
}

// About how many fields `text` will store, to reserve them at once instead of doubling: per
// physical line its delimiters plus one, at most a row's worth, over at most `limits.max_rows`
// lines that are not blank. Only an estimate (a quoted field may span lines): the rows' views
// are made after parsing, so a wrong guess costs a reallocation, never a dangling view.
std::size_t field_estimate(std::string_view text, char delimiter, const CsvLimits& limits) {
  std::size_t total = 0;
  std::size_t in_line = 1;
  std::size_t lines = 0;
  bool blank = true;
  for (const char c : text) {
    if (c == '\n' || c == '\r') {
      if (!blank && ++lines > limits.max_rows) {
        break;
      }
      total += blank ? 0 : std::min(in_line, limits.max_columns + 1);
      in_line = 1;
      blank = true;
    } else if (c == delimiter) {
      ++in_line;
    } else if (!is_blank(c)) {
      blank = false;
    }
  }
  return std::min(total + std::min(in_line, limits.max_columns + 1), limits.max_cells);
}

class Parser {
 public:
  Parser(std::string_view file, std::string_view text, char delimiter, DiagnosticSink& sink,
         const CsvLimits& limits, std::deque<std::string>& owned)
      : m_file(file),
        m_text(text),
        m_cursor(text),
        m_delimiter(delimiter),
        m_sink(sink),
        m_limits(limits),
        m_owned(owned) {}

  // Every record that is not blank (their fields appended to `fields`), or nullopt if the text
  // cannot be read on. Blank records are counted in `blank`.
  std::optional<std::vector<std::pair<std::size_t, std::uint32_t>>> records(
      std::vector<CsvField>& fields, std::size_t& blank) {
    std::vector<std::pair<std::size_t, std::uint32_t>> starts;  // first field and line of each
    while (!m_cursor.done()) {
      const std::size_t first = fields.size();
      const std::uint32_t line = m_cursor.line();
      while (true) {
        auto field = read_field();
        if (!field) {
          return std::nullopt;
        }
        if (fields.size() - first == m_limits.max_columns) {
          error(field->line, field->column, Code::csv_syntax,
                fmt::format("the row has more than {} fields, the most a spreadsheet holds; is "
                            "the delimiter right?",
                            m_limits.max_columns));
          return std::nullopt;
        }
        if (fields.size() == m_limits.max_cells) {
          error(field->line, field->column, Code::csv_syntax,
                fmt::format("the sheet has more than {} fields in all; split it",
                            m_limits.max_cells));
          return std::nullopt;
        }
        fields.push_back(*field);
        if (m_cursor.peek() != m_delimiter || m_cursor.done()) {
          break;
        }
        m_cursor.advance();
      }
      m_cursor.skip_line_end();
      if (is_blank_record(std::span<const CsvField>(fields).subspan(first))) {
        fields.resize(first);
        ++blank;
        continue;
      }
      if (starts.size() == m_limits.max_rows) {
        error(line, 1, Code::csv_syntax,
              fmt::format("the sheet has more than {} rows, the most a spreadsheet holds",
                          m_limits.max_rows));
        return std::nullopt;
      }
      starts.emplace_back(first, line);
    }
    return starts;
  }

 private:
  [[nodiscard]] bool at_field_end() const {
    return m_cursor.done() || m_cursor.peek() == m_delimiter || is_line_end(m_cursor.peek());
  }

  std::optional<CsvField> read_field() {
    std::size_t blanks = 0;
    while (is_blank(m_cursor.peek(blanks)) && m_cursor.peek(blanks) != m_delimiter) {
      ++blanks;
    }
    const bool quoted = m_cursor.peek(blanks) == '"';
    if (quoted) {
      for (std::size_t i = 0; i < blanks; ++i) {
        m_cursor.advance();
      }
    }
    CsvField field;
    field.line = m_cursor.line();
    field.column = m_cursor.column();
    if (quoted) {
      if (!read_quoted(field)) {
        return std::nullopt;
      }
    } else {
      field.text = read_plain();
    }
    if (field.text.size() > m_limits.max_field_bytes) {
      error(field.line, field.column, Code::value_too_long,
            fmt::format("field is {} bytes long; the limit is {} bytes", field.text.size(),
                        m_limits.max_field_bytes));
      return std::nullopt;
    }
    return field;
  }

  // The text up to the end of the field, unquoted.
  std::string_view read_plain() {
    const std::size_t from = m_cursor.pos();
    while (!at_field_end()) {
      m_cursor.advance();
    }
    return m_text.substr(from, m_cursor.pos() - from);
  }

  // Reads a quoted field and what may follow its closing quote; false if it never closes. The
  // field is a view of the text unless a doubled quote or stray text needs a copy of its own.
  bool read_quoted(CsvField& field) {
    m_cursor.advance();  // the opening quote
    const std::size_t from = m_cursor.pos();
    std::string* own = nullptr;  // set once the text differs from the file's bytes
    while (true) {
      if (m_cursor.done()) {
        error(field.line, field.column, Code::csv_syntax,
              "quoted field never closed; the file ends inside it");
        return false;
      }
      if (m_cursor.peek() == '"') {
        if (m_cursor.peek(1) != '"') {
          break;
        }
        if (own == nullptr) {
          own = &m_owned.emplace_back(m_text.substr(from, m_cursor.pos() - from));
        }
        m_cursor.advance();  // the first of two quotes; the second is kept below
      } else if (own != nullptr) {
        own->push_back(m_cursor.peek());
      }
      if (own != nullptr && m_cursor.peek() == '"') {
        own->push_back('"');
      }
      m_cursor.advance();
    }
    const std::size_t to = m_cursor.pos();
    m_cursor.advance();  // the closing quote
    while (is_blank(m_cursor.peek()) && m_cursor.peek() != m_delimiter) {
      m_cursor.advance();
    }
    if (!at_field_end()) {
      error(m_cursor.line(), m_cursor.column(), Code::csv_syntax,
            fmt::format("'{}' after the closing quote of a field; a quote inside a quoted field "
                        "is written twice (\"\")",
                        m_cursor.peek()));
      if (own == nullptr) {
        own = &m_owned.emplace_back(m_text.substr(from, to - from));
      }
      own->append(read_plain());
    }
    field.text = own != nullptr ? std::string_view(*own) : m_text.substr(from, to - from);
    return true;
  }

  void error(std::uint32_t line, std::uint32_t column, Code code, std::string message) {
    m_sink.error({std::string(m_file), line, column}, code, std::move(message));
  }

  std::string_view m_file;
  std::string_view m_text;
  Cursor m_cursor;
  char m_delimiter;
  DiagnosticSink& m_sink;
  const CsvLimits& m_limits;
  std::deque<std::string>& m_owned;
};

}  // namespace

std::optional<CsvTable> read_csv(std::string_view file, std::string_view content,
                                 DiagnosticSink& sink, const CsvLimits& limits) {
  if (!check_csv_encoding(file, content, sink)) {
    return std::nullopt;
  }
  if (content.starts_with(k_utf8_bom)) {
    content.remove_prefix(k_utf8_bom.size());
  }
  CsvTable table;
  table.delimiter = detect_delimiter(content);
  table.fields.reserve(field_estimate(content, table.delimiter, limits));
  Parser parser(file, content, table.delimiter, sink, limits, table.owned_text);
  const auto starts = parser.records(table.fields, table.blank_rows);
  if (!starts) {
    return std::nullopt;
  }
  if (starts->empty()) {
    sink.error({std::string(file), 1, 1}, Code::empty_file, "the sheet has no header row");
    return std::nullopt;
  }
  const std::span<const CsvField> all(table.fields);
  for (std::size_t r = 0; r < starts->size(); ++r) {
    const std::size_t first = (*starts)[r].first;
    const std::size_t end = r + 1 < starts->size() ? (*starts)[r + 1].first : table.fields.size();
    const auto fields = all.subspan(first, end - first);
    if (r == 0) {
      table.header.assign(fields.begin(), fields.end());
    } else {
      table.rows.push_back({fields, (*starts)[r].second});
    }
  }
  return table;
}

std::string normalise_header(std::string_view name) {
  std::string out;
  bool gap = false;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '*') {
      continue;
    }
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80) {
      out += gap && !out.empty() ? " " : "";
      out.push_back(c);
      gap = false;
    } else if (c >= 'A' && c <= 'Z') {
      out += gap && !out.empty() ? " " : "";
      out.push_back(static_cast<char>(c - 'A' + 'a'));
      gap = false;
    } else {
      gap = true;
    }
  }
  return out;
}

}  // namespace dcexit
