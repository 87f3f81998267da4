// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "load/inventory_fields.hpp"

#include <dcexit/load.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace dcexit::detail {

namespace {

using namespace std::string_view_literals;

constexpr std::array k_criticalities = {
    std::pair{"critical"sv, Criticality::critical}, std::pair{"high"sv, Criticality::high},
    std::pair{"medium"sv, Criticality::medium}, std::pair{"low"sv, Criticality::low}};
constexpr std::array k_server_kinds = {std::pair{"physical"sv, ServerKind::physical},
                                       std::pair{"virtual"sv, ServerKind::virtual_machine}};
constexpr std::array k_environments = {std::pair{"production"sv, Environment::production},
                                       std::pair{"non-production"sv, Environment::non_production}};
constexpr std::array k_trends = {
    std::pair{"growing"sv, UsageTrend::growing}, std::pair{"stable"sv, UsageTrend::stable},
    std::pair{"declining"sv, UsageTrend::declining}, std::pair{"unused"sv, UsageTrend::unused}};
constexpr std::array k_app_kinds = {std::pair{"cots"sv, AppKind::cots},
                                    std::pair{"custom"sv, AppKind::custom},
                                    std::pair{"saas"sv, AppKind::saas}};
constexpr std::array k_fits = {std::pair{"high"sv, Fit::high}, std::pair{"medium"sv, Fit::medium},
                               std::pair{"low"sv, Fit::low}};
constexpr std::array k_targets = {std::pair{"generic"sv, Target::generic},
                                  std::pair{"azure"sv, Target::azure},
                                  std::pair{"aws"sv, Target::aws}};
constexpr std::array k_couplings = {std::pair{"prerequisite"sv, Coupling::prerequisite},
                                    std::pair{"hard"sv, Coupling::hard},
                                    std::pair{"soft"sv, Coupling::soft}};
constexpr std::array k_strategy_names = {std::pair{"retire"sv, Strategy::retire},
                                         std::pair{"retain"sv, Strategy::retain},
                                         std::pair{"rehost"sv, Strategy::rehost},
                                         std::pair{"relocate"sv, Strategy::relocate},
                                         std::pair{"replatform"sv, Strategy::replatform},
                                         std::pair{"repurchase"sv, Strategy::repurchase},
                                         std::pair{"refactor"sv, Strategy::refactor},
                                         std::pair{"saas"sv, Strategy::repurchase}};
constexpr std::array k_serves_until = {std::pair{"last-dependant"sv, ServesUntil::last_dependant},
                                       std::pair{"site-exit"sv, ServesUntil::site_exit}};
// The longest split a limit may name: a hundred years.
constexpr std::int64_t k_max_split_days = 36'500;
// The longest lead time: ten years.
constexpr std::int64_t k_max_lead_days = 3'650;
constexpr std::array k_progress_statuses = {
    std::pair{"planned"sv, ProgressStatus::planned},
    std::pair{"in-progress"sv, ProgressStatus::in_progress},
    std::pair{"done"sv, ProgressStatus::done},
    std::pair{"rolled-back"sv, ProgressStatus::rolled_back}};
// The highest wave a lock may name (waves of a day for a hundred years).
constexpr std::int64_t k_max_wave = 36'500;
constexpr std::array k_orders = {
    std::pair{"dependencies-first"sv, DependencyOrder::dependencies_first},
    std::pair{"none"sv, DependencyOrder::none}};

constexpr double k_max_money = 1e12;
constexpr double k_max_quantity = 1e9;

// Calls `read(entry)` for each entry and warns about the keys it does not know.
template <class Read>
void for_each_known(NodeReader& reader, const std::vector<MapEntry>& entries, Section section,
                    std::string_view context, Read read) {
  for (const MapEntry& entry : entries) {
    if (!read(entry)) {
      reader.unknown_key(entry, inventory_keys(section).keys, context);
    }
  }
}

Ref make_ref(NodeReader& reader, std::string id, Mark mark) {
  return Ref{std::move(id), reader.location(mark)};
}

void read_os(NodeReader& reader, const MapEntry& outer, OperatingSystem& os) {
  if (outer.value->is_null()) {
    return;
  }
  const auto entries = reader.entries(*outer.value, "'os'");
  if (!entries) {
    return;
  }
  for_each_known(reader, *entries, Section::servers_os, "'os'", [&](const MapEntry& e) {
    if (e.key == "family") {
      os.family = reader.string(e).value_or("");
    } else if (e.key == "name") {
      os.name = reader.string(e).value_or("");
    } else if (e.key == "version") {
      os.version = reader.string(e).value_or("");
    } else if (e.key == "end_of_support") {
      os.end_of_support = reader.date(e);
    } else {
      return false;
    }
    return true;
  });
}

void read_utilisation(NodeReader& reader, const MapEntry& outer, Server& server) {
  if (outer.value->is_null()) {
    return;
  }
  const auto entries = reader.entries(*outer.value, "'utilisation'");
  if (!entries) {
    return;
  }
  constexpr std::string_view k_hint = " (a fraction: 0.35 means 35%)";
  for_each_known(reader, *entries, Section::servers_utilisation, "'utilisation'",
                 [&](const MapEntry& e) {
                   if (e.key == "cpu") {
                     server.cpu_utilisation = reader.number(e, 0, 1, k_hint);
                   } else if (e.key == "memory") {
                     server.memory_utilisation = reader.number(e, 0, 1, k_hint);
                   } else {
                     return false;
                   }
                   return true;
                 });
}

}  // namespace

