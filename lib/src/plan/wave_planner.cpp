// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// plan_waves: the schedule model of an estate, scheduled by each priority rule, the shorter plan
// kept; and WaveTrials, which the deadline advice uses to try other capacity limits.
#include "plan/exact_optimiser.hpp"
#include "plan/list_scheduler.hpp"
#include "plan/local_search.hpp"
#include "plan/schedule_model.hpp"

#include <dcexit/plan.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace dcexit {

std::string_view to_string(Limit limit) {
  constexpr std::array<std::string_view, k_dims> k_names = {"max_apps",        "max_servers",
                                                            "max_effort_days", "max_storage_gb",
                                                            "max_critical",    "max_transfer_gb"};
  return k_names[static_cast<std::size_t>(limit)];
}

std::string_view to_string(Optimality::Status status) {
  switch (status) {
    case Optimality::Status::optimal:
      return "optimal";
    case Optimality::Status::feasible:
      return "feasible";
    case Optimality::Status::heuristic:
      break;
  }
  return "heuristic";
}

bool freeze_selects(const Inventory& inventory, const Freeze& freeze, Index app) {
  if (freeze.tags.empty() && freeze.departments.empty() && freeze.apps.empty()) {
    return true;
  }
  const Application& a = inventory.applications[app];
  const bool by_tag = std::any_of(
      freeze.tags.begin(), freeze.tags.end(),
      [&](const std::string& t) { return std::binary_search(a.tags.begin(), a.tags.end(), t); });
  const bool by_department = std::find(freeze.departments.begin(), freeze.departments.end(),
                                       a.department) != freeze.departments.end();
  return by_tag || by_department || std::binary_search(freeze.apps.begin(), freeze.apps.end(), app);
}

bool moves_in_rehearsal(const Inventory& inventory, const WavePlan& plan, Index app, Index server) {
  return plan.rehearsal_of[app] != 0 &&
         inventory.servers[server].environment == Environment::non_production;
}

