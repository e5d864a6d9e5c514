# Installation and packages: the binary, the man page and shell completions
# generated from it, and the licences.
#
#   cmake --install build --prefix /usr/local
#   cd build && cpack -G DEB     # wincompat_<version>_<arch>.deb
#   cd build && cpack -G TGZ     # wincompat-<version>-Linux-<arch>.tar.gz
include(GNUInstallDirs)

# The project's public home (GitHub owner/name), named once, in
# scripts/repository.env, which the GitHub Action reads too.
file(STRINGS "${PROJECT_SOURCE_DIR}/scripts/repository.env" _wincompat_repository
     REGEX "^WINCOMPAT_REPOSITORY=")
string(REGEX REPLACE "^WINCOMPAT_REPOSITORY=" "" WINCOMPAT_REPOSITORY "${_wincompat_repository}")
set(WINCOMPAT_HOMEPAGE "https://github.com/${WINCOMPAT_REPOSITORY}")

# Man page and completions, generated from the built binary's --help and
# `wincompat rules` (cmake/gen_cli_docs.sh), so they cannot drift from the
# command line. help2man makes the man page; without it there is none.
# Not in sanitizer builds, which are for tests only.
find_program(HELP2MAN_EXECUTABLE help2man)
set(WINCOMPAT_CLI_DOCS_DIR "${PROJECT_BINARY_DIR}/cli-docs")
set(WINCOMPAT_COMPLETIONS
    "${WINCOMPAT_CLI_DOCS_DIR}/completions/wincompat.bash"
    "${WINCOMPAT_CLI_DOCS_DIR}/completions/_wincompat"
    "${WINCOMPAT_CLI_DOCS_DIR}/completions/wincompat.fish")
set(WINCOMPAT_MAN_PAGE "")
set(cli_docs_outputs ${WINCOMPAT_COMPLETIONS} "${WINCOMPAT_CLI_DOCS_DIR}/wincompat.h2m"
                      "${WINCOMPAT_CLI_DOCS_DIR}/usage-reference.md")
set(cli_docs_command bash "${PROJECT_SOURCE_DIR}/cmake/gen_cli_docs.sh" "$<TARGET_FILE:wincompat>"
                     "${WINCOMPAT_CLI_DOCS_DIR}" "${PROJECT_VERSION}")
if(HELP2MAN_EXECUTABLE)
  set(WINCOMPAT_MAN_PAGE "${WINCOMPAT_CLI_DOCS_DIR}/wincompat.1")
  list(APPEND cli_docs_outputs "${WINCOMPAT_MAN_PAGE}" "${WINCOMPAT_MAN_PAGE}.gz")
  list(APPEND cli_docs_command "${HELP2MAN_EXECUTABLE}")
else()
  message(STATUS "help2man not found: no man page (apt-get install help2man)")
endif()
if(NOT WINCOMPAT_SANITIZE)
  add_custom_command(OUTPUT ${cli_docs_outputs}
    COMMAND ${cli_docs_command}
    DEPENDS wincompat "${PROJECT_SOURCE_DIR}/cmake/gen_cli_docs.sh"
    COMMENT "Generating the man page and shell completions from wincompat --help"
    VERBATIM)
  add_custom_target(wincompat_cli_docs ALL DEPENDS ${cli_docs_outputs})
endif()

install(TARGETS wincompat RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
if(NOT WINCOMPAT_SANITIZE)
  if(WINCOMPAT_MAN_PAGE)
    install(FILES "${WINCOMPAT_MAN_PAGE}.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
  endif()
  # Where Debian's and Ubuntu's shells look (bash-completion loads on demand;
  # zsh's vendor-completions and fish's vendor_completions.d are in their
  # default search paths).
  install(FILES "${WINCOMPAT_CLI_DOCS_DIR}/completions/wincompat.bash"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions" RENAME wincompat)
  install(FILES "${WINCOMPAT_CLI_DOCS_DIR}/completions/_wincompat"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions")
  install(FILES "${WINCOMPAT_CLI_DOCS_DIR}/completions/wincompat.fish"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d")
endif()

# Licences: ours, the notices, the fetched grammar's own LICENSE, and the
# Debian copyright files of libraries a static binary contains.
install(FILES LICENSE THIRD-PARTY-NOTICES.md README.md CHANGELOG.md DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(FILES "${TS_YAML_DIR}/LICENSE" DESTINATION "${CMAKE_INSTALL_DOCDIR}/licenses"
        RENAME tree-sitter-yaml.LICENSE)
if(WINCOMPAT_STATIC)
  foreach(pair "yaml-cpp=libyaml-cpp-dev" "tree-sitter=libtree-sitter-dev")
    string(REPLACE "=" ";" pair "${pair}")
    list(GET pair 0 name)
    list(GET pair 1 package)
    if(EXISTS "/usr/share/doc/${package}/copyright")
      install(FILES "/usr/share/doc/${package}/copyright" DESTINATION "${CMAKE_INSTALL_DOCDIR}/licenses"
              RENAME "${name}.copyright")
    endif()
  endforeach()
endif()

set(CPACK_PACKAGE_NAME wincompat)
set(CPACK_PACKAGE_VENDOR wincompat)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "finds Windows container images that cannot run on their hosts")
set(CPACK_PACKAGE_DESCRIPTION
    "wincompat is a static linter for Dockerfiles and Kubernetes manifests. It resolves every
Windows container image to its Windows build and reports those that cannot run on the
hosts or node pools they are meant for, with text, JSON, SARIF and GitHub output, a
language server for editors and certain fixes.")
set(CPACK_PACKAGE_HOMEPAGE_URL "${WINCOMPAT_HOMEPAGE}")
set(CPACK_PACKAGE_CONTACT "wincompat maintainers <${WINCOMPAT_HOMEPAGE}/issues>")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGE_FILE_NAME "wincompat-${PROJECT_VERSION}-Linux-${CMAKE_SYSTEM_PROCESSOR}")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_STRIP_FILES ON)
# Only the files installed above (not a source tree).
set(CPACK_SOURCE_GENERATOR "")

# Debian: /usr, and Depends computed by dpkg-shlibdeps from the binary
# (only libc for a dynamic build; nothing for a fully static one).
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${WINCOMPAT_HOMEPAGE}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# libcurl is loaded with dlopen (registry look-ups), which dpkg-shlibdeps
# cannot see; lint works without it, `wincompat lock` and --lookup need it.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libcurl4 | libcurl3-gnutls")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_PROJECT_CONFIG_FILE "${PROJECT_SOURCE_DIR}/cmake/CPackOptions.cmake")
include(CPack)
