// The `labelflow` project, job and report commands against the fake server: status, rows,
// project pause|resume, import/export (with --wait polling), report (table, --json, --csv).
#include <catch2/catch.hpp>

#include "fake_server.hpp"
#include "run_cli.hpp"

using namespace labelflow::test;
namespace json = boost::json;

namespace {

const char* kProjects =
    R"([{"id": "support-intents", "paused": false, "rows": 1200, "finalized": 800},
                            {"id": "ner-news", "paused": true, "rows": 50, "finalized": 0}])";
const char* kProgress = R"({"project": "support-intents", "paused": false, "rows": 1200,
  "stages": [{"name": "review", "open": 120, "leased": 4, "done": 800},
             {"name": "adjudicate", "open": 7, "leased": 0, "done": 30}],
  "finalized": 800, "escalated": 3, "hours": 41.257, "hours_left_estimate": 12.5})";
const char* kNotFound =
    R"({"error": {"code": "not_found", "message": "no project 'nope'", "details": []}})";

void no_token(const Run& r) {
  CHECK_THAT(r.out, !Catch::Contains(kToken));
  CHECK_THAT(r.err, !Catch::Contains(kToken));
}

void authorized(const FakeServer& server) {
  for (const auto& q : server.requests()) {
    CHECK(q.headers.at("authorization") == std::string("Bearer ") + kToken);
  }
}

}  // namespace

TEST_CASE("cli client: status lists projects or one project's progress") {
  FakeServer server;
  server.on("GET /v1/projects", {{200, kProjects}});
  server.on("GET /v1/projects/support-intents/progress", {{200, kProgress}});
  server.on("GET /v1/projects/nope/progress", {{404, kNotFound}});
  auto all = run_labelflow({"status"}, server.url());
  no_token(all);
  CHECK(all.code == 0);
  CHECK_THAT(all.out, Catch::StartsWith("PROJECT"));
  CHECK_THAT(all.out, Catch::Contains("support-intents  no      1200  800"));
  CHECK_THAT(all.out, Catch::Contains("ner-news         yes     50    0"));
  auto one = run_labelflow({"status", "support-intents"}, server.url());
  no_token(one);
  CHECK(one.code == 0);
  CHECK_THAT(one.out, Catch::Contains("finalized:") && Catch::Contains("800"));
  CHECK_THAT(one.out, Catch::Contains("41.26"));
  CHECK_THAT(one.out, Catch::Contains("12.5"));
  CHECK_THAT(one.out, Catch::Contains("STAGE       OPEN  LEASED  DONE"));
  CHECK_THAT(one.out, Catch::Contains("adjudicate  7     0       30"));
  auto as_json = run_labelflow({"status", "--json"}, server.url());
  CHECK(parse(as_json.out) == parse(kProjects));
  auto missing = run_labelflow({"status", "nope"}, server.url());
  no_token(missing);
  CHECK(missing.code == 1);
  CHECK_THAT(missing.err, Catch::Contains("labelflow: 404 not_found: no project 'nope'"));
  auto requests = server.requests();
  REQUIRE(requests.size() == 4);
  CHECK(requests[0].method == "GET");
  CHECK(requests[0].target == "/v1/projects");
  CHECK(requests[1].target == "/v1/projects/support-intents/progress");
  CHECK(requests[0].body.empty());
  authorized(server);
}

TEST_CASE("cli client: rows shows one row's state, reviews and decision") {
  FakeServer server;
  const char* row = R"({"project": "p", "row": {"id": "r+1", "query": "q?", "response": "a."},
    "state": {"status": "final", "stage": "review", "needed": 0, "agreement": {"intent": 1}},
    "reviews": [{"task": "t-3", "reviewer": "ana", "stage": "review", "submitted_at":
                 "2026-11-26T09:00:00Z", "active_seconds": 40, "labels": {"intent": "question"}}],
    "decision": {"final_labels": {"intent": "question"}, "adjudicator": null,
                 "escalated": false, "decided_at": "2026-11-26T09:01:00Z"}})";
  server.on("GET /v1/projects/p/rows/r%2B1", {{200, row}});
  auto r = run_labelflow({"rows", "p", "r+1"}, server.url());
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("status:") && Catch::Contains("final"));
  CHECK_THAT(r.out, Catch::Contains("TASK  REVIEWER  STAGE"));
  CHECK_THAT(r.out, Catch::Contains("t-3   ana       review  2026-11-26T09:00:00Z  40"));
  CHECK_THAT(r.out, Catch::Contains(R"({"intent":"question"})"));
  CHECK_THAT(r.out, Catch::Contains("decided at:"));
  auto j = run_labelflow({"rows", "p", "r+1", "--json"}, server.url());
  CHECK(parse(j.out) == parse(row));
  auto missing = run_labelflow({"rows", "p", "r-9"}, server.url());
  no_token(missing);
  CHECK(missing.code == 1);
  CHECK_THAT(missing.err, Catch::Contains("404 not_found"));
  authorized(server);
}

