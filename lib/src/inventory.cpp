// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include <dcexit/inventory.hpp>

namespace dcexit {

std::string_view to_string(Strategy strategy) {
  switch (strategy) {
    case Strategy::retire: return "retire";
    case Strategy::retain: return "retain";
    case Strategy::rehost: return "rehost";
    case Strategy::relocate: return "relocate";
    case Strategy::replatform: return "replatform";
    case Strategy::repurchase: return "repurchase";
    case Strategy::refactor: return "refactor";
  }
  return "unknown";
}

std::string_view to_string(Criticality criticality) {
  switch (criticality) {
    case Criticality::low: return "low";
    case Criticality::medium: return "medium";
    case Criticality::high: return "high";
    case Criticality::critical: return "critical";
  }
  return "unknown";
}

std::string_view to_string(Coupling coupling) {
  switch (coupling) {
    case Coupling::prerequisite: return "prerequisite";
    case Coupling::hard: return "hard";
    case Coupling::soft: return "soft";
  }
  return "unknown";
}

}  // namespace dcexit
