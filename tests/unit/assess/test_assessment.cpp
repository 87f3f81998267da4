// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "test_support.hpp"

#include <dcexit/assess.hpp>
#include <dcexit/report.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace dcexit;

namespace {

struct Assessed {
  Inventory inventory;
  Assessment assessment;

  const AppAssessment& of(std::string_view id) const {
    return assessment.apps[*inventory.find_application(id)];
  }
  Strategy strategy(std::string_view id) const { return of(id).strategy; }
  const StrategyScore& score(std::string_view id, Strategy s) const {
    return of(id).scores[static_cast<std::size_t>(s)];
  }
};

Assessed assess_text(const std::string& yaml, const ScoringProfile& profile = default_profile()) {
  auto loaded = test::load_text(yaml);
  const std::string first = loaded.lines().empty() ? std::string() : loaded.lines().front();
  INFO(first);
  REQUIRE_FALSE(loaded.diagnostics.has_errors());
  Assessed out{std::move(loaded.inventory), {}};
  const DependencyGraph graph(out.inventory);
  out.assessment = assess(out.inventory, graph, profile);
  return out;
}

const std::string k_servers = test::header() + R"(servers:
  - {id: win01, site: dc1, os: {family: windows, name: Windows Server, version: "2016"}, utilisation: {cpu: 0.3}}
  - {id: win02, site: dc1, os: {family: windows, name: Windows Server, version: "2008 R2", end_of_support: 2020-01-14}, utilisation: {cpu: 0.02}}
  - {id: nw01, site: dc1, kind: physical, os: {family: netware, name: Novell NetWare, version: "6.5"}}
  - {id: sparc01, site: dc1, kind: physical, os: {family: solaris, name: Solaris SPARC, version: "10"}}
  - {id: phys01, site: dc1, kind: physical, os: {family: linux, name: Red Hat Enterprise Linux, version: "8"}}
  - {id: vm01, site: dc1, os: {family: linux, name: Ubuntu, version: "22.04"}}
)";

}  // namespace

TEST_CASE("assess: labelled cases a migration architect would agree with", "[assess]") {
  const auto a = assess_text(k_servers + R"(applications:
  - {id: old-reports, kind: cots, users: 0, usage_trend: unused, criticality: low, servers: [win02]}
  - {id: mail, kind: cots, users: 2500, usage_trend: stable, criticality: critical, servers: [win01],
     saas_alternative: {product: Exchange Online, fit: high}}
  - {id: files, kind: cots, users: 2000, criticality: high, servers: [nw01]}
  - {id: hub, kind: cots, users: 50, criticality: critical, servers: [sparc01]}
  - {id: erp, kind: cots, users: 900, criticality: critical, servers: [phys01]}
  - {id: portal, kind: custom, users: 80000, usage_trend: growing, criticality: high, servers: [vm01],
     technology: {end_of_support: 2020-06-30}}
  - {id: intranet, kind: custom, users: 900, usage_trend: stable, criticality: high, servers: [vm01],
     technology: {end_of_support: 2020-06-30}}
  - {id: payroll, kind: cots, users: 40, criticality: critical, servers: [win01],
     decision: {strategy: retain, reason: Statutory; moves next year}}
)");
  CHECK(a.strategy("old-reports") == Strategy::retire);
  CHECK(a.strategy("mail") == Strategy::repurchase);
  // NetWare cannot run in the cloud: never rehosted or relocated, whatever else it scores.
  CHECK_FALSE(a.score("files", Strategy::rehost).feasible);
  CHECK_FALSE(a.score("files", Strategy::relocate).feasible);
  CHECK(a.strategy("files") != Strategy::rehost);
  CHECK(gate_reason(default_profile(), Strategy::rehost, a.score("files", Strategy::rehost)) ==
        "the cloud cannot host its operating system (netware on nw01)");
  // SPARC Solaris likewise; a physical server cannot be relocated as a VM.
  CHECK_FALSE(a.score("hub", Strategy::rehost).feasible);
  CHECK(gate_reason(default_profile(), Strategy::rehost, a.score("hub", Strategy::rehost)) ==
        "the cloud cannot host its operating system (Solaris SPARC on sparc01)");
  CHECK_FALSE(a.score("erp", Strategy::relocate).feasible);
  CHECK(a.strategy("erp") == Strategy::rehost);
  // Custom, growing, on an unsupported platform: rebuilt. Stable custom code is replatformed.
  CHECK(a.strategy("portal") == Strategy::refactor);
  CHECK(a.strategy("intranet") == Strategy::replatform);
  // Without a SaaS alternative, repurchase cannot apply.
  CHECK_FALSE(a.score("erp", Strategy::repurchase).feasible);
  // A decision always wins, and the source says so.
  CHECK(a.strategy("payroll") == Strategy::retain);
  CHECK(a.of("payroll").from_decision);
  CHECK(a.of("payroll").model_strategy == Strategy::rehost);
  CHECK(disagreement(a.assessment, default_profile(), *a.inventory.find_application("payroll")) ==
        "the model would choose rehost (0.525) over the decision's retain (0.020)");
}

