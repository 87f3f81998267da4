// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Stage 3, assess: the scoring profile and a strategy, score, confidence and effort per app.
#pragma once

#include <dcexit/graph.hpp>
#include <dcexit/inventory.hpp>
#include <dcexit/load.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dcexit {

class DiagnosticSink;

// A field a signal's condition reads: the app's own, a derived figure, or its servers'
// (`servers.…`). docs/scoring.md, "Fields", lists them.
enum class Field : std::uint8_t {
  id,
  name,
  department,
  owner,
  vendor,
  criticality,
  users,
  usage_trend,
  kind,
  technology_languages,
  technology_runtime,
  technology_database,
  technology_end_of_support,
  data_classification,
  data_size_gb,
  data_gb,
  dr_rto_hours,
  dr_rpo_hours,
  saas_product,
  saas_fit,
  saas_platform,
  target_platform,
  contract_supplier,
  contract_ends,
  tags,
  dependants,
  direct_dependants,
  server_count,
  server_id,
  server_site,
  server_site_closing,
  server_kind,
  server_environment,
  server_os_family,
  server_os_name,
  server_os_version,
  server_os_end_of_support,
  server_os_free_updates,
  server_cpu_cores,
  server_memory_gb,
  server_storage_gb,
  server_cpu_utilisation,
  server_memory_utilisation,
  server_power_watts,
  server_software,
};
std::string_view to_string(Field field);

// One test on a field. Text compares ignoring case; `matches` is a glob (`*`, `?`); numbers and
// dates (YYYY-MM-DD) compare by value. A server field is tested on the app's servers that give
// it: `any` of them, `all` of them (at least one), or the `share` of them that pass.
struct Condition {
  enum class Op : std::uint8_t {
    equals,
    in,
    matches,
    greater_than,
    less_than,
    at_least,
    at_most,
    present,
    absent
  };
  enum class On : std::uint8_t { any, all, share };
  Field field = Field::id;
  Op op = Op::present;
  On on = On::any;
  std::vector<std::string> values;  // equals: one, in: several, matches: a glob
  double number = 0;  // the comparisons' bound, or equals' number (a date as days since 1970)
};

// A value a signal takes when all of `when` hold; `reason` says why, with `{match}` (what
// matched), `{share}` (a percentage) and `{FIELD}` (any app field) filled in.
struct SignalLevel {
  std::vector<Condition> when;
  double value = 1;
  std::string reason;
};

// How a signal is read: from its levels, or by a built-in rule for what no condition can say
// (the programme's dates, the graph, the target's free updates).
enum class SignalRule : std::uint8_t {
  levels,
  criticality,
  os_out_of_support,
  platform_out_of_support,
  contract_ends,
  many_dependants,
};

// What the model knows about an app, each as a value in 0..1 (docs/scoring.md). A levels
// signal takes the first level whose conditions all hold, else 0 (`otherwise` says why); it is
// known when the app (or one of its servers) gives a field it reads, or always when it tests
// `present` or `absent`.
struct SignalDefinition {
  std::string name;
  SignalRule rule = SignalRule::levels;
  std::vector<SignalLevel> levels;
  std::string otherwise;
};
using SignalId = std::uint16_t;

// What the target cloud offers (profile `target:`).
struct TargetFacts {
  Target target = Target::generic;
  // SaaS alternatives that are platform on this cloud (Azure Virtual Desktop): not repurchase.
  std::vector<std::string> platform_products;  // globs, compared ignoring case
};

// A condition under which a strategy cannot apply.
enum class GateCondition : std::uint8_t {
  no_servers,
  kind_in,
  os_family_in,
  os_name_contains,
  has_physical_server,
  no_saas_alternative,
};
std::string_view to_string(GateCondition condition);

struct Gate {
  GateCondition condition = GateCondition::no_servers;
  std::vector<std::string> values;  // for the *_in / *_contains conditions, compared ignoring case
  std::string reason;               // `{match}` is replaced by what matched
};

// What a strategy's choice rests on (profile `strategies.S.evidence`): each item the app lacks
// takes `confidence.missing_evidence` off its confidence (docs/scoring.md, "Confidence").
enum class Evidence : std::uint8_t { servers, criticality, usage, technology, target, saas };
inline constexpr std::size_t k_evidence_count = 6;
std::string_view to_string(Evidence evidence);
// The inventory fields that give it ("users or usage_trend").
std::string_view evidence_data(Evidence evidence);

