# SPDX-License-Identifier: MIT
# dcexit plan: the files it writes, batches, and the outputs it refuses. Run with -DDCEXIT=...
# -DSOURCE=... -DWORK=<scratch dir>.
include("${CMAKE_CURRENT_LIST_DIR}/expect_exit.cmake")

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

# One estate: six files and the marker saying dcexit wrote them, nothing else (no temporary
# files left behind).
expect_exit(0 "${DCEXIT}" plan "${SOURCE}/inventories/harrow.yaml" --out "${WORK}/one")
file(GLOB written RELATIVE "${WORK}/one" "${WORK}/one/*" "${WORK}/one/.*")
list(SORT written)
if(NOT written STREQUAL ".dcexit;assessment.csv;connectivity.csv;decommission.csv;plan.json;plan.md;plan.xlsx;report.html;waves.csv")
  message(FATAL_ERROR "plan wrote: ${written}")
endif()
if(NOT last_out MATCHES "harrow.yaml: 40 applications in [0-9]+ waves \\(lower bound [0-9]+\\); exit 2021-[0-9-]+, deadline 2021-11-01 met")
  message(FATAL_ERROR "unexpected summary: ${last_out}")
endif()

# --formats writes only the outputs named (the trackers' files when asked for); a name it does
# not know is a usage error that names the ones it does.
expect_exit(0 "${DCEXIT}" plan "${SOURCE}/inventories/harrow.yaml" --formats json,md --tracker jira
            -q --out "${WORK}/formats")
file(GLOB written RELATIVE "${WORK}/formats" "${WORK}/formats/*" "${WORK}/formats/.*")
list(SORT written)
if(NOT written STREQUAL ".dcexit;jira.csv;plan.json;plan.md")
  message(FATAL_ERROR "plan --formats json,md wrote: ${written}")
endif()
file(READ "${WORK}/formats/plan.json" formats_json)
file(READ "${WORK}/one/plan.json" all_json)
if(NOT formats_json STREQUAL all_json)
  message(FATAL_ERROR "plan --formats json wrote another plan.json than plan without it")
endif()
expect_exit(0 "${DCEXIT}" plan "${SOURCE}/inventories/harrow.yaml" --formats csv --formats xlsx
            --prices "${SOURCE}/inventories/prices" -q --out "${WORK}/formats-csv")
file(GLOB written RELATIVE "${WORK}/formats-csv" "${WORK}/formats-csv/*" "${WORK}/formats-csv/.*")
list(SORT written)
if(NOT written STREQUAL ".dcexit;assessment.csv;connectivity.csv;cost.csv;decommission.csv;plan.xlsx;waves.csv")
  message(FATAL_ERROR "plan --formats csv --formats xlsx wrote: ${written}")
endif()
expect_exit(2 "${DCEXIT}" plan "${SOURCE}/inventories/harrow.yaml" --formats json,pdf
            --out "${WORK}/formats-bad")
if(NOT last_err MATCHES "--formats: pdf not in \\{json,md,csv,html,xlsx\\}" OR EXISTS "${WORK}/formats-bad")
  message(FATAL_ERROR "plan --formats json,pdf: ${last_err}")
endif()

# --tracker adds the tracker's import file, and only that.
expect_exit(0 "${DCEXIT}" plan "${SOURCE}/examples/minimal.yaml" --tracker jira --tracker azure-devops
            -q --out "${WORK}/tracker")
file(GLOB written RELATIVE "${WORK}/tracker" "${WORK}/tracker/*" "${WORK}/tracker/.*")
list(SORT written)
if(NOT written STREQUAL ".dcexit;assessment.csv;azure-devops.csv;connectivity.csv;decommission.csv;jira.csv;plan.json;plan.md;plan.xlsx;report.html;waves.csv")
  message(FATAL_ERROR "plan --tracker wrote: ${written}")
endif()
file(READ "${WORK}/tracker/jira.csv" jira)
if(NOT jira MATCHES "^Issue ID,Issue Type,Summary,Parent,Assignee,Start date,Due date,Original Estimate,Labels,Labels,Description,Inward issue link \\(Blocks\\)\n1,Epic,Wave 1: ")
  message(FATAL_ERROR "jira.csv: ${jira}")
