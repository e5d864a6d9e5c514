# Per-generator CPack settings (CPACK_PROJECT_CONFIG_FILE, read when cpack
# runs): the Debian package installs under /usr, the tarball is relocatable
# (bin/, share/ at its top).
if(CPACK_GENERATOR STREQUAL "TGZ")
  set(CPACK_PACKAGING_INSTALL_PREFIX "/")
endif()
