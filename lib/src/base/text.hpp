// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <dcexit/inventory.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace dcexit {

// Length of the well-formed UTF-8 sequence at the start of `text`, or 0 if it is malformed.
std::size_t utf8_sequence_length(std::string_view text);

// Byte offset of the first malformed UTF-8 sequence in `text`, if any.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Levenshtein distance, giving up (returning `limit + 1`) once it exceeds `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

// The candidate closest to `word` if it is close enough to be a likely typo.
std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates);

// ` (did you mean 'x'?)` or an empty string.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

// For a mistyped id the user asked for by name: the close match, or else up to three candidates
// that start with `word` ("sap" -> " (did you mean 'sap-bw', 'sap-crm' or 'sap-erp'?)").
std::string did_you_mean_id(std::string_view word, std::span<const std::string_view> candidates);

// `text` as one CSV field (RFC 4180): quoted, with quotes doubled, when it holds , " CR or LF.
// A field a spreadsheet would run as a formula (starting with = + - @ tab or CR) is
// neutralised as OWASP advises: a leading apostrophe, and quoted.
std::string csv_field(std::string_view text);

// `text` as inline Markdown that shows as written, in a table cell, a list item or a heading:
// line breaks and other control characters become spaces; the characters that make links,
// images, HTML, code or cell breaks (\ ` * [ ] < > | ~ ! #) are escaped. An underscore stays:
// inside a word it starts no emphasis, and ids hold many.
std::string markdown_text(std::string_view text);
// `text` as a relative URL path (a Markdown or HTML link to an estate's folder): everything but
// letters, digits and - . _ ~ / percent-encoded.
std::string url_path(std::string_view text);
// `text` as a task or title in a Mermaid gantt chart: only letters (any script), digits, blanks
// and . _ - / ( ) & ' + are kept, the rest become blanks, so no name can end the task, add one,
// open a comment or close the code fence; a name starting with a Mermaid keyword is prefixed.
std::string mermaid_text(std::string_view text, std::string_view prefix_on_keyword);

// A spreadsheet's name for column `column` (1-based): "A", "Z", "AA" for 1, 26, 27.
std::string column_letters(std::size_t column);

// `parts` joined with `separator`.
std::string join(std::span<const std::string> parts, std::string_view separator);

// `text` without leading and trailing blanks and line breaks.
std::string trim(std::string_view text);
// `text` with ASCII letters in lower case.
std::string lower(std::string_view text);
// One ASCII character lower-cased (others unchanged).
constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
// Equal, or `text` holds `part`, ignoring ASCII case (no allocation).
bool iequals(std::string_view a, std::string_view b);
bool contains_ignoring_case(std::string_view text, std::string_view part);

// `text` cut to `max` characters with "…" appended when cut, for quoting in messages.
std::string abbreviate(std::string_view text, std::size_t max = 60);

}  // namespace dcexit
