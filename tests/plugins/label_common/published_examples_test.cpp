// Published worked examples, matched to the precision they were published with.
#include "coded_helpers.hpp"
#include "reliability.hpp"

#include <catch2/catch.hpp>

using namespace labelflow::labels;
using namespace labelflow::labels::testing;

namespace {
double value(const Stat& s) {
  REQUIRE(s.value.has_value());
  return *s.value;
}
}  // namespace

// Wikipedia, "Cohen's kappa", section "Simple example": 50 grant proposals, two readers,
// yes/yes 20, yes/no 5, no/yes 10, no/no 15: p_o = 0.7, p_e = 0.5, kappa = 0.4.
TEST_CASE("Cohen's kappa: Wikipedia simple example (kappa = 0.4)") {
  auto data = from_table({{20, 5}, {10, 15}});
  auto r = cohen_kappa(data, KappaWeights::none);
  CHECK(value(r.kappa) == Approx(0.4).margin(1e-12));
  CHECK(r.n_items == 50u);
  CHECK(value(percent_agreement(data)) == Approx(0.7));
}

// Wikipedia, "Cohen's kappa", section "Same percentages but different numbers": two tables
// with 60% agreement, kappa 0.1304 and 0.2593 (published to 4 decimals).
TEST_CASE("Cohen's kappa: Wikipedia same-percentage examples (0.1304, 0.2593)") {
  CHECK(value(cohen_kappa(from_table({{45, 15}, {25, 15}}), KappaWeights::none).kappa) ==
        Approx(0.1304).margin(5e-5));
  CHECK(value(cohen_kappa(from_table({{25, 35}, {5, 35}}), KappaWeights::none).kappa) ==
        Approx(0.2593).margin(5e-5));
}

// SAS/STAT PROC FREQ agreement example as used in statsmodels' test_inter_rater.py
// (table10): simple kappa 0.4842, weighted kappa (linear weights) 0.4701, 4 decimals.
TEST_CASE("Cohen's kappa: SAS 3x3 example, unweighted and linear weights") {
  auto data = from_table({{0, 4, 1}, {0, 8, 0}, {0, 1, 5}});
  CHECK(value(cohen_kappa(data, KappaWeights::none).kappa) == Approx(0.4842).margin(5e-5));
  CHECK(value(cohen_kappa(data, KappaWeights::linear).kappa) == Approx(0.4701).margin(5e-5));
}

// Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories;
// P-bar = 0.378, P-bar_e = 0.213, kappa = 0.210 (3 decimals).
TEST_CASE("Fleiss' kappa: Wikipedia worked example (kappa = 0.210)") {
  auto data = from_counts({{0, 0, 0, 0, 14},
                           {0, 2, 6, 4, 2},
                           {0, 0, 3, 5, 6},
                           {0, 3, 9, 2, 0},
                           {2, 2, 8, 1, 1},
                           {7, 7, 0, 0, 0},
                           {3, 2, 6, 3, 0},
                           {2, 5, 3, 2, 2},
                           {6, 5, 2, 1, 0},
                           {0, 2, 2, 3, 7}});
  CHECK(value(fleiss_kappa(data)) == Approx(0.210).margin(5e-4));
}

// J. L. Fleiss, "Measuring nominal scale agreement among many raters", Psychological Bulletin
// 76(5), 1971: 30 patients, 6 psychiatrists, 5 diagnoses, kappa = 0.430. The per-rater data is
// the `diagnoses` set of R's irr package (kappam.fleiss gives 0.4302445), as transcribed in
// statsmodels/stats/tests/test_inter_rater.py. 1 depression, 2 personality disorder,
// 3 schizophrenia, 4 neurosis, 5 other.
TEST_CASE("Fleiss' kappa: Fleiss (1971) psychiatric diagnoses (kappa = 0.430)") {
  const std::vector<std::vector<int>> patients = {
      {4, 4, 4, 4, 4, 4}, {2, 2, 2, 5, 5, 5}, {2, 3, 3, 3, 3, 5}, {5, 5, 5, 5, 5, 5},
      {2, 2, 2, 4, 4, 4}, {1, 1, 3, 3, 3, 3}, {3, 3, 3, 3, 5, 5}, {1, 1, 3, 3, 3, 4},
      {1, 1, 4, 4, 4, 4}, {5, 5, 5, 5, 5, 5}, {1, 4, 4, 4, 4, 4}, {1, 2, 4, 4, 4, 4},
      {2, 2, 2, 3, 3, 3}, {1, 4, 4, 4, 4, 4}, {2, 2, 4, 4, 4, 5}, {3, 3, 3, 3, 3, 5},
      {1, 1, 1, 4, 5, 5}, {1, 1, 1, 1, 1, 2}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 5, 5, 5},
      {5, 5, 5, 5, 5, 5}, {2, 4, 4, 4, 4, 4}, {2, 2, 4, 5, 5, 5}, {1, 1, 4, 4, 4, 4},
      {1, 4, 4, 4, 4, 5}, {2, 2, 2, 2, 2, 4}, {1, 1, 1, 1, 5, 5}, {2, 2, 4, 4, 4, 4},
      {1, 3, 3, 3, 3, 3}, {5, 5, 5, 5, 5, 5}};
  std::vector<std::vector<int>> by_rater(6, std::vector<int>(patients.size()));
  for (std::size_t p = 0; p < patients.size(); ++p) {
    for (std::size_t r = 0; r < 6; ++r) by_rater[r][p] = patients[p][r];
  }
  auto data = from_matrix(by_rater, 5, 1);
  CHECK(value(fleiss_kappa(data)) == Approx(0.430).margin(5e-4));
  CHECK(value(fleiss_kappa(data)) == Approx(0.4302445).margin(5e-8));
}

// K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011, Annenberg School for
// Communication, U. Pennsylvania), section C: 4 observers, 12 units, values 1..5, missing data.
// Published: nominal 0.743, ordinal 0.815, interval 0.849 (3 decimals).
TEST_CASE("Krippendorff's alpha: 12-unit, 4-coder example with missing data") {
  const int m = kMissing;
  auto data = from_matrix({{1, 2, 3, 3, 2, 1, 4, 1, 2, m, m, m},
                           {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, m, 3},
                           {m, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, m},
                           {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, m}},
                          5, 1);
  CHECK(value(krippendorff_alpha(data, AlphaMetric::nominal)) == Approx(0.743).margin(5e-4));
  CHECK(value(krippendorff_alpha(data, AlphaMetric::ordinal)) == Approx(0.815).margin(5e-4));
  const double values[] = {1, 2, 3, 4, 5};
  CHECK(value(krippendorff_alpha(data, AlphaMetric::interval, values)) ==
        Approx(0.849).margin(5e-4));
}

// Same paper, section A: binary data, 2 observers, 10 units; alpha = 0.095.
TEST_CASE("Krippendorff's alpha: two observers, binary data (alpha = 0.095)") {
  auto data = from_matrix({{0, 1, 0, 0, 0, 0, 0, 0, 1, 0}, {1, 1, 1, 0, 0, 1, 0, 0, 0, 0}}, 2);
  CHECK(value(krippendorff_alpha(data, AlphaMetric::nominal)) == Approx(0.095).margin(5e-4));
}
