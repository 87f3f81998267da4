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
      "{}: {}: {}, {}, {}; {}, {}{}", label,
      diagnostics.has_errors() || unreadable ? "invalid" : "valid", plural(sites, "site"),
      plural(servers, "server"), plural(applications, "application"),
      plural(diagnostics.error_count(), "error"), plural(diagnostics.warning_count(), "warning"),
      diagnostics.note_count() == 0 ? "" : ", " + plural(diagnostics.note_count(), "note"));
}

ValidationReport validate_estate(const std::string& path, const ValidationOptions& options) {
  ValidationReport report;
  report.label = path == "-" ? "<stdin>" : path;
  LoadResult loaded = load_inventory(path, report.diagnostics, options.set);
  report.unreadable = loaded.unreadable;
  report.sites = loaded.inventory.sites.size();
  report.servers = loaded.inventory.servers.size();
  report.applications = loaded.inventory.applications.size();
  if (options.as_of && !report.unreadable && !report.diagnostics.has_errors()) {
    check_progress_as_of(loaded.inventory, *options.as_of, report.diagnostics);
  }
  if (options.strict) {
    report.diagnostics.promote_warnings();
  }
  report.diagnostics.sort();
  return report;
}

void check_progress_as_of(const Inventory& inventory, Date as_of, DiagnosticSink& sink) {
  const Date start = inventory.estate.start;
  const std::int64_t length = inventory.policy.wave.length_days;
  const auto wave_start = [&](std::uint32_t k) {
    return start.plus_days((static_cast<std::int64_t>(k) - 1) * length);
  };
  for (const Application& app : inventory.applications) {
    if (!app.progress) {
      continue;
    }
    const Progress& p = *app.progress;
    const auto at = inventory.where(p.location);
    if (p.status == ProgressStatus::done && p.date && as_of < *p.date) {
      sink.error(at, Code::bad_progress,
                 fmt::format("application '{}' is done on {}, after the as-of date {}: a cut-over "
                             "still to come is planned or in progress",
                             app.id, p.date->to_string(), as_of.to_string()));
    }
    if (!p.wave) {
      continue;
    }
    const Date from = wave_start(*p.wave);
    const Date to = wave_start(*p.wave + 1).plus_days(-1);
    if (p.status == ProgressStatus::in_progress && to < as_of) {
      sink.error(at, Code::bad_progress,
                 fmt::format("application '{}' is locked into wave {}, which ended on {}, before "
                             "the as-of date {}: record it done with its date, rolled back, or "
                             "locked into a later wave",
                             app.id, *p.wave, to.to_string(), as_of.to_string()));
    }
    if (p.status == ProgressStatus::planned && from < as_of) {
      sink.error(at, Code::bad_progress,
                 fmt::format("application '{}' is planned into wave {}, which started on {}, "
                             "before the as-of date {}: a wave in the past cannot be planned",
                             app.id, *p.wave, from.to_string(), as_of.to_string()));
    }
  }
}

}  // namespace dcexit
