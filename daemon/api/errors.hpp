// The API's error vocabulary (DESIGN section 5, fixed): every error response is
//   {"error": {"code": "...", "message": "...", "details": [{"path": "...", "message": "..."}]}}
// with one of the codes below. HTTP status codes follow from the code, except where a route
// needs a more precise one (405 and 431 still carry `bad_request`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/http_types.hpp"
#include "service/result.hpp"

namespace labelflow::api {

enum class ErrorCode {
  bad_request,        // 400
  unauthorized,       // 401
  forbidden,          // 403
  not_found,          // 404
  lease_conflict,     // 409
  validation_failed,  // 422
  payload_too_large,  // 413
  timeout,            // 408
  unavailable,        // 503
};

// One problem with one field: `path` is a JSON pointer into the request ("/labels/ner/2/end"),
// "?name" for a query parameter, or "" when the problem is not about a field.
using FieldError = service::FieldError;

struct ApiError {
  ErrorCode code = ErrorCode::bad_request;
  std::string message;
  std::vector<FieldError> details;
  int status = 0;  // 0: the code's default status; otherwise overrides it (405, 431)
};

std::string_view error_code_name(ErrorCode code);
int default_status(ErrorCode code);

// The JSON text of `error` in the fixed shape (details always present, possibly empty).
std::string error_json(const ApiError& error);

// A complete response for `error`: status, JSON body, content type.
Response error_response(const ApiError& error);

// The service's refusal as the API's error (same code names; the details carried over).
ApiError to_api_error(const service::Error& error);

}  // namespace labelflow::api
