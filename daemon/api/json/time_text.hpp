// Times as the API writes them: ISO 8601 in UTC.
#pragma once

#include <string>

#include "core/records.hpp"

namespace labelflow::api {

// "2026-11-26T10:45:00Z" (seconds precision).
std::string iso_time(core::TimeMs ms);

}  // namespace labelflow::api
