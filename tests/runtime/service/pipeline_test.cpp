// The wired daemon over HTTP: import, the default pipeline until rows are final and exported,
// I5 (an invalid submission changes nothing), I6 (lease_conflict after a takeover), pause.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "daemon_fixture.hpp"

namespace json = boost::json;
namespace fs = std::filesystem;
using labelflow::test::Daemon;
using labelflow::test::DaemonSetup;
using labelflow::test::kAdminToken;
using labelflow::test::reviewer_token;
using labelflow::test::valid_labels;

namespace {

const std::vector<std::string> kAll = {"alice", "bob", "carol", "dave", "erin", "frank", "grace"};

std::string submit_body(const json::object& labels) {
  return json::serialize(json::object{{"labels", labels}, {"active_seconds", 30}});
}

// Every export line under the sink, by row id.
std::map<std::string, json::object> exported(const Daemon& d) {
  std::map<std::string, json::object> out;
  const fs::path dir = d.root() / "data/demo/exports";
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().extension() != ".jsonl") continue;
    std::ifstream in(e.path());
    std::string line;
    while (std::getline(in, line)) {
      auto o = json::parse(line).as_object();
      out[std::string(o.at("row").at("id").as_string())] = o;
    }
  }
  return out;
}

std::string error_code(const labelflow::test::HttpResponse& r) {
  return std::string(json::parse(r.body).at("error").at("code").as_string());
}

}  // namespace

