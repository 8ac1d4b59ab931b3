#include <catch2/catch.hpp>

#include "metrics/registry.hpp"

using namespace labelflow;

TEST_CASE("metrics: registry renders counters, gauges, callbacks and histograms", "[metrics]") {
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

TEST_CASE("metrics: registry refuses bad names and type clashes", "[metrics]") {
  metrics::Registry registry;
  registry.counter("x_total", "x");
  CHECK_THROWS_AS(registry.gauge("x_total", "x"), std::invalid_argument);
  CHECK_THROWS_AS(registry.counter("9lives", "x"), std::invalid_argument);
  CHECK_THROWS_AS(registry.counter("has space", "x"), std::invalid_argument);
  CHECK_THROWS_AS(registry.counter("ok", "x", {{"bad-label", "v"}}), std::invalid_argument);
  CHECK_THROWS_AS(registry.histogram("h", "x", {1, 1}), std::invalid_argument);
  CHECK_THROWS_AS(registry.histogram("h2", "x", {1}, {{"le", "1"}}), std::invalid_argument);
}
