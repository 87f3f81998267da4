// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/yaml_stream.hpp"
#include "test_support.hpp"

#include <dcexit/diagnostic.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace dcexit;

namespace {

// Records what the stream hands over, as "key=..." strings.
class Recorder final : public YamlDocumentHandler {
 public:
  std::vector<std::string> events;
  std::vector<YamlNode> items;

  void on_entry(const YamlNode& key, YamlNode value) override {
    events.push_back("entry " + key.text + " " + std::string(value.kind_name()) + " " +
                     std::to_string(value.resolved().children.size()));
  }
  void on_item(const YamlNode& key, YamlNode item) override {
    events.push_back("item " + key.text);
    items.push_back(std::move(item));
  }
  void on_non_map_root(const YamlNode& root) override {
    events.push_back("root " + std::string(root.kind_name()));
  }
};

struct Streamed {
  YamlReadResult result;
  Recorder recorder;
  DiagnosticSink sink;
  std::vector<std::string> lines() { return test::lines(sink); }
};

Streamed stream(const std::string& text, YamlLimits limits = {}) {
  Streamed s;
  s.result = stream_yaml("t.yaml", text, s.recorder, s.sink, limits);
  return s;
}

}  // namespace

TEST_CASE("yaml: top-level lists are handed over item by item", "[yaml]") {
  auto s = stream("schema: x\nservers:\n  - {id: a}\n  - {id: b}\nestate: {name: n}\n");
  CHECK(s.result == YamlReadResult::ok);
  CHECK(s.recorder.events == std::vector<std::string>{"entry schema a scalar 0", "item servers",
                                                      "item servers", "entry servers a list 0",
                                                      "entry estate a mapping 2"});
  REQUIRE(s.recorder.items.size() == 2);
  CHECK(s.recorder.items[1].mark.line == 4);
  CHECK(s.recorder.items[1].mark.column == 5);
}

TEST_CASE("yaml: marks are 1-based, scalars keep whether they were quoted", "[yaml]") {
  auto s = stream("apps:\n  - {a: 1, b: \"1\", c: '1', d: !!str 1, e: ~, f: }\n");
  REQUIRE(s.recorder.items.size() == 1);
  const auto& map = s.recorder.items[0].children;
  REQUIRE(map.size() == 12);
  CHECK_FALSE(map[1].quoted);
  CHECK(map[3].quoted);
  CHECK(map[5].quoted);
  CHECK(map[7].quoted);
  CHECK(map[9].is_null());
  CHECK(map[11].is_null());
  CHECK(map[2].mark.line == 2);
  CHECK(map[2].mark.column == 12);
}

TEST_CASE("yaml: duplicate keys at any depth", "[yaml]") {
  auto s = stream("a: 1\nb:\n  c:\n    d: 1\n    d: 2\n  e: [ {f: 1, f: 1} ]\na: 3\n");
  CHECK(s.lines() == std::vector<std::string>{
                         "t.yaml:5:5: error: duplicate key 'd' (first given at line 4, column 5) "
                         "[duplicate-key]",
                         "t.yaml:6:15: error: duplicate key 'f' (first given at line 6, column 9) "
                         "[duplicate-key]",
                         "t.yaml:7:1: error: duplicate key 'a' (first given at line 1, column 1) "
                         "[duplicate-key]",
                     });
}

TEST_CASE("yaml: duplicate keys in a large mapping use an index", "[yaml]") {
  std::string text = "m:\n";
  for (int i = 0; i < 100; ++i) {
    text += "  k" + std::to_string(i) + ": 1\n";
  }
  text += "  k7: 2\n";
  auto s = stream(text);
  CHECK(s.lines() == std::vector<std::string>{"t.yaml:102:3: error: duplicate key 'k7' (first "
                                              "given at line 9, column 3) [duplicate-key]"});
}

TEST_CASE("yaml: anchors and aliases share nodes", "[yaml]") {
  auto s = stream("defaults: &d {x: 1}\nitems:\n  - *d\n  - {<<: *d, y: 2}\n");
  CHECK(s.sink.all().empty());
  REQUIRE(s.recorder.items.size() == 2);
  CHECK(s.recorder.items[0].resolved().kind == YamlNode::Kind::map);
  CHECK(s.recorder.items[0].resolved().children[0].text == "x");
}