TEST_CASE("assess: a decision wins even where the profile says it cannot apply", "[assess]") {
  const auto a = assess_text(k_servers + R"(applications:
  - {id: files, servers: [nw01], decision: {strategy: rehost, reason: Emulated}}
)");
  CHECK(a.strategy("files") == Strategy::rehost);
  const auto reasons = top_reasons(a.inventory, a.assessment, default_profile(), 0, 3);
  CHECK(reasons == std::vector<std::string>{
                       "architect's decision: Emulated",
                       "the profile's gate says it cannot apply: the cloud cannot host its "
                       "operating system (netware on nw01)"});
}

TEST_CASE("assess: scores are the base plus the listed contributions", "[assess]") {
  const auto a = assess_text(k_servers + R"(applications:
  - {id: x, kind: custom, users: 30, usage_trend: declining, criticality: high, servers: [win02, phys01],
     data: {size_gb: 4000}, dr: {rto_hours: 2}, contract: {ends: 2021-06-30},
     saas_alternative: {product: Y, fit: medium}, technology: {end_of_support: 2030-01-01}}
  - {id: y, depends_on: [x]}
)");
  const AppAssessment& x = a.of("x");
  for (Strategy s : k_strategies) {
    const StrategyScore& score = x.scores[static_cast<std::size_t>(s)];
    if (!score.feasible) {
      continue;
    }
    double sum = default_profile().of(s).base;
    for (std::size_t i = 0; i < x.signals.size(); ++i) {
      sum += points(default_profile(), s, static_cast<SignalId>(i), x.signals[i]);
    }
    INFO(to_string(s));
    CHECK(score.score == Approx(sum).margin(1e-9));
    CHECK(std::abs(score.score * 1000 - std::round(score.score * 1000)) < 1e-6);
  }
}

TEST_CASE("assess: missing data lowers confidence and says what would raise it", "[assess]") {
  const auto a = assess_text(k_servers + R"(applications:
  - {id: known, kind: cots, users: 300, usage_trend: stable, criticality: medium, servers: [win01],
     data: {size_gb: 10}, dr: {rto_hours: 48}, saas_alternative: {product: P, fit: low},
     technology: {end_of_support: 2030-01-01}}
  - {id: bare, servers: [win01]}
)");
  CHECK(a.of("bare").confidence < a.of("known").confidence);
  const auto missing =
      missing_data(a.assessment, default_profile(), *a.inventory.find_application("bare"));
  CHECK(std::find(missing.begin(), missing.end(), "usage_trend or users") != missing.end());
  CHECK(std::find(missing.begin(), missing.end(), "criticality") != missing.end());
}

