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
  if (content.find_first_not_of(" \t\r\n,;\xEF\xBB\xBF") == std::string_view::npos) {
    sink.error({std::string(file), 1, 1}, Code::empty_file, "the file holds no header and no rows");
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

// Problems with --map are reported against the header of the first csv sheet.
SourceLocation map_location(std::span<const ImportSource> sources) {
  for (const ImportSource& source : sources) {
    if (source.format == ImportFormat::csv) {
      return {source.name, 1, 1};
    }
  }
  return {sources.empty() ? std::string("--map") : sources.front().name, 1, 1};
}

void check_column_map(std::span<const ImportSource> sources, const ImportOptions& options,
                      DiagnosticSink& sink) {
  const auto columns = detail::generic_csv_columns();
  std::vector<std::string> normalised;
  for (const std::string_view column : columns) {
    normalised.push_back(normalise_header(column));
  }
  for (const auto& [from, to] : options.column_map) {
    if (std::find(normalised.begin(), normalised.end(), normalise_header(to)) == normalised.end()) {
      sink.error(map_location(sources), Code::bad_value,
                 fmt::format("--map '{}={}': '{}' is not a column of the generic layout{}", from,
                             to, to, did_you_mean(to, columns)));
    }
  }
}

}  // namespace

std::optional<ImportResult> import_estate(std::span<const ImportSource> sources,
                                          const ImportOptions& options, DiagnosticSink& sink) {
  detail::ImportedEstate estate(sink);
  check_column_map(sources, options, sink);
  if (options.apps != AppGrouping::none &&
      std::none_of(sources.begin(), sources.end(), [](const ImportSource& s) {
        return s.format == ImportFormat::rvtools || s.format == ImportFormat::azure_migrate;
      })) {
    sink.add(Diagnostic::make(Severity::error, {}, Code::usage,
                              "--apps makes applications of the VMs of an RVTools or Azure "
                              "Migrate source; no source is one"));
  }
  for (const ImportSource& source : sources) {
    switch (source.format) {
      case ImportFormat::rvtools:
        detail::import_rvtools(source, estate, options);
        break;
      case ImportFormat::csv:
        detail::import_generic_csv(source, estate, options);
        break;
      case ImportFormat::konveyor:
        detail::import_konveyor(source, estate);
        break;
      case ImportFormat::aws_mf:
        detail::import_aws_mf(source, estate);
        break;
      case ImportFormat::aws_mh:
        detail::import_aws_mh(source, estate);
        break;
      case ImportFormat::azure_migrate:
        detail::import_azure_migrate(source, estate, options);
        break;
      case ImportFormat::cast:
        detail::import_cast(source, estate);
        break;
      case ImportFormat::backstage:
        detail::import_backstage(source, estate);
        break;
    }
  }
  for (const auto& [from, to] : options.column_map) {
    if (!estate.rename_used(from)) {
      sink.error(map_location(sources), Code::missing_column,
                 fmt::format("--map '{}={}': no csv sheet has a column '{}'", from, to, from));
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
