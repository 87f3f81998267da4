// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Glob matching for profile conditions (`matches:`) and target.platform_products: `*` any run,
// `?` one character, letter case ignored. Linear in the text: the pieces between stars are
// found leftmost, one after another, by a bit-parallel search (Shift-And) that looks at each
// character of the text once per 64 characters of the piece; no backtracking.
#pragma once

#include <cstddef>
#include <string_view>

namespace dcexit {

bool glob_matches(std::string_view pattern, std::string_view text);

// The work glob_matches did on this thread so far (characters compared, 64-bit words updated):
// what tests bound instead of time.
std::size_t glob_work();

}  // namespace dcexit
