// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Price lists as the clouds publish them: the Azure Retail Prices API's JSON pages, read with
// simdjson's on-demand parser (docs/performance.md), and the AWS Price List bulk CSV for EC2.
#include "base/input_file.hpp"
#include "base/text.hpp"
#include "cost/price_positions.hpp"

#include <dcexit/cost.hpp>
#include <dcexit/diagnostic.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <filesystem>
// iterate_many's worker thread would parse the next batch beside the one read (a second index)
// and, when no thread can be made (memory capped), end the process in std::terminate: pages
// are parsed on this thread.
#undef SIMDJSON_THREADS_ENABLED
#include <simdjson.h>
#include <string>
#include <system_error>
#include <unordered_map>

namespace dcexit {

namespace {

namespace fs = std::filesystem;

struct SizeRow {
  std::string_view size;
  double vcpus;
  double memory_gb;
};
// The most one unit (an hour of a VM, a GB-month of disk) may cost in a price list: the
// dearest VM of either cloud costs a few hundred a hour. A larger price is refused where it
// stands, so that every figure of the business case stays finite (1e308 is valid JSON).
constexpr double k_most_unit_price = 1e6;

constexpr SizeRow k_azure_sizes[] = {
#include "cost/azure_sizes.inc"
};

thread_local std::size_t t_position_work = 0;

// 1-based line and column of byte `offset` in `text`. Errors come in the order of the file, so
// each call goes on from where the last one in the same text stopped: a list with a bad price
// on every row costs one pass, not one pass a row.
std::pair<std::uint32_t, std::uint32_t> position(std::string_view text, std::size_t offset) {
  struct Cursor {
    const char* text = nullptr;
    std::size_t size = 0;
    std::size_t offset = 0;
    std::uint32_t line = 1;
    std::size_t line_start = 0;
  };
  thread_local Cursor cursor;
  offset = std::min(offset, text.size());
  if (cursor.text != text.data() || cursor.size != text.size() || offset < cursor.offset) {
    cursor = Cursor{text.data(), text.size(), 0, 1, 0};
  }
  t_position_work += offset - cursor.offset;
  for (std::size_t i = cursor.offset; i < offset; ++i) {
    if (text[i] == '\n') {
      ++cursor.line;
      cursor.line_start = i + 1;
    }
  }
  cursor.offset = offset;
  return {cursor.line, static_cast<std::uint32_t>(offset - cursor.line_start + 1)};
}

void report(DiagnosticSink& sink, const std::string& file, std::string_view text,
            std::size_t offset, std::string message) {
  const auto [line, column] = position(text, offset);
  sink.add(Diagnostic::make(Severity::error, SourceLocation{file, line, column}, Code::bad_prices,
                            std::move(message)));
}

bool contains(std::string_view text, std::string_view what) {
  return text.find(what) != std::string_view::npos;
}

// What one file added, before the lists are merged.
struct FileList {
  std::optional<Provider> provider;
  std::string currency;
  std::size_t currency_offset = 0;
};

class Reader {
 public:
  Reader(const CostSettings& settings, DiagnosticSink& sink) : m_settings(settings), m_sink(sink) {
    for (const SizeShape& shape : settings.sizes) {
      m_shapes.emplace(shape.size, std::pair{shape.vcpus, shape.memory_gb});  // the profile's first
    }
    for (const SizeRow& row : k_azure_sizes) {
      m_shapes.emplace(row.size, std::pair{row.vcpus, row.memory_gb});
    }
  }

  PriceList list;

  // One file; false when it could not be read at all.
  bool read(const std::string& file, std::string content) {
    const auto first = content.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first == std::string::npos) {
      report(m_sink, file, content, 0, "an empty price list");
      return false;
    }
    list.files.push_back(file);
    FileList seen;
    bool ok = false;
    if (content[first] == '{') {
      ok = read_azure(file, content, seen);
    } else if (content.compare(first, 15, "\"FormatVersion\"") == 0 ||
               content.compare(first, 13, "FormatVersion") == 0) {
      ok = read_aws(file, content, seen);
    } else {
      report(m_sink, file, content, first,
             "not a price list: neither the Azure Retail Prices API's JSON (a page with "
             "'Items') nor the AWS Price List bulk CSV (\"FormatVersion\" first); see "
             "docs/cost.md");
      return false;
    }
    if (!ok) {
      return false;
    }
    return merge(file, content, seen);
  }

