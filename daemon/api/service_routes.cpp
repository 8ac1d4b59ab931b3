// The routes of the service's use cases (docs/api.md): each turns its request into the
// service's typed request (requests.cpp), calls the service, and answers its result as JSON
// (json/*.cpp) or its error with the error's status. Every service call answers through a
// callback, so no worker thread waits for a commit meanwhile.
#include <boost/json.hpp>

#include "api/json/job_json.hpp"
#include "api/json/query_json.hpp"
#include "api/json/task_json.hpp"
#include "api/requests.hpp"
#include "api/routes.hpp"

namespace labelflow::api {
namespace {

// Answers a service result: `status` with render(value) as JSON, or the error's response.
template <class T, class Render>
service::Done<T> answer(Reply reply, int status, Render render) {
  return [reply = std::move(reply), status, render](service::Result<T> r) {
    if (!r.ok()) return reply(error_response(to_api_error(r.error())));
    reply(json_response(status, render(r.value())));
  };
}

// Unwraps a parsed request, or answers its error and returns nullptr.
template <class T>
T* parsed_or_answer(Parsed<T>& parsed, const Reply& reply) {
  if (auto* e = std::get_if<ApiError>(&parsed)) {
    reply(error_response(*e));
    return nullptr;
  }
  return &std::get<T>(parsed);
}

}  // namespace

void Routes::add_task_routes() {
  service::Service& s = service_;
  const Access reviewer = Access::reviewer;

  add_deferred("POST", "/v1/projects/{project}/tasks/next", reviewer,
               [&s](const Call& c, Reply reply) {
                 if (auto e = check_empty_body(c.request.body)) return reply(error_response(*e));
                 s.next_task(c.caller, c.param("project"),
                             [reply](service::Result<std::optional<service::Task>> r) {
                               if (!r.ok()) return reply(error_response(to_api_error(r.error())));
                               if (!r.value()) {
                                 Response none;
                                 none.status = 204;
                                 return reply(std::move(none));
                               }
                               reply(json_response(200, task_json(*r.value())));
                             });
               });
  add_deferred("POST", "/v1/tasks/{task}/heartbeat", reviewer, [&s](const Call& c, Reply reply) {
    if (auto e = check_empty_body(c.request.body)) return reply(error_response(*e));
    s.heartbeat(c.caller, c.param("task"),
                answer<service::HeartbeatResult>(std::move(reply), 200, heartbeat_json));
  });
  add_deferred("POST", "/v1/tasks/{task}/submit", reviewer, [&s](const Call& c, Reply reply) {
    auto parsed = parse_submit(c.request.body);
    auto* request = parsed_or_answer(parsed, reply);
    if (request == nullptr) return;
    s.submit(c.caller, c.param("task"), std::move(*request),
             answer<service::SubmitResult>(std::move(reply), 200, submit_json));
  });
  add_deferred("POST", "/v1/tasks/{task}/release", reviewer, [&s](const Call& c, Reply reply) {
    if (auto e = check_empty_body(c.request.body)) return reply(error_response(*e));
    s.release(c.caller, c.param("task"),
              answer<service::TaskEnded>(std::move(reply), 200, [](const service::TaskEnded& t) {
                return task_ended_json(t, "released");
              }));
  });
  add_deferred("POST", "/v1/tasks/{task}/skip", reviewer, [&s](const Call& c, Reply reply) {
    auto parsed = parse_skip(c.request.body);
    auto* reason = parsed_or_answer(parsed, reply);
    if (reason == nullptr) return;
    s.skip(c.caller, c.param("task"), *reason,
           answer<service::TaskEnded>(std::move(reply), 200, [](const service::TaskEnded& t) {
             return task_ended_json(t, "skipped");
           }));
  });
  add_deferred("GET", "/v1/me", reviewer, [&s](const Call& c, Reply reply) {
    s.me(c.caller, answer<service::Me>(std::move(reply), 200, me_json));
  });
}

void Routes::add_project_routes() {
  service::Service& s = service_;
  const Access any = Access::any;

  add_deferred("GET", "/v1/projects", any, [&s](const Call& c, Reply reply) {
    s.list_projects(c.caller, answer<std::vector<service::ProjectSummary>>(std::move(reply), 200,
                                                                          projects_json));
  });
  add_deferred("GET", "/v1/projects/{project}/progress", any, [&s](const Call& c, Reply reply) {
    s.progress(c.caller, c.param("project"),
               answer<service::Progress>(std::move(reply), 200, progress_json));
  });
  add_deferred("GET", "/v1/projects/{project}/agreement", any, [&s](const Call& c, Reply reply) {
    s.agreement(c.caller, c.param("project"),
                answer<service::Agreement>(std::move(reply), 200, agreement_json));
  });
  add_deferred("GET", "/v1/projects/{project}/reviewers", any, [&s](const Call& c, Reply reply) {
    s.members(c.caller, c.param("project"),
              answer<std::vector<service::MemberSummary>>(std::move(reply), 200, members_json));
  });
  add_deferred("GET", "/v1/projects/{project}/rows/{row}", any, [&s](const Call& c, Reply reply) {
    s.row(c.caller, c.param("project"), c.param("row"),
          answer<service::RowDetails>(std::move(reply), 200, row_json));
  });
}

void Routes::add_admin_routes() {
  service::Service& s = service_;
  const Access admin = Access::admin;

  add_deferred("POST", "/v1/projects/{project}/imports", admin, [&s](const Call& c, Reply reply) {
    auto parsed = parse_import(c.request.body);
    auto* request = parsed_or_answer(parsed, reply);
    if (request == nullptr) return;
    s.create_import(c.caller, c.param("project"), std::move(*request),
                    answer<service::ImportStatus>(std::move(reply), 202, import_json));
  });
  add_deferred("GET", "/v1/projects/{project}/imports/{id}", admin,
               [&s](const Call& c, Reply reply) {
                 s.get_import(c.caller, c.param("project"), c.param("id"),
                              answer<service::ImportStatus>(std::move(reply), 200, import_json));
               });
  add_deferred("POST", "/v1/projects/{project}/exports", admin, [&s](const Call& c, Reply reply) {
    auto parsed = parse_export(c.request.body);
    auto* request = parsed_or_answer(parsed, reply);
    if (request == nullptr) return;
    s.create_export(c.caller, c.param("project"), *request,
                    answer<service::ExportStatus>(std::move(reply), 202, export_json));
  });
  add_deferred("GET", "/v1/projects/{project}/exports/{id}", admin,
               [&s](const Call& c, Reply reply) {
                 s.get_export(c.caller, c.param("project"), c.param("id"),
                              answer<service::ExportStatus>(std::move(reply), 200, export_json));
               });
  add_deferred("POST", "/v1/admin/reload", admin, [&s](const Call& c, Reply reply) {
    if (auto e = check_empty_body(c.request.body)) return reply(error_response(*e));
    s.reload(c.caller, answer<service::ReloadResult>(std::move(reply), 200, reload_json));
  });
  add_deferred("POST", "/v1/admin/backups", admin, [&s](const Call& c, Reply reply) {
    auto parsed = parse_backup(c.request.body);
    auto* request = parsed_or_answer(parsed, reply);
    if (request == nullptr) return;
    s.create_backup(c.caller, std::move(*request),
                    answer<service::BackupResult>(std::move(reply), 201, backup_json));
  });
  for (const bool paused : {true, false}) {
    const std::string pattern =
        std::string("/v1/projects/{project}/") + (paused ? "pause" : "resume");
    add_deferred("POST", pattern, admin, [&s, paused](const Call& c, Reply reply) {
      if (auto e = check_empty_body(c.request.body)) return reply(error_response(*e));
      s.set_paused(c.caller, c.param("project"), paused,
                   answer<service::PauseState>(std::move(reply), 200, pause_json));
    });
  }
  add_deferred("GET", "/v1/reports/weekly", admin, [&s](const Call& c, Reply reply) {
    std::string format = c.request.query_param("format");
    if (!format.empty() && format != "json" && format != "csv") {
      return reply(error_response({ErrorCode::bad_request,
                                   "format must be json or csv",
                                   {{"?format", "must be json or csv, not '" + format + "'"}},
                                   0}));
    }
    const bool csv = format == "csv";
    s.weekly_report(c.caller, {c.request.query_param("week"), c.request.query_param("project")},
                    [reply, csv](service::Result<service::WeeklyReport> r) {
                      if (!r.ok()) return reply(error_response(to_api_error(r.error())));
                      if (!csv) return reply(json_response(200, weekly_report_json(r.value())));
                      Response res;
                      res.content_type = "text/csv; charset=utf-8";
                      res.body = weekly_report_csv(r.value());
                      reply(std::move(res));
                    });
  });
}

}  // namespace labelflow::api
