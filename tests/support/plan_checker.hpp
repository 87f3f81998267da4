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

}  // namespace dcexit::test
