// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// jira.csv and azure-devops.csv: the plan as the CSV files those trackers import
// (docs/reports.md, "Tracker import files"): an epic per wave, a story per application it moves
// or retires, in the column names their importers document.
#include "base/text.hpp"
#include "report/plan_figures.hpp"

#include <dcexit/report.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace dcexit {

namespace {

// What a story says beyond its columns: the strategy and why, its figures, its servers and
// dependencies, so that the tracker holds the plan's reasoning.
std::string story_description(const Plan& plan, Index a) {
  const Inventory& inv = *plan.inventory;
  const Application& app = inv.applications[a];
  const AppAssessment& as = plan.assessment.apps[a];
  std::string servers;
  for (Index s : app.servers) {
    servers += (servers.empty() ? "" : ", ") + inv.servers[s].id;
  }
  const std::string depends = detail::dependency_ids(inv, app, ", ");
  std::string text =
      fmt::format("{} ({}): {} by {}; criticality {}; effort {:g} person-days likely ({:g}-{:g}).",
                  app.name.empty() ? app.id : app.name, app.id, to_string(as.strategy),
                  as.from_decision ? std::string("the architect's decision")
                                   : fmt::format("the model (confidence {:.2f})", as.confidence),
                  to_string(app.criticality), as.effort.likely, as.effort.low, as.effort.high);
  if (!app.department.empty()) {
    text += " Department: " + app.department + ".";
  }
  if (!servers.empty()) {
    text += " Servers: " + servers + ".";
  }
  if (!depends.empty()) {
    text += " Depends on: " + depends + ".";
  }
  if (const std::uint32_t r = plan.waves.rehearsal_of[a]; r != 0) {
    text += fmt::format(" Rehearsal in wave {}.", r);
  }
  return text;
}

std::string applications(std::size_t n) {
  return fmt::format("{} application{}", n, n == 1 ? "" : "s");
}

std::string jira_csv(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  // Issue IDs: the epics first (1..waves), then the stories, so that each parent comes
  // before its children, as the importer needs.
  std::vector<std::size_t> issue_of(inv.applications.size(), 0);
  std::size_t next = plan.waves.waves.size() + 1;
  std::size_t max_links = 1;
  for (const Wave& w : plan.waves.waves) {
    for (Index a : w.apps) {
      issue_of[a] = next++;
      max_links = std::max(max_links, inv.applications[a].depends_on.size());
    }
  }
  std::string out =
      "Issue ID,Issue Type,Summary,Parent,Assignee,Start date,Due date,"
      "Original Estimate,Labels,Labels,Description";
  for (std::size_t i = 0; i < max_links; ++i) {
    out += ",Inward issue link (Blocks)";
  }
  out += '\n';
  const std::string blank_links(max_links, ',');
  for (const Wave& w : plan.waves.waves) {
    out +=
        fmt::format("{},Epic,{},,,{},{},,dcexit,wave,{}{}\n", w.number,
                    csv_field(fmt::format("Wave {}: {} to {}", w.number, w.start.to_string(),
                                          w.end.to_string())),
                    w.start.to_string(), w.end.to_string(),
                    csv_field(fmt::format("{} cut over{}", applications(w.apps.size()),
                                          w.rehearsals.empty()
                                              ? std::string()
                                              : fmt::format(", {} rehearse", w.rehearsals.size()))),
                    blank_links);
  }
  for (const Wave& w : plan.waves.waves) {
    for (Index a : w.apps) {
      const Application& app = inv.applications[a];
      const AppAssessment& as = plan.assessment.apps[a];
      // Jira reads an estimate in seconds: person-days of eight hours.
      const auto seconds = static_cast<long long>(std::llround(as.effort.likely * 8 * 3600));
      out += fmt::format("{},Story,{},{},{},{},{},{},dcexit,{},{}", issue_of[a],
                         csv_field(fmt::format("{} {}", to_string(as.strategy),
                                               app.name.empty() ? app.id : app.name)),
                         w.number, csv_field(app.owner), w.start.to_string(), w.end.to_string(),
                         seconds, to_string(as.strategy), csv_field(story_description(plan, a)));
      std::size_t links = 0;
      for (const Dependency& d : app.depends_on) {
        if (issue_of[d.app] != 0) {
          out += fmt::format(",{}", issue_of[d.app]);
          ++links;
        }
      }
      out += std::string(max_links - links, ',');
      out += '\n';
    }
  }
  return out;
}

std::string azure_devops_csv(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  // Rows in tree order: an epic (Title 1), then its stories (Title 2), which the importer makes
  // the epic's children. It creates no other links: dependencies are in the description.
  std::string out =
      "ID,Work Item Type,Title 1,Title 2,Assigned To,Tags,Start Date,Target Date,Story Points,"
      "Description\n";
  for (const Wave& w : plan.waves.waves) {
    out += fmt::format(",Epic,{},,,dcexit; wave,{},{},,{}\n",
                       csv_field(fmt::format("Wave {}: {} to {}", w.number, w.start.to_string(),
                                             w.end.to_string())),
                       w.start.to_string(), w.end.to_string(),
                       csv_field(fmt::format("{} cut over", applications(w.apps.size()))));
    for (Index a : w.apps) {
      const Application& app = inv.applications[a];
      const AppAssessment& as = plan.assessment.apps[a];
      out += fmt::format(",User Story,,{},{},{},{},{},{:g},{}\n",
                         csv_field(fmt::format("{} {}", to_string(as.strategy),
                                               app.name.empty() ? app.id : app.name)),
                         csv_field(app.owner),
                         csv_field(fmt::format("dcexit; {}", to_string(as.strategy))),
                         w.start.to_string(), w.end.to_string(), as.effort.likely,
                         csv_field(story_description(plan, a)));
    }
  }
  return out;
}

}  // namespace

std::string_view to_string(Tracker tracker) {
  return tracker == Tracker::jira ? "jira" : "azure-devops";
}

std::string render_tracker_csv(const EstatePlan& estate, Tracker tracker) {
  const Plan& plan = estate.plan;
  return tracker == Tracker::jira ? jira_csv(plan) : azure_devops_csv(plan);
}

}  // namespace dcexit
