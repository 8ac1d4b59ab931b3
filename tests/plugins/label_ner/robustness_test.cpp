// Randomised robustness of the ner validator: random bytes as the field (valid and invalid
// UTF-8) and random span lists must give errors or valid results, never a crash or an
// unexpected exception; a label that validates must export consistently. Fixed seed.
#include "ner_helpers.hpp"
#include "utf8.hpp"

#include <random>

using namespace labelflow;
using namespace labelflow::labels::testing;
namespace json = boost::json;

namespace {

const char* kPieces[] = {"a",          " ",           "\xC3\xA9",     "e\xCC\x81",
                         "\xE6\x9D\xB1", "\xD7\xA9",  "\xF0\x9F\x91\xA9", "\xE2\x80\x8D",
                         "\xF0\x9D\x84\x9E", "\x80",  "\xC0\xAF",     "\xED\xA0\x80",
                         "\xF4\x90\x80\x80", "\xE6\x9D", "\xFF",      "\t"};

std::string random_text(std::mt19937& rng) {
  std::string text;
  int n = std::uniform_int_distribution<int>(0, 12)(rng);
  for (int i = 0; i < n; ++i) {
    text += kPieces[std::uniform_int_distribution<std::size_t>(0, std::size(kPieces) - 1)(rng)];
  }
  return text;
}

json::value random_offset(std::mt19937& rng) {
  switch (std::uniform_int_distribution<int>(0, 9)(rng)) {
    case 0: return json::value(-1);
    case 1: return json::value(2.5);
    case 2: return json::value("3");
    case 3: return json::value(static_cast<std::uint64_t>(1) << 63);
    default: return json::value(std::uniform_int_distribution<int>(0, 14)(rng));
  }
}

json::value random_label(std::mt19937& rng) {
  if (std::uniform_int_distribution<int>(0, 20)(rng) == 0) return json::value("not a list");
  json::array spans;
  int n = std::uniform_int_distribution<int>(0, 4)(rng);
  const char* types[] = {"PER", "LOC", "XXX"};
  for (int i = 0; i < n; ++i) {
    json::object span{{"start", random_offset(rng)},
                      {"end", random_offset(rng)},
                      {"type", types[std::uniform_int_distribution<int>(0, 2)(rng)]}};
    if (std::uniform_int_distribution<int>(0, 5)(rng) == 0) span["text"] = "a";
    spans.push_back(std::move(span));
  }
  return spans;
}

}  // namespace

TEST_CASE("ner validator: random fields and spans never crash, valid labels export") {
  std::mt19937 rng(20261126);
  auto strict = make_ner(R"({"entity_types": ["PER", "LOC"]})");
  auto loose = make_ner(R"({"entity_types": ["PER", "LOC"], "allow_overlap": true})");
  std::size_t valid = 0;
  for (int round = 0; round < 20000; ++round) {
    Row row(random_text(rng));
    const auto label = random_label(rng);
    for (const auto* type : {&strict, &loose}) {
      std::vector<sdk::FieldError> errors;
      REQUIRE_NOTHROW(errors = type->validate(label, row.view));
      REQUIRE_NOTHROW(type->normalize(label, row.view));
      if (!errors.empty()) {
        CHECK_THROWS_AS(type->export_value(label, row.view), std::invalid_argument);
        continue;
      }
      ++valid;
      auto index = std::get<labels::ner::TextIndex>(labels::ner::index_text(row.response));
      json::value exported;
      REQUIRE_NOTHROW(exported = type->export_value(label, row.view));
      for (const auto& span : exported.as_array()) {
        const auto& s = span.as_object();
        auto start = s.at("start").to_number<std::size_t>();
        auto end = s.at("end").to_number<std::size_t>();
        REQUIRE(end <= index.code_points());
        CHECK(s.at("utf8_start").to_number<std::uint32_t>() == index.utf8[start]);
        CHECK(s.at("utf16_end").to_number<std::uint32_t>() == index.utf16[end]);
      }
      CHECK(type->agreement(label, label, row.view) == 1.0);
    }
  }
  INFO("valid labels: " << valid);
  CHECK(valid > 1000);  // the generator does reach the valid path often
}
