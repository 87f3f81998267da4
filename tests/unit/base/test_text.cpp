// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "base/text.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <string>

using namespace dcexit;
using namespace std::string_view_literals;

TEST_CASE("text: UTF-8 validation", "[text]") {
  SECTION("valid") {
    CHECK_FALSE(find_invalid_utf8("plain ascii").has_value());
    CHECK_FALSE(find_invalid_utf8("London Borough of Harrow — Civic Centre").has_value());
    CHECK_FALSE(find_invalid_utf8("\xF0\x9F\x93\xA6 box").has_value());
  }
  SECTION("invalid") {
    CHECK(find_invalid_utf8("ab\xFF") == 2U);
    CHECK(find_invalid_utf8("\xC0\x80") == 0U);          // overlong NUL
    CHECK(find_invalid_utf8("x\xED\xA0\x80") == 1U);     // UTF-16 surrogate
    CHECK(find_invalid_utf8("\xE2\x80") == 0U);          // truncated
    CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0U);  // beyond U+10FFFF
  }
}

TEST_CASE("text: edit distance gives up past its limit", "[text]") {
  CHECK(edit_distance("kitten", "sitting", 5) == 3);
  CHECK(edit_distance("same", "same", 0) == 0);
  CHECK(edit_distance("a", "abcdef", 2) == 3);
  CHECK(edit_distance("abcdef", "uvwxyz", 2) == 3);
}

TEST_CASE("text: did you mean", "[text]") {
  constexpr std::array candidates = {"criticality"sv, "department"sv, "depends_on"sv, "owner"sv};
  CHECK(did_you_mean("critcality", candidates) == " (did you mean 'criticality'?)");
  CHECK(did_you_mean("depend_on", candidates) == " (did you mean 'depends_on'?)");
  CHECK(did_you_mean("colour", candidates).empty());
  // Short words need a close match: one edit.
  CHECK(did_you_mean("ownr", candidates) == " (did you mean 'owner'?)");
  CHECK(did_you_mean("xx", candidates).empty());
}

TEST_CASE("text: ids", "[text]") {
  SECTION("valid") {
    for (const char* id : {"a", "sap-erp", "cc-sap-db01", "x.y_z-1", "9lives"}) {
      CHECK(is_valid_id(id));
    }
    CHECK(is_valid_id(std::string(k_max_id_length, 'a')));
  }
  SECTION("invalid") {
    for (const char* id : {"", "SAP", "-lead", ".lead", "has space", "é", "a/b"}) {
      CHECK_FALSE(is_valid_id(id));
    }
    CHECK_FALSE(is_valid_id(std::string(k_max_id_length + 1, 'a')));
  }
}

TEST_CASE("text: abbreviate never splits a character", "[text]") {
  CHECK(abbreviate("short") == "short");
  CHECK(abbreviate("abcdef", 3) == "abc…");
  CHECK(abbreviate("ab—cd", 3) == "ab…");
}

TEST_CASE("text: a word that starts exactly one candidate is a hint", "[text]") {
  constexpr std::array candidates = {"memory_gb"sv, "storage_gb"sv, "depends_on"sv, "deadline"sv};
  CHECK(did_you_mean("memory", candidates) == " (did you mean 'memory_gb'?)");
  CHECK(did_you_mean("depends", candidates) == " (did you mean 'depends_on'?)");
  CHECK(did_you_mean("de", candidates).empty());                                 // too short
  CHECK(did_you_mean("dead", std::array{"deadline"sv, "deadlines"sv}).empty());  // ambiguous
}

TEST_CASE("text: CSV fields, Markdown cells and joins", "[text]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(markdown_text("a|b\nc") == "a\\|b c");
  const std::vector<std::string> parts = {"x", "y", "z"};
  CHECK(join(parts, ", ") == "x, y, z");
  CHECK(join(std::vector<std::string>{}, ", ").empty());
}

