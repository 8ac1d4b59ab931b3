// The daemon's `timezone` for reports: UTC offsets read from the system's TZif files
// (/usr/share/zoneinfo), since GCC 12's std::chrono has no time-zone database. Past the last
// transition in the file the last offset holds (Debian ships "fat" files, good to 2037).
#pragma once

#include "core/reports.hpp"

#include <filesystem>
#include <string>

namespace labelflow::service {

// Offset function of `zone` ("UTC", "Europe/Paris"); an empty function (= UTC) for "UTC".
// On an unreadable or malformed file returns UTC and sets `error` naming the file and cause.
core::UtcOffsetFn utc_offset_fn(const std::string& zone, std::string& error,
                                const std::filesystem::path& zoneinfo = "/usr/share/zoneinfo");

}  // namespace labelflow::service
