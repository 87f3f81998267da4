// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// The business case (contract programme.md section 4, docs/cost.md): price lists in both
// published shapes, sizing and monthly cost checked against figures computed by hand, carbon
// likewise, and what a wrong price list gets.
#include "cost/price_positions.hpp"
#include "planned.hpp"

#include <dcexit/cost.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace dcexit;
using Catch::Detail::Approx;

namespace {

std::string prices(const char* name) {
  return (test::source_dir() / "tests/fixtures/prices" / name).string();
}

// Two servers, each its own rehosted app, one wave each, no hold: everything in the cloud by
// the third month.
const std::string k_estate = R"(schema: dcexit/v1
estate: {name: tiny, start: 2025-01-06, currency: GBP, region: REGION}
policy: {wave: {length_days: 14, max_apps: 1}, hold_days: 0}
sites: [{id: dc, annual_cost: 12000, pue: 2.0}]
servers:
  - {id: win1, site: dc, os: {family: windows, name: Windows Server, version: "2016"}, cpu_cores: 4, memory_gb: 16, storage_gb: 100, utilisation: {cpu: 0.5, memory: 0.5}, power_watts: 200, annual_cost: 2400}
  - {id: lin1, site: dc, os: {family: linux, name: Ubuntu, version: "20.04"}, cpu_cores: 8, memory_gb: 32, storage_gb: 200, utilisation: {cpu: 0.25, memory: 0.75}, power_watts: 300, annual_cost: 3600}
applications:
  - {id: app-a, criticality: low, servers: [win1], decision: {strategy: rehost, reason: test}}
  - {id: app-b, criticality: low, servers: [lin1], decision: {strategy: rehost, reason: test}}
)";

std::string estate_in(std::string_view region) {
  std::string text = k_estate;
  text.replace(text.find("REGION"), 6, region);
  return text;
}

PriceList load(const std::vector<std::string>& files, const CostSettings& settings) {
  DiagnosticSink sink;
  auto list = load_price_lists(files, settings, sink);
  INFO((sink.all().empty() ? std::string() : format_text(sink.all().front())));
  REQUIRE(list.has_value());
  return *list;
}

const ServerCost& server(const BusinessCase& c, const test::Planned& p, std::string_view id) {
  for (const ServerCost& s : c.servers) {
    if (p.inventory.servers[s.server].id == id) {
      return s;
    }
  }
  FAIL("no server " << id);
  return c.servers.front();
}

}  // namespace

