// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Server inventories: RVTools (vInfo, vHost), the AWS Migration Hub import template and the
// Azure Migrate import CSV.
#include "base/text.hpp"
#include "import/formats.hpp"
#include "import/sheet.hpp"
#include "import/vm_apps.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace dcexit::detail {

namespace {

// Sets the OS fields from a name such as "Microsoft Windows Server 2016 (64-bit)".
void set_os(ImportedEstate& estate, ImportedEntity& server, const std::string& name,
            const std::string& version, const SourceLocation& where) {
  if (name.empty()) {
    return;
  }
  if (const std::string family = os_family_of(name); !family.empty()) {
    estate.set_plain(server, "os.family", family, where);
  }
  estate.set(server, "os.name", name, where);
  if (!version.empty()) {
    estate.set(server, "os.version", version, where);
  }
}

// The server for `name` in a sheet (a name given twice is suffixed), or nullptr after an error.
ImportedEntity* define_server(Sheet& sheet, ImportedEstate& estate, DefinedIds& defined,
                              const CsvRecord& row, Column column, std::string_view what) {
  const std::string name = sheet.text(row, column);
  const SourceLocation where = sheet.at(row, column);
  const auto found = id_for(name, what, where, estate.sink());
  if (!found) {
    return nullptr;
  }
  const std::string id = defined.unique(EntityKind::server, *found, name, where, estate.sink());
  ImportedEntity& server = estate.get(EntityKind::server, id, where);
  if (name != id) {
    server.notes.push_back(fmt::format("named '{}' in {}", name, sheet.file()));
  }
  return &server;
}

// ---- RVTools ------------------------------------------------------------------------------

void import_vhost(Sheet& sheet, ImportedEstate& estate) {
  const Column host = sheet.require({"host"}, "Host");
  const Column datacenter = sheet.column({"datacenter"});
  const Column cluster = sheet.column({"cluster"});
  const Column vendor = sheet.column({"vendor"});
  const Column model = sheet.column({"model"});
  const Column cpu_model = sheet.column({"cpu model"});
  const Column cores = sheet.column({"cores"});
  const Column vms = sheet.column({"vms total", "vms"});
  const QuantityColumn memory = sheet.quantity({"memory"}, "mib");
  std::size_t hosts = 0;
  for (const CsvRecord& row : sheet.rows()) {
    if (!sheet.check_width(row) || !host) {
      continue;
    }
    const std::string name = sheet.text(row, host);
    if (name.empty()) {
      sheet.error(sheet.at(row, host), Code::missing_value, "'Host' is empty");
      continue;
    }
    const auto gb = sheet.gigabytes(row, memory);
    const auto core_count = sheet.number(row, cores, 0, 1e6);
    std::vector<std::string> about;
    for (std::string part :
         {trim(join(std::vector{sheet.text(row, vendor), sheet.text(row, model)}, " ")),
          sheet.text(row, cpu_model),
          core_count ? fmt::format("{} cores", format_number(*core_count)) : "",
          gb ? fmt::format("{} GB memory", format_number(*gb, 0)) : "",
          sheet.text(row, vms).empty() ? "" : sheet.text(row, vms) + " VMs"}) {
      if (!part.empty()) {
        about.push_back(std::move(part));
      }
    }
    std::vector<std::string> place;
    for (std::string part : {sheet.text(row, datacenter), sheet.text(row, cluster)}) {
      if (!part.empty()) {
        place.push_back(std::move(part));
      }
    }
    estate.note_file(fmt::format(
        "{}:{}: ESXi host {}{}{}: hardware to switch off when its VMs have gone; dcexit plans "
        "the VMs",
        sheet.file(), row.line, name, about.empty() ? "" : " (" + join(about, ", ") + ")",
        place.empty() ? "" : " in " + join(place, " / ")));
    ++hosts;
  }
  note_sheet(estate, sheet, fmt::format("vHost, {} hosts", hosts));
}

// RVTools' -DBColumnNames headers (normalised) and the names of its default layout.
constexpr std::array<std::pair<std::string_view, std::string_view>, 24> k_rvtools_db_names = {{
    {"vinfovmname", "vm"},
    {"vinfopowerstate", "powerstate"},
    {"vinfotemplate", "template"},
    {"vinfocpus", "cpus"},
    {"vinfomemory", "memory"},
    {"vinfoprovisioned", "provisioned mib"},
    {"vinfoinuse", "in use mib"},
    {"vinfototaldiskcapacitymib", "total disk capacity mib"},
    {"vinfodatacenter", "datacenter"},
    {"vinfocluster", "cluster"},
    {"vinfohost", "host"},
    {"vinfoos", "os according to the configuration file"},
    {"vinfoostools", "os according to the vmware tools"},
    {"vinfoannotation", "annotation"},
    {"vinfofolder", "folder"},
    {"vinfovapp", "vapp"},
    {"vhostname", "host"},
    {"vhostdatacenter", "datacenter"},
    {"vhostcluster", "cluster"},
    {"vhostcpumodel", "cpu model"},
    {"vhostnumcpucores", "cores"},
    {"vhostcorespercpu", "cores per cpu"},
    {"vhostmemorysize", "memory"},
    {"vhostvendor", "vendor"},
}};

// A VM's power state as RVTools writes it (poweredOn, poweredOff, suspended) or as other
// writers in its layout do (On, Off, Running, Stopped, Powered Off).
enum class Power : std::uint8_t { unknown, on, off, suspended };

Power power_of(std::string_view text) {
  const std::string state = normalise_header(text);
  for (const std::string_view on : {"poweredon", "powered on", "on", "running", "started"}) {
    if (state == on) {
      return Power::on;
    }
  }
  for (const std::string_view off :
       {"poweredoff", "powered off", "off", "stopped", "shut down", "shutdown"}) {
    if (state == off) {
      return Power::off;
    }
  }
  return state == "suspended" || state == "paused" ? Power::suspended : Power::unknown;
}

struct VInfoColumns {
  Column vm;
  Column powerstate;
  Column template_flag;
  Column datacenter;
  Column cluster;
  Column host;
  Column cpus;
  Column os_tools;
  Column os_config;
  Column annotation;
  QuantityColumn memory;
  QuantityColumn disk;
};

VInfoColumns find_vinfo_columns(Sheet& sheet) {
  VInfoColumns c;
  c.vm = sheet.require({"vm"}, "VM");
  c.powerstate = sheet.column({"powerstate"});
  c.template_flag = sheet.column({"template"});
  c.datacenter = sheet.column({"datacenter"});
  c.cluster = sheet.column({"cluster"});
  c.host = sheet.column({"host"});
  c.cpus = sheet.column({"cpus"});
  c.os_tools = sheet.column({"os according to the vmware tools"});
  c.os_config = sheet.column({"os according to the configuration file"});
  c.annotation = sheet.column({"annotation"});
  c.memory = sheet.quantity({"memory"}, "mib");
  c.disk = sheet.quantity({"total disk capacity", "provisioned", "in use"}, "mib");
  return c;
}

// A note naming the columns headed MB, KB, GB or TB that were read as MiB, KiB, GiB or TiB.
void note_binary_units(const Sheet& sheet, ImportedEstate& estate,
                       std::initializer_list<QuantityColumn> quantities) {
  std::vector<std::string> decimal;
  for (const QuantityColumn& quantity : quantities) {
    const std::string header = normalise_header(sheet.header_name(quantity.column));
    for (const std::string_view unit : {" kb", " mb", " gb", " tb"}) {
      if (header.ends_with(unit)) {
        decimal.push_back("'" + sheet.header_name(quantity.column) + "'");
      }
    }
  }
  if (!decimal.empty()) {
    estate.note_file(fmt::format(
        "{}: {} read as MiB (or KiB, GiB, TiB): RVTools before 3.10 heads its MiB columns MB",
        sheet.file(), join(decimal, ", ")));
  }
}

// One VM: its site, size and OS; where it runs and whether it is on in a comment.
void import_vm(Sheet& sheet, ImportedEstate& estate, const VInfoColumns& c, const CsvRecord& row,
               ImportedEntity& server) {
  if (const std::string dc = sheet.text(row, c.datacenter); !dc.empty()) {
    if (const auto site = id_for(dc, "Datacenter", sheet.at(row, c.datacenter), estate.sink())) {
      ImportedEntity& entity = estate.get(EntityKind::site, *site, sheet.at(row, c.datacenter));
      estate.set(entity, "name", dc, sheet.at(row, c.datacenter));
      estate.set_plain(server, "site", *site, sheet.at(row, c.datacenter));
    }
  }
  estate.set_plain(server, "kind", "virtual", sheet.at(row, c.vm));
  const bool from_tools = !sheet.text(row, c.os_tools).empty();
  const Column os = from_tools ? c.os_tools : c.os_config;
  set_os(estate, server, sheet.text(row, os), {}, sheet.at(row, os));
  if (const auto cpus = sheet.number(row, c.cpus, 0, 100000)) {
    estate.set_number(server, "cpu_cores", *cpus, sheet.at(row, c.cpus));
  }
  if (const auto gb = sheet.gigabytes(row, c.memory)) {
    estate.set_number(server, "memory_gb", *gb, sheet.at(row, c.memory.column));
  }
  if (const auto gb = sheet.gigabytes(row, c.disk)) {
    estate.set_number(server, "storage_gb", *gb, sheet.at(row, c.disk.column));
  }
  std::vector<std::string> notes;
  for (const auto& [label, column] : {std::pair{"cluster", c.cluster}, {"host", c.host}}) {
    if (const std::string value = sheet.text(row, column); !value.empty()) {
      notes.push_back(fmt::format("{} {}", label, value));
    }
  }
  const std::string state = sheet.text(row, c.powerstate);
  const Power power = power_of(state);
  if (power == Power::off) {
    notes.emplace_back("powered off: still needed?");
  } else if (power == Power::suspended) {
    notes.emplace_back("suspended: still needed?");
  } else if (power == Power::unknown && !state.empty()) {
    sheet.warning(sheet.at(row, c.powerstate), Code::bad_value,
                  fmt::format("'{}' is '{}'; expected poweredOn, poweredOff or suspended (or On, "
                              "Off, Running, Stopped): taken as running",
                              sheet.header_name(c.powerstate), abbreviate(state)));
  }
  if (const std::string note = sheet.text(row, c.annotation); !note.empty()) {
    notes.push_back("annotation: " + note);
  }
  if (!notes.empty()) {
    server.notes.push_back(join(notes, "; "));
  }
}

void import_vinfo(Sheet& sheet, ImportedEstate& estate, const ImportOptions& options) {
  const VInfoColumns c = find_vinfo_columns(sheet);
  VmApps apps(sheet, options.apps, options.apps_key);
  if (!c.vm || !apps.ok()) {
    return;
  }
  note_binary_units(sheet, estate, {c.memory, c.disk});
  DefinedIds defined;
  std::size_t servers = 0;
  std::vector<std::string> templates;
  for (const CsvRecord& row : sheet.rows()) {
    if (!sheet.check_width(row)) {
      continue;
    }
    const bool is_template = lower(sheet.text(row, c.template_flag)) == "true";
    // Templates are no running servers; with --apps each is an unused application to retire.
    if (is_template && !apps.active()) {
      templates.push_back(sheet.text(row, c.vm));
    } else if (ImportedEntity* server = define_server(sheet, estate, defined, row, c.vm, "VM")) {
      import_vm(sheet, estate, c, row, *server);
      if (is_template) {
        server->notes.emplace_back("a VM template");
      }
      apps.add(row, server->id, sheet.text(row, c.vm),
               power_of(sheet.text(row, c.powerstate)) == Power::off, is_template);
      ++servers;
    }
  }
  apps.finish(estate);
  if (!templates.empty()) {
    estate.note_file(fmt::format(
        "{}: {} VM template{} not imported (templates are not running "
        "servers): {}",
        sheet.file(), templates.size(), templates.size() == 1 ? "" : "s", join(templates, ", ")));
  }
  note_sheet(estate, sheet, fmt::format("vInfo, {} VMs", servers));
}

// ---- AWS Migration Hub import template -----------------------------------------------------

struct MhColumns {
  Column hostname;
  Column vm_name;
  Column external_id;
  Column ip;
  Column mac;
  Column moref;
  Column server_id;
  Column os_name;
  Column os_version;
  Column cores;
  Column logical_cores;
  Column ram_mb;
  Column ram_used_mb;
  Column cpu_max;
  Column applications;
  Column wave;
  Column tags;

