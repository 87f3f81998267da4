// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// plan.json, per the contract `dcexit-plan/v1` plus the extensions in docs/planning.md.
#include "base/json_writer.hpp"
#include "base/output_files.hpp"
#include "report/plan_figures.hpp"

#include <dcexit/report.hpp>

#include <cmath>

namespace dcexit {

namespace {

using Layout = JsonLayout;

struct PlanJson {
  const EstatePlan& whole;
  const Plan& plan;
  const Inventory& inv;
  JsonWriter& w;
  std::string& out;
  const TextSink& sink;

  // Hands what is written so far to the sink once it passes a megabyte: the writer only ever
  // appends, so the text can go in pieces between two records.
  void flush(bool all = false) {
    constexpr std::size_t k_piece = std::size_t{1} << 20U;
    if (!out.empty() && (all || out.size() >= k_piece)) {
      sink(out);
      out.clear();
    }
  }

  template <class Indices, class Id>
  void ids(const Indices& indices, Id id_of) {
    w.begin_array();
    for (const auto i : indices) {
      w.string(id_of(i));
    }
    w.end();
  }
  void app_ids(std::span<const Index> apps) {
    ids(apps, [&](Index a) -> const std::string& { return inv.applications[a].id; });
  }
  void server_ids(std::span<const Index> servers) {
    ids(servers, [&](Index s) -> const std::string& { return inv.servers[s].id; });
  }
  void messages(const std::vector<Diagnostic>& diagnostics) {
    w.begin_array();
    for (const Diagnostic& d : diagnostics) {
      w.string(d.message);
      flush();  // a large estate can warn about thousands of apps
    }
    w.end();
  }

  void estate() {
    w.key("estate").begin_object();
    w.field("name", inv.estate.name).field("start", inv.estate.start.to_string());
    w.field("deadline", inv.estate.deadline).field("currency", inv.estate.currency);
    w.end();
  }

  void summary() {
    const detail::PlanFigures figures = detail::plan_figures(plan);
    const auto& counts = figures.strategies;
    const double effort = figures.effort_days;
    w.key("summary").begin_object();
    w.field("applications", inv.applications.size()).field("waves", plan.waves.waves.size());
    w.field("lower_bound_waves", plan.waves.lower_bound_waves);
    w.field("exit_date", plan.decommission.exit_date)
        .field("deadline_met", plan.decommission.deadline_met);
    w.line_break(14).field("lower_bound_reason", plan.waves.lower_bound_reason);
    const Optimality& o = plan.waves.optimality;
    const auto waves = static_cast<std::uint32_t>(plan.waves.waves.size());
    w.line_break(14).key("optimality").begin_object();
    w.field("status", to_string(o.status)).field("waves", waves).field("bound", o.bound);
    w.field("gap", waves > o.bound ? waves - o.bound : 0).field("nodes", o.nodes);
    w.field("budget_nodes", o.budget).field("list_waves", o.list_waves);
    w.field("local_search_waves", o.local_waves != 0 ? std::optional(o.local_waves) : std::nullopt)
        .end();
    // A programme in flight (contract programme.md section 3): as_of null when not asked.
    w.line_break(14).key("as_of").date(plan.as_of);
    // Apps out of their baseline waves: none without a baseline, so that a plan made against
    // its own baseline is byte-identical to it.
    w.field("churn", plan.changes ? plan.changes->size() : 0U);
    w.field("max_transfer_gb",
            plan.waves.max_transfer_gb
                ? std::optional(std::round(*plan.waves.max_transfer_gb * 10) / 10)
                : std::nullopt);
    w.field("effort_days", std::round(effort * 10.0) / 10.0);
    w.key("strategies").begin_object();
    for (Strategy s : k_strategies) {
      w.field(to_string(s), counts[static_cast<std::size_t>(s)]);
    }
    w.end();
    w.line_break(14).key("advice");
    messages(plan.advice);
    w.key("warnings");
    messages(plan.warnings);
    w.end();
  }

