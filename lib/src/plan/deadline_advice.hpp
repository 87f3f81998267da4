// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: the advice make_plan gives when the deadline is missed.
#pragma once

#include <dcexit/plan.hpp>

#include <vector>

namespace dcexit {

// What keeps closing sites open (Code::site_blocked) and which capacity would meet the deadline
// (Code::deadline_missed), as warnings where the inventory sets what binds.
std::vector<Diagnostic> deadline_advice(const Inventory& inventory, const Plan& plan);

}  // namespace dcexit
