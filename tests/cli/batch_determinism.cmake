# SPDX-License-Identifier: MIT
# Same inventory, same bytes, in a batch too: four copies of Harrow planned together, on two
# threads, give every estate the plan Harrow gets alone (each exact optimisation proved), and
# CBC prints nothing of its own. Repeated RUNS times (20 in the release suite, 4 under ASan and
# in the ThreadSanitizer stage). report.html's footer names the input's path, so it is compared
# without that line. Run with -DDCEXIT=... -DSOURCE=... -DWORK=... [-DRUNS=N]
if(NOT RUNS)
  set(RUNS 20)
endif()
set(files assessment.csv connectivity.csv decommission.csv plan.json plan.md plan.xlsx
          report.html waves.csv)
file(REMOVE_RECURSE "${WORK}")
set(inputs "")
foreach(n 1 2 3 4)
  file(MAKE_DIRECTORY "${WORK}/in${n}")
  file(COPY "${SOURCE}/inventories/harrow.yaml" DESTINATION "${WORK}/in${n}")
  list(APPEND inputs "${WORK}/in${n}/harrow.yaml")
endforeach()

function(read_output path result)
  if(path MATCHES "report.html$")
    file(READ "${path}" text)
    string(REGEX REPLACE "<footer>[^\n]*</footer>" "" text "${text}")
  else()
    file(READ "${path}" text HEX)
  endif()
  set(${result} "${text}" PARENT_SCOPE)
endfunction()

execute_process(COMMAND "${DCEXIT}" plan "${WORK}/in1/harrow.yaml" --out "${WORK}/alone" -q
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "planning Harrow alone: exit ${rc}\n${err}")
endif()
foreach(run RANGE 1 ${RUNS})
  file(REMOVE_RECURSE "${WORK}/batch")
  execute_process(COMMAND "${DCEXIT}" plan ${inputs} --out "${WORK}/batch" -q
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out STREQUAL "")
    message(FATAL_ERROR "batch ${run}: exit ${rc}, standard output:\n${out}\n${err}")
  endif()
  foreach(folder harrow.yaml harrow.yaml-2 harrow.yaml-3 harrow.yaml-4)
    foreach(name ${files})
      read_output("${WORK}/alone/${name}" expected)
      read_output("${WORK}/batch/${folder}/${name}" got)
      if(NOT got STREQUAL expected)
        message(FATAL_ERROR "batch ${run}: ${folder}/${name} differs from Harrow's plan alone")
      endif()
    endforeach()
  endforeach()
endforeach()
