// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "commands.hpp"
#include "common.hpp"

#include <dcexit/diagnostic.hpp>
#include <dcexit/load.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace dcexit::cli {

namespace {

struct ValidateOptions {
  std::vector<std::string> paths;
  DiagnosticFormat format = DiagnosticFormat::text;
  bool strict = false;
  bool quiet = false;
  std::string as_of;
  std::vector<std::string> set;
};

int run_validate(const ValidateOptions& options) {
  if (!stdin_at_most_once(options.paths)) {
    return k_exit_usage;
  }
  std::vector<Diagnostic> all;
  int exit_code = k_exit_ok;
  for (const std::string& path : options.paths) {
    const ValidationReport report = validate_estate(
        path, {.strict = options.strict,
               .as_of = options.as_of.empty() ? std::nullopt : Date::parse(options.as_of),
               .set = options.set});
    exit_code = std::max(exit_code, report.unreadable ? static_cast<int>(k_exit_usage)
                                    : report.valid()  ? static_cast<int>(k_exit_ok)
                                                      : static_cast<int>(k_exit_invalid));
    const auto& diagnostics = report.diagnostics.all();
    all.insert(all.end(), diagnostics.begin(), diagnostics.end());
    if (options.format == DiagnosticFormat::text) {
      print_diagnostics(diagnostics, options.quiet);
      if (!options.quiet) {
        fmt::print("{}\n", report.summary());
      }
    }
  }
  if (options.format == DiagnosticFormat::json) {
    fmt::print("{}", format_json(all));
  } else if (options.format == DiagnosticFormat::github) {
    for (const Diagnostic& d : all) {
      fmt::print("{}\n", format_github(d));
    }
  }
  return exit_code;
}

}  // namespace

void add_validate_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "Check inventories and print every problem found, sorted by file and line");
  cmd->add_option("PATH", options->paths,
                  "Inventory file, directory of YAML files forming one estate, or - for stdin")
      ->required();
  const std::map<std::string, DiagnosticFormat> formats = {{"text", DiagnosticFormat::text},
                                                           {"json", DiagnosticFormat::json},
                                                           {"github", DiagnosticFormat::github}};
  cmd->add_option("--format", options->format,
                  "Output: text (stderr), json (array on stdout), github (Actions annotations)")
      ->transform(enum_names(formats));
  cmd->add_flag("--strict", options->strict, "Treat warnings as errors");
  cmd->add_flag("-q,--quiet", options->quiet, "Print errors only, no warnings or summary");
  cmd->add_option("--as-of", options->as_of,
                  "Check progress as of DATE: nothing done after it, no lock in the past")
      ->check(iso_date());
  add_set_option(cmd, options->set);
  cmd->callback([options, &exit_code] { exit_code = run_validate(*options); });
}

}  // namespace dcexit::cli
