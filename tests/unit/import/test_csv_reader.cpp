// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "import/csv_reader.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace dcexit;

namespace {

struct Read {
  std::optional<CsvTable> table;
  DiagnosticSink sink;
};

Read read(std::string_view text, CsvLimits limits = {}) {
  Read r;
  r.table = read_csv("t.csv", text, r.sink, limits);
  return r;
}

// Every row's fields as text, header first.
std::vector<std::vector<std::string>> cells(const CsvTable& table) {
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> header;
  for (const CsvField& f : table.header) {
    header.emplace_back(f.text);
  }
  out.push_back(header);
  for (const CsvRecord& row : table.rows) {
    std::vector<std::string> fields;
    for (const CsvField& f : row.fields) {
      fields.emplace_back(f.text);
    }
    out.push_back(fields);
  }
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("csv: plain fields, LF, CRLF and CR line ends read the same", "[csv]") {
  const Rows expected = {{"a", "b"}, {"1", "2"}, {"3", "4"}};
  for (const char* text :
       {"a,b\n1,2\n3,4\n", "a,b\r\n1,2\r\n3,4\r\n", "a,b\r1,2\r3,4", "a,b\n1,2\n3,4"}) {
    INFO(text);
    const Read r = read(text);
    REQUIRE(r.table);
    CHECK(cells(*r.table) == expected);
    CHECK(r.sink.all().empty());
  }
}

TEST_CASE("csv: quoted fields hold delimiters, doubled quotes and line breaks", "[csv]") {
  const Read r = read("name,text\nx,\"a, b\"\ny,\"say \"\"hi\"\"\"\nz,\"two\r\nlines\"\nw,end\n");
  REQUIRE(r.table);
  CHECK(cells(*r.table) == Rows{{"name", "text"},
                                {"x", "a, b"},
                                {"y", "say \"hi\""},
                                {"z", "two\r\nlines"},
                                {"w", "end"}});
  // The record after a multi-line field starts on the right line.
  CHECK(r.table->rows[3].line == 6);
  CHECK(r.table->rows[3].fields[1].column == 3);
}

TEST_CASE("csv: a UTF-8 byte-order mark is dropped and columns count characters", "[csv]") {
  const Read r = read("\xEF\xBB\xBFserver,os\n\xC3\xA9t\xC3\xA9,\"linux\"\n");
  REQUIRE(r.table);
  CHECK(r.table->header[0].text == "server");
  CHECK(r.table->header[0].column == 1);
  CHECK(r.table->rows[0].fields[1].line == 2);
  CHECK(r.table->rows[0].fields[1].column == 5);  // "été," is four characters
}

TEST_CASE("csv: blank rows and padding are skipped and counted - short rows are kept", "[csv]") {
  const Read r = read("\n a , b ,c\n1,2,3\n,,\n\n4\n ,  ,\n,,\n");
  REQUIRE(r.table);
  CHECK(cells(*r.table) == Rows{{" a ", " b ", "c"}, {"1", "2", "3"}, {"4"}});
  CHECK(r.table->blank_rows == 5);
  CHECK(r.table->rows[1].line == 6);
}

TEST_CASE("csv: blanks before an opening quote are not part of the field", "[csv]") {
  const Read r = read("owner,contributors\n\"Alex <a@x>\", \"Sam <s@x>, Jo <j@x>\"\n");
  REQUIRE(r.table);
  CHECK(cells(*r.table)[1] == std::vector<std::string>{"Alex <a@x>", "Sam <s@x>, Jo <j@x>"});
  CHECK(r.sink.all().empty());
}

TEST_CASE("csv: the delimiter is found from the header line", "[csv]") {
  SECTION("semicolon (spreadsheets in many European locales)") {
    const Read r = read("app;servers;note\nbilling;a,b;\"x;y\"\n");
    REQUIRE(r.table);
    CHECK(r.table->delimiter == ';');
    CHECK(cells(*r.table)[1] == std::vector<std::string>{"billing", "a,b", "x;y"});
  }
  SECTION("tab") {
    const Read r = read("app\tname\nbilling\tBilling, new\n");
    REQUIRE(r.table);
    CHECK(r.table->delimiter == '\t');
    CHECK(cells(*r.table)[1] == std::vector<std::string>{"billing", "Billing, new"});
  }
  SECTION("a comma inside a quoted header does not count") {
    const Read r = read("\"a,b,c\";d\n1;2\n");
    REQUIRE(r.table);
    CHECK(r.table->delimiter == ';');
  }
}

TEST_CASE("csv: malformed text gets one diagnostic with its position", "[csv]") {
  SECTION("an unclosed quote stops the read at the opening quote") {
    Read r = read("a,b\n1,\"open\n2,3\n");
    CHECK_FALSE(r.table);
    CHECK(test::lines(r.sink) ==
          std::vector<std::string>{"t.csv:2:3: error: quoted field never closed; the file ends "
                                   "inside it [csv-syntax]"});
  }
  SECTION("text after a closing quote is an error, and the row is read on") {
    Read r = read("a,b\n\"x\"y,2\n");
    REQUIRE(r.table);
    CHECK(cells(*r.table)[1] == std::vector<std::string>{"xy", "2"});
    CHECK(test::lines(r.sink) ==
          std::vector<std::string>{"t.csv:2:4: error: 'y' after the closing quote of a field; a "
                                   "quote inside a quoted field is written twice (\"\") "
                                   "[csv-syntax]"});
  }
  SECTION("a field over the limit") {
    Read r = read("a\n12345\n", CsvLimits{.max_field_bytes = 4});
    CHECK_FALSE(r.table);
    CHECK(test::lines(r.sink) ==
          std::vector<std::string>{"t.csv:2:1: error: field is 5 bytes long; the limit is 4 "
                                   "bytes [value-too-long]"});
  }
}

TEST_CASE("csv: what is not UTF-8 text is named", "[csv]") {
  const auto first = [](std::string_view text) {
    Read r = read(text);
    CHECK_FALSE(r.table);
    const auto lines = test::lines(r.sink);
    REQUIRE(lines.size() == 1);
    return lines.front();
  };
  CHECK(first(std::string_view("PK\x03\x04rest", 8)) ==
        "t.csv:1:1: error: this is a ZIP archive, most likely an Excel workbook (.xlsx); save the "
        "sheet as CSV UTF-8 and import that [unsupported-file]");
  CHECK(first("\xD0\xCF\x11\xE0xx") ==
        "t.csv:1:1: error: this is a legacy Excel workbook (.xls); save the sheet as CSV UTF-8 "
        "and import that [unsupported-file]");
  CHECK(first(std::string_view("\xFF\xFE"
                               "a\0,\0",
                               6)) ==
        "t.csv:1:1: error: the file is UTF-16; save it as CSV UTF-8 [encoding]");
  CHECK(first(std::string_view("a,b\nx\0y", 7)) ==
        "t.csv:2:2: error: NUL byte in the file; is it UTF-16 or binary? dcexit reads CSV as "
        "UTF-8 text [nul-byte]");
  CHECK(first("name\nCaf\xE9\n") ==
        "t.csv:2:4: error: invalid UTF-8 byte 0xE9; save the sheet as CSV UTF-8 (text in a "
        "Windows code page is not read) [invalid-utf8]");
  CHECK(first("\n,,\n") == "t.csv:1:1: error: the sheet has no header row [empty-file]");
  CHECK(first("") == "t.csv:1:1: error: the sheet has no header row [empty-file]");
}

TEST_CASE("csv: headers are normalised for matching", "[csv]") {
  CHECK(normalise_header("*Memory (In MB)") == "memory in mb");
  CHECK(normalise_header("RAM.TotalSizeInMB") == "ram totalsizeinmb");
  CHECK(normalise_header("  application Name ") == "application name");
  CHECK(normalise_header("Technical Debt (min.)") == "technical debt min");
  CHECK(normalise_header("server_os_family") == "server os family");
  CHECK(normalise_header("# VMs total") == "vms total");
}

TEST_CASE("csv: every real sheet in the shared data reads without a diagnostic", "[csv]") {
  namespace fs = std::filesystem;
  std::size_t sheets = 0;
  for (const auto& entry :
       fs::recursive_directory_iterator(test::shared_dir() / "real-data" / "inventories")) {
    if (entry.path().extension() != ".csv") {
      continue;
    }
    INFO(entry.path().string());
    DiagnosticSink sink;
    const std::string content = test::read_file(entry.path());
    const auto table = read_csv("x.csv", content, sink);
    REQUIRE(table);
    CHECK(sink.all().empty());
    for (const CsvRecord& row : table->rows) {
      CHECK(row.fields.size() <= table->header.size() + 1);
    }
    ++sheets;
  }
  CHECK(sheets >= 25);
}

TEST_CASE("csv: rows, columns and cells are capped like a spreadsheet's", "[csv]") {
  SECTION("a header of 30 MB of commas stops at the 16,385th field, after storing 16,384") {
    const std::string commas(30'000'000, ',');
    Read r = read("a" + commas + "\n");
    CHECK_FALSE(r.table);
    CHECK(
        test::lines(r.sink) ==
        std::vector<std::string>{"t.csv:1:16386: error: the row has more than 16384 fields, the "
                                 "most a spreadsheet holds; is the delimiter right? [csv-syntax]"});
  }
  SECTION("rows past the limit") {
    Read r = read("h\na\nb\nc\n", CsvLimits{.max_rows = 3});
    CHECK_FALSE(r.table);
    CHECK(test::lines(r.sink) ==
          std::vector<std::string>{"t.csv:4:1: error: the sheet has more than 3 rows, the most a "
                                   "spreadsheet holds [csv-syntax]"});
  }
  SECTION("blank rows are not stored, so they count against no limit") {
    Read r = read("h\n\n,,\n \na\n", CsvLimits{.max_rows = 2});
    REQUIRE(r.table);
    CHECK(r.table->blank_rows == 3);
    CHECK(r.table->fields.size() == 2);
  }
  SECTION("cells in all rows") {
    Read r = read("a,b\n1,2\n3,4\n", CsvLimits{.max_cells = 5});
    CHECK_FALSE(r.table);
    CHECK(test::lines(r.sink) ==
          std::vector<std::string>{"t.csv:3:3: error: the sheet has more than 5 fields in all; "
                                   "split it [csv-syntax]"});
  }
  SECTION("the fields of every row are stored once, in one block") {
    Read r = read("a,b\n1,2\n3\n");
    REQUIRE(r.table);
    CHECK(r.table->fields.size() == 5);
    CHECK(r.table->fields.capacity() <= 6);  // reserved from a count, not grown by doubling
    CHECK(r.table->rows[1].fields.data() == r.table->fields.data() + 4);
  }
}
