// Routing, the error shape and codes, authentication and roles, and every domain endpoint.
#include <catch2/catch.hpp>

#include "fixture.hpp"

using namespace labelflow;
using namespace labelflow::test;

TEST_CASE("api: unknown paths get 404 not_found and wrong methods 405 bad_request",
          "[api][routes]") {
  ApiFixture f;
  auto missing = request(f.port(), "GET", "/v1/nothing/here", {}, bearer(kReviewerToken));
  CHECK(missing.status == 404);
  CHECK(error_code_of(missing) == "not_found");
  CHECK(body_json(missing).at("error").at("message") == "no route for GET /v1/nothing/here");

  auto wrong = request(f.port(), "DELETE", "/v1/projects", {}, bearer(kReviewerToken));
  CHECK(wrong.status == 405);
  CHECK(error_code_of(wrong) == "bad_request");
  CHECK(wrong.header("allow") == "GET, HEAD");

  auto get_submit = request(f.port(), "GET", "/v1/tasks/t1/submit", {}, bearer(kReviewerToken));
  CHECK(get_submit.status == 405);
  CHECK(get_submit.header("allow") == "POST");

  auto bad_escape =
      request(f.port(), "GET", "/v1/projects/a%zz/progress", {}, bearer(kReviewerToken));
  CHECK(bad_escape.status == 400);
  CHECK(error_code_of(bad_escape) == "bad_request");
  CHECK(f.service.calls().empty());
}

TEST_CASE("api: path parameters are percent-decoded", "[api][routes]") {
  ApiFixture f;
  auto res =
      request(f.port(), "GET", "/v1/projects/my%20proj/rows/r%2B1", {}, bearer(kReviewerToken));
  REQUIRE(res.status == 200);
  auto args = f.service.calls().back().args;
  CHECK(args[0] == "my proj");
  CHECK(args[1] == "r+1");
  CHECK(body_json(res).at("row").at("id") == "r+1");
}

TEST_CASE("api: requests without a valid bearer token get 401 unauthorized", "[api][auth]") {
  ApiFixture f;
  auto none = request(f.port(), "GET", "/v1/projects");
  CHECK(none.status == 401);
  CHECK(error_code_of(none) == "unauthorized");
  CHECK(none.header("www-authenticate").starts_with("Bearer"));

  auto wrong = request(f.port(), "GET", "/v1/projects", {}, bearer("not-a-real-token-at-all"));
  CHECK(wrong.status == 401);
  CHECK(error_code_of(wrong) == "unauthorized");
  // The token is never echoed.
  CHECK(wrong.body.find("not-a-real-token") == std::string::npos);

  auto basic = request(f.port(), "GET", "/v1/projects", {}, {{"Authorization", "Basic abc"}});
  CHECK(basic.status == 401);
  CHECK(f.service.calls().empty());

  auto lower =
      request(f.port(), "GET", "/v1/projects", {}, {{"authorization", "bearer " + kReviewerToken}});
  CHECK(lower.status == 200);
}

TEST_CASE("api: roles: reviewers cannot call admin routes, the admin cannot take tasks",
          "[api][auth]") {
  ApiFixture f;
  auto reload = request(f.port(), "POST", "/v1/admin/reload", {}, bearer(kReviewerToken));
  CHECK(reload.status == 403);
  CHECK(error_code_of(reload) == "forbidden");
  auto next = request(f.port(), "POST", "/v1/projects/p/tasks/next", {}, bearer(kAdminToken));
  CHECK(next.status == 403);
  CHECK(error_code_of(next) == "forbidden");
  CHECK(f.service.calls().empty());
  // The service's own forbidden (project membership) passes through unchanged.
  f.service.fail_next({service::ErrorCode::forbidden, "r1 is not a member of p"});
  auto member = request(f.port(), "GET", "/v1/projects/p/progress", {}, bearer(kReviewerToken));
  CHECK(member.status == 403);
  CHECK(body_json(member).at("error").at("message") == "r1 is not a member of p");
}

TEST_CASE("api: token table swaps atomically at reload", "[api][auth]") {
  ApiFixture f;
  const std::string fresh = "a-brand-new-token-for-r3";
  CHECK(request(f.port(), "GET", "/v1/projects", {}, bearer(fresh)).status == 401);
  api::TokenTable table;
  table.add(fresh, {service::Role::reviewer, "r3"});
  f.auth.replace(std::move(table));
  auto res = request(f.port(), "GET", "/v1/projects", {}, bearer(fresh));
  CHECK(res.status == 200);
  CHECK(f.service.calls().back().caller == "r3");
  CHECK(request(f.port(), "GET", "/v1/projects", {}, bearer(kReviewerToken)).status == 401);
}

