// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/input_file.hpp"
#include "base/node_reader.hpp"
#include "base/text.hpp"
#include "base/yaml_stream.hpp"

#include <dcexit/assess.hpp>
#include <dcexit/diagnostic.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace dcexit {

namespace {

using namespace std::string_view_literals;
using detail::MapEntry;
using detail::NodeReader;

constexpr std::array<std::pair<std::string_view, Signal>, k_signal_count> k_signals = {{
    {"unused", Signal::unused},
    {"low_users", Signal::low_users},
    {"idle", Signal::idle},
    {"saas_fit", Signal::saas_fit},
    {"cots", Signal::cots},
    {"custom_code", Signal::custom_code},
    {"os_out_of_support", Signal::os_out_of_support},
    {"platform_out_of_support", Signal::platform_out_of_support},
    {"physical", Signal::physical},
    {"large_data", Signal::large_data},
    {"strict_dr", Signal::strict_dr},
    {"contract_ends", Signal::contract_ends},
    {"critical", Signal::critical},
    {"many_dependants", Signal::many_dependants},
    {"growing", Signal::growing},
}};

constexpr std::array<std::pair<std::string_view, GateCondition>, 6> k_conditions = {{
    {"no_servers", GateCondition::no_servers},
    {"kind_in", GateCondition::kind_in},
    {"os_family_in", GateCondition::os_family_in},
    {"os_name_contains", GateCondition::os_name_contains},
    {"has_physical_server", GateCondition::has_physical_server},
    {"no_saas_alternative", GateCondition::no_saas_alternative},
}};

constexpr std::array<std::pair<std::string_view, Strategy>, 7> k_strategy_names = {{
    {"retire", Strategy::retire},
    {"retain", Strategy::retain},
    {"rehost", Strategy::rehost},
    {"relocate", Strategy::relocate},
    {"replatform", Strategy::replatform},
    {"repurchase", Strategy::repurchase},
    {"refactor", Strategy::refactor},
}};

constexpr std::array<std::pair<std::string_view, Criticality>, 4> k_criticalities = {{
    {"low", Criticality::low},
    {"medium", Criticality::medium},
    {"high", Criticality::high},
    {"critical", Criticality::critical},
}};

constexpr std::array k_root_keys = {"schema"sv,     "name"sv,   "extends"sv,
                                    "strategies"sv, "effort"sv, "cost"sv};
constexpr std::array k_cost_keys = {"headroom"sv,
                                    "hours_per_month"sv,
                                    "day_rate"sv,
                                    "replatform_factor"sv,
                                    "refactor_factor"sv,
                                    "storage_gb_month"sv,
                                    "default_utilisation"sv,
                                    "region"sv,
                                    "licences"sv,
                                    "extended_security_updates"sv,
                                    "exchange_rates"sv,
                                    "sizes"sv,
                                    "storage"sv,
                                    "carbon"sv};
constexpr std::array k_licence_keys = {"windows"sv, "sql_server"sv, "sql_server_per_core_month"sv};
constexpr std::array k_esu_keys = {"product"sv, "versions"sv, "free_on"sv, "per_core_year"sv};
constexpr std::array k_size_keys = {"vcpus"sv, "memory_gb"sv};
constexpr std::array k_storage_keys = {"aws_volume"sv, "azure_product"sv};
constexpr std::array k_utilisation_keys = {"cpu"sv, "memory"sv};
constexpr std::array k_carbon_keys = {"watts_per_core"sv,  "watts_per_server"sv,
                                      "grid_kg_per_kwh"sv, "cloud_utilisation"sv,
                                      "azure"sv,           "aws"sv};
constexpr std::array k_coefficient_keys = {"min_watts"sv, "max_watts"sv, "pue"sv};
constexpr std::array<std::pair<std::string_view, Provider>, 2> k_providers = {{
    {"azure", Provider::azure},
    {"aws", Provider::aws},
}};
constexpr std::array<std::pair<std::string_view, bool>, 2> k_licence_models = {{
    {"included", false},
    {"byol", true},
}};
constexpr std::array k_strategy_keys = {"base"sv, "signals"sv, "gates"sv, "effort"sv};
constexpr std::array k_gate_keys = {"when"sv, "values"sv, "reason"sv};
constexpr std::array k_effort_model_keys = {"fixed"sv, "per_server"sv, "per_tb"sv};
constexpr std::array k_effort_keys = {"criticality"sv, "per_link"sv, "low"sv, "high"sv};

template <class E, std::size_t N>
std::vector<std::string_view> names_of(const std::array<std::pair<std::string_view, E>, N>& table) {
  std::vector<std::string_view> names;
  names.reserve(table.size());
  for (const auto& [name, value] : table) {
    names.push_back(name);
  }
  return names;
}

bool takes_values(GateCondition c) {
  return c == GateCondition::kind_in || c == GateCondition::os_family_in ||
         c == GateCondition::os_name_contains;
}

class ProfileReader final : public YamlDocumentHandler {
 public:
  ProfileReader(std::string_view file, DiagnosticSink& sink) : m_reader(file, 0, sink) {}