  void application(Index a) {
    const AppAssessment& as = plan.assessment.apps[a];
    const std::uint32_t wave = plan.waves.wave_of[a];
    const std::uint32_t group = plan.groups.group_of[a];
    w.begin_object();
    w.field("id", inv.applications[a].id).field("strategy", to_string(as.strategy));
    w.field("source", as.from_decision ? "decision" : "model");
    w.key("wave");
    wave == 0 ? w.null() : w.integer(wave);
    const std::uint32_t rehearsal = plan.waves.rehearsal_of[a];
    w.key("rehearsal_wave");
    rehearsal == 0 ? w.null() : w.integer(rehearsal);
    const auto& progress = inv.applications[a].progress;
    w.key("progress");
    progress ? w.string(to_string(progress->status)) : w.null();
    w.key("move_group");
    group == k_no_group || plan.group_ids[group].empty() ? w.null()
                                                         : w.string(plan.group_ids[group]);
    w.key("confidence").fixed(as.confidence, 2).field("effort_days", as.effort.likely);
    w.key("dr_tier");
    as.dr_tier == 0 ? w.null() : w.integer(as.dr_tier);
    w.line_break(5).key("scores").begin_object();
    for (Strategy s : k_strategies) {
      w.key(to_string(s)).fixed(as.scores[static_cast<std::size_t>(s)].score, 3);
    }
    w.end();
    w.line_break(5).key("reasons").strings(
        top_reasons(inv, plan.assessment, *plan.profile, a, k_top_signals));
    w.end();
  }

  void applications() {
    w.key("applications").begin_array(Layout::lines(4));
    for (Index a = 0; a < inv.applications.size(); ++a) {
      application(a);
      flush();
    }
    w.end();
  }

  void move_groups() {
    w.key("move_groups").begin_array(Layout::lines(4));
    for (std::uint32_t g = 0; g < plan.groups.groups.size(); ++g) {
      if (plan.group_ids[g].empty()) {
        continue;
      }
      w.begin_object().field("id", plan.group_ids[g]).key("apps");
      app_ids(plan.groups.groups[g].apps);
      w.key("reasons").strings(reason_names(plan.groups.groups[g].reasons));
      w.end();
      flush();
    }
    w.end();
  }

  void waves() {
    w.key("waves").begin_array(Layout::lines(4));
    for (const Wave& wave : plan.waves.waves) {
      w.begin_object().field("number", wave.number);
      w.field("start", wave.start.to_string()).field("end", wave.end.to_string());
      w.field("history", plan.as_of && wave.start < *plan.as_of).key("apps");
      app_ids(wave.apps);
      w.line_break(5).key("servers_moved");
      server_ids(wave.servers_moved);
      w.line_break(5).field("effort_days", wave.effort_days).field("storage_gb", wave.storage_gb);
      w.field("transfer_gb", plan.waves.max_transfer_gb
                                 ? std::optional(std::round(wave.transfer_gb * 10) / 10)
                                 : std::nullopt);
      w.field("critical",
              inv.policy.wave.max_critical ? std::optional(wave.critical) : std::nullopt);
      w.key("rehearsals");
      app_ids(wave.rehearsals);
      w.key("oversized");
      wave.oversized ? w.string(to_string(*wave.oversized)) : w.null();
      w.key("freezes").begin_array();
      for (std::uint32_t f : wave.freezes) {
        w.string(inv.policy.freezes[f].name);
      }
      w.end().end();
      flush();
    }
    w.end();
  }

  void servers_and_sites(const Decommission& d) {
    w.key("servers").begin_array(Layout::lines(6));
    for (const ServerDecommission& s : d.servers) {
      w.begin_object().field("id", inv.servers[s.server].id).field("date", s.date.to_string());
      w.field("last_app", inv.applications[s.last_app].id);
      if (s.kept_for) {  // an extension: the service that kept it running for last_app
        w.field("kept_for", inv.applications[*s.kept_for].id);
      }
      w.end();
      flush();
    }
    w.end().key("sites").begin_array(Layout::lines(6));
    for (const SiteExit& site : d.sites) {
      w.begin_object().field("id", inv.sites[site.site].id).field("exit_date", site.exit_date);
      w.field("closing", inv.sites[site.site].closing).key("blockers").begin_array();
      for (const Blocker& b : site.blockers) {
        w.begin_object()
            .field("server", inv.servers[b.server].id)
            .field("reason", to_string(b.reason));
        w.key("apps");
        app_ids(b.apps);
        w.end();
      }
      w.end().end();
    }
    w.end();
  }

