// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// The generic CSV layout (docs/import.md): sheets of applications, servers or dependencies whose
// columns are named after the inventory's fields.
#include "base/text.hpp"
#include "import/formats.hpp"
#include "import/sheet.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace dcexit::detail {

using namespace std::string_view_literals;

namespace {

constexpr std::array k_criticalities = {"critical"sv, "high"sv, "medium"sv, "low"sv};
constexpr std::array k_trends = {"growing"sv, "stable"sv, "declining"sv, "unused"sv};
constexpr std::array k_app_kinds = {"cots"sv, "custom"sv, "saas"sv};
constexpr std::array k_fits = {"high"sv, "medium"sv, "low"sv};
constexpr std::array k_strategies = {"retire"sv,     "retain"sv,     "rehost"sv,   "relocate"sv,
                                     "replatform"sv, "repurchase"sv, "refactor"sv, "saas"sv};
constexpr std::array k_couplings = {"prerequisite"sv, "hard"sv, "soft"sv};
constexpr std::array k_server_kinds = {"physical"sv, "virtual"sv};
constexpr std::array k_environments = {"production"sv, "non-production"sv};

// Reads one sheet's typed values into entities, reporting every bad one.
class GenericReader {
 public:
  GenericReader(Sheet& sheet, ImportedEstate& estate) : m_sheet(sheet), m_estate(estate) {}

  void text(ImportedEntity& e, const CsvRecord& row, std::string_view column,
            std::string_view key) {
    const Column c = m_sheet.column({column});
    if (const std::string value = m_sheet.text(row, c); !value.empty()) {
      m_estate.set(e, key, value, m_sheet.at(row, c));
    }
  }

  void word(ImportedEntity& e, const CsvRecord& row, std::string_view column, std::string_view key,
            std::span<const std::string_view> allowed) {
    const Column c = m_sheet.column({column});
    const std::string value = lower(m_sheet.text(row, c));
    if (value.empty()) {
      return;
    }
    if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
      m_sheet.error(
          m_sheet.at(row, c), Code::bad_value,
          fmt::format("'{}' is '{}'; expected {}{}", m_sheet.header_name(c), m_sheet.text(row, c),
                      join_words(allowed), did_you_mean(value, allowed)));
      return;
    }
    m_estate.set_plain(e, key, value == "saas" && key == "decision.strategy" ? "repurchase" : value,
                       m_sheet.at(row, c));
  }

  void integer(ImportedEntity& e, const CsvRecord& row, std::string_view column,
               std::string_view key, double max) {
    const Column c = m_sheet.column({column});
    const auto n = m_sheet.number(row, c, 0, max);
    if (n && *n != std::floor(*n)) {
      m_sheet.error(m_sheet.at(row, c), Code::bad_value,
                    fmt::format("'{}' is {}; expected a whole number", m_sheet.header_name(c),
                                m_sheet.text(row, c)));
    } else if (n) {
      m_estate.set_number(e, key, *n, m_sheet.at(row, c));
    }
  }

  void number(ImportedEntity& e, const CsvRecord& row, std::string_view column,
              std::string_view key, double max) {
    const Column c = m_sheet.column({column});
    if (const auto n = m_sheet.number(row, c, 0, max)) {
      m_estate.set_number(e, key, *n, m_sheet.at(row, c));
    }
  }

  void quantity(ImportedEntity& e, const CsvRecord& row, std::string_view base,
                std::string_view key) {
    const QuantityColumn q = m_sheet.quantity({base}, "gb");
    if (const auto gb = m_sheet.gigabytes(row, q)) {
      m_estate.set_number(e, key, *gb, m_sheet.at(row, q.column));
    }
  }

  // A fraction 0..1, or a percentage written with '%'.
  void share(ImportedEntity& e, const CsvRecord& row, std::string_view column,
             std::string_view key) {
    const Column c = m_sheet.column({column});
    const std::string value = m_sheet.text(row, c);
    const auto n = value.ends_with('%') ? m_sheet.fraction(row, c) : m_sheet.number(row, c, 0, 1);
    if (n) {
      m_estate.set_number(e, key, *n, m_sheet.at(row, c), 3);
    }
  }

