// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "common.hpp"

#include "commands.hpp"

#include <dcexit/diagnostic.hpp>
#include <dcexit/inventory_loader.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace dcexit::cli {

std::optional<Inventory> load_for_command(const std::string& path, int& exit_code) {
  DiagnosticSink diagnostics;
  LoadResult loaded = load_inventory(path, diagnostics);
  diagnostics.sort();
  for (const Diagnostic& d : diagnostics.all()) {
    fmt::print(stderr, "{}\n", format_text(d));
  }
  if (loaded.unreadable) {
    exit_code = k_exit_usage;
    return std::nullopt;
  }
  if (diagnostics.has_errors()) {
    fmt::print(stderr, "{}: invalid inventory; run 'dcexit validate {}' for details\n",
               path == "-" ? "<stdin>" : path, path);
    exit_code = k_exit_invalid;
    return std::nullopt;
  }
  return std::move(loaded.inventory);
}

int print_output(const std::string& text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
    fmt::print(stderr, "dcexit: error: cannot write to standard output: {}\n", std::strerror(errno));
    return k_exit_usage;
  }
  return k_exit_ok;
}

}  // namespace dcexit::cli
