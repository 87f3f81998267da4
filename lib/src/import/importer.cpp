// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/input_file.hpp"
#include "base/output_files.hpp"
#include "base/text.hpp"
#include "import/csv_reader.hpp"
#include "import/formats.hpp"
#include "import/sheet.hpp"
#include "import/xlsx_reader.hpp"

#include <dcexit/diagnostic.hpp>
#include <dcexit/import.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace dcexit {

std::string_view to_string(ImportFormat format) {
  for (const auto& [name, value] : k_import_formats) {
    if (value == format) {
      return name;
    }
  }
  return "csv";
}

std::optional<ImportFormat> parse_import_format(std::string_view name) {
  for (const auto& [spelling, value] : k_import_formats) {
    if (spelling == name) {
      return value;
    }
  }
  return std::nullopt;
}

bool check_import_text(std::string_view file, std::string_view content, DiagnosticSink& sink) {
  if (!check_csv_encoding(file, content, sink)) {
    return false;
  }
  if (content.find_first_not_of(" \t\r\n\xEF\xBB\xBF") == std::string_view::npos) {
    sink.error({std::string(file), 1, 1}, Code::empty_file, "the file is empty: nothing to import");
    return false;
  }
  if (content.find_first_not_of(" \t\r\n,;\xEF\xBB\xBF") == std::string_view::npos) {
    sink.error({std::string(file), 1, 1}, Code::empty_file,
               "the file holds only separators: no header and no rows");
    return false;
  }
  return true;
}

std::optional<ImportFormat> detect_import_format(std::string_view content) {
  DiagnosticSink ignored;
  return detect_import_format(content, "header", ignored);
}

std::optional<ImportFormat> detect_import_format(std::string_view content, std::string_view file,
                                                 DiagnosticSink& sink) {
  constexpr std::string_view k_bom = "\xEF\xBB\xBF";
  if (content.starts_with(k_bom)) {
    content.remove_prefix(k_bom.size());
  }
  const auto has_line = [&](std::string_view key) {
    return content.starts_with(key) || content.find("\n" + std::string(key)) != std::string::npos;
  };
  if (has_line("apiVersion:") && has_line("kind:")) {
    return ImportFormat::backstage;
  }
  // The header: up to the first line end outside quotes after something that is not blank.
  std::size_t end = 0;
  bool quoted = false;
  bool seen = false;
  for (; end < content.size(); ++end) {
    const char c = content[end];
    if (c == '"') {
      quoted = !quoted;
    } else if (c == '\n' && !quoted && seen) {
      break;
    }
    seen = seen || (c != '\n' && c != '\r' && c != ',' && c != ';' && c != ' ' && c != '\t');
  }
  const auto table = read_csv(file, content.substr(0, end), sink);
  if (!table) {
    return std::nullopt;
  }
  std::vector<std::string> names;
  for (const CsvField& field : table->header) {
    names.push_back(normalise_header(field.text));
  }
  return detail::format_of_header(names);
}

std::string make_id(std::string_view text) {
  std::string id;
  bool gap = false;
  for (const char c : text) {
    const char l = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    const bool alnum = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9');
    if (alnum || (!id.empty() && (l == '.' || l == '_') && !gap)) {
      if (gap && !id.empty()) {
        id += '-';
      }
      id += l;
      gap = false;
    } else {
      gap = true;
    }
    if (id.size() >= k_max_id_length) {
      break;
    }
  }
  while (!id.empty() && (id.back() == '.' || id.back() == '_')) {
    id.pop_back();
  }
  return id.substr(0, k_max_id_length);
}

namespace {

// Problems with --map that no one sheet shows are reported against the first source.
SourceLocation map_location(std::span<const ImportSource> sources) {
  return {sources.empty() ? std::string("--map") : sources.front().name, 1, 1};
}

// One sheet, by its source's format.
void import_sheet(detail::Sheet& sheet, detail::ImportedEstate& estate,
                  const ImportOptions& options) {
  switch (sheet.format()) {
    case ImportFormat::rvtools:
      return detail::import_rvtools_sheet(sheet, estate, options);
    case ImportFormat::csv:
      return detail::import_generic_sheet(sheet, estate);
    case ImportFormat::konveyor:
      return detail::import_konveyor_sheet(sheet, estate);
    case ImportFormat::aws_mf:
      return detail::import_aws_mf_sheet(sheet, estate);
    case ImportFormat::aws_mh:
      return detail::import_aws_mh_sheet(sheet, estate);
    case ImportFormat::azure_migrate:
      return detail::import_azure_migrate_sheet(sheet, estate, options);
    case ImportFormat::cast:
      return detail::import_cast_sheet(sheet, estate);
    case ImportFormat::software:
      return detail::import_software_sheet(sheet, estate);
    case ImportFormat::backstage:
      return;
  }
}

// Every sheet of a source (a CSV file is one; --map renames columns in each).
void import_source(const ImportSource& source, detail::ImportedEstate& estate,
                   const ImportOptions& options) {
  if (source.format == ImportFormat::backstage) {
    detail::import_backstage(source, estate);
    return;
  }
  for (detail::Sheet& sheet : detail::open_sheets(source, estate.sink(), options.column_map)) {
    if (sheet.ok()) {
      import_sheet(sheet, estate, options);
      detail::check_renames(sheet, estate);
    }
  }
}

}  // namespace