 private:
  bool merge(const std::string& file, std::string_view content, const FileList& seen) {
    if (!seen.provider) {
      return true;  // nothing priced in it
    }
    if (m_provider && *m_provider != *seen.provider) {
      report(m_sink, file, content, 0,
             fmt::format("prices for {} after prices for {}: one target cloud at a time",
                         to_string(*seen.provider), to_string(*m_provider)));
      return false;
    }
    m_provider = seen.provider;
    list.provider = *seen.provider;
    if (!list.currency.empty() && !seen.currency.empty() && list.currency != seen.currency) {
      report(m_sink, file, content, seen.currency_offset,
             fmt::format("prices in {} after prices in {}: one currency at a time", seen.currency,
                         list.currency));
      return false;
    }
    if (list.currency.empty()) {
      list.currency = seen.currency;
    }
    return true;
  }

  void note_currency(FileList& seen, std::string_view currency, std::size_t offset,
                     const std::string& file, std::string_view content, bool& ok) {
    if (currency.empty()) {
      return;
    }
    if (seen.currency.empty()) {
      seen.currency = std::string(currency);
      seen.currency_offset = offset;
    } else if (seen.currency != currency && ok) {
      report(m_sink, file, content, offset,
             fmt::format("a price in {} among prices in {}: one currency at a time", currency,
                         seen.currency));
      ok = false;
    }
  }

  // ---- Azure: {"BillingCurrency": …, "Items": [{…}, …], "NextPageLink": …} per page ----------

  // The length of the longest top-level JSON value in `text` (pages one after another), by
  // counting brackets outside strings: one pass, no allocation. Unbalanced text counts whole.
  static std::size_t largest_document(std::string_view text) {
    std::size_t largest = 0;
    std::size_t start = 0;
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (in_string) {
        i += c == '\\' ? 1 : 0;
        in_string = c != '"';
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        start = depth++ == 0 ? i : start;
      } else if ((c == '}' || c == ']') && depth > 0 && --depth == 0) {
        largest = std::max(largest, i + 1 - start);
      }
    }
    return depth > 0 ? std::max(largest, text.size() - start) : largest;
  }

  struct AzureItem {
    std::string_view currency, sku, region, unit, product, meter, type, service;
    double price = 0;
    bool has_price = false;
  };

  // One Azure file as it is read: where a page starts, its number, and whether a price in it
  // was refused (the others are still read, so that every bad price is reported).
  struct AzureFile {
    const std::string& file;
    const std::string& content;
    FileList& seen;
    std::size_t at = 0;    // the page's offset
    std::size_t page = 0;  // its number, from 1
    bool ok = true;
  };

  bool read_azure(const std::string& file, std::string& content, FileList& seen) {
    const std::size_t length = content.size();
    content.append(simdjson::SIMDJSON_PADDING, ' ');  // the parser reads past the end
    simdjson::ondemand::parser parser;
    simdjson::ondemand::document_stream stream;
    // The parser's index is sized by the batch: the largest page (the API's are about 0.5 MB)
    // and not the whole file, so that 450 MB of pages is not indexed at once.
    const std::size_t batch = std::max<std::size_t>(
        largest_document(std::string_view(content).substr(0, length)) + 64, 1U << 20U);
    if (auto error =
            parser
                .iterate_many(reinterpret_cast<const std::uint8_t*>(content.data()), length, batch)
                .get(stream)) {
      report(m_sink, file, content, 0,
             fmt::format("cannot read the JSON: {}", simdjson::error_message(error)));
      return false;
    }
    AzureFile azure{file, content, seen};
    for (auto it = stream.begin(); it != stream.end(); ++it) {
      azure.at = it.current_index();
      ++azure.page;
      simdjson::ondemand::document_reference document;
      const auto error_of_document = (*it).get(document);
      if (!read_page(document, azure, error_of_document)) {
        return false;
      }
    }
    if (stream.truncated_bytes() != 0) {
      report(m_sink, file, content, length - stream.truncated_bytes(),
             "the JSON ends inside a page (a truncated download?)");
      return false;
    }
    return azure.ok;
  }

