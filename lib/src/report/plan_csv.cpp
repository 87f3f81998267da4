// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// waves.csv, decommission.csv and the one-line summary of a plan.
#include "base/json_writer.hpp"
#include "base/text.hpp"

#include <dcexit/report.hpp>

#include <fmt/format.h>

#include <array>
#include <iterator>

namespace dcexit {

namespace {

struct Names {
  const Inventory& inv;
  const std::string& app(Index a) const { return inv.applications[a].id; }
  const std::string& server(Index s) const { return inv.servers[s].id; }
  const std::string& site(Index s) const { return inv.sites[s].id; }
};

}  // namespace

std::string render_waves_csv(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  std::string out =
      "wave,start,end,app,name,strategy,source,criticality,effort_days,move_group,servers_moved,"
      "oversized\n";
  for (const Wave& w : plan.waves.waves) {
    for (Index a : w.apps) {
      const AppAssessment& as = plan.assessment.apps[a];
      std::string moved;
      for (Index s : inv.applications[a].servers) {
        if (plan.waves.server_moves[s]) {
          moved += (moved.empty() ? "" : ";") + inv.servers[s].id;
        }
      }
      const std::uint32_t g = plan.groups.group_of[a];
      out += fmt::format("{},{},{},{},{},{},{},{},{:g},{},{},{}\n", w.number, w.start.to_string(),
                         w.end.to_string(), inv.applications[a].id,
                         csv_field(inv.applications[a].name), to_string(as.strategy),
                         as.from_decision ? "decision" : "model",
                         to_string(inv.applications[a].criticality), as.effort.likely,
                         plan.group_ids[g], moved, w.oversized ? to_string(*w.oversized) : "");
    }
  }
  return out;
}

std::string render_decommission_csv(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  std::vector<const ServerDecommission*> by_server(inv.servers.size(), nullptr);
  for (const ServerDecommission& d : plan.decommission.servers) {
    by_server[d.server] = &d;
  }
  std::vector<const Blocker*> blocked(inv.servers.size(), nullptr);
  for (const SiteExit& site : plan.decommission.sites) {
    for (const Blocker& b : site.blockers) {
      blocked[b.server] = &b;
    }
  }
  std::string out = "server,site,rack,decommission_date,last_app,last_wave,blocker,blocking_apps\n";
  for (Index s = 0; s < inv.servers.size(); ++s) {
    const Server& server = inv.servers[s];
    out += fmt::format("{},{},{},", server.id, inv.sites[server.site].id, csv_field(server.rack));
    if (const ServerDecommission* d = by_server[s]) {
      out += fmt::format("{},{},{},,\n", d->date.to_string(), inv.applications[d->last_app].id,
                         plan.waves.wave_of[d->last_app]);
    } else {
      std::string apps;
      for (Index a : blocked[s]->apps) {
        apps += (apps.empty() ? "" : ";") + inv.applications[a].id;
      }
      out += fmt::format(",,,{},{}\n", to_string(blocked[s]->reason), apps);
    }
  }
  return out;
}

std::string plan_summary_line(const Plan& plan, std::string_view label) {
  const auto& d = plan.decommission;
  const auto& deadline = plan.inventory->estate.deadline;
  return fmt::format("{}: {} applications in {} waves (lower bound {}); exit {}{}", label,
                     plan.inventory->applications.size(), plan.waves.waves.size(),
                     plan.waves.lower_bound_waves,
                     d.exit_date ? d.exit_date->to_string() : std::string("blocked"),
                     !deadline ? std::string()
                               : fmt::format(", deadline {} {}", deadline->to_string(),
                                             d.deadline_met ? "met" : "MISSED"));
}

}  // namespace dcexit
