// Application: the Service over one core::Engine per project (each behind its own mutex, see
// runtime/context.hpp for the commit ordering), the StateStore, the plugins and the dataset
// layer. Imports and exports run on their own background threads.
//
//   service::Application app(store, {config, plugins}, options);
//   app.start();   // rebuilds every engine from the store, starts the workers
//   ... api::Routes routes(app, ...) ...
//   app.stop();    // finishes the running import batch, flushes the exporter
//
// Thread safety: every Service method may run on any thread at once.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "metrics/registry.hpp"
#include "service/jobs/export_worker.hpp"
#include "service/jobs/import_queue.hpp"
#include "service/projects/reload.hpp"
#include "service/queries/queries.hpp"
#include "service/service.hpp"
#include "service/tasks/task_calls.hpp"

namespace labelflow::service {

struct ApplicationOptions {
  ClockFn clock = system_now_ms;
  std::map<std::string, std::string> plugin_versions;  // name -> version, for provenance
  // Reload: re-reading the configuration, and the front end's token table (empty: refused).
  ReloadHooks reload;
  core::UtcOffsetFn utc_offset;  // the daemon `timezone` for weekly figures; empty = UTC
  ImportOptions imports;
  ExportOptions exports;
  // Where backups make their temporary copy (room for one database copy); empty = the system
  // temp directory.
  std::filesystem::path backup_dir;
  // The service's gauges are registered here at start when set; it must outlive the service.
  metrics::Registry* metrics = nullptr;
};

class Application final : public Service {
 public:
  Application(store::StateStore& store, Loaded initial, ApplicationOptions options);
  ~Application() override;

  // Rebuilds every project's engine from store.load() and starts the workers. Throws
  // std::runtime_error naming the project when its spec is unusable.
  void start();
  // Stops the workers (an import stops after its current batch; the exporter flushes).
  void stop();

  // The signing secret of the running configuration's webhook `url` of `project`, if any (the
  // webhook dispatcher reads it at each attempt, so a reload's rotated secret applies at once).
  std::optional<std::string> webhook_secret(const std::string& project,
                                            const std::string& url) const;
  // Re-reads and applies the configuration (SIGHUP and POST /v1/admin/reload both come here).
  Result<ReloadResult> reload_configuration();
  // Task ids the service maps (tests: bounded by open rows).
  std::size_t known_tasks() const { return ctx_.known_tasks(); }

  void next_task(const Caller& caller, const std::string& project,
                 Done<std::optional<Task>> done) override;
  void heartbeat(const Caller& caller, const std::string& task,
                 Done<HeartbeatResult> done) override;
  void submit(const Caller& caller, const std::string& task, SubmitRequest request,
              Done<SubmitResult> done) override;
  void release(const Caller& caller, const std::string& task, Done<TaskEnded> done) override;
  void skip(const Caller& caller, const std::string& task, const std::string& reason,
            Done<TaskEnded> done) override;

  void list_projects(const Caller& caller, Done<std::vector<ProjectSummary>> done) override;
  void progress(const Caller& caller, const std::string& project, Done<Progress> done) override;
  void agreement(const Caller& caller, const std::string& project,
                 Done<Agreement> done) override;
  void members(const Caller& caller, const std::string& project,
               Done<std::vector<MemberSummary>> done) override;
  void row(const Caller& caller, const std::string& project, const std::string& row,
           Done<RowDetails> done) override;
  void me(const Caller& caller, Done<Me> done) override;

  void create_import(const Caller& caller, const std::string& project, ImportRequest request,
                     Done<ImportStatus> done) override;
  void get_import(const Caller& caller, const std::string& project, const std::string& id,
                  Done<ImportStatus> done) override;
  void create_export(const Caller& caller, const std::string& project, ExportRequest request,
                     Done<ExportStatus> done) override;
  void get_export(const Caller& caller, const std::string& project, const std::string& id,
                  Done<ExportStatus> done) override;
  void create_backup(const Caller& caller, BackupRequest request,
                     Done<BackupResult> done) override;

  void reload(const Caller& caller, Done<ReloadResult> done) override;
  void set_paused(const Caller& caller, const std::string& project, bool paused,
                  Done<PauseState> done) override;
  void weekly_report(const Caller& caller, ReportRequest request,
                     Done<WeeklyReport> done) override;

 private:
  // Rebuilds one project's engine from the store and queues its unexported final rows.
  void restore_project(const ProjectPtr& project);

  Context ctx_;
  ApplicationOptions options_;
  Loaded loaded_;  // plugin objects of the running config (kept alive)
  std::mutex reload_mu_;
  TaskCalls tasks_;
  Queries queries_;
  std::unique_ptr<ImportQueue> imports_;
  std::unique_ptr<ExportWorker> exports_;
};

}  // namespace labelflow::service