namespace {

// Large estates get the first rule only, to keep to the time budget.
constexpr std::size_t k_all_rules_below = 20'000;

// The shortest schedule the rules give within `last` waves, if any.
std::optional<Schedule> best_schedule(const ScheduleModel& model, const Limits& limits,
                                      std::uint32_t last, std::uint64_t* runs = nullptr,
                                      std::uint64_t* waves = nullptr,
                                      std::optional<std::int64_t> lead_cap = std::nullopt,
                                      bool honour_preferred = false) {
  // The fewest broken split limits first (each costs a repair round), then the fewest waves.
  std::optional<Schedule> best;
  std::size_t best_broken = 0;
  for (Rule rule : {Rule::due_first, Rule::chain_first}) {
    if (rule != Rule::due_first && model.items.size() >= k_all_rules_below) {
      break;
    }
    auto trial = list_schedule(model, limits, rule, last, lead_cap, honour_preferred);
    if (runs != nullptr) {
      ++*runs;
      *waves += trial ? trial->oversized.size() : last;
    }
    if (!trial) {
      continue;
    }
    const std::size_t broken =
        model.distances.empty() ? 0 : violated_distances(model, *trial).size();
    if (!best || std::pair(broken, trial->oversized.size()) <
                     std::pair(best_broken, best->oversized.size())) {
      best = std::move(trial);
      best_broken = broken;
    }
  }
  return best;
}

// The waves' dates, what each breaks, and the freezes each overlaps (without hypercare).
void wave_calendar(const Inventory& inventory, const ScheduleModel& model, const Schedule& schedule,
                   WavePlan& plan) {
  plan.waves.resize(schedule.oversized.size());
  for (std::uint32_t k = 1; k <= plan.waves.size(); ++k) {
    Wave& wave = plan.waves[k - 1];
    wave.number = k;
    wave.start = model.calendar.wave_start(k);
    wave.end = model.calendar.wave_end(k);
    wave.oversized = schedule.oversized[k - 1];
    for (std::uint32_t f = 0; f < inventory.policy.freezes.size(); ++f) {
      const Freeze& freeze = inventory.policy.freezes[f];
      if (freeze.from <= wave.end && wave.start <= freeze.to) {
        wave.freezes.push_back(f);
      }
    }
  }
}

// Each app in its group's wave (and its rehearsal's), with its effort, criticality and data.
void wave_apps(const Inventory& inventory, const Assessment& assessment, const ScheduleModel& model,
               const Schedule& schedule, const std::vector<std::vector<Index>>& rehearsed,
               WavePlan& plan) {
  plan.wave_of.assign(inventory.applications.size(), 0);
  plan.rehearsal_of.assign(inventory.applications.size(), 0);
  for (Index a = 0; a < inventory.applications.size(); ++a) {  // ascending ids: apps stay sorted
    const std::uint32_t g = model.groups->group_of[a];
    if (g == k_no_group) {
      continue;
    }
    const std::uint32_t k = schedule.wave_of[g];
    Wave& wave = plan.waves[k - 1];
    plan.wave_of[a] = k;
    wave.apps.push_back(a);
    wave.effort_days += assessment.apps[a].effort.likely;
    wave.critical += inventory.applications[a].criticality == Criticality::critical;
    wave.transfer_gb += app_transfer_gb(inventory, assessment, a);
    if (!rehearsed[a].empty()) {
      const std::uint32_t r = schedule.wave_of[*model.items[g].rehearsal];
      plan.rehearsal_of[a] = r;
      plan.waves[r - 1].rehearsals.push_back(a);
    }
  }
}

// Each server that moves in the wave of its first planned app (its rehearsal's, for a server
// that moves in the rehearsal), with its storage.
void wave_servers(const Inventory& inventory, const DependencyGraph& graph,
                  const ScheduleModel& model, const Schedule& schedule,
                  const std::vector<std::vector<Index>>& rehearsed, WavePlan& plan) {
  std::vector<bool> in_rehearsal(inventory.servers.size(), false);
  for (const auto& servers : rehearsed) {
    for (Index s : servers) {
      in_rehearsal[s] = true;
    }
  }
  for (Index s = 0; s < inventory.servers.size(); ++s) {
    if (!plan.server_moves[s]) {
      continue;
    }
    for (Index a : graph.apps_on_server(s)) {
      if (plan.wave_of[a] != 0) {
        const auto& rehearsal = model.items[model.groups->group_of[a]].rehearsal;
        const std::uint32_t k =
            in_rehearsal[s] && rehearsal ? schedule.wave_of[*rehearsal] : plan.wave_of[a];
        Wave& wave = plan.waves[k - 1];
        wave.servers_moved.push_back(s);
        wave.storage_gb += inventory.servers[s].storage_gb.value_or(0.0);
        wave.transfer_gb += inventory.servers[s].storage_gb.value_or(0.0);
        break;
      }
    }
  }
}

void fill_waves(const Inventory& inventory, const DependencyGraph& graph,
                const Assessment& assessment, const ScheduleModel& model, const Schedule& schedule,
                WavePlan& plan) {
  wave_calendar(inventory, model, schedule, plan);
  const auto rehearsed = rehearsal_servers(inventory, assessment);
  wave_apps(inventory, assessment, model, schedule, rehearsed, plan);
  wave_servers(inventory, graph, model, schedule, rehearsed, plan);
  for (Wave& wave : plan.waves) {
    wave.effort_days = std::round(wave.effort_days * 10.0) / 10.0;
  }
}

// The lower bound; with history or locks, what they alone give: history may have broken the
// limits and the order that the other bounds rely on.
std::pair<std::uint32_t, std::string> bound_of(const Inventory& inventory,
                                               const ScheduleModel& model, const Limits& limits,
                                               std::uint32_t open) {
  std::uint32_t fixed = 0;
  bool free = false;
  for (const Item& item : model.items) {
    fixed = std::max(fixed, item.fixed);
    free = free || item.fixed == 0;
  }
  if (fixed == 0) {
    return lower_bound(inventory, model, limits);
  }
  return {std::max(fixed, free ? open : 0U), "the waves history and locks take"};
}

}  // namespace

