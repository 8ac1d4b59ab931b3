// Rating metrics and median consolidation.
#include "rating_helpers.hpp"

using namespace labelflow;
using namespace labelflow::labels::testing;
namespace json = boost::json;

namespace {
const char* kKeys[] = {"n_items",
                       "n_raters",
                       "krippendorff_alpha_ordinal",
                       "krippendorff_alpha_interval",
                       "cohen_kappa_linear",
                       "cohen_kappa_quadratic",
                       "cohen_n_items",
                       "mean_absolute_difference",
                       "dimensions",
                       "notes"};

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

TEST_CASE("rating metrics: hand-computed weighted kappas and mean absolute difference") {
  auto t = make_rating(R"({"min": 1, "max": 3, "step": 1})");
  // Pairs (1,1) (1,2) (2,2) (3,3) on a 3-point scale: linear 5/7, quadratic 0.8 (by hand).
  auto m = t.metrics(rating_judgments({{"a", "x", "1"}, {"a", "y", "1"}, {"b", "x", "1"},
                                       {"b", "y", "2"}, {"c", "x", "2"}, {"c", "y", "2"},
                                       {"d", "x", "3"}, {"d", "y", "3"}}));
  check_all_keys(m);
  CHECK(m.at("cohen_kappa_linear").as_double() == Approx(5.0 / 7.0));
  CHECK(m.at("cohen_kappa_quadratic").as_double() == Approx(0.8));
  CHECK(m.at("cohen_n_items").to_number<int>() == 4);
  CHECK(m.at("mean_absolute_difference").as_double() == Approx(0.25));
  CHECK(m.at("dimensions").is_null());
}

// K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section C: the 12-unit,
// 4-observer example with missing data, through the rating type's judgments. Published:
// ordinal 0.815, interval 0.849.
TEST_CASE("rating metrics: Krippendorff (2011) example through judgments") {
  auto t = make_rating(R"({"min": 1, "max": 5, "step": 1})");
  const char* rows[4][12] = {{"1", "2", "3", "3", "2", "1", "4", "1", "2", "", "", ""},
                             {"1", "2", "3", "3", "2", "2", "4", "1", "2", "5", "", "3"},
                             {"", "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", ""},
                             {"1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", ""}};
  std::vector<sdk::Judgment> js;
  for (int u = 0; u < 12; ++u) {
    for (int c = 0; c < 4; ++c) {
      if (*rows[c][u] == '\0') continue;
      js.push_back({"unit" + std::to_string(u), "coder" + std::to_string(c),
                    json::parse(rows[c][u])});
    }
  }
  auto m = t.metrics(js);
  check_all_keys(m);
  CHECK(m.at("n_items").to_number<int>() == 12);
  CHECK(m.at("krippendorff_alpha_ordinal").as_double() == Approx(0.815).margin(5e-4));
  CHECK(m.at("krippendorff_alpha_interval").as_double() == Approx(0.849).margin(5e-4));
  CHECK(m.at("cohen_kappa_linear").is_null());  // four raters
}

TEST_CASE("rating metrics: one value only, no items, dimensions") {
  auto t = make_rating(R"({"min": 1, "max": 5, "step": 1})");
  auto same = t.metrics(rating_judgments({{"a", "x", "3"}, {"a", "y", "3"}}));
  check_all_keys(same);
  CHECK(same.at("krippendorff_alpha_interval").is_null());
  CHECK(same.at("cohen_kappa_linear").is_null());
  CHECK(same.at("mean_absolute_difference").as_double() == 0.0);
  auto none = t.metrics({});
  check_all_keys(none);
  CHECK(none.at("mean_absolute_difference").is_null());
  auto dims = make_rating(R"({"min": 1, "max": 5, "step": 1, "dimensions": ["f", "a"]})");
  auto m = dims.metrics(rating_judgments({{"1", "x", R"({"f": 1, "a": 5})"},
                                          {"1", "y", R"({"f": 3, "a": 5})"}}));
  check_all_keys(m);
  CHECK(m.at("krippendorff_alpha_ordinal").is_null());
  CHECK(m.at("dimensions").at("f").at("mean_absolute_difference").as_double() == 2.0);
  CHECK(m.at("dimensions").at("a").at("mean_absolute_difference").as_double() == 0.0);
  CHECK(m.at("dimensions").at("a").at("cohen_kappa_linear").is_null());
}

TEST_CASE("median consolidation: odd count, even count takes the lower middle") {
  auto t = make_rating(R"({"min": 1, "max": 5, "step": 1})");
  auto r = t.consolidate(rating_judgments({{"odd", "x", "5"}, {"odd", "y", "1"}, {"odd", "z", "3"},
                                           {"even", "w", "5"}, {"even", "x", "1"},
                                           {"even", "y", "4"}, {"even", "z", "2"}}),
                         "median");
  REQUIRE(r.is_ok());
  REQUIRE(r->size() == 2);
  CHECK((*r)[0].item == "odd");
  CHECK((*r)[0].label == json::parse("3"));
  CHECK((*r)[1].label == json::parse("2"));
  auto dims = make_rating(R"({"min": 0, "max": 1, "step": 0.5, "dimensions": ["p", "q"]})");
  auto d = dims.consolidate(rating_judgments({{"1", "x", R"({"p": 0, "q": 1})"},
                                              {"1", "y", R"({"p": 0.5, "q": 1})"}}),
                            "median");
  REQUIRE(d.is_ok());
  CHECK((*d)[0].label == json::parse(R"({"p": 0, "q": 1})"));
  CHECK_FALSE(t.consolidate({}, "mean").is_ok());
}
