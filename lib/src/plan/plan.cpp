// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/text.hpp"

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

std::optional<double> limit_value(const WavePolicy& wave, Limit limit) {
  switch (limit) {
    case Limit::max_apps:
      return wave.max_apps ? std::optional(static_cast<double>(*wave.max_apps)) : std::nullopt;
    case Limit::max_servers:
      return wave.max_servers ? std::optional(static_cast<double>(*wave.max_servers))
                              : std::nullopt;
    case Limit::max_effort_days:
      return wave.max_effort_days;
    case Limit::max_storage_gb:
      return wave.max_storage_gb;
  }
  return std::nullopt;
}

void set_limit(WavePolicy& wave, Limit limit, double value) {
  switch (limit) {
    case Limit::max_apps:
      wave.max_apps = static_cast<std::int64_t>(std::ceil(value));
      break;
    case Limit::max_servers:
      wave.max_servers = static_cast<std::int64_t>(std::ceil(value));
      break;
    case Limit::max_effort_days:
      wave.max_effort_days = std::ceil(value);
      break;
    case Limit::max_storage_gb:
      wave.max_storage_gb = std::ceil(value);
      break;
  }
}

// A limit's value as people write it: 1000000, not 1e+06; 2.5 as it is.
std::string quantity(double value) {
  return value == std::floor(value) && std::abs(value) < 1e15 ? fmt::format("{:.0f}", value)
                                                              : fmt::format("{:g}", value);
}

// Says which constraint keeps the estate from exiting by its deadline, and what would fix it.
std::vector<Diagnostic> deadline_advice(const Inventory& inv, const Plan& plan) {
  std::vector<Diagnostic> advice;
  const SourceLocation at_estate = inv.where(inv.estate.location);
  const auto missed = [&](std::string message) {
    advice.push_back(
        Diagnostic::make(Severity::warning, at_estate, Code::deadline_missed, std::move(message)));
  };
  constexpr std::size_t k_listed_blockers = 10;
  std::size_t blockers = 0;
  for (const SiteExit& site : plan.decommission.sites) {
    if (!inv.sites[site.site].closing) {
      continue;
    }
    for (const Blocker& b : site.blockers) {
      if (++blockers > k_listed_blockers) {
        continue;
      }
      std::string apps;
      for (Index a : b.apps) {
        apps += (apps.empty() ? "" : ", ") + inv.applications[a].id;
      }
      advice.push_back(Diagnostic::make(
          Severity::warning, inv.where(inv.servers[b.server].location), Code::site_blocked,
          b.reason == BlockReason::unused
              ? fmt::format("site {} cannot close: server {} is used by no "
                            "application; retire or remove it",
                            inv.sites[site.site].id, inv.servers[b.server].id)
              : fmt::format("site {} cannot close: server {} keeps retained {}; "
                            "move them or mark the site 'closing: false'",
                            inv.sites[site.site].id, inv.servers[b.server].id, apps)));
    }
  }
  if (blockers > k_listed_blockers) {
    advice.push_back(Diagnostic::make(Severity::warning, at_estate, Code::site_blocked,
                                      fmt::format("and {} more servers keep closing sites open "
                                                  "(decommission.sites lists them all)",
                                                  blockers - k_listed_blockers)));
  }
  const auto allowed = waves_allowed(inv);
  const std::size_t needed = plan.waves.waves.size();
  if (!allowed || needed <= static_cast<std::size_t>(*allowed)) {
    return advice;
  }
  if (*allowed == 0) {
    missed(fmt::format(
        "the deadline {} leaves no whole wave of {} days before it once "
        "hold_days ({}) are kept",
        inv.estate.deadline->to_string(), inv.policy.wave.length_days, inv.policy.hold_days));
    return advice;
  }
  // Raise one limit until the plan fits, from the proportional guess, a few times at most; each
  // trial reuses what does not depend on the limits and gives up past the waves allowed.
  const WaveTrials trials(inv, plan.graph, plan.assessment, plan.groups);
  const auto fits = [&](const WavePolicy& relaxed) {
    return trials.waves_needed(relaxed, static_cast<std::uint32_t>(*allowed)).has_value();
  };
  constexpr int k_attempts = 6;
  constexpr double k_step = 1.25;
  const double factor = static_cast<double>(needed) / static_cast<double>(*allowed);
  std::vector<Limit> set_limits;
  bool fixed = false;
  for (Limit limit :
       {Limit::max_apps, Limit::max_servers, Limit::max_effort_days, Limit::max_storage_gb}) {
    const auto current = limit_value(inv.policy.wave, limit);
    if (!current) {
      continue;
    }
    set_limits.push_back(limit);
    double value = *current * factor;
    for (int attempt = 0; attempt < k_attempts; ++attempt, value *= k_step) {
      WavePolicy relaxed = inv.policy.wave;
      set_limit(relaxed, limit, value);
      if (fits(relaxed)) {
        missed(
            fmt::format("needs {} waves at {} {}; the deadline allows {}; {} would "
                        "meet it",
                        needed, to_string(limit), quantity(*current), *allowed,
                        quantity(*limit_value(relaxed, limit))));
        fixed = true;
        break;
      }
    }
  }
  if (fixed) {
    return advice;
  }
  // Several limits may bind together: raise them all by the same factor.
  if (set_limits.size() > 1) {
    double scale = factor;
    for (int attempt = 0; attempt < k_attempts; ++attempt, scale *= k_step) {
      WavePolicy relaxed = inv.policy.wave;
      std::vector<std::string> values;
      for (Limit limit : set_limits) {
        set_limit(relaxed, limit, *limit_value(inv.policy.wave, limit) * scale);
        values.push_back(
            fmt::format("{} {}", to_string(limit), quantity(*limit_value(relaxed, limit))));
      }
      if (fits(relaxed)) {
        missed(
            fmt::format("needs {} waves; the deadline allows {}; no single capacity limit "
                        "fixes it, but raising them together would: {}",
                        needed, *allowed, join(values, ", ")));
        return advice;
      }
    }
  }
  missed(
      fmt::format("needs {} waves; the deadline allows {}; no single capacity limit "
                  "fixes it: the order of dependencies, freezes or oversized move "
                  "groups bind (lower bound {} waves: {})",
                  needed, *allowed, plan.waves.lower_bound_waves, plan.waves.lower_bound_reason));
  return advice;
}

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
