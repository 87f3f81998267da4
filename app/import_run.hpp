// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// What `dcexit import` was asked, shared by its files.
#pragma once

#include <dcexit/import.hpp>

#include <optional>
#include <string>
#include <vector>

namespace dcexit::cli {

struct ImportCommandOptions {
  std::vector<std::string> files;
  std::string from;
  std::string output = "-";
  bool force = false;
  bool quiet = false;
  std::string name;
  std::string start;
  std::string site;
  std::vector<std::string> maps;
  std::string apps;
};

// Options as the library takes them, or nullopt after printing what is wrong.
std::optional<ImportOptions> library_options(const ImportCommandOptions& o);

}  // namespace dcexit::cli
