// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/json_writer.hpp"

#include "base/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>

namespace dcexit {

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    // Plain printable ASCII (most text, every id and date) is copied a run at a time.
    std::size_t plain = i;
    while (plain < text.size()) {
      const auto p = static_cast<unsigned char>(text[plain]);
      if (p < 0x20 || p >= 0x80 || p == '"' || p == '\\') {
        break;
      }
      ++plain;
    }
    if (plain > i) {
      out.append(text.substr(i, plain - i));
      i = plain;
      continue;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t length = utf8_sequence_length(text.substr(i));
      if (length == 0) {
        out += "\\ufffd";
        ++i;
      } else {
        out.append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

namespace {
void indent_to(std::string& out, int indent) {
  out += '\n';
  out.append(static_cast<std::size_t>(std::max(indent, 0)), ' ');
}
}  // namespace

void JsonWriter::next_item() {
  if (m_after_key) {
    m_after_key = false;  // a key's value follows it directly
    return;
  }
  if (m_stack.empty()) {
    return;
  }
  Frame& f = m_stack.back();
  if (f.items > 0) {
    m_out += ',';
  }
  if (f.indent >= 0) {
    indent_to(m_out, f.indent);
  } else if (f.pending_break >= 0) {
    indent_to(m_out, f.pending_break);
    f.pending_break = -1;
  } else if (f.items > 0) {
    m_out += ' ';
  }
  ++f.items;
}

JsonWriter& JsonWriter::begin_object(Layout layout) {
  next_item();
  m_out += '{';
  m_stack.push_back({'}', layout.indent});
  return *this;
}

JsonWriter& JsonWriter::begin_array(Layout layout) {
  next_item();
  m_out += '[';
  m_stack.push_back({']', layout.indent});
  return *this;
}

JsonWriter& JsonWriter::end() {
  const Frame f = m_stack.back();
  m_stack.pop_back();
  if (f.indent >= 0 && f.items > 0) {
    indent_to(m_out, f.indent - 2);
  }
  m_out += f.close;
  return *this;
}

JsonWriter& JsonWriter::line_break(int indent) {
  m_stack.back().pending_break = indent;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  next_item();
  append_json_string(m_out, name);
  m_out += ": ";
  m_after_key = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
  next_item();
  append_json_string(m_out, text);
  return *this;
}

JsonWriter& JsonWriter::strings(std::span<const std::string> texts) {
  begin_array();
  for (const std::string& text : texts) {
    string(text);
  }
  return end();
}

JsonWriter& JsonWriter::integer(std::int64_t value) {
  next_item();
  fmt::format_to(std::back_inserter(m_out), "{}", value);
  return *this;
}

namespace {

// JSON has no inf or nan. Every figure is refused at its source when it cannot stay finite
// (docs/security.md); one that still gets here is a defect, stopped before it writes bad JSON.
void require_finite(double value) {
  if (!std::isfinite(value)) {
    throw std::logic_error(
        fmt::format("a figure that is not finite ({}) reached plan output", value));
  }
}

}  // namespace

JsonWriter& JsonWriter::unsigned_integer(std::uint64_t value) {
  next_item();
  fmt::format_to(std::back_inserter(m_out), "{}", value);
  return *this;
}

JsonWriter& JsonWriter::number(double value) {
  require_finite(value);
  next_item();
  fmt::format_to(std::back_inserter(m_out), "{:g}", value);
  return *this;
}

JsonWriter& JsonWriter::fixed(double value, int decimals) {
  require_finite(value);
  next_item();
  fmt::format_to(std::back_inserter(m_out), "{:.{}f}", value, decimals);
  return *this;
}
JsonWriter& JsonWriter::boolean(bool value) {
  return raw(value ? "true" : "false");
}
JsonWriter& JsonWriter::null() {
  return raw("null");
}

JsonWriter& JsonWriter::date(const std::optional<Date>& date) {
  return date ? string(date->to_string()) : null();
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  next_item();
  m_out += json;
  return *this;
}

}  // namespace dcexit
