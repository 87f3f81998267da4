# SPDX-License-Identifier: MIT
# expect_exit(CODE COMMAND...): runs COMMAND, fails the script unless it exits CODE, and leaves its
# stdout and stderr in last_out and last_err. Included by the CLI test scripts.
function(expect_exit code)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc STREQUAL "${code}")
    message(FATAL_ERROR "'${ARGN}' exited ${rc}, expected ${code}\n${out}\n${err}")
  endif()
  set(last_out "${out}" PARENT_SCOPE)
  set(last_err "${err}" PARENT_SCOPE)
endfunction()