struct EffortModel {
  double fixed = 0;
  double per_server = 0;
  double per_tb = 0;
};

struct StrategyProfile {
  double base = 0;
  std::vector<double> weights;  // by SignalId, as many as the profile's signals
  std::vector<Gate> gates;
  std::vector<Evidence> evidence;
  EffortModel effort;
};

// A disaster-recovery tier (profile `dr_tiers`, in order): an app takes the first tier any of
// whose thresholds it meets, else the last (docs/scoring.md, "DR tiers").
struct DrTierRule {
  std::string name;  // "hot standby"
  std::optional<double> rto_hours_at_most;
  std::optional<double> rpo_hours_at_most;
  std::vector<Criticality> criticality;              // any of these
  std::optional<std::uint32_t> dependants_at_least;  // by prerequisite or hard coupling
};

// What placed an app in its tier.
enum class DrBasis : std::uint8_t { retired, rto, rpo, criticality, dependants, fallback };

// How confidence is reckoned and where plan warns (profile `confidence:`).
struct ConfidenceSettings {
  double floor = 0.5;             // plan warns (low-confidence) below it
  double missing_evidence = 0.2;  // off for each evidence item the app lacks
  double margin = 0.2;            // a lead this large over the runner-up counts in full
};

// The cloud a business case prices (the target's provider).
enum class Provider : std::uint8_t { azure, aws };
std::string_view to_string(Provider provider);

// Ranges the profile gives a price list's reading: sizes Azure's list does not describe.
struct SizeShape {
  std::string size;
  double vcpus = 0;
  double memory_gb = 0;
};

// What the business case assumes (the profile's `cost` section, docs/cost.md).
struct CostSettings {
  double headroom = 0.2;           // above cores x p95 CPU and memory x p95 memory
  double hours_per_month = 730;    // the clouds' monthly hours
  double day_rate = 550;           // one-off migration: effort (person-days) x this
  double replatform_factor = 0.8;  // x the rehost cost of the app's servers
  double refactor_factor = 0.6;
  double storage_gb_month = 0.04;           // when the list has no storage line for the region
  double default_cpu_utilisation = 1.0;     // p95 unknown: all of its cores
  double default_memory_utilisation = 1.0;  // p95 unknown: all of its memory
  // Licences: Windows Server and SQL Server licence included in the price (false) or brought
  // (Azure Hybrid Benefit, AWS BYOL: the Linux price of the same size).
  bool windows_byol = false;
  bool sql_byol = false;
  double sql_per_core_month = 0;  // SQL Server licence included, per vCPU and month
  // Extended security updates for an out-of-support OS or SQL Server version.
  struct Esu {
    std::string product;  // "windows" (an OS family) or "sql server" (a database)
    std::vector<std::string> versions;
    std::vector<Provider> free_on;  // targets that give them free
    double per_core_year = 0;       // elsewhere
  };
  std::vector<Esu> esu;
  std::vector<std::pair<std::string, double>> exchange_rates;  // currency -> estate units, sorted
  std::vector<SizeShape> sizes;                                // Azure sizes, by name
  // Carbon: on premises, watts a core when a server has no power_watts; per server without cores.
  double watts_per_core = 12;
  double watts_per_server = 150;
  double grid_kg_per_kwh = 0.20705;  // UK government conversion factors 2024, UK electricity
  struct Coefficients {
    double min_watts = 0;  // per vCPU, idle
    double max_watts = 0;  // per vCPU, busy
    double pue = 1;
  };
  std::array<Coefficients, 2> cloud{{{0.74, 3.54, 1.185}, {0.74, 3.5, 1.135}}};  // by Provider
  double cloud_utilisation = 0.5;  // when a server's p95 CPU is unknown
  std::string region;              // when the estate gives none
  std::string aws_volume = "gp3";  // the EBS volume type that prices storage
  std::string azure_storage_product = "Standard SSD Managed Disks";  // "1 GB/Month" meters
};

