// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// A batch's index as a portfolio roll-up: per-estate figures, totals that are the sums of the
// estates', no deadline as null, index.csv.
#include "planned.hpp"
#include "test_support.hpp"

#include <dcexit/plan.hpp>
#include <dcexit/report.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <memory>

using namespace dcexit;

namespace {

// A plan kept with the inventory it points into.
struct Planned {
  test::Loaded loaded;
  std::unique_ptr<EstatePlan> plan;
};

std::unique_ptr<Planned> plan_of(const std::string& text, const std::string& name) {
  auto p = std::make_unique<Planned>();
  p->loaded = test::load_text(text, name);
  REQUIRE_FALSE(p->loaded.diagnostics.has_errors());
  p->plan = std::make_unique<EstatePlan>(
      test::estate_of(make_plan(p->loaded.inventory, default_profile()).value()));
  return p;
}

}  // namespace

TEST_CASE("batch index: per estate and totals across estates", "[report][index]") {
  std::vector<std::unique_ptr<Planned>> plans;
  plans.push_back(
      plan_of(test::read_file(test::source_dir() / "inventories" / "harrow.yaml"), "harrow.yaml"));
  plans.push_back(
      plan_of(test::read_file(test::source_dir() / "examples" / "minimal.yaml"), "minimal.yaml"));
  plans.push_back(plan_of(test::read_file(test::source_dir() / "examples" / "programme.yaml"),
                          "programme.yaml"));
  // No deadline, and a server that blocks its site (an unused server with no app).
  plans.push_back(plan_of(R"(schema: dcexit/v1
estate: {name: Small office, start: 2025-03-03}
sites: [{id: dc1}]
servers: [{id: s1, site: dc1}, {id: s2, site: dc1}]
applications:
  - {id: a, name: A, servers: [s1], decision: {strategy: rehost, reason: lift}}
)",
                          "office.yaml"));
  std::vector<IndexEntry> entries;
  for (const auto& p : plans) {
    entries.push_back(index_entry(*p->plan, p->loaded.inventory.estate.name.substr(0, 5)));
  }
  entries.push_back(IndexEntry{"broken.yaml", {}, std::nullopt, 0, 0, std::nullopt, std::nullopt});

  const auto json = nlohmann::json::parse(render_index_json(entries));
  const auto& estates = json["estates"];
  REQUIRE(estates.size() == 4);
  CHECK(json["failed"] == nlohmann::json::array({"broken.yaml"}));

  // Each estate's figures are its plan's (here under the generic profile, not Harrow's Azure
  // one: 997.7 person-days and three low-confidence apps, where `dcexit plan` gives 915.3 and 1).
  const Plan& harrow = plans[0]->plan->plan;
  CHECK(estates[0]["applications"] == 40);
  CHECK(estates[0]["waves"] == harrow.waves.waves.size());
  CHECK(estates[0]["exit_date"] == "2021-06-29");
  CHECK(estates[0]["deadline"] == "2021-11-01");
  CHECK(estates[0]["deadline_met"] == true);
  CHECK(estates[0]["effort_days"] == Approx(997.7));
  CHECK(estates[0]["blockers"] == 1);
  CHECK(estates[0]["low_confidence"] == 3);
  CHECK(estates[0]["low_confidence"] == with_code(harrow.warnings, Code::low_confidence).size());
  CHECK(estates[3]["deadline"].is_null());
  CHECK(estates[3]["deadline_met"].is_null());  // no deadline: neither met nor missed
  CHECK(estates[3]["exit_date"].is_null());     // s2 blocks the site
  CHECK(estates[3]["blockers"] == 1);

  // The totals are the sums of the estates'.
  std::size_t apps = 0;
  std::size_t waves = 0;
  std::size_t blockers = 0;
  std::size_t low = 0;
  std::size_t with_deadline = 0;
  std::size_t met = 0;
  double effort = 0;
  for (const auto& e : estates) {
    apps += e["applications"].get<std::size_t>();
    waves += e["waves"].get<std::size_t>();
    blockers += e["blockers"].get<std::size_t>();
    low += e["low_confidence"].get<std::size_t>();
    effort += e["effort_days"].get<double>();
    if (!e["deadline_met"].is_null()) {
      ++with_deadline;
      met += e["deadline_met"].get<bool>() ? 1U : 0U;
    }
  }
  const auto& t = json["totals"];
  CHECK(t["estates"] == 4);
  CHECK(t["failed"] == 1);
  CHECK(t["applications"] == apps);
  CHECK(t["waves"] == waves);
  CHECK(t["blockers"] == blockers);
  CHECK(t["low_confidence"] == low);
  CHECK(t["effort_days"].get<double>() == Approx(effort).margin(0.05));
  CHECK(t["with_deadline"] == with_deadline);
  CHECK(t["with_deadline"] == 3);
  CHECK(t["deadlines_met"] == met);
  CHECK(t["last_exit_date"].is_null());  // one estate's exit is blocked

  // Markdown and HTML carry the same totals row; index.csv one row per estate, no totals.
  const std::string md = render_index_markdown(entries);
  CHECK(md.find(fmt::format("| **total: 4 estates** | {} | {} | blocked | | {} of 3 met | {:g} | "
                            "{} | {} | 1 without a plan |",
                            apps, waves, met, t["effort_days"].get<double>(), blockers, low)) !=
        std::string::npos);
  const std::string html = render_index_html(entries);
  CHECK(html.find(fmt::format("<th>total: 4 estates</th><th class=\"num\">{}</th>", apps)) !=
        std::string::npos);
  const std::string csv = render_index_csv(entries);
  CHECK(
      csv.starts_with("name,estate,status,applications,waves,exit_date,deadline,deadline_met,"
                      "effort_days,blockers,low_confidence,plan\n"
                      "Londo,London Borough of Harrow — Civic Centre data centre,planned,40,"));
  CHECK(csv.find("\nSmall,Small office,planned,1,1,,,,") != std::string::npos);
  CHECK(csv.ends_with("\nbroken.yaml,,invalid,,,,,,,,,\n"));
}
