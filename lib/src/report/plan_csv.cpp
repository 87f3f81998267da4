// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// waves.csv, decommission.csv, connectivity.csv and the one-line summary of a plan.
#include "base/json_writer.hpp"
#include "base/text.hpp"
#include "report/plan_figures.hpp"

#include <dcexit/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <iterator>
#include <optional>

namespace dcexit {

namespace {

struct Names {
  const Inventory& inv;
  const std::string& app(Index a) const { return inv.applications[a].id; }
  const std::string& server(Index s) const { return inv.servers[s].id; }
  const std::string& site(Index s) const { return inv.sites[s].id; }
};

}  // namespace

std::string render_waves_csv(const EstatePlan& estate) {
  const Plan& plan = estate.plan;
  const Inventory& inv = *plan.inventory;
  std::string out =
      "wave,start,end,app,name,strategy,source,criticality,effort_days,move_group,servers_moved,"
      "oversized,kind,owner,department,confidence,depends_on\n";
  // A cut-over row moves the app's servers but those its rehearsal moved; a rehearsal row moves
  // its non-production servers, with no effort of its own (contract programme.md section 2).
  const auto row = [&](const Wave& w, Index a, bool rehearsal) {
    const AppAssessment& as = plan.assessment.apps[a];
    std::string moved;
    for (Index s : inv.applications[a].servers) {
      if (plan.waves.server_moves[s] && moves_in_rehearsal(inv, plan.waves, a, s) == rehearsal) {
        moved += (moved.empty() ? "" : ";") + inv.servers[s].id;
      }
    }
    const std::uint32_t g = plan.groups.group_of[a];
    const Application& app = inv.applications[a];
    out += fmt::format("{},{},{},{},{},{},{},{},{:g},{},{},{},{},{},{},{:.2f},{}\n", w.number,
                       w.start.to_string(), w.end.to_string(), app.id, csv_field(app.name),
                       to_string(as.strategy), as.from_decision ? "decision" : "model",
                       to_string(app.criticality), rehearsal ? 0.0 : as.effort.likely,
                       plan.group_ids[g], moved, w.oversized ? to_string(*w.oversized) : "",
                       rehearsal ? "rehearsal" : "cutover", csv_field(app.owner),
                       csv_field(app.department), as.confidence,
                       detail::dependency_ids(inv, app, ";"));
  };
  for (const Wave& w : plan.waves.waves) {
    for (Index a : w.apps) {
      row(w, a, false);
    }
    for (Index a : w.rehearsals) {
      row(w, a, true);
    }
  }
  return out;
}

std::string render_decommission_csv(const EstatePlan& estate) {
  const Plan& plan = estate.plan;
  const Inventory& inv = *plan.inventory;
  const detail::ServerFates fates = detail::server_fates(plan);
  const auto& by_server = fates.decommission;
  const auto& blocked = fates.blocker;
  std::string out =
      "server,site,rack,decommission_date,last_app,last_wave,blocker,blocking_apps,kept_for\n";
  for (Index s = 0; s < inv.servers.size(); ++s) {
    const Server& server = inv.servers[s];
    out += fmt::format("{},{},{},", server.id, inv.sites[server.site].id, csv_field(server.rack));
    if (const ServerDecommission* d = by_server[s]) {
      out += fmt::format("{},{},{},,,{}\n", d->date.to_string(), inv.applications[d->last_app].id,
                         plan.waves.wave_of[d->last_app],
                         d->kept_for ? std::string_view(inv.applications[*d->kept_for].id) : "");
    } else {
      std::string apps;
      for (Index a : blocked[s]->apps) {
        apps += (apps.empty() ? "" : ";") + inv.applications[a].id;
      }
      out += fmt::format(",,,{},{},\n", to_string(blocked[s]->reason), apps);
    }
  }
  return out;
}

namespace {

// The sites of `app`'s servers (the on-premises side of a split), ";"-joined, by id.
std::string on_premises_sites(const Inventory& inv, Index app) {
  std::vector<Index> sites;
  for (Index s : inv.applications[app].servers) {
    sites.push_back(inv.servers[s].site);
  }
  std::sort(sites.begin(), sites.end(),
            [&](Index x, Index y) { return inv.sites[x].id < inv.sites[y].id; });
  sites.erase(std::unique(sites.begin(), sites.end()), sites.end());
  std::string out;
  for (Index s : sites) {
    out += (out.empty() ? "" : ";") + inv.sites[s].id;
  }
  return out;
}

}  // namespace

std::string render_connectivity_csv(const EstatePlan& estate) {
  const Plan& plan = estate.plan;
  const Inventory& inv = *plan.inventory;
  std::string out =
      "app,app_name,depends_on,depends_on_name,coupling,direction,from,to,days,opens_after_wave,"
      "closes_with_wave,max_split_days,served_on_premises,on_premises_sites\n";
  // An app is in many splits: its name and its sites are worked out once.
  std::vector<std::optional<std::string>> names(inv.applications.size());
  std::vector<std::optional<std::string>> sites(inv.applications.size());
  const auto name = [&](Index a) -> const std::string& {
    if (!names[a]) {
      names[a] = csv_field(inv.applications[a].name);
    }
    return *names[a];
  };
  out.reserve(out.size() + plan.connectivity.size() * 160);
  const auto field = [&](std::string_view text) {
    out += text;
    out += ',';
  };
  const auto number = [&](std::optional<std::int64_t> n) {
    if (n) {
      std::array<char, 24> digits{};
      const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), *n).ptr;
      out.append(digits.data(), end);
    }
    out += ',';
  };
  for (const Split& s : plan.connectivity) {
    const Index on_site =
        s.direction == SplitDirection::on_premises_to_cloud ? s.app : s.depends_on;
    if (!sites[on_site]) {
      sites[on_site] = on_premises_sites(inv, on_site);
    }
    field(inv.applications[s.app].id);
    field(name(s.app));
    field(inv.applications[s.depends_on].id);
    field(name(s.depends_on));
    field(to_string(s.coupling));
    field(to_string(s.direction));
    field(s.from.to_string());
    field(s.to ? s.to->to_string() : std::string());
    number(s.days);
    number(s.opens_after);
    number(s.closes_with);
    number(s.limit);
    field(s.served_on_premises ? "yes" : "no");
    out += *sites[on_site];
    out += '\n';
  }
  return out;
}

std::string plan_summary_line(const EstatePlan& estate, std::string_view label) {
  const Plan& plan = estate.plan;
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
