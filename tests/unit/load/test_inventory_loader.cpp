// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "test_support.hpp"

#include <dcexit/load.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

using namespace dcexit;
using dcexit::test::header;
using dcexit::test::load_files;
using dcexit::test::load_text;

namespace {

// The example from the contract, ../shared/spec/inventory.md, with its servers defined.
constexpr std::string_view k_spec_example = R"(schema: dcexit/v1
estate:
  name: London Borough of Harrow — Civic Centre data centre
  start: 2020-11-02
  deadline: 2021-11-01
  currency: GBP
policy:
  wave:
    length_days: 14
    max_apps: 8
    max_servers: 30
    max_effort_days: 120
    max_storage_gb: 40000
  hold_days: 30
  pilot:
    max_criticality: low
  freezes:
    - name: Council tax annual billing
      from: 2021-02-15
      to: 2021-03-31
      tags: [revenues]
  dependency_order: dependencies-first
sites:
  - id: civic-dc
    name: Civic Centre data centre
    annual_cost: 420000
    pue: 1.9
servers:
  - id: cc-sap-db01
    site: civic-dc
    rack: R04
    kind: physical
    environment: production
    os: {family: linux, name: SUSE Linux Enterprise Server, version: "11 SP4", end_of_support: 2019-03-31}
    cpu_cores: 16
    memory_gb: 256
    storage_gb: 4000
    utilisation: {cpu: 0.35, memory: 0.60}
    power_watts: 450
    annual_cost: 6000
  - {id: cc-sap-app01, site: civic-dc}
applications:
  - id: sap-erp
    name: SAP ERP (Finance, HR, Procurement)
    department: Resources
    owner: Finance Systems Manager
    criticality: critical
    users: 2000
    usage_trend: stable
    kind: cots
    vendor: SAP
    technology:
      languages: [abap]
      runtime: SAP NetWeaver 7.4
      database: oracle
      end_of_support: 2025-12-31
    servers: [cc-sap-app01, cc-sap-db01]
    data: {classification: official-sensitive, size_gb: 2500}
    dr: {rto_hours: 4, rpo_hours: 1}
    saas_alternative: {product: "Microsoft 365", fit: high}
    contract: {supplier: Capita, ends: 2021-06-30, annual_cost: 250000}
    tags: [finance, statutory]
    decision:
      strategy: rehost
      reason: Rehost on Azure first; S/4HANA move is a later programme
    depends_on:
      - seebeyond
      - {app: active-directory, coupling: prerequisite}
      - {app: sap-bw, coupling: hard}
      - {app: gis, coupling: soft}
  - {id: seebeyond, criticality: high}
  - {id: active-directory, decision: {strategy: saas}}
  - {id: sap-bw}
  - {id: gis}
)";

}  // namespace

