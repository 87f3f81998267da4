// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// read_plan_record: a plan.json read back through the YAML reader (JSON is YAML's flow style),
// so that every problem has its line and column, under the same limits as an inventory.
#include "base/input_file.hpp"
#include "base/yaml_stream.hpp"

#include <dcexit/load.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace dcexit {

const PlanRecord::App* PlanRecord::find(std::string_view id) const {
  const auto it = std::lower_bound(applications.begin(), applications.end(), id,
                                   [](const App& a, std::string_view x) { return a.id < x; });
  return it != applications.end() && it->id == id ? &*it : nullptr;
}

namespace {

constexpr std::string_view k_plan_schema = "dcexit-plan/v1";

class PlanReader final : public YamlDocumentHandler {
 public:
  PlanReader(std::string file, DiagnosticSink& sink, PlanRecord& record)
      : m_file(std::move(file)), m_sink(sink), m_record(record) {}

  void on_entry(const YamlNode& key, YamlNode value) override {
    const std::string& name = key.resolved().text;
    if (name == "schema") {
      m_schema = true;
      if (value.resolved().text != k_plan_schema) {
        error(value, fmt::format("'schema' is '{}', not '{}': this is not a plan.json dcexit "
                                 "wrote",
                                 value.resolved().text, k_plan_schema));
      }
    } else if (name == "estate") {
      if (const YamlNode* n = field(value, "name")) {
        m_record.estate = n->resolved().text;
      }
      m_record.deadline = date(field(value, "deadline"), true);
    } else if (name == "summary") {
      m_record.exit_date = date(field(value, "exit_date"), true);
      const YamlNode* met = field(value, "deadline_met");
      m_record.deadline_met = met != nullptr && met->resolved().text == "true";
    } else if (name == "decommission") {
      read_sites(value);
    }
  }

  void on_item(const YamlNode& key, YamlNode item) override {
    const std::string& name = key.resolved().text;
    if (name == "applications") {
      PlanRecord::App app;
      app.id = text(item, "id");
      app.strategy = text(item, "strategy");
      app.wave = number(field(item, "wave"));
      app.rehearsal_wave = number(field(item, "rehearsal_wave"));
      if (!app.id.empty()) {
        m_record.applications.push_back(std::move(app));
      }
    } else if (name == "waves") {
      PlanRecord::WaveRecord wave;
      wave.number = number(field(item, "number")).value_or(0);
      wave.start = date(field(item, "start"), false).value_or(Date{});
      wave.end = date(field(item, "end"), false).value_or(Date{});
      if (const YamlNode* apps = field(item, "apps")) {
        wave.apps = apps->resolved().children.size();
      }
      m_record.waves.push_back(wave);
    }
  }

  void on_non_map_root(const YamlNode& root) override {
    error(root, "a plan.json is a JSON object");
    m_schema = true;
  }

  void finish() {
    if (!m_schema) {
      m_sink.error(
          {m_file, 1, 1}, Code::missing_schema,
          fmt::format("no 'schema': this is not a plan.json dcexit wrote ('{}')", k_plan_schema));
    }
    const auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };
    std::sort(m_record.applications.begin(), m_record.applications.end(), by_id);
    std::sort(m_record.sites.begin(), m_record.sites.end(), by_id);
    std::sort(m_record.waves.begin(), m_record.waves.end(),
              [](const auto& a, const auto& b) { return a.number < b.number; });
  }

 private:
  void error(const YamlNode& at, std::string message) {
    m_sink.error({m_file, at.mark.line, at.mark.column}, Code::wrong_type, std::move(message));
  }

  static const YamlNode* field(const YamlNode& node, std::string_view name) {
    const YamlNode& map = node.resolved();
    if (map.kind != YamlNode::Kind::map) {
      return nullptr;
    }
    for (std::size_t i = 0; i + 1 < map.children.size(); i += 2) {
      if (map.children[i].resolved().text == name) {
        return &map.children[i + 1];
      }
    }
    return nullptr;
  }

  std::string text(const YamlNode& node, std::string_view name) {
    const YamlNode* value = field(node, name);
    if (value == nullptr || value->resolved().kind != YamlNode::Kind::scalar) {
      error(value != nullptr ? *value : node, fmt::format("'{}' should be a string", name));
      return {};
    }
    return value->resolved().text;
  }

  std::optional<std::uint32_t> number(const YamlNode* node) {
    if (node == nullptr || node->is_null()) {
      return std::nullopt;
    }
    const std::string& text = node->resolved().text;
    std::uint32_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || node->resolved().quoted) {
      error(*node, fmt::format("'{}' should be a whole number", text));
      return std::nullopt;
    }
    return value;
  }

  std::optional<Date> date(const YamlNode* node, bool nullable) {
    if (node == nullptr || (nullable && node->is_null())) {
      return std::nullopt;
    }
    auto parsed = Date::parse(node->resolved().text);
    if (!parsed) {
      error(*node, fmt::format("'{}' should be a date (YYYY-MM-DD)", node->resolved().text));
    }
    return parsed;
  }

  void read_sites(const YamlNode& decommission) {
    const YamlNode* sites = field(decommission, "sites");
    if (sites == nullptr) {
      return;
    }
    for (const YamlNode& site : sites->resolved().children) {
      PlanRecord::SiteRecord record;
      record.id = text(site, "id");
      record.exit_date = date(field(site, "exit_date"), true);
      m_record.sites.push_back(std::move(record));
    }
  }

  std::string m_file;
  DiagnosticSink& m_sink;
  PlanRecord& m_record;
  bool m_schema = false;
};

}  // namespace

tl::expected<PlanRecord, LoadFailure> read_plan_record(const std::string& path,
                                                       DiagnosticSink& sink) {
  const std::string name = path == "-" ? "<stdin>" : path;
  auto content = read_input(path);
  if (!content) {
    report_unreadable(sink, name, content.error());
    return tl::unexpected(LoadFailure::unreadable);
  }
  return read_plan_record_text(name, *content, sink);
}

tl::expected<PlanRecord, LoadFailure> read_plan_record_text(std::string_view name,
                                                            std::string_view content,
                                                            DiagnosticSink& sink) {
  PlanRecord record;
  record.label = name;
  PlanReader reader(std::string(name), sink, record);
  const std::size_t errors = sink.error_count();
  const YamlReadResult result = stream_yaml(name, content, reader, sink);
  if (result == YamlReadResult::empty) {
    sink.error({std::string(name), 1, 1}, Code::empty_file,
               "file is empty; a plan.json is a JSON object");
  }
  if (result == YamlReadResult::ok) {
    reader.finish();
  }
  if (sink.error_count() != errors) {
    return tl::unexpected(LoadFailure::invalid);
  }
  return record;
}

}  // namespace dcexit
