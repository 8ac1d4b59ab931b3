#include "api/errors.hpp"

#include <boost/json.hpp>

namespace labelflow::api {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_request:
      return "bad_request";
    case ErrorCode::unauthorized:
      return "unauthorized";
    case ErrorCode::forbidden:
      return "forbidden";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::lease_conflict:
      return "lease_conflict";
    case ErrorCode::validation_failed:
      return "validation_failed";
    case ErrorCode::payload_too_large:
      return "payload_too_large";
    case ErrorCode::timeout:
      return "timeout";
    case ErrorCode::unavailable:
      return "unavailable";
  }
  return "bad_request";
}

int default_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_request:
      return 400;
    case ErrorCode::unauthorized:
      return 401;
    case ErrorCode::forbidden:
      return 403;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::lease_conflict:
      return 409;
    case ErrorCode::validation_failed:
      return 422;
    case ErrorCode::payload_too_large:
      return 413;
    case ErrorCode::timeout:
      return 408;
    case ErrorCode::unavailable:
      return 503;
  }
  return 400;
}

std::string error_json(const ApiError& error) {
  boost::json::array details;
  for (const auto& d : error.details) {
    details.push_back(boost::json::object{{"path", d.path}, {"message", d.message}});
  }
  boost::json::object inner{{"code", error_code_name(error.code)},
                            {"message", error.message},
                            {"details", std::move(details)}};
  return boost::json::serialize(boost::json::object{{"error", std::move(inner)}});
}

Response error_response(const ApiError& error) {
  Response res;
  res.status = error.status != 0 ? error.status : default_status(error.code);
  res.content_type = "application/json";
  res.body = error_json(error);
  if (error.code == ErrorCode::unauthorized) {
    res.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"labelflow\"");
  }
  return res;
}

ApiError to_api_error(const service::Error& error) {
  ErrorCode code = ErrorCode::unavailable;
  switch (error.code) {
    case service::ErrorCode::bad_request:
      code = ErrorCode::bad_request;
      break;
    case service::ErrorCode::forbidden:
      code = ErrorCode::forbidden;
      break;
    case service::ErrorCode::not_found:
      code = ErrorCode::not_found;
      break;
    case service::ErrorCode::lease_conflict:
      code = ErrorCode::lease_conflict;
      break;
    case service::ErrorCode::validation_failed:
      code = ErrorCode::validation_failed;
      break;
    case service::ErrorCode::unavailable:
      code = ErrorCode::unavailable;
      break;
  }
  return ApiError{code, error.message, error.details, 0};
}

}  // namespace labelflow::api
