// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/node_reader.hpp"

#include "base/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace dcexit::detail {

SourceLocation NodeReader::where(Mark mark) const {
  return {std::string(mark.option ? k_option_file_name : m_file), mark.line, mark.column};
}

void NodeReader::error(Mark mark, Code code, std::string message) {
  m_sink.error(where(mark), code, std::move(message));
}

void NodeReader::warning(Mark mark, Code code, std::string message) {
  m_sink.warning(where(mark), code, std::move(message));
}

std::optional<std::vector<MapEntry>> NodeReader::entries(const YamlNode& node,
                                                         std::string_view what) {
  const YamlNode& map = node.resolved();
  if (map.kind != YamlNode::Kind::map) {
    error(node.mark, Code::wrong_type,
          fmt::format("{} must be a mapping, got {}", what, node.kind_name()));
    return std::nullopt;
  }
  std::vector<MapEntry> out;
  collect(map, out, 0);
  return out;
}

void NodeReader::collect(const YamlNode& map, std::vector<MapEntry>& out, int depth) {
  const std::size_t explicit_begin = out.size();
  const auto already = [&](std::string_view key, std::size_t from) {
    return std::any_of(out.begin() + static_cast<std::ptrdiff_t>(from), out.end(),
                       [&](const MapEntry& e) { return e.key == key; });
  };
  std::vector<const YamlNode*> merges;
  for (std::size_t i = 0; i + 1 < map.children.size(); i += 2) {
    const YamlNode& key = map.children[i];
    const YamlNode& value = map.children[i + 1];
    if (key.resolved().text == "<<" && !key.resolved().quoted) {
      merges.push_back(&value);
    } else {
      out.push_back({key.resolved().text, &key, &value});
    }
  }
  // Merged keys never override keys the mapping sets itself, nor earlier merges.
  for (const YamlNode* merge : merges) {
    const YamlNode& source = merge->resolved();
    std::vector<const YamlNode*> maps;
    if (source.kind == YamlNode::Kind::map) {
      maps.push_back(&source);
    } else if (source.kind == YamlNode::Kind::sequence) {
      for (const YamlNode& item : source.children) {
        maps.push_back(&item.resolved());
      }
    }
    if (maps.empty() || std::any_of(maps.begin(), maps.end(), [](const YamlNode* m) {
          return m->kind != YamlNode::Kind::map;
        })) {
      error(merge->mark, Code::bad_merge, "merge key '<<' needs a mapping or a list of mappings");
      continue;
    }
    for (const YamlNode* m : maps) {
      std::vector<MapEntry> merged;
      collect(*m, merged, depth + 1);
      for (const MapEntry& entry : merged) {
        if (!already(entry.key, explicit_begin)) {
          out.push_back(entry);
        }
      }
    }
  }
}

void NodeReader::unknown_key(const MapEntry& entry, std::span<const std::string_view> known,
                             std::string_view context) {
  // A `--set` of a key nothing reads changes nothing: a what-if that is no what-if fails.
  if (entry.key_node->mark.option) {
    error(entry.key_node->mark, Code::unknown_key,
          fmt::format("unknown key '{}' in {}{}: this --set would change nothing",
                      abbreviate(entry.key), context, did_you_mean(entry.key, known)));
    return;
  }
  warning(entry.key_node->mark, Code::unknown_key,
          fmt::format("unknown key '{}' in {}{}", abbreviate(entry.key), context,
                      did_you_mean(entry.key, known)));
}

void NodeReader::require(const YamlNode& map, const std::vector<MapEntry>& entries,
                         std::span<const std::string_view> required, std::string_view context) {
  for (std::string_view key : required) {
    const auto found = std::find_if(entries.begin(), entries.end(),
                                    [&](const MapEntry& e) { return e.key == key; });
    if (found == entries.end()) {
      error(map.mark, Code::missing_key, fmt::format("{} has no '{}'", context, key));
    } else if (found->value->is_null()) {
      error(found->key_node->mark, Code::missing_value, fmt::format("'{}' has no value", key));
    }
  }
}

