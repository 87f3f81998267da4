// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// A small SpreadsheetML writer (xlsx_writer.hpp): the package's parts as ECMA-376 describes
// them, sheets streamed into a libzip archive in memory.
#include "report/xlsx_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <exception>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <zip.h>

namespace dcexit::xlsx {

namespace {

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Whether `text` holds Excel's escape `_xHHHH_` at `i`.
bool escape_at(std::string_view text, std::size_t i) {
  return i + 7 <= text.size() && text[i] == '_' && (text[i + 1] == 'x' || text[i + 1] == 'X') &&
         is_hex(text[i + 2]) && is_hex(text[i + 3]) && is_hex(text[i + 4]) && is_hex(text[i + 5]) &&
         text[i + 6] == '_';
}

// Whether `text` has U+FFFE or U+FFFF (EF BF BE, EF BF BF) at `i`.
bool nonchar_at(std::string_view text, std::size_t i) {
  return static_cast<unsigned char>(text[i]) == 0xEFU && i + 2 < text.size() &&
         text[i + 1] == '\xBF' && (text[i + 2] == '\xBE' || text[i + 2] == '\xBF');
}

bool forbidden_control(unsigned char byte) {
  return byte < 0x20U && byte != '\t' && byte != '\n' && byte != '\r';
}

std::string escaped_cell_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (escape_at(text, i)) {
      out += "_x005F_";
    } else if (forbidden_control(byte)) {
      out += fmt::format("_x{:04X}_", byte);
    } else if (nonchar_at(text, i)) {
      out += text[i + 2] == '\xBE' ? "_xFFFE_" : "_xFFFF_";
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Text for a document property (core.xml, which has no `_xHHHH_` escape): characters XML 1.0
// forbids become U+FFFD.
std::string property_text(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (forbidden_control(static_cast<unsigned char>(text[i]))) {
      out += "\uFFFD";
    } else if (nonchar_at(text, i)) {
      out += "\uFFFD";
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// `text` into XML character data or an attribute value.
void append_xml(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
}

void append_number(std::string& out, double value) {
  std::array<char, 32> buffer{};
  const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out.append(buffer.data(), error == std::errc() ? end : buffer.data());
}

void append_number(std::string& out, std::size_t value) {
  std::array<char, 24> buffer{};
  const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out.append(buffer.data(), error == std::errc() ? end : buffer.data());
}

// Excel's column letters: A … Z, AA …
std::string column_name(std::size_t column) {
  std::string name;
  for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26) {
    name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return name;
}

// Excel's serial day (the 1900 system, with its 29 February 1900 before March).
double serial_of(Date date) {
  constexpr std::int32_t k_from_1899_12_30 = 25'569;
  const std::int32_t serial = date.days + k_from_1899_12_30;
  return serial < 61 ? serial - 1 : serial;
}

// Characters, not bytes, for a column's width.
std::size_t utf8_length(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

std::size_t display_width(const Cell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell.value)) {
    return utf8_length(*text);
  }
  if (std::holds_alternative<Date>(cell.value)) {
    return 10;
  }
  if (const auto* number = std::get_if<double>(&cell.value)) {
    std::array<char, 32> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), *number,
                                      std::chars_format::general, 6);
    return static_cast<std::size_t>(result.ptr - buffer.data());
  }
  return 5;
}

// Cell styles (styles.xml's cellXfs): the header, quoted text (dates are style 2).
constexpr int k_header_style = 1;
constexpr int k_quoted_style = 3;

// Excel's sheets end at row 1,048,576: what does not fit is counted in the last row (the CSVs
// have every row).
constexpr std::size_t k_max_rows = 1'048'576 - 2;

// One sheet's XML, made a row at a time as the archive reads it (libzip's source callback).
class SheetStream {
 public:
  explicit SheetStream(const Sheet& sheet)
      : m_sheet(sheet), m_shown(std::min(sheet.rows.size(), k_max_rows)) {
    for (std::size_t c = 0; c < sheet.header.size(); ++c) {
      m_columns.push_back(column_name(c));
    }
    zip_error_init(&m_error);
  }
  SheetStream(const SheetStream&) = delete;
  SheetStream& operator=(const SheetStream&) = delete;
  ~SheetStream() { zip_error_fini(&m_error); }

