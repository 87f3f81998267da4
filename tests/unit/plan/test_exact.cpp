// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// The exact optimiser (issue 17): fewer waves than list scheduling where there are fewer, the
// proof of the fewest, never worse, every invariant kept, the same plan for the same budget.
#include "plan/exact_optimiser.hpp"
#include "planned.hpp"

#include <catch2/catch.hpp>

using namespace dcexit;
using nlohmann::json;

namespace {

// An estate of bench/exact.py (seed 100) on which list scheduling needs three waves: wave 1
// takes a retirement before the shared-server pair a03 + a06, which then no longer fits.
const char* const k_greedy_loses = R"(schema: dcexit/v1
estate: {name: exact 100, start: 2025-01-06}
policy:
  wave: {length_days: 14, max_apps: 4, max_servers: 6}
  pilot: {max_criticality: low}
  freezes: [{name: year end, from: 2025-03-03, to: 2025-03-30, tags: [fin]}]
sites: [{id: dc}]
servers:
  - {id: s00, site: dc}
  - {id: s01, site: dc}
  - {id: s02, site: dc}
  - {id: s03, site: dc}
  - {id: s04, site: dc}
  - {id: s05, site: dc}
  - {id: s06, site: dc}
  - {id: s07, site: dc}
applications:
  - {id: a00, criticality: low, servers: [s00], decision: {strategy: repurchase}}
  - {id: a01, criticality: low, servers: [s01], decision: {strategy: replatform}}
  - {id: a02, criticality: low, servers: [s02], decision: {strategy: retire}, depends_on: [a00]}
  - {id: a03, criticality: low, servers: [s03], decision: {strategy: refactor}}
  - {id: a04, criticality: medium, servers: [s04], decision: {strategy: rehost}}
  - {id: a05, criticality: high, servers: [s05], decision: {strategy: repurchase}, depends_on: [a01]}
  - {id: a06, criticality: low, servers: [s06, s03], decision: {strategy: rehost}, depends_on: [a01]}
  - {id: a07, criticality: medium, servers: [s07], decision: {strategy: retire}, depends_on: [{app: a01, coupling: soft}]}
)";

struct Planned {
  Inventory inventory;
  EstatePlan estate;
  Plan& plan = estate.plan;
  json out;
  std::string text;
};

std::unique_ptr<Planned> plan_with(const std::string& yaml, std::uint64_t nodes) {
  auto loaded = test::load_text(yaml);
  REQUIRE_FALSE(loaded.diagnostics.has_errors());
  auto p = std::make_unique<Planned>();
  p->inventory = std::move(loaded.inventory);
  p->plan = make_plan(p->inventory, default_profile(), optimised(nodes)).value();
  p->text = render_plan_json(p->estate);
  p->out = json::parse(p->text);
  return p;
}

std::vector<std::string> waves(const json& out) {
  std::vector<std::string> all;
  for (const json& w : out["waves"]) {
    std::string apps;
    for (const json& a : w["apps"]) {
      apps += (apps.empty() ? "" : " ") + a.get<std::string>();
    }
    all.push_back(apps);
  }
  return all;
}

}  // namespace

TEST_CASE("exact: the optimiser finds and proves fewer waves than list scheduling",
          "[plan][exact]") {
  const auto list = plan_with(k_greedy_loses, 0);
  CHECK(waves(list->out) == std::vector<std::string>{"a00 a01 a02", "a03 a04 a06 a07", "a05"});
  CHECK(list->out["summary"]["optimality"] ==
        json::parse(R"({"status": "heuristic", "waves": 3, "bound": 2, "gap": 1, "nodes": 0,
          "budget_nodes": 0, "list_waves": 3, "local_search_waves": null})"));
  const auto exact = plan_with(k_greedy_loses, k_default_optimise_nodes);
  CHECK(test::check_plan(exact->inventory, exact->out).empty());
  CHECK(waves(exact->out) == std::vector<std::string>{"a00 a01 a03 a06", "a02 a04 a05 a07"});
  const json& o = exact->out["summary"]["optimality"];
  CHECK(o["status"] == "optimal");
  CHECK(o["waves"] == 2);
  CHECK(o["bound"] == 2);
  CHECK(o["list_waves"] == 3);
  CHECK(o["local_search_waves"] == 3);  // forward–backward passes find no shorter: the solver does
  CHECK(o["budget_nodes"] == k_default_optimise_nodes);  // a small programme: not scaled
  // The same inventory and budget: the same bytes.
  CHECK(plan_with(k_greedy_loses, k_default_optimise_nodes)->text == exact->text);
}

