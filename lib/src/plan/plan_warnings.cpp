// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "plan/plan_warnings.hpp"

#include "base/text.hpp"
#include "plan/schedule_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <set>

namespace dcexit {

namespace {

Diagnostic warning(const Inventory& inv, const Location& at, Code code, std::string message) {
  return Diagnostic::make(Severity::warning, inv.where(at), code, std::move(message));
}

// A server shared by a retained app and one that rehosts or relocates stays behind: a conflict.
void server_conflicts(const Inventory& inv, const Plan& plan, std::vector<Diagnostic>& out) {
  for (Index s = 0; s < inv.servers.size(); ++s) {
    std::optional<Index> kept;
    std::optional<Index> mover;
    for (Index a : plan.graph.apps_on_server(s)) {
      const Strategy strategy = plan.assessment.apps[a].strategy;
      if (strategy == Strategy::retain && !kept) {
        kept = a;
      } else if (moves_servers(strategy) && !mover) {
        mover = a;
      }
    }
    if (kept && mover) {
      out.push_back(warning(
          inv, inv.applications[*kept].location, Code::retained_shared_server,
          fmt::format("server {} is shared by retained {} and {}, which is to {}: the server "
                      "stays behind and blocks site {}",
                      inv.servers[s].id, inv.applications[*kept].id, inv.applications[*mover].id,
                      to_string(plan.assessment.apps[*mover].strategy),
                      inv.sites[inv.servers[s].site].id)));
    }
  }
}

// How an app cuts over: its servers move, it is rebuilt, or a SaaS product takes over.
std::optional<std::string_view> cutover_kind(Strategy s) {
  switch (s) {
    case Strategy::rehost:
    case Strategy::relocate:
      return "a lift-and-shift";
    case Strategy::replatform:
    case Strategy::refactor:
      return "a rebuild";
    case Strategy::repurchase:
      return "a switch to SaaS";
    default:
      return std::nullopt;
  }
}

// A retained app hard-coupled to one that does not stay: the coupling can never be kept (the
// move groups leave the retained app out, so its cycle or group plans without it).
Diagnostic retained_coupling(const Inventory& inv, const Plan& plan, Index a, const Dependency& d) {
  const Strategy sa = plan.assessment.apps[a].strategy;
  const Strategy sb = plan.assessment.apps[d.app].strategy;
  const Index mover = sa == Strategy::retain ? d.app : a;
  const std::string fate =
      plan.assessment.apps[mover].strategy == Strategy::retire
          ? std::string("is switched off without it")
          : fmt::format(
                "leaves in its move group {} without it, split from it across the "
                "hybrid link for good",
                plan.group_ids[plan.groups.group_of[mover]]);
  return warning(
      inv, d.location, Code::mixed_cutover,
      fmt::format("'{}' ({}) is hard-coupled to '{}' ({}), but a retained app never cuts over: "
                  "'{}' {}; retain both, move both, or loosen the coupling",
                  inv.applications[a].id, to_string(sa), inv.applications[d.app].id, to_string(sb),
                  inv.applications[mover].id, fate));
}

// Hard-coupled apps cut over at once; a lift-and-shift, a rebuild and a SaaS switch cannot, and
// a retained app does not cut over at all.
void mixed_cutovers(const Inventory& inv, const Plan& plan, std::vector<Diagnostic>& out) {
  for (Index a = 0; a < inv.applications.size(); ++a) {
    for (const Dependency& d : inv.applications[a].depends_on) {
      const Strategy sa = plan.assessment.apps[a].strategy;
      const Strategy sb = plan.assessment.apps[d.app].strategy;
      if (d.coupling == Coupling::hard && (sa == Strategy::retain) != (sb == Strategy::retain)) {
        out.push_back(retained_coupling(inv, plan, a, d));
        continue;
      }
      const auto ka = cutover_kind(sa);
      const auto kb = cutover_kind(sb);
      if (d.coupling != Coupling::hard || !ka || !kb || *ka == *kb) {
        continue;
      }
      const std::uint32_t g = plan.groups.group_of[a];
      out.push_back(warning(
          inv, d.location, Code::mixed_cutover,
          fmt::format(
              "'{}' ({}) is hard-coupled to '{}' ({}) in move group {}: {} and {} cannot share one "
              "cut-over; align their strategies or loosen the coupling",
              inv.applications[a].id, to_string(sa), inv.applications[d.app].id, to_string(sb),
              plan.group_ids[g], *ka, *kb)));
    }
  }
}

// An app many others use, switched off on premises while some of them still run there.
void services_gone_early(const Inventory& inv, const Plan& plan, std::vector<Diagnostic>& out) {
  std::vector<std::optional<Date>> off(inv.servers.size());
  for (const ServerDecommission& s : plan.decommission.servers) {
    off[s.server] = s.date;
  }
  const auto hold = inv.policy.hold_days;
  for (Index b = 0; b < inv.applications.size(); ++b) {
    const Application& app = inv.applications[b];
    const Strategy strategy = plan.assessment.apps[b].strategy;
    if (app.serves_until || strategy == Strategy::retain || strategy == Strategy::retire) {
      continue;
    }
    std::optional<Date> first_off;
    for (Index s : app.servers) {
      if (off[s] && !moves_in_rehearsal(inv, plan.waves, b, s) &&
          (!first_off || *off[s] < *first_off)) {
        first_off = off[s];
      }
    }
    std::size_t users = 0;
    std::size_t left_behind = 0;
    std::optional<Index> last;
    for (std::uint32_t e : plan.graph.dependants_of(b)) {
      const Index a = plan.graph.edges()[e].from;
      if (plan.assessment.apps[a].strategy == Strategy::retain) {
        continue;
      }
      ++users;
      const Date left = plan.waves.waves[plan.waves.wave_of[a] - 1].end;
      if (first_off && left.plus_days(hold) > *first_off) {
        ++left_behind;
        if (!last || plan.waves.wave_of[a] > plan.waves.wave_of[*last]) {
          last = a;
        }
      }
    }
    if (users < k_many_dependants || left_behind == 0) {
      continue;
    }
    out.push_back(warning(
        inv, app.location, Code::service_gone_early,
        fmt::format("'{}' is switched off on premises on {}, while {} of the {} apps that depend "
                    "on it still "
                    "run there, the last ('{}') until the end of wave {}; give it 'serves_until: "
                    "last-dependant' to keep its servers until they have left",
                    app.id, first_off->to_string(), left_behind, users, inv.applications[*last].id,
                    plan.waves.wave_of[*last])));
  }
}

constexpr std::int64_t k_long_split_days = 365;

// Splits longer than a year, and limits a permanent split cannot keep.
void long_splits(const Inventory& inv, const Plan& plan, std::vector<Diagnostic>& out) {
  for (const Split& split : plan.connectivity) {
    const auto& deps = inv.applications[split.app].depends_on;
    const auto dep = std::find_if(deps.begin(), deps.end(),
                                  [&](const Dependency& d) { return d.app == split.depends_on; });
    const std::string& a = inv.applications[split.app].id;
    const std::string& b = inv.applications[split.depends_on].id;
    if (split.days && *split.days > k_long_split_days) {
      out.push_back(
          warning(inv, dep->location, Code::long_split,
                  fmt::format("'{}' depends on '{}' across the hybrid link for {} days ({} to {}), "
                              "more than a year; bring their waves closer with 'max_split_days'",
                              a, b, *split.days, split.from.to_string(), split.to->to_string())));
    } else if (!split.days && split.limit) {
      const bool caller_stays = plan.assessment.apps[split.app].strategy == Strategy::retain;
      out.push_back(warning(
          inv, dep->location, Code::permanent_split,
          fmt::format(
              "'{}' {} '{}'{}: the split from {} is permanent and its 'max_split_days' of {} "
              "cannot be kept; retain both, or neither",
              a, caller_stays ? "is retained and depends on" : "depends on", b,
              caller_stays ? ", which moves" : ", which is retained", split.from.to_string(),
              *split.limit)));
    }
  }
}

// serves_until on an app the assessment (not a decision) retains: its servers stay anyway.
void ignored_services(const Inventory& inv, const Plan& plan, std::vector<Diagnostic>& out) {
  for (Index a = 0; a < inv.applications.size(); ++a) {
    const AppAssessment& as = plan.assessment.apps[a];
    if (inv.applications[a].serves_until && as.strategy == Strategy::retain && !as.from_decision) {
      out.push_back(warning(
          inv, inv.applications[a].location, Code::ignored_key,
          fmt::format("'serves_until' has no effect on application '{}', which the assessment "
                      "retains: its servers stay anyway",
                      inv.applications[a].id)));
    }
  }
}

// Why `a` itself cannot be in wave 1, in the order the contract names the reasons (criticality,
// freezes, lead time), then its rehearsal; nullopt when nothing of its own holds it back.
std::optional<std::string> kept_from_pilot(const Inventory& inv, const Plan& plan, Index a) {
  const Application& app = inv.applications[a];
  const auto& most = inv.policy.pilot_max_criticality;
  if (most && app.criticality > *most) {
    return fmt::format("is above the pilot's max_criticality ({})", to_string(*most));
  }
  const Wave& first = plan.waves.waves.front();
  for (const Freeze& f : inv.policy.freezes) {
    if (f.from.plus_days(-inv.policy.hypercare_days) <= first.end && first.start <= f.to &&
        freeze_selects(inv, f, a)) {
      return fmt::format("is held by freeze '{}'{}", f.name,
                         inv.policy.hypercare_days > 0 && first.end < f.from
                             ? fmt::format(" and its {} hypercare days", inv.policy.hypercare_days)
                             : std::string());
    }
  }
  if (const std::int64_t lead = lead_days(inv, plan.assessment, a); lead > 0) {
    return fmt::format("has a lead time of {} days", lead);
  }
  if (plan.waves.rehearsal_of[a] != 0) {
    return std::string("rehearses first (non_production_first)");
  }
  return std::nullopt;
}

// Why wave 1 holds no app of a route the pilot must prove: the first app of that strategy (by
// id) that comes closest, and what holds it back — itself, its move group, the groups it must
// follow, or wave 1's capacity.
std::string pilot_route_missing(const Inventory& inv, const Plan& plan, Strategy strategy) {
  std::optional<std::string> first_reason;
  for (Index a = 0; a < inv.applications.size(); ++a) {
    if (plan.assessment.apps[a].strategy != strategy) {
      continue;
    }
    const std::string& id = inv.applications[a].id;
    if (const auto own = kept_from_pilot(inv, plan, a)) {
      first_reason = first_reason.value_or(fmt::format("'{}' {}", id, *own));
      continue;
    }
    // Its move group and every group it must follow, breadth first.
    std::vector<std::uint32_t> queue = {plan.groups.group_of[a]};
    std::set<std::uint32_t> seen(queue.begin(), queue.end());
    for (std::size_t i = 0; i < queue.size(); ++i) {
      for (Index b : plan.groups.groups[queue[i]].apps) {
        if (const auto why = kept_from_pilot(inv, plan, b)) {
          return fmt::format("'{}' {} '{}', which {}", id,
                             i == 0 ? "shares its move group with" : "must follow",
                             inv.applications[b].id, *why);
        }
      }
      for (std::uint32_t before : plan.groups.not_before[queue[i]]) {
        if (seen.insert(before).second) {
          queue.push_back(before);
        }
      }
    }
    return fmt::format(
        "'{}' could be there, but it and the {} move groups it must follow do not "
        "fit in wave 1's capacity",
        id, queue.size() - 1);
  }
  return first_reason ? fmt::format("every {} app is held back (the first, {})",
                                    to_string(strategy), *first_reason)
                      : fmt::format("no application is planned to {}", to_string(strategy));
}

// A route pilot.strategies lists that wave 1 does not prove (contract programme.md section 2).
// With no wave at all (nothing moves), every route is unproved: no app is planned to it.
void pilot_routes(const Inventory& inv, const Plan& plan, std::vector<Diagnostic>& out) {
  const std::vector<Index> none;
  const auto& first = plan.waves.waves.empty() ? none : plan.waves.waves.front().apps;
  for (Strategy strategy : inv.policy.pilot_strategies) {
    if (std::any_of(first.begin(), first.end(),
                    [&](Index a) { return plan.assessment.apps[a].strategy == strategy; })) {
      continue;
    }
    out.push_back(
        warning(inv, inv.policy.pilot_location, Code::pilot_route,
                fmt::format("the pilot (wave 1) does not prove the {} route: {}",
                            to_string(strategy), pilot_route_missing(inv, plan, strategy))));
  }
}

// Apps the model placed on thin data: confidence below the profile's floor.
void low_confidences(const Inventory& inv, const Plan& plan, std::vector<Diagnostic>& out) {
  for (Index app = 0; app < inv.applications.size(); ++app) {
    const AppAssessment& a = plan.assessment.apps[app];
    if (!low_confidence(a, *plan.profile)) {
      continue;
    }
    std::vector<std::string> lacks;
    for (Evidence e : lacking_evidence(a)) {
      lacks.emplace_back(evidence_data(e));
    }
    std::string why;
    if (!lacks.empty()) {
      why = "it rests on data the inventory lacks: " + join(lacks, ", ");
    } else if (a.coverage < 0.5) {
      why = fmt::format(
          "only {:.0f}% of its signal weight is known ('dcexit assess --explain "
          "{}' lists the data)",
          a.coverage * 100.0, inv.applications[app].id);
    } else {
      why = a.runner_up ? fmt::format("{} is within {:.3f} of it", to_string(*a.runner_up), a.lead)
                        : "its signals are thin";
    }
    out.push_back(warning(
        inv, inv.applications[app].location, Code::low_confidence,
        fmt::format("application '{}': the model's {} has confidence {:.2f}, below the floor "
                    "{:.2f}; {}",
                    inv.applications[app].id, to_string(a.strategy), a.confidence,
                    plan.profile->confidence.floor, why)));
  }
}

}  // namespace

std::vector<Diagnostic> plan_warnings(const Inventory& inventory, const Plan& plan) {
  std::vector<Diagnostic> out;
  server_conflicts(inventory, plan, out);
  mixed_cutovers(inventory, plan, out);
  services_gone_early(inventory, plan, out);
  long_splits(inventory, plan, out);
  ignored_services(inventory, plan, out);
  pilot_routes(inventory, plan, out);
  low_confidences(inventory, plan, out);
  return out;
}

}  // namespace dcexit
