#include "service/projects/reload.hpp"

#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>

#include "service/runtime/spec_build.hpp"

namespace labelflow::service {

namespace json = boost::json;

namespace {

// The stage changes a running engine cannot take: rows in flight were filed by the stages'
// number, kinds, names, roles and reviewer counts. Sampling settings (add_reviewer_below,
// max_reviewers, when, sample_rate, agree_threshold) are not among them: they apply from the
// next decision on (Engine::reconfigure).
void stage_refusals(const core::ProjectSpec& o, const core::ProjectSpec& n, const std::string& file,
                    std::vector<Refusal>& out) {
  if (o.stages.size() != n.stages.size()) {
    out.push_back({file + "pipeline.stages",
                   "the number of stages changed from " + std::to_string(o.stages.size()) + " to " +
                       std::to_string(n.stages.size()) + "; takes effect on restart only"});
    return;
  }
  for (std::size_t i = 0; i < o.stages.size(); ++i) {
    const auto& x = o.stages[i];
    const auto& y = n.stages[i];
    const std::string at = file + "pipeline.stages[" + std::to_string(i) + "].";
    const std::string restart = "; takes effect on restart only";
    if (x.name != y.name) {
      out.push_back({at + "name", "changed from '" + x.name + "' to '" + y.name + "'" + restart});
    }
    if (x.kind != y.kind) out.push_back({at + "kind", "changed" + restart});
    if (x.roles != y.roles) out.push_back({at + "roles", "changed" + restart});
    if (x.reviewers != y.reviewers) {
      out.push_back({at + "reviewers", "changed from " + std::to_string(x.reviewers) + " to " +
                                           std::to_string(y.reviewers) + restart});
    }
  }
}

json::object effective_options(const LabelPlugins& plugins, const std::string& name,
                               const json::object& fallback) {
  auto it = plugins.find(name);
  if (it == plugins.end()) return fallback;
  auto o = it->second->options();
  return o ? *o : fallback;
}

}  // namespace

std::vector<Refusal> reload_refusals(const ProjectSetup& o, const ProjectSetup& n,
                                     bool reviews_exist) {
  std::vector<Refusal> out;
  const std::string file = n.config.file.string() + ": ";
  const auto& ol = o.config.labels;
  const auto& nl = n.config.labels;
  if (ol.size() != nl.size()) {
    out.push_back({file + "labels", "the number of labels changed from " +
                                        std::to_string(ol.size()) + " to " +
                                        std::to_string(nl.size())});
  }
  for (std::size_t i = 0; i < std::min(ol.size(), nl.size()); ++i) {
    const std::string at = file + "labels[" + std::to_string(i) + "].";
    if (ol[i].name != nl[i].name) {
      out.push_back({at + "name", "changed from '" + ol[i].name + "' to '" + nl[i].name + "'"});
      continue;
    }
    if (ol[i].plugin.type != nl[i].plugin.type) {
      out.push_back(
          {at + "type", "changed from '" + ol[i].plugin.type + "' to '" + nl[i].plugin.type + "'"});
      continue;
    }
    if (!reviews_exist) continue;  // no stored label to turn invalid: options may change
    const auto oo = effective_options(*o.labels, ol[i].name, ol[i].plugin.options);
    const auto no = effective_options(*n.labels, nl[i].name, nl[i].plugin.options);
    for (const auto& kv : oo) {
      const json::value* nv = no.if_contains(kv.key());
      const std::string key = at + std::string(kv.key());
      if (nv == nullptr) {
        out.push_back({key, "removed"});
      } else if (kv.value().is_array() && nv->is_array()) {
        // Values may be added (a new class), never removed: stored labels would turn invalid.
        for (const auto& v : kv.value().as_array()) {
          const auto& na = nv->as_array();
          if (std::find(na.begin(), na.end(), v) == na.end()) {
            out.push_back({key, "value " + json::serialize(v) + " was removed"});
          }
        }
      } else if (kv.value() != *nv) {
        out.push_back(
            {key, "changed from " + json::serialize(kv.value()) + " to " + json::serialize(*nv)});
      }
    }
  }
  stage_refusals(o.spec, n.spec, file, out);
  if (o.spec.expert_domains != n.spec.expert_domains) {
    out.push_back({file + "expert_domains", "changed; takes effect on restart only"});
  }
  return out;
}

Result<ReloadResult> reload_config(Context& ctx, const ReloadHooks& hooks) {
  if (!hooks.loader) return Error{ErrorCode::unavailable, "reload is not available"};
  std::vector<std::string> errors;
  auto loaded = hooks.loader(errors);
  Error refused{ErrorCode::validation_failed, ""};
  if (!loaded) {
    for (const auto& e : errors) {
      spdlog::error("reload refused: {}", e);
      refused.details.push_back({"", e});
    }
    refused.message = "the new configuration has errors; the running one is kept";
    return refused;
  }
  const auto& cfg = *loaded->config;
  std::vector<std::pair<ProjectPtr, std::shared_ptr<const ProjectSetup>>> changed;
  std::map<std::string, ProjectPtr, std::less<>> projects;
  std::vector<std::string> added;
  for (const auto& p : cfg.projects) {
    auto pl = loaded->plugins.projects.find(p.id);
    const config::ProjectPlugins none;
    const auto& plugins = pl == loaded->plugins.projects.end() ? none : pl->second;
    if (auto old = ctx.project(p.id)) {
      auto setup = make_setup(p, plugins);
      const bool reviews_exist = ctx.store.has_reviews(p.id);
      for (auto& r : reload_refusals(*old->setup(), *setup, reviews_exist)) {
        spdlog::error("reload refused: {}: {}", r.key, r.message);
        refused.details.push_back({"", r.key + ": " + r.message});
      }
      changed.emplace_back(old, std::move(setup));
      projects.emplace(p.id, old);
    } else {
      try {
        projects.emplace(p.id, make_runtime(p, cfg.reviewers, plugins, ctx.ids));
        added.push_back(p.id);
      } catch (const std::exception& e) {
        spdlog::error("reload refused: {}", e.what());
        refused.details.push_back({"", e.what()});
      }
    }
  }
  for (const auto& p : ctx.all_projects()) {
    if (!cfg.find_project(p->id())) {
      spdlog::error("reload refused: project '{}' is no longer configured", p->id());
      refused.details.push_back({"", "project '" + p->id() + "' removed; restart to drop it"});
    }
  }
  const auto revs = reviewer_specs(cfg.reviewers);
  for (const auto& [p, setup] : changed) {
    for (const auto& pr : core::validate(setup->spec, revs)) {
      refused.details.push_back({"", "project '" + p->id() + "': " + pr.path + ": " + pr.message});
    }
  }
  if (!refused.details.empty()) {
    refused.message = "the new configuration is not compatible; the running one is kept";
    return refused;
  }
  // Apply: existing engines take the new members, reviewers, lease and sampling settings.
  for (const auto& [p, setup] : changed) {
    std::future<store::CommitResult> done;
    {
      std::lock_guard lock(p->mu);
      core::Changes changes;
      p->engine->reconfigure(setup->spec, revs, ctx.clock(), changes);
      p->oracle->set_plugins(setup->labels);
      p->set_setup(setup);
      done = ctx.queue_commit(*p, std::move(changes));
    }
    done.wait();
  }
  for (const auto& id : added) {
    auto& p = projects.at(id);
    {
      std::lock_guard lock(p->mu);
      std::lock_guard ids_lock(ctx.ids_mu);
      core::Changes changes;
      p->engine->restore(ctx.store.load(p->id()), ctx.clock(), changes);
      ctx.queue_commit(*p, std::move(changes)).wait();
    }
    if (hooks.project_added) hooks.project_added(p);  // outside the lock (metrics take it)
  }
  ctx.publish(loaded->config, std::move(projects),
              {loaded->plugins.storage.begin(), loaded->plugins.storage.end()});
  ReloadResult out{cfg.projects.size(), std::move(added), cfg.reviewers.reviewers.size(), 0};
  if (hooks.apply_credentials) {
    std::vector<std::string> problems;
    auto granted = credentials(cfg, problems);
    for (const auto& pr : problems) spdlog::warn("reload: {}", pr);
    out.credentials = hooks.apply_credentials(std::move(granted));
  }
  spdlog::info("configuration reloaded: {} project(s), {} reviewer(s), {} token(s)", out.projects,
               out.reviewers, out.credentials);
  return out;
}

}  // namespace labelflow::service
