// Classification metrics (DESIGN section 7 shape) and consolidation.
#include "classification_type.hpp"
#include "judgments.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <numeric>

using namespace labelflow;
using labelflow::labels::classification::ClassificationType;
using labelflow::labels::testing::judgments;
using labelflow::labels::testing::options;
namespace json = boost::json;

namespace {

ClassificationType make(const char* opts) {
  ClassificationType t;
  REQUIRE(t.configure(options(opts)).empty());
  return t;
}

const char* kKeys[] = {"n_items",      "n_raters",     "percent_agreement",
                       "cohen_kappa",  "cohen_n_items", "fleiss_kappa",
                       "krippendorff_alpha_nominal", "per_class", "notes"};

void check_all_keys(const json::object& m) {
  for (const char* k : kKeys) {
    INFO(k);
    CHECK(m.contains(k));
  }
  for (const auto& kv : m) {
    if (kv.value().is_null()) {
      INFO(kv.key());
      CHECK(m.at("notes").as_object().contains(kv.key()));
    }
  }
}

}  // namespace

TEST_CASE("classification metrics: hand-computed two-rater case") {
  auto t = make(R"({"classes": ["a", "b"]})");
  auto m = t.metrics(judgments({{"1", "r1", R"("a")"}, {"1", "r2", R"("a")"},
                                {"2", "r1", R"("a")"}, {"2", "r2", R"("b")"},
                                {"3", "r1", R"("b")"}, {"3", "r2", R"("b")"},
                                {"4", "r1", R"("b")"}, {"4", "r2", R"("b")"}}));
  check_all_keys(m);
  CHECK(m.at("n_items").to_number<int>() == 4);
  CHECK(m.at("n_raters").to_number<int>() == 2);
  CHECK(m.at("percent_agreement").as_double() == Approx(0.75));
  CHECK(m.at("cohen_kappa").as_double() == Approx(0.5));  // p_o .75, p_e .5
  CHECK(m.at("cohen_n_items").to_number<int>() == 4);
  CHECK(m.at("fleiss_kappa").as_double() == Approx(7.0 / 15.0));
  CHECK(m.at("krippendorff_alpha_nominal").as_double() == Approx(16.0 / 30.0));
  CHECK(m.at("per_class").is_null());
}

TEST_CASE("classification metrics: three raters, missing data, repeated judgment") {
  auto t = make(R"({"classes": ["a", "b"]})");
  auto m = t.metrics(judgments({{"1", "r1", R"("b")"}, {"1", "r1", R"("a")"},  // last wins
                                {"1", "r2", R"("a")"}, {"1", "r3", R"("b")"},
                                {"2", "r1", R"("b")"}, {"2", "r2", R"("b")"},
                                {"3", "r3", R"("a")"}}));
  check_all_keys(m);
  CHECK(m.at("n_items").to_number<int>() == 3);
  // item 1: a,a,b -> 1/3; item 2: b,b -> 1; item 3 has one rating.
  CHECK(m.at("percent_agreement").as_double() == Approx(2.0 / 3.0));
  CHECK(m.at("cohen_kappa").is_null());
  CHECK(m.at("cohen_n_items").is_null());
  CHECK(m.at("fleiss_kappa").is_null());
  CHECK(m.at("krippendorff_alpha_nominal").is_double());
}

TEST_CASE("classification metrics: one category only and no items give nulls with notes") {
  auto t = make(R"({"classes": ["a", "b"]})");
  auto one = t.metrics(judgments({{"1", "x", R"("a")"}, {"1", "y", R"("a")"},
                                  {"2", "x", R"("a")"}, {"2", "y", R"("a")"}}));
  check_all_keys(one);
  CHECK(one.at("percent_agreement").as_double() == 1.0);
  CHECK(one.at("cohen_kappa").is_null());
  CHECK(one.at("cohen_n_items").to_number<int>() == 2);
  CHECK(one.at("fleiss_kappa").is_null());
  CHECK(one.at("krippendorff_alpha_nominal").is_null());
  CHECK_THAT(std::string(one.at("notes").at("cohen_kappa").as_string()),
             Catch::Contains("single category"));
  auto none = t.metrics({});
  check_all_keys(none);
  CHECK(none.at("n_items").to_number<int>() == 0);
  CHECK(none.at("percent_agreement").is_null());
  CHECK(none.at("krippendorff_alpha_nominal").is_null());
}