  // A page: an object whose 'Items' list holds the prices.
  bool read_page(simdjson::ondemand::document_reference document, AzureFile& azure,
                 simdjson::error_code error_of_document) {
    simdjson::ondemand::object page;
    if (auto error = error_of_document != simdjson::SUCCESS ? error_of_document
                                                            : document.get_object().get(page)) {
      report(m_sink, azure.file, azure.content, azure.at,
             fmt::format("an Azure price page must be a JSON object: {}",
                         simdjson::error_message(error)));
      return false;
    }
    bool has_items = false;
    for (auto field : page) {
      std::string_view key;
      if (auto error = field.unescaped_key().get(key)) {
        report(m_sink, azure.file, azure.content, azure.at,
               fmt::format("cannot read the JSON: {}", simdjson::error_message(error)));
        return false;
      }
      if (key == "Items") {
        has_items = true;
        if (!read_items(field.value(), azure)) {
          return false;
        }
      }
    }
    if (!has_items) {
      report(m_sink, azure.file, azure.content, azure.at,
             "a JSON page without 'Items': not an Azure Retail Prices API response");
    }
    return has_items;
  }

  // A page's 'Items', each a price.
  bool read_items(simdjson::ondemand::value value, AzureFile& azure) {
    simdjson::ondemand::array items;
    if (auto error = value.get_array().get(items)) {
      report(m_sink, azure.file, azure.content, azure.at,
             fmt::format("'Items' must be a list: {}", simdjson::error_message(error)));
      return false;
    }
    std::size_t n = 0;
    for (auto element_result : items) {
      ++n;
      simdjson::ondemand::value element;
      AzureItem item;
      auto error = element_result.get(element);
      // Where the item starts, for a price refused in it (the stream reads `content`).
      const char* start = nullptr;
      const std::size_t item_at =
          error == simdjson::SUCCESS && element.current_location().get(start) == simdjson::SUCCESS
              ? static_cast<std::size_t>(start - azure.content.data())
              : azure.at;
      if (error == simdjson::SUCCESS) {
        ++list.items;
        error = read_item(element, item);
      }
      if (error != simdjson::SUCCESS) {
        report(m_sink, azure.file, azure.content, azure.at,
               fmt::format("page {} item {}: {}", azure.page, n, simdjson::error_message(error)));
        return false;
      }
      add_azure(azure.file, azure.content, item_at, azure.page, n, item, azure.seen, azure.ok);
    }
    return true;
  }

  static simdjson::error_code read_item(simdjson::ondemand::value element, AzureItem& item) {
    simdjson::ondemand::object object;
    if (auto error = element.get_object().get(object)) {
      return error;
    }
    for (auto field : object) {
      std::string_view key;
      if (auto error = field.unescaped_key().get(key)) {
        return error;
      }
      std::string_view* text = key == "currencyCode"    ? &item.currency
                               : key == "armSkuName"    ? &item.sku
                               : key == "armRegionName" ? &item.region
                               : key == "unitOfMeasure" ? &item.unit
                               : key == "productName"   ? &item.product
                               : key == "meterName"     ? &item.meter
                               : key == "type"          ? &item.type
                               : key == "serviceName"   ? &item.service
                                                        : nullptr;
      if (text != nullptr) {
        if (auto error = field.value().get_string().get(*text)) {
          return error;
        }
      } else if (key == "retailPrice") {
        if (auto error = field.value().get_double().get(item.price)) {
          return error;
        }
        item.has_price = true;
      }
    }
    return simdjson::SUCCESS;
  }

