// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/text.hpp"

#include <dcexit/assess.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace dcexit {

namespace {

// Adding 0.0 turns a negative zero into zero, so no score prints as "-0.000".
double round3(double x) {
  return std::round(x * 1000.0) / 1000.0 + 0.0;
}
double round1(double x) {
  return std::round(x * 10.0) / 10.0 + 0.0;
}

// The app's share of its servers' storage, in GB, when it does not give its data size.
std::optional<double> data_gb(const Inventory& inv, const DependencyGraph& graph, Index app) {
  const Application& a = inv.applications[app];
  if (a.data_size_gb) {
    return a.data_size_gb;
  }
  std::optional<double> total;
  for (Index s : a.servers) {
    if (inv.servers[s].storage_gb) {
      total = total.value_or(0) +
              *inv.servers[s].storage_gb /
                  static_cast<double>(std::max<std::size_t>(1, graph.apps_on_server(s).size()));
    }
  }
  return total;
}

// The earliest end of support among the app's servers, if any server gives one.
std::optional<Date> earliest_os_end(const Inventory& inv, Index app) {
  std::optional<Date> earliest;
  for (Index s : inv.applications[app].servers) {
    const auto& eos = inv.servers[s].os.end_of_support;
    if (eos && (!earliest || *eos < *earliest)) {
      earliest = eos;
    }
  }
  return earliest;
}

double support_value(Date end, const Inventory& inv, Date reference) {
  if (end < inv.estate.start) {
    return 1.0;  // already out of support
  }
  return end <= reference ? 0.5 : 0.0;  // runs out during the programme
}

using Readings = std::array<SignalReading, k_signal_count>;

Readings read_signals(const Inventory& inv, const SignalContext& context, Index app) {
  const Application& a = inv.applications[app];
  Readings r{};
  const auto set = [&](Signal s, double value) { r[static_cast<std::size_t>(s)] = {true, value}; };
  if (a.usage_trend || a.users) {
    const bool unused = a.usage_trend == UsageTrend::unused || a.users == 0;
    set(Signal::unused, unused ? 1.0 : a.usage_trend == UsageTrend::declining ? 0.5 : 0.0);
  }
  if (a.users) {
    set(Signal::low_users, *a.users <= 10 ? 1.0 : *a.users <= 50 ? 0.5 : 0.0);
  }
  std::optional<double> busiest;
  for (Index s : a.servers) {
    if (const auto cpu = inv.servers[s].cpu_utilisation) {
      busiest = std::max(busiest.value_or(0.0), *cpu);
    }
  }
  if (busiest) {
    set(Signal::idle, *busiest <= 0.05 ? 1.0 : *busiest <= 0.15 ? 0.5 : 0.0);
  }
  if (a.saas_alternative) {
    const Fit fit = a.saas_alternative->fit;
    set(Signal::saas_fit, fit == Fit::high ? 1.0 : fit == Fit::medium ? 0.6 : 0.25);
  }
  if (a.kind) {
    set(Signal::cots, *a.kind == AppKind::cots ? 1.0 : 0.0);
    set(Signal::custom_code, *a.kind == AppKind::custom ? 1.0 : 0.0);
  }
  if (const auto eos = earliest_os_end(inv, app)) {
    set(Signal::os_out_of_support, support_value(*eos, inv, context.reference));
  }
  if (a.technology.end_of_support) {
    set(Signal::platform_out_of_support,
        support_value(*a.technology.end_of_support, inv, context.reference));
  }
  if (!a.servers.empty()) {
    const auto physical = std::count_if(a.servers.begin(), a.servers.end(), [&](Index s) {
      return inv.servers[s].kind == ServerKind::physical;
    });
    set(Signal::physical, static_cast<double>(physical) / static_cast<double>(a.servers.size()));
  }
  if (const auto gb = context.data_gb[app]) {
    set(Signal::large_data, *gb >= 10'000 ? 1.0 : *gb >= 1'000 ? 0.5 : 0.0);
  }
  if (a.rto_hours) {
    set(Signal::strict_dr, *a.rto_hours <= 4 ? 1.0 : *a.rto_hours <= 24 ? 0.5 : 0.0);
  }
  if (a.contract && a.contract->ends) {
    set(Signal::contract_ends, *a.contract->ends <= context.reference ? 1.0 : 0.0);
  }
  if (a.criticality_given) {
    set(Signal::critical, static_cast<double>(a.criticality) / 3.0);
  }
  set(Signal::many_dependants, std::min(1.0, context.transitive_dependants[app] / 20.0));
  if (a.usage_trend) {
    set(Signal::growing, *a.usage_trend == UsageTrend::growing ? 1.0 : 0.0);
  }
  return r;
}

// The first gate of `strategy` that fires, with what matched.
std::optional<std::pair<int, std::string>> fired_gate(const Inventory& inv,
                                                      const StrategyProfile& sp, Index app) {
  const Application& a = inv.applications[app];
  const auto in = [](const std::vector<std::string>& values, std::string_view text) {
    return std::any_of(values.begin(), values.end(),
                       [&](const std::string& v) { return lower(v) == lower(text); });
  };
  for (std::size_t g = 0; g < sp.gates.size(); ++g) {
    const Gate& gate = sp.gates[g];
    std::optional<std::string> match;
    switch (gate.condition) {
      case GateCondition::no_servers:
        if (a.servers.empty()) {
          match = "";
        }
        break;
      case GateCondition::kind_in: {
        constexpr std::array<std::string_view, 3> k_kinds = {"cots", "custom", "saas"};
        if (a.kind && in(gate.values, k_kinds[static_cast<std::size_t>(*a.kind)])) {
          match = std::string(k_kinds[static_cast<std::size_t>(*a.kind)]);
        }
        break;
      }
      case GateCondition::os_family_in:
        for (Index s : a.servers) {
          if (!match && !inv.servers[s].os.family.empty() &&
              in(gate.values, inv.servers[s].os.family)) {
            match = fmt::format("{} on {}", inv.servers[s].os.family, inv.servers[s].id);
          }
        }
        break;
      case GateCondition::os_name_contains:
        for (Index s : a.servers) {
          const std::string name = lower(inv.servers[s].os.name);
          for (const std::string& v : gate.values) {
            if (!match && !v.empty() && name.find(lower(v)) != std::string::npos) {
              match = fmt::format("{} on {}", inv.servers[s].os.name, inv.servers[s].id);
            }
          }
        }
        break;
      case GateCondition::has_physical_server:
        for (Index s : a.servers) {
          if (!match && inv.servers[s].kind == ServerKind::physical) {
            match = inv.servers[s].id;
          }
        }
        break;
      case GateCondition::no_saas_alternative:
        if (!a.saas_alternative) {
          match = "";
        }
        break;
    }
    if (match) {
      return std::pair(static_cast<int>(g), *match);
    }
  }
  return std::nullopt;
}

// Ties go to the least disruptive strategy.
constexpr std::array<Strategy, 7> k_tie_order = {
    Strategy::rehost,   Strategy::relocate, Strategy::replatform, Strategy::repurchase,
    Strategy::refactor, Strategy::retire,   Strategy::retain};

EffortEstimate estimate_effort(const Inventory& inv, const DependencyGraph& graph,
                               const SignalContext& context, const ScoringProfile& profile,
                               Index app, Strategy strategy) {
  const Application& a = inv.applications[app];
  const EffortModel& model = profile.of(strategy).effort;
  const double tb = context.data_gb[app].value_or(0.0) / 1000.0;
  const double links =
      static_cast<double>(graph.dependencies_of(app).size() + graph.dependants_of(app).size());
  const double likely =
      (model.fixed + model.per_server * static_cast<double>(a.servers.size()) + model.per_tb * tb) *
      profile.criticality_multiplier[static_cast<std::size_t>(a.criticality)] *
      (1.0 + profile.per_link * links);
  return {round1(likely * profile.low_factor), round1(likely),
          round1(likely * profile.high_factor)};
}

}  // namespace

