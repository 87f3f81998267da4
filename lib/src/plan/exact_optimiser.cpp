// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// A binary x[g][k] for each item g and each wave k it may take (lead time, freezes with
// hypercare, the pilot) up to a horizon H; in the step formulation, y[g][k] (g is in wave k or
// earlier) and u[k] (a wave from k on is used; their sum is the last wave). Constraints: each
// item in one wave; the order between groups (a rehearsal a wave before its group) and the split
// limits, wave by wave on y; every capacity limit, an item that alone breaks one having its wave
// to itself, and what is still to come fitting in the waves still used; the pilot routes the
// list schedule proved. Asked for one wave fewer than the best known until none fits (then
// the best is the fewest). docs/planning.md, "The exact optimiser".
#include "plan/exact_optimiser.hpp"

#include "base/input_file.hpp"
#include "plan/local_search.hpp"

#include <Cbc_C_Interface.h>
#include <algorithm>
#include <chrono>
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
SolverTrial g_trial;  // guarded by g_cbc_lock

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
  // What the programme minimises: the last wave alone (an integer: CBC prunes every node whose
  // bound rounds up to the best found), or the last wave, then the sum of the items' waves (and,
  // with a baseline, first the apps out of their baseline waves).
  enum class Objective : std::uint8_t { waves, early };

  Programme(const ScheduleModel& model, const Limits& limits, std::uint32_t horizon,
            Objective objective, bool plain)
      : m_model(model),
        m_limits(limits),
        m_horizon(horizon),
        m_early(objective == Objective::early),
        m_plain(plain),
        m_cbc(Cbc_newModel()) {
    Cbc_setLogLevel(m_cbc.get(), 0);
  }

  // False when some item has no wave it may take within the horizon. No schedule has fewer
  // than `lower_bound` waves.
  bool build(const Schedule& list, std::uint32_t lower_bound) {
    m_start = list;
    const auto& items = m_model.items;
    m_alone.resize(items.size());
    for (std::uint32_t g = 0; g < items.size(); ++g) {
      m_alone[g] = dcexit::oversized(items[g], m_limits);
    }
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
          m_columns[g][k] = column(m_early ? weight * k + moved : 0.0, 1.0, true);
          any = true;
        }
      }
      if (!any) {
        return false;
      }
    }
    for (std::uint32_t g = 0; g < items.size(); ++g) {
      std::vector<Term> one;
      for (std::uint32_t k = 1; k <= m_horizon; ++k) {
        if (m_columns[g][k] >= 0) {
          one.emplace_back(m_columns[g][k], 1.0);
        }
      }
      row(one, 'E', 1.0);
    }
    if (m_plain) {
      last_wave();
    } else {
      steps(lower_bound);
    }
    order();
    capacity();
    if (!m_plain) {
      capacity_to_the_end();
    }
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
    Cbc_loadProblem(m_cbc.get(), m_count, static_cast<int>(m_row_lower.size()), start.data(),
                    rows.data(), values.data(), m_lower.data(), m_upper.data(), m_objective.data(),
                    m_row_lower.data(), m_row_upper.data());
    for (int c = 0; c < m_count; ++c) {
      if (m_integer[static_cast<std::size_t>(c)]) {
        Cbc_setInteger(m_cbc.get(), c);
      }
    }
    if (list.oversized.size() <= m_horizon) {  // a start with more waves is no start
      start_from(list);
    }
  }

  // Whether CBC proved that the programme has no solution.
  [[nodiscard]] bool infeasible() const { return Cbc_isProvenInfeasible(m_cbc.get()) != 0; }

  // `any`: the schedule found is kept even when it has as many waves as the start.
  ExactResult solve(std::uint64_t node_budget, bool any) {
    if (g_trial.seconds > 0) {
      Cbc_setMaximumSeconds(m_cbc.get(), g_trial.seconds);
    } else {
      Cbc_setMaximumNodes(m_cbc.get(),
                          static_cast<int>(std::min<std::uint64_t>(node_budget, INT32_MAX)));
    }
    Cbc_setParameter(m_cbc.get(), "threads", "1");
    // The root's work is bounded by a count, not by time: one round of cuts (CBC's default
    // runs up to 20 on small programmes, and took 10 s on a 34-app estate); probing on every
    // round (the order and step rows fix many columns when one is fixed).
    Cbc_setParameter(m_cbc.get(), "passCuts", "1");
    Cbc_setParameter(m_cbc.get(), "probing", "forceOn");
    {
      const SolverQuiet quiet;
      const auto started = std::chrono::steady_clock::now();
      Cbc_solve(m_cbc.get());
      if (g_trial.solver_seconds != nullptr) {
        *g_trial.solver_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      }
    }
    ExactResult result;
    result.nodes = static_cast<std::uint64_t>(std::max(0, Cbc_getNodeCount(m_cbc.get())));
    const double best = Cbc_getBestPossibleObjValue(m_cbc.get());
    if (!infeasible() && std::isfinite(best) && best > 0) {
      // The last wave alone is an integer, so its bound rounds up; with the sum of the waves
      // below one wave added, down.
      result.bound =
          static_cast<std::uint32_t>(m_early ? std::floor(best + 1e-7) : std::ceil(best - 1e-7));
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
    if (any || last < m_horizon || (m_keep && churn_of(schedule.wave_of) < m_start_churn)) {
      schedule.oversized = oversized(schedule.wave_of, last);
      result.schedule = std::move(schedule);
    }
    return result;
  }

 private:
  // A column from `lower` to `upper`; its number. Kept here until load().
  int column(double objective, double upper, bool integer, double lower = 0.0) {
    m_objective.push_back(objective);
    m_lower.push_back(lower);
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
          m_plain ? not_before(g, before, 0.0) : steps_not_before(g, before, 0);
        }
      }
      if (const auto& rehearsal = m_model.items[g].rehearsal; rehearsal && kept(g, *rehearsal, 1)) {
        m_plain ? not_before(g, *rehearsal, 1.0) : steps_not_before(g, *rehearsal, 1);
      }
    }
  }

  // The plain programme's last wave: one column W, at least the wave of every item.
  void last_wave() {
    m_last = column(1.0, m_horizon, true);
    for (std::uint32_t g = 0; g < m_model.items.size(); ++g) {
      auto last = wave_of(g, -1.0);
      last.emplace_back(m_last, 1.0);
      row(last, 'G', 0.0);
    }
  }

  // The step formulation's columns and their links: u[k] for each wave (the first
  // `lower_bound` fixed at one, and u[k] >= u[k+1]); y[g][k] = y[g][k-1] + x[g][k]; and
  // u[k] + y[g][k-1] >= 1: a wave is used while any item is still to come.
  void steps(std::uint32_t lower_bound) {
    const auto& items = m_model.items;
    m_used.assign(m_horizon + 1, -1);
    for (std::uint32_t k = 1; k <= m_horizon; ++k) {
      m_used[k] = column(1.0, 1.0, true, k <= std::max(1U, lower_bound) ? 1.0 : 0.0);
      if (k > 1) {
        row({{m_used[k - 1], 1.0}, {m_used[k], -1.0}}, 'G', 0.0);
      }
    }
    m_steps.assign(items.size(), std::vector<int>(m_horizon + 1, -1));
    m_first.assign(items.size(), 0);
    m_final.assign(items.size(), 0);
    for (std::uint32_t g = 0; g < items.size(); ++g) {
      for (std::uint32_t k = 1; k <= m_horizon; ++k) {
        if (m_columns[g][k] >= 0) {
          m_first[g] = m_first[g] == 0 ? k : m_first[g];
          m_final[g] = k;
        }
      }
      for (std::uint32_t k = m_first[g]; k < m_final[g]; ++k) {
        m_steps[g][k] = column(0.0, 1.0, false);
        std::vector<Term> link{{m_steps[g][k], 1.0}};
        if (k > m_first[g]) {
          link.emplace_back(m_steps[g][k - 1], -1.0);
        }
        if (m_columns[g][k] >= 0) {
          link.emplace_back(m_columns[g][k], -1.0);
        }
        row(link, 'E', 0.0);
      }
      for (std::uint32_t k = 2; k <= m_horizon; ++k) {
        at_least_one({{m_used[k], 1.0, 0.0}, step(g, k - 1, 1.0)});
      }
    }
  }

  // sign × y[g][k] as a column's term (column -1: the constant 0 or sign, y being fixed there).
  struct StepTerm {
    int column;
    double sign;
    double constant;
  };
  [[nodiscard]] StepTerm step(std::uint32_t g, std::uint32_t k, double sign) const {
    if (k >= m_horizon || (k >= m_final[g] && k > 0)) {
      return {-1, sign, sign};
    }
    if (k == 0 || k < m_first[g]) {
      return {-1, sign, 0.0};
    }
    return {m_steps[g][k], sign, 0.0};
  }

  // sum of terms <= rhs, written unless its constants alone keep it.
  void at_most(const std::vector<StepTerm>& terms, double rhs) {
    std::vector<Term> row_terms;
    for (const StepTerm& t : terms) {
      if (t.column >= 0) {
        row_terms.emplace_back(t.column, t.sign);
      } else {
        rhs -= t.constant;
      }
    }
    if (!row_terms.empty() || rhs < -1e-9) {
      row(row_terms, 'L', rhs);
    }
  }

  void at_least_one(const std::vector<StepTerm>& terms) {
    std::vector<StepTerm> negated = terms;
    for (StepTerm& t : negated) {
      t.sign = -t.sign;
      t.constant = -t.constant;
    }
    at_most(negated, -1.0);
  }

  // wave(after) >= wave(before) + gap, wave by wave: y[after][k] <= y[before][k - gap].
  void steps_not_before(std::uint32_t after, std::uint32_t before, std::uint32_t gap) {
    for (std::uint32_t k = 1; k <= m_horizon; ++k) {
      at_most({step(after, k, 1.0), step(before, k - std::min(k, gap), -1.0)}, 0.0);
    }
  }

  // wave(b) <= wave(a) + waves, wave by wave: y[a][k] <= y[b][k + waves].
  void steps_within(std::uint32_t a, std::uint32_t b, std::uint32_t waves) {
    for (std::uint32_t k = 1; k + waves < m_horizon; ++k) {
      at_most({step(a, k, 1.0), step(b, k + waves, -1.0)}, 0.0);
    }
  }

  // Each limit from wave k on: what the items still to come use fits in the waves still
  // used, sum of usage × (1 - y[g][k-1]) <= limit × (u[k] + ... + u[H]), an item that alone
  // breaks the limit counting as a whole wave. Not written when history fixes items (a fixed
  // wave may already hold more than its limit).
  void capacity_to_the_end() {
    const auto& items = m_model.items;
    if (std::any_of(items.begin(), items.end(), [](const Item& item) { return item.fixed != 0; })) {
      return;
    }
    for (std::size_t d = 0; d < k_dims; ++d) {
      if (!m_limits[d]) {
        continue;
      }
      const auto limit = static_cast<double>(*m_limits[d]);
      for (std::uint32_t k = 2; k <= m_horizon; ++k) {
        std::vector<StepTerm> terms;
        double rhs = 0;
        for (std::uint32_t g = 0; g < items.size(); ++g) {
          const double use =
              m_alone[g] ? limit : std::min(limit, static_cast<double>(items[g].usage[d]));
          if (use > 0) {
            terms.push_back(step(g, k - 1, -use));
            rhs -= use;
          }
        }
        for (std::uint32_t j = k; j <= m_horizon; ++j) {
          terms.push_back({m_used[j], -limit, 0.0});
        }
        at_most(terms, rhs);
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
    for (std::uint32_t k = 1; k <= m_horizon; ++k) {
      for (std::size_t d = 0; d < k_dims; ++d) {
        std::vector<Term> used;
        double total = 0;
        bool free = false;  // a wave of history and locks alone is as it is
        bool fixed_in = false;
        double at_start = 0;  // what the start puts in it
        for (std::uint32_t g = 0; m_limits[d] && g < items.size(); ++g) {
          if (!m_alone[g] && m_columns[g][k] >= 0 && items[g].usage[d] > 0) {
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
        if (m_alone[o] && free && !crowded && m_columns[o][k] >= 0 && others.size() > 1) {
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
      if (!m_plain) {
        steps_within(d.a, d.b, d.waves);
        steps_within(d.b, d.a, d.waves);
        continue;
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
    if (m_plain) {
      columns.push_back(m_last);
      values.push_back(m_horizon);
    }
    for (std::uint32_t k = 1; k < m_used.size(); ++k) {
      columns.push_back(m_used[k]);
      values.push_back(1.0);  // the start uses every wave of the horizon
    }
    for (std::uint32_t g = 0; g < m_steps.size(); ++g) {
      for (std::uint32_t k = m_first[g]; k < m_final[g]; ++k) {
        columns.push_back(m_steps[g][k]);
        values.push_back(list.wave_of[g] <= k ? 1.0 : 0.0);
      }
    }
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
  bool m_early;  // Objective::early
  bool m_plain;  // the wave-indexed programme alone: no steps (bench/exact_trial.cpp compares)
  // The step formulation: m_used[k], some item is in wave k or later (their sum is the last
  // wave); m_steps[g][k], item g is in wave k or earlier, a column from its first wave it may
  // take to the wave before its last (m_first[g] .. m_final[g] - 1), a constant outside.
  std::vector<int> m_used;
  std::vector<std::vector<int>> m_steps;
  std::vector<std::uint32_t> m_first;
  std::vector<std::uint32_t> m_final;
  std::unique_ptr<Cbc_Model, CbcDeleter> m_cbc;
  std::vector<std::vector<int>> m_columns;  // item -> wave -> column, -1 where not allowed
  std::vector<bool> m_alone;                // item -> it alone breaks a limit (oversized)
  int m_last = -1;
  int m_count = 0;
  // The programme until load(): columns, then rows by their terms (m_row_start: where each
  // row's terms start, and one past the last).
  std::vector<double> m_objective;
  std::vector<double> m_lower;
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

// The first step: one wave fewer than the best schedule found, again and again, each a question
// of whether any schedule fits in that many waves, until one is proved to have none (the
// best is then the fewest), the lower bound is reached or the budget's nodes are spent; each
// programme is given the nodes the budget has left, in proportion to its size.
ExactResult fewest_waves(const ScheduleModel& model, const Limits& limits, const Schedule& list,
                         std::uint64_t node_budget, std::uint32_t lower_bound) {
  ExactResult result;
  result.status = Optimality::Status::feasible;
  double spent = 0;  // the share of the budget spent
  const Schedule* best = &list;
  for (auto target = static_cast<std::uint32_t>(list.oversized.size()) - 1;
       target >= std::max(1U, lower_bound) && spent < 1.0; --target) {
    Programme fits(model, limits, target, Programme::Objective::waves, g_trial.plain);
    if (!fits.build(*best, target)) {  // an item with no wave it may take: none fits
      result.status = Optimality::Status::optimal;
      break;
    }
    if (g_trial.seconds <= 0 && fits.nonzeros() > k_most_nonzeros) {
      result.status = result.schedule ? result.status : Optimality::Status::heuristic;
      break;
    }
    fits.load(*best);
    const std::uint64_t whole = node_limit(node_budget, fits.nonzeros());
    const auto nodes = std::max<std::uint64_t>(
        1, static_cast<std::uint64_t>((1.0 - spent) * static_cast<double>(whole)));
    const ExactResult found = fits.solve(nodes, true);
    result.nodes += found.nodes;
    result.budget += nodes;
    spent += static_cast<double>(found.nodes) / static_cast<double>(whole);
    if (found.schedule) {
      result.schedule = found.schedule;
      best = &*result.schedule;
      target = static_cast<std::uint32_t>(best->oversized.size());  // the loop takes one off
    } else if (fits.infeasible()) {
      result.status = Optimality::Status::optimal;
      break;
    }
  }
  const auto waves = static_cast<std::uint32_t>(best->oversized.size());
  if (waves <= std::max(1U, lower_bound)) {
    result.status = Optimality::Status::optimal;  // the lower bound proves it
  }
  result.bound = result.status == Optimality::Status::optimal ? waves : 0;
  if (result.schedule) {
    result.schedule = shift_early(model, limits, *result.schedule);
  }
  return result;
}

// The second step: within the waves `result` found (or the start's), the sum of the items'
// waves (after the churn, with a baseline) as low as the budget's remaining nodes make it.
void polish(const ScheduleModel& model, const Limits& limits, const Schedule& list,
            std::uint64_t node_budget, ExactResult& result) {
  const Schedule& from = result.schedule ? *result.schedule : list;
  const auto waves = static_cast<std::uint32_t>(from.oversized.size());
  Programme early(model, limits, waves, Programme::Objective::early, g_trial.plain);
  if (!early.build(from, waves)) {
    return;
  }
  early.load(from);
  const std::uint64_t whole = node_limit(node_budget, early.nonzeros());
  const std::uint64_t left =
      result.nodes >= result.budget
          ? 1
          : std::max<std::uint64_t>(
                1, whole - whole * result.nodes / std::max<std::uint64_t>(1, result.budget));
  const ExactResult polished = early.solve(left, result.schedule.has_value());
  result.nodes += polished.nodes;
  result.budget += left;
  if (polished.schedule) {
    result.schedule = polished.schedule;
  }
}

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

void set_solver_trial(const SolverTrial& trial) {
  const std::lock_guard<std::mutex> lock(g_cbc_lock);
  g_trial = trial;
}

ExactResult exact_schedule(const ScheduleModel& model, const Limits& limits, const Schedule& list,
                           std::uint64_t node_budget, std::uint32_t lower_bound) {
  const auto horizon = static_cast<std::uint32_t>(list.oversized.size());
  const std::lock_guard<std::mutex> lock(g_cbc_lock);
  const bool unlimited = g_trial.seconds > 0;
  if (model.items.empty() || node_budget == 0 ||
      (!unlimited && model.items.size() * static_cast<std::size_t>(horizon) > k_most_binaries)) {
    return {};
  }
  ExactResult result = fewest_waves(model, limits, list, node_budget, lower_bound);
  const bool keep = std::any_of(model.items.begin(), model.items.end(),
                                [](const Item& item) { return item.preferred != 0; });
  if (keep) {
    polish(model, limits, list, node_budget, result);
  }
  return result;
}

}  // namespace dcexit
