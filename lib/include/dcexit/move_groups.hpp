// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <dcexit/dependency_graph.hpp>
#include <dcexit/inventory.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace dcexit {

// Why apps share a move group (bit flags).
enum GroupReason : std::uint8_t {
  k_reason_cycle = 1U << 0U,          // a cycle of prerequisite (or retirement-order) constraints
  k_reason_hard = 1U << 1U,           // a hard coupling
  k_reason_shared_server = 1U << 2U,  // they share a server that moves (rehost / relocate)
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
  std::vector<MoveGroup> groups;          // sorted by first app; singletons included
  std::vector<std::uint32_t> group_of;    // app -> group, k_no_group for retained apps
  // not_before[g]: groups whose wave must be <= g's wave (g's prerequisites and the apps that
  // must wait for g to retire). Sorted, no duplicates, never g itself; the relation is acyclic.
  std::vector<std::vector<std::uint32_t>> not_before;
  // One longest chain of groups along not_before, first to last.
  std::vector<std::uint32_t> longest_chain;
};

// Builds the move groups for `strategies` (one per app) under the inventory's policy.
MoveGroups build_move_groups(const Inventory& inventory, const DependencyGraph& graph,
                             std::span<const Strategy> strategies);

// True for the strategies under which an app's servers physically move.
inline bool moves_servers(Strategy strategy) {
  return strategy == Strategy::rehost || strategy == Strategy::relocate;
}

// `mg-001` style ids for the groups of more than one app, numbered in group order.
std::vector<std::string> move_group_ids(const MoveGroups& groups);

}  // namespace dcexit
