// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Stage 5, report: pure renderers of what the stages computed, and the files `plan` writes.
#pragma once

#include <dcexit/assess.hpp>
#include <dcexit/cost.hpp>
#include <dcexit/diagnostic.hpp>
#include <dcexit/graph.hpp>
#include <dcexit/inventory.hpp>
#include <dcexit/load.hpp>
#include <dcexit/plan.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <utility>
#include <vector>

namespace dcexit {

// One estate planned end to end, declared below: what every renderer of a plan reads.
struct EstatePlan;

// plan.json, per the contract `dcexit-plan/v1` plus the extensions in docs/planning.md.
std::string render_plan_json(const EstatePlan& estate);
// The same text handed to `sink` a piece (about a megabyte) at a time, never held whole.
void write_plan_json(const EstatePlan& estate, const std::function<void(std::string_view)>& sink);
// plan.md and report.html are read by people: they list the first this many warnings (and
// pieces of advice) and say how many more plan.json has.
inline constexpr std::size_t k_listed_diagnostics = 200;
// plan.md: summary, advice, a Mermaid gantt, waves, interim connectivity, sites, run-down.
std::string render_plan_markdown(const EstatePlan& estate);
// waves.csv: one row per app in a wave.
std::string render_waves_csv(const EstatePlan& estate);
// decommission.csv: one row per server.
std::string render_decommission_csv(const EstatePlan& estate);
// connectivity.csv: one row per split dependency (plan.connectivity), for the network team.
std::string render_connectivity_csv(const EstatePlan& estate);
// cost.csv: the business case's months (docs/cost.md); written only with --prices.
std::string render_cost_csv(const EstatePlan& estate);
// A tracker whose CSV importer `plan --tracker` writes for: jira.csv, azure-devops.csv.
enum class Tracker : std::uint8_t { jira, azure_devops };
std::string_view to_string(Tracker tracker);
// An epic per wave and a story per application with a wave (docs/reports.md).
std::string render_tracker_csv(const EstatePlan& estate, Tracker tracker);
// plan.xlsx: the plan as a workbook (docs/reports.md); the same bytes for the same plan.
std::string render_plan_xlsx(const EstatePlan& estate);
// One line for the terminal: waves, bound, exit date, deadline.
std::string plan_summary_line(const EstatePlan& estate, std::string_view label);

enum class AssessmentFormat : std::uint8_t { table, csv, json, markdown };

// Pure renderers of an assessment; the same inputs give the same bytes.
std::string render_assessment(const Inventory& inventory, const Assessment& assessment,
                              const ScoringProfile& profile, AssessmentFormat format);
// Every gate and signal behind one app's scores, with weights and contributions that add up.
std::string render_explanation(const Inventory& inventory, const Assessment& assessment,
                               const ScoringProfile& profile, Index app);
// "the model would choose X (0.62) over the decision's Y (0.41)", or empty when they agree.
std::string disagreement(const Assessment& assessment, const ScoringProfile& profile, Index app);

// What changed between two plans (dcexit diff, contract programme.md section 3).
struct PlanDiff {
  template <class T>
  struct Change {
    T from;
    T to;
  };
  struct Moved {
    std::string app;
    std::optional<std::uint32_t> from_wave;  // none: retained
    std::optional<Date> from_start;          // the start of that wave
    std::optional<std::uint32_t> to_wave;
    std::optional<Date> to_start;
  };
  struct Strategy {
    std::string app;
    std::string from;
    std::string to;
  };
  struct Rehearsal {
    std::string app;
    std::optional<std::uint32_t> from_wave;
    std::optional<std::uint32_t> to_wave;
  };
  struct SiteExit {
    std::string site;
    std::optional<Date> from;
    std::optional<Date> to;
  };
  std::string old_label;
  std::string new_label;
  Change<std::optional<Date>> exit_date;
  Change<std::optional<Date>> deadline;
  Change<bool> deadline_met{};
  Change<std::size_t> waves{};
  std::vector<Moved> moved;           // by app id
  std::vector<Strategy> strategies;   // by app id
  std::vector<Rehearsal> rehearsals;  // by app id
  std::vector<std::string> added;     // apps only the new plan has
  std::vector<std::string> removed;   // apps only the old plan has
  std::vector<SiteExit> sites;        // sites whose exit changed, added or removed, by id
  [[nodiscard]] bool changed() const;
};

PlanDiff diff_plans(const PlanRecord& old_plan, const PlanRecord& new_plan);

enum class DiffFormat : std::uint8_t { text, markdown, json };
std::string render_plan_diff(const PlanDiff& diff, DiffFormat format);

enum class GraphFormat : std::uint8_t { text, dot, mermaid, json };

// Pure renderers: the same inputs give the same bytes.
std::string render_graph(const Inventory& inventory, const DependencyGraph& graph,
                         const GraphAnalysis& analysis, GraphFormat format);
// The plan's dependency graph as dot, with its move groups as clusters (report.html's drawing).
std::string render_plan_dot(const Plan& plan);
std::string render_reachable(const Inventory& inventory, Index app, Direction direction,
                             std::span<const Reached> reached, GraphFormat format);

// The Graphviz helper beside the running executable (`dcexit-layout`), which lays a graph out
// in a process of its own.
std::filesystem::path default_layout_program();

struct ReportOptions {
  // The dependency graph is drawn for estates up to this many apps; larger ones get a note
  // (Graphviz's layout time grows too fast to be worth it in a report).
  std::size_t max_graph_apps = 400;
  std::filesystem::path layout_program = default_layout_program();
};

// What report.html shows beyond the plan, worked out once per estate beside it, so that the
// renderer only formats: the dependency graph laid out by Graphviz (or why it is not drawn).
struct ReportInput {
  std::optional<std::string> graph_svg;  // the <svg> element; none when too large or it failed
  std::size_t max_graph_apps = 0;        // the estate had more apps than this: not drawn
  std::vector<Tracker> trackers = {};    // plan --tracker: their import files are written too
};
ReportInput prepare_report(const Plan& plan, const ReportOptions& options = {});

// One estate planned end to end by plan_estate (dcexit/estate.hpp), made once and never changed
// after: the plan, its risk and business case when asked for, and what report.html needs.
struct EstatePlan {
  Plan plan;
  std::optional<Risk> risk;          // plan --simulate
  std::optional<BusinessCase> cost;  // plan --prices (contract programme.md section 4)
  ReportInput report;
};

// report.html: one self-contained page (no network, scripts or fonts) for a programme board.
std::string render_report_html(const EstatePlan& estate);

// The dependency graph of a dot text laid out by `program` (dcexit-layout: dot on standard
// input, the <svg> element on standard output), started with posix_spawn; nullopt when it is
// missing, fails, or runs for more than two minutes.
std::optional<std::string> layout_svg(const std::string& dot, const std::filesystem::path& program);

// One estate of a batch, as its index lists it.
struct IndexEntry {
  std::string name;                    // its folder, or the path given when it has no plan
  std::string estate;                  // its name
  std::optional<std::string> summary;  // none when the inventory was invalid
  std::size_t applications = 0;
  std::size_t waves = 0;
  std::optional<Date> exit_date;
  std::optional<bool> deadline_met;  // none without a deadline
  std::optional<Date> deadline = {};
  double effort_days = 0;          // likely, all apps, rounded to 0.1 as plan.json has it
  std::size_t blockers = 0;        // servers that keep a site open
  std::size_t low_confidence = 0;  // apps the model placed on thin data (plan warnings)
};

// The index line of a planned estate in folder `name`.
IndexEntry index_entry(const EstatePlan& estate, const std::string& name);

// The portfolio: sums over the estates with a plan (docs/reports.md, "A batch's index").
struct IndexTotals {
  std::size_t estates = 0;  // with a plan
  std::size_t failed = 0;   // without one
  std::size_t applications = 0;
  std::size_t waves = 0;
  double effort_days = 0;
  std::size_t blockers = 0;
  std::size_t low_confidence = 0;
  std::optional<Date> last_exit;  // none when an estate's exit is blocked, or none planned
  std::size_t with_deadline = 0;
  std::size_t deadlines_met = 0;
};
IndexTotals index_totals(const std::vector<IndexEntry>& entries);

// index.md, index.json, index.html and index.csv of a batch: its estates in the order given,
// those without a plan listed after them; totals across estates (not in index.csv, whose rows
// a spreadsheet sums).
std::string render_index_markdown(const std::vector<IndexEntry>& entries);
std::string render_index_json(const std::vector<IndexEntry>& entries);
std::string render_index_html(const std::vector<IndexEntry>& entries);
std::string render_index_csv(const std::vector<IndexEntry>& entries);

// What `plan` writes of an estate, by format (plan --formats): json plan.json; md plan.md; csv
// waves.csv, decommission.csv, connectivity.csv, assessment.csv and, with prices, cost.csv;
// html report.html; xlsx plan.xlsx. The trackers' CSVs (--tracker) are written when asked for.
enum class OutputFormat : std::uint8_t { json, md, csv, html, xlsx };
inline constexpr std::array<std::pair<std::string_view, OutputFormat>, 5> k_output_formats = {{
    {"json", OutputFormat::json},
    {"md", OutputFormat::md},
    {"csv", OutputFormat::csv},
    {"html", OutputFormat::html},
    {"xlsx", OutputFormat::xlsx},
}};

// Where `plan` writes: one estate into `out`, or each estate of a batch into `out/<folder>`.
struct PlanOutputs {
  std::filesystem::path out;
  std::vector<std::string> folders;  // one per estate of a batch; empty for one estate
  std::uint8_t formats = 0x1F;       // a bit per OutputFormat: every one by default

