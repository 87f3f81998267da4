// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/json_writer.hpp"
#include "base/text.hpp"

#include <dcexit/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace dcexit {

namespace {

const std::string& app_id(const Inventory& inventory, Index app) {
  return inventory.applications[app].id;
}

std::string join_apps(const Inventory& inventory, std::span<const Index> apps,
                      std::string_view separator) {
  std::string out;
  for (Index a : apps) {
    out += out.empty() ? "" : separator;
    out += app_id(inventory, a);
  }
  return out;
}

std::string cycle_text(const Inventory& inventory, const Cycle& cycle) {
  return join_apps(inventory, cycle.path, " -> ");
}

std::array<std::size_t, 3> coupling_counts(const DependencyGraph& graph) {
  std::array<std::size_t, 3> counts{};
  for (const DependencyEdge& e : graph.edges()) {
    ++counts[static_cast<std::size_t>(e.coupling)];
  }
  return counts;
}

std::vector<std::uint32_t> multi_app_groups(const MoveGroups& groups) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t g = 0; g < groups.groups.size(); ++g) {
    if (groups.groups[g].apps.size() > 1) {
      out.push_back(g);
    }
  }
  return out;
}

// --- text -----------------------------------------------------------------------------------

std::string render_text(const Inventory& inv, const DependencyGraph& graph,
                        const GraphAnalysis& an) {
  const auto counts = coupling_counts(graph);
  std::string out = fmt::format("Dependency graph: {}\n", inv.estate.name);
  out += fmt::format("  {} applications, {} dependencies ({} prerequisite, {} hard, {} soft)\n",
                     graph.app_count(), graph.edges().size(), counts[0], counts[1], counts[2]);
  out += fmt::format("  {} servers shared by more than one application\n", an.shared_servers);
  out += fmt::format("  {} independent clusters; {} orphans{}{}\n", an.clusters.count,
                     an.orphans.size(), an.orphans.empty() ? "" : ": ",
                     join_apps(inv, an.orphans, ", "));
  out += fmt::format("\nCycles of hard and prerequisite dependencies: {}\n", an.cycles.size());
  for (const Cycle& cycle : an.cycles) {
    out += fmt::format("  cycle: {} ({} apps in the component)\n", cycle_text(inv, cycle),
                       cycle.apps.size());
  }
  const auto groups = multi_app_groups(an.move_groups);
  const auto ids = move_group_ids(an.move_groups);
  out += fmt::format("\nMove groups of more than one app: {}\n", groups.size());
  for (std::uint32_t g : groups) {
    const MoveGroup& group = an.move_groups.groups[g];
    out += fmt::format("  {}  [{}]  {}\n", ids[g], join(reason_names(group.reasons), ", "),
                       join_apps(inv, group.apps, ", "));
  }
  const auto& chain = an.move_groups.longest_chain;
  out += fmt::format("\nLongest prerequisite chain: {} move groups\n", chain.size());
  if (!chain.empty()) {
    std::vector<std::string> steps;
    steps.reserve(chain.size());
    for (std::uint32_t g : chain) {
      steps.push_back(join_apps(inv, an.move_groups.groups[g].apps, "+"));
    }
    out += fmt::format("  {}\n", join(steps, " -> "));
  }
  out += "\nShared services (dependants: direct / transitive)\n";
  for (const SharedService& s : an.shared_services) {
    out += fmt::format("  {:<28} {:>6} / {}\n", app_id(inv, s.app), s.direct, s.transitive);
  }
  return out;
}

// --- dot and mermaid -------------------------------------------------------------------------

struct StrategyStyle {
  std::string_view fill;
  std::string_view border;
};

StrategyStyle style_of(Strategy strategy) {
  switch (strategy) {
    case Strategy::retire:
      return {"#e5e7eb", "#6b7280"};
    case Strategy::retain:
      return {"#fef3c7", "#b45309"};
    case Strategy::rehost:
      return {"#dbeafe", "#1d4ed8"};
    case Strategy::relocate:
      return {"#cffafe", "#0e7490"};
    case Strategy::replatform:
      return {"#dcfce7", "#15803d"};
    case Strategy::repurchase:
      return {"#ede9fe", "#6d28d9"};
    case Strategy::refactor:
      return {"#ffedd5", "#c2410c"};
  }
  return {"#ffffff", "#000000"};
}

// `text` inside a quoted DOT string: quotes and backslashes escaped, control characters as
// blanks.
std::string dot_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    const auto u = static_cast<unsigned char>(c);
    out += u < 0x20 || u == 0x7F ? ' ' : c;
  }
  return out;
}

