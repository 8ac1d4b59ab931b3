// Service: the daemon's use cases, as every front end sees them (the HTTP API, signals, tests).
// Requests and results are typed (tasks/, queries/, jobs/, projects/ hold them); refusals are
// service::Error values with a code and field details. Nothing here knows HTTP or JSON text.
//
// Every call has one form: it answers through `done`, exactly once, from any thread, possibly
// after it returned (the task calls answer once their commit is durable, without holding a
// thread). `done` must be quick. Calls may run on any thread at once.
//
// Access: the front end authenticates the caller and checks the role a call needs (reviewer
// calls, admin calls); the service decides everything else: whether the project exists
// (not_found) and whether a reviewer is a member of it (forbidden).
#pragma once

#include <optional>
#include <string>

#include "service/caller.hpp"
#include "service/jobs/job_types.hpp"
#include "service/projects/project_types.hpp"
#include "service/queries/query_types.hpp"
#include "service/result.hpp"
#include "service/tasks/task_types.hpp"

namespace labelflow::service {

class Service {
 public:
  virtual ~Service() = default;

  // Reviewer work. nullopt from next_task: no task is available now.
  virtual void next_task(const Caller& caller, const std::string& project,
                         Done<std::optional<Task>> done) = 0;
  virtual void heartbeat(const Caller& caller, const std::string& task,
                         Done<HeartbeatResult> done) = 0;
  virtual void submit(const Caller& caller, const std::string& task, SubmitRequest request,
                      Done<SubmitResult> done) = 0;
  virtual void release(const Caller& caller, const std::string& task, Done<TaskEnded> done) = 0;
  virtual void skip(const Caller& caller, const std::string& task, const std::string& reason,
                    Done<TaskEnded> done) = 0;

  // Reading project state; reviewers see the projects they are members of.
  virtual void list_projects(const Caller& caller, Done<std::vector<ProjectSummary>> done) = 0;
  virtual void progress(const Caller& caller, const std::string& project,
                        Done<Progress> done) = 0;
  virtual void agreement(const Caller& caller, const std::string& project,
                         Done<Agreement> done) = 0;
  virtual void members(const Caller& caller, const std::string& project,
                       Done<std::vector<MemberSummary>> done) = 0;
  // A reviewer sees only their own reviews of a row until it is final (I2).
  virtual void row(const Caller& caller, const std::string& project, const std::string& row,
                   Done<RowDetails> done) = 0;
  // A reviewer's own view: identity, this week's figures and the feedback they received.
  virtual void me(const Caller& caller, Done<Me> done) = 0;

  // Admin: background jobs. create answers the job's record at once; it runs later.
  virtual void create_import(const Caller& caller, const std::string& project,
                             ImportRequest request, Done<ImportStatus> done) = 0;
  virtual void get_import(const Caller& caller, const std::string& project,
                          const std::string& id, Done<ImportStatus> done) = 0;
  virtual void create_export(const Caller& caller, const std::string& project,
                             ExportRequest request, Done<ExportStatus> done) = 0;
  virtual void get_export(const Caller& caller, const std::string& project,
                          const std::string& id, Done<ExportStatus> done) = 0;
  // An online copy of the state database put to a configured storage instance; answers once
  // the object is stored.
  virtual void create_backup(const Caller& caller, BackupRequest request,
                             Done<BackupResult> done) = 0;

  // Admin: configuration and operations.
  virtual void reload(const Caller& caller, Done<ReloadResult> done) = 0;
  virtual void set_paused(const Caller& caller, const std::string& project, bool paused,
                          Done<PauseState> done) = 0;
  virtual void weekly_report(const Caller& caller, ReportRequest request,
                             Done<WeeklyReport> done) = 0;
};

}  // namespace labelflow::service
