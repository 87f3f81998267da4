// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "plan/schedule_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace dcexit {

double transfer_per_wave(const Network& network, std::int64_t length_days) {
  return network.bandwidth_mbps * network.utilisation * static_cast<double>(length_days) *
         86'400.0 / 8.0 / 1'000.0;
}

Limits limits_of(const Policy& policy) {
  const auto as_double = [](const std::optional<std::int64_t>& v) {
    return v ? std::optional(static_cast<double>(*v)) : std::nullopt;
  };
  const WavePolicy& wave = policy.wave;
  return {as_double(wave.max_apps),
          as_double(wave.max_servers),
          wave.max_effort_days,
          wave.max_storage_gb,
          as_double(wave.max_critical),
          policy.network ? std::optional(transfer_per_wave(*policy.network, wave.length_days))
                         : std::nullopt};
}

std::int64_t lead_days(const Inventory& inventory, const Assessment& assessment, Index app) {
  if (const auto& own = inventory.applications[app].lead_days) {
    return *own;
  }
  const auto strategy = static_cast<std::size_t>(assessment.apps[app].strategy);
  return inventory.policy.lead_days[strategy].value_or(0);
}

double app_transfer_gb(const Inventory& inventory, const Assessment& assessment, Index app) {
  const Application& a = inventory.applications[app];
  const Strategy strategy = assessment.apps[app].strategy;
  const bool rebuilt = strategy == Strategy::replatform || strategy == Strategy::refactor ||
                       strategy == Strategy::repurchase;
  return rebuilt && !a.serves_until ? a.data_size_gb.value_or(0.0) : 0.0;
}

std::vector<std::vector<Index>> rehearsal_servers(const Inventory& inventory,
                                                  const Assessment& assessment) {
  std::vector<std::vector<Index>> out(inventory.applications.size());
  if (!inventory.policy.non_production_first) {
    return out;
  }
  for (Index a = 0; a < inventory.applications.size(); ++a) {
    if (assessment.apps[a].strategy == Strategy::retain) {
      continue;
    }
    bool production = false;
    for (Index s : inventory.applications[a].servers) {
      if (inventory.servers[s].environment == Environment::production) {
        production = true;
      } else {
        out[a].push_back(s);
      }
    }
    if (!production) {
      out[a].clear();
    }
  }
  return out;
}

std::uint32_t ScheduleModel::lead_wave(const Item& item, std::optional<std::int64_t> cap) const {
  const std::int64_t lead = cap ? std::min(item.lead_days, *cap) : item.lead_days;
  if (lead <= 0) {
    return 1;
  }
  const std::int64_t waves = (lead + calendar.length - 1) / calendar.length + 1;
  return static_cast<std::uint32_t>(std::min<std::int64_t>(waves, UINT32_MAX - 1));
}

std::optional<Limit> exceeded(const Usage& usage, const Limits& limits) {
  for (std::size_t i = 0; i < k_dims; ++i) {
    if (limits[i] && usage[i] > *limits[i] + 1e-9) {
      return static_cast<Limit>(i);
    }
  }
  return std::nullopt;
}

bool oversized(const Item& item, const Limits& limits) {
  return exceeded(item.usage, limits).has_value();
}

std::vector<bool> carried_servers(const Inventory& inventory, const DependencyGraph& graph,
                                  const Assessment& assessment) {
  std::vector<bool> carried(inventory.servers.size(), false);
  for (Index s = 0; s < inventory.servers.size(); ++s) {
    bool mover = false;
    bool retained = false;
    for (Index a : graph.apps_on_server(s)) {
      const Strategy strategy = assessment.apps[a].strategy;
      mover = mover || (moves_servers(strategy) && !inventory.applications[a].serves_until);
      retained = retained || strategy == Strategy::retain;
    }
    carried[s] = mover && !retained;  // a server a retained app keeps stays behind
  }
  return carried;
}

std::optional<std::int64_t> split_limit(const Inventory& inventory, const Dependency& dependency) {
  if (dependency.coupling == Coupling::hard) {
    return std::nullopt;
  }
  if (dependency.max_split_days) {
    return dependency.max_split_days;
  }
  const SplitLimits& policy = inventory.policy.max_split_days;
  return dependency.coupling == Coupling::prerequisite ? policy.prerequisite : policy.soft;
}

