// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Reading workbooks (.xlsx): values, sheets, positions, the real RVTools sample, and hostile
// archives refused within the limits.
#include "base/text.hpp"
#include "import/sheet.hpp"
#include "import/xlsx_reader.hpp"
#include "test_support.hpp"
#include "xlsx_maker.hpp"

#include <dcexit/import.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

using namespace dcexit;

namespace {

using Lines = std::vector<std::string>;

// The table's rows (header first), each field's text joined by "|".
Lines texts(const CsvTable& table) {
  Lines out;
  const auto row_text = [](std::span<const CsvField> fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      line += (i == 0 ? "" : "|") + std::string(fields[i].text);
    }
    return line;
  };
  out.push_back(row_text(table.header));
  for (const CsvRecord& row : table.rows) {
    out.push_back(std::to_string(row.line) + ": " + row_text(row.fields));
  }
  return out;
}

const std::string k_values_sheet =
    R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>)"
    R"(<c r="C1" t="inlineStr"><is><t>When</t></is></c><c r="D1" t="str"><v>Live</v></c></row>)"
    R"(<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>4096</v></c>)"
    R"(<c r="C2" s="1"><v>44197</v></c><c r="D2" t="b"><v>1</v></c></row>)"
    R"(<row r="4"><c r="A4" t="inlineStr"><is><r><t>s</t></r><r><t>ap</t></r></is></c>)"
    R"(<c r="C4" s="2"><v>44197.5</v></c><c r="D4" t="b"><v>0</v></c></row>)"
    R"(<row r="5"><c r="A5"><v>0.1</v></c><c r="B5"><v>1.5E+3</v></c></row>)"
    R"(<row r="1048576" spans="1:4"/>)";

std::string values_book(bool date1904) {
  return test::make_xlsx({{{"Servers", k_values_sheet}}, {"Name", "Memory MB", "db01"}, date1904});
}

}  // namespace

TEST_CASE("xlsx: shared and inline strings, numbers, dates, booleans, sparse rows",
          "[import][xlsx]") {
  DiagnosticSink sink;
  const std::string bytes = values_book(false);
  XlsxWorkbook book("book.xlsx", bytes, sink);
  REQUIRE(book.ok());
  CHECK(book.sheet_names() == Lines{"Servers"});
  const auto table = book.sheet("servers");  // a sheet's name ignores case
  REQUIRE(table);
  CHECK(sink.all().empty());
  // Row 3 is missing and row 1,048,576 declares no cell: neither is a row of the table; B4 is
  // missing, so it is empty; dates by their style (1 a date, 2 a time).
  CHECK(texts(*table) == Lines{"Name|Memory MB|When|Live", "2: db01|4096|2021-01-01|TRUE",
                               "4: sap||2021-01-01 12:00:00|FALSE", "5: 0.1|1500"});
  CHECK(table->rows[1].fields[2].column == 3);
  CHECK(table->rows[1].fields[2].line == 4);
}

TEST_CASE("xlsx: the 1904 date system counts from 1904-01-01", "[import][xlsx]") {
  DiagnosticSink sink;
  const std::string bytes = values_book(true);
  XlsxWorkbook book("book.xlsx", bytes, sink);
  const auto table = book.sheet("Servers");
  REQUIRE(table);
  // Serial 44197 is 1462 days later in the 1904 system.
  CHECK(texts(*table)[1] == "2: db01|4096|2025-01-02|TRUE");
}

TEST_CASE("xlsx: a sheet that is not there is named with the sheets there are", "[import][xlsx]") {
  DiagnosticSink sink;
  const std::string bytes = values_book(false);
  XlsxWorkbook book("book.xlsx", bytes, sink);
  CHECK_FALSE(book.sheet("Server"));
  CHECK(test::lines(sink) ==
        Lines{"book.xlsx:1:1: error: the workbook has no sheet 'Server' (did you mean "
              "'Servers'?); it has Servers [unsupported-file]"});
}

