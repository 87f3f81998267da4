// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// The business case of a plan (docs/cost.md): a size and a monthly cost per server and app, the
// money month by month from the start to a year after the exit, payback, and carbon.
#include "base/text.hpp"

#include <dcexit/cost.hpp>
#include <dcexit/plan.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

namespace dcexit {

namespace {

constexpr double k_hours_per_year = 8760;

bool is_windows(const Server& server) {
  return lower(server.os.family) == "windows";
}

// An app that is a SQL Server service itself (its runtime names SQL Server: "SQL Server 2008 R2",
// "sqlserver", "MSSQL"), not one that only uses a database elsewhere.
std::string squeezed(std::string_view text) {
  std::string out;
  for (const char c : lower(text)) {
    if (c != ' ' && c != '-' && c != '_') {
      out.push_back(c);
    }
  }
  return out;
}

bool is_sql_server(const Application& app) {
  const std::string runtime = squeezed(app.technology.runtime);
  return runtime.find("sqlserver") != std::string::npos ||
         runtime.find("mssql") != std::string::npos;
}

// The strategies whose servers (or their replacement) run in the cloud.
bool runs_servers_in_cloud(Strategy s) {
  return s == Strategy::rehost || s == Strategy::relocate || s == Strategy::replatform ||
         s == Strategy::refactor;
}

double watts_of(const Server& server, const CostSettings& settings) {
  if (server.power_watts) {
    return *server.power_watts;
  }
  if (server.cpu_cores) {
    return *server.cpu_cores * settings.watts_per_core;
  }
  return settings.watts_per_server;
}

double lookup_grid(const Inventory& inventory, const CostSettings& settings, std::string_view key) {
  const auto& by = inventory.policy.grid_kg_per_kwh_by;
  const auto found = std::lower_bound(
      by.begin(), by.end(), key, [](const auto& p, std::string_view k) { return p.first < k; });
  if (found != by.end() && found->first == key) {
    return found->second;
  }
  return inventory.policy.grid_kg_per_kwh.value_or(settings.grid_kg_per_kwh);
}

std::string money(double value) {
  return fmt::format("{:.2f}", value);
}

// Estate currency units per unit of the prices' currency: 1 for the same currency, the profile's
// cost.exchange_rates for another, none when it gives no rate.
std::optional<double> exchange_rate_of(const Inventory& inventory, const PriceList& prices,
                                       const CostSettings& settings) {
  if (prices.currency.empty() || prices.currency == inventory.estate.currency) {
    return 1.0;
  }
  for (const auto& [currency, rate] : settings.exchange_rates) {
    if (currency == prices.currency) {
      return rate;
    }
  }
  return std::nullopt;
}

class Builder {
 public:
  Builder(const Plan& plan, const PriceList& prices, const CostSettings& settings)
      : m_plan(plan), m_inv(*plan.inventory), m_prices(prices), m_settings(settings) {}

  BusinessCase build() {
    BusinessCase out;
    out.provider = m_prices.provider;
    out.currency = m_inv.estate.currency;
    out.price_files = m_prices.files;
    out.hours_per_month = m_settings.hours_per_month;
    out.region = region();
    out.exchange_rate = exchange_rate(out);
    m_rate = out.exchange_rate;
    m_region = out.region;
    index_sizes();
    cutovers();
    size_servers(out);
    draws();
    cost_apps(out);
    months(out);
    carbon(out);
    return out;
  }

 private:
  std::string region() const {
    if (!m_inv.estate.region.empty()) {
      return m_inv.estate.region;
    }
    if (!m_settings.region.empty()) {
      return m_settings.region;
    }
    std::set<std::string> regions;
    for (const ComputePrice& p : m_prices.compute) {
      regions.insert(p.region);
    }
    return regions.size() == 1 ? *regions.begin() : std::string();
  }

