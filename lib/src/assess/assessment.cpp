// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "assess/fields.hpp"
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

// The earliest end of support among the app's servers, if any server gives one; with
// `skip_free`, not counting servers whose updates the target cloud gives free (those come back
// in `free`, the first of them).
std::optional<Date> earliest_os_end(const detail::FieldContext& fc, Index app, bool skip_free,
                                    std::optional<Index>* free = nullptr) {
  std::optional<Date> earliest;
  for (Index s : fc.inventory.applications[app].servers) {
    const auto& eos = fc.inventory.servers[s].os.end_of_support;
    if (!eos) {
      continue;
    }
    if (skip_free && detail::server_field(fc, Field::server_os_free_updates, s).text == "true") {
      if (free != nullptr && !*free) {
        *free = s;
      }
      continue;
    }
    if (!earliest || *eos < *earliest) {
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

// One condition on the app: whether it holds, the share of servers that pass (1 for an app
// field), and whether the app (or a server) gives the field at all.
struct Outcome {
  bool holds = false;
  double share = 1;
  bool given = false;
  std::optional<Index> server;  // the first server that passed
};

Outcome evaluate(const detail::FieldContext& fc, const Condition& c, Index app) {
  const detail::FieldInfo& f = detail::info(c.field);
  if (!f.server) {
    const detail::FieldValue v = detail::app_field(fc, c.field, app);
    return {detail::passes(c, f.type, v), 1, v.present, std::nullopt};
  }
  const bool about_presence = c.op == Condition::Op::present || c.op == Condition::Op::absent;
  std::size_t given = 0;
  std::size_t passed = 0;
  Outcome out;
  for (Index s : fc.inventory.applications[app].servers) {
    const detail::FieldValue v = detail::server_field(fc, c.field, s);
    if (!v.present && !about_presence) {
      continue;
    }
    ++given;
    if (detail::passes(c, f.type, v)) {
      ++passed;
      out.server = out.server.value_or(s);
    }
  }
  out.given = given > 0;
  switch (c.on) {
    case Condition::On::any:
      out.holds = passed > 0;
      break;
    case Condition::On::all:
      out.holds = given > 0 && passed == given;
      break;
    case Condition::On::share:
      out.holds = passed > 0;
      out.share = given == 0 ? 0 : static_cast<double>(passed) / static_cast<double>(given);
      break;
  }
  return out;
}

// A levels signal: the first level whose conditions all hold; known when a field it reads is
// given (always, for a test of presence).
SignalReading read_levels(const detail::FieldContext& fc, const SignalDefinition& def, Index app) {
  bool known = false;
  for (std::size_t l = 0; l < def.levels.size(); ++l) {
    const SignalLevel& level = def.levels[l];
    bool holds = !level.when.empty();
    double share = 1;
    for (const Condition& c : level.when) {
      const Outcome o = evaluate(fc, c, app);
      known = known || o.given || c.op == Condition::Op::present || c.op == Condition::Op::absent;
      holds = holds && o.holds;
      share *= o.share;
      if (!holds) {
        break;
      }
    }
    if (holds) {
      return {true, level.value * share, static_cast<std::int16_t>(l)};
    }
  }
  if (!known) {
    // A level stopped at its first failing condition: check the rest for given fields.
    for (const SignalLevel& level : def.levels) {
      for (const Condition& c : level.when) {
        known = known || evaluate(fc, c, app).given;
      }
    }
  }
  return {known, 0, -1};
}

SignalReading read_rule(const detail::FieldContext& fc, SignalRule rule, Index app) {
  const Inventory& inv = fc.inventory;
  const Application& a = inv.applications[app];
  const SignalContext& context = fc.signals;
  switch (rule) {
    case SignalRule::levels:
      break;
    case SignalRule::criticality:
      if (a.criticality_given) {
        return {true, static_cast<double>(a.criticality) / 3.0, -1};
      }
      break;
    case SignalRule::os_out_of_support: {
      const bool any_end = std::any_of(a.servers.begin(), a.servers.end(), [&](Index s) {
        return inv.servers[s].os.end_of_support.has_value();
      });
      if (any_end) {
        const auto eos = earliest_os_end(fc, app, true);
        return {true, eos ? support_value(*eos, inv, context.reference) : 0.0, -1};
      }
      break;
    }
    case SignalRule::platform_out_of_support:
      if (a.technology.end_of_support) {
        return {true, support_value(*a.technology.end_of_support, inv, context.reference), -1};
      }
      break;
    case SignalRule::contract_ends:
      if (a.contract && a.contract->ends) {
        return {true, *a.contract->ends <= context.reference ? 1.0 : 0.0, -1};
      }
      break;
    case SignalRule::many_dependants:
      return {true, std::min(1.0, context.transitive_dependants[app] / 20.0), -1};
  }
  return {};
}

std::vector<SignalReading> read_signals(const detail::FieldContext& fc, Index app) {
  const auto& defs = fc.profile.signals;
  std::vector<SignalReading> r(defs.size());
  for (std::size_t i = 0; i < defs.size(); ++i) {
    r[i] = defs[i].rule == SignalRule::levels ? read_levels(fc, defs[i], app)
                                              : read_rule(fc, defs[i].rule, app);
  }
  return r;
}

bool any_iequal(const std::vector<std::string>& values, std::string_view text) {
  return std::any_of(values.begin(), values.end(),
                     [&](const std::string& v) { return iequals(v, text); });
}

// What on `app`'s servers matches a server gate: an OS family or name, a physical server.
std::optional<std::string> server_gate_match(const Inventory& inv, const Gate& gate,
                                             const Application& a) {
  for (Index s : a.servers) {
    const Server& server = inv.servers[s];
    switch (gate.condition) {
      case GateCondition::os_family_in:
        if (!server.os.family.empty() && any_iequal(gate.values, server.os.family)) {
          return fmt::format("{} on {}", server.os.family, server.id);
        }
        break;
      case GateCondition::os_name_contains:
        for (const std::string& v : gate.values) {
          if (!v.empty() && contains_ignoring_case(server.os.name, v)) {
            return fmt::format("{} on {}", server.os.name, server.id);
          }
        }
        break;
      case GateCondition::has_physical_server:
        if (server.kind == ServerKind::physical) {
          return server.id;
        }
        break;
      default:
        break;
    }
  }
  return std::nullopt;
}

// What matches `gate` in `app` (empty when the gate fires on an absence), if it fires.
std::optional<std::string> gate_match(const detail::FieldContext& fc, const Gate& gate, Index app) {
  const Application& a = fc.inventory.applications[app];
  switch (gate.condition) {
    case GateCondition::no_servers:
      return a.servers.empty() ? std::optional<std::string>("") : std::nullopt;
    case GateCondition::kind_in: {
      constexpr std::array<std::string_view, 3> k_kinds = {"cots", "custom", "saas"};
      if (a.kind && any_iequal(gate.values, k_kinds[static_cast<std::size_t>(*a.kind)])) {
        return std::string(k_kinds[static_cast<std::size_t>(*a.kind)]);
      }
      return std::nullopt;
    }
    case GateCondition::no_saas_alternative:
      if (!a.saas_alternative) {
        return "";
      }
      if (detail::app_field(fc, Field::saas_platform, app).text == "true") {
        return fmt::format("; {} is platform, not SaaS, on {}", a.saas_alternative->product,
                           to_string(fc.profile.target.target));
      }
      return std::nullopt;
    default:
      return server_gate_match(fc.inventory, gate, a);
  }
}

// The first gate of `strategy` that fires, with what matched.
std::optional<std::pair<int, std::string>> fired_gate(const detail::FieldContext& fc,
                                                      const StrategyProfile& sp, Index app) {
  for (std::size_t g = 0; g < sp.gates.size(); ++g) {
    if (auto match = gate_match(fc, sp.gates[g], app)) {
      return std::pair(static_cast<int>(g), std::move(*match));
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

double points(const ScoringProfile& profile, Strategy strategy, SignalId signal,
              const SignalReading& reading) {
  if (!reading.known) {
    return 0.0;
  }
  return round3(profile.weight(strategy, signal) * reading.value);
}

namespace {

// The signals that speak most for the app's strategy, strongest first (ties: signal order):
// reasons for the choice only; its penalties are in --explain.
TopSignals rank_signals(const ScoringProfile& profile, const AppAssessment& a) {
  TopSignals top;
  if (!a.scores[static_cast<std::size_t>(a.strategy)].feasible) {
    return top;  // the gate is the reason
  }
  // The k_top_signals largest by points, earlier signals first among equals: kept in place.
  std::array<RankedSignal, k_top_signals> best{};
  std::size_t count = 0;
  for (std::size_t i = 0; i < a.signals.size(); ++i) {
    const auto id = static_cast<SignalId>(i);
    const double p = points(profile, a.strategy, id, a.signals[i]);
    if (p <= 0.0 || (count == k_top_signals && p <= best[count - 1].points)) {
      continue;
    }
    std::size_t at = std::min(count, k_top_signals - 1);
    while (at > 0 && best[at - 1].points < p) {
      if (at < k_top_signals) {
        best[at] = best[at - 1];
      }
      --at;
    }
    best[at] = {id, p};
    count = std::min(count + 1, k_top_signals);
  }
  for (std::size_t i = 0; i < count; ++i) {
    top.push_back(best[i]);
  }
  return top;
}

// Every strategy's score for the app: its gate, or its base plus each signal's points.
void score_strategies(const detail::FieldContext& fc, Index app, AppAssessment& out) {
  const ScoringProfile& profile = fc.profile;
  for (Strategy s : k_strategies) {
    StrategyScore& score = out.scores[static_cast<std::size_t>(s)];
    if (const auto gate = fired_gate(fc, profile.of(s), app)) {
      score = {0.0, false, gate->first, gate->second};
      continue;
    }
    double total = profile.of(s).base;
    for (std::size_t i = 0; i < out.signals.size(); ++i) {
      total += points(profile, s, static_cast<SignalId>(i), out.signals[i]);
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

bool has_evidence(const detail::FieldContext& fc, const AppAssessment& out, Evidence e, Index app) {
  const Application& a = fc.inventory.applications[app];
  switch (e) {
    case Evidence::servers:
      return !a.servers.empty();
    case Evidence::criticality:
      return a.criticality_given;
    case Evidence::usage:
      return a.users.has_value() || a.usage_trend.has_value();
    case Evidence::technology:
      return a.kind.has_value() || !a.technology.runtime.empty() ||
             !a.technology.languages.empty() || !a.technology.database.empty();
    case Evidence::target: {
      if (!a.target_platform.empty() || a.target_monthly_cost) {
        return true;
      }
      return fc.platform_route && out.signals[*fc.platform_route].value > 0;
    }
    case Evidence::saas:
      return a.saas_alternative.has_value();
  }
  return false;
}

// Confidence's two factors: 1 - missing_evidence for each item lacking (at least 0), and from 0.5
// at a tie with the runner-up to 1 at a lead of `margin`.
double evidence_factor(const ScoringProfile& profile, std::size_t lacking) {
  return std::max(0.0, 1.0 - profile.confidence.missing_evidence * static_cast<double>(lacking));
}
double margin_factor(const ScoringProfile& profile, double lead) {
  return std::min(1.0, 0.5 + lead / profile.confidence.margin * 0.5);
}

// Confidence in the model's strategy: the share of its signal weight backed by data, less
// `missing_evidence` for each thing it rests on that the app lacks, halved when the runner-up
// ties it and in full with a lead of `margin` or more.
void confidence_of(const detail::FieldContext& fc, Index app, AppAssessment& out) {
  const ScoringProfile& profile = fc.profile;
  const StrategyProfile& chosen = profile.of(out.model_strategy);
  double known = 0;
  double all = 0;
  for (std::size_t i = 0; i < out.signals.size(); ++i) {
    all += std::abs(chosen.weights[i]);
    known += out.signals[i].known ? std::abs(chosen.weights[i]) : 0.0;
  }
  out.coverage = all == 0 ? 1.0 : known / all;
  out.missing_evidence = 0;
  std::size_t missing = 0;
  for (Evidence e : chosen.evidence) {
    if (!has_evidence(fc, out, e, app)) {
      out.missing_evidence =
          static_cast<std::uint8_t>(out.missing_evidence | (1U << static_cast<unsigned>(e)));
      ++missing;
    }
  }
  out.runner_up.reset();
  for (Strategy s : k_tie_order) {
    const StrategyScore& score = out.scores[static_cast<std::size_t>(s)];
    if (s != out.model_strategy && score.feasible &&
        (!out.runner_up ||
         score.score > out.scores[static_cast<std::size_t>(*out.runner_up)].score)) {
      out.runner_up = s;
    }
  }
  out.lead = out.runner_up ? round3(out.scores[static_cast<std::size_t>(out.model_strategy)].score -
                                    out.scores[static_cast<std::size_t>(*out.runner_up)].score)
                           : 1.0;
  out.confidence = std::round(out.coverage * evidence_factor(profile, missing) *
                              margin_factor(profile, out.lead) * 100.0) /
                   100.0;
}

// The first tier whose thresholds the app meets, and which one; the last tier otherwise.
void dr_tier_of(const Inventory& inv, const SignalContext& context, const ScoringProfile& profile,
                Index app, AppAssessment& out) {
  const Application& a = inv.applications[app];
  out.dr_tier = 0;
  out.dr_basis = out.strategy == Strategy::retire ? DrBasis::retired : DrBasis::fallback;
  if (out.strategy == Strategy::retire) {
    return;
  }
  for (std::size_t t = 0; t < profile.dr_tiers.size(); ++t) {
    const DrTierRule& rule = profile.dr_tiers[t];
    std::optional<DrBasis> basis;
    if (rule.rto_hours_at_most && a.rto_hours && *a.rto_hours <= *rule.rto_hours_at_most) {
      basis = DrBasis::rto;
    } else if (rule.rpo_hours_at_most && a.rpo_hours && *a.rpo_hours <= *rule.rpo_hours_at_most) {
      basis = DrBasis::rpo;
    } else if (a.criticality_given && std::find(rule.criticality.begin(), rule.criticality.end(),
                                                a.criticality) != rule.criticality.end()) {
      basis = DrBasis::criticality;
    } else if (rule.dependants_at_least && context.transitive_dependants[app] >=
                                               static_cast<double>(*rule.dependants_at_least)) {
      basis = DrBasis::dependants;
    }
    if (basis || t + 1 == profile.dr_tiers.size()) {
      out.dr_tier = static_cast<std::uint8_t>(t + 1);
      out.dr_basis = basis.value_or(DrBasis::fallback);
      return;
    }
  }
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
  const detail::FieldContext fc{inventory, result.context, profile};
  for (Index app = 0; app < inventory.applications.size(); ++app) {
    AppAssessment& out = result.apps[app];
    out.signals = read_signals(fc, app);
    score_strategies(fc, app, out);
    out.model_strategy = best_strategy(out);
    const auto& decision = inventory.applications[app].decision;
    out.from_decision = decision.has_value();
    out.strategy = decision ? decision->strategy : out.model_strategy;
    confidence_of(fc, app, out);
    out.effort = estimate_effort(inventory, graph, result.context, profile, app, out.strategy);
    dr_tier_of(inventory, result.context, profile, app, out);
    out.top = rank_signals(profile, out);
  }
  return result;
}

namespace {

// A field as the data to give: "usage_trend", "utilisation.cpu of its servers".
std::string data_words(Field field) {
  switch (field) {
    case Field::data_gb:
      return "data.size_gb (or storage_gb of its servers)";
    case Field::dependants:
    case Field::direct_dependants:
      return "depends_on of other apps";
    case Field::saas_product:
    case Field::saas_fit:
    case Field::saas_platform:
      return "saas_alternative";
    default:
      break;
  }
  const std::string_view name = to_string(field);
  constexpr std::string_view k_server = "servers.";
  if (name.starts_with(k_server)) {
    return fmt::format("{} of its servers", name.substr(k_server.size()));
  }
  return std::string(name);
}

// A reason with {match}, {share} and app fields filled in.
std::string fill(const detail::FieldContext& fc, std::string_view text, Index app,
                 std::string_view match, double share) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = text.find('{'); at != std::string_view::npos; at = text.find('{', from)) {
    const auto end = text.find('}', at);
    if (end == std::string_view::npos) {
      break;
    }
    out.append(text.substr(from, at - from));
    const std::string_view name = text.substr(at + 1, end - at - 1);
    if (name == "match") {
      out.append(match);
    } else if (name == "share") {
      out += fmt::format("{:.0f}%", share * 100.0);
    } else if (const auto f = detail::field_named(name); f && !detail::info(*f).server) {
      const detail::FieldValue v = detail::app_field(fc, *f, app);
      out += v.present ? detail::show(detail::info(*f).type, v) : "";
    } else {
      out.append(text.substr(at, end - at + 1));
    }
    from = end + 1;
  }
  out.append(text.substr(from));
  return out;
}

// What a condition matched for an app: its value, on a server for a server field.
std::string matched(const detail::FieldContext& fc, const Condition& c, Index app) {
  const detail::FieldInfo& f = detail::info(c.field);
  if (!f.server) {
    const detail::FieldValue v = detail::app_field(fc, c.field, app);
    return v.present ? detail::show_matching(c, f.type, v) : "";
  }
  const Outcome o = evaluate(fc, c, app);
  const auto& servers = fc.inventory.applications[app].servers;
  const std::optional<Index> s = o.server          ? o.server
                                 : servers.empty() ? std::nullopt
                                                   : std::optional(servers.front());
  if (!s) {
    return "";
  }
  const detail::FieldValue v = detail::server_field(fc, c.field, *s);
  return fmt::format("{} on {}", v.present ? detail::show_matching(c, f.type, v) : "nothing",
                     fc.inventory.servers[*s].id);
}

}  // namespace

std::string signal_data(const ScoringProfile& profile, SignalId signal) {
  const SignalDefinition& def = profile.signals[signal];
  switch (def.rule) {
    case SignalRule::criticality:
      return "criticality";
    case SignalRule::os_out_of_support:
      return "os.end_of_support of its servers";
    case SignalRule::platform_out_of_support:
      return "technology.end_of_support";
    case SignalRule::contract_ends:
      return "contract.ends";
    case SignalRule::many_dependants:
      return "depends_on of other apps";
    case SignalRule::levels:
      break;
  }
  std::vector<std::string> words;
  for (const SignalLevel& level : def.levels) {
    for (const Condition& c : level.when) {
      std::string w = data_words(c.field);
      if (std::find(words.begin(), words.end(), w) == words.end()) {
        words.push_back(std::move(w));
      }
    }
  }
  return join(words, " or ");
}

// A levelled signal's reason: its level's, filled with what matched, or its otherwise.
std::string explain_levels(const detail::FieldContext& fc, const SignalDefinition& def, Index app,
                           const SignalReading& reading) {
  if (reading.level >= 0) {
    const SignalLevel& level = def.levels[static_cast<std::size_t>(reading.level)];
    const double share = level.when.empty() || level.value == 0 ? 1.0 : reading.value / level.value;
    return fill(fc, level.reason, app,
                level.when.empty() ? "" : matched(fc, level.when.front(), app), share);
  }
  const Condition* first = def.levels.empty() || def.levels.front().when.empty()
                               ? nullptr
                               : &def.levels.front().when.front();
  const std::string match = first == nullptr ? "" : matched(fc, *first, app);
  if (def.otherwise.empty()) {
    return fmt::format("none of its levels holds{}", match.empty() ? "" : " (" + match + ")");
  }
  return fill(fc, def.otherwise, app, match, 0.0);
}

// When its operating system leaves support, and whether the target gives updates free.
std::string explain_os_support(const detail::FieldContext& fc, Index app) {
  const Inventory& inv = fc.inventory;
  const Target target = fc.profile.target.target;
  std::optional<Index> free;
  const auto eos = earliest_os_end(fc, app, true, &free);
  if (!eos) {
    const Server& s = inv.servers[*free];
    return fmt::format(
        "{} {} on {} went out of support on {}, but {} gives its extended "
        "security updates free",
        s.os.name, s.os.version, s.id, s.os.end_of_support->to_string(), to_string(target));
  }
  return fmt::format(
      "an operating system {} support on {}{}",
      *eos < inv.estate.start ? "went out of" : "goes out of", eos->to_string(),
      free ? fmt::format(" ({} has free updates on {})", inv.servers[*free].id, to_string(target))
           : "");
}

std::string explain_signal(const Inventory& inv, const SignalContext& context,
                           const ScoringProfile& profile, Index app, SignalId signal,
                           const SignalReading& reading) {
  const Application& a = inv.applications[app];
  const detail::FieldContext fc{inv, context, profile};
  if (!reading.known) {
    return fmt::format("no {} given", signal_data(profile, signal));
  }
  const SignalDefinition& def = profile.signals[signal];
  switch (def.rule) {
    case SignalRule::levels:
      return explain_levels(fc, def, app, reading);
    case SignalRule::os_out_of_support:
      return explain_os_support(fc, app);
    case SignalRule::platform_out_of_support: {
      const Date eos = *a.technology.end_of_support;
      return fmt::format("its platform {} support on {}",
                         eos < inv.estate.start ? "went out of" : "goes out of", eos.to_string());
    }
    case SignalRule::contract_ends:
      return fmt::format("contract ends {}{}", a.contract->ends->to_string(),
                         reading.value > 0 ? ", within the programme" : "");
    case SignalRule::criticality:
      return fmt::format("criticality {}", to_string(a.criticality));
    case SignalRule::many_dependants:
      return fmt::format(
          "{:.0f} app{} on it by prerequisite or hard coupling ({} directly){}",
          context.transitive_dependants[app],
          context.transitive_dependants[app] == 1 ? " depends" : "s depend",
          context.direct_dependants[app],
          context.soft_dependants[app] == 0
              ? ""
              : fmt::format("; {} more only softly, not counted", context.soft_dependants[app]));
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
    out.push_back(fmt::format(
        "{:+.3f} {}: {}", p, profile.signals[signal].name,
        explain_signal(inventory, assessment.context, profile, app, signal, a.signals[signal])));
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
  const auto add = [&](std::string data) {
    if (std::find(out.begin(), out.end(), data) == out.end()) {
      out.push_back(std::move(data));
    }
  };
  for (Evidence e : lacking_evidence(a)) {
    add(std::string(evidence_data(e)));
  }
  for (std::size_t i = 0; i < a.signals.size(); ++i) {
    if (!a.signals[i].known && profile.of(a.model_strategy).weights[i] != 0.0) {
      add(signal_data(profile, static_cast<SignalId>(i)));
    }
  }
  return out;
}

std::vector<Evidence> lacking_evidence(const AppAssessment& app) {
  std::vector<Evidence> out;
  for (std::size_t e = 0; e < k_evidence_count; ++e) {
    if ((app.missing_evidence & (1U << e)) != 0) {
      out.push_back(static_cast<Evidence>(e));
    }
  }
  return out;
}

std::string_view evidence_data(Evidence evidence) {
  switch (evidence) {
    case Evidence::servers:
      return "servers";
    case Evidence::criticality:
      return "criticality";
    case Evidence::usage:
      return "usage_trend or users";
    case Evidence::technology:
      return "kind or technology";
    case Evidence::target:
      return "target.platform";
    case Evidence::saas:
      return "saas_alternative";
  }
  return "";
}

std::string confidence_breakdown(const Assessment& assessment, const ScoringProfile& profile,
                                 Index app) {
  const AppAssessment& a = assessment.apps[app];
  std::vector<std::string> lacks;
  for (Evidence e : lacking_evidence(a)) {
    lacks.push_back("no " + std::string(to_string(e)));
  }
  return fmt::format("{:.2f} = signals known {:.2f} x evidence {:.2f}{} x margin {:.2f} ({})",
                     a.confidence, a.coverage, evidence_factor(profile, lacks.size()),
                     lacks.empty() ? "" : " (" + join(lacks, ", ") + ")",
                     margin_factor(profile, a.lead),
                     a.runner_up ? fmt::format("{:.3f} over {}", a.lead, to_string(*a.runner_up))
                                 : "no other strategy is open");
}

std::string_view dr_tier_name(const AppAssessment& app, const ScoringProfile& profile) {
  if (app.dr_tier == 0) {
    return "none";
  }
  return profile.dr_tiers[app.dr_tier - 1U].name;  // a view of the profile's string, not a copy
}

std::string dr_tier_text(const Inventory& inventory, const Assessment& assessment,
                         const ScoringProfile& profile, Index app) {
  const AppAssessment& a = assessment.apps[app];
  const Application& application = inventory.applications[app];
  if (a.dr_tier == 0) {
    return a.dr_basis == DrBasis::retired ? "none: retired"
                                          : "none: the profile defines no DR tiers";
  }
  const DrTierRule& rule = profile.dr_tiers[a.dr_tier - 1U];
  std::string why;
  switch (a.dr_basis) {
    case DrBasis::rto:
      why = fmt::format("recovery time objective {:g} h (at most {:g} h)", *application.rto_hours,
                        *rule.rto_hours_at_most);
      break;
    case DrBasis::rpo:
      why = fmt::format("recovery point objective {:g} h (at most {:g} h)", *application.rpo_hours,
                        *rule.rpo_hours_at_most);
      break;
    case DrBasis::criticality:
      why = fmt::format("criticality {}", to_string(application.criticality));
      break;
    case DrBasis::dependants:
      why = fmt::format("{:.0f} apps depend on it by prerequisite or hard coupling (at least {})",
                        assessment.context.transitive_dependants[app], *rule.dependants_at_least);
      break;
    case DrBasis::fallback:
      why = "no threshold of a higher tier met";
      break;
    case DrBasis::retired:
      break;
  }
  const bool objectives = application.rto_hours || application.rpo_hours;
  return fmt::format("{} {}: {}{}", a.dr_tier, rule.name, why,
                     objectives ? "" : "; no recovery objectives (dr) given");
}

bool low_confidence(const AppAssessment& app, const ScoringProfile& profile) {
  return !app.from_decision && app.confidence < profile.confidence.floor;
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
