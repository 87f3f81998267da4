// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <dcexit/inventory.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dcexit {

class DiagnosticSink;

// What the model knows about an app, each as a value in 0..1 (docs/scoring.md).
enum class Signal : std::uint8_t {
  unused, low_users, idle, saas_fit, cots, custom_code, os_out_of_support,
  platform_out_of_support, physical, large_data, strict_dr, contract_ends, critical,
  many_dependants, growing,
};
inline constexpr std::size_t k_signal_count = 15;
std::string_view to_string(Signal signal);

// A condition under which a strategy cannot apply.
enum class GateCondition : std::uint8_t {
  no_servers, kind_in, os_family_in, os_name_contains, has_physical_server, no_saas_alternative,
};
std::string_view to_string(GateCondition condition);

struct Gate {
  GateCondition condition = GateCondition::no_servers;
  std::vector<std::string> values;  // for the *_in / *_contains conditions, compared ignoring case
  std::string reason;               // `{match}` is replaced by what matched
};

struct EffortModel {
  double fixed = 0;
  double per_server = 0;
  double per_tb = 0;
};

struct StrategyProfile {
  double base = 0;
  std::array<double, k_signal_count> weights{};
  std::vector<Gate> gates;
  EffortModel effort;
};

// The tunable model: one entry per strategy, in k_strategies order, and the effort settings.
struct ScoringProfile {
  std::string name;
  std::array<StrategyProfile, 7> strategies{};
  std::array<double, 4> criticality_multiplier{0.8, 1.0, 1.25, 1.5};  // low..critical
  double per_link = 0.03;
  double low_factor = 0.7;
  double high_factor = 1.6;

  [[nodiscard]] const StrategyProfile& of(Strategy s) const {
    return strategies[static_cast<std::size_t>(s)];
  }
};

// The built-in profile's text (profiles/default.yaml).
std::string_view default_profile_text();
// The built-in profile, parsed.
const ScoringProfile& default_profile();

// Reads a profile file over the default (or over nothing, with `extends: none`); every problem
// goes to `sink` as FILE:LINE:COLUMN. The result is usable only without errors.
ScoringProfile load_profile(std::string_view file, std::string_view content, DiagnosticSink& sink);

}  // namespace dcexit
