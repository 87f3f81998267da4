// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include <dcexit/diagnostic.hpp>

#include <catch2/catch.hpp>

using namespace dcexit;

namespace {
// Field by field: brace-initialising nested strings trips a GCC 12 -Wmaybe-uninitialized bug.
Diagnostic make(std::string file, std::uint32_t line, std::uint32_t column, Severity severity,
                Code code, std::string message) {
  Diagnostic d;
  d.where.file = std::move(file);
  d.where.line = line;
  d.where.column = column;
  d.severity = severity;
  d.code = std::move(code);
  d.message = std::move(message);
  return d;
}
}  // namespace

TEST_CASE("diagnostic: text format", "[diagnostic]") {
  const Diagnostic d = make("inv/dc1.yaml", 42, 7, Severity::error, Code::unknown_reference,
                            "application 'billing' depends on unknown application 'ledgr'");
  CHECK(format_text(d) ==
        "inv/dc1.yaml:42:7: error: application 'billing' depends on unknown application 'ledgr' "
        "[unknown-reference]");
}

TEST_CASE("diagnostic: sorted by file, line, column, errors first, repeats dropped",
          "[diagnostic]") {
  DiagnosticSink sink;
  sink.warning({"b.yaml", 1, 1}, Code::unknown_key, "later file");
  sink.warning({"a.yaml", 3, 5}, Code::unknown_key, "same place");
  sink.error({"a.yaml", 3, 5}, Code::bad_value, "same place");
  sink.error({"a.yaml", 10, 1}, Code::bad_value, "line ten");
  sink.error({"a.yaml", 2, 9}, Code::bad_value, "line two");
  sink.error({"a.yaml", 2, 9}, Code::bad_value, "line two");
  sink.sort();
  std::vector<std::string> lines;
  for (const auto& d : sink.all()) {
    lines.push_back(format_text(d));
  }
  CHECK(lines == std::vector<std::string>{
                     "a.yaml:2:9: error: line two [bad-value]",
                     "a.yaml:3:5: error: same place [bad-value]",
                     "a.yaml:3:5: warning: same place [unknown-key]",
                     "a.yaml:10:1: error: line ten [bad-value]",
                     "b.yaml:1:1: warning: later file [unknown-key]",
                 });
  CHECK(sink.error_count() == 3);
  CHECK(sink.warning_count() == 2);
  sink.promote_warnings();
  CHECK(sink.error_count() == 5);
}

TEST_CASE("diagnostic: JSON escapes and shape", "[diagnostic]") {
  const std::vector<Diagnostic> ds = {make("a \"b\".yaml", 1, 2, Severity::warning,
                                           Code::unknown_key, "tab\there\nand \\ \x01 \xFF")};
  CHECK(format_json(ds) ==
        "[\n  {\"file\": \"a \\\"b\\\".yaml\", \"line\": 1, \"column\": 2, \"severity\": "
        "\"warning\", \"code\": \"unknown-key\", \"message\": \"tab\\there\\nand \\\\ \\u0001 "
        "\\ufffd\"}\n]\n");
  CHECK(format_json({}) == "[]\n");
}

TEST_CASE("diagnostic: GitHub annotations escape properties", "[diagnostic]") {
  const Diagnostic d =
      make("dir,x/a:b.yaml", 3, 4, Severity::error, Code::bad_date, "50% done\nnext");
  CHECK(format_github(d) ==
        "::error file=dir%2Cx/a%3Ab.yaml,line=3,col=4,title=bad-date::50%25 done%0Anext");
}

TEST_CASE("diagnostic: severity sorts before code at one position", "[diagnostic]") {
  // The old order (code before severity) put this warning first: its code sorts first.
  DiagnosticSink sink;
  sink.warning({"a.yaml", 1, 1}, Code::alias_limit, "first by code");
  sink.error({"a.yaml", 1, 1}, Code::yaml_syntax, "last by code");
  sink.sort();
  REQUIRE(sink.all().size() == 2);
  CHECK(sink.all()[0].code == Code::yaml_syntax);
  CHECK(sink.all()[1].code == Code::alias_limit);
}

TEST_CASE("diagnostic: text format escapes control characters from the input", "[diagnostic]") {
  // A key holding ESC, BEL, CR and LF must not move the cursor or forge a CI annotation line.
  const Diagnostic d =
      make("a\nb.yaml", 1, 2, Severity::warning, Code::unknown_key,
           "unknown key 'x\x1b[2J\a\r\n::error::forged' \xC2\x85 \xE2\x80\xA8 \xFF");
  CHECK(format_text(d) ==
        "a\\x0ab.yaml:1:2: warning: unknown key 'x\\x1b[2J\\x07\\x0d\\x0a::error::forged' \\u0085 "
        "\\u2028 \\xff [unknown-key]");
}

TEST_CASE("diagnostic: the line saying how many were dropped is not counted as a problem",
          "[diagnostic]") {
  DiagnosticSink sink(2);
  for (std::uint32_t line = 1; line <= 3; ++line) {
    sink.warning({"f.yaml", line, 1}, Code::unknown_key, "w");
  }
  sink.note({"f.yaml", 9, 1}, Code::missing_value, "n");
  sink.sort();
  REQUIRE(sink.all().size() == 3);
  CHECK(sink.all().back().code == Code::too_many_diagnostics);
  CHECK(sink.all().back().severity == Severity::warning);
  CHECK(sink.warning_count() == 3);  // two shown, one dropped; not the summary line
  CHECK(sink.note_count() == 1);
  CHECK(sink.error_count() == 0);
  CHECK_FALSE(sink.has_errors());
  sink.promote_warnings();  // --strict: the dropped warning is an error too
  CHECK(sink.error_count() == 3);
  CHECK(sink.warning_count() == 0);
  DiagnosticSink errors(1);
  errors.warning({"f.yaml", 1, 1}, Code::unknown_key, "w");
  errors.error({"f.yaml", 2, 1}, Code::unknown_key, "e");
  errors.sort();
  CHECK(errors.error_count() == 1);
  CHECK(errors.warning_count() == 1);
  CHECK(errors.has_errors());
}
