// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include <dcexit/report.hpp>
#include "base/json_writer.hpp"
#include "base/text.hpp"

#include <fmt/format.h>

#include <array>
#include <iterator>

namespace dcexit {

namespace {

std::vector<std::string> messages(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  out.reserve(diagnostics.size());
  for (const Diagnostic& d : diagnostics) {
    out.push_back(d.message);
  }
  return out;
}

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

std::string json_date(const std::optional<Date>& date) {
  return date ? "\"" + date->to_string() + "\"" : "null";
}

template <class Ids>
std::string json_ids(const Ids& indices, const auto& id_of) {
  std::string out = "[";
  bool first = true;
  for (const auto i : indices) {
    out += first ? "" : ", ";
    out += json_string(id_of(i));
    first = false;
  }
  return out + "]";
}

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

std::string render_summary(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  std::string strategies;
  const auto counts = strategy_counts(plan);
  for (Strategy s : k_strategies) {
    strategies += fmt::format("{}\"{}\": {}", strategies.empty() ? "" : ", ", to_string(s),
                              counts[static_cast<std::size_t>(s)]);
  }
  const auto list = [](const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
      out += (i == 0 ? "" : ", ") + json_string(items[i]);
    }
    return out + "]";
  };
  return fmt::format(
      "  \"summary\": {{\"applications\": {}, \"waves\": {}, \"lower_bound_waves\": {}, "
      "\"exit_date\": {}, \"deadline_met\": {},\n"
      "              \"lower_bound_reason\": {}, \"effort_days\": {:g}, \"strategies\": {{{}}},\n"
      "              \"advice\": {}, \"warnings\": {}}},\n",
      inv.applications.size(), plan.waves.waves.size(), plan.waves.lower_bound_waves,
      json_date(plan.decommission.exit_date), plan.decommission.deadline_met ? "true" : "false",
      json_string(plan.waves.lower_bound_reason), total_effort(plan), strategies, list(messages(plan.advice)),
      list(messages(plan.warnings)));
}

std::string render_applications(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  std::string out;
  out.reserve(inv.applications.size() * 640);
  auto to = std::back_inserter(out);
  out += "  \"applications\": [";
  for (Index a = 0; a < inv.applications.size(); ++a) {
    const AppAssessment& as = plan.assessment.apps[a];
    const std::uint32_t wave = plan.waves.wave_of[a];
    const std::uint32_t group = plan.groups.group_of[a];
    out += a == 0 ? "\n    {\"id\": " : ",\n    {\"id\": ";
    append_json_string(out, inv.applications[a].id);
    fmt::format_to(to, ", \"strategy\": \"{}\", \"source\": \"{}\", \"wave\": ", to_string(as.strategy),
                   as.from_decision ? "decision" : "model");
    if (wave == 0) {
      out += "null";
    } else {
      fmt::format_to(to, "{}", wave);
    }
    out += ", \"move_group\": ";
    if (group == k_no_group || plan.group_ids[group].empty()) {
      out += "null";
    } else {
      append_json_string(out, plan.group_ids[group]);
    }
    fmt::format_to(to, ", \"confidence\": {:.2f}, \"effort_days\": {:g},\n     \"scores\": {{", as.confidence,
                   as.effort.likely);
    for (Strategy s : k_strategies) {
      fmt::format_to(to, "{}\"{}\": {:.3f}", s == Strategy::retire ? "" : ", ", to_string(s),
                     as.scores[static_cast<std::size_t>(s)].score);
    }
    out += "},\n     \"reasons\": [";
    const auto reasons = top_reasons(inv, plan.assessment, *plan.profile, a, 3);
    for (std::size_t i = 0; i < reasons.size(); ++i) {
      out += i == 0 ? "" : ", ";
      append_json_string(out, reasons[i]);
    }
    out += "]}";
  }
  out += inv.applications.empty() ? "],\n" : "\n  ],\n";
  return out;
}

std::string render_groups(const Plan& plan) {
  const Names names{*plan.inventory};
  std::string out = "  \"move_groups\": [";
  bool first = true;
  for (std::uint32_t g = 0; g < plan.groups.groups.size(); ++g) {
    if (plan.group_ids[g].empty()) {
      continue;
    }
    const MoveGroup& group = plan.groups.groups[g];
    std::string reasons = "[";
    for (const std::string& r : reason_names(group.reasons)) {
      reasons += (reasons.size() > 1 ? ", \"" : "\"") + r + "\"";
    }
    out += fmt::format("{}\n    {{\"id\": \"{}\", \"apps\": {}, \"reasons\": {}]}}", first ? "" : ",",
                       plan.group_ids[g], json_ids(group.apps, [&](Index a) { return names.app(a); }),
                       reasons);
    first = false;
  }
  return out + (first ? "],\n" : "\n  ],\n");
}

std::string render_waves(const Plan& plan) {
  const Names names{*plan.inventory};
  std::string out = "  \"waves\": [";
  for (const Wave& w : plan.waves.waves) {
    std::string freezes = "[";
    for (std::uint32_t f : w.freezes) {
      freezes += (freezes.size() > 1 ? ", " : "") + json_string(plan.inventory->policy.freezes[f].name);
    }
    freezes += "]";
    out += fmt::format("{}\n    {{\"number\": {}, \"start\": \"{}\", \"end\": \"{}\", \"apps\": {},\n"
                       "     \"servers_moved\": {},\n     \"effort_days\": {:g}, \"storage_gb\": {:g}, "
                       "\"oversized\": {}, \"freezes\": {}}}",
                       w.number == 1 ? "" : ",", w.number, w.start.to_string(), w.end.to_string(),
                       json_ids(w.apps, [&](Index a) { return names.app(a); }),
                       json_ids(w.servers_moved, [&](Index s) { return names.server(s); }),
                       w.effort_days, w.storage_gb,
                       w.oversized ? "\"" + std::string(to_string(*w.oversized)) + "\"" : "null", freezes);
  }
  return out + (plan.waves.waves.empty() ? "],\n" : "\n  ],\n");
}

std::string render_decommission(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  const Names names{inv};
  const Decommission& d = plan.decommission;
  std::string out = "  \"decommission\": {\n    \"servers\": [";
  for (std::size_t i = 0; i < d.servers.size(); ++i) {
    out += fmt::format("{}\n      {{\"id\": {}, \"date\": \"{}\", \"last_app\": {}}}", i == 0 ? "" : ",",
                       json_string(names.server(d.servers[i].server)), d.servers[i].date.to_string(),
                       json_string(names.app(d.servers[i].last_app)));
  }
  out += d.servers.empty() ? "],\n    \"sites\": [" : "\n    ],\n    \"sites\": [";
  for (std::size_t i = 0; i < d.sites.size(); ++i) {
    const SiteExit& site = d.sites[i];
    std::string blockers = "[";
    for (std::size_t b = 0; b < site.blockers.size(); ++b) {
      const Blocker& bl = site.blockers[b];
      blockers += fmt::format("{}{{\"server\": {}, \"reason\": \"{}\", \"apps\": {}}}", b == 0 ? "" : ", ",
                              json_string(names.server(bl.server)), to_string(bl.reason),
                              json_ids(bl.apps, [&](Index a) { return names.app(a); }));
    }
    blockers += "]";
    out += fmt::format("{}\n      {{\"id\": {}, \"exit_date\": {}, \"closing\": {}, \"blockers\": {}}}",
                       i == 0 ? "" : ",", json_string(names.site(site.site)), json_date(site.exit_date),
                       inv.sites[site.site].closing ? "true" : "false", blockers);
  }
  out += d.sites.empty() ? "],\n    \"racks\": [" : "\n    ],\n    \"racks\": [";
  for (std::size_t i = 0; i < d.racks.size(); ++i) {
    const RackExit& rack = d.racks[i];
    out += fmt::format("{}\n      {{\"site\": {}, \"rack\": {}, \"date\": {}, \"blocked_by\": {}}}",
                       i == 0 ? "" : ",", json_string(names.site(rack.site)), json_string(rack.rack),
                       json_date(rack.date),
                       json_ids(rack.blocked_servers, [&](Index s) { return names.server(s); }));
  }
  out += d.racks.empty() ? "],\n    \"late_for_support\": [" : "\n    ],\n    \"late_for_support\": [";
  for (std::size_t i = 0; i < d.late.size(); ++i) {
    const LateForSupport& l = d.late[i];
    out += fmt::format("{}\n      {{\"app\": {}, \"what\": {}, \"end_of_support\": \"{}\", \"cutover\": \"{}\"}}",
                       i == 0 ? "" : ",", json_string(names.app(l.app)), json_string(l.what),
                       l.end_of_support.to_string(), l.cutover.to_string());
  }
  out += d.late.empty() ? "],\n    \"run_down\": [" : "\n    ],\n    \"run_down\": [";
  for (std::size_t i = 0; i < d.run_down.size(); ++i) {
    const RunDownMonth& m = d.run_down[i];
    out += fmt::format("{}\n      {{\"month\": \"{}\", \"servers\": {}, \"kw\": {:g}, \"annual_cost\": {:g}}}",
                       i == 0 ? "" : ",", m.month.month_string(), m.servers, m.kw, m.annual_cost);
  }
  out += d.run_down.empty() ? "]\n  }\n" : "\n    ]\n  }\n";
  return out;
}

}  // namespace