TEST_CASE("cost: Azure Retail Prices pages size and price each server as computed by hand",
          "[cost]") {
  const CostSettings settings = default_profile().cost;
  const PriceList list = load({prices("azure-uksouth.json")}, settings);
  CHECK(list.provider == Provider::azure);
  CHECK(list.currency == "GBP");
  CHECK(list.items == 39);           // both pages, every item read
  CHECK(list.unsized == 1);          // Standard_Z99s_v9: no shape known
  CHECK(list.compute.size() == 32);  // 16 sizes x 2 OS families; spot, reservations, dev/test out
  REQUIRE(list.storage.size() == 1);
  CHECK(list.storage[0].gb_month == 0.0608);

  const auto p = test::plan_text(estate_in("uksouth"));
  const BusinessCase c = make_business_case(p->plan, list, settings);
  // win1 needs 4 x 0.5 x 1.2 = 2.4 vCPU and 16 x 0.5 x 1.2 = 9.6 GB on a Windows price: D4s_v5
  // (4, 16) at (0.0430 + 0.0368) x 4 = 0.3192 an hour; E2s_v5 has 2 vCPU, E4s_v5 costs more.
  const ServerCost& win = server(c, *p, "win1");
  CHECK(win.size == "Standard_D4s_v5");
  CHECK(win.vcpus_needed == Approx(2.4));
  CHECK(win.memory_needed == Approx(9.6));
  CHECK(win.hourly == Approx(0.3192));
  CHECK(win.compute == Approx(0.3192 * 730));  // 233.016
  CHECK(win.storage == Approx(100 * 0.0608));  // 6.08
  CHECK(win.source.starts_with(prices("azure-uksouth.json") +
                               " item 4: Virtual Machines Dsv5 Series Windows"));
  // lin1 needs 8 x 0.25 x 1.2 = 2.4 vCPU and 32 x 0.75 x 1.2 = 28.8 GB on a Linux price: E4s_v5
  // (4, 32) at 0.0564 x 4 = 0.2256 an hour beats D8s_v5 (8, 32) at 0.344.
  const ServerCost& lin = server(c, *p, "lin1");
  CHECK(lin.size == "Standard_E4s_v5");
  CHECK(lin.compute == Approx(0.2256 * 730));  // 164.688
  CHECK(lin.storage == Approx(200 * 0.0608));  // 12.16
  CHECK(c.apps[0].monthly == Approx(233.016 + 6.08));
  CHECK(c.apps[1].monthly == Approx(164.688 + 12.16));
  // Money by month: 2025-01 all on premises (1000 + 200 + 300); app-a cuts over 2025-01-19,
  // app-b 2025-02-02, each server off that day (no hold), the site with the last one.
  REQUIRE(c.months.size() >= 3);
  CHECK(c.today_monthly == Approx(1500));
  CHECK(c.months[0].month == Date::from_civil(2025, 1, 1));
  CHECK(c.months[0].on_premises == Approx(1500));
  CHECK(c.months[0].cloud == Approx(0));
  CHECK(c.months[1].on_premises == Approx(1000 + 300));  // win1 off on 2025-01-19
  CHECK(c.months[1].cloud == Approx(239.096));
  CHECK(c.months[2].on_premises == Approx(0));
  CHECK(c.months[2].cloud == Approx(239.096 + 176.848));
  CHECK(c.steady_monthly == Approx(415.944));
  CHECK(c.annual_saving == Approx((1500 - 415.944) * 12));
  const double one_off =
      (p->plan.assessment.apps[0].effort.likely + p->plan.assessment.apps[1].effort.likely) *
      settings.day_rate;
  CHECK(c.one_off == Approx(one_off));
  CHECK(c.months[0].one_off == Approx(one_off));  // both waves start in January
  // Payback: the first month from which the running total stays at or above zero.
  std::optional<Date> expected;
  for (const CostMonth& m : c.months) {
    if (m.cumulative < 0) {
      expected.reset();
    } else if (!expected) {
      expected = m.month;
    }
  }
  CHECK(c.payback == expected);

  SECTION("the explanation names every figure's price line") {
    const std::string text = explain_cost(c, p->inventory, 0);
    CHECK(text.find("app-a (rehost): 239.10 GBP a month") == 0);
    CHECK(text.find("Standard_D4s_v5") != std::string::npos);
    CHECK(text.find("0.3192 an hour x 730 hours") != std::string::npos);
  }
}

TEST_CASE("cost: the AWS EC2 bulk CSV sizes and prices as computed by hand, in another currency",
          "[cost]") {
  CostSettings settings = default_profile().cost;
  settings.exchange_rates = {{"USD", 0.8}};
  const PriceList list = load({prices("aws-eu-west-2.csv")}, settings);
  CHECK(list.provider == Provider::aws);
  CHECK(list.currency == "USD");
  CHECK(list.compute.size() == 12);  // reserved, dedicated, SQL, unused capacity, BYOL left out
  REQUIRE(list.storage.size() == 1);

  const auto p = test::plan_text(estate_in("eu-west-2"));
  DiagnosticSink sink;
  CHECK(check_currency(p->inventory, list, settings, sink));
  const BusinessCase c = make_business_case(p->plan, list, settings);
  CHECK(c.exchange_rate == 0.8);
  // win1 (2.4 vCPU, 9.6 GB, Windows): m5.xlarge (4, 16) at 0.406 USD beats r5.xlarge at 0.480.
  const ServerCost& win = server(c, *p, "win1");
  CHECK(win.size == "m5.xlarge");
  CHECK(win.compute == Approx(0.406 * 730 * 0.8));   // 237.104 GBP
  CHECK(win.storage == Approx(100 * 0.0928 * 0.8));  // 7.424 GBP
  CHECK(win.source.starts_with(prices("aws-eu-west-2.csv") + ":10: "));
  // lin1 (2.4 vCPU, 28.8 GB, Linux): r5.xlarge (4, 32) at 0.296 beats m5.2xlarge at 0.444.
  const ServerCost& lin = server(c, *p, "lin1");
  CHECK(lin.size == "r5.xlarge");
  CHECK(lin.compute == Approx(0.296 * 730 * 0.8));  // 172.864 GBP
  CHECK(c.months[2].cloud == Approx(237.104 + 7.424 + 172.864 + 14.848));

  SECTION("without a rate, prices in another currency are an error") {
    DiagnosticSink errors;
    CHECK_FALSE(check_currency(p->inventory, list, default_profile().cost, errors));
    REQUIRE(errors.all().size() == 1);
    CHECK(format_text(errors.all().front()) ==
          "test.yaml:2:9: error: the prices are in USD and the estate in GBP: give the rate in the "
          "profile (cost: {exchange_rates: {USD: RATE}}, GBP per USD) [bad-prices]");
  }
}