  double exchange_rate(BusinessCase& out) const {
    if (const auto rate = exchange_rate_of(m_inv, m_prices, m_settings)) {
      return *rate;
    }
    // load checks this first (check_currency); here only for a caller that did not.
    out.warnings.push_back(
        Diagnostic::make(Severity::warning, m_inv.where(m_inv.estate.location), Code::bad_prices,
                         fmt::format("prices in {} for an estate in {} and no rate in the profile",
                                     m_prices.currency, m_inv.estate.currency)));
    return 1.0;
  }

  // Each app's cut-over (its wave's end) and the wave start of its effort.
  void cutovers() {
    const auto& waves = m_plan.waves;
    m_cutover.assign(m_inv.applications.size(), std::nullopt);
    m_wave_start.assign(m_inv.applications.size(), std::nullopt);
    for (Index a = 0; a < m_inv.applications.size(); ++a) {
      const std::uint32_t w = waves.wave_of[a];
      if (w != 0 && w <= waves.waves.size()) {
        m_cutover[a] = waves.waves[w - 1].end;
        m_wave_start[a] = waves.waves[w - 1].start;
      }
    }
  }

  // The region's sizes for each OS family, cheapest first (then fewest vCPUs, least memory,
  // name): a server's size is then the first that covers it, and an all-regions list costs
  // what one region does (it was every price scanned for every server).
  void index_sizes() {
    for (const ComputePrice& p : m_prices.compute) {
      if (p.region == m_region) {
        m_sizes[p.windows ? 1 : 0].push_back(&p);
      }
    }
    for (auto& sizes : m_sizes) {
      std::sort(sizes.begin(), sizes.end(), [](const ComputePrice* a, const ComputePrice* b) {
        return std::tie(a->hourly, a->vcpus, a->memory_gb, a->size) <
               std::tie(b->hourly, b->vcpus, b->memory_gb, b->size);
      });
    }
  }

  const ComputePrice* choose(double vcpus, double memory, bool windows) const {
    for (const ComputePrice* p : m_sizes[windows ? 1 : 0]) {
      if (p->vcpus >= vcpus && p->memory_gb >= memory) {
        return p;
      }
    }
    return nullptr;
  }

  const StoragePrice* storage_line() const {
    for (const StoragePrice& s : m_prices.storage) {
      if (s.region == m_region) {
        return &s;
      }
    }
    return nullptr;
  }

  // Each server's owner: the app whose move takes it to the cloud (the earliest cut-over, then
  // the first id; apps are sorted by id).
  void assign_owners() {
    m_owner.assign(m_inv.servers.size(), std::nullopt);
    for (Index a = 0; a < m_inv.applications.size(); ++a) {
      if (!runs_servers_in_cloud(m_plan.assessment.apps[a].strategy) || !m_cutover[a]) {
        continue;
      }
      for (Index s : m_inv.applications[a].servers) {
        auto& owner = m_owner[s];
        if (!owner || *m_cutover[a] < *m_cutover[*owner]) {
          owner = a;
        }
      }
    }
  }

  // The runtimes (lower case) of the SQL Server services on each server.
  std::vector<std::vector<std::string>> sql_runtimes() const {
    std::vector<std::vector<std::string>> out(m_inv.servers.size());
    for (const Application& app : m_inv.applications) {
      if (is_sql_server(app)) {
        for (Index s : app.servers) {
          out[s].push_back(lower(app.technology.runtime));
        }
      }
    }
    return out;
  }

  void size_servers(BusinessCase& out) {
    assign_owners();
    const auto runtimes = sql_runtimes();
    const StoragePrice* storage = storage_line();
    m_server_cost.assign(m_inv.servers.size(), std::nullopt);
    for (Index s = 0; s < m_inv.servers.size(); ++s) {
      if (m_owner[s]) {
        ServerCost cost = size_server(s, out);
        price_storage(m_inv.servers[s], storage, cost);
        const double cores = cost.vcpus_billed();
        if (!runtimes[s].empty() && !m_settings.sql_byol) {
          cost.licence = m_settings.sql_per_core_month * cores;
        }
        cost.esu = esu(m_inv.servers[s], runtimes[s], cores);
        m_server_cost[s] = cost;
        out.servers.push_back(cost);
      }
    }
  }