endif()

# Without --prices, plan.json says so with null cost keys and plan.md in a line; no cost.csv.
file(READ "${WORK}/one/plan.json" plan_json)
if(NOT plan_json MATCHES "\"cost\": null,\n  \"carbon\": null\n}")
  message(FATAL_ERROR "plan.json without --prices has no null cost keys")
endif()
file(READ "${WORK}/one/plan.md" plan_md)
if(NOT plan_md MATCHES "## Business case\n\nNo prices given")
  message(FATAL_ERROR "plan.md without --prices does not say that no prices were given")
endif()

# With --prices (a folder of price lists): cost.csv, plan.json's cost, the board summary.
expect_exit(0 "${DCEXIT}" plan "${SOURCE}/inventories/harrow.yaml" --prices "${SOURCE}/inventories/prices"
            --out "${WORK}/case")
file(GLOB written RELATIVE "${WORK}/case" "${WORK}/case/*" "${WORK}/case/.*")
list(SORT written)
if(NOT written STREQUAL ".dcexit;assessment.csv;connectivity.csv;cost.csv;decommission.csv;plan.json;plan.md;plan.xlsx;report.html;waves.csv")
  message(FATAL_ERROR "plan --prices wrote: ${written}")
endif()
file(STRINGS "${WORK}/case/cost.csv" cost_rows)
list(GET cost_rows 0 cost_header)
list(GET cost_rows 1 cost_first)
if(NOT cost_header STREQUAL "month,on_premises,cloud,dual_running,one_off,net,cumulative,kwh_on_premises,kwh_cloud,tco2e"
   OR NOT cost_first MATCHES "^2020-11,")
  message(FATAL_ERROR "cost.csv: ${cost_header} / ${cost_first}")
