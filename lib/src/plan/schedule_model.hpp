// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: the scheduling problem behind the plan. Items (one per move group) are placed in
// numbered waves under capacity limits, freezes, the pilot, an order between them and a most
// distance between some pairs (split limits), lead times and rehearsals. The list scheduler and
// the lower bound read it.
#pragma once

#include "plan/calendar.hpp"

#include <dcexit/plan.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace dcexit {

inline constexpr std::size_t k_dims = 6;  // the Limits, in their order
// apps, servers moved, effort, storage, critical apps, transfer
using Usage = std::array<double, k_dims>;
using Limits = std::array<std::optional<double>, k_dims>;

// The GB a link carries in one wave (contract programme.md section 2).
double transfer_per_wave(const Network& network, std::int64_t length_days);
Limits limits_of(const Policy& policy);
// The first limit `usage` goes over, if any.
std::optional<Limit> exceeded(const Usage& usage, const Limits& limits);

struct Item;

// The one oversized rule: an item that alone breaks a limit takes a wave to itself. The list
// scheduler, local search and the simulation keep it through WaveLoad; the exact optimiser
// writes it as rows.
bool oversized(const Item& item, const Limits& limits);

// What the items in one wave use, and the capacity rule every scheduler keeps with it.
struct WaveLoad {
  Usage used{};
  std::uint32_t items = 0;
  std::uint32_t oversized = 0;  // items that alone break a limit

  // Whether an item using `usage` (`alone`: an oversized one) may join: an oversized item only
  // an empty wave; another item only a wave without one, and within every limit.
  [[nodiscard]] bool fits(const Usage& usage, bool alone, const Limits& limits) const {
    if (alone) {
      return items == 0;
    }
    if (oversized != 0) {
      return false;
    }
    Usage after = used;
    for (std::size_t d = 0; d < k_dims; ++d) {
      after[d] += usage[d];
    }
    return !exceeded(after, limits).has_value();
  }
  void add(const Usage& usage, bool alone) {
    for (std::size_t d = 0; d < k_dims; ++d) {
      used[d] += usage[d];
    }
    ++items;
    oversized += alone ? 1U : 0U;
  }
  void remove(const Usage& usage, bool alone) {
    for (std::size_t d = 0; d < k_dims; ++d) {
      used[d] -= usage[d];
    }
    --items;
    oversized -= alone ? 1U : 0U;
  }
};

// One move group as the scheduler sees it, or the rehearsal of one (non_production_first).
struct Item {
  Usage usage{};
  Index first_app = 0;          // its first app by id (the rehearsed group's, for a rehearsal)
  std::int64_t lead_days = 0;   // no cut-over before the start + this
  std::uint32_t release = 1;    // the first wave the scheduler may use (not a bound: a choice)
  std::uint8_t strategies = 0;  // bit per Strategy of its apps (none for a rehearsal)
  // A group's rehearsal item, which must be in an earlier wave; a rehearsal's group.
  std::optional<std::uint32_t> rehearsal;
  std::optional<std::uint32_t> rehearses;
  Criticality criticality = Criticality::low;
  bool pilot_ok = true;        // every app at or below the pilot's criticality
  bool has_pilot_app = false;  // some app at or below it
  std::vector<std::uint32_t> freezes;
  std::int32_t due = std::numeric_limits<std::int32_t>::max();  // days: latest day to cut over
  bool overdue = false;      // an end of support has already passed
  std::uint32_t height = 0;  // items that must come at or after it, along the longest chain
  std::vector<std::uint32_t> successors;
  std::uint32_t fixed = 0;      // the wave history or a lock puts it in (0: free)
  std::uint32_t preferred = 0;  // its wave in the baseline (0: none)
};

// |wave(a) - wave(b)| <= waves: two items linked by a dependency with a split limit.
struct Distance {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  std::uint32_t waves = 0;
  Index app = 0;         // the dependency it comes from, for messages: app depends on
  Index depends_on = 0;  // depends_on
  bool pinned = false;   // one side is fixed (history, a lock): kept where it can be, not repaired
};