  void racks_and_more(const Decommission& d) {
    w.key("racks").begin_array(Layout::lines(6));
    for (const RackExit& rack : d.racks) {
      w.begin_object()
          .field("site", inv.sites[rack.site].id)
          .field("rack", rack.rack)
          .field("date", rack.date);
      w.key("blocked_by");
      server_ids(rack.blocked_servers);
      w.end();
    }
    w.end().key("late_for_support").begin_array(Layout::lines(6));
    for (const LateForSupport& l : d.late) {
      w.begin_object().field("app", inv.applications[l.app].id).field("what", l.what);
      w.field("end_of_support", l.end_of_support.to_string())
          .field("cutover", l.cutover.to_string())
          .end();
    }
    w.end().key("run_down").begin_array(Layout::lines(6));
    for (const RunDownMonth& m : d.run_down) {
      w.begin_object().field("month", m.month.month_string()).field("servers", m.servers);
      w.field("kw", m.kw).field("annual_cost", m.annual_cost).end();
    }
    w.end();
  }

  // Contract programme.md section 1; "max_split_days" and "served_on_premises" are extensions.
  void connectivity() {
    w.key("connectivity").begin_array(Layout::lines(4));
    for (const Split& s : plan.connectivity) {
      w.begin_object().field("app", inv.applications[s.app].id);
      w.field("depends_on", inv.applications[s.depends_on].id)
          .field("coupling", to_string(s.coupling));
      w.field("from", s.from.to_string()).key("to");
      s.to ? w.string(s.to->to_string()) : w.null();
      w.key("days");
      s.days ? w.integer(*s.days) : w.null();
      w.field("direction", to_string(s.direction)).key("max_split_days");
      s.limit ? w.integer(*s.limit) : w.null();
      w.field("served_on_premises", s.served_on_premises).end();
      flush();
    }
    w.end();
  }

  // plan --simulate (contract programme.md section 3): null when not asked.
  void risk() {
    w.key("risk");
    if (!whole.risk) {
      w.null();
      return;
    }
    const Risk& r = *whole.risk;
    w.begin_object(Layout::lines(4)).field("runs", r.runs).field("seed", r.seed);
    w.field("rollback_probability", r.rollback_probability);
    w.key("exit_p50").date(r.exit_p50).key("exit_p80").date(r.exit_p80);
    w.key("exit_p95").date(r.exit_p95);
    w.key("deadline_probability");
    r.deadline_probability ? w.fixed(*r.deadline_probability, 3) : w.null();
    w.field("late_runs", r.late_runs);
    w.key("sites").begin_array(Layout::lines(6));
    for (const Risk::SiteDates& d : r.sites) {
      w.begin_object().field("site", inv.sites[d.site].id);
      w.field("exit_p50", d.p50.to_string()).field("exit_p80", d.p80.to_string());
      w.field("exit_p95", d.p95.to_string()).end();
    }
    w.end().key("drivers").begin_array(Layout::lines(6));
    for (const Risk::Driver& d : r.drivers) {
      w.begin_object().field("app", inv.applications[d.app].id).field("runs", d.runs);
      w.key("share").fixed(static_cast<double>(d.runs) / r.runs, 3).end();
    }
    w.end().key("histogram").begin_array(Layout::lines(6));
    for (const auto& [date, runs] : r.histogram) {
      w.begin_object().field("exit_date", date.to_string()).field("runs", runs).end();
    }
    w.end().end();
  }

  JsonWriter& money(std::string_view name, double value) { return w.key(name).fixed(value, 2); }

  // The business case (contract programme.md section 4): null without --prices.
  void cost() {
    w.key("cost");
    if (!whole.cost) {
      w.null();
      w.key("carbon").null();
      return;
    }
    const BusinessCase& c = *whole.cost;
    w.begin_object(Layout::lines(4)).field("currency", c.currency);
    w.field("provider", std::string(to_string(c.provider))).field("region", c.region);
    w.key("price_files").strings(c.price_files);
    w.field("exchange_rate", c.exchange_rate);
    money("today_monthly", c.today_monthly);
    money("steady_monthly", c.steady_monthly);
    money("annual_saving", c.annual_saving);
    money("one_off", c.one_off);
    money("dual_running_total", c.dual_running_total);
    money("dual_running_peak", c.dual_running_peak);
    w.key("dual_running_peak_month");
    c.dual_running_peak_month ? w.string(c.dual_running_peak_month->month_string()) : w.null();
    w.key("payback_month");
    c.payback ? w.string(c.payback->month_string()) : w.null();
    w.field("payback_extrapolated", c.payback_extrapolated);
    cost_apps(c);
    cost_servers(c);
    cost_months(c);
    w.end();
    const Carbon& k = c.carbon;
    w.key("carbon").begin_object(Layout::lines(4));
    w.key("kwh_before").fixed(k.kwh_before, 0).key("kwh_after").fixed(k.kwh_after, 0);
    w.key("cloud_kwh_after").fixed(k.cloud_kwh_after, 0);
    w.key("tco2e_before").fixed(k.tco2e_before, 2).key("tco2e_during").fixed(k.tco2e_during, 2);
    w.key("tco2e_after").fixed(k.tco2e_after, 2).field("sources", k.sources).end();
  }

