// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dcexit {

// A file or directory that cannot be written, or must not be: the message names it and says why.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The marker dcexit writes into every folder it writes. Its first line says what it is; each
// further line names one entry dcexit wrote there (a folder with a trailing '/'). dcexit
// replaces or removes only what a marker lists: nothing else in an output folder is touched.
inline constexpr std::string_view k_marker_name = ".dcexit";

// Where a file written in pieces goes, a piece at a time.
using TextSink = std::function<void(std::string_view)>;

struct OutputFile {
  OutputFile(std::string file_name, std::string text)
      : name(std::move(file_name)), content(std::move(text)) {}
  OutputFile(std::string file_name, std::function<std::string()> renderer)
      : name(std::move(file_name)), render(std::move(renderer)) {}

  std::string name;  // a plain file name, no '/'
  std::string content;
  // When set, write_folder calls it for the content just before writing the file and drops the
  // text after, so that a folder of large files never holds them all in memory at once.
  std::function<std::string()> render;
  // When set instead, write_folder calls it with a sink that writes each piece straight to the
  // file, so that the whole text is never in memory (plan.json is ~1.4 KB per app).
  std::function<void(const TextSink&)> stream;

  static OutputFile streamed(std::string file_name, std::function<void(const TextSink&)> writer) {
    OutputFile file(std::move(file_name), std::string());
    file.stream = std::move(writer);
    return file;
  }
};

// Ways a writer reports progress and is stopped, so that a signal or a test can interrupt it
// between two files. `after_file` is called after each file is written whole.
struct OutputHooks {
  std::function<bool()> stop_requested;  // true: abandon the write, leave nothing
  std::function<void(std::size_t files)> after_file;
};

// Thrown when `stop_requested` made a writer abandon its work; nothing it began is left.
class OutputInterrupted : public OutputError {
 public:
  using OutputError::OutputError;
};

// Throws OutputError unless `dir` may be replaced by a folder of dcexit output: it is absent, an
// empty directory, or a folder whose marker lists everything in it. Never writes.
void check_replaceable(const std::filesystem::path& dir);

// Writes `files` as the folder `dir`, whole or not at all: into a new temporary folder beside
// `dir` with a marker, then swapped into place in one rename, after which the folder it
// replaced is removed (only what its marker lists). Parents of `dir` are created. Holds a lock
// on the parent folder while it checks and swaps, so concurrent runs never see half a folder
// and never fail on each other; a temporary left by a killed run is cleared on the next one.
void write_folder(const std::filesystem::path& dir, const std::vector<OutputFile>& files,
                  const OutputHooks& hooks = {});

// Throws OutputError unless each of `names` in `dir` is absent or listed in `dir`'s marker.
void check_owned_files(const std::filesystem::path& dir, const std::vector<std::string>& names);

// Writes `file` into `dir` (an existing folder, not necessarily dcexit's) whole or not at all,
// replacing an existing file of that name only if `dir`'s marker lists it; adds it and
// `also_owned` (entries written by write_folder, e.g. "harrow.yaml/") to the marker.
// All of `files` are written to temporaries before any is renamed into place, so a failure
// (a full disk) leaves the old files, all of them; `after_file` is called after each is written.
void write_owned_files(const std::filesystem::path& dir, const std::vector<OutputFile>& files,
                       const std::vector<std::string>& also_owned,
                       const std::function<void(std::size_t)>& after_file = {});

// Whether a folder named `name` could be taken for a temporary of dcexit's (".NAME.dcexit-tmp.…"
// or ".NAME.dcexit-old.…") and swept as one: a batch never names an estate's folder so.
bool named_like_temporary(std::string_view name);

// Creates `dir` and its missing parents; an existing directory is fine.
void ensure_directory(const std::filesystem::path& dir);

// Writes `content` to `path` whole or not at all: a temporary file beside it, then a rename.
// Used for files the user named on purpose (`import -o`); refuses to replace an existing file
// unless `replace` is true.
void write_file_atomic(const std::filesystem::path& path, std::string_view content, bool replace);

}  // namespace dcexit
