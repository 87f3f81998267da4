// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/input_file.hpp"
#include "base/node_reader.hpp"
#include "base/text.hpp"
#include "load/inventory_builder.hpp"
#include "load/inventory_fields.hpp"
#include "load/overrides.hpp"

#include <dcexit/diagnostic.hpp>
#include <dcexit/load.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>

namespace dcexit {

namespace {

using namespace std::string_view_literals;
using detail::MapEntry;
using detail::NodeReader;
using detail::Ref;

constexpr Index k_unresolved = std::numeric_limits<Index>::max();

// How many edit-distance comparisons "did you mean" may spend on one kind of reference.
constexpr std::size_t k_hint_budget = 2'000'000;

template <class T>
std::optional<Index> find_by_id(const std::vector<T>& items, std::string_view id) {
  const auto found =
      std::lower_bound(items.begin(), items.end(), id,
                       [](const T& item, std::string_view key) { return item.id < key; });
  if (found == items.end() || found->id != id) {
    return std::nullopt;
  }
  return static_cast<Index>(found - items.begin());
}

}  // namespace

std::optional<Index> Inventory::find_site(std::string_view id) const {
  return find_by_id(sites, id);
}
std::optional<Index> Inventory::find_server(std::string_view id) const {
  return find_by_id(servers, id);
}
std::optional<Index> Inventory::find_application(std::string_view id) const {
  return find_by_id(applications, id);
}

class InventoryBuilder::Impl final : public YamlDocumentHandler {
 public:
  Impl(std::string label, DiagnosticSink& sink, YamlLimits limits)
      : m_sink(sink), m_limits(limits) {
    m_inventory.label = std::move(label);
  }

  void set_overrides(const std::vector<std::string>& options) {
    m_overrides = detail::parse_overrides(options, m_sink);
  }
  void add_file(std::string name, std::string_view content);
  Inventory finish();
  const LoadWork& work() const { return m_work; }

  void on_entry(const YamlNode& key, YamlNode value) override;
  void on_item(const YamlNode& key, YamlNode item) override;
  void on_non_map_root(const YamlNode& root) override;

 private:
  std::string format_location(const Location& at) const {
    const SourceLocation w = where(at);
    return fmt::format("{}:{}:{}", w.file, w.line, w.column);
  }
  SourceLocation where(const Location& at) const { return m_inventory.where(at); }
  template <class T, class Entity>
  void sort_and_drop_duplicates(std::vector<T>& items, Entity entity, std::string_view kind);
  void read_list(std::string_view key, const YamlNode& item);
  bool first_time(std::optional<Location>& seen, const YamlNode& key, std::string_view what);

  void sort_entities();
  void resolve_servers();
  void resolve_applications();
  void resolve_freezes();
  void resolve_replacement(std::size_t i, std::span<const std::string_view> app_ids,
                           std::size_t& budget);
  void check_replacements();
  void check_usage();
  void resolve_progress();
  void check_progress();
  std::string hint(std::string_view id, std::span<const std::string_view> candidates,
                   std::size_t& budget) const;

