// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "plan/deadline_advice.hpp"
#include "plan/plan_warnings.hpp"
#include "plan/schedule_model.hpp"

#include <dcexit/plan.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
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

// The split limit of `a` depending on `b`, in whole waves.
std::uint32_t split_waves(const Inventory& inv, Index a, Index b) {
  const auto& deps = inv.applications[a].depends_on;
  const Dependency& d =
      *std::find_if(deps.begin(), deps.end(), [&](const Dependency& x) { return x.app == b; });
  return static_cast<std::uint32_t>(*split_limit(inv, d) / inv.policy.wave.length_days);
}

// Delays that outlived their reason: each delayed app's first wave recomputed from where its
// limited partners now are. Empty when none changes.
std::vector<std::uint32_t> relaxed_releases(const Inventory& inv, const Plan& plan,
                                            const std::vector<std::pair<Index, Index>>& pairs,
                                            const std::vector<std::uint32_t>& release) {
  std::vector<std::uint32_t> out(release.size(), 0);
  for (const auto& [a, b] : pairs) {
    const std::uint32_t wa = plan.waves.wave_of[a];
    const std::uint32_t wb = plan.waves.wave_of[b];
    const std::uint32_t waves = split_waves(inv, a, b);
    for (const auto& [self, other] : {std::pair(a, wb), std::pair(b, wa)}) {
      if (self < out.size() && release[self] != 0 && other > waves) {
        out[self] = std::max(out[self], other - waves);
      }
    }
  }
  return out == release ? std::vector<std::uint32_t>{} : out;
}

// Move groups and waves. A split limit the schedule breaks first delays the earlier of its two
// apps to the first wave the limit allows, and plans again; a pair delayed k_delays times, or any
// still broken after k_delay_rounds, puts its two apps in one group instead; after k_split_rounds
// rounds every limited pair is joined, which keeps them all. Delays are then relaxed once to
// where the partners finally are, kept only if no limit breaks and no wave is added.
void plan_groups_and_waves(const Inventory& inv, Plan& plan) {
  constexpr int k_split_rounds = 20;
  constexpr int k_delay_rounds = 12;
  constexpr int k_delays = 3;
  const auto strategies = assessed_strategies(plan.assessment);
  auto joins = limited_pairs(inv, strategies, true);
  std::vector<std::uint32_t> release;
  std::map<std::pair<Index, Index>, int> delayed;
  for (int round = 0;; ++round) {
    plan.groups = build_move_groups(inv, plan.graph, strategies, joins);
    plan.waves = plan_waves(inv, plan.graph, plan.assessment, plan.groups, release);
    if (plan.waves.too_long || plan.waves.broken_splits.empty() || round > k_split_rounds) {
      break;
    }
    if (round + 1 >= k_split_rounds) {
      joins = limited_pairs(inv, strategies, false);
      continue;
    }
    for (const auto& [a, b] : plan.waves.broken_splits) {
      if (round >= k_delay_rounds || ++delayed[{a, b}] > k_delays) {
        joins.emplace_back(a, b);
        continue;
      }
      const std::uint32_t wa = plan.waves.wave_of[a];
      const std::uint32_t wb = plan.waves.wave_of[b];
      release.resize(inv.applications.size(), 0);
      const Index earlier = wa < wb ? a : b;
      release[earlier] = std::max(release[earlier], std::max(wa, wb) - split_waves(inv, a, b));
    }
  }
  if (!release.empty() && plan.waves.broken_splits.empty() && !plan.waves.too_long) {
    const auto relaxed =
        relaxed_releases(inv, plan, limited_pairs(inv, strategies, false), release);
    if (!relaxed.empty()) {
      auto waves = plan_waves(inv, plan.graph, plan.assessment, plan.groups, relaxed);
      if (!waves.too_long && waves.broken_splits.empty() &&
          waves.waves.size() <= plan.waves.waves.size()) {
        plan.waves = std::move(waves);
      }
    }
  }
  plan.group_ids = move_group_ids(plan.groups);
}

}  // namespace

tl::expected<Plan, Diagnostic> make_plan(const Inventory& inventory, const ScoringProfile& profile,
                                         const PlanOptions& options) {
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
  plan.waves = optimise_waves(inventory, plan.graph, plan.assessment, plan.groups, plan.waves,
                              options.optimise_nodes);
  plan.decommission = plan_decommission(inventory, plan.graph, plan.assessment, plan.waves);
  plan.connectivity = plan_connectivity(inventory, plan.assessment, plan.waves);
  plan.warnings = plan_warnings(inventory, plan);
  if (!plan.decommission.deadline_met) {
    plan.advice = deadline_advice(inventory, plan);
  }
  return plan;
}

}  // namespace dcexit
