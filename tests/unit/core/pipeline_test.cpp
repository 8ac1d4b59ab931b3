#include "harness.hpp"

using namespace labelflow::core;
using namespace labelflow::core::testing;

TEST_CASE("default pipeline: two primaries then QA always, decision from QA", "[core]") {
  Harness h(project(), {reviewer("a", kP), reviewer("b", kP), reviewer("q", kQ)});
  h.add("r1");
  auto ta = h.take("a");
  auto tb = h.take("b");
  REQUIRE(ta.row_id == "r1");
  REQUIRE(tb.row_id == "r1");
  REQUIRE_FALSE(h.next("q"));  // QA waits for both reviews
  h.ok_submit(ta.id, "a", "question");
  h.ok_submit(tb.id, "b", "request");
  auto tq = h.take("q");
  REQUIRE(tq.kind == StageKind::adjudicate);
  h.ok_submit(tq.id, "q", "request");
  REQUIRE(h.status("r1") == RowStatus::final);
  const auto* d = h.decision("r1");
  REQUIRE(d);
  REQUIRE(d->final_labels.at("intent") == "request");
  REQUIRE(d->adjudicator == "q");
  REQUIRE_FALSE(d->escalated);
  REQUIRE(d->agreement.at("intent") == 0.0);
  auto rv = h.reviews("r1");
  REQUIRE(rv.size() == 3);
  REQUIRE(rv[0]->label_status.at("intent") == LabelStatus::confirmed);
  REQUIRE(rv[1]->label_status.at("intent") == LabelStatus::corrected);
  REQUIRE(rv[2]->role == "qa");
  REQUIRE(rv[0]->role == "primary");
}

TEST_CASE("invalid or missing auto labels give no_auto_label and an empty start", "[core]") {
  Harness h(project(), {reviewer("a", kP), reviewer("b", kP), reviewer("q", kQ)});
  h.add("r1", "");  // no auto label
  h.add("r2");
  h.docs["r2"].invalid_auto_labels = {"intent"};
  REQUIRE(h.docs["r2"].start_labels().empty());
  REQUIRE(h.docs["r2"].content.auto_labels.contains("intent"));  // kept, flagged
  for (const char* row : {"r1", "r2"}) {
    auto t = h.take("a");
    REQUIRE(t.row_id == row);
    h.ok_submit(t.id, "a", "question");
    REQUIRE(h.reviews(row).back()->label_status.at("intent") == LabelStatus::no_auto_label);
  }
}

TEST_CASE("order: later stages first, then priority, then import order", "[core]") {
  Harness h(project(), {reviewer("a", kP), reviewer("b", kP), reviewer("c", kPQ)});
  h.add("low", "question", {}, 0);
  h.add("high", "question", {}, 5);
  h.add("low2", "question", {}, 0);
  auto t1 = h.take("a");
  REQUIRE(t1.row_id == "high");
  auto t2 = h.take("b");
  REQUIRE(t2.row_id == "high");
  h.ok_submit(t1.id, "a", "x");
  h.ok_submit(t2.id, "b", "x");
  // c may review or adjudicate: the adjudication of "high" comes first.
  auto t3 = h.take("c");
  REQUIRE(t3.row_id == "high");
  REQUIRE(t3.kind == StageKind::adjudicate);
  h.ok_submit(t3.id, "c", "x");
  auto t4 = h.take("c");
  REQUIRE(t4.row_id == "low");
  auto t5 = h.take("a");
  REQUIRE(t5.row_id == "low");
  auto t6 = h.take("b");
  REQUIRE(t6.row_id == "low2");
}

TEST_CASE("experts are offered specialized rows first", "[core]") {
  Harness h(project({"medical"}), {reviewer("e", kP, {"medical"}), reviewer("n", kP),
                                   reviewer("n2", kP), reviewer("q", kQ, {"medical"})});
  h.add("plain");
  h.add("med", "question", {"medical"});
  REQUIRE(h.take("e").row_id == "med");
  REQUIRE(h.take("n").row_id == "plain");
}

