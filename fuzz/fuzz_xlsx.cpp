// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Any bytes as a workbook. The first byte picks what the rest is: even, the whole .xlsx (the
// archive itself: libzip's reading and the limits); odd, the XML of a sheet put into an
// otherwise valid workbook with shared strings and date styles (the parts' parsing), or, when
// it is 1 mod 4, the XML of the shared-string table. Every sheet is read, and imported as
// RVTools and as the generic layout, with small limits. Traps when the reader fails without
// a diagnostic, reads beyond its limits, or an import succeeds with an error reported.
#include "import/xlsx_reader.hpp"
#include "xlsx_maker.hpp"

#include <dcexit/diagnostic.hpp>
#include <dcexit/import.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

const std::string k_sheet =
    R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>)"
    R"(<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>44197.5</v></c></row>)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string bytes;
  if (data[0] % 2 == 0) {
    bytes = rest;
  } else if (data[0] % 4 == 1) {
    bytes = dcexit::test::make_xlsx(
        {{{"vInfo", k_sheet}}, {}, false},
        {{"xl/sharedStrings.xml", rest.size(), [&](std::size_t) { return rest; }}});
  } else {
    bytes = dcexit::test::make_xlsx(
        {{{"vInfo", rest}, {"Apps", k_sheet}}, {"VM", "App", "db01"}, data[0] % 8 == 7});
  }
  dcexit::XlsxLimits limits;
  limits.max_entry_bytes = 1U << 20U;
  limits.max_total_bytes = 2U << 20U;
  limits.max_shared_strings = 1000;
  limits.max_shared_bytes = 64U << 10U;
  limits.cells.max_cells = 10'000;
  dcexit::DiagnosticSink sink;
  dcexit::XlsxWorkbook book("fuzz.xlsx", bytes, sink, limits);
  if (book.ok()) {
    for (const std::string& name : book.sheet_names()) {
      const std::size_t errors = sink.error_count();
      const auto table = book.sheet(name);
      if (!table && sink.error_count() == errors) {
        __builtin_trap();
      }
      if (table && table->rows.size() + table->header.size() > 10'000 + 16'384) {
        __builtin_trap();
      }
    }
  } else if (!sink.has_errors()) {
    __builtin_trap();
  }
  if (book.inflated_bytes() > limits.max_total_bytes + (64U << 10U)) {
    __builtin_trap();
  }
  for (const dcexit::ImportFormat format :
       {dcexit::ImportFormat::rvtools, dcexit::ImportFormat::csv}) {
    dcexit::ImportSource source{format, "fuzz.xlsx", bytes};
    dcexit::ImportOptions options;
    options.today = dcexit::Date::from_civil(2026, 12, 1);
    dcexit::DiagnosticSink import_sink;
    const auto result = dcexit::import_estate({&source, 1}, options, import_sink);
    if (result.has_value() == import_sink.has_errors()) {
      __builtin_trap();
    }
  }
  return 0;
}
