// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// `dcexit import` on the real files in ../shared/real-data/inventories and on small fixtures.
#include "import/imported_estate.hpp"
#include "test_support.hpp"

#include <dcexit/import.hpp>
#include <dcexit/plan.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <regex>

using namespace dcexit;
namespace fs = std::filesystem;

namespace {

fs::path real(const std::string& relative) {
  return test::shared_dir() / "real-data" / "inventories" / relative;
}
fs::path fixture(const std::string& name) {
  return test::source_dir() / "tests" / "fixtures" / "import" / name;
}

// A source named by its path relative to `base`, so messages do not depend on the checkout.
ImportSource source(ImportFormat format, const fs::path& path, const std::string& name) {
  return {format, name, test::read_file(path)};
}
ImportSource shared(ImportFormat format, const std::string& relative) {
  return source(format, real(relative), relative);
}
ImportSource local(ImportFormat format, const std::string& name) {
  return source(format, fixture(name), name);
}

ImportOptions options() {
  ImportOptions o;
  o.today = Date::from_civil(2026, 11, 24);
  return o;
}

struct Imported {
  std::optional<ImportResult> result;
  DiagnosticSink sink;
  std::vector<std::string> lines() { return test::lines(sink); }
  // The output read back by the inventory loader; it must have no error.
  test::Loaded load() const {
    REQUIRE(result);
    test::Loaded loaded = test::load_text(result->yaml, "imported.yaml");
    for (const Diagnostic& d : loaded.diagnostics.all()) {
      INFO(format_text(d));
      CHECK(d.severity != Severity::error);
    }
    return loaded;
  }
};

Imported run(const std::vector<ImportSource>& sources, const ImportOptions& o = options()) {
  Imported imported;
  imported.result = import_estate(sources, o, imported.sink);
  return imported;
}

const Application& app(const Inventory& inv, std::string_view id) {
  const auto index = inv.find_application(id);
  REQUIRE(index);
  return inv.applications[*index];
}
const Server& server(const Inventory& inv, std::string_view id) {
  const auto index = inv.find_server(id);
  REQUIRE(index);
  return inv.servers[*index];
}
std::vector<std::string> ids(const std::vector<Application>& apps) {
  std::vector<std::string> out;
  for (const Application& a : apps) {
    out.push_back(a.id);
  }
  return out;
}
std::vector<std::string> dependency_ids(const Inventory& inv, const Application& a) {
  std::vector<std::string> out;
  for (const Dependency& d : a.depends_on) {
    out.push_back(inv.applications[d.app].id);
  }
  return out;
}

using Lines = std::vector<std::string>;

// The output with comments that were wrapped over several lines joined into one.
std::string flat(const std::string& yaml) {
  static const std::regex k_continuation("\n *#(   +)");
  return std::regex_replace(yaml, k_continuation, " ");
}

}  // namespace

TEST_CASE("import: ids are made from names", "[import]") {
  CHECK(make_id("Order Hub ") == "order-hub");
  CHECK(make_id(" Order Hub") == "order-hub");
  CHECK(make_id("C# ASP .Net") == "c-asp-net");
  CHECK(make_id("server1.example.local") == "server1.example.local");
  CHECK(make_id("10.17.135.71") == "10.17.135.71");
  CHECK(make_id("Unit testing App 1") == "unit-testing-app-1");
  CHECK(make_id("__x__") == "x");
  CHECK(make_id("ΑΒΓ").empty());
  CHECK(make_id(std::string(300, 'a')).size() == 128);
}

TEST_CASE("import: every real file's format is told from its header", "[import]") {
  const std::vector<std::pair<std::string, ImportFormat>> files = {
      {"kubev2v-rvtools/rvtools_example1_vInfo.csv", ImportFormat::rvtools},
      {"kubev2v-rvtools/rvtools_example1_vHost.csv", ImportFormat::rvtools},
      {"konveyor/tackle2-ui_template_application_import.csv", ImportFormat::konveyor},
      {"konveyor/tackle-app-inventory_dependency_import.csv", ImportFormat::konveyor},
      {"konveyor/tackle-app-inventory_mixed_case_column_headers.csv", ImportFormat::konveyor},
      {"aws-cmf/server-list.csv", ImportFormat::aws_mf},
      {"aws-cmf/test_valid.csv", ImportFormat::aws_mf},
      {"aws-cmf/0-intake-form_2021.csv", ImportFormat::aws_mf},
      {"import-templates/aws_migration_hub_import_template_header.csv", ImportFormat::aws_mh},
      {"import-templates/azure_migrate_import_header_UNVERIFIED.csv", ImportFormat::azure_migrate},
      {"cast-highlight/cast_highlight_analysisResults.csv", ImportFormat::cast},
  };
  for (const auto& [name, format] : files) {
    INFO(name);
    CHECK(detect_import_format(test::read_file(real(name))) == format);
  }
  CHECK(detect_import_format(test::read_file(fixture("catalog-info.yaml"))) ==
        ImportFormat::backstage);
  CHECK(detect_import_format(test::read_file(fixture("dependencies.csv"))) == ImportFormat::csv);
  CHECK(detect_import_format(test::read_file(fixture("servers.csv"))) == ImportFormat::csv);
  // Konveyor's invalid-schema file lacks its record type: it looks like nothing known.
  CHECK_FALSE(detect_import_format(
      test::read_file(real("konveyor/tackle-ui-tests_invalid_schema_21.csv"))));
  CHECK_FALSE(detect_import_format(test::read_file(real("aws-cmf/0-import-tags_2021.csv"))));
  CHECK_FALSE(detect_import_format(""));
  CHECK_FALSE(detect_import_format("\n\n,,\n"));
  CHECK(detect_import_format("\xEF\xBB\xBF\n\"app\",name\n") == ImportFormat::csv);
}

TEST_CASE("import: Konveyor's sample application sheets", "[import]") {
  SECTION("tackle2-hub template: applications, tags and two southbound dependencies") {
    Imported imported = run(
        {shared(ImportFormat::konveyor, "konveyor/tackle2-hub_template_application_import.csv")});
    CHECK(imported.lines().empty());
    const test::Loaded loaded = imported.load();
    const Inventory& inv = loaded.inventory;
    CHECK(ids(inv.applications) == Lines{"customers", "gateway", "inventory"});
    const Application& gateway = app(inv, "gateway");
    CHECK(gateway.name == "Gateway");
    CHECK(gateway.department == "Retail");
    CHECK(gateway.owner == "John Doe <jdoe@example.com>");
    CHECK(gateway.technology.languages == Lines{"java"});
    CHECK(gateway.technology.runtime == "Spring Boot");
    CHECK(gateway.tags == Lines{"operating-system:rhel-8"});
    // Southbound: the gateway uses inventory and customers.
    CHECK(dependency_ids(inv, gateway) == Lines{"customers", "inventory"});
    CHECK(app(inv, "customers").technology.database == "Oracle");
    CHECK(flat(imported.result->yaml)
              .find("    # repository: git https://git-acme.local/customers.git\n") !=
          std::string::npos);
  }
  SECTION("Food2Go: a blank row in the middle, an Application Type tag") {
    Imported imported = run({shared(
        ImportFormat::konveyor, "konveyor/tackle-app-inventory_sample_application_import.csv")});
    CHECK(imported.lines().empty());
    const test::Loaded loaded = imported.load();
    const Inventory& inv = loaded.inventory;
    CHECK(inv.applications.size() == 7);
    CHECK(app(inv, "beancounter").kind == AppKind::cots);
    CHECK(app(inv, "pocketmoney").technology.languages == Lines{"cobol"});
    CHECK(app(inv, "pocketmoney").tags == Lines{"operating-system:z-os"});
    CHECK(app(inv, "smokesignal").tags == Lines{"datacentre:london-uk", "operating-system:rhel-8"});
    CHECK(flat(imported.result->yaml).find("1 blank row skipped") != std::string::npos);
  }
  SECTION("mixed-case headers read like the others") {
    Imported mixed = run({shared(ImportFormat::konveyor,
                                 "konveyor/tackle-app-inventory_mixed_case_column_headers.csv")});
    CHECK(mixed.lines().empty());
    const test::Loaded loaded = mixed.load();
    CHECK(app(loaded.inventory, "despatcher").department == "Foot2Go");
  }
  SECTION("tackle2-ui template: a blank before an opening quote, a quoted list of contributors") {
    Imported imported = run(
        {shared(ImportFormat::konveyor, "konveyor/tackle2-ui_template_application_import.csv")});
    CHECK(imported.lines().empty());
    const test::Loaded loaded = imported.load();
    CHECK(app(loaded.inventory, "customer-management").owner ==
          "Alex Johnson <alex.johnson@example.com>");
    CHECK(flat(imported.result->yaml)
              .find("    # contributors: Sam Taylor <sam.taylor@example.com>, "
                    "Jamie Lee <jamie.lee@example.com>\n") != std::string::npos);
  }
  SECTION("the tackle-ui-tests sheets that are valid import whole") {
    for (const char* name : {"konveyor/tackle-ui-tests_valid_application_rows.csv",
                             "konveyor/tackle-ui-tests_mandatory_and_empty_rows.csv",
                             "konveyor/tackle-ui-tests_non_existing_tags_business_service_rows.csv",
                             "konveyor/tackle-ui-tests_desc_comments_char_limit_rows.csv",
                             "konveyor/tackle2-ui_sample-applications.csv"}) {
      INFO(name);
      Imported imported = run({shared(ImportFormat::konveyor, name)});
      CHECK(imported.lines().empty());
      CHECK(imported.load().inventory.applications.size() >= 2);
    }
  }
}