std::string render_plan_json(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  std::string out = "{\n  \"schema\": \"dcexit-plan/v1\",\n";
  out += fmt::format("  \"estate\": {{\"name\": {}, \"start\": \"{}\", \"deadline\": {}, \"currency\": {}}},\n",
                     json_string(inv.estate.name), inv.estate.start.to_string(),
                     json_date(inv.estate.deadline), json_string(inv.estate.currency));
  out += render_summary(plan);
  out += render_applications(plan);
  out += render_groups(plan);
  out += render_waves(plan);
  out += render_decommission(plan);
  return out + "}\n";
}

std::string render_waves_csv(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  std::string out = "wave,start,end,app,name,strategy,source,criticality,effort_days,move_group,servers_moved,oversized\n";
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
                         w.end.to_string(), inv.applications[a].id, csv_field(inv.applications[a].name),
                         to_string(as.strategy), as.from_decision ? "decision" : "model",
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
    out += fmt::format("- Start {}; deadline {}; exit {}; deadline {}.\n", inv.estate.start.to_string(),
                       inv.estate.deadline->to_string(), exit, d.deadline_met ? "met" : "**missed**");
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
      mix += fmt::format("{}{} {}", mix.empty() ? "" : ", ", to_string(s), counts[static_cast<std::size_t>(s)]);
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
    out += fmt::format("  section Freeze\n  {} :crit, {}, {}\n", mermaid_text(f.name, "Freeze"), f.from.to_string(),
                       f.to.plus_days(1).to_string());
  }
  out += "  section Waves\n";
  for (const Wave& w : plan.waves.waves) {
    out += fmt::format("  Wave {} ({} apps) :{}, {}\n", w.number, w.apps.size(), w.start.to_string(),
                       w.end.plus_days(1).to_string());
  }
  if (d.exit_date) {
    out += fmt::format("  section Exit\n  Site exit :milestone, {}, 0d\n", d.exit_date->to_string());
  }
  if (inv.estate.deadline) {
    out += fmt::format("  Deadline :milestone, {}, 0d\n", inv.estate.deadline->to_string());
  }
  out += "```\n\n| wave | dates | apps | servers moved | effort days | storage GB | notes |\n|---:|---|---|---:|---:|---:|---|\n";
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
    out += fmt::format("| {} | {} – {} | {} | {} | {:g} | {:g} | {} |\n", w.number, w.start.to_string(),
                       w.end.to_string(), markdown_text(apps), w.servers_moved.size(), w.effort_days, w.storage_gb,
                       markdown_text(notes));
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
                       site.exit_date ? site.exit_date->to_string() : std::string("—"), markdown_text(blockers));
  }
  if (!d.late.empty()) {
    out += "\n## Cut over after end of support\n\n| app | what | end of support | cutover |\n|---|---|---|---|\n";
    for (const LateForSupport& l : d.late) {
      out += fmt::format("| {} | {} | {} | {} |\n", inv.applications[l.app].id, markdown_text(l.what),
                         l.end_of_support.to_string(), l.cutover.to_string());
    }
  }
  out += fmt::format("\n## On-premises run-down\n\n| month | servers on | kW (PUE applied) | annual cost ({}) |\n|---|---:|---:|---:|\n",
                     markdown_text(inv.estate.currency));
  for (const RunDownMonth& m : d.run_down) {
    out += fmt::format("| {} | {} | {:g} | {:g} |\n", m.month.month_string(), m.servers, m.kw,
                       m.annual_cost);
  }
  return out;
}

}  // namespace dcexit
