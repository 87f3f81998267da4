// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// The whole class, not the examples: one payload that attacks every output format at once is put
// in every string field an inventory has, and every output dcexit writes is checked for its own
// format's rules: HTML and SVG, Markdown with its Mermaid chart, CSV opened by a spreadsheet,
// JSON, DOT, text for a terminal or a CI log, and diagnostics.
#include "planned.hpp"
#include "test_support.hpp"

#include <dcexit/plan.hpp>
#include <dcexit/report.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <sstream>

using namespace dcexit;

namespace {

// Starts like a spreadsheet formula; holds HTML, an image, a link, a table cell break (with a
// backslash before it), a code fence, a Markdown heading after a CR, a Mermaid task and comment,
// a terminal escape, BEL, and the Unicode line separators.
const std::string k_payload =
    "=cmd|' /C calc'!A0 <script>alert(1)</script><img src=x onerror=alert(2)> \"q\" 'a' & "
    "![i](http://evil/i.png) [l](http://evil) \\| ` ```\r# heading\n```\n  Year end :crit, "
    "2025-01-01, 2030-01-01\n%% c #35; \x1b[2J\x07 \xE2\x80\xA8 \xC2\x85 end";

// The payload as a YAML double-quoted scalar.
std::string yaml_quoted(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// An estate with the payload in each of its string fields (ids, dates and numbers have their
// own syntax and cannot hold it).
std::string payload_estate() {
  const std::string p = yaml_quoted(k_payload);
  return fmt::format(R"(schema: dcexit/v1
estate: {{name: {0}, start: 2025-01-06, deadline: 2025-12-31, currency: {0}}}
policy:
  wave: {{max_apps: 1}}
  freezes:
    - {{name: {0}, from: 2025-02-01, to: 2025-02-10, tags: [{0}], departments: [{0}]}}
sites: [{{id: dc1, name: {0}}}]
servers:
  - id: s1
    site: dc1
    rack: {0}
    os: {{family: {0}, name: {0}, version: {0}, end_of_support: 2020-01-14}}
  - {{id: s2, site: dc1, rack: {0}}}
applications:
  - id: a
    name: {0}
    department: {0}
    owner: {0}
    vendor: {0}
    technology: {{languages: [{0}], runtime: {0}, database: {0}}}
    servers: [s1]
    data: {{classification: {0}, size_gb: 10}}
    saas_alternative: {{product: {0}, fit: low}}
    contract: {{supplier: {0}, annual_cost: 1}}
    tags: [{0}]
    decision: {{strategy: rehost, reason: {0}}}
  - {{id: b, name: {0}, servers: [s2], depends_on: [a], tags: [{0}], decision: {{strategy: retire, reason: {0}}}}}
)",
                     p);
}

bool is_number(const std::string& text) {
  return std::regex_match(text, std::regex("-?[0-9]+(\\.[0-9]+)?"));
}

// RFC 4180 fields of a CSV text.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (rows.back().empty()) {
    rows.pop_back();
  }
  return rows;
}

// A spreadsheet runs a cell that starts with = + - @ tab or CR; only numbers may.
void check_csv(const std::string& name, const std::string& text) {
  INFO(name);
  const auto rows = parse_csv(text);
  REQUIRE(rows.size() > 1);
  for (const auto& row : rows) {
    CHECK(row.size() == rows.front().size());
    for (const std::string& cell : row) {
      if (!cell.empty() && std::string("=+-@\t\r").find(cell.front()) != std::string::npos) {
        INFO(cell);
        CHECK(is_number(cell));
      }
    }
  }
  CHECK(text.find(k_payload) == std::string::npos);  // never verbatim: it starts with '='
  CHECK(text.find("\"'=cmd") != std::string::npos);  // but there, neutralised
}

void check_html(const std::string& name, const std::string& page) {
  INFO(name);
  for (const char* raw : {"<script", "<img", "\x1b", "\x07"}) {
    INFO(raw);
    CHECK(page.find(raw) == std::string::npos);
  }
  CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;") !=
        std::string::npos);
}

