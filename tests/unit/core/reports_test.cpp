#include "core/reports.hpp"
#include "harness.hpp"

using namespace labelflow::core;
using namespace labelflow::core::testing;

namespace {
TimeMs utc(int y, unsigned m, unsigned d, int hour) {
  using namespace std::chrono;
  const sys_days day = year(y) / month(m) / d;
  return (day.time_since_epoch().count() * 86400LL + hour * 3600LL) * 1000;
}
}  // namespace

TEST_CASE("ISO weeks, including year boundaries and a timezone offset", "[core][reports]") {
  REQUIRE(iso_week(utc(2026, 11, 26, 10)).str() == "2026-W48");
  REQUIRE(iso_week(utc(2021, 1, 3, 12)).str() == "2020-W53");  // Sunday of 2020's last week
  REQUIRE(iso_week(utc(2024, 12, 30, 0)).str() == "2025-W01");
  // Sunday 23:30 UTC is already Monday in UTC+2: the next week.
  const TimeMs late_sunday = utc(2026, 11, 29, 23) + 30 * 60'000;
  REQUIRE(iso_week(late_sunday).week == 48);
  REQUIRE(iso_week(late_sunday, [](TimeMs) { return 2 * 3600; }).week == 49);
}

TEST_CASE("weekly report: rows, hours, cost, agreement, minimum", "[core][reports]") {
  std::vector<ReviewerSpec> specs = {reviewer("a", kP), reviewer("b", kP)};
  specs[0].hourly_rate = 30;
  specs[0].weekly_min_hours = 1;
  specs[1].weekly_min_hours = 0.5;
  const TimeMs mon = utc(2026, 11, 23, 9);
  std::vector<ReviewFact> facts = {
      {"p", "a", mon, 1800, 1.0},
      {"q", "a", mon + 3600'000, 1800, 0.0},  // another project, same week
      {"p", "a", mon + 7 * 86400'000LL, 600, std::nullopt},
      {"p", "b", mon, 900, std::nullopt},
  };
  auto weeks = weekly_report(facts, specs);
  REQUIRE(weeks.size() == 3);
  REQUIRE(weeks[0].reviewer == "a");
  REQUIRE(weeks[0].rows == 2);
  REQUIRE(weeks[0].hours == Approx(1.0));
  REQUIRE(weeks[0].cost == Approx(30.0));
  REQUIRE(*weeks[0].agreement == Approx(0.5));
  REQUIRE(weeks[0].minimum_met);
  REQUIRE_FALSE(weeks[1].minimum_met);  // 10 minutes in week 49
  REQUIRE_FALSE(weeks[1].agreement);
  REQUIRE(weeks[2].hours == Approx(0.25));
  REQUIRE_FALSE(weeks[2].minimum_met);
  const auto csv = to_csv(weeks);
  REQUIRE(csv.rfind("reviewer,week,rows,hours,cost,agreement,minimum_met\n", 0) == 0);
  REQUIRE(csv.find("\"a\",2026-W48,2,1.0000,30.00,0.500000,yes\n") != std::string::npos);
}

TEST_CASE("project totals and hours left", "[core][reports]") {
  Harness h(project(), {reviewer("a", kP), reviewer("b", kP), reviewer("q", kQ)});
  h.add("r1");
  h.add("r2");
  h.ok_submit(h.take("a").id, "a", "x");
  REQUIRE(h.engine.remaining_reviews() == Approx(2 + 3));  // r1: b + QA; r2: 2 + QA
  std::vector<ReviewerTotal> totals = {{"a", 1, 3600}};
  auto t = project_totals("proj", totals, h.specs, 2, 0, 0, h.engine.remaining_reviews());
  REQUIRE(t.open == 2);
  REQUIRE(t.hours == Approx(1));
  REQUIRE(t.cost == Approx(20));
  REQUIRE(*t.hours_left == Approx(5));
  ExactLabelOracle o;
  RowContent row;
  boost::json::object rv{{"x", 1}, {"y", 2}}, fin{{"x", 1}, {"y", 3}};
  REQUIRE(agreement_with_final({"x", "y"}, rv, fin, row, o) == Approx(0.5));
}
