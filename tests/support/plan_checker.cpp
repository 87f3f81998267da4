// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "plan_checker.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace dcexit::test {

namespace {

using nlohmann::json;

std::optional<Date> date_of(const json& value) {
  if (value.is_null()) {
    return std::nullopt;
  }
  return Date::parse(value.get<std::string>());
}

bool selects(const Inventory& inv, const Freeze& f, const Application& app, Index a) {
  if (f.tags.empty() && f.departments.empty() && f.apps.empty()) {
    return true;
  }
  for (const auto& t : f.tags) {
    if (std::find(app.tags.begin(), app.tags.end(), t) != app.tags.end()) {
      return true;
    }
  }
  if (std::find(f.departments.begin(), f.departments.end(), app.department) !=
      f.departments.end()) {
    return true;
  }
  (void)inv;
  return std::find(f.apps.begin(), f.apps.end(), a) != f.apps.end();
}

// 11. The splits a plan must list, worked out from the waves alone, and their limits.
template <class Fail>
// `fixed`: apps whose wave history or a lock sets (invariant 15): a split with one of them is
// as long as they leave it, warned about rather than broken.
void check_connectivity(const Inventory& inv, const json& plan,
                        std::map<std::string, std::string>& strategy,
                        std::map<std::string, std::optional<int>>& wave,
                        const std::function<bool(const std::string&)>& fixed, Fail fail) {
  const auto length = static_cast<std::int32_t>(inv.policy.wave.length_days);
  const Date start = inv.estate.start;
  const auto wave_end = [&](int k) { return start.plus_days(k * length - 1).to_string(); };
  std::vector<json> expected;
  for (const Application& a : inv.applications) {
    for (const Dependency& d : a.depends_on) {
      const std::string& b = inv.applications[d.app].id;
      const auto cloud = [&](const std::string& id) {
        return strategy[id] != "retain" && strategy[id] != "retire";
      };
      const int wa = wave[a.id].value_or(0);
      const int wb = wave[b].value_or(0);
      json split = {
          {"app", a.id}, {"depends_on", b}, {"coupling", std::string(to_string(d.coupling))}};
      std::optional<int> opens;
      std::optional<int> closes;
      bool caller_in_cloud = false;
      if (strategy[a.id] == "retain" || strategy[b] == "retain") {
        const std::string& other = strategy[a.id] == "retain" ? b : a.id;
        if (strategy[other] == "retain" || !cloud(other)) {
          continue;
        }
        opens = wave[other].value_or(0);
        caller_in_cloud = other == a.id;
      } else if (cloud(a.id) && cloud(b)) {
        if (wa == wb) {
          continue;
        }
        opens = std::min(wa, wb);
        closes = std::max(wa, wb);
        caller_in_cloud = wa < wb;
      } else if (cloud(a.id) != cloud(b)) {
        const int moving = cloud(a.id) ? wa : wb;
        const int gone = cloud(a.id) ? wb : wa;  // the retired one
        if (gone <= moving) {
          continue;
        }
        opens = moving;
        closes = gone;
        caller_in_cloud = cloud(a.id);
      } else {
        continue;
      }
      split["from"] = start.plus_days(*opens * length).to_string();
      split["to"] = closes ? json(wave_end(*closes)) : json(nullptr);
      split["days"] = closes ? json((*closes - *opens) * length) : json(nullptr);
      split["direction"] = caller_in_cloud ? "cloud-to-on-premises" : "on-premises-to-cloud";
      expected.push_back(split);
    }
  }
  std::sort(expected.begin(), expected.end(), [](const json& x, const json& y) {
    return std::tie(x["app"].get_ref<const std::string&>(),
                    x["depends_on"].get_ref<const std::string&>()) <
           std::tie(y["app"].get_ref<const std::string&>(),
                    y["depends_on"].get_ref<const std::string&>());
  });
  const json& listed = plan["connectivity"];
  if (listed.size() != expected.size()) {
    fail("invariant 11: connectivity lists " + std::to_string(listed.size()) + " splits, not " +
         std::to_string(expected.size()));
  }
  for (std::size_t i = 0; i < std::min(listed.size(), expected.size()); ++i) {
    for (const char* key : {"app", "depends_on", "coupling", "from", "to", "days", "direction"}) {
      if (listed[i][key] != expected[i][key]) {
        fail("invariant 11: connectivity entry " + std::to_string(i) + " has " + key + " " +
             listed[i][key].dump() + ", not " + expected[i][key].dump());
      }
    }
  }
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const json& days = listed[i]["days"];
    if (!days.is_null()) {
      const Application& a =
          inv.applications[*inv.find_application(listed[i]["app"].get<std::string>())];
      for (const Dependency& d : a.depends_on) {
        if (inv.applications[d.app].id != listed[i]["depends_on"]) {
          continue;
        }
        std::optional<std::int64_t> limit = d.max_split_days;
        if (!limit && d.coupling == Coupling::prerequisite) {
          limit = inv.policy.max_split_days.prerequisite;
        } else if (!limit && d.coupling == Coupling::soft) {
          limit = inv.policy.max_split_days.soft;
        }
        if (limit && days.get<std::int64_t>() > *limit && !fixed(a.id) &&
            !fixed(inv.applications[d.app].id)) {
          fail("invariant 11: " + a.id + " and " + inv.applications[d.app].id + " are split for " +
               days.dump() + " days, more than " + std::to_string(*limit));
        }
      }
    }
  }
}

}  // namespace

