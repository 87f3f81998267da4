// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include <dcexit/inventory.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <limits>

namespace dcexit {

namespace {

namespace chr = std::chrono;

// <chrono>'s years run from -32767 to 32767; days are kept inside them so that every
// conversion below is defined.
constexpr std::int64_t k_min_days = -12'687'428;  // -32767-01-01
constexpr std::int64_t k_max_days = 11'248'737;   // 32767-12-31

chr::year_month_day civil(std::int32_t days) {
  return chr::year_month_day{chr::sys_days{chr::days{days}}};
}

Date from_ymd(const chr::year_month_day& ymd) {
  return Date{static_cast<std::int32_t>(chr::sys_days{ymd}.time_since_epoch().count())};
}

std::optional<unsigned> digits(std::string_view text) {
  unsigned value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value;
}

}  // namespace

Date Date::last_supported() {
  return from_civil(9999, 12, 31);
}

Date Date::from_civil(int year, unsigned month, unsigned day) {
  return from_ymd(chr::year{year} / chr::month{month} / chr::day{day});
}

namespace {

// `YYYY-MM-DD` naming a day of the calendar, whatever its year.
std::optional<chr::year_month_day> calendar_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  const auto year = digits(text.substr(0, 4));
  const auto month = digits(text.substr(5, 2));
  const auto day = digits(text.substr(8, 2));
  if (!year || !month || !day) {
    return std::nullopt;
  }
  const chr::year_month_day ymd{chr::year{static_cast<int>(*year)}, chr::month{*month},
                                chr::day{*day}};
  return ymd.ok() ? std::optional(ymd) : std::nullopt;
}

}  // namespace

bool Date::is_calendar_day(std::string_view text) {
  return calendar_day(text).has_value();
}

std::optional<Date> Date::parse(std::string_view text) {
  const auto ymd = calendar_day(text);
  if (!ymd || static_cast<int>(ymd->year()) < k_first_input_year ||
      static_cast<int>(ymd->year()) > k_last_input_year) {
    return std::nullopt;
  }
  return from_ymd(*ymd);
}

int Date::year() const {
  return static_cast<int>(civil(days).year());
}
unsigned Date::month() const {
  return static_cast<unsigned>(civil(days).month());
}
unsigned Date::day() const {
  return static_cast<unsigned>(civil(days).day());
}

std::string_view Date::month_abbreviation() const {
  constexpr std::array<std::string_view, 12> k_months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return k_months[month() - 1];  // month() is 1..12 for every representable date
}

Date Date::plus_days(std::int64_t n) const {
  return Date{static_cast<std::int32_t>(std::clamp(days + n, k_min_days, k_max_days))};
}

Date Date::month_start() const {
  const auto ymd = civil(days);
  return from_ymd(ymd.year() / ymd.month() / chr::day{1});
}

Date Date::next_month_start() const {
  const auto ymd = civil(days);
  if (ymd.year() == chr::year::max() && ymd.month() == chr::December) {
    return *this;  // the end of the calendar: nothing comes after it
  }
  const chr::year_month next = chr::year_month{ymd.year(), ymd.month()} + chr::months{1};
  return from_ymd(next / chr::day{1});
}

std::string Date::to_string() const {
  const auto ymd = civil(days);  // once, not per field: plans print millions of dates
  const int y = static_cast<int>(ymd.year());
  const auto m = static_cast<unsigned>(ymd.month());
  const auto d = static_cast<unsigned>(ymd.day());
  if (y < 0 || y > 9999) {
    return fmt::format("{:+05}-{:02}-{:02}", y, m, d);
  }
  std::string out(10, '-');
  const auto digit = [](unsigned v) { return static_cast<char>('0' + v % 10); };
  const auto year = static_cast<unsigned>(y);
  out[0] = digit(year / 1000);
  out[1] = digit(year / 100);
  out[2] = digit(year / 10);
  out[3] = digit(year);
  out[5] = digit(m / 10);
  out[6] = digit(m);
  out[8] = digit(d / 10);
  out[9] = digit(d);
  return out;
}

std::string Date::month_string() const {
  const std::string text = to_string();
  return text.substr(0, text.size() - 3);
}

}  // namespace dcexit
