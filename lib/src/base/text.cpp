// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/text.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace dcexit {

namespace {
std::string fmt_more(std::size_t more) {
  return " or " + std::to_string(more) + " more";
}
}  // namespace

std::size_t utf8_sequence_length(std::string_view text) {
  if (text.empty()) {
    return 0;
  }
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) {
    return 1;
  }
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    low = lead == 0xE0 ? 0xA0 : 0x80;   // no overlong forms
    high = lead == 0xED ? 0x9F : 0xBF;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    low = lead == 0xF0 ? 0x90 : 0x80;
    high = lead == 0xF4 ? 0x8F : 0xBF;
  } else {
    return 0;
  }
  if (text.size() < length || byte(1) < low || byte(1) > high) {
    return 0;
  }
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) {
      return 0;
    }
  }
  return length;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text.substr(i));
    if (length == 0) {
      return i;
    }
    i += length;
  }
  return std::nullopt;
}

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > limit) {
    return limit + 1;
  }
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    std::size_t best = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
      best = std::min(best, row[j]);
    }
    if (best > limit) {
      return limit + 1;
    }
  }
  return row[b.size()];
}

std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates) {
  constexpr std::size_t k_min_length = 3;  // "did you mean" on one or two letters is noise
  if (word.size() < k_min_length) {
    return std::nullopt;
  }
  const std::size_t limit = std::max<std::size_t>(1, std::min<std::size_t>(3, word.size() / 3));
  std::optional<std::string_view> best;
  std::size_t best_distance = limit + 1;
  for (std::string_view candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate, limit);
    // Ties go to the alphabetically first candidate, so hints do not depend on input order.
    if (distance < best_distance || (distance == best_distance && best && candidate < *best)) {
      best_distance = distance;
      best = candidate;
    }
  }
  if (best_distance <= limit) {
    return best;
  }
  // A word that is the start of exactly one candidate: 'memory' for 'memory_gb'.
  std::optional<std::string_view> prefixed;
  for (std::string_view candidate : candidates) {
    if (word.size() >= 4 && candidate.starts_with(word)) {
      if (prefixed) {
        return std::nullopt;
      }
      prefixed = candidate;
    }
  }
  return prefixed;
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  if (auto match = closest_match(word, candidates)) {
    return " (did you mean '" + std::string(*match) + "'?)";
  }
  return {};
}

std::string did_you_mean_id(std::string_view word, std::span<const std::string_view> candidates) {
  if (auto match = closest_match(word, candidates)) {
    return " (did you mean '" + std::string(*match) + "'?)";
  }
  constexpr std::size_t k_shown = 3;
  std::vector<std::string_view> starting;
  for (std::string_view candidate : candidates) {
    if (!word.empty() && candidate.starts_with(word)) {
      starting.push_back(candidate);
    }
  }
  if (starting.empty()) {
    return {};
  }
  std::sort(starting.begin(), starting.end());
  std::string out = " (did you mean ";
  const std::size_t shown = std::min(starting.size(), k_shown);
  for (std::size_t i = 0; i < shown; ++i) {
    out += i == 0 ? "" : (i + 1 == shown && starting.size() <= k_shown ? " or " : ", ");
    out += "'" + std::string(starting[i]) + "'";
  }
  if (starting.size() > k_shown) {
    out += fmt_more(starting.size() - k_shown);
  }
  return out + "?)";
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > k_max_id_length) {
    return false;
  }
  const auto allowed = [](char c, bool first) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    return alnum || (!first && (c == '.' || c == '_' || c == '-'));
  };
  if (!allowed(id.front(), true)) {
    return false;
  }
  return std::all_of(id.begin() + 1, id.end(), [&](char c) { return allowed(c, false); });
}

std::string csv_field(std::string_view text) {
  const bool formula =
      !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
  if (!formula && text.find_first_of(",\"\n\r") == std::string_view::npos) {
    return std::string(text);
  }
  std::string out = formula ? "\"'" : "\"";
  out.reserve(text.size() + 4);
  for (char c : text) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  out += '"';
  return out;
}

namespace {

// The byte length of a line break or other control character at the start of `text`, else 0.
std::size_t control_length(std::string_view text) {
  const auto c = static_cast<unsigned char>(text.front());
  if (c < 0x20 || c == 0x7F) {
    return 1;
  }
  if (c == 0xC2 && text.size() > 1 && static_cast<unsigned char>(text[1]) < 0xA0 &&
      static_cast<unsigned char>(text[1]) >= 0x80) {
    return 2;  // C1 controls, NEL among them
  }
  if (text.starts_with("\xE2\x80\xA8") || text.starts_with("\xE2\x80\xA9")) {
    return 3;  // line and paragraph separators
  }
  return 0;
}

}  // namespace

