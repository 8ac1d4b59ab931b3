// BatchExporter: appends export lines and writes them in batches, each batch ONE atomic object
// named "<prefix>export-<sequence, 10 digits>.jsonl" (with prefix "out/", "out/export-
// 0000000001.jsonl"), so the sink's objects sort in the order they were written.
//
// A batch is written when it reaches `max_rows` or `max_bytes` (and whenever the caller calls
// flush(), e.g. on a timer). A failed put is retried `put_attempts` times with backoff; if it
// still fails, flush() returns the error and the batch is KEPT (with the same sequence number)
// for the next flush: no row is ever dropped. Memory stays bounded: while a failed batch
// holds `max_pending_rows`, append() refuses more rows (Appended::accepted false), and the
// caller keeps them (they stay "not yet exported" in its durable state).
// Not thread-safe: one owner (the export worker) calls it.
#pragma once

#include "plugin_host/guarded.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace labelflow::dataset {

struct BatchOptions {
  std::string prefix;                  // "" or ends with '/'
  std::string name_stem = "export-";   // object names: <prefix><stem><seq>.<extension>
  std::string extension = "jsonl";
  std::size_t max_rows = 1000;
  std::size_t max_bytes = 8 * 1024 * 1024;
  std::size_t max_pending_rows = 10000;  // append() refuses beyond this while puts fail
  int put_attempts = 3;
  std::chrono::milliseconds first_backoff{200};
  std::uint64_t first_sequence = 1;
};

// The object name for sequence `seq`.
std::string batch_object_name(const BatchOptions& options, std::uint64_t seq);

// The sequence after the highest one already under options.prefix (1 when there is none), so
// a restarted exporter never overwrites an earlier batch.
sdk::Result<std::uint64_t> next_free_sequence(const plugin_host::GuardedStorage& storage,
                                              const BatchOptions& options);

// What append() did with a line.
struct Appended {
  // False when the backlog is full (a failed batch holds max_pending_rows): the line is NOT
  // taken and stays the caller's.
  bool accepted = true;
  // Why a write of the batch failed (an accepted line stays pending), or why the line was
  // refused.
  sdk::Status status;
};

class BatchExporter {
 public:
  // Sleeps between put attempts; tests inject a no-op.
  using Sleep = std::function<void(std::chrono::milliseconds)>;

  BatchExporter(const plugin_host::GuardedStorage& storage, BatchOptions options,
                Sleep sleep = {});

  // Adds one line (a trailing "\n" is added when missing) and flushes if a threshold is met.
  Appended append(std::string_view line);
  // Writes the pending batch, if any. On error the batch stays pending.
  sdk::Status flush();

  std::size_t pending_rows() const noexcept { return rows_; }
  std::uint64_t next_sequence() const noexcept { return sequence_; }
  std::uint64_t objects_written() const noexcept { return written_; }

 private:
  const plugin_host::GuardedStorage& storage_;
  BatchOptions options_;
  Sleep sleep_;
  std::string batch_;
  std::size_t rows_ = 0;
  std::uint64_t sequence_;
  std::uint64_t written_ = 0;
};

struct FullExportResult {
  std::string prefix;  // where the object set is
  std::uint64_t rows = 0;
  std::uint64_t objects = 0;  // part objects, without the _manifest.json
};

// A full export on demand: pulls lines from `next_line` (nullopt ends) and writes them as
// "<prefix>part-<seq>.jsonl" objects, then "<prefix>_manifest.json" listing the parts and
// the row count. The manifest is written last: an object set without it is incomplete.
sdk::Result<FullExportResult> export_all(const plugin_host::GuardedStorage& storage,
                                         BatchOptions options,
                                         const std::function<std::optional<std::string>()>&
                                             next_line,
                                         BatchExporter::Sleep sleep = {});

}  // namespace labelflow::dataset
