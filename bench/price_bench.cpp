// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Price lists (docs/cost.md, docs/performance.md):
//   dcexit_price_bench gen FILE MB     writes about MB megabytes of Azure Retail Prices API pages
//                                      (1,000 items each, the API's fields, concatenated)
//   dcexit_price_bench read FILE       reads them as `plan --prices` does (simdjson on-demand)
//   dcexit_price_bench bare FILE       parses the same pages with nlohmann-json into a DOM and
//                                      does nothing else: the mainstream parser's bare parse
#include <dcexit/assess.hpp>
#include <dcexit/cost.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

int gen(const char* path, double megabytes) {
  std::ofstream out(path, std::ios::binary);
  const std::array<const char*, 6> series = {"D", "E", "F", "B", "L", "M"};
  const std::array<const char*, 8> regions = {
      "uksouth", "ukwest",  "westeurope",    "northeurope",
      "eastus",  "westus2", "francecentral", "germanywestcentral"};
  std::uint64_t n = 0;
  const auto target = static_cast<std::uint64_t>(megabytes * 1024 * 1024);
  std::uint64_t written = 0;
  while (written < target) {
    std::string page =
        R"({"BillingCurrency":"GBP","CustomerEntityId":"Default","CustomerEntityType":"Retail","Items":[)";
    for (int i = 0; i < 1000; ++i, ++n) {
      const char* s = series[n % series.size()];
      const unsigned vcpus = 2U << (n / series.size() % 6);
      const char* region = regions[n / 36 % regions.size()];
      const bool windows = n % 2 == 1;
      page += fmt::format(
          R"({}{{"currencyCode":"GBP","tierMinimumUnits":0.0,"retailPrice":{:.4f},"unitPrice":{:.4f},"armRegionName":"{}","location":"{}","effectiveStartDate":"2024-10-01T00:00:00Z","meterId":"{:08x}-0000-0000-0000-{:012x}","meterName":"{}{}s v5","productId":"DZH318Z0{:04X}","skuId":"DZH318Z0{:04X}/{:04X}","productName":"Virtual Machines {}sv5 Series{}","skuName":"{}{}s v5","serviceName":"Virtual Machines","serviceId":"DZH313Z7MMC8","serviceFamily":"Compute","unitOfMeasure":"1 Hour","type":"{}","isPrimaryMeterRegion":true,"armSkuName":"Standard_{}{}s_v5"}})",
          i == 0 ? "" : ",", 0.043 * vcpus, 0.043 * vcpus, region, region, n, n, s, vcpus,
          n % 0xFFFF, n % 0xFFFF, n % 0xFFFF, s, windows ? " Windows" : "", s, vcpus,
          n % 7 == 0 ? "Reservation" : "Consumption", s, vcpus);
    }
    page += fmt::format(
        R"(],"NextPageLink":"https://prices.azure.com:443/api/retail/prices?$skip={}","Count":1000}})"
        "\n",
        n);
    out << page;
    written += page.size();
  }
  fmt::print("{} items, {} bytes\n", n, written);
  return 0;
}

int read(const char* path) {
  dcexit::DiagnosticSink sink;
  const auto list = dcexit::load_price_lists({path}, dcexit::default_profile().cost, sink);
  if (!list) {
    fmt::print(stderr, "{}\n", sink.all().empty() ? "failed" : format_text(sink.all().front()));
    return 1;
  }
  fmt::print("{} items read, {} compute prices kept, {} of unknown shape\n", list->items,
             list->compute.size(), list->unsized);
  return 0;
}

int bare(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::size_t pages = 0;
  std::size_t items = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::size_t stop = end == std::string::npos ? text.size() : end;
    if (stop > start) {
      const auto page = nlohmann::json::parse(text.begin() + static_cast<std::ptrdiff_t>(start),
                                              text.begin() + static_cast<std::ptrdiff_t>(stop));
      items += page["Items"].size();
      ++pages;
    }
    start = stop + 1;
  }
  fmt::print("{} pages, {} items parsed\n", pages, items);
  return 0;
}

}  // namespace

int main(int argc, char** argv) try {
  const std::string mode = argc > 2 ? argv[1] : "";
  if (mode == "gen" && argc == 4) {
    return gen(argv[2], std::stod(argv[3]));
  }
  if (mode == "read") {
    return read(argv[2]);
  }
  if (mode == "bare") {
    return bare(argv[2]);
  }
  fmt::print(stderr, "usage: dcexit_price_bench gen FILE MB | read FILE | bare FILE\n");
  return 2;
} catch (const std::exception& e) {
  std::fputs(e.what(), stderr);
  return 1;
}
