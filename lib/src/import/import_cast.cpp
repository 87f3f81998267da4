// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// CAST Highlight portfolio export (analysisResults): Level=Application rows become applications
// with the fields scoring reads; per-technology Analysis rows are summed in them already.
#include "base/text.hpp"
#include "import/formats.hpp"
#include "import/sheet.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace dcexit::detail {

namespace {

struct CastColumns {
  Column application;
  Column level;
  Column business_units;
  Column tags;
  Column campaign;
  Column technologies;
  Column business_value;
  Column cloud_ready;
  Column health;
  Column roadblocks;
  Column debt_minutes;
  Column lines;
  Column age;
};

// CAST's business value (0-100) in quarters: the criticality scoring reads.
std::string_view criticality_of(double business_value) {
  if (business_value >= 75) {
    return "critical";
  }
  if (business_value >= 50) {
    return "high";
  }
  return business_value >= 25 ? "medium" : "low";
}

void import_application(Sheet& sheet, ImportedEstate& estate, DefinedIds& defined,
                        const CastColumns& c, const CsvRecord& row) {
  const std::string name = sheet.text(row, c.application);
  const SourceLocation where = sheet.at(row, c.application);
  const auto id = id_for(name, "Application", where, estate.sink());
  if (!id || !defined.first(EntityKind::application, *id, name, where, estate.sink())) {
    return;
  }
  ImportedEntity& app = estate.get(EntityKind::application, *id, where);
  estate.set(app, "name", name, where);
  const auto units = split_list(sheet.text(row, c.business_units));
  if (!units.empty()) {
    estate.set(app, "department", units.front(), sheet.at(row, c.business_units));
  }
  for (const std::string& tech : split_list(sheet.text(row, c.technologies))) {
    ImportedEstate::add_unique(app.languages, lower(tech));
  }
  for (const std::string& tag : split_list(sheet.text(row, c.tags))) {
    ImportedEstate::add_unique(app.tags, make_id(tag));
  }
  const auto lines = sheet.number(row, c.lines, 0, 1e12);
  if (lines && *lines > 0) {
    estate.set_plain(app, "kind", "custom", sheet.at(row, c.lines));
  }
  const auto value = sheet.number(row, c.business_value, 0, 100);
  if (value) {
    estate.set_plain(app, "criticality", std::string(criticality_of(*value)),
                     sheet.at(row, c.business_value));
  }
  std::vector<std::string> facts;
  const auto fact = [&](std::string_view label, Column column, int decimals) {
    if (const auto n = sheet.number(row, column, -1e15, 1e15)) {
      facts.push_back(fmt::format("{} {}", label, format_number(*n, decimals)));
    }
  };
  fact("business value", c.business_value, 2);
  fact("CloudReady", c.cloud_ready, 2);
  fact("software health", c.health, 2);
  fact("roadblocks", c.roadblocks, 0);
  if (const auto minutes = sheet.number(row, c.debt_minutes, 0, 1e15)) {
    facts.push_back(fmt::format("technical debt {} hours", format_number(*minutes / 60, 0)));
  }
  fact("lines of code", c.lines, 0);
  fact("age (years)", c.age, 1);
  if (!facts.empty()) {
    app.notes.push_back("CAST Highlight: " + join(facts, ", "));
  }
  if (const std::string campaign = sheet.text(row, c.campaign); !campaign.empty()) {
    app.notes.push_back("CAST campaign: " + campaign);
  }
  if (units.size() > 1) {
    app.notes.push_back("business units: " + join(units, "; "));
  }
}

}  // namespace

void import_cast_sheet(Sheet& sheet, ImportedEstate& estate) {
  CastColumns c;
  c.application = sheet.require({"application"}, "Application");
  c.level = sheet.require({"level"}, "Level");
  c.business_units = sheet.column({"business units"});
  c.tags = sheet.column({"tags"});
  c.campaign = sheet.column({"campaign"});
  c.technologies = sheet.column({"technologies"});
  c.business_value = sheet.column({"businessvalue", "business value"});
  c.cloud_ready = sheet.column({"cloudready"});
  c.health = sheet.column({"software health"});
  c.roadblocks = sheet.column({"roadblocks"});
  c.debt_minutes = sheet.column({"technical debt min"});
  c.lines = sheet.column({"lines of code"});
  c.age = sheet.column({"age yrs"});
  if (!c.application || !c.level) {
    return;
  }
  DefinedIds defined;
  std::size_t applications = 0;
  std::size_t analyses = 0;
  for (const CsvRecord& row : sheet.rows()) {
    if (!sheet.check_width(row)) {
      continue;
    }
    const std::string level = lower(sheet.text(row, c.level));
    if (level == "application") {
      import_application(sheet, estate, defined, c, row);
      ++applications;
    } else if (level == "analysis") {
      ++analyses;
    } else {
      sheet.error(sheet.at(row, c.level), level.empty() ? Code::missing_value : Code::bad_value,
                  fmt::format("'Level' is '{}'; expected Application or Analysis",
                              sheet.text(row, c.level)));
    }
  }
  note_sheet(estate, sheet,
             fmt::format("{} applications; {} per-technology Analysis rows, whose figures the "
                         "Application rows already sum, not imported",
                         applications, analyses));
}

}  // namespace dcexit::detail
