// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: waves on the calendar, and the freezes that close them to the apps they select.
#pragma once

#include <dcexit/inventory.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace dcexit {

struct Calendar {
  Date start;
  std::int64_t length = 14;
  std::vector<Freeze> freezes;  // as the policy gives them
  std::int64_t hold_days = 0;

  // The last wave whose servers can still be switched off by Date::last_supported().
  [[nodiscard]] std::uint32_t last_wave() const {
    const std::int64_t days = Date::last_supported().days - hold_days - start.days + 1;
    return static_cast<std::uint32_t>(std::clamp<std::int64_t>(days / length, 0, UINT32_MAX - 1));
  }
  [[nodiscard]] Date wave_start(std::uint32_t k) const {
    return start.plus_days((static_cast<std::int64_t>(k) - 1) * length);
  }
  [[nodiscard]] Date wave_end(std::uint32_t k) const {
    return start.plus_days(static_cast<std::int64_t>(k) * length - 1);
  }
  [[nodiscard]] bool overlaps(std::uint32_t f, std::uint32_t k) const {
    return freezes[f].from <= wave_end(k) && wave_start(k) <= freezes[f].to;
  }
  // A freeze that selects every app delays all alike; only selective ones change the order.
  [[nodiscard]] bool selective(std::uint32_t f) const {
    return !freezes[f].tags.empty() || !freezes[f].departments.empty() || !freezes[f].apps.empty();
  }
  // The wave that holds `date` (dates before the start are in "wave 0").
  [[nodiscard]] std::uint32_t wave_holding(Date date) const {
    if (date < start) {
      return 0;
    }
    return static_cast<std::uint32_t>((date.days - start.days) / length) + 1;
  }
  // The first wave from `k` on that none of `freezes_of` (indices) overlaps, jumping over each
  // freeze instead of walking wave by wave (a freeze may span thousands of short waves).
  [[nodiscard]] std::uint32_t next_open(const std::vector<std::uint32_t>& freezes_of,
                                        std::uint32_t k) const {
    for (bool moved = true; moved;) {
      moved = false;
      for (std::uint32_t f : freezes_of) {
        if (overlaps(f, k)) {
          k = wave_holding(freezes[f].to) + 1;
          moved = true;
        }
      }
    }
    return k;
  }
  [[nodiscard]] bool frozen(const std::vector<std::uint32_t>& freezes_of, std::uint32_t k) const {
    return std::any_of(freezes_of.begin(), freezes_of.end(),
                       [&](std::uint32_t f) { return overlaps(f, k); });
  }
};

}  // namespace dcexit
