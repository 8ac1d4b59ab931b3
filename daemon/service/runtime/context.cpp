#include "service/runtime/context.hpp"

#include "service/tasks/task_names.hpp"
#include "webhooks/events.hpp"

namespace labelflow::service {

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

Result<ProjectPtr> Context::visible_project(const Caller& caller,
                                            const std::string& project_id) const {
  auto p = project(project_id);
  if (!p) return Error{ErrorCode::not_found, "no project '" + project_id + "'"};
  if (caller.role == Role::reviewer && !p->is_member(caller.id)) {
    return Error{ErrorCode::forbidden,
                 "reviewer '" + caller.id + "' is not a member of project '" + project_id + "'"};
  }
  return p;
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

void Context::cache_row(const std::string& project, RowCache::Doc doc) {
  const std::string id = doc->content.id;
  rows_.put(project, id, std::move(doc));
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

void Context::remember_task(core::TaskId id, const std::string& project, const std::string& row) {
  std::lock_guard lock(tasks_mu_);
  tasks_.emplace(id, std::make_pair(project, row));
}

void Context::forget_tasks(const std::vector<core::TaskId>& ids) {
  if (ids.empty()) return;
  std::lock_guard lock(tasks_mu_);
  for (auto id : ids) tasks_.erase(id);
}

std::size_t Context::known_tasks() const {
  std::lock_guard lock(tasks_mu_);
  return tasks_.size();
}

Result<Context::TaskPlace> Context::find_task(const std::string& task) const {
  auto id = parse_task_name(task);
  Error missing{ErrorCode::not_found, "no task '" + task + "'"};
  if (!id) return missing;
  std::pair<std::string, std::string> where;
  {
    std::lock_guard lock(tasks_mu_);
    auto it = tasks_.find(*id);
    if (it != tasks_.end()) where = it->second;
  }
  if (!where.first.empty()) {
    if (auto p = project(where.first)) return TaskPlace{p, *id, std::move(where.second)};
  }
  // An id that was issued but is no longer known (its row finished before a restart, so the
  // engine did not reload it) is a lease that is no longer the caller's (I6), not a typo.
  std::lock_guard ids_lock(ids_mu);
  if (*id < ids.peek()) {
    return Error{ErrorCode::lease_conflict,
                 "task '" + task + "' is no longer open: its lease ended"};
  }
  return missing;
}

void Context::queue_commit(const ProjectRuntime& p, store::Batch batch,
                           store::StateStore::Callback done) {
  forget_tasks(batch.changes.retired_tasks);
  batch.project = p.id();
  batch.at = clock();
  // Webhook events go into the same durable step as the change that caused them.
  if (auto setup = p.setup(); setup && !setup->config.webhooks.empty()) {
    auto events = webhooks::change_events(setup->config.webhooks, p.id(), batch.changes,
                                          static_cast<int>(setup->spec.stages.size()), batch.at);
    batch.webhooks.insert(batch.webhooks.end(), std::make_move_iterator(events.begin()),
                          std::make_move_iterator(events.end()));
  }
  store.commit(std::move(batch), std::move(done));
}

void Context::queue_commit(const ProjectRuntime& p, core::Changes changes,
                           store::StateStore::Callback done) {
  store::Batch batch;
  batch.changes = std::move(changes);
  queue_commit(p, std::move(batch), std::move(done));
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

}  // namespace labelflow::service
