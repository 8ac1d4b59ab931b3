// SageMaker Ground Truth input and output manifests as import formats.
#include "dataset/importer.hpp"
#include "helpers.hpp"

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

namespace labelflow::dataset_test {

namespace json = boost::json;
using dataset::Format;
using dataset::Importer;

namespace {

RecordingSink run(TempStorage& store, const std::string& key, dataset::ImportOptions options = {}) {
  RecordingSink sink;
  Importer importer(store.guarded, std::move(options));
  auto stats = importer.import_object(key, sink);
  INFO(stats.status().to_string());
  REQUIRE(stats.is_ok());
  return sink;
}

}  // namespace

TEST_CASE("dataset: input manifest: source, source-ref and default ids", "[dataset][manifest]") {
  TempStorage store;
  store.put("texts/doc one.txt", "fetched text");
  store.put("in/manifest.jsonl",
            "{\"source\": \"The food was delicious\"}\n"
            "{\"source-ref\": \"s3://any-bucket/texts/doc one.txt\", \"id\": \"given\","
            " \"query\": \"q?\", \"metadata\": {\"domain\": \"food\"}, \"extra\": 1}\n"
            "{\"source-ref\": \"texts/doc one.txt\"}\n"
            "{\"source-ref\": \"s3://b/missing.txt\"}\n"
            "{\"nothing\": 1, \"source\": 5}\n");
  dataset::ImportOptions options;
  options.format = Format::sagemaker_input;
  auto sink = run(store, "in/manifest.jsonl", options);
  REQUIRE(sink.rows.size() == 3);
  CHECK(sink.rows[0].id == "in/manifest.jsonl#1");
  CHECK(sink.rows[0].response == "The food was delicious");
  CHECK(sink.rows[1].id == "given");
  CHECK(sink.rows[1].response == "fetched text");
  CHECK(sink.rows[1].query == "q?");
  CHECK(sink.rows[1].metadata.at("domain") == "food");
  CHECK(sink.rows[2].id == "in/manifest.jsonl#3");
  REQUIRE(sink.errors.size() == 2);
  CHECK(sink.errors[0].line == 4);
  CHECK_THAT(sink.errors[0].reason,
             Catch::Contains("'source-ref' object 'missing.txt'") && Catch::Contains("not_found"));
  CHECK(sink.errors[1].line == 5);
  CHECK(sink.errors[1].reason == "'source' must be a string");
}

TEST_CASE("dataset: output manifest: every documented label shape becomes an auto label",
          "[dataset][manifest]") {
  // The shapes of docs/formats.md (AWS's examples, one object per line).
  const std::string single =
      R"({"source":"The food was delicious","mood":"1","mood-metadata":{"class-name":"positive",)"
      R"("confidence":0.8,"type":"groundtruth/text-classification","job-name":"label-sentiment",)"
      R"("human-annotated":"yes","creation-date":"2020-10-18T22:18:13.527256"}})";
  const std::string multi =
      R"({"source":"text","tags":[1,0,4],"tags-metadata":{"job-name":"labeling-job/tags",)"
      R"("class-map":{"1":"approving","0":"sad","4":"critical"},"human-annotated":"yes",)"
      R"("creation-date":"2020-02-20T21:36:25.000201","confidence-map":{"1":0.95,"0":0.77,)"
      R"("4":0.2},"type":"groundtruth/text-classification-multilabel"}})";
  const std::string ner =
      R"({"source":"Amazon SageMaker is a cloud machine-learning platform","ner":{"annotations":)"
      R"({"labels":[{"label":"Thing","shortDisplayName":"tng"}],"entities":[{"label":"Thing",)"
      R"("startOffset":22,"endOffset":53}]}},"ner-metadata":{"job-name":"labeling-job/ner",)"
      R"("type":"groundtruth/text-span","creation-date":"2020-10-29T00:40:39.398470",)"
      R"("human-annotated":"yes","entities":[{"confidence":0}]}})";
  const std::string rating_underscore =
      R"({"source":"answer","llm-eval":{"rating":4,"ratings":[4,5],"method":"median"},)"
      R"("llm-eval-metadata":{"job_name":"j","type":"groundTruth/custom",)"
      R"("human-annotated":"yes","creation_date":"2020-01-01T00:00:00"}})";
  const std::string rating_hyphen =
      R"({"source":"answer","llm-eval":{"rating":2},"llm-eval-metadata":{"job-name":"j",)"
      R"("type":"groundtruth/custom","human-annotated":"yes","creation-date":"x"}})";
  const std::string bad_type =
      R"({"source":"s","box":{},"box-metadata":{"type":"groundtruth/object-detection"}})";
  const std::string bad_class = R"({"source":"s","mood":"1","mood-metadata":{"type":)"
                                R"("groundtruth/text-classification"}})";
  TempStorage store;
  store.put("gt/output.manifest", single + "\n" + multi + "\n" + ner + "\n" + rating_underscore +
                                      "\n" + rating_hyphen + "\n" + bad_type + "\n" + bad_class);
  dataset::ImportOptions options;
  options.label_map = {{"mood", "sentiment"}, {"llm-eval", "quality"}};
  auto sink = run(store, "gt/output.manifest", options);  // automatic detection
  REQUIRE(sink.rows.size() == 5);
  CHECK(sink.rows[0].response == "The food was delicious");
  CHECK(sink.rows[0].auto_labels == json::object{{"sentiment", "positive"}});
  CHECK(sink.rows[1].auto_labels.at("tags") == json::parse(R"(["approving","sad","critical"])"));
  CHECK(sink.rows[2].auto_labels.at("ner") ==
        json::parse(R"([{"start":22,"end":53,"type":"Thing"}])"));
  CHECK(sink.rows[3].auto_labels == json::object{{"quality", 4}});
  CHECK(sink.rows[4].auto_labels == json::object{{"quality", 2}});
  CHECK(sink.rows[4].id == "gt/output.manifest#5");
  REQUIRE(sink.errors.size() == 2);
  CHECK(sink.errors[0].line == 6);
  CHECK_THAT(sink.errors[0].reason,
             Catch::Contains("'box'") && Catch::Contains("groundtruth/object-detection"));
  CHECK(sink.errors[1].line == 7);
  CHECK_THAT(sink.errors[1].reason, Catch::Contains("'mood-metadata' has no string 'class-name'"));
}

TEST_CASE("dataset: automatic detection tells rows, input and output manifests apart",
          "[dataset][manifest]") {
  TempStorage store;
  Importer importer(store.guarded, {});
  auto row = importer.parse_line(R"({"id":"r","response":"x"})", "k", 1);
  REQUIRE(row.is_ok());
  CHECK(row->id == "r");
  auto input = importer.parse_line(R"({"source":"x","a":1})", "k", 2);
  REQUIRE(input.is_ok());
  CHECK(input->id == "k#2");
  CHECK(input->auto_labels.empty());
  auto output = importer.parse_line(
      R"({"source":"x","c":"0","c-metadata":{"type":"groundtruth/text-classification",)"
      R"("class-name":"yes"}})", "k", 3);
  REQUIRE(output.is_ok());
  CHECK(output->auto_labels.at("c") == "yes");
  dataset::ImportOptions strict;
  strict.format = Format::jsonl;
  Importer rows_only(store.guarded, strict);
  auto refused = rows_only.parse_line(R"({"source":"x"})", "k", 4);
  CHECK_THAT(refused.status().message(), Catch::Contains("unknown key 'source'"));
}

}  // namespace labelflow::dataset_test
