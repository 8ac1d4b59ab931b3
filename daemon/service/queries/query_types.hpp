// What the read-only use cases answer: projects, progress, agreement, members, one row, the
// caller's own week and the weekly report.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/records.hpp"
#include "core/reports.hpp"
#include "core/row_doc.hpp"

namespace labelflow::service {

struct ProjectSummary {
  std::string id;
  std::string name;
  bool paused = false;
  std::size_t rows = 0, finalized = 0, open = 0, set_aside = 0;
};

struct StageProgress {
  std::string name;  // each declared stage, then "escalation"
  std::size_t open = 0;  // rows waiting at this stage
};

struct Progress {
  std::string project;
  bool paused = false;
  std::size_t rows = 0, open = 0, leased = 0, finalized = 0, set_aside = 0;
  std::vector<StageProgress> stages;
  std::size_t reviews = 0;
  double hours = 0;
  double remaining_reviews = 0;
  std::optional<double> hours_left_estimate;
};

struct Agreement {
  std::string project;
  std::size_t reviews = 0;  // review-stage reviews the figures use
  std::map<std::string, boost::json::object> labels;  // label -> its plugin's metrics
};

struct MemberSummary {
  std::string id, name;
  std::vector<std::string> roles, expertise;
  std::size_t rows = 0;
  double hours = 0;
};

struct RowState {
  core::RowStatus status = core::RowStatus::open;
  std::string stage;  // the stage's name
  int needed = 0;
  std::map<std::string, double> agreement;
};

struct RowDetails {
  std::string project;
  std::shared_ptr<const core::RowDoc> row;
  std::optional<RowState> state;  // nullopt: the row is stored but not scheduled
  std::vector<core::ReviewRecord> reviews;  // what the caller may see (I2)
  std::optional<core::DecisionRecord> decision;
};

struct Feedback {
  std::string project, row, stage, from, comment;
  core::TimeMs at = 0;
};

struct Me {
  std::string id, name;
  std::vector<std::string> roles, expertise;
  double weekly_min_hours = 0;
  std::string week;  // ISO week, daemon timezone
  std::size_t rows = 0;
  double hours = 0;
  bool minimum_met = false;
  std::vector<Feedback> feedback;  // most recent first
};

struct ReportRequest {
  std::string week;     // "2026-W48"; "" means the current week
  std::string project;  // "" means every project
};

struct WeeklyReport {
  std::string week;
  std::string project;  // "" for every project
  std::vector<core::ReviewerWeek> reviewers;
};

}  // namespace labelflow::service
