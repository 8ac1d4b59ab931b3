// The ner label type: options, validation with JSON pointers, Unicode offsets on export,
// agreement, diff, normalize.
#include "ner_helpers.hpp"

using namespace labelflow;
using namespace labelflow::labels::testing;
namespace json = boost::json;

namespace {

// "Hi <family emoji: woman ZWJ woman ZWJ girl> met <Tokyo in CJK> and <shalom, Hebrew RTL> at
// cafe<U+0301 combining acute> <U+1D11E musical G clef, astral plane>!" - 36 code points,
// 61 UTF-8 bytes, 40 UTF-16 units. Offsets below computed independently (Python str indices,
// .encode() and .encode("utf-16-le")).
const std::string kText =
    "Hi \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 met "
    "\xE6\x9D\xB1\xE4\xBA\xAC and \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D at cafe\xCC\x81 "
    "\xF0\x9D\x84\x9E!";

const char* kOptions = R"({"entity_types": ["PER", "LOC", "ORG", "MISC"]})";

}  // namespace

TEST_CASE("ner options: entity_types required, field and allow_overlap checked") {
  labels::ner::NerType t;
  auto missing = t.configure(json::parse("{}").as_object());
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].key == "entity_types");
  auto field = t.configure(json::parse(R"({"entity_types": ["A"], "field": "title"})").as_object());
  REQUIRE(field.size() == 1);
  CHECK(field[0].key == "field");
  auto overlap = t.configure(
      json::parse(R"({"entity_types": ["A"], "allow_overlap": 1, "colour": "red"})").as_object());
  REQUIRE(overlap.size() == 2);
  CHECK(overlap[0].key == "allow_overlap");
  CHECK(overlap[1].key == "colour");
  auto ok = make_ner(R"({"entity_types": ["A"], "field": "context"})");
  CHECK(ok.options() ==
        json::parse(R"({"entity_types": ["A"], "field": "context", "allow_overlap": false})"));
}

TEST_CASE("ner validate: Unicode text, spans in code points") {
  auto t = make_ner(kOptions);
  Row row(kText);
  auto label = json::parse(R"([
    {"start": 3, "end": 8, "type": "MISC"},
    {"start": 13, "end": 15, "type": "LOC", "text": "\u6771\u4eac"},
    {"start": 20, "end": 24, "type": "PER", "text": "\u05e9\u05dc\u05d5\u05dd"},
    {"start": 28, "end": 33, "type": "ORG", "text": "cafe\u0301"},
    {"start": 34, "end": 35, "type": "MISC", "text": "\ud834\udd1e"}])");
  auto errors = t.validate(label, row.view);
  for (const auto& e : errors) INFO(e.path << ": " << e.message);
  CHECK(errors.empty());
  // The same text with a precomposed é would not match the decomposed one in the field.
  auto composed = t.validate(json::parse(R"([{"start": 28, "end": 33, "type": "ORG",
                                               "text": "caf\u00e9"}])"), row.view);
  REQUIRE(composed.size() == 1);
  CHECK(composed[0].path == "/0/text");
  // Splitting the ZWJ sequence is allowed (offsets are code points, not graphemes).
  CHECK(t.validate(json::parse(R"([{"start": 3, "end": 4, "type": "PER"}])"), row.view).empty());
  auto beyond = t.validate(json::parse(R"([{"start": 30, "end": 37, "type": "PER"}])"), row.view);
  REQUIRE(beyond.size() == 1);
  CHECK(beyond[0].path == "/0/end");
  CHECK_THAT(beyond[0].message, Catch::Contains("36 code points"));
  CHECK(t.validate(json::parse(R"([{"start": 35, "end": 36, "type": "PER"}])"), row.view).empty());
}

TEST_CASE("ner export: text and UTF-8 / UTF-16 offsets on every span") {
  auto t = make_ner(kOptions);
  Row row(kText);
  auto out = t.export_value(json::parse(R"([
    {"start": 34, "end": 35, "type": "MISC"},
    {"start": 3, "end": 8, "type": "MISC"},
    {"start": 13, "end": 15, "type": "LOC"},
    {"start": 20, "end": 24, "type": "PER"},
    {"start": 28, "end": 33, "type": "ORG"}])"), row.view);
  auto expected = json::parse(R"([
    {"start": 3, "end": 8, "type": "MISC",
     "text": "\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67",
     "utf8_start": 3, "utf8_end": 21, "utf16_start": 3, "utf16_end": 11},
    {"start": 13, "end": 15, "type": "LOC", "text": "\u6771\u4eac",
     "utf8_start": 26, "utf8_end": 32, "utf16_start": 16, "utf16_end": 18},
    {"start": 20, "end": 24, "type": "PER", "text": "\u05e9\u05dc\u05d5\u05dd",
     "utf8_start": 37, "utf8_end": 45, "utf16_start": 23, "utf16_end": 27},
    {"start": 28, "end": 33, "type": "ORG", "text": "cafe\u0301",
     "utf8_start": 49, "utf8_end": 55, "utf16_start": 31, "utf16_end": 36},
    {"start": 34, "end": 35, "type": "MISC", "text": "\ud834\udd1e",
     "utf8_start": 56, "utf8_end": 60, "utf16_start": 37, "utf16_end": 39}])");
  CHECK(json::serialize(out) == json::serialize(expected));
  // An exported label validates again (export keys are accepted).
  CHECK(t.validate(out, row.view).empty());
}

