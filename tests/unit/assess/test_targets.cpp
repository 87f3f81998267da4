// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Targets, signals defined by conditions, and confidence from evidence (issue 20).
#include "assess/fields.hpp"
#include "base/glob.hpp"
#include "planned.hpp"
#include "test_support.hpp"

#include <dcexit/assess.hpp>
#include <dcexit/plan.hpp>
#include <dcexit/report.hpp>

#include <catch2/catch.hpp>

#include <cctype>
#include <cstring>
#include <random>
#include <vector>

using namespace dcexit;
using Catch::Detail::Approx;

namespace {

struct Assessed {
  Inventory inventory;
  Assessment assessment;
  const ScoringProfile* profile = nullptr;

  Index index(std::string_view id) const { return *inventory.find_application(id); }
  const AppAssessment& of(std::string_view id) const { return assessment.apps[index(id)]; }
  double score(std::string_view id, Strategy s) const {
    return of(id).scores[static_cast<std::size_t>(s)].score;
  }
  std::string explain(std::string_view id, std::string_view signal) const {
    const SignalId sid = profile->signal(signal).value();
    return explain_signal(inventory, assessment.context, *profile, index(id), sid,
                          of(id).signals[sid]);
  }
};

Assessed assess_inventory(Inventory inventory, const ScoringProfile& profile) {
  Assessed out{std::move(inventory), {}, &profile};
  const DependencyGraph graph(out.inventory);
  out.assessment = assess(out.inventory, graph, profile);
  return out;
}

Assessed assess_text(const std::string& yaml, const ScoringProfile& profile) {
  auto loaded = test::load_text(yaml);
  REQUIRE_FALSE(loaded.diagnostics.has_errors());
  return assess_inventory(std::move(loaded.inventory), profile);
}

ScoringProfile profile_of(std::string_view text, std::optional<Target> base = Target::generic) {
  DiagnosticSink sink;
  ScoringProfile p = load_profile("p.yaml", text, sink, base);
  const auto lines = test::lines(sink);
  INFO((lines.empty() ? std::string() : lines.front()));
  REQUIRE_FALSE(sink.has_errors());
  return p;
}

std::vector<std::string> profile_errors(std::string_view text) {
  DiagnosticSink sink;
  (void)load_profile("p.yaml", text, sink);
  sink.sort();
  return test::lines(sink);
}

const std::string k_three_windows = test::header() + R"(servers:
  - {id: s1, site: dc1, os: {family: windows, name: Windows Server, version: 2008 R2, end_of_support: 2020-01-14}}
  - {id: s2, site: dc1, os: {family: windows, name: Windows Server, version: "2012"}}
  - {id: s3, site: dc1, os: {family: windows, name: Windows Server, version: "2016"}}
applications:
  - {id: a, kind: cots, criticality: medium, users: 100, servers: [s1]}
  - {id: b, kind: cots, criticality: medium, users: 100, servers: [s2]}
  - {id: c, kind: cots, criticality: medium, users: 100, servers: [s3]}
)";

}  // namespace

TEST_CASE("signals: a profile signal on an OS version changes scores as computed by hand",
          "[assess][signals]") {
  const ScoringProfile own = profile_of(R"(schema: dcexit-profile/v1
signals:
  old_windows:
    levels:
      - {when: {field: servers.os.version, in: ["2008", "2008 R2"]}, value: 1, reason: "Windows {match}"}
      - {when: {field: servers.os.version, equals: "2012"}, value: 0.5}
strategies:
  rehost: {signals: {old_windows: -0.30}}
  replatform: {signals: {old_windows: 0.40}}
)");
  const Assessed base = assess_text(k_three_windows, default_profile());
  const Assessed with = assess_text(k_three_windows, own);
  // a: value 1 -> rehost -0.300, replatform +0.400; b: value 0.5 -> -0.150 and +0.200; c: 0.
  CHECK(with.score("a", Strategy::rehost) == Approx(base.score("a", Strategy::rehost) - 0.3));
  CHECK(with.score("a", Strategy::replatform) ==
        Approx(base.score("a", Strategy::replatform) + 0.4));
  CHECK(with.score("b", Strategy::rehost) == Approx(base.score("b", Strategy::rehost) - 0.15));
  CHECK(with.score("b", Strategy::replatform) ==
        Approx(base.score("b", Strategy::replatform) + 0.2));
  CHECK(with.score("c", Strategy::rehost) == Approx(base.score("c", Strategy::rehost)));
  CHECK(with.score("c", Strategy::retire) == Approx(base.score("c", Strategy::retire)));
  // By hand, from the default weights: a's rehost is 0.45 base + 0.033 critical (0.1 x 1/3)
  // - 0.15 os_out_of_support (out of support before the start) - 0.30 old_windows.
  CHECK(with.score("a", Strategy::rehost) == Approx(0.45 + 0.033 - 0.15 - 0.30));
  CHECK(with.explain("a", "old_windows") == "Windows 2008 R2 on s1");
  CHECK(with.explain("b", "old_windows") == "servers.os.version is 2012 on any server");
  CHECK(with.explain("c", "old_windows") == "none of its levels holds (2016 on s3)");
  CHECK(with.of("c").signals[*own.signal("old_windows")].known);
}

