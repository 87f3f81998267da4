// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/input_file.hpp"

#include <dcexit/diagnostic.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dcexit {

namespace {

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) {
    return "it is a directory";
  }
  if (S_ISCHR(mode)) {
    return "it is a character device, not a file";
  }
  if (S_ISBLK(mode)) {
    return "it is a block device, not a file";
  }
  if (S_ISSOCK(mode)) {
    return "it is a socket, not a file";
  }
  return "it is not a regular file";
}

std::string too_large(std::size_t max_bytes) {
  return max_bytes == k_max_input_bytes
             ? std::string("it is larger than 1 GiB, the most dcexit reads")
             : fmt::format("it is larger than {} bytes, the most dcexit reads", max_bytes);
}

// Reads `fd` to its end, at most `max_bytes`.
tl::expected<std::string, std::string> read_all(int fd, std::size_t max_bytes,
                                                std::size_t size_hint, std::size_t spare) {
  std::string content;
  content.reserve(std::min(size_hint, max_bytes) + spare);
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0) {
      return tl::unexpected(std::string(std::strerror(errno)));
    }
    if (got == 0) {
      return content;
    }
    if (content.size() + static_cast<std::size_t>(got) > max_bytes) {
      return tl::unexpected(too_large(max_bytes));
    }
    content.append(buffer, static_cast<std::size_t>(got));
  }
}

}  // namespace

std::mutex& standard_input_lock() {
  static std::mutex lock;
  return lock;
}

tl::expected<std::string, std::string> read_input(const std::filesystem::path& path,
                                                  std::size_t max_bytes, std::size_t spare) {
  if (path == "-") {
    const std::lock_guard<std::mutex> lock(standard_input_lock());
    struct stat info {};
    if (::fstat(STDIN_FILENO, &info) == 0 && !S_ISREG(info.st_mode) && !S_ISFIFO(info.st_mode) &&
        !S_ISCHR(info.st_mode)) {
      return tl::unexpected(kind_of(info.st_mode));
    }
    return read_all(STDIN_FILENO, max_bytes, 0, spare);  // a terminal is read until end of file
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return tl::unexpected(std::string(std::strerror(errno)));
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    const int error = errno;
    ::close(fd);
    return tl::unexpected(std::string(std::strerror(error)));
  }
  if (!S_ISREG(info.st_mode) && !S_ISFIFO(info.st_mode)) {
    ::close(fd);
    return tl::unexpected(kind_of(info.st_mode));
  }
  if (S_ISREG(info.st_mode) && static_cast<std::size_t>(info.st_size) > max_bytes) {
    ::close(fd);
    return tl::unexpected(too_large(max_bytes));
  }
  auto content =
      read_all(fd, max_bytes, static_cast<std::size_t>(std::max<off_t>(info.st_size, 0)), spare);
  ::close(fd);
  return content;
}

void report_unreadable(DiagnosticSink& sink, const std::string& name, const std::string& reason) {
  sink.error(
      {name, 1, 1}, Code::unreadable,
      fmt::format("cannot read '{}': {}", name,
                  reason == "No such file or directory" ? std::string("no such file or directory")
                                                        : reason));
}

}  // namespace dcexit
