// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/yaml_stream.hpp"

#include "base/text.hpp"

#include <dcexit/diagnostic.hpp>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <array>
#include <istream>
#include <optional>
#include <streambuf>
#include <unordered_map>

namespace dcexit {

bool YamlNode::is_null() const {
  const YamlNode& node = resolved();
  if (node.kind == Kind::null) {
    return true;
  }
  if (node.kind != Kind::scalar || node.quoted) {
    return false;
  }
  const std::string_view t = node.text;
  return t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL";
}

std::string_view YamlNode::kind_name() const {
  const YamlNode& node = resolved();
  switch (node.kind) {
    case Kind::null:
      return "null";
    case Kind::scalar:
      return node.is_null() ? "null" : "a scalar";
    case Kind::sequence:
      return "a list";
    case Kind::map:
      return "a mapping";
    case Kind::alias:
      break;
  }
  return "an alias";
}

namespace {

// A read-only streambuf over memory we already hold, so yaml-cpp reads without a copy.
class MemoryBuffer : public std::streambuf {
 public:
  explicit MemoryBuffer(std::string_view content) {
    char* begin = const_cast<char*>(content.data());  // NOLINT: streambuf API is non-const
    setg(begin, begin, begin + content.size());
  }
};

// Thrown from inside the event handler to stop the parse at a hard limit.
struct StopParsing {
  Mark mark;
  Code code;
  std::string message;
};

Mark to_mark(const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) {
    return {};
  }
  return {static_cast<std::uint32_t>(mark.line) + 1, static_cast<std::uint32_t>(mark.column) + 1};
}

struct ByteScan {
  std::optional<Mark> first_tab_indent;
};

// Checks the raw bytes: UTF-16, NUL bytes, malformed UTF-8 and lines too long to hold a
// sensible value stop the file (before yaml-cpp spends seconds on them); tabs in
// indentation are remembered to explain a later syntax error.
std::optional<ByteScan> scan_bytes(std::string_view file, std::string_view content,
                                   std::size_t max_line_bytes, DiagnosticSink& sink) {
  if (content.starts_with("\xFF\xFE") || content.starts_with("\xFE\xFF")) {
    sink.error({std::string(file), 1, 1}, Code::encoding,
               "file is UTF-16 encoded; dcexit reads UTF-8 (save the file as UTF-8)");
    return std::nullopt;
  }
  ByteScan scan;
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  bool in_indent = true;
  std::size_t line_start = 0;
  std::size_t i = content.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (i < content.size()) {
    const char c = content[i];
    if (c == '\0') {
      sink.error({std::string(file), line, column}, Code::nul_byte,
                 "file contains a NUL byte; is it a binary file?");
      return std::nullopt;
    }
    if (c == '\n') {
      ++line;
      column = 1;
      in_indent = true;
      line_start = i + 1;
      ++i;
      continue;
    }
    if (i - line_start > max_line_bytes) {
      sink.error({std::string(file), line, 1}, Code::value_too_long,
                 fmt::format("line {} is longer than {} bytes", line, max_line_bytes));
      return std::nullopt;
    }
    if (in_indent && c == '\t' && !scan.first_tab_indent) {
      scan.first_tab_indent = Mark{line, column};
    }
    if (c != ' ' && c != '\t') {
      in_indent = false;
    }
    std::size_t length = 1;
    if (static_cast<unsigned char>(c) >= 0x80) {
      length = utf8_sequence_length(content.substr(i));
      if (length == 0) {
        sink.error({std::string(file), line, column}, Code::invalid_utf8,
                   fmt::format("invalid UTF-8 byte 0x{:02X}; dcexit reads UTF-8 text",
                               static_cast<unsigned char>(c)));
        return std::nullopt;
      }
    }
    i += length;
    column += static_cast<std::uint32_t>(length);
  }
  return scan;
}

class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(std::string_view file, YamlDocumentHandler& handler, DiagnosticSink& sink,
              const YamlLimits& limits)
      : m_file(file), m_handler(handler), m_sink(sink), m_limits(limits) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++m_documents > m_limits.max_documents) {
      throw StopParsing{to_mark(mark), Code::multiple_documents,
                        "file holds more than one YAML document; use one file per document"};
    }
  }
  void OnDocumentEnd() override { m_handler.on_document_end(); }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    ++m_events;
    YamlNode node;
    node.mark = to_mark(mark);
    complete(std::move(node), anchor, 1);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    ++m_events;
    const auto found = m_anchors.find(anchor);
    if (found == m_anchors.end()) {
      throw StopParsing{to_mark(mark), Code::yaml_syntax, "alias refers to an unknown anchor"};
    }
    const std::uint64_t weight = found->second.weight;
    m_alias_nodes += weight;
    if (m_alias_nodes > m_limits.max_alias_nodes) {
      throw StopParsing{to_mark(mark), Code::alias_limit,
                        fmt::format("aliases expand to more than {} nodes; is this an alias bomb?",
                                    m_limits.max_alias_nodes)};
    }
    YamlNode node;
    node.kind = YamlNode::Kind::alias;
    node.mark = to_mark(mark);
    node.target = found->second.node;
    complete(std::move(node), 0, weight);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    ++m_events;
    if (value.size() > m_limits.max_scalar_bytes) {
      throw StopParsing{to_mark(mark), Code::value_too_long,
                        fmt::format("value is {} bytes long; the limit is {} bytes", value.size(),
                                    m_limits.max_scalar_bytes)};
    }
    YamlNode node;
    node.kind = YamlNode::Kind::scalar;
    node.mark = to_mark(mark);
    node.quoted = check_tag(tag, node.mark) == Tagged::string;
    node.text = value;
    complete(std::move(node), anchor, 1);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    open(YamlNode::Kind::sequence, mark, tag, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    open(YamlNode::Kind::map, mark, tag, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    YamlNode node;
    YAML::anchor_t anchor = 0;
    std::uint64_t weight = 1;
    bool streamed = false;  // a top-level sequence handed over item by item
    bool awaiting_value = false;
    bool skip_value = false;  // the key was unusable; drop its value
    YamlNode key;             // the current key, for the root mapping and streamed lists
    std::unordered_map<std::string, Mark> big_key_index;  // only for large mappings
    std::vector<std::pair<std::string, Mark>> root_keys;  // the root keeps no children
  };

  struct Anchored {
    std::shared_ptr<const YamlNode> node;
    std::uint64_t weight;
  };

  enum class Tagged : std::uint8_t { plain, string };

  Tagged check_tag(const std::string& tag, Mark mark) {
    if (tag.empty() || tag == "?") {
      return Tagged::plain;
    }
    if (tag == "!" || tag == "tag:yaml.org,2002:str") {
      return Tagged::string;
    }
    constexpr std::string_view k_core = "tag:yaml.org,2002:";
    constexpr std::array<std::string_view, 7> k_core_names = {"int", "float", "bool",     "null",
                                                              "map", "seq",   "timestamp"};
    if (tag.starts_with(k_core) &&
        std::find(k_core_names.begin(), k_core_names.end(),
                  std::string_view(tag).substr(k_core.size())) != k_core_names.end()) {
      return Tagged::plain;
    }
    m_sink.error({std::string(m_file), mark.line, mark.column}, Code::custom_tag,
                 fmt::format("unsupported YAML tag '{}'; inventories use plain YAML values",
                             abbreviate(tag)));
    return Tagged::plain;
  }

  void open(YamlNode::Kind kind, const YAML::Mark& mark, const std::string& tag,
            YAML::anchor_t anchor) {
    ++m_events;
    if (m_stack.size() >= m_limits.max_depth) {
      throw StopParsing{
          to_mark(mark), Code::nesting_too_deep,
          fmt::format("collections nested more than {} levels deep", m_limits.max_depth)};
    }
    Frame frame;
    frame.node.kind = kind;
    frame.node.mark = to_mark(mark);
    frame.anchor = anchor;
    check_tag(tag, frame.node.mark);
    // Items of a top-level list are handed over one by one, unless the list is anchored.
    frame.streamed = kind == YamlNode::Kind::sequence && anchor == 0 && m_stack.size() == 1 &&
                     m_stack.back().node.kind == YamlNode::Kind::map &&
                     m_stack.back().awaiting_value && !m_stack.back().skip_value;
    if (frame.streamed) {
      frame.key = m_stack.back().key;
    }
    m_stack.push_back(std::move(frame));
  }

  void close() {
    ++m_events;
    Frame frame = std::move(m_stack.back());
    m_stack.pop_back();
    complete(std::move(frame.node), frame.anchor, frame.weight);
  }

  void complete(YamlNode node, YAML::anchor_t anchor, std::uint64_t weight) {
    if (anchor != 0) {
      auto shared = std::make_shared<const YamlNode>(std::move(node));
      m_anchors[anchor] = Anchored{shared, weight};
      node = YamlNode{};
      node.kind = YamlNode::Kind::alias;
      node.mark = shared->mark;
      node.target = std::move(shared);
    }
    if (m_stack.empty()) {
      if (node.resolved().kind != YamlNode::Kind::map) {
        m_handler.on_non_map_root(node.resolved());
      }
      return;
    }
    Frame& parent = m_stack.back();
    parent.weight += weight;
    if (parent.node.kind == YamlNode::Kind::sequence) {
      if (parent.streamed) {
        m_handler.on_item(parent.key, std::move(node));
      } else {
        parent.node.children.push_back(std::move(node));
      }
      return;
    }
    if (!parent.awaiting_value) {
      add_key(parent, std::move(node));
      return;
    }
    parent.awaiting_value = false;
    if (parent.skip_value) {
      parent.skip_value = false;
    } else if (m_stack.size() == 1) {
      m_handler.on_entry(parent.key, std::move(node));
    } else {
      parent.node.children.push_back(std::move(parent.key));
      parent.node.children.push_back(std::move(node));
    }
  }

  void add_key(Frame& parent, YamlNode key) {
    parent.awaiting_value = true;
    const YamlNode& resolved = key.resolved();
    if (resolved.kind != YamlNode::Kind::scalar) {
      m_sink.error(where(key.mark), Code::complex_key,
                   fmt::format("mapping key is {}; keys must be plain names", key.kind_name()));
      parent.skip_value = true;
      return;
    }
    if (const auto first = find_key(parent, resolved.text)) {
      m_sink.error(where(key.mark), Code::duplicate_key,
                   fmt::format("duplicate key '{}' (first given at line {}, column {})",
                               abbreviate(resolved.text), first->line, first->column));
      parent.skip_value = true;
      return;
    }
    remember_key(parent, resolved.text, key.mark);
    parent.key = std::move(key);
  }

  static constexpr std::size_t k_linear_keys = 16;

  std::optional<Mark> find_key(const Frame& frame, const std::string& text) const {
    if (!frame.big_key_index.empty()) {
      const auto found = frame.big_key_index.find(text);
      return found == frame.big_key_index.end() ? std::nullopt : std::optional(found->second);
    }
    if (m_stack.size() == 1) {
      for (const auto& [name, mark] : frame.root_keys) {
        if (name == text) {
          return mark;
        }
      }
      return std::nullopt;
    }
    const auto& children = frame.node.children;
    for (std::size_t i = 0; i < children.size(); i += 2) {
      if (children[i].resolved().text == text) {
        return children[i].mark;
      }
    }
    return std::nullopt;
  }

  void remember_key(Frame& frame, const std::string& text, Mark mark) {
    if (m_stack.size() == 1) {
      frame.root_keys.emplace_back(text, mark);
    }
    const std::size_t count =
        m_stack.size() == 1 ? frame.root_keys.size() : frame.node.children.size() / 2 + 1;
    if (!frame.big_key_index.empty()) {
      frame.big_key_index.emplace(text, mark);
    } else if (count > k_linear_keys) {
      if (m_stack.size() == 1) {
        for (const auto& [name, at] : frame.root_keys) {
          frame.big_key_index.emplace(name, at);
        }
      } else {
        const auto& children = frame.node.children;
        for (std::size_t i = 0; i < children.size(); i += 2) {
          frame.big_key_index.emplace(children[i].resolved().text, children[i].mark);
        }
        frame.big_key_index.emplace(text, mark);
      }
    }
  }

  SourceLocation where(Mark mark) const { return {std::string(m_file), mark.line, mark.column}; }

  std::string_view m_file;
  YamlDocumentHandler& m_handler;
  DiagnosticSink& m_sink;
  const YamlLimits& m_limits;
  std::vector<Frame> m_stack;
  std::unordered_map<YAML::anchor_t, Anchored> m_anchors;
  std::uint64_t m_alias_nodes = 0;
  std::uint64_t m_events = 0;
  std::size_t m_documents = 0;

 public:
  void add_work(YamlWork& work) const {
    work.events += m_events;
    work.alias_nodes += m_alias_nodes;
  }
};

