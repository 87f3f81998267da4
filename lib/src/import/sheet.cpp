// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "import/sheet.hpp"

#include "base/text.hpp"
#include "import/formats.hpp"
#include "import/imported_estate.hpp"
#include "import/xlsx_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace dcexit::detail {

using namespace std::string_view_literals;

namespace {

// Bytes per unit, over 10^9.
constexpr std::array<std::pair<std::string_view, double>, 8> k_units = {{
    {"kb", 1e-6},
    {"kib", 1024.0 / 1e9},
    {"mb", 1e-3},
    {"mib", 1048576.0 / 1e9},
    {"gb", 1.0},
    {"gib", 1073741824.0 / 1e9},
    {"tb", 1e3},
    {"tib", 1099511627776.0 / 1e9},
}};

double unit_factor(std::string_view unit) {
  for (const auto& [name, factor] : k_units) {
    if (name == unit) {
      return factor;
    }
  }
  return 1.0;
}

// "mb" as "mib": what a writer that heads MiB columns `MB` means.
double binary_factor(std::string_view unit) {
  if (unit.size() == 2) {
    return unit_factor(fmt::format("{}i{}", unit[0], unit[1]));
  }
  return unit_factor(unit);
}

// "16,384" or "1,048,576.5" (a locale's digit grouping, as RVTools writes numbers over 999) as
// "16384"; anything else unchanged. Only groups of exactly three digits after a comma are taken
// as grouping, so "1,5" stays a malformed number.
std::string ungrouped(const std::string& value) {
  const std::size_t point = std::min(value.find('.'), value.size());
  const std::size_t sign = !value.empty() && value.front() == '-' ? 1 : 0;
  const std::size_t first = value.find(',');
  if (first == std::string::npos || first >= point || first == sign || first - sign > 3) {
    return value;
  }
  std::string digits = value.substr(0, first);
  for (std::size_t i = first; i < point; i += 4) {
    if (value[i] != ',' || i + 4 > point ||
        !std::all_of(value.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                     value.begin() + static_cast<std::ptrdiff_t>(i) + 4,
                     [](char c) { return c >= '0' && c <= '9'; })) {
      return value;
    }
    digits += value.substr(i + 1, 3);
  }
  return digits + value.substr(point);
}

bool not_given(std::string_view text) {
  const std::string l = lower(text);
  return l.empty() || l == "n/a" || l == "na" || l == "-" || l == "none" || l == "unknown";
}

}  // namespace

std::vector<std::string> split_list(std::string_view text, char separator) {
  std::vector<std::string> items;
  std::size_t from = 0;
  while (from <= text.size()) {
    const std::size_t to = std::min(text.find(separator, from), text.size());
    std::string item = trim(text.substr(from, to - from));
    if (!item.empty()) {
      items.push_back(std::move(item));
    }
    from = to + 1;
  }
  return items;
}

Sheet::Sheet(std::string file, ImportFormat format, std::optional<CsvTable> table, bool spreadsheet,
             DiagnosticSink& sink, std::span<const std::pair<std::string, std::string>> renames)
    : m_file(std::move(file)),
      m_format(format),
      m_spreadsheet(spreadsheet),
      m_sink(sink),
      m_table(std::move(table)) {
  if (!m_table) {
    return;
  }
  for (const CsvField& field : m_table->header) {
    std::string name = normalise_header(field.text);
    for (const auto& [from, to] : renames) {
      if (normalise_header(from) == name) {
        name = normalise_header(to);
        m_renames.push_back({from, to, m_names.size()});
        break;
      }
    }
    m_names.push_back(std::move(name));
  }
  m_used.assign(m_names.size(), false);
}

namespace {

std::vector<std::string> normalised_header(const CsvTable& table) {
  std::vector<std::string> names;
  for (const CsvField& field : table.header) {
    names.push_back(normalise_header(field.text));
  }
  return names;
}

// RVTools names its tabs; dcexit reads these two.
constexpr std::array<std::string_view, 2> k_rvtools_sheets = {"vInfo", "vHost"};

const std::string* sheet_named(const std::vector<std::string>& names, std::string_view name) {
  const auto found = std::find_if(names.begin(), names.end(),
                                  [&](const std::string& n) { return iequals(n, name); });
  return found == names.end() ? nullptr : &*found;
}

// The sheets whose header is `format`'s. An Azure Migrate assessment workbook lists the same
// machines on several sheets (assessed as they are, by performance, for SQL): one is read, an
// `All_` sheet (All_Assessed_Machines, All_VM_IaaS_Server_Rehost_Perf) where there is one, and
// the others are named in a note.
std::optional<std::vector<std::string>> own_sheets(XlsxWorkbook& book, const ImportSource& source,
                                                   DiagnosticSink& sink) {
  const ImportFormat format = source.format;
  std::vector<std::string> own;
  for (const std::string& name : book.sheet_names()) {
    const auto header = book.sheet(name, 1);
    if (!header) {
      return std::nullopt;
    }
    if (format_of_header(normalised_header(*header)) == format) {
      own.push_back(name);
    }
  }
  if (format != ImportFormat::azure_migrate || own.size() < 2) {
    return own;
  }
  const auto all = std::find_if(own.begin(), own.end(), [](const std::string& name) {
    return lower(name).starts_with("all_");
  });
  const std::string kept = all == own.end() ? own.front() : *all;
  own.erase(std::find(own.begin(), own.end(), kept));
  sink.note({fmt::format("{}[{}]", source.name, kept), 1, 1, true}, Code::skipped_entry,
            fmt::format("machines read from this sheet; {} list{} the same machines assessed "
                        "another way, not read",
                        join(own, ", "), own.size() == 1 ? "s" : ""));
  return std::vector{kept};
}

}  // namespace

