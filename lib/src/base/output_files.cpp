// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/output_files.hpp"

#include "base/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dcexit {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_marker_header =
    "dcexit output: dcexit wrote the entries listed below and replaces them on its next run here";
constexpr std::string_view k_temp_infix = ".dcexit-tmp.";
constexpr std::string_view k_old_infix = ".dcexit-old.";

std::string quoted(const fs::path& path) {
  return "'" + printable(path.string()) + "'";
}

[[noreturn]] void fail(const fs::path& path, std::string_view what, int error) {
  throw OutputError(fmt::format("cannot {} {}: {}", what, quoted(path), std::strerror(error)));
}

// What a marker lists, or nullopt when `dir` has none (or a file of that name that is not one).
std::optional<std::set<std::string>> read_marker(const fs::path& dir) {
  std::ifstream in(dir / k_marker_name, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::string line;
  if (!std::getline(in, line) || line != k_marker_header) {
    return std::nullopt;
  }
  std::set<std::string> entries;
  while (std::getline(in, line)) {
    if (!line.empty()) {
      entries.insert(line);
    }
  }
  return entries;
}

std::string marker_text(const std::set<std::string>& entries) {
  std::string text(k_marker_header);
  text += '\n';
  for (const std::string& entry : entries) {
    text += entry + "\n";
  }
  return text;
}

bool is_link(const fs::path& path) {
  std::error_code ec;
  return fs::is_symlink(fs::symlink_status(path, ec));
}

// The first entry of `dir` that its marker does not list (recursively for listed folders), or
// nullopt when everything in it is dcexit's. `dir` must be a directory.
std::optional<fs::path> foreign_entry(const fs::path& dir, const std::set<std::string>& owned) {
  std::error_code ec;
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    entries.push_back(it->path());
  }
  if (ec) {
    fail(dir, "read", ec.value());
  }
  std::sort(entries.begin(), entries.end());
  for (const fs::path& entry : entries) {
    const std::string name = entry.filename().string();
    if (name == k_marker_name) {
      continue;
    }
    const auto status = fs::symlink_status(entry, ec);
    if (fs::is_directory(status) && owned.count(name + "/") != 0) {
      const auto inner = read_marker(entry);
      if (!inner) {
        return entry;
      }
      if (auto foreign = foreign_entry(entry, *inner)) {
        return foreign;
      }
    } else if (!fs::is_regular_file(status) || owned.count(name) == 0) {
      return entry;
    }
  }
  return std::nullopt;
}

// Removes what `dir`'s marker lists, then the marker and `dir` if it is then empty. Anything
// else in it stays where it is.
void remove_owned(const fs::path& dir) {
  const auto owned = read_marker(dir);
  if (!owned) {
    ::rmdir(dir.c_str());  // only ever succeeds on an empty folder
    return;
  }
  for (const std::string& entry : *owned) {
    if (entry.find('/') != std::string::npos && entry.back() != '/') {
      continue;  // never a path outside `dir`
    }
    if (entry.back() == '/') {
      const fs::path folder = dir / entry.substr(0, entry.size() - 1);
      if (!is_link(folder)) {
        remove_owned(folder);
      }
    } else if (entry != "." && entry != "..") {
      const fs::path file = dir / entry;
      std::error_code ec;
      if (fs::is_regular_file(fs::symlink_status(file, ec))) {
        ::unlink(file.c_str());
      }
    }
  }
  ::unlink((dir / k_marker_name).c_str());
  ::rmdir(dir.c_str());
}

// An exclusive lock on a directory (flock on its descriptor), released when it goes out of scope.
class DirectoryLock {
 public:
  explicit DirectoryLock(const fs::path& dir)
      : m_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    if (m_fd < 0) {
      fail(dir, "open", errno);
    }
    while (::flock(m_fd, LOCK_EX) != 0) {
      if (errno != EINTR) {
        const int error = errno;
        ::close(m_fd);
        fail(dir, "lock", error);
      }
    }
  }
  ~DirectoryLock() { ::close(m_fd); }
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;

 private:
  int m_fd;
};

// A name no other process will pick: the pid and random letters.
std::string unique_suffix() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{}.{:012x}", ::getpid(), rng() & 0xFFFFFFFFFFFFULL);
}

