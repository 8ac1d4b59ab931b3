// The read-only use cases: projects, progress, agreement, members, one row, the caller's own
// week and the weekly report. None of them changes state or takes a project lock for longer
// than a count.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/reports.hpp"
#include "service/caller.hpp"
#include "service/queries/query_types.hpp"
#include "service/result.hpp"
#include "service/runtime/context.hpp"

namespace labelflow::service {

class Queries {
 public:
  // `utc_offset`: the daemon `timezone` of the weekly figures (empty: UTC).
  Queries(Context& ctx, core::UtcOffsetFn utc_offset)
      : ctx_(ctx), utc_offset_(std::move(utc_offset)) {}

  Result<std::vector<ProjectSummary>> list_projects(const Caller& caller) const;
  Result<Progress> progress(const Caller& caller, const std::string& project) const;
  Result<Agreement> agreement(const Caller& caller, const std::string& project) const;
  Result<std::vector<MemberSummary>> members(const Caller& caller,
                                             const std::string& project) const;
  Result<RowDetails> row(const Caller& caller, const std::string& project,
                         const std::string& row) const;  // row_query.cpp
  Result<Me> me(const Caller& caller) const;            // me_query.cpp
  Result<WeeklyReport> weekly_report(const ReportRequest& request) const;  // weekly_report.cpp

 private:
  // The weekly report's rows of ISO week `week` (UTC `bounds`) in the daemon timezone;
  // `project` "" means every project.
  std::vector<core::ReviewerWeek> week_rows(const std::string& week,
                                            std::pair<core::TimeMs, core::TimeMs> bounds,
                                            const std::string& project) const;

  Context& ctx_;
  core::UtcOffsetFn utc_offset_;
};

// A stage index as named in progress and row states: the stage's name, "escalation" past the
// declared ones.
std::string stage_label(const core::ProjectSpec& spec, int stage);

}  // namespace labelflow::service
