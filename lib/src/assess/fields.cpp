// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "assess/fields.hpp"

#include "base/glob.hpp"
#include "base/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace dcexit::detail {

namespace {

using T = FieldType;

constexpr std::array<FieldInfo, 46> k_fields = {{
    {"id", Field::id, T::text, false},
    {"name", Field::name, T::text, false},
    {"department", Field::department, T::text, false},
    {"owner", Field::owner, T::text, false},
    {"vendor", Field::vendor, T::text, false},
    {"criticality", Field::criticality, T::text, false},
    {"users", Field::users, T::number, false},
    {"usage_trend", Field::usage_trend, T::text, false},
    {"kind", Field::kind, T::text, false},
    {"technology.languages", Field::technology_languages, T::list, false},
    {"technology.runtime", Field::technology_runtime, T::text, false},
    {"technology.database", Field::technology_database, T::text, false},
    {"technology.end_of_support", Field::technology_end_of_support, T::date, false},
    {"data.classification", Field::data_classification, T::text, false},
    {"data.size_gb", Field::data_size_gb, T::number, false},
    {"data_gb", Field::data_gb, T::number, false},
    {"dr.rto_hours", Field::dr_rto_hours, T::number, false},
    {"dr.rpo_hours", Field::dr_rpo_hours, T::number, false},
    {"saas_alternative.product", Field::saas_product, T::text, false},
    {"saas_alternative.fit", Field::saas_fit, T::text, false},
    {"saas_alternative.platform", Field::saas_platform, T::flag, false},
    {"target.platform", Field::target_platform, T::text, false},
    {"contract.supplier", Field::contract_supplier, T::text, false},
    {"contract.ends", Field::contract_ends, T::date, false},
    {"tags", Field::tags, T::list, false},
    {"dependants", Field::dependants, T::number, false},
    {"direct_dependants", Field::direct_dependants, T::number, false},
    {"servers", Field::server_count, T::number, false},
    {"servers.id", Field::server_id, T::text, true},
    {"servers.site", Field::server_site, T::text, true},
    {"servers.site.closing", Field::server_site_closing, T::flag, true},
    {"servers.kind", Field::server_kind, T::text, true},
    {"servers.environment", Field::server_environment, T::text, true},
    {"servers.os.family", Field::server_os_family, T::text, true},
    {"servers.os.name", Field::server_os_name, T::text, true},
    {"servers.os.version", Field::server_os_version, T::text, true},
    {"servers.os.end_of_support", Field::server_os_end_of_support, T::date, true},
    {"servers.os.free_updates", Field::server_os_free_updates, T::flag, true},
    {"servers.cpu_cores", Field::server_cpu_cores, T::number, true},
    {"servers.memory_gb", Field::server_memory_gb, T::number, true},
    {"servers.storage_gb", Field::server_storage_gb, T::number, true},
    {"servers.utilisation.cpu", Field::server_cpu_utilisation, T::number, true},
    {"servers.utilisation.memory", Field::server_memory_utilisation, T::number, true},
    {"servers.power_watts", Field::server_power_watts, T::number, true},
    {"servers.software", Field::server_software, T::list, true},
}};

FieldValue text(std::string_view value) {
  return {!value.empty(), 0, value, nullptr};
}
FieldValue number(std::optional<double> value) {
  return {value.has_value(), value.value_or(0), {}, nullptr};
}
FieldValue date(std::optional<Date> value) {
  return {value.has_value(), value ? static_cast<double>(value->days) : 0, {}, nullptr};
}
FieldValue flag(bool value) {
  return {true, value ? 1.0 : 0.0, value ? "true" : "false", nullptr};
}
FieldValue list(const std::vector<std::string>& items) {
  return {!items.empty(), 0, {}, &items};
}

// Whether a target cloud gives the server's OS version extended security updates free.
bool free_updates(const ScoringProfile& profile, const Server& server) {
  const Target target = profile.target.target;
  if (target == Target::generic) {
    return false;
  }
  const Provider provider = target == Target::azure ? Provider::azure : Provider::aws;
  return std::any_of(profile.cost.esu.begin(), profile.cost.esu.end(), [&](const auto& rule) {
    return iequals(rule.product, server.os.family) &&
           std::any_of(rule.versions.begin(), rule.versions.end(),
                       [&](const std::string& v) { return iequals(v, server.os.version); }) &&
           std::find(rule.free_on.begin(), rule.free_on.end(), provider) != rule.free_on.end();
  });
}

bool test_text(const Condition& c, std::string_view value) {
  switch (c.op) {
    case Condition::Op::equals:
    case Condition::Op::in:
      return std::any_of(c.values.begin(), c.values.end(),
                         [&](const std::string& v) { return iequals(v, value); });
    case Condition::Op::matches:
      return std::any_of(c.values.begin(), c.values.end(),
                         [&](const std::string& v) { return glob_matches(v, value); });
    default:
      return false;
  }
}

}  // namespace

