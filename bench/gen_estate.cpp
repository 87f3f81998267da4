// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Writes a synthetic, valid estate of N applications, deterministically from a seed.
// Shapes: mixed (default), chain, hub, cycle, shared, programme, flow. See docs/performance.md.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

// splitmix64: the same stream on every platform and compiler, unlike <random>'s distributions.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31U);
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
  bool chance(unsigned percent) { return below(100) < percent; }

 private:
  std::uint64_t m_state;
};

struct Options {
  std::size_t apps = 1000;
  std::size_t servers_per_app = 3;
  std::string shape = "mixed";
  std::uint64_t seed = 1;
  std::string deadline = "2027-12-31";
  // Shape "programme": mixed, with a programme's time (docs/planning.md): lead times, hypercare,
  // a link, max_critical, pilot routes, and every fourth server non-production, rehearsed first.
  [[nodiscard]] bool programme() const { return shape == "programme"; }
  // Shape "flow": one server per app, two dependencies on earlier apps each, max_apps and
  // max_servers 50 (so thousands of waves at 100k apps), every record on one line in flow style.
  [[nodiscard]] bool flow() const { return shape == "flow"; }
};

constexpr const char* k_criticalities[] = {"low", "medium", "high", "critical"};
constexpr const char* k_os[] = {
    "{family: windows, name: Windows Server, version: 2008 R2, end_of_support: 2020-01-14}",
    "{family: windows, name: Windows Server, version: \"2016\"}",
    "{family: linux, name: Red Hat Enterprise Linux, version: \"7\", end_of_support: 2024-06-30}",
    "{family: linux, name: Ubuntu, version: \"20.04\"}",
    "{family: solaris, name: Solaris SPARC, version: \"10\"}",
    "{family: netware, name: Novell NetWare, version: \"6.5\"}"};
constexpr const char* k_departments[] = {"Finance", "People", "Community", "ICT", "Resources"};

void write_header(std::FILE* out, const Options& o, std::size_t sites) {
  fmt::print(out,
             "# Synthetic estate: {} apps, shape {}, seed {} (bench/gen_estate.cpp)\n"
             "schema: dcexit/v1\n"
             "estate:\n  name: Synthetic {} estate of {} applications\n"
             "  start: 2025-01-06\n  deadline: {}\n"
             "policy:\n  wave: {{length_days: 14, max_apps: {}, max_servers: {}, "
             "max_effort_days: {}{}}}\n  hold_days: 30\n{}"
             "  freezes:\n    - {{name: Year end, from: 2025-03-20, to: 2025-04-10, "
             "tags: [finance]}}\nsites:\n",
             o.apps, o.shape, o.seed, o.shape, o.apps, o.deadline,
             o.flow() ? 50 : std::max<std::size_t>(10, o.apps / 40),
             o.flow() ? 50 : std::max<std::size_t>(30, o.apps * o.servers_per_app / 40),
             std::max<std::size_t>(200, o.apps * 6),
             o.programme()
                 ? fmt::format(", max_critical: {}", std::max<std::size_t>(3, o.apps / 160))
                 : std::string(),
             o.programme() ? fmt::format("  lead_days: {{repurchase: 90, refactor: 120}}\n"
                                         "  hypercare_days: 14\n"
                                         "  network: {{bandwidth_mbps: {}, utilisation: 0.5}}\n"
                                         "  pilot: {{max_criticality: medium, strategies: [rehost, "
                                         "replatform]}}\n  non_production_first: true\n",
                                         std::max<std::size_t>(100, o.apps * 2))
                           : std::string());
  for (std::size_t s = 0; s < sites; ++s) {
    fmt::print(out, "  - {{id: site-{:03}, name: Data centre {}, annual_cost: {}, pue: 1.{}}}\n", s,
               s, 100000 + 5000 * s, 5 + s % 4);
  }
}

void write_servers(std::FILE* out, const Options& o, std::size_t count, std::size_t sites,
                   Rng& rng) {
  fmt::print(out, "servers:\n");
  for (std::size_t i = 0; i < count; ++i) {
    const bool physical = rng.chance(15);
    fmt::print(out,
               "  - {{id: srv-{:07}, site: site-{:03}, rack: R{:02}, {}kind: {}, os: {}, "
               "cpu_cores: {}, memory_gb: {}, storage_gb: {}, utilisation: {{cpu: 0.{:02}}}, "
               "power_watts: {}}}\n",
               i, (i / 1000) % sites, rng.below(40),
               o.programme() && i % 4 == 3 ? "environment: non-production, " : "",
               physical ? "physical" : "virtual", k_os[rng.below(std::size(k_os))],
               2U << rng.below(4U), 8U << rng.below(5U), 50 * (1 + rng.below(80)), rng.below(100),
               physical ? 400 + rng.below(400) : 0);
  }
}

// The apps that `app` depends on, by shape; only earlier apps except in cycles.
std::vector<std::size_t> dependencies(const Options& o, std::size_t app, Rng& rng) {
  std::vector<std::size_t> deps;
  const std::string_view shape = o.shape;
  if (shape == "chain") {
    if (app % 50 != 0) {
      deps.push_back(app - 1);
    }
  } else if (shape == "hub") {
    const std::size_t hubs = std::max<std::size_t>(1, o.apps / 100);
    if (app >= hubs) {
      for (int k = 0; k < 3; ++k) {
        deps.push_back(rng.below(hubs));
      }
    }
  } else if (shape == "cycle") {
    const std::size_t group = app / 10 * 10;
    deps.push_back(group + (app - group + 1) % 10 < o.apps ? group + (app - group + 1) % 10
                                                           : group);
  }
  if (shape != "chain" && app > 0) {
    const std::size_t extra = shape == "mixed" || shape == "shared" || shape == "programme" ? 4 : 1;
    for (std::size_t k = 0; k < extra; ++k) {
      const std::size_t window = std::min<std::size_t>(app, 2000);
      deps.push_back(app - 1 - rng.below(window));
    }
  }
  std::sort(deps.begin(), deps.end());
  deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
  std::erase(deps, app);
  return deps;
}