TEST_CASE("cost: carbon before, during and after, as computed by hand", "[cost]") {
  const CostSettings settings = default_profile().cost;
  const PriceList list = load({prices("azure-uksouth.json")}, settings);
  const auto p = test::plan_text(estate_in("uksouth"));
  const BusinessCase c = make_business_case(p->plan, list, settings);
  // Before: (200 + 300) W x PUE 2 x 8,760 h = 8,760 kWh a year x 0.20705 kg/kWh.
  CHECK(c.carbon.kwh_before == Approx(8760));
  CHECK(c.carbon.tco2e_before == Approx(8760 * 0.20705 / 1000));
  // After: D4s_v5 at 50% CPU: 4 x (0.74 + 0.5 x (3.54 - 0.74)) W = 8.56 W; E4s_v5 at 25%:
  // 4 x (0.74 + 0.25 x 2.8) = 5.76 W; x Azure's PUE 1.185 x 8,760 h.
  const double kwh_after = (8.56 + 5.76) * 1.185 * 8760 / 1000;
  CHECK(c.carbon.kwh_after == Approx(kwh_after));
  CHECK(c.carbon.cloud_kwh_after == Approx(kwh_after));
  CHECK(c.carbon.tco2e_after == Approx(kwh_after * 0.20705 / 1000));
  // A grid intensity per site and per region from the inventory.
  std::string text = estate_in("uksouth");
  text.replace(text.find("hold_days: 0}"), 13,
               "hold_days: 0, carbon: {grid_kg_per_kwh: {dc: 0.5, uksouth: 0.1}}}");
  const auto q = test::plan_text(text);
  const BusinessCase d = make_business_case(q->plan, list, settings);
  CHECK(d.carbon.tco2e_before == Approx(8760 * 0.5 / 1000));
  CHECK(d.carbon.tco2e_after == Approx(kwh_after * 0.1 / 1000));
}

TEST_CASE("cost: a file in neither shape, a broken page and mixed clouds are errors", "[cost]") {
  const CostSettings settings = default_profile().cost;
  const auto errors = [&](const std::vector<std::string>& files) {
    DiagnosticSink sink;
    CHECK_FALSE(load_price_lists(files, settings, sink).has_value());
    std::vector<std::string> out;
    for (const Diagnostic& d : sink.all()) {
      out.push_back(format_text(d));
    }
    return out;
  };
  const auto dir = std::filesystem::temp_directory_path() / "dcexit-test-prices";
  std::filesystem::create_directories(dir);
  const auto write = [&](const char* name, std::string_view text) {
    std::string path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  };
  const std::string csv = write("servers.csv", "id,cores\nweb,2\n");
  CHECK(errors({csv}) ==
        std::vector<std::string>{
            csv + ":1:1: error: not a price list: neither the Azure Retail Prices API's JSON (a "
                  "page with 'Items') nor the AWS Price List bulk CSV (\"FormatVersion\" first); "
                  "see docs/cost.md [bad-prices]"});
  const std::string page = write("page.json", "{\"Count\": 0}\n");
  CHECK(errors({page}) ==
        std::vector<std::string>{page + ":1:1: error: a JSON page without 'Items': not an Azure "
                                        "Retail Prices API response [bad-prices]"});
  const std::string broken = write("broken.json", "{\"Items\": [{\"retailPrice\": \"x\"}]}\n");
  const auto broken_errors = errors({broken});
  REQUIRE(broken_errors.size() == 1);
  CHECK(broken_errors[0].starts_with(broken + ":1:1: error: page 1 item 1: "));
  CHECK(errors({prices("azure-uksouth.json"), prices("aws-eu-west-2.csv")}) ==
        std::vector<std::string>{prices("aws-eu-west-2.csv") +
                                 ":1:1: error: prices for aws after prices for azure: one target "
                                 "cloud at a time [bad-prices]"});
  std::filesystem::remove_all(dir);
}

