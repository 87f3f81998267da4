// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace dcexit {

// The whole content of the file at `path` (a regular file or a pipe), or nullopt if it cannot
// be opened or read; `errno` then says why.
std::optional<std::string> read_file(const std::filesystem::path& path);

}  // namespace dcexit
