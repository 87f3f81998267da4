// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "commands.hpp"
#include "common.hpp"

#include <dcexit/version.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>

namespace {

// Parses the command line and runs the subcommand; CLI11 prints its own usage errors.
int run(int argc, char** argv) {
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
  dcexit::cli::add_diff_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Error& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : dcexit::cli::k_exit_usage;
  }
  // Output that could not be written (a full disk, a closed pipe) is an error, not a success.
  if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
    return dcexit::cli::usage_error(
        fmt::format("cannot write to standard output: {}", std::strerror(errno)));
  }
  return exit_code;
}

}  // namespace

// The one boundary: what the library or the standard library throws ends here, as a message.
int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::fputs("dcexit: error: out of memory [internal-error]\n", stderr);
  } catch (const std::exception& e) {
    dcexit::cli::print_diagnostic(dcexit::Diagnostic::make(dcexit::Severity::error, {},
                                                           dcexit::Code::internal_error, e.what()));
  } catch (...) {
    std::fputs("dcexit: error: unexpected failure [internal-error]\n", stderr);
  }
  return dcexit::cli::k_exit_usage;
}
