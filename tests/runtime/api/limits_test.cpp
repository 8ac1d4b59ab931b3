// Server limits: body size, header size, slow clients, connection count, keep-alive.
#include <catch2/catch.hpp>
#include <thread>

#include "fixture.hpp"

using namespace labelflow;
using namespace labelflow::test;
using namespace std::chrono_literals;

namespace {

api::ServerOptions with_limits(api::ServerLimits limits) {
  api::ServerOptions options;
  options.limits = limits;
  return options;
}

}  // namespace

TEST_CASE("api: several requests share one keep-alive connection", "[api][limits]") {
  ApiFixture f;
  Connection conn(f.port());
  for (int i = 0; i < 5; ++i) {
    REQUIRE(conn.send(build_request("GET", "/v1/projects", {}, bearer(kReviewerToken))));
    auto res = conn.read_response();
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->header("connection") != "close");
  }
  // Two pipelined requests in one write are answered in order.
  std::string two = build_request("GET", "/healthz") +
                    build_request("GET", "/v1/projects/p/progress", {}, bearer(kReviewerToken));
  REQUIRE(conn.send(two));
  auto first = conn.read_response();
  auto second = conn.read_response();
  REQUIRE(first);
  REQUIRE(second);
  CHECK(first->body == R"({"status":"ok"})");
  CHECK(body_json(*second).at("project") == "p");
  CHECK(f.service.calls().size() == 6);
  CHECK(f.service.calls().back().method == "progress");
}

TEST_CASE("api: Connection: close is honoured", "[api][limits]") {
  ApiFixture f;
  Connection conn(f.port());
  REQUIRE(conn.send(build_request("GET", "/healthz", {}, {}, false)));
  auto res = conn.read_response();
  REQUIRE(res);
  CHECK(res->header("connection") == "close");
  CHECK(conn.wait_closed(2s));
}

TEST_CASE("api: a body over the limit gets 413 payload_too_large", "[api][limits]") {
  api::ServerLimits limits;
  limits.max_body_bytes = 1024;
  ApiFixture f(with_limits(limits));
  std::string big(4096, 'x');
  auto res = request(f.port(), "POST", "/v1/tasks/t1/submit", big, bearer(kReviewerToken));
  CHECK(res.status == 413);
  CHECK(error_code_of(res) == "payload_too_large");
  CHECK(f.service.calls().empty());
  // At the limit it is read and parsed (and refused as JSON, not as size).
  auto ok = request(f.port(), "POST", "/v1/tasks/t1/submit", std::string(1024, ' '),
                    bearer(kReviewerToken));
  CHECK(ok.status == 400);
}

TEST_CASE("api: chunked bodies are limited too", "[api][limits]") {
  api::ServerLimits limits;
  limits.max_body_bytes = 100;
  ApiFixture f(with_limits(limits));
  Connection conn(f.port());
  std::string chunk(80, 'a');
  std::string req =
      "POST /v1/projects/p/imports HTTP/1.1\r\nHost: x\r\n"
      "Transfer-Encoding: chunked\r\nAuthorization: Bearer " +
      kAdminToken + "\r\n\r\n50\r\n" + chunk + "\r\n50\r\n" + chunk + "\r\n0\r\n\r\n";
  conn.send(req);
  auto res = conn.read_response();
  REQUIRE(res);
  CHECK(res->status == 413);
  CHECK(error_code_of(*res) == "payload_too_large");
}

TEST_CASE("api: headers over the limit get 431 bad_request", "[api][limits]") {
  api::ServerLimits limits;
  limits.max_header_bytes = 2048;
  ApiFixture f(with_limits(limits));
  auto res = request(f.port(), "GET", "/healthz", {}, {{"X-Padding", std::string(4096, 'p')}});
  CHECK(res.status == 431);
  CHECK(error_code_of(res) == "bad_request");
}

