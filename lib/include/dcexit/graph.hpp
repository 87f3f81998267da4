// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Stage 2, graph: the dependency graph, its analyses and the move groups the planner schedules.
#pragma once

#include <dcexit/inventory.hpp>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace dcexit {

// `from` depends on (uses) `to`.
struct DependencyEdge {
  Index from = 0;
  Index to = 0;
  Coupling coupling = Coupling::prerequisite;
};

// The applications of an estate and their dependencies, with server sharing as a second
// relation. Boost.Graph does the work behind it; callers see apps and edges, never descriptors.
class DependencyGraph {
 public:
  explicit DependencyGraph(const Inventory& inventory);
  // A graph of `app_count` apps with the given edges (duplicates and self-loops are dropped).
  DependencyGraph(std::size_t app_count, std::vector<DependencyEdge> edges);
  ~DependencyGraph();
  DependencyGraph(DependencyGraph&&) noexcept;
  DependencyGraph& operator=(DependencyGraph&&) noexcept;

  [[nodiscard]] std::size_t app_count() const { return m_app_count; }
  // All edges, sorted by (from, to).
  [[nodiscard]] std::span<const DependencyEdge> edges() const { return m_edges; }
  // Edges out of `app` (what it depends on), sorted by target.
  [[nodiscard]] std::span<const DependencyEdge> dependencies_of(Index app) const;
  // Indices into edges() of the edges into `app` (what depends on it), sorted by source.
  [[nodiscard]] std::span<const std::uint32_t> dependants_of(Index app) const;
  // Apps that run on `server`, sorted; empty for a graph built without an inventory.
  [[nodiscard]] std::span<const Index> apps_on_server(Index server) const;
  [[nodiscard]] std::size_t server_count() const {
    return m_server_offsets.empty() ? 0 : m_server_offsets.size() - 1;
  }

 private:
  void index();

  std::size_t m_app_count = 0;
  std::vector<DependencyEdge> m_edges;
  std::vector<std::uint32_t> m_out_offsets;  // app -> first edge in m_edges
  std::vector<std::uint32_t> m_in_offsets;   // app -> first entry in m_in_edges
  std::vector<std::uint32_t> m_in_edges;     // edge indices grouped by target
  std::vector<std::uint32_t> m_server_offsets;
  std::vector<Index> m_server_apps;
};

// Which edges an analysis follows.
enum class EdgeSet : std::uint8_t {
  all,       // every coupling
  ordering,  // hard and prerequisite: the ones that can force apps into one wave
};

// A strongly connected component of more than one app, with one cycle through it as a path
// that starts and ends at its first app (by id): `a -> b -> c -> a`.
struct Cycle {
  std::vector<Index> apps;  // the component, sorted
  std::vector<Index> path;  // a shortest cycle through apps.front(), closed
};

// The same apps with only the edges `edges` follows (and no servers): for an analysis of the
// couplings that tie apps together, such as who relies on an app.
DependencyGraph restricted(const DependencyGraph& graph, EdgeSet edges);

// Every strongly connected component of more than one app, by first app.
std::vector<Cycle> find_cycles(const DependencyGraph& graph, EdgeSet edges);

// Component number of every app under `edges` (Boost's Tarjan), and how many there are.
struct Components {
  std::vector<std::uint32_t> of;  // app -> component
  std::uint32_t count = 0;
};
Components strong_components(const DependencyGraph& graph, EdgeSet edges);
// Weakly connected components: apps linked by any dependency, whichever way.
Components weak_components(const DependencyGraph& graph);

// Apps with no dependency in either direction, sorted.
std::vector<Index> orphans(const DependencyGraph& graph);

// An app reached from another, with the number of edges on the shortest way there.
struct Reached {
  Index app = 0;
  std::uint32_t depth = 0;
};
enum class Direction : std::uint8_t {
  dependants,    // who depends on the app, directly or not: what a change to it affects
  dependencies,  // what the app depends on, directly or not: what it needs
};
// Every app reached from `app` (not itself), by depth then id. `max_depth` 0 means unlimited.
std::vector<Reached> reachable(const DependencyGraph& graph, Index app, Direction direction,
                               std::uint32_t max_depth = 0);

