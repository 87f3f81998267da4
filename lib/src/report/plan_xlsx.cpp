// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// plan.xlsx: the plan as a workbook for programme offices (docs/reports.md), written by
// report/xlsx_writer: a sheet each for the summary, waves, applications, servers and their
// decommission, connectivity and cost when the plan has them; a frozen header row, filters,
// dates as dates and widths from the contents; the same bytes for the same plan.
#include "base/text.hpp"
#include "report/plan_figures.hpp"
#include "report/xlsx_writer.hpp"

#include <dcexit/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <variant>

namespace dcexit {

namespace {

using xlsx::Cell;
using xlsx::Sheet;

std::string ids(const Inventory& inv, const std::vector<Index>& apps) {
  std::string out;
  for (Index a : apps) {
    out += (out.empty() ? "" : ";") + inv.applications[a].id;
  }
  return out;
}

Sheet summary_sheet(const EstatePlan& estate) {
  const Plan& plan = estate.plan;
  const Inventory& inv = *plan.inventory;
  const detail::PlanFigures figures = detail::plan_figures(plan);
  Sheet summary{"Summary", {"item", "value"}, {}};
  const auto add = [&](std::string item, Cell value) {
    summary.rows.push_back({Cell(std::move(item)), std::move(value)});
  };
  add("estate", inv.estate.name);
  add("start", inv.estate.start);
  add("applications", static_cast<double>(inv.applications.size()));
  add("servers", static_cast<double>(inv.servers.size()));
  add("waves", static_cast<double>(plan.waves.waves.size()));
  add("lower bound on waves", static_cast<double>(plan.waves.lower_bound_waves));
  add("exit", Cell::maybe(plan.decommission.exit_date));
  add("deadline", Cell::maybe(inv.estate.deadline));
  add("deadline met", inv.estate.deadline ? Cell::truth(plan.decommission.deadline_met) : Cell());
  add("effort, person-days (likely)", std::round(figures.effort_days * 10) / 10);
  for (std::size_t s = 0; s < k_strategies.size(); ++s) {
    add(fmt::format("strategy {}", to_string(k_strategies[s])),
        static_cast<double>(figures.strategies[s]));
  }
  add("blockers", static_cast<double>(figures.blockers));
  add("low-confidence applications", static_cast<double>(figures.low_confidence));
  add("plan warnings", static_cast<double>(plan.warnings.size()));
  if (estate.cost) {
    add(fmt::format("annual saving ({})", estate.cost->currency), estate.cost->annual_saving);
    add(fmt::format("one-off cost ({})", estate.cost->currency), estate.cost->one_off);
    add("payback", Cell::maybe(estate.cost->payback));
  }
  return summary;
}

Sheet wave_sheet(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  Sheet sheet{"Waves",
              {"wave", "start", "end", "cutovers", "rehearsals", "applications", "effort_days",
               "servers_moved", "oversized"},
              {}};
  for (const Wave& w : plan.waves.waves) {
    // The wave's own figures, as plan.json gives them (a server shared by two of its apps
    // counted once, a rehearsal's servers included).
    sheet.rows.push_back(
        {static_cast<double>(w.number), w.start, w.end, static_cast<double>(w.apps.size()),
         static_cast<double>(w.rehearsals.size()), ids(inv, w.apps),
         std::round(w.effort_days * 10) / 10, static_cast<double>(w.servers_moved.size()),
         w.oversized ? Cell(to_string(*w.oversized)) : Cell()});
  }
  return sheet;
}

Sheet application_sheet(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  const auto& waves = plan.waves;
  Sheet apps{
      "Applications",
      {"app", "name", "owner", "department", "criticality", "strategy", "source", "confidence",
       "effort_days", "wave", "start", "end", "depends_on", "servers", "dr_tier"},
      {}};
  std::vector<const Wave*> wave_by_number(waves.waves.size() + 1, nullptr);
  for (const Wave& w : waves.waves) {
    if (w.number < wave_by_number.size()) {
      wave_by_number[w.number] = &w;
    }
  }
  for (Index a = 0; a < inv.applications.size(); ++a) {
    const Application& app = inv.applications[a];
    const AppAssessment& as = plan.assessment.apps[a];
    const std::string depends = detail::dependency_ids(inv, app, ";");
    std::string servers;
    for (Index s : app.servers) {
      servers += (servers.empty() ? "" : ";") + inv.servers[s].id;
    }
    const std::uint32_t number = waves.wave_of[a];
    const Wave* w = number < wave_by_number.size() ? wave_by_number[number] : nullptr;
    apps.rows.push_back(
        {app.id, app.name, app.owner, app.department, to_string(app.criticality),
         to_string(as.strategy), as.from_decision ? "decision" : "model", as.confidence,
         std::round(as.effort.likely * 10) / 10,
         w != nullptr ? Cell(static_cast<double>(number)) : Cell(),
         w != nullptr ? Cell(w->start) : Cell(), w != nullptr ? Cell(w->end) : Cell(), depends,
         servers, as.dr_tier == 0 ? Cell() : Cell(plan.profile->dr_tiers[as.dr_tier - 1].name)});
  }
  return apps;
}

Sheet server_sheet(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  const detail::ServerFates fates = detail::server_fates(plan);
  Sheet servers{"Servers",
                {"server", "site", "rack", "os", "moves", "decommission_date", "last_app",
                 "last_wave", "blocker", "blocking_apps", "kept_for"},
                {}};
  for (Index s = 0; s < inv.servers.size(); ++s) {
    const Server& server = inv.servers[s];
    std::vector<Cell> row = {server.id, inv.sites[server.site].id, server.rack,
                             server.os.name.empty() ? server.os.family : server.os.name,
                             Cell::truth(plan.waves.server_moves[s])};
    if (const ServerDecommission* d = fates.decommission[s]) {
      row.insert(row.end(), {d->date, inv.applications[d->last_app].id,
                             static_cast<double>(plan.waves.wave_of[d->last_app]), Cell(), Cell(),
                             d->kept_for ? Cell(inv.applications[*d->kept_for].id) : Cell()});
    } else if (const Blocker* b = fates.blocker[s]) {
      row.insert(row.end(),
                 {Cell(), Cell(), Cell(), to_string(b->reason), ids(inv, b->apps), Cell()});
    }
    servers.rows.push_back(std::move(row));
  }
  return servers;
}

Sheet site_sheet(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  Sheet sites{"Sites", {"site", "name", "exit", "blockers"}, {}};
  for (const SiteExit& site : plan.decommission.sites) {
    sites.rows.push_back({inv.sites[site.site].id, inv.sites[site.site].name,
                          Cell::maybe(site.exit_date), static_cast<double>(site.blockers.size())});
  }
  return sites;
}

Sheet connectivity_sheet(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  Sheet links{"Connectivity",
              {"app", "depends_on", "coupling", "direction", "from", "to", "days",
               "opens_after_wave", "closes_with_wave", "max_split_days", "served_on_premises"},
              {}};
  const auto number = [](const std::optional<std::int64_t>& n) {
    return n ? Cell(static_cast<double>(*n)) : Cell();
  };
  const auto wave = [](const std::optional<std::uint32_t>& n) {
    return n ? Cell(static_cast<double>(*n)) : Cell();
  };
  for (const Split& s : plan.connectivity) {
    links.rows.push_back({inv.applications[s.app].id, inv.applications[s.depends_on].id,
                          to_string(s.coupling), to_string(s.direction), s.from, Cell::maybe(s.to),
                          number(s.days), Cell(static_cast<double>(s.opens_after)),
                          wave(s.closes_with), number(s.limit), Cell::truth(s.served_on_premises)});
  }
  return links;
}

Sheet cost_sheet(const BusinessCase& c) {
  Sheet cost{"Cost",
             {"month", "on_premises", "cloud", "dual_running", "one_off", "net", "cumulative",
              "kwh_on_premises", "kwh_cloud", "tco2e"},
             {}};
  const auto money = [](double v) { return std::round(v * 100) / 100; };
  for (const CostMonth& m : c.months) {
    cost.rows.push_back({m.month, money(m.on_premises), money(m.cloud), money(m.dual_running),
                         money(m.one_off), money(m.net), money(m.cumulative),
                         std::round(m.kwh_on_premises), std::round(m.kwh_cloud),
                         std::round(m.tco2e * 1000) / 1000});
  }
  return cost;
}

// The sheets of `plan`, in order.
std::vector<Sheet> plan_sheets(const EstatePlan& estate) {
  const Plan& plan = estate.plan;
  std::vector<Sheet> sheets;
  sheets.push_back(summary_sheet(estate));
  sheets.push_back(wave_sheet(plan));
  sheets.push_back(application_sheet(plan));
  sheets.push_back(server_sheet(plan));
  sheets.push_back(site_sheet(plan));
  if (!plan.connectivity.empty()) {
    sheets.push_back(connectivity_sheet(plan));
  }
  if (estate.cost) {
    sheets.push_back(cost_sheet(*estate.cost));
  }
  return sheets;
}

}  // namespace

std::string render_plan_xlsx(const EstatePlan& estate) {
  const Inventory& inv = *estate.plan.inventory;
  // The same plan, the same bytes: the creation time is the estate's start, not the clock's.
  return xlsx::write_workbook(plan_sheets(estate),
                              {"dcexit plan: " + inv.estate.name, "dcexit", inv.estate.start});
}

}  // namespace dcexit
