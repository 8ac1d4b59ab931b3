// Dawid-Skene on the data of the original paper and on small constructed cases.
#include "coded_data.hpp"
#include "dawid_skene.hpp"

#include <catch2/catch.hpp>

#include <numeric>
#include <vector>

using namespace labelflow::labels;

namespace {

// A. P. Dawid and A. M. Skene (1979), Table 1: 45 patients, 5 anaesthetists, classes 1..4;
// observer 1 assessed every patient three times. Transcribed from the paper's table as given
// in github.com/dallascard/dawid_skene (dawid_skene.py, generate_sample_data()).
const std::vector<std::vector<std::vector<int>>> kPatients = {
    {{1, 1, 1}, {1}, {1}, {1}, {1}}, {{3, 3, 3}, {4}, {3}, {3}, {4}},
    {{1, 1, 2}, {2}, {1}, {2}, {2}}, {{2, 2, 2}, {3}, {1}, {2}, {1}},
    {{2, 2, 2}, {3}, {2}, {2}, {2}}, {{2, 2, 2}, {3}, {3}, {2}, {2}},
    {{1, 2, 2}, {2}, {1}, {1}, {1}}, {{3, 3, 3}, {3}, {4}, {3}, {3}},
    {{2, 2, 2}, {2}, {2}, {2}, {3}}, {{2, 3, 2}, {2}, {2}, {2}, {3}},
    {{4, 4, 4}, {4}, {4}, {4}, {4}}, {{2, 2, 2}, {3}, {3}, {4}, {3}},
    {{1, 1, 1}, {1}, {1}, {1}, {1}}, {{2, 2, 2}, {3}, {2}, {1}, {2}},
    {{1, 2, 1}, {1}, {1}, {1}, {1}}, {{1, 1, 1}, {2}, {1}, {1}, {1}},
    {{1, 1, 1}, {1}, {1}, {1}, {1}}, {{1, 1, 1}, {1}, {1}, {1}, {1}},
    {{2, 2, 2}, {2}, {2}, {2}, {1}}, {{2, 2, 2}, {1}, {3}, {2}, {2}},
    {{2, 2, 2}, {2}, {2}, {2}, {2}}, {{2, 2, 2}, {2}, {2}, {2}, {1}},
    {{2, 2, 2}, {3}, {2}, {2}, {2}}, {{2, 2, 1}, {2}, {2}, {2}, {2}},
    {{1, 1, 1}, {1}, {1}, {1}, {1}}, {{1, 1, 1}, {1}, {1}, {1}, {1}},
    {{2, 3, 2}, {2}, {2}, {2}, {2}}, {{1, 1, 1}, {1}, {1}, {1}, {1}},
    {{1, 1, 1}, {1}, {1}, {1}, {1}}, {{1, 1, 2}, {1}, {1}, {2}, {1}},
    {{1, 1, 1}, {1}, {1}, {1}, {1}}, {{3, 3, 3}, {3}, {2}, {3}, {3}},
    {{1, 1, 1}, {1}, {1}, {1}, {1}}, {{2, 2, 2}, {2}, {2}, {2}, {2}},
    {{2, 2, 2}, {3}, {2}, {3}, {2}}, {{4, 3, 3}, {4}, {3}, {4}, {3}},
    {{2, 2, 1}, {2}, {2}, {3}, {2}}, {{2, 3, 2}, {3}, {2}, {3}, {3}},
    {{3, 3, 3}, {3}, {4}, {3}, {2}}, {{1, 1, 1}, {1}, {1}, {1}, {1}},
    {{1, 1, 1}, {1}, {1}, {1}, {1}}, {{1, 2, 1}, {2}, {1}, {1}, {1}},
    {{2, 3, 2}, {2}, {2}, {2}, {2}}, {{1, 2, 1}, {1}, {1}, {1}, {1}},
    {{2, 2, 2}, {2}, {2}, {2}, {2}}};

CodedData paper_data() {
  CodedDataBuilder b(4, /*last_wins=*/false);
  for (std::size_t p = 0; p < kPatients.size(); ++p) {
    for (std::size_t o = 0; o < kPatients[p].size(); ++o) {
      for (int label : kPatients[p][o]) {
        b.add(std::to_string(p + 1), std::to_string(o + 1),
              static_cast<std::uint32_t>(label - 1));
      }
    }
  }
  return std::move(b).finish();
}

}  // namespace

