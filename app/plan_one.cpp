// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// One estate of `dcexit plan`: loaded, planned end to end by the library, written.
#include "plan_run.hpp"

#include <dcexit/estate.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

namespace dcexit::cli {

WriteHooks Run::write_hooks() {
  WriteHooks hooks;
  hooks.stop_requested = [] { return stop_requested(); };
  if (hook && hook->after_files > 0) {
    hooks.after_file = [this](std::size_t) {
      if (++files_written == hook->after_files) {
        if (hook->fail) {
          throw std::runtime_error(fmt::format("cannot write the plan: {}", std::strerror(ENOSPC)));
        }
        std::raise(hook->signal);
      }
    };
  }
  return hooks;
}

EstateOptions Run::estate_options() const {
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
  if (!outputs.writes(OutputFormat::html)) {
    o.report.max_graph_apps = 0;  // no report.html: its graph is not laid out
  }
  return o;
}

// Plans estate `i` (its path, loaded and planned end to end) and writes its folder.
EstateResult Run::plan_estate(std::size_t i) {
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
void Run::write_estate(std::size_t i, const EstatePlan& estate, EstateResult& result) {
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
  const std::string label = outputs.batch() ? outputs.folders[i] : (path == "-" ? "<stdin>" : path);
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

}  // namespace dcexit::cli
