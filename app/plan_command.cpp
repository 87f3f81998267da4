// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "commands.hpp"
#include "common.hpp"

#include <dcexit/estate.hpp>
#include <dcexit/report.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <stdexcept>
#include <thread>
#include <unistd.h>

namespace dcexit::cli {

namespace {

// Set by SIGINT or SIGTERM: a batch stops between estates, so that every folder it wrote is
// whole; an estate being written is abandoned and its temporary folder removed.
std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int /*signal*/) {
  g_stop = true;
}

// The exact optimiser's budget is given in nominal seconds and spent in branch-and-bound nodes,
// so that the same inventory gives the same plan on any machine (docs/planning.md).
constexpr std::uint64_t k_nodes_per_second = 200;

struct PlanArgs {
  std::vector<std::string> paths;
  std::string out;
  std::string profile;
  std::optional<Target> target;  // --target
  bool quiet = false;
  std::uint64_t optimise_seconds = 5;
  std::string as_of;     // --as-of DATE, as given
  std::string baseline;  // --baseline OLD/plan.json
  bool require_deadline = false;
  std::vector<std::string> set;       // --set PATH=VALUE
  std::uint32_t simulate = 0;         // --simulate N
  std::uint64_t seed = 1;             // --seed S
  std::vector<std::string> prices;    // --prices FILE|DIR, repeatable
  std::string explain;                // --explain APP: how its cost was reached
  std::vector<std::string> trackers;  // --tracker jira|azure-devops, repeatable
  // Read from them before planning.
  std::optional<PriceList> price_list;
  std::optional<Date> as_of_date;
  std::optional<PlanRecord> baseline_plan;
};

// A test-only hook (docs/security.md), read from DCEXIT_TEST_HOOK: raise a signal, or fail a
// write as a full disk would, after a number of estates or files, so that tests interrupt at a
// counted point instead of after a time. Examples: "signal=INT,after-estates=3",
// "signal=TERM,after-files=2", "signal=KILL,after-files=2", "fail=ENOSPC,after-files=4".
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
    const std::string value(equals == std::string_view::npos ? std::string_view()
                                                             : item.substr(equals + 1));
    if (key == "signal") {
      hook.signal = value == "INT"    ? SIGINT
                    : value == "TERM" ? SIGTERM
                    : value == "KILL" ? SIGKILL
                                      : 0;
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

// What planning one estate produced, kept until it can be printed in input order.
struct EstateResult {
  std::vector<Diagnostic> messages;  // its load diagnostics, warnings and advice, for stderr
  std::string note;                  // for stderr after them: why there is no plan
  std::string summary;               // for stdout
  std::string explanation;           // --explain APP, for stdout
  std::optional<IndexEntry> written;
  std::optional<Diagnostic> failure;  // the folder could not be written
  int exit_code = k_exit_ok;
};

struct Run {
  const PlanArgs& options;
  ProfileSet& profiles;
  PlanOutputs outputs;
  std::optional<TestHook> hook;
  std::atomic<std::size_t> files_written{0};

  WriteHooks write_hooks() {
    WriteHooks hooks;
    hooks.stop_requested = [] { return g_stop.load(); };
    if (hook && hook->after_files > 0) {
      hooks.after_file = [this](std::size_t) {
        if (++files_written == hook->after_files) {
          if (hook->fail) {
            throw std::runtime_error(
                fmt::format("cannot write the plan: {}", std::strerror(ENOSPC)));
          }
          std::raise(hook->signal);
        }
      };
    }
    return hooks;
  }

  EstateOptions estate_options() const {
    EstateOptions o;
    o.plan = optimised(options.optimise_seconds * k_nodes_per_second);
    o.plan.as_of = options.as_of_date;
    o.plan.baseline = options.baseline_plan ? &*options.baseline_plan : nullptr;
    o.simulate = options.simulate;
    o.seed = options.seed;
    o.prices = options.price_list ? &*options.price_list : nullptr;
    for (const std::string& tracker : options.trackers) {
      o.trackers.push_back(tracker == "jira" ? Tracker::jira : Tracker::azure_devops);
    }
    return o;
  }

  // Plans estate `i` (its path, loaded and planned end to end) and writes its folder.
  EstateResult plan_estate(std::size_t i) {
    EstateResult result;
    const std::string& path = options.paths[i];
    DiagnosticSink sink;
    auto inventory = load_estate(path, sink, options.set);
    result.messages = sink.all();
    if (!inventory) {
      result.exit_code = exit_code_of(inventory.error());
      if (inventory.error() == LoadFailure::invalid) {
        result.note = fmt::format("{}: invalid inventory; run 'dcexit validate {}' for details\n",
                                  printable(path == "-" ? "<stdin>" : path), printable(path));
      }
      return result;
    }
    const auto chosen = profiles.get(inventory->estate.target);
    if (!chosen) {
      result.exit_code = chosen.error();
      return result;
    }
    const auto estate = dcexit::plan_estate(*inventory, **chosen, estate_options());
    if (!estate) {
      result.messages.insert(result.messages.end(), estate.error().begin(), estate.error().end());
      result.exit_code = k_exit_invalid;
      return result;
    }
    write_estate(i, *estate, result);
    return result;
  }

  // The --explain text, the folder, the summary line and --require-deadline of a planned estate.
  void write_estate(std::size_t i, const EstatePlan& estate, EstateResult& result) {
    const Inventory& inventory = *estate.plan.inventory;
    const auto messages = estate_messages(estate);
    if (estate.cost && !options.explain.empty()) {
      const auto app = find_application(inventory, options.explain);
      if (!app) {
        result.messages.insert(result.messages.end(), estate.cost->warnings.begin(),
                               estate.cost->warnings.end());
        result.messages.push_back(app.error());
        result.exit_code = k_exit_invalid;
        return;
      }
      result.explanation = terminal_text(explain_cost(*estate.cost, inventory, *app));
    }
    result.messages.insert(result.messages.end(), messages.begin(), messages.end());
    if (auto written = write_plan_folder(outputs, i, estate, write_hooks()); !written) {
      result.failure = written.error();
      return;
    }
    const std::string& path = options.paths[i];
    const std::string label =
        outputs.batch() ? outputs.folders[i] : (path == "-" ? "<stdin>" : path);
    result.written = index_entry(estate, label);
    result.summary = printable(*result.written->summary) + "\n";
    if (options.require_deadline && inventory.estate.deadline &&
        !estate.plan.decommission.deadline_met) {
      result.messages.push_back(Diagnostic::make(
          Severity::error, inventory.where(inventory.estate.location), Code::deadline_missed,
          fmt::format("the plan misses the deadline {} (--require-deadline); the plan is written",
                      inventory.estate.deadline->to_string())));
      result.exit_code = k_exit_invalid;
    }
  }
};

// Shows "planning 3/10 estates" on a terminal, and nothing in CI or when stderr is not one.
class Progress {
 public:
  explicit Progress(std::size_t total, bool quiet)
      : m_total(total),
        m_show(!quiet && total > 1 && ::isatty(::fileno(stderr)) != 0 &&
               std::getenv("CI") == nullptr) {}
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
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < total && !g_stop; i = next++) {
      results[i] = run.plan_estate(i);
      const std::size_t finished = ++done;
      if (run.hook && run.hook->signal != 0 && finished == run.hook->after_estates) {
        std::raise(run.hook->signal);
      }
    }
  };
  const std::size_t workers =
      std::min<std::size_t>(total, std::max(1U, std::min(2U, std::thread::hardware_concurrency())));
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
  return results;
}

