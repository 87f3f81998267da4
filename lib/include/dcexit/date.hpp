// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dcexit {

// A calendar date (proleptic Gregorian), stored as days since 1970-01-01.
struct Date {
  std::int32_t days = 0;

  static Date from_civil(int year, unsigned month, unsigned day);
  // Parses exactly `YYYY-MM-DD` for years 1900..2999; nullopt for anything else.
  static std::optional<Date> parse(std::string_view text);

  [[nodiscard]] std::string to_string() const;
  [[nodiscard]] Date plus_days(std::int32_t n) const { return Date{days + n}; }
  // The first day of this date's month, and of the month after it.
  [[nodiscard]] Date month_start() const;
  [[nodiscard]] Date next_month_start() const;

  friend auto operator<=>(const Date&, const Date&) = default;
};

}  // namespace dcexit
