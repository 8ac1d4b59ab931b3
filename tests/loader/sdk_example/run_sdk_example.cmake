# cmake -P script behind loader/sdk_example_out_of_tree. Inputs (-D): BINARY_DIR (the project's
# build tree), EXAMPLE_DIR, WORK_DIR (scratch, wiped first), CHECK (sdk_example_check), CXX,
# GENERATOR. Fails with the output of the step that failed.
foreach(var BINARY_DIR EXAMPLE_DIR WORK_DIR CHECK CXX GENERATOR)
  if(NOT ${var})
    message(FATAL_ERROR "run_sdk_example.cmake: -D${var}=... is required")
  endif()
endforeach()

function(step name)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name} failed (${rc}):\n${ARGN}\n${out}\n${err}")
  endif()
  message(STATUS "${name}: ok")
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/sdk")

# 1. The SDK component alone: headers and the CMake package, nothing of the daemon.
step("install the sdk component"
  ${CMAKE_COMMAND} --install "${BINARY_DIR}" --prefix "${prefix}" --component sdk)
foreach(file include/labelflow/sdk/sdk.hpp include/labelflow/sdk/plugin.hpp)
  if(NOT EXISTS "${prefix}/${file}")
    message(FATAL_ERROR "the sdk component did not install ${file}")
  endif()
endforeach()
file(GLOB_RECURSE config "${prefix}/*/labelflow-sdk-config.cmake")
file(GLOB_RECURSE plugin_cmake "${prefix}/*/LabelflowPlugin.cmake")
if(NOT config OR NOT plugin_cmake)
  message(FATAL_ERROR "the sdk component did not install its CMake package under ${prefix}")
endif()
file(GLOB_RECURSE stray "${prefix}/*.so")
if(stray)
  message(FATAL_ERROR "the sdk component installed binaries: ${stray}")
endif()

# 2. Configure and build the example against the installed package only.
step("configure the example"
  ${CMAKE_COMMAND} -S "${EXAMPLE_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON)
step("build the example" ${CMAKE_COMMAND} --build "${WORK_DIR}/build")

# 3. Install it: the package sends it to the SDK installation's plugin directory.
step("install the example" ${CMAKE_COMMAND} --install "${WORK_DIR}/build")
file(GLOB_RECURSE installed "${prefix}/*/label_sentiment.so")
if(NOT installed)
  message(FATAL_ERROR "label_sentiment.so was not installed under ${prefix}")
endif()
get_filename_component(plugin_dir "${installed}" DIRECTORY)
if(NOT EXISTS "${plugin_dir}/sentiment.widget.js")
  message(FATAL_ERROR "the widget was not installed beside the plugin in ${plugin_dir}")
endif()

# 4. Load and call it through the daemon's registry.
step("load and call the installed plugin" "${CHECK}" "${plugin_dir}")
