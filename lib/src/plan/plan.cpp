// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "plan/deadline_advice.hpp"
#include "plan/plan_warnings.hpp"
#include "plan/schedule_model.hpp"

#include <dcexit/plan.hpp>

#include <fmt/format.h>

#include <cmath>
#include <span>

namespace dcexit {

std::optional<std::int64_t> waves_allowed(const Inventory& inventory) {
  if (!inventory.estate.deadline) {
    return std::nullopt;
  }
  const std::int64_t days = inventory.estate.deadline->days - inventory.policy.hold_days -
                            inventory.estate.start.days + 1;
  return days < 0 ? 0 : days / inventory.policy.wave.length_days;
}

namespace {

// Dependencies with a split limit between two apps that both leave, and not both by retirement;
// with `within` set, only those whose limit is shorter than a wave: they must share one.
std::vector<std::pair<Index, Index>> limited_pairs(const Inventory& inv,
                                                   std::span<const Strategy> strategies,
                                                   bool within) {
  std::vector<std::pair<Index, Index>> out;
  for (Index a = 0; a < inv.applications.size(); ++a) {
    for (const Dependency& d : inv.applications[a].depends_on) {
      const auto limit = split_limit(inv, d);
      const Strategy sa = strategies[a];
      const Strategy sb = strategies[d.app];
      if (limit && sa != Strategy::retain && sb != Strategy::retain &&
          !(sa == Strategy::retire && sb == Strategy::retire) &&
          (!within || *limit < inv.policy.wave.length_days)) {
        out.emplace_back(a, d.app);
      }
    }
  }
  return out;
}

// Move groups and waves. A split limit the schedule breaks puts its two apps in one group and
// plans again; after k_split_rounds such rounds every limited pair is joined, which keeps them all.
void plan_groups_and_waves(const Inventory& inv, Plan& plan) {
  constexpr int k_split_rounds = 20;
  const auto strategies = assessed_strategies(plan.assessment);
  auto joins = limited_pairs(inv, strategies, true);
  for (int round = 0;; ++round) {
    plan.groups = build_move_groups(inv, plan.graph, strategies, joins);
    plan.waves = plan_waves(inv, plan.graph, plan.assessment, plan.groups);
    if (plan.waves.too_long || plan.waves.broken_splits.empty() || round > k_split_rounds) {
      break;
    }
    if (round + 1 >= k_split_rounds) {
      joins = limited_pairs(inv, strategies, false);
    } else {
      joins.insert(joins.end(), plan.waves.broken_splits.begin(), plan.waves.broken_splits.end());
    }
  }
  plan.group_ids = move_group_ids(plan.groups);
}

}  // namespace

tl::expected<Plan, Diagnostic> make_plan(const Inventory& inventory,
                                         const ScoringProfile& profile) {
  Plan plan;
  plan.inventory = &inventory;
  plan.profile = &profile;
  plan.graph = DependencyGraph(inventory);
  plan.assessment = assess(inventory, plan.graph, profile);
  plan_groups_and_waves(inventory, plan);
  if (plan.waves.too_long) {
    const Location& at = inventory.estate.location;
    return tl::unexpected(Diagnostic::make(
        Severity::error, inventory.where(at), Code::plan_too_long,
        fmt::format("no plan ends by {}, the last date dcexit supports: waves of {} days from {} "
                    "with these capacity limits and freezes run past it; start earlier, shorten "
                    "'length_days' or raise the limits",
                    Date::last_supported().to_string(), inventory.policy.wave.length_days,
                    inventory.estate.start.to_string())));
  }
  plan.decommission = plan_decommission(inventory, plan.graph, plan.assessment, plan.waves);
  plan.connectivity = plan_connectivity(inventory, plan.assessment, plan.waves);
  plan.warnings = plan_warnings(inventory, plan);
  if (!plan.decommission.deadline_met) {
    plan.advice = deadline_advice(inventory, plan);
  }
  return plan;
}

}  // namespace dcexit
