#include <catch2/catch.hpp>

#include "api/errors.hpp"
#include "api/metrics.hpp"

using namespace labelflow::api;

TEST_CASE("api: registry renders counters, gauges, callbacks and histograms", "[api][metrics]") {
  metrics::Registry registry;
  registry.counter("jobs_total", "Jobs done", {{"kind", "a\"b"}}).inc(2);
  registry.counter("jobs_total", "Jobs done", {{"kind", "a\"b"}}).inc();
  registry.gauge("depth", "Queue depth").set(4.5);
  int reads = 0;
  registry.gauge_callback("live", "Read at render", {{"stage", "qa"}}, [&] {
    ++reads;
    return 9.0;
  });
  auto& h = registry.histogram("latency_seconds", "Latency", {0.1, 1}, {{"route", "/x"}});
  h.observe(0.05);
  h.observe(0.1);
  h.observe(0.5);
  h.observe(3);
  std::string text = registry.render();
  CHECK(text ==
        "# HELP depth Queue depth\n"
        "# TYPE depth gauge\n"
        "depth 4.5\n"
        "# HELP jobs_total Jobs done\n"
        "# TYPE jobs_total counter\n"
        "jobs_total{kind=\"a\\\"b\"} 3\n"
        "# HELP latency_seconds Latency\n"
        "# TYPE latency_seconds histogram\n"
        "latency_seconds_bucket{route=\"/x\",le=\"0.1\"} 2\n"
        "latency_seconds_bucket{route=\"/x\",le=\"1\"} 3\n"
        "latency_seconds_bucket{route=\"/x\",le=\"+Inf\"} 4\n"
        "latency_seconds_sum{route=\"/x\"} 3.65\n"
        "latency_seconds_count{route=\"/x\"} 4\n"
        "# HELP live Read at render\n"
        "# TYPE live gauge\n"
        "live{stage=\"qa\"} 9\n");
  CHECK(reads == 1);
}

TEST_CASE("api: registry refuses bad names and type clashes", "[api][metrics]") {
  metrics::Registry registry;
  registry.counter("x_total", "x");
  CHECK_THROWS_AS(registry.gauge("x_total", "x"), std::invalid_argument);
  CHECK_THROWS_AS(registry.counter("9lives", "x"), std::invalid_argument);
  CHECK_THROWS_AS(registry.counter("has space", "x"), std::invalid_argument);
  CHECK_THROWS_AS(registry.counter("ok", "x", {{"bad-label", "v"}}), std::invalid_argument);
  CHECK_THROWS_AS(registry.histogram("h", "x", {1, 1}), std::invalid_argument);
  CHECK_THROWS_AS(registry.histogram("h2", "x", {1}, {{"le", "1"}}), std::invalid_argument);
}

TEST_CASE("api: error JSON has the fixed shape", "[api][errors]") {
  CHECK(error_json({ErrorCode::validation_failed, "bad label", {{"/labels/ner/2/end", "x"}}, 0}) ==
        R"({"error":{"code":"validation_failed","message":"bad label",)"
        R"("details":[{"path":"/labels/ner/2/end","message":"x"}]}})");
  Response res = error_response({ErrorCode::lease_conflict, "taken", {}, 0});
  CHECK(res.status == 409);
  CHECK(res.body == R"({"error":{"code":"lease_conflict","message":"taken","details":[]}})");
  CHECK(error_response({ErrorCode::bad_request, "m", {}, 405}).status == 405);
}
