// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: applications made of the VMs of a server inventory (`import --apps`): one per VM,
// or one per vApp or folder, annotation key or vSphere tag category; powered-off VMs and
// templates marked unused, so that the assessment proposes their retirement.
#pragma once

#include "import/imported_estate.hpp"
#include "import/sheet.hpp"

#include <dcexit/import.hpp>

#include <string>
#include <vector>

namespace dcexit::detail {

class VmApps {
 public:
  // Finds the columns `grouping` reads in `sheet`; an error naming the --apps option when the
  // sheet has none of them (then `ok()` is false).
  VmApps(Sheet& sheet, AppGrouping grouping, std::string key);

  [[nodiscard]] bool ok() const { return m_ok; }
  [[nodiscard]] bool active() const { return m_grouping != AppGrouping::none && m_ok; }

  // One VM of `row`, imported as server `server_id`.
  void add(const CsvRecord& row, const std::string& server_id, const std::string& vm_name,
           bool powered_off, bool is_template);

  // The applications, in the order their first VM came; a note on the file with the counts.
  void finish(ImportedEstate& estate);

 private:
  struct Vm {
    std::string server;
    std::string name;
    SourceLocation where;
    bool powered_off = false;
    bool is_template = false;
  };
  struct Group {
    std::string label;  // the folder, annotation value or tag; empty: the VM on its own
    SourceLocation where;
    std::vector<Vm> vms;
  };
  // The group value of `row` and where it is; empty when the VM has none.
  std::pair<std::string, SourceLocation> group_of(const CsvRecord& row) const;
  void make_app(ImportedEstate& estate, const Group& group, const std::string& id);

  Sheet& m_sheet;
  AppGrouping m_grouping;
  std::string m_key;
  bool m_ok = true;
  Column m_vapp;
  Column m_folder;
  Column m_folder_id;  // RVTools 4.7 leaves Folder empty and names the folder here
  Column m_own;        // a column named for the key or category (a custom attribute, a tag column)
  Column m_text;       // Annotation / Notes, or Tags: "KEY: value" items
  std::vector<Group> m_groups;
};

}  // namespace dcexit::detail
