// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include <dcexit/graph.hpp>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/pending/disjoint_sets.hpp>
#include <boost/property_map/property_map.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <numeric>
#include <utility>

namespace dcexit {

namespace {

using CsrGraph =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                       boost::no_property, std::uint32_t, std::uint32_t>;

bool follows(EdgeSet set, Coupling coupling) {
  return set == EdgeSet::all || coupling != Coupling::soft;
}

CsrGraph make_csr(const DependencyGraph& graph, EdgeSet set) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  pairs.reserve(graph.edges().size());
  for (const DependencyEdge& e : graph.edges()) {
    if (follows(set, e.coupling)) {
      pairs.emplace_back(e.from, e.to);
    }
  }
  // Edges are already sorted by source, which CSR construction wants.
  return CsrGraph(boost::edges_are_sorted, pairs.begin(), pairs.end(),
                  static_cast<std::uint32_t>(graph.app_count()));
}

}  // namespace

DependencyGraph restricted(const DependencyGraph& graph, EdgeSet edges) {
  std::vector<DependencyEdge> kept;
  for (const DependencyEdge& e : graph.edges()) {
    if (follows(edges, e.coupling)) {
      kept.push_back(e);
    }
  }
  return DependencyGraph(graph.app_count(), std::move(kept));
}

DependencyGraph::DependencyGraph(const Inventory& inventory)
    : m_app_count(inventory.applications.size()) {
  for (Index a = 0; a < inventory.applications.size(); ++a) {
    for (const Dependency& d : inventory.applications[a].depends_on) {
      m_edges.push_back({a, d.app, d.coupling});
    }
  }
  index();
  std::vector<std::uint32_t> counts(inventory.servers.size() + 1, 0);
  for (const Application& app : inventory.applications) {
    for (Index s : app.servers) {
      ++counts[s + 1];
    }
  }
  std::partial_sum(counts.begin(), counts.end(), counts.begin());
  m_server_offsets = counts;
  m_server_apps.resize(counts.back());
  for (Index a = 0; a < inventory.applications.size(); ++a) {
    for (Index s : inventory.applications[a].servers) {
      m_server_apps[counts[s]++] = a;
    }
  }
}

DependencyGraph::DependencyGraph(std::size_t app_count, std::vector<DependencyEdge> edges)
    : m_app_count(app_count), m_edges(std::move(edges)) {
  std::erase_if(m_edges, [](const DependencyEdge& e) { return e.from == e.to; });
  index();
}

DependencyGraph::~DependencyGraph() = default;
DependencyGraph::DependencyGraph(DependencyGraph&&) noexcept = default;
DependencyGraph& DependencyGraph::operator=(DependencyGraph&&) noexcept = default;

void DependencyGraph::index() {
  std::sort(m_edges.begin(), m_edges.end(), [](const DependencyEdge& a, const DependencyEdge& b) {
    return std::pair(a.from, a.to) < std::pair(b.from, b.to);
  });
  // One edge per pair: the first listed coupling counts (the loader already warns of repeats).
  m_edges.erase(std::unique(m_edges.begin(), m_edges.end(),
                            [](const DependencyEdge& a, const DependencyEdge& b) {
                              return a.from == b.from && a.to == b.to;
                            }),
                m_edges.end());
  m_out_offsets.assign(m_app_count + 1, 0);
  m_in_offsets.assign(m_app_count + 1, 0);
  for (const DependencyEdge& e : m_edges) {
    ++m_out_offsets[e.from + 1];
    ++m_in_offsets[e.to + 1];
  }
  std::partial_sum(m_out_offsets.begin(), m_out_offsets.end(), m_out_offsets.begin());
  std::partial_sum(m_in_offsets.begin(), m_in_offsets.end(), m_in_offsets.begin());
  m_in_edges.resize(m_edges.size());
  std::vector<std::uint32_t> next(m_in_offsets.begin(), m_in_offsets.end() - 1);
  for (std::uint32_t i = 0; i < m_edges.size(); ++i) {
    m_in_edges[next[m_edges[i].to]++] = i;  // sources ascend because edges are sorted
  }
}