std::string dot_node(const Inventory& inv, Index a, Strategy strategy, std::string_view indent) {
  const Application& app = inv.applications[a];
  const StrategyStyle style = style_of(strategy);
  const std::string label =
      app.name.empty() ? app.id : fmt::format("{}\\n{}", app.id, dot_escape(app.name));
  return fmt::format("{}\"{}\" [label=\"{}\", fillcolor=\"{}\", color=\"{}\", tooltip=\"{}\"];\n",
                     indent, app.id, label, style.fill, style.border, to_string(strategy));
}

std::string render_dot(const Inventory& inv, const DependencyGraph& graph, const MoveGroups& groups,
                       std::span<const Strategy> strategies) {
  std::string out = fmt::format(
      "// dcexit graph: {}\n// Arrows point from an app to what it depends on. Bold: hard; "
      "solid: prerequisite; dashed: soft.\n// Fill: strategy ({}). Clusters: move groups.\n"
      "digraph dependencies {{\n"
      "  graph [rankdir=LR, fontname=\"Helvetica\", label=\"{}\", labelloc=t];\n"
      "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n"
      "  edge [color=\"#4b5563\"];\n",
      dot_escape(inv.estate.name),
      "retire grey, retain amber, rehost blue, relocate cyan, "
      "replatform green, repurchase violet, refactor orange",
      dot_escape(inv.estate.name));
  const auto ids = move_group_ids(groups);
  std::vector<bool> drawn(graph.app_count(), false);
  for (std::uint32_t g : multi_app_groups(groups)) {
    const MoveGroup& group = groups.groups[g];
    out += fmt::format(
        "  subgraph \"cluster_{}\" {{\n    label=\"{} ({})\"; style=dashed; "
        "color=\"#9ca3af\";\n",
        ids[g], ids[g], join(reason_names(group.reasons), ", "));
    for (Index a : group.apps) {
      out += dot_node(inv, a, strategies[a], "    ");
      drawn[a] = true;
    }
    out += "  }\n";
  }
  for (Index a = 0; a < graph.app_count(); ++a) {
    if (!drawn[a]) {
      out += dot_node(inv, a, strategies[a], "  ");
    }
  }
  for (const DependencyEdge& e : graph.edges()) {
    constexpr std::array<std::string_view, 3> k_styles = {"", " [style=bold, penwidth=2]",
                                                          " [style=dashed]"};
    out += fmt::format("  \"{}\" -> \"{}\"{};\n", app_id(inv, e.from), app_id(inv, e.to),
                       k_styles[static_cast<std::size_t>(e.coupling)]);
  }
  out += "}\n";
  return out;
}

std::string mermaid_label(std::string_view text) {
  std::string out;
  for (char c : text) {
    out += c == '"' ? std::string("#quot;") : std::string(1, c);
  }
  return out;
}

std::string render_mermaid(const Inventory& inv, const DependencyGraph& graph,
                           const GraphAnalysis& an) {
  // Mermaid ids allow no '.' or '-': apps are a0, a1, ... with their id as the label.
  std::string out = "flowchart LR\n";
  const auto ids = move_group_ids(an.move_groups);
  std::vector<bool> drawn(graph.app_count(), false);
  const auto node = [&](Index a, std::string_view indent) {
    drawn[a] = true;
    return fmt::format("{}a{}[\"{}\"]\n", indent, a, mermaid_label(app_id(inv, a)));
  };
  for (std::uint32_t g : multi_app_groups(an.move_groups)) {
    out += fmt::format("  subgraph g{}[\"{} ({})\"]\n", g, ids[g],
                       join(reason_names(an.move_groups.groups[g].reasons), ", "));
    for (Index a : an.move_groups.groups[g].apps) {
      out += node(a, "    ");
    }
    out += "  end\n";
  }
  for (Index a = 0; a < graph.app_count(); ++a) {
    if (!drawn[a]) {
      out += node(a, "  ");
    }
  }
  for (const DependencyEdge& e : graph.edges()) {
    constexpr std::array<std::string_view, 3> k_arrows = {"-->", "==>", "-.->"};
    out +=
        fmt::format("  a{} {} a{}\n", e.from, k_arrows[static_cast<std::size_t>(e.coupling)], e.to);
  }
  for (Strategy s : k_strategies) {
    const StrategyStyle style = style_of(s);
    std::string members;
    for (Index a = 0; a < graph.app_count(); ++a) {
      if (an.strategies[a] == s) {
        members += fmt::format("{}a{}", members.empty() ? "" : ",", a);
      }
    }
    if (!members.empty()) {
      out += fmt::format("  classDef {} fill:{},stroke:{}\n  class {} {}\n", to_string(s),
                         style.fill, style.border, members, to_string(s));
    }
  }
  return out;
}

// --- json ------------------------------------------------------------------------------------

void json_apps(JsonWriter& w, const Inventory& inv, std::span<const Index> apps) {
  w.begin_array();
  for (Index a : apps) {
    w.string(app_id(inv, a));
  }
  w.end();
}

