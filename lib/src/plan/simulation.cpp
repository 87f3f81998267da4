// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// plan --simulate: the plan run many times under uncertainty (docs/programme.md, "Simulate").
// Each run executes the plan as a programme would: every move group in the order of its planned
// wave, never earlier than planned, after what it depends on, in the first wave from there that
// admits it (lead time, freezes, pilot) and has room for its drawn effort; a cut-over fails
// with the policy's rollback probability and is retried in the next wave that can take it.
// The runs share one schedule model; each draws from its own generator, seeded from the seed
// and its number, so the result does not depend on how runs are spread over threads.
#include "plan/schedule_model.hpp"

#include <dcexit/plan.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <numeric>
#include <thread>

namespace dcexit {

namespace {

// SplitMix64: a small generator with a fixed output on every platform (the standard library's
// distributions are not specified to the bit).
class Random {
 public:
  explicit Random(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31U);
  }
  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11U) * 0x1.0p-53; }
  // Triangular between low and high with its mode at likely (inverse CDF).
  double triangular(double low, double likely, double high) {
    if (high <= low) {
      return likely;
    }
    const double u = uniform();
    const double cut = (likely - low) / (high - low);
    return u < cut ? low + std::sqrt(u * (high - low) * (likely - low))
                   : high - std::sqrt((1.0 - u) * (high - low) * (high - likely));
  }

 private:
  std::uint64_t m_state;
};

constexpr std::uint32_t k_most_attempts = 5;  // a cut-over retried at most four times
constexpr std::size_t k_most_drivers = 10;

struct Shared {
  const Inventory& inventory;
  const Plan& plan;
  ScheduleModel model;
  Limits limits;
  std::vector<std::uint32_t> planned;  // item -> its wave in the plan
  std::vector<std::uint32_t> order;    // items by planned wave, then number
  std::vector<bool> alone;             // an item that alone breaks a limit
  std::uint32_t last_wave = 0;         // the plan's
  double rollback = 0;
  // Closing sites that can close: each one's groups (apps on it) and their last planned wave.
  std::vector<Index> sites;
  std::vector<Date> site_exit;  // as planned
  std::vector<std::vector<std::uint32_t>> site_groups;
  std::vector<std::uint32_t> site_last;
};

struct RunResult {
  std::uint32_t last = 0;
  std::vector<std::uint32_t> site_last;  // per Shared::sites
  std::vector<Index> drivers;            // apps behind a late last wave
  std::uint64_t placements = 0;
};

// One simulated run: each group's effort drawn, then every item placed in plan order in the
// first wave from its planned one that admits it and has room, a cut-over failing with the
// rollback probability and going again in a later wave.
class SimulatedRun {
 public:
  SimulatedRun(const Shared& s, std::uint64_t seed)
      : m_s(s),
        m_random(seed),
        m_group_count(s.model.groups->groups.size()),
        m_usage(drawn_usage()),
        m_loads(s.last_wave + 2),
        m_wave(s.model.items.size(), 0),
        m_cause(s.model.items.size()) {
    std::iota(m_cause.begin(), m_cause.end(), 0U);
  }

  RunResult run() {
    for (std::uint32_t g : m_s.order) {
      const Item& item = m_s.model.items[g];
      if (item.fixed != 0) {  // history and locks are where they are
        m_wave[g] = item.fixed;
        take(g, item.fixed);
      } else {
        m_wave[g] = place(g, earliest(g));
        m_result.last = std::max(m_result.last, m_wave[g]);
      }
    }
    for (const auto& site_groups : m_s.site_groups) {
      std::uint32_t last = 0;
      for (std::uint32_t g : site_groups) {
        last = std::max(last, m_wave[g]);
      }
      m_result.site_last.push_back(last);
    }
    if (m_result.last > m_s.last_wave) {
      find_drivers();
    }
    return std::move(m_result);
  }

