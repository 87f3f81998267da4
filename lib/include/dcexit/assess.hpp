// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Stage 3, assess: the scoring profile and a strategy, score, confidence and effort per app.
#pragma once

#include <dcexit/cost.hpp>
#include <dcexit/graph.hpp>
#include <dcexit/inventory.hpp>
#include <dcexit/load.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dcexit {

class DiagnosticSink;

// What the model knows about an app, each as a value in 0..1 (docs/scoring.md).
enum class Signal : std::uint8_t {
  unused,
  low_users,
  idle,
  saas_fit,
  cots,
  custom_code,
  os_out_of_support,
  platform_out_of_support,
  physical,
  large_data,
  strict_dr,
  contract_ends,
  critical,
  many_dependants,
  growing,
};
inline constexpr std::size_t k_signal_count = 15;
std::string_view to_string(Signal signal);

// A condition under which a strategy cannot apply.
enum class GateCondition : std::uint8_t {
  no_servers,
  kind_in,
  os_family_in,
  os_name_contains,
  has_physical_server,
  no_saas_alternative,
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
  CostSettings cost;  // the business case's assumptions (docs/cost.md)

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
// The profile in the file at `path` (the built-in one when `path` is empty), its diagnostics
// added to `sink`; an error when the file cannot be read or is invalid.
tl::expected<ScoringProfile, LoadFailure> load_profile_file(const std::string& path,
                                                            DiagnosticSink& sink);

// One signal for one app: whether the inventory has the data, and its value 0..1.
struct SignalReading {
  bool known = false;
  double value = 0;
};

struct StrategyScore {
  double score = 0;  // base + the sum of points() over the signals; 0 when gated
  bool feasible = true;
  int gate = -1;           // index of the gate that fired in the profile's list
  std::string gate_match;  // what matched (a server, an OS name), for its reason
};

struct EffortEstimate {
  double low = 0;
  double likely = 0;
  double high = 0;
};

// A signal and what it adds to the chosen strategy's score.
struct RankedSignal {
  Signal signal = Signal::unused;
  double points = 0;
};
inline constexpr std::size_t k_top_signals = 3;

// The signals that weigh most on an app's strategy, strongest first: at most k_top_signals,
// held in place (no allocation per app).
class TopSignals {
 public:
  void push_back(RankedSignal signal) { m_items[m_count++] = signal; }
  [[nodiscard]] std::size_t size() const { return m_count; }
  [[nodiscard]] const RankedSignal& operator[](std::size_t i) const { return m_items[i]; }
  [[nodiscard]] const RankedSignal* begin() const { return m_items.data(); }
  [[nodiscard]] const RankedSignal* end() const { return m_items.data() + m_count; }

 private:
  std::array<RankedSignal, k_top_signals> m_items{};
  std::uint8_t m_count = 0;
};

struct AppAssessment {
  std::array<SignalReading, k_signal_count> signals{};
  std::array<StrategyScore, 7> scores{};  // in k_strategies order
  Strategy model_strategy = Strategy::rehost;
  Strategy strategy = Strategy::rehost;  // the decision's if there is one, else the model's
  bool from_decision = false;
  double confidence = 0;
  EffortEstimate effort;  // for `strategy`
  TopSignals top;         // the signals that weigh most on `strategy`, strongest first
};

// What the signals were measured against.
struct SignalContext {
  Date reference;  // the deadline, or a year after the start without one
  std::vector<std::uint32_t> direct_dependants;  // by prerequisite or hard coupling
  std::vector<std::uint32_t> soft_dependants;    // only by soft coupling (not counted)
  std::vector<double> transitive_dependants;     // by prerequisite or hard coupling
  std::vector<std::optional<double>> data_gb;    // data.size_gb, or its share of server storage
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
std::string gate_reason(const ScoringProfile& profile, Strategy strategy,
                        const StrategyScore& score);

// The top `count` reasons for the app's strategy (at most k_top_signals, as ranked by assess()),
// each "+0.600 unused: usage_trend is unused", after the decision's reason when it has one.
std::vector<std::string> top_reasons(const Inventory& inventory, const Assessment& assessment,
                                     const ScoringProfile& profile, Index app, std::size_t count);
// Unknown signals that weigh on the chosen strategy, as the data that would raise confidence.
std::vector<std::string> missing_data(const Assessment& assessment, const ScoringProfile& profile,
                                      Index app);

// A suggestion that `assess` shows and nothing applies: the app looks like a service others rely
// on (many dependants, or an infrastructure tag), so its on-premises servers may have to outlive
// its cut-over (docs/planning.md, "Services and the hybrid period").
struct ServiceSuggestion {
  ServesUntil serves_until = ServesUntil::last_dependant;
  std::string why;  // "14 apps depend on it; tagged database"
};
inline constexpr std::uint32_t k_service_dependants = 3;
// The suggestion for an app without serves_until that the plan does not retain, if it looks like
// a shared service: k_service_dependants or more direct dependants, or a tag among directory,
// database, backup, monitoring and file-transfer. backup and monitoring serve a whole site
// (site-exit); the others their dependants (last-dependant).
std::optional<ServiceSuggestion> suggest_serves_until(const Inventory& inventory,
                                                      const Assessment& assessment, Index app);

}  // namespace dcexit