  // Server `s`'s needs and the cheapest size that covers them (a warning when none does).
  ServerCost size_server(Index s, BusinessCase& out) const {
    const Server& server = m_inv.servers[s];
    ServerCost cost;
    cost.server = s;
    cost.app = *m_owner[s];
    const double cpu = server.cpu_utilisation.value_or(m_settings.default_cpu_utilisation);
    const double mem = server.memory_utilisation.value_or(m_settings.default_memory_utilisation);
    const double grow = 1.0 + m_settings.headroom;
    cost.vcpus_needed = server.cpu_cores.value_or(0) * cpu * grow;
    cost.memory_needed = server.memory_gb.value_or(0) * mem * grow;
    const bool windows_os = is_windows(server);
    cost.windows_price = windows_os && !m_settings.windows_byol;
    cost.rule = fmt::format(
        "needs {:.2f} vCPU ({} cores x {:.2f} p95 CPU x {:.2f}) and {:.2f} GB ({} GB x {:.2f} "
        "p95 memory x {:.2f}); {} price{}",
        cost.vcpus_needed, server.cpu_cores ? fmt::format("{:g}", *server.cpu_cores) : "no", cpu,
        grow, cost.memory_needed, server.memory_gb ? fmt::format("{:g}", *server.memory_gb) : "no",
        mem, grow, cost.windows_price ? "Windows" : "Linux",
        windows_os && m_settings.windows_byol ? " (Windows licence brought: hybrid benefit)" : "");
    const ComputePrice* price = choose(cost.vcpus_needed, cost.memory_needed, cost.windows_price);
    if (price == nullptr) {
      cost.rule +=
          fmt::format("; no size in {} covers it", m_region.empty() ? "the list" : m_region);
      out.warnings.push_back(Diagnostic::make(
          Severity::warning, m_inv.where(server.location), Code::unpriced,
          fmt::format("server '{}' has no size in {} that covers {:.2f} vCPU and {:.2f} GB; "
                      "its cloud cost is left out",
                      server.id,
                      m_region.empty() ? "the price list (no region: set estate.region)"
                                       : "region " + m_region,
                      cost.vcpus_needed, cost.memory_needed)));
      return cost;
    }
    cost.size = price->size;
    cost.source = fmt::format("{}: {}", price->source, price->product);
    cost.vcpus = price->vcpus;
    cost.memory_gb = price->memory_gb;
    cost.hourly = price->hourly;
    cost.compute = price->hourly * m_settings.hours_per_month * m_rate;
    return cost;
  }

  // A server's disks by the GB-month: the list's line for the region, else the profile's.
  void price_storage(const Server& server, const StoragePrice* storage, ServerCost& cost) const {
    const double gb = server.storage_gb.value_or(0);
    if (storage != nullptr) {
      cost.storage = gb * storage->gb_month * m_rate;
      cost.storage_source = fmt::format("{}: {}", storage->source, storage->product);
    } else {
      cost.storage = gb * m_settings.storage_gb_month;
      cost.storage_source = "profile cost.storage_gb_month";
    }
  }

  // Extended security updates a month for a server whose OS or SQL Server version is out of
  // support, unless the target gives them free.
  double esu(const Server& server, const std::vector<std::string>& sql_runtimes,
             double cores) const {
    double total = 0;
    for (const CostSettings::Esu& rule : m_settings.esu) {
      bool applies = false;
      if (rule.product == lower(server.os.family)) {
        const std::string version = lower(server.os.version);
        applies = std::any_of(rule.versions.begin(), rule.versions.end(),
                              [&](const std::string& v) { return lower(v) == version; });
      } else if (rule.product == "sql server") {
        for (const std::string& runtime : sql_runtimes) {
          applies = applies || std::any_of(rule.versions.begin(), rule.versions.end(),
                                           [&](const std::string& v) {
                                             return runtime.find(lower(v)) != std::string::npos;
                                           });
        }
      }
      if (applies && std::find(rule.free_on.begin(), rule.free_on.end(), m_prices.provider) ==
                         rule.free_on.end()) {
        total += rule.per_core_year / 12.0 * cores;
      }
    }
    return total;
  }

