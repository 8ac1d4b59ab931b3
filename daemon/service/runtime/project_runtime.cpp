#include "service/runtime/project_runtime.hpp"

#include <algorithm>
#include <stdexcept>

#include "service/runtime/spec_build.hpp"
#include "service/tasks/task_builder.hpp"

namespace labelflow::service {

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

std::shared_ptr<const ProjectSetup> make_setup(const config::Project& project,
                                               const config::ProjectPlugins& plugins) {
  auto s = std::make_shared<ProjectSetup>();
  s->config = project;
  s->spec = project_spec(project);
  s->labels = std::make_shared<LabelPlugins>(plugins.labels.begin(), plugins.labels.end());
  s->router = plugins.router;
  s->config_hash = config_hash(project);
  s->task_schema = task_schema(s->config, s->spec, *s->labels);
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

}  // namespace labelflow::service
