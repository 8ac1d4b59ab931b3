#include "service_double.hpp"

#include <boost/json/serialize.hpp>
#include <chrono>
#include <stdexcept>

namespace labelflow::test {

using service::Caller;
using service::Done;

ServiceDouble::~ServiceDouble() {
  for (auto& t : later_) t.join();
}

void ServiceDouble::fail_next(service::Error error) {
  std::lock_guard lock(mutex_);
  next_error_ = std::move(error);
}

void ServiceDouble::close_gate() {
  std::lock_guard lock(mutex_);
  gate_open_ = false;
}

void ServiceDouble::open_gate() {
  std::lock_guard lock(mutex_);
  gate_open_ = true;
  changed_.notify_all();
}

bool ServiceDouble::wait_for_calls(std::size_t n) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return calls_.size() >= n; });
}

std::vector<ServiceDouble::CallRecord> ServiceDouble::calls() const {
  std::lock_guard lock(mutex_);
  return calls_;
}

template <class T>
bool ServiceDouble::enter(const std::string& method, const Caller& caller,
                          std::vector<std::string> args, Done<T>& done) {
  std::optional<service::Error> error;
  {
    std::unique_lock lock(mutex_);
    calls_.push_back({method, caller.id, std::move(args)});
    changed_.notify_all();
    changed_.wait_for(lock, std::chrono::seconds(10), [&] { return gate_open_; });
    if (throw_next.exchange(false)) throw std::runtime_error("scripted service failure");
    error = std::move(next_error_);
    next_error_.reset();
  }
  if (!error) return true;
  done(std::move(*error));
  return false;
}

void ServiceDouble::next_task(const Caller& caller, const std::string& project,
                              Done<std::optional<service::Task>> done) {
  if (!enter("next_task", caller, {project}, done)) return;
  if (!task_available) return done(std::optional<service::Task>());
  service::Task task;
  task.id = "t-1";
  task.project = project;
  task.stage = "review";
  auto row = std::make_shared<core::RowDoc>();
  row->content.id = "r-1";
  task.row = std::move(row);
  done(std::optional<service::Task>(std::move(task)));
}

void ServiceDouble::heartbeat(const Caller& caller, const std::string& task,
                              Done<service::HeartbeatResult> done) {
  if (!enter("heartbeat", caller, {task}, done)) return;
  done(service::HeartbeatResult{task, std::nullopt});
}

void ServiceDouble::submit(const Caller& caller, const std::string& task,
                           service::SubmitRequest request, Done<service::SubmitResult> done) {
  std::vector<std::string> args{
      task, boost::json::serialize(request.labels),
      request.active_seconds ? std::to_string(*request.active_seconds) : "none", request.comment};
  if (!enter("submit", caller, std::move(args), done)) return;
  service::SubmitResult result{task, {}};
  if (drop_next_reply.exchange(false)) return;  // `done` is destroyed without being called
  if (!answer_later) return done(std::move(result));
  std::lock_guard lock(mutex_);
  later_.emplace_back([done = std::move(done), result = std::move(result)]() mutable {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    done(std::move(result));
  });
}

void ServiceDouble::release(const Caller& caller, const std::string& task,
                            Done<service::TaskEnded> done) {
  if (!enter("release", caller, {task}, done)) return;
  done(service::TaskEnded{task});
}

void ServiceDouble::skip(const Caller& caller, const std::string& task, const std::string& reason,
                         Done<service::TaskEnded> done) {
  if (!enter("skip", caller, {task, reason}, done)) return;
  done(service::TaskEnded{task});
}

void ServiceDouble::list_projects(const Caller& caller,
                                  Done<std::vector<service::ProjectSummary>> done) {
  if (!enter("list_projects", caller, {}, done)) return;
  done(std::vector<service::ProjectSummary>{});
}

void ServiceDouble::progress(const Caller& caller, const std::string& project,
                             Done<service::Progress> done) {
  if (!enter("progress", caller, {project}, done)) return;
  service::Progress p;
  p.project = project;
  done(std::move(p));
}

void ServiceDouble::agreement(const Caller& caller, const std::string& project,
                              Done<service::Agreement> done) {
  if (!enter("agreement", caller, {project}, done)) return;
  service::Agreement a;
  a.project = project;
  done(std::move(a));
}

void ServiceDouble::members(const Caller& caller, const std::string& project,
                            Done<std::vector<service::MemberSummary>> done) {
  if (!enter("members", caller, {project}, done)) return;
  done(std::vector<service::MemberSummary>{});
}

void ServiceDouble::row(const Caller& caller, const std::string& project, const std::string& row,
                        Done<service::RowDetails> done) {
  if (!enter("row", caller, {project, row}, done)) return;
  service::RowDetails r;
  r.project = project;
  auto doc = std::make_shared<core::RowDoc>();
  doc->content.id = row;
  r.row = std::move(doc);
  done(std::move(r));
}

void ServiceDouble::me(const Caller& caller, Done<service::Me> done) {
  if (!enter("me", caller, {}, done)) return;
  service::Me me;
  me.id = caller.id;
  done(std::move(me));
}

void ServiceDouble::create_import(const Caller& caller, const std::string& project,
                                  service::ImportRequest request,
                                  Done<service::ImportStatus> done) {
  if (!enter("create_import", caller,
             {project, request.storage, request.key, request.prefix, request.format}, done)) {
    return;
  }
  service::ImportStatus s;
  s.id = "imp-1";
  s.project = project;
  done(std::move(s));
}

void ServiceDouble::get_import(const Caller& caller, const std::string& project,
                               const std::string& id, Done<service::ImportStatus> done) {
  if (!enter("get_import", caller, {project, id}, done)) return;
  service::ImportStatus s;
  s.id = id;
  s.project = project;
  done(std::move(s));
}

void ServiceDouble::create_export(const Caller& caller, const std::string& project,
                                  service::ExportRequest, Done<service::ExportStatus> done) {
  if (!enter("create_export", caller, {project}, done)) return;
  done(service::ExportStatus{"exp-1", project, service::JobState::running, 0, 0, ""});
}

void ServiceDouble::get_export(const Caller& caller, const std::string& project,
                               const std::string& id, Done<service::ExportStatus> done) {
  if (!enter("get_export", caller, {project, id}, done)) return;
  done(service::ExportStatus{id, project, service::JobState::running, 0, 0, ""});
}

void ServiceDouble::create_backup(const Caller& caller, service::BackupRequest request,
                                  Done<service::BackupResult> done) {
  if (!enter("create_backup", caller, {request.storage, request.key}, done)) return;
  done(service::BackupResult{request.storage, request.key, 0});
}

void ServiceDouble::reload(const Caller& caller, Done<service::ReloadResult> done) {
  if (!enter("reload", caller, {}, done)) return;
  done(service::ReloadResult{});
}

void ServiceDouble::set_paused(const Caller& caller, const std::string& project, bool paused,
                               Done<service::PauseState> done) {
  if (!enter("set_paused", caller, {project, paused ? "true" : "false"}, done)) return;
  done(service::PauseState{project, paused});
}

void ServiceDouble::weekly_report(const Caller& caller, service::ReportRequest request,
                                  Done<service::WeeklyReport> done) {
  if (!enter("weekly_report", caller, {request.week, request.project}, done)) return;
  done(service::WeeklyReport{request.week, request.project, {}});
}

}  // namespace labelflow::test
