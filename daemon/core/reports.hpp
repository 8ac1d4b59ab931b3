// Time and cost reports (DESIGN section 8): per reviewer and ISO week, across projects, by
// submission time in the daemon's timezone; project totals and an estimate of hours left.
// Pure: the caller supplies the reviews (store query) and the UTC offset rule.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/label_oracle.hpp"
#include "core/records.hpp"
#include "core/spec.hpp"

namespace labelflow::core {

// Seconds to add to a UTC time to get local time at that instant (DST-aware when the app
// derives it from a tz database). Default: UTC.
using UtcOffsetFn = std::function<std::int64_t(TimeMs utc)>;

struct IsoWeek {
  int year = 0;
  int week = 0;  // 1..53
  auto operator<=>(const IsoWeek&) const = default;
  std::string str() const;  // "2026-W48"
};
IsoWeek iso_week(TimeMs utc, const UtcOffsetFn& offset = {});

// One submitted review as the report needs it.
struct ReviewFact {
  std::string project;
  std::string reviewer;
  TimeMs submitted_at = 0;
  double active_seconds = 0;
  std::optional<double> agreement_with_final;  // none while the row is not final
};

// Mean per-label agreement of a review with the final labels (labels missing count as null).
double agreement_with_final(const std::vector<std::string>& labels,
                            const boost::json::object& review,
                            const boost::json::object& final_labels, const RowContent& row,
                            const LabelOracle& oracle);

struct ReviewerWeek {
  std::string reviewer;
  IsoWeek week;
  std::size_t rows = 0;
  double hours = 0;
  double cost = 0;
  std::optional<double> agreement;  // mean over reviews of final rows
  bool minimum_met = false;
};

// Sorted by reviewer then week. Reviewers absent from `reviewers` get rate 0 and minimum 0.
std::vector<ReviewerWeek> weekly_report(const std::vector<ReviewFact>& facts,
                                        const std::vector<ReviewerSpec>& reviewers,
                                        const UtcOffsetFn& offset = {});
// CSV for payroll: reviewer,week,rows,hours,cost,agreement,minimum_met
std::string to_csv(const std::vector<ReviewerWeek>& weeks);

struct ProjectTotals {
  std::string project;
  std::size_t rows = 0, final = 0, set_aside = 0, open = 0;
  std::size_t reviews = 0;
  double hours = 0;
  double cost = 0;
  double remaining_reviews = 0;      // Engine::remaining_reviews()
  std::optional<double> hours_left;  // remaining reviews x mean hours per review so far
};
// One reviewer's reviews of a project so far (the store sums them up).
struct ReviewerTotal {
  std::string reviewer;
  std::size_t reviews = 0;
  double active_seconds = 0;
};
ProjectTotals project_totals(const std::string& project, const std::vector<ReviewerTotal>& totals,
                             const std::vector<ReviewerSpec>& reviewers, std::size_t rows,
                             std::size_t final, std::size_t set_aside, double remaining_reviews);

}  // namespace labelflow::core
