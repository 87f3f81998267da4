// SPDX-License-Identifier: MIT
// Copyright 2026 The dcexit authors
// Internal: one reader per import format, each adding what its file says to the estate.
#pragma once

#include "import/imported_estate.hpp"

namespace dcexit::detail {

void import_rvtools(const ImportSource& source, ImportedEstate& estate);
// The column names of the generic layout (as documented; matched after normalise_header).
std::span<const std::string_view> generic_csv_columns();
void import_generic_csv(const ImportSource& source, ImportedEstate& estate,
                        const ImportOptions& options);
void import_konveyor(const ImportSource& source, ImportedEstate& estate);
void import_aws_mf(const ImportSource& source, ImportedEstate& estate);
void import_aws_mh(const ImportSource& source, ImportedEstate& estate);
void import_azure_migrate(const ImportSource& source, ImportedEstate& estate);
void import_cast(const ImportSource& source, ImportedEstate& estate);
void import_backstage(const ImportSource& source, ImportedEstate& estate);

}  // namespace dcexit::detail