TEST_CASE("cli client: project pause and resume") {
  FakeServer server;
  server.on("POST /v1/projects/p/pause", {{200, R"({"project": "p", "paused": true})"}});
  server.on("POST /v1/projects/p/resume", {{200, R"({"project": "p", "paused": false})"}});
  auto pause = run_labelflow({"project", "pause", "p"}, server.url());
  CHECK(pause.code == 0);
  CHECK(pause.out == "project p: paused\n");
  auto resume = run_labelflow({"project", "resume", "p"}, server.url());
  CHECK(resume.out == "project p: running\n");
  server.on("POST /v1/projects/p/pause",
            {{403, R"({"error": {"code": "forbidden", "message": "admin only", "details": []}})"}});
  auto denied = run_labelflow({"project", "pause", "p"}, server.url());
  no_token(denied);
  CHECK(denied.code == 1);
  CHECK_THAT(denied.err, Catch::Contains("403 forbidden: admin only"));
  auto requests = server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].method == "POST");
  CHECK(requests[1].target == "/v1/projects/p/resume");
  authorized(server);
}

TEST_CASE("cli client: import sends its options and --wait polls until finished") {
  FakeServer server;
  server.on("POST /v1/projects/p/imports",
            {{202, R"({"id": "imp-3", "state": "queued", "created_at": "2026-11-26T10:15:00Z"})"}});
  server.on("GET /v1/projects/p/imports/imp-3",
            {{200, R"({"id": "imp-3", "state": "running"})"},
             {200, R"({"id": "imp-3", "state": "finished", "message": "",
                       "created_at": "2026-11-26T10:15:00Z", "finished_at": "2026-11-26T10:15:02Z",
                       "counts": {"inserted": 98, "unchanged": 1, "duplicate_id": 0, "rejected": 1},
                       "errors": [{"key": "incoming/batch-7.jsonl", "line": 17,
                                   "reason": "missing \"response\""}],
                       "errors_truncated": false})"}});
  auto started = run_labelflow(
      {"import", "p", "--key", "incoming/batch-7.jsonl", "--format", "jsonl", "--storage", "local"},
      server.url());
  CHECK(started.code == 0);
  CHECK_THAT(started.out, Catch::Contains("imp-3") && Catch::Contains("queued"));
  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "POST");
  CHECK(parse(requests[0].body) ==
        parse(R"({"key": "incoming/batch-7.jsonl", "format": "jsonl", "storage": "local"})"));

  server.clear();
  server.on("POST /v1/projects/p/imports", {{202, R"({"id": "imp-3", "state": "queued"})"}});
  server.on("GET /v1/projects/p/imports/imp-3", {{200, R"({"id": "imp-3", "state": "running"})"},
                                                 {200, R"({"id": "imp-3", "state": "finished",
                       "counts": {"inserted": 98, "unchanged": 1, "duplicate_id": 0, "rejected": 1},
                       "errors": [{"key": "incoming/batch-7.jsonl", "line": 17,
                                   "reason": "missing \"response\""}]})"}});
  auto waited = run_labelflow({"import", "p", "--prefix", "incoming/", "--wait"}, server.url());
  no_token(waited);
  CHECK(waited.code == 0);
  CHECK_THAT(waited.out, Catch::Contains("finished"));
  CHECK_THAT(waited.out, Catch::Contains("inserted:") && Catch::Contains("98"));
  CHECK_THAT(waited.out, Catch::Contains("rejected:") && Catch::Contains("1"));
  CHECK_THAT(waited.out, Catch::Contains("incoming/batch-7.jsonl  17    missing \"response\""));
  requests = server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(parse(requests[0].body) == parse(R"({"prefix": "incoming/"})"));
  CHECK(requests[1].method == "GET");
  CHECK(requests[1].target == "/v1/projects/p/imports/imp-3");
  CHECK(requests[2].target == "/v1/projects/p/imports/imp-3");
  authorized(server);

  auto both = run_labelflow({"import", "p", "--key", "a", "--prefix", "b"}, server.url());
  CHECK(both.code == 2);
  CHECK_THAT(both.err, Catch::Contains("give --key or --prefix, not both"));
  server.on("POST /v1/projects/p/imports",
            {{400, R"({"error": {"code": "bad_request", "message": "request body is invalid",
                 "details": [{"path": "/format",
                              "message": "must be jsonl or sagemaker-input"}]}})"}});
  auto bad_format = run_labelflow({"import", "p", "--format", "csv"}, server.url());
  no_token(bad_format);
  CHECK(bad_format.code == 1);
  CHECK_THAT(bad_format.err, Catch::Contains("400 bad_request"));
  CHECK_THAT(bad_format.err, Catch::Contains("/format: must be jsonl"));
}

TEST_CASE("cli client: export --wait, and a failed job exits 1") {
  FakeServer server;
  server.on("POST /v1/projects/p/exports", {{202, R"({"id": "exp-1", "state": "running"})"}});
  server.on("GET /v1/projects/p/exports/exp-1",
            {{200, R"({"id": "exp-1", "state": "finished", "rows": 800,
                       "location": "local:exports/p/exp-1.jsonl"})"}});
  auto r = run_labelflow({"export", "p", "--wait"}, server.url());
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("exp-1"));
  CHECK_THAT(r.out, Catch::Contains("local:exports/p/exp-1.jsonl"));
  auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].method == "POST");
  CHECK(parse(requests[0].body) == json::object{});
  CHECK(requests[1].method == "GET");

  auto j = run_labelflow({"export", "p", "--wait", "--json"}, server.url());
  CHECK(j.code == 0);
  CHECK(parse(j.out).at("rows") == 800);

  server.on(
      "GET /v1/projects/p/exports/exp-1",
      {{200, R"({"id": "exp-1", "state": "failed", "message": "sink 'out' is not writable"})"}});
  auto failed = run_labelflow({"export", "p", "--wait"}, server.url());
  no_token(failed);
  CHECK(failed.code == 1);
  CHECK_THAT(failed.err, Catch::Contains("exp-1 failed: sink 'out' is not writable"));
}

