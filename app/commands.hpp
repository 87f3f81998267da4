// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

namespace CLI {
class App;
}

namespace dcexit::cli {

// Exit codes of the contract: 0 success, 1 invalid inventory or no plan, 2 usage or I/O.
enum ExitCode : int { k_exit_ok = 0, k_exit_invalid = 1, k_exit_usage = 2 };

// Each adds one subcommand whose callback stores its exit code in `exit_code`.
void add_validate_command(CLI::App& app, int& exit_code);
void add_assess_command(CLI::App& app, int& exit_code);
void add_profile_command(CLI::App& app, int& exit_code);
void add_plan_command(CLI::App& app, int& exit_code);
void add_graph_command(CLI::App& app, int& exit_code);
void add_schema_command(CLI::App& app, int& exit_code);
void add_import_command(CLI::App& app, int& exit_code);
void add_diff_command(CLI::App& app, int& exit_code);

}  // namespace dcexit::cli
