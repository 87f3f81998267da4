// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// The files `plan` writes: refusals before planning, and a write that is stopped or fails.
// Every collision is exercised end to end in tests/cli/output_faults.cmake.
#include "base/output_files.hpp"
#include "planned.hpp"
#include "test_support.hpp"

#include <dcexit/plan.hpp>
#include <dcexit/report.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <unistd.h>

using namespace dcexit;
namespace fs = std::filesystem;

namespace {

struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("dcexit-plan-files-" + std::to_string(::getpid()));
  Scratch() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
};

std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("plan files: a collision is refused before anything is planned", "[report][output]") {
  const Scratch scratch;
  std::ofstream(scratch.dir / "plan.md") << "mine";
  const auto refused = prepare_plan_outputs(scratch.dir, {"estate.yaml"});
  REQUIRE_FALSE(refused.has_value());
  CHECK(format_text(refused.error()) == "dcexit: error: refusing to replace '" +
                                            scratch.dir.string() + "': it holds '" +
                                            (scratch.dir / "plan.md").string() +
                                            "', which dcexit did not write; choose another "
                                            "output folder or move it away [output]");
  const auto batch =
      prepare_plan_outputs(scratch.dir / "batch", {"a/x.yaml", "b/x.yaml", "index.html", "-"});
  REQUIRE(batch.has_value());
  CHECK(batch->folders == std::vector<std::string>{"x.yaml", "x.yaml-2", "index.html-2", "stdin"});
}

TEST_CASE("plan files: a stopped or failed write leaves nothing and says why", "[report][output]") {
  const Scratch scratch;
  const auto loaded = test::load_text(test::header() + "applications: [{id: a}]\n");
  const EstatePlan estate =
      test::drawn(make_plan(loaded.inventory, default_profile()).value(), ReportOptions{0});
  const PlanOutputs outputs = prepare_plan_outputs(scratch.dir / "out", {"estate.yaml"}).value();
  WriteHooks stop;
  stop.stop_requested = [] { return true; };
  const auto stopped = write_plan_folder(outputs, 0, estate, stop);
  REQUIRE_FALSE(stopped.has_value());
  CHECK(stopped.error().code == Code::interrupted);
  CHECK(format_text(stopped.error()) == "dcexit: error: interrupted before '" +
                                            (scratch.dir / "out").string() +
                                            "' was written [interrupted]");
  WriteHooks full;
  full.after_file = [](std::size_t files) {
    if (files == 2) {
      throw std::runtime_error("cannot write the plan: No space left on device");
    }
  };
  const auto failed = write_plan_folder(outputs, 0, estate, full);
  REQUIRE_FALSE(failed.has_value());
  CHECK(format_text(failed.error()) ==
        "dcexit: error: cannot write the plan: No space left on device [output]");
  CHECK(listing(scratch.dir) == std::vector<std::string>{});  // no folder, no temporary
  REQUIRE(write_plan_folder(outputs, 0, estate).has_value());
  CHECK(listing(scratch.dir / "out") ==
        std::vector<std::string>{".dcexit", "assessment.csv", "connectivity.csv",
                                 "decommission.csv", "plan.json", "plan.md", "plan.xlsx",
                                 "report.html", "waves.csv"});
}

TEST_CASE("plan files: plan.json goes out in pieces of about a megabyte, the same text as whole",
          "[report][output]") {
  std::string text = test::header() + "applications:\n";
  for (int a = 0; a < 6000; ++a) {
    text += fmt::format("  - {{id: app-{:04}, name: Application {}{}}}\n", a, a,
                        a > 0 ? fmt::format(", depends_on: [app-{:04}]", a - 1) : "");
  }
  const auto loaded = test::load_text(text);
  const EstatePlan estate =
      test::drawn(make_plan(loaded.inventory, default_profile()).value(), ReportOptions{0});
  const std::string whole = render_plan_json(estate);
  std::vector<std::size_t> pieces;
  std::string joined;
  write_plan_json(estate, [&](std::string_view piece) {
    pieces.push_back(piece.size());
    joined += piece;
  });
  CHECK(joined == whole);
  REQUIRE(whole.size() > 2'000'000);
  CHECK(pieces.size() == whole.size() / (std::size_t{1} << 20U) + 1);
  for (std::size_t size : pieces) {
    CHECK(size < (std::size_t{1} << 20U) + 4096);  // a megabyte and at most one record
  }
  const Scratch scratch;
  const PlanOutputs outputs = prepare_plan_outputs(scratch.dir / "out", {"estate.yaml"}).value();
  REQUIRE(write_plan_folder(outputs, 0, estate).has_value());
  std::ifstream in(scratch.dir / "out" / "plan.json", std::ios::binary);
  CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == whole);
}

TEST_CASE("output files: a file whose writer fails half way leaves nothing", "[report][output]") {
  const Scratch scratch;
  std::vector<OutputFile> files;
  files.emplace_back("first.txt", std::string("whole\n"));
  files.push_back(OutputFile::streamed("second.txt", [](const TextSink& sink) {
    sink("half of it\n");
    throw std::runtime_error("the writer failed");
  }));
  CHECK_THROWS_WITH(write_folder(scratch.dir / "out", files), "the writer failed");
  CHECK(listing(scratch.dir) == std::vector<std::string>{});  // no folder, no temporary
}
