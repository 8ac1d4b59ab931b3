// Health, readiness, metrics, drain, the worker pool, static files and the auth slowdown.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <thread>

#include "fixture.hpp"

using namespace labelflow;
using namespace labelflow::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

TEST_CASE("api: healthz and readyz follow the lifecycle", "[api][lifecycle]") {
  ApiFixture f;
  CHECK(request(f.port(), "GET", "/healthz").status == 200);
  CHECK(request(f.port(), "GET", "/readyz").status == 200);
  f.lifecycle.set(api::Lifecycle::Phase::starting);
  auto starting = request(f.port(), "GET", "/readyz");
  CHECK(starting.status == 503);
  CHECK(error_code_of(starting) == "unavailable");
  CHECK(request(f.port(), "GET", "/healthz").status == 200);
  f.lifecycle.set(api::Lifecycle::Phase::draining);
  auto draining = request(f.port(), "GET", "/readyz");
  CHECK(draining.status == 503);
  CHECK(body_json(draining).at("error").at("message") == "not ready: draining");
}

TEST_CASE("api: service calls run on workers, not on the io thread", "[api][lifecycle]") {
  api::ServerOptions options;
  options.io_threads = 1;
  options.worker_threads = 1;
  ApiFixture f(options);
  f.service.close_gate();
  auto blocked = std::async(std::launch::async, [&] {
    return request(f.port(), "GET", "/v1/projects", {}, bearer(kReviewerToken));
  });
  REQUIRE(f.service.wait_for_calls(1));
  // The only worker is stuck in the service; the only io thread still answers.
  CHECK(request(f.port(), "GET", "/healthz").status == 200);
  CHECK(request(f.port(), "GET", "/metrics").status == 200);
  f.service.open_gate();
  CHECK(blocked.get().status == 200);
}

TEST_CASE("api: drain finishes requests in flight, closes idle connections, refuses new ones",
          "[api][lifecycle]") {
  ApiFixture f;
  Connection idle(f.port());
  idle.send(build_request("GET", "/healthz"));
  REQUIRE(idle.read_response());

  f.service.close_gate();
  Connection busy(f.port());
  busy.send(build_request("POST", "/v1/tasks/t1/heartbeat", {}, bearer(kReviewerToken)));
  REQUIRE(f.service.wait_for_calls(1));

  auto drained = std::async(std::launch::async, [&] { return f.server->drain(10s); });
  CHECK(idle.wait_closed(5s));
  for (int i = 0; i < 200 && f.lifecycle.phase() != api::Lifecycle::Phase::draining; ++i) {
    std::this_thread::sleep_for(5ms);
  }
  CHECK(f.lifecycle.phase() == api::Lifecycle::Phase::draining);
  f.service.open_gate();
  auto res = busy.read_response();
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->header("connection") == "close");
  CHECK(drained.get());
  CHECK(f.lifecycle.phase() == api::Lifecycle::Phase::stopped);
  CHECK_THROWS(Connection(f.port()));
}

TEST_CASE("api: drain gives up on requests that outlive the deadline", "[api][lifecycle]") {
  ApiFixture f;
  f.service.close_gate();
  Connection busy(f.port());
  busy.send(build_request("GET", "/v1/projects", {}, bearer(kReviewerToken)));
  REQUIRE(f.service.wait_for_calls(1));
  auto opener = std::async(std::launch::async, [&] {
    std::this_thread::sleep_for(300ms);
    f.service.open_gate();  // lets the worker pool finish so stop() can join it
  });
  CHECK_FALSE(f.server->drain(50ms));
  opener.get();
}

