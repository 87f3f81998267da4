// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// dcexit diff OLD.json NEW.json: what changed between two plans (contract programme.md 3).
#include "commands.hpp"
#include "common.hpp"

#include <dcexit/load.hpp>
#include <dcexit/report.hpp>

#include <CLI/CLI.hpp>

#include <map>
#include <memory>
#include <string>

namespace dcexit::cli {

namespace {

struct DiffArgs {
  std::string old_path;
  std::string new_path;
  DiffFormat format = DiffFormat::text;
};

int run_diff(const DiffArgs& options) {
  if (options.old_path == "-" && options.new_path == "-") {
    print_diagnostic(
        Diagnostic::make(Severity::error, {}, Code::usage,
                         "standard input can be read once: name one plan by its path"));
    return k_exit_usage;
  }
  DiagnosticSink sink;
  auto old_plan = read_plan_record(options.old_path, sink);
  auto new_plan = read_plan_record(options.new_path, sink);
  sink.sort();
  print_diagnostics(sink.all());
  if (!old_plan || !new_plan) {
    return k_exit_usage;
  }
  return print_output(render_plan_diff(diff_plans(*old_plan, *new_plan), options.format));
}

}  // namespace

void add_diff_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DiffArgs>();
  CLI::App* cmd = app.add_subcommand(
      "diff", "What changed between two plan.json files: exit, waves, apps, strategies, sites");
  cmd->add_option("OLD", options->old_path, "The earlier plan.json")->required();
  cmd->add_option("NEW", options->new_path, "The later plan.json")->required();
  const std::map<std::string, DiffFormat> formats = {
      {"text", DiffFormat::text}, {"markdown", DiffFormat::markdown}, {"json", DiffFormat::json}};
  cmd->add_option("--format", options->format, "text, markdown or json")
      ->transform(enum_names(formats));
  cmd->callback([options, &exit_code] { exit_code = run_diff(*options); });
}

}  // namespace dcexit::cli
