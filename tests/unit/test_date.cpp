// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include <dcexit/date.hpp>

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
