// Service: the application service. Implements api::Backend on top of one core::Engine per
// project (each behind its own mutex, see context.hpp for the commit ordering), the
// StateStore, the plugins and the dataset layer. Imports and exports run on their own
// background threads, never on the HTTP io threads.
//
//   service::Service svc(store, {config, plugins}, options);
//   svc.start();           // rebuilds every engine from the store, starts the workers
//   ... api::ApiService(svc, auth, ...) ...
//   svc.stop();            // finishes the running import batch, flushes the exporter
//
// Thread safety: every Backend method may run on any thread at once.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/backend.hpp"
#include "metrics/registry.hpp"
#include "config/config.hpp"
#include "config/plugin_check.hpp"
#include "core/reports.hpp"
#include "service/context.hpp"

namespace labelflow::service {

class ImportWorker;
class ExportWorker;

// A loaded configuration and the plugin objects made from it.
struct Loaded {
  std::shared_ptr<const config::Config> config;
  config::PluginObjects plugins;
};

// Re-reads the configuration for a reload: the Loaded, or nullopt with every problem in
// `errors` (as "PATH:LINE:COL: error ID: message").
using Loader = std::function<std::optional<Loaded>(std::vector<std::string>& errors)>;

struct ServiceOptions {
  ClockFn clock = system_now_ms;
  std::map<std::string, std::string> plugin_versions;  // name -> version, for provenance
  api::Authenticator* auth = nullptr;                  // reload swaps its token table when set
  Loader loader;                                       // reload is refused when empty
  core::UtcOffsetFn utc_offset;  // the daemon `timezone` for weekly reports; empty = UTC
  std::size_t import_batch_rows = 500;
  std::size_t max_import_errors = 100;  // kept per import record
  std::size_t export_batch_rows = 500;
  std::chrono::milliseconds export_flush_interval{2000};
  // Where backups make their temporary copy (room for one database copy); empty = the system
  // temp directory.
  std::filesystem::path backup_dir;
};

class Service final : public api::Backend {
 public:
  Service(store::StateStore& store, Loaded initial, ServiceOptions options);
  ~Service() override;

  // Rebuilds every project's engine from store.load() and starts the workers. Throws
  // std::runtime_error naming the project when its spec is unusable.
  void start();
  // Stops the workers (an import stops after its current batch; the exporter flushes).
  void stop();

  api::Result<std::optional<api::Json>> next_task(const api::Principal& caller,
                                                  const std::string& project) override;
  api::Result<api::Json> heartbeat(const api::Principal& caller, const std::string& task) override;
  api::Result<api::Json> submit(const api::Principal& caller, const std::string& task,
                                const api::SubmitInput& input) override;
  api::Result<api::Json> release(const api::Principal& caller, const std::string& task) override;
  api::Result<api::Json> skip(const api::Principal& caller, const std::string& task,
                              const std::string& reason) override;
  // task_calls.cpp: the deferred forms answer once the call's commit is durable.
  void next_task_then(const api::Principal& caller, const std::string& project,
                      api::Done<std::optional<api::Json>> done) override;
  void heartbeat_then(const api::Principal& caller, const std::string& task,
                      api::Done<api::Json> done) override;
  void submit_then(const api::Principal& caller, const std::string& task,
                   const api::SubmitInput& input, api::Done<api::Json> done) override;
  void release_then(const api::Principal& caller, const std::string& task,
                    api::Done<api::Json> done) override;
  void skip_then(const api::Principal& caller, const std::string& task, const std::string& reason,
                 api::Done<api::Json> done) override;

  api::Result<api::Json> list_projects(const api::Principal& caller) override;
  api::Result<api::Json> progress(const api::Principal& caller,
                                  const std::string& project) override;
  api::Result<api::Json> agreement(const api::Principal& caller,
                                   const std::string& project) override;
  api::Result<api::Json> reviewers(const api::Principal& caller,
                                   const std::string& project) override;
  api::Result<api::Json> row(const api::Principal& caller, const std::string& project,
                             const std::string& row) override;

  api::Result<api::Json> create_import(const api::Principal& caller, const std::string& project,
                                       const boost::json::object& request) override;
  api::Result<api::Json> get_import(const api::Principal& caller, const std::string& project,
                                    const std::string& id) override;
  api::Result<api::Json> create_export(const api::Principal& caller, const std::string& project,
                                       const boost::json::object& request) override;
  api::Result<api::Json> get_export(const api::Principal& caller, const std::string& project,
                                    const std::string& id) override;

  api::Result<api::Json> reload(const api::Principal& caller) override;
  api::Result<api::Json> pause_project(const api::Principal& caller,
                                       const std::string& project) override;
  api::Result<api::Json> resume_project(const api::Principal& caller,
                                        const std::string& project) override;
  api::Result<api::Document> report(const api::Principal& caller,
                                    const api::ReportQuery& query) override;
  // me.cpp
  api::Result<api::Json> me(const api::Principal& caller) override;
  // backup_call.cpp
  api::Result<api::Json> create_backup(const api::Principal& caller,
                                       const api::BackupRequest& request) override;

  // Registers the service's gauges (rows by status, queue depth per stage, live leases,
  // paused, plugin errors) in `registry`, which must outlive the service's use of it.
  void register_metrics(metrics::Registry& registry);

  Context& context() { return ctx_; }

 private:
  // A project the caller may see: not_found when unknown, forbidden for a non-member.
  api::Result<ProjectPtr> visible_project(const api::Principal& caller,
                                          const std::string& project) const;
  // The project holding task `task` ("t-17"), or not_found.
  api::Result<std::pair<ProjectPtr, core::TaskId>> find_task(const std::string& task) const;
  using EngineCall = std::function<std::optional<core::Error>(core::Engine&, core::TaskId,
                                                              core::TimeMs, core::Changes&)>;
  using AnswerBuilder =
      std::function<api::Json(ProjectRuntime&, core::TaskId, const core::Changes&)>;
  // Runs `call` on the task's engine under its lock and queues its changes; `done` gets the
  // answer (built under the lock) once they are durable.
  void task_call_then(const std::string& task, const EngineCall& call, const AnswerBuilder& answer,
                      api::Done<api::Json> done);

  void register_project_metrics(const ProjectPtr& project);

  // The weekly report's rows of ISO week `week` (UTC `bounds` from iso_week_bounds) in the
  // daemon timezone; `project` "" means every project.
  std::vector<core::ReviewerWeek> week_rows(const std::string& week,
                                            std::pair<core::TimeMs, core::TimeMs> bounds,
                                            const std::string& project);

  Context ctx_;
  metrics::Registry* metrics_ = nullptr;
  ServiceOptions options_;
  Loaded loaded_;  // plugin objects of the running config (kept alive)
  std::mutex reload_mu_;
  std::unique_ptr<ImportWorker> imports_;
  std::unique_ptr<ExportWorker> exports_;
};

// core::Error -> api::ApiError (same code names).
api::ApiError to_api_error(const core::Error& error);
// "t-17" <-> 17.
std::string task_name(core::TaskId id);
std::optional<core::TaskId> parse_task_name(std::string_view name);

std::shared_ptr<const ProjectSetup> make_setup(const config::Project& project,
                                               const config::ProjectPlugins& plugins);

// Builds one ProjectRuntime (engine not yet restored). Throws std::runtime_error naming the
// project when core::validate refuses its spec.
ProjectPtr make_runtime(const config::Project& project, const config::ReviewerSet& reviewers,
                        const config::ProjectPlugins& plugins, core::TaskIdAllocator& ids);

}  // namespace labelflow::service
