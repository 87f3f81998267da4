// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// A plan made from inventory text for a test, with its plan.json parsed and the independent
// checker at hand.
#pragma once

#include "plan_checker.hpp"
#include "test_support.hpp"

#include <dcexit/plan.hpp>
#include <dcexit/report.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace dcexit::test {

using nlohmann::json;

struct Planned {
  Inventory inventory;
  EstatePlan estate;  // as plan_estate returns it: the plan alone, no risk or business case
  Plan& plan = estate.plan;
  json out;
  std::string text;

  int wave(std::string_view id) const {
    for (const json& a : out["applications"]) {
      if (a["id"] == id) {
        return a["wave"].is_null() ? 0 : a["wave"].get<int>();
      }
    }
    FAIL("no app " << id);
    return -1;
  }
  std::vector<std::string> violations() const { return check_plan(inventory, out); }
};

// Plans `yaml`; the inventory lives in the returned object, which the plan points into.
inline std::unique_ptr<Planned> plan_text(const std::string& yaml,
                                          const PlanOptions& options = {}) {
  auto loaded = test::load_text(yaml);
  const std::string first = loaded.lines().empty() ? std::string() : loaded.lines().front();
  INFO(first);
  REQUIRE_FALSE(loaded.diagnostics.has_errors());
  auto p = std::make_unique<Planned>();
  p->inventory = std::move(loaded.inventory);
  p->plan = make_plan(p->inventory, default_profile(), options).value();
  p->text = render_plan_json(p->estate);
  p->out = json::parse(p->text);
  return p;
}

// `plan` as the renderers read it: without a risk simulation, a business case or a graph drawn.
inline EstatePlan estate_of(Plan plan, std::optional<Risk> risk = std::nullopt) {
  return EstatePlan{std::move(plan), std::move(risk), std::nullopt, {}};
}

// `plan` with report.html's graph laid out, as plan_estate does it.
inline EstatePlan drawn(Plan plan, const ReportOptions& options = {}) {
  EstatePlan estate = estate_of(std::move(plan));
  estate.report = prepare_report(estate.plan, options);
  return estate;
}

// The apps of each wave, space-separated.
inline std::vector<std::string> waves_of(const Planned& p) {
  std::vector<std::string> out;
  for (const json& w : p.out["waves"]) {
    std::string apps;
    for (const json& a : w["apps"]) {
      apps += (apps.empty() ? "" : " ") + a.get<std::string>();
    }
    out.push_back(apps);
  }
  return out;
}

// A server's decommission entry in plan.json.
inline json server(const Planned& p, std::string_view id) {
  for (const json& s : p.out["decommission"]["servers"]) {
    if (s["id"] == id) {
      return s;
    }
  }
  FAIL("no server " << id);
  return {};
}

// The plan's warnings as diagnostic lines: those of `code`, or all but low-confidence ones (small
// test estates give the model little to go on; tests of confidence ask for them by code).
inline std::vector<std::string> warnings(const Planned& p,
                                         std::optional<Code> code = std::nullopt) {
  std::vector<std::string> out;
  for (const Diagnostic& d : p.plan.warnings) {
    if (code ? d.code == *code : d.code != Code::low_confidence) {
      out.push_back(format_text(d));
    }
  }
  return out;
}

// A small estate with one site and `policy` (lines under "policy:") for applications to follow.
inline std::string estate(std::string_view policy) {
  return fmt::format(R"(schema: dcexit/v1
estate: {{name: Small, start: 2025-01-06, deadline: 2025-12-31}}
policy:
{}sites: [{{id: dc1, annual_cost: 1000}}]
)",
                     policy);
}
}  // namespace dcexit::test