TEST_CASE("xlsx: what is not a workbook is refused with what to do", "[import][xlsx]") {
  DiagnosticSink sink;
  const std::string not_a_book = test::make_zip({{"readme.txt", "hello"}});
  XlsxWorkbook zip("parts.zip", not_a_book, sink);
  CHECK_FALSE(zip.ok());
  const std::string cut_bytes = values_book(false).substr(0, 200);
  XlsxWorkbook cut("cut.xlsx", cut_bytes, sink);
  CHECK_FALSE(cut.ok());
  const Lines lines = test::lines(sink);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].starts_with("cut.xlsx:1:1: error: not a workbook dcexit can read: "));
  CHECK(lines[1] ==
        "parts.zip:1:1: error: the workbook has no part 'xl/workbook.xml' [unsupported-file]");
}

TEST_CASE("xlsx: an import names a cell FILE[SHEET]:ROW:COLUMN with the column's letters",
          "[import][xlsx]") {
  const std::string rows = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>Server</t></is></c>)"
                           R"(<c r="AB1" t="inlineStr"><is><t>CPU cores</t></is></c></row>)"
                           R"(<row r="2"><c r="A2" t="inlineStr"><is><t>db01</t></is></c>)"
                           R"(<c r="AB2" t="inlineStr"><is><t>many</t></is></c></row>)";
  ImportSource source{ImportFormat::csv, "estate.xlsx",
                      test::make_xlsx({{{"Notes", ""}, {"Kit", rows}}})};
  ImportOptions options;
  options.today = Date::from_civil(2026, 12, 1);
  DiagnosticSink sink;
  CHECK_FALSE(import_estate(std::vector{source}, options, sink));
  CHECK(test::lines(sink) == Lines{"estate.xlsx[Kit]:2:AB: error: 'CPU cores' is 'many'; "
                                   "expected a number [bad-value]"});
  const std::string json = format_json(sink.all());
  CHECK(json.find(R"("column": 28)") != std::string::npos);
  CHECK(json.find(R"("column_letter": "AB")") != std::string::npos);
}

// A part of `size` bytes: `head`, then `repeated` over and over (cut at `size`).
test::GeneratedPart repeating(std::string name, std::size_t size, std::string head,
                              std::string repeated) {
  return {std::move(name), size,
          [head = std::move(head), repeated = std::move(repeated)](std::size_t offset) {
            std::string chunk = offset == 0 ? head : std::string();
            while (chunk.size() < (64U << 10U)) {
              chunk += repeated;
            }
            return chunk;
          }};
}

TEST_CASE("xlsx: a zip bomb is refused once a part inflates beyond the limit", "[import][xlsx]") {
  // A sheet that inflates to 1 GiB of blanks from about 1 MB.
  const std::string bytes = test::make_xlsx(
      {{{"Bomb", ""}}, {}, false}, {repeating("xl/worksheets/sheet1.xml", std::size_t{1} << 30U,
                                              "<worksheet><sheetData>", std::string(4096, ' '))});
  INFO(bytes.size());
  CHECK(bytes.size() < (8U << 20U));
  DiagnosticSink sink;
  const XlsxLimits limits;
  XlsxWorkbook book("bomb.xlsx", bytes, sink, limits);
  REQUIRE(book.ok());
  CHECK_FALSE(book.sheet("Bomb"));
  CHECK(test::lines(sink) ==
        Lines{"bomb.xlsx:1:1: error: part 'xl/worksheets/sheet1.xml' inflates beyond 256 MB (512 "
              "MB for the whole workbook): refused, as a zip bomb would be [unsupported-file]"});
  // Work bounded by count: no more than the limit, one 64 KiB chunk and the small parts
  // (workbook, relationships, styles: under 4 KiB) were inflated.
  CHECK(book.inflated_bytes() <= limits.max_entry_bytes + (64U << 10U) + (4U << 10U));
}