  static zip_int64_t callback(void* state, void* data, zip_uint64_t length, zip_source_cmd_t cmd) {
    auto* self = static_cast<SheetStream*>(state);
    switch (cmd) {
      case ZIP_SOURCE_OPEN:
        self->m_buffer.clear();
        self->m_offset = 0;
        self->m_next = 0;
        return 0;
      case ZIP_SOURCE_READ:
        return self->read(static_cast<char*>(data), length);
      case ZIP_SOURCE_STAT: {
        auto* stat = static_cast<zip_stat_t*>(data);
        zip_stat_init(stat);
        return sizeof(zip_stat_t);
      }
      case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&self->m_error, data, length);
      case ZIP_SOURCE_CLOSE:
      case ZIP_SOURCE_FREE:
        return 0;
      case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                              ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                              -1);
      default:
        zip_error_set(&self->m_error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
  }

  // What a row threw (a number that is not finite), to be thrown again after the archive.
  [[nodiscard]] std::exception_ptr failure() const { return m_failure; }

 private:
  zip_int64_t read(char* data, zip_uint64_t length) {
    try {
      while (m_buffer.size() - m_offset < length && more()) {
      }
    } catch (...) {
      m_failure = std::current_exception();
      zip_error_set(&m_error, ZIP_ER_INTERNAL, 0);
      return -1;
    }
    const std::size_t n = std::min<std::size_t>(length, m_buffer.size() - m_offset);
    std::copy_n(m_buffer.data() + m_offset, n, data);
    m_offset += n;
    if (m_offset > (std::size_t{1} << 20U)) {  // keep the buffer small
      m_buffer.erase(0, m_offset);
      m_offset = 0;
    }
    return static_cast<zip_int64_t>(n);
  }

  // Appends the next piece (the head, a row, the tail); false when all was given.
  bool more() {
    const std::size_t rows = m_shown + 1;  // the header, then the rows shown
    if (m_next == 0) {
      head();
    } else if (m_next <= rows) {
      row(m_next);
    } else if (m_next == rows + 1) {
      tail();
    } else {
      return false;
    }
    ++m_next;
    return true;
  }

  void head() {
    m_buffer +=
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet "
        "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" "
        "activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" "
        "activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        "<sheetFormatPr defaultRowHeight=\"15\"/>";
    widths();
    m_buffer += "<sheetData>";
  }

  // Each column as wide as its widest cell (the header's with its filter button), 8 to 60.
  void widths() {
    std::vector<std::size_t> widths(m_sheet.header.size());
    for (std::size_t c = 0; c < widths.size(); ++c) {
      widths[c] = utf8_length(m_sheet.header[c]) + 2;
    }
    for (const auto& row : m_sheet.rows) {
      for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
        widths[c] = std::max(widths[c], display_width(row[c]));
      }
    }
    if (widths.empty()) {
      return;
    }
    m_buffer += "<cols>";
    for (std::size_t c = 0; c < widths.size(); ++c) {
      m_buffer += "<col min=\"";
      append_number(m_buffer, c + 1);
      m_buffer += "\" max=\"";
      append_number(m_buffer, c + 1);
      m_buffer += "\" width=\"";
      append_number(m_buffer, std::clamp<std::size_t>(widths[c] + 1, 8, 60));
      m_buffer += R"(" customWidth="1"/>)";
    }
    m_buffer += "</cols>";
  }

  // Row `r` (1: the header).
  void row(std::size_t r) {
    m_buffer += "<row r=\"";
    append_number(m_buffer, r);
    m_buffer += "\">";
    if (r == 1) {
      for (std::size_t c = 0; c < m_sheet.header.size(); ++c) {
        text_cell(c, r, m_sheet.header[c], k_header_style);
      }
    } else {
      const auto& cells = m_sheet.rows[r - 2];
      for (std::size_t c = 0; c < cells.size() && c < m_columns.size(); ++c) {
        cell(c, r, cells[c]);
      }
    }
    m_buffer += "</row>";
  }

  void reference(std::size_t c, std::size_t r) {
    m_buffer += "<c r=\"";
    m_buffer += m_columns[c];
    append_number(m_buffer, r);
    m_buffer += '"';
  }