  void on_entry(const YamlNode& key, YamlNode value) override {
    // A top-level list arrives item by item, then empty: give it its items back.
    if (value.kind == YamlNode::Kind::sequence && !m_list_items.empty()) {
      value.children = std::move(m_list_items);
      m_list_items.clear();
    }
    m_entries.emplace_back(key, std::move(value));
  }
  void on_item(const YamlNode& /*key*/, YamlNode item) override {
    m_list_items.push_back(std::move(item));
  }
  void on_non_map_root(const YamlNode& root) override {
    m_reader.error(root.mark, Code::wrong_type,
                   fmt::format("a profile must be a mapping; got {}", root.kind_name()));
  }

  ScoringProfile read(bool& has_schema) {
    ScoringProfile profile = default_base();
    for (const auto& [key, value] : m_entries) {
      const MapEntry entry{key.resolved().text, &key, &value};
      if (entry.key == "schema") {
        has_schema = true;
        const auto text = m_reader.string(entry);
        if (text && *text != "dcexit-profile/v1") {
          m_reader.error(
              value.mark, Code::unknown_schema,
              fmt::format("unknown schema '{}'; this dcexit reads 'dcexit-profile/v1'", *text));
        }
      } else if (entry.key == "name") {
        profile.name = m_reader.string(entry).value_or(profile.name);
      } else if (entry.key == "extends") {
        // Read first, below.
      } else if (entry.key == "strategies") {
        read_strategies(entry, profile);
      } else if (entry.key == "effort") {
        read_effort(entry, profile);
      } else if (entry.key == "cost") {
        read_cost(entry, profile.cost);
      } else {
        m_reader.unknown_key(entry, k_root_keys, "the profile");
      }
    }
    return profile;
  }

  std::optional<Mark> extends_none() {
    for (const auto& [key, value] : m_entries) {
      if (key.resolved().text != "extends") {
        continue;
      }
      const MapEntry entry{"extends", &key, &value};
      constexpr std::array k_extends = {std::pair{"default"sv, false}, std::pair{"none"sv, true}};
      if (m_reader.enumeration<bool>(entry, k_extends).value_or(false)) {
        return value.mark;
      }
    }
    return std::nullopt;
  }

  bool m_from_nothing = false;

 private:
  ScoringProfile default_base() const {
    if (m_from_nothing) {
      ScoringProfile empty;
      empty.name = "custom profile";
      return empty;
    }
    return default_profile();
  }

  void read_strategies(const MapEntry& outer, ScoringProfile& profile) {
    const auto entries = m_reader.entries(*outer.value, "'strategies'");
    if (!entries) {
      return;
    }
    const auto names = names_of(k_strategy_names);
    for (const MapEntry& e : *entries) {
      const auto found = std::find_if(k_strategy_names.begin(), k_strategy_names.end(),
                                      [&](const auto& p) { return p.first == e.key; });
      if (found == k_strategy_names.end()) {
        m_reader.error(e.key_node->mark, Code::bad_value,
                       fmt::format("unknown strategy '{}'{}", e.key, did_you_mean(e.key, names)));
        continue;
      }
      read_strategy(e, profile.strategies[static_cast<std::size_t>(found->second)]);
    }
  }

