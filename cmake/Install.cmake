# Installs the library with a CMake package config, so another project can
# find_package(claimtrace) and link claimtrace::claimtrace.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS claimtrace claimtrace_deps EXPORT claimtraceTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY lib/include/claimtrace
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT claimtraceTargets NAMESPACE claimtrace::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/claimtrace)
configure_package_config_file(cmake/claimtraceConfig.cmake.in
  ${PROJECT_BINARY_DIR}/claimtraceConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/claimtrace)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/claimtraceConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/claimtraceConfig.cmake
  ${PROJECT_BINARY_DIR}/claimtraceConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/claimtrace)
if(CLAIMTRACE_BUILD_TOOLS)
  install(TARGETS claimtrace_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
