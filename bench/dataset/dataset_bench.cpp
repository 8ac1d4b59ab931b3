// dataset_bench: how fast the dataset layer imports and exports rows over a storage backend,
// and how much memory it needs (peak RSS must not follow the dataset's size).
//
//   dataset_bench --backend local --root /tmp/lf-bench [--rows 100000] [--rows-per-object N]
//   dataset_bench --backend s3 --endpoint http://127.0.0.1:PORT --bucket B [--rows 100000]
//     (s3 credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)
//
// Rows are written as objects of 10,000 lines (or N; not timed), imported from their prefix, then
// each imported row becomes an export line written by a BatchExporter (1000 rows a batch).
#include "dataset/batch_exporter.hpp"
#include "dataset/export_line.hpp"
#include "dataset/importer.hpp"
#include "local_storage.hpp"
#include "s3_storage.hpp"

#include <boost/json/serialize.hpp>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <string>

namespace lf = labelflow;
using Clock = std::chrono::steady_clock;

namespace {

// VmHWM, the peak resident set since start or since the last reset_peak_rss().
long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Linux >= 4.0: writing 5 to clear_refs resets VmHWM to the current RSS, so each phase's
// peak is measured on its own (the untimed input generation is not counted against import).
void reset_peak_rss() { std::ofstream("/proc/self/clear_refs") << "5"; }

std::string row_line(std::size_t i) {
  boost::json::object row{
      {"id", "bench-" + std::to_string(i)},
      {"context", "Quarterly report of Acme Corp, section " + std::to_string(i % 97)},
      {"query", "What was the revenue change?"},
      {"response", "Revenue rose 12% to 4.1 billion euros, driven by the services unit."},
      {"auto_labels", {{"intent", "question"}, {"quality", static_cast<int>(i % 5) + 1}}},
      {"metadata", {{"domain", i % 3 ? "financial" : "legal"}, {"priority", i % 7}}}};
  return boost::json::serialize(row) + "\n";
}

// Counts rows and turns each into an export line, like the engine would after finalizing.
class ExportingSink final : public lf::dataset::ImportSink {
 public:
  explicit ExportingSink(lf::dataset::BatchExporter* exporter) : exporter_(exporter) {}
  lf::sdk::Status row(lf::core::RowContent&& row, const lf::dataset::RowOrigin&) override {
    ++rows;
    if (exporter_ == nullptr) return lf::sdk::Status::ok();
    lf::dataset::ExportRecord record;
    record.project = "bench";
    record.row = std::move(row);
    record.final_labels = record.row.auto_labels;
    lf::dataset::ReviewRecord review;
    review.reviewer = "alice";
    review.role = "primary";
    review.stage = "review";
    review.labels = record.final_labels;
    review.submitted_at = lf::dataset::Clock::now();
    record.reviews = {review, review};
    record.agreement = {{"intent", 1.0}, {"quality", 0.8}};
    record.finalized_at = lf::dataset::Clock::now();
    auto t0 = Clock::now();
    std::string line = lf::dataset::export_line(record);
    auto t1 = Clock::now();
    auto status = exporter_->append(line).status;
    format_s += std::chrono::duration<double>(t1 - t0).count();
    append_s += std::chrono::duration<double>(Clock::now() - t1).count();
    return status;
  }
  lf::sdk::Status error(const lf::dataset::ImportError& e) override {
    std::cerr << "unexpected import error: " << e.to_string() << "\n";
    return lf::sdk::Status::internal("bench rows must be valid");
  }
  std::uint64_t rows = 0;
  double format_s = 0;  // building export lines
  double append_s = 0;  // batching and putting them

 private:
  lf::dataset::BatchExporter* exporter_;
};

int fail(const std::string& message) {
  std::cerr << "dataset_bench: " << message << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> args{{"--backend", "local"}, {"--rows", "100000"}};
  for (int i = 1; i + 1 < argc; i += 2) args[argv[i]] = argv[i + 1];
  std::size_t rows = std::stoul(args["--rows"]);
  std::shared_ptr<lf::sdk::Storage> raw;
  boost::json::object options;
  if (args["--backend"] == "local") {
    if (!args.count("--root")) return fail("--root DIR is required for the local backend");
    raw = std::make_shared<lf::storage_local::LocalStorage>();
    options = {{"root", args["--root"]}};
  } else if (args["--backend"] == "s3") {
    if (!args.count("--endpoint") || !args.count("--bucket")) {
      return fail("--endpoint URL and --bucket NAME are required for the s3 backend");
    }
    raw = std::make_shared<lf::storage_s3::S3Storage>();
    options = {{"endpoint", args["--endpoint"]}, {"bucket", args["--bucket"]},
               {"path_style", true}, {"prefix", "bench-" + std::to_string(::getpid()) + "/"}};
  } else {
    return fail("--backend must be local or s3");
  }
  for (const auto& e : raw->configure(options)) return fail(e.key + ": " + e.message);
  lf::plugin_host::GuardedStorage storage(raw, args["--backend"]);

  // Input: objects of 10,000 rows (untimed).
  const std::size_t kRowsPerObject =
      args.count("--rows-per-object") ? std::stoul(args["--rows-per-object"]) : 10000;
  std::uint64_t input_bytes = 0;
  for (std::size_t start = 0, n = 0; start < rows; start += kRowsPerObject, ++n) {
    std::string text;
    for (std::size_t i = start; i < std::min(rows, start + kRowsPerObject); ++i) {
      text += row_line(i);
    }
    input_bytes += text.size();
    char name[64];
    std::snprintf(name, sizeof name, "in/rows-%04zu.jsonl", n);
    if (auto s = storage.put(name, text); !s) return fail(s.to_string());
  }
  reset_peak_rss();
  long rss_before = peak_rss_kib();

  lf::dataset::Importer importer(storage, {});
  ExportingSink count_only(nullptr);
  auto t0 = Clock::now();
  auto imported = importer.import_prefix("in/", count_only);
  double import_s = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!imported) return fail(imported.status().to_string());
  long rss_import = peak_rss_kib();
  reset_peak_rss();

  lf::dataset::BatchOptions batch;
  batch.prefix = "out/";
  lf::dataset::BatchExporter exporter(storage, batch);
  ExportingSink exporting(&exporter);
  t0 = Clock::now();
  auto exported = importer.import_prefix("in/", exporting);
  if (exported) {
    if (auto s = exporter.flush(); !s) return fail(s.to_string());
  }
  double both_s = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!exported) return fail(exported.status().to_string());

  std::printf("backend=%s rows=%zu input_mib=%.1f rows_per_object=%zu\n",
              args["--backend"].c_str(), rows, static_cast<double>(input_bytes) / (1 << 20),
              kRowsPerObject);
  std::printf("import:          %8.0f rows/s  (%.2f s)\n", static_cast<double>(rows) / import_s,
              import_s);
  std::printf("import+export:   %8.0f rows/s  (%.2f s, %llu export objects)\n",
              static_cast<double>(rows) / both_s, both_s,
              static_cast<unsigned long long>(exporter.objects_written()));
  std::printf("  of which export-line formatting %.2f s, batching + storage puts %.2f s\n",
              exporting.format_s, exporting.append_s);
  std::printf("RSS KiB: before import %ld, peak during import %ld, peak during export %ld\n",
              rss_before, rss_import, peak_rss_kib());
  return 0;
}