  void cost_apps(const BusinessCase& c) {
    w.key("applications").begin_array(Layout::lines(6));
    for (const AppCost& a : c.apps) {
      w.begin_object().field("app", inv.applications[a.app].id);
      w.field("strategy", std::string(to_string(a.strategy)));
      money("monthly", a.monthly);
      money("one_off", a.one_off);
      w.key("from").date(a.from).field("rule", a.rule).end();
      flush();
    }
    w.end();
  }

  void cost_servers(const BusinessCase& c) {
    w.key("servers").begin_array(Layout::lines(6));
    for (const ServerCost& s : c.servers) {
      w.begin_object().field("server", inv.servers[s.server].id);
      w.field("app", inv.applications[s.app].id);
      w.key("size");
      s.size.empty() ? w.null() : w.string(s.size);
      w.field("vcpus", s.vcpus).field("memory_gb", s.memory_gb);
      w.key("vcpus_needed").fixed(s.vcpus_needed, 2);
      w.key("memory_needed_gb").fixed(s.memory_needed, 2);
      w.field("os_price", std::string(s.windows_price ? "windows" : "linux"));
      money("compute", s.compute);
      money("storage", s.storage);
      money("licence", s.licence);
      money("esu", s.esu);
      money("monthly", s.monthly());
      w.field("price_line", s.source).field("storage_line", s.storage_source);
      w.field("rule", s.rule).end();
      flush();
    }
    w.end();
  }

  void cost_months(const BusinessCase& c) {
    w.key("months").begin_array(Layout::lines(6));
    for (const CostMonth& m : c.months) {
      w.begin_object().field("month", m.month.month_string());
      money("on_premises", m.on_premises);
      money("cloud", m.cloud);
      money("dual_running", m.dual_running);
      money("one_off", m.one_off);
      money("net", m.net);
      money("cumulative", m.cumulative);
      w.key("tco2e").fixed(m.tco2e, 3).end();
    }
    w.end();
  }

  // Apps whose wave differs from the baseline's (contract programme.md section 3).
  void changes() {
    w.key("changes").begin_array(Layout::lines(4));
    for (const Plan::Change& c : plan.changes.value_or(std::vector<Plan::Change>{})) {
      w.begin_object().field("app", inv.applications[c.app].id);
      w.field("from_wave", c.from_wave).field("to_wave", c.to_wave).end();
    }
    w.end();
  }

  void decommission() {
    w.key("decommission").begin_object(Layout::lines(4));
    servers_and_sites(plan.decommission);
    racks_and_more(plan.decommission);
    w.end();
  }
};

}  // namespace

void write_plan_json(const EstatePlan& estate, const TextSink& sink) {
  const Plan& plan = estate.plan;
  const Inventory& inv = *plan.inventory;
  std::string out;
  out.reserve((std::size_t{1} << 20U) + (std::size_t{64} << 10U));
  JsonWriter w(out);
  PlanJson json{estate, plan, inv, w, out, sink};
  w.begin_object(Layout::lines(2)).field("schema", "dcexit-plan/v1");
  json.estate();
  json.summary();
  json.applications();
  json.move_groups();
  json.waves();
  json.decommission();
  json.connectivity();
  json.changes();
  json.risk();
  json.cost();
  w.end();
  out += '\n';
  json.flush(true);
}

std::string render_plan_json(const EstatePlan& estate) {
  const Inventory& inv = *estate.plan.inventory;
  std::string text;
  text.reserve(4096 + inv.applications.size() * 640 + inv.servers.size() * 80);
  write_plan_json(estate, [&](std::string_view piece) { text += piece; });
  return text;
}

}  // namespace dcexit
