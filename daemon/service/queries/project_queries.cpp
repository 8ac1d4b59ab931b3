// Projects, progress, agreement and members.
#include <spdlog/spdlog.h>

#include "service/queries/queries.hpp"
#include "service/runtime/spec_build.hpp"

namespace labelflow::service {

std::string stage_label(const core::ProjectSpec& spec, int stage) {
  if (stage >= 0 && static_cast<std::size_t>(stage) < spec.stages.size()) {
    return spec.stages[static_cast<std::size_t>(stage)].name;
  }
  return "escalation";
}

Result<std::vector<ProjectSummary>> Queries::list_projects(const Caller& caller) const {
  std::vector<ProjectSummary> out;
  for (const auto& p : ctx_.all_projects()) {
    if (caller.role == Role::reviewer && !p->is_member(caller.id)) continue;
    core::EngineCounts c;
    {
      std::lock_guard lock(p->mu);
      c = p->engine->counts();
    }
    out.push_back({p->id(), p->setup()->config.name, p->paused.load(), c.rows, c.final, c.open,
                   c.set_aside});
  }
  return out;
}

Result<Progress> Queries::progress(const Caller& caller, const std::string& project) const {
  auto found = ctx_.visible_project(caller, project);
  if (!found.ok()) return found.error();
  auto p = found.value();
  core::EngineCounts c;
  double remaining = 0;
  {
    std::lock_guard lock(p->mu);
    c = p->engine->counts();
    remaining = p->engine->remaining_reviews();
  }
  const auto& spec = p->setup()->spec;
  Progress out;
  out.project = project;
  out.paused = p->paused.load();
  out.rows = c.rows;
  out.open = c.open;
  out.leased = c.live_tasks;
  out.finalized = c.final;
  out.set_aside = c.set_aside;
  for (std::size_t i = 0; i < c.waiting_per_stage.size(); ++i) {
    out.stages.push_back({stage_label(spec, static_cast<int>(i)), c.waiting_per_stage[i]});
  }
  const auto totals = core::project_totals(project, ctx_.store.review_totals(project),
                                           reviewer_specs(*ctx_.reviewers()), c.rows, c.final,
                                           c.set_aside, remaining);
  out.reviews = totals.reviews;
  out.hours = totals.hours;
  out.remaining_reviews = remaining;
  out.hours_left_estimate = totals.hours_left;
  return out;
}

Result<Agreement> Queries::agreement(const Caller& caller, const std::string& project) const {
  auto found = ctx_.visible_project(caller, project);
  if (!found.ok()) return found.error();
  auto p = found.value();
  const auto setup = p->setup();
  const auto& spec = setup->spec;
  // Judgments of the review stages (blind, independent): the inter-rater figures.
  std::map<std::string, std::vector<sdk::Judgment>> judgments;
  Agreement out;
  out.project = project;
  for (const auto& rv : ctx_.store.project_reviews(project)) {
    if (rv.stage < 0 || static_cast<std::size_t>(rv.stage) >= spec.stages.size() ||
        spec.stages[static_cast<std::size_t>(rv.stage)].kind != core::StageKind::review) {
      continue;
    }
    ++out.reviews;
    for (const auto& kv : rv.labels) {
      judgments[std::string(kv.key())].push_back({rv.row_id, rv.reviewer, kv.value()});
    }
  }
  for (const auto& name : spec.labels) {
    auto it = setup->labels->find(name);
    if (it == setup->labels->end()) continue;
    auto m = it->second->metrics(judgments[name]);
    if (!m) {
      spdlog::warn("label '{}' ({}): metrics failed: {}", name, it->second->plugin_name(),
                   m.status().to_string());
      return Error{ErrorCode::unavailable, "label '" + name +
                                               "': agreement metrics failed in plugin " +
                                               it->second->plugin_name()};
    }
    out.labels[name] = std::move(*m);
  }
  return out;
}

Result<std::vector<MemberSummary>> Queries::members(const Caller& caller,
                                                    const std::string& project) const {
  auto found = ctx_.visible_project(caller, project);
  if (!found.ok()) return found.error();
  auto p = found.value();
  std::map<std::string, std::pair<std::size_t, double>> work;  // reviews, seconds
  for (const auto& t : ctx_.store.review_totals(project)) {
    work[t.reviewer] = {t.reviews, t.active_seconds};
  }
  std::vector<MemberSummary> out;
  for (const auto& r : ctx_.reviewers()->reviewers) {
    if (!p->is_member(r.id)) continue;
    const auto w = work[r.id];
    out.push_back({r.id, r.name, r.roles, r.expertise, w.first, w.second / 3600.0});
  }
  return out;
}

}  // namespace labelflow::service