  void read_strategy(const MapEntry& outer, StrategyProfile& strategy) {
    const auto entries = m_reader.entries(*outer.value, fmt::format("strategy '{}'", outer.key));
    if (!entries) {
      return;
    }
    for (const MapEntry& e : *entries) {
      if (e.key == "base") {
        strategy.base = m_reader.number(e, 0, 1).value_or(strategy.base);
      } else if (e.key == "signals") {
        read_signals(e, strategy);
      } else if (e.key == "gates") {
        read_gates(e, strategy);
      } else if (e.key == "effort") {
        read_effort_model(e, strategy.effort);
      } else {
        m_reader.unknown_key(e, k_strategy_keys, fmt::format("strategy '{}'", outer.key));
      }
    }
  }

  void read_signals(const MapEntry& outer, StrategyProfile& strategy) {
    const auto entries = m_reader.entries(*outer.value, "'signals'");
    if (!entries) {
      return;
    }
    const auto names = names_of(k_signals);
    for (const MapEntry& e : *entries) {
      const auto found = std::find_if(k_signals.begin(), k_signals.end(),
                                      [&](const auto& p) { return p.first == e.key; });
      if (found == k_signals.end()) {
        m_reader.error(e.key_node->mark, Code::bad_value,
                       fmt::format("unknown signal '{}'{}", e.key, did_you_mean(e.key, names)));
        continue;
      }
      const auto weight = m_reader.number(e, -1, 1);
      if (weight) {
        strategy.weights[static_cast<std::size_t>(found->second)] = *weight;
      }
    }
  }

  void read_gates(const MapEntry& outer, StrategyProfile& strategy) {
    strategy.gates.clear();  // a profile that gives gates replaces the strategy's list
    const auto* list = m_reader.items(outer);
    if (list == nullptr) {
      return;
    }
    for (const YamlNode& item : *list) {
      if (auto gate = read_gate(item)) {
        strategy.gates.push_back(std::move(*gate));
      }
    }
  }

  std::optional<Gate> read_gate(const YamlNode& item) {
    const auto entries = m_reader.entries(item, "a gate");
    if (!entries) {
      return std::nullopt;
    }
    constexpr std::array k_required = {"when"sv, "reason"sv};
    m_reader.require(item, *entries, k_required, "gate");
    Gate gate;
    bool has_condition = false;
    const YamlNode* values_key = nullptr;
    for (const MapEntry& e : *entries) {
      if (e.key == "when") {
        const auto c = m_reader.enumeration<GateCondition>(e, k_conditions);
        has_condition = c.has_value();
        gate.condition = c.value_or(gate.condition);
      } else if (e.key == "values") {
        gate.values = m_reader.string_list(e).value_or(std::vector<std::string>{});
        values_key = e.key_node;
      } else if (e.key == "reason") {
        gate.reason = m_reader.string(e).value_or("");
      } else {
        m_reader.unknown_key(e, k_gate_keys, "a gate");
      }
    }
    if (!has_condition) {
      return std::nullopt;
    }
    if (takes_values(gate.condition) && gate.values.empty()) {
      m_reader.error(item.mark, Code::missing_key,
                     fmt::format("gate '{}' needs 'values'", to_string(gate.condition)));
      return std::nullopt;
    }
    if (!takes_values(gate.condition) && values_key != nullptr) {
      m_reader.error(values_key->mark, Code::unknown_key,
                     fmt::format("gate '{}' takes no 'values'", to_string(gate.condition)));
    }
    return gate;
  }

