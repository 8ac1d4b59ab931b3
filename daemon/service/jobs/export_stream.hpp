// One project's streaming export: its sink, the batching exporter, and the rows appended but
// not yet in a written object (their export records are committed once they are).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dataset/batch_exporter.hpp"
#include "service/jobs/export_worker.hpp"

namespace labelflow::service {

struct ExportWorker::Stream {
  std::shared_ptr<plugin_host::GuardedStorage> storage;
  std::unique_ptr<dataset::BatchExporter> exporter;
  dataset::BatchOptions options;
  bool gt = false;
  std::vector<std::string> unwritten;  // rows appended, not yet in a written object
};

}  // namespace labelflow::service
