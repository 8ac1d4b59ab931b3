// The service's clock: wall-clock milliseconds since the Unix epoch, injectable for tests.
#pragma once

#include <functional>

#include "core/records.hpp"

namespace labelflow::service {

using ClockFn = std::function<core::TimeMs()>;

core::TimeMs system_now_ms();

}  // namespace labelflow::service
