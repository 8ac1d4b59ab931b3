// The labelflowd program: flag parsing and the four modes (run, --check-config,
// --list-plugins, --version). main.cpp only forwards to labelflowd_main().
#pragma once

#include <filesystem>
#include <iosfwd>

namespace labelflow::app {

// Exit codes: 0 ok, 1 configuration or start-up error, 2 usage error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitConfig = 1;
inline constexpr int kExitUsage = 2;

// Where plugins are found when the daemon config names no plugin_dirs (or none is given to
// --list-plugins): the build's plugin directory when this executable lies in the build tree,
// else the installed plugin directory (both fixed at build time).
std::filesystem::path default_plugin_dir();

int labelflowd_main(int argc, char** argv);

}  // namespace labelflow::app
