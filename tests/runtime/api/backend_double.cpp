#include "backend_double.hpp"

#include <chrono>
#include <stdexcept>

namespace labelflow::test {

using api::ApiError;
using api::Json;
using api::Principal;
using api::Result;

BackendDouble::~BackendDouble() {
  for (auto& t : later_) t.join();
}

void BackendDouble::submit_then(const Principal& caller, const std::string& task,
                                const api::SubmitInput& input, api::Done<Json> done) {
  auto result = submit(caller, task, input);
  if (drop_next_reply.exchange(false)) return;  // `done` is destroyed without being called
  if (!answer_later) return done(std::move(result));
  std::lock_guard lock(mutex_);
  later_.emplace_back([done = std::move(done), result = std::move(result)]() mutable {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    done(std::move(result));
  });
}

void BackendDouble::fail_next(ApiError error) {
  std::lock_guard lock(mutex_);
  next_error_ = std::move(error);
}

void BackendDouble::close_gate() {
  std::lock_guard lock(mutex_);
  gate_open_ = false;
}

void BackendDouble::open_gate() {
  std::lock_guard lock(mutex_);
  gate_open_ = true;
  changed_.notify_all();
}

bool BackendDouble::wait_for_calls(std::size_t n) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return calls_.size() >= n; });
}

std::vector<BackendDouble::CallRecord> BackendDouble::calls() const {
  std::lock_guard lock(mutex_);
  return calls_;
}

std::optional<ApiError> BackendDouble::enter(const std::string& method, const Principal& caller,
                                             std::vector<std::string> args) {
  std::unique_lock lock(mutex_);
  calls_.push_back({method, caller.id, std::move(args)});
  changed_.notify_all();
  changed_.wait_for(lock, std::chrono::seconds(10), [&] { return gate_open_; });
  if (throw_next.exchange(false)) throw std::runtime_error("scripted backend failure");
  std::optional<ApiError> error = std::move(next_error_);
  next_error_.reset();
  return error;
}

Json BackendDouble::echo(const std::string& method, const Principal& caller,
                         const std::vector<std::string>& args) const {
  boost::json::array a;
  for (const auto& s : args) a.emplace_back(s);
  return boost::json::object{{"method", method}, {"caller", caller.id}, {"args", std::move(a)}};
}

#define LABELFLOW_ECHO(NAME, ...)                            \
  std::vector<std::string> args{__VA_ARGS__};                \
  if (auto error = enter(NAME, caller, args)) return *error; \
  return echo(NAME, caller, args)

Result<std::optional<Json>> BackendDouble::next_task(const Principal& caller,
                                                     const std::string& project) {
  std::vector<std::string> args{project};
  if (auto error = enter("next_task", caller, args)) return *error;
  if (!task_available) return std::optional<Json>{};
  return std::optional<Json>{echo("next_task", caller, args)};
}
Result<Json> BackendDouble::heartbeat(const Principal& caller, const std::string& task) {
  LABELFLOW_ECHO("heartbeat", task);
}
Result<Json> BackendDouble::submit(const Principal& caller, const std::string& task,
                                   const api::SubmitInput& input) {
  LABELFLOW_ECHO("submit", task, boost::json::serialize(input.labels),
                 input.active_seconds ? std::to_string(*input.active_seconds) : "none",
                 input.comment);
}
Result<Json> BackendDouble::release(const Principal& caller, const std::string& task) {
  LABELFLOW_ECHO("release", task);
}
Result<Json> BackendDouble::skip(const Principal& caller, const std::string& task,
                                 const std::string& reason) {
  LABELFLOW_ECHO("skip", task, reason);
}
Result<Json> BackendDouble::list_projects(const Principal& caller) {
  LABELFLOW_ECHO("list_projects");
}
Result<Json> BackendDouble::progress(const Principal& caller, const std::string& project) {
  LABELFLOW_ECHO("progress", project);
}
Result<Json> BackendDouble::agreement(const Principal& caller, const std::string& project) {
  LABELFLOW_ECHO("agreement", project);
}
Result<Json> BackendDouble::reviewers(const Principal& caller, const std::string& project) {
  LABELFLOW_ECHO("reviewers", project);
}
Result<Json> BackendDouble::row(const Principal& caller, const std::string& project,
                                const std::string& row) {
  LABELFLOW_ECHO("row", project, row);
}
Result<Json> BackendDouble::create_import(const Principal& caller, const std::string& project,
                                          const boost::json::object& request) {
  LABELFLOW_ECHO("create_import", project, boost::json::serialize(request));
}
Result<Json> BackendDouble::get_import(const Principal& caller, const std::string& project,
                                       const std::string& id) {
  LABELFLOW_ECHO("get_import", project, id);
}
Result<Json> BackendDouble::create_export(const Principal& caller, const std::string& project,
                                          const boost::json::object& request) {
  LABELFLOW_ECHO("create_export", project, boost::json::serialize(request));
}
Result<Json> BackendDouble::get_export(const Principal& caller, const std::string& project,
                                       const std::string& id) {
  LABELFLOW_ECHO("get_export", project, id);
}
Result<Json> BackendDouble::reload(const Principal& caller) { LABELFLOW_ECHO("reload"); }
Result<Json> BackendDouble::pause_project(const Principal& caller, const std::string& project) {
  LABELFLOW_ECHO("pause_project", project);
}
Result<Json> BackendDouble::resume_project(const Principal& caller, const std::string& project) {
  LABELFLOW_ECHO("resume_project", project);
}
Result<api::Document> BackendDouble::report(const Principal& caller,
                                            const api::ReportQuery& query) {
  std::vector<std::string> args{query.week, query.project, query.csv ? "csv" : "json"};
  if (auto error = enter("report", caller, args)) return *error;
  if (query.csv) return api::Document{"text/csv; charset=utf-8", "reviewer,week\nr1,2026-W48\n"};
  return api::Document{"application/json", boost::json::serialize(echo("report", caller, args))};
}

#undef LABELFLOW_ECHO

}  // namespace labelflow::test