TEST_CASE("Dawid-Skene: the 45 patients of the paper, repeated assessments counted") {
  auto data = paper_data();
  REQUIRE(data.units.size() == 45);
  std::size_t judgments = 0;
  for (const auto& u : data.units) judgments += u.size();
  CHECK(judgments == 45 * 7);  // observer 1 three times, four others once
  for (double smoothing : {0.0, 0.01}) {
    DawidSkeneOptions options;
    options.smoothing = smoothing;
    auto fit = dawid_skene(data, options);
    CHECK(fit.converged);
    CHECK(fit.iterations < 1000);
    for (const auto& p : fit.posterior) {
      CHECK(std::accumulate(p.begin(), p.end(), 0.0) == Approx(1.0));
    }
    CHECK(std::accumulate(fit.priors.begin(), fit.priors.end(), 0.0) == Approx(1.0));
    CHECK(argmax_first(fit.posterior[0]) == 0);   // patient 1: everyone says 1
    CHECK(argmax_first(fit.posterior[10]) == 3);  // patient 11: everyone says 4
    CHECK(argmax_first(fit.posterior[20]) == 1);  // patient 21: everyone says 2
    CHECK(fit.posterior[10][3] > 0.99);
  }
}

// The estimates of the paper's EM (no smoothing) on its own data: class marginals 0.40, 0.42,
// 0.11, 0.07 and the most probable class of every patient. The paper's result tables could not
// be obtained to compare against; these figures are from an independent straightforward
// implementation of eqs. 2.3-2.5 (pure Python, kept outside the repository), which gives the
// same marginals and classes.
TEST_CASE("Dawid-Skene: the paper's 45 patients, estimates without smoothing") {
  DawidSkeneOptions options;
  options.smoothing = 0.0;
  auto fit = dawid_skene(paper_data(), options);
  REQUIRE(fit.converged);
  CHECK(fit.priors[0] == Approx(0.40).margin(0.005));
  CHECK(fit.priors[1] == Approx(0.42).margin(0.005));
  CHECK(fit.priors[2] == Approx(0.11).margin(0.005));
  CHECK(fit.priors[3] == Approx(0.07).margin(0.005));
  const int expected[] = {1, 4, 2, 2, 2, 2, 1, 3, 2, 2, 4, 3, 1, 2, 1, 1, 1, 1, 2, 2, 2, 2, 2,
                          2, 1, 1, 2, 1, 1, 1, 1, 3, 1, 2, 2, 4, 2, 3, 3, 1, 1, 1, 2, 1, 2};
  for (std::size_t p = 0; p < 45; ++p) {
    INFO("patient " << p + 1);
    CHECK(argmax_first(fit.posterior[p]) + 1 == static_cast<std::size_t>(expected[p]));
  }
  // Patient 2 (votes 3,3,3 / 4 / 3 / 3 / 4): majority says 3, the model says 4, because
  // observers 2 and 5 say 4 only for class-4 patients.
  CHECK(fit.posterior[1][3] > 0.99);
  CHECK(fit.posterior[6][0] == Approx(0.981).margin(0.0005));  // patient 7
}

TEST_CASE("Dawid-Skene: a reliable rater outweighs two unreliable ones") {
  // B and C always say 0 (uninformative); A is the only rater whose answer varies, and it
  // agrees with a fourth rater D. On item x, A says 1 and B and C say 0: majority vote says 0,
  // Dawid-Skene learns that B and C carry no information and follows A.
  CodedDataBuilder b(2, false);
  for (int i = 0; i < 12; ++i) {
    auto truth = static_cast<std::uint32_t>(i % 2);
    b.add(std::to_string(i), "A", truth);
    b.add(std::to_string(i), "B", 0);
    b.add(std::to_string(i), "C", 0);
    b.add(std::to_string(i), "D", truth);
  }
  b.add("x", "A", 1);
  b.add("x", "B", 0);
  b.add("x", "C", 0);
  auto fit = dawid_skene(std::move(b).finish());
  CHECK(fit.converged);
  CHECK(argmax_first(fit.posterior[12]) == 1);
}

TEST_CASE("Dawid-Skene: an item without ratings gets the priors, and no items is fine") {
  CodedDataBuilder b(2, false);
  b.add("a", "r", 0);
  b.add("b", "r", 1);
  b.add_item("c");
  auto fit = dawid_skene(std::move(b).finish());
  CHECK(fit.posterior[2] == fit.priors);
  CodedData empty;
  empty.n_categories = 3;
  CHECK(dawid_skene(empty).posterior.empty());
}

TEST_CASE("argmax_first breaks ties toward the first class") {
  CHECK(argmax_first({0.25, 0.5, 0.5}) == 1);
  CHECK(argmax_first({0.5, 0.5}) == 0);
}
