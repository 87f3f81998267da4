// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Any bytes as a scoring profile. A profile that reads without an error then scores a small
// fixed estate (every kind of field its signal definitions, gates, DR tiers and placeholders
// can read), and every app's --explain is rendered: a crash, or a score or confidence that is
// not finite, traps.
#include <dcexit/assess.hpp>
#include <dcexit/diagnostic.hpp>
#include <dcexit/graph.hpp>
#include <dcexit/load.hpp>
#include <dcexit/report.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

constexpr std::string_view k_estate = R"(schema: dcexit/v1
estate: {name: Fuzz estate, start: 2025-01-06, target: azure}
sites: [{id: dc1, closing: true}, {id: dc2, closing: false}]
servers:
  - {id: s1, site: dc1, kind: physical, os: {family: windows, name: Windows Server, version: 2008 R2}, cpu_cores: 8, memory_gb: 32, storage_gb: 500}
  - {id: s2, site: dc1, os: {family: solaris, name: Solaris, version: "10"}}
  - {id: s3, site: dc2, os: {family: linux, name: Ubuntu, version: "20.04"}}
applications:
  - {id: erp, name: SAP ERP, criticality: critical, users: 900, usage_trend: growing, kind: cots, technology: {languages: [abap], runtime: SAP NetWeaver, database: Oracle 11g, end_of_support: 2024-12-31}, servers: [s1, s2], dr: {rto_hours: 4, rpo_hours: 1}}
  - {id: web, name: Web site, criticality: high, users: 20000, kind: custom, technology: {languages: [java]}, servers: [s3], depends_on: [erp], dr: {rto_hours: 24, rpo_hours: 4}}
  - {id: mail, name: GroupWise, criticality: medium, users: 3000, usage_trend: declining, kind: cots, servers: [s1], saas_alternative: {product: Microsoft 365, fit: high}, contract: {supplier: Micro Focus, ends: 2025-06-30, annual_cost: 40000}}
  - {id: old, name: Old reports, criticality: low, users: 0, usage_trend: unused, servers: [s3], depends_on: [{app: erp, coupling: soft}]}
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  dcexit::DiagnosticSink sink;
  const dcexit::ScoringProfile profile = dcexit::load_profile(
      "fuzz.yaml", std::string_view(reinterpret_cast<const char*>(data), size), sink);
  if (sink.has_errors()) {
    return 0;
  }
  static const dcexit::LoadResult estate = [] {
    dcexit::DiagnosticSink estate_sink;
    auto loaded = dcexit::load_inventory_text("estate.yaml", k_estate, estate_sink);
    if (estate_sink.has_errors()) {
      __builtin_trap();  // the fixed estate must be valid
    }
    return loaded;
  }();
  const dcexit::Inventory& inv = estate.inventory;
  const dcexit::DependencyGraph graph(inv);
  const dcexit::Assessment assessment = dcexit::assess(inv, graph, profile);
  for (dcexit::Index a = 0; a < inv.applications.size(); ++a) {
    const auto& app = assessment.apps[a];
    if (!std::isfinite(app.confidence) || !std::isfinite(app.effort.likely)) {
      __builtin_trap();
    }
    for (const auto& score : app.scores) {
      if (!std::isfinite(score.score)) {
        __builtin_trap();
      }
    }
    (void)dcexit::render_explanation(inv, assessment, profile, a);
  }
  return 0;
}
