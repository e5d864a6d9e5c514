# The version: one number, project(VERSION) in CMakeLists.txt, plus the git
# commit when configured in a checkout (`git describe`, so a tagged release
# reads v0.1.0 and later commits v0.1.0-3-g<hash>; -dirty for local changes).
# Outside a checkout, or without git, the commit is simply left out.
# Re-run CMake to refresh it after new commits.
set(WINCOMPAT_GIT_DESCRIBE "")
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS "${PROJECT_SOURCE_DIR}/.git")
  execute_process(
    COMMAND "${GIT_EXECUTABLE}" describe --tags --always --dirty --abbrev=12
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
    RESULT_VARIABLE _wincompat_git_result
    OUTPUT_VARIABLE _wincompat_git_describe
    ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(_wincompat_git_result EQUAL 0)
    set(WINCOMPAT_GIT_DESCRIBE "${_wincompat_git_describe}")
  endif()
endif()
set(WINCOMPAT_VERSION_SUFFIX "")
if(WINCOMPAT_GIT_DESCRIBE)
  set(WINCOMPAT_VERSION_SUFFIX " (git ${WINCOMPAT_GIT_DESCRIBE})")
endif()
configure_file("${PROJECT_SOURCE_DIR}/cmake/build_info.hpp.in"
               "${PROJECT_BINARY_DIR}/generated/build_info.hpp" @ONLY)
message(STATUS "wincompat ${PROJECT_VERSION}${WINCOMPAT_VERSION_SUFFIX}")