WavePlan plan_waves(const Inventory& inventory, const DependencyGraph& graph,
                    const Assessment& assessment, const MoveGroups& groups,
                    const std::vector<std::uint32_t>& release, const Commitments& commitments) {
  WavePlan plan;
  plan.server_moves = carried_servers(inventory, graph, assessment);
  const Calendar calendar = calendar_of(inventory);
  ScheduleModel model =
      build_schedule_model(inventory, graph, assessment, groups, plan.server_moves, calendar);
  for (Index a = 0; a < release.size(); ++a) {
    if (groups.group_of[a] != k_no_group) {
      Item& item = model.items[groups.group_of[a]];
      item.release = std::max(item.release, release[a]);
    }
  }
  apply_commitments(model, commitments);
  const Limits limits = limits_of(inventory.policy);
  std::tie(plan.lower_bound_waves, plan.lower_bound_reason) =
      bound_of(inventory, model, limits, commitments.first_open);
  plan.max_transfer_gb = limits[static_cast<std::size_t>(Limit::max_transfer_gb)];
  const auto schedule = best_schedule(model, limits, calendar.last_wave(), nullptr, nullptr,
                                      std::nullopt, !commitments.preferred.empty());
  if (!schedule) {
    plan.too_long = !model.items.empty();  // every rule ran past the end of the calendar
    plan.wave_of.assign(inventory.applications.size(), 0);
    plan.rehearsal_of.assign(inventory.applications.size(), 0);
    return plan;
  }
  for (const Distance& d : violated_distances(model, *schedule)) {
    if (!d.pinned) {
      plan.broken_splits.emplace_back(d.app, d.depends_on);
    }
  }
  fill_waves(inventory, graph, assessment, model, *schedule, plan);
  return plan;
}

namespace {

// The list plan as a schedule of the model: each item's wave from its first app.
Schedule schedule_of(const ScheduleModel& model, const WavePlan& list) {
  Schedule start;
  start.wave_of.assign(model.items.size(), 0);
  start.oversized.resize(list.waves.size());
  const MoveGroups& groups = *model.groups;
  for (std::uint32_t g = 0; g < groups.groups.size(); ++g) {
    const Index first = groups.groups[g].apps.front();
    start.wave_of[g] = list.wave_of[first];
    if (const auto& rehearsal = model.items[g].rehearsal) {
      start.wave_of[*rehearsal] = list.rehearsal_of[first];
    }
  }
  return start;
}

void take_exact(const Inventory& inventory, const DependencyGraph& graph,
                const Assessment& assessment, const ScheduleModel& model, const Schedule& start,
                std::size_t broken, const ExactResult& exact, WavePlan& plan);

}  // namespace

WavePlan optimise_waves(const Inventory& inventory, const DependencyGraph& graph,
                        const Assessment& assessment, const MoveGroups& groups,
                        const WavePlan& list, std::uint64_t nodes, const Commitments& commitments) {
  WavePlan plan = list;
  plan.optimality.list_waves = static_cast<std::uint32_t>(list.waves.size());
  plan.optimality.bound = list.lower_bound_waves;
  plan.optimality.budget = nodes;
  if (list.too_long || !list.broken_splits.empty()) {
    return plan;
  }
  const bool keep_baseline = !commitments.preferred.empty();
  if (list.lower_bound_waves >= list.waves.size() && !keep_baseline) {  // nothing to move included
    plan.optimality.status = Optimality::Status::optimal;               // the lower bound proves it
    plan.optimality.by_lower_bound = true;
    return plan;
  }
  if (nodes == 0) {
    return plan;
  }
  ScheduleModel model = build_schedule_model(inventory, graph, assessment, groups,
                                             list.server_moves, calendar_of(inventory));
  apply_commitments(model, commitments);
  Schedule start = schedule_of(model, list);
  const Limits limits = limits_of(inventory.policy);
  // Forward–backward improvement first: a shorter start, and a smaller programme for the solver.
  // Local search moves everything: not where the baseline's waves are to be kept.
  const Improvement improved =
      keep_baseline ? Improvement{} : improve_schedule(model, limits, start, k_local_rounds);
  plan.optimality.local_waves = static_cast<std::uint32_t>(list.waves.size());
  // Split limits broken already (history on one side) may stay broken, no more of them.
  const std::size_t broken = violated_distances(model, start).size();
  if (improved.schedule && violated_distances(model, *improved.schedule).size() <= broken) {
    start = *improved.schedule;
    plan.optimality.local_waves = static_cast<std::uint32_t>(start.oversized.size());
    plan.waves.clear();
    fill_waves(inventory, graph, assessment, model, start, plan);
  }
  const ExactResult exact = exact_schedule(model, limits, start, nodes, list.lower_bound_waves);
  take_exact(inventory, graph, assessment, model, start, broken, exact, plan);
  return plan;
}