  DiagnosticSink& m_sink;
  YamlLimits m_limits;
  Inventory m_inventory;
  std::optional<NodeReader> m_reader;
  bool m_has_schema = false;
  bool m_incomplete = false;  // some file could not be read to its end
  bool m_root_not_map = false;
  std::optional<Location> m_estate_at;
  std::optional<Location> m_policy_at;
  std::vector<detail::RawServer> m_servers;
  std::vector<detail::RawApplication> m_apps;
  std::vector<detail::RawFreeze> m_freezes;
  std::vector<detail::RawProgress> m_progress;  // the top-level list
  std::vector<detail::Override> m_overrides;    // --set options
  mutable LoadWork m_work;
};

void InventoryBuilder::Impl::add_file(std::string name, std::string_view content) {
  const auto file_index = static_cast<std::uint32_t>(m_inventory.files.size());
  m_inventory.files.push_back(std::move(name));
  const std::string& file = m_inventory.files.back();
  m_reader.emplace(file, file_index, m_sink);
  m_has_schema = false;
  m_root_not_map = false;
  YamlWork yaml;
  const YamlReadResult result = stream_yaml(file, content, *this, m_sink, m_limits, &yaml);
  m_work.yaml_events += yaml.events;
  m_work.alias_nodes += yaml.alias_nodes;
  if (result == YamlReadResult::empty) {
    m_sink.error(
        {file, 1, 1}, Code::empty_file,
        fmt::format("file is empty; an inventory file starts with 'schema: {}'", k_schema_version));
    m_incomplete = true;
    return;
  }
  if (result == YamlReadResult::failed || m_root_not_map) {
    m_incomplete = true;
    return;
  }
  if (!m_has_schema) {
    m_sink.error({file, 1, 1}, Code::missing_schema,
                 fmt::format("file has no 'schema: {}' line", k_schema_version));
  }
}

void InventoryBuilder::Impl::on_non_map_root(const YamlNode& root) {
  m_root_not_map = true;
  m_reader->error(root.mark, Code::wrong_type,
                  fmt::format("an inventory file must be a mapping with 'schema', 'estate', "
                              "'sites', 'servers' and 'applications'; got {}",
                              root.kind_name()));
}

bool InventoryBuilder::Impl::first_time(std::optional<Location>& seen, const YamlNode& key,
                                        std::string_view what) {
  if (seen) {
    m_reader->error(key.mark, what == "estate" ? Code::duplicate_estate : Code::duplicate_policy,
                    fmt::format("'{}' is given again; it was first given at {}; give it in one "
                                "file only",
                                what, format_location(*seen)));
    return false;
  }
  seen = m_reader->location(key.mark);
  return true;
}

void InventoryBuilder::Impl::on_entry(const YamlNode& key, YamlNode value) {
  const std::string_view name = key.resolved().text;
  NodeReader& reader = *m_reader;
  if (!m_overrides.empty()) {
    detail::apply_overrides(m_overrides, name, value, false, m_sink);
    if (value.kind == YamlNode::Kind::sequence) {
      for (YamlNode& item : value.children) {
        detail::apply_overrides(m_overrides, name, item, true, m_sink);
      }
    }
  }
  const MapEntry entry{name, &key, &value};
  if (name == "schema") {
    m_has_schema = true;
    const auto text = reader.string(entry);
    if (!text) {
      reader.error(key.mark, Code::missing_schema, "'schema' has no value");
    } else if (*text != k_schema_version) {
      reader.error(value.mark, Code::unknown_schema,
                   fmt::format("unknown schema '{}'; this dcexit reads '{}'", abbreviate(*text),
                               k_schema_version));
    }
  } else if (name == "estate") {
    if (first_time(m_estate_at, key, "estate")) {
      detail::read_estate(reader, value, m_inventory.estate);
    }
  } else if (name == "policy") {
    if (first_time(m_policy_at, key, "policy")) {
      detail::read_policy(reader, value, m_inventory.policy, m_freezes);
    }
  } else if (name == "sites" || name == "servers" || name == "applications" || name == "progress") {
    const YamlNode& list = value.resolved();
    if (list.kind == YamlNode::Kind::sequence) {
      for (const YamlNode& item : list.children) {  // an anchored list arrives whole
        read_list(name, item);
      }
    } else if (!value.is_null()) {
      reader.error(value.mark, Code::wrong_type,
                   fmt::format("'{}' must be a list, got {}", name, value.kind_name()));
    }
  } else {
    reader.unknown_key(entry, inventory_keys(Section::root).keys, "the top level");
  }
}

void InventoryBuilder::Impl::on_item(const YamlNode& key, YamlNode item) {
  if (!m_overrides.empty()) {
    detail::apply_overrides(m_overrides, key.resolved().text, item, true, m_sink);
  }
  read_list(key.resolved().text, item);
}

// Sorts by id; of several entities with one id, the first defined is kept (files are read in
// order, entries in file order, so the stable sort keeps it first) and the others reported.
template <class T, class Entity>
void InventoryBuilder::Impl::sort_and_drop_duplicates(std::vector<T>& items, Entity entity,
                                                      std::string_view kind) {
  std::stable_sort(items.begin(), items.end(),
                   [&](const T& a, const T& b) { return entity(a).id < entity(b).id; });
  const auto first_of_run = [&](const T& a, const T& b) { return entity(a).id == entity(b).id; };
  auto kept = items.begin();
  for (auto it = items.begin(); it != items.end(); ++it) {
    if (it != items.begin() && first_of_run(*kept, *it)) {
      const auto& duplicate = entity(*it);
      m_sink.error(where(duplicate.location), Code::duplicate_id,
                   fmt::format("duplicate {} id '{}' (first defined at {})", kind, duplicate.id,
                               format_location(entity(*kept).location)));
      continue;
    }
    if (it != items.begin()) {
      ++kept;
    }
    if (kept != it) {
      *kept = std::move(*it);
    }
  }
  items.erase(items.empty() ? items.end() : std::next(kept), items.end());
}

void InventoryBuilder::Impl::read_list(std::string_view key, const YamlNode& item) {
  NodeReader& reader = *m_reader;
  if (key == "sites") {
    if (auto site = detail::read_site(reader, item)) {
      m_inventory.sites.push_back(std::move(*site));
    }
  } else if (key == "servers") {
    if (auto server = detail::read_server(reader, item)) {
      m_servers.push_back(std::move(*server));
    }
  } else if (key == "applications") {
    if (auto app = detail::read_application(reader, item)) {
      m_apps.push_back(std::move(*app));
    }
  } else if (key == "progress") {
    if (auto progress = detail::read_progress_entry(reader, item)) {
      m_progress.push_back(std::move(*progress));
    }
  }
}

std::string InventoryBuilder::Impl::hint(std::string_view id,
                                         std::span<const std::string_view> candidates,
                                         std::size_t& budget) const {
  if (budget < candidates.size()) {
    return {};
  }
  budget -= candidates.size();
  m_work.hint_comparisons += candidates.size();
  return did_you_mean(id, candidates);
}

namespace {
template <class T>
std::vector<std::string_view> ids_of(const std::vector<T>& items) {
  std::vector<std::string_view> ids;
  ids.reserve(items.size());
  for (const T& item : items) {
    ids.emplace_back(item.id);
  }
  return ids;
}

}  // namespace

void InventoryBuilder::Impl::sort_entities() {
  sort_and_drop_duplicates(
      m_inventory.sites, [](const Site& s) -> const Site& { return s; }, "site");
  sort_and_drop_duplicates(
      m_servers, [](const detail::RawServer& s) -> const Server& { return s.server; }, "server");
  sort_and_drop_duplicates(
      m_apps, [](const detail::RawApplication& a) -> const Application& { return a.app; },
      "application");
  // The entities move into the inventory; their unresolved references stay behind in the raws.
  m_inventory.servers.reserve(m_servers.size());
  m_inventory.applications.reserve(m_apps.size());
  for (auto& raw : m_servers) {
    m_inventory.servers.push_back(std::move(raw.server));
  }
  for (auto& raw : m_apps) {
    m_inventory.applications.push_back(std::move(raw.app));
  }
}

void InventoryBuilder::Impl::resolve_servers() {
  const auto candidates = ids_of(m_inventory.sites);
  std::size_t budget = k_hint_budget;
  for (std::size_t i = 0; i < m_servers.size(); ++i) {
    Server& server = m_inventory.servers[i];
    server.site = k_unresolved;
    const auto& ref = m_servers[i].site;
    if (!ref) {
      continue;
    }
    if (const auto site = m_inventory.find_site(ref->id)) {
      server.site = *site;
    } else if (!m_incomplete) {
      m_sink.error(where(ref->location), Code::unknown_reference,
                   fmt::format("server '{}' is in unknown site '{}'{}", server.id, ref->id,
                               hint(ref->id, candidates, budget)));
    }
  }
}

void InventoryBuilder::Impl::resolve_applications() {
  const auto server_ids = ids_of(m_inventory.servers);
  const auto app_ids = ids_of(m_inventory.applications);
  std::size_t server_budget = k_hint_budget;
  std::size_t app_budget = k_hint_budget;
  for (std::size_t i = 0; i < m_apps.size(); ++i) {
    Application& app = m_inventory.applications[i];
    for (const Ref& ref : m_apps[i].servers) {
      const auto server = m_inventory.find_server(ref.id);
      if (!server) {
        if (!m_incomplete) {
          m_sink.error(where(ref.location), Code::unknown_reference,
                       fmt::format("application '{}' runs on unknown server '{}'{}", app.id, ref.id,
                                   hint(ref.id, server_ids, server_budget)));
        }
      } else if (std::find(app.servers.begin(), app.servers.end(), *server) != app.servers.end()) {
        m_sink.warning(
            where(ref.location), Code::duplicate_reference,
            fmt::format("server '{}' is listed twice for application '{}'", ref.id, app.id));
      } else {
        app.servers.push_back(*server);
      }
    }
    std::sort(app.servers.begin(), app.servers.end());
    for (const detail::RawDependency& raw : m_apps[i].depends_on) {
      const auto target = m_inventory.find_application(raw.app.id);
      if (!target) {
        if (!m_incomplete) {
          m_sink.error(where(raw.app.location), Code::unknown_reference,
                       fmt::format("application '{}' depends on unknown application '{}'{}", app.id,
                                   raw.app.id, hint(raw.app.id, app_ids, app_budget)));
        }
      } else if (*target == i) {
        m_sink.error(where(raw.app.location), Code::self_dependency,
                     fmt::format("application '{}' depends on itself", app.id));
      } else if (std::any_of(app.depends_on.begin(), app.depends_on.end(),
                             [&](const Dependency& d) { return d.app == *target; })) {
        m_sink.warning(where(raw.app.location), Code::duplicate_reference,
                       fmt::format("application '{}' lists dependency '{}' twice; the first one "
                                   "counts",
                                   app.id, raw.app.id));
      } else {
        if (raw.max_split_days && raw.coupling == Coupling::hard) {
          m_sink.warning(where(raw.app.location), Code::ignored_key,
                         fmt::format("'max_split_days' has no effect on the hard coupling of '{}' "
                                     "to '{}': hard-coupled apps share a wave",
                                     app.id, raw.app.id));
        }
        app.depends_on.push_back({*target, raw.coupling, raw.max_split_days, raw.app.location});
      }
    }
    resolve_replacement(i, app_ids, app_budget);
    std::sort(app.depends_on.begin(), app.depends_on.end(),
              [](const Dependency& a, const Dependency& b) { return a.app < b.app; });
    std::sort(app.tags.begin(), app.tags.end());
    app.tags.erase(std::unique(app.tags.begin(), app.tags.end()), app.tags.end());
  }
}

void InventoryBuilder::Impl::resolve_replacement(std::size_t i,
                                                 std::span<const std::string_view> app_ids,
                                                 std::size_t& budget) {
  Application& app = m_inventory.applications[i];
  const auto& ref = m_apps[i].replaced_by;
  if (!ref) {
    return;
  }
  const auto target = m_inventory.find_application(ref->id);
  if (!target) {
    if (!m_incomplete) {
      m_sink.error(where(ref->location), Code::unknown_reference,
                   fmt::format("application '{}' is replaced by unknown application '{}'{}", app.id,
                               ref->id, hint(ref->id, app_ids, budget)));
    }
  } else if (*target == i) {
    m_sink.error(where(ref->location), Code::self_dependency,
                 fmt::format("application '{}' is replaced by itself", app.id));
  } else {
    app.replaced_by = *target;
  }
}

// A chain of replaced_by that comes back to where it started names nothing that takes over.
void InventoryBuilder::Impl::check_replacements() {
  const auto& apps = m_inventory.applications;
  std::vector<std::uint8_t> state(apps.size(), 0);  // 0 unseen, 1 on the current chain, 2 done
  for (Index start = 0; start < apps.size(); ++start) {
    std::vector<Index> chain;
    Index a = start;
    while (state[a] == 0) {
      state[a] = 1;
      chain.push_back(a);
      if (!apps[a].replaced_by) {
        break;
      }
      a = *apps[a].replaced_by;
    }
    if (state[a] == 1 && apps[a].replaced_by) {  // came back onto this chain: a cycle through a
      std::string path = apps[a].id;
      for (Index b = *apps[a].replaced_by; b != a; b = *apps[b].replaced_by) {
        path += " -> " + apps[b].id;
      }
      m_sink.error(where(m_apps[a].replaced_by->location), Code::replacement_cycle,
                   fmt::format("replacement cycle: {} -> {}; one of them must be replaced by "
                               "something outside it",
                               path, apps[a].id));
    }
    for (Index c : chain) {
      state[c] = 2;
    }
  }
  for (Index i = 0; i < apps.size(); ++i) {
    const Application& app = apps[i];
    if (app.serves_until && app.decision && app.decision->strategy == Strategy::retain) {
      m_sink.warning(
          where(m_apps[i].serves_until_at.value_or(app.location)), Code::ignored_key,
          fmt::format("'serves_until' has no effect on application '{}', which is retained: its "
                      "servers stay anyway",
                      app.id));
    }
  }
}

void InventoryBuilder::Impl::resolve_freezes() {
  const auto app_ids = ids_of(m_inventory.applications);
  std::size_t budget = k_hint_budget;
  for (detail::RawFreeze& raw : m_freezes) {
    for (const Ref& ref : raw.apps) {
      if (const auto app = m_inventory.find_application(ref.id)) {
        raw.freeze.apps.push_back(*app);
      } else if (!m_incomplete) {
        m_sink.error(where(ref.location), Code::unknown_reference,
                     fmt::format("freeze '{}' names unknown application '{}'{}", raw.freeze.name,
                                 ref.id, hint(ref.id, app_ids, budget)));
      }
    }
    for (auto* list : {&raw.freeze.tags, &raw.freeze.departments}) {
      std::sort(list->begin(), list->end());
      list->erase(std::unique(list->begin(), list->end()), list->end());
    }
    std::sort(raw.freeze.apps.begin(), raw.freeze.apps.end());
    raw.freeze.apps.erase(std::unique(raw.freeze.apps.begin(), raw.freeze.apps.end()),
                          raw.freeze.apps.end());
    m_inventory.policy.freezes.push_back(std::move(raw.freeze));
  }
  // By what they are, not by where they were written: swapping two entries changes nothing.
  std::sort(m_inventory.policy.freezes.begin(), m_inventory.policy.freezes.end(),
            [](const Freeze& a, const Freeze& b) {
              return std::tie(a.from, a.to, a.name, a.tags, a.departments, a.apps) <
                     std::tie(b.from, b.to, b.name, b.tags, b.departments, b.apps);
            });
}

namespace {
bool moves_servers(Strategy s) {
  return s == Strategy::rehost || s == Strategy::relocate;
}
}  // namespace

void InventoryBuilder::Impl::check_usage() {
  const Inventory& inv = m_inventory;
  // Recovery objectives of the apps that matter most: DR is built as they land (docs/scoring.md,
  // "DR tiers"). A note, not a warning: the contract makes `dr` optional, so --strict must not
  // refuse a file without it.
  for (const Application& app : inv.applications) {
    if (app.criticality_given && app.criticality >= Criticality::high && !app.rto_hours &&
        !app.rpo_hours && !(app.decision && app.decision->strategy == Strategy::retire)) {
      m_sink.note(where(app.location), Code::missing_value,
                  fmt::format("{} application '{}' has no 'dr' (rto_hours, rpo_hours): its "
                              "recovery objectives decide its DR tier and what is built for "
                              "it as it lands",
                              to_string(app.criticality), app.id));
    }
  }
  std::vector<std::vector<Index>> users(inv.servers.size());
  for (Index a = 0; a < inv.applications.size(); ++a) {
    for (Index s : inv.applications[a].servers) {
      users[s].push_back(a);
    }
  }
  for (Index s = 0; s < inv.servers.size(); ++s) {
    const Server& server = inv.servers[s];
    if (users[s].empty()) {
      const std::string site = server.site == k_unresolved
                                   ? std::string("its site")
                                   : fmt::format("site '{}'", inv.sites[server.site].id);
      m_sink.warning(where(server.location), Code::unused_server,
                     fmt::format("server '{}' is used by no application; the plan keeps it "
                                 "running as a blocker of {}",
                                 server.id, site));
      continue;
    }
    // A retained app (by decision) on a server that another app's decision moves.
    for (Index a : users[s]) {
      const auto& decision = inv.applications[a].decision;
      if (!decision || decision->strategy != Strategy::retain) {
        continue;
      }
      for (Index b : users[s]) {
        const auto& other = inv.applications[b].decision;
        if (other && moves_servers(other->strategy)) {
          m_sink.warning(where(inv.applications[a].location), Code::retained_shared_server,
                         fmt::format("application '{}' is retained on server '{}', which "
                                     "application '{}' is to {}; the server stays behind and "
                                     "blocks its site",
                                     inv.applications[a].id, server.id, inv.applications[b].id,
                                     to_string(other->strategy)));
          break;
        }
      }
    }
  }
}

// The top-level `progress` list: each entry's app gets it, unless it has its own.
void InventoryBuilder::Impl::resolve_progress() {
  const auto app_ids = ids_of(m_inventory.applications);
  std::size_t budget = k_hint_budget;
  for (detail::RawProgress& raw : m_progress) {
    const auto app = m_inventory.find_application(raw.app.id);
    if (!app) {
      m_sink.error(where(raw.app.location), Code::unknown_reference,
                   fmt::format("progress names unknown application '{}'{}", raw.app.id,
                               hint(raw.app.id, app_ids, budget)));
      continue;
    }
    auto& progress = m_inventory.applications[*app].progress;
    if (progress) {
      m_sink.error(where(raw.progress.location), Code::duplicate_value,
                   fmt::format("the progress of application '{}' is given twice (first at {})",
                               raw.app.id, format_location(progress->location)));
      continue;
    }
    progress = raw.progress;
  }
  m_progress.clear();
}

// What progress says on its own (the as-of date aside: check_progress_as_of).
void InventoryBuilder::Impl::check_progress() {
  if (!m_estate_at) {
    return;
  }
  const Date start = m_inventory.estate.start;
  for (const Application& app : m_inventory.applications) {
    if (!app.progress) {
      continue;
    }
    const Progress& p = *app.progress;
    const auto at = where(p.location);
    const bool moving = p.status == ProgressStatus::done || p.status == ProgressStatus::in_progress;
    if (p.status == ProgressStatus::done && !p.date) {
      m_sink.error(at, Code::bad_progress,
                   fmt::format("application '{}' is done but its progress has no 'date': give the "
                               "day it cut over",
                               app.id));
    }
    if (p.status == ProgressStatus::in_progress && !p.wave) {
      m_sink.error(at, Code::bad_progress,
                   fmt::format("application '{}' is in progress but its progress has no 'wave': "
                               "give the wave it is locked into",
                               app.id));
    }
    if (moving && p.date && *p.date < start) {
      m_sink.error(at, Code::bad_progress,
                   fmt::format("application '{}' has progress dated {}, before the estate's start "
                               "{}: history is planned in waves from the start; move "
                               "'estate.start' back",
                               app.id, p.date->to_string(), start.to_string()));
    }
    if (p.status == ProgressStatus::done && p.wave) {
      m_sink.warning(at, Code::ignored_key,
                     fmt::format("the 'wave' of done application '{}' is not used: a done app sits "
                                 "in the wave that holds its date",
                                 app.id));
    }
    if (app.decision && app.decision->strategy == Strategy::retain &&
        p.status != ProgressStatus::planned) {
      m_sink.warning(at, Code::ignored_key,
                     fmt::format("application '{}' is retained: it never moves, and its progress "
                                 "'{}' is not used",
                                 app.id, to_string(p.status)));
    }
  }
}

Inventory InventoryBuilder::Impl::finish() {
  // What --set gives of a section no file has (policy, most often).
  if (m_reader && !m_incomplete) {
    for (std::string_view section : {"estate"sv, "policy"sv}) {
      const bool wanted = std::any_of(m_overrides.begin(), m_overrides.end(), [&](const auto& o) {
        return !o.applied && o.path.starts_with(std::string(section) + ".");
      });
      if (wanted && !(section == "estate" ? m_estate_at : m_policy_at)) {
        YamlNode key;
        key.kind = YamlNode::Kind::scalar;
        key.text = std::string(section);
        key.mark = Mark{1, 1, true};
        on_entry(key, detail::synthesised_section(section));
      }
    }
  }
  detail::report_unapplied(m_overrides, m_sink, [&](std::string_view list, std::string_view id) {
    std::vector<std::string_view> ids;
    if (list == "sites") {
      ids = ids_of(m_inventory.sites);
    } else if (list == "servers") {
      for (const auto& raw : m_servers) {
        ids.emplace_back(raw.server.id);
      }
    } else {
      for (const auto& raw : m_apps) {
        ids.emplace_back(raw.app.id);
      }
    }
    std::size_t budget = k_hint_budget;
    return hint(id, ids, budget);
  });
  m_overrides.clear();
  if (!m_estate_at && !m_inventory.files.empty() && !m_incomplete) {
    m_sink.error({m_inventory.files.front(), 1, 1}, Code::missing_estate,
                 "no file of this inventory gives 'estate' (its name and start date)");
  }
  sort_entities();
  resolve_servers();
  resolve_applications();
  resolve_freezes();
  if (!m_incomplete) {
    check_usage();
    check_replacements();
    resolve_progress();
    check_progress();
  }
  m_servers.clear();
  m_apps.clear();
  return std::move(m_inventory);
}

InventoryBuilder::InventoryBuilder(std::string label, DiagnosticSink& sink, YamlLimits limits)
    : m_impl(std::make_unique<Impl>(std::move(label), sink, limits)) {
}
InventoryBuilder::~InventoryBuilder() = default;

void InventoryBuilder::set_overrides(const std::vector<std::string>& options) {
  m_impl->set_overrides(options);
}

void InventoryBuilder::add_file(std::string name, std::string_view content) {
  m_impl->add_file(std::move(name), content);
}

Inventory InventoryBuilder::finish() {
  return m_impl->finish();
}
const LoadWork& InventoryBuilder::work() const {
  return m_impl->work();
}

namespace {

bool is_yaml_name(const std::filesystem::path& path) {
  const std::string ext = lower(path.extension().string());
  return ext == ".yaml" || ext == ".yml";
}

// Reports an entry of a directory estate that is not read: a symbolic link, or a special file
// with a YAML name.
void skip_entry(const std::filesystem::directory_entry& entry,
                const std::filesystem::file_status status, DiagnosticSink& sink) {
  const std::string name = entry.path().string();
  if (std::filesystem::is_symlink(status)) {
    sink.warning({name, 1, 1}, Code::skipped_entry,
                 fmt::format("'{}' is a symbolic link and is not followed; a directory estate "
                             "reads only the files and folders inside it",
                             name));
  } else if (is_yaml_name(entry.path())) {
    sink.warning({name, 1, 1}, Code::skipped_entry,
                 fmt::format("'{}' is not a regular file and is not read", name));
  }
}

void report_unreadable_entry(const std::filesystem::path& path, const char* what,
                             const std::error_code& ec, DiagnosticSink& sink) {
  const std::string name = path.string();
  sink.error({name, 1, 1}, Code::unreadable,
             fmt::format("cannot read {}'{}': {}", what, name, ec.message()));
}

// Adds the YAML files of `dir` to `files` and its folders to `folders`; false, with an error
// naming each folder or entry that could not be read, when one could not.
bool read_folder(const std::filesystem::path& dir, std::vector<std::filesystem::path>& files,
                 std::vector<std::filesystem::path>& folders, DiagnosticSink& sink) {
  namespace fs = std::filesystem;
  bool ok = true;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    std::error_code entry_ec;
    const fs::file_status status = it->symlink_status(entry_ec);
    if (entry_ec) {
      report_unreadable_entry(it->path(), "", entry_ec, sink);
      ok = false;
    } else if (fs::is_regular_file(status)) {
      if (is_yaml_name(it->path())) {
        files.push_back(it->path());
      }
    } else if (fs::is_directory(status)) {
      folders.push_back(it->path());
    } else {
      skip_entry(*it, status, sink);
    }
  }
  if (ec) {
    report_unreadable_entry(dir, "directory ", ec, sink);
  }
  return ok && !ec;
}

// The files of a directory estate, by the one rule docs/inventory.md gives: every regular file
// named *.yaml or *.yml (in any letter case) in it and in every folder under it. Symbolic links
// are never followed (a link could lead out of the tree), and neither they nor other special
// files with a YAML name are read: each is reported as skipped. Every folder that cannot be
// read is reported, by its own name.
std::optional<std::vector<std::filesystem::path>> estate_files(const std::string& path,
                                                               DiagnosticSink& sink) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::vector<fs::path> folders{fs::path(path)};
  bool ok = true;
  while (!folders.empty()) {
    const fs::path dir = std::move(folders.back());
    folders.pop_back();
    ok = read_folder(dir, files, folders, sink) && ok;
  }
  if (!ok) {
    return std::nullopt;
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    sink.error({path, 1, 1}, Code::empty_file,
               fmt::format("directory '{}' holds no *.yaml or *.yml files", path));
  }
  return files;
}

}  // namespace

