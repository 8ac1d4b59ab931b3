# labelflow_add_test_suite(NAME LABEL label SOURCES ... [LIBS ...] [DEPENDS targets...])
# One Catch2 executable whose test cases CTest discovers one by one, tagged with LABEL
# (unit, plugins, loader or runtime) so a preset can pick scopes.
include(Catch)
function(labelflow_add_test_suite NAME)
  cmake_parse_arguments(ARG "" "LABEL;TIMEOUT" "SOURCES;LIBS;DEPENDS;ENVIRONMENT" ${ARGN})
  add_executable(${NAME} ${ARG_SOURCES})
  target_link_libraries(${NAME} PRIVATE Catch2::Catch2WithMain labelflow_warnings ${ARG_LIBS})
  # Helpers every suite may use (tests/support/*.hpp).
  target_include_directories(${NAME} PRIVATE ${PROJECT_SOURCE_DIR}/tests/support)
  target_compile_definitions(${NAME} PRIVATE
    LABELFLOW_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    LABELFLOW_BINARY_DIR="${PROJECT_BINARY_DIR}"
    LABELFLOW_PLUGIN_DIR="${LABELFLOW_PLUGIN_OUTPUT_DIR}")
  if(ARG_DEPENDS)
    add_dependencies(${NAME} ${ARG_DEPENDS})
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  set(props LABELS ${ARG_LABEL} TIMEOUT ${ARG_TIMEOUT})
  if(ARG_ENVIRONMENT)
    list(APPEND props ENVIRONMENT "${ARG_ENVIRONMENT}")
  endif()
  catch_discover_tests(${NAME} TEST_PREFIX "${ARG_LABEL}/" PROPERTIES ${props})
endfunction()
