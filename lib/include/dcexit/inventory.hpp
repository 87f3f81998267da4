// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// The inventory: dates, sites, servers, applications and policy, read and resolved.
#pragma once

#include <dcexit/diagnostic.hpp>

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace dcexit {

// A calendar date (proleptic Gregorian), stored as days since 1970-01-01; the arithmetic is
// <chrono>'s calendar (sys_days, year_month_day).
struct Date {
  std::int32_t days = 0;

  // Dates read from an inventory or a command line: years 1900..2999.
  static constexpr int k_first_input_year = 1900;
  static constexpr int k_last_input_year = 2999;
  // The last date a plan may reach (waves, switch-offs, run-down): 9999-12-31. A plan that
  // would go past it is refused with a diagnostic, so no output ever holds a 5-digit year.
  static Date last_supported();

  static Date from_civil(int year, unsigned month, unsigned day);
  // Parses exactly `YYYY-MM-DD` for years 1900..2999; nullopt for anything else.
  static std::optional<Date> parse(std::string_view text);
  // Whether `text` is `YYYY-MM-DD` naming a real day, whatever its year: what tells a date out
  // of parse's range (9999-12-31, how exports write "never") from one that is no date at all.
  static bool is_calendar_day(std::string_view text);

  // `YYYY-MM-DD`; a year outside 0..9999 (never in a plan) as ISO 8601's expanded `+YYYYY-MM-DD`.
  [[nodiscard]] std::string to_string() const;
  // `YYYY-MM`, the month as plan.json's run-down names it.
  [[nodiscard]] std::string month_string() const;
  // Saturates instead of overflowing at the ends of the 32-bit range.
  [[nodiscard]] Date plus_days(std::int64_t n) const;
  [[nodiscard]] int year() const;
  [[nodiscard]] unsigned month() const;  // 1..12
  [[nodiscard]] unsigned day() const;    // 1..31
  // "Jan" .. "Dec".
  [[nodiscard]] std::string_view month_abbreviation() const;
  // The first day of this date's month, and of the month after it.
  [[nodiscard]] Date month_start() const;
  [[nodiscard]] Date next_month_start() const;

  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads the defaulted comparison.
  friend auto operator<=>(const Date&, const Date&) = default;
};

// Index of a site, server or application in its Inventory vector.
using Index = std::uint32_t;

// Where an entity was defined: an index into Inventory::files plus a 1-based line and column.
struct Location {
  std::uint32_t file = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};
// The `file` of what a `--set PATH=VALUE` option gave: line N is the N-th option, and
// diagnostics name it "--set" (docs/programme.md).
inline constexpr std::uint32_t k_option_file = UINT32_MAX;
inline constexpr std::string_view k_option_file_name = "--set";

enum class Strategy : std::uint8_t {
  retire,
  retain,
  rehost,
  relocate,
  replatform,
  repurchase,
  refactor
};
inline constexpr std::array<Strategy, 7> k_strategies = {
    Strategy::retire,     Strategy::retain,     Strategy::rehost,  Strategy::relocate,
    Strategy::replatform, Strategy::repurchase, Strategy::refactor};
std::string_view to_string(Strategy strategy);

enum class Criticality : std::uint8_t { low, medium, high, critical };
std::string_view to_string(Criticality criticality);

enum class Coupling : std::uint8_t { prerequisite, hard, soft };
std::string_view to_string(Coupling coupling);

enum class ServerKind : std::uint8_t { virtual_machine, physical };
enum class Environment : std::uint8_t { production, non_production };
enum class UsageTrend : std::uint8_t { growing, stable, declining, unused };
enum class AppKind : std::uint8_t { cots, custom, saas };
enum class Fit : std::uint8_t { low, medium, high };
enum class DependencyOrder : std::uint8_t { dependencies_first, none };
// The cloud an estate moves to (`estate.target`): generic when not given.
enum class Target : std::uint8_t { generic, azure, aws };
std::string_view to_string(Target target);
// How long an app that others rely on keeps its on-premises servers after its own cut-over.
enum class ServesUntil : std::uint8_t { last_dependant, site_exit };
// Where an app's move stands (contract programme.md section 3).
enum class ProgressStatus : std::uint8_t { planned, in_progress, done, rolled_back };
std::string_view to_string(ProgressStatus status);
std::string_view to_string(ServesUntil until);

struct Estate {
  std::string name;
  Date start;
  std::optional<Date> deadline;
  std::string currency = "GBP";
  std::string region;  // the cloud region the estate moves to (the business case's prices)
  std::optional<Target> target;  // selects the assessment's target profile (docs/scoring.md)
  Location location;             // of the `estate` mapping
};

struct WavePolicy {
  std::int64_t length_days = 14;
  std::optional<std::int64_t> max_apps;
  std::optional<std::int64_t> max_servers;
  std::optional<double> max_effort_days;
  std::optional<double> max_storage_gb;
  std::optional<std::int64_t> max_critical;  // critical cut-overs per wave
};

// The link that carries migrated data: each wave moves at most
// bandwidth_mbps x utilisation x length_days x 86,400 / 8 / 1,000 GB (`max_transfer_gb`).
struct Network {
  double bandwidth_mbps = 0;
  double utilisation = 1.0;
};

// A change freeze. Empty selectors select every application.
struct Freeze {
  std::string name;
  Date from;
  Date to;  // inclusive
  std::vector<std::string> tags;
  std::vector<std::string> departments;
  std::vector<Index> apps;
  Location location;
};

// How long two apps linked by a dependency may sit on different sides of the hybrid link, per
// coupling (hard couplings share a wave); none means unlimited.
struct SplitLimits {
  std::optional<std::int64_t> prerequisite;
  std::optional<std::int64_t> soft;
};

struct Policy {
  WavePolicy wave;
  std::int64_t hold_days = 30;
  SplitLimits max_split_days;
  std::optional<Criticality> pilot_max_criticality;
  std::vector<Strategy> pilot_strategies;  // routes the pilot must prove, as listed, unique
  Location pilot_location;                 // of `pilot.strategies`
  std::vector<Freeze> freezes;
  // Days before a cut-over of each strategy may start (procurement, build), by Strategy.
  std::array<std::optional<std::int64_t>, 7> lead_days{};
  std::int64_t hypercare_days = 0;  // a freeze also holds its apps this long before it
  std::optional<Network> network;
  bool non_production_first = false;  // rehearse on non-production servers first
  DependencyOrder dependency_order = DependencyOrder::dependencies_first;
  // policy.risk: the chance a cut-over fails and is retried (plan --simulate).
  double rollback_probability = 0.03;
  // policy.carbon.grid_kg_per_kwh: kg CO2e per kWh, one for everything and/or per site id or
  // cloud region (docs/cost.md); none given: the profile's default.
  std::optional<double> grid_kg_per_kwh;
  std::vector<std::pair<std::string, double>> grid_kg_per_kwh_by;  // sorted by key
};

struct Site {
  std::string id;
  std::string name;
  std::optional<double> annual_cost;
  double pue = 1.6;
  bool closing = true;  // false: the site stays open; its blockers do not hold the exit
  Location location;
};

struct OperatingSystem {
  std::string family;
  std::string name;
  std::string version;
  std::optional<Date> end_of_support;
};

struct Server {
  std::string id;
  Index site = 0;
  std::string rack;
  ServerKind kind = ServerKind::virtual_machine;
  Environment environment = Environment::production;
  OperatingSystem os;
  std::optional<double> cpu_cores;
  std::optional<double> memory_gb;
  std::optional<double> storage_gb;
  std::optional<double> cpu_utilisation;
  std::optional<double> memory_utilisation;
  std::optional<double> power_watts;
  std::optional<double> annual_cost;
  std::vector<std::string> software;  // what runs on it, "name version" (a software inventory)
  Location location;
};

struct Technology {
  std::vector<std::string> languages;
  std::string runtime;
  std::string database;
  std::optional<Date> end_of_support;
};

struct Dependency {
  Index app = 0;
  Coupling coupling = Coupling::prerequisite;
  std::optional<std::int64_t> max_split_days;  // overrides the policy's for its coupling
  Location location;
};

struct SaasAlternative {
  std::string product;
  Fit fit = Fit::medium;
  std::optional<double> annual_cost;       // the subscription, all users
  std::optional<double> per_user_monthly;  // or per user and month, times `users`
};

struct Contract {
  std::string supplier;
  std::optional<Date> ends;
  std::optional<double> annual_cost;
};

// What has happened to an app's move: a done app cut over on `date`; an in-progress one (or a
// planned one with a wave) is locked into `wave`; a rolled-back one is planned again.
struct Progress {
  ProgressStatus status = ProgressStatus::planned;
  std::optional<Date> date;
  std::optional<std::uint32_t> wave;
  Location location;
};

struct Decision {
  Strategy strategy = Strategy::rehost;
  std::string reason;
};

struct Application {
  std::string id;
  std::string name;
  std::string department;
  std::string owner;
  Criticality criticality = Criticality::medium;
  bool criticality_given = false;
  std::optional<std::int64_t> users;
  std::optional<UsageTrend> usage_trend;
  std::optional<AppKind> kind;
  std::string vendor;
  Technology technology;
  std::vector<Index> servers;  // sorted by server id
  std::string data_classification;
  std::optional<double> data_size_gb;
  std::optional<double> rto_hours;
  std::optional<double> rpo_hours;
  std::optional<SaasAlternative> saas_alternative;
  std::optional<Contract> contract;
  std::vector<std::string> tags;  // sorted, unique
  std::optional<Decision> decision;
  std::vector<Dependency> depends_on;         // sorted by app id
  std::optional<ServesUntil> serves_until;    // a service others rely on (docs/planning.md)
  std::optional<Index> replaced_by;           // the app that takes its place: it goes no earlier
  std::optional<std::int64_t> lead_days;      // overrides the policy's for its strategy
  std::optional<Progress> progress;           // a programme in flight
  std::optional<double> target_monthly_cost;  // `target: {monthly_cost}`: the cloud cost, given
  std::string target_platform;  // `target: {platform}`: what it replatforms or refactors onto
  Location location;
};

// One estate, read and resolved. Sites, servers and applications are sorted by id whatever
// the order of files and entries, so everything computed from an Inventory is deterministic.
struct Inventory {
  std::string label;               // the PATH it was read from, as given
  std::vector<std::string> files;  // in the order read (sorted paths)
  Estate estate;
  Policy policy;
  std::vector<Site> sites;
  std::vector<Server> servers;
  std::vector<Application> applications;

  // `location` as a diagnostic's position, with its file's name.
  [[nodiscard]] SourceLocation where(const Location& location) const;
  [[nodiscard]] std::optional<Index> find_site(std::string_view id) const;
  [[nodiscard]] std::optional<Index> find_server(std::string_view id) const;
  [[nodiscard]] std::optional<Index> find_application(std::string_view id) const;
};

// The application called `id`, or an error naming it with a did-you-mean hint (for options
// such as `--explain APP` that name one).
tl::expected<Index, Diagnostic> find_application(const Inventory& inventory, std::string_view id);

// True for ids of the form [a-z0-9][a-z0-9._-]* no longer than `k_max_id_length`.
inline constexpr std::size_t k_max_id_length = 128;
bool is_valid_id(std::string_view id);

}  // namespace dcexit
