// Table-driven bad requests against the real labelflowd: malformed, oversized, unauthorized,
// wrong-role, wrong-project, stale-lease, unknown-route and invalid-label requests. Each must
// get its documented status and error code in the shape {"error":{"code","message","details"}},
// and leave the state as it was (progress of both projects, the row's state and reviews).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <thread>

#include "daemon_fixture.hpp"

namespace json = boost::json;
using namespace labelflow::test;

namespace {

const char* kRow =
    R"({"id": "ref-1", "context": "", "query": "Who reported?",)"
    R"( "response": "Acme Corp reported results in Paris.",)"
    R"( "auto_labels": {"intent": "open_qa"}, "metadata": {"domain": "general"}})";

struct Case {
  std::string name;
  std::string request;  // raw HTTP request
  int status;
  std::string code;
};

std::string tok(const std::string& who) {
  return who == "admin" ? std::string(kAdminToken) : reviewer_token(who);
}

std::string req(const std::string& method, const std::string& target, const std::string& who,
                const std::string& body = {}, Headers extra = {}) {
  Headers h = who.empty() ? Headers{} : bearer(tok(who));
  h.emplace_back("Content-Type", "application/json");
  for (auto& e : extra) h.push_back(std::move(e));
  return build_request(method, target, body, h, false);
}

std::string raw_auth(const std::string& method, const std::string& target,
                     const std::string& authorization, const std::string& body = {}) {
  return build_request(method, target, body, {{"Authorization", authorization}}, false);
}

json::object good_labels() {
  return {{"intent", "open_qa"},
          {"entities", json::array{json::object{{"start", 0}, {"end", 9}, {"type", "ORG"}}}},
          {"quality", json::object{{"helpfulness", 4}, {"correctness", 4}}}};
}

std::string labels_body(const std::string& key, json::value v) {
  auto labels = good_labels();
  labels[key] = std::move(v);
  return json::serialize(json::object{{"labels", labels}});
}

// What must not change: both projects' progress (without the time estimate) and the row.
std::string snapshot(const Daemon& d) {
  json::object out;
  for (const char* p : {"demo", "second"}) {
    auto prog = d.json_call("GET", std::string("/v1/projects/") + p + "/progress", kAdminToken)
                    .as_object();
    prog.erase("hours_left_estimate");
    out[p] = prog;
  }
  auto row = d.json_call("GET", "/v1/projects/demo/rows/ref-1", kAdminToken).as_object();
  out["state"] = row.at("state");
  out["reviews"] = row.at("reviews");
  return json::serialize(out);
}

}  // namespace

