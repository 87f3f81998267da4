// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// `dcexit import`'s options read into the library's (today's date, --start, --site, --map,
// --apps), each refused with a usage error when it is not what it says.
#include "common.hpp"
#include "import_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <iterator>

namespace dcexit::cli {

namespace {

// Today, or the day SOURCE_DATE_EPOCH names, so that runs can be reproduced byte for byte;
// nullopt after an error when SOURCE_DATE_EPOCH is set but is no such day.
std::optional<Date> today() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char* end = nullptr;
    errno = 0;
    const long long seconds = std::strtoll(epoch, &end, 10);
    const Date last = Date::from_civil(Date::k_last_input_year, 12, 31);
    if (errno != 0 || end == nullptr || *end != '\0' || seconds < 0 ||
        seconds / 86400 > last.days) {
      usage_error(
          fmt::format("SOURCE_DATE_EPOCH '{}' is not a day dcexit can use: whole seconds "
                      "since 1970-01-01, up to {}",
                      epoch, last.to_string()));
      return std::nullopt;
    }
    return Date{static_cast<std::int32_t>(seconds / 86400)};
  }
  const auto now = std::chrono::system_clock::now();
  return Date{static_cast<std::int32_t>(
      std::chrono::duration_cast<std::chrono::days>(now.time_since_epoch()).count())};
}

// --map SOURCE=COLUMN, each.
bool read_maps(const ImportCommandOptions& o, ImportOptions& options) {
  for (const std::string& map : o.maps) {
    const auto equals = map.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == map.size()) {
      usage_error(fmt::format("--map '{}' is not SOURCE=COLUMN", map));
      return false;
    }
    options.column_map.emplace_back(map.substr(0, equals), map.substr(equals + 1));
  }
  return true;
}

// --apps MODE[=KEY].
bool read_apps(const ImportCommandOptions& o, ImportOptions& options) {
  if (o.apps.empty()) {
    return true;
  }
  const auto equals = o.apps.find('=');
  const std::string mode = o.apps.substr(0, equals);
  const std::string key = equals == std::string::npos ? "" : o.apps.substr(equals + 1);
  const auto found = std::find_if(std::begin(k_app_groupings), std::end(k_app_groupings),
                                  [&](const auto& g) { return g.first == mode; });
  const bool keyed = mode == "by-annotation" || mode == "by-tag";
  if (found == std::end(k_app_groupings) || keyed != (equals != std::string::npos) ||
      (keyed && key.find_first_not_of(" \t") == std::string::npos)) {
    usage_error(fmt::format(
        "--apps '{}' is not per-vm, by-folder, by-annotation=KEY or by-tag=CATEGORY", o.apps));
    return false;
  }
  options.apps = found->second;
  options.apps_key = key;
  return true;
}

}  // namespace

std::optional<ImportOptions> library_options(const ImportCommandOptions& o) {
  ImportOptions options;
  options.estate_name = o.name;
  const auto day = today();
  if (!day) {
    return std::nullopt;
  }
  options.today = *day;
  options.site = o.site;
  if (!o.start.empty()) {
    options.start = Date::parse(o.start);
    if (!options.start) {
      usage_error(fmt::format("--start '{}' is not a date as YYYY-MM-DD", o.start));
      return std::nullopt;
    }
  }
  if (!o.site.empty() && !is_valid_id(o.site)) {
    usage_error(fmt::format("--site '{}' is not an id ([a-z0-9][a-z0-9._-]*)", o.site));
    return std::nullopt;
  }
  if (!read_maps(o, options) || !read_apps(o, options)) {
    return std::nullopt;
  }
  return options;
}

}  // namespace dcexit::cli
