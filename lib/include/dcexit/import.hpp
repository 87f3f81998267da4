// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Beside the pipeline, import: the files estates live in -> an inventory file.
#pragma once

#include <dcexit/diagnostic.hpp>
#include <dcexit/inventory.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <utility>
#include <vector>

namespace dcexit {

class DiagnosticSink;

// The formats `dcexit import` reads (docs/import.md maps each one field by field).
enum class ImportFormat : std::uint8_t {
  rvtools,
  csv,
  konveyor,
  aws_mf,
  aws_mh,
  azure_migrate,
  cast,
  backstage,
  software
};
inline constexpr std::pair<std::string_view, ImportFormat> k_import_formats[] = {
    {"rvtools", ImportFormat::rvtools},   {"csv", ImportFormat::csv},
    {"konveyor", ImportFormat::konveyor}, {"aws-mf", ImportFormat::aws_mf},
    {"aws-mh", ImportFormat::aws_mh},     {"azure-migrate", ImportFormat::azure_migrate},
    {"cast", ImportFormat::cast},         {"backstage", ImportFormat::backstage},
    {"software", ImportFormat::software}};
std::string_view to_string(ImportFormat format);
std::optional<ImportFormat> parse_import_format(std::string_view name);

// One file to import; `name` is how diagnostics and the output's comments refer to it.
// A workbook (.xlsx) is read sheet by sheet: `sheet` names the one to read, or is empty for the
// format's own (RVTools: vInfo and vHost; otherwise every sheet whose header is the format's).
struct ImportSource {
  ImportFormat format = ImportFormat::csv;
  std::string name;
  std::string content;
  std::string sheet = {};
};

// How `import` makes applications of the VMs a server inventory (RVTools, Azure Migrate)
// lists, which names none: one per VM, or one per group of VMs (docs/import.md).
enum class AppGrouping : std::uint8_t { none, per_vm, by_folder, by_annotation, by_tag };
inline constexpr std::pair<std::string_view, AppGrouping> k_app_groupings[] = {
    {"per-vm", AppGrouping::per_vm},
    {"by-folder", AppGrouping::by_folder},
    {"by-annotation", AppGrouping::by_annotation},
    {"by-tag", AppGrouping::by_tag}};

struct ImportOptions {
  std::string estate_name;    // empty: a placeholder, marked "assumed"
  std::optional<Date> start;  // empty: the first of the month after `today`
  Date today;                 // from the clock or SOURCE_DATE_EPOCH
  std::string site;           // for servers whose source names no site; empty: "dc"
  std::vector<std::pair<std::string, std::string>> column_map;  // csv: source header -> column
  AppGrouping apps = AppGrouping::none;
  std::string apps_key;  // by-annotation: the annotation's key; by-tag: the tag category
};

// What an import made, for the one-line summary.
struct ImportCounts {
  std::size_t sites = 0;
  std::size_t servers = 0;
  std::size_t applications = 0;
  std::size_t dependencies = 0;
  std::size_t servers_without_app = 0;
};

struct ImportResult {
  std::string yaml;  // a dcexit/v1 inventory with comments
  ImportCounts counts;
};

// Reads every source in order, merges what they say about the same ids (the first source to give
// a field wins; a different value later is a warning), and writes one inventory. Every problem
// goes to `sink`; nullopt if any is an error.
std::optional<ImportResult> import_estate(std::span<const ImportSource> sources,
                                          const ImportOptions& options, DiagnosticSink& sink);

// Reports what stops `content` from being read in any format (a workbook, UTF-16, NUL, invalid
// UTF-8, nothing in it) to `sink`, against `file`; false when there is such a problem. Run
// before the format is guessed, so that these get their own diagnostic rather than "cannot
// tell the format".
bool check_import_text(std::string_view file, std::string_view content, DiagnosticSink& sink);

// The format a file's content is in, from its header row (or, for Backstage, its `apiVersion`
// and `kind` keys); nullopt when none fits. A header that cannot be read as CSV at all (more
// columns than the limit, a quote never closed) is reported to `sink` against `file`.
std::optional<ImportFormat> detect_import_format(std::string_view content, std::string_view file,
                                                 DiagnosticSink& sink);
std::optional<ImportFormat> detect_import_format(std::string_view content);

// `text` made into an inventory id: lower case, runs of other characters as one '-'
// ("Order Hub " -> "order-hub"); empty if nothing usable is left.
std::string make_id(std::string_view text);

// Why a file named for import was not taken: it cannot be read, it is not text dcexit can read
// (a workbook, UTF-16, empty; its diagnostic says which), or nothing tells its format.
enum class SourceFailure : std::uint8_t { unreadable, invalid, unknown_format };

// The file `arg` names, read and with its format: `FORMAT:FILE` names its own, otherwise `from`
// does (a format name, or "auto" / "" to tell it from the file's header, after checking that the
// file is text). Problems go to `sink`.
tl::expected<ImportSource, SourceFailure> read_import_source(std::string_view arg,
                                                             std::string_view from,
                                                             DiagnosticSink& sink);

// Writes an imported inventory to `path` whole; an existing file only if `replace`.
tl::expected<void, Diagnostic> write_import_output(const std::string& path, std::string_view yaml,
                                                   bool replace);

}  // namespace dcexit