TEST_CASE("bad requests: each gets its status and error code and changes nothing") {
  DaemonSetup setup;
  setup.lease_ttl_seconds = 10;  // the config's minimum
  setup.demo_rows = 0;
  setup.extra_rows = {kRow};
  Daemon d(setup);
  // A second project that frank is not a member of.
  {
    std::ifstream in(d.root() / "projects/demo.toml");
    std::stringstream text;
    text << in.rdbuf();
    std::string second = text.str();
    second.replace(second.find("id = \"demo\""), 11,
                   "id = \"second\"\nmembers = [\"alice\", \"bob\", \"carol\", \"dave\", "
                   "\"erin\", \"grace\"]");
    std::ofstream(d.root() / "projects/second.toml") << second;
  }
  d.start();
  REQUIRE(d.import_rows().at("counts").at("inserted").as_int64() == 1);

  // The row's two review slots: frank's lease will be taken over by bob (stale), alice's
  // stays hers (heartbeats) and is the target of the invalid submissions.
  auto tf = d.json_call("POST", "/v1/projects/demo/tasks/next", tok("frank")).as_object();
  auto ta = d.json_call("POST", "/v1/projects/demo/tasks/next", tok("alice")).as_object();
  const std::string stale(tf.at("task").as_string());
  const std::string task(ta.at("task").as_string());
  std::this_thread::sleep_for(std::chrono::milliseconds(6'000));
  d.json_call("POST", "/v1/tasks/" + task + "/heartbeat", tok("alice"));
  std::this_thread::sleep_for(std::chrono::milliseconds(4'800));  // frank's lease expired
  auto tb = d.json_call("POST", "/v1/projects/demo/tasks/next", tok("bob")).as_object();
  REQUIRE(tb.at("row").at("id") == "ref-1");  // the takeover of frank's slot
  d.json_call("POST", "/v1/tasks/" + task + "/heartbeat", tok("alice"));

  const std::string sub = "/v1/tasks/" + task + "/submit";
  const std::string good = json::serialize(json::object{{"labels", good_labels()}});
  const std::string big_headers =
      build_request("GET", "/v1/projects", {},
                    {{"Authorization", "Bearer " + tok("admin")},
                     {"X-Filler", std::string(20'000, 'x')}}, false);
  const std::string too_big =
      "POST " + sub + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + tok("alice") +
      "\r\nContent-Type: application/json\r\nContent-Length: 17000000\r\n\r\n{\"labels\":";

  const std::vector<Case> cases = {
      // malformed bodies and requests
      {"malformed JSON", req("POST", sub, "alice", R"({"labels": tru})"), 400, "bad_request"},
      {"body not an object", req("POST", sub, "alice", "[1]"), 400, "bad_request"},
      {"missing labels", req("POST", sub, "alice", "{}"), 400, "bad_request"},
      {"labels not an object", req("POST", sub, "alice", R"({"labels": 3})"), 400, "bad_request"},
      {"unknown body key", req("POST", sub, "alice",
                               R"({"labels": {"intent": "open_qa"}, "bogus": 1})"),
       400, "bad_request"},
      {"negative active_seconds",
       req("POST", sub, "alice", R"({"labels": {"intent": "open_qa"}, "active_seconds": -5})"),
       400, "bad_request"},
      {"comment not a string",
       req("POST", sub, "alice", R"({"labels": {"intent": "open_qa"}, "comment": 7})"), 400,
       "bad_request"},
      {"truncated JSON", req("POST", sub, "alice", R"({"labels": {"intent": )"), 400,
       "bad_request"},
      {"skip without reason", req("POST", "/v1/tasks/" + task + "/skip", "alice", "{}"), 400,
       "bad_request"},
      {"skip reason not a string",
       req("POST", "/v1/tasks/" + task + "/skip", "alice", R"({"reason": 3})"), 400,
       "bad_request"},
      {"next with a non-empty body",
       req("POST", "/v1/projects/demo/tasks/next", "carol", "[1]"), 400, "bad_request"},
      {"heartbeat with a non-object body",
       req("POST", "/v1/tasks/" + task + "/heartbeat", "alice", "\"x\""), 400, "bad_request"},
      {"release with an unknown key",
       req("POST", "/v1/tasks/" + task + "/release", "alice", R"({"x": 1})"), 400,
       "bad_request"},
      {"report format", req("GET", "/v1/reports/weekly?format=xml", "admin"), 400,
       "bad_request"},
      {"report week", req("GET", "/v1/reports/weekly?week=2026-48", "admin"), 400,
       "bad_request"},
      {"encoded slash in a row id", req("GET", "/v1/projects/demo/rows/a%2Fb", "admin"), 400,
       "bad_request"},
      {"method not allowed", req("DELETE", "/v1/projects", "admin"), 405, "bad_request"},
      {"GET on submit", req("GET", sub, "alice"), 405, "bad_request"},
      {"backup without storage", req("POST", "/v1/admin/backups", "admin", "{}"), 400,
       "bad_request"},
      {"Expect other than 100-continue",
       req("POST", sub, "alice", good, {{"Expect", "coffee"}}), 417, "bad_request"},
      {"headers too large", big_headers, 431, "bad_request"},
      // oversized
      {"body over the limit", too_big, 413, "payload_too_large"},
      // invalid labels (I5)
      {"class not in the list", req("POST", sub, "alice", labels_body("intent", "nope")), 422,
       "validation_failed"},
      {"entity past the text",
       req("POST", sub, "alice",
           labels_body("entities", json::array{json::object{{"start", 0}, {"end", 999},
                                                            {"type", "ORG"}}})),
       422, "validation_failed"},
      {"entity type unknown",
       req("POST", sub, "alice",
           labels_body("entities", json::array{json::object{{"start", 0}, {"end", 4},
                                                            {"type", "ALIEN"}}})),
       422, "validation_failed"},
      {"rating out of range",
       req("POST", sub, "alice",
           labels_body("quality", json::object{{"helpfulness", 9}, {"correctness", 4}})),
       422, "validation_failed"},
      {"unknown label", req("POST", sub, "alice", labels_body("bogus", 1)), 422,
       "validation_failed"},
      {"skip reason outside skip_reasons",
       req("POST", "/v1/tasks/" + task + "/skip", "alice", R"({"reason": "bored"})"), 422,
       "validation_failed"},
      {"backup to an unknown storage",
       req("POST", "/v1/admin/backups", "admin", R"({"storage": "nowhere"})"), 422,
       "validation_failed"},
      // stale lease (I6)
      {"stale submit", req("POST", "/v1/tasks/" + stale + "/submit", "frank", good), 409,
       "lease_conflict"},
      {"stale heartbeat", req("POST", "/v1/tasks/" + stale + "/heartbeat", "frank"), 409,
       "lease_conflict"},
      // wrong role
      {"reviewer imports", req("POST", "/v1/projects/demo/imports", "alice", "{}"), 403,
       "forbidden"},
      {"reviewer exports", req("POST", "/v1/projects/demo/exports", "alice", "{}"), 403,
       "forbidden"},
      {"reviewer reloads", req("POST", "/v1/admin/reload", "alice"), 403, "forbidden"},
      {"reviewer pauses", req("POST", "/v1/projects/demo/pause", "alice"), 403, "forbidden"},
      {"reviewer backs up", req("POST", "/v1/admin/backups", "alice",
                                R"({"storage": "local"})"), 403, "forbidden"},
      {"reviewer reads reports", req("GET", "/v1/reports/weekly", "alice"), 403, "forbidden"},
      {"admin takes a task", req("POST", "/v1/projects/demo/tasks/next", "admin"), 403,
       "forbidden"},
      {"admin submits", req("POST", sub, "admin", good), 403, "forbidden"},
      // wrong project: frank is not a member of "second"
      {"non-member progress", req("GET", "/v1/projects/second/progress", "frank"), 403,
       "forbidden"},
      {"non-member next", req("POST", "/v1/projects/second/tasks/next", "frank"), 403,
       "forbidden"},
      {"non-member agreement", req("GET", "/v1/projects/second/agreement", "frank"), 403,
       "forbidden"},
      // unknown routes and objects
      {"unknown route", req("GET", "/v1/nope", "admin"), 404, "not_found"},
      {"unknown project", req("GET", "/v1/projects/nope/progress", "admin"), 404, "not_found"},
      {"unknown task", req("POST", "/v1/tasks/t-999999/submit", "alice", good), 404,
       "not_found"},
      {"unknown row", req("GET", "/v1/projects/demo/rows/no-such-row", "admin"), 404,
       "not_found"},
      {"unknown import", req("GET", "/v1/projects/demo/imports/imp-999", "admin"), 404,
       "not_found"},
      {"unknown export", req("GET", "/v1/projects/demo/exports/exp-999", "admin"), 404,
       "not_found"},
      {"unknown widget", req("GET", "/widgets/nope.widget.js", ""), 404, "not_found"},
      // unauthorized (last: repeated 401s from one address are slowed down)
      {"no token", req("POST", sub, "", good), 401, "unauthorized"},
      {"unknown token", raw_auth("POST", sub, "Bearer not-a-known-token-0123456789", good), 401,
       "unauthorized"},
      {"basic scheme", raw_auth("GET", "/v1/projects", "Basic YWxpY2U6cGFzcw=="), 401,
       "unauthorized"},
      {"empty bearer", raw_auth("GET", "/v1/projects", "Bearer "), 401, "unauthorized"},
  };
  REQUIRE(cases.size() >= 40);

  const std::string before = snapshot(d);
  for (const auto& c : cases) {
    INFO("case: " << c.name);
    Connection conn(d.port());
    conn.send(c.request);
    auto res = conn.read_response(std::chrono::milliseconds(30'000));
    REQUIRE(res.has_value());
    INFO("answer: " << res->status << " " << res->body);
    CHECK(res->status == c.status);
    json::value body;
    REQUIRE_NOTHROW(body = json::parse(res->body));
    const auto* err = body.is_object() ? body.as_object().if_contains("error") : nullptr;
    REQUIRE(err != nullptr);  // an error answer, never a success
    CHECK(err->at("code") == c.code.c_str());
    CHECK(err->at("message").is_string());
    CHECK_FALSE(err->at("message").as_string().empty());
    CHECK(err->at("details").is_array());
    CHECK(snapshot(d) == before);
  }

  // The snapshot sees a real change: alice's valid submission still goes through.
  auto ok = d.call("POST", sub, tok("alice"), good);
  CHECK(ok.status == 200);
  CHECK(snapshot(d) != before);
}