TEST_CASE("api: metrics are Prometheus text with request counts and latency", "[api][metrics]") {
  ApiFixture f;
  f.registry.gauge("labelflow_queue_depth", "Tasks waiting per stage", {{"stage", "review"}})
      .set(7);
  request(f.port(), "GET", "/v1/projects", {}, bearer(kReviewerToken));
  request(f.port(), "GET", "/v1/projects");  // 401
  request(f.port(), "GET", "/v1/projects/p/rows/r1", {}, bearer(kReviewerToken));
  // Metrics are recorded just after each response is written, so they may trail the client.
  HttpResponse res;
  for (int i = 0; i < 200; ++i) {
    res = request(f.port(), "GET", "/metrics");
    if (res.body.find("_count{route=\"/v1/projects/{project}/rows/{row}\"} 1") !=
            std::string::npos &&
        res.body.find("_count{route=\"/v1/projects\"} 2") != std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(10ms);
  }
  CHECK(res.status == 200);
  CHECK(res.header("content-type") == "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = res.body;
  INFO(text);
  CHECK(text.find("# TYPE labelflow_http_requests_total counter\n") != std::string::npos);
  CHECK(text.find("labelflow_http_requests_total{route=\"/v1/projects\",status=\"200\"} 1\n") !=
        std::string::npos);
  CHECK(text.find("labelflow_http_requests_total{route=\"/v1/projects\",status=\"401\"} 1\n") !=
        std::string::npos);
  CHECK(text.find("labelflow_http_requests_total{route=\"/v1/projects/{project}/rows/{row}\","
                  "status=\"200\"} 1\n") != std::string::npos);
  CHECK(text.find("# TYPE labelflow_http_request_duration_seconds histogram\n") !=
        std::string::npos);
  CHECK(text.find("labelflow_http_request_duration_seconds_bucket{route=\"/v1/projects\","
                  "le=\"+Inf\"} 2\n") != std::string::npos);
  CHECK(text.find("labelflow_http_request_duration_seconds_count{route=\"/v1/projects\"} 2\n") !=
        std::string::npos);
  CHECK(text.find("labelflow_queue_depth{stage=\"review\"} 7\n") != std::string::npos);
  CHECK(text.find("labelflow_auth_failures_total 1\n") != std::string::npos);
  CHECK(text.find("labelflow_http_connections_open ") != std::string::npos);
  // Every line is a comment or "name{labels} value".
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    REQUIRE(end != std::string::npos);
    std::string line = text.substr(pos, end - pos);
    if (!line.starts_with("# ")) {
      CHECK(line.rfind(' ') != std::string::npos);
      CHECK(line.find_first_of("abcdefghijklmnopqrstuvwxyz") == 0);
    }
    pos = end + 1;
  }
}

TEST_CASE("api: static files are served with content types and no traversal", "[api][static]") {
  fs::path base = fs::temp_directory_path() / ("labelflow_api_web_" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "web" / "assets");
  std::ofstream(base / "web" / "index.html") << "<!doctype html><title>labelflow</title>";
  std::ofstream(base / "web" / "assets" / "app.js") << "export const x = 1;";
  std::ofstream(base / "web" / "assets" / "site.css") << "body{}";
  std::ofstream(base / "secret.txt") << "outside";
  fs::create_symlink(base / "secret.txt", base / "web" / "leak.txt");

  api::RoutesOptions options;
  options.web_root = base / "web";
  {
    ApiFixture f({}, options);
    auto index = request(f.port(), "GET", "/");
    CHECK(index.status == 200);
    CHECK(index.header("content-type") == "text/html; charset=utf-8");
    CHECK(index.body == "<!doctype html><title>labelflow</title>");
    auto js = request(f.port(), "GET", "/assets/app.js");
    CHECK(js.header("content-type") == "text/javascript; charset=utf-8");
    CHECK(js.body == "export const x = 1;");
    CHECK(request(f.port(), "GET", "/assets/site.css").header("content-type") ==
          "text/css; charset=utf-8");
    CHECK(request(f.port(), "GET", "/assets/").status == 404);  // no index.html there
    CHECK(request(f.port(), "GET", "/missing.js").status == 404);

    for (const char* evil : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                             "/assets/%2E%2E/%2E%2E/secret.txt", "/..%2fsecret.txt",
                             "/assets%5c..%5c..%5csecret.txt", "/a%00b"}) {
      INFO(evil);
      auto res = request(f.port(), "GET", evil);
      CHECK(res.status == 400);
      CHECK(res.body.find("outside") == std::string::npos);
    }
    auto link = request(f.port(), "GET", "/leak.txt");  // symlink out of the root
    CHECK(link.status == 404);
    CHECK(link.body.find("outside") == std::string::npos);
    // API paths never fall through to files.
    CHECK(request(f.port(), "GET", "/v1/unknown").status == 404);
    CHECK(request(f.port(), "POST", "/index.html").status == 404);
  }
  fs::remove_all(base);
}

