// Leases (I6) and every lease edge: expiry then late submit with and without a new taker,
// heartbeat, double submit, release, skip, reviewer removed from config.
#include "harness.hpp"

using namespace labelflow::core;
using namespace labelflow::core::testing;

namespace {
std::vector<ReviewerSpec> trio() {
  return {reviewer("a", kP), reviewer("b", kP), reviewer("c", kP), reviewer("q", kQ)};
}
}  // namespace

TEST_CASE("I6: an expired lease stays the holder's until someone else takes it", "[core][I6]") {
  Harness h(project(), trio());
  h.add("r");
  auto t = h.take("a");
  h.advance_seconds(600);  // far past the 60 s TTL, nobody else asked
  REQUIRE_FALSE(h.submit(t.id, "a", "x"));
  REQUIRE(h.reviews("r").size() == 1);
}

TEST_CASE("I6: heartbeat after expiry extends while nobody took the task", "[core][I6]") {
  Harness h(project(), trio());
  h.add("r");
  auto ta = h.take("a");
  auto tb = h.take("b");
  h.advance_seconds(120);
  Changes c;
  REQUIRE_FALSE(h.engine.heartbeat(ta.id, "a", h.now, c));
  REQUIRE(c.tasks.back().expires_at == h.now + 60'000);
  auto tc = h.take("c");  // a's lease is live again: c takes over b's expired one
  REQUIRE(tc.row_id == "r");
  REQUIRE_FALSE(h.submit(ta.id, "a", "x"));
  REQUIRE(h.submit(tb.id, "b", "x")->code == ErrorCode::lease_conflict);
}

TEST_CASE("I6: once another reviewer takes an expired task, the old holder conflicts",
          "[core][I6]") {
  Harness h(project(), trio());
  h.add("r");
  auto ta = h.take("a");
  auto tb = h.take("b");
  h.advance_seconds(61);
  auto tc = h.take("c");  // both slots held; a's and b's expired: c takes one over
  REQUIRE(tc.row_id == "r");
  const std::size_t before = h.log.reviews.size();
  auto ea = h.submit(ta.id, "a", "x");
  auto eb = h.submit(tb.id, "b", "x");
  // Exactly one of a, b lost its task (the one that expired first: a).
  REQUIRE(ea);
  REQUIRE(ea->code == ErrorCode::lease_conflict);
  REQUIRE_FALSE(eb);
  Changes c;
  auto hb = h.engine.heartbeat(ta.id, "a", h.now, c);
  REQUIRE(hb);
  REQUIRE(hb->code == ErrorCode::lease_conflict);
  REQUIRE(c.empty());
  REQUIRE(h.log.reviews.size() == before + 1);
  h.ok_submit(tc.id, "c", "x");
}

TEST_CASE(
    "I6: a released task is not offered again to the same reviewer while another "
    "eligible one exists",
    "[core][I6]") {
  Harness h(project(), trio());
  h.add("r1");
  h.add("r2");
  auto t = h.take("a");
  REQUIRE(t.row_id == "r1");
  Changes c;
  REQUIRE_FALSE(h.engine.release(t.id, "a", h.now, c));
  h.log.append(std::move(c));
  auto again = h.take("a");
  REQUIRE(again.row_id == "r2");  // r1 still open, but a released it
  REQUIRE(h.take("b").row_id == "r1");
  auto e = h.submit(t.id, "a", "x");
  REQUIRE(e->code == ErrorCode::lease_conflict);
}

TEST_CASE("I6: a released task comes back when no other eligible reviewer exists", "[core][I6]") {
  Harness h(project(), {reviewer("a", kP), reviewer("b", kP), reviewer("q", kQ)});
  h.add("r");
  auto tb = h.take("b");
  auto ta = h.take("a");
  Changes c;
  REQUIRE_FALSE(h.engine.release(ta.id, "a", h.now, c));
  auto back = h.take("a");  // b is on the row: nobody else could review it
  REQUIRE(back.row_id == "r");
  REQUIRE(back.id != ta.id);
  h.ok_submit(back.id, "a", "x");
  h.ok_submit(tb.id, "b", "x");
}

TEST_CASE("I6: an expired task taken by another is not offered back to its old holder",
          "[core][I6]") {
  Harness h(project(), trio());
  h.add("r1");
  h.add("r2");
  auto ta = h.take("a");
  auto tb = h.take("b");
  REQUIRE(ta.row_id == "r1");
  REQUIRE(tb.row_id == "r1");
  h.advance_seconds(61);
  auto tc = h.take("c");  // takes a's expired slot on r1
  REQUIRE(tc.row_id == "r1");
  auto again = h.take("a");
  REQUIRE(again.row_id == "r2");
}

TEST_CASE("lease limit: at the limit next-task returns the held task", "[core][lease]") {
  auto spec = project();
  spec.max_leases_per_reviewer = 2;
  Harness h(spec, trio());
  h.add("r1");
  h.add("r2");
  h.add("r3");
  auto t1 = h.take("a");
  auto t2 = h.take("a");
  REQUIRE(t1.row_id == "r1");
  REQUIRE(t2.row_id == "r2");
  auto t3 = h.take("a");
  REQUIRE(t3.id == t1.id);
}

TEST_CASE("double submit conflicts and changes nothing", "[core][lease]") {
  Harness h(project(), trio());
  h.add("r");
  auto t = h.take("a");
  h.ok_submit(t.id, "a", "x");
  auto e = h.submit(t.id, "a", "y");
  REQUIRE(e);
  REQUIRE(e->code == ErrorCode::lease_conflict);
  REQUIRE(h.reviews("r").size() == 1);
}

TEST_CASE("unknown tasks and other reviewers' tasks are refused", "[core][lease]") {
  Harness h(project(), trio());
  h.add("r");
  auto t = h.take("a");
  REQUIRE(h.submit(9999, "a", "x")->code == ErrorCode::not_found);
  REQUIRE(h.submit(t.id, "b", "x")->code == ErrorCode::lease_conflict);
  Changes c;
  REQUIRE(h.engine.next_task("stranger", h.now, c).error->code == ErrorCode::forbidden);
}

TEST_CASE("skip: needs a declared reason, goes to another reviewer, never back", "[core][skip]") {
  Harness h(project(), trio());
  h.add("r");
  auto t = h.take("a");
  Changes c;
  auto bad = h.engine.skip(t.id, "a", "boring", h.now, c);
  REQUIRE(bad);
  REQUIRE(bad->code == ErrorCode::validation_failed);
  REQUIRE(bad->message.find("unclear") != std::string::npos);
  REQUIRE(c.empty());
  REQUIRE_FALSE(h.engine.skip(t.id, "a", "unclear", h.now, c));
  REQUIRE(c.skips.size() == 1);
  REQUIRE_FALSE(h.next("a"));  // skipped rows never come back to a
  REQUIRE(h.take("b").row_id == "r");
  REQUIRE(h.take("c").row_id == "r");
}

TEST_CASE("skip by every eligible member sets the row aside with the reason", "[core][skip]") {
  auto spec = project();
  spec.stages = default_pipeline();
  spec.stages[0].reviewers = 1;
  Harness h(spec, {reviewer("a", kP), reviewer("b", kP), reviewer("q", kQ)});
  h.add("r");
  auto ta = h.take("a");
  Changes c;
  REQUIRE_FALSE(h.engine.skip(ta.id, "a", "unclear", h.now, c));
  REQUIRE(h.status("r") == RowStatus::open);
  auto tb = h.take("b");
  REQUIRE_FALSE(h.engine.skip(tb.id, "b", "offensive", h.now, c));
  REQUIRE(h.status("r") == RowStatus::set_aside);
  REQUIRE(c.rows.back().set_aside_reason.find("offensive") != std::string::npos);
}

TEST_CASE("a reviewer removed from the config loses leases and the task is re-offered",
          "[core][lease]") {
  Harness h(project(), trio());
  h.add("r");
  auto ta = h.take("a");
  auto spec = h.engine.spec();
  std::vector<ReviewerSpec> without_a = {reviewer("b", kP), reviewer("c", kP), reviewer("q", kQ)};
  Changes c;
  h.engine.reconfigure(spec, without_a, h.now, c);
  REQUIRE(c.tasks.size() == 1);
  REQUIRE(c.tasks[0].state == TaskState::dropped);
  REQUIRE(h.submit(ta.id, "a", "x")->code == ErrorCode::lease_conflict);
  Changes c2;
  REQUIRE(h.engine.next_task("a", h.now, c2).error->code == ErrorCode::forbidden);
  REQUIRE(h.take("b").row_id == "r");
  REQUIRE(h.take("c").row_id == "r");
}

TEST_CASE("active_seconds is capped at submitted - claimed", "[core][time]") {
  Harness h(project(), trio());
  h.add("r");
  auto ta = h.take("a");
  auto tb = h.take("b");
  h.advance_seconds(30);
  h.ok_submit(ta.id, "a", "x");
  REQUIRE(h.submit(tb.id, "b", "x", 1e6) == std::nullopt);
  auto rv = h.reviews("r");
  REQUIRE(rv[0]->active_seconds == Approx(30));  // absent: claimed -> submitted
  REQUIRE(rv[1]->active_seconds == Approx(30));  // capped
  REQUIRE(rv[1]->claimed_at == h.now - 30'000);
}

TEST_CASE("a closed row's tasks are forgotten, and their ids still answer lease_conflict",
          "[core][I6]") {
  Harness h(project(), {reviewer("a", kP), reviewer("b", kP), reviewer("q", kQ)});
  h.add("r1");
  auto ta = h.take("a");
  h.ok_submit(ta.id, "a", "x");
  auto tb = h.take("b");
  REQUIRE(h.engine.release(tb.id, "b", h.now, h.log) == std::nullopt);
  tb = h.take("b");
  h.ok_submit(tb.id, "b", "x");
  REQUIRE(h.engine.counts().tracked_tasks == 3);  // a's and b's ended tasks while r1 is open
  auto again = h.submit(ta.id, "a", "x");
  REQUIRE(again);
  CHECK(again->code == ErrorCode::lease_conflict);
  CHECK(again->message.find("submitted") != std::string::npos);  // still told precisely

  auto tq = h.take("q");
  const std::size_t retired_before = h.log.retired_tasks.size();
  h.ok_submit(tq.id, "q", "x");
  REQUIRE(h.status("r1") == RowStatus::final);
  CHECK(h.engine.counts().tracked_tasks == 0);
  CHECK(h.log.retired_tasks.size() - retired_before == 4);  // every task of r1, QA's included
  for (TaskId old : {ta.id, tq.id}) {
    auto e = h.submit(old, "a", "x");
    REQUIRE(e);
    CHECK(e->code == ErrorCode::lease_conflict);
  }
  auto unknown = h.submit(tq.id + 1000, "a", "x");
  REQUIRE(unknown);
  CHECK(unknown->code == ErrorCode::not_found);
}
