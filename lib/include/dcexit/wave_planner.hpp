// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <dcexit/assessment.hpp>
#include <dcexit/date.hpp>
#include <dcexit/inventory.hpp>
#include <dcexit/move_groups.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dcexit {

// The capacity limits of a wave, in the order the contract names them.
enum class Limit : std::uint8_t { max_apps, max_servers, max_effort_days, max_storage_gb };
std::string_view to_string(Limit limit);

struct Wave {
  std::uint32_t number = 0;  // 1-based
  Date start;
  Date end;                           // inclusive
  std::vector<Index> apps;            // sorted by id
  std::vector<Index> servers_moved;   // sorted by id
  double effort_days = 0;
  double storage_gb = 0;
  std::optional<Limit> oversized;     // the limit its single move group breaks
  std::vector<std::uint32_t> freezes; // policy freezes overlapping it
};

// What the wave planner produces; the decommission timeline is computed from it.
struct WavePlan {
  std::vector<Wave> waves;
  std::vector<std::uint32_t> wave_of;  // app -> wave number, 0 for retained apps
  std::uint32_t lower_bound_waves = 0;
  std::string lower_bound_reason;      // which bound gave it
  std::vector<bool> server_moves;      // servers that physically move (rehost / relocate)
  // No plan: its waves would run past Date::last_supported(); `waves` is then empty.
  bool too_long = false;
};

// Plans the waves for the assessed strategies; deterministic for the same inputs.
WavePlan plan_waves(const Inventory& inventory, const DependencyGraph& graph,
                    const Assessment& assessment, const MoveGroups& groups);

// What the list scheduler needs under other capacity limits, for the deadline advice: what does
// not depend on the limits (groups' sizes, due dates, freezes) is worked out once, and a trial
// gives up as soon as it needs more waves than asked, or its lower bound already does.
class WaveTrials {
public:
  WaveTrials(const Inventory& inventory, const DependencyGraph& graph, const Assessment& assessment,
             const MoveGroups& groups);
  ~WaveTrials();
  WaveTrials(const WaveTrials&) = delete;
  WaveTrials& operator=(const WaveTrials&) = delete;

  // Waves plan_waves() would need under `limits` (same length), if no more than `most`.
  [[nodiscard]] std::optional<std::uint32_t> waves_needed(const WavePolicy& limits, std::uint32_t most) const;
  // Scheduler runs so far, and waves they scheduled: the work the advice did, for tests.
  [[nodiscard]] std::uint64_t runs() const;
  [[nodiscard]] std::uint64_t waves_scheduled() const;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// Whether freeze `f` selects app `app` (tags, departments, apps; none given selects all).
bool freeze_selects(const Inventory& inventory, const Freeze& freeze, Index app);

}  // namespace dcexit
