// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include <dcexit/plan.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <set>
#include <tuple>

namespace dcexit {

std::string_view to_string(Limit limit) {
  constexpr std::array<std::string_view, 4> k_names = {"max_apps", "max_servers", "max_effort_days",
                                                       "max_storage_gb"};
  return k_names[static_cast<std::size_t>(limit)];
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

namespace {

constexpr std::size_t k_limits = 4;
using Usage = std::array<double, k_limits>;  // apps, servers moved, effort, storage

struct GroupInfo {
  Usage usage{};
  Criticality criticality = Criticality::low;
  bool pilot_ok = true;        // every app at or below the pilot's criticality
  bool has_pilot_app = false;  // some app at or below it
  std::vector<std::uint32_t> freezes;
  std::int32_t due = std::numeric_limits<std::int32_t>::max();  // days: latest day to cut over
  bool overdue = false;      // an end of support has already passed
  std::uint32_t height = 0;  // groups that must come at or after it, along the longest chain
  std::vector<std::uint32_t> successors;
};

std::array<std::optional<double>, k_limits> limits_of(const WavePolicy& wave) {
  const auto as_double = [](const std::optional<std::int64_t>& v) {
    return v ? std::optional(static_cast<double>(*v)) : std::nullopt;
  };
  return {as_double(wave.max_apps), as_double(wave.max_servers), wave.max_effort_days,
          wave.max_storage_gb};
}

std::optional<Limit> exceeded(const Usage& usage,
                              const std::array<std::optional<double>, k_limits>& limits) {
  for (std::size_t i = 0; i < k_limits; ++i) {
    if (limits[i] && usage[i] > *limits[i] + 1e-9) {
      return static_cast<Limit>(i);
    }
  }
  return std::nullopt;
}

struct Calendar {
  Date start;
  std::int64_t length;
  std::vector<Freeze> freezes;
  std::int64_t hold_days = 0;

  // The last wave whose servers can still be switched off by Date::last_supported().
  std::uint32_t last_wave() const {
    const std::int64_t days = Date::last_supported().days - hold_days - start.days + 1;
    return static_cast<std::uint32_t>(std::clamp<std::int64_t>(days / length, 0, UINT32_MAX - 1));
  }

  Date wave_start(std::uint32_t k) const {
    return start.plus_days((static_cast<std::int64_t>(k) - 1) * length);
  }
  Date wave_end(std::uint32_t k) const {
    return start.plus_days(static_cast<std::int64_t>(k) * length - 1);
  }
  Date last_freeze_end() const {
    Date last = start;
    for (const Freeze& f : freezes) {
      last = std::max(last, f.to);
    }
    return last;
  }
  bool overlaps(std::uint32_t f, std::uint32_t k) const {
    return freezes[f].from <= wave_end(k) && wave_start(k) <= freezes[f].to;
  }
  // A freeze that selects every app delays all alike; only selective ones change the order.
  bool selective(std::uint32_t f) const {
    return !freezes[f].tags.empty() || !freezes[f].departments.empty() || !freezes[f].apps.empty();
  }
  // The wave that holds `date` (dates before the start are in "wave 0").
  std::uint32_t wave_holding(Date date) const {
    if (date < start) {
      return 0;
    }
    return static_cast<std::uint32_t>((date.days - start.days) / length) + 1;
  }
  // The first wave from `k` on that none of `freezes_of` (indices) overlaps, jumping over each
  // freeze instead of walking wave by wave (a freeze may span thousands of short waves).
  std::uint32_t next_open(const std::vector<std::uint32_t>& freezes_of, std::uint32_t k) const {
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
  bool frozen(const GroupInfo& g, std::uint32_t k) const {
    return std::any_of(g.freezes.begin(), g.freezes.end(),
                       [&](std::uint32_t f) { return overlaps(f, k); });
  }
};

std::vector<bool> moving_servers(const Inventory& inv, const DependencyGraph& graph,
                                 const Assessment& as) {
  std::vector<bool> moves(inv.servers.size(), false);
  for (Index s = 0; s < inv.servers.size(); ++s) {
    bool mover = false;
    bool retained = false;
    for (Index a : graph.apps_on_server(s)) {
      mover = mover || moves_servers(as.apps[a].strategy);
      retained = retained || as.apps[a].strategy == Strategy::retain;
    }
    moves[s] = mover && !retained;  // a server a retained app keeps stays behind
  }
  return moves;
}

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

std::vector<GroupInfo> describe_groups(const Inventory& inv, const DependencyGraph& graph,
                                       const Assessment& as, const MoveGroups& groups,
                                       const std::vector<bool>& server_moves,
                                       const Calendar& calendar) {
  std::vector<GroupInfo> info(groups.groups.size());
  const auto& pilot = inv.policy.pilot_max_criticality;
  for (std::uint32_t g = 0; g < groups.groups.size(); ++g) {
    GroupInfo& gi = info[g];
    for (Index a : groups.groups[g].apps) {
      const Application& app = inv.applications[a];
      gi.usage[0] += 1;
      gi.usage[2] += as.apps[a].effort.likely;
      gi.criticality = std::max(gi.criticality, app.criticality);
      gi.pilot_ok = gi.pilot_ok && (!pilot || app.criticality <= *pilot);
      gi.has_pilot_app = gi.has_pilot_app || (pilot && app.criticality <= *pilot);
      gi.due = std::min(gi.due, due_date(inv, a, gi.overdue));
      for (std::uint32_t f = 0; f < inv.policy.freezes.size(); ++f) {
        if (freeze_selects(inv, inv.policy.freezes[f], a)) {
          gi.freezes.push_back(f);
        }
      }
    }
    std::sort(gi.freezes.begin(), gi.freezes.end());
    gi.freezes.erase(std::unique(gi.freezes.begin(), gi.freezes.end()), gi.freezes.end());
    for (std::uint32_t before : groups.not_before[g]) {
      info[before].successors.push_back(g);
    }
  }
  for (Index s = 0; s < inv.servers.size(); ++s) {
    if (!server_moves[s]) {
      continue;
    }
    const auto apps = graph.apps_on_server(s);
    const auto owner = std::find_if(apps.begin(), apps.end(),
                                    [&](Index a) { return groups.group_of[a] != k_no_group; });
    if (owner != apps.end()) {
      GroupInfo& gi = info[groups.group_of[*owner]];
      gi.usage[1] += 1;
      gi.usage[3] += inv.servers[s].storage_gb.value_or(0.0);
    }
  }
  // Heights, in reverse topological order (Kahn's algorithm on successors).
  std::vector<std::uint32_t> waiting(info.size(), 0);
  for (std::uint32_t g = 0; g < info.size(); ++g) {
    waiting[g] = static_cast<std::uint32_t>(info[g].successors.size());
  }
  std::vector<std::uint32_t> stack;
  for (std::uint32_t g = 0; g < info.size(); ++g) {
    if (waiting[g] == 0) {
      stack.push_back(g);
    }
  }
  // A group a selective freeze will hold back is due before the freeze's first wave.
  for (GroupInfo& gi : info) {
    std::uint32_t first_blocked = std::numeric_limits<std::uint32_t>::max();
    for (std::uint32_t f : gi.freezes) {
      if (calendar.selective(f) && calendar.freezes[f].to >= calendar.start) {
        first_blocked =
            std::min(first_blocked,
                     std::max<std::uint32_t>(1, calendar.wave_holding(calendar.freezes[f].from)));
      }
    }
    if (first_blocked != std::numeric_limits<std::uint32_t>::max() && first_blocked >= 2) {
      gi.due = std::min(gi.due, calendar.wave_end(first_blocked - 1).days);
    }
  }
  // Heights, and due dates pulled back onto prerequisites, in reverse topological order.
  while (!stack.empty()) {
    const std::uint32_t g = stack.back();
    stack.pop_back();
    for (std::uint32_t before : groups.not_before[g]) {
      info[before].height = std::max(info[before].height, info[g].height + 1);
      info[before].due = std::min(info[before].due, info[g].due);
      if (--waiting[before] == 0) {
        stack.push_back(before);
      }
    }
  }
  return info;
}

// Priority rules, tried in turn; the plan with the fewest waves is kept (ties: the first rule).
enum class Rule : std::uint8_t {
  due_first,    // earliest due date, then already out of support, then the longest chain after it
  chain_first,  // the longest chain after it, then the earliest due date
};

using ReadyKey = std::tuple<std::int64_t, std::int64_t, std::int64_t, Index, std::uint32_t>;

ReadyKey key_of(const GroupInfo& gi, const MoveGroups& groups, std::uint32_t g, Rule rule) {
  const auto height = -static_cast<std::int64_t>(gi.height);
  const Index first = groups.groups[g].apps.front();
  if (rule == Rule::chain_first) {
    return {height, gi.due, gi.overdue ? 0 : 1, first, g};
  }
  return {gi.due, gi.overdue ? 0 : 1, height, first, g};
}

class Scheduler {
 public:
  Scheduler(const MoveGroups& groups, std::vector<GroupInfo> info, const WavePolicy& policy,
            const Calendar& calendar, Rule rule)
      : m_groups(groups),
        m_info(std::move(info)),
        m_limits(limits_of(policy)),
        m_calendar(calendar),
        m_rule(rule) {
    m_pending.resize(m_info.size());
    for (std::uint32_t g = 0; g < m_info.size(); ++g) {
      m_pending[g] = static_cast<std::uint32_t>(groups.not_before[g].size());
      if (m_pending[g] == 0) {
        m_ready.insert(key_of(m_info[g], groups, g, m_rule));
      }
    }
    // Contract invariant 7: once any app may be in the pilot, wave 1 takes nothing else.
    m_pilot = std::any_of(m_info.begin(), m_info.end(),
                          [](const GroupInfo& gi) { return gi.has_pilot_app; });
  }

  // Wave number of every group.
  // Wave number of every group; stops (too_long()) once more than `last` waves would be needed.
  std::vector<std::uint32_t> run(std::vector<std::optional<Limit>>& oversized_waves,
                                 std::uint32_t last) {
    std::vector<std::uint32_t> wave_of(m_info.size(), 0);
    std::size_t placed = 0;
    for (std::uint32_t k = 1; placed < m_info.size(); ++k) {
      // Waves nothing ready may enter (all of it frozen) are skipped in one step, left empty.
      const std::uint32_t open = next_wave_with_work(k);
      if (open > last) {
        m_too_long = true;  // the calendar (or the caller's patience) ends before the plan does
        return wave_of;
      }
      for (; k < open; ++k) {
        oversized_waves.emplace_back();
      }
      Usage used{};
      std::size_t in_wave = 0;
      std::optional<Limit> oversized;
      // Every group holds an app: once max_apps is reached nothing else fits, and the rest of
      // the ready list need not be scanned (the same plan, without a scan per wave).
      const auto full = [&] { return m_limits[0] && used[0] >= *m_limits[0] - 1e-9; };
      // Early waves take critical and high apps only once the others no longer fit.
      const bool defer_critical = k <= 2;
      for (int pass = defer_critical ? 0 : 1; pass < 2 && !oversized && !full(); ++pass) {
        bool changed = true;
        while (changed && !oversized && !full()) {
          changed = false;
          std::size_t scanned = 0;
          for (auto it = m_ready.begin(); it != m_ready.end() && scanned < k_scan_limit;) {
            const std::uint32_t g = std::get<4>(*it);
            const GroupInfo& gi = m_info[g];
            ++scanned;
            // Holding critical apps back is a preference: not for a group with a due date.
            const bool defer = pass == 0 && gi.criticality >= Criticality::high &&
                               gi.due == std::numeric_limits<std::int32_t>::max();
            const bool skip =
                defer || (k == 1 && m_pilot && !gi.pilot_ok) || m_calendar.frozen(gi, k);
            const auto alone = exceeded(gi.usage, m_limits);
            Usage after = used;
            for (std::size_t i = 0; i < k_limits; ++i) {
              after[i] += gi.usage[i];
            }
            const bool fits = alone ? in_wave == 0 : !exceeded(after, m_limits).has_value();
            if (skip || !fits) {
              ++it;
              continue;
            }
            it = m_ready.erase(it);
            wave_of[g] = k;
            ++placed;
            ++in_wave;
            used = after;
            changed = true;
            release(g);
            if (alone) {
              oversized = alone;  // an oversized group has its wave to itself
              break;
            }
            if (full()) {
              break;
            }
          }
        }
      }
      oversized_waves.push_back(oversized);
    }
    return wave_of;
  }

  // Whether run() stopped at the end of the calendar with groups left to place.
  [[nodiscard]] bool too_long() const { return m_too_long; }

 private:
  static constexpr std::size_t k_scan_limit = 20'000;

  // The first wave from `k` on that some ready group may enter, freezes aside from capacity.
  std::uint32_t next_wave_with_work(std::uint32_t k) const {
    std::uint32_t best = std::numeric_limits<std::uint32_t>::max();
    std::size_t looked = 0;
    for (const ReadyKey& key : m_ready) {
      const GroupInfo& gi = m_info[std::get<4>(key)];
      std::uint32_t open = m_calendar.next_open(gi.freezes, k);
      if (open == 1 && m_pilot && !gi.pilot_ok) {
        open = m_calendar.next_open(gi.freezes, 2);
      }
      best = std::min(best, open);
      if (best == k || ++looked > k_scan_limit) {
        return k;
      }
    }
    return best == std::numeric_limits<std::uint32_t>::max() ? k : best;
  }

  void release(std::uint32_t g) {
    for (std::uint32_t next : m_info[g].successors) {
      if (--m_pending[next] == 0) {
        m_ready.insert(key_of(m_info[next], m_groups, next, m_rule));
      }
    }
  }

  const MoveGroups& m_groups;
  std::vector<GroupInfo> m_info;
  std::array<std::optional<double>, k_limits> m_limits;
  const Calendar& m_calendar;  // outlives the scheduler
  std::vector<std::uint32_t> m_pending;
  std::set<ReadyKey> m_ready;
  bool m_pilot = false;
  bool m_too_long = false;
  Rule m_rule;
};

// A bound no plan can beat: capacity totals (a group too big for any wave takes one alone),
// the pilot wave, and groups held back by freezes.
std::pair<std::uint32_t, std::string> lower_bound(const Inventory& inv, const MoveGroups& groups,
                                                  const std::vector<GroupInfo>& info,
                                                  const WavePolicy& policy,
                                                  const Calendar& calendar) {
  if (info.empty()) {
    return {0, "no application moves"};
  }
  const auto limits = limits_of(policy);
  std::uint32_t best = 1;
  std::string reason = "one wave holds everything";
  std::uint32_t alone = 0;
  Usage rest{};
  for (const GroupInfo& gi : info) {
    if (exceeded(gi.usage, limits)) {
      ++alone;
    } else {
      for (std::size_t i = 0; i < k_limits; ++i) {
        rest[i] += gi.usage[i];
      }
    }
  }
  // A wave in which every group is frozen is of no use to anyone: capacity counts usable waves.
  const auto next_usable = [&](std::uint32_t k) {
    std::uint32_t soonest = std::numeric_limits<std::uint32_t>::max();
    for (const GroupInfo& gi : info) {
      soonest = std::min(soonest, calendar.next_open(gi.freezes, k));
      if (soonest == k) {
        break;
      }
    }
    return soonest;
  };
  const auto waves_for = [&](std::uint32_t needed) {
    std::uint32_t k = 0;
    for (std::uint32_t found = 0; found < needed; ++found) {
      k = next_usable(k + 1);
    }
    return k;
  };
  for (std::size_t i = 0; i < k_limits; ++i) {
    if (!limits[i]) {
      continue;
    }
    const auto needed = alone + static_cast<std::uint32_t>(std::ceil(rest[i] / *limits[i] - 1e-9));
    const std::uint32_t waves = waves_for(needed);
    if (waves > best) {
      best = waves;
      reason = fmt::format(
          "{}: {:g} over waves of {:g}{}{}", to_string(static_cast<Limit>(i)), rest[i], *limits[i],
          alone > 0 ? fmt::format(", plus {} oversized", alone) : "",
          waves > needed ? fmt::format(", and {} waves frozen for every app", waves - needed) : "");
    }
  }
  // The earliest wave each group could take, capacity aside: after its constraints, outside
  // its freezes, and not in the pilot wave unless it may be.
  const bool pilot =
      std::any_of(info.begin(), info.end(), [](const GroupInfo& gi) { return gi.has_pilot_app; });
  std::vector<std::uint32_t> earliest(info.size(), 1);
  std::vector<std::uint32_t> waiting(info.size(), 0);
  std::vector<std::uint32_t> ready;
  for (std::uint32_t g = 0; g < info.size(); ++g) {
    waiting[g] = static_cast<std::uint32_t>(groups.not_before[g].size());
    if (waiting[g] == 0) {
      ready.push_back(g);
    }
  }
  while (!ready.empty()) {
    const std::uint32_t g = ready.back();
    ready.pop_back();
    std::uint32_t k = calendar.next_open(info[g].freezes, earliest[g]);
    if (k == 1 && pilot && !info[g].pilot_ok) {
      k = calendar.next_open(info[g].freezes, 2);
    }
    earliest[g] = k;
    if (k > best) {
      best = k;
      reason = fmt::format("freezes and the order of dependencies hold app {} back until wave {}",
                           inv.applications[groups.groups[g].apps.front()].id, k);
    }
    for (std::uint32_t next : info[g].successors) {
      earliest[next] = std::max(earliest[next], k);
      if (--waiting[next] == 0) {
        ready.push_back(next);
      }
    }
  }
  return {best, reason};
}

}  // namespace

// Each rule on its own copy; large estates get the first rule only, to keep to the time budget.
constexpr std::size_t k_all_rules_below = 20'000;

struct WaveTrials::Impl {
  const Inventory& inventory;
  const MoveGroups& groups;
  Calendar calendar;
  std::vector<GroupInfo> info;
  mutable std::uint64_t runs = 0;
  mutable std::uint64_t waves = 0;
};

WaveTrials::WaveTrials(const Inventory& inventory, const DependencyGraph& graph,
                       const Assessment& assessment, const MoveGroups& groups) {
  const Calendar calendar{inventory.estate.start, inventory.policy.wave.length_days,
                          inventory.policy.freezes, inventory.policy.hold_days};
  const std::vector<bool> server_moves = moving_servers(inventory, graph, assessment);
  m_impl = std::make_unique<Impl>(
      Impl{inventory, groups, calendar,
           describe_groups(inventory, graph, assessment, groups, server_moves, calendar)});
}

WaveTrials::~WaveTrials() = default;

std::optional<std::uint32_t> WaveTrials::waves_needed(const WavePolicy& limits,
                                                      std::uint32_t most) const {
  const Impl& m = *m_impl;
  if (lower_bound(m.inventory, m.groups, m.info, limits, m.calendar).first > most) {
    return std::nullopt;
  }
  std::optional<std::uint32_t> best;
  for (Rule rule : {Rule::due_first, Rule::chain_first}) {
    if (rule != Rule::due_first && m.info.size() >= k_all_rules_below) {
      break;
    }
    Scheduler scheduler(m.groups, m.info, limits, m.calendar, rule);
    std::vector<std::optional<Limit>> oversized;
    scheduler.run(oversized, std::min(most, m.calendar.last_wave()));
    ++m.runs;
    m.waves += oversized.size();
    if (!scheduler.too_long()) {
      best = std::min(best.value_or(UINT32_MAX), static_cast<std::uint32_t>(oversized.size()));
    }
  }
  return best;
}

std::uint64_t WaveTrials::runs() const {
  return m_impl->runs;
}
std::uint64_t WaveTrials::waves_scheduled() const {
  return m_impl->waves;
}

WavePlan plan_waves(const Inventory& inventory, const DependencyGraph& graph,
                    const Assessment& assessment, const MoveGroups& groups) {
  const WavePolicy& limits = inventory.policy.wave;
  WavePlan plan;
  plan.server_moves = moving_servers(inventory, graph, assessment);
  const Calendar calendar{inventory.estate.start, limits.length_days, inventory.policy.freezes,
                          inventory.policy.hold_days};
  const std::vector<GroupInfo> groups_info =
      describe_groups(inventory, graph, assessment, groups, plan.server_moves, calendar);
  std::vector<std::optional<Limit>> oversized;
  std::vector<std::uint32_t> wave_of_group;
  for (Rule rule : {Rule::due_first, Rule::chain_first}) {
    if (rule != Rule::due_first && groups_info.size() >= k_all_rules_below) {
      break;
    }
    Scheduler scheduler(groups, groups_info, limits, calendar, rule);
    std::vector<std::optional<Limit>> trial_oversized;
    std::vector<std::uint32_t> trial = scheduler.run(trial_oversized, calendar.last_wave());
    if (scheduler.too_long()) {
      continue;
    }
    if (wave_of_group.empty() || trial_oversized.size() < oversized.size()) {
      oversized = std::move(trial_oversized);
      wave_of_group = std::move(trial);
    }
  }
  std::tie(plan.lower_bound_waves, plan.lower_bound_reason) =
      lower_bound(inventory, groups, groups_info, limits, calendar);
  if (wave_of_group.empty() && !groups_info.empty()) {
    plan.too_long = true;  // every rule ran past the end of the calendar
    plan.wave_of.assign(inventory.applications.size(), 0);
    return plan;
  }

  plan.waves.resize(oversized.size());
  for (std::uint32_t k = 1; k <= plan.waves.size(); ++k) {
    Wave& wave = plan.waves[k - 1];
    wave.number = k;
    wave.start = calendar.wave_start(k);
    wave.end = calendar.wave_end(k);
    wave.oversized = oversized[k - 1];
    for (std::uint32_t f = 0; f < inventory.policy.freezes.size(); ++f) {
      if (calendar.overlaps(f, k)) {
        wave.freezes.push_back(f);
      }
    }
  }
  plan.wave_of.assign(inventory.applications.size(), 0);
  for (Index a = 0; a < inventory.applications.size(); ++a) {  // ascending ids: apps stay sorted
    const std::uint32_t g = groups.group_of[a];
    if (g == k_no_group) {
      continue;
    }
    const std::uint32_t k = wave_of_group[g];
    plan.wave_of[a] = k;
    plan.waves[k - 1].apps.push_back(a);
    plan.waves[k - 1].effort_days += assessment.apps[a].effort.likely;
  }
  for (Index s = 0; s < inventory.servers.size(); ++s) {
    if (!plan.server_moves[s]) {
      continue;
    }
    for (Index a : graph.apps_on_server(s)) {
      if (plan.wave_of[a] != 0) {
        Wave& wave = plan.waves[plan.wave_of[a] - 1];
        wave.servers_moved.push_back(s);
        wave.storage_gb += inventory.servers[s].storage_gb.value_or(0.0);
        break;
      }
    }
  }
  for (Wave& wave : plan.waves) {
    wave.effort_days = std::round(wave.effort_days * 10.0) / 10.0;
  }
  return plan;
}

}  // namespace dcexit
