// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <cstddef>
#include <filesystem>
#include <mutex>
#include <string>
#include <tl/expected.hpp>

namespace dcexit {

class DiagnosticSink;

// The most dcexit reads from one input file or pipe: 1 GiB (a 100,000-application inventory
// is about 100 MB). Larger input is refused rather than read until memory runs out.
inline constexpr std::size_t k_max_input_bytes = std::size_t{1} << 30U;

// The whole content of a regular file or a pipe at `path` ("-" is standard input), or why it
// cannot be read: "it is a directory", "it is a character device, not a file" (/dev/zero),
// "it is larger than 1 GiB, the most dcexit reads", or the system's reason.
// `spare` bytes of capacity are reserved beyond a regular file's size, for a parser's padding
// to be appended without copying the whole content again.
tl::expected<std::string, std::string> read_input(const std::filesystem::path& path,
                                                  std::size_t max_bytes = k_max_input_bytes,
                                                  std::size_t spare = 1);

// Held while standard input is read, and while the exact optimiser lends standard input to
// CBC (pointed at /dev/null): an estate read from "-" in a batch is never read from the
// solver's /dev/null.
std::mutex& standard_input_lock();

// Reports that `name` could not be read, for the reason read_input gave:
// `NAME:1:1: error: cannot read 'NAME': REASON [unreadable]`.
void report_unreadable(DiagnosticSink& sink, const std::string& name, const std::string& reason);

}  // namespace dcexit