TEST_CASE("signals: conditions on numbers, dates, lists, presence and the share of servers",
          "[assess][signals]") {
  const ScoringProfile own = profile_of(R"(schema: dcexit-profile/v1
signals:
  many_cores: {when: {field: servers.cpu_cores, greater_than: 8, on: all}}
  half_physical: {when: {field: servers.kind, equals: physical, on: share}, value: 0.8}
  old_contract: {when: {field: contract.ends, less_than: 2022-01-01}}
  tagged_gis: {when: {field: tags, equals: GIS}}
  no_dr: {when: {field: dr.rto_hours, absent: true}}
strategies:
  retire: {signals: {many_cores: 0.1, half_physical: 0.1, old_contract: 0.1, tagged_gis: 0.1, no_dr: 0.1}}
)");
  const Assessed a = assess_text(test::header() + R"(servers:
  - {id: p1, site: dc1, kind: physical, cpu_cores: 16}
  - {id: v1, site: dc1, cpu_cores: 4}
applications:
  - {id: x, servers: [p1, v1], tags: [gis], contract: {supplier: S, ends: 2021-06-30}, dr: {rto_hours: 8}}
  - {id: y, servers: [p1]}
)",
                                 own);
  const auto value = [&](std::string_view app, std::string_view signal) {
    const SignalReading& r = a.of(app).signals[*own.signal(signal)];
    return r.known ? r.value : -1.0;
  };
  CHECK(value("x", "many_cores") == 0.0);  // not on all servers
  CHECK(value("y", "many_cores") == 1.0);
  CHECK(value("x", "half_physical") == Approx(0.4));  // 0.8 x one of two servers
  CHECK(value("y", "half_physical") == Approx(0.8));
  CHECK(value("x", "old_contract") == 1.0);
  CHECK(value("y", "old_contract") == -1.0);  // no contract: unknown
  CHECK(value("x", "tagged_gis") == 1.0);     // lists: any item, ignoring case
  CHECK(value("x", "no_dr") == 0.0);
  CHECK(value("y", "no_dr") == 1.0);  // presence tests are always known
  CHECK(a.explain("x", "half_physical") == "servers.kind is physical (the share of servers)");
}

TEST_CASE("signals: equals on a number compares it to three decimals and on a date by its day",
          "[assess][signals]") {
  // The value is parsed once when the profile is read (not formatted for every app): 8500.0
  // equals 8500, 0.1234 equals 0.1230 to three decimals, a date equals its day.
  const ScoringProfile own = profile_of(R"(schema: dcexit-profile/v1
signals:
  users_8500: {when: {field: users, equals: 8500.0}}
  cores_tenth: {when: {field: servers.cpu_cores, equals: 0.1234}}
  ends_then: {when: {field: contract.ends, equals: 2021-06-30}}
strategies:
  retire: {signals: {users_8500: 0.1, cores_tenth: 0.1, ends_then: 0.1}}
)");
  const Assessed a = assess_text(test::header() + R"(servers:
  - {id: s1, site: dc1, cpu_cores: 0.123}
  - {id: s2, site: dc1, cpu_cores: 0.124}
applications:
  - {id: x, users: 8500, servers: [s1], contract: {supplier: S, ends: 2021-06-30}}
  - {id: y, users: 8501, servers: [s2], contract: {supplier: S, ends: 2021-07-01}}
)",
                                 own);
  const auto value = [&](std::string_view app, std::string_view signal) {
    const SignalReading& r = a.of(app).signals[*own.signal(signal)];
    return r.known ? r.value : -1.0;
  };
  CHECK(value("x", "users_8500") == 1.0);
  CHECK(value("y", "users_8500") == 0.0);
  CHECK(value("x", "cores_tenth") == 1.0);
  CHECK(value("y", "cores_tenth") == 0.0);
  CHECK(value("x", "ends_then") == 1.0);
  CHECK(value("y", "ends_then") == 0.0);
  CHECK(a.explain("x", "users_8500") == "users is 8500");
}

