// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "import/imported_estate.hpp"

#include "base/text.hpp"

#include <dcexit/graph.hpp>
#include <dcexit/load.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <malloc.h>
#include <set>
#include <stdexcept>

namespace dcexit::detail {

using namespace std::string_view_literals;

namespace {

std::size_t slot(EntityKind kind) {
  return static_cast<std::size_t>(kind);
}

std::string where_text(const SourceLocation& where) {
  return where.line == 0 ? where.file : fmt::format("{}:{}", where.file, where.line);
}

// Text for a YAML comment: line breaks and tabs (a multi-line description) as one space, every
// other control character escaped (printable()), so that nothing a source holds, its file name
// included, can end the comment and start YAML of its own.
std::string comment_text(std::string_view text) {
  std::string flat;
  flat.reserve(text.size());
  for (const char c : text) {
    const bool blank = c == '\n' || c == '\r' || c == '\t';
    if (!blank) {
      flat.push_back(c);
    } else if (!flat.empty() && flat.back() != ' ') {
      flat.push_back(' ');
    }
  }
  return printable(flat);
}

// `text` as comment lines of at most about `width` characters after `prefix` (e.g. "    # "),
// broken at spaces; continuation lines are indented two more.
std::string comment_lines(std::string_view prefix, std::string_view text, std::size_t width = 96) {
  const std::string flat = comment_text(text);
  std::string out;
  std::string_view rest = flat;
  bool first = true;
  while (!rest.empty()) {
    const std::size_t room = first ? width : width - 2;
    std::size_t cut = rest.size();
    if (rest.size() > room) {
      const std::size_t space = rest.rfind(' ', room);
      cut = space == std::string_view::npos || space == 0 ? rest.find(' ', room) : space;
      cut = cut == std::string_view::npos ? rest.size() : cut;
    }
    out += fmt::format("{}{}{}\n", prefix, first ? "" : "  ", rest.substr(0, cut));
    rest.remove_prefix(cut);
    while (!rest.empty() && rest.front() == ' ') {
      rest.remove_prefix(1);
    }
    first = false;
  }
  return out;
}

bool is_plain_safe(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80 ||
         std::string_view(" ._/()+-@").find(c) != std::string_view::npos;
}

bool is_yaml_keyword(std::string_view text) {
  constexpr std::array k_words = {"y"sv,  "n"sv,   "yes"sv,  "no"sv,  "true"sv, "false"sv,
                                  "on"sv, "off"sv, "null"sv, "nan"sv, ".nan"sv, ".inf"sv};
  return std::find(k_words.begin(), k_words.end(), lower(text)) != k_words.end();
}

// The keys of each kind in the order the inventory format lists them, nested ones dotted
// ("os.family"), taken from the loader's one table of keys; the id is written on its own.
std::vector<std::string_view> dotted_keys_of(Section section, std::vector<std::string>& storage) {
  const KeySection& entity = inventory_keys(section);
  for (const std::string_view key : entity.keys) {
    if (key == "id"sv) {
      continue;
    }
    const std::string nested = std::string(entity.path) + "." + std::string(key);
    const auto sub =
        std::find_if(inventory_key_sections().begin(), inventory_key_sections().end(),
                     [&](const KeySection& s) { return s.path == nested && !s.list_items; });
    if (sub == inventory_key_sections().end()) {
      storage.emplace_back(key);
      continue;
    }
    for (const std::string_view inner : sub->keys) {
      storage.push_back(std::string(key) + "." + std::string(inner));
    }
  }
  return {storage.begin(), storage.end()};
}

std::span<const std::string_view> keys_of(EntityKind kind) {
  static std::vector<std::string> storage[3];
  static const std::vector<std::string_view> keys[3] = {
      dotted_keys_of(Section::sites, storage[0]), dotted_keys_of(Section::servers, storage[1]),
      dotted_keys_of(Section::applications, storage[2])};
  return keys[slot(kind)];
}

std::string flow_list(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  quoted.reserve(items.size());
  for (const std::string& item : items) {
    quoted.push_back(yaml_text(item));
  }
  return "[" + join(quoted, ", ") + "]";
}

// An id or a plain word, quoted when YAML would read it as something else (`null`, `yes`).
std::string yaml_word(const std::string& text) {
  return is_yaml_keyword(text) || needs_yaml_escape(text) ? yaml_text(text) : text;
}

std::string value_text(const ImportValue& value) {
  return value.plain ? yaml_word(value.text) : yaml_text(value.text);
}

// Writes one entry of a list section: `  - id: x` then its keys, nested keys as flow maps.
class EntryWriter {
 public:
  explicit EntryWriter(std::string& out) : m_out(out) {}

