#include "store/schema.hpp"

#include <string>

#include "store/state_store.hpp"

namespace labelflow::store {
namespace {

// Migration N takes the schema from version N-1 to N. Append; never edit a released one.
const char* const kMigrations[] = {
    // 1: the first schema
    R"sql(
CREATE TABLE rows (
  project TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL,
  content TEXT NOT NULL,          -- the row as JSON (section 6 input line)
  invalid_auto TEXT NOT NULL,     -- JSON array of auto label names that failed validation
  domains TEXT NOT NULL,          -- JSON array of routed domains
  priority INTEGER NOT NULL,
  stage INTEGER NOT NULL DEFAULT 0, needed INTEGER NOT NULL DEFAULT 0,
  status INTEGER NOT NULL DEFAULT 0,  -- 0 open, 1 final, 2 set aside
  set_aside_reason TEXT NOT NULL DEFAULT '',
  agreement TEXT NOT NULL DEFAULT '{}',
  imported_at INTEGER NOT NULL,
  PRIMARY KEY (project, id), UNIQUE (project, seq));
CREATE INDEX rows_status ON rows(project, status);
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY, project TEXT NOT NULL, row_id TEXT NOT NULL, stage INTEGER NOT NULL,
  reviewer TEXT NOT NULL, claimed_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
  state INTEGER NOT NULL);
CREATE INDEX tasks_row ON tasks(project, row_id);
CREATE TABLE reviews (
  task_id INTEGER PRIMARY KEY, project TEXT NOT NULL, row_id TEXT NOT NULL,
  stage INTEGER NOT NULL, stage_name TEXT NOT NULL, role TEXT NOT NULL, reviewer TEXT NOT NULL,
  expert INTEGER NOT NULL, best_effort INTEGER NOT NULL, labels TEXT NOT NULL,
  label_status TEXT NOT NULL, claimed_at INTEGER NOT NULL, submitted_at INTEGER NOT NULL,
  active_seconds REAL NOT NULL, comment TEXT NOT NULL);
CREATE INDEX reviews_row ON reviews(project, row_id);
CREATE INDEX reviews_submitted ON reviews(submitted_at);
CREATE TABLE skips (
  project TEXT NOT NULL, row_id TEXT NOT NULL, stage INTEGER NOT NULL, reviewer TEXT NOT NULL,
  reason TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX skips_row ON skips(project, row_id);
CREATE TABLE decisions (
  project TEXT NOT NULL, row_id TEXT NOT NULL, final_labels TEXT NOT NULL,
  adjudicator TEXT NOT NULL, escalated INTEGER NOT NULL, escalation_reviewer TEXT NOT NULL,
  agreement TEXT NOT NULL, decided_at INTEGER NOT NULL, PRIMARY KEY (project, row_id));
CREATE TABLE exports (
  project TEXT NOT NULL, id TEXT NOT NULL, created_at INTEGER NOT NULL, status TEXT NOT NULL,
  rows INTEGER NOT NULL, location TEXT NOT NULL, PRIMARY KEY (project, id));
)sql",
    // 2: the webhook outbox (daemon/webhooks); state 0 pending, 1 delivered, 2 failed
    R"sql(
CREATE TABLE webhook_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery TEXT NOT NULL UNIQUE, project TEXT NOT NULL, url TEXT NOT NULL,
  event TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL,
  state INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL, last_error TEXT NOT NULL DEFAULT '');
CREATE INDEX webhook_outbox_due ON webhook_outbox(state, next_at);
)sql",
    // 3: import job records (they used to live in memory only)
    R"sql(
CREATE TABLE imports (
  project TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL UNIQUE, state TEXT NOT NULL,
  record TEXT NOT NULL, PRIMARY KEY (project, id));
)sql",
    // 4: a reviewer's own reviews without a scan (GET /v1/me feedback)
    R"sql(
CREATE INDEX reviews_reviewer ON reviews(reviewer, project, row_id);
)sql",
    // 5: a reviewer's reviews in a time window too (GET /v1/me week figures); one index serves
    // both queries
    R"sql(
DROP INDEX reviews_reviewer;
CREATE INDEX reviews_by_reviewer ON reviews(reviewer, submitted_at);
)sql",
};
constexpr int kMigrationCount = sizeof(kMigrations) / sizeof(kMigrations[0]);
static_assert(kMigrationCount == kSchemaVersion);

}  // namespace

int schema_version(Db& db) {
  Stmt exists(db,
              "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_version'");
  exists.step();
  if (exists.i64(0) == 0) return 0;
  Stmt v(db, "SELECT version FROM schema_version");
  return v.step() ? static_cast<int>(v.i64(0)) : 0;
}

void migrate(Db& db) {
  db.exec("BEGIN IMMEDIATE");
  try {
    const int have = schema_version(db);
    if (have > kSchemaVersion) {
      throw StoreError(db.path() + ": written by schema version " + std::to_string(have) +
                       "; this labelflowd supports schema version " +
                       std::to_string(kSchemaVersion) +
                       " at most: run a newer labelflowd or point the state path elsewhere");
    }
    if (have == 0) db.exec("CREATE TABLE schema_version (version INTEGER NOT NULL)");
    for (int v = have + 1; v <= kSchemaVersion; ++v) db.exec(kMigrations[v - 1]);
    if (have != kSchemaVersion) {
      db.exec("DELETE FROM schema_version");
      Stmt set(db, "INSERT INTO schema_version(version) VALUES (?)");
      set.bind(1, kSchemaVersion).run();
    }
    db.exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace labelflow::store
