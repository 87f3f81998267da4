// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dcexit {

class DiagnosticSink;

// 1-based line and column of a node in its file.
struct Mark {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  // A node a `--set PATH=VALUE` option put there: `line` is the option's number among them,
  // `column` a position in its text (docs/programme.md).
  bool option = false;
};

// A small YAML node with its position. Only one top-level list item is held at a time;
// anchored nodes are shared with the aliases that refer to them, never copied.
struct YamlNode {
  enum class Kind : std::uint8_t { null, scalar, sequence, map, alias };

  Kind kind = Kind::null;
  bool quoted = false;  // a quoted scalar, or one tagged !!str: never a number, date or null
  Mark mark;
  std::string text;                        // scalar value
  std::vector<YamlNode> children;          // sequence items; map keys and values alternate
  std::shared_ptr<const YamlNode> target;  // what an alias (or an anchored node) stands for

  // The node itself, or what it stands for if it is an alias.
  [[nodiscard]] const YamlNode& resolved() const { return target ? *target : *this; }
  [[nodiscard]] bool is_null() const;
  [[nodiscard]] std::string_view kind_name() const;
};

// Limits on what one input file may ask of the reader (docs/security.md).
struct YamlLimits {
  std::size_t max_depth = 64;                 // nested collections
  std::uint64_t max_alias_nodes = 1'000'000;  // nodes reachable through aliases, per file
  std::size_t max_scalar_bytes = 1U << 20U;   // one scalar value
  std::size_t max_line_bytes = 16U << 20U;    // one line, checked before parsing
  std::size_t max_documents = 1;              // `---`-separated documents in one file
};

// Receives a document's top-level entries as they complete. For a top-level key whose value
// is a sequence, each item is handed over on its own and the sequence itself arrives empty
// afterwards, so memory stays bounded by the largest single item.
class YamlDocumentHandler {
 public:
  virtual ~YamlDocumentHandler() = default;
  virtual void on_entry(const YamlNode& key, YamlNode value) = 0;
  virtual void on_item(const YamlNode& key, YamlNode item) = 0;
  // The document's root is not a mapping.
  virtual void on_non_map_root(const YamlNode& root) = 0;
  // A document ended (files may hold several when YamlLimits::max_documents allows).
  virtual void on_document_end() {}
};

// Work done while streaming, counted so that tests can bound it without a clock.
struct YamlWork {
  std::uint64_t events = 0;       // parser events: scalars, aliases, collection starts and ends
  std::uint64_t alias_nodes = 0;  // nodes reachable through the aliases met
};

// Outcome of streaming one file.
enum class YamlReadResult : std::uint8_t { ok, empty, failed };

// Streams `content` (a whole file) through yaml-cpp's event parser into `handler`.
// Encoding problems, syntax errors, duplicate keys, custom tags, extra documents and
// exceeded limits are reported to `sink` against `file`.
// The work done is added to `work` when given.
YamlReadResult stream_yaml(std::string_view file, std::string_view content,
                           YamlDocumentHandler& handler, DiagnosticSink& sink,
                           const YamlLimits& limits = {}, YamlWork* work = nullptr);

}  // namespace dcexit
