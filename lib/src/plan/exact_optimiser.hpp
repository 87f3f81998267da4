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

// The fewest waves for `model` under `limits`, starting from `list` (its wave of each item), no
// fewer than `lower_bound`. The model is skipped (status heuristic) when it would have more than
// k_most_binaries variables.
ExactResult exact_schedule(const ScheduleModel& model, const Limits& limits, const Schedule& list,
                           std::uint64_t node_budget, std::uint32_t lower_bound);

// For bench/exact_trial.cpp only, never set by dcexit itself: how the programmes that follow are
// solved. `plain`: the wave-indexed programme alone (one column for the last wave, the order and
// split limits as differences of waves), the reference the step formulation is measured
// against; `seconds` > 0: CBC's own time limit instead of nodes, and no size limit;
// `solver_seconds`: the wall time spent in CBC is added to it.
struct SolverTrial {
  bool plain = false;
  double seconds = 0;
  double* solver_seconds = nullptr;
};
void set_solver_trial(const SolverTrial& trial);

inline constexpr std::size_t k_most_binaries = 40'000;
// The solver's work grows with the programme's size: each node costs about its nonzeros (0.8-1
// us per nonzero on this project's 2-core machine, issue 32), and the root is held to one round
// of cuts. Programmes above k_most_nonzeros are not taken on (local search only: a 120-app estate
// of the bench's programme shape, about 43,000 nonzeros, takes 1.4 s in the solver); above
// k_reference_nonzeros the node budget shrinks in proportion, so that a nominal second of nodes
// stays near a second (docs/performance.md).
inline constexpr std::size_t k_most_nonzeros = 60'000;
inline constexpr std::size_t k_reference_nonzeros = 5'000;
// The nodes a budget allows a programme of `nonzeros` nonzeros: budget × min(1, reference ÷ it),
// at least one.
std::uint64_t node_limit(std::uint64_t budget, std::size_t nonzeros);

}  // namespace dcexit
