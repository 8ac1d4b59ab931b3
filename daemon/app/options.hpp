// Command-line options of labelflowd (DESIGN section 5; the flag names are fixed).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace labelflow::app {

enum class Mode { run, check_config, list_plugins, version, help };

struct Options {
  Mode mode = Mode::help;
  std::filesystem::path config;          // --config or --check-config FILE
  std::optional<std::string> log_level;  // --log-level, overrides [log] level
};

// Parses argv (without argv[0]). Accepts "--flag VALUE" and "--flag=VALUE". Returns the options
// or, for bad usage, a one-line reason in `error`.
std::optional<Options> parse_options(const std::vector<std::string>& args, std::string& error);

// The usage text printed by --help (stdout) and after a usage error (stderr).
const char* usage();

}  // namespace labelflow::app