  void write(const ImportedEntity& entity) {
    m_out += fmt::format("  - id: {}  # {}\n", yaml_word(entity.id),
                         comment_text(where_text(entity.origin)));
    const auto keys = keys_of(entity.kind);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const std::string_view key = keys[i];
      const std::size_t dot = key.find('.');
      if (dot == std::string_view::npos) {
        write_key(entity, key);
        continue;
      }
      // A group of keys sharing a prefix, written as one flow mapping.
      const std::string_view group = key.substr(0, dot + 1);
      std::vector<std::string> parts;
      std::size_t j = i;
      for (; j < keys.size() && keys[j].starts_with(group); ++j) {
        const std::string_view sub = keys[j].substr(dot + 1);
        if (keys[j] == "technology.languages"sv && !entity.languages.empty()) {
          parts.push_back(fmt::format("{}: {}", sub, flow_list(entity.languages)));
        } else if (const auto found = entity.fields.find(keys[j]); found != entity.fields.end()) {
          parts.push_back(fmt::format("{}: {}", sub, value_text(found->second)));
        }
      }
      if (!parts.empty()) {
        m_out += fmt::format("    {}: {{{}}}\n", group.substr(0, dot), join(parts, ", "));
      }
      i = j - 1;
    }
    for (const std::string& note : entity.notes) {
      m_out += comment_lines("    # ", note);
    }
  }

 private:
  void write_key(const ImportedEntity& entity, std::string_view key) {
    if (key == "servers"sv) {
      if (!entity.servers.empty()) {
        std::vector<std::string> ids;
        for (const ImportReference& ref : entity.servers) {
          ids.push_back(ref.id);
        }
        m_out += fmt::format("    servers: {}\n", flow_list(ids));
      }
    } else if (key == "tags"sv) {
      if (!entity.tags.empty()) {
        m_out += fmt::format("    tags: {}\n", flow_list(entity.tags));
      }
    } else if (key == "software"sv) {
      if (!entity.software.empty()) {
        m_out += fmt::format("    software: {}\n", flow_list(entity.software));
      }
    } else if (key == "depends_on"sv) {
      write_dependencies(entity);
    } else if (const auto found = entity.fields.find(key); found != entity.fields.end()) {
      m_out += fmt::format("    {}: {}\n", key, value_text(found->second));
    }
  }

  void write_dependencies(const ImportedEntity& entity) {
    if (entity.depends_on.empty()) {
      return;
    }
    m_out += "    depends_on:\n";
    for (const ImportReference& dep : entity.depends_on) {
      if (dep.coupling.empty()) {
        m_out += fmt::format("      - {}\n", yaml_word(dep.id));
      } else {
        m_out +=
            fmt::format("      - {{app: {}, coupling: {}}}\n", yaml_word(dep.id), dep.coupling);
      }
    }
  }

  std::string& m_out;
};

}  // namespace

std::string_view to_string(EntityKind kind) {
  switch (kind) {
    case EntityKind::site:
      return "site";
    case EntityKind::server:
      return "server";
    case EntityKind::application:
      break;
  }
  return "application";
}

std::string format_number(double value, int decimals) {
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') {
      text.pop_back();
    }
    if (text.back() == '.') {
      text.pop_back();
    }
  }
  return text == "-0" ? "0" : text;
}