TEST_CASE("yaml: alias expansion is bounded", "[yaml]") {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char previous = 'a';
  for (char c = 'b'; c <= 'j'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) {
      bomb += std::string(i ? ", *" : "*") + previous;
    }
    bomb += "]\n";
    previous = c;
  }
  auto s = stream(bomb);
  CHECK(s.result == YamlReadResult::failed);
  CHECK(s.lines() ==
        std::vector<std::string>{"t.yaml:6:36: error: aliases expand to more than "
                                 "1000000 nodes; is this an alias bomb? [alias-limit]"});
}

TEST_CASE("yaml: nesting is bounded", "[yaml]") {
  auto s = stream(std::string(100'000, '[') + std::string(100'000, ']'));
  CHECK(s.result == YamlReadResult::failed);
  CHECK(s.lines() ==
        std::vector<std::string>{"t.yaml:1:65: error: collections nested more than 64 levels deep "
                                 "[nesting-too-deep]"});
}

TEST_CASE("yaml: encoding problems stop the file at the first bad byte", "[yaml]") {
  CHECK(stream("a: 1\nb: x\xFFy\nc: \xFF\n").lines() ==
        std::vector<std::string>{
            "t.yaml:2:5: error: invalid UTF-8 byte 0xFF; dcexit reads UTF-8 text [invalid-utf8]"});
  CHECK(stream(std::string("a: 1\n  b\0c", 10)).lines() ==
        std::vector<std::string>{
            "t.yaml:2:4: error: file contains a NUL byte; is it a binary file? [nul-byte]"});
  CHECK(stream("\xFF\xFE"
               "a\0:\0")
            .lines() ==
        std::vector<std::string>{"t.yaml:1:1: error: file is UTF-16 encoded; dcexit reads UTF-8 "
                                 "(save the file as UTF-8) [encoding]"});
}

TEST_CASE("yaml: a byte-order mark and CRLF line ends are read as YAML means them", "[yaml]") {
  auto s = stream("\xEF\xBB\xBFitems:\r\n  - {id: a}\r\n  - b\r\n");
  CHECK(s.sink.all().empty());
  REQUIRE(s.recorder.items.size() == 2);
  CHECK(s.recorder.items[1].text == "b");
  CHECK(s.recorder.items[1].mark.line == 3);
}

TEST_CASE("yaml: tabs in indentation are named as the cause", "[yaml]") {
  CHECK(stream("a:\n\tb: 1\n").lines() ==
        std::vector<std::string>{"t.yaml:2:1: error: tab character in indentation; YAML indents "
                                 "with spaces only [tab-indent]"});
}

TEST_CASE("yaml: syntax errors, documents, tags, empty input", "[yaml]") {
  CHECK(stream("a: [1, 2\n").lines() ==
        std::vector<std::string>{"t.yaml:2:1: error: YAML syntax error: end of sequence flow not "
                                 "found [yaml-syntax]"});
  CHECK(stream("a: 1\n---\nb: 2\n").lines() ==
        std::vector<std::string>{"t.yaml:2:1: error: file holds more than one YAML document; use "
                                 "one file per document [multiple-documents]"});
  CHECK(stream("a: !include x.yaml\n").lines() ==
        std::vector<std::string>{"t.yaml:1:4: error: unsupported YAML tag '!include'; inventories "
                                 "use plain YAML values [custom-tag]"});
  CHECK(stream("").result == YamlReadResult::empty);
  CHECK(stream("# just a comment\n\n").result == YamlReadResult::empty);
  CHECK(stream("- a\n- b\n").recorder.events == std::vector<std::string>{"root a list"});
}

TEST_CASE("yaml: over-long scalars and lines are refused", "[yaml]") {
  YamlLimits limits;
  limits.max_scalar_bytes = 16;
  CHECK(stream("a: \"" + std::string(10, 'x') + "\n  " + std::string(10, 'x') + "\"\n", limits)
            .lines() ==
        std::vector<std::string>{
            "t.yaml:1:4: error: value is 21 bytes long; the limit is 16 bytes [value-too-long]"});
  limits.max_line_bytes = 32;
  CHECK(stream("a: 1\nb: " + std::string(40, 'x') + "\n", limits).lines() ==
        std::vector<std::string>{
            "t.yaml:2:1: error: line 2 is longer than 32 bytes [value-too-long]"});
}