TEST_CASE("three primaries, adjudicate on disagreement with sampling", "[core]") {
  auto spec = project();
  auto stages = default_pipeline();
  stages[0].reviewers = 3;
  stages[1].when = AdjudicateWhen::disagreement;
  stages[1].sample_rate = 0.0;
  spec.stages = stages;
  Harness h(spec, {reviewer("a", kP), reviewer("b", kP), reviewer("c", kP), reviewer("q", kQ)});
  h.add("agree");
  h.add("split");
  for (const char* r : {"a", "b", "c"}) h.ok_submit(h.take(r).id, r, "x");
  REQUIRE(h.status("agree") == RowStatus::final);  // agreement 1: no adjudication
  REQUIRE(h.decision("agree")->adjudicator.empty());
  REQUIRE(h.decision("agree")->final_labels.at("intent") == "x");
  h.ok_submit(h.take("a").id, "a", "x");
  h.ok_submit(h.take("b").id, "b", "y");
  h.ok_submit(h.take("c").id, "c", "y");
  auto tq = h.take("q");
  REQUIRE(tq.row_id == "split");
  REQUIRE(tq.earlier_reviews.size() == 3);
  REQUIRE(tq.agreement.at("intent") == Approx(1.0 / 3));
  h.ok_submit(tq.id, "q", "y");
  REQUIRE(h.decision("split")->final_labels.at("intent") == "y");
}

TEST_CASE("sampling adjudicates a deterministic share of agreeing rows", "[core]") {
  auto spec = project();
  auto stages = default_pipeline();
  stages[0].reviewers = 1;
  stages[0].agree_threshold = 0.0;
  stages[1].when = AdjudicateWhen::disagreement;
  stages[1].agree_threshold = 0.5;
  stages[1].sample_rate = 0.1;
  spec.stages = stages;
  spec.seed = 42;
  Harness h(spec, {reviewer("a", kP), reviewer("q", kQ)});
  int adjudicated = 0;
  for (int i = 0; i < 400; ++i) {
    const std::string id = "r" + std::to_string(i);
    h.add(id);
    auto t = h.take("a");
    h.ok_submit(t.id, "a", "question");  // agrees with the auto label: agreement 1
    if (auto q = h.next("q")) {
      ++adjudicated;
      h.ok_submit(q->id, "q", "question");
    }
    REQUIRE(h.status(id) == RowStatus::final);
  }
  REQUIRE(adjudicated > 20);
  REQUIRE(adjudicated < 60);
}

TEST_CASE("a reconfigured sample rate applies from the next decision on", "[core]") {
  auto spec = project();
  auto stages = default_pipeline();
  stages[1].when = AdjudicateWhen::disagreement;
  stages[1].sample_rate = 0.0;
  spec.stages = stages;
  const std::vector<ReviewerSpec> team = {reviewer("a", kP), reviewer("b", kP), reviewer("q", kQ)};
  Harness h(spec, team);
  h.add("before");
  h.add("after");
  h.ok_submit(h.take("a").id, "a", "x");
  h.ok_submit(h.take("b").id, "b", "x");
  REQUIRE(h.status("before") == RowStatus::final);  // agreeing, not sampled: no QA
  auto first = h.take("a");
  REQUIRE(first.row_id == "after");
  h.ok_submit(first.id, "a", "x");
  // Every agreeing row is adjudicated from now on, the row already in flight included.
  spec.stages[1].sample_rate = 1.0;
  Changes c;
  h.engine.reconfigure(spec, team, h.now, c);
  h.ok_submit(h.take("b").id, "b", "x");
  REQUIRE(h.status("after") == RowStatus::open);
  auto qa = h.take("q");
  REQUIRE(qa.row_id == "after");
  h.ok_submit(qa.id, "q", "x");
  REQUIRE(h.decision("after")->adjudicator == "q");
}

TEST_CASE("add_reviewer_below adds reviewers up to max_reviewers", "[core]") {
  auto spec = project();
  auto stages = default_pipeline();
  stages[0].reviewers = 1;
  stages[0].add_reviewer_below = 1.0;
  stages[0].max_reviewers = 3;
  stages[1].when = AdjudicateWhen::disagreement;
  spec.stages = stages;
  Harness h(spec, {reviewer("a", kP), reviewer("b", kP), reviewer("c", kP), reviewer("q", kQ)});
  h.add("r");
  h.ok_submit(h.take("a").id, "a", "other");  // disagrees with the auto label
  h.ok_submit(h.take("b").id, "b", "other2");
  REQUIRE(h.engine.row_state("r")->needed == 3);
  h.ok_submit(h.take("c").id, "c", "other");
  auto tq = h.take("q");  // still below: adjudicated
  REQUIRE(tq.earlier_reviews.size() == 3);
  h.ok_submit(tq.id, "q", "other");
  REQUIRE(h.status("r") == RowStatus::final);
}

TEST_CASE("rows nobody can review are set aside with a reason", "[core]") {
  Harness h(project(), {reviewer("a", kP), reviewer("q", kQ)});  // one primary, two needed
  h.add("r");
  REQUIRE(h.status("r") == RowStatus::set_aside);
  REQUIRE(h.log.rows.back().set_aside_reason.find("not enough eligible") != std::string::npos);
  REQUIRE_FALSE(h.next("a"));
}