// YAML's escape for the character whose UTF-8 starts at text[i] when YAML may not hold it as it
// is (C1 controls but U+0085; noncharacters; U+FEFF) or reads it as a line break (U+0085 NEL,
// U+2028, U+2029: PyYAML breaks a plain scalar there), with its length; empty otherwise.
std::pair<std::string, std::size_t> yaml_escape_at(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0U;
  };
  if (byte(0) == 0xC2U && byte(1) >= 0x80U && byte(1) <= 0x9FU) {
    return {fmt::format("\\u{:04X}", byte(1)), 2};  // not \N: yaml-cpp reads it as a lone byte
  }
  if (byte(0) == 0xE2U && byte(1) == 0x80U && (byte(2) == 0xA8U || byte(2) == 0xA9U)) {
    return {byte(2) == 0xA8U ? "\\L" : "\\P", 3};
  }
  if (byte(0) == 0xEFU &&
      ((byte(1) == 0xBFU && byte(2) >= 0xBEU) || (byte(1) == 0xBBU && byte(2) == 0xBFU))) {
    return {byte(1) == 0xBBU ? "\\uFEFF" : fmt::format("\\uFF{:02X}", byte(2) - 0x80U + 0xC0U), 3};
  }
  return {};
}

bool needs_yaml_escape(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!yaml_escape_at(text, i).first.empty()) {
      return true;
    }
  }
  return false;
}

