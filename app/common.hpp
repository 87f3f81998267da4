// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <dcexit/assess.hpp>
#include <dcexit/diagnostic.hpp>
#include <dcexit/inventory.hpp>
#include <dcexit/load.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <vector>

namespace dcexit::cli {

// The exit code of a load that gave no inventory: 1 invalid, 2 unreadable. Only the command
// line knows exit codes; the library says what went wrong.
int exit_code_of(LoadFailure failure);

// Prints `diagnostics` to stderr through the one renderer, one line each; only errors if
// `errors_only` (--quiet).
void print_diagnostics(const std::vector<Diagnostic>& diagnostics, bool errors_only = false);
// Prints `diagnostic` to stderr through the renderer.
void print_diagnostic(const Diagnostic& diagnostic);
// Prints a usage error (`dcexit: error: MESSAGE [usage]`) and returns exit code 2.
int usage_error(std::string message);

// Loads the estate at `path`, printing its diagnostics; the exit code when it gives none.
tl::expected<Inventory, int> load_for_command(const std::string& path,
                                              const std::vector<std::string>& set = {});

// A scoring profile and an estate, both read and valid.
struct ProfiledEstate {
  ScoringProfile profile;
  Inventory inventory;
};
// The estate, then the profile for its target (`target`, else its `estate.target`): the file at
// `profile_path` read over that target's built-in profile, or the built-in one when the path is
// empty; the exit code when either fails (its diagnostics printed).
tl::expected<ProfiledEstate, int> load_profile_and_estate(const std::string& profile_path,
                                                          const std::string& path,
                                                          const std::vector<std::string>& set = {},
                                                          std::optional<Target> target = {});

// The scoring profile of each target an estate may name, read once each (plan reads many
// estates, on several threads): the file at `path` over the target's built-in profile.
class ProfileSet {
 public:
  ProfileSet(std::string path, std::optional<Target> forced)
      : m_path(std::move(path)), m_forced(forced) {}
  // The profile for an estate of this target (the forced one if --target was given); the exit
  // code, after printing its diagnostics once, when the file does not read over it.
  tl::expected<const ScoringProfile*, int> get(std::optional<Target> estate_target);

 private:
  std::string m_path;
  std::optional<Target> m_forced;
  std::mutex m_mutex;
  std::array<std::optional<tl::expected<ScoringProfile, int>>, 3> m_loaded;
};

// Adds `--target azure|aws|generic` to `cmd`.
void add_target_option(CLI::App* cmd, std::optional<Target>& target);

// Adds the repeatable `--set PATH=VALUE` option to `cmd`.
void add_set_option(CLI::App* cmd, std::vector<std::string>& set);

// False, after printing why, when "-" (standard input) is among `paths` more than once.
bool stdin_at_most_once(const std::vector<std::string>& paths);

// A transformer from names (in any letter case) to an enum's value, whose --help and whose
// error list the names: "--format: bogus not in {github,json,text}". CLI11's own
// CheckedTransformer prints a uint8_t enum's values as raw bytes in both.
template <class Enum>
CLI::Validator enum_names(const std::map<std::string, Enum>& names) {
  std::string listed;
  for (const auto& entry : names) {
    listed += (listed.empty() ? "" : ",") + entry.first;
  }
  listed = "{" + listed + "}";
  return CLI::Validator(
      [names, listed](std::string& value) -> std::string {
        std::string key = value;
        std::transform(key.begin(), key.end(), key.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        const auto found = names.find(key);
        if (found == names.end()) {
          return printable(value) + " not in " + listed;
        }
        value = std::to_string(static_cast<unsigned>(found->second));
        return {};
      },
      listed);
}

// An option whose value is a date, YYYY-MM-DD (--as-of).
CLI::Validator iso_date();

// An option whose value is a whole number from 0 to `most`, in decimal digits only: CLI11 alone
// takes "-1" for an unsigned option and saturates one past its type (--seed, --simulate).
CLI::Validator whole_number(std::uint64_t most = UINT64_MAX);

// Writes `text` to stdout; main() reports a failed write (exit code 2).
int print_output(const std::string& text);

}  // namespace dcexit::cli