  // What can name a server, most readable first.
  [[nodiscard]] std::array<Column, 7> names() const {
    return {hostname, vm_name, external_id, ip, mac, moref, server_id};
  }
};

MhColumns find_mh_columns(Sheet& sheet) {
  MhColumns c;
  c.hostname = sheet.column({"hostname"});
  c.vm_name = sheet.column({"vmware vmname"});
  c.external_id = sheet.column({"externalid"});
  c.ip = sheet.column({"ipaddress"});
  c.mac = sheet.column({"macaddress"});
  c.moref = sheet.column({"vmware morefid"});
  c.server_id = sheet.column({"serverid"});
  c.os_name = sheet.column({"os name"});
  c.os_version = sheet.column({"os version"});
  c.cores = sheet.column({"cpu numberofcores"});
  c.logical_cores = sheet.column({"cpu numberoflogicalcores"});
  c.ram_mb = sheet.column({"ram totalsizeinmb"});
  c.ram_used_mb = sheet.column({"ram usedsizeinmb max"});
  c.cpu_max = sheet.column({"cpu usagepct max"});
  c.applications = sheet.column({"applications"});
  c.wave = sheet.column({"applicationwave"});
  c.tags = sheet.column({"tags"});
  return c;
}

// The servers a row names as its applications: each application runs on `server`.
void import_mh_applications(Sheet& sheet, ImportedEstate& estate, const MhColumns& c,
                            const CsvRecord& row, const ImportedEntity& server) {
  const SourceLocation where = sheet.at(row, c.applications);
  const std::string wave = sheet.text(row, c.wave);
  for (const std::string& app_name : split_list(sheet.text(row, c.applications), ',')) {
    if (const auto app_id = id_for(app_name, "Applications", where, estate.sink())) {
      ImportedEntity& app = estate.get(EntityKind::application, *app_id, where);
      estate.set(app, "name", app_name, where);
      estate.add_server(app, server.id, where);
      if (!wave.empty()) {
        app.notes.push_back(
            fmt::format("Migration Hub wave '{}' (dcexit plans its own waves)", wave));
      }
    }
  }
}

void import_mh_row(Sheet& sheet, ImportedEstate& estate, DefinedIds& defined, const CsvRecord& row,
                   const MhColumns& c) {
  const auto names = c.names();
  const auto named = std::find_if(names.begin(), names.end(),
                                  [&](Column column) { return !sheet.text(row, column).empty(); });
  if (named == names.end()) {
    sheet.error(sheet.at(row), Code::missing_value,
                "row has none of ExternalId, IPAddress, MACAddress, HostName, VMware.MoRefId; "
                "Migration Hub needs one to identify the server");
    return;
  }
  ImportedEntity* server = define_server(sheet, estate, defined, row, *named, "HostName");
  if (server == nullptr) {
    return;
  }
  if (!sheet.text(row, c.moref).empty()) {
    estate.set_plain(*server, "kind", "virtual", sheet.at(row, c.moref));
  }
  set_os(estate, *server, sheet.text(row, c.os_name), sheet.text(row, c.os_version),
         sheet.at(row, c.os_name));
  const Column cores = sheet.text(row, c.cores).empty() ? c.logical_cores : c.cores;
  if (const auto n = sheet.number(row, cores, 0, 100000)) {
    estate.set_number(*server, "cpu_cores", *n, sheet.at(row, cores));
  }
  const auto ram_mb = sheet.number(row, c.ram_mb, 0, 1e12);
  if (ram_mb) {
    estate.set_number(*server, "memory_gb", *ram_mb / 1000, sheet.at(row, c.ram_mb));
  }
  if (const auto cpu = sheet.number(row, c.cpu_max, 0, 100)) {
    estate.set_number(*server, "utilisation.cpu", *cpu / 100, sheet.at(row, c.cpu_max), 3);
  }
  const auto used_mb = sheet.number(row, c.ram_used_mb, 0, 1e12);
  if (used_mb && ram_mb && *ram_mb > 0) {
    estate.set_number(*server, "utilisation.memory", std::min(1.0, *used_mb / *ram_mb),
                      sheet.at(row, c.ram_used_mb), 3);
  }
  import_mh_applications(sheet, estate, c, row, *server);
  if (const std::string tags = sheet.text(row, c.tags); !tags.empty()) {
    server->notes.push_back("tags: " + tags);
  }
}

}  // namespace

