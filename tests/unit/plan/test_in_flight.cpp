// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// A programme in flight (contract programme.md section 3, invariants 15 and 16): progress in
// the inventory, plans as of a date, re-planning against a baseline with little churn, and
// plan diffs. Exact plans on small estates, each passed through the independent checker.
#include "load/inventory_builder.hpp"
#include "planned.hpp"

#include <dcexit/load.hpp>

#include <catch2/catch.hpp>

using namespace dcexit;
using nlohmann::json;
using test::estate;
using test::plan_text;
using test::waves_of;

namespace {

PlanOptions as_of(std::string_view date) {
  PlanOptions options;
  options.as_of = Date::parse(date);
  return options;
}

PlanRecord record_of(const test::Planned& p, std::string_view name = "old/plan.json") {
  DiagnosticSink sink;
  auto record = read_plan_record_text(name, p.text, sink);
  REQUIRE(record.has_value());
  return *record;
}

// Waves of 14 days from 2025-01-06: wave 3 starts 2025-02-03, wave 4 2025-02-17.
const std::string k_flight = R"(applications:
  - {id: a, progress: {status: done, date: 2025-01-08}}
  - {id: b, progress: {status: done, date: 2025-02-05}}
  - {id: c, depends_on: [a], progress: {status: rolled-back, date: 2025-01-22}}
  - {id: d, progress: {status: in-progress, wave: 4}}
  - {id: e}
  - {id: f, depends_on: [c]}
)";

}  // namespace

TEST_CASE("in flight: history stays where it happened, the rest is planned from the as-of date",
          "[plan][in-flight]") {
  // As of 2025-02-17 (wave 4): a and b are done in the waves of their dates, d is locked into
  // wave 4, and c (rolled back), e and f are planned from wave 4 on, two apps a wave.
  const auto p = plan_text(estate("  wave: {max_apps: 2}\n") + k_flight, as_of("2025-02-17"));
  CHECK(p->violations().empty());
  CHECK(waves_of(*p) == std::vector<std::string>{"a", "", "b", "c d", "e f"});
  CHECK(p->out["summary"]["as_of"] == "2025-02-17");
  CHECK(p->out["summary"]["churn"] == 0);  // no baseline: nothing moved against one
  CHECK(p->out["waves"][2]["history"] == true);
  CHECK(p->out["waves"][3]["history"] == false);
  CHECK(p->out["applications"][0]["progress"] == "done");
  CHECK(p->out["applications"][4]["progress"].is_null());
  // Later, without anything recorded since: the same history, the rest from wave 6 on.
  const auto later = plan_text(estate("  wave: {max_apps: 2}\n") + k_flight, as_of("2025-03-10"));
  CHECK(later->violations().empty());
  CHECK(waves_of(*later) == std::vector<std::string>{"a", "", "b", "d", "", "c e", "f"});
}

TEST_CASE("in flight: history is kept even where it broke a limit", "[plan][in-flight]") {
  const auto p = plan_text(estate("  wave: {max_apps: 1}\n") + R"(applications:
  - {id: a, progress: {status: done, date: 2025-01-07}}
  - {id: b, progress: {status: done, date: 2025-01-08}}
  - {id: c, progress: {status: done, date: 2025-01-09}}
  - {id: d}
)",
                           as_of("2025-01-20"));
  CHECK(p->violations().empty());
  CHECK(waves_of(*p) == std::vector<std::string>{"a b c", "d"});
  CHECK(p->out["summary"]["lower_bound_waves"] == 2);
  CHECK(p->out["summary"]["lower_bound_reason"] == "the waves history and locks take");
}

TEST_CASE("in flight: a prerequisite of a locked app is planned before it", "[plan][in-flight]") {
  // api is locked into wave 3; web, which it depends on, must go by wave 3 although due_first
  // alone would not hurry it, and db after it in its own time.
  const auto p = plan_text(estate("  wave: {max_apps: 1}\n") + R"(applications:
  - {id: api, depends_on: [web], progress: {status: planned, wave: 3}}
  - {id: web}
  - {id: x1}
  - {id: x2}
)");
  CHECK(p->violations().empty());
  CHECK(p->wave("api") == 3);
  CHECK(p->wave("web") < 3);
}