namespace {

// The earliest end of support or contract end after the start; past ones mark the app overdue.
std::int32_t due_date(const Inventory& inv, Index app, bool& overdue) {
  const Application& a = inv.applications[app];
  std::int32_t due = std::numeric_limits<std::int32_t>::max();
  const auto consider = [&](const std::optional<Date>& d) {
    if (!d) {
      return;
    }
    if (*d < inv.estate.start) {
      overdue = true;
    } else {
      due = std::min(due, d->days);
    }
  };
  consider(a.technology.end_of_support);
  consider(a.contract ? a.contract->ends : std::nullopt);
  for (Index s : a.servers) {
    consider(inv.servers[s].os.end_of_support);
  }
  return due;
}

// Sizes, criticality, pilot, freezes, lead times and due dates of each group's apps.
void describe_apps(const Inventory& inv, const Assessment& as, const MoveGroups& groups,
                   std::vector<Item>& items) {
  const auto& pilot = inv.policy.pilot_max_criticality;
  for (std::uint32_t g = 0; g < groups.groups.size(); ++g) {
    Item& item = items[g];
    item.first_app = groups.groups[g].apps.front();
    for (Index a : groups.groups[g].apps) {
      const Application& app = inv.applications[a];
      item.usage[0] += 1;
      item.usage[2] += as.apps[a].effort.likely;
      item.usage[4] += app.criticality == Criticality::critical ? 1 : 0;
      item.usage[5] += app_transfer_gb(inv, as, a);
      item.lead_days = std::max(item.lead_days, lead_days(inv, as, a));
      item.strategies |=
          static_cast<std::uint8_t>(1U << static_cast<unsigned>(as.apps[a].strategy));
      item.criticality = std::max(item.criticality, app.criticality);
      item.pilot_ok = item.pilot_ok && (!pilot || app.criticality <= *pilot);
      item.has_pilot_app = item.has_pilot_app || (pilot && app.criticality <= *pilot);
      item.due = std::min(item.due, due_date(inv, a, item.overdue));
      for (std::uint32_t f = 0; f < inv.policy.freezes.size(); ++f) {
        if (freeze_selects(inv, inv.policy.freezes[f], a)) {
          item.freezes.push_back(f);
        }
      }
    }
    std::sort(item.freezes.begin(), item.freezes.end());
    item.freezes.erase(std::unique(item.freezes.begin(), item.freezes.end()), item.freezes.end());
    for (std::uint32_t before : groups.not_before[g]) {
      items[before].successors.push_back(g);
    }
  }
}

// A rehearsal item after the groups for each group with an app that rehearses; returns, per
// server, whether it moves in its group's rehearsal.
std::vector<bool> add_rehearsals(const Inventory& inv, const MoveGroups& groups,
                                 const std::vector<std::vector<Index>>& rehearsed,
                                 std::vector<Item>& items) {
  std::vector<bool> in_rehearsal(inv.servers.size(), false);
  for (std::uint32_t g = 0; g < groups.groups.size(); ++g) {
    bool any = false;
    for (Index a : groups.groups[g].apps) {
      for (Index s : rehearsed[a]) {
        in_rehearsal[s] = true;
        any = true;
      }
    }
    if (any) {
      Item rehearsal;
      rehearsal.first_app = items[g].first_app;
      rehearsal.rehearses = g;
      items[g].rehearsal = static_cast<std::uint32_t>(items.size());
      items.push_back(rehearsal);
    }
  }
  return in_rehearsal;
}

// Each carried server counts in the group of its first app (they all share one group), or in
// the group's rehearsal when it moves there; its storage is also data over the link.
void count_servers(const Inventory& inv, const DependencyGraph& graph, const MoveGroups& groups,
                   const std::vector<bool>& carried, const std::vector<bool>& in_rehearsal,
                   std::vector<Item>& items) {
  for (Index s = 0; s < inv.servers.size(); ++s) {
    if (!carried[s]) {
      continue;
    }
    const auto apps = graph.apps_on_server(s);
    const auto owner = std::find_if(apps.begin(), apps.end(),
                                    [&](Index a) { return groups.group_of[a] != k_no_group; });
    if (owner != apps.end()) {
      Item& group = items[groups.group_of[*owner]];
      Item& item = in_rehearsal[s] && group.rehearsal ? items[*group.rehearsal] : group;
      const double storage = inv.servers[s].storage_gb.value_or(0.0);
      item.usage[1] += 1;
      item.usage[3] += storage;
      item.usage[5] += storage;
    }
  }
}

// A group a selective freeze will hold back is due before the freeze's first wave; heights and
// due dates are then pulled back onto prerequisites, in reverse topological order.
void heights_and_due_dates(const MoveGroups& groups, const Calendar& calendar,
                           std::vector<Item>& items) {
  for (Item& item : items) {
    std::uint32_t first_blocked = std::numeric_limits<std::uint32_t>::max();
    for (std::uint32_t f : item.freezes) {
      if (calendar.selective(f) && calendar.freezes[f].to >= calendar.start) {
        first_blocked =
            std::min(first_blocked,
                     std::max<std::uint32_t>(1, calendar.wave_holding(calendar.freezes[f].from)));
      }
    }
    if (first_blocked != std::numeric_limits<std::uint32_t>::max() && first_blocked >= 2) {
      item.due = std::min(item.due, calendar.wave_end(first_blocked - 1).days);
    }
  }
  const auto group_count = static_cast<std::uint32_t>(groups.groups.size());
  std::vector<std::uint32_t> waiting(group_count, 0);
  std::vector<std::uint32_t> stack;
  for (std::uint32_t g = 0; g < group_count; ++g) {
    waiting[g] = static_cast<std::uint32_t>(items[g].successors.size());
    if (waiting[g] == 0) {
      stack.push_back(g);
    }
  }
  while (!stack.empty()) {
    const std::uint32_t g = stack.back();
    stack.pop_back();
    for (std::uint32_t before : groups.not_before[g]) {
      items[before].height = std::max(items[before].height, items[g].height + 1);
      items[before].due = std::min(items[before].due, items[g].due);
      if (--waiting[before] == 0) {
        stack.push_back(before);
      }
    }
  }
  // A rehearsal comes a wave before its group, which it alone precedes.
  for (std::uint32_t r = group_count; r < items.size(); ++r) {
    Item& rehearsal = items[r];
    const Item& group = items[*rehearsal.rehearses];
    rehearsal.height = group.height + 1;
    rehearsal.due = group.due == std::numeric_limits<std::int32_t>::max()
                        ? group.due
                        : static_cast<std::int32_t>(group.due - calendar.length);
    rehearsal.successors = {*rehearsal.rehearses};
  }
}

// The split limits between groups: the tightest one between any two, in whole waves.
void distances(const Inventory& inv, const Assessment& as, const MoveGroups& groups,
               const Calendar& calendar, ScheduleModel& model) {
  const auto retire = [&](Index a) { return as.apps[a].strategy == Strategy::retire; };
  std::vector<Distance> all;
  for (Index a = 0; a < inv.applications.size(); ++a) {
    for (const Dependency& d : inv.applications[a].depends_on) {
      const auto limit = split_limit(inv, d);
      const std::uint32_t ga = groups.group_of[a];
      const std::uint32_t gb = groups.group_of[d.app];
      // A retained app never leaves; two retired ones never reach the cloud: no split to limit.
      if (!limit || ga == k_no_group || gb == k_no_group || ga == gb ||
          (retire(a) && retire(d.app))) {
        continue;
      }
      const auto waves =
          static_cast<std::uint32_t>(std::min<std::int64_t>(*limit / calendar.length, UINT32_MAX));
      all.push_back({std::min(ga, gb), std::max(ga, gb), waves, a, d.app});
    }
  }
  std::sort(all.begin(), all.end(), [](const Distance& x, const Distance& y) {
    return std::tie(x.a, x.b, x.waves, x.app, x.depends_on) <
           std::tie(y.a, y.b, y.waves, y.app, y.depends_on);
  });
  model.partners.resize(model.items.size());
  for (const Distance& d : all) {
    if (!model.distances.empty() && model.distances.back().a == d.a &&
        model.distances.back().b == d.b) {
      continue;  // the tightest of the pair came first
    }
    model.distances.push_back(d);
    model.partners[d.a].emplace_back(d.b, d.waves);
    model.partners[d.b].emplace_back(d.a, d.waves);
  }
}

}  // namespace

