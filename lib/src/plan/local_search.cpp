// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "plan/local_search.hpp"

#include <algorithm>
#include <numeric>

namespace dcexit {

namespace {

class Justifier {
 public:
  Justifier(const ScheduleModel& model, const Limits& limits, const Schedule& start)
      : m_model(model),
        m_items(model.items),
        m_limits(limits),
        m_wave_of(start.wave_of),
        m_last(static_cast<std::uint32_t>(start.oversized.size())) {
    const std::size_t n = m_items.size();
    m_alone.resize(n);
    m_pinned.resize(n);
    m_loads.assign(m_last + 2, WaveLoad{});
    m_members.assign(m_last + 2, {});
    std::uint8_t routes = 0;
    for (Strategy s : m_model.pilot_strategies) {
      routes = static_cast<std::uint8_t>(routes | (1U << static_cast<unsigned>(s)));
    }
    for (std::uint32_t g = 0; g < n; ++g) {
      m_alone[g] = oversized(m_items[g], m_limits);
      // A wave-1 item of a route the pilot proves stays there: the route stays proved.
      m_pinned[g] = m_wave_of[g] == 1 && (m_items[g].strategies & routes) != 0;
      enter(g, m_wave_of[g]);
    }
    topological_order();
  }

  // One backward then one forward pass; returns the last wave used after it.
  std::uint32_t round() {
    std::vector<std::uint32_t> order(m_items.size());
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return std::pair(m_wave_of[a], m_topo[a]) > std::pair(m_wave_of[b], m_topo[b]);
    });
    for (std::uint32_t g : order) {
      move_late(g);
    }
    // What is left in the last wave may still go earlier by taking the place of an item that
    // can itself move later, but not into the last wave: across a full wave before a freeze.
    const std::uint32_t last = forward();
    const std::vector<std::uint32_t> tail = m_members[last];
    for (std::uint32_t g : tail) {
      swap_early(g, last);
    }
    return last_used();
  }

