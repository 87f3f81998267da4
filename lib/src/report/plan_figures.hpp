// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: the figures and lookups several renderers show, worked out in one place so that
// plan.json, plan.md, report.html, plan.xlsx, the CSVs and a batch's index agree.
#pragma once

#include <dcexit/report.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace dcexit::detail {

struct PlanFigures {
  std::array<std::size_t, k_strategies.size()> strategies{};  // apps per strategy
  double effort_days = 0;                                     // likely, all apps, not rounded
  std::size_t blockers = 0;                                   // servers keeping a site open
  std::size_t low_confidence = 0;                             // the plan's low-confidence warnings
};

inline PlanFigures plan_figures(const Plan& plan) {
  PlanFigures f;
  for (const AppAssessment& a : plan.assessment.apps) {
    ++f.strategies[static_cast<std::size_t>(a.strategy)];
    f.effort_days += a.effort.likely;
  }
  for (const SiteExit& site : plan.decommission.sites) {
    f.blockers += site.blockers.size();
  }
  f.low_confidence = static_cast<std::size_t>(
      std::count_if(plan.warnings.begin(), plan.warnings.end(),
                    [](const Diagnostic& d) { return d.code == Code::low_confidence; }));
  return f;
}

// Each server's switch-off, or the blocker that keeps it (one of the two), by server index.
struct ServerFates {
  std::vector<const ServerDecommission*> decommission;
  std::vector<const Blocker*> blocker;
};

inline ServerFates server_fates(const Plan& plan) {
  const std::size_t servers = plan.inventory->servers.size();
  ServerFates fates{std::vector<const ServerDecommission*>(servers, nullptr),
                    std::vector<const Blocker*>(servers, nullptr)};
  for (const ServerDecommission& d : plan.decommission.servers) {
    fates.decommission[d.server] = &d;
  }
  for (const SiteExit& site : plan.decommission.sites) {
    for (const Blocker& b : site.blockers) {
      fates.blocker[b.server] = &b;
    }
  }
  return fates;
}

// The ids of the apps `app` depends on, in its order, joined by `separator`.
inline std::string dependency_ids(const Inventory& inv, const Application& app,
                                  std::string_view separator) {
  std::string out;
  for (const Dependency& d : app.depends_on) {
    if (!out.empty()) {
      out += separator;
    }
    out += inv.applications[d.app].id;
  }
  return out;
}

}  // namespace dcexit::detail