TEST_CASE("in flight: the checker catches a plan that breaks invariant 15", "[plan][in-flight]") {
  auto p = plan_text(estate("  wave: {max_apps: 2}\n") + k_flight, as_of("2025-02-17"));
  json broken = p->out;
  broken["applications"][0]["wave"] = 2;  // a done in wave 1
  broken["waves"][0]["apps"] = json::array();
  broken["waves"][1]["apps"] = json::array({"a"});
  const auto errors = test::check_plan(p->inventory, broken);
  CHECK(std::find(errors.begin(), errors.end(), "invariant 15: a (done) is in wave 2, not 1") !=
        errors.end());
  json early = p->out;  // e planned in wave 3, before the as-of date
  early["applications"][4]["wave"] = 3;
  early["waves"][2]["apps"] = json::array({"b", "e"});
  early["waves"][4]["apps"] = json::array({"f"});
  const auto more = test::check_plan(p->inventory, early);
  CHECK(std::find(more.begin(), more.end(),
                  "invariant 15: e is planned in wave 3, which starts before the as-of date "
                  "2025-02-17") != more.end());
}

TEST_CASE("in flight: progress is checked on its own and against the as-of date",
          "[plan][in-flight][load]") {
  const auto loaded = test::load_text(estate("") + R"(applications:
  - {id: a, progress: {status: done}}
  - {id: b, progress: {status: in-progress}}
  - {id: c, progress: {status: done, date: 2024-12-01}}
  - {id: d, progress: {date: 2025-01-07}}
  - {id: e, progress: {status: finished}}
  - {id: f, progress: {status: done, date: 2025-01-07, wave: 3}}
)");
  CHECK(loaded.lines() ==
        std::vector<std::string>{
            "test.yaml:6:13: error: application 'a' is done but its progress has no 'date': give "
            "the day it cut over [bad-progress]",
            "test.yaml:7:13: error: application 'b' is in progress but its progress has no "
            "'wave': give the wave it is locked into [bad-progress]",
            "test.yaml:8:13: error: application 'c' has progress dated 2024-12-01, before the "
            "estate's start 2025-01-06: history is planned in waves from the start; move "
            "'estate.start' back [bad-progress]",
            "test.yaml:9:13: error: 'progress' has no 'status' (planned, in-progress, done or "
            "rolled-back) [missing-key]",
            "test.yaml:10:32: error: 'status' must be one of planned, in-progress, done, "
            "rolled-back; got 'finished' [bad-value]",
            "test.yaml:11:13: warning: the 'wave' of done application 'f' is not used: a done app "
            "sits in the wave that holds its date [ignored-key]",
        });
  const auto valid = test::load_text(estate("") + R"(applications:
  - {id: a, progress: {status: done, date: 2025-03-01}}
  - {id: b, progress: {status: in-progress, wave: 2}}
  - {id: c, progress: {status: planned, wave: 3}}
  - {id: d, progress: {status: planned, wave: 5}}
)");
  REQUIRE_FALSE(valid.diagnostics.has_errors());
  DiagnosticSink sink;
  check_progress_as_of(valid.inventory, *Date::parse("2025-02-17"), sink);
  std::vector<std::string> lines;
  for (const Diagnostic& d : sink.all()) {
    lines.push_back(format_text(d));
  }
  CHECK(lines ==
        std::vector<std::string>{
            "test.yaml:6:13: error: application 'a' is done on 2025-03-01, after the as-of date "
            "2025-02-17: a cut-over still to come is planned or in progress [bad-progress]",
            "test.yaml:7:13: error: application 'b' is locked into wave 2, which ended on "
            "2025-02-02, before the as-of date 2025-02-17: record it done with its date, rolled "
            "back, or locked into a later wave [bad-progress]",
            "test.yaml:8:13: error: application 'c' is planned into wave 3, which started on "
            "2025-02-03, before the as-of date 2025-02-17: a wave in the past cannot be planned "
            "[bad-progress]",
        });
}

TEST_CASE("in flight: a baseline on an unchanged estate changes nothing", "[plan][in-flight]") {
  const std::string yaml = estate("  wave: {max_apps: 2}\n") + k_flight;
  const auto first = plan_text(yaml, as_of("2025-02-17"));
  const PlanRecord baseline = record_of(*first);
  PlanOptions options = as_of("2025-02-17");
  options.baseline = &baseline;
  const auto again = plan_text(yaml, options);
  CHECK(again->violations().empty());
  CHECK(again->out["summary"]["churn"] == 0);
  CHECK(again->out["changes"] == json::array());
  // The same plan, byte for byte.
  CHECK(again->text == first->text);
}

