// Logging for labelflowd: spdlog's default logger writes to stderr, either as text lines or as
// JSON lines (one object per line: ts, level, logger, msg). Every module logs through
// spdlog's default logger, so this one call decides the format for all of them.
//
// Secrets never reach the log: config::Secret has no formatter and nothing logs reveal().
#pragma once

#include <spdlog/common.h>

#include <optional>
#include <string_view>

namespace labelflow::app {

enum class LogFormat { text, json };

// "trace" .. "critical", "off" (config and --log-level spelling); nullopt when unknown.
std::optional<spdlog::level::level_enum> parse_level(std::string_view name);

// Replaces the default logger with one named "labelflowd" at `level` in `format`.
void setup_logging(spdlog::level::level_enum level, LogFormat format);

// One JSON line for a log record (no trailing newline); exposed for tests.
std::string json_log_line(std::string_view ts, std::string_view level, std::string_view logger,
                          std::string_view msg);

}  // namespace labelflow::app
