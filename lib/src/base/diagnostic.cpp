// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/json_writer.hpp"
#include "base/text.hpp"

#include <dcexit/diagnostic.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <tuple>

namespace dcexit {

namespace {
constexpr bool codes_in_order() {
  for (std::size_t i = 0; i < k_codes.size(); ++i) {
    if (static_cast<std::size_t>(k_codes[i].first) != i) {
      return false;
    }
  }
  return true;
}
static_assert(codes_in_order(), "k_codes lists every code, in the enum's order");
}  // namespace

std::string_view to_string(Code code) {
  const auto i = static_cast<std::size_t>(code);  // the table is in the enum's order
  return i < k_codes.size() ? k_codes[i].second : std::string_view("internal-error");
}

Diagnostic Diagnostic::make(Severity severity, SourceLocation where, Code code,
                            std::string message) {
  Diagnostic d;
  d.where = std::move(where);
  d.severity = severity;
  d.code = code;
  d.message = std::move(message);
  return d;
}

void DiagnosticSink::error(SourceLocation where, Code code, std::string message) {
  add(Diagnostic::make(Severity::error, std::move(where), code, std::move(message)));
}

void DiagnosticSink::warning(SourceLocation where, Code code, std::string message) {
  add(Diagnostic::make(Severity::warning, std::move(where), code, std::move(message)));
}

void DiagnosticSink::note(SourceLocation where, Code code, std::string message) {
  add(Diagnostic::make(Severity::note, std::move(where), code, std::move(message)));
}

void DiagnosticSink::add(Diagnostic diagnostic) {
  if (m_diagnostics.size() >= m_limit) {
    if (m_dropped++ == 0) {
      m_first_dropped = diagnostic.where;
    }
    ++m_dropped_by[static_cast<std::size_t>(diagnostic.severity)];
    return;
  }
  m_diagnostics.push_back(std::move(diagnostic));
}

void DiagnosticSink::promote_warnings() {
  const auto errors = static_cast<std::size_t>(Severity::error);
  const auto warnings = static_cast<std::size_t>(Severity::warning);
  m_dropped_by[errors] += m_dropped_by[warnings];
  m_dropped_by[warnings] = 0;
  for (Diagnostic& d : m_diagnostics) {
    if (d.severity == Severity::warning) {
      d.severity = Severity::error;
    }
  }
}

namespace {
// File, line, column, then errors before warnings before notes, then code and message.
auto sort_key(const Diagnostic& d) {
  using Key = std::tuple<const std::string&, std::uint32_t, std::uint32_t, int, std::string_view,
                         const std::string&>;
  return Key(d.where.file, d.where.line, d.where.column,
             d.severity == Severity::error     ? 0
             : d.severity == Severity::warning ? 1
                                               : 2,
             to_string(d.code), d.message);
}
}  // namespace

void DiagnosticSink::sort() {
  if (m_dropped > 0) {
    const bool errors = m_dropped_by[static_cast<std::size_t>(Severity::error)] > 0;
    m_diagnostics.push_back({m_first_dropped, errors ? Severity::error : Severity::warning,
                             Code::too_many_diagnostics,
                             fmt::format("{} more problems not shown; only the first {} are "
                                         "listed",
                                         m_dropped, m_limit)});
    m_dropped = 0;
  }
  std::stable_sort(
      m_diagnostics.begin(), m_diagnostics.end(),
      [](const Diagnostic& a, const Diagnostic& b) { return sort_key(a) < sort_key(b); });
  auto same = [](const Diagnostic& a, const Diagnostic& b) { return sort_key(a) == sort_key(b); };
  m_diagnostics.erase(std::unique(m_diagnostics.begin(), m_diagnostics.end(), same),
                      m_diagnostics.end());
}

std::size_t DiagnosticSink::count(Severity severity) const {
  return m_dropped_by[static_cast<std::size_t>(severity)] +
         static_cast<std::size_t>(
             std::count_if(m_diagnostics.begin(), m_diagnostics.end(), [&](const Diagnostic& d) {
               return d.severity == severity && d.code != Code::too_many_diagnostics;
             }));
}

std::size_t DiagnosticSink::error_count() const {
  return count(Severity::error);
}

std::size_t DiagnosticSink::warning_count() const {
  return count(Severity::warning);
}

std::size_t DiagnosticSink::note_count() const {
  return count(Severity::note);
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
  }
  return "warning";
}

std::vector<Diagnostic> with_code(const std::vector<Diagnostic>& items, Code code, bool matching) {
  std::vector<Diagnostic> out;
  std::copy_if(items.begin(), items.end(), std::back_inserter(out),
               [&](const Diagnostic& d) { return (d.code == code) == matching; });
  return out;
}

std::string format_text(const Diagnostic& d) {
  if (d.where.file.empty()) {  // about the command, not a file: a usage or output error
    return fmt::format("dcexit: {}: {} [{}]", to_string(d.severity), printable(d.message),
                       to_string(d.code));
  }
  return fmt::format("{}:{}:{}: {}: {} [{}]", printable(d.where.file), d.where.line,
                     column_text(d.where), to_string(d.severity), printable(d.message),
                     to_string(d.code));
}

std::string column_text(const SourceLocation& where) {
  return where.column_letter && where.column > 0 ? column_letters(where.column)
                                                 : std::to_string(where.column);
}

std::string format_json(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  JsonWriter w(out);
  w.begin_array(JsonLayout::lines(2));
  for (const Diagnostic& d : diagnostics) {
    w.begin_object()
        .field("file", d.where.file)
        .field("line", d.where.line)
        .field("column", d.where.column);
    if (d.where.column_letter && d.where.column > 0) {
      w.field("column_letter", column_letters(d.where.column));
    }
    w.field("severity", to_string(d.severity))
        .field("code", to_string(d.code))
        .field("message", d.message)
        .end();
  }
  w.end();
  out += '\n';
  return out;
}

namespace {
// GitHub workflow commands need %, CR, LF escaped in data and also `:` and `,` in properties.
std::string escape_github(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}
}  // namespace

std::string format_github(const Diagnostic& d) {
  // Control characters are escaped first (ESC would colour the log), then what GitHub reads.
  // GitHub's annotation levels are error, warning and notice.
  return fmt::format("::{} file={},line={},col={},title={}::{}",
                     d.severity == Severity::note ? "notice" : to_string(d.severity),
                     escape_github(printable(d.where.file), true), d.where.line, d.where.column,
                     escape_github(to_string(d.code), true),
                     escape_github(terminal_text(d.message), false));
}

}  // namespace dcexit
