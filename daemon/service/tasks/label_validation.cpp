#include "service/tasks/label_validation.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace labelflow::service {

std::optional<Error> validate_submission(const boost::json::object& submitted,
                                         const std::vector<std::string>& labels,
                                         const LabelPlugins& plugins,
                                         const core::RowContent& row) {
  Error error{ErrorCode::validation_failed, ""};
  for (const auto& kv : submitted) {
    if (std::find(labels.begin(), labels.end(), kv.key()) == labels.end()) {
      error.details.push_back({"/labels/" + core::pointer_token(kv.key()),
                               "unknown label; this project declares: " + [&] {
                                 std::string s;
                                 for (const auto& l : labels) s += (s.empty() ? "" : ", ") + l;
                                 return s;
                               }()});
    }
  }
  const auto view = row_view(row);
  for (const auto& name : labels) {
    const std::string base = "/labels/" + core::pointer_token(name);
    const boost::json::value* value = submitted.if_contains(name);
    if (value == nullptr) {
      error.details.push_back({base, "is required"});
      continue;
    }
    auto it = plugins.find(name);
    if (it == plugins.end()) {
      return Error{ErrorCode::unavailable, "label '" + name + "' has no plugin loaded"};
    }
    auto result = it->second->validate(*value, view);
    if (!result) {
      spdlog::error("label '{}' ({}): validate failed on row '{}': {}", name,
                    it->second->plugin_name(), row.id, result.status().to_string());
      return Error{ErrorCode::unavailable, "label '" + name + "' could not be validated: plugin " +
                                               it->second->plugin_name() + " failed"};
    }
    for (const auto& fe : *result) error.details.push_back({base + fe.path, fe.message});
  }
  if (error.details.empty()) return std::nullopt;
  error.message = error.details.size() == 1
                      ? "label " + error.details[0].path.substr(8) + ": " +
                            error.details[0].message
                      : std::to_string(error.details.size()) + " problems with the labels";
  return error;
}

std::vector<std::string> invalid_auto_labels(const core::RowContent& row,
                                             const LabelPlugins& plugins) {
  std::vector<std::string> out;
  const auto view = row_view(row);
  for (const auto& kv : row.auto_labels) {
    auto it = plugins.find(kv.key());
    if (it == plugins.end()) {
      out.emplace_back(kv.key());
      continue;
    }
    auto result = it->second->validate(kv.value(), view);
    if (!result) {
      spdlog::warn("label '{}' ({}): validate failed on auto label of row '{}': {}", kv.key(),
                   it->second->plugin_name(), row.id, result.status().to_string());
      out.emplace_back(kv.key());
    } else if (!result->empty()) {
      out.emplace_back(kv.key());
    }
  }
  return out;
}

}  // namespace labelflow::service
