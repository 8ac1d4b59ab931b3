// Timestamp text for exports.
#pragma once

#include <chrono>
#include <string>

namespace labelflow::dataset {

// "2026-11-26T10:15:00.123Z": UTC, milliseconds (export lines).
std::string iso_utc(std::chrono::system_clock::time_point t);
// "2026-11-26T10:15:00.123456": UTC without a zone, microseconds (Ground Truth creation-date).
std::string iso_no_zone(std::chrono::system_clock::time_point t);

}  // namespace labelflow::dataset
