// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// A binary x[g][k] for each item g and each wave k it may take (lead time, freezes with
// hypercare, the pilot) up to the list schedule's last wave H; W, the last wave used. Minimise
// W, then (with a weight below one wave) the sum of the items' waves: everything as early as it
// can be. Constraints: each item in one wave; W after every item; the order between groups (a
// rehearsal a wave before its group); every capacity limit, an item that alone breaks one
// having its wave to itself; the split limits; the pilot routes the list schedule proved.
#include "plan/exact_optimiser.hpp"

#include "base/input_file.hpp"

#include <Cbc_C_Interface.h>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fcntl.h>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <unistd.h>
#include <vector>

namespace dcexit {

namespace {

using Term = std::pair<int, double>;  // column, coefficient

// CBC's C interface runs CbcMain1, whose parameter tables are static: two models solved at
// once (a batch plans estates on two threads) corrupt each other's options, so one may stop
// early (status heuristic) or fall into CBC's interactive "Coin:" prompt. Every use of CBC,
// from building a model to deleting it, holds this lock.
std::mutex g_cbc_lock;

// While a model solves, CBC's standard input is /dev/null and its standard output goes
// there too: whatever CBC prints or asks never reaches the user's terminal or plan output,
// and a prompt reads end of file at once. dcexit itself writes nothing to standard output
// while planning (a batch prints after every estate is planned), and reads its standard
// input only while loading.
class SolverQuiet {
 public:
  SolverQuiet() : m_stdin(standard_input_lock()) {
    std::fflush(stdout);
    const int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null < 0) {
      return;
    }
    m_in = ::dup(STDIN_FILENO);
    m_out = ::dup(STDOUT_FILENO);
    if (m_in >= 0) {
      ::dup2(null, STDIN_FILENO);
    }
    if (m_out >= 0) {
      ::dup2(null, STDOUT_FILENO);
    }
    ::close(null);
  }
  SolverQuiet(const SolverQuiet&) = delete;
  SolverQuiet& operator=(const SolverQuiet&) = delete;
  ~SolverQuiet() {
    std::fflush(stdout);
    restore(m_in, STDIN_FILENO);
    restore(m_out, STDOUT_FILENO);
  }

 private:
  static void restore(int saved, int fd) {
    if (saved >= 0) {
      ::dup2(saved, fd);
      ::close(saved);
    }
  }
  std::lock_guard<std::mutex> m_stdin;
  int m_in = -1;
  int m_out = -1;
};

struct CbcDeleter {
  void operator()(Cbc_Model* model) const { Cbc_deleteModel(model); }
};

class Programme {
 public:
  Programme(const ScheduleModel& model, const Limits& limits, std::uint32_t horizon)
      : m_model(model), m_limits(limits), m_horizon(horizon), m_cbc(Cbc_newModel()) {
    Cbc_setLogLevel(m_cbc.get(), 0);
  }