std::optional<ImportResult> import_estate(std::span<const ImportSource> sources,
                                          const ImportOptions& options, DiagnosticSink& sink) {
  detail::ImportedEstate estate(sink);
  if (options.apps != AppGrouping::none &&
      std::none_of(sources.begin(), sources.end(), [](const ImportSource& s) {
        return s.format == ImportFormat::rvtools || s.format == ImportFormat::azure_migrate;
      })) {
    sink.add(Diagnostic::make(Severity::error, {}, Code::usage,
                              "--apps makes applications of the VMs of an RVTools or Azure "
                              "Migrate source; no source is one"));
  }
  for (const ImportSource& source : sources) {
    import_source(source, estate, options);
  }
  for (const auto& [from, to] : options.column_map) {
    if (!estate.rename_used(from)) {
      sink.error(map_location(sources), Code::missing_column,
                 fmt::format("--map '{}={}': no sheet has a column '{}'", from, to, from));
    }
  }
  // finish() checks references even after errors, so that every problem is reported at once.
  return estate.finish(options);
}

tl::expected<ImportSource, SourceFailure> read_import_source(std::string_view arg,
                                                             std::string_view from,
                                                             DiagnosticSink& sink) {
  ImportSource source;
  source.name = std::string(arg);
  const auto colon = arg.find(':');
  // A plain enum and a flag, not an optional: GCC 12 takes the optional for uninitialised.
  bool prefixed = false;
  if (colon != std::string::npos) {
    if (const auto named = parse_import_format(arg.substr(0, colon))) {
      prefixed = true;
      source.format = *named;
      source.name = std::string(arg.substr(colon + 1));
    }
  }
  auto content = read_input(source.name);
  // "book.xlsx[vHost]": a workbook's sheet, when no file has that whole name.
  const auto bracket = source.name.rfind('[');
  if (!content && source.name.ends_with(']') && bracket != std::string::npos && bracket > 0) {
    std::string file = source.name.substr(0, bracket);
    if (auto whole = read_input(file)) {
      source.sheet = source.name.substr(bracket + 1, source.name.size() - bracket - 2);
      source.name = std::move(file);
      content = std::move(whole);
    }
  }
  if (!content) {
    sink.error({source.name, 1, 1}, Code::unreadable,
               fmt::format("cannot read '{}': {}", source.name, content.error()));
    return tl::unexpected(SourceFailure::unreadable);
  }
  source.content = std::move(*content);
  const bool guess = !prefixed && (from.empty() || from == "auto");
  const bool workbook = is_zip_archive(source.content);
  if (guess && !workbook && !check_import_text(source.name, source.content, sink)) {
    return tl::unexpected(SourceFailure::invalid);
  }
  std::optional<ImportFormat> format;
  if (prefixed) {
    format = source.format;
  } else if (!guess) {
    format = parse_import_format(from);
  } else {
    // What stops the sheets or the header from being read says why here, once, rather than
    // "cannot tell the format".
    const std::size_t errors = sink.error_count();
    format = workbook ? detail::detect_workbook_format(source.name, source.content, sink)
                      : detect_import_format(source.content, source.name, sink);
    if (sink.error_count() > errors) {
      return tl::unexpected(SourceFailure::invalid);
    }
  }
  if (!format) {
    sink.add(Diagnostic::make(
        Severity::error, {}, Code::usage,
        fmt::format("cannot tell the format of '{}' from its {}; give --from FORMAT or write "
                    "FORMAT:{}",
                    arg, workbook ? "sheets' names and headers" : "header", arg)));
    return tl::unexpected(SourceFailure::unknown_format);
  }
  source.format = *format;
  return source;
}

tl::expected<void, Diagnostic> write_import_output(const std::string& path, std::string_view yaml,
                                                   bool replace) {
  try {
    write_file_atomic(path, yaml, replace);
  } catch (const OutputError& e) {
    return tl::unexpected(Diagnostic::make(Severity::error, {}, Code::output, e.what()));
  }
  return {};
}

}  // namespace dcexit