// Shape "flow": an app per line, `{id, name, servers, decision, depends_on}`, each app on two
// apps drawn from all earlier ones (so chains are long and waves many).
void write_flow_applications(std::FILE* out, const Options& o, Rng& rng) {
  fmt::print(out, "applications:\n");
  for (std::size_t a = 0; a < o.apps; ++a) {
    fmt::print(out,
               "  - {{id: app-{:07}, name: Application {}, servers: [srv-{:07}], "
               "decision: {{strategy: rehost}}",
               a, a, a);
    if (a > 1) {
      std::size_t first = rng.below(a);
      std::size_t second = rng.below(a);
      if (first > second) {
        std::swap(first, second);
      }
      if (first == second) {
        fmt::print(out, ", depends_on: [app-{:07}]", first);
      } else {
        fmt::print(out, ", depends_on: [app-{:07}, app-{:07}]", first, second);
      }
    }
    fmt::print(out, "}}\n");
  }
}

void write_applications(std::FILE* out, const Options& o, Rng& rng) {
  if (o.flow()) {
    write_flow_applications(out, o, rng);
    return;
  }
  fmt::print(out, "applications:\n");
  const bool shared = o.shape == "shared";
  for (std::size_t a = 0; a < o.apps; ++a) {
    fmt::print(out,
               "  - id: app-{:07}\n    name: Application {}\n    department: {}\n"
               "    criticality: {}\n    users: {}\n",
               a, a, k_departments[rng.below(std::size(k_departments))],
               k_criticalities[rng.below(4)], rng.below(5000));
    if (rng.chance(10)) {
      fmt::print(out, "    usage_trend: {}\n", rng.chance(50) ? "unused" : "declining");
    }
    if (rng.chance(20)) {
      fmt::print(out, "    saas_alternative: {{product: SaaS {}, fit: {}}}\n", a,
                 rng.chance(50) ? "high" : "medium");
    }
    if (rng.chance(20)) {
      fmt::print(out, "    tags: [finance]\n");
    }
    // Each app owns servers_per_app servers; "shared" also puts it on a neighbour's first one.
    fmt::print(out, "    servers: [");
    for (std::size_t k = 0; k < o.servers_per_app; ++k) {
      fmt::print(out, "{}srv-{:07}", k ? ", " : "", a * o.servers_per_app + k);
    }
    if (shared && a % 3 == 1) {
      fmt::print(out, ", srv-{:07}", (a - 1) * o.servers_per_app);
    }
    fmt::print(out, "]\n");
    const auto deps = dependencies(o, a, rng);
    if (!deps.empty()) {
      fmt::print(out, "    depends_on:\n");
      for (std::size_t d : deps) {
        const unsigned roll = static_cast<unsigned>(rng.below(100));
        // Hard couplings join near neighbours (tightly coupled apps are few and close); a
        // hard edge spanning a long prerequisite chain would merge the whole chain.
        const bool ring = o.shape == "cycle" && d / 10 == a / 10;  // keep the rings prerequisite
        if (roll < 3 && !ring && a > d && a - d <= 5) {
          fmt::print(out, "      - {{app: app-{:07}, coupling: hard}}\n", d);
        } else if (roll < 20 && !ring) {
          fmt::print(out, "      - {{app: app-{:07}, coupling: soft}}\n", d);
        } else {
          fmt::print(out, "      - app-{:07}\n", d);
        }
      }
    }
  }
}

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--apps") {
      o.apps = std::strtoull(value, nullptr, 10);
    } else if (flag == "--servers-per-app") {
      o.servers_per_app = std::strtoull(value, nullptr, 10);
    } else if (flag == "--shape") {
      o.shape = value;
    } else if (flag == "--seed") {
      o.seed = std::strtoull(value, nullptr, 10);
    } else if (flag == "--deadline") {
      o.deadline = value;
    } else {
      return false;
    }
  }
  constexpr std::string_view k_shapes[] = {"mixed",  "chain",     "hub", "cycle",
                                           "shared", "programme", "flow"};
  return argc % 2 == 1 && o.apps > 0 && o.servers_per_app > 0 &&
         std::find(std::begin(k_shapes), std::end(k_shapes), std::string_view(o.shape)) !=
             std::end(k_shapes);
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse(argc, argv, options)) {
    std::fprintf(stderr,
                 "usage: %s [--apps N] [--servers-per-app K] "
                 "[--shape mixed|chain|hub|cycle|shared|programme|flow] [--seed S] [--deadline "
                 "YYYY-MM-DD] > estate.yaml\n",
                 argv[0]);
    return 2;
  }
  if (options.flow()) {
    options.servers_per_app = 1;
  }
  Rng rng(options.seed);
  const std::size_t servers = options.apps * options.servers_per_app;
  const std::size_t sites = std::max<std::size_t>(1, servers / 1000 / 10);
  write_header(stdout, options, sites);
  write_servers(stdout, options, servers, sites, rng);
  write_applications(stdout, options, rng);
  return 0;
}
