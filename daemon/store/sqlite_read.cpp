// SqliteStateStore: the read path (rebuild snapshot, rows, reviews, reports).
#include "store/codec.hpp"
#include "store/sqlite_db.hpp"
#include "store/sqlite_store.hpp"

namespace labelflow::store {
namespace {

constexpr const char* kReviewCols =
    "r.task_id, r.project, r.row_id, r.stage, r.stage_name, r.role, r.reviewer, r.expert, "
    "r.best_effort, r.labels, r.label_status, r.claimed_at, r.submitted_at, r.active_seconds, "
    "r.comment";

core::ReviewRecord review_from(const Stmt& s) {
  core::ReviewRecord r;
  r.task_id = static_cast<core::TaskId>(s.i64(0));
  r.project = s.text(1);
  r.row_id = s.text(2);
  r.stage = static_cast<int>(s.i64(3));
  r.stage_name = s.text(4);
  r.role = s.text(5);
  r.reviewer = s.text(6);
  r.expert = s.i64(7) != 0;
  r.best_effort = s.i64(8) != 0;
  r.labels = object_from(s.text(9));
  r.label_status = statuses_from(s.text(10));
  r.claimed_at = s.i64(11);
  r.submitted_at = s.i64(12);
  r.active_seconds = s.f64(13);
  r.comment = s.text(14);
  return r;
}

core::RowContent content_from(const std::string& text) {
  auto o = object_from(text);
  core::RowContent c;
  auto str = [&](const char* k) {
    const auto* v = o.if_contains(k);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  c.id = str("id");
  c.context = str("context");
  c.query = str("query");
  c.response = str("response");
  if (const auto* v = o.if_contains("auto_labels"); v && v->is_object())
    c.auto_labels = v->as_object();
  if (const auto* v = o.if_contains("metadata"); v && v->is_object()) c.metadata = v->as_object();
  return c;
}

}  // namespace

core::Snapshot SqliteStateStore::load(const std::string& project) {
  std::lock_guard lock(read_mu_);
  core::Snapshot snap;
  Db& db = *rdb_;
  db.exec("BEGIN");  // one consistent read view
  try {
    Stmt rows(db,
              "SELECT id, priority, domains, stage, needed, status, set_aside_reason, "
              "agreement FROM rows WHERE project=? ORDER BY seq");
    rows.bind(1, project);
    while (rows.step()) {
      core::RowSnapshot r;
      r.id = rows.text(0);
      r.priority = rows.i64(1);
      r.domains = strings_from(rows.text(2));
      r.state.project = project;
      r.state.row_id = r.id;
      r.state.stage = static_cast<int>(rows.i64(3));
      r.state.needed = static_cast<int>(rows.i64(4));
      r.state.status = static_cast<core::RowStatus>(rows.i64(5));
      r.state.set_aside_reason = rows.text(6);
      r.state.agreement = scores_from(rows.text(7));
      snap.rows.push_back(std::move(r));
    }
    // Reviews, tasks and skips of open rows only: final rows need nothing in memory.
    Stmt rv(db, (std::string("SELECT ") + kReviewCols +
                 " FROM reviews r JOIN rows w ON w.project=r.project AND w.id=r.row_id "
                 "WHERE r.project=? AND w.status=0 ORDER BY r.submitted_at, r.task_id")
                    .c_str());
    rv.bind(1, project);
    while (rv.step()) snap.reviews.push_back(review_from(rv));
    Stmt tk(db,
            "SELECT t.id, t.row_id, t.stage, t.reviewer, t.claimed_at, t.expires_at, t.state "
            "FROM tasks t JOIN rows w ON w.project=t.project AND w.id=t.row_id "
            "WHERE t.project=? AND w.status=0 ORDER BY t.id");
    tk.bind(1, project);
    while (tk.step()) {
      core::TaskRecord t;
      t.id = static_cast<core::TaskId>(tk.i64(0));
      t.project = project;
      t.row_id = tk.text(1);
      t.stage = static_cast<int>(tk.i64(2));
      t.reviewer = tk.text(3);
      t.claimed_at = tk.i64(4);
      t.expires_at = tk.i64(5);
      t.state = static_cast<core::TaskState>(tk.i64(6));
      snap.tasks.push_back(std::move(t));
    }
    Stmt sk(db,
            "SELECT s.row_id, s.stage, s.reviewer, s.reason, s.at FROM skips s JOIN rows w "
            "ON w.project=s.project AND w.id=s.row_id WHERE s.project=? AND w.status=0");
    sk.bind(1, project);
    while (sk.step()) {
      snap.skips.push_back(
          {project, sk.text(0), static_cast<int>(sk.i64(1)), sk.text(2), sk.text(3), sk.i64(4)});
    }
    Stmt mx(db, "SELECT COALESCE(MAX(id), 0) FROM tasks");
    mx.step();
    snap.max_task_id = static_cast<core::TaskId>(mx.i64(0));
  } catch (...) {
    sqlite3_exec(db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  db.exec("COMMIT");
  return snap;
}

std::optional<core::RowDoc> SqliteStateStore::row(const std::string& project,
                                                  const std::string& row_id) {
  std::lock_guard lock(read_mu_);
  auto s = rdb_->cached("SELECT content, invalid_auto, domains FROM rows WHERE project=? AND id=?");
  s->bind(1, project).bind(2, row_id);
  if (!s->step()) return std::nullopt;
  core::RowDoc d;
  d.content = content_from(s->text(0));
  d.invalid_auto_labels = strings_from(s->text(1));
  d.domains = strings_from(s->text(2));
  return d;
}

std::vector<core::ReviewRecord> SqliteStateStore::reviews(const std::string& project,
                                                          const std::string& row_id) {
  std::lock_guard lock(read_mu_);
  auto s =
      rdb_->cached((std::string("SELECT ") + kReviewCols +
                    " FROM reviews r WHERE r.project=? AND r.row_id=? ORDER BY r.submitted_at, "
                    "r.task_id"));
  s->bind(1, project).bind(2, row_id);
  std::vector<core::ReviewRecord> out;
  while (s->step()) out.push_back(review_from(*s));
  return out;
}

std::optional<core::DecisionRecord> SqliteStateStore::decision(const std::string& project,
                                                               const std::string& row_id) {
  std::lock_guard lock(read_mu_);
  auto s = rdb_->cached(
      "SELECT final_labels, adjudicator, escalated, escalation_reviewer, agreement, "
      "decided_at FROM decisions WHERE project=? AND row_id=?");
  s->bind(1, project).bind(2, row_id);
  if (!s->step()) return std::nullopt;
  core::DecisionRecord d;
  d.project = project;
  d.row_id = row_id;
  d.final_labels = object_from(s->text(0));
  d.adjudicator = s->text(1);
  d.escalated = s->i64(2) != 0;
  d.escalation_reviewer = s->text(3);
  d.agreement = scores_from(s->text(4));
  d.decided_at = s->i64(5);
  return d;
}

std::vector<SetAsideRow> SqliteStateStore::set_aside(const std::string& project) {
  std::lock_guard lock(read_mu_);
  auto s = rdb_->cached(
      "SELECT id, set_aside_reason FROM rows WHERE project=? AND status=2 ORDER BY seq");
  s->bind(1, project);
  std::vector<SetAsideRow> out;
  while (s->step()) out.push_back({s->text(0), s->text(1)});
  return out;
}

std::optional<ExportRecord> SqliteStateStore::export_record(const std::string& project,
                                                            const std::string& id) {
  std::lock_guard lock(read_mu_);
  auto s = rdb_->cached(
      "SELECT created_at, status, rows, location FROM exports WHERE project=? AND id=?");
  s->bind(1, project).bind(2, id);
  if (!s->step()) return std::nullopt;
  return ExportRecord{project, id, s->i64(0), s->text(1), s->i64(2), s->text(3)};
}

bool SqliteStateStore::has_reviews(const std::string& project) {
  std::lock_guard lock(read_mu_);
  auto s = rdb_->cached("SELECT 1 FROM reviews WHERE project=? LIMIT 1");
  s->bind(1, project);
  return s->step();
}

std::vector<core::ReviewerTotal> SqliteStateStore::review_totals(const std::string& project) {
  std::lock_guard lock(read_mu_);
  auto s = rdb_->cached(
      "SELECT reviewer, count(*), total(active_seconds) FROM reviews WHERE project=? "
      "GROUP BY reviewer ORDER BY reviewer");
  s->bind(1, project);
  std::vector<core::ReviewerTotal> out;
  while (s->step()) {
    out.push_back({s->text(0), static_cast<std::size_t>(s->i64(1)), s->f64(2)});
  }
  return out;
}

std::vector<core::ReviewRecord> SqliteStateStore::project_reviews(const std::string& project) {
  std::lock_guard lock(read_mu_);
  auto s = rdb_->cached(std::string("SELECT ") + kReviewCols +
                        " FROM reviews r WHERE r.project=? ORDER BY r.submitted_at, r.task_id");
  s->bind(1, project);
  std::vector<core::ReviewRecord> out;
  while (s->step()) out.push_back(review_from(*s));
  return out;
}

std::vector<core::ReviewRecord> SqliteStateStore::reviewer_reviews(const std::string& reviewer,
                                                                   core::TimeMs from,
                                                                   core::TimeMs to) {
  std::lock_guard lock(read_mu_);
  auto s = rdb_->cached(std::string("SELECT ") + kReviewCols +
                        " FROM reviews r WHERE r.reviewer=? AND r.submitted_at>=? AND "
                        "r.submitted_at<? ORDER BY r.submitted_at, r.task_id");
  s->bind(1, reviewer).bind(2, from).bind(3, to);
  std::vector<core::ReviewRecord> out;
  while (s->step()) out.push_back(review_from(*s));
  return out;
}

std::vector<core::ReviewRecord> SqliteStateStore::feedback_reviews(const std::string& reviewer) {
  std::lock_guard lock(read_mu_);
  // The reviewer's rows come from the reviews_by_reviewer index; only their judging reviews with
  // a comment are read, never the whole history.
  auto s = rdb_->cached(
      std::string("SELECT ") + kReviewCols +
      " FROM (SELECT project, row_id, MIN(stage) AS stage FROM reviews WHERE reviewer=? "
      "GROUP BY project, row_id) m "
      "JOIN reviews r ON r.project=m.project AND r.row_id=m.row_id AND r.stage>m.stage "
      "JOIN decisions d ON d.project=r.project AND d.row_id=r.row_id "
      "WHERE r.reviewer<>? AND r.comment<>'' ORDER BY r.submitted_at DESC, r.task_id DESC");
  s->bind(1, reviewer).bind(2, reviewer);
  std::vector<core::ReviewRecord> out;
  while (s->step()) out.push_back(review_from(*s));
  return out;
}

std::vector<ImportRecord> SqliteStateStore::import_records() {
  std::lock_guard lock(read_mu_);
  auto s = rdb_->cached("SELECT project, id, seq, state, record FROM imports ORDER BY seq");
  std::vector<ImportRecord> out;
  while (s->step()) out.push_back({s->text(0), s->text(1), s->i64(2), s->text(3), s->text(4)});
  return out;
}

std::vector<ReviewWithFinal> SqliteStateStore::reviews_between(core::TimeMs from, core::TimeMs to) {
  std::lock_guard lock(read_mu_);
  auto s =
      rdb_->cached((std::string("SELECT ") + kReviewCols +
                    ", d.final_labels FROM reviews r LEFT JOIN decisions d ON d.project=r.project "
                    "AND d.row_id=r.row_id WHERE r.submitted_at >= ? AND r.submitted_at < ? "
                    "ORDER BY r.submitted_at, r.task_id"));
  s->bind(1, from).bind(2, to);
  std::vector<ReviewWithFinal> out;
  while (s->step()) {
    ReviewWithFinal r;
    r.review = review_from(*s);
    if (!s->null(15)) r.final_labels = object_from(s->text(15));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace labelflow::store
