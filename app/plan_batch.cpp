// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// `dcexit plan`'s estates planned, on up to two threads, and written; their diagnostics and
// summaries printed in input order; a batch's index.
#include "commands.hpp"
#include "plan_run.hpp"

#include <dcexit/estate.hpp>
#include <dcexit/report.hpp>

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <thread>
#include <unistd.h>

namespace dcexit::cli {

namespace {

// Set by SIGINT or SIGTERM: a batch stops between estates, so that every folder it wrote is
// whole; an estate being written is abandoned and its temporary folder removed.
std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int /*signal*/) {
  g_stop = true;
}

// Shows "planning 3/10 estates" on a terminal, and nothing in CI or when stderr is not one.
class Progress {
 public:
  explicit Progress(std::size_t total, bool quiet)
      : m_total(total),
        m_show(!quiet && total > 1 && ::isatty(::fileno(stderr)) != 0 &&
               std::getenv("CI") == nullptr) {}
  void update(std::size_t done) const {
    if (m_show) {
      fmt::print(stderr, "\rdcexit: planning {}/{} estates", done, m_total);
      std::fflush(stderr);
    }
  }
  void finish() const {
    if (m_show) {
      fmt::print(stderr, "\r\033[K");
    }
  }

 private:
  std::size_t m_total;
  bool m_show;
};

// Plans every estate, on up to two threads; results in input order.
std::vector<EstateResult> plan_all(Run& run) {
  const std::size_t total = run.options.paths.size();
  std::vector<EstateResult> results(total);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < total && !g_stop; i = next++) {
      results[i] = run.plan_estate(i);
      const std::size_t finished = ++done;
      if (run.hook && run.hook->signal != 0 && finished == run.hook->after_estates) {
        std::raise(run.hook->signal);
      }
    }
  };
  const std::size_t workers =
      std::min<std::size_t>(total, std::max(1U, std::min(2U, std::thread::hardware_concurrency())));
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < workers; ++w) {
    threads.emplace_back(work);
  }
  const Progress progress(total, run.options.quiet);
  std::thread watcher;
  if (total > 1) {
    watcher = std::thread([&] {
      while (done < total && !g_stop) {
        progress.update(done);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
    });
  }
  work();
  for (std::thread& t : threads) {
    t.join();
  }
  if (watcher.joinable()) {
    watcher.join();
  }
  progress.finish();
  return results;
}

// Prints every estate's diagnostics and summary in input order; writes the batch's index.
int report_and_index(Run& run, const std::vector<EstateResult>& results) {
  int exit_code = k_exit_ok;
  std::vector<IndexEntry> entries;
  std::vector<std::string> failed;
  std::size_t written = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const EstateResult& r = results[i];
    print_diagnostics(r.messages, run.options.quiet);
    std::fputs(r.note.c_str(), stderr);
    if (!run.options.quiet) {
      std::fputs(r.summary.c_str(), stdout);
    }
    std::fputs(r.explanation.c_str(), stdout);
    if (r.failure && r.failure->code != Code::interrupted) {
      print_diagnostic(*r.failure);
      exit_code = std::max(exit_code, static_cast<int>(k_exit_usage));
    } else if (r.written) {
      ++written;
      entries.push_back(*r.written);
      if (r.exit_code != k_exit_ok) {  // written, but --require-deadline fails it
        exit_code = std::max(exit_code, r.exit_code);
      }
    } else if (r.exit_code != k_exit_ok) {
      exit_code = std::max(exit_code, r.exit_code);
      failed.push_back(printable(run.options.paths[i]));
      entries.push_back(
          IndexEntry{run.options.paths[i], {}, std::nullopt, 0, 0, std::nullopt, std::nullopt});
    }
  }
  if (g_stop) {
    print_diagnostic(Diagnostic::make(
        Severity::error, {}, Code::interrupted,
        run.outputs.batch()
            ? fmt::format("interrupted: {} of {} estates planned, each whole; no index written",
                          written, run.options.paths.size())
            : std::string(written == 1 ? "interrupted: the plan was written whole"
                                       : "interrupted: nothing written")));
    return k_exit_usage;
  }
  if (exit_code == k_exit_usage) {
    return exit_code;  // an output failed: no index over a folder that may be wrong
  }
  if (run.outputs.batch()) {
    if (auto index = write_batch_index(run.outputs, entries, run.write_hooks()); !index) {
      print_diagnostic(index.error());
      return k_exit_usage;
    }
    if (!failed.empty()) {
      fmt::print(stderr, "dcexit: {} of {} estates planned; no plan for: {}\n", written,
                 run.options.paths.size(), fmt::join(failed, ", "));
    }
  }
  return exit_code;
}

}  // namespace

bool stop_requested() {
  return g_stop.load();
}

void watch_stop_signals() {
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
}

int plan_estates(const PlanArgs& options, ProfileSet& profiles, PlanOutputs outputs) {
  Run run{options, profiles, std::move(outputs), test_hook(), {}};
  return report_and_index(run, plan_all(run));
}

}  // namespace dcexit::cli