  void add_azure(const std::string& file, std::string_view content, std::size_t at,
                 std::size_t page, std::size_t n, const AzureItem& item, FileList& seen, bool& ok) {
    if (item.has_price && !(item.price <= k_most_unit_price)) {
      report(m_sink, file, content, at,
             fmt::format("item {}: 'retailPrice' {:g} is not a price dcexit takes: at most {:g} "
                         "a unit",
                         n, item.price, k_most_unit_price));
      ok = false;
      return;
    }
    if (!item.has_price || item.price < 0 || item.type != "Consumption") {
      return;  // reservations, dev/test and savings plans are not pay-as-you-go prices
    }
    seen.provider = Provider::azure;
    note_currency(seen, item.currency, at, file, content, ok);
    // The strings of a price are built only for the items kept.
    const auto source = [&] {
      return page == 1 ? fmt::format("{} item {}", file, n)
                       : fmt::format("{} page {} item {}", file, page, n);
    };
    if (item.unit == "1 GB/Month" && item.product == m_settings.azure_storage_product) {
      list.storage.push_back({std::string(item.region), item.price,
                              fmt::format("{} {}", item.product, item.meter), source()});
      return;
    }
    const bool vm =
        item.service == "Virtual Machines" || item.product.starts_with("Virtual Machines");
    if (item.unit != "1 Hour" || !vm || item.sku.empty() || contains(item.meter, "Spot") ||
        contains(item.meter, "Low Priority")) {
      return;
    }
    const auto shape = m_shapes.find(item.sku);
    if (shape == m_shapes.end()) {
      ++list.unsized;
      return;
    }
    ComputePrice price;
    price.size = std::string(item.sku);
    price.region = std::string(item.region);
    price.windows = item.product.ends_with("Windows");
    price.hourly = item.price;
    price.product = fmt::format("{}, {}", item.product, item.meter);
    price.source = source();
    price.vcpus = shape->second.first;
    price.memory_gb = shape->second.second;
    list.compute.push_back(std::move(price));
  }

  // ---- AWS: five metadata lines, the header, then one price a row ------------------------------

