# Use ccache when present: a rebuild after a branch switch then costs seconds, not minutes.
find_program(LABELFLOW_CCACHE ccache)
if(LABELFLOW_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${LABELFLOW_CCACHE}")
endif()