std::string yaml_text(std::string_view text) {
  const bool plain = !text.empty() && !(text.front() >= '0' && text.front() <= '9') &&
                     std::string_view("._/()+-@ ").find(text.front()) == std::string_view::npos &&
                     text.back() != ' ' && std::all_of(text.begin(), text.end(), is_plain_safe) &&
                     !is_yaml_keyword(text) && !needs_yaml_escape(text);
  if (plain) {
    return std::string(text);
  }
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (const auto [escape, length] = yaml_escape_at(text, i); !escape.empty()) {
      out += escape;
      i += length - 1;
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\x{:02X}", u);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::optional<std::string> environment_of(std::string_view text) {
  const std::string value = lower(text);
  if (value == "prod" || value == "production" || value == "prd" || value == "live") {
    return "production";
  }
  constexpr std::array k_non_production = {
      "dev"sv,     "development"sv, "test"sv,           "testing"sv,  "qa"sv,      "uat"sv,
      "stage"sv,   "staging"sv,     "preprod"sv,        "pre-prod"sv, "sit"sv,     "dr"sv,
      "nonprod"sv, "non-prod"sv,    "non-production"sv, "sandbox"sv,  "training"sv};
  if (std::find(k_non_production.begin(), k_non_production.end(), value) !=
      k_non_production.end()) {
    return "non-production";
  }
  return std::nullopt;
}

std::string examples(const std::vector<std::string>& items, std::size_t most) {
  const std::size_t shown = std::min(items.size(), most);
  return join(std::vector(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(shown)),
              ", ") +
         (items.size() > shown ? ", …" : "");
}

std::string os_family_of(std::string_view os_name) {
  const std::string name = lower(os_name);
  const auto has = [&](std::string_view word) { return name.find(word) != std::string::npos; };
  // Most specific first: "Oracle Solaris" is Solaris, "Oracle Linux" is Linux.
  constexpr std::array<std::pair<std::string_view, std::string_view>, 22> k_families = {
      {{"windows", "windows"}, {"solaris", "solaris"}, {"sunos", "solaris"}, {"netware", "netware"},
       {"aix", "aix"},         {"hp-ux", "hpux"},      {"hpux", "hpux"},     {"z/os", "zos"},
       {"zos", "zos"},         {"os/400", "os400"},    {"os400", "os400"},   {"ibm i", "os400"},
       {"openvms", "vms"},     {"freebsd", "bsd"},     {"openbsd", "bsd"},   {"vmware esx", "esxi"},
       {"linux", "linux"},     {"red hat", "linux"},   {"rhel", "linux"},    {"centos", "linux"},
       {"debian", "linux"},    {"ubuntu", "linux"}}};
  for (const auto& [word, family] : k_families) {
    if (has(word)) {
      return std::string(family);
    }
  }
  constexpr std::array k_more_linux = {"suse"sv, "sles"sv,   "fedora"sv, "rocky"sv,
                                       "alma"sv, "photon"sv, "coreos"sv, "redhat"sv};
  for (const std::string_view word : k_more_linux) {
    if (has(word)) {
      return "linux";
    }
  }
  return {};
}

DefinedIds::Seen DefinedIds::remember(const SourceLocation& where) {
  if (m_files.empty() || m_files.back() != where.file) {
    m_files.push_back(where.file);
  }
  return {static_cast<std::uint32_t>(m_files.size() - 1), where.line, where.column,
          where.column_letter};
}

bool DefinedIds::first(EntityKind kind, const std::string& id, std::string_view name,
                       const SourceLocation& where, DiagnosticSink& sink) {
  const auto [it, inserted] = m_seen.emplace(std::pair(kind, id), remember(where));
  if (!inserted) {
    const SourceLocation first = place(it->second);
    sink.error(where, Code::duplicate_id,
               fmt::format("{} '{}' (id '{}') is already defined at {}:{}:{}", to_string(kind),
                           name, id, first.file, first.line, column_text(first)));
  }
  return inserted;
}

std::string DefinedIds::unique(EntityKind kind, const std::string& id, std::string_view name,
                               const SourceLocation& where, DiagnosticSink& sink) {
  const Seen seen = remember(where);
  const auto [it, inserted] = m_seen.emplace(std::pair(kind, id), seen);
  if (inserted) {
    return id;
  }
  const SourceLocation first = place(it->second);
  std::string other;
  for (std::size_t n = 2; other.empty(); ++n) {
    const std::string suffix = fmt::format("-{}", n);
    std::string candidate = id.substr(0, k_max_id_length - suffix.size()) + suffix;
    if (m_seen.emplace(std::pair(kind, candidate), seen).second) {
      other = std::move(candidate);
    }
  }
  sink.warning(
      where, Code::duplicate_value,
      fmt::format("{} '{}' is also at {}:{}:{}; imported as '{}' beside '{}' (a clone, "
                  "a second appliance or a merged vCenter?): check they are two machines",
                  to_string(kind), name, first.file, first.line, column_text(first), other, id));
  return other;
}

std::optional<std::string> id_for(std::string_view name, std::string_view what,
                                  const SourceLocation& where, DiagnosticSink& sink) {
  if (name.empty()) {
    sink.error(where, Code::missing_value, fmt::format("'{}' is empty", what));
    return std::nullopt;
  }
  std::string id = make_id(name);
  if (id.empty()) {
    sink.error(where, Code::bad_id,
               fmt::format("cannot make an id from '{}' ({}): it has no letter or digit a-z 0-9",
                           abbreviate(name), what));
    return std::nullopt;
  }
  return id;
}

ImportValue ImportedEstate::make_value(std::string text, bool plain, const SourceLocation& where) {
  auto found = m_file_index.find(where.file);
  if (found == m_file_index.end()) {
    found = m_file_index.emplace(where.file, static_cast<std::uint32_t>(m_files.size())).first;
    m_files.push_back(where.file);
  }
  return {std::move(text), plain, found->second, where.line, where.column};
}

SourceLocation ImportedEstate::where_of(const ImportValue& value) const {
  return {m_files[value.file], value.line, value.column};
}

ImportedEntity& ImportedEstate::get(EntityKind kind, const std::string& id,
                                    const SourceLocation& where) {
  auto& index = m_index[slot(kind)];
  auto& list = m_entities[slot(kind)];
  if (const auto found = index.find(id); found != index.end()) {
    return list[found->second];
  }
  index.emplace(id, list.size());
  ImportedEntity& entity = list.emplace_back();
  entity.kind = kind;
  entity.id = id;
  entity.origin = where;
  return entity;
}

const ImportedEntity* ImportedEstate::find(EntityKind kind, std::string_view id) const {
  const auto& index = m_index[slot(kind)];
  const auto found = index.find(id);
  return found == index.end() ? nullptr : &m_entities[slot(kind)][found->second];
}

void ImportedEstate::set(ImportedEntity& entity, std::string_view key, std::string value,
                         const SourceLocation& where) {
  assign(entity, key, std::move(value), false, where);
}

void ImportedEstate::set_plain(ImportedEntity& entity, std::string_view key, std::string value,
                               const SourceLocation& where) {
  assign(entity, key, std::move(value), true, where);
}

void ImportedEstate::assign(ImportedEntity& entity, std::string_view key, std::string value,
                            bool plain, const SourceLocation& where) {
  const auto keys = keys_of(entity.kind);
  if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
    // A key the writer would drop: a programming error, caught by every import test.
    throw std::logic_error(fmt::format("import stores '{}', which a {} has no place for", key,
                                       to_string(entity.kind)));
  }
  const auto found = entity.fields.find(key);
  if (found == entity.fields.end()) {
    entity.fields.emplace(std::string(key), make_value(std::move(value), plain, where));
    return;
  }
  if (found->second.text != value) {
    m_sink.warning(
        where, Code::conflicting_value,
        fmt::format("{} '{}' has {} '{}' here but '{}' in {}; the first is kept",
                    to_string(entity.kind), entity.id, key, abbreviate(value),
                    abbreviate(found->second.text), where_text(where_of(found->second))));
  }
}

