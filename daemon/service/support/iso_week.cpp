#include "service/support/iso_week.hpp"

#include <cstdint>
#include <cstdio>
#include <string>

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