  // False when some item has no wave it may take within the horizon.
  bool build(const Schedule& list) {
    m_start = list;
    const auto& items = m_model.items;
    // With a baseline: each app out of its baseline wave weighs less than a wave, and the sum
    // of waves less than an app.
    const MoveGroups& groups = *m_model.groups;
    std::size_t apps = 0;
    for (std::uint32_t g = 0; g < groups.groups.size(); ++g) {
      if (items[g].preferred != 0) {
        apps += groups.groups[g].apps.size();
        m_start_churn += list.wave_of[g] != items[g].preferred ? groups.groups[g].apps.size() : 0;
        m_keep = true;
      }
    }
    const double churn = 1.0 / (static_cast<double>(apps) + 1.0);
    const double weight =
        (m_keep ? churn : 1.0) / (static_cast<double>(items.size()) * m_horizon + 1.0);
    m_columns.assign(items.size(), std::vector<int>(m_horizon + 1, -1));
    for (std::uint32_t g = 0; g < items.size(); ++g) {
      bool any = false;
      const bool preferred = g < groups.groups.size() && items[g].preferred != 0;
      for (std::uint32_t k = 1; k <= m_horizon; ++k) {
        if (m_model.admits(items[g], k)) {
          const double moved = preferred && k != items[g].preferred
                                   ? churn * static_cast<double>(groups.groups[g].apps.size())
                                   : 0.0;
          m_columns[g][k] = column(weight * k + moved, 1.0, true);
          any = true;
        }
      }
      if (!any) {
        return false;
      }
    }
    m_last = column(1.0, m_horizon, true);
    for (std::uint32_t g = 0; g < items.size(); ++g) {
      std::vector<Term> one;
      for (std::uint32_t k = 1; k <= m_horizon; ++k) {
        if (m_columns[g][k] >= 0) {
          one.emplace_back(m_columns[g][k], 1.0);
        }
      }
      row(one, 'E', 1.0);
      auto last = wave_of(g, -1.0);
      last.emplace_back(m_last, 1.0);
      row(last, 'G', 0.0);
    }
    order();
    capacity();
    distances();
    pilot_routes(list);
    return true;
  }

  // The programme's size, known before CBC is given it.
  [[nodiscard]] std::size_t nonzeros() const { return m_values.size(); }

  // Hands the programme to CBC in one pass (column-major, as Cbc_loadProblem takes it), with
  // `list` as its starting solution.
  void load(const Schedule& list) {
    const auto columns = static_cast<std::size_t>(m_count);
    std::vector<CoinBigIndex> start(columns + 1, 0);
    for (int c : m_indices) {
      ++start[static_cast<std::size_t>(c) + 1];
    }
    for (std::size_t c = 0; c < columns; ++c) {
      start[c + 1] += start[c];
    }
    std::vector<int> rows(m_values.size());
    std::vector<double> values(m_values.size());
    std::vector<CoinBigIndex> next(start.begin(), start.end() - 1);
    for (std::size_t r = 0; r + 1 < m_row_start.size(); ++r) {  // rows in order: sorted columns
      for (std::size_t e = m_row_start[r]; e < m_row_start[r + 1]; ++e) {
        const auto at = static_cast<std::size_t>(next[static_cast<std::size_t>(m_indices[e])]++);
        rows[at] = static_cast<int>(r);
        values[at] = m_values[e];
      }
    }
    const std::vector<double> lower(columns, 0.0);
    Cbc_loadProblem(m_cbc.get(), m_count, static_cast<int>(m_row_lower.size()), start.data(),
                    rows.data(), values.data(), lower.data(), m_upper.data(), m_objective.data(),
                    m_row_lower.data(), m_row_upper.data());
    for (int c = 0; c < m_count; ++c) {
      if (m_integer[static_cast<std::size_t>(c)]) {
        Cbc_setInteger(m_cbc.get(), c);
      }
    }
    start_from(list);
  }

  ExactResult solve(std::uint64_t node_budget) {
    Cbc_setMaximumNodes(m_cbc.get(),
                        static_cast<int>(std::min<std::uint64_t>(node_budget, INT32_MAX)));
    Cbc_setParameter(m_cbc.get(), "threads", "1");
    {
      const SolverQuiet quiet;
      Cbc_solve(m_cbc.get());
    }
    ExactResult result;
    result.nodes = static_cast<std::uint64_t>(std::max(0, Cbc_getNodeCount(m_cbc.get())));
    const double best = Cbc_getBestPossibleObjValue(m_cbc.get());
    if (Cbc_isProvenInfeasible(m_cbc.get()) == 0 && std::isfinite(best) && best > 0) {
      result.bound = static_cast<std::uint32_t>(std::floor(best + 1e-7));
    }
    const bool proven = Cbc_isProvenOptimal(m_cbc.get()) != 0;
    const double* x = Cbc_getColSolution(m_cbc.get());
    if (x == nullptr || Cbc_numberSavedSolutions(m_cbc.get()) == 0) {
      result.status = proven ? Optimality::Status::optimal : Optimality::Status::heuristic;
      return result;
    }
    Schedule schedule;
    schedule.wave_of.assign(m_model.items.size(), 0);
    std::uint32_t last = 0;
    for (std::uint32_t g = 0; g < m_model.items.size(); ++g) {
      for (std::uint32_t k = 1; k <= m_horizon; ++k) {
        if (m_columns[g][k] >= 0 && x[m_columns[g][k]] > 0.5) {
          schedule.wave_of[g] = k;
          last = std::max(last, k);
        }
      }
    }
    result.status = proven ? Optimality::Status::optimal : Optimality::Status::feasible;
    if (proven) {
      result.bound = last;
    }
    if (last < m_horizon || (m_keep && churn_of(schedule.wave_of) < m_start_churn)) {
      schedule.oversized = oversized(schedule.wave_of, last);
      result.schedule = std::move(schedule);
    }
    return result;
  }

