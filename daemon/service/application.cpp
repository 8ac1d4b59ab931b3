#include "service/application.hpp"

#include <spdlog/spdlog.h>

#include "service/jobs/backups.hpp"
#include "service/runtime/runtime_metrics.hpp"

namespace labelflow::service {

Application::Application(store::StateStore& store, Loaded initial, ApplicationOptions options)
    : ctx_(store),
      options_(std::move(options)),
      loaded_(std::move(initial)),
      tasks_(ctx_),
      queries_(ctx_, options_.utc_offset) {
  ctx_.clock = options_.clock ? options_.clock : ClockFn(system_now_ms);
  ctx_.plugin_versions = options_.plugin_versions;
  if (options_.metrics != nullptr) {
    auto added = std::move(options_.reload.project_added);
    options_.reload.project_added = [this, added](const ProjectPtr& p) {
      register_project_metrics(*options_.metrics, p);
      if (added) added(p);
    };
  }
}

Application::~Application() { stop(); }

void Application::start() {
  const auto& cfg = *loaded_.config;
  std::map<std::string, ProjectPtr, std::less<>> projects;
  for (const auto& p : cfg.projects) {
    auto pl = loaded_.plugins.projects.find(p.id);
    const config::ProjectPlugins none;
    projects.emplace(
        p.id, make_runtime(p, cfg.reviewers,
                           pl == loaded_.plugins.projects.end() ? none : pl->second, ctx_.ids));
  }
  ctx_.publish(loaded_.config, std::move(projects),
               {loaded_.plugins.storage.begin(), loaded_.plugins.storage.end()});
  exports_ = std::make_unique<ExportWorker>(ctx_, options_.exports);
  ctx_.on_final = [this](const std::string& project, std::vector<std::string> rows) {
    exports_->enqueue(project, std::move(rows));
  };
  for (const auto& p : ctx_.all_projects()) restore_project(p);
  imports_ = std::make_unique<ImportQueue>(ctx_, options_.imports);
  exports_->start();
  if (options_.metrics != nullptr) {
    register_store_metrics(*options_.metrics, ctx_.store);
    for (const auto& p : ctx_.all_projects()) register_project_metrics(*options_.metrics, p);
  }
}

void Application::restore_project(const ProjectPtr& p) {
  core::Snapshot snap = ctx_.store.load(p->id());
  std::future<store::CommitResult> done;
  {
    std::lock_guard lock(p->mu);
    std::lock_guard ids_lock(ctx_.ids_mu);
    ctx_.ids.at_least(snap.max_task_id + 1);
    core::Changes changes;
    p->engine->restore(snap, ctx_.clock(), changes);
    done = ctx_.queue_commit(*p, std::move(changes));
  }
  done.wait();
  std::vector<std::string> final_rows;
  for (const auto& t : snap.tasks) ctx_.remember_task(t.id, p->id(), t.row_id);
  for (const auto& r : snap.rows) {
    if (r.state.status == core::RowStatus::final) final_rows.push_back(r.id);
  }
  const auto counts = p->engine->counts();
  spdlog::info("project '{}': restored {} row(s): {} open, {} final, {} set aside", p->id(),
               counts.rows, counts.open, counts.final, counts.set_aside);
  exports_->restore(p->id(), std::move(final_rows));
}

void Application::stop() {
  if (imports_) imports_->stop();
  if (exports_) exports_->stop();
}

std::optional<std::string> Application::webhook_secret(const std::string& project,
                                                       const std::string& url) const {
  auto p = ctx_.project(project);
  auto setup = p ? p->setup() : nullptr;
  if (!setup) return std::nullopt;
  for (const auto& h : setup->config.webhooks) {
    if (h.url == url && h.secret.has_value()) return h.secret.reveal();
  }
  return std::nullopt;
}

// ---- reviewer work ---------------------------------------------------------------------------

void Application::next_task(const Caller& caller, const std::string& project,
                            Done<std::optional<Task>> done) {
  tasks_.next(caller, project, std::move(done));
}

void Application::heartbeat(const Caller& caller, const std::string& task,
                            Done<HeartbeatResult> done) {
  tasks_.heartbeat(caller, task, std::move(done));
}

void Application::submit(const Caller& caller, const std::string& task, SubmitRequest request,
                         Done<SubmitResult> done) {
  tasks_.submit(caller, task, std::move(request), std::move(done));
}

void Application::release(const Caller& caller, const std::string& task, Done<TaskEnded> done) {
  tasks_.release(caller, task, std::move(done));
}

void Application::skip(const Caller& caller, const std::string& task, const std::string& reason,
                       Done<TaskEnded> done) {
  tasks_.skip(caller, task, reason, std::move(done));
}

// ---- reading ---------------------------------------------------------------------------------

void Application::list_projects(const Caller& caller, Done<std::vector<ProjectSummary>> done) {
  done(queries_.list_projects(caller));
}

void Application::progress(const Caller& caller, const std::string& project,
                           Done<Progress> done) {
  done(queries_.progress(caller, project));
}

void Application::agreement(const Caller& caller, const std::string& project,
                            Done<Agreement> done) {
  done(queries_.agreement(caller, project));
}

void Application::members(const Caller& caller, const std::string& project,
                          Done<std::vector<MemberSummary>> done) {
  done(queries_.members(caller, project));
}

void Application::row(const Caller& caller, const std::string& project, const std::string& row,
                      Done<RowDetails> done) {
  done(queries_.row(caller, project, row));
}

void Application::me(const Caller& caller, Done<Me> done) { done(queries_.me(caller)); }

void Application::weekly_report(const Caller&, ReportRequest request, Done<WeeklyReport> done) {
  done(queries_.weekly_report(request));
}

// ---- jobs ------------------------------------------------------------------------------------

void Application::create_import(const Caller& caller, const std::string& project,
                                ImportRequest request, Done<ImportStatus> done) {
  auto p = ctx_.visible_project(caller, project);
  if (!p.ok()) return done(p.error());
  done(imports_->create(p.value(), request));
}

void Application::get_import(const Caller& caller, const std::string& project,
                             const std::string& id, Done<ImportStatus> done) {
  auto p = ctx_.visible_project(caller, project);
  if (!p.ok()) return done(p.error());
  done(imports_->get(project, id));
}

void Application::create_export(const Caller& caller, const std::string& project,
                                ExportRequest request, Done<ExportStatus> done) {
  auto p = ctx_.visible_project(caller, project);
  if (!p.ok()) return done(p.error());
  done(exports_->create(p.value(), request));
}

void Application::get_export(const Caller& caller, const std::string& project,
                             const std::string& id, Done<ExportStatus> done) {
  auto p = ctx_.visible_project(caller, project);
  if (!p.ok()) return done(p.error());
  done(exports_->get(project, id));
}

void Application::create_backup(const Caller&, BackupRequest request, Done<BackupResult> done) {
  done(run_backup(ctx_, request, options_.backup_dir));
}

// ---- administration --------------------------------------------------------------------------

Result<ReloadResult> Application::reload_configuration() {
  std::lock_guard lock(reload_mu_);
  return reload_config(ctx_, options_.reload);
}

void Application::reload(const Caller&, Done<ReloadResult> done) {
  done(reload_configuration());
}

void Application::set_paused(const Caller& caller, const std::string& project, bool paused,
                             Done<PauseState> done) {
  auto p = ctx_.visible_project(caller, project);
  if (!p.ok()) return done(p.error());
  p.value()->paused.store(paused);
  spdlog::info("project '{}' {}", project, paused ? "paused" : "resumed");
  done(PauseState{project, paused});
}

}  // namespace labelflow::service
