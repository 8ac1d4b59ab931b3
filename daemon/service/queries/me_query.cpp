// GET /v1/me: a reviewer's own view: who they are, their figures of the current week (the
// weekly report's code, so both always agree) and the feedback adjudicators and escalation
// reviewers left on rows they reviewed.
#include "service/queries/queries.hpp"
#include "service/runtime/spec_build.hpp"
#include "service/support/iso_week.hpp"

namespace labelflow::service {

namespace {

constexpr std::size_t kMaxFeedback = 50;

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
std::vector<Feedback> feedback_for(const Context& ctx, const std::string& reviewer) {
  // Most recent first, from the store; a later review stage (a third primary) is no judgment.
  std::vector<Feedback> out;
  for (const auto& rv : ctx.store.feedback_reviews(reviewer)) {
    if (out.size() >= kMaxFeedback) break;
    if (!judging_review(ctx, rv)) continue;
    out.push_back({rv.project, rv.row_id, rv.stage_name, rv.reviewer, rv.comment,
                   rv.submitted_at});
  }
  return out;
}

}  // namespace

Result<Me> Queries::me(const Caller& caller) const {
  auto reviewers = ctx_.reviewers();
  const config::Reviewer* self = reviewers ? reviewers->find(caller.id) : nullptr;
  if (self == nullptr) {
    return Error{ErrorCode::not_found, "reviewer '" + caller.id + "' is not in the reviewers file"};
  }
  Me out;
  out.week = core::iso_week(ctx_.clock(), utc_offset_).str();
  auto bounds = iso_week_bounds(out.week);
  if (!bounds) return Error{ErrorCode::unavailable, "cannot compute the bounds of " + out.week};
  // The weekly report's code over the caller's own reviews only (local weeks start up to a day
  // off the UTC ones: read a wider window); agreement is not shown here, so not computed.
  constexpr core::TimeMs kDay = 86'400'000;
  std::vector<core::ReviewFact> facts;
  for (const auto& r :
       ctx_.store.reviewer_reviews(caller.id, bounds->first - kDay, bounds->second + kDay)) {
    facts.push_back({r.project, r.reviewer, r.submitted_at, r.active_seconds, std::nullopt});
  }
  for (const auto& w : core::weekly_report(facts, reviewer_specs(*reviewers), utc_offset_)) {
    if (w.reviewer != caller.id || w.week.str() != out.week) continue;
    out.rows = w.rows;
    out.hours = w.hours;
  }
  // Same rule as core::weekly_report, which has no row for a reviewer without reviews.
  out.minimum_met = out.hours + 1e-9 >= self->weekly_min_hours;
  out.id = self->id;
  out.name = self->name;
  out.roles = self->roles;
  out.expertise = self->expertise;
  out.weekly_min_hours = self->weekly_min_hours;
  out.feedback = feedback_for(ctx_, caller.id);
  return out;
}

}  // namespace labelflow::service
