// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <dcexit/assessment.hpp>
#include <dcexit/decommission.hpp>
#include <dcexit/dependency_graph.hpp>
#include <dcexit/move_groups.hpp>
#include <dcexit/scoring_profile.hpp>
#include <dcexit/wave_planner.hpp>
#include <dcexit/diagnostic.hpp>

#include <tl/expected.hpp>

#include <string>
#include <vector>

namespace dcexit {

// Everything `dcexit plan` computes for one estate: inventory -> graph -> assessment -> move
// groups -> waves -> decommission timeline.
struct Plan {
  const Inventory* inventory = nullptr;
  const ScoringProfile* profile = nullptr;
  DependencyGraph graph{0, {}};
  Assessment assessment;
  MoveGroups groups;
  std::vector<std::string> group_ids;  // "mg-001" for groups of more than one app
  WavePlan waves;
  Decommission decommission;
  std::vector<std::string> advice;  // what binds and what would fix it, when the deadline is missed
  // Servers a retained app keeps while another app on them moves (contract invariant 3).
  std::vector<std::string> warnings;
};

// Plans an estate; `inventory` and `profile` must outlive the plan. The error, when no plan
// satisfies the inventory, says why where the inventory sets it (exit code 1).
tl::expected<Plan, Diagnostic> make_plan(const Inventory& inventory, const ScoringProfile& profile);

// How many whole waves fit before the deadline, leaving hold_days before it; nullopt without one.
std::optional<std::int64_t> waves_allowed(const Inventory& inventory);

}  // namespace dcexit
