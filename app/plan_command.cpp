// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "commands.hpp"
#include "common.hpp"

#include <dcexit/assessment_report.hpp>
#include <dcexit/batch_index.hpp>
#include <dcexit/html_report.hpp>
#include <dcexit/output_files.hpp>
#include <dcexit/plan.hpp>
#include <dcexit/plan_report.hpp>
#include <dcexit/text.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <set>
#include <thread>

#include <unistd.h>

namespace dcexit::cli {

namespace {

namespace fs = std::filesystem;

// Set by SIGINT or SIGTERM: a batch stops between estates, so that every folder it wrote is
// whole; an estate being written is abandoned and its temporary folder removed.
std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int /*signal*/) { g_stop = true; }

struct PlanOptions {
  std::vector<std::string> paths;
  std::string out;
  std::string profile;
  bool quiet = false;
};

// Names dcexit writes into a batch's folder itself; no estate folder may take them.
const std::vector<std::string> k_index_files = {"index.md", "index.json", "index.html"};

// A test-only hook (docs/security.md), read from DCEXIT_TEST_HOOK: raise a signal, or fail a
// write as a full disk would, after a number of estates or files, so that tests interrupt at a
// counted point instead of after a time. Examples: "signal=INT,after-estates=3",
// "signal=TERM,after-files=2", "fail=ENOSPC,after-files=4".
struct TestHook {
  int signal = 0;
  bool fail = false;
  std::size_t after_estates = 0;
  std::size_t after_files = 0;
};

std::optional<TestHook> test_hook() {
  const char* text = std::getenv("DCEXIT_TEST_HOOK");
  if (text == nullptr || *text == '\0') {
    return std::nullopt;
  }
  TestHook hook;
  std::string_view rest(text);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const auto equals = item.find('=');
    const std::string_view key = item.substr(0, equals);
    const std::string value(equals == std::string_view::npos ? std::string_view() : item.substr(equals + 1));
    if (key == "signal") {
      hook.signal = value == "INT" ? SIGINT : value == "TERM" ? SIGTERM : value == "KILL" ? SIGKILL : 0;
    } else if (key == "fail") {
      hook.fail = value == "ENOSPC";
    } else if (key == "after-estates") {
      hook.after_estates = std::strtoul(value.c_str(), nullptr, 10);
    } else if (key == "after-files") {
      hook.after_files = std::strtoul(value.c_str(), nullptr, 10);
    }
  }
  return hook;
}

// The name of an estate's folder in a batch, per the contract: its file or directory name
// ("harrow.yaml", "estate-dir"); "stdin" for "-"; "-2", "-3" appended to repeats and to names
// dcexit keeps for itself (index.html, .dcexit).
std::string estate_name(const std::string& path, std::set<std::string>& taken) {
  std::string name = "stdin";
  if (path != "-") {
    fs::path normal = fs::absolute(path).lexically_normal();
    if (normal.filename().empty() && normal.has_parent_path()) {
      normal = normal.parent_path();  // a trailing separator
    }
    std::error_code ec;
    name = fs::weakly_canonical(normal, ec).filename().string();
    if (!normal.filename().empty() && normal.filename() != "..") {
      name = normal.filename().string();  // the name as given, a symbolic link's own
    }
    if (name.empty() || name == "." || name == "..") {
      name = "estate";  // the root directory
    }
  }
  std::string unique = name;
  for (int n = 2; !taken.insert(unique).second; ++n) {
    unique = fmt::format("{}-{}", name, n);
  }
  return unique;
}

// Whether `outer` is `inner` or a folder holding it (both canonical).
bool holds(const fs::path& outer, const fs::path& inner) {
  const auto [end, rest] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return end == outer.end();
}

