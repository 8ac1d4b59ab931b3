// One test (at least) per invariant of DESIGN section 2 that the engine owns (I1-I6; I5's
// plugin validation is the caller's, the engine's share is refusing unknown labels).
#include <set>

#include "harness.hpp"

using namespace labelflow::core;
using namespace labelflow::core::testing;

TEST_CASE("I1: a reviewer never takes two stages of one row", "[core][I1]") {
  // Everybody has both roles, so only I1 keeps a primary from adjudicating its own row.
  Harness h(project(), {reviewer("a", kPQ), reviewer("b", kPQ), reviewer("c", kPQ)});
  for (int i = 0; i < 30; ++i) h.add("r" + std::to_string(i));
  std::vector<std::string> who = {"a", "b", "c"};
  for (int round = 0; round < 200; ++round) {
    const auto& r = who[round % 3];
    if (auto t = h.next(r)) h.ok_submit(t->id, r, round % 2 ? "x" : "y");
  }
  std::map<std::string, std::set<std::string>> by_row;
  std::map<std::string, int> count;
  for (const auto& rv : h.log.reviews) {
    by_row[rv.row_id].insert(rv.reviewer);
    ++count[rv.row_id];
  }
  REQUIRE(by_row.size() == 30);
  for (const auto& [row, set] : by_row) {
    REQUIRE(set.size() == static_cast<std::size_t>(count[row]));
    REQUIRE(h.status(row) == RowStatus::final);
  }
}

TEST_CASE("I1: a reviewer with thousands of reviews queued for QA is still served fast",
          "[core][I1]") {
  // a and b review 3000 rows; then a (also QA) asks for work: every QA row excludes a.
  Harness h(project(), {reviewer("a", kPQ), reviewer("b", kP), reviewer("q", kQ)});
  for (int i = 0; i < 3000; ++i) h.add("r" + std::to_string(i));
  for (int i = 0; i < 3000; ++i) {
    h.ok_submit(h.take("a").id, "a", "x");
    h.ok_submit(h.take("b").id, "b", "x");
  }
  h.add("fresh");
  auto t = h.take("a");
  REQUIRE(t.row_id == "fresh");  // not one of the 3000 QA rows it reviewed
  REQUIRE(h.take("q").kind == StageKind::adjudicate);
}

TEST_CASE("I2: review tasks never show peer reviews; adjudication shows them", "[core][I2]") {
  Harness h(project(), {reviewer("a", kP), reviewer("b", kP), reviewer("q", kQ)});
  h.add("r");
  auto ta = h.take("a");
  h.ok_submit(ta.id, "a", "x");
  auto tb = h.take("b");  // taken after a submitted: still blind
  REQUIRE(tb.kind == StageKind::review);
  REQUIRE(tb.earlier_reviews.empty());
  REQUIRE(tb.agreement.empty());
  REQUIRE(h.engine.task_view(tb.id)->earlier_reviews.empty());
  h.ok_submit(tb.id, "b", "y");
  auto tq = h.take("q");
  REQUIRE(tq.earlier_reviews.size() == 2);
  REQUIRE(tq.earlier_reviews[0].labels.at("intent") == "x");
  REQUIRE(tq.earlier_reviews[1].labels.at("intent") == "y");
}

TEST_CASE("I3: the last chance requires the missing expertise", "[core][I3]") {
  // Only q (QA) is a finance expert, so primaries are not required to be; but if no primary
  // is, the QA slot must be q.
  Harness h(project({"finance"}), {reviewer("a", kP), reviewer("b", kP), reviewer("q", kQ),
                                   reviewer("qf", kQ, {"finance"})});
  h.add("fin", "question", {"finance"});
  h.ok_submit(h.take("a").id, "a", "x");
  h.ok_submit(h.take("b").id, "b", "x");
  REQUIRE_FALSE(h.next("q"));  // a non-expert cannot take the last chance
  auto t = h.take("qf");
  h.ok_submit(t.id, "qf", "x");
  REQUIRE(h.status("fin") == RowStatus::final);
  auto rv = h.reviews("fin");
  REQUIRE(rv[0]->best_effort);
  REQUIRE_FALSE(rv[2]->best_effort);
  REQUIRE(rv[2]->expert);
}

