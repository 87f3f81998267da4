// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include <dcexit/load.hpp>

#include <fmt/format.h>

namespace dcexit {

namespace {
std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}
}  // namespace

std::string ValidationReport::summary() const {
  return fmt::format(
      "{}: {}: {}, {}, {}; {}, {}", label,
      diagnostics.has_errors() || unreadable ? "invalid" : "valid", plural(sites, "site"),
      plural(servers, "server"), plural(applications, "application"),
      plural(diagnostics.error_count(), "error"), plural(diagnostics.warning_count(), "warning"));
}

ValidationReport validate_estate(const std::string& path, const ValidationOptions& options) {
  ValidationReport report;
  report.label = path == "-" ? "<stdin>" : path;
  LoadResult loaded = load_inventory(path, report.diagnostics);
  report.unreadable = loaded.unreadable;
  report.sites = loaded.inventory.sites.size();
  report.servers = loaded.inventory.servers.size();
  report.applications = loaded.inventory.applications.size();
  if (options.strict) {
    report.diagnostics.promote_warnings();
  }
  report.diagnostics.sort();
  return report;
}

}  // namespace dcexit
