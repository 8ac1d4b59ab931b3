// Read-only endpoints: projects, progress, agreement, reviewers, rows and weekly reports.
#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>

#include "core/reports.hpp"
#include "dataset/export_line.hpp"
#include "service/service.hpp"
#include "service/spec_build.hpp"
#include "service/task_json.hpp"
#include "service/time_util.hpp"
#include "store/report_query.hpp"

namespace labelflow::service {

namespace json = boost::json;

namespace {

// Facts of every review of `project` so far (no agreement: reading rows is not needed).
json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

const char* status_name(core::RowStatus s) {
  switch (s) {
    case core::RowStatus::open:
      return "open";
    case core::RowStatus::final:
      return "final";
    case core::RowStatus::set_aside:
      return "set_aside";
  }
  return "open";
}

std::string stage_label(const core::ProjectSpec& spec, int stage) {
  if (stage >= 0 && static_cast<std::size_t>(stage) < spec.stages.size()) {
    return spec.stages[static_cast<std::size_t>(stage)].name;
  }
  return "escalation";
}

}  // namespace

api::Result<api::Json> Service::list_projects(const api::Principal& caller) {
  json::array out;
  for (const auto& p : ctx_.all_projects()) {
    if (caller.role == api::Role::reviewer && !p->is_member(caller.id)) continue;
    core::EngineCounts c;
    {
      std::lock_guard lock(p->mu);
      c = p->engine->counts();
    }
    out.push_back(json::object{{"id", p->id()},
                               {"name", p->setup()->config.name},
                               {"paused", p->paused.load()},
                               {"rows", c.rows},
                               {"finalized", c.final},
                               {"open", c.open},
                               {"set_aside", c.set_aside}});
  }
  return api::Json(std::move(out));
}

api::Result<api::Json> Service::progress(const api::Principal& caller, const std::string& project) {
  auto pr = visible_project(caller, project);
  if (!pr.ok()) return pr.error();
  auto p = pr.value();
  core::EngineCounts c;
  double remaining = 0;
  {
    std::lock_guard lock(p->mu);
    c = p->engine->counts();
    remaining = p->engine->remaining_reviews();
  }
  const auto& spec = p->setup()->spec;
  json::array stages;
  for (std::size_t i = 0; i < c.waiting_per_stage.size(); ++i) {
    stages.push_back(json::object{{"name", stage_label(spec, static_cast<int>(i))},
                                  {"open", c.waiting_per_stage[i]}});
  }
  const auto totals = core::project_totals(project, ctx_.store.review_totals(project),
                                           reviewer_specs(*ctx_.reviewers()), c.rows, c.final,
                                           c.set_aside, remaining);
  return api::Json(
      json::object{{"project", project},
                   {"paused", p->paused.load()},
                   {"rows", c.rows},
                   {"open", c.open},
                   {"leased", c.live_tasks},
                   {"stages", std::move(stages)},
                   {"finalized", c.final},
                   {"set_aside", c.set_aside},
                   {"reviews", totals.reviews},
                   {"hours", totals.hours},
                   {"remaining_reviews", remaining},
                   {"hours_left_estimate",
                    totals.hours_left ? json::value(*totals.hours_left) : json::value(nullptr)}});
}

api::Result<api::Json> Service::agreement(const api::Principal& caller,
                                          const std::string& project) {
  auto pr = visible_project(caller, project);
  if (!pr.ok()) return pr.error();
  auto p = pr.value();
  const auto& spec = p->setup()->spec;
  // Judgments of the review stages (blind, independent): the inter-rater figures.
  std::map<std::string, std::vector<sdk::Judgment>> judgments;
  std::size_t reviews = 0;
  for (const auto& rv : ctx_.store.project_reviews(project)) {
    if (rv.stage < 0 || static_cast<std::size_t>(rv.stage) >= spec.stages.size() ||
        spec.stages[static_cast<std::size_t>(rv.stage)].kind != core::StageKind::review) {
      continue;
    }
    ++reviews;
    for (const auto& kv : rv.labels) {
      judgments[std::string(kv.key())].push_back({rv.row_id, rv.reviewer, kv.value()});
    }
  }
  auto plugins = p->oracle->plugins();
  json::object labels;
  for (const auto& name : spec.labels) {
    auto it = plugins->find(name);
    if (it == plugins->end()) continue;
    const auto& js = judgments[name];
    auto m = it->second->metrics(js);
    if (!m) {
      spdlog::warn("label '{}' ({}): metrics failed: {}", name, it->second->plugin_name(),
                   m.status().to_string());
      return api::ApiError{
          api::ErrorCode::unavailable,
          "label '" + name + "': agreement metrics failed in plugin " + it->second->plugin_name(),
          {},
          0};
    }
    labels[name] = std::move(*m);
  }
  return api::Json(
      json::object{{"project", project}, {"reviews", reviews}, {"labels", std::move(labels)}});
}

api::Result<api::Json> Service::reviewers(const api::Principal& caller,
                                          const std::string& project) {
  auto pr = visible_project(caller, project);
  if (!pr.ok()) return pr.error();
  auto p = pr.value();
  std::map<std::string, std::pair<std::size_t, double>> work;  // rows, seconds
  for (const auto& t : ctx_.store.review_totals(project)) {
    work[t.reviewer] = {t.reviews, t.active_seconds};
  }
  json::array out;
  auto revs = ctx_.reviewers();
  for (const auto& r : revs->reviewers) {
    if (!p->is_member(r.id)) continue;
    const auto w = work[r.id];
    out.push_back(json::object{{"id", r.id},
                               {"name", r.name},
                               {"roles", strings(r.roles)},
                               {"expertise", strings(r.expertise)},
                               {"rows", w.first},
                               {"hours", w.second / 3600.0}});
  }
  return api::Json(std::move(out));
}

api::Result<api::Json> Service::row(const api::Principal& caller, const std::string& project,
                                    const std::string& row_id) {
  auto pr = visible_project(caller, project);
  if (!pr.ok()) return pr.error();
  auto p = pr.value();
  auto doc = ctx_.row(project, row_id);
  if (!doc) {
    return api::ApiError{
        api::ErrorCode::not_found, "no row '" + row_id + "' in project '" + project + "'", {}, 0};
  }
  std::optional<core::RowStateRecord> state;
  {
    std::lock_guard lock(p->mu);
    state = p->engine->row_state(row_id);
  }
  json::object row = dataset::row_json(doc->content);
  row["domains"] = strings(doc->domains);
  row["invalid_auto_labels"] = strings(doc->invalid_auto_labels);
  json::object st{{"status", "unknown"}};
  const bool final_row = state && state->status == core::RowStatus::final;
  if (state) {
    json::object agreement;
    for (const auto& [l, s] : state->agreement) agreement[l] = s;
    st = json::object{{"status", status_name(state->status)},
                      {"stage", stage_label(p->setup()->spec, state->stage)},
                      {"needed", state->needed},
                      {"agreement", std::move(agreement)}};
  }
  json::array reviews;
  for (const auto& rv : ctx_.store.reviews(project, row_id)) {
    // I2: a reviewer never sees other reviewers' labels of a row still in progress.
    if (caller.role == api::Role::reviewer && !final_row && rv.reviewer != caller.id) continue;
    json::object ls;
    for (const auto& [l, s] : rv.label_status) ls[l] = core::to_string(s);
    reviews.push_back(json::object{{"task", task_name(rv.task_id)},
                                   {"reviewer", rv.reviewer},
                                   {"stage", rv.stage_name},
                                   {"role", rv.role},
                                   {"expert", rv.expert},
                                   {"best_effort", rv.best_effort},
                                   {"labels", rv.labels},
                                   {"label_status", std::move(ls)},
                                   {"claimed_at", iso_time(rv.claimed_at)},
                                   {"submitted_at", iso_time(rv.submitted_at)},
                                   {"active_seconds", rv.active_seconds},
                                   {"comment", rv.comment}});
  }
  json::value decision = nullptr;
  if (auto d = ctx_.store.decision(project, row_id)) {
    json::object agreement;
    for (const auto& [l, s] : d->agreement) agreement[l] = s;
    decision = json::object{
        {"final_labels", d->final_labels},   {"adjudicator", d->adjudicator},
        {"escalated", d->escalated},         {"escalation_reviewer", d->escalation_reviewer},
        {"agreement", std::move(agreement)}, {"decided_at", iso_time(d->decided_at)}};
  }
  return api::Json(json::object{{"project", project},
                                {"row", std::move(row)},
                                {"state", std::move(st)},
                                {"reviews", std::move(reviews)},
                                {"decision", std::move(decision)}});
}

std::vector<core::ReviewerWeek> Service::week_rows(const std::string& week,
                                                   std::pair<core::TimeMs, core::TimeMs> bounds,
                                                   const std::string& project) {
  // Local weeks start up to a day before or after the UTC ones: read a wider window and keep
  // the requested week below.
  constexpr core::TimeMs kDay = 86'400'000;
  auto facts = store::review_facts(ctx_.store, bounds.first - kDay, bounds.second + kDay,
                                   [this](const std::string& id) {
                                     store::ProjectLabels pl;
                                     if (auto p = ctx_.project(id)) {
                                       pl.oracle = p->oracle.get();
                                       pl.labels = p->setup()->spec.labels;
                                     }
                                     return pl;
                                   });
  if (!project.empty()) {
    std::erase_if(facts, [&](const core::ReviewFact& f) { return f.project != project; });
  }
  auto weeks = core::weekly_report(facts, reviewer_specs(*ctx_.reviewers()), options_.utc_offset);
  std::erase_if(weeks, [&](const core::ReviewerWeek& w) { return w.week.str() != week; });
  return weeks;
}

api::Result<api::Document> Service::report(const api::Principal&, const api::ReportQuery& query) {
  const core::UtcOffsetFn& offset = options_.utc_offset;
  std::string week = query.week;
  if (week.empty()) week = core::iso_week(ctx_.clock(), offset).str();
  auto bounds = iso_week_bounds(week);
  if (!bounds) {
    return api::ApiError{api::ErrorCode::bad_request,
                         "week must look like 2026-W48",
                         {{"?week", "not an ISO week: '" + week + "'"}},
                         0};
  }
  if (!query.project.empty() && !ctx_.project(query.project)) {
    return api::ApiError{api::ErrorCode::not_found, "no project '" + query.project + "'", {}, 0};
  }
  auto weeks = week_rows(week, *bounds, query.project);
  if (query.csv) return api::Document{"text/csv; charset=utf-8", core::to_csv(weeks)};
  json::array rows;
  for (const auto& w : weeks) {
    rows.push_back(
        json::object{{"reviewer", w.reviewer},
                     {"week", w.week.str()},
                     {"rows", w.rows},
                     {"hours", w.hours},
                     {"cost", w.cost},
                     {"agreement", w.agreement ? json::value(*w.agreement) : json::value(nullptr)},
                     {"minimum_met", w.minimum_met}});
  }
  json::object body{
      {"week", week},
      {"project", query.project.empty() ? json::value(nullptr) : json::value(query.project)},
      {"reviewers", std::move(rows)}};
  return api::Document{"application/json", json::serialize(body)};
}

}  // namespace labelflow::service