 private:
  // A column from 0 to `upper`; its number. Kept here until load().
  int column(double objective, double upper, bool integer) {
    m_objective.push_back(objective);
    m_upper.push_back(upper);
    m_integer.push_back(integer);
    return m_count++;
  }

  // A row: terms `sense` ('E', 'G' or 'L') rhs. Kept here until load().
  void row(const std::vector<Term>& terms, char sense, double rhs) {
    for (const auto& [c, v] : terms) {
      m_indices.push_back(c);
      m_values.push_back(v);
    }
    m_row_start.push_back(m_values.size());
    constexpr double k_infinity = std::numeric_limits<double>::max();  // COIN_DBL_MAX
    m_row_lower.push_back(sense == 'L' ? -k_infinity : rhs);
    m_row_upper.push_back(sense == 'G' ? k_infinity : rhs);
  }

  [[nodiscard]] std::size_t churn_of(const std::vector<std::uint32_t>& wave_of) const {
    std::size_t churn = 0;
    for (std::uint32_t g = 0; g < m_model.groups->groups.size(); ++g) {
      const std::uint32_t preferred = m_model.items[g].preferred;
      churn +=
          preferred != 0 && wave_of[g] != preferred ? m_model.groups->groups[g].apps.size() : 0;
    }
    return churn;
  }

  // Whether the order `after` >= `before` + gap is a row: not when history or a lock on either
  // side already breaks it in the start (history is as it happened), nor between two fixed items.
  [[nodiscard]] bool kept(std::uint32_t after, std::uint32_t before, std::uint32_t gap) const {
    const bool any_fixed = m_model.items[after].fixed != 0 || m_model.items[before].fixed != 0;
    return !fixed(after, before) &&
           !(any_fixed && m_start.wave_of[after] < m_start.wave_of[before] + gap);
  }

  // Whether both items are fixed: a row between them is history, true or not.
  [[nodiscard]] bool fixed(std::uint32_t a, std::uint32_t b) const {
    return m_model.items[a].fixed != 0 && m_model.items[b].fixed != 0;
  }

  // sign × (the wave of item g), as terms.
  [[nodiscard]] std::vector<Term> wave_of(std::uint32_t g, double sign) const {
    std::vector<Term> out;
    for (std::uint32_t k = 1; k <= m_horizon; ++k) {
      if (m_columns[g][k] >= 0) {
        out.emplace_back(m_columns[g][k], sign * k);
      }
    }
    return out;
  }

  // wave(after) - wave(before) >= gap.
  void not_before(std::uint32_t after, std::uint32_t before, double gap) {
    auto terms = wave_of(after, 1.0);
    const auto minus = wave_of(before, -1.0);
    terms.insert(terms.end(), minus.begin(), minus.end());
    row(terms, 'G', gap);
  }

