# SPDX-License-Identifier: MIT
# dcexit import: the file it writes, what it refuses to overwrite, and that `validate` and `plan`
# take its output. Run with -DDCEXIT=... -DSOURCE=... -DSHARED=... -DWORK=<scratch dir>.
include("${CMAKE_CURRENT_LIST_DIR}/expect_exit.cmake")

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(ENV{SOURCE_DATE_EPOCH} 1795000000)  # 2026-11-18: the assumed start is 2026-12-01
set(rvtools "${SHARED}/real-data/inventories/kubev2v-rvtools/rvtools_example1_vInfo.csv")
set(fixtures "${SOURCE}/tests/fixtures/import")
set(out "${WORK}/estate.yaml")

# Servers from RVTools, applications and dependencies from the generic layout, in one run.
expect_exit(0 "${DCEXIT}" import --from csv "rvtools:${rvtools}" "${fixtures}/apps.csv"
            "${fixtures}/servers.csv" "${fixtures}/dependencies.csv" -o "${out}")
if(NOT last_err MATCHES "imported 2 sites, 9 servers, 3 applications, 2 dependencies into .*estate.yaml; 4 servers host no application yet")
  message(FATAL_ERROR "unexpected summary: ${last_err}")
endif()
file(READ "${out}" first)
if(NOT first MATCHES "  start: 2026-12-01  # assumed")
  message(FATAL_ERROR "SOURCE_DATE_EPOCH was not used:\n${first}")
endif()
expect_exit(0 "${DCEXIT}" validate "${out}")
expect_exit(0 "${DCEXIT}" plan "${out}" --out "${WORK}/plan")

# An existing file is kept unless --force; an input is never written over.
expect_exit(2 "${DCEXIT}" import --from csv "${fixtures}/apps.csv" -o "${out}")
if(NOT last_err MATCHES "estate.yaml' exists; give --force to replace it")
  message(FATAL_ERROR "unexpected refusal: ${last_err}")
endif()
file(READ "${out}" kept)
if(NOT kept STREQUAL first)
  message(FATAL_ERROR "the existing output was changed")
endif()
file(COPY "${fixtures}/apps.csv" DESTINATION "${WORK}")
expect_exit(2 "${DCEXIT}" import --from csv "${WORK}/apps.csv" -o "${WORK}/apps.csv" --force)
if(NOT last_err MATCHES "refusing to write over the input")
  message(FATAL_ERROR "unexpected refusal: ${last_err}")
endif()
file(READ "${WORK}/apps.csv" apps_after)
file(READ "${fixtures}/apps.csv" apps_before)
if(NOT apps_after STREQUAL apps_before)
  message(FATAL_ERROR "the input was changed")
endif()

# The same input gives the same bytes; --force replaces the file whole.
expect_exit(0 "${DCEXIT}" import --from csv "rvtools:${rvtools}" "${fixtures}/apps.csv"
            "${fixtures}/servers.csv" "${fixtures}/dependencies.csv" -o "${out}" --force)
file(READ "${out}" second)
if(NOT second STREQUAL first)
  message(FATAL_ERROR "a second run wrote different bytes")
endif()

# Bad rows: every problem, exit 1, and no file.
expect_exit(1 "${DCEXIT}" import --from konveyor
            "${SHARED}/real-data/inventories/konveyor/tackle-app-inventory_dependency_import.csv"
            -o "${WORK}/broken.yaml")
if(NOT last_err MATCHES "dependency_import.csv:8:43: error: 'Dependency Direction' is 'TO'.*import failed: 4 errors; nothing written")
  message(FATAL_ERROR "unexpected diagnostics: ${last_err}")
endif()
if(EXISTS "${WORK}/broken.yaml")
  message(FATAL_ERROR "a failed import wrote its output")
endif()
file(GLOB left "${WORK}/*")
list(LENGTH left count)
if(NOT count EQUAL 3)  # estate.yaml, plan/, apps.csv: no temporary files
  message(FATAL_ERROR "files left behind: ${left}")
endif()
