// Request bodies -> the service's typed requests. Every check of a body's shape (JSON syntax,
// unknown keys, types) happens here and answers bad_request naming the field; what the values
// mean (a storage that exists, a reason the project allows) is the service's to check.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "api/errors.hpp"
#include "service/jobs/job_types.hpp"
#include "service/tasks/task_types.hpp"

namespace labelflow::api {

template <class T>
using Parsed = std::variant<T, ApiError>;

// {"labels": {...}, "active_seconds"?: number >= 0, "comment"?: string}
Parsed<service::SubmitRequest> parse_submit(std::string_view body);
// {"reason": non-empty string}
Parsed<std::string> parse_skip(std::string_view body);
// {"storage": name, "key"?: non-empty string}
Parsed<service::BackupRequest> parse_backup(std::string_view body);
// {"storage"?, "key" | "source" (alias) | "prefix", "format"?}: strings; empty body = defaults
Parsed<service::ImportRequest> parse_import(std::string_view body);
// {} (an export takes no options yet); empty body accepted
Parsed<service::ExportRequest> parse_export(std::string_view body);
// Bodies of calls that carry nothing: empty or {} only.
std::optional<ApiError> check_empty_body(std::string_view body);

}  // namespace labelflow::api
