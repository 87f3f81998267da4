// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include <dcexit/plan.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace dcexit {

std::string_view to_string(BlockReason reason) {
  return reason == BlockReason::retained_app ? "retained-app" : "unused";
}

namespace {

// The app whose wave a service keeps its on-premises servers until (contract invariant 12): the
// latest of the non-retained apps that depend on it (last-dependant), or that have a server on
// `site` (site-exit). Ties go to the first by id; nullopt when it serves none.
class Served {
 public:
  Served(const Inventory& inv, const DependencyGraph& graph, const Assessment& as,
         const WavePlan& plan)
      : m_inv(inv), m_graph(graph), m_as(as), m_plan(plan) {}

  std::optional<Index> last_served(Index service, Index site) {
    if (m_inv.applications[service].serves_until == ServesUntil::site_exit) {
      return last_at_site(site);
    }
    std::optional<Index> last;
    for (std::uint32_t e : m_graph.dependants_of(service)) {
      const Index a = m_graph.edges()[e].from;
      if (m_as.apps[a].strategy != Strategy::retain &&
          (!last || m_plan.wave_of[a] > m_plan.wave_of[*last] ||
           (m_plan.wave_of[a] == m_plan.wave_of[*last] && a < *last))) {
        last = a;
      }
    }
    return last;
  }

 private:
  std::optional<Index> last_at_site(Index site) {
    if (m_site_last.empty()) {
      m_site_last.assign(m_inv.sites.size(), std::nullopt);
      for (Index s = 0; s < m_inv.servers.size(); ++s) {
        auto& last = m_site_last[m_inv.servers[s].site];
        for (Index a : m_graph.apps_on_server(s)) {
          if (m_as.apps[a].strategy != Strategy::retain &&
              (!last || m_plan.wave_of[a] > m_plan.wave_of[*last] ||
               (m_plan.wave_of[a] == m_plan.wave_of[*last] && a < *last))) {
            last = a;
          }
        }
      }
    }
    return m_site_last[site];
  }