TEST_CASE("I3: the second primary slot requires expertise when QA cannot cover", "[core][I3]") {
  Harness h(project({"law"}),
            {reviewer("a", kP), reviewer("b", kP), reviewer("e", kP, {"law"}), reviewer("q", kQ)});
  h.add("legal", "question", {"law"});
  h.add("plain");
  auto ta = h.take("a");  // a non-expert may take the first of two slots
  REQUIRE(ta.row_id == "legal");
  auto tb = h.take("b");  // but not the last chance
  REQUIRE(tb.row_id == "plain");
  auto te = h.take("e");
  REQUIRE(te.row_id == "legal");
}

TEST_CASE("I3: a specialized row no expert can ever review is set aside", "[core][I3]") {
  Harness h(project({"law"}), {reviewer("a", kP), reviewer("b", kP), reviewer("q", kQ)});
  h.add("legal", "question", {"law"});
  REQUIRE(h.status("legal") == RowStatus::set_aside);
  REQUIRE(h.log.rows.back().set_aside_reason.find("law") != std::string::npos);
}

TEST_CASE("I4: a non-expert QA overruling the experts escalates to another expert", "[core][I4]") {
  Harness h(project({"medical"}), {reviewer("e1", kP, {"medical"}), reviewer("e2", kP, {"medical"}),
                                   reviewer("q", kQ), reviewer("eq", kQ, {"medical"})});
  h.add("med", "flu", {"medical"});
  h.ok_submit(h.take("e1").id, "e1", "flu");
  h.ok_submit(h.take("e2").id, "e2", "cold");
  auto tq = h.take("q");  // non-expert QA may adjudicate (experts already cover the domain)
  h.ok_submit(tq.id, "q", "allergy");  // differs from every expert primary
  REQUIRE(h.status("med") == RowStatus::open);
  REQUIRE(h.engine.row_state("med")->stage == 2);  // escalation
  REQUIRE_FALSE(h.next("q"));                      // never the QA reviewer
  auto te = h.take("e1");                          // an expert primary may take it
  REQUIRE(te.kind == StageKind::escalate);
  REQUIRE(te.earlier_reviews.size() == 3);
  h.ok_submit(te.id, "e1", "flu");
  const auto* d = h.decision("med");
  REQUIRE(d->escalated);
  REQUIRE(d->escalation_reviewer == "e1");
  REQUIRE(d->adjudicator == "q");
  REQUIRE(d->final_labels.at("intent") == "flu");
  auto rv = h.reviews("med");
  REQUIRE(rv[2]->best_effort);  // the non-expert QA's labels
  REQUIRE(rv[3]->role == "escalation");
}

TEST_CASE("I4: a non-expert QA agreeing with an expert primary does not escalate", "[core][I4]") {
  Harness h(project({"medical"}),
            {reviewer("e1", kP, {"medical"}), reviewer("n", kP), reviewer("q", kQ)});
  h.add("med", "flu", {"medical"});
  h.ok_submit(h.take("e1").id, "e1", "flu");
  h.ok_submit(h.take("n").id, "n", "cold");
  h.ok_submit(h.take("q").id, "q", "flu");
  REQUIRE(h.status("med") == RowStatus::final);
  REQUIRE_FALSE(h.decision("med")->escalated);
}

TEST_CASE("I5: labels the project does not declare are refused and change nothing", "[core][I5]") {
  Harness h(project(), {reviewer("a", kP), reviewer("b", kP), reviewer("q", kQ)});
  h.add("r");
  auto t = h.take("a");
  Changes c;
  SubmitInput in;
  in.labels["sentiment"] = "x";
  auto e = h.engine.submit(t.id, "a", in, h.docs["r"], h.now, c);
  REQUIRE(e);
  REQUIRE(e->code == ErrorCode::validation_failed);
  REQUIRE(e->message.find("/labels/sentiment") != std::string::npos);
  REQUIRE(c.empty());
  h.ok_submit(t.id, "a", "x");  // the lease is intact
}
