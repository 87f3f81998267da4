// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// The hybrid period (contract programme.md section 1): services kept until those they serve have
// left, replacements, split limits, the interim connectivity and the warnings about them. Exact
// plans on small estates, each also passed through the independent checker.
#include "planned.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace dcexit;
using nlohmann::json;
using test::estate;
using test::plan_text;

using test::server;
using test::warnings;
using test::waves_of;

TEST_CASE("hybrid: a service keeps its servers on until its last dependant has left", "[plan]") {
  const auto p = plan_text(estate("  wave: {max_apps: 1, max_servers: 1}\n") + R"(servers:
  - {id: s-dir1, site: dc1}
  - {id: s-dir2, site: dc1}
  - {id: s-u1, site: dc1}
  - {id: s-u2, site: dc1}
applications:
  - {id: dir, servers: [s-dir1, s-dir2], serves_until: last-dependant, decision: {strategy: rehost}}
  - {id: u1, servers: [s-u1], depends_on: [dir], decision: {strategy: rehost}}
  - {id: u2, servers: [s-u2], depends_on: [{app: dir, coupling: soft}], decision: {strategy: replatform}}
)");
  CHECK(p->violations().empty());
  CHECK(waves_of(*p) == std::vector<std::string>{"dir", "u1", "u2"});
  // A new instance is built in the cloud: its two servers do not move, so max_servers holds.
  CHECK(p->out["waves"][0]["servers_moved"] == json::array());
  CHECK(p->out["waves"][0]["oversized"].is_null());
  // Wave 3 ends on 2025-02-16; 30 days of hold.
  CHECK(server(*p, "s-dir1") ==
        json{{"id", "s-dir1"}, {"date", "2025-03-18"}, {"last_app", "u2"}, {"kept_for", "dir"}});
  CHECK(server(*p, "s-dir2")["date"] == "2025-03-18");
  CHECK(server(*p, "s-u1") == json{{"id", "s-u1"}, {"date", "2025-03-04"}, {"last_app", "u1"}});
  REQUIRE(p->out["connectivity"].size() == 2);
  CHECK(p->out["connectivity"][1] == json::parse(R"({"app": "u2", "depends_on": "dir",
    "coupling": "soft", "from": "2025-01-20", "to": "2025-02-16", "days": 28,
    "direction": "on-premises-to-cloud", "max_split_days": null, "served_on_premises": true})"));
  CHECK(warnings(*p).empty());
}

TEST_CASE("hybrid: a retired service kept until site exit goes after every app on its site",
          "[plan]") {
  const auto p = plan_text(R"(schema: dcexit/v1
estate: {name: Small, start: 2025-01-06}
policy:
  wave: {max_apps: 1}
sites: [{id: dc1}, {id: dc2}]
servers:
  - {id: s-a, site: dc1}
  - {id: s-b, site: dc1}
  - {id: s-bkp, site: dc1}
  - {id: s-far, site: dc2}
  - {id: s-mon, site: dc1}
applications:
  - {id: a, servers: [s-a], decision: {strategy: rehost}}
  - {id: b, servers: [s-b], decision: {strategy: replatform}}
  - {id: backup, servers: [s-bkp], serves_until: site-exit, decision: {strategy: retire}}
  - {id: far, servers: [s-far], decision: {strategy: rehost}}
  - {id: monitoring, servers: [s-mon], serves_until: site-exit, decision: {strategy: repurchase}}
)");
  CHECK(p->violations().empty());
  // 'far' on the other site may leave after the backup server goes.
  CHECK(waves_of(*p) == std::vector<std::string>{"a", "b", "monitoring", "backup", "far"});
  CHECK(server(*p, "s-bkp") ==
        json{{"id", "s-bkp"}, {"date", "2025-04-01"}, {"last_app", "backup"}});
  CHECK(server(*p, "s-mon") == json{{"id", "s-mon"},
                                    {"date", "2025-04-01"},
                                    {"last_app", "backup"},
                                    {"kept_for", "monitoring"}});
}

