// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "commands.hpp"
#include "common.hpp"

#include <dcexit/assessment_report.hpp>
#include <dcexit/output_files.hpp>
#include <dcexit/plan.hpp>
#include <dcexit/plan_report.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <memory>
#include <set>

namespace dcexit::cli {

namespace {

namespace fs = std::filesystem;

struct PlanOptions {
  std::vector<std::string> paths;
  std::string out;
  std::string profile;
  bool quiet = false;
};

// The name of an estate's folder in a batch, per the contract: its file or directory name
// ("harrow.yaml", "estate-dir"); "stdin" for "-"; "-2", "-3" appended to repeats.
std::string estate_name(const std::string& path, std::set<std::string>& taken) {
  const fs::path normal = fs::path(path).lexically_normal();
  std::string name = path == "-" ? "stdin" : normal.filename().string();
  if (name.empty() || name == "." || name == "..") {
    name = fs::absolute(normal).parent_path().filename().string();
  }
  std::string unique = name;
  for (int n = 2; !taken.insert(unique).second; ++n) {
    unique = fmt::format("{}-{}", name, n);
  }
  return unique;
}

// Refuses to write into the directory an inventory is read from, or over an input file.
void check_output_dir(const fs::path& out, const std::vector<std::string>& paths) {
  std::error_code ec;
  const fs::path target = fs::weakly_canonical(out, ec);
  for (const std::string& path : paths) {
    if (path == "-") {
      continue;
    }
    const fs::path input = fs::weakly_canonical(path, ec);
    const fs::path home = fs::is_directory(input) ? input : input.parent_path();
    if (target == home || target == input) {
      throw OutputError(fmt::format("refusing to write the plan into '{}', where the inventory "
                                    "'{}' lives; choose another --out",
                                    out.string(), path));
    }
  }
}

struct Written {
  std::string name;
  std::string summary;
  bool deadline_met = false;
};

Written write_plan(const Plan& plan, const fs::path& dir, const std::string& label) {
  ensure_directory(dir);
  const Inventory& inv = *plan.inventory;
  write_file_atomic(dir / "plan.json", render_plan_json(plan));
  write_file_atomic(dir / "plan.md", render_plan_markdown(plan));
  write_file_atomic(dir / "waves.csv", render_waves_csv(plan));
  write_file_atomic(dir / "decommission.csv", render_decommission_csv(plan));
  write_file_atomic(dir / "assessment.csv",
                    render_assessment(inv, plan.assessment, *plan.profile, AssessmentFormat::csv));
  return {label, plan_summary_line(plan, label), plan.decommission.deadline_met};
}

void write_index(const fs::path& out, const std::vector<Written>& estates,
                 const std::vector<std::string>& failed) {
  std::string md = "# Exit plans\n\n| estate | plan |\n|---|---|\n";
  std::string json = "{\"schema\": \"dcexit-index/v1\", \"estates\": [";
  for (std::size_t i = 0; i < estates.size(); ++i) {
    md += fmt::format("| [{}]({}/plan.md) | {} |\n", estates[i].name, estates[i].name, estates[i].summary);
    json += fmt::format("{}\n  {{\"name\": \"{}\", \"plan\": \"{}/plan.json\", \"deadline_met\": {}}}",
                        i == 0 ? "" : ",", estates[i].name, estates[i].name,
                        estates[i].deadline_met ? "true" : "false");
  }
  json += "],\n \"failed\": [";
  for (std::size_t i = 0; i < failed.size(); ++i) {
    md += fmt::format("| {} | invalid inventory: no plan |\n", failed[i]);
    json += fmt::format("{}\"{}\"", i == 0 ? "" : ", ", failed[i]);
  }
  json += "]}\n";
  write_file_atomic(out / "index.md", md);
  write_file_atomic(out / "index.json", json);
}

int run_plan(const PlanOptions& options) {
  int exit_code = k_exit_ok;
  const auto profile = load_profile_option(options.profile, exit_code);
  if (!profile) {
    return exit_code;
  }
  const fs::path out(options.out);
  try {
    check_output_dir(out, options.paths);
    const bool batch = options.paths.size() > 1;
    std::set<std::string> taken;
    std::vector<Written> written;
    std::vector<std::string> failed;
    for (const std::string& path : options.paths) {
      const std::string name = batch ? estate_name(path, taken) : std::string();
      int estate_code = k_exit_ok;
      const auto inventory = load_for_command(path, estate_code);
      if (!inventory) {
        exit_code = std::max(exit_code, estate_code);
        failed.push_back(path);
        continue;
      }
      const Plan plan = make_plan(*inventory, *profile);
      for (const std::string& warning : plan.warnings) {
        fmt::print(stderr, "{}: warning: {}\n", path == "-" ? "<stdin>" : path, warning);
      }
      const std::string label = batch ? name : (path == "-" ? "<stdin>" : path);
      written.push_back(write_plan(plan, batch ? out / name : out, label));
      if (!options.quiet) {
        fmt::print("{}\n", written.back().summary);
        for (const std::string& advice : plan.advice) {
          fmt::print("  {}\n", advice);
        }
      }
    }
    if (batch) {
      ensure_directory(out);
      write_index(out, written, failed);
      if (!failed.empty()) {
        fmt::print(stderr, "dcexit: {} of {} estates planned; no plan for: {}\n", written.size(),
                   options.paths.size(), fmt::join(failed, ", "));
      }
    }
  } catch (const OutputError& e) {
    fmt::print(stderr, "dcexit: error: {}\n", e.what());
    return k_exit_usage;
  }
  return exit_code;
}

}  // namespace

void add_plan_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<PlanOptions>();
  CLI::App* cmd = app.add_subcommand(
      "plan", "Plan waves and the decommission timeline; write plan.json, plan.md and CSVs to DIR");
  cmd->add_option("PATH", options->paths,
                  "Inventory file, directory, or - for stdin; several make a batch")
      ->required();
  cmd->add_option("-o,--out", options->out, "Output directory (one folder per estate in a batch)")
      ->required();
  cmd->add_option("--profile", options->profile, "Scoring profile overriding the built-in one");
  cmd->add_flag("-q,--quiet", options->quiet, "Print nothing but errors");
  cmd->callback([options, &exit_code] { exit_code = run_plan(*options); });
}

}  // namespace dcexit::cli
