// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// `dcexit plan`: its options, and the run that reads its inputs and plans its estates.
#include "commands.hpp"
#include "common.hpp"
#include "plan_run.hpp"

#include <dcexit/report.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

namespace dcexit::cli {

namespace {

int run_plan(const PlanArgs& options) {
  watch_stop_signals();
  if (!stdin_at_most_once(options.paths)) {
    return k_exit_usage;
  }
  // The profile is read first over the given target (or the generic one), so that a broken file
  // stops the run before anything is planned; estates of other targets read it again over theirs.
  ProfileSet profiles(options.profile, options.target);
  const auto profile = profiles.get(std::nullopt);
  if (!profile) {
    return profile.error();
  }
  PlanArgs args = options;
  if (const int code = read_plan_inputs(args, **profile); code != k_exit_ok) {
    return code;
  }
  auto outputs = prepare_plan_outputs(args.out, args.paths);
  if (!outputs) {
    print_diagnostic(outputs.error());
    return k_exit_usage;
  }
  if (!args.formats.empty()) {
    outputs->formats = 0;
    for (const std::string& name : args.formats) {
      for (const auto& [format_name, format] : k_output_formats) {
        if (name == format_name) {
          outputs->formats |= static_cast<std::uint8_t>(1U << static_cast<unsigned>(format));
        }
      }
    }
  }
  return plan_estates(args, profiles, std::move(*outputs));
}

}  // namespace

void add_plan_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<PlanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "plan", "Plan waves and the decommission timeline; write plan.json, plan.md and CSVs to DIR");
  cmd->add_option("PATH", options->paths,
                  "Inventory file, directory, or - for stdin (once); several make a batch")
      ->required();
  cmd->add_option("-o,--out", options->out,
                  "Output directory, created with its parents (one folder per estate in a batch)")
      ->required();
  cmd->add_option("--profile", options->profile,
                  "Scoring profile over the target's built-in one (see 'dcexit profile')");
  add_target_option(cmd, options->target);
  cmd->add_flag("-q,--quiet", options->quiet, "Print nothing but errors");
  cmd->add_option("--optimise", options->optimise_seconds,
                  "Budget of the exact wave optimiser, in nominal seconds of 200 "
                  "branch-and-bound nodes each (0: list scheduling only)")
      ->default_val(k_default_optimise_nodes / k_nodes_per_second)
      ->check(whole_number(3600));
  cmd->add_option("--as-of", options->as_of,
                  "Waves starting before DATE are history: done apps stay where they happened, "
                  "the rest is planned from DATE on")
      ->check(iso_date());
  cmd->add_option("--baseline", options->baseline,
                  "An earlier plan.json: keep apps in its waves where the constraints and the "
                  "exit date allow; report the churn");
  cmd->add_flag("--require-deadline", options->require_deadline,
                "Exit 1 when the plan misses the estate's deadline (the plan is still written)");
  add_set_option(cmd, options->set);
  cmd->add_option("--simulate", options->simulate,
                  "Run the plan N times under uncertainty (effort ranges, rollbacks): P50, P80, "
                  "P95 exit dates, the chance of meeting the deadline, what drives a late exit")
      ->check(whole_number(1'000'000));
  cmd->add_option("--seed", options->seed,
                  "Seed of --simulate, 0 to 18446744073709551615: the same seed, the same figures")
      ->default_val(1)
      ->check(whole_number());
  cmd->add_option("--tracker", options->trackers,
                  "Also write the CSV a tracker imports: jira (jira.csv), azure-devops "
                  "(azure-devops.csv); repeatable")
      ->check(CLI::IsMember({"jira", "azure-devops"}));
  std::vector<std::string> format_names;
  format_names.reserve(k_output_formats.size());
  for (const auto& [name, format] : k_output_formats) {
    format_names.emplace_back(name);
  }
  cmd->add_option("--formats", options->formats,
                  "Write only these outputs, comma-separated: json (plan.json), md (plan.md), csv "
                  "(waves, decommission, connectivity, assessment and cost CSVs), html "
                  "(report.html), xlsx (plan.xlsx); default all")
      ->delimiter(',')
      ->check(CLI::IsMember(format_names));
  cmd->add_option("--prices", options->prices,
                  "A cloud price list (Azure Retail Prices API JSON pages, or the AWS EC2 bulk "
                  "CSV), or a folder of them; repeatable: adds the business case (docs/cost.md)");
  cmd->add_option("--explain", options->explain,
                  "With --prices: print how APP's cloud cost was reached, line by line");
  cmd->callback([options, &exit_code] { exit_code = run_plan(*options); });
}

}  // namespace dcexit::cli