TEST_CASE("in flight: a baseline keeps apps in their waves where the exit allows",
          "[plan][in-flight]") {
  // Two apps a wave. As of wave 2, a is done and b rolled back: planned afresh, b takes wave 2
  // and pushes d, f and h a wave on (churn 4); against the baseline only b moves, to the
  // end, and the exit is the same.
  const std::string policy = "  wave: {max_apps: 2}\n";
  const std::string apps = R"(  - {id: c}
  - {id: d}
  - {id: e}
  - {id: f}
  - {id: g}
  - {id: h}
)";
  const auto before =
      plan_text(estate(policy) + "applications:\n  - {id: a}\n  - {id: b}\n" + apps);
  CHECK(waves_of(*before) == std::vector<std::string>{"a b", "c d", "e f", "g h"});
  const std::string later = estate(policy) + R"(applications:
  - {id: a, progress: {status: done, date: 2025-01-06}}
  - {id: b, progress: {status: rolled-back, date: 2025-01-10}}
)" + apps;
  PlanOptions options = as_of("2025-01-20");
  options.optimise_nodes = 1'000;
  const auto fresh = plan_text(later, options);
  CHECK(waves_of(*fresh) == std::vector<std::string>{"a", "b c", "d e", "f g", "h"});
  const PlanRecord baseline = record_of(*before);
  options.baseline = &baseline;
  const auto kept = plan_text(later, options);
  CHECK(kept->violations().empty());
  CHECK(waves_of(*kept) == std::vector<std::string>{"a", "c d", "e f", "g h", "b"});
  CHECK(kept->out["summary"]["churn"] == 1);
  CHECK(kept->out["changes"] == json::parse(R"([{"app": "b", "from_wave": 1, "to_wave": 5}])"));
  CHECK(kept->out["summary"]["exit_date"] == fresh->out["summary"]["exit_date"]);
  // Without the optimiser, the list scheduler alone keeps the on-time apps first.
  options.optimise_nodes = 0;
  const auto listed = plan_text(later, options);
  CHECK(listed->out["summary"]["churn"] == 1);
}

TEST_CASE("in flight: a move group whose apps disagree in progress is split", "[plan][in-flight]") {
  // billing is history; ledger, hard-coupled to it, has not moved: invariant 15 puts it on or
  // after the as-of date (wave 4 starts 2025-02-17), and the warning says what that breaks.
  const auto p = plan_text(estate("") + R"(applications:
  - {id: billing, progress: {status: done, date: 2025-01-21}}
  - {id: ledger, depends_on: [{app: billing, coupling: hard}]}
)",
                           as_of("2025-02-17"));
  CHECK(waves_of(*p) == std::vector<std::string>{"", "billing", "", "ledger"});
  CHECK(test::warnings(*p) ==
        std::vector<std::string>{
            "test.yaml:7:5: warning: move group mg-001 is split, since its apps' progress does "
            "not agree: 'billing' in wave 2 by progress; 'ledger' still to be planned, from "
            "wave 4 on; the split breaks what joins them (hard) until the last of them has "
            "moved [history]"});
  CHECK(p->violations().empty());
}

TEST_CASE("in flight: a group of done, locked and unplanned apps splits in two",
          "[plan][in-flight]") {
  const auto p = plan_text(estate("") + R"(applications:
  - {id: a, servers: [s1], progress: {status: done, date: 2025-01-08}}
  - {id: b, servers: [s1], progress: {status: in-progress, wave: 5}}
  - {id: c, servers: [s1]}
  - {id: d, servers: [s1], progress: {status: done, date: 2025-01-09}}
servers:
  - {id: s1, site: dc1, os: {family: linux}}
)",
                           as_of("2025-02-17"));
  // b is locked into wave 5, after the as-of wave: c, still to be planned, goes with it.
  CHECK(waves_of(*p) == std::vector<std::string>{"a d", "", "", "", "b c"});
  REQUIRE(test::warnings(*p).size() == 1);
  CHECK_THAT(test::warnings(*p)[0],
             Catch::Contains("move group mg-001 is split, since its apps' progress does not "
                             "agree: 'a', 'd' in wave 1 by progress; 'b', 'c' in wave 5 by "
                             "progress; the split breaks what joins them (shared-server)"));
  CHECK(p->violations() == std::vector<std::string>{});
}