void ImportedEstate::set_number(ImportedEntity& entity, std::string_view key, double value,
                                const SourceLocation& where, int decimals) {
  // A value made from several cells (disks summed, MB turned into GB) is checked against the
  // inventory's own range here, at the cell it came from, not by the loader afterwards.
  struct Range {
    std::string_view key;
    double max;
  };
  constexpr std::array<Range, 5> k_ranges = {{{"cpu_cores", 100'000},
                                              {"memory_gb", 1e9},
                                              {"storage_gb", 1e9},
                                              {"utilisation.cpu", 1},
                                              {"utilisation.memory", 1}}};
  for (const Range& range : k_ranges) {
    if (range.key == key && !(value <= range.max)) {
      m_sink.error(where, Code::out_of_range,
                   fmt::format("'{}' comes to {:g}, more than the {:g} an inventory allows", key,
                               value, range.max));
      return;
    }
  }
  set_plain(entity, key, format_number(value, decimals), where);
}

void ImportedEstate::add_unique(std::vector<std::string>& list, std::string value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) {
    list.push_back(std::move(value));
  }
}

void ImportedEstate::add_server(ImportedEntity& app, const std::string& server,
                                const SourceLocation& where) {
  const bool known = std::any_of(app.servers.begin(), app.servers.end(),
                                 [&](const ImportReference& ref) { return ref.id == server; });
  if (!known) {
    app.servers.push_back({server, where, {}});
  }
}

void ImportedEstate::add_dependency(ImportedEntity& app, ImportReference dependency) {
  const auto same =
      std::find_if(app.depends_on.begin(), app.depends_on.end(),
                   [&](const ImportReference& ref) { return ref.id == dependency.id; });
  if (same == app.depends_on.end()) {
    app.depends_on.push_back(std::move(dependency));
    return;
  }
  m_sink.warning(dependency.where, Code::duplicate_reference,
                 fmt::format("application '{}' already depends on '{}' ({}); given once", app.id,
                             dependency.id, where_text(same->where)));
}

void ImportedEstate::resolve_sites(const ImportOptions& options) {
  const std::string site = options.site.empty() ? "dc" : options.site;
  for (ImportedEntity& server : m_entities[slot(EntityKind::server)]) {
    if (!server.fields.contains("site")) {
      server.fields.emplace("site", make_value(site, true, server.origin));
      m_default_site_used = true;
    }
  }
  if (m_default_site_used || m_entities[slot(EntityKind::site)].empty()) {
    ImportedEntity& entity =
        get(EntityKind::site, site, {options.site.empty() ? "assumed" : "--site", 0, 0});
    if (!entity.fields.contains("name")) {
      entity.notes.emplace_back(options.site.empty()
                                    ? "no source names this data centre; choose its id with --site "
                                      "and give it a name, annual_cost and pue"
                                    : "named by --site; give it a name, annual_cost and pue");
    }
  }
}