namespace {

// A random app on random servers, as YAML, with `users` and `saas` left to the caller.
std::string random_app(std::mt19937& rng, std::string_view users, std::string_view saas) {
  const auto pick = [&](std::initializer_list<const char*> options) {
    return *(options.begin() + static_cast<std::ptrdiff_t>(rng() % options.size()));
  };
  std::string app = "  - {id: x, servers: [";
  app += pick({"win01", "win02", "vm01", "phys01", "win01, vm01"});
  app += "], kind: ";
  app += pick({"cots", "custom"});
  app += ", criticality: ";
  app += pick({"low", "medium", "high", "critical"});
  app += ", usage_trend: ";
  app += pick({"growing", "stable", "declining"});
  app += std::string(users) + std::string(saas) + "}\n";
  return app;
}

}  // namespace

TEST_CASE("assess: more users never makes retire more likely", "[assess][property]") {
  std::mt19937 rng(2026);
  for (int round = 0; round < 200; ++round) {
    const auto seed = rng();
    const unsigned users[] = {0, 5, 30, 200, 5000};
    bool retire_before = true;
    double retire_score_before = 10;
    for (unsigned u : users) {
      std::mt19937 same(seed);  // the same app each time, only users change
      const auto a = assess_text(k_servers + "applications:\n" +
                                 random_app(same, ", users: " + std::to_string(u), ""));
      const bool retire = a.strategy("x") == Strategy::retire;
      INFO("round " << round << " users " << u);
      CHECK((retire_before || !retire));
      CHECK(a.score("x", Strategy::retire).score <= retire_score_before);
      retire_before = retire;
      retire_score_before = a.score("x", Strategy::retire).score;
    }
  }
}

TEST_CASE("assess: removing a SaaS alternative never makes repurchase more likely",
          "[assess][property]") {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    const auto seed = rng();
    const char* fits[] = {"high", "medium", "low"};
    std::mt19937 first(seed);
    std::mt19937 second(seed);
    const std::string saas =
        std::string(", saas_alternative: {product: P, fit: ") + fits[round % 3] + "}";
    const auto with =
        assess_text(k_servers + "applications:\n" + random_app(first, ", users: 100", saas));
    const auto without =
        assess_text(k_servers + "applications:\n" + random_app(second, ", users: 100", ""));
    INFO("round " << round);
    CHECK((with.strategy("x") == Strategy::repurchase ||
           without.strategy("x") != Strategy::repurchase));
    CHECK_FALSE(without.score("x", Strategy::repurchase).feasible);
  }
}

TEST_CASE("assess: effort grows with servers, data, criticality and links", "[assess]") {
  const auto a = assess_text(k_servers + R"(applications:
  - {id: small, criticality: low, servers: [vm01], decision: {strategy: rehost}}
  - {id: big, criticality: critical, servers: [vm01, win01], data: {size_gb: 2000},
     decision: {strategy: rehost}, depends_on: [small]}
)");
  // small: (4 + 1.5 x 1 server + 0 TB) x 0.8 (low) x (1 + 0.03 x 1 link) = 4.532
  CHECK(a.of("small").effort.likely == 4.5);
  CHECK(a.of("small").effort.low == 3.2);
  CHECK(a.of("small").effort.high == 7.3);
  // big: (4 + 1.5 x 2 + 1 x 2 TB) x 1.5 (critical) x (1 + 0.03 x 1) = 13.905
  CHECK(a.of("big").effort.likely == 13.9);
}

TEST_CASE("assess: no score is a negative zero", "[assess]") {
  const auto a = assess_text(k_servers + R"(applications:
  - {id: x, kind: cots, users: 0, usage_trend: unused, criticality: low, servers: [win02]}
)");
  for (Strategy s : k_strategies) {
    CHECK_FALSE((std::signbit(a.score("x", s).score) && a.score("x", s).score == 0.0));
  }
}