namespace {

// Harrow as of 22 February 2021 (examples/harrow-in-flight): its inventory and the progress file
// beside it, with the annual billing freeze a month longer (to 30 April).
Inventory load_files(const std::vector<std::filesystem::path>& files,
                     const std::vector<std::string>& set = {}) {
  DiagnosticSink sink;
  InventoryBuilder builder("harrow", sink);
  builder.set_overrides(set);
  for (const auto& file : files) {
    builder.add_file(file.string(), test::read_file(file));
  }
  Inventory inventory = builder.finish();
  INFO((sink.all().empty() ? std::string() : format_text(sink.all().front())));
  REQUIRE_FALSE(sink.has_errors());
  return inventory;
}

json planned(const Inventory& inventory, const PlanOptions& options) {
  return json::parse(
      render_plan_json(test::estate_of(make_plan(inventory, default_profile(), options).value())));
}

}  // namespace

TEST_CASE("in flight: Harrow after two rollbacks and a longer freeze, against its baseline",
          "[plan][in-flight]") {
  const auto harrow = test::source_dir() / "inventories" / "harrow.yaml";
  const auto progress = test::source_dir() / "examples" / "harrow-in-flight" / "progress.yaml";
  const Inventory original = load_files({harrow});
  const Inventory in_flight = load_files({harrow, progress}, {"policy.freezes.2.to=2021-04-30"});
  const PlanOptions plain = optimised(k_default_optimise_nodes);
  const EstatePlan first_estate =
      test::estate_of(make_plan(original, default_profile(), plain).value());
  const std::string first_text = render_plan_json(first_estate);
  const json v1 = json::parse(first_text);
  PlanOptions options = plain;
  options.as_of = Date::parse("2021-02-22");
  const json fresh = planned(in_flight, options);
  CHECK(test::check_plan(in_flight, fresh) == std::vector<std::string>{});
  DiagnosticSink sink;
  const PlanRecord baseline = read_plan_record_text("v1/plan.json", first_text, sink).value();
  options.baseline = &baseline;
  const json kept = planned(in_flight, options);
  CHECK(test::check_plan(in_flight, kept) == std::vector<std::string>{});
  CHECK(test::check_baseline(kept, v1, fresh).empty());
  // Planned afresh, 17 apps change wave; kept to the baseline, 13 (the figures in the note).
  std::size_t fresh_churn = 0;
  for (std::size_t a = 0; a < fresh["applications"].size(); ++a) {
    fresh_churn += fresh["applications"][a]["wave"] != v1["applications"][a]["wave"] ? 1U : 0U;
  }
  CHECK(fresh_churn == 17);
  CHECK(kept["summary"]["churn"] == 13);
  CHECK(kept["summary"]["exit_date"] == "2021-07-13");
  CHECK(fresh["summary"]["exit_date"] == "2021-07-13");
  // Rehearsals that happened before the as-of date stay where they were.
  for (const json& app : kept["applications"]) {
    if (app["id"] == "revenues") {
      CHECK(app["rehearsal_wave"] == 1);
    }
  }
  // The checker catches a churn that does not add up.
  json wrong = kept;
  wrong["summary"]["churn"] = 12;
  CHECK(test::check_baseline(wrong, v1, fresh) ==
        std::vector<std::string>{"invariant 16: churn is 12, but 13 apps changed wave"});
}