 private:
  // Each group's usage with its effort drawn from its apps' ranges.
  std::vector<Usage> drawn_usage() {
    const auto& items = m_s.model.items;
    std::vector<Usage> usage(items.size());
    for (std::uint32_t g = 0; g < items.size(); ++g) {
      usage[g] = items[g].usage;
      if (g < m_group_count && items[g].fixed == 0) {
        double effort = 0;
        for (Index a : m_s.model.groups->groups[g].apps) {
          const EffortEstimate& e = m_s.plan.assessment.apps[a].effort;
          effort += m_random.triangular(e.low, e.likely, e.high);
        }
        usage[g][static_cast<std::size_t>(Limit::max_effort_days)] = effort;
      }
    }
    return usage;
  }

  WaveLoad& load(std::uint32_t k) {
    if (k >= m_loads.size()) {
      m_loads.resize(k + 1);
    }
    return m_loads[k];
  }
  void take(std::uint32_t g, std::uint32_t k) { load(k).add(m_usage[g], m_s.alone[g]); }

  // Never earlier than planned; after what it depends on (a rehearsal a wave before). An item
  // pushed later by another takes that one's cause.
  std::uint32_t earliest(std::uint32_t g) {
    std::uint32_t first = m_s.planned[g];
    std::uint32_t waited_on = g;
    const auto after = [&](std::uint32_t before, std::uint32_t gap) {
      if (m_wave[before] + gap > first) {
        first = m_wave[before] + gap;
        waited_on = before;
      }
    };
    if (g < m_group_count) {
      for (std::uint32_t before : m_s.model.groups->not_before[g]) {
        after(before, 0);
      }
      if (const auto& rehearsal = m_s.model.items[g].rehearsal) {
        after(*rehearsal, 1);
      }
    }
    if (waited_on != g && first > m_s.planned[g]) {
      m_cause[g] = m_cause[waited_on];
    }
    return first;
  }

  // The wave `g` ends in from `k` on: the first that admits it with room, again after each
  // rollback (its effort spent). Later than planned with its own cause: its own effort, a full
  // wave or a rollback.
  std::uint32_t place(std::uint32_t g, std::uint32_t k) {
    const Item& item = m_s.model.items[g];
    const std::uint32_t end = m_s.model.calendar.last_wave();
    for (std::uint32_t attempt = 1;; ++attempt) {
      while (k < end &&
             !(m_s.model.admits(item, k) && load(k).fits(m_usage[g], m_s.alone[g], m_s.limits))) {
        ++k;
        ++m_result.placements;
      }
      ++m_result.placements;
      take(g, k);
      const bool cutover = g < m_group_count;
      if (!cutover || attempt == k_most_attempts || m_random.uniform() >= m_s.rollback) {
        return k;
      }
      ++k;
    }
  }

  // The apps behind the last wave: the causes of the groups in it later than planned.
  void find_drivers() {
    auto& drivers = m_result.drivers;
    for (std::uint32_t g = 0; g < m_group_count; ++g) {
      if (m_wave[g] == m_result.last && m_wave[g] > m_s.planned[g]) {
        const std::uint32_t root = m_cause[g] < m_group_count ? m_cause[g] : g;
        for (Index a : m_s.model.groups->groups[root].apps) {
          drivers.push_back(a);
        }
      }
    }
    std::sort(drivers.begin(), drivers.end());
    drivers.erase(std::unique(drivers.begin(), drivers.end()), drivers.end());
  }

  const Shared& m_s;
  Random m_random;
  std::size_t m_group_count;
  std::vector<Usage> m_usage;
  std::vector<WaveLoad> m_loads;
  std::vector<std::uint32_t> m_wave;
  std::vector<std::uint32_t> m_cause;
  RunResult m_result;
};

RunResult run_once(const Shared& s, std::uint64_t seed) {
  return SimulatedRun(s, seed).run();
}

