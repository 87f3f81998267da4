// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Time as it passes (contract programme.md section 2, invariants 13 and 14): lead times,
// hypercare, the link's transfer limit, critical cut-overs per wave, pilot routes and
// non-production rehearsals. Exact plans on small estates, each also passed through the
// independent checker, and the checker shown to catch each broken rule.
#include "planned.hpp"

#include <catch2/catch.hpp>

#include <functional>

using namespace dcexit;
using nlohmann::json;
using test::estate;
using test::plan_text;
using test::server;
using test::warnings;
using test::waves_of;

TEST_CASE("programme: no cut-over before its lead time, the app's own overriding its strategy's",
          "[plan][programme]") {
  // Waves of 14 days from 2025-01-06: 30 days of procurement put a repurchase in wave 4
  // (2025-02-17, the first wave starting on or after 2025-02-05); 0 on the app lets it go first.
  const auto p = plan_text(estate("  lead_days: {repurchase: 30}\n") + R"(applications:
  - {id: crm, decision: {strategy: repurchase}}
  - {id: fax, decision: {strategy: repurchase}, lead_days: 0}
  - {id: web, decision: {strategy: rehost}, lead_days: 15}
)");
  CHECK(p->violations().empty());
  CHECK(waves_of(*p) == std::vector<std::string>{"fax", "", "web", "crm"});
  CHECK(p->out["summary"]["lower_bound_waves"] == 4);
  CHECK(p->out["summary"]["lower_bound_reason"] ==
        "a lead time of 30 days hold app crm back until wave 4");
}

TEST_CASE("programme: hypercare holds a freeze's apps for its days before it",
          "[plan][programme]") {
  // One app a wave, in a chain: revenues would take wave 3 (2025-02-03 to 02-16), the last
  // before the billing freeze of 2025-02-17; 14 days of hypercare close wave 3 to it as well.
  const std::string apps = R"(applications:
  - {id: a}
  - {id: b, depends_on: [a]}
  - {id: revenues, tags: [revenues], depends_on: [b]}
)";
  const std::string policy = R"(  wave: {max_apps: 1}
  freezes:
    - {name: Billing, from: 2025-02-17, to: 2025-03-02, tags: [revenues]}
)";
  const auto without = plan_text(estate(policy) + apps);
  CHECK(waves_of(*without) == std::vector<std::string>{"a", "b", "revenues"});
  const auto p = plan_text(estate(policy + "  hypercare_days: 14\n") + apps);
  CHECK(p->violations().empty());
  CHECK(waves_of(*p) == std::vector<std::string>{"a", "b", "", "", "revenues"});
  // The waves list the freeze itself, not its hypercare window.
  CHECK(p->out["waves"][2]["freezes"] == json::array());
  CHECK(p->out["waves"][3]["freezes"] == json::array({"Billing"}));
}

TEST_CASE("programme: the link limits the data each wave moves", "[plan][programme]") {
  // 10 Mbps at 0.5 over 14 days: 10 x 0.5 x 14 x 86400 / 8 / 1000 = 756 GB a wave.
  const auto p = plan_text(estate("  network: {bandwidth_mbps: 10, utilisation: 0.5}\n") +
                           R"(servers:
  - {id: s1, site: dc1, storage_gb: 500}
  - {id: s2, site: dc1, storage_gb: 300}
  - {id: s3, site: dc1, storage_gb: 2000}
applications:
  - {id: files, servers: [s1], decision: {strategy: rehost}}
  - {id: hr, servers: [s2], decision: {strategy: replatform}, data: {size_gb: 250}}
  - {id: mail, decision: {strategy: repurchase}, data: {size_gb: 400}}
  - {id: dir, servers: [s3], decision: {strategy: rehost}, serves_until: last-dependant}
  - {id: big, decision: {strategy: refactor}, data: {size_gb: 900}}
)");
  CHECK(p->violations().empty());
  CHECK(p->out["summary"]["max_transfer_gb"] == 756);
  // hr's 300 GB server is rebuilt, not moved: its 250 GB of data cross the link. The directory
  // keeps running (serves_until) and transfers nothing; 900 GB alone is oversized.
  CHECK(waves_of(*p) == std::vector<std::string>{"big", "dir files hr", "mail"});
  CHECK(p->out["waves"][0]["transfer_gb"] == 900);
  CHECK(p->out["waves"][0]["oversized"] == "max_transfer_gb");
  CHECK(p->out["waves"][1]["transfer_gb"] == 750);
  CHECK(p->out["waves"][2]["transfer_gb"] == 400);
  // Without a link, transfer_gb is null.
  const auto none = plan_text(estate("  hold_days: 30\n") + "applications: [{id: a}]\n");
  CHECK(none->out["summary"]["max_transfer_gb"].is_null());
  CHECK(none->out["waves"][0]["transfer_gb"].is_null());
  CHECK(none->out["waves"][0]["critical"].is_null());
}