TEST_CASE("signals: a profile's conditions are checked at their line and column",
          "[assess][signals]") {
  CHECK(profile_errors(R"(schema: dcexit-profile/v1
signals:
  old: {when: {field: servers.os.verison, equals: "2008"}}
  big: {when: {field: users, matches: "1*"}}
  two: {when: {field: users, at_most: 3, at_least: 1}}
  none: {reason: nothing}
  odd: {when: {field: kind, equals: cots}, reason: "{servers.id} {nope}"}
  app: {when: {field: users, at_most: 3, on: all}}
strategies:
  rehost: {signals: {od: 0.1}}
)") == std::vector<std::string>{
           "p.yaml:3:23: error: unknown field 'servers.os.verison' (did you mean "
           "'servers.os.version'?) [bad-value]",
           "p.yaml:4:30: error: 'matches' applies to text; field 'users' is a number "
           "[bad-value]",
           "p.yaml:5:42: error: a condition has one test; got 'at_most' and 'at_least' "
           "[bad-value]",
           "p.yaml:6:9: error: signal 'none' needs exactly one of 'when', 'levels' and 'rule' "
           "[missing-key]",
           "p.yaml:7:52: error: unknown placeholder '{nope}' in 'reason'; a reason may use "
           "{match}, {share} and the app's fields [bad-value]",
           "p.yaml:7:52: error: unknown placeholder '{servers.id}' in 'reason'; a reason may "
           "use {match}, {share} and the app's fields [bad-value]",
           "p.yaml:8:42: error: 'on' applies to server fields; 'users' is the app's "
           "[unknown-key]",
           // 'old' did not read, so there is nothing close to suggest.
           "p.yaml:10:22: error: unknown signal 'od' [bad-value]"});
}

TEST_CASE("signals: globs match ignoring case, * and ? anywhere", "[assess][signals]") {
  CHECK(glob_matches("*tape*", "Backup Exec with TAPE library"));
  CHECK(glob_matches("Azure SQL*", "azure sql managed instance"));
  CHECK(glob_matches("W?ndows", "Windows"));
  CHECK_FALSE(glob_matches("Azure SQL*", "SQL Azure"));
  CHECK_FALSE(glob_matches("a*b", "acbc"));
  CHECK(glob_matches("*", ""));
  CHECK_FALSE(glob_matches("?", ""));
  CHECK(glob_matches("a*", "A"));
  CHECK(glob_matches("*ab*ab", "xabyabab"));
  CHECK_FALSE(glob_matches("ab*ba", "aba"));  // the head and the tail may not overlap
  CHECK(glob_matches("**?**", "x"));
}

namespace {

// What a glob means, by dynamic programming over every prefix pair: the reference.
bool glob_reference(const std::string& p, const std::string& t) {
  std::vector<std::vector<bool>> m(p.size() + 1, std::vector<bool>(t.size() + 1, false));
  m[0][0] = true;
  for (std::size_t i = 1; i <= p.size(); ++i) {
    for (std::size_t j = 0; j <= t.size(); ++j) {
      if (p[i - 1] == '*') {
        m[i][j] = m[i - 1][j] || (j > 0 && m[i][j - 1]);
      } else if (j > 0) {
        m[i][j] = m[i - 1][j - 1] &&
                  (p[i - 1] == '?' || std::tolower(p[i - 1]) == std::tolower(t[j - 1]));
      }
    }
  }
  return m[p.size()][t.size()];
}

}  // namespace

TEST_CASE("signals: globs agree with the reference on 20,000 random pairs", "[assess][signals]") {
  std::mt19937 rng(20261207);
  const auto text = [&](const char* alphabet, std::size_t most) {
    std::string s(rng() % (most + 1), ' ');
    for (char& c : s) {
      c = alphabet[rng() % std::strlen(alphabet)];
    }
    return s;
  };
  for (int i = 0; i < 20'000; ++i) {
    // Texts long enough, now and then, for the bit-parallel search (and two words of it).
    const std::string t = text("abAB", i % 50 == 0 ? 400 : 12);
    const std::string p = text("ab*?A", i % 100 == 0 ? 90 : 7);
    INFO(p << " against " << t);
    REQUIRE(glob_matches(p, t) == glob_reference(p, t));
  }
}