void import_rvtools_sheet(Sheet& sheet, ImportedEstate& estate, const ImportOptions& options) {
  sheet.alias(k_rvtools_db_names);
  sheet.binary_units();
  if (!sheet.has("vm") && sheet.has("host")) {
    import_vhost(sheet, estate);
  } else {
    import_vinfo(sheet, estate, options);
  }
}

void import_aws_mh_sheet(Sheet& sheet, ImportedEstate& estate) {
  sheet.drop_prefix("server ");  // the EC2 recommendations export's `Server.HostName`
  const MhColumns c = find_mh_columns(sheet);
  // A row needs one of these (the template's rule); the VM name and ServerId alone do not do.
  if (!c.hostname && !c.external_id && !c.ip && !c.mac && !c.moref) {
    sheet.require({"hostname"}, "HostName");
    return;
  }
  DefinedIds defined;
  std::size_t servers = 0;
  for (const CsvRecord& row : sheet.rows()) {
    if (sheet.check_width(row)) {
      import_mh_row(sheet, estate, defined, row, c);
      ++servers;
    }
  }
  note_sheet(estate, sheet, fmt::format("{} servers", servers));
}

namespace {

// The import template's columns, and the names the portal's assessment export
// (All_Assessed_Machines: `Machine`, `Memory(MB)`, `CPU usage(%)`) and the Azure Migrate
// Export tool's reports (`Machine Name`, `Memory (in MB)`, `CPU Utilization (in %)`) give them.
struct AzureColumns {
  Column name;
  Column cores;
  QuantityColumn memory;
  Column os_name;
  Column os_version;
  Column type;
  Column hypervisor;
  Column vm_host;
  Column cpu;
  Column mem;
  Column environment;
  Column power;
  Column recommended;
  Column readiness;
  Column group;
  QuantityColumn storage;
  QuantityColumn in_use;
  std::vector<QuantityColumn> disks;
};

AzureColumns find_azure_columns(Sheet& sheet) {
  AzureColumns c;
  c.name = sheet.require({"server name", "machine", "machine name"}, "*Server name");
  c.cores = sheet.require({"cores"}, "*Cores");
  c.memory = sheet.quantity({"memory"}, "mb");
  if (!c.memory.column) {
    sheet.require({"memory in mb"}, "*Memory (In MB)");
  }
  c.os_name = sheet.require({"os name", "operating system"}, "*OS name");
  c.os_version = sheet.column({"os version"});
  c.type = sheet.column({"server type"});
  c.hypervisor = sheet.column({"hypervisor"});
  c.vm_host = sheet.column({"vm host"});
  c.cpu = sheet.column(
      {"cpu utilization percentage", "cpu usage", "cpu utilization in", "cpu utilization"});
  c.mem = sheet.column({"memory utilization percentage", "memory usage", "memory utilization in",
                        "memory utilization"});
  c.environment = sheet.column({"environment"});
  c.power = sheet.column({"power stats", "power status", "power state"});
  c.recommended = sheet.column({"recommended size", "recommended vm size"});
  c.readiness = sheet.column({"azure vm readiness"});
  c.group = sheet.column({"group name"});
  c.storage = sheet.quantity({"storage"}, "gb");
  c.in_use = sheet.quantity({"storage in use"}, "gb");
  for (int n = 1; n <= 64; ++n) {
    const QuantityColumn disk = sheet.quantity({fmt::format("disk {} size", n)}, "gb");
    if (disk.column) {
      c.disks.push_back(disk);
    }
  }
  return c;
}

// Storage: the disks' sizes summed if any is given, else the machine's storage, else the
// storage in use.
void set_azure_storage(Sheet& sheet, ImportedEstate& estate, const AzureColumns& c,
                       const CsvRecord& row, ImportedEntity& server) {
  double total = 0;
  Column first;
  for (const QuantityColumn& disk : c.disks) {
    if (const auto gb = sheet.gigabytes(row, disk)) {
      total += *gb;
      first = first ? first : disk.column;
    }
  }
  if (first) {
    estate.set_number(server, "storage_gb", total, sheet.at(row, first));
    return;
  }
  for (const QuantityColumn* quantity : {&c.storage, &c.in_use}) {
    if (const auto gb = sheet.gigabytes(row, *quantity)) {
      estate.set_number(server, "storage_gb", *gb, sheet.at(row, quantity->column));
      return;
    }
  }
}

// Servers whose CPU or memory use reads 0%: Azure Migrate writes 0 when its appliance
// collected no data, so 0 is "not known" (sized by the profile's default), not a measurement.
struct ZeroUse {
  std::vector<std::string> servers;
  SourceLocation first;
};

void set_use(Sheet& sheet, ImportedEstate& estate, const CsvRecord& row, Column column,
             std::string_view key, ImportedEntity& server, ZeroUse& zero) {
  const auto f = sheet.fraction(row, column);
  if (!f) {
    return;
  }
  if (*f > 0) {
    estate.set_number(server, key, *f, sheet.at(row, column), 3);
    return;
  }
  if (zero.servers.empty() || zero.servers.back() != server.id) {
    if (zero.servers.empty()) {
      zero.first = sheet.at(row, column);
    }
    zero.servers.push_back(server.id);
  }
  server.notes.push_back(fmt::format("'{}' 0%: taken as not known", sheet.header_name(column)));
}

void warn_zero_use(Sheet& sheet, const ZeroUse& zero) {
  if (zero.servers.empty()) {
    return;
  }
  sheet.warning(
      zero.first, Code::missing_value,
      fmt::format("{} server{} report{} 0% CPU or memory use, which Azure Migrate writes when "
                  "its appliance collected no data: taken as not known, so the profile's default "
                  "utilisation sizes them ({})",
                  zero.servers.size(), zero.servers.size() == 1 ? "" : "s",
                  zero.servers.size() == 1 ? "s" : "", examples(zero.servers)));
}

// What the inventory has no key for, as a comment on the server.
void azure_notes(Sheet& sheet, const AzureColumns& c, const CsvRecord& row,
                 ImportedEntity& server) {
  std::vector<std::string> notes;
  for (const auto& [label, column] :
       {std::pair{"hypervisor", c.hypervisor}, {"host", c.vm_host}, {"group", c.group}}) {
    if (const std::string value = sheet.text(row, column); !value.empty()) {
      notes.push_back(fmt::format("{} {}", label, value));
    }
  }
  if (const std::string size = sheet.text(row, c.recommended); !size.empty()) {
    notes.push_back("Azure Migrate recommends " + size);
  }
  if (const std::string ready = sheet.text(row, c.readiness);
      !ready.empty() && lower(ready) != "ready for azure" && lower(ready) != "ready") {
    notes.push_back("Azure VM readiness: " + ready);
  }
  if (power_of(sheet.text(row, c.power)) == Power::off) {
    notes.emplace_back("powered off: still needed?");
  }
  if (!notes.empty()) {
    server.notes.push_back(join(notes, "; "));
  }
}

void set_azure_kind(Sheet& sheet, ImportedEstate& estate, const AzureColumns& c,
                    const CsvRecord& row, ImportedEntity& server) {
  const std::string kind = lower(sheet.text(row, c.type));
  if (kind == "physical" || kind == "virtual") {
    estate.set_plain(server, "kind", kind, sheet.at(row, c.type));
  } else if (!kind.empty()) {
    sheet.warning(sheet.at(row, c.type), Code::bad_value,
                  fmt::format("'Server type' is '{}'; expected Physical or Virtual, not imported",
                              sheet.text(row, c.type)));
  }
  const std::string environment = sheet.text(row, c.environment);
  if (const auto value = environment_of(environment)) {
    estate.set_plain(server, "environment", *value, sheet.at(row, c.environment));
  } else if (!environment.empty()) {
    server.notes.push_back("environment " + environment);
  }
}

void import_azure_row(Sheet& sheet, ImportedEstate& estate, const AzureColumns& c,
                      const CsvRecord& row, ImportedEntity& server, ZeroUse& zero) {
  for (const Column column : {c.cores, c.memory.column, c.os_name}) {
    if (sheet.text(row, column).empty()) {
      sheet.error(
          sheet.at(row, column), Code::missing_value,
          fmt::format("'{}' is empty; Azure Migrate requires it", sheet.header_name(column)));
    }
  }
  set_os(estate, server, sheet.text(row, c.os_name), sheet.text(row, c.os_version),
         sheet.at(row, c.os_name));
  set_azure_kind(sheet, estate, c, row, server);
  if (const auto n = sheet.number(row, c.cores, 0, 100000)) {
    estate.set_number(server, "cpu_cores", *n, sheet.at(row, c.cores));
  }
  if (const auto gb = sheet.gigabytes(row, c.memory)) {
    estate.set_number(server, "memory_gb", *gb, sheet.at(row, c.memory.column));
  }
  set_azure_storage(sheet, estate, c, row, server);
  set_use(sheet, estate, row, c.cpu, "utilisation.cpu", server, zero);
  set_use(sheet, estate, row, c.mem, "utilisation.memory", server, zero);
  azure_notes(sheet, c, row, server);
}

}  // namespace

void import_azure_migrate_sheet(Sheet& sheet, ImportedEstate& estate,
                                const ImportOptions& options) {
  const AzureColumns c = find_azure_columns(sheet);
  VmApps apps(sheet, options.apps, options.apps_key);
  if (!c.name || !c.cores || !c.memory.column || !c.os_name || !apps.ok()) {
    return;
  }
  DefinedIds defined;
  ZeroUse zero;
  std::size_t servers = 0;
  for (const CsvRecord& row : sheet.rows()) {
    if (!sheet.check_width(row)) {
      continue;
    }
    if (ImportedEntity* server =
            define_server(sheet, estate, defined, row, c.name, sheet.header_name(c.name))) {
      import_azure_row(sheet, estate, c, row, *server, zero);
      apps.add(row, server->id, sheet.text(row, c.name),
               power_of(sheet.text(row, c.power)) == Power::off, false);
      ++servers;
    }
  }
  warn_zero_use(sheet, zero);
  apps.finish(estate);
  note_sheet(estate, sheet, fmt::format("{} servers", servers));
}

}  // namespace dcexit::detail