  void text_cell(std::size_t c, std::size_t r, const std::string& text, int style) {
    reference(c, r);
    if (style != 0) {
      m_buffer += " s=\"";
      append_number(m_buffer, static_cast<std::size_t>(style));
      m_buffer += '"';
    }
    const bool keep_spaces = text.find_first_of(" \t\n\r") != std::string::npos;
    m_buffer += keep_spaces ? R"( t="inlineStr"><is><t xml:space="preserve">)"
                            : R"( t="inlineStr"><is><t>)";
    append_xml(m_buffer, text);
    m_buffer += "</t></is></c>";
  }

  void value_cell(std::size_t c, std::size_t r, std::string_view attributes, double value) {
    reference(c, r);
    m_buffer += attributes;
    m_buffer += "><v>";
    append_number(m_buffer, value);
    m_buffer += "</v></c>";
  }

  void cell(std::size_t c, std::size_t r, const Cell& cell) {
    if (const auto* text = std::get_if<std::string>(&cell.value)) {
      if (!text->empty()) {
        const std::string value = cell_text(*text);
        text_cell(c, r, value, looks_like_formula(value) ? k_quoted_style : 0);
      }
    } else if (const auto* number = std::get_if<double>(&cell.value)) {
      if (!std::isfinite(*number)) {  // refused at its source (docs/security.md)
        throw std::logic_error("plan.xlsx: a figure that is not finite");
      }
      value_cell(c, r, "", *number);
    } else if (const auto* date = std::get_if<Date>(&cell.value)) {
      if (date->year() >= 1900 && date->year() <= 9999) {
        value_cell(c, r, R"( s="2")", serial_of(*date));  // the date style
      } else {
        text_cell(c, r, date->to_string(), 0);
      }
    } else if (const auto* truth = std::get_if<bool>(&cell.value)) {
      value_cell(c, r, " t=\"b\"", *truth ? 1.0 : 0.0);
    }
  }

  // The rows a sheet cannot hold, counted; the filter over the header and the rows shown.
  void tail() {
    if (m_shown < m_sheet.rows.size()) {
      const std::size_t r = m_shown + 2;
      m_buffer += "<row r=\"";
      append_number(m_buffer, r);
      m_buffer += "\">";
      text_cell(0, r,
                fmt::format("… {} more rows than a sheet holds: see the CSV files",
                            m_sheet.rows.size() - m_shown),
                0);
      m_buffer += "</row>";
    }
    m_buffer += "</sheetData>";
    if (!m_columns.empty()) {
      m_buffer += "<autoFilter ref=\"A1:" + m_columns.back();
      append_number(m_buffer, m_shown + 1);
      m_buffer += "\"/>";
    }
    m_buffer +=
        "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" "
        "footer=\"0.3\"/></worksheet>\n";
  }

  const Sheet& m_sheet;
  std::size_t m_shown;
  std::vector<std::string> m_columns;
  std::string m_buffer;
  std::size_t m_offset = 0;
  std::size_t m_next = 0;
  zip_error_t m_error{};
  std::exception_ptr m_failure;
};

constexpr std::string_view k_xml_head =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr std::string_view k_main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view k_rel_ns =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string content_types(std::size_t sheets) {
  std::string out = std::string(k_xml_head) +
                    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    "<Default Extension=\"rels\" "
                    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
                    "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>";
  for (std::size_t i = 1; i <= sheets; ++i) {
    out += fmt::format(
        "<Override PartName=\"/xl/worksheets/sheet{}.xml\" ContentType=\"application/"
        "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>",
        i);
  }
  return out +
         "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/"
         "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
         "<Override PartName=\"/docProps/core.xml\" "
         "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
         "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
         "vnd.openxmlformats-officedocument.extended-properties+xml\"/></Types>\n";
}

std::string package_rels() {
  return std::string(k_xml_head) +
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
         "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
         "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
         "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "relationships/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>\n";
}

std::string core_properties(const WorkbookProperties& p) {
  std::string title;
  append_xml(title, property_text(p.title));
  std::string creator;
  append_xml(creator, property_text(p.creator));
  const std::string when = p.created.to_string() + "T00:00:00Z";
  return std::string(k_xml_head) +
         "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
         "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
         "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">" +
         fmt::format(
             "<dc:title>{}</dc:title><dc:creator>{}</dc:creator>"
             "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{}</dcterms:created>"
             "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{}</dcterms:modified>",
             title, creator, when, when) +
         "</cp:coreProperties>\n";
}