std::vector<Sheet> open_sheets(const ImportSource& source, DiagnosticSink& sink,
                               std::span<const std::pair<std::string, std::string>> renames) {
  std::vector<Sheet> sheets;
  if (!is_zip_archive(source.content)) {
    sheets.emplace_back(source.name, source.format, read_csv(source.name, source.content, sink),
                        false, sink, renames);
    return sheets;
  }
  XlsxWorkbook book(source.name, source.content, sink);
  if (!book.ok()) {
    return sheets;
  }
  const auto add = [&](const std::string& name, std::optional<CsvTable> table) {
    sheets.emplace_back(fmt::format("{}[{}]", source.name, name), source.format, std::move(table),
                        true, sink, renames);
  };
  const std::vector<std::string>& names = book.sheet_names();
  if (!source.sheet.empty() || source.format == ImportFormat::rvtools) {
    std::vector<std::string> wanted;
    if (!source.sheet.empty()) {
      wanted.push_back(source.sheet);
    } else {
      for (const std::string_view name : k_rvtools_sheets) {
        if (const std::string* found = sheet_named(names, name)) {
          wanted.push_back(*found);
        }
      }
      if (wanted.empty()) {
        wanted.emplace_back(k_rvtools_sheets.front());  // for the diagnostic naming the sheets
      }
    }
    for (const std::string& name : wanted) {
      if (auto table = book.sheet(name)) {
        const std::string* own = sheet_named(names, name);
        add(own != nullptr ? *own : name, std::move(table));
      }
    }
    return sheets;
  }
  // Every sheet whose header is the format's; else the first, for the importer to say what its
  // header lacks.
  const auto own = own_sheets(book, source, sink);
  if (!own) {
    return {};
  }
  for (const std::string& name : *own) {
    auto table = book.sheet(name);
    if (!table) {
      return {};
    }
    add(name, std::move(table));
  }
  if (sheets.empty() && !names.empty()) {
    if (auto table = book.sheet(names.front())) {
      add(names.front(), std::move(table));
    }
  }
  return sheets;
}

std::optional<ImportFormat> detect_workbook_format(std::string_view file, std::string_view bytes,
                                                   DiagnosticSink& sink) {
  XlsxWorkbook book(file, bytes, sink);
  if (!book.ok()) {
    return std::nullopt;
  }
  if (book.sheet_names().empty()) {
    sink.error({std::string(file), 1, 1}, Code::unsupported_file,
               "the workbook has no sheets: nothing to import");
    return std::nullopt;
  }
  for (const std::string_view name : k_rvtools_sheets) {
    if (sheet_named(book.sheet_names(), name) != nullptr) {
      return ImportFormat::rvtools;
    }
  }
  for (const std::string& name : book.sheet_names()) {
    const auto table = book.sheet(name, 1);  // the header is enough
    if (!table) {
      return std::nullopt;
    }
    if (const auto format = format_of_header(normalised_header(*table))) {
      return format;
    }
  }
  return std::nullopt;
}

bool Sheet::has(std::string_view name) const {
  return std::find(m_names.begin(), m_names.end(), name) != m_names.end();
}

void Sheet::drop_prefix(std::string_view prefix) {
  for (std::string& name : m_names) {
    if (name.starts_with(prefix) && !has(name.substr(prefix.size()))) {
      name.erase(0, prefix.size());
    }
  }
}

void Sheet::alias(std::span<const std::pair<std::string_view, std::string_view>> names) {
  for (const auto& [from, to] : names) {
    const auto found = std::find(m_names.begin(), m_names.end(), from);
    if (found != m_names.end() && !has(to)) {
      *found = std::string(to);
    }
  }
}

