// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "import/xlsx_reader.hpp"

#include "base/text.hpp"

#include <dcexit/diagnostic.hpp>
#include <dcexit/inventory.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <expat.h>
#include <map>
#include <memory>
#include <zip.h>

namespace dcexit {

namespace {

constexpr std::size_t k_chunk = 64U << 10U;

// The element's name without its namespace prefix ("x:row" -> "row").
std::string_view local_name(const XML_Char* name) {
  const std::string_view n(name);
  const auto colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

// An attribute by local name, or empty.
std::string_view attribute(const XML_Char** attrs, std::string_view wanted) {
  for (std::size_t i = 0; attrs[i] != nullptr; i += 2) {
    if (local_name(attrs[i]) == wanted) {
      return attrs[i + 1];
    }
  }
  return {};
}

// What reads one XML part: its elements as they open and close, and their text.
class XmlHandler {
 public:
  XmlHandler() = default;
  XmlHandler(const XmlHandler&) = delete;
  XmlHandler& operator=(const XmlHandler&) = delete;
  XmlHandler(XmlHandler&&) = delete;
  XmlHandler& operator=(XmlHandler&&) = delete;
  virtual ~XmlHandler() = default;
  virtual void open(std::string_view name, const XML_Char** attrs) = 0;
  virtual void close(std::string_view name) = 0;
  virtual void text(std::string_view chars) = 0;
  // Set by a handler that must stop (a limit): the reason, for the diagnostic.
  std::string refused;
  // Where in a sheet, when the reason is at a cell (row, column from 1); 0: the part as a whole.
  std::uint32_t refused_row = 0;
  std::uint32_t refused_column = 0;
  // Set by a handler that has read what it wanted: parsing stops there, without an error.
  bool done = false;
};

struct ParserDeleter {
  void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};

// The longest token (a tag with its attributes, or a run of text between events) a part may
// hold: longer than any cell (1 MiB) with its markup.
constexpr std::size_t k_max_token_bytes = 2U << 20U;

// Feeds chunks of one part to expat with the handler, the depth limit and no DOCTYPE.
class XmlStream {
 public:
  XmlStream(XmlHandler& handler, std::size_t max_depth)
      : m_handler(handler), m_max_depth(max_depth), m_parser(XML_ParserCreate(nullptr)) {
    XML_SetUserData(m_parser.get(), this);
    XML_SetElementHandler(m_parser.get(), &XmlStream::on_open, &XmlStream::on_close);
    XML_SetCharacterDataHandler(m_parser.get(), &XmlStream::on_text);
    XML_SetStartDoctypeDeclHandler(m_parser.get(), &XmlStream::on_doctype);
  }

  // False when the XML is broken or a limit stopped it; `error()` says why.
  bool feed(std::string_view chunk, bool last) {
    const bool parsed = XML_Parse(m_parser.get(), chunk.data(), static_cast<int>(chunk.size()),
                                  last ? XML_TRUE : XML_FALSE) == XML_STATUS_OK;
    m_fed += chunk.size();
    if (parsed && !m_handler.done && m_fed - m_seen > k_max_token_bytes) {
      // expat (2.5) scans an unfinished token again with every chunk: one token of n bytes
      // costs n^2 / chunk. A tag, attribute or text still open after this many bytes stops.
      stop(fmt::format("an XML token (a tag, an attribute or a run of text) longer than {} MB",
                       k_max_token_bytes >> 20U));
      return false;
    }
    if (parsed || m_handler.done) {
      return true;
    }
    if (m_handler.refused.empty()) {
      m_handler.refused =
          fmt::format("broken XML at line {}: {}", XML_GetCurrentLineNumber(m_parser.get()),
                      XML_ErrorString(XML_GetErrorCode(m_parser.get())));
    }
    return false;
  }

 private:
  void seen() {
    m_seen =
        static_cast<std::size_t>(std::max<XML_Index>(0, XML_GetCurrentByteIndex(m_parser.get())));
  }
  static void on_open(void* self, const XML_Char* name, const XML_Char** attrs) {
    auto& s = *static_cast<XmlStream*>(self);
    s.seen();
    if (++s.m_depth > s.m_max_depth) {
      s.stop(fmt::format("elements nest deeper than {}", s.m_max_depth));
      return;
    }
    s.m_handler.open(local_name(name), attrs);
    if (!s.m_handler.refused.empty()) {
      XML_StopParser(s.m_parser.get(), XML_FALSE);
    }
  }
  static void on_close(void* self, const XML_Char* name) {
    auto& s = *static_cast<XmlStream*>(self);
    s.seen();
    --s.m_depth;
    s.m_handler.close(local_name(name));
    if (s.m_handler.done) {
      XML_StopParser(s.m_parser.get(), XML_FALSE);
    }
  }
  static void on_text(void* self, const XML_Char* chars, int length) {
    auto& s = *static_cast<XmlStream*>(self);
    s.seen();
    s.m_handler.text(std::string_view(chars, static_cast<std::size_t>(length)));
    if (!s.m_handler.refused.empty()) {
      XML_StopParser(s.m_parser.get(), XML_FALSE);
    }
  }
  static void on_doctype(void* self, const XML_Char* /*name*/, const XML_Char* /*sysid*/,
                         const XML_Char* /*pubid*/, int /*internal*/) {
    static_cast<XmlStream*>(self)->stop("a workbook part declares a DOCTYPE");
  }
  void stop(std::string why) {
    m_handler.refused = std::move(why);
    XML_StopParser(m_parser.get(), XML_FALSE);
  }

  XmlHandler& m_handler;
  std::size_t m_max_depth;
  std::size_t m_depth = 0;
  std::size_t m_fed = 0;   // bytes given to expat
  std::size_t m_seen = 0;  // where its last event began
  std::unique_ptr<XML_ParserStruct, ParserDeleter> m_parser;
};

struct ZipDeleter {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileDeleter {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

// The archive, and every part read from it counted against the limits.
class Workbook {
 public:
  Workbook(std::string_view file, std::string_view bytes, DiagnosticSink& sink,
           const XlsxLimits& limits)  // `limits` must outlive the workbook
      : m_file(file), m_bytes(bytes), m_sink(sink), m_limits(limits) {}

  bool open() {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(m_bytes.data(), m_bytes.size(), 0, &error);
    if (source != nullptr) {
      m_zip.reset(zip_open_from_source(source, ZIP_RDONLY, &error));
      if (!m_zip) {
        zip_source_free(source);
      }
    }
    if (!m_zip) {
      fail(
          fmt::format("not a workbook dcexit can read: {} (save it again as .xlsx, or as CSV "
                      "UTF-8)",
                      zip_error_strerror(&error)));
    }
    zip_error_fini(&error);
    return m_zip != nullptr;
  }

  [[nodiscard]] bool has(const std::string& part) const {
    return zip_name_locate(m_zip.get(), part.c_str(), 0) >= 0;
  }

  // Streams `part` through `handler`; false (with a diagnostic) when it is missing, broken or
  // crosses a limit.
  bool parse(const std::string& part, XmlHandler& handler, std::string_view sheet = {}) {
    std::unique_ptr<zip_file_t, ZipFileDeleter> entry(zip_fopen(m_zip.get(), part.c_str(), 0));
    if (!entry) {
      return has(part) ? fail(unreadable_part(part))
                       : fail(fmt::format("the workbook has no part '{}'", part));
    }
    XmlStream xml(handler, m_limits.max_depth);
    std::string chunk(k_chunk, '\0');
    std::size_t inflated = 0;
    for (;;) {
      const zip_int64_t n = zip_fread(entry.get(), chunk.data(), chunk.size());
      if (n < 0) {
        return fail(
            fmt::format("part '{}' cannot be inflated: {}", part, zip_file_strerror(entry.get())));
      }
      inflated += static_cast<std::size_t>(n);
      m_total += static_cast<std::size_t>(n);
      if (inflated > m_limits.max_entry_bytes || m_total > m_limits.max_total_bytes) {
        return fail(fmt::format(
            "part '{}' inflates beyond {} MB ({} MB for the whole workbook): refused, as a zip "
            "bomb would be",
            part, m_limits.max_entry_bytes >> 20U, m_limits.max_total_bytes >> 20U));
      }
      const bool last = n == 0;
      if (!xml.feed(std::string_view(chunk.data(), static_cast<std::size_t>(n)), last)) {
        if (handler.refused_row != 0 && !sheet.empty()) {
          m_sink.error({fmt::format("{}[{}]", m_file, sheet), handler.refused_row,
                        handler.refused_column, true},
                       Code::unsupported_file, handler.refused);
          return false;
        }
        return fail(fmt::format("part '{}': {}", part, handler.refused));
      }
      if (last || handler.done) {
        return true;
      }
    }
  }

  [[nodiscard]] std::size_t inflated() const { return m_total; }

  // Why a part the archive lists cannot be opened: encrypted, or compressed by a method other
  // than deflate (or stored), which Excel never writes.
  [[nodiscard]] std::string unreadable_part(const std::string& part) const {
    const int code = zip_error_code_zip(zip_get_error(m_zip.get()));
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP) {
      return fmt::format("part '{}' is encrypted: save the workbook again without a password",
                         part);
    }
    if (code == ZIP_ER_COMPNOTSUPP) {
      return fmt::format(
          "part '{}' is compressed by a method Excel does not use (LZMA, bzip2, "
          "...): save the workbook again as .xlsx",
          part);
    }
    return fmt::format("part '{}' cannot be read: {}", part,
                       zip_error_strerror(zip_get_error(m_zip.get())));
  }

  bool fail(std::string message) {
    m_sink.error({std::string(m_file), 1, 1}, Code::unsupported_file, std::move(message));
    return false;
  }

 private:
  std::string_view m_file;
  std::string_view m_bytes;
  DiagnosticSink& m_sink;
  const XlsxLimits& m_limits;
  std::unique_ptr<zip_t, ZipDeleter> m_zip;
  std::size_t m_total = 0;
};

// xl/workbook.xml: the sheets (name, relationship id) and the date system.
struct WorkbookPart final : XmlHandler {
  std::vector<std::pair<std::string, std::string>> sheets;
  bool date1904 = false;
  void open(std::string_view name, const XML_Char** attrs) override {
    if (name == "sheet") {
      sheets.emplace_back(attribute(attrs, "name"), attribute(attrs, "id"));
    } else if (name == "workbookPr") {
      const std::string_view v = attribute(attrs, "date1904");
      date1904 = v == "1" || v == "true";
    }
  }
  void close(std::string_view /*name*/) override {}
  void text(std::string_view /*chars*/) override {}
};

// xl/_rels/workbook.xml.rels: relationship id -> part.
struct RelationshipsPart final : XmlHandler {
  std::map<std::string, std::string, std::less<>> targets;
  void open(std::string_view name, const XML_Char** attrs) override {
    if (name == "Relationship") {
      std::string target(attribute(attrs, "Target"));
      target = target.starts_with('/') ? target.substr(1) : "xl/" + target;
      targets[std::string(attribute(attrs, "Id"))] = std::move(target);
    }
  }
  void close(std::string_view /*name*/) override {}
  void text(std::string_view /*chars*/) override {}
};

// xl/sharedStrings.xml: each <si>'s text (its <t>, or its runs' <t>s; not phonetic <rPh>).
struct SharedStringsPart final : XmlHandler {
  explicit SharedStringsPart(const XlsxLimits& l) : limits(l) {}
  const XlsxLimits& limits;
  std::vector<std::string> strings;
  std::size_t bytes = 0;
  bool in_t = false;
  int in_phonetic = 0;
  void open(std::string_view name, const XML_Char** /*attrs*/) override {
    if (name == "si") {
      if (strings.size() >= limits.max_shared_strings) {
        refused = fmt::format("more than {} shared strings", limits.max_shared_strings);
        return;
      }
      strings.emplace_back();
    } else if (name == "rPh") {
      ++in_phonetic;
    } else if (name == "t") {
      in_t = in_phonetic == 0 && !strings.empty();
    }
  }
  void close(std::string_view name) override {
    if (name == "rPh") {
      --in_phonetic;
    } else if (name == "t") {
      in_t = false;
    }
  }
  void text(std::string_view chars) override {
    if (!in_t) {
      return;
    }
    bytes += chars.size();
    if (bytes > limits.max_shared_bytes) {
      refused = fmt::format("shared strings of more than {} MB", limits.max_shared_bytes >> 20U);
      return;
    }
    strings.back().append(chars);
  }
};

// Whether a number format shows a date or a time: the built-in ones, or a code with d, y, h or
// s outside quotes and brackets.
bool is_date_format(int id, std::string_view code) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
      (id >= 50 && id <= 58)) {
    return true;
  }
  bool quoted = false;
  int bracket = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = ascii_lower(code[i]);
    if (c == '"') {
      quoted = !quoted;
    } else if (quoted) {
      continue;
    } else if (c == '\\') {
      ++i;
    } else if (c == '[') {
      ++bracket;
    } else if (c == ']') {
      --bracket;
    } else if (bracket == 0 && (c == 'd' || c == 'y' || c == 'h' || c == 's')) {
      return true;
    }
  }
  return false;
}

// xl/styles.xml: for each cell style (cellXfs), whether it shows a date.
struct StylesPart final : XmlHandler {
  std::map<int, std::string> formats;  // custom numFmtId -> formatCode
  std::vector<int> xf_formats;         // cellXfs, in order
  bool in_cell_xfs = false;
  void open(std::string_view name, const XML_Char** attrs) override {
    if (name == "numFmt") {
      int id = 0;
      const std::string_view v = attribute(attrs, "numFmtId");
      std::from_chars(v.data(), v.data() + v.size(), id);
      formats[id] = std::string(attribute(attrs, "formatCode"));
    } else if (name == "cellXfs") {
      in_cell_xfs = true;
    } else if (name == "xf" && in_cell_xfs) {
      int id = 0;
      const std::string_view v = attribute(attrs, "numFmtId");
      std::from_chars(v.data(), v.data() + v.size(), id);
      xf_formats.push_back(id);
    }
  }
  void close(std::string_view name) override {
    if (name == "cellXfs") {
      in_cell_xfs = false;
    }
  }
  void text(std::string_view /*chars*/) override {}
  [[nodiscard]] std::vector<bool> dates() const {
    std::vector<bool> out;
    out.reserve(xf_formats.size());
    for (int id : xf_formats) {
      const auto custom = formats.find(id);
      out.push_back(is_date_format(id, custom == formats.end() ? "" : custom->second));
    }
    return out;
  }
};

// One past the last serial date Excel shows, 9999-12-31: 2,958,465 in the 1900 system, 1,462
// days fewer in the 1904 one.
constexpr std::int64_t last_serial(bool date1904) {
  return date1904 ? 2'957'004 : 2'958'466;
}

// A serial date (with a time as its fraction) as text, in the workbook's date system.
std::string serial_date(double serial, bool date1904) {
  const double whole = std::floor(serial);
  const auto day = static_cast<std::int64_t>(whole);
  Date date = date1904 ? Date::from_civil(1904, 1, 1).plus_days(day)
              // 1900 system: serial 1 is 1900-01-01 and 60 the 29 February 1900 Lotus
              // believed in; from 61 on, days since 1899-12-30.
              : day >= 61 ? Date::from_civil(1899, 12, 30).plus_days(day)
                          : Date::from_civil(1899, 12, 31).plus_days(day);
  const auto seconds = static_cast<std::int64_t>(std::llround((serial - whole) * 86'400.0));
  if (seconds == 0 || seconds == 86'400) {
    // A time that rounds to the next midnight is that day, but never past 9999-12-31.
    return (seconds == 0 || day + 1 >= last_serial(date1904) ? date : date.plus_days(1))
        .to_string();
  }
  return fmt::format("{} {:02}:{:02}:{:02}", date.to_string(), seconds / 3600, seconds / 60 % 60,
                     seconds % 60);
}

constexpr std::size_t k_last_column = 16'384;    // XFD
constexpr std::uint32_t k_last_row = 1'048'576;  // Excel's last row
constexpr std::size_t k_bad_reference = SIZE_MAX;

// Column number of a cell reference ("C12" -> 3), 0 if it has none, k_bad_reference past XFD.
std::size_t column_of(std::string_view ref) {
  std::size_t column = 0;
  for (char c : ref) {
    const char u = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    if (u < 'A' || u > 'Z') {
      break;
    }
    column = column * 26 + static_cast<std::size_t>(u - 'A' + 1);
    if (column > k_last_column) {
      return k_bad_reference;
    }
  }
  return column;
}

// A worksheet: its filled cells, row by row.
struct SheetPart final : XmlHandler {
  SheetPart(const XlsxLimits& l, const std::vector<std::string>& s, const std::vector<bool>& d,
            bool d1904)
      : limits(l), shared(s), date_styles(d), date1904(d1904) {}
  const XlsxLimits& limits;
  const std::vector<std::string>& shared;
  const std::vector<bool>& date_styles;
  bool date1904;
  std::size_t max_rows = 0;  // stop after this many filled rows; 0: read them all

  struct Row {
    std::uint32_t number = 0;
    std::vector<std::pair<std::size_t, std::string>> cells;  // column, text
  };
  std::vector<Row> rows;
  std::size_t cells = 0;
  std::size_t text_bytes = 0;  // every cell's text, as stored

  std::uint32_t row_number = 0;
  std::size_t next_column = 1;
  std::size_t column = 0;
  std::string type;
  std::size_t style = 0;
  std::string value;
  bool in_value = false;
  bool has_value = false;

  // A row's number: its `r`, or the one after the last; refused (at the row) past Excel's last
  // row, when it is not a number, or when it does not come after the row before it.
  void open_row(std::string_view r) {
    std::uint64_t n = row_number + std::uint64_t{1};
    if (!r.empty()) {
      const auto [end, ec] = std::from_chars(r.data(), r.data() + r.size(), n);
      if (ec != std::errc() || end != r.data() + r.size() || n == 0) {
        n = k_last_row + std::uint64_t{1};
      }
    }
    if (n > k_last_row) {
      refuse_at(row_number + 1, 1,
                fmt::format("row number '{}' is not a row of a sheet (1 to {})", abbreviate(r),
                            k_last_row));
    } else if (n <= row_number) {
      refuse_at(static_cast<std::uint32_t>(n), 1,
                fmt::format("row {} comes again, or out of order, after row {}", n, row_number));
    }
    row_number = static_cast<std::uint32_t>(std::min<std::uint64_t>(n, k_last_row));
    next_column = 1;
  }

  // A cell's column: its reference's, or the one after the last; refused (at the cell) past
  // column XFD or when it does not come after the cell before it in the row.
  void open_cell(std::string_view r) {
    const std::size_t from_ref = column_of(r);
    if (from_ref == k_bad_reference) {
      refuse_at(row_number, next_column,
                fmt::format("cell reference '{}' is beyond column XFD, the last of a sheet",
                            abbreviate(r)));
      return;
    }
    if (from_ref != 0 && from_ref < next_column) {
      refuse_at(row_number, from_ref,
                fmt::format("cell '{}' comes again, or out of order, in row {}", abbreviate(r),
                            row_number));
      return;
    }
    column = from_ref == 0 ? next_column : from_ref;
    next_column = column + 1;
  }

  void refuse_at(std::uint32_t row, std::size_t col, std::string why) {
    if (refused.empty()) {
      refused_row = row;
      refused_column = static_cast<std::uint32_t>(std::min(col, k_last_column + 1));
      refused = std::move(why);
    }
  }

  void open(std::string_view name, const XML_Char** attrs) override {
    if (name == "row") {
      open_row(attribute(attrs, "r"));
    } else if (name == "c") {
      open_cell(attribute(attrs, "r"));
      type = attribute(attrs, "t");
      const std::string_view s = attribute(attrs, "s");
      style = 0;
      std::from_chars(s.data(), s.data() + s.size(), style);
      value.clear();
      has_value = false;
    } else if (name == "v" || name == "t") {
      in_value = true;
      has_value = true;
    }
  }
  void close(std::string_view name) override {
    if (name == "v" || name == "t") {
      in_value = false;
    } else if (name == "c" && has_value) {
      store(cell_text());
    } else if (name == "row" && max_rows != 0 && rows.size() >= max_rows) {
      done = true;
    }
  }
  void text(std::string_view chars) override {
    if (!in_value) {
      return;
    }
    if (value.size() + chars.size() > limits.cells.max_field_bytes) {
      refuse_at(row_number, column,
                fmt::format("a cell of more than {} bytes", limits.cells.max_field_bytes));
      return;
    }
    value.append(chars);
  }

  std::string cell_text() {
    if (type == "s") {
      std::size_t index = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
      if (ec != std::errc() || index >= shared.size()) {
        refuse_at(row_number, column,
                  fmt::format("the cell refers to shared string {}, which the table lacks",
                              abbreviate(value)));
        return {};
      }
      if (shared[index].size() > limits.cells.max_field_bytes) {
        refuse_at(row_number, column,
                  fmt::format("the cell refers to a shared string of {} bytes: a cell holds at "
                              "most {} bytes",
                              shared[index].size(), limits.cells.max_field_bytes));
        return {};
      }
      return shared[index];
    }
    if (type == "b") {
      return value == "1" ? "TRUE" : "FALSE";
    }
    if (type == "str" || type == "inlineStr" || type == "e") {
      return value;
    }
    double number = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(number)) {
      return value;
    }
    if (style < date_styles.size() && date_styles[style] && number >= 0 &&
        number < static_cast<double>(last_serial(date1904))) {
      return serial_date(number, date1904);
    }
    return fmt::format("{}", number);
  }

  void store(std::string text) {
    if (text.empty() || !refused.empty()) {
      return;
    }
    text_bytes += text.size();
    if (text_bytes > limits.max_sheet_text_bytes) {
      refuse_at(row_number, column,
                fmt::format("the sheet's cells hold more than {} MB of text (each reference to "
                            "a shared string counted)",
                            limits.max_sheet_text_bytes >> 20U));
      return;
    }
    if (++cells > limits.cells.max_cells) {
      refused = fmt::format("more than {} filled cells", limits.cells.max_cells);
      return;
    }
    if (column > limits.cells.max_columns) {
      refused = fmt::format("a cell beyond column {}", limits.cells.max_columns);
      return;
    }
    if (rows.empty() || rows.back().number != row_number) {
      if (rows.size() >= limits.cells.max_rows) {
        refused = fmt::format("more than {} filled rows", limits.cells.max_rows);
        return;
      }
      rows.push_back({row_number, {}});
    }
    rows.back().cells.emplace_back(column, std::move(text));
  }
};

// The workbook's parts every sheet needs: the sheets, the strings, the date styles.
struct Book {
  std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
  bool date1904 = false;
  std::map<std::string, std::string, std::less<>> targets;  // relationship id -> part
  std::vector<std::string> shared;
  std::vector<bool> date_styles;
};

// The first two sheets (in the workbook's order) whose names are equal but for case.
std::optional<std::pair<std::size_t, std::size_t>> same_name(
    const std::vector<std::pair<std::string, std::string>>& sheets) {
  std::vector<std::pair<std::string, std::size_t>> lowered;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    std::string name = sheets[i].first;
    std::transform(name.begin(), name.end(), name.begin(), [](char c) {
      return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    lowered.emplace_back(std::move(name), i);
  }
  std::sort(lowered.begin(), lowered.end());
  std::optional<std::pair<std::size_t, std::size_t>> first;
  for (std::size_t i = 1; i < lowered.size(); ++i) {
    if (lowered[i].first == lowered[i - 1].first && (!first || lowered[i].second < first->second)) {
      first = std::pair(lowered[i - 1].second, lowered[i].second);
    }
  }
  return first;
}

std::optional<Book> read_book(Workbook& wb, const XlsxLimits& limits) {
  Book book;
  WorkbookPart workbook;
  RelationshipsPart relationships;
  if (!wb.parse("xl/workbook.xml", workbook) ||
      !wb.parse("xl/_rels/workbook.xml.rels", relationships)) {
    return std::nullopt;
  }
  if (const auto twins = same_name(workbook.sheets)) {
    wb.fail(
        fmt::format("the workbook has two sheets named '{}' and '{}': Excel's sheet names "
                    "differ by more than case, so one would hide the other",
                    printable(workbook.sheets[twins->first].first),
                    printable(workbook.sheets[twins->second].first)));
    return std::nullopt;
  }
  book.sheets = std::move(workbook.sheets);
  book.date1904 = workbook.date1904;
  book.targets = std::move(relationships.targets);
  if (wb.has("xl/sharedStrings.xml")) {
    SharedStringsPart strings(limits);
    if (!wb.parse("xl/sharedStrings.xml", strings)) {
      return std::nullopt;
    }
    book.shared = std::move(strings.strings);
  }
  if (wb.has("xl/styles.xml")) {
    StylesPart styles;
    if (!wb.parse("xl/styles.xml", styles)) {
      return std::nullopt;
    }
    book.date_styles = styles.dates();
  }
  return book;
}

// The rows as a CSV table: the first is the header; each row as wide as its last filled cell.
CsvTable to_table(std::vector<SheetPart::Row>& rows) {
  CsvTable table;
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // first field, count
  for (auto& row : rows) {
    std::sort(row.cells.begin(), row.cells.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    const std::size_t width = row.cells.back().first;
    const std::size_t first = table.fields.size();
    std::size_t next = 0;
    for (std::size_t c = 1; c <= width; ++c) {
      CsvField field{{}, row.number, static_cast<std::uint32_t>(c)};
      if (next < row.cells.size() && row.cells[next].first == c) {
        table.owned_text.push_back(std::move(row.cells[next].second));
        field.text = table.owned_text.back();
        while (next < row.cells.size() && row.cells[next].first == c) {
          ++next;  // a repeated reference: the first value counts
        }
      }
      table.fields.push_back(field);
    }
    spans.emplace_back(first, width);
  }
  for (std::size_t r = 0; r < spans.size(); ++r) {
    const std::span<const CsvField> fields(table.fields.data() + spans[r].first, spans[r].second);
    if (r == 0) {
      table.header.assign(fields.begin(), fields.end());
    } else {
      table.rows.push_back({fields, rows[r].number});
    }
  }
  return table;
}

}  // namespace

bool is_zip_archive(std::string_view bytes) {
  return bytes.starts_with("PK\x03\x04");
}

struct XlsxWorkbook::Impl {
  Impl(std::string_view file, std::string_view bytes, DiagnosticSink& sink, const XlsxLimits& l)
      : limits(l), wb(file, bytes, sink, limits) {}
  XlsxLimits limits;
  Workbook wb;
  std::optional<Book> book;
  std::vector<std::string> names;
};

XlsxWorkbook::XlsxWorkbook(std::string_view file, std::string_view bytes, DiagnosticSink& sink,
                           const XlsxLimits& limits)
    : m_impl(std::make_unique<Impl>(file, bytes, sink, limits)) {
  if (m_impl->wb.open()) {
    m_impl->book = read_book(m_impl->wb, m_impl->limits);
  }
  if (m_impl->book) {
    for (const auto& sheet : m_impl->book->sheets) {
      m_impl->names.push_back(sheet.first);
    }
  }
}

XlsxWorkbook::~XlsxWorkbook() = default;

bool XlsxWorkbook::ok() const {
  return m_impl->book.has_value();
}

const std::vector<std::string>& XlsxWorkbook::sheet_names() const {
  return m_impl->names;
}

std::size_t XlsxWorkbook::inflated_bytes() const {
  return m_impl->wb.inflated();
}

std::optional<CsvTable> XlsxWorkbook::sheet(std::string_view name, std::size_t max_rows) {
  if (!m_impl->book) {
    return std::nullopt;
  }
  const Book& book = *m_impl->book;
  Workbook& wb = m_impl->wb;
  const auto chosen = std::find_if(book.sheets.begin(), book.sheets.end(),
                                   [&](const auto& s) { return iequals(s.first, name); });
  if (chosen == book.sheets.end()) {
    std::vector<std::string_view> names(m_impl->names.begin(), m_impl->names.end());
    wb.fail(m_impl->names.empty()
                ? std::string("the workbook has no sheet")
                : fmt::format("the workbook has no sheet '{}'{}; it has {}", name,
                              did_you_mean(name, names), join(m_impl->names, ", ")));
    return std::nullopt;
  }
  const auto part = book.targets.find(chosen->second);
  if (part == book.targets.end()) {
    wb.fail(fmt::format("sheet '{}' has no part in the workbook's relationships", chosen->first));
    return std::nullopt;
  }
  SheetPart rows(m_impl->limits, book.shared, book.date_styles, book.date1904);
  rows.max_rows = max_rows;
  if (!wb.parse(part->second, rows, chosen->first)) {
    return std::nullopt;
  }
  if (rows.rows.empty()) {
    return CsvTable{};
  }
  return to_table(rows.rows);
}

}  // namespace dcexit
