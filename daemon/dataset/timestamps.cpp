#include "dataset/timestamps.hpp"

#include <cstdio>
#include <ctime>

namespace labelflow::dataset {

namespace {

std::string format(std::chrono::system_clock::time_point t, bool micro, const char* suffix) {
  using namespace std::chrono;
  auto us = duration_cast<microseconds>(t.time_since_epoch()).count();
  auto seconds = static_cast<std::time_t>(us >= 0 ? us / 1000000 : (us - 999999) / 1000000);
  long fraction = static_cast<long>(us - static_cast<long long>(seconds) * 1000000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char out[64];
  if (micro) {
    std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d.%06ld%s", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, fraction, suffix);
  } else {
    std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d.%03ld%s", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, fraction / 1000,
                  suffix);
  }
  return out;
}

}  // namespace

std::string iso_utc(std::chrono::system_clock::time_point t) { return format(t, false, "Z"); }
std::string iso_no_zone(std::chrono::system_clock::time_point t) { return format(t, true, ""); }

}  // namespace labelflow::dataset
