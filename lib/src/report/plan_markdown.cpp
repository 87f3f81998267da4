// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// plan.md: the plan in Markdown with a Mermaid gantt, so that it renders on GitHub and in wikis.
// Inventory text is escaped for Markdown (markdown_text) and, in the chart, for Mermaid.
#include "base/text.hpp"
#include "report/connectivity_view.hpp"
#include "report/optimality_view.hpp"
#include "report/plan_figures.hpp"
#include "report/programme_view.hpp"

#include <dcexit/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace dcexit {

namespace {

std::string summary(const EstatePlan& estate) {
  const Plan& plan = estate.plan;
  const Inventory& inv = *plan.inventory;
  const Decommission& d = plan.decommission;
  std::string out = fmt::format("# Exit plan: {}\n\n", markdown_text(inv.estate.name));
  const std::string exit = d.exit_date ? d.exit_date->to_string() : std::string("blocked");
  if (inv.estate.deadline) {
    out += fmt::format("- Start {}; deadline {}; exit {}; deadline {}.\n",
                       inv.estate.start.to_string(), inv.estate.deadline->to_string(), exit,
                       d.deadline_met ? "met" : "**missed**");
  } else {
    out += fmt::format("- Start {}; no deadline; exit {}.\n", inv.estate.start.to_string(), exit);
  }
  out += fmt::format("- {} applications in {} waves of {} days (lower bound {}: {}).\n",
                     inv.applications.size(), plan.waves.waves.size(), inv.policy.wave.length_days,
                     plan.waves.lower_bound_waves, markdown_text(plan.waves.lower_bound_reason));
  out += fmt::format("- Optimality: {}.\n", optimality_text(plan));
  const detail::PlanFigures figures = detail::plan_figures(plan);
  const auto& counts = figures.strategies;
  const double effort = figures.effort_days;
  std::string mix;
  for (Strategy s : k_strategies) {
    if (counts[static_cast<std::size_t>(s)] > 0) {
      mix += fmt::format("{}{} {}", mix.empty() ? "" : ", ", to_string(s),
                         counts[static_cast<std::size_t>(s)]);
    }
  }
  out += fmt::format("- Strategies: {}. Effort {:g} person-days.\n", mix.empty() ? "none" : mix,
                     std::round(effort * 10.0) / 10.0);
  for (const std::string& line : programme_lines(estate)) {
    out += "- " + markdown_text(line) + ".\n";
  }
  const auto late = late_against_baseline(plan);
  if (!late.empty()) {
    out += "\n## Late against the baseline\n\n";
    for (const std::string& line : late) {
      out += "- " + markdown_text(line) + "\n";
    }
  }
  return out;
}

std::string bullets(const char* heading, const std::vector<Diagnostic>& items) {
  if (items.empty()) {
    return {};
  }
  std::string out = fmt::format("\n## {}\n\n", heading);
  for (std::size_t i = 0; i < items.size() && i < k_listed_diagnostics; ++i) {
    out += "- " + markdown_text(items[i].message) + "\n";
  }
  if (items.size() > k_listed_diagnostics) {
    out += fmt::format("- … and {} more: plan.json lists every one.\n",
                       items.size() - k_listed_diagnostics);
  }
  return out;
}

std::string gantt(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  std::string out =
      "\n## Waves\n\n```mermaid\ngantt\n  dateFormat YYYY-MM-DD\n  axisFormat %b %Y\n";
  out += fmt::format("  title {}\n", mermaid_text(inv.estate.name, ""));
  for (const Freeze& f : inv.policy.freezes) {
    out += fmt::format("  section Freeze\n  {} :crit, {}, {}\n", mermaid_text(f.name, "Freeze"),
                       f.from.to_string(), f.to.plus_days(1).to_string());
  }
  out += "  section Waves\n";
  for (const Wave& w : plan.waves.waves) {
    out += fmt::format("  Wave {} ({} apps) :{}, {}\n", w.number, w.apps.size(),
                       w.start.to_string(), w.end.plus_days(1).to_string());
  }
  bool rehearsals = false;
  for (const Wave& w : plan.waves.waves) {
    if (!w.rehearsals.empty()) {
      out += rehearsals ? "" : "  section Rehearsals\n";
      rehearsals = true;
      out += fmt::format("  Wave {} ({} rehearsals) :active, {}, {}\n", w.number,
                         w.rehearsals.size(), w.start.to_string(), w.end.plus_days(1).to_string());
    }
  }
  if (plan.decommission.exit_date) {
    out += fmt::format("  section Exit\n  Site exit :milestone, {}, 0d\n",
                       plan.decommission.exit_date->to_string());
  }
  if (inv.estate.deadline) {
    out += fmt::format("  Deadline :milestone, {}, 0d\n", inv.estate.deadline->to_string());
  }
  return out + "```\n";
}

std::string wave_table(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  std::string out =
      "\n| wave | dates | apps | servers moved | effort days | storage GB | notes |\n"
      "|---:|---|---|---:|---:|---:|---|\n";
  for (const Wave& w : plan.waves.waves) {
    std::string apps;
    for (Index a : w.apps) {
      const std::string_view word = progress_word(inv.applications[a]);
      apps +=
          fmt::format("{}{} ({}{}{})", apps.empty() ? "" : ", ", inv.applications[a].id,
                      to_string(plan.assessment.apps[a].strategy), word.empty() ? "" : ", ", word);
    }
    std::string notes = w.oversized ? fmt::format("oversized: {}", to_string(*w.oversized)) : "";
    if (plan.as_of && w.start < *plan.as_of) {
      notes.insert(0, notes.empty() ? "history" : "history; ");
    }
    for (std::uint32_t f : w.freezes) {
      notes += fmt::format("{}freeze: {}", notes.empty() ? "" : "; ", inv.policy.freezes[f].name);
    }
    const auto note = [&](const std::string& text) { notes += (notes.empty() ? "" : "; ") + text; };
    if (!w.rehearsals.empty()) {
      std::string ids;
      for (Index a : w.rehearsals) {
        ids += (ids.empty() ? "" : ", ") + inv.applications[a].id;
      }
      note("rehearsals: " + ids);
    }
    if (plan.waves.max_transfer_gb) {
      note(fmt::format("transfer {:.0f} of {:.0f} GB", w.transfer_gb, *plan.waves.max_transfer_gb));
    }
    if (inv.policy.wave.max_critical) {
      note(fmt::format("critical {} of {}", w.critical, *inv.policy.wave.max_critical));
    }
    out += fmt::format("| {} | {} – {} | {} | {} | {:g} | {:g} | {} |\n", w.number,
                       w.start.to_string(), w.end.to_string(), markdown_text(apps),
                       w.servers_moved.size(), w.effort_days, w.storage_gb, markdown_text(notes));
  }
  return out;
}

std::string site_table(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  std::string out = "\n## Sites\n\n| site | exit date | blockers |\n|---|---|---|\n";
  for (const SiteExit& site : plan.decommission.sites) {
    std::string blockers;
    for (const Blocker& b : site.blockers) {
      std::string apps;
      for (Index a : b.apps) {
        apps += (apps.empty() ? "" : ", ") + inv.applications[a].id;
      }
      blockers += fmt::format("{}{} ({}{})", blockers.empty() ? "" : "; ", inv.servers[b.server].id,
                              to_string(b.reason), apps.empty() ? "" : ": " + apps);
    }
    out += fmt::format("| {}{} | {} | {} |\n", inv.sites[site.site].id,
                       inv.sites[site.site].closing ? "" : " (stays open)",
                       site.exit_date ? site.exit_date->to_string() : std::string("—"),
                       markdown_text(blockers));
  }
  return out;
}

std::string late_and_run_down(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  const Decommission& d = plan.decommission;
  std::string out;
  if (!d.late.empty()) {
    out +=
        "\n## Cut over after end of support\n\n| app | what | end of support | cutover "
        "|\n|---|---|---|---|\n";
    for (const LateForSupport& l : d.late) {
      out +=
          fmt::format("| {} | {} | {} | {} |\n", inv.applications[l.app].id, markdown_text(l.what),
                      l.end_of_support.to_string(), l.cutover.to_string());
    }
  }
  out += fmt::format(
      "\n## On-premises run-down\n\n| month | servers on | kW (PUE applied) | annual cost ({}) |\n"
      "|---|---:|---:|---:|\n",
      markdown_text(inv.estate.currency));
  for (const RunDownMonth& m : d.run_down) {
    out += fmt::format("| {} | {} | {:g} | {:g} |\n", m.month.month_string(), m.servers, m.kw,
                       m.annual_cost);
  }
  return out;
}

std::string split_rows(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  // A page is for people: connectivity.csv has every split.
  constexpr std::size_t k_rows = 200;
  const auto splits = splits_longest_first(plan);
  std::string out =
      "\n| app | depends on | coupling | caller runs | from | to | days | max days |\n"
      "|---|---|---|---|---|---|---:|---:|\n";
  for (std::size_t i = 0; i < splits.size() && i < k_rows; ++i) {
    const Split& s = *splits[i];
    const bool on_site = s.direction == SplitDirection::on_premises_to_cloud;
    out += fmt::format("| {} | {}{} | {} | {} | {} | {} | {} | {} |\n", inv.applications[s.app].id,
                       inv.applications[s.depends_on].id,
                       s.served_on_premises ? " (served on site)" : "", to_string(s.coupling),
                       on_site ? "on premises" : "in the cloud", s.from.to_string(),
                       s.to ? s.to->to_string() : std::string("permanent"),
                       s.days ? std::to_string(*s.days) : std::string("—"),
                       s.limit ? std::to_string(*s.limit) : std::string("—"));
  }
  if (splits.size() > k_rows) {
    out += fmt::format("\n… and {} more: connectivity.csv lists every split.\n",
                       splits.size() - k_rows);
  }
  return out;
}

std::string connectivity(const Plan& plan) {
  std::string out = "\n## Interim connectivity\n\n";
  if (plan.connectivity.empty()) {
    return out + "No dependency is ever split between on premises and the cloud.\n";
  }
  const auto splits = splits_longest_first(plan);
  const auto permanent = static_cast<std::size_t>(std::count_if(
      splits.begin(), splits.end(), [](const Split* s) { return !s->days.has_value(); }));
  out += fmt::format(
      "{} dependencies sit on two sides of the hybrid link for a while{}", splits.size(),
      permanent == 0
          ? std::string()
          : fmt::format(", {} of them for good (a retained app on one side)", permanent));
  if (permanent < splits.size()) {
    const Split& longest = *splits[permanent];
    out += fmt::format("; the longest for {} days ({} → {})", *longest.days,
                       plan.inventory->applications[longest.app].id,
                       plan.inventory->applications[longest.depends_on].id);
  }
  out +=
      ". connectivity.csv lists every one, with the on-premises sites.\n\n"
      "| wave | dates | split during it | opened at its end | closed at its end |\n"
      "|---:|---|---:|---:|---:|\n";
  const auto per_wave = splits_per_wave(plan);
  for (std::size_t k = 0; k < per_wave.size(); ++k) {
    const Wave& w = plan.waves.waves[k];
    out += fmt::format("| {} | {} – {} | {} | {} | {} |\n", w.number, w.start.to_string(),
                       w.end.to_string(), per_wave[k].open, per_wave[k].opened, per_wave[k].closed);
  }
  return out + split_rows(plan);
}

// The business case (docs/cost.md): the board's figures and the money by month.
std::string business_case(const EstatePlan& estate) {
  std::string out = "\n## Business case\n\n";
  if (!estate.cost) {
    return out +
           "No prices given (`--prices FILE`): no sizes, cloud costs, payback or carbon "
           "(docs/cost.md).\n";
  }
  const BusinessCase& c = *estate.cost;
  const std::string currency = markdown_text(c.currency);
  out += fmt::format(
      "- Today on premises: {:.0f} {cur} a year; a year after the exit: {:.0f} {cur} a year "
      "(on premises {:.0f}, cloud and SaaS {:.0f}).\n"
      "- Saved a year: **{:.0f} {cur}**; one-off migration {:.0f} {cur}; dual running {:.0f} {cur} "
      "in all, at most {:.0f} {cur} in {}.\n"
      "- Payback: **{}**{}.\n"
      "- Carbon: {:.1f} tCO2e a year before, {:.1f} during the programme, {:.1f} a year after.\n"
      "- Prices: {} ({} {}).\n",
      c.today_monthly * 12, c.steady_monthly * 12, c.months.back().on_premises * 12,
      c.months.back().cloud * 12, c.annual_saving, c.one_off, c.dual_running_total,
      c.dual_running_peak,
      c.dual_running_peak_month ? c.dual_running_peak_month->month_string() : "no month",
      c.payback ? c.payback->month_string() : "none",
      c.payback_extrapolated ? " (projected beyond the months shown, at the steady saving)" : "",
      c.carbon.tco2e_before, c.carbon.tco2e_during, c.carbon.tco2e_after,
      markdown_text(fmt::format("{}", fmt::join(c.price_files, ", "))), to_string(c.provider),
      markdown_text(c.region), fmt::arg("cur", currency));
  out += fmt::format(
      "\n| month | on premises | cloud | dual running | one-off | net | cumulative ({}) |\n"
      "|---|---:|---:|---:|---:|---:|---:|\n",
      currency);
  for (const CostMonth& m : c.months) {
    out += fmt::format("| {} | {:.0f} | {:.0f} | {:.0f} | {:.0f} | {:.0f} | {:.0f} |\n",
                       m.month.month_string(), m.on_premises, m.cloud, m.dual_running, m.one_off,
                       m.net, m.cumulative);
  }
  return out;
}

}  // namespace

