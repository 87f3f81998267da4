// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "commands.hpp"
#include "common.hpp"

#include <dcexit/assessment_report.hpp>
#include <dcexit/html_report.hpp>
#include <dcexit/json_writer.hpp>
#include <dcexit/output_files.hpp>
#include <dcexit/plan.hpp>
#include <dcexit/plan_report.hpp>
#include <dcexit/text.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <thread>

#include <unistd.h>
#include <csignal>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

namespace dcexit::cli {

namespace {

namespace fs = std::filesystem;

// Set by SIGINT: a batch stops between estates, so that every folder it wrote is whole.
std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int /*signal*/) { g_interrupted = true; }

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

std::vector<std::pair<std::string, std::string>> plan_files(const Plan& plan) {
  return {{"plan.json", render_plan_json(plan)},
          {"plan.md", render_plan_markdown(plan)},
          {"waves.csv", render_waves_csv(plan)},
          {"decommission.csv", render_decommission_csv(plan)},
          {"assessment.csv", render_assessment(*plan.inventory, plan.assessment, *plan.profile,
                                               AssessmentFormat::csv)},
          {"report.html", render_report_html(plan)}};
}

// One estate: its files straight into DIR, each whole; in a batch, its folder whole. Returns
// the estate's line of the batch index.
IndexEntry write_plan(const Plan& plan, const fs::path& dir, const std::string& label, bool batch) {
  const auto files = plan_files(plan);
  if (batch) {
    write_directory_atomic(dir, files);
  } else {
    ensure_directory(dir);
    for (const auto& [name, content] : files) {
      write_file_atomic(dir / name, content);
    }
  }
  return {label, plan.inventory->estate.name, plan_summary_line(plan, label),
          plan.inventory->applications.size(), plan.waves.waves.size(),
          plan.decommission.exit_date, plan.decommission.deadline_met};
}

void write_index(const fs::path& out, const std::vector<IndexEntry>& estates,
                 const std::vector<std::string>& failed) {
  std::string md = "# Exit plans\n\n| estate | plan |\n|---|---|\n";
  std::string json = "{\"schema\": \"dcexit-index/v1\", \"estates\": [";
  for (std::size_t i = 0; i < estates.size(); ++i) {
    const std::string& name = estates[i].name;
    md += fmt::format("| [{}]({}/plan.md) | {} |\n", markdown_cell(name), markdown_cell(name),
                      markdown_cell(*estates[i].summary));
    json += i == 0 ? "\n  {\"name\": " : ",\n  {\"name\": ";
    append_json_string(json, name);
    json += ", \"plan\": ";
    append_json_string(json, name + "/plan.json");
    json += fmt::format(", \"deadline_met\": {}}}", estates[i].deadline_met ? "true" : "false");
  }
  json += "],\n \"failed\": [";
  for (std::size_t i = 0; i < failed.size(); ++i) {
    md += fmt::format("| {} | invalid inventory: no plan |\n", markdown_cell(failed[i]));
    json += i == 0 ? "" : ", ";
    append_json_string(json, failed[i]);
  }
  json += "]}\n";
  std::vector<IndexEntry> entries = estates;
  for (const std::string& f : failed) {
    entries.push_back(IndexEntry{f, {}, std::nullopt, 0, 0, std::nullopt, false});
  }
  write_file_atomic(out / "index.md", md);
  write_file_atomic(out / "index.json", json);
  write_file_atomic(out / "index.html", render_index_html(entries));
}

// What planning one estate produced, kept until it can be printed in input order.
struct EstateResult {
  std::string messages;  // diagnostics and warnings, for stderr
  std::string summary;   // for stdout
  std::optional<IndexEntry> written;
  int exit_code = k_exit_ok;
};

EstateResult plan_estate(const std::string& path, const ScoringProfile& profile, const fs::path& dir,
                         const std::string& label, bool batch, bool quiet) {
  EstateResult result;
  const auto inventory = load_quietly(path, result.exit_code, result.messages);
  if (!inventory) {
    return result;
  }
  const Plan plan = make_plan(*inventory, profile);
  for (const std::string& warning : plan.warnings) {
    if (!quiet) {
      result.messages += fmt::format("{}: warning: {}\n", path == "-" ? "<stdin>" : path, warning);
    }
  }
  result.written = write_plan(plan, dir, label, batch);
  if (!quiet) {
    result.summary = *result.written->summary + "\n";
    for (const std::string& advice : plan.advice) {
      result.summary += "  " + advice + "\n";
    }
  }
  return result;
}

// Shows "planning 3/10 estates" on a terminal, and nothing in CI or when stderr is not one.
class Progress {
public:
  explicit Progress(std::size_t total, bool quiet)
      : m_total(total), m_show(!quiet && total > 1 && ::isatty(::fileno(stderr)) != 0 && std::getenv("CI") == nullptr) {}
  void update(std::size_t done) const {
    if (m_show) {
      fmt::print(stderr, "\rdcexit: planning {}/{} estates", done, m_total);
      std::fflush(stderr);
    }
  }
  void finish() const {
    if (m_show) {
      fmt::print(stderr, "\r\033[K");
    }
  }

private:
  std::size_t m_total;
  bool m_show;
};

int run_plan(const PlanOptions& options) {
  std::signal(SIGINT, on_interrupt);
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
    std::vector<std::string> names;
    for (const std::string& path : options.paths) {
      names.push_back(batch ? estate_name(path, taken) : std::string());
    }
    if (batch) {
      ensure_directory(out);
    }
    // Estates are planned on every core; results are printed in input order.
    std::vector<EstateResult> results(options.paths.size());
    std::vector<std::exception_ptr> failures(options.paths.size());
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    const auto work = [&] {
      for (std::size_t i = next++; i < options.paths.size() && !g_interrupted; i = next++) {
        try {
          const std::string& path = options.paths[i];
          const std::string label = batch ? names[i] : (path == "-" ? "<stdin>" : path);
          results[i] = plan_estate(path, *profile, batch ? out / names[i] : out, label, batch, options.quiet);
        } catch (...) {
          failures[i] = std::current_exception();
        }
        ++done;
      }
    };
    const std::size_t workers = std::min<std::size_t>(
        options.paths.size(), std::max(1U, std::min(2U, std::thread::hardware_concurrency())));
    std::vector<std::thread> threads;
    for (std::size_t w = 1; w < workers; ++w) {
      threads.emplace_back(work);
    }
    const Progress progress(options.paths.size(), options.quiet);
    std::thread watcher;
    if (workers > 1 || options.paths.size() > 1) {
      watcher = std::thread([&] {
        while (done < options.paths.size() && !g_interrupted) {
          progress.update(done);
          std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
      });
    }
    work();
    for (std::thread& t : threads) {
      t.join();
    }
    if (watcher.joinable()) {
      watcher.join();
    }
    progress.finish();
    std::vector<IndexEntry> written;
    std::vector<std::string> failed;
    for (std::size_t i = 0; i < options.paths.size(); ++i) {
      if (failures[i]) {
        std::rethrow_exception(failures[i]);
      }
      const EstateResult& r = results[i];
      std::fputs(r.messages.c_str(), stderr);
      std::fputs(r.summary.c_str(), stdout);
      if (r.written) {
        written.push_back(*r.written);
      } else if (r.exit_code != k_exit_ok) {
        exit_code = std::max(exit_code, r.exit_code);
        failed.push_back(options.paths[i]);
      }
    }
    if (g_interrupted) {
      fmt::print(stderr, "dcexit: interrupted: {} of {} estates planned, each whole; no index written\n",
                 written.size(), options.paths.size());
      return k_exit_usage;
    }
    if (batch) {
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
