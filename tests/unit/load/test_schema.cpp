// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "test_support.hpp"

#include <dcexit/load.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>
#include <sstream>

using namespace dcexit;
using nlohmann::json;

namespace {

// The JSON Schema object describing the mapping at `path` ("", "policy.wave", "sites", ...).
const json& schema_object(const json& root, const std::string& path) {
  const json* node = &root;
  std::stringstream parts(path);
  std::string part;
  while (std::getline(parts, part, '.')) {
    node = &(*node)["properties"][part];
    if (node->contains("items")) {
      node = &(*node)["items"];
      if (node->contains("oneOf")) {
        node = &(*node)["oneOf"][1];  // depends_on: an id, or a mapping
      }
    }
  }
  return *node;
}

}  // namespace

TEST_CASE("schema: the JSON Schema names exactly the keys the loader reads", "[schema]") {
  const json schema = json::parse(inventory_json_schema());
  for (const KeySection& section : inventory_key_sections()) {
    INFO("section '" << section.path << "'");
    const json& object = schema_object(schema, std::string(section.path));
    REQUIRE(object.contains("properties"));
    CHECK(object["additionalProperties"] == false);
    std::set<std::string> in_schema;
    for (const auto& [key, value] : object["properties"].items()) {
      in_schema.insert(key);
    }
    const std::set<std::string> in_loader(section.keys.begin(), section.keys.end());
    CHECK(in_schema == in_loader);
  }
}

TEST_CASE("schema: the built-in schema is the shipped file", "[schema]") {
  CHECK(inventory_json_schema() ==
        test::read_file(test::source_dir() / "schema" / "dcexit-v1.schema.json"));
}

TEST_CASE("schema: every example points editors at the schema", "[schema]") {
  namespace fs = std::filesystem;
  std::size_t files = 0;
  for (const char* dir : {"examples", "inventories"}) {
    for (const auto& entry : fs::recursive_directory_iterator(test::source_dir() / dir)) {
      if (entry.path().extension() != ".yaml") {
        continue;
      }
      INFO(entry.path().string());
      const std::string text = test::read_file(entry.path());
      if (text.find("\nschema: dcexit-profile/v1\n") != std::string::npos) {
        continue;  // a scoring profile beside the inventory: the schema is the inventory's
      }
      CHECK(text.find("# yaml-language-server: $schema=") != std::string::npos);
      ++files;
    }
  }
  CHECK(files >= 5);
}
