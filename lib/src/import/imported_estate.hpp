// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: what the importers have read so far, merged by id, and the inventory text made of it.
#pragma once

#include <dcexit/diagnostic.hpp>
#include <dcexit/import.hpp>
#include <dcexit/inventory.hpp>

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace dcexit::detail {

// A value for one inventory key. `plain` values (numbers, dates, enum words, ids) are written
// as they are; text is quoted where YAML needs it.
struct ImportValue {
  std::string text;
  bool plain = false;
  std::uint32_t file = 0;  // index into ImportedEstate's file names; 100,000s of values share one
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

struct ImportReference {
  std::string id;
  SourceLocation where;
  std::string coupling;  // dependencies only; empty = prerequisite
};

enum class EntityKind : std::uint8_t { site, server, application };
std::string_view to_string(EntityKind kind);

// An entity's fields by key ("os.family", "name", ...), in key order: a sorted vector, since an
// entity has a handful. A std::map spent 48 bytes more a value on its node, which at a million
// rows was a third of an import's memory (docs/security.md).
class FieldMap {
 public:
  using value_type = std::pair<std::string, ImportValue>;
  using iterator = std::vector<value_type>::iterator;
  using const_iterator = std::vector<value_type>::const_iterator;

  [[nodiscard]] iterator find(std::string_view key) { return found(m_items, key); }
  [[nodiscard]] const_iterator find(std::string_view key) const { return found(m_items, key); }
  [[nodiscard]] bool contains(std::string_view key) const { return find(key) != end(); }
  // Adds `value` under `key` unless the key is there: then the value there stays.
  std::pair<iterator, bool> emplace(std::string key, ImportValue value) {
    const auto at = lower(m_items, key);
    if (at != m_items.end() && at->first == key) {
      return {at, false};
    }
    return {m_items.emplace(at, std::move(key), std::move(value)), true};
  }
  iterator erase(iterator at) { return m_items.erase(at); }
  [[nodiscard]] iterator begin() { return m_items.begin(); }
  [[nodiscard]] iterator end() { return m_items.end(); }
  [[nodiscard]] const_iterator begin() const { return m_items.begin(); }
  [[nodiscard]] const_iterator end() const { return m_items.end(); }

 private:
  template <class Items>
  static auto lower(Items& items, std::string_view key) -> decltype(items.begin()) {
    return std::lower_bound(items.begin(), items.end(), key,
                            [](const value_type& item, std::string_view k) {
                              return std::string_view(item.first) < k;
                            });
  }
  template <class Items>
  static auto found(Items& items, std::string_view key) -> decltype(items.begin()) {
    const auto at = lower(items, key);
    return at != items.end() && at->first == key ? at : items.end();
  }
  std::vector<value_type> m_items;
};

struct ImportedEntity {
  EntityKind kind = EntityKind::application;
  std::string id;
  SourceLocation origin;
  FieldMap fields;  // "os.family", "name", ...
  std::vector<std::string> languages;
  std::vector<std::string> tags;
  std::vector<std::string> software;  // servers: a software inventory's items
  std::vector<ImportReference> servers;
  std::vector<ImportReference> depends_on;
  std::vector<std::string> notes;  // written as comments under the entry
};

// An application a source names (a dependency's end, say) that some source must define.
struct AppMention {
  std::string id;
  std::string name;
  SourceLocation where;
};

// A link made once every source is read, when both ends are known to exist.
struct PendingLink {
  AppMention app;
  AppMention other;      // the application depended on, or the server (`to_server`)
  std::string coupling;  // dependencies only; empty = prerequisite
  bool to_server = false;
  // One end may be defined in a file not imported (a Backstage entity of another repository):
  // then a warning and a comment on the end that is known, not an error.
  bool external = false;
};

class ImportedEstate {
 public:
  explicit ImportedEstate(DiagnosticSink& sink) : m_sink(sink) {}

  // The entity with this id, created (at `where`) if no source has given it yet.
  ImportedEntity& get(EntityKind kind, const std::string& id, const SourceLocation& where);
  [[nodiscard]] const ImportedEntity* find(EntityKind kind, std::string_view id) const;

  // Sets `key` unless a source gave it already; a different value is a warning, the first kept.
  void set(ImportedEntity& entity, std::string_view key, std::string value,
           const SourceLocation& where);
  void set_plain(ImportedEntity& entity, std::string_view key, std::string value,
                 const SourceLocation& where);
  void set_number(ImportedEntity& entity, std::string_view key, double value,
                  const SourceLocation& where, int decimals = 2);
  static void add_unique(std::vector<std::string>& list, std::string value);
  void add_server(ImportedEntity& app, const std::string& server, const SourceLocation& where);
  void add_dependency(ImportedEntity& app, ImportReference dependency);

  // `app` depends on `other`, or (`to_server`) runs on server `other`; both must be defined
  // by some source by the end.
  void link(PendingLink link) { m_links.push_back(std::move(link)); }
  // A software inventory's item for the machine `name`, put on its server once every source is
  // read (the server comes from another source).
  void add_software(std::string name, std::string item, SourceLocation where) {
    m_software.push_back({std::move(name), std::move(item), std::move(where)});
  }
  // A --map column name that some sheet had.
  void note_rename_used(const std::string& from) { m_renames_used.insert(from); }
  [[nodiscard]] bool rename_used(const std::string& from) const {
    return m_renames_used.contains(from);
  }
  // A comment for the head of the output, about a whole source file.
  void note_file(std::string note) { m_file_notes.push_back(std::move(note)); }
  void note_source(std::string line) { m_sources.push_back(std::move(line)); }

  // Checks references and writes the inventory; nullopt after errors.
  std::optional<ImportResult> finish(const ImportOptions& options);

  DiagnosticSink& sink() { return m_sink; }

 private:
  void resolve_sites(const ImportOptions& options);
  void place_software();
  void drop_incomplete_groups();
  void check_references();
  bool keep_external(const PendingLink& link);
  void warn_cycles();
  std::string write(const ImportOptions& options) const;
  [[nodiscard]] ImportCounts counts() const;
  void release();  // frees the entities once they are written

  void assign(ImportedEntity& entity, std::string_view key, std::string value, bool plain,
              const SourceLocation& where);
  ImportValue make_value(std::string text, bool plain, const SourceLocation& where);
  [[nodiscard]] SourceLocation where_of(const ImportValue& value) const;

  DiagnosticSink& m_sink;
  std::vector<std::string> m_files;
  std::map<std::string, std::uint32_t, std::less<>> m_file_index;
  std::deque<ImportedEntity> m_entities[3];  // no copies as it grows, no slack to double
  std::map<std::string, std::size_t, std::less<>> m_index[3];
  std::vector<PendingLink> m_links;
  struct PendingSoftware {
    std::string machine;
    std::string item;
    SourceLocation where;
  };
  std::vector<PendingSoftware> m_software;
  std::set<std::string> m_renames_used;
  std::vector<std::string> m_file_notes;
  std::vector<std::string> m_sources;
  bool m_default_site_used = false;
};

// The ids one source file defines, so that a second definition there is an error (across
// files, definitions of one id merge).
class DefinedIds {
 public:
  // True the first time `id` is defined; after that, an error naming the first place.
  bool first(EntityKind kind, const std::string& id, std::string_view name,
             const SourceLocation& where, DiagnosticSink& sink);
  // For machines a discovery tool lists: `id` the first time; after that `id-2`, `id-3`… (the
  // first not yet defined here), with a warning naming both rows. Discovery lists one name
  // twice for clones, appliances per site and merged vCenters.
  std::string unique(EntityKind kind, const std::string& id, std::string_view name,
                     const SourceLocation& where, DiagnosticSink& sink);

 private:
  // Where each id was first defined: the file by its index in m_files (one copy of each name,
  // not one per row).
  struct Seen {
    std::uint32_t file = 0;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    bool column_letter = false;
  };
  [[nodiscard]] SourceLocation place(const Seen& seen) const {
    return {m_files[seen.file], seen.line, seen.column, seen.column_letter};
  }
  Seen remember(const SourceLocation& where);

  std::vector<std::string> m_files;
  std::map<std::pair<EntityKind, std::string>, Seen> m_seen;
};

// The id for `name` found at `where`, or nullopt after an error (`what` names the column).
std::optional<std::string> id_for(std::string_view name, std::string_view what,
                                  const SourceLocation& where, DiagnosticSink& sink);

// Formats a number with at most `decimals` decimals, no trailing zeros.
std::string format_number(double value, int decimals = 2);

// `text` as a YAML scalar: plain when that reads back as the same string, else double-quoted.
std::string yaml_text(std::string_view text);

// Whether `text` holds a character YAML must escape: C1 controls, U+0085, U+2028, U+2029 (line
// breaks to YAML), U+FEFF, U+FFFE, U+FFFF.
bool needs_yaml_escape(std::string_view text);

// The operating-system family dcexit's profiles know ("windows", "linux", "solaris", ...)
// for an OS name such as "Microsoft Windows Server 2016 (64-bit)"; empty when unsure.
std::string os_family_of(std::string_view os_name);

// "production" or "non-production" for an environment as migration tools write it (prod, prd,
// live; dev, test, qa, uat, staging, preprod, dr, nonprod, sandbox, training …); nullopt for
// another word.
std::optional<std::string> environment_of(std::string_view text);

// Up to `most` of `items`, comma-separated, with ", …" when there are more: the examples a
// warning about many rows gives.
std::string examples(const std::vector<std::string>& items, std::size_t most = 5);

}  // namespace dcexit::detail