std::span<const DependencyEdge> DependencyGraph::dependencies_of(Index app) const {
  return std::span(m_edges).subspan(m_out_offsets[app],
                                    m_out_offsets[app + 1] - m_out_offsets[app]);
}

std::span<const std::uint32_t> DependencyGraph::dependants_of(Index app) const {
  return std::span(m_in_edges)
      .subspan(m_in_offsets[app], m_in_offsets[app + 1] - m_in_offsets[app]);
}

std::span<const Index> DependencyGraph::apps_on_server(Index server) const {
  return std::span(m_server_apps)
      .subspan(m_server_offsets[server], m_server_offsets[server + 1] - m_server_offsets[server]);
}

Components strong_components(const DependencyGraph& graph, EdgeSet edges) {
  const CsrGraph csr = make_csr(graph, edges);
  Components result;
  result.of.resize(graph.app_count());
  result.count = static_cast<std::uint32_t>(boost::strong_components(
      csr, boost::make_iterator_property_map(result.of.begin(), get(boost::vertex_index, csr))));
  return result;
}

Components weak_components(const DependencyGraph& graph) {
  const std::size_t n = graph.app_count();
  std::vector<std::uint32_t> rank(n);
  std::vector<std::uint32_t> parent(n);
  // Property maps, not raw pointers: inside boost::detail, CSR's own `get` hides the pointer one.
  const auto rank_map =
      boost::make_iterator_property_map(rank.begin(), boost::identity_property_map());
  const auto parent_map =
      boost::make_iterator_property_map(parent.begin(), boost::identity_property_map());
  boost::disjoint_sets<decltype(rank_map), decltype(parent_map)> sets(rank_map, parent_map);
  for (std::uint32_t v = 0; v < n; ++v) {
    sets.make_set(v);
  }
  for (const DependencyEdge& e : graph.edges()) {
    sets.union_set(e.from, e.to);
  }
  // Number components in order of their first app, so numbering is deterministic.
  Components result;
  result.of.assign(n, 0);
  std::vector<std::uint32_t> number(n, UINT32_MAX);
  for (std::uint32_t v = 0; v < n; ++v) {
    const std::uint32_t root = sets.find_set(v);
    if (number[root] == UINT32_MAX) {
      number[root] = result.count++;
    }
    result.of[v] = number[root];
  }
  return result;
}

std::vector<Index> orphans(const DependencyGraph& graph) {
  std::vector<Index> out;
  for (Index a = 0; a < graph.app_count(); ++a) {
    if (graph.dependencies_of(a).empty() && graph.dependants_of(a).empty()) {
      out.push_back(a);
    }
  }
  return out;
}

namespace {

// Shortest cycle through `start` using only edges inside its component `component`.
std::vector<Index> shortest_cycle(const DependencyGraph& graph, EdgeSet set,
                                  const std::vector<std::uint32_t>& component_of, Index start) {
  const std::uint32_t component = component_of[start];
  std::vector<Index> previous(graph.app_count(), UINT32_MAX);
  std::deque<Index> queue{start};
  while (!queue.empty()) {
    const Index v = queue.front();
    queue.pop_front();
    for (const DependencyEdge& e : graph.dependencies_of(v)) {
      if (!follows(set, e.coupling) || component_of[e.to] != component) {
        continue;
      }
      if (e.to == start) {
        std::vector<Index> path{start};
        for (Index at = v; at != start; at = previous[at]) {
          path.push_back(at);
        }
        path.push_back(start);
        std::reverse(path.begin() + 1, path.end() - 1);
        return path;
      }
      if (previous[e.to] == UINT32_MAX) {
        previous[e.to] = v;
        queue.push_back(e.to);
      }
    }
  }
  return {};
}

}  // namespace

std::vector<Cycle> find_cycles(const DependencyGraph& graph, EdgeSet edges) {
  const Components components = strong_components(graph, edges);
  std::vector<std::vector<Index>> members(components.count);
  for (Index a = 0; a < graph.app_count(); ++a) {
    members[components.of[a]].push_back(a);  // ascending, so front() is the first app
  }
  std::vector<Cycle> cycles;
  for (auto& apps : members) {
    if (apps.size() > 1) {
      Cycle cycle;
      cycle.path = shortest_cycle(graph, edges, components.of, apps.front());
      cycle.apps = std::move(apps);
      cycles.push_back(std::move(cycle));
    }
  }
  std::sort(cycles.begin(), cycles.end(),
            [](const Cycle& a, const Cycle& b) { return a.apps.front() < b.apps.front(); });
  return cycles;
}

