// The classification label type: options, validation, agreement, diff, normalize.
#include "classification_type.hpp"
#include "judgments.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace labelflow;
using labelflow::labels::classification::ClassificationType;
using labelflow::labels::testing::options;
namespace json = boost::json;

namespace {

ClassificationType make(const char* opts) {
  ClassificationType t;
  auto errors = t.configure(options(opts));
  REQUIRE(errors.empty());
  return t;
}

const sdk::RowView kRow{};

}  // namespace

TEST_CASE("classification options: required, typed, unknown keys refused by name") {
  ClassificationType t;
  auto missing = t.configure(options(R"({})"));
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].key == "classes");
  auto empty = t.configure(options(R"({"classes": []})"));
  REQUIRE(empty.size() == 1);
  CHECK(empty[0].message == "must not be empty");
  auto typo = t.configure(options(R"({"classes": ["a"], "mutli": true})"));
  REQUIRE(typo.size() == 1);
  CHECK(typo[0].key == "mutli");
  CHECK_THAT(typo[0].message, Catch::Contains("did you mean 'multi'"));
  auto bad = t.configure(options(R"({"classes": ["a", "a"], "multi": "yes"})"));
  REQUIRE(bad.size() == 2);
  CHECK(make(R"({"classes": ["x", "y"]})").options() ==
        json::parse(R"({"classes": ["x", "y"], "multi": false})"));
}

TEST_CASE("classification validate: single-class value") {
  auto t = make(R"({"classes": ["pos", "neg"]})");
  CHECK(t.validate(json::parse(R"("pos")"), kRow).empty());
  auto wrong_type = t.validate(json::parse("3"), kRow);
  REQUIRE(wrong_type.size() == 1);
  CHECK(wrong_type[0].path == "");
  auto unknown = t.validate(json::parse(R"("meh")"), kRow);
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].message == "unknown class \"meh\"; expected one of: pos, neg");
}

TEST_CASE("classification validate: multi-class value, errors with JSON pointers") {
  auto t = make(R"({"classes": ["a", "b", "c"], "multi": true})");
  CHECK(t.validate(json::parse(R"([])"), kRow).empty());
  CHECK(t.validate(json::parse(R"(["c", "a"])"), kRow).empty());
  CHECK(t.validate(json::parse(R"("a")"), kRow).size() == 1);
  auto errors = t.validate(json::parse(R"(["a", 7, "z", "a"])"), kRow);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].path == "/1");
  CHECK(errors[0].message == "must be a string naming one class");
  CHECK(errors[1].path == "/2");
  CHECK_THAT(errors[1].message, Catch::Contains("unknown class \"z\""));
  CHECK(errors[2].path == "/3");
  CHECK(errors[2].message == "\"a\" is listed twice");
}

TEST_CASE("classification agreement: exact match (single), Jaccard (multi)") {
  auto single = make(R"({"classes": ["pos", "neg"]})");
  CHECK(single.agreement(json::parse(R"("pos")"), json::parse(R"("pos")"), kRow) == 1.0);
  CHECK(single.agreement(json::parse(R"("pos")"), json::parse(R"("neg")"), kRow) == 0.0);
  auto multi = make(R"({"classes": ["a", "b", "c"], "multi": true})");
  CHECK(multi.agreement(json::parse(R"(["a", "b"])"), json::parse(R"(["c", "b"])"), kRow) ==
        Approx(1.0 / 3.0));
  CHECK(multi.agreement(json::parse("[]"), json::parse("[]"), kRow) == 1.0);
  CHECK(multi.agreement(json::parse("[]"), json::parse(R"(["a"])"), kRow) == 0.0);
  CHECK(multi.agreement(json::parse(R"(["b", "a"])"), json::parse(R"(["a", "b"])"), kRow) == 1.0);
  CHECK_THROWS_AS(multi.agreement(json::parse(R"(["q"])"), json::parse("[]"), kRow),
                  std::invalid_argument);
}

TEST_CASE("classification diff and normalize") {
  auto multi = make(R"({"classes": ["a", "b", "c"], "multi": true})");
  CHECK(multi.diff(json::parse(R"(["c", "a"])"), json::parse(R"(["b", "a"])"), kRow) ==
        json::parse(R"({"only_a": ["c"], "only_b": ["b"], "both": ["a"]})"));
  CHECK(multi.normalize(json::parse(R"(["c", "a"])"), kRow) == json::parse(R"(["a", "c"])"));
  auto single = make(R"({"classes": ["pos", "neg"]})");
  CHECK(single.diff(json::parse(R"("pos")"), json::parse(R"("neg")"), kRow) ==
        json::parse(R"({"only_a": ["pos"], "only_b": ["neg"], "both": []})"));
  CHECK(single.normalize(json::parse(R"("neg")"), kRow) == json::parse(R"("neg")"));
  CHECK(single.consolidation_methods() ==
        std::vector<std::string>{"majority-vote", "dawid-skene"});
}