std::vector<Strategy> assessed_strategies(const Assessment& assessment) {
  std::vector<Strategy> out;
  out.reserve(assessment.apps.size());
  for (const AppAssessment& a : assessment.apps) {
    out.push_back(a.strategy);
  }
  return out;
}

double points(const ScoringProfile& profile, Strategy strategy, Signal signal,
              const SignalReading& reading) {
  if (!reading.known) {
    return 0.0;
  }
  return round3(profile.of(strategy).weights[static_cast<std::size_t>(signal)] * reading.value);
}

namespace {

// The signals that speak most for the app's strategy, strongest first (ties: signal order):
// reasons for the choice only; its penalties are in --explain.
TopSignals rank_signals(const ScoringProfile& profile, const AppAssessment& a) {
  TopSignals top;
  if (!a.scores[static_cast<std::size_t>(a.strategy)].feasible) {
    return top;  // the gate is the reason
  }
  std::vector<RankedSignal> ranked;
  for (std::size_t i = 0; i < k_signal_count; ++i) {
    const double p = points(profile, a.strategy, static_cast<Signal>(i), a.signals[i]);
    if (p > 0.0) {
      ranked.push_back({static_cast<Signal>(i), p});
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const RankedSignal& x, const RankedSignal& y) {
    return x.points > y.points;
  });
  for (std::size_t i = 0; i < ranked.size() && i < k_top_signals; ++i) {
    top.push_back(ranked[i]);
  }
  return top;
}

// Every strategy's score for the app: its gate, or its base plus each signal's points.
void score_strategies(const Inventory& inventory, const ScoringProfile& profile, Index app,
                      AppAssessment& out) {
  for (Strategy s : k_strategies) {
    StrategyScore& score = out.scores[static_cast<std::size_t>(s)];
    if (const auto gate = fired_gate(inventory, profile.of(s), app)) {
      score = {0.0, false, gate->first, gate->second};
      continue;
    }
    double total = profile.of(s).base;
    for (std::size_t i = 0; i < k_signal_count; ++i) {
      total += points(profile, s, static_cast<Signal>(i), out.signals[i]);
    }
    score.score = round3(total);
  }
}

// The best feasible strategy, ties broken by k_tie_order; retain when none is feasible.
Strategy best_strategy(const AppAssessment& out) {
  std::optional<Strategy> best;
  for (Strategy s : k_tie_order) {
    const StrategyScore& score = out.scores[static_cast<std::size_t>(s)];
    if (score.feasible &&
        (!best || score.score > out.scores[static_cast<std::size_t>(*best)].score)) {
      best = s;
    }
  }
  return best.value_or(Strategy::retain);
}

// Confidence: the share of the chosen strategy's signal weight backed by data, lowered when the
// runner-up is within 0.1.
double confidence_of(const ScoringProfile& profile, const AppAssessment& out) {
  const StrategyProfile& chosen = profile.of(out.model_strategy);
  double known = 0;
  double all = 0;
  for (std::size_t i = 0; i < k_signal_count; ++i) {
    all += std::abs(chosen.weights[i]);
    known += out.signals[i].known ? std::abs(chosen.weights[i]) : 0.0;
  }
  double runner_up = -1.0;
  for (Strategy s : k_strategies) {
    const StrategyScore& score = out.scores[static_cast<std::size_t>(s)];
    if (s != out.model_strategy && score.feasible) {
      runner_up = std::max(runner_up, score.score);
    }
  }
  const double margin =
      runner_up < 0 ? 1.0
                    : out.scores[static_cast<std::size_t>(out.model_strategy)].score - runner_up;
  const double coverage = all == 0 ? 1.0 : known / all;
  return std::round(coverage * std::min(1.0, 0.5 + margin / 0.2) * 100.0) / 100.0;
}

SignalContext signal_context(const Inventory& inventory, const DependencyGraph& graph) {
  SignalContext context;
  context.reference = inventory.estate.deadline.value_or(inventory.estate.start.plus_days(365));
  // Dependants by prerequisite or hard coupling only: a soft link (a report that reads a
  // database now and then) does not make an app a service others rely on.
  const DependencyGraph relied_on = restricted(graph, EdgeSet::ordering);
  context.transitive_dependants = dependant_counts(relied_on);
  context.direct_dependants.resize(graph.app_count());
  context.soft_dependants.resize(graph.app_count());
  context.data_gb.resize(graph.app_count());
  for (Index a = 0; a < graph.app_count(); ++a) {
    context.direct_dependants[a] = static_cast<std::uint32_t>(relied_on.dependants_of(a).size());
    context.soft_dependants[a] =
        static_cast<std::uint32_t>(graph.dependants_of(a).size()) - context.direct_dependants[a];
    context.data_gb[a] = data_gb(inventory, graph, a);
  }
  return context;
}

}  // namespace