  void read_effort_model(const MapEntry& outer, EffortModel& effort) {
    const auto entries = m_reader.entries(*outer.value, "'effort'");
    if (!entries) {
      return;
    }
    for (const MapEntry& e : *entries) {
      if (e.key == "fixed") {
        effort.fixed = m_reader.number(e, 0, 10000).value_or(effort.fixed);
      } else if (e.key == "per_server") {
        effort.per_server = m_reader.number(e, 0, 1000).value_or(effort.per_server);
      } else if (e.key == "per_tb") {
        effort.per_tb = m_reader.number(e, 0, 1000).value_or(effort.per_tb);
      } else {
        m_reader.unknown_key(e, k_effort_model_keys, "a strategy's 'effort'");
      }
    }
  }

  void read_effort(const MapEntry& outer, ScoringProfile& profile) {
    const auto entries = m_reader.entries(*outer.value, "'effort'");
    if (!entries) {
      return;
    }
    for (const MapEntry& e : *entries) {
      if (e.key == "criticality") {
        const auto levels = m_reader.entries(*e.value, "'criticality'");
        for (const MapEntry& level : levels.value_or(std::vector<MapEntry>{})) {
          const auto found = std::find_if(k_criticalities.begin(), k_criticalities.end(),
                                          [&](const auto& p) { return p.first == level.key; });
          if (found == k_criticalities.end()) {
            m_reader.error(level.key_node->mark, Code::bad_value,
                           fmt::format("unknown criticality '{}'{}", level.key,
                                       did_you_mean(level.key, names_of(k_criticalities))));
            continue;
          }
          auto& slot = profile.criticality_multiplier[static_cast<std::size_t>(found->second)];
          slot = m_reader.number(level, 0.1, 10).value_or(slot);
        }
      } else if (e.key == "per_link") {
        profile.per_link = m_reader.number(e, 0, 1).value_or(profile.per_link);
      } else if (e.key == "low") {
        profile.low_factor = m_reader.number(e, 0, 1).value_or(profile.low_factor);
      } else if (e.key == "high") {
        profile.high_factor = m_reader.number(e, 1, 10).value_or(profile.high_factor);
      } else {
        m_reader.unknown_key(e, k_effort_keys, "'effort'");
      }
    }
  }

  // The business case's assumptions (docs/cost.md).
  void read_cost(const MapEntry& outer, CostSettings& cost) {
    const auto entries = m_reader.entries(*outer.value, "'cost'");
    for (const MapEntry& e : entries.value_or(std::vector<MapEntry>{})) {
      if (e.key == "headroom") {
        cost.headroom = m_reader.number(e, 0, 10).value_or(cost.headroom);
      } else if (e.key == "hours_per_month") {
        cost.hours_per_month = m_reader.number(e, 1, 744).value_or(cost.hours_per_month);
      } else if (e.key == "day_rate") {
        cost.day_rate = m_reader.number(e, 0, 1e6).value_or(cost.day_rate);
      } else if (e.key == "replatform_factor") {
        cost.replatform_factor = m_reader.number(e, 0, 100).value_or(cost.replatform_factor);
      } else if (e.key == "refactor_factor") {
        cost.refactor_factor = m_reader.number(e, 0, 100).value_or(cost.refactor_factor);
      } else if (e.key == "storage_gb_month") {
        cost.storage_gb_month = m_reader.number(e, 0, 1e6).value_or(cost.storage_gb_month);
      } else if (e.key == "default_utilisation") {
        for (const MapEntry& u : sub(e, k_utilisation_keys, "'default_utilisation'")) {
          double& slot =
              u.key == "cpu" ? cost.default_cpu_utilisation : cost.default_memory_utilisation;
          slot = m_reader.number(u, 0.01, 1).value_or(slot);
        }
      } else if (e.key == "region") {
        cost.region = m_reader.string(e).value_or(cost.region);
      } else if (e.key == "licences") {
        for (const MapEntry& l : sub(e, k_licence_keys, "'licences'")) {
          if (l.key == "windows") {
            cost.windows_byol = m_reader.enumeration<bool>(l, k_licence_models).value_or(false);
          } else if (l.key == "sql_server") {
            cost.sql_byol = m_reader.enumeration<bool>(l, k_licence_models).value_or(false);
          } else {
            cost.sql_per_core_month = m_reader.number(l, 0, 1e6).value_or(cost.sql_per_core_month);
          }
        }
      } else if (e.key == "extended_security_updates") {
        cost.esu.clear();  // a profile that gives rules replaces the list
        const auto* list = m_reader.items(e);
        for (const YamlNode& item : list != nullptr ? *list : std::vector<YamlNode>{}) {
          read_esu(item, cost);
        }
      } else if (e.key == "exchange_rates") {
        for (const MapEntry& r :
             m_reader.entries(*e.value, "'exchange_rates'").value_or(std::vector<MapEntry>{})) {
          if (const auto rate = m_reader.number(r, 1e-9, 1e9)) {
            std::erase_if(cost.exchange_rates, [&](const auto& p) { return p.first == r.key; });
            cost.exchange_rates.emplace_back(std::string(r.key), *rate);
          }
        }
        std::sort(cost.exchange_rates.begin(), cost.exchange_rates.end());
      } else if (e.key == "sizes") {
        for (const MapEntry& size :
             m_reader.entries(*e.value, "'sizes'").value_or(std::vector<MapEntry>{})) {
          SizeShape shape;
          shape.size = std::string(size.key);
          for (const MapEntry& f : sub(size, k_size_keys, fmt::format("size '{}'", size.key))) {
            double& slot = f.key == "vcpus" ? shape.vcpus : shape.memory_gb;
            slot = m_reader.number(f, 0.01, 1e5).value_or(0);
          }
          std::erase_if(cost.sizes, [&](const SizeShape& s) { return s.size == shape.size; });
          cost.sizes.push_back(std::move(shape));
        }
      } else if (e.key == "storage") {
        for (const MapEntry& f : sub(e, k_storage_keys, "'storage'")) {
          std::string& slot = f.key == "aws_volume" ? cost.aws_volume : cost.azure_storage_product;
          slot = m_reader.string(f).value_or(slot);
        }
      } else if (e.key == "carbon") {
        read_carbon(e, cost);
      } else {
        m_reader.unknown_key(e, k_cost_keys, "'cost'");
      }
    }
  }

