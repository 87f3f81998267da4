// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// An independent check of a plan.json against the contract's invariants (spec/inventory.md),
// written from the contract, not from the planner: it reads the plan back as JSON.
#pragma once

#include <dcexit/inventory.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dcexit::test {

// Every broken invariant, as "invariant N: ..." lines; empty when the plan is sound.
std::vector<std::string> check_plan(const Inventory& inventory, const nlohmann::json& plan);

// Invariant 16: `plan`, made with `--baseline` of `baseline`, states its churn and changes
// truly, and exits no later than `fresh`, the same estate planned without the baseline.
std::vector<std::string> check_baseline(const nlohmann::json& plan, const nlohmann::json& baseline,
                                        const nlohmann::json& fresh);

}  // namespace dcexit::test