Assessment assess(const Inventory& inventory, const DependencyGraph& graph,
                  const ScoringProfile& profile) {
  Assessment result;
  result.context = signal_context(inventory, graph);
  result.apps.resize(inventory.applications.size());
  for (Index app = 0; app < inventory.applications.size(); ++app) {
    AppAssessment& out = result.apps[app];
    out.signals = read_signals(inventory, result.context, app);
    score_strategies(inventory, profile, app, out);
    out.model_strategy = best_strategy(out);
    const auto& decision = inventory.applications[app].decision;
    out.from_decision = decision.has_value();
    out.strategy = decision ? decision->strategy : out.model_strategy;
    out.confidence = confidence_of(profile, out);
    out.effort = estimate_effort(inventory, graph, result.context, profile, app, out.strategy);
    out.top = rank_signals(profile, out);
  }
  return result;
}

std::string_view signal_data(Signal signal) {
  switch (signal) {
    case Signal::unused:
      return "usage_trend or users";
    case Signal::low_users:
      return "users";
    case Signal::idle:
      return "utilisation.cpu of its servers";
    case Signal::saas_fit:
      return "saas_alternative";
    case Signal::cots:
    case Signal::custom_code:
      return "kind";
    case Signal::os_out_of_support:
      return "os.end_of_support of its servers";
    case Signal::platform_out_of_support:
      return "technology.end_of_support";
    case Signal::physical:
      return "servers";
    case Signal::large_data:
      return "data.size_gb (or storage_gb of its servers)";
    case Signal::strict_dr:
      return "dr.rto_hours";
    case Signal::contract_ends:
      return "contract.ends";
    case Signal::critical:
      return "criticality";
    case Signal::many_dependants:
      return "depends_on of other apps";
    case Signal::growing:
      return "usage_trend";
  }
  return "";
}

