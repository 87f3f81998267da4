// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Any bytes through validate -> assess -> plan -> every report. A valid inventory must give a
// plan that keeps every contract invariant (checked from its plan.json), with and without the
// optimiser; anything else traps.
#include "load/inventory_builder.hpp"
#include "plan_checker.hpp"

#include <dcexit/diagnostic.hpp>
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
  const auto planned = make_plan(inventory, default_profile());
  if (!planned) {
    return 0;  // no plan fits the calendar: a diagnostic, not a crash
  }
  const Plan& plan = *planned;
  const std::string json = render_plan_json(plan);
  (void)render_plan_markdown(plan);
  (void)render_waves_csv(plan);
  (void)render_decommission_csv(plan);
  (void)render_connectivity_csv(plan);
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
  const auto optimised = make_plan(inventory, default_profile(), optimised(k_fuzz_nodes));
  if (optimised) {
    const auto broken =
        test::check_plan(inventory, nlohmann::json::parse(render_plan_json(*optimised)));
    if (!broken.empty() || optimised->waves.waves.size() > plan.waves.waves.size()) {
      std::fprintf(stderr, "the optimised plan broke an invariant or added a wave: %s\n",
                   broken.empty() ? "more waves" : broken.front().c_str());
      __builtin_trap();
    }
  }
  return 0;
}
