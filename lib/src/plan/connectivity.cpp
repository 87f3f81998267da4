// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// The interim connectivity of a plan: which dependencies cross between on premises and the cloud,
// in which direction, and for how long.
#include "plan/schedule_model.hpp"

#include <dcexit/plan.hpp>

namespace dcexit {

std::string_view to_string(SplitDirection direction) {
  return direction == SplitDirection::cloud_to_on_premises ? "cloud-to-on-premises"
                                                           : "on-premises-to-cloud";
}

namespace {

// Where an app is as the waves pass: it leaves at the end of wave `wave` (0: it never leaves);
// `cloud` says whether it runs there afterwards (a retired app never does).
struct Side {
  std::uint32_t wave = 0;
  bool cloud = false;
};

Side side_of(const Assessment& as, const WavePlan& plan, Index app) {
  const Strategy s = as.apps[app].strategy;
  return {plan.wave_of[app], s != Strategy::retain && s != Strategy::retire};
}

// Whether `service` keeps its on-premises servers on for `caller` until the caller leaves
// (contract invariant 12): it serves its dependants (last-dependant), or the apps on its sites
// (site-exit). A retained caller never leaves, so the servers go before it: the caller's test.
bool served_on_site(const Inventory& inv, Index caller, Index service) {
  const auto& until = inv.applications[service].serves_until;
  if (!until) {
    return false;
  }
  if (*until == ServesUntil::last_dependant) {
    return true;
  }
  for (Index s : inv.applications[caller].servers) {
    for (Index t : inv.applications[service].servers) {
      if (inv.servers[s].site == inv.servers[t].site) {
        return true;
      }
    }
  }
  return false;
}

// The split between caller `a` and provider `b`, if they are ever on different sides.
std::optional<Split> split_between(const Inventory& inv, const Assessment& as, const WavePlan& plan,
                                   Index a, const Dependency& d) {
  const Side caller = side_of(as, plan, a);
  const Side provider = side_of(as, plan, d.app);
  const Calendar waves{inv.estate.start, inv.policy.wave.length_days, {}, 0};
  Split split;
  split.app = a;
  split.depends_on = d.app;
  split.coupling = d.coupling;
  split.limit = split_limit(inv, d);
  if (caller.cloud && provider.cloud) {  // both cut over: split between the two waves, if apart
    if (caller.wave == provider.wave) {
      return std::nullopt;
    }
    split.opens_after = std::min(caller.wave, provider.wave);
    split.closes_with = std::max(caller.wave, provider.wave);
    split.direction = caller.wave < provider.wave ? SplitDirection::cloud_to_on_premises
                                                  : SplitDirection::on_premises_to_cloud;
  } else if (caller.cloud ||
             provider.cloud) {  // one cuts over; the other stays, or is retired later
    const Side& moving = caller.cloud ? caller : provider;
    const Side& other = caller.cloud ? provider : caller;
    if (other.wave != 0 && other.wave <= moving.wave) {
      return std::nullopt;  // switched off before (or as) the other cut over: never split
    }
    split.opens_after = moving.wave;
    if (other.wave != 0) {
      split.closes_with = other.wave;
    }
    split.direction =
        caller.cloud ? SplitDirection::cloud_to_on_premises : SplitDirection::on_premises_to_cloud;
  } else {
    return std::nullopt;  // neither ever runs in the cloud
  }
  split.from = waves.wave_end(split.opens_after).plus_days(1);
  if (split.closes_with) {
    split.to = waves.wave_end(*split.closes_with);
    split.days = (static_cast<std::int64_t>(*split.closes_with) - split.opens_after) * waves.length;
  }
  split.served_on_premises = split.direction == SplitDirection::on_premises_to_cloud &&
                             split.closes_with && provider.cloud && served_on_site(inv, a, d.app);
  return split;
}

}  // namespace

std::vector<Split> plan_connectivity(const Inventory& inventory, const Assessment& assessment,
                                     const WavePlan& plan) {
  std::vector<Split> out;
  for (Index a = 0; a < inventory.applications.size(); ++a) {
    for (const Dependency& d : inventory.applications[a].depends_on) {  // sorted by target
      if (auto split = split_between(inventory, assessment, plan, a, d)) {
        out.push_back(*split);
      }
    }
  }
  return out;
}

}  // namespace dcexit
