#include "api/json/time_text.hpp"

#include <chrono>
#include <cstdio>

namespace labelflow::api {

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

}  // namespace labelflow::api