std::vector<std::string> check_plan(const Inventory& inv, const json& plan) {
  std::vector<std::string> errors;
  const auto fail = [&](std::string text) { errors.push_back(std::move(text)); };
  std::map<std::string, std::string> strategy;
  std::map<std::string, std::optional<int>> wave;
  std::map<std::string, double> effort;
  std::map<std::string, std::optional<int>> rehearsal;
  for (const json& a : plan["applications"]) {
    const std::string id = a["id"];
    strategy[id] = a["strategy"];
    wave[id] = a["wave"].is_null() ? std::nullopt : std::optional<int>(a["wave"].get<int>());
    effort[id] = a["effort_days"];
    rehearsal[id] = a["rehearsal_wave"].is_null()
                        ? std::nullopt
                        : std::optional<int>(a["rehearsal_wave"].get<int>());
  }
  const auto retained = [&](const std::string& id) { return strategy[id] == "retain"; };
  const auto retired = [&](const std::string& id) { return strategy[id] == "retire"; };
  // A programme in flight (programme.md section 3): history and locks are where they are,
  // whatever limits, freezes or order say.
  const std::optional<Date> as_of = date_of(plan["summary"]["as_of"]);
  std::set<std::string> fixed;
  for (const Application& app : inv.applications) {
    if (app.progress && !retained(app.id) &&
        ((app.progress->status == ProgressStatus::done && app.progress->date) ||
         (app.progress->status != ProgressStatus::done &&
          app.progress->status != ProgressStatus::rolled_back && app.progress->wave))) {
      fixed.insert(app.id);
    }
  }
  const auto past = [&](const std::string& id) {
    const auto& p = inv.applications[*inv.find_application(id)].progress;
    return fixed.count(id) != 0 &&
           (p->status == ProgressStatus::done ||
            (as_of && inv.estate.start.plus_days(static_cast<std::int64_t>(*p->wave - 1) *
                                                 inv.policy.wave.length_days) < *as_of));
  };
  const auto history = [&](const json& w) { return as_of && *date_of(w["start"]) < *as_of; };

  // 1. Every non-retained app in exactly one wave, retained apps in none; waves and dates.
  std::map<std::string, int> seen;
  const Date start = inv.estate.start;
  const auto length = static_cast<std::int32_t>(inv.policy.wave.length_days);
  int number = 0;
  for (const json& w : plan["waves"]) {
    ++number;
    if (w["number"] != number) {
      fail("waves are not numbered 1, 2, ... in order");
    }
    if (*date_of(w["start"]) != start.plus_days((number - 1) * length) ||
        *date_of(w["end"]) != start.plus_days(number * length - 1)) {
      fail("wave " + std::to_string(number) + " has the wrong dates");
    }
    for (const json& app : w["apps"]) {
      const std::string id = app;
      ++seen[id];
      if (wave[id] != number) {
        fail("invariant 1: " + id + " is listed in wave " + std::to_string(number) +
             " but says otherwise");
      }
    }
  }
  if (plan["applications"].size() != inv.applications.size()) {
    fail("invariant 1: plan lists " + std::to_string(plan["applications"].size()) +
         " applications");
  }
  for (const Application& app : inv.applications) {
    const int count = seen[app.id];
    if (retained(app.id) ? (count != 0 || wave[app.id]) : count != 1) {
      fail("invariant 1: " + app.id + " (" + strategy[app.id] + ") is in " + std::to_string(count) +
           " waves");
    }
  }
  // 2 and 4. Dependencies.
  const bool ordered = inv.policy.dependency_order == DependencyOrder::dependencies_first;
  for (const Application& a : inv.applications) {
    for (const Dependency& d : a.depends_on) {
      const std::string& b = inv.applications[d.app].id;
      if (retained(a.id) || retained(b)) {
        continue;
      }
      const int wa = wave[a.id].value_or(0);
      const int wb = wave[b].value_or(0);
      if (past(a.id) || past(b)) {
        continue;  // as it happened
      }
      if (retired(b) && wb < wa) {
        fail("invariant 4: retired " + b + " (wave " + std::to_string(wb) + ") goes before " +
             a.id + " (wave " + std::to_string(wa) + ") that depends on it");
      }
      if (retired(a.id) || retired(b)) {
        continue;
      }
      if (d.coupling == Coupling::hard && wa != wb) {
        fail("invariant 2: " + a.id + " and " + b + " are hard-coupled but in waves " +
             std::to_string(wa) + " and " + std::to_string(wb));
      }
      if (d.coupling == Coupling::prerequisite && ordered && wb > wa) {
        fail("invariant 2: " + a.id + " (wave " + std::to_string(wa) +
             ") moves before its prerequisite " + b + " (wave " + std::to_string(wb) + ")");
      }
    }
  }
  // 3. Shared servers that move.
  std::vector<std::vector<std::string>> on_server(inv.servers.size());
  for (const Application& a : inv.applications) {
    for (Index s : a.servers) {
      on_server[s].push_back(a.id);
    }
  }
  for (Index s = 0; s < inv.servers.size(); ++s) {
    const auto& apps = on_server[s];
    const bool moves = std::any_of(apps.begin(), apps.end(), [&](const std::string& id) {
      return !retained(id) && (strategy[id] == "rehost" || strategy[id] == "relocate");
    });
    std::set<int> waves;
    bool split_by_history = false;  // a `history` warning says what the split breaks
    for (const std::string& id : apps) {
      if (!retained(id)) {
        waves.insert(wave[id].value_or(0));
        split_by_history = split_by_history || past(id);
      }
    }
    if (moves && waves.size() > 1 && !split_by_history) {
      fail("invariant 3: apps on moving server " + inv.servers[s].id + " are in " +
           std::to_string(waves.size()) + " waves");
    }
  }
  // 5. Capacity, with the usage recomputed from the apps and servers.
  const auto& limits = inv.policy.wave;
  for (const json& w : plan["waves"]) {
    double apps = static_cast<double>(w["apps"].size());
    double servers = static_cast<double>(w["servers_moved"].size());
    double work = 0;
    for (const json& app : w["apps"]) {
      work += effort[app.get<std::string>()];
    }
    double storage = 0;
    for (const json& server : w["servers_moved"]) {
      storage += inv.servers[*inv.find_server(server.get<std::string>())].storage_gb.value_or(0.0);
    }
    const std::string n = std::to_string(w["number"].get<int>());
    if (std::abs(work - w["effort_days"].get<double>()) > 0.051 * std::max(1.0, apps) ||
        std::abs(storage - w["storage_gb"].get<double>()) > 0.01) {
      fail("wave " + n + " totals do not add up");
    }
    const std::optional<std::string> oversized =
        w["oversized"].is_null() ? std::nullopt : std::optional<std::string>(w["oversized"]);
    const bool as_it_happened = history(w);
    const auto over = [&](const char* name, double used, std::optional<double> limit) {
      if (limit && used > *limit + 1e-6 && oversized != name && !oversized && !as_it_happened) {
        fail("invariant 5: wave " + n + " breaks " + name);
      }
    };
    over("max_apps", apps,
         limits.max_apps ? std::optional<double>(static_cast<double>(*limits.max_apps))
                         : std::nullopt);
    over("max_servers", servers,
         limits.max_servers ? std::optional<double>(static_cast<double>(*limits.max_servers))
                            : std::nullopt);
    over("max_effort_days", work, limits.max_effort_days);
    over("max_storage_gb", storage, limits.max_storage_gb);
    // 13. Critical cut-overs and data over the link (programme.md section 2).
    double critical = 0;
    double transfer = storage;  // the moving servers' storage crosses the link
    for (const json& id : w["apps"]) {
      const Application& app = inv.applications[*inv.find_application(id.get<std::string>())];
      critical += app.criticality == Criticality::critical ? 1 : 0;
      const std::string& how = strategy[app.id];
      if ((how == "replatform" || how == "refactor" || how == "repurchase") && !app.serves_until) {
        transfer += app.data_size_gb.value_or(0.0);
      }
    }
    over("max_critical", critical,
         limits.max_critical ? std::optional<double>(static_cast<double>(*limits.max_critical))
                             : std::nullopt);
    if (const auto& link = inv.policy.network) {
      const double carried = link->bandwidth_mbps * link->utilisation *
                             static_cast<double>(limits.length_days) * 86400.0 / 8.0 / 1000.0;
      over("max_transfer_gb", transfer, carried);
      if (std::abs(w["transfer_gb"].get<double>() - transfer) > 0.051) {
        fail("wave " + n + " transfer_gb does not add up");
      }
    }
    if (oversized && !as_it_happened) {
      // An oversized wave holds one move group: one app, or exactly one listed group; its
      // cut-over or its rehearsal (14).
      std::set<std::string> in_wave(w["apps"].begin(), w["apps"].end());
      const bool rehearsing = w["apps"].empty();
      if (rehearsing) {
        in_wave.insert(w["rehearsals"].begin(), w["rehearsals"].end());
      }
      bool one_group = in_wave.size() == 1;
      for (const json& g : plan["move_groups"]) {
        std::set<std::string> group(g["apps"].begin(), g["apps"].end());
        // A rehearsal holds the group's apps that have non-production servers.
        one_group = one_group || group == in_wave ||
                    (rehearsing &&
                     std::includes(group.begin(), group.end(), in_wave.begin(), in_wave.end()));
      }
      if (!one_group) {
        fail("invariant 5: oversized wave " + n + " holds more than one move group");
      }
    }
  }
  // 6 and 7. Freezes and the pilot.
  std::optional<Criticality> pilot = inv.policy.pilot_max_criticality;
  const bool pilot_apps = pilot && std::any_of(inv.applications.begin(), inv.applications.end(),
                                               [&](const Application& a) {
                                                 return !retained(a.id) && a.criticality <= *pilot;
                                               });
  for (Index a = 0; a < inv.applications.size(); ++a) {
    const Application& app = inv.applications[a];
    if (!wave[app.id]) {
      continue;
    }
    const int k = *wave[app.id];
    const Date from = start.plus_days((k - 1) * length);
    const Date to = start.plus_days(k * length - 1);
    // 15. Done apps in the wave of their date, locked apps in their wave, the rest from the
    // as-of date on.
    if (const auto& p = app.progress; p && fixed.count(app.id) != 0) {
      const int expected = p->status == ProgressStatus::done
                               ? static_cast<int>((p->date->days - start.days) / length) + 1
                               : static_cast<int>(*p->wave);
      if (k != expected) {
        fail("invariant 15: " + app.id + " (" + std::string(to_string(p->status)) +
             ") is in wave " + std::to_string(k) + ", not " + std::to_string(expected));
      }
      continue;  // history and locks: freezes, lead times and the pilot as they were
    }
    if (as_of && from < *as_of) {
      fail("invariant 15: " + app.id + " is planned in wave " + std::to_string(k) +
           ", which starts before the as-of date " + as_of->to_string());
    }
    for (const Freeze& f : inv.policy.freezes) {
      if (selects(inv, f, app, a) && f.from <= to && from <= f.to) {
        fail("invariant 6: " + app.id + " is in wave " + std::to_string(k) + " during freeze '" +
             f.name + "'");
      } else if (selects(inv, f, app, a) && f.from.plus_days(-inv.policy.hypercare_days) <= to &&
                 from <= f.to) {
        fail("invariant 13: " + app.id + " is in wave " + std::to_string(k) +
             " during the hypercare before freeze '" + f.name + "'");
      }
    }
    // 13. Lead times: the app's own, else its strategy's.
    std::int64_t lead = 0;
    for (const Strategy s : k_strategies) {
      if (to_string(s) == strategy[app.id]) {
        lead = inv.policy.lead_days[static_cast<std::size_t>(s)].value_or(0);
      }
    }
    lead = app.lead_days.value_or(lead);
    if (from < start.plus_days(lead)) {
      fail("invariant 13: " + app.id + " cuts over in wave " + std::to_string(k) +
           " before its lead time of " + std::to_string(lead) + " days");
    }
    // 14. Non-production first: a rehearsal before the cut-over for an app with both kinds.
    bool production = false;
    bool non_production = false;
    for (Index s : app.servers) {
      (inv.servers[s].environment == Environment::production ? production : non_production) = true;
    }
    const bool rehearses = inv.policy.non_production_first && production && non_production;
    if (rehearses != rehearsal[app.id].has_value() || (rehearses && *rehearsal[app.id] >= k)) {
      fail("invariant 14: " + app.id + " (wave " + std::to_string(k) + ") has rehearsal_wave " +
           (rehearsal[app.id] ? std::to_string(*rehearsal[app.id]) : "null"));
    }
    if (k == 1 && pilot_apps && app.criticality > *pilot) {
      fail("invariant 7: " + app.id + " is in the pilot wave");
    }
  }
  // Pilot routes: wave 1 proves each listed strategy, or a warning says why it cannot.
  for (Strategy route : inv.policy.pilot_strategies) {
    const std::string name(to_string(route));
    bool proved = false;
    for (const json& a : plan["applications"]) {
      proved = proved || (a["strategy"] == name && a["wave"] == 1);
    }
    bool said = false;
    for (const json& w : plan["summary"]["warnings"]) {
      const std::string text = w;
      said = said || text.find("does not prove the " + name + " route") != std::string::npos;
    }
    if (!proved && !said) {
      fail("pilot: wave 1 holds no " + name + " app and no warning says why");
    }
  }
  // 12. The apps a service serves: the non-retained apps that depend on it (last-dependant), or
  // that have a server on one of `sites` (site-exit).
  const auto served_by = [&](const Application& service, const std::set<Index>& sites) {
    std::set<std::string> out;
    for (const Application& a : inv.applications) {
      if (retained(a.id) || a.id == service.id) {
        continue;
      }
      bool serves = false;
      if (*service.serves_until == ServesUntil::last_dependant) {
        for (const Dependency& d : a.depends_on) {
          serves = serves || inv.applications[d.app].id == service.id;
        }
      } else {
        for (Index s : a.servers) {
          serves = serves || sites.count(inv.servers[s].site) > 0;
        }
      }
      if (serves) {
        out.insert(a.id);
      }
    }
    return out;
  };
  for (const Application& app : inv.applications) {
    if (past(app.id)) {
      continue;  // as it happened
    }
    if (app.serves_until && retired(app.id)) {
      std::set<Index> sites;
      for (Index s : app.servers) {
        sites.insert(inv.servers[s].site);
      }
      for (const std::string& served : served_by(app, sites)) {
        if (wave[served].value_or(0) > wave[app.id].value_or(0) && !past(served)) {
          fail("invariant 12: retired service " + app.id + " (wave " +
               std::to_string(wave[app.id].value_or(0)) + ") goes before " + served + " (wave " +
               std::to_string(wave[served].value_or(0)) + ") that it serves");
        }
      }
    }
    if (app.replaced_by) {
      const std::string& by = inv.applications[*app.replaced_by].id;
      if (!retained(app.id) && !retained(by) && !past(by) &&
          wave[app.id].value_or(0) < wave[by].value_or(0)) {
        fail("invariant 12: " + app.id + " (wave " + std::to_string(wave[app.id].value_or(0)) +
             ") goes before " + by + " (wave " + std::to_string(wave[by].value_or(0)) +
             ") that replaces it");
      }
    }
  }
  // A split with history or a lock on one side is as long as they leave it (a `history` warning).
  check_connectivity(
      inv, plan, strategy, wave, [&](const std::string& id) { return fixed.count(id) != 0; }, fail);
  // 8 and 9. Decommission.
  std::map<std::string, Date> decommissioned;
  for (const json& s : plan["decommission"]["servers"]) {
    decommissioned[s["id"]] = *date_of(s["date"]);
  }
  std::map<std::string, std::set<std::string>> blockers;
  for (const json& site : plan["decommission"]["sites"]) {
    for (const json& b : site["blockers"]) {
      blockers[site["id"]].insert(b["server"].get<std::string>());
    }
  }
  std::map<std::string, std::optional<Date>> latest;
  for (Index s = 0; s < inv.servers.size(); ++s) {
    const Server& server = inv.servers[s];
    const std::string& site = inv.sites[server.site].id;
    const auto& apps = on_server[s];
    const bool keeps = apps.empty() || std::any_of(apps.begin(), apps.end(), retained);
    if (keeps) {
      if (decommissioned.count(server.id) || !blockers[site].count(server.id)) {
        fail("invariant 8: " + server.id + " must stay as a blocker of " + site);
      }
      continue;
    }
    int last = 0;
    for (const std::string& id : apps) {
      // 14. A rehearsal moved this non-production server; a service keeps it as below.
      const bool rehearsed = rehearsal[id] &&
                             !inv.applications[*inv.find_application(id)].serves_until &&
                             server.environment == Environment::non_production;
      last = std::max(last, rehearsed ? *rehearsal[id] : wave[id].value_or(0));
    }
    // 12. A service keeps this server on until the apps it serves here have left.
    for (const std::string& id : apps) {
      const Application& service = inv.applications[*inv.find_application(id)];
      if (service.serves_until) {
        for (const std::string& served : served_by(service, {server.site})) {
          last = std::max(last, wave[served].value_or(0));
        }
      }
    }
    const Date expected =
        start.plus_days(last * length - 1 + static_cast<std::int32_t>(inv.policy.hold_days));
    if (!decommissioned.count(server.id) || decommissioned[server.id] != expected) {
      fail("invariant 8: " + server.id + " should be decommissioned on " + expected.to_string());
    }
    latest[site] = std::max(latest[site].value_or(expected), expected);
  }
  for (const json& site : plan["decommission"]["sites"]) {
    const std::string id = site["id"];
    const auto exit = date_of(site["exit_date"]);
    if (!blockers[id].empty() ? exit.has_value() : exit != latest[id]) {
      fail("invariant 9: site " + id + " has the wrong exit date");
    }
  }
  return errors;
}

