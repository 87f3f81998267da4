// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Stage 4, plan: waves, the decommission timeline and make_plan, the whole chain for one estate.
#pragma once

#include <dcexit/assess.hpp>
#include <dcexit/diagnostic.hpp>
#include <dcexit/graph.hpp>
#include <dcexit/inventory.hpp>
#include <dcexit/load.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <vector>

namespace dcexit {

// The capacity limits of a wave, in the order the contract names them.
enum class Limit : std::uint8_t {
  max_apps,
  max_servers,
  max_effort_days,
  max_storage_gb,
  max_critical,     // critical apps cut over
  max_transfer_gb,  // data over the link, from policy.network and the wave's length
};
std::string_view to_string(Limit limit);

struct Wave {
  std::uint32_t number = 0;  // 1-based
  Date start;
  Date end;                          // inclusive
  std::vector<Index> apps;           // sorted by id
  std::vector<Index> servers_moved;  // sorted by id; a rehearsal's servers included
  std::vector<Index> rehearsals;     // apps rehearsing on their non-production servers, by id
  double effort_days = 0;
  double storage_gb = 0;
  double transfer_gb = 0;              // over the link: moved servers' storage, rebuilt apps' data
  std::uint32_t critical = 0;          // critical apps cut over
  std::optional<Limit> oversized;      // the limit its single move group breaks
  std::vector<std::uint32_t> freezes;  // policy freezes overlapping it
};

// How good the plan's number of waves is (summary.optimality): proved fewest by the exact
// optimiser, improved or kept by it within its budget without a proof, or list scheduling alone.
struct Optimality {
  enum class Status : std::uint8_t { optimal, feasible, heuristic };
  Status status = Status::heuristic;
  std::uint32_t bound = 0;   // no plan has fewer waves
  std::uint64_t nodes = 0;   // branch-and-bound nodes explored
  std::uint64_t budget = 0;  // nodes allowed: asked, scaled for a large programme (0: not asked)
  std::uint32_t list_waves = 0;   // what list scheduling alone gave
  std::uint32_t local_waves = 0;  // what local search then gave (0: not run)
  bool by_lower_bound = false;    // optimal because the lower bound equals the waves
};
std::string_view to_string(Optimality::Status status);

// What the wave planner produces; the decommission timeline is computed from it.
struct WavePlan {
  std::vector<Wave> waves;
  std::vector<std::uint32_t> wave_of;       // app -> wave number, 0 for retained apps
  std::vector<std::uint32_t> rehearsal_of;  // app -> its rehearsal's wave, 0 for none
  std::optional<double> max_transfer_gb;    // what the link carries per wave, if given
  Optimality optimality;
  std::uint32_t lower_bound_waves = 0;
  std::string lower_bound_reason;  // which bound gave it
  std::vector<bool> server_moves;  // servers that physically move (rehost / relocate)
  // No plan: its waves would run past Date::last_supported(); `waves` is then empty.
  bool too_long = false;
  // Dependencies (app, depends_on) whose split limit the schedule broke: make_plan joins their
  // groups and plans again.
  std::vector<std::pair<Index, Index>> broken_splits;
};

// Whether `app` moves `server` in its rehearsal rather than at its cut-over: a non-production
// server of an app that rehearses (contract programme.md section 2).
bool moves_in_rehearsal(const Inventory& inventory, const WavePlan& plan, Index app, Index server);

// What a programme in flight fixes (contract programme.md section 3), per app: the wave its
// history or its lock puts it in, the first wave the rest may take, and the baseline's waves.
struct Commitments {
  std::vector<std::uint32_t> fixed;      // app -> the wave it must take; 0: planned freely
  std::uint32_t first_open = 1;          // the first wave starting on or after the as-of date
  std::vector<std::uint32_t> preferred;  // app -> its wave in the baseline; 0: none
  std::vector<std::uint32_t> rehearsed;  // app -> the baseline's rehearsal wave, if history
  [[nodiscard]] bool any() const {
    return first_open > 1 || !preferred.empty() || !rehearsed.empty() ||
           std::any_of(fixed.begin(), fixed.end(), [](std::uint32_t k) { return k != 0; });
  }
};

// Plans the waves for the assessed strategies; deterministic for the same inputs. `release`
// (per app, or empty) is the first wave each app may take: how make_plan delays the earlier app
// of a split the schedule broke.
// `commitments` fixes apps' waves and keeps the rest from the past; with `preferred` given, no
// group is placed before its baseline wave (a start for the least churn).
WavePlan plan_waves(const Inventory& inventory, const DependencyGraph& graph,
                    const Assessment& assessment, const MoveGroups& groups,
                    const std::vector<std::uint32_t>& release = {},
                    const Commitments& commitments = {});

// What the list scheduler needs under other capacity limits, for the deadline advice: what does
// not depend on the limits (groups' sizes, due dates, freezes) is worked out once, and a trial
// gives up as soon as it needs more waves than asked, or its lower bound already does.
class WaveTrials {
 public:
  WaveTrials(const Inventory& inventory, const DependencyGraph& graph, const Assessment& assessment,
             const MoveGroups& groups, const Commitments& commitments = {});
  ~WaveTrials();
  WaveTrials(const WaveTrials&) = delete;
  WaveTrials& operator=(const WaveTrials&) = delete;

