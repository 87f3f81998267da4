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
  Column status;  // migration_status (a server's) or wave_status (its wave's)
  Column date;    // a cut-over date, where the sheet has one
};

// Where one server's move stands, by Migration Factory's words (its published schema:
// wave_status Not started, Planning, In progress, Completed, Blocked; migration_status free).
enum class MfStatus : std::uint8_t { planned, in_progress, done, rolled_back };

MfStatus status_of(std::string_view text) {
  const std::string value = lower(text);
  const auto has = [&](std::string_view word) { return value.find(word) != std::string::npos; };
  if (has("roll") || has("fail") || has("revert")) {
    return MfStatus::rolled_back;
  }
  if (has("complete") || has("done") || has("migrated") || has("finished")) {
    return MfStatus::done;
  }
  if (has("not started") || has("planning") || has("blocked") || value.empty()) {
    return MfStatus::planned;
  }
  return MfStatus::in_progress;  // in progress, started, replicating, testing, cutover…
}

// What the rows say of one application: each server's status, its wave and a date.
struct AppProgress {
  std::vector<MfStatus> servers;
  std::string wave;  // as written
  std::optional<std::uint32_t> wave_number;
  std::string date;         // YYYY-MM-DD, the latest given
  SourceLocation where;     // of its first status
  std::string status_text;  // as written, the first
};

// "Wave 3", "3", "wave-12": the number it ends with.
std::optional<std::uint32_t> wave_number(std::string_view text) {
  std::size_t end = text.size();
  while (end > 0 && text[end - 1] == ' ') {
    --end;
  }
  std::size_t start = end;
  while (start > 0 && text[start - 1] >= '0' && text[start - 1] <= '9') {
    --start;
  }
  if (start == end || end - start > 5) {
    return std::nullopt;
  }
  std::uint32_t n = 0;
  for (std::size_t i = start; i < end; ++i) {
    n = n * 10 + static_cast<std::uint32_t>(text[i] - '0');
  }
  return n == 0 ? std::nullopt : std::optional(n);
}

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

// A server's OS and environment from its row.
void server_fields(Sheet& sheet, ImportedEstate& estate, ImportedEntity& server, const MfColumns& c,
                   const CsvRecord& row) {
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
}

// What the inventory has no key for, as a server's note: its FQDN (warned when two servers
// share one), tier and tags.
void server_notes(Sheet& sheet, ImportedEntity& server, const MfColumns& c, const CsvRecord& row,
                  std::map<std::string, SourceLocation>& fqdns) {
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
}

// The row's server status, wave and cut-over day, gathered for its app.
void row_progress(Sheet& sheet, const MfColumns& c, const CsvRecord& row, const std::string& wave,
                  AppProgress& p) {
  const std::string status = sheet.text(row, c.status);
  if (p.servers.empty()) {
    p.where = sheet.at(row, c.status);
    p.status_text = status;
  }
  p.servers.push_back(status_of(status));
  if (!wave.empty()) {
    p.wave = wave;
    p.wave_number = wave_number(wave);
  }
  const std::string date = sheet.text(row, c.date);
  if (date.size() < 10) {
    return;
  }
  const std::string day = date.substr(0, 10);  // a timestamp's day
  if (Date::parse(day)) {
    p.date = std::max(p.date, day);
    return;
  }
  sheet.warning(sheet.at(row, c.date), Code::bad_date,
                Date::is_calendar_day(day)
                    ? fmt::format("'{}' is outside the years {} to {} an inventory "
                                  "takes: the cut-over date is left out",
                                  date, Date::k_first_input_year, Date::k_last_input_year)
                    : fmt::format("'{}' is not a date (YYYY-MM-DD): the cut-over date is "
                                  "left out",
                                  date));
}

void import_row(Sheet& sheet, ImportedEstate& estate, DefinedIds& defined, const MfColumns& c,
                const CsvRecord& row, std::map<std::string, SourceLocation>& fqdns,
                std::map<std::string, AppProgress>& progress) {
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
  server_fields(sheet, estate, server, c, row);
  server_notes(sheet, server, c, row, fqdns);
  ImportedEntity& app = estate.get(EntityKind::application, *app_id, sheet.at(row, c.app));
  estate.set(app, "name", app_name, sheet.at(row, c.app));
  estate.add_server(app, *server_id, sheet.at(row, c.app));
  set_strategy(sheet, estate, app, row, c.r_type);
  const std::string wave = sheet.text(row, c.wave);
  if (!wave.empty()) {
    const std::string note =
        fmt::format("Migration Factory wave '{}' (dcexit plans its own waves)", wave);
    ImportedEstate::add_unique(app.notes, note);
  }
  if (c.status) {
    row_progress(sheet, c, row, wave, progress[*app_id]);
  }
}

// An app is done when all its servers are, rolled back when one is, in progress when any has
// started; a done app needs its cut-over date, an app in progress the wave it is locked into
// (Migration Factory's wave number, as a dcexit wave: docs/import.md).
void set_progress(ImportedEstate& estate, Sheet& sheet, const std::string& id,
                  const AppProgress& p) {
  const auto all = [&](MfStatus s) {
    return std::all_of(p.servers.begin(), p.servers.end(), [&](MfStatus x) { return x == s; });
  };
  const auto any = [&](MfStatus s) {
    return std::find(p.servers.begin(), p.servers.end(), s) != p.servers.end();
  };
  ImportedEntity& app = estate.get(EntityKind::application, id, p.where);
  if (all(MfStatus::planned)) {
    return;
  }
  if (any(MfStatus::rolled_back)) {
    estate.set_plain(app, "progress.status", "rolled-back", p.where);
    if (!p.date.empty()) {
      estate.set_plain(app, "progress.date", p.date, p.where);
    }
    return;
  }
  if (all(MfStatus::done)) {
    if (p.date.empty()) {
      sheet.warning(p.where, Code::missing_value,
                    fmt::format("application '{}' is '{}' in Migration Factory but the sheet "
                                "gives no cut-over date: its progress is left out; record it "
                                "as done with its date",
                                id, p.status_text));
      return;
    }
    estate.set_plain(app, "progress.status", "done", p.where);
    estate.set_plain(app, "progress.date", p.date, p.where);
    return;
  }
  if (!p.wave_number) {
    sheet.warning(p.where, Code::missing_value,
                  fmt::format("application '{}' is in progress in Migration Factory but the "
                              "sheet gives no wave number: its progress is left out",
                              id));
    return;
  }
  estate.set_plain(app, "progress.status", "in-progress", p.where);
  estate.set_plain(app, "progress.wave", std::to_string(*p.wave_number), p.where);
}

}  // namespace

void import_aws_mf_sheet(Sheet& sheet, ImportedEstate& estate) {
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
  c.status = sheet.column({"migration status", "wave status", "status"});
  c.date = sheet.column({"cutover date", "migration date", "cutover time", "wave start time"});
  if (!c.app || !c.server) {
    return;
  }
  DefinedIds defined;
  std::map<std::string, SourceLocation> fqdns;
  std::map<std::string, AppProgress> progress;
  std::size_t servers = 0;
  for (const CsvRecord& row : sheet.rows()) {
    if (sheet.check_width(row)) {
      import_row(sheet, estate, defined, c, row, fqdns, progress);
      ++servers;
    }
  }
  for (const auto& [id, p] : progress) {
    set_progress(estate, sheet, id, p);
  }
  note_sheet(estate, sheet, fmt::format("{} server rows", servers));
}

}  // namespace dcexit::detail
