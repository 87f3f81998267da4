// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <dcexit/date.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace dcexit {

struct Plan;

// One estate of a batch, as its index lists it.
struct IndexEntry {
  std::string name;                    // its folder, or the path given when it has no plan
  std::string estate;                  // its name
  std::optional<std::string> summary;  // none when the inventory was invalid
  std::size_t applications = 0;
  std::size_t waves = 0;
  std::optional<Date> exit_date;
  std::optional<bool> deadline_met;  // none without a deadline
};

// The index line of a planned estate in folder `name`.
IndexEntry index_entry(const Plan& plan, const std::string& name);

// index.md, index.json and index.html of a batch: its estates in the order given, those
// without a plan listed after them.
std::string render_index_markdown(const std::vector<IndexEntry>& entries);
std::string render_index_json(const std::vector<IndexEntry>& entries);
std::string render_index_html(const std::vector<IndexEntry>& entries);

}  // namespace dcexit
