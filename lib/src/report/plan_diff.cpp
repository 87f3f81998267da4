// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// dcexit diff: what changed between two plan.json files, as text, Markdown or JSON.
#include "base/json_writer.hpp"
#include "base/text.hpp"

#include <dcexit/report.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace dcexit {

bool PlanDiff::changed() const {
  return exit_date.from != exit_date.to || deadline.from != deadline.to ||
         deadline_met.from != deadline_met.to || waves.from != waves.to || !moved.empty() ||
         !strategies.empty() || !rehearsals.empty() || !added.empty() || !removed.empty() ||
         !sites.empty();
}

namespace {

std::optional<Date> wave_start(const PlanRecord& plan, std::optional<std::uint32_t> wave) {
  if (!wave) {
    return std::nullopt;
  }
  const auto it = std::find_if(plan.waves.begin(), plan.waves.end(),
                               [&](const PlanRecord::WaveRecord& w) { return w.number == *wave; });
  return it != plan.waves.end() ? std::optional(it->start) : std::nullopt;
}

std::string wave_text(std::optional<std::uint32_t> wave, std::optional<Date> start) {
  if (!wave) {
    return "none (retained)";
  }
  return start ? fmt::format("wave {} ({})", *wave, start->to_string())
               : fmt::format("wave {}", *wave);
}

std::string date_text(const std::optional<Date>& date) {
  return date ? date->to_string() : std::string("none");
}

// "+28 days" between two dates, when both are known.
std::string shift(const std::optional<Date>& from, const std::optional<Date>& to) {
  if (!from || !to || *from == *to) {
    return {};
  }
  const std::int64_t days = to->days - from->days;
  return fmt::format(" ({:+} day{})", days, days == 1 || days == -1 ? "" : "s");
}

std::string rehearsal_text(std::optional<std::uint32_t> wave) {
  return wave ? fmt::format("wave {}", *wave) : std::string("none");
}

// Every field a plan.json gave is written printable (a line feed in an id as \x0a): a hostile
// file cannot forge lines such as "::error::" in a CI log.
std::string render_text(const PlanDiff& d) {
  std::string out = fmt::format("{} -> {}\n", printable(d.old_label), printable(d.new_label));
  if (!d.changed()) {
    out += "no change: the same exit, waves, strategies, rehearsals and site exits\n";
    return out;
  }
  out += fmt::format("exit date: {} -> {}{}\n", date_text(d.exit_date.from),
                     date_text(d.exit_date.to), shift(d.exit_date.from, d.exit_date.to));
  out += fmt::format("deadline: {} -> {}; met: {} -> {}\n", date_text(d.deadline.from),
                     date_text(d.deadline.to), d.deadline_met.from ? "yes" : "no",
                     d.deadline_met.to ? "yes" : "no");
  out += fmt::format("waves: {} -> {}\n", d.waves.from, d.waves.to);
  if (!d.moved.empty()) {
    out +=
        fmt::format("{} app{} in another wave:\n", d.moved.size(), d.moved.size() == 1 ? "" : "s");
    for (const auto& m : d.moved) {
      out +=
          fmt::format("  {}: {} -> {}{}\n", printable(m.app), wave_text(m.from_wave, m.from_start),
                      wave_text(m.to_wave, m.to_start), shift(m.from_start, m.to_start));
    }
  }
  if (!d.strategies.empty()) {
    out += fmt::format("{} app{} with another strategy:\n", d.strategies.size(),
                       d.strategies.size() == 1 ? "" : "s");
    for (const auto& s : d.strategies) {
      out += fmt::format("  {}: {} -> {}\n", printable(s.app), printable(s.from), printable(s.to));
    }
  }
  if (!d.rehearsals.empty()) {
    out += fmt::format("{} app{} rehearsing elsewhere:\n", d.rehearsals.size(),
                       d.rehearsals.size() == 1 ? "" : "s");
    for (const auto& r : d.rehearsals) {
      out += fmt::format("  {}: {} -> {}\n", printable(r.app), rehearsal_text(r.from_wave),
                         rehearsal_text(r.to_wave));
    }
  }
  if (!d.added.empty()) {
    out += fmt::format("added: {}\n", printable(join(d.added, ", ")));
  }
  if (!d.removed.empty()) {
    out += fmt::format("removed: {}\n", printable(join(d.removed, ", ")));
  }
  for (const auto& s : d.sites) {
    out += fmt::format("site {}: exit {} -> {}{}\n", printable(s.site), date_text(s.from),
                       date_text(s.to), shift(s.from, s.to));
  }
  return terminal_text(out);
}

std::string render_markdown(const PlanDiff& d) {
  std::string out = fmt::format("# Plan changes: {} → {}\n\n", markdown_text(d.old_label),
                                markdown_text(d.new_label));
  if (!d.changed()) {
    out += "No change: the same exit, waves, strategies, rehearsals and site exits.\n";
    return out;
  }
  out += "| | Before | After |\n|---|---|---|\n";
  out += fmt::format("| Exit date | {} | {}{} |\n", date_text(d.exit_date.from),
                     date_text(d.exit_date.to), shift(d.exit_date.from, d.exit_date.to));
  out +=
      fmt::format("| Deadline | {} | {} |\n", date_text(d.deadline.from), date_text(d.deadline.to));
  out += fmt::format("| Deadline met | {} | {} |\n", d.deadline_met.from ? "yes" : "no",
                     d.deadline_met.to ? "yes" : "no");
  out += fmt::format("| Waves | {} | {} |\n", d.waves.from, d.waves.to);
  if (!d.moved.empty()) {
    out += "\n## Apps in another wave\n\n| App | Before | After |\n|---|---|---|\n";
    for (const auto& m : d.moved) {
      out += fmt::format("| {} | {} | {}{} |\n", markdown_text(m.app),
                         wave_text(m.from_wave, m.from_start), wave_text(m.to_wave, m.to_start),
                         shift(m.from_start, m.to_start));
    }
  }
  if (!d.strategies.empty()) {
    out += "\n## Apps with another strategy\n\n| App | Before | After |\n|---|---|---|\n";
    for (const auto& s : d.strategies) {
      out += fmt::format("| {} | {} | {} |\n", markdown_text(s.app), markdown_text(s.from),
                         markdown_text(s.to));
    }
  }
  if (!d.rehearsals.empty()) {
    out += "\n## Apps rehearsing elsewhere\n\n| App | Before | After |\n|---|---|---|\n";
    for (const auto& r : d.rehearsals) {
      out += fmt::format("| {} | {} | {} |\n", markdown_text(r.app), rehearsal_text(r.from_wave),
                         rehearsal_text(r.to_wave));
    }
  }
  const auto list = [&](std::string_view title, const std::vector<std::string>& ids) {
    if (ids.empty()) {
      return;
    }
    out += fmt::format("\n## {}\n\n", title);
    for (const std::string& id : ids) {
      out += fmt::format("- {}\n", markdown_text(id));
    }
  };
  list("Added", d.added);
  list("Removed", d.removed);
  if (!d.sites.empty()) {
    out += "\n## Site exits\n\n| Site | Before | After |\n|---|---|---|\n";
    for (const auto& s : d.sites) {
      out += fmt::format("| {} | {} | {}{} |\n", markdown_text(s.site), date_text(s.from),
                         date_text(s.to), shift(s.from, s.to));
    }
  }
  return out;
}

std::string render_json(const PlanDiff& d) {
  std::string out;
  JsonWriter w(out);
  using Layout = JsonLayout;
  w.begin_object(Layout::lines(2)).field("schema", "dcexit-diff/v1");
  w.field("old", d.old_label).field("new", d.new_label).field("changed", d.changed());
  w.key("exit_date").begin_object().key("from").date(d.exit_date.from);
  w.key("to").date(d.exit_date.to).end();
  w.key("deadline").begin_object().key("from").date(d.deadline.from);
  w.key("to").date(d.deadline.to).end();
  w.key("deadline_met").begin_object().field("from", d.deadline_met.from);
  w.field("to", d.deadline_met.to).end();
  w.key("waves").begin_object().field("from", d.waves.from).field("to", d.waves.to).end();
  w.key("moved").begin_array(Layout::lines(4));
  for (const auto& m : d.moved) {
    w.begin_object().field("app", m.app).field("from_wave", m.from_wave);
    w.key("from_start").date(m.from_start).field("to_wave", m.to_wave);
    w.key("to_start").date(m.to_start).end();
  }
  w.end().key("strategies").begin_array(Layout::lines(4));
  for (const auto& s : d.strategies) {
    w.begin_object().field("app", s.app).field("from", s.from).field("to", s.to).end();
  }
  w.end().key("rehearsals").begin_array(Layout::lines(4));
  for (const auto& r : d.rehearsals) {
    w.begin_object().field("app", r.app).field("from_wave", r.from_wave);
    w.field("to_wave", r.to_wave).end();
  }
  w.end().key("added").strings(d.added).key("removed").strings(d.removed);
  w.key("sites").begin_array(Layout::lines(4));
  for (const auto& s : d.sites) {
    w.begin_object().field("site", s.site).key("from").date(s.from).key("to").date(s.to).end();
  }
  w.end().end();
  out += '\n';
  return out;
}

}  // namespace

