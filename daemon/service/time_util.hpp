// Time helpers of the service: ISO 8601 UTC text and ISO week bounds.
#pragma once

#include "core/records.hpp"

#include <optional>
#include <string>

namespace labelflow::service {

// "2026-11-26T10:45:00Z" (seconds precision).
std::string iso_time(core::TimeMs ms);

// [from, to) in UTC ms of ISO week "2026-W48"; nullopt when malformed.
std::optional<std::pair<core::TimeMs, core::TimeMs>> iso_week_bounds(std::string_view week);

}  // namespace labelflow::service
