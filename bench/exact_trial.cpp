// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// The exact optimiser's formulations side by side (docs/performance.md, issue 32):
// `dcexit_exact_trial [--plain] [--seconds S] [--nodes N] FILE.yaml...` plans each estate as
// `dcexit plan` does and prints one line: apps, the optimality (status, waves, bound, nodes, the
// node limit) and the wall time spent in CBC. `--plain` solves the wave-indexed programme alone
// (the reference); `--seconds S` gives CBC a time limit instead of nodes and no size limit.
#include "plan/exact_optimiser.hpp"

#include <dcexit/assess.hpp>
#include <dcexit/diagnostic.hpp>
#include <dcexit/load.hpp>
#include <dcexit/plan.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace {

const char* status_name(dcexit::Optimality::Status status) {
  switch (status) {
    case dcexit::Optimality::Status::optimal:
      return "optimal";
    case dcexit::Optimality::Status::feasible:
      return "feasible";
    case dcexit::Optimality::Status::heuristic:
      break;
  }
  return "heuristic";
}

int trial(const std::string& file, std::uint64_t nodes, double& seconds) {
  dcexit::DiagnosticSink sink;
  const dcexit::LoadResult loaded = dcexit::load_inventory(file, sink);
  if (sink.has_errors()) {
    fmt::print(stderr, "{}: invalid inventory\n", file);
    return 1;
  }
  seconds = 0;
  const auto plan =
      dcexit::make_plan(loaded.inventory, dcexit::default_profile(), dcexit::optimised(nodes));
  if (!plan) {
    fmt::print(stderr, "{}: not planned\n", file);
    return 1;
  }
  const dcexit::Optimality& o = plan->waves.optimality;
  fmt::print("{}: {} apps, {} {} waves, bound {}, {} of {} nodes, list {}, solver {:.2f} s\n", file,
             loaded.inventory.applications.size(), status_name(o.status), plan->waves.waves.size(),
             o.bound, o.nodes, o.budget, o.list_waves, seconds);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  dcexit::SolverTrial settings;
  double seconds = 0;
  settings.solver_seconds = &seconds;
  std::uint64_t nodes = dcexit::k_default_optimise_nodes;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--plain") {
      settings.plain = true;
    } else if (arg == "--seconds" && i + 1 < argc) {
      settings.seconds = std::atof(argv[++i]);
    } else if (arg == "--nodes" && i + 1 < argc) {
      nodes = std::strtoull(argv[++i], nullptr, 10);
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) {
    fmt::print(stderr, "usage: {} [--plain] [--seconds S] [--nodes N] FILE.yaml...\n", argv[0]);
    return 2;
  }
  dcexit::set_solver_trial(settings);
  int status = 0;
  for (const std::string& file : files) {
    status |= trial(file, nodes, seconds);
  }
  return status;
}