Column Sheet::column(std::initializer_list<std::string_view> names) {
  for (const std::string_view name : names) {
    if (!m_renames.empty() && !m_asked.contains(name)) {
      m_asked.emplace(name);
    }
    const auto found = std::find(m_names.begin(), m_names.end(), name);
    if (found != m_names.end()) {
      const auto index = static_cast<std::size_t>(found - m_names.begin());
      m_used[index] = true;
      return index;
    }
  }
  return std::nullopt;
}

Column Sheet::require(std::initializer_list<std::string_view> names, std::string_view display) {
  const Column found = column(names);
  if (!found) {
    std::vector<std::string_view> headers(m_names.begin(), m_names.end());
    const std::uint32_t line = m_table->header.empty() ? 1 : m_table->header.front().line;
    m_sink.error(location(line, 1), Code::missing_column,
                 fmt::format("no '{}' column{}{}", display,
                             did_you_mean(normalise_header(display), headers), format_hint()));
  }
  return found;
}

QuantityColumn Sheet::quantity(std::initializer_list<std::string_view> bases,
                               std::string_view bare_unit) {
  for (const std::string_view base : bases) {
    for (const auto& [unit, factor] : k_units) {
      for (const std::string_view joiner : {" "sv, " in "sv}) {
        const std::string name = fmt::format("{}{}{}", base, joiner, unit);
        if (const Column found = column({name})) {
          return {found, m_binary_units ? binary_factor(unit) : factor};
        }
      }
    }
    if (const Column found = column({base})) {
      return {found, unit_factor(bare_unit)};
    }
  }
  return {};
}

std::optional<ImportFormat> format_of_header(std::span<const std::string> names) {
  const auto has = [&](std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  // Columns only one format has, most specific first.
  constexpr std::array<std::pair<ImportFormat, std::array<std::string_view, 2>>, 16> k_signatures =
      {{
          {ImportFormat::konveyor, {"record type 1", "application name"}},
          {ImportFormat::konveyor, {"record type", "dependency direction"}},
          {ImportFormat::rvtools, {"vm", "powerstate"}},
          {ImportFormat::rvtools, {"host", "cores per cpu"}},
          {ImportFormat::rvtools, {"vinfovmname", "vinfopowerstate"}},
          {ImportFormat::rvtools, {"vhostname", "vhostcorespercpu"}},
          {ImportFormat::aws_mf, {"server name", "app name"}},
          {ImportFormat::aws_mh, {"ram totalsizeinmb", "os name"}},
          {ImportFormat::aws_mh, {"server ram totalsizeinmb", "server os name"}},
          {ImportFormat::cast, {"level", "cloudready"}},
          {ImportFormat::software, {"machinename", "application"}},
          {ImportFormat::software, {"machinename", "instance name"}},
          {ImportFormat::software, {"machinename", "database type"}},
          {ImportFormat::software, {"machinename", "feature"}},
          {ImportFormat::software, {"machine name", "instance name"}},
          {ImportFormat::software, {"machine name", "database type"}},
      }};
  for (const auto& [format, columns] : k_signatures) {
    if (has(columns[0]) && has(columns[1])) {
      return format;
    }
  }
  // Azure Migrate's template and exports: a machine's name, cores and memory with a unit, in
  // whichever of their spellings (`*Server name`, `Machine`, `Machine Name`; `*Memory (In MB)`,
  // `Memory(MB)`, `Memory (in GB)`).
  const auto any_of = [&](std::initializer_list<std::string_view> options) {
    return std::any_of(options.begin(), options.end(), has);
  };
  if (any_of({"server name", "machine", "machine name"}) && has("cores") &&
      any_of({"memory in mb", "memory mb", "memory in gb", "memory gb", "memory in mib",
              "memory mib"})) {
    return ImportFormat::azure_migrate;
  }
  for (const std::string_view key :
       {"app"sv, "app id"sv, "application"sv, "application id"sv, "server"sv, "server id"sv}) {
    if (has(key)) {
      return ImportFormat::csv;
    }
  }
  return std::nullopt;
}

std::string Sheet::format_hint() {
  if (m_hinted) {
    return {};
  }
  m_hinted = true;
  const auto format = format_of_header(m_names);
  return !format || *format == m_format
             ? std::string()
             : fmt::format("; the header looks like --from {}", to_string(*format));
}

std::string Sheet::text(const CsvRecord& row, Column column) const {
  if (!column || *column >= row.fields.size()) {
    return {};
  }
  return trim(row.fields[*column].text);
}

SourceLocation Sheet::at(const CsvRecord& row, Column column) const {
  if (column && *column < row.fields.size()) {
    const CsvField& field = row.fields[*column];
    return location(field.line, field.column);
  }
  return location(row.line, 1);
}

std::optional<double> Sheet::number(const CsvRecord& row, Column column, double min, double max) {
  return parse_number(row, column, text(row, column), min, max);
}

std::optional<double> Sheet::parse_number(const CsvRecord& row, Column column,
                                          const std::string& value, double min, double max) {
  if (not_given(value)) {
    return std::nullopt;
  }
  double number = 0;
  const std::string plain = ungrouped(value);
  const auto [end, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), number);
  if (ec != std::errc{} || end != plain.data() + plain.size() || !std::isfinite(number)) {
    error(at(row, column), Code::bad_value,
          fmt::format("'{}' is '{}'; expected a number", header_name(column), abbreviate(value)));
    return std::nullopt;
  }
  if (number < min || number > max) {
    error(at(row, column), Code::out_of_range,
          fmt::format("'{}' is {}; expected {} to {}", header_name(column), value,
                      format_number(min), format_number(max)));
    return std::nullopt;
  }
  return number;
}

