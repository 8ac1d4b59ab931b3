// ISO week bounds for the weekly reports.
#pragma once

#include <optional>
#include <string_view>
#include <utility>

#include "core/records.hpp"

namespace labelflow::service {

// [from, to) in UTC ms of ISO week "2026-W48"; nullopt when malformed.
std::optional<std::pair<core::TimeMs, core::TimeMs>> iso_week_bounds(std::string_view week);

}  // namespace labelflow::service