// The tunable model: one entry per strategy, in k_strategies order, and the effort settings.
struct ScoringProfile {
  std::string name;
  TargetFacts target;
  std::vector<SignalDefinition> signals;  // in the order they were defined
  std::array<StrategyProfile, 7> strategies{};
  std::array<double, 4> criticality_multiplier{0.8, 1.0, 1.25, 1.5};  // low..critical
  double per_link = 0.03;
  double low_factor = 0.7;
  double high_factor = 1.6;
  ConfidenceSettings confidence;
  std::vector<DrTierRule> dr_tiers;  // at least one; the last takes every app the others do not
  CostSettings cost;                 // the business case's assumptions (docs/cost.md)

  [[nodiscard]] const StrategyProfile& of(Strategy s) const {
    return strategies[static_cast<std::size_t>(s)];
  }
  // The signal of that name, if the profile defines it.
  [[nodiscard]] std::optional<SignalId> signal(std::string_view name) const;
  [[nodiscard]] double weight(Strategy s, SignalId signal) const { return of(s).weights[signal]; }
};

// The built-in profile's text (profiles/default.yaml), and a target's (profiles/azure.yaml,
// profiles/aws.yaml; generic is the default).
std::string_view default_profile_text();
std::string_view profile_text(Target target);
// The built-in profiles, parsed.
const ScoringProfile& default_profile();
const ScoringProfile& target_profile(Target target);

// Limits on what a profile may define.
inline constexpr std::size_t k_max_signals = 256;
inline constexpr std::size_t k_max_levels = 16;
inline constexpr std::size_t k_max_conditions = 16;

// Reads a profile file over the target's built-in profile `base` (`extends:` in the file names
// another: default, generic, azure, aws, or none for nothing); nullopt reads over nothing. Every
// problem goes to `sink` as FILE:LINE:COLUMN. The result is usable only without errors.
ScoringProfile load_profile(std::string_view file, std::string_view content, DiagnosticSink& sink,
                            std::optional<Target> base = Target::generic);
// The profile in the file at `path` over the target's (the target's built-in one when `path`
// is empty), its diagnostics added to `sink`; an error when the file cannot be read or is
// invalid.
tl::expected<ScoringProfile, LoadFailure> load_profile_file(const std::string& path,
                                                            DiagnosticSink& sink,
                                                            Target base = Target::generic);

// One signal for one app: whether the inventory has the data, and its value 0..1.
struct SignalReading {
  bool known = false;
  double value = 0;
  std::int16_t level = -1;  // the level that gave the value (-1: none held, or a rule)
};

struct StrategyScore {
  double score = 0;  // base + the sum of points() over the signals; 0 when gated
  bool feasible = true;
  int gate = -1;           // index of the gate that fired in the profile's list
  std::string gate_match;  // what matched (a server, an OS name), for its reason
};

struct EffortEstimate {
  double low = 0;
  double likely = 0;
  double high = 0;
};

// A signal and what it adds to the chosen strategy's score.
struct RankedSignal {
  SignalId signal = 0;
  double points = 0;
};
inline constexpr std::size_t k_top_signals = 3;

// The signals that weigh most on an app's strategy, strongest first: at most k_top_signals,
// held in place (no allocation per app).
class TopSignals {
 public:
  void push_back(RankedSignal signal) { m_items[m_count++] = signal; }
  [[nodiscard]] std::size_t size() const { return m_count; }
  [[nodiscard]] const RankedSignal& operator[](std::size_t i) const { return m_items[i]; }
  [[nodiscard]] const RankedSignal* begin() const { return m_items.data(); }
  [[nodiscard]] const RankedSignal* end() const { return m_items.data() + m_count; }

 private:
  std::array<RankedSignal, k_top_signals> m_items{};
  std::uint8_t m_count = 0;
};

struct AppAssessment {
  std::vector<SignalReading> signals;     // by SignalId
  std::array<StrategyScore, 7> scores{};  // in k_strategies order
  Strategy model_strategy = Strategy::rehost;
  Strategy strategy = Strategy::rehost;  // the decision's if there is one, else the model's
  bool from_decision = false;
  // confidence = known signal weight share x evidence x margin factor, rounded to 0.01, for
  // the model's strategy (docs/scoring.md, "Confidence").
  double confidence = 0;
  double coverage = 0;                // share of its signal weight whose signal is known
  std::uint8_t missing_evidence = 0;  // bit per Evidence the app lacks
  double lead = 0;                    // score over the runner-up (1 when there is none)
  std::optional<Strategy> runner_up;
  std::uint8_t dr_tier = 0;  // 1-based into the profile's dr_tiers; 0: none (retired)
  DrBasis dr_basis = DrBasis::fallback;
  EffortEstimate effort;  // for `strategy`
  TopSignals top;         // the signals that weigh most on `strategy`, strongest first
};

