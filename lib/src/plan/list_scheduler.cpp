// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "plan/list_scheduler.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <tuple>

namespace dcexit {

namespace {

// An item's place in the ready list, best first: with a baseline to keep, an item still on
// time for its baseline wave (minus that wave: a later one first); then three keys in the
// rule's order (chain first: the longest chain after it, its due day, overdue first; due first:
// its due day, overdue first, the longest chain); then its first app's id; then the item.
struct ReadyKey {
  std::int64_t kept = 0;
  std::array<std::int64_t, 3> order{};
  Index first_app = 0;
  std::uint32_t item = 0;
  bool operator<(const ReadyKey& other) const {
    return std::tie(kept, order, first_app, item) <
           std::tie(other.kept, other.order, other.first_app, other.item);
  }
};

class Scheduler {
 public:
  Scheduler(const ScheduleModel& model, const Limits& limits, Rule rule,
            std::optional<std::int64_t> lead_cap, bool honour_preferred)
      : m_model(model),
        m_items(model.items),
        m_limits(limits),
        m_rule(rule),
        m_honour_preferred(honour_preferred) {
    m_due.resize(m_items.size());
    m_pending.resize(m_items.size());
    m_earliest.resize(m_items.size());
    m_wave_of.assign(m_items.size(), 0);
    const std::size_t group_count = m_model.groups->groups.size();
    for (std::uint32_t g = 0; g < m_items.size(); ++g) {
      m_due[g] = m_items[g].due;
      m_earliest[g] = std::max(m_model.lead_wave(m_items[g], lead_cap), m_items[g].release);
      m_pending[g] = g < group_count
                         ? static_cast<std::uint32_t>(m_model.groups->not_before[g].size() +
                                                      (m_items[g].rehearsal ? 1 : 0))
                         : 0;
      if (honour_preferred && m_items[g].preferred != 0) {
        m_earliest[g] = std::max(m_earliest[g], m_items[g].preferred);
      }
      if (m_pending[g] == 0 && m_items[g].fixed == 0) {
        m_ready.insert(key_of(g));
      }
    }
    // History and locks first (contract programme.md section 3): in their waves, whatever the
    // limits or the order say; what must come before a locked item is due before it.
    for (std::uint32_t g = 0; g < m_items.size(); ++g) {
      if (const std::uint32_t k = m_items[g].fixed; k != 0) {
        m_fixed.resize(std::max<std::size_t>(m_fixed.size(), k + 1));
        m_fixed[k].add(m_items[g].usage, oversized(m_items[g], m_limits));
        ++m_placed_fixed;
        place(g, k);
        const std::int32_t due = k > 1 ? m_model.calendar.wave_end(k - 1).days : 0;
        if (g < group_count) {
          for (std::uint32_t before : m_model.groups->not_before[g]) {
            tighten(before, due);
          }
        }
        if (m_items[g].rehearsal) {
          tighten(*m_items[g].rehearsal, due);
        }
      }
    }
  }

  std::optional<Schedule> run(std::uint32_t last) {
    Schedule schedule;
    std::size_t placed = m_placed_fixed;
    for (std::uint32_t k = 1; placed < m_items.size(); ++k) {
      // Waves nothing ready may enter (all of it frozen) are skipped in one step, left empty.
      const std::uint32_t open = next_wave_with_work(k);
      if (open > last) {
        return std::nullopt;  // the calendar (or the caller's patience) ends before the plan does
      }
      for (; k < open; ++k) {
        schedule.oversized.emplace_back();
      }
      schedule.oversized.push_back(fill_wave(k, placed));
    }
    if (m_placed_fixed != 0) {  // locked items may lie beyond the rest
      if (m_fixed.size() - 1 > last) {
        return std::nullopt;
      }
      schedule.oversized.resize(std::max(schedule.oversized.size(), m_fixed.size() - 1));
      std::vector<std::uint32_t> count(schedule.oversized.size() + 1, 0);
      for (std::uint32_t k : m_wave_of) {
        ++count[k];
      }
      for (std::uint32_t g = 0; g < m_items.size(); ++g) {
        if (count[m_wave_of[g]] == 1) {
          schedule.oversized[m_wave_of[g] - 1] = exceeded(m_items[g].usage, m_limits);
        }
      }
    }
    schedule.wave_of = std::move(m_wave_of);
    return schedule;
  }

 private:
  // A scan of the ready list (one pass of a wave, the pilot's routes, the next open wave) looks
  // at no more than this many items: with 100,000 ready groups and waves of a few apps, a full
  // scan per wave would be quadratic. Items further down the priority order wait for the next
  // pass or wave. Every plan stays valid; only an estate with more ready items than this at once
  // can get another plan than a full scan would give (none of the goldens or the hidden
  // council-sized estates comes near it; the 100,000-app bench does).
  static constexpr std::size_t k_scan_limit = 20'000;

