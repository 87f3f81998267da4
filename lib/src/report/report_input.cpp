// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// What report.html needs beyond the plan, worked out once per estate: the graph's layout.
#include <dcexit/report.hpp>

namespace dcexit {

ReportInput prepare_report(const Plan& plan, const ReportOptions& options) {
  ReportInput input;
  input.max_graph_apps = options.max_graph_apps;
  const Inventory& inv = *plan.inventory;
  if (inv.applications.size() <= options.max_graph_apps) {
    input.graph_svg = layout_svg(render_plan_dot(plan), options.layout_program);
  }
  return input;
}

}  // namespace dcexit
