# Installs the embeddable libraries with a CMake package config, so that an outside
# project can find_package(traction CONFIG) and link traction::core / traction::memory.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(_traction_exported)
foreach(_target traction_core traction_system traction_memory traction_sqlite)
  if(TARGET ${_target})
    list(APPEND _traction_exported ${_target})
  endif()
endforeach()
set(TRACTION_EXPORTS_SQLITE OFF)
if(TARGET traction_sqlite)
  set(TRACTION_EXPORTS_SQLITE ON)
endif()

install(TARGETS ${_traction_exported}
        EXPORT tractionTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/core/include/
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/adapters/system/include/
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(TARGET traction_memory)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/adapters/memory/include/
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endif()
if(TARGET traction_sqlite)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/adapters/sqlite/include/
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endif()
if(TARGET tractiond)
  install(TARGETS tractiond RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

set(_traction_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/traction)
install(EXPORT tractionTargets
        NAMESPACE traction::
        DESTINATION ${_traction_cmake_dir})
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/tractionConfig.cmake.in
  ${PROJECT_BINARY_DIR}/tractionConfig.cmake
  INSTALL_DESTINATION ${_traction_cmake_dir})
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/tractionConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/tractionConfig.cmake
              ${PROJECT_BINARY_DIR}/tractionConfigVersion.cmake
        DESTINATION ${_traction_cmake_dir})
