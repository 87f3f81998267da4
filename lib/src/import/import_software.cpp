// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Software inventories (Azure Migrate's Application Inventory export): what runs on which
// machine. What matters to an assessment and a business case - database engines and their
// editions, web and application servers, SAP, Java, Exchange, SharePoint - goes onto the
// servers other sources define, as `software`; desktop tools, updates and drivers are counted,
// not kept. Applications are never made from it.
#include "base/glob.hpp"
#include "base/text.hpp"
#include "import/formats.hpp"
#include "import/sheet.hpp"

#include <fmt/format.h>

#include <array>

namespace dcexit::detail {

namespace {

using namespace std::string_view_literals;

// Installed products worth keeping (globs, ignoring case): engines, servers and runtimes, not
// their client tools, shared files or updates.
constexpr std::array k_kept = {
    "SQL Server 20?? Database Engine Services"sv,
    "SQL Server 20?? R2 Database Engine Services"sv,
    "SQL Server 20?? Analysis Services"sv,
    "SQL Server 20?? R2 Analysis Services"sv,
    "SQL Server 20?? Reporting Services"sv,
    "SQL Server 20?? R2 Reporting Services"sv,
    "SQL Server 20?? Integration Services"sv,
    "SQL Server 20?? R2 Integration Services"sv,
    "Microsoft SharePoint Server*"sv,
    "Microsoft Exchange Server*"sv,
    "Microsoft BizTalk Server*"sv,
    "Microsoft Dynamics*"sv,
    "Oracle Database*"sv,
    "Oracle WebLogic*"sv,
    "IBM WebSphere*"sv,
    "IBM DB2*"sv,
    "SAP *"sv,
    "Apache Tomcat*"sv,
    "tomcat"sv,
    "tomcat?"sv,
    "JBoss*"sv,
    "WildFly*"sv,
    "java-*-openjdk"sv,
    "Java * Update *"sv,
    "Java(TM) SE*"sv,
    "mysql-server"sv,
    "MySQL Server*"sv,
    "postgresql*-server"sv,
    "PostgreSQL *"sv,
    "MongoDB*"sv,
    "httpd"sv,
    "nginx"sv,
    "Citrix XenApp*"sv,
    "Citrix Virtual Apps*"sv,
};

// Windows roles worth keeping (FeaturesAndRoles, Type Role), with their common names.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> k_roles = {{
    {"web-server", "IIS (Web-Server role)"},
    {"application-server", "Application Server role"},
    {"ad-domain-services", "Active Directory Domain Services"},
    {"remote-desktop-services", "Remote Desktop Services"},
    {"print-services", "Print Services"},
    {"hyper-v", "Hyper-V"},
}};

bool kept(std::string_view product) {
  return std::any_of(k_kept.begin(), k_kept.end(),
                     [&](std::string_view glob) { return glob_matches(glob, product); });
}

// The columns of one of the export's sheets, found once: its kind from which it has.
struct SoftwareColumns {
  enum class Kind : std::uint8_t { applications, sql_server, databases, features };
  Kind kind = Kind::applications;
  Column product;  // Application, Database Type or Feature
  Column version;
  Column edition;
  Column instance;
  Column type;

  explicit SoftwareColumns(Sheet& sheet) : version(sheet.column({"version"})) {
    if ((instance = sheet.column({"instance name"}))) {
      kind = Kind::sql_server;
      edition = sheet.column({"edition"});
    } else if ((product = sheet.column({"database type"}))) {
      kind = Kind::databases;
    } else if ((product = sheet.column({"feature"}))) {
      kind = Kind::features;
      type = sheet.column({"type"});
    } else {
      product = sheet.column({"application", "software", "name"});
    }
  }
};

std::string joined(std::vector<std::string> parts) {
  std::erase(parts, std::string());
  return join(parts, " ");
}

// The item a row gives ("Oracle Database 12.1.0.2"), empty when it is not worth keeping.
std::string item_of(const Sheet& sheet, const SoftwareColumns& c, const CsvRecord& row) {
  const std::string product = sheet.text(row, c.product);
  switch (c.kind) {
    case SoftwareColumns::Kind::sql_server: {  // every instance is kept
      const std::string edition = sheet.text(row, c.edition);
      return joined({"SQL Server", sheet.text(row, c.version),
                     edition.empty() ? "" : "(" + edition + ")", sheet.text(row, c.instance)});
    }
    case SoftwareColumns::Kind::databases:  // every database is kept
      return joined({product, sheet.text(row, c.version)});
    case SoftwareColumns::Kind::features: {  // the roles above
      const std::string feature = lower(product);
      const auto role = std::find_if(k_roles.begin(), k_roles.end(),
                                     [&](const auto& r) { return r.first == feature; });
      return role != k_roles.end() && lower(sheet.text(row, c.type)) == "role"
                 ? std::string(role->second)
                 : std::string();
    }
    case SoftwareColumns::Kind::applications:
      break;
  }
  return kept(product) ? joined({product, sheet.text(row, c.version)}) : std::string();
}

}  // namespace

void import_software_sheet(Sheet& sheet, ImportedEstate& estate) {
  const Column machine =
      sheet.require({"machinename", "machine name", "machine", "server name"}, "MachineName");
  if (!machine) {
    return;
  }
  const SoftwareColumns columns(sheet);
  std::size_t rows = 0;
  std::size_t items = 0;
  for (const CsvRecord& row : sheet.rows()) {
    if (!sheet.check_width(row)) {
      continue;
    }
    ++rows;
    const std::string name = sheet.text(row, machine);
    if (name.empty()) {
      sheet.error(sheet.at(row, machine), Code::missing_value, "'MachineName' is empty");
      continue;
    }
    if (std::string item = item_of(sheet, columns, row); !item.empty()) {
      estate.add_software(name, std::move(item), sheet.at(row, machine));
      ++items;
    }
  }
  note_sheet(estate, sheet,
             fmt::format("software inventory, {} rows: {} kept as servers' software, the rest "
                         "(client tools, shared files, updates, drivers) not imported",
                         rows, items));
}

}  // namespace dcexit::detail
