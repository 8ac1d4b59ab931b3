#include "service/tasks/task_names.hpp"

#include <charconv>

namespace labelflow::service {

std::string task_name(core::TaskId id) { return "t-" + std::to_string(id); }

std::optional<core::TaskId> parse_task_name(std::string_view name) {
  if (name.size() < 3 || name.substr(0, 2) != "t-") return std::nullopt;
  core::TaskId id = 0;
  auto [p, ec] = std::from_chars(name.data() + 2, name.data() + name.size(), id);
  if (ec != std::errc() || p != name.data() + name.size() || id == 0) return std::nullopt;
  return id;
}

}  // namespace labelflow::service
