// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "test_support.hpp"

#include <dcexit/graph.hpp>

#include <catch2/catch.hpp>

using namespace dcexit;

namespace {

struct Grouped {
  Inventory inventory;
  MoveGroups groups;

  // Multi-app groups as "a+b [reasons]".
  std::vector<std::string> describe() const {
    std::vector<std::string> out;
    for (const MoveGroup& g : groups.groups) {
      if (g.apps.size() < 2) {
        continue;
      }
      std::string text;
      for (Index a : g.apps) {
        text += (text.empty() ? "" : "+") + inventory.applications[a].id;
      }
      std::string reasons;
      for (const auto& r : reason_names(g.reasons)) {
        reasons += (reasons.empty() ? "" : ",") + r;
      }
      out.push_back(text + " [" + reasons + "]");
    }
    return out;
  }
  std::uint32_t group(std::string_view app) const {
    return groups.group_of[*inventory.find_application(app)];
  }
  // "x<y" for every order constraint between groups, by first app.
  std::vector<std::string> order() const {
    std::vector<std::string> out;
    for (std::uint32_t g = 0; g < groups.groups.size(); ++g) {
      for (std::uint32_t before : groups.not_before[g]) {
        out.push_back(inventory.applications[groups.groups[before].apps.front()].id +
                      "<=" + inventory.applications[groups.groups[g].apps.front()].id);
      }
    }
    return out;
  }
};

// Decisions give the strategies; apps without one are rehosted.
Grouped group(const std::string& yaml) {
  auto loaded = test::load_text(yaml);
  INFO(loaded.lines().size());
  REQUIRE_FALSE(loaded.diagnostics.has_errors());
  Grouped result{std::move(loaded.inventory), {}};
  std::vector<Strategy> strategies;
  for (const Application& app : result.inventory.applications) {
    strategies.push_back(app.decision ? app.decision->strategy : Strategy::rehost);
  }
  const DependencyGraph graph(result.inventory);
  result.groups = build_move_groups(result.inventory, graph, strategies);
  return result;
}

}  // namespace

TEST_CASE("move groups: hard couplings join, prerequisites order", "[groups]") {
  const auto g = group(test::header() + R"(applications:
  - {id: a, depends_on: [{app: b, coupling: hard}]}
  - {id: b, depends_on: [c]}
  - {id: c}
  - {id: d, depends_on: [{app: c, coupling: soft}]}
)");
  CHECK(g.describe() == std::vector<std::string>{"a+b [hard]"});
  CHECK(g.order() == std::vector<std::string>{"c<=a"});
  REQUIRE(g.groups.longest_chain.size() == 2);
  CHECK(g.groups.longest_chain[0] == g.group("c"));
  CHECK(g.groups.longest_chain[1] == g.group("a"));
}

TEST_CASE("move groups: a prerequisite cycle is one group", "[groups]") {
  const auto g = group(test::header() + R"(applications:
  - {id: a, depends_on: [b]}
  - {id: b, depends_on: [c]}
  - {id: c, depends_on: [a, d]}
  - {id: d}
)");
  CHECK(g.describe() == std::vector<std::string>{"a+b+c [cycle]"});
  CHECK(g.order() == std::vector<std::string>{"d<=a"});
}

TEST_CASE("move groups: equalities that close an ordering cycle merge it", "[groups]") {
  // b <= a (a needs b), c <= b (b needs c), and a = c (hard): all three share a wave.
  const auto g = group(test::header() + R"(applications:
  - {id: a, depends_on: [b, {app: c, coupling: hard}]}
  - {id: b, depends_on: [c]}
  - {id: c}
)");
  CHECK(g.describe() == std::vector<std::string>{"a+b+c [cycle,hard]"});
  CHECK(g.order().empty());
}

TEST_CASE("move groups: apps on a server that moves share a wave", "[groups]") {
  const auto g = group(test::header() + R"(servers:
  - {id: s1, site: dc1}
  - {id: s2, site: dc1}
applications:
  - {id: a, servers: [s1], decision: {strategy: rehost}}
  - {id: b, servers: [s1], decision: {strategy: replatform}}
  - {id: c, servers: [s1], decision: {strategy: retain}}
  - {id: d, servers: [s2], decision: {strategy: replatform}}
  - {id: e, servers: [s2], decision: {strategy: repurchase}}
)");
  // s1 moves (a rehosts): a and b share a wave; c is retained and in no group.
  // s2 does not move (nobody rehosts or relocates it): d and e are free.
  CHECK(g.describe() == std::vector<std::string>{"a+b [shared-server]"});
  CHECK(g.group("c") == k_no_group);
}

TEST_CASE("move groups: a retired app waits for the apps that use it", "[groups]") {
  const auto g = group(test::header() + R"(applications:
  - {id: app, depends_on: [{app: old, coupling: soft}, {app: hub, coupling: hard}]}
  - {id: hub, decision: {strategy: retire}}
  - {id: old, decision: {strategy: retire}, depends_on: [older]}
  - {id: older, decision: {strategy: retire}}
  - {id: kept, decision: {strategy: retain}, depends_on: [older]}
)");
  // Hard coupling to a retired app is an order, not an equality (contract invariants 2 and 4).
  CHECK(g.describe().empty());
  CHECK(g.order() == std::vector<std::string>{"app<=hub", "app<=old", "old<=older"});
}

TEST_CASE("move groups: dependency_order none drops prerequisite order only", "[groups]") {
  const auto g = group(test::header("  dependency_order: none\n") + R"(applications:
  - {id: a, depends_on: [b, {app: c, coupling: hard}, d]}
  - {id: b}
  - {id: c}
  - {id: d, decision: {strategy: retire}}
)");
  CHECK(g.describe() == std::vector<std::string>{"a+c [hard]"});
  CHECK(g.order() == std::vector<std::string>{"a<=d"});
}

TEST_CASE("move groups: ids sort as strings in number order past 999", "[groups]") {
  MoveGroups groups;
  for (int i = 0; i < 1200; ++i) {
    groups.groups.push_back(
        {{static_cast<Index>(2 * i), static_cast<Index>(2 * i + 1)}, k_reason_hard});
  }
  groups.groups.push_back({{5000}, 0});  // a single app has no id
  const auto ids = move_group_ids(groups);
  CHECK(ids.front() == "mg-0001");
  CHECK(ids[1199] == "mg-1200");
  CHECK(ids.back().empty());
  CHECK(std::is_sorted(ids.begin(), ids.end() - 1));
}
