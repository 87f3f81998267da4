// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// The business case (contract programme.md section 4): price lists as the clouds publish them,
// a target size and monthly cost per server and app, money per month, payback and carbon.
#pragma once

#include <dcexit/assess.hpp>
#include <dcexit/diagnostic.hpp>
#include <dcexit/inventory.hpp>
#include <dcexit/load.hpp>
#include <dcexit/plan.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <utility>
#include <vector>

namespace dcexit {

// One on-demand compute price: a size in a region for one OS family, by the hour.
struct ComputePrice {
  std::string size;    // armSkuName, or the AWS Instance Type
  std::string region;  // armRegionName, or the AWS Region Code
  bool windows = false;
  double hourly = 0;  // in the list's currency
  double vcpus = 0;   // from the list (AWS) or the profile's table of sizes (Azure); 0: unknown
  double memory_gb = 0;
  std::string product;  // productName and meterName, or the AWS PriceDescription
  std::string source;   // "FILE item N" (Azure) or "FILE:LINE" (AWS)
};

// Storage by the GB-month in a region (Azure "1 GB/Month" meters, AWS "GB-Mo" volumes).
struct StoragePrice {
  std::string region;
  double gb_month = 0;
  std::string product;
  std::string source;
};

struct PriceList {
  Provider provider = Provider::azure;
  std::string currency;  // ISO 4217, as the list gives it
  std::vector<ComputePrice> compute;
  std::vector<StoragePrice> storage;
  std::vector<std::string> files;  // as read, in order
  std::uint64_t items = 0;         // price items or rows read, used or not
  std::uint64_t unsized = 0;       // compute prices of Azure sizes the profile has no shape for
};

// Reads every file (or directory of files) in `paths`: the Azure Retail Prices API's JSON pages
// (one page or several concatenated) or the AWS Price List bulk CSV for EC2. Problems go to
// `sink` as FILE:LINE:COLUMN; an error when any file cannot be read or is in neither shape, or
// when the lists mix clouds or currencies.
tl::expected<PriceList, LoadFailure> load_price_lists(const std::vector<std::string>& paths,
                                                      const CostSettings& settings,
                                                      DiagnosticSink& sink);

// One price list given as text (`file` names it in diagnostics): what load_price_lists does for
// each file, for tests and fuzzing.
tl::expected<PriceList, LoadFailure> read_price_list(const std::string& file, std::string content,
                                                     const CostSettings& settings,
                                                     DiagnosticSink& sink);

// One server's target in the cloud.
struct ServerCost {
  Index server = 0;
  Index app = 0;       // the app whose move takes it to the cloud (the earliest wave, then id)
  std::string size;    // the size chosen; empty: none covers it (see rule)
  std::string source;  // its price line
  double vcpus = 0;    // the size's
  double memory_gb = 0;
  double hourly = 0;  // in the list's currency
  bool windows_price = false;
  double vcpus_needed = 0;
  double memory_needed = 0;
  double compute = 0;  // a month, in the estate's currency
  double storage = 0;
  double licence = 0;  // SQL Server licence included
  double esu = 0;      // extended security updates while out of support
  std::string storage_source;
  std::string rule;  // how the size was chosen, or why none was
  [[nodiscard]] double monthly() const { return compute + storage + licence + esu; }
  // The vCPUs licences, updates and carbon count: the size's, else what it needs, rounded up.
  [[nodiscard]] double vcpus_billed() const { return vcpus > 0 ? vcpus : std::ceil(vcpus_needed); }
};

struct AppCost {
  Index app = 0;
  Strategy strategy = Strategy::rehost;
  double monthly = 0;        // in the cloud or the SaaS, a month
  double one_off = 0;        // effort x day rate
  std::optional<Date> from;  // its cut-over: the end of its wave; none: never moves
  std::string rule;          // where the monthly figure came from
};

struct CostMonth {
  Date month;
  double on_premises = 0;   // the run-down still paid: servers and open sites
  double cloud = 0;         // cloud and SaaS already paid
  double dual_running = 0;  // on-premises cost of servers whose apps already run in the cloud
  double one_off = 0;       // migration effort of the apps cutting over this month
  double net = 0;           // today's monthly cost minus (on_premises + cloud + one_off)
  double cumulative = 0;
  double kwh_on_premises = 0;
  double kwh_cloud = 0;
  double tco2e = 0;
};

struct Carbon {
  double kwh_before = 0;  // a year, every server on premises
  double kwh_after = 0;   // a year after the exit: what stays plus the cloud
  double tco2e_before = 0;
  double tco2e_during = 0;  // from the start to the exit
  double tco2e_after = 0;
  double cloud_kwh_after = 0;
  std::string sources;  // the coefficients and grid factors used
};

struct BusinessCase {
  Provider provider = Provider::azure;
  std::string currency;
  std::string region;
  std::vector<std::string> price_files;
  double exchange_rate = 1;         // list currency -> estate currency
  double hours_per_month = 730;     // the profile's: hourly prices x this
  std::vector<ServerCost> servers;  // by server id
  std::vector<AppCost> apps;        // by app id
  std::vector<CostMonth> months;    // from the start's month to a year after the exit
  double today_monthly = 0;         // the on-premises cost a month before any move
  double steady_monthly = 0;        // on premises + cloud a month, a year after the exit
  double annual_saving = 0;         // (today - steady) x 12
  double one_off = 0;
  double dual_running_total = 0;
  double dual_running_peak = 0;
  std::optional<Date> dual_running_peak_month;
  std::optional<Date> payback;        // the month the cumulative net turns non-negative for good
  bool payback_extrapolated = false;  // beyond the months shown, at the steady saving
  Carbon carbon;
  std::vector<Diagnostic> warnings;  // Code::unpriced
};

// The business case of a plan priced by `prices`: sizes, monthly costs, months, payback and
// carbon (docs/cost.md). Everything is in the estate's currency.
BusinessCase make_business_case(const Plan& plan, const PriceList& prices,
                                const CostSettings& settings);

// How an app's cloud cost was reached, line by line (plan --explain APP).
std::string explain_cost(const BusinessCase& cost, const Inventory& inventory, Index app);

// An error at the estate's currency when the prices are in another and the profile gives no
// rate (cost.exchange_rates); true when they can be used.
bool check_currency(const Inventory& inventory, const PriceList& prices,
                    const CostSettings& settings, DiagnosticSink& sink);

}  // namespace dcexit