Calendar calendar_of(const Inventory& inventory) {
  Calendar calendar{inventory.estate.start, inventory.policy.wave.length_days,
                    inventory.policy.freezes, inventory.policy.hold_days};
  for (Freeze& freeze : calendar.freezes) {
    freeze.from = freeze.from.plus_days(-inventory.policy.hypercare_days);
  }
  return calendar;
}

void apply_commitments(ScheduleModel& model, const Commitments& commitments) {
  if (!commitments.any()) {
    return;
  }
  const MoveGroups& groups = *model.groups;
  const std::uint32_t open = commitments.first_open;
  const auto fixed_app = [&](Index a) {
    return a < commitments.fixed.size() && commitments.fixed[a] != 0;
  };
  const auto of = [](const std::vector<std::uint32_t>& per_app, Index a) {
    return a < per_app.size() ? per_app[a] : 0U;
  };
  for (std::uint32_t g = 0; g < groups.groups.size(); ++g) {
    Item& item = model.items[g];
    // A group goes as one: the latest wave a member's history or lock gives it.
    for (Index a : groups.groups[g].apps) {
      item.fixed = std::max(item.fixed, of(commitments.fixed, a));
      const std::uint32_t preferred = of(commitments.preferred, a);
      if (preferred != 0 && (item.preferred == 0 || preferred < item.preferred)) {
        item.preferred = preferred;
      }
    }
    if (item.fixed == 0) {
      item.release = std::max(item.release, open);
    }
    if (item.rehearsal) {
      // A rehearsal before the as-of date has happened: where the baseline had it, else the
      // wave before its group's when that is history too.
      Item& rehearsal = model.items[*item.rehearsal];
      std::uint32_t rehearsed = 0;
      for (Index a : groups.groups[g].apps) {
        rehearsed = std::max(rehearsed, of(commitments.rehearsed, a));
      }
      if (rehearsed != 0 && (item.fixed == 0 || rehearsed < item.fixed)) {
        rehearsal.fixed = rehearsed;
      } else if (item.fixed != 0 && item.fixed <= open) {
        rehearsal.fixed = std::max(1U, item.fixed - 1);
      } else {
        rehearsal.release = std::max(rehearsal.release, open);
      }
    }
  }
  // A split limit with history or a lock on one side is as good as the other side can do: its
  // partner is hurried and kept within it where it can be, but a longer split is not a broken
  // plan to repair by joining or delaying.
  for (Distance& d : model.distances) {
    d.pinned = fixed_app(d.app) || fixed_app(d.depends_on);
  }
}

