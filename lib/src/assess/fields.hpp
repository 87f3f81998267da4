// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// The fields a profile's conditions read (docs/scoring.md, "Fields"), and testing a condition.
#pragma once

#include <dcexit/assess.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace dcexit::detail {

enum class FieldType : std::uint8_t { text, number, date, flag, list };

struct FieldInfo {
  std::string_view name;
  Field field;
  FieldType type;
  bool server;  // read from each of the app's servers
};

std::span<const FieldInfo> field_table();
const FieldInfo& info(Field field);
std::optional<Field> field_named(std::string_view name);

// One field's value for an app or a server. Text is a view into the inventory (or a constant);
// a date is its day number in `number`; a list points at its items.
struct FieldValue {
  bool present = false;
  double number = 0;
  std::string_view text;
  const std::vector<std::string>* list = nullptr;
};

// What the fields are read against.
struct FieldContext {
  const Inventory& inventory;
  const SignalContext& signals;
  const ScoringProfile& profile;
  std::optional<SignalId> platform_route = profile.signal("platform_route");  // looked up once
};

FieldValue app_field(const FieldContext& context, Field field, Index app);
FieldValue server_field(const FieldContext& context, Field field, Index server);

// Whether the value passes the condition's test (not its `on`, which the caller applies).
bool passes(const Condition& condition, FieldType type, const FieldValue& value);

// The value as a reason shows it ("8500", "2020-01-14", "Windows Server").
std::string show(FieldType type, const FieldValue& value);
// The same, a list cut to the items that pass `condition`'s test (all of them when none does).
std::string show_matching(const Condition& condition, FieldType type, const FieldValue& value);

}  // namespace dcexit::detail