void ImportedEstate::drop_incomplete_groups() {
  // A group the inventory accepts only with its key: the rest of it becomes a comment.
  constexpr std::array<std::pair<std::string_view, std::string_view>, 2> k_needs = {
      {{"decision.reason", "decision.strategy"},
       {"saas_alternative.fit", "saas_alternative.product"}}};
  for (ImportedEntity& app : m_entities[slot(EntityKind::application)]) {
    for (const auto& [key, needed] : k_needs) {
      const auto found = app.fields.find(key);
      if (found == app.fields.end() || app.fields.contains(needed)) {
        continue;
      }
      m_sink.warning(where_of(found->second), Code::missing_value,
                     fmt::format("application '{}' has a {} but no {}; kept as a comment", app.id,
                                 key, needed));
      app.notes.push_back(fmt::format("{} (no {} given): {}", key, needed, found->second.text));
      app.fields.erase(found);
    }
  }
}

bool ImportedEstate::keep_external(const PendingLink& link) {
  const bool app_known = find(EntityKind::application, link.app.id) != nullptr;
  const bool other_known = find(EntityKind::application, link.other.id) != nullptr;
  if (app_known == other_known) {
    return false;  // both known: linked as usual; both unknown: the usual errors
  }
  const AppMention& missing = app_known ? link.other : link.app;
  const AppMention& present = app_known ? link.app : link.other;
  ImportedEntity& app = m_entities[slot(EntityKind::application)]
                                  [m_index[slot(EntityKind::application)].find(present.id)->second];
  m_sink.warning(missing.where, Code::unknown_reference,
                 fmt::format("'{}' is not defined in the files imported (another repository's "
                             "catalog?): the dependency is kept as a comment on '{}'; import "
                             "that catalog-info.yaml in the same run to plan it",
                             missing.name, present.id));
  app.notes.push_back(
      app_known
          ? fmt::format("depends on '{}', defined in a catalog not imported", missing.name)
          : fmt::format("'{}', defined in a catalog not imported, depends on it", missing.name));
  return true;
}

void ImportedEstate::check_references() {
  std::vector<std::string_view> server_ids;
  std::vector<std::string_view> app_ids;
  for (const ImportedEntity& s : m_entities[slot(EntityKind::server)]) {
    server_ids.push_back(s.id);
  }
  for (const ImportedEntity& a : m_entities[slot(EntityKind::application)]) {
    app_ids.push_back(a.id);
  }
  const auto known = [&](EntityKind kind, const AppMention& mention) {
    if (find(kind, mention.id) != nullptr) {
      return true;
    }
    m_sink.error(
        mention.where, Code::unknown_reference,
        fmt::format("no source defines {} '{}'{}", to_string(kind), mention.name,
                    did_you_mean(mention.id, kind == EntityKind::server ? server_ids : app_ids)));
    return false;
  };
  for (const PendingLink& link : m_links) {
    if (link.external && keep_external(link)) {
      continue;
    }
    const bool app_known = known(EntityKind::application, link.app);
    const EntityKind other_kind = link.to_server ? EntityKind::server : EntityKind::application;
    if (!known(other_kind, link.other) || !app_known) {
      continue;
    }
    ImportedEntity& app =
        m_entities[slot(EntityKind::application)]
                  [m_index[slot(EntityKind::application)].find(link.app.id)->second];
    if (link.to_server) {
      add_server(app, link.other.id, link.other.where);
    } else {
      add_dependency(app, {link.other.id, link.other.where, link.coupling});
    }
  }
  for (const ImportedEntity& app : m_entities[slot(EntityKind::application)]) {
    for (const ImportReference& ref : app.servers) {
      if (find(EntityKind::server, ref.id) == nullptr) {
        m_sink.error(ref.where, Code::unknown_reference,
                     fmt::format("application '{}' runs on server '{}', which no source "
                                 "defines{}",
                                 app.id, ref.id, did_you_mean(ref.id, server_ids)));
      }
    }
  }
}