TEST_CASE("api: service errors map to their codes and statuses", "[api][errors]") {
  ApiFixture f;
  struct Case {
    service::ErrorCode code;
    int status;
    const char* name;
  };
  const Case cases[] = {
      {service::ErrorCode::bad_request, 400, "bad_request"},
      {service::ErrorCode::forbidden, 403, "forbidden"},
      {service::ErrorCode::not_found, 404, "not_found"},
      {service::ErrorCode::lease_conflict, 409, "lease_conflict"},
      {service::ErrorCode::validation_failed, 422, "validation_failed"},
      {service::ErrorCode::unavailable, 503, "unavailable"},
  };
  for (const Case& c : cases) {
    f.service.fail_next({c.code,
                         std::string("scripted ") + c.name,
                         {{"/labels/ner/2/end", "end must be greater than start"}}});
    auto res = request(f.port(), "POST", "/v1/tasks/t1/submit", R"({"labels": {}})",
                       bearer(kReviewerToken));
    INFO(c.name);
    CHECK(res.status == c.status);
    CHECK(error_code_of(res) == c.name);
    auto details = body_json(res).at("error").at("details").as_array();
    REQUIRE(details.size() == 1);
    CHECK(details[0].at("path") == "/labels/ner/2/end");
    CHECK(details[0].at("message") == "end must be greater than start");
  }
}

TEST_CASE("api: malformed JSON bodies get 400 naming the position", "[api][errors]") {
  ApiFixture f;
  auto res = request(f.port(), "POST", "/v1/tasks/t1/submit", "{\"labels\": {\n  \"a\": tru }",
                     bearer(kReviewerToken));
  CHECK(res.status == 400);
  CHECK(error_code_of(res) == "bad_request");
  std::string message(body_json(res).at("error").at("message").as_string());
  CHECK(message.starts_with("malformed JSON body at line 2, column "));
  CHECK(message.find("(byte ") != std::string::npos);

  auto not_object =
      request(f.port(), "POST", "/v1/tasks/t1/submit", "[1, 2]", bearer(kReviewerToken));
  CHECK(not_object.status == 400);
  auto trailing = request(f.port(), "POST", "/v1/tasks/t1/skip", R"({"reason": "x"} {})",
                          bearer(kReviewerToken));
  CHECK(trailing.status == 400);
  CHECK(f.service.calls().empty());
}

TEST_CASE("api: request bodies are checked field by field", "[api][errors]") {
  ApiFixture f;
  auto no_labels = request(f.port(), "POST", "/v1/tasks/t1/submit", R"({"comment": "x"})",
                           bearer(kReviewerToken));
  CHECK(no_labels.status == 400);
  auto details = body_json(no_labels).at("error").at("details").as_array();
  REQUIRE(details.size() == 1);
  CHECK(details[0].at("path") == "/labels");

  auto negative = request(f.port(), "POST", "/v1/tasks/t1/submit",
                          R"({"labels": {}, "active_seconds": -3})", bearer(kReviewerToken));
  CHECK(negative.status == 400);
  CHECK(body_json(negative).at("error").at("details").at(0).at("path") == "/active_seconds");

  auto unknown = request(f.port(), "POST", "/v1/tasks/t1/submit", R"({"labels": {}, "lables": 1})",
                         bearer(kReviewerToken));
  CHECK(unknown.status == 400);
  CHECK(body_json(unknown).at("error").at("details").at(0).at("path") == "/lables");

  auto no_reason = request(f.port(), "POST", "/v1/tasks/t1/skip", "{}", bearer(kReviewerToken));
  CHECK(no_reason.status == 400);
  CHECK(body_json(no_reason).at("error").at("details").at(0).at("path") == "/reason");

  auto bad_format =
      request(f.port(), "GET", "/v1/reports/weekly?format=xml", {}, bearer(kAdminToken));
  CHECK(bad_format.status == 400);
  CHECK(f.service.calls().empty());
}

