// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Backstage catalog-info YAML: Components and Resources become applications, their dependsOn
// and dependencyOf become dependencies, and the System each belongs to its department.
#include "base/text.hpp"
#include "base/yaml_stream.hpp"
#include "import/formats.hpp"
#include "import/sheet.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace dcexit::detail {

namespace {

const YamlNode* child(const YamlNode* map, std::string_view key) {
  if (map == nullptr || map->resolved().kind != YamlNode::Kind::map) {
    return nullptr;
  }
  const auto& children = map->resolved().children;
  for (std::size_t i = 0; i + 1 < children.size(); i += 2) {
    if (children[i].resolved().text == key) {
      return &children[i + 1].resolved();
    }
  }
  return nullptr;
}

std::string scalar(const YamlNode* node) {
  return node != nullptr && node->kind == YamlNode::Kind::scalar ? trim(node->text) : "";
}

// The scalar items of a list (or a single scalar).
std::vector<const YamlNode*> items(const YamlNode* node) {
  std::vector<const YamlNode*> out;
  if (node == nullptr) {
    return out;
  }
  if (node->kind == YamlNode::Kind::scalar) {
    out.push_back(node);
  } else if (node->kind == YamlNode::Kind::sequence) {
    for (const YamlNode& item : node->children) {
      if (item.resolved().kind == YamlNode::Kind::scalar) {
        out.push_back(&item.resolved());
      }
    }
  }
  return out;
}

// An entity reference `[kind:][namespace/]name`.
struct EntityRef {
  std::string kind;
  std::string name;
};

EntityRef parse_ref(std::string_view text, std::string_view default_kind) {
  EntityRef ref{std::string(default_kind), std::string(text)};
  if (const auto colon = text.find(':'); colon != std::string_view::npos) {
    ref.kind = lower(text.substr(0, colon));
    ref.name = std::string(text.substr(colon + 1));
  }
  if (const auto slash = ref.name.find('/'); slash != std::string::npos) {
    ref.name = ref.name.substr(slash + 1);
  }
  return ref;
}

struct Document {
  YamlNode root;  // a map of the document's top-level keys
};

class CatalogHandler final : public YamlDocumentHandler {
 public:
  void on_entry(const YamlNode& key, YamlNode value) override {
    if (value.kind == YamlNode::Kind::sequence && value.children.empty() && !m_items.empty()) {
      value.children = std::move(m_items);
      m_items.clear();
    }
    m_current.root.children.push_back(key);
    m_current.root.children.push_back(std::move(value));
  }
  void on_item(const YamlNode& /*key*/, YamlNode item) override {
    m_items.push_back(std::move(item));
  }
  void on_non_map_root(const YamlNode& root) override { non_map_roots.push_back(root.mark); }
  void on_document_end() override {
    m_current.root.kind = YamlNode::Kind::map;
    if (!m_current.root.children.empty()) {
      documents.push_back(std::move(m_current));
    }
    m_current = {};
  }

  std::vector<Document> documents;
  std::vector<Mark> non_map_roots;

 private:
  Document m_current;
  std::vector<YamlNode> m_items;
};

class CatalogImporter {
 public:
  CatalogImporter(std::string file, ImportedEstate& estate)
      : m_file(std::move(file)), m_estate(estate) {}

  void run(const std::vector<Document>& documents) {
    for (const Document& doc : documents) {
      if (lower(scalar(child(&doc.root, "kind"))) == "system") {
        const std::string name = scalar(child(child(&doc.root, "metadata"), "name"));
        const std::string title = scalar(child(child(&doc.root, "metadata"), "title"));
        m_systems[name] = title.empty() ? name : title;
      }
    }
    for (const Document& doc : documents) {
      read(doc.root);
    }
    std::vector<std::string> skipped;
    for (const auto& [kind, count] : m_skipped) {
      skipped.push_back(fmt::format("{} {}", count, kind));
    }
    std::string summary = fmt::format("{} components, {} resources, {} systems", m_components,
                                      m_resources, m_systems.size());
    if (!skipped.empty()) {
      summary += "; not applications, not imported: " + join(skipped, ", ");
    }
    m_estate.note_source(fmt::format("{} (backstage): {}", m_file, summary));
  }

 private:
  SourceLocation at(const YamlNode* node) const {
    return node == nullptr ? SourceLocation{m_file, 0, 0}
                           : SourceLocation{m_file, node->mark.line, node->mark.column};
  }