ScheduleModel build_schedule_model(const Inventory& inventory, const DependencyGraph& graph,
                                   const Assessment& assessment, const MoveGroups& groups,
                                   const std::vector<bool>& carried, const Calendar& calendar) {
  ScheduleModel model;
  model.calendar = calendar;
  model.groups = &groups;
  model.items.resize(groups.groups.size());
  describe_apps(inventory, assessment, groups, model.items);
  const auto in_rehearsal =
      add_rehearsals(inventory, groups, rehearsal_servers(inventory, assessment), model.items);
  count_servers(inventory, graph, groups, carried, in_rehearsal, model.items);
  heights_and_due_dates(groups, calendar, model.items);
  distances(inventory, assessment, groups, calendar, model);
  model.pilot = std::any_of(model.items.begin(), model.items.end(),
                            [](const Item& i) { return i.has_pilot_app; });
  model.pilot_strategies = inventory.policy.pilot_strategies;
  return model;
}

namespace {}  // namespace

// Capacity totals: a group too big for any wave takes one alone; waves in which every group is
// frozen count for nothing.
std::pair<std::uint32_t, std::string> capacity_bound(const ScheduleModel& model,
                                                     const Limits& limits) {
  std::uint32_t best = 1;
  std::string reason = "one wave holds everything";
  std::uint32_t alone = 0;
  Usage rest{};
  for (const Item& item : model.items) {
    if (exceeded(item.usage, limits)) {
      ++alone;
    } else {
      for (std::size_t i = 0; i < k_dims; ++i) {
        rest[i] += item.usage[i];
      }
    }
  }
  const auto next_usable = [&](std::uint32_t k) {
    std::uint32_t soonest = std::numeric_limits<std::uint32_t>::max();
    for (const Item& item : model.items) {
      soonest = std::min(soonest, model.calendar.next_open(item.freezes, k));
      if (soonest == k) {
        break;
      }
    }
    return soonest;
  };
  for (std::size_t i = 0; i < k_dims; ++i) {
    if (!limits[i]) {
      continue;
    }
    const auto needed = alone + static_cast<std::uint32_t>(std::ceil(rest[i] / *limits[i] - 1e-9));
    std::uint32_t waves = 0;
    for (std::uint32_t found = 0; found < needed; ++found) {
      waves = next_usable(waves + 1);
    }
    if (waves > best) {
      best = waves;
      reason = fmt::format(
          "{}: {:g} over waves of {:g}{}{}", to_string(static_cast<Limit>(i)), rest[i], *limits[i],
          alone > 0 ? fmt::format(", plus {} oversized", alone) : "",
          waves > needed ? fmt::format(", and {} waves frozen for every app", waves - needed) : "");
    }
  }
  return {best, reason};
}