  // Waves plan_waves() would need under the capacity limits and network of `policy` (same
  // wave length), with lead times capped at `lead_cap`, if no more than `most`.
  [[nodiscard]] std::optional<std::uint32_t> waves_needed(
      const Policy& policy, std::uint32_t most,
      std::optional<std::int64_t> lead_cap = std::nullopt) const;
  // Scheduler runs so far, and waves they scheduled: the work the advice did, for tests.
  [[nodiscard]] std::uint64_t runs() const;
  [[nodiscard]] std::uint64_t waves_scheduled() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// Whether freeze `f` selects app `app` (tags, departments, apps; none given selects all).
bool freeze_selects(const Inventory& inventory, const Freeze& freeze, Index app);

struct ServerDecommission {
  Index server = 0;
  Date date;                      // its last app's wave end + hold_days
  Index last_app = 0;             // the app whose wave sets the date
  std::optional<Index> kept_for;  // the service on it that kept it running for last_app
};

enum class BlockReason : std::uint8_t { retained_app, unused };
std::string_view to_string(BlockReason reason);

// A server the plan never switches off, and why.
struct Blocker {
  Index server = 0;
  BlockReason reason = BlockReason::unused;
  std::vector<Index> apps;  // the retained apps on it
};

struct SiteExit {
  Index site = 0;
  std::optional<Date> exit_date;  // none while it has blockers, or no servers
  std::vector<Blocker> blockers;  // sorted by server id
};

struct RackExit {
  Index site = 0;
  std::string rack;
  std::optional<Date> date;  // when its last server goes; none if one never does
  std::vector<Index> blocked_servers;
};

// An app that cuts over after its platform's or a server's end of support.
struct LateForSupport {
  Index app = 0;
  Date end_of_support;
  Date cutover;
  std::string what;  // "platform", or "os on SERVER"
};

// What is still on at the first day of a month.
struct RunDownMonth {
  Date month;                 // its first day
  std::uint32_t servers = 0;  // powered servers
  double kw = 0;              // their power draw, site PUE applied
  double annual_cost = 0;     // servers' and open sites' annual costs still being paid
};

struct Decommission {
  std::vector<ServerDecommission> servers;  // decommissioned servers, by id
  std::vector<SiteExit> sites;              // by id
  std::vector<RackExit> racks;              // by site, then rack
  std::vector<LateForSupport> late;         // by app id
  std::vector<RunDownMonth> run_down;
  std::optional<Date> exit_date;  // the last closing site's exit, if all can exit
  bool deadline_met = false;
};

// The decommission timeline of a wave plan (contract invariants 8 and 9).
Decommission plan_decommission(const Inventory& inventory, const DependencyGraph& graph,
                               const Assessment& assessment, const WavePlan& plan);

// Where the caller of a split dependency runs while it is split.
enum class SplitDirection : std::uint8_t { cloud_to_on_premises, on_premises_to_cloud };
std::string_view to_string(SplitDirection direction);

// A dependency whose two apps sit on different sides of the hybrid link for a while (contract
// programme.md section 1, invariant 11): `app` depends on `depends_on`.
struct Split {
  Index app = 0;
  Index depends_on = 0;
  Coupling coupling = Coupling::prerequisite;
  std::uint32_t opens_after = 0;             // the wave whose end opens it
  std::optional<std::uint32_t> closes_with;  // the wave whose end closes it; none: permanent
  Date from;                                 // the day after opens_after ends
  std::optional<Date> to;                    // the end of closes_with
  std::optional<std::int64_t> days;          // |start of one wave - start of the other|
  SplitDirection direction = SplitDirection::cloud_to_on_premises;
  std::optional<std::int64_t> limit;  // its max_split_days, if any
  // The provider keeps its on-premises servers running (serves_until) for an on-premises caller:
  // the caller's traffic stays on site, and only the service's own synchronisation crosses.
  bool served_on_premises = false;
};

// Every split of a wave plan, sorted by app, then depends_on.
std::vector<Split> plan_connectivity(const Inventory& inventory, const Assessment& assessment,
                                     const WavePlan& plan);

// The exit date under uncertainty (plan --simulate, contract programme.md section 3).
struct Risk {
  std::uint32_t runs = 0;
  std::uint64_t seed = 0;
  double rollback_probability = 0;
  std::optional<Date> exit_p50;  // none when the plan has no exit date
  std::optional<Date> exit_p80;
  std::optional<Date> exit_p95;
  std::optional<double> deadline_probability;  // share of runs meeting it; none without one
  struct Driver {
    Index app = 0;
    std::uint32_t runs = 0;  // late runs it was behind
  };
  std::vector<Driver> drivers;  // most often behind a late exit, at most ten, most first
  // Every closing site that can close (decision.md section 5), by site: its exit moves with the
  // last wave of the move groups whose apps run on it. Dates here even when another site is
  // blocked and the estate's exit (exit_p50...) is none.
  struct SiteDates {
    Index site = 0;
    Date p50;
    Date p80;
    Date p95;
  };
  std::vector<SiteDates> sites;
  std::vector<std::pair<Date, std::uint32_t>> histogram;  // exit date -> runs, by date
  std::uint32_t late_runs = 0;                            // runs exiting after the plan
  std::uint64_t placements = 0;  // (group, wave) pairs tried: the work, counted
};

// Everything `dcexit plan` computes for one estate: inventory -> graph -> assessment -> move
// groups -> waves -> decommission timeline.
struct Plan {
  const Inventory* inventory = nullptr;
  const ScoringProfile* profile = nullptr;
  DependencyGraph graph{0, {}};
  Assessment assessment;
  MoveGroups groups;
  std::vector<std::string> group_ids;  // "mg-001" for groups of more than one app
  WavePlan waves;
  Decommission decommission;
  std::vector<Split> connectivity;  // by app, then depends_on
  // What binds and what would fix it, when the deadline is missed (Code::deadline_missed,
  // Code::site_blocked), as warnings where the inventory sets what binds.
  std::vector<Diagnostic> advice;
  // What an architect should look at: a server a retained app keeps while another app on it
  // moves (contract invariant 3), hard groups that mix strategies, services switched off before
  // their users, splits longer than a year (Code::retained_shared_server, mixed_cutover,
  // service_gone_early, long_split, permanent_split, ignored_key).
  std::vector<Diagnostic> warnings;
  // A programme in flight (contract programme.md section 3).
  std::optional<Date> as_of;
  Commitments commitments;
  struct Change {
    Index app = 0;
    std::optional<std::uint32_t> from_wave;  // in the baseline; none: retained there
    std::optional<std::uint32_t> to_wave;    // now; none: retained
  };
  std::optional<std::vector<Change>> changes;  // against the baseline, if one was given, by app
};

// The command line's default budget: 5 nominal seconds of 200 nodes (`plan --optimise`).
inline constexpr std::uint64_t k_default_optimise_nodes = 1'000;

struct PlanOptions {
  // Branch-and-bound nodes the exact optimiser may explore after list scheduling (0: none).
  std::uint64_t optimise_nodes = 0;
  // Waves that start before it are history (plan --as-of).
  std::optional<Date> as_of;
  // Apps stay in their waves of this plan where the constraints and the exit allow (--baseline).
  const PlanRecord* baseline = nullptr;
};

// Options with only the optimiser's budget set.
inline PlanOptions optimised(std::uint64_t nodes) {
  PlanOptions options;
  options.optimise_nodes = nodes;
  return options;
}

// The commitments an estate's progress, an as-of date and a baseline make (retained apps have
// none; an app the baseline lacks has no preferred wave).
Commitments commitments_of(const Inventory& inventory, const Assessment& assessment,
                           std::optional<Date> as_of, const PlanRecord* baseline);

// `runs` runs of `plan` (docs/programme.md): each app's effort drawn between its low and high
// estimates (triangular, around the likely one), each cut-over failing with the policy's
// rollback_probability and retried in the next wave that takes it; on `threads` threads, the
// same result for the same seed whatever their number.
Risk simulate_risk(const Inventory& inventory, const Plan& plan, std::uint32_t runs,
                   std::uint64_t seed, unsigned threads = 2);

// Plans an estate; `inventory` and `profile` must outlive the plan. The error, when no plan
// satisfies the inventory, says why where the inventory sets it (exit code 1).
tl::expected<Plan, Diagnostic> make_plan(const Inventory& inventory, const ScoringProfile& profile,
                                         const PlanOptions& options = {});

// The exact optimiser on a planned estate's move groups (docs/planning.md): a plan with fewer
// waves than `list`'s when it finds one within `nodes`, else `list`; optimality set either way.
// With `commitments.preferred` given, the fewest apps out of their baseline waves is its second
// objective, within `list`'s waves, and a plan with as many waves and less churn is taken.
WavePlan optimise_waves(const Inventory& inventory, const DependencyGraph& graph,
                        const Assessment& assessment, const MoveGroups& groups,
                        const WavePlan& list, std::uint64_t nodes,
                        const Commitments& commitments = {});

// How many whole waves fit before the deadline, leaving hold_days before it; nullopt without one.
std::optional<std::int64_t> waves_allowed(const Inventory& inventory);

}  // namespace dcexit
