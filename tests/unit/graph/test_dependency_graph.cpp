// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "test_support.hpp"

#include <dcexit/graph.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <sstream>

using namespace dcexit;

namespace {

DependencyEdge edge(Index from, Index to, Coupling coupling = Coupling::prerequisite) {
  return {from, to, coupling};
}

std::vector<std::pair<Index, std::uint32_t>> pairs(const std::vector<Reached>& reached) {
  std::vector<std::pair<Index, std::uint32_t>> out;
  for (const Reached& r : reached) {
    out.emplace_back(r.app, r.depth);
  }
  return out;
}

}  // namespace

TEST_CASE("graph: adjacency, duplicate edges and self-loops", "[graph]") {
  const DependencyGraph g(4, {edge(0, 1), edge(0, 1, Coupling::hard), edge(2, 2), edge(3, 1),
                              edge(0, 2, Coupling::soft)});
  REQUIRE(g.edges().size() == 3);  // one 0->1 (the first listed), no 2->2
  CHECK(g.dependencies_of(0).size() == 2);
  CHECK(g.dependencies_of(0)[0].to == 1);
  CHECK(g.dependencies_of(0)[0].coupling == Coupling::prerequisite);
  CHECK(g.dependants_of(1).size() == 2);
  CHECK(g.edges()[g.dependants_of(1)[1]].from == 3);
  CHECK(g.dependants_of(3).empty());
}

TEST_CASE("graph: a simple cycle is reported as a closed path", "[graph]") {
  // 0 -> 1 -> 2 -> 0, and 3 -> 0 outside the cycle.
  const DependencyGraph g(4, {edge(0, 1), edge(1, 2), edge(2, 0), edge(3, 0)});
  const auto cycles = find_cycles(g, EdgeSet::all);
  REQUIRE(cycles.size() == 1);
  CHECK(cycles[0].apps == std::vector<Index>{0, 1, 2});
  CHECK(cycles[0].path == std::vector<Index>{0, 1, 2, 0});
}

TEST_CASE("graph: nested cycles give one component and the shortest cycle", "[graph]") {
  // 0 -> 1 -> 2 -> 3 -> 0 with a chord 2 -> 0 and an inner 2-cycle 3 <-> 4; a second
  // component 5 <-> 6; soft edges do not make ordering cycles.
  const DependencyGraph g(
      8, {edge(0, 1), edge(1, 2), edge(2, 3), edge(3, 0), edge(2, 0), edge(3, 4), edge(4, 3),
          edge(5, 6), edge(6, 5), edge(7, 5, Coupling::soft), edge(5, 7, Coupling::soft)});
  const auto cycles = find_cycles(g, EdgeSet::ordering);
  REQUIRE(cycles.size() == 2);
  CHECK(cycles[0].apps == std::vector<Index>{0, 1, 2, 3, 4});
  CHECK(cycles[0].path == std::vector<Index>{0, 1, 2, 0});
  CHECK(cycles[1].apps == std::vector<Index>{5, 6});
  CHECK(cycles[1].path == std::vector<Index>{5, 6, 5});
  const auto all = find_cycles(g, EdgeSet::all);
  REQUIRE(all.size() == 2);
  CHECK(all[1].apps == std::vector<Index>{5, 6, 7});
}

TEST_CASE("graph: a diamond has no cycle - impact and needs go by depth", "[graph]") {
  // 0 depends on 1 and 2, both depend on 3, which depends on 4.
  const DependencyGraph g(6, {edge(0, 1), edge(0, 2), edge(1, 3), edge(2, 3), edge(3, 4)});
  CHECK(find_cycles(g, EdgeSet::all).empty());
  CHECK(pairs(reachable(g, 4, Direction::dependants)) ==
        std::vector<std::pair<Index, std::uint32_t>>{{3, 1}, {1, 2}, {2, 2}, {0, 3}});
  CHECK(pairs(reachable(g, 0, Direction::dependencies)) ==
        std::vector<std::pair<Index, std::uint32_t>>{{1, 1}, {2, 1}, {3, 2}, {4, 3}});
  CHECK(pairs(reachable(g, 0, Direction::dependencies, 1)) ==
        std::vector<std::pair<Index, std::uint32_t>>{{1, 1}, {2, 1}});
  CHECK(reachable(g, 5, Direction::dependants).empty());
}

TEST_CASE("graph: clusters and orphans", "[graph]") {
  // {0,1,2} linked either way, {3,4}, and 5, 6 alone.
  const DependencyGraph g(7, {edge(1, 0), edge(2, 0), edge(3, 4, Coupling::soft)});
  const Components clusters = weak_components(g);
  CHECK(clusters.count == 4);
  CHECK(clusters.of == std::vector<std::uint32_t>{0, 0, 0, 1, 1, 2, 3});
  CHECK(orphans(g) == std::vector<Index>{5, 6});
}

TEST_CASE("graph: shared services rank by transitive, then direct dependants", "[graph]") {
  // 4 is used by 0,1,2,3 directly; 5 by 4 directly (so by all five); 6 by 0 only.
  const DependencyGraph g(7,
                          {edge(0, 4), edge(1, 4), edge(2, 4), edge(3, 4), edge(4, 5), edge(0, 6)});
  const auto services = shared_services(g, 2);
  REQUIRE(services.size() == 2);
  CHECK(services[0].app == 5);
  CHECK(services[0].direct == 1);
  CHECK(services[0].transitive == 5);
  CHECK(services[1].app == 4);
  CHECK(services[1].transitive == 4);
}

