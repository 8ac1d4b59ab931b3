#include <sqlite3.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "store/schema.hpp"
#include "store/sqlite_store.hpp"
#include "temp_dir.hpp"

using namespace labelflow;
using namespace labelflow::store;

namespace {

core::RowDoc doc(const std::string& id, const std::string& response = "text") {
  core::RowDoc d;
  d.content.id = id;
  d.content.response = response;
  d.content.auto_labels["intent"] = "question";
  d.content.metadata["priority"] = 3;
  d.invalid_auto_labels = {"quality"};
  d.domains = {"finance"};
  return d;
}

}  // namespace

TEST_CASE("import: inserted, unchanged and duplicate_id, durable in one step", "[store]") {
  testing::TempDir dir;
  SqliteStateStore st(dir.file("state.db"));
  Batch b;
  b.project = "p";
  b.imports = {doc("r1"), doc("r2")};
  auto res = st.commit(std::move(b)).get();
  REQUIRE(res.imports.size() == 2);
  REQUIRE(res.imports[0].kind == ImportKind::inserted);
  Batch again;
  again.project = "p";
  auto same = doc("r1");
  same.content.metadata = {{"priority", 3}};  // equal value
  again.imports = {same, doc("r2", "other text"), doc("r3")};
  res = st.commit(std::move(again)).get();
  REQUIRE(res.imports[0].kind == ImportKind::unchanged);
  REQUIRE(res.imports[1].kind == ImportKind::duplicate_id);
  REQUIRE(res.imports[2].kind == ImportKind::inserted);
  auto r1 = st.row("p", "r1");
  REQUIRE(r1);
  REQUIRE(r1->content.response == "text");
  REQUIRE(r1->invalid_auto_labels == std::vector<std::string>{"quality"});
  REQUIRE(r1->domains == std::vector<std::string>{"finance"});
  REQUIRE(r1->content.priority() == 3);
  auto snap = st.load("p");
  REQUIRE(snap.rows.size() == 3);
  REQUIRE(snap.rows[2].id == "r3");  // import order
  REQUIRE(snap.rows[0].priority == 3);
  REQUIRE_FALSE(st.row("other", "r1"));
}

TEST_CASE("a database written by a newer schema is refused, naming file and versions", "[store]") {
  testing::TempDir dir;
  const auto path = dir.file("state.db");
  { SqliteStateStore st(path); }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "UPDATE schema_version SET version = 99", nullptr, nullptr, nullptr) ==
          SQLITE_OK);
  sqlite3_close(db);
  try {
    SqliteStateStore st(path);
    FAIL("opened a newer database");
  } catch (const StoreError& e) {
    const std::string msg = e.what();
    REQUIRE(msg.find(path) != std::string::npos);
    REQUIRE(msg.find("schema version 99") != std::string::npos);
    REQUIRE(msg.find("schema version " + std::to_string(kSchemaVersion)) != std::string::npos);
  }
}

