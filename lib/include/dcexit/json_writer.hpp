// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <string>
#include <string_view>

namespace dcexit {

// Appends `text` to `out` as a JSON string literal, quotes included; invalid UTF-8 becomes U+FFFD.
void append_json_string(std::string& out, std::string_view text);

}  // namespace dcexit
