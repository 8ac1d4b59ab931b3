// GET /v1/me against the real daemon: the reviewer's identity, this week's figures after a
// submit (the weekly report's numbers) and the adjudicator's comment as feedback once final.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "daemon_fixture.hpp"

namespace json = boost::json;
using labelflow::test::Daemon;
using labelflow::test::DaemonSetup;
using labelflow::test::kAdminToken;
using labelflow::test::reviewer_token;
using labelflow::test::valid_labels;

namespace {

std::string str(const json::value& v) { return std::string(v.as_string()); }

std::string submit_body(const json::object& labels, const std::string& comment) {
  return json::serialize(
      json::object{{"labels", labels}, {"active_seconds", 90}, {"comment", comment}});
}

// The first of `who` that gets a task of `kind`; submits it with `comment`. Returns the id of
// the reviewer who submitted, or "" when none got such a task.
std::string submit_one(const Daemon& d, const std::vector<std::string>& who,
                       const std::string& kind, const std::string& comment) {
  for (const auto& r : who) {
    auto res = d.call("POST", "/v1/projects/demo/tasks/next", reviewer_token(r));
    if (res.status == 204) continue;
    REQUIRE(res.status == 200);
    auto task = json::parse(res.body).as_object();
    const std::string id(task.at("task").as_string());
    if (str(task.at("kind")) != kind) {
      d.json_call("POST", "/v1/tasks/" + id + "/release", reviewer_token(r));
      continue;
    }
    json::object labels = kind == "review"
                              ? valid_labels(task)
                              : task.at("reviews").at(0).at("labels").as_object();
    auto sub = d.json_call("POST", "/v1/tasks/" + id + "/submit", reviewer_token(r),
                           submit_body(labels, comment));
    CHECK(sub.at("status") == "submitted");
    return r;
  }
  return {};
}

}  // namespace

TEST_CASE("service: /v1/me shows the week's figures and the adjudicator's feedback") {
  DaemonSetup setup;
  setup.demo_rows = 1;
  Daemon d(setup);
  d.start();
  REQUIRE(d.import_rows().at("state") == "finished");

  // Reviewers only: the admin has no reviewer identity.
  CHECK(d.call("GET", "/v1/me", kAdminToken).status == 403);

  auto before = d.json_call("GET", "/v1/me", reviewer_token("alice"));
  INFO(json::serialize(before));
  CHECK(before.at("reviewer").at("id") == "alice");
  CHECK(before.at("reviewer").at("name") == "Alice Martin");
  CHECK(before.at("reviewer").at("weekly_min_hours").to_number<double>() == 10.0);
  CHECK(before.at("week").at("rows").to_number<std::int64_t>() == 0);
  CHECK(before.at("week").at("minimum_met") == false);
  CHECK(before.at("feedback").as_array().empty());

  // Two primary reviews of the one row, then its adjudication with a comment.
  std::vector<std::string> primaries = {"alice", "bob", "frank", "carol", "dave"};
  const std::string first = submit_one(d, primaries, "review", "");
  REQUIRE(!first.empty());
  std::erase(primaries, first);
  const std::string second = submit_one(d, primaries, "review", "");
  REQUIRE(!second.empty());

  auto mine = d.json_call("GET", "/v1/me", reviewer_token(first));
  INFO(json::serialize(mine));
  CHECK(mine.at("week").at("rows").to_number<std::int64_t>() == 1);
  // active_seconds is capped at submitted - claimed, a few milliseconds here.
  const double hours = mine.at("week").at("hours").to_number<double>();
  CHECK(hours >= 0);
  CHECK(hours * 3600 <= 90);
  // The same figures as the admin's weekly report.
  auto report = d.json_call("GET", "/v1/reports/weekly", kAdminToken);
  CHECK(report.at("week") == mine.at("week").at("week"));
  bool listed = false;
  for (const auto& row : report.at("reviewers").as_array()) {
    if (str(row.at("reviewer")) != first) continue;
    listed = true;
    CHECK(row.at("rows") == mine.at("week").at("rows"));
    CHECK(row.at("hours").to_number<double>() == Approx(hours));
    CHECK(row.at("minimum_met") == mine.at("week").at("minimum_met"));
  }
  CHECK(listed);
  CHECK(mine.at("feedback").as_array().empty());

  const std::string comment = "intent: look at the verb before picking a category";
  const std::string judge = submit_one(d, {"erin", "grace", "carol", "dave"}, "adjudicate",
                                       comment);
  REQUIRE(!judge.empty());
  // A non-expert decision on a domain row goes to an expert first (escalation, no comment).
  const std::vector<std::string> all = {"alice", "bob", "carol", "dave", "erin", "frank", "grace"};
  for (int i = 0; i < 3; ++i) {
    auto progress = d.json_call("GET", "/v1/projects/demo/progress", kAdminToken);
    if (progress.at("finalized").to_number<std::int64_t>() == 1) break;
    submit_one(d, all, "escalate", "");
  }
  auto progress = d.json_call("GET", "/v1/projects/demo/progress", kAdminToken);
  REQUIRE(progress.at("finalized").to_number<std::int64_t>() == 1);

  for (const auto& r : {first, second}) {
    auto after = d.json_call("GET", "/v1/me", reviewer_token(r));
    INFO(json::serialize(after));
    const auto& feedback = after.at("feedback").as_array();
    REQUIRE(feedback.size() == 1);
    CHECK(str(feedback[0].at("comment")) == comment);
    CHECK(str(feedback[0].at("from")) == judge);
    CHECK(feedback[0].at("project") == "demo");
    CHECK(feedback[0].at("row").as_string() != "");
    CHECK(feedback[0].at("stage").as_string() != "");
    CHECK(feedback[0].at("at").as_string() != "");
  }
  // The adjudicator's own comment is not feedback to them.
  auto judge_view = d.json_call("GET", "/v1/me", reviewer_token(judge));
  CHECK(judge_view.at("feedback").as_array().empty());
}