TEST_CASE("signals: a glob costs work linear in the text, whatever its stars",
          "[assess][signals]") {
  // The two-pointer backtracking took |text| x |glob| steps here: 5e9 for this pair; a 14 KB
  // profile against a 100 KB inventory took 53 s.
  const std::string text(1'000'000, 'a');
  const std::string glob = "*" + std::string(4'999, 'a') + "b*";
  const std::size_t before = glob_work();
  CHECK_FALSE(glob_matches(glob, text));
  CHECK_FALSE(glob_matches("*a*a*a*a*a*a*a*b", text));
  CHECK(glob_matches("*" + std::string(70, '?') + "*", text));
  // At most one 64-bit word per 64 characters of a piece per character of the text, and the
  // masks: (1e6 + 1e6) x 79 words + 1e6 x 2 + a little.
  CHECK(glob_work() - before < 200'000'000);
}

TEST_CASE("targets: Azure's free updates and platform services, Harrow's expectations",
          "[assess][targets]") {
  DiagnosticSink load_sink;
  auto loaded =
      load_inventory((test::source_dir() / "inventories" / "harrow.yaml").string(), load_sink);
  REQUIRE_FALSE(load_sink.has_errors());
  Inventory harrow = std::move(loaded.inventory);
  CHECK(harrow.estate.target == Target::azure);
  for (std::string_view id : {"harp-edms", "fleet", "backup", "cctv", "citrix"}) {
    harrow.applications[*harrow.find_application(id)].decision.reset();
  }
  DiagnosticSink sink;
  const auto own = load_profile_file(
      (test::source_dir() / "inventories" / "harrow-profile.yaml").string(), sink, Target::azure);
  REQUIRE(own);
  CHECK(own->target.target == Target::azure);
  const Assessed azure = assess_inventory(harrow, *own);
  CHECK(azure.of("harp-edms").strategy == Strategy::rehost);
  CHECK(azure.of("fleet").strategy == Strategy::rehost);
  CHECK(azure.of("backup").strategy == Strategy::retire);
  CHECK(azure.of("cctv").strategy == Strategy::retain);
  CHECK(azure.of("citrix").strategy == Strategy::replatform);
  CHECK(azure.explain("fleet", "os_out_of_support") ==
        "Windows Server 2008 R2 on cc-fleet01 went out of support on 2020-01-14, but azure gives "
        "its extended security updates free");
  CHECK(azure.explain("citrix", "saas_fit") ==
        "Windows Virtual Desktop is platform on the target, not SaaS");
  CHECK(gate_reason(*own, Strategy::repurchase,
                    azure.of("citrix").scores[static_cast<std::size_t>(Strategy::repurchase)]) ==
        "no SaaS alternative is known; Windows Virtual Desktop is platform, not SaaS, on azure");
  // The tape signal: +0.300 for retire, level with declining usage (signal order breaks ties).
  CHECK(top_reasons(azure.inventory, azure.assessment, *own, azure.index("backup"), 2) ==
        std::vector<std::string>{"+0.300 unused: usage is declining",
                                 "+0.300 tape: a tape library (Backup Exec with tape library)"});
  CHECK(azure.score("backup", Strategy::retire) ==
        Approx(0.05 + 0.300 + 0.150 + 0.300 - 0.067));  // base, unused, low_users, tape, critical
  // Without the target (the generic profile), the model still pushes harp-edms and fleet to
  // replatform for the 2008 R2 end of support, and repurchases citrix.
  const Assessed generic = assess_inventory(harrow, default_profile());
  CHECK(generic.of("harp-edms").strategy == Strategy::replatform);
  CHECK(generic.of("fleet").strategy == Strategy::replatform);
  CHECK(generic.of("citrix").strategy == Strategy::repurchase);
  // On AWS the updates are not free: fleet is replatformed as in the generic profile.
  const Assessed aws = assess_inventory(harrow, target_profile(Target::aws));
  CHECK(aws.of("fleet").strategy == Strategy::replatform);
}

TEST_CASE("targets: every other Harrow app keeps its strategy but for those the note argues",
          "[assess][targets]") {
  DiagnosticSink load_sink;
  auto loaded =
      load_inventory((test::source_dir() / "inventories" / "harrow.yaml").string(), load_sink);
  REQUIRE_FALSE(load_sink.has_errors());
  const Assessed azure = assess_inventory(loaded.inventory, target_profile(Target::azure));
  const Assessed generic = assess_inventory(loaded.inventory, default_profile());
  std::vector<std::string> changed;
  for (Index i = 0; i < loaded.inventory.applications.size(); ++i) {
    if (azure.assessment.apps[i].strategy != generic.assessment.apps[i].strategy) {
      changed.push_back(loaded.inventory.applications[i].id + " " +
                        std::string(to_string(generic.assessment.apps[i].strategy)) + " -> " +
                        std::string(to_string(azure.assessment.apps[i].strategy)));
    }
  }
  // All three run on Windows Server 2008 R2 and scored replatform only for its end of support,
  // which Azure's free extended security updates cover (harp-edms is one the issue names).
  CHECK(changed == std::vector<std::string>{"call-recording replatform -> rehost",
                                            "harp-edms replatform -> rehost",
                                            "sql-shared replatform -> rehost"});
}

TEST_CASE("targets: dcexit profile texts read and name their cloud", "[assess][targets]") {
  CHECK(target_profile(Target::generic).target.target == Target::generic);
  CHECK(target_profile(Target::azure).target.target == Target::azure);
  CHECK(target_profile(Target::aws).target.target == Target::aws);
  CHECK(target_profile(Target::azure).signal("sap_uncertified_os"));
  CHECK_FALSE(default_profile().signal("sap_uncertified_os"));
  // A file without `extends` reads over the target it is given; `extends: none` over nothing.
  const ScoringProfile over = profile_of("schema: dcexit-profile/v1\n", Target::azure);
  CHECK(over.target.target == Target::azure);
  const ScoringProfile bare =
      profile_of("schema: dcexit-profile/v1\nextends: none\n", Target::azure);
  CHECK(bare.signals.empty());
}

TEST_CASE("confidence: falls with missing evidence and a close runner-up, as computed by hand",
          "[assess][confidence]") {
  const Assessed a = assess_text(test::header() + R"(servers:
  - {id: s1, site: dc1, os: {family: linux, name: RHEL, version: "8"}}
applications:
  - {id: full, kind: cots, criticality: medium, users: 100, usage_trend: stable, servers: [s1]}
  - {id: thin, servers: [s1]}
)",
                                 default_profile());
  const AppAssessment& full = a.of("full");
  const AppAssessment& thin = a.of("thin");
  CHECK(full.model_strategy == Strategy::rehost);
  CHECK(full.missing_evidence == 0);
  CHECK(thin.missing_evidence == ((1U << static_cast<unsigned>(Evidence::criticality)) |
                                  (1U << static_cast<unsigned>(Evidence::usage)) |
                                  (1U << static_cast<unsigned>(Evidence::technology))));
  // thin: evidence 1 - 3 x 0.2 = 0.4; confidence = coverage x 0.4 x margin.
  const double margin = std::min(1.0, 0.5 + thin.lead / 0.2 * 0.5);
  CHECK(thin.confidence == Approx(std::round(thin.coverage * 0.4 * margin * 100) / 100));
  CHECK(thin.confidence < full.confidence);
  CHECK(low_confidence(thin, default_profile()));
  CHECK_FALSE(low_confidence(full, default_profile()));
  CHECK(confidence_breakdown(a.assessment, default_profile(), a.index("thin"))
            .find("evidence 0.40 (no criticality, no usage, no technology)") != std::string::npos);
}