TEST_CASE("import: Konveyor's deliberately broken sheets give every problem at once", "[import]") {
  const auto problems = [](const char* name) {
    Imported imported = run({shared(ImportFormat::konveyor, name)});
    CHECK_FALSE(imported.result);
    return imported.lines();
  };
  CHECK(problems("konveyor/tackle-app-inventory_dependency_import.csv") ==
        Lines{"konveyor/tackle-app-inventory_dependency_import.csv:5:23: warning: dependency "
              "cycle: orderhub -> orderhubdependency -> orderhubdependency2 -> orderhub; these "
              "applications will move in one wave [dependency-cycle]",
              "konveyor/tackle-app-inventory_dependency_import.csv:8:43: error: 'Dependency "
              "Direction' is 'TO'; expected northbound (the dependency uses the application) or "
              "southbound (the application uses the dependency) [bad-value]",
              "konveyor/tackle-app-inventory_dependency_import.csv:9:23: error: application "
              "'OrderHub' cannot depend on itself [self-dependency]",
              "konveyor/tackle-app-inventory_dependency_import.csv:10:3: error: no source defines "
              "application 'Home Banking BU' [unknown-reference]",
              "konveyor/tackle-app-inventory_dependency_import.csv:10:30: error: no source "
              "defines application 'Online Investments service' [unknown-reference]"});
  CHECK(problems("konveyor/tackle-app-inventory_duplicate_application_names.csv") ==
        Lines{"konveyor/tackle-app-inventory_duplicate_application_names.csv:5:3: error: "
              "application 'Order Hub' (id 'order-hub') is already defined at "
              "konveyor/tackle-app-inventory_duplicate_application_names.csv:2:3 [duplicate-id]"});
  CHECK(
      problems("konveyor/tackle-app-inventory_only_dependencies_imported.csv") ==
      Lines{"konveyor/tackle-app-inventory_only_dependencies_imported.csv:2:23: error: "
            "'Dependency' is empty [missing-value]",
            "konveyor/tackle-app-inventory_only_dependencies_imported.csv:3:3: error: "
            "'Application Name' is empty [missing-value]",
            "konveyor/tackle-app-inventory_only_dependencies_imported.csv:4:3: error: no "
            "source defines application 'OrderHub' [unknown-reference]",
            "konveyor/tackle-app-inventory_only_dependencies_imported.csv:4:23: error: no "
            "source defines application 'OrderHubDependency' [unknown-reference]",
            "konveyor/tackle-app-inventory_only_dependencies_imported.csv:5:42: error: "
            "'Dependency Direction' is empty; expected northbound or southbound [missing-value]"});
  CHECK(problems("konveyor/tackle-ui-tests_invalid_record_type_21.csv") ==
        Lines{"konveyor/tackle-ui-tests_invalid_record_type_21.csv:2:1: error: record type is "
              "'3'; expected 1 (an application) or 2 (a dependency) [bad-value]",
              "konveyor/tackle-ui-tests_invalid_record_type_21.csv:3:1: error: record type is "
              "'100'; expected 1 (an application) or 2 (a dependency) [bad-value]"});
  CHECK(problems("konveyor/tackle-ui-tests_invalid_schema_21.csv") ==
        Lines{"konveyor/tackle-ui-tests_invalid_schema_21.csv:1:1: error: no 'Record Type 1' "
              "column [missing-column]"});
  CHECK(problems("konveyor/tackle-ui-tests_missing_application_name.csv") ==
        Lines{"konveyor/tackle-ui-tests_missing_application_name.csv:2:3: error: 'Application "
              "Name' is empty [missing-value]"});
}

TEST_CASE("import: an RVTools vInfo and vHost export", "[import]") {
  Imported imported =
      run({shared(ImportFormat::rvtools, "kubev2v-rvtools/rvtools_example1_vInfo.csv"),
           shared(ImportFormat::rvtools, "kubev2v-rvtools/rvtools_example1_vHost.csv")});
  CHECK(imported.lines().empty());
  const test::Loaded loaded = imported.load();
  const Inventory& inv = loaded.inventory;
  REQUIRE(inv.servers.size() == 9);
  REQUIRE(inv.sites.size() == 2);
  CHECK(inv.sites[0].id == "datacenter");
  CHECK(inv.sites[1].id == "dc");  // vm-9's row names no datacenter
  const Server& vm1 = server(inv, "vm-1");
  CHECK(vm1.kind == ServerKind::virtual_machine);
  CHECK(vm1.os.family == "linux");
  CHECK(vm1.os.name == "Amazon Linux 2 (64-bit)");
  CHECK(vm1.cpu_cores == 1);
  CHECK(vm1.memory_gb == Approx(2.33));     // 2,224 MiB
  CHECK(vm1.storage_gb == Approx(105.38));  // 100,494 MiB of disk capacity
  // The VMware Tools' view of the OS wins over the configuration file's.
  CHECK(server(inv, "vm-3").os.name == "Debian GNU/Linux 9 (64-bit)");
  CHECK(inv.sites[inv.servers[8].site].id == "dc");
  const std::string yaml = flat(imported.result->yaml);
  CHECK(yaml.find("    # cluster Cluster; host 10.185.26.9; powered off: still needed?\n") !=
        std::string::npos);
  CHECK(yaml.find("# kubev2v-rvtools/rvtools_example1_vHost.csv:2: ESXi host 10.17.135.71 (HPE "
                  "ProLiant DL380 Gen10, Intel(R) Xeon(R) Gold 5218 CPU @ 2.30GHz, 32 cores, 275 "
                  "GB memory, 45 VMs) in Datacenter / Cluster") != std::string::npos);
  CHECK(imported.result->counts.servers_without_app == 9);
}

TEST_CASE("import: RVTools' workbook gives the inventory its CSV sheets give", "[import][xlsx]") {
  // The CSV sheets named as the workbook's sheets are, so that every comment can be equal too.
  const std::string book = "kubev2v-rvtools/rvtools_example1.xlsx";
  Imported from_book = run({shared(ImportFormat::rvtools, book)});
  Imported from_csv =
      run({source(ImportFormat::rvtools, real("kubev2v-rvtools/rvtools_example1_vInfo.csv"),
                  book + "[vInfo]"),
           source(ImportFormat::rvtools, real("kubev2v-rvtools/rvtools_example1_vHost.csv"),
                  book + "[vHost]")});
  REQUIRE(from_book.result);
  REQUIRE(from_csv.result);
  CHECK(from_book.lines() == from_csv.lines());
  CHECK(from_book.result->yaml == from_csv.result->yaml);
  CHECK(from_book.load().inventory.servers.size() == 9);
}

TEST_CASE("import: AWS Migration Factory intake sheets", "[import]") {
  SECTION("server-list: servers, applications, r_type as the decision, a duplicated fqdn") {
    Imported imported = run({shared(ImportFormat::aws_mf, "aws-cmf/server-list.csv")});
    CHECK(imported.lines() ==
          Lines{"aws-cmf/server-list.csv:9:84: warning: server_fqdn 'server6.example.local' is "
                "also given at line 7; two servers cannot have one name [duplicate-value]"});
    const test::Loaded loaded = imported.load();
    const Inventory& inv = loaded.inventory;
    CHECK(inv.servers.size() == 8);
    CHECK(ids(inv.applications) == Lines{"app01-hr", "app02-sales", "app03-sales"});
    const Application& hr = app(inv, "app01-hr");
    REQUIRE(hr.decision);
    CHECK(hr.decision->strategy == Strategy::rehost);
    CHECK(hr.servers.size() == 2);
    CHECK(server(inv, "server1").environment == Environment::non_production);
    CHECK(server(inv, "server3").environment == Environment::production);
    CHECK(server(inv, "server7").os.family == "linux");
    CHECK(server(inv, "server7").os.name == "Red Hat Enterprise Linux 7");
  }
  SECTION("test_valid: a byte-order mark before the header") {
    Imported imported = run({shared(ImportFormat::aws_mf, "aws-cmf/test_valid.csv")});
    CHECK(imported.lines().empty());
    const test::Loaded loaded = imported.load();
    CHECK(app(loaded.inventory, "unit-testing-app-1").name == "Unit testing App 1");
    CHECK(server(loaded.inventory, "unittest1").os.family == "linux");
  }
  SECTION("the 2021 intake form numbers its waves") {
    Imported imported = run({shared(ImportFormat::aws_mf, "aws-cmf/0-intake-form_2021.csv")});
    CHECK(imported.load().inventory.applications.size() == 3);
    CHECK(flat(imported.result->yaml)
              .find("# Migration Factory wave '3' (dcexit plans its own waves)") !=
          std::string::npos);
  }
  SECTION("the tag sheet is not an intake sheet") {
    Imported imported = run({shared(ImportFormat::aws_mf, "aws-cmf/0-import-tags_2021.csv")});
    CHECK(imported.lines() ==
          Lines{"aws-cmf/0-import-tags_2021.csv:1:1: error: no 'app_name' column [missing-column]",
                "aws-cmf/0-import-tags_2021.csv:1:1: error: no 'server_name' column "
                "[missing-column]"});
  }
}

