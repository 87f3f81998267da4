// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <dcexit/assessment.hpp>
#include <dcexit/wave_planner.hpp>

#include <optional>
#include <string>
#include <vector>

namespace dcexit {

struct ServerDecommission {
  Index server = 0;
  Date date;        // its last app's wave end + hold_days
  Index last_app = 0;
};

enum class BlockReason : std::uint8_t { retained_app, unused };
std::string_view to_string(BlockReason reason);

// A server the plan never switches off, and why.
struct Blocker {
  Index server = 0;
  BlockReason reason = BlockReason::unused;
  std::vector<Index> apps;  // the retained apps on it
};

struct SiteExit {
  Index site = 0;
  std::optional<Date> exit_date;  // none while it has blockers, or no servers
  std::vector<Blocker> blockers;  // sorted by server id
};

struct RackExit {
  Index site = 0;
  std::string rack;
  std::optional<Date> date;          // when its last server goes; none if one never does
  std::vector<Index> blocked_servers;
};

// An app that cuts over after its platform's or a server's end of support.
struct LateForSupport {
  Index app = 0;
  Date end_of_support;
  Date cutover;
  std::string what;  // "platform", or "os on SERVER"
};

// What is still on at the first day of a month.
struct RunDownMonth {
  Date month;                  // its first day
  std::uint32_t servers = 0;   // powered servers
  double kw = 0;               // their power draw, site PUE applied
  double annual_cost = 0;      // servers' and open sites' annual costs still being paid
};

struct Decommission {
  std::vector<ServerDecommission> servers;  // decommissioned servers, by id
  std::vector<SiteExit> sites;              // by id
  std::vector<RackExit> racks;              // by site, then rack
  std::vector<LateForSupport> late;         // by app id
  std::vector<RunDownMonth> run_down;
  std::optional<Date> exit_date;            // the last closing site's exit, if all can exit
  bool deadline_met = false;
};

// The decommission timeline of a wave plan (contract invariants 8 and 9).
Decommission plan_decommission(const Inventory& inventory, const DependencyGraph& graph,
                               const Assessment& assessment, const WavePlan& plan);

}  // namespace dcexit
