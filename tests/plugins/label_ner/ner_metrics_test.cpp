// NER metrics (strict / overlap precision, recall, F1 with maximum matching) and span-cluster.
#include "ner_helpers.hpp"
#include "span_matching.hpp"

using namespace labelflow;
using namespace labelflow::labels::testing;
using labelflow::labels::ner::MatchRule;
using labelflow::labels::ner::Span;
namespace json = boost::json;

namespace {
const char* kOptions = R"({"entity_types": ["PER", "LOC", "ORG"]})";

double figure(const json::object& m, const char* block, const char* key) {
  const auto& v = m.at(block).at(key);
  REQUIRE(v.is_double());
  return v.as_double();
}
}  // namespace

TEST_CASE("max matching: one-to-one and maximal where a greedy pass is not") {
  // Overlap rule: a0 overlaps b0 and b1, a1 only b0. Greedy a0-b0 leaves a1 unmatched;
  // the maximum matching is a0-b1, a1-b0.
  std::vector<Span> a{{0, 10, 0}, {2, 3, 0}};
  std::vector<Span> b{{2, 3, 0}, {8, 9, 0}};
  CHECK(labels::ner::max_matching(a, b, MatchRule::overlap) == 2);
  CHECK(labels::ner::max_matching(a, b, MatchRule::strict) == 1);
  // One long span overlapping two: counts once.
  std::vector<Span> one{{0, 10, 0}};
  CHECK(labels::ner::max_matching(one, b, MatchRule::overlap) == 1);
  // Different types never match.
  CHECK(labels::ner::max_matching({{0, 5, 0}}, {{0, 5, 1}}, MatchRule::overlap) == 0);
}

TEST_CASE("ner metrics: hand-computed two raters, missing item counts as no spans") {
  auto t = make_ner(kOptions);
  auto m = t.metrics(ner_judgments({
      {"1", "A", R"([{"start": 0, "end": 5, "type": "PER"},)"
            R"({"start": 10, "end": 15, "type": "ORG"}])"},
      {"1", "B", R"([{"start": 0, "end": 5, "type": "PER"},)"
            R"({"start": 11, "end": 15, "type": "ORG"}])"},
      {"2", "A", "[]"},
      {"2", "B", R"([{"start": 3, "end": 4, "type": "LOC"}])"},
      {"3", "A", R"([{"start": 1, "end": 2, "type": "PER"}])"}}));
  CHECK(m.at("n_items").to_number<int>() == 3);
  CHECK(m.at("n_raters").to_number<int>() == 2);
  // strict: TP 1, reference 3, other 3
  CHECK(figure(m, "strict", "precision") == Approx(1.0 / 3));
  CHECK(figure(m, "strict", "recall") == Approx(1.0 / 3));
  CHECK(figure(m, "strict", "f1") == Approx(1.0 / 3));
  // overlap: TP 2
  CHECK(figure(m, "overlap", "precision") == Approx(2.0 / 3));
  CHECK(figure(m, "overlap", "recall") == Approx(2.0 / 3));
  CHECK(figure(m, "overlap", "f1") == Approx(2.0 / 3));
  CHECK(m.at("notes").as_object().empty());
}

TEST_CASE("ner metrics: the first rater in the input is the reference") {
  auto t = make_ner(kOptions);
  // B (first) marks 2 spans, A marks 1 matching one: recall 1/2, precision 1.
  auto m = t.metrics(ner_judgments({
      {"1", "B", R"([{"start": 0, "end": 5, "type": "PER"},)"
            R"({"start": 6, "end": 9, "type": "LOC"}])"},
      {"1", "A", R"([{"start": 0, "end": 5, "type": "PER"}])"}}));
  CHECK(figure(m, "strict", "recall") == Approx(0.5));
  CHECK(figure(m, "strict", "precision") == Approx(1.0));
}

TEST_CASE("ner metrics: both raters without spans, one rater, no items") {
  auto t = make_ner(kOptions);
  auto empty = t.metrics(ner_judgments({{"1", "A", "[]"}, {"1", "B", "[]"}}));
  for (const char* block : {"strict", "overlap"}) {
    const auto& b = empty.at(block).as_object();
    for (const char* key : {"precision", "recall", "f1"}) {
      INFO(block << "." << key);
      CHECK(b.at(key).is_null());
      CHECK(b.at("notes").as_object().contains(key));
    }
  }
  auto one = t.metrics(ner_judgments({{"1", "A", R"([{"start": 0, "end": 1, "type": "PER"}])"}}));
  CHECK(one.at("strict").at("f1").is_null());
  CHECK_THAT(std::string(one.at("strict").at("notes").at("f1").as_string()),
             Catch::Contains("at least two raters"));
  auto none = t.metrics({});
  CHECK(none.at("n_items").to_number<int>() == 0);
  CHECK(none.at("overlap").at("recall").is_null());
}

TEST_CASE("ner metrics: three raters average over the three pairs") {
  auto t = make_ner(kOptions);
  // A-B agree fully (F1 1), A-C and B-C share nothing (F1 0): mean F1 1/3.
  auto m = t.metrics(ner_judgments({{"1", "A", R"([{"start": 0, "end": 5, "type": "PER"}])"},
                                    {"1", "B", R"([{"start": 0, "end": 5, "type": "PER"}])"},
                                    {"1", "C", R"([{"start": 6, "end": 9, "type": "PER"}])"}}));
  CHECK(figure(m, "strict", "f1") == Approx(1.0 / 3));
  CHECK(figure(m, "overlap", "precision") == Approx(1.0 / 3));
}

TEST_CASE("span-cluster: overlap groups, majority support, modal boundaries, majority type") {
  auto t = make_ner(kOptions);
  auto r = t.consolidate(
      ner_judgments({
          {"1", "A", R"([{"start": 0, "end": 5, "type": "PER"},)"
                R"({"start": 10, "end": 12, "type": "LOC"}])"},
          {"1", "B", R"([{"start": 0, "end": 4, "type": "PER"},)"
                R"({"start": 20, "end": 25, "type": "ORG"}])"},
          {"1", "C", R"([{"start": 0, "end": 5, "type": "ORG"},)"
                R"({"start": 21, "end": 25, "type": "ORG"}])"},
          {"2", "A", R"([{"start": 0, "end": 3, "type": "ORG"}])"},
          {"2", "B", R"([{"start": 0, "end": 3, "type": "PER"}])"},
          {"3", "A", "[]"}}),
      "span-cluster");
  REQUIRE(r.is_ok());
  REQUIRE(r->size() == 3);
  // Item 1: group {0-5 PER, 0-4 PER, 0-5 ORG}: type PER (2 of 3); PER starts {0, 0}, ends
  // {5, 4} tie -> 4. Group {10-12 LOC}: one rater of three, dropped. Group {20-25, 21-25 ORG}:
  // starts tie -> 20, end 25.
  CHECK((*r)[0].label == json::parse(R"([{"start": 0, "end": 4, "type": "PER"},
                                         {"start": 20, "end": 25, "type": "ORG"}])"));
  // Item 2: type tie -> PER, listed first in entity_types.
  CHECK((*r)[1].label == json::parse(R"([{"start": 0, "end": 3, "type": "PER"}])"));
  CHECK((*r)[2].label == json::parse("[]"));
  CHECK((*r)[0].posterior.is_null());
  CHECK_FALSE(t.consolidate({}, "majority-vote").is_ok());
}