TEST_CASE("programme: at most max_critical critical cut-overs a wave", "[plan][programme]") {
  const auto p = plan_text(estate("  wave: {max_critical: 1}\n") + R"(applications:
  - {id: sap, criticality: critical, decision: {strategy: rehost}}
  - {id: revenues, criticality: critical, decision: {strategy: rehost}}
  - {id: benefits, criticality: critical, decision: {strategy: rehost}}
  - {id: intranet, criticality: low, decision: {strategy: rehost}}
  - {id: planning, criticality: medium, decision: {strategy: retire}}
)");
  CHECK(p->violations().empty());
  CHECK(waves_of(*p) == std::vector<std::string>{"benefits intranet planning", "revenues", "sap"});
  for (const json& w : p->out["waves"]) {
    CHECK(w["critical"] == 1);
  }
}

TEST_CASE("programme: the pilot proves the routes it lists, or a warning says why not",
          "[plan][programme]") {
  const std::string policy = R"(  wave: {max_apps: 2}
  pilot: {max_criticality: medium, strategies: [rehost, repurchase, replatform, relocate]}
  lead_days: {repurchase: 60}
)";
  const auto p = plan_text(estate(policy) + R"(servers:
  - {id: s1, site: dc1}
  - {id: s2, site: dc1}
  - {id: s3, site: dc1}
applications:
  - {id: a-retire, criticality: low, decision: {strategy: retire}}
  - {id: b-retire, criticality: low, decision: {strategy: retire}}
  - {id: c-retire, criticality: low, decision: {strategy: retire}}
  - {id: crm, criticality: low, decision: {strategy: repurchase}}
  - {id: hr, criticality: low, servers: [s2], decision: {strategy: replatform}, depends_on: [sql]}
  - {id: sql, criticality: high, servers: [s3], decision: {strategy: rehost}}
  - {id: web, criticality: medium, servers: [s1], decision: {strategy: rehost}}
)");
  CHECK(p->violations().empty());
  // Without the routes wave 1 would take the first two retirements; it takes the rehost first.
  CHECK(p->out["waves"][0]["apps"] == json::array({"a-retire", "web"}));
  CHECK(warnings(*p) ==
        std::vector<std::string>{
            "test.yaml:5:36: warning: the pilot (wave 1) does not prove the repurchase route: "
            "every repurchase app is held back (the first, 'crm' has a lead time of 60 days) "
            "[pilot-route]",
            "test.yaml:5:36: warning: the pilot (wave 1) does not prove the replatform route: "
            "'hr' must follow 'sql', which is above the pilot's max_criticality (medium) "
            "[pilot-route]",
            "test.yaml:5:36: warning: the pilot (wave 1) does not prove the relocate route: no "
            "application is planned to relocate [pilot-route]"});
}

TEST_CASE("programme: a pilot route is proved with the prerequisites it needs",
          "[plan][programme]") {
  const auto p = plan_text(estate("  pilot: {strategies: [replatform]}\n  wave: {max_apps: 3}\n") +
                           R"(applications:
  - {id: a, decision: {strategy: retire}}
  - {id: b, decision: {strategy: retire}}
  - {id: c, decision: {strategy: retire}}
  - {id: hr, decision: {strategy: replatform}, depends_on: [sql]}
  - {id: sql, decision: {strategy: rehost}}
)");
  CHECK(p->violations().empty());
  CHECK(p->out["waves"][0]["apps"] == json::array({"a", "hr", "sql"}));
  CHECK(warnings(*p).empty());
}

