// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <dcexit/inventory.hpp>

#include <optional>
#include <string>

namespace dcexit::cli {

// Loads the estate at `path`, printing its diagnostics to stderr. Returns the inventory if it
// has no errors; otherwise sets `exit_code` (1 invalid, 2 unreadable) and returns nullopt.
std::optional<Inventory> load_for_command(const std::string& path, int& exit_code);

// Writes `text` to stdout, or fails with a message if stdout cannot take it (exit code 2).
int print_output(const std::string& text);

}  // namespace dcexit::cli