std::optional<std::string> NodeReader::scalar_text(const MapEntry& entry,
                                                   std::string_view expected) {
  const YamlNode& value = entry.value->resolved();
  if (entry.value->is_null()) {
    return std::nullopt;
  }
  if (value.kind != YamlNode::Kind::scalar) {
    error(entry.value->mark, Code::wrong_type,
          fmt::format("'{}' must be {}, got {}", entry.key, expected, entry.value->kind_name()));
    return std::nullopt;
  }
  return value.text;
}

std::size_t NodeReader::error_count() const {
  return m_sink.error_count();
}

std::optional<std::string> NodeReader::string(const MapEntry& entry) {
  return scalar_text(entry, "a string");
}

bool NodeReader::check_id(std::string_view text, Mark mark, std::string_view context) {
  if (is_valid_id(text)) {
    return true;
  }
  if (text.size() > k_max_id_length) {
    error(mark, Code::bad_id,
          fmt::format("{}'{}' is {} characters long; ids have at most {}", context,
                      abbreviate(text, 20), text.size(), k_max_id_length));
  } else {
    error(mark, Code::bad_id,
          fmt::format("{}'{}' is not a valid id (use lower-case letters, digits, '.', '_' and "
                      "'-', starting with a letter or digit)",
                      context, abbreviate(text)));
  }
  return false;
}

std::optional<std::string> NodeReader::id(const MapEntry& entry) {
  auto text = scalar_text(entry, "an id");
  const std::string context = entry.key == "id" ? "" : fmt::format("'{}': ", entry.key);
  if (text && !check_id(*text, entry.value->mark, context)) {
    return std::nullopt;
  }
  return text;
}

namespace {
bool is_plain_number(const YamlNode& node) {
  return !node.quoted;
}
}  // namespace

void NodeReader::not_a_number(const MapEntry& entry, std::string_view text,
                              std::string_view expected) {
  if (entry.value->resolved().quoted) {
    error(entry.value->mark, Code::wrong_type,
          fmt::format("'{}' must be {}, got the quoted string \"{}\" (remove the quotes)",
                      entry.key, expected, abbreviate(text)));
  } else {
    error(entry.value->mark, Code::wrong_type,
          fmt::format("'{}' must be {}, got '{}'", entry.key, expected, abbreviate(text)));
  }
}

std::optional<std::int64_t> NodeReader::integer(const MapEntry& entry, std::int64_t min,
                                                std::int64_t max) {
  const auto text = scalar_text(entry, "a whole number");
  if (!text) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  const char* begin = text->data();
  const char* end = begin + text->size();
  if (begin != end && *begin == '+') {
    ++begin;
  }
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (!is_plain_number(entry.value->resolved()) || ec == std::errc::invalid_argument ||
      ptr != end || begin == end) {
    not_a_number(entry, *text, "a whole number");
    return std::nullopt;
  }
  if (ec == std::errc::result_out_of_range || value < min || value > max) {
    error(entry.value->mark, Code::out_of_range,
          fmt::format("'{}' is {}; it must be from {} to {}", entry.key, abbreviate(*text), min,
                      max));
    return std::nullopt;
  }
  return value;
}

std::optional<double> NodeReader::number(const MapEntry& entry, double min, double max,
                                         std::string_view hint) {
  const auto text = scalar_text(entry, "a number");
  if (!text) {
    return std::nullopt;
  }
  double value = 0;
  const char* begin = text->data();
  const char* end = begin + text->size();
  if (begin != end && *begin == '+') {
    ++begin;
  }
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (!is_plain_number(entry.value->resolved()) || ec != std::errc{} || ptr != end ||
      begin == end || !std::isfinite(value)) {
    not_a_number(entry, *text, "a number");
    return std::nullopt;
  }
  if (value < min || value > max) {
    error(entry.value->mark, Code::out_of_range,
          fmt::format("'{}' is {}; it must be from {} to {}{}", entry.key, abbreviate(*text), min,
                      max, hint));
    return std::nullopt;
  }
  return value;
}

