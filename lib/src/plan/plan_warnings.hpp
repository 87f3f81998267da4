// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: what a finished plan should make an architect look at, as warnings with codes.
#pragma once

#include <dcexit/plan.hpp>

#include <vector>

namespace dcexit {

// The number of non-retained dependants from which an app counts as a shared service.
inline constexpr std::size_t k_many_dependants = 3;

// Every warning about `plan`, in order: shared servers a retained app keeps, hard groups that mix
// strategies, services switched off before their users, long and permanent splits, serves_until on
// an app the assessment retains.
std::vector<Diagnostic> plan_warnings(const Inventory& inventory, const Plan& plan);

}  // namespace dcexit