  // Splits one CSV record starting at `pos` (RFC 4180 quoting); returns the offset after it.
  static std::size_t split_record(std::string_view text, std::size_t pos,
                                  std::vector<std::string_view>& fields,
                                  std::deque<std::string>& owned) {
    fields.clear();
    owned.clear();  // a record's unescaped fields live until the next record is split
    while (true) {
      if (pos < text.size() && text[pos] == '"') {
        std::string value;
        bool escaped = false;
        std::size_t i = pos + 1;
        const std::size_t start = i;
        for (; i < text.size(); ++i) {
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              escaped = true;
              value.push_back('"');
              ++i;
              continue;
            }
            break;
          }
          value.push_back(text[i]);
        }
        if (escaped) {
          owned.push_back(std::move(value));
          fields.emplace_back(owned.back());
        } else {
          fields.push_back(text.substr(start, i - start));
        }
        pos = std::min(i + 1, text.size());
      } else {
        const std::size_t end = text.find_first_of(",\r\n", pos);
        const std::size_t stop = end == std::string_view::npos ? text.size() : end;
        fields.push_back(text.substr(pos, stop - pos));
        pos = stop;
      }
      if (pos < text.size() && text[pos] == ',') {
        ++pos;
        continue;
      }
      // End of the record: skip its line end.
      if (pos < text.size() && text[pos] == '\r') {
        ++pos;
      }
      if (pos < text.size() && text[pos] == '\n') {
        ++pos;
      }
      return pos;
    }
  }

  // Where each column the reader uses is in an AWS header (SIZE_MAX: absent, reads as empty).
  struct AwsColumns {
    std::size_t term, family, unit, region, price, volume, currency, description, os, capacity,
        licence, tenancy, software, type, memory, vcpu;
  };

  // One AWS file as it is read: the record being read, its line and offset, and whether a price
  // in it was refused (the others are still read, so that every bad price is reported).
  struct AwsFile {
    const std::string& file;
    std::string_view content;
    FileList& seen;
    std::vector<std::string_view> fields;
    std::deque<std::string> owned;
    std::size_t pos = 0;
    std::size_t at = 0;
    std::uint32_t line = 0;
    bool ok = true;

    void next() {
      at = pos;
      pos = split_record(content, pos, fields, owned);
      ++line;
    }
    [[nodiscard]] std::string_view get(std::size_t i) const {
      return i < fields.size() ? fields[i] : std::string_view();
    }
  };

  bool read_aws(const std::string& file, std::string_view content, FileList& seen) {
    AwsFile aws{file, content, seen, {}, {}};
    // The metadata: FormatVersion, Disclaimer, Publication Date, Version, OfferCode.
    std::string offer;
    while (aws.pos < content.size() && aws.line < 5) {
      aws.next();
      if (aws.fields.size() >= 2 && aws.fields[0] == "OfferCode") {
        offer = std::string(aws.fields[1]);
      }
    }
    if (offer != "AmazonEC2") {
      report(m_sink, file, content, 0,
             fmt::format("an AWS price list for '{}': dcexit reads the bulk CSV of AmazonEC2 "
                         "(offers/v1.0/aws/AmazonEC2/current/REGION/index.csv)",
                         printable(offer)));
      return false;
    }
    aws.next();
    const auto columns = aws_columns(aws);
    if (!columns) {
      return false;
    }
    while (aws.pos < content.size()) {
      aws.next();
      if (aws.fields.size() > 1) {  // not a blank line
        ++list.items;
        read_aws_row(*columns, aws);
      }
    }
    if (!seen.provider) {
      seen.provider = Provider::aws;  // a list with no usable row is still AWS's
    }
    return aws.ok;
  }

  // The header's columns, or none after reporting every one missing.
  std::optional<AwsColumns> aws_columns(const AwsFile& aws) {
    std::unordered_map<std::string, std::size_t> column;  // owned: the header's fields go
    for (std::size_t i = 0; i < aws.fields.size(); ++i) {
      column.emplace(aws.fields[i], i);
    }
    constexpr std::array k_required = {std::string_view("TermType"),
                                       std::string_view("Unit"),
                                       std::string_view("PricePerUnit"),
                                       std::string_view("Currency"),
                                       std::string_view("Product Family"),
                                       std::string_view("Instance Type"),
                                       std::string_view("vCPU"),
                                       std::string_view("Memory"),
                                       std::string_view("Operating System"),
                                       std::string_view("Tenancy"),
                                       std::string_view("Pre Installed S/W"),
                                       std::string_view("License Model")};
    bool ok = true;
    for (std::string_view name : k_required) {
      if (!column.contains(std::string(name))) {
        report(m_sink, aws.file, aws.content, aws.at,
               fmt::format("the AWS price list's header has no '{}' column", name));
        ok = false;
      }
    }
    const bool has_region_code = column.contains(std::string("Region Code"));
    if (!has_region_code && !column.contains(std::string("Location"))) {
      report(m_sink, aws.file, aws.content, aws.at,
             "the AWS price list's header has neither 'Region Code' nor 'Location'");
      ok = false;
    }
    if (!ok) {
      return std::nullopt;
    }
    const auto index_of = [&](std::string_view name) {
      const auto found = column.find(std::string(name));
      return found == column.end() ? SIZE_MAX : found->second;
    };
    return AwsColumns{index_of("TermType"),
                      index_of("Product Family"),
                      index_of("Unit"),
                      index_of(has_region_code ? "Region Code" : "Location"),
                      index_of("PricePerUnit"),
                      index_of("Volume API Name"),
                      index_of("Currency"),
                      index_of("PriceDescription"),
                      index_of("Operating System"),
                      index_of("CapacityStatus"),
                      index_of("License Model"),
                      index_of("Tenancy"),
                      index_of("Pre Installed S/W"),
                      index_of("Instance Type"),
                      index_of("Memory"),
                      index_of("vCPU")};
  }

  // One row: an on-demand price of the storage volume the profile names, or of a shared,
  // Linux or Windows instance with no software, licence included; other rows are skipped.
  void read_aws_row(const AwsColumns& c, AwsFile& aws) {
    if (aws.get(c.term) != "OnDemand") {
      return;
    }
    const std::string_view family = aws.get(c.family);
    const std::string_view unit = aws.get(c.unit);
    double price = 0;
    const std::string_view price_text = aws.get(c.price);
    if (!parse_number(price_text, price) || price < 0 || price > k_most_unit_price) {
      report(m_sink, aws.file, aws.content, aws.at,
             fmt::format("line {}: 'PricePerUnit' is not a price: '{}'{}", aws.line,
                         printable(price_text),
                         price > k_most_unit_price
                             ? fmt::format(" (at most {:g} a unit)", k_most_unit_price)
                             : std::string()));
      aws.ok = false;
      return;
    }
    if (family == "Storage" && unit == "GB-Mo" && aws.get(c.volume) == m_settings.aws_volume) {
      aws.seen.provider = Provider::aws;
      note_currency(aws.seen, aws.get(c.currency), aws.at, aws.file, aws.content, aws.ok);
      list.storage.push_back({std::string(aws.get(c.region)), price,
                              std::string(aws.get(c.description)),
                              fmt::format("{}:{}", aws.file, aws.line)});
      return;
    }
    const std::string_view os = aws.get(c.os);
    const std::string_view capacity = aws.get(c.capacity);
    if (!family.starts_with("Compute Instance") || unit != "Hrs" ||
        aws.get(c.tenancy) != "Shared" || aws.get(c.software) != "NA" ||
        (!capacity.empty() && capacity != "Used") || (os != "Linux" && os != "Windows") ||
        aws.get(c.licence) == "Bring your own license") {
      return;
    }
    add_aws_compute(c, price, aws);
  }

  // An instance's hourly price, with its shape from the row (a row without one is skipped).
  void add_aws_compute(const AwsColumns& c, double price, AwsFile& aws) {
    ComputePrice line_price;
    line_price.size = std::string(aws.get(c.type));
    line_price.region = std::string(aws.get(c.region));
    line_price.windows = aws.get(c.os) == "Windows";
    line_price.hourly = price;
    line_price.product = std::string(aws.get(c.description));
    line_price.source = fmt::format("{}:{}", aws.file, aws.line);
    std::string_view memory = aws.get(c.memory);
    if (memory.ends_with(" GiB")) {
      memory.remove_suffix(4);
    }
    std::string memory_text(memory);
    memory_text.erase(std::remove(memory_text.begin(), memory_text.end(), ','), memory_text.end());
    if (!parse_number(aws.get(c.vcpu), line_price.vcpus) ||
        !parse_number(memory_text, line_price.memory_gb)) {
      return;  // a shape the list does not give (NA)
    }
    aws.seen.provider = Provider::aws;
    note_currency(aws.seen, aws.get(c.currency), aws.at, aws.file, aws.content, aws.ok);
    list.compute.push_back(std::move(line_price));
  }

  static bool parse_number(std::string_view text, double& out) {
    if (text.empty()) {
      return false;
    }
    const std::string copy(text);
    char* end = nullptr;
    out = std::strtod(copy.c_str(), &end);
    return end == copy.c_str() + copy.size() && std::isfinite(out);
  }

  const CostSettings& m_settings;
  DiagnosticSink& m_sink;
  std::unordered_map<std::string_view, std::pair<double, double>> m_shapes;  // vCPUs, GiB
  std::optional<Provider> m_provider;
};

