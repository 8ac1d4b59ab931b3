// GET /v1/me: a reviewer's own view: who they are, their figures of the current week (the
// admin weekly report's code, so both always agree) and the feedback adjudicators and
// escalation reviewers left on rows they reviewed.
#include "service/service.hpp"
#include "service/spec_build.hpp"
#include "service/time_util.hpp"

namespace labelflow::service {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxFeedback = 50;

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

// True when `rv` was written at a stage that judges earlier reviews (adjudicate or escalate).
bool judging_review(const Context& ctx, const core::ReviewRecord& rv) {
  if (rv.role == "escalation") return true;
  auto p = ctx.project(rv.project);
  if (!p || rv.stage < 0) return false;
  const auto& stages = p->setup()->spec.stages;
  const auto i = static_cast<std::size_t>(rv.stage);
  return i >= stages.size() || stages[i].kind != core::StageKind::review;
}

// Comments of judging reviews by others on FINAL rows `reviewer` reviewed at an earlier stage,
// most recent first. Rows still in progress are left out (I2: no other reviewer's work is
// shown before the row is final).
json::array feedback_for(const Context& ctx, const std::string& reviewer) {
  // Most recent first, from the store; a later review stage (a third primary) is no judgment.
  json::array out;
  for (const auto& rv : ctx.store.feedback_reviews(reviewer)) {
    if (out.size() >= kMaxFeedback) break;
    if (!judging_review(ctx, rv)) continue;
    out.push_back(json::object{{"project", rv.project},
                               {"row", rv.row_id},
                               {"stage", rv.stage_name},
                               {"from", rv.reviewer},
                               {"comment", rv.comment},
                               {"at", iso_time(rv.submitted_at)}});
  }
  return out;
}

}  // namespace

api::Result<api::Json> Service::me(const api::Principal& caller) {
  auto reviewers = ctx_.reviewers();
  const config::Reviewer* self = reviewers ? reviewers->find(caller.id) : nullptr;
  if (self == nullptr) {
    return api::ApiError{api::ErrorCode::not_found,
                         "reviewer '" + caller.id + "' is not in the reviewers file",
                         {},
                         0};
  }
  const std::string week = core::iso_week(ctx_.clock(), options_.utc_offset).str();
  auto bounds = iso_week_bounds(week);
  if (!bounds) {
    return api::ApiError{
        api::ErrorCode::unavailable, "cannot compute the bounds of " + week, {}, 0};
  }
  // The weekly report's code over the caller's own reviews only (local weeks start up to a day
  // off the UTC ones: read a wider window); agreement is not shown here, so not computed.
  constexpr core::TimeMs kDay = 86'400'000;
  std::vector<core::ReviewFact> facts;
  for (const auto& r :
       ctx_.store.reviewer_reviews(caller.id, bounds->first - kDay, bounds->second + kDay)) {
    facts.push_back({r.project, r.reviewer, r.submitted_at, r.active_seconds, std::nullopt});
  }
  std::size_t rows = 0;
  double hours = 0;
  for (const auto& w :
       core::weekly_report(facts, reviewer_specs(*reviewers), options_.utc_offset)) {
    if (w.reviewer != caller.id || w.week.str() != week) continue;
    rows = w.rows;
    hours = w.hours;
  }
  // Same rule as core::weekly_report, which has no row for a reviewer without reviews.
  const bool minimum_met = hours + 1e-9 >= self->weekly_min_hours;
  json::object identity{{"id", self->id},
                        {"name", self->name},
                        {"roles", strings(self->roles)},
                        {"expertise", strings(self->expertise)},
                        {"weekly_min_hours", self->weekly_min_hours}};
  json::object figures{
      {"week", week}, {"rows", rows}, {"hours", hours}, {"minimum_met", minimum_met}};
  return api::Json(json::object{{"reviewer", std::move(identity)},
                                {"week", std::move(figures)},
                                {"feedback", feedback_for(ctx_, caller.id)}});
}

}  // namespace labelflow::service
