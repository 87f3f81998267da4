// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: typed values out of YamlNodes, with a diagnostic for every value that does not fit.
#pragma once

#include "base/yaml_stream.hpp"

#include <dcexit/diagnostic.hpp>
#include <dcexit/inventory.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dcexit::detail {

// One key of a mapping and its value, with merge keys (`<<`) already applied.
struct MapEntry {
  std::string_view key;
  const YamlNode* key_node = nullptr;
  const YamlNode* value = nullptr;
};

// An enum's spelling in the inventory.
template <class E>
using EnumNames = std::span<const std::pair<std::string_view, E>>;

class NodeReader {
 public:
  NodeReader(std::string_view file, std::uint32_t file_index, DiagnosticSink& sink)
      : m_file(file), m_file_index(file_index), m_sink(sink) {}

  [[nodiscard]] SourceLocation where(Mark mark) const;
  [[nodiscard]] Location location(Mark mark) const {
    return {mark.option ? k_option_file : m_file_index, mark.line, mark.column};
  }
  void error(Mark mark, Code code, std::string message);
  // Errors reported so far (to tell whether a part read cleanly).
  [[nodiscard]] std::size_t error_count() const;
  void warning(Mark mark, Code code, std::string message);

  // The entries of mapping `node`, or nullopt (with an error naming `what`) if it is not one.
  std::optional<std::vector<MapEntry>> entries(const YamlNode& node, std::string_view what);
  // Warns about a key that is not in `known`, with a did-you-mean hint.
  void unknown_key(const MapEntry& entry, std::span<const std::string_view> known,
                   std::string_view context);
  // Errors for each of `required` that `entries` lacks.
  void require(const YamlNode& map, const std::vector<MapEntry>& entries,
               std::span<const std::string_view> required, std::string_view context);

  // Each returns nullopt for an explicit null (the key is treated as absent) or a bad value.
  std::optional<std::string> string(const MapEntry& entry);
  std::optional<std::string> id(const MapEntry& entry);
  std::optional<std::int64_t> integer(const MapEntry& entry, std::int64_t min, std::int64_t max);
  std::optional<double> number(const MapEntry& entry, double min, double max,
                               std::string_view hint = {});
  std::optional<Date> date(const MapEntry& entry);
  std::optional<bool> boolean(const MapEntry& entry);
  // The items of the list `entry`; nullptr for an explicit null, or (after an error saying it
  // must be `expected`) for anything that is not a list.
  const std::vector<YamlNode>* items(const MapEntry& entry, std::string_view expected = "a list");
  std::optional<std::vector<std::string>> string_list(const MapEntry& entry);
  // A list whose items are ids; each with its mark.
  std::vector<std::pair<std::string, Mark>> id_list(const MapEntry& entry);

  template <class E>
  std::optional<E> enumeration(const MapEntry& entry, EnumNames<E> names) {
    const auto text = scalar_text(entry, "a name");
    if (!text) {
      return std::nullopt;
    }
    for (const auto& [name, value] : names) {
      if (name == *text) {
        return value;
      }
    }
    std::vector<std::string_view> spellings;
    for (const auto& [name, value] : names) {
      spellings.push_back(name);
    }
    bad_enum(entry, *text, spellings);
    return std::nullopt;
  }

  // Checks `text` as an id and reports a malformed one against `mark`.
  bool check_id(std::string_view text, Mark mark, std::string_view context);

 private:
  std::optional<std::string> scalar_text(const MapEntry& entry, std::string_view expected);
  void not_a_number(const MapEntry& entry, std::string_view text, std::string_view expected);
  void bad_enum(const MapEntry& entry, std::string_view text,
                std::span<const std::string_view> spellings);
  void collect(const YamlNode& map, std::vector<MapEntry>& out, int depth);

  std::string_view m_file;
  std::uint32_t m_file_index;
  DiagnosticSink& m_sink;
};

}  // namespace dcexit::detail