  // Each server's power on premises (site PUE applied) and its grid, and its estimated draw in
  // the cloud once it is there: the same every month, so computed once.
  void draws() {
    const auto& k = m_settings.cloud[static_cast<std::size_t>(m_prices.provider)];
    m_draw.resize(m_inv.servers.size());
    for (Index s = 0; s < m_inv.servers.size(); ++s) {
      const Server& server = m_inv.servers[s];
      Draw& draw = m_draw[s];
      draw.watts_pue = watts_of(server, m_settings) * m_inv.sites[server.site].pue;
      draw.grid = lookup_grid(m_inv, m_settings, m_inv.sites[server.site].id);
      if (m_server_cost[s]) {
        const double u = server.cpu_utilisation.value_or(m_settings.cloud_utilisation);
        draw.cloud_watts = m_server_cost[s]->vcpus_billed() *
                           (k.min_watts + u * (k.max_watts - k.min_watts)) * k.pue;
      }
    }
  }

  void cost_apps(BusinessCase& out) {
    const auto& assessment = m_plan.assessment;
    for (Index a = 0; a < m_inv.applications.size(); ++a) {
      const Application& app = m_inv.applications[a];
      AppCost cost;
      cost.app = a;
      cost.strategy = assessment.apps[a].strategy;
      cost.from = m_cutover[a];
      if (cost.strategy != Strategy::retain) {
        cost.one_off = assessment.apps[a].effort.likely * m_settings.day_rate;
      }
      double servers = 0;
      std::size_t owned = 0;
      for (Index s : app.servers) {
        if (m_owner[s] == a && m_server_cost[s]) {
          servers += m_server_cost[s]->monthly();
          ++owned;
        }
      }
      monthly_cost(app, servers, owned, cost, out);
      out.apps.push_back(std::move(cost));
    }
  }

  // An app's monthly cost by its strategy: its `servers`' cost (`owned` of them), a share of
  // it, its target's cost or its SaaS's.
  void monthly_cost(const Application& app, double servers, std::size_t owned, AppCost& cost,
                    BusinessCase& out) const {
    switch (cost.strategy) {
      case Strategy::rehost:
      case Strategy::relocate:
        cost.monthly = servers;
        cost.rule = fmt::format("{} of its servers, sized", owned);
        break;
      case Strategy::replatform:
      case Strategy::refactor:
        if (app.target_monthly_cost) {
          cost.monthly = *app.target_monthly_cost;
          cost.rule = "its target.monthly_cost";
        } else {
          const bool re = cost.strategy == Strategy::replatform;
          const double factor = re ? m_settings.replatform_factor : m_settings.refactor_factor;
          cost.monthly = servers * factor;
          cost.rule = fmt::format(
              "{:g} x the rehost cost of {} of its servers (profile "
              "cost.{}_factor)",
              factor, owned, re ? "replatform" : "refactor");
        }
        break;
      case Strategy::repurchase:
        saas_cost(app, cost, out);
        break;
      case Strategy::retire:
        cost.rule = "retired: nothing to run";
        break;
      case Strategy::retain:
        cost.rule = "retained: stays on premises";
        break;
    }
  }

  // A repurchased app's SaaS a month: its annual cost, or per user; a warning when neither.
  void saas_cost(const Application& app, AppCost& cost, BusinessCase& out) const {
    if (app.saas_alternative && app.saas_alternative->annual_cost) {
      cost.monthly = *app.saas_alternative->annual_cost / 12.0;
      cost.rule = "saas_alternative.annual_cost / 12";
    } else if (app.saas_alternative && app.saas_alternative->per_user_monthly && app.users) {
      cost.monthly = *app.saas_alternative->per_user_monthly * static_cast<double>(*app.users);
      cost.rule = fmt::format("saas_alternative.per_user_monthly x {} users", *app.users);
    } else {
      cost.rule = "no SaaS cost given (saas_alternative.annual_cost or per_user_monthly)";
      if (cost.from) {
        out.warnings.push_back(Diagnostic::make(
            Severity::warning, m_inv.where(app.location), Code::unpriced,
            fmt::format("'{}' is repurchased but its saas_alternative gives no "
                        "annual_cost or per_user_monthly (with users); its SaaS cost is "
                        "left out",
                        app.id)));
      }
    }
  }