std::string render_cost_csv(const EstatePlan& estate) {
  std::string out =
      "month,on_premises,cloud,dual_running,one_off,net,cumulative,kwh_on_premises,kwh_cloud,"
      "tco2e\n";
  if (!estate.cost) {
    return out;
  }
  for (const CostMonth& m : estate.cost->months) {
    out += fmt::format("{},{:.2f},{:.2f},{:.2f},{:.2f},{:.2f},{:.2f},{:.0f},{:.0f},{:.3f}\n",
                       m.month.month_string(), m.on_premises, m.cloud, m.dual_running, m.one_off,
                       m.net, m.cumulative, m.kwh_on_premises, m.kwh_cloud, m.tco2e);
  }
  return out;
}

// DR as apps land: per wave, its apps by DR tier, so recovery is built as they arrive.
std::string dr_table(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  const auto& tiers = plan.profile->dr_tiers;
  std::string out = "\n## DR as apps land\n\n| wave | dates |";
  std::string rule = "|---:|---|";
  for (std::size_t t = 0; t < tiers.size(); ++t) {
    out += fmt::format(" {} {} |", t + 1, markdown_text(tiers[t].name));
    rule += "---|";
  }
  out += "\n" + rule + "\n";
  for (const Wave& w : plan.waves.waves) {
    const auto by_tier = dr_tiers_of(plan, w);
    if (std::all_of(by_tier.begin(), by_tier.end(), [](const auto& v) { return v.empty(); })) {
      continue;
    }
    out += fmt::format("| {} | {} – {} |", w.number, w.start.to_string(), w.end.to_string());
    for (const auto& apps : by_tier) {
      std::string ids;
      for (Index a : apps) {
        ids += (ids.empty() ? "" : ", ") + inv.applications[a].id;
      }
      out += " " + markdown_text(ids) + " |";
    }
    out += "\n";
  }
  return out;
}

std::string render_plan_markdown(const EstatePlan& estate) {
  const Plan& plan = estate.plan;
  return summary(estate) + bullets("What binds", plan.advice) +
         bullets("Conflicts", with_code(plan.warnings, Code::low_confidence, false)) +
         bullets("Low confidence: the model's strategy rests on thin data",
                 with_code(plan.warnings, Code::low_confidence)) +
         gantt(plan) + wave_table(plan) + dr_table(plan) + connectivity(plan) + site_table(plan) +
         late_and_run_down(plan) + business_case(estate);
}

}  // namespace dcexit