// How many apps depend on each app, directly or not: exact when that takes under about 50
// million steps (e.g. 5,000 apps), otherwise a min-hash estimate (about ±18%).
std::vector<double> dependant_counts(const DependencyGraph& graph);

// An app that others depend on.
struct SharedService {
  Index app = 0;
  std::uint32_t direct = 0;      // apps that depend on it directly
  std::uint32_t transitive = 0;  // apps that depend on it directly or not
};
// The `top` apps with the most transitive dependants (then direct, then id). Exact counts;
// on large graphs candidates are picked by a min-hash estimate of every app's count first.
std::vector<SharedService> shared_services(const DependencyGraph& graph, std::size_t top);

// Why apps share a move group (bit flags).
enum GroupReason : std::uint8_t {
  k_reason_cycle = 1U << 0U,          // a cycle of prerequisite (or retirement-order) constraints
  k_reason_hard = 1U << 1U,           // a hard coupling
  k_reason_shared_server = 1U << 2U,  // they share a server that moves (rehost / relocate)
  k_reason_split_limit = 1U << 3U,    // a split limit the schedule could not keep otherwise
};
std::vector<std::string> reason_names(std::uint8_t reasons);

inline constexpr std::uint32_t k_no_group = UINT32_MAX;

// Apps that must cut over in the same wave (contract invariants 2 and 3).
struct MoveGroup {
  std::vector<Index> apps;  // sorted
  std::uint8_t reasons = 0;
};

// The move groups of every non-retained app and the order constraints between them.
struct MoveGroups {
  std::vector<MoveGroup> groups;        // sorted by first app; singletons included
  std::vector<std::uint32_t> group_of;  // app -> group, k_no_group for retained apps
  // not_before[g]: groups whose wave must be <= g's wave (g's prerequisites and the apps that
  // must wait for g to retire). Sorted, no duplicates, never g itself; the relation is acyclic.
  std::vector<std::vector<std::uint32_t>> not_before;
  // One longest chain of groups along not_before, first to last.
  std::vector<std::uint32_t> longest_chain;
};

// Builds the move groups for `strategies` (one per app) under the inventory's policy: hard
// couplings, shared servers that move and cycles share a group; prerequisites, retirements
// (invariant 4), replacements and retired site-exit services order them. `joins` are pairs of
// apps the planner puts in one group to keep a split limit.
MoveGroups build_move_groups(const Inventory& inventory, const DependencyGraph& graph,
                             std::span<const Strategy> strategies,
                             std::span<const std::pair<Index, Index>> joins = {});

// `groups` with every group whose apps' keys differ split into one group per key (a
// programme in flight: apps done, locked and still to move cannot share a wave). Each part
// keeps its group's order against other groups and its reasons when it has more than one app;
// parts of one group are not ordered against each other. Groups stay sorted by first app.
MoveGroups split_move_groups(const MoveGroups& groups, std::span<const std::uint32_t> key);

// True for the strategies under which an app's servers physically move.
inline bool moves_servers(Strategy strategy) {
  return strategy == Strategy::rehost || strategy == Strategy::relocate;
}

// `mg-001` style ids for the groups of more than one app, numbered in group order.
std::vector<std::string> move_group_ids(const MoveGroups& groups);

// Every analysis `dcexit graph` reports, computed once.
struct GraphAnalysis {
  std::vector<Strategy> strategies;  // what the move groups assume, one per app
  std::vector<Cycle> cycles;         // over hard and prerequisite edges
  MoveGroups move_groups;
  Components clusters;  // weakly connected
  std::vector<Index> orphans;
  std::vector<SharedService> shared_services;
  std::size_t shared_servers = 0;  // servers with more than one app
};

// Runs every analysis; `strategies` has one entry per app.
GraphAnalysis analyse_graph(const Inventory& inventory, const DependencyGraph& graph,
                            std::vector<Strategy> strategies, std::size_t top_services = 10);

// Strategies known before assessment: each app's decision, `rehost` where there is none.
std::vector<Strategy> decided_strategies(const Inventory& inventory);

}  // namespace dcexit