TEST_CASE("import: CAST Highlight application results feed the fields scoring reads", "[import]") {
  Imported imported =
      run({shared(ImportFormat::cast, "cast-highlight/cast_highlight_analysisResults.csv")});
  CHECK(imported.lines().empty());
  const test::Loaded loaded = imported.load();
  const Inventory& inv = loaded.inventory;
  CHECK(inv.applications.size() == 61);
  const Application& roswell = app(inv, "roswell");
  CHECK(roswell.kind == AppKind::custom);
  CHECK(roswell.criticality == Criticality::critical);  // business value 87.31
  CHECK(roswell.department == "Core Business Applications");
  CHECK(roswell.technology.languages == Lines{"c#", "ksh", "vb/vb.net"});
  CHECK(roswell.tags == Lines{"cloud-blockers", "cloud-boosters", "cr-bi-customcode"});
  CHECK(flat(imported.result->yaml)
            .find("    # CAST Highlight: business value 87.31, CloudReady 81.65, software health "
                  "64.15, "
                  "roadblocks 202, technical debt 7001 hours, lines of code 855939, age (years) "
                  "0.1\n") != std::string::npos);
  CHECK(flat(imported.result->yaml).find("222 per-technology Analysis rows") != std::string::npos);
}

TEST_CASE("import: the vendors' header-only templates are read as empty sheets", "[import]") {
  for (const auto& [format, name] :
       {std::pair{ImportFormat::aws_mh,
                  "import-templates/aws_migration_hub_import_template_header.csv"},
        std::pair{ImportFormat::azure_migrate,
                  "import-templates/azure_migrate_import_header_UNVERIFIED.csv"}}) {
    INFO(name);
    Imported imported = run({shared(format, name)});
    CHECK(imported.lines().empty());
    CHECK(imported.load().inventory.servers.empty());
    CHECK(flat(imported.result->yaml).find(std::string(name) + " (") != std::string::npos);
  }
  // Google Migration Center's vmInfo is not a format dcexit reads; as Azure's it lacks columns.
  Imported google =
      run({shared(ImportFormat::azure_migrate,
                  "import-templates/google_migration_center_vmInfo_header_UNVERIFIED.csv")});
  CHECK(google.lines().size() == 4);
}

TEST_CASE("import: AWS Migration Hub template with rows", "[import]") {
  Imported imported = run({local(ImportFormat::aws_mh, "aws-mh.csv")});
  CHECK(imported.lines() ==
        Lines{"aws-mh.csv:4:1: error: row has none of ExternalId, IPAddress, MACAddress, "
              "HostName, VMware.MoRefId; Migration Hub needs one to identify the server "
              "[missing-value]"});
  std::string fixed = test::read_file(fixture("aws-mh.csv"));
  fixed.erase(fixed.rfind(",,,,,,,1,1"));
  Imported good = run({{ImportFormat::aws_mh, "aws-mh.csv", fixed}});
  CHECK(good.lines().empty());
  const test::Loaded loaded = good.load();
  const Inventory& inv = loaded.inventory;
  const Server& db = server(inv, "payroll-db01");
  CHECK(db.cpu_cores == 4);
  CHECK(db.memory_gb == Approx(16.38));  // 16,384 MB, to two decimals
  CHECK(db.cpu_utilisation == Approx(0.61));
  CHECK(db.memory_utilisation == Approx(0.75));
  CHECK(db.os.family == "linux");
  CHECK(db.os.version == "7.9");
  CHECK(server(inv, "payroll-app01").os.family == "windows");
  CHECK(ids(inv.applications) == Lines{"hr-portal", "payroll"});
  CHECK(app(inv, "payroll").servers.size() == 2);
}

TEST_CASE("import: Azure Migrate import CSV", "[import]") {
  Imported imported = run({local(ImportFormat::azure_migrate, "azure-migrate.csv")});
  CHECK(imported.lines() ==
        Lines{"azure-migrate.csv:4:9: error: '*Cores' is 'x'; expected a number [bad-value]",
              "azure-migrate.csv:4:16: error: '*OS name' is empty; Azure Migrate requires it "
              "[missing-value]",
              "azure-migrate.csv:4:19: warning: 'Server type' is 'Cloud'; expected Physical or "
              "Virtual, not imported [bad-value]"});
  std::string fixed = test::read_file(fixture("azure-migrate.csv"));
  fixed.erase(fixed.find("bad-03"));
  Imported good = run({{ImportFormat::azure_migrate, "azure-migrate.csv", fixed}});
  CHECK(good.lines().empty());
  const test::Loaded loaded = good.load();
  const Server& erp = server(loaded.inventory, "erp-db-01");
  CHECK(erp.kind == ServerKind::physical);
  CHECK(erp.memory_gb == Approx(65.54));  // 65,536 MB
  CHECK(erp.storage_gb == 1100);          // the disks' sizes, not the storage in use
  CHECK(erp.cpu_utilisation == Approx(0.35));
  CHECK(erp.memory_utilisation == Approx(0.72));
  CHECK(erp.os.family == "windows");
  CHECK(server(loaded.inventory, "web-02").storage_gb == 40);
}

TEST_CASE("import: a Backstage catalog", "[import]") {
  Imported imported = run({local(ImportFormat::backstage, "catalog-info.yaml")});
  CHECK(imported.lines().empty());
  const test::Loaded loaded = imported.load();
  const Inventory& inv = loaded.inventory;
  CHECK(ids(inv.applications) == Lines{"artist-lookup", "artist-web", "artists-db"});
  const Application& web = app(inv, "artist-web");
  CHECK(web.name == "Artist web");
  CHECK(web.owner == "team-a");
  CHECK(web.department == "Artist engagement portal");  // the System's title
  CHECK(dependency_ids(inv, web) == Lines{"artist-lookup", "artists-db"});
  // dependencyOf on the resource: artist-lookup depends on artists-db.
  CHECK(dependency_ids(inv, app(inv, "artist-lookup")) == Lines{"artists-db"});
  CHECK(app(inv, "artist-lookup").usage_trend == UsageTrend::declining);
  const std::string yaml = flat(imported.result->yaml);
  CHECK(yaml.find("3 components") == std::string::npos);
  CHECK(yaml.find("catalog-info.yaml (backstage): 2 components, 1 resources, 1 systems; not "
                  "applications, not imported: 1 API, 1 Group") != std::string::npos);
  CHECK(yaml.find("catalog-info.yaml:36: artist-lookup depends on 'api:artist-api' (api): only "
                  "components and resources are applications") != std::string::npos);
}

TEST_CASE("import: sources merge - the generic layout names servers from RVTools", "[import]") {
  Imported imported =
      run({shared(ImportFormat::rvtools, "kubev2v-rvtools/rvtools_example1_vInfo.csv"),
           local(ImportFormat::csv, "apps.csv"), local(ImportFormat::csv, "servers.csv"),
           local(ImportFormat::csv, "dependencies.csv")});
  CHECK(
      imported.lines() ==
      Lines{"servers.csv:3:32: warning: server 'vm-7' has cpu_cores '4' here but '9' in "
            "kubev2v-rvtools/rvtools_example1_vInfo.csv:8; the first is kept [conflicting-value]",
            "servers.csv:3:34: warning: server 'vm-7' has memory_gb '8.59' here but '13.78' in "
            "kubev2v-rvtools/rvtools_example1_vInfo.csv:8; the first is kept [conflicting-value]",
            "servers.csv:3:36: warning: server 'vm-7' has storage_gb '100' here but '96.31' in "
            "kubev2v-rvtools/rvtools_example1_vInfo.csv:8; the first is kept [conflicting-value]"});
  const test::Loaded loaded = imported.load();
  const Inventory& inv = loaded.inventory;
  const Application& payroll = app(inv, "payroll");
  CHECK(payroll.criticality == Criticality::high);
  CHECK(payroll.users == 450);
  CHECK(payroll.data_size_gb == 1500);  // 1.5 TB
  CHECK(payroll.tags == Lines{"finance", "statutory"});
  const Application& reports = app(inv, "reports");
  CHECK(reports.name == "Reports, ad hoc");
  REQUIRE(reports.decision);
  CHECK(reports.decision->strategy == Strategy::retire);
  CHECK(reports.decision->reason == "Unused since the \"new\" BI tool");
  REQUIRE(reports.depends_on.size() == 1);
  CHECK(reports.depends_on[0].coupling == Coupling::soft);
  // servers.csv's `apps` column puts portal on vm-7 as well.
  const Application& portal = app(inv, "portal");
  CHECK(portal.servers.size() == 2);
  CHECK(dependency_ids(inv, portal) == Lines{"payroll"});
  const Server& vm3 = server(inv, "vm-3");
  CHECK(vm3.rack == "R01");
  CHECK(vm3.environment == Environment::non_production);
  CHECK(vm3.cpu_utilisation == Approx(0.04));
  CHECK(server(inv, "vm-7").power_watts == 180);
}

