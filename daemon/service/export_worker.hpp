// ExportWorker: writes finalized rows to each project's [sink] on its own thread (storage calls
// never run on the HTTP io threads).
//
// Streaming: rows that became final (announced after their decision is durable) are turned
// into export lines (DESIGN section 6: store reviews/decision + plugin export_value +
// provenance) and appended to a dataset::BatchExporter, which writes one atomic object per
// batch (row/byte thresholds, plus a time flush every `export_flush_interval`). A failed put is
// retried and the batch kept: nothing is dropped. After an object is written, one export record
// per row ("row:<id>", status "exported", location = the object) is committed to the store.
// On start, final rows without such a record are exported again. Delivery is AT LEAST ONCE: a
// crash between the put and the bookkeeping commit exports those rows again in a later object
// (consumers dedupe by row id).
//
// Full export (POST /exports): every final row of the project, written as one object set under
// "<sink prefix>full/<id>/" (export lines, parts + _manifest.json) and "<...>/gt/" (the Ground
// Truth style output manifest); its record is kept durably in the store.
#pragma once

#include "api/backend.hpp"
#include "dataset/batch_exporter.hpp"
#include "service/context.hpp"

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

namespace labelflow::service {

struct ServiceOptions;

class ExportWorker {
 public:
  ExportWorker(Context& ctx, const ServiceOptions& options);
  ~ExportWorker();

  // Before start(): final rows found in the store; those not yet exported are queued.
  void restore(const std::string& project, std::vector<std::string> final_rows);
  void start();
  // Rows that became final (durable).
  void enqueue(const std::string& project, std::vector<std::string> rows);
  // Flushes what is pending (best effort: a failing sink keeps it for the next start).
  void stop();

  api::Result<api::Json> create(const ProjectPtr& project, const boost::json::object& request);
  api::Result<api::Json> get(const std::string& project, const std::string& id) const;

  // One export line for a final row, or the reason it cannot be built now.
  static sdk::Result<std::string> build_line(Context& ctx, const ProjectRuntime& project,
                                             const std::string& row_id, bool gt_manifest);

 private:
  struct Stream;
  void run();
  void stream_cycle();
  void full_export(const std::string& project, const std::string& id);

  Context& ctx_;
  std::size_t batch_rows_;
  std::chrono::milliseconds interval_;
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
