// The webhook outbox table (migration 2): entries added and updated inside the writer's
// transaction, due entries read on the read connection.
#include "store/sqlite_db.hpp"
#include "store/sqlite_store.hpp"

namespace labelflow::store {

void SqliteStateStore::apply_webhooks(const Batch& b) {
  // Prepared per batch: webhook batches are rare next to reviews, and this keeps the hot
  // statements of the write path untouched.
  if (!b.webhooks.empty()) {
    Stmt add(*wdb_,
             "INSERT OR IGNORE INTO webhook_outbox(delivery,project,url,event,body,created_at,"
             "next_at) VALUES (?,?,?,?,?,?,?)");
    for (const auto& e : b.webhooks) {
      add.bind(1, e.delivery)
          .bind(2, e.project)
          .bind(3, e.url)
          .bind(4, e.event)
          .bind(5, e.body)
          .bind(6, e.created_at)
          .bind(7, e.created_at)
          .run();
    }
  }
  if (b.prune_webhooks_before) {
    Stmt prune(*wdb_, "DELETE FROM webhook_outbox WHERE state<>0 AND created_at<?");
    prune.bind(1, *b.prune_webhooks_before).run();
  }
  if (!b.webhook_attempts.empty()) {
    Stmt set(*wdb_,
             "UPDATE webhook_outbox SET state=?, attempts=?, next_at=?, last_error=? WHERE id=?");
    for (const auto& a : b.webhook_attempts) {
      set.bind(1, static_cast<int>(a.state))
          .bind(2, a.attempts)
          .bind(3, a.next_at)
          .bind(4, a.last_error)
          .bind(5, a.id)
          .run();
    }
  }
}

std::vector<OutboxEntry> SqliteStateStore::due_webhooks(core::TimeMs now, std::size_t max) {
  std::lock_guard lock(read_mu_);
  Stmt q(*rdb_,
         "SELECT id,delivery,project,url,event,body,created_at,attempts,next_at "
         "FROM webhook_outbox WHERE state=0 AND next_at<=? ORDER BY next_at, id LIMIT ?");
  q.bind(1, now).bind(2, static_cast<std::int64_t>(max));
  std::vector<OutboxEntry> out;
  while (q.step()) {
    OutboxEntry e;
    e.id = q.i64(0);
    e.event = {q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.i64(6)};
    e.attempts = static_cast<int>(q.i64(7));
    e.next_at = q.i64(8);
    out.push_back(std::move(e));
  }
  return out;
}

std::int64_t SqliteStateStore::webhook_count(DeliveryState state) {
  std::lock_guard lock(read_mu_);
  Stmt q(*rdb_, "SELECT count(*) FROM webhook_outbox WHERE state=?");
  q.bind(1, static_cast<int>(state));
  q.step();
  return q.i64(0);
}

}  // namespace labelflow::store
