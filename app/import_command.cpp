// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// `dcexit import`: its options, the sources read, the inventory written.
#include "commands.hpp"
#include "common.hpp"
#include "import_run.hpp"

#include <dcexit/import.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <memory>

namespace dcexit::cli {

namespace {

namespace fs = std::filesystem;

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
    fmt::print(
        stderr, "imported {} sites, {} servers, {} applications, {} dependencies{}{}\n", c.sites,
        c.servers, c.applications, c.dependencies, o.output == "-" ? "" : " into " + o.output,
        c.servers_without_app == 0
            ? ""
            : fmt::format(
                  "; {} server{} host{} no application yet{}", c.servers_without_app,
                  c.servers_without_app == 1 ? "" : "s", c.servers_without_app == 1 ? "s" : "",
                  c.applications == 0 ? " (plan needs applications: --apps per-vm, by-folder, "
                                        "by-annotation=KEY or by-tag=CATEGORY makes them of the "
                                        "VMs; or add an applications sheet)"
                                      : ""));
  }
  return k_exit_ok;
}

}  // namespace

void add_import_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ImportCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "import",
      "Write an inventory from RVTools, CSV, Konveyor, AWS, Azure Migrate (and its software "
      "inventory), CAST or Backstage files");
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
                  "Read a column under another name, SOURCE=COLUMN (repeatable; every format)");
  cmd->add_option("--apps", o->apps,
                  "RVTools, Azure Migrate: make applications of the VMs: per-vm, by-folder "
                  "(vApp or folder), by-annotation=KEY, by-tag=CATEGORY");
  cmd->add_flag("-q,--quiet", o->quiet, "Print errors only");
  cmd->callback([o, &exit_code] { exit_code = run_import(*o); });
}

}  // namespace dcexit::cli