TEST_CASE("service: demo rows pass the default pipeline over HTTP, become final and exported") {
  DaemonSetup setup;
  setup.demo_rows = 12;
  Daemon d(setup);
  d.start();
  auto rec = d.import_rows();
  INFO(json::serialize(rec));
  REQUIRE(rec.at("state") == "finished");
  CHECK(rec.at("counts").at("inserted").as_int64() == 12);
  // Re-importing the same object is safe: every row is unchanged.
  auto again = d.import_rows();
  CHECK(again.at("counts").at("unchanged").as_int64() == 12);
  CHECK(again.at("counts").at("inserted").as_int64() == 0);

  std::size_t submits = 0;
  for (int round = 0; round < 100; ++round) {
    auto progress = d.json_call("GET", "/v1/projects/demo/progress", kAdminToken).as_object();
    if (progress.at("finalized").as_int64() + progress.at("set_aside").as_int64() == 12) break;
    for (const auto& r : kAll) {
      auto res = d.call("POST", "/v1/projects/demo/tasks/next", reviewer_token(r));
      if (res.status == 204) continue;
      REQUIRE(res.status == 200);
      auto task = json::parse(res.body).as_object();
      json::object labels;
      if (task.at("kind") == "review") {
        CHECK_FALSE(task.contains("reviews"));  // I2: blind
        labels = valid_labels(task);
      } else {
        auto& reviews = task.at("reviews").as_array();
        REQUIRE(reviews.size() >= 2);
        CHECK(task.at("diff").as_object().contains("intent"));
        labels = reviews[0].at("labels").as_object();
      }
      const std::string id(task.at("task").as_string());
      auto sub = d.json_call("POST", "/v1/tasks/" + id + "/submit", reviewer_token(r),
                             submit_body(labels));
      CHECK(sub.at("status") == "submitted");
      ++submits;
    }
  }
  auto progress = d.json_call("GET", "/v1/projects/demo/progress", kAdminToken).as_object();
  CHECK(progress.at("finalized").as_int64() == 12);
  CHECK(submits >= 36);

  auto metrics = labelflow::test::request(d.port(), "GET", "/metrics");
  CHECK(metrics.body.find("labelflow_rows{project=\"demo\",status=\"final\"} 12") !=
        std::string::npos);
  CHECK(metrics.body.find("labelflow_queue_rows{project=\"demo\",stage=\"qa\"}") !=
        std::string::npos);
  // The store and lease counters are exported.
  CHECK(metrics.body.find("# TYPE labelflow_store_commits_total counter") != std::string::npos);
  CHECK(metrics.body.find("labelflow_store_batches_total ") != std::string::npos);
  CHECK(metrics.body.find("labelflow_store_batches_per_commit_bucket{le=\"1\"}") !=
        std::string::npos);
  CHECK(metrics.body.find("labelflow_leases_expired_total{project=\"demo\"} 0") !=
        std::string::npos);

  auto row = d.json_call("GET", "/v1/projects/demo/rows/dolly-o15990-r0", kAdminToken);
  CHECK(row.at("state").at("status") == "final");
  CHECK(row.at("reviews").as_array().size() >= 3);
  CHECK(row.at("decision").at("adjudicator").as_string() != "");

  // The streaming exporter writes every final row to the sink within a few seconds.
  std::map<std::string, json::object> lines;
  for (int i = 0; i < 100 && lines.size() < 12; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    lines = exported(d);
  }
  REQUIRE(lines.size() == 12);
  const auto& line = lines.begin()->second;
  for (const char* key : {"row", "final_labels", "reviews", "agreement", "decision",
                          "provenance"}) {
    CHECK(line.contains(key));
  }
  CHECK(line.at("provenance").at("project_config_hash").as_string().size() == 16);

  auto agreement = d.json_call("GET", "/v1/projects/demo/agreement", kAdminToken);
  CHECK(agreement.at("labels").as_object().contains("intent"));
  auto reviewers = d.json_call("GET", "/v1/projects/demo/reviewers", reviewer_token("alice"));
  CHECK(reviewers.as_array().size() == 7);

  // Weekly report: JSON and payroll CSV with every reviewer who worked this week.
  auto report = d.json_call("GET", "/v1/reports/weekly?project=demo", kAdminToken);
  CHECK(report.at("reviewers").as_array().size() >= 3);
  auto csv = d.call("GET", "/v1/reports/weekly?format=csv", kAdminToken);
  CHECK(csv.status == 200);
  CHECK(csv.body.rfind("reviewer,week,rows,hours,cost,agreement,minimum_met", 0) == 0);
  CHECK(d.call("GET", "/v1/reports/weekly?week=2026-48", kAdminToken).status == 400);

  // A full export on demand: one object set with its manifest.
  auto exp = d.json_call("POST", "/v1/projects/demo/exports", kAdminToken, "", 202);
  const std::string exp_id(exp.at("id").as_string());
  json::value state;
  for (int i = 0; i < 100; ++i) {
    state = d.json_call("GET", "/v1/projects/demo/exports/" + exp_id, kAdminToken);
    if (state.at("state") != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(state.at("state") == "finished");
  CHECK(state.at("rows").as_int64() == 12);
  CHECK(fs::exists(d.root() / "data" / std::string(state.at("location").as_string()) /
                   "_manifest.json"));
  CHECK(d.terminate() == 0);
}

TEST_CASE("service: an invalid submission is refused with per-field errors and changes nothing") {
  DaemonSetup setup;
  setup.demo_rows = 3;
  Daemon d(setup);
  d.start();
  d.import_rows();
  auto task = d.json_call("POST", "/v1/projects/demo/tasks/next", reviewer_token("alice"))
                  .as_object();
  const std::string id(task.at("task").as_string());
  const std::string row(task.at("row").at("id").as_string());
  auto labels = valid_labels(task);
  labels["intent"] = "not-a-class";
  labels["bogus"] = 1;
  labels.erase("quality");
  auto res = d.call("POST", "/v1/tasks/" + id + "/submit", reviewer_token("alice"),
                    submit_body(labels));
  REQUIRE(res.status == 422);
  CHECK(error_code(res) == "validation_failed");
  std::set<std::string> paths;
  const json::value body = json::parse(res.body);
  for (const auto& det : body.at("error").at("details").as_array()) {
    paths.insert(std::string(det.at("path").as_string()));
  }
  CHECK(paths.count("/labels/intent") == 1);
  CHECK(paths.count("/labels/bogus") == 1);
  CHECK(paths.count("/labels/quality") == 1);
  auto stored = d.json_call("GET", "/v1/projects/demo/rows/" + row, kAdminToken);
  CHECK(stored.at("reviews").as_array().empty());
  // The lease is untouched: the same reviewer submits valid labels to the same task.
  auto ok = d.json_call("POST", "/v1/tasks/" + id + "/submit", reviewer_token("alice"),
                        submit_body(valid_labels(task)));
  CHECK(ok.at("status") == "submitted");

  // Pause: no task is handed out; resume: tasks again.
  d.json_call("POST", "/v1/projects/demo/pause", kAdminToken);
  CHECK(d.call("POST", "/v1/projects/demo/tasks/next", reviewer_token("bob")).status == 204);
  d.json_call("POST", "/v1/projects/demo/resume", kAdminToken);
  CHECK(d.call("POST", "/v1/projects/demo/tasks/next", reviewer_token("bob")).status == 200);
  // Reviewers may not call admin routes.
  CHECK(d.call("POST", "/v1/projects/demo/imports", reviewer_token("bob"), "{}").status == 403);
}

TEST_CASE("service: a lease taken over after its TTL answers lease_conflict and changes nothing") {
  const std::string row =
      R"({"id": "lease-1", "context": "", "query": "Say hello", "response": "Hello there.",)"
      R"( "auto_labels": {}, "metadata": {"domain": "general"}})";
  DaemonSetup setup;
  setup.lease_ttl_seconds = 10;
  setup.demo_rows = 0;
  setup.extra_rows = {row};
  Daemon d(setup);
  d.start();
  d.import_rows();
  auto a = d.json_call("POST", "/v1/projects/demo/tasks/next", reviewer_token("alice"));
  const std::string task(a.at("task").as_string());
  std::this_thread::sleep_for(std::chrono::milliseconds(10'500));  // past the TTL
  auto b = d.json_call("POST", "/v1/projects/demo/tasks/next", reviewer_token("bob"));
  CHECK(b.at("row").at("id") == "lease-1");
  auto c = d.json_call("POST", "/v1/projects/demo/tasks/next", reviewer_token("frank"));
  CHECK(c.at("row").at("id") == "lease-1");
  auto hb = d.call("POST", "/v1/tasks/" + task + "/heartbeat", reviewer_token("alice"));
  CHECK(hb.status == 409);
  auto sub = d.call("POST", "/v1/tasks/" + task + "/submit", reviewer_token("alice"),
                    submit_body(valid_labels(a.as_object())));
  REQUIRE(sub.status == 409);
  CHECK(error_code(sub) == "lease_conflict");
  auto stored = d.json_call("GET", "/v1/projects/demo/rows/lease-1", kAdminToken);
  CHECK(stored.at("reviews").as_array().empty());
}
