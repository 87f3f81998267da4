// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include <dcexit/graph.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace dcexit {

std::vector<std::string> reason_names(std::uint8_t reasons) {
  std::vector<std::string> names;
  if ((reasons & k_reason_cycle) != 0) {
    names.emplace_back("cycle");
  }
  if ((reasons & k_reason_hard) != 0) {
    names.emplace_back("hard");
  }
  if ((reasons & k_reason_shared_server) != 0) {
    names.emplace_back("shared-server");
  }
  if ((reasons & k_reason_split_limit) != 0) {
    names.emplace_back("split-limit");
  }
  return names;
}

std::vector<std::string> move_group_ids(const MoveGroups& groups) {
  std::size_t count = 0;
  for (const MoveGroup& group : groups.groups) {
    if (group.apps.size() > 1) {
      ++count;
    }
  }
  // Wide enough that the ids sort as strings in number order: mg-001, or mg-0001 past 999.
  std::size_t width = 3;
  for (std::size_t limit = 1000; count >= limit; limit *= 10) {
    ++width;
  }
  std::vector<std::string> ids(groups.groups.size());
  std::size_t number = 0;
  for (std::size_t g = 0; g < groups.groups.size(); ++g) {
    if (groups.groups[g].apps.size() > 1) {
      ids[g] = fmt::format("mg-{:0{}}", ++number, width);
    }
  }
  return ids;
}

namespace {

// Union-find with the reasons for each union kept at the root.
class Unions {
 public:
  explicit Unions(std::size_t n) : m_parent(n), m_reasons(n, 0) {
    std::iota(m_parent.begin(), m_parent.end(), 0U);
  }
  std::uint32_t find(std::uint32_t v) {
    while (m_parent[v] != v) {
      m_parent[v] = m_parent[m_parent[v]];
      v = m_parent[v];
    }
    return v;
  }
  void join(std::uint32_t a, std::uint32_t b, std::uint8_t reason) {
    a = find(a);
    b = find(b);
    if (a != b) {
      m_parent[std::max(a, b)] = std::min(a, b);
    }
    m_reasons[std::min(a, b)] |= static_cast<std::uint8_t>(m_reasons[std::max(a, b)] | reason);
  }
  std::uint8_t reasons(std::uint32_t v) { return m_reasons[find(v)]; }

