// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "common.hpp"

#include "commands.hpp"

#include <dcexit/diagnostic.hpp>
#include <dcexit/input_file.hpp>
#include <dcexit/inventory_loader.hpp>
#include <dcexit/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace dcexit::cli {

std::optional<Inventory> load_quietly(const std::string& path, int& exit_code, std::string& messages) {
  DiagnosticSink diagnostics;
  LoadResult loaded = load_inventory(path, diagnostics);
  diagnostics.sort();
  for (const Diagnostic& d : diagnostics.all()) {
    messages += format_text(d) + "\n";
  }
  if (loaded.unreadable) {
    exit_code = k_exit_usage;
    return std::nullopt;
  }
  if (diagnostics.has_errors()) {
    messages += fmt::format("{}: invalid inventory; run 'dcexit validate {}' for details\n",
                            path == "-" ? "<stdin>" : path, path);
    exit_code = k_exit_invalid;
    return std::nullopt;
  }
  return std::move(loaded.inventory);
}

std::optional<Inventory> load_for_command(const std::string& path, int& exit_code) {
  std::string messages;
  auto inventory = load_quietly(path, exit_code, messages);
  std::fputs(messages.c_str(), stderr);
  return inventory;
}

std::optional<ScoringProfile> load_profile_option(const std::string& path, int& exit_code) {
  if (path.empty()) {
    return default_profile();
  }
  const auto content = read_input(path);
  if (!content) {
    print_diagnostics({Diagnostic::make(Severity::error, {path, 1, 1}, "unreadable",
                                        fmt::format("cannot read profile '{}': {}", path, content.error()))});
    exit_code = k_exit_usage;
    return std::nullopt;
  }
  DiagnosticSink diagnostics;
  ScoringProfile profile = load_profile(path, *content, diagnostics);
  diagnostics.sort();
  print_diagnostics(diagnostics.all());
  if (diagnostics.has_errors()) {
    exit_code = k_exit_invalid;
    return std::nullopt;
  }
  return profile;
}

std::optional<ProfiledEstate> load_profile_and_estate(const std::string& profile_path,
                                                      const std::string& path, int& exit_code) {
  auto profile = load_profile_option(profile_path, exit_code);
  if (!profile) {
    return std::nullopt;
  }
  auto inventory = load_for_command(path, exit_code);
  if (!inventory) {
    return std::nullopt;
  }
  return ProfiledEstate{std::move(*profile), std::move(*inventory)};
}

std::optional<Index> find_app(const Inventory& inventory, const std::string& id) {
  if (auto app = inventory.find_application(id)) {
    return app;
  }
  std::vector<std::string_view> ids;
  for (const Application& app : inventory.applications) {
    ids.emplace_back(app.id);
  }
  fmt::print(stderr, "dcexit: error: no application '{}' in {}{}\n", printable(id),
             printable(inventory.label), did_you_mean_id(id, ids));
  return std::nullopt;
}

void print_diagnostics(const std::vector<Diagnostic>& diagnostics, bool errors_only) {
  for (const Diagnostic& d : diagnostics) {
    if (!errors_only || d.severity == Severity::error) {
      fmt::print(stderr, "{}\n", format_text(d));
    }
  }
}

bool stdin_at_most_once(const std::vector<std::string>& paths) {
  if (std::count(paths.begin(), paths.end(), "-") > 1) {
    fmt::print(stderr, "dcexit: error: '-' (standard input) can be given only once\n");
    return false;
  }
  return true;
}

int print_output(const std::string& text) {
  // A failed write is caught once, in main(), when stdout is flushed.
  std::fwrite(text.data(), 1, text.size(), stdout);
  return k_exit_ok;
}

}  // namespace dcexit::cli