  // When each server stops being paid and starts dual running, and each site closes.
  struct RunDown {
    std::vector<std::optional<Date>> off;    // its switch-off
    std::vector<std::optional<Date>> moved;  // every app on it that moves has cut over
    std::vector<bool> kept;                  // an app on it never moves
    std::vector<std::optional<Date>> site_exit;
  };

  RunDown run_down() const {
    const Decommission& d = m_plan.decommission;
    RunDown r{std::vector<std::optional<Date>>(m_inv.servers.size()),
              std::vector<std::optional<Date>>(m_inv.servers.size()),
              std::vector<bool>(m_inv.servers.size(), false),
              std::vector<std::optional<Date>>(m_inv.sites.size())};
    for (const ServerDecommission& s : d.servers) {
      r.off[s.server] = s.date;
    }
    for (const SiteExit& s : d.sites) {
      r.site_exit[s.site] = s.exit_date;
    }
    for (Index a = 0; a < m_inv.applications.size(); ++a) {
      for (Index s : m_inv.applications[a].servers) {
        if (!m_cutover[a]) {
          r.kept[s] = true;
        } else if (!r.moved[s] || *r.moved[s] < *m_cutover[a]) {
          r.moved[s] = m_cutover[a];
        }
      }
    }
    return r;
  }

  // The first month not shown: a year after the exit (or after the last switch-off or wave).
  Date months_end(const RunDown& r) const {
    Date last = m_inv.estate.start;
    if (m_plan.decommission.exit_date) {
      last = *m_plan.decommission.exit_date;
    } else {
      for (const auto& date : r.off) {
        last = std::max(last, date.value_or(last));
      }
      if (!m_plan.waves.waves.empty()) {
        last = std::max(last, m_plan.waves.waves.back().end);
      }
    }
    Date stop = last.month_start();
    for (int i = 0; i < 12; ++i) {
      stop = stop.next_month_start();
    }
    return stop;
  }

  // The on-premises cost a month before any move: servers, sites, contracts a SaaS replaces.
  double today_monthly(const BusinessCase& out) const {
    double total = 0;
    for (const Server& server : m_inv.servers) {
      total += server.annual_cost.value_or(0) / 12.0;
    }
    for (const Site& site : m_inv.sites) {
      total += site.annual_cost.value_or(0) / 12.0;
    }
    for (const AppCost& app : out.apps) {
      if (app.strategy == Strategy::repurchase) {
        total += replaced_contract(app.app) / 12.0;
      }
    }
    return total;
  }

  // The servers' share of a month: paid, dual running, and their energy on premises and in the
  // cloud.
  void add_servers(const RunDown& r, CostMonth& row) const {
    const double hours = m_settings.hours_per_month;
    const double cloud_grid = lookup_grid(m_inv, m_settings, m_region);
    const Date month = row.month;
    for (Index s = 0; s < m_inv.servers.size(); ++s) {
      if (!r.off[s] || month < *r.off[s]) {
        const double monthly = m_inv.servers[s].annual_cost.value_or(0) / 12.0;
        row.on_premises += monthly;
        if (!r.kept[s] && r.moved[s] && *r.moved[s] < month) {
          row.dual_running += monthly;
        }
        row.kwh_on_premises += m_draw[s].watts_pue * hours / 1000.0;
        row.tco2e += m_draw[s].watts_pue * hours / 1e6 * m_draw[s].grid;
      }
      if (m_server_cost[s] && *m_cutover[m_server_cost[s]->app] < month) {
        const double kwh = m_draw[s].cloud_watts * hours / 1000.0;
        row.kwh_cloud += kwh;
        row.tco2e += kwh * cloud_grid / 1000.0;
      }
    }
  }

