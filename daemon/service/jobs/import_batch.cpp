#include "service/jobs/import_batch.hpp"

#include <spdlog/spdlog.h>

#include <boost/json/value.hpp>
#include <unordered_map>

#include "service/tasks/label_validation.hpp"

namespace labelflow::service {

ImportBatch::ImportBatch(Context& ctx, ProjectPtr project, std::size_t batch_rows,
                         std::size_t max_errors, std::mutex& mu, ImportJob& job,
                         const bool& stopping)
    : ctx_(ctx),
      p_(std::move(project)),
      setup_(p_->setup()),
      batch_rows_(batch_rows),
      max_errors_(max_errors),
      mu_(mu),
      job_(job),
      stopping_(stopping) {}

sdk::Status ImportBatch::row(core::RowContent&& row, const dataset::RowOrigin& origin) {
  core::RowDoc doc;
  doc.content = std::move(row);
  doc.invalid_auto_labels = invalid_auto_labels(doc.content, *setup_->labels);
  if (doc.content.has_declared_domain()) {
    doc.domains = doc.content.declared_domains();
  } else if (setup_->router) {
    auto routed = setup_->router->route(row_view(doc.content));
    if (!routed) {
      return error({std::string(origin.key), origin.line,
                    "router " + setup_->router->plugin_name() +
                        " failed: " + routed.status().to_string()});
    }
    doc.domains = std::move(*routed);
  }
  origins_.emplace_back(std::string(origin.key), origin.line);
  pending_.push_back(std::move(doc));
  if (pending_.size() >= batch_rows_) return flush();
  return sdk::Status::ok();
}

sdk::Status ImportBatch::error(const dataset::ImportError& e) {
  std::lock_guard lock(mu_);
  ++job_.status.counts.rejected;
  job_.add_error(e, max_errors_);
  return sdk::Status::ok();
}

std::vector<store::ImportKind> ImportBatch::classify() {
  // Which ids the project has already (the import thread is the only one adding rows, so the
  // answer holds until this batch commits).
  std::vector<bool> known(pending_.size());
  {
    std::lock_guard lock(p_->mu);
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      known[i] = p_->engine->row_state(pending_[i].content.id).has_value();
    }
  }
  std::vector<store::ImportKind> kinds(pending_.size(), store::ImportKind::inserted);
  std::unordered_map<std::string, std::size_t> first_in_batch;
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    const auto& id = pending_[i].content.id;
    const core::RowDoc* earlier = nullptr;
    RowCache::Doc stored;
    if (auto it = first_in_batch.find(id); it != first_in_batch.end()) {
      earlier = &pending_[it->second];
    } else if (known[i]) {
      stored = ctx_.row(p_->id(), id);
      earlier = stored.get();
    } else {
      first_in_batch.emplace(id, i);
      continue;
    }
    kinds[i] = earlier != nullptr && earlier->content == pending_[i].content
                   ? store::ImportKind::unchanged
                   : store::ImportKind::duplicate_id;
  }
  std::lock_guard lock(mu_);
  auto& counts = job_.status.counts;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    switch (kinds[i]) {
      case store::ImportKind::inserted:
        ++counts.inserted;
        break;
      case store::ImportKind::unchanged:
        ++counts.unchanged;
        break;
      case store::ImportKind::duplicate_id:
        ++counts.duplicate_id;
        job_.add_error({origins_[i].first, origins_[i].second,
                        "duplicate_id: a different row with id '" + pending_[i].content.id +
                            "' is already imported"},
                       max_errors_);
        break;
    }
  }
  return kinds;
}

sdk::Status ImportBatch::flush() {
  if (pending_.empty()) return stop_check();
  const auto kinds = classify();
  store::Batch batch;
  {
    std::lock_guard lock(mu_);
    batch.import_records.push_back(job_.to_record());
  }
  std::future<store::CommitResult> done;
  {
    std::lock_guard lock(p_->mu);
    const core::TimeMs now = ctx_.clock();
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      if (kinds[i] != store::ImportKind::inserted) continue;
      auto doc = std::make_shared<const core::RowDoc>(std::move(pending_[i]));
      if (auto e = p_->engine->add_row(doc->content.id, doc->content.priority(), doc->domains,
                                       now, batch.changes)) {
        spdlog::warn("import into '{}': row '{}' not scheduled: {}", p_->id(), doc->content.id,
                     e->message);
      }
      // A task may lease the row before this step is durable; its answer waits for the step
      // (commit order), and its row document comes from the cache meanwhile.
      ctx_.cache_row(p_->id(), doc);
      batch.imports.push_back(*doc);
    }
    auto promise = std::make_shared<std::promise<store::CommitResult>>();
    done = promise->get_future();
    ctx_.queue_commit(*p_, std::move(batch),
                      [promise](store::CommitResult r) { promise->set_value(std::move(r)); });
  }
  const store::CommitResult result = done.get();
  for (const auto& outcome : result.imports) {
    if (outcome.kind != store::ImportKind::inserted) {
      spdlog::error("import into '{}': row '{}' was expected new but the store found it {}",
                    p_->id(), outcome.row_id, store::to_string(outcome.kind));
    }
  }
  pending_.clear();
  origins_.clear();
  return stop_check();
}

sdk::Status ImportBatch::stop_check() const {
  std::lock_guard lock(mu_);
  if (stopping_) return sdk::Status::unavailable("the daemon is stopping");
  return sdk::Status::ok();
}

}  // namespace labelflow::service
