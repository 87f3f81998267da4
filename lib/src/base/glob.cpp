// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/glob.hpp"

#include "base/text.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace dcexit {

namespace {

thread_local std::size_t t_work = 0;

bool same(char pattern, char text) {
  return pattern == '?' || ascii_lower(pattern) == ascii_lower(text);
}

// Whether `piece` (no star) matches `text` at `at`, character by character.
bool matches_at(std::string_view piece, std::string_view text, std::size_t at) {
  t_work += piece.size();
  for (std::size_t i = 0; i < piece.size(); ++i) {
    if (!same(piece[i], text[at + i])) {
      return false;
    }
  }
  return true;
}

// Where `piece` (no star, not empty) first occurs in `text` from `from`, by Shift-And over
// ceil(|piece| / 64) words: bit i of the state is set when the last i+1 characters read match
// the piece's first i+1.
std::optional<std::size_t> find_piece(std::string_view piece, std::string_view text,
                                      std::size_t from) {
  if (text.size() < from + piece.size()) {
    return std::nullopt;
  }
  // A short text is searched directly: building the masks would cost more.
  if ((text.size() - from) * piece.size() <= 1024) {
    for (std::size_t at = from; at + piece.size() <= text.size(); ++at) {
      if (matches_at(piece, text, at)) {
        return at;
      }
    }
    return std::nullopt;
  }
  const std::size_t words = (piece.size() + 63) / 64;
  std::vector<std::array<std::uint64_t, 256>> masks(words);
  for (auto& mask : masks) {
    mask.fill(0);
  }
  for (std::size_t i = 0; i < piece.size(); ++i) {
    const std::uint64_t bit = std::uint64_t{1} << (i % 64);
    for (unsigned c = 0; c < 256; ++c) {
      if (same(piece[i], static_cast<char>(c))) {
        masks[i / 64][c] |= bit;
      }
    }
  }
  t_work += 256 * words;
  std::vector<std::uint64_t> state(words, 0);
  const std::uint64_t last = std::uint64_t{1} << ((piece.size() - 1) % 64);
  for (std::size_t t = from; t < text.size(); ++t) {
    const auto c = static_cast<unsigned char>(text[t]);
    std::uint64_t carry = 1;  // a match may start here
    for (std::size_t w = 0; w < words; ++w) {
      const std::uint64_t next_carry = state[w] >> 63U;
      state[w] = ((state[w] << 1U) | carry) & masks[w][c];
      carry = next_carry;
    }
    t_work += words;
    if ((state[words - 1] & last) != 0) {
      return t + 1 - piece.size();
    }
  }
  return std::nullopt;
}

}  // namespace

std::size_t glob_work() {
  return t_work;
}

// The pieces between stars must occur in order: the first at the start, the last at the end,
// each other one leftmost after the one before (taking the leftmost never loses a match).
bool glob_matches(std::string_view pattern, std::string_view text) {
  const std::size_t first_star = pattern.find('*');
  if (first_star == std::string_view::npos) {
    return pattern.size() == text.size() && matches_at(pattern, text, 0);
  }
  const std::string_view head = pattern.substr(0, first_star);
  const std::string_view tail = pattern.substr(pattern.rfind('*') + 1);
  if (text.size() < head.size() + tail.size() || !matches_at(head, text, 0) ||
      !matches_at(tail, text, text.size() - tail.size())) {
    return false;
  }
  const std::string_view middle = text.substr(0, text.size() - tail.size());
  std::size_t at = head.size();
  std::size_t star = first_star;
  while (star < pattern.size()) {
    const std::size_t next = pattern.find('*', star + 1);
    if (next == std::string_view::npos) {
      break;
    }
    const std::string_view piece = pattern.substr(star + 1, next - star - 1);
    star = next;
    if (piece.empty()) {
      continue;
    }
    const auto found = find_piece(piece, middle, at);
    if (!found) {
      return false;
    }
    at = *found + piece.size();
  }
  return true;
}

}  // namespace dcexit