std::string ImportedEstate::write(const ImportOptions& options) const {
  std::string out =
      "# yaml-language-server: $schema=https://dcexit.dev/schema/dcexit-v1.schema.json\n"
      "# Written by `dcexit import` from:\n";
  for (const std::string& source : m_sources) {
    out += comment_lines("#   ", source);
  }
  out +=
      "# Check every line marked \"assumed\": no source gave that value. The comments under an\n"
      "# entry say where it came from and what the sources held that has no place here.\n";
  for (const std::string& note : m_file_notes) {
    out += comment_lines("# ", note);
  }
  out += fmt::format("schema: {}\nestate:\n", k_schema_version);
  if (options.estate_name.empty()) {
    out += "  name: Imported estate  # assumed: give the estate's name (--name)\n";
  } else {
    out += fmt::format("  name: {}\n", yaml_text(options.estate_name));
  }
  // Progress a source recorded (a done app's date) is history: the estate starts no later.
  std::optional<Date> earliest;
  for (const ImportedEntity& app : m_entities[slot(EntityKind::application)]) {
    const auto status = app.fields.find("progress.status");
    if (status == app.fields.end() || status->second.text != "done") {
      continue;
    }
    if (const auto it = app.fields.find("progress.date"); it != app.fields.end()) {
      if (const auto date = Date::parse(it->second.text);
          date && (!earliest || *date < *earliest)) {
        earliest = date;
      }
    }
  }
  if (options.start) {
    out += fmt::format("  start: {}\n", options.start->to_string());
  } else if (earliest) {
    out += fmt::format(
        "  start: {}  # assumed: the first of the month of the earliest recorded cut-over "
        "(--start)\n",
        earliest->month_start().to_string());
  } else {
    out += fmt::format("  start: {}  # assumed: the first of next month (--start)\n",
                       options.today.next_month_start().to_string());
  }
  constexpr std::array<std::pair<EntityKind, std::string_view>, 3> k_sections = {
      {{EntityKind::site, "sites"},
       {EntityKind::server, "servers"},
       {EntityKind::application, "applications"}}};
  for (const auto& [kind, section] : k_sections) {
    const auto& list = m_entities[slot(kind)];
    if (list.empty()) {
      continue;
    }
    out += fmt::format("{}:\n", section);
    EntryWriter writer(out);
    for (const ImportedEntity& entity : list) {
      writer.write(entity);
    }
  }
  return out;
}

void ImportedEstate::warn_cycles() {
  const auto& apps = m_entities[slot(EntityKind::application)];
  const auto& index = m_index[slot(EntityKind::application)];
  std::vector<DependencyEdge> edges;
  for (std::size_t i = 0; i < apps.size(); ++i) {
    for (const ImportReference& ref : apps[i].depends_on) {
      const auto to = index.find(ref.id);
      if (to != index.end() && ref.coupling != "soft") {
        edges.push_back({static_cast<Index>(i), static_cast<Index>(to->second),
                         ref.coupling == "hard" ? Coupling::hard : Coupling::prerequisite});
      }
    }
  }
  const DependencyGraph graph(apps.size(), std::move(edges));
  for (const Cycle& cycle : find_cycles(graph, EdgeSet::ordering)) {
    std::vector<std::string> names;
    for (const Index app : cycle.path) {
      names.push_back(apps[app].id);
    }
    const ImportedEntity& first = apps[cycle.path.front()];
    SourceLocation where = first.origin;
    for (const ImportReference& ref : first.depends_on) {
      where = ref.id == names[1] ? ref.where : where;
    }
    m_sink.warning(where, Code::dependency_cycle,
                   fmt::format("dependency cycle: {}; these applications will move in one wave",
                               join(names, " -> ")));
  }
}

// The server a software inventory's machine name is: its id, or the one server whose id starts
// with it and a dot (the inventory says PAYROLLDB01, the discovery payrolldb01.corp.local).
ImportedEntity* server_named(std::deque<ImportedEntity>& servers,
                             const std::map<std::string, std::size_t, std::less<>>& index,
                             const std::string& id) {
  if (const auto found = index.find(id); found != index.end()) {
    return &servers[found->second];
  }
  ImportedEntity* match = nullptr;
  for (auto it = index.lower_bound(id + "."); it != index.end() && it->first.starts_with(id + ".");
       ++it) {
    if (match != nullptr) {
      return nullptr;  // two servers fit: none is taken
    }
    match = &servers[it->second];
  }
  return match;
}

