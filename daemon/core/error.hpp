// Error: the one refusal value every layer passes on. The engine refuses with it, the service
// adds its own (a plugin that failed, a missing row), and the HTTP layer maps `code` to a status.
// Nobody parses `message` to learn a code or a field: `details` carries the fields.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace labelflow::core {

enum class ErrorCode {
  bad_request,        // the request itself is wrong (a mistyped field, a task for another row)
  forbidden,          // the caller may not do this (not a member of the project)
  not_found,          // no such project, task, row, import or export
  lease_conflict,     // the task is no longer the caller's (I6); nothing changed
  validation_failed,  // a value was refused; `details` names each field (I5)
  unavailable,        // a plugin, the store or a storage backend failed; retrying may help
};

// The wire name of a code ("lease_conflict"), as the API and logs spell it.
std::string_view to_string(ErrorCode code);

// `name` as one JSON pointer token ("a/b" -> "a~1b", "~" -> "~0").
std::string pointer_token(std::string_view name);

// One refused field: `path` is a JSON pointer into the request ("/labels/ner/2/end"; "" when the
// problem is not about one field).
struct FieldError {
  std::string path;
  std::string message;
};

struct Error {
  ErrorCode code = ErrorCode::bad_request;
  std::string message;
  std::vector<FieldError> details = {};

  // A refusal of one field: the message and the single detail say the same.
  static Error field(ErrorCode code, std::string path, std::string message) {
    std::string summary = path + ": " + message;
    return Error{code, std::move(summary), {{std::move(path), std::move(message)}}};
  }
};

}  // namespace labelflow::core
