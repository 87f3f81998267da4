// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "assess/fields.hpp"
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

std::string_view to_string(Provider provider) {
  return provider == Provider::azure ? "azure" : "aws";
}

namespace {

using namespace std::string_view_literals;
using detail::MapEntry;
using detail::NodeReader;

constexpr std::array<std::pair<std::string_view, SignalRule>, 5> k_rules = {{
    {"criticality", SignalRule::criticality},
    {"os_out_of_support", SignalRule::os_out_of_support},
    {"platform_out_of_support", SignalRule::platform_out_of_support},
    {"contract_ends", SignalRule::contract_ends},
    {"many_dependants", SignalRule::many_dependants},
}};

constexpr std::array<std::pair<std::string_view, Condition::Op>, 9> k_ops = {{
    {"equals", Condition::Op::equals},
    {"in", Condition::Op::in},
    {"matches", Condition::Op::matches},
    {"greater_than", Condition::Op::greater_than},
    {"less_than", Condition::Op::less_than},
    {"at_least", Condition::Op::at_least},
    {"at_most", Condition::Op::at_most},
    {"present", Condition::Op::present},
    {"absent", Condition::Op::absent},
}};

constexpr std::array<std::pair<std::string_view, Condition::On>, 3> k_quantifiers = {{
    {"any", Condition::On::any},
    {"all", Condition::On::all},
    {"share", Condition::On::share},
}};

constexpr std::array<std::pair<std::string_view, Target>, 3> k_targets = {{
    {"generic", Target::generic},
    {"azure", Target::azure},
    {"aws", Target::aws},
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

constexpr std::array k_root_keys = {"schema"sv,   "name"sv,       "extends"sv, "target"sv,
                                    "signals"sv,  "strategies"sv, "effort"sv,  "confidence"sv,
                                    "dr_tiers"sv, "cost"sv};
constexpr std::array k_dr_keys = {"name"sv, "rto_hours_at_most"sv, "rpo_hours_at_most"sv,
                                  "criticality"sv, "dependants_at_least"sv};
constexpr std::array k_target_keys = {"cloud"sv, "platform_products"sv};
constexpr std::array k_signal_keys = {"rule"sv,  "levels"sv, "when"sv,
                                      "value"sv, "reason"sv, "otherwise"sv};
constexpr std::array k_level_keys = {"when"sv, "value"sv, "reason"sv};
constexpr std::array k_condition_keys = {"field"sv,   "on"sv,           "equals"sv,    "in"sv,
                                         "matches"sv, "greater_than"sv, "less_than"sv, "at_least"sv,
                                         "at_most"sv, "present"sv,      "absent"sv};
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
constexpr std::array k_strategy_keys = {"base"sv, "signals"sv, "gates"sv, "evidence"sv, "effort"sv};
constexpr std::array k_confidence_keys = {"floor"sv, "missing_evidence"sv, "margin"sv};
constexpr std::array<std::pair<std::string_view, Evidence>, k_evidence_count> k_evidence = {{
    {"servers", Evidence::servers},
    {"criticality", Evidence::criticality},
    {"usage", Evidence::usage},
    {"technology", Evidence::technology},
    {"target", Evidence::target},
    {"saas", Evidence::saas},
}};
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

std::string_view op_words(Condition::Op op) {
  switch (op) {
    case Condition::Op::equals:
      return "is";
    case Condition::Op::in:
      return "is one of";
    case Condition::Op::matches:
      return "matches";
    case Condition::Op::greater_than:
      return "is more than";
    case Condition::Op::less_than:
      return "is less than";
    case Condition::Op::at_least:
      return "is at least";
    case Condition::Op::at_most:
      return "is at most";
    case Condition::Op::present:
      return "is given";
    case Condition::Op::absent:
      return "is not given";
  }
  return "";
}

// A condition in words, for a level without its own reason: "servers.kind is physical on any
// server".
std::string describe(const Condition& c) {
  const detail::FieldInfo& f = detail::info(c.field);
  std::string out = fmt::format("{} {}", f.name, op_words(c.op));
  if (c.op == Condition::Op::present || c.op == Condition::Op::absent) {
  } else if (!c.values.empty()) {
    out += " " + join(c.values, ", ");
  } else {
    out += " " + detail::show(f.type, {true, c.number, {}, nullptr});
  }
  if (f.server) {
    out += c.on == Condition::On::any   ? " on any server"
           : c.on == Condition::On::all ? " on every server"
                                        : " (the share of servers)";
  }
  return out;
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
    ScoringProfile profile = m_base;
    // Signals first: the strategies name them, wherever they are in the file.
    for (const auto& [key, value] : m_entries) {
      const MapEntry entry{key.resolved().text, &key, &value};
      if (entry.key == "signals") {
        read_definitions(entry, profile);
      }
    }
    for (StrategyProfile& strategy : profile.strategies) {
      strategy.weights.resize(profile.signals.size(), 0.0);
    }
    for (const auto& [key, value] : m_entries) {
      const MapEntry entry{key.resolved().text, &key, &value};
      if (entry.key == "signals" || entry.key == "extends") {
        // Read first, above (and `extends` before the reader began).
      } else if (entry.key == "target") {
        read_target(entry, profile.target);
      } else if (entry.key == "schema") {
        has_schema = true;
        const auto text = m_reader.string(entry);
        if (text && *text != "dcexit-profile/v1") {
          m_reader.error(
              value.mark, Code::unknown_schema,
              fmt::format("unknown schema '{}'; this dcexit reads 'dcexit-profile/v1'", *text));
        }
      } else if (entry.key == "name") {
        profile.name = m_reader.string(entry).value_or(profile.name);
      } else if (entry.key == "strategies") {
        read_strategies(entry, profile);
      } else if (entry.key == "effort") {
        read_effort(entry, profile);
      } else if (entry.key == "dr_tiers") {
        read_dr_tiers(entry, profile);
      } else if (entry.key == "confidence") {
        for (const MapEntry& e : sub(entry, k_confidence_keys, "'confidence'")) {
          double& slot = e.key == "floor"              ? profile.confidence.floor
                         : e.key == "missing_evidence" ? profile.confidence.missing_evidence
                                                       : profile.confidence.margin;
          slot = m_reader.number(e, e.key == "margin" ? 0.001 : 0.0, 1).value_or(slot);
        }
      } else if (entry.key == "cost") {
        read_cost(entry, profile.cost);
      } else {
        m_reader.unknown_key(entry, k_root_keys, "the profile");
      }
    }
    return profile;
  }

  // The profile `extends:` names: a target's built-in profile, or nothing (nullopt); `base` when
  // the file does not say.
  std::optional<Target> extends(std::optional<Target> base) {
    for (const auto& [key, value] : m_entries) {
      if (key.resolved().text != "extends") {
        continue;
      }
      const MapEntry entry{"extends", &key, &value};
      constexpr std::array<std::pair<std::string_view, int>, 5> k_extends = {
          {{"default", 0}, {"generic", 0}, {"azure", 1}, {"aws", 2}, {"none", 3}}};
      const auto named = m_reader.enumeration<int>(entry, k_extends);
      if (!named) {
        return base;
      }
      if (*named == 3) {
        return std::nullopt;
      }
      return static_cast<Target>(*named);
    }
    return base;
  }

  ScoringProfile m_base;

 private:
  void read_target(const MapEntry& outer, TargetFacts& target) {
    for (const MapEntry& e : sub(outer, k_target_keys, "'target'")) {
      if (e.key == "cloud") {
        target.target = m_reader.enumeration<Target>(e, k_targets).value_or(target.target);
      } else {
        target.platform_products = m_reader.string_list(e).value_or(std::vector<std::string>{});
      }
    }
  }

  // `signals:`: each a definition that replaces the one of that name or adds a new signal.
  void read_definitions(const MapEntry& outer, ScoringProfile& profile) {
    const auto entries = m_reader.entries(*outer.value, "'signals'");
    for (const MapEntry& e : entries.value_or(std::vector<MapEntry>{})) {
      const bool good_name = !e.key.empty() && e.key.size() <= 64 &&
                             std::all_of(e.key.begin(), e.key.end(), [](char c) {
                               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                             });
      if (!good_name) {
        m_reader.error(e.key_node->mark, Code::bad_value,
                       fmt::format("signal name '{}' must be 1 to 64 of a-z, 0-9 and _",
                                   abbreviate(e.key, 20)));
        continue;
      }
      auto definition = read_definition(e);
      if (!definition) {
        continue;
      }
      const auto known = profile.signal(e.key);
      if (known) {
        profile.signals[*known] = std::move(*definition);
      } else if (profile.signals.size() >= k_max_signals) {
        m_reader.error(e.key_node->mark, Code::bad_value,
                       fmt::format("a profile defines at most {} signals", k_max_signals));
      } else {
        profile.signals.push_back(std::move(*definition));
      }
    }
  }

  std::optional<SignalDefinition> read_definition(const MapEntry& outer) {
    const auto entries = m_reader.entries(*outer.value, fmt::format("signal '{}'", outer.key));
    if (!entries) {
      return std::nullopt;
    }
    SignalDefinition def;
    def.name = std::string(outer.key);
    std::optional<MapEntry> rule;
    std::optional<MapEntry> levels;
    std::optional<MapEntry> when;
    std::optional<MapEntry> value;
    std::optional<MapEntry> reason;
    const std::size_t errors = m_reader.error_count();
    for (const MapEntry& e : *entries) {
      if (e.key == "rule") {
        rule = e;
      } else if (e.key == "levels") {
        levels = e;
      } else if (e.key == "when") {
        when = e;
      } else if (e.key == "value") {
        value = e;
      } else if (e.key == "reason") {
        reason = e;
      } else if (e.key == "otherwise") {
        def.otherwise = m_reader.string(e).value_or("");
        check_template(def.otherwise, e);
      } else {
        m_reader.unknown_key(e, k_signal_keys, fmt::format("signal '{}'", outer.key));
      }
    }
    const int forms = (rule ? 1 : 0) + (levels ? 1 : 0) + (when ? 1 : 0);
    if (forms != 1) {
      m_reader.error(
          outer.value->mark, forms == 0 ? Code::missing_key : Code::bad_value,
          fmt::format("signal '{}' needs exactly one of 'when', 'levels' and 'rule'", outer.key));
      return std::nullopt;
    }
    if (!when && (value || reason)) {
      const MapEntry& stray = value ? *value : *reason;
      m_reader.error(stray.key_node->mark, Code::unknown_key,
                     fmt::format("'{}' goes with 'when' (or inside each of 'levels')", stray.key));
    }
    if (rule) {
      const auto r = m_reader.enumeration<SignalRule>(*rule, k_rules);
      if (!r) {
        return std::nullopt;
      }
      def.rule = *r;
    } else if (levels) {
      read_levels(*levels, def);
    } else {
      def.levels.push_back(read_one_level(*when, value, reason));
    }
    if (m_reader.error_count() != errors) {
      return std::nullopt;
    }
    return def;
  }

  // A signal's `levels`, each a `when` with its value and reason.
  void read_levels(const MapEntry& levels, SignalDefinition& def) {
    const auto* list = m_reader.items(levels);
    for (const YamlNode& item : list != nullptr ? *list : std::vector<YamlNode>{}) {
      if (auto level = read_level(item)) {
        def.levels.push_back(std::move(*level));
      }
    }
    if (def.levels.size() > k_max_levels) {
      m_reader.error(levels.value->mark, Code::bad_value,
                     fmt::format("a signal has at most {} levels", k_max_levels));
    }
  }

  // A signal's one level written inline: `when`, with `value` (default 1) and `reason`.
  SignalLevel read_one_level(const MapEntry& when, const std::optional<MapEntry>& value,
                             const std::optional<MapEntry>& reason) {
    SignalLevel level;
    level.when = read_when(when);
    level.value = value ? m_reader.number(*value, 0, 1).value_or(1) : 1;
    level.reason = reason ? m_reader.string(*reason).value_or("") : "";
    if (reason) {
      check_template(level.reason, *reason);
    }
    finish_level(level);
    return level;
  }

  std::optional<SignalLevel> read_level(const YamlNode& item) {
    const auto entries = m_reader.entries(item, "a level");
    if (!entries) {
      return std::nullopt;
    }
    constexpr std::array k_required = {"when"sv};
    m_reader.require(item, *entries, k_required, "level");
    SignalLevel level;
    for (const MapEntry& e : *entries) {
      if (e.key == "when") {
        level.when = read_when(e);
      } else if (e.key == "value") {
        level.value = m_reader.number(e, 0, 1).value_or(1);
      } else if (e.key == "reason") {
        level.reason = m_reader.string(e).value_or("");
        check_template(level.reason, e);
      } else {
        m_reader.unknown_key(e, k_level_keys, "a level");
      }
    }
    finish_level(level);
    return level;
  }

  // `dr_tiers:` a list, given whole; at least one.
  // The criticality `name` says, or nullopt after an error at `mark` (with did-you-mean).
  std::optional<Criticality> criticality_named(std::string_view name, Mark mark) {
    const auto found = std::find_if(k_criticalities.begin(), k_criticalities.end(),
                                    [&](const auto& p) { return p.first == name; });
    if (found == k_criticalities.end()) {
      m_reader.error(mark, Code::bad_value,
                     fmt::format("unknown criticality '{}'{}", abbreviate(name, 20),
                                 did_you_mean(name, names_of(k_criticalities))));
      return std::nullopt;
    }
    return found->second;
  }

  void read_dr_tiers(const MapEntry& outer, ScoringProfile& profile) {
    const auto* list = m_reader.items(outer);
    if (list == nullptr) {
      return;
    }
    if (list->empty() || list->size() > 9) {
      m_reader.error(outer.value->mark, Code::bad_value, "'dr_tiers' lists 1 to 9 tiers");
      return;
    }
    profile.dr_tiers.clear();
    for (const YamlNode& item : *list) {
      const auto entries = m_reader.entries(item, "a DR tier");
      if (!entries) {
        continue;
      }
      constexpr std::array k_required = {"name"sv};
      m_reader.require(item, *entries, k_required, "DR tier");
      DrTierRule rule;
      for (const MapEntry& e : *entries) {
        if (e.key == "name") {
          rule.name = m_reader.string(e).value_or("");
        } else if (e.key == "rto_hours_at_most") {
          rule.rto_hours_at_most = m_reader.number(e, 0, 1e6);
        } else if (e.key == "rpo_hours_at_most") {
          rule.rpo_hours_at_most = m_reader.number(e, 0, 1e6);
        } else if (e.key == "dependants_at_least") {
          const auto n = m_reader.integer(e, 1, 1'000'000);
          if (n) {
            rule.dependants_at_least = static_cast<std::uint32_t>(*n);
          }
        } else if (e.key == "criticality") {
          for (const std::string& name :
               m_reader.string_list(e).value_or(std::vector<std::string>{})) {
            if (const auto level = criticality_named(name, e.value->mark)) {
              rule.criticality.push_back(*level);
            }
          }
        } else {
          m_reader.unknown_key(e, k_dr_keys, "a DR tier");
        }
      }
      profile.dr_tiers.push_back(std::move(rule));
    }
  }

  // A level without its own reason says its conditions.
  static void finish_level(SignalLevel& level) {
    if (level.reason.empty()) {
      std::vector<std::string> parts;
      for (const Condition& c : level.when) {
        parts.push_back(describe(c));
      }
      level.reason = join(parts, " and ");
    }
  }

  // `when:` one condition, or a list of conditions that must all hold.
  std::vector<Condition> read_when(const MapEntry& e) {
    std::vector<Condition> out;
    const YamlNode& node = e.value->resolved();
    if (node.kind == YamlNode::Kind::sequence) {
      for (const YamlNode& item : node.children) {
        if (auto c = read_condition(item)) {
          out.push_back(std::move(*c));
        }
      }
    } else if (auto c = read_condition(*e.value)) {
      out.push_back(std::move(*c));
    }
    if (out.size() > k_max_conditions) {
      m_reader.error(e.value->mark, Code::bad_value,
                     fmt::format("'when' has at most {} conditions", k_max_conditions));
    }
    return out;
  }

  std::optional<Condition> read_condition(const YamlNode& node) {
    const auto entries = m_reader.entries(node, "a condition");
    if (!entries) {
      return std::nullopt;
    }
    constexpr std::array k_required = {"field"sv};
    m_reader.require(node, *entries, k_required, "condition");
    Condition c;
    std::optional<detail::FieldInfo> field;
    std::optional<MapEntry> test;
    std::optional<MapEntry> on;
    for (const MapEntry& e : *entries) {
      if (e.key == "field") {
        field = read_field(e, c);
      } else if (e.key == "on") {
        on = e;
      } else if (std::any_of(k_ops.begin(), k_ops.end(),
                             [&](const auto& p) { return p.first == e.key; })) {
        if (test) {
          m_reader.error(
              e.key_node->mark, Code::bad_value,
              fmt::format("a condition has one test; got '{}' and '{}'", test->key, e.key));
          return std::nullopt;
        }
        test = e;
      } else {
        m_reader.unknown_key(e, k_condition_keys, "a condition");
      }
    }
    if (!field) {
      return std::nullopt;
    }
    if (!test) {
      m_reader.error(node.mark, Code::missing_key,
                     "a condition needs a test: equals, in, matches, greater_than, less_than, "
                     "at_least, at_most, present or absent");
      return std::nullopt;
    }
    if (on && !field->server) {
      m_reader.error(on->key_node->mark, Code::unknown_key,
                     fmt::format("'on' applies to server fields; '{}' is the app's", field->name));
    } else if (on) {
      c.on = m_reader.enumeration<Condition::On>(*on, k_quantifiers).value_or(c.on);
    }
    c.op = std::find_if(k_ops.begin(), k_ops.end(), [&](const auto& p) {
             return p.first == test->key;
           })->second;
    if (!read_test(*test, *field, c)) {
      return std::nullopt;
    }
    return c;
  }

  // A condition's `field`, by name (with the nearest names when there is none of that name).
  std::optional<detail::FieldInfo> read_field(const MapEntry& e, Condition& c) {
    const auto name = m_reader.string(e);
    if (!name) {
      return std::nullopt;
    }
    if (const auto f = detail::field_named(*name)) {
      c.field = *f;
      return detail::info(*f);
    }
    std::vector<std::string_view> names;
    for (const detail::FieldInfo& i : detail::field_table()) {
      names.push_back(i.name);
    }
    m_reader.error(
        e.value->mark, Code::bad_value,
        fmt::format("unknown field '{}'{}", abbreviate(*name, 40), did_you_mean(*name, names)));
    return std::nullopt;
  }

  // The test's value, checked against the field's type.
  bool read_test(const MapEntry& e, const detail::FieldInfo& field, Condition& c) {
    using detail::FieldType;
    const auto refuse = [&](std::string_view why) {
      m_reader.error(e.key_node->mark, Code::bad_value,
                     fmt::format("'{}' {}; field '{}' is {}", e.key, why, field.name,
                                 field.type == FieldType::text     ? "text"
                                 : field.type == FieldType::number ? "a number"
                                 : field.type == FieldType::date   ? "a date"
                                 : field.type == FieldType::flag   ? "true or false"
                                                                   : "a list"));
      return false;
    };
    switch (c.op) {
      case Condition::Op::present:
      case Condition::Op::absent: {
        const auto yes = m_reader.boolean(e);
        if (yes && !*yes) {
          m_reader.error(e.value->mark, Code::bad_value, fmt::format("write '{}: true'", e.key));
        }
        return yes.value_or(false);
      }
      case Condition::Op::greater_than:
      case Condition::Op::less_than:
      case Condition::Op::at_least:
      case Condition::Op::at_most:
        if (field.type == FieldType::number) {
          const auto n = m_reader.number(e, -1e15, 1e15);
          c.number = n.value_or(0);
          return n.has_value();
        }
        if (field.type == FieldType::date) {
          const auto d = m_reader.date(e);
          c.number = d ? static_cast<double>(d->days) : 0;
          return d.has_value();
        }
        return refuse("compares numbers and dates");
      case Condition::Op::matches:
      case Condition::Op::in: {
        if (field.type != FieldType::text && field.type != FieldType::list) {
          return refuse("applies to text");
        }
        auto values = c.op == Condition::Op::in ? m_reader.string_list(e) : [&] {
          auto one = m_reader.string(e);
          return one ? std::optional(std::vector<std::string>{*one}) : std::nullopt;
        }();
        c.values = values.value_or(std::vector<std::string>{});
        return values.has_value();
      }
      case Condition::Op::equals:
        return read_equals(e, field, c);
    }
    return false;
  }

  // `equals`: a value of the field's type, kept as the field shows it.
  bool read_equals(const MapEntry& e, const detail::FieldInfo& field, Condition& c) {
    using detail::FieldType;
    if (field.type == FieldType::number) {
      const auto n = m_reader.number(e, -1e15, 1e15);
      if (n) {
        c.values = {detail::show(field.type, {true, *n, {}, nullptr})};
        c.number = *n;  // compared as a number, not as the text shown (passes)
      }
      return n.has_value();
    }
    if (field.type == FieldType::date) {
      const auto d = m_reader.date(e);
      if (d) {
        c.values = {d->to_string()};
        c.number = static_cast<double>(d->days);
      }
      return d.has_value();
    }
    if (field.type == FieldType::flag) {
      const auto b = m_reader.boolean(e);
      if (b) {
        c.values = {*b ? "true" : "false"};
      }
      return b.has_value();
    }
    if (auto text = m_reader.string(e)) {
      c.values = {std::move(*text)};
      return true;
    }
    return false;
  }

  // A reason's placeholders are {match}, {share} or an app field.
  void check_template(std::string_view text, const MapEntry& e) {
    for (std::size_t at = text.find('{'); at != std::string_view::npos;
         at = text.find('{', at + 1)) {
      const auto end = text.find('}', at);
      if (end == std::string_view::npos) {
        return;
      }
      const std::string_view name = text.substr(at + 1, end - at - 1);
      const auto field = detail::field_named(name);
      if (name != "match" && name != "share" && (!field || detail::info(*field).server)) {
        m_reader.error(e.value->mark, Code::bad_value,
                       fmt::format("unknown placeholder '{{{}}}' in '{}'; a reason may use "
                                   "{{match}}, {{share}} and the app's fields",
                                   abbreviate(name, 30), e.key));
      }
    }
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
      read_strategy(e, profile, profile.strategies[static_cast<std::size_t>(found->second)]);
    }
  }

  void read_strategy(const MapEntry& outer, const ScoringProfile& profile,
                     StrategyProfile& strategy) {
    const auto entries = m_reader.entries(*outer.value, fmt::format("strategy '{}'", outer.key));
    if (!entries) {
      return;
    }
    for (const MapEntry& e : *entries) {
      if (e.key == "base") {
        strategy.base = m_reader.number(e, 0, 1).value_or(strategy.base);
      } else if (e.key == "signals") {
        read_weights(e, profile, strategy);
      } else if (e.key == "gates") {
        read_gates(e, strategy);
      } else if (e.key == "evidence") {
        strategy.evidence.clear();  // a profile that gives evidence replaces the list
        const auto* list = m_reader.items(e);
        for (const YamlNode& item : list != nullptr ? *list : std::vector<YamlNode>{}) {
          const MapEntry one{"evidence", e.key_node, &item};
          if (const auto ev = m_reader.enumeration<Evidence>(one, k_evidence)) {
            if (std::find(strategy.evidence.begin(), strategy.evidence.end(), *ev) ==
                strategy.evidence.end()) {
              strategy.evidence.push_back(*ev);
            }
          }
        }
      } else if (e.key == "effort") {
        read_effort_model(e, strategy.effort);
      } else {
        m_reader.unknown_key(e, k_strategy_keys, fmt::format("strategy '{}'", outer.key));
      }
    }
  }

  void read_weights(const MapEntry& outer, const ScoringProfile& profile,
                    StrategyProfile& strategy) {
    const auto entries = m_reader.entries(*outer.value, "'signals'");
    if (!entries) {
      return;
    }
    for (const MapEntry& e : *entries) {
      const auto found = profile.signal(e.key);
      if (!found) {
        std::vector<std::string_view> names;
        for (const SignalDefinition& d : profile.signals) {
          names.push_back(d.name);
        }
        m_reader.error(e.key_node->mark, Code::bad_value,
                       fmt::format("unknown signal '{}'{}", e.key, did_you_mean(e.key, names)));
        continue;
      }
      const auto weight = m_reader.number(e, -1, 1);
      if (weight) {
        strategy.weights[*found] = *weight;
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
          const auto found = criticality_named(level.key, level.key_node->mark);
          if (!found) {
            continue;
          }
          auto& slot = profile.criticality_multiplier[static_cast<std::size_t>(*found)];
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
        read_licences(e, cost);
      } else if (e.key == "extended_security_updates") {
        cost.esu.clear();  // a profile that gives rules replaces the list
        const auto* list = m_reader.items(e);
        for (const YamlNode& item : list != nullptr ? *list : std::vector<YamlNode>{}) {
          read_esu(item, cost);
        }
      } else if (e.key == "exchange_rates") {
        read_exchange_rates(e, cost);
      } else if (e.key == "sizes") {
        read_sizes(e, cost);
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

  // cost.licences: Windows and SQL Server brought or included, SQL Server's price a core.
  void read_licences(const MapEntry& e, CostSettings& cost) {
    for (const MapEntry& l : sub(e, k_licence_keys, "'licences'")) {
      if (l.key == "windows") {
        cost.windows_byol = m_reader.enumeration<bool>(l, k_licence_models).value_or(false);
      } else if (l.key == "sql_server") {
        cost.sql_byol = m_reader.enumeration<bool>(l, k_licence_models).value_or(false);
      } else {
        cost.sql_per_core_month = m_reader.number(l, 0, 1e6).value_or(cost.sql_per_core_month);
      }
    }
  }

  // cost.exchange_rates: CURRENCY: RATE, each replacing the built-in one, kept sorted.
  void read_exchange_rates(const MapEntry& e, CostSettings& cost) {
    for (const MapEntry& r :
         m_reader.entries(*e.value, "'exchange_rates'").value_or(std::vector<MapEntry>{})) {
      if (const auto rate = m_reader.number(r, 1e-9, 1e9)) {
        std::erase_if(cost.exchange_rates, [&](const auto& p) { return p.first == r.key; });
        cost.exchange_rates.emplace_back(std::string(r.key), *rate);
      }
    }
    std::sort(cost.exchange_rates.begin(), cost.exchange_rates.end());
  }

  // cost.sizes: SIZE: {vcpus, memory_gb}, each replacing the built-in shape.
  void read_sizes(const MapEntry& e, CostSettings& cost) {
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

std::string_view to_string(Field field) {
  return detail::info(field).name;
}

std::optional<SignalId> ScoringProfile::signal(std::string_view wanted) const {
  for (std::size_t i = 0; i < signals.size(); ++i) {
    if (signals[i].name == wanted) {
      return static_cast<SignalId>(i);
    }
  }
  return std::nullopt;
}

std::string_view to_string(Evidence evidence) {
  return k_evidence[static_cast<std::size_t>(evidence)].first;
}

std::string_view to_string(GateCondition condition) {
  return k_conditions[static_cast<std::size_t>(condition)].first;
}

ScoringProfile load_profile(std::string_view file, std::string_view content, DiagnosticSink& sink,
                            std::optional<Target> base) {
  ProfileReader reader(file, sink);
  const YamlReadResult result = stream_yaml(file, content, reader, sink);
  if (result == YamlReadResult::empty) {
    sink.error({std::string(file), 1, 1}, Code::empty_file,
               "profile is empty; a profile starts with 'schema: dcexit-profile/v1'");
  }
  if (result != YamlReadResult::ok) {
    return target_profile(base.value_or(Target::generic));
  }
  if (const auto extends = reader.extends(base)) {
    reader.m_base = target_profile(*extends);
  } else {
    reader.m_base.name = "custom profile";
  }
  bool has_schema = false;
  ScoringProfile profile = reader.read(has_schema);
  if (!has_schema) {
    sink.error({std::string(file), 1, 1}, Code::missing_schema,
               "profile has no 'schema: dcexit-profile/v1' line");
  }
  return profile;
}

tl::expected<ScoringProfile, LoadFailure> load_profile_file(const std::string& path,
                                                            DiagnosticSink& sink, Target base) {
  if (path.empty()) {
    return target_profile(base);
  }
  const auto content = read_input(path);
  if (!content) {
    sink.error({path, 1, 1}, Code::unreadable,
               fmt::format("cannot read profile '{}': {}", path, content.error()));
    return tl::unexpected(LoadFailure::unreadable);
  }
  DiagnosticSink own;
  ScoringProfile profile = load_profile(path, *content, own, base);
  own.sort();
  for (const Diagnostic& d : own.all()) {
    sink.add(d);
  }
  if (own.has_errors()) {
    return tl::unexpected(LoadFailure::invalid);
  }
  return profile;
}

namespace {

// A built-in profile's text read over nothing (the default) or over the default (a target's).
ScoringProfile built_in(Target target) {
  DiagnosticSink sink;
  const std::string name = target == Target::generic
                               ? "<built-in profile>"
                               : fmt::format("<built-in {} profile>", to_string(target));
  ScoringProfile profile =
      load_profile(name, profile_text(target), sink,
                   target == Target::generic ? std::nullopt : std::optional(Target::generic));
  if (sink.has_errors() || sink.warning_count() > 0) {
    throw std::logic_error("a built-in scoring profile does not read cleanly: " +
                           format_text(sink.all().front()));
  }
  return profile;
}

}  // namespace

const ScoringProfile& default_profile() {
  return target_profile(Target::generic);
}

const ScoringProfile& target_profile(Target target) {
  static const ScoringProfile k_generic = built_in(Target::generic);
  if (target == Target::generic) {
    return k_generic;
  }
  static const ScoringProfile k_azure = built_in(Target::azure);
  static const ScoringProfile k_aws = built_in(Target::aws);
  return target == Target::azure ? k_azure : k_aws;
}

}  // namespace dcexit
