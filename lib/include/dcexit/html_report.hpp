// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <dcexit/plan.hpp>

#include <optional>
#include <string>
#include <vector>

namespace dcexit {

struct ReportOptions {
  // The dependency graph is drawn for estates up to this many apps; larger ones get a note
  // (Graphviz's layout time grows too fast to be worth it in a report).
  std::size_t max_graph_apps = 400;
};

// report.html: one self-contained page (no network, scripts or fonts) for a programme board.
std::string render_report_html(const Plan& plan, const ReportOptions& options = {});

// One line of a batch's index.html.
struct IndexEntry {
  std::string name;             // the estate's folder
  std::string estate;           // its name
  std::optional<std::string> summary;  // none when the inventory was invalid
  std::size_t applications = 0;
  std::size_t waves = 0;
  std::optional<Date> exit_date;
  bool deadline_met = false;
};
std::string render_index_html(const std::vector<IndexEntry>& entries);

// The dependency graph of a dot text laid out by Graphviz as SVG (the <svg> element only).
std::optional<std::string> layout_svg(const std::string& dot);

}  // namespace dcexit
