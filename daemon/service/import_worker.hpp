// ImportWorker: runs imports on its own thread (never on the HTTP io threads), one at a time in
// request order. Rows stream out of storage through dataset::Importer; each row's auto labels
// are validated by the label plugins (invalid ones kept but flagged), its domains come from
// metadata.domain or the project's router, and rows are committed to the store in batches
// (one batch = one durable step: inserted / unchanged / duplicate_id per row). Inserted rows
// are then scheduled with Engine::add_row and that change committed too. Re-running an import
// after a crash is safe: rows already stored come back `unchanged`.
//
// Import records (state, counts and the first errors, each with object key, line and reason)
// are durable: written when the job is queued (before the 202), when it starts, after every
// batch of rows and when it ends (with its import.finished webhook, one step). They survive a
// restart: ids keep counting, queued jobs run at the next start, and a job a stop or crash
// interrupted runs again from the start of its source (rows it already imported come back
// `unchanged`; after 3 interruptions it fails instead).
#pragma once

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "api/backend.hpp"
#include "dataset/importer.hpp"
#include "service/context.hpp"

namespace labelflow::service {

struct ServiceOptions;

class ImportWorker {
 public:
  ImportWorker(Context& ctx, const ServiceOptions& options);
  ~ImportWorker();

  // Checks the request ({"storage"?, "key" | "prefix" | "source", "format"?}; empty: the
  // project's [source]) and queues the job: its record, or bad_request naming the field.
  api::Result<api::Json> create(const ProjectPtr& project, const boost::json::object& request);
  api::Result<api::Json> get(const std::string& project, const std::string& id) const;
  // Stops after the current batch of the running import; it and the queued ones run again at
  // the next start.
  void stop();

  struct Job;

 private:
  void run();
  void execute(Job& job);
  // Writes `job`'s record (and `events`, same step) and waits until durable. Takes mu_.
  void persist(const Job& job, std::vector<store::WebhookEvent> events = {});

  Context& ctx_;
  std::size_t batch_rows_;
  std::size_t max_errors_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::shared_ptr<Job>> queue_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;  // by id
  std::uint64_t next_id_ = 1;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace labelflow::service
