// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
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

std::array<std::size_t, 7> strategy_counts(const Plan& plan) {
  std::array<std::size_t, 7> counts{};
  for (const AppAssessment& a : plan.assessment.apps) {
    ++counts[static_cast<std::size_t>(a.strategy)];
  }
  return counts;
}

double total_effort(const Plan& plan) {
  double total = 0;
  for (const AppAssessment& a : plan.assessment.apps) {
    total += a.effort.likely;
  }
  return std::round(total * 10.0) / 10.0;
}

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

std::string render_plan_markdown(const Plan& plan) {
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
  std::string mix;
  const auto counts = strategy_counts(plan);
  for (Strategy s : k_strategies) {
    if (counts[static_cast<std::size_t>(s)] > 0) {
      mix += fmt::format("{}{} {}", mix.empty() ? "" : ", ", to_string(s),
                         counts[static_cast<std::size_t>(s)]);
    }
  }
  out += fmt::format("- Strategies: {}. Effort {:g} person-days.\n", mix.empty() ? "none" : mix,
                     total_effort(plan));
  if (!plan.advice.empty()) {
    out += "\n## What binds\n\n";
    for (const Diagnostic& a : plan.advice) {
      out += "- " + markdown_text(a.message) + "\n";
    }
  }
  if (!plan.warnings.empty()) {
    out += "\n## Conflicts\n\n";
    for (const Diagnostic& w : plan.warnings) {
      out += "- " + markdown_text(w.message) + "\n";
    }
  }
  out += "\n## Waves\n\n```mermaid\ngantt\n  dateFormat YYYY-MM-DD\n  axisFormat %b %Y\n";
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
  if (d.exit_date) {
    out +=
        fmt::format("  section Exit\n  Site exit :milestone, {}, 0d\n", d.exit_date->to_string());
  }
  if (inv.estate.deadline) {
    out += fmt::format("  Deadline :milestone, {}, 0d\n", inv.estate.deadline->to_string());
  }
  out +=
      "```\n\n| wave | dates | apps | servers moved | effort days | storage GB | notes "
      "|\n|---:|---|---|---:|---:|---:|---|\n";
  for (const Wave& w : plan.waves.waves) {
    std::string apps;
    for (Index a : w.apps) {
      apps += fmt::format("{}{} ({})", apps.empty() ? "" : ", ", inv.applications[a].id,
                          to_string(plan.assessment.apps[a].strategy));
    }
    std::string notes = w.oversized ? fmt::format("oversized: {}", to_string(*w.oversized)) : "";
    for (std::uint32_t f : w.freezes) {
      notes += fmt::format("{}freeze: {}", notes.empty() ? "" : "; ", inv.policy.freezes[f].name);
    }
    out += fmt::format("| {} | {} – {} | {} | {} | {:g} | {:g} | {} |\n", w.number,
                       w.start.to_string(), w.end.to_string(), markdown_text(apps),
                       w.servers_moved.size(), w.effort_days, w.storage_gb, markdown_text(notes));
  }
  out += "\n## Sites\n\n| site | exit date | blockers |\n|---|---|---|\n";
  for (const SiteExit& site : d.sites) {
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
      "\n## On-premises run-down\n\n| month | servers on | kW (PUE applied) | annual cost ({}) "
      "|\n|---|---:|---:|---:|\n",
      markdown_text(inv.estate.currency));
  for (const RunDownMonth& m : d.run_down) {
    out += fmt::format("| {} | {} | {:g} | {:g} |\n", m.month.month_string(), m.servers, m.kw,
                       m.annual_cost);
  }
  return out;
}

}  // namespace dcexit
