// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "commands.hpp"

#include <dcexit/schema.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace dcexit::cli {

void add_schema_command(CLI::App& app, int& exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "schema", "Print the JSON Schema of the inventory format (for editors and CI)");
  cmd->callback([&exit_code] {
    fmt::print("{}", inventory_json_schema());
    exit_code = k_exit_ok;
  });
}

}  // namespace dcexit::cli