  ReadyKey key_of(std::uint32_t g) const {
    const Item& item = m_items[g];
    const auto height = -static_cast<std::int64_t>(item.height);
    const Index first = item.first_app;
    const std::int64_t kept = m_honour_preferred ? -static_cast<std::int64_t>(item.preferred) : 0;
    const std::int64_t overdue = item.overdue ? 0 : 1;
    if (m_rule == Rule::chain_first) {
      return {kept, {height, m_due[g], overdue}, first, g};
    }
    return {kept, {m_due[g], overdue, height}, first, g};
  }

  // Places what fits in wave `k`, in priority order; returns the limit an oversized item broke.
  std::optional<Limit> fill_wave(std::uint32_t k, std::size_t& placed) {
    WaveLoad load = k < m_fixed.size() ? m_fixed[k] : WaveLoad{};
    if (k == 1) {
      prove_pilot_routes(load, placed);
    }
    std::optional<Limit> broke;
    // Early waves take critical and high apps only once the others no longer fit.
    for (int pass = k <= 2 ? 0 : 1; pass < 2 && !broke && !full(load); ++pass) {
      while (!broke && !full(load) && take_ready(k, pass == 0, load, placed, broke)) {
      }
    }
    return broke;
  }

  // Every item holds an app: once max_apps is reached nothing else fits, and the rest of the
  // ready list need not be scanned (the same plan, without a scan per wave).
  [[nodiscard]] bool full(const WaveLoad& load) const {
    return m_limits[0] && load.used[0] >= *m_limits[0] - 1e-9;
  }

  // One scan of the ready list in priority order, placing in wave `k` each item that may enter
  // it and fits (an oversized one ends the wave, setting `broke`); true when it placed one.
  bool take_ready(std::uint32_t k, bool hold_critical, WaveLoad& load, std::size_t& placed,
                  std::optional<Limit>& broke) {
    bool changed = false;
    std::size_t scanned = 0;
    for (auto it = m_ready.begin(); it != m_ready.end() && scanned < k_scan_limit;) {
      const std::uint32_t g = it->item;
      const Item& item = m_items[g];
      ++scanned;
      // Holding critical apps back is a preference: not for an item with a due date.
      const bool defer = hold_critical && item.criticality >= Criticality::high &&
                         m_due[g] == std::numeric_limits<std::int32_t>::max();
      const bool alone = oversized(item, m_limits);
      if (defer || !may_enter(g, k) || !load.fits(item.usage, alone, m_limits)) {
        ++it;
        continue;
      }
      it = m_ready.erase(it);
      const bool reordered = place(g, k);
      ++placed;
      load.add(item.usage, alone);
      changed = true;
      if (alone) {
        broke = exceeded(item.usage, m_limits);  // an oversized item has its wave to itself
        break;
      }
      if (full(load)) {
        break;
      }
      if (reordered) {  // a partner's priority rose, and `it` may no longer be valid
        it = m_ready.begin();
        scanned = 0;
      }
    }
    return changed;
  }

  static void add(Usage& to, const Usage& usage) {
    for (std::size_t i = 0; i < k_dims; ++i) {
      to[i] += usage[i];
    }
  }

  // The model's admissibility rule from this item's earliest wave: its lead time (capped, for
  // the bound's trials), release, baseline wave or rehearsal.
  [[nodiscard]] bool may_enter(std::uint32_t g, std::uint32_t k) const {
    return m_model.open_from(m_items[g], k, m_earliest[g]);
  }

  // Wave 1 first takes, for each route the pilot must prove that it does not yet hold, the
  // first item in priority order of that strategy that may be there, with the unplaced items it
  // depends on when they all may be there too and fit.
  void prove_pilot_routes(WaveLoad& load, std::size_t& placed) {
    for (Strategy strategy : m_model.pilot_strategies) {
      const auto bit = static_cast<std::uint8_t>(1U << static_cast<unsigned>(strategy));
      if (std::any_of(m_wave1.begin(), m_wave1.end(),
                      [&](std::uint32_t g) { return (m_items[g].strategies & bit) != 0; })) {
        continue;
      }
      std::vector<std::uint32_t> best;
      std::size_t looked = 0;
      for (const ReadyKey& key : m_ready) {
        const std::uint32_t g = key.item;
        if ((m_items[g].strategies & bit) != 0 && ++looked <= k_scan_limit) {
          auto closure = pilot_closure(g, load.used);
          if (!closure.empty() && (best.empty() || closure.size() < best.size())) {
            best = std::move(closure);
          }
        }
      }
      for (std::uint32_t g = 0; best.empty() && g < m_model.groups->groups.size(); ++g) {
        if ((m_items[g].strategies & bit) != 0 && m_pending[g] != 0 && ++looked <= k_scan_limit) {
          best = pilot_closure(g, load.used);
        }
      }
      for (std::uint32_t g : best) {  // in topological order: each is ready when placed
        m_ready.erase(key_of(g));
        place(g, 1);
        load.add(m_items[g].usage, false);  // a closure holds no oversized item
        ++placed;
      }
    }
  }

