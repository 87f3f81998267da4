// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "commands.hpp"
#include "common.hpp"

#include <dcexit/import.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
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
  std::string apps;
};

// Today, or the day SOURCE_DATE_EPOCH names, so that runs can be reproduced byte for byte;
// nullopt after an error when SOURCE_DATE_EPOCH is set but is no such day.
std::optional<Date> today() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char* end = nullptr;
    errno = 0;
    const long long seconds = std::strtoll(epoch, &end, 10);
    const Date last = Date::from_civil(Date::k_last_input_year, 12, 31);
    if (errno != 0 || end == nullptr || *end != '\0' || seconds < 0 ||
        seconds / 86400 > last.days) {
      usage_error(
          fmt::format("SOURCE_DATE_EPOCH '{}' is not a day dcexit can use: whole seconds "
                      "since 1970-01-01, up to {}",
                      epoch, last.to_string()));
      return std::nullopt;
    }
    return Date{static_cast<std::int32_t>(seconds / 86400)};
  }
  const auto now = std::chrono::system_clock::now();
  return Date{static_cast<std::int32_t>(
      std::chrono::duration_cast<std::chrono::days>(now.time_since_epoch()).count())};
}

// Every FILE, read and with its format; the exit code when one is not (all are reported).
tl::expected<std::vector<ImportSource>, int> read_sources(const ImportCommandOptions& o) {
  std::vector<ImportSource> sources;
  int exit_code = k_exit_ok;
  for (const std::string& arg : o.files) {
    DiagnosticSink sink;
    auto source = read_import_source(arg, o.from, sink);
    sink.sort();
    print_diagnostics(sink.all());
    if (source) {
      sources.push_back(std::move(*source));
    } else {
      exit_code = std::max(exit_code, source.error() == SourceFailure::invalid
                                          ? static_cast<int>(k_exit_invalid)
                                          : static_cast<int>(k_exit_usage));
    }
  }
  if (exit_code != k_exit_ok) {
    return tl::unexpected(exit_code);
  }
  return sources;
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
      usage_error(fmt::format("--start '{}' is not a date as YYYY-MM-DD", o.start));
      return std::nullopt;
    }
  }
  if (!o.site.empty() && !is_valid_id(o.site)) {
    usage_error(fmt::format("--site '{}' is not an id ([a-z0-9][a-z0-9._-]*)", o.site));
    return std::nullopt;
  }
  for (const std::string& map : o.maps) {
    const auto equals = map.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == map.size()) {
      usage_error(fmt::format("--map '{}' is not SOURCE=COLUMN", map));
      return std::nullopt;
    }
    options.column_map.emplace_back(map.substr(0, equals), map.substr(equals + 1));
  }
  if (!o.apps.empty()) {
    const auto equals = o.apps.find('=');
    const std::string mode = o.apps.substr(0, equals);
    const std::string key = equals == std::string::npos ? "" : o.apps.substr(equals + 1);
    const auto found = std::find_if(std::begin(k_app_groupings), std::end(k_app_groupings),
                                    [&](const auto& g) { return g.first == mode; });
    const bool keyed = mode == "by-annotation" || mode == "by-tag";
    if (found == std::end(k_app_groupings) || keyed != (equals != std::string::npos) ||
        (keyed && key.find_first_not_of(" \t") == std::string::npos)) {
      usage_error(fmt::format(
          "--apps '{}' is not per-vm, by-folder, by-annotation=KEY or by-tag=CATEGORY", o.apps));
      return std::nullopt;
    }
    options.apps = found->second;
    options.apps_key = key;
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
      usage_error(fmt::format("refusing to write over the input '{}'", o.output));
      return false;
    }
  }
  if (!o.force) {
    usage_error(fmt::format("'{}' exists; give --force to replace it", o.output));
    return false;
  }
  return true;
}

int run_import(const ImportCommandOptions& o) {
  const auto options = library_options(o);
  if (!options) {
    return k_exit_usage;
  }
  const auto sources = read_sources(o);
  if (!sources) {
    return sources.error();
  }
  if (!output_allowed(o, *sources)) {
    return k_exit_usage;
  }
  DiagnosticSink sink;
  const auto result = import_estate(*sources, *options, sink);
  sink.sort();
  print_diagnostics(sink.all(), o.quiet);
  if (!result) {
    fmt::print(stderr, "dcexit: import failed: {} error{}; nothing written\n", sink.error_count(),
               sink.error_count() == 1 ? "" : "s");
    return k_exit_invalid;
  }
  if (o.output == "-") {
    fmt::print("{}", result->yaml);
  } else if (auto written = write_import_output(o.output, result->yaml, o.force); !written) {
    print_diagnostic(written.error());
    return k_exit_usage;
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
      "import",
      "Write an inventory from RVTools, CSV, Konveyor, AWS, Azure, CAST or Backstage files");
  cmd->add_option("FILE", o->files,
                  "Files to import, merged in order; FORMAT:FILE gives one file its own format")
      ->required();
  std::vector<std::string> names;
  for (const auto& [name, format] : k_import_formats) {
    names.emplace_back(name);
  }
  names.emplace_back("auto");
  cmd->add_option("--from", o->from,
                  fmt::format("Format of the files: {}", fmt::join(names, ", ")) +
                      " (default auto: from each file's header)")
      ->check(CLI::IsMember(names));
  cmd->add_option("-o,--output", o->output, "Inventory to write (default: standard output)");
  cmd->add_flag("--force", o->force, "Replace the output file if it exists");
  cmd->add_option("--name", o->name, "The estate's name");
  cmd->add_option("--start", o->start, "First day of wave 1 (YYYY-MM-DD)");
  cmd->add_option("--site", o->site, "Site id for servers whose source names none (default dc)");
  cmd->add_option("--map", o->maps,
                  "csv: read a column under another name, SOURCE=COLUMN (repeatable)");
  cmd->add_option("--apps", o->apps,
                  "RVTools, Azure Migrate: make applications of the VMs: per-vm, by-folder "
                  "(vApp or folder), by-annotation=KEY, by-tag=CATEGORY");
  cmd->add_flag("-q,--quiet", o->quiet, "Print errors only");
  cmd->callback([o, &exit_code] { exit_code = run_import(*o); });
}

}  // namespace dcexit::cli
