// One project as the service runs it: its engine behind its own mutex, and the parts of its
// configuration a reload may replace, swapped as one immutable snapshot (ProjectSetup) so that
// validation and task building outside the lock read a consistent set.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "config/config.hpp"
#include "config/plugin_check.hpp"
#include "core/engine.hpp"
#include "service/runtime/plugin_label_oracle.hpp"
#include "service/tasks/task_types.hpp"

namespace labelflow::service {

struct ProjectSetup {
  config::Project config;
  core::ProjectSpec spec;  // the engine's spec, defaults filled in
  std::shared_ptr<const LabelPlugins> labels;
  std::shared_ptr<plugin_host::GuardedRouter> router;  // null: domains only from metadata
  std::string config_hash;
  std::shared_ptr<const TaskSchema> task_schema;  // the same in every task handed out
};

class ProjectRuntime {
 public:
  explicit ProjectRuntime(std::string id) : id_(std::move(id)) {}

  const std::string& id() const { return id_; }
  std::shared_ptr<const ProjectSetup> setup() const;
  void set_setup(std::shared_ptr<const ProjectSetup> setup);
  bool is_member(const std::string& reviewer) const;

  std::unique_ptr<PluginLabelOracle> oracle;
  std::unique_ptr<core::Engine> engine;  // guarded by mu
  std::mutex mu;  // serializes engine calls and the queueing of their commits
  std::atomic<bool> paused{false};

 private:
  const std::string id_;
  mutable std::mutex setup_mu_;  // guards the pointer only
  std::shared_ptr<const ProjectSetup> setup_;
};

using ProjectPtr = std::shared_ptr<ProjectRuntime>;

// The setup of `project` with `plugins` (its spec, label schema and configuration hash).
std::shared_ptr<const ProjectSetup> make_setup(const config::Project& project,
                                               const config::ProjectPlugins& plugins);

// One ProjectRuntime, engine not yet restored. Throws std::runtime_error naming the project when
// core::validate refuses its spec.
ProjectPtr make_runtime(const config::Project& project, const config::ReviewerSet& reviewers,
                        const config::ProjectPlugins& plugins, core::TaskIdAllocator& ids);

}  // namespace labelflow::service
