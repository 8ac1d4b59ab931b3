#include "service/time_util.hpp"

#include "service/context.hpp"

#include <chrono>
#include <cstdio>

namespace labelflow::service {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

core::TimeMs system_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string iso_time(core::TimeMs ms) {
  using namespace std::chrono;
  const sys_seconds t{seconds{ms / 1000}};
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long>(hms.seconds().count()));
  return buf;
}

std::optional<std::pair<core::TimeMs, core::TimeMs>> iso_week_bounds(std::string_view week) {
  int year = 0, w = 0;
  char tail = 0;
  const std::string text(week);
  if (text.size() != 8 || std::sscanf(text.c_str(), "%4d-W%2d%c", &year, &w, &tail) != 2 ||
      w < 1 || w > 53) {
    return std::nullopt;
  }
  // Week 1 holds January 4th; weeks start on Monday.
  const std::int64_t jan4 = days_from_civil(year, 1, 4);
  const std::int64_t weekday = ((jan4 % 7) + 7 + 3) % 7;  // 0 = Monday (1970-01-01: Thursday)
  const std::int64_t monday = jan4 - weekday + 7 * (w - 1);
  constexpr std::int64_t kDay = 86'400'000;
  return std::make_pair(monday * kDay, (monday + 7) * kDay);
}

}  // namespace labelflow::service