TEST_CASE("confidence: plan warns for each app the model placed below the floor",
          "[assess][confidence][plan]") {
  const auto p = test::plan_text(test::header() + R"(servers:
  - {id: s1, site: dc1}
applications:
  - {id: known, kind: cots, criticality: medium, users: 100, usage_trend: stable, servers: [s1]}
  - {id: thin, servers: [s1]}
  - {id: decided, servers: [s1], decision: {strategy: rehost, reason: agreed}}
)");
  CHECK(test::warnings(*p, Code::low_confidence) ==
        std::vector<std::string>{
            "test.yaml:9:5: warning: application 'thin': the model's rehost has confidence "
            "0.13, below the floor 0.50; it rests on data the inventory lacks: criticality, "
            "usage_trend or users, kind or technology [low-confidence]"});
}

TEST_CASE("DR tiers: from recovery objectives, criticality and dependants, in Harrow",
          "[assess][dr]") {
  DiagnosticSink sink;
  const Inventory harrow =
      load_inventory((test::source_dir() / "inventories" / "harrow.yaml").string(), sink).inventory;
  REQUIRE_FALSE(sink.has_errors());
  const Assessed a = assess_inventory(harrow, target_profile(Target::azure));
  const auto tier = [&](std::string_view id) {
    return dr_tier_text(a.inventory, a.assessment, *a.profile, a.index(id));
  };
  CHECK(tier("cashiers") == "1 hot standby: recovery time objective 4 h (at most 4 h)");
  CHECK(tier("active-directory") == "1 hot standby: recovery time objective 2 h (at most 4 h)");
  CHECK(tier("benefits") == "1 hot standby: criticality critical");
  // 11 apps rely on it: its 24-hour objective alone would make it warm standby.
  CHECK(tier("file-transfer") ==
        "1 hot standby: 11 apps depend on it by prerequisite or hard coupling (at least 10)");
  CHECK(tier("housing") == "2 warm standby: recovery time objective 24 h (at most 24 h)");
  CHECK(tier("fleet") ==
        "3 backup and restore: no threshold of a higher tier met; no recovery objectives (dr) "
        "given");
  CHECK(tier("backup") == "none: retired");
  CHECK(a.of("backup").dr_tier == 0);
  CHECK(a.of("housing").dr_tier == 2);
  // The name is a view of the profile's own string (it once dangled: a copy's temporary).
  CHECK(dr_tier_name(a.of("housing"), *a.profile) == "warm standby");
  CHECK(dr_tier_name(a.of("backup"), *a.profile) == "none");
}