TEST_CASE("import records are upserted and read back in issue order, also after a migration",
          "[store]") {
  testing::TempDir dir;
  const auto path = dir.file("state.db");
  {
    SqliteStateStore st(path);
    Batch b;
    b.project = "p";
    b.import_records.push_back({"p", "imp-2", 2, "queued", R"({"n":1})"});
    b.import_records.push_back({"q", "imp-1", 1, "finished", R"({"n":2})"});
    st.commit(std::move(b)).get();
    Batch update;
    update.project = "p";
    update.import_records.push_back({"p", "imp-2", 2, "running", R"({"n":3})"});
    st.commit(std::move(update)).get();
    auto records = st.import_records();
    REQUIRE(records.size() == 2);
    CHECK(records[0].id == "imp-1");
    CHECK(records[0].project == "q");
    CHECK(records[1].state == "running");
    CHECK(records[1].record == R"({"n":3})");
  }
  // A database of schema version 2 (before import records) gains the table on open.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  REQUIRE(
      sqlite3_exec(
          db,
          "DROP TABLE imports; DROP INDEX reviews_by_reviewer; UPDATE schema_version SET version = 2",
          nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  SqliteStateStore st(path);
  CHECK(st.import_records().empty());
  Batch b;
  b.project = "p";
  b.import_records.push_back({"p", "imp-3", 3, "queued", "{}"});
  st.commit(std::move(b)).get();
  CHECK(st.import_records().size() == 1);
}

TEST_CASE("review totals, project reviews and feedback come from targeted queries", "[store]") {
  testing::TempDir dir;
  SqliteStateStore st(dir.file("state.db"));
  core::TaskId next_task = 1;
  auto review = [&](std::string project, std::string row, int stage, std::string reviewer,
                    double seconds, std::string comment) {
    core::ReviewRecord r;
    r.task_id = next_task++;
    r.project = std::move(project);
    r.row_id = std::move(row);
    r.stage = stage;
    r.reviewer = std::move(reviewer);
    r.role = stage == 0 ? "primary" : "qa";
    r.active_seconds = seconds;
    r.submitted_at = 1000 + static_cast<core::TimeMs>(r.task_id);
    r.comment = std::move(comment);
    return r;
  };
  Batch b;
  b.project = "p";
  b.changes.reviews = {
      review("p", "r1", 0, "a", 60, ""),          review("p", "r1", 0, "b", 30, ""),
      review("p", "r1", 1, "q", 10, "check ORG"), review("p", "r2", 0, "a", 20, ""),
      review("p", "r2", 1, "q", 5, "open row"),   review("o", "r9", 0, "a", 99, ""),
      review("o", "r9", 1, "b", 7, "elsewhere")};
  core::DecisionRecord d1;
  d1.project = "p";
  d1.row_id = "r1";
  core::DecisionRecord d9 = d1;
  d9.project = "o";
  d9.row_id = "r9";
  b.changes.decisions = {d1, d9};  // r2 is still open
  st.commit(std::move(b)).get();

  auto totals = st.review_totals("p");
  REQUIRE(totals.size() == 3);
  CHECK(totals[0].reviewer == "a");
  CHECK(totals[0].reviews == 2);
  CHECK(totals[0].active_seconds == Approx(80));
  CHECK(st.project_reviews("p").size() == 5);
  CHECK(st.project_reviews("o").size() == 2);
  CHECK(st.has_reviews("p"));
  CHECK_FALSE(st.has_reviews("none"));
  // A reviewer's reviews in a time window, every project (submitted_at = 1000 + task id).
  auto early = st.reviewer_reviews("a", 1000, 1005);
  REQUIRE(early.size() == 2);
  CHECK(early[0].row_id == "r1");
  CHECK(early[1].row_id == "r2");
  auto late = st.reviewer_reviews("a", 1005, 2000);
  REQUIRE(late.size() == 1);
  CHECK(late[0].project == "o");
  CHECK(st.reviewer_reviews("nobody", 0, 5000).empty());

  // a's feedback: comments of later stages on a's FINAL rows, newest first, any project.
  auto fa = st.feedback_reviews("a");
  REQUIRE(fa.size() == 2);
  CHECK(fa[0].comment == "elsewhere");
  CHECK(fa[1].comment == "check ORG");
  // b reviewed r1 and judged r9: only r1's QA comment is feedback for b.
  auto fb = st.feedback_reviews("b");
  REQUIRE(fb.size() == 1);
  CHECK(fb[0].reviewer == "q");
  CHECK(st.feedback_reviews("q").empty());
}

TEST_CASE("a file that is not a database is refused with its path", "[store]") {
  testing::TempDir dir;
  const auto path = dir.file("junk.db");
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    std::fputs("this is not sqlite, just some text long enough to have a header.......", f);
    std::fclose(f);
  }
  REQUIRE_THROWS_WITH(SqliteStateStore(path), Catch::Contains(path));
}

TEST_CASE("group commit: concurrent batches share transactions, complete in order", "[store]") {
  testing::TempDir dir;
  SqliteStateStore st(dir.file("state.db"));
  constexpr int kThreads = 8, kPer = 100;
  std::atomic<int> done{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPer; ++i) {
        Batch b;
        b.project = "p";
        b.imports = {doc("t" + std::to_string(t) + "-" + std::to_string(i))};
        st.commit(std::move(b)).get();
        ++done;
      }
    });
  }
  for (auto& th : threads) th.join();
  REQUIRE(done == kThreads * kPer);
  REQUIRE(st.load("p").rows.size() == kThreads * kPer);
  // Each thread waits for its own commit, so up to 8 batches can share one transaction.
  INFO("transactions: " << st.transactions());
  REQUIRE(st.transactions() < static_cast<std::uint64_t>(kThreads * kPer));
}

TEST_CASE("a failed commit is fail-stop: fatal handler, no acknowledgment", "[store]") {
  testing::TempDir dir;
  std::atomic<bool> fatal{false};
  std::string message;
  std::mutex mu;
  SqliteOptions opt;
  opt.fatal = [&](const std::string& m) {
    std::lock_guard lock(mu);
    message = m;
    fatal = true;
  };
  SqliteStateStore st(dir.file("state.db"), opt);
  core::ReviewRecord r;
  r.task_id = 7;
  r.project = "p";
  r.row_id = "x";
  Batch first;
  first.changes.reviews = {r};
  st.commit(std::move(first)).get();
  std::atomic<bool> acked{false};
  Batch dup;  // same task id: PRIMARY KEY violation inside the transaction
  dup.changes.reviews = {r};
  st.commit(std::move(dup), [&](CommitResult) { acked = true; });
  for (int i = 0; i < 200 && !fatal; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE(fatal);
  REQUIRE_FALSE(acked);
  std::lock_guard lock(mu);
  REQUIRE(message.find("state commit failed") != std::string::npos);
}

TEST_CASE("group commit completes callers in submission order", "[store]") {
  testing::TempDir dir;
  SqliteStateStore st(dir.file("state.db"));
  std::mutex mu;
  std::vector<int> order;
  for (int i = 0; i < 200; ++i) {
    Batch b;
    b.project = "p";
    b.imports = {doc("r" + std::to_string(i))};
    st.commit(std::move(b), [&, i](CommitResult r) {  // writer thread: no Catch macros
      std::lock_guard lock(mu);
      order.push_back(r.imports.size() == 1 ? i : -1);
    });
  }
  Batch fence;
  st.commit(std::move(fence)).get();
  std::lock_guard lock(mu);
  REQUIRE(order.size() == 200);
  for (int i = 0; i < 200; ++i) REQUIRE(order[static_cast<std::size_t>(i)] == i);
  REQUIRE(st.transactions() < 201);  // queued together: fewer transactions than batches
}
