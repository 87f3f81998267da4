// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// When the deadline is missed: what keeps the sites open, and which capacity would meet it.
// Trials reuse what does not depend on the limits (WaveTrials) and give up past the waves
// allowed, so the advice costs a bounded number of partial schedules.
#include "plan/deadline_advice.hpp"

#include "base/text.hpp"

#include <fmt/format.h>

#include <cmath>

namespace dcexit {

namespace {

constexpr std::array k_limits = {Limit::max_apps, Limit::max_servers, Limit::max_effort_days,
                                 Limit::max_storage_gb};

std::optional<double> limit_value(const WavePolicy& wave, Limit limit) {
  const auto as_double = [](const std::optional<std::int64_t>& v) {
    return v ? std::optional(static_cast<double>(*v)) : std::nullopt;
  };
  switch (limit) {
    case Limit::max_apps:
      return as_double(wave.max_apps);
    case Limit::max_servers:
      return as_double(wave.max_servers);
    case Limit::max_effort_days:
      return wave.max_effort_days;
    case Limit::max_storage_gb:
      return wave.max_storage_gb;
  }
  return std::nullopt;
}

void set_limit(WavePolicy& wave, Limit limit, double value) {
  switch (limit) {
    case Limit::max_apps:
      wave.max_apps = static_cast<std::int64_t>(std::ceil(value));
      break;
    case Limit::max_servers:
      wave.max_servers = static_cast<std::int64_t>(std::ceil(value));
      break;
    case Limit::max_effort_days:
      wave.max_effort_days = std::ceil(value);
      break;
    case Limit::max_storage_gb:
      wave.max_storage_gb = std::ceil(value);
      break;
  }
}

// A limit's value as people write it: 1000000, not 1e+06; 2.5 as it is.
std::string quantity(double value) {
  return value == std::floor(value) && std::abs(value) < 1e15 ? fmt::format("{:.0f}", value)
                                                              : fmt::format("{:g}", value);
}

class Advisor {
 public:
  Advisor(const Inventory& inv, const Plan& plan) : m_inv(inv), m_plan(plan) {}

  // The servers that keep closing sites open: the first ten, and how many more.
  void blockers() {
    constexpr std::size_t k_listed = 10;
    std::size_t count = 0;
    for (const SiteExit& site : m_plan.decommission.sites) {
      if (!m_inv.sites[site.site].closing) {
        continue;
      }
      for (const Blocker& b : site.blockers) {
        if (++count <= k_listed) {
          blocker(site, b);
        }
      }
    }
    if (count > k_listed) {
      add(Code::site_blocked, m_inv.where(m_inv.estate.location),
          fmt::format(
              "and {} more servers keep closing sites open (decommission.sites lists them all)",
              count - k_listed));
    }
  }

  // What capacity would fit the plan in the waves the deadline allows.
  void capacity() {
    const auto allowed = waves_allowed(m_inv);
    m_needed = m_plan.waves.waves.size();
    if (!allowed || m_needed <= static_cast<std::size_t>(*allowed)) {
      return;
    }
    m_allowed = static_cast<std::uint32_t>(*allowed);
    if (m_allowed == 0) {
      missed(fmt::format(
          "the deadline {} leaves no whole wave of {} days before it once hold_days ({}) are kept",
          m_inv.estate.deadline->to_string(), m_inv.policy.wave.length_days,
          m_inv.policy.hold_days));
      return;
    }
    const WaveTrials trials(m_inv, m_plan.graph, m_plan.assessment, m_plan.groups);
    if (!one_limit(trials) && !limits_together(trials)) {
      missed(fmt::format(
          "needs {} waves; the deadline allows {}; no single capacity limit fixes it: the "
          "order of dependencies, freezes or oversized move groups bind (lower bound {} "
          "waves: {})",
          m_needed, m_allowed, m_plan.waves.lower_bound_waves, m_plan.waves.lower_bound_reason));
    }
  }

  std::vector<Diagnostic> take() { return std::move(m_advice); }

 private:
  static constexpr int k_attempts = 6;
  static constexpr double k_step = 1.25;

  void add(Code code, SourceLocation where, std::string message) {
    m_advice.push_back(
        Diagnostic::make(Severity::warning, std::move(where), code, std::move(message)));
  }
  void missed(std::string message) {
    add(Code::deadline_missed, m_inv.where(m_inv.estate.location), std::move(message));
  }

  void blocker(const SiteExit& site, const Blocker& b) {
    std::string apps;
    for (Index a : b.apps) {
      apps += (apps.empty() ? "" : ", ") + m_inv.applications[a].id;
    }
    const std::string& site_id = m_inv.sites[site.site].id;
    const std::string& server = m_inv.servers[b.server].id;
    add(Code::site_blocked, m_inv.where(m_inv.servers[b.server].location),
        b.reason == BlockReason::unused
            ? fmt::format(
                  "site {} cannot close: server {} is used by no application; retire or remove it",
                  site_id, server)
            : fmt::format(
                  "site {} cannot close: server {} keeps retained {}; move them or mark the site "
                  "'closing: false'",
                  site_id, server, apps));
  }

  [[nodiscard]] double factor() const {
    return static_cast<double>(m_needed) / static_cast<double>(m_allowed);
  }

  // Raises each limit alone from the proportional guess, a few times at most; says every one
  // that would do.
  bool one_limit(const WaveTrials& trials) {
    bool fixed = false;
    for (Limit limit : k_limits) {
      const auto current = limit_value(m_inv.policy.wave, limit);
      double value = current.value_or(0) * factor();
      for (int attempt = 0; current && attempt < k_attempts; ++attempt, value *= k_step) {
        WavePolicy relaxed = m_inv.policy.wave;
        set_limit(relaxed, limit, value);
        if (trials.waves_needed(relaxed, m_allowed)) {
          missed(fmt::format("needs {} waves at {} {}; the deadline allows {}; {} would meet it",
                             m_needed, to_string(limit), quantity(*current), m_allowed,
                             quantity(*limit_value(relaxed, limit))));
          fixed = true;
          break;
        }
      }
    }
    return fixed;
  }

  // Several limits may bind together: raises them all by the same factor.
  bool limits_together(const WaveTrials& trials) {
    std::vector<Limit> set;
    for (Limit limit : k_limits) {
      if (limit_value(m_inv.policy.wave, limit)) {
        set.push_back(limit);
      }
    }
    double scale = factor();
    for (int attempt = 0; set.size() > 1 && attempt < k_attempts; ++attempt, scale *= k_step) {
      WavePolicy relaxed = m_inv.policy.wave;
      std::vector<std::string> values;
      for (Limit limit : set) {
        set_limit(relaxed, limit, *limit_value(m_inv.policy.wave, limit) * scale);
        values.push_back(
            fmt::format("{} {}", to_string(limit), quantity(*limit_value(relaxed, limit))));
      }
      if (trials.waves_needed(relaxed, m_allowed)) {
        missed(fmt::format(
            "needs {} waves; the deadline allows {}; no single capacity limit fixes it, but "
            "raising them together would: {}",
            m_needed, m_allowed, join(values, ", ")));
        return true;
      }
    }
    return false;
  }

  const Inventory& m_inv;
  const Plan& m_plan;
  std::vector<Diagnostic> m_advice;
  std::size_t m_needed = 0;
  std::uint32_t m_allowed = 0;
};

}  // namespace

std::vector<Diagnostic> deadline_advice(const Inventory& inventory, const Plan& plan) {
  Advisor advisor(inventory, plan);
  advisor.blockers();
  advisor.capacity();
  return advisor.take();
}

}  // namespace dcexit