std::optional<Date> NodeReader::date(const MapEntry& entry) {
  const auto text = scalar_text(entry, "a date");
  if (!text) {
    return std::nullopt;
  }
  const auto parsed = Date::parse(*text);
  if (!parsed) {
    const bool shaped = text->size() == 10 && (*text)[4] == '-' && (*text)[7] == '-' &&
                        std::all_of(text->begin(), text->end(),
                                    [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
    error(entry.value->mark, Code::bad_date,
          fmt::format("'{}' is not a valid date: '{}' ({})", entry.key, abbreviate(*text),
                      shaped ? "no such day, or a year outside 1900-2999" : "expected YYYY-MM-DD"));
  }
  return parsed;
}

std::optional<bool> NodeReader::boolean(const MapEntry& entry) {
  const auto text = scalar_text(entry, "true or false");
  if (!text) {
    return std::nullopt;
  }
  if (!entry.value->resolved().quoted) {
    if (*text == "true" || *text == "True" || *text == "TRUE") {
      return true;
    }
    if (*text == "false" || *text == "False" || *text == "FALSE") {
      return false;
    }
  }
  error(entry.value->mark, Code::wrong_type,
        fmt::format("'{}' must be true or false, got '{}'", entry.key, abbreviate(*text)));
  return std::nullopt;
}

const std::vector<YamlNode>* NodeReader::items(const MapEntry& entry, std::string_view expected) {
  if (entry.value->is_null()) {
    return nullptr;
  }
  const YamlNode& list = entry.value->resolved();
  if (list.kind != YamlNode::Kind::sequence) {
    error(entry.value->mark, Code::wrong_type,
          fmt::format("'{}' must be {}, got {}", entry.key, expected, entry.value->kind_name()));
    return nullptr;
  }
  return &list.children;
}

std::optional<std::vector<std::string>> NodeReader::string_list(const MapEntry& entry) {
  const auto* list = items(entry);
  if (list == nullptr) {
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const YamlNode& item : *list) {
    const YamlNode& resolved = item.resolved();
    if (resolved.kind != YamlNode::Kind::scalar || item.is_null()) {
      error(item.mark, Code::wrong_type,
            fmt::format("items of '{}' must be strings, got {}", entry.key, item.kind_name()));
      continue;
    }
    out.push_back(resolved.text);
  }
  return out;
}

std::vector<std::pair<std::string, Mark>> NodeReader::id_list(const MapEntry& entry) {
  std::vector<std::pair<std::string, Mark>> out;
  const auto* list = items(entry, "a list of ids");
  if (list == nullptr) {
    return out;
  }
  for (const YamlNode& item : *list) {
    const YamlNode& resolved = item.resolved();
    if (resolved.kind != YamlNode::Kind::scalar || item.is_null()) {
      error(item.mark, Code::wrong_type,
            fmt::format("items of '{}' must be ids, got {}", entry.key, item.kind_name()));
      continue;
    }
    if (check_id(resolved.text, item.mark, fmt::format("'{}': ", entry.key))) {
      out.emplace_back(resolved.text, item.mark);
    }
  }
  return out;
}

void NodeReader::bad_enum(const MapEntry& entry, std::string_view text,
                          std::span<const std::string_view> spellings) {
  std::string list;
  for (std::string_view s : spellings) {
    list += list.empty() ? "" : ", ";
    list += s;
  }
  error(entry.value->mark, Code::bad_value,
        fmt::format("'{}' must be one of {}; got '{}'{}", entry.key, list, abbreviate(text),
                    did_you_mean(text, spellings)));
}

}  // namespace dcexit::detail
