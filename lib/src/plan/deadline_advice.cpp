// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// When the deadline is missed: what keeps the sites open, and which capacity would meet it.
// Trials reuse what does not depend on the limits (WaveTrials) and give up past the waves
// allowed, so the advice costs a bounded number of partial schedules.
#include "plan/deadline_advice.hpp"

#include "base/text.hpp"
#include "plan/schedule_model.hpp"

#include <fmt/format.h>

#include <cmath>

namespace dcexit {

namespace {

constexpr std::array k_limits = {Limit::max_apps,        Limit::max_servers,
                                 Limit::max_effort_days, Limit::max_storage_gb,
                                 Limit::max_critical,    Limit::max_transfer_gb};

std::optional<double> limit_value(const Policy& policy, Limit limit) {
  return limits_of(policy)[static_cast<std::size_t>(limit)];
}

// Sets `limit` to at least `value`, rounded up as people write it: whole apps, servers, days,
// GB; the link in whole Mbps at the same utilisation.
void set_limit(Policy& policy, Limit limit, double value) {
  WavePolicy& wave = policy.wave;
  const auto whole = [&] { return static_cast<std::int64_t>(std::ceil(value)); };
  switch (limit) {
    case Limit::max_apps:
      wave.max_apps = whole();
      break;
    case Limit::max_servers:
      wave.max_servers = whole();
      break;
    case Limit::max_effort_days:
      wave.max_effort_days = std::ceil(value);
      break;
    case Limit::max_storage_gb:
      wave.max_storage_gb = std::ceil(value);
      break;
    case Limit::max_critical:
      wave.max_critical = whole();
      break;
    case Limit::max_transfer_gb:
      if (policy.network) {
        Network& network = *policy.network;
        network.bandwidth_mbps =
            std::ceil(value / transfer_per_wave({1.0, network.utilisation}, wave.length_days));
      }
      break;
  }
}

// A limit's value as people write it: 1000000, not 1e+06; 2.5 as it is.
std::string quantity(double value) {
  return value == std::floor(value) && std::abs(value) < 1e15 ? fmt::format("{:.0f}", value)
                                                              : fmt::format("{:g}", value);
}

// A limit and its value as the advice names it; the link's speed with a transfer limit.
std::string describe(const Policy& policy, Limit limit, double value) {
  if (limit == Limit::max_transfer_gb && policy.network) {
    return fmt::format("{} {} (a link of {} Mbps at utilisation {})", to_string(limit),
                       quantity(std::floor(value)), quantity(policy.network->bandwidth_mbps),
                       quantity(policy.network->utilisation));
  }
  return fmt::format("{} {}", to_string(limit), quantity(value));
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
    const WaveTrials trials(m_inv, m_plan.graph, m_plan.assessment, m_plan.groups,
                            m_plan.commitments);
    const bool lead = lead_times(trials);
    if (!one_limit(trials) && !limits_together(trials) && !lead) {
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
      const auto current = limit_value(m_inv.policy, limit);
      double value = current.value_or(0) * factor();
      for (int attempt = 0; current && attempt < k_attempts; ++attempt, value *= k_step) {
        Policy relaxed = m_inv.policy;
        set_limit(relaxed, limit, value);
        if (trials.waves_needed(relaxed, m_allowed)) {
          const std::string now = describe(m_inv.policy, limit, *current);
          const std::string then = describe(relaxed, limit, *limit_value(relaxed, limit));
          missed(fmt::format("needs {} waves at {}; the deadline allows {}; {} would meet it",
                             m_needed, now, m_allowed, then.substr(then.find(' ') + 1)));
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
      if (limit_value(m_inv.policy, limit)) {
        set.push_back(limit);
      }
    }
    double scale = factor();
    for (int attempt = 0; set.size() > 1 && attempt < k_attempts; ++attempt, scale *= k_step) {
      Policy relaxed = m_inv.policy;
      std::vector<std::string> values;
      for (Limit limit : set) {
        set_limit(relaxed, limit, *limit_value(m_inv.policy, limit) * scale);
        values.push_back(describe(relaxed, limit, *limit_value(relaxed, limit)));
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

  // Lead times bind when the plan fits without them: the longest lead every app could keep
  // (found by halving, in whole waves), and the app whose lead is the longest today.
  bool lead_times(const WaveTrials& trials) {
    std::int64_t longest = 0;
    std::optional<Index> which;
    for (Index a = 0; a < m_inv.applications.size(); ++a) {
      const std::int64_t lead = m_plan.assessment.apps[a].strategy == Strategy::retain
                                    ? 0
                                    : lead_days(m_inv, m_plan.assessment, a);
      if (lead > longest) {
        longest = lead;
        which = a;
      }
    }
    if (!which || !trials.waves_needed(m_inv.policy, m_allowed, 0)) {
      return false;
    }
    const std::int64_t length = m_inv.policy.wave.length_days;
    std::int64_t fits = 0;  // in whole waves
    std::int64_t fails = (longest + length - 1) / length;
    while (fails - fits > 1) {
      const std::int64_t mid = (fits + fails) / 2;
      (trials.waves_needed(m_inv.policy, m_allowed, mid * length) ? fits : fails) = mid;
    }
    const Application& app = m_inv.applications[*which];
    missed(fmt::format(
        "needs {} waves; the deadline allows {}; lead times bind (the longest: {} days for {}, "
        "{}): lead times of at most {} days would meet it",
        m_needed, m_allowed, longest, app.id, to_string(m_plan.assessment.apps[*which].strategy),
        fits * length));
    return true;
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
