// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <dcexit/diagnostic.hpp>
#include <dcexit/inventory.hpp>
#include <dcexit/scoring_profile.hpp>

#include <CLI/CLI.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dcexit::cli {

// Loads the estate at `path`, appending its diagnostics (one per line) to `messages`. Returns the
// inventory if it has no errors; otherwise sets `exit_code` (1 invalid, 2 unreadable).
std::optional<Inventory> load_quietly(const std::string& path, int& exit_code, std::string& messages);

// Loads the estate at `path`, printing its diagnostics to stderr. Returns the inventory if it
// has no errors; otherwise sets `exit_code` (1 invalid, 2 unreadable) and returns nullopt.
std::optional<Inventory> load_for_command(const std::string& path, int& exit_code);

// The built-in profile, or it overridden by the file at `path` (diagnostics printed); nullopt
// with `exit_code` set when the file cannot be read (2) or is invalid (1).
std::optional<ScoringProfile> load_profile_option(const std::string& path, int& exit_code);

// A scoring profile and an estate, both read and valid.
struct ProfiledEstate {
  ScoringProfile profile;
  Inventory inventory;
};
// load_profile_option then load_for_command; nullopt with `exit_code` set if either fails.
std::optional<ProfiledEstate> load_profile_and_estate(const std::string& profile_path,
                                                      const std::string& path, int& exit_code);

// The app called `id`, or nullopt after printing an error with a did-you-mean hint.
std::optional<Index> find_app(const Inventory& inventory, const std::string& id);

// Prints `diagnostics` to stderr, one `FILE:LINE:COLUMN: …` line each; only errors if
// `errors_only` (--quiet).
void print_diagnostics(const std::vector<Diagnostic>& diagnostics, bool errors_only = false);

// A checked transformer from names to an enum whose --help lists the names (CLI11 would print
// a uint8_t enum's values as raw bytes).
template <class Enum>
CLI::Validator enum_names(const std::map<std::string, Enum>& names) {
  std::string listed;
  for (const auto& entry : names) {
    listed += (listed.empty() ? "" : ",") + entry.first;
  }
  return CLI::CheckedTransformer(names, CLI::ignore_case).description("{" + listed + "}");
}

// False, after printing why, when "-" (standard input) is among `paths` more than once.
bool stdin_at_most_once(const std::vector<std::string>& paths);

// Writes `text` to stdout; main() reports a failed write (exit code 2).
int print_output(const std::string& text);

}  // namespace dcexit::cli
