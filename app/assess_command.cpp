// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "commands.hpp"
#include "common.hpp"

#include <dcexit/assess.hpp>
#include <dcexit/graph.hpp>
#include <dcexit/report.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <map>
#include <memory>

namespace dcexit::cli {

namespace {

struct AssessOptions {
  std::string path;
  AssessmentFormat format = AssessmentFormat::table;
  std::string explain;
  std::string profile;
  std::vector<std::string> set;
  std::optional<Target> target;
};

int run_assess(const AssessOptions& options) {
  const auto loaded =
      load_profile_and_estate(options.profile, options.path, options.set, options.target);
  if (!loaded) {
    return loaded.error();
  }
  const ScoringProfile& profile = loaded->profile;
  const Inventory& inventory = loaded->inventory;
  const DependencyGraph graph(inventory);
  const Assessment assessment = assess(inventory, graph, profile);
  if (!options.explain.empty()) {
    const auto app = find_application(inventory, options.explain);
    if (!app) {
      print_diagnostic(app.error());
      return k_exit_usage;
    }
    return print_output(render_explanation(inventory, assessment, profile, *app));
  }
  return print_output(render_assessment(inventory, assessment, profile, options.format));
}

}  // namespace

void add_assess_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<AssessOptions>();
  CLI::App* cmd = app.add_subcommand(
      "assess", "Score every app for the seven strategies, with reasons, confidence and effort");
  cmd->add_option("PATH", options->path, "Inventory file, directory, or - for stdin")->required();
  const std::map<std::string, AssessmentFormat> formats = {
      {"table", AssessmentFormat::table},
      {"csv", AssessmentFormat::csv},
      {"json", AssessmentFormat::json},
      {"markdown", AssessmentFormat::markdown}};
  cmd->add_option("--format", options->format, "table, csv, json or markdown")
      ->transform(enum_names(formats));
  cmd->add_option("--explain", options->explain,
                  "Show every gate and signal behind one app's scores");
  cmd->add_option("--profile", options->profile,
                  "Scoring profile over the target's built-in one (see 'dcexit profile')");
  add_target_option(cmd, options->target);
  add_set_option(cmd, options->set);
  cmd->callback([options, &exit_code] { exit_code = run_assess(*options); });
}

void add_profile_command(CLI::App& app, int& exit_code) {
  auto target = std::make_shared<std::optional<Target>>();
  CLI::App* cmd = app.add_subcommand(
      "profile",
      "Print a built-in scoring profile (the default, or a target's), to copy and tune with "
      "--profile");
  add_target_option(cmd, *target);
  cmd->callback([target, &exit_code] {
    exit_code = print_output(std::string(profile_text(target->value_or(Target::generic))));
  });
}

}  // namespace dcexit::cli
