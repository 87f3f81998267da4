// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "import/vm_apps.hpp"

#include "base/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace dcexit::detail {

namespace {

std::string_view option_name(AppGrouping grouping) {
  for (const auto& [name, value] : k_app_groupings) {
    if (value == grouping) {
      return name;
    }
  }
  return "none";
}

// The value of `key` in text such as "App: payroll; Owner=HR" or one "key: value" per line
// (ignoring the key's case), or "Category/Tag" items; empty when the key is not there.
std::string keyed_value(std::string_view text, std::string_view key) {
  std::size_t from = 0;
  while (from <= text.size()) {
    std::size_t to = text.find_first_of(";,\n", from);
    if (to == std::string_view::npos) {
      to = text.size();
    }
    const std::string item = trim(text.substr(from, to - from));
    const std::size_t mark = item.find_first_of(":=/");
    if (mark != std::string::npos && iequals(trim(item.substr(0, mark)), key)) {
      return trim(item.substr(mark + 1));
    }
    from = to + 1;
  }
  return {};
}

// A folder as RVTools gives it ("/Datacenter/vm/Finance/Payroll" or "Finance/Payroll"), without
// the datacenter's hidden "vm" root.
std::string folder_label(std::string folder) {
  const std::size_t root = folder.find("/vm/");
  if (folder.starts_with('/') && root != std::string::npos) {
    folder = folder.substr(root + 4);
  }
  while (!folder.empty() && folder.front() == '/') {
    folder.erase(folder.begin());
  }
  return folder == "vm" ? std::string() : folder;
}

}  // namespace

VmApps::VmApps(Sheet& sheet, AppGrouping grouping, std::string key)
    : m_sheet(sheet), m_grouping(grouping), m_key(std::move(key)) {
  const std::string own = normalise_header(m_key);
  switch (grouping) {
    case AppGrouping::none:
    case AppGrouping::per_vm:
      break;
    case AppGrouping::by_folder:
      m_vapp = sheet.column({"vapp"});
      m_folder = sheet.column({"folder", "folder path"});
      m_folder_id = sheet.column({"folder id"});
      if (!m_vapp && !m_folder && !m_folder_id) {
        sheet.require({"folder"}, "Folder' or 'vApp");
        m_ok = false;
      }
      break;
    case AppGrouping::by_annotation:
      m_own = sheet.column({own});
      m_text = sheet.column({"annotation", "annotations", "notes", "description"});
      if (!m_own && !m_text) {
        sheet.require({"annotation"}, fmt::format("{}' or 'Annotation", m_key));
        m_ok = false;
      }
      break;
    case AppGrouping::by_tag:
      m_own = sheet.column({own, "tag " + own, "tag: " + own, "tags " + own});
      m_text = sheet.column({"tags", "tag", "vsphere tags"});
      if (!m_own && !m_text) {
        sheet.require({"tags"}, fmt::format("{}' or 'Tags", m_key));
        m_ok = false;
      }
      break;
  }
}

std::pair<std::string, SourceLocation> VmApps::group_of(const CsvRecord& row) const {
  switch (m_grouping) {
    case AppGrouping::none:
    case AppGrouping::per_vm:
      return {};
    case AppGrouping::by_folder:
      if (std::string vapp = m_sheet.text(row, m_vapp); !vapp.empty()) {
        return {vapp, m_sheet.at(row, m_vapp)};
      }
      if (std::string folder = folder_label(m_sheet.text(row, m_folder)); !folder.empty()) {
        return {std::move(folder), m_sheet.at(row, m_folder)};
      }
      return {m_sheet.text(row, m_folder_id), m_sheet.at(row, m_folder_id)};
    case AppGrouping::by_annotation:
    case AppGrouping::by_tag:
      if (std::string value = m_sheet.text(row, m_own); !value.empty()) {
        return {value, m_sheet.at(row, m_own)};
      }
      return {keyed_value(m_sheet.text(row, m_text), m_key), m_sheet.at(row, m_text)};
  }
  return {};
}

void VmApps::add(const CsvRecord& row, const std::string& server_id, const std::string& vm_name,
                 bool powered_off, bool is_template) {
  if (!active()) {
    return;
  }
  Vm vm{server_id, vm_name, m_sheet.at(row), powered_off, is_template};
  // A pair, not a structured binding: clang 14 cannot capture a binding in the lambda.
  std::pair<std::string, SourceLocation> group =
      is_template ? std::pair<std::string, SourceLocation>{} : group_of(row);
  const std::string& label = group.first;
  if (!label.empty()) {
    const auto found = std::find_if(m_groups.begin(), m_groups.end(),
                                    [&](const Group& g) { return g.label == label; });
    if (found != m_groups.end()) {
      found->vms.push_back(std::move(vm));
      return;
    }
  }
  m_groups.push_back({std::move(group.first), std::move(group.second), {std::move(vm)}});
}