std::span<const FieldInfo> field_table() {
  return k_fields;
}

const FieldInfo& info(Field field) {
  return k_fields[static_cast<std::size_t>(field)];
}

std::optional<Field> field_named(std::string_view name) {
  for (const FieldInfo& f : k_fields) {
    if (f.name == name) {
      return f.field;
    }
  }
  return std::nullopt;
}

// The fields of what an app relates to: its SaaS alternative, target, contract, tags, the apps
// that depend on it and its servers.
static FieldValue app_relation_field(const FieldContext& context, Field field, Index app) {
  const Application& a = context.inventory.applications[app];
  switch (field) {
    case Field::saas_product:
      return a.saas_alternative ? text(a.saas_alternative->product) : FieldValue{};
    case Field::saas_fit: {
      constexpr std::array<std::string_view, 3> k_fits = {"low", "medium", "high"};
      return a.saas_alternative ? text(k_fits[static_cast<std::size_t>(a.saas_alternative->fit)])
                                : FieldValue{};
    }
    case Field::saas_platform: {
      if (!a.saas_alternative) {
        return {};
      }
      const auto& globs = context.profile.target.platform_products;
      return flag(std::any_of(globs.begin(), globs.end(), [&](const std::string& g) {
        return glob_matches(g, a.saas_alternative->product);
      }));
    }
    case Field::target_platform:
      return text(a.target_platform);
    case Field::contract_supplier:
      return a.contract ? text(a.contract->supplier) : FieldValue{};
    case Field::contract_ends:
      return a.contract ? date(a.contract->ends) : FieldValue{};
    case Field::tags:
      return list(a.tags);
    case Field::dependants:
      return number(context.signals.transitive_dependants[app]);
    case Field::direct_dependants:
      return number(context.signals.direct_dependants[app]);
    case Field::server_count:
      return number(static_cast<double>(a.servers.size()));
    default:
      return {};  // a server field
  }
}

FieldValue app_field(const FieldContext& context, Field field, Index app) {
  const Inventory& inv = context.inventory;
  const Application& a = inv.applications[app];
  switch (field) {
    case Field::id:
      return text(a.id);
    case Field::name:
      return text(a.name);
    case Field::department:
      return text(a.department);
    case Field::owner:
      return text(a.owner);
    case Field::vendor:
      return text(a.vendor);
    case Field::criticality:
      return a.criticality_given ? text(to_string(a.criticality)) : FieldValue{};
    case Field::users:
      return number(a.users ? std::optional(static_cast<double>(*a.users)) : std::nullopt);
    case Field::usage_trend: {
      constexpr std::array<std::string_view, 4> k_trends = {"growing", "stable", "declining",
                                                            "unused"};
      return a.usage_trend ? text(k_trends[static_cast<std::size_t>(*a.usage_trend)])
                           : FieldValue{};
    }
    case Field::kind: {
      constexpr std::array<std::string_view, 3> k_kinds = {"cots", "custom", "saas"};
      return a.kind ? text(k_kinds[static_cast<std::size_t>(*a.kind)]) : FieldValue{};
    }
    case Field::technology_languages:
      return list(a.technology.languages);
    case Field::technology_runtime:
      return text(a.technology.runtime);
    case Field::technology_database:
      return text(a.technology.database);
    case Field::technology_end_of_support:
      return date(a.technology.end_of_support);
    case Field::data_classification:
      return text(a.data_classification);
    case Field::data_size_gb:
      return number(a.data_size_gb);
    case Field::data_gb:
      return number(context.signals.data_gb[app]);
    case Field::dr_rto_hours:
      return number(a.rto_hours);
    case Field::dr_rpo_hours:
      return number(a.rpo_hours);
    default:
      return app_relation_field(context, field, app);
  }
}