PriceList finish(PriceList list);

}  // namespace

namespace {

bool is_price_name(const std::string& name) {
  return name.ends_with(".json") || name.ends_with(".csv");
}

// The price lists `path` names: itself, or when it is a folder, each .json or .csv file in it
// (not in its folders), in name order. False, with an error naming the folder or the entry,
// when the folder cannot be read or an entry with a price list's name cannot be (a link to
// nowhere, a loop of links): unreadable; when the folder holds no price list: invalid.
std::optional<LoadFailure> price_files(const std::string& path, std::vector<std::string>& files,
                                       DiagnosticSink& sink) {
  std::error_code error;
  if (!fs::is_directory(path, error)) {
    files.push_back(path);
    return std::nullopt;
  }
  bool ok = true;
  for (fs::directory_iterator it(path, error); !error && it != fs::directory_iterator();
       it.increment(error)) {
    const std::string name = it->path().filename().string();
    std::error_code entry_error;
    const bool regular = it->is_regular_file(entry_error);
    if (is_price_name(name) && entry_error) {
      report_unreadable(sink, it->path().string(), entry_error.message());
      ok = false;
    } else if (is_price_name(name) && regular) {
      files.push_back(it->path().string());
    }
  }
  std::sort(files.begin(), files.end());
  if (error) {
    sink.error({path, 1, 1}, Code::unreadable,
               fmt::format("cannot read directory '{}': {}", path, error.message()));
    return LoadFailure::unreadable;
  }
  if (!ok) {
    return LoadFailure::unreadable;
  }
  if (files.empty()) {
    sink.add(Diagnostic::make(Severity::error, SourceLocation{path, 1, 1}, Code::bad_prices,
                              "a folder without .json or .csv price lists"));
    return LoadFailure::invalid;
  }
  return std::nullopt;
}

}  // namespace

