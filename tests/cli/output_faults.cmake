# SPDX-License-Identifier: MIT
# Output faults and collisions: a full disk, signals, a killed run, concurrent runs, an output
# that is or holds an input, and every way an output can meet something dcexit did not write.
# Each must exit 2 with a message naming the path, leave no partial file or temporary, and never
# touch an input or a user's file. Interrupts come from a counted test hook (DCEXIT_TEST_HOOK),
# never from a timer. Run with -DDCEXIT=... -DSOURCE=... -DWORK=...
include("${CMAKE_CURRENT_LIST_DIR}/expect_exit.cmake")

function(expect code message)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc STREQUAL "${code}" OR NOT err MATCHES "${message}")
    message(FATAL_ERROR "'${ARGN}': exit ${rc}, stderr:\n${err}\nexpected exit ${code} and '${message}'")
  endif()
endfunction()

# The sorted names in a folder, hidden ones included.
function(listing dir result)
  file(GLOB names RELATIVE "${dir}" "${dir}/*" "${dir}/.*")
  list(SORT names)
  set(${result} "${names}" PARENT_SCOPE)
endfunction()

function(expect_listing dir expected)
  listing("${dir}" names)
  if(NOT names STREQUAL "${expected}")
    message(FATAL_ERROR "${dir} holds '${names}', expected '${expected}'")
  endif()
endfunction()

set(plan_files ".dcexit;assessment.csv;connectivity.csv;decommission.csv;plan.json;plan.md;plan.xlsx;report.html;waves.csv")
set(harrow "${SOURCE}/inventories/harrow.yaml")
set(minimal "${SOURCE}/examples/minimal.yaml")
file(SHA256 "${harrow}" harrow_before)
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

# A full standard output.
foreach(command "validate;--format;json" "graph" "assess" "schema")
  set(args ${command})
  if(NOT command STREQUAL "schema")
    list(APPEND args "${harrow}")
  endif()
  expect(2 "cannot write to standard output: No space left on device"
         sh -c "\"$0\" \"$@\" > /dev/full" "${DCEXIT}" ${args})
endforeach()

# Parents are created (the README's `--out out/harrow` with no out/); an impossible one is not.
expect_exit(0 "${DCEXIT}" plan -q "${minimal}" --out "${WORK}/new/parents/plan")
expect_listing("${WORK}/new/parents/plan" "${plan_files}")
expect(2 "cannot create output directory '/proc/dcexit-test'" "${DCEXIT}" plan "${minimal}" --out /proc/dcexit-test/x)

# The input as the output, or a folder holding it.
expect(2 "refusing to write the plan into" "${DCEXIT}" plan "${harrow}" --out "${harrow}")
expect(2 "refusing to write the plan into" "${DCEXIT}" plan "${harrow}" --out "${SOURCE}/inventories")
expect(2 "refusing to write the plan into" "${DCEXIT}" plan "${harrow}" --out "${SOURCE}")

# One estate into a folder that holds a user's plan.md, or anything else dcexit did not write.
file(MAKE_DIRECTORY "${WORK}/user")
file(WRITE "${WORK}/user/plan.md" "my own notes\n")
expect(2 "refusing to replace '${WORK}/user': it holds '${WORK}/user/plan.md', which dcexit did not write"
       "${DCEXIT}" plan "${minimal}" --out "${WORK}/user")
file(READ "${WORK}/user/plan.md" notes)
if(NOT notes STREQUAL "my own notes\n")
  message(FATAL_ERROR "a user's plan.md was overwritten")
endif()
expect_listing("${WORK}/user" "plan.md")

# A folder dcexit wrote is replaced; once a user adds a file to it, it is not.
expect_exit(0 "${DCEXIT}" plan -q "${minimal}" --out "${WORK}/ours")
expect_exit(0 "${DCEXIT}" plan -q "${harrow}" --out "${WORK}/ours")
expect_listing("${WORK}/ours" "${plan_files}")
file(READ "${WORK}/ours/plan.md" text LIMIT 40)
if(NOT text MATCHES "London Borough of Harrow")
  message(FATAL_ERROR "the second plan did not replace the first")
endif()
listing("${WORK}" before)
file(WRITE "${WORK}/ours/notes.txt" "mine")
expect(2 "refusing to replace '${WORK}/ours': it holds '${WORK}/ours/notes.txt', which dcexit did not write"
       "${DCEXIT}" plan "${minimal}" --out "${WORK}/ours")
file(REMOVE "${WORK}/ours/notes.txt")
listing("${WORK}" after)
if(NOT before STREQUAL after)
  message(FATAL_ERROR "a refused plan left '${after}' (before: '${before}')")
endif()

