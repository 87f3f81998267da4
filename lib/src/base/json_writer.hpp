// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: the one way dcexit writes JSON. It streams into a string, puts the commas itself, and
// lays items out inline (`{"a": 1, "b": 2}`) or one per line, as the caller asks.
#pragma once

#include <dcexit/inventory.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dcexit {

// Appends `text` to `out` as a JSON string literal, quotes included; invalid UTF-8 becomes U+FFFD.
void append_json_string(std::string& out, std::string_view text);

// Where a container's items go: on its opening line (inline), or each on a line of its own at
// `indent` spaces with the closing bracket on its own line `indent - 2` spaces in (when it has
// items; an empty one is `[]` or `{}` either way).
struct JsonLayout {
  int indent = -1;
  static JsonLayout lines(int indent) { return JsonLayout{indent}; }
};

class JsonWriter {
 public:
  using Layout = JsonLayout;

  explicit JsonWriter(std::string& out) : m_out(out) {}

  JsonWriter& begin_object(Layout layout = {});
  JsonWriter& begin_array(Layout layout = {});
  JsonWriter& end();
  // The next item of an inline container starts on a new line at `indent` spaces.
  JsonWriter& line_break(int indent);
  JsonWriter& key(std::string_view name);

  JsonWriter& string(std::string_view text);
  JsonWriter& strings(std::span<const std::string> texts);  // an inline array of strings
  JsonWriter& integer(std::int64_t value);
  JsonWriter& unsigned_integer(std::uint64_t value);  // a seed past 2^63 stays itself
  JsonWriter& number(double value);                   // shortest form, as {:g}
  JsonWriter& fixed(double value, int decimals);      // {:.Nf}
  JsonWriter& boolean(bool value);
  JsonWriter& null();
  JsonWriter& date(const std::optional<Date>& date);  // "YYYY-MM-DD" or null
  // A value already written as JSON (a number formatted by the caller).
  JsonWriter& raw(std::string_view json);

  // The same for a key and its value.
  template <class Value>
  JsonWriter& field(std::string_view name, const Value& value);

 private:
  template <class Value>
  JsonWriter& field_value(const Value& value);
  struct Frame {
    char close;
    int indent;
    std::size_t items = 0;
    int pending_break = -1;
  };
  void next_item();

  std::string& m_out;
  std::vector<Frame> m_stack;
  bool m_after_key = false;
};

template <class T>
struct is_optional_number : std::false_type {};
template <class T>
struct is_optional_number<std::optional<T>> : std::is_arithmetic<T> {};

template <class Value>
JsonWriter& JsonWriter::field(std::string_view name, const Value& value) {
  key(name);
  if constexpr (is_optional_number<Value>::value) {  // null when absent
    return value ? field_value(*value) : null();
  } else {
    return field_value(value);
  }
}

template <class Value>
JsonWriter& JsonWriter::field_value(const Value& value) {
  if constexpr (std::is_same_v<Value, bool>) {
    return boolean(value);
  } else if constexpr (std::is_integral_v<Value> && std::is_unsigned_v<Value>) {
    return unsigned_integer(static_cast<std::uint64_t>(value));
  } else if constexpr (std::is_integral_v<Value>) {
    return integer(static_cast<std::int64_t>(value));
  } else if constexpr (std::is_floating_point_v<Value>) {
    return number(value);
  } else if constexpr (std::is_same_v<Value, std::optional<Date>>) {
    return date(value);
  } else {
    return string(value);
  }
}

}  // namespace dcexit
