// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// The structure of report.html (the browser test checks it renders; this checks what is in it).
#include "planned.hpp"
#include "test_support.hpp"

#include <dcexit/load.hpp>
#include <dcexit/report.hpp>

#include <catch2/catch.hpp>

using namespace dcexit;

namespace {

std::size_t count(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("html: Harrow's report is one self-contained page with every part", "[html]") {
  DiagnosticSink sink;
  const Inventory harrow =
      load_inventory((test::source_dir() / "inventories" / "harrow.yaml").string(), sink).inventory;
  REQUIRE_FALSE(sink.has_errors());
  const EstatePlan estate = test::drawn(make_plan(harrow, default_profile()).value());
  const Plan& plan = estate.plan;
  const std::string page = render_report_html(estate);
  CHECK(page.starts_with("<!DOCTYPE html>"));
  for (const char* id :
       {"summary", "gantt", "mix", "risks", "rundown", "connectivity", "graph", "waves"}) {
    INFO(id);
    CHECK(count(page, std::string("<section id=\"") + id + "\">") == 1);
  }
  CHECK(count(page, "class=\"wave-bar") == plan.waves.waves.size());
  // Interim connectivity: a row per wave, then the splits, longest first.
  CHECK(page.find("43 dependencies sit on two sides of the hybrid link for a while; the longest "
                  "for 112 days.") != std::string::npos);
  CHECK(page.find("<tr><td>social-care</td><td>active-directory (served on site)</td><td>"
                  "prerequisite</td><td>on premises</td><td>2021-02-08</td><td>2021-05-30</td><td "
                  "class=\"num\">112</td><td class=\"num\">120</td></tr>") != std::string::npos);
  // Issue 16: the rehearsals on the Gantt and in their wave, the link and max_critical per wave.
  CHECK(count(page, "<rect class=\"rehearsal-bar\" data-rehearsals=\"1\"") == 1);
  CHECK(page.find("Transfer 3050 of 30240 GB the link carries (10%). Critical cut-overs: 0 of 1. "
                  "Rehearsals on non-production servers: revenues, sap-erp, social-care.") !=
        std::string::npos);
  CHECK(page.find("<tr><td>benefits</td><td>sql-shared (served on site)</td>") !=
        std::string::npos);
  CHECK(count(page, "<rect class=\"freeze\"") == harrow.policy.freezes.size());
  CHECK(count(page, "class=\"deadline\"") == 1);
  CHECK(page.find("id=\"dependency-graph\"><svg") != std::string::npos);
  CHECK(page.find("<title>cluster_mg&#45;001</title>") !=
        std::string::npos);  // Graphviz drew the move groups
  // Self-contained: no script, no stylesheet or image fetched, no web font.
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("<link") == std::string::npos);
  CHECK(page.find("src=") == std::string::npos);
  CHECK(page.find("@import") == std::string::npos);
  CHECK(page.find("url(") == std::string::npos);
  CHECK(count(page, "http") == count(page, "http://www.w3.org/"));  // only SVG namespaces
  CHECK(page.find("@media print") != std::string::npos);
  // Deterministic.
  CHECK(render_report_html(test::drawn(make_plan(harrow, default_profile()).value())) == page);
}

TEST_CASE("html: large estates get a note instead of a drawing", "[html]") {
  const auto loaded = test::load_text(test::header() +
                                      "applications:\n  - {id: a}\n  - {id: b, depends_on: [a]}\n");
  const std::string page = render_report_html(
      test::drawn(make_plan(loaded.inventory, default_profile()).value(), ReportOptions{1}));
  CHECK(page.find("2 applications are more than a drawing can show (the limit is 1)") !=
        std::string::npos);
  CHECK(page.find("id=\"dependency-graph\"") == std::string::npos);
}

TEST_CASE("html: text from the inventory is escaped", "[html]") {
  const auto loaded = test::load_text(
      "schema: dcexit/v1\nestate: {name: \"<script>alert(1)</script> & co\", start: 2025-01-06}\n"
      "sites: [{id: dc1}]\napplications: [{id: a}]\n");
  const std::string page =
      render_report_html(test::drawn(make_plan(loaded.inventory, default_profile()).value()));
  CHECK(page.find("<script>") == std::string::npos);
  CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co") != std::string::npos);
}

TEST_CASE("html: a long wave lists its first 200 apps and points to waves.csv", "[html]") {
  std::string yaml = test::header() + "applications:\n";
  for (int i = 0; i < 250; ++i) {
    yaml += "  - {id: app" + std::to_string(1000 + i) + ", decision: {strategy: repurchase}}\n";
  }
  const auto loaded = test::load_text(yaml);
  const std::string page =
      render_report_html(test::drawn(make_plan(loaded.inventory, default_profile()).value()));
  CHECK(page.find("… and 50 more apps in this wave: waves.csv lists every one.") !=
        std::string::npos);
  CHECK(page.find("<td>app1199</td>") != std::string::npos);
  CHECK(page.find("<td>app1200</td>") == std::string::npos);
}