void json_dependencies_and_cycles(JsonWriter& w, const Inventory& inv, const DependencyGraph& graph,
                                  const GraphAnalysis& an) {
  w.key("dependencies").begin_array(JsonLayout::lines(4));
  for (const DependencyEdge& e : graph.edges()) {
    w.begin_object().field("from", app_id(inv, e.from)).field("to", app_id(inv, e.to));
    w.field("coupling", to_string(e.coupling)).end();
  }
  w.end().key("cycles").begin_array(JsonLayout::lines(4));
  for (const Cycle& cycle : an.cycles) {
    w.begin_object().key("apps");
    json_apps(w, inv, cycle.apps);
    w.key("path");
    json_apps(w, inv, cycle.path);
    w.end();
  }
  w.end();
}

void json_groups_and_clusters(JsonWriter& w, const Inventory& inv, const DependencyGraph& graph,
                              const GraphAnalysis& an) {
  const auto ids = move_group_ids(an.move_groups);
  w.key("move_groups").begin_array(JsonLayout::lines(4));
  for (std::uint32_t g : multi_app_groups(an.move_groups)) {
    w.begin_object().field("id", ids[g]).key("apps");
    json_apps(w, inv, an.move_groups.groups[g].apps);
    w.key("reasons").strings(reason_names(an.move_groups.groups[g].reasons)).end();
  }
  std::vector<std::vector<Index>> clusters(an.clusters.count);
  for (Index a = 0; a < graph.app_count(); ++a) {
    clusters[an.clusters.of[a]].push_back(a);
  }
  w.end().key("clusters").begin_array(JsonLayout::lines(4));
  for (const auto& cluster : clusters) {
    json_apps(w, inv, cluster);
  }
  w.end().key("orphans");
  json_apps(w, inv, an.orphans);
}

std::string render_json(const Inventory& inv, const DependencyGraph& graph,
                        const GraphAnalysis& an) {
  std::string out;
  JsonWriter w(out);
  w.begin_object(JsonLayout::lines(2))
      .field("schema", "dcexit-graph/v1")
      .field("estate", inv.estate.name);
  w.field("applications", graph.app_count());
  json_dependencies_and_cycles(w, inv, graph, an);
  json_groups_and_clusters(w, inv, graph, an);
  w.key("longest_chain").begin_array();
  for (std::uint32_t g : an.move_groups.longest_chain) {
    json_apps(w, inv, an.move_groups.groups[g].apps);
  }
  w.end().key("shared_services").begin_array(JsonLayout::lines(4));
  for (const SharedService& s : an.shared_services) {
    w.begin_object().field("app", app_id(inv, s.app)).field("direct", s.direct);
    w.field("transitive", s.transitive).end();
  }
  w.end().end();
  out += '\n';
  return out;
}

}  // namespace

std::string render_graph(const Inventory& inventory, const DependencyGraph& graph,
                         const GraphAnalysis& analysis, GraphFormat format) {
  switch (format) {
    case GraphFormat::text:
      return terminal_text(render_text(inventory, graph, analysis));
    case GraphFormat::dot:
      return render_dot(inventory, graph, analysis.move_groups, analysis.strategies);
    case GraphFormat::mermaid:
      return render_mermaid(inventory, graph, analysis);
    case GraphFormat::json:
      return render_json(inventory, graph, analysis);
  }
  return {};
}

std::string render_reachable(const Inventory& inventory, Index app, Direction direction,
                             std::span<const Reached> reached, GraphFormat format) {
  const bool dependants = direction == Direction::dependants;
  if (format == GraphFormat::json) {
    std::string out;
    JsonWriter w(out);
    w.begin_object().field("app", app_id(inventory, app));
    w.field("direction", dependants ? "dependants" : "dependencies");
    w.key("reached").begin_array(JsonLayout::lines(2));
    for (const Reached& r : reached) {
      w.begin_object().field("app", app_id(inventory, r.app)).field("depth", r.depth).end();
    }
    w.end().end();
    out += '\n';
    return out;
  }
  std::string out =
      dependants ? fmt::format(
                       "{} applications depend on '{}', directly or not: a change to it "
                       "affects them\n",
                       reached.size(), app_id(inventory, app))
                 : fmt::format("'{}' depends on {} applications, directly or not: it needs them\n",
                               app_id(inventory, app), reached.size());
  std::uint32_t depth = 0;
  for (const Reached& r : reached) {
    if (r.depth != depth) {
      depth = r.depth;
      out += fmt::format("  depth {}:", depth);
    }
    out += " " + app_id(inventory, r.app);
    const bool last_of_depth = &r == &reached.back() || (&r)[1].depth != depth;
    if (last_of_depth) {
      out += "\n";
    }
  }
  return out;
}

std::string render_plan_dot(const Plan& plan) {
  return render_dot(*plan.inventory, plan.graph, plan.groups, assessed_strategies(plan.assessment));
}

}  // namespace dcexit
