// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/json_writer.hpp"
#include "base/text.hpp"

#include <dcexit/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace dcexit {

namespace {

constexpr std::size_t k_reasons = 3;

const StrategyScore& score_of(const AppAssessment& a, Strategy s) {
  return a.scores[static_cast<std::size_t>(s)];
}

std::string score_text(const ScoringProfile& profile, const AppAssessment& a, Strategy s) {
  const StrategyScore& score = score_of(a, s);
  if (!score.feasible) {
    return fmt::format("cannot apply: {}", gate_reason(profile, s, score));
  }
  return fmt::format("{:.3f}", score.score);
}

std::string effort_text(const EffortEstimate& e) {
  return fmt::format("{:g} ({:g}-{:g})", e.likely, e.low, e.high);
}

// "rehost 12, replatform 5, ..." in strategy order.
std::string strategy_mix(const Assessment& assessment) {
  std::array<std::size_t, 7> counts{};
  for (const AppAssessment& a : assessment.apps) {
    ++counts[static_cast<std::size_t>(a.strategy)];
  }
  std::vector<std::string> parts;
  for (Strategy s : k_strategies) {
    if (counts[static_cast<std::size_t>(s)] > 0) {
      parts.push_back(fmt::format("{} {}", to_string(s), counts[static_cast<std::size_t>(s)]));
    }
  }
  return join(parts, ", ");
}

double total_effort(const Assessment& assessment) {
  double total = 0;
  for (const AppAssessment& a : assessment.apps) {
    total += a.effort.likely;
  }
  return total;
}

std::string render_table(const Inventory& inv, const Assessment& as,
                         const ScoringProfile& profile) {
  std::size_t id_width = 11;
  for (const Application& app : inv.applications) {
    id_width = std::max(id_width, app.id.size());
  }
  std::string out = fmt::format("{:<{}}  {:<10}  {:<8}  {:>5}  {:>4}  {:>2}  {:<18}  {}\n",
                                "application", id_width, "strategy", "source", "score", "conf",
                                "dr", "effort days", "top reason");
  for (Index i = 0; i < inv.applications.size(); ++i) {
    const AppAssessment& a = as.apps[i];
    const StrategyScore& chosen = score_of(a, a.strategy);
    const auto reasons = top_reasons(inv, as, profile, i, 1);
    const std::string source =
        a.from_decision ? (a.model_strategy != a.strategy ? "decision*" : "decision") : "model";
    out += fmt::format("{:<{}}  {:<10}  {:<8}  {:>5}  {:>4.2f}  {:>2}  {:<18}  {}\n",
                       inv.applications[i].id, id_width, to_string(a.strategy), source,
                       chosen.feasible ? fmt::format("{:.2f}", chosen.score) : std::string("gated"),
                       a.confidence, a.dr_tier == 0 ? "-" : std::to_string(a.dr_tier),
                       effort_text(a.effort), reasons.empty() ? "" : reasons.front());
  }
  out += fmt::format("\n{} applications: {}. Effort {:g} person-days (likely).\n",
                     inv.applications.size(), strategy_mix(as), total_effort(as));
  out += "decision*: an architect's decision the model disagrees with (see --explain APP).\n";
  out += "dr: the DR tier (";
  for (std::size_t t = 0; t < profile.dr_tiers.size(); ++t) {
    out += fmt::format("{}{} {}", t == 0 ? "" : ", ", t + 1, profile.dr_tiers[t].name);
  }
  out += "; - retired).\n";
  std::string suggested;
  for (Index i = 0; i < inv.applications.size(); ++i) {
    if (const auto s = suggest_serves_until(inv, as, i)) {
      suggested += fmt::format("  {:<{}}  serves_until: {:<14}  ({})\n", inv.applications[i].id,
                               id_width, to_string(s->serves_until), s->why);
    }
  }
  if (!suggested.empty()) {
    out +=
        "\nShared services? A suggestion, not applied: add serves_until to keep their servers on "
        "premises until those they serve have left.\n" +
        suggested;
  }
  return out;
}

std::string render_csv(const Inventory& inv, const Assessment& as, const ScoringProfile& profile) {
  std::string out =
      "id,name,strategy,source,model_strategy,confidence,effort_low,effort_likely,effort_high";
  for (Strategy s : k_strategies) {
    out += fmt::format(",score_{}", to_string(s));
  }
  out +=
      ",reasons,missing_data,suggested_serves_until,suggestion_reason,dr_tier,dr_tier_name,"
      "dr_basis\n";
  for (Index i = 0; i < inv.applications.size(); ++i) {
    const AppAssessment& a = as.apps[i];
    out += fmt::format("{},{},{},{},{},{:.2f},{:g},{:g},{:g}", inv.applications[i].id,
                       csv_field(inv.applications[i].name), to_string(a.strategy),
                       a.from_decision ? "decision" : "model", to_string(a.model_strategy),
                       a.confidence, a.effort.low, a.effort.likely, a.effort.high);
    for (Strategy s : k_strategies) {
      const StrategyScore& score = score_of(a, s);
      out += score.feasible ? fmt::format(",{:.3f}", score.score) : std::string(",");
    }
    out += "," + csv_field(join(top_reasons(inv, as, profile, i, k_reasons), "; "));
    out += "," + csv_field(join(missing_data(as, profile, i), "; "));
    const auto suggestion = suggest_serves_until(inv, as, i);
    out += suggestion ? fmt::format(",{},{}", to_string(suggestion->serves_until),
                                    csv_field(suggestion->why))
                      : std::string(",,");
    out += fmt::format(",{},{},{}\n", a.dr_tier == 0 ? "" : std::to_string(a.dr_tier),
                       csv_field(dr_tier_name(a, profile)),
                       csv_field(dr_tier_text(inv, as, profile, i)));
  }
  return out;
}

void json_application(JsonWriter& w, const Inventory& inv, const Assessment& as,
                      const ScoringProfile& profile, Index i) {
  const AppAssessment& a = as.apps[i];
  w.begin_object().field("id", inv.applications[i].id).field("strategy", to_string(a.strategy));
  w.field("source", a.from_decision ? "decision" : "model")
      .field("model_strategy", to_string(a.model_strategy));
  w.key("confidence").fixed(a.confidence, 2);
  w.line_break(5).key("scores").begin_object();
  for (Strategy s : k_strategies) {
    w.key(to_string(s)).fixed(score_of(a, s).score, 3);
  }
  w.end().line_break(5).key("gates").begin_object();
  for (Strategy s : k_strategies) {
    if (!score_of(a, s).feasible) {
      w.field(to_string(s), gate_reason(profile, s, score_of(a, s)));
    }
  }
  w.end().line_break(5).key("reasons").strings(top_reasons(inv, as, profile, i, k_reasons));
  w.line_break(5).key("missing_data").strings(missing_data(as, profile, i));
  w.line_break(5).key("effort_days").begin_object().field("low", a.effort.low);
  w.field("likely", a.effort.likely).field("high", a.effort.high).end();
  const std::string differs = disagreement(as, profile, i);
  w.key("disagreement");
  differs.empty() ? w.null() : w.string(differs);
  w.line_break(5).key("suggestion");  // never applied: docs/planning.md
  if (const auto suggestion = suggest_serves_until(inv, as, i)) {
    w.begin_object().field("serves_until", to_string(suggestion->serves_until));
    w.field("why", suggestion->why).end();
  } else {
    w.null();
  }
  w.line_break(5).key("dr").begin_object().key("tier");
  a.dr_tier == 0 ? w.null() : w.number(a.dr_tier);
  w.field("name", dr_tier_name(a, profile)).field("basis", dr_tier_text(inv, as, profile, i));
  w.end().end();
}

std::string render_json(const Inventory& inv, const Assessment& as, const ScoringProfile& profile) {
  std::string out;
  JsonWriter w(out);
  w.begin_object(JsonLayout::lines(2))
      .field("schema", "dcexit-assessment/v1")
      .field("profile", profile.name);
  w.key("applications").begin_array(JsonLayout::lines(4));
  for (Index i = 0; i < inv.applications.size(); ++i) {
    json_application(w, inv, as, profile, i);
  }
  w.end().end();
  out += '\n';
  return out;
}

std::string render_markdown(const Inventory& inv, const Assessment& as,
                            const ScoringProfile& profile) {
  std::string out = fmt::format(
      "# Assessment: {}\n\nProfile: {}. {} applications: {}. Effort "
      "{:g} person-days (likely).\n\n",
      markdown_text(inv.estate.name), markdown_text(profile.name), inv.applications.size(),
      strategy_mix(as), total_effort(as));
  out +=
      "| application | strategy | source | score | confidence | DR tier | effort days | reasons "
      "|\n"
      "|---|---|---|---:|---:|---|---|---|\n";
  for (Index i = 0; i < inv.applications.size(); ++i) {
    const AppAssessment& a = as.apps[i];
    const StrategyScore& chosen = score_of(a, a.strategy);
    std::string source = a.from_decision ? "decision" : "model";
    if (const std::string differs = disagreement(as, profile, i); !differs.empty()) {
      source += " (" + differs + ")";
    }
    out += fmt::format(
        "| {} | {} | {} | {} | {:.2f} | {} | {} | {} |\n", inv.applications[i].id,
        to_string(a.strategy), markdown_text(source),
        chosen.feasible ? fmt::format("{:.2f}", chosen.score) : std::string("gated"), a.confidence,
        markdown_text(a.dr_tier == 0 ? std::string("none")
                                     : fmt::format("{} {}", a.dr_tier, dr_tier_name(a, profile))),
        effort_text(a.effort),
        markdown_text(join(top_reasons(inv, as, profile, i, k_reasons), "; ")));
  }
  std::string suggested;
  for (Index i = 0; i < inv.applications.size(); ++i) {
    if (const auto s = suggest_serves_until(inv, as, i)) {
      suggested += fmt::format("| {} | `serves_until: {}` | {} |\n", inv.applications[i].id,
                               to_string(s->serves_until), markdown_text(s->why));
    }
  }
  if (!suggested.empty()) {
    out +=
        "\n## Shared services?\n\nA suggestion, not applied: `serves_until` keeps an app's "
        "on-premises servers on until those it serves have left.\n\n"
        "| application | suggestion | why |\n|---|---|---|\n" +
        suggested;
  }
  return out;
}

}  // namespace