std::string explain_signal(const Inventory& inv, const SignalContext& context, Index app,
                           Signal signal, const SignalReading& reading) {
  const Application& a = inv.applications[app];
  if (!reading.known) {
    return fmt::format("no {} given", signal_data(signal));
  }
  switch (signal) {
    case Signal::unused:
      if (a.usage_trend == UsageTrend::unused) {
        return "usage_trend is unused";
      }
      if (a.users == 0) {
        return "0 users";
      }
      return a.usage_trend == UsageTrend::declining ? "usage is declining" : "in use";
    case Signal::low_users:
      return fmt::format("{} users", *a.users);
    case Signal::idle:
      return reading.value > 0 ? "its servers are nearly idle" : "its servers are busy";
    case Signal::saas_fit:
      return fmt::format("{} fits {}", a.saas_alternative->product,
                         reading.value >= 1     ? "well"
                         : reading.value >= 0.5 ? "partly"
                                                : "poorly");
    case Signal::cots:
      return reading.value > 0 ? "bought in (cots)" : "not cots";
    case Signal::custom_code:
      return reading.value > 0 ? "custom code" : "not custom code";
    case Signal::os_out_of_support: {
      const Date eos = *earliest_os_end(inv, app);
      return fmt::format("an operating system {} support on {}",
                         eos < inv.estate.start ? "went out of" : "goes out of", eos.to_string());
    }
    case Signal::platform_out_of_support: {
      const Date eos = *a.technology.end_of_support;
      return fmt::format("its platform {} support on {}",
                         eos < inv.estate.start ? "went out of" : "goes out of", eos.to_string());
    }
    case Signal::physical:
      return fmt::format("{:.0f}% of its servers are physical", reading.value * 100.0);
    case Signal::large_data:
      return fmt::format("{:.0f} GB of data", *context.data_gb[app]);
    case Signal::strict_dr:
      return fmt::format("recovery time objective {} h", *a.rto_hours);
    case Signal::contract_ends:
      return fmt::format("contract ends {}{}", a.contract->ends->to_string(),
                         reading.value > 0 ? ", within the programme" : "");
    case Signal::critical:
      return fmt::format("criticality {}", to_string(a.criticality));
    case Signal::many_dependants:
      return fmt::format(
          "{:.0f} app{} on it by prerequisite or hard coupling ({} directly){}",
          context.transitive_dependants[app],
          context.transitive_dependants[app] == 1 ? " depends" : "s depend",
          context.direct_dependants[app],
          context.soft_dependants[app] == 0
              ? ""
              : fmt::format("; {} more only softly, not counted", context.soft_dependants[app]));
    case Signal::growing:
      return reading.value > 0 ? "usage is growing" : "usage is not growing";
  }
  return "";
}

