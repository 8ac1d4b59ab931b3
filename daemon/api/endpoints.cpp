// The domain endpoints of DESIGN section 5: request bodies checked here, work done by Backend.
#include <boost/json.hpp>

#include "api/json_body.hpp"
#include "api/service.hpp"

namespace labelflow::api {
namespace {

namespace json = boost::json;

template <class T>
Response respond(Result<T> result, int ok_status) {
  if (!result.ok()) return error_response(result.error());
  return json_response(ok_status, result.value());
}

// A deferred backend call's answer as a 200 response (or its error).
Done<Json> answer_with(Reply reply) {
  return
      [reply = std::move(reply)](Result<Json> result) { reply(respond(std::move(result), 200)); };
}

ApiError bad_field(std::string path, std::string message) {
  std::string summary = "invalid request body: " + path + " " + message;
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

std::variant<SubmitInput, ApiError> parse_submit(std::string_view body) {
  auto parsed = parse_json_object(body, false);
  if (auto* e = std::get_if<ApiError>(&parsed)) return *e;
  json::object& obj = std::get<json::object>(parsed);
  if (auto e = unknown_keys(obj, {"labels", "active_seconds", "comment"})) return *e;
  SubmitInput input;
  const json::value* labels = obj.if_contains("labels");
  if (labels == nullptr || !labels->is_object()) {
    return bad_field("/labels", "is required and must be an object of label name -> value");
  }
  input.labels = labels->as_object();
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

std::variant<std::string, ApiError> parse_skip(std::string_view body) {
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

std::variant<BackupRequest, ApiError> parse_backup(std::string_view body) {
  auto parsed = parse_json_object(body, false);
  if (auto* e = std::get_if<ApiError>(&parsed)) return *e;
  json::object& obj = std::get<json::object>(parsed);
  if (auto e = unknown_keys(obj, {"storage", "key"})) return *e;
  BackupRequest request;
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

// Bodies of heartbeat, release and tasks/next carry nothing yet: empty or {} only.
std::optional<ApiError> check_empty_body(std::string_view body) {
  auto parsed = parse_json_object(body, true);
  if (auto* e = std::get_if<ApiError>(&parsed)) return *e;
  return unknown_keys(std::get<json::object>(parsed), {});
}

}  // namespace

void ApiService::add_backend_routes() {
  Backend& b = backend_;
  const Access reviewer = Access::reviewer;
  const Access any = Access::any;
  const Access admin = Access::admin;

  // The task calls answer once their commit is durable, without holding a worker meanwhile.
  add_deferred("POST", "/v1/projects/{project}/tasks/next", reviewer,
               [&b](const Call& c, Reply reply) {
                 if (auto e = check_empty_body(c.request.body)) return reply(error_response(*e));
                 b.next_task_then(c.principal, c.param("project"),
                                  [reply](Result<std::optional<Json>> result) {
                                    if (!result.ok()) return reply(error_response(result.error()));
                                    if (!result.value()) {
                                      Response none;
                                      none.status = 204;
                                      return reply(std::move(none));
                                    }
                                    reply(json_response(200, *result.value()));
                                  });
               });
  add_deferred("POST", "/v1/tasks/{task}/heartbeat", reviewer, [&b](const Call& c, Reply reply) {
    if (auto e = check_empty_body(c.request.body)) return reply(error_response(*e));
    b.heartbeat_then(c.principal, c.param("task"), answer_with(reply));
  });
  add_deferred("POST", "/v1/tasks/{task}/submit", reviewer, [&b](const Call& c, Reply reply) {
    auto input = parse_submit(c.request.body);
    if (auto* e = std::get_if<ApiError>(&input)) return reply(error_response(*e));
    b.submit_then(c.principal, c.param("task"), std::get<SubmitInput>(input), answer_with(reply));
  });
  add_deferred("POST", "/v1/tasks/{task}/release", reviewer, [&b](const Call& c, Reply reply) {
    if (auto e = check_empty_body(c.request.body)) return reply(error_response(*e));
    b.release_then(c.principal, c.param("task"), answer_with(reply));
  });
  add_deferred("POST", "/v1/tasks/{task}/skip", reviewer, [&b](const Call& c, Reply reply) {
    auto reason = parse_skip(c.request.body);
    if (auto* e = std::get_if<ApiError>(&reason)) return reply(error_response(*e));
    b.skip_then(c.principal, c.param("task"), std::get<std::string>(reason), answer_with(reply));
  });

  add("GET", "/v1/me", reviewer, Run::worker,
      [&b](const Call& c) { return respond(b.me(c.principal), 200); });
  add("GET", "/v1/projects", any, Run::worker,
      [&b](const Call& c) { return respond(b.list_projects(c.principal), 200); });
  add("GET", "/v1/projects/{project}/progress", any, Run::worker,
      [&b](const Call& c) { return respond(b.progress(c.principal, c.param("project")), 200); });
  add("GET", "/v1/projects/{project}/agreement", any, Run::worker,
      [&b](const Call& c) { return respond(b.agreement(c.principal, c.param("project")), 200); });
  add("GET", "/v1/projects/{project}/reviewers", any, Run::worker,
      [&b](const Call& c) { return respond(b.reviewers(c.principal, c.param("project")), 200); });
  add("GET", "/v1/projects/{project}/rows/{row}", any, Run::worker, [&b](const Call& c) {
    return respond(b.row(c.principal, c.param("project"), c.param("row")), 200);
  });

  add("POST", "/v1/projects/{project}/imports", admin, Run::worker, [&b](const Call& c) {
    auto body = parse_json_object(c.request.body, true);
    if (auto* e = std::get_if<ApiError>(&body)) return error_response(*e);
    return respond(b.create_import(c.principal, c.param("project"), std::get<json::object>(body)),
                   202);
  });
  add("GET", "/v1/projects/{project}/imports/{id}", admin, Run::worker, [&b](const Call& c) {
    return respond(b.get_import(c.principal, c.param("project"), c.param("id")), 200);
  });
  add("POST", "/v1/projects/{project}/exports", admin, Run::worker, [&b](const Call& c) {
    auto body = parse_json_object(c.request.body, true);
    if (auto* e = std::get_if<ApiError>(&body)) return error_response(*e);
    return respond(b.create_export(c.principal, c.param("project"), std::get<json::object>(body)),
                   202);
  });
  add("GET", "/v1/projects/{project}/exports/{id}", admin, Run::worker, [&b](const Call& c) {
    return respond(b.get_export(c.principal, c.param("project"), c.param("id")), 200);
  });

  add("POST", "/v1/admin/reload", admin, Run::worker, [&b](const Call& c) {
    if (auto e = check_empty_body(c.request.body)) return error_response(*e);
    return respond(b.reload(c.principal), 200);
  });
  add("POST", "/v1/admin/backups", admin, Run::worker, [&b](const Call& c) {
    auto request = parse_backup(c.request.body);
    if (auto* e = std::get_if<ApiError>(&request)) return error_response(*e);
    return respond(b.create_backup(c.principal, std::get<BackupRequest>(request)), 201);
  });
  add("POST", "/v1/projects/{project}/pause", admin, Run::worker, [&b](const Call& c) {
    if (auto e = check_empty_body(c.request.body)) return error_response(*e);
    return respond(b.pause_project(c.principal, c.param("project")), 200);
  });
  add("POST", "/v1/projects/{project}/resume", admin, Run::worker, [&b](const Call& c) {
    if (auto e = check_empty_body(c.request.body)) return error_response(*e);
    return respond(b.resume_project(c.principal, c.param("project")), 200);
  });
  add("GET", "/v1/reports/weekly", admin, Run::worker, [&b](const Call& c) {
    ReportQuery query{c.request.query_param("week"), c.request.query_param("project"), false};
    std::string format = c.request.query_param("format");
    if (!format.empty() && format != "json" && format != "csv") {
      return error_response({ErrorCode::bad_request,
                             "format must be json or csv",
                             {{"?format", "must be json or csv, not '" + format + "'"}},
                             0});
    }
    query.csv = format == "csv";
    auto result = b.report(c.principal, query);
    if (!result.ok()) return error_response(result.error());
    Response res;
    res.content_type = result.value().content_type;
    res.body = std::move(result.value().body);
    return res;
  });
}

}  // namespace labelflow::api