TEST_CASE("hybrid: an app is switched off no earlier than the app that replaces it", "[plan]") {
  const std::string apps = R"(applications:
  - {id: archive, criticality: low, decision: {strategy: retire}REPLACED}
  - {id: mail, criticality: critical, decision: {strategy: repurchase}}
  - {id: web, criticality: medium, decision: {strategy: rehost}}
)";
  const auto with = [&](const std::string& replaced) {
    std::string text = apps;
    text.replace(text.find("REPLACED"), 8, replaced);
    return plan_text(estate("  wave: {max_apps: 1}\n") + text);
  };
  const auto before = with("");
  CHECK(waves_of(*before) == std::vector<std::string>{"archive", "web", "mail"});
  const auto after = with(", replaced_by: mail");
  CHECK(after->violations().empty());
  CHECK(waves_of(*after) == std::vector<std::string>{"web", "mail", "archive"});
}

TEST_CASE("hybrid: a split limit brings two waves together, and one under a wave joins the apps",
          "[plan]") {
  const std::string apps = R"(applications:
  - {id: a, decision: {strategy: rehost}}
  - {id: x, decision: {strategy: rehost}}
  - {id: y, decision: {strategy: rehost}}
  - {id: z, decision: {strategy: rehost}, depends_on: [{app: a, coupling: soft LIMIT}]}
)";
  const auto with = [&](const std::string& limit) {
    std::string text = apps;
    text.replace(text.find(" LIMIT"), 6, limit);
    return plan_text(estate("  wave: {max_apps: 1}\n") + text);
  };
  CHECK(waves_of(*with("")) == std::vector<std::string>{"a", "x", "y", "z"});
  const auto fortnight = with(", max_split_days: 14");
  CHECK(fortnight->violations().empty());
  CHECK(waves_of(*fortnight) == std::vector<std::string>{"a", "z", "x", "y"});
  CHECK(fortnight->out["move_groups"] == json::array());
  // Less than a wave apart is the same wave: one move group, oversized for max_apps.
  const auto days = with(", max_split_days: 5");
  CHECK(days->violations().empty());
  CHECK(waves_of(*days) == std::vector<std::string>{"a z", "x", "y"});
  CHECK(days->out["move_groups"] ==
        json::parse(R"([{"id": "mg-001", "apps": ["a", "z"], "reasons": ["split-limit"]}])"));
  CHECK(days->out["waves"][0]["oversized"] == "max_apps");
  // The policy's limit for the coupling applies where the dependency sets none.
  const auto policy = plan_text(estate("  wave: {max_apps: 1}\n  max_split_days: {soft: 14}\n") +
                                apps.substr(0, apps.find(" LIMIT")) + "}]}\n");
  CHECK(waves_of(*policy) == std::vector<std::string>{"a", "z", "x", "y"});
}

TEST_CASE("hybrid: connectivity lists each split and its direction, and a retained side never ends",
          "[plan]") {
  const auto p =
      plan_text(estate("  wave: {max_apps: 1}\n  max_split_days: {prerequisite: 400}\n") +
                R"(applications:
  - id: caller-retired
    decision: {strategy: retire}
    replaced_by: mover
    depends_on: [{app: mover, coupling: soft}]
  - {id: kept, decision: {strategy: retain}}
  - {id: mover, decision: {strategy: rehost}}
  - {id: old, decision: {strategy: retire}}
  - {id: same, decision: {strategy: replatform}}
  - {id: stays, decision: {strategy: retain}, depends_on: [mover]}
  - id: user
    decision: {strategy: replatform}
    depends_on: [{app: old, coupling: soft}, kept, {app: same, coupling: hard}]
)");
  CHECK(p->violations().empty());
  CHECK(waves_of(*p) == std::vector<std::string>{"mover", "same user", "caller-retired", "old"});
  // A retired caller stays on premises until it is switched off; a retired provider is left
  // behind on premises; a retained one for good; hard-coupled apps are never split.
  CHECK(p->out["connectivity"] == json::parse(R"([
    {"app": "caller-retired", "depends_on": "mover", "coupling": "soft", "from": "2025-01-20",
     "to": "2025-02-16", "days": 28, "direction": "on-premises-to-cloud", "max_split_days": null,
     "served_on_premises": false},
    {"app": "stays", "depends_on": "mover", "coupling": "prerequisite", "from": "2025-01-20",
     "to": null, "days": null, "direction": "on-premises-to-cloud", "max_split_days": 400,
     "served_on_premises": false},
    {"app": "user", "depends_on": "kept", "coupling": "prerequisite", "from": "2025-02-03",
     "to": null, "days": null, "direction": "cloud-to-on-premises", "max_split_days": 400,
     "served_on_premises": false},
    {"app": "user", "depends_on": "old", "coupling": "soft", "from": "2025-02-03",
     "to": "2025-03-02", "days": 28, "direction": "cloud-to-on-premises", "max_split_days": null,
     "served_on_premises": false}])"));
  CHECK(
      warnings(*p) ==
      std::vector<std::string>{
          "test.yaml:16:60: warning: 'stays' is retained and depends on 'mover', which moves: the "
          "split from 2025-01-20 is permanent and its 'max_split_days' of 400 cannot be kept; "
          "retain both, or neither [permanent-split]",
          "test.yaml:19:46: warning: 'user' depends on 'kept', which is retained: the split from "
          "2025-02-03 is permanent and its 'max_split_days' of 400 cannot be kept; retain both, "
          "or neither [permanent-split]"});
  const std::string csv = render_connectivity_csv(p->estate);
  CHECK(csv.substr(0, csv.find('\n', csv.find('\n') + 1) + 1) ==
        "app,app_name,depends_on,depends_on_name,coupling,direction,from,to,days,opens_after_wave,"
        "closes_with_wave,max_split_days,served_on_premises,on_premises_sites\n"
        "caller-retired,,mover,,soft,on-premises-to-cloud,2025-01-20,2025-02-16,28,1,3,,no,\n");
}

