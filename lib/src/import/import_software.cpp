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

// The item a row gives ("Oracle Database 12.1.0.2"), empty when it is not worth keeping.
std::string item_of(Sheet& sheet, const CsvRecord& row) {
  const auto text = [&](std::initializer_list<std::string_view> names) {
    return sheet.text(row, sheet.column(names));
  };
  const auto joined = [](std::vector<std::string> parts) {
    std::erase(parts, std::string());
    return join(parts, " ");
  };
  if (sheet.has("instance name")) {  // SQLServer: every instance is kept
    const std::string edition = text({"edition"});
    return joined({"SQL Server", text({"version"}), edition.empty() ? "" : "(" + edition + ")",
                   text({"instance name"})});
  }
  if (sheet.has("database type")) {  // OtherDatabases: every database is kept
    return joined({text({"database type"}), text({"version"})});
  }
  if (sheet.has("feature")) {  // FeaturesAndRoles: the roles above
    const std::string feature = lower(text({"feature"}));
    const auto role = std::find_if(k_roles.begin(), k_roles.end(),
                                   [&](const auto& r) { return r.first == feature; });
    return role != k_roles.end() && lower(text({"type"})) == "role" ? std::string(role->second)
                                                                    : std::string();
  }
  const std::string product = text({"application", "software", "name"});
  return kept(product) ? joined({product, text({"version"})}) : std::string();
}

}  // namespace

void import_software_sheet(Sheet& sheet, ImportedEstate& estate) {
  const Column machine =
      sheet.require({"machinename", "machine name", "machine", "server name"}, "MachineName");
  if (!machine) {
    return;
  }
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
    if (std::string item = item_of(sheet, row); !item.empty()) {
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
