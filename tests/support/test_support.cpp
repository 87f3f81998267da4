// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
#include "test_support.hpp"

#include "load/inventory_builder.hpp"

#include <dcexit/load.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace dcexit::test {

std::filesystem::path source_dir() {
  return DCEXIT_SOURCE_DIR;
}
std::filesystem::path shared_dir() {
  return DCEXIT_SHARED_DIR;
}

std::vector<std::string> lines(DiagnosticSink& sink) {
  sink.sort();
  std::vector<std::string> out;
  for (const Diagnostic& d : sink.all()) {
    out.push_back(format_text(d));
  }
  return out;
}

std::vector<std::string> lines(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics) {
    out.push_back(format_text(d));
  }
  return out;
}

std::vector<std::string> Loaded::lines() const {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics.all()) {
    out.push_back(format_text(d));
  }
  return out;
}

bool Loaded::has_code(std::string_view code) const {
  const auto& all = diagnostics.all();
  return std::any_of(all.begin(), all.end(),
                     [&](const Diagnostic& d) { return to_string(d.code) == code; });
}

Loaded load_files(const std::vector<SourceFile>& files) {
  Loaded loaded;
  InventoryBuilder builder("test", loaded.diagnostics);
  for (const SourceFile& file : files) {
    builder.add_file(file.name, file.content);
  }
  loaded.inventory = builder.finish();
  loaded.work = builder.work();
  loaded.diagnostics.sort();
  return loaded;
}

Loaded load_text(std::string_view yaml, std::string name) {
  return load_files({{std::move(name), std::string(yaml)}});
}

std::string header(std::string_view extra_policy) {
  std::string text =
      "schema: dcexit/v1\n"
      "estate: {name: Test estate, start: 2021-01-04}\n"
      "sites:\n"
      "  - {id: dc1, name: Data centre 1}\n";
  if (!extra_policy.empty()) {
    text += "policy:\n";
    text += extra_policy;
  }
  return text;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path.string());
  }
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace dcexit::test
