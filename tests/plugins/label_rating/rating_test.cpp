// The rating label type: options, scale checks, agreement, diff, normalize.
#include "rating_helpers.hpp"

using namespace labelflow;
using namespace labelflow::labels::testing;
namespace json = boost::json;

namespace {
const sdk::RowView kRow{};
}

TEST_CASE("rating options: min, max, step required and consistent") {
  auto missing = rating_errors("{}");
  REQUIRE(missing.size() == 3);
  CHECK(missing[0].key == "min");
  CHECK(missing[1].key == "max");
  CHECK(missing[2].key == "step");
  auto zero = rating_errors(R"({"min": 1, "max": 5, "step": 0})");
  REQUIRE(zero.size() == 1);
  CHECK(zero[0].key == "step");
  auto reversed = rating_errors(R"({"min": 5, "max": 1, "step": 1})");
  REQUIRE(reversed.size() == 1);
  CHECK(reversed[0].key == "max");
  auto uneven = rating_errors(R"({"min": 1, "max": 5, "step": 1.5})");
  REQUIRE(uneven.size() == 1);
  CHECK(uneven[0].key == "step");
  CHECK_THAT(uneven[0].message, Catch::Contains("whole number of steps"));
  auto typed = rating_errors(R"({"min": "1", "max": 5, "step": 1, "dimension": ["a"]})");
  REQUIRE(typed.size() == 2);
  CHECK(typed[0].key == "min");
  CHECK(typed[1].key == "dimension");
  CHECK_THAT(typed[1].message, Catch::Contains("did you mean 'dimensions'"));
  CHECK(rating_errors(R"({"min": 0, "max": 1, "step": 0.1})").empty());
  CHECK(make_rating(R"({"min": 1, "max": 5, "step": 1})").options() ==
        json::parse(R"({"min": 1.0, "max": 5.0, "step": 1.0})"));
}

TEST_CASE("rating validate: values must lie on the scale") {
  auto t = make_rating(R"({"min": 1, "max": 5, "step": 1})");
  CHECK(t.validate(json::parse("3"), kRow).empty());
  CHECK(t.validate(json::parse("3.0"), kRow).empty());
  CHECK(t.validate(json::parse("5"), kRow).empty());
  auto half = t.validate(json::parse("3.5"), kRow);
  REQUIRE(half.size() == 1);
  CHECK(half[0].message == "3.5 is not on the scale (1 to 5 in steps of 1)");
  CHECK(t.validate(json::parse("0"), kRow).size() == 1);
  CHECK(t.validate(json::parse("6"), kRow).size() == 1);
  CHECK(t.validate(json::parse(R"("3")"), kRow)[0].message == "must be a number");
  auto tenths = make_rating(R"({"min": 0, "max": 1, "step": 0.1})");
  CHECK(tenths.validate(json::parse("0.3"), kRow).empty());  // 0.3 is not exactly 3 * 0.1
  CHECK(tenths.validate(json::parse("0.35"), kRow).size() == 1);
}

TEST_CASE("rating validate: dimensions, each required, unknown ones refused") {
  auto t = make_rating(R"({"min": 1, "max": 5, "step": 1, "dimensions": ["fluency", "accuracy"]})");
  CHECK(t.validate(json::parse(R"({"fluency": 4, "accuracy": 5})"), kRow).empty());
  CHECK(t.validate(json::parse("4"), kRow).size() == 1);
  auto errors = t.validate(json::parse(R"({"accuracy": 9, "style": 3})"), kRow);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].path == "/fluency");
  CHECK(errors[0].message == "is required");
  CHECK(errors[1].path == "/accuracy");
  CHECK(errors[2].path == "/style");
  CHECK(errors[2].message == "unknown dimension");
}

TEST_CASE("rating agreement, diff, normalize") {
  auto t = make_rating(R"({"min": 1, "max": 5, "step": 1})");
  CHECK(t.agreement(json::parse("2"), json::parse("5"), kRow) == Approx(0.25));
  CHECK(t.agreement(json::parse("4"), json::parse("4.0"), kRow) == 1.0);
  CHECK(t.diff(json::parse("2"), json::parse("5"), kRow) ==
        json::parse(R"({"a": 2, "b": 5, "difference": 3.0})"));
  CHECK(t.normalize(json::parse("4.0"), kRow) == json::parse("4"));
  auto dims = make_rating(R"({"min": 0, "max": 10, "step": 0.5, "dimensions": ["x", "y"]})");
  // x: 1 - 2/10 = 0.8, y: 1 - 0/10 = 1 -> mean 0.9
  CHECK(dims.agreement(json::parse(R"({"x": 1, "y": 2.5})"), json::parse(R"({"x": 3, "y": 2.5})"),
                       kRow) == Approx(0.9));
  CHECK(dims.diff(json::parse(R"({"x": 1, "y": 2.5})"), json::parse(R"({"x": 3, "y": 2.5})"),
                  kRow) == json::parse(R"({"x": {"a": 1, "b": 3, "difference": 2.0},
                                           "y": {"a": 2.5, "b": 2.5, "difference": 0.0}})"));
  CHECK(dims.normalize(json::parse(R"({"y": 2.0, "x": 1.5})"), kRow) ==
        json::parse(R"({"x": 1.5, "y": 2})"));
}
