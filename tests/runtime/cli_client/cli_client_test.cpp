// The `labelflow` client commands run as a program against a fake HTTP server (fake_server.hpp):
// the requests they send (method, path, body, Authorization), their output (tables, --json),
// exit codes, network errors and usage errors. Reviewer commands here; project, job and report
// commands in cli_client_jobs_test.cpp.
#include <catch2/catch.hpp>

#include "fake_server.hpp"
#include "run_cli.hpp"

using namespace labelflow::test;
namespace json = boost::json;

namespace {

const char* kTask =
    R"({"task": "t-17", "stage": "review", "lease_expires_at": "2026-11-26T10:45:00Z",
 "row": {"id": "r-0001", "context": "", "query": "Where is my card?\nIt was sent last week.",
         "response": "Your card was posted on Monday and should arrive within five working days, )"
    R"(tracking is in the app under Orders.", "metadata": {"domain": "financial"}},
 "labels": {"intent": "question", "entities": [{"start": 0, "end": 5, "type": "ORG"}]},
 "widgets": {"intent": "/widgets/classification.widget.js"}})";

const char* kLeaseConflict =
    R"({"error": {"code": "lease_conflict", "message": "task t-17 was taken over by r2",
                  "details": []}})";

void no_token(const Run& r) {
  CHECK_THAT(r.out, !Catch::Contains(kToken));
  CHECK_THAT(r.err, !Catch::Contains(kToken));
}

}  // namespace

TEST_CASE("cli client: next prints the task, --json the server's JSON, 204 exits 3") {
  FakeServer server;
  server.on("POST /v1/projects/support-intents/tasks/next", {{200, kTask}});
  auto r = run_labelflow({"next", "support-intents"}, server.url());
  CHECK(r.code == 0);
  no_token(r);
  CHECK(r.err.empty());
  CHECK_THAT(r.out, Catch::Contains("task:") && Catch::Contains("t-17"));
  CHECK_THAT(r.out, Catch::Contains("stage:") && Catch::Contains("review"));
  CHECK_THAT(r.out, Catch::Contains("r-0001"));
  CHECK_THAT(r.out, Catch::Contains("Where is my card? It was sent last week."));
  CHECK_THAT(r.out, Catch::Contains("Your card was posted"));
  CHECK_THAT(r.out, Catch::Contains("..."));  // the long response is cut
  CHECK_THAT(r.out, Catch::Contains("LABEL") && Catch::Contains("START FROM"));
  CHECK_THAT(r.out, Catch::Contains(R"([{"start":0,"end":5,"type":"ORG"}])"));
  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "POST");
  CHECK(requests[0].target == "/v1/projects/support-intents/tasks/next");
  CHECK(requests[0].headers["authorization"] == std::string("Bearer ") + kToken);
  CHECK(parse(requests[0].body) == json::object{});

  auto j = run_labelflow({"next", "support-intents", "--json"}, server.url());
  CHECK(j.code == 0);
  CHECK(parse(j.out) == parse(kTask));

  // Path segments are percent-encoded.
  server.on("POST /v1/projects/a%20b%2Fc/tasks/next", {{204, ""}});
  auto none = run_labelflow({"next", "a b/c"}, server.url());
  CHECK(none.code == 3);
  CHECK(none.out.empty());
  CHECK_THAT(none.err, Catch::Contains("no task available in project 'a b/c'"));
  no_token(none);
}

TEST_CASE("cli client: submit sends the labels file, stdin, active seconds and comment") {
  FakeServer server;
  server.on("POST /v1/tasks/t-17/submit", {{200, R"({"task": "t-17", "status": "submitted",
                       "label_status": {"intent": "corrected", "entities": "confirmed"}})"}});
  const auto labels = write_file("labels.json", R"({"intent": "request", "entities": []})");
  auto r = run_labelflow(
      {"submit", "t-17", "--labels", labels, "--active-seconds", "95", "--comment", "ambiguous"},
      server.url());
  CHECK(r.code == 0);
  no_token(r);
  CHECK_THAT(r.out, Catch::Contains("task t-17: submitted"));
  CHECK_THAT(r.out, Catch::Contains("intent") && Catch::Contains("corrected"));
  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "POST");
  CHECK(requests[0].target == "/v1/tasks/t-17/submit");
  CHECK(requests[0].headers["authorization"] == std::string("Bearer ") + kToken);
  CHECK(requests[0].headers["content-type"] == "application/json");
  CHECK(parse(requests[0].body) == parse(R"({"labels": {"intent": "request", "entities": []},
                                             "active_seconds": 95, "comment": "ambiguous"})"));

  server.clear();
  server.on("POST /v1/tasks/t-18/submit", {{200, R"({"task": "t-18", "status": "submitted"})"}});
  auto piped =
      run_labelflow({"submit", "t-18", "--labels", "-", "--json"}, server.url(), kToken, labels);
  CHECK(piped.code == 0);
  CHECK(parse(piped.out) == parse(R"({"task": "t-18", "status": "submitted"})"));
  REQUIRE(server.requests().size() == 1);
  CHECK(parse(server.requests()[0].body) ==
        parse(R"({"labels": {"intent": "request", "entities": []}})"));
}