TEST_CASE("assess: apps that look like shared services get a serves_until suggestion", "[assess]") {
  const Assessed a = assess_text(R"(schema: dcexit/v1
estate: {name: Services, start: 2025-01-06}
sites: [{id: dc1}]
servers: [{id: s1, site: dc1}]
applications:
  - {id: ad, servers: [s1], tags: [directory]}
  - {id: backup, servers: [s1], tags: [backup, database], decision: {strategy: retire}}
  - {id: hub, servers: [s1]}
  - {id: kept, servers: [s1], tags: [database], decision: {strategy: retain}}
  - {id: marked, servers: [s1], tags: [monitoring], serves_until: site-exit}
  - {id: u1, servers: [s1], depends_on: [hub, ad]}
  - {id: u2, servers: [s1], depends_on: [hub, ad]}
  - {id: u3, servers: [s1], depends_on: [hub]}
  - {id: u4, servers: [s1], depends_on: [{app: hub, coupling: soft}]}
)");
  const auto suggestion = [&](std::string_view id) -> std::string {
    const auto s =
        suggest_serves_until(a.inventory, a.assessment, *a.inventory.find_application(id));
    return s ? std::string(to_string(s->serves_until)) + " (" + s->why + ")" : "none";
  };
  CHECK(suggestion("ad") == "last-dependant (tagged directory)");
  CHECK(suggestion("backup") == "site-exit (tagged database, backup)");
  CHECK(suggestion("hub") ==
        "last-dependant (3 apps depend on it by prerequisite or hard coupling)");
  CHECK(suggestion("kept") == "none");    // retained: its servers stay anyway
  CHECK(suggestion("marked") == "none");  // it already says
  CHECK(suggestion("u1") == "none");
  // Shown in every format, never applied.
  const std::string csv =
      render_assessment(a.inventory, a.assessment, default_profile(), AssessmentFormat::csv);
  CHECK(csv.find(",suggested_serves_until,suggestion_reason,dr_tier,") != std::string::npos);
  CHECK(csv.find(",site-exit,\"tagged database, backup\",") != std::string::npos);
  CHECK(
      render_assessment(a.inventory, a.assessment, default_profile(), AssessmentFormat::json)
          .find(
              R"("suggestion": {"serves_until": "last-dependant", "why": "3 apps depend on it by prerequisite or hard coupling"})") !=
      std::string::npos);
  CHECK(render_assessment(a.inventory, a.assessment, default_profile(), AssessmentFormat::markdown)
            .find("| hub | `serves_until: last-dependant` | 3 apps depend on it by prerequisite or "
                  "hard "
                  "coupling |\n") != std::string::npos);
  CHECK(render_assessment(a.inventory, a.assessment, default_profile(), AssessmentFormat::table)
            .find("  hub          serves_until: last-dependant  (3 apps depend on it by "
                  "prerequisite or "
                  "hard coupling)\n") != std::string::npos);
  CHECK(!a.inventory.applications[*a.inventory.find_application("hub")].serves_until);
}

TEST_CASE("assess: the reasons shown are reasons for the choice, never its penalties", "[assess]") {
  // A rehost on an out-of-support OS: os_out_of_support costs rehost 0.150, criticality adds
  // 0.100. The reason shown is the criticality; with no signal for it, the base.
  const auto a = assess_text(k_servers + R"(applications:
  - {id: pay, criticality: critical, servers: [win02], decision: {strategy: rehost, reason: x}}
  - {id: quiet, criticality: medium, servers: [win02], decision: {strategy: retain, reason: y}}
)");
  const auto pay = top_reasons(a.inventory, a.assessment, default_profile(), 0, 3);
  REQUIRE(pay.size() >= 2);
  for (const std::string& reason : pay) {
    CHECK_FALSE(reason.starts_with("-"));
  }
  CHECK(pay[1] == "+0.100 critical: criticality critical");
  CHECK(top_reasons(a.inventory, a.assessment, default_profile(), 1, 3) ==
        std::vector<std::string>{
            "architect's decision: y",
            "0.020 base: retain's starting score in the profile, no signal for it"});
}
