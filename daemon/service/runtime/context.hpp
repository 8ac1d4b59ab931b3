// Context: the state every use case shares: the store, one ProjectRuntime per project, the
// configuration, storage instances, the shared task-id allocator and the clock.
//
// Ordering (I7): a mutating call locks the project, calls its engine, and QUEUES the engine's
// Changes on the store while still holding the lock; it then unlocks, and answers once the
// batch is durable. The store completes batches in submission order, so each project's commits
// are in engine order: an answer that depends on an earlier change (a task leased by a call
// still committing) is never acknowledged before that change is durable. Only next_task
// allocates task ids from the shared TaskIdAllocator; it holds `ids_mu` as well (always after
// the project lock), so ids stay unique across projects.
#pragma once

#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "service/caller.hpp"
#include "service/result.hpp"
#include "service/runtime/project_runtime.hpp"
#include "service/runtime/row_cache.hpp"
#include "service/support/clock.hpp"
#include "store/state_store.hpp"

namespace labelflow::service {

class Context {
 public:
  explicit Context(store::StateStore& s) : store(s) {}

  store::StateStore& store;
  ClockFn clock = system_now_ms;
  core::TaskIdAllocator ids;
  mutable std::mutex ids_mu;
  std::map<std::string, std::string> plugin_versions;  // plugin name -> version (provenance)
  // Called with rows that became final, after their decision is durable (the export worker).
  std::function<void(const std::string& project, std::vector<std::string> rows)> on_final;

  ProjectPtr project(std::string_view id) const;
  std::vector<ProjectPtr> all_projects() const;
  // A project `caller` may see: not_found when unknown, forbidden for a reviewer who is not a
  // member.
  Result<ProjectPtr> visible_project(const Caller& caller, const std::string& project) const;
  std::shared_ptr<const config::ReviewerSet> reviewers() const;
  std::shared_ptr<plugin_host::GuardedStorage> storage(std::string_view name) const;
  std::shared_ptr<const config::Config> config() const;
  // A row's document, from the cache or the store; null when the project has no such row.
  RowCache::Doc row(const std::string& project, const std::string& row_id);
  // Keeps a document about to be committed, so a task leased before the commit finds it.
  void cache_row(const std::string& project, RowCache::Doc doc);

  // Replaced together by start and reload.
  void publish(
      std::shared_ptr<const config::Config> config,
      std::map<std::string, ProjectPtr, std::less<>> projects,
      std::map<std::string, std::shared_ptr<plugin_host::GuardedStorage>, std::less<>> storage);

  // Which project and row a task id belongs to (tasks are global).
  void remember_task(core::TaskId id, const std::string& project, const std::string& row);
  struct TaskPlace {
    ProjectPtr project;
    core::TaskId id = 0;
    std::string row;
  };
  // Where task `task` ("t-17") belongs; not_found for a name never issued, lease_conflict for
  // one whose row has since closed (I6: no longer the caller's).
  Result<TaskPlace> find_task(const std::string& task) const;
  // Forgets tasks of closed rows (Changes::retired_tasks): their ids answer lease_conflict
  // from the id alone, so the map holds only the open rows' tasks.
  void forget_tasks(const std::vector<core::TaskId>& ids);
  std::size_t known_tasks() const;

  // Queues `changes` for project `p` on the store (with the webhook events they cause); `done`
  // runs on the store's writer thread once they are durable, so it must be quick.
  // REQUIRES: p.mu held (ordering, see above).
  void queue_commit(const ProjectRuntime& p, core::Changes changes,
                    store::StateStore::Callback done);
  // The same, answered through a future.
  std::future<store::CommitResult> queue_commit(const ProjectRuntime& p, core::Changes changes);
  // The same for a batch that also carries other records (rows, import records).
  void queue_commit(const ProjectRuntime& p, store::Batch batch, store::StateStore::Callback done);
  // Runs after a commit is durable: tells the export worker about newly final rows.
  void after_commit(const std::string& project, std::vector<std::string> final_rows);

 private:

  mutable std::shared_mutex mu_;
  std::shared_ptr<const config::Config> config_;
  std::map<std::string, ProjectPtr, std::less<>> projects_;
  std::map<std::string, std::shared_ptr<plugin_host::GuardedStorage>, std::less<>> storage_;
  RowCache rows_;
  mutable std::mutex tasks_mu_;
  std::unordered_map<core::TaskId, std::pair<std::string, std::string>> tasks_;  // project, row
};

}  // namespace labelflow::service