TEST_CASE("hybrid: warnings for mixed cut-overs, services gone early and year-long splits",
          "[plan]") {
  const std::string yaml = R"(schema: dcexit/v1
estate: {name: Small, start: 2025-01-06}
policy:
  wave: {max_apps: 1, length_days: 28}
  freezes: [{name: Late's busy year, from: 2025-01-06, to: 2026-03-01, apps: [late]}]
sites: [{id: dc1}]
servers:
  - {id: s-sql, site: dc1}
  - {id: s-u1, site: dc1}
  - {id: s-u2, site: dc1}
  - {id: s-late, site: dc1}
applications:
  - {id: erp, decision: {strategy: rehost}, depends_on: [{app: bw, coupling: hard}]}
  - {id: bw, decision: {strategy: replatform}}
  - {id: sql, servers: [s-sql], decision: {strategy: replatform}}
  - {id: u1, servers: [s-u1], decision: {strategy: rehost}, depends_on: [sql]}
  - {id: u2, servers: [s-u2], decision: {strategy: rehost}, depends_on: [sql]}
  - {id: late, servers: [s-late], decision: {strategy: rehost}, depends_on: [sql]}
)";
  const auto p = plan_text(yaml);
  CHECK(p->violations().empty());
  CHECK(waves_of(*p) == std::vector<std::string>{"sql", "bw erp", "u1", "u2", "", "", "", "", "",
                                                 "", "", "", "", "", "", "late"});
  CHECK(warnings(*p) ==
        std::vector<std::string>{
            "test.yaml:13:64: warning: 'erp' (rehost) is hard-coupled to 'bw' (replatform) in move "
            "group mg-001: a lift-and-shift and a rebuild cannot share one cut-over; align their "
            "strategies or loosen the coupling [mixed-cutover]",
            "test.yaml:15:5: warning: 'sql' is switched off on premises on 2025-03-04, while 3 of "
            "the 3 apps that depend on it still run there, the last ('late') until the end of wave "
            "16; give it 'serves_until: last-dependant' to keep its servers until they have left "
            "[service-gone-early]",
            "test.yaml:18:78: warning: 'late' depends on 'sql' across the hybrid link for 420 days "
            "(2025-02-03 to 2026-03-29), more than a year; bring their waves closer with "
            "'max_split_days' [long-split]"});
  // With serves_until its server stays on for them, and that warning goes.
  std::string text = yaml;
  text.replace(text.find("{id: sql, "), 10, "{id: sql, serves_until: last-dependant, ");
  const auto served = plan_text(text);
  CHECK(served->violations().empty());
  CHECK(server(*served, "s-sql")["date"] == "2026-04-28");
  CHECK(warnings(*served).size() == 2);
}

TEST_CASE("hybrid: a retained app in a hard cycle is a coupling conflict", "[plan]") {
  // a, b and c are hard-coupled in a cycle; b stays. The group moves without it, and its couplings
  // are split for good; the retired partner of another retained app is switched off under it.
  const auto p = plan_text(R"(schema: dcexit/v1
estate: {name: Small, start: 2025-01-06}
policy: {wave: {max_apps: 4, length_days: 28}}
sites: [{id: dc1}]
applications:
  - {id: a, decision: {strategy: rehost}, depends_on: [{app: b, coupling: hard}]}
  - {id: b, decision: {strategy: retain}, depends_on: [{app: c, coupling: hard}]}
  - {id: c, decision: {strategy: rehost}, depends_on: [{app: a, coupling: hard}]}
  - {id: kept, decision: {strategy: retain}, depends_on: [{app: old, coupling: hard}]}
  - {id: old, decision: {strategy: retire}}
)");
  CHECK(p->violations().empty());
  CHECK(warnings(*p) ==
        std::vector<std::string>{
            "test.yaml:6:62: warning: 'a' (rehost) is hard-coupled to 'b' (retain), but a "
            "retained app never cuts over: 'a' leaves in its move group mg-001 without it, split "
            "from it across the hybrid link for good; retain both, move both, or loosen the "
            "coupling [mixed-cutover]",
            "test.yaml:7:62: warning: 'b' (retain) is hard-coupled to 'c' (rehost), but a "
            "retained app never cuts over: 'c' leaves in its move group mg-001 without it, split "
            "from it across the hybrid link for good; retain both, move both, or loosen the "
            "coupling [mixed-cutover]",
            "test.yaml:9:65: warning: 'kept' (retain) is hard-coupled to 'old' (retire), but a "
            "retained app never cuts over: 'old' is switched off without it; retain both, move "
            "both, or loosen the coupling [mixed-cutover]"});
}

TEST_CASE("hybrid: serves_until on an app the assessment retains is a warning", "[plan]") {
  DiagnosticSink sink;
  const ScoringProfile keep = load_profile(
      "keep.yaml", "schema: dcexit-profile/v1\nname: keep\nstrategies:\n  retain: {base: 1}\n",
      sink);
  REQUIRE_FALSE(sink.has_errors());
  auto loaded = test::load_text(estate("") + R"(servers: [{id: s1, site: dc1}]
applications:
  - {id: kept, servers: [s1], serves_until: last-dependant}
  - {id: chosen, servers: [s1], serves_until: site-exit, decision: {strategy: retain}}
)");
  REQUIRE_FALSE(loaded.diagnostics.has_errors());
  const Plan plan = make_plan(loaded.inventory, keep).value();
  std::vector<std::string> out;
  for (const Diagnostic& d : plan.warnings) {
    out.push_back(format_text(d));
  }
  // The decision's own case is the loader's warning (golden validate/ignored-key).
  CHECK(out == std::vector<std::string>{
                   "test.yaml:7:5: warning: 'serves_until' has no effect on application 'kept', "
                   "which the assessment retains: its servers stay anyway [ignored-key]"});
}

TEST_CASE("hybrid: a split is served on site only while the service's servers stay for it",
          "[plan]") {
  const auto p = plan_text(R"(schema: dcexit/v1
estate: {name: Small, start: 2025-01-06}
policy:
  wave: {max_apps: 1}
sites: [{id: dc1}, {id: dc2}]
servers:
  - {id: s-dir, site: dc1}
  - {id: s-mon, site: dc1}
  - {id: s-far, site: dc2}
  - {id: s-near, site: dc1}
  - {id: s-kept, site: dc1}
applications:
  - {id: dir, servers: [s-dir], serves_until: last-dependant, decision: {strategy: rehost}}
  - {id: far, servers: [s-far], depends_on: [mon], decision: {strategy: rehost}}
  - {id: kept, servers: [s-kept], depends_on: [dir], decision: {strategy: retain}}
  - {id: mon, servers: [s-mon], serves_until: site-exit, decision: {strategy: repurchase}}
  - {id: near, servers: [s-near], depends_on: [mon, dir], decision: {strategy: rehost}}
)");
  CHECK(p->violations().empty());
  std::map<std::string, bool> served;
  for (const json& s : p->out["connectivity"]) {
    served[s["app"].get<std::string>() + "->" + s["depends_on"].get<std::string>()] =
        s["served_on_premises"];
  }
  // A retained caller outlives the directory's servers; 'far' is on another site than 'mon'.
  CHECK(served ==
        std::map<std::string, bool>{
            {"far->mon", false}, {"kept->dir", false}, {"near->dir", true}, {"near->mon", true}});
}
