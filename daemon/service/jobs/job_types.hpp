// What the background jobs take and answer: imports, exports and backups.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/records.hpp"

namespace labelflow::service {

enum class JobState { queued, running, finished, failed };
std::string_view to_string(JobState state);
std::optional<JobState> parse_job_state(std::string_view text);

// An import request; empty fields take the project's [source] (storage, prefix, format).
struct ImportRequest {
  std::string storage;
  std::string key;     // one object
  std::string prefix;  // every object under it (exclusive with key)
  std::string format;  // jsonl, sagemaker-input, sagemaker-output, auto
};

struct ImportCounts {
  std::uint64_t inserted = 0, unchanged = 0, duplicate_id = 0, rejected = 0;
};

// A line that was not imported: its object key, line number and why.
struct ImportLineError {
  std::string key;
  std::uint64_t line = 0;
  std::string reason;
};

struct ImportStatus {
  std::string id;  // "imp-3"
  std::string project;
  JobState state = JobState::queued;
  std::string message;  // why it failed, or what happened to it
  core::TimeMs created_at = 0;
  core::TimeMs finished_at = 0;  // 0 while not finished
  std::string storage, key, prefix, format;
  ImportCounts counts;
  std::vector<ImportLineError> errors;  // the first ones
  bool errors_truncated = false;
};

struct ExportRequest {};

struct ExportStatus {
  std::string id;  // "exp-<ms>-<n>"
  std::string project;
  JobState state = JobState::queued;
  core::TimeMs created_at = 0;
  std::int64_t rows = 0;
  std::string location;  // storage key prefix of the export's objects
};

struct BackupRequest {
  std::string storage;  // a storage instance of the daemon configuration
  std::string key;      // "" means backups/labelflow-<UTC timestamp>.db
};

struct BackupResult {
  std::string storage;
  std::string key;
  std::uint64_t bytes = 0;
};

}  // namespace labelflow::service
