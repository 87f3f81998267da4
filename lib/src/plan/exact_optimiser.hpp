// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: the schedule model as a mixed-integer programme, solved by COIN-OR CBC, warm-started
// from the list schedule, within a budget of branch-and-bound nodes (deterministic, unlike
// seconds). docs/planning.md, "The exact optimiser".
#pragma once

#include "plan/list_scheduler.hpp"
#include "plan/schedule_model.hpp"

#include <cstdint>
#include <optional>

namespace dcexit {

struct ExactResult {
  Optimality::Status status = Optimality::Status::heuristic;
  std::optional<Schedule> schedule;  // a schedule with fewer waves than the list's, if found
  std::uint32_t bound = 0;           // no schedule has fewer waves (the solver's, or 0)
  std::uint64_t nodes = 0;           // branch-and-bound nodes the solver explored
};

// The fewest waves for `model` under `limits`, starting from `list` (its wave of each item). The
// model is skipped (status heuristic) when it would have more than k_most_binaries variables.
ExactResult exact_schedule(const ScheduleModel& model, const Limits& limits, const Schedule& list,
                           std::uint64_t node_budget);

inline constexpr std::size_t k_most_binaries = 40'000;

}  // namespace dcexit