std::optional<Site> read_site(NodeReader& reader, const YamlNode& node) {
  const auto entries = reader.entries(node, "a site");
  if (!entries) {
    return std::nullopt;
  }
  constexpr std::array k_required = {"id"sv};
  reader.require(node, *entries, k_required, "site");
  Site site;
  site.location = reader.location(node.mark);
  bool has_id = false;
  for_each_known(reader, *entries, Section::sites, "a site", [&](const MapEntry& e) {
    if (e.key == "id") {
      const auto id = reader.id(e);
      has_id = id.has_value();
      site.id = id.value_or("");
    } else if (e.key == "name") {
      site.name = reader.string(e).value_or("");
    } else if (e.key == "annual_cost") {
      site.annual_cost = reader.number(e, 0, k_max_money);
    } else if (e.key == "pue") {
      site.pue = reader.number(e, 1.0, 5.0).value_or(site.pue);
    } else if (e.key == "closing") {
      site.closing = reader.boolean(e).value_or(site.closing);
    } else {
      return false;
    }
    return true;
  });
  return has_id ? std::optional(std::move(site)) : std::nullopt;
}

std::optional<RawServer> read_server(NodeReader& reader, const YamlNode& node) {
  const auto entries = reader.entries(node, "a server");
  if (!entries) {
    return std::nullopt;
  }
  constexpr std::array k_required = {"id"sv, "site"sv};
  reader.require(node, *entries, k_required, "server");
  RawServer raw;
  Server& s = raw.server;
  s.location = reader.location(node.mark);
  bool has_id = false;
  for_each_known(reader, *entries, Section::servers, "a server", [&](const MapEntry& e) {
    if (e.key == "id") {
      const auto id = reader.id(e);
      has_id = id.has_value();
      s.id = id.value_or("");
    } else if (e.key == "site") {
      if (auto site = reader.id(e)) {
        raw.site = make_ref(reader, std::move(*site), e.value->mark);
      }
    } else if (e.key == "rack") {
      s.rack = reader.string(e).value_or("");
    } else if (e.key == "kind") {
      s.kind = reader.enumeration<ServerKind>(e, k_server_kinds).value_or(s.kind);
    } else if (e.key == "environment") {
      s.environment = reader.enumeration<Environment>(e, k_environments).value_or(s.environment);
    } else if (e.key == "os") {
      read_os(reader, e, s.os);
    } else if (e.key == "cpu_cores") {
      s.cpu_cores = reader.number(e, 0, 100'000);
    } else if (e.key == "memory_gb") {
      s.memory_gb = reader.number(e, 0, k_max_quantity);
    } else if (e.key == "storage_gb") {
      s.storage_gb = reader.number(e, 0, k_max_quantity);
    } else if (e.key == "utilisation") {
      read_utilisation(reader, e, s);
    } else if (e.key == "power_watts") {
      s.power_watts = reader.number(e, 0, 1'000'000);
    } else if (e.key == "annual_cost") {
      s.annual_cost = reader.number(e, 0, k_max_money);
    } else if (e.key == "software") {
      s.software = reader.string_list(e).value_or(std::vector<std::string>{});
    } else {
      return false;
    }
    return true;
  });
  return has_id ? std::optional(std::move(raw)) : std::nullopt;
}

namespace {

void read_technology(NodeReader& reader, const MapEntry& outer, Technology& tech) {
  if (outer.value->is_null()) {
    return;
  }
  const auto entries = reader.entries(*outer.value, "'technology'");
  if (!entries) {
    return;
  }
  for_each_known(reader, *entries, Section::applications_technology, "'technology'",
                 [&](const MapEntry& e) {
                   if (e.key == "languages") {
                     tech.languages = reader.string_list(e).value_or(std::vector<std::string>{});
                   } else if (e.key == "runtime") {
                     tech.runtime = reader.string(e).value_or("");
                   } else if (e.key == "database") {
                     tech.database = reader.string(e).value_or("");
                   } else if (e.key == "end_of_support") {
                     tech.end_of_support = reader.date(e);
                   } else {
                     return false;
                   }
                   return true;
                 });
}

// Reads a small mapping field of an application with a per-key callback.
template <class Read>
void read_section(NodeReader& reader, const MapEntry& outer, Section section, Read read) {
  if (outer.value->is_null()) {
    return;
  }
  const std::string context = fmt::format("'{}'", outer.key);
  const auto entries = reader.entries(*outer.value, context);
  if (entries) {
    for_each_known(reader, *entries, section, context, read);
  }
}

void read_saas(NodeReader& reader, const MapEntry& outer, Application& app) {
  if (outer.value->is_null()) {
    return;
  }
  SaasAlternative saas;
  bool has_product = false;
  read_section(reader, outer, Section::applications_saas_alternative, [&](const MapEntry& e) {
    if (e.key == "product") {
      const auto product = reader.string(e);
      has_product = product.has_value();
      saas.product = product.value_or("");
    } else if (e.key == "fit") {
      saas.fit = reader.enumeration<Fit>(e, k_fits).value_or(saas.fit);
    } else if (e.key == "annual_cost") {
      saas.annual_cost = reader.number(e, 0, k_max_money);
    } else if (e.key == "per_user_monthly") {
      saas.per_user_monthly = reader.number(e, 0, k_max_money);
    } else {
      return false;
    }
    return true;
  });
  if (outer.value->resolved().kind == YamlNode::Kind::map && !has_product) {
    reader.error(outer.key_node->mark, Code::missing_key, "'saas_alternative' has no 'product'");
  }
  app.saas_alternative = saas;
}

void read_decision(NodeReader& reader, const MapEntry& outer, Application& app) {
  if (outer.value->is_null()) {
    return;
  }
  std::optional<Strategy> strategy;
  std::string reason;
  read_section(reader, outer, Section::applications_decision, [&](const MapEntry& e) {
    if (e.key == "strategy") {
      strategy = reader.enumeration<Strategy>(e, k_strategy_names);
    } else if (e.key == "reason") {
      reason = reader.string(e).value_or("");
    } else {
      return false;
    }
    return true;
  });
  if (outer.value->resolved().kind != YamlNode::Kind::map) {
    return;
  }
  if (!strategy) {
    const YamlNode& map = outer.value->resolved();
    const bool given = std::any_of(map.children.begin(), map.children.end(), [](const YamlNode& k) {
      return k.resolved().text == "strategy";
    });
    if (!given) {
      reader.error(outer.key_node->mark, Code::missing_key, "'decision' has no 'strategy'");
    }
    return;
  }
  app.decision = Decision{*strategy, std::move(reason)};
}

// One field of progress (an app's `progress`, or an entry of the top-level `progress` list).
bool read_progress_field(NodeReader& reader, const MapEntry& e, Progress& progress,
                         bool& has_status) {
  if (e.key == "status") {
    const auto status = reader.enumeration<ProgressStatus>(e, k_progress_statuses);
    has_status = status.has_value();
    progress.status = status.value_or(progress.status);
  } else if (e.key == "date") {
    progress.date = reader.date(e);
  } else if (e.key == "wave") {
    if (const auto wave = reader.integer(e, 1, k_max_wave)) {
      progress.wave = static_cast<std::uint32_t>(*wave);
    }
  } else {
    return false;
  }
  return true;
}

void read_progress(NodeReader& reader, const MapEntry& outer, Application& app) {
  if (outer.value->is_null()) {
    return;
  }
  Progress progress;
  progress.location = reader.location(outer.key_node->mark);
  bool has_status = false;
  read_section(reader, outer, Section::applications_progress, [&](const MapEntry& e) {
    return read_progress_field(reader, e, progress, has_status);
  });
  if (outer.value->resolved().kind != YamlNode::Kind::map) {
    return;
  }
  const YamlNode& map = outer.value->resolved();
  const bool given = std::any_of(map.children.begin(), map.children.end(),
                                 [](const YamlNode& k) { return k.resolved().text == "status"; });
  if (!given) {
    reader.error(outer.key_node->mark, Code::missing_key,
                 "'progress' has no 'status' (planned, in-progress, done or rolled-back)");
  }
  if (has_status) {
    app.progress = progress;
  }
}

void read_dependencies(NodeReader& reader, const MapEntry& outer, RawApplication& raw) {
  const auto* list = reader.items(outer);
  if (list == nullptr) {
    return;
  }
  for (const YamlNode& item : *list) {
    const YamlNode& resolved = item.resolved();
    if (resolved.kind == YamlNode::Kind::scalar && !item.is_null()) {
      if (reader.check_id(resolved.text, item.mark, "'depends_on': ")) {
        raw.depends_on.push_back(
            {make_ref(reader, resolved.text, item.mark), Coupling::prerequisite, std::nullopt});
      }
      continue;
    }
    if (resolved.kind != YamlNode::Kind::map) {
      reader.error(item.mark, Code::wrong_type,
                   fmt::format("a dependency must be an app id or a mapping with 'app', got {}",
                               item.kind_name()));
      continue;
    }
    const auto entries = reader.entries(item, "a dependency");
    constexpr std::array k_required = {"app"sv};
    reader.require(item, *entries, k_required, "dependency");
    std::optional<RawDependency> dependency;
    Coupling coupling = Coupling::prerequisite;
    std::optional<std::int64_t> max_split;
    for_each_known(reader, *entries, Section::applications_depends_on, "a dependency",
                   [&](const MapEntry& e) {
                     if (e.key == "app") {
                       if (auto id = reader.id(e)) {
                         dependency = RawDependency{make_ref(reader, std::move(*id), e.value->mark),
                                                    Coupling::prerequisite, std::nullopt};
                       }
                     } else if (e.key == "coupling") {
                       coupling = reader.enumeration<Coupling>(e, k_couplings).value_or(coupling);
                     } else if (e.key == "max_split_days") {
                       max_split = reader.integer(e, 0, k_max_split_days);
                     } else {
                       return false;
                     }
                     return true;
                   });
    if (dependency) {
      dependency->coupling = coupling;
      dependency->max_split_days = max_split;
      raw.depends_on.push_back(std::move(*dependency));
    }
  }
}

void read_data(NodeReader& reader, const MapEntry& e, Application& a) {
  read_section(reader, e, Section::applications_data, [&](const MapEntry& d) {
    if (d.key == "classification") {
      a.data_classification = reader.string(d).value_or("");
    } else if (d.key == "size_gb") {
      a.data_size_gb = reader.number(d, 0, k_max_quantity);
    } else {
      return false;
    }
    return true;
  });
}

void read_dr(NodeReader& reader, const MapEntry& e, Application& a) {
  read_section(reader, e, Section::applications_dr, [&](const MapEntry& d) {
    if (d.key == "rto_hours") {
      a.rto_hours = reader.number(d, 0, 100'000);
    } else if (d.key == "rpo_hours") {
      a.rpo_hours = reader.number(d, 0, 100'000);
    } else {
      return false;
    }
    return true;
  });
}

void read_contract(NodeReader& reader, const MapEntry& e, Application& a) {
  Contract contract;
  read_section(reader, e, Section::applications_contract, [&](const MapEntry& c) {
    if (c.key == "supplier") {
      contract.supplier = reader.string(c).value_or("");
    } else if (c.key == "ends") {
      contract.ends = reader.date(c);
    } else if (c.key == "annual_cost") {
      contract.annual_cost = reader.number(c, 0, k_max_money);
    } else {
      return false;
    }
    return true;
  });
  if (!e.value->is_null()) {
    a.contract = std::move(contract);
  }
}

// The plain fields of an application: text, enumerations and numbers.
bool read_application_scalar(NodeReader& reader, const MapEntry& e, Application& a) {
  if (e.key == "name") {
    a.name = reader.string(e).value_or("");
  } else if (e.key == "department") {
    a.department = reader.string(e).value_or("");
  } else if (e.key == "owner") {
    a.owner = reader.string(e).value_or("");
  } else if (e.key == "criticality") {
    const auto value = reader.enumeration<Criticality>(e, k_criticalities);
    a.criticality = value.value_or(a.criticality);
    a.criticality_given = value.has_value();
  } else if (e.key == "users") {
    a.users = reader.integer(e, 0, 1'000'000'000);
  } else if (e.key == "usage_trend") {
    a.usage_trend = reader.enumeration<UsageTrend>(e, k_trends);
  } else if (e.key == "kind") {
    a.kind = reader.enumeration<AppKind>(e, k_app_kinds);
  } else if (e.key == "vendor") {
    a.vendor = reader.string(e).value_or("");
  } else if (e.key == "tags") {
    a.tags = reader.string_list(e).value_or(std::vector<std::string>{});
  } else if (e.key == "lead_days") {
    a.lead_days = reader.integer(e, 0, k_max_lead_days);
  } else {
    return false;
  }
  return true;
}

bool read_application_field(NodeReader& reader, const MapEntry& e, RawApplication& raw,
                            bool& has_id) {
  Application& a = raw.app;
  if (e.key == "id") {
    const auto id = reader.id(e);
    has_id = id.has_value();
    a.id = id.value_or("");
  } else if (e.key == "technology") {
    read_technology(reader, e, a.technology);
  } else if (e.key == "servers") {
    for (auto& [id, mark] : reader.id_list(e)) {
      raw.servers.push_back(make_ref(reader, std::move(id), mark));
    }
  } else if (e.key == "data") {
    read_data(reader, e, a);
  } else if (e.key == "dr") {
    read_dr(reader, e, a);
  } else if (e.key == "saas_alternative") {
    read_saas(reader, e, a);
  } else if (e.key == "target") {
    read_section(reader, e, Section::applications_target, [&](const MapEntry& t) {
      if (t.key == "monthly_cost") {
        a.target_monthly_cost = reader.number(t, 0, k_max_money);
      } else if (t.key == "platform") {
        a.target_platform = reader.string(t).value_or("");
      } else {
        return false;
      }
      return true;
    });
  } else if (e.key == "contract") {
    read_contract(reader, e, a);
  } else if (e.key == "decision") {
    read_decision(reader, e, a);
  } else if (e.key == "progress") {
    read_progress(reader, e, a);
  } else if (e.key == "depends_on") {
    read_dependencies(reader, e, raw);
  } else if (e.key == "serves_until") {
    a.serves_until = reader.enumeration<ServesUntil>(e, k_serves_until);
    raw.serves_until_at = reader.location(e.key_node->mark);
  } else if (e.key == "replaced_by") {
    if (auto id = reader.id(e)) {
      raw.replaced_by = make_ref(reader, std::move(*id), e.value->mark);
    }
  } else {
    return read_application_scalar(reader, e, a);
  }
  return true;
}

}  // namespace

std::optional<RawApplication> read_application(NodeReader& reader, const YamlNode& node) {
  const auto entries = reader.entries(node, "an application");
  if (!entries) {
    return std::nullopt;
  }
  constexpr std::array k_required = {"id"sv};
  reader.require(node, *entries, k_required, "application");
  RawApplication raw;
  raw.app.location = reader.location(node.mark);
  bool has_id = false;
  for_each_known(reader, *entries, Section::applications, "an application",
                 [&](const MapEntry& e) { return read_application_field(reader, e, raw, has_id); });
  return has_id ? std::optional(std::move(raw)) : std::nullopt;
}

std::optional<RawProgress> read_progress_entry(NodeReader& reader, const YamlNode& node) {
  const auto entries = reader.entries(node, "a progress entry");
  if (!entries) {
    return std::nullopt;
  }
  constexpr std::array k_required = {"app"sv, "status"sv};
  reader.require(node, *entries, k_required, "progress entry");
  RawProgress raw;
  raw.progress.location = reader.location(node.mark);
  bool has_status = false;
  for_each_known(reader, *entries, Section::progress, "a progress entry", [&](const MapEntry& e) {
    if (e.key == "app") {
      if (auto id = reader.id(e)) {
        raw.app = make_ref(reader, std::move(*id), e.value->mark);
      }
      return true;
    }
    return read_progress_field(reader, e, raw.progress, has_status);
  });
  return has_status && !raw.app.id.empty() ? std::optional(std::move(raw)) : std::nullopt;
}

bool read_estate(NodeReader& reader, const YamlNode& node, Estate& estate) {
  const auto entries = reader.entries(node, "'estate'");
  if (!entries) {
    return false;
  }
  constexpr std::array k_required = {"name"sv, "start"sv};
  reader.require(node, *entries, k_required, "'estate'");
  estate.location = reader.location(node.mark);
  bool ok = true;
  const YamlNode* deadline_node = nullptr;
  for_each_known(reader, *entries, Section::estate, "'estate'", [&](const MapEntry& e) {
    if (e.key == "name") {
      const auto name = reader.string(e);
      ok = ok && name.has_value();
      estate.name = name.value_or("");
    } else if (e.key == "start") {
      const auto start = reader.date(e);
      ok = ok && start.has_value();
      estate.start = start.value_or(Date{});
    } else if (e.key == "deadline") {
      estate.deadline = reader.date(e);
      deadline_node = e.value;
    } else if (e.key == "currency") {
      estate.currency = reader.string(e).value_or(estate.currency);
    } else if (e.key == "region") {
      estate.region = reader.string(e).value_or("");
    } else if (e.key == "target") {
      estate.target = reader.enumeration<Target>(e, k_targets);
    } else {
      return false;
    }
    return true;
  });
  if (ok && estate.deadline && *estate.deadline <= estate.start) {
    reader.error(deadline_node->mark, Code::bad_date,
                 fmt::format("'deadline' {} is not after 'start' {}", estate.deadline->to_string(),
                             estate.start.to_string()));
    estate.deadline.reset();
  }
  return ok;
}

namespace {

// `grid_kg_per_kwh: 0.207`, or a mapping of site ids and cloud regions (and `default`) to
// intensities; a key that is neither is checked where the business case uses it.
void read_grid_intensity(NodeReader& reader, const MapEntry& entry, Policy& policy) {
  constexpr double k_max_intensity = 5.0;  // kg CO2e/kWh: beyond any grid's
  if (entry.value->resolved().kind != YamlNode::Kind::map) {
    policy.grid_kg_per_kwh = reader.number(entry, 0, k_max_intensity);
    return;
  }
  const auto entries = reader.entries(*entry.value, "'grid_kg_per_kwh'");
  for (const MapEntry& m : entries.value_or(std::vector<MapEntry>{})) {
    const auto value = reader.number(m, 0, k_max_intensity);
    if (!value) {
      continue;
    }
    if (m.key == "default") {
      policy.grid_kg_per_kwh = value;
    } else {
      policy.grid_kg_per_kwh_by.emplace_back(std::string(m.key), *value);
    }
  }
  std::sort(policy.grid_kg_per_kwh_by.begin(), policy.grid_kg_per_kwh_by.end());
}

void read_wave(NodeReader& reader, const MapEntry& outer, WavePolicy& wave) {
  read_section(reader, outer, Section::policy_wave, [&](const MapEntry& e) {
    if (e.key == "length_days") {
      wave.length_days = reader.integer(e, 1, 366).value_or(wave.length_days);
    } else if (e.key == "max_apps") {
      wave.max_apps = reader.integer(e, 1, 10'000'000);
    } else if (e.key == "max_servers") {
      wave.max_servers = reader.integer(e, 1, 100'000'000);
    } else if (e.key == "max_effort_days") {
      wave.max_effort_days = reader.number(e, 0.5, k_max_quantity);
    } else if (e.key == "max_storage_gb") {
      wave.max_storage_gb = reader.number(e, 1, k_max_money);
    } else if (e.key == "max_critical") {
      wave.max_critical = reader.integer(e, 1, 10'000'000);
    } else {
      return false;
    }
    return true;
  });
}

void read_freeze(NodeReader& reader, const YamlNode& node, std::vector<RawFreeze>& freezes) {
  const auto entries = reader.entries(node, "a freeze");
  if (!entries) {
    return;
  }
  constexpr std::array k_required = {"name"sv, "from"sv, "to"sv};
  reader.require(node, *entries, k_required, "freeze");
  RawFreeze raw;
  raw.freeze.location = reader.location(node.mark);
  std::optional<Date> from;
  std::optional<Date> to;
  const YamlNode* to_node = nullptr;
  for_each_known(reader, *entries, Section::policy_freezes, "a freeze", [&](const MapEntry& e) {
    if (e.key == "name") {
      raw.freeze.name = reader.string(e).value_or("");
    } else if (e.key == "from") {
      from = reader.date(e);
    } else if (e.key == "to") {
      to = reader.date(e);
      to_node = e.value;
    } else if (e.key == "tags") {
      raw.freeze.tags = reader.string_list(e).value_or(std::vector<std::string>{});
    } else if (e.key == "departments") {
      raw.freeze.departments = reader.string_list(e).value_or(std::vector<std::string>{});
    } else if (e.key == "apps") {
      for (auto& [id, mark] : reader.id_list(e)) {
        raw.apps.push_back(make_ref(reader, std::move(id), mark));
      }
    } else {
      return false;
    }
    return true;
  });
  if (!from || !to) {
    return;
  }
  if (*to < *from) {
    reader.error(to_node->mark, Code::bad_date,
                 fmt::format("freeze '{}' ends ({}) before it starts ({})", raw.freeze.name,
                             to->to_string(), from->to_string()));
    return;
  }
  raw.freeze.from = *from;
  raw.freeze.to = *to;
  freezes.push_back(std::move(raw));
}

void read_pilot(NodeReader& reader, const MapEntry& outer, Policy& policy) {
  read_section(reader, outer, Section::policy_pilot, [&](const MapEntry& p) {
    if (p.key == "max_criticality") {
      policy.pilot_max_criticality = reader.enumeration<Criticality>(p, k_criticalities);
    } else if (p.key == "strategies") {
      policy.pilot_location = reader.location(p.key_node->mark);
      const auto* list = reader.items(p, "a list of strategies");
      for (const YamlNode& item : list != nullptr ? *list : std::vector<YamlNode>{}) {
        const auto strategy = reader.enumeration<Strategy>(MapEntry{p.key, &item, &item},
                                                           std::span(k_strategy_names).first(7));
        if (strategy == Strategy::retain) {
          reader.error(item.mark, Code::bad_value,
                       "a retained app never moves: the pilot cannot prove 'retain'");
        } else if (strategy &&
                   std::find(policy.pilot_strategies.begin(), policy.pilot_strategies.end(),
                             *strategy) == policy.pilot_strategies.end()) {
          policy.pilot_strategies.push_back(*strategy);
        }
      }
    } else {
      return false;
    }
    return true;
  });
}

void read_lead_days(NodeReader& reader, const MapEntry& outer, Policy& policy) {
  read_section(reader, outer, Section::policy_lead_days, [&](const MapEntry& m) {
    for (const Strategy strategy : k_strategies) {
      if (m.key == to_string(strategy)) {
        policy.lead_days[static_cast<std::size_t>(strategy)] =
            reader.integer(m, 0, k_max_lead_days);
        return true;
      }
    }
    return false;
  });
}

void read_network(NodeReader& reader, const MapEntry& outer, Policy& policy) {
  if (outer.value->is_null()) {
    return;
  }
  Network network;
  bool has_bandwidth = false;
  read_section(reader, outer, Section::policy_network, [&](const MapEntry& m) {
    if (m.key == "bandwidth_mbps") {
      const auto value = reader.number(m, 0.001, k_max_quantity);
      has_bandwidth = value.has_value();
      network.bandwidth_mbps = value.value_or(0.0);
    } else if (m.key == "utilisation") {
      network.utilisation = reader.number(m, 0.01, 1).value_or(network.utilisation);
    } else {
      return false;
    }
    return true;
  });
  if (has_bandwidth) {
    policy.network = network;
  } else if (outer.value->resolved().kind == YamlNode::Kind::map) {
    reader.error(outer.key_node->mark, Code::missing_key,
                 "'network' needs 'bandwidth_mbps', the link's speed in megabits per second");
  }
}

}  // namespace

// policy.risk (rollback_probability) or policy.carbon (grid_kg_per_kwh).
void read_risk_or_carbon(NodeReader& reader, const MapEntry& e, Policy& policy) {
  if (e.key == "risk") {
    read_section(reader, e, Section::policy_risk, [&](const MapEntry& m) {
      if (m.key != "rollback_probability") {
        return false;
      }
      policy.rollback_probability = reader.number(m, 0, 0.9).value_or(policy.rollback_probability);
      return true;
    });
    return;
  }
  read_section(reader, e, Section::policy_carbon, [&](const MapEntry& m) {
    if (m.key != "grid_kg_per_kwh") {
      return false;
    }
    read_grid_intensity(reader, m, policy);
    return true;
  });
}

// policy.max_split_days by coupling: prerequisite and soft (hard couplings share a wave).
void read_max_split_days(NodeReader& reader, const MapEntry& e, Policy& policy) {
  read_section(reader, e, Section::policy_max_split_days, [&](const MapEntry& m) {
    if (m.key == "prerequisite") {
      policy.max_split_days.prerequisite = reader.integer(m, 0, k_max_split_days);
    } else if (m.key == "soft") {
      policy.max_split_days.soft = reader.integer(m, 0, k_max_split_days);
    } else if (m.key == "hard") {
      reader.error(m.key_node->mark, Code::bad_value,
                   "hard couplings share a wave: they have no split to limit; give "
                   "'prerequisite' or 'soft'");
    } else {
      return false;
    }
    return true;
  });
}

void read_policy(NodeReader& reader, const YamlNode& node, Policy& policy,
                 std::vector<RawFreeze>& freezes) {
  if (node.is_null()) {
    return;
  }
  const auto entries = reader.entries(node, "'policy'");
  if (!entries) {
    return;
  }
  for_each_known(reader, *entries, Section::policy, "'policy'", [&](const MapEntry& e) {
    if (e.key == "wave") {
      read_wave(reader, e, policy.wave);
    } else if (e.key == "hold_days") {
      policy.hold_days = reader.integer(e, 0, 3650).value_or(policy.hold_days);
    } else if (e.key == "pilot") {
      read_pilot(reader, e, policy);
    } else if (e.key == "lead_days") {
      read_lead_days(reader, e, policy);
    } else if (e.key == "hypercare_days") {
      policy.hypercare_days = reader.integer(e, 0, 3650).value_or(policy.hypercare_days);
    } else if (e.key == "network") {
      read_network(reader, e, policy);
    } else if (e.key == "risk" || e.key == "carbon") {
      read_risk_or_carbon(reader, e, policy);
    } else if (e.key == "non_production_first") {
      policy.non_production_first = reader.boolean(e).value_or(false);
    } else if (e.key == "freezes") {
      if (const auto* list = reader.items(e)) {
        for (const YamlNode& item : *list) {
          read_freeze(reader, item, freezes);
        }
      }
    } else if (e.key == "max_split_days") {
      read_max_split_days(reader, e, policy);
    } else if (e.key == "dependency_order") {
      policy.dependency_order =
          reader.enumeration<DependencyOrder>(e, k_orders).value_or(policy.dependency_order);
    } else {
      return false;
    }
    return true;
  });
}

}  // namespace dcexit::detail
