// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: a small SpreadsheetML (.xlsx) writer for plan.xlsx. Each sheet has a bold header row
// frozen in place, a filter over its columns and widths from its contents; cells are inline
// text (formula-looking text quoted), numbers, dates as dates (yyyy-mm-dd) and truth values.
// Sheets are streamed into the archive row by row (libzip, deflate level 1), numbers written
// with std::to_chars: no printf a cell, no temporary files, the same bytes for the same sheets.
#pragma once

#include <dcexit/inventory.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace dcexit::xlsx {

// A cell before it is written: nothing, text, a number, a date or a truth value.
struct Cell {
  std::variant<std::monostate, std::string, double, Date, bool> value;
  Cell() = default;
  Cell(std::string text) : value(std::move(text)) {}         // NOLINT: implicit by design
  Cell(const char* text) : value(std::string(text)) {}       // NOLINT
  Cell(std::string_view text) : value(std::string(text)) {}  // NOLINT
  Cell(double number) : value(number) {}                     // NOLINT
  Cell(Date date) : value(date) {}                           // NOLINT
  static Cell truth(bool b) {
    Cell c;
    c.value = b;
    return c;
  }
  template <typename T>
  static Cell maybe(const std::optional<T>& v) {
    return v ? Cell(*v) : Cell();
  }
};

struct Sheet {
  std::string name;  // at most 31 characters, none of []:*?/\ (plan.xlsx's are fixed)
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
};

struct WorkbookProperties {
  std::string title;
  std::string creator;
  Date created;  // also every part's time in the archive: the same bytes on any machine
};

// The workbook's bytes. Throws std::logic_error for a number that is not finite (refused at its
// source: docs/security.md) and std::runtime_error when the archive cannot be made.
std::string write_workbook(const std::vector<Sheet>& sheets, const WorkbookProperties& properties);

// Text as a cell holds it (ECMA-376's ST_Xstring): characters XML 1.0 forbids as Excel's
// `_xHHHH_`, a literal `_xHHHH_` with its underscore escaped, cut at 32,000 characters.
std::string cell_text(const std::string& text);
// Whether text would read as a formula (= + - @ tab CR first): written quoted, as text.
bool looks_like_formula(const std::string& text);

}  // namespace dcexit::xlsx
