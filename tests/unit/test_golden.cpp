// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Golden tests: every case in tests/golden/validate/ (a .yaml file or a directory) is validated
// and its whole output compared with <case>.expected. On a mismatch, <case>.actual is written
// beside it. `cmake --build <dir> --target approve` rewrites the .expected files on purpose.
#include "test_support.hpp"

#include <dcexit/validation.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <set>

using namespace dcexit;
namespace fs = std::filesystem;

namespace {

fs::path golden_dir() { return test::source_dir() / "tests" / "golden" / "validate"; }

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
  out += "exit " + std::to_string(report.exit_code()) + "\n";
  return out;
}

fs::path with_suffix(fs::path input, const char* suffix) {
  input.replace_extension(suffix);
  return input;
}

}  // namespace

TEST_CASE("golden: validate output for every broken inventory", "[golden]") {
  const bool approve = std::getenv("DCEXIT_APPROVE") != nullptr;
  const auto cases = golden_cases();
  CHECK(cases.size() >= 30);
  for (const fs::path& input : cases) {
    const std::string actual = render(input);
    const fs::path expected_path = with_suffix(input, ".expected");
    const fs::path actual_path = with_suffix(input, ".actual");
    if (approve) {
      std::ofstream(expected_path, std::ios::binary) << actual;
      continue;
    }
    INFO("case " << input.filename().string() << "; see " << actual_path.string());
    REQUIRE(fs::exists(expected_path));
    const std::string expected = test::read_file(expected_path);
    if (actual != expected) {
      std::ofstream(actual_path, std::ios::binary) << actual;
    } else {
      fs::remove(actual_path);
    }
    CHECK(actual == expected);
  }
}

TEST_CASE("golden: every diagnostic code has a golden case or a unit test", "[golden]") {
  std::set<std::string> covered;
  for (const fs::path& input : golden_cases()) {
    const std::string text = test::read_file(with_suffix(input, ".expected"));
    for (std::size_t open = text.find(" ["); open != std::string::npos;
         open = text.find(" [", open + 1)) {
      const std::size_t close = text.find("]\n", open);
      if (close != std::string::npos) {
        covered.insert(text.substr(open + 2, close - open - 2));
      }
    }
  }
  // Codes whose inputs cannot live in a small text file here are pinned in
  // test_yaml_stream.cpp and test_hostile.cpp; `unreadable` in the cli.validate_missing_file test.
  for (const char* code : {"nul-byte", "encoding", "alias-limit", "nesting-too-deep",
                           "value-too-long", "too-many-diagnostics", "unreadable"}) {
    covered.insert(code);
  }
  for (std::string_view code : k_diagnostic_codes) {
    INFO(code);
    CHECK(covered.count(std::string(code)) == 1);
  }
}