TEST_CASE("api: every domain endpoint reaches its service call", "[api][routes]") {
  ApiFixture f;
  struct Case {
    const char* method;
    const char* target;
    const char* body;
    const std::string* token;
    int status;
    const char* service_call;
  };
  const Case cases[] = {
      {"POST", "/v1/projects/p1/tasks/next", "", &kReviewerToken, 200, "next_task"},
      {"POST", "/v1/tasks/t1/heartbeat", "{}", &kReviewerToken, 200, "heartbeat"},
      {"POST", "/v1/tasks/t1/submit",
       R"({"labels": {"intent": "question"}, "active_seconds": 12.5, "comment": "ok"})",
       &kReviewerToken, 200, "submit"},
      {"POST", "/v1/tasks/t1/release", "", &kReviewerToken, 200, "release"},
      {"POST", "/v1/tasks/t1/skip", R"({"reason": "unclear"})", &kReviewerToken, 200, "skip"},
      {"GET", "/v1/projects", "", &kReviewerToken, 200, "list_projects"},
      {"GET", "/v1/projects/p1/progress", "", &kAdminToken, 200, "progress"},
      {"GET", "/v1/projects/p1/agreement", "", &kReviewerToken, 200, "agreement"},
      {"GET", "/v1/projects/p1/reviewers", "", &kAdminToken, 200, "members"},
      {"GET", "/v1/projects/p1/rows/r-0001", "", &kReviewerToken, 200, "row"},
      {"POST", "/v1/projects/p1/imports", R"({"source": "in/rows.jsonl"})", &kAdminToken, 202,
       "create_import"},
      {"GET", "/v1/projects/p1/imports/i1", "", &kAdminToken, 200, "get_import"},
      {"POST", "/v1/projects/p1/exports", "", &kAdminToken, 202, "create_export"},
      {"GET", "/v1/projects/p1/exports/e1", "", &kAdminToken, 200, "get_export"},
      {"POST", "/v1/admin/reload", "", &kAdminToken, 200, "reload"},
      {"POST", "/v1/projects/p1/pause", "", &kAdminToken, 200, "set_paused"},
      {"POST", "/v1/projects/p1/resume", "", &kAdminToken, 200, "set_paused"},
      {"GET", "/v1/reports/weekly?week=2026-W48", "", &kAdminToken, 200, "weekly_report"},
  };
  for (const Case& c : cases) {
    INFO(c.method << " " << c.target);
    auto res = request(f.port(), c.method, c.target, c.body, bearer(*c.token));
    CHECK(res.status == c.status);
    CHECK(res.header("content-type") == "application/json");
    CHECK_NOTHROW(body_json(res));
    CHECK(f.service.calls().back().method == c.service_call);
  }
  auto calls = f.service.calls();
  REQUIRE(calls.size() == std::size(cases));
  CHECK(calls[0].caller == "r1");
  CHECK(calls[2].args ==
        std::vector<std::string>{"t1", R"({"intent":"question"})", "12.500000", "ok"});
  // "source" is the import body's alias of "key".
  CHECK(calls[10].args == std::vector<std::string>{"p1", "", "in/rows.jsonl", "", ""});
  CHECK(calls[15].args == std::vector<std::string>{"p1", "true"});
  CHECK(calls[16].args == std::vector<std::string>{"p1", "false"});
  CHECK(calls[17].args == std::vector<std::string>{"2026-W48", ""});

  auto csv = request(f.port(), "GET", "/v1/reports/weekly?format=csv&project=p%201", {},
                     bearer(kAdminToken));
  CHECK(csv.status == 200);
  CHECK(csv.header("content-type") == "text/csv; charset=utf-8");
  CHECK(csv.body.starts_with("reviewer,week,rows,hours,cost,agreement,minimum_met\n"));
  CHECK(f.service.calls().back().args[1] == "p 1");

  f.service.task_available = false;
  auto none = request(f.port(), "POST", "/v1/projects/p1/tasks/next", "{}", bearer(kReviewerToken));
  CHECK(none.status == 204);
  CHECK(none.body.empty());
}

TEST_CASE("api: HEAD answers a GET route's status and headers without the body", "[api][routes]") {
  ApiFixture f;
  Connection conn(f.port());
  const auto get = request(f.port(), "GET", "/v1/projects", {}, bearer(kReviewerToken));
  REQUIRE(get.status == 200);
  conn.send(build_request("HEAD", "/v1/projects", {}, bearer(kReviewerToken)));
  auto head = conn.read_response(std::chrono::seconds(10), true);
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->header("content-length") == std::to_string(get.body.size()));
  CHECK(head->header("content-type") == get.header("content-type"));
  // No body followed: the next response on the connection parses cleanly.
  conn.send(build_request("HEAD", "/healthz"));
  auto health = conn.read_response(std::chrono::seconds(10), true);
  REQUIRE(health);
  CHECK(health->status == 200);
  conn.send(build_request("GET", "/healthz"));
  auto after = conn.read_response();
  REQUIRE(after);
  CHECK(after->status == 200);
  CHECK(after->body == request(f.port(), "GET", "/healthz").body);
  // A POST-only route still refuses HEAD, naming what it allows.
  conn.send(build_request("HEAD", "/v1/tasks/t-1/submit", {}, bearer(kReviewerToken)));
  auto refused = conn.read_response(std::chrono::seconds(10), true);
  REQUIRE(refused);
  CHECK(refused->status == 405);
  CHECK(refused->header("allow") == "POST");
}
