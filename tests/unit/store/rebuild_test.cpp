// The engine rebuilt from the store continues exactly where it stopped.
#include <catch2/catch.hpp>

#include "store/report_query.hpp"
#include "store/sqlite_store.hpp"
#include "temp_dir.hpp"

using namespace labelflow;
using namespace labelflow::store;

namespace {

core::ReviewerSpec rv(const std::string& id, core::RoleMask roles) {
  core::ReviewerSpec r;
  r.id = id;
  r.roles = roles;
  return r;
}
constexpr core::RoleMask kP = 1, kQ = 2;

struct Node {
  Node(const std::string& path, core::TimeMs now) : store(path) {
    spec.id = "p";
    spec.labels = {"intent"};
    spec.lease_ttl_seconds = 60;
    spec.skip_reasons = {"unclear"};
    reviewers = {rv("a", kP), rv("b", kP), rv("c", kP), rv("q", kQ)};
    engine = std::make_unique<core::Engine>(spec, reviewers, oracle, ids);
    core::Changes c;
    engine->restore(store.load("p"), now, c);
    persist(std::move(c));
  }
  void persist(core::Changes c) {
    Batch b;
    b.project = "p";
    b.changes = std::move(c);
    store.commit(std::move(b)).get();
  }
  void import(const std::string& id, core::TimeMs now) {
    Batch b;
    b.project = "p";
    core::RowDoc d;
    d.content.id = id;
    d.content.auto_labels["intent"] = "q";
    b.imports = {d};
    auto res = store.commit(std::move(b)).get();
    REQUIRE(res.imports[0].kind == ImportKind::inserted);
    core::Changes c;
    REQUIRE_FALSE(engine->add_row(id, 0, {}, now, c));
    persist(std::move(c));
  }
  core::TaskView take(const std::string& r, core::TimeMs now) {
    core::Changes c;
    auto t = engine->next_task(r, now, c);
    REQUIRE(t.ok());
    REQUIRE(t.value->has_value());
    persist(std::move(c));
    return **t.value;
  }
  std::optional<core::Error> submit(core::TaskId t, const std::string& r, const std::string& v,
                                    core::TimeMs now) {
    core::Changes c;
    core::SubmitInput in;
    in.labels["intent"] = v;
    in.comment = "by " + r;
    // A task that is no longer live has no row: the engine refuses it before reading one.
    const auto row_id = engine->task_row(t);
    const auto row = row_id ? store.row("p", *row_id) : std::optional<core::RowDoc>(core::RowDoc{});
    REQUIRE(row);
    auto e = engine->submit(t, r, in, *row, now, c);
    if (!e) persist(std::move(c));
    return e;
  }

  SqliteStateStore store;
  core::ExactLabelOracle oracle;
  core::TaskIdAllocator ids;
  core::ProjectSpec spec;
  std::vector<core::ReviewerSpec> reviewers;
  std::unique_ptr<core::Engine> engine;
};

}  // namespace

