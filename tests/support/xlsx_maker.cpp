// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "xlsx_maker.hpp"

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <zip.h>

namespace dcexit::test {

namespace {

// The state of one generated part as libzip reads it.
struct Generator {
  const GeneratedPart* part = nullptr;
  std::size_t offset = 0;
  std::string pending;
};

zip_int64_t generate(void* state, void* data, zip_uint64_t length, zip_source_cmd_t command) {
  auto& g = *static_cast<Generator*>(state);
  switch (command) {
    case ZIP_SOURCE_OPEN:
      g.offset = 0;
      g.pending.clear();
      return 0;
    case ZIP_SOURCE_READ: {
      std::size_t written = 0;
      auto* out = static_cast<char*>(data);
      while (written < length && (g.offset < g.part->size || !g.pending.empty())) {
        if (g.pending.empty()) {
          g.pending = g.part->produce(g.offset);
          if (g.pending.size() > g.part->size - g.offset) {
            g.pending.resize(g.part->size - g.offset);
          }
          g.offset += g.pending.size();
          if (g.pending.empty()) {
            break;
          }
        }
        const std::size_t n =
            std::min(g.pending.size(), static_cast<std::size_t>(length) - written);
        std::memcpy(out + written, g.pending.data(), n);
        g.pending.erase(0, n);
        written += n;
      }
      return static_cast<zip_int64_t>(written);
    }
    case ZIP_SOURCE_CLOSE:
      return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      st->valid = ZIP_STAT_SIZE | ZIP_STAT_MTIME;
      st->size = g.part->size;
      st->mtime = 315532800;  // 1980-01-01: fixed
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
      return 2 * sizeof(int);
    case ZIP_SOURCE_FREE:
      delete &g;
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                            ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      return -1;
  }
}

void check(bool ok, const char* what) {
  if (!ok) {
    throw std::runtime_error(std::string("make_zip: ") + what);
  }
}

// Marks part `name` of the archive `zip` as compressed by LZMA (method 14), in its local
// header and in the central directory: libzip 1.7 cannot write LZMA, and the reader must refuse
// it by the method alone.
void mark_lzma(std::string& zip, const std::string& name) {
  const auto mark = [&](std::string_view signature, std::size_t name_at, std::size_t method_at) {
    for (std::size_t at = zip.find(signature); at != std::string::npos;
         at = zip.find(signature, at + 1)) {
      if (zip.compare(at + name_at, name.size(), name) == 0) {
        zip[at + method_at] = 14;
        zip[at + method_at + 1] = 0;
      }
    }
  };
  mark(std::string_view("PK\x03\x04", 4), 30, 8);
  mark(std::string_view("PK\x01\x02", 4), 46, 10);
}

}  // namespace

std::string make_zip(const std::vector<std::pair<std::string, std::string>>& parts,
                     const std::vector<GeneratedPart>& generated,
                     const std::map<std::string, PartMethod>& methods) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  check(buffer != nullptr, "buffer");
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  check(archive != nullptr, "open");
  const auto add = [&](const std::string& name, zip_source_t* source) {
    check(source != nullptr, "source");
    const zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    check(index >= 0, "add");
    zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), 315532800, 0);
    const auto at = static_cast<zip_uint64_t>(index);
    const auto method = methods.find(name);
    const PartMethod how = method == methods.end() ? PartMethod::deflate : method->second;
    check(zip_set_file_compression(archive, at, ZIP_CM_DEFLATE, 1) == 0, "compression");
    if (how == PartMethod::aes256) {
      check(zip_file_set_encryption(archive, at, ZIP_EM_AES_256, "secret") == 0, "encryption");
    }
  };
  for (const auto& [name, bytes] : parts) {
    add(name, zip_source_buffer(archive, bytes.data(), bytes.size(), 0));
  }
  for (const GeneratedPart& part : generated) {
    auto* state = new Generator{&part, 0, {}};
    add(part.name, zip_source_function(archive, generate, state));
  }
  check(zip_close(archive) == 0, "close");
  zip_stat_t st;
  check(zip_source_stat(buffer, &st) == 0, "stat");
  std::string out(static_cast<std::size_t>(st.size), '\0');
  check(zip_source_open(buffer) == 0, "reopen");
  check(zip_source_read(buffer, out.data(), out.size()) == static_cast<zip_int64_t>(out.size()),
        "read");
  zip_source_close(buffer);
  zip_source_free(buffer);
  for (const auto& [name, how] : methods) {
    if (how == PartMethod::lzma) {
      mark_lzma(out, name);
    }
  }
  return out;
}

std::string make_xlsx(const WorkbookSpec& spec, const std::vector<GeneratedPart>& generated) {
  std::vector<std::pair<std::string, std::string>> parts;
  std::string workbook = R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)";
  if (spec.date1904) {
    workbook += R"(<workbookPr date1904="1"/>)";
  }
  workbook += "<sheets>";
  std::string rels = R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  for (std::size_t i = 0; i < spec.sheets.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    workbook += "<sheet name=\"" + spec.sheets[i].first + "\" sheetId=\"" + n + "\" r:id=\"rId" +
                n + "\"/>";
    rels += "<Relationship Id=\"rId" + n +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            "worksheet\" Target=\"worksheets/sheet" +
            n + ".xml\"/>";
    parts.emplace_back("xl/worksheets/sheet" + n + ".xml",
                       R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
                           spec.sheets[i].second + "</sheetData></worksheet>");
  }
  workbook += "</sheets></workbook>";
  rels += "</Relationships>";
  parts.emplace_back("xl/workbook.xml", workbook);
  parts.emplace_back("xl/_rels/workbook.xml.rels", rels);
  parts.emplace_back("xl/styles.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="22" applyNumberFormat="1"/></cellXfs></styleSheet>)");
  if (!spec.shared.empty()) {
    std::string shared = R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
    for (const std::string& s : spec.shared) {
      shared += "<si><t>" + s + "</t></si>";
    }
    shared += "</sst>";
    parts.emplace_back("xl/sharedStrings.xml", shared);
  }
  // A generated part takes the place of the part of the same name.
  std::erase_if(parts, [&](const auto& part) {
    return std::any_of(generated.begin(), generated.end(),
                       [&](const GeneratedPart& g) { return g.name == part.first; });
  });
  return make_zip(parts, generated, spec.methods);
}

}  // namespace dcexit::test
