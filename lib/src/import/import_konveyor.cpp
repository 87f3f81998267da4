// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Konveyor (Tackle) application import CSV: record type 1 = an application, 2 = a dependency.
#include "base/text.hpp"
#include "import/formats.hpp"
#include "import/sheet.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace dcexit::detail {

using namespace std::string_view_literals;

namespace {

struct KonveyorColumns {
  Column record_type;
  Column name;
  Column description;
  Column comments;
  Column business_service;
  Column owner;
  Column contributors;
  Column dependency;
  Column direction;
  Column binary_group;
  Column binary_artifact;
  Column binary_version;
  Column binary_packaging;
  Column repository_type;
  Column repository_url;
  Column repository_branch;
  Column repository_path;
  std::vector<std::pair<Column, Column>> tags;  // category, tag
};

KonveyorColumns find_columns(Sheet& sheet) {
  KonveyorColumns c;
  c.record_type = sheet.require({"record type 1", "record type"}, "Record Type 1");
  c.name = sheet.require({"application name"}, "Application Name");
  c.description = sheet.column({"description"});
  c.comments = sheet.column({"comments"});
  c.business_service = sheet.column({"business service"});
  c.owner = sheet.column({"owner"});
  c.contributors = sheet.column({"contributors"});
  c.dependency = sheet.column({"dependency"});
  c.direction = sheet.column({"dependency direction"});
  c.binary_group = sheet.column({"binary group"});
  c.binary_artifact = sheet.column({"binary artifact"});
  c.binary_version = sheet.column({"binary version"});
  c.binary_packaging = sheet.column({"binary packaging"});
  c.repository_type = sheet.column({"repository type"});
  c.repository_url = sheet.column({"repository url"});
  c.repository_branch = sheet.column({"repository branch"});
  c.repository_path = sheet.column({"repository path"});
  for (int n = 1; n <= 20; ++n) {
    const std::string category = fmt::format("tag category {}", n);
    const std::string type = fmt::format("tag type {}", n);
    const std::string tag = fmt::format("tag {}", n);
    const Column category_column = sheet.column({category, type});
    const Column tag_column = sheet.column({tag});
    if (category_column || tag_column) {
      c.tags.emplace_back(category_column, tag_column);
    }
  }
  return c;
}

// A tag of category `category`: some feed the fields scoring reads, the rest become tags.
void apply_tag(ImportedEstate& estate, ImportedEntity& app, const std::string& category,
               const std::string& tag, const SourceLocation& where) {
  const std::string kind = normalise_header(category);
  if (kind == "language") {
    ImportedEstate::add_unique(app.languages, lower(tag));
  } else if (kind == "database") {
    estate.set(app, "technology.database", tag, where);
  } else if (kind == "runtime") {
    estate.set(app, "technology.runtime", tag, where);
  } else if (kind == "application type" &&
             (lower(tag) == "cots" || lower(tag) == "custom" || lower(tag) == "saas")) {
    estate.set_plain(app, "kind", lower(tag), where);
  } else if (category.empty()) {
    ImportedEstate::add_unique(app.tags, make_id(tag));
  } else {
    ImportedEstate::add_unique(app.tags, make_id(category) + ":" + make_id(tag));
  }
}

void import_application(Sheet& sheet, const KonveyorColumns& c, const CsvRecord& row,
                        ImportedEstate& estate, DefinedIds& defined) {
  const std::string name = sheet.text(row, c.name);
  const auto id = id_for(name, "Application Name", sheet.at(row, c.name), estate.sink());
  if (!id ||
      !defined.first(EntityKind::application, *id, name, sheet.at(row, c.name), estate.sink())) {
    return;
  }
  const SourceLocation where = sheet.at(row, c.name);
  ImportedEntity& app = estate.get(EntityKind::application, *id, where);
  estate.set(app, "name", name, where);
  if (const std::string service = sheet.text(row, c.business_service); !service.empty()) {
    estate.set(app, "department", service, sheet.at(row, c.business_service));
  }
  if (const std::string owner = sheet.text(row, c.owner); !owner.empty()) {
    estate.set(app, "owner", owner, sheet.at(row, c.owner));
  }
  for (const auto& [category_column, tag_column] : c.tags) {
    const std::string tag = sheet.text(row, tag_column);
    if (!tag.empty()) {
      apply_tag(estate, app, sheet.text(row, category_column), tag, sheet.at(row, tag_column));
    }
  }
  const auto note = [&](std::string_view label, Column column) {
    if (const std::string text = sheet.text(row, column); !text.empty()) {
      app.notes.push_back(fmt::format("{}: {}", label, text));
    }
  };
  note("description", c.description);
  note("comments", c.comments);
  note("contributors", c.contributors);
  // The non-empty parts of a binary's or a repository's coordinates, joined.
  const auto coordinates = [&](std::string_view label, std::initializer_list<Column> columns,
                               std::string_view separator) {
    std::vector<std::string> parts;
    for (const Column column : columns) {
      if (std::string part = sheet.text(row, column); !part.empty()) {
        parts.push_back(std::move(part));
      }
    }
    if (!parts.empty()) {
      app.notes.push_back(fmt::format("{}: {}", label, join(parts, separator)));
    }
  };
  coordinates("binary", {c.binary_group, c.binary_artifact, c.binary_version, c.binary_packaging},
              ":");
  coordinates("repository",
              {c.repository_type, c.repository_url, c.repository_branch, c.repository_path}, " ");
}

void import_dependency(Sheet& sheet, const KonveyorColumns& c, const CsvRecord& row,
                       ImportedEstate& estate) {
  if (!c.dependency || !c.direction) {
    sheet.error(sheet.at(row, c.record_type), Code::missing_column,
                "a dependency row (record type 2) needs the columns 'Dependency' and "
                "'Dependency Direction'");
    return;
  }
  const std::string name = sheet.text(row, c.name);
  const std::string other = sheet.text(row, c.dependency);
  const auto id = id_for(name, "Application Name", sheet.at(row, c.name), estate.sink());
  const auto other_id = id_for(other, "Dependency", sheet.at(row, c.dependency), estate.sink());
  const std::string direction = lower(sheet.text(row, c.direction));
  constexpr std::array k_directions = {"northbound"sv, "southbound"sv};
  if (direction.empty()) {
    sheet.error(sheet.at(row, c.direction), Code::missing_value,
                "'Dependency Direction' is empty; expected northbound or southbound");
    return;
  }
  if (direction != "northbound" && direction != "southbound") {
    sheet.error(sheet.at(row, c.direction), Code::bad_value,
                fmt::format("'Dependency Direction' is '{}'; expected northbound (the dependency "
                            "uses the application) or southbound (the application uses the "
                            "dependency){}",
                            sheet.text(row, c.direction), did_you_mean(direction, k_directions)));
    return;
  }
  if (!id || !other_id) {
    return;
  }
  if (*id == *other_id) {
    sheet.error(sheet.at(row, c.dependency), Code::self_dependency,
                fmt::format("application '{}' cannot depend on itself", name));
    return;
  }
  // Southbound: the application uses the dependency. Northbound: the dependency uses it.
  AppMention app{*id, name, sheet.at(row, c.name)};
  AppMention dependency{*other_id, other, sheet.at(row, c.dependency)};
  if (direction == "northbound") {
    std::swap(app, dependency);
  }
  estate.link({std::move(app), std::move(dependency), {}, false});
}

}  // namespace

void import_konveyor_sheet(Sheet& sheet, ImportedEstate& estate) {
  const KonveyorColumns c = find_columns(sheet);
  if (!c.record_type || !c.name) {
    return;
  }
  // Applications first, so that a dependency row may name an application defined below it.
  DefinedIds defined;
  std::size_t applications = 0;
  std::size_t dependencies = 0;
  for (const CsvRecord& row : sheet.rows()) {
    if (!sheet.check_width(row)) {
      continue;
    }
    const std::string type = sheet.text(row, c.record_type);
    if (type == "1") {
      import_application(sheet, c, row, estate, defined);
      ++applications;
    } else if (type != "2") {
      sheet.error(sheet.at(row, c.record_type),
                  type.empty() ? Code::missing_value : Code::bad_value,
                  fmt::format("record type is '{}'; expected 1 (an application) or 2 (a "
                              "dependency)",
                              type));
    }
  }
  for (const CsvRecord& row : sheet.rows()) {
    if (sheet.text(row, c.record_type) == "2") {
      import_dependency(sheet, c, row, estate);
      ++dependencies;
    }
  }
  note_sheet(estate, sheet,
             fmt::format("{} application rows, {} dependency rows", applications, dependencies));
}

}  // namespace dcexit::detail
