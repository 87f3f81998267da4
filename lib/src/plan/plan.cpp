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

// What splits a move group in flight (split_move_groups): apps done or locked in a wave before
// the as-of wave keep it, each such wave its own part; the rest are planned from the as-of date
// (invariant 15), with the group's latest lock from the as-of wave on, if it has one. 0: no
// commitment.
std::vector<std::uint32_t> split_keys(const Plan& plan) {
  const auto& fixed = plan.commitments.fixed;
  std::vector<std::uint32_t> key = fixed;
  const auto history = [&](Index a) {
    return fixed[a] != 0 && fixed[a] < plan.commitments.first_open;
  };
  for (const MoveGroup& group : plan.groups.groups) {
    std::uint32_t lock = 0;
    for (Index a : group.apps) {
      lock = history(a) ? lock : std::max(lock, fixed[a]);
    }
    for (Index a : group.apps) {
      key[a] = history(a) ? fixed[a] : (fixed[a] != 0 ? fixed[a] : lock);
    }
  }
  return key;
}

// The move groups, split where their apps' commitments differ (split_keys).
MoveGroups grouped(const Inventory& inv, Plan& plan, std::span<const Strategy> strategies,
                   std::span<const std::pair<Index, Index>> joins) {
  plan.groups = build_move_groups(inv, plan.graph, strategies, joins);
  if (plan.commitments.fixed.empty()) {
    return plan.groups;
  }
  return split_move_groups(plan.groups, split_keys(plan));
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
    plan.groups = grouped(inv, plan, strategies, joins);
    plan.waves =
        plan_waves(inv, plan.graph, plan.assessment, plan.groups, release, plan.commitments);
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
      auto waves =
          plan_waves(inv, plan.graph, plan.assessment, plan.groups, relaxed, plan.commitments);
      if (!waves.too_long && waves.broken_splits.empty() &&
          waves.waves.size() <= plan.waves.waves.size()) {
        plan.waves = std::move(waves);
      }
    }
  }
  plan.group_ids = move_group_ids(plan.groups);
}

// With a baseline: a plan that keeps apps in their baseline waves, taken when it has no more
// waves, no later exit and less churn than `plan` (planned afresh).
void keep_baseline(const Inventory& inv, const PlanOptions& options, Plan& plan) {
  Commitments kept = plan.commitments;
  kept.preferred.assign(inv.applications.size(), 0);
  for (Index a = 0; a < inv.applications.size(); ++a) {
    if (const auto* app = options.baseline->find(inv.applications[a].id); app && app->wave) {
      kept.preferred[a] = *app->wave;
    }
  }
  const auto churn = [&](const WavePlan& waves) {
    std::size_t n = 0;
    for (Index a = 0; a < inv.applications.size(); ++a) {
      n += kept.preferred[a] != 0 && waves.wave_of[a] != kept.preferred[a] ? 1U : 0U;
    }
    return n;
  };
  const WavePlan& fresh = plan.waves;
  WavePlan start = plan_waves(inv, plan.graph, plan.assessment, plan.groups, {}, kept);
  const bool usable =
      !start.too_long && start.broken_splits.empty() && start.waves.size() <= fresh.waves.size();
  WavePlan candidate = optimise_waves(inv, plan.graph, plan.assessment, plan.groups,
                                      usable ? start : fresh, options.optimise_nodes, kept);
  if (candidate.waves.size() > fresh.waves.size() || churn(candidate) >= churn(fresh)) {
    return;
  }
  Decommission decommission = plan_decommission(inv, plan.graph, plan.assessment, candidate);
  const auto exit_of = [](const Decommission& d) {
    return d.exit_date.value_or(Date::last_supported());
  };
  if (exit_of(plan.decommission) < exit_of(decommission)) {
    return;
  }
  // Optimality is the fresh plan's: the number of waves is the same or fewer.
  candidate.optimality = fresh.optimality;
  candidate.lower_bound_waves = fresh.lower_bound_waves;
  candidate.lower_bound_reason = fresh.lower_bound_reason;
  plan.waves = std::move(candidate);
  plan.decommission = std::move(decommission);
}

