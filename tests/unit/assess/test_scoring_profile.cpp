// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "test_support.hpp"

#include <dcexit/assess.hpp>
#include <dcexit/diagnostic.hpp>

#include <catch2/catch.hpp>

using namespace dcexit;

namespace {

struct Read {
  ScoringProfile profile;
  DiagnosticSink sink;
  std::vector<std::string> lines() { return test::lines(sink); }
};

Read read(std::string_view text) {
  Read r;
  r.profile = load_profile("p.yaml", text, r.sink);
  return r;
}

double weight(const ScoringProfile& p, Strategy s, std::string_view signal) {
  return p.weight(s, p.signal(signal).value());
}

}  // namespace

TEST_CASE("profile: the built-in profile reads cleanly", "[profile]") {
  const ScoringProfile& p = default_profile();
  CHECK(p.name == "dcexit default profile");
  CHECK(p.of(Strategy::rehost).base == 0.45);
  CHECK(weight(p, Strategy::repurchase, "saas_fit") == 0.60);
  CHECK(p.of(Strategy::rehost).gates.size() == 4);
  CHECK(p.criticality_multiplier[3] == 1.5);
  // The property tests rely on these signs: only retire gains from few users; only repurchase
  // gains from a SaaS alternative.
  for (Strategy s : k_strategies) {
    if (s != Strategy::retire) {
      CHECK(weight(p, s, "unused") <= 0);
      CHECK(weight(p, s, "low_users") <= 0);
    }
    if (s != Strategy::repurchase) {
      CHECK(weight(p, s, "saas_fit") <= 0);
    }
  }
}

TEST_CASE("profile: a file that gives some keys overrides just those", "[profile]") {
  auto r = read(R"(schema: dcexit-profile/v1
name: Harrow tuning
strategies:
  repurchase: {signals: {saas_fit: 0.8}}
  rehost: {gates: []}
effort: {per_link: 0.05}
)");
  CHECK(r.lines().empty());
  CHECK(r.profile.name == "Harrow tuning");
  CHECK(weight(r.profile, Strategy::repurchase, "saas_fit") == 0.8);
  CHECK(weight(r.profile, Strategy::repurchase, "cots") == 0.10);  // untouched
  CHECK(r.profile.of(Strategy::rehost).gates.empty());
  CHECK(r.profile.of(Strategy::relocate).gates.size() == 5);
  CHECK(r.profile.per_link == 0.05);
  CHECK(r.profile.low_factor == 0.7);
}

TEST_CASE("profile: extends none starts from nothing", "[profile]") {
  auto r = read("schema: dcexit-profile/v1\nextends: none\nstrategies: {retire: {base: 0.9}}\n");
  CHECK(r.lines().empty());
  CHECK(r.profile.of(Strategy::retire).base == 0.9);
  CHECK(r.profile.of(Strategy::rehost).base == 0.0);
  CHECK(r.profile.of(Strategy::rehost).gates.empty());
}

TEST_CASE("profile: problems are reported like inventory problems", "[profile]") {
  auto r = read(R"(schema: dcexit-profile/v2
strategies:
  rehosting: {base: 0.5}
  retire:
    base: 1.5
    signals: {unsed: 0.5, idle: 2}
    gates:
      - {when: os_family_in, reason: x}
      - {when: no_servers, values: [a], reason: y}
      - {when: sometimes, reason: z}
    effort: {fixed: -1, per_vm: 2}
colour: blue
)");
  CHECK(
      r.lines() ==
      std::vector<std::string>{
          "p.yaml:1:9: error: unknown schema 'dcexit-profile/v2'; this dcexit reads "
          "'dcexit-profile/v1' [unknown-schema]",
          "p.yaml:3:3: error: unknown strategy 'rehosting' (did you mean 'rehost'?) [bad-value]",
          "p.yaml:5:11: error: 'base' is 1.5; it must be from 0 to 1 [out-of-range]",
          "p.yaml:6:15: error: unknown signal 'unsed' (did you mean 'unused'?) [bad-value]",
          "p.yaml:6:33: error: 'idle' is 2; it must be from -1 to 1 [out-of-range]",
          "p.yaml:8:9: error: gate 'os_family_in' needs 'values' [missing-key]",
          "p.yaml:9:28: error: gate 'no_servers' takes no 'values' [unknown-key]",
          "p.yaml:10:16: error: 'when' must be one of no_servers, kind_in, os_family_in, "
          "os_name_contains, has_physical_server, no_saas_alternative; got 'sometimes' [bad-value]",
          "p.yaml:11:21: error: 'fixed' is -1; it must be from 0 to 10000 [out-of-range]",
          "p.yaml:11:25: warning: unknown key 'per_vm' in a strategy's 'effort' (did you mean "
          "'per_tb'?) [unknown-key]",
          "p.yaml:12:1: warning: unknown key 'colour' in the profile [unknown-key]",
      });
}

TEST_CASE("profile: an unknown criticality is one error, in effort and in a DR tier alike",
          "[profile]") {
  auto r = read(R"(schema: dcexit-profile/v1
effort:
  criticality: {crit: 1.5, high: 1.25}
dr_tiers:
  - {name: hot, criticality: [hgh, critical]}
)");
  CHECK(r.lines() ==
        std::vector<std::string>{
            "p.yaml:3:17: error: unknown criticality 'crit' (did you mean 'critical'?) "
            "[bad-value]",
            "p.yaml:5:30: error: unknown criticality 'hgh' (did you mean 'high'?) [bad-value]",
        });
}

TEST_CASE("profile: the shipped default file is the built-in one", "[profile]") {
  CHECK(default_profile_text() ==
        test::read_file(test::source_dir() / "profiles" / "default.yaml"));
}