# A file, a symbolic link, the current directory.
file(WRITE "${WORK}/a-file" "x")
expect(2 "refusing to replace '${WORK}/a-file': it is a file that dcexit did not write"
       "${DCEXIT}" plan "${minimal}" --out "${WORK}/a-file")
file(CREATE_LINK "${WORK}/ours" "${WORK}/link" SYMBOLIC)
expect(2 "refusing to replace '${WORK}/link': it is a symbolic link" "${DCEXIT}" plan "${minimal}" --out "${WORK}/link")
file(MAKE_DIRECTORY "${WORK}/empty-here")
execute_process(COMMAND "${DCEXIT}" plan "${minimal}" --out . WORKING_DIRECTORY "${WORK}/empty-here"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc STREQUAL "2" OR NOT err MATCHES "it is the current directory")
  message(FATAL_ERROR "--out .: exit ${rc}: ${err}")
endif()

# An empty folder is taken.
file(MAKE_DIRECTORY "${WORK}/empty")
expect_exit(0 "${DCEXIT}" plan -q "${minimal}" --out "${WORK}/empty")
expect_listing("${WORK}/empty" "${plan_files}")

# A full disk half-way through, SIGTERM half-way through: the old plan stays whole, no temporary.
file(SHA256 "${WORK}/ours/plan.json" ours_before)
listing("${WORK}" after)
foreach(hook "fail=ENOSPC,after-files=3" "signal=TERM,after-files=2" "signal=INT,after-files=5")
  execute_process(COMMAND ${CMAKE_COMMAND} -E env "DCEXIT_TEST_HOOK=${hook}" "${DCEXIT}" plan -q "${minimal}" --out "${WORK}/ours"
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc STREQUAL "2")
    message(FATAL_ERROR "${hook}: exit ${rc}: ${err}")
  endif()
  if(hook MATCHES "ENOSPC" AND NOT err MATCHES "No space left on device")
    message(FATAL_ERROR "${hook}: ${err}")
  endif()
  if(hook MATCHES "signal" AND NOT err MATCHES "interrupted: nothing written")
    message(FATAL_ERROR "${hook}: ${err}")
  endif()
  listing("${WORK}" now)
  if(NOT now STREQUAL after)
    message(FATAL_ERROR "${hook} left '${now}'")
  endif()
  expect_listing("${WORK}/ours" "${plan_files}")
  file(SHA256 "${WORK}/ours/plan.json" ours_now)
  if(NOT ours_now STREQUAL ours_before)
    message(FATAL_ERROR "${hook} changed the plan that was there")
  endif()
endforeach()

# SIGKILL cannot be caught: the temporary stays, the plan that was there too; the next run
# clears the temporary.
execute_process(COMMAND ${CMAKE_COMMAND} -E env "DCEXIT_TEST_HOOK=signal=KILL,after-files=2" "${DCEXIT}" plan -q "${minimal}" --out "${WORK}/ours"
                RESULT_VARIABLE rc)
file(GLOB stale "${WORK}/.ours.dcexit-tmp.*")
if(NOT stale)
  message(FATAL_ERROR "SIGKILL left no temporary (exit ${rc}): the test hook did not fire")
endif()
file(SHA256 "${WORK}/ours/plan.json" ours_now)
if(NOT ours_now STREQUAL ours_before)
  message(FATAL_ERROR "SIGKILL changed the plan that was there")
endif()
expect_exit(0 "${DCEXIT}" plan -q "${minimal}" --out "${WORK}/ours")
file(GLOB stale "${WORK}/.ours.dcexit-tmp.*")
if(stale)
  message(FATAL_ERROR "the temporary a killed run left is still there: ${stale}")
endif()

# Batches: an output folder that is an input, an input file in the way, a user's index.
file(MAKE_DIRECTORY "${WORK}/estates/north" "${WORK}/estates/south")
configure_file("${minimal}" "${WORK}/estates/north/estate.yaml" COPYONLY)
configure_file("${minimal}" "${WORK}/estates/south/estate.yaml" COPYONLY)
expect(2 "refusing to write the plan into '${WORK}/estates/north', where the inventory '${WORK}/estates/north' lives"
       "${DCEXIT}" plan "${WORK}/estates/north" "${WORK}/estates/south" --out "${WORK}/estates")
expect_listing("${WORK}/estates/north" "estate.yaml")
expect_listing("${WORK}/estates/south" "estate.yaml")
file(MAKE_DIRECTORY "${WORK}/sub" "${WORK}/out")
configure_file("${minimal}" "${WORK}/sub/minimal.yaml" COPYONLY)
configure_file("${harrow}" "${WORK}/sub/harrow.yaml" COPYONLY)
file(WRITE "${WORK}/out/minimal.yaml" "my own file\n")
expect(2 "refusing to replace '${WORK}/out/minimal.yaml': it is a file that dcexit did not write"
       "${DCEXIT}" plan "${WORK}/sub/minimal.yaml" "${WORK}/sub/harrow.yaml" --out "${WORK}/out")