// Refuses, before anything is planned or written, an output that is or holds an input, and
// any collision with something dcexit did not write (exit 2, naming the path).
void check_outputs(const fs::path& out, const std::vector<std::string>& names,
                   const std::vector<std::string>& paths) {
  std::error_code ec;
  std::vector<std::pair<fs::path, std::string>> inputs;
  for (const std::string& path : paths) {
    if (path != "-") {
      inputs.emplace_back(fs::weakly_canonical(path, ec), path);
    }
  }
  const auto check_target = [&](const fs::path& target) {
    const fs::path canonical = fs::weakly_canonical(target, ec);
    for (const auto& [input, given] : inputs) {
      if (holds(canonical, input)) {
        throw OutputError(fmt::format("refusing to write the plan into '{}', where the inventory "
                                      "'{}' lives; choose another --out",
                                      printable(target.string()), printable(given)));
      }
    }
    check_replaceable(target);
  };
  if (names.empty()) {
    check_target(out);
    return;
  }
  if (fs::exists(out, ec) && !fs::is_directory(out, ec)) {
    throw OutputError(fmt::format("cannot create output directory '{}': a file of that name is in the way",
                                  printable(out.string())));
  }
  for (const std::string& name : names) {
    check_target(out / name);
  }
  check_owned_files(out, k_index_files);
}

std::vector<OutputFile> plan_files(const Plan& plan) {
  return {{"plan.json", render_plan_json(plan)},
          {"plan.md", render_plan_markdown(plan)},
          {"waves.csv", render_waves_csv(plan)},
          {"decommission.csv", render_decommission_csv(plan)},
          {"assessment.csv", render_assessment(*plan.inventory, plan.assessment, *plan.profile,
                                               AssessmentFormat::csv)},
          {"report.html", render_report_html(plan)}};
}

// What planning one estate produced, kept until it can be printed in input order.
struct EstateResult {
  std::string messages;  // diagnostics and warnings, for stderr
  std::string summary;   // for stdout
  std::optional<IndexEntry> written;
  int exit_code = k_exit_ok;
};

struct Run {
  const PlanOptions& options;
  const ScoringProfile& profile;
  fs::path out;
  std::vector<std::string> names;  // folder per estate in a batch; empty for one estate
  std::optional<TestHook> hook;
  std::atomic<std::size_t> files_written{0};

  [[nodiscard]] bool batch() const { return !names.empty(); }

  OutputHooks output_hooks() {
    OutputHooks hooks;
    hooks.stop_requested = [] { return g_stop.load(); };
    if (hook && hook->after_files > 0) {
      hooks.after_file = [this](std::size_t) {
        if (++files_written == hook->after_files) {
          if (hook->fail) {
            throw OutputError(fmt::format("cannot write the plan: {}", std::strerror(ENOSPC)));
          }
          std::raise(hook->signal);
        }
      };
    }
    return hooks;
  }

  EstateResult plan_estate(std::size_t i) {
    EstateResult result;
    const std::string& path = options.paths[i];
    const auto inventory = load_quietly(path, result.exit_code, result.messages);
    if (!inventory) {
      return result;
    }
    const auto plan = make_plan(*inventory, profile);
    if (!plan) {
      result.messages += format_text(plan.error()) + "\n";
      result.exit_code = k_exit_invalid;
      return result;
    }
    const std::string given = path == "-" ? "<stdin>" : path;
    const std::string label = batch() ? names[i] : given;
    if (!options.quiet) {
      for (const std::string& warning : plan->warnings) {
        result.messages += fmt::format("{}: warning: {}\n", printable(given), printable(warning));
      }
    }
    write_folder(batch() ? out / names[i] : out, plan_files(*plan), output_hooks());
    result.written = index_entry(*plan, label);
    if (!options.quiet) {
      result.summary = printable(*result.written->summary) + "\n";
      for (const std::string& advice : plan->advice) {
        result.summary += "  " + printable(advice) + "\n";
      }
    }
    return result;
  }
};

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

