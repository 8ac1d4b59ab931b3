#include <catch2/catch.hpp>

#include "core/agreement.hpp"

using namespace labelflow::core;

TEST_CASE("stage agreement: min over labels of mean pairwise agreement", "[core][agreement]") {
  ExactLabelOracle o;
  RowDoc d;
  d.content.id = "r";
  d.content.auto_labels["a"] = 1;
  boost::json::object x{{"a", 1}, {"b", "p"}}, y{{"a", 1}, {"b", "q"}}, z{{"a", 2}, {"b", "p"}};
  auto per = per_label_agreement({"a", "b"}, {&x, &y, &z}, d, o);
  REQUIRE(per["a"] == Approx(1.0 / 3));
  REQUIRE(per["b"] == Approx(1.0 / 3));
  REQUIRE(stage_agreement(per) == Approx(1.0 / 3));
  // one review: agreement with the valid auto label, 0 without one
  auto one = per_label_agreement({"a", "b"}, {&x}, d, o);
  REQUIRE(one["a"] == 1.0);
  REQUIRE(one["b"] == 0.0);
  d.invalid_auto_labels = {"a"};
  REQUIRE(per_label_agreement({"a"}, {&x}, d, o)["a"] == 0.0);
  // consensus: the medoid per label
  auto c = consensus({"a", "b"}, {&x, &y, &z}, d, o);
  REQUIRE(c["a"] == 1);
  REQUIRE(c["b"] == "p");
}

TEST_CASE("sampling is deterministic and near its rate", "[core][agreement]") {
  int hits = 0;
  for (int i = 0; i < 10000; ++i) {
    const std::string id = "row-" + std::to_string(i);
    const bool s = sampled(id, 1, 99, 0.1);
    REQUIRE(s == sampled(id, 1, 99, 0.1));
    hits += s;
  }
  REQUIRE(hits > 850);
  REQUIRE(hits < 1150);
  REQUIRE_FALSE(sampled("x", 1, 1, 0.0));
  REQUIRE(sampled("x", 1, 1, 1.0));
}