TEST_CASE("text: trim and lower", "[text]") {
  CHECK(dcexit::trim("  a b \t\r\n") == "a b");
  CHECK(dcexit::trim(" \t ").empty());
  CHECK(dcexit::trim("").empty());
  CHECK(dcexit::lower("Windows Server 2016 (64-BIT)") == "windows server 2016 (64-bit)");
  CHECK(dcexit::lower("\xC3\x89T\xC3\x89") == "\xC3\x89t\xC3\x89");  // only ASCII letters change
}

TEST_CASE("text: printable escapes every control character and keeps the rest", "[text]") {
  CHECK(printable("plain café ✓") == "plain café ✓");
  CHECK(printable(std::string_view("\0\t\x7f", 3)) == "\\x00\\x09\\x7f");
  CHECK(printable("\xC2\x9B\xC2\xA0") == "\\u009b\xC2\xA0");  // C1 CSI escaped, NBSP kept
  CHECK(printable("\xE2\x80\xA9") == "\\u2029");
  CHECK(printable("\xE2\x80") == "\\xe2\\x80");  // a truncated sequence, byte by byte
}

TEST_CASE("text: an id too short for a close match suggests the ids it starts", "[text]") {
  const std::vector<std::string_view> ids = {"gis", "sap-bw", "sap-crm", "sap-erp", "seebeyond"};
  CHECK(did_you_mean_id("sap", ids) == " (did you mean 'sap-bw', 'sap-crm' or 'sap-erp'?)");
  CHECK(did_you_mean_id("seebeyondd", ids) == " (did you mean 'seebeyond'?)");
  CHECK(did_you_mean_id("sap-c", ids) == " (did you mean 'sap-crm'?)");
  CHECK(did_you_mean_id("xyz", ids).empty());
  const std::vector<std::string_view> many = {"s1", "s2", "s3", "s4", "s5"};
  CHECK(did_you_mean_id("s", many) == " (did you mean 's1', 's2', 's3' or 2 more?)");
}

TEST_CASE("text: CSV cells a spreadsheet would run as formulas are neutralised", "[text]") {
  CHECK(csv_field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
  CHECK(csv_field("+1") == "\"'+1\"");
  CHECK(csv_field("-2+3") == "\"'-2+3\"");
  CHECK(csv_field("@SUM(A1)") == "\"'@SUM(A1)\"");
  CHECK(csv_field("\tcmd") == "\"'\tcmd\"");
  CHECK(csv_field("\rcmd") == "\"'\rcmd\"");
  CHECK(csv_field("a=b") == "a=b");
}

TEST_CASE("text: Markdown text cannot start a line, a link, an image, HTML or a cell", "[text]") {
  CHECK(markdown_text("a\r# heading") == "a \\# heading");
  CHECK(markdown_text("x\\|y") == "x\\\\\\|y");  // the user's backslash cannot free the pipe
  CHECK(markdown_text("![i](http://e/x.png)") == "\\!\\[i\\](http://e/x.png)");
  CHECK(markdown_text("<img src=x onerror=alert(1)>") == "\\<img src=x onerror=alert(1)\\>");
  CHECK(markdown_text("```") == "\\`\\`\\`");
  CHECK(markdown_text("line\xE2\x80\xA8two\xC2\x85three") == "line two three");
  CHECK(url_path("we\"ird|name (1).yaml") == "we%22ird%7Cname%20%281%29.yaml");
}

TEST_CASE("text: Mermaid text keeps words and drops what the gantt grammar reads", "[text]") {
  CHECK(mermaid_text("Year end :crit, 2025-01-01, 2030-01-01", "Freeze") ==
        "Year end crit 2025-01-01 2030-01-01");
  CHECK(mermaid_text("a\n```\nb %% c #35; d", "Freeze") == "a b c 35 d");
  CHECK(mermaid_text("section Evil", "Freeze") == "Freeze section Evil");
  CHECK(mermaid_text("Élections municipales", "Freeze") == "Élections municipales");
  CHECK(mermaid_text("", "Freeze") == "Freeze");
}
