// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: the one way report.html and index.html are written. Text is escaped by default:
// only Markup (built here, or a string literal of ours) goes into a page as it is.
#pragma once

#include <dcexit/inventory.hpp>

#include <fmt/format.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace dcexit::html {

// `text` escaped for HTML text and attribute values (& < > " '), control characters but tab,
// line feed and carriage return as blanks.
std::string escape(std::string_view text);

// A piece of HTML or SVG that is safe as it stands.
class Markup {
 public:
  Markup() = default;
  // Our own markup, written in the source: only a string literal can become Markup this way.
  template <std::size_t N>
  Markup(const char (&literal)[N]) : m_text(literal, N - 1) {}  // NOLINT: implicit on purpose

  // Markup that a trusted program made (Graphviz's SVG of our own dot text).
  static Markup from_trusted_program(std::string text) {
    Markup m;
    m.m_text = std::move(text);
    return m;
  }

  Markup& operator+=(const Markup& more) {
    m_text += more.m_text;
    return *this;
  }
  template <std::size_t N>
  Markup& operator+=(const char (&literal)[N]) {
    m_text.append(literal, N - 1);
    return *this;
  }
  friend Markup operator+(Markup a, const Markup& b) { return a += b; }

  [[nodiscard]] const std::string& str() const { return m_text; }
  [[nodiscard]] std::string release() { return std::move(m_text); }
  [[nodiscard]] bool empty() const { return m_text.empty(); }
  void reserve(std::size_t n) { m_text.reserve(n); }

 private:
  friend struct Builder;
  std::string m_text;
};

// Text made safe: strings are escaped, Markup passes, numbers print as numbers.
inline std::string_view convert(const Markup& markup) {
  return markup.str();
}
inline std::string convert(const Date& date) {
  return date.to_string();
}
template <class T>
auto convert(const T& value) {
  if constexpr (std::is_arithmetic_v<T>) {
    return value;
  } else {
    static_assert(std::is_convertible_v<const T&, std::string_view>,
                  "html::format takes Markup, text, dates and numbers");
    return escape(std::string_view(value));
  }
}

template <class T>
using Converted = decltype(convert(std::declval<const T&>()));

struct Builder {
  static Markup make(std::string text) {
    Markup m;
    m.m_text = std::move(text);
    return m;
  }
};

// fmt::format with every argument made safe by convert(): the format string is ours, the
// arguments may come from an inventory.
template <class... Args>
Markup format(fmt::format_string<Converted<Args>...> pattern, const Args&... args) {
  return Builder::make(fmt::format(pattern, convert(args)...));
}

}  // namespace dcexit::html