  void order() {
    const MoveGroups& groups = *m_model.groups;
    for (std::uint32_t g = 0; g < groups.groups.size(); ++g) {
      for (std::uint32_t before : groups.not_before[g]) {
        if (kept(g, before, 0)) {
          not_before(g, before, 0.0);
        }
      }
      if (const auto& rehearsal = m_model.items[g].rehearsal; rehearsal && kept(g, *rehearsal, 1)) {
        not_before(g, *rehearsal, 1.0);
      }
    }
  }

  void capacity() {
    const auto& items = m_model.items;
    // Items the start puts in each wave, counted once (not per item and wave).
    std::vector<std::uint32_t> in_start(m_horizon + 2, 0);
    for (std::uint32_t k : m_start.wave_of) {
      ++in_start[std::min(k, m_horizon + 1)];
    }
    std::vector<bool> alone(items.size());
    for (std::uint32_t g = 0; g < items.size(); ++g) {
      alone[g] = dcexit::oversized(items[g], m_limits);
    }
    for (std::uint32_t k = 1; k <= m_horizon; ++k) {
      for (std::size_t d = 0; d < k_dims; ++d) {
        std::vector<Term> used;
        double total = 0;
        bool free = false;  // a wave of history and locks alone is as it is
        bool fixed_in = false;
        double at_start = 0;  // what the start puts in it
        for (std::uint32_t g = 0; m_limits[d] && g < items.size(); ++g) {
          if (!alone[g] && m_columns[g][k] >= 0 && items[g].usage[d] > 0) {
            used.emplace_back(m_columns[g][k], items[g].usage[d]);
            total += items[g].usage[d];
            free = free || items[g].fixed == 0;
            fixed_in = fixed_in || items[g].fixed != 0;
            at_start += m_start.wave_of[g] == k ? items[g].usage[d] : 0.0;
          }
        }
        // A lock that already overfills a wave leaves it as it is.
        const bool overfull = fixed_in && m_limits[d] && at_start > *m_limits[d] + 1e-9;
        if (m_limits[d] && free && !overfull && total > *m_limits[d] + 1e-9) {
          row(used, 'L', *m_limits[d]);
        }
      }
      // An item that alone breaks a limit has its wave to itself.
      std::vector<Term> others;
      bool free = false;
      for (std::uint32_t g = 0; g < items.size(); ++g) {
        if (m_columns[g][k] >= 0) {
          others.emplace_back(m_columns[g][k], 1.0);
          free = free || items[g].fixed == 0;
        }
      }
      const auto count = static_cast<double>(others.size());
      for (std::uint32_t o = 0; o < items.size(); ++o) {
        // A fixed oversized item that already shares its wave keeps it as it is.
        const bool crowded = items[o].fixed != 0 && in_start[k] > 1;
        if (alone[o] && free && !crowded && m_columns[o][k] >= 0 && others.size() > 1) {
          auto terms = others;
          for (auto& [c, v] : terms) {
            v = c == m_columns[o][k] ? count - 1.0 : 1.0;
          }
          row(terms, 'L', count - 1.0);
        }
      }
    }
  }

  void distances() {
    for (const Distance& d : m_model.distances) {
      const std::uint32_t wa = m_start.wave_of[d.a];
      const std::uint32_t wb = m_start.wave_of[d.b];
      if (fixed(d.a, d.b) || (d.pinned && (wa > wb ? wa - wb : wb - wa) > d.waves)) {
        continue;  // history on one side, and the start cannot keep it: kept as it is
      }
      auto terms = wave_of(d.a, 1.0);
      const auto minus = wave_of(d.b, -1.0);
      terms.insert(terms.end(), minus.begin(), minus.end());
      row(terms, 'L', d.waves);
      row(terms, 'G', -static_cast<double>(d.waves));
    }
  }

