// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: list scheduling of a ScheduleModel, wave after wave, by a priority rule.
#pragma once

#include "plan/schedule_model.hpp"

#include <optional>
#include <vector>

namespace dcexit {

// Priority rules, tried in turn; the plan with the fewest waves is kept (ties: the first rule).
enum class Rule : std::uint8_t {
  due_first,    // earliest due date, then already out of support, then the longest chain after it
  chain_first,  // the longest chain after it, then the earliest due date
};

struct Schedule {
  std::vector<std::uint32_t> wave_of;           // item -> wave, 1-based
  std::vector<std::optional<Limit>> oversized;  // per wave: the limit its single item breaks
};

// Places every item; nullopt when more than `last` waves would be needed. A split limit is kept
// by tightening the partner's due date once one of a pair is placed; it can still be broken
// when capacity or freezes hold the partner back (see violated_distances).
// `lead_cap` caps every lead time (the deadline advice's trials). Fixed items are placed first,
// in their waves whatever the limits say; with `honour_preferred`, no item goes before its
// baseline wave.
std::optional<Schedule> list_schedule(const ScheduleModel& model, const Limits& limits, Rule rule,
                                      std::uint32_t last,
                                      std::optional<std::int64_t> lead_cap = std::nullopt,
                                      bool honour_preferred = false);

// The split limits `schedule` breaks.
std::vector<Distance> violated_distances(const ScheduleModel& model, const Schedule& schedule);

}  // namespace dcexit