std::string markdown_text(std::string_view text) {
  constexpr std::string_view k_special = "\\`*[]<>|~!#";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t n = control_length(text.substr(i))) {
      out += ' ';
      i += n;
      continue;
    }
    if (k_special.find(text[i]) != std::string_view::npos) {
      out += '\\';
    }
    out += text[i++];
  }
  return out;
}

std::string url_path(std::string_view text) {
  constexpr std::string_view k_hex = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (plain) {
      out += c;
    } else {
      out += '%';
      out += k_hex[u >> 4U];
      out += k_hex[u & 0xFU];
    }
  }
  return out;
}

std::string mermaid_text(std::string_view text, std::string_view prefix_on_keyword) {
  constexpr std::string_view k_kept = " ._-/()&'+";
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x80 ? 1 : utf8_sequence_length(text.substr(i));
    const bool letter_or_digit =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (length > 1 && control_length(text.substr(i)) == 0) {
      out.append(text.substr(i, length));  // a letter of another script (or a symbol): harmless
      i += length;
      continue;
    }
    const bool kept = length == 1 && (letter_or_digit ||
                                      k_kept.find(static_cast<char>(c)) != std::string_view::npos);
    if (kept && !(c == ' ' && (out.empty() || out.back() == ' '))) {
      out += static_cast<char>(c);
    } else if (!kept && !out.empty() && out.back() != ' ') {
      out += ' ';
    }
    i += std::max<std::size_t>(1, length);
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  // Words Mermaid's gantt grammar reads as a statement at the start of a line.
  constexpr std::array<std::string_view, 16> k_keywords = {
      "title",    "section",     "dateformat",   "axisformat", "excludes",
      "includes", "todaymarker", "tickinterval", "weekday",    "inclusiveenddates",
      "topaxis",  "acctitle",    "accdescr",     "click",      "displaymode",
      "gantt"};
  const std::string head = lower(out.substr(0, out.find(' ')));
  if (!prefix_on_keyword.empty() &&
      (out.empty() || std::find(k_keywords.begin(), k_keywords.end(), head) != k_keywords.end())) {
    out = std::string(prefix_on_keyword) + (out.empty() ? "" : " ") + out;
  }
  return out;
}

std::string column_letters(std::size_t column) {
  std::string out;
  while (column > 0) {
    out.insert(out.begin(), static_cast<char>('A' + (column - 1) % 26));
    column = (column - 1) / 26;
  }
  return out;
}

std::string join(std::span<const std::string> parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    out += out.empty() ? "" : separator;
    out += part;
  }
  return out;
}

std::string abbreviate(std::string_view text, std::size_t max) {
  if (text.size() <= max) {
    return std::string(text);
  }
  std::size_t cut = max;
  // Do not cut a UTF-8 sequence in half.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return std::string(text.substr(0, cut)) + "…";
}

std::string printable(std::string_view text) {
  constexpr std::string_view k_hex = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out += k_hex[c >> 4U];
      out += k_hex[c & 0xFU];
      ++i;
      continue;
    }
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text.substr(i));
    if (length == 0) {
      out += "\\x";
      out += k_hex[c >> 4U];
      out += k_hex[c & 0xFU];
      ++i;
      continue;
    }
    const auto second = static_cast<unsigned char>(text[i + 1]);
    const bool c1 = c == 0xC2 && second < 0xA0;  // U+0080..U+009F
    const bool separator = c == 0xE2 && second == 0x80 &&
                           (text[i + 2] == '\xA8' || text[i + 2] == '\xA9');  // U+2028, U+2029
    if (c1) {
      out += "\\u00";
      out += k_hex[second >> 4U];
      out += k_hex[second & 0xFU];
    } else if (separator) {
      out += text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

std::string terminal_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    out += printable(text.substr(start, end - start));
    if (end < text.size()) {
      out += '\n';
    }
    start = end + 1;
  }
  return out;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

bool contains_ignoring_case(std::string_view text, std::string_view part) {
  if (part.size() > text.size()) {
    return false;
  }
  if (part.empty()) {
    return true;
  }
  const char first = ascii_lower(part.front());
  for (std::size_t i = 0; i + part.size() <= text.size(); ++i) {
    if (ascii_lower(text[i]) == first && iequals(text.substr(i, part.size()), part)) {
      return true;
    }
  }
  return false;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

}  // namespace dcexit