TEST_CASE("programme: non-production servers rehearse a wave before production",
          "[plan][programme]") {
  const auto p = plan_text(estate("  non_production_first: true\n  wave: {max_servers: 2}\n") +
                           R"(servers:
  - {id: crm-db, site: dc1, storage_gb: 100}
  - {id: crm-test, site: dc1, environment: non-production, storage_gb: 40}
  - {id: crm-uat, site: dc1, environment: non-production, storage_gb: 60}
  - {id: hr-app, site: dc1}
  - {id: lab, site: dc1, environment: non-production}
applications:
  - {id: crm, servers: [crm-db, crm-test, crm-uat], decision: {strategy: rehost}}
  - {id: hr, servers: [hr-app], decision: {strategy: rehost}}
  - {id: lab, servers: [lab], decision: {strategy: rehost}}
)");
  CHECK(p->violations().empty());
  // crm's two non-production servers fill wave 1's max_servers; its production server follows.
  CHECK(waves_of(*p) == std::vector<std::string>{"", "crm hr", "lab"});
  CHECK(p->out["applications"][0]["rehearsal_wave"] == 1);
  CHECK(p->out["applications"][1]["rehearsal_wave"].is_null());  // only production servers
  CHECK(p->out["applications"][2]["rehearsal_wave"].is_null());  // only non-production ones
  CHECK(p->out["waves"][0]["rehearsals"] == json::array({"crm"}));
  CHECK(p->out["waves"][0]["servers_moved"] == json::array({"crm-test", "crm-uat"}));
  CHECK(p->out["waves"][0]["storage_gb"] == 100);
  CHECK(p->out["waves"][0]["effort_days"] == 0);
  CHECK(p->out["waves"][1]["servers_moved"] == json::array({"crm-db", "hr-app"}));
  // The rehearsal's servers go hold_days after it; production after the cut-over.
  CHECK(server(*p, "crm-test")["date"] == "2025-02-18");
  CHECK(server(*p, "crm-db")["date"] == "2025-03-04");
  CHECK(render_waves_csv(p->estate) ==
        "wave,start,end,app,name,strategy,source,criticality,effort_days,move_group,"
        "servers_moved,oversized,kind,owner,department,confidence,depends_on\n"
        "1,2025-01-06,2025-01-19,crm,,rehost,decision,medium,0,,crm-test;crm-uat,,rehearsal,,,"
        "0.14,\n"
        "2,2025-01-20,2025-02-02,crm,,rehost,decision,medium,8.7,,crm-db,,cutover,,,0.14,\n"
        "2,2025-01-20,2025-02-02,hr,,rehost,decision,medium,5.5,,hr-app,,cutover,,,0.13,\n"
        "3,2025-02-03,2025-02-16,lab,,rehost,decision,medium,5.5,,lab,,cutover,,,0.13,\n");
}

TEST_CASE("programme: freezes do not hold a rehearsal", "[plan][programme]") {
  const auto p = plan_text(estate(R"(  non_production_first: true
  freezes: [{name: Stop, from: 2025-01-01, to: 2025-01-19, apps: [crm]}]
)") + R"(servers:
  - {id: p, site: dc1}
  - {id: t, site: dc1, environment: non-production}
applications:
  - {id: crm, servers: [p, t], decision: {strategy: rehost}}
)");
  CHECK(p->violations().empty());
  CHECK(p->out["applications"][0]["rehearsal_wave"] == 1);
  CHECK(p->out["applications"][0]["wave"] == 2);
}

TEST_CASE("programme: the deadline advice names lead times, the link and max_critical",
          "[plan][programme]") {
  // Deadline 2025-03-31 with 30 days of hold: 3 waves of 14 days.
  const auto advice = [](const std::string& policy, const std::string& apps) {
    const auto p = plan_text(R"(schema: dcexit/v1
estate: {name: Small, start: 2025-01-06, deadline: 2025-03-31}
policy:
)" + policy + "sites: [{id: dc1}]\n" +
                             apps);
    CHECK(p->violations().empty());
    return test::lines(p->plan.advice);
  };
  CHECK(advice("  lead_days: {repurchase: 120}\n",
               "applications: [{id: crm, decision: {strategy: repurchase}}]\n") ==
        std::vector<std::string>{
            "test.yaml:2:9: warning: needs 10 waves; the deadline allows 3; lead times bind (the "
            "longest: 120 days for crm, repurchase): lead times of at most 28 days would meet it "
            "[deadline-missed]"});
  CHECK(advice("  wave: {max_critical: 1}\n", R"(applications:
  - {id: a, criticality: critical}
  - {id: b, criticality: critical}
  - {id: c, criticality: critical}
  - {id: d, criticality: critical}
  - {id: e, criticality: critical}
  - {id: f, criticality: critical}
  - {id: g, criticality: critical}
)") == std::vector<std::string>{
           "test.yaml:2:9: warning: needs 7 waves at max_critical 1; the deadline allows 3; "
           "3 would meet it [deadline-missed]"});
  CHECK(advice("  network: {bandwidth_mbps: 10, utilisation: 0.5}\n", R"(servers:
  - {id: s1, site: dc1, storage_gb: 700}
  - {id: s2, site: dc1, storage_gb: 700}
  - {id: s3, site: dc1, storage_gb: 700}
  - {id: s4, site: dc1, storage_gb: 700}
  - {id: s5, site: dc1, storage_gb: 700}
  - {id: s6, site: dc1, storage_gb: 700}
applications:
  - {id: a, servers: [s1], decision: {strategy: rehost}}
  - {id: b, servers: [s2], decision: {strategy: rehost}}
  - {id: c, servers: [s3], decision: {strategy: rehost}}
  - {id: d, servers: [s4], decision: {strategy: rehost}}
  - {id: e, servers: [s5], decision: {strategy: rehost}}
  - {id: f, servers: [s6], decision: {strategy: rehost}}
)") == std::vector<std::string>{
           "test.yaml:2:9: warning: needs 6 waves at max_transfer_gb 756 (a link of 10 "
           "Mbps at utilisation 0.5); the deadline allows 3; 1512 (a link of 20 Mbps at "
           "utilisation 0.5) would meet it [deadline-missed]"});
}

