// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "commands.hpp"
#include "common.hpp"

#include <dcexit/diagnostic.hpp>
#include <dcexit/importer.hpp>
#include <dcexit/input_file.hpp>
#include <dcexit/output_files.hpp>
#include <dcexit/text.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <memory>

namespace dcexit::cli {

namespace {

namespace fs = std::filesystem;

struct ImportCommandOptions {
  std::vector<std::string> files;
  std::string from;
  std::string output = "-";
  bool force = false;
  bool quiet = false;
  std::string name;
  std::string start;
  std::string site;
  std::vector<std::string> maps;
};

// Today, or the day SOURCE_DATE_EPOCH names, so that runs can be reproduced byte for byte;
// nullopt after an error when SOURCE_DATE_EPOCH is set but is no such day.
std::optional<Date> today() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char* end = nullptr;
    errno = 0;
    const long long seconds = std::strtoll(epoch, &end, 10);
    const Date last = Date::from_civil(Date::k_last_input_year, 12, 31);
    if (errno != 0 || end == nullptr || *end != '\0' || seconds < 0 || seconds / 86400 > last.days) {
      fmt::print(stderr,
                 "dcexit: error: SOURCE_DATE_EPOCH '{}' is not a day dcexit can use: whole seconds "
                 "since 1970-01-01, up to {}\n",
                 printable(epoch), last.to_string());
      return std::nullopt;
    }
    return Date{static_cast<std::int32_t>(seconds / 86400)};
  }
  const auto now = std::chrono::system_clock::now();
  return Date{static_cast<std::int32_t>(
      std::chrono::duration_cast<std::chrono::days>(now.time_since_epoch()).count())};
}

// `FORMAT:FILE` names its format; a plain FILE takes --from's, or (auto) its header's.
std::optional<ImportSource> source_for(const std::string& arg, const std::string& from,
                                       int& exit_code) {
  ImportSource source;
  source.name = arg;
  const auto colon = arg.find(':');
  const auto prefixed = colon == std::string::npos ? std::nullopt
                                                   : parse_import_format(arg.substr(0, colon));
  if (prefixed) {
    source.name = arg.substr(colon + 1);
  }
  auto content = read_input(source.name);
  if (!content) {
    print_diagnostics({Diagnostic::make(Severity::error, {source.name, 1, 1}, "unreadable",
                                        fmt::format("cannot read '{}': {}", source.name, content.error()))});
    exit_code = std::max(exit_code, static_cast<int>(k_exit_usage));
    return std::nullopt;
  }
  source.content = std::move(*content);
  if (!prefixed && (from.empty() || from == "auto")) {
    DiagnosticSink sink;
    if (!check_import_text(source.name, source.content, sink)) {
      sink.sort();
      print_diagnostics(sink.all());
      exit_code = std::max(exit_code, static_cast<int>(k_exit_invalid));
      return std::nullopt;
    }
  }
  const auto format = prefixed ? prefixed
                      : from.empty() || from == "auto" ? detect_import_format(source.content)
                                                       : parse_import_format(from);
  if (!format) {
    fmt::print(stderr,
               "dcexit: error: cannot tell the format of '{}' from its header; give --from "
               "FORMAT or write FORMAT:{}\n",
               arg, arg);
    exit_code = std::max(exit_code, static_cast<int>(k_exit_usage));
    return std::nullopt;
  }
  source.format = *format;
  return source;
}

// Options as the library takes them, or nullopt after printing what is wrong.
std::optional<ImportOptions> library_options(const ImportCommandOptions& o) {
  ImportOptions options;
  options.estate_name = o.name;
  const auto day = today();
  if (!day) {
    return std::nullopt;
  }
  options.today = *day;
  options.site = o.site;
  if (!o.start.empty()) {
    options.start = Date::parse(o.start);
    if (!options.start) {
      fmt::print(stderr, "dcexit: error: --start '{}' is not a date as YYYY-MM-DD\n", o.start);
      return std::nullopt;
    }
  }
  if (!o.site.empty() && !is_valid_id(o.site)) {
    fmt::print(stderr, "dcexit: error: --site '{}' is not an id ([a-z0-9][a-z0-9._-]*)\n",
               o.site);
    return std::nullopt;
  }
  for (const std::string& map : o.maps) {
    const auto equals = map.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == map.size()) {
      fmt::print(stderr, "dcexit: error: --map '{}' is not SOURCE=COLUMN\n", map);
      return std::nullopt;
    }
    options.column_map.emplace_back(map.substr(0, equals), map.substr(equals + 1));
  }
  return options;
}

