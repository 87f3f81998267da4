// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include <dcexit/report.hpp>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace dcexit {

namespace {

// A pipe whose ends are closed on exec; the child gets only what it is handed.
struct Pipe {
  int read = -1;
  int write = -1;
  bool open() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
      return false;
    }
    read = fds[0];
    write = fds[1];
    return true;
  }
  static void close(int& fd) {
    if (fd >= 0) {
      ::close(fd);
      fd = -1;
    }
  }
  ~Pipe() {
    close(read);
    close(write);
  }
};

// SIGPIPE blocked on this thread while it writes to a child that may have died; a pending
// one is consumed before the mask is restored, so it never reaches the process.
class SigpipeBlocked {
 public:
  SigpipeBlocked() {
    sigemptyset(&m_pipe);
    sigaddset(&m_pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &m_pipe, &m_old);
  }
  ~SigpipeBlocked() {
    const timespec zero{0, 0};
    while (sigtimedwait(&m_pipe, nullptr, &zero) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
  }
  SigpipeBlocked(const SigpipeBlocked&) = delete;
  SigpipeBlocked& operator=(const SigpipeBlocked&) = delete;

 private:
  sigset_t m_pipe{};
  sigset_t m_old{};
};

// Feeds `input` to `to_child` and collects `from_child` until it closes, or the time is up.
bool exchange(const std::string& input, Pipe& in, Pipe& out, std::string& output) {
  constexpr int k_timeout_ms = 120'000;
  std::size_t sent = 0;
  if (input.empty()) {
    Pipe::close(in.write);
  }
  char buffer[1 << 16];
  for (;;) {
    pollfd fds[2] = {{out.read, POLLIN, 0}, {in.write, POLLOUT, 0}};
    const int ready = ::poll(fds, in.write >= 0 ? 2 : 1, k_timeout_ms);
    if (ready == 0) {
      return false;
    }
    if (ready < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    if (in.write >= 0 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP)) != 0) {
      const ssize_t n = ::write(in.write, input.data() + sent, input.size() - sent);
      if (n < 0 && errno != EINTR && errno != EAGAIN) {
        Pipe::close(in.write);  // the child stopped reading: its exit status will say why
      } else if (n > 0) {
        sent += static_cast<std::size_t>(n);
        if (sent == input.size()) {
          Pipe::close(in.write);
        }
      }
    }
    if ((fds[0].revents & (POLLIN | POLLERR | POLLHUP)) != 0) {
      const ssize_t got = ::read(out.read, buffer, sizeof buffer);
      if (got < 0 && errno == EINTR) {
        continue;
      }
      if (got <= 0) {
        return true;
      }
      output.append(buffer, static_cast<std::size_t>(got));
    }
  }
}

}  // namespace

std::filesystem::path default_layout_program() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : self.parent_path() / "dcexit-layout";
}

std::optional<std::string> layout_svg(const std::string& dot,
                                      const std::filesystem::path& program) {
  if (program.empty() || ::access(program.c_str(), X_OK) != 0) {
    return std::nullopt;
  }
  Pipe in;
  Pipe out;
  if (!in.open() || !out.open()) {
    return std::nullopt;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out.write, STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::string path = program.string();
  char* argv[] = {path.data(), nullptr};
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, path.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  Pipe::close(in.read);
  Pipe::close(out.write);
  if (spawned != 0) {
    return std::nullopt;
  }
  std::string svg;
  bool finished = false;
  {
    const SigpipeBlocked blocked;
    finished = exchange(dot, in, out, svg);
  }
  if (!finished) {
    ::kill(pid, SIGKILL);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!finished || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || svg.empty()) {
    return std::nullopt;
  }
  return svg;
}

}  // namespace dcexit
