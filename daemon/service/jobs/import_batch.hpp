// ImportBatch: the sink an import's rows stream into. Each row's auto labels are validated by
// the label plugins (invalid ones kept but flagged) and its domains come from metadata.domain
// or the project's router. Every `batch_rows` rows become ONE durable step: the new rows, their
// scheduling (Engine::add_row) and the import record with the counts that include them.
// A row whose id the project already has is `unchanged` when its content is equal, else a
// `duplicate_id` error; nothing of it is written.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "dataset/importer.hpp"
#include "service/jobs/import_job.hpp"
#include "service/runtime/context.hpp"

namespace labelflow::service {

class ImportBatch final : public dataset::ImportSink {
 public:
  // `mu` guards `job` (readers answer GET /imports/{id} meanwhile); `stopping` is read under it.
  ImportBatch(Context& ctx, ProjectPtr project, std::size_t batch_rows, std::size_t max_errors,
              std::mutex& mu, ImportJob& job, const bool& stopping);

  sdk::Status row(core::RowContent&& row, const dataset::RowOrigin& origin) override;
  sdk::Status error(const dataset::ImportError& e) override;
  // Commits the pending rows (if any) as one durable step and waits for it. Returns unavailable
  // when the daemon is stopping (the import ends there and runs again at the next start).
  sdk::Status flush();

 private:
  sdk::Status stop_check() const;
  // The pending rows' outcomes (inserted, unchanged, duplicate_id), counted into the job.
  std::vector<store::ImportKind> classify();

  Context& ctx_;
  ProjectPtr p_;
  std::shared_ptr<const ProjectSetup> setup_;
  std::size_t batch_rows_, max_errors_;
  std::mutex& mu_;
  ImportJob& job_;
  const bool& stopping_;
  std::vector<core::RowDoc> pending_;
  std::vector<std::pair<std::string, std::uint64_t>> origins_;  // object key, line
};

}  // namespace labelflow::service