TEST_CASE("in flight: --set replaces one value, checked like the file, and names the option",
          "[load][in-flight]") {
  const std::string yaml = estate("  wave: {max_apps: 2}\n") + R"(applications:
  - {id: web, decision: {strategy: rehost}}
  - {id: db.main}
)";
  DiagnosticSink sink;
  const LoadResult ok = load_inventory_text(
      "test.yaml", yaml, sink,
      {"policy.wave.max_apps=8", "estate.deadline=2026-06-30",
       "applications.web.decision.strategy=replatform", "applications.db.main.criticality=high",
       "applications.db.main.progress.status=done", "applications.db.main.progress.date=2025-01-08",
       "policy.freezes.1.to=2025-03-01"});
  // The estate has no freezes: --set makes 'freezes' a mapping, which the reader refuses.
  std::vector<std::string> lines;
  for (const Diagnostic& d : sink.all()) {
    lines.push_back(format_text(d));
  }
  CHECK(lines == std::vector<std::string>{
                     "--set:7:8: error: 'freezes' must be a list, got a mapping [wrong-type]",
                     "test.yaml:8:5: note: high application 'db.main' has no 'dr' (rto_hours, "
                     "rpo_hours): its recovery objectives decide its DR tier and what is built "
                     "for it as it lands [missing-value]"});
  CHECK(ok.inventory.policy.wave.max_apps == 8);
  CHECK(ok.inventory.estate.deadline == Date::parse("2026-06-30"));
  CHECK(ok.inventory.applications[1].decision->strategy == Strategy::replatform);
  CHECK(ok.inventory.applications[0].criticality == Criticality::high);
  CHECK(ok.inventory.applications[0].progress->status == ProgressStatus::done);
  CHECK(format_text(Diagnostic::make(
            Severity::error, ok.inventory.where(ok.inventory.applications[0].progress->location),
            Code::bad_progress, "x")) == "--set:5:22: error: x [bad-progress]");
}

TEST_CASE("in flight: a --set that would change nothing is an error, and freezes go by name",
          "[load][in-flight]") {
  const std::string yaml = estate(R"(  wave: {max_apps: 2}
  freezes:
    - {name: Christmas, from: 2025-12-18, to: 2026-01-04}
    - {name: annual-billing, from: 2025-02-15, to: 2025-03-31}
)") + "applications:\n  - {id: web}\n";
  const auto lines = [&](const std::vector<std::string>& set) {
    DiagnosticSink sink;
    const LoadResult result = load_inventory_text("test.yaml", yaml, sink, set);
    std::vector<std::string> out;
    for (const Diagnostic& d : sink.all()) {
      out.push_back(format_text(d));
    }
    return std::pair(out, result.inventory.policy.freezes);
  };
  CHECK(lines({"policy.wave.max_aps=4"}).first ==
        std::vector<std::string>{
            "--set:1:13: error: unknown key 'max_aps' in 'wave' (did you mean 'max_apps'?): this "
            "--set would change nothing [unknown-key]"});
  const auto [named, freezes] = lines({"policy.freezes.annual-billing.to=2025-04-30"});
  CHECK(named.empty());
  REQUIRE(freezes.size() == 2);
  for (const Freeze& f : freezes) {
    CHECK(f.to == Date::parse(f.name == "Christmas" ? "2026-01-04" : "2025-04-30"));
  }
  CHECK(lines({"policy.freezes.billing.to=2025-04-30"}).first ==
        std::vector<std::string>{
            "--set:1:16: error: 'policy.freezes' is a list of 2 items here, with no item "
            "'billing': select one by its number, 1 to 2, or by its name or id (its items: "
            "'Christmas', 'annual-billing') [bad-value]"});
}

TEST_CASE("simulate: the same seed gives the same figures, on one thread or two",
          "[plan][simulate]") {
  const Inventory harrow = load_files({test::source_dir() / "inventories" / "harrow.yaml"});
  EstatePlan estate = test::estate_of(
      make_plan(harrow, default_profile(), optimised(k_default_optimise_nodes)).value());
  const Plan& plan = estate.plan;
  const Risk one = simulate_risk(harrow, plan, 300, 7, 1);
  const Risk two = simulate_risk(harrow, plan, 300, 7, 2);
  estate.risk = one;
  const std::string with_one = render_plan_json(estate);
  estate.risk = two;
  CHECK(render_plan_json(estate) == with_one);
  const json risk = json::parse(with_one)["risk"];
  CHECK(risk["runs"] == 300);
  CHECK(risk["seed"] == 7);
  CHECK(risk["exit_p50"] <= risk["exit_p80"]);
  CHECK(risk["exit_p80"] <= risk["exit_p95"]);
  CHECK(risk["exit_p50"] >= plan.decommission.exit_date->to_string());
  std::uint32_t total = 0;
  for (const json& bar : risk["histogram"]) {
    total += bar["runs"].get<std::uint32_t>();
  }
  CHECK(total == 300);
  // Another seed, other draws; the work is bounded by groups x waves tried.
  const Risk other = simulate_risk(harrow, plan, 300, 8, 2);
  CHECK(other.histogram != one.histogram);
  CHECK(one.placements < 300U * plan.groups.groups.size() * 40U);
}

