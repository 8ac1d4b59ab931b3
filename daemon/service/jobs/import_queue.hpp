// ImportQueue: runs imports on its own thread (never on the HTTP io threads), one at a time in
// request order. Rows stream out of storage through dataset::Importer into an ImportBatch,
// which commits them with their scheduling and the job's record in one durable step per batch.
// Re-running an import after a crash is safe: rows already stored come back `unchanged`.
//
// Import records survive a restart (see import_job.hpp): ids keep counting, queued jobs run at
// the next start, and a job a stop or crash interrupted runs again from the start of its source
// (rows it already imported come back `unchanged`; after 3 interruptions it fails instead).
#pragma once

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "service/jobs/import_job.hpp"
#include "service/result.hpp"
#include "service/runtime/context.hpp"

namespace labelflow::service {

struct ImportOptions {
  std::size_t batch_rows = 500;
  std::size_t max_errors = 100;  // kept per import record
};

class ImportQueue {
 public:
  // Reads the records of earlier runs and starts the import thread.
  ImportQueue(Context& ctx, ImportOptions options);
  ~ImportQueue();

  // Checks the request against the project's [source] and the configured storage, and queues
  // the job: its record (durable before this answers), or bad_request naming the field.
  Result<ImportStatus> create(const ProjectPtr& project, const ImportRequest& request);
  Result<ImportStatus> get(const std::string& project, const std::string& id) const;
  // Stops after the current batch of the running import; it and the queued ones run again at
  // the next start.
  void stop();

 private:
  void run();
  void execute(ImportJob& job);
  // Writes `job`'s record (and `events`, same step) and waits until durable. Takes mu_.
  void persist(const ImportJob& job, std::vector<store::WebhookEvent> events = {});

  Context& ctx_;
  ImportOptions options_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::shared_ptr<ImportJob>> queue_;
  std::map<std::string, std::shared_ptr<ImportJob>> jobs_;  // by id
  std::uint64_t next_id_ = 1;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace labelflow::service