  void date(ImportedEntity& e, const CsvRecord& row, std::string_view column,
            std::string_view key) {
    const Column c = m_sheet.column({column});
    const std::string value = m_sheet.text(row, c);
    if (value.empty()) {
      return;
    }
    if (!Date::parse(value)) {
      const std::string& name = m_sheet.header_name(c);
      if (!Date::is_calendar_day(value)) {
        m_sheet.error(m_sheet.at(row, c), Code::bad_date,
                      fmt::format("'{}' is '{}'; expected a date as YYYY-MM-DD", name, value));
      } else if (value.substr(0, 4) > std::to_string(Date::k_last_input_year)) {
        // 9999-12-31 is how spreadsheets and ERP exports write "never".
        m_sheet.warning(m_sheet.at(row, c), Code::bad_date,
                        fmt::format("'{}' is '{}', past {}, the last year an inventory takes: "
                                    "taken as 'none' and left out",
                                    name, value, Date::k_last_input_year));
      } else {
        m_sheet.error(m_sheet.at(row, c), Code::bad_date,
                      fmt::format("'{}' is '{}', before {}, the first year an inventory takes",
                                  name, value, Date::k_first_input_year));
      }
      return;
    }
    m_estate.set_plain(e, key, value, m_sheet.at(row, c));
  }

  // `;`-separated ids in `column`, each checked and handed to `add`.
  template <class Add>
  void ids(const CsvRecord& row, std::string_view column, Add add) {
    const Column c = m_sheet.column({column});
    for (const std::string& name : split_list(m_sheet.text(row, c))) {
      if (const auto id = id_for(name, column, m_sheet.at(row, c), m_estate.sink())) {
        add(*id, name, m_sheet.at(row, c));
      }
    }
  }

 private:
  static std::string join_words(std::span<const std::string_view> words) {
    std::vector<std::string> list(words.begin(), words.end());
    return join(list, ", ");
  }

  Sheet& m_sheet;
  ImportedEstate& m_estate;
};

void read_application(Sheet& sheet, ImportedEstate& estate, DefinedIds& defined, Column key,
                      const CsvRecord& row) {
  const std::string name = sheet.text(row, key);
  const auto id = id_for(name, sheet.header_name(key), sheet.at(row, key), estate.sink());
  if (!id ||
      !defined.first(EntityKind::application, *id, name, sheet.at(row, key), estate.sink())) {
    return;
  }
  ImportedEntity& app = estate.get(EntityKind::application, *id, sheet.at(row, key));
  GenericReader r(sheet, estate);
  if (!sheet.column({"name"}) && name != *id) {
    estate.set(app, "name", name, sheet.at(row, key));
  }
  r.text(app, row, "name", "name");
  r.text(app, row, "department", "department");
  r.text(app, row, "owner", "owner");
  r.word(app, row, "criticality", "criticality", k_criticalities);
  r.integer(app, row, "users", "users", 1e9);
  r.word(app, row, "usage trend", "usage_trend", k_trends);
  r.word(app, row, "kind", "kind", k_app_kinds);
  r.text(app, row, "vendor", "vendor");
  for (const std::string& language : split_list(sheet.text(row, sheet.column({"languages"})))) {
    ImportedEstate::add_unique(app.languages, language);
  }
  r.text(app, row, "runtime", "technology.runtime");
  r.text(app, row, "database", "technology.database");
  r.date(app, row, "end of support", "technology.end_of_support");
  r.ids(row, "servers",
        [&](const std::string& server, const std::string&, const SourceLocation& where) {
          estate.add_server(app, server, where);
        });
  r.text(app, row, "data classification", "data.classification");
  r.quantity(app, row, "data size", "data.size_gb");
  r.number(app, row, "rto hours", "dr.rto_hours", 100000);
  r.number(app, row, "rpo hours", "dr.rpo_hours", 100000);
  r.text(app, row, "saas product", "saas_alternative.product");
  r.word(app, row, "saas fit", "saas_alternative.fit", k_fits);
  r.text(app, row, "contract supplier", "contract.supplier");
  r.date(app, row, "contract ends", "contract.ends");
  r.number(app, row, "contract annual cost", "contract.annual_cost", 1e12);
  for (const std::string& tag : split_list(sheet.text(row, sheet.column({"tags"})))) {
    ImportedEstate::add_unique(app.tags, tag);
  }
  r.word(app, row, "strategy", "decision.strategy", k_strategies);
  r.text(app, row, "reason", "decision.reason");
  r.ids(row, "depends on",
        [&](const std::string& dep, const std::string& dep_name, const SourceLocation& where) {
          estate.link({{*id, name, sheet.at(row, key)}, {dep, dep_name, where}, {}, false});
        });
}