std::string app_properties() {
  return std::string(k_xml_head) +
         "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "extended-properties\"><Application>dcexit</Application></Properties>\n";
}

std::string workbook(const std::vector<Sheet>& sheets) {
  std::string out = fmt::format(
      "{}<workbook xmlns=\"{}\" xmlns:r=\"{}\"><bookViews><workbookView/>"
      "</bookViews><sheets>",
      k_xml_head, k_main_ns, k_rel_ns);
  std::string names;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    std::string name;
    append_xml(name, sheets[i].name);
    out += fmt::format(R"(<sheet name="{}" sheetId="{}" r:id="rId{}"/>)", name, i + 1, i + 1);
    if (!sheets[i].header.empty()) {  // the filter's range, as Excel names it
      const std::size_t rows = std::min(sheets[i].rows.size(), k_max_rows) + 1;
      names += fmt::format(
          "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{}\" hidden=\"1\">'{}'!"
          "$A$1:${}${}</definedName>",
          i, name, column_name(sheets[i].header.size() - 1), rows);
    }
  }
  out += "</sheets>";
  if (!names.empty()) {
    out += "<definedNames>" + names + "</definedNames>";
  }
  return out + "</workbook>\n";
}

std::string workbook_rels(std::size_t sheets) {
  std::string out = std::string(k_xml_head) +
                    "<Relationships "
                    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (std::size_t i = 1; i <= sheets; ++i) {
    out += fmt::format(
        "<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
        "2006/relationships/worksheet\" Target=\"worksheets/sheet{}.xml\"/>",
        i, i);
  }
  return out + fmt::format(
                   "<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/"
                   "officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
                   "</Relationships>\n",
                   sheets + 1);
}

// The cell styles: 0 plain, 1 the header (bold, a thin bottom border), 2 a date (yyyy-mm-dd),
// 3 quoted text (the Text format with Excel's quote prefix: it stays text when edited).
std::string styles() {
  return std::string(k_xml_head) + "<styleSheet xmlns=\"" + std::string(k_main_ns) +
         "\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
         "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/>"
         "</font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
         "</fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill>"
         "<patternFill patternType=\"gray125\"/></fill></fills><borders count=\"2\"><border>"
         "<left/><right/><top/><bottom/><diagonal/></border><border><left/><right/><top/>"
         "<bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border></borders>"
         "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
         "</cellStyleXfs><cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" "
         "borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"1\" "
         "xfId=\"0\" applyFont=\"1\" applyBorder=\"1\"/><xf numFmtId=\"164\" fontId=\"0\" "
         "fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/><xf numFmtId=\"49\" "
         "fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" "
         "quotePrefix=\"1\"/></cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" "
         "xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>\n";
}

// libzip turns a part's DOS date into a time_t (mktime) and back (localtime) as it writes, and
// both read the time zone (tzset), which glibc guards with a lock ThreadSanitizer cannot see: a
// batch's threads set dates and close their archives one at a time.
std::mutex g_zip_time_lock;

// An archive in memory, each part deflated at level 1 (the sheets are most of the work and
// compress 6:1 at it) and dated `created` in DOS time (no time zone: the same bytes anywhere).
class Archive {
 public:
  explicit Archive(Date created) {
    zip_error_init(&m_error);
    m_buffer = zip_source_buffer_create(nullptr, 0, 0, &m_error);
    m_zip = m_buffer == nullptr ? nullptr : zip_open_from_source(m_buffer, ZIP_TRUNCATE, &m_error);
    if (m_zip == nullptr) {
      throw std::runtime_error("plan.xlsx: cannot start the archive");
    }
    zip_source_keep(m_buffer);
    const int year = std::clamp(created.year(), 1980, 2107);
    const bool clamped = year != created.year();
    const auto years = static_cast<unsigned>(year - 1980);
    const unsigned month = clamped ? 1U : static_cast<unsigned>(created.month());
    const unsigned day = clamped ? 1U : static_cast<unsigned>(created.day());
    m_dos_date = static_cast<zip_uint16_t>((years << 9U) | (month << 5U) | day);
  }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;
  ~Archive() {
    if (m_zip != nullptr) {
      zip_discard(m_zip);
    }
    if (m_buffer != nullptr) {
      zip_source_free(m_buffer);
    }
    zip_error_fini(&m_error);
  }