TEST_CASE("xlsx: a shared-string table of 1 GiB is refused at the limit on its text",
          "[import][xlsx]") {
  const std::string text(1000, 'x');
  const std::string bytes = test::make_xlsx(
      {{{"Sheet1", ""}}, {}, false}, {repeating("xl/sharedStrings.xml", std::size_t{1} << 30U,
                                                "<sst>", "<si><t>" + text + "</t></si>")});
  CHECK(bytes.size() < (8U << 20U));
  DiagnosticSink sink;
  const XlsxLimits limits;
  XlsxWorkbook book("strings.xlsx", bytes, sink, limits);
  CHECK_FALSE(book.ok());
  CHECK(test::lines(sink) == Lines{"strings.xlsx:1:1: error: part 'xl/sharedStrings.xml': shared "
                                   "strings of more than 128 MB [unsupported-file]"});
  // Refused at 128 MB of text: the part was not read much further (one chunk of XML).
  CHECK(book.inflated_bytes() <= limits.max_shared_bytes + limits.max_shared_bytes / 50);
}

TEST_CASE("xlsx: more shared strings than the limit are refused at the count", "[import][xlsx]") {
  const std::string bytes = test::make_xlsx(
      {{{"Sheet1", ""}}, {}, false},
      {repeating("xl/sharedStrings.xml", std::size_t{64} << 20U, "<sst>", "<si><t>x</t></si>")});
  DiagnosticSink sink;
  XlsxLimits limits;
  limits.max_shared_strings = 1000;
  XlsxWorkbook book("strings.xlsx", bytes, sink, limits);
  CHECK_FALSE(book.ok());
  CHECK(test::lines(sink) == Lines{"strings.xlsx:1:1: error: part 'xl/sharedStrings.xml': more "
                                   "than 1000 shared strings [unsupported-file]"});
  CHECK(book.inflated_bytes() <= 1000 * 18 + (64U << 10U) * 2);
}

TEST_CASE("xlsx: a workbook of the generic layout, written by openpyxl, imports as its CSVs do",
          "[import][xlsx]") {
  // generic.xlsx holds apps.csv, servers.csv and dependencies.csv as three sheets (numbers as
  // numbers), written by Debian's python3-openpyxl; the CSVs are named as its sheets are.
  const auto fixture = [](const std::string& name) {
    return test::read_file(test::source_dir() / "tests" / "fixtures" / "import" / name);
  };
  const std::string vinfo = test::read_file(test::shared_dir() / "real-data" / "inventories" /
                                            "kubev2v-rvtools" / "rvtools_example1_vInfo.csv");
  ImportOptions options;
  options.today = Date::from_civil(2026, 12, 1);
  const ImportSource rvtools{ImportFormat::rvtools, "vInfo.csv", vinfo};
  DiagnosticSink book_sink;
  const auto from_book = import_estate(
      std::vector{rvtools, ImportSource{ImportFormat::csv, "g.xlsx", fixture("generic.xlsx")}},
      options, book_sink);
  DiagnosticSink csv_sink;
  const auto from_csv = import_estate(
      std::vector{
          rvtools, ImportSource{ImportFormat::csv, "g.xlsx[apps]", fixture("apps.csv")},
          ImportSource{ImportFormat::csv, "g.xlsx[servers]", fixture("servers.csv")},
          ImportSource{ImportFormat::csv, "g.xlsx[dependencies]", fixture("dependencies.csv")}},
      options, csv_sink);
  REQUIRE(from_book);
  REQUIRE(from_csv);
  CHECK(from_book->yaml == from_csv->yaml);
  CHECK(from_book->counts.applications == 3);
  // The same warnings, at the cell's letter rather than the CSV's byte column.
  CHECK(test::lines(book_sink).front() ==
        "g.xlsx[servers]:3:E: warning: server 'vm-7' has cpu_cores '4' here but '9' in "
        "vInfo.csv:8; the first is kept [conflicting-value]");
  CHECK(test::lines(csv_sink).front() ==
        "g.xlsx[servers]:3:32: warning: server 'vm-7' has cpu_cores '4' here but '9' in "
        "vInfo.csv:8; the first is kept [conflicting-value]");
}

