# SPDX-License-Identifier: MIT
# Compiler warnings and settings for our own targets only (never third-party code).
add_library(dcexit_warnings INTERFACE)
target_compile_options(dcexit_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
  -Wimplicit-fallthrough)
# GCC 12 reports -Wrestrict for `"literal" + std::string` at -O2 and above: a false positive in
# its libstdc++ (GCC bug 105651, fixed in 13).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(dcexit_warnings INTERFACE -Wno-restrict)
endif()
if(DCEXIT_WARNINGS_AS_ERRORS)
  target_compile_options(dcexit_warnings INTERFACE -Werror)
endif()

add_library(dcexit_settings INTERFACE)
target_compile_definitions(dcexit_settings INTERFACE $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)
if(DCEXIT_ENABLE_SANITIZERS)
  target_compile_options(dcexit_settings INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(dcexit_settings INTERFACE -fsanitize=address,undefined)
endif()
if(DCEXIT_ENABLE_TSAN)
  target_compile_options(dcexit_settings INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(dcexit_settings INTERFACE -fsanitize=thread)
endif()
if(DCEXIT_BUILD_FUZZERS)
  # Coverage for libFuzzer in everything of ours; the fuzz targets link -fsanitize=fuzzer.
  target_compile_options(dcexit_settings INTERFACE -fsanitize=fuzzer-no-link)
endif()
