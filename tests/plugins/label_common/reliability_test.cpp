// Hand-computed small cases and the edges of every agreement statistic.
#include "coded_helpers.hpp"
#include "reliability.hpp"

#include <catch2/catch.hpp>

using namespace labelflow::labels;
using namespace labelflow::labels::testing;

namespace {
constexpr int m = kMissing;
}

TEST_CASE("percent agreement: mean over items with two or more ratings of agreeing pairs") {
  // item 0: a,a,b -> 1 of 3 pairs; item 1: a,a -> 1; item 2: one rating, not counted.
  auto data = from_matrix({{0, 0, 1}, {0, 0, m}, {1, m, m}}, 2);
  CHECK(*percent_agreement(data).value == Approx(2.0 / 3.0));
}

TEST_CASE("perfect agreement gives 1 for every coefficient") {
  auto data = from_matrix({{0, 1, 2, 1}, {0, 1, 2, 1}}, 3);
  CHECK(*percent_agreement(data).value == 1.0);
  CHECK(*cohen_kappa(data, KappaWeights::none).kappa.value == Approx(1.0));
  CHECK(*cohen_kappa(data, KappaWeights::quadratic).kappa.value == Approx(1.0));
  CHECK(*fleiss_kappa(data).value == Approx(1.0));
  CHECK(*krippendorff_alpha(data, AlphaMetric::nominal).value == Approx(1.0));
  CHECK(*krippendorff_alpha(data, AlphaMetric::ordinal).value == Approx(1.0));
  CHECK(*krippendorff_alpha(data, AlphaMetric::interval).value == Approx(1.0));
}

TEST_CASE("one category only: chance-corrected coefficients are undefined, with a reason") {
  auto data = from_matrix({{1, 1, 1}, {1, 1, 1}}, 3);
  CHECK(*percent_agreement(data).value == 1.0);
  auto cohen = cohen_kappa(data, KappaWeights::none);
  CHECK_FALSE(cohen.kappa.value);
  CHECK_THAT(cohen.kappa.note, Catch::Contains("single category"));
  CHECK(cohen.n_items == 3u);
  CHECK_FALSE(fleiss_kappa(data).value);
  CHECK_THAT(fleiss_kappa(data).note, Catch::Contains("one category"));
  auto alpha = krippendorff_alpha(data, AlphaMetric::nominal);
  CHECK_FALSE(alpha.value);
  CHECK_THAT(alpha.note, Catch::Contains("one value"));
}

TEST_CASE("no items: every statistic undefined") {
  CodedData empty;
  empty.n_categories = 2;
  CHECK_FALSE(percent_agreement(empty).value);
  CHECK_FALSE(cohen_kappa(empty, KappaWeights::none).kappa.value);
  CHECK_FALSE(fleiss_kappa(empty).value);
  CHECK_FALSE(krippendorff_alpha(empty, AlphaMetric::nominal).value);
}

TEST_CASE("Cohen's kappa: hand-computed unweighted, linear and quadratic") {
  // Pairs (0,0) (0,1) (1,1) (2,2): unweighted 7/11, linear 5/7, quadratic 0.8 (by hand).
  auto data = from_matrix({{0, 0, 1, 2}, {0, 1, 1, 2}}, 3);
  CHECK(*cohen_kappa(data, KappaWeights::none).kappa.value == Approx(7.0 / 11.0));
  CHECK(*cohen_kappa(data, KappaWeights::linear).kappa.value == Approx(5.0 / 7.0));
  CHECK(*cohen_kappa(data, KappaWeights::quadratic).kappa.value == Approx(0.8));
}

TEST_CASE("Cohen's kappa: items not rated by both raters are dropped") {
  // Only items 0, 1, 3 are rated by both: (0,0) (1,1) (0,1).
  auto data = from_matrix({{0, 1, 1, 0}, {0, 1, m, 1}}, 2);
  auto r = cohen_kappa(data, KappaWeights::none);
  CHECK(r.n_items == 3u);
  // p_o = 2/3; A: two 0, one 1; B: one 0, two 1; p_e = 4/9; kappa = (2/9)/(5/9) = 0.4
  CHECK(*r.kappa.value == Approx(0.4));
}

TEST_CASE("Cohen's kappa needs exactly two raters") {
  auto data = from_matrix({{0, 1}, {0, 1}, {0, 1}}, 2);
  auto r = cohen_kappa(data, KappaWeights::none);
  CHECK_FALSE(r.kappa.value);
  CHECK_FALSE(r.n_items);
  CHECK_THAT(r.kappa.note, Catch::Contains("found 3"));
}

TEST_CASE("Fleiss' kappa refuses unequal numbers of ratings per item") {
  auto data = from_matrix({{0, 1, 0}, {0, 1, 1}, {0, m, 1}}, 2);
  auto s = fleiss_kappa(data);
  CHECK_FALSE(s.value);
  CHECK_THAT(s.note, Catch::Contains("2 to 3"));
}

TEST_CASE("Fleiss' kappa: hand-computed") {
  // Items (counts of cat0, cat1), 3 raters: (3,0) (0,3) (2,1).
  // P_i = 1, 1, (4+1-3)/6 = 1/3; P-bar = 7/9; p = (5/9, 4/9); P_e = 41/81.
  auto data = from_counts({{3, 0}, {0, 3}, {2, 1}});
  double p_bar = 7.0 / 9.0, p_e = 41.0 / 81.0;
  CHECK(*fleiss_kappa(data).value == Approx((p_bar - p_e) / (1 - p_e)));
}

TEST_CASE("Krippendorff's alpha: units with one value are not pairable") {
  auto with = from_matrix({{0, 1, 0, 1}, {0, 1, 1, m}}, 2);
  auto without = from_matrix({{0, 1, 0}, {0, 1, 1}}, 2);
  CHECK(*krippendorff_alpha(with, AlphaMetric::nominal).value ==
        Approx(*krippendorff_alpha(without, AlphaMetric::nominal).value));
  // n = 6, n0 = 3, n1 = 3, o01 = o10 = 1: alpha = 1 - 5 * 2 / (2 * 9) = 4/9.
  CHECK(*krippendorff_alpha(without, AlphaMetric::nominal).value == Approx(4.0 / 9.0));
}