  // The entries of a mapping whose keys are all in `known` (others reported).
  template <std::size_t N>
  std::vector<MapEntry> sub(const MapEntry& outer, const std::array<std::string_view, N>& known,
                            std::string_view what) {
    std::vector<MapEntry> out;
    const auto entries = m_reader.entries(*outer.value, what);
    for (const MapEntry& e : entries.value_or(std::vector<MapEntry>{})) {
      if (std::find(known.begin(), known.end(), e.key) == known.end()) {
        m_reader.unknown_key(e, known, what);
      } else {
        out.push_back(e);
      }
    }
    return out;
  }

  void read_esu(const YamlNode& item, CostSettings& cost) {
    const auto entries = m_reader.entries(item, "an extended security updates rule");
    if (!entries) {
      return;
    }
    constexpr std::array k_required = {"product"sv, "versions"sv};
    m_reader.require(item, *entries, k_required, "extended security updates rule");
    CostSettings::Esu rule;
    for (const MapEntry& e : *entries) {
      if (e.key == "product") {
        rule.product = lower(m_reader.string(e).value_or(""));
      } else if (e.key == "versions") {
        rule.versions = m_reader.string_list(e).value_or(std::vector<std::string>{});
      } else if (e.key == "free_on") {
        for (const std::string& name :
             m_reader.string_list(e).value_or(std::vector<std::string>{})) {
          const auto found = std::find_if(k_providers.begin(), k_providers.end(),
                                          [&](const auto& p) { return p.first == name; });
          if (found == k_providers.end()) {
            m_reader.error(e.value->mark, Code::bad_value,
                           fmt::format("unknown cloud '{}'; expected azure or aws", name));
          } else {
            rule.free_on.push_back(found->second);
          }
        }
      } else if (e.key == "per_core_year") {
        rule.per_core_year = m_reader.number(e, 0, 1e6).value_or(0);
      } else {
        m_reader.unknown_key(e, k_esu_keys, "an extended security updates rule");
      }
    }
    cost.esu.push_back(std::move(rule));
  }