expect_listing("${WORK}/out" "minimal.yaml")
file(REMOVE "${WORK}/out/minimal.yaml")
file(WRITE "${WORK}/out/index.md" "my index\n")
expect(2 "refusing to replace '${WORK}/out/index.md': dcexit did not write it"
       "${DCEXIT}" plan "${WORK}/sub/minimal.yaml" "${WORK}/sub/harrow.yaml" --out "${WORK}/out")
expect_listing("${WORK}/out" "index.md")

# A batch into a folder of the user's own keeps every file of theirs, and a rerun replaces it.
file(REMOVE "${WORK}/out/index.md")
file(WRITE "${WORK}/out/README.txt" "theirs\n")
foreach(round 1 2)
  expect_exit(0 "${DCEXIT}" plan -q "${WORK}/sub/minimal.yaml" "${WORK}/sub/harrow.yaml" --out "${WORK}/out")
endforeach()
expect_listing("${WORK}/out" ".dcexit;README.txt;harrow.yaml;index.csv;index.html;index.json;index.md;minimal.yaml")
expect_listing("${WORK}/out/harrow.yaml" "${plan_files}")

# Estates whose names would be the index, or a parent folder, get folders of their own.
file(MAKE_DIRECTORY "${WORK}/odd/a/b")
configure_file("${minimal}" "${WORK}/odd/index.html" COPYONLY)
configure_file("${minimal}" "${WORK}/odd/a/b/estate.yaml" COPYONLY)
execute_process(COMMAND "${DCEXIT}" plan -q "${WORK}/odd/index.html" "../.." --out "${WORK}/odd-out"
                WORKING_DIRECTORY "${WORK}/odd/a/b" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc STREQUAL "0")
  message(FATAL_ERROR "index.html and ../..: exit ${rc}: ${err}")
endif()
expect_listing("${WORK}/odd-out" ".dcexit;index.csv;index.html;index.html-2;index.json;index.md;odd")
expect_listing("${WORK}/odd-out/index.html-2" "${plan_files}")

# Concurrent batches into one folder: all succeed, every folder whole.
foreach(round RANGE 1 6)
  execute_process(
    COMMAND "${DCEXIT}" plan -q "${minimal}" "${WORK}/sub/minimal.yaml" "${harrow}" --out "${WORK}/shared"
    COMMAND "${DCEXIT}" plan -q "${minimal}" "${WORK}/sub/minimal.yaml" "${harrow}" --out "${WORK}/shared"
    COMMAND "${DCEXIT}" plan -q "${minimal}" "${WORK}/sub/minimal.yaml" "${harrow}" --out "${WORK}/shared"
    RESULTS_VARIABLE codes ERROR_VARIABLE err)
  if(NOT codes STREQUAL "0;0;0")
    message(FATAL_ERROR "concurrent batches: exits ${codes}: ${err}")
  endif()
endforeach()
expect_listing("${WORK}/shared" ".dcexit;harrow.yaml;index.csv;index.html;index.json;index.md;minimal.yaml;minimal.yaml-2")
foreach(folder harrow.yaml minimal.yaml minimal.yaml-2)
  expect_listing("${WORK}/shared/${folder}" "${plan_files}")
endforeach()

# SIGINT after three estates of a batch (counted, not timed): it stops between estates, and
# what it wrote is whole.
set(inputs)
foreach(i RANGE 1 12)
  configure_file("${minimal}" "${WORK}/in/m${i}.yaml" COPYONLY)
  list(APPEND inputs "${WORK}/in/m${i}.yaml")
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E env "DCEXIT_TEST_HOOK=signal=INT,after-estates=3"
                        "${DCEXIT}" plan -q ${inputs} --out "${WORK}/batch"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc STREQUAL "2" OR NOT err MATCHES "interrupted: [0-9]+ of 12 estates planned, each whole; no index written")
  message(FATAL_ERROR "SIGINT: exit ${rc}, stderr:\n${err}")
endif()
file(GLOB leftovers "${WORK}/batch/.*")
file(GLOB folders "${WORK}/batch/*")
list(LENGTH folders planned)
if(leftovers OR EXISTS "${WORK}/batch/index.md" OR planned LESS 3 OR planned EQUAL 12)
  message(FATAL_ERROR "after SIGINT: leftovers '${leftovers}', ${planned} folders")
endif()
foreach(folder ${folders})
  expect_listing("${folder}" "${plan_files}")
