# umbra's version string for provenance: `git describe` when built from a
# checkout, the project version otherwise. Recomputed at every build.
set(UMBRA_VERSION_IN ${PROJECT_SOURCE_DIR}/cmake/Version.cpp.in)
set(UMBRA_VERSION_OUT ${PROJECT_BINARY_DIR}/generated/Version.cpp)
add_custom_target(umbra_version
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DIN=${UMBRA_VERSION_IN}
          -DOUT=${UMBRA_VERSION_OUT} -DFALLBACK=${PROJECT_VERSION} -P ${PROJECT_SOURCE_DIR}/cmake/WriteVersion.cmake
  BYPRODUCTS ${UMBRA_VERSION_OUT}
  COMMENT "Recording umbra version")
execute_process(COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DIN=${UMBRA_VERSION_IN}
  -DOUT=${UMBRA_VERSION_OUT} -DFALLBACK=${PROJECT_VERSION} -P ${PROJECT_SOURCE_DIR}/cmake/WriteVersion.cmake)
