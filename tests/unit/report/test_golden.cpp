// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Golden tests: every case in tests/golden/validate/ (a .yaml file or a directory) is validated
// and its whole output compared with <case>.expected. On a mismatch, <case>.actual is written
// beside it. `cmake --build <dir> --target approve` rewrites the .expected files on purpose.
#include "load/inventory_builder.hpp"
#include "planned.hpp"
#include "test_support.hpp"

#include <dcexit/assess.hpp>
#include <dcexit/estate.hpp>
#include <dcexit/graph.hpp>
#include <dcexit/import.hpp>
#include <dcexit/load.hpp>
#include <dcexit/plan.hpp>
#include <dcexit/report.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <set>

using namespace dcexit;
namespace fs = std::filesystem;

namespace {

// The profile `dcexit` uses for an inventory: its target's built-in one.
const ScoringProfile& profile_of(const Inventory& inventory) {
  return target_profile(inventory.estate.target.value_or(Target::generic));
}

fs::path golden_dir() {
  return test::source_dir() / "tests" / "golden" / "validate";
}

std::vector<fs::path> golden_cases() {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(golden_dir())) {
    const fs::path& path = entry.path();
    if (entry.is_directory() || path.extension() == ".yaml") {
      cases.push_back(path);
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

// The validate output for a case, with paths relative to the golden directory.
std::string render(const fs::path& input) {
  const ValidationReport report = validate_estate(input.string(), {});
  const std::string prefix = golden_dir().string() + "/";
  // Paths in messages too ("first defined at ..."), so goldens do not depend on the checkout.
  std::string out;
  const auto relative = [&](std::string text) {
    for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) {
      text.erase(at, prefix.size());
    }
    return text;
  };
  for (Diagnostic d : report.diagnostics.all()) {
    d.where.file = relative(d.where.file);
    d.message = relative(d.message);
    out += format_text(d) + "\n";
  }
  out += "exit " + std::to_string(report.unreadable ? 2 : report.valid() ? 0 : 1) + "\n";
  return out;
}

fs::path with_suffix(fs::path input, const char* suffix) {
  input.replace_extension(suffix);
  return input;
}

bool approving() {
  return std::getenv("DCEXIT_APPROVE") != nullptr;
}

// Compares `actual` with the golden file, writing `<golden>.actual` beside it on a mismatch.
void check_golden(const fs::path& golden, const std::string& actual) {
  fs::path actual_path = golden;
  actual_path += ".actual";
  if (approving()) {
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  INFO("golden " << golden.string() << "; see " << actual_path.string());
  REQUIRE(fs::exists(golden));
  const std::string expected = test::read_file(golden);
  if (actual != expected) {
    std::ofstream(actual_path, std::ios::binary) << actual;
  } else {
    fs::remove(actual_path);
  }
  CHECK(actual == expected);
}

Inventory load_valid(const fs::path& path) {
  DiagnosticSink sink;
  LoadResult loaded = load_inventory(path.string(), sink);
  REQUIRE_FALSE(sink.has_errors());
  return std::move(loaded.inventory);
}

}  // namespace

TEST_CASE("golden: validate output for every broken inventory", "[golden]") {
  const auto cases = golden_cases();
  CHECK(cases.size() >= 30);
  for (const fs::path& input : cases) {
    check_golden(with_suffix(input, ".expected"), render(input));
  }
}

TEST_CASE("golden: graph output in every format", "[golden]") {
  const fs::path dir = test::source_dir() / "tests" / "golden" / "graph";
  const Inventory harrow = load_valid(test::source_dir() / "inventories" / "harrow.yaml");
  const DependencyGraph graph(harrow);
  const GraphAnalysis analysis =
      analyse_graph(harrow, graph, assessed_strategies(assess(harrow, graph, profile_of(harrow))));
  check_golden(dir / "harrow.txt", render_graph(harrow, graph, analysis, GraphFormat::text));
  check_golden(dir / "harrow.dot", render_graph(harrow, graph, analysis, GraphFormat::dot));
  check_golden(dir / "harrow.mmd", render_graph(harrow, graph, analysis, GraphFormat::mermaid));
  check_golden(dir / "harrow.json", render_graph(harrow, graph, analysis, GraphFormat::json));
  const Index sql = *harrow.find_application("sql-shared");
  const Index crm = *harrow.find_application("sap-crm");
  check_golden(dir / "harrow-impact-sql-shared.txt",
               render_reachable(harrow, sql, Direction::dependants,
                                reachable(graph, sql, Direction::dependants), GraphFormat::text));
  check_golden(dir / "harrow-needs-sap-crm.json",
               render_reachable(harrow, crm, Direction::dependencies,
                                reachable(graph, crm, Direction::dependencies), GraphFormat::json));
  const Inventory minimal = load_valid(test::source_dir() / "examples" / "minimal.yaml");
  const DependencyGraph minimal_graph(minimal);
  check_golden(dir / "minimal.mmd",
               render_graph(minimal, minimal_graph,
                            analyse_graph(minimal, minimal_graph, decided_strategies(minimal)),
                            GraphFormat::mermaid));
}

TEST_CASE("golden: assessment output in every format", "[golden]") {
  const fs::path dir = test::source_dir() / "tests" / "golden" / "assess";
  const Inventory harrow = load_valid(test::source_dir() / "inventories" / "harrow.yaml");
  const DependencyGraph graph(harrow);
  const ScoringProfile& profile = profile_of(harrow);
  const Assessment assessment = assess(harrow, graph, profile);
  check_golden(dir / "harrow.txt",
               render_assessment(harrow, assessment, profile, AssessmentFormat::table));
  check_golden(dir / "harrow.csv",
               render_assessment(harrow, assessment, profile, AssessmentFormat::csv));
  check_golden(dir / "harrow.json",
               render_assessment(harrow, assessment, profile, AssessmentFormat::json));
  check_golden(dir / "harrow.md",
               render_assessment(harrow, assessment, profile, AssessmentFormat::markdown));
  for (const char* app : {"seebeyond", "sap-erp", "legacy-reports", "groupwise"}) {
    check_golden(dir / (std::string("harrow-explain-") + app + ".txt"),
                 render_explanation(harrow, assessment, profile, *harrow.find_application(app)));
  }
}

TEST_CASE("golden: plan outputs for Harrow", "[golden]") {
  const fs::path dir = test::source_dir() / "tests" / "golden" / "plan";
  const Inventory harrow = load_valid(test::source_dir() / "inventories" / "harrow.yaml");
  // As `dcexit plan` makes it: one call, with the exact optimiser's default budget.
  EstateOptions options;
  options.plan = optimised(k_default_optimise_nodes);
  options.report.max_graph_apps = 0;
  const EstatePlan estate = plan_estate(harrow, profile_of(harrow), options).value();
  check_golden(dir / "harrow.plan.json", render_plan_json(estate));
  check_golden(dir / "harrow.plan.md", render_plan_markdown(estate));
  check_golden(dir / "harrow.waves.csv", render_waves_csv(estate));
  check_golden(dir / "harrow.decommission.csv", render_decommission_csv(estate));
  check_golden(dir / "harrow.connectivity.csv", render_connectivity_csv(estate));
  check_golden(dir / "harrow.jira.csv", render_tracker_csv(estate, Tracker::jira));
  check_golden(dir / "harrow.azure-devops.csv", render_tracker_csv(estate, Tracker::azure_devops));
  const Inventory minimal = load_valid(test::source_dir() / "examples" / "minimal.yaml");
  check_golden(dir / "minimal.plan.json",
               render_plan_json(plan_estate(minimal, profile_of(minimal), options).value()));
}

TEST_CASE("golden: plan diff in every format, Harrow before and after the disruption", "[golden]") {
  const fs::path dir = test::source_dir() / "tests" / "golden" / "diff";
  const fs::path harrow = test::source_dir() / "inventories" / "harrow.yaml";
  const Inventory before = load_valid(harrow);
  const std::string v1 = render_plan_json(test::estate_of(
      make_plan(before, profile_of(before), optimised(k_default_optimise_nodes)).value()));
  DiagnosticSink sink;
  InventoryBuilder builder("harrow", sink);
  builder.set_overrides({"policy.freezes.2.to=2021-04-30"});
  for (const fs::path& file :
       {harrow, test::source_dir() / "examples" / "harrow-in-flight" / "progress.yaml"}) {
    builder.add_file(file.filename().string(), test::read_file(file));
  }
  const Inventory after = builder.finish();
  REQUIRE_FALSE(sink.has_errors());
  const PlanRecord baseline = read_plan_record_text("v1/plan.json", v1, sink).value();
  PlanOptions options = optimised(k_default_optimise_nodes);
  options.as_of = Date::parse("2021-02-22");
  options.baseline = &baseline;
  const std::string v2 =
      render_plan_json(test::estate_of(make_plan(after, profile_of(after), options).value()));
  const PlanRecord record = read_plan_record_text("v2/plan.json", v2, sink).value();
  const PlanDiff diff = diff_plans(baseline, record);
  CHECK(diff.changed());
  check_golden(dir / "harrow.txt", render_plan_diff(diff, DiffFormat::text));
  check_golden(dir / "harrow.md", render_plan_diff(diff, DiffFormat::markdown));
  check_golden(dir / "harrow.json", render_plan_diff(diff, DiffFormat::json));
  // A plan against itself: nothing changed, in every format.
  const PlanDiff same = diff_plans(baseline, baseline);
  CHECK_FALSE(same.changed());
  CHECK(render_plan_diff(same, DiffFormat::text) ==
        "v1/plan.json -> v1/plan.json\nno change: the same exit, waves, strategies, rehearsals "
        "and site exits\n");
  CHECK(render_plan_diff(same, DiffFormat::markdown) ==
        "# Plan changes: v1/plan.json → v1/plan.json\n\nNo change: the same exit, waves, "
        "strategies, rehearsals and site exits.\n");
  CHECK(nlohmann::json::parse(render_plan_diff(same, DiffFormat::json))["changed"] == false);
}

namespace {

fs::path import_dir() {
  return test::source_dir() / "tests" / "golden" / "import";
}

// An import case: its diagnostics, its exit code and the inventory written.
std::string render_import(const std::vector<std::pair<ImportFormat, std::string>>& files) {
  std::vector<ImportSource> sources;
  for (const auto& [format, name] : files) {
    const bool shared = !name.starts_with("fixtures/");
    const fs::path path = shared ? test::shared_dir() / "real-data" / "inventories" / name
                                 : test::source_dir() / "tests" / name;
    sources.push_back({format, name, test::read_file(path)});
  }
  ImportOptions options;
  options.today = Date::from_civil(2026, 11, 24);
  DiagnosticSink sink;
  const auto result = import_estate(sources, options, sink);
  std::string out;
  for (const std::string& line : test::lines(sink)) {
    out += line + "\n";
  }
  out += result ? "exit 0\n---\n" + result->yaml : "exit 1\n";
  return out;
}

}  // namespace

TEST_CASE("golden: import output", "[golden]") {
  using F = ImportFormat;
  const std::vector<std::pair<std::string, std::vector<std::pair<F, std::string>>>> cases = {
      {"konveyor-dependency-import",
       {{F::konveyor, "konveyor/tackle-app-inventory_dependency_import.csv"}}},
      {"konveyor-invalid-schema",
       {{F::konveyor, "konveyor/tackle-ui-tests_invalid_schema_21.csv"}}},
      {"konveyor-sample",
       {{F::konveyor, "konveyor/tackle-app-inventory_sample_application_import.csv"}}},
      {"aws-mf-server-list", {{F::aws_mf, "aws-cmf/server-list.csv"}}},
      {"rvtools",
       {{F::rvtools, "kubev2v-rvtools/rvtools_example1_vInfo.csv"},
        {F::rvtools, "kubev2v-rvtools/rvtools_example1_vHost.csv"}}},
      {"rvtools-xlsx", {{F::rvtools, "kubev2v-rvtools/rvtools_example1.xlsx"}}},
      {"cast", {{F::cast, "cast-highlight/cast_highlight_analysisResults.csv"}}},
      {"backstage", {{F::backstage, "fixtures/import/catalog-info.yaml"}}},
      {"azure-migrate", {{F::azure_migrate, "fixtures/import/azure-migrate.csv"}}},
      {"csv-broken", {{F::csv, "fixtures/import/broken.csv"}}},
      {"merged",
       {{F::rvtools, "kubev2v-rvtools/rvtools_example1_vInfo.csv"},
        {F::csv, "fixtures/import/apps.csv"},
        {F::csv, "fixtures/import/servers.csv"},
        {F::csv, "fixtures/import/dependencies.csv"}}},
  };
  for (const auto& [name, files] : cases) {
    INFO(name);
    check_golden(import_dir() / (name + ".expected"), render_import(files));
  }
}

TEST_CASE("golden: every diagnostic code has a golden case or a unit test", "[golden]") {
  std::set<std::string> covered;
  std::vector<fs::path> expected_files;
  for (const fs::path& input : golden_cases()) {
    expected_files.push_back(with_suffix(input, ".expected"));
  }
  for (const auto& entry : fs::directory_iterator(import_dir())) {
    expected_files.push_back(entry.path());
  }
  for (const fs::path& file : expected_files) {
    const std::string text = test::read_file(file);
    for (std::size_t open = text.find(" ["); open != std::string::npos;
         open = text.find(" [", open + 1)) {
      const std::size_t close = text.find("]\n", open);
      if (close != std::string::npos) {
        covered.insert(text.substr(open + 2, close - open - 2));
      }
    }
  }
  // Codes whose inputs cannot live in a small text file here are pinned in
  // test_yaml_stream.cpp, test_hostile.cpp and test_csv_reader.cpp; `unreadable` in the
  // cli.validate_missing_file test; `plan-too-long` in test_wave_planner.cpp (7,000 apps);
  // `skipped-entry` in test_input_file.cpp (symbolic links need a real directory);
  // `deadline-missed`, `site-blocked` in test_wave_planner.cpp (plan advice); `output` and
  // `interrupted` in test_plan_files.cpp; `usage` in the CLI tests (tests/CMakeLists.txt);
  // the plan's own warnings `mixed-cutover`, `service-gone-early`, `long-split` and
  // `permanent-split` in test_hybrid.cpp, `pilot-route` in test_programme.cpp and `history` in
  // test_in_flight.cpp (they need a plan, not only an inventory); `bad-prices` and `unpriced`
  // in test_business_case.cpp (they need a price list); `low-confidence` in test_targets.cpp
  // and test_import.cpp; `unsupported-file` in test_xlsx.cpp (workbooks are made there) and
  // the cli.import_not_a_workbook test.
  // `internal-error` reports a bug: no input may cause it.
  for (const char* code : {"nul-byte",         "encoding",           "alias-limit",
                           "nesting-too-deep", "value-too-long",     "too-many-diagnostics",
                           "unreadable",       "plan-too-long",      "skipped-entry",
                           "deadline-missed",  "site-blocked",       "usage",
                           "output",           "interrupted",        "internal-error",
                           "mixed-cutover",    "service-gone-early", "long-split",
                           "permanent-split",  "pilot-route",        "history",
                           "bad-prices",       "unpriced",           "low-confidence",
                           "unsupported-file"}) {
    covered.insert(code);
  }
  for (const auto& [code, name] : k_codes) {
    INFO(name);
    CHECK(covered.count(std::string(name)) == 1);
  }
}
