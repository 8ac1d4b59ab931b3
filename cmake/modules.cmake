# labelflow_module_includes(TARGET MODULE): gives the daemon module library TARGET an include
# directory that holds only its own folder, as a link named MODULE (build/include_roots/MODULE/
# MODULE -> daemon/MODULE). `#include "other/x.hpp"` then compiles only in a target that links
# labelflow_other, so a module that reaches outward (core including store or api) fails to build
# instead of waiting for a reviewer. The allowed directions are the link lines of each
# daemon/<module>/CMakeLists.txt (docs/architecture.md draws them); cmake/check_layering.cmake
# checks the includes of every file against the same table, system headers included.
function(labelflow_module_includes target module)
  set(root "${PROJECT_BINARY_DIR}/include_roots/${module}")
  file(MAKE_DIRECTORY "${root}")
  if(NOT EXISTS "${root}/${module}")
    file(CREATE_LINK "${PROJECT_SOURCE_DIR}/daemon/${module}" "${root}/${module}" SYMBOLIC)
  endif()
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    target_include_directories(${target} INTERFACE "${root}")
  else()
    target_include_directories(${target} PUBLIC "${root}")
  endif()
endfunction()
