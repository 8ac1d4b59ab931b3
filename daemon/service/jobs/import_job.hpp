// ImportJob: one import's state and its durable record. The record (a JSON text in the store's
// `imports` table, this file's own format) is written when the job is queued, when it starts,
// with every batch of rows and when it ends, so GET /imports/{id} answers the same after a
// restart.
#pragma once

#include <cstdint>
#include <memory>

#include "dataset/importer.hpp"
#include "service/jobs/job_types.hpp"
#include "store/state_store.hpp"

namespace labelflow::service {

struct ImportJob {
  ImportStatus status;
  std::int64_t seq = 0;  // issue order; the id is "imp-<seq>"
  dataset::Format format = dataset::Format::jsonl;
  int restarts = 0;  // times a daemon stop interrupted it and it was queued again

  store::ImportRecord to_record() const;
  // Throws std::exception on a record this code did not write.
  static std::shared_ptr<ImportJob> from_record(const store::ImportRecord& record);
  void add_error(const dataset::ImportError& error, std::size_t max_errors);
};

}  // namespace labelflow::service