  [[nodiscard]] bool batch() const { return !folders.empty(); }
  [[nodiscard]] bool writes(OutputFormat format) const {
    return (formats & (1U << static_cast<unsigned>(format))) != 0;
  }
  [[nodiscard]] std::filesystem::path folder_of(std::size_t estate) const;
};

// Names a batch's folders and refuses, before anything is planned, every output that is or holds
// an input and every collision with what dcexit did not write (Code::output, naming the path).
tl::expected<PlanOutputs, Diagnostic> prepare_plan_outputs(const std::filesystem::path& out,
                                                           const std::vector<std::string>& paths);

// How a write is watched: `stop_requested` (a signal) abandons it, leaving nothing; `after_file`
// is told each file written whole (the test hook, which may throw to fail the write).
struct WriteHooks {
  std::function<bool()> stop_requested;
  std::function<void(std::size_t files)> after_file;
};

// Writes one estate's plan.json, plan.md, CSVs and report.html whole into its folder
// (Code::output when it cannot, Code::interrupted when a stop was requested).
tl::expected<void, Diagnostic> write_plan_folder(const PlanOutputs& outputs, std::size_t index,
                                                 const EstatePlan& estate,
                                                 const WriteHooks& hooks = {});
// Writes a batch's index.md, index.json and index.html.
tl::expected<void, Diagnostic> write_batch_index(const PlanOutputs& outputs,
                                                 const std::vector<IndexEntry>& entries,
                                                 const WriteHooks& hooks = {});

}  // namespace dcexit
