// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "commands.hpp"

#include <dcexit/version.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>

int main(int argc, char** argv) {
  CLI::App app{"dcexit: plan an organisation's exit from its data centre, from a YAML inventory"};
  app.set_version_flag("--version", "dcexit " DCEXIT_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 success, 1 invalid inventory or no plan, 2 usage or I/O error.\n"
      "Docs: docs/inventory.md, docs/ci.md.");
  int exit_code = dcexit::cli::k_exit_ok;
  dcexit::cli::add_validate_command(app, exit_code);
  dcexit::cli::add_graph_command(app, exit_code);
  dcexit::cli::add_assess_command(app, exit_code);
  dcexit::cli::add_plan_command(app, exit_code);
  dcexit::cli::add_profile_command(app, exit_code);
  dcexit::cli::add_schema_command(app, exit_code);
  dcexit::cli::add_import_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Error& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : dcexit::cli::k_exit_usage;
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "dcexit: error: out of memory\n");
    return dcexit::cli::k_exit_usage;
  } catch (const std::exception& e) {
    fmt::print(stderr, "dcexit: error: {}\n", e.what());
    return dcexit::cli::k_exit_usage;
  }
  // Output that could not be written (a full disk, a closed pipe) is an error, not a success.
  if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
    fmt::print(stderr, "dcexit: error: cannot write to standard output: {}\n",
               std::strerror(errno));
    return dcexit::cli::k_exit_usage;
  }
  return exit_code;
}