// The earliest wave each item could take, capacity aside: after its constraints (a rehearsal's
// group after it), its lead time, outside its freezes, and not in the pilot wave unless it may be.
std::pair<std::uint32_t, std::string> order_bound(const Inventory& inv, const ScheduleModel& model,
                                                  std::optional<std::int64_t> lead_cap) {
  const MoveGroups& groups = *model.groups;
  const auto& items = model.items;
  std::uint32_t best = 1;
  std::string reason;
  std::vector<std::uint32_t> earliest(items.size(), 1);
  std::vector<std::uint32_t> waiting(items.size(), 0);
  std::vector<std::uint32_t> ready;
  for (std::uint32_t g = 0; g < items.size(); ++g) {
    waiting[g] =
        g < groups.groups.size()
            ? static_cast<std::uint32_t>(groups.not_before[g].size() + (items[g].rehearsal ? 1 : 0))
            : 0;
    if (waiting[g] == 0) {
      ready.push_back(g);
    }
  }
  while (!ready.empty()) {
    const std::uint32_t g = ready.back();
    ready.pop_back();
    const std::uint32_t lead = model.lead_wave(items[g], lead_cap);
    std::uint32_t k = model.calendar.next_open(items[g].freezes, std::max(earliest[g], lead));
    if (k == 1 && model.pilot && !items[g].pilot_ok) {
      k = model.calendar.next_open(items[g].freezes, 2);
    }
    earliest[g] = k;
    if (k > best) {
      best = k;
      reason = fmt::format("{} hold app {} back until wave {}",
                           k == lead ? fmt::format("a lead time of {} days", items[g].lead_days)
                                     : std::string("freezes and the order of dependencies"),
                           inv.applications[items[g].first_app].id, k);
    }
    const std::uint32_t after = items[g].rehearses ? k + 1 : k;
    for (std::uint32_t next : items[g].successors) {
      earliest[next] = std::max(earliest[next], after);
      if (--waiting[next] == 0) {
        ready.push_back(next);
      }
    }
  }
  return {best, reason};
}

std::pair<std::uint32_t, std::string> lower_bound(const Inventory& inventory,
                                                  const ScheduleModel& model, const Limits& limits,
                                                  std::optional<std::int64_t> lead_cap) {
  if (model.items.empty()) {
    return {0, "no application moves"};
  }
  auto bound = capacity_bound(model, limits);
  auto order = order_bound(inventory, model, lead_cap);
  return order.first > bound.first ? order : bound;
}

}  // namespace dcexit
