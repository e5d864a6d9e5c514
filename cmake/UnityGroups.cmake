# Unity builds (CMAKE_UNITY_BUILD=ON, what scripts/bootstrap.sh and CI use)
# compile several sources per compiler run, so the big headers (nlohmann/json,
# yaml-cpp, CLI11, Catch2) are parsed a few times instead of once per file:
# about half the build time. Files are grouped by folder, at most
# WINCOMPAT_UNITY_GROUP_SIZE per group in name order, so that adding a file
# regroups only its own folder. Names at file scope (anonymous namespaces
# included) must not clash with another file's of the same folder and group;
# `cmake -DCMAKE_UNITY_BUILD=ON` shows a clash before CI does.
set(WINCOMPAT_UNITY_GROUP_SIZE 8 CACHE STRING "Sources per unity group")

function(wincompat_unity_groups target)
  if(NOT CMAKE_UNITY_BUILD)
    return()
  endif()
  set_target_properties(${target} PROPERTIES UNITY_BUILD_MODE GROUP)
  get_target_property(sources ${target} SOURCES)
  get_target_property(target_dir ${target} SOURCE_DIR)
  list(SORT sources)
  foreach(source IN LISTS sources)
    if(NOT source MATCHES "\\.(cpp|cc|cxx)$")
      continue()
    endif()
    # Files compiled with their own options stay on their own.
    get_source_file_property(skip "${source}" SKIP_UNITY_BUILD_INCLUSION)
    if(skip)
      continue()
    endif()
    get_filename_component(absolute "${source}" ABSOLUTE BASE_DIR "${target_dir}")
    get_filename_component(folder "${absolute}" DIRECTORY)
    file(RELATIVE_PATH name "${PROJECT_SOURCE_DIR}" "${folder}")
    string(MAKE_C_IDENTIFIER "folder_${name}" folder_id)
    if(NOT DEFINED count_${folder_id})
      set(count_${folder_id} 0)
    endif()
    math(EXPR group "${count_${folder_id}} / ${WINCOMPAT_UNITY_GROUP_SIZE}")
    set_source_files_properties("${source}" TARGET_DIRECTORY ${target} PROPERTIES UNITY_GROUP "${folder_id}_${group}")
    math(EXPR count_${folder_id} "${count_${folder_id}} + 1")
  endforeach()
endfunction()
