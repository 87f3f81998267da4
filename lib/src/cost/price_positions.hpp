// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// What finding the line and column of bad price rows cost on this thread: the bytes scanned,
// which tests bound instead of time (one pass over a list, however many rows are bad).
#pragma once

#include <cstddef>

namespace dcexit::detail {

std::size_t price_position_work();

}  // namespace dcexit::detail
