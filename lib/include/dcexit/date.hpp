// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dcexit {

// A calendar date (proleptic Gregorian), stored as days since 1970-01-01; the arithmetic is
// <chrono>'s calendar (sys_days, year_month_day).
struct Date {
  std::int32_t days = 0;

  // Dates read from an inventory or a command line: years 1900..2999.
  static constexpr int k_first_input_year = 1900;
  static constexpr int k_last_input_year = 2999;
  // The last date a plan may reach (waves, switch-offs, run-down): 9999-12-31. A plan that
  // would go past it is refused with a diagnostic, so no output ever holds a 5-digit year.
  static Date last_supported();

  static Date from_civil(int year, unsigned month, unsigned day);
  // Parses exactly `YYYY-MM-DD` for years 1900..2999; nullopt for anything else.
  static std::optional<Date> parse(std::string_view text);

  // `YYYY-MM-DD`; a year outside 0..9999 (never in a plan) as ISO 8601's expanded `+YYYYY-MM-DD`.
  [[nodiscard]] std::string to_string() const;
  // `YYYY-MM`, the month as plan.json's run-down names it.
  [[nodiscard]] std::string month_string() const;
  // Saturates instead of overflowing at the ends of the 32-bit range.
  [[nodiscard]] Date plus_days(std::int64_t n) const;
  [[nodiscard]] int year() const;
  [[nodiscard]] unsigned month() const;  // 1..12
  [[nodiscard]] unsigned day() const;    // 1..31
  // "Jan" .. "Dec".
  [[nodiscard]] std::string_view month_abbreviation() const;
  // The first day of this date's month, and of the month after it.
  [[nodiscard]] Date month_start() const;
  [[nodiscard]] Date next_month_start() const;

  friend auto operator<=>(const Date&, const Date&) = default;
};

}  // namespace dcexit