void read_server(Sheet& sheet, ImportedEstate& estate, DefinedIds& defined, Column key,
                 const CsvRecord& row) {
  const std::string name = sheet.text(row, key);
  const auto id = id_for(name, sheet.header_name(key), sheet.at(row, key), estate.sink());
  if (!id || !defined.first(EntityKind::server, *id, name, sheet.at(row, key), estate.sink())) {
    return;
  }
  ImportedEntity& server = estate.get(EntityKind::server, *id, sheet.at(row, key));
  GenericReader r(sheet, estate);
  r.ids(row, "site",
        [&](const std::string& site, const std::string& site_name, const SourceLocation& where) {
          ImportedEntity& entity = estate.get(EntityKind::site, site, where);
          if (site_name != site) {
            estate.set(entity, "name", site_name, where);
          }
          estate.set_plain(server, "site", site, where);
        });
  r.text(server, row, "rack", "rack");
  r.word(server, row, "kind", "kind", k_server_kinds);
  r.word(server, row, "environment", "environment", k_environments);
  r.text(server, row, "os family", "os.family");
  r.text(server, row, "os name", "os.name");
  // A CMDB gives the OS's name alone; its family prices the server and its licence.
  if (sheet.text(row, sheet.column({"os family"})).empty()) {
    const Column os_name = sheet.column({"os name"});
    if (const std::string family = os_family_of(sheet.text(row, os_name)); !family.empty()) {
      estate.set_plain(server, "os.family", family, sheet.at(row, os_name));
    }
  }
  r.text(server, row, "os version", "os.version");
  r.date(server, row, "os end of support", "os.end_of_support");
  r.number(server, row, "cpu cores", "cpu_cores", 100000);
  r.quantity(server, row, "memory", "memory_gb");
  r.quantity(server, row, "storage", "storage_gb");
  r.share(server, row, "cpu utilisation", "utilisation.cpu");
  r.share(server, row, "memory utilisation", "utilisation.memory");
  r.number(server, row, "power watts", "power_watts", 1e6);
  r.number(server, row, "annual cost", "annual_cost", 1e12);
  r.ids(row, "apps",
        [&](const std::string& app_id, const std::string& app_name, const SourceLocation& where) {
          estate.link({{app_id, app_name, where}, {*id, name, sheet.at(row, key)}, {}, true});
        });
}