TEST_CASE("exact: a plan the lower bound already proves is not handed to the solver",
          "[plan][exact]") {
  const auto p =
      plan_with(test::estate("  wave: {max_apps: 1}\n") + "applications: [{id: a}, {id: b}]\n",
                k_default_optimise_nodes);
  CHECK(p->out["summary"]["optimality"] ==
        json::parse(R"({"status": "optimal", "waves": 2, "bound": 2, "gap": 0, "nodes": 0,
          "budget_nodes": 1000, "list_waves": 2, "local_search_waves": null})"));
}

TEST_CASE("exact: Harrow's 15 waves are proved the fewest its constraints allow", "[plan][exact]") {
  DiagnosticSink sink;
  const Inventory harrow =
      load_inventory((test::source_dir() / "inventories" / "harrow.yaml").string(), sink).inventory;
  REQUIRE_FALSE(sink.has_errors());
  const EstatePlan estate = test::estate_of(
      make_plan(harrow, default_profile(), optimised(k_default_optimise_nodes)).value());
  const json out = json::parse(render_plan_json(estate));
  CHECK(test::check_plan(harrow, out).empty());
  CHECK(out["summary"]["optimality"]["status"] == "optimal");
  CHECK(out["summary"]["waves"] == 15);
  CHECK(out["summary"]["lower_bound_waves"] == 15);
}

TEST_CASE("exact: the node budget shrinks with the programme's size, deterministically",
          "[plan][exact]") {
  CHECK(node_limit(1000, 500) == 1000);
  CHECK(node_limit(1000, k_reference_nonzeros) == 1000);
  CHECK(node_limit(1000, 2 * k_reference_nonzeros) == 500);
  CHECK(node_limit(1000, 4'000'000) == 1);  // never none: the root always runs
}

namespace {

// The bench's programme shape at 45 apps (lead times, hypercare, non-production rehearsals,
// tight capacity): list scheduling and local search give 15 waves, 14 is the fewest.
std::unique_ptr<Planned> programme_45(bool plain) {
  set_solver_trial(SolverTrial{plain, 0, nullptr});
  std::unique_ptr<Planned> p;
  {
    DiagnosticSink sink;
    auto loaded = load_inventory(
        (test::source_dir() / "tests" / "fixtures" / "exact" / "programme-45.yaml").string(), sink);
    REQUIRE_FALSE(sink.has_errors());
    p = std::make_unique<Planned>();
    p->inventory = std::move(loaded.inventory);
  }
  p->plan = make_plan(p->inventory, default_profile(), optimised(k_default_optimise_nodes)).value();
  set_solver_trial(SolverTrial{});
  p->text = render_plan_json(p->estate);
  p->out = json::parse(p->text);
  return p;
}

}  // namespace

TEST_CASE(
    "exact: the step formulation proves in the default budget what the wave-indexed one "
    "cannot",
    "[plan][exact]") {
  const auto steps = programme_45(false);
  CHECK(test::check_plan(steps->inventory, steps->out).empty());
  const json& o = steps->out["summary"]["optimality"];
  CHECK(o["status"] == "optimal");
  CHECK(o["waves"] == 14);
  CHECK(o["bound"] == 14);
  CHECK(o["list_waves"] == 15);
  CHECK(o["local_search_waves"] == 15);
  CHECK(o["nodes"].get<std::uint64_t>() <= o["budget_nodes"].get<std::uint64_t>());
  // The same rules as differences of waves, with the same nodes: no 14-wave schedule found.
  const auto plain = programme_45(true);
  const json& p = plain->out["summary"]["optimality"];
  CHECK(p["status"] == "feasible");
  CHECK(p["waves"] == 15);
  CHECK(p["nodes"] == p["budget_nodes"]);  // every node spent
  // The same inventory and budget: the same bytes.
  CHECK(programme_45(false)->text == steps->text);
}