  // `g` and its unplaced prerequisites in topological order, when every one may be in wave 1
  // and together they fit beside `used`; empty otherwise.
  [[nodiscard]] std::vector<std::uint32_t> pilot_closure(std::uint32_t g, const Usage& used) const {
    constexpr std::size_t k_most = 64;
    std::vector<std::uint32_t> order;
    std::vector<std::pair<std::uint32_t, bool>> stack = {{g, false}};
    std::set<std::uint32_t> seen;
    Usage after = used;
    while (!stack.empty()) {
      const auto [h, done] = stack.back();
      stack.pop_back();
      if (done) {
        order.push_back(h);
        continue;
      }
      if (m_wave_of[h] != 0 || !seen.insert(h).second) {
        continue;
      }
      if (seen.size() > k_most || m_items[h].rehearsal || !may_enter(h, 1) ||
          oversized(m_items[h], m_limits)) {
        return {};
      }
      add(after, m_items[h].usage);
      stack.emplace_back(h, true);
      for (std::uint32_t before : m_model.groups->not_before[h]) {
        stack.emplace_back(before, false);
      }
    }
    return exceeded(after, m_limits) ? std::vector<std::uint32_t>{} : order;
  }

  // Places `g` in wave `k`; true when a split partner's due date was tightened.
  bool place(std::uint32_t g, std::uint32_t k) {
    m_wave_of[g] = k;
    if (k == 1) {
      m_wave1.push_back(g);
    }
    if (m_items[g].rehearses) {
      m_earliest[*m_items[g].rehearses] = std::max(m_earliest[*m_items[g].rehearses], k + 1);
    }
    for (std::uint32_t next : m_items[g].successors) {
      if (--m_pending[next] == 0 && m_items[next].fixed == 0) {
        m_ready.insert(key_of(next));
      }
    }
    // A split limit: the partner is now due by the end of wave k + limit.
    bool reordered = false;
    for (const auto& [partner, waves] : m_model.partners[g]) {
      if (m_wave_of[partner] == 0) {
        reordered = tighten(partner, m_model.calendar.wave_end(k + waves).days) || reordered;
      }
    }
    return reordered;
  }

  // Lowers `g`'s due date to `due`, and its unplaced prerequisites' with it; true if any fell.
  bool tighten(std::uint32_t g, std::int32_t due) {
    bool lowered = false;
    std::vector<std::uint32_t> stack = {g};
    while (!stack.empty()) {
      const std::uint32_t h = stack.back();
      stack.pop_back();
      if (m_wave_of[h] != 0 || m_items[h].fixed != 0 || m_due[h] <= due) {
        continue;
      }
      const bool ready = m_pending[h] == 0;
      if (ready) {
        m_ready.erase(key_of(h));
      }
      m_due[h] = due;
      lowered = true;
      if (ready) {
        m_ready.insert(key_of(h));
      }
      if (h < m_model.groups->groups.size()) {
        for (std::uint32_t before : m_model.groups->not_before[h]) {
          stack.push_back(before);
        }
        if (m_items[h].rehearsal) {
          stack.push_back(*m_items[h].rehearsal);
        }
      }
    }
    return lowered;
  }

  // The first wave from `k` on that some ready item may enter, freezes aside from capacity.
  std::uint32_t next_wave_with_work(std::uint32_t k) const {
    std::uint32_t best = std::numeric_limits<std::uint32_t>::max();
    std::size_t looked = 0;
    for (const ReadyKey& key : m_ready) {
      const std::uint32_t g = key.item;
      const Item& item = m_items[g];
      std::uint32_t open = m_model.calendar.next_open(item.freezes, std::max(k, m_earliest[g]));
      if (open == 1 && m_model.pilot && !item.pilot_ok) {
        open = m_model.calendar.next_open(item.freezes, 2);
      }
      best = std::min(best, open);
      if (best == k || ++looked > k_scan_limit) {
        return k;
      }
    }
    return best == std::numeric_limits<std::uint32_t>::max() ? k : best;
  }

  const ScheduleModel& m_model;
  const std::vector<Item>& m_items;
  Limits m_limits;
  Rule m_rule;
  bool m_honour_preferred;
  std::vector<std::int32_t> m_due;
  std::vector<std::uint32_t> m_pending;
  std::vector<std::uint32_t> m_earliest;  // lead time, then a wave after the rehearsal
  std::vector<std::uint32_t> m_wave_of;
  std::vector<std::uint32_t> m_wave1;  // the items in the pilot wave
  std::vector<WaveLoad> m_fixed;       // per wave: what history and locks use
  std::size_t m_placed_fixed = 0;
  std::set<ReadyKey> m_ready;
};

}  // namespace

std::optional<Schedule> list_schedule(const ScheduleModel& model, const Limits& limits, Rule rule,
                                      std::uint32_t last, std::optional<std::int64_t> lead_cap,
                                      bool honour_preferred) {
  return Scheduler(model, limits, rule, lead_cap, honour_preferred).run(last);
}

std::vector<Distance> violated_distances(const ScheduleModel& model, const Schedule& schedule) {
  std::vector<Distance> out;
  for (const Distance& d : model.distances) {
    const std::uint32_t wa = schedule.wave_of[d.a];
    const std::uint32_t wb = schedule.wave_of[d.b];
    if ((wa > wb ? wa - wb : wb - wa) > d.waves) {
      out.push_back(d);
    }
  }
  return out;
}

}  // namespace dcexit
