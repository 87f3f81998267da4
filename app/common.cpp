// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "common.hpp"

#include "commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace dcexit::cli {

int exit_code_of(LoadFailure failure) {
  return failure == LoadFailure::unreadable ? k_exit_usage : k_exit_invalid;
}

void print_diagnostics(const std::vector<Diagnostic>& diagnostics, bool errors_only) {
  for (const Diagnostic& d : diagnostics) {
    if (!errors_only || d.severity == Severity::error) {
      print_diagnostic(d);
    }
  }
}

void print_diagnostic(const Diagnostic& diagnostic) {
  fmt::print(stderr, "{}\n", format_text(diagnostic));
}

int usage_error(std::string message) {
  print_diagnostic(Diagnostic::make(Severity::error, {}, Code::usage, std::move(message)));
  return k_exit_usage;
}

tl::expected<Inventory, int> load_for_command(const std::string& path,
                                              const std::vector<std::string>& set) {
  DiagnosticSink sink;
  auto inventory = load_estate(path, sink, set);
  print_diagnostics(sink.all());
  if (!inventory) {
    if (inventory.error() == LoadFailure::invalid) {
      fmt::print(stderr, "{}: invalid inventory; run 'dcexit validate {}' for details\n",
                 printable(path == "-" ? "<stdin>" : path), printable(path));
    }
    return tl::unexpected(exit_code_of(inventory.error()));
  }
  return std::move(*inventory);
}

tl::expected<ProfiledEstate, int> load_profile_and_estate(const std::string& profile_path,
                                                          const std::string& path,
                                                          const std::vector<std::string>& set,
                                                          std::optional<Target> target) {
  auto inventory = load_for_command(path, set);
  if (!inventory) {
    return tl::unexpected(inventory.error());
  }
  DiagnosticSink sink;
  auto profile = load_profile_file(
      profile_path, sink, target.value_or(inventory->estate.target.value_or(Target::generic)));
  print_diagnostics(sink.all());
  if (!profile) {
    return tl::unexpected(exit_code_of(profile.error()));
  }
  return ProfiledEstate{std::move(*profile), std::move(*inventory)};
}

tl::expected<const ScoringProfile*, int> ProfileSet::get(std::optional<Target> estate_target) {
  const Target target = m_forced.value_or(estate_target.value_or(Target::generic));
  const std::lock_guard lock(m_mutex);
  auto& slot = m_loaded[static_cast<std::size_t>(target)];
  if (!slot) {
    DiagnosticSink sink;
    auto profile = load_profile_file(m_path, sink, target);
    print_diagnostics(sink.all());
    slot = profile ? tl::expected<ScoringProfile, int>(std::move(*profile))
                   : tl::unexpected(exit_code_of(profile.error()));
  }
  if (!*slot) {
    return tl::unexpected(slot->error());
  }
  return &**slot;
}

void add_target_option(CLI::App* cmd, std::optional<Target>& target) {
  const std::map<std::string, Target> targets = {
      {"generic", Target::generic}, {"azure", Target::azure}, {"aws", Target::aws}};
  cmd->add_option("--target", target,
                  "The cloud to assess for (azure, aws, generic), over the inventory's "
                  "estate.target; selects that target's built-in profile")
      ->transform(enum_names(targets));
}

bool stdin_at_most_once(const std::vector<std::string>& paths) {
  if (std::count(paths.begin(), paths.end(), "-") > 1) {
    usage_error("'-' (standard input) can be given only once");
    return false;
  }
  return true;
}

int print_output(const std::string& text) {
  // A failed write is caught once, in main(), when stdout is flushed.
  std::fwrite(text.data(), 1, text.size(), stdout);
  return k_exit_ok;
}

void add_set_option(CLI::App* cmd, std::vector<std::string>& set) {
  cmd->add_option("--set", set,
                  "What if: PATH=VALUE replaces one value of the inventory, checked like the file "
                  "(policy.wave.max_apps=8, applications.sap-erp.decision.strategy=replatform); "
                  "repeatable")
      ->take_all()
      ->allow_extra_args(false);
}

CLI::Validator iso_date() {
  return CLI::Validator(
      [](std::string& value) {
        return Date::parse(value)
                   ? std::string()
                   : fmt::format("'{}' is not a date (YYYY-MM-DD)", printable(value));
      },
      "DATE");
}

CLI::Validator whole_number(std::uint64_t most) {
  return CLI::Validator(
      [most](std::string& value) {
        std::uint64_t n = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        const bool digits = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
          return c >= '0' && c <= '9';
        });
        if (digits && ec == std::errc() && end == value.data() + value.size() && n <= most) {
          return std::string();
        }
        return fmt::format("'{}' is not a whole number from 0 to {}", printable(value), most);
      },
      "N");
}

}  // namespace dcexit::cli