  void read_carbon(const MapEntry& outer, CostSettings& cost) {
    for (const MapEntry& e : sub(outer, k_carbon_keys, "'carbon'")) {
      if (e.key == "watts_per_core") {
        cost.watts_per_core = m_reader.number(e, 0, 1e4).value_or(cost.watts_per_core);
      } else if (e.key == "watts_per_server") {
        cost.watts_per_server = m_reader.number(e, 0, 1e5).value_or(cost.watts_per_server);
      } else if (e.key == "grid_kg_per_kwh") {
        cost.grid_kg_per_kwh = m_reader.number(e, 0, 5).value_or(cost.grid_kg_per_kwh);
      } else if (e.key == "cloud_utilisation") {
        cost.cloud_utilisation = m_reader.number(e, 0, 1).value_or(cost.cloud_utilisation);
      } else {
        auto& k = cost.cloud[static_cast<std::size_t>(e.key == "azure" ? Provider::azure
                                                                       : Provider::aws)];
        for (const MapEntry& f : sub(e, k_coefficient_keys, fmt::format("'{}'", e.key))) {
          double& slot = f.key == "min_watts"   ? k.min_watts
                         : f.key == "max_watts" ? k.max_watts
                                                : k.pue;
          slot = m_reader.number(f, f.key == "pue" ? 1.0 : 0.0, 1000).value_or(slot);
        }
      }
    }
  }

  NodeReader m_reader;
  std::vector<std::pair<YamlNode, YamlNode>> m_entries;
  std::vector<YamlNode> m_list_items;
};

}  // namespace

std::string_view to_string(Signal signal) {
  return k_signals[static_cast<std::size_t>(signal)].first;
}

std::string_view to_string(GateCondition condition) {
  return k_conditions[static_cast<std::size_t>(condition)].first;
}

ScoringProfile load_profile(std::string_view file, std::string_view content, DiagnosticSink& sink) {
  ProfileReader reader(file, sink);
  const YamlReadResult result = stream_yaml(file, content, reader, sink);
  if (result == YamlReadResult::empty) {
    sink.error({std::string(file), 1, 1}, Code::empty_file,
               "profile is empty; a profile starts with 'schema: dcexit-profile/v1'");
  }
  if (result != YamlReadResult::ok) {
    return default_profile();
  }
  reader.m_from_nothing = reader.extends_none().has_value();
  bool has_schema = false;
  ScoringProfile profile = reader.read(has_schema);
  if (!has_schema) {
    sink.error({std::string(file), 1, 1}, Code::missing_schema,
               "profile has no 'schema: dcexit-profile/v1' line");
  }
  return profile;
}

tl::expected<ScoringProfile, LoadFailure> load_profile_file(const std::string& path,
                                                            DiagnosticSink& sink) {
  if (path.empty()) {
    return default_profile();
  }
  const auto content = read_input(path);
  if (!content) {
    sink.error({path, 1, 1}, Code::unreadable,
               fmt::format("cannot read profile '{}': {}", path, content.error()));
    return tl::unexpected(LoadFailure::unreadable);
  }
  DiagnosticSink own;
  ScoringProfile profile = load_profile(path, *content, own);
  own.sort();
  for (const Diagnostic& d : own.all()) {
    sink.add(d);
  }
  if (own.has_errors()) {
    return tl::unexpected(LoadFailure::invalid);
  }
  return profile;
}

const ScoringProfile& default_profile() {
  static const ScoringProfile k_profile = [] {
    DiagnosticSink sink;
    // Read over nothing: the default extends nothing (and default_profile() is not ready yet).
    std::string text(default_profile_text());
    text += "\nextends: none\n";
    ScoringProfile profile = load_profile("<built-in profile>", text, sink);
    if (sink.has_errors() || sink.warning_count() > 0) {
      throw std::logic_error("the built-in scoring profile does not read cleanly: " +
                             format_text(sink.all().front()));
    }
    return profile;
  }();
  return k_profile;
}

}  // namespace dcexit