TEST_CASE("cli client: report as a table, --json and --csv with week and project") {
  FakeServer server;
  const char* report = R"({"week": "2026-W48", "project": "p", "reviewers": [
    {"reviewer": "ana", "week": "2026-W48", "rows": 120, "hours": 6.5, "cost": 162.5,
     "agreement": 0.912345, "minimum_met": true},
    {"reviewer": "bo", "week": "2026-W48", "rows": 3, "hours": 0.25, "cost": 5,
     "agreement": null, "minimum_met": false}]})";
  const std::string csv = "reviewer,week,rows,hours,cost\nana,2026-W48,120,6.50,162.50\n";
  server.on("GET /v1/reports/weekly?week=2026-W48&project=p", {{200, report}});
  server.on("GET /v1/reports/weekly?week=2026-W48&format=csv", {{200, csv, "text/csv"}});
  server.on("GET /v1/reports/weekly", {{200, R"({"week": "2026-W49", "project": null,
                                                 "reviewers": []})"}});
  auto table = run_labelflow({"report", "--week", "2026-W48", "--project", "p"}, server.url());
  CHECK(table.code == 0);
  CHECK_THAT(table.out, Catch::Contains("week 2026-W48, project p"));
  CHECK_THAT(table.out, Catch::Contains("ana       2026-W48  120   6.50   162.50  0.912      yes"));
  CHECK_THAT(table.out, Catch::Contains("bo        2026-W48  3     0.25   5.00    -          no"));
  auto as_csv = run_labelflow({"report", "--week", "2026-W48", "--csv"}, server.url());
  no_token(as_csv);
  CHECK(as_csv.code == 0);
  CHECK(as_csv.out == csv);
  auto as_json =
      run_labelflow({"report", "--week", "2026-W48", "--project", "p", "--json"}, server.url());
  CHECK(parse(as_json.out) == parse(report));
  auto current = run_labelflow({"report"}, server.url());
  CHECK(current.code == 0);
  CHECK_THAT(current.out, Catch::Contains("week 2026-W49, all projects"));
  CHECK_THAT(current.out, Catch::Contains("no reviews this week"));
  auto requests = server.requests();
  REQUIRE(requests.size() == 4);
  CHECK(requests[0].method == "GET");
  CHECK(requests[1].target == "/v1/reports/weekly?week=2026-W48&format=csv");
  authorized(server);

  auto bad_week = run_labelflow({"report", "--week", "2026-48"}, server.url());
  CHECK(bad_week.code == 2);
  CHECK_THAT(bad_week.err, Catch::Contains("--week must be an ISO week like 2026-W48"));
  auto both = run_labelflow({"report", "--csv", "--json"}, server.url());
  CHECK(both.code == 2);
  server.on("GET /v1/reports/weekly",
            {{403, R"({"error": {"code": "forbidden", "message": "admin only", "details": []}})"}});
  auto denied = run_labelflow({"report"}, server.url());
  no_token(denied);
  CHECK(denied.code == 1);
  CHECK_THAT(denied.err, Catch::Contains("403 forbidden"));
}