// No line may start a heading, HTML, a fence or a list of the payload's; the Mermaid block holds
// only gantt statements; every table row has its table's number of cells.
void check_markdown(const std::string& name, const std::string& text) {
  INFO(name);
  for (const char* raw : {"\x1b", "\x07", "\r", "\xE2\x80\xA8", "\xC2\x85"}) {
    INFO(raw);
    CHECK(text.find(raw) == std::string::npos);
  }
  // HTML, an image or a link needs its < [ ] unescaped: an odd run of backslashes escapes it.
  CHECK_FALSE(
      std::regex_search(text, std::regex("(^|[^\\\\])(\\\\\\\\)*(<script|<img|\\]\\(http)")));
  CHECK(text.find("\\<script\\>") != std::string::npos);
  std::istringstream lines(text);
  std::string line;
  bool mermaid = false;
  std::size_t fences = 0;
  std::size_t cells = 0;
  const std::regex gantt(
      "  (dateFormat [A-Z-]+|axisFormat %b %Y|title [^:#%`]*|section [A-Za-z ]+|"
      "[^:#%`;]+ :(crit, |milestone, |)[0-9-]+, [0-9a-z-]+)");
  while (std::getline(lines, line)) {
    INFO(line);
    if (line.starts_with("```")) {
      ++fences;
      mermaid = line == "```mermaid";
      continue;
    }
    if (mermaid) {
      CHECK((line == "gantt" || std::regex_match(line, gantt)));
      continue;
    }
    CHECK_FALSE(line.starts_with("# heading"));
    if (line.starts_with("|")) {
      // Cells are split at pipes not escaped by an odd run of backslashes.
      std::size_t n = 0;
      for (std::size_t i = 0; i < line.size(); ++i) {
        std::size_t slashes = 0;
        while (slashes < i && line[i - 1 - slashes] == '\\') {
          ++slashes;
        }
        n += line[i] == '|' && slashes % 2 == 0 ? 1U : 0U;
      }
      if (cells == 0 || line.starts_with("|--") || line.starts_with("|:") ||
          line.starts_with("|-")) {
        cells = cells == 0 ? n : cells;
      }
      CHECK(n == cells);
    } else {
      cells = 0;
    }
  }
  CHECK(fences % 2 == 0);
}

// Valid JSON whose strings hold the payload escaped, not raw, and (unless it is quoted in part,
// as a diagnostic abbreviates it) whole.
void check_json(const std::string& name, const std::string& text, bool whole = true) {
  INFO(name);
  const nlohmann::json parsed = nlohmann::json::parse(text);
  CHECK(text.find(k_payload) == std::string::npos);
  if (whole) {
    const std::string escaped = nlohmann::json(k_payload).dump();
    CHECK(parsed.dump().find(escaped.substr(1, escaped.size() - 2)) != std::string::npos);
  }
}

// Text for a terminal or a CI log: no control character but the line feed.
void check_terminal(const std::string& name, const std::string& text) {
  INFO(name);
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    CHECK((u >= 0x20 || c == '\n'));
    CHECK(u != 0x7F);
  }
  for (const char* raw : {"\xE2\x80\xA8", "\xC2\x85"}) {
    CHECK(text.find(raw) == std::string::npos);
  }
}

}  // namespace