// What the signals were measured against.
struct SignalContext {
  Date reference;  // the deadline, or a year after the start without one
  std::vector<std::uint32_t> direct_dependants;  // by prerequisite or hard coupling
  std::vector<std::uint32_t> soft_dependants;    // only by soft coupling (not counted)
  std::vector<double> transitive_dependants;     // by prerequisite or hard coupling
  std::vector<std::optional<double>> data_gb;    // data.size_gb, or its share of server storage
};

struct Assessment {
  SignalContext context;
  std::vector<AppAssessment> apps;  // one per inventory app, same order
};

// Scores every app for every strategy under `profile`.
Assessment assess(const Inventory& inventory, const DependencyGraph& graph,
                  const ScoringProfile& profile);

// The assessment's strategy for each app (the decision where there is one, else the model's).
std::vector<Strategy> assessed_strategies(const Assessment& assessment);

// A signal's contribution to a strategy, rounded to 0.001 so that shown numbers add up.
double points(const ScoringProfile& profile, Strategy strategy, SignalId signal,
              const SignalReading& reading);

// Why a signal has its value for an app, in words ("usage_trend is unused").
std::string explain_signal(const Inventory& inventory, const SignalContext& context,
                           const ScoringProfile& profile, Index app, SignalId signal,
                           const SignalReading& reading);
// The inventory fields that would make an unknown signal known.
std::string signal_data(const ScoringProfile& profile, SignalId signal);
// A gate's reason with `{match}` filled in.
std::string gate_reason(const ScoringProfile& profile, Strategy strategy,
                        const StrategyScore& score);

// The top `count` reasons for the app's strategy (at most k_top_signals, as ranked by assess()),
// each "+0.600 unused: usage_trend is unused", after the decision's reason when it has one.
std::vector<std::string> top_reasons(const Inventory& inventory, const Assessment& assessment,
                                     const ScoringProfile& profile, Index app, std::size_t count);
// The evidence the model's strategy rests on that the app lacks, as the data that would raise
// confidence, then the unknown signals that weigh on it.
std::vector<std::string> missing_data(const Assessment& assessment, const ScoringProfile& profile,
                                      Index app);

// A suggestion that `assess` shows and nothing applies: the app looks like a service others rely
// on (many dependants, or an infrastructure tag), so its on-premises servers may have to outlive
// its cut-over (docs/planning.md, "Services and the hybrid period").
struct ServiceSuggestion {
  ServesUntil serves_until = ServesUntil::last_dependant;
  std::string why;  // "14 apps depend on it; tagged database"
};
inline constexpr std::uint32_t k_service_dependants = 3;
// The suggestion for an app without serves_until that the plan does not retain, if it looks like
// a shared service: k_service_dependants or more direct dependants, or a tag among directory,
// database, backup, monitoring and file-transfer. backup and monitoring serve a whole site
// (site-exit); the others their dependants (last-dependant).
// The evidence the model's strategy rests on that the app lacks, in Evidence order.
std::vector<Evidence> lacking_evidence(const AppAssessment& app);
// Confidence in words: "0.42 = signals known 0.90 x evidence 0.60 (no usage, no target) x
// margin 0.78 (0.055 over relocate)".
std::string confidence_breakdown(const Assessment& assessment, const ScoringProfile& profile,
                                 Index app);
// The app's DR tier in words: "1 hot standby: recovery time objective 2 h (at most 4 h)"; "none:
// retired" for a retired app.
std::string dr_tier_text(const Inventory& inventory, const Assessment& assessment,
                         const ScoringProfile& profile, Index app);
// Its tier's name ("hot standby"), or "none" when retired.
std::string_view dr_tier_name(const AppAssessment& app, const ScoringProfile& profile);

// Whether plan warns about the app: the model chose its strategy (no decision) with confidence
// below the profile's floor.
bool low_confidence(const AppAssessment& app, const ScoringProfile& profile);

std::optional<ServiceSuggestion> suggest_serves_until(const Inventory& inventory,
                                                      const Assessment& assessment, Index app);

}  // namespace dcexit