// Refuses to overwrite an input, or (without --force) any existing file.
bool output_allowed(const ImportCommandOptions& o, const std::vector<ImportSource>& sources) {
  std::error_code ec;
  if (o.output == "-" || !fs::exists(o.output, ec)) {
    return true;
  }
  for (const ImportSource& source : sources) {
    if (fs::equivalent(o.output, source.name, ec)) {
      fmt::print(stderr, "dcexit: error: refusing to write over the input '{}'\n", o.output);
      return false;
    }
  }
  if (!o.force) {
    fmt::print(stderr, "dcexit: error: '{}' exists; give --force to replace it\n", o.output);
    return false;
  }
  return true;
}

int run_import(const ImportCommandOptions& o) {
  const auto options = library_options(o);
  if (!options) {
    return k_exit_usage;
  }
  int exit_code = k_exit_ok;
  std::vector<ImportSource> sources;
  for (const std::string& arg : o.files) {
    if (auto source = source_for(arg, o.from, exit_code)) {
      sources.push_back(std::move(*source));
    }
  }
  if (exit_code != k_exit_ok) {
    return exit_code;
  }
  if (!output_allowed(o, sources)) {
    return k_exit_usage;
  }
  DiagnosticSink sink;
  const auto result = import_estate(sources, *options, sink);
  sink.sort();
  print_diagnostics(sink.all(), o.quiet);
  if (!result) {
    fmt::print(stderr, "dcexit: import failed: {} error{}; nothing written\n", sink.error_count(),
               sink.error_count() == 1 ? "" : "s");
    return k_exit_invalid;
  }
  if (o.output == "-") {
    fmt::print("{}", result->yaml);
  } else {
    write_file_atomic(o.output, result->yaml, o.force);
  }
  if (!o.quiet) {
    const ImportCounts& c = result->counts;
    fmt::print(stderr, "imported {} sites, {} servers, {} applications, {} dependencies{}{}\n",
               c.sites, c.servers, c.applications, c.dependencies,
               o.output == "-" ? "" : " into " + o.output,
               c.servers_without_app == 0
                   ? ""
                   : fmt::format("; {} servers host no application yet", c.servers_without_app));
  }
  return k_exit_ok;
}

}  // namespace

void add_import_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ImportCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "import", "Write an inventory from RVTools, CSV, Konveyor, AWS, Azure, CAST or Backstage files");
  cmd->add_option("FILE", o->files,
                  "Files to import, merged in order; FORMAT:FILE gives one file its own format")
      ->required();
  std::vector<std::string> names;
  for (const auto& [name, format] : k_import_formats) {
    names.emplace_back(name);
  }
  names.emplace_back("auto");
  cmd->add_option("--from", o->from,
                  "Format of the files: " + join(names, ", ") +
                      " (default auto: from each file's header)")
      ->check(CLI::IsMember(names));
  cmd->add_option("-o,--output", o->output, "Inventory to write (default: standard output)");
  cmd->add_flag("--force", o->force, "Replace the output file if it exists");
  cmd->add_option("--name", o->name, "The estate's name");
  cmd->add_option("--start", o->start, "First day of wave 1 (YYYY-MM-DD)");
  cmd->add_option("--site", o->site, "Site id for servers whose source names none (default dc)");
  cmd->add_option("--map", o->maps,
                  "csv: read a column under another name, SOURCE=COLUMN (repeatable)");
  cmd->add_flag("-q,--quiet", o->quiet, "Print errors only");
  cmd->callback([o, &exit_code] { exit_code = run_import(*o); });
}

}  // namespace dcexit::cli