TEST_CASE("injection: a payload in every string field is escaped in every output", "[injection]") {
  const auto loaded = test::load_text(payload_estate(), "payload.yaml");
  INFO((loaded.lines().empty() ? std::string() : loaded.lines().front()));
  REQUIRE_FALSE(loaded.diagnostics.has_errors());
  const Inventory& inv = loaded.inventory;
  REQUIRE(inv.estate.name == k_payload);
  const EstatePlan estate = test::drawn(make_plan(inv, default_profile()).value());
  const Plan& plan = estate.plan;

  check_html("report.html", render_report_html(estate));
  IndexEntry entry = index_entry(estate, "we\"ird|<b>.yaml");
  const std::vector<IndexEntry> entries = {entry, IndexEntry{k_payload, {}, {}, 0, 0, {}, {}}};
  check_html("index.html", render_index_html(entries) + render_report_html(estate));
  CHECK(render_index_html(entries).find("href=\"we%22ird%7C%3Cb%3E.yaml/report.html\"") !=
        std::string::npos);

  check_markdown("plan.md", render_plan_markdown(estate));
  check_markdown("index.md", render_index_markdown(entries));
  check_markdown(
      "assess --format markdown",
      render_assessment(inv, plan.assessment, default_profile(), AssessmentFormat::markdown));

  check_csv("waves.csv", render_waves_csv(estate));
  check_csv("decommission.csv", render_decommission_csv(estate));
  check_csv("jira.csv", render_tracker_csv(estate, Tracker::jira));
  check_csv("azure-devops.csv", render_tracker_csv(estate, Tracker::azure_devops));
  REQUIRE(!plan.connectivity.empty());  // the payload names reach connectivity.csv too
  check_csv("connectivity.csv", render_connectivity_csv(estate));
  check_csv("assessment.csv",
            render_assessment(inv, plan.assessment, default_profile(), AssessmentFormat::csv));

  check_json("plan.json", render_plan_json(estate));
  check_json("index.json", render_index_json(entries));
  check_json("assess --format json",
             render_assessment(inv, plan.assessment, default_profile(), AssessmentFormat::json));
  const GraphAnalysis analysis =
      analyse_graph(inv, plan.graph, assessed_strategies(plan.assessment));
  check_json("graph --format json", render_graph(inv, plan.graph, analysis, GraphFormat::json));

  check_terminal("assess (table)", render_assessment(inv, plan.assessment, default_profile(),
                                                     AssessmentFormat::table));
  for (Index a = 0; a < inv.applications.size(); ++a) {
    check_terminal("assess --explain",
                   render_explanation(inv, plan.assessment, default_profile(), a));
  }
  check_terminal("graph (text)", render_graph(inv, plan.graph, analysis, GraphFormat::text));
  check_terminal("plan summary", plan_summary_line(estate, "payload.yaml"));

  // DOT: every quoted string closes on its own line, so Graphviz reads what was meant.
  const std::string dot = render_graph(inv, plan.graph, analysis, GraphFormat::dot);
  for (const char c : dot) {
    CHECK((static_cast<unsigned char>(c) >= 0x20 || c == '\n'));
  }
  std::istringstream dot_lines(dot);
  for (std::string line; std::getline(dot_lines, line);) {
    INFO(line);
    std::size_t quotes = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      quotes += line[i] == '"' && (i == 0 || line[i - 1] != '\\') ? 1U : 0U;
    }
    CHECK(quotes % 2 == 0);
  }
}

TEST_CASE("injection: a payload in a key reaches every diagnostic format escaped", "[injection]") {
  const auto loaded =
      test::load_text(test::header() + yaml_quoted(k_payload) + ": 1\n", "payload.yaml");
  REQUIRE(loaded.diagnostics.all().size() == 1);
  const Diagnostic& d = loaded.diagnostics.all().front();
  CHECK(to_string(d.code) == "unknown-key");
  check_terminal("text", format_text(d));
  const std::string github = format_github(d);
  CHECK(github.find('\n') == std::string::npos);
  CHECK(github.find('\r') == std::string::npos);
  CHECK(github.find("::error") == std::string::npos);  // it is a warning; nothing forged one
  check_json("json", format_json(loaded.diagnostics.all()), false);
}

TEST_CASE("injection: dcexit diff writes a hostile plan.json's fields printable, one line each",
          "[report][injection][diff]") {
  // A plan.json is a file anybody can write: an id with a line feed would forge a CI log line.
  const std::string evil = "a\n::error::forged\xe2\x80\xa8\xc2\x85";
  PlanDiff d;
  d.old_label = "v1/plan.json";
  d.new_label = "v2/" + evil;
  d.waves = {1, 2};
  d.moved.push_back({evil, 1, std::nullopt, 2, std::nullopt});
  d.strategies.push_back({evil, "rehost\n::warning::x", "retire"});
  d.rehearsals.push_back({evil, 1, 2});
  d.added = {evil};
  d.removed = {evil};
  d.sites.push_back({evil, std::nullopt, std::nullopt});
  const std::string text = render_plan_diff(d, DiffFormat::text);
  CHECK(text.find("\n::") == std::string::npos);
  CHECK(text.find("\xe2\x80\xa8") == std::string::npos);
  CHECK(text.find("\xc2\x85") == std::string::npos);
  CHECK_THAT(text, Catch::Contains("  a\\x0a::error::forged\\u2028\\u0085: rehost\\x0a::warning::x "
                                   "-> retire\n"));
  CHECK_THAT(text, Catch::StartsWith("v1/plan.json -> v2/a\\x0a::error::forged\\u2028\\u0085\n"));
  const std::string markdown = render_plan_diff(d, DiffFormat::markdown);
  CHECK(markdown.find("\n::") == std::string::npos);
  CHECK(markdown.find("\xe2\x80\xa8") == std::string::npos);
}
