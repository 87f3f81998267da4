# SPDX-License-Identifier: MIT
# Opens Harrow's report.html in headless Chromium: no console message at all, the Gantt and
# graph SVGs present, one bar per wave; keeps a screenshot as a test artefact.
# Run with -DDCEXIT=... -DCHROMIUM=... -DSOURCE=... -DWORK=... -DARTIFACTS=...
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}" "${ARTIFACTS}")
execute_process(COMMAND "${DCEXIT}" plan -q "${SOURCE}/inventories/harrow.yaml" --out "${WORK}/harrow"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "dcexit plan failed: ${rc}")
endif()
set(flags --headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run
          --disable-background-networking --disable-component-update --disable-sync
          "--user-data-dir=${WORK}/profile" --enable-logging=stderr --v=0)
execute_process(COMMAND timeout 120 "${CHROMIUM}" ${flags} --dump-dom "file://${WORK}/harrow/report.html"
                RESULT_VARIABLE rc OUTPUT_VARIABLE dom ERROR_VARIABLE log)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "chromium exited ${rc}:\n${log}")
endif()
if(log MATCHES "CONSOLE")
  string(REGEX MATCHALL "[^\n]*CONSOLE[^\n]*" lines "${log}")
  message(FATAL_ERROR "console messages in report.html:\n${lines}")
endif()
foreach(id gantt-chart mix-chart rundown-servers rundown-kw rundown-cost)
  if(NOT dom MATCHES "<svg id=\"${id}\"")
    message(FATAL_ERROR "report.html has no <svg id=\"${id}\">")
  endif()
endforeach()
if(NOT dom MATCHES "<div class=\"graph\" id=\"dependency-graph\"><svg")
  message(FATAL_ERROR "report.html has no dependency graph SVG")
endif()
file(READ "${WORK}/harrow/plan.json" plan)
string(JSON waves LENGTH "${plan}" waves)
string(REGEX MATCHALL "class=\"wave-bar[ \"]" bars "${dom}")
list(LENGTH bars bar_count)
if(NOT bar_count EQUAL waves)
  message(FATAL_ERROR "${bar_count} wave bars for ${waves} waves")
endif()
execute_process(COMMAND timeout 120 "${CHROMIUM}" ${flags} --hide-scrollbars --window-size=1300,3000
                        "--screenshot=${ARTIFACTS}/harrow-report.png" "file://${WORK}/harrow/report.html"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT rc EQUAL 0 OR NOT EXISTS "${ARTIFACTS}/harrow-report.png")
  message(FATAL_ERROR "no screenshot")
endif()
message(STATUS "${waves} waves, ${bar_count} bars; screenshot ${ARTIFACTS}/harrow-report.png")