  // The routes the list schedule's pilot proves stay proved.
  void pilot_routes(const Schedule& list) {
    for (Strategy strategy : m_model.pilot_strategies) {
      const auto bit = static_cast<std::uint8_t>(1U << static_cast<unsigned>(strategy));
      std::vector<Term> first;
      bool proved = false;
      for (std::uint32_t g = 0; g < m_model.items.size(); ++g) {
        if ((m_model.items[g].strategies & bit) != 0) {
          proved = proved || list.wave_of[g] == 1;
          if (m_columns[g][1] >= 0) {
            first.emplace_back(m_columns[g][1], 1.0);
          }
        }
      }
      if (proved) {
        row(first, 'G', 1.0);
      }
    }
  }

  void start_from(const Schedule& list) {
    std::vector<int> columns;
    std::vector<double> values;
    for (std::uint32_t g = 0; g < m_model.items.size(); ++g) {
      for (std::uint32_t k = 1; k <= m_horizon; ++k) {
        if (m_columns[g][k] >= 0) {
          columns.push_back(m_columns[g][k]);
          values.push_back(list.wave_of[g] == k ? 1.0 : 0.0);
        }
      }
    }
    columns.push_back(m_last);
    values.push_back(m_horizon);
    Cbc_setMIPStartI(m_cbc.get(), static_cast<int>(columns.size()), columns.data(), values.data());
  }

  // Per wave, the limit its single item breaks, if it holds one that does.
  [[nodiscard]] std::vector<std::optional<Limit>> oversized(
      const std::vector<std::uint32_t>& wave_of, std::uint32_t last) const {
    std::vector<std::optional<Limit>> out(last);
    std::vector<std::uint32_t> count(last + 1, 0);
    for (std::uint32_t w : wave_of) {
      ++count[w];
    }
    for (std::uint32_t g = 0; g < wave_of.size(); ++g) {
      if (count[wave_of[g]] == 1) {
        out[wave_of[g] - 1] = exceeded(m_model.items[g].usage, m_limits);
      }
    }
    return out;
  }

  const ScheduleModel& m_model;
  const Limits& m_limits;
  std::uint32_t m_horizon;
  std::unique_ptr<Cbc_Model, CbcDeleter> m_cbc;
  std::vector<std::vector<int>> m_columns;  // item -> wave -> column, -1 where not allowed
  int m_last = -1;
  int m_count = 0;
  // The programme until load(): columns, then rows by their terms (m_row_start: where each
  // row's terms start, and one past the last).
  std::vector<double> m_objective;
  std::vector<double> m_upper;
  std::vector<bool> m_integer;
  std::vector<int> m_indices;
  std::vector<double> m_values;
  std::vector<std::size_t> m_row_start{0};
  std::vector<double> m_row_lower;
  std::vector<double> m_row_upper;
  Schedule m_start;               // the list schedule it starts from
  bool m_keep = false;            // some item has a baseline wave
  std::size_t m_start_churn = 0;  // apps the start moves out of their baseline waves
};

}  // namespace

std::uint64_t node_limit(std::uint64_t budget, std::size_t nonzeros) {
  if (nonzeros <= k_reference_nonzeros) {
    return budget;
  }
  return std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(static_cast<double>(budget) *
                                    static_cast<double>(k_reference_nonzeros) /
                                    static_cast<double>(nonzeros)));
}

ExactResult exact_schedule(const ScheduleModel& model, const Limits& limits, const Schedule& list,
                           std::uint64_t node_budget) {
  const auto horizon = static_cast<std::uint32_t>(list.oversized.size());
  if (model.items.empty() || node_budget == 0 ||
      model.items.size() * static_cast<std::size_t>(horizon) > k_most_binaries) {
    return {};
  }
  const std::lock_guard<std::mutex> lock(g_cbc_lock);
  Programme programme(model, limits, horizon);
  if (!programme.build(list) || programme.nonzeros() > k_most_nonzeros) {
    return {};  // decided before CBC sees it: building the rows is linear
  }
  programme.load(list);
  const std::uint64_t nodes = node_limit(node_budget, programme.nonzeros());
  ExactResult result = programme.solve(nodes);
  result.budget = nodes;
  return result;
}

}  // namespace dcexit