TEST_CASE("api: malformed HTTP gets 400 bad_request and the connection closes", "[api][limits]") {
  ApiFixture f;
  Connection conn(f.port());
  conn.send("GARBAGE\x01 / HTTP/1.1\r\n\r\n");
  auto res = conn.read_response();
  REQUIRE(res);
  CHECK(res->status == 400);
  CHECK(error_code_of(*res) == "bad_request");
  CHECK(conn.wait_closed(2s));
}

TEST_CASE("api: a slow client gets 408 while another client is served", "[api][limits]") {
  api::ServerLimits limits;
  limits.request_timeout = 400ms;
  api::ServerOptions options = with_limits(limits);
  options.io_threads = 1;  // one io thread: the slow client must not hold it
  ApiFixture f(options);
  Connection slow(f.port());
  REQUIRE(slow.send("GET /healthz HTTP/1.1\r\nHost: x\r\n"));  // headers never finished
  // Meanwhile another client is served at once, repeatedly.
  for (int i = 0; i < 3; ++i) {
    auto res = request(f.port(), "GET", "/healthz");
    CHECK(res.status == 200);
  }
  auto res = slow.read_response(5s);
  REQUIRE(res);
  CHECK(res->status == 408);
  CHECK(error_code_of(*res) == "timeout");
  CHECK(slow.wait_closed(2s));

  // A client that connects and sends nothing gets 408 too.
  Connection silent(f.port());
  auto silent_res = silent.read_response(5s);
  REQUIRE(silent_res);
  CHECK(silent_res->status == 408);
}

TEST_CASE("api: a slow body upload gets 408", "[api][limits]") {
  api::ServerLimits limits;
  limits.request_timeout = 400ms;
  ApiFixture f(with_limits(limits));
  Connection conn(f.port());
  conn.send("POST /v1/tasks/t/skip HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"re");
  auto res = conn.read_response(5s);
  REQUIRE(res);
  CHECK(res->status == 408);
  CHECK(f.service.calls().empty());
}

TEST_CASE("api: an idle keep-alive connection is closed after idle_timeout", "[api][limits]") {
  api::ServerLimits limits;
  limits.idle_timeout = 300ms;
  ApiFixture f(with_limits(limits));
  Connection conn(f.port());
  conn.send(build_request("GET", "/healthz"));
  auto res = conn.read_response();
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(conn.wait_closed(5s));  // closed silently, without a 408
}

TEST_CASE("api: connections beyond max_connections are refused with 503", "[api][limits]") {
  api::ServerLimits limits;
  limits.max_connections = 2;
  ApiFixture f(with_limits(limits));
  Connection a(f.port());
  Connection b(f.port());
  // Both are served (and so are surely accepted) before the third arrives.
  for (Connection* c : {&a, &b}) {
    c->send(build_request("GET", "/healthz"));
    auto res = c->read_response();
    REQUIRE(res);
    CHECK(res->status == 200);
  }
  Connection c(f.port());
  auto refused = c.read_response(5s);
  REQUIRE(refused);
  CHECK(refused->status == 503);
  CHECK(error_code_of(*refused) == "unavailable");
  CHECK(c.wait_closed(2s));
  CHECK(f.server->connections() == 2);

  // Once one closes, a new connection is served again.
  a.send(build_request("GET", "/healthz", {}, {}, false));
  REQUIRE(a.read_response());
  REQUIRE(a.wait_closed(2s));
  for (int attempt = 0; attempt < 100 && f.server->connections() > 1; ++attempt) {
    std::this_thread::sleep_for(10ms);
  }
  auto res = request(f.port(), "GET", "/healthz");
  CHECK(res.status == 200);
}

TEST_CASE("api: Expect: 100-continue gets an interim response", "[api][limits]") {
  ApiFixture f;
  Connection conn(f.port());
  std::string body = R"({"reason":"unclear"})";
  conn.send(
      "POST /v1/tasks/t9/skip HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
      "Authorization: Bearer " +
      kReviewerToken + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n");
  auto interim = conn.read_response();
  REQUIRE(interim);
  CHECK(interim->status == 100);
  conn.send(body);
  auto res = conn.read_response();
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(body_json(*res).at("task") == "t9");
  CHECK(f.service.calls().back().args[1] == "unclear");
}