TEST_CASE("programme: the checker catches a plan that breaks invariants 13 and 14",
          "[plan][programme]") {
  const auto p = plan_text(estate(R"(  wave: {max_critical: 1}
  lead_days: {repurchase: 20}
  hypercare_days: 7
  network: {bandwidth_mbps: 10, utilisation: 0.5}
  non_production_first: true
  pilot: {strategies: [rehost]}
  freezes: [{name: Billing, from: 2025-02-17, to: 2025-02-20, apps: [rev]}]
)") + R"(servers:
  - {id: p, site: dc1, storage_gb: 10}
  - {id: t, site: dc1, environment: non-production, storage_gb: 10}
applications:
  - {id: crm, decision: {strategy: repurchase}}
  - {id: rev, criticality: critical, servers: [p, t], decision: {strategy: rehost}}
  - {id: sap, criticality: critical, decision: {strategy: replatform}}
)");
  REQUIRE(p->violations().empty());
  // rev rehearses in wave 1 beside sap; one critical app a wave; crm's lead time ends in wave 3.
  CHECK(waves_of(*p) == std::vector<std::string>{"sap", "rev", "crm"});
  const auto broken = [&](const std::function<void(json&)>& change) {
    json out = p->out;
    change(out);
    return test::check_plan(p->inventory, out);
  };
  const auto move = [](json& out, const std::string& id, std::size_t from, std::size_t to) {
    out["applications"][id == "crm" ? 0 : id == "rev" ? 1 : 2]["wave"] = to;
    auto& apps = out["waves"][from - 1]["apps"];
    apps.erase(std::find(apps.begin(), apps.end(), id));
    out["waves"][to - 1]["apps"].push_back(id);
  };
  // Moving an app also unbalances the waves' totals; the rule it breaks is named.
  const auto names = [](const std::vector<std::string>& errors, const std::string& text) {
    return std::find(errors.begin(), errors.end(), text) != errors.end();
  };
  CHECK(names(broken([&](json& out) { move(out, "crm", 3, 2); }),
              "invariant 13: crm cuts over in wave 2 before its lead time of 20 days"));
  CHECK(names(broken([&](json& out) { move(out, "rev", 2, 1); }),
              "invariant 5: wave 1 breaks max_critical"));
  CHECK(broken([&](json& out) { out["waves"][1]["transfer_gb"] = 5; }) ==
        std::vector<std::string>{"wave 2 transfer_gb does not add up"});
  CHECK(broken([&](json& out) { out["applications"][1]["rehearsal_wave"] = nullptr; })[0] ==
        "invariant 14: rev (wave 2) has rehearsal_wave null");
  CHECK(names(broken([&](json& out) { move(out, "rev", 2, 3); }),
              "invariant 13: rev is in wave 3 during the hypercare before freeze 'Billing'"));
}

TEST_CASE("programme: with nothing to move, every pilot route is explained", "[plan][programme]") {
  // Found by the pipeline fuzzer: an estate whose applications key was misspelt.
  const auto p =
      plan_text(estate("  pilot: {strategies: [rehost]}\n") + "servers: [{id: s1, site: dc1}]\n");
  CHECK(p->violations().empty());
  CHECK(warnings(*p) == std::vector<std::string>{
                            "test.yaml:4:11: warning: the pilot (wave 1) does not prove the rehost "
                            "route: no application is planned to rehost [pilot-route]"});
}
