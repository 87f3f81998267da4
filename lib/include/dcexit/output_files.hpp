// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dcexit {

// A file or directory that cannot be written; the message names it and says why.
class OutputError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Writes `content` to `path` whole or not at all: a temporary file beside it, then a rename.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

// Creates `dir` if needed; its parent must exist (like mkdir without -p).
void ensure_directory(const std::filesystem::path& dir);

// Writes a folder of files whole or not at all: each into a temporary folder beside `dir`,
// which then replaces `dir`.
void write_directory_atomic(const std::filesystem::path& dir,
                            const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace dcexit
