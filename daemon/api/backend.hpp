// The API's view of the rest of the daemon: everything the HTTP endpoints need, in domain terms.
// The engine implements it; tests use a double. Calls come from the server's worker threads
// (never an io thread) and may block, e.g. until a store commit is durable; several calls may
// run at once, so implementations must be thread-safe.
//
// The reviewer task calls also come in a deferred form (`*_then`): the call does its work and
// answers through `done`, exactly once, from any thread, possibly after it returned. A backend
// uses it to answer once a commit is durable without holding a worker thread while it waits;
// `done` must be quick. The defaults call the blocking form.
//
// Every method receives the authenticated caller. The API layer has already checked the role a
// route needs (reviewer or admin); the backend decides everything else, such as whether the
// caller is a member of the project (forbidden) or whether the project exists (not_found).
// Payloads are JSON values whose shapes docs/api.md documents per endpoint.
#pragma once

#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "api/auth.hpp"
#include "api/errors.hpp"

namespace labelflow::api {

// A value or an ApiError (whose code becomes the HTTP status and error code).
template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}         // NOLINT: implicit by design
  Result(ApiError error) : state_(std::move(error)) {}  // NOLINT: implicit by design
  bool ok() const { return state_.index() == 0; }
  T& value() { return std::get<0>(state_); }
  const ApiError& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, ApiError> state_;
};

using Json = boost::json::value;

template <class T>
using Done = std::function<void(Result<T>)>;

// POST /v1/tasks/{task}/submit
struct SubmitInput {
  boost::json::object labels;            // label name -> value; validated by the label plugins
  std::optional<double> active_seconds;  // as reported by the client; the engine caps it
  std::string comment;
};

// GET /v1/reports/weekly
struct ReportQuery {
  std::string week;     // ISO week "2026-W48"; "" means the current week
  std::string project;  // "" means every project
  bool csv = false;     // CSV for payroll instead of JSON
};

// POST /v1/admin/backups
struct BackupRequest {
  std::string storage;  // a storage instance of the daemon configuration
  std::string key;      // "" means backups/labelflow-<UTC timestamp>.db
};

// A ready-made body with its own content type (reports as CSV).
struct Document {
  std::string content_type;
  std::string body;
};

class Backend {
 public:
  virtual ~Backend() = default;

  // Reviewer work. nullopt from next_task means no task is available now (204).
  virtual Result<std::optional<Json>> next_task(const Principal& caller,
                                                const std::string& project) = 0;
  virtual Result<Json> heartbeat(const Principal& caller, const std::string& task) = 0;
  virtual Result<Json> submit(const Principal& caller, const std::string& task,
                              const SubmitInput& input) = 0;
  virtual Result<Json> release(const Principal& caller, const std::string& task) = 0;
  virtual Result<Json> skip(const Principal& caller, const std::string& task,
                            const std::string& reason) = 0;

  // Deferred forms of the calls above (see the top of this file).
  virtual void next_task_then(const Principal& caller, const std::string& project,
                              Done<std::optional<Json>> done) {
    done(next_task(caller, project));
  }
  virtual void heartbeat_then(const Principal& caller, const std::string& task, Done<Json> done) {
    done(heartbeat(caller, task));
  }
  virtual void submit_then(const Principal& caller, const std::string& task,
                           const SubmitInput& input, Done<Json> done) {
    done(submit(caller, task, input));
  }
  virtual void release_then(const Principal& caller, const std::string& task, Done<Json> done) {
    done(release(caller, task));
  }
  virtual void skip_then(const Principal& caller, const std::string& task,
                         const std::string& reason, Done<Json> done) {
    done(skip(caller, task, reason));
  }

  // Reading project state; reviewers see the projects they are members of.
  virtual Result<Json> list_projects(const Principal& caller) = 0;
  virtual Result<Json> progress(const Principal& caller, const std::string& project) = 0;
  virtual Result<Json> agreement(const Principal& caller, const std::string& project) = 0;
  virtual Result<Json> reviewers(const Principal& caller, const std::string& project) = 0;
  virtual Result<Json> row(const Principal& caller, const std::string& project,
                           const std::string& row) = 0;

  // Admin: imports and exports run in the background; create returns their record (with "id")
  // at once (202), get returns its current state.
  virtual Result<Json> create_import(const Principal& caller, const std::string& project,
                                     const boost::json::object& request) = 0;
  virtual Result<Json> get_import(const Principal& caller, const std::string& project,
                                  const std::string& id) = 0;
  virtual Result<Json> create_export(const Principal& caller, const std::string& project,
                                     const boost::json::object& request) = 0;
  virtual Result<Json> get_export(const Principal& caller, const std::string& project,
                                  const std::string& id) = 0;

  // Admin: configuration and operations.
  virtual Result<Json> reload(const Principal& caller) = 0;
  virtual Result<Json> pause_project(const Principal& caller, const std::string& project) = 0;
  virtual Result<Json> resume_project(const Principal& caller, const std::string& project) = 0;
  virtual Result<Document> report(const Principal& caller, const ReportQuery& query) = 0;

  // GET /v1/me (reviewers only): the caller's identity, their figures of the current week
  // (the weekly report's, in the daemon timezone) and the comments adjudicators and escalation
  // reviewers left on final rows the caller reviewed, most recent first. The default is for
  // backends without reports (test doubles): unavailable.
  virtual Result<Json> me(const Principal& caller) {
    (void)caller;
    return ApiError{ErrorCode::unavailable, "GET /v1/me is not supported by this daemon", {}, 0};
  }

  // POST /v1/admin/backups: an online copy of the state database put to a configured storage
  // instance; returns {"storage", "key", "bytes"} (201) once the object is stored. The default
  // is for backends without a database (test doubles): unavailable.
  virtual Result<Json> create_backup(const Principal& caller, const BackupRequest& request) {
    (void)caller;
    (void)request;
    return ApiError{ErrorCode::unavailable, "backups are not supported by this daemon", {}, 0};
  }
};

}  // namespace labelflow::api