TEST_CASE("rebuild: leases, stages, exclusions and decisions survive a restart", "[store]") {
  testing::TempDir dir;
  const auto path = dir.file("state.db");
  core::TimeMs now = 1'700'000'000'000;
  core::TaskId a_task = 0, b_task = 0;
  {
    Node n(path, now);
    n.import("r1", now);
    n.import("r2", now);
    a_task = n.take("a", now).id;
    b_task = n.take("b", now).id;
    REQUIRE_FALSE(n.submit(b_task, "b", "x", now + 5000));
    auto c = n.take("c", now);  // r1 is full (a holds, b submitted): c gets r2
    REQUIRE(c.row_id == "r2");
    core::Changes ch;
    REQUIRE_FALSE(n.engine->release(c.id, "c", now, ch));
    n.persist(std::move(ch));
  }
  {
    Node n(path, now + 10'000);
    // a still holds its lease on r1 and can submit it.
    REQUIRE(n.engine->task_row(a_task) == std::optional<std::string>("r1"));
    REQUIRE(n.submit(b_task, "b", "x", now)->code == core::ErrorCode::lease_conflict);  // double submit
    // c released r2: not offered again to c while another eligible reviewer exists.
    auto b2 = n.take("b", now + 10'000);
    REQUIRE(b2.row_id == "r2");
    core::Changes ch;
    auto cnext = n.engine->next_task("c", now + 10'000, ch);
    REQUIRE(cnext.ok());
    REQUIRE_FALSE(cnext.value->has_value());  // r2's open slot: a could take it, so not c
    n.persist(std::move(ch));
  }
  {
    Node n(path, now + 20'000);
    REQUIRE_FALSE(n.submit(a_task, "a", "x", now + 20'000));
    auto q = n.take("q", now + 20'000);
    REQUIRE(q.row_id == "r1");
    REQUIRE(q.earlier_reviews.size() == 2);
    REQUIRE(q.agreement.at("intent") == 1.0);
    REQUIRE_FALSE(n.submit(q.id, "q", "x", now + 30'000));
    auto d = n.store.decision("p", "r1");
    REQUIRE(d);
    REQUIRE(d->adjudicator == "q");
    REQUIRE(d->final_labels.at("intent") == "x");
    auto reviews = n.store.reviews("p", "r1");
    REQUIRE(reviews.size() == 3);
    REQUIRE(reviews[0].reviewer == "b");
    REQUIRE(reviews[0].comment == "by b");
    REQUIRE(reviews[0].label_status.at("intent") == core::LabelStatus::corrected);
    REQUIRE(reviews[0].active_seconds == Approx(5.0));
    REQUIRE(reviews[2].role == "qa");
    auto week = n.store.reviews_between(now, now + 60'000);
    REQUIRE(week.size() == 3);
    REQUIRE(week[0].final_labels);
    auto facts = review_facts(n.store, now, now + 60'000, [&](const std::string&) {
      return ProjectLabels{&n.oracle, n.spec.labels};
    });
    REQUIRE(facts.size() == 3);
    REQUIRE(*facts[0].agreement_with_final == 1.0);  // b said x, final x
    auto weeks = core::weekly_report(facts, n.reviewers);
    REQUIRE(weeks.size() == 3);
  }
  {
    Node n(path, now + 40'000);
    REQUIRE(n.engine->row_state("r1")->status == core::RowStatus::final);
    REQUIRE_FALSE(n.engine->task_row(a_task));
  }
}

TEST_CASE("set-aside rows and their reasons are stored", "[store]") {
  testing::TempDir dir;
  core::TimeMs now = 1'700'000'000'000;
  Node n(dir.file("state.db"), now);
  n.import("r1", now);
  auto t = n.take("a", now);
  core::Changes c;
  REQUIRE_FALSE(n.engine->skip(t.id, "a", "unclear", now, c));
  n.persist(std::move(c));
  for (const char* r : {"b"}) {  // then only c is left for two slots
    auto x = n.take(r, now);
    core::Changes c2;
    REQUIRE_FALSE(n.engine->skip(x.id, r, "unclear", now, c2));
    n.persist(std::move(c2));
  }
  auto aside = n.store.set_aside("p");
  REQUIRE(aside.size() == 1);
  REQUIRE(aside[0].reason.find("unclear") != std::string::npos);
}

TEST_CASE("rebuild: an expired lease stays its holder's until taken, across a restart",
          "[store][I6]") {
  testing::TempDir dir;
  const auto path = dir.file("state.db");
  core::TimeMs now = 1'700'000'000'000;
  core::TaskId a_task = 0, b_task = 0;
  {
    Node n(path, now);
    n.import("r1", now);
    a_task = n.take("a", now).id;
    b_task = n.take("b", now).id;
  }
  const core::TimeMs later = now + 120'000;  // both leases past their 60 s TTL
  {
    Node n(path, later);
    core::Changes c;
    REQUIRE_FALSE(n.engine->heartbeat(b_task, "b", later, c));  // b's revives
    n.persist(std::move(c));
    auto t = n.take("c", later);  // takes over a's expired slot
    REQUIRE(t.row_id == "r1");
  }
  {
    Node n(path, later + 1000);
    REQUIRE(n.submit(a_task, "a", "x", later + 1000)->code == core::ErrorCode::lease_conflict);
    REQUIRE_FALSE(n.submit(b_task, "b", "x", later + 1000));
  }
}

TEST_CASE("rebuild: leases of a reviewer removed while stopped are dropped", "[store]") {
  testing::TempDir dir;
  const auto path = dir.file("state.db");
  core::TimeMs now = 1'700'000'000'000;
  core::TaskId a_task = 0;
  {
    Node n(path, now);
    n.import("r1", now);
    a_task = n.take("a", now).id;
  }
  Node n(path, now + 1000);
  core::Changes c;
  n.spec.members = {"b", "c", "q"};
  n.engine->reconfigure(n.spec, n.reviewers, now + 1000, c);
  REQUIRE(c.tasks.size() == 1);
  REQUIRE(c.tasks[0].id == a_task);
  REQUIRE(c.tasks[0].state == core::TaskState::dropped);
  n.persist(std::move(c));
  REQUIRE(n.take("b", now + 1000).row_id == "r1");
  REQUIRE(n.take("c", now + 1000).row_id == "r1");
}
