// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/input_file.hpp"
#include "test_support.hpp"

#include <dcexit/load.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <climits>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

using namespace dcexit;
namespace fs = std::filesystem;

namespace {

// A scratch folder of its own for one test case, removed when it ends.
struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("dcexit-input-" + std::to_string(::getpid()));
  Scratch() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
  fs::path write(const std::string& name, const std::string& content) const {
    const fs::path path = dir / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
};

}  // namespace

TEST_CASE("input: only regular files and pipes are read, and only up to the cap", "[input]") {
  const Scratch scratch;
  const fs::path file = scratch.write("a.yaml", "hello");
  CHECK(read_input(file).value() == "hello");
  CHECK(read_input(scratch.dir).error() == "it is a directory");
  CHECK(read_input("/dev/zero").error() == "it is a character device, not a file");
  CHECK(read_input("/dev/urandom").error() == "it is a character device, not a file");
  CHECK(read_input(scratch.dir / "missing.yaml").error() == "No such file or directory");
  CHECK(read_input(file, 4).error() == "it is larger than 4 bytes, the most dcexit reads");
  // A pipe is read to its end, and capped while it is read (its size is not known before).
  const fs::path fifo = scratch.dir / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string command = "head -c 100 /dev/zero > '" + fifo.string() + "'";
  char* argv[] = {const_cast<char*>("sh"), const_cast<char*>("-c"),
                  const_cast<char*>(command.c_str()), nullptr};
  pid_t writer = 0;
  REQUIRE(::posix_spawnp(&writer, "sh", nullptr, nullptr, argv, environ) == 0);
  CHECK(read_input(fifo, 64).error() == "it is larger than 64 bytes, the most dcexit reads");
  ::waitpid(writer, nullptr, 0);
}

TEST_CASE("input: a directory estate reads YAML files in any letter case and follows no link",
          "[input][loader]") {
  const Scratch scratch;
  const std::string estate = test::header() + "applications: [{id: a}]\n";
  scratch.write("estate/main.yaml", estate);
  scratch.write("estate/apps/b.YAML", "schema: dcexit/v1\napplications: [{id: b}]\n");
  scratch.write("estate/apps/c.Yml", "schema: dcexit/v1\napplications: [{id: c}]\n");
  scratch.write("estate/README.md", "not an inventory");
  const fs::path outside =
      scratch.write("outside/secret.yaml", "schema: dcexit/v1\napplications: [{id: secret}]\n");
  fs::create_symlink(outside, scratch.dir / "estate" / "linked.yaml");
  fs::create_directory_symlink(scratch.dir / "outside", scratch.dir / "estate" / "linked-dir");
  DiagnosticSink sink;
  const LoadResult loaded = load_inventory((scratch.dir / "estate").string(), sink);
  sink.sort();
  std::vector<std::string> ids;
  for (const Application& app : loaded.inventory.applications) {
    ids.push_back(app.id);
  }
  CHECK(ids == std::vector<std::string>{"a", "b", "c"});
  std::vector<std::string> lines;
  for (const Diagnostic& d : sink.all()) {
    std::string line = format_text(d);
    const std::string prefix = scratch.dir.string() + "/";
    for (auto at = line.find(prefix); at != std::string::npos; at = line.find(prefix)) {
      line.erase(at, prefix.size());
    }
    lines.push_back(line);
  }
  CHECK(
      lines ==
      std::vector<std::string>{
          "estate/linked-dir:1:1: warning: 'estate/linked-dir' is a symbolic link and is not "
          "followed; a directory estate reads only the files and folders inside it [skipped-entry]",
          "estate/linked.yaml:1:1: warning: 'estate/linked.yaml' is a symbolic link and is not "
          "followed; a directory estate reads only the files and folders inside it "
          "[skipped-entry]"});
}

namespace {

// base/x…x/x…x/… (names of 200 letters), deep enough that the path of the last folders is longer
// than PATH_MAX, so no one, root included, can open them by their path: a folder that cannot be
// read. Made and removed a level at a time, relative to the level above.
struct TooDeep {
  fs::path base;
  std::string segment = std::string(200, 'x');
  int depth = 0;
  fs::path first_unreadable;  // the first folder whose path is too long
  explicit TooDeep(fs::path at) : base(std::move(at)) {
    int fd = ::open(base.c_str(), O_RDONLY | O_DIRECTORY);
    fs::path path = base;
    while (path.string().size() < PATH_MAX + 400) {
      REQUIRE(::mkdirat(fd, segment.c_str(), 0700) == 0);
      const int next = ::openat(fd, segment.c_str(), O_RDONLY | O_DIRECTORY);
      ::close(fd);
      fd = next;
      path /= segment;
      ++depth;
      if (first_unreadable.empty() && path.string().size() >= PATH_MAX) {
        first_unreadable = path;
      }
    }
    ::close(fd);
  }
  TooDeep(const TooDeep&) = delete;
  TooDeep& operator=(const TooDeep&) = delete;
  ~TooDeep() {
    std::vector<int> fds{::open(base.c_str(), O_RDONLY | O_DIRECTORY)};
    for (int i = 1; i < depth; ++i) {
      fds.push_back(::openat(fds.back(), segment.c_str(), O_RDONLY | O_DIRECTORY));
    }
    for (auto fd = fds.rbegin(); fd != fds.rend(); ++fd) {
      ::unlinkat(*fd, segment.c_str(), AT_REMOVEDIR);
      ::close(*fd);
    }
  }
};

}  // namespace

TEST_CASE("input: a folder of a directory estate that cannot be read is named, not its estate",
          "[input][loader]") {
  const Scratch scratch;
  scratch.write("estate/main.yaml", test::header() + "applications: [{id: a}]\n");
  const TooDeep deep(scratch.dir / "estate");
  DiagnosticSink sink;
  const LoadResult loaded = load_inventory((scratch.dir / "estate").string(), sink);
  CHECK(loaded.unreadable);
  const std::string name = deep.first_unreadable.string();
  CHECK(test::lines(sink) ==
        std::vector<std::string>{fmt::format("{}:1:1: error: cannot read '{}': File name too long "
                                             "[unreadable]",
                                             name, name)});
}