std::optional<double> Sheet::gigabytes(const CsvRecord& row, const QuantityColumn& quantity) {
  // The inventory's limit is 10^9 GB, in whatever unit the column has.
  const auto value = number(row, quantity.column, 0, 1e9 / quantity.to_gb);
  if (!value) {
    return std::nullopt;
  }
  return *value * quantity.to_gb;
}

std::optional<double> Sheet::fraction(const CsvRecord& row, Column column) {
  std::string value = text(row, column);
  if (!value.empty() && value.back() == '%') {
    value = trim(std::string_view(value).substr(0, value.size() - 1));
  }
  const auto percent = parse_number(row, column, value, 0, 100);
  if (!percent) {
    return std::nullopt;
  }
  return *percent / 100.0;
}

bool Sheet::check_width(const CsvRecord& row) {
  for (std::size_t i = m_names.size(); i < row.fields.size(); ++i) {
    if (!trim(row.fields[i].text).empty()) {
      error(at(row, i), Code::extra_field,
            fmt::format("row has {} fields but the header names {} columns; is a comma "
                        "inside a value that should be quoted?",
                        row.fields.size(), m_names.size()));
      return false;
    }
  }
  return true;
}

void Sheet::error(const SourceLocation& where, Code code, std::string message) {
  m_sink.error(where, code, std::move(message));
}

void Sheet::warning(const SourceLocation& where, Code code, std::string message) {
  m_sink.warning(where, code, std::move(message));
}

std::string Sheet::header_name(Column column) const {
  if (!column || *column >= m_table->header.size()) {
    return {};
  }
  return trim(m_table->header[*column].text);
}

std::vector<std::string> Sheet::unmapped_columns() const {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < m_names.size(); ++i) {
    if (m_used[i]) {
      continue;
    }
    const bool has_value = std::any_of(rows().begin(), rows().end(),
                                       [&](const CsvRecord& row) { return !text(row, i).empty(); });
    if (has_value) {
      names.push_back(header_name(i));
    }
  }
  return names;
}

namespace {

// `to` is not a column the sheet's reader takes: the generic layout's columns, or those the
// reader asked for.
void bad_rename(const Sheet& sheet, const Sheet::Rename& rename, DiagnosticSink& sink) {
  const std::string to = normalise_header(rename.to);
  if (sheet.format() == ImportFormat::csv) {
    const auto columns = generic_csv_columns();
    if (std::none_of(columns.begin(), columns.end(),
                     [&](std::string_view c) { return normalise_header(c) == to; })) {
      sink.error(sheet.head(), Code::bad_value,
                 fmt::format("--map '{}={}': '{}' is not a column of the generic layout{}",
                             rename.from, rename.to, rename.to, did_you_mean(rename.to, columns)));
    }
    return;
  }
  const std::vector<std::string_view> asked(sheet.asked().begin(), sheet.asked().end());
  sink.error(sheet.head(), Code::bad_value,
             fmt::format("--map '{}={}': --from {} reads no column '{}'{}", rename.from, rename.to,
                         to_string(sheet.format()), rename.to, did_you_mean(to, asked)));
}

}  // namespace

void check_renames(const Sheet& sheet, ImportedEstate& estate) {
  for (const Sheet::Rename& rename : sheet.renames()) {
    estate.note_rename_used(rename.from);
    if (!sheet.used(rename.column)) {
      bad_rename(sheet, rename, estate.sink());
    }
  }
}

void note_sheet(ImportedEstate& estate, const Sheet& sheet, std::string_view what) {
  std::string line = fmt::format("{} ({}): {}", sheet.file(), to_string(sheet.format()), what);
  if (sheet.blank_rows() > 0) {
    line += fmt::format("; {} blank row{} skipped", sheet.blank_rows(),
                        sheet.blank_rows() == 1 ? "" : "s");
  }
  estate.note_source(line);
  const std::vector<std::string> unmapped = sheet.unmapped_columns();
  if (!unmapped.empty()) {
    estate.note_file(fmt::format("{}: columns with no place in dcexit/v1, not imported: {}",
                                 sheet.file(), join(unmapped, ", ")));
  }
}

}  // namespace dcexit::detail