std::string describe_parser_error(const std::string& message) {
  if (message.empty()) {
    return "YAML syntax error";
  }
  return "YAML syntax error: " + message;
}

}  // namespace

namespace {

YamlReadResult parse(std::string_view file, std::string_view content, const ByteScan* scan,
                     TreeBuilder& builder, DiagnosticSink& sink, const YamlLimits& limits) {
  MemoryBuffer buffer(content);
  std::istream in(&buffer);
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(builder)) {
      return YamlReadResult::empty;
    }
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const StopParsing& stop) {
    sink.error({std::string(file), stop.mark.line, stop.mark.column}, stop.code, stop.message);
    return YamlReadResult::failed;
  } catch (const YAML::DeepRecursion& e) {
    const Mark mark = to_mark(e.mark);
    sink.error({std::string(file), mark.line, mark.column}, Code::nesting_too_deep,
               fmt::format("collections nested more than {} levels deep", limits.max_depth));
    return YamlReadResult::failed;
  } catch (const YAML::Exception& e) {
    const Mark mark = to_mark(e.mark);
    if (scan->first_tab_indent && scan->first_tab_indent->line <= mark.line) {
      const Mark tab = *scan->first_tab_indent;
      sink.error({std::string(file), tab.line, tab.column}, Code::tab_indent,
                 "tab character in indentation; YAML indents with spaces only");
    } else {
      sink.error({std::string(file), mark.line, mark.column}, Code::yaml_syntax,
                 describe_parser_error(e.msg));
    }
    return YamlReadResult::failed;
  }
  return YamlReadResult::ok;
}

}  // namespace

YamlReadResult stream_yaml(std::string_view file, std::string_view content,
                           YamlDocumentHandler& handler, DiagnosticSink& sink,
                           const YamlLimits& limits, YamlWork* work) {
  const std::optional<ByteScan> scan = scan_bytes(file, content, limits.max_line_bytes, sink);
  if (!scan) {
    return YamlReadResult::failed;
  }
  TreeBuilder builder(file, handler, sink, limits);
  const YamlReadResult result = parse(file, content, &*scan, builder, sink, limits);
  if (work != nullptr) {
    builder.add_work(*work);
  }
  return result;
}

}  // namespace dcexit
