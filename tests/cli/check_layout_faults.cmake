# SPDX-License-Identifier: MIT
# The layout check (check_layout.cmake) fails when it should: on a copy of the library with a
# header cycle injected (assess.hpp including cost.hpp, which includes plan.hpp, which includes
# assess.hpp) and on one whose renderer includes an analysis's header. Run with -DSOURCE=<checkout>
# -DWORK=<scratch folder>.
cmake_minimum_required(VERSION 3.25)

function(expect_failure name file line expected)
  set(copy "${WORK}/${name}")
  file(REMOVE_RECURSE "${copy}")
  file(COPY "${SOURCE}/lib" DESTINATION "${copy}")
  file(READ "${copy}/${file}" text)
  string(REPLACE "#pragma once\n" "#pragma once\n${line}\n" changed "${text}")
  string(REPLACE "#include <dcexit/report.hpp>\n" "#include <dcexit/report.hpp>\n${line}\n"
                 changed "${changed}")
  if(changed STREQUAL text)
    message(FATAL_ERROR "${name}: could not inject '${line}' into ${file}")
  endif()
  file(WRITE "${copy}/${file}" "${changed}")
  execute_process(COMMAND ${CMAKE_COMMAND} -DSOURCE=${copy}
                          -P ${CMAKE_CURRENT_LIST_DIR}/check_layout.cmake
                  RESULT_VARIABLE result ERROR_VARIABLE err OUTPUT_VARIABLE out)
  if(result EQUAL 0)
    message(FATAL_ERROR "${name}: the layout check passed a library with ${line} in ${file}")
  endif()
  string(REGEX REPLACE "[ \n]+" " " err "${err}")  # cmake wraps its messages
  string(FIND "${err}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${name}: expected '${expected}' in:\n${err}")
  endif()
  file(REMOVE_RECURSE "${copy}")
endfunction()

expect_failure(cycle "lib/include/dcexit/assess.hpp" "#include <dcexit/cost.hpp>"
               "lib/include/dcexit/assess.hpp: '#include <dcexit/cost.hpp>': assess comes before cost")
expect_failure(renderer "lib/src/report/plan_csv.cpp" "#include <dcexit/plan.hpp>"
               "lib/src/report/plan_csv.cpp: '#include <dcexit/plan.hpp>': a renderer includes an analysis")
# And the library as it is passes.
execute_process(COMMAND ${CMAKE_COMMAND} -DSOURCE=${SOURCE}
                        -P ${CMAKE_CURRENT_LIST_DIR}/check_layout.cmake RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "the layout check fails on the library as it is")
endif()
