// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <dcexit/dependency_graph.hpp>
#include <dcexit/inventory.hpp>
#include <dcexit/scoring_profile.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace dcexit {

// One signal for one app: whether the inventory has the data, and its value 0..1.
struct SignalReading {
  bool known = false;
  double value = 0;
};

struct StrategyScore {
  double score = 0;        // base + the sum of points() over the signals; 0 when gated
  bool feasible = true;
  int gate = -1;           // index of the gate that fired in the profile's list
  std::string gate_match;  // what matched (a server, an OS name), for its reason
};

struct EffortEstimate {
  double low = 0;
  double likely = 0;
  double high = 0;
};

struct AppAssessment {
  std::array<SignalReading, k_signal_count> signals{};
  std::array<StrategyScore, 7> scores{};  // in k_strategies order
  Strategy model_strategy = Strategy::rehost;
  Strategy strategy = Strategy::rehost;  // the decision's if there is one, else the model's
  bool from_decision = false;
  double confidence = 0;
  EffortEstimate effort;  // for `strategy`
};

// What the signals were measured against.
struct SignalContext {
  Date reference;  // the deadline, or a year after the start without one
  std::vector<std::uint32_t> direct_dependants;
  std::vector<double> transitive_dependants;
  std::vector<std::optional<double>> data_gb;  // data.size_gb, or its share of server storage
};

struct Assessment {
  SignalContext context;
  std::vector<AppAssessment> apps;  // one per inventory app, same order
};

// Scores every app for every strategy under `profile`.
Assessment assess(const Inventory& inventory, const DependencyGraph& graph,
                  const ScoringProfile& profile);

// The assessment's strategy for each app (the decision where there is one, else the model's).
std::vector<Strategy> assessed_strategies(const Assessment& assessment);

// A signal's contribution to a strategy, rounded to 0.001 so that shown numbers add up.
double points(const ScoringProfile& profile, Strategy strategy, Signal signal,
              const SignalReading& reading);

// Why a signal has its value for an app, in words ("usage_trend is unused").
std::string explain_signal(const Inventory& inventory, const SignalContext& context, Index app,
                           Signal signal, const SignalReading& reading);
// The inventory fields that would make an unknown signal known.
std::string_view signal_data(Signal signal);
// A gate's reason with `{match}` filled in.
std::string gate_reason(const ScoringProfile& profile, Strategy strategy, const StrategyScore& score);

// The top `count` reasons for the app's strategy, each "+0.600 unused: usage_trend is unused",
// after the decision's reason when it has one.
std::vector<std::string> top_reasons(const Inventory& inventory, const Assessment& assessment,
                                     const ScoringProfile& profile, Index app, std::size_t count);
// Unknown signals that weigh on the chosen strategy, as the data that would raise confidence.
std::vector<std::string> missing_data(const Assessment& assessment, const ScoringProfile& profile,
                                      Index app);

}  // namespace dcexit