  // The sites and apps' share of a month: open sites, contracts still paid, cloud and SaaS
  // running, one-off effort of the waves starting.
  void add_sites_and_apps(const RunDown& r, const BusinessCase& out, CostMonth& row) const {
    const Date month = row.month;
    for (Index site = 0; site < m_inv.sites.size(); ++site) {
      if (!r.site_exit[site] || month < *r.site_exit[site]) {
        row.on_premises += m_inv.sites[site].annual_cost.value_or(0) / 12.0;
      }
    }
    for (const AppCost& app : out.apps) {
      // The contract a SaaS replaces is paid until its app cuts over.
      if (app.strategy == Strategy::repurchase && (!app.from || !(*app.from < month))) {
        row.on_premises += replaced_contract(app.app) / 12.0;
      }
      if (app.from && *app.from < month) {
        row.cloud += app.monthly;
      }
      const auto& start = m_wave_start[app.app];
      if (start && start->month_start() == month) {
        row.one_off += app.one_off;
      }
    }
  }

  void months(BusinessCase& out) {
    const RunDown r = run_down();
    const Date stop = months_end(r);
    out.today_monthly = today_monthly(out);
    double cumulative = 0;
    std::optional<std::size_t> last_negative;
    constexpr std::size_t k_max_months = 360;
    for (Date month = m_inv.estate.start.month_start();
         month <= stop && out.months.size() < k_max_months; month = month.next_month_start()) {
      CostMonth row;
      row.month = month;
      add_servers(r, row);
      add_sites_and_apps(r, out, row);
      row.net = out.today_monthly - (row.on_premises + row.cloud + row.one_off);
      cumulative += row.net;
      row.cumulative = cumulative;
      if (cumulative < 0) {
        last_negative = out.months.size();
      }
      out.one_off += row.one_off;
      out.dual_running_total += row.dual_running;
      if (row.dual_running > out.dual_running_peak) {
        out.dual_running_peak = row.dual_running;
        out.dual_running_peak_month = month;
      }
      out.months.push_back(row);
    }
    if (!out.months.empty()) {
      steady_and_payback(last_negative, out);
    }
  }

  // The steady state a year after the exit, the saving, and the month the cumulative net turns
  // non-negative for good (extrapolated at the steady saving past the months shown).
  static void steady_and_payback(std::optional<std::size_t> last_negative, BusinessCase& out) {
    const CostMonth& end = out.months.back();
    out.steady_monthly = end.on_premises + end.cloud;
    out.annual_saving = (out.today_monthly - out.steady_monthly) * 12.0;
    if (!last_negative) {
      out.payback = out.months.front().month;
    } else if (*last_negative + 1 < out.months.size()) {
      out.payback = out.months[*last_negative + 1].month;
    } else if (out.annual_saving > 0) {
      const double monthly = out.annual_saving / 12.0;
      const auto more = static_cast<int>(std::ceil(-end.cumulative / monthly));
      Date month = end.month;
      for (int i = 0; i < more && i < 1200; ++i) {
        month = month.next_month_start();
      }
      out.payback = month;
      out.payback_extrapolated = true;
    }
  }

  double replaced_contract(Index app) const {
    const auto& contract = m_inv.applications[app].contract;
    return contract ? contract->annual_cost.value_or(0) : 0.0;
  }

  void carbon(BusinessCase& out) {
    Carbon& c = out.carbon;
    for (const Draw& draw : m_draw) {
      const double kwh = draw.watts_pue * k_hours_per_year / 1000.0;
      c.kwh_before += kwh;
      c.tco2e_before += kwh * draw.grid / 1000.0;
    }
    const Date exit_month = m_plan.decommission.exit_date
                                ? m_plan.decommission.exit_date->month_start()
                                : out.months.back().month;
    for (const CostMonth& row : out.months) {
      if (row.month <= exit_month) {
        c.tco2e_during += row.tco2e;
      }
    }
    const CostMonth& end = out.months.back();
    const double scale = k_hours_per_year / m_settings.hours_per_month;
    c.kwh_after = (end.kwh_on_premises + end.kwh_cloud) * scale;
    c.cloud_kwh_after = end.kwh_cloud * scale;
    c.tco2e_after = end.tco2e * scale;
    const auto& k = m_settings.cloud[static_cast<std::size_t>(m_prices.provider)];
    c.sources = fmt::format(
        "on premises: power_watts (else {:g} W a core, {:g} W a server) x site PUE; cloud: vCPUs x "
        "({:g} + utilisation x ({:g} - {:g})) W x PUE {:g} (Cloud Carbon Footprint, {}); grid: "
        "{:g} kg CO2e/kWh unless policy.carbon gives one (UK government conversion factors 2024)",
        m_settings.watts_per_core, m_settings.watts_per_server, k.min_watts, k.max_watts,
        k.min_watts, k.pue, to_string(m_prices.provider), m_settings.grid_kg_per_kwh);
  }