  // Every item as early as it can go, earliest first; returns the last wave used after it.
  std::uint32_t forward() {
    std::vector<std::uint32_t> order(m_items.size());
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return std::pair(m_wave_of[a], m_topo[a]) < std::pair(m_wave_of[b], m_topo[b]);
    });
    for (std::uint32_t g : order) {
      move_early(g);
    }
    return last_used();
  }

  [[nodiscard]] std::uint32_t last_used() const {
    return *std::max_element(m_wave_of.begin(), m_wave_of.end());
  }

  [[nodiscard]] Schedule schedule(std::uint32_t last) const {
    Schedule out;
    out.wave_of = m_wave_of;
    out.oversized.resize(last);
    for (std::uint32_t g = 0; g < m_items.size(); ++g) {
      if (m_alone[g]) {
        out.oversized[m_wave_of[g] - 1] = exceeded(m_items[g].usage, m_limits);
      }
    }
    return out;
  }

  [[nodiscard]] std::uint64_t looked() const { return m_looked; }
  void shorten_to(std::uint32_t last) { m_last = last; }

 private:
  void enter(std::uint32_t g, std::uint32_t k) {
    m_loads[k].add(m_items[g].usage, m_alone[g]);
    m_wave_of[g] = k;
    m_members[k].push_back(g);
  }
  void leave(std::uint32_t g) {
    const std::uint32_t k = m_wave_of[g];
    m_loads[k].remove(m_items[g].usage, m_alone[g]);
    auto& members = m_members[k];
    members.erase(std::find(members.begin(), members.end(), g));
  }

  // Whether g may take wave k (g being elsewhere): the exact model's per-wave constraints.
  [[nodiscard]] bool may_take(std::uint32_t g, std::uint32_t k) {
    ++m_looked;
    const Item& item = m_items[g];
    if (!m_model.admits(item, k)) {
      return false;
    }
    return m_loads[k].fits(item.usage, m_alone[g], m_limits);
  }

  // Whether every order and split constraint of `h` holds with `h` in wave `k`, the others
  // where they are.
  [[nodiscard]] bool ordered_at(std::uint32_t h, std::uint32_t k) const {
    if (h < m_model.groups->groups.size()) {
      for (std::uint32_t before : m_model.groups->not_before[h]) {
        if (m_wave_of[before] > k) {
          return false;
        }
      }
    }
    if (const auto& rehearsal = m_items[h].rehearsal; rehearsal && m_wave_of[*rehearsal] + 1 > k) {
      return false;
    }
    const std::uint32_t gap = m_items[h].rehearses ? 1 : 0;
    for (std::uint32_t next : m_items[h].successors) {
      if (m_wave_of[next] < k + gap) {
        return false;
      }
    }
    for (const auto& [partner, waves] : m_model.partners[h]) {
      const std::uint32_t at = m_wave_of[partner];
      if ((at > k ? at - k : k - at) > waves) {
        return false;
      }
    }
    return true;
  }

  // Moves `g` out of the last wave `last` into an earlier wave `k` in place of an item `h` of
  // it that moves to a wave after `k` and before `last`. Bounded: k_scan_waves waves for g,
  // k_scan_members items of each, k_scan_waves waves for h.
  void swap_early(std::uint32_t g, std::uint32_t last) {
    constexpr std::size_t k_scan_members = 32;
    if (m_pinned[g] || m_alone[g]) {
      return;
    }
    for (std::uint32_t k = 1; k < last && k <= k_scan_waves; ++k) {
      if (!ordered_at(g, k)) {
        continue;
      }
      const std::vector<std::uint32_t> members = m_members[k];
      for (std::size_t i = 0; i < members.size() && i < k_scan_members; ++i) {
        const std::uint32_t h = members[i];
        if (m_pinned[h] || m_alone[h]) {
          continue;
        }
        leave(h);
        leave(g);
        if (may_take(g, k) && ordered_at(g, k)) {
          enter(g, k);
          for (std::uint32_t to = k + 1; to < last && to <= k + k_scan_waves; ++to) {
            if (ordered_at(h, to) && may_take(h, to)) {
              enter(h, to);
              return;
            }
          }
          leave(g);
        }
        enter(g, last);
        enter(h, k);
      }
    }
  }

  void move_late(std::uint32_t g) {
    if (m_pinned[g]) {
      return;
    }
    std::uint32_t latest = m_last;
    const std::uint32_t gap = m_items[g].rehearses ? 1 : 0;
    for (std::uint32_t next : m_items[g].successors) {
      latest = std::min(latest, m_wave_of[next] - gap);
    }
    for (const auto& [partner, waves] : m_model.partners[g]) {
      latest = std::min(latest, m_wave_of[partner] + waves);
    }
    const std::uint32_t now = m_wave_of[g];
    const std::uint32_t stop = latest > now + k_scan_waves ? latest - k_scan_waves : now;
    for (std::uint32_t k = latest; k > stop; --k) {
      if (may_take(g, k)) {
        leave(g);
        enter(g, k);
        return;
      }
    }
  }

  void move_early(std::uint32_t g) {
    std::uint32_t earliest = 1;
    if (g < m_model.groups->groups.size()) {
      for (std::uint32_t before : m_model.groups->not_before[g]) {
        earliest = std::max(earliest, m_wave_of[before]);
      }
    }
    if (const auto& rehearsal = m_items[g].rehearsal) {
      earliest = std::max(earliest, m_wave_of[*rehearsal] + 1);
    }
    for (const auto& [partner, waves] : m_model.partners[g]) {
      if (m_wave_of[partner] > waves) {
        earliest = std::max(earliest, m_wave_of[partner] - waves);
      }
    }
    const std::uint32_t now = m_wave_of[g];
    const std::uint32_t stop = std::min(now, earliest + k_scan_waves);
    for (std::uint32_t k = earliest; k < stop; ++k) {
      if (may_take(g, k)) {
        leave(g);
        enter(g, k);
        return;
      }
    }
  }

  // Kahn's order over the items' successors: ties within a wave are taken in it.
  void topological_order() {
    const std::size_t n = m_items.size();
    std::vector<std::uint32_t> pending(n, 0);
    for (const Item& item : m_items) {
      for (std::uint32_t next : item.successors) {
        ++pending[next];
      }
    }
    std::vector<std::uint32_t> ready;
    for (std::uint32_t g = 0; g < n; ++g) {
      if (pending[g] == 0) {
        ready.push_back(g);
      }
    }
    m_topo.assign(n, 0);
    std::uint32_t position = 0;
    for (std::size_t head = 0; head < ready.size(); ++head) {
      const std::uint32_t g = ready[head];
      m_topo[g] = position++;
      for (std::uint32_t next : m_items[g].successors) {
        if (--pending[next] == 0) {
          ready.push_back(next);
        }
      }
    }
  }

  const ScheduleModel& m_model;
  const std::vector<Item>& m_items;
  const Limits& m_limits;
  std::vector<std::uint32_t> m_wave_of;
  std::uint32_t m_last;
  std::vector<bool> m_alone;
  std::vector<bool> m_pinned;
  std::vector<WaveLoad> m_loads;                      // per wave (1-based)
  std::vector<std::vector<std::uint32_t>> m_members;  // per wave, the items in it
  std::vector<std::uint32_t> m_topo;
  std::uint64_t m_looked = 0;
};

}  // namespace

Schedule shift_early(const ScheduleModel& model, const Limits& limits, const Schedule& start) {
  if (model.items.empty() || start.oversized.empty()) {
    return start;
  }
  Justifier justifier(model, limits, start);
  return justifier.schedule(justifier.forward());
}

Improvement improve_schedule(const ScheduleModel& model, const Limits& limits,
                             const Schedule& start, std::uint32_t rounds) {
  Improvement out;
  if (model.items.empty() || start.oversized.empty()) {
    return out;
  }
  Justifier justifier(model, limits, start);
  auto best = static_cast<std::uint32_t>(start.oversized.size());
  while (out.rounds < rounds) {
    ++out.rounds;
    const std::uint32_t last = justifier.round();
    if (last >= best) {
      break;
    }
    best = last;
    justifier.shorten_to(last);
    out.schedule = justifier.schedule(last);
  }
  out.looked = justifier.looked();
  return out;
}

}  // namespace dcexit