TEST_CASE("cli client: submit reports server errors (exit 1) and bad labels files (exit 2)") {
  FakeServer server;
  server.on("POST /v1/tasks/t-17/submit", {{409, kLeaseConflict}});
  const auto labels = write_file("labels.json", R"({"intent": "request"})");
  auto conflict = run_labelflow({"submit", "t-17", "--labels", labels}, server.url());
  CHECK(conflict.code == 1);
  CHECK(conflict.out.empty());
  CHECK_THAT(conflict.err,
             Catch::Contains("labelflow: 409 lease_conflict: task t-17 was taken over by r2"));
  no_token(conflict);

  server.on(
      "POST /v1/tasks/t-17/submit",
      {{422, R"({"error": {"code": "validation_failed", "message": "label 'intent' is invalid",
                "details": [{"path": "/labels/intent",
                             "message": "unknown class \"requst\""}]}})"}});
  auto invalid = run_labelflow({"submit", "t-17", "--labels", labels}, server.url());
  CHECK(invalid.code == 1);
  CHECK_THAT(invalid.err, Catch::Contains("422 validation_failed: label 'intent' is invalid"));
  CHECK_THAT(invalid.err, Catch::Contains("/labels/intent: unknown class \"requst\""));
  auto invalid_json = run_labelflow({"submit", "t-17", "--labels", labels, "--json"}, server.url());
  CHECK(invalid_json.code == 1);
  CHECK(parse(invalid_json.out).at("error").at("code") == "validation_failed");

  server.clear();
  auto bad = [&](std::vector<std::string> args, const char* expected,
                 const std::string& stdin_file = "") {
    auto r = run_labelflow(args, server.url(), kToken, stdin_file);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains(expected));
    no_token(r);
  };
  bad({"submit", "t-17", "--labels", "/nonexistent/labels.json"},
      "/nonexistent/labels.json: cannot be opened for reading");
  bad({"submit", "t-17", "--labels", write_file("broken.json", "{\"intent\": ")},
      "broken.json: not valid JSON");
  bad({"submit", "t-17", "--labels", write_file("list.json", "[1, 2]")},
      "expected a JSON object of labels");
  bad({"submit", "t-17", "--labels", "-"}, "stdin: not valid JSON");
  bad({"submit", "t-17"}, "--labels FILE is required");
  bad({"submit", "t-17", "--labels", labels, "--active-seconds", "-3"},
      "--active-seconds must be a number >= 0 (got '-3')");
  bad({"submit", "t-17", "--labels", labels, "--active-seconds", "12s"},
      "--active-seconds must be a number >= 0 (got '12s')");
  bad({"submit", "--labels", labels}, "missing argument");
  CHECK(server.requests().empty());  // bad input never reaches the server
}

TEST_CASE("cli client: skip, release and heartbeat") {
  FakeServer server;
  server.on("POST /v1/tasks/t-17/skip", {{200, R"({"task": "t-17", "status": "skipped"})"}});
  server.on("POST /v1/tasks/t-17/release", {{200, R"({"task": "t-17", "status": "released"})"}});
  server.on("POST /v1/tasks/t-17/heartbeat",
            {{200, R"({"task": "t-17", "lease_expires_at": "2026-11-26T11:15:00Z"})"}});
  auto skip = run_labelflow({"skip", "t-17", "--reason", "not_english"}, server.url());
  CHECK(skip.code == 0);
  CHECK(skip.out == "task t-17: skipped\n");
  auto release = run_labelflow({"release", "t-17"}, server.url());
  CHECK(release.code == 0);
  CHECK(release.out == "task t-17: released\n");
  auto beat = run_labelflow({"heartbeat", "t-17"}, server.url());
  CHECK(beat.code == 0);
  CHECK(beat.out == "task t-17: lease extended until 2026-11-26T11:15:00Z\n");
  auto beat_json = run_labelflow({"heartbeat", "t-17", "--json"}, server.url());
  CHECK(parse(beat_json.out).at("lease_expires_at") == "2026-11-26T11:15:00Z");
  auto requests = server.requests();
  REQUIRE(requests.size() == 4);
  CHECK(requests[0].target == "/v1/tasks/t-17/skip");
  CHECK(parse(requests[0].body) == parse(R"({"reason": "not_english"})"));
  CHECK(requests[1].target == "/v1/tasks/t-17/release");
  CHECK(requests[2].target == "/v1/tasks/t-17/heartbeat");
  for (auto& q : requests) {
    CHECK(q.method == "POST");
    CHECK(q.headers["authorization"] == std::string("Bearer ") + kToken);
  }

  server.on("POST /v1/tasks/t-17/heartbeat", {{409, kLeaseConflict}});
  auto lost = run_labelflow({"heartbeat", "t-17"}, server.url());
  CHECK(lost.code == 1);
  CHECK_THAT(lost.err, Catch::Contains("409 lease_conflict"));
  server.on(
      "POST /v1/tasks/t-17/release",
      {{403, R"({"error": {"code": "forbidden", "message": "not your task", "details": []}})"}});
  auto forbidden = run_labelflow({"release", "t-17"}, server.url());
  CHECK(forbidden.code == 1);
  CHECK_THAT(forbidden.err, Catch::Contains("labelflow: 403 forbidden: not your task"));

  auto no_reason = run_labelflow({"skip", "t-17"}, server.url());
  CHECK(no_reason.code == 2);
  CHECK_THAT(no_reason.err, Catch::Contains("--reason REASON is required"));
  auto extra = run_labelflow({"release", "t-17", "t-18"}, server.url());
  CHECK(extra.code == 2);
  CHECK_THAT(extra.err, Catch::Contains("unexpected argument 't-18'"));
}

