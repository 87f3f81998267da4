// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Any bytes through validate -> plan_estate (assess, plan, risk) -> every report. A valid inventory
// must give a plan that keeps every contract invariant (checked from its plan.json), with and
// without the optimiser; anything else traps.
#include "load/inventory_builder.hpp"
#include "plan_checker.hpp"

#include <dcexit/diagnostic.hpp>
#include <dcexit/estate.hpp>
#include <dcexit/load.hpp>
#include <dcexit/plan.hpp>
#include <dcexit/report.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dcexit;
  DiagnosticSink sink;
  InventoryBuilder builder("fuzz", sink);
  builder.add_file("fuzz.yaml", std::string_view(reinterpret_cast<const char*>(data), size));
  const Inventory inventory = builder.finish();
  if (sink.has_errors()) {
    return 0;
  }
  EstateOptions options;
  options.report.max_graph_apps = 0;  // no Graphviz process per input
  const auto planned = plan_estate(inventory, default_profile(), options);
  if (!planned) {
    return 0;  // no plan fits the calendar: a diagnostic, not a crash
  }
  const EstatePlan& estate = *planned;
  const Plan& plan = estate.plan;
  const std::string json = render_plan_json(estate);
  (void)render_plan_markdown(estate);
  (void)render_waves_csv(estate);
  (void)render_decommission_csv(estate);
  (void)render_connectivity_csv(estate);
  for (auto format : {AssessmentFormat::table, AssessmentFormat::csv, AssessmentFormat::json,
                      AssessmentFormat::markdown}) {
    (void)render_assessment(inventory, plan.assessment, default_profile(), format);
  }
  const GraphAnalysis analysis =
      analyse_graph(inventory, plan.graph, assessed_strategies(plan.assessment));
  for (auto format :
       {GraphFormat::text, GraphFormat::dot, GraphFormat::mermaid, GraphFormat::json}) {
    (void)render_graph(inventory, plan.graph, analysis, format);
  }
  const auto violations = test::check_plan(inventory, nlohmann::json::parse(json));
  if (!violations.empty()) {
    std::fprintf(stderr, "plan broke an invariant: %s\n", violations.front().c_str());
    __builtin_trap();
  }
  // The same estate through local search and the exact optimiser (a small node budget): every
  // invariant still kept, and never more waves than list scheduling gave.
  constexpr std::uint64_t k_fuzz_nodes = 20;
  EstateOptions budget = options;
  budget.plan = optimised(k_fuzz_nodes);
  const auto tuned = plan_estate(inventory, default_profile(), budget);
  if (tuned) {
    const auto broken =
        test::check_plan(inventory, nlohmann::json::parse(render_plan_json(*tuned)));
    if (!broken.empty() || tuned->plan.waves.waves.size() > plan.waves.waves.size()) {
      std::fprintf(stderr, "the optimised plan broke an invariant or added a wave: %s\n",
                   broken.empty() ? "more waves" : broken.front().c_str());
      __builtin_trap();
    }
  }
  // A programme in flight: as of the third wave, against the first plan as its baseline, with
  // a few simulated runs; invariants 15 and 16 kept.
  const Date as_of = inventory.estate.start.plus_days(2 * inventory.policy.wave.length_days);
  DiagnosticSink progress;
  check_progress_as_of(inventory, as_of, progress);
  DiagnosticSink read;
  const auto baseline = read_plan_record_text("plan.json", json, read);
  if (progress.has_errors() || !baseline) {
    return 0;
  }
  EstateOptions in_flight = options;
  in_flight.plan.as_of = as_of;
  const auto fresh = plan_estate(inventory, default_profile(), in_flight);
  in_flight.plan.baseline = &*baseline;
  in_flight.simulate = 3;
  const auto again = plan_estate(inventory, default_profile(), in_flight);
  if (fresh && again) {
    const auto out = nlohmann::json::parse(render_plan_json(*again));
    auto broken = test::check_plan(inventory, out);
    const auto churn = test::check_baseline(out, nlohmann::json::parse(json),
                                            nlohmann::json::parse(render_plan_json(*fresh)));
    broken.insert(broken.end(), churn.begin(), churn.end());
    if (!broken.empty()) {
      std::fprintf(stderr, "the plan in flight broke an invariant: %s\n", broken.front().c_str());
      __builtin_trap();
    }
  }
  return 0;
}