TEST_CASE("import: the generic layout reports bad values and unknown references", "[import]") {
  const std::string apps =
      "app,criticality,servers,depends_on,contract_ends,users,rto_hours,data_size_tb\n"
      "billing,urgent,srv-x,ledgr,31/12/2026,,,\n"
      "ledger,low,,billing,,12.5,nan,2000000\n";
  Imported imported = run({{ImportFormat::csv, "apps.csv", apps}});
  CHECK(imported.lines() ==
        Lines{"apps.csv:2:9: error: 'criticality' is 'urgent'; expected critical, high, medium, "
              "low [bad-value]",
              "apps.csv:2:16: error: application 'billing' runs on server 'srv-x', which no source "
              "defines [unknown-reference]",
              "apps.csv:2:22: error: no source defines application 'ledgr' (did you mean "
              "'ledger'?) [unknown-reference]",
              "apps.csv:2:28: error: 'contract_ends' is '31/12/2026'; expected a date as "
              "YYYY-MM-DD [bad-date]",
              "apps.csv:3:22: error: 'users' is 12.5; expected a whole number [bad-value]",
              "apps.csv:3:27: error: 'rto_hours' is 'nan'; expected a number [bad-value]",
              "apps.csv:3:31: error: 'data_size_tb' is 2000000; expected 0 to 1000000 "
              "[out-of-range]"});
  CHECK_FALSE(imported.result);
}

TEST_CASE("import: a reason without a strategy is kept as a comment, not a broken decision",
          "[import]") {
  // Found by fuzz_import: the output had `decision: {reason: ...}`, which the loader rejects.
  const std::string apps = "app,reason,saas_fit\nbilling,Keep until 2027,high\n";
  Imported imported = run({{ImportFormat::csv, "apps.csv", apps}});
  CHECK(imported.lines() ==
        Lines{"apps.csv:2:9: warning: application 'billing' has a decision.reason but no "
              "decision.strategy; kept as a comment [missing-value]",
              "apps.csv:2:25: warning: application 'billing' has a saas_alternative.fit but no "
              "saas_alternative.product; kept as a comment [missing-value]"});
  const test::Loaded loaded = imported.load();
  CHECK_FALSE(app(loaded.inventory, "billing").decision);
  CHECK(flat(imported.result->yaml)
            .find("    # decision.reason (no decision.strategy given): Keep until "
                  "2027\n") != std::string::npos);
}

TEST_CASE("import: ids that YAML reads as null or true are quoted", "[import]") {
  // Found by fuzz_import: an application called "null" was written as `id: null`.
  const std::string apps = "app,depends_on,servers\nnull,yes,\nyes,,true\n";
  const std::string servers = "server,site\ntrue,off\n";
  Imported imported =
      run({{ImportFormat::csv, "apps.csv", apps}, {ImportFormat::csv, "servers.csv", servers}});
  CHECK(imported.lines().empty());
  const test::Loaded loaded = imported.load();
  CHECK(ids(loaded.inventory.applications) == Lines{"null", "yes"});
  CHECK(dependency_ids(loaded.inventory, app(loaded.inventory, "null")) == Lines{"yes"});
  CHECK(loaded.inventory.sites.at(0).id == "off");
  CHECK(flat(imported.result->yaml).find("  - id: \"null\"  # apps.csv:2\n") != std::string::npos);
}

TEST_CASE("import: a sheet read as the wrong format says which it looks like", "[import]") {
  Imported cast_as_konveyor =
      run({shared(ImportFormat::konveyor, "cast-highlight/cast_highlight_analysisResults.csv")});
  CHECK(cast_as_konveyor.lines() ==
        Lines{"cast-highlight/cast_highlight_analysisResults.csv:1:1: error: no 'Application "
              "Name' column [missing-column]",
              "cast-highlight/cast_highlight_analysisResults.csv:1:1: error: no 'Record Type 1' "
              "column; the header looks like --from cast [missing-column]"});
  Imported konveyor_as_csv =
      run({shared(ImportFormat::csv, "konveyor/tackle2-hub_template_application_import.csv")});
  CHECK(konveyor_as_csv.lines() ==
        Lines{"konveyor/tackle2-hub_template_application_import.csv:1:1: error: a generic CSV "
              "sheet needs a column 'app' (applications; with 'depends_on' only, dependencies) "
              "or 'server' (servers); see docs/import.md or use --map; the header looks like "
              "--from konveyor [missing-column]"});
}

TEST_CASE("import: a bad percentage names its own column", "[import]") {
  // It named the sheet's first column: the percentage was checked as a one-field copy of the row.
  const std::string servers = "server,cpu_utilisation,memory_utilisation\ns1,abc%,150%\n";
  Imported imported = run({{ImportFormat::csv, "servers.csv", servers}});
  CHECK(imported.lines() ==
        Lines{"servers.csv:2:4: error: 'cpu_utilisation' is 'abc'; expected a number [bad-value]",
              "servers.csv:2:9: error: 'memory_utilisation' is 150; expected 0 to 100 "
              "[out-of-range]"});
}

TEST_CASE("import: --map reads other column names - a wrong one is named", "[import]") {
  const std::string sheet = "Application Name;Business Unit;Hosts\nBilling;Finance;\n";
  ImportOptions o = options();
  o.column_map = {{"Application Name", "app"}, {"Business Unit", "department"}};
  Imported imported = run({{ImportFormat::csv, "cmdb.csv", sheet}}, o);
  CHECK(imported.lines().empty());
  const test::Loaded loaded = imported.load();
  CHECK(app(loaded.inventory, "billing").department == "Finance");
  CHECK(app(loaded.inventory, "billing").name == "Billing");
  o.column_map = {
      {"Application Name", "app"}, {"Owner", "owner"}, {"Business Unit", "departement"}};
  Imported wrong = run({{ImportFormat::csv, "cmdb.csv", sheet}}, o);
  CHECK(wrong.lines() ==
        Lines{"cmdb.csv:1:1: error: --map 'Business Unit=departement': 'departement' is not a "
              "column of the generic layout (did you mean 'department'?) [bad-value]",
              "cmdb.csv:1:1: error: --map 'Owner=owner': no sheet has a column 'Owner' "
              "[missing-column]"});
}

TEST_CASE(
    "import: --map renames columns for every format - a target its reader never asks for "
    "is named",
    "[import][exports]") {
  const std::string sheet =
      "Host Name,Operating System,Cores,Memory (in MB),Site Code\nFIN-01,Windows Server 2019,4,"
      "16384,HQ\n";
  ImportOptions o = options();
  o.column_map = {{"Host Name", "Machine Name"}};
  Imported imported = run({{ImportFormat::azure_migrate, "estate.csv", sheet}}, o);
  CHECK(imported.lines().empty());
  CHECK(server(imported.load().inventory, "fin-01").cpu_cores == 4);
  o.column_map = {{"Host Name", "Machine Name"}, {"Site Code", "Datacentre"}};
  Imported wrong = run({{ImportFormat::azure_migrate, "estate.csv", sheet}}, o);
  CHECK(wrong.lines() == Lines{"estate.csv:1:1: error: --map 'Site Code=Datacentre': --from "
                               "azure-migrate reads no column 'Datacentre' [bad-value]"});
}

TEST_CASE("import: the output is the same for the same input, and marks what it assumed",
          "[import]") {
  const std::vector<ImportSource> sources = {
      shared(ImportFormat::aws_mf, "aws-cmf/server-list.csv"),
      shared(ImportFormat::konveyor, "konveyor/tackle2-hub_template_application_import.csv")};
  const Imported first = run(sources);
  const Imported second = run(sources);
  REQUIRE(first.result);
  CHECK(first.result->yaml == second.result->yaml);
  const std::string& yaml = first.result->yaml;
  CHECK(yaml.find("  name: Imported estate  # assumed: give the estate's name (--name)\n") !=
        std::string::npos);
  CHECK(yaml.find("  start: 2026-12-01  # assumed: the first of next month (--start)\n") !=
        std::string::npos);
  ImportOptions o = options();
  o.estate_name = "Council: \"civic\" estate";
  o.start = Date::from_civil(2027, 1, 4);
  o.site = "civic-dc";
  const Imported named = run(sources, o);
  REQUIRE(named.result);
  CHECK(
      named.result->yaml.find("  name: \"Council: \\\"civic\\\" estate\"\n  start: 2027-01-04\n") !=
      std::string::npos);
  const test::Loaded loaded = named.load();
  CHECK(loaded.inventory.estate.name == "Council: \"civic\" estate");
  CHECK(loaded.inventory.sites.at(0).id == "civic-dc");
}

