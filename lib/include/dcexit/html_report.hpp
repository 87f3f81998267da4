// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <dcexit/plan.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dcexit {

// The Graphviz helper beside the running executable (`dcexit-layout`), which lays a graph out
// in a process of its own.
std::filesystem::path default_layout_program();

struct ReportOptions {
  // The dependency graph is drawn for estates up to this many apps; larger ones get a note
  // (Graphviz's layout time grows too fast to be worth it in a report).
  std::size_t max_graph_apps = 400;
  std::filesystem::path layout_program = default_layout_program();
};

// report.html: one self-contained page (no network, scripts or fonts) for a programme board.
std::string render_report_html(const Plan& plan, const ReportOptions& options = {});

// The dependency graph of a dot text laid out by `program` (dcexit-layout: dot on standard
// input, the <svg> element on standard output), started with posix_spawn; nullopt when it is
// missing, fails, or runs for more than two minutes.
std::optional<std::string> layout_svg(const std::string& dot, const std::filesystem::path& program);

}  // namespace dcexit
