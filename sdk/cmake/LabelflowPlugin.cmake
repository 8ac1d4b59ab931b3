# labelflow_add_plugin(NAME SOURCES src... [WIDGET file.widget.js] [OUTPUT_DIR dir])
#
# Builds a labelflow plugin as a shared library named exactly NAME.so (no "lib" prefix), with
# hidden visibility so that only the entry points made by LABELFLOW_PLUGIN are exported, and
# installs it (and its web widget, if any) into the labelflow plugin directory.
# NAME is conventionally <kind>_<name>: label_sentiment, storage_gcs, router_language.
function(labelflow_add_plugin NAME)
  cmake_parse_arguments(ARG "" "WIDGET;OUTPUT_DIR;INSTALL_DIR" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "labelflow_add_plugin(${NAME}): SOURCES is required")
  endif()
  add_library(${NAME} MODULE ${ARG_SOURCES})
  target_link_libraries(${NAME} PRIVATE labelflow::sdk)
  set_target_properties(${NAME} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(ARG_OUTPUT_DIR)
    set_target_properties(${NAME} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIR}")
  endif()
  if(ARG_INSTALL_DIR)
    set(dest "${ARG_INSTALL_DIR}")
  elseif(DEFINED LABELFLOW_SDK_PLUGIN_DIR)
    set(dest "${LABELFLOW_SDK_PLUGIN_DIR}")
  else()
    set(dest "${CMAKE_INSTALL_LIBDIR}/labelflow/plugins")
  endif()
  install(TARGETS ${NAME} LIBRARY DESTINATION "${dest}")
  if(ARG_WIDGET)
    get_filename_component(widget_name "${ARG_WIDGET}" NAME)
    get_filename_component(widget_path "${ARG_WIDGET}" ABSOLUTE)
    if(ARG_OUTPUT_DIR)
      add_custom_command(TARGET ${NAME} POST_BUILD
        COMMAND ${CMAKE_COMMAND} -E copy_if_different "${widget_path}" "${ARG_OUTPUT_DIR}/${widget_name}")
    endif()
    install(FILES "${widget_path}" DESTINATION "${dest}")
  endif()
endfunction()