  const Inventory& m_inv;
  const DependencyGraph& m_graph;
  const Assessment& m_as;
  const WavePlan& m_plan;
  std::vector<std::optional<Index>> m_site_last;
};

void decommission_servers(const Inventory& inv, const DependencyGraph& graph, const Assessment& as,
                          const WavePlan& plan, Decommission& out,
                          std::vector<std::optional<Date>>& date_of) {
  Served served(inv, graph, as, plan);
  const auto hold = static_cast<std::int32_t>(inv.policy.hold_days);
  out.sites.resize(inv.sites.size());
  for (Index s = 0; s < inv.sites.size(); ++s) {
    out.sites[s].site = s;
  }
  date_of.assign(inv.servers.size(), std::nullopt);
  for (Index s = 0; s < inv.servers.size(); ++s) {
    const auto apps = graph.apps_on_server(s);
    // The wave `a` leaves server `s`: its rehearsal's for a non-production server it rehearsed
    // on (contract programme.md invariant 14), unless it is a service kept for others.
    const auto leaves = [&](Index a) {
      const bool rehearsed =
          moves_in_rehearsal(inv, plan, a, s) && !inv.applications[a].serves_until;
      return rehearsed ? plan.rehearsal_of[a] : plan.wave_of[a];
    };
    std::vector<Index> retained;
    std::optional<Index> last;
    std::optional<Index> service;  // the service whose dependants set the date, if one does
    for (Index a : apps) {
      if (as.apps[a].strategy == Strategy::retain) {
        retained.push_back(a);
      } else if (!last || leaves(a) > leaves(*last)) {
        last = a;  // ascending ids: the first app of the latest wave
      }
    }
    for (Index a : apps) {
      if (!inv.applications[a].serves_until || as.apps[a].strategy == Strategy::retain || !last) {
        continue;
      }
      if (const auto kept = served.last_served(a, inv.servers[s].site);
          kept && plan.wave_of[*kept] > leaves(*last)) {
        last = kept;
        service = a;
      }
    }
    SiteExit& site = out.sites[inv.servers[s].site];
    if (!retained.empty()) {
      site.blockers.push_back({s, BlockReason::retained_app, retained});
    } else if (!last) {
      site.blockers.push_back({s, BlockReason::unused, {}});
    } else {
      const Date date =
          plan.waves[(service ? plan.wave_of[*last] : leaves(*last)) - 1].end.plus_days(hold);
      out.servers.push_back({s, date, *last, service});
      date_of[s] = date;
      site.exit_date = std::max(site.exit_date.value_or(date), date);  // latest so far
    }
  }
  for (SiteExit& site : out.sites) {
    if (!site.blockers.empty()) {
      site.exit_date.reset();  // a site with a blocker has no exit date
    }
  }
}

void decommission_racks(const Inventory& inv, const std::vector<std::optional<Date>>& date_of,
                        Decommission& out) {
  std::map<std::pair<Index, std::string>, RackExit> racks;
  for (Index s = 0; s < inv.servers.size(); ++s) {
    const Server& server = inv.servers[s];
    if (server.rack.empty()) {
      continue;
    }
    RackExit& rack = racks[{server.site, server.rack}];
    rack.site = server.site;
    rack.rack = server.rack;
    if (!date_of[s]) {
      rack.blocked_servers.push_back(s);
    } else {
      rack.date = std::max(rack.date.value_or(*date_of[s]), *date_of[s]);
    }
  }
  for (auto& [key, rack] : racks) {
    if (!rack.blocked_servers.empty()) {
      rack.date.reset();
    }
    out.racks.push_back(std::move(rack));
  }
}

void find_late(const Inventory& inv, const WavePlan& plan, Decommission& out) {
  for (Index a = 0; a < inv.applications.size(); ++a) {
    if (plan.wave_of[a] == 0) {
      continue;
    }
    const Application& app = inv.applications[a];
    const Date cutover = plan.waves[plan.wave_of[a] - 1].end;
    if (app.technology.end_of_support && *app.technology.end_of_support < cutover) {
      out.late.push_back({a, *app.technology.end_of_support, cutover, "platform"});
    }
    for (Index s : app.servers) {
      const auto& eos = inv.servers[s].os.end_of_support;
      if (eos && *eos < cutover) {
        out.late.push_back({a, *eos, cutover, "os on " + inv.servers[s].id});
      }
    }
  }
}

void run_down(const Inventory& inv, const std::vector<std::optional<Date>>& date_of,
              const WavePlan& plan, Decommission& out) {
  Date last = inv.estate.start;
  for (const auto& d : date_of) {
    if (d) {
      last = std::max(last, *d);
    }
  }
  if (!plan.waves.empty()) {
    last = std::max(last, plan.waves.back().end);
  }
  // The months shown: from the start's month to one month after the last switch-off, at most
  // 240. A server counts in a month that begins before its switch-off, so each server drops out
  // at the first month start on or after its date: bucketed once, then summed from the end (one
  // pass over the servers, not one per month).
  constexpr std::size_t k_max_months = 240;
  std::vector<Date> months;
  for (Date month = inv.estate.start.month_start(); months.size() < k_max_months;
       month = month.next_month_start()) {
    months.push_back(month);
    if (month > last) {
      break;  // one month after the last switch-off shows what stays on
    }
  }
  struct Bucket {
    std::uint32_t servers = 0;
    double kw = 0.0;
    double annual_cost = 0.0;
  };
  std::vector<Bucket> gone_at(months.size() + 1);  // [months.size()]: on in every month shown
  for (Index s = 0; s < inv.servers.size(); ++s) {
    const std::size_t drop =
        date_of[s]
            ? static_cast<std::size_t>(std::lower_bound(months.begin(), months.end(), *date_of[s]) -
                                       months.begin())
            : months.size();
    const Server& server = inv.servers[s];
    Bucket& bucket = gone_at[drop];
    ++bucket.servers;
    bucket.kw += server.power_watts.value_or(0.0) * inv.sites[server.site].pue / 1000.0;
    bucket.annual_cost += server.annual_cost.value_or(0.0);
  }
  std::vector<RunDownMonth> rows(months.size());
  Bucket on = gone_at[months.size()];
  for (std::size_t m = months.size(); m-- > 0;) {
    RunDownMonth row{months[m], on.servers, on.kw, on.annual_cost};
    for (const SiteExit& site : out.sites) {
      if (!site.exit_date || months[m] < *site.exit_date) {
        row.annual_cost += inv.sites[site.site].annual_cost.value_or(0.0);
      }
    }
    row.kw = std::round(row.kw * 100.0) / 100.0;
    rows[m] = row;
    on.servers += gone_at[m].servers;
    on.kw += gone_at[m].kw;
    on.annual_cost += gone_at[m].annual_cost;
  }
  out.run_down = std::move(rows);
}

}  // namespace

Decommission plan_decommission(const Inventory& inventory, const DependencyGraph& graph,
                               const Assessment& assessment, const WavePlan& plan) {
  Decommission out;
  std::vector<std::optional<Date>> date_of;
  decommission_servers(inventory, graph, assessment, plan, out, date_of);
  decommission_racks(inventory, date_of, out);
  find_late(inventory, plan, out);
  run_down(inventory, date_of, plan, out);
  // The estate's exit: every closing site's, once none is blocked.
  bool blocked = false;
  for (const SiteExit& site : out.sites) {
    if (!inventory.sites[site.site].closing) {
      continue;
    }
    blocked = blocked || !site.blockers.empty();
    if (site.exit_date) {
      out.exit_date = std::max(out.exit_date.value_or(*site.exit_date), *site.exit_date);
    }
  }
  if (blocked) {
    out.exit_date.reset();
  } else if (!out.exit_date && !plan.waves.empty()) {
    out.exit_date = plan.waves.back().end;  // nothing of ours to switch off in a closing site
  }
  const auto& deadline = inventory.estate.deadline;
  out.deadline_met = out.exit_date.has_value() && (!deadline || *out.exit_date <= *deadline);
  return out;
}

}  // namespace dcexit
