// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: what plan.md and report.html say about a programme in flight (progress as of a date,
// changes against a baseline) and the simulated exit date, as plain sentences to escape.
#pragma once

#include <dcexit/report.hpp>

#include <fmt/format.h>

#include <string>
#include <vector>

namespace dcexit {

// The apps of a wave in each DR tier (tier t at index t - 1), in wave order; retired apps have
// none.
inline std::vector<std::vector<Index>> dr_tiers_of(const Plan& plan, const Wave& w) {
  std::vector<std::vector<Index>> out(plan.profile->dr_tiers.size());
  for (Index a : w.apps) {
    const std::uint8_t tier = plan.assessment.apps[a].dr_tier;
    if (tier > 0) {
      out[tier - 1U].push_back(a);
    }
  }
  return out;
}

// How an app stands in the plan: "done", "in progress", "rolled back", or "" (planned).
inline std::string_view progress_word(const Application& app) {
  if (!app.progress) {
    return {};
  }
  switch (app.progress->status) {
    case ProgressStatus::done:
      return "done";
    case ProgressStatus::in_progress:
      return "in progress";
    case ProgressStatus::rolled_back:
      return "rolled back";
    case ProgressStatus::planned:
      break;
  }
  return {};
}

// The progress counts against the as-of date, and the churn against the baseline.
inline std::vector<std::string> progress_lines(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  std::vector<std::string> out;
  std::size_t done = 0;
  std::size_t going = 0;
  std::size_t back = 0;
  std::size_t planned = 0;
  for (Index a = 0; a < inv.applications.size(); ++a) {
    if (plan.waves.wave_of[a] == 0) {
      continue;
    }
    const std::string_view word = progress_word(inv.applications[a]);
    done += word == "done" ? 1U : 0U;
    going += word == "in progress" ? 1U : 0U;
    back += word == "rolled back" ? 1U : 0U;
    planned += word.empty() || word == "rolled back" ? 1U : 0U;
  }
  if (plan.as_of || done + going + back > 0) {
    out.push_back(fmt::format(
        "{}{}{} done, {} in progress, {} still to move{}", plan.as_of ? "As of " : "Progress: ",
        plan.as_of ? plan.as_of->to_string() + ": " : std::string(), done, going, planned,
        back > 0 ? fmt::format(" ({} rolled back and planned again)", back) : std::string()));
  }
  if (plan.changes) {
    std::size_t later = 0;
    for (const Plan::Change& c : *plan.changes) {
      later += c.from_wave && c.to_wave && *c.to_wave > *c.from_wave ? 1U : 0U;
    }
    out.push_back(fmt::format("Against the baseline: {} app{} in another wave ({} later)",
                              plan.changes->size(), plan.changes->size() == 1 ? "" : "s", later));
  }
  return out;
}

// The simulated exit: the estate's percentiles and what drives a late exit, then each site's.
inline void add_risk_lines(const Inventory& inv, const Risk& r, std::vector<std::string>& out) {
  if (r.exit_p50) {
    std::string text =
        fmt::format("Simulated {} runs (seed {}): exit P50 {}, P80 {}, P95 {}", r.runs, r.seed,
                    r.exit_p50->to_string(), r.exit_p80->to_string(), r.exit_p95->to_string());
    if (r.deadline_probability) {
      text +=
          fmt::format("; the deadline is met in {:.0f}% of runs", *r.deadline_probability * 100);
    }
    if (!r.drivers.empty()) {
      text += "; most often behind a late exit: ";
      for (std::size_t i = 0; i < r.drivers.size() && i < 3; ++i) {
        text += fmt::format("{}{} ({} runs)", i == 0 ? "" : ", ",
                            inv.applications[r.drivers[i].app].id, r.drivers[i].runs);
      }
    }
    out.push_back(text);
  } else {
    out.push_back(
        fmt::format("Simulated {} runs: no exit date for the estate (a site cannot "
                    "close){}",
                    r.runs, r.sites.empty() ? "" : "; by site below"));
  }
  for (const Risk::SiteDates& d : r.sites) {
    out.push_back(fmt::format("Site {} exits: P50 {}, P80 {}, P95 {} (simulated)",
                              inv.sites[d.site].id, d.p50.to_string(), d.p80.to_string(),
                              d.p95.to_string()));
  }
}

// Sentences for the summary: the as-of date and the progress counts, the churn against the
// baseline, the simulated exit.
inline std::vector<std::string> programme_lines(const EstatePlan& estate) {
  std::vector<std::string> out = progress_lines(estate.plan);
  if (estate.risk) {
    add_risk_lines(*estate.plan.inventory, *estate.risk, out);
  }
  return out;
}

// The apps a baseline had earlier than this plan: "pensions: wave 8 → 13 (+70 days)".
inline std::vector<std::string> late_against_baseline(const Plan& plan) {
  std::vector<std::string> out;
  if (!plan.changes) {
    return out;
  }
  for (const Plan::Change& c : *plan.changes) {
    if (c.from_wave && c.to_wave && *c.to_wave > *c.from_wave) {
      out.push_back(fmt::format(
          "{}: wave {} → {} (+{} days)", plan.inventory->applications[c.app].id, *c.from_wave,
          *c.to_wave, (*c.to_wave - *c.from_wave) * plan.inventory->policy.wave.length_days));
    }
  }
  return out;
}

}  // namespace dcexit