TEST_CASE("cost: a price too large to add up is refused where it stands", "[cost]") {
  // 1e308 is valid JSON and a number strtod reads: a month of it is inf, which is not JSON.
  const CostSettings settings = default_profile().cost;
  const auto dir = std::filesystem::temp_directory_path() / "dcexit-test-huge-prices";
  std::filesystem::create_directories(dir);
  const auto errors = [&](const char* name, std::string text) {
    const std::string path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << text;
    DiagnosticSink sink;
    CHECK_FALSE(load_price_lists({path}, settings, sink).has_value());
    std::vector<std::string> out;
    for (const Diagnostic& d : sink.all()) {
      out.push_back(format_text(d).substr(path.size()));
    }
    return out;
  };
  std::string azure = test::read_file(prices("azure-uksouth.json"));
  azure.replace(azure.find("\"retailPrice\": 0.086"), 20, "\"retailPrice\": 1e308");
  CHECK(errors("azure.json", azure) ==
        std::vector<std::string>{":6:5: error: item 1: 'retailPrice' 1e+308 is not a price dcexit "
                                 "takes: at most 1e+06 a unit [bad-prices]"});
  std::string aws = test::read_file(prices("aws-eu-west-2.csv"));
  aws.replace(aws.find("\"0.1110000000\""), 14, "\"1e308\"");
  CHECK(errors("aws.csv", aws) ==
        std::vector<std::string>{":7:1: error: line 7: 'PricePerUnit' is not a price: '1e308' (at "
                                 "most 1e+06 a unit) [bad-prices]"});
  std::filesystem::remove_all(dir);
}

TEST_CASE("cost: the real AWS excerpt reads, and none of its rows is an on-demand shared price",
          "[cost]") {
  // tests/fixtures/prices/README.md: 44 rows of AWS's published EC2 list of 2025-09-12, reserved,
  // dedicated or with SQL Server; a reader that took any of them as on-demand would be wrong.
  const PriceList list = load({prices("aws-ec2-excerpt-2025-09-12.csv")}, default_profile().cost);
  CHECK(list.provider == Provider::aws);
  CHECK(list.items == 44);
  CHECK(list.compute.empty());
}

TEST_CASE("cost: a server no size covers is a warning, its cost left out", "[cost]") {
  const CostSettings settings = default_profile().cost;
  const PriceList list = load({prices("azure-uksouth.json")}, settings);
  std::string text = estate_in("uksouth");
  text.replace(text.find("cpu_cores: 8, memory_gb: 32"), 27, "cpu_cores: 900, memory_gb: 32");
  const auto p = test::plan_text(text);
  const BusinessCase c = make_business_case(p->plan, list, settings);
  REQUIRE(c.warnings.size() == 1);
  CHECK(
      format_text(c.warnings[0]) ==
      "test.yaml:7:5: warning: server 'lin1' has no size in region uksouth that covers 270.00 vCPU "
      "and 28.80 GB; its cloud cost is left out [unpriced]");
  CHECK(server(c, *p, "lin1").compute == 0);
}