TEST_CASE("loader: the contract's example is read field by field", "[loader]") {
  const auto loaded = load_text(k_spec_example);
  // Only a note: a high app without recovery objectives (it never fails, not even --strict).
  CHECK(loaded.lines() ==
        std::vector<std::string>{
            "test.yaml:71:5: note: high application 'seebeyond' has no 'dr' (rto_hours, "
            "rpo_hours): its recovery objectives decide its DR tier and what is built for it as "
            "it lands [missing-value]"});
  const Inventory& inv = loaded.inventory;
  CHECK(inv.estate.name == "London Borough of Harrow — Civic Centre data centre");
  CHECK(inv.estate.start.to_string() == "2020-11-02");
  CHECK(inv.estate.deadline->to_string() == "2021-11-01");
  CHECK(inv.estate.currency == "GBP");
  CHECK(inv.policy.wave.length_days == 14);
  CHECK(inv.policy.wave.max_apps == 8);
  CHECK(inv.policy.wave.max_servers == 30);
  CHECK(inv.policy.wave.max_effort_days == 120.0);
  CHECK(inv.policy.wave.max_storage_gb == 40000.0);
  CHECK(inv.policy.hold_days == 30);
  CHECK(inv.policy.pilot_max_criticality == Criticality::low);
  REQUIRE(inv.policy.freezes.size() == 1);
  CHECK(inv.policy.freezes[0].name == "Council tax annual billing");
  CHECK(inv.policy.freezes[0].from.to_string() == "2021-02-15");
  CHECK(inv.policy.freezes[0].to.to_string() == "2021-03-31");
  CHECK(inv.policy.freezes[0].tags == std::vector<std::string>{"revenues"});
  CHECK(inv.policy.dependency_order == DependencyOrder::dependencies_first);

  REQUIRE(inv.sites.size() == 1);
  CHECK(inv.sites[0].annual_cost == 420000.0);
  CHECK(inv.sites[0].pue == 1.9);

  REQUIRE(inv.servers.size() == 2);
  const Server& db = inv.servers[*inv.find_server("cc-sap-db01")];
  CHECK(db.rack == "R04");
  CHECK(db.kind == ServerKind::physical);
  CHECK(db.environment == Environment::production);
  CHECK(db.os.name == "SUSE Linux Enterprise Server");
  CHECK(db.os.version == "11 SP4");
  CHECK(db.os.end_of_support->to_string() == "2019-03-31");
  CHECK(db.cpu_cores == 16.0);
  CHECK(db.memory_gb == 256.0);
  CHECK(db.storage_gb == 4000.0);
  CHECK(db.cpu_utilisation == 0.35);
  CHECK(db.memory_utilisation == 0.60);
  CHECK(db.power_watts == 450.0);
  CHECK(db.annual_cost == 6000.0);
  CHECK(db.location.line == 29);

  const Application& sap = inv.applications[*inv.find_application("sap-erp")];
  CHECK(sap.criticality == Criticality::critical);
  CHECK(sap.users == 2000);
  CHECK(sap.usage_trend == UsageTrend::stable);
  CHECK(sap.kind == AppKind::cots);
  CHECK(sap.technology.languages == std::vector<std::string>{"abap"});
  CHECK(sap.technology.end_of_support->to_string() == "2025-12-31");
  CHECK(sap.servers == std::vector<Index>{0, 1});  // sorted by id: cc-sap-app01, cc-sap-db01
  CHECK(sap.data_classification == "official-sensitive");
  CHECK(sap.data_size_gb == 2500.0);
  CHECK(sap.rto_hours == 4.0);
  CHECK(sap.rpo_hours == 1.0);
  CHECK(sap.saas_alternative->product == "Microsoft 365");
  CHECK(sap.saas_alternative->fit == Fit::high);
  CHECK(sap.contract->ends->to_string() == "2021-06-30");
  CHECK(sap.contract->annual_cost == 250000.0);
  CHECK(sap.tags == std::vector<std::string>{"finance", "statutory"});
  CHECK(sap.decision->strategy == Strategy::rehost);
  REQUIRE(sap.depends_on.size() == 4);
  std::vector<std::pair<std::string, Coupling>> deps;
  for (const Dependency& d : sap.depends_on) {
    deps.emplace_back(inv.applications[d.app].id, d.coupling);
  }
  CHECK(deps ==
        std::vector<std::pair<std::string, Coupling>>{{"active-directory", Coupling::prerequisite},
                                                      {"gis", Coupling::soft},
                                                      {"sap-bw", Coupling::hard},
                                                      {"seebeyond", Coupling::prerequisite}});
  // `saas` is read as `repurchase`; absent criticality is `medium`, and known to be absent.
  const Application& ad = inv.applications[*inv.find_application("active-directory")];
  CHECK(ad.decision->strategy == Strategy::repurchase);
  CHECK(ad.criticality == Criticality::medium);
  CHECK_FALSE(ad.criticality_given);
}

TEST_CASE("loader: entities are sorted by id whatever the input order", "[loader]") {
  std::vector<std::string> apps = {"  - {id: zeta, depends_on: [alpha]}\n",
                                   "  - {id: alpha, servers: [s2, s1]}\n",
                                   "  - {id: mid, depends_on: [zeta, alpha]}\n"};
  const std::string servers = "servers:\n  - {id: s2, site: dc1}\n  - {id: s1, site: dc1}\n";
  std::mt19937 rng(7);
  std::vector<std::string> seen;
  for (int round = 0; round < 6; ++round) {
    std::shuffle(apps.begin(), apps.end(), rng);
    std::string text = header() + servers + "applications:\n";
    for (const auto& app : apps) {
      text += app;
    }
    const auto loaded = load_text(text);
    REQUIRE(loaded.lines().empty());
    const Inventory& inv = loaded.inventory;
    std::string summary;
    for (const Application& app : inv.applications) {
      summary += app.id + ":";
      for (const Dependency& d : app.depends_on) {
        summary += inv.applications[d.app].id + ",";
      }
      for (Index s : app.servers) {
        summary += inv.servers[s].id + ",";
      }
      summary += ";";
    }
    seen.push_back(summary);
  }
  CHECK(seen.front() == "alpha:s1,s2,;mid:alpha,zeta,;zeta:alpha,;");
  CHECK(std::all_of(seen.begin(), seen.end(), [&](const auto& s) { return s == seen.front(); }));
}

TEST_CASE("loader: an estate spread over several files", "[loader]") {
  const auto loaded = load_files({
      {"estate.yaml", header("  hold_days: 10\n")},
      {"apps/b.yaml", "schema: dcexit/v1\napplications:\n  - {id: b, depends_on: [a]}\n"},
      {"apps/a.yaml",
       "schema: dcexit/v1\nservers: [{id: s, site: dc1}]\n"
       "applications:\n  - {id: a, servers: [s]}\n"},
  });
  CHECK(loaded.lines().empty());
  CHECK(loaded.inventory.applications.size() == 2);
  CHECK(loaded.inventory.policy.hold_days == 10);
  CHECK(loaded.inventory.files ==
        std::vector<std::string>{"estate.yaml", "apps/b.yaml", "apps/a.yaml"});
  CHECK(loaded.inventory.applications[0].location.file == 2);
}