std::vector<Plan::Change> changes_against(const Inventory& inv, const PlanRecord& baseline,
                                          const WavePlan& waves) {
  std::vector<Plan::Change> out;
  for (Index a = 0; a < inv.applications.size(); ++a) {
    const auto* app = baseline.find(inv.applications[a].id);
    if (app == nullptr) {
      continue;
    }
    const std::optional<std::uint32_t> now =
        waves.wave_of[a] != 0 ? std::optional(waves.wave_of[a]) : std::nullopt;
    if (now != app->wave) {
      out.push_back({a, app->wave, now});
    }
  }
  return out;
}

// "'a', 'b' in wave 3 by progress" or "'c' still to be planned, from wave 9 on".
std::string split_part(const Inventory& inv, const Plan& plan, const std::vector<Index>& apps,
                       std::uint32_t key) {
  std::string names;
  for (Index a : apps) {
    names += fmt::format("{}'{}'", names.empty() ? "" : ", ", inv.applications[a].id);
  }
  if (key != 0) {
    return fmt::format("{} in wave {} by progress", names, key);
  }
  return fmt::format("{} still to be planned, from wave {} on", names,
                     std::max(plan.commitments.first_open, 1U));
}

// Move groups whose apps' progress does not agree are split (invariant 15 wins): one warning
// per group, naming its parts and what the split breaks (Code::history).
std::vector<Diagnostic> split_warnings(const Inventory& inv, const Plan& plan) {
  std::vector<Diagnostic> out;
  Plan whole;
  whole.commitments = plan.commitments;
  whole.groups = build_move_groups(inv, plan.graph, assessed_strategies(plan.assessment));
  const auto ids = move_group_ids(whole.groups);
  const auto key = split_keys(whole);
  for (std::uint32_t g = 0; g < whole.groups.groups.size(); ++g) {
    std::vector<std::vector<Index>> parts;  // by key, in the order their first apps come
    for (Index a : whole.groups.groups[g].apps) {
      const auto same = [&](const std::vector<Index>& part) { return key[part.front()] == key[a]; };
      const auto it = std::find_if(parts.begin(), parts.end(), same);
      it == parts.end() ? parts.push_back({a}) : it->push_back(a);
    }
    if (parts.size() < 2) {
      continue;
    }
    std::string text;
    for (const auto& part : parts) {
      text += (text.empty() ? "" : "; ") + split_part(inv, plan, part, key[part.front()]);
    }
    const Application& at = inv.applications[parts[1].front()];
    out.push_back(Diagnostic::make(
        Severity::warning, inv.where(at.progress ? at.progress->location : at.location),
        Code::history,
        fmt::format("move group {} is split, since its apps' progress does not agree: {}; the "
                    "split breaks what joins them ({}) until the last of them has moved",
                    ids[g], text, fmt::join(reason_names(whole.groups.groups[g].reasons), ", "))));
  }
  return out;
}

// History and locks against the plan: move groups split by progress, prerequisites after the
// apps that need them, split limits history leaves no way to keep (Code::history).
std::vector<Diagnostic> history_warnings(const Inventory& inv, const Plan& plan) {
  std::vector<Diagnostic> out;
  const auto& fixed = plan.commitments.fixed;
  if (fixed.empty()) {
    return out;
  }
  std::vector<Diagnostic> parted = split_warnings(inv, plan);
  out.insert(out.end(), parted.begin(), parted.end());
  // Order that history or a lock breaks: a fixed app before a prerequisite still to move.
  const bool ordered = inv.policy.dependency_order == DependencyOrder::dependencies_first;
  for (Index a = 0; ordered && a < inv.applications.size(); ++a) {
    if (fixed[a] == 0) {
      continue;
    }
    for (const Dependency& d : inv.applications[a].depends_on) {
      const std::uint32_t before = plan.waves.wave_of[d.app];
      if (d.coupling == Coupling::prerequisite && before > plan.waves.wave_of[a] &&
          plan.assessment.apps[d.app].strategy != Strategy::retire) {
        const Application& app = inv.applications[a];
        out.push_back(Diagnostic::make(
            Severity::warning, inv.where(app.progress ? app.progress->location : app.location),
            Code::history,
            fmt::format("'{}' is in wave {} by its progress, before its prerequisite '{}' "
                        "(wave {}): what it needs moves after it",
                        app.id, fixed[a], inv.applications[d.app].id, before)));
      }
    }
  }
  // Split limits history leaves no way to keep.
  for (const Split& split : plan.connectivity) {
    if (split.limit && split.days && *split.days > *split.limit &&
        (fixed[split.app] != 0 || fixed[split.depends_on] != 0)) {
      const Index done = fixed[split.depends_on] != 0 ? split.depends_on : split.app;
      const Index other = done == split.app ? split.depends_on : split.app;
      const Application& app = inv.applications[other];
      out.push_back(Diagnostic::make(
          Severity::warning, inv.where(app.location), Code::history,
          fmt::format("'{}' and '{}' are split for {} days, more than their limit of {}: '{}' is "
                      "in wave {} by its progress, and wave {} is the earliest this plan found "
                      "for '{}' within the other limits",
                      inv.applications[split.app].id, inv.applications[split.depends_on].id,
                      *split.days, *split.limit, inv.applications[done].id, fixed[done],
                      plan.waves.wave_of[other], app.id)));
    }
  }
  return out;
}

}  // namespace