// The run's seed: the user's, mixed with the run's number.
std::uint64_t run_seed(std::uint64_t seed, std::uint32_t run) {
  Random mix(seed ^ (0xd1b54a32d192ed03ULL * (static_cast<std::uint64_t>(run) + 1)));
  return mix.next();
}

// The closing sites that can close, each with the move groups whose apps have servers on it.
void closing_sites(Shared& s) {
  const Inventory& inv = s.inventory;
  const Plan& plan = s.plan;
  for (const SiteExit& site : plan.decommission.sites) {
    if (!inv.sites[site.site].closing || !site.exit_date) {
      continue;
    }
    std::vector<std::uint32_t> groups;
    std::uint32_t last = 0;
    for (std::uint32_t g = 0; g < plan.groups.groups.size(); ++g) {
      for (Index a : plan.groups.groups[g].apps) {
        const auto& servers = inv.applications[a].servers;
        if (std::any_of(servers.begin(), servers.end(),
                        [&](Index v) { return inv.servers[v].site == site.site; })) {
          groups.push_back(g);
          last = std::max(last, s.planned[g]);
          break;
        }
      }
    }
    s.sites.push_back(site.site);
    s.site_exit.push_back(*site.exit_date);
    s.site_groups.push_back(std::move(groups));
    s.site_last.push_back(last);
  }
}

// The date at rank p of the runs' last waves, each moving `exit` by whole waves past `planned`.
Date percentile_of(const std::map<std::uint32_t, std::uint32_t>& by_last, std::uint32_t runs,
                   double p, Date exit, std::uint32_t planned, std::int64_t length) {
  const auto rank = std::max(1U, static_cast<std::uint32_t>(std::ceil(p * runs)));
  std::uint32_t seen = 0;
  std::uint32_t last = by_last.rbegin()->first;
  for (const auto& [wave, n] : by_last) {
    seen += n;
    if (seen >= rank) {
      last = wave;
      break;
    }
  }
  return exit.plus_days((static_cast<std::int64_t>(std::max(last, planned)) - planned) * length);
}

// Each closing site's P50, P80 and P95 exit from the runs.
std::vector<Risk::SiteDates> site_dates(const Shared& s, const std::vector<RunResult>& results) {
  std::vector<Risk::SiteDates> out;
  const std::int64_t length = s.inventory.policy.wave.length_days;
  const auto runs = static_cast<std::uint32_t>(results.size());
  for (std::size_t i = 0; i < s.sites.size(); ++i) {
    std::map<std::uint32_t, std::uint32_t> by_last;
    for (const RunResult& r : results) {
      ++by_last[r.site_last[i]];
    }
    const auto at = [&](double p) {
      return percentile_of(by_last, runs, p, s.site_exit[i], s.site_last[i], length);
    };
    out.push_back({s.sites[i], at(0.50), at(0.80), at(0.95)});
  }
  return out;
}

// What every run shares: the plan's schedule model, each item's planned wave, the order runs
// place items in, and the closing sites.
Shared shared_of(const Inventory& inventory, const Plan& plan) {
  Shared s{inventory,
           plan,
           build_schedule_model(inventory, plan.graph, plan.assessment, plan.groups,
                                plan.waves.server_moves, calendar_of(inventory)),
           limits_of(inventory.policy),
           {},
           {},
           {},
           static_cast<std::uint32_t>(plan.waves.waves.size()),
           inventory.policy.rollback_probability,
           {},
           {},
           {},
           {}};
  apply_commitments(s.model, plan.commitments);
  const auto& items = s.model.items;
  s.planned.assign(items.size(), 1);
  s.alone.resize(items.size());
  for (std::uint32_t g = 0; g < plan.groups.groups.size(); ++g) {
    const Index first = plan.groups.groups[g].apps.front();
    s.planned[g] = plan.waves.wave_of[first];
    if (const auto& rehearsal = items[g].rehearsal) {
      s.planned[*rehearsal] = plan.waves.rehearsal_of[first];
    }
  }
  for (std::uint32_t g = 0; g < items.size(); ++g) {
    s.alone[g] = oversized(items[g], s.limits);
  }
  closing_sites(s);
  s.order.resize(items.size());
  std::iota(s.order.begin(), s.order.end(), 0U);
  // By planned wave, and within one wave what must come first first (a longer chain after it).
  std::stable_sort(s.order.begin(), s.order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::pair(s.planned[a], -static_cast<std::int64_t>(items[a].height)) <
           std::pair(s.planned[b], -static_cast<std::int64_t>(items[b].height));
  });
  return s;
}

