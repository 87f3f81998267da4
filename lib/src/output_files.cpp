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
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) {
    throw OutputError(fmt::format("cannot create output directory '{}': {}", dir.string(),
                                  ec ? ec.message() : "not a directory"));
  }
}

}  // namespace dcexit