// Prints every estate's diagnostics and summary in input order; writes the batch's index.
int report_and_index(Run& run, const std::vector<EstateResult>& results) {
  int exit_code = k_exit_ok;
  std::vector<IndexEntry> entries;
  std::vector<std::string> failed;
  std::size_t written = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const EstateResult& r = results[i];
    print_diagnostics(r.messages, run.options.quiet);
    std::fputs(r.note.c_str(), stderr);
    if (!run.options.quiet) {
      std::fputs(r.summary.c_str(), stdout);
    }
    std::fputs(r.explanation.c_str(), stdout);
    if (r.failure && r.failure->code != Code::interrupted) {
      print_diagnostic(*r.failure);
      exit_code = std::max(exit_code, static_cast<int>(k_exit_usage));
    } else if (r.written) {
      ++written;
      entries.push_back(*r.written);
      if (r.exit_code != k_exit_ok) {  // written, but --require-deadline fails it
        exit_code = std::max(exit_code, r.exit_code);
      }
    } else if (r.exit_code != k_exit_ok) {
      exit_code = std::max(exit_code, r.exit_code);
      failed.push_back(printable(run.options.paths[i]));
      entries.push_back(
          IndexEntry{run.options.paths[i], {}, std::nullopt, 0, 0, std::nullopt, std::nullopt});
    }
  }
  if (g_stop) {
    print_diagnostic(Diagnostic::make(
        Severity::error, {}, Code::interrupted,
        run.outputs.batch()
            ? fmt::format("interrupted: {} of {} estates planned, each whole; no index written",
                          written, run.options.paths.size())
            : std::string(written == 1 ? "interrupted: the plan was written whole"
                                       : "interrupted: nothing written")));
    return k_exit_usage;
  }
  if (exit_code == k_exit_usage) {
    return exit_code;  // an output failed: no index over a folder that may be wrong
  }
  if (run.outputs.batch()) {
    if (auto index = write_batch_index(run.outputs, entries, run.write_hooks()); !index) {
      print_diagnostic(index.error());
      return k_exit_usage;
    }
    if (!failed.empty()) {
      fmt::print(stderr, "dcexit: {} of {} estates planned; no plan for: {}\n", written,
                 run.options.paths.size(), fmt::join(failed, ", "));
    }
  }
  return exit_code;
}