// `runs` runs on `threads` threads, each with its own seed: the same results on any number.
std::vector<RunResult> run_all(const Shared& s, std::uint32_t runs, std::uint64_t seed,
                               unsigned threads) {
  std::vector<RunResult> results(runs);
  std::atomic<std::uint32_t> next{0};
  const auto work = [&] {
    for (std::uint32_t r = next++; r < runs; r = next++) {
      results[r] = run_once(s, run_seed(seed, r));
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < std::max(1U, threads); ++t) {
    pool.emplace_back(work);
  }
  work();
  for (std::thread& t : pool) {
    t.join();
  }
  return results;
}

// The estate's exit dates from the runs' last waves: the histogram, P50, P80, P95 and the
// chance of meeting the deadline (exit dates move with the last wave, whole waves later).
void exit_dates(const Shared& s, const std::map<std::uint32_t, std::uint32_t>& by_last,
                Risk& risk) {
  const std::optional<Date> exit = s.plan.decommission.exit_date;
  if (!exit) {
    return;
  }
  const std::int64_t length = s.inventory.policy.wave.length_days;
  const auto exit_of = [&](std::uint32_t last) {
    return exit->plus_days((static_cast<std::int64_t>(last) - s.last_wave) * length);
  };
  for (const auto& [last, n] : by_last) {
    risk.histogram.emplace_back(exit_of(last), n);
  }
  const auto percentile = [&](double p) {
    return percentile_of(by_last, risk.runs, p, *exit, s.last_wave, length);
  };
  risk.exit_p50 = percentile(0.50);
  risk.exit_p80 = percentile(0.80);
  risk.exit_p95 = percentile(0.95);
  if (const auto& deadline = s.inventory.estate.deadline) {
    std::uint32_t met = 0;
    for (const auto& [last, n] : by_last) {
      met += exit_of(last) <= *deadline ? n : 0U;
    }
    risk.deadline_probability = static_cast<double>(met) / risk.runs;
  }
}

}  // namespace

Risk simulate_risk(const Inventory& inventory, const Plan& plan, std::uint32_t runs,
                   std::uint64_t seed, unsigned threads) {
  Risk risk;
  risk.runs = runs;
  risk.seed = seed;
  risk.rollback_probability = inventory.policy.rollback_probability;
  if (runs == 0 || plan.waves.waves.empty()) {
    return risk;
  }
  const Shared s = shared_of(inventory, plan);
  const std::vector<RunResult> results = run_all(s, runs, seed, threads);
  std::map<std::uint32_t, std::uint32_t> by_last;
  std::map<Index, std::uint32_t> drivers;
  for (const RunResult& r : results) {
    ++by_last[r.last];
    risk.placements += r.placements;
    risk.late_runs += r.last > s.last_wave ? 1U : 0U;
    for (Index a : r.drivers) {
      ++drivers[a];
    }
  }
  exit_dates(s, by_last, risk);
  risk.sites = site_dates(s, results);
  for (const auto& [app, n] : drivers) {
    risk.drivers.push_back({app, n});
  }
  std::stable_sort(risk.drivers.begin(), risk.drivers.end(),
                   [](const Risk::Driver& a, const Risk::Driver& b) { return a.runs > b.runs; });
  if (risk.drivers.size() > k_most_drivers) {
    risk.drivers.resize(k_most_drivers);
  }
  return risk;
}

}  // namespace dcexit