TEST_CASE("classification metrics: multi-class has per_class binary figures") {
  auto t = make(R"({"classes": ["a", "b", "c"], "multi": true})");
  auto m = t.metrics(judgments({{"1", "x", R"(["a", "b"])"}, {"1", "y", R"(["b", "a"])"},
                                {"2", "x", R"(["a"])"}, {"2", "y", R"(["a", "c"])"},
                                {"3", "x", R"([])"}, {"3", "y", R"(["c"])"}}));
  check_all_keys(m);
  // Exact-set agreement: item 1 only.
  CHECK(m.at("percent_agreement").as_double() == Approx(1.0 / 3.0));
  const auto& per = m.at("per_class").as_object();
  REQUIRE(per.size() == 3);
  CHECK(per.at("a").at("percent_agreement").as_double() == 1.0);
  CHECK(per.at("a").at("cohen_kappa").as_double() == Approx(1.0));  // x: 1,1,0  y: 1,1,0
  CHECK(per.at("b").at("percent_agreement").as_double() == 1.0);
  CHECK(per.at("c").at("percent_agreement").as_double() == Approx(1.0 / 3.0));
  CHECK(per.at("c").at("n_items").to_number<int>() == 3);
}

TEST_CASE("majority vote: ties go to the first class in `classes`, items in first-seen order") {
  auto t = make(R"({"classes": ["pos", "neg"]})");
  auto r = t.consolidate(judgments({{"z", "1", R"("neg")"}, {"z", "2", R"("pos")"},
                                    {"a", "1", R"("neg")"}, {"a", "2", R"("neg")"},
                                    {"a", "3", R"("pos")"}}),
                         "majority-vote");
  REQUIRE(r.is_ok());
  REQUIRE(r->size() == 2);
  CHECK((*r)[0].item == "z");
  CHECK((*r)[0].label == json::value("pos"));
  CHECK((*r)[0].posterior.is_null());
  CHECK((*r)[1].label == json::value("neg"));
}

TEST_CASE("majority vote, multi-class: classes chosen by more than half") {
  auto t = make(R"({"classes": ["a", "b", "c"], "multi": true})");
  auto r = t.consolidate(judgments({{"1", "x", R"(["a", "b"])"}, {"1", "y", R"(["a"])"},
                                    {"1", "z", R"(["c", "b"])"}, {"2", "x", R"(["a"])"},
                                    {"2", "y", R"(["b"])"}}),
                         "majority-vote");
  REQUIRE(r.is_ok());
  CHECK((*r)[0].label == json::parse(R"(["a", "b"])"));
  CHECK((*r)[1].label == json::parse("[]"));  // one of two is not a majority
}

TEST_CASE("dawid-skene consolidation: posterior over every class, unknown method refused") {
  auto t = make(R"({"classes": ["pos", "neg", "neutral"]})");
  auto js = judgments({{"1", "x", R"("pos")"}, {"1", "y", R"("pos")"}, {"1", "z", R"("neg")"},
                       {"2", "x", R"("neg")"}, {"2", "y", R"("neg")"}, {"2", "z", R"("neg")"}});
  auto r = t.consolidate(js, "dawid-skene");
  REQUIRE(r.is_ok());
  REQUIRE(r->size() == 2);
  for (const auto& c : *r) {
    const auto& p = c.posterior.as_object();
    REQUIRE(p.size() == 3);
    double sum = 0;
    for (const auto& kv : p) sum += kv.value().as_double();
    CHECK(sum == Approx(1.0));
  }
  CHECK((*r)[1].label == json::value("neg"));
  auto multi = make(R"({"classes": ["a", "b"], "multi": true})");
  auto m = multi.consolidate(judgments({{"1", "x", R"(["a"])"}, {"1", "y", R"(["a"])"}}),
                             "dawid-skene");
  REQUIRE(m.is_ok());
  CHECK((*m)[0].label == json::parse(R"(["a"])"));
  CHECK((*m)[0].posterior.as_object().contains("b"));
  auto bad = t.consolidate(js, "median");
  REQUIRE_FALSE(bad.is_ok());
  CHECK(bad.status().code() == sdk::Code::invalid_argument);
  CHECK_THAT(bad.status().message(), Catch::Contains("median"));
}
