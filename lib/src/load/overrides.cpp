// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "load/overrides.hpp"

#include <dcexit/inventory.hpp>

#include <fmt/format.h>

#include <charconv>

namespace dcexit::detail {

namespace {

Mark option_mark(const Override& o, std::size_t column) {
  return Mark{o.number, static_cast<std::uint32_t>(column + 1), true};
}

void error(DiagnosticSink& sink, const Override& o, std::size_t column, Code code,
           std::string message) {
  sink.error({std::string(k_option_file_name), o.number, static_cast<std::uint32_t>(column + 1)},
             code, std::move(message));
}

YamlNode scalar(std::string text, Mark mark) {
  YamlNode node;
  node.kind = text.empty() ? YamlNode::Kind::null : YamlNode::Kind::scalar;
  node.text = std::move(text);
  node.mark = mark;
  return node;
}

// The value of `key` in the mapping `item`, or nullptr.
const YamlNode* value_of(const YamlNode& item, std::string_view key) {
  const YamlNode& map = item.resolved();
  if (map.kind != YamlNode::Kind::map) {
    return nullptr;
  }
  for (std::size_t i = 0; i + 1 < map.children.size(); i += 2) {
    if (map.children[i].resolved().text == key) {
      return &map.children[i + 1].resolved();
    }
  }
  return nullptr;
}

// The item of `list` that `segment` selects: by its number from 1, or by its name or id (a
// freeze by its name: policy.freezes.annual-billing.to).
YamlNode* list_item(YamlNode& list, const std::string& segment) {
  std::size_t index = 0;
  const auto [end, ec] = std::from_chars(segment.data(), segment.data() + segment.size(), index);
  if (ec == std::errc{} && end == segment.data() + segment.size()) {
    return index == 0 || index > list.children.size() ? nullptr : &list.children[index - 1];
  }
  for (YamlNode& item : list.children) {
    for (const std::string_view key : {"name", "id"}) {
      const YamlNode* value = value_of(item, key);
      if (value != nullptr && value->kind == YamlNode::Kind::scalar && value->text == segment) {
        return &item;
      }
    }
  }
  return nullptr;
}

// " (its items: 'a', 'b')" from the items' names or ids, or "".
std::string item_names(const YamlNode& list) {
  std::string names;
  for (const YamlNode& item : list.children) {
    const YamlNode* name = value_of(item, "name");
    name = name != nullptr ? name : value_of(item, "id");
    if (name != nullptr && name->kind == YamlNode::Kind::scalar) {
      names += fmt::format("{}'{}'", names.empty() ? "" : ", ", printable(name->text));
    }
  }
  return names.empty() ? names : fmt::format(" (its items: {})", names);
}

// Sets the value at `path` (segments from `from`, an offset into o.path) under `node`,
// creating mappings on the way.
void set_at(Override& o, std::size_t from, YamlNode& root, DiagnosticSink& sink) {
  YamlNode* node = &root;
  std::size_t at = from;
  while (true) {
    const std::size_t dot = o.path.find('.', at);
    const std::string segment = o.path.substr(at, dot == std::string::npos ? dot : dot - at);
    const bool last = dot == std::string::npos;
    if (node->target) {  // an alias or an anchored node: change a copy of what it stands for
      YamlNode copy = node->resolved();
      *node = std::move(copy);
    }
    if (node->kind == YamlNode::Kind::null) {
      node->kind = YamlNode::Kind::map;
    }
    YamlNode* next = nullptr;
    if (node->kind == YamlNode::Kind::map) {
      for (std::size_t i = 0; i + 1 < node->children.size(); i += 2) {
        if (node->children[i].resolved().text == segment) {
          next = &node->children[i + 1];
          break;
        }
      }
      if (next == nullptr) {
        node->children.push_back(scalar(segment, option_mark(o, at)));
        node->children.push_back(scalar("", option_mark(o, at)));
        next = &node->children.back();
      }
    } else if (node->kind == YamlNode::Kind::sequence) {
      next = list_item(*node, segment);
      if (next == nullptr) {
        error(sink, o, at, Code::bad_value,
              fmt::format("'{}' is a list of {} item{} here, with no item '{}': select one by its "
                          "number, 1 to {}, or by its name or id{}",
                          o.path.substr(0, at - 1), node->children.size(),
                          node->children.size() == 1 ? "" : "s", printable(segment),
                          node->children.size(), item_names(*node)));
        o.applied = true;
        return;
      }
    } else {
      error(sink, o, at, Code::wrong_type,
            fmt::format("'{}' is {} in the inventory, not a mapping: '{}' cannot be set in it",
                        o.path.substr(0, at - 1), node->kind_name(), segment));
      o.applied = true;
      return;
    }
    if (last) {
      *next = scalar(o.value, option_mark(o, o.path.size() + 1));
      o.applied = true;
      return;
    }
    node = next;
    at = dot + 1;
  }
}

std::string_view first_segment(std::string_view path) {
  return path.substr(0, path.find('.'));
}

}  // namespace

std::vector<Override> parse_overrides(const std::vector<std::string>& options,
                                      DiagnosticSink& sink) {
  std::vector<Override> out;
  for (std::size_t i = 0; i < options.size(); ++i) {
    Override o;
    o.number = static_cast<std::uint32_t>(i + 1);
    const std::string& text = options[i];
    const std::size_t equals = text.find('=');
    if (equals == std::string::npos) {
      error(sink, o, 0, Code::bad_value,
            fmt::format("'{}' has no '=': give PATH=VALUE, such as policy.wave.max_apps=8",
                        printable(text)));
      continue;
    }
    o.path = text.substr(0, equals);
    o.value = text.substr(equals + 1);
    const bool empty_segment = o.path.empty() || o.path.front() == '.' || o.path.back() == '.' ||
                               o.path.find("..") != std::string::npos;
    if (empty_segment || o.path.find('.') == std::string::npos) {
      error(sink, o, 0, Code::bad_value,
            fmt::format("'{}' is not a path to one value: give its keys from the top, joined "
                        "by '.', such as estate.deadline or applications.APP.decision.strategy",
                        printable(o.path)));
      continue;
    }
    out.push_back(std::move(o));
  }
  return out;
}

void apply_overrides(std::vector<Override>& overrides, std::string_view top, YamlNode& node,
                     bool item, DiagnosticSink& sink) {
  for (Override& o : overrides) {
    if (first_segment(o.path) != top) {
      continue;
    }
    const std::size_t rest = top.size() + 1;
    if (!item) {
      if (node.resolved().kind == YamlNode::Kind::sequence) {
        continue;  // a top-level list arriving whole: its items are matched one by one
      }
      set_at(o, rest, node, sink);
      continue;
    }
    // An item of a list with ids: the path goes on with its id, then a '.'.
    const YamlNode& map = node.resolved();
    if (map.kind != YamlNode::Kind::map) {
      continue;
    }
    for (std::size_t i = 0; i + 1 < map.children.size(); i += 2) {
      if (map.children[i].resolved().text != "id") {
        continue;
      }
      const std::string& id = map.children[i + 1].resolved().text;
      if (!id.empty() && o.path.size() > rest + id.size() + 1 &&
          o.path.compare(rest, id.size(), id) == 0 && o.path[rest + id.size()] == '.') {
        set_at(o, rest + id.size() + 1, node, sink);
      }
      break;
    }
  }
}

YamlNode synthesised_section(std::string_view top) {
  YamlNode node;
  node.kind = YamlNode::Kind::null;
  node.mark = Mark{1, 1, true};
  (void)top;
  return node;
}

void report_unapplied(const std::vector<Override>& overrides, DiagnosticSink& sink,
                      const std::function<std::string(std::string_view, std::string_view)>& hint) {
  for (const Override& o : overrides) {
    if (o.applied) {
      continue;
    }
    const std::string_view top = first_segment(o.path);
    if (top == "sites" || top == "servers" || top == "applications") {
      const std::string_view kind = top == "sites"     ? "site"
                                    : top == "servers" ? "server"
                                                       : "application";
      const std::string_view rest = std::string_view(o.path).substr(top.size() + 1);
      const std::string_view id = rest.substr(0, rest.find('.'));
      error(sink, o, top.size() + 1, Code::unknown_reference,
            fmt::format("'{}' names no {} of the inventory: the {} id comes after '{}.'{}",
                        printable(o.path), kind, kind, top, hint(top, id)));
    } else {
      error(sink, o, 0, Code::unknown_key,
            fmt::format("'{}' cannot be set: '{}' is not a mapping of the inventory (estate, "
                        "policy) or a list of items with ids (sites, servers, applications)",
                        printable(o.path), printable(top)));
    }
  }
}

}  // namespace dcexit::detail
