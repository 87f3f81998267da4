// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// The one table of the inventory's keys: the field readers check against it, the import writer
// writes in its order, the schema test compares it with the JSON Schema.
#include <dcexit/load.hpp>

#include <array>

namespace dcexit {

namespace {

using namespace std::string_view_literals;

constexpr std::array k_root_keys = {"schema"sv,  "estate"sv,       "policy"sv,  "sites"sv,
                                    "servers"sv, "applications"sv, "progress"sv};
constexpr std::array k_progress_list_keys = {"app"sv, "status"sv, "date"sv, "wave"sv};
constexpr std::array k_estate_keys = {"name"sv,     "start"sv,  "deadline"sv,
                                      "currency"sv, "region"sv, "target"sv};
constexpr std::array k_policy_keys = {
    "wave"sv,           "hold_days"sv, "pilot"sv,          "freezes"sv, "dependency_order"sv,
    "max_split_days"sv, "lead_days"sv, "hypercare_days"sv, "network"sv, "non_production_first"sv,
    "risk"sv,           "carbon"sv};
constexpr std::array k_risk_keys = {"rollback_probability"sv};
constexpr std::array k_carbon_keys = {"grid_kg_per_kwh"sv};
constexpr std::array k_lead_keys = {"retire"sv,     "retain"sv,     "rehost"sv,  "relocate"sv,
                                    "replatform"sv, "repurchase"sv, "refactor"sv};
constexpr std::array k_network_keys = {"bandwidth_mbps"sv, "utilisation"sv};
constexpr std::array k_split_keys = {"prerequisite"sv, "soft"sv};
constexpr std::array k_wave_keys = {"length_days"sv,     "max_apps"sv,       "max_servers"sv,
                                    "max_effort_days"sv, "max_storage_gb"sv, "max_critical"sv};
constexpr std::array k_pilot_keys = {"max_criticality"sv, "strategies"sv};
constexpr std::array k_freeze_keys = {"name"sv, "from"sv,        "to"sv,
                                      "tags"sv, "departments"sv, "apps"sv};
constexpr std::array k_site_keys = {"id"sv, "name"sv, "annual_cost"sv, "pue"sv, "closing"sv};
constexpr std::array k_server_keys = {
    "id"sv,          "site"sv,        "rack"sv,      "kind"sv,       "environment"sv,
    "os"sv,          "cpu_cores"sv,   "memory_gb"sv, "storage_gb"sv, "utilisation"sv,
    "power_watts"sv, "annual_cost"sv, "software"sv};
constexpr std::array k_os_keys = {"family"sv, "name"sv, "version"sv, "end_of_support"sv};
constexpr std::array k_utilisation_keys = {"cpu"sv, "memory"sv};
constexpr std::array k_application_keys = {"id"sv,           "name"sv,
                                           "department"sv,   "owner"sv,
                                           "criticality"sv,  "users"sv,
                                           "usage_trend"sv,  "kind"sv,
                                           "vendor"sv,       "technology"sv,
                                           "servers"sv,      "data"sv,
                                           "dr"sv,           "saas_alternative"sv,
                                           "contract"sv,     "tags"sv,
                                           "decision"sv,     "depends_on"sv,
                                           "serves_until"sv, "replaced_by"sv,
                                           "lead_days"sv,    "progress"sv,
                                           "target"sv};
constexpr std::array k_progress_keys = {"status"sv, "date"sv, "wave"sv};
constexpr std::array k_technology_keys = {"languages"sv, "runtime"sv, "database"sv,
                                          "end_of_support"sv};
constexpr std::array k_data_keys = {"classification"sv, "size_gb"sv};
constexpr std::array k_dr_keys = {"rto_hours"sv, "rpo_hours"sv};
constexpr std::array k_saas_keys = {"product"sv, "fit"sv, "annual_cost"sv, "per_user_monthly"sv};
constexpr std::array k_target_keys = {"monthly_cost"sv, "platform"sv};
constexpr std::array k_contract_keys = {"supplier"sv, "ends"sv, "annual_cost"sv};
constexpr std::array k_decision_keys = {"strategy"sv, "reason"sv};
constexpr std::array k_dependency_keys = {"app"sv, "coupling"sv, "max_split_days"sv};

// In Section's order, so that a section is found by its number.
const std::array k_sections = {
    KeySection{Section::root, "", k_root_keys, false},
    KeySection{Section::estate, "estate", k_estate_keys, false},
    KeySection{Section::policy, "policy", k_policy_keys, false},
    KeySection{Section::policy_wave, "policy.wave", k_wave_keys, false},
    KeySection{Section::policy_pilot, "policy.pilot", k_pilot_keys, false},
    KeySection{Section::policy_freezes, "policy.freezes", k_freeze_keys, true},
    KeySection{Section::policy_max_split_days, "policy.max_split_days", k_split_keys, false},
    KeySection{Section::policy_lead_days, "policy.lead_days", k_lead_keys, false},
    KeySection{Section::policy_network, "policy.network", k_network_keys, false},
    KeySection{Section::policy_risk, "policy.risk", k_risk_keys, false},
    KeySection{Section::policy_carbon, "policy.carbon", k_carbon_keys, false},
    KeySection{Section::sites, "sites", k_site_keys, true},
    KeySection{Section::servers, "servers", k_server_keys, true},
    KeySection{Section::servers_os, "servers.os", k_os_keys, false},
    KeySection{Section::servers_utilisation, "servers.utilisation", k_utilisation_keys, false},
    KeySection{Section::applications, "applications", k_application_keys, true},
    KeySection{Section::applications_technology, "applications.technology", k_technology_keys,
               false},
    KeySection{Section::applications_data, "applications.data", k_data_keys, false},
    KeySection{Section::applications_dr, "applications.dr", k_dr_keys, false},
    KeySection{Section::applications_saas_alternative, "applications.saas_alternative", k_saas_keys,
               false},
    KeySection{Section::applications_contract, "applications.contract", k_contract_keys, false},
    KeySection{Section::applications_decision, "applications.decision", k_decision_keys, false},
    KeySection{Section::applications_depends_on, "applications.depends_on", k_dependency_keys,
               true},
    KeySection{Section::applications_progress, "applications.progress", k_progress_keys, false},
    KeySection{Section::applications_target, "applications.target", k_target_keys, false},
    KeySection{Section::progress, "progress", k_progress_list_keys, true},
};

}  // namespace

std::span<const KeySection> inventory_key_sections() {
  return k_sections;
}

const KeySection& inventory_keys(Section section) {
  return k_sections[static_cast<std::size_t>(section)];
}

}  // namespace dcexit