tl::expected<PriceList, LoadFailure> load_price_lists(const std::vector<std::string>& paths,
                                                      const CostSettings& settings,
                                                      DiagnosticSink& sink) {
  Reader reader(settings, sink);
  bool ok = true;
  bool unreadable = false;
  for (const std::string& path : paths) {
    std::vector<std::string> files;
    const std::optional<LoadFailure> failure = price_files(path, files, sink);
    unreadable = unreadable || failure == LoadFailure::unreadable;
    ok = ok && !failure;
    for (const std::string& file : files) {
      // Room for simdjson's padding: appending it must not copy a 450 MB list again.
      auto content = read_input(file, k_max_input_bytes, simdjson::SIMDJSON_PADDING + 1);
      if (!content) {
        report_unreadable(sink, file, content.error());
        unreadable = true;
        continue;
      }
      ok = reader.read(file, std::move(*content)) && ok;
    }
  }
  if (unreadable) {
    return tl::unexpected(LoadFailure::unreadable);
  }
  if (!ok || sink.has_errors()) {
    return tl::unexpected(LoadFailure::invalid);
  }
  return finish(std::move(reader.list));
}

tl::expected<PriceList, LoadFailure> read_price_list(const std::string& file, std::string content,
                                                     const CostSettings& settings,
                                                     DiagnosticSink& sink) {
  Reader reader(settings, sink);
  if (!reader.read(file, std::move(content)) || sink.has_errors()) {
    return tl::unexpected(LoadFailure::invalid);
  }
  return finish(std::move(reader.list));
}

namespace {

PriceList finish(PriceList list) {
  // One price per size, region and OS family: the cheapest, then the first read.
  std::stable_sort(list.compute.begin(), list.compute.end(),
                   [](const ComputePrice& a, const ComputePrice& b) {
                     return std::tie(a.region, a.size, a.windows, a.hourly) <
                            std::tie(b.region, b.size, b.windows, b.hourly);
                   });
  list.compute.erase(std::unique(list.compute.begin(), list.compute.end(),
                                 [](const ComputePrice& a, const ComputePrice& b) {
                                   return a.region == b.region && a.size == b.size &&
                                          a.windows == b.windows;
                                 }),
                     list.compute.end());
  std::stable_sort(list.storage.begin(), list.storage.end(),
                   [](const StoragePrice& a, const StoragePrice& b) {
                     return std::tie(a.region, a.gb_month) < std::tie(b.region, b.gb_month);
                   });
  return list;
}

}  // namespace

namespace detail {

std::size_t price_position_work() {
  return t_position_work;
}

}  // namespace detail

}  // namespace dcexit