void ImportedEstate::place_software() {
  std::vector<std::string> unknown;
  std::size_t placed = 0;
  for (PendingSoftware& pending : m_software) {
    const std::string id = make_id(pending.machine);
    ImportedEntity* server =
        server_named(m_entities[slot(EntityKind::server)], m_index[slot(EntityKind::server)], id);
    if (server == nullptr) {
      add_unique(unknown, pending.machine);
      continue;
    }
    std::vector<std::string>& items = server->software;
    const std::size_t before = items.size();
    add_unique(items, std::move(pending.item));
    placed += items.size() - before;
  }
  if (!unknown.empty()) {
    m_sink.warning(m_software.front().where, Code::unknown_reference,
                   fmt::format("{} machine{} in the software inventory {} no server of the other "
                               "sources: {} software not imported ({}); import the servers too "
                               "(RVTools, Azure Migrate)",
                               unknown.size(), unknown.size() == 1 ? "" : "s",
                               unknown.size() == 1 ? "is" : "are",
                               unknown.size() == 1 ? "its" : "their", examples(unknown)));
  }
  if (!m_software.empty()) {
    m_file_notes.push_back(fmt::format("software inventory: {} item{} put on servers' software",
                                       placed, placed == 1 ? "" : "s"));
  }
}

std::optional<ImportResult> ImportedEstate::finish(const ImportOptions& options) {
  place_software();
  resolve_sites(options);
  drop_incomplete_groups();
  check_references();
  warn_cycles();
  // A cut-over a source recorded before --start: history is planned from the start.
  for (const ImportedEntity& app : m_entities[slot(EntityKind::application)]) {
    const auto it = app.fields.find("progress.date");
    const auto status = app.fields.find("progress.status");
    const bool done = status != app.fields.end() && status->second.text == "done";
    const auto date = it != app.fields.end() ? Date::parse(it->second.text) : std::nullopt;
    if (options.start && done && date && *date < *options.start) {
      m_sink.error({m_files[it->second.file], it->second.line, it->second.column},
                   Code::bad_progress,
                   fmt::format("application '{}' has progress dated {}, before --start {}: "
                               "history is planned in waves from the start; give an earlier "
                               "--start",
                               app.id, date->to_string(), options.start->to_string()));
    }
  }
  if (m_sink.has_errors()) {
    return std::nullopt;
  }
  ImportResult result;
  result.yaml = write(options);
  result.counts = counts();
  release();  // the model is written: what reads the output back need not sit beside it
  // The output must be an inventory `validate` accepts; anything else is a bug in dcexit.
  DiagnosticSink check;
  (void)load_inventory_text("imported.yaml", result.yaml, check);
  check.sort();
  for (const Diagnostic& d : check.all()) {
    if (d.severity == Severity::error) {
      m_sink.error({"imported inventory", d.where.line, d.where.column}, Code::internal_error,
                   fmt::format("dcexit wrote an inventory it cannot read ({}); please report "
                               "this with the input files",
                               d.message));
    }
  }
  if (m_sink.has_errors()) {
    return std::nullopt;
  }
  return result;
}

ImportCounts ImportedEstate::counts() const {
  ImportCounts counts;
  std::set<std::string_view> hosting;
  for (const ImportedEntity& app : m_entities[slot(EntityKind::application)]) {
    counts.dependencies += app.depends_on.size();
    for (const ImportReference& ref : app.servers) {
      hosting.insert(ref.id);
    }
  }
  counts.sites = m_entities[slot(EntityKind::site)].size();
  counts.servers = m_entities[slot(EntityKind::server)].size();
  counts.applications = m_entities[slot(EntityKind::application)].size();
  counts.servers_without_app = counts.servers - hosting.size();
  return counts;
}

void ImportedEstate::release() {
  for (std::size_t kind = 0; kind < 3; ++kind) {
    std::deque<ImportedEntity>().swap(m_entities[kind]);
    m_index[kind].clear();
  }
  std::vector<PendingLink>().swap(m_links);
  // The entities were many small blocks among the output's: give their pages back, so that the
  // inventory read back reuses memory instead of adding to it.
  ::malloc_trim(0);
}

}  // namespace dcexit::detail
