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
  std::uint64_t budget = 0;          // nodes it was allowed (see node_limit), 0 if not run
};

// The fewest waves for `model` under `limits`, starting from `list` (its wave of each item). The
// model is skipped (status heuristic) when it would have more than k_most_binaries variables.
ExactResult exact_schedule(const ScheduleModel& model, const Limits& limits, const Schedule& list,
                           std::uint64_t node_budget);

inline constexpr std::size_t k_most_binaries = 40'000;
// The solver's work grows with the programme's size: its root (cuts) and each node cost about
// their nonzeros. Programmes above k_most_nonzeros are not taken on (local search only: a
// 60-app estate of the bench's programme shape, 10,321 nonzeros, spent 3 s in the root alone);
// above k_reference_nonzeros the node budget shrinks in proportion, so that a nominal second of
// nodes stays near a second on this project's 2-core machine (docs/performance.md); the root's
// cuts and heuristics are not counted in nodes.
inline constexpr std::size_t k_most_nonzeros = 8'000;
inline constexpr std::size_t k_reference_nonzeros = 1'000;
// The nodes a budget allows a programme of `nonzeros` nonzeros: budget × min(1, reference ÷ it),
// at least one.
std::uint64_t node_limit(std::uint64_t budget, std::size_t nonzeros);

}  // namespace dcexit
