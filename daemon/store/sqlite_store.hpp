// SqliteStateStore: StateStore on one SQLite file in WAL mode with synchronous=FULL (a commit
// is on disk, WAL fsync'd, before it is acknowledged: kill -9 and power loss lose nothing
// acknowledged). One writer thread group-commits; reads use their own connection (WAL lets
// them run beside the writer) and see only committed data.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "store/group_writer.hpp"
#include "store/state_store.hpp"

namespace labelflow::store {

class Db;
struct WriteStatements;

struct SqliteOptions {
  FatalHandler fatal;            // default: log and abort
  std::size_t max_group = 4096;  // batches per transaction at most
  // Called on the writer thread with each committed transaction's batch count (metrics).
  std::function<void(std::size_t)> on_group;
};

class SqliteStateStore final : public StateStore {
 public:
  // Opens (creating if absent) and migrates `path`. Throws StoreError naming the file, e.g.
  // when it was written by a newer schema version.
  explicit SqliteStateStore(const std::string& path, SqliteOptions options = {});
  ~SqliteStateStore() override;  // completes every queued commit first

  using StateStore::commit;
  void commit(Batch batch, Callback done) override;
  core::Snapshot load(const std::string& project) override;
  std::optional<core::RowDoc> row(const std::string& project, const std::string& row_id) override;
  std::vector<core::ReviewRecord> reviews(const std::string& project,
                                          const std::string& row_id) override;
  std::optional<core::DecisionRecord> decision(const std::string& project,
                                               const std::string& row_id) override;
  std::vector<SetAsideRow> set_aside(const std::string& project) override;
  std::optional<ExportRecord> export_record(const std::string& project,
                                            const std::string& id) override;
  std::vector<ImportRecord> import_records() override;
  bool has_reviews(const std::string& project) override;
  std::vector<core::ReviewerTotal> review_totals(const std::string& project) override;
  std::vector<core::ReviewRecord> project_reviews(const std::string& project) override;
  std::vector<core::ReviewRecord> reviewer_reviews(const std::string& reviewer, core::TimeMs from,
                                                   core::TimeMs to) override;
  std::vector<core::ReviewRecord> feedback_reviews(const std::string& reviewer) override;
  std::vector<ReviewWithFinal> reviews_between(core::TimeMs from, core::TimeMs to) override;
  void backup_to(const std::string& dest_path) override;  // sqlite_backup.cpp
  // sqlite_outbox.cpp
  std::vector<OutboxEntry> due_webhooks(core::TimeMs now, std::size_t max) override;
  std::int64_t webhook_count(DeliveryState state) override;

  std::uint64_t transactions() const { return writer_->transactions(); }
  CommitStats commit_stats() const override { return {writer_->transactions(), writer_->items()}; }

 private:
  CommitResult apply(const Batch& batch);   // writer thread, inside the transaction
  void apply_webhooks(const Batch& batch);  // writer thread; sqlite_outbox.cpp

  std::unique_ptr<Db> wdb_;
  std::unique_ptr<WriteStatements> ws_;
  std::unordered_map<std::string, std::int64_t> next_seq_;  // writer thread only
  std::mutex read_mu_;
  std::unique_ptr<Db> rdb_;
  std::unique_ptr<GroupWriter> writer_;  // last: stops first
};

}  // namespace labelflow::store
