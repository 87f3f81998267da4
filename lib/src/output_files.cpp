// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include <dcexit/output_files.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include <unistd.h>

namespace dcexit {

void write_file_atomic(const std::filesystem::path& path, std::string_view content) {
  const std::filesystem::path temp =
      path.parent_path() / fmt::format(".{}.{}.tmp", path.filename().string(), ::getpid());
  std::FILE* file = std::fopen(temp.c_str(), "wb");
  if (file == nullptr) {
    throw OutputError(fmt::format("cannot write '{}': {}", path.string(), std::strerror(errno)));
  }
  const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size() &&
                       std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
  const int write_errno = errno;
  const bool closed = std::fclose(file) == 0;
  if (!written || !closed) {
    std::filesystem::remove(temp);
    throw OutputError(fmt::format("cannot write '{}': {}", path.string(),
                                  std::strerror(written ? errno : write_errno)));
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::filesystem::remove(temp);
    throw OutputError(fmt::format("cannot write '{}': {}", path.string(), ec.message()));
  }
}

void ensure_directory(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(dir, ec)) {
    return;
  }
  const fs::path parent = fs::absolute(dir, ec).parent_path();
  if (!fs::is_directory(parent, ec)) {
    throw OutputError(fmt::format("cannot create output directory '{}': its parent '{}' does not "
                                  "exist",
                                  dir.string(), parent.string()));
  }
  fs::create_directory(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    throw OutputError(fmt::format("cannot create output directory '{}': {}", dir.string(),
                                  ec ? ec.message() : "not a directory"));
  }
}

void write_directory_atomic(const std::filesystem::path& dir,
                            const std::vector<std::pair<std::string, std::string>>& files) {
  namespace fs = std::filesystem;
  const fs::path parent = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
  const fs::path temp = parent / fmt::format(".{}.{}.tmp", dir.filename().string(), ::getpid());
  std::error_code ec;
  fs::remove_all(temp, ec);
  try {
    ensure_directory(temp);
    for (const auto& [name, content] : files) {
      write_file_atomic(temp / name, content);
    }
    const fs::path old = parent / fmt::format(".{}.{}.old", dir.filename().string(), ::getpid());
    if (fs::exists(dir, ec)) {
      fs::rename(dir, old, ec);
      if (ec) {
        throw OutputError(fmt::format("cannot replace '{}': {}", dir.string(), ec.message()));
      }
    }
    fs::rename(temp, dir, ec);
    if (ec) {
      throw OutputError(fmt::format("cannot write '{}': {}", dir.string(), ec.message()));
    }
    fs::remove_all(old, ec);
  } catch (...) {
    fs::remove_all(temp, ec);
    throw;
  }
}

}  // namespace dcexit