std::vector<Reached> reachable(const DependencyGraph& graph, Index app, Direction direction,
                               std::uint32_t max_depth) {
  std::vector<std::uint32_t> depth(graph.app_count(), UINT32_MAX);
  std::vector<Reached> out;
  std::deque<Index> queue{app};
  depth[app] = 0;
  const auto visit = [&](Index next, std::uint32_t d) {
    if (depth[next] == UINT32_MAX) {
      depth[next] = d;
      out.push_back({next, d});
      if (max_depth == 0 || d < max_depth) {
        queue.push_back(next);
      }
    }
  };
  while (!queue.empty()) {
    const Index v = queue.front();
    queue.pop_front();
    if (direction == Direction::dependencies) {
      for (const DependencyEdge& e : graph.dependencies_of(v)) {
        visit(e.to, depth[v] + 1);
      }
    } else {
      for (std::uint32_t i : graph.dependants_of(v)) {
        visit(graph.edges()[i].from, depth[v] + 1);
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const Reached& a, const Reached& b) {
    return std::pair(a.depth, a.app) < std::pair(b.depth, b.app);
  });
  return out;
}

namespace {

// splitmix64, for reproducible min-hash ranks.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27U)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31U);
}

// Cohen's size estimation: for each of `rounds` random rankings, the smallest rank among the
// apps that reach each app, propagated over the condensation in topological order.
std::vector<double> estimate_dependants(const DependencyGraph& graph) {
  constexpr int k_rounds = 32;  // relative error about 1/sqrt(31), 18%
  const Components scc = strong_components(graph, EdgeSet::all);
  // Tarjan numbers components in reverse topological order of the condensation: a component's
  // dependencies get smaller numbers. Dependants reach an app along reversed edges, so the
  // minimum flows from dependant components (larger numbers) to dependency ones. The reversed
  // condensation edges are kept as flat arrays (offsets, sources).
  std::vector<std::uint32_t> offsets(scc.count + 1, 0);
  for (const DependencyEdge& e : graph.edges()) {
    if (scc.of[e.from] != scc.of[e.to]) {
      ++offsets[scc.of[e.to] + 1];
    }
  }
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  std::vector<std::uint32_t> sources(offsets.back());
  std::vector<std::uint32_t> fill(offsets.begin(), offsets.end() - 1);
  for (const DependencyEdge& e : graph.edges()) {
    if (scc.of[e.from] != scc.of[e.to]) {
      sources[fill[scc.of[e.to]]++] = scc.of[e.from];
    }
  }
  std::vector<double> sums(scc.count, 0.0);
  std::vector<double> minimum(scc.count);
  for (int round = 0; round < k_rounds; ++round) {
    std::fill(minimum.begin(), minimum.end(), 1.0);
    for (Index a = 0; a < graph.app_count(); ++a) {
      const double rank =
          static_cast<double>(mix((static_cast<std::uint64_t>(round) << 32U) | a) >> 11U) *
          0x1.0p-53;
      minimum[scc.of[a]] = std::min(minimum[scc.of[a]], rank);
    }
    for (std::uint32_t c = scc.count; c-- > 0;) {
      for (std::uint32_t i = offsets[c]; i < offsets[c + 1]; ++i) {
        minimum[c] = std::min(minimum[c], minimum[sources[i]]);
      }
    }
    for (std::uint32_t c = 0; c < scc.count; ++c) {
      sums[c] += minimum[c];
    }
  }
  std::vector<double> estimate(graph.app_count());
  for (Index a = 0; a < graph.app_count(); ++a) {
    estimate[a] = (k_rounds - 1) / sums[scc.of[a]] - 1.0;  // the app itself is not a dependant
  }
  return estimate;
}

// Counts an app's transitive dependants, reusing its buffers between calls. The dependants are
// copied once into flat arrays (offsets, apps) so that a search reads them in order instead of
// through the edge list: at 200k apps the searches are bound by memory, not by work.
class DependantCounter {
 public:
  explicit DependantCounter(const DependencyGraph& graph)
      : m_offsets(graph.app_count() + 1, 0), m_seen(graph.app_count(), 0) {
    m_queue.reserve(graph.app_count());
    for (Index a = 0; a < graph.app_count(); ++a) {
      m_offsets[a + 1] = m_offsets[a] + static_cast<std::uint32_t>(graph.dependants_of(a).size());
    }
    m_dependants.reserve(m_offsets.back());
    for (Index a = 0; a < graph.app_count(); ++a) {
      for (std::uint32_t i : graph.dependants_of(a)) {
        m_dependants.push_back(graph.edges()[i].from);
      }
    }
  }
  std::uint32_t count(Index app) {
    ++m_epoch;
    m_queue.clear();
    m_queue.push_back(app);
    m_seen[app] = m_epoch;
    for (std::size_t head = 0; head < m_queue.size(); ++head) {
      const Index at = m_queue[head];
      for (std::uint32_t i = m_offsets[at]; i < m_offsets[at + 1]; ++i) {
        const Index from = m_dependants[i];
        if (m_seen[from] != m_epoch) {
          m_seen[from] = m_epoch;
          m_queue.push_back(from);
        }
      }
    }
    return static_cast<std::uint32_t>(m_queue.size() - 1);
  }

 private:
  std::vector<std::uint32_t> m_offsets;
  std::vector<Index> m_dependants;
  std::vector<std::uint32_t> m_seen;
  std::vector<Index> m_queue;
  std::uint32_t m_epoch = 0;
};

}  // namespace

