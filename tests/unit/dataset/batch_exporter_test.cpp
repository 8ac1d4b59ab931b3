// Batched export: naming, ordering, thresholds, retries without loss, bounded backlog.
#include "dataset/batch_exporter.hpp"
#include "helpers.hpp"

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

namespace labelflow::dataset_test {

using dataset::BatchExporter;
using dataset::BatchOptions;

namespace {

const BatchExporter::Sleep kNoSleep = [](std::chrono::milliseconds) {};

std::string row_line(int i) { return "{\"n\":" + std::to_string(i) + "}"; }

}  // namespace

TEST_CASE("dataset: batches are named with a 10-digit sequence and flushed at the row count",
          "[dataset][batch]") {
  TempStorage store;
  BatchOptions options;
  options.prefix = "exports/p1/";
  options.max_rows = 3;
  BatchExporter exporter(store.guarded, options, kNoSleep);
  for (int i = 0; i < 7; ++i) REQUIRE(exporter.append(row_line(i)).status.is_ok());
  CHECK(exporter.pending_rows() == 1);
  CHECK(store.keys("exports/") == std::vector<std::string>{"exports/p1/export-0000000001.jsonl",
                                                           "exports/p1/export-0000000002.jsonl"});
  REQUIRE(exporter.flush().is_ok());
  REQUIRE(exporter.flush().is_ok());  // nothing pending: no empty object
  CHECK(store.keys("exports/").size() == 3);
  CHECK(store.get("exports/p1/export-0000000001.jsonl") ==
        row_line(0) + "\n" + row_line(1) + "\n" + row_line(2) + "\n");
  CHECK(store.get("exports/p1/export-0000000003.jsonl") == row_line(6) + "\n");
  CHECK(exporter.next_sequence() == 4);
}

TEST_CASE("dataset: a batch is flushed at the byte threshold", "[dataset][batch]") {
  TempStorage store;
  BatchOptions options;
  options.max_rows = 1000;
  options.max_bytes = 100;
  BatchExporter exporter(store.guarded, options, kNoSleep);
  std::string big(60, 'x');
  REQUIRE(exporter.append(big).status.is_ok());
  CHECK(store.keys().empty());
  REQUIRE(exporter.append(big).status.is_ok());
  CHECK(store.keys() == std::vector<std::string>{"export-0000000001.jsonl"});
}

TEST_CASE("dataset: a failed put is retried and a batch that still fails is kept, never dropped",
          "[dataset][batch]") {
  TempStorage store;
  auto flaky = std::make_shared<FlakyStorage>(store.raw);
  plugin_host::GuardedStorage guarded(flaky, "flaky");
  BatchOptions options;
  options.max_rows = 2;
  options.put_attempts = 3;
  std::vector<std::chrono::milliseconds> sleeps;
  BatchExporter exporter(guarded, options, [&](auto d) { sleeps.push_back(d); });

  flaky->fail_puts = 2;  // the first two attempts fail, the third succeeds
  REQUIRE(exporter.append(row_line(0)).status.is_ok());
  REQUIRE(exporter.append(row_line(1)).status.is_ok());
  CHECK(flaky->put_calls == 3);
  CHECK(sleeps == std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(200),
                                                         std::chrono::milliseconds(400)});
  CHECK(store.keys().size() == 1);

  flaky->fail_puts = 100;  // a long outage
  REQUIRE(exporter.append(row_line(2)).status.is_ok());
  auto failed = exporter.append(row_line(3));
  CHECK(failed.accepted);
  CHECK(failed.status.code() == sdk::Code::unavailable);
  CHECK_THAT(failed.status.message(), Catch::Contains("export-0000000002.jsonl") &&
                                   Catch::Contains("kept for the next flush"));
  CHECK(exporter.pending_rows() == 2);
  auto kept = exporter.append(row_line(4));
  REQUIRE(kept.accepted);
  REQUIRE(kept.status.code() == sdk::Code::unavailable);  // still kept
  CHECK(exporter.pending_rows() == 3);

  flaky->fail_puts = 0;  // the sink is back
  REQUIRE(exporter.flush().is_ok());
  CHECK(exporter.pending_rows() == 0);
  CHECK(store.get("export-0000000002.jsonl") ==
        row_line(2) + "\n" + row_line(3) + "\n" + row_line(4) + "\n");
  CHECK(store.keys().size() == 2);
}

TEST_CASE("dataset: a long outage fills the bounded backlog, then rows are refused, not lost",
          "[dataset][batch]") {
  TempStorage store;
  auto flaky = std::make_shared<FlakyStorage>(store.raw);
  flaky->fail_puts = 1000000;
  plugin_host::GuardedStorage guarded(flaky, "flaky");
  BatchOptions options;
  options.max_rows = 2;
  options.max_pending_rows = 5;
  options.put_attempts = 1;
  BatchExporter exporter(guarded, options, kNoSleep);
  int accepted = 0;
  for (int i = 0; i < 8; ++i) {
    std::size_t before = exporter.pending_rows();
    auto s = exporter.append(row_line(i));
    CHECK(s.status.code() == (i == 0 ? sdk::Code::ok : sdk::Code::unavailable));
    CHECK(s.accepted == (exporter.pending_rows() > before));
    if (s.accepted) {
      ++accepted;
    } else {
      CHECK_THAT(s.status.message(),
                 Catch::Contains("backlog full") && Catch::Contains("not accepted"));
    }
  }
  CHECK(accepted == 5);
  CHECK(exporter.pending_rows() == 5);
  flaky->fail_puts = 0;
  REQUIRE(exporter.flush().is_ok());
  CHECK(store.get("export-0000000001.jsonl").size() == 5 * (row_line(0).size() + 1));
}

TEST_CASE("dataset: a restarted exporter continues after the highest existing sequence",
          "[dataset][batch]") {
  TempStorage store;
  store.put("out/export-0000000007.jsonl", "x\n");
  store.put("out/export-0000000003.jsonl", "x\n");
  store.put("out/export-notes.txt", "not ours");
  BatchOptions options;
  options.prefix = "out/";
  auto next = dataset::next_free_sequence(store.guarded, options);
  REQUIRE(next.is_ok());
  CHECK(*next == 8);
  options.prefix = "empty/";
  CHECK(*dataset::next_free_sequence(store.guarded, options) == 1);
}

TEST_CASE("dataset: a full export writes parts in order and a manifest last", "[dataset][batch]") {
  TempStorage store;
  BatchOptions options;
  options.prefix = "full/2026-11-26/";
  options.max_rows = 4;
  int n = 0;
  auto result = dataset::export_all(
      store.guarded, options,
      [&]() -> std::optional<std::string> {
        if (n == 10) return std::nullopt;
        return row_line(n++);
      },
      kNoSleep);
  REQUIRE(result.is_ok());
  CHECK(result->rows == 10);
  CHECK(result->objects == 3);
  CHECK(store.keys("full/") == std::vector<std::string>{"full/2026-11-26/_manifest.json",
                                                        "full/2026-11-26/part-0000000001.jsonl",
                                                        "full/2026-11-26/part-0000000002.jsonl",
                                                        "full/2026-11-26/part-0000000003.jsonl"});
  auto manifest = boost::json::parse(store.get("full/2026-11-26/_manifest.json"));
  CHECK(manifest.at("rows") == 10);
  CHECK(manifest.at("parts").as_array().size() == 3);
}

}  // namespace labelflow::dataset_test
