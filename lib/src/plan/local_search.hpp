// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: forward–backward improvement of a feasible schedule, as in resource-constrained
// project scheduling, for estates the exact optimiser cannot take whole. docs/planning.md,
// "The exact optimiser".
#pragma once

#include "plan/list_scheduler.hpp"
#include "plan/schedule_model.hpp"

#include <cstdint>
#include <optional>

namespace dcexit {

struct Improvement {
  std::optional<Schedule> schedule;  // a schedule with fewer waves than the start's, if found
  std::uint32_t rounds = 0;          // backward–forward rounds run
  std::uint64_t looked = 0;          // (item, wave) pairs examined: the work done, counted
};

// Each round moves every item as late as it can go within the schedule's waves (latest items
// first), then as early as it can go (earliest first), keeping every constraint the exact model
// has: lead times, freezes, the pilot (and the routes the start's pilot proves), the order of
// groups and rehearsals, every capacity limit, oversized items alone, the split limits. After
// the forward pass, an item left in the last wave may swap into an earlier wave with an item that
// moves later, but not into the last wave (across a full wave before a freeze). Stops
// after `rounds` rounds, or the first round that saves no wave. At most `k_scan_waves` waves are
// looked at per item and pass, so the work is linear in the items.
Improvement improve_schedule(const ScheduleModel& model, const Limits& limits,
                             const Schedule& start, std::uint32_t rounds);

// `start` with every item moved as early as it can go (earliest first), keeping the same
// constraints: the exact optimiser's schedule, which is the fewest waves but otherwise as the
// solver left it, made as early as it can be.
Schedule shift_early(const ScheduleModel& model, const Limits& limits, const Schedule& start);

inline constexpr std::uint32_t k_scan_waves = 64;
inline constexpr std::uint32_t k_local_rounds = 8;

}  // namespace dcexit