TEST_CASE("ner validate: every malformed span named by its JSON pointer") {
  auto t = make_ner(kOptions);
  Row row("Alice went to Paris.");
  CHECK(t.validate(json::parse(R"({"start": 0})"), row.view).size() == 1);
  auto errors = t.validate(json::parse(R"([
    "Alice",
    {"end": 5, "type": "PER"},
    {"start": -1, "end": 5, "type": "PER"},
    {"start": 1.5, "end": 5, "type": "PER"},
    {"start": 5, "end": 5, "type": "PER"},
    {"start": 0, "end": 5, "type": "PERSON"},
    {"start": 0, "end": 5, "type": "PER", "score": 1},
    {"start": 0, "end": 5, "type": "PER", "text": "Alicia"}])"), row.view);
  std::vector<std::string> paths;
  for (const auto& e : errors) paths.push_back(e.path);
  CHECK(paths == std::vector<std::string>{"/0", "/1/start", "/2/start", "/3/start", "/4/end",
                                          "/5/type", "/6/score", "/7/text"});
}

TEST_CASE("ner validate: overlaps refused unless allowed, repeats always refused") {
  Row row("Alice went to Paris.");
  auto strict = make_ner(kOptions);
  auto spans = json::parse(R"([{"start": 14, "end": 19, "type": "LOC"},
                               {"start": 0, "end": 10, "type": "PER"},
                               {"start": 6, "end": 8, "type": "ORG"}])");
  auto errors = strict.validate(spans, row.view);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == "/2");
  CHECK(errors[0].message == "overlaps span 1 (allow_overlap is false)");
  // A long span overlapping a later one past a short one in between.
  auto nested = strict.validate(json::parse(R"([{"start": 0, "end": 19, "type": "PER"},
                                                {"start": 1, "end": 2, "type": "PER"},
                                                {"start": 5, "end": 6, "type": "PER"}])"),
                                row.view);
  CHECK(nested.size() == 2);
  auto loose = make_ner(R"({"entity_types": ["PER", "LOC", "ORG"], "allow_overlap": true})");
  CHECK(loose.validate(spans, row.view).empty());
  auto repeated = loose.validate(json::parse(R"([{"start": 0, "end": 5, "type": "PER"},
                                                 {"start": 0, "end": 5, "type": "PER"}])"),
                                 row.view);
  REQUIRE(repeated.size() == 1);
  CHECK(repeated[0].message == "repeats span 0");
}

TEST_CASE("ner validate: invalid UTF-8 in the field is an error, never a crash") {
  auto t = make_ner(kOptions);
  Row row("Caf\xC3 ok");
  auto errors = t.validate(json::parse(R"([{"start": 0, "end": 2, "type": "PER"}])"), row.view);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == "");
  CHECK_THAT(errors[0].message, Catch::Contains("not valid UTF-8 (byte 3"));
  CHECK_THROWS_AS(t.export_value(json::parse("[]"), row.view), std::invalid_argument);
}

TEST_CASE("ner validate without row text (offline) checks the shape only") {
  auto t = make_ner(kOptions);
  sdk::RowView offline{};
  CHECK(t.validate(json::parse(R"([{"start": 100, "end": 200, "type": "PER"}])"), offline)
            .empty());
  CHECK(t.validate(json::parse(R"([{"start": 2, "end": 1, "type": "PER"}])"), offline).size() ==
        1);
}

TEST_CASE("ner agreement (strict span F1), diff and normalize") {
  auto t = make_ner(kOptions);
  Row row("Alice went to Paris with Bob.");
  auto a = json::parse(R"([{"start": 0, "end": 5, "type": "PER"},
                           {"start": 14, "end": 19, "type": "LOC"}])");
  auto b = json::parse(R"([{"start": 14, "end": 19, "type": "LOC"},
                           {"start": 0, "end": 5, "type": "ORG"},
                           {"start": 25, "end": 28, "type": "PER"}])");
  CHECK(t.agreement(a, b, row.view) == Approx(2.0 * 1 / 5));
  CHECK(t.agreement(json::parse("[]"), json::parse("[]"), row.view) == 1.0);
  CHECK(t.agreement(a, json::parse("[]"), row.view) == 0.0);
  CHECK(t.agreement(a, a, row.view) == 1.0);
  CHECK(t.diff(a, b, row.view) == json::parse(R"({
    "only_a": [{"start": 0, "end": 5, "type": "PER"}],
    "only_b": [{"start": 0, "end": 5, "type": "ORG"}, {"start": 25, "end": 28, "type": "PER"}],
    "both": [{"start": 14, "end": 19, "type": "LOC"}]})"));
  CHECK(t.normalize(b, row.view) == json::parse(R"([{"start": 0, "end": 5, "type": "ORG"},
    {"start": 14, "end": 19, "type": "LOC"}, {"start": 25, "end": 28, "type": "PER"}])"));
}
