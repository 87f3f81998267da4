// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// plan --tracker: the Jira and Azure DevOps import files, exactly, for a small estate.
#include "planned.hpp"
#include "test_support.hpp"

#include <dcexit/plan.hpp>
#include <dcexit/report.hpp>

#include <catch2/catch.hpp>

using namespace dcexit;

namespace {

// Two waves: billing (owned, depending on ledger) after ledger; an archive retired; a retained
// app gets no story.
const char* const k_estate = R"(schema: dcexit/v1
estate: {name: Tracker estate, start: 2025-01-06}
policy: {wave: {max_apps: 2}}
sites: [{id: dc1}]
servers:
  - {id: s1, site: dc1}
  - {id: s2, site: dc1}
  - {id: s3, site: dc1}
  - {id: s4, site: dc1}
applications:
  - {id: ledger, name: General ledger, owner: Finance lead, department: Finance, servers: [s1],
     decision: {strategy: rehost, reason: lift}}
  - {id: billing, name: "Billing, council tax", owner: "Revenues, Team", servers: [s2],
     depends_on: [ledger], decision: {strategy: rehost, reason: lift}}
  - {id: archive, name: Archive, servers: [s3], decision: {strategy: retire, reason: unused}}
  - {id: mainframe, name: Mainframe, servers: [s4], decision: {strategy: retain, reason: stays}}
)";

}  // namespace

TEST_CASE("tracker: an epic per wave and a story per app, as Jira and Azure DevOps import them",
          "[report][tracker]") {
  const auto loaded = test::load_text(k_estate, "tracker.yaml");
  REQUIRE_FALSE(loaded.diagnostics.has_errors());
  const EstatePlan estate = test::estate_of(make_plan(loaded.inventory, default_profile()).value());
  const Plan& plan = estate.plan;
  REQUIRE(plan.waves.waves.size() == 2);
  const std::string jira = render_tracker_csv(estate, Tracker::jira);
  // Jira: Issue IDs with parents first; the estimate in seconds (person-days of 8 hours);
  // billing is blocked by ledger's story (4); fields with commas quoted.
  CHECK(jira ==
        "Issue ID,Issue Type,Summary,Parent,Assignee,Start date,Due date,Original Estimate,"
        "Labels,Labels,Description,Inward issue link (Blocks)\n"
        "1,Epic,Wave 1: 2025-01-06 to 2025-01-19,,,2025-01-06,2025-01-19,,dcexit,wave,"
        "2 applications cut over,\n"
        "2,Epic,Wave 2: 2025-01-20 to 2025-02-02,,,2025-01-20,2025-02-02,,dcexit,wave,"
        "1 application cut over,\n"
        "3,Story,retire Archive,1,,2025-01-06,2025-01-19,72000,dcexit,retire,Archive (archive): "
        "retire by the architect's decision; criticality medium; effort 2.5 person-days likely "
        "(1.8-4). Servers: s3.,\n"
        "4,Story,rehost General ledger,1,Finance lead,2025-01-06,2025-01-19,164160,dcexit,rehost,"
        "General ledger (ledger): rehost by the architect's decision; criticality medium; effort "
        "5.7 person-days likely (4-9.1). Department: Finance. Servers: s1.,\n"
        "5,Story,\"rehost Billing, council tax\",2,\"Revenues, Team\",2025-01-20,2025-02-02,"
        "164160,dcexit,rehost,\"Billing, council tax (billing): rehost by the architect's "
        "decision; criticality medium; effort 5.7 person-days likely (4-9.1). Servers: s2. "
        "Depends on: ledger.\",4\n");
  // Azure DevOps: the tree by Title 1 / Title 2; dependencies only in the description.
  CHECK(render_tracker_csv(estate, Tracker::azure_devops) ==
        "ID,Work Item Type,Title 1,Title 2,Assigned To,Tags,Start Date,Target Date,Story Points,"
        "Description\n"
        ",Epic,Wave 1: 2025-01-06 to 2025-01-19,,,dcexit; wave,2025-01-06,2025-01-19,,"
        "2 applications cut over\n"
        ",User Story,,retire Archive,,dcexit; retire,2025-01-06,2025-01-19,2.5,Archive (archive): "
        "retire by the architect's decision; criticality medium; effort 2.5 person-days likely "
        "(1.8-4). Servers: s3.\n"
        ",User Story,,rehost General ledger,Finance lead,dcexit; rehost,2025-01-06,2025-01-19,5.7,"
        "General ledger (ledger): rehost by the architect's decision; criticality medium; effort "
        "5.7 person-days likely (4-9.1). Department: Finance. Servers: s1.\n"
        ",Epic,Wave 2: 2025-01-20 to 2025-02-02,,,dcexit; wave,2025-01-20,2025-02-02,,"
        "1 application cut over\n"
        ",User Story,,\"rehost Billing, council tax\",\"Revenues, Team\",dcexit; rehost,"
        "2025-01-20,2025-02-02,5.7,\"Billing, council tax (billing): rehost by the architect's "
        "decision; criticality medium; effort 5.7 person-days likely (4-9.1). Servers: s2. "
        "Depends on: ledger.\"\n");
}