TEST_CASE("graph: shared services on a large graph are still exact", "[graph]") {
  // A chain of 12,000: app i depends on i-1, so app k has 11,999-k dependants. Too large for
  // exact counts of everyone, so the min-hash estimate picks the candidates.
  std::vector<DependencyEdge> edges;
  for (Index i = 1; i < 12'000; ++i) {
    edges.push_back(edge(i, i - 1));
  }
  const DependencyGraph g(12'000, std::move(edges));
  const auto services = shared_services(g, 5);
  REQUIRE(services.size() == 5);
  for (Index k = 0; k < 5; ++k) {
    CHECK(services[k].app == k);
    CHECK(services[k].transitive == 11'999 - k);
    CHECK(services[k].direct == 1);
  }
}

namespace {

// An independent strongly-connected-component count (iterative Kosaraju), to check Boost's.
struct SccCount {
  std::size_t count = 0;
  std::size_t largest = 0;
};

SccCount kosaraju(std::size_t n, const std::vector<std::pair<Index, Index>>& edges) {
  std::vector<std::vector<Index>> out(n);
  std::vector<std::vector<Index>> in(n);
  for (const auto& [a, b] : edges) {
    out[a].push_back(b);
    in[b].push_back(a);
  }
  std::vector<Index> finished;
  std::vector<char> seen(n, 0);
  for (Index start = 0; start < n; ++start) {
    if (seen[start] != 0) {
      continue;
    }
    std::vector<std::pair<Index, std::size_t>> stack{{start, 0}};
    seen[start] = 1;
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      if (next < out[v].size()) {
        const Index w = out[v][next++];
        if (seen[w] == 0) {
          seen[w] = 1;
          stack.emplace_back(w, 0);
        }
      } else {
        finished.push_back(v);
        stack.pop_back();
      }
    }
  }
  std::vector<std::int64_t> component(n, -1);
  SccCount result;
  for (auto it = finished.rbegin(); it != finished.rend(); ++it) {
    if (component[*it] >= 0) {
      continue;
    }
    std::size_t size = 0;
    std::vector<Index> stack{*it};
    component[*it] = static_cast<std::int64_t>(result.count);
    while (!stack.empty()) {
      const Index v = stack.back();
      stack.pop_back();
      ++size;
      for (Index w : in[v]) {
        if (component[w] < 0) {
          component[w] = static_cast<std::int64_t>(result.count);
          stack.push_back(w);
        }
      }
    }
    result.largest = std::max(result.largest, size);
    ++result.count;
  }
  return result;
}

// Reads the Debian package graph (63,440 packages, 307,976 edges; virtual packages named only
// as targets become nodes too).
struct DebianGraph {
  std::size_t nodes = 0;
  std::vector<std::pair<Index, Index>> edges;
};

DebianGraph read_debian() {
  const auto path =
      test::shared_dir() / "real-data/graphs/debian/debian_bookworm_main_amd64_deps.csv.gz";
  const std::string command = "gzip -dc '" + path.string() + "'";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  REQUIRE(pipe != nullptr);
  std::string text;
  char buffer[1 << 16];
  for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0;) {
    text.append(buffer, got);
  }
  std::map<std::string, Index, std::less<>> ids;
  const auto id = [&](const std::string& name) {
    return ids.try_emplace(name, static_cast<Index>(ids.size())).first->second;
  };
  DebianGraph graph;
  std::istringstream lines(text);
  std::string line;
  std::getline(lines, line);  // header
  while (std::getline(lines, line)) {
    const auto first = line.find(',');
    const auto second = line.find(',', first + 1);
    const Index from = id(line.substr(0, first));
    const Index to = id(line.substr(first + 1, second - first - 1));
    if (from != to) {
      graph.edges.emplace_back(from, to);
    }
  }
  graph.nodes = ids.size();
  return graph;
}

}  // namespace

TEST_CASE("graph: Debian package graph SCCs agree with an independent count", "[graph][debian]") {
  const DebianGraph debian = read_debian();
  std::vector<DependencyEdge> edges;
  for (const auto& [a, b] : debian.edges) {
    edges.push_back(edge(a, b));
  }
  const DependencyGraph g(debian.nodes, std::move(edges));
  const Components ours = strong_components(g, EdgeSet::all);
  std::vector<std::size_t> sizes(ours.count, 0);
  for (std::uint32_t c : ours.of) {
    ++sizes[c];
  }
  const SccCount theirs = kosaraju(debian.nodes, debian.edges);
  CHECK(ours.count == theirs.count);
  CHECK(*std::max_element(sizes.begin(), sizes.end()) == theirs.largest);
  // The figures this graph is known by (a third count, Python's Tarjan, gave the same), so a
  // change to the data or to the reading shows: 63,440 packages plus the virtual packages
  // named only as targets; 307,974 edges once the two self-dependencies are dropped.
  CHECK(debian.nodes == 64'971);
  CHECK(debian.edges.size() == 307'974);
  CHECK(theirs.count == 63'114);
  CHECK(theirs.largest == 243);
  // Every reported cycle is a real closed path inside its component.
  for (const Cycle& cycle : find_cycles(g, EdgeSet::all)) {
    REQUIRE(cycle.path.size() >= 3);
    CHECK(cycle.path.front() == cycle.path.back());
    for (std::size_t i = 0; i + 1 < cycle.path.size(); ++i) {
      const auto deps = g.dependencies_of(cycle.path[i]);
      CHECK(std::any_of(deps.begin(), deps.end(),
                        [&](const DependencyEdge& e) { return e.to == cycle.path[i + 1]; }));
    }
  }
}