PlanDiff diff_plans(const PlanRecord& old_plan, const PlanRecord& new_plan) {
  PlanDiff d;
  d.old_label = old_plan.label;
  d.new_label = new_plan.label;
  d.exit_date = {old_plan.exit_date, new_plan.exit_date};
  d.deadline = {old_plan.deadline, new_plan.deadline};
  d.deadline_met = {old_plan.deadline_met, new_plan.deadline_met};
  d.waves = {old_plan.waves.size(), new_plan.waves.size()};
  for (const PlanRecord::App& now : new_plan.applications) {
    const PlanRecord::App* before = old_plan.find(now.id);
    if (before == nullptr) {
      d.added.push_back(now.id);
      continue;
    }
    const auto from_start = wave_start(old_plan, before->wave);
    const auto to_start = wave_start(new_plan, now.wave);
    if (before->wave != now.wave || from_start != to_start) {
      d.moved.push_back({now.id, before->wave, from_start, now.wave, to_start});
    }
    if (before->strategy != now.strategy) {
      d.strategies.push_back({now.id, before->strategy, now.strategy});
    }
    if (before->rehearsal_wave != now.rehearsal_wave) {
      d.rehearsals.push_back({now.id, before->rehearsal_wave, now.rehearsal_wave});
    }
  }
  for (const PlanRecord::App& before : old_plan.applications) {
    if (new_plan.find(before.id) == nullptr) {
      d.removed.push_back(before.id);
    }
  }
  // Sites: both lists sorted by id.
  auto a = old_plan.sites.begin();
  auto b = new_plan.sites.begin();
  while (a != old_plan.sites.end() || b != new_plan.sites.end()) {
    if (b == new_plan.sites.end() || (a != old_plan.sites.end() && a->id < b->id)) {
      d.sites.push_back({a->id, a->exit_date, std::nullopt});
      ++a;
    } else if (a == old_plan.sites.end() || b->id < a->id) {
      d.sites.push_back({b->id, std::nullopt, b->exit_date});
      ++b;
    } else {
      if (a->exit_date != b->exit_date) {
        d.sites.push_back({a->id, a->exit_date, b->exit_date});
      }
      ++a;
      ++b;
    }
  }
  return d;
}

std::string render_plan_diff(const PlanDiff& diff, DiffFormat format) {
  switch (format) {
    case DiffFormat::text:
      return render_text(diff);
    case DiffFormat::markdown:
      return render_markdown(diff);
    case DiffFormat::json:
      return render_json(diff);
  }
  return {};
}

}  // namespace dcexit
