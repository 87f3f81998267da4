// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <string_view>

namespace dcexit {

// The JSON Schema of the inventory format (schema/dcexit-v1.schema.json, built in).
std::string_view inventory_json_schema();

}  // namespace dcexit
