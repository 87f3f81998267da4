// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Workbooks made in memory for tests, with libzip: small ones part by part, and hostile ones
// (a part that inflates to gigabytes from a few megabytes, written from a generator).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace dcexit::test {

// A part written from a generator: `produce(offset)` gives the next bytes at `offset`, until
// `size` bytes have been given (deflated as they come: the part is never whole in memory).
struct GeneratedPart {
  std::string name;
  std::size_t size = 0;
  std::function<std::string(std::size_t offset)> produce;
};

// How a part is stored: deflated, as Excel does; compressed by LZMA, or encrypted (AES-256,
// password "secret"), which ZIP allows and no workbook reader need take.
enum class PartMethod { deflate, lzma, aes256 };

// A ZIP archive of `parts` (name, bytes), deflated unless `methods` says otherwise, with every
// timestamp fixed.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& parts,
                     const std::vector<GeneratedPart>& generated = {},
                     const std::map<std::string, PartMethod>& methods = {});

// A workbook: sheets (name, <sheetData> rows XML), shared strings, the 1904 date system, and a
// style 1 that is a date (numFmtId 14) and a style 2 that is a time (numFmtId 22).
struct WorkbookSpec {
  std::vector<std::pair<std::string, std::string>> sheets = {};
  std::vector<std::string> shared = {};
  bool date1904 = false;
  std::map<std::string, PartMethod> methods = {};  // by part name
};
std::string make_xlsx(const WorkbookSpec& spec, const std::vector<GeneratedPart>& generated = {});

}  // namespace dcexit::test