namespace {

// `csv` as a sheet's rows, every cell an inline string (numbers too: importers read text).
std::string sheet_of_csv(const std::string& csv) {
  DiagnosticSink sink;
  const auto table = read_csv("csv", csv, sink);
  REQUIRE(table);
  const auto escape = [](std::string_view text) {
    std::string out;
    for (const char c : text) {
      out += c == '<' ? std::string("&lt;") : c == '&' ? std::string("&amp;") : std::string(1, c);
    }
    return out;
  };
  std::string xml;
  const auto row = [&](std::uint32_t number, std::span<const CsvField> fields) {
    xml += "<row r=\"" + std::to_string(number) + "\">";
    for (std::size_t c = 0; c < fields.size(); ++c) {
      if (!fields[c].text.empty()) {
        xml += "<c r=\"" + column_letters(c + 1) + std::to_string(number) +
               "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" + escape(fields[c].text) +
               "</t></is></c>";
      }
    }
    xml += "</row>";
  };
  row(1, table->header);
  std::uint32_t number = 2;
  for (const CsvRecord& r : table->rows) {
    row(number++, r.fields);
  }
  return xml;
}

}  // namespace

TEST_CASE("xlsx: Azure Migrate and Migration Factory workbooks import as their CSVs do",
          "[import][xlsx]") {
  struct Case {
    ImportFormat format;
    std::filesystem::path csv;
    std::string sheet;
  };
  const auto inventories = test::shared_dir() / "real-data" / "inventories";
  const Case cases[] = {
      {ImportFormat::azure_migrate,
       test::source_dir() / "tests" / "fixtures" / "import" / "azure-migrate.csv", "Servers"},
      {ImportFormat::aws_mf, inventories / "aws-cmf" / "server-list.csv", "Server list"},
  };
  for (const Case& c : cases) {
    INFO(c.csv);
    const std::string csv = test::read_file(c.csv);
    // The workbook's first sheet is a cover sheet: the format's sheet is found by its header.
    const std::string book =
        test::make_xlsx({{{"Read me",
                           "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Export"
                           "</t></is></c></row>"},
                          {c.sheet, sheet_of_csv(csv)}},
                         {},
                         false});
    ImportOptions options;
    options.today = Date::from_civil(2026, 12, 1);
    options.apps =
        c.format == ImportFormat::azure_migrate ? AppGrouping::per_vm : AppGrouping::none;
    DiagnosticSink book_sink;
    const auto from_book =
        import_estate(std::vector{ImportSource{c.format, "x.xlsx", book}}, options, book_sink);
    DiagnosticSink csv_sink;
    const auto from_csv = import_estate(
        std::vector{ImportSource{c.format, "x.xlsx[" + c.sheet + "]", csv}}, options, csv_sink);
    CHECK(from_book.has_value() == from_csv.has_value());
    if (from_book && from_csv) {
      CHECK(from_book->yaml == from_csv->yaml);
    }
    CHECK(book_sink.all().size() == csv_sink.all().size());
    // Auto-detection finds the format from the second sheet's header.
    CHECK(detail::detect_workbook_format("x.xlsx", book) == c.format);
  }
}

TEST_CASE("xlsx: a sheet's header alone is read without inflating the rest", "[import][xlsx]") {
  // 64 MiB of rows under a header: telling a workbook's format needs only the header.
  const std::string bytes = test::make_xlsx(
      {{{"Big", ""}}, {}, false},
      {repeating("xl/worksheets/sheet1.xml", std::size_t{64} << 20U,
                 R"(<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>VM</t></is></c>)"
                 R"(<c t="inlineStr"><is><t>Powerstate</t></is></c></row>)",
                 R"(<row><c t="inlineStr"><is><t>vm</t></is></c></row>)")});
  DiagnosticSink sink;
  XlsxWorkbook book("big.xlsx", bytes, sink);
  const auto header = book.sheet("Big", 1);
  REQUIRE(header);
  CHECK(texts(*header) == Lines{"VM|Powerstate"});
  CHECK(sink.all().empty());
  // One 64 KiB chunk of the sheet, and the small parts.
  CHECK(book.inflated_bytes() <= (64U << 10U) + (4U << 10U));
}