void read_dependency(Sheet& sheet, ImportedEstate& estate, Column key, const CsvRecord& row) {
  const Column dep_column = sheet.column({"depends on"});
  const Column coupling_column = sheet.column({"coupling"});
  const std::string name = sheet.text(row, key);
  const std::string dep_name = sheet.text(row, dep_column);
  const auto id = id_for(name, sheet.header_name(key), sheet.at(row, key), estate.sink());
  const auto dep = id_for(dep_name, "depends_on", sheet.at(row, dep_column), estate.sink());
  std::string coupling = lower(sheet.text(row, coupling_column));
  if (!coupling.empty() &&
      std::find(k_couplings.begin(), k_couplings.end(), coupling) == k_couplings.end()) {
    sheet.error(sheet.at(row, coupling_column), Code::bad_value,
                fmt::format("'coupling' is '{}'; expected prerequisite, hard or soft{}",
                            sheet.text(row, coupling_column), did_you_mean(coupling, k_couplings)));
    return;
  }
  if (!id || !dep) {
    return;
  }
  if (*id == *dep) {
    sheet.error(sheet.at(row, dep_column), Code::self_dependency,
                fmt::format("application '{}' cannot depend on itself", name));
    return;
  }
  estate.link({{*id, name, sheet.at(row, key)},
               {*dep, dep_name, sheet.at(row, dep_column)},
               coupling == "prerequisite" ? std::string() : coupling,
               false});
}

bool is_dependency_sheet(const Sheet& sheet) {
  if (!sheet.has("depends on")) {
    return false;
  }
  for (const std::string_view other : {"name"sv, "department"sv, "owner"sv, "servers"sv,
                                       "criticality"sv, "kind"sv, "tags"sv, "strategy"sv}) {
    if (sheet.has(other)) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::span<const std::string_view> generic_csv_columns() {
  static constexpr std::array k_columns = {"app"sv,
                                           "name"sv,
                                           "department"sv,
                                           "owner"sv,
                                           "criticality"sv,
                                           "users"sv,
                                           "usage_trend"sv,
                                           "kind"sv,
                                           "vendor"sv,
                                           "languages"sv,
                                           "runtime"sv,
                                           "database"sv,
                                           "end_of_support"sv,
                                           "servers"sv,
                                           "data_classification"sv,
                                           "data_size_gb"sv,
                                           "rto_hours"sv,
                                           "rpo_hours"sv,
                                           "saas_product"sv,
                                           "saas_fit"sv,
                                           "contract_supplier"sv,
                                           "contract_ends"sv,
                                           "contract_annual_cost"sv,
                                           "tags"sv,
                                           "strategy"sv,
                                           "reason"sv,
                                           "depends_on"sv,
                                           "coupling"sv,
                                           "server"sv,
                                           "site"sv,
                                           "rack"sv,
                                           "environment"sv,
                                           "os_family"sv,
                                           "os_name"sv,
                                           "os_version"sv,
                                           "os_end_of_support"sv,
                                           "cpu_cores"sv,
                                           "memory_gb"sv,
                                           "storage_gb"sv,
                                           "cpu_utilisation"sv,
                                           "memory_utilisation"sv,
                                           "power_watts"sv,
                                           "annual_cost"sv,
                                           "apps"sv};
  return k_columns;
}

void import_generic_sheet(Sheet& sheet, ImportedEstate& estate) {
  const Column server_key = sheet.column({"server", "server id"});
  const Column app_key = sheet.column({"app", "app id", "application", "application id"});
  if (!server_key && !app_key) {
    sheet.error({sheet.file(), 1, 1}, Code::missing_column,
                "a generic CSV sheet needs a column 'app' (applications; with 'depends_on' "
                "only, dependencies) or 'server' (servers); see docs/import.md or use --map" +
                    sheet.format_hint());
    return;
  }
  DefinedIds defined;
  const bool dependencies = !server_key && is_dependency_sheet(sheet);
  for (const CsvRecord& row : sheet.rows()) {
    if (!sheet.check_width(row)) {
      continue;
    }
    if (server_key) {
      read_server(sheet, estate, defined, server_key, row);
    } else if (dependencies) {
      read_dependency(sheet, estate, app_key, row);
    } else {
      read_application(sheet, estate, defined, app_key, row);
    }
  }
  const std::string_view kind = server_key     ? "servers"
                                : dependencies ? "dependencies"
                                               : "applications";
  note_sheet(estate, sheet, fmt::format("{} rows of {}", sheet.rows().size(), kind));
}

}  // namespace dcexit::detail