std::string gate_reason(const ScoringProfile& profile, Strategy strategy,
                        const StrategyScore& score) {
  if (score.gate < 0) {
    return {};
  }
  std::string reason = profile.of(strategy).gates[static_cast<std::size_t>(score.gate)].reason;
  if (const auto at = reason.find("{match}"); at != std::string::npos) {
    reason.replace(at, 7, score.gate_match);
  }
  return reason;
}

std::vector<std::string> top_reasons(const Inventory& inventory, const Assessment& assessment,
                                     const ScoringProfile& profile, Index app, std::size_t count) {
  const AppAssessment& a = assessment.apps[app];
  std::vector<std::string> out;
  const auto& decision = inventory.applications[app].decision;
  if (decision) {
    out.push_back(decision->reason.empty() ? "architect's decision"
                                           : "architect's decision: " + decision->reason);
  }
  const StrategyScore& score = a.scores[static_cast<std::size_t>(a.strategy)];
  if (!score.feasible) {
    out.push_back("the profile's gate says it cannot apply: " +
                  gate_reason(profile, a.strategy, score));
    return out;
  }
  for (std::size_t i = 0; i < a.top.size() && i < count; ++i) {
    const auto [signal, p] = a.top[i];
    out.push_back(fmt::format("{:+.3f} {}: {}", p, to_string(signal),
                              explain_signal(inventory, assessment.context, app, signal,
                                             a.signals[static_cast<std::size_t>(signal)])));
  }
  if (a.top.size() == 0 && count > 0) {
    // No signal speaks for it: the profile's starting score carries the choice.
    out.push_back(fmt::format("{:.3f} base: {}'s starting score in the profile, no signal for it",
                              profile.of(a.strategy).base, to_string(a.strategy)));
  }
  return out;
}

std::vector<std::string> missing_data(const Assessment& assessment, const ScoringProfile& profile,
                                      Index app) {
  const AppAssessment& a = assessment.apps[app];
  std::vector<std::string> out;
  for (std::size_t i = 0; i < k_signal_count; ++i) {
    if (!a.signals[i].known && profile.of(a.model_strategy).weights[i] != 0.0) {
      const std::string data(signal_data(static_cast<Signal>(i)));
      if (std::find(out.begin(), out.end(), data) == out.end()) {
        out.push_back(data);
      }
    }
  }
  return out;
}

std::optional<ServiceSuggestion> suggest_serves_until(const Inventory& inventory,
                                                      const Assessment& assessment, Index app) {
  const Application& a = inventory.applications[app];
  if (a.serves_until || assessment.apps[app].strategy == Strategy::retain) {
    return std::nullopt;
  }
  static constexpr std::array<std::string_view, 5> k_service_tags = {
      "directory", "database", "backup", "monitoring", "file-transfer"};
  std::vector<std::string_view> tags;
  bool whole_site = false;
  for (std::string_view tag : k_service_tags) {
    if (std::find(a.tags.begin(), a.tags.end(), tag) != a.tags.end()) {
      tags.push_back(tag);
      whole_site = whole_site || tag == "backup" || tag == "monitoring";
    }
  }
  const std::uint32_t dependants = assessment.context.direct_dependants[app];
  if (tags.empty() && dependants < k_service_dependants) {
    return std::nullopt;
  }
  std::string why;
  if (dependants >= k_service_dependants) {
    why = fmt::format("{} apps depend on it by prerequisite or hard coupling", dependants);
  }
  if (!tags.empty()) {
    why += fmt::format("{}tagged {}", why.empty() ? "" : "; ", fmt::join(tags, ", "));
  }
  return ServiceSuggestion{whole_site ? ServesUntil::site_exit : ServesUntil::last_dependant,
                           std::move(why)};
}

}  // namespace dcexit
