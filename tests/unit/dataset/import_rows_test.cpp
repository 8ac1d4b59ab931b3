// JSON-lines rows: every rejection carries object key, line number and reason; good rows come
// out in order with documented defaults.
#include <catch2/catch.hpp>

#include "dataset/importer.hpp"
#include "helpers.hpp"

namespace labelflow::dataset_test {

using dataset::Format;
using dataset::Importer;

TEST_CASE("dataset: good rows are yielded in order with defaults for missing fields",
          "[dataset][import]") {
  TempStorage store;
  store.put("in/rows.jsonl",
            "{\"id\":\"r1\",\"context\":\"c\",\"query\":\"q\",\"response\":\"a\","
            "\"auto_labels\":{\"intent\":\"question\"},"
            "\"metadata\":{\"domain\":[\"financial\",\"legal\"],\"priority\":3}}\n"
            "\n"
            "   \n"
            "{\"id\":\"r2\",\"response\":\"only a response\"}\r\n"
            "{\"id\":\"r3\",\"response\":\"no newline\",\"metadata\":{\"domain\":\"x\"}}");
  RecordingSink sink;
  Importer importer(store.guarded, {});
  auto stats = importer.import_object("in/rows.jsonl", sink);
  REQUIRE(stats.is_ok());
  CHECK(sink.errors.empty());
  REQUIRE(sink.rows.size() == 3);
  CHECK(sink.rows[0].id == "r1");
  CHECK(sink.rows[0].context == "c");
  CHECK(sink.rows[0].auto_labels.at("intent") == "question");
  CHECK(sink.rows[0].metadata.at("priority") == 3);
  CHECK(sink.rows[1].context.empty());
  CHECK(sink.rows[1].query.empty());
  CHECK(sink.rows[1].auto_labels.empty());
  CHECK(sink.rows[2].response == "no newline");
  CHECK(sink.origins ==
        std::vector<std::string>{"in/rows.jsonl#1", "in/rows.jsonl#4", "in/rows.jsonl#5"});
  CHECK(stats->rows == 3);
  CHECK(stats->lines == 3);
  CHECK(stats->objects == 1);
}

TEST_CASE("dataset: every bad row is an error with key, line and reason, and is skipped",
          "[dataset][import]") {
  struct Case {
    std::string line;
    std::string reason;  // a part of the expected reason
  };
  const std::vector<Case> cases = {
      {"{\"id\":\"a\",\"response\":\"x\"", "not valid JSON"},
      {"[1,2]", "must be a JSON object, got a list"},
      {"{\"response\":\"x\"}", "'id' is required"},
      {"{\"id\":7,\"response\":\"x\"}", "'id' must be a string, got a number"},
      {"{\"id\":\"\",\"response\":\"x\"}", "'id' must be a non-empty string"},
      {"{\"id\":\"a\"}", "'response' is required"},
      {"{\"id\":\"a\",\"response\":null}", "'response' must be a string, got null"},
      {"{\"id\":\"a\",\"response\":\"x\",\"context\":1}", "'context' must be a string"},
      {"{\"id\":\"a\",\"response\":\"x\",\"query\":[]}", "'query' must be a string, got a list"},
      {"{\"id\":\"a\",\"response\":\"x\",\"auto_labels\":[]}", "'auto_labels' must be an object"},
      {"{\"id\":\"a\",\"response\":\"x\",\"metadata\":\"m\"}", "'metadata' must be an object"},
      {"{\"id\":\"a\",\"response\":\"x\",\"metadata\":{\"domain\":3}}",
       "'metadata.domain' must be a string or a list of strings"},
      {"{\"id\":\"a\",\"response\":\"x\",\"metadata\":{\"domain\":[\"ok\",2]}}",
       "'metadata.domain[1]' must be a non-empty string"},
      {"{\"id\":\"a\",\"response\":\"x\",\"metadata\":{\"domain\":\"\"}}",
       "'metadata.domain' is empty"},
      {"{\"id\":\"a\",\"response\":\"x\",\"metadata\":{\"priority\":1.5}}",
       "'metadata.priority' must be an integer"},
      {"{\"id\":\"a\",\"response\":\"x\",\"metadata\":{\"priority\":\"3\"}}",
       "'metadata.priority' must be an integer, got a string"},
      {"{\"id\":\"a\",\"reponse\":\"x\"}", "unknown key 'reponse'"},
      {"{\"id\":\"a\",\"response\":\"\xff\"}", "not valid JSON"},
      {"{\"id\":\"a\",\"response\":\"x\"} trailing", "not valid JSON"},
  };
  std::string text = "{\"id\":\"good-1\",\"response\":\"fine\"}\n";
  for (const auto& c : cases) text += c.line + "\n";
  text += std::string(300, 'x') + "\n";  // over the line limit set below
  text += "{\"id\":\"good-2\",\"response\":\"fine\"}\n";
  TempStorage store;
  store.put("bad.jsonl", text);
  RecordingSink sink;
  dataset::ImportOptions options;
  options.format = Format::jsonl;
  options.max_line_bytes = 200;
  Importer importer(store.guarded, options);
  auto stats = importer.import_object("bad.jsonl", sink);
  REQUIRE(stats.is_ok());
  REQUIRE(sink.rows.size() == 2);
  CHECK(sink.rows[0].id == "good-1");
  CHECK(sink.rows[1].id == "good-2");
  REQUIRE(sink.errors.size() == cases.size() + 1);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    INFO(sink.errors[i].to_string());
    CHECK(sink.errors[i].key == "bad.jsonl");
    CHECK(sink.errors[i].line == i + 2);
    CHECK_THAT(sink.errors[i].reason, Catch::Contains(cases[i].reason));
  }
  CHECK(sink.errors.back().line == cases.size() + 2);
  CHECK_THAT(sink.errors.back().reason, Catch::Contains("longer than 200 bytes"));
  CHECK(stats->errors == cases.size() + 1);
  CHECK(sink.errors[2].to_string() == "bad.jsonl:4: 'id' is required");
}

