// Task ids as the API names them: "t-17" <-> 17.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/records.hpp"

namespace labelflow::service {

std::string task_name(core::TaskId id);
// nullopt unless `name` is "t-" followed by a positive decimal number.
std::optional<core::TaskId> parse_task_name(std::string_view name);

}  // namespace labelflow::service
