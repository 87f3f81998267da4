// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Stage 1, load: an estate's files -> Inventory, with every diagnostic; `validate`; the schema.
#pragma once

#include <dcexit/diagnostic.hpp>
#include <dcexit/inventory.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace dcexit {

inline constexpr std::string_view k_schema_version = "dcexit/v1";

// The parts of the format that hold keys.
enum class Section : std::uint8_t {
  root,
  estate,
  policy,
  policy_wave,
  policy_pilot,
  policy_freezes,
  policy_max_split_days,
  policy_lead_days,
  policy_network,
  policy_risk,
  policy_carbon,
  sites,
  servers,
  servers_os,
  servers_utilisation,
  applications,
  applications_technology,
  applications_data,
  applications_dr,
  applications_saas_alternative,
  applications_contract,
  applications_decision,
  applications_depends_on,
  applications_progress,
  applications_target,
  progress,
};

// The keys of one part of the format, from the one table of the inventory's keys that the field
// readers, the import writer and the schema test all use.
struct KeySection {
  Section section;
  std::string_view path;  // "applications.technology"; "" for the top level
  std::span<const std::string_view> keys;
  bool list_items;  // the keys of each item of a list (a freeze, a dependency)
};
std::span<const KeySection> inventory_key_sections();
const KeySection& inventory_keys(Section section);

// The work a load did, counted (tests bound it by the input's size instead of by a clock).
struct LoadWork {
  std::uint64_t yaml_events = 0;       // parser events, every file
  std::uint64_t alias_nodes = 0;       // nodes reachable through the aliases met
  std::uint64_t hint_comparisons = 0;  // "did you mean" edit distances computed
};

// The outcome of loading one PATH.
struct LoadResult {
  Inventory inventory;
  bool unreadable = false;  // a file or directory could not be read
  LoadWork work;
};

// Loads the estate at `path`: a YAML file, a directory of them (recursively), or "-" for
// standard input. Every problem goes to `sink`; the inventory is usable only without errors.
// `set` holds `--set PATH=VALUE` options: each value replaces (or adds) one scalar as the files
// are read, checked like theirs; their diagnostics name "--set", the N-th option's line N.
LoadResult load_inventory(const std::string& path, DiagnosticSink& sink,
                          const std::vector<std::string>& set = {});

// The same for one file's `content` held in memory, named `name` in diagnostics.
LoadResult load_inventory_text(std::string_view name, std::string_view content,
                               DiagnosticSink& sink, const std::vector<std::string>& set = {});

// Why an estate gave no inventory to plan: its files say something wrong, or cannot be read.
enum class LoadFailure : std::uint8_t { invalid, unreadable };

// load_inventory for the commands that go on with the inventory: its diagnostics are added to
// `sink` (sorted), and the inventory is returned only when none is an error.
tl::expected<Inventory, LoadFailure> load_estate(const std::string& path, DiagnosticSink& sink,
                                                 const std::vector<std::string>& set = {});

struct ValidationOptions {
  bool strict = false;           // warnings count as errors
  std::optional<Date> as_of;     // progress is checked against it (check_progress_as_of)
  std::vector<std::string> set;  // --set PATH=VALUE options (load_inventory)
};

// What progress cannot say as of `as_of` (contract programme.md section 3): a done app dated
// after it, an in-progress app locked into a wave that ended before it, a planned app locked
// into a wave that started before it. Errors, to `sink`.
void check_progress_as_of(const Inventory& inventory, Date as_of, DiagnosticSink& sink);

// What `dcexit validate` reports for one estate.
struct ValidationReport {
  std::string label;
  DiagnosticSink diagnostics;  // sorted
  bool unreadable = false;
  std::size_t sites = 0;
  std::size_t servers = 0;
  std::size_t applications = 0;

  [[nodiscard]] bool valid() const { return !unreadable && !diagnostics.has_errors(); }
  // One line: `PATH: valid|invalid: N sites, N servers, N applications; N errors, N warnings`.
  [[nodiscard]] std::string summary() const;
};

// Loads the estate at `path` and reports on it.
ValidationReport validate_estate(const std::string& path, const ValidationOptions& options);

// A plan as its plan.json gives it, read back (plan --baseline, dcexit diff): what a later plan is
// compared with. Only what they compare is kept.
struct PlanRecord {
  struct App {
    std::string id;
    std::string strategy;
    std::optional<std::uint32_t> wave;            // none: retained
    std::optional<std::uint32_t> rehearsal_wave;  // none: no rehearsal
  };
  struct WaveRecord {
    std::uint32_t number = 0;
    Date start;
    Date end;
    std::size_t apps = 0;
  };
  struct SiteRecord {
    std::string id;
    std::optional<Date> exit_date;
  };
  std::string label;  // the path read
  std::string estate;
  std::optional<Date> deadline;
  std::optional<Date> exit_date;
  bool deadline_met = false;
  std::vector<App> applications;  // sorted by id
  std::vector<WaveRecord> waves;  // by number
  std::vector<SiteRecord> sites;  // sorted by id

  // The app called `id`, if the plan has it.
  [[nodiscard]] const App* find(std::string_view id) const;
};

// Reads a plan.json that `dcexit plan` wrote; problems (not JSON, not a plan, a field of the
// wrong type) go to `sink` at their line and column.
tl::expected<PlanRecord, LoadFailure> read_plan_record(const std::string& path,
                                                       DiagnosticSink& sink);
// The same for a plan.json held in memory, named `name` in diagnostics.
tl::expected<PlanRecord, LoadFailure> read_plan_record_text(std::string_view name,
                                                            std::string_view content,
                                                            DiagnosticSink& sink);

// The JSON Schema of the inventory format (schema/dcexit-v1.schema.json, built in).
std::string_view inventory_json_schema();

}  // namespace dcexit
