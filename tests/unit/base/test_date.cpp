// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include <dcexit/inventory.hpp>

#include <catch2/catch.hpp>

using dcexit::Date;

TEST_CASE("date: parse and print", "[date]") {
  SECTION("valid") {
    CHECK(Date::parse("1970-01-01")->days == 0);
    CHECK(Date::parse("2020-11-02")->to_string() == "2020-11-02");
    CHECK(Date::parse("2024-02-29")->to_string() == "2024-02-29");
    CHECK(Date::parse("2000-02-29").has_value());
    CHECK(Date::parse("2021-11-01")->days - Date::parse("2020-11-02")->days == 364);
  }
  SECTION("invalid") {
    for (const char* text : {"2021-02-29", "1900-02-29", "2021-13-01", "2021-00-10", "2021-04-31",
                             "21-01-01", "2021-1-1", "2021/01/01", "2021-01-01T00:00:00",
                             "1899-12-31", "3000-01-01", "", "tomorrow"}) {
      INFO(text);
      CHECK_FALSE(Date::parse(text).has_value());
    }
  }
  SECTION("a calendar day outside the years parse takes") {
    for (const char* text :
         {"9999-12-31", "3000-01-01", "1899-12-31", "3200-02-29", "0001-01-01"}) {
      INFO(text);
      CHECK(Date::is_calendar_day(text));
      CHECK_FALSE(Date::parse(text).has_value());
    }
    for (const char* text : {"2100-02-29", "9999-13-01", "9999-12-32", "9999-1-01", "99991231"}) {
      INFO(text);
      CHECK_FALSE(Date::is_calendar_day(text));
    }
  }
}

TEST_CASE("date: arithmetic and order", "[date]") {
  const Date start = *Date::parse("2020-12-25");
  CHECK(start.plus_days(14).to_string() == "2021-01-08");
  CHECK(start < start.plus_days(1));
  for (int day = 0; day < 800; ++day) {
    const Date d = start.plus_days(day);
    CHECK(Date::parse(d.to_string()) == d);
  }
}

TEST_CASE("date: month starts", "[date]") {
  CHECK(Date::parse("2021-02-28")->month_start().to_string() == "2021-02-01");
  CHECK(Date::parse("2021-01-31")->next_month_start().to_string() == "2021-02-01");
  CHECK(Date::parse("2020-12-15")->next_month_start().to_string() == "2021-01-01");
  CHECK(Date::parse("2024-02-01")->month_start().to_string() == "2024-02-01");
}

TEST_CASE("date: the edges of every date function", "[date]") {
  SECTION("inputs are 1900..2999") {
    CHECK(Date::parse("1900-01-01") == Date::from_civil(1900, 1, 1));
    CHECK(Date::parse("2999-12-31")->to_string() == "2999-12-31");
    CHECK(Date::from_civil(1900, 1, 1).days == -25567);
  }
  SECTION("a plan reaches at most 9999-12-31; printing never indexes past a field") {
    CHECK(Date::last_supported().to_string() == "9999-12-31");
    CHECK(Date::last_supported().plus_days(1).to_string() == "+10000-01-01");
    CHECK(Date::from_civil(0, 1, 1).to_string() == "0000-01-01");
    CHECK(Date::from_civil(-1, 12, 31).to_string() == "-0001-12-31");
    CHECK(Date::last_supported().month_string() == "9999-12");
    CHECK(Date::last_supported().plus_days(1).month_string() == "+10000-01");
  }
  SECTION("plus_days saturates at the ends of the calendar instead of overflowing") {
    const Date far = Date{0}.plus_days(INT64_MAX / 2);
    CHECK(far.to_string() == "+32767-12-31");
    CHECK(far.plus_days(1) == far);
    CHECK(Date{0}.plus_days(INT64_MIN / 2).to_string() == "-32767-01-01");
    CHECK(far.next_month_start() == far);  // nothing comes after the end
    CHECK(far.month_start().to_string() == "+32767-12-01");
  }
  SECTION("fields, abbreviations and month starts across years") {
    const Date d = *Date::parse("2024-02-29");
    CHECK(d.year() == 2024);
    CHECK(d.month() == 2);
    CHECK(d.day() == 29);
    const char* names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    Date m = Date::from_civil(2021, 1, 1);
    for (const char* name : names) {
      CHECK(m.month_abbreviation() == name);
      m = m.next_month_start();
    }
    CHECK(m.to_string() == "2022-01-01");
    CHECK(Date::from_civil(9999, 12, 15).next_month_start().to_string() == "+10000-01-01");
  }
}
