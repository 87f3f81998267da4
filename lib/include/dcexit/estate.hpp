// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// The last stage, estate: one estate planned end to end by one call, for the command line and
// for any other caller of the library. It runs the stages in order (docs/ARCHITECTURE.md) and
// returns one value that every renderer reads and nothing changes after.
#pragma once

#include <dcexit/assess.hpp>
#include <dcexit/cost.hpp>
#include <dcexit/diagnostic.hpp>
#include <dcexit/inventory.hpp>
#include <dcexit/plan.hpp>
#include <dcexit/report.hpp>

#include <cstdint>
#include <tl/expected.hpp>
#include <vector>

namespace dcexit {

// What `dcexit plan` asks of one estate beyond its inventory and profile.
struct EstateOptions {
  PlanOptions plan;                   // the optimiser's budget, --as-of, --baseline
  std::uint32_t simulate = 0;         // runs of the risk simulation; 0: none (--simulate)
  std::uint64_t seed = 1;             // its seed (--seed)
  const PriceList* prices = nullptr;  // the business case is made when given (--prices)
  ReportOptions report;               // how report.html's graph is drawn
  std::vector<Tracker> trackers;      // their import files are written too (--tracker)
};

// Plans `inventory` with `profile`, both of which must outlive the result: progress checked
// against --as-of, the assessment, graph, waves and decommission timeline (make_plan), the
// risk simulation, the business case and report.html's input. The errors, when there is no
// plan (progress that contradicts the as-of date, no plan satisfying the inventory, prices in a
// currency without a rate), are every problem found, in the order found (exit code 1).
tl::expected<EstatePlan, std::vector<Diagnostic>> plan_estate(const Inventory& inventory,
                                                              const ScoringProfile& profile,
                                                              const EstateOptions& options);

// What the command line prints of a planned estate, in this order: the business case's
// warnings, the plan's warnings, then its advice.
std::vector<Diagnostic> estate_messages(const EstatePlan& estate);

}  // namespace dcexit