TEST_CASE("xlsx: what a sheet cannot hold is refused at its cell, never read otherwise",
          "[import][xlsx]") {
  const auto refused = [](const std::string& rows) {
    DiagnosticSink sink;
    const std::string bytes = test::make_xlsx({{{"Kit", rows}}});
    XlsxWorkbook book("book.xlsx", bytes, sink);
    REQUIRE(book.ok());
    CHECK_FALSE(book.sheet("Kit"));
    return test::lines(sink);
  };
  const std::string head = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>)";
  // A reference past XFD was taken as the next column.
  CHECK(refused(head + R"(<row r="2"><c r="A2"><v>1</v></c><c r="XFE2"><v>2</v></c></row>)") ==
        Lines{"book.xlsx[Kit]:2:B: error: cell reference 'XFE2' is beyond column XFD, the last "
              "of a sheet [unsupported-file]"});
  // A repeated row merged into the one before, dropping cells.
  CHECK(refused(head + R"(<row r="2"><c r="A2"><v>1</v></c></row><row r="2"><c r="A2"><v>3</v>)"
                       R"(</c></row>)") ==
        Lines{"book.xlsx[Kit]:2:A: error: row 2 comes again, or out of order, after row 2 "
              "[unsupported-file]"});
  CHECK(refused(head + R"(<row r="3"/><row r="2"/>)") ==
        Lines{"book.xlsx[Kit]:2:A: error: row 2 comes again, or out of order, after row 3 "
              "[unsupported-file]"});
  // A row number past 2^32 wrapped, and one past Excel's last row was taken.
  CHECK(refused(head + R"(<row r="4294967298"><c r="A2"><v>1</v></c></row>)") ==
        Lines{"book.xlsx[Kit]:2:A: error: row number '4294967298' is not a row of a sheet (1 "
              "to 1048576) [unsupported-file]"});
  CHECK(refused(head + R"(<row r="1048577"/>)") ==
        Lines{"book.xlsx[Kit]:2:A: error: row number '1048577' is not a row of a sheet (1 to "
              "1048576) [unsupported-file]"});
  // A cell given twice in one row: the second was dropped.
  CHECK(refused(head + R"(<row r="2"><c r="B2"><v>1</v></c><c r="B2"><v>2</v></c></row>)") ==
        Lines{"book.xlsx[Kit]:2:B: error: cell 'B2' comes again, or out of order, in row 2 "
              "[unsupported-file]"});
}

TEST_CASE("xlsx: two sheets whose names differ only in case are refused", "[import][xlsx]") {
  DiagnosticSink sink;
  const std::string rows = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>)";
  const std::string bytes = test::make_xlsx({{{"Apps", rows}, {"Kit", rows}, {"APPS", rows}}});
  XlsxWorkbook book("book.xlsx", bytes, sink);
  CHECK_FALSE(book.ok());
  CHECK(test::lines(sink) ==
        Lines{"book.xlsx:1:1: error: the workbook has two sheets named 'Apps' and 'APPS': "
              "Excel's sheet names differ by more than case, so one would hide the other "
              "[unsupported-file]"});
}

TEST_CASE("xlsx: references to one large shared string count every time against the limits",
          "[import][xlsx]") {
  // 20 cells refer to one shared string: each copy is counted. Past a cell's limit at once, and
  // past the sheet's text limit at the cell that crosses it.
  std::string rows = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>)";
  for (int r = 2; r <= 21; ++r) {
    rows += fmt::format(R"(<row r="{}"><c r="A{}" t="s"><v>0</v></c></row>)", r, r);
  }
  const auto refused = [&](std::size_t string_bytes, const XlsxLimits& limits) {
    DiagnosticSink sink;
    const std::string bytes = test::make_xlsx({{{"Kit", rows}}, {std::string(string_bytes, 'x')}});
    XlsxWorkbook book("book.xlsx", bytes, sink, limits);
    REQUIRE(book.ok());
    CHECK_FALSE(book.sheet("Kit"));
    return test::lines(sink);
  };
  CHECK(refused((1U << 20U) + 1, {}) ==
        Lines{"book.xlsx[Kit]:2:A: error: the cell refers to a shared string of 1048577 bytes: a "
              "cell holds at most 1048576 bytes [unsupported-file]"});
  XlsxLimits small;
  small.max_sheet_text_bytes = 1U << 20U;
  CHECK(refused(100'000, small) ==
        Lines{"book.xlsx[Kit]:12:A: error: the sheet's cells hold more than 1 MB of text (each "
              "reference to a shared string counted) [unsupported-file]"});
}

