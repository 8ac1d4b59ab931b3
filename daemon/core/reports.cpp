#include "core/reports.hpp"

#include <chrono>
#include <cstdio>

namespace labelflow::core {
namespace {

const boost::json::value& get(const boost::json::object& o, const std::string& k) {
  static const boost::json::value kNull;
  const auto* v = o.if_contains(k);
  return v ? *v : kNull;
}

const ReviewerSpec* find(const std::vector<ReviewerSpec>& all, const std::string& id) {
  for (const auto& r : all) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

}  // namespace

std::string IsoWeek::str() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", year, week);
  return buf;
}

IsoWeek iso_week(TimeMs utc, const UtcOffsetFn& offset) {
  using namespace std::chrono;
  const std::int64_t local_s = utc / 1000 - (utc % 1000 < 0 ? 1 : 0) + (offset ? offset(utc) : 0);
  const sys_days day = floor<days>(sys_seconds(seconds(local_s)));
  const unsigned iso_wd = weekday(day).iso_encoding();  // Monday 1 .. Sunday 7
  const sys_days thursday = day + days(4 - static_cast<int>(iso_wd));
  const year_month_day ymd(thursday);
  const sys_days jan1 = sys_days(ymd.year() / January / 1);
  return {static_cast<int>(ymd.year()), static_cast<int>((thursday - jan1).count() / 7 + 1)};
}

double agreement_with_final(const std::vector<std::string>& labels,
                            const boost::json::object& review,
                            const boost::json::object& final_labels, const RowContent& row,
                            const LabelOracle& oracle) {
  if (labels.empty()) return 1.0;
  double sum = 0;
  for (const auto& l : labels)
    sum += oracle.agreement(l, get(review, l), get(final_labels, l), row);
  return sum / static_cast<double>(labels.size());
}

std::vector<ReviewerWeek> weekly_report(const std::vector<ReviewFact>& facts,
                                        const std::vector<ReviewerSpec>& reviewers,
                                        const UtcOffsetFn& offset) {
  struct Acc {
    ReviewerWeek w;
    double agree_sum = 0;
    std::size_t agree_n = 0;
  };
  std::map<std::pair<std::string, IsoWeek>, Acc> acc;
  for (const auto& f : facts) {
    const IsoWeek wk = iso_week(f.submitted_at, offset);
    auto& a = acc[{f.reviewer, wk}];
    a.w.reviewer = f.reviewer;
    a.w.week = wk;
    ++a.w.rows;
    a.w.hours += f.active_seconds / 3600.0;
    if (f.agreement_with_final) {
      a.agree_sum += *f.agreement_with_final;
      ++a.agree_n;
    }
  }
  std::vector<ReviewerWeek> out;
  for (auto& [key, a] : acc) {
    const auto* spec = find(reviewers, a.w.reviewer);
    a.w.cost = a.w.hours * (spec ? spec->hourly_rate : 0.0);
    a.w.minimum_met = a.w.hours + 1e-9 >= (spec ? spec->weekly_min_hours : 0.0);
    if (a.agree_n) a.w.agreement = a.agree_sum / static_cast<double>(a.agree_n);
    out.push_back(a.w);
  }
  return out;
}

std::string to_csv(const std::vector<ReviewerWeek>& weeks) {
  std::string out = "reviewer,week,rows,hours,cost,agreement,minimum_met\n";
  char buf[160];
  for (const auto& w : weeks) {
    // Reviewer ids come from the config (no commas or quotes allowed there); quote anyway.
    std::string id = "\"";
    for (char c : w.reviewer) id += c == '"' ? std::string("\"\"") : std::string(1, c);
    id += "\"";
    std::string agree = w.agreement ? std::to_string(*w.agreement) : "";
    std::snprintf(buf, sizeof buf, ",%s,%zu,%.4f,%.2f,%s,%s\n", w.week.str().c_str(), w.rows,
                  w.hours, w.cost, agree.c_str(), w.minimum_met ? "yes" : "no");
    out += id + buf;
  }
  return out;
}

ProjectTotals project_totals(const std::string& project, const std::vector<ReviewerTotal>& totals,
                             const std::vector<ReviewerSpec>& reviewers, std::size_t rows,
                             std::size_t final, std::size_t set_aside, double remaining_reviews) {
  ProjectTotals t;
  t.project = project;
  t.rows = rows;
  t.final = final;
  t.set_aside = set_aside;
  t.open = rows - final - set_aside;
  for (const auto& r : totals) {
    t.reviews += r.reviews;
    const double h = r.active_seconds / 3600.0;
    t.hours += h;
    const auto* spec = find(reviewers, r.reviewer);
    t.cost += h * (spec ? spec->hourly_rate : 0.0);
  }
  t.remaining_reviews = remaining_reviews;
  if (t.reviews) t.hours_left = remaining_reviews * t.hours / static_cast<double>(t.reviews);
  return t;
}

}  // namespace labelflow::core