TEST_CASE("cost: licences and extended security updates per target, as computed by hand",
          "[cost]") {
  // win1 runs Windows Server 2008 R2 and app-a is a SQL Server 2008 R2 service.
  std::string azure_text = estate_in("uksouth");
  azure_text.replace(azure_text.find("version: \"2016\""), 15, "version: 2008 R2");
  azure_text.replace(azure_text.find("servers: [win1],"), 16,
                     "servers: [win1], technology: {runtime: SQL Server 2008 R2},");
  std::string aws_text = azure_text;
  aws_text.replace(aws_text.find("region: uksouth"), 15, "region: eu-west-2");
  CostSettings settings = default_profile().cost;
  settings.exchange_rates = {{"USD", 0.8}};

  // Azure: SQL Server licence included, 55 a vCPU a month on D4s_v5's 4 vCPU; ESU free.
  const auto azure = test::plan_text(azure_text);
  const PriceList azure_list = load({prices("azure-uksouth.json")}, settings);
  const BusinessCase a = make_business_case(azure->plan, azure_list, settings);
  const ServerCost& on_azure = server(a, *azure, "win1");
  CHECK(on_azure.size == "Standard_D4s_v5");
  CHECK(on_azure.licence == Approx(55 * 4));
  CHECK(on_azure.esu == 0);
  // AWS: the same licence; ESU for Windows Server (50) and SQL Server (1,400) a core a year.
  const auto aws = test::plan_text(aws_text);
  const PriceList aws_list = load({prices("aws-eu-west-2.csv")}, settings);
  const BusinessCase b = make_business_case(aws->plan, aws_list, settings);
  const ServerCost& on_aws = server(b, *aws, "win1");
  CHECK(on_aws.size == "m5.xlarge");
  CHECK(on_aws.licence == Approx(55 * 4));
  CHECK(on_aws.esu == Approx((50.0 + 1400.0) / 12 * 4));
  CHECK(b.apps[0].monthly ==
        Approx(0.406 * 730 * 0.8 + 100 * 0.0928 * 0.8 + 220 + (50.0 + 1400.0) / 12 * 4));
  // Licences brought (hybrid benefit): the Linux price of the size, no SQL Server licence.
  CostSettings byol = settings;
  byol.windows_byol = true;
  byol.sql_byol = true;
  const BusinessCase c = make_business_case(azure->plan, azure_list, byol);
  const ServerCost& brought = server(c, *azure, "win1");
  CHECK(brought.size == "Standard_D4s_v5");
  CHECK_FALSE(brought.windows_price);
  CHECK(brought.hourly == Approx(0.172));
  CHECK(brought.licence == 0);
}

TEST_CASE("cost: replatform, refactor, repurchase, retire and retain are priced by their rules",
          "[cost]") {
  const std::string text = R"(schema: dcexit/v1
estate: {name: rules, start: 2025-01-06, currency: GBP, region: uksouth}
policy: {wave: {length_days: 14}, hold_days: 0}
sites: [{id: dc}]
servers:
  - {id: s1, site: dc, os: {family: linux}, cpu_cores: 8, memory_gb: 32, utilisation: {cpu: 0.25, memory: 0.75}}
  - {id: s2, site: dc, os: {family: linux}, cpu_cores: 8, memory_gb: 32, utilisation: {cpu: 0.25, memory: 0.75}}
  - {id: s3, site: dc, os: {family: linux}, cpu_cores: 8, memory_gb: 32, utilisation: {cpu: 0.25, memory: 0.75}}
  - {id: s4, site: dc, os: {family: linux}}
applications:
  - {id: given, servers: [s1], target: {monthly_cost: 99.5}, decision: {strategy: replatform, reason: t}}
  - {id: keep, servers: [s4], decision: {strategy: retain, reason: t}}
  - {id: rebuilt, servers: [s2], decision: {strategy: refactor, reason: t}}
  - {id: resized, servers: [s3], decision: {strategy: replatform, reason: t}}
  - {id: saas-a, saas_alternative: {product: X, annual_cost: 1200}, decision: {strategy: repurchase, reason: t}}
  - {id: saas-u, users: 40, saas_alternative: {product: Y, per_user_monthly: 2.5}, decision: {strategy: repurchase, reason: t}}
  - {id: gone, decision: {strategy: retire, reason: t}}
)";
  const CostSettings settings = default_profile().cost;
  const PriceList list = load({prices("azure-uksouth.json")}, settings);
  const auto p = test::plan_text(text);
  const BusinessCase c = make_business_case(p->plan, list, settings);
  // Each of s1..s3 as a rehost: E4s_v5 (2.4 vCPU, 28.8 GB) at 0.2256 x 730 = 164.688; no storage.
  const double rehost = 0.2256 * 730;
  const auto cost_of = [&](std::string_view id) {
    for (const AppCost& a : c.apps) {
      if (p->inventory.applications[a.app].id == id) {
        return a;
      }
    }
    FAIL("no app " << id);
    return c.apps.front();
  };
  CHECK(cost_of("given").monthly == 99.5);
  CHECK(cost_of("given").rule == "its target.monthly_cost");
  CHECK(cost_of("resized").monthly == Approx(0.8 * rehost));
  CHECK(cost_of("rebuilt").monthly == Approx(0.6 * rehost));
  CHECK(cost_of("saas-a").monthly == Approx(100));
  CHECK(cost_of("saas-u").monthly == Approx(100));
  CHECK(cost_of("gone").monthly == 0);
  CHECK(cost_of("keep").monthly == 0);
  CHECK_FALSE(cost_of("keep").from.has_value());
  CHECK(cost_of("keep").one_off == 0);
  CHECK(c.servers.size() == 3);  // s4 stays on premises with its retained app
}