// Plans every estate, on up to two threads; results in input order.
std::vector<EstateResult> plan_all(Run& run) {
  const std::size_t total = run.options.paths.size();
  std::vector<EstateResult> results(total);
  std::vector<std::exception_ptr> failures(total);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < total && !g_stop; i = next++) {
      try {
        results[i] = run.plan_estate(i);
      } catch (const OutputInterrupted&) {
        // Stopped by a signal: nothing of this estate was left behind.
      } catch (...) {
        failures[i] = std::current_exception();
      }
      const std::size_t finished = ++done;
      if (run.hook && run.hook->signal != 0 && finished == run.hook->after_estates) {
        std::raise(run.hook->signal);
      }
    }
  };
  const std::size_t workers = std::min<std::size_t>(total, std::max(1U, std::min(2U, std::thread::hardware_concurrency())));
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < workers; ++w) {
    threads.emplace_back(work);
  }
  const Progress progress(total, run.options.quiet);
  std::thread watcher;
  if (total > 1) {
    watcher = std::thread([&] {
      while (done < total && !g_stop) {
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
  for (std::size_t i = 0; i < total; ++i) {
    if (failures[i]) {
      std::rethrow_exception(failures[i]);
    }
  }
  return results;
}

int report_and_index(Run& run, const std::vector<EstateResult>& results) {
  int exit_code = k_exit_ok;
  std::vector<IndexEntry> entries;
  std::vector<std::string> folders;
  std::vector<std::string> failed;
  std::size_t written = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const EstateResult& r = results[i];
    std::fputs(r.messages.c_str(), stderr);
    std::fputs(r.summary.c_str(), stdout);
    if (r.written) {
      ++written;
      entries.push_back(*r.written);
      folders.push_back(run.batch() ? run.names[i] + "/" : std::string());
    } else if (r.exit_code != k_exit_ok) {
      exit_code = std::max(exit_code, r.exit_code);
      failed.push_back(run.options.paths[i]);
      entries.push_back(IndexEntry{run.options.paths[i], {}, std::nullopt, 0, 0, std::nullopt, std::nullopt});
    }
  }
  if (g_stop && !run.batch()) {
    fmt::print(stderr, "dcexit: interrupted: {}\n",
               written == 1 ? "the plan was written whole" : "nothing written");
    return k_exit_usage;
  }
  if (g_stop) {
    fmt::print(stderr, "dcexit: interrupted: {} of {} estates planned, each whole; no index written\n",
               written, run.options.paths.size());
    return k_exit_usage;
  }
  if (run.batch()) {
    write_owned_files(run.out,
                      {{"index.md", render_index_markdown(entries)},
                       {"index.json", render_index_json(entries)},
                       {"index.html", render_index_html(entries)}},
                      folders);
    if (!failed.empty()) {
      std::vector<std::string> shown;
      for (const std::string& f : failed) {
        shown.push_back(printable(f));
      }
      fmt::print(stderr, "dcexit: {} of {} estates planned; no plan for: {}\n", written,
                 run.options.paths.size(), fmt::join(shown, ", "));
    }
  }
  return exit_code;
}

int run_plan(const PlanOptions& options) {
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  if (!stdin_at_most_once(options.paths)) {
    return k_exit_usage;
  }
  int exit_code = k_exit_ok;
  const auto profile = load_profile_option(options.profile, exit_code);
  if (!profile) {
    return exit_code;
  }
  Run run{options, *profile, fs::path(options.out), {}, test_hook(), {}};
  try {
    if (options.paths.size() > 1) {
      std::set<std::string> taken(k_index_files.begin(), k_index_files.end());
      taken.insert(std::string(k_marker_name));
      for (const std::string& path : options.paths) {
        run.names.push_back(estate_name(path, taken));
      }
    }
    check_outputs(run.out, run.names, options.paths);
    const std::vector<EstateResult> results = plan_all(run);
    return std::max(exit_code, report_and_index(run, results));
  } catch (const OutputError& e) {
    fmt::print(stderr, "dcexit: error: {}\n", e.what());
    return k_exit_usage;
  }
}

}  // namespace

void add_plan_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<PlanOptions>();
  CLI::App* cmd = app.add_subcommand(
      "plan", "Plan waves and the decommission timeline; write plan.json, plan.md and CSVs to DIR");
  cmd->add_option("PATH", options->paths,
                  "Inventory file, directory, or - for stdin (once); several make a batch")
      ->required();
  cmd->add_option("-o,--out", options->out,
                  "Output directory, created with its parents (one folder per estate in a batch)")
      ->required();
  cmd->add_option("--profile", options->profile, "Scoring profile overriding the built-in one");
  cmd->add_flag("-q,--quiet", options->quiet, "Print nothing but errors");
  cmd->callback([options, &exit_code] { exit_code = run_plan(*options); });
}

}  // namespace dcexit::cli
