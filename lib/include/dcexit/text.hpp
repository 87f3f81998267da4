// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

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

// True for ids of the form [a-z0-9][a-z0-9._-]* no longer than `k_max_id_length`.
inline constexpr std::size_t k_max_id_length = 128;
bool is_valid_id(std::string_view id);

// `text` as one CSV field (RFC 4180): quoted, with quotes doubled, when it holds , " CR or LF.
std::string csv_field(std::string_view text);

// `text` safe in a Markdown table cell: '|' escaped, line breaks as spaces.
std::string markdown_cell(std::string_view text);

// `parts` joined with `separator`.
std::string join(std::span<const std::string> parts, std::string_view separator);

// `text` without leading and trailing blanks and line breaks.
std::string trim(std::string_view text);
// `text` with ASCII letters in lower case.
std::string lower(std::string_view text);

// `text` cut to `max` characters with "…" appended when cut, for quoting in messages.
std::string abbreviate(std::string_view text, std::size_t max = 60);

}  // namespace dcexit
