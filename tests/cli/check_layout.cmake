# SPDX-License-Identifier: MIT
# The shape of the library (docs/ARCHITECTURE.md), checked: ten public headers, each including
# only the public headers of its own stage and those before it (no cycle between stages); each
# stage's folder includes only its own headers, base's, and the public headers of the stages
# before it; renderers only format: they include what they render, never an analysis's header.
# Run with -DSOURCE=<checkout>; tests/cli/check_layout_faults.cmake shows it fails when it should.
cmake_minimum_required(VERSION 3.25)
set(stages base load import graph assess plan cost report estate)
# Which stages each stage may use (the data flows inventory -> graph -> assessment -> plan ->
# reports; load reads inventories, import writes them).
set(allowed_base "")
set(allowed_load "base")
set(allowed_import "base;load;graph")  # the dependencies it writes are checked for cycles
set(allowed_graph "base")
set(allowed_assess "base;load;graph")
set(allowed_plan "base;load;graph;assess")
set(allowed_cost "base;load;graph;assess;plan")  # prices a plan: after it, before reports
set(allowed_report "base;load;graph;assess;plan;cost")
set(allowed_estate "base;load;graph;assess;plan;cost;report")  # the whole chain, in one call
# The stage that implements each public header.
set(header_inventory base)
set(header_diagnostic base)
set(header_load load)
set(header_import import)
set(header_graph graph)
set(header_assess assess)
set(header_plan plan)
set(header_report report)
set(header_cost cost)
set(header_estate estate)

set(problems "")
file(GLOB public RELATIVE "${SOURCE}/lib/include/dcexit" "${SOURCE}/lib/include/dcexit/*.hpp")
list(SORT public)
if(NOT public STREQUAL "assess.hpp;cost.hpp;diagnostic.hpp;estate.hpp;graph.hpp;import.hpp;inventory.hpp;load.hpp;plan.hpp;report.hpp")
  string(APPEND problems "public headers are '${public}', not the ten of docs/ARCHITECTURE.md\n")
endif()
# Public headers against the stage order: a header of a stage includes only the public headers
# of that stage and of the stages before it, so the headers have no cycle.
foreach(header ${public})
  file(STRINGS "${SOURCE}/lib/include/dcexit/${header}" includes REGEX "^#include [<\"]")
  string(REGEX REPLACE "\\.hpp$" "" own "${header}")
  set(stage "${header_${own}}")
  foreach(line ${includes})
    if(line MATCHES "^#include \"")
      string(APPEND problems "lib/include/dcexit/${header}: '${line}': a private header\n")
    elseif(line MATCHES "^#include <dcexit/([a-z_]+)\\.hpp>")
      set(used "${header_${CMAKE_MATCH_1}}")
      if(used AND NOT used STREQUAL stage AND NOT used IN_LIST allowed_${stage})
        string(APPEND problems
               "lib/include/dcexit/${header}: '${line}': ${stage} comes before ${used}\n")
      endif()
    endif()
  endforeach()
endforeach()

foreach(stage ${stages})
  file(GLOB files "${SOURCE}/lib/src/${stage}/*.cpp" "${SOURCE}/lib/src/${stage}/*.hpp")
  foreach(file ${files})
    file(RELATIVE_PATH name "${SOURCE}" "${file}")
    file(STRINGS "${file}" includes REGEX "^#include [<\"]")
    foreach(line ${includes})
      set(used "")
      if(line MATCHES "^#include \"([a-z_]+)/")
        set(used "${CMAKE_MATCH_1}")
      elseif(line MATCHES "^#include <dcexit/([a-z_]+)\\.hpp>")
        set(used "${header_${CMAKE_MATCH_1}}")
      endif()
      if(used AND NOT used STREQUAL stage AND NOT used IN_LIST allowed_${stage})
        string(APPEND problems "${name}: '${line}': ${stage} may not use ${used}\n")
      endif()
      if(line MATCHES "^#include \"" AND NOT line MATCHES "^#include \"(${stage}|base)/")
        string(APPEND problems "${name}: '${line}': a private header of another stage\n")
      endif()
    endforeach()
  endforeach()
endforeach()

# Renderers only format: a renderer (every file of report/ but those that prepare its input and
# write its files) includes base's and report's own headers and the public headers of what it
# renders (report.hpp, which gives it the plan as one value), never an analysis's header.
set(renderer_may_include "report;inventory;diagnostic;version")
file(GLOB renderers "${SOURCE}/lib/src/report/*.cpp" "${SOURCE}/lib/src/report/*.hpp")
foreach(file ${renderers})
  get_filename_component(base_name "${file}" NAME)
  if(base_name MATCHES "^(report_input|plan_files|graph_layout)\\.cpp$")
    continue()
  endif()
  file(STRINGS "${file}" includes REGEX "^#include <dcexit/")
  foreach(line ${includes})
    if(line MATCHES "^#include <dcexit/([a-z_]+)\\.hpp>" AND NOT CMAKE_MATCH_1 IN_LIST renderer_may_include)
      string(APPEND problems "lib/src/report/${base_name}: '${line}': a renderer includes an "
                             "analysis; it formats the EstatePlan that report.hpp gives it\n")
    endif()
  endforeach()
endforeach()

if(problems)
  message(FATAL_ERROR "the library's layout is broken:\n${problems}")
endif()
