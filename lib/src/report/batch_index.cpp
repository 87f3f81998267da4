// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/json_writer.hpp"
#include "base/text.hpp"
#include "report/plan_figures.hpp"

#include <dcexit/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace dcexit {

IndexEntry index_entry(const EstatePlan& estate, const std::string& name) {
  const Plan& plan = estate.plan;
  const auto& deadline = plan.inventory->estate.deadline;
  const detail::PlanFigures figures = detail::plan_figures(plan);
  return {name,
          plan.inventory->estate.name,
          plan_summary_line(estate, name),
          plan.inventory->applications.size(),
          plan.waves.waves.size(),
          plan.decommission.exit_date,
          deadline ? std::optional(plan.decommission.deadline_met) : std::nullopt,
          deadline,
          std::round(figures.effort_days * 10.0) / 10.0,
          figures.blockers,
          figures.low_confidence};
}

IndexTotals index_totals(const std::vector<IndexEntry>& entries) {
  IndexTotals t;
  bool blocked = false;
  for (const IndexEntry& e : entries) {
    if (!e.summary) {
      ++t.failed;
      continue;
    }
    ++t.estates;
    t.applications += e.applications;
    t.waves += e.waves;
    t.effort_days += e.effort_days;
    t.blockers += e.blockers;
    t.low_confidence += e.low_confidence;
    if (e.deadline_met) {
      ++t.with_deadline;
      t.deadlines_met += *e.deadline_met ? 1U : 0U;
    }
    if (!e.exit_date) {
      blocked = true;
    } else if (!t.last_exit || *e.exit_date > *t.last_exit) {
      t.last_exit = e.exit_date;
    }
  }
  t.effort_days = std::round(t.effort_days * 10.0) / 10.0;
  if (blocked) {
    t.last_exit.reset();
  }
  return t;
}

namespace {

std::string date_or(const std::optional<Date>& date, std::string_view none) {
  return date ? date->to_string() : std::string(none);
}

std::string met_text(const IndexEntry& e) {
  return !e.deadline_met ? "no deadline" : *e.deadline_met ? "met" : "missed";
}

std::string deadlines_text(const IndexTotals& t) {
  return t.with_deadline == 0 ? std::string("no deadlines")
                              : fmt::format("{} of {} met", t.deadlines_met, t.with_deadline);
}

}  // namespace

std::string render_index_markdown(const std::vector<IndexEntry>& entries) {
  std::string md =
      "# Exit plans\n\n| estate | applications | waves | exit | deadline | met | effort "
      "(person-days) | blockers | low confidence | plan |\n"
      "|---|---:|---:|---|---|---|---:|---:|---:|---|\n";
  for (const IndexEntry& e : entries) {
    if (e.summary) {
      md += fmt::format("| [{}]({}/plan.md) | {} | {} | {} | {} | {} | {:g} | {} | {} | {} |\n",
                        markdown_text(e.name), url_path(e.name), e.applications, e.waves,
                        date_or(e.exit_date, "blocked"), date_or(e.deadline, "none"), met_text(e),
                        e.effort_days, e.blockers, e.low_confidence, markdown_text(*e.summary));
    }
  }
  for (const IndexEntry& e : entries) {
    if (!e.summary) {
      md += fmt::format("| {} | | | | | | | | | invalid inventory: no plan |\n",
                        markdown_text(e.name));
    }
  }
  const IndexTotals t = index_totals(entries);
  md += fmt::format("| **total: {} estates** | {} | {} | {} | | {} | {:g} | {} | {} | {} |\n",
                    t.estates, t.applications, t.waves, date_or(t.last_exit, "blocked"),
                    deadlines_text(t), t.effort_days, t.blockers, t.low_confidence,
                    t.failed == 0 ? std::string() : fmt::format("{} without a plan", t.failed));
  return md;
}

std::string render_index_json(const std::vector<IndexEntry>& entries) {
  std::string out;
  JsonWriter w(out);
  w.begin_object(JsonLayout::lines(2)).field("schema", "dcexit-index/v1");
  w.key("estates").begin_array(JsonLayout::lines(4));
  for (const IndexEntry& e : entries) {
    if (e.summary) {
      w.begin_object()
          .field("name", e.name)
          .field("plan", e.name + "/plan.json")
          .field("estate", e.estate)
          .field("applications", e.applications)
          .field("waves", e.waves)
          .field("exit_date", e.exit_date)
          .field("deadline", e.deadline)
          .key("deadline_met");
      e.deadline_met ? w.boolean(*e.deadline_met) : w.null();
      w.field("effort_days", e.effort_days)
          .field("blockers", e.blockers)
          .field("low_confidence", e.low_confidence);
      w.end();
    }
  }
  w.end().key("failed").begin_array();
  for (const IndexEntry& e : entries) {
    if (!e.summary) {
      w.string(e.name);
    }
  }
  w.end();
  const IndexTotals t = index_totals(entries);
  w.key("totals").begin_object();
  w.field("estates", t.estates).field("failed", t.failed);
  w.field("applications", t.applications).field("waves", t.waves);
  w.field("effort_days", t.effort_days).field("blockers", t.blockers);
  w.field("low_confidence", t.low_confidence).field("last_exit_date", t.last_exit);
  w.field("with_deadline", t.with_deadline).field("deadlines_met", t.deadlines_met);
  w.end().end();
  out += '\n';
  return out;
}

std::string render_index_csv(const std::vector<IndexEntry>& entries) {
  std::string out =
      "name,estate,status,applications,waves,exit_date,deadline,deadline_met,effort_days,"
      "blockers,low_confidence,plan\n";
  for (const IndexEntry& e : entries) {
    if (e.summary) {
      out += fmt::format(
          "{},{},planned,{},{},{},{},{},{:g},{},{},{}\n", csv_field(e.name), csv_field(e.estate),
          e.applications, e.waves, date_or(e.exit_date, ""), date_or(e.deadline, ""),
          !e.deadline_met   ? ""
          : *e.deadline_met ? "true"
                            : "false",
          e.effort_days, e.blockers, e.low_confidence, csv_field(e.name + "/plan.json"));
    }
  }
  for (const IndexEntry& e : entries) {
    if (!e.summary) {
      out += fmt::format("{},,invalid,,,,,,,,,\n", csv_field(e.name));
    }
  }
  return out;
}

}  // namespace dcexit