TEST_CASE("cost: a folder of price lists names each entry it cannot read", "[cost]") {
  namespace fs = std::filesystem;
  const CostSettings settings = default_profile().cost;
  const fs::path dir = fs::temp_directory_path() / "dcexit-test-price-links";
  fs::remove_all(dir);
  fs::create_directories(dir / "lists");
  fs::copy_file(prices("azure-uksouth.json"), dir / "lists" / "azure.json");
  fs::create_symlink("loop.json", dir / "lists" / "loop.json");  // a link to itself
  fs::create_symlink("gone.csv", dir / "lists" / "dangling.csv");
  fs::create_symlink("loop-dir", dir / "loop-dir");
  fs::create_symlink("not-a-price-list", dir / "lists" / "readme");  // not a price list's name
  DiagnosticSink sink;
  const auto list =
      load_price_lists({(dir / "lists").string(), (dir / "loop-dir").string()}, settings, sink);
  REQUIRE_FALSE(list.has_value());
  CHECK(list.error() == LoadFailure::unreadable);
  const std::string d = dir.string();
  CHECK(test::lines(sink) ==
        std::vector<std::string>{
            d + "/lists/dangling.csv:1:1: error: cannot read '" + d +
                "/lists/dangling.csv': no such file or directory [unreadable]",
            d + "/lists/loop.json:1:1: error: cannot read '" + d +
                "/lists/loop.json': Too many levels of symbolic links [unreadable]",
            d + "/loop-dir:1:1: error: cannot read '" + d +
                "/loop-dir': Too many levels of symbolic links [unreadable]"});
  fs::remove_all(dir);
}

TEST_CASE("cost: 20,000 bad price rows are placed in one pass over the list", "[cost]") {
  // Each error's line was found by scanning from the top: 20,000 rows took 36 s. A cursor goes
  // on from the last error: the bytes scanned are at most the list's size.
  const CostSettings settings = default_profile().cost;
  const std::string aws = test::read_file(prices("aws-eu-west-2.csv"));
  std::size_t line_start = aws.rfind('\n', aws.find("\"0.1110000000\"")) + 1;
  std::string row = aws.substr(line_start, aws.find('\n', line_start) + 1 - line_start);
  row.replace(row.find("\"0.1110000000\""), 14, "\"x\"");
  std::string list = aws.substr(0, line_start);
  for (int i = 0; i < 20'000; ++i) {
    list += row;
  }
  const auto dir = std::filesystem::temp_directory_path() / "dcexit-test-bad-rows";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "aws.csv").string();
  std::ofstream(path, std::ios::binary) << list;
  DiagnosticSink sink;
  const std::size_t before = detail::price_position_work();
  CHECK_FALSE(load_price_lists({path}, settings, sink).has_value());
  CHECK(detail::price_position_work() - before <= list.size());
  CHECK(sink.error_count() == 20'000);
  // The thousandth error shown is the thousandth bad row's.
  const auto header_lines = static_cast<std::size_t>(
      std::count(aws.begin(), aws.begin() + static_cast<std::ptrdiff_t>(line_start), '\n'));
  REQUIRE(sink.all().size() > 999);
  CHECK(format_text(sink.all()[999]).substr(path.size()) ==
        fmt::format(":{0}:1: error: line {0}: 'PricePerUnit' is not a price: 'x' [bad-prices]",
                    header_lines + 1000));
  std::filesystem::remove_all(dir);
}