int run_plan(const PlanArgs& options) {
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
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
  if (!args.as_of.empty()) {
    args.as_of_date = Date::parse(args.as_of);
    if (!args.as_of_date) {
      print_diagnostic(Diagnostic::make(
          Severity::error, {}, Code::usage,
          fmt::format("--as-of: '{}' is not a date (YYYY-MM-DD)", printable(args.as_of))));
      return k_exit_usage;
    }
  }
  if (!args.baseline.empty()) {
    if (args.paths.size() != 1) {
      print_diagnostic(Diagnostic::make(Severity::error, {}, Code::usage,
                                        "--baseline is the plan of one estate: give one PATH"));
      return k_exit_usage;
    }
    DiagnosticSink baseline_sink;
    auto record = read_plan_record(args.baseline, baseline_sink);
    baseline_sink.sort();
    print_diagnostics(baseline_sink.all());
    if (!record) {
      return k_exit_usage;
    }
    args.baseline_plan = std::move(*record);
  }
  if (!args.explain.empty() && args.prices.empty()) {
    print_diagnostic(Diagnostic::make(Severity::error, {}, Code::usage,
                                      "--explain APP shows how an app's cost was reached: give "
                                      "--prices too (dcexit assess --explain explains its score)"));
    return k_exit_usage;
  }
  if (!args.prices.empty()) {
    DiagnosticSink price_sink;
    auto list = load_price_lists(args.prices, (*profile)->cost, price_sink);
    price_sink.sort();
    print_diagnostics(price_sink.all());
    if (!list) {
      return exit_code_of(list.error());
    }
    args.price_list = std::move(*list);
  }
  auto outputs = prepare_plan_outputs(args.out, args.paths);
  if (!outputs) {
    print_diagnostic(outputs.error());
    return k_exit_usage;
  }
  Run run{args, profiles, std::move(*outputs), test_hook(), {}};
  return report_and_index(run, plan_all(run));
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
  cmd->add_option("--prices", options->prices,
                  "A cloud price list (Azure Retail Prices API JSON pages, or the AWS EC2 bulk "
                  "CSV), or a folder of them; repeatable: adds the business case (docs/cost.md)");
  cmd->add_option("--explain", options->explain,
                  "With --prices: print how APP's cloud cost was reached, line by line");
  cmd->callback([options, &exit_code] { exit_code = run_plan(*options); });
}

}  // namespace dcexit::cli