endif()
file(READ "${WORK}/case/report.html" report)
foreach(piece "id=\"board\"" "payback month" "tCO2e a year before" "id=\"payback\"")
  string(FIND "${report}" "${piece}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "report.html with --prices has no ${piece}")
  endif()
endforeach()
file(READ "${WORK}/case/plan.json" case_json)
if(NOT case_json MATCHES "\"payback_month\": \"20[0-9][0-9]-[0-9][0-9]\"" OR NOT case_json MATCHES "\"tco2e_before\": ")
  message(FATAL_ERROR "plan.json with --prices has no payback month or carbon")
endif()
# Everything but the business case is the plan without prices.
string(REGEX REPLACE ",\n  \"cost\": .*" "" case_head "${case_json}")
string(REGEX REPLACE ",\n  \"cost\": .*" "" plain_head "${plan_json}")
if(NOT case_head STREQUAL plain_head)
  message(FATAL_ERROR "--prices changed the plan itself, not only its cost keys")
endif()

# A batch with a broken estate: the others are planned, an index lists all, exit 1 at the end.
expect_exit(1 "${DCEXIT}" plan "${SOURCE}/inventories/harrow.yaml" "${SOURCE}/examples/broken.yaml"
            "${SOURCE}/examples/directory-estate" "${SOURCE}/examples/minimal.yaml" --out "${WORK}/batch")
foreach(f harrow.yaml/plan.json harrow.yaml/report.html directory-estate/plan.json minimal.yaml/waves.csv index.md index.json index.html index.csv)
  if(NOT EXISTS "${WORK}/batch/${f}")
    message(FATAL_ERROR "batch did not write ${f}")
  endif()
endforeach()
if(EXISTS "${WORK}/batch/broken.yaml")
  message(FATAL_ERROR "batch wrote a plan for the broken estate")
endif()
if(NOT last_err MATCHES "3 of 4 estates planned; no plan for: .*examples/broken.yaml")
  message(FATAL_ERROR "no batch summary: ${last_err}")
endif()

# Names that need escaping stay valid in index.json.
configure_file("${SOURCE}/examples/minimal.yaml" "${WORK}/odd/we\"ird|name.yaml" COPYONLY)
expect_exit(0 "${DCEXIT}" plan -q "${WORK}/odd/we\"ird|name.yaml" "${SOURCE}/examples/minimal.yaml"
            --out "${WORK}/odd-batch")
file(READ "${WORK}/odd-batch/index.json" index)
string(JSON odd_name GET "${index}" estates 0 name)
if(NOT odd_name STREQUAL "we\"ird|name.yaml")
  message(FATAL_ERROR "index.json: ${index}")
endif()

# The inventory's own directory is refused, and the inventory stays as it was.
file(COPY "${SOURCE}/examples/minimal.yaml" DESTINATION "${WORK}/own")
file(SHA256 "${WORK}/own/minimal.yaml" before)
expect_exit(2 "${DCEXIT}" plan "${WORK}/own/minimal.yaml" --out "${WORK}/own")
if(NOT last_err MATCHES "refusing to write the plan into")
  message(FATAL_ERROR "no refusal: ${last_err}")
endif()
file(SHA256 "${WORK}/own/minimal.yaml" after)
file(GLOB own RELATIVE "${WORK}/own" "${WORK}/own/*")
if(NOT before STREQUAL after OR NOT own STREQUAL "minimal.yaml")
  message(FATAL_ERROR "the input directory changed: ${own}")
endif()

# An output path that is a file is not replaced: exit 2, a clear message.
file(WRITE "${WORK}/a-file" "x")
expect_exit(2 "${DCEXIT}" plan "${SOURCE}/examples/minimal.yaml" --out "${WORK}/a-file")
if(NOT last_err MATCHES "refusing to replace '${WORK}/a-file': it is a file that dcexit did not write")
  message(FATAL_ERROR "unexpected message: ${last_err}")
endif()

# The same inventory twice gives byte-identical plans.
expect_exit(0 "${DCEXIT}" plan "${SOURCE}/inventories/harrow.yaml" --out "${WORK}/again" -q)
file(SHA256 "${WORK}/one/plan.json" first)
file(SHA256 "${WORK}/again/plan.json" second)
if(NOT first STREQUAL second)
  message(FATAL_ERROR "two runs differ")
endif()

# index.json: deadline_met is null for an estate without a deadline, and plan.md says so.
file(READ "${SOURCE}/examples/minimal.yaml" text)
string(REGEX REPLACE "\n  deadline: [0-9-]+" "" text "${text}")
file(WRITE "${WORK}/no-deadline.yaml" "${text}")
expect_exit(0 "${DCEXIT}" plan -q "${SOURCE}/examples/minimal.yaml" "${WORK}/no-deadline.yaml" --out "${WORK}/deadlines")
file(READ "${WORK}/deadlines/index.json" index)
string(JSON met GET "${index}" estates 0 deadline_met)
string(JSON name GET "${index}" estates 1 name)
string(JSON none TYPE "${index}" estates 1 deadline_met)
if(NOT met STREQUAL "ON" OR NOT name STREQUAL "no-deadline.yaml" OR NOT none STREQUAL "NULL")
  message(FATAL_ERROR "index.json deadlines: ${index}")
endif()
file(READ "${WORK}/deadlines/no-deadline.yaml/plan.md" md)
if(NOT md MATCHES "\n- Start 2025-01-06; no deadline; exit [0-9-]+\\.\n")
  message(FATAL_ERROR "plan.md without a deadline: ${md}")
endif()

# An estate with no application: plan.md says so in words.
file(WRITE "${WORK}/empty-estate.yaml" "schema: dcexit/v1\nestate: {name: Empty, start: 2025-01-06}\nsites: [{id: dc1}]\n")
expect_exit(0 "${DCEXIT}" plan -q "${WORK}/empty-estate.yaml" --out "${WORK}/empty-estate")
file(READ "${WORK}/empty-estate/plan.md" md)
if(NOT md MATCHES "- Start 2025-01-06; no deadline; exit [a-z0-9-]+\\.\n- 0 applications in 0 waves of 14 days [^\n]*\n- Optimality: 0 waves, proved the fewest by the lower bound\\.\n- Strategies: none\\. Effort 0 person-days\\.\n")
  message(FATAL_ERROR "plan.md of an empty estate: ${md}")
endif()