TEST_CASE("xlsx: one huge XML token is refused once it is longer than the token limit",
          "[import][xlsx]") {
  // expat 2.5 scans an unfinished token again with each chunk: a 64 MiB attribute would take
  // minutes. It is refused after 2 MiB, and no more than that (with a chunk and the small
  // parts) is inflated.
  const std::string bytes = test::make_xlsx(
      {{{"Wide", ""}}, {}, false},
      {repeating("xl/worksheets/sheet1.xml", std::size_t{64} << 20U,
                 R"(<worksheet><sheetData><row r="1"><c r="A1" x=")", std::string(4096, 'a'))});
  DiagnosticSink sink;
  XlsxWorkbook book("wide.xlsx", bytes, sink);
  REQUIRE(book.ok());
  CHECK_FALSE(book.sheet("Wide"));
  CHECK(test::lines(sink) ==
        Lines{"wide.xlsx:1:1: error: part 'xl/worksheets/sheet1.xml': an XML token (a tag, an "
              "attribute or a run of text) longer than 2 MB [unsupported-file]"});
  CHECK(book.inflated_bytes() <= (2U << 20U) + (128U << 10U) + (4U << 10U));
}

namespace {

// A part of exactly `text`.
test::GeneratedPart part_of(std::string name, std::string text) {
  const std::size_t size = text.size();
  return {std::move(name), size, [text = std::move(text)](std::size_t) { return text; }};
}

// What `import --from auto` says of `bytes` saved as `name` in a fresh folder: the failure, or
// the format told, and every diagnostic.
struct Told {
  std::optional<SourceFailure> failure;
  std::optional<ImportFormat> format;
  Lines lines;
};
Told told(const std::string& name, const std::string& bytes) {
  const auto dir = std::filesystem::temp_directory_path() / "dcexit-test-told";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << bytes;
  DiagnosticSink sink;
  const auto source = read_import_source(path, "auto", sink);
  Told out;
  if (source) {
    out.format = source->format;
  } else {
    out.failure = source.error();
  }
  for (std::string line : test::lines(sink)) {
    out.lines.push_back(line.replace(0, dir.string().size() + 1, ""));
  }
  std::filesystem::remove_all(dir);
  return out;
}

}  // namespace

TEST_CASE("xlsx: --from auto says what stops a workbook or a CSV header from being read",
          "[import][xlsx]") {
  const std::string header =
      R"(<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
  SECTION("a DOCTYPE in a sheet") {
    const Told t =
        told("doctype.xlsx", test::make_xlsx({{{"Apps", ""}}, {}, false},
                                             {part_of("xl/worksheets/sheet1.xml",
                                                      "<?xml version=\"1.0\"?><!DOCTYPE worksheet "
                                                      "[<!ENTITY a \"aaaa\">]><worksheet/>")}));
    CHECK(t.failure == SourceFailure::invalid);
    REQUIRE(t.lines.size() == 1);
    CHECK(t.lines[0].starts_with("doctype.xlsx:1:1: error: part 'xl/worksheets/sheet1.xml': "));
    CHECK(t.lines[0].find("DOCTYPE") != std::string::npos);
  }
  SECTION("nesting past the depth limit") {
    std::string deep = header;
    for (int i = 0; i < 100; ++i) {
      deep += "<sheetData>";
    }
    const Told t = told("deep.xlsx", test::make_xlsx({{{"Apps", ""}}, {}, false},
                                                     {part_of("xl/worksheets/sheet1.xml", deep)}));
    CHECK(t.failure == SourceFailure::invalid);
    REQUIRE(t.lines.size() == 1);
    CHECK(t.lines[0].starts_with("deep.xlsx:1:1: error: part 'xl/worksheets/sheet1.xml': "));
  }
  SECTION("no sheets") {
    const Told t = told("empty.xlsx", test::make_xlsx({{}, {}, false}));
    CHECK(t.failure == SourceFailure::invalid);
    CHECK(t.lines == Lines{"empty.xlsx:1:1: error: the workbook has no sheets: nothing to import "
                           "[unsupported-file]"});
  }
  SECTION("a CSV header of a million columns") {
    const Told t = told("wide.csv", std::string(1'000'000, ',') + "\nx\n");
    CHECK(t.failure == SourceFailure::invalid);
    REQUIRE_FALSE(t.lines.empty());
    CHECK(t.lines[0].starts_with("wide.csv:1:"));
    CHECK(t.lines[0].find("16384") != std::string::npos);
  }
  SECTION("an LZMA part and an encrypted one") {
    const test::WorkbookSpec lzma{
        {{"Apps", ""}}, {}, false, {{"xl/workbook.xml", test::PartMethod::lzma}}};
    CHECK(told("lzma.xlsx", test::make_xlsx(lzma)).lines ==
          Lines{"lzma.xlsx:1:1: error: part 'xl/workbook.xml' is compressed by a method Excel "
                "does not use (LZMA, bzip2, ...): save the workbook again as .xlsx "
                "[unsupported-file]"});
    const test::WorkbookSpec sealed{
        {{"Apps", ""}}, {}, false, {{"xl/workbook.xml", test::PartMethod::aes256}}};
    CHECK(told("sealed.xlsx", test::make_xlsx(sealed)).lines ==
          Lines{"sealed.xlsx:1:1: error: part 'xl/workbook.xml' is encrypted: save the workbook "
                "again without a password [unsupported-file]"});
  }
  SECTION("a workbook that reads is told by its header") {
    const Told t = told("apps.xlsx", test::make_xlsx({{{"Apps",
                                                        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
                                                        "<is><t>Application</t></is></c></row>"}},
                                                      {},
                                                      false}));
    CHECK(t.lines.empty());
  }
}

TEST_CASE("xlsx: 9999-12-31, a spreadsheet's 'never', is left out with a warning",
          "[import][xlsx]") {
  // The last day Excel shows (serial 2958465), and a time that rounds to past it.
  const std::string rows =
      R"(<row r="1"><c r="A1" t="inlineStr"><is><t>app</t></is></c>)"
      R"(<c r="B1" t="inlineStr"><is><t>end of support</t></is></c>)"
      R"(<c r="C1" t="inlineStr"><is><t>contract ends</t></is></c></row>)"
      R"(<row r="2"><c r="A2" t="inlineStr"><is><t>payroll</t></is></c>)"
      R"(<c r="B2" s="1"><v>2958465</v></c><c r="C2" s="1"><v>2958465.99999999</v></c></row>)";
  const std::string book = test::make_xlsx({{{"Apps", rows}}, {}, false});
  ImportOptions options;
  options.today = Date::from_civil(2026, 12, 1);
  DiagnosticSink sink;
  const auto imported =
      import_estate(std::vector{ImportSource{ImportFormat::csv, "apps.xlsx", book}}, options, sink);
  INFO(fmt::format("{}", fmt::join(test::lines(sink), "\n")));
  REQUIRE(imported);
  CHECK(test::lines(sink) ==
        Lines{"apps.xlsx[Apps]:2:B: warning: 'end of support' is '9999-12-31', past 2999, the last "
              "year an inventory takes: taken as 'none' and left out [bad-date]",
              "apps.xlsx[Apps]:2:C: warning: 'contract ends' is '9999-12-31', past 2999, the last "
              "year an inventory takes: taken as 'none' and left out [bad-date]"});
  CHECK(imported->yaml.find("9999") == std::string::npos);
}
