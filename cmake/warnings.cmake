# labelflow_warnings: the warning set every first-party target builds with.
add_library(labelflow_warnings INTERFACE)
target_compile_options(labelflow_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Woverloaded-virtual -Wimplicit-fallthrough)
if(LABELFLOW_WERROR)
  target_compile_options(labelflow_warnings INTERFACE -Werror)
endif()