namespace {

// The exact optimiser's result in `plan`: its status and bound, and its schedule when it keeps
// the split limits `start` keeps (at most `broken` broken).
void take_exact(const Inventory& inventory, const DependencyGraph& graph,
                const Assessment& assessment, const ScheduleModel& model, const Schedule& start,
                std::size_t broken, const ExactResult& exact, WavePlan& plan) {
  plan.optimality.status = exact.status;
  plan.optimality.nodes = exact.nodes;
  if (exact.budget != 0) {
    plan.optimality.budget = exact.budget;
  }
  // A bound above a schedule the model admits is no bound (a programme made infeasible by what
  // history broke): it is not taken.
  if (exact.bound <= start.oversized.size()) {
    plan.optimality.bound = std::max(plan.optimality.bound, exact.bound);
  }
  if (exact.schedule && violated_distances(model, *exact.schedule).size() <= broken) {
    plan.waves.clear();
    fill_waves(inventory, graph, assessment, model, *exact.schedule, plan);
  }
  if (plan.optimality.bound > plan.lower_bound_waves) {
    plan.lower_bound_waves = plan.optimality.bound;
    plan.lower_bound_reason = "the exact optimiser's bound";
  }
  if (plan.optimality.bound >= plan.waves.size()) {
    plan.optimality.by_lower_bound = exact.status != Optimality::Status::optimal;
    plan.optimality.status = Optimality::Status::optimal;
  }
}

}  // namespace

struct WaveTrials::Impl {
  const Inventory& inventory;
  ScheduleModel model;
  mutable std::uint64_t runs = 0;
  mutable std::uint64_t waves = 0;
  // The order bound per lead cap: it does not depend on the limits the trials change.
  mutable std::map<std::optional<std::int64_t>, std::uint32_t> order_bounds;
  bool fixed = false;  // history or locks: the bounds need not hold
};

WaveTrials::WaveTrials(const Inventory& inventory, const DependencyGraph& graph,
                       const Assessment& assessment, const MoveGroups& groups,
                       const Commitments& commitments) {
  const Calendar calendar = calendar_of(inventory);
  const std::vector<bool> carried = carried_servers(inventory, graph, assessment);
  m_impl = std::make_unique<Impl>(
      Impl{inventory,
           build_schedule_model(inventory, graph, assessment, groups, carried, calendar),
           0,
           0,
           {}});
  Commitments fixed_only = commitments;
  fixed_only.preferred.clear();
  apply_commitments(m_impl->model, fixed_only);
  m_impl->fixed = fixed_only.any();
}

WaveTrials::~WaveTrials() = default;

std::optional<std::uint32_t> WaveTrials::waves_needed(const Policy& policy, std::uint32_t most,
                                                      std::optional<std::int64_t> lead_cap) const {
  const Impl& m = *m_impl;
  const Limits relaxed = limits_of(policy);
  if (!m.model.items.empty() && !m.fixed) {
    auto order = m.order_bounds.find(lead_cap);
    if (order == m.order_bounds.end()) {
      order =
          m.order_bounds.emplace(lead_cap, order_bound(m.inventory, m.model, lead_cap).first).first;
    }
    if (std::max(order->second, capacity_bound(m.model, relaxed).first) > most) {
      return std::nullopt;
    }
  }
  const auto schedule = best_schedule(
      m.model, relaxed, std::min(most, m.model.calendar.last_wave()), &m.runs, &m.waves, lead_cap);
  return schedule ? std::optional(static_cast<std::uint32_t>(schedule->oversized.size()))
                  : std::nullopt;
}

std::uint64_t WaveTrials::runs() const {
  return m_impl->runs;
}
std::uint64_t WaveTrials::waves_scheduled() const {
  return m_impl->waves;
}

}  // namespace dcexit
