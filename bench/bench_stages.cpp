// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Times each stage after loading one estate (graph analyses, assessment), load excluded:
// `dcexit_bench_stages FILE.yaml`.
#include <dcexit/assess.hpp>
#include <dcexit/diagnostic.hpp>
#include <dcexit/estate.hpp>
#include <dcexit/graph.hpp>
#include <dcexit/load.hpp>
#include <dcexit/plan.hpp>
#include <dcexit/report.hpp>

#include <fmt/format.h>

#include <chrono>

namespace {

template <class Work>
auto timed(const char* name, Work work) {
  const auto start = std::chrono::steady_clock::now();
  auto result = work();
  const std::chrono::duration<double, std::milli> elapsed =
      std::chrono::steady_clock::now() - start;
  fmt::print("  {:<28} {:>9.1f} ms\n", name, elapsed.count());
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    fmt::print(stderr, "usage: {} FILE.yaml\n", argv[0]);
    return 2;
  }
  dcexit::DiagnosticSink sink;
  const dcexit::LoadResult loaded = dcexit::load_inventory(argv[1], sink);
  if (sink.has_errors()) {
    fmt::print(stderr, "{}: invalid inventory\n", argv[1]);
    return 1;
  }
  const dcexit::Inventory& inv = loaded.inventory;
  const auto total_start = std::chrono::steady_clock::now();
  const auto graph = timed("build graph", [&] { return dcexit::DependencyGraph(inv); });
  fmt::print("  {} apps, {} edges, {} servers\n", graph.app_count(), graph.edges().size(),
             graph.server_count());
  timed("strong components",
        [&] { return dcexit::strong_components(graph, dcexit::EdgeSet::all); });
  const auto cycles = timed("cycles (ordering edges)",
                            [&] { return dcexit::find_cycles(graph, dcexit::EdgeSet::ordering); });
  timed("weak components", [&] { return dcexit::weak_components(graph); });
  timed("orphans", [&] { return dcexit::orphans(graph); });
  const auto strategies = dcexit::decided_strategies(inv);
  const auto groups = timed("move groups + longest chain",
                            [&] { return dcexit::build_move_groups(inv, graph, strategies); });
  timed("impact of app 0 (all depths)",
        [&] { return dcexit::reachable(graph, 0, dcexit::Direction::dependants); });
  timed("shared services (top 10)", [&] { return dcexit::shared_services(graph, 10); });
  const auto ordering = timed("  graph of ordering edges",
                              [&] { return dcexit::restricted(graph, dcexit::EdgeSet::ordering); });
  timed("  dependant counts (ordering)", [&] { return dcexit::dependant_counts(ordering); });
  timed("assess (all apps)", [&] { return dcexit::assess(inv, graph, dcexit::default_profile()); });
  timed("assess (all apps, azure target)",
        [&] { return dcexit::assess(inv, graph, dcexit::target_profile(dcexit::Target::azure)); });
  dcexit::EstateOptions options;
  options.report.max_graph_apps = 0;  // the graph is drawn for estates of up to 400 apps
  const auto estate = timed("plan_estate (all stages)", [&] {
    return dcexit::plan_estate(inv, dcexit::default_profile(), options).value();
  });
  const dcexit::Plan& plan = estate.plan;
  timed("  of which waves",
        [&] { return dcexit::plan_waves(inv, plan.graph, plan.assessment, plan.groups); });
  timed("  of which decommission",
        [&] { return dcexit::plan_decommission(inv, plan.graph, plan.assessment, plan.waves); });
  timed("render plan.json", [&] { return dcexit::render_plan_json(estate); });
  timed("render plan.md", [&] { return dcexit::render_plan_markdown(estate); });
  timed("render waves.csv", [&] { return dcexit::render_waves_csv(estate); });
  timed("render decommission.csv", [&] { return dcexit::render_decommission_csv(estate); });
  timed("render plan.xlsx", [&] { return dcexit::render_plan_xlsx(estate); });
  timed("render jira.csv",
        [&] { return dcexit::render_tracker_csv(estate, dcexit::Tracker::jira); });
  timed("render assessment.csv", [&] {
    return dcexit::render_assessment(inv, plan.assessment, dcexit::default_profile(),
                                     dcexit::AssessmentFormat::csv);
  });
  const std::chrono::duration<double, std::milli> total =
      std::chrono::steady_clock::now() - total_start;
  fmt::print(
      "  {:<28} {:>9.1f} ms\n  {} cycles, {} move groups, longest chain {}, {} waves (bound {})\n",
      "all", total.count(), cycles.size(), groups.groups.size(), groups.longest_chain.size(),
      plan.waves.waves.size(), plan.waves.lower_bound_waves);
  return 0;
}
