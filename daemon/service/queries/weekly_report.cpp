// The weekly report: per reviewer and ISO week (daemon timezone), across projects.
#include "service/queries/queries.hpp"
#include "service/runtime/spec_build.hpp"
#include "service/support/iso_week.hpp"
#include "store/report_query.hpp"

namespace labelflow::service {

std::vector<core::ReviewerWeek> Queries::week_rows(const std::string& week,
                                                   std::pair<core::TimeMs, core::TimeMs> bounds,
                                                   const std::string& project) const {
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
  auto weeks = core::weekly_report(facts, reviewer_specs(*ctx_.reviewers()), utc_offset_);
  std::erase_if(weeks, [&](const core::ReviewerWeek& w) { return w.week.str() != week; });
  return weeks;
}

Result<WeeklyReport> Queries::weekly_report(const ReportRequest& request) const {
  WeeklyReport out;
  out.week = request.week.empty() ? core::iso_week(ctx_.clock(), utc_offset_).str()
                                  : request.week;
  auto bounds = iso_week_bounds(out.week);
  if (!bounds) {
    return Error{ErrorCode::bad_request,
                 "week must look like 2026-W48",
                 {{"?week", "not an ISO week: '" + out.week + "'"}}};
  }
  if (!request.project.empty() && !ctx_.project(request.project)) {
    return Error{ErrorCode::not_found, "no project '" + request.project + "'"};
  }
  out.project = request.project;
  out.reviewers = week_rows(out.week, *bounds, request.project);
  return out;
}

}  // namespace labelflow::service
