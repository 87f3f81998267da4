// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: reads one site, server, application, estate or policy from its YAML node.
#pragma once

#include "base/node_reader.hpp"

#include <dcexit/inventory.hpp>

#include <optional>
#include <string>
#include <vector>

namespace dcexit::detail {

// A reference by id, resolved to an index once every file has been read.
struct Ref {
  std::string id;
  Location location;
};

struct RawServer {
  Server server;
  std::optional<Ref> site;
};

struct RawDependency {
  Ref app;
  Coupling coupling = Coupling::prerequisite;
  std::optional<std::int64_t> max_split_days;
};

struct RawApplication {
  Application app;
  std::vector<Ref> servers;
  std::vector<RawDependency> depends_on;
  std::optional<Ref> replaced_by;
  std::optional<Location> serves_until_at;  // where serves_until was given
};

struct RawFreeze {
  Freeze freeze;
  std::vector<Ref> apps;
};

// An entry of the top-level `progress` list: the progress of the app it names.
struct RawProgress {
  Ref app;
  Progress progress;
};

// Each returns nullopt when the entity has no usable id; its other problems are reported.
std::optional<Site> read_site(NodeReader& reader, const YamlNode& node);
std::optional<RawServer> read_server(NodeReader& reader, const YamlNode& node);
std::optional<RawApplication> read_application(NodeReader& reader, const YamlNode& node);
std::optional<RawProgress> read_progress_entry(NodeReader& reader, const YamlNode& node);
// Returns false when a required field is missing or invalid.
bool read_estate(NodeReader& reader, const YamlNode& node, Estate& estate);
void read_policy(NodeReader& reader, const YamlNode& node, Policy& policy,
                 std::vector<RawFreeze>& freezes);

}  // namespace dcexit::detail