Commitments commitments_of(const Inventory& inventory, const Assessment& assessment,
                           std::optional<Date> as_of, const PlanRecord* baseline) {
  Commitments out;
  const Date start = inventory.estate.start;
  const std::int64_t length = inventory.policy.wave.length_days;
  if (as_of && start < *as_of) {
    out.first_open =
        static_cast<std::uint32_t>((as_of->days - start.days + length - 1) / length) + 1;
  }
  for (Index a = 0; a < inventory.applications.size(); ++a) {
    const auto& progress = inventory.applications[a].progress;
    if (!progress || assessment.apps[a].strategy == Strategy::retain) {
      continue;
    }
    std::uint32_t wave = 0;
    if (progress->status == ProgressStatus::done && progress->date) {
      wave = static_cast<std::uint32_t>((progress->date->days - start.days) / length) + 1;
    } else if ((progress->status == ProgressStatus::in_progress ||
                progress->status == ProgressStatus::planned) &&
               progress->wave) {
      wave = *progress->wave;
    }
    if (wave != 0) {
      out.fixed.resize(inventory.applications.size(), 0);
      out.fixed[a] = wave;
    }
  }
  // A rehearsal the baseline had before the as-of date has happened.
  for (Index a = 0; baseline != nullptr && out.first_open > 1 && a < inventory.applications.size();
       ++a) {
    const auto* app = baseline->find(inventory.applications[a].id);
    if (app != nullptr && app->rehearsal_wave && *app->rehearsal_wave < out.first_open) {
      out.rehearsed.resize(inventory.applications.size(), 0);
      out.rehearsed[a] = *app->rehearsal_wave;
    }
  }
  return out;
}

tl::expected<Plan, Diagnostic> make_plan(const Inventory& inventory, const ScoringProfile& profile,
                                         const PlanOptions& options) {
  Plan plan;
  plan.inventory = &inventory;
  plan.profile = &profile;
  plan.graph = DependencyGraph(inventory);
  plan.assessment = assess(inventory, plan.graph, profile);
  plan.as_of = options.as_of;
  plan.commitments = commitments_of(inventory, plan.assessment, options.as_of, options.baseline);
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
                              options.optimise_nodes, plan.commitments);
  plan.decommission = plan_decommission(inventory, plan.graph, plan.assessment, plan.waves);
  if (options.baseline != nullptr) {
    keep_baseline(inventory, options, plan);
    plan.changes = changes_against(inventory, *options.baseline, plan.waves);
  }
  plan.connectivity = plan_connectivity(inventory, plan.assessment, plan.waves);
  plan.warnings = plan_warnings(inventory, plan);
  auto history = history_warnings(inventory, plan);  // after the connectivity
  plan.warnings.insert(plan.warnings.end(), history.begin(), history.end());
  if (!plan.decommission.deadline_met) {
    plan.advice = deadline_advice(inventory, plan);
  }
  return plan;
}

}  // namespace dcexit
