// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <dcexit/plan.hpp>

#include <string>

namespace dcexit {

// plan.json, per the contract `dcexit-plan/v1` plus the extensions in docs/planning.md.
std::string render_plan_json(const Plan& plan);
// plan.md: summary, advice, a Mermaid gantt, waves, move groups, decommission.
std::string render_plan_markdown(const Plan& plan);
// waves.csv: one row per app in a wave.
std::string render_waves_csv(const Plan& plan);
// decommission.csv: one row per server.
std::string render_decommission_csv(const Plan& plan);
// One line for the terminal: waves, bound, exit date, deadline.
std::string plan_summary_line(const Plan& plan, std::string_view label);

}  // namespace dcexit
