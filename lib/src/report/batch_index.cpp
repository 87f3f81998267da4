// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/json_writer.hpp"
#include "base/text.hpp"

#include <dcexit/plan.hpp>
#include <dcexit/report.hpp>

#include <fmt/format.h>

namespace dcexit {

IndexEntry index_entry(const Plan& plan, const std::string& name) {
  const auto& deadline = plan.inventory->estate.deadline;
  return {name,
          plan.inventory->estate.name,
          plan_summary_line(plan, name),
          plan.inventory->applications.size(),
          plan.waves.waves.size(),
          plan.decommission.exit_date,
          deadline ? std::optional(plan.decommission.deadline_met) : std::nullopt};
}

std::string render_index_markdown(const std::vector<IndexEntry>& entries) {
  std::string md = "# Exit plans\n\n| estate | plan |\n|---|---|\n";
  for (const IndexEntry& e : entries) {
    if (e.summary) {
      md += fmt::format("| [{}]({}/plan.md) | {} |\n", markdown_text(e.name), url_path(e.name),
                        markdown_text(*e.summary));
    }
  }
  for (const IndexEntry& e : entries) {
    if (!e.summary) {
      md += fmt::format("| {} | invalid inventory: no plan |\n", markdown_text(e.name));
    }
  }
  return md;
}

std::string render_index_json(const std::vector<IndexEntry>& entries) {
  std::string out;
  JsonWriter w(out);
  w.begin_object(JsonLayout::lines(2)).field("schema", "dcexit-index/v1");
  w.key("estates").begin_array(JsonLayout::lines(4));
  for (const IndexEntry& e : entries) {
    if (e.summary) {
      w.begin_object()
          .field("name", e.name)
          .field("plan", e.name + "/plan.json")
          .key("deadline_met");
      e.deadline_met ? w.boolean(*e.deadline_met) : w.null();
      w.end();
    }
  }
  w.end().key("failed").begin_array();
  for (const IndexEntry& e : entries) {
    if (!e.summary) {
      w.string(e.name);
    }
  }
  w.end().end();
  out += '\n';
  return out;
}

}  // namespace dcexit
