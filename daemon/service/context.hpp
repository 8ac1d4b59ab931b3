// The state every part of the service shares: the store, one ProjectRuntime per project (its
// engine behind its own mutex), the reviewers, storage instances and the clock.
//
// Ordering (I7): a mutating call locks the project, calls its engine, and QUEUES the engine's
// Changes on the store while still holding the lock; it then unlocks and waits until the
// batch is durable before answering. The store completes batches in submission order, so each
// project's commits are in engine order: an answer that depends on an earlier change (a task
// leased by a call that is still committing) is never acknowledged before that change is
// durable. Only next_task allocates task ids from the shared TaskIdAllocator; it holds
// `ids_mu` as well (always after the project lock), so ids stay unique across projects.
#pragma once

#include <atomic>
#include <boost/json/object.hpp>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "config/config.hpp"
#include "config/plugin_check.hpp"
#include "core/engine.hpp"
#include "service/label_oracle.hpp"
#include "service/row_cache.hpp"
#include "store/state_store.hpp"

namespace labelflow::service {

using ClockFn = std::function<core::TimeMs()>;

// Wall-clock milliseconds since the Unix epoch.
core::TimeMs system_now_ms();

// What a reload may replace of a running project, swapped as one immutable snapshot.
struct ProjectSetup {
  config::Project config;
  core::ProjectSpec spec;  // the engine's spec, defaults filled in
  std::shared_ptr<const LabelPlugins> labels;
  std::shared_ptr<plugin_host::GuardedRouter> router;  // null: domains only from metadata
  std::string config_hash;
  boost::json::object task_parts;  // task_fixed_parts(): the same in every task handed out
};

struct ProjectRuntime {
  explicit ProjectRuntime(std::string id) : project_id(std::move(id)) {}
  const std::string project_id;
  std::unique_ptr<PluginLabelOracle> oracle;
  std::unique_ptr<core::Engine> engine;  // guarded by mu
  std::mutex mu;  // serializes engine calls and the queueing of their commits
  std::atomic<bool> paused{false};

  const std::string& id() const { return project_id; }
  std::shared_ptr<const ProjectSetup> setup() const;
  void set_setup(std::shared_ptr<const ProjectSetup> setup);
  bool is_member(const std::string& reviewer) const;

 private:
  mutable std::mutex setup_mu_;  // guards the pointer only
  std::shared_ptr<const ProjectSetup> setup_;
};

using ProjectPtr = std::shared_ptr<ProjectRuntime>;

struct Context {
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
  std::shared_ptr<const config::ReviewerSet> reviewers() const;
  std::shared_ptr<plugin_host::GuardedStorage> storage(std::string_view name) const;
  std::shared_ptr<const config::Config> config() const;
  // A row's document, from the cache or the store; null when the project has no such row.
  RowCache::Doc row(const std::string& project, const std::string& row_id);

  // Replaced together by start and reload.
  void publish(
      std::shared_ptr<const config::Config> config,
      std::map<std::string, ProjectPtr, std::less<>> projects,
      std::map<std::string, std::shared_ptr<plugin_host::GuardedStorage>, std::less<>> storage);

  // Which project a task id belongs to (tasks are global).
  void remember_task(core::TaskId id, const std::string& project);
  ProjectPtr task_project(core::TaskId id) const;
  // Forgets tasks of closed rows (Changes::retired_tasks): their ids answer lease_conflict
  // from the id alone, so the map holds only the open rows' tasks.
  void forget_tasks(const std::vector<core::TaskId>& ids);
  std::size_t known_tasks() const;

  // Queues `changes` for project `p` on the store; `done` runs on the store's writer thread
  // once they are durable, so it must be quick. REQUIRES: p.mu held (ordering, see above).
  void queue_commit(const ProjectRuntime& p, core::Changes changes,
                    store::StateStore::Callback done);
  // The same, answered through a future.
  std::future<store::CommitResult> queue_commit(const ProjectRuntime& p, core::Changes changes);
  // Runs after the commit is durable: tells the export worker about newly final rows.
  void after_commit(const std::string& project, std::vector<std::string> final_rows);

 private:
  mutable std::shared_mutex mu_;
  std::shared_ptr<const config::Config> config_;
  std::map<std::string, ProjectPtr, std::less<>> projects_;
  std::map<std::string, std::shared_ptr<plugin_host::GuardedStorage>, std::less<>> storage_;
  RowCache rows_;
  mutable std::mutex tasks_mu_;
  std::unordered_map<core::TaskId, std::string> task_projects_;
};

}  // namespace labelflow::service