TEST_CASE("cli client: network errors exit 1 with the address and the reason") {
  const std::string url = "http://127.0.0.1:" + std::to_string(unused_port());
  for (const std::vector<std::string>& args : {std::vector<std::string>{"next", "p"},
                                               {"status"},
                                               {"heartbeat", "t-1"},
                                               {"report"},
                                               {"export", "p"}}) {
    auto r = run_labelflow(args, url);
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::Contains("labelflow: cannot reach " + url + ": "));
    no_token(r);
  }
}

TEST_CASE("cli client: non-JSON error bodies and non-JSON success bodies exit 1") {
  FakeServer server;
  server.on("GET /v1/projects", {{502, "Bad Gateway from the proxy", "text/plain"}});
  auto gateway = run_labelflow({"status"}, server.url());
  CHECK(gateway.code == 1);
  CHECK_THAT(gateway.err, Catch::Contains("labelflow: 502 from the server: Bad Gateway"));
  server.on("GET /v1/projects", {{200, "<html>", "text/html"}});
  auto html = run_labelflow({"status"}, server.url());
  CHECK(html.code == 1);
  CHECK_THAT(html.err, Catch::Contains("not valid JSON"));
}

TEST_CASE("cli client: usage errors exit 2 before any request, --help needs no token") {
  FakeServer server;
  auto usage = [&](std::vector<std::string> args, const char* expected,
                   const std::string& token = kToken, const std::string& url = "") {
    auto r = run_labelflow(args, url.empty() ? server.url() : url, token);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains(expected));
    no_token(r);
  };
  usage({"status"}, "LABELFLOW_TOKEN is not set", "");
  usage({"status", "--url", "ftp://127.0.0.1:1"}, "--url must start with http:// or https://");
  usage({"status"}, "--url must start with http://", kToken, "127.0.0.1:8080");
  usage({"status", "--token", "abc"}, "unknown option --token");
  usage({"next"}, "missing argument; usage: labelflow next PROJECT");
  usage({"rows", "p"}, "missing argument");
  usage({"status", "a", "b"}, "unexpected argument 'b'");
  usage({"next", "p", "--json=yes"}, "option --json takes no value");
  usage({"project", "stop", "p"}, "unknown action 'stop'; expected pause or resume");
  usage({"frobnicate"}, "unknown command 'frobnicate'");
  CHECK(server.requests().empty());

  auto help = run_labelflow({"submit", "--help"}, "", "");
  CHECK(help.code == 0);
  CHECK_THAT(help.out, Catch::Contains("usage: labelflow submit TASK --labels FILE|-"));
  CHECK_THAT(help.out, Catch::Contains("LABELFLOW_TOKEN"));
  auto top = run_labelflow({"--help"}, "", "");
  CHECK(top.code == 0);
  for (const char* c : {"status", "import", "export", "next", "submit", "skip", "release",
                        "heartbeat", "report", "rows", "project", "agreement"}) {
    CHECK_THAT(top.out, Catch::Contains(std::string("  ") + c + " "));
  }

  // --url beats LABELFLOW_URL.
  server.on("GET /v1/projects", {{200, "[]"}});
  auto chosen = run_labelflow({"status", "--url", server.url() + "/"}, "http://127.0.0.1:1");
  CHECK(chosen.code == 0);
  CHECK(chosen.out == "no projects\n");
  REQUIRE(server.requests().size() == 1);
  CHECK(server.requests()[0].target == "/v1/projects");
}