namespace {
constexpr double k_exact_budget = 5e7;

double exact_cost(const DependencyGraph& graph, std::size_t apps) {
  return static_cast<double>(apps) * static_cast<double>(graph.app_count() + graph.edges().size());
}
}  // namespace

std::vector<double> dependant_counts(const DependencyGraph& graph) {
  if (exact_cost(graph, graph.app_count()) > k_exact_budget) {
    std::vector<double> estimate = estimate_dependants(graph);
    for (Index a = 0; a < graph.app_count(); ++a) {
      // The estimate is noisy: never below the direct count, and 0 for no dependants at all.
      estimate[a] =
          std::max(std::round(estimate[a]), static_cast<double>(graph.dependants_of(a).size()));
    }
    return estimate;
  }
  std::vector<double> counts(graph.app_count(), 0.0);
  DependantCounter counter(graph);
  for (Index a = 0; a < graph.app_count(); ++a) {
    counts[a] = graph.dependants_of(a).empty() ? 0.0 : counter.count(a);
  }
  return counts;
}

std::vector<SharedService> shared_services(const DependencyGraph& graph, std::size_t top) {
  const std::size_t n = graph.app_count();
  std::vector<Index> candidates;
  for (Index a = 0; a < n; ++a) {
    if (!graph.dependants_of(a).empty()) {
      candidates.push_back(a);
    }
  }
  // Exact counts for everyone when that is cheap; otherwise for the best candidates by estimate.
  if (exact_cost(graph, candidates.size()) > k_exact_budget) {
    const std::vector<double> estimate = estimate_dependants(graph);
    const std::size_t keep = std::min(candidates.size(), std::max<std::size_t>(3 * top, 30));
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep),
                      candidates.end(), [&](Index a, Index b) {
                        return std::pair(-estimate[a], a) < std::pair(-estimate[b], b);
                      });
    candidates.resize(keep);
  }
  std::vector<SharedService> out;
  out.reserve(candidates.size());
  DependantCounter counter(graph);
  for (Index a : candidates) {
    out.push_back({a, static_cast<std::uint32_t>(graph.dependants_of(a).size()), counter.count(a)});
  }
  std::sort(out.begin(), out.end(), [](const SharedService& a, const SharedService& b) {
    return std::tuple(-static_cast<std::int64_t>(a.transitive),
                      -static_cast<std::int64_t>(a.direct),
                      a.app) < std::tuple(-static_cast<std::int64_t>(b.transitive),
                                          -static_cast<std::int64_t>(b.direct), b.app);
  });
  if (out.size() > top) {
    out.resize(top);
  }
  return out;
}

}  // namespace dcexit
