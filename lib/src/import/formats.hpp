// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: one reader per import format, each adding what its file says to the estate.
#pragma once

#include "import/imported_estate.hpp"

namespace dcexit::detail {

// The column names of the generic layout (as documented; matched after normalise_header).
std::span<const std::string_view> generic_csv_columns();
void import_backstage(const ImportSource& source, ImportedEstate& estate);

// One sheet of each format (a CSV file, or one sheet of a workbook): the importer reads every
// sheet of a source that open_sheets() gives.
class Sheet;
void import_rvtools_sheet(Sheet& sheet, ImportedEstate& estate, const ImportOptions& options);
void import_generic_sheet(Sheet& sheet, ImportedEstate& estate);
void import_konveyor_sheet(Sheet& sheet, ImportedEstate& estate);
void import_aws_mf_sheet(Sheet& sheet, ImportedEstate& estate);
void import_aws_mh_sheet(Sheet& sheet, ImportedEstate& estate);
void import_azure_migrate_sheet(Sheet& sheet, ImportedEstate& estate, const ImportOptions& options);
void import_cast_sheet(Sheet& sheet, ImportedEstate& estate);
void import_software_sheet(Sheet& sheet, ImportedEstate& estate);

}  // namespace dcexit::detail
