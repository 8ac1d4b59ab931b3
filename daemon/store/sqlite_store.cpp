// SqliteStateStore: opening, pragmas, and the write path (one Batch -> statements).
#include "store/sqlite_store.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/row.hpp"
#include "store/codec.hpp"
#include "store/schema.hpp"
#include "store/sqlite_db.hpp"

namespace labelflow::store {

const char* to_string(ImportKind k) {
  switch (k) {
    case ImportKind::inserted:
      return "inserted";
    case ImportKind::unchanged:
      return "unchanged";
    case ImportKind::duplicate_id:
      return "duplicate_id";
  }
  return "inserted";
}

std::future<CommitResult> StateStore::commit(Batch batch) {
  auto p = std::make_shared<std::promise<CommitResult>>();
  auto f = p->get_future();
  commit(std::move(batch), [p](CommitResult r) { p->set_value(std::move(r)); });
  return f;
}

struct WriteStatements {
  explicit WriteStatements(Db& db)
      : find_row(db, "SELECT content FROM rows WHERE project=? AND id=?"),
        max_seq(db, "SELECT COALESCE(MAX(seq), -1) + 1 FROM rows WHERE project=?"),
        insert_row(db,
                   "INSERT INTO rows(project,id,seq,content,invalid_auto,domains,priority,"
                   "imported_at) VALUES (?,?,?,?,?,?,?,?)"),
        update_row(db,
                   "UPDATE rows SET stage=?, needed=?, status=?, set_aside_reason=?, "
                   "agreement=? WHERE project=? AND id=?"),
        upsert_task(db,
                    "INSERT INTO tasks(id,project,row_id,stage,reviewer,claimed_at,"
                    "expires_at,state) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE "
                    "SET expires_at=excluded.expires_at, state=excluded.state"),
        insert_review(db,
                      "INSERT INTO reviews(task_id,project,row_id,stage,stage_name,role,"
                      "reviewer,expert,best_effort,labels,label_status,claimed_at,"
                      "submitted_at,active_seconds,comment) "
                      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        insert_skip(db,
                    "INSERT INTO skips(project,row_id,stage,reviewer,reason,at) "
                    "VALUES (?,?,?,?,?,?)"),
        insert_decision(db,
                        "INSERT INTO decisions(project,row_id,final_labels,adjudicator,"
                        "escalated,escalation_reviewer,agreement,decided_at) "
                        "VALUES (?,?,?,?,?,?,?,?)"),
        upsert_import(db,
                      "INSERT INTO imports(project,id,seq,state,record) VALUES (?,?,?,?,?) "
                      "ON CONFLICT(project,id) DO UPDATE SET state=excluded.state, "
                      "record=excluded.record"),
        upsert_export(db,
                      "INSERT INTO exports(project,id,created_at,status,rows,location) "
                      "VALUES (?,?,?,?,?,?) ON CONFLICT(project,id) DO UPDATE SET "
                      "status=excluded.status, rows=excluded.rows, "
                      "location=excluded.location") {}
  Stmt find_row, max_seq, insert_row, update_row, upsert_task, insert_review, insert_skip,
      insert_decision, upsert_import, upsert_export;
};

SqliteStateStore::SqliteStateStore(const std::string& path, SqliteOptions options) {
  wdb_ = std::make_unique<Db>(path, true);
  wdb_->exec("PRAGMA journal_mode=WAL");
  // FULL: the WAL is fsync'd at every commit, so an acknowledged batch survives power loss as
  // well as kill -9 (NORMAL would only survive the process dying). Group commit pays for it.
  wdb_->exec("PRAGMA synchronous=FULL");
  migrate(*wdb_);
  ws_ = std::make_unique<WriteStatements>(*wdb_);
  rdb_ = std::make_unique<Db>(path, false);
  Db* w = wdb_.get();
  writer_ = std::make_unique<GroupWriter>(
      [w] { w->exec("BEGIN IMMEDIATE"); }, [w] { w->exec("COMMIT"); }, [w] { w->exec("ROLLBACK"); },
      options.fatal, options.max_group, std::move(options.on_group));
}

SqliteStateStore::~SqliteStateStore() { writer_.reset(); }

void SqliteStateStore::commit(Batch batch, Callback done) {
  auto shared = std::make_shared<Batch>(std::move(batch));
  auto result = std::make_shared<CommitResult>();
  writer_->enqueue({[this, shared, result] { *result = apply(*shared); },
                    [result, done = std::move(done)] {
                      if (done) done(std::move(*result));
                    }});
}

CommitResult SqliteStateStore::apply(const Batch& b) {
  CommitResult res;
  auto& s = *ws_;
  for (const auto& doc : b.imports) {
    const auto& c = doc.content;
    const auto json = core::to_json(c);
    s.find_row.bind(1, b.project).bind(2, c.id);
    if (s.find_row.step()) {
      // Identical means equal JSON values (key order does not matter).
      const bool same = boost::json::parse(s.find_row.text(0)) == boost::json::value(json);
      s.find_row.reset();
      res.imports.push_back({c.id, same ? ImportKind::unchanged : ImportKind::duplicate_id});
      continue;
    }
    s.find_row.reset();
    auto seq = next_seq_.find(b.project);
    if (seq == next_seq_.end()) {
      s.max_seq.bind(1, b.project).step();
      seq = next_seq_.emplace(b.project, s.max_seq.i64(0)).first;
      s.max_seq.reset();
    }
    s.insert_row.bind(1, b.project)
        .bind(2, c.id)
        .bind(3, seq->second)
        .bind(4, boost::json::serialize(json))
        .bind(5, to_json(doc.invalid_auto_labels))
        .bind(6, to_json(doc.domains))
        .bind(7, c.priority())
        .bind(8, b.at)
        .run();
    ++seq->second;
    res.imports.push_back({c.id, ImportKind::inserted});
  }
  const auto& ch = b.changes;
  for (const auto& t : ch.tasks) {
    s.upsert_task.bind(1, t.id)
        .bind(2, t.project)
        .bind(3, t.row_id)
        .bind(4, t.stage)
        .bind(5, t.reviewer)
        .bind(6, t.claimed_at)
        .bind(7, t.expires_at)
        .bind(8, static_cast<int>(t.state))
        .run();
  }
  for (const auto& r : ch.reviews) {
    s.insert_review.bind(1, r.task_id)
        .bind(2, r.project)
        .bind(3, r.row_id)
        .bind(4, r.stage)
        .bind(5, r.stage_name)
        .bind(6, r.role)
        .bind(7, r.reviewer)
        .bind(8, r.expert)
        .bind(9, r.best_effort)
        .bind(10, to_json(r.labels))
        .bind(11, to_json(r.label_status))
        .bind(12, r.claimed_at)
        .bind(13, r.submitted_at)
        .bind(14, r.active_seconds)
        .bind(15, r.comment)
        .run();
  }
  for (const auto& k : ch.skips) {
    s.insert_skip.bind(1, k.project)
        .bind(2, k.row_id)
        .bind(3, k.stage)
        .bind(4, k.reviewer)
        .bind(5, k.reason)
        .bind(6, k.at)
        .run();
  }
  for (const auto& d : ch.decisions) {
    s.insert_decision.bind(1, d.project)
        .bind(2, d.row_id)
        .bind(3, to_json(d.final_labels))
        .bind(4, d.adjudicator)
        .bind(5, d.escalated)
        .bind(6, d.escalation_reviewer)
        .bind(7, to_json(d.agreement))
        .bind(8, d.decided_at)
        .run();
  }
  for (const auto& r : ch.rows) {
    s.update_row.bind(1, r.stage)
        .bind(2, r.needed)
        .bind(3, static_cast<int>(r.status))
        .bind(4, r.set_aside_reason)
        .bind(5, to_json(r.agreement))
        .bind(6, r.project)
        .bind(7, r.row_id)
        .run();
  }
  if (!b.webhooks.empty() || !b.webhook_attempts.empty() || b.prune_webhooks_before) {
    apply_webhooks(b);
  }
  for (const auto& r : b.import_records) {
    s.upsert_import.bind(1, r.project)
        .bind(2, r.id)
        .bind(3, r.seq)
        .bind(4, r.state)
        .bind(5, r.record)
        .run();
  }
  for (const auto& e : b.exports) {
    s.upsert_export.bind(1, e.project)
        .bind(2, e.id)
        .bind(3, e.created_at)
        .bind(4, e.status)
        .bind(5, e.rows)
        .bind(6, e.location)
        .run();
  }
  return res;
}

}  // namespace labelflow::store
