// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/text.hpp"
#include "report/connectivity_view.hpp"
#include "report/html_writer.hpp"
#include "report/optimality_view.hpp"
#include "report/plan_figures.hpp"
#include "report/programme_view.hpp"

#include <dcexit/report.hpp>
#include <dcexit/version.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace dcexit {

namespace html {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default: {
        // Control characters are not text in HTML: a blank instead (tab, line feed and CR stay).
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F ? ' ' : c;
      }
    }
  }
  return out;
}

}  // namespace html

namespace {

using html::Markup;

constexpr const char k_style[] = R"css(
:root { --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --accent: #1d4ed8; --freeze: #fee2e2; --late: #b91c1c; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); margin: 0 auto; max-width: 1280px; padding: 1.5rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
nav a { margin-right: 1rem; color: var(--accent); text-decoration: none; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: .6rem; margin: 1rem 0; }
.figure { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
.figure b { display: block; font-size: 1.3rem; } .figure span { color: var(--muted); font-size: .85rem; }
.met { color: #15803d; } .missed { color: var(--late); }
.histogram { max-width: 40rem; } .histogram rect.met { fill: #4d7c0f; } .histogram rect.missed { fill: var(--late); }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: .4rem 0 1rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f9fafb; } td.num, th.num { text-align: right; }
svg text { font-family: inherit; fill: var(--ink); }
.chart { width: 100%; height: auto; }
.rehearsal-bar { fill: #7c3aed; }
.wave-bar { fill: #3b82f6; } .wave-bar.oversized { fill: #f59e0b; } .wave-bar.empty { fill: #d1d5db; }
.freeze { fill: var(--freeze); } .freeze-label { font-size: 10px; fill: #991b1b; }
.deadline { stroke: var(--late); stroke-width: 2; stroke-dasharray: 6 3; }
.milestone { fill: #111827; } .milestone.site { fill: #15803d; }
.grid { stroke: var(--line); } .axis { font-size: 10px; fill: var(--muted); } .row-label { font-size: 11px; }
.series { fill: none; stroke-width: 2; }
.note { color: var(--muted); font-size: .9rem; }
.graph svg { max-width: 100%; height: auto; }
ul.plain { padding-left: 1.2rem; }
@media print {
  nav { display: none; } body { max-width: none; padding: 0; font-size: 10pt; }
  section { break-inside: avoid-page; } table, svg { break-inside: avoid; } h2 { break-after: avoid; }
}
)css";

Markup style() {
  return Markup(k_style);
}

struct Timeline {
  Date from;
  Date to;
  double left = 170;   // label column
  double width = 980;  // plot area
  [[nodiscard]] double x(Date d) const {
    const double span = std::max(1, to.days - from.days);
    return left + width * (d.days - from.days) / span;
  }
};

std::string month_label(Date d) {
  return fmt::format("{} {}", d.month_abbreviation(), d.year());
}

// "Jan21": a month and its year's last two digits, for narrow axes.
std::string short_month_label(Date d) {
  return fmt::format("{}{:02}", d.month_abbreviation(), d.year() % 100);
}

// Every `step` months on the axis, so that a long plan gets years or decades, not thousands of
// month labels: the smallest step that keeps about 40 ticks or fewer.
int tick_step(const Timeline& t) {
  const int months = (t.to.year() - t.from.year()) * 12 + static_cast<int>(t.to.month()) -
                     static_cast<int>(t.from.month());
  for (int step : {1, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000}) {
    if (months / step <= 40) {
      return step;
    }
  }
  return 12000;
}

Markup time_axis(const Timeline& t, double top, double height) {
  Markup out;
  const int step = tick_step(t);
  for (Date m = t.from.next_month_start(); m < t.to && t.x(m) < t.left + t.width - 40;
       m = m.next_month_start()) {
    const int index = m.year() * 12 + static_cast<int>(m.month()) - 1;
    if (index % step != 0) {
      continue;
    }
    const std::string label = step >= 12 ? std::to_string(m.year()) : month_label(m);
    out += html::format(
        "<line class=\"grid\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2:.0f}\"/>"
        "<text class=\"axis\" x=\"{0:.1f}\" y=\"{3}\">{4}</text>\n",
        t.x(m), top - 4, height - 20, height - 6, label);
  }
  return out;
}

Markup freeze_bands(const Inventory& inv, const Timeline& t, double top, double band_height) {
  Markup out;
  std::size_t freeze_index = 0;
  for (const Freeze& f : inv.policy.freezes) {
    const double label_y = 10 + 12.0 * static_cast<double>(freeze_index++ % 4);
    if (f.to < t.from || f.from > t.to) {
      continue;
    }
    const Date from = std::max(f.from, t.from);
    const Date to = std::min(f.to.plus_days(1), t.to);
    out += html::format(
        "<g class=\"freeze-band\"><title>Freeze: {} ({} to {})</title>"
        "<rect class=\"freeze\" x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{:.0f}\"/>"
        "<text class=\"freeze-label\" x=\"{:.1f}\" y=\"{:.0f}\">{}</text></g>\n",
        f.name, f.from, f.to, t.x(from), top - 2, std::max(1.0, t.x(to) - t.x(from)), band_height,
        t.x(from) + 2, label_y, f.name);
  }
  return out;
}

// A wave's bar; its rehearsals (non_production_first) as a thin striped bar along its foot.
Markup wave_bars(const Plan& plan, const Timeline& t, double top, double row) {
  const Inventory& inv = *plan.inventory;
  const auto& waves = plan.waves.waves;
  Markup out;
  for (std::size_t i = 0; i < waves.size(); ++i) {
    const Wave& w = waves[i];
    const double y = top + row * static_cast<double>(i);
    const std::string kind = w.oversized ? " oversized" : w.apps.empty() ? " empty" : "";
    std::string notes = w.oversized ? fmt::format(", oversized ({})", to_string(*w.oversized)) : "";
    if (plan.waves.max_transfer_gb) {
      notes +=
          fmt::format(", transfer {:.0f} of {:.0f} GB", w.transfer_gb, *plan.waves.max_transfer_gb);
    }
    const double x = t.x(w.start);
    const double width = std::max(2.0, t.x(w.end.plus_days(1)) - x);
    out += html::format(
        "<text class=\"row-label\" x=\"4\" y=\"{:.0f}\">Wave {} · {} apps</text>"
        "<rect class=\"wave-bar{}\" data-wave=\"{}\" x=\"{:.1f}\" y=\"{:.0f}\" width=\"{:.1f}\" "
        "height=\"{:.0f}\" rx=\"2\"><title>Wave {}: {} to {}, {} apps, {:g} "
        "person-days{}</title></rect>\n",
        y + 12, w.number, w.apps.size(), kind, w.number, x, y + 2, width, row - 4, w.number,
        w.start, w.end, w.apps.size(), w.effort_days, notes);
    if (!w.rehearsals.empty()) {
      std::string ids;
      for (std::size_t r = 0; r < w.rehearsals.size() && r < 12; ++r) {
        ids += (r == 0 ? "" : ", ") + inv.applications[w.rehearsals[r]].id;
      }
      if (w.rehearsals.size() > 12) {
        ids += fmt::format(" and {} more", w.rehearsals.size() - 12);
      }
      out += html::format(
          "<rect class=\"rehearsal-bar\" data-rehearsals=\"{}\" x=\"{:.1f}\" y=\"{:.0f}\" "
          "width=\"{:.1f}\" height=\"4\"><title>Wave {}: rehearsals on non-production servers: "
          "{}</title></rect>\n",
          w.number, x, y + row - 6, width, w.number, ids);
    }
  }
  return out;
}

// One row of diamonds: what is switched off on each date (same-day ones drawn as one).
Markup milestone_row(double y, const char* label,
                     const std::map<Date, std::vector<std::string>>& by_date, const char* css,
                     const Timeline& t) {
  Markup out =
      html::format("<text class=\"row-label\" x=\"4\" y=\"{:.0f}\">{}</text>\n", y + 4, label);
  constexpr std::size_t k_named = 12;
  for (const auto& [date, names] : by_date) {
    std::string list;
    for (std::size_t i = 0; i < names.size() && i < k_named; ++i) {
      list += (i == 0 ? "" : ", ") + names[i];
    }
    if (names.size() > k_named) {
      list += fmt::format(" and {} more", names.size() - k_named);
    }
    out += html::format(
        "<path class=\"milestone{}\" d=\"M{:.1f} {:.1f} l5 5 l-5 5 l-5 -5 z\"><title>{}: {} "
        "({})</title></path>\n",
        css, t.x(date), y - 5, date, list, names.size());
  }
  return out;
}

Markup milestones(const Plan& plan, const Timeline& t, double first_y, double row) {
  const Inventory& inv = *plan.inventory;
  std::map<Date, std::vector<std::string>> servers;
  for (const ServerDecommission& s : plan.decommission.servers) {
    servers[s.date].push_back(inv.servers[s.server].id);
  }
  std::map<Date, std::vector<std::string>> racks;
  for (const RackExit& r : plan.decommission.racks) {
    if (r.date) {
      racks[*r.date].push_back(inv.sites[r.site].id + "/" + r.rack);
    }
  }
  std::map<Date, std::vector<std::string>> sites;
  for (const SiteExit& s : plan.decommission.sites) {
    if (s.exit_date) {
      sites[*s.exit_date].push_back(inv.sites[s.site].id);
    }
  }
  return milestone_row(first_y, "Servers off", servers, "", t) +
         milestone_row(first_y + row, "Racks empty", racks, "", t) +
         milestone_row(first_y + 2 * row, "Sites exit", sites, " site", t);
}

// The span the Gantt shows: the start to the last switch-off, the deadline and a margin for the
// last labels, never past the last date a plan may reach.
Timeline gantt_timeline(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  Timeline t{inv.estate.start, inv.estate.start.plus_days(28)};
  for (const Wave& w : plan.waves.waves) {
    t.to = std::max(t.to, w.end.plus_days(1));
  }
  for (const ServerDecommission& s : plan.decommission.servers) {
    t.to = std::max(t.to, s.date.plus_days(1));
  }
  if (inv.estate.deadline) {
    t.to = std::max(t.to, inv.estate.deadline->plus_days(7));
  }
  t.to = t.to.plus_days(std::max(7, (t.to.days - t.from.days) / 12));  // room for the last labels
  t.to = std::min(t.to, Date::last_supported());
  return t;
}

Markup svg_gantt(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  const auto& waves = plan.waves.waves;
  const Timeline t = gantt_timeline(plan);
  const double row = 18;
  const double top =
      12.0 * static_cast<double>(std::min<std::size_t>(inv.policy.freezes.size(), 4)) + 22;
  const std::size_t milestone_rows = 3;
  const double height = top + row * static_cast<double>(waves.size() + milestone_rows) + 24;
  Markup out = html::format(
      "<svg id=\"gantt-chart\" class=\"chart\" viewBox=\"0 0 {} {:.0f}\" role=\"img\" "
      "aria-label=\"Waves, freezes, deadline and switch-offs over time\" "
      "xmlns=\"http://www.w3.org/2000/svg\">\n",
      t.left + t.width + 10, height);
  out += time_axis(t, top, height);
  out += freeze_bands(inv, t, top, row * static_cast<double>(waves.size() + milestone_rows) + 2);
  out += wave_bars(plan, t, top, row);
  out += milestones(plan, t, top + row * static_cast<double>(waves.size()) + row / 2, row);
  if (inv.estate.deadline) {
    const double x = t.x(*inv.estate.deadline);
    out += html::format(
        "<g><title>Deadline {}</title><line class=\"deadline\" x1=\"{:.1f}\" x2=\"{:.1f}\" "
        "y1=\"{}\" y2=\"{:.0f}\"/>"
        "<text class=\"freeze-label\" x=\"{:.1f}\" y=\"{}\">deadline</text></g>\n",
        *inv.estate.deadline, x, x, top - 8, height - 20, x + 3, top - 10);
  }
  return out + "</svg>\n";
}

Markup svg_mix(const Plan& plan) {
  std::array<std::size_t, 7> counts{};
  for (const AppAssessment& a : plan.assessment.apps) {
    ++counts[static_cast<std::size_t>(a.strategy)];
  }
  constexpr std::array<std::string_view, 7> k_colours = {"#9ca3af", "#f59e0b", "#3b82f6", "#06b6d4",
                                                         "#22c55e", "#8b5cf6", "#f97316"};
  const auto total = static_cast<double>(std::max<std::size_t>(1, plan.assessment.apps.size()));
  Markup bar;
  Markup legend;
  double x = 0;
  double legend_x = 0;
  for (Strategy s : k_strategies) {
    const std::size_t n = counts[static_cast<std::size_t>(s)];
    const auto colour = k_colours[static_cast<std::size_t>(s)];
    legend += html::format(
        "<rect x=\"{:.0f}\" y=\"42\" width=\"12\" height=\"12\" fill=\"{}\"/>"
        "<text x=\"{:.0f}\" y=\"53\">{} {}</text>",
        legend_x, colour, legend_x + 16, to_string(s), n);
    legend_x += 160;
    if (n == 0) {
      continue;
    }
    const double w = 1160.0 * static_cast<double>(n) / total;
    bar += html::format(
        "<rect x=\"{:.1f}\" y=\"4\" width=\"{:.1f}\" height=\"28\" fill=\"{}\"><title>{}: "
        "{}</title></rect>\n",
        x, w, colour, to_string(s), n);
    x += w;
  }
  return Markup(
             "<svg id=\"mix-chart\" class=\"chart\" viewBox=\"0 0 1160 60\" role=\"img\" "
             "aria-label=\"Strategy mix\" "
             "xmlns=\"http://www.w3.org/2000/svg\">\n") +
         bar + legend + "\n</svg>\n";
}

// Where a chart draws: x from left to left + width, y from top (the largest value) to
// top + height (zero).
struct PlotArea {
  double left = 0;
  double top = 0;
  double width = 0;
  double height = 0;
};

// The points of a polyline through `values`, evenly spaced across `area`, scaled to `most`.
std::string polyline_points(const std::vector<double>& values, const PlotArea& area, double most) {
  std::string points;
  const double step = values.size() > 1 ? area.width / static_cast<double>(values.size() - 1) : 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    points +=
        fmt::format("{}{:.1f},{:.1f}", i == 0 ? "" : " ", area.left + step * static_cast<double>(i),
                    area.top + area.height * (1 - values[i] / most));
  }
  return points;
}

Markup svg_series(const Plan& plan, const char* id, const char* label, const char* colour,
                  double (*value)(const RunDownMonth&), std::string_view unit) {
  const auto& months = plan.decommission.run_down;
  double top = 0;
  for (const RunDownMonth& m : months) {
    top = std::max(top, value(m));
  }
  top = top <= 0 ? 1 : top;
  const double left = 90;
  const double width = 1060;
  const double height = 110;
  Markup out = html::format(
      "<svg id=\"{}\" class=\"chart\" viewBox=\"0 0 1160 140\" role=\"img\" aria-label=\"{}\" "
      "xmlns=\"http://www.w3.org/2000/svg\"><text x=\"0\" y=\"14\">{}</text>"
      "<text class=\"axis\" x=\"0\" y=\"30\">{:g} {}</text><text class=\"axis\" x=\"0\" "
      "y=\"{:.0f}\">0</text>\n",
      id, label, label, std::round(top * 100) / 100, unit, height);
  std::vector<double> values;
  values.reserve(months.size());
  for (const RunDownMonth& m : months) {
    values.push_back(value(m));
  }
  const double step = months.size() > 1 ? width / static_cast<double>(months.size() - 1) : 0;
  for (std::size_t i = 0; i < months.size(); ++i) {
    if (months.size() <= 24 || i % 3 == 0) {
      out += html::format(R"(<text class="axis" x="{:.1f}" y="134">{}</text>)",
                          left + step * static_cast<double>(i) - 12,
                          short_month_label(months[i].month));
    }
  }
  const std::string points = polyline_points(values, {left, 20, width, height - 20}, top);
  out += html::format(
      "\n"
      R"(<polyline class="series" stroke="{}" points="{}"/>)"
      "\n",
      colour, points);
  return out + "</svg>\n";
}

Markup figure(const std::string& value, const char* what, const char* css = "") {
  return html::format(R"(<div class="figure"><b class="{}">{}</b><span>{}</span></div>)", css,
                      value, what);
}

// plan --simulate: one bar per exit date, as high as its share of the runs.
Markup risk_histogram(const EstatePlan& estate) {
  if (!estate.risk || estate.risk->histogram.empty()) {
    return {};
  }
  const Risk& r = *estate.risk;
  std::uint32_t most = 1;
  for (const auto& bar : r.histogram) {
    most = std::max(most, bar.second);
  }
  constexpr int k_width = 56;
  constexpr int k_height = 120;
  const int width = static_cast<int>(r.histogram.size()) * k_width + 20;
  Markup out = html::format(
      "<figure id=\"risk\"><svg class=\"histogram\" viewBox=\"0 0 {} {}\" role=\"img\" "
      "aria-label=\"Simulated exit dates\">",
      width, k_height + 40);
  for (std::size_t i = 0; i < r.histogram.size(); ++i) {
    const auto& [date, runs] = r.histogram[i];
    const int h = static_cast<int>(std::lround(static_cast<double>(runs) * k_height / most));
    const int x = 10 + static_cast<int>(i) * k_width;
    const bool late =
        estate.plan.inventory->estate.deadline && *estate.plan.inventory->estate.deadline < date;
    out += html::format(
        "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}: {} of {} "
        "runs</title></rect><text x=\"{}\" y=\"{}\" font-size=\"9\" "
        "text-anchor=\"middle\">{}</text>",
        late ? "missed" : "met", x, 10 + k_height - h, k_width - 8, h, date.to_string(), runs,
        r.runs, x + (k_width - 8) / 2, k_height + 24, date.to_string());
  }
  return out + html::format(
                   "</svg><figcaption>Exit dates of {} simulated runs (seed {}); red: after the "
                   "deadline.</figcaption></figure>\n",
                   r.runs, r.seed);
}

Markup figures(const EstatePlan& estate) {
  const Plan& plan = estate.plan;
  const Inventory& inv = *plan.inventory;
  const Decommission& d = plan.decommission;
  const double effort = detail::plan_figures(plan).effort_days;
  Markup out = "<div class=\"figures\">";
  out += figure(std::to_string(inv.applications.size()), "applications");
  out += figure(std::to_string(plan.waves.waves.size()), "waves");
  out += figure(std::to_string(plan.waves.lower_bound_waves), "waves at least (lower bound)");
  out += figure(d.exit_date ? d.exit_date->to_string() : "blocked", "exit date");
  out += figure(inv.estate.deadline ? inv.estate.deadline->to_string() : "none", "deadline");
  if (inv.estate.deadline) {
    out += figure(d.deadline_met ? "met" : "missed", "deadline", d.deadline_met ? "met" : "missed");
  }
  out += figure(fmt::format("{:.0f}", effort), "person-days of effort");
  out += figure(std::to_string(inv.servers.size()), "servers");
  out +=
      html::format("</div>\n<p class=\"note\" id=\"optimality\">{}.</p>\n", optimality_text(plan));
  for (const std::string& line : programme_lines(estate)) {
    out += html::format("<p class=\"note programme\">{}.</p>\n", line);
  }
  const auto late = late_against_baseline(plan);
  if (!late.empty()) {
    out += Markup(R"(<h3>Late against the baseline</h3><ul class="plain" id="late">)");
    for (const std::string& line : late) {
      out += html::format("<li>{}</li>", line);
    }
    out += Markup("</ul>\n");
  }
  return out + risk_histogram(estate);
}

Markup list_items(const char* heading, const std::vector<Diagnostic>& items) {
  if (items.empty()) {
    return {};
  }
  Markup out = html::format("<h3>{}</h3><ul class=\"plain\">", heading);
  for (std::size_t i = 0; i < items.size() && i < k_listed_diagnostics; ++i) {
    out += html::format("<li>{}</li>", items[i].message);
  }
  if (items.size() > k_listed_diagnostics) {
    out += html::format("<li>… and {} more: plan.json lists every one.</li>",
                        items.size() - k_listed_diagnostics);
  }
  return out + "</ul>\n";
}

Markup sites_table(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  Markup out = "<h3>Sites</h3><table><tr><th>site</th><th>exit date</th><th>blockers</th></tr>";
  for (const SiteExit& s : plan.decommission.sites) {
    std::string blockers;
    for (const Blocker& b : s.blockers) {
      std::string apps;
      for (Index a : b.apps) {
        apps += (apps.empty() ? "" : ", ") + inv.applications[a].id;
      }
      blockers += fmt::format("{}{} ({}{})", blockers.empty() ? "" : "; ", inv.servers[b.server].id,
                              to_string(b.reason), apps.empty() ? "" : ": " + apps);
    }
    out += html::format("<tr><td>{}{}</td><td>{}</td><td>{}</td></tr>", inv.sites[s.site].id,
                        inv.sites[s.site].closing ? "" : " (stays open)",
                        s.exit_date ? s.exit_date->to_string() : "—",
                        blockers.empty() ? "none" : blockers);
  }
  return out + "</table>\n";
}

Markup risks(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  Markup out = list_items("What binds the exit", plan.advice) +
               list_items("Conflicts", with_code(plan.warnings, Code::low_confidence, false)) +
               list_items("Low confidence: the model's strategy rests on thin data",
                          with_code(plan.warnings, Code::low_confidence));
  out += sites_table(plan);
  if (!plan.decommission.late.empty()) {
    out +=
        "<h3>Cut over after end of support</h3><table><tr><th>app</th><th>what</th><th>end of "
        "support</th><th>cut-over</th></tr>";
    for (const LateForSupport& l : plan.decommission.late) {
      out += html::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                          inv.applications[l.app].id, l.what, l.end_of_support, l.cutover);
    }
    out += "</table>\n";
  }
  return out;
}

Markup wave_rows(const Plan& plan, const Wave& w) {
  const Inventory& inv = *plan.inventory;
  Markup out =
      "<table><tr><th>application</th><th>strategy</th><th>source</th><th class=\"num\">effort "
      "days</th><th>servers moved</th><th>reason</th></tr>";
  // A page is for people: long waves list their first rows; waves.csv has every app.
  constexpr std::size_t k_rows = 200;
  for (std::size_t i = 0; i < w.apps.size() && i < k_rows; ++i) {
    const Index a = w.apps[i];
    const AppAssessment& as = plan.assessment.apps[a];
    std::string moved;
    for (Index s : inv.applications[a].servers) {
      if (plan.waves.server_moves[s]) {
        moved += (moved.empty() ? "" : ", ") + inv.servers[s].id;
      }
    }
    const auto reasons = top_reasons(inv, plan.assessment, *plan.profile, a, 1);
    out += html::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td "
        "class=\"num\">{:g}</td><td>{}</td><td>{}</td></tr>",
        inv.applications[a].id, to_string(as.strategy), as.from_decision ? "decision" : "model",
        as.effort.likely, moved, reasons.empty() ? "" : reasons.front());
  }
  out += "</table>\n";
  if (w.apps.size() > k_rows) {
    out += html::format(
        "<p class=\"note\">… and {} more apps in this wave: waves.csv lists every one.</p>\n",
        w.apps.size() - k_rows);
  }
  return out;
}

// What a wave carries beyond the contract's limits: rehearsals, transfer against the link,
// critical cut-overs against their limit (each only when the inventory sets it).
std::string wave_extras(const Plan& plan, const Wave& w) {
  const Inventory& inv = *plan.inventory;
  std::string out;
  if (plan.waves.max_transfer_gb) {
    const double link = *plan.waves.max_transfer_gb;
    out += fmt::format(" Transfer {:.0f} of {:.0f} GB the link carries ({:.0f}%).", w.transfer_gb,
                       link, 100.0 * w.transfer_gb / link);
  }
  if (inv.policy.wave.max_critical) {
    out += fmt::format(" Critical cut-overs: {} of {}.", w.critical, *inv.policy.wave.max_critical);
  }
  if (!w.rehearsals.empty()) {
    constexpr std::size_t k_listed = 200;  // waves.csv has every one
    std::string ids;
    for (std::size_t r = 0; r < w.rehearsals.size() && r < k_listed; ++r) {
      ids += (r == 0 ? "" : ", ") + inv.applications[w.rehearsals[r]].id;
    }
    if (w.rehearsals.size() > k_listed) {
      ids += fmt::format(" and {} more", w.rehearsals.size() - k_listed);
    }
    out += fmt::format(" Rehearsals on non-production servers: {}.", ids);
  }
  return out;
}

// DR as apps land: per wave, its apps by DR tier, so recovery is built as they arrive.
Markup dr_tiers_table(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  Markup out("<h3 id=\"dr-tiers\">DR as apps land</h3><table><tr><th>wave</th><th>dates</th>");
  for (std::size_t t = 0; t < plan.profile->dr_tiers.size(); ++t) {
    out += html::format("<th>{} {}</th>", t + 1, plan.profile->dr_tiers[t].name);
  }
  out += "</tr>";
  for (const Wave& w : plan.waves.waves) {
    const auto by_tier = dr_tiers_of(plan, w);
    if (std::all_of(by_tier.begin(), by_tier.end(), [](const auto& v) { return v.empty(); })) {
      continue;
    }
    out += html::format("<tr><td>{}</td><td>{} to {}</td>", w.number, w.start, w.end);
    for (const auto& apps : by_tier) {
      std::string ids;
      for (Index a : apps) {
        ids += (ids.empty() ? "" : ", ") + inv.applications[a].id;
      }
      out += html::format("<td>{}</td>", ids);
    }
    out += "</tr>";
  }
  return out + "</table>\n";
}

Markup wave_tables(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  Markup out;
  for (const Wave& w : plan.waves.waves) {
    const std::string oversized =
        w.oversized ? fmt::format(" · oversized ({})", to_string(*w.oversized)) : "";
    out += html::format("<h3 id=\"wave-{}\">Wave {} · {} to {}{}</h3>", w.number, w.number, w.start,
                        w.end, oversized);
    if (w.apps.empty() && w.rehearsals.empty()) {
      std::string why;
      for (std::uint32_t f : w.freezes) {
        why += (why.empty() ? "" : ", ") + inv.policy.freezes[f].name;
      }
      out += html::format("<p class=\"note\">No application moves{}.</p>\n",
                          why.empty() ? "" : " (freeze: " + why + ")");
      continue;
    }
    out += html::format(
        "<p class=\"note\">{} apps, {} servers moved, {:g} person-days, {:g} GB.{}</p>",
        w.apps.size(), w.servers_moved.size(), w.effort_days, w.storage_gb, wave_extras(plan, w));
    out += wave_rows(plan, w);
  }
  return out + dr_tiers_table(plan);
}

Markup split_table(const Plan& plan) {
  const Inventory& inv = *plan.inventory;
  constexpr std::size_t k_rows = 200;  // connectivity.csv has every split
  const auto splits = splits_longest_first(plan);
  Markup out =
      "<table><tr><th>app</th><th>depends on</th><th>coupling</th><th>caller runs</th><th>from</th>"
      "<th>to</th><th class=\"num\">days</th><th class=\"num\">max days</th></tr>";
  for (std::size_t i = 0; i < splits.size() && i < k_rows; ++i) {
    const Split& s = *splits[i];
    out += html::format(
        "<tr><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td "
        "class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
        inv.applications[s.app].id, inv.applications[s.depends_on].id,
        s.served_on_premises ? " (served on site)" : "", to_string(s.coupling),
        s.direction == SplitDirection::on_premises_to_cloud ? "on premises" : "in the cloud",
        s.from, s.to ? s.to->to_string() : "permanent", s.days ? std::to_string(*s.days) : "—",
        s.limit ? std::to_string(*s.limit) : "—");
  }
  out += "</table>\n";
  if (splits.size() > k_rows) {
    out +=
        html::format("<p class=\"note\">… and {} more: connectivity.csv lists every split.</p>\n",
                     splits.size() - k_rows);
  }
  return out;
}

Markup connectivity_section(const Plan& plan) {
  Markup out = "<section id=\"connectivity\"><h2>Interim connectivity</h2>";
  if (plan.connectivity.empty()) {
    return out +
           "<p class=\"note\">No dependency is ever split between on premises and the "
           "cloud.</p></section>\n";
  }
  const auto splits = splits_longest_first(plan);
  const auto permanent = static_cast<std::size_t>(std::count_if(
      splits.begin(), splits.end(), [](const Split* s) { return !s->days.has_value(); }));
  out += html::format(
      "<p class=\"note\">{} dependencies sit on two sides of the hybrid link for a while{}{}. "
      "connectivity.csv lists every one, with the on-premises sites.</p>",
      splits.size(),
      permanent == 0 ? std::string()
                     : fmt::format(", {} of them for good (a retained app on one side)", permanent),
      permanent < splits.size() ? fmt::format("; the longest for {} days", *splits[permanent]->days)
                                : std::string());
  out +=
      "<table><tr><th class=\"num\">wave</th><th>dates</th><th class=\"num\">split during "
      "it</th><th class=\"num\">opened at its end</th><th class=\"num\">closed at its "
      "end</th></tr>";
  const auto per_wave = splits_per_wave(plan);
  for (std::size_t k = 0; k < per_wave.size(); ++k) {
    const Wave& w = plan.waves.waves[k];
    out += html::format(
        "<tr><td class=\"num\">{}</td><td>{} – {}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
        w.number, w.start, w.end, per_wave[k].open, per_wave[k].opened, per_wave[k].closed);
  }
  return out + "</table>\n" + split_table(plan) + "</section>\n";
}

Markup graph_section(const Plan& plan, const ReportInput& input) {
  const std::size_t apps = plan.inventory->applications.size();
  if (apps > input.max_graph_apps) {
    return html::format(
        "<p class=\"note\">{} applications are more than a drawing can show (the limit is {}). "
        "<code>dcexit graph --format dot</code> gives the whole graph for Graphviz.</p>\n",
        apps, input.max_graph_apps);
  }
  if (!input.graph_svg) {
    return "<p class=\"note\">Graphviz could not lay out the graph.</p>\n";
  }
  return Markup(
             "<p class=\"note\">Arrows point from an app to what it depends on: bold hard, solid "
             "prerequisite, dashed "
             "soft. Fill: strategy. Dashed boxes: move groups.</p>\n<div class=\"graph\" "
             "id=\"dependency-graph\">") +
         Markup::from_trusted_program(*input.graph_svg) + "</div>\n";
}

double run_down_servers(const RunDownMonth& m) {
  return static_cast<double>(m.servers);
}
double run_down_kw(const RunDownMonth& m) {
  return m.kw;
}
double run_down_cost(const RunDownMonth& m) {
  return m.annual_cost;
}

Markup page_head(const std::string& title) {
  return html::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
      title, style());
}

Markup run_down_section(const Plan& plan) {
  const std::string& currency = plan.inventory->estate.currency;
  return Markup("<section id=\"rundown\"><h2>On-premises run-down</h2>") +
         svg_series(plan, "rundown-servers", "Servers still on", "#1d4ed8", run_down_servers,
                    "servers") +
         svg_series(plan, "rundown-kw", "Power drawn, PUE applied", "#b45309", run_down_kw, "kW") +
         svg_series(plan, "rundown-cost", "Annual costs still being paid", "#15803d", run_down_cost,
                    currency) +
         "</section>\n";
}

// The business case (docs/cost.md): a one-screen board summary and the cumulative cost of
// staying against the cumulative cost of moving, which cross at the payback month.
Markup business_case_section(const EstatePlan& estate) {
  Markup out("<section id=\"business-case\"><h2>Business case</h2>");
  if (!estate.cost) {
    return out + Markup(
                     "<p class=\"note\">No prices given: run <code>dcexit plan --prices "
                     "FILE</code> with a cloud price list for sizes, monthly costs, payback and "
                     "carbon (docs/cost.md).</p></section>\n");
  }
  const BusinessCase& c = *estate.cost;
  const auto money = [&](double v) { return fmt::format("{:.0f} {}", v, c.currency); };
  out += Markup(R"(<div class="figures" id="board">)");
  out += figure(money(c.today_monthly * 12), "a year today (on premises)");
  out += figure(money(c.steady_monthly * 12), "a year after the exit");
  out += figure(money(c.annual_saving), "saved a year", c.annual_saving >= 0 ? "met" : "missed");
  out += figure(money(c.one_off), "one-off migration");
  out += figure(money(c.dual_running_peak), "dual running, peak month");
  out +=
      figure(c.payback ? c.payback->month_string() + (c.payback_extrapolated ? " (projected)" : "")
                       : "none",
             "payback month");
  out += figure(fmt::format("{:.1f}", c.carbon.tco2e_before), "tCO2e a year before");
  out += figure(fmt::format("{:.1f}", c.carbon.tco2e_after), "tCO2e a year after");
  out += html::format(
      "</div>\n<p class=\"note\">Prices: {} ({} {}); every figure's price line "
      "is in plan.json (cost.servers[].price_line) and <code>dcexit plan "
      "--explain APP</code>.</p>\n",
      fmt::format("{}", fmt::join(c.price_files, ", ")), to_string(c.provider), c.region);
  // Two cumulative curves: staying as today, and the plan (on premises + cloud + one-off).
  if (c.months.size() >= 2) {
    std::vector<double> stay;
    std::vector<double> move;
    double a = 0;
    double b = 0;
    for (const CostMonth& m : c.months) {
      a += c.today_monthly;
      b += m.on_premises + m.cloud + m.one_off;
      stay.push_back(a);
      move.push_back(b);
    }
    const double top = std::max({stay.back(), move.back(), 1.0});
    constexpr int k_w = 640;
    constexpr int k_h = 200;
    const PlotArea area{40, 10, k_w - 60, k_h};
    const auto points = [&](const std::vector<double>& v) { return polyline_points(v, area, top); };
    out += html::format(
        "<figure id=\"payback\"><svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"Cumulative "
        "cost: staying against moving\"><polyline fill=\"none\" stroke=\"#b91c1c\" "
        "stroke-width=\"2\" points=\"{}\"><title>Staying on premises</title></polyline><polyline "
        "fill=\"none\" stroke=\"#15803d\" stroke-width=\"2\" points=\"{}\"><title>The plan</title>"
        "</polyline><text x=\"40\" y=\"{}\" font-size=\"10\">{}</text><text x=\"{}\" y=\"{}\" "
        "font-size=\"10\" text-anchor=\"end\">{}</text></svg><figcaption>Cumulative cost, {}: red, "
        "staying as today; green, the plan (on premises still paid, cloud and SaaS, one-off "
        "migration). They cross at the payback month.</figcaption></figure>\n",
        k_w, k_h + 30, points(stay), points(move), k_h + 25, c.months.front().month.month_string(),
        k_w - 20, k_h + 25, c.months.back().month.month_string(), c.currency);
  }
  return out + Markup("</section>\n");
}

}  // namespace

std::string render_report_html(const EstatePlan& estate) {
  const Plan& plan = estate.plan;
  const Inventory& inv = *plan.inventory;
  Markup out;
  out.reserve(std::size_t{64} * 1024 + inv.applications.size() * 400);
  out += page_head("Exit plan: " + inv.estate.name);
  out += html::format(
      "<header><h1>Exit plan: {}</h1><p class=\"note\">Start {}; {} waves of {} days; {} in "
      "{}.</p></header>\n",
      inv.estate.name, inv.estate.start, plan.waves.waves.size(), inv.policy.wave.length_days,
      plan.profile->name, inv.estate.currency);
  out +=
      "<nav><a href=\"#summary\">Summary</a><a href=\"#gantt\">Waves</a><a "
      "href=\"#mix\">Strategies</a>"
      "<a href=\"#risks\">Blockers and risks</a><a href=\"#business-case\">Business case</a>"
      "<a href=\"#rundown\">Run-down</a><a "
      "href=\"#connectivity\">Connectivity</a><a "
      "href=\"#graph\">Dependencies</a>"
      "<a href=\"#waves\">Waves in detail</a></nav>\n";
  out += Markup("<section id=\"summary\"><h2>Summary</h2>") + figures(estate) +
         html::format("<p class=\"note\">Lower bound: {}.</p></section>\n",
                      plan.waves.lower_bound_reason);
  out += Markup("<section id=\"gantt\"><h2>Waves</h2>") + svg_gantt(plan) + "</section>\n";
  out += Markup("<section id=\"mix\"><h2>Strategies</h2>") + svg_mix(plan) + "</section>\n";
  out += Markup("<section id=\"risks\"><h2>Blockers and risks</h2>") + risks(plan) + "</section>\n";
  out += business_case_section(estate);
  out += run_down_section(plan);
  out += connectivity_section(plan);
  out += Markup("<section id=\"graph\"><h2>Dependencies</h2>") +
         graph_section(plan, estate.report) + "</section>\n";
  out +=
      Markup("<section id=\"waves\"><h2>Waves in detail</h2>") + wave_tables(plan) + "</section>\n";
  out += html::format("<footer><p class=\"note\">dcexit {} · {}</p></footer>\n</body>\n</html>\n",
                      DCEXIT_VERSION, inv.label);
  return out.release();
}

std::string render_index_html(const std::vector<IndexEntry>& entries) {
  Markup out = page_head("Exit plans");
  out +=
      "<h1>Exit plans</h1>\n<table><tr><th>estate</th><th class=\"num\">applications</th><th "
      "class=\"num\">waves</th><th>exit</th><th>deadline</th><th>met</th><th "
      "class=\"num\">effort (person-days)</th><th class=\"num\">blockers</th><th "
      "class=\"num\">low confidence</th><th>files</th></tr>\n";
  for (const IndexEntry& e : entries) {
    if (!e.summary) {
      continue;
    }
    const char* met = !e.deadline_met ? "none" : *e.deadline_met ? "met" : "missed";
    out += html::format(
        "<tr><td><a href=\"{0}/report.html\">{1}</a><br><span class=\"note\">{2}</span></td>"
        "<td class=\"num\">{3}</td><td class=\"num\">{4}</td><td>{5}</td><td>{6}</td>"
        "<td class=\"{7}\">{7}</td><td class=\"num\">{8}</td><td class=\"num\">{9}</td>"
        "<td class=\"num\">{10}</td><td><a href=\"{0}/plan.md\">plan.md</a> · <a "
        "href=\"{0}/plan.json\">plan.json</a> · <a href=\"{0}/plan.xlsx\">plan.xlsx</a></td>"
        "</tr>\n",
        url_path(e.name), e.estate, e.name, e.applications, e.waves,
        e.exit_date ? e.exit_date->to_string() : "blocked",
        e.deadline ? e.deadline->to_string() : "none", met, fmt::format("{:g}", e.effort_days),
        e.blockers, e.low_confidence);
  }
  for (const IndexEntry& e : entries) {
    if (!e.summary) {
      out += html::format(
          "<tr><td>{}</td><td colspan=\"9\" class=\"missed\">invalid inventory: no "
          "plan</td></tr>\n",
          e.name);
    }
  }
  const IndexTotals t = index_totals(entries);
  out += html::format(
      "<tr class=\"total\"><th>total: {} estates</th><th class=\"num\">{}</th><th "
      "class=\"num\">{}</th><th>{}</th><th></th><th>{}</th><th class=\"num\">{}</th><th "
      "class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th></tr>\n",
      t.estates, t.applications, t.waves, t.last_exit ? t.last_exit->to_string() : "blocked",
      t.with_deadline == 0 ? std::string("no deadlines")
                           : fmt::format("{} of {} met", t.deadlines_met, t.with_deadline),
      fmt::format("{:g}", t.effort_days), t.blockers, t.low_confidence,
      t.failed == 0 ? std::string() : fmt::format("{} without a plan", t.failed));
  return (out + "</table>\n</body>\n</html>\n").release();
}

}  // namespace dcexit