TEST_CASE("simulate: the largest seed is recorded as itself", "[plan][simulate]") {
  auto p = plan_text(estate("") + "applications:\n  - {id: a}\n");
  p->estate.risk = simulate_risk(p->inventory, p->plan, 10, UINT64_MAX);
  const json out = json::parse(render_plan_json(p->estate));
  CHECK(out["risk"]["seed"].get<std::uint64_t>() == UINT64_MAX);
  CHECK_THAT(render_plan_json(p->estate), Catch::Contains("\"seed\": 18446744073709551615,"));
}

TEST_CASE("simulate: with no uncertainty every run exits on the plan's date", "[plan][simulate]") {
  Inventory harrow = load_files({test::source_dir() / "inventories" / "harrow.yaml"},
                                {"policy.risk.rollback_probability=0"});
  Plan plan = make_plan(harrow, default_profile(), optimised(k_default_optimise_nodes)).value();
  for (AppAssessment& app : plan.assessment.apps) {
    app.effort.low = app.effort.likely;
    app.effort.high = app.effort.likely;
  }
  const Risk risk = simulate_risk(harrow, plan, 100, 3);
  REQUIRE(risk.histogram.size() == 1);
  CHECK(risk.histogram.front() == std::pair(*plan.decommission.exit_date, 100U));
  CHECK(risk.exit_p50 == plan.decommission.exit_date);
  CHECK(risk.exit_p95 == plan.decommission.exit_date);
  CHECK(risk.late_runs == 0);
  CHECK(risk.deadline_probability == 1.0);
  CHECK(risk.drivers.empty());
}

TEST_CASE("simulate: rollbacks push the exit out, and the app behind it is named",
          "[plan][simulate]") {
  // One app a wave, a chain: a rolls back nine times in ten, and everything after it waits.
  const auto p = plan_text(estate("  wave: {max_apps: 1}\n  risk: {rollback_probability: 0.9}\n") +
                           R"(applications:
  - {id: a}
  - {id: b, depends_on: [a]}
)");
  const Risk risk = simulate_risk(p->inventory, p->plan, 200, 1);
  CHECK(risk.exit_p95 > p->plan.decommission.exit_date);
  CHECK(risk.late_runs > 150);
  REQUIRE_FALSE(risk.drivers.empty());
  CHECK(p->inventory.applications[risk.drivers.front().app].id == "a");
  CHECK(risk.deadline_probability == 1.0);  // at most five tries each: long before 2025-12-31
}

TEST_CASE("simulate: a blocked comms room leaves the data centre its dates", "[plan][simulate]") {
  // The CCTV server in the comms room is retained: that site cannot close, so the estate has no
  // exit date and no exit percentiles; the data centre itself closes, and has its own.
  auto p = plan_text(R"(schema: dcexit/v1
estate: {name: Small, start: 2025-01-06, deadline: 2025-12-31}
policy:
  wave: {max_apps: 1}
  risk: {rollback_probability: 0.9}
sites:
  - {id: dc1, annual_cost: 1000}
  - {id: comms, annual_cost: 100}
servers:
  - {id: cctv01, site: comms, os: {family: windows}}
  - {id: web01, site: dc1, os: {family: linux}}
  - {id: db01, site: dc1, os: {family: linux}}
applications:
  - {id: cctv, servers: [cctv01], decision: {strategy: retain}}
  - {id: db, servers: [db01], decision: {strategy: rehost}}
  - {id: web, servers: [web01], depends_on: [db], decision: {strategy: rehost}}
)");
  REQUIRE_FALSE(p->plan.decommission.exit_date.has_value());
  const Risk risk = simulate_risk(p->inventory, p->plan, 200, 1);
  CHECK_FALSE(risk.exit_p50.has_value());
  REQUIRE(risk.sites.size() == 1);
  CHECK(p->inventory.sites[risk.sites[0].site].id == "dc1");
  const Date planned = *p->plan.decommission.sites[1].exit_date;  // by id: comms, dc1
  CHECK(p->inventory.sites[p->plan.decommission.sites[1].site].id == "dc1");
  CHECK(risk.sites[0].p50 >= planned);
  CHECK(risk.sites[0].p95 > planned);  // nine rollbacks in ten push it out
  CHECK(risk.sites[0].p50 <= risk.sites[0].p80);
  CHECK(risk.sites[0].p80 <= risk.sites[0].p95);
  p->estate.risk = risk;
  const json out = json::parse(render_plan_json(p->estate));
  CHECK(out["risk"]["exit_p50"].is_null());
  REQUIRE(out["risk"]["sites"].size() == 1);
  CHECK(out["risk"]["sites"][0]["site"] == "dc1");
  CHECK(out["risk"]["sites"][0]["exit_p95"] == risk.sites[0].p95.to_string());
}

