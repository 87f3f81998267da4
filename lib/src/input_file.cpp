// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include <dcexit/input_file.hpp>

#include <fstream>
#include <iterator>

namespace dcexit {

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::string content;
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size > 0) {
    content.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    in.read(content.data(), size);
  } else {
    // Not seekable (a pipe): read it as a stream.
    in.clear();
    in.seekg(0);
    content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (in.bad()) {
    return std::nullopt;
  }
  return content;
}

}  // namespace dcexit