TEST_CASE("api: repeated failed authentication from one address is slowed down", "[api][auth]") {
  api::RoutesOptions options;
  options.throttle.free_failures = 2;
  options.throttle.base_delay = 200ms;
  ApiFixture f({}, options);
  auto timed = [&](const std::string& token) {
    auto start = std::chrono::steady_clock::now();
    auto res = request(f.port(), "GET", "/v1/projects", {}, bearer(token));
    return std::make_pair(res.status, std::chrono::steady_clock::now() - start);
  };
  // Two free failures, then 200 ms, then 400 ms.
  CHECK(timed("wrong-token-0000000000").first == 401);
  CHECK(timed("wrong-token-0000000001").first == 401);
  auto third = timed("wrong-token-0000000002");
  CHECK(third.first == 401);
  CHECK(third.second >= 200ms);
  auto fourth = timed("wrong-token-0000000003");
  CHECK(fourth.second >= 400ms);
  // While one failure waits, other clients are served at once (the delay is a timer).
  auto waiting = std::async(std::launch::async, [&] { return timed("wrong-token-0000000004"); });
  std::this_thread::sleep_for(50ms);
  CHECK(request(f.port(), "GET", "/healthz").status == 200);
  // A valid token is not delayed, and does not reset the count.
  auto good = timed(kReviewerToken);
  CHECK(good.first == 200);
  CHECK(waiting.get().second >= 800ms);
}

TEST_CASE("api: behind a trusted proxy the slowdown keys on the X-Forwarded-For client",
          "[api][auth]") {
  api::ServerOptions server;
  server.trusted_proxies = {"127.0.0.1"};
  api::RoutesOptions options;
  options.throttle.free_failures = 1;
  options.throttle.base_delay = 300ms;
  ApiFixture f(server, options);
  auto timed = [&](const std::string& client) {
    auto headers = bearer("wrong-token-0000000000");
    headers.emplace_back("X-Forwarded-For", client);
    auto start = std::chrono::steady_clock::now();
    auto res = request(f.port(), "GET", "/v1/projects", {}, headers);
    CHECK(res.status == 401);
    return std::chrono::steady_clock::now() - start;
  };
  timed("198.51.100.7");
  CHECK(timed("198.51.100.7") >= 300ms);  // the same client is slowed down
  CHECK(timed("198.51.100.8") < 300ms);   // another client behind the same proxy is not
}

TEST_CASE("api: label widgets are served from the plugin directories", "[api][static]") {
  fs::path base = fs::temp_directory_path() / ("labelflow_api_wdg_" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "a");
  fs::create_directories(base / "b");
  std::ofstream(base / "a" / "ner.widget.js") << "export function mount() {}";
  std::ofstream(base / "b" / "rating.widget.js") << "export function mount(el) {}";
  std::ofstream(base / "b" / "notes.txt") << "not a widget";
  api::RoutesOptions options;
  options.widget_dirs = {base / "a", base / "b"};
  {
    ApiFixture f({}, options);
    auto ner = request(f.port(), "GET", "/widgets/ner.widget.js");
    CHECK(ner.status == 200);
    CHECK(ner.header("content-type") == "text/javascript; charset=utf-8");
    CHECK(ner.body == "export function mount() {}");
    CHECK(request(f.port(), "GET", "/widgets/rating.widget.js").status == 200);
    CHECK(request(f.port(), "GET", "/widgets/notes.txt").status == 404);
    CHECK(request(f.port(), "GET", "/widgets/missing.widget.js").status == 404);
    CHECK(request(f.port(), "GET", "/widgets/..%2Fa%2Fner.widget.js").status == 400);
  }
  fs::remove_all(base);
}

TEST_CASE("api: a client that does not read its response is dropped after write_timeout",
          "[api][limits]") {
  fs::path base = fs::temp_directory_path() / ("labelflow_api_big_" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base);
  std::ofstream(base / "big.bin") << std::string(32u << 20, 'x');
  api::ServerOptions server_options;
  server_options.limits.write_timeout = 300ms;
  api::RoutesOptions options;
  options.web_root = base;
  {
    ApiFixture f(server_options, options);
    Connection stuck(f.port());
    stuck.send(build_request("GET", "/big.bin"));  // and never reads
    CHECK(request(f.port(), "GET", "/healthz").status == 200);
    bool dropped = false;
    for (int i = 0; i < 500 && !dropped; ++i) {
      dropped = f.server->connections() == 0;
      std::this_thread::sleep_for(10ms);
    }
    CHECK(dropped);
  }
  fs::remove_all(base);
}