TEST_CASE("import: a value summed from several cells is range-checked at its first cell",
          "[import]") {
  // Two disks of 9e8 GB: each fits the column's range, their sum does not fit an inventory.
  const std::string header =
      test::read_file(fixture("azure-migrate.csv"))
          .substr(0, test::read_file(fixture("azure-migrate.csv")).find('\n') + 1);
  const std::string sheet = header +
                            "big,10.0.0.1,2,4096,Ubuntu,20.04,x64,Virtual,VMware,5,40,1,,,UEFI,2,,"
                            "900000000,,,,,900000000,,,,\n";
  Imported imported = run({{ImportFormat::azure_migrate, "azure.csv", sheet}});
  CHECK_FALSE(imported.result);
  CHECK(imported.lines() ==
        std::vector<std::string>{
            "azure.csv:2:70: error: 'storage_gb' comes to 1.8e+09, more than the 1e+09 "
            "an inventory allows [out-of-range]"});
}

TEST_CASE("import: an unreadable sheet gets its own diagnostic before its format is guessed",
          "[import]") {
  DiagnosticSink sink;
  CHECK_FALSE(check_import_text("u.csv", "\xFF\xFEn\0a\0", sink));
  CHECK_FALSE(check_import_text("e.csv", " \n,,\n", sink));
  CHECK_FALSE(check_import_text("z.yaml", "\n \n", sink));
  CHECK(check_import_text("ok.csv", "name\nx\n", sink));
  CHECK(test::lines(sink) ==
        std::vector<std::string>{
            "e.csv:1:1: error: the file holds only separators: no header and no rows [empty-file]",
            "u.csv:1:1: error: the file is UTF-16; save it as CSV UTF-8 [encoding]",
            "z.yaml:1:1: error: the file is empty: nothing to import [empty-file]"});
}

TEST_CASE("import: a line break in a source's name cannot write YAML through a comment",
          "[import]") {
  const std::string name =
      "apps\n    decision: {strategy: retire, reason: injected}\n#\xE2\x80\xA8.csv";
  Imported imported = run({{ImportFormat::csv, name, "app,name\nbilling,Billing\n"}});
  const auto problems = imported.lines();
  INFO((problems.empty() ? std::string() : problems.front()));
  REQUIRE(imported.result);
  const test::Loaded loaded = imported.load();
  REQUIRE(loaded.inventory.applications.size() == 1);
  CHECK_FALSE(loaded.inventory.applications[0].decision.has_value());
  // Line breaks in a comment become spaces (a multi-line description reads as one line).
  CHECK(imported.result->yaml.find("  - id: billing  # apps     decision: {strategy: retire, "
                                   "reason: injected} #\\u2028.csv:2\n") != std::string::npos);
}

TEST_CASE("import: a name that looks like a formula is kept as written", "[import]") {
  // The inventory keeps it verbatim; CSV outputs neutralise it (test_injection.cpp).
  Imported imported = run(
      {{ImportFormat::csv, "apps.csv", "app,name\nbilling,\"=HYPERLINK(\"\"http://x\"\")\"\n"}});
  REQUIRE(imported.result);
  const test::Loaded loaded = imported.load();
  REQUIRE(loaded.inventory.applications.size() == 1);
  CHECK(loaded.inventory.applications[0].name == "=HYPERLINK(\"http://x\")");
}

TEST_CASE("import: Migration Factory's migration status becomes progress", "[import][in-flight]") {
  // tests/fixtures/import/aws-mf-status.csv: the intake columns with migration_status and a
  // cut-over date, as a programme tracking its waves in Migration Factory keeps them.
  Imported imported = run({local(ImportFormat::aws_mf, "aws-mf-status.csv")});
  CHECK(imported.lines() ==
        Lines{"aws-mf-status.csv:7:92: warning: application 'archive' is "
              "'Completed' in Migration Factory but the sheet gives no cut-over date: its "
              "progress is left out; record it as done with its date [missing-value]"});
  const test::Loaded loaded = imported.load();
  const Inventory& inv = loaded.inventory;
  // Both of payroll's servers cut over: done on the later date; the estate starts that month.
  CHECK(inv.estate.start == Date::parse("2025-01-01"));
  REQUIRE(app(inv, "payroll").progress);
  CHECK(app(inv, "payroll").progress->status == ProgressStatus::done);
  CHECK(app(inv, "payroll").progress->date == Date::parse("2025-01-16"));
  CHECK(app(inv, "intranet").progress->status == ProgressStatus::in_progress);
  CHECK(app(inv, "intranet").progress->wave == 2U);
  CHECK(app(inv, "ledger").progress->status == ProgressStatus::rolled_back);
  CHECK_FALSE(app(inv, "crm").progress);
  CHECK_FALSE(app(inv, "archive").progress);
}

TEST_CASE("import: Konveyor's Food2Go sample plans with a low-confidence warning for every app",
          "[import][konveyor][confidence]") {
  // The sample names each app's OS, database and language but no servers, criticality, usage
  // or target: every strategy the model picks rests on data it does not have.
  Imported imported = run({shared(ImportFormat::konveyor,
                                  "konveyor/tackle-app-inventory_sample_application_import.csv")});
  const test::Loaded loaded = imported.load();
  const Plan plan = make_plan(loaded.inventory, default_profile(), {}).value();
  const auto low = with_code(plan.warnings, Code::low_confidence);
  REQUIRE(loaded.inventory.applications.size() == 7);
  CHECK(low.size() == 7);
  for (const Diagnostic& d : low) {
    INFO(d.message);
    CHECK(d.message.find("it rests on data the inventory lacks: servers, criticality, "
                         "usage_trend or users") != std::string::npos);
  }
  CHECK(low.front().message ==
        "application 'beancounter': the model's replatform has confidence 0.05, below the floor "
        "0.50; it rests on data the inventory lacks: servers, criticality, usage_trend or users, "
        "target.platform");
}