struct ScheduleModel {
  Calendar calendar;
  // One per move group, in group order, then one per rehearsal, in the order of their groups.
  std::vector<Item> items;
  const MoveGroups* groups = nullptr;
  std::vector<Distance> distances;  // by (a, b)
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>>
      partners;        // item -> (item, waves)
  bool pilot = false;  // some item may be in the pilot: wave 1 then takes nothing else
  std::vector<Strategy> pilot_strategies;  // routes wave 1 should prove

  // The first wave an item may take for its lead time (lead days capped at `cap`, if given).
  [[nodiscard]] std::uint32_t lead_wave(const Item& item,
                                        std::optional<std::int64_t> cap = std::nullopt) const;
  // The one admissibility rule: whether `item` may take wave `k`, capacity and order aside,
  // when `earliest` is the first wave open to it: no freeze holds it and the pilot admits it.
  [[nodiscard]] bool open_from(const Item& item, std::uint32_t k, std::uint32_t earliest) const {
    return k >= earliest && !(k == 1 && pilot && !item.pilot_ok) &&
           !calendar.frozen(item.freezes, k);
  }
  // The rule from its lead time and release (a fixed item only in its wave). The exact
  // programme's variables, local search's moves and the simulation keep to it; the list
  // scheduler keeps to open_from with its own earliest wave (a capped lead time, a baseline).
  [[nodiscard]] bool admits(const Item& item, std::uint32_t k) const {
    if (item.fixed != 0) {
      return k == item.fixed;
    }
    return open_from(item, k, std::max(lead_wave(item), item.release));
  }
};

// The servers of each app that move in its rehearsal (non_production_first): its non-production
// servers, when it has production ones too; empty for every app otherwise.
std::vector<std::vector<Index>> rehearsal_servers(const Inventory& inventory,
                                                  const Assessment& assessment);

// Whether a server is carried in the wave its apps move: it moves (a non-retained app on it
// rehosts or relocates, contract invariant 3) and one of those apps is not a service that keeps
// it running (serves_until), which builds a new instance instead.
std::vector<bool> carried_servers(const Inventory& inventory, const DependencyGraph& graph,
                                  const Assessment& assessment);

// The split limit of `dependency` of `app`, in days: its own, else the policy's for its coupling.
std::optional<std::int64_t> split_limit(const Inventory& inventory, const Dependency& dependency);

// The estate's waves and freezes; hypercare: a freeze holds the apps it selects from
// hypercare_days before it.
Calendar calendar_of(const Inventory& inventory);

// Fixes the items `commitments` fixes, keeps the rest from waves before its first open one, and
// marks baseline waves (contract programme.md section 3).
void apply_commitments(ScheduleModel& model, const Commitments& commitments);

ScheduleModel build_schedule_model(const Inventory& inventory, const DependencyGraph& graph,
                                   const Assessment& assessment, const MoveGroups& groups,
                                   const std::vector<bool>& carried, const Calendar& calendar);

// An app's lead time: its own, else the policy's for its strategy, else none.
std::int64_t lead_days(const Inventory& inventory, const Assessment& assessment, Index app);

// An app's data moved across the link: its data size for replatform, refactor and repurchase
// (none for a service that keeps running); a rehost's or relocate's is its servers' storage.
double app_transfer_gb(const Inventory& inventory, const Assessment& assessment, Index app);

// A bound no plan can beat, and which bound gave it.
std::pair<std::uint32_t, std::string> lower_bound(const Inventory& inventory,
                                                  const ScheduleModel& model, const Limits& limits,
                                                  std::optional<std::int64_t> lead_cap = {});
// Its two halves: capacity totals (depend on the limits) and the order of the items with their
// freezes and lead times (do not), so that trials with other limits compute the second once.
std::pair<std::uint32_t, std::string> capacity_bound(const ScheduleModel& model,
                                                     const Limits& limits);
std::pair<std::uint32_t, std::string> order_bound(const Inventory& inventory,
                                                  const ScheduleModel& model,
                                                  std::optional<std::int64_t> lead_cap);

}  // namespace dcexit
