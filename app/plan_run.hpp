// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// What `dcexit plan` was asked, shared by its files: plan_command.cpp reads the options,
// plan_batch.cpp plans the estates and writes them, plan_inputs.cpp reads its inputs and the test
// hook.
#pragma once

#include "commands.hpp"
#include "common.hpp"

#include <dcexit/estate.hpp>
#include <dcexit/load.hpp>
#include <dcexit/report.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dcexit::cli {

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
  std::vector<std::string> formats;   // --formats json,md,csv,html,xlsx (default: all)
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

// Reads what the options name before anything is planned (--as-of, --baseline, --prices, the
// latter with `profile`'s sizes), printing their diagnostics; the exit code (k_exit_ok: read).
int read_plan_inputs(PlanArgs& args, const ScoringProfile& profile);

// The hook DCEXIT_TEST_HOOK sets, if it is set.
std::optional<TestHook> test_hook();

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

// What a plan run shares between its threads: the options, the profiles, where it writes.
struct Run {
  const PlanArgs& options;
  ProfileSet& profiles;
  PlanOutputs outputs;
  std::optional<TestHook> hook;
  std::atomic<std::size_t> files_written{0};

  // The write's hooks: a stop signal abandons it; the test hook fails it or raises a signal.
  WriteHooks write_hooks();
  // What the library is asked for each estate.
  [[nodiscard]] EstateOptions estate_options() const;
  // Plans estate `i` (its path, loaded and planned end to end) and writes its folder.
  EstateResult plan_estate(std::size_t i);
  // The --explain text, the folder, the summary line and --require-deadline of a planned estate.
  void write_estate(std::size_t i, const EstatePlan& estate, EstateResult& result);
};

// From now on SIGINT and SIGTERM ask the run to stop (stop_requested) instead of ending it.
void watch_stop_signals();
// True once SIGINT or SIGTERM has been received since watch_stop_signals.
bool stop_requested();

// Plans every estate of `options` (on up to two threads), writes each folder and a batch's
// index, prints their diagnostics and summaries in input order; the exit code. A stop signal
// (watch_stop_signals) stops it between estates.
int plan_estates(const PlanArgs& options, ProfileSet& profiles, PlanOutputs outputs);

}  // namespace dcexit::cli
