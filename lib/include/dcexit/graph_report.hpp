// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <dcexit/assessment.hpp>
#include <dcexit/dependency_graph.hpp>
#include <dcexit/inventory.hpp>
#include <dcexit/move_groups.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace dcexit {

// Every analysis `dcexit graph` reports, computed once.
struct GraphAnalysis {
  std::vector<Strategy> strategies;  // what the move groups assume, one per app
  std::vector<Cycle> cycles;         // over hard and prerequisite edges
  MoveGroups move_groups;
  Components clusters;               // weakly connected
  std::vector<Index> orphans;
  std::vector<SharedService> shared_services;
  std::size_t shared_servers = 0;    // servers with more than one app
};

// Runs every analysis; `strategies` has one entry per app.
GraphAnalysis analyse_graph(const Inventory& inventory, const DependencyGraph& graph,
                            std::vector<Strategy> strategies, std::size_t top_services = 10);

// Strategies known before assessment: each app's decision, `rehost` where there is none.
std::vector<Strategy> decided_strategies(const Inventory& inventory);


enum class GraphFormat : std::uint8_t { text, dot, mermaid, json };

// Pure renderers: the same inputs give the same bytes.
std::string render_graph(const Inventory& inventory, const DependencyGraph& graph,
                         const GraphAnalysis& analysis, GraphFormat format);
std::string render_reachable(const Inventory& inventory, Index app, Direction direction,
                             std::span<const Reached> reached, GraphFormat format);

}  // namespace dcexit
