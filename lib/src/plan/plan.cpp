// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "plan/deadline_advice.hpp"

#include <dcexit/plan.hpp>

#include <fmt/format.h>

#include <cmath>

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

// A server shared by a retained app and one that rehosts or relocates stays behind: a conflict.
std::vector<Diagnostic> server_conflicts(const Inventory& inv, const Plan& plan) {
  std::vector<Diagnostic> out;
  for (Index s = 0; s < inv.servers.size(); ++s) {
    std::optional<Index> kept;
    std::optional<Index> mover;
    for (Index a : plan.graph.apps_on_server(s)) {
      const Strategy strategy = plan.assessment.apps[a].strategy;
      if (strategy == Strategy::retain && !kept) {
        kept = a;
      } else if (moves_servers(strategy) && !mover) {
        mover = a;
      }
    }
    if (kept && mover) {
      out.push_back(Diagnostic::make(
          Severity::warning, inv.where(inv.applications[*kept].location),
          Code::retained_shared_server,
          fmt::format("server {} is shared by retained {} and {}, which is to {}: the server stays "
                      "behind and blocks site {}",
                      inv.servers[s].id, inv.applications[*kept].id, inv.applications[*mover].id,
                      to_string(plan.assessment.apps[*mover].strategy),
                      inv.sites[inv.servers[s].site].id)));
    }
  }
  return out;
}

}  // namespace

tl::expected<Plan, Diagnostic> make_plan(const Inventory& inventory,
                                         const ScoringProfile& profile) {
  Plan plan;
  plan.inventory = &inventory;
  plan.profile = &profile;
  plan.graph = DependencyGraph(inventory);
  plan.assessment = assess(inventory, plan.graph, profile);
  plan.groups = build_move_groups(inventory, plan.graph, assessed_strategies(plan.assessment));
  plan.group_ids = move_group_ids(plan.groups);
  plan.waves = plan_waves(inventory, plan.graph, plan.assessment, plan.groups);
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
  plan.warnings = server_conflicts(inventory, plan);
  if (!plan.decommission.deadline_met) {
    plan.advice = deadline_advice(inventory, plan);
  }
  return plan;
}

}  // namespace dcexit
