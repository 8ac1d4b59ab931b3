// StateStore: the daemon's durable state behind an interface free of SQLite types (a later
// multi-machine store can implement it too).
//
// Writes go through commit(): the store makes the whole Batch durable, in order with every
// batch submitted before it, and only then completes it (I7). A store that cannot persist a
// batch stops the process (fail-stop) through its fatal handler rather than serve state it
// could not persist; callbacks of failed batches never run.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <functional>
#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/engine.hpp"
#include "core/records.hpp"
#include "core/reports.hpp"
#include "core/row_doc.hpp"

namespace labelflow::store {

enum class ImportKind { inserted, unchanged, duplicate_id };
const char* to_string(ImportKind k);

struct ImportOutcome {
  std::string row_id;
  ImportKind kind = ImportKind::inserted;
};

struct ExportRecord {
  std::string project;
  std::string id;
  core::TimeMs created_at = 0;
  std::string status;  // e.g. running, finished, failed
  std::int64_t rows = 0;
  std::string location;
};

// A webhook delivery, enqueued in the same Batch as the change that caused it, so a crash
// cannot lose it (the outbox; delivered at least once by daemon/webhooks).
struct WebhookEvent {
  std::string delivery;  // unique id, the X-Labelflow-Delivery header
  std::string project;
  std::string url;
  std::string event;  // row.finalized, row.escalated, import.finished, export.finished
  std::string body;   // the JSON text POSTed
  core::TimeMs created_at = 0;
};

// A pending outbox entry as read back for delivery.
struct OutboxEntry {
  std::int64_t id = 0;
  WebhookEvent event;
  int attempts = 0;
  core::TimeMs next_at = 0;
};

enum class DeliveryState { pending, delivered, failed };

// The outcome of one delivery attempt of outbox entry `id`.
struct WebhookAttempt {
  std::int64_t id = 0;
  DeliveryState state = DeliveryState::pending;
  int attempts = 0;          // attempts made so far, this one included
  core::TimeMs next_at = 0;  // when pending: the next attempt
  std::string last_error;
};

// An import job's record (GET /v1/projects/{project}/imports/{id}), kept across restarts.
struct ImportRecord {
  std::string project;
  std::string id;        // "imp-<seq>", unique over every project
  std::int64_t seq = 0;  // issue order
  std::string state;     // queued, running, finished, failed
  std::string record;    // the job as JSON text (the service's own format)
};

// One durable step: rows to import, engine changes and export bookkeeping of one project.
struct Batch {
  std::string project;
  std::vector<core::RowDoc> imports;
  core::Changes changes;
  std::vector<ExportRecord> exports;
  std::vector<ImportRecord> import_records;      // upserted by (project, id)
  core::TimeMs at = 0;                           // import time
  std::vector<WebhookEvent> webhooks;            // outbox entries to add
  std::vector<WebhookAttempt> webhook_attempts;  // outbox entries to update
  // When set: outbox entries delivered or failed whose event is older than this are deleted.
  std::optional<core::TimeMs> prune_webhooks_before;
};

struct CommitResult {
  std::vector<ImportOutcome> imports;  // one per Batch::imports entry, same order
};

struct ReviewWithFinal {
  core::ReviewRecord review;
  std::optional<boost::json::object> final_labels;  // when the row is final
};

struct SetAsideRow {
  std::string row_id;
  std::string reason;
};

// Opening or reading failed (bad file, newer schema): the message names the file and cause.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class StateStore {
 public:
  using Callback = std::function<void(CommitResult)>;
  virtual ~StateStore() = default;

  // Queues `batch`; `done` runs (on the writer thread) once it is durable.
  virtual void commit(Batch batch, Callback done) = 0;
  // Convenience: a future completed once durable.
  std::future<CommitResult> commit(Batch batch);

  // What an engine needs to rebuild its indexes (rows in import order).
  virtual core::Snapshot load(const std::string& project) = 0;
  virtual std::optional<core::RowDoc> row(const std::string& project,
                                          const std::string& row_id) = 0;
  virtual std::vector<core::ReviewRecord> reviews(const std::string& project,
                                                  const std::string& row_id) = 0;
  virtual std::optional<core::DecisionRecord> decision(const std::string& project,
                                                       const std::string& row_id) = 0;
  virtual std::vector<SetAsideRow> set_aside(const std::string& project) = 0;
  virtual std::optional<ExportRecord> export_record(const std::string& project,
                                                    const std::string& id) = 0;
  // Whether `project` has any review (one index probe).
  virtual bool has_reviews(const std::string& project) = 0;
  // Per reviewer: the number of reviews of `project` and their active seconds.
  virtual std::vector<core::ReviewerTotal> review_totals(const std::string& project) = 0;
  // The reviews `reviewer` submitted in [from, to), every project, in submission order.
  virtual std::vector<core::ReviewRecord> reviewer_reviews(const std::string& reviewer,
                                                           core::TimeMs from, core::TimeMs to) = 0;
  // Every review of `project`, in submission order.
  virtual std::vector<core::ReviewRecord> project_reviews(const std::string& project) = 0;
  // Feedback candidates for `reviewer`: reviews by others, with a comment, of a later stage
  // than the first one `reviewer` worked on, on rows that are final (every project).
  virtual std::vector<core::ReviewRecord> feedback_reviews(const std::string& reviewer) = 0;
  // Every import record of every project, in issue order.
  virtual std::vector<ImportRecord> import_records() = 0;
  // Reviews submitted in [from, to), every project, with the row's final labels if any.
  virtual std::vector<ReviewWithFinal> reviews_between(core::TimeMs from, core::TimeMs to) = 0;

  // Writes a consistent copy of every committed batch to a new database file at `dest_path`
  // (which must not exist yet) while commits and reads go on: the copy is one snapshot, taken
  // without stopping the writer. The copy is self-contained (no -wal file needed). Throws
  // StoreError naming the file and the cause.
  virtual void backup_to(const std::string& dest_path) = 0;

  // Pending outbox entries whose next attempt is due at `now`, oldest first, at most `max`.
  virtual std::vector<OutboxEntry> due_webhooks(core::TimeMs now, std::size_t max) = 0;
  // Counts of outbox entries in `state` (tests, metrics).
  virtual std::int64_t webhook_count(DeliveryState state) = 0;

  // Since the store was opened: durable transactions, and the batches they carried (their
  // ratio is the mean group-commit size).
  struct CommitStats {
    std::uint64_t transactions = 0, batches = 0;
  };
  virtual CommitStats commit_stats() const = 0;
};

}  // namespace labelflow::store