TEST_CASE("simulate: with no uncertainty each closing site exits on its planned date",
          "[plan][simulate]") {
  const Inventory harrow = load_files({test::source_dir() / "inventories" / "harrow.yaml"},
                                      {"policy.risk.rollback_probability=0"});
  Plan plan = make_plan(harrow, default_profile(), optimised(k_default_optimise_nodes)).value();
  for (AppAssessment& app : plan.assessment.apps) {
    app.effort.low = app.effort.likely;
    app.effort.high = app.effort.likely;
  }
  const Risk risk = simulate_risk(harrow, plan, 50, 3);
  std::size_t closing = 0;
  for (const SiteExit& site : plan.decommission.sites) {
    if (!harrow.sites[site.site].closing || !site.exit_date) {
      continue;
    }
    REQUIRE(closing < risk.sites.size());
    CHECK(risk.sites[closing].site == site.site);
    CHECK(risk.sites[closing].p50 == *site.exit_date);
    CHECK(risk.sites[closing].p95 == *site.exit_date);
    ++closing;
  }
  CHECK(closing == risk.sites.size());
  CHECK(closing > 0);
}

TEST_CASE("in flight: plan.md and report.html say what is done, what is late and the risk",
          "[plan][in-flight][report]") {
  const std::string policy = "  wave: {max_apps: 2}\n";
  const auto before = plan_text(estate(policy) + R"(applications:
  - {id: a}
  - {id: b}
  - {id: c}
)");
  const PlanRecord baseline = record_of(*before);
  PlanOptions options = as_of("2025-01-20");
  options.baseline = &baseline;
  auto p = plan_text(estate(policy) + R"(applications:
  - {id: a, progress: {status: done, date: 2025-01-07}}
  - {id: b, progress: {status: rolled-back, date: 2025-01-09}}
  - {id: c}
)",
                     options);
  p->estate.risk = simulate_risk(p->inventory, p->plan, 50, 1);
  const std::string md = render_plan_markdown(p->estate);
  CHECK_THAT(md, Catch::Contains("- As of 2025-01-20: 1 done, 0 in progress, 2 still to move (1 "
                                 "rolled back and planned again).\n"));
  CHECK_THAT(md, Catch::Contains("- Against the baseline: 1 app in another wave (1 later).\n"));
  CHECK_THAT(md, Catch::Contains("## Late against the baseline\n\n- b: wave 1 → 2 (+14 days)\n"));
  CHECK_THAT(md, Catch::Contains("| 1 | 2025-01-06 – 2025-01-19 | a (replatform, done)"));
  CHECK_THAT(md, Catch::Contains("- Simulated 50 runs (seed 1): exit P50 "));
  p->estate.report = prepare_report(p->plan);
  const std::string page = render_report_html(p->estate);
  CHECK_THAT(page, Catch::Contains("<p class=\"note programme\">As of 2025-01-20: 1 done"));
  CHECK_THAT(page, Catch::Contains("<ul class=\"plain\" id=\"late\"><li>b: wave 1 → 2"));
  CHECK_THAT(page, Catch::Contains("<figure id=\"risk\"><svg class=\"histogram\""));
}

