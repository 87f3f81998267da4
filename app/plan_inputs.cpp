// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// What `dcexit plan` reads before planning (--as-of, --baseline, --prices) and the test hook.
#include "plan_run.hpp"

#include <fmt/format.h>

#include <csignal>
#include <cstdlib>
#include <string_view>

namespace dcexit::cli {

namespace {

// --as-of as a date.
int read_as_of(PlanArgs& args) {
  args.as_of_date = Date::parse(args.as_of);
  if (!args.as_of_date) {
    print_diagnostic(Diagnostic::make(
        Severity::error, {}, Code::usage,
        fmt::format("--as-of: '{}' is not a date (YYYY-MM-DD)", printable(args.as_of))));
    return k_exit_usage;
  }
  return k_exit_ok;
}

// --baseline's plan.json, for one estate only.
int read_baseline(PlanArgs& args) {
  if (args.paths.size() != 1) {
    print_diagnostic(Diagnostic::make(Severity::error, {}, Code::usage,
                                      "--baseline is the plan of one estate: give one PATH"));
    return k_exit_usage;
  }
  DiagnosticSink baseline_sink;
  auto record = read_plan_record(args.baseline, baseline_sink);
  baseline_sink.sort();
  print_diagnostics(baseline_sink.all());
  if (!record) {
    return k_exit_usage;
  }
  args.baseline_plan = std::move(*record);
  return k_exit_ok;
}

// --prices, read with the profile's sizes.
int read_prices(PlanArgs& args, const ScoringProfile& profile) {
  DiagnosticSink price_sink;
  auto list = load_price_lists(args.prices, profile.cost, price_sink);
  price_sink.sort();
  print_diagnostics(price_sink.all());
  if (!list) {
    return exit_code_of(list.error());
  }
  args.price_list = std::move(*list);
  return k_exit_ok;
}

}  // namespace

int read_plan_inputs(PlanArgs& args, const ScoringProfile& profile) {
  if (!args.as_of.empty()) {
    if (const int code = read_as_of(args); code != k_exit_ok) {
      return code;
    }
  }
  if (!args.baseline.empty()) {
    if (const int code = read_baseline(args); code != k_exit_ok) {
      return code;
    }
  }
  if (!args.explain.empty() && args.prices.empty()) {
    print_diagnostic(Diagnostic::make(Severity::error, {}, Code::usage,
                                      "--explain APP shows how an app's cost was reached: give "
                                      "--prices too (dcexit assess --explain explains its score)"));
    return k_exit_usage;
  }
  return args.prices.empty() ? k_exit_ok : read_prices(args, profile);
}

std::optional<TestHook> test_hook() {
  const char* text = std::getenv("DCEXIT_TEST_HOOK");
  if (text == nullptr || *text == '\0') {
    return std::nullopt;
  }
  TestHook hook;
  std::string_view rest(text);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const auto equals = item.find('=');
    const std::string_view key = item.substr(0, equals);
    const std::string value(equals == std::string_view::npos ? std::string_view()
                                                             : item.substr(equals + 1));
    if (key == "signal") {
      hook.signal = value == "INT"    ? SIGINT
                    : value == "TERM" ? SIGTERM
                    : value == "KILL" ? SIGKILL
                                      : 0;
    } else if (key == "fail") {
      hook.fail = value == "ENOSPC";
    } else if (key == "after-estates") {
      hook.after_estates = std::strtoul(value.c_str(), nullptr, 10);
    } else if (key == "after-files") {
      hook.after_files = std::strtoul(value.c_str(), nullptr, 10);
    }
  }
  return hook;
}

}  // namespace dcexit::cli
