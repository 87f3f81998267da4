// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: the interim connectivity as plan.md and report.html show it: the splits in the order
// a network team reads them (permanent first, then the longest), and how many are open per wave.
#pragma once

#include <dcexit/report.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace dcexit {

// Splits in reading order: permanent ones, then by days (longest first), then app, depends_on
// (plan.connectivity's own order, kept by the stable sort).
inline std::vector<const Split*> splits_longest_first(const Plan& plan) {
  std::vector<const Split*> out;
  out.reserve(plan.connectivity.size());
  for (const Split& s : plan.connectivity) {
    out.push_back(&s);
  }
  std::stable_sort(out.begin(), out.end(), [](const Split* x, const Split* y) {
    if (x->days.has_value() != y->days.has_value()) {
      return !x->days.has_value();
    }
    return x->days.value_or(0) > y->days.value_or(0);
  });
  return out;
}

struct WaveSplits {
  std::uint32_t open = 0;    // split while the wave runs: opened before it, not yet closed
  std::uint32_t opened = 0;  // opened by its cut-overs (at its end)
  std::uint32_t closed = 0;  // closed by its cut-overs
};

// One entry per wave of the plan; linear in splits plus waves.
inline std::vector<WaveSplits> splits_per_wave(const Plan& plan) {
  const std::size_t waves = plan.waves.waves.size();
  std::vector<WaveSplits> out(waves);
  std::vector<std::int64_t> starts(waves + 2, 0);  // open from wave opens_after + 1 ...
  for (const Split& s : plan.connectivity) {
    if (s.opens_after < 1 || s.opens_after > waves) {
      continue;
    }
    ++out[s.opens_after - 1].opened;
    const std::size_t last = s.closes_with ? std::min<std::size_t>(*s.closes_with, waves) : waves;
    if (s.closes_with && *s.closes_with <= waves) {
      ++out[*s.closes_with - 1].closed;
    }
    if (last > s.opens_after) {  // ... to wave `last`
      ++starts[s.opens_after + 1];
      --starts[last + 1];
    }
  }
  std::int64_t open = 0;
  for (std::size_t k = 1; k <= waves; ++k) {
    open += starts[k];
    out[k - 1].open = static_cast<std::uint32_t>(open);
  }
  return out;
}

}  // namespace dcexit