  const Plan& m_plan;
  const Inventory& m_inv;
  const PriceList& m_prices;
  const CostSettings& m_settings;
  double m_rate = 1;
  std::string m_region;
  std::array<std::vector<const ComputePrice*>, 2> m_sizes;  // Linux, Windows
  std::vector<std::optional<Date>> m_cutover;
  std::vector<std::optional<Date>> m_wave_start;
  std::vector<std::optional<Index>> m_owner;
  std::vector<std::optional<ServerCost>> m_server_cost;
  struct Draw {
    double watts_pue = 0;    // on premises, site PUE applied
    double grid = 0;         // kg CO2e/kWh of its site
    double cloud_watts = 0;  // in the cloud, the cloud's PUE applied
  };
  std::vector<Draw> m_draw;
};

}  // namespace

bool check_currency(const Inventory& inventory, const PriceList& prices,
                    const CostSettings& settings, DiagnosticSink& sink) {
  if (exchange_rate_of(inventory, prices, settings)) {
    return true;
  }
  sink.add(Diagnostic::make(
      Severity::error, inventory.where(inventory.estate.location), Code::bad_prices,
      fmt::format("the prices are in {} and the estate in {}: give the rate in the profile "
                  "(cost: {{exchange_rates: {{{}: RATE}}}}, {} per {})",
                  prices.currency, inventory.estate.currency, prices.currency,
                  inventory.estate.currency, prices.currency)));
  return false;
}

BusinessCase make_business_case(const Plan& plan, const PriceList& prices,
                                const CostSettings& settings) {
  return Builder(plan, prices, settings).build();
}

std::string explain_cost(const BusinessCase& cost, const Inventory& inventory, Index app) {
  const Application& a = inventory.applications[app];
  const AppCost& c = cost.apps[app];
  std::string out = fmt::format("{} ({}): {} {} a month; {}\n", a.id, to_string(c.strategy),
                                money(c.monthly), cost.currency, c.rule);
  for (const ServerCost& s : cost.servers) {
    if (s.app != app) {
      continue;
    }
    out += fmt::format("  {}: {} {}\n", inventory.servers[s.server].id,
                       s.size.empty() ? "no size" : s.size, s.rule);
    if (!s.size.empty()) {
      out += fmt::format("    compute {} {} a month = {:g} an hour x {:g} hours{}; {}\n",
                         money(s.compute), cost.currency, s.hourly, cost.hours_per_month,
                         cost.exchange_rate != 1.0 ? fmt::format(" x {:g} {} per list unit",
                                                                 cost.exchange_rate, cost.currency)
                                                   : "",
                         s.source);
    }
    out += fmt::format("    storage {} {} a month ({})\n", money(s.storage), cost.currency,
                       s.storage_source);
    if (s.licence > 0) {
      out += fmt::format("    SQL Server licence {} {} a month (profile cost.licences)\n",
                         money(s.licence), cost.currency);
    }
    if (s.esu > 0) {
      out += fmt::format("    extended security updates {} {} a month (profile cost.esu)\n",
                         money(s.esu), cost.currency);
    }
  }
  out += fmt::format("  one-off migration {} {} (effort x cost.day_rate)\n", money(c.one_off),
                     cost.currency);
  return out;
}

}  // namespace dcexit
