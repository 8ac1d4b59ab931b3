// ExportWorker: writes finalized rows to each project's [sink] on its own thread (storage calls
// never run on the HTTP io threads).
//
// Streaming (export_stream.cpp): rows that became final (announced after their decision is
// durable) are turned into export lines and appended to a dataset::BatchExporter, which writes
// one atomic object per batch (row/byte thresholds, plus a time flush every `flush_interval`).
// A failed put is retried and the batch kept: nothing is dropped. After an object is written,
// one export record per row ("row:<id>", status "exported", location = the object) is committed
// to the store. On start, final rows without such a record are exported again. Delivery is AT
// LEAST ONCE: a crash between the put and the bookkeeping commit exports those rows again in a
// later object (consumers dedupe by row id).
//
// Full export (POST /exports): every final row of the project, written as one object set under
// "<sink prefix>full/<id>/" (export lines, parts + _manifest.json) and "<...>/gt/" (the Ground
// Truth style output manifest); its record is kept durably in the store.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "service/jobs/job_types.hpp"
#include "service/result.hpp"
#include "service/runtime/context.hpp"

namespace labelflow::service {

struct ExportOptions {
  std::size_t batch_rows = 500;
  std::chrono::milliseconds flush_interval{2000};
};

class ExportWorker {
 public:
  ExportWorker(Context& ctx, ExportOptions options);
  ~ExportWorker();

  // Before start(): final rows found in the store; those not yet exported are queued.
  void restore(const std::string& project, std::vector<std::string> final_rows);
  void start();
  // Rows that became final (durable).
  void enqueue(const std::string& project, std::vector<std::string> rows);
  // Flushes what is pending (best effort: a failing sink keeps it for the next start).
  void stop();

  Result<ExportStatus> create(const ProjectPtr& project, const ExportRequest& request);
  Result<ExportStatus> get(const std::string& project, const std::string& id) const;

 private:
  struct Stream;
  void run();
  void stream_cycle();  // export_stream.cpp
  void full_export(const std::string& project, const std::string& id);

  Context& ctx_;
  ExportOptions options_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, std::vector<std::string>> pending_;  // by project
  std::deque<std::pair<std::string, std::string>> full_jobs_;  // (project, id)
  std::map<std::string, std::unique_ptr<Stream>> streams_;  // worker thread only
  std::uint64_t full_count_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace labelflow::service
