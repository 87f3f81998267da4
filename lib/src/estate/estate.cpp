// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// One estate planned end to end: the stages run in order, their results kept in one value.
#include <dcexit/estate.hpp>

#include <fmt/format.h>

#include <utility>

namespace dcexit {

namespace {

// The errors in `sink`, sorted, when it has any.
std::optional<std::vector<Diagnostic>> errors_of(DiagnosticSink& sink) {
  if (!sink.has_errors()) {
    return std::nullopt;
  }
  sink.sort();
  return sink.all();
}

// Servers and no application: nothing would move and the site could not close. An import of
// servers alone (RVTools, Azure Migrate) lands here until applications are added.
std::optional<std::vector<Diagnostic>> no_applications(const Inventory& inventory) {
  if (!inventory.applications.empty() || inventory.servers.empty()) {
    return std::nullopt;
  }
  return std::vector{Diagnostic::make(
      Severity::error, inventory.where(inventory.servers.front().location), Code::unused_server,
      fmt::format("the estate has {} server{} and no application: dcexit plans applications and "
                  "moves servers with them; make applications of the VMs with 'dcexit import "
                  "--apps per-vm' (or by-folder, by-annotation=KEY, by-tag=CATEGORY), or add "
                  "'applications:' naming their servers",
                  inventory.servers.size(), inventory.servers.size() == 1 ? "" : "s"))};
}

}  // namespace

tl::expected<EstatePlan, std::vector<Diagnostic>> plan_estate(const Inventory& inventory,
                                                              const ScoringProfile& profile,
                                                              const EstateOptions& options) {
  if (auto errors = no_applications(inventory)) {
    return tl::unexpected(std::move(*errors));
  }
  if (options.plan.as_of) {
    DiagnosticSink progress;
    check_progress_as_of(inventory, *options.plan.as_of, progress);
    if (auto errors = errors_of(progress)) {
      return tl::unexpected(std::move(*errors));
    }
  }
  auto plan = make_plan(inventory, profile, options.plan);
  if (!plan) {
    return tl::unexpected(std::vector<Diagnostic>{std::move(plan.error())});
  }
  if (options.prices != nullptr) {
    DiagnosticSink currency;
    check_currency(inventory, *options.prices, profile.cost, currency);
    if (auto errors = errors_of(currency)) {
      return tl::unexpected(std::move(*errors));
    }
  }
  EstatePlan estate{std::move(*plan), std::nullopt, std::nullopt, {}};
  if (options.simulate != 0) {
    estate.risk = simulate_risk(inventory, estate.plan, options.simulate, options.seed);
  }
  if (options.prices != nullptr) {
    estate.cost = make_business_case(estate.plan, *options.prices, profile.cost);
  }
  estate.report = prepare_report(estate.plan, options.report);
  estate.report.trackers = options.trackers;
  return estate;
}

std::vector<Diagnostic> estate_messages(const EstatePlan& estate) {
  std::vector<Diagnostic> out;
  if (estate.cost) {
    out.insert(out.end(), estate.cost->warnings.begin(), estate.cost->warnings.end());
  }
  out.insert(out.end(), estate.plan.warnings.begin(), estate.plan.warnings.end());
  out.insert(out.end(), estate.plan.advice.begin(), estate.plan.advice.end());
  return out;
}

}  // namespace dcexit