void VmApps::make_app(ImportedEstate& estate, const Group& group, const std::string& id) {
  const Vm& first = group.vms.front();
  const SourceLocation& where = group.label.empty() ? first.where : group.where;
  ImportedEntity& app = estate.get(EntityKind::application, id, where);
  estate.set(app, "name", group.label.empty() ? first.name : group.label, where);
  std::vector<std::string> off;
  for (const Vm& vm : group.vms) {
    estate.add_server(app, vm.server, vm.where);
    if (vm.powered_off || vm.is_template) {
      off.push_back(vm.server);
    }
  }
  const std::string option =
      std::string(option_name(m_grouping)) + (m_key.empty() ? "" : "=" + m_key);
  if (first.is_template) {
    app.notes.push_back(fmt::format(
        "made by --apps {} of VM template {}: a template runs nothing; retire it unless it "
        "still builds servers",
        option, first.name));
  } else if (group.label.empty()) {
    app.notes.push_back(
        m_grouping == AppGrouping::per_vm
            ? fmt::format("made by --apps {} of VM {}: check that it is one application, and "
                          "merge the VMs that serve one",
                          option, first.name)
            : fmt::format(
                  "made by --apps {} of VM {}, which has no {}: an application of its "
                  "own until you say which it belongs to",
                  option, first.name,
                  m_grouping == AppGrouping::by_folder ? "folder or vApp" : "'" + m_key + "'"));
  } else {
    app.notes.push_back(fmt::format("made by --apps {} of the {} VM{} of '{}'", option,
                                    group.vms.size(), group.vms.size() == 1 ? "" : "s",
                                    group.label));
    if (m_grouping == AppGrouping::by_folder && lower(group.label).starts_with("group-v")) {
      app.notes.emplace_back(
          "named by its folder's vCenter id (RVTools 4.7 leaves 'Folder' empty and gives "
          "'Folder ID'): give it the application's name");
    }
  }
  if (!off.empty() && off.size() == group.vms.size()) {
    estate.set_plain(app, "usage_trend", "unused", where);
    if (!first.is_template) {
      app.notes.emplace_back(group.vms.size() == 1
                                 ? "powered off: unused, so the assessment proposes retiring it"
                                 : "every VM powered off: unused, so the assessment proposes "
                                   "retiring it");
    }
  } else if (!off.empty()) {
    app.notes.push_back(fmt::format("powered off: {} (still needed?)", join(off, ", ")));
  }
}

namespace {

// `base`, or when another group took it, `base-N` for the first N from `next` (at least 2)
// that no group took, with `base` cut so the id stays within k_max_id_length. Two labels
// may make one id ("Pay roll", "pay-roll"); `next` remembers where the search for `base`
// stopped, so n groups with one label cost n tries, not n^2/2.
std::string unused_id(const std::string& base, const std::set<std::string, std::less<>>& used,
                      std::size_t& next) {
  if (!used.contains(base)) {
    return base;
  }
  for (next = std::max<std::size_t>(next, 2);; ++next) {
    const std::string suffix = fmt::format("-{}", next);
    std::string stem = base.substr(0, k_max_id_length - suffix.size());
    while (stem.size() > 1 && (stem.back() == '-' || stem.back() == '.' || stem.back() == '_')) {
      stem.pop_back();
    }
    std::string id = stem + suffix;
    if (!used.contains(id)) {
      return id;
    }
  }
}

}  // namespace

void VmApps::finish(ImportedEstate& estate) {
  if (!active() || m_groups.empty()) {
    return;
  }
  if (m_grouping == AppGrouping::by_folder &&
      std::all_of(m_groups.begin(), m_groups.end(),
                  [](const Group& g) { return g.label.empty(); })) {
    m_sheet.warning(m_sheet.head(), Code::missing_value,
                    "no VM has a folder or vApp ('Folder', 'Folder ID' and 'vApp' empty or "
                    "absent): --apps by-folder made one application per VM; --apps "
                    "by-annotation=KEY or by-tag=CATEGORY may group them");
  }
  std::set<std::string, std::less<>> used;
  std::map<std::string, std::size_t, std::less<>> next_suffix;
  std::size_t unused = 0;
  for (const Group& group : m_groups) {
    std::string base = make_id(group.label.empty() ? group.vms.front().server : group.label);
    if (base.empty()) {
      base = group.vms.front().server;
    }
    const std::string id = unused_id(base, used, next_suffix[base]);
    used.insert(id);
    make_app(estate, group, id);
    if (std::all_of(group.vms.begin(), group.vms.end(),
                    [](const Vm& vm) { return vm.powered_off || vm.is_template; })) {
      ++unused;
    }
  }
  estate.note_file(fmt::format(
      "{}: {} application{} made by --apps {}{} of its VMs, {} of them unused (every VM powered "
      "off or a template); their owners, criticality, users and dependencies are not known: "
      "the assessment says how thin that makes it",
      m_sheet.file(), m_groups.size(), m_groups.size() == 1 ? "" : "s", option_name(m_grouping),
      m_key.empty() ? "" : "=" + m_key, unused));
}

}  // namespace dcexit::detail
