// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Price lists (docs/cost.md): any bytes read as an Azure Retail Prices page set or an AWS EC2
// bulk CSV must give diagnostics or a list, never a crash; a list that reads prices a small
// planned estate, and every figure of its business case is finite.
#include <dcexit/cost.hpp>
#include <dcexit/load.hpp>
#include <dcexit/plan.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

constexpr const char* k_estate = R"(schema: dcexit/v1
estate: {name: fuzz, start: 2025-01-06, currency: GBP, region: uksouth}
policy: {wave: {length_days: 14, max_apps: 1}, hold_days: 0}
sites: [{id: dc, annual_cost: 12000}]
servers:
  - {id: win1, site: dc, os: {family: windows, version: "2008 R2"}, cpu_cores: 4, memory_gb: 16, storage_gb: 100, utilisation: {cpu: 0.5}}
  - {id: lin1, site: dc, os: {family: linux}, cpu_cores: 8, memory_gb: 32}
applications:
  - {id: a, servers: [win1], technology: {database: SQL Server 2008 R2}, decision: {strategy: rehost, reason: f}}
  - {id: b, servers: [lin1], decision: {strategy: replatform, reason: f}}
  - {id: c, users: 10, saas_alternative: {product: x, per_user_monthly: 3}, decision: {strategy: repurchase, reason: f}}
)";

struct Fixture {
  dcexit::Inventory inventory;
  dcexit::Plan plan;
  Fixture() {
    dcexit::DiagnosticSink sink;
    auto loaded = dcexit::load_inventory_text("fuzz.yaml", k_estate, sink);
    if (sink.has_errors()) {
      std::abort();
    }
    inventory = std::move(loaded.inventory);
    plan = dcexit::make_plan(inventory, dcexit::default_profile()).value();
  }
};

void check(double value) {
  if (!std::isfinite(value)) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Fixture fixture;
  dcexit::CostSettings settings = dcexit::default_profile().cost;
  settings.exchange_rates = {{"USD", 0.8}};
  dcexit::DiagnosticSink sink;
  const auto list = dcexit::read_price_list(
      "fuzz.prices", std::string(reinterpret_cast<const char*>(data), size), settings, sink);
  if (!list || !dcexit::check_currency(fixture.inventory, *list, settings, sink)) {
    return 0;
  }
  const dcexit::BusinessCase c = dcexit::make_business_case(fixture.plan, *list, settings);
  for (const dcexit::CostMonth& m : c.months) {
    check(m.cumulative);
    check(m.tco2e);
  }
  check(c.annual_saving);
  check(c.carbon.tco2e_after);
  return 0;
}