LoadResult load_inventory_text(std::string_view name, std::string_view content,
                               DiagnosticSink& sink, const std::vector<std::string>& set) {
  InventoryBuilder builder(std::string(name), sink);
  builder.set_overrides(set);
  builder.add_file(std::string(name), content);
  LoadResult result;
  result.inventory = builder.finish();
  result.work = builder.work();
  return result;
}

tl::expected<Inventory, LoadFailure> load_estate(const std::string& path, DiagnosticSink& sink,
                                                 const std::vector<std::string>& set) {
  DiagnosticSink own;
  LoadResult loaded = load_inventory(path, own, set);
  own.sort();
  for (const Diagnostic& d : own.all()) {
    sink.add(d);
  }
  if (loaded.unreadable) {
    return tl::unexpected(LoadFailure::unreadable);
  }
  if (own.has_errors()) {
    return tl::unexpected(LoadFailure::invalid);
  }
  return std::move(loaded.inventory);
}

LoadResult load_inventory(const std::string& path, DiagnosticSink& sink,
                          const std::vector<std::string>& set) {
  const YamlLimits limits;
  namespace fs = std::filesystem;
  LoadResult result;
  InventoryBuilder builder(path, sink, limits);
  builder.set_overrides(set);
  std::vector<fs::path> files;
  std::error_code ec;
  if (path != "-" && fs::is_directory(fs::status(path, ec))) {
    auto found = estate_files(path, sink);
    if (!found) {
      result.unreadable = true;
      return result;
    }
    files = std::move(*found);
  } else {
    files.emplace_back(path);
  }
  for (const fs::path& file : files) {
    const std::string name = file == "-" ? std::string("<stdin>") : file.string();
    auto content = read_input(file);
    if (!content) {
      report_unreadable(sink, name, content.error());
      result.unreadable = true;
      continue;
    }
    builder.add_file(name, *content);
  }
  if (result.unreadable && files.size() == 1) {
    return result;
  }
  result.inventory = builder.finish();
  result.work = builder.work();
  return result;
}

}  // namespace dcexit