TEST_CASE("loader: across files, ids clash and estate is given once", "[loader]") {
  const auto loaded = load_files({
      {"one.yaml", header() + "applications:\n  - {id: a}\n"},
      {"two.yaml",
       "schema: dcexit/v1\nestate: {name: Again, start: 2021-01-01}\n"
       "applications:\n  - {id: a}\n"},
  });
  CHECK(loaded.lines() ==
        std::vector<std::string>{
            "two.yaml:2:1: error: 'estate' is given again; it was first given at one.yaml:2:1; "
            "give it in one file only [duplicate-estate]",
            "two.yaml:4:5: error: duplicate application id 'a' (first defined at one.yaml:6:5) "
            "[duplicate-id]"});
}

TEST_CASE("loader: merge keys and aliases are read as YAML means them", "[loader]") {
  const auto loaded = load_text(header() + R"(servers:
  - &base {id: s1, site: dc1, kind: physical, os: {family: linux}}
  - {<<: *base, id: s2}
  - <<: [{id: s3}, *base]
    storage_gb: 10
applications:
  - {id: a, servers: [s1, s2, s3], tags: &t [x, y]}
  - {id: b, servers: [s1], tags: *t}
)");
  CHECK(loaded.lines().empty());
  const Inventory& inv = loaded.inventory;
  REQUIRE(inv.servers.size() == 3);
  CHECK(inv.servers[1].id == "s2");
  CHECK(inv.servers[1].kind == ServerKind::physical);
  CHECK(inv.servers[1].os.family == "linux");
  CHECK(inv.servers[2].id == "s3");  // the first mapping in a merge list wins
  CHECK(inv.servers[2].storage_gb == 10.0);
  CHECK(inv.applications[1].tags == std::vector<std::string>{"x", "y"});
}

TEST_CASE("loader: comments, quoted dates and explicit nulls", "[loader]") {
  const auto loaded = load_text(R"(# Estate file
schema: "dcexit/v1"   # the version
estate:
  name: 'Quoted'      # single quotes
  start: "2021-01-04" # a quoted date is a date
  deadline: ~         # explicitly none
sites: [{id: dc1}]
applications:
  # an app
  - id: a             # trailing comment
    users: 0
)");
  CHECK(loaded.lines().empty());
  CHECK(loaded.inventory.estate.start.to_string() == "2021-01-04");
  CHECK_FALSE(loaded.inventory.estate.deadline.has_value());
  CHECK(loaded.inventory.applications[0].users == 0);
}

TEST_CASE("loader: a retained app on a server another app rehosts is a warning", "[loader]") {
  const auto loaded = load_text(header() + R"(servers: [{id: s1, site: dc1}]
applications:
  - {id: keep, servers: [s1], decision: {strategy: retain}}
  - {id: move, servers: [s1], decision: {strategy: rehost}}
)");
  CHECK(loaded.lines() ==
        std::vector<std::string>{
            "test.yaml:7:5: warning: application 'keep' is retained on server 's1', which "
            "application 'move' is to rehost; the server stays behind and blocks its site "
            "[retained-shared-server]"});
}

TEST_CASE("loader: a byte-order mark and CRLF line ends read the same as plain LF", "[loader]") {
  const std::string plain = header() +
                            "servers: [{id: s1, site: dc1, rack: \"R 1\"}]\n"
                            "applications:\n  - id: a\n    name: Payroll\n    servers: [s1]\n";
  std::string crlf = "\xEF\xBB\xBF";
  for (char c : plain) {
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  }
  const auto a = load_text(plain);
  const auto b = load_text(crlf);
  CHECK(a.lines().empty());
  CHECK(b.lines().empty());
  REQUIRE(b.inventory.applications.size() == 1);
  CHECK(b.inventory.applications[0].name == "Payroll");  // no stray '\r'
  CHECK(b.inventory.servers[0].rack == "R 1");
  CHECK(b.inventory.estate.name == a.inventory.estate.name);
}

TEST_CASE("loader: heavy alias use within the expansion limit is read whole", "[loader]") {
  // 5,000 servers merging one 4-key anchor (about 40,000 expanded nodes, under 1,000,000).
  std::string text =
      header() +
      "servers:\n  - &base {id: s0, site: dc1, kind: physical, os: {family: linux, name: RHEL}}\n";
  for (int i = 1; i < 5000; ++i) {
    text += "  - {<<: *base, id: s" + std::to_string(i) + "}\n";
  }
  text += "applications:\n  - id: a\n    servers: [";
  for (int i = 0; i < 5000; ++i) {
    text += (i == 0 ? "s" : ", s") + std::to_string(i);
  }
  text += "]\n";
  const auto loaded = load_text(text);
  CHECK(loaded.lines().empty());
  REQUIRE(loaded.inventory.servers.size() == 5000);
  CHECK(std::all_of(
      loaded.inventory.servers.begin(), loaded.inventory.servers.end(),
      [](const Server& s) { return s.kind == ServerKind::physical && s.os.name == "RHEL"; }));
}