TEST_CASE("api: a throwing service gives 503 unavailable and the connection lives on",
          "[api][errors]") {
  ApiFixture f;
  Connection conn(f.port());
  f.service.throw_next = true;
  conn.send(build_request("GET", "/v1/projects", {}, bearer(kReviewerToken)));
  auto failed = conn.read_response();
  REQUIRE(failed);
  CHECK(failed->status == 503);
  CHECK(error_code_of(*failed) == "unavailable");
  conn.send(build_request("GET", "/v1/projects", {}, bearer(kReviewerToken)));
  auto ok = conn.read_response();
  REQUIRE(ok);
  CHECK(ok->status == 200);
}

TEST_CASE("api: a port in use is refused with a message naming it", "[api][lifecycle]") {
  ApiFixture f;
  api::ServerOptions options;
  options.port = f.port();
  api::Server second(options, *f.routes, f.lifecycle, f.registry);
  try {
    second.start();
    FAIL("a second server bound the same port");
  } catch (const std::system_error& e) {
    CHECK(std::string(e.what()).starts_with("cannot listen on 127.0.0.1:" +
                                            std::to_string(f.port())));
  }
  api::ServerOptions bad;
  bad.address = "not-an-address";
  api::Server third(bad, *f.routes, f.lifecycle, f.registry);
  CHECK_THROWS_AS(third.start(), std::system_error);
  third.stop();
  CHECK(f.lifecycle.ready());  // servers that never started leave the lifecycle alone
  CHECK(request(f.port(), "GET", "/readyz").status == 200);
}

TEST_CASE("api: the access log gets every answered request, without tokens or queries",
          "[api][metrics]") {
  std::mutex mutex;
  std::vector<std::string> lines;
  api::ServerOptions options;
  options.access_log = [&](const api::AccessRecord& r) {
    std::lock_guard lock(mutex);
    lines.push_back(std::string(r.method) + " " + std::string(r.path) + " " + std::string(r.route) +
                    " " + std::to_string(r.status) + " " + std::string(r.peer) +
                    (r.seconds >= 0 ? "" : " negative"));
  };
  ApiFixture f(options);
  request(f.port(), "GET", "/v1/projects/p1/progress?secret=q", {}, bearer(kReviewerToken));
  request(f.port(), "GET", "/v1/projects", {}, bearer("wrong-token-xxxxxxxxxxxx"));
  request(f.port(), "GET", "/healthz", {}, {{"X-Padding", std::string(20000, 'p')}});
  // A record is written just after its response, so it may trail the client a little.
  for (int i = 0; i < 500; ++i) {
    {
      std::lock_guard lock(mutex);
      if (lines.size() >= 3) break;
    }
    std::this_thread::sleep_for(10ms);
  }
  std::lock_guard lock(mutex);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "GET /v1/projects/p1/progress /v1/projects/{project}/progress 200 127.0.0.1");
  CHECK(lines[1] == "GET /v1/projects /v1/projects 401 127.0.0.1");
  CHECK(lines[2] == "  unparsed 431 127.0.0.1");
}

TEST_CASE("api: a deferred task call answers from another thread, and a dropped reply is 503",
          "[api][lifecycle]") {
  ApiFixture f;
  Connection conn(f.port());
  const std::string body = R"({"labels": {"intent": "x"}})";
  f.service.answer_later = true;
  conn.send(build_request("POST", "/v1/tasks/t-1/submit", body, bearer(kReviewerToken)));
  // Another connection is served while the first waits for its answer.
  CHECK(request(f.port(), "GET", "/v1/projects", {}, bearer(kReviewerToken)).status == 200);
  auto later = conn.read_response();
  REQUIRE(later);
  CHECK(later->status == 200);
  CHECK(body_json(*later).at("task") == "t-1");
  const auto calls = f.service.calls();
  CHECK(std::any_of(calls.begin(), calls.end(),
                    [](const auto& call) { return call.method == "submit"; }));

  f.service.answer_later = false;
  f.service.drop_next_reply = true;
  conn.send(build_request("POST", "/v1/tasks/t-1/submit", body, bearer(kReviewerToken)));
  auto dropped = conn.read_response();
  REQUIRE(dropped);
  CHECK(dropped->status == 503);
  CHECK(error_code_of(*dropped) == "unavailable");
  // The connection lives on.
  conn.send(build_request("POST", "/v1/tasks/t-1/submit", body, bearer(kReviewerToken)));
  auto ok = conn.read_response();
  REQUIRE(ok);
  CHECK(ok->status == 200);
}
