#include "service/service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "service/export_worker.hpp"
#include "service/import_worker.hpp"
#include "service/spec_build.hpp"
#include "service/task_json.hpp"
#include "service/time_util.hpp"
#include "service/validation.hpp"
#include "webhooks/events.hpp"

namespace labelflow::service {

namespace json = boost::json;

// ---- Context -------------------------------------------------------------------------------

std::shared_ptr<const ProjectSetup> ProjectRuntime::setup() const {
  std::lock_guard lock(setup_mu_);
  return setup_;
}

void ProjectRuntime::set_setup(std::shared_ptr<const ProjectSetup> setup) {
  std::lock_guard lock(setup_mu_);
  setup_ = std::move(setup);
}

bool ProjectRuntime::is_member(const std::string& reviewer) const {
  const auto s = setup();
  const auto& m = s->config.members;
  return std::find(m.begin(), m.end(), reviewer) != m.end();
}

ProjectPtr Context::project(std::string_view id) const {
  std::shared_lock lock(mu_);
  auto it = projects_.find(id);
  return it == projects_.end() ? nullptr : it->second;
}

std::vector<ProjectPtr> Context::all_projects() const {
  std::shared_lock lock(mu_);
  std::vector<ProjectPtr> out;
  for (const auto& [id, p] : projects_) out.push_back(p);
  return out;
}

std::shared_ptr<const config::ReviewerSet> Context::reviewers() const {
  std::shared_lock lock(mu_);
  return {config_, &config_->reviewers};  // aliasing: lives as long as the config
}

std::shared_ptr<const config::Config> Context::config() const {
  std::shared_lock lock(mu_);
  return config_;
}

std::shared_ptr<plugin_host::GuardedStorage> Context::storage(std::string_view name) const {
  std::shared_lock lock(mu_);
  auto it = storage_.find(name);
  return it == storage_.end() ? nullptr : it->second;
}

RowCache::Doc Context::row(const std::string& project, const std::string& row_id) {
  if (auto doc = rows_.find(project, row_id)) return doc;
  auto stored = store.row(project, row_id);
  if (!stored) return nullptr;
  auto doc = std::make_shared<const core::RowDoc>(std::move(*stored));
  rows_.put(project, row_id, doc);
  return doc;
}

void Context::publish(
    std::shared_ptr<const config::Config> config,
    std::map<std::string, ProjectPtr, std::less<>> projects,
    std::map<std::string, std::shared_ptr<plugin_host::GuardedStorage>, std::less<>> storage) {
  std::unique_lock lock(mu_);
  config_ = std::move(config);
  projects_ = std::move(projects);
  storage_ = std::move(storage);
}

void Context::remember_task(core::TaskId id, const std::string& project) {
  std::lock_guard lock(tasks_mu_);
  task_projects_.emplace(id, project);
}

void Context::forget_tasks(const std::vector<core::TaskId>& ids) {
  if (ids.empty()) return;
  std::lock_guard lock(tasks_mu_);
  for (auto id : ids) task_projects_.erase(id);
}

std::size_t Context::known_tasks() const {
  std::lock_guard lock(tasks_mu_);
  return task_projects_.size();
}

ProjectPtr Context::task_project(core::TaskId id) const {
  std::string name;
  {
    std::lock_guard lock(tasks_mu_);
    auto it = task_projects_.find(id);
    if (it == task_projects_.end()) return nullptr;
    name = it->second;
  }
  return project(name);
}

void Context::queue_commit(const ProjectRuntime& p, core::Changes changes,
                           store::StateStore::Callback done) {
  forget_tasks(changes.retired_tasks);
  store::Batch batch;
  batch.project = p.id();
  batch.changes = std::move(changes);
  batch.at = clock();
  // Webhook events go into the same durable step as the change that caused them.
  if (auto setup = p.setup(); setup && !setup->config.webhooks.empty()) {
    batch.webhooks = webhooks::change_events(setup->config.webhooks, p.id(), batch.changes,
                                             static_cast<int>(setup->spec.stages.size()), batch.at);
  }
  store.commit(std::move(batch), std::move(done));
}

std::future<store::CommitResult> Context::queue_commit(const ProjectRuntime& p,
                                                       core::Changes changes) {
  auto promise = std::make_shared<std::promise<store::CommitResult>>();
  auto future = promise->get_future();
  queue_commit(p, std::move(changes),
               [promise](store::CommitResult r) { promise->set_value(std::move(r)); });
  return future;
}

void Context::after_commit(const std::string& project, std::vector<std::string> final_rows) {
  if (final_rows.empty() || !on_final) return;
  on_final(project, std::move(final_rows));
}

// ---- helpers -------------------------------------------------------------------------------

api::ApiError to_api_error(const core::Error& error) {
  api::ErrorCode code = api::ErrorCode::unavailable;
  switch (error.code) {
    case core::ErrorCode::bad_request:
      code = api::ErrorCode::bad_request;
      break;
    case core::ErrorCode::forbidden:
      code = api::ErrorCode::forbidden;
      break;
    case core::ErrorCode::not_found:
      code = api::ErrorCode::not_found;
      break;
    case core::ErrorCode::lease_conflict:
      code = api::ErrorCode::lease_conflict;
      break;
    case core::ErrorCode::validation_failed:
      code = api::ErrorCode::validation_failed;
      break;
    case core::ErrorCode::unavailable:
      code = api::ErrorCode::unavailable;
      break;
  }
  api::ApiError out{code, error.message, {}, 0};
  for (const auto& d : error.details) out.details.push_back({d.path, d.message});
  return out;
}

std::string task_name(core::TaskId id) { return "t-" + std::to_string(id); }

std::optional<core::TaskId> parse_task_name(std::string_view name) {
  if (name.size() < 3 || name.substr(0, 2) != "t-") return std::nullopt;
  core::TaskId id = 0;
  auto [p, ec] = std::from_chars(name.data() + 2, name.data() + name.size(), id);
  if (ec != std::errc() || p != name.data() + name.size() || id == 0) return std::nullopt;
  return id;
}

std::shared_ptr<const ProjectSetup> make_setup(const config::Project& project,
                                               const config::ProjectPlugins& plugins) {
  auto s = std::make_shared<ProjectSetup>();
  s->config = project;
  s->spec = project_spec(project);
  s->labels = std::make_shared<LabelPlugins>(plugins.labels.begin(), plugins.labels.end());
  s->router = plugins.router;
  s->config_hash = config_hash(project);
  s->task_parts = task_fixed_parts(s->config, s->spec, *s->labels);
  return s;
}

ProjectPtr make_runtime(const config::Project& project, const config::ReviewerSet& reviewers,
                        const config::ProjectPlugins& plugins, core::TaskIdAllocator& ids) {
  auto rt = std::make_shared<ProjectRuntime>(project.id);
  auto setup = make_setup(project, plugins);
  const core::ProjectSpec spec = setup->spec;
  rt->oracle = std::make_unique<PluginLabelOracle>(setup->labels);
  rt->set_setup(std::move(setup));
  const auto revs = reviewer_specs(reviewers);
  auto problems = core::validate(spec, revs);
  if (!problems.empty()) {
    std::string msg = "project '" + project.id + "' (" + project.file.string() + "):";
    for (const auto& p : problems) msg += " " + p.path + ": " + p.message + ";";
    throw std::runtime_error(msg);
  }
  rt->engine = std::make_unique<core::Engine>(spec, revs, *rt->oracle, ids);
  return rt;
}

// ---- Service -------------------------------------------------------------------------------

Service::Service(store::StateStore& store, Loaded initial, ServiceOptions options)
    : ctx_(store), options_(std::move(options)), loaded_(std::move(initial)) {
  ctx_.clock = options_.clock ? options_.clock : ClockFn(system_now_ms);
  ctx_.plugin_versions = options_.plugin_versions;
}

Service::~Service() { stop(); }

void Service::start() {
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
  exports_ = std::make_unique<ExportWorker>(ctx_, options_);
  ctx_.on_final = [this](const std::string& project, std::vector<std::string> rows) {
    exports_->enqueue(project, std::move(rows));
  };
  for (const auto& p : ctx_.all_projects()) {
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
    for (const auto& t : snap.tasks) ctx_.remember_task(t.id, p->id());
    for (const auto& r : snap.rows) {
      if (r.state.status == core::RowStatus::final) final_rows.push_back(r.id);
    }
    const auto counts = p->engine->counts();
    spdlog::info("project '{}': restored {} row(s): {} open, {} final, {} set aside", p->id(),
                 counts.rows, counts.open, counts.final, counts.set_aside);
    exports_->restore(p->id(), std::move(final_rows));
  }
  imports_ = std::make_unique<ImportWorker>(ctx_, options_);
  exports_->start();
}

void Service::stop() {
  if (imports_) imports_->stop();
  if (exports_) exports_->stop();
}

api::Result<ProjectPtr> Service::visible_project(const api::Principal& caller,
                                                 const std::string& project) const {
  auto p = ctx_.project(project);
  if (!p) return api::ApiError{api::ErrorCode::not_found, "no project '" + project + "'", {}, 0};
  if (caller.role == api::Role::reviewer && !p->is_member(caller.id)) {
    return api::ApiError{
        api::ErrorCode::forbidden,
        "reviewer '" + caller.id + "' is not a member of project '" + project + "'",
        {},
        0};
  }
  return p;
}

api::Result<std::pair<ProjectPtr, core::TaskId>> Service::find_task(const std::string& task) const {
  auto id = parse_task_name(task);
  api::ApiError missing{api::ErrorCode::not_found, "no task '" + task + "'", {}, 0};
  if (!id) return missing;
  if (auto p = ctx_.task_project(*id)) return std::make_pair(p, *id);
  // An id that was issued but is no longer known (its row finished before a restart, so the
  // engine did not reload it) is a lease that is no longer the caller's (I6), not a typo.
  std::lock_guard ids_lock(ctx_.ids_mu);
  if (*id < ctx_.ids.peek()) {
    return api::ApiError{api::ErrorCode::lease_conflict,
                         "task '" + task + "' is no longer open: its lease ended",
                         {},
                         0};
  }
  return missing;
}

api::Result<api::Json> Service::pause_project(const api::Principal& caller,
                                              const std::string& project) {
  auto pr = visible_project(caller, project);
  if (!pr.ok()) return pr.error();
  pr.value()->paused.store(true);
  spdlog::info("project '{}' paused", project);
  return api::Json(json::object{{"project", project}, {"paused", true}});
}

api::Result<api::Json> Service::resume_project(const api::Principal& caller,
                                               const std::string& project) {
  auto pr = visible_project(caller, project);
  if (!pr.ok()) return pr.error();
  pr.value()->paused.store(false);
  spdlog::info("project '{}' resumed", project);
  return api::Json(json::object{{"project", project}, {"paused", false}});
}

api::Result<api::Json> Service::create_import(const api::Principal& caller,
                                              const std::string& project,
                                              const boost::json::object& request) {
  auto pr = visible_project(caller, project);
  if (!pr.ok()) return pr.error();
  return imports_->create(pr.value(), request);
}

api::Result<api::Json> Service::get_import(const api::Principal& caller, const std::string& project,
                                           const std::string& id) {
  auto pr = visible_project(caller, project);
  if (!pr.ok()) return pr.error();
  return imports_->get(project, id);
}

api::Result<api::Json> Service::create_export(const api::Principal& caller,
                                              const std::string& project,
                                              const boost::json::object& request) {
  auto pr = visible_project(caller, project);
  if (!pr.ok()) return pr.error();
  return exports_->create(pr.value(), request);
}

api::Result<api::Json> Service::get_export(const api::Principal& caller, const std::string& project,
                                           const std::string& id) {
  auto pr = visible_project(caller, project);
  if (!pr.ok()) return pr.error();
  return exports_->get(project, id);
}

}  // namespace labelflow::service