endforeach()

# An --out under a loop of symbolic links: said so, nothing written.
file(CREATE_LINK "loop" "${WORK}/loop" SYMBOLIC)
expect(2 "cannot write the plan into '${WORK}/loop/out': Too many levels of symbolic links"
       "${DCEXIT}" plan -q "${minimal}" --out "${WORK}/loop/out")
file(REMOVE "${WORK}/loop")

# A plan folder its owner made read-only is not replaced (swapped out, it could not be removed
# and would stay in a temporary for good): by its mode, so root is refused too.
expect_exit(0 "${DCEXIT}" plan -q "${minimal}" --out "${WORK}/kept")
file(SHA256 "${WORK}/kept/plan.json" kept_before)
file(CHMOD "${WORK}/kept" PERMISSIONS OWNER_READ OWNER_EXECUTE GROUP_READ GROUP_EXECUTE)
listing("${WORK}" before)
expect(2 "refusing to replace '${WORK}/kept': it is read-only; make it writable or choose another --out"
       "${DCEXIT}" plan -q "${harrow}" --out "${WORK}/kept")
listing("${WORK}" now)
file(SHA256 "${WORK}/kept/plan.json" kept_now)
if(NOT now STREQUAL before OR NOT kept_now STREQUAL kept_before)
  message(FATAL_ERROR "a read-only plan folder was touched: '${before}' became '${now}'")
endif()
file(CHMOD "${WORK}/kept" DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)

# A full disk while the index is written: the four index files stay the old batch's, all four.
file(MAKE_DIRECTORY "${WORK}/three")
configure_file("${minimal}" "${WORK}/three/c.yaml" COPYONLY)
set(pair "${WORK}/sub/minimal.yaml" "${harrow}")
expect_exit(0 "${DCEXIT}" plan -q ${pair} --out "${WORK}/indexed")
set(index_files index.csv index.html index.json index.md)
foreach(f ${index_files})
  file(SHA256 "${WORK}/indexed/${f}" "old_${f}")
endforeach()
# Three estates of eight files each, then the marker is not counted: the second index file.
execute_process(COMMAND ${CMAKE_COMMAND} -E env "DCEXIT_TEST_HOOK=fail=ENOSPC,after-files=26"
                        "${DCEXIT}" plan -q ${pair} "${WORK}/three/c.yaml" --out "${WORK}/indexed"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc STREQUAL "2" OR NOT err MATCHES "No space left on device")
  message(FATAL_ERROR "ENOSPC in the index: exit ${rc}: ${err}")
endif()
foreach(f ${index_files})
  file(SHA256 "${WORK}/indexed/${f}" now)
  if(NOT now STREQUAL "${old_${f}}")
    message(FATAL_ERROR "a full disk while the index was written replaced ${f}")
  endif()
endforeach()
file(GLOB leftovers "${WORK}/indexed/.*.dcexit-tmp.*")
if(leftovers)
  message(FATAL_ERROR "a full disk while the index was written left ${leftovers}")
endif()

# An input named like a temporary of dcexit's gets a folder that no run sweeps; a user's file
# named almost like one stays.
file(MAKE_DIRECTORY "${WORK}/tmpnames")
configure_file("${minimal}" "${WORK}/tmpnames/a.yaml" COPYONLY)
configure_file("${minimal}" "${WORK}/tmpnames/.a.yaml.dcexit-tmp.999999.x" COPYONLY)
configure_file("${minimal}" "${WORK}/tmpnames/.a.yaml.dcexit-tmp.999998.0123456789ab" COPYONLY)
file(MAKE_DIRECTORY "${WORK}/swept")
file(WRITE "${WORK}/swept/.a.yaml.dcexit-tmp.999999.mine" "the user's\n")
foreach(round 1 2)
  expect_exit(0 "${DCEXIT}" plan -q "${WORK}/tmpnames/a.yaml" "${WORK}/tmpnames/.a.yaml.dcexit-tmp.999999.x"
              "${WORK}/tmpnames/.a.yaml.dcexit-tmp.999998.0123456789ab" --out "${WORK}/swept")
endforeach()
expect_listing("${WORK}/swept" ".a.yaml.dcexit-tmp.999999.mine;.dcexit;_a.yaml.dcexit-tmp.999998.0123456789ab;_a.yaml.dcexit-tmp.999999.x;a.yaml;index.csv;index.html;index.json;index.md")

# standard input at most once.
expect(2 "'-' \\(standard input\\) can be given only once" "${DCEXIT}" plan - - --out "${WORK}/stdin")

file(SHA256 "${harrow}" harrow_after)
if(NOT harrow_before STREQUAL harrow_after)
  message(FATAL_ERROR "an input changed")
endif()
