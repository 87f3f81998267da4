// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "commands.hpp"
#include "common.hpp"

#include <dcexit/load.hpp>

#include <CLI/CLI.hpp>

namespace dcexit::cli {

void add_schema_command(CLI::App& app, int& exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "schema", "Print the JSON Schema of the inventory format (for editors and CI)");
  cmd->callback([&exit_code] { exit_code = print_output(std::string(inventory_json_schema())); });
}

}  // namespace dcexit::cli