// The pid in what follows a temporary's infix, when it is exactly what unique_suffix() makes
// (decimal digits, a dot, 12 hex digits): anything else is not dcexit's, whatever its name.
std::optional<pid_t> temporary_pid(std::string_view suffix) {
  const auto dot = suffix.find('.');
  if (dot == 0 || dot > 9 || dot == std::string_view::npos || suffix.size() - dot - 1 != 12 ||
      !std::all_of(suffix.begin(), suffix.begin() + static_cast<std::ptrdiff_t>(dot),
                   [](char c) { return c >= '0' && c <= '9'; }) ||
      !std::all_of(suffix.begin() + static_cast<std::ptrdiff_t>(dot) + 1, suffix.end(),
                   [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); })) {
    return std::nullopt;
  }
  const std::string digits(suffix.substr(0, dot));
  const long pid = std::strtol(digits.c_str(), nullptr, 10);
  return pid > 0 ? std::optional(static_cast<pid_t>(pid)) : std::nullopt;
}

// Removes temporaries of `name` that a killed dcexit left beside it: their pid is gone.
void clear_stale_temporaries(const fs::path& parent, const std::string& name) {
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const std::string entry = it->path().filename().string();
    for (std::string_view infix : {k_temp_infix, k_old_infix}) {
      const std::string prefix = "." + name + std::string(infix);
      if (!entry.starts_with(prefix)) {
        continue;
      }
      const auto pid = temporary_pid(std::string_view(entry).substr(prefix.size()));
      if (!pid || ::kill(*pid, 0) == 0 || errno != ESRCH) {
        continue;
      }
      const auto status = fs::symlink_status(it->path(), ec);
      if (fs::is_directory(status)) {
        remove_owned(it->path());
      } else if (fs::is_regular_file(status)) {
        ::unlink(it->path().c_str());
      }
    }
  }
}

// Writes what `produce` gives its sink into the new file `path`, whole or not at all: on any
// failure, its own or the producer's, the file is removed and the error passed on.
void write_produced_file(const fs::path& path,
                         const std::function<void(const TextSink&)>& produce) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    fail(path, "write", errno);
  }
  bool abandoned = false;
  const auto give_up = [&](int error) {
    abandoned = true;
    ::close(fd);
    ::unlink(path.c_str());
    fail(path, "write", error);
  };
  const TextSink sink = [&](std::string_view content) {
    std::size_t done = 0;
    while (done < content.size()) {
      const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n <= 0) {
        give_up(n < 0 ? errno : EIO);
      }
      done += static_cast<std::size_t>(n);
    }
  };
  try {
    produce(sink);
  } catch (...) {
    if (!abandoned) {  // else give_up closed and removed it
      ::close(fd);
      ::unlink(path.c_str());
    }
    throw;
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int error = errno;
    ::unlink(path.c_str());
    fail(path, "write", error);
  }
}

void write_whole_file(const fs::path& path, std::string_view content) {
  write_produced_file(path, [&](const TextSink& sink) { sink(content); });
}

// Puts `from` in place of `to`: swapped when `to` exists (the old one then sits at `from`),
// renamed when it does not. Returns whether something was swapped out.
bool swap_into_place(const fs::path& from, const fs::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
    return false;
  }
  if (errno == EEXIST) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_EXCHANGE) == 0) {
      return true;
    }
  }
  if (errno != EINVAL && errno != ENOSYS) {
    fail(to, "replace", errno);
  }
  // A file system without renameat2's flags: move the old one aside, then rename.
  const fs::path aside = to.parent_path() / fmt::format(".{}{}{}", to.filename().string(),
                                                        k_old_infix, unique_suffix());
  const bool existed = ::rename(to.c_str(), aside.c_str()) == 0;
  if (::rename(from.c_str(), to.c_str()) != 0) {
    const int error = errno;
    if (existed) {
      ::rename(aside.c_str(), to.c_str());
    }
    fail(to, "replace", error);
  }
  if (existed) {
    ::rename(aside.c_str(), from.c_str());
  }
  return existed;
}

