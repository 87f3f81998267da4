// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include <dcexit/graph.hpp>

namespace dcexit {

std::vector<Strategy> decided_strategies(const Inventory& inventory) {
  std::vector<Strategy> out;
  out.reserve(inventory.applications.size());
  for (const Application& app : inventory.applications) {
    out.push_back(app.decision ? app.decision->strategy : Strategy::rehost);
  }
  return out;
}

GraphAnalysis analyse_graph(const Inventory& inventory, const DependencyGraph& graph,
                            std::vector<Strategy> strategies, std::size_t top_services) {
  GraphAnalysis analysis;
  analysis.cycles = find_cycles(graph, EdgeSet::ordering);
  analysis.move_groups = build_move_groups(inventory, graph, strategies);
  analysis.strategies = std::move(strategies);
  analysis.clusters = weak_components(graph);
  analysis.orphans = orphans(graph);
  analysis.shared_services = shared_services(graph, top_services);
  for (Index s = 0; s < graph.server_count(); ++s) {
    if (graph.apps_on_server(s).size() > 1) {
      ++analysis.shared_servers;
    }
  }
  return analysis;
}

}  // namespace dcexit