std::string disagreement(const Assessment& assessment, const ScoringProfile& profile, Index app) {
  const AppAssessment& a = assessment.apps[app];
  if (!a.from_decision || a.model_strategy == a.strategy) {
    return {};
  }
  return fmt::format("the model would choose {} ({}) over the decision's {} ({})",
                     to_string(a.model_strategy), score_text(profile, a, a.model_strategy),
                     to_string(a.strategy), score_text(profile, a, a.strategy));
}

std::string render_assessment(const Inventory& inventory, const Assessment& assessment,
                              const ScoringProfile& profile, AssessmentFormat format) {
  switch (format) {
    case AssessmentFormat::table:
      return terminal_text(render_table(inventory, assessment, profile));
    case AssessmentFormat::csv:
      return render_csv(inventory, assessment, profile);
    case AssessmentFormat::json:
      return render_json(inventory, assessment, profile);
    case AssessmentFormat::markdown:
      return render_markdown(inventory, assessment, profile);
  }
  return {};
}

std::string render_explanation(const Inventory& inv, const Assessment& as,
                               const ScoringProfile& profile, Index app) {
  const Application& application = inv.applications[app];
  const AppAssessment& a = as.apps[app];
  std::string out = fmt::format("{}{}\n", application.id,
                                application.name.empty() ? "" : " — " + application.name);
  out += fmt::format("  strategy: {} (source: {})\n", to_string(a.strategy),
                     a.from_decision ? "decision" : "model");
  if (application.decision && !application.decision->reason.empty()) {
    out += fmt::format("  decision: {}\n", application.decision->reason);
  }
  if (const std::string differs = disagreement(as, profile, app); !differs.empty()) {
    out += fmt::format("  {}\n", differs);
  } else if (a.from_decision) {
    out += "  the model agrees with the decision\n";
  }
  const auto missing = missing_data(as, profile, app);
  out += fmt::format("  confidence: {}{}{}\n", confidence_breakdown(as, profile, app),
                     missing.empty() ? "" : "; would rise with " + join(missing, ", "),
                     low_confidence(a, profile)
                         ? fmt::format("; below the floor {:.2f}", profile.confidence.floor)
                         : "");
  out += fmt::format("  effort: {:g} person-days likely ({:g} to {:g}) as {}\n", a.effort.likely,
                     a.effort.low, a.effort.high, to_string(a.strategy));
  out += fmt::format("  DR tier: {}\n", dr_tier_text(inv, as, profile, app));
  out += fmt::format("  profile: {}\n\n  signals:\n", profile.name);
  for (std::size_t i = 0; i < a.signals.size(); ++i) {
    const auto signal = static_cast<SignalId>(i);
    out += fmt::format("    {:<24} {:<7} {}\n", profile.signals[i].name,
                       a.signals[i].known ? fmt::format("{:.2f}", a.signals[i].value) : "unknown",
                       explain_signal(inv, as.context, profile, app, signal, a.signals[i]));
  }
  out += "\n  scores (base + weight x value for each signal that counts):\n";
  for (Strategy s : k_strategies) {
    const StrategyScore& score = score_of(a, s);
    const std::string mark = s == a.strategy         ? "  <- chosen"
                             : s == a.model_strategy ? "  <- model"
                                                     : "";
    if (!score.feasible) {
      out += fmt::format("    {:<10} gated: {}{}\n", to_string(s), gate_reason(profile, s, score),
                         mark);
      continue;
    }
    out += fmt::format("    {:<10} {:.3f} = base {:.3f}", to_string(s), score.score,
                       profile.of(s).base);
    for (std::size_t i = 0; i < a.signals.size(); ++i) {
      const double p = points(profile, s, static_cast<SignalId>(i), a.signals[i]);
      if (p != 0.0) {
        out += fmt::format(" {} {:.3f} {} ({:+.2f} x {:.2f})", p < 0 ? "-" : "+", std::abs(p),
                           profile.signals[i].name, profile.of(s).weights[i], a.signals[i].value);
      }
    }
    out += mark + "\n";
  }
  return terminal_text(out);
}

}  // namespace dcexit
