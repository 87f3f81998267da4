// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// AWS Cloud Migration Factory intake CSV: one row per server, naming its application.
#include "base/text.hpp"
#include "import/formats.hpp"
#include "import/sheet.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

namespace dcexit::detail {

using namespace std::string_view_literals;

namespace {

// Migration Factory's r_type list and the strategy each means; TBC means no decision yet.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> k_r_types = {{
    {"retire", "retire"},
    {"retain", "retain"},
    {"relocate", "relocate"},
    {"rehost", "rehost"},
    {"repurchase", "repurchase"},
    {"replatform", "replatform"},
    {"rearchitect", "refactor"},
    {"refactor", "refactor"},
}};

std::optional<std::string> environment_of(std::string_view text) {
  const std::string value = lower(text);
  if (value == "prod" || value == "production" || value == "prd" || value == "live") {
    return "production";
  }
  constexpr std::array k_non_production = {
      "dev"sv,     "development"sv, "test"sv,           "testing"sv,  "qa"sv,      "uat"sv,
      "stage"sv,   "staging"sv,     "preprod"sv,        "pre-prod"sv, "sit"sv,     "dr"sv,
      "nonprod"sv, "non-prod"sv,    "non-production"sv, "sandbox"sv,  "training"sv};
  if (std::find(k_non_production.begin(), k_non_production.end(), value) !=
      k_non_production.end()) {
    return "non-production";
  }
  return std::nullopt;
}

struct MfColumns {
  Column app;
  Column server;
  Column os_family;
  Column os_version;
  Column fqdn;
  Column tier;
  Column environment;
  Column r_type;
  Column wave;
  Column tags;
};

void set_strategy(Sheet& sheet, ImportedEstate& estate, ImportedEntity& app, const CsvRecord& row,
                  Column column) {
  const std::string r_type = sheet.text(row, column);
  if (r_type.empty() || lower(r_type) == "tbc") {
    return;
  }
  const SourceLocation where = sheet.at(row, column);
  for (const auto& [name, strategy] : k_r_types) {
    if (name == lower(r_type)) {
      estate.set_plain(app, "decision.strategy", std::string(strategy), where);
      estate.set(app, "decision.reason",
                 fmt::format("r_type {} in the Migration Factory intake {}", r_type, sheet.file()),
                 where);
      return;
    }
  }
  std::vector<std::string_view> names;
  names.reserve(k_r_types.size());
  for (const auto& entry : k_r_types) {
    names.push_back(entry.first);
  }
  sheet.error(where, Code::bad_value,
              fmt::format("'r_type' is '{}'; expected one of Retire, Retain, Relocate, Rehost, "
                          "Repurchase, Replatform, Rearchitect, TBC{}",
                          r_type, did_you_mean(lower(r_type), names)));
}

void import_row(Sheet& sheet, ImportedEstate& estate, DefinedIds& defined, const MfColumns& c,
                const CsvRecord& row, std::map<std::string, SourceLocation>& fqdns) {
  const std::string server_name = sheet.text(row, c.server);
  const std::string app_name = sheet.text(row, c.app);
  const auto server_id = id_for(server_name, "server_name", sheet.at(row, c.server), estate.sink());
  const auto app_id = id_for(app_name, "app_name", sheet.at(row, c.app), estate.sink());
  if (!server_id || !app_id ||
      !defined.first(EntityKind::server, *server_id, server_name, sheet.at(row, c.server),
                     estate.sink())) {
    return;
  }
  ImportedEntity& server = estate.get(EntityKind::server, *server_id, sheet.at(row, c.server));
  const std::string family = lower(sheet.text(row, c.os_family));
  if (!family.empty()) {
    estate.set_plain(server, "os.family", make_id(family), sheet.at(row, c.os_family));
  }
  if (const std::string version = sheet.text(row, c.os_version); !version.empty()) {
    estate.set(server, "os.name", version, sheet.at(row, c.os_version));
  }
  if (const std::string env = sheet.text(row, c.environment); !env.empty()) {
    if (const auto environment = environment_of(env)) {
      estate.set_plain(server, "environment", *environment, sheet.at(row, c.environment));
    } else {
      sheet.error(sheet.at(row, c.environment), Code::bad_value,
                  fmt::format("'server_environment' is '{}'; expected prod or production, or "
                              "dev, test, qa, uat, staging, preprod, dr, nonprod",
                              env));
    }
  }
  std::vector<std::string> notes;
  if (const std::string fqdn = lower(sheet.text(row, c.fqdn)); !fqdn.empty()) {
    notes.push_back("fqdn " + fqdn);
    const auto [it, inserted] = fqdns.emplace(fqdn, sheet.at(row, c.fqdn));
    if (!inserted) {
      sheet.warning(sheet.at(row, c.fqdn), Code::duplicate_value,
                    fmt::format("server_fqdn '{}' is also given at line {}; two servers cannot "
                                "have one name",
                                fqdn, it->second.line));
    }
  }
  if (const std::string tier = sheet.text(row, c.tier); !tier.empty()) {
    notes.push_back("tier " + tier);
  }
  if (const std::string tags = sheet.text(row, c.tags); !tags.empty()) {
    notes.push_back("tags " + join(split_list(tags), "; "));
  }
  if (!notes.empty()) {
    server.notes.push_back(join(notes, "; "));
  }
  ImportedEntity& app = estate.get(EntityKind::application, *app_id, sheet.at(row, c.app));
  estate.set(app, "name", app_name, sheet.at(row, c.app));
  estate.add_server(app, *server_id, sheet.at(row, c.app));
  set_strategy(sheet, estate, app, row, c.r_type);
  if (const std::string wave = sheet.text(row, c.wave); !wave.empty()) {
    const std::string note =
        fmt::format("Migration Factory wave '{}' (dcexit plans its own waves)", wave);
    ImportedEstate::add_unique(app.notes, note);
  }
}

}  // namespace

void import_aws_mf(const ImportSource& source, ImportedEstate& estate) {
  Sheet sheet(source, estate.sink());
  if (!sheet.ok()) {
    return;
  }
  MfColumns c;
  c.app = sheet.require({"app name"}, "app_name");
  c.server = sheet.require({"server name"}, "server_name");
  c.os_family = sheet.column({"server os family"});
  c.os_version = sheet.column({"server os version"});
  c.fqdn = sheet.column({"server fqdn"});
  c.tier = sheet.column({"server tier"});
  c.environment = sheet.column({"server environment"});
  c.r_type = sheet.column({"r type"});
  c.wave = sheet.column({"wave name", "wave id"});
  c.tags = sheet.column({"tags"});
  if (!c.app || !c.server) {
    return;
  }
  DefinedIds defined;
  std::map<std::string, SourceLocation> fqdns;
  std::size_t servers = 0;
  for (const CsvRecord& row : sheet.rows()) {
    if (sheet.check_width(row)) {
      import_row(sheet, estate, defined, c, row, fqdns);
      ++servers;
    }
  }
  note_sheet(estate, sheet, fmt::format("{} server rows", servers));
}

}  // namespace dcexit::detail