TEST_CASE("in flight: GOV.UK's real move out of Carrenza, re-planned as of 2019-12-01",
          "[plan][in-flight]") {
  // tests/fixtures/govuk/carrenza.yaml: 42 apps, 22 moved by then in four real waves (two of
  // them after a rollback), 20 still to move; the last really moved on 2020-08-05.
  const Inventory govuk =
      load_files({test::source_dir() / "tests" / "fixtures" / "govuk" / "carrenza.yaml"});
  PlanOptions options = as_of("2019-12-01");
  options.optimise_nodes = k_default_optimise_nodes;
  const json plan = planned(govuk, options);
  CHECK(test::check_plan(govuk, plan) == std::vector<std::string>{});
  std::vector<std::pair<int, std::size_t>> history;
  std::size_t later = 0;
  for (const json& w : plan["waves"]) {
    if (w["history"] == true && !w["apps"].empty()) {
      history.emplace_back(w["number"].get<int>(), w["apps"].size());
    }
    later += w["history"] == false ? w["apps"].size() : 0U;
  }
  // 2019-01-11 (2 apps), 2019-03-06 (16), 2019-04-04 (2, moved again after the rollback of
  // 2019-03-25), 2019-04-18 (2): the waves that hold those dates.
  CHECK(history == std::vector<std::pair<int, std::size_t>>{{1, 2}, {5, 16}, {7, 2}, {8, 2}});
  CHECK(later == 20);
  CHECK(plan["summary"]["exit_date"] <= "2020-08-05");
  CHECK(plan["summary"]["exit_date"] == "2020-01-05");
}

TEST_CASE("in flight: a lock before a prerequisite that cannot move in time is said",
          "[plan][in-flight]") {
  // web was rolled back: it goes no earlier than the as-of wave, 3. api, locked into wave 3,
  // can take it with it; old, done in wave 1, went before what it needs, and is warned about.
  const auto p = plan_text(estate("") + R"(applications:
  - {id: api, depends_on: [web], progress: {status: in-progress, wave: 3}}
  - {id: web, progress: {status: rolled-back, date: 2025-01-08}}
  - {id: old, depends_on: [web], progress: {status: done, date: 2025-01-09}}
)",
                           as_of("2025-02-03"));
  CHECK(waves_of(*p) == std::vector<std::string>{"old", "", "api web"});
  CHECK(test::warnings(*p) ==
        std::vector<std::string>{
            "test.yaml:8:34: warning: 'old' is in wave 1 by its progress, before its prerequisite "
            "'web' (wave 3): what it needs moves after it [history]"});
  CHECK(p->violations().empty());
}

TEST_CASE("in flight: GOV.UK rehosted, re-planned as of 2019-06-01, splits its move groups",
          "[plan][in-flight]") {
  // As if GOV.UK had rehosted its machine classes: apps sharing one move together, and by
  // 2019-06-01 some of a class had moved and others had not. Every app not yet moved is planned
  // from the as-of date (invariant 15); the groups are split, each with a warning.
  std::string text =
      test::read_file(test::source_dir() / "tests" / "fixtures" / "govuk" / "carrenza.yaml");
  for (std::size_t at = text.find("replatform"); at != std::string::npos;
       at = text.find("replatform", at)) {
    text.replace(at, 10, "rehost");
  }
  DiagnosticSink sink;
  InventoryBuilder builder("govuk", sink);
  builder.add_file("carrenza.yaml", text);
  const Inventory govuk = builder.finish();
  REQUIRE_FALSE(sink.has_errors());
  PlanOptions options = as_of("2019-06-01");
  options.optimise_nodes = k_default_optimise_nodes;
  const EstatePlan estate = test::estate_of(make_plan(govuk, default_profile(), options).value());
  const Plan& plan = estate.plan;
  const json out = json::parse(render_plan_json(estate));
  CHECK(test::check_plan(govuk, out) == std::vector<std::string>{});
  std::size_t later = 0;
  for (const json& w : out["waves"]) {
    later += w["start"] >= "2019-06-01" ? w["apps"].size() : 0U;
  }
  CHECK(later == 20);  // the 20 that had not moved by then (none moved between April and June)
  std::size_t splits = 0;
  for (const Diagnostic& d : plan.warnings) {
    splits +=
        d.message.find("is split, since its apps' progress does not agree") != std::string::npos
            ? 1U
            : 0U;
  }
  CHECK(splits == 2);
}