FieldValue server_field(const FieldContext& context, Field field, Index server) {
  const Inventory& inv = context.inventory;
  const Server& s = inv.servers[server];
  switch (field) {
    case Field::server_id:
      return text(s.id);
    case Field::server_site:
      return text(inv.sites[s.site].id);
    case Field::server_site_closing:
      return flag(inv.sites[s.site].closing);
    case Field::server_kind:
      return text(s.kind == ServerKind::physical ? "physical" : "virtual");
    case Field::server_environment:
      return text(s.environment == Environment::production ? "production" : "non-production");
    case Field::server_os_family:
      return text(s.os.family);
    case Field::server_os_name:
      return text(s.os.name);
    case Field::server_os_version:
      return text(s.os.version);
    case Field::server_os_end_of_support:
      return date(s.os.end_of_support);
    case Field::server_os_free_updates:
      return s.os.family.empty() ? FieldValue{} : flag(free_updates(context.profile, s));
    case Field::server_cpu_cores:
      return number(s.cpu_cores);
    case Field::server_memory_gb:
      return number(s.memory_gb);
    case Field::server_storage_gb:
      return number(s.storage_gb);
    case Field::server_cpu_utilisation:
      return number(s.cpu_utilisation);
    case Field::server_memory_utilisation:
      return number(s.memory_utilisation);
    case Field::server_power_watts:
      return number(s.power_watts);
    case Field::server_software:
      return list(s.software);
    default:
      return {};  // an app field
  }
}

bool passes(const Condition& c, FieldType type, const FieldValue& value) {
  if (c.op == Condition::Op::present || c.op == Condition::Op::absent) {
    return value.present == (c.op == Condition::Op::present);
  }
  if (!value.present) {
    return false;
  }
  switch (c.op) {
    case Condition::Op::greater_than:
      return value.number > c.number;
    case Condition::Op::less_than:
      return value.number < c.number;
    case Condition::Op::at_least:
      return value.number >= c.number;
    case Condition::Op::at_most:
      return value.number <= c.number;
    default:
      break;
  }
  if (type == FieldType::list) {
    return std::any_of(value.list->begin(), value.list->end(),
                       [&](const std::string& item) { return test_text(c, item); });
  }
  if (type == FieldType::number || type == FieldType::date) {
    if (c.op == Condition::Op::matches) {
      return false;
    }
    // equals (in is text's): the reader parsed the value into `number` once; compared as
    // show() shows both, to three decimals (a date by its day), without making the text.
    if (type == FieldType::date) {
      return static_cast<std::int32_t>(value.number) == static_cast<std::int32_t>(c.number);
    }
    return std::round(value.number * 1000.0) == std::round(c.number * 1000.0);
  }
  return test_text(c, value.text);
}

std::string show_matching(const Condition& condition, FieldType type, const FieldValue& value) {
  if (type != FieldType::list || value.list == nullptr) {
    return show(type, value);
  }
  std::vector<std::string> items;
  for (const std::string& item : *value.list) {
    FieldValue one{true, 0, item, nullptr};
    if (passes(condition, FieldType::text, one)) {
      items.push_back(item);
    }
  }
  return items.empty() ? show(type, value) : join(items, ", ");
}

std::string show(FieldType type, const FieldValue& value) {
  switch (type) {
    case FieldType::number:
      return fmt::format("{}", std::round(value.number * 1000.0) / 1000.0 + 0.0);
    case FieldType::date:
      return Date{static_cast<std::int32_t>(value.number)}.to_string();
    case FieldType::list:
      return value.list == nullptr ? "" : join(*value.list, ", ");
    case FieldType::text:
    case FieldType::flag:
      break;
  }
  return std::string(value.text);
}

}  // namespace dcexit::detail
