// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: the one line plan.md and report.html give on how good the number of waves is.
#pragma once

#include <dcexit/report.hpp>

#include <fmt/format.h>

#include <string>

namespace dcexit {

inline std::string optimality_text(const Plan& plan) {
  const Optimality& o = plan.waves.optimality;
  const std::size_t waves = plan.waves.waves.size();
  switch (o.status) {
    case Optimality::Status::optimal:
      if (o.by_lower_bound) {
        return fmt::format("{} waves, proved the fewest by the lower bound", waves);
      }
      return fmt::format(
          "{} waves, proved the fewest by the exact optimiser ({} nodes){}", waves, o.nodes,
          o.list_waves > waves ? fmt::format("; list scheduling alone gave {}", o.list_waves)
                               : std::string());
    case Optimality::Status::feasible:
      return fmt::format(
          "{} waves; the exact optimiser found no fewer within its {} nodes "
          "(at least {}){}",
          waves, o.budget, o.bound,
          o.list_waves > waves ? fmt::format("; list scheduling alone gave {}", o.list_waves)
                               : std::string());
    case Optimality::Status::heuristic:
      break;
  }
  return o.budget == 0
             ? fmt::format("{} waves by list scheduling, at least {}; not optimised (--optimise 0)",
                           waves, o.bound)
             : fmt::format(
                   "{} waves by list scheduling{}, at least {}; beyond what the exact "
                   "optimiser takes on",
                   waves,
                   o.list_waves > waves
                       ? fmt::format(" and local search (list scheduling alone gave {})",
                                     o.list_waves)
                       : std::string(" and local search"),
                   o.bound);
}

}  // namespace dcexit
