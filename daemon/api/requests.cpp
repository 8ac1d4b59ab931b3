#include "api/requests.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "api/json_body.hpp"

namespace labelflow::api {

namespace json = boost::json;

namespace {

ApiError bad_field(std::string path, std::string message,
                   std::string_view what = "invalid request body") {
  std::string summary = std::string(what) + ": " + path + " " + message;
  return ApiError{
      ErrorCode::bad_request, std::move(summary), {{std::move(path), std::move(message)}}, 0};
}

// Rejects keys not in `known`, naming each one.
std::optional<ApiError> unknown_keys(const json::object& body,
                                     std::initializer_list<std::string_view> known) {
  ApiError error{ErrorCode::bad_request, "invalid request body: unknown key(s)", {}, 0};
  for (const auto& kv : body) {
    if (std::find(known.begin(), known.end(), kv.key()) == known.end()) {
      error.details.push_back({"/" + std::string(kv.key()), "unknown key"});
    }
  }
  if (error.details.empty()) return std::nullopt;
  return error;
}

}  // namespace

Parsed<service::SubmitRequest> parse_submit(std::string_view body) {
  auto parsed = parse_json_object(body, false);
  if (auto* e = std::get_if<ApiError>(&parsed)) return *e;
  json::object& obj = std::get<json::object>(parsed);
  if (auto e = unknown_keys(obj, {"labels", "active_seconds", "comment"})) return *e;
  service::SubmitRequest input;
  json::value* labels = obj.if_contains("labels");
  if (labels == nullptr || !labels->is_object()) {
    return bad_field("/labels", "is required and must be an object of label name -> value");
  }
  input.labels = std::move(labels->as_object());
  if (const json::value* secs = obj.if_contains("active_seconds")) {
    if (!secs->is_number() || secs->to_number<double>() < 0) {
      return bad_field("/active_seconds", "must be a number >= 0");
    }
    input.active_seconds = secs->to_number<double>();
  }
  if (const json::value* comment = obj.if_contains("comment")) {
    if (!comment->is_string()) return bad_field("/comment", "must be a string");
    input.comment = std::string(comment->as_string());
  }
  return input;
}

Parsed<std::string> parse_skip(std::string_view body) {
  auto parsed = parse_json_object(body, false);
  if (auto* e = std::get_if<ApiError>(&parsed)) return *e;
  json::object& obj = std::get<json::object>(parsed);
  if (auto e = unknown_keys(obj, {"reason"})) return *e;
  const json::value* reason = obj.if_contains("reason");
  if (reason == nullptr || !reason->is_string() || reason->as_string().empty()) {
    return bad_field("/reason", "is required and must be a non-empty string");
  }
  return std::string(reason->as_string());
}

Parsed<service::BackupRequest> parse_backup(std::string_view body) {
  auto parsed = parse_json_object(body, false);
  if (auto* e = std::get_if<ApiError>(&parsed)) return *e;
  json::object& obj = std::get<json::object>(parsed);
  if (auto e = unknown_keys(obj, {"storage", "key"})) return *e;
  service::BackupRequest request;
  const json::value* storage = obj.if_contains("storage");
  if (storage == nullptr || !storage->is_string() || storage->as_string().empty()) {
    return bad_field("/storage", "is required and must be a storage instance name");
  }
  request.storage = std::string(storage->as_string());
  if (const json::value* key = obj.if_contains("key")) {
    if (!key->is_string() || key->as_string().empty()) {
      return bad_field("/key", "must be a non-empty string");
    }
    request.key = std::string(key->as_string());
  }
  return request;
}

Parsed<service::ImportRequest> parse_import(std::string_view body) {
  auto parsed = parse_json_object(body, true);
  if (auto* e = std::get_if<ApiError>(&parsed)) return *e;
  const json::object& obj = std::get<json::object>(parsed);
  constexpr std::string_view kWhat = "invalid import request";
  for (const auto& kv : obj) {
    const std::string k(kv.key());
    if (k != "storage" && k != "key" && k != "prefix" && k != "source" && k != "format") {
      return bad_field("/" + k, "unknown key (expected storage, key, prefix, format)", kWhat);
    }
    if (!kv.value().is_string()) return bad_field("/" + k, "must be a string", kWhat);
  }
  auto str = [&](const char* k) -> std::string {
    const json::value* v = obj.if_contains(k);
    return v ? std::string(v->as_string()) : std::string();
  };
  service::ImportRequest request;
  request.storage = str("storage");
  request.key = str("key").empty() ? str("source") : str("key");
  request.prefix = str("prefix");
  request.format = str("format");
  return request;
}

Parsed<service::ExportRequest> parse_export(std::string_view body) {
  auto parsed = parse_json_object(body, true);
  if (auto* e = std::get_if<ApiError>(&parsed)) return *e;
  const json::object& obj = std::get<json::object>(parsed);
  if (!obj.empty()) {
    return ApiError{ErrorCode::bad_request,
                    "an export request takes no options",
                    {{"/" + std::string(obj.begin()->key()), "unknown key"}},
                    0};
  }
  return service::ExportRequest{};
}

std::optional<ApiError> check_empty_body(std::string_view body) {
  auto parsed = parse_json_object(body, true);
  if (auto* e = std::get_if<ApiError>(&parsed)) return *e;
  return unknown_keys(std::get<json::object>(parsed), {});
}

}  // namespace labelflow::api
