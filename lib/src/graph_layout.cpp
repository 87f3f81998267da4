// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include <dcexit/html_report.hpp>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <cerrno>
#include <mutex>
#include <string>

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace dcexit {

namespace {

// Lays `dot` out with the Graphviz library and writes the SVG element to `fd`.
int layout_into(const std::string& dot, int fd) {
  GVC_t* context = gvContext();
  Agraph_t* graph = agmemread(dot.c_str());
  int status = 1;
  if (graph != nullptr && gvLayout(context, graph, "dot") == 0) {
    char* data = nullptr;
    unsigned int length = 0;
    if (gvRenderData(context, graph, "svg", &data, &length) == 0 && data != nullptr) {
      const std::string text(data, length);
      const auto start = text.find("<svg");
      if (start != std::string::npos) {
        const char* out = text.data() + start;
        std::size_t left = text.size() - start;
        while (left > 0) {
          const ssize_t written = ::write(fd, out, left);
          if (written <= 0) {
            break;
          }
          out += written;
          left -= static_cast<std::size_t>(written);
        }
        status = left == 0 ? 0 : 1;
      }
    }
    gvFreeRenderData(data);
    gvFreeLayout(context, graph);
  }
  if (graph != nullptr) {
    agclose(graph);
  }
  gvFreeContext(context);
  return status;
}

}  // namespace

std::optional<std::string> layout_svg(const std::string& dot) {
  // Graphviz keeps global state between layouts in one process, so a second layout of the
  // same graph can differ from the first. Each layout runs in a child process started from
  // this one, which never calls Graphviz itself: the same graph always gives the same SVG,
  // and a layout that runs away is stopped.
  constexpr int k_timeout_ms = 120'000;
  static std::mutex one_at_a_time;
  const std::lock_guard<std::mutex> lock(one_at_a_time);
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) {
    return std::nullopt;
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    return std::nullopt;
  }
  if (pid == 0) {
    ::close(pipe_fds[0]);
    ::_exit(layout_into(dot, pipe_fds[1]));
  }
  ::close(pipe_fds[1]);
  std::string svg;
  char buffer[1 << 16];
  bool timed_out = false;
  for (;;) {
    pollfd p{pipe_fds[0], POLLIN, 0};
    const int ready = ::poll(&p, 1, k_timeout_ms);
    if (ready == 0) {
      timed_out = true;
      break;
    }
    if (ready < 0 && errno == EINTR) {
      continue;
    }
    const ssize_t got = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got <= 0) {
      break;
    }
    svg.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(pipe_fds[0]);
  if (timed_out) {
    ::kill(pid, SIGKILL);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || svg.empty()) {
    return std::nullopt;
  }
  return svg;
}

}  // namespace dcexit
