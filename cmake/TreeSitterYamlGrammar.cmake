# Fetches the tree-sitter YAML grammar (generated C sources) at configure time.
#
# The grammar is not packaged by Debian, so it comes from the npm registry with
# `npm pack` at a pinned version, and the tarball's SHA-256 is checked before it
# is unpacked. For offline builds, point WINCOMPAT_TS_YAML_SOURCE at either the
# tarball (`npm pack` output, checked the same way) or an unpacked copy (a
# folder holding src/parser.c and src/scanner.c).

set(WINCOMPAT_TS_YAML_PACKAGE "@tree-sitter-grammars/tree-sitter-yaml")
set(WINCOMPAT_TS_YAML_VERSION "0.7.1")
set(WINCOMPAT_TS_YAML_SHA256
    "30dbdc539dcfa905252a0d1772270d457d58ceddfa3d6a4fac564f02837241ba")
set(WINCOMPAT_TS_YAML_SOURCE "" CACHE PATH
    "Offline copy of ${WINCOMPAT_TS_YAML_PACKAGE}@${WINCOMPAT_TS_YAML_VERSION}: the npm tarball or an unpacked folder")

function(_wincompat_unpack_checked tarball dest)
  file(SHA256 "${tarball}" actual)
  if(NOT actual STREQUAL WINCOMPAT_TS_YAML_SHA256)
    message(FATAL_ERROR
      "${tarball}: SHA-256 ${actual} does not match the pinned "
      "${WINCOMPAT_TS_YAML_SHA256} for ${WINCOMPAT_TS_YAML_PACKAGE}@${WINCOMPAT_TS_YAML_VERSION}")
  endif()
  file(REMOVE_RECURSE "${dest}")
  file(ARCHIVE_EXTRACT INPUT "${tarball}" DESTINATION "${dest}")
endfunction()

function(wincompat_fetch_tree_sitter_yaml out_dir_var)
  set(deps "${CMAKE_BINARY_DIR}/_deps/tree-sitter-yaml")
  set(unpacked "${deps}/unpacked")
  set(stamp "${deps}/${WINCOMPAT_TS_YAML_VERSION}.${WINCOMPAT_TS_YAML_SHA256}.stamp")

  if(WINCOMPAT_TS_YAML_SOURCE)
    if(IS_DIRECTORY "${WINCOMPAT_TS_YAML_SOURCE}")
      set(root "${WINCOMPAT_TS_YAML_SOURCE}")
      if(IS_DIRECTORY "${root}/package")
        set(root "${root}/package")
      endif()
      if(NOT EXISTS "${root}/src/parser.c")
        message(FATAL_ERROR "WINCOMPAT_TS_YAML_SOURCE=${WINCOMPAT_TS_YAML_SOURCE}: no src/parser.c inside")
      endif()
      set(${out_dir_var} "${root}" PARENT_SCOPE)
      return()
    endif()
    _wincompat_unpack_checked("${WINCOMPAT_TS_YAML_SOURCE}" "${unpacked}")
  elseif(NOT EXISTS "${stamp}")
    find_program(NPM_EXECUTABLE npm)
    if(NOT NPM_EXECUTABLE)
      message(FATAL_ERROR
        "npm is needed once to fetch ${WINCOMPAT_TS_YAML_PACKAGE}@${WINCOMPAT_TS_YAML_VERSION} "
        "(apt-get install npm), or set WINCOMPAT_TS_YAML_SOURCE to an offline copy")
    endif()
    file(MAKE_DIRECTORY "${deps}")
    execute_process(
      COMMAND "${NPM_EXECUTABLE}" pack --silent
              "${WINCOMPAT_TS_YAML_PACKAGE}@${WINCOMPAT_TS_YAML_VERSION}"
      WORKING_DIRECTORY "${deps}"
      RESULT_VARIABLE npm_result
      OUTPUT_VARIABLE npm_output
      ERROR_VARIABLE npm_error)
    if(NOT npm_result EQUAL 0)
      message(FATAL_ERROR "npm pack failed (${npm_result}): ${npm_error}")
    endif()
    string(STRIP "${npm_output}" tarball_name)
    string(REGEX REPLACE ".*\n" "" tarball_name "${tarball_name}")
    _wincompat_unpack_checked("${deps}/${tarball_name}" "${unpacked}")
    file(TOUCH "${stamp}")
  endif()
  set(${out_dir_var} "${unpacked}/package" PARENT_SCOPE)
endfunction()