void check_replaceable_locked(const fs::path& dir) {
  std::error_code ec;
  const auto status = fs::symlink_status(dir, ec);
  if (!fs::exists(status)) {
    return;
  }
  if (fs::is_symlink(status)) {
    throw OutputError(fmt::format("refusing to replace {}: it is a symbolic link", quoted(dir)));
  }
  if (!fs::is_directory(status)) {
    throw OutputError(
        fmt::format("refusing to replace {}: it is a file that dcexit did not write", quoted(dir)));
  }
  // Its owner made it read-only: the plan in it is not to be replaced (and once swapped out,
  // it could not be removed: the old plan would stay in a temporary for good). By the mode, not
  // access(2), so that root is refused too.
  if ((status.permissions() & fs::perms::owner_write) == fs::perms::none) {
    throw OutputError(fmt::format(
        "refusing to replace {}: it is read-only; make it writable or choose another --out",
        quoted(dir)));
  }
  const auto owned = read_marker(dir);
  if (auto foreign = foreign_entry(dir, owned.value_or(std::set<std::string>{}))) {
    throw OutputError(
        fmt::format("refusing to replace {}: it holds {}, which dcexit did not write; "
                    "choose another output folder or move it away",
                    quoted(dir), quoted(*foreign)));
  }
}

// `path` absolute, without `.`, `..` or a trailing separator.
fs::path normal(const fs::path& path) {
  fs::path out = fs::absolute(path).lexically_normal();
  if (out.filename().empty() && out.has_parent_path() && out != out.root_path()) {
    out = out.parent_path();
  }
  return out;
}

fs::path parent_of(const fs::path& path) {
  const fs::path parent = normal(path).parent_path();
  return parent.empty() ? fs::path("/") : parent;
}

// A folder dcexit would swap out must not be where the process or the user stands.
void refuse_current_directory(const fs::path& target) {
  std::error_code ec;
  const fs::path here = fs::weakly_canonical(fs::current_path(ec), ec);
  const fs::path there = fs::weakly_canonical(target, ec);
  const auto [end, rest] = std::mismatch(there.begin(), there.end(), here.begin(), here.end());
  if (end == there.end() || target == target.root_path()) {
    throw OutputError(
        fmt::format("refusing to replace {}: it is the current directory or holds it; "
                    "choose a folder below it",
                    quoted(target)));
  }
}

}  // namespace

bool named_like_temporary(std::string_view name) {
  return name.starts_with('.') && (name.find(k_temp_infix) != std::string_view::npos ||
                                   name.find(k_old_infix) != std::string_view::npos);
}

void ensure_directory(const fs::path& dir) {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) {
    return;
  }
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir, ec)) {
    throw OutputError(fmt::format("cannot create output directory {}: {}", quoted(dir),
                                  ec ? ec.message() : "a file of that name is in the way"));
  }
}

void check_replaceable(const fs::path& dir) {
  refuse_current_directory(normal(dir));
  check_replaceable_locked(normal(dir));
}

void write_folder(const fs::path& dir, const std::vector<OutputFile>& files,
                  const OutputHooks& hooks) {
  const fs::path target = normal(dir);
  refuse_current_directory(target);
  const fs::path parent = parent_of(target);
  ensure_directory(parent);
  const std::string name = target.filename().string();
  const fs::path temp = parent / fmt::format(".{}{}{}", name, k_temp_infix, unique_suffix());
  if (::mkdir(temp.c_str(), 0755) != 0) {
    fail(temp, "create", errno);
  }
  std::set<std::string> entries;
  const auto abandon = [&] { remove_owned(temp); };
  try {
    for (const OutputFile& f : files) {
      entries.insert(f.name);
    }
    // The marker first: whatever happens next, the temporary is provably dcexit's.
    write_whole_file(temp / k_marker_name, marker_text(entries));
    std::size_t written = 0;
    for (const OutputFile& f : files) {
      if (hooks.stop_requested && hooks.stop_requested()) {
        throw OutputInterrupted(fmt::format("interrupted before {} was written", quoted(target)));
      }
      if (f.stream) {
        write_produced_file(temp / f.name, f.stream);
      } else if (f.render) {
        write_whole_file(temp / f.name, f.render());  // the text lives for this file only
      } else {
        write_whole_file(temp / f.name, f.content);
      }
      if (hooks.after_file) {
        hooks.after_file(++written);
      }
    }
    if (hooks.stop_requested && hooks.stop_requested()) {
      throw OutputInterrupted(fmt::format("interrupted before {} was written", quoted(target)));
    }
    const DirectoryLock lock(parent);
    clear_stale_temporaries(parent, name);
    check_replaceable_locked(target);
    if (swap_into_place(temp, target)) {
      remove_owned(temp);  // what was replaced: only dcexit's files, as just checked
    }
  } catch (...) {
    abandon();
    throw;
  }
}