 private:
  std::vector<std::uint32_t> m_parent;
  std::vector<std::uint8_t> m_reasons;
};

struct Constraint {
  Index earlier;  // wave(earlier) <= wave(later)
  Index later;
};

// Equalities from hard couplings and moving shared servers; orderings from prerequisites and
// retirements (contract invariants 2, 3 and 4).
// An app goes no earlier than the app that replaces it (when neither is retained).
void replacement_order(const Inventory& inventory, std::span<const Strategy> strategies,
                       std::vector<Constraint>& order) {
  for (Index a = 0; a < inventory.applications.size(); ++a) {
    const auto& by = inventory.applications[a].replaced_by;
    if (by && strategies[a] != Strategy::retain && strategies[*by] != Strategy::retain) {
      order.push_back({*by, a});
    }
  }
}

// A retired service kept until its site exits goes no earlier than any other app that leaves
// a site it has a server on (contract invariant 12).
void site_exit_order(const Inventory& inventory, const DependencyGraph& graph,
                     std::span<const Strategy> strategies, std::vector<Constraint>& order) {
  std::vector<std::vector<Index>> site_apps;  // filled for the sites a service needs
  const auto apps_at = [&](Index site) -> const std::vector<Index>& {
    if (site_apps.empty()) {
      site_apps.resize(inventory.sites.size());
      std::vector<std::vector<Index>> all(inventory.sites.size());
      for (Index s = 0; s < graph.server_count(); ++s) {
        for (Index a : graph.apps_on_server(s)) {
          all[inventory.servers[s].site].push_back(a);
        }
      }
      for (auto& apps : all) {
        std::sort(apps.begin(), apps.end());
        apps.erase(std::unique(apps.begin(), apps.end()), apps.end());
      }
      site_apps = std::move(all);
    }
    return site_apps[site];
  };
  for (Index service = 0; service < inventory.applications.size(); ++service) {
    const Application& app = inventory.applications[service];
    if (app.serves_until != ServesUntil::site_exit || strategies[service] != Strategy::retire) {
      continue;
    }
    std::vector<Index> sites;
    for (Index s : app.servers) {
      sites.push_back(inventory.servers[s].site);
    }
    std::sort(sites.begin(), sites.end());
    sites.erase(std::unique(sites.begin(), sites.end()), sites.end());
    for (Index site : sites) {
      for (Index a : apps_at(site)) {
        if (a != service && strategies[a] != Strategy::retain) {
          order.push_back({a, service});
        }
      }
    }
  }
}

std::vector<Constraint> constraints(const Inventory& inventory, const DependencyGraph& graph,
                                    std::span<const Strategy> strategies, Unions& unions) {
  const auto retained = [&](Index a) { return strategies[a] == Strategy::retain; };
  const auto retired = [&](Index a) { return strategies[a] == Strategy::retire; };
  const bool ordered = inventory.policy.dependency_order == DependencyOrder::dependencies_first;
  std::vector<Constraint> order;
  for (const DependencyEdge& e : graph.edges()) {
    const Index a = e.from;  // a depends on b
    const Index b = e.to;
    if (retained(a) || retained(b)) {
      continue;
    }
    if (retired(b)) {
      order.push_back({a, b});  // b is switched off no earlier than a leaves
    } else if (!retired(a)) {
      if (e.coupling == Coupling::hard) {
        unions.join(a, b, k_reason_hard);
      } else if (e.coupling == Coupling::prerequisite && ordered) {
        order.push_back({b, a});
      }
    }
  }
  replacement_order(inventory, strategies, order);
  site_exit_order(inventory, graph, strategies, order);
  for (Index s = 0; s < graph.server_count(); ++s) {
    const auto apps = graph.apps_on_server(s);
    const bool moves = std::any_of(apps.begin(), apps.end(),
                                   [&](Index a) { return moves_servers(strategies[a]); });
    if (!moves) {
      continue;
    }
    std::optional<Index> first;
    for (Index a : apps) {
      if (!retained(a)) {
        if (first) {
          unions.join(*first, a, k_reason_shared_server);
        } else {
          first = a;
        }
      }
    }
  }
  return order;
}

std::vector<std::uint32_t> longest_chain(
    const std::vector<std::vector<std::uint32_t>>& not_before) {
  const std::size_t n = not_before.size();
  std::vector<std::vector<std::uint32_t>> after(n);
  std::vector<std::uint32_t> waiting(n, 0);
  for (std::uint32_t g = 0; g < n; ++g) {
    waiting[g] = static_cast<std::uint32_t>(not_before[g].size());
    for (std::uint32_t p : not_before[g]) {
      after[p].push_back(g);
    }
  }
  std::vector<std::uint32_t> length(n, 1);
  std::vector<std::uint32_t> previous(n, k_no_group);
  std::vector<std::uint32_t> ready;
  for (std::uint32_t g = 0; g < n; ++g) {
    if (waiting[g] == 0) {
      ready.push_back(g);
    }
  }
  std::uint32_t best = k_no_group;
  while (!ready.empty()) {
    const std::uint32_t g = ready.back();
    ready.pop_back();
    if (best == k_no_group || length[g] > length[best] || (length[g] == length[best] && g < best)) {
      best = g;
    }
    for (std::uint32_t next : after[g]) {
      if (length[g] + 1 > length[next] || (length[g] + 1 == length[next] && g < previous[next])) {
        length[next] = length[g] + 1;
        previous[next] = g;
      }
      if (--waiting[next] == 0) {
        ready.push_back(next);
      }
    }
  }
  std::vector<std::uint32_t> chain;
  for (std::uint32_t g = best; g != k_no_group; g = previous[g]) {
    chain.push_back(g);
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

}  // namespace

namespace {

// Apps joined by equalities (union-find roots), numbered: the parts the ordering is drawn between.
struct Parts {
  std::vector<std::uint32_t> of;  // app -> part, k_no_group for retained apps
  std::size_t count = 0;
};

Parts parts_of(Unions& unions, std::span<const Strategy> strategies) {
  Parts parts;
  parts.of.assign(strategies.size(), k_no_group);
  for (Index a = 0; a < strategies.size(); ++a) {
    if (strategies[a] == Strategy::retain) {
      continue;
    }
    const std::uint32_t root = unions.find(a);
    if (parts.of[root] == k_no_group) {
      parts.of[root] = static_cast<std::uint32_t>(parts.count++);
    }
    parts.of[a] = parts.of[root];
  }
  return parts;
}

// Groups numbered by their first app, which the ascending loop meets first: the strongly
// connected components of the ordering between parts.
MoveGroups number_groups(Unions& unions, const Parts& parts, const std::vector<Constraint>& order) {
  std::vector<DependencyEdge> part_edges;
  part_edges.reserve(order.size());
  for (const Constraint& c : order) {
    // Edge later -> earlier, "depends on", so cycles are cycles of the same constraints.
    part_edges.push_back({parts.of[c.later], parts.of[c.earlier], Coupling::prerequisite});
  }
  const DependencyGraph quotient(parts.count, std::move(part_edges));
  const Components scc = strong_components(quotient, EdgeSet::all);
  std::vector<std::uint32_t> scc_size(scc.count, 0);
  for (std::uint32_t p = 0; p < parts.count; ++p) {
    ++scc_size[scc.of[p]];
  }
  MoveGroups result;
  result.group_of.assign(parts.of.size(), k_no_group);
  std::vector<std::uint32_t> group_of_scc(scc.count, k_no_group);
  for (Index a = 0; a < parts.of.size(); ++a) {
    if (parts.of[a] == k_no_group) {
      continue;
    }
    const std::uint32_t c = scc.of[parts.of[a]];
    if (group_of_scc[c] == k_no_group) {
      group_of_scc[c] = static_cast<std::uint32_t>(result.groups.size());
      result.groups.emplace_back();
    }
    MoveGroup& group = result.groups[group_of_scc[c]];
    group.apps.push_back(a);
    group.reasons |= unions.reasons(a);
    if (scc_size[c] > 1) {
      group.reasons |= k_reason_cycle;
    }
    result.group_of[a] = group_of_scc[c];
  }
  return result;
}

// not_before of every group from the constraints between apps, sorted, without repeats.
void order_groups(MoveGroups& result, const std::vector<Constraint>& order) {
  result.not_before.resize(result.groups.size());
  for (const Constraint& c : order) {
    const std::uint32_t earlier = result.group_of[c.earlier];
    const std::uint32_t later = result.group_of[c.later];
    if (earlier != later) {
      result.not_before[later].push_back(earlier);
    }
  }
  for (auto& list : result.not_before) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
}

}  // namespace

MoveGroups build_move_groups(const Inventory& inventory, const DependencyGraph& graph,
                             std::span<const Strategy> strategies,
                             std::span<const std::pair<Index, Index>> joins) {
  Unions unions(graph.app_count());
  const std::vector<Constraint> order = constraints(inventory, graph, strategies, unions);
  for (const auto& [a, b] : joins) {
    unions.join(a, b, k_reason_split_limit);
  }
  // Quotient by the equalities, then merge the strongly connected parts of the ordering.
  const Parts parts = parts_of(unions, strategies);
  MoveGroups result = number_groups(unions, parts, order);
  order_groups(result, order);
  result.longest_chain = longest_chain(result.not_before);
  return result;
}

namespace {

// The parts of each group, one per key, as (first app, old group, key) sorted by first app.
struct SplitPart {
  Index first;
  std::uint32_t group;
  std::uint32_t key;
};

std::vector<SplitPart> split_parts(const MoveGroups& groups, std::span<const std::uint32_t> key) {
  std::vector<SplitPart> parts;
  for (std::uint32_t g = 0; g < groups.groups.size(); ++g) {
    std::vector<std::uint32_t> seen;
    for (Index a : groups.groups[g].apps) {  // sorted: each key's first app comes first
      if (std::find(seen.begin(), seen.end(), key[a]) == seen.end()) {
        seen.push_back(key[a]);
        parts.push_back({a, g, key[a]});
      }
    }
  }
  std::sort(parts.begin(), parts.end(),
            [](const SplitPart& x, const SplitPart& y) { return x.first < y.first; });
  return parts;
}

}  // namespace

MoveGroups split_move_groups(const MoveGroups& groups, std::span<const std::uint32_t> key) {
  const std::vector<SplitPart> parts = split_parts(groups, key);
  if (parts.size() == groups.groups.size()) {
    return groups;
  }
  MoveGroups out;
  out.group_of.assign(groups.group_of.size(), k_no_group);
  out.groups.resize(parts.size());
  std::vector<std::vector<std::uint32_t>> parts_of(groups.groups.size());
  for (std::uint32_t p = 0; p < parts.size(); ++p) {
    parts_of[parts[p].group].push_back(p);
    const MoveGroup& old = groups.groups[parts[p].group];
    for (Index a : old.apps) {
      if (key[a] == parts[p].key) {
        out.groups[p].apps.push_back(a);
        out.group_of[a] = p;
      }
    }
    out.groups[p].reasons = out.groups[p].apps.size() > 1 ? old.reasons : 0;
  }
  out.not_before.resize(parts.size());
  for (std::uint32_t p = 0; p < parts.size(); ++p) {
    for (std::uint32_t before : groups.not_before[parts[p].group]) {
      auto& list = out.not_before[p];
      list.insert(list.end(), parts_of[before].begin(), parts_of[before].end());
    }
    std::sort(out.not_before[p].begin(), out.not_before[p].end());
  }
  out.longest_chain = longest_chain(out.not_before);
  return out;
}

}  // namespace dcexit