  // A part whose text stays alive until bytes().
  void add(const char* name, const std::string& text) {
    add(name, zip_source_buffer(m_zip, text.data(), text.size(), 0));
  }
  void add(const char* name, SheetStream& stream) {
    add(name, zip_source_function(m_zip, &SheetStream::callback, &stream));
  }

  // The archive's bytes (every part compressed now).
  std::string bytes() {
    int closed = 0;
    {
      const std::lock_guard<std::mutex> lock(g_zip_time_lock);
      closed = zip_close(m_zip);
    }
    if (closed != 0) {
      throw std::runtime_error(fmt::format("plan.xlsx: {}", zip_strerror(m_zip)));
    }
    m_zip = nullptr;
    zip_stat_t stat;
    if (zip_source_stat(m_buffer, &stat) != 0 || zip_source_open(m_buffer) != 0) {
      throw std::runtime_error("plan.xlsx: cannot read the archive back");
    }
    std::string out(static_cast<std::size_t>(stat.size), '\0');
    const zip_int64_t read = zip_source_read(m_buffer, out.data(), stat.size);
    zip_source_close(m_buffer);
    if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
      throw std::runtime_error("plan.xlsx: cannot read the archive back");
    }
    return out;
  }

 private:
  void add(const char* name, zip_source_t* source) {
    const zip_int64_t index =
        source == nullptr ? -1 : zip_file_add(m_zip, name, source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      if (source != nullptr) {
        zip_source_free(source);
      }
      throw std::runtime_error(fmt::format("plan.xlsx: cannot add {}", name));
    }
    const auto i = static_cast<zip_uint64_t>(index);
    const std::lock_guard<std::mutex> lock(g_zip_time_lock);
    if (zip_set_file_compression(m_zip, i, ZIP_CM_DEFLATE, 1) != 0 ||
        zip_file_set_dostime(m_zip, i, 0, m_dos_date, 0) != 0) {
      throw std::runtime_error(fmt::format("plan.xlsx: cannot add {}", name));
    }
  }

  zip_error_t m_error{};
  zip_source_t* m_buffer = nullptr;
  zip_t* m_zip = nullptr;
  zip_uint16_t m_dos_date = 0;
};

}  // namespace

std::string cell_text(const std::string& text) {
  constexpr std::size_t k_max = 32'000;
  if (text.size() <= k_max) {
    return escaped_cell_text(text);
  }
  std::size_t cut = k_max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
    --cut;
  }
  return escaped_cell_text(text.substr(0, cut)) + "…";
}

bool looks_like_formula(const std::string& text) {
  return !text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '-' ||
                           text.front() == '@' || text.front() == '\t' || text.front() == '\r');
}

std::string write_workbook(const std::vector<Sheet>& sheets, const WorkbookProperties& properties) {
  // What the archive reads at bytes(), made before it so that it outlives it.
  const std::array<std::string, 6> parts = {
      content_types(sheets.size()), package_rels(),   app_properties(),
      core_properties(properties),  workbook(sheets), workbook_rels(sheets.size())};
  const std::string style_sheet = styles();
  std::vector<std::unique_ptr<SheetStream>> streams;
  Archive archive(properties.created);
  archive.add("[Content_Types].xml", parts[0]);
  archive.add("_rels/.rels", parts[1]);
  archive.add("docProps/app.xml", parts[2]);
  archive.add("docProps/core.xml", parts[3]);
  archive.add("xl/workbook.xml", parts[4]);
  archive.add("xl/_rels/workbook.xml.rels", parts[5]);
  archive.add("xl/styles.xml", style_sheet);
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    streams.push_back(std::make_unique<SheetStream>(sheets[i]));
    archive.add(fmt::format("xl/worksheets/sheet{}.xml", i + 1).c_str(), *streams.back());
  }
  try {
    return archive.bytes();
  } catch (const std::runtime_error&) {
    for (const auto& stream : streams) {
      if (stream->failure()) {
        std::rethrow_exception(stream->failure());
      }
    }
    throw;
  }
}

}  // namespace dcexit::xlsx
