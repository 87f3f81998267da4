// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "commands.hpp"
#include "common.hpp"

#include <dcexit/assess.hpp>
#include <dcexit/graph.hpp>
#include <dcexit/report.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <map>
#include <memory>

namespace dcexit::cli {

namespace {

struct GraphOptions {
  std::string path;
  GraphFormat format = GraphFormat::text;
  std::string impact;
  std::string needs;
  std::uint32_t depth = 0;
  std::size_t top = 10;
  std::string profile;
};

int run_graph(const GraphOptions& options) {
  const auto loaded = load_profile_and_estate(options.profile, options.path);
  if (!loaded) {
    return loaded.error();
  }
  const ScoringProfile& profile = loaded->profile;
  const Inventory& inventory = loaded->inventory;
  const DependencyGraph graph(inventory);
  if (!options.impact.empty() || !options.needs.empty()) {
    if (options.format != GraphFormat::text && options.format != GraphFormat::json) {
      return usage_error("--impact and --needs print text or json");
    }
    const bool impact = !options.impact.empty();
    const auto app = find_application(inventory, impact ? options.impact : options.needs);
    if (!app) {
      print_diagnostic(app.error());
      return k_exit_usage;
    }
    const Direction direction = impact ? Direction::dependants : Direction::dependencies;
    const auto reached = reachable(graph, *app, direction, options.depth);
    return print_output(render_reachable(inventory, *app, direction, reached, options.format));
  }
  const GraphAnalysis analysis = analyse_graph(
      inventory, graph, assessed_strategies(assess(inventory, graph, profile)), options.top);
  return print_output(render_graph(inventory, graph, analysis, options.format));
}

}  // namespace

void add_graph_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<GraphOptions>();
  CLI::App* cmd = app.add_subcommand(
      "graph", "Dependency graph: cycles, move groups, impact of a change, shared services");
  cmd->add_option("PATH", options->path, "Inventory file, directory, or - for stdin")->required();
  const std::map<std::string, GraphFormat> formats = {{"text", GraphFormat::text},
                                                      {"dot", GraphFormat::dot},
                                                      {"mermaid", GraphFormat::mermaid},
                                                      {"json", GraphFormat::json}};
  cmd->add_option("--format", options->format, "text, dot (Graphviz), mermaid or json")
      ->transform(enum_names(formats));
  auto* impact = cmd->add_option("--impact", options->impact,
                                 "List the apps that depend on APP, directly or not, by depth");
  auto* needs = cmd->add_option("--needs", options->needs,
                                "List the apps APP depends on, directly or not, by depth");
  impact->excludes(needs);
  cmd->add_option("--depth", options->depth, "With --impact/--needs: stop at this depth (0: all)")
      ->check(whole_number(UINT32_MAX));
  cmd->add_option("--top", options->top, "How many shared services to list (default 10)")
      ->check(whole_number(1'000'000'000));
  cmd->add_option("--profile", options->profile,
                  "Scoring profile for the strategies move groups depend on");
  cmd->callback([options, &exit_code] { exit_code = run_graph(*options); });
}

}  // namespace dcexit::cli
