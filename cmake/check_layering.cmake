# Checks that every file of daemon/<module>/ includes only what its module may depend on: its own
# headers, the modules listed below, and no third-party header the module must not see (core is
# pure: no sockets, files, threads, SQLite or plugin libraries). The build enforces the module
# part too (cmake/modules.cmake); this check also covers system headers, which every target
# sees. Runs at configure time and as the CTest test unit/layering:
#   cmake -DLABELFLOW_SOURCE_DIR=<repo> -P cmake/check_layering.cmake
cmake_policy(SET CMP0057 NEW)
if(NOT LABELFLOW_SOURCE_DIR)
  set(LABELFLOW_SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}/..")
endif()

# What each module may include besides itself (docs/architecture.md, "Modules").
set(allowed_common "")
set(allowed_metrics common)
set(allowed_core common)
set(allowed_store core common)
set(allowed_plugin_host common)
set(allowed_config plugin_host common)
set(allowed_dataset core plugin_host common)
set(allowed_backup store plugin_host core common)
set(allowed_webhooks store config core metrics common)
set(allowed_service core store dataset plugin_host config webhooks backup metrics common)
set(allowed_api service core metrics common)
set(allowed_app api service config store plugin_host webhooks metrics core common)
set(allowed_cli plugin_host common)

# Header prefixes a module must not include, and the modules that alone may.
set(confined_boost/beast api)
set(confined_boost/asio api app)
set(confined_boost/dll plugin_host)
set(confined_sqlite3.h store)
set(confined_toml++ config)
set(confined_curl webhooks cli)
set(confined_openssl api webhooks)
# The core is pure and deterministic: none of these, whatever the table above says.
set(core_forbidden spdlog labelflow/sdk dlfcn.h unistd.h sys/ thread mutex fstream filesystem
    condition_variable future)

set(modules common metrics core store plugin_host config dataset backup webhooks service api app
    cli)
set(problems "")
foreach(module IN LISTS modules)
  file(GLOB_RECURSE files "${LABELFLOW_SOURCE_DIR}/daemon/${module}/*.cpp"
       "${LABELFLOW_SOURCE_DIR}/daemon/${module}/*.hpp")
  foreach(file IN LISTS files)
    file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    file(RELATIVE_PATH where "${LABELFLOW_SOURCE_DIR}" "${file}")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"].*" "\\1" header "${line}")
      if(line MATCHES "#[ \t]*include[ \t]*\"")
        string(REGEX MATCH "^[a-z_]+/" first "${header}")
        string(REPLACE "/" "" first "${first}")
        if(first AND first IN_LIST modules AND NOT first STREQUAL module
           AND NOT first IN_LIST allowed_${module})
          list(APPEND problems "${where}: includes \"${header}\": ${module} may not depend on ${first}")
        endif()
      else()
        foreach(prefix boost/beast boost/asio boost/dll sqlite3.h toml++ curl openssl)
          string(FIND "${header}" "${prefix}" at)
          if(at EQUAL 0 AND NOT module IN_LIST confined_${prefix})
            list(APPEND problems "${where}: includes <${header}>: only ${confined_${prefix}} may")
          endif()
        endforeach()
        if(module STREQUAL "core")
          foreach(prefix IN LISTS core_forbidden)
            string(FIND "${header}" "${prefix}" at)
            if(at EQUAL 0)
              list(APPEND problems "${where}: includes <${header}>: the core is pure")
            endif()
          endforeach()
        endif()
      endif()
    endforeach()
  endforeach()
endforeach()

if(problems)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "layering: dependencies must point inward (docs/architecture.md):\n  ${text}")
endif()