std::vector<std::string> check_baseline(const json& plan, const json& baseline, const json& fresh) {
  std::vector<std::string> errors;
  std::map<std::string, json> before;
  for (const json& a : baseline["applications"]) {
    before[a["id"].get<std::string>()] = a["wave"];
  }
  json changes = json::array();
  for (const json& a : plan["applications"]) {
    const auto it = before.find(a["id"].get<std::string>());
    if (it != before.end() && it->second != a["wave"]) {
      changes.push_back({{"app", a["id"]}, {"from_wave", it->second}, {"to_wave", a["wave"]}});
    }
  }
  if (plan["summary"]["churn"] != changes.size()) {
    errors.push_back("invariant 16: churn is " + plan["summary"]["churn"].dump() + ", but " +
                     std::to_string(changes.size()) + " apps changed wave");
  }
  if (plan["changes"] != changes) {
    errors.push_back("invariant 16: changes are " + plan["changes"].dump() + ", not " +
                     changes.dump());
  }
  const auto exit = [](const json& p) {
    return p["summary"]["exit_date"].is_null() ? std::string("9999")
                                               : p["summary"]["exit_date"].get<std::string>();
  };
  if (exit(plan) > exit(fresh)) {
    errors.push_back("invariant 16: the exit " + exit(plan) + " is later than a fresh plan's " +
                     exit(fresh));
  }
  return errors;
}

}  // namespace dcexit::test
