// The export line and the Ground Truth style output manifest.
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <cctype>

#include "dataset/export_line.hpp"
#include "dataset/gt_manifest.hpp"
#include "dataset/importer.hpp"
#include "dataset/timestamps.hpp"
#include "helpers.hpp"

namespace labelflow::dataset_test {

namespace json = boost::json;
using dataset::GtKind;
using dataset::GtLabelSpec;

namespace {

dataset::Clock::time_point at(std::int64_t unix_ms) {
  return dataset::Clock::time_point(std::chrono::milliseconds(unix_ms));
}

dataset::ExportRecord sample() {
  dataset::ExportRecord r;
  r.project = "support-intents";
  r.row.id = "r-0001";
  r.row.context = "ctx";
  r.row.query = "q";
  r.row.response =
      "Acme Corp raised \xe2\x82\xac"
      "5M";  // a multi-byte code point
  r.row.auto_labels = {{"intent", "question"}};
  r.row.metadata = {{"domain", "financial"}};
  r.final_labels = {{"intent", "complaint"},
                    {"topics", json::array{"billing", "refund"}},
                    {"entities", json::parse(R"([{"start":0,"end":9,"type":"ORG","text":"Acme )"
                                             R"(Corp","utf8_start":0,"utf8_end":9,)"
                                             R"("utf16_start":0,"utf16_end":9}])")},
                    {"quality", 4}};
  dataset::ReviewRecord a;
  a.reviewer = "alice";
  a.role = "primary";
  a.stage = "review";
  a.expert = true;
  a.labels = {{"intent", "complaint"}, {"quality", 4}};
  a.label_status = {{"intent", "corrected"}, {"quality", "no_auto_label"}};
  a.claimed_at = at(1764151200000);  // 2025-11-26T10:00:00Z
  a.submitted_at = at(1764151265500);
  a.active_seconds = 61.5;
  a.comment = "angry tone";
  dataset::ReviewRecord b = a;
  b.reviewer = "bob";
  b.expert = false;
  b.best_effort = true;
  b.claimed_at.reset();
  b.labels = {{"intent", "complaint"}, {"quality", 5}};
  b.comment = "";
  r.reviews = {a, b};
  r.agreement = {{"intent", 1.0}, {"topics", 0.5}, {"entities", 0.75}, {"quality", 0.8}};
  r.decision.adjudicator = "carol";
  r.provenance = {"0.1.0", {{"classification", "1.0.0"}, {"ner", "1.2.0"}}, "sha256:abc"};
  r.finalized_at = at(1764151300123);
  return r;
}

// "2025-11-26T10:01:40.123000": ISO 8601 with microseconds and no zone. (Not std::regex: GCC 12
// warns inside <regex> under the sanitizer build.)
bool is_iso_no_zone(const std::string& s) {
  const std::string shape = "dddd-dd-ddTdd:dd:dd.dddddd";
  if (s.size() != shape.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool ok =
        shape[i] == 'd' ? std::isdigit(static_cast<unsigned char>(s[i])) != 0 : s[i] == shape[i];
    if (!ok) return false;
  }
  return true;
}

std::vector<GtLabelSpec> specs() {
  return {{"intent", GtKind::classification, false, {"question", "complaint", "praise"}, ""},
          {"topics", GtKind::classification, true, {"billing", "shipping", "refund"}, ""},
          {"entities", GtKind::ner, false, {"ORG", "PER"}, "response"},
          {"quality", GtKind::rating, false, {}, ""}};
}

}  // namespace

TEST_CASE("dataset: timestamps: UTC with Z for export lines, no zone for Ground Truth",
          "[dataset][export]") {
  CHECK(dataset::iso_utc(at(1764151300123)) == "2025-11-26T10:01:40.123Z");
  CHECK(dataset::iso_no_zone(at(1764151300123)) == "2025-11-26T10:01:40.123000");
  CHECK(dataset::iso_utc(at(0)) == "1970-01-01T00:00:00.000Z");
}

TEST_CASE("dataset: the export line has every field of DESIGN section 6", "[dataset][export]") {
  std::string line = dataset::export_line(sample());
  REQUIRE(line.back() == '\n');
  REQUIRE(line.find('\n') == line.size() - 1);  // one line
  CHECK_THAT(line, Catch::Contains("\"active_seconds\":61.5,") && !Catch::Contains("E1"));
  json::object o = json::parse(line).as_object();
  CHECK(o.at("project") == "support-intents");
  CHECK(o.at("row") == json::parse(R"({"id":"r-0001","context":"ctx","query":"q",)"
                                   R"("response":"Acme Corp raised \u20ac5M",)"
                                   R"("auto_labels":{"intent":"question"},)"
                                   R"("metadata":{"domain":"financial"}})"));
  CHECK(o.at("final_labels").as_object().at("intent") == "complaint");
  const auto& reviews = o.at("reviews").as_array();
  REQUIRE(reviews.size() == 2);
  CHECK(reviews[0] == json::parse(R"({"reviewer":"alice","role":"primary","stage":"review",)"
                                  R"("expert":true,"best_effort":false,)"
                                  R"("labels":{"intent":"complaint","quality":4},)"
                                  R"("label_status":{"intent":"corrected",)"
                                  R"("quality":"no_auto_label"},)"
                                  R"("claimed_at":"2025-11-26T10:00:00.000Z",)"
                                  R"("submitted_at":"2025-11-26T10:01:05.500Z",)"
                                  R"("active_seconds":61.5,"comment":"angry tone"})"));
  CHECK(reviews[1].as_object().at("claimed_at").is_null());
  CHECK(reviews[1].as_object().at("best_effort") == true);
  CHECK(o.at("agreement").as_object().at("topics") == 0.5);
  CHECK(o.at("decision") == json::parse(R"({"adjudicator":"carol","escalated":false,)"
                                        R"("escalation_reviewer":null})"));
  CHECK(o.at("provenance") == json::parse(R"({"labelflow_version":"0.1.0","plugin_versions":)"
                                          R"({"classification":"1.0.0","ner":"1.2.0"},)"
                                          R"("project_config_hash":"sha256:abc"})"));
  CHECK(o.at("finalized_at") == "2025-11-26T10:01:40.123Z");
}