namespace {

// Each application of an import: "id: servers [unused]".
std::vector<std::string> app_lines(const Inventory& inv) {
  std::vector<std::string> out;
  for (const Application& a : inv.applications) {
    std::string line = a.id + ":";
    for (const Index s : a.servers) {
      line += " " + inv.servers[s].id;
    }
    out.push_back(line + (a.usage_trend == UsageTrend::unused ? " unused" : ""));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The output with each wrapped comment on one line.
std::string unwrapped(std::string yaml) {
  for (std::size_t at = yaml.find("\n    #   "); at != std::string::npos;
       at = yaml.find("\n    #   ", at)) {
    yaml.replace(at, 9, " ");
  }
  return yaml;
}

Imported run_apps(AppGrouping grouping, std::string key = {}) {
  ImportOptions o = options();
  o.apps = grouping;
  o.apps_key = std::move(key);
  return run({local(ImportFormat::rvtools, "rvtools-groups.csv")}, o);
}

}  // namespace

TEST_CASE("import --apps: an application per VM or per group of VMs", "[import][apps]") {
  SECTION("per-vm: one each; powered-off VMs and templates unused") {
    Imported imported = run_apps(AppGrouping::per_vm);
    CHECK(imported.lines().empty());
    const test::Loaded loaded = imported.load();
    CHECK(app_lines(loaded.inventory) == Lines{"old-fax: old-fax unused", "pay-app01: pay-app01",
                                               "pay-db01: pay-db01", "stray: stray",
                                               "w2k16-tpl: w2k16-tpl unused", "web01: web01",
                                               "web02: web02 unused"});
    const std::string yaml = unwrapped(imported.result->yaml);
    CHECK(yaml.find("# made by --apps per-vm of VM template w2k16-tpl: a template runs nothing; "
                    "retire it unless it still builds servers") != std::string::npos);
    CHECK(yaml.find("# made by --apps per-vm of VM web02: check that it is one application, and "
                    "merge the VMs that serve one\n    # powered off: unused, so the assessment "
                    "proposes retiring it") != std::string::npos);
  }
  SECTION("by-folder: the vApp, else the folder without the datacenter's vm root") {
    Imported imported = run_apps(AppGrouping::by_folder);
    CHECK(imported.lines().empty());
    const test::Loaded loaded = imported.load();
    CHECK(app_lines(loaded.inventory) == Lines{"finance-payroll: pay-app01 pay-db01",
                                               "intranet: web01 web02", "legacy: old-fax unused",
                                               "stray: stray", "w2k16-tpl: w2k16-tpl unused"});
    CHECK(app(loaded.inventory, "finance-payroll").name == "Finance/Payroll");
    const std::string yaml = unwrapped(imported.result->yaml);
    CHECK(yaml.find("# made by --apps by-folder of the 2 VMs of 'Intranet'\n"
                    "    # powered off: web02 (still needed?)") != std::string::npos);
    CHECK(yaml.find("# made by --apps by-folder of VM stray, which has no folder or vApp: an "
                    "application of its own until you say which it belongs to") !=
          std::string::npos);
  }
  SECTION("by-annotation=App: 'App: x' or 'App=x' items of the Annotation column") {
    Imported imported = run_apps(AppGrouping::by_annotation, "App");
    const test::Loaded loaded = imported.load();
    CHECK(app_lines(loaded.inventory) == Lines{"intranet: web01 web02", "old-fax: old-fax unused",
                                               "payroll: pay-app01 pay-db01", "stray: stray",
                                               "w2k16-tpl: w2k16-tpl unused"});
  }
  SECTION("by-annotation=Application: a custom attribute's own column") {
    Imported imported = run_apps(AppGrouping::by_annotation, "Application");
    const test::Loaded loaded = imported.load();
    CHECK(app_lines(loaded.inventory) ==
          Lines{"old-fax: old-fax unused", "payroll: pay-app01 pay-db01", "stray: stray",
                "w2k16-tpl: w2k16-tpl unused", "web01: web01", "web02: web02 unused"});
  }
  SECTION("by-tag=Application: 'Category/Tag' items of the Tags column") {
    Imported imported = run_apps(AppGrouping::by_tag, "application");
    const test::Loaded loaded = imported.load();
    CHECK(app_lines(loaded.inventory) == Lines{"intranet: web01 web02", "old-fax: old-fax unused",
                                               "payroll: pay-app01 pay-db01", "stray: stray",
                                               "w2k16-tpl: w2k16-tpl unused"});
  }
  SECTION("a grouping whose column the sheet lacks is an error at the header") {
    ImportOptions o = options();
    o.apps = AppGrouping::by_tag;
    o.apps_key = "Owner";
    Imported imported =
        run({shared(ImportFormat::rvtools, "kubev2v-rvtools/rvtools_example1_vInfo.csv")}, o);
    CHECK_FALSE(imported.result);
    CHECK(imported.lines() ==
          Lines{"kubev2v-rvtools/rvtools_example1_vInfo.csv:1:1: error: no 'Owner' or 'Tags' "
                "column [missing-column]"});
  }
  SECTION("--apps with no VM inventory among the sources") {
    ImportOptions o = options();
    o.apps = AppGrouping::per_vm;
    Imported imported = run({local(ImportFormat::csv, "apps.csv")}, o);
    CHECK_FALSE(imported.result);
    CHECK(imported.lines().front() ==
          "dcexit: error: --apps makes applications of the VMs of an "
          "RVTools or Azure Migrate source; no source is one [usage]");
  }
}

namespace {

// An RVTools vInfo sheet of one VM in each folder.
ImportSource vms_in_folders(const std::vector<std::string>& folders) {
  std::string csv = "VM,Powerstate,Template,CPUs,Memory,Folder\n";
  for (std::size_t i = 0; i < folders.size(); ++i) {
    csv += fmt::format("vm{},poweredOn,False,2,4096,\"{}\"\n", i, folders[i]);
  }
  return {ImportFormat::rvtools, "folders.csv", csv};
}

}  // namespace

TEST_CASE("import --apps by-folder: labels that make one id get suffixes within the id limit",
          "[import][apps]") {
  ImportOptions o = options();
  o.apps = AppGrouping::by_folder;
  SECTION("two labels of 130 characters differing by punctuation") {
    const std::string label(130, 'a');
    Imported imported =
        run({vms_in_folders({"/dc/vm/" + label + "!", "/dc/vm/" + label + "?"})}, o);
    REQUIRE(imported.result);
    const test::Loaded loaded = imported.load();
    CHECK(ids(loaded.inventory.applications) ==
          Lines{std::string(126, 'a') + "-2", std::string(128, 'a')});
  }
  SECTION("a cut that ends in a separator drops it") {
    const std::string label = std::string(126, 'a') + " b";  // id: 126 a, '-', 'b'
    Imported imported = run({vms_in_folders({"/dc/vm/" + label, "/dc/vm/" + label + "."})}, o);
    const test::Loaded loaded = imported.load();
    CHECK(ids(loaded.inventory.applications) ==
          Lines{std::string(126, 'a') + "-2", std::string(126, 'a') + "-b"});
  }
  SECTION("a suffix another label took is passed over, and 3,000 alike are numbered in turn") {
    std::vector<std::string> folders{"/dc/vm/Pay roll", "/dc/vm/pay-roll-2"};
    for (int i = 0; i < 3000; ++i) {  // "Pay roll!", "Pay roll?", ... "Pay roll?#!": one id
      std::string label = "/dc/vm/Pay roll";
      for (int n = i + 1; n > 0; n /= 3) {
        label += "!?#"[n % 3];
      }
      folders.push_back(label);
    }
    Imported imported = run({vms_in_folders(folders)}, o);
    const test::Loaded loaded = imported.load();
    std::set<std::string> ids_made;
    for (const Application& a : loaded.inventory.applications) {
      ids_made.insert(a.id);
    }
    CHECK(ids_made.size() == 3002);
    CHECK(ids_made.contains("pay-roll-3001"));
    CHECK(app(loaded.inventory, "pay-roll-2").name == "pay-roll-2");
  }
}

TEST_CASE("import --apps per-vm: the real RVTools workbook becomes an estate that plans",
          "[import][apps]") {
  ImportOptions o = options();
  o.apps = AppGrouping::per_vm;
  Imported imported =
      run({shared(ImportFormat::rvtools, "kubev2v-rvtools/rvtools_example1.xlsx")}, o);
  const test::Loaded loaded = imported.load();
  CHECK(loaded.inventory.applications.size() == 9);
  const Plan plan = make_plan(loaded.inventory, default_profile(), {}).value();
  CHECK_FALSE(plan.waves.waves.empty());
  const std::vector<Strategy> strategies = assessed_strategies(plan.assessment);
  // The six powered-off VMs are unused and proposed for retirement; the three running ones move,
  // each with a low-confidence warning (no criticality, users or technology known).
  CHECK(std::count(strategies.begin(), strategies.end(), Strategy::retire) == 6);
  CHECK(std::count(strategies.begin(), strategies.end(), Strategy::rehost) == 3);
  CHECK(with_code(plan.warnings, Code::low_confidence).size() == 3);
}

TEST_CASE("import: characters YAML reads as line breaks or refuses are escaped in scalars",
          "[import]") {
  // PyYAML breaks a plain scalar at U+0085, U+2028 and U+2029 and refuses C1 controls, U+FEFF
  // inside a line, U+FFFE and U+FFFF: each is written as YAML's escape, in double quotes.
  CHECK(detail::yaml_text("a\xc2\x85"
                          "b") == "\"a\\u0085b\"");
  CHECK(detail::yaml_text("a\xe2\x80\xa8"
                          "b\xe2\x80\xa9") == "\"a\\Lb\\P\"");
  CHECK(detail::yaml_text("x\xc2\x9f") == "\"x\\u009F\"");
  CHECK(detail::yaml_text("x\xef\xbf\xbe\xef\xbf\xbf\xef\xbb\xbf") == "\"x\\uFFFE\\uFFFF\\uFEFF\"");
  CHECK(detail::yaml_text("caf\xc3\xa9") == "caf\xc3\xa9");  // other UTF-8 stays plain
  // And each reads back as the text it came from.
  for (const std::string name : {"a\xc2\x85"
                                 "b",
                                 "a\xe2\x80\xa8"
                                 "b\xe2\x80\xa9",
                                 "x\xc2\x9f", "x\xef\xbf\xbe\xef\xbf\xbf"}) {
    DiagnosticSink sink;
    const LoadResult loaded = load_inventory_text(
        "t.yaml",
        "schema: dcexit/v1\nestate: {name: " + detail::yaml_text(name) +
            ", start: 2025-01-06}\nsites: [{id: dc1}]\napplications: [{id: a}]\n",
        sink);
    INFO(name);
    CHECK_FALSE(sink.has_errors());
    CHECK(loaded.inventory.estate.name == name);
  }
}

// ---- What the tools export (../shared/real-data/exports, README there) ----------------------

namespace {

ImportSource exported(ImportFormat format, const std::string& relative) {
  return source(format, test::shared_dir() / "real-data" / "exports" / relative, relative);
}

}  // namespace

TEST_CASE("import: Azure Migrate's portal assessment export, with a name twice and no data",
          "[import][exports]") {
  Imported imported =
      run({exported(ImportFormat::azure_migrate, "azure-migrate/azdocs_Perf_PAYG.xlsx")});
  const std::string book = "azure-migrate/azdocs_Perf_PAYG.xlsx[All_Assessed_Machines]";
  CHECK(imported.lines() ==
        Lines{book + ":2:M: warning: 547 servers report 0% CPU or memory use, which Azure "
                     "Migrate writes when its appliance collected no data: taken as not known, "
                     "so the profile's default utilisation sizes them (vm020.workgroup, "
                     "vm017.workgroup, vm019.workgroup, vm016.workgroup, vm018.workgroup, …) "
                     "[missing-value]",
              book + ":341:A: warning: server 'MicrosoftAzureMigration' is also at " + book +
                  ":52:A; imported as 'microsoftazuremigration-2' beside "
                  "'microsoftazuremigration' (a clone, a second appliance or a merged "
                  "vCenter?): check they are two machines [duplicate-value]"});
  REQUIRE(imported.result);
  CHECK(imported.result->counts.servers == 547);
  const test::Loaded loaded = imported.load();
  const Server& vm = server(loaded.inventory, "vm020.workgroup");
  CHECK(vm.cpu_cores == 1);
  CHECK(vm.memory_gb == Approx(8.19));  // Memory(MB) 8191
  CHECK(vm.storage_gb == 167);          // Storage(GB)
  CHECK(vm.os.family == "windows");
  CHECK_FALSE(vm.cpu_utilisation);  // 0% is no data, not a measurement
  CHECK_FALSE(vm.memory_utilisation);
  CHECK(server(loaded.inventory, "microsoftazuremigration-2").cpu_cores > 0);
  CHECK(flat(imported.result->yaml).find("# 'CPU usage(%)' 0%: taken as not known") !=
        std::string::npos);
}

TEST_CASE("import: the Azure Migrate Export tool's core and discovery reports",
          "[import][exports]") {
  const std::string core = test::read_file(fixture("azure-migrate-export-core.csv"));
  const std::string discovery = test::read_file(fixture("azure-migrate-export-discovery.csv"));
  CHECK(detect_import_format(core) == ImportFormat::azure_migrate);
  CHECK(detect_import_format(discovery) == ImportFormat::azure_migrate);
  Imported imported =
      run({local(ImportFormat::azure_migrate, "azure-migrate-export-core.csv"),
           local(ImportFormat::azure_migrate, "azure-migrate-export-discovery.csv")});
  CHECK(imported.lines() ==
        Lines{"azure-migrate-export-core.csv:3:99: warning: 1 server reports 0% CPU or memory "
              "use, which Azure Migrate writes when its appliance collected no data: taken as "
              "not known, so the profile's default utilisation sizes them (revapp-test) "
              "[missing-value]"});
  const test::Loaded loaded = imported.load();
  const Server& db = server(loaded.inventory, "revdb01");
  CHECK(db.environment == Environment::production);
  CHECK(db.memory_gb == Approx(65.54));
  CHECK(db.storage_gb == 1200);
  CHECK(db.cpu_utilisation == Approx(0.415));
  CHECK(db.memory_utilisation == Approx(0.77));
  const Server& test_vm = server(loaded.inventory, "revapp-test");
  CHECK(test_vm.environment == Environment::non_production);
  CHECK_FALSE(test_vm.cpu_utilisation);
  CHECK(server(loaded.inventory, "oldfax").os.family == "windows");
  const std::string yaml = flat(imported.result->yaml);
  CHECK(yaml.find("# host esx-04; group Revenues; Azure Migrate recommends Standard_E8s_v5") !=
        std::string::npos);
  CHECK(yaml.find("# named 'OldFax' in azure-migrate-export-discovery.csv\n    # powered off: "
                  "still needed?") != std::string::npos);
}

TEST_CASE("import: Migration Hub's EC2 recommendations export and its Server. columns",
          "[import][exports]") {
  const std::string csv = "aws-mh/cmf_mgh_EC2InstanceRecommendations.csv";
  CHECK(detect_import_format(test::read_file(test::shared_dir() / "real-data" / "exports" / csv)) ==
        ImportFormat::aws_mh);
  Imported imported = run({exported(ImportFormat::aws_mh, csv)});
  CHECK(imported.lines() ==
        Lines{csv + ":3:21: warning: server 'test.hostname.com' is also at " + csv +
                  ":2:13; imported as 'test.hostname.com-2' beside 'test.hostname.com' (a clone, "
                  "a second appliance or a merged vCenter?): check they are two machines "
                  "[duplicate-value]",
              csv + ":4:10: warning: server 'test.hostname.com' is also at " + csv +
                  ":2:13; imported as 'test.hostname.com-3' beside 'test.hostname.com' (a clone, "
                  "a second appliance or a merged vCenter?): check they are two machines "
                  "[duplicate-value]"});
  const test::Loaded loaded = imported.load();
  const Server& s = server(loaded.inventory, "test.hostname.com");
  CHECK(s.cpu_cores == 8);                     // Server.CPU.NumberOfCores
  CHECK(s.memory_gb == Approx(12.01));         // Server.RAM.TotalSizeInMB 12005.376
  CHECK(s.cpu_utilisation == Approx(0.983));   // Server.CPU.UsagePct.Max
  CHECK(s.memory_utilisation == Approx(0.5));  // Server.RAM.UsedSizeInMB.Max over the total
  CHECK(s.os.family == "linux");
  CHECK(ids(loaded.inventory.applications) == Lines{"linuxapp"});
}

TEST_CASE("import: RVTools 3.x as written - MB headers that mean MiB, digit grouping",
          "[import][exports]") {
  Imported imported = run({local(ImportFormat::rvtools, "rvtools-3x-grouped.csv")});
  CHECK(imported.lines().empty());
  const test::Loaded loaded = imported.load();
  const Server& app01 = server(loaded.inventory, "fin-app01");
  CHECK(app01.memory_gb == Approx(17.18));    // "16,384" MiB
  CHECK(app01.storage_gb == Approx(150.32));  // "143,360" under 'Provisioned MB', MiB
  CHECK(server(loaded.inventory, "fin-db01").storage_gb == Approx(1099.51));  // "1,048,576"
  CHECK(flat(imported.result->yaml)
            .find("# rvtools-3x-grouped.csv: 'Provisioned MB' read as MiB (or KiB, GiB, TiB): "
                  "RVTools before 3.10 heads its MiB columns MB") != std::string::npos);
  // Only groups of three digits are grouping: "1,5" is no number.
  const std::string bad = "VM,Powerstate,CPUs,Memory\nvm-a,poweredOn,\"1,5\",4096\n";
  CHECK(run({{ImportFormat::rvtools, "bad.csv", bad}}).lines() ==
        Lines{"bad.csv:2:16: error: 'CPUs' is '1,5'; expected a number [bad-value]"});
}

TEST_CASE("import: the real RVTools 3.x workbook reads its MB columns as MiB",
          "[import][exports]") {
  Imported imported =
      run({exported(ImportFormat::rvtools, "rvtools/ibm_SizingWorkshop-RVTools.xlsx")});
  CHECK(imported.lines().empty());
  REQUIRE(imported.result);
  CHECK(imported.result->counts.servers == 795);  // 805 VMs, 10 of them templates
  const test::Loaded loaded = imported.load();
  // 86,201 under 'Provisioned MB': its vPartition shows 81,916 MB for the 80 GiB C: drive.
  CHECK(server(loaded.inventory, "wadfs1").storage_gb == Approx(90.39));
  CHECK(server(loaded.inventory, "wadfs1").memory_gb == Approx(4.29));
}

TEST_CASE("import: RVTools' -DBColumnNames headers and other writers' power states",
          "[import][exports]") {
  const std::string csv = test::read_file(fixture("rvtools-dbcolumns.csv"));
  CHECK(detect_import_format(csv) == ImportFormat::rvtools);
  ImportOptions o = options();
  o.apps = AppGrouping::by_folder;
  Imported imported = run({local(ImportFormat::rvtools, "rvtools-dbcolumns.csv")}, o);
  CHECK(imported.lines() ==
        Lines{"rvtools-dbcolumns.csv:5:7: warning: 'vInfoPowerstate' is 'Blinking'; expected "
              "poweredOn, poweredOff or suspended (or On, Off, Running, Stopped): taken as "
              "running [bad-value]"});
  const test::Loaded loaded = imported.load();
  const Inventory& inv = loaded.inventory;
  CHECK(server(inv, "web01").cpu_cores == 2);
  CHECK(server(inv, "web01").memory_gb == Approx(4.29));    // vInfoMemory, MiB
  CHECK(server(inv, "web01").storage_gb == Approx(42.95));  // vInfoProvisioned, MiB
  CHECK(server(inv, "web01").site == *inv.find_site("dc-north"));
  CHECK(ids(inv.applications) == Lines{"batch", "lab", "web"});
  CHECK(app(inv, "batch").usage_trend == UsageTrend::unused);  // its one VM is Off
  CHECK_FALSE(app(inv, "web").usage_trend);                    // Running and On
}

TEST_CASE("import --apps by-folder: RVTools 4.x's empty Folder groups by Folder ID",
          "[import][exports][apps]") {
  ImportOptions o = options();
  o.apps = AppGrouping::by_folder;
  Imported imported =
      run({shared(ImportFormat::rvtools, "kubev2v-rvtools/rvtools_example1_vInfo.csv")}, o);
  CHECK(imported.lines().empty());
  const test::Loaded loaded = imported.load();
  // vm-9 has no Folder ID: an application of its own.
  CHECK(ids(loaded.inventory.applications) ==
        Lines{"group-v4", "group-v6586", "group-v851", "vm-9"});
  CHECK(flat(imported.result->yaml)
            .find("# named by its folder's vCenter id (RVTools 4.7 leaves 'Folder' empty and "
                  "gives 'Folder ID'): give it the application's name") != std::string::npos);
}

TEST_CASE("import: a CMDB extract's OS name gives the server's OS family", "[import][exports]") {
  // ServiceNow's cmdb_ci_server list export, mapped with --map.
  const std::string sheet =
      "name,os,os_version,cpu_core_count,ram\nFINSQL01,Microsoft Windows Server 2016 "
      "Datacenter,10.0.14393,8,32768\nFINWEB01,Red Hat Enterprise Linux 8,8.6,4,16384\n"
      "FINAIX01,AIX,7.2,16,131072\nMYSTERY,Custom appliance OS,1,2,4096\n";
  ImportOptions o = options();
  o.column_map = {{"name", "server"},
                  {"os", "os name"},
                  {"os_version", "os version"},
                  {"cpu_core_count", "cpu cores"},
                  {"ram", "memory mb"}};
  Imported imported = run({{ImportFormat::csv, "cmdb_ci_server.csv", sheet}}, o);
  CHECK(imported.lines().empty());
  const test::Loaded loaded = imported.load();
  CHECK(server(loaded.inventory, "finsql01").os.family == "windows");
  CHECK(server(loaded.inventory, "finweb01").os.family == "linux");
  CHECK(server(loaded.inventory, "finaix01").os.family == "aix");
  CHECK(server(loaded.inventory, "mystery").os.family.empty());  // not guessed
  CHECK(server(loaded.inventory, "finsql01").memory_gb == Approx(32.77));
}

TEST_CASE(
    "import: Azure Migrate's software inventory puts what runs on the servers other "
    "sources give",
    "[import][exports]") {
  const std::string book = "azure-migrate/azdocs_Application_Inventory_Export_Sample.xlsx";
  Imported imported = run(
      {local(ImportFormat::csv, "software-servers.csv"), exported(ImportFormat::software, book)});
  const Lines lines = imported.lines();
  REQUIRE(lines.size() == 1);
  INFO(lines[0]);
  CHECK(lines[0].starts_with(book + "[ApplicationInventory]:7:A: warning: 224 machines in the "
                                    "software inventory are no server of the other sources: "
                                    "their software not imported (FW12R2DSSP16-02, "));
  const test::Loaded loaded = imported.load();
  const Inventory& inv = loaded.inventory;
  CHECK(inv.applications.empty());  // never made from a software inventory
  CHECK(server(inv, "fpl-ol6u5-db-1").software ==
        Lines{"java-1.7.0-openjdk 1.7.0.45", "httpd 2.2.15", "tomcat6 6.0.24",
              "java-1.6.0-openjdk 1.6.0.0", "Oracle Database 12.1.0.2"});
  CHECK(server(inv, "payrolldb01").software ==
        Lines{"SQL Server 2014 Database Engine Services 12.0.2000.8", "MySQL Server 5.7 5.7.19",
              "IIS (Web-Server role)",
              "SQL Server 12.0.2000.8 (Express Edition) MSSQL12.DATATIERVM01"});
  // FPL-W12-6 is fpl-w12-6.corp.local in the server sheet.
  CHECK(server(inv, "fpl-w12-6.corp.local").software.size() == 4);
  const std::string yaml = flat(imported.result->yaml);
  CHECK(yaml.find("[ApplicationInventory] (software): software inventory, 19905 rows: 861 kept "
                  "as servers' software, the rest (client tools, shared files, updates, "
                  "drivers) not imported") != std::string::npos);
  CHECK(yaml.find("# software inventory: 18 items put on servers' software") != std::string::npos);
}

TEST_CASE(
    "import: one repository's Backstage catalog alone keeps a dependency on another's "
    "entity as a comment",
    "[import][exports]") {
  const std::string payments = R"(apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
spec:
  type: service
  lifecycle: production
  owner: team-payments
  dependsOn:
    - component:default/ledger-service
    - resource:payments-db
  dependencyOf:
    - component:checkout-web
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: payments-db
spec:
  type: database
  owner: team-payments
)";
  Imported imported = run({{ImportFormat::backstage, "payments/catalog-info.yaml", payments}});
  CHECK(imported.lines() ==
        Lines{"payments/catalog-info.yaml:10:7: warning: 'ledger-service' is not defined in the "
              "files imported (another repository's catalog?): the dependency is kept as a "
              "comment on 'payments-api'; import that catalog-info.yaml in the same run to plan "
              "it [unknown-reference]",
              "payments/catalog-info.yaml:13:7: warning: 'checkout-web' is not defined in the "
              "files imported (another repository's catalog?): the dependency is kept as a "
              "comment on 'payments-api'; import that catalog-info.yaml in the same run to plan "
              "it [unknown-reference]"});
  const test::Loaded loaded = imported.load();
  CHECK(dependency_ids(loaded.inventory, app(loaded.inventory, "payments-api")) ==
        Lines{"payments-db"});
  const std::string yaml = flat(imported.result->yaml);
  CHECK(yaml.find("# depends on 'ledger-service', defined in a catalog not imported") !=
        std::string::npos);
  CHECK(yaml.find("# 'checkout-web', defined in a catalog not imported, depends on it") !=
        std::string::npos);
  // With the other repository's catalog in the same run, the dependency is planned.
  const std::string ledger =
      "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ledger-service\n"
      "spec:\n  type: service\n  owner: team-ledger\n";
  Imported both = run({{ImportFormat::backstage, "payments/catalog-info.yaml", payments},
                       {ImportFormat::backstage, "ledger/catalog-info.yaml", ledger}});
  CHECK(both.lines().size() == 1);  // checkout-web is still elsewhere
  const test::Loaded merged = both.load();
  CHECK(dependency_ids(merged.inventory, app(merged.inventory, "payments-api")) ==
        Lines{"ledger-service", "payments-db"});
}

TEST_CASE("import: --from auto names the format of every real export", "[import][exports]") {
  const std::vector<std::pair<std::string, ImportFormat>> files = {
      {"azure-migrate/azdocs_Perf_PAYG.xlsx", ImportFormat::azure_migrate},
      {"azure-migrate/azdocs_Application_Inventory_Export_Sample.xlsx", ImportFormat::software},
      {"aws-mh/cmf_mgh_EC2InstanceRecommendations.csv", ImportFormat::aws_mh},
      {"rvtools/ibm_SizingWorkshop-RVTools.xlsx", ImportFormat::rvtools},
  };
  for (const auto& [name, format] : files) {
    INFO(name);
    DiagnosticSink sink;
    const auto told = read_import_source(
        (test::shared_dir() / "real-data" / "exports" / name).string(), "auto", sink);
    REQUIRE(told);
    CHECK(told->format == format);
    CHECK(test::lines(sink).empty());
  }
  for (const std::string name :
       {"azure-migrate-export-core.csv", "azure-migrate-export-discovery.csv"}) {
    CHECK(detect_import_format(test::read_file(fixture(name))) == ImportFormat::azure_migrate);
  }
  CHECK(detect_import_format(test::read_file(fixture("rvtools-dbcolumns.csv"))) ==
        ImportFormat::rvtools);
  // Other spellings of Azure Migrate's columns, as its exports have varied.
  const std::string other =
      "Machine name,Operating system,Cores,Memory (GB),CPU utilization (%),Storage (GB)\n"
      "hr-app01,Windows Server 2019 Standard,4,16,22.5,120\n";
  CHECK(detect_import_format(other) == ImportFormat::azure_migrate);
  Imported imported = run({{ImportFormat::azure_migrate, "machines.csv", other}});
  CHECK(imported.lines().empty());
  const test::Loaded loaded = imported.load();
  const Server& s = server(loaded.inventory, "hr-app01");
  CHECK(s.memory_gb == 16);
  CHECK(s.storage_gb == 120);
  CHECK(s.cpu_utilisation == Approx(0.225));
}

TEST_CASE(
    "import: an Azure Migrate workbook listing its machines on several sheets is read "
    "from one",
    "[import][exports][xlsx]") {
  Imported imported = run({local(ImportFormat::azure_migrate, "azure-migrate-export-core.xlsx")});
  const std::string sheet = "azure-migrate-export-core.xlsx[All_VM_IaaS_Server_Rehost_Perf]";
  CHECK(imported.lines() ==
        Lines{sheet + ":1:A: note: machines read from this sheet; SQL_IaaS_Server_Rehost_Perf, "
                      "VM_IaaS_Server_Rehost_As-is list the same machines assessed another way, "
                      "not read [skipped-entry]",
              sheet + ":3:R: warning: 1 server reports 0% CPU or memory use, which Azure Migrate "
                      "writes when its appliance collected no data: taken as not known, so the "
                      "profile's default utilisation sizes them (revapp-test) [missing-value]"});
  REQUIRE(imported.result);
  CHECK(imported.result->counts.servers == 2);
}