TEST_CASE("dataset: a prefix imports every object under it in key order", "[dataset][import]") {
  TempStorage store;
  store.put("in/b.jsonl", "{\"id\":\"b1\",\"response\":\"x\"}\n");
  store.put("in/a/z.jsonl", "{\"id\":\"az1\",\"response\":\"x\"}\n");
  store.put("in/a.jsonl", "{\"id\":\"a1\",\"response\":\"x\"}\n{\"id\":\"a2\",\"response\":\"y\"}");
  store.put("other/c.jsonl", "{\"id\":\"c1\",\"response\":\"x\"}\n");
  RecordingSink sink;
  dataset::ImportOptions options;
  options.list_page_size = 1;  // forces several listing pages
  Importer importer(store.guarded, options);
  auto stats = importer.import_prefix("in/", sink);
  REQUIRE(stats.is_ok());
  std::vector<std::string> ids;
  for (const auto& r : sink.rows) ids.push_back(r.id);
  CHECK(ids == std::vector<std::string>{"a1", "a2", "az1", "b1"});
  CHECK(stats->objects == 3);
}

TEST_CASE("dataset: a missing object and a sink that stops both end the import",
          "[dataset][import]") {
  TempStorage store;
  RecordingSink sink;
  Importer importer(store.guarded, {});
  auto missing = importer.import_object("nope.jsonl", sink);
  CHECK(missing.status().code() == sdk::Code::not_found);

  struct StopSink final : dataset::ImportSink {
    sdk::Status row(core::RowContent&&, const dataset::RowOrigin&) override {
      return ++seen == 2 ? sdk::Status(sdk::Code::failed_precondition, "engine full")
                         : sdk::Status::ok();
    }
    sdk::Status error(const dataset::ImportError&) override { return sdk::Status::ok(); }
    int seen = 0;
  } stop;
  store.put("three.jsonl",
            "{\"id\":\"1\",\"response\":\"x\"}\n{\"id\":\"2\",\"response\":\"x\"}\n"
            "{\"id\":\"3\",\"response\":\"x\"}\n");
  auto stopped = importer.import_object("three.jsonl", stop);
  CHECK(stopped.status().code() == sdk::Code::failed_precondition);
  CHECK(stop.seen == 2);
}

TEST_CASE("dataset: format names parse and print", "[dataset][import]") {
  for (const char* name : {"auto", "jsonl", "sagemaker-input", "sagemaker-output"}) {
    auto f = dataset::parse_format(name);
    REQUIRE(f);
    CHECK(std::string(dataset::format_name(*f)) == name);
  }
  CHECK_FALSE(dataset::parse_format("csv"));
}

}  // namespace labelflow::dataset_test