TEST_CASE("dataset: row equality tells an unchanged re-import from a changed one",
          "[dataset][export]") {
  auto a = sample().row;
  auto b = a;
  CHECK(a == b);
  b.metadata["priority"] = 2;
  CHECK_FALSE(a == b);
}

TEST_CASE("dataset: the Ground Truth manifest line matches the documented shapes",
          "[dataset][export]") {
  auto s = specs();
  auto line = dataset::gt_manifest_line(sample(), s);
  INFO(line.status().to_string());
  REQUIRE(line.is_ok());
  // Numbers as Ground Truth writes them, not Boost.JSON's exponent form ("8E-1").
  CHECK_THAT(*line, Catch::Contains("\"confidence\":0.8,") &&
                        Catch::Contains("\"confidence\":1.0,") && !Catch::Contains("E-1"));
  json::object o = json::parse(*line).as_object();
  CHECK(o.at("source") ==
        "Acme Corp raised \xe2\x82\xac"
        "5M");
  // b.3 single-label classification: the index as a string, class-name in the metadata.
  CHECK(o.at("intent") == "1");
  const auto& im = o.at("intent-metadata").as_object();
  CHECK(im.at("class-name") == "complaint");
  CHECK(im.at("confidence") == 1.0);
  CHECK(im.at("type") == "groundtruth/text-classification");
  CHECK(im.at("job-name") == "support-intents");
  CHECK(im.at("human-annotated") == "yes");
  CHECK(is_iso_no_zone(std::string(im.at("creation-date").as_string())));
  // b.4 multi-label: a list of indexes, class-map and confidence-map.
  CHECK(o.at("topics") == json::parse("[0,2]"));
  const auto& tm = o.at("topics-metadata").as_object();
  CHECK(tm.at("class-map") == json::parse(R"({"0":"billing","2":"refund"})"));
  CHECK(tm.at("confidence-map") == json::parse(R"({"0":0.5,"2":0.5})"));
  CHECK(tm.at("type") == "groundtruth/text-classification-multilabel");
  // b.5 NER: annotations.labels/entities in code points, one confidence per entity.
  CHECK(o.at("entities") == json::parse(R"({"annotations":{"labels":[{"label":"ORG"},)"
                                        R"({"label":"PER"}],"entities":[{"label":"ORG",)"
                                        R"("startOffset":0,"endOffset":9}]}})"));
  const auto& em = o.at("entities-metadata").as_object();
  CHECK(em.at("type") == "groundtruth/text-span");
  CHECK(em.at("entities") == json::parse(R"([{"confidence":0.75}])"));
  // b.6 rating: the custom shape, written with hyphens.
  CHECK(o.at("quality") == json::parse(R"({"rating":4,"ratings":[4,5]})"));
  const auto& qm = o.at("quality-metadata").as_object();
  CHECK(qm.at("type") == "groundtruth/custom");
  CHECK(qm.contains("job-name"));
  CHECK(qm.contains("creation-date"));
}

TEST_CASE("dataset: an exported GT manifest imports back to the same labels", "[dataset][export]") {
  auto s = specs();
  auto line = dataset::gt_manifest_line(sample(), s);
  REQUIRE(line.is_ok());
  TempStorage store;
  dataset::Importer importer(store.guarded, {});
  auto row = importer.parse_line(*line, "k", 1);
  INFO(row.status().to_string());
  REQUIRE(row.is_ok());
  CHECK(row->id == "r-0001");
  CHECK(row->auto_labels.at("intent") == "complaint");
  CHECK(row->auto_labels.at("topics") == json::parse(R"(["billing","refund"])"));
  CHECK(row->auto_labels.at("entities") == json::parse(R"([{"start":0,"end":9,"type":"ORG"}])"));
  CHECK(row->auto_labels.at("quality") == 4);
}

TEST_CASE("dataset: a final value outside its spec is refused naming row and label",
          "[dataset][export]") {
  auto record = sample();
  record.final_labels["intent"] = "unknown-class";
  auto s = specs();
  auto line = dataset::gt_manifest_line(record, s);
  CHECK(line.status().code() == sdk::Code::invalid_argument);
  CHECK_THAT(line.status().message(),
             Catch::Contains("row 'r-0001'") && Catch::Contains("label 'intent'"));
}

TEST_CASE("dataset: the GT source is the NER label's field when it has one", "[dataset][export]") {
  auto record = sample();
  std::vector<GtLabelSpec> s = {{"entities", GtKind::ner, false, {"ORG"}, "context"}};
  auto o = dataset::gt_manifest_object(record, s);
  REQUIRE(o.is_ok());
  CHECK(o->at("source") == "ctx");
}

}  // namespace labelflow::dataset_test