void check_owned_files(const fs::path& dir, const std::vector<std::string>& names) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    return;
  }
  if (fs::exists(fs::symlink_status(dir / k_marker_name, ec)) && !read_marker(dir)) {
    throw OutputError(fmt::format("refusing to replace {}: it is not a marker dcexit wrote",
                                  quoted(dir / k_marker_name)));
  }
  const std::set<std::string> owned = read_marker(dir).value_or(std::set<std::string>{});
  for (const std::string& name : names) {
    const fs::path path = dir / name;
    const auto status = fs::symlink_status(path, ec);
    if (fs::exists(status) && (owned.count(name) == 0 || !fs::is_regular_file(status))) {
      throw OutputError(
          fmt::format("refusing to replace {}: dcexit did not write it", quoted(path)));
    }
  }
}

// Writes each of `files` (named in `dir`) to a temporary beside it, all or none: on any failure
// the temporaries written are removed, and only those (a write that fails removes what it made,
// and never touches a file it did not create). `after_file` is called after each.
std::vector<fs::path> write_temporaries(const fs::path& dir, const std::vector<OutputFile>& files,
                                        const std::function<void(std::size_t)>& after_file) {
  std::vector<fs::path> temps;
  try {
    for (const OutputFile& f : files) {
      fs::path temp = dir / fmt::format(".{}{}{}", f.name, k_temp_infix, unique_suffix());
      write_whole_file(temp, f.content);
      temps.push_back(std::move(temp));
      if (after_file) {
        after_file(temps.size());
      }
    }
  } catch (...) {
    for (const fs::path& temp : temps) {
      ::unlink(temp.c_str());
    }
    throw;
  }
  return temps;
}

void write_owned_files(const fs::path& dir, const std::vector<OutputFile>& files,
                       const std::vector<std::string>& also_owned,
                       const std::function<void(std::size_t)>& after_file) {
  ensure_directory(dir);
  const DirectoryLock lock(dir);
  std::vector<std::string> names;
  names.reserve(files.size());
  for (const OutputFile& f : files) {
    clear_stale_temporaries(dir, f.name);
    names.push_back(f.name);
  }
  clear_stale_temporaries(dir, std::string(k_marker_name));
  check_owned_files(dir, names);
  std::set<std::string> owned = read_marker(dir).value_or(std::set<std::string>{});
  owned.insert(names.begin(), names.end());
  owned.insert(also_owned.begin(), also_owned.end());
  // Every file is written before any is put in place, so a full disk leaves the old set whole.
  // The marker goes first, so that a file dcexit is about to put in place is already its own.
  std::vector<OutputFile> all;
  all.emplace_back(std::string(k_marker_name), marker_text(owned));
  all.insert(all.end(), files.begin(), files.end());
  const std::vector<fs::path> temps = write_temporaries(dir, all, [&](std::size_t n) {
    if (n > 1 && after_file) {
      after_file(n - 1);
    }
  });
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (::rename(temps[i].c_str(), (dir / all[i].name).c_str()) != 0) {
      const int error = errno;
      for (std::size_t j = i; j < temps.size(); ++j) {
        ::unlink(temps[j].c_str());
      }
      fail(dir / all[i].name, "write", error);
    }
  }
}

void write_file_atomic(const fs::path& path, std::string_view content, bool replace) {
  const fs::path parent = parent_of(path);
  const fs::path temp =
      parent / fmt::format(".{}{}{}", path.filename().string(), k_temp_infix, unique_suffix());
  write_whole_file(temp, content);
  int result = 0;
  if (replace) {
    result = ::rename(temp.c_str(), path.c_str());
  } else {
    result = ::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE);
    if (result != 0 && (errno == EINVAL || errno == ENOSYS)) {
      result = ::link(temp.c_str(), path.c_str());  // never replaces either
      ::unlink(temp.c_str());
      if (result == 0) {
        return;
      }
    }
  }
  if (result != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    if (error == EEXIST) {
      throw OutputError(fmt::format("refusing to replace {}: it exists", quoted(path)));
    }
    fail(path, "write", error);
  }
}

}  // namespace dcexit
