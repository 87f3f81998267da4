// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/text.hpp"

#include <dcexit/inventory.hpp>

#include <fmt/format.h>

#include <array>

namespace dcexit {

std::string_view to_string(Strategy strategy) {
  switch (strategy) {
    case Strategy::retire:
      return "retire";
    case Strategy::retain:
      return "retain";
    case Strategy::rehost:
      return "rehost";
    case Strategy::relocate:
      return "relocate";
    case Strategy::replatform:
      return "replatform";
    case Strategy::repurchase:
      return "repurchase";
    case Strategy::refactor:
      return "refactor";
  }
  return "unknown";
}

std::string_view to_string(Criticality criticality) {
  switch (criticality) {
    case Criticality::low:
      return "low";
    case Criticality::medium:
      return "medium";
    case Criticality::high:
      return "high";
    case Criticality::critical:
      return "critical";
  }
  return "unknown";
}

std::string_view to_string(Target target) {
  constexpr std::array<std::string_view, 3> k_names = {"generic", "azure", "aws"};
  return k_names[static_cast<std::size_t>(target)];
}

std::string_view to_string(ServesUntil until) {
  return until == ServesUntil::last_dependant ? "last-dependant" : "site-exit";
}

std::string_view to_string(ProgressStatus status) {
  switch (status) {
    case ProgressStatus::planned:
      return "planned";
    case ProgressStatus::in_progress:
      return "in-progress";
    case ProgressStatus::done:
      return "done";
    case ProgressStatus::rolled_back:
      return "rolled-back";
  }
  return "unknown";
}

std::string_view to_string(Coupling coupling) {
  switch (coupling) {
    case Coupling::prerequisite:
      return "prerequisite";
    case Coupling::hard:
      return "hard";
    case Coupling::soft:
      return "soft";
  }
  return "unknown";
}

tl::expected<Index, Diagnostic> find_application(const Inventory& inventory, std::string_view id) {
  if (auto app = inventory.find_application(id)) {
    return *app;
  }
  std::vector<std::string_view> ids;
  ids.reserve(inventory.applications.size());
  for (const Application& app : inventory.applications) {
    ids.emplace_back(app.id);
  }
  return tl::unexpected(Diagnostic::make(
      Severity::error, {}, Code::usage,
      fmt::format("no application '{}' in {}{}", id, inventory.label, did_you_mean_id(id, ids))));
}

SourceLocation Inventory::where(const Location& location) const {
  if (location.file == k_option_file) {
    return {std::string(k_option_file_name), location.line, location.column};
  }
  return {files.empty() ? label : files[location.file], location.line, location.column};
}

}  // namespace dcexit