  void read(const YamlNode& root) {
    const YamlNode* kind_node = child(&root, "kind");
    const std::string kind = scalar(kind_node);
    const std::string k = lower(kind);
    if (k == "system") {
      return;
    }
    if (k != "component" && k != "resource") {
      ++m_skipped[kind.empty() ? "documents without a kind" : kind];
      return;
    }
    const YamlNode* metadata = child(&root, "metadata");
    const YamlNode* name_node = child(metadata, "name");
    const std::string name = scalar(name_node);
    const SourceLocation where = name_node != nullptr ? at(name_node) : at(kind_node);
    const auto id = id_for(name, "metadata.name", where, m_estate.sink());
    if (!id || !m_defined.first(EntityKind::application, *id, name, where, m_estate.sink())) {
      return;
    }
    (k == "component" ? m_components : m_resources) += 1;
    ImportedEntity& app = m_estate.get(EntityKind::application, *id, where);
    const YamlNode* title = child(metadata, "title");
    m_estate.set(app, "name", scalar(title).empty() ? name : scalar(title),
                 title != nullptr ? at(title) : where);
    for (const YamlNode* tag : items(child(metadata, "tags"))) {
      ImportedEstate::add_unique(app.tags, make_id(tag->text));
    }
    if (const std::string description = scalar(child(metadata, "description"));
        !description.empty()) {
      app.notes.push_back("description: " + description);
    }
    read_spec(app, k, child(&root, "spec"));
  }

  void read_spec(ImportedEntity& app, const std::string& kind, const YamlNode* spec) {
    if (const YamlNode* owner = child(spec, "owner"); !scalar(owner).empty()) {
      m_estate.set(app, "owner", parse_ref(scalar(owner), "group").name, at(owner));
    }
    if (const YamlNode* system = child(spec, "system"); !scalar(system).empty()) {
      const std::string name = parse_ref(scalar(system), "system").name;
      const auto found = m_systems.find(name);
      m_estate.set(app, "department", found == m_systems.end() ? name : found->second, at(system));
    }
    const YamlNode* lifecycle = child(spec, "lifecycle");
    if (lower(scalar(lifecycle)) == "deprecated") {
      m_estate.set_plain(app, "usage_trend", "declining", at(lifecycle));
    } else if (!scalar(lifecycle).empty() && lower(scalar(lifecycle)) != "production") {
      app.notes.push_back("lifecycle: " + scalar(lifecycle));
    }
    if (const std::string type = scalar(child(spec, "type")); !type.empty()) {
      app.notes.push_back(fmt::format("Backstage {} of type {}", kind, type));
    }
    for (const YamlNode* ref : items(child(spec, "dependsOn"))) {
      link(app.id, ref, false);
    }
    for (const YamlNode* ref : items(child(spec, "dependencyOf"))) {
      link(app.id, ref, true);
    }
  }

  // `app` depends on the entity `ref` names (or, `reverse`, it depends on `app`).
  void link(const std::string& app, const YamlNode* ref, bool reverse) {
    const EntityRef target = parse_ref(ref->text, "component");
    if (target.kind != "component" && target.kind != "resource") {
      m_estate.note_file(
          fmt::format("{}:{}: {} {} '{}' ({}): only components and resources "
                      "are applications",
                      m_file, ref->mark.line, app, reverse ? "is a dependency of" : "depends on",
                      ref->text, target.kind));
      return;
    }
    const auto id = id_for(target.name, "dependsOn", at(ref), m_estate.sink());
    if (!id) {
      return;
    }
    if (*id == app) {
      m_estate.sink().error(at(ref), Code::self_dependency,
                            fmt::format("'{}' cannot depend on itself", app));
      return;
    }
    AppMention from{app, app, at(ref)};
    AppMention to{*id, target.name, at(ref)};
    if (reverse) {
      std::swap(from, to);
    }
    m_estate.link({std::move(from), std::move(to), {}, false, true});
  }

  std::string m_file;
  ImportedEstate& m_estate;
  DefinedIds m_defined;
  std::map<std::string, std::string> m_systems;  // name -> title
  std::map<std::string, std::size_t> m_skipped;
  std::size_t m_components = 0;
  std::size_t m_resources = 0;
};

}  // namespace

void import_backstage(const ImportSource& source, ImportedEstate& estate) {
  CatalogHandler handler;
  YamlLimits limits;
  limits.max_documents = 100000;
  const YamlReadResult read =
      stream_yaml(source.name, source.content, handler, estate.sink(), limits);
  if (read == YamlReadResult::failed) {
    return;
  }
  for (const Mark& mark : handler.non_map_roots) {
    estate.sink().error({source.name, mark.line, mark.column}, Code::wrong_type,
                        "a catalog document must be a mapping with apiVersion, kind, metadata "
                        "and spec");
  }
  CatalogImporter(source.name, estate).run(handler.documents);
}

}  // namespace dcexit::detail