TEST_CASE("DR tiers: a critical or high app without dr is a note, which --strict lets pass",
          "[assess][dr][loader]") {
  const auto loaded = test::load_text(test::header() + R"(applications:
  - {id: key, criticality: critical}
  - {id: kept, criticality: high, dr: {rto_hours: 8}}
  - {id: going, criticality: high, decision: {strategy: retire, reason: unused}}
  - {id: minor, criticality: medium}
)");
  CHECK(loaded.lines() ==
        std::vector<std::string>{
            "test.yaml:6:5: note: critical application 'key' has no 'dr' (rto_hours, "
            "rpo_hours): its recovery objectives decide its DR tier and what is built for it as "
            "it lands [missing-value]"});
  DiagnosticSink strict = loaded.diagnostics;
  strict.promote_warnings();
  CHECK_FALSE(strict.has_errors());
  CHECK(strict.note_count() == 1);
  CHECK(strict.warning_count() == 0);
}

TEST_CASE("DR tiers: plan.json gives each app's tier and plan.md lists them per wave",
          "[assess][dr][plan]") {
  const auto p = test::plan_text(test::header() + R"(servers:
  - {id: s1, site: dc1}
  - {id: s2, site: dc1}
applications:
  - {id: hot, kind: cots, criticality: medium, users: 100, servers: [s1], dr: {rto_hours: 1}}
  - {id: cold, kind: cots, criticality: low, users: 100, servers: [s2]}
)");
  for (const auto& app : p->out["applications"]) {
    CHECK(app["dr_tier"] == (app["id"] == "hot" ? 1 : 3));
  }
  const std::string md = render_plan_markdown(p->estate);
  CHECK(md.find("| wave | dates | 1 hot standby | 2 warm standby | 3 backup and restore |") !=
        std::string::npos);
  CHECK(md.find("| hot |  | cold |") != std::string::npos);
}

TEST_CASE("signals: servers.software, a software inventory's items, is a list field",
          "[assess][signals]") {
  const ScoringProfile own = profile_of(R"(schema: dcexit-profile/v1
signals:
  oracle: {when: {field: servers.software, matches: "Oracle Database*"}, reason: "runs {match}"}
strategies:
  replatform: {signals: {oracle: -0.2}}
)");
  const Assessed a = assess_text(test::header() + R"(servers:
  - {id: db1, site: dc1, software: [httpd 2.2.15, Oracle Database 12.1.0.2]}
  - {id: web1, site: dc1, software: [httpd 2.2.15]}
  - {id: bare, site: dc1}
applications:
  - {id: x, servers: [db1, web1]}
  - {id: y, servers: [web1]}
  - {id: z, servers: [bare]}
)",
                                 own);
  const auto value = [&](std::string_view app) {
    const SignalReading& r = a.of(app).signals[*own.signal("oracle")];
    return r.known ? r.value : -1.0;
  };
  CHECK(value("x") == 1.0);
  CHECK(value("y") == 0.0);
  CHECK(value("z") == -1.0);  // no software listed: not known
  CHECK(a.explain("x", "oracle") == "runs Oracle Database 12.1.0.2 on db1");
}
